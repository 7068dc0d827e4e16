//! The model's types: what an article, a page, a term and a language's lists are,
//! once parsed, checked and linked. Plain data: nothing here renders or writes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::dates::{Moment, YearMonth};
use crate::diagnostics::Location;
use crate::front_matter::{Disclaimer, Image};
use crate::images::Picture;
use crate::markdown::Rendered;
use crate::references::Reference;
use crate::taxonomy::TaxonomyKind;

/// A source of a news summary, with its date parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    /// Name of the publisher or document.
    pub name: String,
    /// Its address.
    pub url: String,
    /// Its headline.
    pub title: Option<String>,
    /// When it was published.
    pub published: Option<Moment>,
    /// Its language.
    pub language: Option<String>,
}

/// A correction or update of a published article.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// When it was made.
    pub date: Moment,
    /// What changed, for readers.
    pub note: String,
}

/// One article in one language.
#[derive(Debug, Clone)]
pub struct Article {
    /// Source file, relative to the site root.
    pub file: PathBuf,
    /// Translation key shared by all languages of this article.
    pub stem: String,
    /// Index of the language in `Config::languages`.
    pub lang: usize,
    /// URL slug.
    pub slug: String,
    /// Root-relative URL path, percent-encoded (`/ja/articles/x/`).
    pub url: String,
    /// Output file path relative to the output folder, not encoded.
    pub output: String,
    /// Headline.
    pub title: String,
    /// Publication moment.
    pub date: Moment,
    /// Last update: front matter `updated`, or the latest correction when later.
    pub updated: Option<Moment>,
    /// When the article leaves every list (its page stays).
    pub expires: Option<Moment>,
    /// Until when it leads its language's front page (see `Site::lead`).
    pub featured_until: Option<Moment>,
    /// The `@/` keys (`articles/x.md`) of the articles it pins at the head of its
    /// related coverage, each published when the article was built.
    pub pins: Vec<String>,
    /// Corrections and updates (front matter `updates`), oldest first.
    pub corrections: Vec<Correction>,
    /// Plain-text description.
    pub description: String,
    /// Category key.
    pub category: Option<String>,
    /// Tag keys (slugs), in the order written.
    pub tags: Vec<String>,
    /// The tags as written, in the order of `tags`: a tag's name where site.toml
    /// gives it none (`Politique monétaire`, not its slug).
    pub tag_names: Vec<String>,
    /// Region keys.
    pub regions: Vec<String>,
    /// Author keys or names.
    pub authors: Vec<String>,
    /// A draft (only present with `--drafts`).
    pub draft: bool,
    /// Disclaimer setting.
    pub disclaimer: Option<Disclaimer>,
    /// Lead image.
    pub image: Option<Image>,
    /// The lead image's photograph, when it is one of the site's JPEG, PNG or WebP
    /// files: its size and versions.
    pub picture: Option<Arc<Picture>>,
    /// The news summary as HTML.
    pub summary_html: String,
    /// Sources.
    pub sources: Vec<SourceRef>,
    /// The rendered body (shared with the build cache).
    pub body: Arc<Rendered>,
    /// Front matter `[extra]`.
    pub extra: toml::Table,
    /// Other languages of this article (indices into `Site::articles`), in language order.
    pub translations: Vec<usize>,
    /// The model cache's version of the item: it changes whenever anything the item
    /// is made from may have (what `serve` compares to find what to render again).
    pub version: u64,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// The root-relative links and the images it writes (its lead image when its own
    /// front matter gives one), where it writes them.
    pub references: Vec<(Location, Reference)>,
}

/// What identifies and dates an article: all that sitemaps and the route table
/// read of it. Reading only this much of an article, they do not depend on its text.
#[derive(Debug, Clone, Copy, Hash)]
pub struct ArticleHead<'a> {
    /// Source file.
    pub file: &'a std::path::Path,
    /// Language index.
    pub lang: usize,
    /// Root-relative URL path, percent-encoded.
    pub url: &'a str,
    /// Output file path, not encoded.
    pub output: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Publication moment.
    pub date: Moment,
    /// Last update.
    pub updated: Option<Moment>,
    /// When it leaves every list.
    pub expires: Option<Moment>,
    /// A draft.
    pub draft: bool,
    /// Other languages of the article (indices into the site's articles).
    pub translations: &'a [usize],
}

impl Article {
    /// What identifies and dates this article.
    pub fn head(&self) -> ArticleHead<'_> {
        ArticleHead {
            file: &self.file,
            lang: self.lang,
            url: &self.url,
            output: &self.output,
            title: &self.title,
            date: self.date,
            updated: self.updated,
            expires: self.expires,
            draft: self.draft,
            translations: &self.translations,
        }
    }
}

impl ArticleHead<'_> {
    /// Whether the article has expired at `now`: its page stays, but no list, feed
    /// or news sitemap shows it any more.
    pub fn expired_at(&self, now: jiff::Timestamp) -> bool {
        self.expires.is_some_and(|expires| !expires.is_after(now))
    }
}

/// Why an article is not in a build's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOutReason {
    /// A draft (dated in the future or not), built only with `--drafts`.
    Draft,
    /// Dated after the build clock, built only with `--future` or once due.
    Scheduled,
    /// Expired before the build clock: its page is built, no list shows it.
    Expired,
}

impl LeftOutReason {
    /// What editors read: `draft`, `scheduled` or `expired`.
    pub fn name(self) -> &'static str {
        match self {
            LeftOutReason::Draft => "draft",
            LeftOutReason::Scheduled => "scheduled",
            LeftOutReason::Expired => "expired",
        }
    }
}

/// An article a build leaves out, or off its lists: enough to tell an editor which
/// and why, made without its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Source file, relative to the site root.
    pub file: PathBuf,
    /// Language index.
    pub lang: usize,
    /// Headline.
    pub title: String,
    /// Publication moment (its own or its original's).
    pub date: Option<Moment>,
    /// Why.
    pub why: LeftOutReason,
}

/// A plain page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source file.
    pub file: PathBuf,
    /// Translation key.
    pub stem: String,
    /// Language index.
    pub lang: usize,
    /// Root-relative URL path, encoded.
    pub url: String,
    /// Output file path, not encoded.
    pub output: String,
    /// Title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Rendered body (shared with the build cache).
    pub body: Arc<Rendered>,
    /// `[extra]`.
    pub extra: toml::Table,
    /// Other languages of this page.
    pub translations: Vec<usize>,
    /// The model cache's version of the item: it changes whenever anything the item
    /// is made from may have (what `serve` compares to find what to render again).
    pub version: u64,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// The root-relative links and the images it writes, where it writes them.
    pub references: Vec<(Location, Reference)>,
}

/// The text of a language's home page (`content/_index.md`).
#[derive(Debug, Clone, Default)]
pub struct HomeText {
    /// Heading of the home page; default: the site title.
    pub title: Option<String>,
    /// Meta description; default: the site description.
    pub description: Option<String>,
    /// Rendered text.
    pub html: String,
    /// The root-relative links and the images it writes, where it writes them.
    pub references: Vec<(Location, Reference)>,
}

/// One tag, region or category in one language.
#[derive(Debug, Clone)]
pub struct Term {
    /// Key (region code, category key, or tag slug).
    pub key: String,
    /// Display name in this language.
    pub name: String,
    /// Articles, newest first.
    pub articles: Vec<usize>,
}

/// Everything listed in one language.
#[derive(Debug, Clone, Default)]
pub struct LanguageLists {
    /// All articles of the language, newest first.
    pub articles: Vec<usize>,
    /// The story that leads the front page: the newest of those featured at the
    /// clock, or else the newest.
    pub lead: Option<usize>,
    /// Terms per taxonomy, by key.
    pub taxonomies: BTreeMap<TaxonomyKind, BTreeMap<String, Term>>,
    /// Articles of each author declared in site.toml (by key), newest first; authors
    /// without articles in this language are absent.
    pub authors: BTreeMap<String, Vec<usize>>,
    /// Articles of each month (on the site's clock) that has some, newest first.
    pub archive: BTreeMap<YearMonth, Vec<usize>>,
    /// The home page text.
    pub home: HomeText,
}

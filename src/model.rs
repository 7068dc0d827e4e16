//! The site model: every article, page and list of a build, as plain data.
//!
//! [`Site::build`] takes the loaded files and the options of a build and produces
//! the whole site: front matter parsed and checked against site.toml (regions,
//! categories, languages) and its addresses against [`links`](crate::links), URLs
//! assigned (duplicates are errors), Markdown rendered in parallel with `@/` links
//! resolved and other addresses checked, translations linked by file stem, and for
//! each language the articles newest first and their tags, regions, categories and
//! declared authors.
//! Drafts and future-dated articles are left out here, so nothing downstream can
//! leak them. Nothing in this module renders templates or writes files.
//! [`Site::build_cached`] does the same with a [`ModelCache`], which re-parses and
//! re-renders only the files that changed since the previous build.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::controls;
use crate::dates::{DateError, Moment};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{self, ArticleFrontMatter, Disclaimer, Image, PageFrontMatter};
use crate::load::{Kind, SourceFile};
use crate::markdown::{self, LinkError, MarkdownContext, Rendered};
use crate::output_path::{PathProblem, check_relative, check_segment};
use crate::slug::{encode_path, slugify};

mod cache;

pub use cache::ModelCache;
use cache::StemMates;

/// What a build includes.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated after `now`.
    pub future: bool,
    /// The build clock: articles dated after it are "future".
    pub now: jiff::Timestamp,
}

/// Problems the model finds in otherwise well-formed files.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A region key not declared in site.toml.
    #[error("unknown region \"{0}\"")]
    UnknownRegion(String),
    /// Two files would write the same URL.
    #[error("the URL {url} is also produced by {other}")]
    DuplicateUrl {
        /// The URL path.
        url: String,
        /// The other file.
        other: String,
    },
    /// A front matter date that cannot be used.
    #[error("{key}: {source}")]
    Date {
        /// `date`, `updated`, `updates` or `published`.
        key: &'static str,
        /// What is wrong.
        source: DateError,
    },
    /// An alias that is not a root-relative path inside the site.
    #[error("alias \"{0}\" must be a path inside the site, such as \"/old/path/\": {1}")]
    BadAlias(String, PathProblem),
    /// An article without a date (and no original to take it from).
    #[error("missing `date`")]
    MissingDate,
    /// A slug that would make an empty or unsafe path.
    #[error("slug \"{0}\" cannot be used in a URL: {1}")]
    BadSlug(String, PathProblem),
    /// A tag that slugifies to nothing.
    #[error("tag \"{0}\" has no letters or digits")]
    EmptyTag(String),
    /// A tag or category whose slug cannot be a folder.
    #[error("{0} \"{1}\" cannot be a folder of the site: {2}")]
    BadTerm(&'static str, String, PathProblem),
    /// More values in a list than an article may have.
    #[error("{key} lists {count} values; an article may have at most {limit}")]
    TooMany {
        /// The front matter key.
        key: &'static str,
        /// How many it lists.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A link to another content file that does not exist (or is not built), or a
    /// link or image address that is not allowed.
    #[error("{0}")]
    Link(LinkError),
}

/// The three taxonomies of a news site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyKind {
    /// Topics, free strings.
    Tags,
    /// Countries and regions, declared in site.toml.
    Regions,
    /// One per article.
    Categories,
}

impl TaxonomyKind {
    /// All kinds, in display order.
    pub const ALL: [TaxonomyKind; 3] = [TaxonomyKind::Tags, TaxonomyKind::Regions, TaxonomyKind::Categories];

    /// The URL folder and UI-string key: `tags`, `regions`, `categories`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Regions => "regions",
            TaxonomyKind::Categories => "categories",
        }
    }
}

/// A source of a news summary, with its date parsed.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
    /// Corrections and updates (front matter `updates`), oldest first.
    pub corrections: Vec<Correction>,
    /// Plain-text description.
    pub description: String,
    /// Category key.
    pub category: Option<String>,
    /// Tag keys (slugs), in the order written.
    pub tags: Vec<String>,
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
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
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
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
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
    /// Terms per taxonomy, by key.
    pub taxonomies: BTreeMap<TaxonomyKind, BTreeMap<String, Term>>,
    /// Articles of each author declared in site.toml (by key), newest first; authors
    /// without articles in this language are absent.
    pub authors: BTreeMap<String, Vec<usize>>,
    /// The home page text.
    pub home: HomeText,
}

/// The whole site.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Every built article (shared with the build cache).
    pub articles: Vec<Arc<Article>>,
    /// Every built page.
    pub pages: Vec<Page>,
    /// Per language (same order as `config.languages`).
    pub lists: Vec<LanguageLists>,
    /// The build clock (`ModelOptions::now`).
    pub now: jiff::Timestamp,
    /// The date of the first article left out for being dated after `now` (none
    /// when future articles are built): the output changes once the clock reaches it.
    pub next_publication: Option<jiff::Timestamp>,
}

/// A parsed file waiting for its Markdown.
#[derive(Clone)]
struct Parsed {
    file: SourceFile,
    front_matter_offset: usize,
    body_offset: usize,
    body_line: usize,
    kind: ParsedKind,
    /// For a translation, the text of its original, whose shared fields it took.
    original: Option<Arc<str>>,
}

#[derive(Clone)]
enum ParsedKind {
    Article(Box<ParsedArticle>),
    Page(PageFrontMatter),
}

/// What one content file becomes, before the site links everything together.
#[derive(Debug, Clone)]
enum Item {
    Article(Arc<Article>),
    Page(Page),
    /// A language's home text (language index).
    Home(usize, HomeText),
}

/// An article's front matter with its dates and sources parsed. `date` is `None`
/// only until a translation inherits its original's.
#[derive(Clone)]
struct ParsedArticle {
    fm: ArticleFrontMatter,
    date: Option<Moment>,
    updated: Option<Moment>,
    corrections: Vec<Correction>,
    sources: Vec<SourceRef>,
}

impl Site {
    /// Builds the model from loaded files; every problem found is returned together.
    /// Each file's text is dropped as soon as its body is rendered, so that a big
    /// site never holds all its Markdown and all its HTML at once.
    pub fn build(config: Config, files: Vec<SourceFile>, options: &ModelOptions) -> Result<Site, Diagnostics> {
        let files = files.into_iter().map(Cow::Owned).collect();
        Site::build_cached(config, files, options, &mut ModelCache::for_one_build())
    }

    /// Builds the model like [`Site::build`], reusing from `cache` the front matter
    /// and rendered Markdown of every file whose text, URL and link targets (and, for
    /// a translation, the text of the original it inherits from) are those of the
    /// previous build; the result is the same. A cache holds for one
    /// configuration: start a new one when site.toml changes. Borrowed files are
    /// copied only when their text changed: after an edit, one.
    pub fn build_cached(
        config: Config,
        files: Vec<Cow<'_, SourceFile>>,
        options: &ModelOptions,
        cache: &mut ModelCache,
    ) -> Result<Site, Diagnostics> {
        let mut problems = Vec::new();
        let mut all = Vec::new();
        for p in cache.parse(files, &config) {
            match p {
                Ok(p) => all.push(p),
                Err(d) => problems.extend(d.0),
            }
        }
        inherit_shared_fields(&mut all, &config.default_language().code);
        let next_publication = all.iter().filter_map(|p| due_date(p, options)).min();
        let kept: Vec<Arc<Parsed>> =
            all.into_iter().filter(|p| has_date(p, &mut problems) && is_published(p, options)).collect();
        let urls = assign_urls(&kept, &config, &mut problems);
        let link_map: HashMap<String, String> = kept
            .iter()
            .zip(&urls)
            .filter(|(p, _)| p.file.kind != Kind::Home)
            .map(|(p, (url, _))| (link_key(&p.file), url.clone()))
            .collect();
        let items = cache.items(kept, urls, &link_map, &config);
        let mut site = Site {
            lists: vec![LanguageLists::default(); config.languages.len()],
            config,
            articles: Vec::new(),
            pages: Vec::new(),
            now: options.now,
            next_publication,
        };
        for (item, item_problems) in items {
            problems.extend(item_problems);
            site.push(item);
        }
        let relinked = site.link_translations();
        cache.keep_linked(relinked.iter().map(|&i| &site.articles[i]));
        site.build_lists();
        Diagnostics(problems).into_result(site)
    }

    /// Updates the site in place after an edit of article `file` alone, when the edit
    /// leaves its URL, its links' targets, its aliases and every list as they were
    /// (the usual case: an article's text or title); the result is then the same as
    /// [`Site::build_cached`]'s, and the article's index is returned. A translation
    /// inherits from its original as in a full build. Returns `None`, the site
    /// unchanged, when the site must be built again (a new date, tags or slug, a
    /// problem in the file, or an original with translations, which inherit its
    /// shared fields).
    pub fn update_article(
        &mut self,
        file: &SourceFile,
        options: &ModelOptions,
        cache: &mut ModelCache,
    ) -> Option<usize> {
        // Both paths come from the same walk of `content/`: equal paths have equal bytes,
        // which compare much faster than path components.
        let i = self.articles.iter().position(|a| a.file.as_os_str() == file.path.as_os_str())?;
        let original = match cache.stem_mates(file, &self.config.default_language().code) {
            StemMates::None => None,
            StemMates::Original(original) => Some(original),
            StemMates::Others => return None,
        };
        let read = Arc::new(parse_file(file.clone(), &self.config).ok()?);
        let mut parsed = read.clone();
        if let Some(original) = &original {
            inherit(&mut parsed, original);
        }
        if !has_date(&parsed, &mut Vec::new()) || !is_published(&parsed, options) {
            return None;
        }
        let mut problems = Vec::new();
        let (url, output) = assign_urls(std::slice::from_ref(&parsed), &self.config, &mut problems).pop()?;
        let old = self.articles[i].clone();
        if !problems.is_empty() || url != old.url || output != old.output {
            return None;
        }
        let (item, problems) =
            cache.rebuild_one(read, &parsed, (url, output), &|target| self.link_target(target), &self.config);
        let Item::Article(mut new) = item else { return None };
        let same_lists = (
            new.lang,
            &new.stem,
            new.date.timestamp,
            &new.tags,
            &new.regions,
            &new.category,
            &new.authors,
            &new.aliases,
        ) == (
            old.lang,
            &old.stem,
            old.date.timestamp,
            &old.tags,
            &old.regions,
            &old.category,
            &old.authors,
            &old.aliases,
        );
        if !problems.is_empty() || !same_lists {
            return None;
        }
        Arc::make_mut(&mut new).translations = old.translations.clone();
        cache.keep_linked(std::iter::once(&new));
        self.articles[i] = new;
        Some(i)
    }

    /// The URL of `@/` link target `target` (`articles/x.md`), as a full build
    /// resolves it.
    fn link_target(&self, target: &str) -> Option<String> {
        let is_target = |file: &std::path::Path| {
            file.strip_prefix("content")
                .is_ok_and(|p| p.as_os_str().len() == target.len() && p.to_string_lossy().replace('\\', "/") == target)
        };
        let article = self.articles.iter().find(|a| is_target(&a.file)).map(|a| a.url.clone());
        article.or_else(|| self.pages.iter().find(|p| is_target(&p.file)).map(|p| p.url.clone()))
    }

    fn push(&mut self, item: Item) {
        match item {
            Item::Article(a) => self.articles.push(a),
            Item::Page(p) => self.pages.push(p),
            Item::Home(lang, home) => self.lists[lang].home = home,
        }
    }

    /// Links every article and page to its other languages (same stem); returns the
    /// articles whose links changed (they are no longer shared with the cache).
    fn link_translations(&mut self) -> Vec<usize> {
        let articles = translations(self.articles.iter().map(|a| (a.stem.as_str(), a.lang)));
        let mut relinked = Vec::new();
        for (i, (a, translations)) in self.articles.iter_mut().zip(articles).enumerate() {
            if a.translations != translations {
                Arc::make_mut(a).translations = translations;
                relinked.push(i);
            }
        }
        let pages = translations(self.pages.iter().map(|p| (p.stem.as_str(), p.lang)));
        for (p, translations) in self.pages.iter_mut().zip(pages) {
            p.translations = translations;
        }
        relinked
    }

    /// Per language: all articles newest first, and every term with its articles.
    fn build_lists(&mut self) {
        let mut order: Vec<usize> = (0..self.articles.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.articles[a], &self.articles[b]);
            b.date.timestamp.cmp(&a.date.timestamp).then_with(|| a.file.cmp(&b.file))
        });
        for i in order {
            let article = &self.articles[i];
            let lists = &mut self.lists[article.lang];
            lists.articles.push(i);
            let code = &self.config.languages[article.lang].code;
            let mut add = |kind: TaxonomyKind, key: &str, written: &str| {
                let names = match kind {
                    TaxonomyKind::Tags => &self.config.tags,
                    TaxonomyKind::Regions => &self.config.regions,
                    TaxonomyKind::Categories => &self.config.categories,
                };
                let terms = lists.taxonomies.entry(kind).or_default();
                if let Some(term) = terms.get_mut(key) {
                    term.articles.push(i);
                    return;
                }
                let name =
                    names.get(key).and_then(|n| n.name.get(code)).cloned().unwrap_or_else(|| written.to_string());
                terms.insert(key.to_string(), Term { key: key.to_string(), name, articles: vec![i] });
            };
            for tag in &article.tags {
                add(TaxonomyKind::Tags, tag, tag);
            }
            for region in &article.regions {
                add(TaxonomyKind::Regions, region, region);
            }
            if let Some(category) = &article.category {
                add(TaxonomyKind::Categories, category, category);
            }
            for author in &article.authors {
                if self.config.authors.contains_key(author) {
                    lists.authors.entry(author.clone()).or_default().push(i);
                }
            }
        }
        for lists in &mut self.lists {
            for kind in TaxonomyKind::ALL {
                lists.taxonomies.entry(kind).or_default();
            }
        }
    }

    /// The URL path of a term page (`/ja/regions/kp/`), encoded.
    pub fn term_url(&self, lang: usize, kind: TaxonomyKind, key: &str) -> String {
        encode_path(&format!("/{}{}/{key}/", self.config.languages[lang].prefix, kind.as_str()))
    }

    /// The URL path of a taxonomy index (`/ja/tags/`).
    pub fn taxonomy_url(&self, lang: usize, kind: TaxonomyKind) -> String {
        format!("/{}{}/", self.config.languages[lang].prefix, kind.as_str())
    }

    /// A term of a language, when some article of that language uses it.
    pub fn term(&self, lang: usize, kind: TaxonomyKind, key: &str) -> Option<&Term> {
        self.lists[lang].taxonomies.get(&kind)?.get(key)
    }

    /// The URL path of a declared author's page (`/ja/authors/redaction/`), encoded.
    pub fn author_url(&self, lang: usize, key: &str) -> String {
        encode_path(&format!("/{}authors/{key}/", self.config.languages[lang].prefix))
    }

    /// The URL path of a language's list of authors (`/ja/authors/`).
    pub fn authors_url(&self, lang: usize) -> String {
        format!("/{}authors/", self.config.languages[lang].prefix)
    }

    /// The URL path of a language's home (`/` or `/ja/`).
    pub fn home_url(&self, lang: usize) -> String {
        format!("/{}", self.config.languages[lang].prefix)
    }
}

/// For each item, the other items with its stem, in language order.
fn translations<'a>(items: impl Iterator<Item = (&'a str, usize)> + Clone) -> Vec<Vec<usize>> {
    let groups = group_by_stem(items.clone());
    items.enumerate().map(|(i, (stem, _))| groups[stem].iter().copied().filter(|&j| j != i).collect()).collect()
}

/// Indices of the items sharing each stem, in language order.
fn group_by_stem<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> HashMap<&'a str, Vec<usize>> {
    let mut groups: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (i, (stem, lang)) in items.enumerate() {
        groups.entry(stem).or_default().push((lang, i));
    }
    groups
        .into_iter()
        .map(|(stem, mut v)| {
            v.sort();
            (stem, v.into_iter().map(|(_, i)| i).collect())
        })
        .collect()
}

/// The `@/` key of a file: its path under `content/` (`articles/x.ja.md`).
fn link_key(file: &SourceFile) -> String {
    file.path.strip_prefix("content").unwrap_or(&file.path).to_string_lossy().replace('\\', "/")
}

fn url_slug(url: &str) -> String {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()
}

fn is_published(p: &Parsed, options: &ModelOptions) -> bool {
    match &p.kind {
        ParsedKind::Article(a) => {
            (options.drafts || !a.fm.draft) && (options.future || !a.date.is_some_and(|d| d.is_after(options.now)))
        }
        ParsedKind::Page(fm) => options.drafts || !fm.draft,
    }
}

/// The date of an article left out only for being dated after the build clock.
fn due_date(p: &Parsed, options: &ModelOptions) -> Option<jiff::Timestamp> {
    let ParsedKind::Article(a) = &p.kind else {
        return None;
    };
    let date = a.date.as_ref()?;
    let held_back = !options.future && (options.drafts || !a.fm.draft) && date.is_after(options.now);
    held_back.then_some(date.timestamp)
}

fn parse_file(file: SourceFile, config: &Config) -> Result<Parsed, Diagnostics> {
    let split = front_matter::split(&file.text, &file.path)?;
    let (front_matter_offset, body_offset) = (split.front_matter_offset, file.text.len() - split.body.len());
    let body_line = split.body_line;
    let kind = match file.kind {
        Kind::Article => {
            let fm: ArticleFrontMatter = front_matter::parse(split.front_matter, &file.path)?;
            fm.refused_links(&file.path, split.front_matter).into_result(())?;
            let date_of = |key: &'static str, value: &toml::value::Datetime| {
                Moment::from_toml(value, &config.timezone)
                    .map_err(|source| Diagnostic::new(key_location(&file, key), ModelError::Date { key, source }))
            };
            let date = fm.date.as_ref().map(|d| date_of("date", d)).transpose()?;
            let mut corrections = fm
                .updates
                .iter()
                .map(|u| Ok(Correction { date: date_of("updates", &u.date)?, note: u.note.clone() }))
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            corrections.sort_by_key(|c| c.date.timestamp);
            let written = fm.updated.as_ref().map(|u| date_of("updated", u)).transpose()?;
            let updated = latest(written, corrections.last().map(|c| c.date));
            let mut sources = Vec::new();
            for s in fm.source.iter().chain(&fm.sources) {
                sources.push(SourceRef {
                    name: s.name.clone(),
                    url: s.url.to_string(),
                    title: s.title.clone(),
                    published: s.published.as_ref().map(|d| date_of("published", d)).transpose()?,
                    language: s.language.clone(),
                });
            }
            ParsedKind::Article(Box::new(ParsedArticle { fm, date, updated, corrections, sources }))
        }
        Kind::Page | Kind::Home => ParsedKind::Page(front_matter::parse(split.front_matter, &file.path)?),
    };
    Ok(Parsed { file, front_matter_offset, body_offset, body_line, kind, original: None })
}

/// The later of two optional moments.
fn latest(a: Option<Moment>, b: Option<Moment>) -> Option<Moment> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.timestamp > a.timestamp { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Translations share what their original (the default-language file with the same
/// stem) says about the news: date, regions, category, sources, image, authors and
/// disclaimer, unless they say otherwise. Titles, tags and text stay their own.
fn inherit_shared_fields(parsed: &mut [Arc<Parsed>], default_lang: &str) {
    let originals: HashMap<String, Arc<Parsed>> = parsed
        .iter()
        .filter(|p| p.file.kind == Kind::Article && p.file.lang == default_lang)
        .map(|p| (p.file.stem.clone(), p.clone()))
        .collect();
    for p in parsed.iter_mut() {
        if let Some(original) = originals.get(&p.file.stem) {
            inherit(p, original);
        }
    }
}

/// Gives article `p` the shared fields it leaves out, from `original` (an article of
/// the default language with its stem).
fn inherit(p: &mut Arc<Parsed>, original: &Parsed) {
    let ParsedKind::Article(original_article) = &original.kind else {
        return;
    };
    if original.file.path == p.file.path || !matches!(p.kind, ParsedKind::Article(_)) {
        return;
    }
    let p = Arc::make_mut(p);
    p.original = Some(original.file.text.clone());
    let ParsedKind::Article(translation) = &mut p.kind else {
        return;
    };
    let (from, to) = (&original_article.fm, &mut translation.fm);
    translation.date = translation.date.or(original_article.date);
    translation.updated = translation.updated.or(original_article.updated);
    if translation.sources.is_empty() {
        translation.sources = original_article.sources.clone();
    }
    if to.regions.is_empty() {
        to.regions = from.regions.clone();
    }
    if to.authors.is_empty() {
        to.authors = from.authors.clone();
    }
    to.category = to.category.take().or_else(|| from.category.clone());
    to.image = to.image.take().or_else(|| from.image.clone());
    to.disclaimer = to.disclaimer.take().or_else(|| from.disclaimer.clone());
}

/// Articles need a date, their own or their original's; reports the ones without.
fn has_date(p: &Parsed, problems: &mut Vec<Diagnostic>) -> bool {
    match &p.kind {
        ParsedKind::Article(a) if a.date.is_none() => {
            problems.push(
                Diagnostic::new(Location::file(&p.file.path), ModelError::MissingDate)
                    .with_hint("add `date = 2025-08-28` (translations take it from their original when it exists)"),
            );
            false
        }
        _ => true,
    }
}

/// Assigns each kept file its URL and output path; duplicates are reported.
fn assign_urls(kept: &[Arc<Parsed>], config: &Config, problems: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    let mut urls = Vec::with_capacity(kept.len());
    for p in kept {
        let prefix = &config.language(&p.file.lang).map_or("", |l| l.prefix.as_str());
        let (folder, explicit) = match &p.kind {
            ParsedKind::Article(a) => ("articles/", a.fm.slug.clone()),
            ParsedKind::Page(fm) => ("", fm.slug.clone()),
        };
        let default_slug = strip_date_prefix(p.file.stem.rsplit('/').next().unwrap_or(&p.file.stem));
        let slug = explicit.clone().unwrap_or_else(|| default_slug.to_string());
        if let Err(problem) = check_relative(&slug) {
            problems.push(Diagnostic::new(key_location(&p.file, "slug"), ModelError::BadSlug(slug.clone(), problem)));
        }
        let plain = if p.file.kind == Kind::Home { format!("/{prefix}") } else { format!("/{prefix}{folder}{slug}/") };
        if p.file.kind != Kind::Home
            && let Some(other) = seen.insert(plain.clone(), &p.file.path)
        {
            let error = ModelError::DuplicateUrl { url: plain.clone(), other: other.display().to_string() };
            problems.push(
                Diagnostic::new(key_location(&p.file, "slug"), error)
                    .with_hint("give one of them another `slug` in its front matter"),
            );
        }
        let output = format!("{}index.html", &plain[1..]);
        urls.push((encode_path(&plain), output));
    }
    urls
}

/// The output file of an alias (`/old/path/` → `old/path/index.html`,
/// `/old.html` → `old.html`), or why it is not a safe root-relative path.
pub fn alias_output(alias: &str) -> Result<String, PathProblem> {
    let path = alias.strip_prefix('/').ok_or(PathProblem::NotRooted)?;
    check_relative(path)?;
    let last = path.rsplit('/').next().unwrap_or("");
    Ok(if path.ends_with('/') {
        format!("{path}index.html")
    } else if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

/// `2025-08-28-meeting` → `meeting`.
fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
        && bytes[10] == b'-';
    if is_date { &stem[11..] } else { stem }
}

fn render_markdown(p: &Parsed, ctx: &MarkdownContext) -> (Rendered, Option<String>, Vec<Diagnostic>) {
    let (path, text) = (&p.file.path, &p.file.text);
    let (body, errors) = markdown::render(&text[p.body_offset..], ctx);
    let mut problems: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| link_problem(Location::at_offset(path, &text[p.body_offset..], e.offset, p.body_line), e))
        .collect();
    let summary = match &p.kind {
        ParsedKind::Article(a) => a.fm.summary.as_ref().map(|s| {
            let (html, errors) = markdown::render_inline_block(&controls::strip(s.get_ref()), ctx);
            let front_matter = &text[p.front_matter_offset..];
            problems.extend(
                errors
                    .into_iter()
                    .map(|e| link_problem(front_matter::location_in_string(path, front_matter, s, e.offset), e)),
            );
            html
        }),
        ParsedKind::Page(_) => None,
    };
    (body, summary, problems)
}

fn link_problem(at: Location, e: LinkError) -> Diagnostic {
    let hint = e.hint();
    Diagnostic::new(at, ModelError::Link(e)).with_hint(hint)
}

/// Renders a kept file's Markdown (links resolved by `resolve`) and makes its
/// article, page or home text; returns it with the problems found.
fn build_item(
    p: &Parsed,
    url: String,
    output: String,
    config: &Config,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
) -> (Item, Vec<Diagnostic>) {
    let ctx = MarkdownContext {
        smart_punctuation: config.markdown.smart_punctuation,
        highlight_code: config.markdown.highlight_code,
        raw_html: config.markdown.raw_html,
        resolve,
    };
    let (body, summary_html, mut problems) = render_markdown(p, &ctx);
    let lang = config.languages.iter().position(|l| l.code == p.file.lang).unwrap_or(0);
    let aliases = match &p.kind {
        ParsedKind::Article(a) => &a.fm.aliases,
        ParsedKind::Page(fm) => &fm.aliases,
    };
    for alias in aliases {
        if let Err(problem) = alias_output(alias) {
            let error = ModelError::BadAlias(alias.clone(), problem);
            problems.push(Diagnostic::new(key_location(&p.file, "aliases"), error));
        }
    }
    let item = match &p.kind {
        ParsedKind::Article(a) => {
            let parts = ArticleParts { url, output, body, summary_html };
            Item::Article(Arc::new(make_article(p, a, parts, lang, config, &mut problems)))
        }
        ParsedKind::Page(fm) if p.file.kind == Kind::Home => Item::Home(
            lang,
            HomeText { title: Some(fm.title.clone()), description: fm.description.clone(), html: body.html },
        ),
        ParsedKind::Page(fm) => {
            let description =
                fm.description.clone().unwrap_or_else(|| markdown::plain_text(&p.file.text[p.body_offset..], 200));
            Item::Page(Page {
                file: p.file.path.clone(),
                stem: p.file.stem.clone(),
                lang,
                url,
                output,
                title: fm.title.clone(),
                description,
                body: Arc::new(body),
                extra: fm.extra.clone(),
                translations: Vec::new(),
                aliases: fm.aliases.clone(),
            })
        }
    };
    (item, problems)
}

/// What an article gets from outside its front matter.
struct ArticleParts {
    url: String,
    output: String,
    body: Rendered,
    summary_html: Option<String>,
}

/// Makes a kept article (dated, its own date or its original's), checking its
/// regions and tags.
fn make_article(
    p: &Parsed,
    a: &ParsedArticle,
    parts: ArticleParts,
    lang: usize,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Article {
    let fm = &a.fm;
    check_fan_out(p, fm, problems);
    for region in &fm.regions {
        if !config.regions.contains_key(region) {
            let known: Vec<_> = config.regions.keys().map(String::as_str).collect();
            problems.push(
                Diagnostic::new(key_location(&p.file, "regions"), ModelError::UnknownRegion(region.clone())).with_hint(
                    format!("declare it under [regions.{region}] in site.toml (known: {})", known.join(", ")),
                ),
            );
        }
    }
    let mut tags = Vec::new();
    for tag in &fm.tags {
        let slug = slugify(tag);
        if slug.is_empty() {
            problems.push(Diagnostic::new(key_location(&p.file, "tags"), ModelError::EmptyTag(tag.clone())));
        } else if let Err(problem) = check_segment(&slug) {
            let error = ModelError::BadTerm("tag", tag.clone(), problem);
            problems.push(Diagnostic::new(key_location(&p.file, "tags"), error));
        } else if !tags.contains(&slug) {
            tags.push(slug);
        }
    }
    let category = fm.category.as_deref().map(slugify).filter(|c| !c.is_empty());
    if let Some(Err(problem)) = category.as_deref().map(check_segment) {
        let error = ModelError::BadTerm("category", fm.category.clone().unwrap_or_default(), problem);
        problems.push(Diagnostic::new(key_location(&p.file, "category"), error));
    }
    let description = fm
        .description
        .clone()
        .or_else(|| fm.summary.as_ref().map(|s| markdown::plain_text(s.get_ref(), 200)))
        .unwrap_or_else(|| markdown::plain_text(&p.file.text[p.body_offset..], 200));
    Article {
        slug: url_slug(&parts.url),
        file: p.file.path.clone(),
        stem: p.file.stem.clone(),
        lang,
        url: parts.url,
        output: parts.output,
        title: fm.title.clone(),
        date: a.date.expect("kept articles have a date (has_date)"),
        updated: a.updated,
        corrections: a.corrections.clone(),
        description,
        category,
        tags,
        regions: without_repeats(&fm.regions),
        authors: without_repeats(&fm.authors),
        draft: fm.draft,
        disclaimer: fm.disclaimer.clone(),
        image: fm.image.clone(),
        summary_html: parts.summary_html.unwrap_or_default(),
        sources: a.sources.clone(),
        body: Arc::new(parts.body),
        extra: fm.extra.clone(),
        translations: Vec::new(),
        aliases: fm.aliases.clone(),
    }
}

/// How many values an article may list per key: each tag, region and author puts the
/// article on a page and in a feed of its own, and each alias writes a page, so one
/// file must not be able to fan out without bound.
pub const FAN_OUT_LIMITS: [(&str, usize); 5] =
    [("tags", 50), ("regions", 50), ("authors", 20), ("aliases", 20), ("sources", 50)];

/// Reports every list of article front matter `fm` longer than its limit.
fn check_fan_out(p: &Parsed, fm: &ArticleFrontMatter, problems: &mut Vec<Diagnostic>) {
    let counts = [fm.tags.len(), fm.regions.len(), fm.authors.len(), fm.aliases.len(), fm.sources.len()];
    for ((key, limit), count) in FAN_OUT_LIMITS.into_iter().zip(counts) {
        if count > limit {
            let error = ModelError::TooMany { key, count, limit };
            problems.push(Diagnostic::new(key_location(&p.file, key), error));
        }
    }
}

/// `values` in their order, each once.
fn without_repeats(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// The line of `key = ...` in a file's front matter (or the file, when not found).
fn key_location(file: &SourceFile, key: &str) -> Location {
    front_matter::key_location(&file.path, &file.text, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_stripped_from_default_slugs() {
        assert_eq!(strip_date_prefix("2025-08-28-trilateral-meeting"), "trilateral-meeting");
        assert_eq!(strip_date_prefix("about"), "about");
        assert_eq!(strip_date_prefix("2025-08-28"), "2025-08-28");
    }

    #[test]
    fn aliases_map_to_output_files() {
        assert_eq!(alias_output("/old/path/").as_deref(), Ok("old/path/index.html"));
        assert_eq!(alias_output("/old/page.html").as_deref(), Ok("old/page.html"));
        assert_eq!(alias_output("/old").as_deref(), Ok("old/index.html"));
        for bad in ["old/", "/", "//x", "/../etc/", "/a/../../b", "/a\\b", "/con/"] {
            assert!(alias_output(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_one_build_cache_frees_each_text_once_its_item_is_built() {
        let config = Config::parse("title='t'\nbase_url='https://x.org'\n", std::path::Path::new("site.toml")).unwrap();
        let text: Arc<str> = "+++\ntitle = \"A\"\ndate = 2025-08-01\n+++\n## Context\nText.\n".into();
        let file = SourceFile {
            path: PathBuf::from("content/articles/a.md"),
            kind: Kind::Article,
            stem: "a".into(),
            lang: "en".into(),
            text: text.clone(),
        };
        let options = ModelOptions { drafts: false, future: true, now: jiff::Timestamp::UNIX_EPOCH };
        let mut cache = ModelCache::for_one_build();
        let site = Site::build_cached(config.clone(), vec![Cow::Borrowed(&file)], &options, &mut cache).unwrap();
        assert_eq!(site.articles[0].body.section_html(&site.articles[0].body.sections[0]), "<p>Text.</p>\n");
        assert_eq!(Arc::strong_count(&text), 2, "only this test and `file` hold the text");
        assert_eq!(cache.version(&file.path), None);

        let mut remembering = ModelCache::default();
        Site::build_cached(config, vec![Cow::Borrowed(&file)], &options, &mut remembering).unwrap();
        assert!(remembering.version(&file.path).is_some());
        assert!(Arc::strong_count(&text) > 2, "a serve cache keeps the text to compare the next one with");
    }
}

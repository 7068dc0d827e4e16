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
//! leak them, and a record of each is kept (`left_out`); articles past their
//! `expires` are built but left off every list. Nothing in this module renders
//! templates or writes files.
//! [`Site::build_cached`] does the same with a [`ModelCache`], which re-parses and
//! re-renders only the files that changed since the previous build.
//!
//! One step a file: `types` (what the model holds), `parse` (front matter, and
//! translations inheriting their original's shared fields), `left_out` (what a
//! build sets aside, and why), `urls` (where each file is published), `items`
//! (Markdown rendered, terms checked), `lists` (translations linked, lists per
//! language), `update` (an edit applied in place) and `cache`.

mod access;
mod cache;
mod digest;
mod items;
mod left_out;
mod lists;
mod parse;
mod related;
mod types;
mod update;
mod urls;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

pub use crate::taxonomy::TaxonomyKind;
pub use access::RECENT;
pub use cache::ModelCache;
pub use digest::Index;
pub use items::FAN_OUT_LIMITS;
pub use types::{
    Article, ArticleHead, Correction, HomeText, LanguageLists, LeftOut, LeftOutReason, Page, SourceRef, Term,
};
pub use urls::strip_date_prefix;

use crate::config::Config;
use crate::dates::DateError;
use crate::diagnostics::{self, Diagnostics, Problem};
use crate::images::Pictures;
use crate::load::{Kind, SourceFile};
use crate::markdown::{LinkError, LinkTarget};
use crate::output_path::PathProblem;
use items::Item;
use left_out::partition;
use parse::inherit_shared_fields;
use urls::{assign_urls, link_key};

/// What a build includes.
#[derive(Clone)]
pub struct ModelOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated after `now`.
    pub future: bool,
    /// The build clock: articles dated after it are "future".
    pub now: jiff::Timestamp,
    /// Where the site's photographs are read (their size, their versions).
    pub pictures: Arc<Pictures>,
}

impl ModelOptions {
    /// Options reading no photograph, for models made without a site's folder.
    pub fn without_pictures(drafts: bool, future: bool, now: jiff::Timestamp) -> ModelOptions {
        ModelOptions { drafts, future, now, pictures: Arc::new(Pictures::none()) }
    }
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
        /// `date`, `updated`, `expires`, `featured_until`, `updates` or `published`.
        key: &'static str,
        /// What is wrong.
        source: DateError,
    },
    /// An article that would expire before it is published.
    #[error("the article expires ({expires}) before its date ({date})")]
    ExpiresBeforeDate {
        /// `expires`, RFC 3339.
        expires: String,
        /// `date`, RFC 3339.
        date: String,
    },
    /// An alias that is not a root-relative path inside the site.
    #[error("alias \"{0}\" must be a path inside the site, such as \"/old/path/\": {1}")]
    BadAlias(String, PathProblem),
    /// A `related` entry that is not an `@/` link to an article.
    #[error("related article \"{0}\" must be an @/ link to a file under content/articles/")]
    BadPin(String),
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

impl Problem for ModelError {
    fn kind(&self) -> diagnostics::Kind {
        match self {
            ModelError::UnknownRegion(_) => diagnostics::Kind::UnknownRegion,
            ModelError::DuplicateUrl { .. } => diagnostics::Kind::DuplicateUrl,
            ModelError::Date { .. } | ModelError::ExpiresBeforeDate { .. } => diagnostics::Kind::InvalidDate,
            ModelError::BadAlias(..) => diagnostics::Kind::BadAlias,
            ModelError::MissingDate => diagnostics::Kind::MissingDate,
            ModelError::BadSlug(..) => diagnostics::Kind::BadSlug,
            ModelError::EmptyTag(_) | ModelError::BadTerm(..) => diagnostics::Kind::BadTerm,
            ModelError::TooMany { .. } => diagnostics::Kind::TooMany,
            ModelError::Link(e) => e.problem.kind(),
            ModelError::BadPin(_) => diagnostics::Kind::BrokenLink,
        }
    }
}

/// The whole site.
#[derive(Debug)]
/// Its fields are private: the rest of the crate reads it through the accessors of
/// `access`, which report what they give out.
pub struct Site {
    /// The configuration.
    config: Config,
    /// Every built article (shared with the build cache).
    articles: Vec<Arc<Article>>,
    /// Every built page.
    pages: Vec<Page>,
    /// Per language (same order as `config.languages`).
    lists: Vec<LanguageLists>,
    /// Each listed article's place in the order every list follows (newest first,
    /// then by file); `u32::MAX` for an article in no list (expired).
    ranks: Vec<u32>,
    /// The build clock (`ModelOptions::now`).
    now: jiff::Timestamp,
    /// The articles left out of the build: drafts and scheduled ones.
    left_out: Vec<LeftOut>,
    /// What each `@/` link target is, by its key (`articles/x.md`).
    links: HashMap<String, LinkTarget>,
    /// Each article by its `@/` key, when some article pins related ones.
    by_link_key: HashMap<String, usize>,
    /// Where each article and page is, made the first time a rebuild asks.
    index: std::sync::OnceLock<Index>,
    /// The photographs the site's texts show, as read while it was built.
    pictures: Arc<Pictures>,
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
        let split = partition(all, &config, options, &mut problems);
        let kept = split.kept;
        let urls = assign_urls(&kept, &config, &mut problems);
        let links: HashMap<String, LinkTarget> = kept
            .iter()
            .zip(&urls)
            .filter(|(p, _)| p.file.kind != Kind::Home)
            .map(|(p, (url, _))| (link_key(&p.file), LinkTarget::Published(url.clone())))
            .chain(split.targets)
            .collect();
        let items = cache.items(kept, urls, (&links, &options.pictures), &config);
        let mut site = Site {
            lists: vec![LanguageLists::default(); config.languages.len()],
            ranks: Vec::new(),
            config,
            articles: Vec::new(),
            pages: Vec::new(),
            now: options.now,
            left_out: split.left_out,
            links,
            by_link_key: HashMap::new(),
            index: std::sync::OnceLock::new(),
            pictures: options.pictures.clone(),
        };
        for (item, item_problems) in items {
            problems.extend(item_problems);
            site.push(item);
        }
        site.index_pinned();
        let relinked = site.link_translations();
        cache.keep_linked(relinked.iter().map(|&i| &site.articles[i]));
        site.build_lists();
        Diagnostics(problems).into_result(site)
    }

    fn push(&mut self, item: Item) {
        match item {
            Item::Article(a) => self.articles.push(a),
            Item::Page(p) => self.pages.push(p),
            Item::Home(lang, home) => self.lists[lang].home = home,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

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
        let options = ModelOptions::without_pictures(false, true, jiff::Timestamp::UNIX_EPOCH);
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

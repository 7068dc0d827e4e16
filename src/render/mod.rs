//! Rendering: one route to one HTML document, through the theme's Tera templates.
//!
//! A [`Renderer`] is made once per build. It compiles the templates and prepares,
//! once, every value that many pages share: each language's `site` and `t` (UI
//! strings), and each article's card (the summary shown in lists). Tera 2 values are
//! reference-counted, so putting a prepared value into a page's context is a cheap
//! pointer copy, not a re-serialization of the site: a list page of twenty articles
//! costs twenty pointer copies. [`Renderer::render`] is then a pure function of the
//! route, safe to call from many threads. Feeds, sitemaps and robots.txt are written
//! by their own modules; `publishing` adds what pages need of them (feed links,
//! JSON-LD, breadcrumbs, bylines, corrections) and renders author pages.
//!
//! `views` holds the values templates receive, `contexts` what each kind of page is
//! given, `front` the front page, `archives` the archive's pages, `pagination` the
//! list pages' paginator, `maps` the maps of region pages, `search` the search page
//! and the files of the search index, `filters` the template filters, `errors`
//! template errors as diagnostics and `blocks` the block a template leaves open.

mod archives;
mod blocks;
mod contexts;
mod errors;
mod filters;
mod front;
mod maps;
mod pagination;
mod publishing;
mod search;
mod views;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use tera::{Context, Tera, Value};

use crate::assets::{self, AssetLinks};
use crate::collation::NameOrder;
use crate::controls;
use crate::dates::DateFormatter;
use crate::deps::{self, Memo, Read};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feeds::Feeds;
use crate::model::{Site, TaxonomyKind};
use crate::redirect;
use crate::routes::{HtmlRoute, Route, places, scheme};
use crate::search::{LanguageIndex, TermCache};
use crate::sitemap::{self, Sitemaps};
use crate::theme::Theme;

pub use errors::TemplateError;
use errors::template_diagnostic;
use filters::{
    Counting, Recent, register_collate_filter, register_number_filter, register_plural_function,
    register_recent_articles,
};
use maps::MapsShown;
use views::{LanguageValues, site_value, term_link_values};

/// Room made for a rendered page before rendering it: most pages fit.
const PAGE_CAPACITY: usize = 32 * 1024;

/// Renders routes of one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    /// Each template's file (for messages) and text, by name.
    origins: BTreeMap<String, (String, String)>,
    languages: Vec<LanguageValues>,
    /// Each article's card, made the first time a list needs it (a rebuild that
    /// renders three pages makes only their cards).
    cards: Vec<Memo<Value>>,
    /// Per language, the link to each term, made once and shared by every card
    /// and article that shows the term.
    term_links: Vec<HashMap<(TaxonomyKind, &'s str), Value>>,
    feeds: Feeds<'s>,
    sitemaps: Sitemaps<'s>,
    /// The URLs of the theme's stylesheets and script.
    assets: AssetLinks,
    /// The site's own `_headers` rules.
    extra_headers: Option<String>,
    /// The maps the templates show.
    maps: MapsShown,
    /// Per language, its search index, made when first needed.
    search: Vec<OnceLock<LanguageIndex>>,
    /// The terms of the documents the indexes were made from, kept across builds.
    terms: Arc<TermCache>,
}

impl<'s> Renderer<'s> {
    /// Compiles the theme's templates and prepares the shared values.
    pub fn new(site: &'s Site, theme: &Theme) -> Result<Renderer<'s>, Diagnostics> {
        let origins: BTreeMap<String, (String, String)> = theme
            .templates
            .values()
            .map(|t| (t.name.clone(), (t.origin.display().to_string(), t.text.clone())))
            .collect();
        let mut tera = Tera::new();
        tera.set_escape_fn(controls::escape_html);
        register_number_filter(&mut tera, site);
        let orders: Vec<Arc<NameOrder>> =
            site.config().languages.iter().map(|l| Arc::new(NameOrder::new(&l.locale))).collect();
        register_collate_filter(&mut tera, site, &orders);
        let countings: Vec<Arc<Counting>> = site
            .config()
            .languages
            .iter()
            .map(|l| Arc::new(Counting::new(&l.locale, theme.strings.get(&l.code).cloned().unwrap_or_default())))
            .collect();
        register_plural_function(&mut tera, site, &countings);
        let recent = Recent::default();
        register_recent_articles(&mut tera, site, recent.clone());
        tera.add_raw_templates(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str())))
            .map_err(|e| template_diagnostic(&e, &origins, None))?;
        let languages = site
            .config()
            .languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let strings = theme.strings.get(&lang.code).cloned().unwrap_or_default();
                let (site, site_reads) = deps::capture(|| Value::from_serializable(&site_value(site, i)));
                LanguageValues {
                    site,
                    site_reads,
                    t: Value::from_serializable(&strings),
                    strings,
                    dates: DateFormatter::new(&lang.locale),
                    names: orders[i].clone(),
                    counting: countings[i].clone(),
                }
            })
            .collect::<Vec<_>>();
        let cards = (0..site.article_count()).map(|_| Memo::new()).collect();
        let term_links = (0..site.language_count()).map(|lang| term_link_values(site, lang)).collect();
        let renderer = Renderer {
            site,
            tera,
            origins,
            languages,
            cards,
            term_links,
            feeds: Feeds::new(site),
            sitemaps: Sitemaps::new(site),
            assets: theme.fingerprints.links(site.config()),
            extra_headers: theme.extra_headers.clone(),
            maps: MapsShown::new(theme.templates.values().map(|t| t.text.as_str())),
            search: (0..site.language_count()).map(|_| OnceLock::new()).collect(),
            terms: Arc::new(TermCache::default()),
        };
        let _ = recent.set((0..site.language_count()).map(|lang| renderer.recent_cards(lang)).collect());
        Ok(renderer)
    }

    /// The same renderer taking the terms of search documents from `terms` (the
    /// cache of earlier builds), instead of a cache of its own.
    pub fn with_term_cache(mut self, terms: Arc<TermCache>) -> Renderer<'s> {
        self.terms = terms;
        self
    }

    /// The cards of the newest articles of language `lang`, and what making them read.
    fn recent_cards(&self, lang: usize) -> (Value, Vec<Read>) {
        deps::capture(|| Value::from(self.site.recent(lang).iter().map(|&i| self.card_value(i)).collect::<Vec<_>>()))
    }

    /// Renders one route: the bytes of its output file.
    pub fn render(&self, route: &Route) -> Result<Vec<u8>, Diagnostic> {
        let text = match route {
            Route::Html(page) => return self.render_page(page),
            Route::Redirect { to, lang, .. } => {
                redirect::redirect_page(&self.site.config().absolute(to), &self.site.config().languages[*lang].code)
            }
            Route::RedirectsFile => {
                let config = self.site.config();
                let pairs: Vec<(String, String)> = places::redirects(self.site)
                    .into_iter()
                    .map(|r| (config.href(&scheme::encode(&r.from)), config.href(&r.to)))
                    .collect();
                redirect::redirects_file(&pairs)
            }
            Route::HeadersFile => assets::headers_file(self.site.config(), self.extra_headers.as_deref()),
            Route::Feed(feed) => self.feeds.render(feed),
            Route::Sitemap { part } => self.sitemaps.urlset(part.unwrap_or(0)),
            Route::SitemapIndex { parts } => self.sitemaps.index(*parts),
            Route::NewsSitemap => self.sitemaps.news(),
            Route::Robots => sitemap::robots(self.site),
            Route::Search(file) => self.render_search_file(file),
        };
        Ok(text.into_bytes())
    }

    /// Renders a page through its template, straight into bytes: the templates'
    /// output needs no second pass to check it is UTF-8, as it is made of UTF-8.
    fn render_page(&self, route: &HtmlRoute) -> Result<Vec<u8>, Diagnostic> {
        // Every page shows its template, the theme's strings and the site's values.
        deps::record(Read::Template(template_of(route)));
        deps::record(Read::Settings);
        let (lang, ctx) = self.context(route);
        deps::record_all(&self.languages[lang].site_reads);
        let mut ctx = ctx;
        self.insert_publishing(route, lang, &mut ctx);
        ctx.insert_value("site", self.languages[lang].site.clone());
        ctx.insert_value("t", self.languages[lang].t.clone());
        ctx.insert("assets", &self.assets);
        if let Some(url) = self.search_url(lang) {
            ctx.insert("search_url", &url);
        }
        let mut page = Vec::with_capacity(PAGE_CAPACITY);
        let template = template_of(route);
        self.tera
            .render_to(template, &ctx, &mut page)
            .map_err(|e| template_diagnostic(&e, &self.origins, Some(template)))?;
        Ok(page)
    }

    fn context(&self, route: &HtmlRoute) -> (usize, Context) {
        match route {
            HtmlRoute::Article(i) => (self.site.article(*i).lang, self.article_context(*i)),
            HtmlRoute::Page(i) => (self.site.page(*i).lang, self.page_context(*i)),
            HtmlRoute::Home { lang, page } => (*lang, self.home_context(*lang, *page)),
            HtmlRoute::TaxonomyList { lang, kind } => (*lang, self.taxonomy_list_context(*lang, *kind)),
            HtmlRoute::Term { lang, kind, key, page } => (*lang, self.term_context(*lang, *kind, key, *page)),
            HtmlRoute::Author { lang, key, page } => (*lang, self.author_context(*lang, key, *page)),
            HtmlRoute::AuthorList { lang } => (*lang, self.author_list_context(*lang)),
            HtmlRoute::ArchiveIndex { lang } => (*lang, self.archive_index_context(*lang)),
            HtmlRoute::ArchiveYear { lang, year } => (*lang, self.archive_year_context(*lang, *year)),
            HtmlRoute::ArchiveMonth { lang, month, page } => (*lang, self.archive_month_context(*lang, *month, *page)),
            HtmlRoute::NotFound { lang } => (*lang, self.not_found_context(*lang)),
            HtmlRoute::Search { lang } => (*lang, self.search_context(*lang)),
        }
    }
}

/// The template that renders `route`.
pub fn template_of(route: &HtmlRoute) -> &'static str {
    match route {
        HtmlRoute::Article(_) => "article.html",
        HtmlRoute::Page(_) => "page.html",
        HtmlRoute::Home { .. } => "index.html",
        HtmlRoute::TaxonomyList { .. } => "taxonomy_list.html",
        HtmlRoute::Term { .. } => "taxonomy_term.html",
        HtmlRoute::Author { .. } => "author.html",
        HtmlRoute::AuthorList { .. } => "authors.html",
        HtmlRoute::ArchiveIndex { .. } => "archives.html",
        HtmlRoute::ArchiveYear { .. } => "archive_year.html",
        HtmlRoute::ArchiveMonth { .. } => "archive_month.html",
        HtmlRoute::NotFound { .. } => "404.html",
        HtmlRoute::Search { .. } => "search.html",
    }
}

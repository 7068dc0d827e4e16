//! Rendering: one route to one HTML document, through the theme's Tera templates.
//!
//! A [`Renderer`] is made once per build. It compiles the templates and prepares,
//! once, every value that many pages share: each language's `site` and `t` (UI
//! strings), and each article's card (the summary shown in lists). Tera 2 values are
//! reference-counted, so putting a prepared value into a page's context is a cheap
//! pointer copy, not a re-serialization of the site: a list page of twenty articles
//! costs twenty pointer copies. [`Renderer::render`] is then a pure function of the
//! route, safe to call from many threads. Feeds, sitemaps and robots.txt are written
//! by their own modules; [`publishing`] adds what pages need of them (feed links,
//! JSON-LD, breadcrumbs, bylines, corrections) and renders author pages.

mod publishing;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::controls;
use crate::dates::DateFormatter;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::feeds::Feeds;
use crate::front_matter::{Disclaimer, Image};
use crate::markdown::TocEntry;
use crate::model::{Article, Site, TaxonomyKind};
use crate::numbers::NumberFormatter;
use crate::redirect;
use crate::routes::{self, HtmlRoute, Route, page_count, paginated_folder};
use crate::sitemap::{self, Sitemaps};
use crate::theme::Theme;

/// A template that failed to compile or render.
#[derive(Debug, thiserror::Error)]
#[error("template error: {0}")]
pub struct TemplateError(pub String);

/// Root-relative URLs of the theme's assets.
#[derive(Debug, Clone, Serialize)]
struct Assets {
    css: &'static str,
    syntax_css: &'static str,
    js: &'static str,
}

/// Room made for a rendered page before rendering it: most pages fit.
const PAGE_CAPACITY: usize = 32 * 1024;

const ASSETS: Assets = Assets { css: "/theme.css", syntax_css: "/syntax.css", js: "/broadsheet.js" };

/// A link to a term, as themes receive it.
#[derive(Debug, Clone, Serialize)]
struct TermLink {
    key: String,
    name: String,
    permalink: String,
}

/// The same page in another language.
#[derive(Debug, Clone, Serialize)]
struct Alternate {
    lang: String,
    name: String,
    permalink: String,
}

#[derive(Serialize)]
struct SiteValue<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    home: String,
    lang: &'a str,
    dir: &'static str,
    default_language: &'a str,
    languages: Vec<LanguageLink<'a>>,
    pages: Vec<PageLink<'a>>,
    generator: &'static str,
    extra: &'a toml::Table,
}

#[derive(Serialize)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    home: String,
}

#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    permalink: String,
}

#[derive(Serialize)]
struct Card<'a> {
    title: &'a str,
    permalink: String,
    path: &'a str,
    lang: &'a str,
    date: String,
    date_display: String,
    description: &'a str,
    category: Option<Value>,
    tags: Vec<Value>,
    regions: Vec<Value>,
    image: Option<&'a Image>,
    reading_time: usize,
}

#[derive(Serialize)]
struct SourceValue<'a> {
    name: &'a str,
    url: &'a str,
    title: Option<&'a str>,
    published: Option<String>,
    published_display: Option<String>,
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct Translation<'a> {
    lang: &'a str,
    name: &'a str,
    permalink: String,
    title: &'a str,
}

#[derive(Serialize)]
struct ArticleValue<'a> {
    title: &'a str,
    permalink: String,
    path: &'a str,
    lang: &'a str,
    slug: &'a str,
    date: String,
    date_display: String,
    updated: Option<String>,
    updated_display: Option<String>,
    description: &'a str,
    category: Option<Value>,
    tags: Vec<Value>,
    regions: Vec<Value>,
    authors: Vec<String>,
    bylines: Vec<publishing::Byline>,
    corrections: Vec<publishing::CorrectionValue>,
    image_url: Option<String>,
    summary_html: &'a str,
    sources: Vec<SourceValue<'a>>,
    intro_html: &'a str,
    sections: Vec<SectionValue<'a>>,
    content_html: &'a str,
    toc: &'a [TocEntry],
    reading_time: usize,
    word_count: usize,
    image: Option<&'a Image>,
    disclaimer: Option<String>,
    draft: bool,
    translations: Vec<Translation<'a>>,
    extra: &'a toml::Table,
}

/// A `##` section of an article's commentary.
#[derive(Serialize)]
struct SectionValue<'a> {
    heading: &'a str,
    id: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct PageValue<'a> {
    title: &'a str,
    permalink: String,
    path: &'a str,
    lang: &'a str,
    description: &'a str,
    content_html: &'a str,
    toc: &'a [TocEntry],
    extra: &'a toml::Table,
}

/// A page of a list worth a link in its page bar.
#[derive(Serialize)]
struct PageNumber {
    number: usize,
    permalink: String,
    /// Some pages before this one have no link of their own.
    gap_before: bool,
}

#[derive(Serialize)]
struct Paginator {
    items: Vec<Value>,
    current: usize,
    total: usize,
    total_items: usize,
    previous: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    pages: Vec<PageNumber>,
}

#[derive(Serialize)]
struct TaxonomyValue<'a> {
    kind: TaxonomyKind,
    name: &'a str,
    permalink: String,
}

#[derive(Serialize)]
struct TermValue<'a> {
    key: &'a str,
    name: &'a str,
    permalink: String,
    count: usize,
}

/// What every page of one language shares.
struct LanguageValues {
    site: Value,
    t: Value,
    strings: BTreeMap<String, String>,
    dates: DateFormatter,
}

/// Renders routes of one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    /// Each template's file (for messages) and text, by name.
    origins: BTreeMap<String, (String, String)>,
    languages: Vec<LanguageValues>,
    /// Each article's card, made the first time a list needs it (a rebuild that
    /// renders three pages makes only their cards).
    cards: Vec<OnceLock<Value>>,
    /// Per language, the link to each term, made once and shared by every card
    /// and article that shows the term.
    term_links: Vec<HashMap<(TaxonomyKind, &'s str), Value>>,
    feeds: Feeds<'s>,
    sitemaps: Sitemaps<'s>,
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
        tera.add_raw_templates(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str())))
            .map_err(|e| template_diagnostic(&e, &origins))?;
        let languages = site
            .config
            .languages
            .iter()
            .enumerate()
            .map(|(i, lang)| {
                let strings = theme.strings.get(&lang.code).cloned().unwrap_or_default();
                LanguageValues {
                    site: Value::from_serializable(&site_value(site, i)),
                    t: Value::from_serializable(&strings),
                    strings,
                    dates: DateFormatter::new(&lang.locale),
                }
            })
            .collect::<Vec<_>>();
        let cards = site.articles.iter().map(|_| OnceLock::new()).collect();
        let term_links = (0..site.lists.len()).map(|lang| term_link_values(site, lang)).collect();
        Ok(Renderer {
            site,
            tera,
            origins,
            languages,
            cards,
            term_links,
            feeds: Feeds::new(site),
            sitemaps: Sitemaps::new(site),
        })
    }

    /// Renders one route: the bytes of its output file.
    pub fn render(&self, route: &Route) -> Result<Vec<u8>, Diagnostic> {
        let text = match route {
            Route::Html(page) => return self.render_page(page),
            Route::Redirect { to, lang } => {
                redirect::redirect_page(&self.site.config.absolute(to), &self.site.config.languages[*lang].code)
            }
            Route::RedirectsFile => {
                let pairs: Vec<(String, String)> =
                    routes::redirects(self.site).into_iter().map(|r| (r.from, r.to)).collect();
                redirect::redirects_file(&pairs)
            }
            Route::Feed(feed) => self.feeds.render(feed),
            Route::Sitemap { part } => self.sitemaps.urlset(*part),
            Route::SitemapIndex { parts } => self.sitemaps.index(*parts),
            Route::NewsSitemap => self.sitemaps.news(),
            Route::Robots => sitemap::robots(self.site),
        };
        Ok(text.into_bytes())
    }

    /// Renders a page through its template, straight into bytes: the templates'
    /// output needs no second pass to check it is UTF-8, as it is made of UTF-8.
    fn render_page(&self, route: &HtmlRoute) -> Result<Vec<u8>, Diagnostic> {
        let (lang, ctx) = self.context(route);
        let mut ctx = ctx;
        self.insert_publishing(route, lang, &mut ctx);
        ctx.insert_value("site", self.languages[lang].site.clone());
        ctx.insert_value("t", self.languages[lang].t.clone());
        ctx.insert("assets", &ASSETS);
        let mut page = Vec::with_capacity(PAGE_CAPACITY);
        self.tera.render_to(template_of(route), &ctx, &mut page).map_err(|e| template_diagnostic(&e, &self.origins))?;
        Ok(page)
    }

    fn context(&self, route: &HtmlRoute) -> (usize, Context) {
        match route {
            HtmlRoute::Article(i) => (self.site.articles[*i].lang, self.article_context(*i)),
            HtmlRoute::Page(i) => (self.site.pages[*i].lang, self.page_context(*i)),
            HtmlRoute::Home { lang, page } => (*lang, self.home_context(*lang, *page)),
            HtmlRoute::TaxonomyList { lang, kind } => (*lang, self.taxonomy_list_context(*lang, *kind)),
            HtmlRoute::Term { lang, kind, key, page } => (*lang, self.term_context(*lang, *kind, key, *page)),
            HtmlRoute::Author { lang, key, page } => (*lang, self.author_context(*lang, key, *page)),
            HtmlRoute::AuthorList { lang } => (*lang, self.author_list_context(*lang)),
            HtmlRoute::NotFound { lang } => (*lang, self.not_found_context(*lang)),
        }
    }

    fn common(&self, path: &str, title: &str, description: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("permalink", &self.site.config.absolute(path));
        ctx.insert("path", path);
        ctx.insert("title", title);
        ctx.insert("description", description);
        ctx
    }

    fn article_context(&self, i: usize) -> Context {
        let a = &self.site.articles[i];
        let mut ctx = self.common(&a.url, &a.title, &a.description);
        ctx.insert("article", &self.article_value(a));
        ctx
    }

    fn page_context(&self, i: usize) -> Context {
        let p = &self.site.pages[i];
        let mut ctx = self.common(&p.url, &p.title, &p.description);
        let value = PageValue {
            title: &p.title,
            permalink: self.site.config.absolute(&p.url),
            path: &p.url,
            lang: &self.site.config.languages[p.lang].code,
            description: &p.description,
            content_html: &p.body.html,
            toc: &p.body.toc,
            extra: &p.extra,
        };
        ctx.insert("page", &value);
        ctx
    }

    fn home_context(&self, lang: usize, page: usize) -> Context {
        let language = &self.site.config.languages[lang];
        let home = &self.site.lists[lang].home;
        let base = self.site.home_url(lang);
        let title = home.title.as_deref().unwrap_or(&language.title);
        let description = home.description.as_deref().unwrap_or(&language.description);
        let path = paginated_url(&base, page);
        let mut ctx = self.common(&path, title, description);
        ctx.insert("home", &serde_json::json!({ "title": title, "content_html": home.html }));
        ctx.insert("paginator", &self.paginator(&self.site.lists[lang].articles, &base, page));
        ctx
    }

    fn taxonomy_list_context(&self, lang: usize, kind: TaxonomyKind) -> Context {
        let path = self.site.taxonomy_url(lang, kind);
        let name = self.string(lang, kind.as_str());
        let mut ctx = self.common(&path, name, &self.site.config.languages[lang].description);
        let mut terms: Vec<TermValue> = self.site.lists[lang].taxonomies[&kind]
            .values()
            .map(|t| TermValue {
                key: &t.key,
                name: &t.name,
                permalink: self.site.config.absolute(&self.site.term_url(lang, kind, &t.key)),
                count: t.articles.len(),
            })
            .collect();
        terms.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.key.cmp(b.key)));
        ctx.insert("taxonomy", &TaxonomyValue { kind, name, permalink: self.site.config.absolute(&path) });
        ctx.insert("terms", &terms);
        ctx
    }

    fn term_context(&self, lang: usize, kind: TaxonomyKind, key: &str, page: usize) -> Context {
        let term = &self.site.lists[lang].taxonomies[&kind][key];
        let base = self.site.term_url(lang, kind, key);
        let path = paginated_url(&base, page);
        let language = &self.site.config.languages[lang];
        let mut ctx = self.common(&path, &term.name, &language.description);
        let tax_path = self.site.taxonomy_url(lang, kind);
        let name = self.string(lang, kind.as_str());
        ctx.insert("taxonomy", &TaxonomyValue { kind, name, permalink: self.site.config.absolute(&tax_path) });
        ctx.insert(
            "term",
            &TermValue {
                key: &term.key,
                name: &term.name,
                permalink: self.site.config.absolute(&base),
                count: term.articles.len(),
            },
        );
        ctx.insert("paginator", &self.paginator(&term.articles, &base, page));
        ctx
    }

    fn not_found_context(&self, lang: usize) -> Context {
        let path = format!("/{}404.html", self.site.config.languages[lang].prefix);
        let title = self.string(lang, "not_found_title");
        self.common(&path, title, title)
    }

    fn string<'a>(&'a self, lang: usize, key: &'a str) -> &'a str {
        self.languages[lang].strings.get(key).map_or(key, String::as_str)
    }

    fn alternate(&self, lang: usize, path: &str) -> Alternate {
        let l = &self.site.config.languages[lang];
        Alternate { lang: l.code.clone(), name: l.name.clone(), permalink: self.site.config.absolute(path) }
    }

    fn paginator(&self, items: &[usize], base: &str, page: usize) -> Paginator {
        let per_page = self.site.config.paginate_by;
        let total = page_count(items.len(), per_page);
        let url = |n: usize| self.site.config.absolute(&paginated_url(base, n));
        Paginator {
            items: items.iter().skip((page - 1) * per_page).take(per_page).map(|&i| self.card_value(i)).collect(),
            current: page,
            total,
            total_items: items.len(),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < total).then(|| url(page + 1)),
            first: url(1),
            last: url(total),
            pages: shown_pages(page, total)
                .into_iter()
                .scan(0, |last, number| {
                    let gap_before = number > *last + 1;
                    *last = number;
                    Some(PageNumber { number, permalink: url(number), gap_before })
                })
                .collect(),
        }
    }

    /// The link to a term as a template value, shared when the term has articles.
    fn term_value(&self, lang: usize, kind: TaxonomyKind, key: &str) -> Value {
        self.term_links[lang]
            .get(&(kind, key))
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(&term_link(self.site, lang, kind, key)))
    }

    fn terms(&self, a: &Article) -> (Option<Value>, Vec<Value>, Vec<Value>) {
        (
            a.category.as_ref().map(|c| self.term_value(a.lang, TaxonomyKind::Categories, c)),
            a.tags.iter().map(|t| self.term_value(a.lang, TaxonomyKind::Tags, t)).collect(),
            a.regions.iter().map(|r| self.term_value(a.lang, TaxonomyKind::Regions, r)).collect(),
        )
    }

    fn reading_time(&self, a: &Article) -> usize {
        let l = &self.site.config.languages[a.lang];
        a.body.stats.reading_minutes(l.words_per_minute, l.chars_per_minute)
    }

    fn card_value(&self, i: usize) -> Value {
        self.cards[i].get_or_init(|| Value::from_serializable(&self.card(&self.site.articles[i]))).clone()
    }

    fn card<'a>(&'a self, a: &'a Article) -> Card<'a> {
        let (category, tags, regions) = self.terms(a);
        Card {
            title: &a.title,
            permalink: self.site.config.absolute(&a.url),
            path: &a.url,
            lang: &self.site.config.languages[a.lang].code,
            date: a.date.rfc3339(),
            date_display: self.languages[a.lang].dates.long_date(&a.date),
            description: &a.description,
            category,
            tags,
            regions,
            image: a.image.as_ref(),
            reading_time: self.reading_time(a),
        }
    }

    fn article_value<'a>(&'a self, a: &'a Article) -> ArticleValue<'a> {
        let (category, tags, regions) = self.terms(a);
        let dates = &self.languages[a.lang].dates;
        let disclaimer = match &a.disclaimer {
            Some(Disclaimer::Flag(true)) => Some(self.string(a.lang, "disclaimer_default").to_string()),
            Some(Disclaimer::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let authors = a
            .authors
            .iter()
            .map(|key| self.site.config.authors.get(key).map_or_else(|| key.clone(), |author| author.name.clone()))
            .collect();
        ArticleValue {
            title: &a.title,
            permalink: self.site.config.absolute(&a.url),
            path: &a.url,
            lang: &self.site.config.languages[a.lang].code,
            slug: &a.slug,
            date: a.date.rfc3339(),
            date_display: dates.long_date(&a.date),
            updated: a.updated.map(|u| u.rfc3339()),
            updated_display: a.updated.map(|u| dates.long_date(&u)),
            description: &a.description,
            category,
            tags,
            regions,
            authors,
            bylines: self.bylines(a),
            corrections: self.corrections(a),
            image_url: a.image.as_ref().and_then(|i| self.site.config.resolve_link(&i.src)),
            summary_html: &a.summary_html,
            sources: a
                .sources
                .iter()
                .map(|s| SourceValue {
                    name: &s.name,
                    url: &s.url,
                    title: s.title.as_deref(),
                    published: s.published.map(|p| p.ymd()),
                    published_display: s.published.map(|p| dates.long_date(&p)),
                    language: s.language.as_deref(),
                })
                .collect(),
            intro_html: a.body.intro_html(),
            sections: a
                .body
                .sections
                .iter()
                .map(|s| SectionValue { heading: &s.heading, id: &s.id, html: a.body.section_html(s) })
                .collect(),
            content_html: &a.body.html,
            toc: &a.body.toc,
            reading_time: self.reading_time(a),
            word_count: a.body.stats.word_count(),
            image: a.image.as_ref(),
            disclaimer,
            draft: a.draft,
            translations: a
                .translations
                .iter()
                .map(|&j| {
                    let t = &self.site.articles[j];
                    let l = &self.site.config.languages[t.lang];
                    Translation {
                        lang: &l.code,
                        name: &l.name,
                        permalink: self.site.config.absolute(&t.url),
                        title: &t.title,
                    }
                })
                .collect(),
            extra: &a.extra,
        }
    }
}

/// The pages of a list of `total` pages that its page bar links when page `current`
/// is shown: the first, the last, and two on each side of the current one; a gap of
/// a single page shows that page rather than an ellipsis. A bar of ten thousand
/// pages then costs the same as a bar of ten.
fn shown_pages(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    shown.dedup();
    let mut filled = Vec::with_capacity(shown.len() + 2);
    for n in shown {
        if filled.last().is_some_and(|&last| n == last + 2) {
            filled.push(n - 1);
        }
        filled.push(n);
    }
    filled
}

/// The link to a term of language `lang`; named by its key when no article of the
/// language has it.
fn term_link(site: &Site, lang: usize, kind: TaxonomyKind, key: &str) -> TermLink {
    let name = site.term(lang, kind, key).map_or(key, |t| t.name.as_str());
    TermLink {
        key: key.to_string(),
        name: name.to_string(),
        permalink: site.config.absolute(&site.term_url(lang, kind, key)),
    }
}

/// The links to every term of language `lang`, as template values.
fn term_link_values(site: &Site, lang: usize) -> HashMap<(TaxonomyKind, &str), Value> {
    let terms = site.lists[lang].taxonomies.iter().flat_map(|(kind, terms)| terms.keys().map(|key| (*kind, key)));
    terms
        .map(|(kind, key)| ((kind, key.as_str()), Value::from_serializable(&term_link(site, lang, kind, key))))
        .collect()
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
        HtmlRoute::NotFound { .. } => "404.html",
    }
}

/// The URL path (encoded) of page `page` of a list whose first page is at `base`.
fn paginated_url(base: &str, page: usize) -> String {
    paginated_folder(base, page)
}

fn site_value(site: &Site, lang: usize) -> SiteValue<'_> {
    let l = &site.config.languages[lang];
    SiteValue {
        title: &l.title,
        description: &l.description,
        base_url: &site.config.base_url,
        home: site.config.absolute(&site.home_url(lang)),
        lang: &l.code,
        dir: if l.rtl { "rtl" } else { "ltr" },
        default_language: &site.config.default_language().code,
        languages: site
            .config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| LanguageLink { code: &l.code, name: &l.name, home: site.config.absolute(&site.home_url(i)) })
            .collect(),
        pages: site
            .pages
            .iter()
            .filter(|p| p.lang == lang)
            .map(|p| PageLink { title: &p.title, permalink: site.config.absolute(&p.url) })
            .collect(),
        generator: concat!("broadsheet ", env!("CARGO_PKG_VERSION")),
        extra: &site.config.extra,
    }
}

/// `{{ n | number }}`: `n` formatted for the page's locale (the language of `site.lang`).
fn register_number_filter(tera: &mut Tera, site: &Site) {
    let formatters: BTreeMap<String, NumberFormatter> =
        site.config.languages.iter().map(|l| (l.code.clone(), NumberFormatter::new(&l.locale))).collect();
    tera.register_filter("number", move |n: i64, _: tera::Kwargs, state: &tera::State| {
        let site = state.get::<Value>("site").ok().flatten();
        let lang = site.as_ref().and_then(|s| s.get_from_path("lang")).and_then(Value::as_str).unwrap_or_default();
        formatters.get(lang).map_or_else(|| n.to_string(), |f| f.format(n))
    });
}

/// A Tera error as a diagnostic naming the template file, line and column.
fn template_diagnostic(e: &tera::Error, origins: &BTreeMap<String, (String, String)>) -> Diagnostic {
    let origin = |name: &str| origins.get(name).map_or_else(|| name.to_string(), |(o, _)| o.clone());
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            Diagnostic::new(
                Location::at(origin(r.filename()), span.start_line, span.start_col + 1),
                TemplateError(r.message().to_string()),
            )
        }
        tera::ErrorKind::CircularInclude { include_chain: chain, .. }
        | tera::ErrorKind::CircularExtend { inheritance_chain: chain, .. } => cycle_diagnostic(chain, origins),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            Location::file(origin(current)),
            TemplateError(format!("extends \"{parent}\", which does not exist")),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::new(
            Location::file(format!("templates/{name}")),
            TemplateError(format!("the theme has no template \"{name}\"")),
        )
        .with_hint("add it to the theme or to the site's templates/ folder"),
        _ => Diagnostic::new(Location::file("templates"), TemplateError(e.to_string())),
    }
}

/// Templates that include or extend one another in a circle: the error points at
/// the line of the last template of `chain` that names the next one.
fn cycle_diagnostic(chain: &[String], origins: &BTreeMap<String, (String, String)>) -> Diagnostic {
    let (from, to) = match chain {
        [.., from, to] => (from.as_str(), to.as_str()),
        _ => ("templates", ""),
    };
    let location = match origins.get(from) {
        Some((origin, text)) => {
            let line = text.lines().position(|l| l.contains(&format!("\"{to}\""))).map_or(1, |i| i + 1);
            Location::at(origin.clone(), line, 1)
        }
        None => Location::file(from),
    };
    let error = TemplateError(format!("templates include or extend each other in a circle: {}", chain.join(" → ")));
    Diagnostic::new(location, error).with_hint("remove the include or extends that closes the circle")
}

#[cfg(test)]
mod tests {
    use super::shown_pages;

    #[test]
    fn page_bar_shows_ends_and_neighbours_with_gaps_between() {
        assert_eq!(shown_pages(1, 1), [1]);
        assert_eq!(shown_pages(1, 4), [1, 2, 3, 4]);
        assert_eq!(shown_pages(1, 10), [1, 2, 3, 10]);
        assert_eq!(shown_pages(5, 10), [1, 2, 3, 4, 5, 6, 7, 10]);
        assert_eq!(shown_pages(6, 10), [1, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(shown_pages(5000, 10_000), [1, 4998, 4999, 5000, 5001, 5002, 10_000]);
    }
}

//! The context of each kind of page: what its template is given, beside the values
//! every page shares.

use tera::Context;

use crate::model::TaxonomyKind;

use super::Renderer;
use super::views::{PageValue, TaxonomyValue, TermValue, country_of};
use crate::routes::places;

impl Renderer<'_> {
    pub(super) fn common(&self, path: &str, title: &str, description: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("permalink", &self.site.config().absolute(path));
        ctx.insert("path", path);
        ctx.insert("title", title);
        ctx.insert("description", description);
        ctx
    }

    pub(super) fn article_context(&self, i: usize) -> Context {
        let a = self.site.article(i);
        let mut ctx = self.common(&a.url, &a.title, &a.description);
        ctx.insert("article", &self.article_value(a));
        ctx.insert_value("related", self.related_value(i));
        ctx
    }

    pub(super) fn page_context(&self, i: usize) -> Context {
        let p = self.site.page(i);
        let mut ctx = self.common(&p.url, &p.title, &p.description);
        let value = PageValue {
            title: &p.title,
            permalink: self.site.config().absolute(&p.url),
            path: &p.url,
            lang: &self.site.config().languages[p.lang].code,
            description: &p.description,
            content_html: &p.body.html,
            toc: &p.body.toc,
            extra: &p.extra,
        };
        ctx.insert("page", &value);
        ctx
    }

    pub(super) fn home_context(&self, lang: usize, page: usize) -> Context {
        let config = &self.site.config();
        let language = &config.languages[lang];
        let home = self.site.home_text(lang);
        let title = home.title.as_deref().unwrap_or(&language.title);
        let description = home.description.as_deref().unwrap_or(&language.description);
        let place_of = |n: usize| places::home(config, lang, n);
        let mut ctx = self.common(&place_of(page).url, title, description);
        ctx.insert("home", &serde_json::json!({ "title": title, "content_html": home.html }));
        ctx.insert("paginator", &self.paginator(self.site.home_list(lang), page, &place_of));
        if page == 1 {
            ctx.insert("front", &self.front_value(lang));
        }
        ctx
    }

    pub(super) fn taxonomy_list_context(&self, lang: usize, kind: TaxonomyKind) -> Context {
        let config = &self.site.config();
        let path = places::taxonomy(config, lang, kind).url;
        let name = self.string(lang, kind.as_str());
        let mut ctx = self.common(&path, name, &config.languages[lang].description);
        let mut terms: Vec<TermValue> = self
            .site
            .taxonomy(lang, kind)
            .values()
            .map(|t| TermValue {
                key: &t.key,
                name: &t.name,
                permalink: config.absolute(&places::term(config, lang, kind, &t.key, 1).url),
                count: t.articles.len(),
                country: country_of(kind, &t.key),
            })
            .collect();
        let order = &self.languages[lang].names;
        terms.sort_by(|a, b| order.compare(a.name, b.name).then(a.key.cmp(b.key)));
        ctx.insert("taxonomy", &TaxonomyValue { kind, name, permalink: config.absolute(&path) });
        let map = if kind == TaxonomyKind::Regions { self.region_map(lang, &terms) } else { None };
        ctx.insert("region_map", &map);
        ctx.insert("terms", &terms);
        ctx
    }

    pub(super) fn term_context(&self, lang: usize, kind: TaxonomyKind, key: &str, page: usize) -> Context {
        let config = &self.site.config();
        let term = &self.site.taxonomy(lang, kind)[key];
        let place_of = |n: usize| places::term(config, lang, kind, key, n);
        let mut ctx = self.common(&place_of(page).url, &term.name, &config.languages[lang].description);
        let tax_path = places::taxonomy(config, lang, kind).url;
        let name = self.string(lang, kind.as_str());
        ctx.insert("taxonomy", &TaxonomyValue { kind, name, permalink: config.absolute(&tax_path) });
        let value = TermValue {
            key: &term.key,
            name: &term.name,
            permalink: config.absolute(&place_of(1).url),
            count: term.articles.len(),
            country: country_of(kind, &term.key),
        };
        // The first page alone shows where the country is: the later ones are for
        // reading on, and a map on each would weigh on large archives.
        let locator = if page == 1 { self.locator_map(lang, &value) } else { None };
        ctx.insert("locator_map_html", &locator);
        ctx.insert("term", &value);
        ctx.insert("paginator", &self.paginator(&term.articles, page, &place_of));
        ctx
    }

    pub(super) fn not_found_context(&self, lang: usize) -> Context {
        let path = crate::routes::scheme::not_found(&self.site.config().languages[lang].prefix).url;
        let title = self.string(lang, "not_found_title");
        self.common(&path, title, title)
    }
}

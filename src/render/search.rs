//! The search page of each language and the files of its search index.
//!
//! The index of a language is made once per renderer, from the model: each article
//! its lists show (newest first, ties by URL) and each plain page, as
//! `[search] sections` says, read for the fields `[search] fields` names. The
//! documents' terms come from the [`TermCache`](crate::search::TermCache), which tokenizes only the documents
//! whose text it has not seen. Every render loop goes through
//! [`Renderer::map_routes`], which makes the indexes the routes need beside the other
//! routes and before their own files, so that no render waits on an index made
//! inside another (each index file is then a slice of one made index, written on its
//! own).
//! Each index file depends on the language's search text as a whole
//! ([`Read::SearchText`]), not on ten thousand articles one by one.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::views::term_name;
use crate::deps::{self, Read};
use crate::excerpt::excerpt;
use crate::model::{Article, Page, TaxonomyKind};
use crate::routes::{IndexPart, Route, SearchFile, places, scheme, search_documents};
use crate::search::terms::DocTerms;
use crate::search::text::push_text;
use crate::search::{Doc, DocRecord, Field, LanguageIndex, files};

/// The length of a result's excerpt, in characters.
const EXCERPT_CHARS: usize = 600;

/// How much HTML an excerpt reads at a time, in bytes.
const EXCERPT_STEP: usize = 1024;

/// One value of a filter on the search page.
#[derive(Serialize)]
struct FilterValue<'a> {
    key: &'a str,
    label: &'a str,
    count: usize,
}

impl Renderer<'_> {
    /// The search page of language `lang`.
    pub(super) fn search_context(&self, lang: usize) -> Context {
        let config = self.site.config();
        let title = self.string(lang, "search_title");
        let mut ctx = self.common(&places::search(config, lang).url, title, &config.languages[lang].description);
        let articles = config.search.as_ref().is_some_and(|s| s.articles);
        let mut filters = serde_json::Map::new();
        for kind in TaxonomyKind::ALL {
            let mut values: Vec<FilterValue> = if articles {
                let terms = self.site.taxonomy(lang, kind).values();
                terms.map(|t| FilterValue { key: &t.key, label: &t.name, count: t.articles.len() }).collect()
            } else {
                Vec::new()
            };
            let order = &self.languages[lang].names;
            values.sort_by(|a, b| order.compare(a.label, b.label).then(a.key.cmp(b.key)));
            filters.insert(scheme::filter_name(kind).to_string(), serde_json::json!(values));
        }
        let index = config.href(&places::search_index(config, lang));
        ctx.insert("search", &serde_json::json!({ "index": index, "filters": filters }));
        ctx
    }

    /// The root-relative URL of the search page of language `lang`, when search is on.
    pub(super) fn search_url(&self, lang: usize) -> Option<String> {
        let config = self.site.config();
        config.search.as_ref().map(|_| config.href(&places::search(config, lang).url))
    }

    /// Calls `each` on every entry of `entries` (whose route `route` gives), in
    /// parallel, and returns the results in the entries' order. The search indexes
    /// that the entries' search files need are made first, beside the other routes
    /// (the serial steps of a language's index then leave no core idle), and the
    /// search files are rendered once they are made: no render waits on an index
    /// being made inside another.
    pub fn map_routes<E: Sync, T: Send>(
        &self,
        entries: &[E],
        route: impl Fn(&E) -> &Route + Sync,
        each: impl Fn(&E) -> T + Sync,
    ) -> Vec<T> {
        let index_of = |entry: &E| match route(entry) {
            Route::Search(file) => Some(file.lang),
            _ => None,
        };
        let (search, other): (Vec<usize>, Vec<usize>) =
            (0..entries.len()).partition(|&i| index_of(&entries[i]).is_some());
        let langs: BTreeSet<usize> = entries.iter().filter_map(index_of).collect();
        let map = |ids: &[usize]| ids.par_iter().map(|&i| (i, each(&entries[i]))).collect::<Vec<_>>();
        let make_indexes = || {
            langs.into_par_iter().for_each(|lang| {
                self.search_index(lang);
            })
        };
        let ((), mut done) = rayon::join(make_indexes, || map(&other));
        done.extend(map(&search));
        done.sort_unstable_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, t)| t).collect()
    }

    /// The bytes of one file of a search index.
    pub(super) fn render_search_file(&self, file: &SearchFile) -> String {
        let index = self.search_index(file.lang);
        match &file.part {
            IndexPart::Meta => {
                let code = &self.site.config().languages[file.lang].code;
                files::meta(code, index.records.len(), index.shards.len(), &index.split)
            }
            IndexPart::Terms(n) => files::shard(index.shards.get(*n).map_or(&[], Vec::as_slice)),
            IndexPart::Docs(k) => {
                let chunk = crate::search::index::DOCS_PER_CHUNK;
                let records = index.records.chunks(chunk).nth(*k).unwrap_or_default();
                files::records(records)
            }
            IndexPart::Filter(kind, key) => {
                files::ids(index.filters.get(&(*kind, key.clone())).map_or(&[], Vec::as_slice))
            }
        }
    }

    /// The index of language `lang`, made the first time it is asked for.
    fn search_index(&self, lang: usize) -> &LanguageIndex {
        deps::record(Read::SearchText(lang));
        // What making the index reads is what `Read::SearchText` stands for.
        self.search[lang].get_or_init(|| deps::capture(|| self.make_search_index(lang)).0)
    }

    fn make_search_index(&self, lang: usize) -> LanguageIndex {
        let site = self.site;
        let Some(search) = &site.config().search else {
            return LanguageIndex::default();
        };
        let (articles, pages) = search_documents(site, lang);
        let mut articles: Vec<&Article> = articles.iter().map(|&i| site.article(i)).collect();
        articles.sort_by(|a, b| (Reverse(a.date.timestamp), &a.url).cmp(&(Reverse(b.date.timestamp), &b.url)));
        let mut pages: Vec<&Page> = pages.into_iter().map(|i| site.page(i)).collect();
        pages.sort_by(|a, b| a.url.cmp(&b.url));
        let fields = &search.fields;
        let docs: Vec<Doc> = articles
            .par_iter()
            .map(|a| self.article_doc(a, fields))
            .chain(pages.par_iter().map(|p| self.page_doc(p, fields)))
            .collect();
        LanguageIndex::build(docs)
    }

    fn article_doc(&self, a: &Article, fields: &[Field]) -> Doc {
        let sources = a.sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("\n");
        let raw =
            [(Field::Title, a.title.as_str()), (Field::Summary, &a.summary_html), (Field::Commentary, &a.body.html)];
        let raw: Vec<(Field, Cow<str>)> =
            raw.into_iter().map(|(f, t)| (f, Cow::Borrowed(t))).chain([(Field::Source, Cow::Owned(sources))]).collect();
        let site = self.site;
        let label = |kind: TaxonomyKind, key: &str| term_name(site, a.lang, kind, key, key).to_string();
        let record = DocRecord {
            u: site.config().href(&a.url),
            t: a.title.clone(),
            d: a.date.ymd(),
            dd: self.languages[a.lang].dates.long_date(&a.date),
            r: a.regions.iter().map(|r| label(TaxonomyKind::Regions, r)).collect(),
            c: a.category.as_ref().map(|c| label(TaxonomyKind::Categories, c)),
            x: lead_text(&[&a.summary_html, &a.body.html]),
        };
        let filters = a
            .tags
            .iter()
            .map(|t| (TaxonomyKind::Tags, t.clone()))
            .chain(a.regions.iter().map(|r| (TaxonomyKind::Regions, r.clone())))
            .chain(a.category.iter().map(|c| (TaxonomyKind::Categories, c.clone())))
            .collect();
        Doc { terms: self.doc_terms(&raw, fields), record, filters }
    }

    fn page_doc(&self, p: &Page, fields: &[Field]) -> Doc {
        let raw = [(Field::Title, Cow::Borrowed(p.title.as_str())), (Field::Commentary, Cow::Borrowed(&p.body.html))];
        let record = DocRecord {
            u: self.site.config().href(&p.url),
            t: p.title.clone(),
            d: String::new(),
            dd: String::new(),
            r: Vec::new(),
            c: None,
            x: lead_text(&[&p.body.html]),
        };
        Doc { terms: self.doc_terms(&raw, fields), record, filters: Vec::new() }
    }

    /// The terms of a document made of `raw` fields (plain text for the title and
    /// the sources, HTML for the others), of which `fields` are indexed.
    fn doc_terms(&self, raw: &[(Field, Cow<str>)], fields: &[Field]) -> DocTerms {
        let chosen: Vec<(Field, &str)> =
            raw.iter().filter(|(f, _)| fields.contains(f)).map(|(f, t)| (*f, t.as_ref())).collect();
        self.terms.terms(&chosen, || {
            let plain: Vec<(Field, String)> = chosen
                .iter()
                .map(|&(f, text)| match f {
                    Field::Title | Field::Source => (f, text.to_string()),
                    Field::Summary | Field::Commentary => {
                        let mut out = String::with_capacity(text.len());
                        push_text(text, &mut out);
                        (f, out)
                    }
                })
                .collect();
            let plain: Vec<(Field, &str)> = plain.iter().map(|(f, t)| (*f, t.as_str())).collect();
            DocTerms::of(&plain)
        })
    }
}

/// The excerpt of a document whose text is the HTML `parts`, in order: their text
/// read only as far as the excerpt needs, a step at a time (up to twice its length
/// in a part, since the text's whitespace is folded; a part that gives it enough
/// ends it).
fn lead_text(parts: &[&str]) -> String {
    let mut text = String::new();
    let mut chars = 0;
    for part in parts {
        if chars > EXCERPT_CHARS {
            break;
        }
        let mut html: &str = part;
        while !html.is_empty() && chars <= EXCERPT_CHARS * 2 {
            let end = step_end(html);
            let before = text.len();
            push_text(&html[..end], &mut text);
            chars += text[before..].chars().count();
            html = &html[end..];
        }
        text.push(' ');
        chars += 1;
    }
    excerpt(&text, EXCERPT_CHARS)
}

/// Where the next step of reading `html` for an excerpt ends: [`EXCERPT_STEP`]
/// bytes on or more, at the start of a tag, so that no tag or character reference is
/// cut.
fn step_end(html: &str) -> usize {
    match html.as_bytes().get(EXCERPT_STEP..).and_then(|after| memchr::memchr(b'<', after)) {
        Some(n) => EXCERPT_STEP + n,
        None => html.len(),
    }
}

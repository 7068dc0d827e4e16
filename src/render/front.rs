//! The front page: what the first page of each language's home shows above its
//! chronological list, as the `front` value of `index.html`. A lead story (the one
//! featured, or the newest), a few stories beside it, then a block of headlines per
//! category and per region, none repeating a story shown above them. Themes build
//! their own layouts from the same value (`docs/themes.md`).

use serde::Serialize;
use tera::Value;

use super::Renderer;
use crate::model::{TaxonomyKind, Term};
use crate::routes::places;

/// The `front` value of the first home page.
#[derive(Serialize)]
pub(super) struct FrontValue {
    /// The card of the lead story.
    lead: Option<Value>,
    /// The cards of the stories beside it, newest first.
    secondary: Vec<Value>,
    /// A block per category, in the order of `[front_page] categories`.
    categories: Vec<Block>,
    /// A block per region, in the order of `[front_page] regions`.
    regions: Vec<Block>,
}

/// The newest headlines of one category or region.
#[derive(Serialize)]
struct Block {
    key: String,
    name: String,
    permalink: String,
    /// How many articles the term has in the language.
    count: usize,
    /// The cards of its newest articles not shown above, newest first.
    articles: Vec<Value>,
}

impl Renderer<'_> {
    /// The front page of language `lang`.
    pub(super) fn front_value(&self, lang: usize) -> FrontValue {
        let settings = &self.site.config().front_page;
        let lead = self.site.lead(lang);
        let beside = self.site.home_list(lang).iter().copied().filter(|&i| Some(i) != lead);
        let secondary: Vec<usize> = beside.take(settings.secondary).collect();
        let shown: Vec<usize> = lead.into_iter().chain(secondary.iter().copied()).collect();
        FrontValue {
            lead: lead.map(|i| self.card_value(i)),
            secondary: secondary.iter().map(|&i| self.card_value(i)).collect(),
            categories: self.blocks(lang, TaxonomyKind::Categories, &shown),
            regions: self.blocks(lang, TaxonomyKind::Regions, &shown),
        }
    }

    /// The blocks of taxonomy `kind` (categories or regions) in language `lang`,
    /// without the stories already `shown`; a term without any other story has none.
    fn blocks(&self, lang: usize, kind: TaxonomyKind, shown: &[usize]) -> Vec<Block> {
        let config = self.site.config();
        let headlines = config.front_page.headlines;
        self.block_terms(lang, kind)
            .into_iter()
            .filter_map(|term| {
                let articles: Vec<Value> = term
                    .articles
                    .iter()
                    .filter(|i| !shown.contains(i))
                    .take(headlines)
                    .map(|&i| self.card_value(i))
                    .collect();
                (!articles.is_empty()).then(|| Block {
                    key: term.key.clone(),
                    name: term.name.clone(),
                    permalink: config.absolute(&places::term(config, lang, kind, &term.key, 1).url),
                    count: term.articles.len(),
                    articles,
                })
            })
            .collect()
    }

    /// The terms that get a block, in order: those `[front_page]` names (the ones
    /// with articles in the language), or by default every category, most articles
    /// first, and the regions whose newest article is newest.
    fn block_terms(&self, lang: usize, kind: TaxonomyKind) -> Vec<&Term> {
        let settings = &self.site.config().front_page;
        let chosen = match kind {
            TaxonomyKind::Categories => &settings.categories,
            TaxonomyKind::Regions => &settings.regions,
            TaxonomyKind::Tags => return Vec::new(),
        };
        if let Some(keys) = chosen {
            return keys.iter().filter_map(|key| self.site.term(lang, kind, key)).collect();
        }
        let mut terms: Vec<&Term> = self.site.taxonomy(lang, kind).values().collect();
        if kind == TaxonomyKind::Categories {
            let order = &self.languages[lang].names;
            terms.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(order.compare(&a.name, &b.name)));
            return terms;
        }
        let newest = |t: &Term| t.articles.first().map(|&i| self.site.article_head(i).date.timestamp);
        terms.sort_by(|a, b| newest(b).cmp(&newest(a)).then(a.key.cmp(&b.key)));
        terms.truncate(settings.region_blocks);
        terms
    }
}

//! A language's index: its documents numbered newest first, and for each term the
//! documents that hold it, split into shards a reader's browser loads one at a
//! time.
//!
//! Doc ids follow the order the caller gives (articles newest first, ties by URL,
//! then pages), so sorting results by date is sorting ids. Which shard holds a term
//! is [`shards`]' to say; doc records come in chunks of
//! [`DOCS_PER_CHUNK`], so that ten results load a few small files.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::taxonomy::TaxonomyKind;

use super::terms::{DocTerms, TermMap};
use super::{files, shards};

/// Doc records per file of `d/`: ten results newest first are often ten chunks, and a
/// Japanese record with its excerpt is about 2 KB.
pub const DOCS_PER_CHUNK: usize = 8;

/// How many files of doc records an index of `docs` documents has.
pub fn chunk_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_CHUNK)
}

/// What a reader sees of a result.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocRecord {
    /// Root-relative URL.
    pub u: String,
    /// Title.
    pub t: String,
    /// Date, `YYYY-MM-DD` (empty for a page).
    pub d: String,
    /// The date as the theme shows it in the language (empty for a page).
    pub dd: String,
    /// Region names.
    pub r: Vec<String>,
    /// Category name.
    pub c: Option<String>,
    /// The beginning of its text.
    pub x: String,
}

/// One document to index.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its terms.
    pub terms: DocTerms,
    /// What results show of it.
    pub record: DocRecord,
    /// Its tags, regions and category, by key.
    pub filters: Vec<(TaxonomyKind, String)>,
}

/// The index of one language.
#[derive(Debug, Default)]
pub struct LanguageIndex {
    /// The documents' records, by id.
    pub records: Vec<DocRecord>,
    /// Per shard, its terms in byte order, each with its postings (absolute doc id,
    /// weight, ...).
    pub shards: Vec<Vec<(Box<str>, Vec<u32>)>>,
    /// The shard keys that are split (see [`shards`]).
    pub split: BTreeSet<Box<str>>,
    /// The ids of the documents of each tag, region and category, ascending.
    pub filters: BTreeMap<(TaxonomyKind, String), Vec<u32>>,
}

impl LanguageIndex {
    /// Indexes `docs`, numbered in their order.
    ///
    /// Chunks of documents gather their postings in parallel; the chunks' postings
    /// are then joined in order, so that each term's ids stay ascending.
    pub fn build(docs: Vec<Doc>) -> LanguageIndex {
        let shard_count = shards::shard_count(docs.len());
        let chunks: Vec<Postings> = docs
            .par_chunks(DOCS_PER_TASK)
            .enumerate()
            .map(|(n, chunk)| Postings::of(chunk, n * DOCS_PER_TASK))
            .collect();
        let mut all = Postings::default();
        for chunk in chunks {
            all.join(chunk);
        }
        // Terms read back from the cache are checked to be UTF-8 here, once each.
        let mut terms: Vec<(Box<str>, Vec<u32>)> = Vec::with_capacity(all.0.len());
        all.0.into_each(|term, postings| {
            if let Ok(term) = term.with_bytes(|t| std::str::from_utf8(t).map(Box::from)) {
                terms.push((term, postings));
            }
        });
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let sizes: Vec<(&str, usize)> =
            terms.iter().map(|(term, postings)| (&**term, files::term_size(term, postings))).collect();
        let split = shards::split_keys(&sizes);
        let mut by_shard: Vec<Vec<(Box<str>, Vec<u32>)>> = vec![Vec::new(); shard_count];
        for (term, postings) in terms {
            by_shard[shards::shard_of(&term, shard_count, &split)].push((term, postings));
        }
        let mut filters: BTreeMap<(TaxonomyKind, String), Vec<u32>> = BTreeMap::new();
        for (id, doc) in (0u32..).zip(&docs) {
            for key in &doc.filters {
                filters.entry(key.clone()).or_default().push(id);
            }
        }
        let records = docs.into_iter().map(|d| d.record).collect();
        LanguageIndex { records, shards: by_shard, split, filters }
    }
}

/// Documents per parallel task of [`LanguageIndex::build`].
const DOCS_PER_TASK: usize = 512;

/// Each term of some documents with its postings (doc id, weight, ...).
#[derive(Default)]
struct Postings<'d>(TermMap<'d, Vec<u32>>);

impl<'d> Postings<'d> {
    /// The postings of `docs`, the first of which has id `first`.
    fn of(docs: &'d [Doc], first: usize) -> Postings<'d> {
        let mut postings = TermMap::default();
        for (id, doc) in (first..).zip(docs) {
            // A site has fewer than 2³² documents.
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            for (term, weight) in doc.terms.terms() {
                postings.get_or_insert(term, Vec::new).extend([id, u32::from(weight)]);
            }
        }
        Postings(postings)
    }

    /// Appends the postings of `later`, whose ids all follow these.
    fn join(&mut self, later: Postings<'d>) {
        if self.0.len() == 0 {
            *self = later;
            return;
        }
        later.0.into_each(|term, postings| {
            let list = self.0.get_or_insert(term, Vec::new);
            if list.is_empty() {
                *list = postings;
            } else {
                list.extend_from_slice(&postings);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::Field;

    fn doc(title: &str, tags: &[&str]) -> Doc {
        Doc {
            terms: DocTerms::of(&[(Field::Title, title)]),
            record: DocRecord {
                u: format!("/{title}/"),
                t: title.into(),
                d: String::new(),
                dd: String::new(),
                r: Vec::new(),
                c: None,
                x: String::new(),
            },
            filters: tags.iter().map(|t| (TaxonomyKind::Tags, t.to_string())).collect(),
        }
    }

    #[test]
    fn postings_list_ascending_ids_with_weights_and_filters_their_documents() {
        let index = LanguageIndex::build(vec![doc("vote", &["x"]), doc("vote vote", &[]), doc("autre", &["x"])]);
        let shard = &index.shards[shards::shard_of("vote", index.shards.len(), &index.split)];
        let vote = shard.iter().find(|(t, _)| &**t == "vote").unwrap();
        assert_eq!(vote.1, [0, 60, 1, 120]);
        assert_eq!(index.filters[&(TaxonomyKind::Tags, "x".to_string())], [0, 2]);
    }
}

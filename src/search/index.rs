//! A language's index: its documents numbered newest first, and for each term the
//! documents that hold it, split into shards a reader's browser loads one at a
//! time.
//!
//! Doc ids follow the order the caller gives (articles newest first, ties by URL,
//! then pages), so sorting results by date is sorting ids. A term's shard is the
//! FNV-1a hash of its first two characters modulo the shard count: every term that
//! starts like a typed prefix is in the shard of that prefix, which is how the
//! reader's last, unfinished word matches as a prefix with one request. The shard
//! count grows with the documents so that a shard stays a few tens of kilobytes;
//! doc records come in chunks of [`DOCS_PER_CHUNK`], so that ten results load a
//! few small files.

use std::collections::{BTreeMap, HashMap};

use crate::taxonomy::TaxonomyKind;

use super::terms::DocTerms;

/// Doc records per file of `d/`.
pub const DOCS_PER_CHUNK: usize = 16;

/// Documents per shard: about 20 KB of postings per shard on news articles.
const DOCS_PER_SHARD: usize = 40;

/// The most shards an index has.
const MAX_SHARDS: usize = 4096;

/// How many term shards an index of `docs` documents has: a power of two.
pub fn shard_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_SHARD).clamp(1, MAX_SHARDS).next_power_of_two()
}

/// How many files of doc records an index of `docs` documents has.
pub fn chunk_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_CHUNK)
}

/// The shard of `term` among `shards`: FNV-1a (32 bits) of the UTF-8 bytes of its
/// first two characters (all of it when it has one).
pub fn shard_of(term: &str, shards: usize) -> usize {
    let end = term.char_indices().nth(2).map_or(term.len(), |(at, _)| at);
    let hash =
        term.as_bytes()[..end].iter().fold(2_166_136_261u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
    usize::try_from(hash).unwrap_or(0) % shards.max(1)
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
    /// The ids of the documents of each tag, region and category, ascending.
    pub filters: BTreeMap<(TaxonomyKind, String), Vec<u32>>,
}

impl LanguageIndex {
    /// Indexes `docs`, numbered in their order.
    pub fn build(docs: Vec<Doc>) -> LanguageIndex {
        let shards = shard_count(docs.len());
        let mut ids: HashMap<&[u8], usize, ahash::RandomState> = HashMap::default();
        let mut terms: Vec<(&[u8], Vec<u32>)> = Vec::new();
        let mut filters: BTreeMap<(TaxonomyKind, String), Vec<u32>> = BTreeMap::new();
        for (id, doc) in (0u32..).zip(&docs) {
            for (term, weight) in doc.terms.iter_bytes() {
                let at = *ids.entry(term).or_insert_with(|| {
                    terms.push((term, Vec::new()));
                    terms.len() - 1
                });
                terms[at].1.extend([id, u32::from(weight)]);
            }
            for key in &doc.filters {
                filters.entry(key.clone()).or_default().push(id);
            }
        }
        let mut by_shard: Vec<Vec<(Box<str>, Vec<u32>)>> = vec![Vec::new(); shards];
        for (term, postings) in terms {
            // Terms were checked to be UTF-8 when they were made or read.
            let Ok(term) = std::str::from_utf8(term) else { continue };
            by_shard[shard_of(term, shards)].push((term.into(), postings));
        }
        for shard in &mut by_shard {
            shard.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        let records = docs.into_iter().map(|d| d.record).collect();
        LanguageIndex { records, shards: by_shard, filters }
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
    fn the_shard_of_a_term_is_that_of_its_first_two_characters() {
        assert_eq!(shard_of("election", 64), shard_of("el", 64));
        assert_eq!(shard_of("選挙", 64), shard_of("選挙", 64));
        // FNV-1a of "a": 0xe40c292c.
        assert_eq!(shard_of("a", usize::MAX), 0xe40c_292c);
    }

    #[test]
    fn postings_list_ascending_ids_with_weights_and_filters_their_documents() {
        let index = LanguageIndex::build(vec![doc("vote", &["x"]), doc("vote vote", &[]), doc("autre", &["x"])]);
        let shard = &index.shards[shard_of("vote", index.shards.len())];
        let vote = shard.iter().find(|(t, _)| &**t == "vote").unwrap();
        assert_eq!(vote.1, [0, 60, 1, 120]);
        assert_eq!(index.filters[&(TaxonomyKind::Tags, "x".to_string())], [0, 2]);
    }

    #[test]
    fn shards_grow_with_the_documents() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(10), 1);
        assert_eq!(shard_count(10_000), 256);
        assert!(shard_count(10_000_000) <= MAX_SHARDS);
    }
}

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
use super::tokens::Term;
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
    /// Chunks of documents number their terms in parallel; the chunks are then
    /// joined in order, so that each term's ids stay ascending, into lists made at
    /// their final size.
    pub fn build(docs: Vec<Doc>) -> LanguageIndex {
        let shard_count = shards::shard_count(docs.len());
        let chunks: Vec<ChunkTerms> = docs
            .par_chunks(DOCS_PER_TASK)
            .enumerate()
            .map(|(n, chunk)| ChunkTerms::of(chunk, n * DOCS_PER_TASK))
            .collect();
        // Terms read back from the cache are checked to be UTF-8 here, once each.
        let mut terms: Vec<(Box<str>, Vec<u32>)> = postings(&chunks)
            .into_iter()
            .filter_map(|(term, postings)| {
                Some((term.with_bytes(|t| std::str::from_utf8(t).map(Box::from)).ok()?, postings))
            })
            .collect();
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

/// The terms of some documents, numbered in the order they were first met.
struct ChunkTerms<'d> {
    /// The id of the first document.
    first: usize,
    /// Each term, by its number.
    terms: Vec<Term<'d>>,
    /// How many of the documents hold each term, by its number.
    counts: Vec<usize>,
    /// Each term of each document in turn, by its number, with its weight.
    numbered: Vec<(u32, u16)>,
    /// Where the terms of each document end in `numbered`.
    ends: Vec<usize>,
}

impl<'d> ChunkTerms<'d> {
    /// The terms of `docs`, the first of which has id `first`.
    fn of(docs: &'d [Doc], first: usize) -> ChunkTerms<'d> {
        let mut numbers: TermMap<'d, u32> = TermMap::default();
        let (mut terms, mut counts) = (Vec::new(), Vec::new());
        let mut numbered = Vec::with_capacity(docs.iter().map(|d| d.terms.packed().len() / 8).sum());
        let mut ends = Vec::with_capacity(docs.len());
        for doc in docs {
            for (term, weight) in doc.terms.terms() {
                let number = *numbers.get_or_insert(term, || {
                    terms.push(term);
                    counts.push(0);
                    // A chunk has fewer than 2³² terms.
                    u32::try_from(terms.len() - 1).unwrap_or(u32::MAX)
                });
                counts[number as usize] += 1;
                numbered.push((number, weight));
            }
            ends.push(numbered.len());
        }
        ChunkTerms { first, terms, counts, numbered, ends }
    }
}

/// Each term of `chunks` with its postings (doc id, weight, ...), ids ascending:
/// each list is made at its size, then filled chunk by chunk.
fn postings<'d>(chunks: &[ChunkTerms<'d>]) -> Vec<(Term<'d>, Vec<u32>)> {
    let mut numbers: TermMap<'d, usize> = TermMap::default();
    let mut sizes: Vec<(Term<'d>, usize)> = Vec::new();
    // Per chunk, the language's number of each of its terms.
    let renumbered: Vec<Vec<usize>> = chunks
        .iter()
        .map(|chunk| {
            chunk
                .terms
                .iter()
                .zip(&chunk.counts)
                .map(|(&term, &count)| {
                    let number = *numbers.get_or_insert(term, || {
                        sizes.push((term, 0));
                        sizes.len() - 1
                    });
                    sizes[number].1 += count;
                    number
                })
                .collect()
        })
        .collect();
    let mut lists: Vec<(Term<'d>, Vec<u32>)> =
        sizes.into_iter().map(|(term, size)| (term, Vec::with_capacity(2 * size))).collect();
    for (chunk, numbers) in chunks.iter().zip(&renumbered) {
        let mut start = 0;
        for (id, &end) in (chunk.first..).zip(&chunk.ends) {
            // A site has fewer than 2³² documents.
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            for &(number, weight) in &chunk.numbered[start..end] {
                lists[numbers[number as usize]].1.extend([id, u32::from(weight)]);
            }
            start = end;
        }
    }
    lists
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

    #[test]
    fn postings_across_many_chunks_are_each_documents_terms_in_id_order() {
        const WORDS: [&str; 8] = ["vote", "rare", "élection", "gouvernement", "日本", "budget", "ab", "zz"];
        let mut random = crate::test_random::Random::new(0x1DE7_0C0F_FEE5_2026);
        let titles: Vec<String> = (0..3 * DOCS_PER_TASK + 7)
            .map(|_| (0..random.below(5)).map(|_| WORDS[random.below(WORDS.len())]).collect::<Vec<_>>().join(" "))
            .collect();
        let docs: Vec<Doc> = titles.iter().map(|t| doc(t, &[])).collect();
        let mut want: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, doc) in (0u32..).zip(&docs) {
            for (term, weight) in doc.terms.terms() {
                let term = term.with_bytes(|t| String::from_utf8(t.to_vec()).unwrap());
                want.entry(term).or_default().extend([id, u32::from(weight)]);
            }
        }
        let index = LanguageIndex::build(docs);
        let got: BTreeMap<String, Vec<u32>> =
            index.shards.into_iter().flatten().map(|(term, postings)| (term.into(), postings)).collect();
        assert_eq!(got, want);
    }
}

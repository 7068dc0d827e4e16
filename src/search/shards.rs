//! Which file of a language's index holds a term: the shard scheme that the index
//! writes and the theme's script reads (`docs/themes.md`, "The index files").
//!
//! A term is in the shard of its key, by the FNV-1a hash of the key modulo the shard
//! count. The key is the term's first two characters, so that every term starting
//! like a typed prefix is in the shard of that prefix: that is how the reader's last,
//! unfinished word matches as a prefix with one request. Some beginnings are shared
//! by far more terms than others (`re…` and `de…` in French): where the terms of a
//! key would hold more than `SPLIT_BYTES`, the key is split, and its terms are
//! keyed by one more character, and so on. `meta.json` lists the split keys. A typed
//! prefix that is itself a split key then matches only the terms of its own shard:
//! prefix matching of very common beginnings starts a character later. The shard
//! count grows with the documents, so that a shard stays a few tens of kilobytes.

use std::collections::BTreeSet;

/// Documents per shard.
const DOCS_PER_SHARD: usize = 5;

/// The most shards an index has.
const MAX_SHARDS: usize = 8192;

/// The most bytes of a shard file that the terms of one key may fill before the
/// key is split.
const SPLIT_BYTES: usize = 16 * 1024;

/// The longest key, in characters.
const MAX_KEY_CHARS: usize = 6;

/// How many term shards an index of `docs` documents has: a power of two.
pub fn shard_count(docs: usize) -> usize {
    docs.div_ceil(DOCS_PER_SHARD).clamp(1, MAX_SHARDS).next_power_of_two()
}

/// The shard of `term` among `shards`, given the `split` keys.
pub fn shard_of(term: &str, shards: usize, split: &BTreeSet<Box<str>>) -> usize {
    let hash = key(term, split).bytes().fold(2_166_136_261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16_777_619));
    usize::try_from(hash).unwrap_or(0) % shards.max(1)
}

/// The key of `term`: its first two characters, one more for each of its beginnings
/// that is split, or all of it when it is shorter.
fn key<'t>(term: &'t str, split: &BTreeSet<Box<str>>) -> &'t str {
    let mut ends = term.char_indices().map(|(at, _)| at).skip(2).chain([term.len()]);
    let mut end = ends.next().unwrap_or(term.len());
    while end < term.len() && split.contains(&term[..end]) {
        end = ends.next().unwrap_or(term.len());
    }
    &term[..end]
}

/// The keys to split, given each term of an index with its size in its shard file,
/// in byte order of the terms.
pub fn split_keys(sorted: &[(&str, usize)]) -> BTreeSet<Box<str>> {
    let mut split = BTreeSet::new();
    for group in groups(sorted, 2) {
        split_group(group, 2, &mut split);
    }
    split
}

/// Splits the key of `group`, terms sharing their first `chars` characters, when
/// they are too large together, then the keys of its parts.
fn split_group(group: &[(&str, usize)], chars: usize, split: &mut BTreeSet<Box<str>>) {
    let (Some(&(first, _)), Some(&(last, _))) = (group.first(), group.last()) else { return };
    let too_large = group.iter().map(|(_, size)| size).sum::<usize>() > SPLIT_BYTES;
    // Sorted, the terms part within the longest key only if the first and the last do.
    let parts = prefix(first, MAX_KEY_CHARS) != prefix(last, MAX_KEY_CHARS);
    if !too_large || !parts || chars >= MAX_KEY_CHARS {
        return;
    }
    split.insert(prefix(first, chars).into());
    for part in groups(group, chars + 1) {
        split_group(part, chars + 1, split);
    }
}

/// `sorted` cut where the first `chars` characters of the terms change.
fn groups<'s, 't>(sorted: &'s [(&'t str, usize)], chars: usize) -> impl Iterator<Item = &'s [(&'t str, usize)]> {
    sorted.chunk_by(move |a, b| prefix(a.0, chars) == prefix(b.0, chars))
}

/// The first `chars` characters of `term`, or all of it.
fn prefix(term: &str, chars: usize) -> &str {
    term.char_indices().nth(chars).map_or(term, |(at, _)| &term[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(keys: &[&str]) -> BTreeSet<Box<str>> {
        keys.iter().map(|k| Box::from(*k)).collect()
    }

    #[test]
    fn a_key_is_two_characters_and_one_more_for_each_split_beginning() {
        let split = set(&["re", "ref"]);
        assert_eq!(key("election", &split), "el");
        assert_eq!(key("reforme", &split), "refo");
        assert_eq!(key("retraite", &split), "ret");
        assert_eq!(key("re", &split), "re");
        assert_eq!(key("ref", &split), "ref");
        assert_eq!(key("a", &split), "a");
        assert_eq!(key("選挙", &split), "選挙");
    }

    #[test]
    fn the_shard_of_a_term_is_that_of_its_key() {
        let none = BTreeSet::new();
        assert_eq!(shard_of("election", 64, &none), shard_of("el", 64, &none));
        // FNV-1a of "a": 0xe40c292c.
        assert_eq!(shard_of("a", usize::MAX, &none), 0xe40c_292c);
        let split = set(&["re"]);
        assert_eq!(shard_of("reforme", 64, &split), shard_of("ref", 64, &split));
    }

    #[test]
    fn only_beginnings_too_large_together_are_split_and_only_as_far_as_needed() {
        let big = SPLIT_BYTES / 3;
        let terms = [("de", big), ("dea", 10), ("rea", big), ("ref", big), ("refo", big), ("reg", big), ("un", 10)];
        let split = split_keys(&terms);
        assert_eq!(split, set(&["re"]), "re… holds more than SPLIT_BYTES, de… does not");
        let one_large_term = [("des", SPLIT_BYTES * 4)];
        assert!(split_keys(&one_large_term).is_empty(), "a single term cannot be split");
        let one_large_beginning = [("desa", SPLIT_BYTES), ("desb", SPLIT_BYTES)];
        assert_eq!(split_keys(&one_large_beginning), set(&["de", "des"]), "keyed by four characters, they part");
    }

    #[test]
    fn shards_grow_with_the_documents() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(3), 1);
        assert_eq!(shard_count(10_000), 2048);
        assert!(shard_count(10_000_000) <= MAX_SHARDS);
    }
}

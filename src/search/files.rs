//! The files of a language's index, as the theme's script reads them (the contract
//! is in `docs/themes.md`): `meta.json`, one `t/<n>.json` per shard (term →
//! postings, doc ids delta-coded), one `d/<k>.json` per chunk of doc records and one
//! `f/<kind>/<key>.json` per tag, region and category (the ids that have it).

use std::collections::BTreeSet;

use super::index::{DOCS_PER_CHUNK, DocRecord};

/// The version of the files' format.
const FORMAT: u32 = 2;

/// `meta.json`: the language, the sizes, and the shard keys that are split.
pub fn meta(lang: &str, docs: usize, shards: usize, split: &BTreeSet<Box<str>>) -> String {
    let lang = serde_json::to_string(lang).unwrap_or_default();
    let split = serde_json::to_string(split).unwrap_or_default();
    format!(
        r#"{{"v":{FORMAT},"lang":{lang},"docs":{docs},"shards":{shards},"chunk":{DOCS_PER_CHUNK},"split":{split}}}"#
    )
}

/// How many bytes `term` and its postings take in a shard: its share of what
/// [`shard`] writes.
pub fn term_size(term: &str, postings: &[u32]) -> usize {
    let mut last = 0;
    let numbers: usize = postings
        .chunks_exact(2)
        .map(|pair| {
            let size = digits(pair[0] - last) + digits(pair[1]) + 2;
            last = pair[0];
            size
        })
        .sum();
    // Colon and brackets; `numbers` counts a comma after each number, the last one
    // being the comma before the next term.
    let quoted = if plain(term) { term.len() + 2 } else { serde_json::to_string(term).map_or(0, |t| t.len()) };
    quoted + 3 + numbers
}

/// Whether `term` is written as it is between quotes: terms are letters and
/// digits, which JSON never escapes.
fn plain(term: &str) -> bool {
    term.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
}

/// Appends `term` as a JSON string, as [`term_size`] counts it.
fn push_json_string(out: &mut String, term: &str) {
    if plain(term) {
        out.push('"');
        out.push_str(term);
        out.push('"');
    } else {
        // A string: serializing it cannot fail.
        out.push_str(&serde_json::to_string(term).unwrap_or_default());
    }
}

/// How many decimal digits `n` has.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// A shard: each term with its postings, the first id absolute and the next ones
/// as differences.
pub fn shard(terms: &[(Box<str>, Vec<u32>)]) -> String {
    let mut out = String::with_capacity(terms.iter().map(|(t, p)| t.len() + 4 + p.len() * 4).sum::<usize>() + 2);
    out.push('{');
    for (i, (term, postings)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, term);
        out.push_str(":[");
        let mut last = 0;
        for (j, pair) in postings.chunks_exact(2).enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_number(&mut out, pair[0] - last);
            out.push(',');
            push_number(&mut out, pair[1]);
            last = pair[0];
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// Appends `n` in decimal: shards hold millions of numbers, most of them weights
/// and gaps of one digit, stored as a byte rather than copied.
fn push_number(out: &mut String, n: u32) {
    match u8::try_from(n) {
        Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
        _ => out.push_str(itoa::Buffer::new().format(n)),
    }
}

/// A chunk of doc records.
pub fn records(records: &[DocRecord]) -> String {
    serde_json::to_string(records).unwrap_or_default()
}

/// The ids of a filter.
pub fn ids(ids: &[u32]) -> String {
    serde_json::to_string(ids).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_coded_and_terms_escaped() {
        let terms = vec![("a\"b".into(), vec![3, 10, 7, 1, 8, 60, 4_000_000_000, 1000])];
        assert_eq!(shard(&terms), r#"{"a\"b":[3,10,4,1,1,60,3999999992,1000]}"#);
        assert_eq!(shard(&[]), "{}");
    }

    #[test]
    fn shards_hold_the_numbers_json_writes_for_random_postings() {
        let mut random = crate::test_random::Random::new(0x0005_4A2D_F11E_5EED);
        for _ in 0..500 {
            // Gaps and weights of one digit and of several.
            let mut number = || {
                let size = [10, 1000, 1 << 25][random.below(3)];
                u32::try_from(random.below(size)).unwrap()
            };
            let (mut postings, mut id) = (Vec::new(), 0);
            for _ in 0..number() % 40 {
                id += number();
                postings.extend([id, number()]);
            }
            let gaps: Vec<u32> = postings
                .chunks_exact(2)
                .scan(0, |last, pair| {
                    let gap = pair[0] - *last;
                    *last = pair[0];
                    Some([gap, pair[1]])
                })
                .flatten()
                .collect();
            let want = serde_json::json!({ "vote": gaps }).to_string();
            assert_eq!(shard(&[("vote".into(), postings)]), want);
        }
    }

    #[test]
    fn meta_names_the_language_and_the_sizes() {
        let split = ["de".into(), "re".into()].into();
        assert_eq!(
            meta("fr", 3, 1, &split),
            r#"{"v":2,"lang":"fr","docs":3,"shards":1,"chunk":8,"split":["de","re"]}"#
        );
    }

    #[test]
    fn the_size_of_a_term_is_what_the_shard_writes_of_it() {
        let terms: Vec<(Box<str>, Vec<u32>)> =
            vec![("vote".into(), vec![3, 10, 7, 1, 1200, 60]), ("zone".into(), vec![0, 1000, 9, 5])];
        let sizes: usize = terms.iter().map(|(t, p)| term_size(t, p)).sum();
        // The last term has no comma after it, the object has its braces.
        assert_eq!(sizes - 1 + 2, shard(&terms).len());
    }
}

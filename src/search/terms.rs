//! The terms of one document, each with its weight: what the index holds of an
//! article or a page, and what the cache keeps between builds.
//!
//! A document is made of fields (its title, news summary, commentary, source
//! names); each occurrence of a term adds its field's weight, and a term's weight is
//! the sum, at most [`MAX_WEIGHT`]: a word of the title outweighs the same word said
//! many times in the commentary. Within a field, a term counts at most
//! [`MAX_REPEATS`] times: a word repeated is a sign of the subject, but the fourth
//! time says little more, and small weights keep the index small. The terms are kept
//! packed in one buffer (a length byte, the term, its weight on two bytes), so that
//! ten thousand documents are ten thousand allocations, not millions, and the cache
//! can hand back slices of the file it read.

use std::collections::HashMap;
use std::hash::Hasher as _;

use bytes::Bytes;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::fold::fold;
use super::tokens::{Term, for_each_indexed_token};

/// The highest weight of a term in a document.
pub const MAX_WEIGHT: u32 = 1000;

/// How many occurrences of a term in one field count.
pub const MAX_REPEATS: u32 = 3;

/// A part of a document that search reads, as `[search] fields` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The headline or page title.
    Title,
    /// The news summary.
    Summary,
    /// The commentary (an article's body, a page's text).
    Commentary,
    /// The names of the sources.
    Source,
}

impl Field {
    /// Every field, in the order of their names in `site.toml`.
    pub const ALL: [Field; 4] = [Field::Title, Field::Summary, Field::Commentary, Field::Source];

    /// The name in `site.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Commentary => "commentary",
            Field::Source => "source",
        }
    }

    /// What one occurrence of a term in this field adds to its weight.
    fn weight(self) -> u32 {
        match self {
            Field::Title => 60,
            Field::Source => 20,
            Field::Summary => 6,
            Field::Commentary => 1,
        }
    }
}

/// The version of the terms' making: a change to the text read from HTML, folding,
/// tokens or weights changes it, and the cache of earlier builds is not used.
pub const TERMS_VERSION: u32 = 4;

/// A digest of the text of a document's fields, the key of its terms in the cache.
pub fn digest(fields: &[(Field, &str)]) -> u128 {
    let mut h = SipHasher13::new_with_keys(0x6272_6f61_6473_6865, 0x6574_7365_6172_6368);
    h.write_u32(TERMS_VERSION);
    for (field, text) in fields {
        h.write_u8(*field as u8);
        h.write_usize(text.len());
        h.write(text.as_bytes());
    }
    h.finish128().as_u128()
}

/// The terms of one document, packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTerms(Bytes);

impl DocTerms {
    /// The terms of a document made of `fields` (plain text).
    pub fn of(fields: &[(Field, &str)]) -> DocTerms {
        let folded: Vec<(Field, String)> = fields.iter().map(|(f, text)| (*f, fold(text))).collect();
        // Per term, how many times each field holds it (saturating).
        let mut counts: TermMap<[u8; 4]> = TermMap::with_capacity(folded.iter().map(|(_, t)| t.len() / 16).sum());
        for (field, text) in &folded {
            let slot = *field as usize;
            for_each_indexed_token(text, &mut |term| {
                let count = &mut counts.get_or_insert(term, Default::default)[slot];
                *count = count.saturating_add(1);
            });
        }
        let mut packed = Vec::with_capacity(counts.len() * 10);
        counts.into_each(|term, counts| {
            let weight: u32 =
                Field::ALL.iter().map(|f| f.weight() * u32::from(counts[*f as usize]).min(MAX_REPEATS)).sum();
            // The length byte, then the term: at most 40 characters, 160 bytes.
            let at = packed.len();
            packed.push(0);
            term.push_to(&mut packed);
            packed[at] = u8::try_from(packed.len() - at - 1).unwrap_or(u8::MAX);
            packed.extend_from_slice(&u16::try_from(weight.min(MAX_WEIGHT)).unwrap_or(1).to_le_bytes());
        });
        DocTerms(packed.into())
    }

    /// Terms packed by [`DocTerms::of`] (read back from the cache), when their
    /// lengths hold together. Whether each term is UTF-8 is not checked here, a call
    /// per term for millions of them: the cache's checksum vouches for its file, and
    /// the index checks each distinct term as it takes it.
    pub fn from_packed(packed: Bytes) -> Option<DocTerms> {
        let terms = DocTerms(packed);
        let mut at = 0;
        while at < terms.0.len() {
            let len = usize::from(terms.0[at]);
            terms.0.get(at + 1..at + 3 + len)?;
            at += len + 3;
        }
        Some(terms)
    }

    /// The packed bytes.
    pub fn packed(&self) -> &[u8] {
        &self.0
    }

    /// Each term with its weight, in no particular order: UTF-8 when the terms were
    /// made here, unchecked when read back from the cache.
    pub fn terms(&self) -> impl Iterator<Item = (Term<'_>, u16)> {
        let mut rest: &[u8] = &self.0;
        std::iter::from_fn(move || {
            let (&len, tail) = rest.split_first()?;
            let len = usize::from(len);
            tail.get(..len)?;
            // Read from `tail`: the weight and the next terms follow a short term.
            let term = Term::at(tail, len);
            let weight = u16::from_le_bytes([*tail.get(len)?, *tail.get(len + 1)?]);
            rest = tail.get(len + 2..)?;
            Some((term, weight))
        })
    }
}

/// A map from terms to values: a document's terms are counted in one, and a
/// language's postings gathered in another. Short terms are keyed by their integer
/// (see [`Term`]), longer ones by their bytes.
pub(super) struct TermMap<'t, V> {
    short: HashMap<u64, V, foldhash::fast::FixedState>,
    long: HashMap<&'t [u8], V, foldhash::fast::FixedState>,
}

impl<V> Default for TermMap<'_, V> {
    fn default() -> Self {
        TermMap::with_capacity(0)
    }
}

impl<'t, V> TermMap<'t, V> {
    /// A map with room for about `terms` terms.
    pub(super) fn with_capacity(terms: usize) -> Self {
        TermMap {
            short: HashMap::with_capacity_and_hasher(terms, Default::default()),
            long: HashMap::with_capacity_and_hasher(terms / 8, Default::default()),
        }
    }

    /// The value of `term`, made by `new` when the term is not in the map.
    pub(super) fn get_or_insert(&mut self, term: Term<'t>, new: impl FnOnce() -> V) -> &mut V {
        match term {
            Term::Short(key) => self.short.entry(key).or_insert_with(new),
            Term::Long(bytes) => self.long.entry(bytes).or_insert_with(new),
        }
    }

    /// How many terms there are.
    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Calls `each` with every term and its value, in no particular order, taking
    /// the values.
    pub(super) fn into_each(self, mut each: impl FnMut(Term<'t>, V)) {
        for (key, value) in self.short {
            each(Term::Short(key), value);
        }
        for (term, value) in self.long {
            each(Term::Long(term), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each term of `terms` as text, with its weight, in byte order.
    fn text_terms(terms: &DocTerms) -> Vec<(String, u16)> {
        let mut all: Vec<(String, u16)> = terms
            .terms()
            .map(|(term, weight)| (term.with_bytes(|t| String::from_utf8(t.to_vec()).unwrap()), weight))
            .collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn a_title_word_outweighs_the_same_word_in_the_commentary() {
        let terms = DocTerms::of(&[(Field::Title, "L'élection"), (Field::Commentary, "Une élection, deux élections.")]);
        let got = text_terms(&terms);
        let want = [("deux", 1), ("election", 61), ("elections", 1), ("une", 1)];
        assert_eq!(got, want.map(|(t, w)| (t.to_string(), w)));
    }

    #[test]
    fn repeats_count_up_to_a_few_times() {
        let text = "vote ".repeat(2000);
        let terms = DocTerms::of(&[(Field::Title, "vote vote"), (Field::Commentary, &text)]);
        assert_eq!(text_terms(&terms), [("vote".to_string(), 123)]);
    }

    #[test]
    fn packed_terms_read_back_and_broken_ones_are_refused() {
        let terms = DocTerms::of(&[(Field::Title, "日本銀行 rates")]);
        assert_eq!(DocTerms::from_packed(Bytes::copy_from_slice(terms.packed())), Some(terms.clone()));
        let cut = &terms.packed()[..terms.packed().len() - 1];
        assert_eq!(DocTerms::from_packed(Bytes::copy_from_slice(cut)), None);
    }

    /// A term by its definition: up to eight bytes, the integer they make, the
    /// first lowest.
    fn term_of(bytes: &[u8]) -> Term<'_> {
        if bytes.len() > 8 {
            return Term::Long(bytes);
        }
        Term::Short(bytes.iter().rev().fold(0, |key, &byte| key << 8 | u64::from(byte)))
    }

    #[test]
    fn the_integers_of_short_terms_are_their_bytes() {
        const PIECES: [&str; 12] = ["a", "Z", "0", " ", ".", "é", "’", "日本", "선거", "abcdefgh", "x\u{a0}", "ab"];
        let mut random = crate::test_random::Random::new(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..random.below(24) {
                text.push_str(PIECES[random.below(PIECES.len())]);
            }
            for_each_indexed_token(&fold(&text), &mut |term| {
                let bytes = term.with_bytes(<[u8]>::to_vec);
                assert_eq!(term, term_of(&bytes), "{text:?}");
            });
            for (term, _) in DocTerms::of(&[(Field::Title, &text)]).terms() {
                let bytes = term.with_bytes(<[u8]>::to_vec);
                assert_eq!(term, term_of(&bytes), "{text:?}");
            }
        }
    }

    #[test]
    fn the_digest_depends_on_which_field_holds_the_text() {
        assert_ne!(digest(&[(Field::Title, "a")]), digest(&[(Field::Summary, "a")]));
        assert_eq!(digest(&[(Field::Title, "a")]), digest(&[(Field::Title, "a")]));
    }
}

//! The terms of each document, kept from one build to the next: a rebuild after an
//! edit tokenizes the edited article, not the ten thousand others.
//!
//! A [`TermCache`] maps the digest of a document's indexed text (see
//! [`digest`]) to its terms. `build` reads it from the output's
//! [workspace](crate::output::Workspace) (`search-terms.bin`) and writes it back with
//! the documents of this build alone, through a temporary file; a file of another
//! version, cut short or altered is ignored (the build then tokenizes everything).
//! `serve` keeps one in memory for the life of the server. The cache counts how many
//! documents it tokenized and how many it reused, for the build's report.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, PoisonError, RwLock};

use bytes::Bytes;
use crc32fast::Hasher as Crc32;

use super::terms::{DocTerms, Field, TERMS_VERSION, digest};

/// The first bytes of the file.
const MAGIC: &[u8; 8] = b"BSTERMS\n";

/// The file's header: magic, terms version, entry count, body checksum (CRC-32:
/// it finds a damaged file, and reads tens of megabytes in a few milliseconds).
const HEADER: usize = 8 + 4 + 4 + 4;

/// How many documents a build tokenized, and how many it found in the cache (two
/// documents of the same text count once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TermCounts {
    /// Tokenized.
    pub indexed: usize,
    /// Taken from the cache.
    pub reused: usize,
}

/// The terms of documents by the digest of their text.
#[derive(Debug, Default)]
pub struct TermCache {
    entries: RwLock<HashMap<u128, DocTerms>>,
    /// The digests asked for since the last [`TermCache::finish`].
    used: Mutex<HashSet<u128>>,
    /// Those of them that were not in the cache.
    made: Mutex<HashSet<u128>>,
}

impl TermCache {
    /// The cache written at `path` by an earlier build, or an empty one when there
    /// is none or it cannot be trusted.
    pub fn load(path: &Path) -> TermCache {
        let entries = std::fs::read(path).ok().and_then(|bytes| parse(Bytes::from(bytes))).unwrap_or_default();
        TermCache { entries: RwLock::new(entries), ..TermCache::default() }
    }

    /// The terms of the document whose fields are `fields` (as the model holds
    /// them: the digest is taken of these), from the cache or made by `make`.
    pub fn terms(&self, fields: &[(Field, &str)], make: impl FnOnce() -> DocTerms) -> DocTerms {
        let key = digest(fields);
        self.used.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
        let known = self.entries.read().unwrap_or_else(PoisonError::into_inner).get(&key).cloned();
        if let Some(terms) = known {
            return terms;
        }
        let terms = make();
        self.made.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
        self.entries.write().unwrap_or_else(PoisonError::into_inner).insert(key, terms.clone());
        terms
    }

    /// Ends a build: forgets the documents it did not ask for (when it asked for
    /// any) and returns how many it tokenized and reused.
    pub fn finish(&self) -> TermCounts {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(PoisonError::into_inner));
        let made = std::mem::take(&mut *self.made.lock().unwrap_or_else(PoisonError::into_inner));
        if !used.is_empty() {
            self.entries.write().unwrap_or_else(PoisonError::into_inner).retain(|key, _| used.contains(key));
        }
        TermCounts { indexed: made.len(), reused: used.len().saturating_sub(made.len()) }
    }

    /// Writes the cache to `path`, through a temporary file, streamed: the body is
    /// read twice (for its checksum, then to write it) rather than held twice.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        let mut sorted: Vec<(&u128, &DocTerms)> = entries.iter().collect();
        sorted.sort_unstable_by_key(|(key, _)| **key);
        let mut sum = Crc32::new();
        for (key, terms) in &sorted {
            write_entry(&mut HashWriter(&mut sum), **key, terms)?;
        }
        let temp = path.with_extension(format!("tmp-{}", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&temp)?);
        out.write_all(MAGIC)?;
        out.write_all(&TERMS_VERSION.to_le_bytes())?;
        out.write_all(&u32::try_from(sorted.len()).unwrap_or(u32::MAX).to_le_bytes())?;
        out.write_all(&sum.finalize().to_le_bytes())?;
        for (key, terms) in sorted {
            write_entry(&mut out, *key, terms)?;
        }
        out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&temp, path)
    }
}

/// Writes one entry of the file: the digest, the length of the terms, the terms.
fn write_entry(out: &mut impl Write, key: u128, terms: &DocTerms) -> std::io::Result<()> {
    out.write_all(&key.to_le_bytes())?;
    out.write_all(&u32::try_from(terms.packed().len()).unwrap_or(u32::MAX).to_le_bytes())?;
    out.write_all(terms.packed())
}

/// A writer that only hashes what it is given.
struct HashWriter<'h>(&'h mut Crc32);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn checksum(body: &[u8]) -> u32 {
    crc32fast::hash(body)
}

/// The entries of a cache file, when it is whole and of this version.
fn parse(file: Bytes) -> Option<HashMap<u128, DocTerms>> {
    let header = file.get(..HEADER)?;
    let word = |at: usize| header.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
    let sum = word(16)?;
    if &header[..8] != MAGIC || word(8)? != TERMS_VERSION || checksum(&file[HEADER..]) != sum {
        return None;
    }
    let count = usize::try_from(word(12)?).ok()?;
    // The count is not under the checksum: an entry takes 20 bytes at least.
    let mut entries = HashMap::with_capacity(count.min((file.len() - HEADER) / 20));
    let mut at = HEADER;
    while at < file.len() {
        let key = u128::from_le_bytes(file.get(at..at + 16)?.try_into().ok()?);
        let len = usize::try_from(u32::from_le_bytes(file.get(at + 16..at + 20)?.try_into().ok()?)).ok()?;
        let start = at + 20;
        file.get(start..start + len)?;
        entries.insert(key, DocTerms::from_packed(file.slice(start..start + len))?);
        at = start + len;
    }
    (entries.len() == count).then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(cache: &TermCache, title: &str) -> DocTerms {
        cache.terms(&[(Field::Title, title)], || DocTerms::of(&[(Field::Title, title)]))
    }

    #[test]
    fn a_saved_cache_gives_back_its_terms_without_tokenizing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.bin");
        let cache = TermCache::default();
        let made = terms(&cache, "Élection au Japon");
        assert_eq!(cache.finish(), TermCounts { indexed: 1, reused: 0 });
        cache.save(&path).unwrap();
        let again = TermCache::load(&path);
        assert_eq!(again.terms(&[(Field::Title, "Élection au Japon")], || unreachable!("cached")), made);
        assert_eq!(again.finish(), TermCounts { indexed: 0, reused: 1 });
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.bin");
        let cache = TermCache::default();
        terms(&cache, "un deux");
        cache.save(&path).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(TermCache::load(&path).entries.read().unwrap().is_empty());
        std::fs::write(&path, &bytes[..HEADER + 3]).unwrap();
        assert!(TermCache::load(&path).entries.read().unwrap().is_empty());
        bytes[last] ^= 1;
        bytes[15] = 0x7f;
        std::fs::write(&path, &bytes).unwrap();
        assert!(TermCache::load(&path).entries.read().unwrap().is_empty(), "a count of billions allocates nothing");
    }

    #[test]
    fn a_build_forgets_the_documents_it_no_longer_has() {
        let cache = TermCache::default();
        terms(&cache, "gone");
        cache.finish();
        terms(&cache, "kept");
        cache.finish();
        assert_eq!(cache.entries.read().unwrap().len(), 1);
    }
}

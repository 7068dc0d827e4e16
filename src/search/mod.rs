//! Search: an index per language, written by `build` beside the pages, that the
//! theme's script queries in the reader's browser without a server.
//!
//! The index is made from the model's text, not from the rendered pages: each
//! article's and page's title, news summary, commentary and source names
//! ([`terms`]), folded ([`fold`]) and cut into tokens ([`tokens`]) the way the
//! theme's script treats a query, so that `election` finds « élection », a Japanese
//! word finds the sentence it stands in and a Korean word its form with a particle.
//! [`index`] gathers the documents of a language into sharded postings and chunks of
//! result records, [`files`] writes them as JSON, [`text`] reads the plain text of
//! the model's HTML, and [`cache`] keeps each document's terms from one build to the
//! next, keyed by a digest of its text. The files' format is the contract with the
//! theme, documented in `docs/themes.md`.

pub mod cache;
pub mod files;
pub mod fold;
pub mod index;
pub mod shards;
pub mod terms;
pub mod text;
pub mod tokens;

pub use cache::{TermCache, TermCounts};
pub use index::{Doc, DocRecord, LanguageIndex, chunk_count};
pub use shards::shard_count;
pub use terms::Field;

//! Authors in `site.toml`: who signs articles, a person or an organisation, named
//! and described once for every language or per language. A name given in a
//! language the site does not declare is refused where it is written.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{ConfigError, LanguageConfig, RawConfig, table_location};
use crate::diagnostics::Diagnostic;
use crate::links::Link;

/// An author of articles, referred to by key in front matter `authors`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Author {
    /// Display name: one for every language, or one per language code.
    pub name: Localized,
    /// A short biography, the same way; default: none.
    #[serde(default)]
    pub bio: Option<Localized>,
    /// The author's own page; default: none.
    #[serde(default)]
    pub url: Option<Link>,
    /// A person (the default) or an organisation (a newsroom, an agency).
    #[serde(default)]
    pub kind: AuthorKind,
}

/// Who signs: a person or an organisation, as structured data says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    /// A journalist: `Person` in JSON-LD.
    #[default]
    Person,
    /// A newsroom or an agency: `Organization` in JSON-LD.
    Organization,
}

/// A text given once for every language (`"La rédaction"`) or per language code
/// (`{ fr = "La rédaction", ja = "編集部" }`).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same in every language.
    Everywhere(String),
    /// Per language code.
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text for language `code`: its own, else the default language's, else
    /// the first given.
    pub fn get(&self, code: &str, default: &str) -> &str {
        match self {
            Localized::Everywhere(text) => text,
            Localized::PerLanguage(texts) => texts
                .get(code)
                .or_else(|| texts.get(default))
                .or_else(|| texts.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The language of the text [`get`](Self::get) gives for `code`: `code` when it
    /// has its own, else the default language (the language of a text given once).
    pub fn written_in<'a>(&self, code: &'a str, default: &'a str) -> &'a str {
        match self {
            Localized::PerLanguage(texts) if texts.contains_key(code) => code,
            _ => default,
        }
    }

    /// The language codes it gives a text for (none when the same everywhere).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let codes = match self {
            Localized::Everywhere(_) => None,
            Localized::PerLanguage(texts) => Some(texts.keys().map(String::as_str)),
        };
        codes.into_iter().flatten()
    }
}

impl RawConfig {
    /// Names and biographies of authors given in a language the site does not declare.
    pub(super) fn undeclared_author_languages(
        &self,
        declared: &BTreeMap<String, LanguageConfig>,
        text: &str,
        path: &Path,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (key, author) in &self.authors {
            let texts = std::iter::once(&author.name).chain(&author.bio);
            for code in texts.flat_map(Localized::languages).filter(|c| !declared.contains_key(*c)) {
                let error = ConfigError::UndeclaredLanguage { key: key.clone(), code: code.to_string() };
                let hint = format!("declare [languages.{code}], or remove the {code} text");
                problems.push(Diagnostic::new(table_location(text, path, "authors", key), error).with_hint(hint));
            }
        }
        problems
    }
}

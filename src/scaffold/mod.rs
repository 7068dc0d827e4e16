//! Scaffolding: the files that editors' commands write for them.
//!
//! [`article`] writes a new article (front matter and the headings of the
//! commentary sections), [`translation`] a translation draft of an existing one,
//! and [`site`] the files of a new site. Each returns text or a list of files; the
//! commands decide where they go. [`create_file`] is the only writer, and it never
//! replaces a file: an editor's work is worth more than any generated text.
//!
//! Front matter is written key by key in the order editors read it, with every value
//! serialized by the `toml` crate, so that a title with quotes or backslashes stays
//! valid TOML.

pub mod article;
mod front_matter_text;
pub mod site;
pub mod translation;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use front_matter_text::FrontMatterText;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::RefusedLink;
use crate::theme::{Theme, default_theme_string};

/// Marks text that still has to be translated; `broadsheet check` warns about it.
pub const TRANSLATE_MARKER: &str = "[translate]";

/// One section of an article's commentary: its anchor and its theme string key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionKind {
    /// The heading's anchor (`{#context}`), the same in every language.
    pub id: &'static str,
    /// The key of its heading in the theme's `i18n/<lang>.toml`.
    pub key: &'static str,
}

/// The commentary sections of an article, in order.
pub const SECTIONS: [SectionKind; 6] = [
    SectionKind { id: "context", key: "section_context" },
    SectionKind { id: "analysis", key: "section_analysis" },
    SectionKind { id: "key-points", key: "section_key_points" },
    SectionKind { id: "data", key: "section_data" },
    SectionKind { id: "related", key: "section_related" },
    SectionKind { id: "conclusion", key: "section_conclusion" },
];

/// A section heading in one language: its anchor and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The anchor (`context`).
    pub id: &'static str,
    /// The heading text in the article's language.
    pub text: String,
}

/// The section headings in `lang`: the theme's strings (site overrides included),
/// else the built-in theme's, else the anchors themselves.
pub fn section_headings(theme: &Theme, lang: &str) -> Vec<Heading> {
    SECTIONS
        .iter()
        .map(|s| Heading {
            id: s.id,
            text: theme
                .strings
                .get(lang)
                .and_then(|strings| strings.get(s.key))
                .cloned()
                .or_else(|| default_theme_string(lang, s.key))
                .unwrap_or_else(|| s.id.to_string()),
        })
        .collect()
}

/// Why a file could not be scaffolded.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The target file exists; it is left as it is.
    #[error("{0} already exists; nothing was written")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder concerned.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// A title that gives no file name.
    #[error("the title \"{0}\" has no letters or digits to make a file name from")]
    EmptySlug(String),
    /// A language site.toml does not declare.
    #[error("the language \"{lang}\" is not declared in site.toml (declared: {declared})")]
    UnknownLanguage {
        /// The code asked for.
        lang: String,
        /// The declared codes, comma-separated.
        declared: String,
    },
    /// A region site.toml does not declare.
    #[error("unknown region \"{region}\" (declared in site.toml: {declared})")]
    UnknownRegion {
        /// The key asked for.
        region: String,
        /// The declared keys, comma-separated.
        declared: String,
    },
    /// A translation into the language the article is already in.
    #[error("{path} is already in \"{lang}\"; choose another language with --lang")]
    SameLanguage {
        /// The article.
        path: PathBuf,
        /// Its language.
        lang: String,
    },
    /// A source address the build would refuse (`javascript:`, a path...).
    #[error("{0}; {hint}", hint = .0.hint())]
    RefusedSource(#[from] RefusedLink),
    /// The original of a translation cannot be read as an article.
    #[error("{0}")]
    Original(Diagnostics),
    /// A translation asked of a file that is not an article.
    #[error("{0} is not an article: translations are made of files under content/articles/")]
    NotAnArticle(PathBuf),
    /// A value that TOML cannot hold.
    #[error("cannot write the front matter: {0}")]
    Toml(#[from] toml::ser::Error),
}

impl From<Diagnostic> for ScaffoldError {
    fn from(d: Diagnostic) -> Self {
        ScaffoldError::Original(d.into())
    }
}

impl From<Diagnostics> for ScaffoldError {
    fn from(d: Diagnostics) -> Self {
        ScaffoldError::Original(d)
    }
}

/// Creates `path` (and its folders) with `text`; fails with
/// [`ScaffoldError::Exists`] rather than replace a file, even one created by
/// someone else a moment before.
pub fn create_file(path: &Path, bytes: &[u8]) -> Result<(), ScaffoldError> {
    let at = |source| ScaffoldError::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(at)?;
    }
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(ScaffoldError::Exists(path.to_path_buf()));
        }
        Err(e) => return Err(at(e)),
    };
    file.write_all(bytes).map_err(at)
}

/// `text` marked for translation.
fn mark(text: &str) -> String {
    format!("{TRANSLATE_MARKER} {text}")
}

/// `## Heading {#id}` lines, a blank line after each.
fn heading_lines(headings: &[Heading]) -> String {
    headings.iter().map(|h| format!("## {} {{#{}}}\n\n", h.text, h.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// The theme of a site in `dir` whose settings are `site_toml`.
    fn theme(dir: &Path, site_toml: &str) -> Theme {
        let config = Config::parse(site_toml, Path::new("site.toml")).unwrap();
        Theme::load(dir, &config).unwrap()
    }

    fn texts(headings: &[Heading]) -> Vec<&str> {
        headings.iter().map(|h| h.text.as_str()).collect()
    }

    #[test]
    fn section_headings_are_the_themes_strings_in_the_language() {
        let dir = tempfile::tempdir().unwrap();
        let theme = theme(
            dir.path(),
            "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.ja]\n",
        );
        let ja = section_headings(&theme, "ja");
        assert_eq!(
            ja.iter().map(|h| h.id).collect::<Vec<_>>(),
            ["context", "analysis", "key-points", "data", "related", "conclusion"]
        );
        assert_eq!(texts(&ja), ["背景", "専門家の分析", "ポイント", "データで見る", "関連ニュース", "まとめ"]);
    }

    #[test]
    fn a_theme_without_section_strings_gets_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("themes/plain/i18n")).unwrap();
        fs::write(dir.path().join("themes/plain/i18n/fr.toml"), "home = \"Accueil\"\n").unwrap();
        let theme = theme(dir.path(), "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\ntheme='plain'\n");
        assert_eq!(texts(&section_headings(&theme, "fr"))[0], "Contexte et arrière-plan");
    }

    #[test]
    fn create_file_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.md");
        create_file(&path, b"first").unwrap();
        let err = create_file(&path, b"second").unwrap_err();
        assert!(matches!(err, ScaffoldError::Exists(_)), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"first");
    }
}

//! Loading: find the content files of a site and read them.
//!
//! Walks `content/` and returns one [`SourceFile`] per Markdown file with its kind
//! (article, page, home text), its translation stem and its language (from a
//! `.ja.md` suffix, else the default language). Files are read in parallel. A file
//! that cannot be read, is not UTF-8, or names an undeclared language becomes a
//! [`Diagnostic`]; the walk goes on so that every problem is reported at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use std::borrow::Cow;

use crate::config::Config;
use crate::controls;
use crate::diagnostics::{self, Diagnostic, Location, Problem};
use crate::normal;

/// Problems with a content file as a file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Reading failed.
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    /// The bytes are not UTF-8.
    #[error("the file is not valid UTF-8 here (byte {0})")]
    NotUtf8(usize),
    /// A symbolic link, which a build does not follow.
    #[error("the file is a symbolic link, which broadsheet does not follow")]
    Link,
    /// A `.xx.md` suffix naming a language that site.toml does not declare.
    #[error("the language \"{0}\" of this file is not declared in site.toml")]
    UndeclaredLanguage(String),
    /// The folder walk failed.
    #[error("cannot list the folder: {0}")]
    Walk(String),
}

impl Problem for LoadError {
    fn kind(&self) -> diagnostics::Kind {
        match self {
            LoadError::Read(_) | LoadError::Walk(_) => diagnostics::Kind::Unreadable,
            LoadError::NotUtf8(_) => diagnostics::Kind::NotUtf8,
            LoadError::Link => diagnostics::Kind::Symlink,
            LoadError::UndeclaredLanguage(_) => diagnostics::Kind::UnknownLanguage,
        }
    }
}

/// What a content file is, from where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `content/articles/**.md`
    Article,
    /// `content/pages/**.md`
    Page,
    /// `content/_index.md` (and its translations): the home page text.
    Home,
}

/// One Markdown file of the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (`content/articles/x.ja.md`), used in messages.
    pub path: PathBuf,
    /// Article, page or home text.
    pub kind: Kind,
    /// The translation key: the path under its kind's folder without the language
    /// suffix and `.md` (`2025-08-28-meeting` for `2025-08-28-meeting.ja.md`).
    pub stem: String,
    /// Language code.
    pub lang: String,
    /// The file's text, shared: an unchanged file costs nothing to pass on again.
    pub text: Arc<str>,
}

/// Finds and reads every content file under `root/content`; returns the files read
/// and the problems met, both sorted by path.
pub fn load_content(root: &Path, config: &Config) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let (paths, mut problems) = list_markdown_files(root);
    let results: Vec<Result<SourceFile, Diagnostic>> = std::thread::scope(|scope| {
        scope.spawn(|| prefetch(root, &paths));
        paths.par_iter().map(|(rel, kind)| read_source(root, rel, *kind, config)).collect()
    });
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// Asks the kernel to start reading every file of `paths` (relative to `root`) at
/// once. When the files are not in memory (a fresh CI machine, a cold cache), the
/// readers would otherwise wait for the disk one file per thread at a time; with
/// the reads queued ahead of them they find most files already in memory. Only
/// paths are built here, in one reused buffer: the text is read by the readers.
#[cfg(target_os = "linux")]
fn prefetch(root: &Path, paths: &[(PathBuf, Kind)]) {
    let mut path = PathBuf::new();
    for (rel, _) in paths {
        path.as_mut_os_string().clear();
        path.push(root);
        path.push(rel);
        if let Ok(file) = std::fs::File::open(&path) {
            // Advice only: a refusal changes nothing but speed.
            let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
        }
    }
}

/// Elsewhere the readers read the files as they come.
#[cfg(not(target_os = "linux"))]
fn prefetch(_root: &Path, _paths: &[(PathBuf, Kind)]) {}

/// Every Markdown file under `content/` with its kind, sorted by path.
pub fn list_markdown_files(root: &Path) -> (Vec<(PathBuf, Kind)>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    if !content.is_dir() {
        return (paths, problems);
    }
    let walker =
        walkdir::WalkDir::new(&content).sort_by_file_name().into_iter().filter_entry(|e| !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or(content.clone(), Path::to_path_buf);
                problems.push(Diagnostic::new(Location::file(relative(root, &path)), LoadError::Walk(e.to_string())));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            problems.push(link_problem(rel));
        } else if entry.file_type().is_file()
            && let Some(kind) = content_kind(&rel)
        {
            paths.push((rel, kind));
        }
    }
    (paths, problems)
}

/// A symbolic link found where a build reads files: reported rather than skipped,
/// so that nothing goes missing from the site without a word, and never followed,
/// so that a link cannot publish a file from elsewhere on the machine.
pub fn link_problem(rel: impl Into<PathBuf>) -> Diagnostic {
    Diagnostic::new(Location::file(rel), LoadError::Link)
        .with_hint("replace the link by a copy of the file or folder it points to")
}

/// Names that editors and tools leave behind and that are never content: dot
/// files, `x~` backups, `#x#` autosaves.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The kind of content file `rel` (relative to the root): a visible `.md` file in
/// a known folder; `None` for anything else (left alone).
pub fn content_kind(rel: &Path) -> Option<Kind> {
    let visible = rel.components().all(|c| !is_hidden(c.as_os_str()));
    (visible && rel.extension().is_some_and(|x| x == "md")).then(|| kind_of(rel)).flatten()
}

/// The kind of a file from its path relative to the root; `None` for files outside
/// the known folders (left alone).
fn kind_of(rel: &Path) -> Option<Kind> {
    let mut parts = rel.components().skip(1);
    let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let nested = parts.next().is_some();
    match first.as_str() {
        "articles" if nested => Some(Kind::Article),
        "pages" if nested => Some(Kind::Page),
        name if !nested && (name == "_index.md" || name.starts_with("_index.")) => Some(Kind::Home),
        _ => None,
    }
}

/// Reads content file `rel` (relative to `root`) of kind `kind`.
pub fn read_source(root: &Path, rel: &Path, kind: Kind, config: &Config) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| Diagnostic::new(Location::file(rel), LoadError::Read(e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
        Diagnostic::new(Location::at_offset(rel, valid, at, 1), LoadError::NotUtf8(at))
            .with_hint("save the file as UTF-8")
    })?;
    let (stem, lang) = stem_and_language(rel, kind, config)?;
    let text: Arc<str> = match controls::strip(&text) {
        Cow::Borrowed(_) => normal::composed(text).into(),
        Cow::Owned(clean) => normal::composed(clean).into(),
    };
    Ok(SourceFile { path: rel.to_path_buf(), kind, stem: normal::composed(stem), lang, text })
}

/// Splits `x.ja.md` into (`x`, `ja`); `x.md` is in the default language.
pub fn stem_and_language(rel: &Path, kind: Kind, config: &Config) -> Result<(String, String), Diagnostic> {
    let folder = match kind {
        Kind::Article => "content/articles",
        Kind::Page => "content/pages",
        Kind::Home => "content",
    };
    let inner = rel.strip_prefix(folder).unwrap_or(rel).to_string_lossy().replace('\\', "/");
    let without_md = inner.strip_suffix(".md").unwrap_or(&inner);
    let default = config.default_language().code.clone();
    if let Some((stem, suffix)) = without_md.rsplit_once('.')
        && looks_like_language(suffix)
    {
        if config.language(suffix).is_none() {
            let known: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(Diagnostic::new(Location::at(rel, 1, 1), LoadError::UndeclaredLanguage(suffix.to_string()))
                .with_hint(format!(
                    "declare [languages.{suffix}] in site.toml, or rename the file (declared: {})",
                    known.join(", ")
                )));
        }
        return Ok((folder_stem(rel, stem).to_string(), suffix.to_string()));
    }
    Ok((folder_stem(rel, without_md).to_string(), default))
}

/// The stem of a folder article is its folder's (`x` for `x/index.ja.md`); any
/// other file keeps `stem`.
fn folder_stem<'s>(rel: &Path, stem: &'s str) -> &'s str {
    match crate::resources::folder_of(rel) {
        Some(_) => stem.strip_suffix("/index").unwrap_or(stem),
        None => stem,
    }
}

/// A file-name suffix that is meant as a language code (`ja`, `pt-BR`, `zh-Hant`).
fn looks_like_language(suffix: &str) -> bool {
    let primary = suffix.split('-').next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && suffix.parse::<icu::locale::LanguageIdentifier>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.ja]\n",
            Path::new("site.toml"),
        )
        .unwrap()
    }

    #[test]
    fn translation_suffix_gives_language_and_shared_stem() {
        let c = config();
        let (stem, lang) = stem_and_language(Path::new("content/articles/2025-a.ja.md"), Kind::Article, &c).unwrap();
        assert_eq!((stem.as_str(), lang.as_str()), ("2025-a", "ja"));
        let (stem, lang) = stem_and_language(Path::new("content/articles/2025-a.md"), Kind::Article, &c).unwrap();
        assert_eq!((stem.as_str(), lang.as_str()), ("2025-a", "fr"));
    }

    #[test]
    fn a_folder_article_takes_its_stem_from_its_folder() {
        let c = config();
        let (stem, lang) = stem_and_language(Path::new("content/articles/2025-a/index.md"), Kind::Article, &c).unwrap();
        assert_eq!((stem.as_str(), lang.as_str()), ("2025-a", "fr"));
        let rel = Path::new("content/articles/2025-a/index.ja.md");
        let (stem, lang) = stem_and_language(rel, Kind::Article, &c).unwrap();
        assert_eq!((stem.as_str(), lang.as_str()), ("2025-a", "ja"));
    }

    #[test]
    fn undeclared_language_is_an_error() {
        let e = stem_and_language(Path::new("content/articles/a.de.md"), Kind::Article, &config()).unwrap_err();
        assert!(e.to_string().contains("\"de\""), "{e}");
    }

    #[test]
    fn dotted_names_that_are_not_languages_stay_in_the_stem() {
        let (stem, lang) = stem_and_language(Path::new("content/articles/v1.2.md"), Kind::Article, &config()).unwrap();
        assert_eq!((stem.as_str(), lang.as_str()), ("v1.2", "fr"));
    }

    #[test]
    fn hidden_and_non_markdown_files_are_not_content() {
        assert_eq!(content_kind(Path::new("content/articles/a.md")), Some(Kind::Article));
        assert_eq!(content_kind(Path::new("content/articles/.a.md.swp")), None);
        assert_eq!(content_kind(Path::new("content/articles/.drafts/a.md")), None);
        assert_eq!(content_kind(Path::new("content/articles/a.md~")), None);
        assert_eq!(content_kind(Path::new("content/articles/4913")), None);
    }

    #[test]
    fn kinds_follow_folders() {
        assert_eq!(kind_of(Path::new("content/articles/a.md")), Some(Kind::Article));
        assert_eq!(kind_of(Path::new("content/pages/about.md")), Some(Kind::Page));
        assert_eq!(kind_of(Path::new("content/_index.ja.md")), Some(Kind::Home));
        assert_eq!(kind_of(Path::new("content/notes.md")), None);
    }
}

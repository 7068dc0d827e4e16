//! Article folders: an article written as `content/articles/<stem>/index.md`, its
//! translations `index.<lang>.md` beside it, and its photographs and documents
//! (its resources) next to them.
//!
//! A folder keeps an article and its files together, so a photograph is named as
//! the editor sees it: `![A ferry](ferry.jpg)`, `image = { src = "ferry.jpg" }`.
//! Every visible file of the folder that is not Markdown is published beside the
//! article's page, once, under the folder's own address in the default language
//! (`/articles/<folder name without its date>/ferry.jpg`), which its translations
//! share. [`resolve`] turns a relative address written in the folder's files into
//! that address from the site root, and refuses one that would leave the folder
//! (`../x.jpg`, `./a/../../b`, a backslash, an escaped `%2e%2e`) with the rules of
//! [`output_path`](crate::output_path); whether the file exists is then the build's
//! rule for every image ([`targets`](crate::targets)). [`collect`] lists the
//! resources of every folder as static outputs, and refuses a Markdown file of a
//! folder other than its `index` files: it would be a second article hidden among
//! the first one's files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Location, Problem};
use crate::load::{self, Kind};
use crate::model::strip_date_prefix;
use crate::output_path::{PathProblem, check_relative};
use crate::routes::scheme;
use crate::theme::FileSource;

/// What is wrong with a path of an article folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourceError {
    /// A relative address that would leave the article's folder, or cannot be a path.
    #[error("image \"{0}\" is not a path inside the article's folder: {1}")]
    Outside(String, PathProblem),
    /// A file of the folder whose name cannot be a path of the site.
    #[error("the file name cannot be a path of the site: {0}")]
    BadName(PathProblem),
    /// A resource published where a static file of the site or theme already is.
    #[error("the file would be published at {0}, where a static file already is")]
    Collides(String),
    /// A resource published where one of another folder is (two folders, one slug).
    #[error("the file would be published at {0}, where another article folder publishes one")]
    SameAddress(String),
    /// A Markdown file of a folder other than `index.md` and its translations.
    #[error("a Markdown file in an article's folder must be index.md or a translation index.<lang>.md")]
    StrayMarkdown,
}

impl Problem for ResourceError {
    fn kind(&self) -> diagnostics::Kind {
        match self {
            ResourceError::Outside(..) | ResourceError::StrayMarkdown => diagnostics::Kind::ResourcePath,
            ResourceError::BadName(_) => diagnostics::Kind::BadFileName,
            ResourceError::Collides(_) | ResourceError::SameAddress(_) => diagnostics::Kind::OutputCollision,
        }
    }
}

/// The address, from the site root, under which the resources of the folder article
/// with stem `stem` are published (`/articles/ferry/`).
pub fn folder_url(config: &Config, stem: &str) -> String {
    scheme::article(&default_prefix(config), folder_slug(stem)).url
}

fn default_prefix(config: &Config) -> String {
    config.default_language().prefix.clone()
}

/// The slug a folder gives its article by default: its name without the date.
fn folder_slug(stem: &str) -> &str {
    strip_date_prefix(stem.rsplit('/').next().unwrap_or(stem))
}

/// The address from the site root of `src`, written in a file of the folder whose
/// resources are published under `base` (`/articles/ferry/`): `Ok(None)` when `src`
/// is not relative (it is taken from the site root or is on another site), the
/// resource's address when it is one inside the folder, an error when it leaves it.
pub fn resolve(base: &str, src: &str) -> Result<Option<String>, ResourceError> {
    if !is_relative(src) {
        return Ok(None);
    }
    let mut inner = src;
    while let Some(rest) = inner.strip_prefix("./") {
        inner = rest;
    }
    check_relative(inner).map_err(|problem| ResourceError::Outside(src.to_string(), problem))?;
    if inner.ends_with('/') {
        return Err(ResourceError::Outside(src.to_string(), PathProblem::Empty));
    }
    Ok(Some(format!("{base}{inner}")))
}

/// Whether `src` is a relative address: neither from the root (`/x`), nor on another
/// site (`https://`, `//host`), nor with any other scheme (`data:`).
pub fn is_relative(src: &str) -> bool {
    !src.starts_with('/') && crate::links::scheme(src).is_none()
}

/// The folder of a folder article's file `rel` (`content/articles/x/index.ja.md` →
/// `content/articles/x`); `None` for a single-file article and any other file.
pub fn folder_of(rel: &Path) -> Option<&Path> {
    let name = rel.file_name()?.to_str()?;
    let is_index = name == "index.md" || name.strip_prefix("index.").is_some_and(|r| r.ends_with(".md"));
    let folder = rel.parent()?;
    (is_index && folder.starts_with("content/articles") && folder != Path::new("content/articles")).then_some(folder)
}

/// Every resource of every article folder under `root/content/articles`, as static
/// outputs (output path → file), and the problems met: a resource whose name cannot
/// be a path, a Markdown file that is not an `index` file.
pub fn collect(root: &Path, config: &Config) -> (BTreeMap<String, FileSource>, Vec<Diagnostic>) {
    let articles = root.join("content/articles");
    let mut outputs = BTreeMap::new();
    let mut problems = Vec::new();
    if !articles.is_dir() {
        return (outputs, problems);
    }
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&articles)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !load::is_hidden(e.file_name()))
        .filter_map(Result::ok)
        // A file right under content/articles is a single-file article (or left alone).
        .filter(|e| e.depth() > 1 && e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf())
        .collect();
    let folders: HashSet<&Path> = files.iter().filter_map(|f| folder_of(f)).collect();
    for file in &files {
        let Some(folder) = file.ancestors().skip(1).find(|a| folders.contains(a)) else {
            continue;
        };
        if load::content_kind(file) == Some(Kind::Article) {
            if folder_of(file) != Some(folder) {
                problems.push(stray(file));
            }
            continue;
        }
        let inner = file.strip_prefix(folder).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let stem = folder.strip_prefix("content/articles").unwrap_or(folder).to_string_lossy().replace('\\', "/");
        let place = scheme::article(&default_prefix(config), folder_slug(&stem));
        match check_relative(&inner) {
            Ok(()) => {
                let output = format!("{}{inner}", place.file.trim_end_matches("index.html"));
                // Two folders publishing under one slug would put both files at one address.
                if outputs.insert(output.clone(), FileSource::Disk(root.join(file))).is_some() {
                    let error = ResourceError::SameAddress(format!("/{output}"));
                    let hint = "rename one of the folders (the folder's name without its date is its address)";
                    problems.push(Diagnostic::new(Location::file(file), error).with_hint(hint));
                }
            }
            Err(problem) => problems.push(Diagnostic::new(Location::file(file), ResourceError::BadName(problem))),
        }
    }
    (outputs, problems)
}

/// Adds `resources` to the static outputs `statics`; a resource where a static file
/// already is would replace it without a word: it is a problem instead.
pub fn add_to(statics: &mut BTreeMap<String, FileSource>, resources: &BTreeMap<String, FileSource>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (output, source) in resources {
        if statics.contains_key(output) {
            let at = match source {
                FileSource::Disk(path) => Location::file(path),
                FileSource::Embedded(_) => Location::file(output),
            };
            problems.push(Diagnostic::new(at, ResourceError::Collides(format!("/{output}"))));
        } else {
            statics.insert(output.clone(), source.clone());
        }
    }
    problems
}

fn stray(file: &Path) -> Diagnostic {
    Diagnostic::new(Location::file(file), ResourceError::StrayMarkdown).with_hint(
        "move it out of the folder to make it an article of its own, or rename it index.<lang>.md if it is a \
         translation",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_the_folder_resolve_under_its_address() {
        let base = "/articles/ferry/";
        assert_eq!(resolve(base, "a.jpg"), Ok(Some("/articles/ferry/a.jpg".into())));
        assert_eq!(resolve(base, "./photos/a.jpg"), Ok(Some("/articles/ferry/photos/a.jpg".into())));
        for kept in ["/static.jpg", "https://x.org/a.jpg", "data:image/png;base64,AA"] {
            assert_eq!(resolve(base, kept), Ok(None), "{kept}");
        }
    }

    #[test]
    fn only_addresses_without_a_root_or_scheme_are_relative() {
        assert!(is_relative("map.svg") && is_relative("../x/y.png"));
        for src in ["/map.svg", "//cdn.example/x.png", "https://x.org/a.png", "data:image/png;base64,AA"] {
            assert!(!is_relative(src), "{src}");
        }
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        for src in ["../x.jpg", "a/../../x.jpg", "./../x.jpg", "..\\x.jpg", "%2e%2e/x.jpg", "a//b.jpg", "photos/"] {
            assert!(matches!(resolve("/articles/f/", src), Err(ResourceError::Outside(..))), "{src}");
        }
    }

    #[test]
    fn only_index_files_in_a_folder_below_articles_make_a_folder_article() {
        let folder = Path::new("content/articles/2025-a");
        assert_eq!(folder_of(Path::new("content/articles/2025-a/index.md")), Some(folder));
        assert_eq!(folder_of(Path::new("content/articles/2025-a/index.ja.md")), Some(folder));
        assert_eq!(folder_of(Path::new("content/articles/index.md")), None);
        assert_eq!(folder_of(Path::new("content/articles/2025-a/notes.md")), None);
        assert_eq!(folder_of(Path::new("content/pages/a/index.md")), None);
    }
}

//! Where each kept file is published: its URL and output path, from its slug (or its
//! file name without the date), its language's prefix and its kind; aliases and the
//! `@/` keys that internal links use.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Kind, SourceFile};
use crate::output_path::{PathProblem, check_relative};
use crate::slug::encode_path;

use super::ModelError;
use super::items::key_location;
use super::parse::{Parsed, ParsedKind};
use super::types::{TaxonomyKind, Term};

/// Assigns each kept file its URL and output path; duplicates are reported.
pub(super) fn assign_urls(
    kept: &[Arc<Parsed>],
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    let mut urls = Vec::with_capacity(kept.len());
    for p in kept {
        let prefix = &config.language(&p.file.lang).map_or("", |l| l.prefix.as_str());
        let (folder, explicit) = match &p.kind {
            ParsedKind::Article(a) => ("articles/", a.fm.slug.clone()),
            ParsedKind::Page(fm) => ("", fm.slug.clone()),
        };
        let default_slug = strip_date_prefix(p.file.stem.rsplit('/').next().unwrap_or(&p.file.stem));
        let slug = explicit.clone().unwrap_or_else(|| default_slug.to_string());
        if let Err(problem) = check_relative(&slug) {
            problems.push(Diagnostic::new(key_location(&p.file, "slug"), ModelError::BadSlug(slug.clone(), problem)));
        }
        let plain = if p.file.kind == Kind::Home { format!("/{prefix}") } else { format!("/{prefix}{folder}{slug}/") };
        if p.file.kind != Kind::Home
            && let Some(other) = seen.insert(plain.clone(), &p.file.path)
        {
            let error = ModelError::DuplicateUrl { url: plain.clone(), other: other.display().to_string() };
            problems.push(
                Diagnostic::new(key_location(&p.file, "slug"), error)
                    .with_hint("give one of them another `slug` in its front matter"),
            );
        }
        let output = format!("{}index.html", &plain[1..]);
        urls.push((encode_path(&plain), output));
    }
    urls
}

/// The output file of an alias (`/old/path/` → `old/path/index.html`,
/// `/old.html` → `old.html`), or why it is not a safe root-relative path.
pub fn alias_output(alias: &str) -> Result<String, PathProblem> {
    let path = alias.strip_prefix('/').ok_or(PathProblem::NotRooted)?;
    check_relative(path)?;
    let last = path.rsplit('/').next().unwrap_or("");
    Ok(if path.ends_with('/') {
        format!("{path}index.html")
    } else if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

/// `2025-08-28-meeting` → `meeting`.
pub(super) fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
        && bytes[10] == b'-';
    if is_date { &stem[11..] } else { stem }
}

/// The `@/` key of a file: its path under `content/` (`articles/x.ja.md`).
pub(super) fn link_key(file: &SourceFile) -> String {
    file.path.strip_prefix("content").unwrap_or(&file.path).to_string_lossy().replace('\\', "/")
}

pub(super) fn url_slug(url: &str) -> String {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()
}

impl super::Site {
    /// The URL path of a term page (`/ja/regions/kp/`), encoded.
    pub fn term_url(&self, lang: usize, kind: TaxonomyKind, key: &str) -> String {
        encode_path(&format!("/{}{}/{key}/", self.config.languages[lang].prefix, kind.as_str()))
    }

    /// The URL path of a taxonomy index (`/ja/tags/`).
    pub fn taxonomy_url(&self, lang: usize, kind: TaxonomyKind) -> String {
        format!("/{}{}/", self.config.languages[lang].prefix, kind.as_str())
    }

    /// A term of a language, when some article of that language uses it.
    pub fn term(&self, lang: usize, kind: TaxonomyKind, key: &str) -> Option<&Term> {
        self.lists[lang].taxonomies.get(&kind)?.get(key)
    }

    /// The URL path of a declared author's page (`/ja/authors/redaction/`), encoded.
    pub fn author_url(&self, lang: usize, key: &str) -> String {
        encode_path(&format!("/{}authors/{key}/", self.config.languages[lang].prefix))
    }

    /// The URL path of a language's list of authors (`/ja/authors/`).
    pub fn authors_url(&self, lang: usize) -> String {
        format!("/{}authors/", self.config.languages[lang].prefix)
    }

    /// The URL path of a language's home (`/` or `/ja/`).
    pub fn home_url(&self, lang: usize) -> String {
        format!("/{}", self.config.languages[lang].prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_stripped_from_default_slugs() {
        assert_eq!(strip_date_prefix("2025-08-28-trilateral-meeting"), "trilateral-meeting");
        assert_eq!(strip_date_prefix("about"), "about");
        assert_eq!(strip_date_prefix("2025-08-28"), "2025-08-28");
    }

    #[test]
    fn aliases_map_to_output_files() {
        assert_eq!(alias_output("/old/path/").as_deref(), Ok("old/path/index.html"));
        assert_eq!(alias_output("/old/page.html").as_deref(), Ok("old/page.html"));
        assert_eq!(alias_output("/old").as_deref(), Ok("old/index.html"));
        for bad in ["old/", "/", "//x", "/../etc/", "/a/../../b", "/a\\b", "/con/"] {
            assert!(alias_output(bad).is_err(), "{bad}");
        }
    }
}

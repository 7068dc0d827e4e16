//! Where each kept file is published: its URL and output path, from its slug (or its
//! file name without the date), its language's prefix and its kind; aliases and the
//! `@/` keys that internal links use.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Kind, SourceFile};
use crate::output_path::check_relative;
use crate::routes::scheme;

use super::ModelError;
use super::items::key_location;
use super::parse::{Parsed, ParsedKind};

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
        let explicit = match &p.kind {
            ParsedKind::Article(a) => a.fm.slug.clone(),
            ParsedKind::Page(fm) => fm.slug.clone(),
        };
        let default_slug = strip_date_prefix(p.file.stem.rsplit('/').next().unwrap_or(&p.file.stem));
        let slug = explicit.clone().unwrap_or_else(|| default_slug.to_string());
        if let Err(problem) = check_relative(&slug) {
            problems.push(Diagnostic::new(key_location(&p.file, "slug"), ModelError::BadSlug(slug.clone(), problem)));
        }
        let place = match (&p.kind, p.file.kind) {
            (_, Kind::Home) => scheme::home(prefix, 1),
            (ParsedKind::Article(_), _) => scheme::article(prefix, &slug),
            (ParsedKind::Page(_), _) => scheme::page(prefix, &slug),
        };
        if p.file.kind != Kind::Home
            && let Some(other) = seen.insert(place.file.clone(), &p.file.path)
        {
            let error =
                ModelError::DuplicateUrl { url: scheme::readable(&place.url), other: other.display().to_string() };
            problems.push(
                Diagnostic::new(key_location(&p.file, "slug"), error)
                    .with_hint("give one of them another `slug` in its front matter"),
            );
        }
        urls.push((place.url, place.file));
    }
    urls
}

/// `2025-08-28-meeting` → `meeting`.
pub fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
        && bytes[10] == b'-';
    if is_date { &stem[11..] } else { stem }
}

/// The `@/` key of a file: its path under `content/` (`articles/x.ja.md`).
pub(super) fn link_key(file: &SourceFile) -> String {
    link_key_of(&file.path)
}

/// The `@/` key of the content file at `path`.
pub(super) fn link_key_of(path: &std::path::Path) -> String {
    path.strip_prefix("content").unwrap_or(path).to_string_lossy().replace('\\', "/")
}

pub(super) fn url_slug(url: &str) -> String {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()
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
}

//! Where a setting is written in `site.toml`, for errors that name its line, and the
//! keys that become folders of the output (regions, categories, tags, authors,
//! languages, the theme), checked where they are declared.

use std::collections::BTreeMap;
use std::path::Path;

use super::{ConfigError, RawConfig, TermNames};
use crate::diagnostics::{Diagnostic, Location};
use crate::output_path::{check_key, check_segment};

impl RawConfig {
    /// Every key that becomes a folder of the output and cannot be one.
    pub(super) fn bad_keys(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let tables = [
            ("regions", self.regions.keys().collect::<Vec<_>>()),
            ("categories", self.categories.keys().collect()),
            ("tags", self.tags.keys().collect()),
            ("authors", self.authors.keys().collect()),
            ("languages", self.languages.keys().collect()),
        ];
        let mut problems = Vec::new();
        for (table, keys) in tables {
            for key in keys {
                if let Err(problem) = check_key(key) {
                    let at = table_location(text, path, table, key);
                    let error = ConfigError::BadKey { table, key: key.clone(), problem };
                    problems.push(Diagnostic::new(at, error).with_hint(KEY_HINT));
                }
            }
        }
        if let Err(problem) = check_segment(&self.theme) {
            let error = ConfigError::BadKey { table: "theme", key: self.theme.clone(), problem };
            let hint = "name a folder under themes/, such as \"default\"";
            problems.push(Diagnostic::new(key_location(text, path, "theme"), error).with_hint(hint));
        }
        problems
    }
}

const KEY_HINT: &str = "use letters, digits and dashes, such as \"north-korea\" or \"jane-doe\"";

/// The terms of `table` keyed by their slug, as articles name them: `[tags."politique
/// monétaire"]` names the tag that `tags = ["Politique monétaire"]` gives. Two keys
/// with one slug are a problem.
pub(super) fn by_slug(
    table: &'static str,
    terms: &BTreeMap<String, TermNames>,
    text: &str,
    path: &Path,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TermNames> {
    let mut out: BTreeMap<String, (String, TermNames)> = BTreeMap::new();
    for (key, names) in terms {
        let slug = crate::slug::slugify(key);
        // The key itself was checked; lowercase can make its slug, which names the
        // folder, longer.
        if let (Ok(()), Err(problem)) = (check_key(key), check_key(&slug)) {
            let error = ConfigError::BadKey { table, key: slug.clone(), problem };
            problems.push(Diagnostic::new(table_location(text, path, table, key), error).with_hint(KEY_HINT));
        } else if let Some((other, _)) = out.get(&slug) {
            let error = ConfigError::SameTerm { table, key: key.clone(), other: other.clone(), slug: slug.clone() };
            problems.push(Diagnostic::new(table_location(text, path, table, key), error).with_hint("keep one of them"));
        } else {
            out.insert(slug, (key.clone(), names.clone()));
        }
    }
    out.into_iter().map(|(slug, (_, names))| (slug, names)).collect()
}

/// The line of the table `[table.key]` (quoted or not), or of the line where `table`
/// is opened, for a key written inline.
pub fn table_location(text: &str, path: &Path, table: &str, key: &str) -> Location {
    let quoted = serde_json::to_string(key).unwrap_or_default();
    let forms = [format!("[{table}.{key}]"), format!("[{table}.{quoted}]"), format!("[{table}]")];
    forms
        .iter()
        .find_map(|form| {
            let line = text.lines().position(|l| l.trim_start().starts_with(form.as_str()))?;
            Some(Location::at(path, line + 1, 1))
        })
        .unwrap_or_else(|| Location::file(path))
}

/// Best-effort location of a key or table header in the file, for validation errors.
pub(super) fn key_location(text: &str, path: &Path, key: &str) -> Location {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with(key) && (key.starts_with('[') || line[key.len()..].trim_start().starts_with('='))
        })
        .map_or(Location::file(path), |i| Location::at(path, i + 1, 1))
}

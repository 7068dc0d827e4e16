//! Which languages each article is in: the table `check` prints, and a finding per
//! article not yet in every language of the site.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::Location;
use crate::model::Site;

use super::super::report::{Finding, TranslationRow, TranslationTable};
use super::Problem;

/// Which languages each article is in; empty for a one-language site.
pub fn translation_table(site: &Site) -> TranslationTable {
    let languages = &site.config().languages;
    if languages.len() < 2 {
        return TranslationTable::default();
    }
    let mut rows: BTreeMap<&str, Vec<Option<PathBuf>>> = BTreeMap::new();
    for a in site.articles() {
        rows.entry(&a.stem).or_insert_with(|| vec![None; languages.len()])[a.lang] = Some(a.file.clone());
    }
    TranslationTable {
        languages: languages.iter().map(|l| l.code.clone()).collect(),
        rows: rows.into_iter().map(|(stem, files)| TranslationRow { article: stem.to_string(), files }).collect(),
    }
}

/// One finding per article not yet in every language, on its first file.
pub(super) fn findings(site: &Site) -> Vec<Finding> {
    let table = translation_table(site);
    let mut out = Vec::new();
    for row in table.rows.iter().filter(|r| r.is_incomplete()) {
        let Some(file) = row.files.iter().flatten().next() else {
            continue;
        };
        let missing: Vec<&str> =
            table.languages.iter().zip(&row.files).filter(|(_, f)| f.is_none()).map(|(l, _)| l.as_str()).collect();
        let hint = format!("broadsheet new --translate {} --lang {}", file.display(), missing[0]);
        out.push(Problem::MissingTranslations(missing.join(", ")).at(Location::file(file), hint));
    }
    out
}

//! What `check` found, and its two forms: text for editors, JSON for CI tools.
//!
//! A [`Finding`] is a [`Diagnostic`] with a severity and a stable [`Code`]. Errors
//! are what would break the build or the published page; warnings are editorial
//! advice, and never fail a check. The JSON form is a stable schema, documented in
//! `docs/editors.md`: `{ "errors": [...], "warnings": [...], "translations": [...] }`,
//! each finding with `file`, `line`, `column`, `code`, `kind`, `message` and `hint`.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

pub use crate::diagnostics::Severity;
use crate::diagnostics::{Diagnostic, Kind};

/// The kind of a finding for the report: what found it, which sets its severity. Its
/// name ([`Code::as_str`]) is part of the JSON schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    /// What `build` rejects: settings, front matter, regions, links, missing images.
    Build,
    /// A template that does not compile or render.
    Template,
    /// A problem in a draft or future-dated article, which the build leaves out.
    Unpublished,
    /// What an editorial rule of `check` found; the kind names the rule.
    Rule(Kind),
}

impl Code {
    /// The name shown in reports: `build`, `template`, `unpublished` or the rule's
    /// kind (`missing-alt`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Build => "build",
            Code::Template => "template",
            Code::Unpublished => "unpublished",
            Code::Rule(kind) => kind.code(),
        }
    }

    /// How serious findings of this kind are: what breaks the build or a page is an
    /// error, the rest is advice.
    pub fn severity(self) -> Severity {
        match self {
            Code::Build | Code::Template => Severity::Error,
            Code::Rule(Kind::RelativeImage | Kind::UnknownCategory) => Severity::Error,
            Code::Unpublished | Code::Rule(_) => Severity::Warning,
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What found it, which sets its severity.
    pub code: Code,
    /// Where and what.
    pub diagnostic: Diagnostic,
}

impl Finding {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// What kind of problem it is, as a stable code (`unknown-key`, `missing-alt`).
    pub fn kind(&self) -> &'static str {
        self.diagnostic.kind.code()
    }
}

/// Which languages each article exists in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TranslationTable {
    /// The site's language codes, the default first.
    pub languages: Vec<String>,
    /// One row per article, by stem.
    pub rows: Vec<TranslationRow>,
}

/// One article in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationRow {
    /// The stem its files share.
    pub article: String,
    /// Its file in each language of [`TranslationTable::languages`], if any.
    pub files: Vec<Option<PathBuf>>,
}

impl TranslationRow {
    /// True when a language has no file.
    pub fn is_incomplete(&self) -> bool {
        self.files.iter().any(Option::is_none)
    }
}

/// Everything `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Errors and warnings, sorted by severity, then file and line.
    pub findings: Vec<Finding>,
    /// Languages of each article (empty for a one-language site).
    pub translations: TranslationTable,
    /// True when the site could not be loaded, so no editorial rule ran.
    pub editorial_skipped: bool,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    code: Code,
    kind: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTranslation<'a> {
    article: &'a str,
    languages: Vec<JsonLanguage<'a>>,
}

#[derive(Serialize)]
struct JsonLanguage<'a> {
    lang: &'a str,
    file: Option<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: Vec<JsonFinding<'a>>,
    warnings: Vec<JsonFinding<'a>>,
    translations: Vec<JsonTranslation<'a>>,
}

impl Report {
    /// Sorts the findings: errors first, then by file, line and message.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.severity(), &a.diagnostic.location, &a.diagnostic.message).cmp(&(
                b.severity(),
                &b.diagnostic.location,
                &b.diagnostic.message,
            ))
        });
        self.findings.dedup();
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity() == severity).count()
    }

    /// The report for a terminal: one finding a paragraph (`error[code]: path:line:col:
    /// message`, then its hint), the articles missing a translation, and a count.
    pub fn to_text(&self) -> String {
        let table = self.translation_text();
        // The table says which articles miss a translation, better than a line each.
        let mut out = self.paragraphs(|f| table.is_empty() || f.code != Code::Rule(Kind::MissingTranslation));
        out.push_str(&table);
        if self.editorial_skipped {
            out.push_str("\nThe editorial checks did not run: fix the errors above first.\n");
        }
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        let _ = writeln!(out, "\n{} {}, {} {}", errors, plural(errors, "error"), warnings, plural(warnings, "warning"));
        out.trim_start().to_string()
    }

    /// The findings alone, one a paragraph.
    pub fn findings_text(&self) -> String {
        self.paragraphs(|_| true)
    }

    fn paragraphs(&self, keep: impl Fn(&Finding) -> bool) -> String {
        let mut out = String::new();
        for f in self.findings.iter().filter(|f| keep(f)) {
            let _ = writeln!(out, "{}", f.diagnostic.tagged(f.severity()));
        }
        out
    }

    /// The incomplete rows of the translation table, a ✓ or ✗ per language.
    fn translation_text(&self) -> String {
        let table = &self.translations;
        let incomplete: Vec<&TranslationRow> = table.rows.iter().filter(|r| r.is_incomplete()).collect();
        if incomplete.is_empty() {
            return String::new();
        }
        let widths: Vec<usize> = table.languages.iter().map(|l| l.chars().count().max(1) + 1).collect();
        let mut out = format!(
            "\nTranslations ({} of {} articles are not in every language):\n  ",
            incomplete.len(),
            table.rows.len()
        );
        for (lang, width) in table.languages.iter().zip(&widths) {
            let _ = write!(out, "{lang:width$}");
        }
        out.push_str(" article\n");
        for row in incomplete {
            out.push_str("  ");
            for (file, width) in row.files.iter().zip(&widths) {
                let _ = write!(out, "{:width$}", if file.is_some() { "✓" } else { "✗" });
            }
            let _ = writeln!(out, " {}", row.article);
        }
        out.push_str("  To start a translation: broadsheet new --translate <file> --lang <code>\n");
        out
    }

    /// The report as JSON (see the module documentation for the schema).
    pub fn to_json(&self) -> String {
        let findings = |severity: Severity| -> Vec<JsonFinding> {
            self.findings
                .iter()
                .filter(|f| f.severity() == severity)
                .map(|f| JsonFinding {
                    file: f.diagnostic.location.path.to_string_lossy().replace('\\', "/"),
                    line: f.diagnostic.location.line,
                    column: f.diagnostic.location.col,
                    code: f.code,
                    kind: f.kind(),
                    message: &f.diagnostic.message,
                    hint: f.diagnostic.hint.as_deref(),
                })
                .collect()
        };
        let translations = self
            .translations
            .rows
            .iter()
            .map(|row| JsonTranslation {
                article: &row.article,
                languages: self
                    .translations
                    .languages
                    .iter()
                    .zip(&row.files)
                    .map(|(lang, file)| JsonLanguage {
                        lang,
                        file: file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
                    })
                    .collect(),
            })
            .collect();
        let report =
            JsonReport { errors: findings(Severity::Error), warnings: findings(Severity::Warning), translations };
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn report() -> Report {
        let mut report = Report {
            findings: vec![
                Finding {
                    code: Code::Rule(Kind::MissingAlt),
                    diagnostic: Diagnostic::of_kind(Location::at("b.md", 3, 1), Kind::MissingAlt, "no alt"),
                },
                Finding {
                    code: Code::Build,
                    diagnostic: Diagnostic::of_kind(Location::at("a.md", 9, 4), Kind::MissingImage, "no image")
                        .with_hint("add it"),
                },
            ],
            translations: TranslationTable {
                languages: vec!["fr".into(), "ja".into()],
                rows: vec![
                    TranslationRow { article: "one".into(), files: vec![Some("one.md".into()), None] },
                    TranslationRow {
                        article: "two".into(),
                        files: vec![Some("two.md".into()), Some("two.ja.md".into())],
                    },
                ],
            },
            editorial_skipped: false,
        };
        report.sort();
        report
    }

    #[test]
    fn text_lists_errors_first_then_incomplete_translations_and_counts() {
        let expected = "error[missing-image]: a.md:9:4: no image\n  hint: add it\n\
                        warning[missing-alt]: b.md:3:1: no alt\n\
                        \nTranslations (1 of 2 articles are not in every language):\n  fr ja  article\n  ✓  ✗   one\n\
                        \x20 To start a translation: broadsheet new --translate <file> --lang <code>\n\
                        \n1 error, 1 warning\n";
        assert_eq!(report().to_text(), expected);
    }

    #[test]
    fn text_leaves_missing_translations_to_the_table() {
        let mut report = report();
        let diagnostic =
            Diagnostic::of_kind(Location::file("one.md"), Kind::MissingTranslation, "no translation in ja");
        report.findings.push(Finding { code: Code::Rule(Kind::MissingTranslation), diagnostic });
        assert!(!report.to_text().contains("no translation in ja"));
        assert!(report.to_text().ends_with("1 error, 2 warnings\n"));
        assert!(report.findings_text().contains("warning[missing-translation]: one.md: no translation in ja\n"));
    }

    #[test]
    fn json_follows_the_documented_schema() {
        let json: serde_json::Value = serde_json::from_str(&report().to_json()).unwrap();
        assert_eq!(
            json["errors"][0],
            serde_json::json!({"file": "a.md", "line": 9, "column": 4, "code": "build", "kind": "missing-image", "message": "no image", "hint": "add it"})
        );
        assert_eq!(json["warnings"][0]["code"], "missing-alt");
        assert_eq!(json["translations"][0]["languages"][1], serde_json::json!({"lang": "ja", "file": null}));
    }
}

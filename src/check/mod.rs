//! Checking a site: everything `build` validates, without writing, plus the
//! editorial rules.
//!
//! [`check`] loads the site exactly as `build` would, looks up where its links and
//! images lead as `build` does ([`targets`]), and renders every page
//! into a sink that drops the bytes, so that a template error is found as surely as
//! a front matter error. It then loads the site again with drafts and future-dated
//! articles: their problems are warnings (the build leaves them out, for now), and
//! the editorial [`rules`] run over all of them. Everything ends up in one
//! [`Report`]; nothing is written.

pub mod report;
pub mod rules;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::build::BuildOptions;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::LoadError;
use crate::model::Site;
use crate::output::DiscardOutput;
use crate::pipeline::{BuildError, load_site, render_all};
use crate::render::Renderer;
use crate::routes::{Route, RouteEntry, check_unique, routes};
use crate::targets;
use crate::theme::{Theme, missing_strings_warnings};

pub use report::{Code, Finding, Report, Severity};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder (holding site.toml).
    pub root: PathBuf,
    /// Check as a build with `--drafts` would.
    pub drafts: bool,
    /// Check as a build with `--future` would.
    pub future: bool,
    /// The clock: articles after it are future-dated.
    pub now: jiff::Timestamp,
}

impl CheckOptions {
    fn build_options(&self, drafts: bool, future: bool) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.root.join("public"),
            base_url: None,
            drafts,
            future,
            now: self.now,
            force: false,
            replace_output: false,
        }
    }
}

/// Checks the site at `options.root`.
pub fn check(options: &CheckOptions) -> Report {
    let mut report = Report::default();
    let built = load_site(&options.build_options(options.drafts, options.future));
    let mut build_errors = built.as_ref().err().map(|d| d.0.clone()).unwrap_or_default();
    if let Ok((site, theme)) = &built {
        let table = routes(site);
        let collisions = check_unique(site, &table, &theme.static_files, &options.root).err();
        build_errors.extend(collisions.map(|d| d.0).unwrap_or_default());
        build_errors.extend(targets::problems(site, &table, &theme.static_files));
        add(&mut report, Code::Template, render_errors(site, theme, &table));
    }
    add(&mut report, Code::Build, build_errors.clone());
    match load_unpublished(&mut report, options, &build_errors).or_else(|| built.ok()) {
        Some((site, theme)) => {
            let table = routes(&site);
            let unpublished = targets::problems(&site, &table, &theme.static_files);
            add(
                &mut report,
                Code::Unpublished,
                unpublished.into_iter().filter(|d| !build_errors.contains(d)).collect(),
            );
            editorial(&mut report, options, &site, &theme);
        }
        None => report.editorial_skipped = true,
    }
    report.sort();
    report
}

/// The site with drafts and future-dated articles, for the editorial rules. When
/// that fails, the problems that the build does not have are reported as
/// warnings, and the site is loaded with future-dated articles only (drafts are
/// the likelier to be unfinished), then with drafts only.
fn load_unpublished(report: &mut Report, options: &CheckOptions, build_errors: &[Diagnostic]) -> Option<(Site, Theme)> {
    let mut wider: Vec<(bool, bool)> = Vec::new();
    for w in [(true, true), (options.drafts, true), (true, options.future)] {
        if w != (options.drafts, options.future) && !wider.contains(&w) {
            wider.push(w);
        }
    }
    let mut reported = false;
    for (drafts, future) in wider {
        match load_site(&options.build_options(drafts, future)) {
            Ok(loaded) => return Some(loaded),
            Err(d) if !reported => {
                add(report, Code::Unpublished, d.0.into_iter().filter(|x| !build_errors.contains(x)).collect());
                reported = true;
            }
            Err(_) => {}
        }
    }
    None
}

fn add(report: &mut Report, code: Code, diagnostics: Vec<Diagnostic>) {
    report.findings.extend(diagnostics.into_iter().map(|diagnostic| Finding { code, diagnostic }));
}

/// Every template error of the site, found by rendering it all in memory. The files
/// of the search indexes are left out: they are the model's text, written by no
/// template, and making them would tokenize every article for nothing.
fn render_errors(site: &Site, theme: &Theme, table: &[RouteEntry]) -> Vec<Diagnostic> {
    let renderer = match Renderer::new(site, theme) {
        Ok(renderer) => renderer,
        Err(d) => return d.0,
    };
    let templated: Vec<RouteEntry> = table.iter().filter(|e| !matches!(e.route, Route::Search(_))).cloned().collect();
    match render_all(theme, &renderer, &templated, &DiscardOutput) {
        Ok(_) => Vec::new(),
        Err(BuildError::Content(d)) => d.0,
        Err(BuildError::Output(e)) => vec![Diagnostic::new(Location::file(e.path()), e)],
    }
}

/// Runs the editorial rules over the site and its theme.
fn editorial(report: &mut Report, options: &CheckOptions, site: &Site, theme: &Theme) {
    let files = site.articles().map(|a| &a.file).chain(site.pages().map(|p| &p.file));
    let mut texts = HashMap::new();
    for path in files.chain([&PathBuf::from(SETTINGS)]) {
        match std::fs::read_to_string(options.root.join(path)) {
            Ok(text) => {
                texts.insert(path.clone(), text);
            }
            Err(e) => add(report, Code::Build, vec![Diagnostic::new(Location::file(path), LoadError::Read(e))]),
        }
    }
    let settings = texts.get(std::path::Path::new(SETTINGS)).map_or("", String::as_str);
    let inputs = rules::Inputs { site, texts: &texts, settings, now: options.now };
    report.findings.extend(rules::editorial(&inputs));
    let missing_strings = missing_strings_warnings(&site.config().theme, &theme.missing_strings);
    add(report, Code::Rule(crate::diagnostics::Kind::MissingStrings), missing_strings);
    report.translations = rules::translation_table(site);
}

/// The site's settings file, relative to its folder.
const SETTINGS: &str = "site.toml";

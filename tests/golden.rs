//! The whole output of the `news` fixture, byte for byte, against the tree kept in
//! `tests/golden/news/`.
//!
//! The other suites check properties of the output (links resolve, feeds parse,
//! JSON-LD is valid); this one catches every change at all, wanted or not, so that a
//! change to what readers get is seen in review as a diff of `tests/golden/`. After a
//! wanted change, `BROADSHEET_BLESS=1 cargo test --test golden` writes the new tree.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use common::{Site, read_tree, repo};

/// Where the expected output of the `news` fixture is kept.
fn golden_news() -> PathBuf {
    repo().join("tests/golden/news")
}

#[test]
fn news_fixture_output_matches_the_golden_tree() {
    let site = Site::fixture("news");
    site.build(&[]);
    let built = read_tree(&site.public());
    if std::env::var_os("BROADSHEET_BLESS").is_some() {
        bless(&built);
        return;
    }
    let expected = read_tree(&golden_news());
    let differences = differences(&expected, &built);
    assert!(
        differences.is_empty(),
        "the output differs from tests/golden/news/:\n{}\n\
         If the change is wanted, run BROADSHEET_BLESS=1 cargo test --test golden and review the diff.",
        differences.join("\n")
    );
}

/// One line per file missing, added or changed, with the first changed line.
fn differences(expected: &BTreeMap<String, Vec<u8>>, built: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in expected {
        match built.get(path) {
            None => found.push(format!("  missing: {path}")),
            Some(now) if now != bytes => found.push(format!("  changed: {path}\n{}", first_changed_line(bytes, now))),
            Some(_) => {}
        }
    }
    found.extend(built.keys().filter(|p| !expected.contains_key(*p)).map(|p| format!("  added: {p}")));
    found
}

/// The first line where two versions of a file part, both shown.
fn first_changed_line(before: &[u8], after: &[u8]) -> String {
    let (before, after) = (String::from_utf8_lossy(before), String::from_utf8_lossy(after));
    let mut pairs = before.lines().zip(after.lines()).enumerate();
    match pairs.find(|(_, (b, a))| b != a) {
        Some((n, (b, a))) => format!("    line {}:\n    - {b}\n    + {a}", n + 1),
        None => "    (one version is longer)".to_string(),
    }
}

/// Replaces the golden tree with `built`.
fn bless(built: &BTreeMap<String, Vec<u8>>) {
    let root = golden_news();
    if root.exists() {
        fs::remove_dir_all(&root).unwrap();
    }
    for (path, bytes) in built {
        let file = root.join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, bytes).unwrap();
    }
}

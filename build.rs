//! Rebuild the binary when the default theme (compiled into it) changes, and give
//! `--version` the commit it was built from.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rustc-env=BROADSHEET_COMMIT={}", commit());
    // A new commit moves HEAD or the branch it names; only files that exist are
    // watched (a missing one would rerun this script at every build).
    for file in [".git/HEAD", ".git/packed-refs"].into_iter().map(String::from).chain(head_ref()) {
        if Path::new(&file).exists() {
            println!("cargo:rerun-if-changed={file}");
        }
    }
}

/// The commit checked out, abbreviated, or `unknown` outside a git checkout (a
/// source archive) or without git.
fn commit() -> String {
    let output = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).output();
    match output {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        _ => "unknown".to_string(),
    }
}

/// The branch file HEAD points to (`.git/refs/heads/main`), if any.
fn head_ref() -> Option<String> {
    let head = std::fs::read_to_string(".git/HEAD").ok()?;
    head.strip_prefix("ref: ").map(|name| format!(".git/{}", name.trim()))
}

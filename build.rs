//! Rebuild the binary when the default theme (compiled into it) changes, and give
//! `--version` the commit it was built from.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!(
        "cargo:rustc-env=BROADSHEET_COMMIT={}",
        git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or("unknown".into())
    );
    // A new commit moves HEAD or the branch it names; only files that exist are
    // watched (a missing one would rerun this script at every build). git names
    // them, so that a worktree (whose `.git` is a file) is watched too.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for name in ["HEAD", "packed-refs"].into_iter().map(String::from).chain(branch) {
        if let Some(file) = git(&["rev-parse", "--git-path", &name]).filter(|f| Path::new(f).exists()) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
}

/// What a git command prints, trimmed; `None` outside a git checkout (a source
/// archive) or without git.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

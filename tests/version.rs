//! `broadsheet --version` says which version and which commit a binary was built
//! from, so that a bug report or a CI log names the exact code.

mod common;

use std::process::Command;

#[test]
fn the_version_names_the_package_version_and_the_commit_built() {
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet")).arg("--version").output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(common::repo()).output();
    let commit = match head {
        Ok(head) if head.status.success() => String::from_utf8(head.stdout).unwrap().trim().to_string(),
        _ => "unknown".to_string(),
    };
    let expected = format!("broadsheet {} (commit {commit})\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(printed, expected);
}

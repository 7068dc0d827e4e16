//! The output folder: a build replaces only a folder it wrote, readers of the
//! folder see the old site or the new one and never a mix whatever moment a build is
//! killed at, two builds into one folder take turns, and what a killed build left is
//! cleaned up by the next.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Site, read_tree};

#[test]
fn the_sites_own_folders_cannot_be_the_output() {
    let site = Site::fixture("news");
    for folder in ["content", "content/articles", "static", "."] {
        let run = site.run(&["build", "--output", folder]);
        assert!(!run.ok(), "--output {folder} was accepted");
        assert!(run.stderr().contains("the output folder"), "{}", run.stderr());
    }
    assert!(site.root().join("content/articles/2025-03-01-alpha.md").is_file(), "content kept");
}

#[test]
fn a_folder_of_other_files_is_refused_and_kept_unless_replacing_is_asked_for() {
    let site = Site::fixture("news");
    let other = site.root().join("other");
    fs::create_dir_all(other.join("notes")).unwrap();
    fs::write(other.join("notes/todo.txt"), "keep me").unwrap();
    let run = site.run(&["build", "--output", "other"]);
    assert!(!run.ok());
    assert!(
        run.stderr().contains("other holds files that broadsheet did not write (notes/todo.txt)"),
        "{}",
        run.stderr()
    );
    assert_eq!(fs::read_to_string(other.join("notes/todo.txt")).unwrap(), "keep me");
    site.build(&["--output", "other", "--replace-output"]);
    assert!(other.join("index.html").is_file() && !other.join("notes").exists());
    site.build(&["--output", "other"]);
}

#[test]
fn an_empty_folder_is_used_and_a_file_or_link_is_refused() {
    let site = Site::fixture("news");
    fs::create_dir_all(site.root().join("empty")).unwrap();
    site.build(&["--output", "empty"]);
    assert!(site.root().join("empty/index.html").is_file());
    fs::write(site.root().join("a-file"), "x").unwrap();
    let run = site.run(&["build", "--output", "a-file"]);
    assert!(!run.ok() && run.stderr().contains("it is a file, not a folder"), "{}", run.stderr());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("empty"), site.root().join("link")).unwrap();
        let run = site.run(&["build", "--output", "link"]);
        assert!(!run.ok() && run.stderr().contains("symbolic link"), "{}", run.stderr());
    }
}

#[test]
fn what_a_killed_build_left_is_removed_by_the_next() {
    let site = Site::fixture("news");
    site.build(&[]);
    let staging = site.root().join(".public.broadsheet/staging");
    fs::create_dir_all(staging.join("articles")).unwrap();
    fs::write(staging.join("articles/half.html"), "half written").unwrap();
    site.build(&["--force"]);
    assert!(!staging.exists());
    let names: Vec<String> =
        fs::read_dir(site.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("staging")), "{names:?}");
}

#[test]
fn a_second_build_into_the_same_output_waits_for_the_first() {
    let site = Site::fixture("news");
    site.build(&[]);
    let lock = fs::File::options().write(true).open(site.root().join(".public.broadsheet/lock")).unwrap();
    lock.lock().unwrap();
    let mut second = spawn_build(&site, &["--force"]);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(second.try_wait().unwrap().is_none(), "the second build went ahead while the lock was held");
    drop(lock);
    let output = second.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("waiting for another build into"));
}

#[test]
fn builds_started_together_take_turns_and_leave_a_whole_output() {
    let site = Site::fixture("news");
    site.build(&[]);
    let expected = read_tree(&site.public());
    let builds: Vec<_> = (0..3).map(|_| spawn_build(&site, &["--force"])).collect();
    for build in builds {
        assert!(build.wait_with_output().unwrap().status.success());
    }
    assert_eq!(read_tree(&site.public()), expected);
}

/// A site of `n` articles, written in one of two versions (titles differ), so that
/// every page of version A differs from version B.
fn write_articles(site: &Site, n: usize, version: &str) {
    for i in 0..n {
        let text = format!(
            "+++\ntitle = \"Article {i} version {version}\"\ndate = 2025-01-01T{:02}:{:02}:00Z\ntags = [\"t{}\"]\n+++\n\n## Contexte\n\n{}\n",
            (i / 60) % 24,
            i % 60,
            i % 7,
            "Un paragraphe de texte. ".repeat(40)
        );
        site.write(&format!("content/articles/2025-01-01-n{i:03}.md"), text);
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_output_or_the_new_one_whole() {
    const ARTICLES: usize = 200;
    let site = Site::fixture("news");
    write_articles(&site, ARTICLES, "A");
    site.build(&[]);
    let a = read_tree(&site.public());
    write_articles(&site, ARTICLES, "B");
    let started = Instant::now();
    site.build(&[]);
    let build_time = started.elapsed();
    let b = read_tree(&site.public());
    assert_ne!(a, b);
    let versions = [("A", &a), ("B", &b)];
    let record = site.root().join(".public.broadsheet/state.json");
    // A seeded sequence of moments: even rounds anywhere in a whole build, odd rounds
    // just after the build has written its record, which it does right before it
    // puts the new output in place.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..16 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (next, _) = versions[round % 2];
        write_articles(&site, ARTICLES, next);
        let recorded = fs::metadata(&record).and_then(|m| m.modified()).ok();
        let mut build = spawn_build(&site, &[]);
        let delay = if round % 2 == 0 {
            let delay = build_time.mul_f64((seed % 1000) as f64 / 800.0);
            std::thread::sleep(delay);
            delay
        } else {
            wait_for_new_record(&record, recorded, &mut build);
            let delay = Duration::from_micros(seed % 20_000);
            std::thread::sleep(delay);
            delay
        };
        let _ = build.kill();
        build.wait().unwrap();
        let now = read_tree(&site.public());
        assert!(whole(&now, &versions), "round {round}: killed {delay:?} in, the output is a mix");
    }
    write_articles(&site, ARTICLES, "A");
    site.build(&[]);
    assert_eq!(read_tree(&site.public()), a, "the next build finishes the work");
    assert!(!site.root().join(".public.broadsheet/staging").exists());
}

/// Waits until the build has replaced its record (or ended).
fn wait_for_new_record(
    record: &std::path::Path,
    before: Option<std::time::SystemTime>,
    build: &mut std::process::Child,
) {
    let start = Instant::now();
    while fs::metadata(record).and_then(|m| m.modified()).ok() == before && start.elapsed() < Duration::from_secs(60) {
        if build.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn whole(tree: &BTreeMap<String, Vec<u8>>, versions: &[(&str, &BTreeMap<String, Vec<u8>>)]) -> bool {
    versions.iter().any(|(_, v)| *v == tree)
}

fn spawn_build(site: &Site, extra: &[&str]) -> std::process::Child {
    common::command(site.clock())
        .arg("build")
        .args(extra)
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

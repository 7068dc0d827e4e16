//! The harness every integration suite shares: copy a fixture (or the sample site)
//! into a temporary folder, run the real `broadsheet` binary on it with a fixed
//! clock, edit its files, read what it wrote; `browser` launches Chromium.
//! Each suite uses part of it, hence `allow(dead_code)`.

#![allow(dead_code)]

pub mod browser;
pub mod static_host;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The clock most builds of the fixtures run at: "future" means after it.
pub const CLOCK: &str = "2025-06-01T00:00:00Z";

/// The repository's folder.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `broadsheet` binary, ready to run with the build clock at `clock` and no
/// debug logging: every run of every suite starts here.
pub fn command(clock: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    command.env("BROADSHEET_NOW", clock).env_remove("BROADSHEET_LOG");
    command
}

/// Runs `broadsheet <args>` in `dir` with the clock at `clock`.
pub fn run_in(dir: &Path, clock: &str, args: &[&str]) -> Output {
    command(clock).args(args).current_dir(dir).output().expect("run broadsheet")
}

/// A site copied into its own temp folder, and the clock its commands run at.
pub struct Site {
    dir: tempfile::TempDir,
    clock: &'static str,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a fresh temp folder; commands run at [`CLOCK`].
    pub fn fixture(name: &str) -> Site {
        Site::fixture_at(name, CLOCK)
    }

    /// Copies `tests/fixtures/<name>`; commands run at `clock`.
    pub fn fixture_at(name: &str, clock: &'static str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        Site { dir, clock }
    }

    /// Copies the repository's own sample site (settings, content and static files);
    /// commands run at `clock`.
    pub fn sample_at(clock: &'static str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        for folder in ["content", "static"] {
            copy_tree(&repo().join(folder), &dir.path().join(folder));
        }
        Site { dir, clock }
    }

    /// An empty folder; commands run at `clock`.
    pub fn empty_at(clock: &'static str) -> Site {
        Site { dir: tempfile::tempdir().expect("temp dir"), clock }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The absolute path of `rel` in the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// The clock its commands run at.
    pub fn clock(&self) -> &'static str {
        self.clock
    }

    /// Replaces every `from` by `to` in file `rel`, saving by truncating and writing.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        fs::write(self.path(rel), text.replace(from, to)).unwrap();
    }

    /// Copies the repository's default theme into the site's `themes/default/`, so
    /// that its strings and templates can be edited.
    pub fn copy_theme(&self) {
        copy_tree(&repo().join("themes/default"), &self.path("themes/default"));
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs `broadsheet <args>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run { output: run_in(self.root(), self.clock, args) }
    }

    /// `broadsheet build <extra>`, asserting success.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert!(run.ok(), "build failed:\n{}", run.stderr());
        run
    }

    /// Waits until every file of the site is older than the two seconds within which
    /// a build does not trust a file's stamps, so that the next build records them as
    /// settled.
    pub fn settle(&self) {
        std::thread::sleep(std::time::Duration::from_millis(2100));
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces a file of the site in one step, as editors that save through a
    /// temporary file do: a watcher never sees it empty or half written, however
    /// slow the machine.
    pub fn write_whole(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        let folder = path.parent().unwrap();
        fs::create_dir_all(folder).unwrap();
        let temporary = folder.join(format!(".{}.saving", path.file_name().unwrap().to_string_lossy()));
        fs::write(&temporary, text).unwrap();
        fs::rename(temporary, path).unwrap();
    }

    /// Reads an output file as text, panicking with the path when missing.
    pub fn output(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// True when the output has this file.
    pub fn has_output(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }
}

/// The fixture `news`'s French article with every section.
pub const ALPHA: &str = "content/articles/2025-03-01-alpha.md";

/// Replaces the first `from` by `to` in the site's file `rel`.
pub fn replace_in(site: &Site, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.root().join(rel)).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    site.write(rel, text.replacen(from, to, 1));
}

/// Builds the `news` fixture once, breaks it with `break_site`, builds again and
/// checks the failure: non-zero exit, every `expected` fragment in stderr, the
/// previous output intact, no staging folder left, and no file written anywhere
/// else in the site's folder. Returns stderr.
pub fn assert_build_fails(break_site: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::fixture("news");
    site.build(&[]);
    let before = read_tree(&site.public());
    break_site(&site);
    let around = read_tree(site.root());
    let run = site.run(&["build"]);
    let stderr = run.stderr();
    assert!(!run.ok(), "build should fail; stderr:\n{stderr}");
    for fragment in expected {
        assert!(stderr.contains(fragment), "missing {fragment:?} in:\n{stderr}");
    }
    assert!(read_tree(&site.public()) == before, "previous output changed");
    assert!(read_tree(site.root()) == around, "files were written in the site's folder");
    assert!(!site.root().join(".public.broadsheet/staging").exists(), "staging folder left");
    stderr
}

/// A finished run of the binary.
pub struct Run {
    pub output: Output,
}

impl Run {
    /// Exit status 0.
    pub fn ok(&self) -> bool {
        self.output.status.success()
    }

    /// Standard output as text.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// Every file under `dir` with its modification time, by relative path.
pub fn modification_times(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// The `href` values of `<a>` elements in order of appearance (a light scan, enough
/// for generated HTML).
pub fn links(html: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .filter_map(|a| {
            let start = a.find("href=\"")? + 6;
            let end = a[start..].find('"')? + start;
            Some(a[start..end].replace("&amp;", "&"))
        })
        .collect()
}

/// The output file an absolute URL under `base` points to (`…/a/` → `a/index.html`),
/// percent-decoded.
pub fn file_of(base: &str, url: &str) -> String {
    let path = url.strip_prefix(base).unwrap_or_else(|| panic!("{url} is not under {base}")).trim_start_matches('/');
    let path = percent_decode(path);
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path }
}

/// Decodes `%XX` escapes (UTF-8).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// An output feed, read with a real feed parser.
pub fn parse_feed(site: &Site, rel: &str) -> feed_rs::model::Feed {
    let text = site.output(rel);
    feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every JSON-LD block of a page, parsed.
pub fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let block = &rest[..rest.find("</script>").expect("closed script")];
            serde_json::from_str(block).unwrap_or_else(|e| panic!("{e}: {block}"))
        })
        .collect()
}

/// The `@graph` object whose `@type` includes `ty`.
pub fn graph_object<'a>(ld: &'a [Value], ty: &str) -> &'a Value {
    ld.iter()
        .flat_map(|block| block["@graph"].as_array().into_iter().flatten())
        .find(|o| match &o["@type"] {
            Value::String(s) => s == ty,
            Value::Array(a) => a.iter().any(|t| t == ty),
            _ => false,
        })
        .unwrap_or_else(|| panic!("no {ty} in {ld:?}"))
}

/// A JPEG photograph `width`×`height` of smooth gradients, as a camera would give
/// (small enough for tests to decode in milliseconds).
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&pixels)
        .expect("a JPEG is encoded");
    bytes
}

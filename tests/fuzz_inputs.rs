//! A seeded fuzzer for what editors write: front matter, Markdown bodies and
//! `site.toml`. Each round mutates one file of a real fixture site (bytes flipped,
//! ranges cut or repeated, and tokens that have broken parsers before inserted: TOML
//! brackets and quotes, `+++`, `../`, `javascript:`, raw HTML, template tags, control
//! and direction characters, deep nesting), then runs the whole pipeline in this
//! process, from the files on disk to every output in memory. Whatever the input,
//! nothing may panic, a failure must be a list of diagnostics that each name a file,
//! and a success must produce only outputs whose paths are safe and unique and whose
//! pages carry no control character.
//!
//! `cargo test` runs a short, fixed sequence (`ROUNDS` per target). Longer runs take
//! `BROADSHEET_FUZZ_ROUNDS` and `BROADSHEET_FUZZ_SEED`:
//! `BROADSHEET_FUZZ_ROUNDS=20000 cargo test --release --test fuzz_inputs`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use broadsheet::build::BuildOptions;
use broadsheet::output::MemoryOutput;
use broadsheet::output_path::check_relative;
use broadsheet::pipeline::{load_site, render_all};
use broadsheet::render::Renderer;
use broadsheet::routes::{check_unique, routes};
use common::Site;

/// Rounds per target in a plain `cargo test`.
const ROUNDS: u64 = 60;

/// Longer than any round should take, even in a debug build.
const SLOW_ROUND: Duration = Duration::from_secs(20);

/// Fragments that have made parsers and renderers misbehave.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "+++", "+++\n", "\"", "'''", "\"\"\"", "[", "]", "[[", "]]", "{", "}", "=", "\n", "\r\n", "\\", "\\u0000", "\\u202E",
    "\u{0}", "\u{7}", "\u{1b}", "\u{85}", "\u{202E}", "\u{200B}", "\u{FEFF}", "e\u{301}", "../", "/..", "//", "%2e%2e/",
    "javascript:alert(1)", "JaVaScRiPt:", "data:text/html,x", "<script>", "</script>", "<img src=x onerror=y>",
    "{{", "}}", "{%", "%}", "@/articles/", "@/", "](", "![", "[^1]", "```", "~~~", "|---|", "> > > > > > > >",
    "* * * *", "#", "## ", "{#x}", "<!--", "-->", "&#0;", "&#x202E;", "9999-99-99", "2025-13-45T25:61:61Z",
    "tags = [", "regions = [\"kp\"]", "slug = \"", "aliases = [\"/", "[extra]", "[source]", "[[sources]]", "name = ",
    "url = \"", "date = ", "title = \"", "[regions.", "[languages.", "[authors.", "default_language = ", "paginate_by = 0",
    "日本語", "كوريا", "Ω", "𝕏", "ﬁ",
];

/// A xorshift generator: the same seed gives the same rounds on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `text` changed in one to four places.
fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy.iter().copied().cycle().take(copy.len() * (1 + rng.below(20))));
            }
            3 => {
                let token = TOKENS[rng.below(TOKENS.len())].repeat(1 + rng.below(3) * rng.below(60));
                bytes.splice(at..at, token.bytes());
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, token.bytes());
            }
        }
    }
    bytes
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: true,
        future: true,
        now: "2025-06-01T00:00:00Z".parse().unwrap(),
        force: false,
        replace_output: false,
    }
}

/// Runs the pipeline on the site at `root` and checks what it gives; returns
/// whether the site built.
fn run_pipeline(root: &Path) -> Result<bool, String> {
    let (site, theme) = match load_site(&options(root)) {
        Ok(loaded) => loaded,
        Err(problems) => return check_diagnostics(&problems).map(|()| false),
    };
    let renderer = match Renderer::new(&site, &theme) {
        Ok(r) => r,
        Err(problems) => return check_diagnostics(&problems).map(|()| false),
    };
    let table = routes(&site);
    if let Err(problems) = check_unique(&site, &table, &theme.static_files, root) {
        return check_diagnostics(&problems).map(|()| false);
    }
    let sink = MemoryOutput::default();
    if let Err(e) = render_all(&theme, &renderer, &table, &sink) {
        return match e {
            broadsheet::pipeline::BuildError::Content(problems) => check_diagnostics(&problems).map(|()| false),
            other => Err(format!("an output error in memory: {other}")),
        };
    }
    for (path, bytes) in sink.into_files() {
        check_relative(&path).map_err(|p| format!("unsafe output path {path:?}: {p}"))?;
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8"))?;
            if let Some(c) = html.chars().find(|&c| broadsheet::controls::is_stray(c)) {
                return Err(format!("{path} carries the control character {c:?}"));
            }
        }
    }
    Ok(true)
}

/// Every diagnostic names a file and prints on lines of its own.
fn check_diagnostics(problems: &broadsheet::diagnostics::Diagnostics) -> Result<(), String> {
    if problems.0.is_empty() {
        return Err("a failure without any diagnostic".into());
    }
    for d in &problems.0 {
        if d.location.path.as_os_str().is_empty() || d.message.trim().is_empty() {
            return Err(format!("a diagnostic without a file or message: {d:?}"));
        }
    }
    Ok(())
}

/// Mutates file `rel` of the news fixture round after round and runs the pipeline.
fn fuzz(rel: &str, seed_offset: u64) {
    let rounds = std::env::var("BROADSHEET_FUZZ_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(ROUNDS);
    let seed = std::env::var("BROADSHEET_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_u64);
    let site = Site::fixture("news");
    let original = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ seed_offset | 1);
    let (mut built, mut refused) = (0, 0);
    for round in 0..rounds {
        let input = mutate(&original, &mut rng);
        site.write(rel, &input);
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run_pipeline(site.root())));
        let shown = String::from_utf8_lossy(&input);
        match outcome {
            Ok(Ok(true)) => built += 1,
            Ok(Ok(false)) => refused += 1,
            Ok(Err(problem)) => panic!("round {round} of {rel} (seed {seed}): {problem}\ninput:\n{shown}"),
            Err(_) => panic!("round {round} of {rel} (seed {seed}) panicked; input:\n{shown}"),
        }
        assert!(start.elapsed() < SLOW_ROUND, "round {round} of {rel} took {:?}; input:\n{shown}", start.elapsed());
    }
    eprintln!("{rel}: {rounds} rounds, {built} built, {refused} refused with diagnostics");
    assert!(built > 0 && refused > 0, "the mutations should both keep and break the site");
}

#[test]
fn mutated_front_matter_and_markdown_never_panic_and_fail_only_with_diagnostics() {
    fuzz("content/articles/2025-03-01-alpha.md", 1);
}

#[test]
fn mutated_pages_never_panic_and_fail_only_with_diagnostics() {
    fuzz("content/pages/about.md", 2);
}

#[test]
fn mutated_site_settings_never_panic_and_fail_only_with_diagnostics() {
    fuzz("site.toml", 3);
}

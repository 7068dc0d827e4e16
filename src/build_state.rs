//! Knowing when a build would change nothing.
//!
//! A successful build leaves a record in the output's
//! [workspace](crate::output::Workspace) (`.public.broadsheet/state.json` for
//! `public/`): the [stamps](crate::stamp) of every file a build of the site may read,
//! the binary and options it ran with, the stamps of the files it left in the output,
//! and until when the clock cannot change the result (the date of the next
//! future-dated article, the next expiry, the next time an article enters or leaves
//! the news sitemap's window). The next build into the same folder compares first:
//! when nothing differs, the output already holds what the build would write, and
//! the build stops there with the previous build's figures.
//!
//! The record is also how a build knows that the files of an output folder are its
//! own to replace: it lists them, with the files of the output before it, since it
//! is written just before the new output takes the old one's place.
//!
//! Like make and git, this trusts stamps: a file whose size, modification and
//! change times and inode are the recorded ones is unchanged. A file changed in the
//! last two seconds before it was recorded could be changed again without its
//! stamps moving (file-system clocks are coarse), so it counts as changed at the
//! next build. Anything that differs (a touched file, a new binary, another
//! `--base-url`, a file added to the output) means a full build, which still writes
//! only the files whose bytes changed.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::build::{BuildOptions, BuildReport};
use crate::output::{Claim, Sealed, Workspace};
use crate::stamp::{self, Stamp};

/// The version of the record's format; a record of another version is ignored.
const FORMAT: u32 = 3;

/// How long before it was recorded a file must have last changed to be trusted by
/// its stamps (nanoseconds): longer than any file system's clock step.
const SETTLED_NS: i64 = 2_000_000_000;

/// The folders of a site whose files a build may read (with `site.toml` and the
/// theme's folder).
const INPUT_FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// One file a build may read: its path relative to the site folder, its stamp and
/// its change time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Input {
    path: String,
    stamp: Stamp,
    changed: i64,
}

/// The stamps of every file a build of a site may read, taken before it reads them.
#[derive(Debug)]
pub struct InputScan {
    files: Vec<Input>,
    /// When the scan began, in nanoseconds since 1970.
    started: i64,
}

impl InputScan {
    /// Stamps `site.toml` and every file under `content/`, `templates/`, `static/`
    /// and `themes/<theme>/` of the site at `root`, `.git` folders aside; `None` when
    /// a folder cannot be read (the build then reports what it can).
    pub fn of_site(root: &Path, theme: &str) -> Option<InputScan> {
        let started = stamp::system_time_ns(std::time::SystemTime::now());
        let theme_folder = Path::new("themes").join(theme);
        let mut paths = vec![PathBuf::from("site.toml")];
        for folder in INPUT_FOLDERS.iter().map(Path::new).chain([theme_folder.as_path()]) {
            list_files(root, folder, &mut paths).ok()?;
        }
        let mut files: Vec<Input> = paths
            .par_iter()
            .map(|rel| {
                let meta = fs::symlink_metadata(root.join(rel)).ok()?;
                let path = rel.to_string_lossy().replace('\\', "/");
                Some(Input { path, stamp: Stamp::of(&meta), changed: stamp::changed_ns(&meta) })
            })
            .collect::<Option<_>>()?;
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        Some(InputScan { files, started })
    }
}

/// Appends to `out` the path (relative to `root`) of every file and link under
/// `root/folder`, none when the folder does not exist.
fn list_files(root: &Path, folder: &Path, out: &mut Vec<PathBuf>) -> Result<(), walkdir::Error> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&dir).into_iter().filter_entry(|e| e.file_name() != ".git") {
        let entry = entry?;
        if !entry.file_type().is_dir() {
            out.push(folder.join(entry.path().strip_prefix(&dir).unwrap_or(entry.path())));
        }
    }
    Ok(())
}

/// What makes two builds of the same files differ: the binary (any new one has
/// another stamp), the site folder and the options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Identity {
    binary: PathBuf,
    binary_stamp: Stamp,
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    future: bool,
}

impl Identity {
    fn of(options: &BuildOptions) -> Option<Identity> {
        let binary = std::env::current_exe().ok()?;
        let binary_stamp = Stamp::of(&fs::metadata(&binary).ok()?);
        Some(Identity {
            binary,
            binary_stamp,
            root: options.root.canonicalize().ok()?,
            base_url: options.base_url.clone(),
            drafts: options.drafts,
            future: options.future,
        })
    }
}

/// The record a successful build leaves beside its output.
#[derive(Debug, Serialize, Deserialize)]
struct BuildState {
    format: u32,
    identity: Identity,
    /// The build clock.
    now: jiff::Timestamp,
    /// The first instant at which the clock alone may change the output.
    valid_until: Option<jiff::Timestamp>,
    /// When the inputs were stamped, in nanoseconds since 1970.
    scanned: i64,
    inputs: Vec<Input>,
    outputs: Vec<(String, Stamp)>,
    /// The files of the output before this build that this build deleted.
    #[serde(default)]
    replaced: Vec<String>,
    /// The build's report.
    report: BuildReport,
}

/// What a build knows before it starts: its inputs' stamps and the last build's
/// record.
#[derive(Debug)]
pub struct Prelude {
    identity: Option<Identity>,
    scan: Option<InputScan>,
    /// The last build's record, when it is of this version.
    last: Option<BuildState>,
    /// The files the last build's record says are broadsheet's, sorted; `None`
    /// without a readable record.
    owned: Option<Vec<String>>,
}

/// What any version of the record says about the output's files: enough to know
/// which are broadsheet's after an upgrade changed the rest of the record.
#[derive(Deserialize)]
struct Ownership {
    outputs: Vec<(String, serde::de::IgnoredAny)>,
    #[serde(default)]
    replaced: Vec<String>,
}

/// The paths of `outputs` and `replaced`, sorted.
fn owned_paths<'a>(outputs: impl Iterator<Item = &'a String>, replaced: &'a [String]) -> Vec<String> {
    let mut owned: Vec<String> = outputs.chain(replaced).cloned().collect();
    owned.sort_unstable();
    owned
}

impl Prelude {
    /// Stamps the inputs of the build `options` describes (the site's theme is
    /// `theme`) and reads the record of the last build into `workspace`'s output.
    pub fn new(options: &BuildOptions, theme: &str, workspace: &Workspace) -> Prelude {
        let text = fs::read(workspace.record()).unwrap_or_default();
        let last = serde_json::from_slice::<BuildState>(&text).ok().filter(|s| s.format == FORMAT);
        let owned = match &last {
            Some(state) => Some(owned_paths(state.outputs.iter().map(|(p, _)| p), &state.replaced)),
            None => serde_json::from_slice::<Ownership>(&text)
                .ok()
                .map(|o| owned_paths(o.outputs.iter().map(|(p, _)| p), &o.replaced)),
        };
        Prelude { identity: Identity::of(options), scan: InputScan::of_site(&options.root, theme), last, owned }
    }

    /// The files that earlier builds wrote into the output, sorted; `None` without a
    /// readable record.
    pub fn owned_outputs(&self) -> Option<&[String]> {
        self.owned.as_deref()
    }

    /// The report of the last build, with nothing written, when the output folder
    /// `claim` holds is what this build would write.
    pub fn unchanged_build(&self, options: &BuildOptions, claim: &Claim) -> Option<BuildReport> {
        let (identity, scan, state) = (self.identity.as_ref()?, self.scan.as_ref()?, self.last.as_ref()?);
        let unchanged = state.identity == *identity
            && clock_keeps_output(state, options.now)
            && inputs_unchanged(state, scan)
            && claim.holds_exactly(&state.outputs);
        unchanged.then(|| BuildReport { written: 0, up_to_date: true, ..state.report.clone() })
    }

    /// Records a build whose new output `sealed` is about to replace the old one in
    /// `workspace` (its output files' stamps, the old files it replaces, its report,
    /// until when its output holds). A record that cannot be written is only missed
    /// by the next build, which then builds in full.
    pub fn record(
        self,
        options: &BuildOptions,
        workspace: &Workspace,
        valid_until: Option<jiff::Timestamp>,
        sealed: &Sealed,
        report: BuildReport,
    ) {
        let (Some(identity), Some(scan)) = (self.identity, self.scan) else {
            return;
        };
        let state = BuildState {
            format: FORMAT,
            identity,
            now: options.now,
            valid_until,
            scanned: scan.started,
            inputs: scan.files,
            outputs: sealed.outputs().to_vec(),
            replaced: sealed.replaced().to_vec(),
            report,
        };
        if let Err(e) = write_state(&workspace.record(), &state) {
            tracing::debug!("the build state was not recorded: {e}");
        }
    }
}

/// Writes the record through a temporary file, streamed: at 100,000 articles it is
/// 33 MB, which a buffer would add to the build's peak memory.
fn write_state(path: &Path, state: &BuildState) -> std::io::Result<()> {
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut out = std::io::BufWriter::new(fs::File::create(&temp)?);
    serde_json::to_writer(&mut out, state)?;
    out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    fs::rename(&temp, path)
}

/// Whether a build at `now` shows what the recorded build showed: same clock, or a
/// later one before the first instant at which an article is due, expires, or
/// enters or leaves the news window.
fn clock_keeps_output(state: &BuildState, now: jiff::Timestamp) -> bool {
    now == state.now || (now > state.now && state.valid_until.is_none_or(|until| now < until))
}

/// Whether every input is the one recorded, none added or removed, and none had
/// changed too shortly before the record to be trusted.
fn inputs_unchanged(state: &BuildState, scan: &InputScan) -> bool {
    let settled = state.scanned.saturating_sub(SETTLED_NS);
    state.inputs.len() == scan.files.len()
        && state.inputs.iter().zip(&scan.files).all(|(then, now)| then == now && then.changed < settled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(now: &str, valid_until: Option<&str>) -> BuildState {
        let (now, valid_until) = (at(now), valid_until.map(at));
        BuildState {
            format: FORMAT,
            identity: Identity {
                binary: PathBuf::new(),
                binary_stamp: Stamp { len: 0, modified: 0, inode: 0 },
                root: PathBuf::new(),
                base_url: None,
                drafts: false,
                future: false,
            },
            now,
            valid_until,
            scanned: 0,
            inputs: Vec::new(),
            outputs: Vec::new(),
            replaced: Vec::new(),
            report: BuildReport {
                articles: 0,
                pages: 0,
                terms: 0,
                files: 0,
                written: 0,
                elapsed: std::time::Duration::ZERO,
                theme: String::new(),
                missing_strings: Vec::new(),
                left_out: crate::build::LeftOutCounts::default(),
                search: None,
                up_to_date: false,
            },
        }
    }

    fn at(t: &str) -> jiff::Timestamp {
        t.parse().unwrap()
    }

    #[test]
    fn the_clock_keeps_the_output_until_the_next_change_and_never_backwards() {
        let s = state("2025-06-01T00:00:00Z", Some("2025-06-03T00:00:00Z"));
        assert!(clock_keeps_output(&s, at("2025-06-01T00:00:00Z")));
        assert!(clock_keeps_output(&s, at("2025-06-02T23:59:59Z")));
        assert!(!clock_keeps_output(&s, at("2025-06-03T00:00:00Z")));
        assert!(!clock_keeps_output(&s, at("2025-05-31T23:59:59Z")));
        let forever = state("2025-06-01T00:00:00Z", None);
        assert!(clock_keeps_output(&forever, at("2100-01-01T00:00:00Z")));
        let due_now = state("2025-06-01T00:00:00Z", Some("2025-06-01T00:00:00Z"));
        assert!(clock_keeps_output(&due_now, at("2025-06-01T00:00:00Z")));
        assert!(!clock_keeps_output(&due_now, at("2025-06-01T00:00:01Z")));
    }

    #[test]
    fn an_input_changed_within_the_settling_time_of_its_record_is_not_trusted() {
        let input = |changed| Input {
            path: "content/a.md".into(),
            stamp: Stamp { len: 1, modified: changed, inode: 7 },
            changed,
        };
        let scan = |changed| InputScan { files: vec![input(changed)], started: 10 * SETTLED_NS };
        let mut recorded = state("2025-06-01T00:00:00Z", None);
        recorded.scanned = 10 * SETTLED_NS;
        recorded.inputs = vec![input(8 * SETTLED_NS)];
        assert!(inputs_unchanged(&recorded, &scan(8 * SETTLED_NS)));
        assert!(!inputs_unchanged(&recorded, &scan(9 * SETTLED_NS)));
        recorded.inputs = vec![input(9 * SETTLED_NS + 1)];
        assert!(!inputs_unchanged(&recorded, &scan(9 * SETTLED_NS + 1)));
    }
}

//! Output: writing a build to disk so that a failed build changes nothing.
//!
//! Files are first written to a staging folder beside the output folder. A file
//! whose bytes equal those already in the output is not written at all, so its
//! modification time is kept and rsync-style deploys upload only what changed. When
//! the whole build has succeeded, [`Staging::commit`] moves the new and changed files
//! into place and deletes the outputs that no route produces any more. A build that
//! fails drops its staging folder and leaves the previous output as it was.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::stamp::Stamp;

/// A failure to write the output.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct OutputError {
    /// The file or folder concerned.
    pub path: PathBuf,
    /// The I/O error.
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError { path: path.to_path_buf(), source }
}

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// New or changed: staged, moved into place on commit.
    Staged,
    /// Identical to the file already in the output: left alone.
    Unchanged,
}

/// Where rendered files go: a staging folder on disk, or memory (for `serve`).
pub trait OutputSink: Sync {
    /// Stores output file `rel` (a `/`-separated relative path).
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError>;
}

/// Output kept in memory, by relative path.
#[derive(Debug, Default)]
pub struct MemoryOutput {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    /// Every stored file.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl OutputSink for MemoryOutput {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.insert(rel.to_string(), bytes);
        Ok(WriteOutcome::Staged)
    }
}

/// Output rendered only to be checked, then dropped (for `check`).
#[derive(Debug, Default)]
pub struct DiscardOutput;

impl OutputSink for DiscardOutput {
    fn put(&self, _rel: &str, _bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        Ok(WriteOutcome::Staged)
    }
}

impl OutputSink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        self.write(rel, &bytes)
    }
}

/// A build in progress: the output folder and its staging folder.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// Whether the output folder held a previous build when this one began: when it
    /// did not, no file needs comparing with what it holds.
    had_output: bool,
    /// The stamp of every output file written or found unchanged, by relative path:
    /// what the output holds once committed (renames keep stamps).
    stamps: Mutex<Vec<(String, Stamp)>>,
}

impl Staging {
    /// Prepares a fresh staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging, OutputError> {
        let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(at(parent))?;
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(at(&staging))?;
        }
        fs::create_dir_all(&staging).map_err(at(&staging))?;
        Ok(Staging { target: target.to_path_buf(), staging, had_output: target.is_dir(), stamps: Mutex::default() })
    }

    /// Stages `bytes` as output file `rel` (a `/`-separated relative path) unless the
    /// output already holds exactly these bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<WriteOutcome, OutputError> {
        if self.had_output
            && let Some(stamp) = self.holds(rel, bytes)
        {
            self.record(rel, stamp);
            return Ok(WriteOutcome::Unchanged);
        }
        let staged = self.staging.join(rel);
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        let stamp = write_file(&staged, bytes).map_err(at(&staged))?;
        self.record(rel, stamp);
        Ok(WriteOutcome::Staged)
    }

    /// The stamp of the output's file `rel` when it holds exactly `bytes`. The file
    /// is looked up once: its length comes from the open file.
    fn holds(&self, rel: &str, bytes: &[u8]) -> Option<Stamp> {
        let mut file = fs::File::open(self.target.join(rel)).ok()?;
        let meta = file.metadata().ok().filter(|m| m.len() == bytes.len() as u64)?;
        let mut old = vec![0; bytes.len()];
        (file.read_exact(&mut old).is_ok() && old == bytes).then(|| Stamp::of(&meta))
    }

    fn record(&self, rel: &str, stamp: Stamp) {
        self.stamps.lock().unwrap_or_else(PoisonError::into_inner).push((rel.to_string(), stamp));
    }

    /// Moves staged files into the output and removes the outputs this build did not
    /// write (nor find unchanged); returns the stamp of every file the output then
    /// holds, sorted by path.
    pub fn commit(mut self) -> Result<Vec<(String, Stamp)>, OutputError> {
        let mut stamps = std::mem::take(self.stamps.get_mut().unwrap_or_else(PoisonError::into_inner));
        // A path written twice (a static file over a page) holds what came last.
        stamps.sort_by(|a, b| a.0.cmp(&b.0));
        stamps.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        if !self.target.exists() {
            fs::rename(&self.staging, &self.target).map_err(at(&self.target))?;
        } else {
            self.move_staged(&self.staging)?;
            remove_stale(&self.target, &self.target, &stamps)?;
            fs::remove_dir_all(&self.staging).map_err(at(&self.staging))?;
        }
        Ok(stamps)
    }

    /// Drops the staging folder (after a failed build).
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    fn move_staged(&self, dir: &Path) -> Result<(), OutputError> {
        for entry in fs::read_dir(dir).map_err(at(dir))? {
            let entry = entry.map_err(at(dir))?;
            let path = entry.path();
            let rel = path.strip_prefix(&self.staging).unwrap_or(&path);
            let dest = self.target.join(rel);
            if entry.file_type().map_err(at(&path))?.is_dir() {
                if dest.is_file() {
                    fs::remove_file(&dest).map_err(at(&dest))?;
                }
                fs::create_dir_all(&dest).map_err(at(&dest))?;
                self.move_staged(&path)?;
            } else {
                if dest.is_dir() {
                    fs::remove_dir_all(&dest).map_err(at(&dest))?;
                }
                fs::rename(&path, &dest).map_err(at(&dest))?;
            }
        }
        Ok(())
    }
}

/// Writes `bytes` as a new file at `path` and returns its stamp.
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<Stamp> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(Stamp::of(&file.metadata()?))
}

/// Deletes files under `dir` whose path relative to `root` is not in `keep` (sorted
/// by path), and folders left empty; returns whether `dir` itself is left empty.
/// Folders are walked in parallel: after a rebuild that changed nothing, this walk
/// over the whole output is what committing costs.
fn remove_stale(root: &Path, dir: &Path, keep: &[(String, Stamp)]) -> Result<bool, OutputError> {
    let entries = fs::read_dir(dir).map_err(at(dir))?.collect::<Result<Vec<_>, _>>().map_err(at(dir))?;
    entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            if entry.file_type().map_err(at(&path))?.is_dir() {
                let empty = remove_stale(root, &path, keep)?;
                if empty {
                    fs::remove_dir(&path).map_err(at(&path))?;
                }
                Ok(empty)
            } else {
                let rel = relative(root, &path);
                let stale = keep.binary_search_by(|(kept, _)| kept.as_str().cmp(&rel)).is_err();
                if stale {
                    fs::remove_file(&path).map_err(at(&path))?;
                }
                Ok(stale)
            }
        })
        .try_reduce(|| true, |all_gone, gone| Ok(all_gone && gone))
}

/// The stamps of the files under `dir` (paths relative to `root`, unsorted) and how
/// many folders it holds, walked in parallel.
pub fn stamp_tree(root: &Path, dir: &Path) -> io::Result<(Vec<(String, Stamp)>, usize)> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            let meta = entry.metadata()?;
            if meta.is_dir() {
                let (files, folders) = stamp_tree(root, &path)?;
                return Ok((files, folders + 1));
            }
            Ok((vec![(relative(root, &path), Stamp::of(&meta))], 0))
        })
        .try_reduce(
            || (Vec::new(), 0),
            |(mut files, folders), (more, more_folders)| {
                files.extend(more);
                Ok((files, folders + more_folders))
            },
        )
}

/// `path` relative to `root`, with `/` between its parts: an output path.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary folder and the output folder `public` to be made in it.
    fn temp_output() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        (dir, target)
    }

    #[test]
    fn unchanged_files_keep_their_mtime_and_stale_files_go() {
        let (dir, target) = temp_output();
        let first = Staging::new(&target).unwrap();
        first.write("a/index.html", b"A").unwrap();
        first.write("old.html", b"O").unwrap();
        first.commit().unwrap();
        let mtime = fs::metadata(target.join("a/index.html")).unwrap().modified().unwrap();

        let second = Staging::new(&target).unwrap();
        assert_eq!(second.write("a/index.html", b"A").unwrap(), WriteOutcome::Unchanged);
        assert_eq!(second.write("b.html", b"B").unwrap(), WriteOutcome::Staged);
        second.commit().unwrap();

        assert_eq!(fs::metadata(target.join("a/index.html")).unwrap().modified().unwrap(), mtime);
        assert_eq!(fs::read(target.join("b.html")).unwrap(), b"B");
        assert!(!target.join("old.html").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "staging folder removed");
    }

    #[test]
    fn a_path_written_twice_is_stamped_once_with_what_came_last() {
        let (_dir, target) = temp_output();
        let staging = Staging::new(&target).unwrap();
        staging.write("index.html", b"page").unwrap();
        staging.write("index.html", b"static file").unwrap();
        let stamps = staging.commit().unwrap();
        assert_eq!(stamps.len(), 1);
        assert_eq!(stamps[0].1, Stamp::of(&fs::metadata(target.join("index.html")).unwrap()));
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"static file");
    }

    #[test]
    fn folders_left_empty_go_and_the_others_stay() {
        let (_dir, target) = temp_output();
        let first = Staging::new(&target).unwrap();
        let all = ["index.html", "tags/kept/index.html", "tags/old/page/2/index.html"];
        for rel in all {
            first.write(rel, b"x").unwrap();
        }
        first.commit().unwrap();
        fs::create_dir_all(target.join("empty")).unwrap();

        let second = Staging::new(&target).unwrap();
        let kept = ["index.html", "tags/kept/index.html"];
        for rel in kept {
            second.write(rel, b"x").unwrap();
        }
        second.commit().unwrap();

        assert!(!target.join("tags/old").exists());
        assert!(!target.join("empty").exists());
        assert!(target.join("tags/kept/index.html").is_file());
        assert!(target.join("index.html").is_file());
    }

    #[test]
    fn abandoned_build_leaves_output_untouched() {
        let (dir, target) = temp_output();
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("index.html"), b"old").unwrap();
        let s = Staging::new(&target).unwrap();
        s.write("index.html", b"new").unwrap();
        s.abandon();
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

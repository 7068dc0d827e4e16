//! The new output, written beside the old one, then put in its place at once.
//!
//! [`Staging::write`] checks each path, then either hard-links the previous output's
//! file when its bytes are the same (it keeps its inode and modification time) or
//! writes a new file. [`Staging::seal`] ends the writing and lists what the new
//! output holds and which old files it replaces, for the build's record, which must
//! be written before the switch; [`Sealed::commit`] then switches.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::claim::Claim;
use super::swap::{put_in_place, switch_folders};
use super::{OutputError, OutputSink, WriteOutcome, at};
use crate::output_path::check_relative;
use crate::stamp::Stamp;

/// A build in progress: its claim on the output folder and its staging folder.
#[derive(Debug)]
pub struct Staging {
    claim: Claim,
    staging: PathBuf,
    /// The stamp of every output file written or reused, by relative path.
    stamps: Mutex<Vec<(String, Stamp)>>,
}

impl OutputSink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        self.write(rel, &bytes)
    }
}

impl Staging {
    /// Starts a new output for the folder `claim` holds.
    pub fn new(claim: Claim) -> Result<Staging, OutputError> {
        let staging = claim.workspace.staging();
        fs::create_dir(&staging).map_err(at(&staging))?;
        Ok(Staging { claim, staging, stamps: Mutex::default() })
    }

    /// Stages `bytes` as output file `rel` (a `/`-separated relative path), reusing
    /// the previous output's file when it holds exactly these bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<WriteOutcome, OutputError> {
        check_relative(rel).map_err(|problem| OutputError::UnsafePath { path: rel.to_string(), problem })?;
        let staged = self.staging.join(rel);
        if let Some(dir) = staged.parent() {
            fs::create_dir_all(dir).map_err(at(dir))?;
        }
        if let Some(stamp) = self.reuse(rel, bytes, &staged) {
            self.record(rel, stamp);
            return Ok(WriteOutcome::Unchanged);
        }
        let stamp = write_new(&staged, bytes).map_err(at(&staged))?;
        self.record(rel, stamp);
        Ok(WriteOutcome::Staged)
    }

    /// Links the previous output's file `rel` to `staged` when it holds exactly
    /// `bytes`; returns its stamp. A file that is not the one the claim found (a
    /// link planted since, another inode) is never reused.
    fn reuse(&self, rel: &str, bytes: &[u8], staged: &Path) -> Option<Stamp> {
        let stamp = *self.claim.previous.get(rel)?;
        if stamp.len != bytes.len() as u64 {
            return None;
        }
        let old = self.claim.workspace.output().join(rel);
        let mut file = open_no_follow(&old).ok()?;
        let meta = file.metadata().ok()?;
        if Stamp::of(&meta) != stamp {
            return None;
        }
        let mut held = vec![0; bytes.len()];
        if file.read_exact(&mut held).is_err() || held != bytes {
            return None;
        }
        let linked = self.claim.in_place || fs::hard_link(&old, staged).is_ok();
        linked.then_some(stamp)
    }

    fn record(&self, rel: &str, stamp: Stamp) {
        self.stamps.lock().unwrap_or_else(PoisonError::into_inner).push((rel.to_string(), stamp));
    }

    /// Ends the writing: what the new output holds, sorted by path, and the old
    /// files it replaces.
    pub fn seal(self) -> Result<Sealed, OutputError> {
        let mut outputs = self.stamps.into_inner().unwrap_or_else(PoisonError::into_inner);
        outputs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if let Some(pair) = outputs.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            return Err(OutputError::WrittenTwice(pair[0].0.clone()));
        }
        let mut replaced: Vec<String> = self
            .claim
            .previous
            .keys()
            .filter(|p| outputs.binary_search_by(|(o, _)| o.as_str().cmp(p)).is_err())
            .cloned()
            .collect();
        replaced.sort_unstable();
        Ok(Sealed { claim: self.claim, staging: self.staging, outputs, replaced })
    }

    /// Drops the staging folder (after a failed build).
    pub fn abandon(self) {
        let _ = super::tree::remove_if_present(&self.staging);
    }
}

/// A finished new output, not yet in place.
#[derive(Debug)]
pub struct Sealed {
    claim: Claim,
    staging: PathBuf,
    outputs: Vec<(String, Stamp)>,
    replaced: Vec<String>,
}

impl Sealed {
    /// Every file of the new output with its stamp, sorted by path.
    pub fn outputs(&self) -> &[(String, Stamp)] {
        &self.outputs
    }

    /// The previous output's files that the new one does not have, sorted.
    pub fn replaced(&self) -> &[String] {
        &self.replaced
    }

    /// Puts the new output in place of the old one and deletes the old one; returns
    /// what the output then holds.
    pub fn commit(self) -> Result<Vec<(String, Stamp)>, OutputError> {
        let workspace = &self.claim.workspace;
        if self.claim.in_place {
            put_in_place(&self.staging, workspace.output(), &self.replaced)?;
        } else {
            switch_folders(&self.staging, workspace.output(), &workspace.previous(), self.claim.had_output)?;
        }
        Ok(self.outputs)
    }
}

/// Writes `bytes` as a new file at `path` and returns its stamp.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<Stamp> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(Stamp::of(&file.metadata()?))
}

/// Opens `path` for reading unless it is a symbolic link.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::File::options().read(true).custom_flags(libc_o_nofollow()).open(path)
}

#[cfg(target_os = "linux")]
fn libc_o_nofollow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

#[cfg(all(unix, not(target_os = "linux")))]
fn libc_o_nofollow() -> i32 {
    0x0100
}

/// Elsewhere the stamp comparison stands in: a link has another inode.
#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::super::claim::claim;
    use super::*;

    fn stage(target: &Path) -> Staging {
        Staging::new(claim(target).unwrap()).unwrap()
    }

    fn build(target: &Path, files: &[(&str, &[u8])]) -> Vec<(String, Stamp)> {
        let s = stage(target);
        for (rel, bytes) in files {
            s.write(rel, bytes).unwrap();
        }
        s.seal().unwrap().commit().unwrap()
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_mtime_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        build(&target, &[("a/index.html", b"A"), ("old.html", b"O")]);
        let before = Stamp::of(&fs::metadata(target.join("a/index.html")).unwrap());
        build(&target, &[("a/index.html", b"A"), ("b.html", b"B")]);
        assert_eq!(Stamp::of(&fs::metadata(target.join("a/index.html")).unwrap()), before);
        assert_eq!(fs::read(target.join("b.html")).unwrap(), b"B");
        assert!(!target.join("old.html").exists());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "the output and its workspace: {names:?}");
        assert!(!Workspace::of(&target).staging().exists());
    }

    #[test]
    fn paths_that_leave_the_output_are_refused_before_any_write() {
        let dir = tempfile::tempdir().unwrap();
        let s = stage(&dir.path().join("public"));
        for bad in ["../x.html", "/etc/x", "a/../../x", "", "a//b", "con/index.html"] {
            assert!(matches!(s.write(bad, b"x"), Err(OutputError::UnsafePath { .. })), "{bad}");
        }
        s.abandon();
        assert!(!dir.path().join("x.html").exists());
    }

    #[test]
    fn a_path_written_twice_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let s = stage(&dir.path().join("public"));
        s.write("index.html", b"page").unwrap();
        s.write("index.html", b"static file").unwrap();
        assert!(matches!(s.seal(), Err(OutputError::WrittenTwice(p)) if p == "index.html"));
    }

    #[test]
    fn folders_left_empty_go_and_the_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        build(&target, &[("index.html", b"x"), ("tags/kept/index.html", b"x"), ("tags/old/page/2/index.html", b"x")]);
        build(&target, &[("index.html", b"x"), ("tags/kept/index.html", b"x")]);
        assert!(!target.join("tags/old").exists());
        assert!(target.join("tags/kept/index.html").is_file());
    }

    #[test]
    fn abandoned_build_leaves_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        build(&target, &[("index.html", b"old")]);
        let s = stage(&target);
        s.write("index.html", b"new").unwrap();
        s.abandon();
        assert_eq!(fs::read(target.join("index.html")).unwrap(), b"old");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_in_the_output_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("index.html"), b"A").unwrap();
        let target = dir.path().join("public");
        build(&target, &[("a/index.html", b"A")]);
        fs::remove_dir_all(target.join("a")).unwrap();
        std::os::unix::fs::symlink(outside.path(), target.join("a")).unwrap();
        let taken = claim(&target).unwrap();
        let err = taken.check_ownership(Some(&["a/index.html".to_string()])).unwrap_err();
        assert!(err.to_string().contains("(a)"), "{err}");
        let s = Staging::new(taken).unwrap();
        assert_eq!(s.write("a/index.html", b"B").unwrap(), WriteOutcome::Staged);
        s.seal().unwrap().commit().unwrap();
        assert_eq!(fs::read(outside.path().join("index.html")).unwrap(), b"A");
        assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"B");
    }

    use super::super::claim::Workspace;
}

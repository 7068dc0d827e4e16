//! Taking an output folder for a build: the lock, what an interrupted build left,
//! and whether the folder is one a build may replace.
//!
//! Everything broadsheet keeps about an output folder lives in one hidden folder
//! beside it ([`Workspace`]: `.public.broadsheet/` for `public/`), out of deploys and
//! of git: the lock, the record of the last build, the terms of its search index,
//! and the staging folder of the build in progress. [`claim`] takes the lock (a second build into the same folder
//! waits for the first), deletes the staging folders a killed build left, and checks
//! the output folder: a build may replace a folder that is missing, empty, or holds
//! only files that broadsheet builds wrote (as their record lists); anything else is
//! refused unless the caller says to replace it.

use std::collections::HashMap;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use super::tree::{Tree, remove_if_present, scan_tree};
use super::{OutputError, at};
use crate::stamp::Stamp;

/// The hidden folder beside an output folder where builds into it keep their state.
#[derive(Debug, Clone)]
pub struct Workspace {
    output: PathBuf,
    dir: PathBuf,
}

impl Workspace {
    /// The workspace of output folder `output` (`site/public` →
    /// `site/.public.broadsheet`).
    pub fn of(output: &Path) -> Workspace {
        let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Workspace { output: output.to_path_buf(), dir: parent.join(format!(".{name}.broadsheet")) }
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The record of the last build.
    pub fn record(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    /// The terms of the documents of the last build's search index (see
    /// [`TermCache`](crate::search::TermCache)).
    pub fn search_terms(&self) -> PathBuf {
        self.dir.join("search-terms.bin")
    }

    /// Where a build writes before its output replaces the old one.
    pub fn staging(&self) -> PathBuf {
        self.dir.join("staging")
    }

    /// Where the old output goes while it is deleted (where no exchange exists).
    pub fn previous(&self) -> PathBuf {
        self.dir.join("previous")
    }

    fn lock(&self) -> PathBuf {
        self.dir.join("lock")
    }
}

/// An output folder taken for one build: locked until dropped.
#[derive(Debug)]
pub struct Claim {
    pub(super) workspace: Workspace,
    _lock: File,
    /// The regular files of the previous output, with their stamps.
    pub(super) previous: HashMap<String, Stamp>,
    /// What else the previous output held: links and other special files.
    others: Vec<String>,
    /// How many folders the previous output held.
    folders: usize,
    /// Whether the output folder existed.
    pub(super) had_output: bool,
    /// The output folder is a mount point: it cannot be exchanged with a folder
    /// beside it, so files are replaced inside it.
    pub(super) in_place: bool,
}

/// Takes output folder `output` for a build: waits for its lock, deletes what an
/// interrupted build left in its workspace, and reads what the folder holds.
pub fn claim(output: &Path) -> Result<Claim, OutputError> {
    check_kind(output)?;
    let workspace = Workspace::of(output);
    fs::create_dir_all(&workspace.dir).map_err(at(&workspace.dir))?;
    let lock = lock(&workspace)?;
    for leftover in [workspace.staging(), workspace.previous()] {
        remove_if_present(&leftover).map_err(at(&leftover))?;
    }
    let had_output = output.is_dir();
    let tree = if had_output { scan_tree(output).map_err(at(output))? } else { Tree::default() };
    let in_place = had_output && is_mount_point(output);
    Ok(Claim {
        workspace,
        _lock: lock,
        previous: tree.files.into_iter().collect(),
        others: tree.others,
        folders: tree.folders,
        had_output,
        in_place,
    })
}

impl Claim {
    /// Where the build keeps its state.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Refuses an output folder that holds anything no build wrote: a link, a file
    /// not in `owned` (the files earlier builds wrote, from their record), or any
    /// file at all when there is no record. Files that systems leave in folders one
    /// looks at (`.DS_Store`, `Thumbs.db`, `desktop.ini`) do not count.
    pub fn check_ownership(&self, owned: Option<&[String]>) -> Result<(), OutputError> {
        let mut foreign: Vec<&str> = self.others.iter().map(String::as_str).collect();
        let not_owned = |p: &&String| owned.is_none_or(|owned| owned.binary_search(p).is_err());
        foreign.extend(self.previous.keys().filter(not_owned).filter(|p| !is_disposable(p)).map(String::as_str));
        if foreign.is_empty() {
            return Ok(());
        }
        foreign.sort_unstable();
        Err(OutputError::NotOurs { folder: self.workspace.output.clone(), files: some_of(&foreign) })
    }

    /// Whether the output folder holds exactly the files `recorded` (sorted by
    /// path), with these stamps, and no other file or folder.
    pub fn holds_exactly(&self, recorded: &[(String, Stamp)]) -> bool {
        self.had_output
            && self.others.is_empty()
            && self.previous.len() == recorded.len()
            && self.folders == folder_count(recorded)
            && recorded.iter().all(|(path, stamp)| self.previous.get(path) == Some(stamp))
    }
}

/// Files that file managers leave in any folder they show.
fn is_disposable(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini")
}

/// How many folders hold the files at `paths`: a build leaves no other.
fn folder_count(paths: &[(String, Stamp)]) -> usize {
    let mut folders = std::collections::HashSet::new();
    for (path, _) in paths {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    folders.len()
}

/// Refuses an output that is a link or a file: replacing it would delete something
/// that is not a folder broadsheet made.
fn check_kind(output: &Path) -> Result<(), OutputError> {
    let why = match fs::symlink_metadata(output) {
        Ok(meta) if meta.file_type().is_symlink() => "it is a symbolic link; give the folder it points to",
        Ok(meta) if !meta.is_dir() => "it is a file, not a folder",
        _ => return Ok(()),
    };
    Err(OutputError::Unusable { folder: output.to_path_buf(), why })
}

/// Takes the workspace's lock, waiting (and saying so) while another build holds it.
fn lock(workspace: &Workspace) -> Result<File, OutputError> {
    let path = workspace.lock();
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(at(&path))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(TryLockError::Error(e)) => return Err(at(&path)(e)),
        Err(TryLockError::WouldBlock) => {}
    }
    eprintln!("waiting for another build into {} to finish", workspace.output.display());
    file.lock().map_err(at(&path))?;
    Ok(file)
}

/// The first few of `paths`, and how many more.
fn some_of(paths: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut text = paths.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if paths.len() > SHOWN {
        text.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    text
}

/// Whether `dir` is on another file system than its parent.
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (fs::metadata(dir), fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    }
}

/// Elsewhere an exchange is tried, and fails over to replacing files in place.
#[cfg(not(unix))]
fn is_mount_point(_dir: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stamp::Stamp;

    fn owned(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn the_workspace_is_a_hidden_folder_beside_the_output() {
        let w = Workspace::of(Path::new("site/public"));
        assert_eq!(w.record(), Path::new("site/.public.broadsheet/state.json"));
        assert_eq!(Workspace::of(Path::new("public")).staging(), Path::new("./.public.broadsheet/staging"));
    }

    #[test]
    fn a_missing_or_empty_folder_may_be_taken() {
        let dir = tempfile::tempdir().unwrap();
        claim(&dir.path().join("public")).unwrap().check_ownership(None).unwrap();
        fs::create_dir(dir.path().join("empty")).unwrap();
        claim(&dir.path().join("empty")).unwrap().check_ownership(None).unwrap();
    }

    #[test]
    fn a_folder_with_files_no_build_wrote_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("content");
        fs::create_dir_all(out.join("articles")).unwrap();
        fs::write(out.join("articles/a.md"), b"x").unwrap();
        fs::write(out.join(".DS_Store"), b"x").unwrap();
        let taken = claim(&out).unwrap();
        let err = taken.check_ownership(None).unwrap_err().to_string();
        assert!(err.contains("holds files that broadsheet did not write (articles/a.md)"), "{err}");
        let err = taken.check_ownership(Some(&owned(&["index.html"]))).unwrap_err().to_string();
        assert!(err.contains("(articles/a.md)"), "{err}");
        taken.check_ownership(Some(&owned(&["articles/a.md"]))).unwrap();
        assert!(out.join("articles/a.md").exists(), "claiming deletes nothing");
    }

    #[test]
    fn a_file_or_a_link_cannot_be_the_output_and_leftovers_go() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("file"), b"x").unwrap();
        assert!(matches!(claim(&dir.path().join("file")), Err(OutputError::Unusable { .. })));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), dir.path().join("link")).unwrap();
            assert!(matches!(claim(&dir.path().join("link")), Err(OutputError::Unusable { .. })));
        }
        let out = dir.path().join("public");
        let staging = Workspace::of(&out).staging();
        fs::create_dir_all(staging.join("a")).unwrap();
        claim(&out).unwrap();
        assert!(!staging.exists(), "an interrupted build's staging folder is removed");
    }

    #[test]
    fn the_output_holds_exactly_what_was_recorded_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), b"x").unwrap();
        let stamp = Stamp::of(&fs::metadata(out.join("a/index.html")).unwrap());
        let recorded = vec![("a/index.html".to_string(), stamp)];
        assert!(claim(&out).unwrap().holds_exactly(&recorded));
        fs::create_dir(out.join("empty")).unwrap();
        assert!(!claim(&out).unwrap().holds_exactly(&recorded), "an extra folder");
    }

    #[test]
    fn folders_are_counted_once_from_the_files_they_hold() {
        let stamp = Stamp { len: 0, modified: 0, inode: 0 };
        let files: Vec<(String, Stamp)> = ["index.html", "a/index.html", "a/b/index.html", "a/b/x.css", "c/d/e/f.html"]
            .into_iter()
            .map(|p| (p.to_string(), stamp))
            .collect();
        assert_eq!(folder_count(&files), 5);
    }

    #[test]
    fn a_second_claim_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = claim(&out).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let second = std::thread::spawn(move || {
            let claimed = claim(&out).map(|_| ());
            tx.send(()).unwrap();
            claimed
        });
        assert!(rx.recv_timeout(std::time::Duration::from_millis(300)).is_err(), "the second claim waits");
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(30)).unwrap();
        second.join().unwrap().unwrap();
    }
}

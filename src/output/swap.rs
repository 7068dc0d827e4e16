//! Putting a finished output in place of the old one.
//!
//! Where the system can exchange two folders in one step (Linux's
//! `renameat2(RENAME_EXCHANGE)`), the staging
//! folder and the output are exchanged: anyone reading the output folder sees the
//! old site or the new one, never a mix, and a build killed at any moment leaves one
//! of the two whole. Elsewhere, or on a file system that refuses the exchange, the
//! old output is renamed aside and the new one renamed in: for a moment the folder
//! is missing, but never mixed. An output folder that is a mount point cannot be
//! renamed at all: there the new and changed files are copied in and the files that
//! went are deleted, one by one.

use std::fs;
use std::io;
use std::path::Path;

use super::tree::{remove_if_present, remove_tree};
use super::{OutputError, at};

/// Puts folder `staging` in place of `output` and deletes the old output, moved to
/// `aside` first when the two cannot be exchanged.
pub fn switch_folders(staging: &Path, output: &Path, aside: &Path, had_output: bool) -> Result<(), OutputError> {
    if !had_output {
        return fs::rename(staging, output).map_err(at(output));
    }
    match exchange(staging, output) {
        Ok(()) => return remove_tree(staging).map_err(at(staging)),
        Err(e) if !exchange_unsupported(&e) => return Err(at(output)(e)),
        Err(_) => {}
    }
    fs::rename(output, aside).map_err(at(output))?;
    fs::rename(staging, output).map_err(at(output))?;
    remove_tree(aside).map_err(at(aside))
}

/// Copies the files of `staging` into `output` over the old ones, deletes the old
/// files in `replaced` and the folders they leave empty, then the staging folder.
pub fn put_in_place(staging: &Path, output: &Path, replaced: &[String]) -> Result<(), OutputError> {
    copy_over(staging, staging, output)?;
    for rel in replaced {
        let path = output.join(rel);
        fs::remove_file(&path).map_err(at(&path))?;
        remove_empty_parents(output, &path);
    }
    remove_if_present(staging).map_err(at(staging))
}

fn copy_over(root: &Path, dir: &Path, output: &Path) -> Result<(), OutputError> {
    for entry in fs::read_dir(dir).map_err(at(dir))? {
        let path = entry.map_err(at(dir))?.path();
        let dest = output.join(path.strip_prefix(root).unwrap_or(&path));
        if path.is_dir() {
            fs::create_dir_all(&dest).map_err(at(&dest))?;
            copy_over(root, &path, output)?;
        } else {
            fs::copy(&path, &dest).map_err(at(&dest))?;
        }
    }
    Ok(())
}

/// Removes the folders between `path` and `root` that are left empty.
fn remove_empty_parents(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Exchanges two directory entries in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether an exchange failed only because the system or file system has none.
fn exchange_unsupported(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput)
        || e.raw_os_error().is_some_and(|code| [22, 38, 95].contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exchange_leaves_the_new_folder_in_place_and_removes_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output, aside) = (dir.path().join("s"), dir.path().join("o"), dir.path().join("p"));
        fs::create_dir_all(staging.join("x")).unwrap();
        fs::write(staging.join("x/new.html"), b"n").unwrap();
        fs::create_dir_all(&output).unwrap();
        fs::write(output.join("old.html"), b"o").unwrap();
        switch_folders(&staging, &output, &aside, true).unwrap();
        assert_eq!(fs::read(output.join("x/new.html")).unwrap(), b"n");
        assert!(!output.join("old.html").exists() && !staging.exists() && !aside.exists());
    }

    #[test]
    fn in_place_copies_new_files_and_removes_replaced_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output) = (dir.path().join("s"), dir.path().join("o"));
        fs::create_dir_all(staging.join("a")).unwrap();
        fs::write(staging.join("a/index.html"), b"new").unwrap();
        fs::create_dir_all(output.join("old/deep")).unwrap();
        fs::write(output.join("old/deep/x.html"), b"o").unwrap();
        fs::write(output.join("kept.html"), b"k").unwrap();
        put_in_place(&staging, &output, &["old/deep/x.html".to_string()]).unwrap();
        assert_eq!(fs::read(output.join("a/index.html")).unwrap(), b"new");
        assert_eq!(fs::read(output.join("kept.html")).unwrap(), b"k");
        assert!(!output.join("old").exists() && !staging.exists());
    }
}

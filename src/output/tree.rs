//! Walking and deleting an output tree, in parallel, without following links.
//!
//! An output folder is walked to know what a previous build left (which files may be
//! reused, which are not ours) and to tell whether it is still what the last build
//! recorded; a replaced one is deleted. Both touch every file of the site, so both
//! run over folders in parallel. Neither follows a symbolic link: a link planted in
//! the output is reported as such, never read, written or deleted through.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use super::relative;
use crate::stamp::Stamp;

/// What a folder holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tree {
    /// Regular files, by path relative to the folder (unsorted), with their stamps.
    pub files: Vec<(String, Stamp)>,
    /// Anything else that is not a folder (links, sockets...), by relative path.
    pub others: Vec<String>,
    /// How many folders it holds, at any depth.
    pub folders: usize,
}

impl Tree {
    fn merge(mut self, other: Tree) -> Tree {
        self.files.extend(other.files);
        self.others.extend(other.others);
        self.folders += other.folders;
        self
    }
}

/// Walks the folder `root`, which must exist.
pub fn scan_tree(root: &Path) -> io::Result<Tree> {
    scan(root, root)
}

fn scan(root: &Path, dir: &Path) -> io::Result<Tree> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            // `DirEntry::metadata` does not follow a link: a link is seen as one.
            let meta = entry.metadata()?;
            let mut tree = Tree::default();
            if meta.is_dir() {
                tree = scan(root, &path)?;
                tree.folders += 1;
            } else if meta.is_file() {
                tree.files.push((relative(root, &path), Stamp::of(&meta)));
            } else {
                tree.others.push(relative(root, &path));
            }
            Ok(tree)
        })
        .try_reduce(Tree::default, |a, b| Ok(a.merge(b)))
}

/// Deletes the folder `dir` and everything in it, folders in parallel. Links are
/// removed, not followed.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        if entry.file_type()?.is_dir() { remove_tree(&path) } else { fs::remove_file(&path) }
    })?;
    fs::remove_dir(dir)
}

/// Deletes `dir` when it exists.
pub fn remove_if_present(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => remove_tree(dir),
        Ok(_) => fs::remove_file(dir),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_listed_apart_and_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), b"s").unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        fs::write(dir.path().join("a/b/index.html"), b"x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), dir.path().join("a/link")).unwrap();
        let tree = scan_tree(dir.path()).unwrap();
        assert_eq!(tree.files.len(), 1);
        assert_eq!(tree.files[0].0, "a/b/index.html");
        assert_eq!(tree.folders, 2);
        #[cfg(unix)]
        assert_eq!(tree.others, ["a/link"]);
        remove_tree(dir.path()).unwrap();
        assert!(!dir.path().exists());
        assert!(outside.path().join("secret").exists(), "deleting a link leaves its target");
    }
}

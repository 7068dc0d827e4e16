//! The content files of a site, kept in memory and re-read one by one.
//!
//! A [`SourceStore`] holds every content file as [`load`](crate::load) reads it (or
//! the problem met reading it), with its size and modification time. After a
//! change it re-reads only the paths named: a file that exists is read again, a
//! folder is listed again (its files whose size or time changed are read), and a
//! path that is gone takes every file under it along. [`SourceStore::rescan`] does
//! the same for the whole of `content/`, for when the watcher lost events. A file
//! read again with the same text keeps its old shared text, so the model cache
//! knows it at once as unchanged.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Kind, SourceFile, content_kind, list_markdown_files, read_source};

/// Size and modification time of a file when it was read.
type Stamp = Option<(u64, SystemTime)>;

/// A file as read.
#[derive(Debug)]
struct Entry {
    read: Result<SourceFile, Diagnostic>,
    stamp: Stamp,
}

/// Every content file of a site, by path relative to the root.
#[derive(Debug, Default)]
pub struct SourceStore {
    files: BTreeMap<PathBuf, Entry>,
    /// Problems listing `content/` itself.
    walk_problems: Vec<Diagnostic>,
}

impl SourceStore {
    /// Reads every content file of the site at `root` again.
    pub fn reload_all(&mut self, root: &Path, config: &Config) {
        self.files.clear();
        self.sync_under(root, Path::new("content"), config);
    }

    /// Lists `content/` again and reads the files that are new or whose size or
    /// time changed; returns the paths of the files that differ.
    pub fn rescan(&mut self, root: &Path, config: &Config) -> BTreeSet<PathBuf> {
        self.sync_under(root, Path::new("content"), config)
    }

    /// Re-reads the files and folders in `changed` (relative paths); returns the
    /// paths of the files that appeared, went or have a new text.
    pub fn refresh(&mut self, root: &Path, changed: &BTreeSet<PathBuf>, config: &Config) -> BTreeSet<PathBuf> {
        let mut differ = BTreeSet::new();
        for rel in changed {
            let abs = root.join(rel);
            if abs.is_dir() {
                differ.extend(self.sync_under(root, rel, config));
            } else if abs.is_file() {
                if let Some(kind) = content_kind(rel)
                    && self.put(rel.clone(), read(root, rel, kind, config))
                {
                    differ.insert(rel.clone());
                }
            } else {
                differ.extend(self.remove_under(rel));
            }
        }
        differ
    }

    /// The file at `rel`, if it was read without a problem.
    pub fn get(&self, rel: &Path) -> Option<&SourceFile> {
        self.files.get(rel).and_then(|e| e.read.as_ref().ok())
    }

    /// The files read.
    pub fn files(&self) -> Vec<&SourceFile> {
        self.files.values().filter_map(|e| e.read.as_ref().ok()).collect()
    }

    /// The problems met reading the files.
    pub fn problems(&self) -> Vec<Diagnostic> {
        self.walk_problems.iter().chain(self.files.values().filter_map(|e| e.read.as_ref().err())).cloned().collect()
    }

    /// Lists folder `rel` again: files under it that are new or whose size or time
    /// changed are read, those no longer there go; returns the paths that differ.
    fn sync_under(&mut self, root: &Path, rel: &Path, config: &Config) -> BTreeSet<PathBuf> {
        let (paths, problems) = list_markdown_files(root);
        self.walk_problems = problems;
        let inside: Vec<(PathBuf, Kind)> = paths.into_iter().filter(|(p, _)| p.starts_with(rel)).collect();
        let present: BTreeSet<&PathBuf> = inside.iter().map(|(p, _)| p).collect();
        let gone: BTreeSet<PathBuf> =
            self.files.keys().filter(|p| p.starts_with(rel) && !present.contains(p)).cloned().collect();
        for p in &gone {
            self.files.remove(p);
        }
        let stale: Vec<(PathBuf, Kind)> = inside
            .into_iter()
            .filter(|(p, _)| self.files.get(p).is_none_or(|e| e.stamp.is_none() || e.stamp != stamp(&root.join(p))))
            .collect();
        let fresh: Vec<(PathBuf, Entry)> =
            stale.par_iter().map(|(p, kind)| (p.clone(), read(root, p, *kind, config))).collect();
        let mut differ = gone;
        for (path, entry) in fresh {
            if self.put(path.clone(), entry) {
                differ.insert(path);
            }
        }
        differ
    }

    /// Stores a file read; true when it differs from what was stored.
    fn put(&mut self, path: PathBuf, entry: Entry) -> bool {
        match (self.files.get_mut(&path), &entry.read) {
            (Some(old), Ok(new))
                if old
                    .read
                    .as_ref()
                    .is_ok_and(|old| old.text == new.text && old.lang == new.lang && old.stem == new.stem) =>
            {
                old.stamp = entry.stamp;
                false
            }
            _ => {
                self.files.insert(path, entry);
                true
            }
        }
    }

    fn remove_under(&mut self, rel: &Path) -> BTreeSet<PathBuf> {
        let gone: BTreeSet<PathBuf> = self.files.keys().filter(|p| p.starts_with(rel)).cloned().collect();
        for p in &gone {
            self.files.remove(p);
        }
        gone
    }
}

/// Reads one file, its stamp taken first (a write during the read makes the next
/// rescan read it again).
fn read(root: &Path, rel: &Path, kind: Kind, config: &Config) -> Entry {
    let stamp = stamp(&root.join(rel));
    Entry { read: read_source(root, rel, kind, config), stamp }
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn config() -> Config {
        Config::parse(
            "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.en]\n",
            Path::new("site.toml"),
        )
        .unwrap()
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn paths(store: &SourceStore) -> Vec<String> {
        store.files().iter().map(|f| f.path.display().to_string()).collect()
    }

    #[test]
    fn edits_renames_and_deletions_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/articles/a.md", "A");
        write(root, "content/articles/old/b.md", "B");
        let (c, mut store) = (config(), SourceStore::default());
        store.reload_all(root, &c);
        assert_eq!(paths(&store), ["content/articles/a.md", "content/articles/old/b.md"]);
        let a_before = store.files()[0].text.clone();

        write(root, "content/articles/a.md", "A");
        assert!(store.refresh(root, &BTreeSet::from(["content/articles/a.md".into()]), &c).is_empty(), "same text");
        assert!(std::sync::Arc::ptr_eq(&a_before, &store.files()[0].text));

        fs::rename(root.join("content/articles/old"), root.join("content/articles/new")).unwrap();
        let changed = BTreeSet::from(["content/articles/old".into(), "content/articles/new".into()]);
        assert!(!store.refresh(root, &changed, &c).is_empty());
        assert_eq!(paths(&store), ["content/articles/a.md", "content/articles/new/b.md"]);

        fs::remove_file(root.join("content/articles/a.md")).unwrap();
        write(root, "content/articles/c.en.md", "C");
        let changed = BTreeSet::from(["content/articles/a.md".into(), "content/articles/c.en.md".into()]);
        assert!(!store.refresh(root, &changed, &c).is_empty());
        assert_eq!(paths(&store), ["content/articles/c.en.md", "content/articles/new/b.md"]);
        assert_eq!(store.files()[0].lang, "en");
    }

    #[test]
    fn a_rescan_reads_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/articles/a.md", "A");
        write(root, "content/articles/b.md", "B");
        let (c, mut store) = (config(), SourceStore::default());
        store.reload_all(root, &c);
        let a_before = store.files()[0].text.clone();
        assert!(store.rescan(root, &c).is_empty(), "nothing changed");
        write(root, "content/articles/b.md", "B, longer");
        write(root, "content/articles/c.md", "C");
        assert_eq!(
            store.rescan(root, &c),
            BTreeSet::from(["content/articles/b.md".into(), "content/articles/c.md".into()])
        );
        assert!(std::sync::Arc::ptr_eq(&a_before, &store.files()[0].text), "a.md was not read again");
        assert_eq!(&*store.files()[1].text, "B, longer");
        assert_eq!(paths(&store).len(), 3);
    }

    #[test]
    fn unreadable_files_are_problems_until_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/articles/a.de.md", "A");
        let (c, mut store) = (config(), SourceStore::default());
        store.reload_all(root, &c);
        assert_eq!(store.problems().len(), 1);
        fs::rename(root.join("content/articles/a.de.md"), root.join("content/articles/a.en.md")).unwrap();
        let changed = BTreeSet::from(["content/articles/a.de.md".into(), "content/articles/a.en.md".into()]);
        assert!(!store.refresh(root, &changed, &c).is_empty());
        assert!(store.problems().is_empty());
        assert_eq!(paths(&store), ["content/articles/a.en.md"]);
    }
}

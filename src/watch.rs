//! Watching a site: file-system events in, one [`ChangeSet`] per burst out.
//!
//! [`SiteWatcher`] watches, with notify, what a build reads: `site.toml`,
//! `content/`, `templates/`, `themes/` and `static/` (folders created later are
//! picked up). Editors save in several steps (write a temporary file and rename it
//! over the old one, or truncate and write) and a `git checkout` touches a hundred
//! files at once, so [`SiteWatcher::next_batch`] waits until the events stop for a
//! short quiet spell and hands them over together. The pure function [`classify`]
//! then sorts a batch of raw events into the kinds of change that decide what a
//! rebuild redoes.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::event::{Flag, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::is_hidden;

/// A burst is over when no event came for this long.
pub const QUIET: Duration = Duration::from_millis(30);

/// A burst that never pauses is cut after this long, so that a rebuild still happens.
pub const MAX_BURST: Duration = Duration::from_secs(1);

/// The folders of a site that a build reads, watched recursively.
const FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// Why watching could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path}: {source}")]
pub struct WatchError {
    /// The file or folder.
    pub path: PathBuf,
    /// What notify reported.
    pub source: notify::Error,
}

/// What a burst of events changed, as paths relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    /// `site.toml` changed.
    pub config: bool,
    /// Templates, UI strings or `theme.toml` (under `templates/` or `themes/`).
    pub theme: BTreeSet<PathBuf>,
    /// Files or folders under `content/`.
    pub content: BTreeSet<PathBuf>,
    /// Static files or folders, the site's (`static/…`) or a theme's (`themes/x/static/…`).
    pub statics: BTreeSet<PathBuf>,
    /// Events were lost: read everything again.
    pub rescan: bool,
    /// Versions of photographs made in the background are ready to be served.
    pub photographs: bool,
}

impl ChangeSet {
    /// Everything, as for the first build.
    pub fn everything() -> ChangeSet {
        ChangeSet { rescan: true, ..ChangeSet::default() }
    }

    /// True when nothing the site is built from changed.
    pub fn is_empty(&self) -> bool {
        !self.config
            && !self.rescan
            && !self.photographs
            && self.theme.is_empty()
            && self.content.is_empty()
            && self.statics.is_empty()
    }

    /// What changed, in a few words: `content/articles/x.md`, or
    /// `site.toml, templates/base.html and 3 more`.
    pub fn describe(&self) -> String {
        if self.rescan {
            return "the whole site".to_string();
        }
        let config = self.config.then(|| PathBuf::from("site.toml"));
        let paths: Vec<String> = config
            .iter()
            .chain(&self.theme)
            .chain(&self.content)
            .chain(&self.statics)
            .map(|p| p.display().to_string())
            .collect();
        match paths.as_slice() {
            [] if self.photographs => "photographs made in the background".to_string(),
            [] => "nothing".to_string(),
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
        }
    }
}

/// Sorts raw events into a [`ChangeSet`]. Paths outside the folders a build reads,
/// hidden and backup files (`.x.swp`, `x~`, `#x#`), reads and metadata changes are
/// left out; an event flagged for rescan (the kernel dropped events) asks for one.
pub fn classify(root: &Path, events: &[Event]) -> ChangeSet {
    let mut changes = ChangeSet::default();
    for event in events {
        if event.need_rescan() {
            changes.rescan = true;
        }
        if is_wake(event) {
            changes.photographs = true;
        }
        if matches!(event.kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))) {
            continue;
        }
        for path in &event.paths {
            if let Some(rel) = path.strip_prefix(root).ok().filter(|rel| is_visible(rel)) {
                add_path(&mut changes, rel);
            }
        }
    }
    changes
}

fn is_visible(rel: &Path) -> bool {
    rel.components().all(|c| matches!(c, Component::Normal(name) if !is_hidden(name)))
}

fn add_path(changes: &mut ChangeSet, rel: &Path) {
    let parts: Vec<&str> = rel.components().filter_map(|c| c.as_os_str().to_str()).collect();
    match parts.as_slice() {
        ["site.toml"] => changes.config = true,
        ["content", ..] => {
            changes.content.insert(rel.to_path_buf());
        }
        ["static", ..] | ["themes", _, "static", ..] => {
            changes.statics.insert(rel.to_path_buf());
        }
        ["templates", ..] | ["themes", ..] => {
            changes.theme.insert(rel.to_path_buf());
        }
        _ => {}
    }
}

/// What a [`Waker`] sends among the file events.
const PHOTOGRAPHS_READY: &str = "broadsheet: photographs ready";

/// Whether `event` is a [`Waker`]'s.
fn is_wake(event: &Event) -> bool {
    matches!(event.kind, EventKind::Other) && event.info() == Some(PHOTOGRAPHS_READY)
}

/// Hands a [`SiteWatcher`] a batch that says photographs made in the background are
/// ready (see [`ChangeSet::photographs`]).
#[derive(Clone)]
pub struct Waker(Sender<notify::Result<Event>>);

impl Waker {
    /// Wakes the watcher; nothing happens once it has stopped.
    pub fn photographs_ready(&self) {
        let _stopped = self.0.send(Ok(Event::new(EventKind::Other).set_info(PHOTOGRAPHS_READY)));
    }
}

/// Watches a site folder and groups its events into bursts.
pub struct SiteWatcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// What the background work sends its news through.
    waker: Sender<notify::Result<Event>>,
    /// Top-level folders under a recursive watch.
    watched: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (an absolute path).
    pub fn new(root: &Path) -> Result<SiteWatcher, WatchError> {
        let (tx, events) = channel();
        let waker = tx.clone();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|source| WatchError { path: root.to_path_buf(), source })?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|source| WatchError { path: root.to_path_buf(), source })?;
        let mut w = SiteWatcher { root: root.to_path_buf(), watcher, events, waker, watched: BTreeSet::new() };
        w.watch_folders(&BTreeSet::new())?;
        Ok(w)
    }

    /// What background work wakes this watcher with.
    pub fn waker(&self) -> Waker {
        Waker(self.waker.clone())
    }

    /// Waits for the next burst of events and returns what it changed; `None` when
    /// the watcher has stopped.
    pub fn next_batch(&mut self) -> Option<ChangeSet> {
        let events = collect_burst(&self.events, QUIET, MAX_BURST)?;
        // Only creations, removals and renames replace a folder; reads of it (by a
        // rebuild, or by notify adding a watch) must not, or they would loop.
        let replaced: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| {
                matches!(e.kind, EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)))
            })
            .flat_map(|e| &e.paths)
            .filter(|p| p.parent() == Some(&self.root))
            .cloned()
            .collect();
        if let Err(e) = self.watch_folders(&replaced) {
            tracing::warn!("{e}");
        }
        Some(classify(&self.root, &events))
    }

    /// Puts a recursive watch on every site folder that exists and lacks one, or
    /// whose folder was replaced (`replaced` holds paths just created or removed).
    fn watch_folders(&mut self, replaced: &BTreeSet<PathBuf>) -> Result<(), WatchError> {
        for folder in FOLDERS.map(|f| self.root.join(f)) {
            if replaced.contains(&folder) && self.watched.remove(&folder) {
                let _ = self.watcher.unwatch(&folder);
            }
            if folder.is_dir() && !self.watched.contains(&folder) {
                self.watcher
                    .watch(&folder, RecursiveMode::Recursive)
                    .map_err(|source| WatchError { path: folder.clone(), source })?;
                self.watched.insert(folder);
            }
        }
        Ok(())
    }
}

/// Receives events until none came for `quiet` (or `max` has passed since the
/// first); a watcher error becomes a rescan event. `None` when the channel is closed.
fn collect_burst(events: &Receiver<notify::Result<Event>>, quiet: Duration, max: Duration) -> Option<Vec<Event>> {
    let as_event = |r: notify::Result<Event>| {
        r.unwrap_or_else(|e| {
            tracing::warn!("file watching: {e}");
            Event::new(EventKind::Other).set_flag(Flag::Rescan)
        })
    };
    let mut burst = vec![as_event(events.recv().ok()?)];
    let start = Instant::now();
    loop {
        let left = max.saturating_sub(start.elapsed());
        match events.recv_timeout(quiet.min(left)) {
            Ok(r) => burst.push(as_event(r)),
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                return Some(burst);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    use super::*;

    const ROOT: &str = "/site";

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths.iter().fold(Event::new(kind), |e, p| e.add_path(Path::new(ROOT).join(p)))
    }

    fn classify_all(events: &[Event]) -> ChangeSet {
        classify(Path::new(ROOT), events)
    }

    #[test]
    fn temp_file_renamed_over_an_article_is_one_content_change() {
        let events = [
            event(EventKind::Create(CreateKind::File), &["content/articles/.a.md.tmp123"]),
            event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &["content/articles/.a.md.tmp123"]),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["content/articles/.a.md.tmp123", "content/articles/a.md"],
            ),
        ];
        let changes = classify_all(&events);
        assert_eq!(changes.content, BTreeSet::from([PathBuf::from("content/articles/a.md")]));
        assert!(!changes.config && changes.theme.is_empty() && changes.statics.is_empty());
    }

    #[test]
    fn truncate_then_write_is_one_content_change() {
        let write = event(EventKind::Modify(ModifyKind::Data(DataChange::Content)), &["content/articles/a.md"]);
        let changes = classify_all(&[write.clone(), write]);
        assert_eq!(changes.content.len(), 1);
    }

    #[test]
    fn each_folder_gives_its_kind_of_change() {
        let events = [
            event(EventKind::Modify(ModifyKind::Any), &["site.toml"]),
            event(EventKind::Modify(ModifyKind::Any), &["templates/base.html"]),
            event(EventKind::Modify(ModifyKind::Any), &["themes/default/i18n/fr.toml"]),
            event(EventKind::Modify(ModifyKind::Any), &["themes/default/static/theme.css"]),
            event(EventKind::Create(CreateKind::File), &["static/img/logo.svg"]),
            event(EventKind::Remove(RemoveKind::Folder), &["content/articles/2025"]),
        ];
        let changes = classify_all(&events);
        assert!(changes.config);
        assert_eq!(changes.theme, BTreeSet::from(["templates/base.html".into(), "themes/default/i18n/fr.toml".into()]));
        assert_eq!(
            changes.statics,
            BTreeSet::from(["static/img/logo.svg".into(), "themes/default/static/theme.css".into()])
        );
        assert_eq!(changes.content, BTreeSet::from(["content/articles/2025".into()]));
        assert!(!changes.rescan);
    }

    #[test]
    fn outputs_hidden_files_reads_and_metadata_are_ignored() {
        let events = [
            event(EventKind::Modify(ModifyKind::Any), &["public/index.html"]),
            event(EventKind::Modify(ModifyKind::Any), &["target/debug/x"]),
            event(EventKind::Modify(ModifyKind::Any), &[".git/index"]),
            event(EventKind::Create(CreateKind::File), &["content/articles/a.md~"]),
            event(EventKind::Create(CreateKind::File), &["content/articles/#a.md#"]),
            event(EventKind::Access(notify::event::AccessKind::Any), &["content/articles/a.md"]),
            event(
                EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any)),
                &["content/articles/b.md"],
            ),
        ];
        assert!(classify_all(&events).is_empty());
    }

    #[test]
    fn a_wakers_event_says_photographs_are_ready_and_nothing_else() {
        let (tx, rx) = channel();
        Waker(tx).photographs_ready();
        let event = rx.recv().unwrap().unwrap();
        let changes = classify_all(&[event]);
        assert_eq!(changes, ChangeSet { photographs: true, ..ChangeSet::default() });
        assert!(!changes.is_empty());
        assert_eq!(changes.describe(), "photographs made in the background");
    }

    #[test]
    fn lost_events_ask_for_a_rescan() {
        let lost = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(classify_all(&[lost]).rescan);
    }

    #[test]
    fn a_burst_is_collected_until_it_pauses() {
        let (tx, rx) = channel();
        for i in 0..100 {
            tx.send(Ok(event(EventKind::Create(CreateKind::File), &[&format!("content/articles/{i}.md")]))).unwrap();
        }
        let burst = collect_burst(&rx, Duration::from_millis(20), Duration::from_secs(5)).unwrap();
        assert_eq!(burst.len(), 100);
        assert_eq!(classify_all(&burst).content.len(), 100);
        drop(tx);
        assert!(collect_burst(&rx, Duration::from_millis(20), Duration::from_secs(5)).is_none());
    }

    #[test]
    fn descriptions_stay_short() {
        let mut c = ChangeSet::default();
        c.content.insert("content/articles/a.md".into());
        assert_eq!(c.describe(), "content/articles/a.md");
        c.config = true;
        c.statics.insert("static/a.css".into());
        c.statics.insert("static/b.css".into());
        assert_eq!(c.describe(), "site.toml, content/articles/a.md and 2 more");
    }
}

//! What a render read: the parts of the site an output was made from, recorded
//! while it is rendered.
//!
//! `serve` must render again exactly the outputs whose inputs changed. Rather than
//! keep a list of what each template shows (which drifts as soon as a template or a
//! site's override reads something new), every read of the model goes through an
//! accessor of [`Site`](crate::model::Site) that reports a [`Read`] here: the
//! article, the page, the list, the term name, the settings. While an output is
//! rendered inside [`capture`], the reads of the thread are collected; what a
//! shared piece (an article's card, a language's site values) read is kept with the
//! piece by [`Memo`] and reported again each time a page uses it. Only `serve`
//! needs the reads: it turns recording on with [`start_recording`] before its first
//! render; in `build` and `check` a read costs one load of a flag, and captures and
//! memos record nothing (at 10,000 articles, recording raised the peak memory of
//! a build by about 24 MiB).
//!
//! The rebuild turns the reads into [`Dep`]s, which name the same parts by what
//! stays stable from one build to the next (a file path instead of an index), and
//! renders an output again when the value of one of its dependencies changed.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::dates::YearMonth;
use crate::taxonomy::TaxonomyKind;

/// A part of the site an output can be made from. Reads name articles and pages by
/// their index in one build's model ([`Read`]); dependencies kept from one build to
/// the next name them by source file ([`Dep`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part<Item> {
    /// The configuration, the theme's strings and the build's options.
    Settings,
    /// A template, with every template it reaches.
    Template(&'static str),
    /// Everything about an article.
    Article(Item),
    /// What identifies and dates an article (see [`ArticleHead`](crate::model::ArticleHead)).
    ArticleHead(Item),
    /// Everything about a plain page.
    Page(Item),
    /// A language's home text.
    HomeText(usize),
    /// Which articles a language has, newest first.
    HomeList(usize),
    /// Which articles are the newest of a language (see `recent_articles`).
    Recent(usize),
    /// Which article leads a language's front page.
    Lead(usize),
    /// Whether a language has any article.
    HasArticles(usize),
    /// Which terms of a taxonomy a language has, with their names and articles.
    Taxonomy(usize, TaxonomyKind),
    /// One term of a language: its name and articles, or that it has none.
    Term(usize, TaxonomyKind, String),
    /// The name of a term in a language, or that the language lacks it.
    TermName(usize, TaxonomyKind, String),
    /// Which declared authors have articles in a language, with their articles.
    Authors(usize),
    /// Which months have articles in a language, and how many each.
    ArchiveMonths(usize),
    /// The articles of a language dated in one month, or that it has none.
    ArchiveMonth(usize, YearMonth),
    /// Which plain pages a language has.
    PagesOf(usize),
    /// Which articles the whole site has, in model order.
    AllArticles,
    /// Which plain pages the whole site has, in model order.
    AllPages,
    /// Which articles and pages a language's search index holds, and their text.
    SearchText(usize),
}

/// A part read while rendering, articles and pages by index in this build's model.
pub type Read = Part<usize>;

/// A part an output depends on, articles and pages by source file.
pub type Dep = Part<std::sync::Arc<std::path::Path>>;

/// Whether reads are recorded, for the whole process (renders run on many threads).
static RECORDING: AtomicBool = AtomicBool::new(false);

/// Turns recording on for the rest of the process. Values made before are not
/// recorded, so this comes before the first model and render that need it.
pub fn start_recording() {
    RECORDING.store(true, Ordering::Relaxed);
}

fn recording() -> bool {
    RECORDING.load(Ordering::Relaxed)
}

thread_local! {
    /// The reads of the captures running on this thread, innermost last.
    static FRAMES: RefCell<Vec<Vec<Read>>> = const { RefCell::new(Vec::new()) };
}

/// Reports the read `make` gives to the innermost capture of this thread, making it
/// only when reads are recorded: a read that names a term costs an allocation, which
/// a build that records nothing does not pay.
pub fn record_with(make: impl FnOnce() -> Read) {
    if recording() {
        record(make());
    }
}

/// Reports a read to the innermost capture of this thread, if any.
pub fn record(read: Read) {
    if !recording() {
        return;
    }
    FRAMES.with(|frames| {
        if let Some(frame) = frames.borrow_mut().last_mut() {
            frame.push(read);
        }
    });
}

/// Reports reads made earlier (by a shared piece) to the innermost capture.
pub fn record_all(reads: &[Read]) {
    if reads.is_empty() {
        return;
    }
    FRAMES.with(|frames| {
        if let Some(frame) = frames.borrow_mut().last_mut() {
            frame.extend_from_slice(reads);
        }
    });
}

/// Runs `f` and returns what it read, sorted and each once. Captures nest: the
/// reads of an inner capture are not reported to the outer one (see [`Memo`]).
/// Without recording, it runs `f` and returns no read.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<Read>) {
    if !recording() {
        return (f(), Vec::new());
    }
    FRAMES.with(|frames| frames.borrow_mut().push(Vec::new()));
    let value = f();
    let mut reads = FRAMES.with(|frames| frames.borrow_mut().pop()).unwrap_or_default();
    reads.sort_unstable();
    reads.dedup();
    (value, reads)
}

/// A value made once and shared by many outputs, with what making it read: each
/// output that uses it depends on the same parts of the site.
#[derive(Debug, Default)]
pub struct Memo<T> {
    cell: OnceLock<(T, Vec<Read>)>,
}

impl<T> Memo<T> {
    /// An empty memo.
    pub fn new() -> Memo<T> {
        Memo { cell: OnceLock::new() }
    }

    /// The value, made by `make` the first time; what making it read is reported to
    /// the current capture every time.
    pub fn get(&self, make: impl FnOnce() -> T) -> &T {
        let (value, reads) = self.cell.get_or_init(|| capture(make));
        record_all(reads);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_go_to_the_innermost_capture_and_only_inside_one() {
        start_recording();
        record(Read::Settings);
        let ((), outer) = capture(|| {
            record(Read::Article(2));
            let ((), inner) = capture(|| record(Read::Page(1)));
            assert_eq!(inner, [Read::Page(1)]);
            record(Read::Article(1));
            record(Read::Article(2));
        });
        assert_eq!(outer, [Read::Article(1), Read::Article(2)]);
    }

    #[test]
    fn a_memo_reports_what_it_read_to_every_user() {
        start_recording();
        let memo = Memo::new();
        let ((), first) = capture(|| {
            memo.get(|| record(Read::HomeList(0)));
        });
        let ((), second) = capture(|| {
            memo.get(|| unreachable!("made once"));
        });
        assert_eq!(first, [Read::HomeList(0)]);
        assert_eq!(second, first);
    }
}

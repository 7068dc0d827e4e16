//! Reusing the previous build's work: parsed front matter and built items per file.
//!
//! Parsing front matter and rendering Markdown are the costly steps of the model,
//! and each depends only on one file: its text, its URL, what its `@/` links
//! resolve to, and for a translation the text of its original, whose shared fields
//! it inherits. A [`ModelCache`] remembers both results per file and hands them back
//! while those inputs are unchanged, so that `serve` re-parses one file after an edit,
//! not ten thousand; `build` uses a fresh cache and sees no difference. Every built
//! item also gets a version, unique in the process and kept as long as the item is
//! reused: two equal versions mean equal items, which is what tells an incremental
//! rebuild which outputs may have changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::{Article, Item, Parsed, build_item, parse_file};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{Kind, SourceFile};

/// Finds the URL of an `@/` link target.
type Resolve<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// Versions are unique across caches, so a version never names two different items.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// Per content file, the results of the last build that used this cache.
#[derive(Default)]
pub struct ModelCache {
    parsed: HashMap<PathBuf, ParsedEntry>,
    built: HashMap<PathBuf, BuiltEntry>,
}

struct ParsedEntry {
    text: Arc<str>,
    result: Result<Arc<Parsed>, Diagnostic>,
}

/// A built item and the inputs it was built from.
struct BuiltEntry {
    text: Arc<str>,
    /// The text of the original a translation inherited from.
    original: Option<Arc<str>>,
    url: String,
    output: String,
    /// Every `@/` link target looked up, with what it resolved to.
    links: Vec<(String, Option<String>)>,
    item: Item,
    problems: Vec<Diagnostic>,
    version: u64,
}

impl BuiltEntry {
    fn still_valid(&self, p: &Parsed, url: &str, output: &str, link_map: &HashMap<String, String>) -> bool {
        same_text(&self.text, &p.file.text)
            && match (&self.original, &p.original) {
                (Some(a), Some(b)) => same_text(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.url == url
            && self.output == output
            && self.links.iter().all(|(target, resolved)| link_map.get(target) == resolved.as_ref())
    }
}

impl ModelCache {
    /// The version of the article, page or home text built from `file` (relative to
    /// the site root) by the last build; it changes whenever that item may have.
    pub fn version(&self, file: &Path) -> Option<u64> {
        self.built.get(file).map(|e| e.version)
    }

    /// The articles other than `file` that have its stem in the last build (its
    /// original or translations, which share fields with it).
    pub(super) fn stem_mates(&self, file: &SourceFile, default_lang: &str) -> StemMates {
        let mates: Vec<&Arc<Parsed>> = self
            .parsed
            .iter()
            .filter_map(|(path, e)| Some((path, e.result.as_ref().ok()?)))
            .filter(|(path, p)| p.file.kind == Kind::Article && p.file.stem == file.stem && **path != file.path)
            .map(|(_, p)| p)
            .collect();
        let mut originals = mates.iter().filter(|p| p.file.lang == default_lang);
        match (mates.is_empty(), originals.next(), originals.next()) {
            (true, ..) => StemMates::None,
            (false, Some(original), None) if file.lang != default_lang => StemMates::Original(Arc::clone(original)),
            _ => StemMates::Others,
        }
    }

    /// Parses every file, reusing the result for files whose text is unchanged; forgets
    /// files that are gone.
    pub(super) fn parse(&mut self, files: Vec<&SourceFile>, config: &Config) -> Vec<Result<Arc<Parsed>, Diagnostic>> {
        let fresh: Vec<Option<Result<Arc<Parsed>, Diagnostic>>> = files
            .par_iter()
            .map(|f| match self.parsed.get(&f.path) {
                Some(e) if same_text(&e.text, &f.text) => None,
                _ => Some(parse_file((*f).clone(), config).map(Arc::new)),
            })
            .collect();
        let mut out = Vec::with_capacity(files.len());
        for (f, fresh) in files.iter().zip(fresh) {
            match fresh {
                Some(result) => {
                    out.push(result.clone());
                    self.parsed.insert(f.path.clone(), ParsedEntry { text: f.text.clone(), result });
                }
                None => out.extend(self.parsed.get(&f.path).map(|e| e.result.clone())),
            }
        }
        if self.parsed.len() > files.len() {
            let present: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
            self.parsed.retain(|path, _| present.contains(path.as_path()));
        }
        out
    }

    /// Builds the item of every kept file at its URL, reusing the items whose inputs
    /// are unchanged; returns each with its problems, in the order of `kept`.
    pub(super) fn items(
        &mut self,
        kept: &[Arc<Parsed>],
        urls: Vec<(String, String)>,
        link_map: &HashMap<String, String>,
        config: &Config,
    ) -> Vec<(Item, Vec<Diagnostic>)> {
        let fresh: Vec<Option<BuiltEntry>> = kept
            .par_iter()
            .zip(urls)
            .map(|(p, (url, output))| match self.built.get(&p.file.path) {
                Some(e) if e.still_valid(p, &url, &output, link_map) => None,
                _ => Some(build_entry(p, url, output, &|t| link_map.get(t).cloned(), config)),
            })
            .collect();
        let mut out = Vec::with_capacity(kept.len());
        for (p, fresh) in kept.iter().zip(fresh) {
            match fresh {
                Some(entry) => {
                    out.push((entry.item.clone(), entry.problems.clone()));
                    self.built.insert(p.file.path.clone(), entry);
                }
                None => out.extend(self.built.get(&p.file.path).map(|e| (e.item.clone(), e.problems.clone()))),
            }
        }
        if self.built.len() > kept.len() {
            let present: HashSet<&Path> = kept.iter().map(|p| p.file.path.as_path()).collect();
            self.built.retain(|path, _| present.contains(path.as_path()));
        }
        out
    }

    /// Builds the item of one file again, after an edit of it alone: `read` is the
    /// file as parsed, `p` the same with what it inherits from its original, placed at
    /// `(url, output)`; `resolve` finds the URL of a link target.
    pub(super) fn rebuild_one(
        &mut self,
        read: Arc<Parsed>,
        p: &Parsed,
        (url, output): (String, String),
        resolve: &Resolve<'_>,
        config: &Config,
    ) -> (Item, Vec<Diagnostic>) {
        let path = p.file.path.clone();
        let entry = build_entry(p, url, output, resolve, config);
        let out = (entry.item.clone(), entry.problems.clone());
        self.parsed.insert(path.clone(), ParsedEntry { text: read.file.text.clone(), result: Ok(read) });
        self.built.insert(path, entry);
        out
    }

    /// Keeps the articles whose translations the site just linked, so that the next
    /// build finds them linked already.
    pub(super) fn keep_linked<'a>(&mut self, articles: impl Iterator<Item = &'a Arc<Article>>) {
        for article in articles {
            if let Some(entry) = self.built.get_mut(&article.file) {
                entry.item = Item::Article(article.clone());
            }
        }
    }
}

/// The other articles that have the stem of an edited file.
pub(super) enum StemMates {
    /// None.
    None,
    /// The file is a translation: its original, whose shared fields it inherits.
    Original(Arc<Parsed>),
    /// Others: an original's translations inherit from it, and two originals of one
    /// stem are left to a full build.
    Others,
}

/// Builds one item, recording which link targets it looked up.
fn build_entry(p: &Parsed, url: String, output: String, resolve_link: &Resolve<'_>, config: &Config) -> BuiltEntry {
    let links = Mutex::new(Vec::new());
    let resolve = |target: &str| {
        let resolved = resolve_link(target);
        links.lock().unwrap_or_else(PoisonError::into_inner).push((target.to_string(), resolved.clone()));
        resolved
    };
    let (item, problems) = build_item(p, url.clone(), output.clone(), config, &resolve);
    BuiltEntry {
        text: p.file.text.clone(),
        original: p.original.clone(),
        url,
        output,
        links: links.into_inner().unwrap_or_else(PoisonError::into_inner),
        item,
        problems,
        version: NEXT_VERSION.fetch_add(1, Ordering::Relaxed),
    }
}

fn same_text(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

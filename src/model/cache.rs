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
//! rebuild which outputs may have changed. A cache made
//! [for one build](ModelCache::for_one_build) remembers nothing, so that each
//! file's text can be freed once its item is built.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::items::{Item, build_item};
use super::parse::{Parsed, parse_file};
use super::types::Article;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::{Picture, Pictures};
use crate::load::{Kind, SourceFile};
use crate::markdown::LinkTarget;
use crate::resources;

/// Finds what an `@/` link target is.
pub(super) type Resolve<'a> = dyn Fn(&str) -> Option<LinkTarget> + Sync + 'a;

/// A photograph looked up while building an item: its address, its file, what was read.
type Looked = (String, PathBuf, Option<Arc<Picture>>);

/// What an item's links and photographs are looked up in.
pub(super) type Lookups<'a> = (&'a HashMap<String, LinkTarget>, &'a Pictures);

/// Finds the existing link target closest to one that does not exist.
pub(super) type Meant<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// The link target among `targets` closest to `target`, when one is close enough to
/// be what an editor meant.
pub(super) fn meant_target<'t>(target: &str, targets: impl IntoIterator<Item = &'t String>) -> Option<String> {
    crate::suggest::closest(target, targets.into_iter().map(String::as_str)).first().map(|t| t.to_string())
}

/// Versions are unique across caches, so a version never names two different items.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// Per content file, the results of the last build that used this cache.
#[derive(Default)]
pub struct ModelCache {
    parsed: HashMap<PathBuf, ParsedEntry>,
    built: HashMap<PathBuf, BuiltEntry>,
    /// Keep nothing: the cache serves a single build.
    forgetful: bool,
}

struct ParsedEntry {
    text: Arc<str>,
    result: Result<Arc<Parsed>, Diagnostics>,
}

/// A built item and the inputs it was built from.
struct BuiltEntry {
    text: Arc<str>,
    /// The text of the original a translation inherited from.
    original: Option<Arc<str>>,
    url: String,
    output: String,
    /// Every `@/` link target looked up, with what it resolved to.
    links: Vec<(String, Option<LinkTarget>)>,
    /// Every photograph looked up (address, file), with what was read of it.
    pictures: Vec<Looked>,
    item: Item,
    problems: Vec<Diagnostic>,
    version: u64,
}

impl BuiltEntry {
    fn still_valid(&self, p: &Parsed, url: &str, output: &str, (link_map, pictures): Lookups<'_>) -> bool {
        same_text(&self.text, &p.file.text)
            && match (&self.original, &p.original) {
                (Some(a), Some(b)) => same_text(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.url == url
            && self.output == output
            && self.links.iter().all(|(target, resolved)| link_map.get(target) == resolved.as_ref())
            && self.pictures.iter().all(|(address, file, read)| pictures.get(address, file) == *read)
    }
}

/// A file's parse result (`None`: the cached one still holds), with its path and text.
type ParseOutcome = (PathBuf, Arc<str>, Option<Result<Arc<Parsed>, Diagnostics>>);

/// What the cache has for one content file in a build.
enum Built {
    /// The entry of the previous build still holds.
    Reused(PathBuf),
    /// A new entry, to remember.
    Fresh(PathBuf, BuiltEntry),
    /// A new item, not remembered.
    Made(Item, Vec<Diagnostic>),
}

impl ModelCache {
    /// A cache for a single build, which remembers nothing: a file's text is freed
    /// once its item is built.
    pub fn for_one_build() -> ModelCache {
        ModelCache { forgetful: true, ..ModelCache::default() }
    }

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
            (false, None, None) if file.lang == default_lang => self
                .parsed
                .get(&file.path)
                .and_then(|e| e.result.as_ref().ok())
                .map_or(StemMates::Others, |old| StemMates::Translations(Arc::clone(old))),
            _ => StemMates::Others,
        }
    }

    /// Parses every file, reusing the result for files whose text is unchanged; forgets
    /// files that are gone.
    pub(super) fn parse(
        &mut self,
        files: Vec<Cow<'_, SourceFile>>,
        config: &Config,
    ) -> Vec<Result<Arc<Parsed>, Diagnostics>> {
        let count = files.len();
        let fresh: Vec<ParseOutcome> = files
            .into_par_iter()
            .map(|f| {
                let (path, text) = (f.path.clone(), f.text.clone());
                let unchanged = self.parsed.get(&path).is_some_and(|e| same_text(&e.text, &text));
                let result = (!unchanged).then(|| parse_file(f.into_owned(), config).map(Arc::new));
                (path, text, result)
            })
            .collect();
        let mut out = Vec::with_capacity(count);
        let mut present = Vec::new();
        for (path, text, fresh) in fresh {
            match fresh {
                Some(result) if self.forgetful => out.push(result),
                Some(result) => {
                    out.push(result.clone());
                    self.parsed.insert(path.clone(), ParsedEntry { text, result });
                    present.push(path);
                }
                None => {
                    out.extend(self.parsed.get(&path).map(|e| e.result.clone()));
                    present.push(path);
                }
            }
        }
        forget_missing(&mut self.parsed, &present);
        out
    }

    /// Builds the item of every kept file at its URL, reusing the items whose inputs
    /// are unchanged; returns each with its problems, in the order of `kept`. A
    /// file's parsed form is dropped as soon as its item is built.
    pub(super) fn items(
        &mut self,
        kept: Vec<Arc<Parsed>>,
        urls: Vec<(String, String)>,
        (link_map, pictures): Lookups<'_>,
        config: &Config,
    ) -> Vec<(Item, Vec<Diagnostic>)> {
        let count = kept.len();
        let built: Vec<Built> = kept
            .into_par_iter()
            .zip(urls)
            .map(|(p, (url, output))| {
                let path = p.file.path.clone();
                if self.built.get(&path).is_some_and(|e| e.still_valid(&p, &url, &output, (link_map, pictures))) {
                    return Built::Reused(path);
                }
                let meant = |t: &str| meant_target(t, link_map.keys());
                let entry = build_entry(&p, url, output, (&|t| link_map.get(t).cloned(), &meant, pictures), config);
                if self.forgetful { Built::Made(entry.item, entry.problems) } else { Built::Fresh(path, entry) }
            })
            .collect();
        let mut out = Vec::with_capacity(count);
        let mut present = Vec::new();
        for built in built {
            match built {
                Built::Made(item, problems) => out.push((item, problems)),
                Built::Fresh(path, entry) => {
                    out.push((entry.item.clone(), entry.problems.clone()));
                    self.built.insert(path.clone(), entry);
                    present.push(path);
                }
                Built::Reused(path) => {
                    out.extend(self.built.get(&path).map(|e| (e.item.clone(), e.problems.clone())));
                    present.push(path);
                }
            }
        }
        forget_missing(&mut self.built, &present);
        out
    }

    /// Builds the item of one file again, after an edit of it alone: `read` is the
    /// file as parsed, `p` the same with what it inherits from its original, placed at
    /// `(url, output)`; `links` finds what a link target is, and the target meant by
    /// one that is not.
    pub(super) fn rebuild_one(
        &mut self,
        read: Arc<Parsed>,
        p: &Parsed,
        (url, output): (String, String),
        links: (&Resolve<'_>, &Meant<'_>, &Pictures),
        config: &Config,
    ) -> (Item, Vec<Diagnostic>) {
        let path = p.file.path.clone();
        let entry = build_entry(p, url, output, links, config);
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
    /// The file is an original with translations, which inherit from it what it
    /// had when last parsed.
    Translations(Arc<Parsed>),
    /// Others: two originals of one stem are left to a full build.
    Others,
}

/// Drops the entries of files that are not in `present` (the files of this build),
/// when there are any: after an edit there are none, and the set is not made.
fn forget_missing<V>(entries: &mut HashMap<PathBuf, V>, present: &[PathBuf]) {
    if entries.len() > present.len() {
        let present: HashSet<&PathBuf> = present.iter().collect();
        entries.retain(|path, _| present.contains(path));
    }
}

/// Builds one item, recording which link targets it looked up.
fn build_entry(
    p: &Parsed,
    url: String,
    output: String,
    (resolve_link, meant, pictures): (&Resolve<'_>, &Meant<'_>, &Pictures),
    config: &Config,
) -> BuiltEntry {
    let links = Mutex::new(Vec::new());
    let resolve = |target: &str| {
        let resolved = resolve_link(target);
        links.lock().unwrap_or_else(PoisonError::into_inner).push((target.to_string(), resolved.clone()));
        resolved
    };
    let looked = Mutex::new(Vec::new());
    let folder = resources::folder_of(&p.file.path).map(|f| (resources::folder_url(config, &p.file.stem), f));
    let picture = |address: &str| {
        let file = pictures.file_of(address, folder.as_ref().map(|(base, f)| (base.as_str(), *f)))?;
        let read = pictures.get(address, &file);
        looked.lock().unwrap_or_else(PoisonError::into_inner).push((address.to_string(), file, read.clone()));
        read
    };
    let (mut item, problems) = build_item(p, (url.clone(), output.clone()), config, (&resolve, meant, &picture));
    let version = NEXT_VERSION.fetch_add(1, Ordering::Relaxed);
    item.set_version(version);
    BuiltEntry {
        text: p.file.text.clone(),
        original: p.original.clone(),
        url,
        output,
        links: links.into_inner().unwrap_or_else(PoisonError::into_inner),
        pictures: looked.into_inner().unwrap_or_else(PoisonError::into_inner),
        item,
        problems,
        version,
    }
}

fn same_text(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

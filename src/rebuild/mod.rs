//! Incremental rebuilds: the site kept in memory, and only what a change touches redone.
//!
//! A [`LiveSite`] holds what the last build read (configuration, theme, content
//! files, a [`ModelCache`]) and what it produced (a [`SiteFiles`] map from output
//! path to bytes, shared with the HTTP server). [`LiveSite::rebuild`] takes a
//! [`ChangeSet`] from the watcher and redoes the least that gives the same result
//! as a full build:
//!
//! - the files that changed are read again, and the model is rebuilt from cached
//!   items (only the changed files are parsed and their Markdown rendered again), or
//!   updated in place when one article's edit leaves every list as it was;
//! - every output was rendered inside a [capture](crate::deps) of what it read; the
//!   `graph` keeps those dependencies and their values, and the outputs one of whose
//!   dependencies changed (an article, a list, a term's name, a template, the
//!   settings), plus the new ones, are rendered again: nothing lists by hand what a
//!   template shows;
//! - a language's search index is made again from the terms of its documents, kept
//!   in memory: only the edited article is tokenized again;
//! - a static file is read again alone;
//! - every root-relative link and image is looked up among the outputs, as a build
//!   does ([`targets`]).
//!
//! The new outputs are compared with the served ones, so the caller learns which
//! outputs really changed. A rebuild that fails leaves the served files as they were.
//! `docs/rebuild.md` walks through it.

mod graph;
mod photographs;
mod sources;
mod templates;

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

pub use sources::SourceStore;

use graph::{Graph, Outside, route_hash};

use crate::build::BuildOptions;
use crate::config::Config;
use crate::deps::{self, Part, Read};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::{self, ImageCache, Pictures};
use crate::model::{ModelCache, ModelOptions, Site};
use crate::pipeline;
use crate::render::Renderer;
use crate::resources;
use crate::routes::{RouteEntry, check_unique, routes};
use crate::search::TermCache;
use crate::targets;
use crate::theme::{FileSource, Theme};
use crate::watch::{ChangeSet, Waker};
use photographs::Maker;

/// The files of the built site, by output path (`articles/x/index.html`), shared
/// between the rebuilds that write them and the server that reads them.
#[derive(Debug, Default)]
pub struct SiteFiles {
    files: RwLock<HashMap<String, Arc<[u8]>>>,
}

impl SiteFiles {
    /// The bytes of output `path`, if the site has it.
    pub fn get(&self, path: &str) -> Option<Arc<[u8]>> {
        self.files.read().unwrap_or_else(PoisonError::into_inner).get(path).cloned()
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// True before the first successful build.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every output path, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> =
            self.files.read().unwrap_or_else(PoisonError::into_inner).keys().cloned().collect();
        paths.sort();
        paths
    }

    /// Applies new bytes and removals at once; returns the paths whose bytes changed
    /// (added, modified or removed), sorted.
    fn apply(&self, new: Vec<(String, Vec<u8>)>, removed: &BTreeSet<String>) -> Vec<String> {
        let mut files = self.files.write().unwrap_or_else(PoisonError::into_inner);
        let mut changed = BTreeSet::new();
        for (path, bytes) in new {
            if files.get(&path).is_none_or(|old| **old != *bytes) {
                files.insert(path.clone(), bytes.into());
                changed.insert(path);
            }
        }
        for path in removed {
            if files.remove(path).is_some() {
                changed.insert(path.clone());
            }
        }
        changed.into_iter().collect()
    }
}

/// What a successful rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Outputs rendered or read again.
    pub rendered: usize,
    /// Outputs of the site in all.
    pub total: usize,
    /// Output paths whose bytes changed (added, modified or removed), sorted.
    pub changed: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
}

/// A site built in memory, rebuilt incrementally.
pub struct LiveSite {
    options: BuildOptions,
    files: Arc<SiteFiles>,
    config: Option<Config>,
    /// The model the served routes were rendered from.
    site: Option<Site>,
    /// What `site.toml` held when `config` was read.
    config_stamp: Option<u64>,
    theme: Option<Theme>,
    sources: SourceStore,
    cache: ModelCache,
    /// The terms of the search documents, kept from one rebuild to the next: an
    /// edit tokenizes the edited article alone.
    terms: Arc<TermCache>,
    /// The routes now served and what they were rendered from.
    served: Option<Served>,
    /// Per static output now served, where its bytes came from.
    statics: BTreeMap<String, FileSource>,
    /// The resources of the article folders, as static outputs.
    resources: BTreeMap<String, FileSource>,
    /// What was read of the photographs the site shows.
    pictures: Arc<Pictures>,
    /// The versions of those photographs, as static outputs.
    photographs: BTreeMap<String, FileSource>,
    /// What makes the missing versions in the background, once it is asked to.
    maker: Option<Maker>,
    /// The addresses of photographs being made that nothing was served at before.
    withheld: BTreeSet<String>,
    /// Render every route and static file at the next rebuild.
    everything: bool,
    /// The last rebuild failed: its errors stand until a build succeeds.
    failed: bool,
}

impl LiveSite {
    /// A site not built yet; `options.output` is not used. Turns the recording of
    /// what renders read on for the process.
    pub fn new(options: BuildOptions) -> LiveSite {
        deps::start_recording();
        LiveSite {
            options,
            files: Arc::default(),
            config: None,
            site: None,
            config_stamp: None,
            theme: None,
            sources: SourceStore::default(),
            cache: ModelCache::default(),
            terms: Arc::new(TermCache::default()),
            served: None,
            statics: BTreeMap::new(),
            resources: BTreeMap::new(),
            pictures: Arc::new(Pictures::none()),
            photographs: BTreeMap::new(),
            maker: None,
            withheld: BTreeSet::new(),
            everything: true,
            failed: false,
        }
    }

    /// Makes the versions of new photographs in the background from now on, and
    /// wakes `waker` when they are ready (see `photographs`).
    pub fn make_photographs_in_background(&mut self, waker: Waker) {
        self.maker = Some(Maker::new(waker));
    }

    /// The built files, for serving.
    pub fn files(&self) -> Arc<SiteFiles> {
        self.files.clone()
    }

    /// Redoes what `changes` touch. `Ok(None)` when nothing the site is made of
    /// changed (an editor's lock file, a file saved unchanged).
    pub fn rebuild(&mut self, changes: &ChangeSet) -> Result<Option<Rebuilt>, Diagnostics> {
        let start = Instant::now();
        let result = self.try_rebuild(changes, start);
        self.failed = result.is_err();
        result
    }

    fn try_rebuild(&mut self, changes: &ChangeSet, start: Instant) -> Result<Option<Rebuilt>, Diagnostics> {
        let root = self.options.root.clone();
        let reload = changes.config || (changes.rescan && self.config_stamp != config_stamp(&root));
        let (config, edited) = match &self.config {
            Some(config) if !reload => {
                let config = config.clone();
                let edited = if changes.rescan {
                    self.sources.rescan(&root, &config)
                } else {
                    self.sources.refresh(&root, &changes.content, &config)
                };
                (config, Edited::Files(edited))
            }
            _ => {
                let config = self.reload_config()?;
                self.sources.reload_all(&root, &config);
                (config, Edited::All)
            }
        };
        // After lost events, every static file may have changed: the root covers them all.
        let statics_changed = if changes.rescan { BTreeSet::from([PathBuf::new()]) } else { changes.statics.clone() };
        let settings_before = self.theme.as_ref().map(|t| settings_value(self.config_stamp, t));
        if self.everything || !changes.theme.is_empty() || !statics_changed.is_empty() || self.theme.is_none() {
            self.reload_theme(&config)?;
        }
        let resources_changed = self.everything || changes.rescan || changes.content.iter().any(|p| may_be_resource(p));
        if resources_changed {
            self.resources = collect_resources(&root, &config)?;
        }
        let Some(mut theme) = self.theme.clone() else {
            return Ok(None);
        };
        Diagnostics(resources::add_to(&mut theme.static_files, &self.resources)).into_result(())?;
        // A static file can change what every page shows (the fingerprint of a
        // stylesheet, the site's `_headers` rules): the settings then differ.
        let settings_changed = settings_before != Some(settings_value(self.config_stamp, &theme));
        let templates_changed = !changes.theme.is_empty() || changes.rescan || settings_changed;
        // A photograph's size and versions are part of the pages that show it.
        let photographs_changed =
            changes.content.iter().chain(&statics_changed).any(|p| images::is_processed(&p.to_string_lossy()));
        let routes = if self.everything || edited.any() || self.failed || templates_changed || photographs_changed {
            Some(self.render_routes(config, &theme, edited.one())?)
        } else {
            None
        };
        if let (None, true, Some(site)) = (&routes, changes.photographs, &self.site) {
            (self.photographs, self.withheld) = self.publish_photographs(site, &theme)?;
        }
        theme.static_files.extend(self.photographs.clone());
        // A resource of an article folder is a static file kept under content/.
        let mut statics_changed = statics_changed;
        if resources_changed {
            statics_changed.extend(changes.content.iter().cloned());
        }
        if let (None, false, Some(site), Some(served)) = (&routes, statics_changed.is_empty(), &self.site, &self.served)
        {
            check_unique(site, &served.table, &theme.static_files, &root)?;
            targets::check(site, &served.table, &theme.static_files)?;
        }
        // A photograph being made is there for the checks; its address keeps what it
        // served until its versions are made.
        for output in &self.withheld {
            theme.static_files.remove(output);
        }
        let statics = self.read_statics(&theme, &statics_changed)?;
        let mut new = statics.files;
        let mut removed: BTreeSet<String> = statics.gone.into_iter().collect();
        if let Some(r) = routes {
            new.extend(r.files);
            removed.extend(r.gone);
            self.served = Some(r.served);
        }
        self.statics = statics.sources;
        self.everything = false;
        if new.is_empty() && removed.is_empty() && !self.failed {
            return Ok(None);
        }
        let rendered = new.len();
        let changed = self.files.apply(new, &removed);
        Ok(Some(Rebuilt { rendered, total: self.files.len(), changed, elapsed: start.elapsed() }))
    }

    /// The versions of the photographs `site` shows, as static outputs: all of them,
    /// or, when a maker makes them in the background, those already made. A
    /// photograph still being made keeps what was served at its address; what was
    /// not served is withheld (the second set), not served as the original file.
    fn publish_photographs(&self, site: &Site, theme: &Theme) -> Result<Published, Diagnostics> {
        let cache = ImageCache::of_site(&self.options.root);
        let (photographs, mut problems) = images::publish::photographs(site, &cache, &theme.static_files);
        let Some(maker) = &self.maker else {
            Diagnostics(problems).into_result(())?;
            return Ok((photographs.make(site, &cache)?, BTreeSet::new()));
        };
        let (mut made, missing) = photographs.split_made(&cache);
        let mut withheld = BTreeSet::new();
        for output in missing.iter().flat_map(|job| job.output_paths()) {
            if let Some(served) = self.photographs.get(output) {
                made.insert(output.to_string(), served.clone());
            } else {
                withheld.insert(output.to_string());
            }
        }
        // The photographs that can be made are, whatever the others' problems.
        if let Err(failed) = maker.start(site, missing, cache) {
            problems.extend(failed.0);
        }
        Diagnostics(problems).into_result((made, withheld))
    }

    fn reload_config(&mut self) -> Result<Config, Diagnostics> {
        self.config = None;
        self.config_stamp = config_stamp(&self.options.root);
        let config = pipeline::load_config(&self.options)?;
        self.config = Some(config.clone());
        self.cache = ModelCache::default();
        self.pictures = Arc::new(Pictures::new(&self.options.root, &config.images));
        self.everything = true;
        Ok(config)
    }

    /// Loads the theme again (a change to its strings or templates changes the
    /// settings or templates that outputs depend on).
    fn reload_theme(&mut self, config: &Config) -> Result<(), Diagnostics> {
        self.theme = None;
        self.theme = Some(Theme::load(&self.options.root, config)?);
        Ok(())
    }

    /// Builds the model and renders the routes that are new or whose dependencies
    /// changed (all of them when `everything` is set).
    fn render_routes(
        &mut self,
        config: Config,
        theme: &Theme,
        edited: Option<&Path>,
    ) -> Result<RoutesRendered, Diagnostics> {
        let model_options = ModelOptions {
            drafts: self.options.drafts,
            future: self.options.future,
            now: self.options.now,
            pictures: self.pictures.clone(),
        };
        let clock = Instant::now();
        let edited_file = edited.and_then(|p| self.sources.get(p)).cloned();
        let mut previous = self.site.take();
        let patched = match (&mut previous, edited_file) {
            (Some(site), Some(file)) if !self.everything && !self.failed => {
                site.update_article(&file, &model_options, &mut self.cache)
            }
            _ => None,
        };
        let site = match previous {
            Some(site) if patched.is_some() => site,
            _ => self.build_site(config, &model_options)?,
        };
        let model_time = clock.elapsed();
        let renderer = Renderer::new(&site, theme)?.with_term_cache(self.terms.clone());
        let renderer_time = clock.elapsed();
        // An article patched in place leaves every list, hence the route table, as it
        // was: the served table is kept.
        let kept = patched.and(self.served.as_ref()).map(|s| s.table.as_slice());
        let fresh_table = kept.is_none().then(|| routes(&site));
        let table = kept.or(fresh_table.as_deref()).unwrap_or_default();
        if fresh_table.is_some() {
            check_unique(&site, table, &theme.static_files, &self.options.root)?;
        }
        targets::check(&site, table, &theme.static_files)?;
        (self.photographs, self.withheld) = self.publish_photographs(&site, theme)?;
        let templates = templates::signatures(&theme.templates);
        let outside = Outside { settings: settings_value(self.config_stamp, theme), templates: &templates };
        let outputs: Vec<(&str, u64)> = table.iter().map(|e| (e.output.as_str(), route_hash(&e.route))).collect();
        let graph = self.served.as_ref().map(|s| &s.graph).filter(|_| !self.everything);
        let before_check = clock.elapsed();
        // An article updated in place changed nothing else (update_article checks it).
        let only = patched.map(|i| {
            let head = site.article_head(i);
            let file: Arc<Path> = Arc::from(head.file);
            [Part::Article(file.clone()), Part::ArticleHead(file), Part::SearchText(head.lang)]
        });
        let (stale, values) = graph.map_or_else(
            || (outputs.iter().map(|(o, _)| *o).collect(), Vec::new()),
            |g| g.stale(&site, &outside, &outputs, only.as_ref().map(|o| o.as_slice())),
        );
        tracing::debug!("renderer at {renderer_time:?}, check from {before_check:?} to {:?}", clock.elapsed());
        let stale: HashSet<&str> = stale.into_iter().collect();
        let dirty: Vec<&RouteEntry> = table.iter().filter(|e| stale.contains(e.output.as_str())).collect();
        let rendered = render_recording(&renderer, &dirty)?;
        let search = self.terms.finish();
        tracing::debug!("search: {} documents indexed, {} reused", search.indexed, search.reused);
        tracing::debug!("model built in {model_time:?}, {} routes rendered by {:?}", dirty.len(), clock.elapsed());
        let gone = match (&fresh_table, &self.served) {
            (Some(fresh), Some(served)) => outputs_gone(&served.table, fresh),
            _ => Vec::new(),
        };
        let mut files = Vec::with_capacity(rendered.len());
        let mut reads = Vec::with_capacity(rendered.len());
        let route_of: HashMap<&str, u64> = outputs.iter().copied().collect();
        for (output, bytes, read) in rendered {
            reads.push((output.clone(), route_of.get(output.as_str()).copied().unwrap_or_default(), read));
            files.push((output, bytes));
        }
        let (old_table, old_graph) = self.served.take().map(|s| (s.table, s.graph)).unzip();
        let table = fresh_table.or(old_table).unwrap_or_default();
        let mut graph = old_graph.filter(|_| !self.everything).unwrap_or_default();
        graph.commit(&site, &outside, reads, values, &gone);
        let (outputs, parts) = graph.size();
        tracing::debug!("{outputs} outputs depend on {parts} parts of the site");
        self.site = Some(site);
        Ok(RoutesRendered { files, gone, served: Served { table, graph } })
    }

    /// Builds the model from every source file, reusing the cache.
    fn build_site(&mut self, config: Config, model_options: &ModelOptions) -> Result<Site, Diagnostics> {
        let mut problems = self.sources.problems();
        let files = self.sources.files().into_iter().map(Cow::Borrowed).collect();
        match Site::build_cached(config, files, model_options, &mut self.cache) {
            Ok(site) if problems.is_empty() => Ok(site),
            other => {
                problems.extend(other.err().into_iter().flat_map(|d| d.0));
                Err(Diagnostics(problems).sorted())
            }
        }
    }

    /// Reads the static files that changed (all of them, and the generated code
    /// stylesheet, when `everything` is set).
    fn read_statics(&self, theme: &Theme, changed: &BTreeSet<PathBuf>) -> Result<StaticsRead, Diagnostics> {
        let sources = theme.static_files.clone();
        if self.everything {
            return Ok(StaticsRead {
                files: pipeline::static_outputs(theme).collect::<Result<_, _>>()?,
                gone: Vec::new(),
                sources,
            });
        }
        let touched: Vec<PathBuf> = changed.iter().map(|rel| self.options.root.join(rel)).collect();
        let mut files = Vec::new();
        for (output, source) in &sources {
            let same_source = self.statics.get(output).is_some_and(|old| same_file_source(old, source));
            let edited = matches!(source, FileSource::Disk(p) if touched.iter().any(|t| p.starts_with(t)));
            if !same_source || edited {
                files.push((output.clone(), pipeline::read_static(output, source)?));
            }
        }
        let gone = self.statics.keys().filter(|o| !sources.contains_key(*o)).cloned().collect();
        Ok(StaticsRead { files, gone, sources })
    }
}

/// The photographs' outputs to serve, and those withheld until they are made.
type Published = (BTreeMap<String, FileSource>, BTreeSet<String>);

/// Whether a change at content path `rel` may add, remove or change a resource of
/// an article folder: anything but a single-file article's Markdown file.
fn may_be_resource(rel: &Path) -> bool {
    rel.extension().is_none_or(|x| x != "md") || resources::folder_of(rel).is_some()
}

/// The resources of the site's article folders, or their problems.
fn collect_resources(root: &Path, config: &Config) -> Result<BTreeMap<String, FileSource>, Diagnostics> {
    let (found, problems) = resources::collect(root, config);
    Diagnostics(problems).into_result(found)
}

/// Which content files a rebuild found changed.
enum Edited {
    /// All of them were read again.
    All,
    /// These appeared, went or have a new text.
    Files(BTreeSet<PathBuf>),
}

impl Edited {
    fn any(&self) -> bool {
        matches!(self, Edited::All) || matches!(self, Edited::Files(f) if !f.is_empty())
    }

    /// The one file edited, when only one was.
    fn one(&self) -> Option<&Path> {
        match self {
            Edited::Files(f) if f.len() == 1 => f.first().map(PathBuf::as_path),
            _ => None,
        }
    }
}

/// The route table of the served site, and what each output was made from.
struct Served {
    table: Vec<RouteEntry>,
    graph: Graph,
}

/// The outputs of table `before` that table `after` does not have.
fn outputs_gone(before: &[RouteEntry], after: &[RouteEntry]) -> Vec<String> {
    let now: HashSet<&str> = after.iter().map(|e| e.output.as_str()).collect();
    before.iter().filter(|e| !now.contains(e.output.as_str())).map(|e| e.output.clone()).collect()
}

/// An output rendered: its path, its bytes and what it read.
type Recorded = (String, Vec<u8>, Vec<Read>);

/// Renders `routes` in parallel, each inside a capture of what it reads; every
/// template error is collected before failing.
fn render_recording(renderer: &Renderer, routes: &[&RouteEntry]) -> Result<Vec<Recorded>, Diagnostics> {
    let results = renderer.map_routes(
        routes,
        |entry| &entry.route,
        |entry| -> Result<Recorded, Diagnostic> {
            let (bytes, reads) = deps::capture(|| renderer.render(&entry.route));
            Ok((entry.output.clone(), bytes?, reads))
        },
    );
    let mut rendered = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(r) => rendered.push(r),
            Err(d) => problems.push(d),
        }
    }
    Diagnostics(problems).into_result(rendered)
}

/// Routes rendered by a rebuild, and what to remember of them once served.
struct RoutesRendered {
    files: Vec<(String, Vec<u8>)>,
    /// Route outputs of the previous build that no route produces any more.
    gone: Vec<String>,
    served: Served,
}

/// Static files read by a rebuild.
struct StaticsRead {
    files: Vec<(String, Vec<u8>)>,
    gone: Vec<String>,
    sources: BTreeMap<String, FileSource>,
}

/// A hash of `site.toml`'s bytes, to tell after lost events whether it changed.
fn config_stamp(root: &Path) -> Option<u64> {
    let bytes = std::fs::read(root.join("site.toml")).ok()?;
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    Some(h.finish())
}

fn same_file_source(a: &FileSource, b: &FileSource) -> bool {
    match (a, b) {
        (FileSource::Disk(a), FileSource::Disk(b)) => a == b,
        (FileSource::Embedded(a), FileSource::Embedded(b)) => std::ptr::eq(*a, *b),
        _ => false,
    }
}

/// The value of the settings every output depends on: `site.toml` (whose hash is
/// `config_stamp`), and the theme's UI strings and code-highlighting theme
/// (templates are dependencies of their own).
fn settings_value(config_stamp: Option<u64>, theme: &Theme) -> u64 {
    let mut h = DefaultHasher::new();
    (config_stamp, &theme.strings, &theme.highlight_theme, &theme.fingerprints, &theme.extra_headers).hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests;

//! The build pipeline: site folder in, output folder out.
//!
//! [`build`] runs the stages in order (config, theme, load, model, routes and where
//! links lead, render, output), collects every content and template problem before
//! failing, and writes
//! through a staging folder so that a failed build leaves the previous output as it
//! was. Routes render and write in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, LeftOutCounts};
use crate::build_state::Prelude;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::images::{self, ImageCache, Pictures};
use crate::load::load_content;
use crate::model::{ModelOptions, Site, TaxonomyKind};
use crate::output::{self, OutputError, OutputSink, Staging, Workspace, WriteOutcome};
use crate::progress::Progress;
use crate::render::Renderer;
use crate::resources;
use crate::routes::scheme;
use crate::routes::{check_unique, routes};
use crate::search::TermCache;
use crate::sitemap;
use crate::targets;
use crate::theme::{FileSource, Theme};

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the site's files, all of them.
    #[error("{0}")]
    Content(Diagnostics),
    /// Writing the output failed.
    #[error("cannot write the output: {0}")]
    Output(#[from] OutputError),
}

impl From<Diagnostics> for BuildError {
    fn from(d: Diagnostics) -> Self {
        BuildError::Content(d)
    }
}

/// Why the output folder is refused before anything is read.
#[derive(Debug, thiserror::Error)]
enum UnsafeOutput {
    #[error("the output folder {0} would overwrite the site itself")]
    HoldsSite(String),
    #[error("the output folder {0} is inside the site's {1}/ folder, which the build reads")]
    InsideInput(String, &'static str),
}

impl Problem for UnsafeOutput {
    fn kind(&self) -> Kind {
        Kind::OutputRefused
    }
}

/// Builds the site at `options.root` into `options.output`, or finds that the
/// output already holds what the build would write. Made for a process that ends
/// after it (`broadsheet build`): the site's model is left to the process's exit
/// rather than freed piece by piece. How far it has gone goes to `progress`.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    check_output_folder(&options.root, &options.output)?;
    let config = load_config(options)?;
    let claim = timed("claim the output", || output::claim(&options.output))?;
    let prelude = timed("input stamps", || Prelude::new(options, &config.theme, claim.workspace()));
    if !options.replace_output {
        claim.check_ownership(prelude.owned_outputs())?;
    }
    if !options.force
        && let Some(report) = timed("up-to-date check", || prelude.unchanged_build(options, &claim))
    {
        return Ok(BuildReport { elapsed: start.elapsed(), ..report });
    }
    progress.stage("Reading", None);
    let (site, mut theme) = load_site_with(config, options)?;
    let terms = Arc::new(match site.config().search {
        Some(_) => timed("search cache", || TermCache::load(&claim.workspace().search_terms())),
        None => TermCache::default(),
    });
    let renderer = timed("templates and cards", || Renderer::new(&site, &theme))?.with_term_cache(terms.clone());
    let routes = routes(&site);
    check_unique(&site, &routes, &theme.static_files, &options.root)?;
    timed("links and images", || targets::check(&site, &routes, &theme.static_files))?;
    // Photographs are processed once everything else is known to be right.
    let cache = ImageCache::of_site(&options.root);
    let photographs = timed("photographs", || images::publish(&site, &cache, &theme.static_files))?;
    theme.static_files.extend(photographs);
    let workspace = claim.workspace().clone();
    let staging = Staging::new(claim)?;
    // Every route, the code stylesheet and each static file.
    progress.stage("Rendering", Some(routes.len() + 1 + theme.static_files.len()));
    let sink = Counted { sink: &staging, progress };
    let outcome = timed("render and write", || render_all(&theme, &renderer, &routes, &sink));
    let written = match outcome {
        Ok(v) => v,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    let sealed = staging.seal()?;
    let mut report = BuildReport {
        articles: site.article_count(),
        pages: site.page_count(),
        terms: (0..site.language_count())
            .flat_map(|lang| TaxonomyKind::ALL.map(|kind| site.taxonomy(lang, kind).len()))
            .sum(),
        files: sealed.outputs().len(),
        written,
        elapsed: Duration::ZERO,
        theme: theme.name,
        missing_strings: theme.missing_strings.into_iter().collect(),
        left_out: LeftOutCounts::of(&site),
        search: site.config().search.as_ref().map(|_| terms.finish()),
        up_to_date: false,
    };
    let valid_until =
        [site.next_scheduled().map(|(_, due)| due), site.next_list_change(), sitemap::next_window_change(&site)]
            .into_iter()
            .flatten()
            .min();
    // The search terms are kept while the build's record is written.
    let save = || {
        if report.search.is_some() {
            timed("search cache", || save_terms(&terms, &workspace));
        }
    };
    rayon::join(save, || timed("record", || prelude.record(options, &workspace, valid_until, &sealed, report.clone())));
    timed("commit", || sealed.commit())?;
    report.elapsed = start.elapsed();
    // Freeing the model and the prepared values piece by piece takes about 100 ms
    // at 10,000 articles (millions of small allocations), right before the process
    // exits, which returns their memory at once.
    std::mem::forget(renderer);
    std::mem::forget(site);
    Ok(report)
}

/// Keeps the terms of this build's search documents for the next build; a cache
/// that cannot be written is only missed by the next build, which tokenizes all.
fn save_terms(terms: &TermCache, workspace: &Workspace) {
    if let Err(e) = terms.save(&workspace.search_terms()) {
        tracing::debug!("the search terms were not kept: {e}");
    }
}

/// A sink that counts each output it is given as a step of progress.
struct Counted<'a> {
    sink: &'a dyn OutputSink,
    progress: &'a dyn Progress,
}

impl OutputSink for Counted<'_> {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        let outcome = self.sink.put(rel, bytes);
        self.progress.advance();
        outcome
    }
}

/// Runs one stage of a build and logs how long it took, the processor time all
/// threads spent in it and the process's peak memory so far (`BROADSHEET_LOG=debug`).
fn timed<T>(stage: &str, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let cpu_before = cpu_time_ms();
    let out = run();
    let cpu = match (cpu_before, cpu_time_ms()) {
        (Some(before), Some(after)) => format!(" ({} ms CPU)", after.saturating_sub(before)),
        _ => String::new(),
    };
    let peak = peak_memory_mb().map_or_else(String::new, |mb| format!(", peak memory {mb} MB"));
    tracing::debug!("{stage}: {} ms{cpu}{peak}", start.elapsed().as_millis());
    out
}

/// User plus system time of all the process's threads so far, in milliseconds.
#[cfg(target_os = "linux")]
fn cpu_time_ms() -> Option<u64> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Some(u64::try_from(t.tv_sec).ok()? * 1000 + u64::try_from(t.tv_nsec).ok()? / 1_000_000)
}

/// Not measured elsewhere.
#[cfg(not(target_os = "linux"))]
fn cpu_time_ms() -> Option<u64> {
    None
}

/// The process's peak resident memory in MB, where the system tells it (Linux).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Reads the configuration, the theme and the content into a model.
pub fn load_site(options: &BuildOptions) -> Result<(Site, Theme), Diagnostics> {
    load_site_with(load_config(options)?, options)
}

/// Reads the theme and the content of the site with configuration `config`; the
/// resources of article folders join the theme's static files, which the outputs,
/// the checks of links and images and the output's ownership all follow.
fn load_site_with(config: Config, options: &BuildOptions) -> Result<(Site, Theme), Diagnostics> {
    let theme = Theme::load(&options.root, &config);
    // Listing the folders' files waits on the disk more than the processor: it runs
    // beside the reading of the content.
    let ((resources, mut resource_problems), site) = rayon::join(
        || timed("resources", || resources::collect(&options.root, &config)),
        || load_model_with(config.clone(), options),
    );
    let theme = theme.map(|mut theme| {
        resource_problems.extend(resources::add_to(&mut theme.static_files, &resources));
        theme
    });
    match (site, theme) {
        (Ok(site), Ok(theme)) if resource_problems.is_empty() => Ok((site, theme)),
        (site, theme) => {
            let problems = site.err().into_iter().chain(theme.err()).flat_map(|d| d.0).chain(resource_problems);
            Err(Diagnostics(problems.collect()).sorted())
        }
    }
}

/// Reads the configuration and the content into a model, without the theme.
pub fn load_model(options: &BuildOptions) -> Result<Site, Diagnostics> {
    load_model_with(load_config(options)?, options)
}

/// Reads the content of the site with configuration `config` into a model.
fn load_model_with(config: Config, options: &BuildOptions) -> Result<Site, Diagnostics> {
    let (files, mut problems) = timed("load", || load_content(&options.root, &config));
    let pictures = Arc::new(Pictures::new(&options.root, &config.images));
    let model_options = ModelOptions { drafts: options.drafts, future: options.future, now: options.now, pictures };
    match timed("model", || Site::build(config, files, &model_options)) {
        Ok(site) if problems.is_empty() => Ok(site),
        site => {
            problems.extend(site.err().into_iter().flat_map(|d| d.0));
            Err(Diagnostics(problems).sorted())
        }
    }
}

/// Reads and validates `site.toml`, with `options.base_url` applied.
pub fn load_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(&options.root.join("site.toml")).map_err(|d| relative(d, &options.root))?;
    if let Some(url) = &options.base_url {
        crate::config::check_base_url(url).map_err(|e| Diagnostic::new(Location::file("--base-url"), e))?;
        config.base_url = url.trim_end_matches('/').to_string();
    }
    Ok(config)
}

fn relative(d: Diagnostics, root: &Path) -> Diagnostics {
    Diagnostics(d.0.into_iter().map(|x| x.relative_to(root)).collect())
}

/// Renders every route, static file and the code stylesheet into `sink`, in
/// parallel; returns how many were new or changed. Every template error is
/// collected before failing.
pub fn render_all(
    theme: &Theme,
    renderer: &Renderer,
    routes: &[crate::routes::RouteEntry],
    sink: &dyn OutputSink,
) -> Result<usize, BuildError> {
    let mut written = render_routes(renderer, routes, sink)?;
    // One file in memory at a time: a site's photographs can weigh gigabytes.
    for output in static_outputs(theme) {
        let (path, bytes) = output.map_err(Diagnostics::from)?;
        if sink.put(&path, bytes)? == WriteOutcome::Staged {
            written += 1;
        }
    }
    Ok(written)
}

/// Renders `routes` into `sink`, in parallel; returns how many were new or changed.
/// Every template error is collected before failing.
pub fn render_routes(
    renderer: &Renderer,
    routes: &[crate::routes::RouteEntry],
    sink: &dyn OutputSink,
) -> Result<usize, BuildError> {
    let rendered = renderer.map_routes(
        routes,
        |entry| &entry.route,
        |entry| -> Result<WriteOutcome, BuildError> {
            let bytes = renderer.render(&entry.route).map_err(Diagnostics::from)?;
            Ok(sink.put(&entry.output, bytes)?)
        },
    );
    let mut problems = Vec::new();
    let mut written = 0;
    for r in rendered {
        match r {
            Ok(WriteOutcome::Staged) => written += 1,
            Ok(WriteOutcome::Unchanged) => {}
            Err(BuildError::Content(d)) => problems.extend(d.0),
            Err(e) => return Err(e),
        }
    }
    Ok(Diagnostics(problems).into_result(written)?)
}

/// The static outputs of `theme`, the code stylesheet first, each file read only
/// when the iterator reaches it.
pub fn static_outputs(theme: &Theme) -> impl Iterator<Item = Result<(String, Vec<u8>), Diagnostic>> + '_ {
    let syntax = (scheme::syntax_css().file, theme.syntax_css.clone().into_bytes());
    let files = theme.static_files.iter().map(|(path, source)| Ok((path.clone(), read_static(path, source)?)));
    std::iter::once(Ok(syntax)).chain(files)
}

/// The bytes of static output `path`.
pub fn read_static(path: &str, source: &FileSource) -> Result<Vec<u8>, Diagnostic> {
    source.read().map(std::borrow::Cow::into_owned).map_err(|e| {
        Diagnostic::of_kind(
            Location::file(format!("static/{path}")),
            Kind::Unreadable,
            format!("cannot read the file: {e}"),
        )
    })
}

/// Refuses an output folder that is the site folder, contains it, or lies inside a
/// folder the build reads.
fn check_output_folder(root: &Path, output: &Path) -> Result<(), BuildError> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out = canonical_even_if_missing(output);
    let shown = output.display().to_string();
    let problem = if root.starts_with(&out) {
        Some(UnsafeOutput::HoldsSite(shown))
    } else {
        INPUT_FOLDERS.into_iter().find(|f| out.starts_with(root.join(f))).map(|f| UnsafeOutput::InsideInput(shown, f))
    };
    match problem {
        None => Ok(()),
        Some(problem) => {
            let d = Diagnostic::new(Location::file(output), problem)
                .with_hint("choose an output folder inside or beside the site, such as public/");
            Err(BuildError::Content(d.into()))
        }
    }
}

/// The folders of a site that a build reads.
const INPUT_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// `path` with its existing part made canonical (links and `..` resolved), and the
/// rest, which does not exist yet, appended as written.
fn canonical_even_if_missing(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut existing = path.to_path_buf();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return missing.into_iter().rev().fold(canonical, |p, part| p.join(part));
        }
        match (existing.file_name().map(std::ffi::OsStr::to_os_string), existing.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name);
                existing = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent.to_path_buf() };
            }
            _ => return path.to_path_buf(),
        }
    }
}

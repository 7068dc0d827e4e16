//! Making the versions of every photograph the site shows and publishing them.
//!
//! The model has read each photograph's header ([`Pictures`]); here the versions
//! missing from the [cache](super::cache) are made, each photograph by one task of
//! a bounded pool (the memory held is that of a few decoded photographs whatever
//! their number), and every version joins the build's static files. The
//! photograph's own address is then served by its largest version in its own
//! format: upright, in sRGB, without the original's metadata. A photograph that
//! cannot be decoded is reported where each page names it, with every other problem
//! of the build.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::ImageCache;
use super::process::{Wanted, encode};
use super::{Crop, ImageProblem, Picture, Pictures, is_processed};
use crate::config::is_root_relative;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::targets::site_path;
use crate::theme::FileSource;

/// One photograph, the versions of it the site needs, and where they are published.
pub struct Job {
    picture: Arc<Picture>,
    wanted: Vec<Wanted>,
    outputs: Vec<(String, FileSource)>,
}

impl Job {
    /// What names this photograph's versions: the first one's address, which holds
    /// the digest of its bytes and of the settings.
    pub fn key(&self) -> &str {
        self.wanted.first().map_or(&self.picture.address, |w| &w.variant.address)
    }

    /// Where the versions and the photograph are published (output paths).
    pub fn output_paths(&self) -> impl Iterator<Item = &str> {
        self.outputs.iter().map(|(path, _)| path.as_str())
    }

    /// The photograph's address on the site.
    pub fn address(&self) -> &str {
        &self.picture.address
    }

    /// `problem` of this photograph, where `site` shows it.
    pub fn located(&self, site: &Site, problem: &ImageProblem) -> Vec<Diagnostic> {
        located(site, &self.picture, problem)
    }

    /// Makes the versions the cache does not have.
    pub fn make_missing(&self, cache: &ImageCache, quality: u8) -> Result<(), ImageProblem> {
        let missing: Vec<Wanted> = self.wanted.iter().filter(|w| !cache.has(&w.variant)).cloned().collect();
        if missing.is_empty() {
            return Ok(());
        }
        let encoded = encode(&self.picture, &missing, quality)?;
        for (w, bytes) in missing.iter().zip(encoded) {
            let not_kept = |e: std::io::Error| ImageProblem::NotKept(self.picture.address.clone(), e.to_string());
            cache.store(&w.variant, &bytes).map_err(not_kept)?;
        }
        Ok(())
    }

    /// Whether the cache has every version.
    fn is_made(&self, cache: &ImageCache) -> bool {
        self.wanted.iter().all(|w| cache.has(&w.variant))
    }
}

/// Every photograph a site shows, with its versions: what a build publishes.
pub struct Photographs(Vec<Job>);

impl Photographs {
    /// Makes what is missing of the versions of every photograph, each photograph by
    /// one task of a bounded pool; returns them all as static outputs (output path →
    /// source), or the problems of those that cannot be made, where `site` shows them.
    pub fn make(self, site: &Site, cache: &ImageCache) -> Result<BTreeMap<String, FileSource>, Diagnostics> {
        let quality = site.config().images.quality;
        let failed: Vec<(&Job, ImageProblem)> =
            self.0.par_iter().filter_map(|job| job.make_missing(cache, quality).err().map(|e| (job, e))).collect();
        let problems = failed.iter().flat_map(|(job, problem)| job.located(site, problem)).collect();
        Diagnostics(problems).into_result(())?;
        Ok(self.0.into_iter().flat_map(|job| job.outputs).collect())
    }

    /// The outputs of the photographs whose versions are all in the cache, and the
    /// photographs that still need some made.
    pub fn split_made(self, cache: &ImageCache) -> (BTreeMap<String, FileSource>, Vec<Job>) {
        let (made, missing): (Vec<Job>, Vec<Job>) = self.0.into_iter().partition(|job| job.is_made(cache));
        (made.into_iter().flat_map(|job| job.outputs).collect(), missing)
    }
}

/// Makes what is missing of the versions of every photograph `site` shows; returns
/// them all as static outputs (output path → source), with each photograph's own
/// address, where `statics` publishes it, served by its largest version.
pub fn publish(
    site: &Site,
    cache: &ImageCache,
    statics: &BTreeMap<String, FileSource>,
) -> Result<BTreeMap<String, FileSource>, Diagnostics> {
    let (photographs, problems) = photographs(site, cache, statics);
    Diagnostics(problems).into_result(())?;
    photographs.make(site, cache)
}

/// Every photograph `site` shows and the versions of each it needs, with their
/// outputs: each version at its address, and the photograph's own address, where
/// `statics` publishes it, served by its largest version; and the problems of the
/// photographs that cannot be read, which are left out.
pub fn photographs(
    site: &Site,
    cache: &ImageCache,
    statics: &BTreeMap<String, FileSource>,
) -> (Photographs, Vec<Diagnostic>) {
    let widths = &site.config().images.widths;
    let (mut shown, mut problems) = shown(site, site.pictures());
    problems.extend(folder_photographs(site, statics, &mut shown));
    let leads = lead_focus(site);
    let jobs = shown
        .into_values()
        .map(|picture| {
            let focus = leads.get(picture.address.as_str());
            let wanted = wanted(&picture, widths, focus.copied());
            let mut outputs: Vec<(String, FileSource)> = wanted
                .iter()
                .map(|w| (site_path(&w.variant.address), FileSource::Disk(cache.path(&w.variant))))
                .collect();
            let own = site_path(&picture.address);
            if statics.contains_key(&own) {
                outputs.push((own, FileSource::Disk(cache.path(&picture.fallback(widths)))));
            }
            Job { picture, wanted, outputs }
        })
        .collect();
    (Photographs(jobs), problems)
}

/// Every photograph an article, page or home text of `site` shows, by address, and
/// the problems of those that cannot be shown.
fn shown(site: &Site, pictures: &Pictures) -> (BTreeMap<String, Arc<Picture>>, Vec<Diagnostic>) {
    let mut found = BTreeMap::new();
    let mut problems = Vec::new();
    for (at, reference) in site.references() {
        let address = reference.dest.as_str();
        if reference.alt.is_none() || !is_root_relative(address) || !is_processed(address) {
            continue;
        }
        match pictures.known(address) {
            Some(Ok(picture)) => {
                found.insert(address.to_string(), picture);
            }
            Some(Err(problem)) => problems.push(Diagnostic::new(at.clone(), problem.clone()).with_hint(problem.hint())),
            None => {}
        }
    }
    (found, problems)
}

/// Adds to `shown` the photographs of article folders that no text shows (a reader
/// could still open them, and their metadata must not go out with them); returns
/// the problems of those that cannot be shown, at their file.
fn folder_photographs(
    site: &Site,
    statics: &BTreeMap<String, FileSource>,
    shown: &mut BTreeMap<String, Arc<Picture>>,
) -> Vec<Diagnostic> {
    let content = site.pictures().content_folder();
    let mut problems = Vec::new();
    for (output, source) in statics {
        let FileSource::Disk(file) = source else { continue };
        let address = format!("/{output}");
        if !is_processed(output) || !content.as_ref().is_some_and(|c| file.starts_with(c)) {
            continue;
        }
        // One a text shows was read, and its problem reported where the text names it.
        if site.pictures().known(&address).is_some() {
            continue;
        }
        match site.pictures().get_or_problem(&address, file) {
            Some(Ok(picture)) => {
                shown.insert(address, picture);
            }
            Some(Err(problem)) => {
                let at = Location::file(file.strip_prefix(site.pictures().root().unwrap_or(file)).unwrap_or(file));
                problems.push(Diagnostic::new(at, problem.clone()).with_hint(problem.hint()));
            }
            None => {}
        }
    }
    problems
}

/// The focal point of every lead photograph (`None` inside: the centre).
fn lead_focus(site: &Site) -> HashMap<&str, Option<[f64; 2]>> {
    site.articles()
        .filter(|a| a.picture.is_some())
        .filter_map(|a| a.image.as_ref().map(|i| (&*i.src, i.focus())))
        .collect()
}

/// The versions of `picture` a page may show: every width in every format, and the
/// crops of link previews and structured data when it leads an article (`focus`).
fn wanted(picture: &Picture, widths: &[u32], focus: Option<Option<[f64; 2]>>) -> Vec<Wanted> {
    let mut wanted: Vec<Wanted> =
        picture.variants(widths).into_iter().map(|variant| Wanted { variant, region: None }).collect();
    if let Some(focus) = focus {
        for crop in [Crop::Social].into_iter().chain(Crop::STRUCTURED) {
            let (variant, region) = picture.crop(crop, focus);
            wanted.push(Wanted { variant, region: Some(region) });
        }
    }
    wanted
}

/// `problem` of `picture`, where each page of `site` shows it, or at its own file
/// when no text shows it (a photograph of an article's folder).
fn located(site: &Site, picture: &Picture, problem: &ImageProblem) -> Vec<Diagnostic> {
    let mut at: Vec<Location> =
        site.references().filter(|(_, r)| r.dest == picture.address).map(|(at, _)| at.clone()).collect();
    if at.is_empty() {
        let file = &picture.file;
        at.push(Location::file(file.strip_prefix(site.pictures().root().unwrap_or(file)).unwrap_or(file)));
    }
    at.into_iter().map(|at| Diagnostic::new(at, problem.clone()).with_hint(problem.hint())).collect()
}

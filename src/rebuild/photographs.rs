//! Photographs under `serve`: their versions are made in the background, so that
//! an edit that shows a new photograph reloads its page at once, and the photograph
//! follows when it is ready (a second or two for a camera-size one).
//!
//! A rebuild publishes the photographs whose versions are all in the cache and hands
//! the others to a [`Maker`], which makes them on a thread of its own and then wakes
//! the watcher ([`ChangeSet::photographs`](crate::watch::ChangeSet)): the rebuild
//! that follows publishes them, and the browser reloads. A photograph that cannot be
//! made is an error of every rebuild until it changes, as it is of `build`, and the
//! others are made meanwhile; when the disk was the problem, it is tried again at the
//! next rebuild. Without
//! a waker (a `LiveSite` that nothing watches), the versions are made before the
//! rebuild returns.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::images::publish::Job;
use crate::images::{ImageCache, ImageProblem};
use crate::model::Site;
use crate::watch::Waker;

/// Makes the versions of photographs in the background.
pub struct Maker {
    waker: Waker,
    state: Arc<Mutex<State>>,
    /// Threads of its own: a render waiting on the shared pool's tasks must not pick
    /// up a photograph's.
    pool: Option<Arc<rayon::ThreadPool>>,
}

/// What the maker is doing and has failed to do, by [`Job::key`].
#[derive(Default)]
struct State {
    making: HashSet<String>,
    failed: HashMap<String, ImageProblem>,
}

impl Maker {
    /// A maker that wakes `waker` when it has made photographs.
    pub fn new(waker: Waker) -> Maker {
        let pool = rayon::ThreadPoolBuilder::new().thread_name(|n| format!("photographs-{n}")).build();
        if let Err(e) = &pool {
            tracing::warn!("photographs will be made on the render threads: {e}");
        }
        Maker { waker, state: Arc::default(), pool: pool.ok().map(Arc::new) }
    }

    /// Starts making `jobs`, on a thread of its own, but those being made already and
    /// those that could not be made before; fails with the problems of the latter,
    /// where `site` shows them. A photograph that cannot be made does not hold back
    /// the others. A problem of the photograph itself (its bytes) stays until it
    /// changes; a problem of the disk (a full one, a folder that cannot be written) is
    /// reported once, and the photograph is tried again at the next rebuild.
    pub fn start(&self, site: &Site, jobs: Vec<Job>, cache: ImageCache) -> Result<(), Diagnostics> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut problems = Vec::new();
        let mut queued = Vec::new();
        for job in jobs {
            if let Some(problem) = state.failed.get(job.key()) {
                problems.extend(job.located(site, problem));
                if problem.of_the_disk() {
                    state.failed.remove(job.key());
                }
            } else if state.making.insert(job.key().to_string()) {
                queued.push(job);
            }
        }
        self.make(site, queued, cache, &mut state);
        Diagnostics(problems).into_result(())
    }

    /// Makes `jobs` on a thread of its own, then wakes the watcher.
    fn make(&self, site: &Site, jobs: Vec<Job>, cache: ImageCache, state: &mut State) {
        if jobs.is_empty() {
            return;
        }
        let quality = site.config().images.quality;
        let keys: Vec<String> = jobs.iter().map(|job| job.key().to_string()).collect();
        let (shared, waker, pool) = (self.state.clone(), self.waker.clone(), self.pool.clone());
        let thread = std::thread::Builder::new().name("photographs".into()).spawn(move || {
            let make = || -> Vec<(String, Option<ImageProblem>)> {
                jobs.par_iter().map(|job| (job.key().to_string(), made_or_problem(job, &cache, quality))).collect()
            };
            let done = pool.map_or_else(make, |pool| pool.install(make));
            let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
            for (key, problem) in done {
                state.making.remove(&key);
                if let Some(problem) = problem {
                    state.failed.insert(key, problem);
                }
            }
            drop(state);
            waker.photographs_ready();
        });
        if let Err(e) = thread {
            tracing::warn!("cannot start making photographs: {e}");
            for key in &keys {
                state.making.remove(key);
            }
        }
    }
}

/// Makes the missing versions of `job`; the problem when they cannot be made. A
/// decoder that panics on a photograph is its problem too: the server goes on, and
/// the photograph is not tried again on every rebuild.
fn made_or_problem(job: &Job, cache: &ImageCache, quality: u8) -> Option<ImageProblem> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.make_missing(cache, quality))) {
        Ok(made) => made.err(),
        Err(_) => Some(ImageProblem::Corrupt(job.address().to_string(), "its decoder stopped on it".into())),
    }
}

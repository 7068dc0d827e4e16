//! What a long build shows while it runs.
//!
//! The pipeline reports its stages and how far each has gone to a [`Progress`];
//! it never prints. `build` on a terminal passes a bar that redraws itself on one
//! line and is cleared at the end; everywhere else (a pipe, a CI log, `serve`, the
//! tests) [`Silent`] is passed, so that a log holds no control codes.

/// Receives a build's progress, from any of its threads.
pub trait Progress: Sync {
    /// A stage begins: `Rendering`, with `total` steps when they are known.
    fn stage(&self, name: &'static str, total: Option<usize>);
    /// One step of the current stage is done.
    fn advance(&self);
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: Option<usize>) {}
    fn advance(&self) {}
}

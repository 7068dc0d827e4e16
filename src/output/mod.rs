//! Output: writing a build to disk so that nothing is lost and readers never see a mix.
//!
//! A build into `public/` works in a hidden folder beside it, `.public.broadsheet/`
//! ([`Workspace`]): it takes the lock there (a second build into the same folder waits),
//! removes what an interrupted build left, and refuses an output folder that holds
//! files no broadsheet build wrote ([`claim()`]). Files are written into a staging
//! folder; a file whose bytes equal those of the previous output is hard-linked from
//! it instead, so it keeps its modification time and rsync-style deploys upload only
//! what changed. When the whole build has succeeded, [`Sealed::commit`] exchanges the
//! staging folder and the output in one step where the system offers it, so a reader
//! of the folder sees either the old site or the new one, then deletes the old one.
//! A build that fails drops its staging folder and leaves the previous output as it
//! was. Every path is checked again here before anything is written
//! ([`output_path`](crate::output_path)): no key can make a write leave the output.

mod claim;
mod staging;
mod swap;
mod tree;

use std::io;
use std::path::{Path, PathBuf};

pub use claim::{Claim, Workspace, claim};
pub use staging::{Sealed, Staging};

use crate::diagnostics::{Kind, Problem};
use crate::output_path::PathProblem;

/// A failure to write the output, or a refusal to touch it.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The output folder holds files that no broadsheet build wrote.
    #[error(
        "{folder} holds files that broadsheet did not write ({files}); they would be deleted. Move the files \
         you want published into static/ and delete the others, choose another folder with --output, or pass \
         --replace-output to replace the folder and everything in it"
    )]
    NotOurs {
        /// The output folder.
        folder: PathBuf,
        /// Some of the files, for the message.
        files: String,
    },
    /// The output folder is not something a build can replace.
    #[error("{folder} cannot be the output folder: {why}")]
    Unusable {
        /// The folder given.
        folder: PathBuf,
        /// Why not.
        why: &'static str,
    },
    /// A route asked for a path that is not a safe relative path.
    #[error("the output path {path:?} is refused: {problem}")]
    UnsafePath {
        /// The path asked for.
        path: String,
        /// What is wrong with it.
        problem: PathProblem,
    },
    /// Two outputs asked for the same path.
    #[error("the output path {0:?} was written twice")]
    WrittenTwice(String),
}

impl Problem for OutputError {
    fn kind(&self) -> Kind {
        match self {
            OutputError::Io { .. } | OutputError::WrittenTwice(_) => Kind::OutputWrite,
            OutputError::NotOurs { .. } | OutputError::Unusable { .. } | OutputError::UnsafePath { .. } => {
                Kind::OutputRefused
            }
        }
    }
}

impl OutputError {
    /// The file or folder the error is about.
    pub fn path(&self) -> PathBuf {
        match self {
            OutputError::Io { path, .. } => path.clone(),
            OutputError::NotOurs { folder, .. } | OutputError::Unusable { folder, .. } => folder.clone(),
            OutputError::UnsafePath { path, .. } | OutputError::WrittenTwice(path) => PathBuf::from(path),
        }
    }
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io { path: path.to_path_buf(), source }
}

/// What happened to one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// New or changed.
    Staged,
    /// Identical to the file already in the output.
    Unchanged,
}

/// Where rendered files go: a staging folder on disk, or memory (for `serve`).
pub trait OutputSink: Sync {
    /// Stores output file `rel` (a `/`-separated relative path).
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError>;
}

/// Output kept in memory, by relative path.
#[derive(Debug, Default)]
pub struct MemoryOutput {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    /// Every stored file.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl OutputSink for MemoryOutput {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        files.insert(rel.to_string(), bytes);
        Ok(WriteOutcome::Staged)
    }
}

/// Output rendered only to be checked, then dropped (for `check`).
#[derive(Debug, Default)]
pub struct DiscardOutput;

impl OutputSink for DiscardOutput {
    fn put(&self, _rel: &str, _bytes: Vec<u8>) -> Result<WriteOutcome, OutputError> {
        Ok(WriteOutcome::Staged)
    }
}

/// `path` relative to `root`, with `/` between its parts: an output path.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

//! File stamps: what the file system says about a file, enough to tell that it was
//! not touched since.

use std::fs::Metadata;

use serde::{Deserialize, Serialize};

/// A file's size, modification time (nanoseconds since 1970) and inode (0 where the
/// system has none). Writing a file moves its modification time; replacing it by
/// another (a rename, a copy from elsewhere) changes its inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification, in nanoseconds since 1970.
    pub modified: i64,
    /// The inode number.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file from its metadata.
    pub fn of(meta: &Metadata) -> Stamp {
        Stamp { len: meta.len(), modified: modified_ns(meta), inode: inode(meta) }
    }
}

/// When the file's metadata last changed (a write, a rename, a permission or time
/// change; no program can set it back), in nanoseconds since 1970.
#[cfg(unix)]
pub fn changed_ns(meta: &Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    meta.ctime().saturating_mul(1_000_000_000).saturating_add(meta.ctime_nsec())
}

/// Without a change time, the modification time stands for it.
#[cfg(not(unix))]
pub fn changed_ns(meta: &Metadata) -> i64 {
    modified_ns(meta)
}

#[cfg(unix)]
fn modified_ns(meta: &Metadata) -> i64 {
    use std::os::unix::fs::MetadataExt;
    meta.mtime().saturating_mul(1_000_000_000).saturating_add(meta.mtime_nsec())
}

#[cfg(not(unix))]
fn modified_ns(meta: &Metadata) -> i64 {
    meta.modified().ok().map_or(0, |t| system_time_ns(t))
}

#[cfg(unix)]
fn inode(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
fn inode(_meta: &Metadata) -> u64 {
    0
}

/// A time in nanoseconds since 1970 (negative before).
pub fn system_time_ns(t: std::time::SystemTime) -> i64 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}

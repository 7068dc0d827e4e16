//! Where processed photographs are kept between builds: `.broadsheet-cache/images/`
//! in the site's folder, outside the output, shared by `build` and `serve`.
//!
//! A version's file name holds the digest of its photograph's bytes and of the
//! settings (see [`variants`](super::variants)), so a name found in the cache is the
//! version wanted: a rebuild with unchanged photographs decodes and encodes
//! nothing. Each file is written under a temporary name and renamed, so that a build
//! stopped halfway leaves no half-written version to be taken for a whole one. The
//! folder is broadsheet's alone, and can be deleted at any time: the next build
//! makes again what it needs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Variant;

/// The folder, under the site's, that holds processed photographs.
pub const FOLDER: &str = ".broadsheet-cache/images";

/// Makes each temporary name unique among the threads of the process.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// The cache of processed photographs of one site.
#[derive(Debug, Clone)]
pub struct ImageCache {
    dir: PathBuf,
}

impl ImageCache {
    /// The cache of the site in `root`.
    pub fn of_site(root: &Path) -> ImageCache {
        ImageCache { dir: root.join(FOLDER) }
    }

    /// Where `variant` is kept.
    pub fn path(&self, variant: &Variant) -> PathBuf {
        let name = variant.address.rsplit('/').next().unwrap_or(&variant.address);
        self.dir.join(name)
    }

    /// Whether `variant` has been made already.
    pub fn has(&self, variant: &Variant) -> bool {
        self.path(variant).is_file()
    }

    /// Keeps the `bytes` of `variant`.
    pub fn store(&self, variant: &Variant, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.path(variant);
        // A short temporary name: a version's own name may take all a file name can.
        let partial =
            self.dir.join(format!(".{}-{}.partial", std::process::id(), WRITES.fetch_add(1, Ordering::Relaxed)));
        fs::write(&partial, bytes)?;
        fs::rename(&partial, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::Format;
    use crate::output_path::MAX_SEGMENT_BYTES;

    #[test]
    fn a_version_whose_name_takes_all_a_file_name_can_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ImageCache { dir: dir.path().join("images") };
        let name = format!("{}.webp", "a".repeat(MAX_SEGMENT_BYTES - ".webp".len()));
        let variant = Variant { address: format!("/photos/{name}"), width: 1, height: 1, format: Format::Webp };
        cache.store(&variant, b"bytes").unwrap();
        assert!(cache.has(&variant));
        assert_eq!(fs::read_dir(&cache.dir).unwrap().count(), 1, "no temporary file is left");
    }
}

//! Reading what a page needs to know of a photograph without decoding it: its
//! format, its size once upright, whether it has transparency, and a digest of its
//! bytes.
//!
//! [`Pictures`] remembers what it read per file and by the file's
//! [stamp](crate::stamp), so that `serve` reads a photograph again only when it
//! changed, and pages ask for the same file from many threads at once. A file whose
//! header declares more pixels than [`MAX_PIXELS`] is refused here, before anything
//! is allocated for it: a few hundred bytes can declare a picture of gigabytes.

use std::collections::HashMap;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};
use std::hash::Hasher;

use siphasher::sip128::{Hasher128, SipHasher13};

use super::{Format, Picture};
use crate::config::{ImagesConfig, is_root_relative};
use crate::diagnostics::{Kind, Problem};
use crate::output_path::check_relative;
use crate::stamp::Stamp;
use crate::targets::site_path;

/// The most pixels a photograph may have: more than any camera's sensor (a
/// 61-megapixel frame is 9504×6336), far less than what would exhaust memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Bumped whenever processing changes what it writes for the same settings, so
/// that cached versions made by an older broadsheet are not taken for new ones.
const PROCESSING_VERSION: u32 = 1;

/// Why a file cannot be shown as a photograph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// The file cannot be read.
    #[error("image \"{0}\" cannot be read: {1}")]
    Unreadable(String, String),
    /// Its bytes are not JPEG, PNG or WebP (whatever its extension says).
    #[error("image \"{0}\" is not a JPEG, PNG or WebP file")]
    Unsupported(String),
    /// Truncated or corrupt.
    #[error("image \"{0}\" cannot be decoded: {1}")]
    Corrupt(String, String),
    /// A version made but not kept in the cache (a full disk, a read-only folder).
    #[error("a version of image \"{0}\" could not be kept in {folder}: {1}", folder = super::cache::FOLDER)]
    NotKept(String, String),
    /// A header declaring more pixels than any photograph has.
    #[error("image \"{0}\" declares {1}×{2} pixels, more than the {max} a build decodes", max = MAX_PIXELS)]
    TooLarge(String, u32, u32),
}

impl Problem for ImageProblem {
    fn kind(&self) -> Kind {
        match self {
            ImageProblem::Unreadable(..) | ImageProblem::NotKept(..) => Kind::Unreadable,
            _ => Kind::BadImage,
        }
    }
}

impl ImageProblem {
    /// Whether the problem is the disk's (the file could not be read, a version could
    /// not be kept), not the photograph's: it may be gone at the next attempt.
    pub fn of_the_disk(&self) -> bool {
        matches!(self, ImageProblem::Unreadable(..) | ImageProblem::NotKept(..))
    }

    /// The address of the photograph concerned.
    pub fn address(&self) -> &str {
        match self {
            ImageProblem::Unreadable(a, _)
            | ImageProblem::Unsupported(a)
            | ImageProblem::Corrupt(a, _)
            | ImageProblem::NotKept(a, _)
            | ImageProblem::TooLarge(a, ..) => a,
        }
    }

    /// What an editor can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            ImageProblem::Unreadable(..) => "check that the file exists and can be read",
            ImageProblem::Unsupported(_) => {
                "export it as JPEG (photographs), PNG (screenshots, charts) or WebP; GIF and SVG are published as they \
                 are"
            }
            ImageProblem::Corrupt(..) => "the file may be cut short or damaged: export it again from the original",
            ImageProblem::TooLarge(..) => "resize it to a few thousand pixels wide before adding it",
            ImageProblem::NotKept(..) => "check the space left on the disk and that the site's folder can be written",
        }
    }
}

/// What reading a photograph's header gave.
pub type Probed = Result<Arc<Picture>, ImageProblem>;

/// The photographs of a site read so far, by file.
pub struct Pictures {
    /// The site's folder; `None`: no photograph is read (a model built without files).
    root: Option<PathBuf>,
    /// A digest of the settings photographs are processed with.
    settings: u64,
    known: Mutex<Memo>,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("Pictures").field("root", &self.root).field("read", &known.by_file.len()).finish()
    }
}

/// What was read, by file, and the file last read for each address.
#[derive(Default)]
struct Memo {
    by_file: HashMap<PathBuf, (Stamp, Probed)>,
    by_address: HashMap<String, PathBuf>,
}

impl Pictures {
    /// Reads no photograph: a model made without a site's folder.
    pub fn none() -> Pictures {
        Pictures { root: None, settings: 0, known: Mutex::default() }
    }

    /// No photograph of the site in `root` read yet, to be processed with
    /// `config`'s settings.
    pub fn new(root: &Path, config: &ImagesConfig) -> Pictures {
        let mut hasher = SipHasher13::new();
        hasher.write(&PROCESSING_VERSION.to_le_bytes());
        hasher.write(&config.quality.to_le_bytes());
        for width in &config.widths {
            hasher.write(&width.to_le_bytes());
        }
        Pictures { root: Some(root.to_path_buf()), settings: hasher.finish128().h1, known: Mutex::default() }
    }

    /// The file of the photograph at `address` (from the site root), written in a
    /// file of the article folder `folder` (its resources' address, its path from the
    /// site's folder) or not: a resource of the folder, else a file of `static/`.
    /// `None` for an address on another site, of a file not resized, or that would
    /// lead out of its folder.
    pub fn file_of(&self, address: &str, folder: Option<(&str, &Path)>) -> Option<PathBuf> {
        let root = self.root.as_ref()?;
        if !is_root_relative(address) || !super::is_processed(address) {
            return None;
        }
        // An address becomes a path here: one that would leave its folder (`/../x.jpg`,
        // `%2e%2e`) names no photograph, and the build reports it as missing.
        let inside = |path: String| check_relative(&path).is_ok().then_some(path);
        if let Some((base, folder)) = folder
            && let Some(inner) = address.strip_prefix(base)
        {
            return Some(root.join(folder).join(inside(site_path(inner))?));
        }
        Some(root.join("static").join(inside(site_path(address))?))
    }

    /// What reading the photograph in `file`, published at `address`, gives; `None`
    /// when there is no such file.
    pub fn get_or_problem(&self, address: &str, file: &Path) -> Option<Probed> {
        self.read(address, file)
    }

    /// The site's folder, when photographs are read.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The folder of the site's content, whose article folders hold photographs.
    pub fn content_folder(&self) -> Option<PathBuf> {
        Some(self.root.as_ref()?.join("content"))
    }

    /// What was read of the photograph at `address`, if it was.
    pub fn known(&self, address: &str) -> Option<Probed> {
        let known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        known.by_address.get(address).and_then(|file| known.by_file.get(file)).map(|(_, p)| p.clone())
    }

    /// The photograph in `file`, published at `address`; `None` when there is no
    /// such file (the build reports it as missing) or it cannot be shown (see
    /// [`Pictures::get_or_problem`]).
    pub fn get(&self, address: &str, file: &Path) -> Option<Arc<Picture>> {
        self.read(address, file)?.ok()
    }

    fn read(&self, address: &str, file: &Path) -> Option<Probed> {
        let stamp = Stamp::of(&fs::metadata(file).ok().filter(fs::Metadata::is_file)?);
        let known = self.known.lock().unwrap_or_else(PoisonError::into_inner).by_file.get(file).cloned();
        let probed = match known {
            Some((seen, probed)) if seen == stamp && probed_address(&probed) == address => probed,
            _ => probe(address, file, self.settings).map(Arc::new),
        };
        let mut known = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        known.by_address.insert(address.to_string(), file.to_path_buf());
        known.by_file.insert(file.to_path_buf(), (stamp, probed.clone()));
        Some(probed)
    }
}

fn probed_address(probed: &Probed) -> &str {
    match probed {
        Ok(picture) => &picture.address,
        Err(problem) => problem.address(),
    }
}

/// Reads the header of the photograph in `file` and hashes its bytes with the
/// settings digest `settings`.
fn probe(address: &str, file: &Path, settings: u64) -> Result<Picture, ImageProblem> {
    let bytes = fs::read(file).map_err(|e| ImageProblem::Unreadable(address.to_string(), e.to_string()))?;
    let format = match image::guess_format(&bytes) {
        Ok(ImageFormat::Jpeg) => Format::Jpeg,
        Ok(ImageFormat::Png) => Format::Png,
        Ok(ImageFormat::WebP) => Format::Webp,
        _ => return Err(ImageProblem::Unsupported(address.to_string())),
    };
    if let Some(missing) = cut_short(&bytes, format) {
        return Err(ImageProblem::Corrupt(address.to_string(), format!("the file ends before its {missing}")));
    }
    let corrupt = |e: image::ImageError| ImageProblem::Corrupt(address.to_string(), e.to_string());
    let mut decoder = reader(&bytes, format).into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooLarge(address.to_string(), width, height));
    }
    let sideways = matches!(
        decoder.orientation().unwrap_or(Orientation::NoTransforms),
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    let (width, height) = if sideways { (height, width) } else { (width, height) };
    let opaque = !decoder.color_type().has_alpha();
    let mut hasher = SipHasher13::new();
    hasher.write(&settings.to_le_bytes());
    hasher.write(&bytes);
    let digest = hasher.finish128().h1;
    Ok(Picture { address: address.to_string(), file: file.to_path_buf(), format, width, height, opaque, digest })
}

/// What a file cut short lacks at its end, if it does: decoders make do with a
/// partial picture (grey below the cut), which must not be published as a whole one.
fn cut_short(bytes: &[u8], format: Format) -> Option<&'static str> {
    let complete = match format {
        // The last end-of-image marker comes after the first start of scan (a
        // thumbnail's, in the EXIF segment, comes before it).
        Format::Jpeg => {
            let last = |marker: [u8; 2]| bytes.windows(2).rposition(|w| w == marker);
            let first_scan = bytes.windows(2).position(|w| w == [0xff, 0xda]);
            matches!((first_scan, last([0xff, 0xd9])), (Some(scan), Some(end)) if end > scan)
        }
        Format::Png => bytes.len() >= 12 && bytes[bytes.len() - 12..].windows(4).any(|w| w == b"IEND"),
        // RIFF gives the length of what follows its first eight bytes.
        Format::Webp => bytes
            .get(4..8)
            .and_then(|b| b.try_into().ok())
            .is_some_and(|b: [u8; 4]| u64::from(u32::from_le_bytes(b)) + 8 <= bytes.len() as u64),
    };
    (!complete).then_some(match format {
        Format::Jpeg => "end-of-image marker",
        Format::Png => "IEND chunk",
        Format::Webp => "declared length",
    })
}

/// A reader of `bytes` in `format` that refuses more than [`MAX_PIXELS`].
pub(super) fn reader(bytes: &[u8], format: Format) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::Webp => ImageFormat::WebP,
        },
    );
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(60_000);
    limits.max_image_height = Some(60_000);
    reader.limits(limits);
    reader
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_that_would_leave_its_folder_names_no_file() {
        let pictures = Pictures::new(Path::new("/site"), &ImagesConfig::default());
        let folder = Some(("/articles/port/", Path::new("content/articles/2025-port")));
        assert_eq!(pictures.file_of("/photos/a.jpg", None), Some(PathBuf::from("/site/static/photos/a.jpg")));
        assert_eq!(
            pictures.file_of("/articles/port/quai.jpg", folder),
            Some(PathBuf::from("/site/content/articles/2025-port/quai.jpg"))
        );
        for address in ["/../secret.jpg", "/photos/%2e%2e/%2e%2e/x.jpg", "/a//b.jpg"] {
            assert_eq!(pictures.file_of(address, None), None, "{address}");
        }
        assert_eq!(pictures.file_of("/articles/port/../../../x.jpg", folder), None);
        assert_eq!(pictures.file_of("https://cdn.example/a.jpg", None), None, "another site's");
    }
}

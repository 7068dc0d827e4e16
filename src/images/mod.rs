//! Photographs as a news page needs them: measured, upright, light, credited.
//!
//! An editor names one image file; readers need it at the width of their screen,
//! in a modern format, without the layout jumping while it loads, and without the
//! camera's metadata (a photo's GPS position can endanger a source); networks and
//! search engines need crops of set proportions. So every JPEG, PNG or WebP file a
//! page shows, from the site's `static/` folder or an article's folder, is a
//! [`Picture`]: [`probe`] reads its header (size, orientation) and hashes its bytes
//! while the model is built, which is all a page needs to name every version of it
//! ([`variants`]); [`process`] then decodes it once, turns it upright, converts it to
//! sRGB, resizes and encodes each version, keeping them in a [`cache`] outside the
//! output, and [`publish()`] puts them among the build's static files. SVG drawings
//! and GIF animations pass through as they are.

pub mod cache;
pub mod probe;
pub mod process;
pub mod publish;
pub mod variants;

use std::path::PathBuf;

use crate::front_matter::Image;

pub use cache::ImageCache;
pub use probe::{ImageProblem, Pictures};
pub use publish::publish;
pub use variants::{Crop, Variant};

/// The extensions of raster images that link previews show.
const RASTER: [&str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

/// Whether `src` names a raster image (`/a/photo.JPG?v=2`), by its extension.
pub fn is_raster(src: &str) -> bool {
    extension(src).is_some_and(|ext| RASTER.iter().any(|r| r.eq_ignore_ascii_case(ext)))
}

/// The extension of the file an address names, without its query and fragment.
fn extension(src: &str) -> Option<&str> {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, ext)| ext)
}

/// Whether an address names a file broadsheet resizes (JPEG, PNG, WebP), by its
/// extension; its bytes decide in the end.
pub fn is_processed(src: &str) -> bool {
    extension(src).is_some_and(|ext| ["jpg", "jpeg", "png", "webp"].iter().any(|r| r.eq_ignore_ascii_case(ext)))
}

/// The picture of an article's link previews and feed entry, when it has one of its
/// own: the 1200×630 crop of its lead photograph, or its lead image as it is when
/// that is a raster image from elsewhere (networks ignore an SVG drawing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// From the site root, or absolute.
    pub address: String,
    /// Width and height, when known.
    pub size: Option<(u32, u32)>,
}

/// The preview picture of an article with lead image `image` (of photograph
/// `picture`, focused on `focus`).
pub fn preview(image: Option<&Image>, picture: Option<&Picture>) -> Option<Preview> {
    let image = image?;
    if let Some(picture) = picture {
        let (crop, _) = picture.crop(Crop::Social, image.focus());
        return Some(Preview { address: crop.address, size: Some((crop.width, crop.height)) });
    }
    is_raster(&image.src).then(|| Preview { address: image.src.to_string(), size: None })
}

/// The encodings broadsheet reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// The extension of the files written in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// The media type, for `<source type>`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// A photograph of the site, as its header and bytes describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Its address from the site root (`/articles/ferry/harbour.jpg`).
    pub address: String,
    /// The file it is read from.
    pub file: PathBuf,
    /// How its bytes are encoded.
    pub format: Format,
    /// Its size once upright (a portrait shot stored sideways is taller than wide).
    pub width: u32,
    pub height: u32,
    /// Whether it has no transparent pixel to keep (crops are then JPEG).
    pub opaque: bool,
    /// A digest of its bytes and of the settings it is processed with: its versions'
    /// names change with it, so that no browser or CDN keeps an old one.
    pub digest: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raster_images_are_known_by_their_extension_whatever_the_query() {
        for src in ["/a.png", "/b/photo.JPG", "https://cdn.example/x.webp?w=1200#top", "/c.jpeg", "/d.gif"] {
            assert!(is_raster(src), "{src}");
        }
        for src in ["/map.svg", "/png", "/dir.png/file", "https://x.org/image?f=.png", "/a.avif"] {
            assert!(!is_raster(src), "{src}");
        }
    }

    #[test]
    fn gif_and_svg_pass_through_while_photographs_are_processed() {
        assert!(is_processed("/a/b.JPG") && is_processed("c.webp") && is_processed("d.png"));
        assert!(!is_processed("/anim.gif") && !is_processed("/map.svg") && !is_processed("/x.jpg/y"));
    }
}

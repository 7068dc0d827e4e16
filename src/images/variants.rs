//! The versions of a photograph: which widths and formats it is offered in, which
//! crops link previews and search engines get, and the address of each.
//!
//! Everything here follows from the picture's header, its digest and the settings,
//! so pages name every version before any is encoded. A version's file sits beside
//! the photograph's own address, named after it with the digest and its size
//! (`harbour.3f9a1c2e5b7d4a10.800.webp`): a new photograph under the same name gets
//! new addresses, so no cache anywhere shows the old one.

use std::hash::Hasher;

use siphasher::sip128::{Hasher128, SipHasher13};

use super::{Format, Picture};
use crate::diagnostics::floor_char_boundary;
use crate::output_path::MAX_SEGMENT_BYTES;

/// One encoded version of a photograph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Its address from the site root.
    pub address: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// The proportions photographs are cropped to: link previews' 1200×630 and the three
/// that search engines' article guidelines ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Crop {
    /// 1.91:1, for `og:image` and `twitter:image`.
    Social,
    /// 16:9.
    Wide,
    /// 4:3.
    Standard,
    /// 1:1.
    Square,
}

/// The widest a crop is made: what the guidelines ask for, and enough for any preview.
const CROP_WIDTH: u32 = 1200;

impl Crop {
    /// The crops of structured data, widest first.
    pub const STRUCTURED: [Crop; 3] = [Crop::Wide, Crop::Standard, Crop::Square];

    /// Width to height.
    fn ratio(self) -> (u32, u32) {
        match self {
            Crop::Social => (1200, 630),
            Crop::Wide => (16, 9),
            Crop::Standard => (4, 3),
            Crop::Square => (1, 1),
        }
    }
}

/// The part of an upright photograph a crop keeps, in its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Picture {
    /// The widths it is offered at: the configured ones below its own, and its own
    /// when it is not wider than the widest (a photograph is never enlarged).
    pub fn widths(&self, configured: &[u32]) -> Vec<u32> {
        let mut widths: Vec<u32> = configured.iter().copied().filter(|&w| w < self.width).collect();
        if configured.iter().max().is_none_or(|&widest| self.width <= widest) {
            widths.push(self.width);
        }
        widths
    }

    /// The formats it is offered in: WebP, and its own for browsers without WebP.
    pub fn formats(&self) -> Vec<Format> {
        if self.format == Format::Webp { vec![Format::Webp] } else { vec![Format::Webp, self.format] }
    }

    /// Every resized version, by format then width.
    pub fn variants(&self, configured: &[u32]) -> Vec<Variant> {
        let widths = self.widths(configured);
        self.formats().into_iter().flat_map(|f| widths.iter().map(move |&w| self.variant(w, f))).collect()
    }

    /// The version `<img src>` names: its own format at the largest width offered.
    pub fn fallback(&self, configured: &[u32]) -> Variant {
        let width = self.widths(configured).last().copied().unwrap_or(self.width);
        self.variant(width, self.format)
    }

    /// The version `width` pixels wide in `format`.
    pub fn variant(&self, width: u32, format: Format) -> Variant {
        let height = scaled(self.height, width, self.width);
        let name = format!("{:016x}.{width}.{}", self.digest, format.extension());
        Variant { address: self.beside(&name), width, height, format }
    }

    /// `srcset` of the versions in `format`, their addresses under `base_path`.
    pub fn srcset(&self, configured: &[u32], format: Format, base_path: &str) -> String {
        let widths = self.widths(configured);
        let each = widths.iter().map(|&w| format!("{base_path}{} {w}w", self.variant(w, format).address));
        each.collect::<Vec<_>>().join(", ")
    }

    /// The crop `crop` around `focus` (fractions of the width and height; the centre
    /// when `None`): its version and the region of the photograph it keeps.
    pub fn crop(&self, crop: Crop, focus: Option<[f64; 2]>) -> (Variant, Region) {
        let (rw, rh) = crop.ratio();
        let region = region(self.width, self.height, (rw, rh), focus.unwrap_or([0.5, 0.5]));
        let width = region.width.min(CROP_WIDTH);
        let height = scaled(rh, width, rw).max(1);
        let format = if self.opaque { Format::Jpeg } else { Format::Png };
        let mut hasher = SipHasher13::new();
        hasher.write(&self.digest.to_le_bytes());
        for n in [region.x, region.y, region.width, region.height, width, height] {
            hasher.write(&n.to_le_bytes());
        }
        let name = format!("{:016x}.{width}x{height}.{}", hasher.finish128().h1, format.extension());
        (Variant { address: self.beside(&name), width, height, format }, region)
    }

    /// `name` added to the photograph's own name, in its folder; the name is
    /// shortened so that the version's stays within what file systems allow (its
    /// digest keeps it apart from others).
    fn beside(&self, name: &str) -> String {
        let (folder, file) = self.address.rsplit_once('/').unwrap_or(("", &self.address));
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let stem = shortened(stem, MAX_SEGMENT_BYTES.saturating_sub(name.len() + 1));
        format!("{folder}/{stem}.{name}")
    }
}

/// The beginning of `name` that fits in `max` bytes, cut between characters and
/// outside a `%XX` escape.
fn shortened(name: &str, max: usize) -> &str {
    let mut end = floor_char_boundary(name, name.len().min(max));
    while name[..end].rfind('%').is_some_and(|at| at + 3 > end) {
        end = floor_char_boundary(name, end - 1);
    }
    &name[..end]
}

/// `length` scaled by `to / from`, rounded.
fn scaled(length: u32, to: u32, from: u32) -> u32 {
    ((u64::from(length) * u64::from(to) + u64::from(from) / 2) / u64::from(from.max(1))) as u32
}

/// The largest region of a `width`×`height` picture with proportions `ratio`,
/// centred on `focus` as far as the edges allow.
fn region(width: u32, height: u32, (rw, rh): (u32, u32), focus: [f64; 2]) -> Region {
    let (w, h) = if u64::from(width) * u64::from(rh) > u64::from(height) * u64::from(rw) {
        (scaled(height, rw, rh).max(1), height)
    } else {
        (width, scaled(width, rh, rw).max(1))
    };
    let start = |size: u32, kept: u32, at: f64| {
        let centre = (f64::from(size) * at.clamp(0.0, 1.0)).round() as i64;
        (centre - i64::from(kept) / 2).clamp(0, i64::from(size - kept)) as u32
    };
    Region { x: start(width, w, focus[0]), y: start(height, h, focus[1]), width: w, height: h }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn picture(width: u32, height: u32, format: Format) -> Picture {
        Picture {
            address: "/articles/ferry/harbour.jpg".into(),
            file: PathBuf::from("harbour.jpg"),
            format,
            width,
            height,
            opaque: true,
            digest: 0xabc,
        }
    }

    #[test]
    fn a_photograph_is_never_enlarged_and_offered_at_its_own_width_when_narrower_than_the_widest() {
        let widths = [480, 800, 1200, 1600];
        assert_eq!(picture(4000, 3000, Format::Jpeg).widths(&widths), vec![480, 800, 1200, 1600]);
        assert_eq!(picture(1000, 750, Format::Jpeg).widths(&widths), vec![480, 800, 1000]);
        assert_eq!(picture(300, 200, Format::Jpeg).widths(&widths), vec![300]);
        assert_eq!(picture(1600, 900, Format::Jpeg).widths(&widths), vec![480, 800, 1200, 1600]);
    }

    #[test]
    fn versions_sit_beside_the_photograph_named_by_digest_and_width() {
        let p = picture(1000, 750, Format::Jpeg);
        let v = p.variant(800, Format::Webp);
        assert_eq!(v.address, "/articles/ferry/harbour.0000000000000abc.800.webp");
        assert_eq!((v.width, v.height), (800, 600));
        assert_eq!(p.fallback(&[480, 800]).address, "/articles/ferry/harbour.0000000000000abc.800.jpg");
        assert_eq!(
            p.srcset(&[480, 800], Format::Webp, "/news"),
            "/news/articles/ferry/harbour.0000000000000abc.480.webp 480w, \
             /news/articles/ferry/harbour.0000000000000abc.800.webp 800w"
        );
        assert_eq!(picture(1000, 750, Format::Webp).formats(), vec![Format::Webp]);
    }

    #[test]
    fn a_version_of_a_photograph_with_a_very_long_name_still_fits_a_file_name() {
        let long = Picture { address: format!("/photos/{}.jpg", "港".repeat(80)), ..picture(1000, 750, Format::Jpeg) };
        for version in [long.variant(800, Format::Webp), long.crop(Crop::Social, None).0] {
            let name = version.address.rsplit('/').next().unwrap();
            assert!(name.len() <= MAX_SEGMENT_BYTES, "{} bytes", name.len());
            assert!(name.starts_with("港港") && name.ends_with(".webp") || name.ends_with(".jpg"), "{name}");
        }
        let escaped = format!("{}%C3%A9", "a".repeat(300));
        assert_eq!(shortened(&escaped, 301), "a".repeat(300), "an escape is never cut");
    }

    #[test]
    fn crops_keep_the_focal_point_in_view_within_the_edges() {
        let p = picture(4000, 3000, Format::Jpeg);
        let (v, r) = p.crop(Crop::Square, Some([0.9, 0.5]));
        assert_eq!((r.width, r.height, r.x, r.y), (3000, 3000, 1000, 0));
        assert_eq!((v.width, v.height), (1200, 1200));
        let (v, r) = p.crop(Crop::Social, None);
        assert_eq!((r.width, r.height), (4000, 2100));
        assert_eq!((r.x, r.y), (0, 450));
        assert_eq!((v.width, v.height), (1200, 630));
        let (v, _) = picture(800, 600, Format::Jpeg).crop(Crop::Wide, None);
        assert_eq!((v.width, v.height), (800, 450), "a small photograph is cropped, not enlarged");
    }

    #[test]
    fn a_crop_changes_address_with_its_focal_point() {
        let p = picture(4000, 3000, Format::Jpeg);
        assert_ne!(p.crop(Crop::Square, Some([0.1, 0.5])).0.address, p.crop(Crop::Square, None).0.address);
        assert_eq!(p.crop(Crop::Square, None).0.address, p.crop(Crop::Square, Some([0.5, 0.5])).0.address);
    }
}

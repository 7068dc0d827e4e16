//! `[images]`: the site's images beside those of its articles. `default` is the
//! picture link previews show for a page without a raster image of its own (the
//! front page, a list, an article illustrated by an SVG or not at all): it must be a
//! raster image among the site's files, since networks ignore SVG. `widths` are the
//! sizes photographs are resized to (never above their own) and `quality` the
//! encoders' setting, for WebP and JPEG alike.

use std::path::Path;

use serde::Deserialize;

use super::keys::key_location;
use super::{ConfigError, Localized};
use crate::diagnostics::{Diagnostic, Location};
use crate::images::is_raster;
use crate::links::{self, Link, LinkKind};

/// `[images]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct ImagesConfig {
    /// The image of link previews when a page has none; default: none.
    #[serde(default)]
    pub default: Option<SiteImage>,
    /// The widths, in pixels, a photograph is offered at, narrowest first once the
    /// settings are read; default: 480, 800, 1200, 1600.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// Encoding quality of WebP and JPEG, 1 to 100; default: 80.
    #[serde(default = "default_quality")]
    pub quality: u8,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig { default: None, widths: default_widths(), quality: default_quality() }
    }
}

fn default_widths() -> Vec<u32> {
    vec![480, 800, 1200, 1600]
}

fn default_quality() -> u8 {
    80
}

/// The narrowest and widest widths `[images] widths` accepts.
const WIDTHS: std::ops::RangeInclusive<u32> = 16..=8192;

/// An image named in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct SiteImage {
    /// Root-relative path or absolute URL.
    pub src: Link,
    /// Alternative text: one for every language, or one per language code.
    pub alt: Localized,
    /// Where `src` is written in `site.toml`, for the check that the file exists.
    #[serde(skip)]
    pub at: Option<Location>,
}

impl ImagesConfig {
    /// What is wrong with these settings, read from `text` (the file at `path`).
    pub(super) fn problems(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = self.processing_problems(text, path);
        problems.extend(self.default_image_problems(text, path));
        problems
    }

    /// What is wrong with `widths` and `quality`.
    fn processing_problems(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.widths.is_empty() || self.widths.iter().any(|w| !WIDTHS.contains(w)) {
            problems.push(
                Diagnostic::new(key_location(text, path, "widths"), ConfigError::BadWidths(self.widths.clone()))
                    .with_hint(format!(
                        "give one or more widths in pixels between {} and {}, such as [480, 800, 1200, 1600]",
                        WIDTHS.start(),
                        WIDTHS.end()
                    )),
            );
        }
        if !(1..=100).contains(&self.quality) {
            problems.push(
                Diagnostic::new(key_location(text, path, "quality"), ConfigError::BadQuality(self.quality))
                    .with_hint("give a quality from 1 to 100; 80 keeps photographs sharp at a quarter of the size"),
            );
        }
        problems
    }

    /// What is wrong with the default image of link previews.
    fn default_image_problems(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let Some(image) = &self.default else {
            return Vec::new();
        };
        let at = |image: &SiteImage| Location::at_offset(path, text, image.src.span().start, 1);
        let refused = links::refused([("images default src", &image.src, LinkKind::Resource)], |_| at(image));
        if !refused.is_empty() {
            return refused;
        }
        if crate::resources::is_relative(&image.src) {
            // A relative address has no absolute form: no page could name it in its previews.
            return vec![
                Diagnostic::new(at(image), ConfigError::RelativeDefaultImage(image.src.to_string()))
                    .with_hint(format!("write it from the site root, as /{} for static/{}", image.src, image.src)),
            ];
        }
        if is_raster(&image.src) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(at(image), ConfigError::NotRaster(image.src.to_string()))
                .with_hint("use a PNG, JPEG, WebP or GIF file (1200×630 suits most networks): they ignore SVG"),
        ]
    }

    /// These settings with the location of each image in `text` (the file at `path`),
    /// and the widths narrowest first, each once.
    pub(super) fn located(mut self, text: &str, path: &Path) -> Self {
        self.widths.sort_unstable();
        self.widths.dedup();
        if let Some(image) = &mut self.default {
            image.at = Some(Location::at_offset(path, text, image.src.span().start, 1));
        }
        self
    }
}

//! `[images]`: the site's images beside those of its articles. `default` is the
//! picture link previews show for a page without a raster image of its own (the
//! front page, a list, an article illustrated by an SVG or not at all): it must be a
//! raster image among the site's files, since networks ignore SVG.

use std::path::Path;

use serde::Deserialize;

use super::{ConfigError, Localized};
use crate::diagnostics::{Diagnostic, Location};
use crate::images::is_raster;
use crate::links::{self, Link, LinkKind};

/// `[images]` in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImagesConfig {
    /// The image of link previews when a page has none; default: none.
    #[serde(default)]
    pub default: Option<SiteImage>,
}

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

    /// These settings with the location of each image in `text` (the file at `path`).
    pub(super) fn located(mut self, text: &str, path: &Path) -> Self {
        if let Some(image) = &mut self.default {
            image.at = Some(Location::at_offset(path, text, image.src.span().start, 1));
        }
        self
    }
}

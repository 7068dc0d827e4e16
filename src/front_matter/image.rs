//! The lead image of an article: `image = { src, alt, caption, credit, credit_url,
//! focus }` in its front matter.
//!
//! News licences ask for the photographer or agency to be named wherever a picture
//! is shown, so an image carries its caption and credit with it. Serde reads the
//! table; [`Image::problems`] then checks what serde cannot, each at its line and
//! column: `alt` must be written (an empty `alt = ""` says on purpose that the image
//! is decorative), `credit_url` goes with a `credit`, and the focal point (where a
//! later crop should keep the subject) is two fractions of the width and height.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Kind, Problem};
use crate::links::Link;
use crate::markdown::OUTSIDE_HINT;
use crate::resources;

/// An image with its alternative text, caption and credit.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Image {
    /// Root-relative path or absolute URL.
    pub src: Link,
    /// Alternative text: required, `""` for a decorative image (read it with
    /// [`Image::alt`] once [`Image::problems`] found nothing).
    #[serde(default)]
    pub alt: Option<String>,
    /// What the image shows, in the article's language.
    #[serde(default)]
    pub caption: Option<String>,
    /// Who made it or holds its rights: a photographer, an agency.
    #[serde(default)]
    pub credit: Option<String>,
    /// The credit's page (an absolute http(s) address).
    #[serde(default)]
    pub credit_url: Option<Link>,
    /// The point crops keep in view, `[x, y]` as fractions of the width and height
    /// from the top left corner.
    #[serde(default)]
    pub focus: Option<Spanned<Vec<f64>>>,
}

/// What can be wrong with a lead image beyond its types.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImageError {
    /// No `alt` key.
    #[error("image \"{0}\" has no `alt` key")]
    MissingAlt(String),
    /// A `credit_url` without the `credit` it links.
    #[error("image \"{0}\" has a credit_url but no credit")]
    CreditUrlWithoutCredit(String),
    /// A focal point that is not two fractions between 0 and 1.
    #[error("image focus {0:?} is not two numbers between 0 and 1")]
    BadFocus(Vec<f64>),
}

impl Problem for ImageError {
    fn kind(&self) -> Kind {
        match self {
            ImageError::MissingAlt(_) => Kind::MissingAlt,
            ImageError::CreditUrlWithoutCredit(_) | ImageError::BadFocus(_) => Kind::InvalidValue,
        }
    }
}

impl Image {
    /// The alternative text; empty for a decorative image.
    pub fn alt(&self) -> &str {
        self.alt.as_deref().unwrap_or("")
    }

    /// The focal point, `[x, y]` in fractions, when one is given.
    pub fn focus(&self) -> Option<[f64; 2]> {
        match self.focus.as_ref()?.get_ref().as_slice() {
            &[x, y] => Some([x, y]),
            _ => None,
        }
    }

    /// Takes a relative `src`, written in a file of the article folder whose
    /// resources are published under `base`, from that folder; a `src` that would
    /// leave it is an error at its place in the front matter `front_matter` of `path`.
    pub fn resolve_resource(&mut self, base: &str, path: &Path, front_matter: &str) -> Result<(), Diagnostic> {
        match resources::resolve(base, &self.src) {
            Ok(Some(resolved)) => self.src = self.src.with_address(resolved),
            Ok(None) => {}
            Err(e) => {
                let at = super::location(path, front_matter, self.src.span().start);
                return Err(Diagnostic::new(at, e).with_hint(OUTSIDE_HINT));
            }
        }
        Ok(())
    }

    /// What is wrong with this image of the front matter `front_matter` of the file at
    /// `path`, each located at the value concerned.
    pub fn problems(&self, path: &Path, front_matter: &str) -> Vec<Diagnostic> {
        let at = |offset: usize| super::location(path, front_matter, offset);
        let src = self.src.to_string();
        let mut problems = Vec::new();
        if self.alt.is_none() {
            problems.push(Diagnostic::new(at(self.src.span().start), ImageError::MissingAlt(src.clone())).with_hint(
                "add alt = \"what the image shows\" to the image, for readers who cannot see it, or alt = \"\" \
                 if it is only decorative",
            ));
        }
        if let (Some(url), None) = (&self.credit_url, &self.credit) {
            problems.push(
                Diagnostic::new(at(url.span().start), ImageError::CreditUrlWithoutCredit(src))
                    .with_hint("add credit = \"the photographer or agency\", which the address links"),
            );
        }
        if let Some(focus) = &self.focus {
            let fractions = focus.get_ref();
            if fractions.len() != 2 || !fractions.iter().all(|f| (0.0..=1.0).contains(f)) {
                problems.push(
                    Diagnostic::new(at(focus.span().start), ImageError::BadFocus(fractions.clone())).with_hint(
                        "write focus = [x, y], fractions of the width and height from the top left corner, such as \
                         [0.5, 0.3]",
                    ),
                );
            }
        }
        problems
    }
}

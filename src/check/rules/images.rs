//! Images an editor should look at again: without alternative text, which readers
//! who cannot see them miss, or with a relative address, which browsers resolve from
//! the page's own address (`/articles/x/map.svg`) rather than the site's root.
//! Whether an image exists is the build's own rule ([`targets`](crate::targets)).
//! And articles without any image: no lead image, and no site image to stand in,
//! so that link previews and structured data show none.

use std::path::Path;

use crate::config::table_location;
use crate::diagnostics::Location;
use crate::references::Reference;
use crate::resources;
use crate::structured_data;

use super::super::report::Finding;
use super::{Inputs, Problem};

/// The findings on every image of the site's articles, pages and home texts, and on
/// the articles that have none at all.
pub(super) fn findings(inputs: &Inputs) -> Vec<Finding> {
    let site = inputs.site;
    let homes = (0..site.language_count()).map(|lang| &site.home_text(lang).references);
    let references = site.articles().map(|a| &a.references).chain(site.pages().map(|p| &p.references)).chain(homes);
    let mut out: Vec<Finding> =
        references.flatten().flat_map(|(at, reference)| image_findings(at, reference)).collect();
    out.extend(without_any_image(inputs));
    out
}

/// One finding, at `[images]` in site.toml, on the articles whose structured data
/// names no image ([`structured_data::names_an_image`]): no lead image, and neither a
/// default image nor a publisher's logo to stand in, so that search engines and
/// social networks show them without a picture.
fn without_any_image(inputs: &Inputs) -> Option<Finding> {
    let site = inputs.site;
    let count = site.articles().filter(|a| !structured_data::names_an_image(site, a)).count();
    if count == 0 {
        return None;
    }
    let hint = "name an image of static/ for every page without one: under [images], \
                default = { src = \"/logo.png\", alt = \"…\" }; or give each article a lead image";
    let at = table_location(inputs.settings, Path::new("site.toml"), "images", "default");
    Some(Problem::NoImage(count).at(at, hint))
}

/// The findings on one reference, when it is an image.
fn image_findings(at: &Location, reference: &Reference) -> Vec<Finding> {
    let Some(alt) = &reference.alt else {
        return Vec::new();
    };
    let src = &reference.dest;
    let mut out = Vec::new();
    if alt.trim().is_empty() && !reference.decorative {
        let hint = "describe what the image shows, for readers who cannot see it";
        out.push(Problem::MissingAlt(src.clone()).at(at.clone(), hint));
    }
    if resources::is_relative(src) {
        let hint = format!("write the address from the site root, as /{src} for static/{src}");
        out.push(Problem::RelativeImage(src.clone()).at(at.clone(), hint));
    }
    out
}

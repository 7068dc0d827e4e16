//! Images an editor should look at again: without alternative text, which readers
//! who cannot see them miss, or with a relative address, which browsers resolve from
//! the page's own address (`/articles/x/map.svg`) rather than the site's root.
//! Whether an image exists is the build's own rule ([`targets`](crate::targets)).

use crate::diagnostics::Location;
use crate::model::Site;
use crate::references::Reference;
use crate::resources;

use super::super::report::Finding;
use super::Problem;

/// The findings on every image of the site's articles, pages and home texts.
pub(super) fn findings(site: &Site) -> Vec<Finding> {
    let homes = (0..site.language_count()).map(|lang| &site.home_text(lang).references);
    let references = site.articles().map(|a| &a.references).chain(site.pages().map(|p| &p.references)).chain(homes);
    references.flatten().flat_map(|(at, reference)| image_findings(at, reference)).collect()
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

//! Where the root-relative links and images an editor writes lead: a build fails on
//! a link to no page of the site and on an image that is not among its files, as
//! it fails on an `@/` link to no content file, since either would publish a broken
//! page.
//!
//! The model lists the root-relative links and the images of every article, page
//! and home text ([`references`](crate::references)), located in their files, and
//! site.toml names the default image of link previews; [`check`] looks each one
//! up among the outputs of the build (the route table and the static files of the
//! site and its theme). A link is looked up as a web server would: its query and
//! fragment set aside, percent-escapes decoded, `/x/` as `x/index.html` and `/x` as
//! the file `x` or the folder `x/`. An image must be a file. Addresses on other sites
//! and relative ones are not looked up (`check` reports relative images). `build`,
//! `serve` and `check` run this one rule, so they report the same problems, with the
//! same messages.

use std::collections::{BTreeMap, HashSet};

use percent_encoding::percent_decode_str;

use crate::config::is_root_relative;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::model::Site;
use crate::references::Reference;
use crate::routes::{RouteEntry, scheme};
use crate::suggest;
use crate::theme::FileSource;

/// A root-relative address that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetProblem {
    /// A link to no page or file of the site.
    #[error("link \"{0}\" leads to no page of the site")]
    DeadLink(String),
    /// An image that is not among the static files.
    #[error("image \"{0}\" is not among the static files of the site or its theme")]
    MissingImage(String),
    /// A relative image of an article folder that is not among its files.
    #[error("image \"{0}\" is not a file of the article's folder")]
    MissingResource(String),
}

impl Problem for TargetProblem {
    fn kind(&self) -> Kind {
        match self {
            TargetProblem::DeadLink(_) => Kind::DeadLink,
            TargetProblem::MissingImage(_) | TargetProblem::MissingResource(_) => Kind::MissingImage,
        }
    }
}

/// Fails with every root-relative link and image of `site` that leads to none of the
/// outputs of `table` and `statics` (output path → source).
pub fn check(site: &Site, table: &[RouteEntry], statics: &BTreeMap<String, FileSource>) -> Result<(), Diagnostics> {
    Diagnostics(problems(site, table, statics)).into_result(())
}

/// Every root-relative link and image of `site` that leads to none of the outputs of
/// `table` and `statics`.
pub fn problems(site: &Site, table: &[RouteEntry], statics: &BTreeMap<String, FileSource>) -> Vec<Diagnostic> {
    let syntax_css = scheme::syntax_css().file;
    let outputs: HashSet<&str> = table
        .iter()
        .map(|e| e.output.as_str())
        .chain(statics.keys().map(String::as_str))
        .chain([syntax_css.as_str()])
        .collect();
    let default_image = site.config().images.default.as_ref().and_then(|image| {
        let reference =
            Reference { dest: image.src.to_string(), alt: Some(String::new()), decorative: false, resource: None };
        Some((image.at.clone()?, reference))
    });
    let from_content = site.references().filter_map(|(at, reference)| problem(at, reference, &outputs));
    let from_settings = default_image.and_then(|(at, reference)| problem(&at, &reference, &outputs));
    from_content.chain(from_settings).collect()
}

/// The problem of `reference`, written at `at`, if it leads to none of `outputs`.
fn problem(at: &Location, reference: &Reference, outputs: &HashSet<&str>) -> Option<Diagnostic> {
    if !is_root_relative(&reference.dest) {
        return None;
    }
    let path = site_path(&reference.dest);
    let is_image = reference.alt.is_some();
    let found = if is_image { outputs.contains(path.as_str()) } else { leads_to_page(&path, outputs) };
    if found {
        return None;
    }
    let dest = reference.dest.clone();
    let (problem, fix) = if let Some(written) = &reference.resource {
        let fix = format!("put {written} in the article's folder, beside its index.md, or correct the address");
        return Some(Diagnostic::new(at.clone(), TargetProblem::MissingResource(written.clone())).with_hint(fix));
    } else if is_image {
        (TargetProblem::MissingImage(dest), format!("put the file at static/{path}, or correct the address"))
    } else {
        (TargetProblem::DeadLink(dest), LINK_FIX.to_string())
    };
    let addresses = addresses(outputs, is_image);
    let hint = suggest::hint(&format!("/{path}"), addresses.iter().map(String::as_str), &fix);
    Some(Diagnostic::new(at.clone(), problem).with_hint(hint))
}

/// What to do about a dead link.
const LINK_FIX: &str =
    "correct the address; a link to an article written @/articles/<file>.md follows it wherever it moves";

/// The output path a root-relative address asks for: without its leading `/`, its
/// query and fragment, percent-escapes decoded (`/caf%C3%A9/?a#b` → `café/`).
pub(crate) fn site_path(dest: &str) -> String {
    let path = dest.split(['?', '#']).next().unwrap_or(dest);
    percent_decode_str(path.trim_start_matches('/')).decode_utf8_lossy().into_owned()
}

/// Whether a server would answer `path` with one of `outputs`: `x/` and `` with
/// their `index.html`, `x` with the file or with the folder's `index.html`.
fn leads_to_page(path: &str, outputs: &HashSet<&str>) -> bool {
    if path.is_empty() || path.ends_with('/') {
        outputs.contains(format!("{path}index.html").as_str())
    } else {
        outputs.contains(path) || outputs.contains(format!("{path}/index.html").as_str())
    }
}

/// The addresses of `outputs` as an editor writes them (`/articles/x/` for
/// `articles/x/index.html`), for suggestions: pages for a link, files for an image.
fn addresses(outputs: &HashSet<&str>, files: bool) -> Vec<String> {
    let mut out: Vec<String> = outputs
        .iter()
        .map(|o| match o.strip_suffix("index.html") {
            Some(folder) if !files => format!("/{folder}"),
            _ => format!("/{o}"),
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs() -> HashSet<&'static str> {
        ["index.html", "articles/a/index.html", "about/index.html", "feed.xml", "maps/café.svg"].into()
    }

    fn found(dest: &str, alt: Option<&str>) -> Option<Diagnostic> {
        let reference =
            Reference { dest: dest.to_string(), alt: alt.map(str::to_string), decorative: false, resource: None };
        problem(&Location::at("content/a.md", 3, 5), &reference, &outputs())
    }

    #[test]
    fn links_are_looked_up_as_a_server_answers_them() {
        for dest in ["/", "/articles/a/", "/articles/a", "/articles/a/#part", "/about/?x=1", "/feed.xml"] {
            assert_eq!(found(dest, None), None, "{dest}");
        }
        for dest in ["https://x.org/nowhere/", "rel/nowhere/", "#top", "mailto:a@b.org"] {
            assert_eq!(found(dest, None), None, "{dest} is not root-relative");
        }
    }

    #[test]
    fn a_link_to_nothing_is_a_dead_link_with_the_address_meant() {
        let d = found("/articles/b/", None).unwrap();
        assert_eq!((d.kind, d.location.to_string()), (Kind::DeadLink, "content/a.md:3:5".to_string()));
        assert_eq!(d.message, "link \"/articles/b/\" leads to no page of the site");
        assert_eq!(d.hint.as_deref(), Some(format!("did you mean \"/articles/a/\"? If not, {LINK_FIX}").as_str()));
    }

    #[test]
    fn an_image_must_be_a_file_its_address_decoded() {
        assert_eq!(found("/maps/caf%C3%A9.svg?v=2", Some("A map")), None);
        let d = found("/maps/cafe.svg", Some("")).unwrap();
        assert_eq!(d.kind, Kind::MissingImage);
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "did you mean \"/maps/café.svg\"? If not, put the file at static/maps/cafe.svg, or correct the address"
            )
        );
        assert!(found("/about", Some("")).is_some(), "a folder is no image");
    }
}

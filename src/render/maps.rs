//! The maps of region pages, as templates receive them: on `/regions/`, the world
//! with each region that is a country linked to its page and shaded by its articles,
//! and the regions that are not countries, to list beside it (`region_map`); on a
//! country's page (its first page), a locator map (`locator_map_html`).
//! [`world_map`] draws them; this module names them in the page's language. A map
//! is drawn only when some template of the theme names it, so that a theme without
//! maps costs nothing.

use serde::Serialize;

use crate::world_map::{self, Mark};

use super::Renderer;
use super::views::TermValue;

/// Which maps the theme's templates show.
#[derive(Debug, Clone, Copy)]
pub(super) struct MapsShown {
    region_map: bool,
    locator_map: bool,
}

impl MapsShown {
    /// The maps named by any of `templates` (their text).
    pub(super) fn new<'t>(templates: impl Iterator<Item = &'t str> + Clone) -> MapsShown {
        let named = |variable: &str| templates.clone().any(|text| text.contains(variable));
        MapsShown { region_map: named("region_map"), locator_map: named("locator_map_html") }
    }
}

/// The world map of a language's regions, as templates receive it.
#[derive(Serialize)]
pub(super) struct RegionMap<'a> {
    /// The map, an `<svg>` element.
    svg_html: String,
    /// The regions that are not countries, in the order of the list.
    others: Vec<&'a TermValue<'a>>,
    /// The most articles a country on the map has: the darkest shade.
    most: usize,
}

impl Renderer<'_> {
    /// The world map of language `lang`'s regions `terms` (those with articles in
    /// it), when the theme shows it: each country among them a link, in their order.
    pub(super) fn region_map<'a>(&self, lang: usize, terms: &'a [TermValue<'a>]) -> Option<RegionMap<'a>> {
        if !self.maps.region_map {
            return None;
        }
        let most = terms.iter().filter(|t| t.country.is_some()).map(|t| t.count).max().unwrap_or(0);
        let labels: Vec<String> = terms.iter().map(|t| self.count_label(lang, t.name, t.count)).collect();
        let marks: Vec<Mark> = terms
            .iter()
            .zip(&labels)
            .filter_map(|(t, label)| {
                let code = t.country?;
                Some(Mark { code, href: &t.permalink, label, shade: world_map::shade(t.count, most) })
            })
            .collect();
        Some(RegionMap {
            svg_html: world_map::world(self.string(lang, "region_map"), &marks),
            others: terms.iter().filter(|t| t.country.is_none()).collect(),
            most,
        })
    }

    /// The locator map of a region that is a country, when the theme shows it.
    pub(super) fn locator_map(&self, lang: usize, term: &TermValue) -> Option<String> {
        let code = term.country.filter(|_| self.maps.locator_map)?;
        world_map::locator(&self.string(lang, "locator_map").replace("{name}", term.name), code)
    }

    /// "Japan: 3 articles", in the page's language.
    fn count_label(&self, lang: usize, name: &str, count: usize) -> String {
        let counted = self.languages[lang].counting.count("articles_count", u64::try_from(count).unwrap_or(u64::MAX));
        format!("{name}{}{counted}", self.string(lang, "colon"))
    }
}

//! The map drawn as inline SVG, with no script and nothing fetched.
//!
//! [`world`] draws every country in one path (`map-land`), and over it each marked
//! country as a link to its page, shaded by [`shade`] (`map-shade-1` to
//! `map-shade-5`) and named by its label for screen readers and as a tooltip.
//! [`locator`] draws the countries around one, that one marked (`map-here`). A
//! country too small to see or to click at this scale gets a dot as well
//! (`map-dot`). The SVG carries classes, never colours: the theme's stylesheet
//! paints them, in light and in dark mode. Labels are escaped where they land.

use std::fmt::Write as _;

use super::{Country, DATA, Frame, MAP};
use crate::xml::escape_into;

/// How many shades a country with articles can take.
pub const SHADES: u32 = 5;
/// A country narrower and shorter than this (map units) also gets a dot.
const DOT_BELOW: i32 = 8;
/// The radius of that dot, in map units.
const DOT_RADIUS: i32 = 6;
/// A locator map is this much wider and taller than the country it frames.
const LOCATOR_ROOM: (i32, i32) = (8, 5);
/// A locator map's width over its height.
const LOCATOR_SHAPE: (i32, i32) = (8, 5);
/// The narrowest a locator map is, in map units: a small country is shown with its
/// neighbours.
const LOCATOR_MIN_WIDTH: i32 = 160;

/// A country drawn as a link.
#[derive(Debug, Clone)]
pub struct Mark<'a> {
    /// Its code on the map.
    pub code: &'a str,
    /// The page it links to.
    pub href: &'a str,
    /// Its name and count, for screen readers and as a tooltip.
    pub label: &'a str,
    /// 1 to `SHADES`, from [`shade`].
    pub shade: u32,
}

/// The shade of a country with `count` articles when the most any has is `most`:
/// 1 to `SHADES`, evenly on a logarithmic scale from 1 article to `most` (news
/// piles up on a few countries: a linear scale would leave all the others pale).
/// It is `1 + ⌊4 · ln count / ln most⌋`, computed in whole numbers (`count⁴ ≥
/// mostᵏ`) so that it is the same on every machine.
pub fn shade(count: usize, most: usize) -> u32 {
    let power = |n: usize, k: u32| u128::try_from(n).unwrap_or(u128::MAX).saturating_pow(k);
    (0..SHADES).rev().find(|&k| power(count, SHADES - 1) >= power(most, k)).unwrap_or(0) + 1
}

/// The world, each of `marks` drawn as a link over the others, in their order (the
/// order of keyboard focus); `label` names the whole map.
pub fn world(label: &str, marks: &[Mark]) -> String {
    let marked: Vec<(&Country, &Mark)> = marks.iter().filter_map(|m| Some((MAP.country(m.code)?, m))).collect();
    let is_marked = |c: &Country| marked.iter().any(|(m, _)| std::ptr::eq(*m, c));
    let mut out = String::with_capacity(DATA.len() + 512 * marks.len());
    let whole = Frame { left: 0, top: 0, right: MAP.width, bottom: MAP.height };
    open(&mut out, "world-map", &whole, "group", label);
    land(&mut out, MAP.countries.iter().filter(|c| !is_marked(c)));
    for (country, mark) in marked {
        out.push_str("<a href=\"");
        escape_into(&mut out, mark.href);
        out.push_str("\" aria-label=\"");
        escape_into(&mut out, mark.label);
        out.push_str("\"><title>");
        escape_into(&mut out, mark.label);
        out.push_str("</title>");
        shape(&mut out, country, &format!("map-shade-{}", mark.shade));
        out.push_str("</a>");
    }
    out.push_str("</svg>");
    out
}

/// A small map around the country `code`, marked, named by `label`; None when
/// `code` is not on the map.
pub fn locator(label: &str, code: &str) -> Option<String> {
    let country = MAP.country(code)?;
    let view = locator_view(&country.focus);
    let mut out = String::with_capacity(8 * 1024);
    open(&mut out, "locator-map", &view, "img", label);
    land(&mut out, MAP.countries.iter().filter(|c| !std::ptr::eq(*c, country) && c.bounds.overlaps(&view)));
    shape(&mut out, country, "map-here");
    out.push_str("</svg>");
    Some(out)
}

/// The opening `<svg>` of a map showing `view`.
fn open(out: &mut String, class: &str, view: &Frame, role: &str, label: &str) {
    let (x, y, w, h) = (view.left, view.top, view.width(), view.height());
    let _ = write!(out, "<svg class=\"{class}\" viewBox=\"{x} {y} {w} {h}\" role=\"{role}\" aria-label=\"");
    escape_into(out, label);
    out.push_str("\">");
}

/// `countries` as one unmarked path, hidden from screen readers.
fn land<'c>(out: &mut String, countries: impl Iterator<Item = &'c Country>) {
    out.push_str("<path class=\"map-land\" aria-hidden=\"true\" d=\"");
    countries.for_each(|c| out.push_str(c.path));
    out.push_str("\"/>");
}

/// One country in `class`, with a dot when it is too small to see.
fn shape(out: &mut String, country: &Country, class: &str) {
    if !country.path.is_empty() {
        let _ = write!(out, "<path class=\"{class}\" d=\"{}\"/>", country.path);
    }
    let b = &country.bounds;
    if b.width() < DOT_BELOW && b.height() < DOT_BELOW {
        let (cx, cy) = ((b.left + b.right) / 2, (b.top + b.bottom) / 2);
        let _ = write!(out, "<circle class=\"map-dot {class}\" cx=\"{cx}\" cy=\"{cy}\" r=\"{DOT_RADIUS}\"/>");
    }
}

/// What a locator map shows of the world: `focus` with room around it, at
/// least [`LOCATOR_MIN_WIDTH`] wide, kept on the map.
fn locator_view(focus: &Frame) -> Frame {
    let times = |n: i32, (by, over): (i32, i32)| n * by / over;
    let wanted = times(focus.width(), LOCATOR_ROOM).max(times(times(focus.height(), LOCATOR_ROOM), LOCATOR_SHAPE));
    let width = wanted.clamp(LOCATOR_MIN_WIDTH, MAP.width);
    let height = (width * LOCATOR_SHAPE.1 / LOCATOR_SHAPE.0).min(MAP.height);
    let left = ((focus.left + focus.right - width) / 2).clamp(0, MAP.width - width);
    let top = ((focus.top + focus.bottom - height) / 2).clamp(0, MAP.height - height);
    Frame { left, top, right: left + width, bottom: top + height }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_rise_on_a_logarithmic_scale_to_the_most() {
        let shades: Vec<u32> = [1, 2, 3, 10, 31, 32, 100, 1000].iter().map(|&n| shade(n, 1000)).collect();
        assert_eq!(shades, [1, 1, 1, 2, 2, 3, 3, 5]);
        assert_eq!(shade(1, 1), SHADES, "alone at the top");
        assert_eq!(shade(2, 3), 3);
        assert_eq!(shade(usize::MAX, usize::MAX), SHADES);
    }

    #[test]
    fn the_world_links_each_mark_with_its_label_escaped() {
        let mark = Mark { code: "jp", href: "/regions/jp/", label: "Japon \"<3>\" : 2 articles", shade: 4 };
        let svg = world("Carte", &[mark, Mark { code: "eu", href: "/regions/eu/", label: "UE", shade: 1 }]);
        assert!(
            svg.starts_with("<svg class=\"world-map\" viewBox=\"0 0 1000 487\" role=\"group\" aria-label=\"Carte\">")
        );
        assert!(svg.contains("<a href=\"/regions/jp/\" aria-label=\"Japon &quot;&lt;3&gt;&quot; : 2 articles\">"));
        assert!(svg.contains("<title>Japon &quot;&lt;3&gt;&quot; : 2 articles</title><path class=\"map-shade-4\""));
        assert_eq!(svg.matches("<a ").count(), 1, "eu is not on the map");
        assert_eq!(svg.matches(MAP.country("jp").unwrap().path).count(), 1, "drawn once, as the link");
    }

    #[test]
    fn a_tiny_country_gets_a_dot() {
        let svg = world("", &[Mark { code: "sg", href: "/", label: "", shade: 2 }]);
        assert!(svg.contains("<circle class=\"map-dot map-shade-2\""));
        let svg = world("", &[Mark { code: "br", href: "/", label: "", shade: 2 }]);
        assert!(!svg.contains("<circle"));
    }

    #[test]
    fn a_locator_frames_its_country_with_neighbours_inside_the_map() {
        let svg = locator("Japon", "jp").unwrap();
        assert!(svg.contains("role=\"img\" aria-label=\"Japon\""));
        assert!(svg.contains("<path class=\"map-here\""));
        assert!(svg.len() < 16 * 1024, "{} bytes", svg.len());
        assert!(!svg.contains(MAP.country("br").unwrap().path), "Brazil is not near Japan");
        for code in ["ru", "fj", "aq", "sg", "nz", "us"] {
            let view = locator_view(&MAP.country(code).unwrap().focus);
            assert!(view.left >= 0 && view.right <= MAP.width && view.top >= 0 && view.bottom <= MAP.height, "{code}");
            assert!(view.width() >= LOCATOR_MIN_WIDTH, "{code}");
        }
        assert_eq!(locator("", "eu"), None);
    }
}

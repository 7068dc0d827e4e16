//! The world map that region pages draw, so that readers see where the news is.
//!
//! A region whose key is a country's ISO 3166-1 alpha-2 code (`jp`, `fr`) is on the
//! map; others (`eu`, `world`) are not. The map is Natural Earth's countries at
//! 1:110m, projected, simplified and rounded once by `scripts/world-map.py` into
//! `countries.tsv` beside this file (its origin and licence are in `README.md`),
//! compiled into the binary and read the first time a page draws it: a build never
//! fetches anything, and a site that draws no map never reads it. `svg` draws the
//! world with each region's country shaded by its articles, and one country's
//! locator map.

mod svg;

use std::sync::LazyLock;

pub use svg::{Mark, locator, shade, world};

/// The map: one line a country, `code name left top right bottom path`.
const DATA: &str = include_str!("countries.tsv");

/// The map, read once.
static MAP: LazyLock<Map> = LazyLock::new(|| Map::parse(DATA));

/// A box on the map, in map units (whole numbers, `y` downwards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
}

impl Frame {
    fn point(x: i32, y: i32) -> Frame {
        Frame { left: x, top: y, right: x, bottom: y }
    }

    fn include(self, x: i32, y: i32) -> Frame {
        Frame { left: self.left.min(x), top: self.top.min(y), right: self.right.max(x), bottom: self.bottom.max(y) }
    }

    fn overlaps(&self, other: &Frame) -> bool {
        self.left <= other.right && other.left <= self.right && self.top <= other.bottom && other.top <= self.bottom
    }

    fn width(&self) -> i32 {
        self.right - self.left
    }

    fn height(&self) -> i32 {
        self.bottom - self.top
    }
}

/// One country (or territory) of the map.
#[derive(Debug)]
struct Country {
    /// Lower-case ISO 3166-1 alpha-2 code; `-` for a territory without one.
    code: &'static str,
    /// What a locator map frames: the country's larger parts.
    focus: Frame,
    /// The box around all of it.
    bounds: Frame,
    /// SVG path data; empty for a country too small to draw at this scale.
    path: &'static str,
}

/// The whole map.
#[derive(Debug)]
struct Map {
    width: i32,
    height: i32,
    countries: Vec<Country>,
}

impl Map {
    /// Reads the map's data; a line it cannot read is left out (a unit test checks
    /// there is none).
    fn parse(data: &'static str) -> Map {
        let size = data.lines().find_map(|l| l.strip_prefix("# width ")).and_then(|l| l.split_once(" height "));
        let number = |text: &str| text.trim().parse::<i32>().ok();
        let (width, height) = size.and_then(|(w, h)| Some((number(w)?, number(h)?))).unwrap_or((1000, 487));
        let countries = data.lines().filter(|l| !l.starts_with('#')).filter_map(parse_country).collect();
        Map { width, height, countries }
    }

    fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code && code != "-")
    }
}

/// Whether `code` is a country on the map (a lower-case ISO 3166-1 alpha-2 code).
pub fn is_country(code: &str) -> bool {
    MAP.country(code).is_some()
}

fn parse_country(line: &'static str) -> Option<Country> {
    let mut fields = line.split('\t');
    let (code, _name, focus, path) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    let corners: Vec<i32> = focus.split(' ').map(str::parse).collect::<Result<_, _>>().ok()?;
    let &[left, top, right, bottom] = corners.as_slice() else { return None };
    let focus = Frame { left, top, right, bottom };
    let bounds = if path.is_empty() { focus } else { path_bounds(path)? };
    Some(Country { code, focus, bounds, path })
}

/// The box around path data made of `M x y`, `l dx dy …` and `z`, as the map's are.
fn path_bounds(path: &str) -> Option<Frame> {
    let mut frame: Option<Frame> = None;
    for ring in path.split('M').filter(|r| !r.is_empty()) {
        let (start, steps) = ring.strip_suffix('z')?.split_once('l')?;
        let start = numbers(start)?;
        let &[mut x, mut y] = start.as_slice() else { return None };
        let mut ring_frame = frame.map_or(Frame::point(x, y), |f| f.include(x, y));
        let steps = numbers(steps)?;
        for step in steps.chunks_exact(2) {
            (x, y) = (x + step[0], y + step[1]);
            ring_frame = ring_frame.include(x, y);
        }
        frame = Some(ring_frame);
    }
    frame
}

/// The numbers of SVG path data written as the map's are: separated by a space, or
/// by the minus sign of the next one.
fn numbers(text: &str) -> Option<Vec<i32>> {
    text.replace('-', " -").split_whitespace().map(|n| n.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_data_is_a_country_read_whole() {
        let lines = DATA.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(MAP.countries.len(), lines);
        assert!(lines > 230, "the 1:110m countries and the small ones as points");
        assert_eq!((MAP.width, MAP.height), (1000, 487));
        for c in &MAP.countries {
            assert!(c.bounds.left >= 0 && c.bounds.right <= MAP.width, "{}: {:?}", c.code, c.bounds);
            assert!(c.bounds.top >= 0 && c.bounds.bottom <= MAP.height, "{}: {:?}", c.code, c.bounds);
        }
    }

    #[test]
    fn countries_are_found_by_their_lower_case_iso_code() {
        for code in ["fr", "no", "jp", "us", "sg", "qa", "vu", "xk"] {
            assert!(is_country(code), "{code}");
        }
        for key in ["eu", "world", "FR", "-", ""] {
            assert!(!is_country(key), "{key}");
        }
    }

    #[test]
    fn a_locator_frames_a_country_without_its_far_territories() {
        let france = MAP.country("fr").unwrap();
        assert!(france.bounds.width() > 3 * france.focus.width(), "French Guiana is drawn, not framed");
        assert!(france.focus.overlaps(&MAP.country("de").unwrap().bounds));
    }

    #[test]
    fn path_bounds_follow_relative_steps() {
        assert_eq!(path_bounds("M10 20l5-3-2 9zM1 2l1 1z"), Some(Frame { left: 1, top: 2, right: 15, bottom: 26 }));
        assert_eq!(path_bounds("M10 20"), None);
    }
}

//! Which images a page offers to social networks and search engines.
//!
//! Link previews (`og:image`, `twitter:image`) are drawn from raster images only:
//! networks ignore an SVG. The format is read from the address's extension, the only
//! thing known of a remote image without fetching it.

/// The extensions of raster images that link previews show.
const RASTER: [&str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

/// Whether `src` names a raster image (`/a/photo.JPG?v=2`), by its extension.
pub fn is_raster(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(_, ext)| RASTER.iter().any(|r| r.eq_ignore_ascii_case(ext)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raster_images_are_known_by_their_extension_whatever_the_query() {
        for src in ["/a.png", "/b/photo.JPG", "https://cdn.example/x.webp?w=1200#top", "/c.jpeg", "/d.gif"] {
            assert!(is_raster(src), "{src}");
        }
        for src in ["/map.svg", "/png", "/dir.png/file", "https://x.org/image?f=.png", "/a.avif"] {
            assert!(!is_raster(src), "{src}");
        }
    }
}

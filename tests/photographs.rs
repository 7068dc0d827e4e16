//! Photographs processed once: every JPEG, PNG or WebP file a page shows is
//! published at each `[images] widths` below its own, in WebP and in its own
//! format, upright and without its metadata; pages name the versions in `srcset`
//! with `width` and `height`; link previews get a 1200×630 crop around the focal
//! point and structured data three proportions with their sizes; a rebuild with
//! unchanged photographs encodes nothing; a photograph that cannot be decoded, a
//! file that is not one, or a header declaring billions of pixels fails the build
//! where the page names it, leaving the previous output untouched. Built from the
//! `news` fixture with a folder article written into it; in Chromium, the sample's
//! photographed article loads a version that fits the screen and nothing moves.

mod common;

use std::fs;

use common::browser::Browser;
use common::static_host::serve_folder;
use common::{Site, assert_build_fails, graph_object, json_ld, modification_times, photo_jpeg, read_tree};

const FOLDER: &str = "content/articles/2025-03-05-port";
const INDEX: &str = "content/articles/2025-03-05-port/index.md";
const CACHE: &str = ".broadsheet-cache/images";

/// A folder article with `lead` and no other image.
fn lead_only(lead: &str) -> String {
    format!("+++\ntitle = \"Le port rouvre\"\ndate = 2025-03-05T08:00:00Z\n{lead}\n+++\nTexte.\n")
}

/// A folder article with a lead photograph `port.jpg` and a body photograph.
fn article(lead: &str) -> String {
    format!(
        "+++\ntitle = \"Le port rouvre\"\ndate = 2025-03-05T08:00:00Z\n{lead}\n+++\nTexte.\n\n\
         ![Un quai](quai.jpg \"Le quai nord\")\n\nSuite.\n"
    )
}

const LEAD: &str = "image = { src = \"port.jpg\", alt = \"Des grues\", caption = \"Le port\", credit = \"Agence\", focus = [0.25, 0.5] }";

/// The `news` fixture with widths small enough for quick tests, and the article.
fn with_photographs() -> Site {
    let site = Site::fixture("news");
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config + "\n[images]\nwidths = [320, 640]\nquality = 75\n");
    site.write(INDEX, article(LEAD));
    site.write(&format!("{FOLDER}/port.jpg"), photo_jpeg(1600, 1200));
    site.write(&format!("{FOLDER}/quai.jpg"), photo_jpeg(500, 300));
    site
}

fn page(site: &Site) -> String {
    site.output("articles/port/index.html")
}

/// The value of attribute `name` in the first tag of `html` that contains `marker`.
fn attribute(html: &str, marker: &str, name: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} in page"));
    let start = html[..at].rfind('<').unwrap();
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    let key = format!(" {name}=\"");
    let from = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    tag[from..from + tag[from..].find('"').unwrap()].to_string()
}

/// The output files of the article's folder whose names start with `stem.`.
fn versions(site: &Site, stem: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.public().join("articles/port"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{stem}.")))
        .collect();
    names.sort();
    names
}

fn size_of(site: &Site, name: &str) -> (u32, u32) {
    image::image_dimensions(site.public().join("articles/port").join(name)).unwrap()
}

#[test]
fn photographs_are_offered_at_each_width_below_their_own_in_webp_and_their_own_format_never_enlarged() {
    let site = with_photographs();
    site.build(&[]);
    let quai = versions(&site, "quai");
    let widths: Vec<(String, (u32, u32))> = quai
        .iter()
        .filter(|n| n.ends_with(".webp") || n.matches('.').count() == 3)
        .map(|n| (n.clone(), size_of(&site, n)))
        .collect();
    let sizes: Vec<(u32, u32)> = widths.iter().map(|(_, s)| *s).collect();
    assert!(sizes.contains(&(320, 192)) && sizes.contains(&(500, 300)), "320 and its own 500: {widths:?}");
    assert!(!sizes.iter().any(|(w, _)| *w > 500), "never enlarged to 640: {widths:?}");
    assert!(quai.iter().any(|n| n.ends_with(".320.webp")) && quai.iter().any(|n| n.ends_with(".500.jpg")), "{quai:?}");
    assert_eq!(size_of(&site, "quai.jpg"), (500, 300), "its own address serves its largest version");
}

#[test]
fn body_photographs_name_their_versions_with_a_size_and_load_lazily_while_the_lead_loads_first() {
    let site = with_photographs();
    site.build(&[]);
    let html = page(&site);
    let body = &html[html.find("Le quai nord").unwrap() - 900..];
    assert_eq!(attribute(body, "alt=\"Un quai\"", "width"), "500");
    assert_eq!(attribute(body, "alt=\"Un quai\"", "height"), "300");
    assert_eq!(attribute(body, "alt=\"Un quai\"", "loading"), "lazy");
    let webp = attribute(body, "type=\"image/webp\"", "srcset");
    assert!(webp.contains(".320.webp 320w") && webp.contains(".500.webp 500w"), "{webp}");
    let lead = &html[html.find("<figure class=\"lead-image\">").unwrap()..];
    assert_eq!(attribute(lead, "alt=\"Des grues\"", "width"), "640");
    assert_eq!(attribute(lead, "alt=\"Des grues\"", "height"), "480");
    assert_eq!(attribute(lead, "alt=\"Des grues\"", "fetchpriority"), "high");
    assert!(!lead[..lead.find("</figure>").unwrap()].contains("loading=\"lazy\""), "the lead image loads first");
    assert!(attribute(lead, "alt=\"Des grues\"", "srcset").contains(".640.jpg 640w"));
}

#[test]
fn link_previews_get_a_1200x630_crop_and_structured_data_three_proportions_with_their_sizes() {
    let site = with_photographs();
    site.build(&[]);
    let html = page(&site);
    let og = attribute(&html, "property=\"og:image\"", "content");
    assert!(og.ends_with(".1200x630.jpg"), "{og}");
    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(html.contains("<meta property=\"og:image:height\" content=\"630\">"));
    let name = og.rsplit('/').next().unwrap();
    assert_eq!(size_of(&site, name), (1200, 630));
    let ld = json_ld(&html);
    let images = graph_object(&ld, "NewsArticle")["image"].as_array().unwrap().clone();
    let sizes: Vec<(u64, u64)> =
        images.iter().map(|i| (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap())).collect();
    assert_eq!(sizes, [(1200, 675), (1200, 900), (1200, 1200)]);
    for image in &images {
        assert_eq!(image["creditText"], "Agence");
        assert_eq!(image["caption"], "Le port");
        let file = image["url"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        let (w, h) = size_of(&site, &file);
        assert_eq!((u64::from(w), u64::from(h)), (image["width"].as_u64().unwrap(), image["height"].as_u64().unwrap()));
    }
}

#[test]
fn a_crop_keeps_the_focal_point_so_moving_it_makes_another_crop() {
    let site = with_photographs();
    site.build(&[]);
    let before = attribute(&page(&site), "property=\"og:image\"", "content");
    common::replace_in(&site, INDEX, "focus = [0.25, 0.5]", "focus = [0.9, 0.1]");
    site.build(&[]);
    let after = attribute(&page(&site), "property=\"og:image\"", "content");
    assert_ne!(before, after, "a new focal point, a new crop");
}

/// A JPEG `jpeg` with an EXIF segment saying it is stored turned 90° and carrying
/// a description `secret` (as a camera writes its owner, place and GPS position).
fn with_exif(jpeg: &[u8], secret: &str) -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    // ImageDescription (ASCII), its text after the directory.
    tiff.extend_from_slice(&[0x0e, 0x01, 2, 0]);
    tiff.extend_from_slice(&(secret.len() as u32 + 1).to_le_bytes());
    tiff.extend_from_slice(&38u32.to_le_bytes());
    // Orientation 6: the camera was turned 90° clockwise.
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(secret.as_bytes());
    tiff.push(0);
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&(segment.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_photograph_is_turned_upright_and_published_without_its_metadata() {
    let site = with_photographs();
    let secret = "GPS 48.8566N 2.3522E source's home";
    site.write(&format!("{FOLDER}/quai.jpg"), with_exif(&photo_jpeg(500, 300), secret));
    site.build(&[]);
    assert_eq!(size_of(&site, "quai.jpg"), (300, 500), "stored sideways, published upright");
    let html = page(&site);
    let body = &html[html.find("Le quai nord").unwrap() - 900..];
    assert_eq!(
        (attribute(body, "alt=\"Un quai\"", "width"), attribute(body, "alt=\"Un quai\"", "height")),
        ("300".into(), "500".into())
    );
    for (name, bytes) in read_tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("GPS 48.8566N"), "{name} carries the original's metadata");
        if name.starts_with("articles/port/quai") {
            assert!(!bytes.windows(6).any(|w| w == b"Exif\0\0"), "{name} has an EXIF segment");
        }
    }
}

/// An ICC profile (version 2.1, display, RGB) with sRGB's primaries but red and
/// green exchanged, and a gamma of 2.2: what it calls red is sRGB's green.
fn profile_with_red_and_green_exchanged() -> Vec<u8> {
    let fixed = |v: f64| ((v * 65536.0).round() as i32).to_be_bytes();
    let xyz = |[x, y, z]: [f64; 3]| [b"XYZ \0\0\0\0".as_slice(), &fixed(x), &fixed(y), &fixed(z)].concat();
    let gamma = [b"curv\0\0\0\0".as_slice(), &1u32.to_be_bytes(), &563u16.to_be_bytes(), &[0, 0]].concat();
    let d50 = [0.9642, 1.0, 0.8249];
    let (red, green, blue) = ([0.4361, 0.2225, 0.0139], [0.3851, 0.7169, 0.0971], [0.1431, 0.0606, 0.7141]);
    let tags: [(&[u8; 4], Vec<u8>); 7] = [
        (b"wtpt", xyz(d50)),
        (b"rXYZ", xyz(green)),
        (b"gXYZ", xyz(red)),
        (b"bXYZ", xyz(blue)),
        (b"rTRC", gamma.clone()),
        (b"gTRC", gamma.clone()),
        (b"bTRC", gamma),
    ];
    let mut offset = 128 + 4 + 12 * tags.len();
    let (mut table, mut data) = ((tags.len() as u32).to_be_bytes().to_vec(), Vec::new());
    for (signature, body) in tags {
        table.extend(
            [signature.as_slice(), &(offset as u32).to_be_bytes(), &(body.len() as u32).to_be_bytes()].concat(),
        );
        offset += body.len();
        data.extend(body);
    }
    let mut header = vec![0u8; 128];
    header[..4].copy_from_slice(&(offset as u32).to_be_bytes());
    header[8..12].copy_from_slice(&[2, 0x10, 0, 0]);
    header[12..24].copy_from_slice(b"mntrRGB XYZ ");
    header[36..40].copy_from_slice(b"acsp");
    header[68..80].copy_from_slice(&xyz(d50)[8..]);
    [header, table, data].concat()
}

/// `jpeg` with ICC profile `profile` in an APP2 segment.
fn with_icc(jpeg: &[u8], profile: &[u8]) -> Vec<u8> {
    let payload = [b"ICC_PROFILE\0\x01\x01".as_slice(), profile].concat();
    let length = u16::try_from(payload.len() + 2).unwrap().to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE2], &length, &payload, &jpeg[2..]].concat()
}

#[test]
fn a_photograph_in_another_colour_space_is_published_in_srgb() {
    let site = with_photographs();
    let reddish = image::RgbImage::from_pixel(500, 300, image::Rgb([200, 40, 40]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95).encode_image(&reddish).unwrap();
    site.write(&format!("{FOLDER}/quai.jpg"), with_icc(&jpeg, &profile_with_red_and_green_exchanged()));
    site.build(&[]);
    let names = versions(&site, "quai");
    assert!(names.len() > 1, "{names:?}");
    for name in names {
        let published = image::open(site.public().join("articles/port").join(&name)).unwrap().to_rgb8();
        let [r, g, _] = published.get_pixel(published.width() / 2, published.height() / 2).0;
        assert!(
            i32::from(g) > i32::from(r) + 80,
            "{name}: the profile's red is sRGB's green, but the middle is {:?}",
            [r, g]
        );
    }
}

#[test]
fn a_rebuild_with_unchanged_photographs_decodes_and_encodes_nothing() {
    let site = with_photographs();
    site.build(&[]);
    let cache = site.root().join(CACHE);
    let made = modification_times(&cache);
    assert!(made.len() >= 10, "versions kept in the cache: {made:?}");
    common::replace_in(&site, INDEX, "Suite.", "Suite, corrigée.");
    fs::remove_dir_all(site.public()).unwrap();
    site.build(&[]);
    assert_eq!(modification_times(&cache), made, "no version made again");
    assert!(page(&site).contains("corrigée"));
    assert_eq!(size_of(&site, "quai.jpg"), (500, 300), "published from the cache");
}

#[test]
fn two_builds_of_the_same_photographs_are_byte_identical() {
    let site = with_photographs();
    site.build(&[]);
    let first = read_tree(&site.public());
    fs::remove_dir_all(site.root().join(CACHE)).unwrap();
    fs::remove_dir_all(site.public()).unwrap();
    site.build(&[]);
    assert!(read_tree(&site.public()) == first, "the encoders gave other bytes");
}

#[test]
fn a_truncated_photograph_fails_the_build_where_the_page_names_it() {
    let jpeg = photo_jpeg(400, 300);
    let stderr = assert_build_fails(
        |site| {
            site.write(INDEX, lead_only(LEAD));
            site.write(&format!("{FOLDER}/port.jpg"), &jpeg[..jpeg.len() / 2]);
        },
        &["error[bad-image]", "2025-03-05-port/index.md:4:", "port.jpg", "end-of-image marker", "export it again"],
    );
    assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
}

#[test]
fn a_file_that_is_not_a_photograph_is_refused_whatever_its_extension() {
    assert_build_fails(
        |site| {
            site.write(INDEX, lead_only(LEAD));
            site.write(&format!("{FOLDER}/port.jpg"), "<html>a page saved as .jpg</html>");
        },
        &["error[bad-image]", "index.md:4:", "is not a JPEG, PNG or WebP file"],
    );
}

/// The bytes of a PNG of a few hundred bytes whose header declares
/// `width`×`height` pixels.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], header), (b"IDAT", vec![0x78, 0x9c, 0x03, 0x00]), (b"IEND", Vec::new())] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(&data);
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

/// CRC-32 (IEEE), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_decompression_bomb_is_refused_before_any_pixel_is_allocated() {
    assert_build_fails(
        |site| {
            site.write(INDEX, lead_only(&LEAD.replace("port.jpg", "bomb.png")));
            site.write(&format!("{FOLDER}/bomb.png"), png_declaring(50_000, 50_000));
        },
        &["error[bad-image]", "index.md:4:", "declares 50000×50000 pixels", "resize it"],
    );
}

#[test]
fn gif_animations_and_svg_drawings_pass_through_as_they_are() {
    let site = with_photographs();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    site.write(&format!("{FOLDER}/carte.svg"), svg);
    site.write(&format!("{FOLDER}/anim.gif"), b"GIF89a not decoded");
    common::replace_in(&site, INDEX, "Suite.", "![La carte](carte.svg)\n\n![Anim](anim.gif)");
    site.build(&[]);
    assert_eq!(site.output("articles/port/carte.svg"), svg);
    assert_eq!(fs::read(site.public().join("articles/port/anim.gif")).unwrap(), b"GIF89a not decoded");
    assert_eq!(
        (versions(&site, "carte"), versions(&site, "anim")),
        (vec!["carte.svg".into()], vec!["anim.gif".into()])
    );
}

/// The page's cumulative layout shift once everything is loaded, and the version a
/// copy of the lead photograph's `<picture>` chooses, in Chromium at `size` (a copy
/// made once the viewport is set: a browser keeps a larger version it already has).
fn lead_version_and_layout_shift(url: &str, size: (u32, u32)) -> (String, f64) {
    let mut browser = Browser::open_sized(url, size);
    let loaded = "String(document.readyState == 'complete' && !!document.querySelector('.lead-image img')?.complete)";
    browser.wait_for(loaded, "true");
    let observe = "window.__shift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => { \
        if (!e.hadRecentInput) window.__shift += e.value; })).observe({type: 'layout-shift', buffered: true}); \
        setTimeout(() => window.__observed = true, 800); 'ok'";
    browser.eval(observe);
    browser.wait_for("String(window.__observed === true)", "true");
    let shift: f64 = browser.eval("String(window.__shift)").parse().unwrap();
    browser.eval("const p = document.querySelector('.lead-image picture'); p.replaceWith(p.cloneNode(true)); 'ok'");
    browser.wait_for(loaded, "true");
    (browser.eval("document.querySelector('.lead-image img').currentSrc"), shift)
}

#[test]
fn in_chromium_a_phone_and_a_laptop_load_a_version_that_fits_not_the_largest_and_nothing_moves() {
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let url = format!("{}/articles/hubble-35-ans/", serve_folder(&site.public()));
    // The photograph is 1000 pixels wide: versions of 480, 800 and 1000.
    for (size, wanted) in [((390, 844), ".480.webp"), ((1366, 900), ".800.webp")] {
        let (chosen, shift) = lead_version_and_layout_shift(&url, size);
        assert!(chosen.ends_with(wanted), "{size:?}: {chosen}");
        assert_eq!(shift, 0.0, "{size:?}: the layout shifted by {shift}");
    }
}

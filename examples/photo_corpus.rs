//! Writes camera-size photographs and two sites that publish them, one for broadsheet and
//! one for Hugo, so that benches/images.sh can time the image processing of both on the
//! same files from the repository alone (no photograph is downloaded).
//!
//! ```text
//! cargo run --release --example photo_corpus -- --photos 500 --out DIR [--seed 1]
//!     [--pool DIR/photos] [--force]
//! ```
//!
//! The photographs are JPEGs at quality 90 as a camera writes them: seven in ten
//! 4000×3000, one in ten 6000×4000, one in ten 3000×4000 and one in ten 4000×3000 pixels
//! carrying the EXIF orientation 6 (a portrait taken with the phone turned, shown
//! 3000×4000). Each is a scene drawn from seeded noise, not flat colours, which would
//! make every encoder unrealistically fast: a sky with clouds over a ridge, textured
//! ground, buildings and trees with soft edges, light falling off to the corners, and
//! film grain. Photograph `i` depends only on the seed and `i`, so the first 100 of 500
//! are the 100 of a smaller corpus: the pool folder keeps them, and a photograph already
//! in the pool is not drawn again (the sites hard-link it).
//!
//! `DIR/broadsheet` is a site of article folders, `content/articles/<date>-photo-<i>/`
//! with `index.md` and `photo.jpg` as its lead image; `DIR/hugo` is the same articles as
//! page bundles with the layouts of benches/hugo-images/, which resize the bundle's
//! photograph the way broadsheet does. DIR must be missing or empty, or, with --force, a
//! folder this program wrote before (it is then replaced; the pool is kept).

use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};
use rayon::prelude::*;

/// The file that marks a folder as written by this program, so that --force replaces
/// nothing else.
const MARKER: &str = ".photo-corpus";
/// The Hugo layouts the Hugo site is built with.
const HUGO_SINGLE: &str = include_str!("../benches/hugo-images/layouts/_default/single.html");
const HUGO_HOME: &str = include_str!("../benches/hugo-images/layouts/index.html");
const HUGO_CONFIG: &str = include_str!("../benches/hugo-images/hugo.toml");
/// broadsheet's settings: a minimal English site, with the image settings the Hugo
/// layouts follow (broadsheet's defaults) written out.
const BROADSHEET_CONFIG: &str = "title = \"Photo desk\"
description = \"Generated photographs, for the image benchmark.\"
base_url = \"https://photos.example.org\"
default_language = \"en\"
timezone = \"UTC\"
paginate_by = 20

[languages.en]
name = \"English\"
locale = \"en-US\"

[images]
widths = [480, 800, 1200, 1600]
quality = 80
";

struct Options {
    photos: usize,
    out: PathBuf,
    pool: Option<PathBuf>,
    seed: u64,
    force: bool,
}

fn main() -> Result<()> {
    let options = parse_options()?;
    prepare_out(&options.out, options.force)?;
    let pool = options.pool.clone().unwrap_or_else(|| options.out.join("photos"));
    fs::create_dir_all(&pool).with_context(|| format!("creating {}", pool.display()))?;
    let shots: Vec<Shot> = (0..options.photos).map(|i| Shot::new(options.seed, i)).collect();
    shots.par_iter().try_for_each(|shot| shot.ensure(&pool)).context("drawing the photographs")?;
    write_broadsheet(&options.out.join("broadsheet"), &shots, &pool)?;
    write_hugo(&options.out.join("hugo"), &shots, &pool)?;
    println!("{} photographs in {}", shots.len(), options.out.display());
    Ok(())
}

fn parse_options() -> Result<Options> {
    let mut options = Options { photos: 500, out: PathBuf::new(), pool: None, seed: 1, force: false };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--photos" => options.photos = value()?.parse().context("--photos: a number")?,
            "--out" => options.out = PathBuf::from(value()?),
            "--pool" => options.pool = Some(PathBuf::from(value()?)),
            "--seed" => options.seed = value()?.parse().context("--seed: a number")?,
            "--force" => options.force = true,
            _ => bail!("unknown option {arg} (see the comment at the top of examples/photo_corpus.rs)"),
        }
    }
    if options.out.as_os_str().is_empty() {
        bail!("--out DIR is required");
    }
    Ok(options)
}

/// Empties `out`, which must be missing, empty, or (with `force`) marked as ours.
fn prepare_out(out: &Path, force: bool) -> Result<()> {
    if out.exists() {
        let empty = fs::read_dir(out)?.next().is_none();
        let ours = force && out.join(MARKER).exists();
        if !empty && !ours {
            bail!("{} is not empty (--force replaces a folder this program wrote)", out.display());
        }
        for site in ["broadsheet", "hugo"] {
            let path = out.join(site);
            if path.exists() {
                fs::remove_dir_all(&path).with_context(|| format!("removing {}", path.display()))?;
            }
        }
    }
    fs::create_dir_all(out)?;
    fs::write(out.join(MARKER), "written by examples/photo_corpus.rs\n")?;
    Ok(())
}

// ------------------------------------------------------------------ the sites

fn write_broadsheet(root: &Path, shots: &[Shot], pool: &Path) -> Result<()> {
    write(&root.join("site.toml"), BROADSHEET_CONFIG)?;
    for shot in shots {
        let folder = root.join("content/articles").join(format!("{}-photo-{:04}", shot.date(), shot.index));
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = {date}T12:00:00Z\ndescription = \"{description}\"\n\
             image = {{ src = \"photo.jpg\", alt = \"{alt}\", credit = \"photo_corpus\" }}\n+++\n\n{body}\n",
            title = shot.title(),
            date = shot.date(),
            description = shot.description(),
            alt = shot.alt(),
            body = BODY,
        );
        write(&folder.join("index.md"), &text)?;
        link(&shot.path(pool), &folder.join("photo.jpg"))?;
    }
    Ok(())
}

fn write_hugo(root: &Path, shots: &[Shot], pool: &Path) -> Result<()> {
    write(&root.join("hugo.toml"), HUGO_CONFIG)?;
    write(&root.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(&root.join("layouts/index.html"), HUGO_HOME)?;
    for shot in shots {
        let folder = root.join("content/articles").join(format!("photo-{:04}", shot.index));
        let text = format!(
            "+++\ntitle = \"{title}\"\nslug = \"photo-{index:04}\"\ndate = {date}T12:00:00Z\n\
             description = \"{description}\"\n[params.image]\nalt = \"{alt}\"\ncredit = \"photo_corpus\"\n+++\n\n{body}\n",
            title = shot.title(),
            date = shot.date(),
            description = shot.description(),
            alt = shot.alt(),
            body = BODY,
            index = shot.index,
        );
        write(&folder.join("index.md"), &text)?;
        link(&shot.path(pool), &folder.join("photo.jpg"))?;
    }
    Ok(())
}

const BODY: &str = "The photograph above was drawn for the image benchmark: a sky, a ridge, \
ground, a few buildings and trees, and grain, at the size a camera writes.";

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Hard-links `from` at `to`, or copies it where links cannot be made (another file
/// system).
fn link(from: &Path, to: &Path) -> Result<()> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

// ------------------------------------------------------------ the photographs

/// One photograph of the corpus: its number, size, orientation tag and scene.
struct Shot {
    index: usize,
    seed: u64,
    width: u32,
    height: u32,
    /// The EXIF orientation written in the file (1: none written).
    orientation: u16,
}

impl Shot {
    fn new(seed: u64, index: usize) -> Shot {
        let mut rng = Rng::new(seed, index as u64, 0);
        let (width, height, orientation) = match rng.below(10) {
            0 => (6000, 4000, 1),
            1 => (3000, 4000, 1),
            2 => (4000, 3000, 6),
            _ => (4000, 3000, 1),
        };
        Shot { index, seed, width, height, orientation }
    }

    /// The pool file: its name holds what it depends on.
    fn path(&self, pool: &Path) -> PathBuf {
        pool.join(format!("s{}-{:04}.jpg", self.seed, self.index))
    }

    /// Draws and writes the photograph unless the pool has it; writes to a temporary
    /// name first, so that an interrupted run leaves no half file.
    fn ensure(&self, pool: &Path) -> Result<()> {
        let path = self.path(pool);
        if path.exists() {
            return Ok(());
        }
        let pixels = self.stored(Scene::new(self).draw());
        let partial = path.with_extension("jpg.partial");
        let file = fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
        let mut encoder = JpegEncoder::new_with_quality(BufWriter::new(file), 90);
        if self.orientation != 1 {
            encoder.set_exif_metadata(exif_orientation(self.orientation))?;
        }
        encoder.write_image(&pixels, self.width, self.height, ExtendedColorType::Rgb8)?;
        fs::rename(&partial, &path)?;
        Ok(())
    }

    /// The size the photograph is seen at: width and height swap under orientation 6.
    fn upright(&self) -> (u32, u32) {
        if self.orientation == 6 { (self.height, self.width) } else { (self.width, self.height) }
    }

    /// The pixels as the file stores them, from the upright ones: under orientation 6
    /// (turn a quarter clockwise to show), stored pixel (x, y) is upright pixel
    /// (upright width - 1 - y, x).
    fn stored(&self, upright: Vec<u8>) -> Vec<u8> {
        if self.orientation != 6 {
            return upright;
        }
        let (w, h) = (self.width as usize, self.height as usize);
        let mut stored = Vec::with_capacity(upright.len());
        for y in 0..h {
            for x in 0..w {
                let at = (x * h + (h - 1 - y)) * 3;
                stored.extend_from_slice(&upright[at..at + 3]);
            }
        }
        stored
    }

    /// A day of 2025 per photograph, a new year every 365.
    fn date(&self) -> String {
        let year = 2025 + self.index / 365;
        let day = self.index % 365;
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let (mut month, mut rest) = (0, day);
        while rest >= lengths[month] {
            rest -= lengths[month];
            month += 1;
        }
        format!("{year}-{:02}-{:02}", month + 1, rest + 1)
    }

    fn title(&self) -> String {
        format!("Photograph {}", self.index + 1)
    }

    fn description(&self) -> String {
        let (w, h) = self.upright();
        format!("A generated photograph of {w}×{h} pixels.")
    }

    fn alt(&self) -> String {
        format!("Generated scene {}: a sky over a ridge, buildings and trees", self.index + 1)
    }
}

/// The EXIF block (a TIFF header and one entry) that gives a JPEG orientation `value`.
fn exif_orientation(value: u16) -> Vec<u8> {
    let mut exif = b"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01".to_vec();
    exif.extend_from_slice(&value.to_be_bytes());
    exif.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    exif
}

/// SplitMix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64, stream: u64) -> Rng {
        let mut rng =
            Rng(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ stream.wrapping_mul(0xd1b5_4a32_d192_ed03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in 0..1.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Film grain: the sum of two uniform values in -1..1, peaking at 0.
    fn grain(&mut self) -> f32 {
        let bits = self.next();
        let scale = 1.0 / (1u64 << 24) as f32;
        ((bits >> 40) as f32 + ((bits >> 16) & 0xff_ffff) as f32) * scale - 1.0
    }

    fn range(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.unit()
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Value noise: random values on a grid of `cell`-pixel squares, smoothly interpolated.
struct Noise {
    cell: f32,
    columns: usize,
    values: Vec<f32>,
}

impl Noise {
    fn new(rng: &mut Rng, width: u32, height: u32, cell: f32) -> Noise {
        let columns = (width as f32 / cell) as usize + 2;
        let rows = (height as f32 / cell) as usize + 2;
        let values = (0..columns * rows).map(|_| rng.unit() * 2.0 - 1.0).collect();
        Noise { cell, columns, values }
    }

    /// Adds `amplitude` times the noise along row `y` to `row`.
    fn add_row(&self, y: usize, amplitude: f32, row: &mut [f32]) {
        let fy = y as f32 / self.cell;
        let (top, ty) = (fy as usize, smooth(fy.fract()));
        let upper = &self.values[top * self.columns..(top + 1) * self.columns];
        let lower = &self.values[(top + 1) * self.columns..(top + 2) * self.columns];
        let step = 1.0 / self.cell;
        for (x, value) in row.iter_mut().enumerate() {
            let fx = x as f32 * step;
            let (left, tx) = (fx as usize, smooth(fx.fract()));
            let a = upper[left] + (upper[left + 1] - upper[left]) * tx;
            let b = lower[left] + (lower[left + 1] - lower[left]) * tx;
            *value += amplitude * (a + (b - a) * ty);
        }
    }

    /// The noise at `x` on the first row, for one-dimensional profiles.
    fn at(&self, x: f32) -> f32 {
        let fx = x / self.cell;
        let (left, tx) = (fx as usize, smooth(fx.fract()));
        self.values[left] + (self.values[left + 1] - self.values[left]) * tx
    }
}

fn smooth(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

type Rgb = [f32; 3];

/// A shape standing on the ground: a building (rectangle) or a tree (ellipse).
struct Shape {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    round: bool,
    colour: Rgb,
}

impl Shape {
    /// How much of pixel (x, y) the shape covers, with a soft edge of about two pixels.
    fn coverage(&self, x: f32, y: f32) -> f32 {
        if self.round {
            let (cx, cy) = ((self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0);
            let (rx, ry) = ((self.right - self.left) / 2.0, (self.bottom - self.top) / 2.0);
            let d = (((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2)).sqrt();
            ((1.0 - d) * rx.min(ry) / 2.0).clamp(0.0, 1.0)
        } else {
            let inside = (x - self.left).min(self.right - x).min(y - self.top);
            (inside / 2.0).clamp(0.0, 1.0)
        }
    }
}

/// Everything a photograph is drawn from, chosen once from its seed.
struct Scene {
    width: u32,
    height: u32,
    rng: Rng,
    light: Vec<(Noise, f32)>,
    chroma: [Noise; 2],
    texture: Noise,
    ridge: Noise,
    horizon: f32,
    sky: [Rgb; 2],
    ground: Rgb,
    shapes: Vec<Shape>,
}

impl Scene {
    fn new(shot: &Shot) -> Scene {
        let (width, height) = shot.upright();
        let mut rng = Rng::new(shot.seed, shot.index as u64, 1);
        let scale = width.max(height) as f32 / 4000.0;
        let light = [(700.0, 0.30), (180.0, 0.16), (45.0, 0.08), (11.0, 0.05)]
            .iter()
            .map(|&(cell, amplitude)| (Noise::new(&mut rng, width, height, cell * scale), amplitude))
            .collect();
        let chroma =
            [Noise::new(&mut rng, width, height, 900.0 * scale), Noise::new(&mut rng, width, height, 260.0 * scale)];
        let texture = Noise::new(&mut rng, width, height, 2.5);
        let ridge = Noise::new(&mut rng, width, 1, 350.0 * scale);
        let horizon = height as f32 * rng.range(0.35, 0.65);
        let palette = PALETTES[rng.below(PALETTES.len() as u64) as usize];
        let shapes = (0..rng.below(12) + 3).map(|_| shape(&mut rng, width, horizon, scale, palette.2)).collect();
        Scene {
            width,
            height,
            rng,
            light,
            chroma,
            texture,
            ridge,
            horizon,
            sky: [palette.0, palette.1],
            ground: palette.2,
            shapes,
        }
    }

    /// The photograph's RGB pixels, row by row.
    fn draw(mut self) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut pixels = Vec::with_capacity(w * h * 3);
        let skyline: Vec<f32> = (0..w).map(|x| self.horizon + self.ridge.at(x as f32) * h as f32 * 0.08).collect();
        let (mut light, mut warm, mut green, mut grain) = (vec![0.0; w], vec![0.0; w], vec![0.0; w], vec![0.0; w]);
        for y in 0..h {
            light.fill(0.0);
            warm.fill(0.0);
            green.fill(0.0);
            grain.fill(0.0);
            for (noise, amplitude) in &self.light {
                noise.add_row(y, *amplitude, &mut light);
            }
            self.chroma[0].add_row(y, 0.12, &mut warm);
            self.chroma[1].add_row(y, 0.08, &mut green);
            self.texture.add_row(y, 1.0, &mut grain);
            let fy = y as f32;
            let shapes: Vec<&Shape> = self.shapes.iter().filter(|s| fy >= s.top && fy <= s.bottom + 2.0).collect();
            for x in 0..w {
                let colour = self.pixel(x, y, &skyline, &shapes, [light[x], warm[x], green[x], grain[x]]);
                let grain = self.rng.grain() * 7.0;
                for channel in colour {
                    pixels.push((channel * 255.0 + grain).clamp(0.0, 255.0) as u8);
                }
            }
        }
        pixels
    }

    /// The colour at (x, y) before grain, in 0..1, from the shapes on row y and the
    /// noise there: light, warmth, greenness and fine texture.
    fn pixel(&self, x: usize, y: usize, skyline: &[f32], shapes: &[&Shape], noise: [f32; 4]) -> Rgb {
        let [light, warm, green, texture] = noise;
        let (fx, fy) = (x as f32, y as f32);
        let edge = ((fy - skyline[x]) / 1.5).clamp(-1.0, 1.0) * 0.5 + 0.5;
        let t = (fy / skyline[x]).min(1.0);
        let sky = mix(self.sky[0], self.sky[1], t);
        let sky = scale(sky, 1.0 + 0.5 * light.max(0.0));
        let ground = scale(self.ground, 0.75 + light + 0.12 * texture);
        let mut colour = mix(sky, ground, edge);
        for shape in shapes {
            if fx < shape.left - 2.0 || fx > shape.right + 2.0 {
                continue;
            }
            let cover = shape.coverage(fx, fy);
            if cover > 0.0 {
                let lit = scale(shape.colour, 0.8 + 0.8 * light + 0.15 * texture);
                colour = mix(colour, lit, cover);
            }
        }
        let (dx, dy) = (fx / self.width as f32 - 0.5, fy / self.height as f32 - 0.5);
        let vignette = 1.0 - 0.9 * (dx * dx + dy * dy);
        [colour[0] * vignette * (1.0 + warm), colour[1] * vignette * (1.0 + green), colour[2] * vignette * (1.0 - warm)]
    }
}

/// Sky at the top, sky at the horizon, ground: a clear day, a grey day, a dusk.
const PALETTES: [(Rgb, Rgb, Rgb); 4] = [
    ([0.25, 0.45, 0.80], [0.70, 0.82, 0.92], [0.30, 0.42, 0.18]),
    ([0.55, 0.58, 0.62], [0.80, 0.80, 0.78], [0.40, 0.37, 0.30]),
    ([0.20, 0.22, 0.45], [0.95, 0.60, 0.35], [0.22, 0.18, 0.15]),
    ([0.35, 0.55, 0.85], [0.85, 0.88, 0.90], [0.62, 0.52, 0.34]),
];

fn shape(rng: &mut Rng, width: u32, horizon: f32, scale: f32, ground: Rgb) -> Shape {
    let round = rng.below(2) == 0;
    let left = rng.range(-200.0, width as f32);
    let size = rng.range(120.0, 700.0) * scale;
    let bottom = horizon + rng.range(0.0, 900.0) * scale;
    let tall = if round { size * rng.range(0.9, 1.6) } else { size * rng.range(0.8, 3.0) };
    let colour = if round {
        [ground[0] * 0.6, ground[1] * rng.range(0.8, 1.3), ground[2] * 0.5]
    } else {
        let grey = rng.range(0.3, 0.8);
        [grey * rng.range(0.9, 1.15), grey, grey * rng.range(0.85, 1.1)]
    };
    Shape { left, right: left + size, top: bottom - tall, bottom, round, colour }
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

fn scale(a: Rgb, k: f32) -> Rgb {
    [a[0] * k, a[1] * k, a[2] * k]
}

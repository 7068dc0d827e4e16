//! The measurements behind the README's choice of image crates: decoding one
//! photograph, resizing it with `fast_image_resize` and with `image`'s own resize,
//! and encoding it as lossy WebP (libwebp), lossless WebP (`image-webp`, the only
//! pure-Rust WebP encoder) and JPEG.
//!
//! `cargo run --release --example image_codecs -- PHOTO.jpg` (a camera-size JPEG,
//! such as one written by `examples/photo_corpus.rs`). Times are of one run each:
//! run it a few times on a quiet machine.

use std::time::Instant;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, ExtendedColorType, ImageEncoder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("give the path of a JPEG photograph")?;
    let bytes = std::fs::read(&path)?;
    let clock = Instant::now();
    let photo = DynamicImage::ImageRgb8(image::load_from_memory(&bytes)?.into_rgb8());
    println!("decode {}x{}: {:?}", photo.width(), photo.height(), clock.elapsed());
    for width in [1600, 800] {
        let height = photo.height() * width / photo.width();
        let clock = Instant::now();
        image::imageops::resize(photo.as_rgb8().ok_or("RGB")?, width, height, image::imageops::FilterType::Lanczos3);
        println!("{width}: image resize (Lanczos3) {:?}", clock.elapsed());
        let clock = Instant::now();
        let mut resized = Image::new(width, height, PixelType::U8x3);
        let lanczos = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new().resize(&photo, &mut resized, &lanczos)?;
        println!("{width}: fast_image_resize (Lanczos3) {:?}", clock.elapsed());
        let pixels = resized.buffer();
        let clock = Instant::now();
        let lossy = webp::Encoder::from_rgb(pixels, width, height).encode(80.0);
        println!("{width}: libwebp q80 {:?}, {} KB", clock.elapsed(), lossy.len() / 1024);
        let clock = Instant::now();
        let mut lossless = Vec::new();
        WebPEncoder::new_lossless(&mut lossless).write_image(pixels, width, height, ExtendedColorType::Rgb8)?;
        println!("{width}: image-webp lossless {:?}, {} KB", clock.elapsed(), lossless.len() / 1024);
        let clock = Instant::now();
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80).write_image(pixels, width, height, ExtendedColorType::Rgb8)?;
        println!("{width}: image JPEG q80 {:?}, {} KB", clock.elapsed(), jpeg.len() / 1024);
    }
    Ok(())
}

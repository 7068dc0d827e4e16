//! Decoding a photograph once and encoding each of its versions.
//!
//! A photograph is decoded within the limits its header was checked against, turned
//! upright by its EXIF orientation, converted to sRGB when it carries another ICC
//! profile (browsers assume sRGB of a file without one), then resized with a
//! Lanczos filter and encoded: lossy WebP by libwebp, JPEG and PNG by the `image`
//! crate. Nothing of the original's metadata is copied: EXIF (with any GPS
//! position), XMP and comments are left behind with the original bytes.

use std::fs;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder};

use super::probe::{ImageProblem, reader};
use super::variants::Region;
use super::{Format, Picture, Variant};

/// A version to make: the whole photograph resized, or a region of it.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub variant: Variant,
    pub region: Option<Region>,
}

/// The photograph `picture` decoded, upright and in sRGB, and each of `wanted`
/// made from it at `quality`, with its bytes.
pub fn encode(picture: &Picture, wanted: &[Wanted], quality: u8) -> Result<Vec<Vec<u8>>, ImageProblem> {
    let pixels = decode(picture)?;
    let mut resizer = Resizer::new();
    wanted.iter().map(|w| encode_one(picture, &pixels, w, quality, &mut resizer)).collect()
}

/// The picture's pixels, upright, in sRGB, as 8-bit RGB (RGBA when it has
/// transparency).
fn decode(picture: &Picture) -> Result<DynamicImage, ImageProblem> {
    let corrupt = |e: image::ImageError| ImageProblem::Corrupt(picture.address.clone(), e.to_string());
    let bytes =
        fs::read(&picture.file).map_err(|e| ImageProblem::Unreadable(picture.address.clone(), e.to_string()))?;
    let mut decoder = reader(&bytes, picture.format).into_decoder().map_err(corrupt)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let profile = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    image.apply_orientation(orientation);
    let mut image = if picture.opaque {
        DynamicImage::ImageRgb8(image.into_rgb8())
    } else {
        DynamicImage::ImageRgba8(image.into_rgba8())
    };
    if let Some(profile) = profile {
        to_srgb(&mut image, &profile);
    }
    Ok(image)
}

/// Converts `image` from the colours of ICC profile `profile` to sRGB; a profile
/// that cannot be read, or that is not one of RGB colours, leaves it as it is.
fn to_srgb(image: &mut DynamicImage, profile: &[u8]) {
    let Some(input) = qcms::Profile::new_from_slice(profile, false) else {
        return;
    };
    let mut output = qcms::Profile::new_sRGB();
    output.precache_output_transform();
    let (data, kind) = match image {
        DynamicImage::ImageRgb8(rgb) => (&mut **rgb, qcms::DataType::RGB8),
        DynamicImage::ImageRgba8(rgba) => (&mut **rgba, qcms::DataType::RGBA8),
        _ => return,
    };
    if let Some(transform) = qcms::Transform::new(&input, &output, kind, qcms::Intent::Perceptual) {
        transform.apply(data);
    }
}

fn encode_one(
    picture: &Picture,
    pixels: &DynamicImage,
    wanted: &Wanted,
    quality: u8,
    resizer: &mut Resizer,
) -> Result<Vec<u8>, ImageProblem> {
    let Variant { width, height, format, .. } = wanted.variant;
    let failed = |e: String| ImageProblem::Corrupt(picture.address.clone(), e);
    let pixel_type = if picture.opaque { PixelType::U8x3 } else { PixelType::U8x4 };
    let mut resized = Image::new(width, height, pixel_type);
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some(r) = wanted.region {
        options = options.crop(f64::from(r.x), f64::from(r.y), f64::from(r.width), f64::from(r.height));
    }
    resizer.resize(pixels, &mut resized, &options).map_err(|e| failed(e.to_string()))?;
    let buffer = resized.buffer();
    let color = if picture.opaque { ExtendedColorType::Rgb8 } else { ExtendedColorType::Rgba8 };
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let encoder = if picture.opaque {
                webp::Encoder::from_rgb(buffer, width, height)
            } else {
                webp::Encoder::from_rgba(buffer, width, height)
            };
            let encoded = encoder.encode_simple(false, f32::from(quality)).map_err(|e| failed(format!("{e:?}")))?;
            out.extend_from_slice(&encoded);
        }
        Format::Jpeg => JpegEncoder::new_with_quality(&mut out, quality)
            .write_image(buffer, width, height, color)
            .map_err(|e| failed(e.to_string()))?,
        Format::Png => {
            PngEncoder::new(&mut out).write_image(buffer, width, height, color).map_err(|e| failed(e.to_string()))?
        }
    }
    Ok(out)
}

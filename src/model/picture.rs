//! Pictures as feature maps: the browser decodes a file and draws it on a white canvas (so
//! alpha is composited over white, in 8 bits); what comes back is RGBA bytes, which this module
//! scales down by area averaging (aspect kept) and turns into channels of values v / 255 — three
//! (R, G, B) or one gray channel (0.299·R + 0.587·G + 0.114·B) / 255. It also draws the sample
//! pictures (a band, a checkerboard, a disc, a letter, a gradient), in code, so they cost no
//! download.
//!
//! Pure Rust, natively tested: the browser only hands over the bytes.

use super::channels::Channels;
use super::error::ModelError;
use super::grid::Grid;

/// The largest side of a picture the browser is asked to decode, in pixels.
pub const MAX_DECODED_SIDE: u32 = 8192;
/// The largest picture file read, in bytes.
pub const MAX_PICTURE_BYTES: u64 = 20 * 1024 * 1024;
/// The sides a picture can be scaled to fit, largest first.
pub const PICTURE_SIDES: [usize; 4] = [256, 128, 64, 32];

/// RGBA bytes of a decoded picture, row-major, 4 bytes a pixel.
#[derive(Clone, Copy, Debug)]
pub struct Rgba<'a> {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height × 4` bytes.
    pub data: &'a [u8],
}

/// The size a `width × height` picture takes to fit a `side × side` square with its aspect kept
/// (never larger than it is, never 0).
pub fn fit_size(width: usize, height: usize, side: usize) -> (usize, usize) {
    let (w, h) = (width.max(1), height.max(1));
    if w <= side && h <= side {
        return (w, h);
    }
    let scale = side as f64 / w.max(h) as f64;
    let fit = |n: usize| ((n as f64 * scale).round() as usize).clamp(1, side);
    (fit(w), fit(h))
}

/// The picture scaled to `to_w × to_h` by area averaging: every output pixel is the mean of
/// the source pixels under it, partly covered pixels weighted by the part covered, rounded to
/// 8 bits. Separable (columns, then rows), so it costs the pixels, not pixels × footprint².
pub fn downscale(src: Rgba<'_>, to_w: usize, to_h: usize) -> Vec<u8> {
    let (w, h) = (src.width, src.height);
    if w == 0 || h == 0 || to_w == 0 || to_h == 0 || src.data.len() < w * h * 4 {
        return vec![255; to_w.saturating_mul(to_h).saturating_mul(4)];
    }
    let xs = footprints(w, to_w);
    let ys = footprints(h, to_h);
    // Columns first: h rows of to_w pixels, in f64.
    let mut mid = vec![0.0f64; h * to_w * 4];
    for y in 0..h {
        for (ox, taps) in xs.iter().enumerate() {
            for &(x, weight) in taps {
                for k in 0..4 {
                    let v = f64::from(src.data.get((y * w + x) * 4 + k).copied().unwrap_or(255));
                    if let Some(slot) = mid.get_mut((y * to_w + ox) * 4 + k) {
                        *slot += v * weight;
                    }
                }
            }
        }
    }
    let mut out = vec![0u8; to_w * to_h * 4];
    for (oy, taps) in ys.iter().enumerate() {
        for ox in 0..to_w {
            for k in 0..4 {
                let v: f64 = taps
                    .iter()
                    .map(|&(y, weight)| mid.get((y * to_w + ox) * 4 + k).copied().unwrap_or(0.0) * weight)
                    .sum();
                if let Some(slot) = out.get_mut((oy * to_w + ox) * 4 + k) {
                    *slot = v.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
    out
}

/// For every output index along an axis of `from` source pixels scaled to `to`, the source
/// pixels it covers with their weights (summing to 1).
fn footprints(from: usize, to: usize) -> Vec<Vec<(usize, f64)>> {
    let step = from as f64 / to as f64;
    (0..to)
        .map(|o| {
            let (start, end) = (o as f64 * step, (o + 1) as f64 * step);
            let first = start.floor() as usize;
            let last = (end.ceil() as usize).min(from);
            (first..last)
                .filter_map(|i| {
                    let cover = (end.min(i as f64 + 1.0) - start.max(i as f64)).max(0.0);
                    (cover > 0.0).then_some((i, cover / step))
                })
                .collect()
        })
        .collect()
}

/// The picture as channels: R, G and B, or one gray channel; each value v / 255 (gray: the
/// weighted sum of the 8-bit samples, / 255). Alpha is ignored (the browser composited it).
pub fn to_channels(src: Rgba<'_>, gray: bool) -> Result<Channels, ModelError> {
    let sample =
        |x: usize, y: usize, k: usize| f64::from(src.data.get((y * src.width + x) * 4 + k).copied().unwrap_or(255));
    let plane = |k: usize| Grid::from_fn(src.height, src.width, |y, x| sample(x, y, k) / 255.0);
    if gray {
        let g = Grid::from_fn(src.height, src.width, |y, x| {
            (0.299 * sample(x, y, 0) + 0.587 * sample(x, y, 1) + 0.114 * sample(x, y, 2)) / 255.0
        })?;
        return Ok(Channels::from(g));
    }
    Channels::new(vec![plane(0)?, plane(1)?, plane(2)?])
}

/// A picture drawn in code, for trying filters without a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sample {
    /// d2l's 6 × 8 picture: ones with a band of zeros in the middle columns.
    Band,
    /// An 8 × 8 board of 8-pixel squares (64 × 64).
    Checkerboard,
    /// A bright disc on a dark ground (64 × 64).
    Disc,
    /// The letter L, thick, on white (64 × 64).
    Letter,
    /// A left-to-right gradient from black to white (64 × 64).
    Gradient,
}

impl Sample {
    /// Every sample, in the order the menu lists them.
    pub const ALL: [Sample; 5] = [Sample::Band, Sample::Checkerboard, Sample::Disc, Sample::Letter, Sample::Gradient];

    /// The sample as one gray channel of values in [0, 1].
    pub fn picture(self) -> Channels {
        let n = 64;
        let grid = match self {
            Sample::Band => Grid::from_fn(6, 8, |_, c| if (2..6).contains(&c) { 0.0 } else { 1.0 }),
            Sample::Checkerboard => Grid::from_fn(n, n, |r, c| if (r / 8 + c / 8) % 2 == 0 { 1.0 } else { 0.0 }),
            Sample::Disc => Grid::from_fn(n, n, |r, c| {
                let (dy, dx) = (r as f64 - 31.5, c as f64 - 31.5);
                if dy * dy + dx * dx <= 20.0 * 20.0 {
                    1.0
                } else {
                    0.0
                }
            }),
            Sample::Letter => Grid::from_fn(n, n, |r, c| {
                let stem = (14..26).contains(&c) && (10..54).contains(&r);
                let foot = (14..50).contains(&c) && (42..54).contains(&r);
                if stem || foot {
                    0.0
                } else {
                    1.0
                }
            }),
            Sample::Gradient => Grid::from_fn(n, n, |_, c| (c * 255 / (n - 1)) as f64 / 255.0),
        };
        Channels::from(grid.unwrap_or_default())
    }
}

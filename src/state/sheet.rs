//! Every map on screen on one sheet, for slides and worksheets: a PNG buffer of all of them
//! (each cell a square of colour) and an SVG of the maps small enough to be grids of numbers,
//! each cell with its colour and its value as shown on screen.
//!
//! Maps stand left to right in stack order, a map's channels top to bottom; each channel has
//! its own colour scale (`canvas::ColorScale`), as on screen. The PNG has no words, so it
//! reads the same in every language; the SVG's titles are given by the caller, in the user's.
//! Plain Rust, tested natively; the browser only encodes and downloads the result.

use super::canvas::{crisp_cell, on_canvas, ColorScale};
use super::view::display_value;
use crate::model::{Grid, Hw};

/// Pixels between two maps, and between two channels of a map, on the PNG sheet.
pub const SHEET_GAP: usize = 16;
/// The longest side a PNG sheet may have (browsers refuse much larger canvases).
pub const MAX_SHEET_SIDE: usize = 16_384;

/// The pixels a cell gets on the PNG sheet: the largest map at least 512 pixels a side (crisp
/// on a slide, as a single map's Save as PNG), at least 1 a cell, and fewer while the sheet
/// would pass [`MAX_SHEET_SIDE`].
pub fn sheet_cell(maps: &[Vec<&Grid>]) -> usize {
    let longest = maps.iter().flatten().map(|g| g.rows().max(g.cols())).max().unwrap_or(1).max(1);
    let mut k = crisp_cell(longest);
    while k > 1 && {
        let (w, h) = sheet_size(maps, k);
        w > MAX_SHEET_SIDE || h > MAX_SHEET_SIDE
    } {
        k -= 1;
    }
    k
}

/// Width and height of the PNG sheet at `k` pixels a cell.
pub fn sheet_size(maps: &[Vec<&Grid>], k: usize) -> (usize, usize) {
    let width = maps.iter().map(|m| m.iter().map(|g| g.cols() * k).max().unwrap_or(0)).sum::<usize>()
        + SHEET_GAP * (maps.len() + 1);
    let height =
        maps.iter().map(|m| m.iter().map(|g| g.rows() * k + SHEET_GAP).sum::<usize>()).max().unwrap_or(0) + SHEET_GAP;
    (width, height)
}

/// Every map on one white sheet, `k` pixels a cell: its width, height and RGBA pixels.
pub fn sheet_png(maps: &[Vec<&Grid>], k: usize) -> (usize, usize, Vec<u8>) {
    let k = k.max(1);
    let (width, height) = sheet_size(maps, k);
    let mut out = vec![255u8; width * height * 4];
    let mut x0 = SHEET_GAP;
    for map in maps {
        let mut y0 = SHEET_GAP;
        for grid in map {
            let scale = ColorScale::of(grid);
            for r in 0..grid.rows() {
                for c in 0..grid.cols() {
                    let [red, green, blue] = scale.color(grid.get(r, c).unwrap_or(0.0));
                    for y in y0 + r * k..y0 + (r + 1) * k {
                        let start = (y * width + x0 + c * k) * 4;
                        for px in out.get_mut(start..start + k * 4).unwrap_or_default().chunks_exact_mut(4) {
                            px.copy_from_slice(&[red, green, blue, 255]);
                        }
                    }
                }
            }
            y0 += grid.rows() * k + SHEET_GAP;
        }
        x0 += map.iter().map(|g| g.cols() * k).max().unwrap_or(0) + SHEET_GAP;
    }
    (width, height, out)
}

/// Side of a cell on the SVG sheet, in its units (CSS pixels).
const SVG_CELL: usize = 40;
/// Room above a map for its title, and above a channel for its name.
const SVG_TITLE: usize = 28;

/// One map for the SVG sheet: its title and its channels, each with a name.
pub struct SvgMap<'a> {
    /// The map's title, e.g. "Layer 1 · Output".
    pub title: String,
    /// Its channels with their names (the name is left out for a map of one channel).
    pub channels: Vec<(String, &'a Grid)>,
}

/// The maps that are grids of numbers on screen (none of their channels on a canvas) as one
/// SVG: titles, names, and every cell as a coloured square with its value as shown; `None`
/// when no map qualifies.
pub fn sheet_svg(maps: &[SvgMap<'_>]) -> Option<String> {
    let shown: Vec<&SvgMap<'_>> = maps
        .iter()
        .filter(|m| !m.channels.is_empty())
        .filter(|m| m.channels.iter().all(|(_, g)| !on_canvas(Hw::new(g.rows(), g.cols()))))
        .collect();
    if shown.is_empty() {
        return None;
    }
    let mut body = String::new();
    let mut x0 = SVG_CELL / 2;
    let mut height = 0;
    for map in &shown {
        let mut y0 = SVG_TITLE;
        body.push_str(&format!(r#"<text x="{x0}" y="{}" class="title">{}</text>"#, y0 - 8, escape(&map.title)));
        let named = map.channels.len() > 1;
        for (name, grid) in &map.channels {
            if named {
                y0 += SVG_TITLE - 8;
                body.push_str(&format!(r#"<text x="{x0}" y="{}" class="name">{}</text>"#, y0 - 6, escape(name)));
            }
            let scale = ColorScale::of(grid);
            for r in 0..grid.rows() {
                for c in 0..grid.cols() {
                    let v = grid.get(r, c).unwrap_or(0.0);
                    let [red, green, blue] = scale.color(v);
                    // Dark text on light cells, light on dark (relative luminance).
                    let light = 0.2126 * f64::from(red) + 0.7152 * f64::from(green) + 0.0722 * f64::from(blue) > 140.0;
                    let (x, y) = (x0 + c * SVG_CELL, y0 + r * SVG_CELL);
                    body.push_str(&format!(
                        r##"<rect x="{x}" y="{y}" width="{SVG_CELL}" height="{SVG_CELL}" fill="#{red:02x}{green:02x}{blue:02x}"/><text x="{}" y="{}" fill="{}">{}</text>"##,
                        x + SVG_CELL / 2,
                        y + SVG_CELL / 2 + 5,
                        if light { "#111827" } else { "#ffffff" },
                        escape(&display_value(v)),
                    ));
                }
            }
            y0 += grid.rows() * SVG_CELL + SVG_CELL / 2;
        }
        height = height.max(y0);
        x0 += map.channels.iter().map(|(_, g)| g.cols() * SVG_CELL).max().unwrap_or(0) + SVG_CELL;
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{x0}" height="{height}" viewBox="0 0 {x0} {height}" font-family="sans-serif"><style>text{{font-size:14px;text-anchor:middle}}text.title,text.name{{text-anchor:start;font-size:15px;fill:#111827}}text.name{{font-size:13px}}rect{{stroke:#9ca3af;stroke-width:1}}rect:first-of-type{{stroke:none}}</style><rect x="0" y="0" width="{x0}" height="{height}" fill="#ffffff" stroke="none"/>{body}</svg>"##
    ))
}

/// Text made safe for SVG (XML) content.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

//! Large maps on a canvas: which channels are drawn as pictures instead of DOM grids, their
//! colours (one RGBA buffer a channel, one pixel a cell), the colour bar, which cell a point of
//! the canvas is, and which part of a map its magnifier shows as a DOM grid.
//!
//! A channel with more than [`MAX_DOM_SIDE`] rows or columns is a canvas: a 256 × 256 picture
//! is 65,536 cells, far past what a page of table cells can re-render at classroom speed. The
//! numbers stay one look away: the magnifier is a real grid, with the whole `data-*` contract,
//! of the cells under the window (or around the selection).
//!
//! Colours are perceptual (d3's schemes, from the `colorous` crate): a diverging red–blue
//! centred on 0 for a map with negative values, a sequential grey for a non-negative map (0
//! black, the top of the scale white, so a picture looks like itself). Plain Rust, tested
//! natively; `components::canvas_map` only hands the buffers to the browser.

use super::view::Marks;
use crate::model::{Coord, Grid, Hw};

/// The largest side (rows or columns) of a channel drawn as DOM cells.
pub const MAX_DOM_SIDE: usize = 32;
/// The magnifier's rows and columns, in cells, when the map has them.
pub const MAGNIFIER: (usize, usize) = (7, 11);
/// The magnifier's columns on a narrow screen (a phone), where eleven would not fit.
pub const MAGNIFIER_NARROW: usize = 7;
/// The magnifier's longest side, for a focus larger than [`MAGNIFIER`] (a dilated window).
pub const MAGNIFIER_MAX: usize = 15;

/// Whether a channel of this shape is drawn on a canvas.
pub fn on_canvas(shape: Hw) -> bool {
    shape.h > MAX_DOM_SIDE || shape.w > MAX_DOM_SIDE
}

/// How values map to colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColorScale {
    /// Some values are negative: red–blue, 0 in the middle, ±`max` at the ends.
    Signed { max: f64 },
    /// No value is negative: black at 0 to white at `max`.
    Sequential { max: f64 },
}

impl ColorScale {
    /// The scale of a grid: its largest magnitude rounded up to 1, 2 or 5 times a power of ten,
    /// so colours stay put while values are edited.
    pub fn of(grid: &Grid) -> ColorScale {
        let (lo, hi) = grid.values().iter().fold((0.0f64, 0.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let max = nice(lo.abs().max(hi));
        if lo < 0.0 {
            ColorScale::Signed { max }
        } else {
            ColorScale::Sequential { max }
        }
    }

    /// The ends of the scale, as the colour bar labels them.
    pub fn range(self) -> (f64, f64) {
        match self {
            ColorScale::Signed { max } => (-max, max),
            ColorScale::Sequential { max } => (0.0, max),
        }
    }

    /// The colour of a value.
    pub fn color(self, v: f64) -> [u8; 3] {
        let c = match self {
            // RdBu runs red (0) to blue (1): positives red, negatives blue.
            ColorScale::Signed { max } => colorous::RED_BLUE.eval_continuous((0.5 - v / (2.0 * max)).clamp(0.0, 1.0)),
            // Greys runs white (0) to black (1).
            ColorScale::Sequential { max } => colorous::GREYS.eval_continuous((1.0 - v / max).clamp(0.0, 1.0)),
        };
        [c.r, c.g, c.b]
    }
}

/// Pixels a cell for a saved picture whose longest side is `longest` cells: whole pixels, and
/// at least 512 of them a side, so that it stays crisp on a slide.
pub fn crisp_cell(longest: usize) -> usize {
    512usize.div_ceil(longest.max(1)).max(1)
}

/// Which of eleven greys (0 black … 10 white, `static/style.css`'s `g0` … `g10`, the
/// sequential colour map at 0, 0.1, … 1 of `scale`) a cell of value `v` gets in a magnifier
/// beside a picture.
pub fn grey_step(v: f64, scale: f64) -> usize {
    let t = (v / scale).clamp(0.0, 1.0);
    if t.is_finite() {
        (t * 10.0).round() as usize
    } else {
        0
    }
}

/// A magnitude rounded up to 1, 2 or 5 times a power of ten (1 for nothing positive): the
/// end of a colour scale, for canvases here and for DOM grids (`components::cells`).
pub fn nice(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|&n| n >= max).unwrap_or(max)
}

/// How many colours [`pixels`] tabulates along a scale: finer than the 8 bits of a channel
/// (neighbouring entries differ by at most one level of red, green or blue), so a table lookup
/// draws what evaluating the colour map at every cell would, a hundred times faster.
pub const PALETTE: usize = 1024;

/// A scale's colours, tabulated.
type Palette = std::rc::Rc<[[u8; 3]]>;

thread_local! {
    /// The palettes last tabulated. A scale stays put while values change (it is rounded to
    /// 1, 2 or 5 × 10ⁿ), so redrawing a map reuses its table rather than evaluating the colour
    /// map [`PALETTE`] times again (0.1 ms a draw: a 256×256 kernel edit redraws four maps).
    static PALETTES: std::cell::RefCell<Vec<(ColorScale, Palette)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The colours of `scale` at [`PALETTE`] evenly spaced values from its low end to its high.
fn palette(scale: ColorScale) -> Palette {
    PALETTES.with(|palettes| {
        let mut palettes = palettes.borrow_mut();
        if let Some((_, table)) = palettes.iter().find(|(s, _)| *s == scale) {
            return std::rc::Rc::clone(table);
        }
        let (lo, hi) = scale.range();
        let last = (PALETTE - 1) as f64;
        let table: Palette = (0..PALETTE).map(|i| scale.color(lo + (hi - lo) * i as f64 / last)).collect();
        // A few scales at once (a stack's maps), the oldest forgotten first.
        if palettes.len() >= 16 {
            palettes.remove(0);
        }
        palettes.push((scale, std::rc::Rc::clone(&table)));
        table
    })
}

/// One RGBA pixel a cell, row-major: what `putImageData` draws.
pub fn pixels(grid: &Grid, scale: ColorScale) -> Vec<u8> {
    let (lo, hi) = scale.range();
    let last = (PALETTE - 1) as f64;
    let table = palette(scale);
    // Filled in place, a pixel at a time: no growing and copying per cell (65,536 of them).
    let mut out = vec![255u8; grid.values().len() * 4];
    let k = last / (hi - lo);
    for (px, &v) in out.chunks_exact_mut(4).zip(grid.values()) {
        // NaN goes to the low end, as `color` clamps it; `as` saturates.
        let i = ((v - lo) * k).clamp(0.0, last).round() as usize;
        if let ([pr, pg, pb, _], Some(&[r, g, b])) = (px, table.get(i)) {
            (*pr, *pg, *pb) = (r, g, b);
        }
    }
    out
}

/// Above this many linked cells a canvas tints them rather than outlining each: a weight of a
/// kernel reaches every cell of its input, and 65,536 outlines take a tenth of a second to draw.
pub const MAX_OUTLINED: usize = 256;

/// The tints of a map's marks, one RGBA pixel a cell, transparent where there is none: the
/// receptive field amber, the projective field teal and linked cells, when more than
/// [`MAX_OUTLINED`], pink (the marks' colours of the DOM grids). `None` when nothing is tinted,
/// so nothing is drawn. A canvas draws it scaled up under the outlines, one buffer a map.
pub fn tints(shape: Hw, marks: &Marks) -> Option<Vec<u8>> {
    let many = if marks.linked.len() > MAX_OUTLINED { &marks.linked[..] } else { &[] };
    let layers: [(&[Coord], [u8; 4]); 3] =
        [(&marks.rf, [217, 119, 6, 115]), (&marks.pf, [13, 148, 136, 115]), (many, [190, 18, 60, 100])];
    if layers.iter().all(|(cells, _)| cells.is_empty()) {
        return None;
    }
    let mut out = vec![0u8; shape.h * shape.w * 4];
    for (cells, rgba) in layers {
        for &(r, c) in cells {
            let (Ok(r), Ok(c)) = (usize::try_from(r), usize::try_from(c)) else { continue };
            if r < shape.h && c < shape.w {
                let i = (r * shape.w + c) * 4;
                if let Some(px) = out.get_mut(i..i + 4) {
                    px.copy_from_slice(&rgba);
                }
            }
        }
    }
    Some(out)
}

/// The colour bar: `width` pixels from the low end of the scale to the high end, one row.
pub fn bar(scale: ColorScale, width: usize) -> Vec<u8> {
    let (lo, hi) = scale.range();
    let mut out = Vec::with_capacity(width * 4);
    for i in 0..width {
        let t = if width > 1 { i as f64 / (width - 1) as f64 } else { 0.5 };
        let [r, g, b] = scale.color(lo + t * (hi - lo));
        out.extend_from_slice(&[r, g, b, 255]);
    }
    out
}

/// The cell under point `(x, y)` of a canvas whose CSS box is `width × height` and which draws
/// a map of `shape`: cell (r, c) is the rectangle [c·w/cols, (c+1)·w/cols) × [r·h/rows,
/// (r+1)·h/rows) (the README's contract).
pub fn cell_at(x: f64, y: f64, width: f64, height: f64, shape: Hw) -> Option<(usize, usize)> {
    if !(x >= 0.0 && y >= 0.0 && x < width && y < height) || shape.h == 0 || shape.w == 0 {
        return None;
    }
    let r = ((y / height) * shape.h as f64).floor() as usize;
    let c = ((x / width) * shape.w as f64).floor() as usize;
    Some((r.min(shape.h - 1), c.min(shape.w - 1)))
}

/// A rectangle of cells, half-open, in a map's coordinates (negative in padding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Region {
    /// First row and one past the last.
    pub rows: (isize, isize),
    /// First column and one past the last.
    pub cols: (isize, isize),
}

impl Region {
    /// Whether a cell is inside.
    pub fn contains(self, (r, c): Coord) -> bool {
        (self.rows.0..self.rows.1).contains(&r) && (self.cols.0..self.cols.1).contains(&c)
    }
}

/// The part of a map (of `shape`, with `padding` drawn around it) its magnifier shows: the
/// cells of `focus` (the window, else the current output, else the selected cell) with a cell
/// of margin, [`MAGNIFIER`].0 rows and `cols` columns (normally [`MAGNIFIER`].1, or
/// [`MAGNIFIER_NARROW`] on a phone) when the padded map has them
/// (more for a larger focus, up to [`MAGNIFIER_MAX`]), kept inside the padded map; the
/// top-left corner when there is nothing to show.
///
/// It stays where it was (`previous`) while the focus, with its margin, is still inside, like
/// a page of a book: the window walks across numbers that stand still, as on a small map, and
/// the magnifier turns a page only when the window reaches its edge — then the window starts
/// the new page at the side it came in from, so stepping on turns pages rarely, whichever way
/// it goes.
pub fn magnifier(shape: Hw, padding: Hw, focus: &[Coord], previous: Option<Region>, cols: usize) -> Region {
    let axis =
        |n: usize, p: usize, want: usize, lo: Option<isize>, hi: Option<isize>, before: Option<(isize, isize)>| {
            let (min, max) = (-(p as isize), (n + p) as isize);
            let side = (n + 2 * p).min(MAGNIFIER_MAX) as isize;
            let (Some(lo), Some(hi)) = (lo, hi) else {
                let span = (want as isize).min(side).max(1);
                return (min, min + span);
            };
            // The focus with its margin, as far as the padded map goes.
            let (need_lo, need_hi) = ((lo - 1).max(min), (hi + 2).min(max));
            let span = (need_hi - need_lo).clamp((want as isize).min(side), side);
            let holds =
                |&(a, b): &(isize, isize)| b - a == span && min <= a && a <= need_lo && need_hi <= b && b <= max;
            if let Some((a, b)) = before.filter(holds) {
                return (a, b);
            }
            let start = match before {
                // Moving back: the focus goes to the far end of the new page.
                Some((a, _)) if need_lo < a => need_hi - span,
                Some(_) => need_lo,
                None => (need_lo + need_hi - span) / 2,
            };
            let start = start.clamp(min, (max - span).max(min));
            (start, start + span)
        };
    let want_cols = cols;
    let rows = focus.iter().map(|c| c.0);
    let cols = focus.iter().map(|c| c.1);
    Region {
        rows: axis(shape.h, padding.h, MAGNIFIER.0, rows.clone().min(), rows.max(), previous.map(|p| p.rows)),
        cols: axis(shape.w, padding.w, want_cols, cols.clone().min(), cols.max(), previous.map(|p| p.cols)),
    }
}

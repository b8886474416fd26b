//! Where the sliding window stands, and which cells it links: the input cells under it at one
//! position, every input cell one kernel weight ever meets, and every output an input cell
//! feeds. The UI marks these cells; later the receptive fields of a stack build on them.
//!
//! Coordinates of input cells are signed: padding cells lie at −p … −1 and n … n + p − 1.

use super::layer::{Geometry, Hw};

/// A cell of a (possibly padded) map, in the map's own coordinates.
pub type Coord = (isize, isize);

/// The output position with row-major index `step` in a map of `shape`, if it exists.
pub fn position_of_step(shape: Hw, step: usize) -> Option<(usize, usize)> {
    let total = shape.h.checked_mul(shape.w)?;
    (step < total && shape.w > 0).then(|| (step / shape.w, step % shape.w))
}

/// The row-major index of output `(row, col)` in a map of `shape`.
pub fn step_of_position(shape: Hw, row: usize, col: usize) -> Option<usize> {
    if row >= shape.h || col >= shape.w {
        return None;
    }
    row.checked_mul(shape.w)?.checked_add(col)
}

/// The input cells (padding included) under the window at output `(row, col)`, in tap order.
pub fn window_cells(geometry: &Geometry, row: usize, col: usize) -> Vec<Coord> {
    geometry.taps(row, col).map(|t| (t.input_row, t.input_col)).collect()
}

/// Every input cell (padding included) that window tap `(tap_row, tap_col)` meets over all
/// output positions of a map of shape `out`, sorted.
pub fn tap_reach(geometry: &Geometry, out: Hw, tap_row: usize, tap_col: usize) -> Vec<Coord> {
    let mut cells = Vec::new();
    for r in 0..out.h {
        for c in 0..out.w {
            if let Some(t) = geometry.taps(r, c).find(|t| t.tap_row == tap_row && t.tap_col == tap_col) {
                cells.push((t.input_row, t.input_col));
            }
        }
    }
    cells.sort_unstable();
    cells.dedup();
    cells
}

/// Every output of a map of shape `out` whose window covers input cell `cell`, sorted.
pub fn outputs_fed_by(geometry: &Geometry, out: Hw, cell: Coord) -> Vec<Coord> {
    let mut fed = Vec::new();
    for r in 0..out.h {
        for c in 0..out.w {
            if geometry.taps(r, c).any(|t| (t.input_row, t.input_col) == cell) {
                fed.push((as_signed(r), as_signed(c)));
            }
        }
    }
    fed
}

fn as_signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

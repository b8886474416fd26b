//! Where the sliding window stands, and which cells it links: the input cells under it at one
//! position, every input cell one kernel weight ever meets, and every output an input cell
//! feeds. The UI marks these cells; later the receptive fields of a stack build on them.
//!
//! Coordinates of input cells are signed: padding cells lie at −p … −1 and n … n + p − 1.

use super::error::Axis;
use super::layer::{Dims, Geometry, Hw};

/// A cell of a (possibly padded) map, in the map's own coordinates.
pub type Coord = (isize, isize);

/// An output position: channel, row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    /// Output channel.
    pub channel: usize,
    /// Row.
    pub row: usize,
    /// Column.
    pub col: usize,
}

impl Pos {
    /// A position.
    pub const fn new(channel: usize, row: usize, col: usize) -> Pos {
        Pos { channel, row, col }
    }
}

/// The output position with index `step` in a map of shape `dims`, in PyTorch's order
/// (channel, then row, then column), if it exists.
pub fn position_of_step(dims: Dims, step: usize) -> Option<Pos> {
    let plane = dims.hw.h.checked_mul(dims.hw.w)?;
    let total = plane.checked_mul(dims.channels)?;
    (step < total && dims.hw.w > 0).then(|| {
        let within = step % plane;
        Pos { channel: step / plane, row: within / dims.hw.w, col: within % dims.hw.w }
    })
}

/// The index of output position `pos` in a map of shape `dims` (channel, row, column order).
pub fn step_of_position(dims: Dims, pos: Pos) -> Option<usize> {
    if pos.channel >= dims.channels || pos.row >= dims.hw.h || pos.col >= dims.hw.w {
        return None;
    }
    let plane = dims.hw.h.checked_mul(dims.hw.w)?;
    pos.channel.checked_mul(plane)?.checked_add(pos.row.checked_mul(dims.hw.w)?)?.checked_add(pos.col)
}

/// The input cells (padding included) under the window at output `(row, col)`, in tap order.
pub fn window_cells(geometry: &Geometry, row: usize, col: usize) -> Vec<Coord> {
    geometry.taps(row, col).map(|t| (t.input_row, t.input_col)).collect()
}

/// Every input cell (padding included) that window tap `(tap_row, tap_col)` meets over all
/// output positions of a map of shape `out`, sorted.
pub fn tap_reach(geometry: &Geometry, out: Hw, tap_row: usize, tap_col: usize) -> Vec<Coord> {
    let rows: Vec<isize> = (0..out.h).filter_map(|o| geometry.input_coord(Axis::Rows, o, tap_row)).collect();
    let cols: Vec<isize> = (0..out.w).filter_map(|o| geometry.input_coord(Axis::Cols, o, tap_col)).collect();
    let mut cells: Vec<Coord> = rows.iter().flat_map(|&r| cols.iter().map(move |&c| (r, c))).collect();
    cells.sort_unstable();
    cells.dedup();
    cells
}

/// Every output of a map of shape `out` whose window covers input cell `cell`, sorted. Solved
/// per axis (o·s − p + t·d = x for some tap t), so it costs the window's size, not the map's.
pub fn outputs_fed_by(geometry: &Geometry, out: Hw, cell: Coord) -> Vec<Coord> {
    let rows = outputs_on_axis(geometry, Axis::Rows, out.h, cell.0);
    let cols = outputs_on_axis(geometry, Axis::Cols, out.w, cell.1);
    rows.iter().flat_map(|&r| cols.iter().map(move |&c| (signed(r), signed(c)))).collect()
}

/// The output indices (ascending, below `len`) on one axis whose window covers input index `x`.
pub fn outputs_on_axis(geometry: &Geometry, axis: Axis, len: usize, x: isize) -> Vec<usize> {
    let (s, p, d, k) = (
        signed(geometry.stride().on(axis)),
        signed(geometry.padding().on(axis)),
        signed(geometry.dilation().on(axis)),
        geometry.window().on(axis),
    );
    let mut found: Vec<usize> = (0..k)
        .filter_map(|t| {
            let start = x.checked_add(p)?.checked_sub(signed(t).checked_mul(d)?)?;
            if start < 0 || s <= 0 || start % s != 0 {
                return None;
            }
            usize::try_from(start / s).ok().filter(|&o| o < len)
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// A size or index as a signed coordinate (saturating; sizes here are far below the limit).
pub fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

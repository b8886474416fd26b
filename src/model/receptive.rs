//! Receptive fields: which cells of every earlier map can affect one cell of a later map, and
//! the reverse (the projective field: which later cells one cell can affect).
//!
//! Two ways, which the tests hold against each other:
//! - exactly, by walking the windows back (or forward) layer by layer; this gives the true set,
//!   with gaps where dilation skips cells, padding cells included where the field reaches into
//!   padding (padding holds constants, so it is not followed further back);
//! - analytically, after Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional
//!   Neural Networks" (Distill, 2019): jump (effective stride) j_l = Π s_i, size
//!   r_l = 1 + Σ (k'_l − 1)·j_{l−1} with the dilated kernel k' = d·(k − 1) + 1, and the start of
//!   a cell's field u·j − Σ p_l·j_{l−1}. These count positions beyond the padding as if they
//!   existed, so they equal the exact field's extent when it is not clipped by a map's edge.

use std::collections::BTreeSet;

use super::error::Axis;
use super::layer::{Geometry, Hw, Layer};
use super::window::{outputs_on_axis, signed, Coord};

/// The exact receptive field of cell `cell` of map `map` (1-based layer output): for every
/// earlier map m < `map`, the sorted cells of map m (padding included) that can affect it.
/// Element m of the result is map m; it has `map` elements. `shapes[m]` is the shape of map m.
pub fn receptive_field(layers: &[Layer], shapes: &[Hw], map: usize, cell: Coord) -> Vec<Vec<Coord>> {
    let mut fields = vec![Vec::new(); map];
    let mut frontier: BTreeSet<Coord> = BTreeSet::from([cell]);
    for m in (1..=map).rev() {
        let (Some(layer), Some(below)) = (layers.get(m - 1), shapes.get(m - 1)) else { break };
        let mut reached = BTreeSet::new();
        for &(r, c) in &frontier {
            let (Ok(r), Ok(c)) = (usize::try_from(r), usize::try_from(c)) else { continue };
            reached.extend(layer.geometry().taps(r, c).map(|t| (t.input_row, t.input_col)));
        }
        frontier = reached.iter().copied().filter(|&p| inside(p, *below)).collect();
        if let Some(slot) = fields.get_mut(m - 1) {
            *slot = reached.into_iter().collect();
        }
    }
    fields
}

/// The exact projective field of cell `cell` of map `map`: for every later map m > `map`, the
/// sorted cells of map m that it can affect. Element i is map `map + 1 + i`.
pub fn projective_field(layers: &[Layer], shapes: &[Hw], map: usize, cell: Coord) -> Vec<Vec<Coord>> {
    let mut fields = Vec::new();
    let mut frontier: BTreeSet<Coord> = BTreeSet::from([cell]);
    for m in map + 1..shapes.len() {
        let (Some(layer), Some(out)) = (layers.get(m - 1), shapes.get(m)) else { break };
        let g = layer.geometry();
        let mut fed = BTreeSet::new();
        for &(r, c) in &frontier {
            let rows = outputs_on_axis(g, Axis::Rows, out.h, r);
            let cols = outputs_on_axis(g, Axis::Cols, out.w, c);
            fed.extend(rows.iter().flat_map(|&y| cols.iter().map(move |&x| (signed(y), signed(x)))));
        }
        fields.push(fed.iter().copied().collect());
        frontier = fed;
    }
    fields
}

/// The channels of every earlier map that can affect channel `channel` of map `map`: element m
/// (for m < `map`) is the sorted channels of map m. A receptive field is always these channels
/// times the spatial cells of [`receptive_field`] (every channel of a map shares its windows), so
/// the two are computed apart; the tests hold the product against a brute-force walk over
/// (channel, row, column).
pub fn receptive_channels(layers: &[Layer], map: usize, channel: usize) -> Vec<Vec<usize>> {
    let mut fields = vec![Vec::new(); map];
    let mut frontier: BTreeSet<usize> = BTreeSet::from([channel]);
    for m in (1..=map).rev() {
        let Some(layer) = layers.get(m - 1) else { break };
        frontier = frontier.iter().flat_map(|&o| layer.reads(o)).collect();
        if let Some(slot) = fields.get_mut(m - 1) {
            *slot = frontier.iter().copied().collect();
        }
    }
    fields
}

/// The channels of every later map that channel `channel` of map `map` can affect: element i is
/// map `map + 1 + i`, up to map `maps − 1`. `counts[m]` is the channel count of map m.
pub fn projective_channels(layers: &[Layer], counts: &[usize], map: usize, channel: usize) -> Vec<Vec<usize>> {
    let mut fields = Vec::new();
    let mut frontier: BTreeSet<usize> = BTreeSet::from([channel]);
    for m in map + 1..counts.len() {
        let (Some(layer), Some(&n)) = (layers.get(m - 1), counts.get(m)) else { break };
        frontier = frontier.iter().flat_map(|&i| layer.feeds(i)).filter(|&o| o < n).collect();
        fields.push(frontier.iter().copied().collect());
    }
    fields
}

/// One row of the receptive-field table: a layer's window on one axis and what it does to the
/// field. `jump` and `size` are those of one cell of this layer's output, measured in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RfRow {
    /// Kernel or pooling window.
    pub kernel: usize,
    /// Stride.
    pub stride: usize,
    /// Dilation.
    pub dilation: usize,
    /// Padding on each side.
    pub padding: usize,
    /// Effective stride of this layer's output in the input: j_l = Π s_i.
    pub jump: usize,
    /// Receptive field size in the input of one output cell: r_l.
    pub size: usize,
}

/// Araujo et al.'s table for one axis: one row per layer.
pub fn rf_table(layers: &[Layer], axis: Axis) -> Vec<RfRow> {
    let mut rows = Vec::with_capacity(layers.len());
    let (mut jump, mut size) = (1usize, 1usize);
    for layer in layers {
        let g = layer.geometry();
        let span = effective(g, axis);
        size = size.saturating_add(span.saturating_sub(1).saturating_mul(jump));
        jump = jump.saturating_mul(g.stride().on(axis));
        rows.push(RfRow {
            kernel: g.window().on(axis),
            stride: g.stride().on(axis),
            dilation: g.dilation().on(axis),
            padding: g.padding().on(axis),
            jump,
            size,
        });
    }
    rows
}

/// The analytic extent, on one axis, of the field of output index `u` of layer `to` (1-based)
/// in map `from` (< `to`): `(start, size)` in map `from`'s coordinates, counting positions past
/// the padding as if they existed. Closed form: with jumps and sizes taken over layers
/// from+1 … to, start = u·J − Σ p_l·j_{l−1} and size = 1 + Σ (k'_l − 1)·j_{l−1}.
pub fn rf_extent(layers: &[Layer], axis: Axis, from: usize, to: usize, u: usize) -> Option<(isize, usize)> {
    let slice = layers.get(from..to)?;
    let (mut jump, mut size, mut shift) = (1isize, 1isize, 0isize);
    for layer in slice {
        let g = layer.geometry();
        let span = signed(effective(g, axis));
        size = size.checked_add((span - 1).checked_mul(jump)?)?;
        shift = shift.checked_add(signed(g.padding().on(axis)).checked_mul(jump)?)?;
        jump = jump.checked_mul(signed(g.stride().on(axis)))?;
    }
    let start = signed(u).checked_mul(jump)?.checked_sub(shift)?;
    Some((start, usize::try_from(size).ok()?))
}

fn effective(g: &Geometry, axis: Axis) -> usize {
    g.span(axis).unwrap_or(usize::MAX)
}

fn inside((r, c): Coord, shape: Hw) -> bool {
    r >= 0 && c >= 0 && (r as usize) < shape.h && (c as usize) < shape.w
}

//! Which cells of the page are marked, and why: derived from the state and from what the
//! pointer or the focus is on, never stored.
//!
//! The window (`data-window`) and the output being computed (`data-current`) follow the
//! stepper; the linked cells (`data-linked`) follow what is pointed at — a term of the sum, a
//! weight, a cell of a map; the selected cell (`data-selected`) and its receptive field
//! (`data-rf`, earlier maps) and projective field (`data-pf`, later maps) follow the selection.
//! This is plain Rust, tested natively; the grids put the marks on their cells
//! (`components::grid_view`).

use std::rc::Rc;

use super::{AppState, CellId, GridId, LayerId, Scene};
use std::iter::once;

use crate::model::{
    outputs_fed_by, projective_channels, projective_field, receptive_channels, receptive_field, signed, tap_reach,
    window_cells, Coord, Hw, Layer, Mode, Slice, Trace,
};

/// What the pointer or the focus is on, for the linked marks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pointed {
    /// A cell of a grid.
    Cell(CellId),
    /// Term i of the sum on show.
    Term(usize),
}

/// The cells a grid marks, each list sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Under the window now (`data-window`).
    pub window: Rc<[Coord]>,
    /// The output being computed now (`data-current`).
    pub current: Option<Coord>,
    /// Linked to what the pointer or focus is on (`data-linked`).
    pub linked: Rc<[Coord]>,
    /// The selected cell whose fields are shown (`data-selected`).
    pub selected: Option<Coord>,
    /// In the selected cell's receptive field (`data-rf`).
    pub rf: Rc<[Coord]>,
    /// In the selected cell's projective field (`data-pf`).
    pub pf: Rc<[Coord]>,
}

/// A cell of a feature map, by map number (0 = the input), channel and position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapCell {
    /// The map: 0 is the input, L the output of layer L.
    pub map: usize,
    /// Channel.
    pub channel: usize,
    /// Row.
    pub row: usize,
    /// Column.
    pub col: usize,
}

/// For one map, the selected cell's receptive field (when the map is earlier) or projective
/// field (when it is later): the same cells in each of `channels`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldCells {
    /// Cells that can affect the selected cell.
    pub rf: Rc<[Coord]>,
    /// Cells the selected cell can affect.
    pub pf: Rc<[Coord]>,
    /// The channels of this map the field is in.
    pub channels: Rc<[usize]>,
}

/// The marks of every grid on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    /// Map M's marks at index M (0 = the input), one per channel.
    pub maps: Vec<Vec<Marks>>,
    /// Layer L's kernel (as entered) at index L − 1, one per slice in (out, inp) order.
    pub kernels: Vec<Vec<Marks>>,
}

impl Highlights {
    /// The marks of channel `c` of map `m`.
    pub fn map(&self, m: usize, c: usize) -> Marks {
        self.maps.get(m).and_then(|cs| cs.get(c)).cloned().unwrap_or_default()
    }

    /// The marks of slice `s` of layer `l`'s kernel as entered.
    pub fn kernel(&self, l: LayerId, layer: &Layer, s: Slice) -> Marks {
        let Layer::Conv(conv) = layer else { return Marks::default() };
        let i = s.out.saturating_mul(conv.per_group()).saturating_add(s.inp);
        self.kernels.get(l.index()).and_then(|k| k.get(i)).cloned().unwrap_or_default()
    }

    /// The marks of a slice of a conv layer's flipped kernel: every marked weight of the slice
    /// as entered, at the place the flip puts it (so a term of the sum lights the weight
    /// actually applied). Nothing for a pooling layer or in cross-correlation mode.
    pub fn flipped(&self, l: LayerId, layer: &Layer, s: Slice) -> Marks {
        let Layer::Conv(conv) = layer else { return Marks::default() };
        let entered = self.kernel(l, layer, s);
        if conv.mode() != Mode::Convolution || entered.linked.is_empty() {
            return Marks::default();
        }
        // The flipped kernel's cell (a, b) is tap (a, b); the flip is its own inverse.
        let linked = entered
            .linked
            .iter()
            .filter_map(|&(r, c)| Some(conv.entered_position(usize::try_from(r).ok()?, usize::try_from(c).ok()?)))
            .map(|(a, b)| (signed(a), signed(b)))
            .collect();
        Marks { linked: sorted(linked), ..Marks::default() }
    }
}

/// The selected cell, if the selection is on a value cell (not padding) of a map.
pub fn selected_map_cell(state: &AppState) -> Option<MapCell> {
    let cell = state.editor.cursor?;
    let GridId::Map(map, channel) = cell.grid else { return None };
    let dims = state.scene.map_dims(map)?;
    let (row, col) = (usize::try_from(cell.row).ok()?, usize::try_from(cell.col).ok()?);
    (channel < dims.channels && row < dims.hw.h && col < dims.hw.w).then_some(MapCell { map, channel, row, col })
}

/// For every map (index M), the cells of the selected cell's receptive field (earlier maps) and
/// projective field (later maps), with the channels they are in; empty when nothing is
/// selected.
pub fn fields(scene: &Scene, selection: Option<MapCell>) -> Vec<FieldCells> {
    let n = scene.layers.len();
    let mut out = vec![FieldCells::default(); n + 1];
    let Some(MapCell { map, channel, row, col }) = selection else { return out };
    let dims = scene.all_dims();
    let shapes: Vec<Hw> = dims.iter().map(|d| d.hw).collect();
    let counts: Vec<usize> = dims.iter().map(|d| d.channels).collect();
    let cell = (signed(row), signed(col));
    let rf = receptive_field(&scene.layers, &shapes, map, cell);
    for ((slot, cells), channels) in out.iter_mut().zip(rf).zip(receptive_channels(&scene.layers, map, channel)) {
        slot.rf = cells.into();
        slot.channels = channels.into();
    }
    let pf = projective_field(&scene.layers, &shapes, map, cell);
    let pf_channels = projective_channels(&scene.layers, &counts, map, channel);
    for ((slot, cells), channels) in out.iter_mut().skip(map + 1).zip(pf).zip(pf_channels) {
        slot.pf = cells.into();
        slot.channels = channels.into();
    }
    out
}

/// The marks of every map and kernel: the window and the current output from the stepper, the
/// links from what is pointed at (the selection when the pointer is on nothing), the selection
/// and the `fields` computed for it by [`fields`].
pub fn highlights(
    state: &AppState,
    trace: Option<&Trace>,
    pointed: Option<Pointed>,
    fields: &[FieldCells],
) -> Highlights {
    let scene = &state.scene;
    let dims = scene.all_dims();
    let n = scene.layers.len();
    let mut maps: Vec<Vec<Marks>> =
        (0..=n).map(|m| vec![Marks::default(); dims.get(m).map_or(1, |d| d.channels)]).collect();
    let mut kernels: Vec<Vec<Marks>> = scene
        .layers
        .iter()
        .map(|l| match l {
            Layer::Conv(c) => vec![Marks::default(); c.slices().count()],
            Layer::Pool(_) => Vec::new(),
        })
        .collect();
    let active = state.stepper.active;
    if let (Some(a), Some(pos)) = (active, state.position()) {
        if let Some(layer) = scene.layer(a) {
            let window = sorted(window_cells(layer.geometry(), pos.row, pos.col));
            mark(&mut maps, a.index(), layer.reads(pos.channel), |m| m.window = Rc::clone(&window));
        }
        mark(&mut maps, a.get(), once(pos.channel), |m| m.current = Some((signed(pos.row), signed(pos.col))));
    }
    match pointed.or(state.editor.cursor.map(Pointed::Cell)) {
        Some(Pointed::Term(i)) => {
            if let (Some(a), Some(term)) = (active, trace.and_then(|t| t.terms.get(i))) {
                let cell = sorted(vec![(term.tap.input_row, term.tap.input_col)]);
                mark(&mut maps, a.index(), once(term.channel), |m| m.linked = Rc::clone(&cell));
                if let (Some(Layer::Conv(conv)), Some(w)) = (scene.layer(a), term.weighted) {
                    let weight = sorted(vec![(signed(w.kernel_pos.0), signed(w.kernel_pos.1))]);
                    let i = w.slice.out * conv.per_group() + w.slice.inp;
                    mark(&mut kernels, a.index(), once(i), |k| k.linked = Rc::clone(&weight));
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Kernel(l, s), row, col })) => {
            if let (Some(conv), Some(out)) = (scene.conv(l), scene.map_shape(l.get())) {
                // The flip is its own inverse: the tap a weight is applied at is where
                // `entered_position` maps the weight's own place.
                if let (Ok(r), Ok(c)) = (usize::try_from(row), usize::try_from(col)) {
                    let (tr, tc) = conv.entered_position(r, c);
                    let reach = sorted(tap_reach(conv.geometry(), out, tr, tc));
                    let channel = conv.reads(s.out).start.saturating_add(s.inp);
                    mark(&mut maps, l.index(), once(channel), |m| m.linked = Rc::clone(&reach));
                }
                // The weight itself, so that the flipped kernel shows where it is applied.
                if conv.mode() == Mode::Convolution {
                    let i = s.out * conv.per_group() + s.inp;
                    mark(&mut kernels, l.index(), once(i), |k| k.linked = sorted(vec![(row, col)]));
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Map(m, channel), row, col })) => {
            // Forward: the outputs of the next layer this cell feeds, in every channel it feeds.
            let next = LayerId::at_index(m);
            if let (Some(layer), Some(out)) = (scene.layer(next), scene.map_shape(next.get())) {
                let fed = sorted(outputs_fed_by(layer.geometry(), out, (row, col)));
                mark(&mut maps, next.get(), layer.feeds(channel), |m| m.linked = Rc::clone(&fed));
            }
            // Back: the window of the layer that computed this cell, in every channel it read.
            let this = LayerId::new(m).and_then(|l| Some((l, scene.layer(l)?)));
            if let (Some((l, layer)), Ok(r), Ok(c)) = (this, usize::try_from(row), usize::try_from(col)) {
                let window = sorted(window_cells(layer.geometry(), r, c));
                mark(&mut maps, l.index(), layer.reads(channel), |m| m.linked = Rc::clone(&window));
            }
        }
        _ => {}
    }
    for (m, field) in fields.iter().enumerate() {
        mark(&mut maps, m, field.channels.iter().copied(), |marks| {
            marks.rf = Rc::clone(&field.rf);
            marks.pf = Rc::clone(&field.pf);
        });
    }
    if let Some(MapCell { map, channel, row, col }) = selected_map_cell(state) {
        mark(&mut maps, map, once(channel), |m| m.selected = Some((signed(row), signed(col))));
    }
    Highlights { maps, kernels }
}

/// Applies `f` to the marks of every listed channel (or slice) of grid group `at` that exists.
fn mark(groups: &mut [Vec<Marks>], at: usize, which: impl IntoIterator<Item = usize>, f: impl Fn(&mut Marks)) {
    let Some(group) = groups.get_mut(at) else { return };
    for i in which {
        if let Some(marks) = group.get_mut(i) {
            f(marks);
        }
    }
}

/// Cells sorted and without repeats, shared.
fn sorted(mut cells: Vec<Coord>) -> Rc<[Coord]> {
    // A weight's reach (65,536 cells on a picture) comes in order already.
    if !cells.is_sorted() {
        cells.sort_unstable();
    }
    cells.dedup();
    cells.into()
}

/// Whether [`display_value`] writes `v` (not 0) with an exponent: very large, or a fraction
/// too small for three decimals. One rule for the text and for the width measured for it.
fn with_exponent(v: f64) -> bool {
    let a = v.abs();
    a >= 1e9 || (a < 1e-3 && v.fract() != 0.0)
}

/// An upper bound of the number of characters [`display_value`] writes for `v`, without
/// formatting it (this runs for every value of every grid on every render).
pub fn display_len(v: f64) -> usize {
    let sign = usize::from(v < 0.0);
    let a = v.abs();
    if a == 0.0 {
        return 1;
    }
    if with_exponent(v) {
        return 8 + sign;
    }
    let int_digits = if a < 1.0 { 1 } else { a.log10().floor() as usize + 1 };
    if v.fract() == 0.0 {
        int_digits + sign
    } else {
        int_digits + 4 + sign
    }
}

/// The widest [`display_len`] of `values` (1 for none), in one pass without a logarithm per
/// value: a picture's map has 65,536 values, and a `log10` each cost 10 ms an edit at 256×256
/// × 4 layers. Within each kind of value — whole numbers under 10⁹, fractions from 10⁻³ to
/// 10⁹, and those written with an exponent — the length grows with the magnitude or is fixed,
/// so the largest magnitude of each kind and sign is the only one to measure.
pub fn widest(values: &[f64]) -> usize {
    /// The values of one sign: the largest whole number and fraction, and whether an exponent
    /// is written.
    #[derive(Default)]
    struct Kinds {
        whole: Option<f64>,
        fraction: Option<f64>,
        exponent: bool,
    }
    let (mut positive, mut negative) = (Kinds::default(), Kinds::default());
    let mut widest = 1;
    for &v in values {
        let a = v.abs();
        let kinds = if v < 0.0 { &mut negative } else { &mut positive };
        if !a.is_finite() {
            widest = widest.max(display_len(v));
        } else if with_exponent(v) {
            kinds.exponent = true;
        } else if v.fract() == 0.0 {
            kinds.whole = Some(kinds.whole.map_or(a, |m| m.max(a)));
        } else {
            kinds.fraction = Some(kinds.fraction.map_or(a, |m| m.max(a)));
        }
    }
    for (kinds, sign) in [(positive, 1.0), (negative, -1.0)] {
        for a in [kinds.whole, kinds.fraction].into_iter().flatten() {
            widest = widest.max(display_len(sign * a));
        }
        if kinds.exponent {
            widest = widest.max(display_len(sign * 1e9));
        }
    }
    widest
}

/// The value as shown in a cell: integers as they are, others rounded to at most 3 decimals.
/// The exact value is in the cell's `data-value`.
pub fn display_value(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e9 {
        return format!("{v}");
    }
    if with_exponent(v) {
        return format!("{v:.2e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

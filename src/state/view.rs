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
use crate::model::{
    outputs_fed_by, projective_field, receptive_field, signed, tap_reach, window_cells, Coord, Hw, Layer, Mode, Trace,
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

/// A cell of a feature map, by map number (0 = the input) and position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapCell {
    /// The map: 0 is the input, L the output of layer L.
    pub map: usize,
    /// Row.
    pub row: usize,
    /// Column.
    pub col: usize,
}

/// For one map, the selected cell's receptive field (when the map is earlier) or projective
/// field (when it is later).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldCells {
    /// Cells that can affect the selected cell.
    pub rf: Rc<[Coord]>,
    /// Cells the selected cell can affect.
    pub pf: Rc<[Coord]>,
}

/// The marks of every grid on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    /// Map M's marks at index M (0 = the input).
    pub maps: Vec<Marks>,
    /// Layer L's kernel (as entered) at index L − 1.
    pub kernels: Vec<Marks>,
}

impl Highlights {
    /// The marks of map `m`.
    pub fn map(&self, m: usize) -> Marks {
        self.maps.get(m).cloned().unwrap_or_default()
    }

    /// The marks of layer `l`'s kernel as entered.
    pub fn kernel(&self, l: LayerId) -> Marks {
        self.kernels.get(l.index()).cloned().unwrap_or_default()
    }

    /// The marks of a conv layer's flipped kernel: every marked weight of the kernel as
    /// entered, at the place the flip puts it (so a term of the sum lights the weight actually
    /// applied). Nothing for a pooling layer or in cross-correlation mode.
    pub fn flipped(&self, l: LayerId, layer: &Layer) -> Marks {
        let Layer::Conv(conv) = layer else { return Marks::default() };
        let entered = self.kernel(l);
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
    let GridId::Map(map) = cell.grid else { return None };
    let shape = state.scene.map_shape(map)?;
    let (row, col) = (usize::try_from(cell.row).ok()?, usize::try_from(cell.col).ok()?);
    (row < shape.h && col < shape.w).then_some(MapCell { map, row, col })
}

/// For every map (index M), the cells of the selected cell's receptive field (earlier maps) and
/// projective field (later maps); empty lists when nothing is selected.
pub fn fields(scene: &Scene, selection: Option<MapCell>) -> Vec<FieldCells> {
    let n = scene.layers.len();
    let mut out = vec![FieldCells::default(); n + 1];
    let Some(MapCell { map, row, col }) = selection else { return out };
    let input = scene.input_shape();
    let shapes: Vec<Hw> = std::iter::once(Ok(input))
        .chain(crate::model::output_shapes(input, &scene.layers))
        .map_while(Result::ok)
        .collect();
    let cell = (signed(row), signed(col));
    for (slot, cells) in out.iter_mut().zip(receptive_field(&scene.layers, &shapes, map, cell)) {
        slot.rf = cells.into();
    }
    for (slot, cells) in out.iter_mut().skip(map + 1).zip(projective_field(&scene.layers, &shapes, map, cell)) {
        slot.pf = cells.into();
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
    let n = scene.layers.len();
    let mut maps = vec![Marks::default(); n + 1];
    let mut kernels = vec![Marks::default(); n];
    let active = state.stepper.active;
    if let (Some(a), Some((r, c))) = (active, state.position()) {
        if let (Some(layer), Some(m)) = (scene.layer(a), maps.get_mut(a.index())) {
            m.window = sorted(window_cells(layer.geometry(), r, c));
        }
        if let Some(m) = maps.get_mut(a.get()) {
            m.current = Some((signed(r), signed(c)));
        }
    }
    match pointed.or(state.editor.cursor.map(Pointed::Cell)) {
        Some(Pointed::Term(i)) => {
            if let (Some(a), Some(term)) = (active, trace.and_then(|t| t.terms.get(i))) {
                if let Some(m) = maps.get_mut(a.index()) {
                    m.linked = sorted(vec![(term.tap.input_row, term.tap.input_col)]);
                }
                if let (Some(k), Some(w)) = (kernels.get_mut(a.index()), term.weighted) {
                    k.linked = sorted(vec![(signed(w.kernel_pos.0), signed(w.kernel_pos.1))]);
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Kernel(l), row, col })) => {
            if let (Some(conv), Some(out)) = (scene.conv(l), scene.map_shape(l.get())) {
                // The flip is its own inverse: the tap a weight is applied at is where
                // `entered_position` maps the weight's own place.
                if let (Ok(r), Ok(c), Some(m)) = (usize::try_from(row), usize::try_from(col), maps.get_mut(l.index())) {
                    let (tr, tc) = conv.entered_position(r, c);
                    m.linked = sorted(tap_reach(conv.geometry(), out, tr, tc));
                }
                // The weight itself, so that the flipped kernel shows where it is applied.
                if let (Mode::Convolution, Some(k)) = (conv.mode(), kernels.get_mut(l.index())) {
                    k.linked = sorted(vec![(row, col)]);
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Map(m), row, col })) => {
            // Forward: the outputs of the next layer this cell feeds.
            let next = LayerId::at_index(m);
            if let (Some(layer), Some(out), Some(marks)) =
                (scene.layer(next), scene.map_shape(next.get()), maps.get_mut(next.get()))
            {
                marks.linked = sorted(outputs_fed_by(layer.geometry(), out, (row, col)));
            }
            // Back: the window of the layer that computed this cell.
            let this = LayerId::new(m).and_then(|l| Some((l, scene.layer(l)?)));
            if let (Some((l, layer)), Ok(r), Ok(c)) = (this, usize::try_from(row), usize::try_from(col)) {
                if let Some(marks) = maps.get_mut(l.index()) {
                    marks.linked = sorted(window_cells(layer.geometry(), r, c));
                }
            }
        }
        _ => {}
    }
    for (marks, field) in maps.iter_mut().zip(fields) {
        marks.rf = Rc::clone(&field.rf);
        marks.pf = Rc::clone(&field.pf);
    }
    if let Some(MapCell { map, row, col }) = selected_map_cell(state) {
        if let Some(marks) = maps.get_mut(map) {
            marks.selected = Some((signed(row), signed(col)));
        }
    }
    Highlights { maps, kernels }
}

/// Cells sorted and without repeats, shared.
fn sorted(mut cells: Vec<Coord>) -> Rc<[Coord]> {
    cells.sort_unstable();
    cells.dedup();
    cells.into()
}

//! Native tests of what the page marks (`state::view`) and of the keyboard shortcuts
//! (`state::keys`): derived from the state alone, so tested without a browser.
#![cfg(not(target_arch = "wasm32"))]

use convscope::model::Coord;
use convscope::model::Slice;
use convscope::state::keys::{shortcut, Focus, KeyPress};
use convscope::state::view::{fields, highlights, selected_map_cell, FieldCells, Highlights, MapCell, Pointed};
use convscope::state::{Action, AppState, CellId, GridId, LayerId, Preset};

fn l(n: usize) -> LayerId {
    LayerId::new(n).unwrap()
}

fn d2l() -> AppState {
    AppState::start("", None)
}

fn marks_of(state: &AppState, pointed: Option<Pointed>) -> Highlights {
    let fields = fields(&state.scene, selected_map_cell(state));
    let trace = state.position().and_then(|at| {
        let active = state.stepper.active?;
        let below = convscope::model::forward_all(&state.scene.input, &state.scene.layers);
        let input =
            if active.index() == 0 { (*state.scene.input).clone() } else { below[active.index() - 1].clone().ok()? };
        state.scene.layer(active)?.trace(&input, at.channel, at.row, at.col)
    });
    highlights(state, trace.as_ref(), pointed, &fields)
}

fn cells(list: &[Coord]) -> Vec<Coord> {
    list.to_vec()
}

#[test]
fn the_window_and_the_current_output_follow_the_stepper() {
    let s = d2l();
    let h = marks_of(&s, None);
    assert_eq!(cells(&h.map(0, 0).window), vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
    assert_eq!(h.map(1, 0).current, Some((0, 0)));
    assert!(h.map(1, 0).window.is_empty() && h.map(0, 0).current.is_none());
    let s = s.apply(Action::LastStep);
    let h = marks_of(&s, None);
    assert_eq!(cells(&h.map(0, 0).window), vec![(1, 1), (1, 2), (2, 1), (2, 2)]);
    assert_eq!(h.map(1, 0).current, Some((1, 1)));
}

#[test]
fn a_term_links_its_input_cell_and_its_weight() {
    let s = d2l().apply(Action::StepTo(3));
    // Term 2 of 4×0 + 5×1 + 7×2 + 8×3: the input cell (2, 1) meets weight (1, 0).
    let h = marks_of(&s, Some(Pointed::Term(2)));
    assert_eq!(cells(&h.map(0, 0).linked), vec![(2, 1)]);
    assert_eq!(cells(&h.kernel(l(1), &s.scene.layers[0], Slice::default()).linked), vec![(1, 0)]);
    // In convolution mode the same term meets the flipped kernel's (1, 0), entered at (0, 1).
    let s = s.apply(Action::SetMode { layer: l(1), mode: convscope::model::Mode::Convolution });
    let h = marks_of(&s, Some(Pointed::Term(2)));
    assert_eq!(cells(&h.kernel(l(1), &s.scene.layers[0], Slice::default()).linked), vec![(0, 1)]);
    assert_eq!(cells(&h.flipped(l(1), &s.scene.layers[0], Slice::default()).linked), vec![(1, 0)]);
}

#[test]
fn a_weight_links_every_input_it_meets() {
    let s = d2l();
    let weight = CellId { grid: GridId::Kernel(l(1), Slice::default()), row: 1, col: 1 };
    let h = marks_of(&s, Some(Pointed::Cell(weight)));
    assert_eq!(cells(&h.map(0, 0).linked), vec![(1, 1), (1, 2), (2, 1), (2, 2)]);
    // Cross-correlation: no flipped kernel to mark.
    assert!(h.kernel(l(1), &s.scene.layers[0], Slice::default()).linked.is_empty());
    assert!(h.flipped(l(1), &s.scene.layers[0], Slice::default()).linked.is_empty());
}

#[test]
fn a_map_cell_links_its_window_back_and_the_outputs_it_feeds() {
    let s = d2l().apply(Action::Preset(Preset::TwoLayers));
    let y = CellId { grid: GridId::Map(1, 0), row: 0, col: 1 };
    let h = marks_of(&s, Some(Pointed::Cell(y)));
    assert_eq!(cells(&h.map(0, 0).linked), vec![(0, 1), (0, 2), (1, 1), (1, 2)]);
    assert_eq!(cells(&h.map(2, 0).linked), vec![(0, 0)]);
    // Pointing at nothing falls back to the selection.
    let selected = s.apply(Action::Select(y));
    assert_eq!(marks_of(&selected, None).map(0, 0).linked, h.map(0, 0).linked);
}

#[test]
fn the_selection_marks_its_receptive_and_projective_fields() {
    let s = d2l().apply(Action::Preset(Preset::TwoLayers));
    let z = CellId { grid: GridId::Map(2, 0), row: 0, col: 0 };
    let s = s.apply(Action::Select(z));
    assert_eq!(selected_map_cell(&s), Some(MapCell { map: 2, channel: 0, row: 0, col: 0 }));
    let h = marks_of(&s, None);
    assert_eq!(h.map(2, 0).selected, Some((0, 0)));
    assert_eq!(h.map(0, 0).rf.len(), 9, "z sees all nine inputs");
    assert_eq!(h.map(1, 0).rf.len(), 4);
    assert!(h.map(0, 0).pf.is_empty());
    // An input cell: its projective field in the later maps.
    let corner = s.apply(Action::Select(CellId { grid: GridId::Map(0, 0), row: 0, col: 0 }));
    let f: Vec<FieldCells> = fields(&corner.scene, selected_map_cell(&corner));
    assert_eq!(cells(&f[1].pf), vec![(0, 0)]);
    assert_eq!(cells(&f[2].pf), vec![(0, 0)]);
    assert!(f[0].rf.is_empty());
    // Padding and kernels are not map cells.
    let kernel = s.apply(Action::Select(CellId { grid: GridId::Kernel(l(1), Slice::default()), row: 0, col: 0 }));
    assert_eq!(selected_map_cell(&kernel), None);
}

#[test]
fn shortcuts_leave_text_fields_and_grids_their_keys() {
    let press = |key, focus| KeyPress { key, command: false, shift: false, alt: false, focus };
    assert_eq!(shortcut(press(" ", Focus::Page)), Some(Action::TogglePlay));
    assert_eq!(shortcut(press(" ", Focus::Button)), None, "Space presses the button");
    assert_eq!(shortcut(press("ArrowRight", Focus::Page)), Some(Action::StepForward));
    assert_eq!(shortcut(press("ArrowRight", Focus::Grid)), None);
    assert_eq!(shortcut(press("Home", Focus::Text)), None);
    assert_eq!(shortcut(press("End", Focus::Menu)), None);
    assert_eq!(shortcut(press("?", Focus::Page)), Some(Action::ToggleHelp));
    assert_eq!(shortcut(press("Escape", Focus::Button)), Some(Action::Dismiss));
    assert_eq!(shortcut(press("p", Focus::Page)), Some(Action::TogglePresent));
    assert_eq!(shortcut(press("P", Focus::Grid)), None, "a grid types its own letters");
    let undo = |key, shift, focus| KeyPress { key, command: true, shift, alt: false, focus };
    assert_eq!(shortcut(undo("z", false, Focus::Grid)), Some(Action::Undo));
    assert_eq!(shortcut(undo("Z", true, Focus::Page)), Some(Action::Redo));
    assert_eq!(shortcut(undo("y", false, Focus::Button)), Some(Action::Redo));
    assert_eq!(shortcut(undo("z", false, Focus::Text)), None, "a text field undoes its own typing");
    assert_eq!(shortcut(KeyPress { alt: true, ..press("ArrowLeft", Focus::Page) }), None);
}

#[test]
fn escape_closes_the_shortcuts_first_then_leaves_presentation() {
    let s = d2l().apply(Action::TogglePresent).apply(Action::ToggleHelp);
    assert!(s.chrome.presenting && s.chrome.help);
    let s = s.apply(Action::Dismiss);
    assert!(s.chrome.presenting && !s.chrome.help);
    let s = s.apply(Action::Dismiss);
    assert!(!s.chrome.presenting);
    assert!(!s.history.can_undo(), "a view, not an edit");
    let z = (0..20).fold(d2l(), |s, _| s.apply(Action::ZoomIn));
    assert_eq!(z.chrome.zoom, convscope::state::MAX_ZOOM);
    assert_eq!(z.apply(Action::ZoomFit).chrome.zoom, 0);
    assert_eq!(d2l().apply(Action::ZoomOut).chrome.zoom, -1);
}

/// Values of every kind a cell shows: whole numbers, fractions of every size, both signs, the
/// edges where the display switches to an exponent.
fn shown_value() -> impl proptest::strategy::Strategy<Value = f64> {
    use proptest::prelude::*;
    prop_oneof![
        (-2_000i64..2_000).prop_map(|i| i as f64),
        any::<i32>().prop_map(f64::from),
        -1e12..1e12f64,
        -2.0..2.0f64,
        -1e-2..1e-2f64,
        Just(0.0),
        Just(-0.0),
        Just(1e9),
        Just(-999_999_999.5),
        Just(999_999_999.0),
        Just(0.001),
        Just(-0.000_999),
    ]
}

proptest::proptest! {
    /// The widest value of a grid, found without measuring each value, is the widest measured;
    /// and the measure is an upper bound of what a cell writes.
    #[test]
    fn widest_is_the_longest_display(values in proptest::collection::vec(shown_value(), 0..40)) {
        use convscope::state::view::{display_len, display_value, widest};
        let measured = values.iter().map(|&v| display_len(v)).max().unwrap_or(1).max(1);
        proptest::prop_assert_eq!(widest(&values), measured);
        for &v in &values {
            proptest::prop_assert!(display_value(v).chars().count() <= display_len(v), "{} is {}", v, display_value(v));
        }
    }
}

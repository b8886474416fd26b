//! Native tests of the reducer: stepping, playing, pinning, editing cells and settings,
//! presets. Every change goes through `AppState::apply`, as in the app.
#![cfg(not(target_arch = "wasm32"))]

use convscope::i18n::EN;
use convscope::model::{forward_all, Axis, Layer, Mode};
use convscope::model::{Pos, Slice};
use convscope::state::{Action, AppState, CellId, Field, FieldState, GridId, LayerId, Preset};

fn d2l() -> AppState {
    AppState::start("", None)
}

fn l(n: usize) -> LayerId {
    LayerId::new(n).unwrap()
}

fn run(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(state, |s, a| s.apply(a))
}

fn output(state: &AppState, layer: usize) -> Vec<Vec<f64>> {
    forward_all(&state.scene.input, &state.scene.layers)[layer - 1].as_ref().unwrap().planes()[0].to_rows()
}

fn cell(grid: GridId, row: isize, col: isize) -> CellId {
    CellId { grid, row, col }
}

#[test]
fn stepping_stops_at_both_ends() {
    let s = d2l();
    assert_eq!((s.total_steps(), s.stepper.step, s.position()), (4, 0, Some(Pos::new(0, 0, 0))));
    let s = run(s, [Action::StepBack]);
    assert_eq!(s.stepper.step, 0);
    let s = run(s, [Action::StepForward, Action::StepForward]);
    assert_eq!(s.position(), Some(Pos::new(0, 1, 0)));
    let s = run(s, [Action::StepForward, Action::StepForward, Action::StepForward]);
    assert_eq!(s.stepper.step, 3);
    assert_eq!(run(s.clone(), [Action::FirstStep]).stepper.step, 0);
    assert_eq!(run(s, [Action::StepTo(99)]).stepper.step, 3);
}

#[test]
fn playing_ticks_to_the_end_then_stops() {
    let s = run(d2l(), [Action::TogglePlay]);
    assert!(s.stepper.playing);
    let s = run(s, [Action::Tick, Action::Tick]);
    assert_eq!((s.stepper.step, s.stepper.playing), (2, true));
    let s = run(s, [Action::Tick]);
    assert_eq!((s.stepper.step, s.stepper.playing), (3, false));
    let s = run(s, [Action::Tick]);
    assert_eq!(s.stepper.step, 3);
    // Play at the end starts again from the first step.
    let s = run(s, [Action::TogglePlay]);
    assert_eq!((s.stepper.step, s.stepper.playing), (0, true));
    let s = run(s, [Action::TogglePlay]);
    assert!(!s.stepper.playing);
}

#[test]
fn pinning_an_output_moves_the_window_there() {
    let s = run(d2l(), [Action::Pin { layer: l(1), at: Pos::new(0, 1, 0) }]);
    assert_eq!((s.stepper.active, s.stepper.step, s.position()), (Some(l(1)), 2, Some(Pos::new(0, 1, 0))));
    let unchanged = run(s.clone(), [Action::Pin { layer: l(5), at: Pos::new(0, 0, 0) }]);
    assert_eq!(unchanged, s);
}

#[test]
fn editing_a_cell_commits_valid_numbers_and_keeps_refused_text() {
    let target = cell(GridId::Map(0, 0), 0, 0);
    let s = run(d2l(), [Action::BeginEdit { cell: target, text: Some("1".into()) }, Action::EditText("10".into())]);
    assert_eq!(s.editor.edit.as_ref().unwrap().raw, "10");
    let s = run(s, [Action::CommitEdit { rows: 1, cols: 0 }]);
    assert_eq!(s.scene.input.get(0, 0, 0), Some(10.0));
    assert_eq!(output(&s, 1), vec![vec![19.0, 25.0], vec![37.0, 43.0]]);
    assert_eq!(s.editor.cursor, Some(cell(GridId::Map(0, 0), 1, 0)));
    assert!(s.editor.edit.is_none());

    let s = run(d2l(), [Action::BeginEdit { cell: cell(GridId::Map(0, 0), 1, 1), text: Some("abc".into()) }]);
    let s = run(s, [Action::CommitEdit { rows: 1, cols: 0 }]);
    let edit = s.editor.edit.as_ref().unwrap();
    assert_eq!(edit.raw, "abc");
    assert!((EN.edit_error)(edit.refused.as_ref().unwrap()).contains("is not a number"));
    assert_eq!(s.scene.input.get(0, 1, 1), Some(4.0));
    let s = run(s, [Action::EditText("-2".into()), Action::CommitEdit { rows: 0, cols: 1 }]);
    assert_eq!(s.scene.input.get(0, 1, 1), Some(-2.0));
    assert_eq!(output(&s, 1)[0][0], 19.0 - 6.0 * 3.0);
}

#[test]
fn keys_that_reach_a_cell_while_its_field_opens_are_kept() {
    // "-7" typed fast: the "-" opens the field; the "7" reaches the cell before the render
    // that focuses the field. It goes on the end, not over the "-".
    let target = cell(GridId::Map(0, 0), 2, 0);
    let begin = |t: &str| Action::BeginEdit { cell: target, text: Some(t.into()) };
    let s = run(d2l(), [begin("-"), begin("7")]);
    assert_eq!(s.editor.edit.as_ref().unwrap().raw, "-7");
    let s = run(s, [Action::CommitEdit { rows: 1, cols: 0 }]);
    assert_eq!(s.scene.input.get(0, 2, 0), Some(-7.0));
    // Opening the open field again (a double click inside it) keeps what was typed.
    let s = run(d2l(), [begin("1"), Action::EditText("12".into()), Action::BeginEdit { cell: target, text: None }]);
    assert_eq!(s.editor.edit.as_ref().unwrap().raw, "12");
    // Another cell's key still starts that cell's field afresh.
    let other = cell(GridId::Map(0, 0), 0, 0);
    let s = run(s, [Action::BeginEdit { cell: other, text: Some("5".into()) }]);
    assert_eq!((s.editor.edit.as_ref().unwrap().cell, s.editor.edit.as_ref().unwrap().raw.as_str()), (other, "5"));
}

#[test]
fn kernel_and_bias_cells_edit_too() {
    let s = run(
        d2l(),
        [
            Action::BeginEdit { cell: cell(GridId::Kernel(l(1), Slice::default()), 0, 0), text: Some("1".into()) },
            Action::CommitEdit { rows: 0, cols: 1 },
            Action::BeginEdit { cell: cell(GridId::Bias(l(1)), 0, 0), text: Some("−1.5".into()) },
            Action::CommitEdit { rows: 0, cols: 0 },
        ],
    );
    assert_eq!(output(&s, 1), vec![vec![17.5, 24.5], vec![38.5, 45.5]]);
    let out_of_range = run(
        d2l(),
        [
            Action::BeginEdit { cell: cell(GridId::Bias(l(1)), 0, 0), text: Some("1e999".into()) },
            Action::CommitEdit { rows: 0, cols: 0 },
        ],
    );
    assert!((EN.edit_error)(&out_of_range.editor.edit.unwrap().refused.unwrap()).contains("out of range"));
}

#[test]
fn cancel_keeps_the_value_and_cursor_moves_stay_inside() {
    let s = run(
        d2l(),
        [Action::BeginEdit { cell: cell(GridId::Map(0, 0), 2, 2), text: Some("5".into()) }, Action::CancelEdit],
    );
    assert_eq!(s.scene.input.get(0, 2, 2), Some(8.0));
    let s = run(s, [Action::MoveCursor { rows: 5, cols: 5 }]);
    assert_eq!(s.editor.cursor, Some(cell(GridId::Map(0, 0), 2, 2)));
    let s = run(s, [Action::MoveCursor { rows: -9, cols: -1 }]);
    assert_eq!(s.editor.cursor, Some(cell(GridId::Map(0, 0), 0, 1)));
}

#[test]
fn settings_apply_or_say_why_and_keep_the_text() {
    let s = run(d2l(), [Action::SetField { field: Field::Stride(l(1), Axis::Rows), text: "0".into() }]);
    let refused = s.editor.field(Field::Stride(l(1), Axis::Rows)).unwrap();
    assert_eq!(refused.raw, "0");
    let FieldState::Refused(error) = &refused.state else { panic!("{refused:?}") };
    assert_eq!((EN.edit_error)(error), "stride (height) must be a whole number from 1 to 16");
    assert_eq!(s.scene.layers[0].geometry().stride().h, 1);
    let s = run(s, [Action::SetField { field: Field::Stride(l(1), Axis::Rows), text: "2".into() }]);
    assert!(s.editor.field(Field::Stride(l(1), Axis::Rows)).is_none());
    assert_eq!(output(&s, 1), vec![vec![19.0, 25.0]]);

    let s = run(d2l(), [Action::SetField { field: Field::KernelCols(l(1)), text: "5".into() }]);
    let err = forward_all(&s.scene.input, &s.scene.layers)[0].clone().unwrap_err();
    assert_eq!((EN.model_error)(&err), "kernel 5 wider than padded input 3: reduce the kernel or add padding ≥ 1");
    assert_eq!(s.total_steps(), 0);

    let s = run(d2l(), [Action::SetField { field: Field::InputRows, text: "4".into() }, Action::StepTo(3)]);
    assert_eq!((s.scene.input.rows(), s.scene.input.get(0, 3, 0)), (4, Some(0.0)));
    assert_eq!(s.total_steps(), 6);
    // Shrinking waits for Enter (CommitField), so typing "12" never passes through 1 row.
    let s = run(s, [Action::SetField { field: Field::InputRows, text: "2".into() }]);
    assert_eq!(s.total_steps(), 6);
    assert_eq!(s.editor.field(Field::InputRows).unwrap().state, FieldState::Pending);
    let s = run(s, [Action::CommitField { field: Field::InputRows, text: "2".into() }]);
    assert_eq!((s.total_steps(), s.stepper.step), (2, 1));
    assert!(s.editor.field(Field::InputRows).is_none());
}

#[test]
fn mode_switch_flips_the_kernel() {
    let s = run(d2l(), [Action::SetMode { layer: l(1), mode: Mode::Convolution }]);
    assert_eq!(output(&s, 1), vec![vec![5.0, 11.0], vec![23.0, 29.0]]);
}

#[test]
fn presets_randomize_and_clear() {
    let s = run(d2l(), [Action::Preset(Preset::EdgeDetector)]);
    assert_eq!(output(&s, 1)[3], vec![0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0]);
    let s = run(d2l(), [Action::Preset(Preset::PaddingStride)]);
    assert_eq!(output(&s, 1), vec![vec![0.0, 8.0], vec![6.0, 8.0]]);
    let s = run(d2l(), [Action::Preset(Preset::Dilation)]);
    assert_eq!(s.stepper.shape(&s.scene).map(|h| (h.hw.h, h.hw.w)), Some((3, 3)));
    for p in Preset::ALL {
        let s = run(d2l(), [Action::Preset(p)]);
        assert!(forward_all(&s.scene.input, &s.scene.layers).iter().all(Result::is_ok), "{p:?}");
    }
    let a = run(d2l(), [Action::Randomize]);
    let b = run(d2l(), [Action::Randomize]);
    assert_eq!(a.scene, b.scene, "the same seed gives the same numbers");
    let c = run(a.clone(), [Action::Randomize]);
    assert_ne!(a.scene, c.scene);
    assert!(a.scene.input.values().all(|v| (0.0..=9.0).contains(&v) && v.fract() == 0.0));
    let cleared = run(a, [Action::Clear]);
    assert!(cleared.scene.input.values().all(|v| v == 0.0));
    match &cleared.scene.layers[0] {
        Layer::Conv(c) => assert!(c.slices().all(|(_, g)| g.values().iter().all(|&v| v == 0.0))),
        Layer::Pool(_) => unreachable!(),
    }
}

#[test]
fn layers_are_added_duplicated_moved_and_removed() {
    use convscope::state::NewLayer;
    let s = run(d2l(), [Action::AddLayer(NewLayer::Conv), Action::AddLayer(NewLayer::MaxPool)]);
    assert_eq!(s.scene.layers.len(), 3);
    assert_eq!(s.stepper.active, Some(l(3)), "a new layer becomes the active one");
    assert!(matches!(s.scene.layers[2], Layer::Pool(_)));
    let s = run(s, [Action::DuplicateLayer(l(1))]);
    assert_eq!(s.scene.layers.len(), 4);
    assert_eq!(s.scene.layers[0], s.scene.layers[1]);
    let before = s.scene.layers.clone();
    let s = run(s, [Action::MoveLayer { layer: l(4), up: true }]);
    assert_eq!(s.scene.layers[2], before[3]);
    assert_eq!(s.scene.layers[3], before[2]);
    let unchanged = run(s.clone(), [Action::MoveLayer { layer: l(1), up: true }, Action::RemoveLayer(l(9))]);
    assert_eq!(unchanged.scene, s.scene);
    let s = run(
        s,
        [Action::RemoveLayer(l(1)), Action::RemoveLayer(l(1)), Action::RemoveLayer(l(1)), Action::RemoveLayer(l(1))],
    );
    assert!(s.scene.layers.is_empty());
    assert_eq!((s.stepper.active, s.total_steps()), (None, 0));
    // The stack is bounded.
    let full = run(d2l(), (0..40).map(|_| Action::AddLayer(NewLayer::Conv)));
    assert_eq!(full.scene.layers.len(), convscope::state::scene::MAX_LAYERS);
}

#[test]
fn undo_and_redo_walk_every_kind_of_change() {
    use convscope::state::NewLayer;
    let start = d2l();
    let steps = [
        Action::BeginEdit { cell: cell(GridId::Map(0, 0), 0, 0), text: Some("9".into()) },
        Action::CommitEdit { rows: 0, cols: 0 },
        Action::SetField { field: Field::Padding(l(1), Axis::Cols), text: "1".into() },
        Action::SetMode { layer: l(1), mode: Mode::Convolution },
        Action::AddLayer(NewLayer::MaxPool),
        Action::Preset(Preset::Sharpen),
        Action::Import(r#"{"version":1,"input":[[1,2],[3,4]]}"#.into()),
    ];
    let mut states = vec![start.clone()];
    for a in steps {
        let next = states.last().unwrap().apply(a);
        if next.scene != states.last().unwrap().scene {
            states.push(next);
        } else {
            *states.last_mut().unwrap() = next;
        }
    }
    assert_eq!(states.len(), 7, "six scene changes");
    let mut s = states.last().unwrap().clone();
    assert_eq!(s.history.undo_len(), 6);
    for expected in states.iter().rev().skip(1) {
        s = s.apply(Action::Undo);
        assert_eq!(s.scene, expected.scene);
    }
    assert!(!s.history.can_undo());
    assert_eq!(s.apply(Action::Undo).scene, s.scene);
    for expected in states.iter().skip(1) {
        s = s.apply(Action::Redo);
        assert_eq!(s.scene, expected.scene);
    }
    assert!(!s.history.can_redo());
    // A new change after an undo clears the redo side.
    let s = s.apply(Action::Undo).apply(Action::Clear);
    assert!(!s.history.can_redo());
}

#[test]
fn undo_is_at_least_a_hundred_steps_deep() {
    let mut s = d2l();
    for i in 1..=150 {
        s = s.apply(Action::BeginEdit { cell: cell(GridId::Map(0, 0), 0, 0), text: Some(format!("{i}")) });
        s = s.apply(Action::CommitEdit { rows: 0, cols: 0 });
    }
    assert_eq!(s.history.undo_len(), 150);
    for _ in 0..149 {
        s = s.apply(Action::Undo);
    }
    assert_eq!(s.scene.input.get(0, 0, 0), Some(1.0));
    assert_eq!(s.apply(Action::Undo).scene.input.get(0, 0, 0), Some(0.0), "back to d2l's 0");
}

#[test]
fn opening_a_link_keeps_the_saved_scene_one_undo_away() {
    let saved = r#"{"version":1,"input":[[5,6,7]],"layers":[{"type":"conv","kernel":[[1,1]]}]}"#;
    let link = "#scene=eyJ2ZXJzaW9uIjoxLCJpbnB1dCI6W1sxLDJdXX0"; // {"version":1,"input":[[1,2]]}
    let s = AppState::start(link, Some(saved));
    assert_eq!(s.scene.input.planes()[0].to_rows(), vec![vec![1.0, 2.0]]);
    let back = s.apply(Action::Undo);
    assert_eq!(back.scene.input.planes()[0].to_rows(), vec![vec![5.0, 6.0, 7.0]]);
    // No link: the saved scene is restored as it was.
    assert_eq!(AppState::start("", Some(saved)).scene, back.scene);
    // A broken autosave falls back to d2l's example and says why.
    let broken = AppState::start("", Some("{not json"));
    assert_eq!(*broken.scene, convscope::state::Scene::d2l_default());
    assert_eq!(broken.chrome.scene_error.unwrap().source, convscope::state::SceneSource::Saved);
}

#[test]
fn reset_asks_first_and_is_undoable() {
    let s = d2l().apply(Action::Preset(Preset::Laplacian));
    let asked = s.apply(Action::AskReset);
    assert!(asked.chrome.confirm_reset);
    assert_eq!(asked.scene, s.scene);
    assert!(!asked.apply(Action::CancelReset).chrome.confirm_reset);
    let reset = asked.apply(Action::ConfirmReset);
    assert_eq!(*reset.scene, convscope::state::Scene::d2l_default());
    assert_eq!(reset.apply(Action::Undo).scene, s.scene);
}

#[test]
fn a_bad_import_keeps_the_scene_and_says_why() {
    let s = d2l().apply(Action::Import(
        r#"{"version":1,"input":[[1]],"layers":[{"type":"conv","kernel":[[1]],"dilation":[0,1]}]}"#.into(),
    ));
    assert_eq!(*s.scene, convscope::state::Scene::d2l_default());
    let problem = s.chrome.scene_error.unwrap();
    assert_eq!(problem.source, convscope::state::SceneSource::File);
    assert_eq!((EN.scene_error)(&problem.error), "layer 1: dilation (height) must be ≥ 1, got 0");
}

#[test]
fn removing_a_layer_keeps_the_stepper_on_its_layer() {
    let s = run(d2l(), [Action::Preset(Preset::ConvPoolStack), Action::SetActive(l(2)), Action::StepForward]);
    let pool = s.scene.layers[1].clone();
    let s = run(s, [Action::RemoveLayer(l(1))]);
    assert_eq!(s.stepper.active, Some(l(1)));
    assert_eq!(s.scene.layers[0], pool, "still stepping through the pooling layer");
    let s = run(s, [Action::RemoveLayer(l(1))]);
    assert_eq!(s.stepper.active, Some(l(1)), "the removed active layer gives way to the next");
    assert_eq!(s.stepper.step, 0);
}

#[test]
fn not_a_number_and_long_text_get_short_clear_messages() {
    use convscope::state::edit::parse_value;
    assert_eq!(
        (EN.edit_error)(&parse_value("NaN").unwrap_err()),
        "“NaN” is not a number: type one such as 2, -1.5 or 0.25"
    );
    let long = "x".repeat(3000);
    let message = (EN.edit_error)(&parse_value(&long).unwrap_err());
    assert!(message.chars().count() < 80, "{message}");
}

#[test]
fn every_preset_builds_its_layers() {
    // (preset, input shape, every layer's output shape): a preset's parts are constants built
    // through one `expect`, so this test is what stands between a typo and a student's page.
    type Shape = (usize, usize);
    let expected: [(Preset, Shape, &[Shape]); 19] = [
        (Preset::D2l, (3, 3), &[(2, 2)]),
        (Preset::EdgeDetector, (6, 8), &[(6, 7)]),
        (Preset::LearnEdge, (6, 8), &[(6, 7)]),
        (Preset::Identity, (8, 8), &[(8, 8)]),
        (Preset::BoxBlur, (8, 8), &[(8, 8)]),
        (Preset::Sharpen, (8, 8), &[(8, 8)]),
        (Preset::SobelX, (8, 8), &[(8, 8)]),
        (Preset::SobelY, (8, 8), &[(8, 8)]),
        (Preset::Laplacian, (8, 8), &[(8, 8)]),
        (Preset::PaddingStride, (3, 3), &[(2, 2)]),
        (Preset::Dilation, (7, 7), &[(3, 3)]),
        (Preset::TwoLayers, (3, 3), &[(2, 2), (1, 1)]),
        (Preset::ConvStack, (11, 11), &[(9, 9), (7, 7), (5, 5), (3, 3)]),
        (Preset::ConvPoolStack, (12, 12), &[(10, 10), (5, 5), (3, 3), (1, 1)]),
        (Preset::DilatedStack, (16, 16), &[(14, 14), (10, 10), (2, 2)]),
        (Preset::TwoChannels, (3, 3), &[(2, 2)]),
        (Preset::ThreeOutputs, (3, 3), &[(2, 2)]),
        (Preset::OneByOne, (3, 3), &[(3, 3)]),
        (Preset::DepthwisePointwise, (6, 6), &[(6, 6), (6, 6)]),
    ];
    assert_eq!(expected.map(|e| e.0), Preset::ALL);
    for (preset, input, shapes) in expected {
        let scene = preset.scene();
        assert_eq!((scene.input.rows(), scene.input.cols()), input, "{preset:?}");
        let maps = forward_all(&scene.input, &scene.layers);
        let got: Vec<(usize, usize)> = maps.iter().map(|m| m.as_ref().map(|g| (g.rows(), g.cols())).unwrap()).collect();
        assert_eq!(got, shapes, "{preset:?}");
    }
}

#[test]
fn a_link_or_file_carries_its_view_and_a_view_that_does_not_fit_is_left_out() {
    use convscope::state::{NoticeKind, Scene, View, ViewCell, ViewPart};
    let two = r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]]},{"type":"conv","kernel":[[0,1],[2,3]]}]}"#;
    let scene = Scene::from_json(two).unwrap();
    let view = View { layer: l(1), step: 2, selected: Some(ViewCell { map: 2, channel: 0, row: 0, col: 0 }) };
    let json = scene.to_json_with(Some(view));
    assert!(json.contains(r#""view":{"layer":1,"step":2,"selected":{"map":2,"row":0,"col":0}}"#), "{json}");
    assert_eq!(Scene::open_json(&json).unwrap().view, ViewPart::Given(view));
    assert_eq!(Scene::open_json(two).unwrap().view, ViewPart::Absent, "older links have none");

    let s = d2l().apply(Action::Import(json.clone()));
    assert_eq!((s.stepper.active, s.stepper.step, s.position()), (Some(l(1)), 2, Some(Pos::new(0, 1, 0))));
    assert_eq!(s.editor.cursor, Some(cell(GridId::Map(2, 0), 0, 0)));
    assert_eq!(s.view(), Some(view), "the view reads back");
    assert!(s.chrome.notice.is_none());
    // Moving the view is no edit.
    let moved = s.apply(Action::StepForward);
    assert_eq!(moved.history.undo_len(), s.history.undo_len());
    // The autosave's view comes back with the scene.
    let restored = AppState::start("", Some(&json));
    assert_eq!(restored.view(), Some(view));

    for bad in [
        r#""view":{"layer":3,"step":0}"#,
        r#""view":{"layer":1,"step":4}"#,
        r#""view":{"layer":1,"step":0,"selected":{"map":1,"row":2,"col":0}}"#,
        r#""view":{"layer":"one"}"#,
    ] {
        let text = two.replacen(r#""version":1,"#, &format!(r#""version":1,{bad},"#), 1);
        let s = d2l().apply(Action::Import(text));
        assert_eq!(s.scene.layers.len(), 2, "the scene still opens: {bad}");
        assert_eq!((s.stepper.active, s.stepper.step, s.editor.cursor), (Some(l(1)), 0, None), "{bad}");
        assert_eq!(s.chrome.notice.as_ref().map(|n| n.kind), Some(NoticeKind::ViewDropped), "{bad}");
    }
}

#[test]
fn pinning_a_position_a_layer_does_not_have_changes_nothing() {
    // Found by the fuzz run: on a later, larger layer's last step, pinning layer 1 at a
    // position past its output left the step beyond layer 1's last.
    let s = run(d2l(), [Action::Preset(Preset::ConvStack), Action::SetActive(l(1)), Action::LastStep]);
    let before = (s.stepper.active, s.stepper.step);
    let s = run(s, [Action::SetActive(l(4)), Action::Pin { layer: l(1), at: Pos::new(0, 50, 0) }]);
    assert_eq!(s.stepper.active, Some(l(4)));
    assert!(s.stepper.step < s.total_steps().max(1));
    let s = run(s, [Action::Pin { layer: l(1), at: Pos::new(0, 8, 8) }]);
    assert_eq!((s.stepper.active, s.stepper.step), before);
}

#[test]
fn full_width_digits_from_an_input_method_are_numbers() {
    use convscope::state::edit::parse_value;
    use convscope::state::paste::parse_block;
    assert_eq!(parse_value("－３．５"), Ok(-3.5));
    assert_eq!(parse_value("１２"), Ok(12.0));
    assert_eq!(parse_block("１\t－２").unwrap().rows, vec![vec![1.0, -2.0]]);
    // Escape closes the QR code before it leaves presentation mode.
    let s = d2l().apply(Action::TogglePresent).apply(Action::ToggleShare).apply(Action::Dismiss);
    assert!(s.chrome.presenting && !s.chrome.sharing);
    // Fit measures again even at the fit.
    let again = s.apply(Action::ZoomFit);
    assert_ne!(again.chrome.fit_epoch, s.chrome.fit_epoch);
}

#[test]
fn a_new_copied_removed_or_moved_layer_reads_the_channels_it_is_given() {
    use convscope::state::NewLayer;
    // After three output channels, "Add convolution" reads all three (found by an exploratory
    // review: it used to read one, and the new layer had no output).
    let s = run(d2l(), [Action::Preset(Preset::ThreeOutputs), Action::AddLayer(NewLayer::Conv)]);
    assert!(forward_all(&s.scene.input, &s.scene.layers).iter().all(Result::is_ok));
    match &s.scene.layers[1] {
        Layer::Conv(c) => assert_eq!((c.in_channels(), c.out_channels()), (3, 1)),
        Layer::Pool(_) => unreachable!(),
    }
    // A copy of a 2 → 1 layer reads the 1 channel its original writes.
    let s = run(d2l(), [Action::Preset(Preset::TwoChannels), Action::DuplicateLayer(l(1))]);
    assert!(forward_all(&s.scene.input, &s.scene.layers).iter().all(Result::is_ok));
    // Removing the pointwise layer of depthwise + pointwise, then adding one back: all computes.
    let s = run(d2l(), [Action::Preset(Preset::DepthwisePointwise), Action::RemoveLayer(l(1))]);
    assert!(forward_all(&s.scene.input, &s.scene.layers).iter().all(Result::is_ok));
    // A link is opened as written: a mismatch there is the link's, and says so.
    let link = r#"{"version":1,"input":[[[1]],[[2]],[[3]]],"layers":[{"type":"conv","kernel":[[1]]}]}"#;
    let s = run(d2l(), [Action::Import(link.into())]);
    assert!(matches!(
        forward_all(&s.scene.input, &s.scene.layers)[0],
        Err(convscope::model::ModelError::ChannelMismatch { input: 3, expected: 1 })
    ));
}

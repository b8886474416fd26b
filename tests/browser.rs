//! Component tests in headless Chromium (wasm-bindgen-test): each component is mounted into a
//! fresh element of a real page and its DOM is read back.
#![cfg(target_arch = "wasm32")]

use convscope::components::grid_view::{GridView, GridViewProps};
use convscope::components::layer_panel::{KernelViews, LayerPanel, LayerPanelProps};
use convscope::components::props::{GridKind, Marks, Shared};

use convscope::model::{Channels, Conv, Grid, Hw, Layer, Mode, Pool, PoolKind, Slice};
use convscope::state::LayerId;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn attr_list(root: &Element, selector: &str, attr: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            let el: Element = wasm_bindgen::JsCast::dyn_into(list.item(i).unwrap()).unwrap();
            el.get_attribute(attr).unwrap_or_default()
        })
        .collect()
}

fn planes(map: &Channels) -> Shared<Vec<Shared<Grid>>> {
    Shared::from(map.planes().iter().cloned().map(Shared::from).collect::<Vec<_>>())
}

fn grid(rows: &[&[f64]]) -> Grid {
    Grid::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
}

#[wasm_bindgen_test]
async fn feature_map_draws_every_cell_and_its_padding_ring() {
    let root = mount_point();
    let props = yew::props!(GridViewProps {
        kind: GridKind::Map(0, 0),
        grid: Shared::from(grid(&[&[0.0, 1.5], &[-2.0, 1.0 / 3.0]])),
        padding: Hw::new(1, 2),
        label: "Input",
    });
    yew::Renderer::<GridView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    assert_eq!(
        attr_list(&root, "[data-map='0']:not([data-pad])", "data-value"),
        vec!["0", "1.5", "-2", &format!("{}", 1.0 / 3.0)]
    );
    // (2 + 2) × (2 + 4) cells in all, 4 of them values: 20 padding cells.
    assert_eq!(root.query_selector_all("[data-pad='true']").unwrap().length(), 20);
    let first_pad = root.query_selector("[data-pad='true']").unwrap().unwrap();
    assert_eq!(first_pad.get_attribute("data-row").as_deref(), Some("-1"));
    assert_eq!(first_pad.get_attribute("data-col").as_deref(), Some("-2"));
    // The display text is rounded; data-value is not.
    let third = root.query_selector("[data-row='1'][data-col='1']").unwrap().unwrap();
    assert_eq!(third.text_content().as_deref(), Some("0.333"));
    let table = root.query_selector("table[role='grid']").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-label").as_deref(), Some("Input, 2 × 2"));
}

#[wasm_bindgen_test]
async fn kernel_grid_shows_the_kernel_as_entered() {
    let root = mount_point();
    let props = yew::props!(GridViewProps {
        kind: GridKind::Kernel(LayerId::new(3).unwrap(), Slice::default()),
        grid: Shared::from(grid(&[&[1.0, -1.0]])),
        label: "Kernel",
    });
    yew::Renderer::<GridView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(attr_list(&root, "[data-kernel='3']", "data-value"), vec!["1", "-1"]);
    assert_eq!(attr_list(&root, "[data-kernel='3']", "data-col"), vec!["0", "1"]);
}

#[wasm_bindgen_test]
async fn layer_panel_shows_output_or_the_reason_it_has_none() {
    let x = grid(&[&[0.0, 1.0, 2.0], &[3.0, 4.0, 5.0], &[6.0, 7.0, 8.0]]);
    let k = grid(&[&[0.0, 1.0], &[2.0, 3.0]]);
    let conv = Layer::Conv(Conv::new(k, 0.0, Hw::square(1), Hw::square(0), Hw::square(1), Mode::Convolution).unwrap());
    let root = mount_point();
    let kernels = match &conv {
        Layer::Conv(c) => Some(KernelViews {
            entered: Shared::from(vec![(Slice::default(), Shared::from(c.slices().next().unwrap().1.clone()))]),
            applied: Shared::from(vec![(
                Slice::default(),
                Shared::from(c.applied_slice(Slice::default()).unwrap().clone()),
            )]),
            bias: Shared::from(Grid::filled(1, 1, c.bias()[0]).unwrap()),
        }),
        Layer::Pool(_) => None,
    };
    let props = yew::props!(LayerPanelProps {
        id: LayerId::new(1).unwrap(),
        count: 1,
        output: conv.forward(&Channels::from(x.clone())).map(|m| planes(&m)),
        layer: conv,
        kernel: kernels,
        next_padding: Hw::square(0),
        active: true,
        on_grid: yew::Callback::noop(),
        on_action: yew::Callback::noop(),
    });
    yew::Renderer::<LayerPanel>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(attr_list(&root, "[data-map='1']", "data-value"), vec!["5", "11", "23", "29"]);
    // The kernel is drawn as entered; the flipped kernel beside it is what is applied.
    assert_eq!(attr_list(&root, "[data-kernel='1']", "data-value"), vec!["0", "1", "2", "3"]);
    assert_eq!(attr_list(&root, "[data-flipped='1']", "data-value"), vec!["3", "2", "1", "0"]);
    assert_eq!(attr_list(&root, "[data-bias='1']", "data-value"), vec!["0"]);
    assert!(root.text_content().unwrap().contains("convolution (kernel flipped)"));

    let pool = Layer::Pool(Pool::new(PoolKind::Max, Hw::square(4), Hw::square(4), Hw::square(0)).unwrap());
    let root = mount_point();
    let props = yew::props!(LayerPanelProps {
        id: LayerId::new(2).unwrap(),
        count: 2,
        output: pool.forward(&Channels::from(x.clone())).map(|m| planes(&m)),
        layer: pool,
        next_padding: Hw::square(0),
        active: false,
        on_grid: yew::Callback::noop(),
        on_action: yew::Callback::noop(),
    });
    yew::Renderer::<LayerPanel>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let alert = root.query_selector("[role='alert']").unwrap().unwrap();
    assert_eq!(
        alert.text_content().unwrap(),
        "Layer 2: pooling window 4 taller than padded input 3: reduce the window or add padding ≥ 1"
    );
    assert!(root.query_selector("[data-map='2']").unwrap().is_none());
}

use std::cell::RefCell;
use std::rc::Rc;

use convscope::components::arithmetic::{Arithmetic, ArithmeticProps};
use convscope::components::grid_view::EditView;
use convscope::components::props::GridEvent;
use convscope::state::{CellId, GridId};
use wasm_bindgen::JsCast;

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap().text_content().unwrap()
}

fn x3() -> Grid {
    grid(&[&[0.0, 1.0, 2.0], &[3.0, 4.0, 5.0], &[6.0, 7.0, 8.0]])
}

async fn mount_arithmetic(layer: Layer, row: usize, col: usize, highlighted: Option<usize>) -> Element {
    let root = mount_point();
    let trace = layer.trace(&Channels::from(x3()), 0, row, col).unwrap();
    let props = yew::props!(ArithmeticProps { layer: 1usize, trace: Some(Shared::from(trace)), highlighted });
    yew::Renderer::<Arithmetic>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn arithmetic_writes_out_the_sum_as_d2l_does() {
    let k = grid(&[&[0.0, 1.0], &[2.0, 3.0]]);
    let layer = Layer::Conv(Conv::simple(k.clone(), 0.0).unwrap());
    let root = mount_arithmetic(layer, 0, 0, Some(2)).await;
    assert_eq!(text_of(&root, ".expression"), "0×0 + 1×1 + 3×2 + 4×3 + 0 = 19");
    assert_eq!(text_of(&root, "h2"), "Layer 1, output row 0, column 0");
    assert_eq!(text_of(&root, ".term.hl"), "3×2");
    assert_eq!(root.query_selector_all(".term[tabindex='0']").unwrap().length(), 4);

    // Padding terms show as 0 × w; negative factors are parenthesised; the bias comes last.
    let layer = Layer::Conv(
        Conv::new(grid(&[&[1.0, -1.0]]), -2.0, Hw::square(1), Hw::new(0, 1), Hw::square(1), Mode::CrossCorrelation)
            .unwrap(),
    );
    let root = mount_arithmetic(layer, 1, 0, None).await;
    assert_eq!(text_of(&root, ".expression"), "0×1 + 3×(-1) + (-2) = -5");
    assert_eq!(text_of(&root, ".term.pad"), "0×1");
}

#[wasm_bindgen_test]
async fn arithmetic_of_pooling() {
    let max = Layer::Pool(Pool::new(PoolKind::Max, Hw::square(2), Hw::square(2), Hw::square(1)).unwrap());
    let root = mount_arithmetic(max, 0, 0, None).await;
    assert_eq!(text_of(&root, ".expression"), "max(0) = 0 (padding ignored)");
    let avg = Layer::Pool(Pool::new(PoolKind::Avg, Hw::square(2), Hw::square(1), Hw::square(0)).unwrap());
    let root = mount_arithmetic(avg, 1, 1, None).await;
    assert_eq!(text_of(&root, ".expression"), "(4 + 5 + 7 + 8) / 4 = 6");
}

fn recorder() -> (Rc<RefCell<Vec<GridEvent>>>, yew::Callback<GridEvent>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&log);
    (log, yew::Callback::from(move |e| sink.borrow_mut().push(e)))
}

fn key(target: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn cell_editor_turns_keys_into_spreadsheet_events() {
    let root = mount_point();
    let (log, on_event) = recorder();
    let props = yew::props!(GridViewProps {
        kind: GridKind::Map(0, 0),
        grid: Shared::from(x3()),
        label: "Input",
        editable: true,
        cursor: Some((1, 1)),
        on_event,
    });
    yew::Renderer::<GridView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    // Roving tabindex: only the selected cell is a tab stop.
    assert_eq!(attr_list(&root, "td[tabindex='0']", "data-value"), vec!["4"]);
    assert_eq!(attr_list(&root, "td[aria-selected='true']", "data-value"), vec!["4"]);
    let selected = root.query_selector("td[aria-selected='true']").unwrap().unwrap();
    for k in ["ArrowRight", "7", "F2", "Enter", "Escape", "Delete", "x"] {
        key(&selected, k);
    }
    let input = |row, col| CellId { grid: GridId::Map(0, 0), row, col };
    // Mounting moved the DOM focus to the selected cell (which reports it as selected).
    assert_eq!(
        *log.borrow(),
        vec![
            GridEvent::Select(input(1, 1)),
            GridEvent::Move { rows: 0, cols: 1 },
            GridEvent::BeginEdit(input(1, 1), Some("7".into())),
            GridEvent::BeginEdit(input(1, 1), None),
            GridEvent::BeginEdit(input(1, 1), None),
            GridEvent::Escape,
            GridEvent::BeginEdit(input(1, 1), Some(String::new())),
            GridEvent::BeginEdit(input(1, 1), Some("x".into())),
        ]
    );
}

#[wasm_bindgen_test]
async fn cell_editor_shows_refused_text_with_its_message() {
    let root = mount_point();
    let (log, on_event) = recorder();
    let props = yew::props!(GridViewProps {
        kind: GridKind::Kernel(LayerId::FIRST, Slice::default()),
        grid: Shared::from(grid(&[&[0.0, 1.0], &[2.0, 3.0]])),
        label: "Layer 1 Kernel",
        editable: true,
        cursor: Some((0, 1)),
        edit: Some(EditView { row: 0, col: 1, raw: "abc".into(), message: Some("“abc” is not a number".into()) }),
        marks: Marks { linked: Rc::from(vec![(1, 0)]), ..Marks::default() },
        on_event,
    });
    yew::Renderer::<GridView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let editor: web_sys::HtmlInputElement =
        root.query_selector("td[data-row='0'][data-col='1'] input.cell-editor").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(editor.value(), "abc");
    assert_eq!(editor.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(editor.get_attribute("aria-describedby").as_deref(), Some("kernel-1-error"));
    let alert = root.query_selector("#kernel-1-error").unwrap().unwrap();
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(alert.text_content().unwrap(), "“abc” is not a number");
    // The value itself is unchanged in data-value; the edited cell still carries it.
    assert_eq!(attr_list(&root, "[data-kernel='1']", "data-value"), vec!["0", "1", "2", "3"]);
    assert_eq!(attr_list(&root, "[data-linked='true']", "data-value"), vec!["2"]);
    // The editor has the focus, and Enter / Tab / Escape inside it commit or cancel.
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active, editor.clone().unchecked_into::<Element>());
    for k in ["Enter", "Tab", "Escape", "ArrowLeft"] {
        key(&editor, k);
    }
    assert_eq!(
        *log.borrow(),
        vec![GridEvent::Commit { rows: 1, cols: 0 }, GridEvent::Commit { rows: 0, cols: 1 }, GridEvent::Cancel]
    );
}

thread_local! {
    /// How the test below changes the grid its host shows.
    static SET_GRID: RefCell<Option<yew::UseStateSetter<Shared<Grid>>>> = const { RefCell::new(None) };
}

/// Shows one grid, with a mark on its top-left cell, until the test gives it another.
#[yew::function_component]
fn Host() -> yew::Html {
    let grid = yew::use_state(|| Shared::from(x3()));
    SET_GRID.with(|s| *s.borrow_mut() = Some(grid.setter()));
    let marks = Marks { window: Rc::from(vec![(0, 0)]), ..Marks::default() };
    yew::html! { <GridView kind={GridKind::Map(0, 0)} grid={(*grid).clone()} label="Input" marks={marks} /> }
}

/// The rule `grid_view`'s marks rely on: they are attributes set outside the virtual DOM, so
/// they stay right only while Yew keeps the same `<td>` elements, which it does as long as a
/// grid's shape is unchanged (rows and cells keyed by position). New values, same elements,
/// marks still on them.
#[wasm_bindgen_test]
async fn new_values_keep_the_cells_and_their_marks() {
    let root = mount_point();
    yew::Renderer::<Host>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let before = root.query_selector_all("td").unwrap();
    assert_eq!(before.length(), 9);
    let changed = grid(&[&[9.0, 1.0, 2.0], &[3.0, -4.0, 5.0], &[6.0, 7.0, 80.0]]);
    SET_GRID.with(|s| s.borrow().as_ref().unwrap().set(Shared::from(changed)));
    yew::scheduler::flush().await;
    let after = root.query_selector_all("td").unwrap();
    assert_eq!(after.length(), 9);
    for i in 0..9 {
        assert!(before.item(i).unwrap().is_same_node(after.item(i).as_ref()), "cell {i} is the same element");
    }
    assert_eq!(attr_list(&root, "td", "data-value"), vec!["9", "1", "2", "3", "-4", "5", "6", "7", "80"]);
    assert_eq!(attr_list(&root, "td[data-window='true']", "data-value"), vec!["9"]);
}

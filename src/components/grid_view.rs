//! Any grid of numbers (a feature map, a kernel, a bias) as a WAI-ARIA grid that edits like a
//! spreadsheet.
//!
//! One cell is the tab stop (roving tabindex); arrows move it. On an editable grid, typing
//! starts editing and replaces the value, Enter / F2 / double-click edit the current value,
//! Enter or Tab commit, Escape cancels. Refused text stays in the field with `aria-invalid` and
//! a message in a `role="alert"` beside the grid. All events go out through one stable
//! callback, read from the cell's `data-row` / `data-col`, so cells get no closures of their own.
//!
//! Cells carry the public `data-*` contract (README): `data-map` (with `data-channel`) /
//! `data-kernel` and `data-flipped` (with `data-out`, `data-in`) / `data-bias` (with
//! `data-out`), `data-row`, `data-col`, `data-value`, `data-pad`, and the marks `data-window`,
//! `data-current`, `data-linked`, `data-selected`, `data-rf` and `data-pf`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTableElement, HtmlTableRowElement};
use yew::prelude::*;

use super::cells::{display_value, grey_class, scale_of, value_class, widest, width_class};
use super::hooks::use_strings;
use super::props::{GridEvent, GridKind, Marks, Shared};
use crate::model::{format_value, signed, Coord, Grid, Hw, Slice};
use crate::state::canvas::Region;
use crate::state::{CellId, LayerId};

/// The editor shown in one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct EditView {
    /// Row of the cell being edited.
    pub row: isize,
    /// Column of the cell being edited.
    pub col: isize,
    /// The text in the editor.
    pub raw: AttrValue,
    /// Why the last commit was refused, in words.
    pub message: Option<AttrValue>,
}

/// Props of [`GridView`].
#[derive(Properties, PartialEq)]
pub struct GridViewProps {
    /// What the grid draws.
    pub kind: GridKind,
    /// The values.
    pub grid: Shared<Grid>,
    /// Padding drawn around the grid (that of the layer reading a map).
    #[prop_or(Hw::square(0))]
    pub padding: Hw,
    /// Only these cells (a magnifier of a map drawn on a canvas); all of them when `None`.
    #[prop_or_default]
    pub region: Option<Region>,
    /// Cells in greys, black at 0 (a magnifier beside a picture drawn in greys).
    #[prop_or(false)]
    pub grey: bool,
    /// Accessible name, e.g. "Input".
    pub label: AttrValue,
    /// Marked cells.
    #[prop_or_default]
    pub marks: Marks,
    /// Whether values can be typed.
    #[prop_or(false)]
    pub editable: bool,
    /// The selected cell of this grid, if the selection is here.
    #[prop_or_default]
    pub cursor: Option<Coord>,
    /// The open editor, if it is in this grid.
    #[prop_or_default]
    pub edit: Option<EditView>,
    /// Whether the whole grid is selected (Ctrl/⌘+A).
    #[prop_or_default]
    pub whole: bool,
    /// Why the last paste into this grid was refused.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
    /// Where events go.
    #[prop_or_default]
    pub on_event: Callback<GridEvent>,
}

/// A grid of numbers.
#[component]
pub fn GridView(props: &GridViewProps) -> Html {
    let t = use_strings();
    let table = use_node_ref();
    let kind = props.kind;

    // Keep the DOM focus on the selected cell (or its editor) after the selection moves.
    {
        let table = table.clone();
        // (A refusal is part of it: a field that let go of the focus for a commit the reducer
        // then refused takes the focus back.)
        let deps = (props.cursor, props.edit.as_ref().map(|e| (e.row, e.col, e.message.is_some())));
        use_effect_with(deps, move |(cursor, edit)| {
            focus_selection(&table, *cursor, edit.is_some());
        });
    }

    let cell_at = move |target: Option<Element>| -> Option<CellId> {
        let td = target?.closest("td[data-row]").ok()??;
        let row = td.get_attribute("data-row")?.parse().ok()?;
        let col = td.get_attribute("data-col")?.parse().ok()?;
        Some(CellId { grid: kind.id()?, row, col })
    };

    let on_focus = {
        let on_event = props.on_event.clone();
        Callback::from(move |e: FocusEvent| {
            if e.target_dyn_into::<HtmlInputElement>().is_some() {
                return;
            }
            if let Some(cell) = cell_at(e.target_dyn_into::<Element>()) {
                on_event.emit(GridEvent::Select(cell));
            }
        })
    };
    let on_click = {
        let on_event = props.on_event.clone();
        let editable = props.editable;
        Callback::from(move |e: MouseEvent| {
            if let Some(cell) = cell_at(e.target_dyn_into::<Element>()) {
                if !editable && cell.row >= 0 && cell.col >= 0 {
                    on_event.emit(GridEvent::Activate(cell));
                }
            }
        })
    };
    // A tap on an editable cell of a touch screen selects it and opens its editor at once (a
    // phone has no double click, and the keyboard comes with the editor). The editor's text
    // keyboard has a minus key, which the decimal keypad of iOS has not.
    let on_pointer_up = {
        let on_event = props.on_event.clone();
        let editable = props.editable;
        Callback::from(move |e: PointerEvent| {
            if !editable || e.pointer_type() != "touch" || e.target_dyn_into::<HtmlInputElement>().is_some() {
                return;
            }
            if let Some(cell) = cell_at(e.target_dyn_into::<Element>()).filter(|c| c.row >= 0 && c.col >= 0) {
                on_event.emit(GridEvent::Select(cell));
                on_event.emit(GridEvent::BeginEdit(cell, None));
            }
        })
    };
    let on_dblclick = {
        let on_event = props.on_event.clone();
        let editable = props.editable;
        Callback::from(move |e: MouseEvent| {
            if let (true, Some(cell)) = (editable, cell_at(e.target_dyn_into::<Element>())) {
                on_event.emit(GridEvent::BeginEdit(cell, None));
            }
        })
    };
    // Pointing at a weight of the flipped kernel is pointing at the weight it came from.
    let (rows_n, cols_n) = (signed(props.grid.rows()), signed(props.grid.cols()));
    let on_over = {
        let on_event = props.on_event.clone();
        Callback::from(move |e: MouseEvent| {
            let target = e.target_dyn_into::<Element>();
            let cell = match kind {
                GridKind::Flipped(l, s) => flipped_source(target, l, s, rows_n, cols_n),
                _ => cell_at(target),
            };
            on_event.emit(GridEvent::Hover(cell));
        })
    };
    let on_leave = {
        let on_event = props.on_event.clone();
        Callback::from(move |_: MouseEvent| on_event.emit(GridEvent::Hover(None)))
    };
    // Stable, so that rows (which hold them) do not re-render for their sake.
    let on_input = use_callback(props.on_event.clone(), |e: InputEvent, on_event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            on_event.emit(GridEvent::EditText(input.value()));
        }
    });
    // Leaving the editor (a click on a button or another cell) commits it, as a spreadsheet
    // does; refused text stays open with its message.
    let on_blur = use_callback(props.on_event.clone(), |_: FocusEvent, on_event| {
        on_event.emit(GridEvent::Commit { rows: 0, cols: 0 });
    });
    // The editor's form is submitted by a phone keyboard's Done key when no Enter key press
    // came before it (which would have committed and prevented it): the same as Enter.
    let on_submit = use_callback(props.on_event.clone(), |e: SubmitEvent, on_event| {
        e.prevent_default();
        on_event.emit(GridEvent::Commit { rows: 1, cols: 0 });
    });
    // The marks live outside the virtual DOM: a step moves a handful of attributes instead of
    // re-rendering thousands of cells. They are re-applied whenever they or the cells change.
    // The cells on show: a magnifier's region, else the whole grid with its padding.
    let (ph, pw) = (signed(props.padding.h), signed(props.padding.w));
    let (rows, cols) = (signed(props.grid.rows()), signed(props.grid.cols()));
    let region = props.region.unwrap_or(Region { rows: (-ph, rows + ph), cols: (-pw, cols + pw) });
    {
        let table = table.clone();
        let applied = use_mut_ref(Applied::default);
        let shape = (props.grid.rows(), props.grid.cols(), region);
        use_effect_with((props.marks.clone(), shape), move |(marks, shape)| {
            apply_marks(&table, &mut applied.borrow_mut(), marks, *shape);
        });
    }
    // Paste a block (from a spreadsheet, Python, a printed tensor) at the selected cell; copy
    // the whole grid as tab-separated text. The editor's own field keeps its own clipboard.
    let on_paste = {
        let on_event = props.on_event.clone();
        let cursor = props.cursor;
        Callback::from(move |e: Event| {
            if e.target_dyn_into::<HtmlInputElement>().is_some() {
                return;
            }
            let text = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok());
            if let (Some(text), Some((row, col)), Some(grid)) = (text, cursor, kind.id()) {
                e.prevent_default();
                on_event.emit(GridEvent::Paste(CellId { grid, row, col }, text));
            }
        })
    };
    let on_copy = {
        let grid = props.grid.clone();
        Callback::from(move |e: Event| {
            if e.target_dyn_into::<HtmlInputElement>().is_some() {
                return;
            }
            if let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|c| c.clipboard_data()) {
                if data.set_data("text/plain", &crate::state::edit::to_tsv(&grid)).is_ok() {
                    e.prevent_default();
                }
            }
        })
    };
    let on_keydown = {
        let on_event = props.on_event.clone();
        let editable = props.editable;
        let cursor = props.cursor;
        Callback::from(move |e: KeyboardEvent| {
            if let Some(event) = key_event(&e, kind, editable, cursor) {
                e.prevent_default();
                e.stop_propagation();
                let committing = matches!(event, GridEvent::Commit { .. });
                on_event.emit(event);
                // A commit that will be taken closes the editor. Its field lets go of the focus
                // now, while the page is laid out, rather than when the render removes it: a
                // focused element removed from a changed page makes the browser lay the whole
                // page out there and then (2–10 ms an edit). The blur's own commit comes after
                // this one and finds no editor; a refused text keeps the focus in its field.
                if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                    if committing && crate::state::edit::parse_value(&input.value()).is_ok() {
                        let _ = input.blur();
                    }
                }
            }
        })
    };

    // Every cell of a grid has the same fixed size, wide enough for its longest value, so a
    // changed value re-lays out its own cell only (each value box is size-contained). Both
    // scans of every value run once a grid, not once a step: a magnifier's map has 65,536.
    let (scale, chars) = *use_memo(props.grid.clone(), |grid| (scale_of(grid), widest(grid.values())));
    let grid = &props.grid;
    // The tab stop: the selected cell, else the first value cell.
    let stop = props.cursor.unwrap_or((0, 0));
    let error_id: AttrValue = format!("{}-error", kind.dom_id()).into();
    let body: Html = (region.rows.0..region.rows.1)
        .map(|r| {
            let cells: Rc<[Option<f64>]> = (region.cols.0..region.cols.1).map(|c| grid.get_signed(r, c)).collect();
            html! {
                <GridRow key={r} kind={kind} row={r} first_col={region.cols.0} cells={cells} scale={scale} grey={props.grey}
                    stop={(stop.0 == r).then_some(stop.1)}
                    selected={props.cursor.filter(|c| c.0 == r).map(|c| c.1)}
                    edit={props.edit.clone().filter(|e| e.row == r)}
                    label={props.label.clone()} error_id={error_id.clone()} on_input={on_input.clone()}
                    on_blur={on_blur.clone()} on_submit={on_submit.clone()} />
            }
        })
        .collect();
    let label = match kind {
        GridKind::Bias(_) | GridKind::LearnedBias(_) if grid.rows() == 1 => props.label.to_string(),
        _ => (t.grid_label)(&props.label, grid.rows(), grid.cols()),
    };
    let error = props.edit.as_ref().and_then(|e| e.message.clone()).or_else(|| props.refused.clone());
    html! {
        <div class="grid-wrap" translate="no">
            <table ref={table} id={kind.dom_id()} class={classes!("grid", kind_class(kind), width_class(chars), props.whole.then_some("whole"))}
                role="grid"
                aria-label={label} onfocusin={on_focus} onclick={on_click} ondblclick={on_dblclick} onpointerup={on_pointer_up} onpaste={on_paste} oncopy={on_copy}
                onmouseover={on_over} onmouseleave={on_leave} onkeydown={on_keydown}>
                <tbody>{ body }</tbody>
            </table>
            if let Some(message) = error {
                <p class="field-error" role="alert" id={error_id.clone()}>{ message }</p>
            }
        </div>
    }
}

/// Props of [`GridRow`].
#[derive(Properties, PartialEq)]
pub struct GridRowProps {
    /// What the grid draws.
    pub kind: GridKind,
    /// This row (negative in the padding above).
    pub row: isize,
    /// Column of the first cell (negative when padded on the left).
    pub first_col: isize,
    /// The cells, `None` in padding. Compared by value: a row whose values did not change is
    /// not re-rendered.
    pub cells: Rc<[Option<f64>]>,
    /// Colour scale of the grid.
    pub scale: f64,
    /// Greys instead of the diverging colours.
    pub grey: bool,
    /// Column of the tab stop, if it is in this row.
    pub stop: Option<isize>,
    /// Column of the selected cell, if it is in this row.
    pub selected: Option<isize>,
    /// The editor, if it is in this row.
    pub edit: Option<EditView>,
    /// The grid's accessible name (for the editor's).
    pub label: AttrValue,
    /// Id of the grid's error message.
    pub error_id: AttrValue,
    /// Input events of the editor.
    pub on_input: Callback<InputEvent>,
    /// The editor lost the focus.
    pub on_blur: Callback<FocusEvent>,
    /// The editor's form was submitted.
    pub on_submit: Callback<SubmitEvent>,
}

/// One row of a grid.
#[component]
pub fn GridRow(props: &GridRowProps) -> Html {
    let t = use_strings();
    let r = props.row;
    let (mut map_attr, mut kernel_attr, mut bias_attr, mut flipped_attr) = (None, None, None, None);
    let (mut channel_attr, mut out_attr, mut in_attr) = (None, None, None);
    let number = Some(AttrValue::from(props.kind.number().to_string()));
    let text = |n: usize| Some(AttrValue::from(n.to_string()));
    match props.kind {
        GridKind::Map(_, c) => (map_attr, channel_attr) = (number.clone(), text(c)),
        GridKind::Kernel(_, s) => (kernel_attr, out_attr, in_attr) = (number.clone(), text(s.out), text(s.inp)),
        GridKind::Bias(_) => (bias_attr, out_attr) = (number.clone(), Some(AttrValue::from(r.to_string()))),
        GridKind::Flipped(_, s) => (flipped_attr, out_attr, in_attr) = (number.clone(), text(s.out), text(s.inp)),
        GridKind::Init(_, s) | GridKind::Learned(_, s) | GridKind::LearnedFlipped(_, s) | GridKind::Discover(_, s) => {
            (out_attr, in_attr) = (text(s.out), text(s.inp))
        }
        GridKind::LearnedBias(_) => out_attr = Some(AttrValue::from(r.to_string())),
        GridKind::LearnMap(_, c) => channel_attr = text(c),
    }
    // The learning demo's grids: one attribute each, naming the layer learned (or the map).
    let learn = |k: fn(GridKind) -> bool| k(props.kind).then(|| number.clone()).flatten();
    let init_attr = learn(|k| matches!(k, GridKind::Init(..)));
    let learned_attr = learn(|k| matches!(k, GridKind::Learned(..)));
    let learned_bias_attr = learn(|k| matches!(k, GridKind::LearnedBias(..)));
    let learned_flipped_attr = learn(|k| matches!(k, GridKind::LearnedFlipped(..)));
    let true_attr = learn(|k| matches!(k, GridKind::Discover(..)));
    let learn_map_attr = match props.kind {
        GridKind::LearnMap(m, _) => Some(AttrValue::Static(m.name())),
        _ => None,
    };
    let row: AttrValue = r.to_string().into();
    let cells: Html = props
        .cells
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let c = props.first_col.saturating_add(signed(i));
            let tabindex = if props.stop == Some(c) { "0" } else { "-1" };
            let selected = (props.selected == Some(c)).then_some("true");
            let editing = props.edit.as_ref().filter(|e| e.col == c);
            let content = match (editing, value) {
                // The editor sits in the same fixed, size-contained box as a value, so opening
                // and closing it never re-lays out the table.
                // In a form of its own: focusing a text field outside any form makes Chrome
                // look through every focusable element of the page for the "next field" of a
                // phone keyboard, laying out each panel skipped as off screen on its way
                // (20 ms to open an editor at 64×64 × 8 layers; 3 ms in a form). A `div`, not
                // a `span`: a form is not phrasing content.
                (Some(e), _) => html! {
                    <div class="v"><form class="cell-form" onsubmit={props.on_submit.clone()}>
                        <input class="cell-editor" type="text" inputmode="text" enterkeyhint="done" autocomplete="off"
                            value={e.raw.clone()} oninput={props.on_input.clone()} onblur={props.on_blur.clone()}
                            aria-label={(t.cell_name)(&props.label, r, c)}
                            aria-invalid={e.message.as_ref().map(|_| "true")}
                            aria-describedby={e.message.as_ref().map(|_| props.error_id.clone())} />
                    </form></div>
                },
                (None, Some(v)) => html! { <span class="v">{ display_value(v) }</span> },
                (None, None) => html! { <span class="v">{ "0" }</span> },
            };
            match value {
                Some(v) => html! {
                    <td role="gridcell" class={classes!("cell", if props.grey { grey_class(v, props.scale) } else { value_class(v, props.scale) })}
                        data-map={map_attr.clone()} data-kernel={kernel_attr.clone()}
                        data-bias={bias_attr.clone()} data-flipped={flipped_attr.clone()}
                        data-channel={channel_attr.clone()} data-out={out_attr.clone()} data-in={in_attr.clone()}
                        data-learn-init={init_attr.clone()} data-learned={learned_attr.clone()}
                        data-learned-bias={learned_bias_attr.clone()} data-learned-flipped={learned_flipped_attr.clone()}
                        data-learn-true={true_attr.clone()} data-learn-map={learn_map_attr.clone()}
                        tabindex={tabindex} aria-selected={selected}
                        data-row={row.clone()} data-col={c.to_string()} data-value={format_value(v)}>
                        { content }
                    </td>
                },
                None => html! {
                    <td role="gridcell" class="cell pad"
                        data-map={map_attr.clone()} data-kernel={kernel_attr.clone()}
                        data-bias={bias_attr.clone()} data-flipped={flipped_attr.clone()}
                        data-channel={channel_attr.clone()} data-out={out_attr.clone()} data-in={in_attr.clone()}
                        tabindex={tabindex} aria-selected={selected} aria-label={t.padding_cell}
                        data-row={row.clone()} data-col={c.to_string()} data-pad="true">
                        { content }
                    </td>
                },
            }
        })
        .collect();
    html! { <tr role="row">{ cells }</tr> }
}

/// The attributes that mark cells, and where each list of marked cells comes from.
const MARK_ATTRIBUTES: [&str; 6] =
    ["data-window", "data-current", "data-linked", "data-selected", "data-rf", "data-pf"];

/// The marks on the page now: for each attribute and cell, the element that carries it, and
/// the shape of the grid they were put on (rows, columns, and the cell in the table's corner).
#[derive(Default)]
struct Applied {
    shape: Option<(usize, usize, Region)>,
    marks: HashMap<(&'static str, Coord), Element>,
}

/// Moves the marks to their new cells: takes off only those that left and puts on only those
/// that arrived (a change of attribute restyles its cell, so unchanged marks are left alone).
/// Cells are found by row and column through the table's rows and cells, not by a search.
/// When the grid changed shape, its cells may be new elements, so every mark is put on again.
fn apply_marks(table: &NodeRef, applied: &mut Applied, marks: &Marks, shape: (usize, usize, Region)) {
    let shown = shape.2;
    let mut wanted: HashSet<(&'static str, Coord)> = HashSet::new();
    let lists: [&[Coord]; 6] =
        [&marks.window, marks.current.as_slice(), &marks.linked, marks.selected.as_slice(), &marks.rf, &marks.pf];
    // Only the cells on show: a magnifier's map may have 65,536 marked (a weight's reach).
    for (attribute, cells) in MARK_ATTRIBUTES.into_iter().zip(lists) {
        wanted.extend(cells.iter().filter(|&&at| shown.contains(at)).map(|&at| (attribute, at)));
    }
    let reshaped = applied.shape != Some(shape);
    applied.marks.retain(|key, element| {
        let keep = !reshaped && wanted.contains(key);
        if !keep {
            let _ = element.remove_attribute(key.0);
        }
        keep
    });
    applied.shape = Some(shape);
    let Some(table) = table.cast::<HtmlTableElement>() else { return };
    let rows = table.rows();
    let (r0, c0) = (shown.rows.0, shown.cols.0);
    for key @ (attribute, (r, c)) in wanted {
        if applied.marks.contains_key(&key) {
            continue;
        }
        let element = (|| {
            let row: HtmlTableRowElement = rows.item(u32::try_from(r.checked_sub(r0)?).ok()?)?.dyn_into().ok()?;
            let cells = row.cells();
            let cell = cells.item(u32::try_from(c.checked_sub(c0)?).ok()?)?;
            // A magnifier shows part of a map: a mark outside it has no cell.
            (u32::try_from(c.checked_sub(c0)?).ok()? < cells.length()).then_some(cell)
        })();
        if let Some(element) = element {
            if element.set_attribute(attribute, "true").is_ok() {
                applied.marks.insert(key, element);
            }
        }
    }
}

/// The weight of layer `l`'s kernel slice `s` as entered that a cell of its flipped slice shows.
fn flipped_source(target: Option<Element>, l: LayerId, s: Slice, rows: isize, cols: isize) -> Option<CellId> {
    let td = target?.closest("td[data-row]").ok()??;
    let row: isize = td.get_attribute("data-row")?.parse().ok()?;
    let col: isize = td.get_attribute("data-col")?.parse().ok()?;
    Some(CellId { grid: crate::state::GridId::Kernel(l, s), row: rows - 1 - row, col: cols - 1 - col })
}

fn kind_class(kind: GridKind) -> &'static str {
    match kind {
        GridKind::Map(..) => "map",
        GridKind::Kernel(..) => "kernel",
        GridKind::Bias(_) => "bias",
        GridKind::Flipped(..) | GridKind::LearnedFlipped(..) => "kernel flipped",
        GridKind::Init(..) | GridKind::Learned(..) | GridKind::Discover(..) => "kernel",
        GridKind::LearnedBias(_) => "bias",
        GridKind::LearnMap(..) => "map",
    }
}

/// How many rows Page Up / Page Down move the selection.
const PAGE_ROWS: isize = 8;

/// The grid event a key press means, if any (the caller then prevents the default).
fn key_event(e: &KeyboardEvent, kind: GridKind, editable: bool, cursor: Option<Coord>) -> Option<GridEvent> {
    let key = e.key();
    if e.target_dyn_into::<HtmlInputElement>().is_some() {
        return match key.as_str() {
            "Enter" => Some(GridEvent::Commit { rows: if e.shift_key() { -1 } else { 1 }, cols: 0 }),
            "Tab" => Some(GridEvent::Commit { rows: 0, cols: if e.shift_key() { -1 } else { 1 } }),
            "Escape" => Some(GridEvent::Cancel),
            _ => None,
        };
    }
    let (row, col) = cursor?;
    let cell = CellId { grid: kind.id()?, row, col };
    let modified = e.ctrl_key() || e.meta_key() || e.alt_key();
    match key.as_str() {
        "ArrowUp" => Some(GridEvent::Move { rows: -1, cols: 0 }),
        "ArrowDown" => Some(GridEvent::Move { rows: 1, cols: 0 }),
        "ArrowLeft" => Some(GridEvent::Move { rows: 0, cols: -1 }),
        "ArrowRight" => Some(GridEvent::Move { rows: 0, cols: 1 }),
        "Home" if e.ctrl_key() || e.meta_key() => Some(GridEvent::Move { rows: isize::MIN / 2, cols: isize::MIN / 2 }),
        "End" if e.ctrl_key() || e.meta_key() => Some(GridEvent::Move { rows: isize::MAX / 2, cols: isize::MAX / 2 }),
        "Home" if !modified => Some(GridEvent::Move { rows: 0, cols: isize::MIN / 2 }),
        "End" if !modified => Some(GridEvent::Move { rows: 0, cols: isize::MAX / 2 }),
        "PageUp" => Some(GridEvent::Move { rows: -PAGE_ROWS, cols: 0 }),
        "PageDown" => Some(GridEvent::Move { rows: PAGE_ROWS, cols: 0 }),
        "Enter" | "F2" if editable => Some(GridEvent::BeginEdit(cell, None)),
        "Enter" | " " if !editable => Some(GridEvent::Activate(cell)),
        "Escape" => Some(GridEvent::Escape),
        "a" | "A" if (e.ctrl_key() || e.meta_key()) && !e.alt_key() => Some(GridEvent::SelectAll(cell.grid)),
        "Delete" | "Backspace" if editable => Some(GridEvent::BeginEdit(cell, Some(String::new()))),
        k if editable && !modified && k.chars().count() == 1 && k != " " => {
            Some(GridEvent::BeginEdit(cell, Some(k.to_owned())))
        }
        _ => None,
    }
}

/// Moves the DOM focus to the editor, or to the selected cell when the focus is in this grid
/// or nowhere (it falls to the body when an editor closes).
fn focus_selection(table: &NodeRef, cursor: Option<Coord>, editing: bool) {
    let Some(table) = table.cast::<Element>() else { return };
    let document = web_sys::window().and_then(|w| w.document());
    let active = document.as_ref().and_then(|d| d.active_element());
    let focus_is_here = match &active {
        None => true,
        Some(a) => table.contains(Some(a)) || a.tag_name().eq_ignore_ascii_case("body"),
    };
    if editing {
        if let Some(input) = table
            .query_selector("input.cell-editor")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
        {
            if active.as_ref() != Some(input.as_ref()) {
                let _ = input.focus();
                let end = u32::try_from(input.value().len()).unwrap_or(0);
                let _ = input.set_selection_range(end, end);
            }
        }
        return;
    }
    let Some((r, c)) = cursor else { return };
    if !focus_is_here {
        return;
    }
    let selector = format!("td[data-row=\"{r}\"][data-col=\"{c}\"]");
    if let Some(td) = table.query_selector(&selector).ok().flatten().and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        if active.as_ref() != Some(td.as_ref()) {
            let _ = td.focus();
        }
    }
}

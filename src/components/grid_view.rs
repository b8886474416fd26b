//! Any grid of numbers (a feature map, a kernel, a bias) as a WAI-ARIA grid that edits like a
//! spreadsheet.
//!
//! One cell is the tab stop (roving tabindex); arrows move it. On an editable grid, typing
//! starts editing and replaces the value, Enter / F2 / double-click edit the current value,
//! Enter or Tab commit, Escape cancels. Refused text stays in the field with `aria-invalid` and
//! a message in a `role="alert"` beside the grid. All events go out through one stable
//! callback, read from the cell's `data-row` / `data-col`, so cells get no closures of their own.
//!
//! Cells carry the public `data-*` contract (README): `data-map` / `data-kernel` /
//! `data-bias`, `data-row`, `data-col`, `data-value`, `data-pad`, and the marks `data-window`,
//! `data-current`, `data-linked`, `data-selected`, `data-rf` and `data-pf`.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::cells::{display_value, scale_of, value_style};
use super::props::{GridEvent, GridKind, Marks, Shared};
use crate::model::{format_value, Coord, Grid, Hw};
use crate::state::CellId;

/// The editor shown in one cell.
#[derive(Clone, Debug, PartialEq)]
pub struct EditView {
    /// Row of the cell being edited.
    pub row: isize,
    /// Column of the cell being edited.
    pub col: isize,
    /// The text in the editor.
    pub raw: AttrValue,
    /// Why the last commit was refused.
    pub error: Option<AttrValue>,
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
    /// Where events go.
    #[prop_or_default]
    pub on_event: Callback<GridEvent>,
}

/// A grid of numbers.
#[component]
pub fn GridView(props: &GridViewProps) -> Html {
    let table = use_node_ref();
    let kind = props.kind;

    // Keep the DOM focus on the selected cell (or its editor) after the selection moves.
    {
        let table = table.clone();
        let deps = (props.cursor, props.edit.as_ref().map(|e| (e.row, e.col)));
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
    let on_dblclick = {
        let on_event = props.on_event.clone();
        let editable = props.editable;
        Callback::from(move |e: MouseEvent| {
            if let (true, Some(cell)) = (editable, cell_at(e.target_dyn_into::<Element>())) {
                on_event.emit(GridEvent::BeginEdit(cell, None));
            }
        })
    };
    let on_over = {
        let on_event = props.on_event.clone();
        Callback::from(move |e: MouseEvent| {
            on_event.emit(GridEvent::Hover(cell_at(e.target_dyn_into::<Element>())));
        })
    };
    let on_leave = {
        let on_event = props.on_event.clone();
        Callback::from(move |_: MouseEvent| on_event.emit(GridEvent::Hover(None)))
    };
    let on_input = {
        let on_event = props.on_event.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                on_event.emit(GridEvent::EditText(input.value()));
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
                on_event.emit(event);
            }
        })
    };

    let grid = &props.grid;
    let scale = scale_of(grid);
    let (ph, pw) = (signed(props.padding.h), signed(props.padding.w));
    let (rows, cols) = (signed(grid.rows()), signed(grid.cols()));
    // The tab stop: the selected cell, else the first value cell.
    let stop = props.cursor.unwrap_or((0, 0));
    let marks = &props.marks;
    let dom_id = kind.dom_id();
    let error_id = format!("{dom_id}-error");
    let (mut map_attr, mut kernel_attr, mut bias_attr, mut flipped_attr) = (None, None, None, None);
    match kind {
        GridKind::Map(m) => map_attr = Some(m.to_string()),
        GridKind::Kernel(l) => kernel_attr = Some(l.to_string()),
        GridKind::Bias(l) => bias_attr = Some(l.to_string()),
        GridKind::Flipped(l) => flipped_attr = Some(l.to_string()),
    }
    let body: Html = (-ph..rows + ph)
        .map(|r| {
            let cells: Html = (-pw..cols + pw)
                .map(|c| {
                    let at = (r, c);
                    let window = marks.window.binary_search(&at).is_ok().then_some("true");
                    let current = (marks.current == Some(at)).then_some("true");
                    let linked = marks.linked.binary_search(&at).is_ok().then_some("true");
                    let in_rf = marks.rf.binary_search(&at).is_ok().then_some("true");
                    let in_pf = marks.pf.binary_search(&at).is_ok().then_some("true");
                    let chosen = (marks.selected == Some(at)).then_some("true");
                    let tabindex = if at == stop { "0" } else { "-1" };
                    let selected = (props.cursor == Some(at)).then_some("true");
                    let value = grid.get_signed(r, c);
                    let editing = props.edit.as_ref().filter(|e| (e.row, e.col) == at);
                    let mut class = classes!("cell");
                    if value.is_none() {
                        class.push("pad");
                    }
                    let content = match (editing, value) {
                        (Some(e), _) => html! {
                            <input class="cell-editor" type="text" inputmode="decimal"
                                value={e.raw.clone()} oninput={on_input.clone()}
                                aria-label={format!("{}, row {r}, column {c}", props.label)}
                                aria-invalid={e.error.as_ref().map(|_| "true")}
                                aria-describedby={e.error.as_ref().map(|_| error_id.clone())} />
                        },
                        (None, Some(v)) => html! { display_value(v) },
                        (None, None) => html! { "0" },
                    };
                    html! {
                        <td role="gridcell" class={class} style={value.map(|v| value_style(v, scale))}
                            data-map={map_attr.clone()} data-kernel={kernel_attr.clone()}
                            data-bias={bias_attr.clone()} data-flipped={flipped_attr.clone()}
                            tabindex={tabindex} aria-selected={selected}
                            aria-label={value.is_none().then_some("padding 0")}
                            data-row={r.to_string()} data-col={c.to_string()}
                            data-value={value.map(format_value)}
                            data-pad={value.is_none().then_some("true")}
                            data-window={window} data-current={current} data-linked={linked}
                            data-selected={chosen} data-rf={in_rf} data-pf={in_pf}>
                            { content }
                        </td>
                    }
                })
                .collect();
            html! { <tr role="row">{ cells }</tr> }
        })
        .collect();
    let label = match kind {
        GridKind::Bias(_) => props.label.to_string(),
        _ => format!("{}, {} × {}", props.label, grid.rows(), grid.cols()),
    };
    let error = props.edit.as_ref().and_then(|e| e.error.clone());
    html! {
        <div class="grid-wrap">
            <table ref={table} id={dom_id} class={classes!("grid", kind_class(kind))} role="grid"
                aria-label={label} onfocusin={on_focus} onclick={on_click} ondblclick={on_dblclick}
                onmouseover={on_over} onmouseleave={on_leave} onkeydown={on_keydown}>
                <tbody>{ body }</tbody>
            </table>
            if let Some(message) = error {
                <p class="field-error" role="alert" id={error_id}>{ message }</p>
            }
        </div>
    }
}

fn kind_class(kind: GridKind) -> &'static str {
    match kind {
        GridKind::Map(_) => "map",
        GridKind::Kernel(_) => "kernel",
        GridKind::Bias(_) => "bias",
        GridKind::Flipped(_) => "kernel flipped",
    }
}

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
        "Home" if !modified => Some(GridEvent::Move { rows: 0, cols: isize::MIN / 2 }),
        "End" if !modified => Some(GridEvent::Move { rows: 0, cols: isize::MAX / 2 }),
        "Enter" | "F2" if editable => Some(GridEvent::BeginEdit(cell, None)),
        "Enter" | " " if !editable => Some(GridEvent::Activate(cell)),
        "Escape" => Some(GridEvent::Escape),
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

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

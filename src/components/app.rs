//! The root component: owns the state (through the reducer), derives every feature map, the
//! trace and the marks from it, runs the play timer and the global shortcuts, follows the URL
//! fragment (`#scene=`) and lays out the page.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, KeyboardEvent};
use yew::prelude::*;

use super::add_layer_bar::AddLayerBar;
use super::arithmetic::Arithmetic;
use super::cells::sends;
use super::grid_view::{EditView, GridView};
use super::help::Help;
use super::layer_panel::LayerPanel;
use super::number_field::NumberField;
use super::preset_bar::PresetBar;
use super::props::{GridEvent, GridKind, Marks, Shared};
use super::rf_plot::RfPlot;
use super::rf_table::RfTable;
use super::scene_bar::{read_scene_file, SceneBar};
use super::shape_formula::ShapeFormula;
use super::step_controls::StepControls;
use crate::i18n::tr;
use crate::model::{
    format_value, forward_all, output_shapes, outputs_fed_by, projective_field, receptive_field, signed, tap_reach,
    window_cells, Coord, Grid, Hw, Layer, Mode, ModelError, Trace,
};
use crate::state::edit::field_bounds;
use crate::state::scene::{fragment_of_json, MAX_LAYERS};
use crate::state::{Action, AppState, CellId, Field, GridId, Scene, SceneSource, SPEEDS, STORAGE_KEY, UNREADABLE_KEY};

/// How long after the last change the scene's link is put in the address bar.
const MIRROR_DELAY_MS: u32 = 200;

/// What the pointer or the focus is on, for the linked marks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pointed {
    Cell(CellId),
    Term(usize),
}

/// A conv layer's kernel as entered, as applied, and its bias as a 1×1 grid.
type KernelViews = (Shared<Grid>, Shared<Grid>, Shared<Grid>);

/// For one map: the cells in the selected cell's receptive field, and in its projective field.
type FieldCells = (Rc<[Coord]>, Rc<[Coord]>);

/// Everything computed from the scene alone.
struct Derived {
    input: Shared<Grid>,
    maps: Vec<Result<Shared<Grid>, ModelError>>,
    kernels: Vec<Option<KernelViews>>,
}

impl Derived {
    fn of(scene: &Scene) -> Derived {
        let maps = forward_all(&scene.input, &scene.layers).into_iter().map(|m| m.map(Shared::from)).collect();
        let kernels = scene
            .layers
            .iter()
            .map(|layer| match layer {
                Layer::Conv(c) => Some((
                    Shared::from(c.kernel().clone()),
                    Shared::from(c.applied_kernel().clone()),
                    Shared::from(Grid::filled(1, 1, c.bias()).unwrap_or_default()),
                )),
                Layer::Pool(_) => None,
            })
            .collect();
        Derived { input: Shared::from(scene.input.clone()), maps, kernels }
    }

    /// Map M (0 = input), if it was computed.
    fn map(&self, m: usize) -> Option<&Grid> {
        match m.checked_sub(1) {
            None => Some(&self.input),
            Some(i) => self.maps.get(i)?.as_ref().ok().map(|g| &**g),
        }
    }
}

/// The URL fragment of the current page ("" when there is none).
fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let t = tr();
    let state = use_reducer(|| {
        let saved = load_saved();
        let state = AppState::start(&current_fragment(), saved.as_deref());
        // A saved scene this build cannot read (a newer version, say) is kept aside before the
        // autosave writes over it, so it is never lost.
        if let (Some(text), Some(SceneSource::Saved)) = (&saved, state.scene_error.as_ref().map(|p| p.source)) {
            keep_unreadable(text);
        }
        state
    });
    let pointed = use_state_eq(|| None::<Pointed>);

    use_fragment_listener(state.dispatcher());
    use_shortcuts(state.dispatcher());
    // Every change of the scene is saved in this browser at once, and mirrored in the address
    // bar (replacing the entry, so the history is not flooded) a moment after it settles, so
    // that encoding a long link never delays drawing the change. Leaving the page, or the
    // component going away, writes the address bar at once.
    use_effect_with((Rc::clone(&state.scene), state.link_epoch), |(scene, _)| {
        // Written as JSON once, for both the autosave and the link.
        let json = scene.to_json();
        save(&json);
        let fragment: Rc<str> = fragment_of_json(&json).into();
        let timeout = {
            let fragment = Rc::clone(&fragment);
            gloo_timers::callback::Timeout::new(MIRROR_DELAY_MS, move || mirror(&fragment))
        };
        let stop_leave =
            listen(web_sys::window().map(Into::into), "pagehide", move |_: web_sys::Event| mirror(&fragment));
        move || {
            // Dropping a timeout that already fired does nothing; one that did not is cancelled
            // and the next scene's effect mirrors that one instead.
            drop(timeout);
            stop_leave();
        }
    });
    {
        // A confirmation fades after a few seconds, unless it holds a link to copy by hand.
        let dispatcher = state.dispatcher();
        use_effect_with(state.notice.clone(), move |notice| {
            let timeout = notice
                .as_ref()
                .filter(|n| n.link.is_none())
                .map(|_| gloo_timers::callback::Timeout::new(4000, move || dispatcher.dispatch(Action::Notify(None))));
            move || drop(timeout)
        });
    }
    {
        // The play timer lives in this effect and is dropped on pause, speed change or unmount.
        let dispatcher = state.dispatcher();
        use_effect_with((state.playing, state.speed), move |&(playing, speed)| {
            let per_second = SPEEDS.get(speed).copied().unwrap_or(1.0);
            let millis = (1000.0 / per_second).round() as u32;
            let interval = playing.then(|| Interval::new(millis, move || dispatcher.dispatch(Action::Tick)));
            move || drop(interval)
        });
    }

    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let on_grid = {
        let dispatcher = state.dispatcher();
        let set_pointed = pointed.setter();
        use_callback((), move |event: GridEvent, _| match event {
            GridEvent::Select(cell) => dispatcher.dispatch(Action::Select(cell)),
            GridEvent::Hover(cell) => set_pointed.set(cell.map(Pointed::Cell)),
            GridEvent::BeginEdit(cell, text) => dispatcher.dispatch(Action::BeginEdit { cell, text }),
            GridEvent::EditText(text) => dispatcher.dispatch(Action::EditText(text)),
            GridEvent::Commit { rows, cols } => dispatcher.dispatch(Action::CommitEdit { rows, cols }),
            GridEvent::Cancel => dispatcher.dispatch(Action::CancelEdit),
            GridEvent::Move { rows, cols } => dispatcher.dispatch(Action::MoveCursor { rows, cols }),
            GridEvent::Activate(CellId { grid: GridId::Map(map), row, col }) => {
                if let (Ok(row), Ok(col)) = (usize::try_from(row), usize::try_from(col)) {
                    dispatcher.dispatch(Action::Pin { map, row, col });
                }
            }
            GridEvent::Activate(_) => {}
            GridEvent::Escape => dispatcher.dispatch(Action::ClearCursor),
        })
    };
    let on_term = {
        let set_pointed = pointed.setter();
        use_callback((), move |term: Option<usize>, _| set_pointed.set(term.map(Pointed::Term)))
    };

    let derived = use_memo(Rc::clone(&state.scene), |scene| Derived::of(scene));
    let trace = {
        let derived = Rc::clone(&derived);
        let deps = (Rc::clone(&state.scene), state.active, state.position());
        use_memo(deps, move |(scene, active, position)| {
            let layer = scene.layers.get(active.checked_sub(1)?)?;
            let (row, col) = (*position)?;
            layer.trace(derived.map(active - 1)?, row, col).map(Shared::from)
        })
    };

    let scene = &state.scene;
    let layer_count = scene.layers.len();
    let (mut map_marks, kernel_marks) = marks(&state, &trace, (*pointed).or(state.cursor.map(Pointed::Cell)));
    let selection = selected_map_cell(&state);
    let fields = {
        let deps = (Rc::clone(&state.scene), selection);
        use_memo(deps, |(scene, selection)| field_marks(scene, *selection))
    };
    for (marks, (rf, pf)) in map_marks.iter_mut().zip(fields.iter()) {
        marks.rf = Rc::clone(rf);
        marks.pf = Rc::clone(pf);
    }
    if let Some((m, r, c)) = selection {
        if let Some(marks) = map_marks.get_mut(m) {
            marks.selected = Some((signed(r), signed(c)));
        }
    }
    let cursor_in = |grid: GridId| state.cursor.filter(|c| c.grid == grid).map(|c| (c.row, c.col));
    let edit_in = |grid: GridId| {
        state.edit.as_ref().filter(|e| e.cell.grid == grid).map(|e| EditView {
            row: e.cell.row,
            col: e.cell.col,
            raw: AttrValue::from(e.raw.clone()),
            error: e.error.clone().map(AttrValue::from),
        })
    };
    let padding_of = |i: usize| scene.layers.get(i).map_or(Hw::square(0), |l: &Layer| l.geometry().padding());

    let layers: Html = scene
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let l = i + 1;
            let output = derived.maps.get(i).cloned().unwrap_or(Err(ModelError::Upstream { layer: i }));
            let field_edits =
                state.field_edits.iter().filter(|f| field_layer(f.field) == Some(l)).cloned().collect::<Vec<_>>();
            html! {
                <LayerPanel key={l} index={l} count={layer_count} layer={layer.clone()}
                    kernel={derived.kernels.get(i).cloned().flatten()}
                    output={output} next_padding={padding_of(l)} active={state.active == l}
                    out_marks={map_marks.get(l).cloned().unwrap_or_default()}
                    kernel_marks={kernel_marks.get(l).cloned().unwrap_or_default()}
                    flipped_marks={flipped_marks(layer, kernel_marks.get(l))}
                    cursors={[cursor_in(GridId::Map(l)), cursor_in(GridId::Kernel(l)), cursor_in(GridId::Bias(l))]}
                    edits={[edit_in(GridId::Kernel(l)), edit_in(GridId::Bias(l))]}
                    field_edits={field_edits}
                    on_grid={on_grid.clone()} on_action={on_action.clone()} />
            }
        })
        .collect();

    let total = state.total_steps();
    let status = match (state.position(), trace.as_ref()) {
        (Some((row, col)), Some(tr_)) => t.step_status(state.step + 1, total, row, col, &format_value(tr_.result)),
        _ if layer_count == 0 => t.no_layers.to_owned(),
        _ => t.no_steps.to_owned(),
    };
    let active_layer = state.active.checked_sub(1).and_then(|i| scene.layers.get(i));
    let formula = match (active_layer, state.map_shape(state.active.saturating_sub(1))) {
        (Some(layer), Some(input)) => html! { <ShapeFormula geometry={*layer.geometry()} input={input} /> },
        _ => html! {},
    };
    let flip_note = match active_layer {
        Some(Layer::Conv(c)) if c.mode() == Mode::Convolution => {
            html! { <p class="flip-note">{ t.flip_explained }</p> }
        }
        _ => html! {},
    };
    let input_field = |field: Field, label: &'static str, value: usize| {
        let (min, max) = field_bounds(field);
        let refused = state
            .field_edit(field)
            .filter(|e| !e.pending)
            .map(|e| (AttrValue::from(e.raw.clone()), AttrValue::from(e.error.clone())));
        let pending = state.field_edit(field).filter(|e| e.pending).map(|e| AttrValue::from(e.raw.clone()));
        let id = if field == Field::InputRows { "input-rows" } else { "input-cols" };
        html! {
            <NumberField field={field} label={label} id={id} value={value} refused={refused} pending={pending}
                min={min} max={max} on_action={on_action.clone()} />
        }
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let on_action = on_action.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                read_scene_file(file, on_action.clone());
            }
        })
    };
    let problem_intro = state.scene_error.as_ref().map(|p| match p.source {
        SceneSource::Link => t.scene_not_opened,
        SceneSource::File => t.file_not_opened,
        SceneSource::Saved => t.saved_not_restored,
    });
    let toggle_help = sends(&on_action, Action::ToggleHelp);

    html! {
        <div class="app" ondragover={on_dragover} ondrop={on_drop}>
            <header class="top">
                <div class="brand">
                    <h1>{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </div>
                <button type="button" class="help-button" aria-label={t.show_shortcuts} title={t.show_shortcuts}
                    aria-expanded={if state.help { "true" } else { "false" }} onclick={toggle_help}>{ "?" }</button>
            </header>
            <Help open={state.help} on_action={on_action.clone()} />
            <SceneBar scene={Shared(Rc::clone(&state.scene))} can_undo={state.history.can_undo()}
                can_redo={state.history.can_redo()} undo_left={state.history.undo_len()}
                redo_left={state.history.redo_len()} confirm_reset={state.confirm_reset}
                notice={state.notice.clone()} on_action={on_action.clone()} />
            <PresetBar on_action={on_action.clone()} />
            if let (Some(problem), Some(intro)) = (&state.scene_error, problem_intro) {
                <div class="alert scene-alert" role="alert" id="scene-error">
                    <strong>{ intro }</strong>{ " " }{ problem.error.to_string() }
                </div>
            }
            <section class="stepper" aria-label={t.arithmetic}>
                <StepControls step={state.step} total={total} playing={state.playing} speed={state.speed}
                    status={status} on_action={on_action.clone()} />
                if layer_count > 0 {
                    <Arithmetic layer={state.active} trace={(*trace).clone()}
                        highlighted={match *pointed { Some(Pointed::Term(i)) => Some(i), _ => None }}
                        on_term={on_term} />
                }
                { flip_note }
                { formula }
            </section>
            <main class="maps">
                <section class="layer input" aria-label={t.input}>
                    <h2>{ t.input }</h2>
                    <div class="settings">
                        <fieldset class="pair">
                            <legend>{ t.input }</legend>
                            { input_field(Field::InputRows, t.rows, scene.input.rows()) }
                            { input_field(Field::InputCols, t.cols, scene.input.cols()) }
                        </fieldset>
                    </div>
                    <p class="bounds">{ t.bounds_note }</p>
                    <figure class="operand">
                        <figcaption>{ format!("{} {} × {}", t.input, scene.input.rows(), scene.input.cols()) }</figcaption>
                        <GridView kind={GridKind::Map(0)} grid={derived.input.clone()} padding={padding_of(0)}
                            label={t.input} editable={true} marks={map_marks.first().cloned().unwrap_or_default()}
                            cursor={cursor_in(GridId::Map(0))} edit={edit_in(GridId::Map(0))}
                            on_event={on_grid.clone()} />
                    </figure>
                </section>
                { layers }
                <AddLayerBar disabled={layer_count >= MAX_LAYERS} on_action={on_action.clone()} />
            </main>
            <section class="receptive" aria-label={t.receptive_fields}>
                <h2>{ t.receptive_fields }</h2>
                <p class="hint">{ t.rf_hint }</p>
                <div class="rf-views">
                    <RfTable layers={scene.layers.clone()} selected={selection} />
                    <RfPlot layers={scene.layers.clone()} />
                </div>
            </section>
            <p class="legend" aria-hidden="true">
                <span class="swatch neg"></span>{ t.legend_negative }
                <span class="swatch zero"></span>{ t.legend_zero }
                <span class="swatch pos"></span>{ t.legend_positive }
                <span class="swatch padsw"></span>{ t.padding_legend }
                <span class="swatch win"></span>{ t.legend_window }
                <span class="swatch cur"></span>{ t.legend_current }
                <span class="swatch rf"></span>{ t.legend_rf }
                <span class="swatch pf"></span>{ t.legend_pf }
            </p>
        </div>
    }
}

/// Keeps an autosaved scene that could not be read under [`UNREADABLE_KEY`].
fn keep_unreadable(text: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(UNREADABLE_KEY, text);
    }
}

/// The scene autosaved in this browser, if any.
fn load_saved() -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(STORAGE_KEY).ok()?
}

/// Saves a scene, written as JSON, in localStorage.
fn save(json: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(STORAGE_KEY, json);
    }
}

/// Puts a scene's link (`#scene=…`) in the address bar, replacing the current history entry.
fn mirror(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().ok().as_deref() != Some(fragment) {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
        }
    }
}

/// The selected cell of a map, if the selection is on a value cell of a map: (map, row, col).
fn selected_map_cell(state: &AppState) -> Option<(usize, usize, usize)> {
    let cell = state.cursor?;
    let GridId::Map(m) = cell.grid else { return None };
    let shape = state.map_shape(m)?;
    let (r, c) = (usize::try_from(cell.row).ok()?, usize::try_from(cell.col).ok()?);
    (r < shape.h && c < shape.w).then_some((m, r, c))
}

/// For every map, the cells of the selected cell's receptive field (earlier maps) and projective
/// field (later maps).
fn field_marks(scene: &Scene, selection: Option<(usize, usize, usize)>) -> Vec<FieldCells> {
    let n = scene.layers.len();
    let mut out: Vec<FieldCells> = vec![(Rc::from([]), Rc::from([])); n + 1];
    let Some((m, r, c)) = selection else { return out };
    let input = Hw::new(scene.input.rows(), scene.input.cols());
    let shapes: Vec<Hw> =
        std::iter::once(Ok(input)).chain(output_shapes(input, &scene.layers)).map_while(Result::ok).collect();
    let cell = (signed(r), signed(c));
    for (i, cells) in receptive_field(&scene.layers, &shapes, m, cell).into_iter().enumerate() {
        if let Some(slot) = out.get_mut(i) {
            slot.0 = cells.into();
        }
    }
    for (i, cells) in projective_field(&scene.layers, &shapes, m, cell).into_iter().enumerate() {
        if let Some(slot) = out.get_mut(m + 1 + i) {
            slot.1 = cells.into();
        }
    }
    out
}

/// The marks of a conv layer's flipped kernel: every marked weight of the kernel as entered,
/// at the place the flip puts it (so a term of the sum lights the weight actually applied).
fn flipped_marks(layer: &Layer, entered: Option<&Marks>) -> Marks {
    let (Layer::Conv(conv), Some(entered)) = (layer, entered) else { return Marks::default() };
    if conv.mode() != Mode::Convolution || entered.linked.is_empty() {
        return Marks::default();
    }
    // The flipped kernel's cell (a, b) is tap (a, b); the flip is its own inverse.
    let mut linked: Vec<Coord> = entered
        .linked
        .iter()
        .filter_map(|&(r, c)| Some(conv.entered_position(usize::try_from(r).ok()?, usize::try_from(c).ok()?)))
        .map(|(a, b)| (signed(a), signed(b)))
        .collect();
    linked.sort_unstable();
    Marks { linked: linked.into(), ..Marks::default() }
}

/// The layer a setting belongs to (None for the input's size).
fn field_layer(field: Field) -> Option<usize> {
    match field {
        Field::InputRows | Field::InputCols => None,
        Field::KernelRows(l)
        | Field::KernelCols(l)
        | Field::Stride(l, _)
        | Field::Padding(l, _)
        | Field::Dilation(l, _)
        | Field::PoolSize(l, _) => Some(l),
    }
}

/// The marks of every map (index M) and every kernel (index L), from the window's position and
/// what the pointer or focus is on.
fn marks(state: &AppState, trace: &Option<Shared<Trace>>, pointed: Option<Pointed>) -> (Vec<Marks>, Vec<Marks>) {
    let scene = &state.scene;
    let n = scene.layers.len();
    let mut maps = vec![Marks::default(); n + 1];
    let mut kernels = vec![Marks::default(); n + 1];
    let layer = |l: usize| l.checked_sub(1).and_then(|i| scene.layers.get(i));
    let set = |cells: Vec<Coord>| -> Rc<[Coord]> {
        let mut cells = cells;
        cells.sort_unstable();
        cells.dedup();
        cells.into()
    };
    let a = state.active;
    if let (Some(active), Some((r, c))) = (layer(a), state.position()) {
        if let Some(m) = maps.get_mut(a - 1) {
            m.window = set(window_cells(active.geometry(), r, c));
        }
        if let Some(m) = maps.get_mut(a) {
            m.current = Some((signed(r), signed(c)));
        }
    }
    match pointed {
        Some(Pointed::Term(i)) => {
            if let Some(term) = trace.as_ref().and_then(|t| t.terms.get(i)) {
                if let Some(m) = maps.get_mut(a.wrapping_sub(1)) {
                    m.linked = set(vec![(term.tap.input_row, term.tap.input_col)]);
                }
                if let (Some(k), Some((kr, kc))) = (kernels.get_mut(a), term.kernel_pos) {
                    k.linked = set(vec![(signed(kr), signed(kc))]);
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Kernel(l), row, col })) => {
            if let (Some(Layer::Conv(conv)), Some(out)) = (layer(l), state.map_shape(l)) {
                // The flip is its own inverse: the tap a weight is applied at is where
                // `entered_position` maps the weight's own place.
                if let (Ok(r), Ok(c), Some(m)) = (usize::try_from(row), usize::try_from(col), maps.get_mut(l - 1)) {
                    let (tr, tc) = conv.entered_position(r, c);
                    m.linked = set(tap_reach(conv.geometry(), out, tr, tc));
                }
                // The weight itself, so that the flipped kernel shows where it is applied.
                if let (Mode::Convolution, Some(k)) = (conv.mode(), kernels.get_mut(l)) {
                    k.linked = set(vec![(row, col)]);
                }
            }
        }
        Some(Pointed::Cell(CellId { grid: GridId::Map(m), row, col })) => {
            if let (Some(next), Some(out)) = (layer(m + 1), state.map_shape(m + 1)) {
                if let Some(marks) = maps.get_mut(m + 1) {
                    marks.linked = set(outputs_fed_by(next.geometry(), out, (row, col)));
                }
            }
            if let (Some(this), Ok(r), Ok(c)) = (layer(m), usize::try_from(row), usize::try_from(col)) {
                if let Some(marks) = maps.get_mut(m - 1) {
                    marks.linked = set(window_cells(this.geometry(), r, c));
                }
            }
        }
        _ => {}
    }
    (maps, kernels)
}

/// Adds `handler` for `event` on `target` and returns what removes it again, for an effect's
/// cleanup (so no listener outlives the component).
fn listen<E>(target: Option<web_sys::EventTarget>, event: &'static str, handler: impl Fn(E) + 'static) -> impl FnOnce()
where
    E: wasm_bindgen::convert::FromWasmAbi + 'static,
{
    let closure = Closure::<dyn Fn(E)>::new(handler);
    if let Some(t) = &target {
        let _ = t.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    move || {
        if let Some(t) = &target {
            let _ = t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        drop(closure);
    }
}

/// Opens a `#scene=` link pasted into the address bar without a reload.
#[hook]
fn use_fragment_listener(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        listen(web_sys::window().map(Into::into), "hashchange", move |_: web_sys::Event| {
            dispatcher.dispatch(Action::OpenFragment(current_fragment()));
        })
    });
}

/// Space plays or pauses, ← / → step, Home / End jump, ? shows the shortcuts, Escape hides
/// them — unless the focus is in a text field or in a grid, which use these keys themselves.
/// Ctrl+Z (⌘Z) undoes and Ctrl+Shift+Z or Ctrl+Y redoes, except in a text field.
#[hook]
fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document()).map(Into::into);
        listen(document, "keydown", move |e: KeyboardEvent| {
            if e.default_prevented() {
                return;
            }
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let tag = target.as_ref().map(|t| t.tag_name().to_ascii_lowercase()).unwrap_or_default();
            let in_text = matches!(tag.as_str(), "input" | "textarea");
            if (e.ctrl_key() || e.meta_key()) && !e.alt_key() {
                // Undo / redo (Ctrl or ⌘), except in a text field, which undoes its own typing.
                let action = match e.key().to_ascii_lowercase().as_str() {
                    "z" if e.shift_key() => Some(Action::Redo),
                    "z" => Some(Action::Undo),
                    "y" => Some(Action::Redo),
                    _ => None,
                };
                if let (Some(action), false) = (action, in_text) {
                    e.prevent_default();
                    dispatcher.dispatch(action);
                }
                return;
            }
            if e.alt_key() {
                return;
            }
            let in_grid = target.as_ref().and_then(|t| t.closest("[role=grid]").ok().flatten()).is_some();
            if matches!(tag.as_str(), "input" | "textarea" | "select") || in_grid {
                return;
            }
            let action = match e.key().as_str() {
                " " if tag != "button" => Some(Action::TogglePlay),
                "ArrowRight" => Some(Action::StepForward),
                "ArrowLeft" => Some(Action::StepBack),
                "Home" => Some(Action::FirstStep),
                "End" => Some(Action::LastStep),
                "?" => Some(Action::ToggleHelp),
                "Escape" => Some(Action::CloseHelp),
                _ => None,
            };
            if let Some(action) = action {
                e.prevent_default();
                dispatcher.dispatch(action);
            }
        })
    });
}

//! The root component: owns the state (through the reducer), derives every feature map, the
//! trace and the marks from it (in `use_memo`, through `state::view`), wires the hooks that
//! reach outside the page (`hooks`) and lays out the page.

use std::rc::Rc;

use web_sys::DragEvent;
use yew::prelude::*;

use super::add_layer_bar::AddLayerBar;
use super::arithmetic::Arithmetic;
use super::cells::sends;
use super::grid_view::{EditView, GridView};
use super::help::Help;
use super::hooks::{
    use_autosave, use_document_language, use_fit, use_follow_window, use_fragment_listener, use_notice_fade,
    use_play_timer, use_shortcuts, use_wheel_zoom,
};
use super::language_picker::LanguagePicker;
use super::layer_panel::{KernelViews, LayerCursors, LayerPanel};
use super::legend::Legend;
use super::number_field::NumberField;
use super::preset_bar::PresetBar;
use super::props::{GridEvent, GridKind, Shared};
use super::rf_plot::RfPlot;
use super::rf_table::RfTable;
use super::scene_bar::SceneBar;
use super::shape_formula::ShapeFormula;
use super::share::SharePanel;
use super::step_controls::StepControls;
use super::zoom_controls::ZoomControls;
use crate::i18n::Lang;
use crate::model::{format_value, forward_all, Grid, Layer, Mode, ModelError};
use crate::state::scene::MAX_LAYERS;
use crate::state::view::{fields, highlights, selected_map_cell, Pointed};
use crate::state::{Action, AppState, CellId, Field, GridId, LayerId, Scene, SceneSource};
use crate::web;

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
                Layer::Conv(c) => Some(KernelViews {
                    entered: Shared::from(c.kernel().clone()),
                    applied: Shared::from(c.applied_kernel().clone()),
                    bias: Shared::from(Grid::filled(1, 1, c.bias()).unwrap_or_default()),
                }),
                Layer::Pool(_) => None,
            })
            .collect();
        Derived { input: Shared(Rc::clone(&scene.input)), maps, kernels }
    }

    /// Map M (0 = input), if it was computed.
    fn map(&self, m: usize) -> Option<&Grid> {
        match m.checked_sub(1) {
            None => Some(&self.input),
            Some(i) => self.maps.get(i)?.as_ref().ok().map(|g| &**g),
        }
    }
}

/// A number that changes when the shape of anything on the page changes (every grid's size
/// and padding, the language's words), so the cells are fitted again then and only then.
fn fit_key(scene: &Scene, lang: Lang) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    lang.hash(&mut hasher);
    scene.input_shape().hash(&mut hasher);
    for layer in &scene.layers {
        layer.geometry().hash(&mut hasher);
    }
    // Every output's shape, in one pass (not one pass per layer).
    for shape in crate::model::output_shapes(scene.input_shape(), &scene.layers) {
        shape.ok().hash(&mut hasher);
    }
    hasher.finish()
}

/// What a grid event asks for.
enum GridOutcome {
    /// A change of the state.
    Act(Action),
    /// The pointer moved: what it is on now, for the linked marks.
    Point(Option<Pointed>),
    /// Nothing.
    Nothing,
}

/// What a grid event asks of the state, or, for the pointer moving, of the linked marks.
fn grid_outcome(event: GridEvent) -> GridOutcome {
    GridOutcome::Act(match event {
        GridEvent::Hover(cell) => return GridOutcome::Point(cell.map(Pointed::Cell)),
        GridEvent::Select(cell) => Action::Select(cell),
        GridEvent::BeginEdit(cell, text) => Action::BeginEdit { cell, text },
        GridEvent::EditText(text) => Action::EditText(text),
        GridEvent::Commit { rows, cols } => Action::CommitEdit { rows, cols },
        GridEvent::Cancel => Action::CancelEdit,
        GridEvent::Move { rows, cols } => Action::MoveCursor { rows, cols },
        GridEvent::Activate(CellId { grid: GridId::Map(map), row, col }) => {
            match (LayerId::new(map), usize::try_from(row), usize::try_from(col)) {
                (Some(layer), Ok(row), Ok(col)) => Action::Pin { layer, row, col },
                _ => return GridOutcome::Nothing,
            }
        }
        GridEvent::Activate(_) => return GridOutcome::Nothing,
        GridEvent::Escape => Action::ClearCursor,
        GridEvent::Paste(at, text) => Action::Paste { at, text },
        GridEvent::SelectAll(grid) => Action::SelectAll(grid),
    })
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let lang = use_state_eq(web::initial_lang);
    use_document_language(*lang);
    let t = lang.strings();
    let on_lang = {
        let set_lang = lang.setter();
        use_callback((), move |picked: Lang, _| {
            web::save_lang(picked);
            set_lang.set(picked);
        })
    };
    let state = use_reducer(|| {
        let saved = web::load_saved();
        let state = AppState::start(&web::current_fragment(), saved.as_deref());
        // A saved scene this build cannot read (a newer version, say) is kept aside before the
        // autosave writes over it, so it is never lost.
        if let (Some(text), Some(SceneSource::Saved)) = (&saved, state.chrome.scene_error.as_ref().map(|p| p.source)) {
            web::keep_unreadable(text);
        }
        state
    });
    let pointed = use_state_eq(|| None::<Pointed>);
    // On a phone the settings start folded, so the maps and the sum fit the first screen.
    let settings_open = *use_memo((), |_| !web::is_narrow());

    use_fragment_listener(state.dispatcher());
    use_shortcuts(state.dispatcher());
    // The view (layer, step, selection) and the window's position, derived once a render.
    let view = state.view();
    let position = state.position();
    use_autosave(Rc::clone(&state.scene), view, state.chrome.link_epoch);
    use_notice_fade(state.chrome.notice.clone(), state.dispatcher());
    use_play_timer(state.stepper.playing, state.stepper.speed, state.dispatcher());
    use_follow_window((state.stepper.active, state.stepper.step));
    let maps_ref = use_node_ref();
    let fit_on = (fit_key(&state.scene, *lang), state.chrome.fit_epoch);
    use_fit(maps_ref.clone(), fit_on, state.chrome.zoom, state.chrome.presenting);
    use_wheel_zoom(maps_ref.clone(), state.dispatcher());
    {
        // Full screen goes with presentation mode (where the browser allows it).
        let presenting = state.chrome.presenting;
        let first = use_mut_ref(|| true);
        use_effect_with(presenting, move |&on| {
            if !std::mem::take(&mut *first.borrow_mut()) {
                web::full_screen(on);
            }
        });
    }

    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let on_grid = {
        let dispatcher = state.dispatcher();
        let set_pointed = pointed.setter();
        use_callback((), move |event: GridEvent, _| match grid_outcome(event) {
            GridOutcome::Act(action) => dispatcher.dispatch(action),
            GridOutcome::Point(pointed) => set_pointed.set(pointed),
            GridOutcome::Nothing => {}
        })
    };
    let on_term = {
        let set_pointed = pointed.setter();
        use_callback((), move |term: Option<usize>, _| set_pointed.set(term.map(Pointed::Term)))
    };

    let derived = use_memo(Rc::clone(&state.scene), |scene| Derived::of(scene));
    let trace = {
        let derived = Rc::clone(&derived);
        let deps = (Rc::clone(&state.scene), state.stepper.active, position);
        use_memo(deps, move |(scene, active, position)| {
            let l = (*active)?;
            let (row, col) = (*position)?;
            scene.layer(l)?.trace(derived.map(l.index())?, row, col).map(Shared::from)
        })
    };
    let selection = selected_map_cell(&state);
    let fields = {
        let deps = (Rc::clone(&state.scene), selection);
        use_memo(deps, |(scene, selection)| fields(scene, *selection))
    };
    let marks = highlights(&state, trace.as_ref().as_deref(), *pointed, &fields);

    let scene = &state.scene;
    let editor = &state.editor;
    let cursor_in = |grid: GridId| editor.cursor.filter(|c| c.grid == grid).map(|c| (c.row, c.col));
    let edit_in = |grid: GridId| {
        editor.edit.as_ref().filter(|e| e.cell.grid == grid).map(|e| EditView {
            row: e.cell.row,
            col: e.cell.col,
            raw: AttrValue::from(e.raw.clone()),
            message: e.refused.as_ref().map(|r| AttrValue::from((t.edit_error)(r))),
        })
    };
    let refused_in = |grid: GridId| {
        editor.refused_paste.as_ref().filter(|(g, _)| *g == grid).map(|(_, e)| AttrValue::from((t.edit_error)(e)))
    };
    let padding_of = |i: usize| scene.layers.get(i).map_or(crate::model::Hw::square(0), |l| l.geometry().padding());

    let layers: Html = scene
        .layer_ids()
        .map(|(l, layer)| {
            let i = l.index();
            let output = derived.maps.get(i).cloned().unwrap_or(Err(ModelError::Upstream { layer: i }));
            let field_edits = editor.fields.iter().filter(|f| f.field.layer() == Some(l)).cloned().collect::<Vec<_>>();
            let cursors = LayerCursors {
                output: cursor_in(GridId::Map(l.get())),
                kernel: cursor_in(GridId::Kernel(l)),
                bias: cursor_in(GridId::Bias(l)),
                kernel_edit: edit_in(GridId::Kernel(l)),
                bias_edit: edit_in(GridId::Bias(l)),
                kernel_whole: editor.whole == Some(GridId::Kernel(l)),
                kernel_refused: refused_in(GridId::Kernel(l)).or_else(|| refused_in(GridId::Bias(l))),
            };
            html! {
                <LayerPanel key={l.get()} id={l} settings_open={settings_open} count={scene.layers.len()} layer={layer.clone()}
                    kernel={derived.kernels.get(i).cloned().flatten()}
                    output={output} next_padding={padding_of(l.get())} active={state.stepper.active == Some(l)}
                    out_marks={marks.map(l.get())} kernel_marks={marks.kernel(l)}
                    flipped_marks={marks.flipped(l, layer)} cursors={cursors} field_edits={field_edits}
                    on_grid={on_grid.clone()} on_action={on_action.clone()} />
            }
        })
        .collect();

    let total = state.total_steps();
    let status = match (position, trace.as_ref()) {
        (Some((row, col)), Some(tr_)) => {
            (t.step_status)(state.stepper.step + 1, total, row, col, &format_value(tr_.result))
        }
        _ if scene.layers.is_empty() => t.no_layers.to_owned(),
        _ => t.no_steps.to_owned(),
    };
    let active_layer = state.stepper.active.and_then(|l| Some((l, scene.layer(l)?)));
    let formula = match active_layer.and_then(|(l, layer)| Some((layer, scene.map_shape(l.index())?))) {
        Some((layer, input)) => html! { <ShapeFormula geometry={*layer.geometry()} input={input} /> },
        None => html! {},
    };
    let flip_note = match active_layer {
        Some((_, Layer::Conv(c))) if c.mode() == Mode::Convolution => {
            html! { <p class="flip-note">{ t.flip_explained }</p> }
        }
        _ => html! {},
    };
    let input_field = |field: Field, label: &'static str, value: usize, id: &'static str| {
        html! {
            <NumberField field={field} label={label} id={id} value={value} text={editor.field(field).cloned()}
                on_action={on_action.clone()} />
        }
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let on_action = on_action.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                web::read_scene_file(file, on_action.clone());
            }
        })
    };
    let problem = state.chrome.scene_error.as_ref().map(|p| {
        let intro = match p.source {
            SceneSource::Link => t.scene_not_opened,
            SceneSource::File => t.file_not_opened,
            SceneSource::Saved => t.saved_not_restored,
        };
        (intro, (t.scene_error)(&p.error))
    });
    let toggle_help = sends(&on_action, Action::ToggleHelp);
    let help_open = state.chrome.help;
    let presenting = state.chrome.presenting;
    let toggle_present = sends(&on_action, Action::TogglePresent);
    let toggle_share = sends(&on_action, Action::ToggleShare);
    let sharing = state.chrome.sharing || presenting;
    let share_link = {
        // Written only while it is shown: a link and its QR code cost milliseconds.
        let deps = (Rc::clone(&state.scene), view, sharing);
        use_memo(deps, |(scene, view, sharing)| {
            sharing.then(|| AttrValue::from(web::link_to(&scene.to_json_with(*view))))
        })
    };

    html! {
        <ContextProvider<Lang> context={*lang}>
        <div class={classes!("app", presenting.then_some("presenting"))} ondragover={on_dragover} ondrop={on_drop}>
            <a class="skip-link" href="#maps">{ t.skip_to_maps }</a>
            <header class="top">
                <div class="brand">
                    <h1 translate="no">{ t.app_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </div>
                <div class="top-tools">
                    <LanguagePicker lang={*lang} on_pick={on_lang} />
                    <button type="button" class="present-button" id="present" aria-pressed={if presenting { "true" } else { "false" }}
                        title={t.present_hint} onclick={toggle_present}>
                        { if presenting { t.leave_present } else { t.present } }
                    </button>
                    <button type="button" class="share-button" id="share" aria-pressed={if sharing { "true" } else { "false" }}
                        onclick={toggle_share}>{ t.share }</button>
                    <button type="button" class="help-button" id="help-button" aria-label={t.show_shortcuts}
                        title={t.show_shortcuts} aria-expanded={if help_open { "true" } else { "false" }}
                        onclick={toggle_help}>{ "?" }</button>
                </div>
            </header>
            <Help open={help_open} on_action={on_action.clone()} />
            if let Some(link) = (*share_link).clone() {
                <SharePanel link={link} />
            }
            <div class="toolbar">
                <SceneBar scene={Shared(Rc::clone(&state.scene))} view={view} can_undo={state.history.can_undo()}
                    can_redo={state.history.can_redo()} undo_left={state.history.undo_len()}
                    redo_left={state.history.redo_len()} confirm_reset={state.chrome.confirm_reset}
                    notice={state.chrome.notice.clone()} on_action={on_action.clone()} />
                <PresetBar on_action={on_action.clone()} />
            </div>
            if let Some((intro, message)) = problem {
                <div class="alert scene-alert" role="alert" id="scene-error" translate="no">
                    <strong>{ intro }</strong>{ " " }{ message }
                </div>
            }
            <section class="stepper" aria-label={t.arithmetic}>
                <div class="strip">
                    <StepControls step={state.stepper.step} total={total} playing={state.stepper.playing}
                        speed={state.stepper.speed} status={status} on_action={on_action.clone()} />
                    <ZoomControls zoom={state.chrome.zoom} on_action={on_action.clone()} />
                </div>
                if let Some((l, _)) = active_layer {
                    <Arithmetic layer={l.get()} trace={(*trace).clone()}
                        highlighted={match *pointed { Some(Pointed::Term(i)) => Some(i), _ => None }}
                        on_term={on_term} />
                }
                <div class="explain">
                    { flip_note }
                    { formula }
                </div>
            </section>
            <main class="maps" id="maps" tabindex="-1" ref={maps_ref}>
                <Legend />
                <section class="layer input" aria-label={t.input}>
                    <h2 translate="no">{ (t.sized)(t.input, scene.input.rows(), scene.input.cols()) }</h2>
                    <details class="settings-box" open={settings_open}>
                        <summary>{ t.settings }</summary>
                        <div class="settings">
                            <fieldset class="pair">
                                <legend>{ t.input }</legend>
                                { input_field(Field::InputRows, t.rows, scene.input.rows(), "input-rows") }
                                { input_field(Field::InputCols, t.cols, scene.input.cols(), "input-cols") }
                            </fieldset>
                        </div>
                    </details>
                    <figure class="operand">
                        <GridView kind={GridKind::Map(0)} grid={derived.input.clone()} padding={padding_of(0)}
                            label={t.input} editable={true} marks={marks.map(0)}
                            cursor={cursor_in(GridId::Map(0))} edit={edit_in(GridId::Map(0))}
                            whole={editor.whole == Some(GridId::Map(0))} refused={refused_in(GridId::Map(0))}
                            on_event={on_grid.clone()} />
                    </figure>
                </section>
                { layers }
                <AddLayerBar disabled={scene.layers.len() >= MAX_LAYERS} on_action={on_action.clone()} />
            </main>
            <section class="receptive" aria-label={t.receptive_fields}>
                <h2>{ t.receptive_fields }</h2>
                <p class="hint">{ t.rf_hint }</p>
                <div class="rf-views">
                    <RfTable layers={scene.layers.clone()} selected={selection} />
                    <RfPlot layers={scene.layers.clone()} />
                </div>
                <p class="bounds">{ t.bounds_note }</p>
            </section>
        </div>
        </ContextProvider<Lang>>
    }
}

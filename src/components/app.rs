//! The root component: owns the state (through the reducer), derives every feature map, the
//! trace and the marks from it (in `use_memo`, through `state::view`), wires the hooks that
//! reach outside the page (`hooks`) and lays out the page.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::DragEvent;
use yew::prelude::*;

use super::add_layer_bar::AddLayerBar;
use super::arithmetic::Arithmetic;
use super::cells::sends;
use super::code_panel::CodePanel;
use super::grid_view::EditView;
use super::help::Help;
use super::hooks::{
    use_autosave, use_document_language, use_fit, use_follow_window, use_fragment_listener, use_notice_fade,
    use_play_timer, use_shortcuts, use_wheel_zoom,
};
use super::language_picker::LanguagePicker;
use super::layer_panel::{KernelViews, LayerCursors, LayerPanel};
use super::learn_panel::LearnPanel;
use super::legend::Legend;
use super::lesson_panel::LessonPanel;
use super::map_view::{MapEditing, MapView};
use super::number_field::NumberField;
use super::picture_box::PictureBox;
use super::preset_bar::PresetBar;
use super::props::{planes_of, GridEvent, Planes, Shared};
use super::rf_plot::RfPlot;
use super::rf_table::RfTable;
use super::save_maps::SaveMaps;
use super::scene_bar::SceneBar;
use super::shape_formula::ShapeFormula;
use super::share::SharePanel;
use super::step_controls::StepControls;
use super::zoom_controls::ZoomControls;
use crate::i18n::Lang;
use crate::model::{format_value, forward_rest, Channels, Grid, Layer, Mode, ModelError, Pos, SharedMap};
use crate::state::scene::MAX_LAYERS;
use crate::state::view::{fields, highlights, selected_map_cell, Pointed};
use crate::state::{Action, AppState, CellId, Field, GridId, LayerId, Scene, SceneSource};
use crate::web;

/// Everything computed from the scene alone.
struct Derived {
    input: Planes,
    maps: Vec<Result<Planes, ModelError>>,
    /// Every computed map with its channels, for the trace (element i is map i + 1).
    outputs: Vec<SharedMap>,
    kernels: Vec<Option<KernelViews>>,
}

impl Derived {
    /// The maps of `scene`, reusing those of `before` (the previous scene's) that an edit did
    /// not reach: the same input and the same layers up to a map means the same map, drawn by
    /// the same grids (an edit of layer L recomputes and redraws layers L and later only).
    fn of(scene: &Scene, before: Option<(&Scene, &Derived)>) -> Derived {
        let kept = match before {
            Some((old, d)) if Rc::ptr_eq(&old.input, &scene.input) || old.input == scene.input => {
                scene.layers.iter().zip(&old.layers).take_while(|(a, b)| a == b).count().min(d.outputs.len())
            }
            _ => 0,
        };
        let known = before.map(|(_, d)| d.outputs.iter().take(kept).cloned().collect()).unwrap_or_default();
        let outputs = forward_rest(&scene.input, &scene.layers, known);
        let maps = outputs
            .iter()
            .enumerate()
            .map(|(i, m)| match (before.and_then(|(_, d)| d.maps.get(i)).filter(|_| i < kept), m) {
                (Some(old), _) => old.clone(),
                (None, m) => m.as_ref().map(|c| planes_of(c)).map_err(Clone::clone),
            })
            .collect();
        let kernels = scene
            .layers
            .iter()
            .enumerate()
            .map(|(i, layer)| match layer {
                // An unchanged layer keeps its grids (and so is not redrawn).
                _ if before.is_some_and(|(old, _)| old.layers.get(i) == Some(layer)) => {
                    before.and_then(|(_, d)| d.kernels.get(i).cloned().flatten())
                }
                Layer::Conv(c) => Some(KernelViews {
                    entered: c.slices().map(|(s, g)| (s, Shared::from(g.clone()))).collect::<Vec<_>>().into(),
                    applied: c
                        .slices()
                        .filter_map(|(s, _)| Some((s, Shared::from(c.applied_slice(s)?.clone()))))
                        .collect::<Vec<_>>()
                        .into(),
                    bias: Shared::from(
                        Grid::from_fn(c.out_channels(), 1, |o, _| c.bias().get(o).copied().unwrap_or(0.0))
                            .unwrap_or_default(),
                    ),
                }),
                Layer::Pool(_) => None,
            })
            .collect();
        let input = match before {
            Some((old, d)) if Rc::ptr_eq(&old.input, &scene.input) => d.input.clone(),
            _ => planes_of(&scene.input),
        };
        Derived { input, maps, outputs, kernels }
    }

    /// Map M (0 = input) with its channels, if it was computed.
    fn map<'a>(&'a self, scene: &'a Scene, m: usize) -> Option<&'a Channels> {
        match m.checked_sub(1) {
            None => Some(&scene.input),
            Some(i) => self.outputs.get(i)?.as_deref().ok(),
        }
    }
}

/// Opens a dropped or pasted file: a picture as the input, anything else as a scene file.
fn open_file(file: web_sys::File, on_action: &Callback<Action>) {
    if file.type_().starts_with("image/") {
        let choice = super::picture_box::current_choice();
        web::read_picture(file, choice.side, choice.gray, on_action.clone());
    } else {
        web::read_scene_file(file, on_action.clone());
    }
}

/// A map's heading: "Input 3 × 3", or with channels "Input 2 × 3 × 3".
pub fn sized_map(t: &crate::i18n::Strings, name: &str, dims: crate::model::Dims) -> String {
    if dims.channels > 1 {
        (t.sized_channels)(name, dims.channels, dims.hw.h, dims.hw.w)
    } else {
        (t.sized)(name, dims.hw.h, dims.hw.w)
    }
}

/// The marks of every slice of a layer's kernel, in (out, inp) order, from `of`.
fn slice_marks(
    layer: &Layer,
    of: impl Fn(crate::model::Slice) -> crate::state::view::Marks,
) -> Vec<crate::state::view::Marks> {
    match layer {
        Layer::Conv(c) => c.slices().map(|(s, _)| of(s)).collect(),
        Layer::Pool(_) => Vec::new(),
    }
}

/// A number that changes when the shape of anything on the page changes (every grid's size
/// and padding, the language's words), so the cells are fitted again then and only then.
fn fit_key(scene: &Scene, lang: Lang) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    lang.hash(&mut hasher);
    scene.input_dims().hash(&mut hasher);
    for layer in &scene.layers {
        layer.geometry().hash(&mut hasher);
        if let Layer::Conv(c) = layer {
            (c.out_channels(), c.per_group()).hash(&mut hasher);
        }
    }
    // Every output's shape, in one pass (not one pass per layer).
    for shape in crate::model::output_shapes(scene.input_dims(), &scene.layers) {
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
        GridEvent::Activate(CellId { grid: GridId::Map(map, channel), row, col }) => {
            match (LayerId::new(map), usize::try_from(row), usize::try_from(col)) {
                (Some(layer), Ok(row), Ok(col)) => Action::Pin { layer, at: Pos::new(channel, row, col) },
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
    // The lesson's page, while one is open.
    let lesson_page = state.lesson.as_ref().map(|l| l.page);
    use_autosave(Rc::clone(&state.scene), view, state.chrome.link_epoch, lesson_page);
    use_notice_fade(state.chrome.notice.clone(), state.dispatcher());
    use_play_timer(state.stepper.playing, state.stepper.speed, Action::Tick, state.dispatcher());
    use_play_timer(state.learning.playing, state.stepper.speed, Action::TrainTick, state.dispatcher());
    use_follow_window((state.stepper.active, state.stepper.step), lesson_page);
    let maps_ref = use_node_ref();
    let fit_on = (fit_key(&state.scene, *lang), state.chrome.fit_epoch);
    use_fit(maps_ref.clone(), fit_on, state.chrome.zoom, state.chrome.presenting, lesson_page);
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

    let derived = {
        // The previous scene and its maps, so an edit recomputes only what it reaches.
        let last = use_mut_ref(|| None::<(Rc<Scene>, Rc<Derived>)>);
        let scene = Rc::clone(&state.scene);
        let fresh = match &*last.borrow() {
            Some((s, d)) if Rc::ptr_eq(s, &scene) => Some(Rc::clone(d)),
            _ => None,
        };
        fresh.unwrap_or_else(|| {
            let previous = last.borrow().clone();
            let d = Rc::new(Derived::of(&scene, previous.as_ref().map(|(s, d)| (&**s, &**d))));
            *last.borrow_mut() = Some((scene, Rc::clone(&d)));
            d
        })
    };
    let trace = {
        let derived = Rc::clone(&derived);
        let deps = (Shared(Rc::clone(&state.scene)), state.stepper.active, position);
        use_memo(deps, move |(scene, active, position)| {
            let l = (*active)?;
            let at = (*position)?;
            scene.layer(l)?.trace(derived.map(scene, l.index())?, at.channel, at.row, at.col).map(Shared::from)
        })
    };
    let selection = selected_map_cell(&state);
    let fields = {
        let deps = (Shared(Rc::clone(&state.scene)), selection);
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
    let map_editing = |m: usize| MapEditing {
        cursor: editor.cursor.and_then(|c| match c.grid {
            GridId::Map(map, ch) if map == m => Some((ch, (c.row, c.col))),
            _ => None,
        }),
        edit: editor.edit.as_ref().and_then(|e| match e.cell.grid {
            GridId::Map(map, ch) if map == m => edit_in(e.cell.grid).map(|v| (ch, v)),
            _ => None,
        }),
        whole: match editor.whole {
            Some(GridId::Map(map, ch)) if map == m => Some(ch),
            _ => None,
        },
        refused: editor.refused_paste.as_ref().and_then(|(g, _)| match *g {
            GridId::Map(map, ch) if map == m => refused_in(*g).map(|r| (ch, r)),
            _ => None,
        }),
    };

    let layers: Html = scene
        .layer_ids()
        .map(|(l, layer)| {
            let i = l.index();
            let output = derived.maps.get(i).cloned().unwrap_or(Err(ModelError::Upstream { layer: i }));
            let field_edits = editor.fields.iter().filter(|f| f.field.layer() == Some(l)).cloned().collect::<Vec<_>>();
            let in_kernel = |g: GridId| match g {
                GridId::Kernel(k, s) if k == l => Some(s),
                _ => None,
            };
            let cursors = LayerCursors {
                output: map_editing(l.get()),
                kernel: editor.cursor.and_then(|c| Some((in_kernel(c.grid)?, (c.row, c.col)))),
                bias: cursor_in(GridId::Bias(l)),
                kernel_edit: editor.edit.as_ref().and_then(|e| Some((in_kernel(e.cell.grid)?, edit_in(e.cell.grid)?))),
                bias_edit: edit_in(GridId::Bias(l)),
                kernel_whole: editor.whole.and_then(in_kernel),
                kernel_refused: editor
                    .refused_paste
                    .as_ref()
                    .and_then(|(g, _)| Some((in_kernel(*g)?, refused_in(*g)?))),
                bias_refused: refused_in(GridId::Bias(l)),
            };
            html! {
                <LayerPanel key={l.get()} id={l} settings_open={settings_open}
                    learning={scene.learn.as_ref().is_some_and(|learn| learn.layer == l)} count={scene.layers.len()} layer={layer.clone()}
                    kernel={derived.kernels.get(i).cloned().flatten()}
                    output={output} next_padding={padding_of(l.get())} active={state.stepper.active == Some(l)}
                    out_marks={marks.maps.get(l.get()).cloned().unwrap_or_default()}
                    kernel_marks={marks.kernels.get(l.index()).cloned().unwrap_or_default()}
                    flipped_marks={slice_marks(layer, |s| marks.flipped(l, layer, s))} cursors={cursors} field_edits={field_edits}
                    on_grid={on_grid.clone()} on_action={on_action.clone()} />
            }
        })
        .collect();

    let total = state.total_steps();
    let many_out = state.stepper.shape(scene).is_some_and(|d| d.channels > 1);
    let status = match (position, trace.as_ref()) {
        (Some(at), Some(tr_)) if many_out => (t.step_status_channel)(
            state.stepper.step + 1,
            total,
            at.channel,
            at.row,
            at.col,
            &format_value(tr_.result),
        ),
        (Some(at), Some(tr_)) => {
            (t.step_status)(state.stepper.step + 1, total, at.row, at.col, &format_value(tr_.result))
        }
        _ if scene.layers.is_empty() => t.no_layers.to_owned(),
        _ => t.no_steps.to_owned(),
    };
    let active_layer = state.stepper.active.and_then(|l| Some((l, scene.layer(l)?)));
    let formula = match active_layer.and_then(|(l, layer)| Some((layer, scene.map_dims(l.index())?))) {
        Some((layer, input)) => {
            let (inp, out, groups, pool) = match layer {
                Layer::Conv(c) => (c.in_channels(), c.out_channels(), c.groups(), false),
                Layer::Pool(_) => (input.channels, input.channels, 1, true),
            };
            let channels = (inp > 1 || out > 1).then_some((inp, out, groups, pool));
            html! { <ShapeFormula geometry={*layer.geometry()} input={input.hw} channels={channels} /> }
        }
        None => html! {},
    };
    let flip_note = match active_layer {
        Some((_, Layer::Conv(c))) if c.mode() == Mode::Convolution => {
            html! { <p class="flip-note">{ t.flip_explained }</p> }
        }
        _ => html! {},
    };
    let one_by_one = match active_layer {
        Some((_, Layer::Conv(c))) if c.window() == crate::model::Hw::square(1) && !c.is_single() => {
            html! { <p class="flip-note" id="one-by-one">{ t.one_by_one_note }</p> }
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
                open_file(file, &on_action);
            }
        })
    };
    // A picture pasted on the page (not in a grid, whose paste is a block of numbers).
    let on_paste = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let files = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|c| c.clipboard_data()).and_then(|d| d.files());
            if let Some(file) = files.and_then(|f| f.get(0)).filter(|f| f.type_().starts_with("image/")) {
                e.prevent_default();
                open_file(file, &on_action);
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
    let dims = scene.all_dims();
    let rf_channels: Vec<(usize, usize)> =
        dims.iter().zip(dims.iter().skip(1)).map(|(a, b)| (a.channels, b.channels)).collect();
    let toggle_help = sends(&on_action, Action::ToggleHelp);
    let help_open = state.chrome.help;
    let presenting = state.chrome.presenting;
    let toggle_present = sends(&on_action, Action::TogglePresent);
    let toggle_share = sends(&on_action, Action::ToggleShare);
    let toggle_code = sends(&on_action, Action::ToggleCode);
    let toggle_lesson =
        sends(&on_action, if lesson_page.is_some() { Action::LeaveLesson } else { Action::OpenLesson(0) });
    let coding = state.chrome.code;
    // Presenting shows the QR code of the scene, unless a lesson's page needs the room (its
    // button still shows it).
    let sharing = state.chrome.sharing || (presenting && lesson_page.is_none());
    let share_link = {
        // Written only while it is shown: a link and its QR code cost milliseconds.
        // In a lesson, the page's link: a student who scans it joins the lesson.
        let deps = (Shared(Rc::clone(&state.scene)), view, sharing, lesson_page);
        use_memo(deps, |(scene, view, sharing, lesson)| {
            sharing.then(|| {
                AttrValue::from(match lesson {
                    Some(page) => web::link_with(&crate::state::lesson::fragment_of_page(*page)),
                    None => web::link_to(&scene.to_json_with(*view)),
                })
            })
        })
    };

    let learn_panel =
        scene.learn.as_ref().and_then(|setup| Some((setup, scene.conv(setup.layer)?))).map(|(setup, conv)| {
            let in_init = |g: GridId| match g {
                GridId::Init(s) => Some(s),
                _ => None,
            };
            html! {
                <LearnPanel setup={setup.clone()} layer={Rc::new(conv.clone())} learning={state.learning.clone()}
                    speed={state.stepper.speed} seed={state.chrome.seed}
                    cursor={editor.cursor.and_then(|c| Some((in_init(c.grid)?, (c.row, c.col))))}
                    edit={editor.edit.as_ref().and_then(|e| Some((in_init(e.cell.grid)?, edit_in(e.cell.grid)?)))}
                    refused={editor.refused_paste.as_ref().and_then(|(g, _)| Some((in_init(*g)?, refused_in(*g)?)))}
                    on_grid={on_grid.clone()} on_action={on_action.clone()} />
            }
        });

    // Every map with values, titled as on screen, for saving them all at once.
    let saved_maps: Vec<(AttrValue, Planes)> =
        std::iter::once((AttrValue::from(t.input), derived.input.clone()))
            .chain(derived.maps.iter().enumerate().filter_map(|(i, m)| {
                Some((AttrValue::from((t.layer_part)(i + 1, t.output)), m.as_ref().ok()?.clone()))
            }))
            .collect();

    html! {
        <ContextProvider<Lang> context={*lang}>
        <div class={classes!("app", presenting.then_some("presenting"))} ondragover={on_dragover} ondrop={on_drop} onpaste={on_paste}>
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
                    <button type="button" class="lesson-button" id="lesson-button"
                        aria-pressed={if lesson_page.is_some() { "true" } else { "false" }} onclick={toggle_lesson}>
                        { t.lesson_button }
                    </button>
                    <button type="button" class="code-button" id="code-button" aria-pressed={if coding { "true" } else { "false" }}
                        aria-controls={coding.then_some("code")} onclick={toggle_code}>{ t.code_button }</button>
                    <button type="button" class="help-button" id="help-button" aria-label={t.show_shortcuts}
                        title={t.show_shortcuts} aria-expanded={if help_open { "true" } else { "false" }}
                        onclick={toggle_help}>{ "?" }</button>
                </div>
            </header>
            <Help open={help_open} on_action={on_action.clone()} />
            if let Some(link) = (*share_link).clone() {
                <SharePanel link={link} />
            }
            if coding {
                <CodePanel scene={Shared(Rc::clone(&state.scene))} on_action={on_action.clone()} />
            }
            if let Some(page) = lesson_page {
                <LessonPanel page={page} on_action={on_action.clone()} />
            }
            <div class="toolbar">
                <SceneBar scene={Shared(Rc::clone(&state.scene))} view={view} can_undo={state.history.can_undo()}
                    can_redo={state.history.can_redo()} undo_left={state.history.undo_len()}
                    redo_left={state.history.redo_len()} confirm_reset={state.chrome.confirm_reset}
                    notice={state.chrome.notice.clone()} on_action={on_action.clone()} />
                <SaveMaps maps={saved_maps} />
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
                    <Arithmetic layer={l.get()} trace={(*trace).clone()} many_out={many_out}
                        highlighted={match *pointed { Some(Pointed::Term(i)) => Some(i), _ => None }}
                        on_term={on_term} />
                }
                <div class="explain">
                    { flip_note }
                    { one_by_one }
                    { formula }
                </div>
            </section>
            <main class="maps" id="maps" tabindex="-1" ref={maps_ref}>
                <Legend />
                <section class="layer input" aria-label={t.input}>
                    <h2 translate="no">{ sized_map(t, t.input, scene.input_dims()) }</h2>
                    <details class="settings-box" open={settings_open}>
                        <summary>{ t.settings }</summary>
                        <div class="settings">
                            <fieldset class="pair">
                                <legend>{ t.input }</legend>
                                { input_field(Field::InputRows, t.rows, scene.input.rows(), "input-rows") }
                                { input_field(Field::InputCols, t.cols, scene.input.cols(), "input-cols") }
                                { input_field(Field::InputChannels, t.channels, scene.input.count(), "input-channels") }
                            </fieldset>
                        </div>
                    </details>
                    <PictureBox error={state.chrome.picture_error} on_action={on_action.clone()} />
                    <figure class="operand">
                        <MapView map={0} planes={derived.input.clone()} padding={padding_of(0)}
                            label={t.input} editable={true} marks={marks.maps.first().cloned().unwrap_or_default()}
                            editing={map_editing(0)} on_event={on_grid.clone()} />
                    </figure>
                </section>
                { layers }
                <AddLayerBar disabled={scene.layers.len() >= MAX_LAYERS} on_action={on_action.clone()} />
            </main>
            { learn_panel.unwrap_or_default() }
            <section class="receptive" aria-label={t.receptive_fields}>
                <h2>{ t.receptive_fields }</h2>
                <p class="hint">{ t.rf_hint }</p>
                <div class="rf-views">
                    <RfTable layers={scene.layers.clone()} selected={selection} channels={rf_channels} />
                    <RfPlot layers={scene.layers.clone()} />
                </div>
                <p class="bounds">{ t.bounds_note }</p>
            </section>
        </div>
        </ContextProvider<Lang>>
    }
}

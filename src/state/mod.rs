//! Application state: the scene a user has set up, where the window stands, what is being
//! edited, and the one reducer through which all of it changes.
//!
//! [`AppState::apply`] is a pure function (tested natively); on the web it backs Yew's
//! `Reducible`, so every change is an [`Action`] and nothing else mutates the state. Text that
//! was refused stays in the state with its message, so the field keeps showing what was typed.

pub mod edit;
pub mod presets;
pub mod scene;

use std::rc::Rc;

pub use edit::{CellId, Edit, Field, FieldEdit, GridId};
pub use presets::Preset;

pub use scene::{Scene, SceneError};

/// The key under which the current scene is autosaved in the browser's localStorage.
pub const STORAGE_KEY: &str = "convscope.scene";
/// Where an autosaved scene that this build cannot read is kept, so that it is never lost.
pub const UNREADABLE_KEY: &str = "convscope.scene.unreadable";

use crate::model::{output_shapes, position_of_step, signed, Hw, Mode};

/// Playing speeds, in steps per second, from classroom pace to fast.
pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];
/// Index into [`SPEEDS`] at start: 1 step per second.
pub const DEFAULT_SPEED: usize = 2;
/// How many changes Undo can take back.
pub const UNDO_DEPTH: usize = 200;

/// Where a scene that could not be opened came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SceneSource {
    /// A `#scene=` link.
    Link,
    /// An imported file.
    File,
    /// The scene autosaved in this browser.
    Saved,
}

/// A scene that could not be opened, and from where.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneProblem {
    /// Where it came from.
    pub source: SceneSource,
    /// What is wrong with it.
    pub error: SceneError,
}

/// Scenes that Undo and Redo go back and forth between. Compared by identity, so comparing two
/// states never walks two hundred scenes.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Rc<Scene>>,
    redo: Vec<Rc<Scene>>,
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        let same =
            |a: &[Rc<Scene>], b: &[Rc<Scene>]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Rc::ptr_eq(x, y));
        same(&self.undo, &other.undo) && same(&self.redo, &other.redo)
    }
}

impl History {
    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// How many changes can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
    /// How many changes can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    fn record(&mut self, previous: Rc<Scene>) {
        self.undo.push(previous);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

/// Everything the app shows, apart from what is derived from it.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The last valid scene.
    pub scene: Rc<Scene>,
    /// Why the last scene offered (a link, a file, the autosave) could not be opened.
    pub scene_error: Option<SceneProblem>,
    /// Scenes to undo and redo.
    pub history: History,
    /// A short confirmation to show ("Link copied"), and a link to show with it.
    pub notice: Option<Notice>,
    /// Whether "Reset" is waiting for a confirmation.
    pub confirm_reset: bool,
    /// Counts fragments that carried no scene ("#", "#about"): the address bar is then given
    /// the scene's link again, so it keeps following the scene.
    pub link_epoch: u64,
    /// The layer the step controls drive, counting from 1 (0 when there are no layers).
    pub active: usize,
    /// Row-major index of the output position the window stands on.
    pub step: usize,
    /// Whether the window advances by itself.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The selected cell (the grids' roving focus).
    pub cursor: Option<CellId>,
    /// The cell being edited, if any.
    pub edit: Option<Edit>,
    /// Settings whose typed text was refused.
    pub field_edits: Vec<FieldEdit>,
    /// Seed of the next "Randomize".
    pub seed: u64,
    /// Whether the keyboard shortcuts are shown.
    pub help: bool,
}

/// A short confirmation, optionally with a link to copy by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// A link to show in a field, when it could not be put on the clipboard.
    pub link: Option<String>,
}

/// Every way the state can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open the scene carried by a URL fragment. A fragment without a scene changes nothing;
    /// a broken one keeps the current scene and records why.
    OpenFragment(String),
    /// Make layer L the one the step controls drive.
    SetActive(usize),
    /// Move the window one position on (stops at the last).
    StepForward,
    /// Move the window one position back (stops at the first).
    StepBack,
    /// Move the window to the first position.
    FirstStep,
    /// Move the window to the last position.
    LastStep,
    /// Move the window to the position with this row-major index.
    StepTo(usize),
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Stop playing.
    Pause,
    /// One timer tick while playing: step on, or stop at the end.
    Tick,
    /// Set the playing speed (index into [`SPEEDS`]).
    SetSpeed(usize),
    /// Move the window to output `(row, col)` of map L (making layer L active).
    Pin { map: usize, row: usize, col: usize },
    /// Select a cell.
    Select(CellId),
    /// Move the selection within its grid.
    MoveCursor { rows: isize, cols: isize },
    /// Clear the selection.
    ClearCursor,
    /// Start editing a cell: with `text` replacing its value, or with its current value.
    BeginEdit { cell: CellId, text: Option<String> },
    /// The text in the cell being edited changed.
    EditText(String),
    /// Commit the edit, then move the selection by `(rows, cols)`.
    CommitEdit { rows: isize, cols: isize },
    /// Abandon the edit.
    CancelEdit,
    /// A setting's text changed (as typed): applied at once, except a shrinking size, which
    /// waits for [`Action::CommitField`].
    SetField { field: Field, text: String },
    /// Enter was pressed in a setting, or it was left: apply what it holds.
    CommitField { field: Field, text: String },
    /// Set the mode of conv layer L.
    SetMode { layer: usize, mode: Mode },
    /// Open a preset scene.
    Preset(Preset),
    /// Random integers in the input and every kernel.
    Randomize,
    /// Zeros in the input, every kernel and every bias.
    Clear,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Hide the keyboard shortcuts.
    CloseHelp,
    /// Append a new layer of this kind.
    AddLayer(NewLayer),
    /// Remove layer L.
    RemoveLayer(usize),
    /// Insert a copy of layer L after it.
    DuplicateLayer(usize),
    /// Move layer L one place earlier (`up`) or later.
    MoveLayer { layer: usize, up: bool },
    /// Take back the last change of the scene.
    Undo,
    /// Do again the last change taken back.
    Redo,
    /// Open the scene in an imported file's text.
    Import(String),
    /// An imported file was refused before it was read (too large, unreadable).
    ImportRejected(SceneError),
    /// Show (or clear) a confirmation.
    Notify(Option<Notice>),
    /// Ask before going back to the default scene.
    AskReset,
    /// Do not reset after all.
    CancelReset,
    /// Go back to the default scene (undoable).
    ConfirmReset,
}

/// The kinds of layer "Add" offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NewLayer {
    /// A 3×3 convolution with padding 1 (the map keeps its size).
    Conv,
    /// 2×2 max pooling, stride 2.
    MaxPool,
    /// 2×2 average pooling, stride 2.
    AvgPool,
}

impl AppState {
    /// The state for a first visit with this URL fragment: its scene, or d2l's example.
    pub fn from_fragment(fragment: &str) -> AppState {
        AppState::start(fragment, None)
    }

    /// The state when the app opens: the scene saved in this browser (or d2l's example), then
    /// the link's scene, if the URL carries one, with the saved scene one undo away.
    pub fn start(fragment: &str, saved: Option<&str>) -> AppState {
        let (base, problem) = match saved.map(Scene::from_json) {
            None => (Scene::d2l_default(), None),
            Some(Ok(scene)) => (scene, None),
            Some(Err(error)) => (Scene::d2l_default(), Some(SceneProblem { source: SceneSource::Saved, error })),
        };
        let start = AppState {
            scene: Rc::new(base),
            scene_error: problem,
            history: History::default(),
            notice: None,
            confirm_reset: false,
            link_epoch: 0,
            active: 1,
            step: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            cursor: None,
            edit: None,
            field_edits: Vec::new(),
            seed: 1,
            help: false,
        };
        start.apply(Action::OpenFragment(fragment.to_owned()))
    }

    /// The output shape of the active layer, if it has an output.
    pub fn active_shape(&self) -> Option<Hw> {
        self.map_shape(self.active).filter(|_| self.active > 0)
    }

    /// The shape of map L (0 = input), if it can be computed.
    pub fn map_shape(&self, map: usize) -> Option<Hw> {
        let input = Hw::new(self.scene.input.rows(), self.scene.input.cols());
        match map.checked_sub(1) {
            None => Some(input),
            Some(i) => output_shapes(input, self.scene.layers.get(..=i)?).pop()?.ok(),
        }
    }

    /// Number of window positions of the active layer (0 when it has no output).
    pub fn total_steps(&self) -> usize {
        self.active_shape().and_then(|s| s.h.checked_mul(s.w)).unwrap_or(0)
    }

    /// The output position the window stands on, if any.
    pub fn position(&self) -> Option<(usize, usize)> {
        position_of_step(self.active_shape()?, self.step)
    }

    /// The refused text of a setting, if its last text was refused.
    pub fn field_edit(&self, field: Field) -> Option<&FieldEdit> {
        self.field_edits.iter().find(|f| f.field == field)
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> AppState {
        let walks_history = matches!(action, Action::Undo | Action::Redo);
        let mut next = self.clone();
        let last = self.total_steps().saturating_sub(1);
        match action {
            Action::OpenFragment(fragment) => match Scene::from_fragment(&fragment) {
                None => next.link_epoch = self.link_epoch.wrapping_add(1),
                Some(Ok(scene)) => {
                    next.scene_error = None;
                    next.open_scene(scene);
                }
                Some(Err(error)) => next.scene_error = Some(SceneProblem { source: SceneSource::Link, error }),
            },
            Action::Import(text) => match Scene::from_json(&text) {
                Ok(scene) => {
                    next.scene_error = None;
                    next.open_scene(scene);
                }
                Err(error) => next.scene_error = Some(SceneProblem { source: SceneSource::File, error }),
            },
            Action::ImportRejected(error) => {
                next.scene_error = Some(SceneProblem { source: SceneSource::File, error });
            }
            Action::Undo => {
                if let Some(previous) = next.history.undo.pop() {
                    next.history.redo.push(Rc::clone(&self.scene));
                    next.restructure(previous);
                }
            }
            Action::Redo => {
                if let Some(later) = next.history.redo.pop() {
                    next.history.undo.push(Rc::clone(&self.scene));
                    next.restructure(later);
                }
            }
            Action::Notify(notice) => next.notice = notice,
            Action::AskReset => next.confirm_reset = true,
            Action::CancelReset => next.confirm_reset = false,
            Action::ConfirmReset => {
                next.confirm_reset = false;
                next.open_scene(Scene::d2l_default());
            }
            Action::SetActive(l) => {
                if l >= 1 && l <= self.scene.layers.len() && l != self.active {
                    next.active = l;
                    next.step = 0;
                }
            }
            Action::StepForward => next.step = (self.step + 1).min(last),
            Action::StepBack => next.step = self.step.saturating_sub(1),
            Action::FirstStep => next.step = 0,
            Action::LastStep => next.step = last,
            Action::StepTo(s) => next.step = s.min(last),
            Action::TogglePlay => {
                if self.playing {
                    next.playing = false;
                } else if self.total_steps() > 1 {
                    next.playing = true;
                    if self.step >= last {
                        next.step = 0;
                    }
                }
            }
            Action::Pause => next.playing = false,
            Action::Tick => {
                if self.playing {
                    if self.step < last {
                        next.step = self.step + 1;
                    }
                    if next.step >= last {
                        next.playing = false;
                    }
                }
            }
            Action::SetSpeed(i) => next.speed = i.min(SPEEDS.len() - 1),
            Action::Pin { map, row, col } => {
                if map >= 1 && map <= self.scene.layers.len() {
                    next.active = map;
                    if let Some(s) = next.active_shape().and_then(|s| crate::model::step_of_position(s, row, col)) {
                        next.step = s;
                    }
                    next.playing = false;
                }
            }
            Action::Select(cell) => {
                if self.cursor != Some(cell) {
                    next.cursor = Some(cell);
                    // Refused text stays open with its message until it is fixed or cancelled.
                    next.edit = self.edit.clone().filter(|e| e.error.is_some());
                }
            }
            Action::MoveCursor { rows, cols } => {
                if let Some(cell) = self.cursor {
                    next.cursor = Some(self.moved(cell, rows, cols));
                }
            }
            Action::ClearCursor => {
                next.cursor = None;
                next.edit = None;
            }
            Action::BeginEdit { cell, text } => {
                if let Some(current) = edit::cell_value(&self.scene, cell) {
                    let raw = text.unwrap_or_else(|| crate::model::format_value(current));
                    next.cursor = Some(cell);
                    next.edit = Some(Edit { cell, raw, error: None });
                }
            }
            Action::EditText(text) => {
                if let Some(e) = &mut next.edit {
                    e.raw = text;
                }
            }
            Action::CommitEdit { rows, cols } => {
                if let Some(e) = &self.edit {
                    match edit::parse_value(&e.raw).and_then(|v| edit::set_cell(&self.scene, e.cell, v)) {
                        Ok(scene) => {
                            next.set_scene(scene);
                            next.edit = None;
                            next.cursor = Some(self.moved(e.cell, rows, cols));
                        }
                        Err(message) => {
                            next.edit = Some(Edit { error: Some(message), ..e.clone() });
                        }
                    }
                }
            }
            Action::CancelEdit => next.edit = None,
            Action::SetField { field, text } => {
                next.field_edits.retain(|f| f.field != field);
                if edit::shrinks(&self.scene, field, &text) {
                    next.field_edits.push(FieldEdit { field, raw: text, error: String::new(), pending: true });
                } else {
                    next.set_field(field, text);
                }
            }
            Action::CommitField { field, text } => {
                let unchanged =
                    edit::field_value(&self.scene, field).map(|v| v.to_string()) == Some(text.trim().to_owned());
                if !unchanged || self.field_edit(field).is_some() {
                    next.field_edits.retain(|f| f.field != field);
                    next.set_field(field, text);
                }
            }
            Action::SetMode { layer, mode } => {
                if let Ok(scene) = edit::set_mode(&self.scene, layer, mode) {
                    next.set_scene(scene);
                }
            }
            Action::Preset(p) => next.open_scene(p.scene()),
            Action::Randomize => {
                next.set_scene(presets::randomized(&self.scene, self.seed));
                next.seed = self.seed.wrapping_add(1);
            }
            Action::Clear => next.set_scene(presets::cleared(&self.scene)),
            Action::ToggleHelp => next.help = !self.help,
            Action::CloseHelp => next.help = false,
            Action::AddLayer(kind) => {
                if self.scene.layers.len() < scene::MAX_LAYERS {
                    let mut scene = (*self.scene).clone();
                    scene.layers.push(presets::new_layer(kind));
                    next.restructure(scene);
                    next.active = next.scene.layers.len();
                    next.step = 0;
                }
            }
            Action::RemoveLayer(l) => {
                if l >= 1 && l <= self.scene.layers.len() {
                    let mut scene = (*self.scene).clone();
                    scene.layers.remove(l - 1);
                    next.restructure(scene);
                    // The stepper stays on the layer it was on (which moved up one place), or,
                    // when that layer was removed, starts on the one that took its place.
                    if l < self.active {
                        next.active = self.active - 1;
                    } else if l == self.active {
                        next.active = l.min(next.scene.layers.len());
                        next.step = 0;
                    }
                    next.step = next.step.min(next.total_steps().saturating_sub(1));
                }
            }
            Action::DuplicateLayer(l) => {
                if let (Some(layer), true) = (
                    l.checked_sub(1).and_then(|i| self.scene.layers.get(i)),
                    self.scene.layers.len() < scene::MAX_LAYERS,
                ) {
                    let mut scene = (*self.scene).clone();
                    scene.layers.insert(l, layer.clone());
                    next.restructure(scene);
                }
            }
            Action::MoveLayer { layer, up } => {
                let n = self.scene.layers.len();
                let other = if up { layer.checked_sub(1) } else { layer.checked_add(1) };
                if let Some(other) = other.filter(|&o| o >= 1 && o <= n && layer >= 1 && layer <= n) {
                    let mut scene = (*self.scene).clone();
                    scene.layers.swap(layer - 1, other - 1);
                    next.restructure(scene);
                    if self.active == layer {
                        next.active = other;
                    } else if self.active == other {
                        next.active = layer;
                    }
                }
            }
        }
        let changed = !Rc::ptr_eq(&next.scene, &self.scene) && *next.scene != *self.scene;
        if changed && !walks_history {
            next.history.record(Rc::clone(&self.scene));
        }
        next
    }

    /// Applies a setting's text to the scene, or keeps the text with why it was refused.
    fn set_field(&mut self, field: Field, text: String) {
        match edit::set_field(&self.scene, field, &text) {
            Ok(scene) => self.set_scene(scene),
            Err(error) => self.field_edits.push(FieldEdit { field, raw: text, error, pending: false }),
        }
    }

    /// Replaces the scene by an edited version of it: the window stays where it was if it can.
    fn set_scene(&mut self, scene: Scene) {
        self.set_scene_rc(Rc::new(scene));
    }

    fn set_scene_rc(&mut self, scene: Rc<Scene>) {
        self.scene = scene;
        self.active = self.active.min(self.scene.layers.len());
        if self.active == 0 && !self.scene.layers.is_empty() {
            self.active = 1;
        }
        self.step = self.step.min(self.total_steps().saturating_sub(1));
        if self.total_steps() <= 1 {
            self.playing = false;
        }
        self.cursor = self.cursor.filter(|c| self.cell_exists(*c));
        self.edit = self.edit.take().filter(|e| self.cell_exists(e.cell));
    }

    /// Replaces the scene by one whose layers may have been added, removed or reordered (or one
    /// from the history): selections and refused texts that named cells and layers by number
    /// are dropped, the window stays if it can.
    fn restructure(&mut self, scene: impl Into<Rc<Scene>>) {
        self.cursor = None;
        self.edit = None;
        self.field_edits.clear();
        self.set_scene_rc(scene.into());
    }

    /// Opens a different scene: the window goes back to the start of layer 1.
    fn open_scene(&mut self, scene: Scene) {
        self.active = 1;
        self.step = 0;
        self.playing = false;
        self.restructure(scene);
    }

    /// The shape of a grid, padding excluded.
    fn grid_shape(&self, grid: GridId) -> Option<Hw> {
        match grid {
            GridId::Map(m) => self.map_shape(m),
            GridId::Kernel(l) => match self.scene.layers.get(l.checked_sub(1)?)? {
                crate::model::Layer::Conv(c) => Some(Hw::new(c.kernel().rows(), c.kernel().cols())),
                crate::model::Layer::Pool(_) => None,
            },
            GridId::Bias(_) => Some(Hw::square(1)),
        }
    }

    fn cell_exists(&self, cell: CellId) -> bool {
        self.grid_shape(cell.grid)
            .is_some_and(|s| (0..signed(s.h)).contains(&cell.row) && (0..signed(s.w)).contains(&cell.col))
    }

    /// `cell` moved by `(rows, cols)`, kept inside its grid.
    fn moved(&self, cell: CellId, rows: isize, cols: isize) -> CellId {
        let Some(shape) = self.grid_shape(cell.grid) else { return cell };
        let clamp = |v: isize, n: usize| v.clamp(0, signed(n).saturating_sub(1));
        CellId {
            grid: cell.grid,
            row: clamp(cell.row.saturating_add(rows), shape.h),
            col: clamp(cell.col.saturating_add(cols), shape.w),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

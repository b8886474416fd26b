//! Application state: the scene a user has set up, where the window stands, what is being
//! edited, the undo history and the page's chrome, and the one reducer through which all of it
//! changes.
//!
//! [`AppState::apply`] is a pure function (tested natively); on the web it backs Yew's
//! `Reducible`, so every change is an [`Action`] and nothing else mutates the state. The state
//! is in parts, each with its own small `apply` and a `reconcile` that fits it to a changed
//! scene: [`Stepper`] (the window), [`Editor`] (selection and typed text), [`History`] (undo and
//! redo) and [`Chrome`] (messages, dialogs). Text that was refused stays in the editor with
//! its reason, so the field keeps showing what was typed.

pub mod canvas;
pub mod edit;
pub mod keys;
pub mod learning;
pub mod lesson;
pub mod paste;
pub mod presets;
pub mod pytorch;
pub mod scene;
pub mod sheet;
pub mod view;

use std::collections::VecDeque;
use std::rc::Rc;

pub use edit::{CellId, Edit, EditError, Field, FieldEdit, FieldState, GridId};
pub use learning::Learning;
pub use lesson::{Lesson, Page};
pub use presets::Preset;
pub use scene::{LayerId, Learn, Opened, Scene, SceneError, View, ViewCell, ViewPart};

use lesson::Own;

use crate::model::{position_of_step, signed, step_of_position, Dims, Hw, Mode, Pos};

/// The key under which the current scene is autosaved in the browser's localStorage.
pub const STORAGE_KEY: &str = "convscope.scene";
/// Where an autosaved scene that this build cannot read is kept, so that it is never lost.
pub const UNREADABLE_KEY: &str = "convscope.scene.unreadable";

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

/// Every way the state can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open the scene carried by a URL fragment. A fragment without a scene changes nothing;
    /// a broken one keeps the current scene and records why.
    OpenFragment(String),
    /// Make a layer the one the step controls drive.
    SetActive(LayerId),
    /// Move the window one position on (stops at the last).
    StepForward,
    /// Move the window one position back (stops at the first).
    StepBack,
    /// Move the window to the first position.
    FirstStep,
    /// Move the window to the last position.
    LastStep,
    /// Move the window to the position with this index (channel, row, column order).
    StepTo(usize),
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Stop playing.
    Pause,
    /// One timer tick while playing: step on, or stop at the end.
    Tick,
    /// Set the playing speed (index into [`SPEEDS`]).
    SetSpeed(usize),
    /// Move the window to output position `at` of a layer (making it active).
    Pin { layer: LayerId, at: Pos },
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
    /// Paste text (a block of numbers) at the selected cell of an editable grid — or over the
    /// whole grid after [`Action::SelectAll`].
    Paste { at: CellId, text: String },
    /// Select the whole of a grid (Ctrl/⌘+A): a paste then replaces it, size and all.
    SelectAll(GridId),
    /// A setting's text changed (as typed): applied at once, except a shrinking size, which
    /// waits for [`Action::CommitField`].
    SetField { field: Field, text: String },
    /// Enter was pressed in a setting, or it was left: apply what it holds.
    CommitField { field: Field, text: String },
    /// Set the mode of a conv layer.
    SetMode { layer: LayerId, mode: Mode },
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
    /// Escape on the page: close the shortcuts if they are open, else the code, else the QR
    /// code, else leave presentation mode.
    Dismiss,
    /// Enter or leave presentation mode.
    TogglePresent,
    /// Show or hide the QR code of the link.
    ToggleShare,
    /// Show or hide the PyTorch code of the scene (#15).
    ToggleCode,
    /// Open the lesson at page `n` (from 0), or turn to it: the student's own scene waits
    /// aside, and the page starts an undo history of its own.
    OpenLesson(usize),
    /// Turn the lesson's page by this many pages (from a key or a swipe), if there is one
    /// there.
    TurnPage(isize),
    /// Bring the lesson's page back as it was set up (an undoable change of the page).
    RestorePage,
    /// Leave the lesson: the student's own scene, history, window and selection come back.
    LeaveLesson,
    /// Make the cells larger than the fit, one step.
    ZoomIn,
    /// Make the cells smaller, one step.
    ZoomOut,
    /// Back to cells that fit the screen.
    ZoomFit,
    /// Append a new layer of this kind.
    AddLayer(NewLayer),
    /// Remove a layer.
    RemoveLayer(LayerId),
    /// Insert a copy of a layer after it.
    DuplicateLayer(LayerId),
    /// Move a layer one place earlier (`up`) or later.
    MoveLayer { layer: LayerId, up: bool },
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
    /// Replace the input with a picture (or a sample), keeping the layers (undoable); the
    /// first conv layer is fitted to its channels.
    SetInput(crate::model::Channels),
    /// A picture file was refused before it became a map, and why.
    PictureRefused(PictureProblem),
    /// Set up a learning demo on a conv layer (undoable): its kernel is the one to discover,
    /// the learner starts from zeros at d2l's rate.
    Learn(LayerId),
    /// Remove the learning demo (undoable).
    StopLearning,
    /// The learning rate as typed: applied when it is a rate, else kept with why.
    SetRate(String),
    /// The learner's operation.
    SetLearnMode(Mode),
    /// Whether the learner's bias is learned too.
    SetLearnBias(bool),
    /// The initial kernel all zeros (`None`), or random from the next seed (`Some(())`).
    FillInit(Option<()>),
    /// Train one epoch (pausing training).
    TrainEpoch,
    /// Train epoch after epoch, or pause.
    ToggleTrain,
    /// One timer tick while training: one epoch.
    TrainTick,
    /// Back to epoch 0.
    ResetLearning,
    /// Show or hide the kernel to discover.
    ToggleReveal,
    /// The loss curve on a logarithmic scale, or a linear one.
    ToggleLogScale,
}

/// Why a picture could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureProblem {
    /// The file is larger than the most read.
    FileTooLarge { bytes: u64, max: u64 },
    /// The picture is larger than the most decoded, a side.
    TooLarge { width: u32, height: u32, max: u32 },
    /// The browser could not decode it as a picture.
    NotAPicture,
}

/// The kinds of layer "Add" offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NewLayer {
    /// d2l's 2×2 kernel [[0, 1], [2, 3]], no padding: the next layer of d2l's deeper example.
    Conv,
    /// 2×2 max pooling, stride 2.
    MaxPool,
    /// 2×2 average pooling, stride 2.
    AvgPool,
}

/// A short confirmation, optionally with a link to copy by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// What happened.
    pub kind: NoticeKind,
    /// A link to show in a field, when it could not be put on the clipboard.
    pub link: Option<String>,
}

/// What a [`Notice`] confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// The link is on the clipboard.
    LinkCopied,
    /// There is no clipboard: the link is shown to copy by hand.
    LinkNotCopied,
    /// The scene was downloaded as a file.
    Exported,
    /// The view a link or file carried did not fit its scene, and was left out.
    ViewDropped,
    /// The scene's link would be longer than a link may be: Export shares it as a file.
    LinkTooLong,
    /// A `#lesson=` link named a page the lesson does not have (it has `pages`): page 1 opened.
    NoSuchPage {
        /// How many pages the lesson has.
        pages: usize,
    },
}

/// Where the sliding window stands and whether it moves by itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Stepper {
    /// The layer the step controls drive (`None` when there are no layers).
    pub active: Option<LayerId>,
    /// Index of the output position the window stands on, in PyTorch's order: output channel,
    /// then row, then column.
    pub step: usize,
    /// Whether the window advances by itself.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
}

impl Stepper {
    /// On the first layer's first position, paused, at the default speed.
    pub fn new() -> Stepper {
        Stepper { active: Some(LayerId::FIRST), step: 0, playing: false, speed: DEFAULT_SPEED }
    }

    /// The output shape of the active layer, if it has an output.
    pub fn shape(&self, scene: &Scene) -> Option<Dims> {
        scene.map_dims(self.active?.get())
    }

    /// Number of window positions of the active layer (0 when it has no output).
    pub fn total(&self, scene: &Scene) -> usize {
        self.shape(scene).map_or(0, Dims::cells)
    }

    /// The output position the window stands on, if any.
    pub fn position(&self, scene: &Scene) -> Option<Pos> {
        position_of_step(self.shape(scene)?, self.step)
    }

    /// Applies a stepping action; other actions change nothing here.
    fn apply(&mut self, action: &Action, scene: &Scene) {
        let last = self.total(scene).saturating_sub(1);
        match *action {
            Action::SetActive(l) if scene.layer(l).is_some() && Some(l) != self.active => {
                self.active = Some(l);
                self.step = 0;
            }
            Action::StepForward => self.step = (self.step + 1).min(last),
            Action::StepBack => self.step = self.step.saturating_sub(1),
            Action::FirstStep => self.step = 0,
            Action::LastStep => self.step = last,
            Action::StepTo(s) => self.step = s.min(last),
            Action::TogglePlay => {
                if self.playing {
                    self.playing = false;
                } else if self.total(scene) > 1 {
                    self.playing = true;
                    if self.step >= last {
                        self.step = 0;
                    }
                }
            }
            Action::Pause => self.playing = false,
            Action::Tick if self.playing => {
                if self.step < last {
                    self.step += 1;
                }
                if self.step >= last {
                    self.playing = false;
                }
            }
            Action::SetSpeed(i) => self.speed = i.min(SPEEDS.len() - 1),
            Action::Pin { layer, at } => {
                // Only to an output that exists (found by the fuzz run: pinning a position past
                // a smaller layer's output once left the step beyond its last).
                if let Some(s) = scene.map_dims(layer.get()).and_then(|s| step_of_position(s, at)) {
                    self.active = Some(layer);
                    self.step = s;
                    self.playing = false;
                }
            }
            _ => {}
        }
    }

    /// Fits the stepper to a changed scene: the same layer and position where they still
    /// exist, else the nearest; playing stops when there is nothing left to play.
    fn reconcile(&mut self, scene: &Scene) {
        self.active = match (self.active, scene.last_layer()) {
            (_, None) => None,
            (None, Some(_)) => Some(LayerId::FIRST),
            (Some(a), Some(last)) => Some(a.min(last)),
        };
        self.step = self.step.min(self.total(scene).saturating_sub(1));
        if self.total(scene) <= 1 {
            self.playing = false;
        }
    }

    /// Back to the start of the first layer, paused (a different scene was opened).
    fn restart(&mut self) {
        *self = Stepper { speed: self.speed, ..Stepper::new() };
    }
}

impl Default for Stepper {
    fn default() -> Stepper {
        Stepper::new()
    }
}

/// The selected cell, the cell being edited and settings whose text is not applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Editor {
    /// The selected cell (the grids' roving focus).
    pub cursor: Option<CellId>,
    /// The cell being edited, if any.
    pub edit: Option<Edit>,
    /// Settings whose typed text is refused or waits for Enter.
    pub fields: Vec<FieldEdit>,
    /// The grid selected whole (Ctrl/⌘+A), if any.
    pub whole: Option<GridId>,
    /// A paste that was refused, in which grid and why.
    pub refused_paste: Option<(GridId, EditError)>,
}

impl Editor {
    /// The unapplied text of a setting, if any.
    pub fn field(&self, field: Field) -> Option<&FieldEdit> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// Applies a selection or typing action that does not change the scene.
    fn apply(&mut self, action: &Action, scene: &Scene) {
        match action {
            Action::SelectAll(grid) => self.whole = Some(*grid),
            Action::Select(cell) if self.cursor != Some(*cell) => {
                self.cursor = Some(*cell);
                self.whole = None;
                self.refused_paste = None;
                // Refused text stays open with its message until it is fixed or cancelled.
                self.edit = self.edit.take().filter(|e| e.refused.is_some());
            }
            Action::MoveCursor { rows, cols } => {
                self.whole = None;
                self.cursor = self.cursor.map(|cell| moved(scene, cell, *rows, *cols));
            }
            Action::ClearCursor => {
                self.cursor = None;
                self.edit = None;
                self.whole = None;
                self.refused_paste = None;
            }
            // The cell's field is already open: keys that reached the cell before the render
            // focused the field (one that outlasted a frame, on a slow machine) go on the end
            // of its text, not over it ("-7" typed fast is −7, not 7), and opening it again (a
            // double click inside it) keeps what was typed.
            Action::BeginEdit { cell, text } if self.edit.as_ref().is_some_and(|e| e.cell == *cell) => {
                if let (Some(e), Some(more)) = (&mut self.edit, text) {
                    e.raw.push_str(more);
                }
            }
            Action::BeginEdit { cell, text } => {
                if let Some(current) = edit::cell_value(scene, *cell) {
                    let raw = text.clone().unwrap_or_else(|| crate::model::format_value(current));
                    self.cursor = Some(*cell);
                    self.edit = Some(Edit { cell: *cell, raw, refused: None });
                }
            }
            Action::EditText(text) => {
                if let Some(e) = &mut self.edit {
                    e.raw.clone_from(text);
                }
            }
            Action::CancelEdit => self.edit = None,
            _ => {}
        }
    }

    /// Fits the editor to a changed scene: a selection or an edit of a cell that no longer
    /// exists is dropped.
    fn reconcile(&mut self, scene: &Scene) {
        self.cursor = self.cursor.filter(|c| cell_exists(scene, *c));
        self.edit = self.edit.take().filter(|e| cell_exists(scene, e.cell));
    }

    /// Forgets everything that names cells and layers by number (layers were added, removed or
    /// reordered, or another scene opened).
    fn forget(&mut self) {
        *self = Editor::default();
    }
}

/// Scenes that Undo and Redo go back and forth between. Compared by identity, so comparing two
/// states never walks two hundred scenes.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Rc<Scene>>,
    redo: Vec<Rc<Scene>>,
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        same_scenes(self.undo.iter(), other.undo.iter()) && same_scenes(self.redo.iter(), other.redo.iter())
    }
}

/// Whether two lists hold the very same scenes (by identity), in the same order.
fn same_scenes<'a>(
    a: impl ExactSizeIterator<Item = &'a Rc<Scene>>,
    b: impl ExactSizeIterator<Item = &'a Rc<Scene>>,
) -> bool {
    a.len() == b.len() && a.zip(b).all(|(x, y)| Rc::ptr_eq(x, y))
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

    /// Remembers the scene a change replaced; a new change forgets what could be redone.
    fn record(&mut self, previous: Rc<Scene>) {
        self.push_undo(previous);
        self.redo.clear();
    }

    fn push_undo(&mut self, scene: Rc<Scene>) {
        self.undo.push_back(scene);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.pop_front();
        }
    }

    /// The scene before `current`, which Redo will bring back.
    fn undo(&mut self, current: &Rc<Scene>) -> Option<Rc<Scene>> {
        let previous = self.undo.pop_back()?;
        self.redo.push(Rc::clone(current));
        Some(previous)
    }

    /// The scene Undo took back from, which Undo will take back again.
    fn redo(&mut self, current: &Rc<Scene>) -> Option<Rc<Scene>> {
        let later = self.redo.pop()?;
        self.push_undo(Rc::clone(current));
        Some(later)
    }
}

/// What the page shows around the scene: why a scene could not be opened, a confirmation,
/// the reset question, the shortcuts, and two counters.
#[derive(Clone, Debug, PartialEq)]
pub struct Chrome {
    /// Why the last scene offered (a link, a file, the autosave) could not be opened.
    pub scene_error: Option<SceneProblem>,
    /// A short confirmation to show ("Link copied"), and a link to show with it.
    pub notice: Option<Notice>,
    /// Whether "Reset" is waiting for a confirmation.
    pub confirm_reset: bool,
    /// Whether the keyboard shortcuts are shown.
    pub help: bool,
    /// Counts fragments that carried no scene ("#", "#about"): the address bar is then given
    /// the scene's link again, so it keeps following the scene.
    pub link_epoch: u64,
    /// Seed of the next "Randomize".
    pub seed: u64,
    /// Whether the page is in presentation mode (a view, never an undo step).
    pub presenting: bool,
    /// Whether the QR code of the link is shown (it always is in presentation mode).
    pub sharing: bool,
    /// Whether the PyTorch code of the scene is shown.
    pub code: bool,
    /// Zoom steps away from the cell size that fits the screen (0 = fit); each is ×1.25.
    pub zoom: i8,
    /// Counts presses of Fit, so that Fit measures again even when already at the fit.
    pub fit_epoch: u32,
    /// Why the last picture offered could not be opened.
    pub picture_error: Option<PictureProblem>,
}

/// The most zoom steps either way.
pub const MAX_ZOOM: i8 = 8;

impl Chrome {
    fn new() -> Chrome {
        Chrome {
            scene_error: None,
            notice: None,
            confirm_reset: false,
            help: false,
            link_epoch: 0,
            seed: 1,
            presenting: false,
            sharing: false,
            code: false,
            zoom: 0,
            fit_epoch: 0,
            picture_error: None,
        }
    }

    /// Applies an action that changes only the chrome.
    fn apply(&mut self, action: &Action) {
        match action {
            Action::Notify(notice) => self.notice.clone_from(notice),
            Action::AskReset => self.confirm_reset = true,
            Action::CancelReset => self.confirm_reset = false,
            Action::ToggleHelp => self.help = !self.help,
            Action::CloseHelp => self.help = false,
            Action::Dismiss => {
                if self.help {
                    self.help = false;
                } else if self.code {
                    self.code = false;
                } else if self.sharing {
                    self.sharing = false;
                } else {
                    self.presenting = false;
                }
            }
            Action::TogglePresent => self.presenting = !self.presenting,
            Action::ToggleShare => self.sharing = !self.sharing,
            Action::ToggleCode => self.code = !self.code,
            Action::ZoomIn => self.zoom = (self.zoom + 1).min(MAX_ZOOM),
            Action::ZoomOut => self.zoom = (self.zoom - 1).max(-MAX_ZOOM),
            Action::ZoomFit => {
                self.zoom = 0;
                self.fit_epoch = self.fit_epoch.wrapping_add(1);
            }
            Action::PictureRefused(problem) => self.picture_error = Some(*problem),
            Action::ImportRejected(error) => {
                self.scene_error = Some(SceneProblem { source: SceneSource::File, error: error.clone() });
            }
            _ => {}
        }
    }
}

/// Everything the app shows, apart from what is derived from it.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The last valid scene.
    pub scene: Rc<Scene>,
    /// Scenes to undo and redo.
    pub history: History,
    /// The window.
    pub stepper: Stepper,
    /// Selection and typed text.
    pub editor: Editor,
    /// Messages and dialogs.
    pub chrome: Chrome,
    /// The learning demo's progress (a view of the scene's setup, never an undo step).
    pub learning: Learning,
    /// The lesson, while one is open (#15).
    pub lesson: Option<Lesson>,
}

/// How a new scene relates to the one it replaces, which decides what of the view survives.
enum Change {
    /// The same layers, edited: the window and the selection stay where they can.
    Edit(Scene),
    /// Layers added, removed or reordered, or a scene from the history: selections and
    /// refused texts (which name cells and layers by number) are dropped.
    Restructure(Rc<Scene>),
    /// A different scene: the window goes back to the start of layer 1, or to the view it
    /// came with.
    Open(Scene, ViewPart),
}

impl AppState {
    /// The state when the app opens: the scene saved in this browser (or d2l's example), then
    /// the link's scene, if the URL carries one, with the saved scene one undo away.
    pub fn start(fragment: &str, saved: Option<&str>) -> AppState {
        let (base, problem) = match saved.map(Scene::open_json) {
            None => (Opened { scene: Scene::d2l_default(), view: ViewPart::Absent }, None),
            Some(Ok(opened)) => (opened, None),
            Some(Err(error)) => (
                Opened { scene: Scene::d2l_default(), view: ViewPart::Absent },
                Some(SceneProblem { source: SceneSource::Saved, error }),
            ),
        };
        let mut start = AppState {
            scene: Rc::new(base.scene),
            history: History::default(),
            stepper: Stepper::new(),
            editor: Editor::default(),
            chrome: Chrome { scene_error: problem, ..Chrome::new() },
            learning: Learning::default(),
            lesson: None,
        };
        // The saved view is the reader's own: restored where it fits, quietly.
        if let ViewPart::Given(view) = base.view {
            let _ = start.restore_view(view);
        }
        let mut start = start.apply(Action::OpenFragment(fragment.to_owned()));
        start.learning.restart(&start.scene);
        start
    }

    /// Number of window positions of the active layer (0 when it has no output).
    pub fn total_steps(&self) -> usize {
        self.stepper.total(&self.scene)
    }

    /// The output position the window stands on, if any.
    pub fn position(&self) -> Option<Pos> {
        self.stepper.position(&self.scene)
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> AppState {
        let mut next = self.clone();
        let scene = &self.scene;
        // The scene an undo goes back to (the student's own when a link leaves the lesson).
        let mut before = Rc::clone(&self.scene);
        let change = match &action {
            Action::OpenFragment(fragment) => match (lesson::lesson_fragment(fragment), Scene::open_fragment(fragment))
            {
                (Some(page), _) => {
                    let pages = Page::ALL.len();
                    let page = match page {
                        Ok(n) if (1..=pages).contains(&n) => n - 1,
                        _ => {
                            next.chrome.notice = Some(Notice { kind: NoticeKind::NoSuchPage { pages }, link: None });
                            0
                        }
                    };
                    next.open_page(page)
                }
                (None, None) => {
                    next.chrome.link_epoch = self.chrome.link_epoch.wrapping_add(1);
                    None
                }
                (None, Some(opened)) => {
                    // A scene's link is the student's own: it leaves the lesson first.
                    if next.leave_lesson() {
                        before = Rc::clone(&next.scene);
                    }
                    next.opened(opened, SceneSource::Link)
                }
            },
            // (A page the lesson does not have opens nothing: `open_page` checks.)
            Action::OpenLesson(page) => next.open_page(*page),
            Action::TurnPage(by) => {
                self.lesson.as_ref().and_then(|l| l.page.checked_add_signed(*by)).and_then(|to| next.open_page(to))
            }
            Action::RestorePage => self.lesson.as_ref().and_then(|l| Page::at(l.page)).map(|p| {
                let Opened { scene, view } = p.setup();
                Change::Open(scene, view)
            }),
            Action::LeaveLesson => {
                next.leave_lesson();
                None
            }
            Action::Import(text) => next.opened(Scene::open_json(text), SceneSource::File),
            Action::Undo => next.history.undo(scene).map(Change::Restructure),
            Action::Redo => next.history.redo(scene).map(Change::Restructure),
            Action::ConfirmReset => {
                next.chrome.confirm_reset = false;
                Some(Change::Open(Scene::d2l_default(), ViewPart::Absent))
            }
            Action::CommitEdit { rows, cols } => {
                let edit = self.editor.edit.as_ref();
                match edit.map(|e| (e, edit::parse_value(&e.raw).and_then(|v| edit::set_cell(scene, e.cell, v)))) {
                    None => None,
                    Some((e, Ok(edited))) => {
                        next.editor.edit = None;
                        next.editor.cursor = Some(moved(scene, e.cell, *rows, *cols));
                        Some(Change::Edit(edited))
                    }
                    Some((e, Err(error))) => {
                        next.editor.edit = Some(Edit { refused: Some(error), ..e.clone() });
                        None
                    }
                }
            }
            Action::SetField { field, text } => {
                next.editor.fields.retain(|f| f.field != *field);
                if edit::shrinks(scene, *field, text) {
                    next.editor.fields.push(FieldEdit { field: *field, raw: text.clone(), state: FieldState::Pending });
                    None
                } else {
                    next.set_field(*field, text)
                }
            }
            Action::CommitField { field, text } => {
                let unchanged = edit::field_value(scene, *field).map(|v| v.to_string()) == Some(text.trim().to_owned());
                if !unchanged || self.editor.field(*field).is_some() {
                    next.editor.fields.retain(|f| f.field != *field);
                    next.set_field(*field, text)
                } else {
                    None
                }
            }
            Action::SetMode { layer, mode } => edit::set_mode(scene, *layer, *mode).ok().map(Change::Edit),
            Action::Paste { at, text } => {
                let whole = self.editor.whole == Some(at.grid);
                next.editor.whole = None;
                match paste::parse_block(text).map_err(EditError::from).and_then(|b| edit::paste(scene, *at, whole, &b))
                {
                    Ok(pasted) => {
                        next.editor.refused_paste = None;
                        next.editor.edit = None;
                        Some(Change::Edit(pasted))
                    }
                    Err(error) => {
                        next.editor.refused_paste = Some((at.grid, error));
                        None
                    }
                }
            }
            Action::Preset(p) => Some(Change::Open(p.scene(), ViewPart::Absent)),
            Action::Randomize => {
                next.chrome.seed = self.chrome.seed.wrapping_add(1);
                Some(Change::Edit(presets::randomized(scene, self.chrome.seed)))
            }
            Action::Clear => Some(Change::Edit(presets::cleared(scene))),
            Action::SetInput(map) => {
                next.chrome.picture_error = None;
                match edit::set_input(scene, map.clone()) {
                    Ok(s) => Some(Change::Edit(s)),
                    Err(error) => {
                        next.editor.refused_paste = Some((GridId::Map(0, 0), error));
                        None
                    }
                }
            }
            Action::Learn(l) => edit::start_learning(scene, *l).ok().map(Change::Edit),
            Action::StopLearning => scene.learn.is_some().then(|| {
                let mut stopped = (**scene).clone();
                stopped.learn = None;
                Change::Edit(stopped)
            }),
            Action::SetRate(text) => {
                match edit::parse_rate(text).and_then(|lr| edit::set_learn(scene, |l| l.lr = lr)) {
                    Ok(s) => {
                        next.learning.rate_text = None;
                        Some(Change::Edit(s))
                    }
                    Err(error) => {
                        next.learning.rate_text = Some((text.clone(), error));
                        None
                    }
                }
            }
            Action::SetLearnMode(mode) => edit::set_learn(scene, |l| l.mode = Some(*mode)).ok().map(Change::Edit),
            Action::SetLearnBias(on) => edit::set_learn(scene, |l| l.learn_bias = *on).ok().map(Change::Edit),
            Action::FillInit(random) => {
                let seed = random.map(|()| self.chrome.seed);
                if seed.is_some() {
                    next.chrome.seed = self.chrome.seed.wrapping_add(1);
                }
                edit::fill_init(scene, seed).ok().map(Change::Edit)
            }
            Action::TrainEpoch => {
                next.learning.playing = false;
                if let Some(setup) = &scene.learn {
                    next.learning.train(setup);
                }
                None
            }
            Action::TrainTick => {
                if let (true, Some(setup)) = (self.learning.playing, &scene.learn) {
                    next.learning.train(setup);
                }
                None
            }
            Action::ToggleTrain => {
                let l = &mut next.learning;
                l.playing = !l.playing && l.learner.is_some() && l.problem.is_none();
                None
            }
            Action::ResetLearning => {
                next.learning.restart(scene);
                None
            }
            Action::ToggleReveal => {
                next.learning.revealed = !self.learning.revealed;
                None
            }
            Action::ToggleLogScale => {
                next.learning.log_scale = !self.learning.log_scale;
                None
            }
            Action::AddLayer(kind) => (scene.layers.len() < scene::MAX_LAYERS).then(|| {
                let mut added = (**scene).clone();
                added.layers.push(presets::new_layer(*kind));
                Change::Restructure(Rc::new(added))
            }),
            Action::RemoveLayer(l) => scene.layer(*l).map(|_| {
                let mut removed = (**scene).clone();
                // In range: the layer exists.
                removed.layers.remove(l.index());
                removed.learn = removed.learn.take().and_then(|mut learn| {
                    learn.layer = match learn.layer.cmp(l) {
                        std::cmp::Ordering::Less => learn.layer,
                        std::cmp::Ordering::Equal => return None,
                        std::cmp::Ordering::Greater => learn.layer.previous()?,
                    };
                    Some(learn)
                });
                Change::Restructure(Rc::new(removed))
            }),
            Action::DuplicateLayer(l) => {
                scene.layer(*l).filter(|_| scene.layers.len() < scene::MAX_LAYERS).map(|layer| {
                    let mut duplicated = (**scene).clone();
                    duplicated.layers.insert(l.get(), layer.clone());
                    if let Some(learn) = duplicated.learn.as_mut().filter(|learn| learn.layer > *l) {
                        learn.layer = learn.layer.next();
                    }
                    Change::Restructure(Rc::new(duplicated))
                })
            }
            Action::MoveLayer { layer, up } => {
                let other = if *up { layer.previous() } else { Some(layer.next()) };
                other.filter(|o| scene.layer(*o).is_some() && scene.layer(*layer).is_some()).map(|other| {
                    let mut moved = (**scene).clone();
                    moved.layers.swap(layer.index(), other.index());
                    if let Some(learn) = moved.learn.as_mut() {
                        if learn.layer == *layer {
                            learn.layer = other;
                        } else if learn.layer == other {
                            learn.layer = *layer;
                        }
                    }
                    Change::Restructure(Rc::new(moved))
                })
            }
            _ => {
                next.stepper.apply(&action, scene);
                next.editor.apply(&action, scene);
                next.chrome.apply(&action);
                None
            }
        };
        let change = match change {
            // A new, removed, copied or moved layer: every conv layer reads what it is given.
            Some(Change::Restructure(scene))
                if matches!(
                    action,
                    Action::AddLayer(_) | Action::RemoveLayer(_) | Action::DuplicateLayer(_) | Action::MoveLayer { .. }
                ) =>
            {
                let mut fitted = (*scene).clone();
                edit::fit_channels(&mut fitted);
                Some(Change::Restructure(Rc::new(fitted)))
            }
            other => other,
        };
        if let Some(change) = change {
            next.change(change);
            next.follow_layers(&action, self.stepper.active);
        }
        if !Rc::ptr_eq(&next.scene, &self.scene) {
            // A changed scene (its setup, the layer, the input) starts learning again.
            next.learning.restart(&next.scene);
            if !matches!(action, Action::SetRate(_)) {
                next.learning.rate_text = None;
            }
        }
        let changed = !Rc::ptr_eq(&next.scene, &before) && *next.scene != *before;
        let page = next.lesson.as_ref().map(|l| l.page);
        if page.is_some() && page != self.lesson.as_ref().map(|l| l.page) {
            // A page just opened starts a history of its own.
            next.history = History::default();
        } else if changed && !matches!(action, Action::Undo | Action::Redo | Action::LeaveLesson) {
            // (Leaving gives back the student's history as it was.)
            next.history.record(before);
        }
        next
    }

    /// Opens page `page` of the lesson (the student's things set aside first, if the lesson
    /// was not open): the change it makes.
    fn open_page(&mut self, page: usize) -> Option<Change> {
        let setup = Page::at(page)?.setup();
        let own = match self.lesson.take() {
            Some(lesson) => lesson.own,
            None => Rc::new(Own {
                scene: Rc::clone(&self.scene),
                history: self.history.clone(),
                stepper: self.stepper.clone(),
                editor: self.editor.clone(),
            }),
        };
        self.lesson = Some(Lesson { page, own });
        Some(Change::Open(setup.scene, setup.view))
    }

    /// Leaves the lesson, if one is open: the student's scene, history, window and selection
    /// come back as they were. Whether there was one.
    fn leave_lesson(&mut self) -> bool {
        let Some(lesson) = self.lesson.take() else { return false };
        let own = &*lesson.own;
        self.scene = Rc::clone(&own.scene);
        self.history = own.history.clone();
        self.stepper = Stepper { playing: false, ..own.stepper.clone() };
        self.editor = own.editor.clone();
        true
    }

    /// The change an offered scene makes, or, when it cannot be opened, none (and why, from
    /// where, in the chrome).
    fn opened(&mut self, scene: Result<Opened, SceneError>, source: SceneSource) -> Option<Change> {
        match scene {
            Ok(Opened { scene, view }) => {
                self.chrome.scene_error = None;
                Some(Change::Open(scene, view))
            }
            Err(error) => {
                self.chrome.scene_error = Some(SceneProblem { source, error });
                None
            }
        }
    }

    /// The change a setting's text makes, or, when it is refused, none (and the text with why).
    fn set_field(&mut self, field: Field, text: &str) -> Option<Change> {
        match edit::set_field(&self.scene, field, text) {
            Ok(scene) => Some(Change::Edit(scene)),
            Err(error) => {
                let state = FieldState::Refused(error);
                self.editor.fields.push(FieldEdit { field, raw: text.to_owned(), state });
                None
            }
        }
    }

    /// Puts a new scene in place and fits the rest of the state to it.
    fn change(&mut self, change: Change) {
        let scene = match change {
            Change::Edit(mut scene) => {
                scene.fit_learn();
                Rc::new(scene)
            }
            Change::Restructure(scene) => {
                self.editor.forget();
                let mut fitted = (*scene).clone();
                fitted.fit_learn();
                if fitted == *scene {
                    scene
                } else {
                    Rc::new(fitted)
                }
            }
            Change::Open(scene, view) => {
                self.editor.forget();
                self.stepper.restart();
                self.scene = Rc::new(scene);
                self.stepper.reconcile(&self.scene);
                let restored = match view {
                    ViewPart::Absent => Ok(()),
                    ViewPart::Given(view) => self.restore_view(view),
                    ViewPart::Unreadable => Err(()),
                };
                if restored.is_err() {
                    self.chrome.notice = Some(Notice { kind: NoticeKind::ViewDropped, link: None });
                }
                return;
            }
        };
        self.scene = scene;
        self.stepper.reconcile(&self.scene);
        self.editor.reconcile(&self.scene);
    }

    /// The view now: the layer stepped through, the step, the selected cell of a map — what a
    /// link, an export and the autosave carry with the scene.
    pub fn view(&self) -> Option<View> {
        let selected = self.editor.cursor.and_then(|c| match c.grid {
            GridId::Map(map, channel) => Some(ViewCell { map, channel, row: c.row, col: c.col }),
            _ => None,
        });
        Some(View { layer: self.stepper.active?, step: self.stepper.step, selected })
    }

    /// Puts the window and the selection where `view` says, if all of it fits the scene (else
    /// nothing changes): a view is restored whole or not at all.
    fn restore_view(&mut self, view: View) -> Result<(), ()> {
        let scene = &self.scene;
        scene.layer(view.layer).ok_or(())?;
        let stepper = Stepper { active: Some(view.layer), step: view.step, ..self.stepper.clone() };
        if view.step >= stepper.total(scene).max(1) {
            return Err(());
        }
        let cursor = match view.selected {
            None => None,
            Some(c) => {
                let dims = scene.map_dims(c.map).ok_or(())?;
                let shape = dims.hw;
                if c.channel >= dims.channels {
                    return Err(());
                }
                let pad = scene.layers.get(c.map).map_or(Hw::square(0), |l| l.geometry().padding());
                let inside = |v: isize, n: usize, p: usize| (-signed(p)..signed(n) + signed(p)).contains(&v);
                if !(inside(c.row, shape.h, pad.h) && inside(c.col, shape.w, pad.w)) {
                    return Err(());
                }
                Some(CellId { grid: GridId::Map(c.map, c.channel), row: c.row, col: c.col })
            }
        };
        self.stepper = stepper;
        self.editor.cursor = cursor;
        Ok(())
    }

    /// After layers were added, removed or moved, the stepper follows its layer: a new layer
    /// becomes the active one; a layer that moved takes the stepper along; when the active
    /// layer is removed, the one that took its place is stepped from the start.
    fn follow_layers(&mut self, action: &Action, was: Option<LayerId>) {
        let stepper = &mut self.stepper;
        match (action, was) {
            (Action::AddLayer(_), _) => {
                stepper.active = self.scene.last_layer();
                stepper.step = 0;
            }
            (&Action::RemoveLayer(l), Some(a)) if l < a => stepper.active = a.previous(),
            (&Action::RemoveLayer(l), Some(a)) if l == a => {
                stepper.active = self.scene.last_layer().map(|last| l.min(last));
                stepper.step = 0;
            }
            (&Action::MoveLayer { layer, up }, Some(a)) => {
                let other = if up { layer.previous() } else { Some(layer.next()) };
                if a == layer {
                    stepper.active = other;
                } else if Some(a) == other {
                    stepper.active = Some(layer);
                }
            }
            _ => return,
        }
        stepper.reconcile(&self.scene);
    }
}

/// The shape of a grid, padding excluded.
fn grid_shape(scene: &Scene, grid: GridId) -> Option<Hw> {
    match grid {
        GridId::Map(m, c) => scene.map_dims(m).filter(|d| c < d.channels).map(|d| d.hw),
        GridId::Kernel(l, s) => scene.conv(l).filter(|c| c.slice(s).is_some()).map(|c| c.window()),
        GridId::Bias(l) => scene.conv(l).map(|c| Hw::new(c.out_channels(), 1)),
        GridId::Init(s) => {
            let learn = scene.learn.as_ref()?;
            scene.conv(learn.layer).filter(|c| c.slice(s).is_some()).map(|c| c.window())
        }
    }
}

fn cell_exists(scene: &Scene, cell: CellId) -> bool {
    grid_shape(scene, cell.grid)
        .is_some_and(|s| (0..signed(s.h)).contains(&cell.row) && (0..signed(s.w)).contains(&cell.col))
}

/// `cell` moved by `(rows, cols)`, kept inside its grid.
fn moved(scene: &Scene, cell: CellId, rows: isize, cols: isize) -> CellId {
    let Some(shape) = grid_shape(scene, cell.grid) else { return cell };
    let clamp = |v: isize, n: usize| v.clamp(0, signed(n).saturating_sub(1));
    CellId {
        grid: cell.grid,
        row: clamp(cell.row.saturating_add(rows), shape.h),
        col: clamp(cell.col.saturating_add(cols), shape.w),
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

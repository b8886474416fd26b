//! Editing the scene: which cell or setting is being edited, parsing what was typed, and the
//! scene operations (set a value, resize, change a setting) that an edit turns into.
//!
//! Every function here returns a `Result` whose error is an [`EditError`] to show beside the
//! field (rendered in words by `crate::i18n`); the scene is only replaced when the whole edit
//! is valid.

use std::rc::Rc;

use super::paste::{Block, PasteError};
use super::scene::{LayerId, Learn, Scene, MAX_ABS_VALUE, MAX_CHANNELS, MAX_INPUT, MAX_PADDING, MAX_STEP, MAX_WINDOW};
use crate::model::{Axis, Channels, Conv, Grid, GridError, Hw, Layer, Mode, ModelError, Pool, Slice};

/// Which grid a cell belongs to, numbered as in the `data-*` attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GridId {
    /// Channel C of feature map M (`Map(M, C)`): map 0 is the input, M the output of layer M.
    Map(usize, usize),
    /// A slice of the kernel of a layer, as entered.
    Kernel(LayerId, Slice),
    /// The biases of a layer, edited like a grid of one column: row o is output channel o's.
    Bias(LayerId),
    /// A slice of the learning demo's initial kernel (#14), as entered.
    Init(Slice),
}

/// One cell of one grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellId {
    /// The grid.
    pub grid: GridId,
    /// Row (negative in padding).
    pub row: isize,
    /// Column (negative in padding).
    pub col: isize,
}

/// A cell being edited: the text typed so far and, after a refused commit, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The cell.
    pub cell: CellId,
    /// What is in the field.
    pub raw: String,
    /// Why the last commit was refused.
    pub refused: Option<EditError>,
}

/// A numeric setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Input height.
    InputRows,
    /// Input width.
    InputCols,
    /// Kernel height of a layer.
    KernelRows(LayerId),
    /// Kernel width of a layer.
    KernelCols(LayerId),
    /// Stride of a layer on an axis.
    Stride(LayerId, Axis),
    /// Padding of a layer on an axis.
    Padding(LayerId, Axis),
    /// Dilation of a layer on an axis.
    Dilation(LayerId, Axis),
    /// Pooling window of a layer on an axis.
    PoolSize(LayerId, Axis),
    /// Channels of the input.
    InputChannels,
    /// Output channels of a conv layer.
    OutChannels(LayerId),
    /// Groups of a conv layer.
    Groups(LayerId),
}

impl Field {
    /// The layer the setting belongs to (`None` for the input's size).
    pub fn layer(self) -> Option<LayerId> {
        match self {
            Field::InputRows | Field::InputCols | Field::InputChannels => None,
            Field::KernelRows(l)
            | Field::KernelCols(l)
            | Field::Stride(l, _)
            | Field::Padding(l, _)
            | Field::Dilation(l, _)
            | Field::PoolSize(l, _)
            | Field::OutChannels(l)
            | Field::Groups(l) => Some(l),
        }
    }

    /// The bounds of the setting, inclusive.
    pub fn bounds(self) -> (usize, usize) {
        match self {
            Field::InputRows | Field::InputCols => (1, MAX_INPUT),
            Field::KernelRows(_) | Field::KernelCols(_) | Field::PoolSize(..) => (1, MAX_WINDOW),
            Field::Stride(..) | Field::Dilation(..) => (1, MAX_STEP),
            Field::Padding(..) => (0, MAX_PADDING),
            Field::InputChannels | Field::OutChannels(_) | Field::Groups(_) => (1, MAX_CHANNELS),
        }
    }
}

/// A setting whose text is not (yet) applied: what was typed and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldEdit {
    /// The setting.
    pub field: Field,
    /// What is in the field.
    pub raw: String,
    /// Why the text is not applied.
    pub state: FieldState,
}

/// Why a setting's text is not applied.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldState {
    /// It was refused, for this reason.
    Refused(EditError),
    /// It is a valid size that would shrink a grid: it is applied on Enter or when the field is
    /// left, not while typing (typing "12" over "3" would otherwise pass through 1 and drop
    /// every row but the first).
    Pending,
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// Nothing was typed.
    Empty,
    /// The text is not a number; `shown` is the text as echoed (shortened).
    NotANumber { shown: String },
    /// The number is beyond ±[`MAX_ABS_VALUE`].
    OutOfRange { shown: String },
    /// A setting outside its bounds, or not a whole number.
    FieldRange { field: Field, min: usize, max: usize },
    /// An output cell: outputs are computed, not typed.
    OutputComputed,
    /// A padding cell: always 0.
    PaddingCell,
    /// The scene has no such layer.
    NoLayer(LayerId),
    /// The layer is a pooling layer, which has no kernel.
    NotConv(LayerId),
    /// A convolution has no pooling window.
    NoPoolWindow,
    /// A pooling layer has no dilation.
    NoDilation,
    /// The model refuses the result.
    Model(ModelError),
    /// Pasted text that is not a block of numbers.
    Paste(PasteError),
    /// A pasted block that would take a grid past its bound: refused whole, never clipped.
    PasteTooLarge { rows: usize, cols: usize, max: usize },
    /// A bias is one number; the block pasted into it is larger.
    BiasIsOneValue,
    /// A layer has one bias per output channel (`out`); the block pasted runs past them.
    BiasPerChannel { out: usize },
    /// The scene has no learning demo (or its layer is gone).
    NoLearning,
    /// A learning rate that is not above 0 (or past ±[`MAX_ABS_VALUE`]); `shown` as typed.
    BadRate { shown: String },
}

impl From<PasteError> for EditError {
    fn from(e: PasteError) -> Self {
        EditError::Paste(e)
    }
}

impl From<ModelError> for EditError {
    fn from(e: ModelError) -> Self {
        EditError::Model(e)
    }
}

impl From<GridError> for EditError {
    fn from(e: GridError) -> Self {
        EditError::Model(ModelError::Grid(e))
    }
}

/// Reads a value typed into a cell: a finite decimal within the scene's bounds. Accepts a
/// typographic minus sign and surrounding spaces.
pub fn parse_value(text: &str) -> Result<f64, EditError> {
    let cleaned = ascii_number(text.trim());
    if cleaned.is_empty() {
        return Err(EditError::Empty);
    }
    let shown = shorten(text.trim());
    let v: f64 = cleaned.parse().map_err(|_| EditError::NotANumber { shown: shown.clone() })?;
    if v.is_nan() {
        return Err(EditError::NotANumber { shown });
    }
    if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
        return Err(EditError::OutOfRange { shown });
    }
    Ok(v)
}

/// A number as typed, with what an input method or a word processor writes in its place made
/// plain: a typographic minus (−), and the full-width digits and signs of a Chinese or
/// Japanese input method (－３．５). Everything else is left for the parser to refuse.
pub fn ascii_number(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2212}' | '\u{FF0D}' => '-',
            '\u{FF0B}' => '+',
            '\u{FF0E}' => '.',
            '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '\u{FF45}' | '\u{FF25}' => 'e',
            _ => c,
        })
        .collect()
}

/// Typed text as echoed in a message: at most 24 characters, so a pasted page stays readable.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 24 {
        return text.to_owned();
    }
    let head: String = text.chars().take(20).collect();
    format!("{head}…")
}

/// The current value of a setting, if the setting exists in this scene.
pub fn field_value(scene: &Scene, field: Field) -> Option<usize> {
    match field {
        Field::InputRows => Some(scene.input.rows()),
        Field::InputCols => Some(scene.input.cols()),
        Field::KernelRows(l) => scene.conv(l).map(|c| c.window().h),
        Field::KernelCols(l) => scene.conv(l).map(|c| c.window().w),
        Field::InputChannels => Some(scene.input.count()),
        Field::OutChannels(l) => scene.conv(l).map(Conv::out_channels),
        Field::Groups(l) => scene.conv(l).map(Conv::groups),
        Field::Stride(l, a) => Some(scene.layer(l)?.geometry().stride().on(a)),
        Field::Padding(l, a) => Some(scene.layer(l)?.geometry().padding().on(a)),
        Field::Dilation(l, a) => scene.conv(l).map(|c| c.geometry().dilation().on(a)),
        Field::PoolSize(l, a) => match scene.layer(l)? {
            Layer::Pool(p) => Some(p.geometry().window().on(a)),
            Layer::Conv(_) => None,
        },
    }
}

/// Whether setting `field` to `text` would shrink a grid and so drop values.
pub fn shrinks(scene: &Scene, field: Field, text: &str) -> bool {
    let sized = matches!(
        field,
        Field::InputRows
            | Field::InputCols
            | Field::KernelRows(_)
            | Field::KernelCols(_)
            | Field::InputChannels
            | Field::OutChannels(_)
    );
    let new: Option<usize> = text.trim().parse().ok();
    sized && matches!((new, field_value(scene, field)), (Some(n), Some(now)) if n >= 1 && n < now)
}

/// The scene with `field` set from `text`, or why not.
pub fn set_field(scene: &Scene, field: Field, text: &str) -> Result<Scene, EditError> {
    let (min, max) = field.bounds();
    let n: usize = text.trim().parse().ok().filter(|n| (min..=max).contains(n)).ok_or(EditError::FieldRange {
        field,
        min,
        max,
    })?;
    let mut next = scene.clone();
    match field {
        Field::InputRows => next.input = Rc::new(resized_map(&scene.input, n, scene.input.cols())?),
        Field::InputCols => next.input = Rc::new(resized_map(&scene.input, scene.input.rows(), n)?),
        Field::KernelRows(l) | Field::KernelCols(l) => {
            let conv = conv_at(scene, l)?;
            let k = conv.window();
            let resized = match field {
                Field::KernelRows(_) => conv.with_window(n, k.w)?,
                _ => conv.with_window(k.h, n)?,
            };
            put_layer(&mut next, l, Layer::Conv(resized))?;
        }
        Field::InputChannels => {
            next.input = Rc::new(scene.input.with_count(n)?);
            follow_channels(&mut next, 0)?;
        }
        Field::OutChannels(l) | Field::Groups(l) => {
            let conv = conv_at(scene, l)?;
            let reshaped = match field {
                Field::OutChannels(_) => conv.reshaped(conv.in_channels(), n, conv.groups())?,
                _ => conv.reshaped(conv.in_channels(), conv.out_channels(), n)?,
            };
            put_layer(&mut next, l, Layer::Conv(reshaped))?;
            follow_channels(&mut next, l.get())?;
        }
        Field::Stride(l, a) | Field::Padding(l, a) | Field::Dilation(l, a) | Field::PoolSize(l, a) => {
            let rebuilt = match scene.layer(l).ok_or(EditError::NoLayer(l))? {
                Layer::Conv(c) => {
                    let g = c.geometry();
                    let (mut stride, mut padding, mut dilation) = (g.stride(), g.padding(), g.dilation());
                    match field {
                        Field::Stride(..) => set_axis(&mut stride, a, n),
                        Field::Padding(..) => set_axis(&mut padding, a, n),
                        Field::Dilation(..) => set_axis(&mut dilation, a, n),
                        _ => return Err(EditError::NoPoolWindow),
                    }
                    Layer::Conv(c.with_geometry(stride, padding, dilation)?)
                }
                Layer::Pool(pool) => {
                    let g = pool.geometry();
                    let (mut size, mut stride, mut padding) = (g.window(), g.stride(), g.padding());
                    match field {
                        Field::Stride(..) => set_axis(&mut stride, a, n),
                        Field::Padding(..) => set_axis(&mut padding, a, n),
                        Field::PoolSize(..) => set_axis(&mut size, a, n),
                        _ => return Err(EditError::NoDilation),
                    }
                    Layer::Pool(Pool::new(pool.kind(), size, stride, padding)?)
                }
            };
            put_layer(&mut next, l, rebuilt)?;
        }
    }
    Ok(next)
}

/// Reads a learning rate as typed: a number above 0, within the scene's bounds.
pub fn parse_rate(text: &str) -> Result<f64, EditError> {
    let v = parse_value(text)?;
    if v <= 0.0 {
        return Err(EditError::BadRate { shown: shorten(text.trim()) });
    }
    Ok(v)
}

/// The scene with a learning demo on conv layer `layer`: its kernel is the one to discover,
/// the learner starts from zeros at d2l's rate, with the layer's operation.
pub fn start_learning(scene: &Scene, layer: LayerId) -> Result<Scene, EditError> {
    let conv = conv_at(scene, layer)?;
    let mut next = scene.clone();
    next.learn = Some(Learn::from_zeros(layer, conv));
    Ok(next)
}

/// The scene with its learning setup changed by `change`.
pub fn set_learn(scene: &Scene, change: impl FnOnce(&mut Learn)) -> Result<Scene, EditError> {
    let mut next = scene.clone();
    change(next.learn.as_mut().ok_or(EditError::NoLearning)?);
    Ok(next)
}

/// The scene with the learning demo's initial kernel all zeros, or (with a seed) random
/// hundredths from −1 to 1, the same for the same seed.
pub fn fill_init(scene: &Scene, seed: Option<u64>) -> Result<Scene, EditError> {
    let mut rng = seed.map(fastrand::Rng::with_seed);
    set_learn(scene, |learn| {
        for grid in &mut learn.init {
            let filled = Grid::from_fn(grid.rows(), grid.cols(), |_, _| {
                rng.as_mut().map_or(0.0, |rng| f64::from(rng.i32(-100..=100)) / 100.0)
            });
            if let Ok(filled) = filled {
                *grid = filled;
            }
        }
    })
}

/// The scene with one cell set to `value`.
pub fn set_cell(scene: &Scene, cell: CellId, value: f64) -> Result<Scene, EditError> {
    let mut next = scene.clone();
    let (row, col) = (unsigned(cell.row)?, unsigned(cell.col)?);
    match cell.grid {
        GridId::Map(0, c) => {
            let channel = scene
                .input
                .channel(c)
                .ok_or(EditError::Model(ModelError::NoSuchChannel { channel: c, count: scene.input.count() }))?;
            next.input = Rc::new(scene.input.with_channel(c, channel.with_value(row, col, value)?)?);
        }
        GridId::Map(..) => return Err(EditError::OutputComputed),
        GridId::Kernel(l, s) => {
            let conv = conv_at(scene, l)?;
            let slice = conv.slice(s).ok_or(EditError::NoLayer(l))?;
            put_layer(&mut next, l, Layer::Conv(conv.with_slice(s, slice.with_value(row, col, value)?)?))?;
        }
        GridId::Bias(l) => {
            if col != 0 {
                return Err(EditError::Model(ModelError::Grid(GridError::OutOfRange { row, col })));
            }
            let conv = conv_at(scene, l)?.with_bias_of(row, value)?;
            put_layer(&mut next, l, Layer::Conv(conv))?;
        }
        GridId::Init(s) => {
            let (i, old) = init_slice(scene, s)?;
            let new = old.with_value(row, col, value)?;
            set_init(&mut next, i, new);
        }
    }
    Ok(next)
}

/// Slice `s` of the learning demo's initial kernel, with its index in the setup's list.
fn init_slice(scene: &Scene, s: Slice) -> Result<(usize, &Grid), EditError> {
    let learn = scene.learn.as_ref().ok_or(EditError::NoLearning)?;
    let conv = conv_at(scene, learn.layer)?;
    let i = conv.slice_index(s).ok_or(EditError::NoLearning)?;
    Ok((i, learn.init.get(i).ok_or(EditError::NoLearning)?))
}

fn set_init(scene: &mut Scene, i: usize, grid: Grid) {
    if let Some(slot) = scene.learn.as_mut().and_then(|l| l.init.get_mut(i)) {
        *slot = grid;
    }
}

/// The scene with a pasted block written into a grid from cell `at` (growing the grid when
/// the block runs past its edge), or, with `whole`, replacing the grid and its size. A block
/// that would pass the grid's bound is refused whole.
pub fn paste(scene: &Scene, at: CellId, whole: bool, block: &Block) -> Result<Scene, EditError> {
    let (r0, c0) = if whole { (0, 0) } else { (unsigned(at.row)?, unsigned(at.col)?) };
    let grown = |old: &Grid, max: usize| -> Result<Grid, EditError> {
        let (rows, cols) = if whole {
            (block.height(), block.width())
        } else {
            (old.rows().max(r0.saturating_add(block.height())), old.cols().max(c0.saturating_add(block.width())))
        };
        if rows > max || cols > max {
            return Err(EditError::PasteTooLarge { rows, cols, max });
        }
        let pasted = |r: usize, c: usize| {
            let row = block.rows.get(r.checked_sub(r0)?)?;
            row.get(c.checked_sub(c0)?).copied()
        };
        Ok(Grid::from_fn(rows, cols, |r, c| {
            pasted(r, c).or_else(|| if whole { None } else { old.get(r, c) }).unwrap_or(0.0)
        })?)
    };
    let mut next = scene.clone();
    match at.grid {
        GridId::Map(0, c) => {
            let old = scene.input.channel(c).ok_or(EditError::PaddingCell)?;
            let new = grown(old, MAX_INPUT)?;
            // Every channel has one shape: the others grow (or shrink) with the pasted one.
            let map = resized_map(&scene.input, new.rows(), new.cols())?;
            next.input = Rc::new(map.with_channel(c, new)?);
        }
        GridId::Map(..) => return Err(EditError::OutputComputed),
        GridId::Kernel(l, s) => {
            let conv = conv_at(scene, l)?;
            let new = grown(conv.slice(s).ok_or(EditError::NoLayer(l))?, MAX_WINDOW)?;
            let conv = conv.with_window(new.rows(), new.cols())?.with_slice(s, new)?;
            put_layer(&mut next, l, Layer::Conv(conv))?;
        }
        GridId::Bias(l) => {
            let conv = conv_at(scene, l)?;
            let out = conv.out_channels();
            let column: Option<Vec<f64>> = block.rows.iter().map(|r| r.first().copied()).collect();
            let fits = block.width() == 1 && r0.saturating_add(block.height()) <= out && c0 == 0;
            let (true, Some(column)) = (fits, column) else {
                return Err(if out == 1 { EditError::BiasIsOneValue } else { EditError::BiasPerChannel { out } });
            };
            let mut bias = conv.bias().to_vec();
            for (slot, v) in bias.iter_mut().skip(r0).zip(column) {
                *slot = v;
            }
            put_layer(&mut next, l, Layer::Conv(conv.with_biases(bias)?))?;
        }
        GridId::Init(s) => {
            // The initial kernel keeps the layer's shape: a block is written where it falls.
            let (i, old) = init_slice(scene, s)?;
            let (rows, cols) = (old.rows(), old.cols());
            if whole && (block.height(), block.width()) != (rows, cols)
                || r0 + block.height() > rows
                || c0 + block.width() > cols
            {
                return Err(EditError::PasteTooLarge {
                    rows: r0 + block.height(),
                    cols: c0 + block.width(),
                    max: rows.max(cols),
                });
            }
            let new = grown(old, rows.max(cols))?;
            set_init(&mut next, i, new);
        }
    }
    Ok(next)
}

/// A grid as tab-separated text, one row a line, every value exact: what Copy puts on the
/// clipboard, and what a spreadsheet pastes back.
pub fn to_tsv(grid: &Grid) -> String {
    let cols = grid.cols().max(1);
    grid.values()
        .chunks(cols)
        .map(|row| row.iter().map(|&v| crate::model::format_value(v)).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The current value of a cell, if it exists.
pub fn cell_value(scene: &Scene, cell: CellId) -> Option<f64> {
    match cell.grid {
        GridId::Map(0, c) => scene.input.channel(c)?.get_signed(cell.row, cell.col),
        GridId::Map(..) => None,
        GridId::Kernel(l, s) => scene.conv(l)?.slice(s)?.get_signed(cell.row, cell.col),
        GridId::Bias(l) if cell.col == 0 => scene.conv(l)?.bias().get(usize::try_from(cell.row).ok()?).copied(),
        GridId::Bias(_) => None,
        GridId::Init(s) => init_slice(scene, s).ok()?.1.get_signed(cell.row, cell.col),
    }
}

/// The scene with a new input (a picture, a sample), its layers kept and the first conv layer
/// fitted to its channels; refused when it passes the bounds.
pub fn set_input(scene: &Scene, input: Channels) -> Result<Scene, EditError> {
    let shape = input.shape();
    if shape.h > MAX_INPUT || shape.w > MAX_INPUT {
        return Err(EditError::PasteTooLarge { rows: shape.h, cols: shape.w, max: MAX_INPUT });
    }
    if input.count() > MAX_CHANNELS {
        // (A picture has one or three; this bound is for any other caller.)
        return Err(EditError::FieldRange { field: Field::InputChannels, min: 1, max: MAX_CHANNELS });
    }
    let mut next = scene.clone();
    next.input = Rc::new(input);
    follow_channels(&mut next, 0)?;
    Ok(next)
}

/// The scene with the mode of conv layer `l` set.
pub fn set_mode(scene: &Scene, l: LayerId, mode: Mode) -> Result<Scene, EditError> {
    let mut next = scene.clone();
    let conv = conv_at(scene, l)?.with_mode(mode);
    put_layer(&mut next, l, Layer::Conv(conv))?;
    Ok(next)
}

fn set_axis(hw: &mut Hw, axis: Axis, n: usize) {
    match axis {
        Axis::Rows => hw.h = n,
        Axis::Cols => hw.w = n,
    }
}

fn unsigned(n: isize) -> Result<usize, EditError> {
    usize::try_from(n).map_err(|_| EditError::PaddingCell)
}

fn resized(grid: &Grid, rows: usize, cols: usize) -> Result<Grid, EditError> {
    Ok(Grid::from_fn(rows, cols, |r, c| grid.get(r, c).unwrap_or(0.0))?)
}

/// Every channel of a map resized to `rows × cols` (new cells 0).
fn resized_map(map: &Channels, rows: usize, cols: usize) -> Result<Channels, EditError> {
    let planes = map.planes().iter().map(|g| resized(g, rows, cols)).collect::<Result<Vec<Grid>, EditError>>()?;
    Ok(Channels::new(planes)?)
}

/// Every conv layer fitted to the channels of the map it reads, where its groups allow: after
/// a layer was added, removed, duplicated or moved, the stack computes again (a layer whose
/// groups do not divide the channels it now reads keeps its kernel and says why).
pub fn fit_channels(scene: &mut Scene) {
    let mut count = scene.input.count();
    let mut shape = scene.input_dims();
    for layer in &mut scene.layers {
        if let Layer::Conv(conv) = layer {
            if conv.in_channels() != count && count.is_multiple_of(conv.groups()) {
                if let Ok(fitted) = conv.reshaped(count, conv.out_channels(), conv.groups()) {
                    *conv = fitted;
                }
            }
        }
        match layer.output_dims(shape) {
            Ok(next) => {
                shape = next;
                count = next.channels;
            }
            Err(_) => return,
        }
    }
}

/// After map `m`'s channel count changed, the first conv layer that reads it (through any
/// pooling layers, which keep channels) is fitted to the new count: its slices for new input
/// channels start as zeros, those of removed ones go (one undo brings them back). Its groups
/// stay; when they do not divide the new count, the change is refused with that reason.
fn follow_channels(scene: &mut Scene, m: usize) -> Result<(), EditError> {
    let Some(count) = scene.map_dims(m).map(|d| d.channels) else { return Ok(()) };
    for layer in scene.layers.iter_mut().skip(m) {
        if let Layer::Conv(conv) = layer {
            if conv.in_channels() != count {
                *conv = conv.reshaped(count, conv.out_channels(), conv.groups())?;
            }
            return Ok(());
        }
    }
    Ok(())
}

fn conv_at(scene: &Scene, l: LayerId) -> Result<&Conv, EditError> {
    match scene.layer(l).ok_or(EditError::NoLayer(l))? {
        Layer::Conv(c) => Ok(c),
        Layer::Pool(_) => Err(EditError::NotConv(l)),
    }
}

fn put_layer(scene: &mut Scene, l: LayerId, layer: Layer) -> Result<(), EditError> {
    let slot = scene.layers.get_mut(l.index()).ok_or(EditError::NoLayer(l))?;
    *slot = layer;
    Ok(())
}

//! Editing the scene: which cell or setting is being edited, parsing what was typed, and the
//! scene operations (set a value, resize, change a setting) that an edit turns into.
//!
//! Every function here returns a `Result` whose error is a sentence to show beside the field;
//! the scene is only replaced when the whole edit is valid.

use super::scene::{Scene, MAX_ABS_VALUE, MAX_INPUT, MAX_PADDING, MAX_STEP, MAX_WINDOW};
use crate::model::{Axis, Conv, Grid, Hw, Layer, Mode, Pool};

/// Which grid a cell belongs to. Layers count from 1, as in the `data-*` attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GridId {
    /// Feature map L: 0 is the input, L the output of layer L.
    Map(usize),
    /// The kernel of layer L, as entered.
    Kernel(usize),
    /// The bias of layer L, edited like a 1×1 grid.
    Bias(usize),
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
    pub error: Option<String>,
}

/// A numeric setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Input height.
    InputRows,
    /// Input width.
    InputCols,
    /// Kernel height of layer L.
    KernelRows(usize),
    /// Kernel width of layer L.
    KernelCols(usize),
    /// Stride of layer L on an axis.
    Stride(usize, Axis),
    /// Padding of layer L on an axis.
    Padding(usize, Axis),
    /// Dilation of layer L on an axis.
    Dilation(usize, Axis),
    /// Pooling window of layer L on an axis.
    PoolSize(usize, Axis),
}

/// A setting whose text was refused: what was typed and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldEdit {
    /// The setting.
    pub field: Field,
    /// What is in the field.
    pub raw: String,
    /// Why it was refused; empty when the text is valid but waits for Enter (see `pending`).
    pub error: String,
    /// True when the text is a valid size that would shrink a grid: it is applied on Enter or
    /// when the field is left, not while typing (typing "12" over "3" would otherwise pass
    /// through 1 and drop every row but the first).
    pub pending: bool,
}

/// Reads a value typed into a cell: a finite decimal within the scene's bounds. Accepts a
/// typographic minus sign and surrounding spaces.
pub fn parse_value(text: &str) -> Result<f64, String> {
    let cleaned = text.trim().replace('\u{2212}', "-");
    if cleaned.is_empty() {
        return Err("enter a number, such as 2, -1.5 or 0.25".to_owned());
    }
    let shown = shorten(text.trim());
    let not_a_number = || format!("“{shown}” is not a number: type one such as 2, -1.5 or 0.25");
    let v: f64 = cleaned.parse().map_err(|_| not_a_number())?;
    if v.is_nan() {
        return Err(not_a_number());
    }
    if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
        return Err(format!("{shown} is out of range: values must be within ±1,000,000"));
    }
    Ok(v)
}

/// Typed text as echoed in a message: at most 24 characters, so a pasted page stays readable.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 24 {
        return text.to_owned();
    }
    let head: String = text.chars().take(20).collect();
    format!("{head}…")
}

/// The bounds of a setting, inclusive.
pub fn field_bounds(field: Field) -> (usize, usize) {
    match field {
        Field::InputRows | Field::InputCols => (1, MAX_INPUT),
        Field::KernelRows(_) | Field::KernelCols(_) | Field::PoolSize(..) => (1, MAX_WINDOW),
        Field::Stride(..) | Field::Dilation(..) => (1, MAX_STEP),
        Field::Padding(..) => (0, MAX_PADDING),
    }
}

/// The current value of a setting, if the setting exists in this scene.
pub fn field_value(scene: &Scene, field: Field) -> Option<usize> {
    let layer = |l: usize| l.checked_sub(1).and_then(|i| scene.layers.get(i));
    match field {
        Field::InputRows => Some(scene.input.rows()),
        Field::InputCols => Some(scene.input.cols()),
        Field::KernelRows(l) => conv_of(layer(l)?).map(|c| c.kernel().rows()),
        Field::KernelCols(l) => conv_of(layer(l)?).map(|c| c.kernel().cols()),
        Field::Stride(l, a) => Some(layer(l)?.geometry().stride().on(a)),
        Field::Padding(l, a) => Some(layer(l)?.geometry().padding().on(a)),
        Field::Dilation(l, a) => conv_of(layer(l)?).map(|c| c.geometry().dilation().on(a)),
        Field::PoolSize(l, a) => match layer(l)? {
            Layer::Pool(p) => Some(p.geometry().window().on(a)),
            Layer::Conv(_) => None,
        },
    }
}

/// Whether setting `field` to `text` would shrink a grid and so drop values.
pub fn shrinks(scene: &Scene, field: Field, text: &str) -> bool {
    let sized = matches!(field, Field::InputRows | Field::InputCols | Field::KernelRows(_) | Field::KernelCols(_));
    let new: Option<usize> = text.trim().parse().ok();
    sized && matches!((new, field_value(scene, field)), (Some(n), Some(now)) if n >= 1 && n < now)
}

/// The scene with `field` set from `text`, or why not.
pub fn set_field(scene: &Scene, field: Field, text: &str) -> Result<Scene, String> {
    let (min, max) = field_bounds(field);
    let what = field_noun(field);
    let n: usize = text
        .trim()
        .parse()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{what} must be a whole number from {min} to {max}"))?;
    let mut next = scene.clone();
    match field {
        Field::InputRows => next.input = resized(&scene.input, n, scene.input.cols())?,
        Field::InputCols => next.input = resized(&scene.input, scene.input.rows(), n)?,
        Field::KernelRows(l) | Field::KernelCols(l) => {
            let conv = conv_at(scene, l)?;
            let k = conv.kernel();
            let kernel = match field {
                Field::KernelRows(_) => resized(k, n, k.cols())?,
                _ => resized(k, k.rows(), n)?,
            };
            replace_conv(&mut next, l, |p| p.kernel = kernel)?;
        }
        Field::Stride(l, a) | Field::Padding(l, a) | Field::Dilation(l, a) | Field::PoolSize(l, a) => {
            let layer = layer_at(scene, l)?.clone();
            let rebuilt = match layer {
                Layer::Conv(c) => {
                    let mut p = ConvParts::of(&c);
                    match field {
                        Field::Stride(..) => set_axis(&mut p.stride, a, n),
                        Field::Padding(..) => set_axis(&mut p.padding, a, n),
                        Field::Dilation(..) => set_axis(&mut p.dilation, a, n),
                        _ => return Err("a convolution layer has no pooling window".to_owned()),
                    }
                    p.build()?
                }
                Layer::Pool(pool) => {
                    let g = pool.geometry();
                    let (mut size, mut stride, mut padding) = (g.window(), g.stride(), g.padding());
                    match field {
                        Field::Stride(..) => set_axis(&mut stride, a, n),
                        Field::Padding(..) => set_axis(&mut padding, a, n),
                        Field::PoolSize(..) => set_axis(&mut size, a, n),
                        _ => return Err("a pooling layer has no dilation".to_owned()),
                    }
                    Pool::new(pool.kind(), size, stride, padding).map(Layer::Pool).map_err(|e| e.to_string())?
                }
            };
            put_layer(&mut next, l, rebuilt)?;
        }
    }
    Ok(next)
}

/// The scene with one cell set to `value`.
pub fn set_cell(scene: &Scene, cell: CellId, value: f64) -> Result<Scene, String> {
    let mut next = scene.clone();
    let (row, col) = (unsigned(cell.row)?, unsigned(cell.col)?);
    match cell.grid {
        GridId::Map(0) => next.input = scene.input.with_value(row, col, value).map_err(|e| e.to_string())?,
        GridId::Map(_) => return Err("outputs are computed, not typed".to_owned()),
        GridId::Kernel(l) => {
            let kernel = conv_at(scene, l)?.kernel().with_value(row, col, value).map_err(|e| e.to_string())?;
            replace_conv(&mut next, l, |p| p.kernel = kernel)?;
        }
        GridId::Bias(l) => replace_conv(&mut next, l, |p| p.bias = value)?,
    }
    Ok(next)
}

/// The current value of a cell, if it exists.
pub fn cell_value(scene: &Scene, cell: CellId) -> Option<f64> {
    match cell.grid {
        GridId::Map(0) => scene.input.get_signed(cell.row, cell.col),
        GridId::Map(_) => None,
        GridId::Kernel(l) => conv_at(scene, l).ok()?.kernel().get_signed(cell.row, cell.col),
        GridId::Bias(l) => conv_at(scene, l).ok().map(Conv::bias),
    }
}

/// The scene with the mode of conv layer `l` set.
pub fn set_mode(scene: &Scene, l: usize, mode: Mode) -> Result<Scene, String> {
    let mut next = scene.clone();
    replace_conv(&mut next, l, |p| p.mode = mode)?;
    Ok(next)
}

/// The parts of a convolution layer, to rebuild it with one part changed.
struct ConvParts {
    kernel: Grid,
    bias: f64,
    stride: Hw,
    padding: Hw,
    dilation: Hw,
    mode: Mode,
}

impl ConvParts {
    fn of(c: &Conv) -> ConvParts {
        let g = c.geometry();
        ConvParts {
            kernel: c.kernel().clone(),
            bias: c.bias(),
            stride: g.stride(),
            padding: g.padding(),
            dilation: g.dilation(),
            mode: c.mode(),
        }
    }

    fn build(self) -> Result<Layer, String> {
        Conv::new(self.kernel, self.bias, self.stride, self.padding, self.dilation, self.mode)
            .map(Layer::Conv)
            .map_err(|e| e.to_string())
    }
}

fn field_noun(field: Field) -> String {
    let axis = |a: Axis| a.noun();
    match field {
        Field::InputRows => "input height".to_owned(),
        Field::InputCols => "input width".to_owned(),
        Field::KernelRows(_) => "kernel height".to_owned(),
        Field::KernelCols(_) => "kernel width".to_owned(),
        Field::Stride(_, a) => format!("stride ({})", axis(a)),
        Field::Padding(_, a) => format!("padding ({})", axis(a)),
        Field::Dilation(_, a) => format!("dilation ({})", axis(a)),
        Field::PoolSize(_, a) => format!("pooling window ({})", axis(a)),
    }
}

fn set_axis(hw: &mut Hw, axis: Axis, n: usize) {
    match axis {
        Axis::Rows => hw.h = n,
        Axis::Cols => hw.w = n,
    }
}

fn unsigned(n: isize) -> Result<usize, String> {
    usize::try_from(n).map_err(|_| "padding cells are always 0".to_owned())
}

fn resized(grid: &Grid, rows: usize, cols: usize) -> Result<Grid, String> {
    Grid::from_fn(rows, cols, |r, c| grid.get(r, c).unwrap_or(0.0)).map_err(|e| e.to_string())
}

fn layer_at(scene: &Scene, l: usize) -> Result<&Layer, String> {
    l.checked_sub(1).and_then(|i| scene.layers.get(i)).ok_or_else(|| format!("there is no layer {l}"))
}

fn conv_of(layer: &Layer) -> Option<&Conv> {
    match layer {
        Layer::Conv(c) => Some(c),
        Layer::Pool(_) => None,
    }
}

fn conv_at(scene: &Scene, l: usize) -> Result<&Conv, String> {
    conv_of(layer_at(scene, l)?).ok_or_else(|| format!("layer {l} is a pooling layer: it has no kernel"))
}

fn put_layer(scene: &mut Scene, l: usize, layer: Layer) -> Result<(), String> {
    let slot =
        l.checked_sub(1).and_then(|i| scene.layers.get_mut(i)).ok_or_else(|| format!("there is no layer {l}"))?;
    *slot = layer;
    Ok(())
}

fn replace_conv(scene: &mut Scene, l: usize, change: impl FnOnce(&mut ConvParts)) -> Result<(), String> {
    let mut parts = ConvParts::of(conv_at(scene, l)?);
    change(&mut parts);
    let layer = parts.build()?;
    put_layer(scene, l, layer)
}

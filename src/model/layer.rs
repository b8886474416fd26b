//! Layers: convolution (or cross-correlation) with a kernel and bias, and max / average pooling.
//!
//! Every layer slides a window over its zero-padded input. [`Geometry`] holds what all layers
//! share (window, stride, padding, dilation), computes the output shape with checked arithmetic
//! and lists the input cells under the window at any output position. The forward pass and the
//! per-position [`Trace`] (what the UI shows as 0×0 + 1×1 + 3×2 + 4×3 = 19) both fold over the
//! same taps in the same order, so the arithmetic shown is exactly the arithmetic computed.

use super::error::{Axis, ModelError, WindowKind};
use super::grid::Grid;

/// A pair of sizes, one per axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hw {
    /// Along the rows (height).
    pub h: usize,
    /// Along the columns (width).
    pub w: usize,
}

impl Hw {
    /// A pair from height and width.
    pub const fn new(h: usize, w: usize) -> Hw {
        Hw { h, w }
    }

    /// The same value on both axes.
    pub const fn square(n: usize) -> Hw {
        Hw { h: n, w: n }
    }

    /// The value on one axis.
    pub fn on(self, axis: Axis) -> usize {
        match axis {
            Axis::Rows => self.h,
            Axis::Cols => self.w,
        }
    }
}

/// How a convolution layer applies its kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// The kernel as entered slides over the input (what deep-learning libraries call
    /// convolution; d2l's `corr2d`).
    #[default]
    CrossCorrelation,
    /// Strict convolution: the kernel flipped left-right and up-down, then cross-correlated.
    Convolution,
}

/// Which pooling reduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolKind {
    /// The largest value in the window; padding is ignored.
    Max,
    /// The mean of the window, padded zeros counted (PyTorch's default).
    Avg,
}

/// The sliding-window shape shared by every layer: window size, stride, padding per side and
/// dilation, each per axis. Stride, dilation and window are at least 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Geometry {
    window: Hw,
    stride: Hw,
    padding: Hw,
    dilation: Hw,
    kind: WindowKind,
}

impl Geometry {
    /// Checks that window, stride and dilation are at least 1 on both axes.
    pub fn new(kind: WindowKind, window: Hw, stride: Hw, padding: Hw, dilation: Hw) -> Result<Geometry, ModelError> {
        for axis in [Axis::Rows, Axis::Cols] {
            if window.on(axis) == 0 {
                return Err(match kind {
                    WindowKind::Kernel => ModelError::Grid(super::error::GridError::Empty),
                    WindowKind::Pool => ModelError::ZeroWindow { axis },
                });
            }
            if stride.on(axis) == 0 {
                return Err(ModelError::ZeroStride { axis });
            }
            if dilation.on(axis) == 0 {
                return Err(ModelError::ZeroDilation { axis });
            }
        }
        Ok(Geometry { window, stride, padding, dilation, kind })
    }

    /// Window size (kernel or pool size) per axis.
    pub fn window(&self) -> Hw {
        self.window
    }
    /// Stride per axis (≥ 1).
    pub fn stride(&self) -> Hw {
        self.stride
    }
    /// Zero padding on each side, per axis.
    pub fn padding(&self) -> Hw {
        self.padding
    }
    /// Dilation per axis (≥ 1).
    pub fn dilation(&self) -> Hw {
        self.dilation
    }

    /// The extent the dilated window covers on an axis: d·(k − 1) + 1.
    pub fn span(&self, axis: Axis) -> Result<usize, ModelError> {
        let k = self.window.on(axis);
        let d = self.dilation.on(axis);
        (k - 1).checked_mul(d).and_then(|x| x.checked_add(1)).ok_or(ModelError::Overflow)
    }

    /// Output length on one axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1, or a typed error when the
    /// window does not fit.
    pub fn output_len(&self, axis: Axis, n: usize) -> Result<usize, ModelError> {
        let p = self.padding.on(axis);
        let s = self.stride.on(axis);
        let span = self.span(axis)?;
        let padded = p.checked_mul(2).and_then(|x| x.checked_add(n)).ok_or(ModelError::Overflow)?;
        if n == 0 || span > padded {
            return Err(ModelError::WindowDoesNotFit {
                kind: self.kind,
                axis,
                size: self.window.on(axis),
                dilation: self.dilation.on(axis),
                span,
                input: n,
                padding: p,
            });
        }
        Ok((padded - span) / s + 1)
    }

    /// Output shape for an input of the given shape.
    pub fn output_shape(&self, input: Hw) -> Result<Hw, ModelError> {
        Ok(Hw { h: self.output_len(Axis::Rows, input.h)?, w: self.output_len(Axis::Cols, input.w)? })
    }

    /// The input coordinate (padding included, so possibly negative or past the end) that
    /// window tap `tap` meets at output index `out` on one axis.
    pub fn input_coord(&self, axis: Axis, out: usize, tap: usize) -> Option<isize> {
        let start = out.checked_mul(self.stride.on(axis))?;
        let offset = tap.checked_mul(self.dilation.on(axis))?;
        let pos = isize::try_from(start.checked_add(offset)?).ok()?;
        pos.checked_sub(isize::try_from(self.padding.on(axis)).ok()?)
    }

    /// Every tap of the window at output `(row, col)`, in row-major window order, each with the
    /// input cell it meets (possibly in padding). Taps whose coordinate would overflow are left
    /// out, which cannot happen within the scene's bounds.
    pub fn taps(&self, row: usize, col: usize) -> impl Iterator<Item = Tap> + '_ {
        let k = self.window;
        (0..k.h).flat_map(move |a| {
            (0..k.w).filter_map(move |b| {
                Some(Tap {
                    tap_row: a,
                    tap_col: b,
                    input_row: self.input_coord(Axis::Rows, row, a)?,
                    input_col: self.input_coord(Axis::Cols, col, b)?,
                })
            })
        })
    }
}

/// One cell of a window at one position: which tap of the window, and which input cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tap {
    /// Row of the tap within the window (0-based, before dilation).
    pub tap_row: usize,
    /// Column of the tap within the window.
    pub tap_col: usize,
    /// Input row it meets; negative or ≥ rows in padding.
    pub input_row: isize,
    /// Input column it meets.
    pub input_col: isize,
}

/// A convolution layer: a kernel, a bias, and its window geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct Conv {
    kernel: Grid,
    applied: Grid,
    bias: f64,
    mode: Mode,
    geometry: Geometry,
}

impl Conv {
    /// A convolution layer. Fails on a zero stride or dilation or a non-finite bias (the kernel
    /// is a valid [`Grid`] already, so never empty).
    pub fn new(kernel: Grid, bias: f64, stride: Hw, padding: Hw, dilation: Hw, mode: Mode) -> Result<Conv, ModelError> {
        if !bias.is_finite() {
            return Err(ModelError::Grid(super::error::GridError::NotFinite { row: 0, col: 0 }));
        }
        let window = Hw::new(kernel.rows(), kernel.cols());
        let geometry = Geometry::new(WindowKind::Kernel, window, stride, padding, dilation)?;
        let applied = match mode {
            Mode::CrossCorrelation => kernel.clone(),
            Mode::Convolution => kernel.flipped(),
        };
        Ok(Conv { kernel, applied, bias, mode, geometry })
    }

    /// A stride-1, unpadded, undilated cross-correlation: d2l's `corr2d` plus a bias.
    pub fn simple(kernel: Grid, bias: f64) -> Result<Conv, ModelError> {
        Conv::new(kernel, bias, Hw::square(1), Hw::square(0), Hw::square(1), Mode::CrossCorrelation)
    }

    /// The kernel as entered.
    pub fn kernel(&self) -> &Grid {
        &self.kernel
    }
    /// The kernel actually slid over the input: as entered, or flipped in convolution mode.
    pub fn applied_kernel(&self) -> &Grid {
        &self.applied
    }
    /// The bias added to every output.
    pub fn bias(&self) -> f64 {
        self.bias
    }
    /// Cross-correlation or convolution.
    pub fn mode(&self) -> Mode {
        self.mode
    }
    /// Window geometry.
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// The same layer with another kernel (its window follows the kernel's shape).
    pub fn with_kernel(&self, kernel: Grid) -> Result<Conv, ModelError> {
        let g = &self.geometry;
        Conv::new(kernel, self.bias, g.stride, g.padding, g.dilation, self.mode)
    }

    /// The same layer with another bias.
    pub fn with_bias(&self, bias: f64) -> Result<Conv, ModelError> {
        Conv::new(
            self.kernel.clone(),
            bias,
            self.geometry.stride,
            self.geometry.padding,
            self.geometry.dilation,
            self.mode,
        )
    }

    /// The same layer in another mode.
    pub fn with_mode(&self, mode: Mode) -> Conv {
        let applied = match mode {
            Mode::CrossCorrelation => self.kernel.clone(),
            Mode::Convolution => self.kernel.flipped(),
        };
        Conv { applied, mode, ..self.clone() }
    }

    /// The same layer with another stride, padding and dilation.
    pub fn with_geometry(&self, stride: Hw, padding: Hw, dilation: Hw) -> Result<Conv, ModelError> {
        Conv::new(self.kernel.clone(), self.bias, stride, padding, dilation, self.mode)
    }

    /// Where, in the kernel as entered, the weight applied at window tap `(a, b)` lives.
    pub fn entered_position(&self, tap_row: usize, tap_col: usize) -> (usize, usize) {
        match self.mode {
            Mode::CrossCorrelation => (tap_row, tap_col),
            Mode::Convolution => {
                (self.kernel.rows().saturating_sub(1 + tap_row), self.kernel.cols().saturating_sub(1 + tap_col))
            }
        }
    }
}

/// A max or average pooling layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    kind: PoolKind,
    geometry: Geometry,
}

impl Pool {
    /// A pooling layer. Padding may be at most half the window on each axis (as in PyTorch), so
    /// that no window sees padding only.
    pub fn new(kind: PoolKind, size: Hw, stride: Hw, padding: Hw) -> Result<Pool, ModelError> {
        let geometry = Geometry::new(WindowKind::Pool, size, stride, padding, Hw::square(1))?;
        for axis in [Axis::Rows, Axis::Cols] {
            if padding.on(axis) > size.on(axis) / 2 {
                return Err(ModelError::PoolPaddingTooLarge { axis, padding: padding.on(axis), size: size.on(axis) });
            }
        }
        Ok(Pool { kind, geometry })
    }

    /// A 1×1 window with stride 1 and no padding: the identity, valid by construction.
    pub fn unit(kind: PoolKind) -> Pool {
        let one = Hw::square(1);
        let geometry =
            Geometry { window: one, stride: one, padding: Hw::square(0), dilation: one, kind: WindowKind::Pool };
        Pool { kind, geometry }
    }

    /// Max or average.
    pub fn kind(&self) -> PoolKind {
        self.kind
    }
    /// Window geometry (dilation is always 1).
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }
}

/// Any layer of a stack.
#[derive(Clone, Debug, PartialEq)]
pub enum Layer {
    /// Convolution or cross-correlation.
    Conv(Conv),
    /// Max or average pooling.
    Pool(Pool),
}

/// One term of the arithmetic at an output position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    /// The window tap and the input cell it meets.
    pub tap: Tap,
    /// True when the input cell is padding (its value is then 0).
    pub padding: bool,
    /// The input value (0 in padding).
    pub value: f64,
    /// The weight it meets and their product (convolution only; pooling has no weights).
    pub weighted: Option<Weighted>,
}

/// The weight a term of a convolution meets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weighted {
    /// The weight as applied.
    pub weight: f64,
    /// Where that weight is in the kernel as entered.
    pub kernel_pos: (usize, usize),
    /// value × weight.
    pub product: f64,
}

/// How the terms combine into the result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reduction {
    /// Σ products, then + bias.
    Sum { sum: f64, bias: f64 },
    /// The largest non-padding value.
    Max,
    /// Σ values (padding counted as 0) ÷ window size.
    Avg { sum: f64, count: usize },
}

/// Everything that happens at one output position.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// Output row.
    pub row: usize,
    /// Output column.
    pub col: usize,
    /// The window's terms in row-major window order.
    pub terms: Vec<Term>,
    /// How they combine.
    pub reduction: Reduction,
    /// The output value.
    pub result: f64,
}

impl Layer {
    /// The window geometry.
    pub fn geometry(&self) -> &Geometry {
        match self {
            Layer::Conv(c) => c.geometry(),
            Layer::Pool(p) => p.geometry(),
        }
    }

    /// Output shape for an input shape, or why the window does not fit.
    pub fn output_shape(&self, input: Hw) -> Result<Hw, ModelError> {
        self.geometry().output_shape(input)
    }

    /// Applies the layer to `input`.
    pub fn forward(&self, input: &Grid) -> Result<Grid, ModelError> {
        let shape = self.output_shape(Hw::new(input.rows(), input.cols()))?;
        let g = self.geometry();
        let (kh, kw) = (g.window().h, g.window().w);
        // The input row (column) that each output row (column) meets at each tap, computed once
        // rather than per position; the taps then go through the same fold as the trace's.
        let coords = |axis: Axis, len: usize, k: usize| -> Vec<Option<isize>> {
            (0..len).flat_map(|o| (0..k).map(move |t| g.input_coord(axis, o, t))).collect()
        };
        let rows = coords(Axis::Rows, shape.h, kh);
        let cols = coords(Axis::Cols, shape.w, kw);
        let mut cells = Vec::with_capacity(shape.h.saturating_mul(shape.w));
        for row_taps in rows.chunks(kh.max(1)) {
            for col_taps in cols.chunks(kw.max(1)) {
                let taps = row_taps.iter().enumerate().flat_map(|(a, &ir)| {
                    col_taps.iter().enumerate().filter_map(move |(b, &ic)| {
                        Some(Tap { tap_row: a, tap_col: b, input_row: ir?, input_col: ic? })
                    })
                });
                cells.push(self.fold(input, taps, |_| {}).0);
            }
        }
        let mut it = cells.into_iter();
        Grid::from_fn(shape.h, shape.w, |_, _| it.next().unwrap_or(f64::NAN)).map_err(|_| ModelError::ResultOverflow)
    }

    /// The full arithmetic at output `(row, col)`, or `None` if that position does not exist.
    pub fn trace(&self, input: &Grid, row: usize, col: usize) -> Option<Trace> {
        let shape = self.output_shape(Hw::new(input.rows(), input.cols())).ok()?;
        if row >= shape.h || col >= shape.w {
            return None;
        }
        let mut terms = Vec::new();
        let (result, reduction) = self.fold(input, self.geometry().taps(row, col), |t| terms.push(t));
        Some(Trace { row, col, terms, reduction, result })
    }

    /// Folds the window's `taps` (in tap order) into the output value and how it was reached,
    /// reporting every term to `see`. The forward pass and the trace both come through here, so
    /// the arithmetic shown is the arithmetic computed, to the last bit.
    fn fold(&self, input: &Grid, taps: impl Iterator<Item = Tap>, mut see: impl FnMut(Term)) -> (f64, Reduction) {
        match self {
            Layer::Conv(conv) => {
                let mut sum = 0.0;
                for tap in taps {
                    let cell = input.get_signed(tap.input_row, tap.input_col);
                    let value = cell.unwrap_or(0.0);
                    let weight = conv.applied_kernel().get(tap.tap_row, tap.tap_col).unwrap_or(0.0);
                    let product = value * weight;
                    sum += product;
                    let kernel_pos = conv.entered_position(tap.tap_row, tap.tap_col);
                    see(Term {
                        tap,
                        padding: cell.is_none(),
                        value,
                        weighted: Some(Weighted { weight, kernel_pos, product }),
                    });
                }
                (sum + conv.bias(), Reduction::Sum { sum, bias: conv.bias() })
            }
            Layer::Pool(pool) => {
                let mut max = f64::NEG_INFINITY;
                let mut sum = 0.0;
                let mut count = 0usize;
                for tap in taps {
                    let cell = input.get_signed(tap.input_row, tap.input_col);
                    let value = cell.unwrap_or(0.0);
                    if cell.is_some() && value > max {
                        max = value;
                    }
                    sum += value;
                    count += 1;
                    see(Term { tap, padding: cell.is_none(), value, weighted: None });
                }
                match pool.kind() {
                    PoolKind::Max => (max, Reduction::Max),
                    PoolKind::Avg => (sum / count.max(1) as f64, Reduction::Avg { sum, count }),
                }
            }
        }
    }
}

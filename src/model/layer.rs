//! Layers: convolution (or cross-correlation) with a kernel and bias, and max / average pooling.
//!
//! Every layer slides a window over its zero-padded input. [`Geometry`] holds what all layers
//! share (window, stride, padding, dilation), computes the output shape with checked arithmetic
//! and lists the input cells under the window at any output position. The forward pass and the
//! per-position [`Trace`] (what the UI shows as 0×0 + 1×1 + 3×2 + 4×3 = 19) both fold over the
//! same taps in the same order, so the arithmetic shown is exactly the arithmetic computed.

use super::channels::Channels;
use super::error::{Axis, GridError, ModelError, Side, WindowKind};
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

    /// Where each output row (or column, by `axis`) meets an input of `input` rows (columns)
    /// at each tap, as an offset into a channel's row-major values (`stride` per row: the
    /// input's width for rows, 1 for columns), `None` in padding: `out × taps` entries, found
    /// once a layer so the taps of a window are a handful of loads (the forward pass and the
    /// gradient both read them).
    pub fn offsets(&self, axis: Axis, out: usize, input: usize, stride: usize) -> Vec<Option<usize>> {
        let taps = self.window.on(axis);
        (0..out)
            .flat_map(|o| (0..taps).map(move |t| self.input_coord(axis, o, t)))
            .map(|x| x.and_then(|x| usize::try_from(x).ok()).filter(|&x| x < input).map(|x| x * stride))
            .collect()
    }

    /// Every tap of the window at output `(row, col)`, in row-major window order, each with the
    /// input cell it meets (possibly in padding). Taps whose coordinate would overflow are left
    /// out, which cannot happen within the scene's bounds.
    pub fn taps(&self, row: usize, col: usize) -> impl Iterator<Item = Tap> + Clone + '_ {
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

/// Which 2-D slice of a convolution's weight: output channel `out`, and input channel `inp`
/// counted within the output channel's group (PyTorch's weight layout `out × in/groups × kh × kw`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Slice {
    /// Output channel.
    pub out: usize,
    /// Input channel within the group.
    pub inp: usize,
}

/// A convolution layer: a weight of `out × in/groups` kernel slices of one shape, one bias per
/// output channel, the number of groups, and its window geometry.
///
/// Output channel `o` belongs to group `o / (out / groups)` and reads that group's `in / groups`
/// input channels; with `groups = in = out` each output reads one input (a depthwise
/// convolution).
#[derive(Clone, Debug, PartialEq)]
pub struct Conv {
    /// The slices as entered, row-major over (out, inp).
    slices: Vec<Grid>,
    /// The slices as applied: as entered, or flipped in convolution mode.
    applied: Vec<Grid>,
    out: usize,
    per_group: usize,
    groups: usize,
    bias: Vec<f64>,
    mode: Mode,
    geometry: Geometry,
}

impl Conv {
    /// A one-channel convolution layer (one input channel, one output channel). Fails on a zero
    /// stride or dilation or a non-finite bias (the kernel is a valid [`Grid`] already).
    pub fn new(kernel: Grid, bias: f64, stride: Hw, padding: Hw, dilation: Hw, mode: Mode) -> Result<Conv, ModelError> {
        Conv::with_channels(vec![vec![kernel]], vec![bias], 1, stride, padding, dilation, mode)
    }

    /// A convolution layer from its weight `[out][in/groups]` (every slice of one shape), one
    /// bias per output channel and `groups`, which must divide the output channels (the input
    /// channels are `groups × in/groups`).
    pub fn with_channels(
        kernel: Vec<Vec<Grid>>,
        bias: Vec<f64>,
        groups: usize,
        stride: Hw,
        padding: Hw,
        dilation: Hw,
        mode: Mode,
    ) -> Result<Conv, ModelError> {
        let out = kernel.len();
        let per_group = kernel.first().map_or(0, Vec::len);
        if out == 0 || per_group == 0 {
            return Err(ModelError::NoChannels);
        }
        if let Some(row) = kernel.iter().find(|r| r.len() != per_group) {
            return Err(ModelError::UnequalInputs { expected: per_group, found: row.len() });
        }
        if groups == 0 || !out.is_multiple_of(groups) {
            return Err(ModelError::GroupsDoNotDivide { groups, channels: out, side: Side::Output });
        }
        if bias.len() != out {
            return Err(ModelError::BiasCount { expected: out, found: bias.len() });
        }
        if let Some(row) = bias.iter().position(|b| !b.is_finite()) {
            return Err(ModelError::Grid(GridError::NotFinite { row, col: 0 }));
        }
        let slices: Vec<Grid> = kernel.into_iter().flatten().collect();
        let first = slices.first().ok_or(ModelError::NoChannels)?;
        let window = Hw::new(first.rows(), first.cols());
        if let Some((channel, g)) = slices.iter().enumerate().find(|(_, g)| Hw::new(g.rows(), g.cols()) != window) {
            return Err(ModelError::UnequalChannels { channel, found: Hw::new(g.rows(), g.cols()), expected: window });
        }
        let geometry = Geometry::new(WindowKind::Kernel, window, stride, padding, dilation)?;
        let applied = applied_slices(&slices, mode);
        Ok(Conv { slices, applied, out, per_group, groups, bias, mode, geometry })
    }

    /// A stride-1, unpadded, undilated cross-correlation: d2l's `corr2d` plus a bias.
    pub fn simple(kernel: Grid, bias: f64) -> Result<Conv, ModelError> {
        Conv::new(kernel, bias, Hw::square(1), Hw::square(0), Hw::square(1), Mode::CrossCorrelation)
    }

    /// Output channels.
    pub fn out_channels(&self) -> usize {
        self.out
    }
    /// Input channels it reads: groups × in/groups.
    pub fn in_channels(&self) -> usize {
        self.groups.saturating_mul(self.per_group)
    }
    /// Input channels each output channel reads (in / groups).
    pub fn per_group(&self) -> usize {
        self.per_group
    }
    /// Groups.
    pub fn groups(&self) -> usize {
        self.groups
    }
    /// Whether it reads one channel and writes one (the scene format then writes it as before
    /// channels existed).
    pub fn is_single(&self) -> bool {
        self.out == 1 && self.in_channels() == 1
    }
    /// The kernel's shape (that of every slice).
    pub fn window(&self) -> Hw {
        self.geometry.window
    }
    /// The slice `s` as entered, if it exists.
    pub fn slice(&self, s: Slice) -> Option<&Grid> {
        self.slices.get(self.slice_index(s)?)
    }
    /// The slice `s` as applied (flipped in convolution mode), if it exists.
    pub fn applied_slice(&self, s: Slice) -> Option<&Grid> {
        self.applied.get(self.slice_index(s)?)
    }
    /// Every slice as entered, with its place, output channel after output channel.
    pub fn slices(&self) -> impl Iterator<Item = (Slice, &Grid)> {
        let per = self.per_group.max(1);
        self.slices.iter().enumerate().map(move |(i, g)| (Slice { out: i / per, inp: i % per }, g))
    }
    /// The weight as nested lists `[out][in/groups]`, the shape the scene format uses.
    pub fn kernel_rows(&self) -> Vec<Vec<Grid>> {
        self.slices.chunks(self.per_group.max(1)).map(<[Grid]>::to_vec).collect()
    }
    /// The bias of every output channel.
    pub fn bias(&self) -> &[f64] {
        &self.bias
    }
    /// Cross-correlation or convolution.
    pub fn mode(&self) -> Mode {
        self.mode
    }
    /// Window geometry.
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// The input channels output channel `o` reads: those of its group.
    pub fn reads(&self, o: usize) -> std::ops::Range<usize> {
        let per_out = (self.out / self.groups.max(1)).max(1);
        let start = (o / per_out).saturating_mul(self.per_group);
        start..start.saturating_add(self.per_group)
    }

    /// The output channels that read input channel `i`: those of its group.
    pub fn feeds(&self, i: usize) -> std::ops::Range<usize> {
        let per_out = (self.out / self.groups.max(1)).max(1);
        let start = (i / self.per_group.max(1)).saturating_mul(per_out);
        start..start.saturating_add(per_out).min(self.out)
    }

    /// The same layer with one slice replaced (of the kernel's shape, or of any shape when the
    /// layer has a single slice, whose shape is the window's).
    pub fn with_slice(&self, s: Slice, grid: Grid) -> Result<Conv, ModelError> {
        let i = self.slice_index(s).ok_or(ModelError::NoSuchChannel { channel: s.out, count: self.out })?;
        let mut kernel = self.kernel_rows();
        if let Some(slot) = kernel.get_mut(i / self.per_group.max(1)).and_then(|r| r.get_mut(i % self.per_group.max(1)))
        {
            *slot = grid;
        }
        self.rebuilt(kernel, self.bias.clone(), self.groups)
    }

    /// The same layer with every slice resized to `rows × cols` (new weights 0).
    pub fn with_window(&self, rows: usize, cols: usize) -> Result<Conv, ModelError> {
        let kernel = self
            .kernel_rows()
            .iter()
            .map(|r| r.iter().map(|g| Grid::from_fn(rows, cols, |a, b| g.get(a, b).unwrap_or(0.0))).collect())
            .collect::<Result<Vec<Vec<Grid>>, GridError>>()?;
        self.rebuilt(kernel, self.bias.clone(), self.groups)
    }

    /// The same layer with the bias of output channel `o` set.
    pub fn with_bias_of(&self, o: usize, value: f64) -> Result<Conv, ModelError> {
        let mut bias = self.bias.clone();
        let slot = bias.get_mut(o).ok_or(ModelError::NoSuchChannel { channel: o, count: self.out })?;
        *slot = value;
        self.rebuilt(self.kernel_rows(), bias, self.groups)
    }

    /// The same layer with every bias replaced (one per output channel).
    pub fn with_biases(&self, bias: Vec<f64>) -> Result<Conv, ModelError> {
        self.rebuilt(self.kernel_rows(), bias, self.groups)
    }

    /// The same layer reading `inputs` channels and writing `out` in `groups` groups: the
    /// slices and biases that still exist kept, new ones zeros.
    pub fn reshaped(&self, inputs: usize, out: usize, groups: usize) -> Result<Conv, ModelError> {
        if groups == 0 || !inputs.is_multiple_of(groups) {
            return Err(ModelError::GroupsDoNotDivide { groups, channels: inputs, side: Side::Input });
        }
        let per_group = inputs / groups;
        let window = self.window();
        let zero = Grid::filled(window.h, window.w, 0.0)?;
        let kernel = (0..out)
            .map(|o| {
                (0..per_group)
                    .map(|i| self.slice(Slice { out: o, inp: i }).cloned().unwrap_or_else(|| zero.clone()))
                    .collect()
            })
            .collect();
        let bias = (0..out).map(|o| self.bias.get(o).copied().unwrap_or(0.0)).collect();
        self.rebuilt(kernel, bias, groups)
    }

    /// The same layer in another mode.
    pub fn with_mode(&self, mode: Mode) -> Conv {
        Conv { applied: applied_slices(&self.slices, mode), mode, ..self.clone() }
    }

    /// The same layer with another stride, padding and dilation.
    pub fn with_geometry(&self, stride: Hw, padding: Hw, dilation: Hw) -> Result<Conv, ModelError> {
        Conv::with_channels(self.kernel_rows(), self.bias.clone(), self.groups, stride, padding, dilation, self.mode)
    }

    /// Where, in the kernel as entered, the weight applied at window tap `(a, b)` lives.
    pub fn entered_position(&self, tap_row: usize, tap_col: usize) -> (usize, usize) {
        match self.mode {
            Mode::CrossCorrelation => (tap_row, tap_col),
            Mode::Convolution => {
                let k = self.window();
                (k.h.saturating_sub(1 + tap_row), k.w.saturating_sub(1 + tap_col))
            }
        }
    }

    /// Where slice `s` stands in [`Conv::slices`] order (output channel after output channel),
    /// if the kernel has it: the one place this order is worked out.
    pub fn slice_index(&self, s: Slice) -> Option<usize> {
        (s.out < self.out && s.inp < self.per_group).then(|| s.out * self.per_group + s.inp)
    }

    fn rebuilt(&self, kernel: Vec<Vec<Grid>>, bias: Vec<f64>, groups: usize) -> Result<Conv, ModelError> {
        let g = &self.geometry;
        Conv::with_channels(kernel, bias, groups, g.stride, g.padding, g.dilation, self.mode)
    }
}

/// The slices as applied in `mode`: as entered, or each flipped.
fn applied_slices(slices: &[Grid], mode: Mode) -> Vec<Grid> {
    match mode {
        Mode::CrossCorrelation => slices.to_vec(),
        Mode::Convolution => slices.iter().map(Grid::flipped).collect(),
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
    /// The input channel it reads.
    pub channel: usize,
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
    /// The kernel slice it is in.
    pub slice: Slice,
    /// Where that weight is in the slice as entered.
    pub kernel_pos: (usize, usize),
    /// value × weight.
    pub product: f64,
}

/// How the terms combine into the result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reduction {
    /// Σ products per input channel (the trace's `partials`), Σ of those, then + bias.
    Sum { sum: f64, bias: f64 },
    /// The largest non-padding value.
    Max,
    /// Σ values (padding counted as 0) ÷ window size.
    Avg { sum: f64, count: usize },
}

/// Everything that happens at one output position.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// Output channel.
    pub channel: usize,
    /// Output row.
    pub row: usize,
    /// Output column.
    pub col: usize,
    /// The window's terms: input channel after input channel, each in row-major window order.
    pub terms: Vec<Term>,
    /// A convolution's sum of products of each input channel it reads, in order (empty for
    /// pooling).
    pub partials: Vec<f64>,
    /// How they combine.
    pub reduction: Reduction,
    /// The output value.
    pub result: f64,
}

/// The shape of a map with its channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dims {
    /// Channels.
    pub channels: usize,
    /// Rows and columns of each channel.
    pub hw: Hw,
}

impl Dims {
    /// A shape of `channels` channels of `hw`.
    pub const fn new(channels: usize, hw: Hw) -> Dims {
        Dims { channels, hw }
    }

    /// The shape of a map.
    pub fn of(map: &Channels) -> Dims {
        Dims { channels: map.count(), hw: map.shape() }
    }

    /// Cells in all channels (saturating).
    pub fn cells(self) -> usize {
        self.channels.saturating_mul(self.hw.h).saturating_mul(self.hw.w)
    }
}

impl Layer {
    /// The window geometry.
    pub fn geometry(&self) -> &Geometry {
        match self {
            Layer::Conv(c) => c.geometry(),
            Layer::Pool(p) => p.geometry(),
        }
    }

    /// Output shape (spatial) for an input shape, or why the window does not fit.
    pub fn output_shape(&self, input: Hw) -> Result<Hw, ModelError> {
        self.geometry().output_shape(input)
    }

    /// Output shape with channels, or why there is none: the window does not fit, or the input
    /// has not the channels the kernel reads.
    pub fn output_dims(&self, input: Dims) -> Result<Dims, ModelError> {
        let channels = match self {
            Layer::Conv(c) if c.in_channels() != input.channels => {
                return Err(ModelError::ChannelMismatch { input: input.channels, expected: c.in_channels() })
            }
            Layer::Conv(c) => c.out_channels(),
            Layer::Pool(_) => input.channels,
        };
        Ok(Dims { channels, hw: self.output_shape(input.hw)? })
    }

    /// The input channels output channel `o` reads: its group's for a convolution, its own for
    /// pooling.
    pub fn reads(&self, o: usize) -> std::ops::Range<usize> {
        match self {
            Layer::Conv(c) => c.reads(o),
            Layer::Pool(_) => o..o.saturating_add(1),
        }
    }

    /// The output channels that read input channel `i`.
    pub fn feeds(&self, i: usize) -> std::ops::Range<usize> {
        match self {
            Layer::Conv(c) => c.feeds(i),
            Layer::Pool(_) => i..i.saturating_add(1),
        }
    }

    /// Applies the layer to `input`.
    pub fn forward(&self, input: &Channels) -> Result<Channels, ModelError> {
        let dims = self.output_dims(Dims::of(input))?;
        let shape = dims.hw;
        let g = self.geometry();
        let (kh, kw) = (g.window().h, g.window().w);
        let (h, w) = (input.rows(), input.cols());
        let rows = g.offsets(Axis::Rows, shape.h, h, w);
        let cols = g.offsets(Axis::Cols, shape.w, w, 1);
        let cols_inside: Vec<bool> = cols.chunks(kw.max(1)).map(|taps| taps.iter().all(Option::is_some)).collect();
        // A window's taps from its first, in the input's row-major values.
        let (dh, dw) = (g.dilation().h, g.dilation().w);
        let offsets: Vec<usize> = (0..kh)
            .flat_map(|a| {
                (0..kw).map(move |b| a.saturating_mul(dh).saturating_mul(w).saturating_add(b.saturating_mul(dw)))
            })
            .collect();
        let weights: Vec<&[f64]> = match self {
            Layer::Conv(conv) => conv.applied.iter().map(Grid::values).collect(),
            Layer::Pool(_) => Vec::new(),
        };
        // The output columns whose windows have no tap in padding (one run: padding is at the
        // ends), with each window's first tap; a convolution folds them side by side.
        let first_inside = cols_inside.iter().position(|&i| i).unwrap_or(cols_inside.len());
        let run_end = first_inside + cols_inside.iter().skip(first_inside).take_while(|&&i| i).count();
        let col_starts: Vec<usize> = cols
            .chunks(kw.max(1))
            .skip(first_inside)
            .take(run_end - first_inside)
            .filter_map(|t| *t.first()?)
            .collect();
        // Windows a stride apart (always so: a check, not an assumption).
        let step = g.stride().w;
        let side_by_side = matches!(self, Layer::Conv(_))
            && col_starts.len() == run_end - first_inside
            && col_starts.windows(2).all(|p| matches!(p, [a, b] if b.checked_sub(*a) == Some(step)))
            && weights.iter().all(|w| w.len() == offsets.len());
        let mut planes = Vec::with_capacity(dims.channels);
        for channel in 0..dims.channels {
            let reads = self.reads(channel);
            let group = input.planes().get(reads.clone()).unwrap_or_default();
            let first_slice = channel.saturating_mul(reads.len());
            let mut cells = Vec::with_capacity(shape.h.saturating_mul(shape.w));
            for row_taps in rows.chunks(kh.max(1)) {
                let row_inside = row_taps.iter().all(Option::is_some);
                let run = match (row_taps.first(), self) {
                    (Some(&Some(r)), Layer::Conv(conv)) if row_inside && side_by_side => Some((r, conv)),
                    _ => None,
                };
                // One window, folded on its own.
                let one = |j: usize, cells: &mut Vec<f64>| {
                    let col_taps = cols.get(j * kw..(j + 1) * kw).unwrap_or_default();
                    let inside = match (row_taps.first(), col_taps.first()) {
                        (Some(&Some(r)), Some(&Some(c))) if row_inside && cols_inside.get(j) == Some(&true) => {
                            Some(r + c)
                        }
                        _ => None,
                    };
                    let window = Gathered {
                        group,
                        weights: &weights,
                        first_slice,
                        row_taps,
                        col_taps,
                        kw,
                        inside,
                        offsets: &offsets,
                    };
                    cells.push(self.fold(channel, &window, |_| {}).0);
                };
                match run {
                    Some((r, conv)) => {
                        (0..first_inside).for_each(|j| one(j, &mut cells));
                        let first = r + col_starts.first().copied().unwrap_or(0);
                        let count = col_starts.len();
                        Run { group, weights: &weights, first_slice, first, step, count, offsets: &offsets }
                            .fold(conv, channel, &mut cells);
                        (run_end..shape.w).for_each(|j| one(j, &mut cells));
                    }
                    None => (0..shape.w).for_each(|j| one(j, &mut cells)),
                }
            }
            let plane = Grid::from_values(shape.h, shape.w, cells).map_err(|_| ModelError::ResultOverflow)?;
            planes.push(plane);
        }
        Channels::new(planes)
    }

    /// The full arithmetic at output channel `channel`, `(row, col)`, or `None` if that
    /// position does not exist.
    pub fn trace(&self, input: &Channels, channel: usize, row: usize, col: usize) -> Option<Trace> {
        let dims = self.output_dims(Dims::of(input)).ok()?;
        if channel >= dims.channels || row >= dims.hw.h || col >= dims.hw.w {
            return None;
        }
        let taps: Vec<Tap> = self.geometry().taps(row, col).collect();
        // Every term, input channel by input channel, in window order.
        let mut terms = Vec::new();
        let mut per_channel = Vec::new();
        for inp in self.reads(channel) {
            let map = input.channel(inp);
            let start = terms.len();
            for &tap in &taps {
                let cell = map.and_then(|m| m.get_signed(tap.input_row, tap.input_col));
                let value = cell.unwrap_or(0.0);
                let weighted = match self {
                    Layer::Conv(conv) => {
                        let slice = Slice { out: channel, inp: inp - conv.reads(channel).start };
                        let weight =
                            conv.applied_slice(slice).and_then(|k| k.get(tap.tap_row, tap.tap_col)).unwrap_or(0.0);
                        let kernel_pos = conv.entered_position(tap.tap_row, tap.tap_col);
                        Some(Weighted { weight, slice, kernel_pos, product: value * weight })
                    }
                    Layer::Pool(_) => None,
                };
                terms.push(Term { channel: inp, tap, padding: cell.is_none(), value, weighted });
            }
            per_channel.push(start..terms.len());
        }
        let window = Listed { terms: &terms, per_channel: &per_channel };
        let mut partials = Vec::new();
        let (result, reduction) = self.fold(channel, &window, |p| partials.push(p));
        Some(Trace { channel, row, col, terms, partials, reduction, result })
    }

    /// Folds a window's taps at output channel `channel` into the output value and how it was
    /// reached, reporting every input channel's partial sum to `partial`. The forward pass and
    /// the trace both come through here — they differ only in how they find each tap's value
    /// and weight (`Window`) — so the arithmetic shown is the arithmetic computed, to the last
    /// bit.
    #[inline(always)]
    fn fold(&self, channel: usize, window: &impl Window, mut partial: impl FnMut(f64)) -> (f64, Reduction) {
        match self {
            Layer::Conv(conv) => {
                let mut sum = 0.0;
                for i in 0..window.channels() {
                    let mut part = 0.0;
                    window.each(i, |value, weight| part += value.unwrap_or(0.0) * weight);
                    partial(part);
                    sum += part;
                }
                let bias = conv.bias().get(channel).copied().unwrap_or(0.0);
                (sum + bias, Reduction::Sum { sum, bias })
            }
            Layer::Pool(pool) => {
                let mut max = f64::NEG_INFINITY;
                let mut sum = 0.0;
                let mut count = 0usize;
                window.each(0, |cell, _| {
                    let value = cell.unwrap_or(0.0);
                    if cell.is_some() && value > max {
                        max = value;
                    }
                    sum += value;
                    count += 1;
                });
                match pool.kind() {
                    PoolKind::Max => (max, Reduction::Max),
                    PoolKind::Avg => (sum / count.max(1) as f64, Reduction::Avg { sum, count }),
                }
            }
        }
    }
}

/// The taps of one window, input channel by input channel (in the order the layer reads them),
/// each as the value met (`None` in padding) and the weight applied there (0 for pooling).
trait Window {
    /// How many input channels the window reads.
    fn channels(&self) -> usize;
    /// Calls `f` on every tap of input channel `i`, in window (row-major) order.
    fn each(&self, i: usize, f: impl FnMut(Option<f64>, f64));
}

/// A window of the forward pass: offsets into the channels' values, found once per layer.
struct Gathered<'a> {
    group: &'a [Grid],
    /// The applied kernel slices of the layer, row-major (none for pooling).
    weights: &'a [&'a [f64]],
    /// The slice of the group's first input channel.
    first_slice: usize,
    row_taps: &'a [Option<usize>],
    col_taps: &'a [Option<usize>],
    kw: usize,
    /// Where the window starts when no tap of it is in padding (most windows of a large map):
    /// its taps are then read at `offsets` from there, without a check per tap.
    inside: Option<usize>,
    /// Every tap's offset from the window's first, row-major.
    offsets: &'a [usize],
}

impl Window for Gathered<'_> {
    fn channels(&self) -> usize {
        self.group.len()
    }

    // Inlined, so that the fold's sum is inlined into this loop even in a build for size.
    #[inline(always)]
    fn each(&self, i: usize, mut f: impl FnMut(Option<f64>, f64)) {
        let Some(values) = self.group.get(i).map(Grid::values) else { return };
        let weights = self.weights.get(self.first_slice + i).copied().unwrap_or_default();
        let kw = self.kw.max(1);
        if let Some(base) = self.inside {
            // The same taps in the same order as below, each known to be in the map (a pool
            // has no weights: 0 each, as below).
            let window = values.get(base..).unwrap_or_default();
            if weights.len() == self.offsets.len() {
                for (&offset, &weight) in self.offsets.iter().zip(weights) {
                    f(Some(window.get(offset).copied().unwrap_or(0.0)), weight);
                }
            } else {
                for &offset in self.offsets {
                    f(Some(window.get(offset).copied().unwrap_or(0.0)), 0.0);
                }
            }
            return;
        }
        let mut weight_rows = weights.chunks(kw);
        for &r in self.row_taps {
            let weight_row = weight_rows.next().unwrap_or_default();
            for (b, &c) in self.col_taps.iter().enumerate() {
                let value = match (r, c) {
                    (Some(r), Some(c)) => values.get(r + c).copied(),
                    _ => None,
                };
                f(value, weight_row.get(b).copied().unwrap_or(0.0));
            }
        }
    }
}

/// The windows of one output row of a convolution that have no tap in padding (most of a
/// large map's), folded side by side. Every window's sum takes exactly [`Layer::fold`]'s
/// steps in its order — per input channel `part += value × weight` tap by tap from 0, then
/// `sum += part` channel by channel from 0, then `sum + bias` — so each output is the fold's
/// to the last bit (tests/channels.rs compares every output of random layers with a
/// brute-force reference and with the trace). Only the order in which *different* windows
/// take their steps changes: each step of one window waits for the one before it, so one
/// window at a time left the processor waiting (4 ns a tap); side by side, the windows'
/// steps overlap.
struct Run<'a> {
    group: &'a [Grid],
    /// The applied kernel slices of the layer, row-major, each as long as `offsets`.
    weights: &'a [&'a [f64]],
    /// The slice of the group's first input channel.
    first_slice: usize,
    /// Where the first window's first tap is, in the input's row-major values.
    first: usize,
    /// How far apart the windows are (the stride across).
    step: usize,
    /// How many windows.
    count: usize,
    /// Every tap's offset from the window's first, row-major.
    offsets: &'a [usize],
}

impl Run<'_> {
    fn fold(&self, conv: &Conv, channel: usize, out: &mut Vec<f64>) {
        let mut sums = vec![0.0; self.count];
        let step = self.step.max(1);
        for (i, plane) in self.group.iter().enumerate() {
            let values = plane.values();
            let weights = self.weights.get(self.first_slice + i).copied().unwrap_or_default();
            // Four windows at a time, each with its own running sum: four independent chains
            // of additions for the processor to overlap.
            let at = |k: usize| values.get(k).copied().unwrap_or(0.0);
            let mut j = 0;
            while j + 4 <= self.count {
                let start = self.first + j * step;
                let (mut a, mut b, mut c, mut d) = (0.0, 0.0, 0.0, 0.0);
                for (&offset, &weight) in self.offsets.iter().zip(weights) {
                    let k = start + offset;
                    a += at(k) * weight;
                    b += at(k + step) * weight;
                    c += at(k + 2 * step) * weight;
                    d += at(k + 3 * step) * weight;
                }
                for (sum, part) in sums.iter_mut().skip(j).zip([a, b, c, d]) {
                    *sum += part;
                }
                j += 4;
            }
            for (sum, j) in sums.iter_mut().zip(0..).skip(j) {
                let start = self.first + j * step;
                let mut part = 0.0;
                for (&offset, &weight) in self.offsets.iter().zip(weights) {
                    part += at(start + offset) * weight;
                }
                *sum += part;
            }
        }
        let bias = conv.bias().get(channel).copied().unwrap_or(0.0);
        out.extend(sums.iter().map(|sum| sum + bias));
    }
}

/// A window of the trace: its terms, already listed.
struct Listed<'a> {
    terms: &'a [Term],
    per_channel: &'a [std::ops::Range<usize>],
}

impl Window for Listed<'_> {
    fn channels(&self) -> usize {
        self.per_channel.len()
    }

    fn each(&self, i: usize, mut f: impl FnMut(Option<f64>, f64)) {
        let range = self.per_channel.get(i).cloned().unwrap_or_default();
        for t in self.terms.get(range).unwrap_or_default() {
            f((!t.padding).then_some(t.value), t.weighted.map_or(0.0, |w| w.weight));
        }
    }
}

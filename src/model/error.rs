//! Typed errors of the model: what is wrong, with every number a message needs to say how to
//! fix it. They hold no words: `crate::i18n` renders each one as a sentence for a student in
//! the reader's language ("kernel 5 wider than padded input 3: reduce the kernel or add
//! padding ≥ 1"), next to the setting that caused it.

/// One of the two spatial axes of a grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Axis {
    /// Rows: the height.
    Rows,
    /// Columns: the width.
    Cols,
}

/// Why a grid could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridError {
    /// No rows, or no columns.
    Empty,
    /// A row whose length differs from the first row's.
    Ragged { row: usize, expected: usize, found: usize },
    /// A value that is NaN or infinite.
    NotFinite { row: usize, col: usize },
    /// A coordinate outside the grid.
    OutOfRange { row: usize, col: usize },
    /// More cells than memory can address.
    TooLarge,
}

/// What kind of window a layer slides: a kernel or a pooling window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WindowKind {
    /// A convolution kernel.
    Kernel,
    /// A pooling window.
    Pool,
}

/// Why a layer could not be built or applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A grid (the kernel, usually) is invalid.
    Grid(GridError),
    /// A stride of 0 on an axis.
    ZeroStride { axis: Axis },
    /// A dilation of 0 on an axis.
    ZeroDilation { axis: Axis },
    /// A pooling window of size 0 on an axis.
    ZeroWindow { axis: Axis },
    /// Pooling padding more than half the window, which would let a window see only padding.
    PoolPaddingTooLarge { axis: Axis, padding: usize, size: usize },
    /// The (dilated) window spans more than the padded input on an axis.
    WindowDoesNotFit {
        kind: WindowKind,
        axis: Axis,
        /// Window size as entered.
        size: usize,
        dilation: usize,
        /// Extent covered by the dilated window: d·(k − 1) + 1.
        span: usize,
        input: usize,
        padding: usize,
    },
    /// A size so large that the arithmetic would overflow.
    Overflow,
    /// A result that is too large to represent (beyond ±1.8e308).
    ResultOverflow,
    /// This layer cannot run because an earlier layer (1-based) failed.
    Upstream { layer: usize },
    /// This layer's output would take the stack's maps past their bound on cells.
    TooManyCells { channels: usize, rows: usize, cols: usize, max: usize },
    /// A map or a kernel with no channel at all.
    NoChannels,
    /// A channel (or kernel slice) whose shape differs from the first one's.
    UnequalChannels { channel: usize, found: super::layer::Hw, expected: super::layer::Hw },
    /// A channel that does not exist.
    NoSuchChannel { channel: usize, count: usize },
    /// The layer's input has `input` channels but its kernel reads `expected`.
    ChannelMismatch { input: usize, expected: usize },
    /// `groups` must be at least 1 and divide the input and the output channels.
    GroupsDoNotDivide { groups: usize, channels: usize, side: Side },
    /// Output channels of a weight that read different numbers of input channels.
    UnequalInputs { expected: usize, found: usize },
    /// A conv layer needs one bias per output channel.
    BiasCount { expected: usize, found: usize },
}

/// The input or the output side of a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The channels a layer reads.
    Input,
    /// The channels a layer writes.
    Output,
}

impl From<GridError> for ModelError {
    fn from(e: GridError) -> Self {
        ModelError::Grid(e)
    }
}

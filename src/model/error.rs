//! Typed errors of the model, each of which can say in words what is wrong and how to fix it.
//!
//! The UI shows these messages next to the setting that caused them, so `Display` is written
//! for a student, not for a programmer: "kernel 5 wider than padded input 3: reduce the kernel
//! or add padding ≥ 1".

use std::fmt;

/// One of the two spatial axes of a grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Axis {
    /// Rows: the height.
    Rows,
    /// Columns: the width.
    Cols,
}

impl Axis {
    /// "taller" or "wider", for messages about a window that does not fit.
    pub fn comparative(self) -> &'static str {
        match self {
            Axis::Rows => "taller",
            Axis::Cols => "wider",
        }
    }

    /// "height" or "width".
    pub fn noun(self) -> &'static str {
        match self {
            Axis::Rows => "height",
            Axis::Cols => "width",
        }
    }
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

impl fmt::Display for GridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GridError::Empty => write!(f, "a grid needs at least one row and one column"),
            GridError::Ragged { row, expected, found } => {
                write!(f, "row {row} has {found} values but row 0 has {expected}: every row must be the same length")
            }
            GridError::NotFinite { row, col } => {
                write!(f, "the value at row {row}, column {col} is not a finite number")
            }
            GridError::OutOfRange { row, col } => {
                write!(f, "row {row}, column {col} is outside the grid")
            }
            GridError::TooLarge => write!(f, "the grid is too large"),
        }
    }
}

/// What kind of window a layer slides: a kernel or a pooling window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WindowKind {
    /// A convolution kernel.
    Kernel,
    /// A pooling window.
    Pool,
}

impl WindowKind {
    fn noun(self) -> &'static str {
        match self {
            WindowKind::Kernel => "kernel",
            WindowKind::Pool => "pooling window",
        }
    }
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
    TooManyCells { rows: usize, cols: usize, max: usize },
}

impl From<GridError> for ModelError {
    fn from(e: GridError) -> Self {
        ModelError::Grid(e)
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Grid(e) => e.fmt(f),
            ModelError::ZeroStride { axis } => {
                write!(f, "stride ({}) must be ≥ 1, got 0", axis.noun())
            }
            ModelError::ZeroDilation { axis } => {
                write!(f, "dilation ({}) must be ≥ 1, got 0", axis.noun())
            }
            ModelError::ZeroWindow { axis } => {
                write!(f, "pooling window ({}) must be ≥ 1, got 0", axis.noun())
            }
            ModelError::PoolPaddingTooLarge { axis, padding, size } => write!(
                f,
                "pooling padding ({}) {padding} is more than half the window {size}: use padding ≤ {}",
                axis.noun(),
                size / 2
            ),
            ModelError::WindowDoesNotFit { kind, axis, size, dilation, span, input, padding } => {
                let padded = input.saturating_add(padding.saturating_mul(2));
                let need = span.saturating_sub(*input).div_ceil(2);
                let what = if *dilation > 1 {
                    format!("dilated {} {size} (dilation {dilation}) spans {span}, so it is", kind.noun())
                } else {
                    format!("{} {size}", kind.noun())
                };
                let fix = match kind {
                    WindowKind::Kernel if *dilation > 1 => "reduce the kernel or the dilation",
                    WindowKind::Kernel => "reduce the kernel",
                    WindowKind::Pool => "reduce the window",
                };
                write!(f, "{what} {} than padded input {padded}: {fix} or add padding ≥ {need}", axis.comparative())
            }
            ModelError::Overflow => write!(f, "the sizes are too large to compute"),
            ModelError::ResultOverflow => {
                write!(f, "a result is too large to represent (beyond ±1.8e308): use smaller values")
            }
            ModelError::TooManyCells { rows, cols, max } => write!(
                f,
                "its {rows} × {cols} output would take the maps past {max} cells in all: reduce the padding, the input or the number of layers"
            ),
            ModelError::Upstream { layer } => {
                write!(f, "needs the output of layer {layer}, which could not be computed")
            }
        }
    }
}

impl std::error::Error for ModelError {}
impl std::error::Error for GridError {}

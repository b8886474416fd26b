//! Small types that components pass to each other: cheap-to-compare shared data, what a grid
//! draws, and the events a grid reports. Not a component. (The marks a grid shows are
//! `state::view::Marks`, computed natively.)

use std::ops::Deref;
use std::rc::Rc;

use crate::model::{Channels, Grid, Slice};
pub use crate::state::view::Marks;
use crate::state::{CellId, GridId, LayerId};

/// Shared data compared by identity: two props are equal when they hold the same allocation,
/// so a big grid that did not change costs one pointer comparison, not a scan.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Shared<T> {
    fn from(t: T) -> Self {
        Shared(Rc::new(t))
    }
}

/// A map's channels, each shared so that a grid whose channel did not change is not redrawn.
pub type Planes = Shared<Vec<Shared<Grid>>>;

/// A map's channels, each shared.
pub fn planes_of(map: &Channels) -> Planes {
    Shared::from(map.planes().iter().cloned().map(Shared::from).collect::<Vec<_>>())
}

/// What a grid draws, which decides its cells' `data-*` attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKind {
    /// Channel C of feature map M (`data-map`, `data-channel`).
    Map(usize, usize),
    /// A slice of a layer's kernel as entered (`data-kernel`, `data-out`, `data-in`).
    Kernel(LayerId, Slice),
    /// A layer's biases, one row per output channel (`data-bias`, `data-out`).
    Bias(LayerId),
    /// A slice of a layer's kernel as applied in convolution mode (`data-flipped`, `data-out`,
    /// `data-in`); read-only.
    Flipped(LayerId, Slice),
    /// A slice of the learning demo's initial kernel (`data-learn-init`, `data-out`, `data-in`).
    Init(LayerId, Slice),
    /// A slice of the learner's kernel now (`data-learned`, `data-out`, `data-in`); read-only.
    Learned(LayerId, Slice),
    /// The learner's biases (`data-learned-bias`, `data-out`); read-only.
    LearnedBias(LayerId),
    /// A slice of the learner's kernel flipped back, when its operation is not the layer's
    /// (`data-learned-flipped`, `data-out`, `data-in`); read-only.
    LearnedFlipped(LayerId, Slice),
    /// A slice of the kernel to discover, once revealed (`data-learn-true`, `data-out`,
    /// `data-in`); read-only.
    Discover(LayerId, Slice),
    /// Channel C of a map of the learning demo (`data-learn-map`, `data-channel`); read-only.
    LearnMap(LearnMap, usize),
}

/// The maps of the learning demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LearnMap {
    /// Y, the layer's output.
    Target,
    /// Ŷ, the learner's output.
    Prediction,
    /// Ŷ − Y.
    Error,
}

impl LearnMap {
    /// Its `data-learn-map` value.
    pub fn name(self) -> &'static str {
        match self {
            LearnMap::Target => "target",
            LearnMap::Prediction => "prediction",
            LearnMap::Error => "error",
        }
    }
}

impl GridKind {
    /// The state's name for this grid, if its cells can be selected.
    pub fn id(self) -> Option<GridId> {
        match self {
            GridKind::Map(m, c) => Some(GridId::Map(m, c)),
            GridKind::Kernel(l, s) => Some(GridId::Kernel(l, s)),
            GridKind::Bias(l) => Some(GridId::Bias(l)),
            GridKind::Init(_, s) => Some(GridId::Init(s)),
            _ => None,
        }
    }

    /// The number in the grid's `data-map`, `data-kernel`, `data-bias` or `data-flipped`.
    pub fn number(self) -> usize {
        match self {
            GridKind::Map(m, _) => m,
            GridKind::Kernel(l, _)
            | GridKind::Bias(l)
            | GridKind::Flipped(l, _)
            | GridKind::Init(l, _)
            | GridKind::Learned(l, _)
            | GridKind::LearnedBias(l)
            | GridKind::LearnedFlipped(l, _)
            | GridKind::Discover(l, _) => l.get(),
            GridKind::LearnMap(_, c) => c,
        }
    }

    /// A DOM id unique to this grid: the first channel (slice) keeps the id it had before
    /// channels existed ("map-0", "kernel-1").
    pub fn dom_id(self) -> String {
        let slice = |s: Slice| if s == Slice::default() { String::new() } else { format!("-o{}-i{}", s.out, s.inp) };
        match self {
            GridKind::Map(m, 0) => format!("map-{m}"),
            GridKind::Map(m, c) => format!("map-{m}-c{c}"),
            GridKind::Kernel(l, s) => format!("kernel-{}{}", l.get(), slice(s)),
            GridKind::Bias(l) => format!("bias-{}", l.get()),
            GridKind::Flipped(l, s) => format!("flipped-{}{}", l.get(), slice(s)),
            GridKind::Init(l, s) => format!("learn-init-{}{}", l.get(), slice(s)),
            GridKind::Learned(l, s) => format!("learned-{}{}", l.get(), slice(s)),
            GridKind::LearnedBias(l) => format!("learned-bias-{}", l.get()),
            GridKind::LearnedFlipped(l, s) => format!("learned-flipped-{}{}", l.get(), slice(s)),
            GridKind::Discover(l, s) => format!("learn-true-{}{}", l.get(), slice(s)),
            GridKind::LearnMap(m, c) => format!("learn-{}-c{c}", m.name()),
        }
    }
}

/// What a user did in a grid.
#[derive(Clone, Debug, PartialEq)]
pub enum GridEvent {
    /// A cell got the focus or was clicked.
    Select(CellId),
    /// The pointer is over a cell, or left the grid.
    Hover(Option<CellId>),
    /// Start editing: with typed text replacing the value, or with the value.
    BeginEdit(CellId, Option<String>),
    /// The text in the editor changed.
    EditText(String),
    /// Commit the edit and move the selection.
    Commit { rows: isize, cols: isize },
    /// Abandon the edit.
    Cancel,
    /// Move the selection.
    Move { rows: isize, cols: isize },
    /// Click or Enter on a cell that is not editable (an output: pin the window there).
    Activate(CellId),
    /// Escape on a selected cell.
    Escape,
    /// Text pasted on a selected cell.
    Paste(CellId, String),
    /// Ctrl/⌘+A on a selected cell: the whole grid.
    SelectAll(GridId),
}

//! Small types that components pass to each other: cheap-to-compare shared data, what a grid
//! draws, and the events a grid reports. Not a component. (The marks a grid shows are
//! `state::view::Marks`, computed natively.)

use std::ops::Deref;
use std::rc::Rc;

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

/// What a grid draws, which decides its cells' `data-*` attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKind {
    /// Feature map L (`data-map`).
    Map(usize),
    /// A layer's kernel as entered (`data-kernel`).
    Kernel(LayerId),
    /// A layer's bias (`data-bias`).
    Bias(LayerId),
    /// A layer's kernel as applied in convolution mode (`data-flipped`); read-only.
    Flipped(LayerId),
}

impl GridKind {
    /// The state's name for this grid, if its cells can be selected.
    pub fn id(self) -> Option<GridId> {
        match self {
            GridKind::Map(m) => Some(GridId::Map(m)),
            GridKind::Kernel(l) => Some(GridId::Kernel(l)),
            GridKind::Bias(l) => Some(GridId::Bias(l)),
            GridKind::Flipped(_) => None,
        }
    }

    /// The number in the grid's `data-map`, `data-kernel`, `data-bias` or `data-flipped`.
    pub fn number(self) -> usize {
        match self {
            GridKind::Map(m) => m,
            GridKind::Kernel(l) | GridKind::Bias(l) | GridKind::Flipped(l) => l.get(),
        }
    }

    /// A DOM id prefix unique to this grid.
    pub fn dom_id(self) -> String {
        match self {
            GridKind::Map(m) => format!("map-{m}"),
            GridKind::Kernel(l) => format!("kernel-{}", l.get()),
            GridKind::Bias(l) => format!("bias-{}", l.get()),
            GridKind::Flipped(l) => format!("flipped-{}", l.get()),
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

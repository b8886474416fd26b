//! Small types that components pass to each other: cheap-to-compare shared data, the cells a
//! grid marks, and the events a grid reports. Not a component.

use std::ops::Deref;
use std::rc::Rc;

use crate::model::Coord;
use crate::state::{CellId, GridId};

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

/// The cells a grid marks, each list sorted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Under the window now (`data-window`).
    pub window: Rc<[Coord]>,
    /// The output being computed now (`data-current`).
    pub current: Option<Coord>,
    /// Linked to what the pointer or focus is on (`data-linked`).
    pub linked: Rc<[Coord]>,
    /// The selected cell whose fields are shown (`data-selected`).
    pub selected: Option<Coord>,
    /// In the selected cell's receptive field (`data-rf`).
    pub rf: Rc<[Coord]>,
    /// In the selected cell's projective field (`data-pf`).
    pub pf: Rc<[Coord]>,
}

impl Marks {
    /// Whether any cell is marked.
    pub fn is_empty(&self) -> bool {
        self.window.is_empty()
            && self.current.is_none()
            && self.linked.is_empty()
            && self.selected.is_none()
            && self.rf.is_empty()
            && self.pf.is_empty()
    }
}

/// What a grid draws, which decides its cells' `data-*` attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKind {
    /// Feature map L (`data-map`).
    Map(usize),
    /// Layer L's kernel as entered (`data-kernel`).
    Kernel(usize),
    /// Layer L's bias (`data-bias`).
    Bias(usize),
    /// Layer L's kernel as applied in convolution mode (`data-flipped`); read-only.
    Flipped(usize),
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

    /// A DOM id prefix unique to this grid.
    pub fn dom_id(self) -> String {
        match self {
            GridKind::Map(m) => format!("map-{m}"),
            GridKind::Kernel(l) => format!("kernel-{l}"),
            GridKind::Bias(l) => format!("bias-{l}"),
            GridKind::Flipped(l) => format!("flipped-{l}"),
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
}

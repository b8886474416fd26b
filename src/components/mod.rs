//! The Yew views, one component per file. Each is a pure function of `PartialEq` props; the
//! state changes only through the reducer in `crate::state`. Helpers shared by several views
//! (value colours and display text) live in [`cells`].

pub mod app;
pub mod cells;
pub mod feature_map;
pub mod kernel_grid;
pub mod layer_panel;

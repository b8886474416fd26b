//! The Yew views, one component per file. Each is a pure function of `PartialEq` props; the
//! state changes only through the reducer in `crate::state`. `cells` (value colours and text)
//! and `props` (shared prop types) are helpers, not components.

pub mod add_layer_bar;
pub mod app;
pub mod arithmetic;
pub mod cells;
pub mod grid_view;
pub mod help;
pub mod layer_panel;
pub mod number_field;
pub mod preset_bar;
pub mod props;
pub mod rf_plot;
pub mod rf_table;
pub mod scene_bar;
pub mod shape_formula;
pub mod step_controls;

//! The Yew views, one component per file. Each is a function of `PartialEq` props; the state
//! changes only through the reducer in `crate::state`. Three files are not components: `cells`
//! (value colours and text, icons, focus), `props` (shared prop types) and `hooks` (the
//! effects that reach outside the page).

pub mod add_layer_bar;
pub mod app;
pub mod arithmetic;
pub mod canvas_map;
pub mod cells;
pub mod code_panel;
pub mod grid_view;
pub mod help;
pub mod hooks;
pub mod language_picker;
pub mod layer_panel;
pub mod learn_panel;
pub mod legend;
pub mod lesson_panel;
pub mod map_view;
pub mod number_field;
pub mod picture_box;
pub mod preset_bar;
pub mod props;
pub mod rf_plot;
pub mod rf_table;
pub mod save_maps;
pub mod scene_bar;
pub mod shape_formula;
pub mod share;
pub mod step_controls;
pub mod zoom_controls;

//! The mathematics of convscope, with no user interface in it.
//!
//! Grids, convolution and pooling layers, output shapes, the arithmetic at every window
//! position and the forward pass of a stack. This module never imports yew, web-sys or js-sys:
//! it is tested natively with `cargo test`, and the browser code only calls it.

pub mod error;
pub mod grid;
pub mod layer;
pub mod receptive;
pub mod stack;
pub mod window;

pub use error::{Axis, GridError, ModelError, WindowKind};
pub use grid::{format_value, Grid};
pub use layer::{Conv, Geometry, Hw, Layer, Mode, Pool, PoolKind, Reduction, Tap, Term, Trace};
pub use receptive::{projective_field, receptive_field, rf_extent, rf_table, RfRow};
pub use stack::{forward_all, output_shapes, FeatureMaps, MAX_TOTAL_CELLS};
pub use window::{outputs_fed_by, position_of_step, signed, step_of_position, tap_reach, window_cells, Coord};

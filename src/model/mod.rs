//! The mathematics of convscope, with no user interface in it.
//!
//! Grids and maps of channels, convolution and pooling layers, output shapes, the arithmetic at every window
//! position and the forward pass of a stack. This module never imports yew, web-sys or js-sys:
//! it is tested natively with `cargo test`, and the browser code only calls it.

pub mod channels;
pub mod error;
pub mod grid;
pub mod layer;
pub mod learn;
pub mod picture;
pub mod receptive;
pub mod stack;
pub mod window;

pub use channels::Channels;
pub use error::{Axis, GridError, ModelError, Side, WindowKind};
pub use grid::{format_value, Grid};
pub use layer::{Conv, Dims, Geometry, Hw, Layer, Mode, Pool, PoolKind, Reduction, Slice, Tap, Term, Trace, Weighted};
pub use receptive::{
    projective_channels, projective_field, receptive_channels, receptive_field, rf_extent, rf_table, RfRow,
};
pub use stack::{forward_all, forward_rest, output_shapes, FeatureMaps, SharedMap, MAX_TOTAL_CELLS};
pub use window::{outputs_fed_by, position_of_step, signed, step_of_position, tap_reach, window_cells, Coord, Pos};

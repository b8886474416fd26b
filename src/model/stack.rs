//! A stack of layers and its forward pass: the input, then every layer's feature map.
//!
//! A layer that fails (its window does not fit, say) leaves the layers after it with an
//! [`ModelError::Upstream`] error naming it, so every map either has values or says why not.

use super::error::ModelError;
use super::grid::Grid;
use super::layer::{Hw, Layer};

/// The output of every layer of a stack, in order: element `i` is the map of layer `i + 1`.
pub type FeatureMaps = Vec<Result<Grid, ModelError>>;

/// Most cells all the maps of a stack may hold together (the input included). Padding can grow
/// every layer's output (a 1×1 kernel with padding 16 adds 32 rows and columns a layer), and a
/// page of millions of cells would freeze a student's phone; a layer past this bound says so.
pub const MAX_TOTAL_CELLS: usize = 40_000;

/// Runs `input` through `layers`, returning every layer's output (or why it has none).
pub fn forward_all(input: &Grid, layers: &[Layer]) -> FeatureMaps {
    let shapes = output_shapes(Hw::new(input.rows(), input.cols()), layers);
    let mut maps: FeatureMaps = Vec::with_capacity(layers.len());
    for (i, (layer, shape)) in layers.iter().zip(shapes).enumerate() {
        let previous = match i.checked_sub(1) {
            None => Ok(input),
            Some(j) => maps.get(j).map_or(Err(i), |m| m.as_ref().map_err(|_| i)),
        };
        let out = match (previous, shape) {
            (_, Err(e)) => Err(e),
            (Ok(x), Ok(_)) => layer.forward(x),
            (Err(failed), Ok(_)) => Err(ModelError::Upstream { layer: failed }),
        };
        maps.push(out);
    }
    maps
}

/// The shape of every layer's output (or why it has none), without computing any value.
pub fn output_shapes(input: Hw, layers: &[Layer]) -> Vec<Result<Hw, ModelError>> {
    let mut shapes: Vec<Result<Hw, ModelError>> = Vec::with_capacity(layers.len());
    let mut current = Ok(input);
    let mut total = input.h.saturating_mul(input.w);
    for (i, layer) in layers.iter().enumerate() {
        let next = match current {
            Ok(shape) => layer.output_shape(shape).and_then(|out| {
                total = total.saturating_add(out.h.saturating_mul(out.w));
                if total > MAX_TOTAL_CELLS {
                    Err(ModelError::TooManyCells { rows: out.h, cols: out.w, max: MAX_TOTAL_CELLS })
                } else {
                    Ok(out)
                }
            }),
            Err(_) => Err(ModelError::Upstream { layer: i }),
        };
        shapes.push(next.clone());
        current = next;
    }
    shapes
}

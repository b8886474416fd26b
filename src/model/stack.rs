//! A stack of layers and its forward pass: the input, then every layer's feature map.
//!
//! A layer that fails (its window does not fit, say) leaves the layers after it with an
//! [`ModelError::Upstream`] error naming it, so every map either has values or says why not.

use super::channels::Channels;
use super::error::ModelError;
use super::layer::{Dims, Layer};

/// The output of every layer of a stack, in order: element `i` is the map of layer `i + 1`.
pub type FeatureMaps = Vec<Result<Channels, ModelError>>;

/// Most cells all the maps of a stack may hold together, every channel counted (the input
/// included). Padding can grow every layer's output (a 1×1 kernel with padding 16 adds 32 rows
/// and columns a layer), and channels multiply it; a page of millions of cells would freeze a
/// student's phone, so a layer past this bound says so.
pub const MAX_TOTAL_CELLS: usize = 200_000;

/// Runs `input` through `layers`, returning every layer's output (or why it has none).
pub fn forward_all(input: &Channels, layers: &[Layer]) -> FeatureMaps {
    let shapes = output_shapes(Dims::of(input), layers);
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
pub fn output_shapes(input: Dims, layers: &[Layer]) -> Vec<Result<Dims, ModelError>> {
    let mut shapes: Vec<Result<Dims, ModelError>> = Vec::with_capacity(layers.len());
    let mut current = Ok(input);
    let mut total = input.cells();
    for (i, layer) in layers.iter().enumerate() {
        let next = match current {
            Ok(shape) => layer.output_dims(shape).and_then(|out| {
                total = total.saturating_add(out.cells());
                if total > MAX_TOTAL_CELLS {
                    Err(ModelError::TooManyCells {
                        channels: out.channels,
                        rows: out.hw.h,
                        cols: out.hw.w,
                        max: MAX_TOTAL_CELLS,
                    })
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

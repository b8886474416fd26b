//! A stack of layers and its forward pass: the input, then every layer's feature map.
//!
//! A layer that fails (its window does not fit, say) leaves the layers after it with an
//! [`ModelError::Upstream`] error naming it, so every map either has values or says why not.

use std::rc::Rc;

use super::channels::Channels;
use super::error::ModelError;
use super::layer::{Dims, Layer};

/// The output of every layer of a stack, in order: element `i` is the map of layer `i + 1`.
pub type FeatureMaps = Vec<Result<Channels, ModelError>>;

/// Most cells all the maps of a stack may hold together, every channel counted (the input
/// included): sized so that a 256 × 256 colour picture (3 channels) through four layers of
/// eight channels fits (2,293,760 cells). Padding can grow every layer's output and channels
/// multiply it; past this a recomputation would take seconds on a student's phone, so a layer
/// past this bound says so. (Maps over 32 a side are drawn on canvases, so the page's cells
/// stay few.)
pub const MAX_TOTAL_CELLS: usize = 2_500_000;

/// Runs `input` through `layers`, returning every layer's output (or why it has none).
pub fn forward_all(input: &Channels, layers: &[Layer]) -> FeatureMaps {
    forward_rest(input, layers, Vec::new()).into_iter().map(|m| m.map(Rc::unwrap_or_clone)).collect()
}

/// Like [`forward_all`], with the first `known.len()` outputs already known (what
/// `forward_all` gives for the same input and first layers): only the layers after them run.
/// An edit of layer L recomputes layers L and later, never the ones before.
pub fn forward_rest(input: &Channels, layers: &[Layer], known: Vec<SharedMap>) -> Vec<SharedMap> {
    let shapes = output_shapes(Dims::of(input), layers);
    let start = known.len().min(layers.len());
    let mut maps: Vec<SharedMap> = known;
    maps.truncate(start);
    maps.reserve(layers.len() - start);
    for (i, (layer, shape)) in layers.iter().zip(shapes).enumerate().skip(start) {
        let previous = match i.checked_sub(1) {
            None => Ok(input),
            Some(j) => maps.get(j).map_or(Err(i), |m| m.as_deref().map_err(|_| i)),
        };
        let out = match (previous, shape) {
            (_, Err(e)) => Err(e),
            (Ok(x), Ok(_)) => layer.forward(x).map(Rc::new),
            (Err(failed), Ok(_)) => Err(ModelError::Upstream { layer: failed }),
        };
        maps.push(out);
    }
    maps
}

/// A layer's output shared (so an unchanged map is handed on, not copied), or why it has none.
pub type SharedMap = Result<Rc<Channels>, ModelError>;

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

//! Learning a kernel by gradient descent, as d2l learns the edge detector [1, −1] from an input
//! X and a target Y alone: a learner convolution (its own kernel, bias and operation, the
//! layer's stride, padding, dilation and groups) is trained on the loss
//! L = Σ (Ŷ − Y)² over every output cell, one full-batch step an epoch:
//! K ← K − lr · ∂L/∂K, and b ← b − lr · ∂L/∂b when the bias is learned too.
//!
//! The gradient is read off the same taps the forward pass folds: output cell (o, r, c) adds
//! 2 (Ŷ − Y) × (the input value a tap met) to the weight that tap applied — in convolution mode
//! that is the weight the flip put there, so a learner with the other operation than the
//! layer's ends with the layer's kernel flipped (the seed's point: either operation learns to
//! compute the same outputs).
//!
//! Training stops when it diverges (the loss past [`MAX_LOSS`], or any number not finite), and
//! the caller keeps the last finite state.

use super::channels::Channels;
use super::error::Axis;
use super::error::ModelError;
use super::grid::Grid;
use super::layer::{Conv, Dims, Layer, Mode, Slice};

/// The loss past which training is said to diverge (a learning rate too large).
pub const MAX_LOSS: f64 = 1e150;

/// Why an epoch could not be taken.
#[derive(Clone, Debug, PartialEq)]
pub enum LearnError {
    /// The loss grew past [`MAX_LOSS`] or a number stopped being finite: the learning rate
    /// `lr` is too large for this input.
    Diverged {
        /// The learning rate used.
        lr: f64,
    },
    /// The learner cannot compute on this input (its channels, or a shape).
    Model(ModelError),
    /// The target's shape is not the learner's output's.
    TargetShape {
        /// The learner's output.
        expected: Dims,
        /// The target's.
        found: Dims,
    },
}

impl From<ModelError> for LearnError {
    fn from(e: ModelError) -> Self {
        LearnError::Model(e)
    }
}

/// ∂L/∂K for every slice of the learner's kernel as entered (so the update applies to what a
/// student sees), and ∂L/∂b for every output channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradient {
    /// One grid per slice, output channel after output channel (`Conv::slices` order).
    pub kernel: Vec<Grid>,
    /// One number per output channel.
    pub bias: Vec<f64>,
}

/// Ŷ of the learner on `input`, checked against the target's shape; a forward pass that
/// overflows is divergence.
fn prediction(learner: &Conv, input: &Channels, target: &Channels, lr: f64) -> Result<Channels, LearnError> {
    let out = Layer::Conv(learner.clone()).forward(input).map_err(|e| match e {
        ModelError::Grid(_) | ModelError::ResultOverflow => LearnError::Diverged { lr },
        e => LearnError::Model(e),
    })?;
    let (expected, found) = (Dims::of(&out), Dims::of(target));
    if expected != found {
        return Err(LearnError::TargetShape { expected, found });
    }
    Ok(out)
}

/// L = Σ (Ŷ − Y)² of the learner on `input` against `target`.
pub fn loss(learner: &Conv, input: &Channels, target: &Channels) -> Result<f64, LearnError> {
    let predicted = prediction(learner, input, target, 0.0)?;
    Ok(squared_error(&predicted, target))
}

/// Σ (Ŷ − Y)² of a prediction against a target of its shape: the loss of a prediction already
/// computed (the learning panel keeps Ŷ to show it).
pub fn squared_error(predicted: &Channels, target: &Channels) -> f64 {
    predicted.values().zip(target.values()).map(|(p, y)| (p - y) * (p - y)).sum()
}

/// The loss and its gradient with respect to every weight (as entered) and bias (`lr` names
/// the learning rate in a divergence).
pub fn gradient(learner: &Conv, input: &Channels, target: &Channels, lr: f64) -> Result<(f64, Gradient), LearnError> {
    let predicted = prediction(learner, input, target, lr)?;
    gradient_from(learner, input, target, &predicted, lr)
}

/// [`gradient`], given the learner's prediction Ŷ on `input` (of the target's shape).
///
/// ∂L/∂w for the weight applied at tap (a, b) of slice (o, j) is Σ 2 (Ŷ − Y) · x over the output
/// cells of channel o, x the value of input channel j that tap meets there (0 in padding): the
/// same taps the forward pass folds, found the same way, once a layer, as offsets per axis.
fn gradient_from(
    learner: &Conv,
    input: &Channels,
    target: &Channels,
    predicted: &Channels,
    lr: f64,
) -> Result<(f64, Gradient), LearnError> {
    let g = learner.geometry();
    let (kh, kw) = (g.window().h, g.window().w);
    let shape = Dims::of(predicted).hw;
    let (h, w) = (input.rows(), input.cols());
    let rows = g.offsets(Axis::Rows, shape.h, h, w);
    let cols = g.offsets(Axis::Cols, shape.w, w, 1);
    // For each tap column b: the output columns where it meets the input (a run, since the
    // input column grows with the output column) and the first input column met.
    let stride = g.stride().w.max(1);
    let reach: Vec<(std::ops::Range<usize>, usize)> = (0..kw)
        .map(|b| {
            let met = |c: &usize| cols.get(c * kw + b).copied().flatten();
            let start = (0..shape.w).find(|c| met(c).is_some()).unwrap_or(0);
            let end = (start..shape.w).find(|c| met(c).is_none()).unwrap_or(shape.w);
            (start..end, met(&start).unwrap_or(0))
        })
        .collect();
    let mut kernel = vec![vec![0.0; kh * kw]; learner.slices().count()];
    let mut bias = vec![0.0; learner.out_channels()];
    let mut total = 0.0;
    for (o, (p_plane, y_plane)) in predicted.planes().iter().zip(target.planes()).enumerate() {
        // 2 (Ŷ − Y), cell by cell, and the loss.
        let e: Vec<f64> = p_plane.values().iter().zip(y_plane.values()).map(|(p, y)| 2.0 * (p - y)).collect();
        total += e.iter().map(|d| d * d / 4.0).sum::<f64>();
        if let Some(b) = bias.get_mut(o) {
            *b += e.iter().sum::<f64>();
        }
        for (j, inp) in learner.reads(o).enumerate() {
            let (Some(x), Some(grad)) = (input.channel(inp), kernel.get_mut(o * learner.per_group() + j)) else {
                continue;
            };
            let x = x.values();
            // By applied tap; the weight it applied is at its entered position.
            let mut applied = vec![0.0; kh * kw];
            for (r, e_row) in e.chunks(shape.w.max(1)).enumerate() {
                for (a, &xr) in rows.get(r * kh..(r + 1) * kh).unwrap_or_default().iter().enumerate() {
                    let Some(xr) = xr else { continue };
                    for (b, (met, first)) in reach.iter().enumerate() {
                        // The output columns whose tap b is in the input, left to right, and
                        // the input values they meet, `stride` apart.
                        let errors = e_row.get(met.clone()).unwrap_or_default();
                        let values = x.get(xr + first..).unwrap_or_default().iter().step_by(stride);
                        let sum: f64 = errors.iter().zip(values).map(|(d, v)| d * v).sum();
                        if let Some(slot) = applied.get_mut(a * kw + b) {
                            *slot += sum;
                        }
                    }
                }
            }
            for (i, v) in applied.into_iter().enumerate() {
                let (a, b) = learner.entered_position(i / kw.max(1), i % kw.max(1));
                if let Some(slot) = grad.get_mut(a * kw + b) {
                    *slot += v;
                }
            }
        }
    }
    let kernel = kernel
        .into_iter()
        .map(|values| {
            let mut it = values.into_iter();
            Grid::from_fn(kh, kw, |_, _| it.next().unwrap_or(0.0))
        })
        .collect::<Result<Vec<Grid>, _>>()
        .map_err(|_| LearnError::Diverged { lr })?;
    if !total.is_finite() || bias.iter().any(|b| !b.is_finite()) {
        return Err(LearnError::Diverged { lr });
    }
    Ok((total, Gradient { kernel, bias }))
}

/// One epoch: the learner after a step of gradient descent at rate `lr` (the bias moves only
/// when `learn_bias`), with the loss it had before the step. Diverging is an error, so the
/// caller keeps the last finite learner.
pub fn epoch(
    learner: &Conv,
    input: &Channels,
    target: &Channels,
    lr: f64,
    learn_bias: bool,
) -> Result<(Conv, f64), LearnError> {
    let predicted = prediction(learner, input, target, lr)?;
    epoch_from(learner, input, target, &predicted, lr, learn_bias)
}

/// [`epoch`], given the learner's prediction Ŷ on `input` (which a caller showing Ŷ already
/// has): one forward pass an epoch instead of two.
pub fn epoch_from(
    learner: &Conv,
    input: &Channels,
    target: &Channels,
    predicted: &Channels,
    lr: f64,
    learn_bias: bool,
) -> Result<(Conv, f64), LearnError> {
    let (expected, found) = (Dims::of(predicted), Dims::of(target));
    if expected != found {
        return Err(LearnError::TargetShape { expected, found });
    }
    let (before, grad) = gradient_from(learner, input, target, predicted, lr)?;
    if before > MAX_LOSS {
        return Err(LearnError::Diverged { lr });
    }
    let slices = learner
        .slices()
        .zip(&grad.kernel)
        .map(|((_, k), g)| {
            Grid::from_fn(k.rows(), k.cols(), |r, c| k.get(r, c).unwrap_or(0.0) - lr * g.get(r, c).unwrap_or(0.0))
        })
        .collect::<Result<Vec<Grid>, _>>()
        .map_err(|_| LearnError::Diverged { lr })?;
    let bias: Vec<f64> = if learn_bias {
        learner.bias().iter().zip(&grad.bias).map(|(b, g)| b - lr * g).collect()
    } else {
        learner.bias().to_vec()
    };
    if bias.iter().any(|b| !b.is_finite()) {
        return Err(LearnError::Diverged { lr });
    }
    Ok((shaped_like(learner, slices, bias, learner.mode())?, before))
}

/// A convolution with `like`'s groups and geometry, the weight `slices` (in `Conv::slices`
/// order), `bias` and operation `mode`.
fn shaped_like(like: &Conv, slices: Vec<Grid>, bias: Vec<f64>, mode: Mode) -> Result<Conv, ModelError> {
    let rows = slices.chunks(like.per_group().max(1)).map(<[Grid]>::to_vec).collect();
    let g = like.geometry();
    Conv::with_channels(rows, bias, like.groups(), g.stride(), g.padding(), g.dilation(), mode)
}

/// The learner a layer starts from: its shape, groups and geometry with every weight `init`
/// gives (zeros by default) and a zero bias, computing with operation `mode`.
pub fn learner_like(
    layer: &Conv,
    mode: Mode,
    mut init: impl FnMut(Slice, usize, usize) -> f64,
) -> Result<Conv, ModelError> {
    let window = layer.window();
    let slices = layer
        .slices()
        .map(|(s, _)| Grid::from_fn(window.h, window.w, |r, c| init(s, r, c)))
        .collect::<Result<Vec<Grid>, _>>()?;
    shaped_like(layer, slices, vec![0.0; layer.out_channels()], mode)
}

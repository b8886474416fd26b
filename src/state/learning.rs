//! A learning demo in progress (#14): the learner after the epochs trained so far, the loss
//! after each, and the input X and target Y it learns from. It is a view of the scene, never
//! part of it: training is not an undo step, and every change of the scene (its setup, the
//! layer, the input) starts learning again from the setup's initial kernel, at epoch 0.
//!
//! The arithmetic is `model::learn`'s; this part keeps the last finite learner when an epoch
//! diverges and says why.

use std::rc::Rc;

use super::scene::{Learn, Scene};
use crate::model::learn::{epoch_from, learner_like, squared_error, LearnError, MAX_LOSS};
use crate::model::{forward_rest, Channels, Conv, Layer, Mode, ModelError};

/// The maps a learner learns from and what it makes of them, shared (compared by identity).
#[derive(Clone, Debug)]
pub struct Maps {
    /// X: the map the layer reads.
    pub input: Rc<Channels>,
    /// Y: the layer's output, which the learner is to reproduce.
    pub target: Rc<Channels>,
    /// Ŷ: the learner's output now.
    pub prediction: Rc<Channels>,
}

impl PartialEq for Maps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.input, &other.input)
            && Rc::ptr_eq(&self.target, &other.target)
            && Rc::ptr_eq(&self.prediction, &other.prediction)
    }
}

impl Maps {
    /// Ŷ − Y, cell by cell.
    pub fn error(&self) -> Option<Channels> {
        let planes = self
            .prediction
            .planes()
            .iter()
            .zip(self.target.planes())
            .map(|(p, y)| {
                crate::model::Grid::from_fn(p.rows(), p.cols(), |r, c| {
                    p.get(r, c).unwrap_or(0.0) - y.get(r, c).unwrap_or(0.0)
                })
                .ok()
            })
            .collect::<Option<Vec<_>>>()?;
        Channels::new(planes).ok()
    }
}

/// The learning demo's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Learning {
    /// Epochs trained since the start.
    pub epoch: usize,
    /// The learner now (`None` when there is no setup, or it cannot compute).
    pub learner: Option<Rc<Conv>>,
    /// The learner's operation.
    pub mode: Option<Mode>,
    /// The loss of the learner at every epoch so far, from epoch 0: the last is the loss of
    /// the learner shown.
    pub losses: Vec<f64>,
    /// X, Y and Ŷ.
    pub maps: Option<Maps>,
    /// Why training stopped or cannot start.
    pub problem: Option<LearnError>,
    /// Whether epochs follow each other by themselves.
    pub playing: bool,
    /// Whether the kernel to discover is shown.
    pub revealed: bool,
    /// Whether the loss curve has a logarithmic scale.
    pub log_scale: bool,
    /// Refused text typed as the learning rate, with why.
    pub rate_text: Option<(String, super::EditError)>,
}

impl Learning {
    /// The loss of the learner shown.
    pub fn loss(&self) -> Option<f64> {
        self.losses.last().copied()
    }

    /// Back to epoch 0 of the scene's setup (nothing when it has none); the view choices
    /// (reveal, log scale) stay.
    pub fn restart(&mut self, scene: &Scene) {
        *self = Learning { revealed: self.revealed, log_scale: self.log_scale, ..Learning::default() };
        let Some(setup) = &scene.learn else { return };
        match start(scene, setup) {
            Ok((learner, maps, loss)) => {
                self.mode = Some(learner.mode());
                self.learner = Some(Rc::new(learner));
                self.maps = Some(maps);
                self.losses = vec![loss];
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// One epoch of gradient descent at the setup's rate. A divergence (the next loss past
    /// [`MAX_LOSS`] or not finite) keeps the learner as it was, stops playing and says so.
    pub fn train(&mut self, setup: &Learn) {
        let (Some(learner), Some(maps)) = (&self.learner, &self.maps) else { return };
        if self.problem.is_some() {
            self.playing = false;
            return;
        }
        let stepped = epoch_from(learner, &maps.input, &maps.target, &maps.prediction, setup.lr, setup.learn_bias)
            .and_then(|(next, _)| {
                let prediction = Layer::Conv(next.clone())
                    .forward(&maps.input)
                    .map_err(|_| LearnError::Diverged { lr: setup.lr })?;
                let loss = squared_error(&prediction, &maps.target);
                if !loss.is_finite() || loss > MAX_LOSS {
                    return Err(LearnError::Diverged { lr: setup.lr });
                }
                Ok((next, prediction, loss))
            });
        match stepped {
            Ok((next, prediction, loss)) => {
                self.learner = Some(Rc::new(next));
                self.maps = Some(Maps { prediction: Rc::new(prediction), ..maps.clone() });
                self.losses.push(loss);
                self.epoch += 1;
            }
            Err(e) => {
                self.problem = Some(e);
                self.playing = false;
            }
        }
    }
}

/// The learner at epoch 0 of `setup`, X, Y, Ŷ and the loss.
fn start(scene: &Scene, setup: &Learn) -> Result<(Conv, Maps, f64), LearnError> {
    let at = setup.layer.index();
    let layers = scene.layers.get(..=at).ok_or(upstream(at))?;
    let conv = scene.conv(setup.layer).ok_or(upstream(at))?;
    let maps = forward_rest(&scene.input, layers, Vec::new());
    let input = match at.checked_sub(1) {
        None => Rc::clone(&scene.input),
        Some(i) => maps.get(i).cloned().ok_or(upstream(i))??,
    };
    let target = maps.last().cloned().ok_or(upstream(at))??;
    let learner = learner_like(conv, setup.mode_on(conv), |s, r, c| {
        conv.slice_index(s).and_then(|i| setup.init.get(i)).and_then(|g| g.get(r, c)).unwrap_or(0.0)
    })?;
    let prediction = Rc::new(Layer::Conv(learner.clone()).forward(&input)?);
    let loss = squared_error(&prediction, &target);
    Ok((learner, Maps { input, target, prediction }, loss))
}

fn upstream(layer: usize) -> LearnError {
    LearnError::Model(ModelError::Upstream { layer })
}

/// The loss curve: an SVG path through one point an epoch in a `width` × `height` box (y down,
/// whole units),
/// on a linear scale from 0 or, with `log`, on a logarithmic one (a loss of 0 drawn at the
/// smallest positive loss seen); and the scale's bottom and top values.
pub fn loss_path(losses: &[f64], log: bool, width: f64, height: f64) -> (String, (f64, f64)) {
    let finite = || losses.iter().copied().filter(|l| l.is_finite());
    let top = finite().fold(0.0_f64, f64::max);
    let floor = finite().filter(|l| *l > 0.0).fold(f64::INFINITY, f64::min);
    let (bottom, scale): (f64, Box<dyn Fn(f64) -> f64>) = if log && floor.is_finite() {
        let (lo, hi) = (floor.log10(), top.log10());
        let span = (hi - lo).max(1e-9);
        (floor, Box::new(move |l: f64| (l.max(floor).log10() - lo) / span))
    } else {
        let span = if top > 0.0 { top } else { 1.0 };
        (0.0, Box::new(move |l: f64| l / span))
    };
    let last = losses.len().saturating_sub(1).max(1) as f64;
    // Whole units: the box is a few hundred wide, so a unit is below a pixel.
    let path = losses
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_finite())
        .map(|(i, &l)| {
            let x = (i as f64 / last * width).round() as i64;
            let y = (height - scale(l).clamp(0.0, 1.0) * height).round() as i64;
            format!("{}{x},{y}", if i == 0 { "M" } else { "L" })
        })
        .collect::<Vec<_>>()
        .join("");
    (path, (bottom, top))
}

/// A loss as the status says it aloud: rounded to four significant digits ("0.001595", "12",
/// "1235000"), where `data-loss` keeps every digit. (Written by `format_value` after rounding,
/// so no other float formatting is linked in.)
pub fn loss_words(loss: f64) -> String {
    if loss == 0.0 || !loss.is_finite() {
        return crate::model::format_value(loss);
    }
    let shift = 3 - loss.abs().log10().floor() as i32;
    // Dividing by (or multiplying by) an exact power of ten gives the double nearest the
    // rounded decimal, whose shortest text is the rounded digits.
    let rounded = if shift >= 0 {
        let p = 10f64.powi(shift);
        (loss * p).round() / p
    } else {
        let p = 10f64.powi(-shift);
        (loss / p).round() * p
    };
    crate::model::format_value(rounded)
}

//! Learning a kernel (#14): the gradient against finite differences on random layers, d2l's
//! edge detector learned from zeros with either operation, and divergence.

use convscope::model::learn::{epoch, gradient, learner_like, loss, LearnError, MAX_LOSS};
use convscope::model::{Channels, Conv, Grid, Hw, Layer, Mode};

fn grid(rows: usize, cols: usize, f: impl FnMut(usize, usize) -> f64) -> Grid {
    Grid::from_fn(rows, cols, f).unwrap()
}

/// A random layer: 1–3 input channels, groups dividing both sides, a 1–3 × 1–3 kernel, stride
/// and dilation 1–2, padding 0–2, either operation, random weights and biases.
fn random_layer(rng: &mut fastrand::Rng) -> (Conv, Channels) {
    loop {
        let groups = rng.usize(1..=2);
        let per_group = rng.usize(1..=2);
        let out = groups * rng.usize(1..=2);
        let (kh, kw) = (rng.usize(1..=3), rng.usize(1..=3));
        let kernel: Vec<Vec<Grid>> =
            (0..out).map(|_| (0..per_group).map(|_| grid(kh, kw, |_, _| rng.f64() * 2.0 - 1.0)).collect()).collect();
        let bias = (0..out).map(|_| rng.f64() - 0.5).collect();
        let mode = if rng.bool() { Mode::Convolution } else { Mode::CrossCorrelation };
        let (stride, padding, dilation) = (
            Hw::new(rng.usize(1..=2), rng.usize(1..=2)),
            Hw::new(rng.usize(0..=2), rng.usize(0..=2)),
            Hw::new(rng.usize(1..=2), rng.usize(1..=2)),
        );
        let Ok(conv) = Conv::with_channels(kernel, bias, groups, stride, padding, dilation, mode) else { continue };
        let (h, w) = (rng.usize(3..=7), rng.usize(3..=7));
        let input =
            Channels::new((0..groups * per_group).map(|_| grid(h, w, |_, _| rng.f64() * 2.0 - 1.0)).collect()).unwrap();
        if Layer::Conv(conv.clone()).forward(&input).is_ok() {
            return (conv, input);
        }
    }
}

#[test]
fn the_gradient_equals_finite_differences_on_random_layers() {
    let mut rng = fastrand::Rng::with_seed(14);
    let mut checked = 0;
    for case in 0..200 {
        let (layer, input) = random_layer(&mut rng);
        let target = Layer::Conv(layer.clone()).forward(&input).unwrap();
        // A learner of the layer's shape, from random weights and biases, in either operation.
        let mode = if rng.bool() { Mode::Convolution } else { Mode::CrossCorrelation };
        let learner = learner_like(&layer, mode, |_, _, _| rng.f64() - 0.5).unwrap();
        let learner = learner.with_biases((0..layer.out_channels()).map(|_| rng.f64() - 0.5).collect()).unwrap();
        let (l0, grad) = gradient(&learner, &input, &target, 0.1).unwrap();
        assert!(
            (l0 - loss(&learner, &input, &target).unwrap()).abs() <= 1e-12 * l0.max(1.0),
            "case {case}: the same loss"
        );
        let h = 1e-6;
        let rows = learner.kernel_rows();
        for (i, (s, k)) in learner.slices().enumerate() {
            for r in 0..k.rows() {
                for c in 0..k.cols() {
                    let nudged = |d: f64| {
                        let w = k.get(r, c).unwrap() + d;
                        let moved =
                            grid(k.rows(), k.cols(), |a, b| if (a, b) == (r, c) { w } else { k.get(a, b).unwrap() });
                        loss(&learner.with_slice(s, moved).unwrap(), &input, &target).unwrap()
                    };
                    let numeric = (nudged(h) - nudged(-h)) / (2.0 * h);
                    let analytic = grad.kernel[i].get(r, c).unwrap();
                    assert!(
                        (numeric - analytic).abs() <= 1e-5 * (1.0 + analytic.abs()),
                        "case {case}, slice {s:?}, weight ({r}, {c}): {analytic} vs {numeric} ({mode:?}, {:?})",
                        learner.geometry()
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(rows.len(), learner.out_channels());
        for o in 0..learner.out_channels() {
            let nudged = |d: f64| {
                let mut bias = learner.bias().to_vec();
                bias[o] += d;
                loss(&learner.with_biases(bias).unwrap(), &input, &target).unwrap()
            };
            let numeric = (nudged(h) - nudged(-h)) / (2.0 * h);
            assert!((numeric - grad.bias[o]).abs() <= 1e-5 * (1.0 + grad.bias[o].abs()), "case {case}, bias {o}");
        }
    }
    assert!(checked > 1000, "{checked} weights checked");
}

/// d2l's input: 6 × 8 of ones with a band of zeros in columns 2–5.
fn band() -> Channels {
    Channels::new(vec![grid(6, 8, |_, c| if (2..6).contains(&c) { 0.0 } else { 1.0 })]).unwrap()
}

/// Trains a learner from zeros with operation `mode` for `epochs` at lr 0.03 on the edge
/// detector's X and Y; its kernel and the losses seen.
fn learn_edge(mode: Mode, epochs: usize) -> (Vec<f64>, Vec<f64>) {
    let layer = Conv::simple(grid(1, 2, |_, c| if c == 0 { 1.0 } else { -1.0 }), 0.0).unwrap();
    let x = band();
    let y = Layer::Conv(layer.clone()).forward(&x).unwrap();
    let mut learner = learner_like(&layer, mode, |_, _, _| 0.0).unwrap();
    let mut losses = Vec::new();
    for _ in 0..epochs {
        let (next, before) = epoch(&learner, &x, &y, 0.03, false).unwrap();
        losses.push(before);
        learner = next;
    }
    losses.push(loss(&learner, &x, &y).unwrap());
    let kernel = learner.slices().next().unwrap().1.values().to_vec();
    (kernel, losses)
}

#[test]
fn d2l_s_edge_detector_is_learned_from_zeros_in_ten_epochs() {
    let (k, losses) = learn_edge(Mode::CrossCorrelation, 10);
    println!("cross-correlation learner after 10 epochs: {k:?}; losses {losses:?}");
    assert!((k[0] - 1.0).abs() <= 0.05 && (k[1] + 1.0).abs() <= 0.05, "{k:?}");
    assert!(losses.windows(2).all(|w| w[1] <= w[0]), "the loss falls: {losses:?}");
    // With convolution, the learner ends with the kernel flipped: [−1, 1].
    let (k, losses) = learn_edge(Mode::Convolution, 10);
    println!("convolution learner after 10 epochs: {k:?}; losses {losses:?}");
    assert!((k[0] + 1.0).abs() <= 0.05 && (k[1] - 1.0).abs() <= 0.05, "{k:?}");
}

#[test]
fn a_learning_rate_too_large_is_caught_and_the_last_learner_kept() {
    let layer = Conv::simple(grid(1, 2, |_, c| if c == 0 { 1.0 } else { -1.0 }), 0.0).unwrap();
    let (x, lr) = (band(), 10.0);
    let y = Layer::Conv(layer.clone()).forward(&x).unwrap();
    let mut learner = learner_like(&layer, Mode::CrossCorrelation, |_, _, _| 0.0).unwrap();
    let mut epochs = 0;
    let error = loop {
        match epoch(&learner, &x, &y, lr, true) {
            Ok((next, _)) => learner = next,
            Err(e) => break e,
        }
        epochs += 1;
        assert!(epochs < 1000, "lr 10 must diverge");
    };
    assert_eq!(error, LearnError::Diverged { lr });
    // The learner kept is the last one with finite numbers, and its loss is the last seen.
    let last = loss(&learner, &x, &y).unwrap();
    assert!(last.is_finite() && last <= MAX_LOSS * 1e10, "{last}");
    assert!(learner.slices().all(|(_, g)| g.values().iter().all(|v| v.is_finite())));
    println!("lr 10 diverged after {epochs} epochs");
}

#[test]
fn a_target_of_another_shape_is_refused() {
    let layer = Conv::simple(grid(1, 2, |_, _| 1.0), 0.0).unwrap();
    let learner = learner_like(&layer, Mode::CrossCorrelation, |_, _, _| 0.0).unwrap();
    let y = band();
    assert!(matches!(epoch(&learner, &band(), &y, 0.03, false), Err(LearnError::TargetShape { .. })));
}

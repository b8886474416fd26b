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

// ---------------------------------------------------------------------------------------------
// The learning setup in the scene format, and learning in the state.

use convscope::state::edit::EditError;
use convscope::state::scene::{Place, Problem};
use convscope::state::{Action, AppState, CellId, GridId, LayerId, Preset, Scene, SceneError};

fn open(json: &str) -> Result<Scene, SceneError> {
    Scene::from_json(json)
}

const EDGE: &str = r#"{"input": [[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1]],
  "layers": [{"type": "conv", "kernel": [[1, -1]]}]"#;

fn with_learn(learn: &str) -> String {
    format!("{EDGE}, \"learn\": {learn}}}")
}

fn learn_problem(json: &str) -> Problem {
    match open(json) {
        Err(SceneError::Invalid { at: Place::Learn, problem }) => problem,
        other => panic!("expected a problem with learn, got {other:?}"),
    }
}

#[test]
fn a_learning_setup_is_read_with_its_defaults_and_written_back() {
    let scene = open(&with_learn(r#"{"layer": 1}"#)).unwrap();
    let learn = scene.learn.clone().unwrap();
    assert_eq!((learn.layer, learn.lr, learn.learn_bias, learn.mode), (LayerId::FIRST, 0.03, false, None));
    assert_eq!(learn.init.len(), 1);
    assert_eq!(learn.init[0].values(), &[0.0, 0.0]);
    // Written: every field but an unset mode; read back the same.
    let json = scene.to_json();
    assert!(json.contains(r#""learn":{"layer":1,"lr":0.03,"init":[[0.0,0.0]],"learn_bias":false}"#), "{json}");
    assert_eq!(open(&json).unwrap(), scene);
    let full = open(&with_learn(
        r#"{"layer": 1, "lr": 0.125, "init": [[0.5, -0.25]], "learn_bias": true, "mode": "convolution"}"#,
    ))
    .unwrap();
    let learn = full.learn.clone().unwrap();
    assert_eq!((learn.lr, learn.learn_bias, learn.mode), (0.125, true, Some(Mode::Convolution)));
    assert_eq!(learn.init[0].values(), &[0.5, -0.25]);
    assert_eq!(open(&full.to_json()).unwrap(), full);
    assert!(full.to_fragment().len() > 10);
    assert_eq!(Scene::from_fragment(&full.to_fragment()).unwrap().unwrap(), full);
    // A scene without the block has none, and writes none (older links mean the same).
    let plain = open(&format!("{EDGE}}}")).unwrap();
    assert_eq!(plain.learn, None);
    assert!(!plain.to_json().contains("learn"));
}

#[test]
fn a_wrong_learning_setup_says_what_is_wrong() {
    assert_eq!(learn_problem(&with_learn("[1]")), Problem::NotObject);
    assert_eq!(learn_problem(&with_learn("{}")), Problem::LearnLayer);
    assert_eq!(learn_problem(&with_learn(r#"{"layer": 2}"#)), Problem::LearnLayer);
    assert_eq!(learn_problem(&with_learn(r#"{"layer": 0}"#)), Problem::LearnLayer);
    for lr in ["0", "-1", "\"fast\"", "1e7"] {
        assert_eq!(learn_problem(&with_learn(&format!(r#"{{"layer": 1, "lr": {lr}}}"#))), Problem::BadRate, "{lr}");
    }
    assert_eq!(
        learn_problem(&with_learn(r#"{"layer": 1, "init": [[1, 2, 3]]}"#)),
        Problem::InitShape { slices: 1, rows: 1, cols: 2 }
    );
    assert_eq!(learn_problem(&with_learn(r#"{"layer": 1, "init": "zeros"}"#)), Problem::NotRows);
    assert_eq!(learn_problem(&with_learn(r#"{"layer": 1, "learn_bias": "yes"}"#)), Problem::NotBool);
    assert_eq!(learn_problem(&with_learn(r#"{"layer": 1, "mode": "flip"}"#)), Problem::BadMode);
    // A pooling layer has no kernel to learn.
    let pool = r#"{"input": [[1,2],[3,4]], "layers": [{"type": "max-pool", "size": [2, 2]}], "learn": {"layer": 1}}"#;
    assert_eq!(learn_problem(pool), Problem::LearnLayer);
    // Every problem is said in every language, naming the setup.
    for t in [&convscope::i18n::EN, &convscope::i18n::ZH_HANT, &convscope::i18n::ZH_HANS] {
        let e = open(&with_learn(r#"{"layer": 1, "lr": 0}"#)).unwrap_err();
        assert!((t.scene_error)(&e).len() > 20);
    }
}

fn edge_state() -> AppState {
    AppState::start("", None).apply(Action::Preset(Preset::LearnEdge))
}

fn learned(state: &AppState) -> Vec<f64> {
    state.learning.learner.as_ref().unwrap().slices().next().unwrap().1.values().to_vec()
}

#[test]
fn the_preset_learns_the_edge_detector_and_training_is_not_an_undo_step() {
    let state = edge_state();
    let l = &state.learning;
    assert_eq!((l.epoch, l.loss()), (0, Some(12.0)), "from zeros, Y has twelve ±1 cells");
    assert_eq!(learned(&state), vec![0.0, 0.0]);
    let undo_before = state.history.undo_len();
    let mut trained = state.clone();
    for _ in 0..10 {
        trained = trained.apply(Action::TrainEpoch);
    }
    let k = learned(&trained);
    assert_eq!(trained.learning.epoch, 10);
    assert!((k[0] - 1.0).abs() <= 0.05 && (k[1] + 1.0).abs() <= 0.05, "{k:?}");
    assert!(trained.learning.loss().unwrap() < 0.01);
    assert_eq!(trained.learning.losses.len(), 11);
    // Training changed no scene and recorded nothing to undo.
    assert!(std::rc::Rc::ptr_eq(&trained.scene, &state.scene));
    assert_eq!(trained.history.undo_len(), undo_before);
    // Ŷ and the error map follow the learner.
    let maps = trained.learning.maps.clone().unwrap();
    let error = maps.error().unwrap();
    assert!(error.values().all(|e| e.abs() < 0.05));
    // Reset goes back to epoch 0.
    let reset = trained.apply(Action::ResetLearning);
    assert_eq!((reset.learning.epoch, reset.learning.loss()), (0, Some(12.0)));
    // Playing trains on ticks, and a pause stops it.
    let playing = state.apply(Action::ToggleTrain);
    assert!(playing.learning.playing);
    let ticked = playing.apply(Action::TrainTick).apply(Action::TrainTick);
    assert_eq!(ticked.learning.epoch, 2);
    assert!(!ticked.apply(Action::ToggleTrain).apply(Action::TrainTick).learning.playing);
    assert_eq!(ticked.apply(Action::ToggleTrain).apply(Action::TrainTick).learning.epoch, 2);
}

#[test]
fn the_learner_s_operation_and_setup_are_edits_of_the_scene() {
    let state = edge_state();
    let conv = state.apply(Action::SetLearnMode(Mode::Convolution));
    assert_eq!(conv.history.undo_len(), state.history.undo_len() + 1, "an undo step");
    let mut trained = conv;
    for _ in 0..10 {
        trained = trained.apply(Action::TrainEpoch);
    }
    let k = learned(&trained);
    assert!((k[0] + 1.0).abs() <= 0.05 && (k[1] - 1.0).abs() <= 0.05, "flipped: {k:?}");
    // Any change of the scene starts learning again.
    let undone = trained.apply(Action::Undo);
    assert_eq!(undone.learning.epoch, 0);
    assert_eq!(undone.scene.learn.as_ref().unwrap().mode, None);
    // The initial kernel: typed, zeros, random from a seed (the same seed, the same values).
    let init = CellId { grid: GridId::Init(convscope::model::Slice::default()), row: 0, col: 1 };
    let typed = state
        .apply(Action::BeginEdit { cell: init, text: Some("0.5".into()) })
        .apply(Action::CommitEdit { rows: 0, cols: 0 });
    assert_eq!(typed.scene.learn.as_ref().unwrap().init[0].values(), &[0.0, 0.5]);
    assert_eq!(learned(&typed), vec![0.0, 0.5], "epoch 0 shows the initial kernel");
    let random = typed.apply(Action::FillInit(Some(())));
    let again = typed.apply(Action::FillInit(Some(())));
    let values = random.scene.learn.as_ref().unwrap().init[0].values().to_vec();
    assert_eq!(values, again.scene.learn.as_ref().unwrap().init[0].values());
    assert!(values.iter().all(|v| (-1.0..=1.0).contains(v) && (v * 100.0).fract() == 0.0), "{values:?}");
    assert_ne!(random.chrome.seed, typed.chrome.seed, "the next Random draws anew");
    let zeros = random.apply(Action::FillInit(None));
    assert_eq!(zeros.scene.learn.as_ref().unwrap().init[0].values(), &[0.0, 0.0]);
    // The learning rate: applied when it is one, else refused with why and the rate kept.
    let fast = state.apply(Action::SetRate("0.1".into()));
    assert_eq!(fast.scene.learn.as_ref().unwrap().lr, 0.1);
    for (text, bad) in [("0", true), ("-3", true), ("fast", false)] {
        let refused = fast.apply(Action::SetRate(text.into()));
        assert_eq!(refused.scene.learn.as_ref().unwrap().lr, 0.1, "{text}");
        let (shown, error) = refused.learning.rate_text.clone().unwrap();
        assert_eq!(shown, text);
        assert_eq!(matches!(error, EditError::BadRate { .. }), bad, "{error:?}");
    }
    // The bias learned too (on d2l's 3 × 3 example: on the band, Y's +1s and −1s cancel in
    // ∂L/∂b at zeros).
    let bias = AppState::start("", None).apply(Action::Learn(LayerId::FIRST)).apply(Action::SetLearnBias(true));
    assert!(bias.scene.learn.as_ref().unwrap().learn_bias);
    let bias = bias.apply(Action::TrainEpoch);
    assert_ne!(bias.learning.learner.as_ref().unwrap().bias()[0], 0.0);
}

#[test]
fn a_rate_of_ten_diverges_keeps_the_last_finite_learner_and_offers_a_lower_rate() {
    let mut state = edge_state().apply(Action::SetRate("10".into())).apply(Action::ToggleTrain);
    let mut ticks = 0;
    while state.learning.problem.is_none() {
        state = state.apply(Action::TrainTick);
        ticks += 1;
        assert!(ticks < 500, "lr 10 must diverge");
    }
    assert_eq!(state.learning.problem, Some(LearnError::Diverged { lr: 10.0 }));
    assert!(!state.learning.playing, "training stops");
    let loss = state.learning.loss().unwrap();
    assert!(loss.is_finite() && loss <= MAX_LOSS, "{loss}");
    assert!(learned(&state).iter().all(|v| v.is_finite()));
    let epoch = state.learning.epoch;
    assert_eq!(state.apply(Action::TrainEpoch).learning.epoch, epoch, "no epoch past a divergence");
    println!("lr 10 diverged after {epoch} epochs, last loss {loss:e}");
    let message = (convscope::i18n::EN.learn_error)(state.learning.problem.as_ref().unwrap());
    assert!(message.contains("learning rate 10"), "{message}");
    // A lower rate is an edit: learning starts again, and converges.
    let mut lower = state.apply(Action::SetRate("1".into())).apply(Action::SetRate("0.03".into()));
    assert_eq!((lower.learning.epoch, lower.learning.problem.clone()), (0, None));
    for _ in 0..10 {
        lower = lower.apply(Action::TrainEpoch);
    }
    assert!(lower.learning.loss().unwrap() < 0.01);
}

#[test]
fn the_setup_follows_its_layer_and_its_kernel_s_shape() {
    let state = edge_state();
    // A wider kernel: the initial kernel widens with it, its values kept.
    let typed = state
        .apply(Action::BeginEdit {
            cell: CellId { grid: GridId::Init(convscope::model::Slice::default()), row: 0, col: 0 },
            text: Some("0.25".into()),
        })
        .apply(Action::CommitEdit { rows: 0, cols: 0 });
    let wider = typed
        .apply(Action::CommitField { field: convscope::state::Field::KernelCols(LayerId::FIRST), text: "3".into() });
    assert_eq!(wider.scene.learn.as_ref().unwrap().init[0].values(), &[0.25, 0.0, 0.0]);
    assert_eq!(wider.learning.epoch, 0);
    // A layer added before it: the setup follows its layer.
    let two = wider.apply(Action::DuplicateLayer(LayerId::FIRST));
    assert_eq!(two.scene.learn.as_ref().unwrap().layer, LayerId::FIRST);
    let moved = two.apply(Action::MoveLayer { layer: LayerId::FIRST, up: false });
    assert_eq!(moved.scene.learn.as_ref().unwrap().layer, LayerId::new(2).unwrap());
    // Learning layer 2 reads map 1: its target is map 2.
    let maps = moved.learning.maps.clone().unwrap();
    assert_eq!(maps.input.shape().w, 6);
    assert_eq!(maps.target.shape().w, 4);
    let removed_other = moved.apply(Action::RemoveLayer(LayerId::FIRST));
    assert_eq!(removed_other.scene.learn.as_ref().unwrap().layer, LayerId::FIRST);
    // Its own layer removed: the demo ends.
    let removed = removed_other.apply(Action::RemoveLayer(LayerId::FIRST));
    assert_eq!(removed.scene.learn, None);
    assert_eq!(removed.learning.learner, None);
    // End learning is undoable.
    let ended = state.apply(Action::StopLearning);
    assert_eq!(ended.scene.learn, None);
    assert!(ended.apply(Action::Undo).scene.learn.is_some());
    // Learn this kernel on a layer opens a setup from zeros at d2l's rate.
    let d2l = AppState::start("", None).apply(Action::Learn(LayerId::FIRST));
    let learn = d2l.scene.learn.clone().unwrap();
    assert_eq!((learn.lr, learn.init[0].values()), (0.03, &[0.0; 4][..]));
    assert_eq!(d2l.learning.loss(), Some(19.0 * 19.0 + 25.0 * 25.0 + 37.0 * 37.0 + 43.0 * 43.0));
}

#[test]
fn the_loss_curve_falls_from_the_top_left_and_its_log_scale_spreads_small_losses() {
    use convscope::state::learning::loss_path;
    let losses = [12.0, 3.0, 0.75, 0.1875, 0.046875];
    let (path, (lo, hi)) = loss_path(&losses, false, 100.0, 48.0);
    assert_eq!((lo, hi), (0.0, 12.0));
    assert_eq!(path, "M0,0L25,36L50,45L75,47L100,48");
    let (path, (lo, hi)) = loss_path(&losses, true, 100.0, 48.0);
    assert_eq!((lo, hi), (0.046875, 12.0));
    // Each loss a quarter of the last: evenly spaced on a log scale, from the top to the bottom.
    assert_eq!(path, "M0,0L25,12L50,24L75,36L100,48");
    // One point, zeros, nothing: no panic, a path that stays in the box.
    assert_eq!(loss_path(&[0.0], true, 100.0, 50.0).0, "M0,50");
    assert_eq!(loss_path(&[], false, 100.0, 50.0).0, "");
}

#[test]
fn the_status_says_the_loss_in_four_significant_digits() {
    use convscope::state::learning::loss_words;
    for (loss, words) in [
        (12.0, "12"),
        (0.13835058055282154, "0.1384"),
        (0.001595073594941882, "0.001595"),
        (0.0043, "0.0043"),
        (123456.7, "123500"),
        (1234567.0, "1235000"),
        (1.5e-7, "0.00000015"),
        (1.23456e-9, "1.235e-9"),
        (0.0, "0"),
        (9.99996, "10"),
    ] {
        assert_eq!(loss_words(loss), words, "{loss}");
    }
}

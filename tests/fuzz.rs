//! Fuzzing by property: arbitrary bytes, arbitrary links and arbitrary (mostly well-formed)
//! scenes go through decoding, validation, the forward pass, every trace and the receptive and
//! projective fields of cells in every map. Nothing may panic.
//!
//! `cargo test --test fuzz` runs a short version (CI); the full run is a benchmark-style command:
//! `FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`, which prints its count.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use convscope::model::*;
use convscope::state::{Action, AppState, CellId, Field, GridId, LayerId, Scene};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000)
}

/// A number as a scene might hold it: mostly small integers, sometimes fractions or negatives.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![8 => (-9i64..=9).prop_map(Value::from), 2 => (-1e5f64..1e5).prop_map(Value::from)]
}

/// A value no scene may hold.
fn bad_value() -> impl Strategy<Value = Value> {
    prop_oneof![Just(json!(1e300)), Just(json!("3")), Just(Value::Null), Just(json!([1])), Just(json!(-2e6))]
}

/// A grid: mostly well-formed; sometimes empty, ragged, or holding a bad value.
fn grid(max: usize) -> impl Strategy<Value = Value> {
    (1..=max, 1..=max, 0u8..20, bad_value(), any::<usize>()).prop_flat_map(move |(r, c, flaw, bad, at)| {
        proptest::collection::vec(proptest::collection::vec(number(), c..=c), r..=r).prop_map(move |mut rows| {
            match flaw {
                0 => rows.clear(),
                1 => rows[at % r].push(json!(1)),
                2 => rows[at % r][at % c] = bad.clone(),
                _ => {}
            }
            Value::from(rows)
        })
    })
}

/// A pair of whole numbers: mostly in `lo..hi`, sometimes out of bounds or malformed.
fn pair(lo: i64, hi: i64) -> impl Strategy<Value = Value> {
    prop_oneof![
        12 => (lo..hi, lo..hi).prop_map(|(a, b)| json!([a, b])),
        1 => (-3i64..40, -3i64..40).prop_map(|(a, b)| json!([a, b])),
        1 => Just(json!([1])),
        1 => Just(json!("2")),
    ]
}

fn layer() -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        8 => Just("conv"), 3 => Just("max-pool"), 3 => Just("avg-pool"), 1 => Just("relu"),
    ];
    (kind, grid(5), pair(1, 4), pair(0, 3), pair(1, 4), pair(1, 5), number(), any::<bool>(), any::<u8>()).prop_map(
        |(kind, kernel, stride, padding, dilation, size, bias, convolution, omit)| {
            let mut layer = json!({ "type": kind, "kernel": kernel, "size": size, "bias": bias,
                "stride": stride, "padding": padding, "dilation": dilation,
                "mode": if convolution { "convolution" } else { "cross-correlation" } });
            // Leave fields out at random, so that defaults are exercised too.
            if let Some(obj) = layer.as_object_mut() {
                for (bit, key) in ["stride", "padding", "dilation", "bias", "mode"].iter().enumerate() {
                    if omit & (1 << bit) != 0 {
                        obj.remove(*key);
                    }
                }
            }
            layer
        },
    )
}

/// A view: mostly absent or plausible, sometimes out of range or malformed.
fn view() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => Just(Value::Null),
        4 => (0usize..7, 0usize..40, 0usize..6, -2isize..20, -2isize..20).prop_map(|(layer, step, map, row, col)| {
            json!({ "layer": layer, "step": step, "selected": { "map": map, "row": row, "col": col } })
        }),
        2 => (0usize..7, 0usize..60, 0usize..6, 0usize..5, -2isize..12, -2isize..12).prop_map(
            |(layer, step, map, channel, row, col)| {
                json!({ "layer": layer, "step": step,
                    "selected": { "map": map, "channel": channel, "row": row, "col": col } })
            }
        ),
        1 => Just(json!({ "layer": 1, "step": 0, "selected": { "map": 0, "channel": -1, "row": 0, "col": 0 } })),
        1 => (0usize..7, 0usize..40).prop_map(|(layer, step)| json!({ "layer": layer, "step": step })),
        1 => Just(json!({ "layer": "one" })),
        1 => Just(json!([1, 2])),
    ]
}

/// A scene as the format stood before channels: one-channel input, kernels as rows, a bias number.
fn one_channel_scene_json() -> impl Strategy<Value = String> {
    let version = prop_oneof![18 => Just(json!(1)), 1 => Just(json!(2)), 1 => Just(json!("1"))];
    (version, grid(16), proptest::collection::vec(layer(), 0..5), view()).prop_map(|(version, input, layers, view)| {
        let mut scene = json!({ "version": version, "input": input, "layers": layers });
        if let (Some(obj), false) = (scene.as_object_mut(), view.is_null()) {
            obj.insert("view".to_owned(), view);
        }
        scene.to_string()
    })
}

/// Draws the parts of a scene with channels. A scene is drawn whole or with flaws: in a flawed
/// one, every part may be wrong now and then (a bad value, a count or a shape that does not
/// match), so that every check is reached; a whole one is valid as a scene (its layers may
/// still not fit), so that enough scenes run through the model.
struct Draw {
    rng: fastrand::Rng,
    flawed: bool,
    /// Numbers left to draw before the one that is out of bounds or not a number, if any.
    bad_in: Option<usize>,
}

impl Draw {
    /// True one time in `n`, in a flawed scene only.
    fn flaw(&mut self, n: u8) -> bool {
        self.flawed && self.rng.u8(0..n) == 0
    }

    /// A number as a scene might hold it: mostly small integers, sometimes fractions; in some
    /// flawed scenes, one of them is one no scene may hold.
    fn number(&mut self) -> Value {
        self.bad_in = self.bad_in.map(|n| n.saturating_sub(1));
        if self.bad_in == Some(0) {
            self.bad_in = None;
            return [json!(1e300), json!("3"), Value::Null, json!(-2e6)][self.rng.usize(0..4)].clone();
        }
        if self.rng.u8(0..10) == 0 {
            json!((self.rng.f64() * 2e5 - 1e5).round() / 8.0)
        } else {
            json!(self.rng.i64(-9..=9))
        }
    }

    /// A `rows × cols` grid; in a flawed scene, sometimes ragged.
    fn grid(&mut self, rows: usize, cols: usize) -> Value {
        let mut grid: Vec<Value> =
            (0..rows).map(|_| Value::from((0..cols).map(|_| self.number()).collect::<Vec<_>>())).collect();
        if self.flaw(30) {
            if let Some(Value::Array(row)) = grid.first_mut() {
                row.push(json!(1));
            }
        }
        Value::from(grid)
    }

    /// `count` grids of one shape; in a flawed scene, sometimes one of another shape.
    fn channels(&mut self, count: usize, rows: usize, cols: usize) -> Value {
        let odd = if self.flaw(8) { Some(self.rng.usize(0..count.max(1))) } else { None };
        let planes = (0..count)
            .map(|c| if odd == Some(c) { self.grid(rows + 1, cols) } else { self.grid(rows, cols) })
            .collect::<Vec<_>>();
        Value::from(planes)
    }

    /// A pair `[a, b]` from `lo..=hi`; in a flawed scene, sometimes out of bounds or malformed.
    fn pair(&mut self, lo: i64, hi: i64) -> Value {
        if self.flaw(10) {
            return if self.rng.bool() { json!([self.rng.i64(-3..40), self.rng.i64(-3..40)]) } else { json!([1]) };
        }
        json!([self.rng.i64(lo..=hi), self.rng.i64(lo..=hi)])
    }

    /// A conv layer reading `cin` channels, and the channels it writes. Its groups divide both
    /// (in a whole scene), its weight is `[out][in/groups]` (or rows, for one channel in and
    /// out, half the time), its bias a list (or a number, for one output, half the time).
    fn conv(&mut self, cin: usize) -> (Value, usize) {
        let out = if self.flaw(20) { 17 } else { self.rng.usize(1..=4) };
        let divisors: Vec<usize> = (1..=cin).filter(|&g| cin.is_multiple_of(g) && out.is_multiple_of(g)).collect();
        let groups = if self.flaw(4) {
            [json!(0), json!(17), json!("2"), json!(self.rng.usize(1..=5))][self.rng.usize(0..4)].clone()
        } else {
            json!(divisors[self.rng.usize(0..divisors.len())])
        };
        let g = groups.as_u64().map_or(1, |g| g.max(1) as usize);
        let mut per_group = if cin.is_multiple_of(g) { cin / g } else { self.rng.usize(1..=3) };
        if self.flaw(6) {
            per_group = per_group % 3 + 1;
        }
        let (kh, kw) = (self.rng.usize(1..=3), self.rng.usize(1..=3));
        let kernel = if self.flaw(15) {
            self.channels(per_group, kh, kw)
        } else if out == 1 && per_group == 1 && self.rng.bool() {
            self.grid(kh, kw)
        } else {
            let mut weight: Vec<Value> = (0..out).map(|_| self.channels(per_group, kh, kw)).collect();
            if self.flaw(10) {
                if let Some(Value::Array(slices)) = weight.last_mut() {
                    slices.pop();
                }
            }
            Value::from(weight)
        };
        let bias = if self.flaw(4) {
            match self.rng.u8(0..3) {
                0 => json!(self.rng.i64(-3..=3)),
                1 => Value::from((0..self.rng.usize(0..=5)).map(|_| json!(1)).collect::<Vec<_>>()),
                _ => json!("b"),
            }
        } else if out == 1 && self.rng.bool() {
            self.number()
        } else {
            Value::from((0..out).map(|_| self.number()).collect::<Vec<_>>())
        };
        let mode = if self.rng.bool() { "convolution" } else { "cross-correlation" };
        let mut layer = json!({ "type": "conv", "kernel": kernel, "bias": bias, "groups": groups,
            "stride": self.pair(1, 3), "padding": self.pair(0, 2), "dilation": self.pair(1, 2), "mode": mode });
        if g == 1 && self.rng.bool() {
            if let Some(obj) = layer.as_object_mut() {
                obj.remove("groups");
            }
        }
        (layer, out)
    }

    /// A max or average pooling layer (channels pass through).
    fn pool(&mut self) -> Value {
        let kind = if self.rng.bool() { "max-pool" } else { "avg-pool" };
        let size = [self.rng.i64(1..=3), self.rng.i64(1..=3)];
        let padding = [self.rng.i64(0..=size[0] / 2), self.rng.i64(0..=size[1] / 2)];
        json!({ "type": kind, "size": size, "stride": self.pair(1, 3), "padding": padding })
    }
}

/// A scene with channels, drawn from `seed`: the channel counts chain through the layers (so
/// the forward pass runs, where the windows fit); a third of the scenes have flaws (see
/// [`Draw`]): counts that do not match, groups that do not divide (or are 0, 17, "2"), bias
/// lists of the wrong length, a single bias for several outputs, 3-level kernels, slices of
/// different shapes, 17 channels.
fn channel_scene(seed: u64, view: Value) -> String {
    let mut draw = Draw { rng: fastrand::Rng::with_seed(seed), flawed: false, bad_in: None };
    draw.flawed = draw.rng.u8(0..3) == 0;
    if draw.flaw(4) {
        draw.bad_in = Some(draw.rng.usize(1..200));
    }
    let mut channels = if draw.flaw(15) { [0, 17][draw.rng.usize(0..2)] } else { draw.rng.usize(1..=4) };
    let (rows, cols) = (draw.rng.usize(2..=10), draw.rng.usize(1..=10));
    let input =
        if channels == 1 && draw.rng.bool() { draw.grid(rows, cols) } else { draw.channels(channels, rows, cols) };
    let mut layers = Vec::new();
    for _ in 0..draw.rng.usize(0..5) {
        let mut layer = if draw.rng.u8(0..10) < 7 {
            let (layer, out) = draw.conv(channels.max(1));
            channels = out;
            layer
        } else {
            draw.pool()
        };
        // Leave settings out at random, so that defaults are exercised too.
        if let Some(obj) = layer.as_object_mut() {
            for key in ["stride", "padding", "dilation", "bias", "mode"] {
                if draw.rng.u8(0..6) == 0 {
                    obj.remove(key);
                }
            }
        }
        layers.push(layer);
    }
    let mut scene = json!({ "version": 1, "input": input, "layers": layers });
    if let (Some(obj), false) = (scene.as_object_mut(), view.is_null()) {
        obj.insert("view".to_owned(), view);
    }
    scene.to_string()
}

fn scene_json() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => one_channel_scene_json(),
        1 => (any::<u64>(), view()).prop_map(|(seed, view)| channel_scene(seed, view)),
    ]
}

/// Everything the app computes from a scene, as the UI would ask for it.
fn exercise(scene: &Scene, pick: usize) -> usize {
    let maps = forward_all(&scene.input, &scene.layers);
    let dims = scene.all_dims();
    let shapes: Vec<Hw> = dims.iter().map(|d| d.hw).collect();
    let counts: Vec<usize> = dims.iter().map(|d| d.channels).collect();
    let mut touched = 0;
    for (m, shape) in shapes.iter().enumerate() {
        let (r, c) = (pick % shape.h.max(1), (pick / 7) % shape.w.max(1));
        let cell = (r as isize, c as isize);
        touched += receptive_field(&scene.layers, &shapes, m, cell).iter().map(Vec::len).sum::<usize>();
        touched += projective_field(&scene.layers, &shapes, m, cell).iter().map(Vec::len).sum::<usize>();
        let channel = pick % counts[m].max(1);
        touched += receptive_channels(&scene.layers, m, channel).iter().map(Vec::len).sum::<usize>();
        touched += projective_channels(&scene.layers, &counts, m, channel).iter().map(Vec::len).sum::<usize>();
        if m >= 1 {
            let below = if m == 1 { Some(&*scene.input) } else { maps[m - 2].as_ref().ok() };
            if let (Some(below), Some(layer)) = (below, scene.layers.get(m - 1)) {
                let trace = layer.trace(below, channel, r, c).expect("a position inside the output has a trace");
                let value = maps[m - 1].as_ref().expect("shape exists, so the map does").get(channel, r, c);
                assert_eq!(Some(trace.result), value, "trace and forward pass agree");
            }
        }
    }
    for axis in [Axis::Rows, Axis::Cols] {
        touched += rf_table(&scene.layers, axis).len();
        for to in 1..=scene.layers.len() {
            let _ = rf_extent(&scene.layers, axis, 0, to, pick % 5);
        }
    }
    touched
}

#[test]
fn nothing_decoded_from_anything_panics() {
    let n = cases();
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, ..Config::default() });
    let valid = std::cell::Cell::new(0u64);
    // Valid scenes with more than one channel somewhere, and those of them whose every layer
    // computes (channel counts that chain, groups that divide, windows that fit).
    let with_channels = std::cell::Cell::new(0u64);
    let computing = std::cell::Cell::new(0u64);
    let strategy = (scene_json(), proptest::collection::vec(any::<u8>(), 0..64), any::<usize>(), 0u8..4);
    runner
        .run(&strategy, |(text, bytes, pick, mutate)| {
            // Arbitrary bytes as a link and as base64 of a link.
            let raw = String::from_utf8_lossy(&bytes).into_owned();
            let _ = Scene::from_fragment(&format!("#scene={raw}"));
            let _ = Scene::from_base64(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes));
            // The generated scene, sometimes cut short or with a byte changed.
            let text = match mutate {
                0 if pick % 4 == 0 => text.chars().take(pick % (text.len() + 1)).collect(),
                1 if pick % 4 == 0 => text.replacen(',', &raw, 1),
                _ => text,
            };
            let link = format!("#scene={}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&text));
            let opened = Scene::from_fragment(&link);
            if let Some(Err(e)) = &opened {
                // Every message can be said, whatever the numbers in it.
                prop_assert!(!(convscope::i18n::EN.scene_error)(e).is_empty());
            }
            if let Some(Ok(scene)) = opened {
                valid.set(valid.get() + 1);
                let multi = scene.input.count() > 1
                    || scene.layers.iter().any(|l| matches!(l, Layer::Conv(c) if !c.is_single()));
                if multi {
                    with_channels.set(with_channels.get() + 1);
                    let maps = forward_all(&scene.input, &scene.layers);
                    if !maps.is_empty() && maps.iter().all(Result::is_ok) {
                        computing.set(computing.get() + 1);
                    }
                }
                exercise(&scene, pick);
                assert_eq!(Scene::from_json(&scene.to_json()).as_ref(), Ok(&scene), "round trip");
                // The reducer opens it and steps through it.
                let state = AppState::start(&link, None);
                // The view read back is the view written.
                if let Some(view) = state.view() {
                    let again = AppState::start("", Some(&state.scene.to_json_with(Some(view))));
                    prop_assert_eq!(again.view(), Some(view));
                }
                // Pasting arbitrary text anywhere never panics and never breaks the scene: into
                // an input channel, a kernel slice, the biases.
                let slice = Slice { out: (pick / 3) % 3, inp: (pick / 9) % 2 };
                for grid in [
                    GridId::Map(0, (pick / 5) % 3),
                    GridId::Kernel(LayerId::FIRST, slice),
                    GridId::Bias(LayerId::FIRST),
                ] {
                    let at = CellId { grid, row: (pick % 5) as isize, col: (pick % 3) as isize };
                    let _ = state
                        .apply(Action::Paste { at, text: raw.clone() })
                        .apply(Action::Paste { at, text: text.clone() });
                }
                // Channel settings: typed, then committed; whatever comes out is a valid scene
                // that computes, traces and round-trips.
                let count = ((pick / 11) % 18).to_string();
                for field in [Field::InputChannels, Field::OutChannels(LayerId::FIRST), Field::Groups(LayerId::FIRST)] {
                    let changed = state
                        .apply(Action::SetField { field, text: count.clone() })
                        .apply(Action::CommitField { field, text: count.clone() });
                    if *changed.scene != *state.scene {
                        exercise(&changed.scene, pick / 13);
                        let json = changed.scene.to_json();
                        let read = Scene::from_json(&json);
                        prop_assert_eq!(read.as_ref(), Ok(&*changed.scene), "round trip after {:?}", field);
                        let undone = changed.apply(Action::Undo);
                        prop_assert_eq!(&undone.scene, &state.scene);
                    }
                }
                // A learning demo on layer 1 (#14): set up, its rate typed, its initial kernel
                // pasted and random, the layer's channels changed under it, trained; the scene
                // stays valid and round-trips, and nothing panics.
                let rate = ["0.03", "10", "0", "-1", "1e300", &raw][pick % 6].to_owned();
                let mut learning = state
                    .apply(Action::Learn(LayerId::FIRST))
                    .apply(Action::SetRate(rate))
                    .apply(Action::FillInit(Some(())))
                    .apply(Action::Paste {
                        at: CellId { grid: GridId::Init(slice), row: (pick % 3) as isize, col: 0 },
                        text: text.clone(),
                    })
                    .apply(Action::SetLearnMode(if pick % 2 == 0 { Mode::Convolution } else { Mode::CrossCorrelation }))
                    .apply(Action::CommitField { field: Field::OutChannels(LayerId::FIRST), text: count.clone() })
                    .apply(Action::ToggleTrain);
                for _ in 0..3 {
                    learning = learning.apply(Action::TrainTick).apply(Action::TrainEpoch);
                }
                if learning.scene.learn.is_some() {
                    let read = Scene::from_json(&learning.scene.to_json());
                    prop_assert_eq!(read.as_ref(), Ok(&*learning.scene), "learn round trip");
                }
                if let Some(problem) = &learning.learning.problem {
                    prop_assert!(!(convscope::i18n::EN.learn_error)(problem).is_empty());
                }
                let state = state
                    .apply(Action::LastStep)
                    .apply(Action::Pin { layer: LayerId::FIRST, at: Pos::new(pick % 3, pick % 9, pick % 5) });
                prop_assert!(state.stepper.step <= state.total_steps().max(1));
                // The PyTorch code of any valid scene is written without a panic, with and
                // without its checks (#15).
                let code = convscope::state::pytorch::pytorch(&state.scene, pick % 2 == 0, &convscope::i18n::EN);
                prop_assert!(code.contains("X = torch.tensor("));
                // A lesson opened over it, its page edited and turned, and left: the scene and
                // the undo depth come back as they were (#15).
                let lesson = state
                    .apply(Action::OpenFragment(format!("#lesson={}", pick % 20)))
                    .apply(Action::Paste { at: CellId { grid: GridId::Map(0, 0), row: 0, col: 0 }, text: text.clone() })
                    .apply(Action::TurnPage(if pick % 3 == 0 { -1 } else { 1 }))
                    .apply(Action::RestorePage)
                    .apply(Action::Undo)
                    .apply(Action::LeaveLesson);
                prop_assert_eq!(&lesson.scene, &state.scene);
                prop_assert_eq!(lesson.history.undo_len(), state.history.undo_len());
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "fuzz: {n} cases, {} valid scenes run through every layer, trace and field ({} with channels, {} of them \
         computing every layer): no panic",
        valid.get(),
        with_channels.get(),
        computing.get()
    );
    assert!(valid.get() > u64::from(n) / 20, "the generator makes enough valid scenes to mean something");
    assert!(with_channels.get() > u64::from(n) / 20, "and enough of them have channels");
    assert!(computing.get() > u64::from(n) / 40, "and enough of those compute every layer");
}

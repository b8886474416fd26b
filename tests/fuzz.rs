//! Fuzzing by property: arbitrary bytes, arbitrary links and arbitrary (mostly well-formed)
//! scenes go through decoding, validation, the forward pass, every trace and the receptive and
//! projective fields of cells in every map. Nothing may panic.
//!
//! `cargo test --test fuzz` runs a short version (CI); the full run is a benchmark-style command:
//! `FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`, which prints its count.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use convscope::model::*;
use convscope::state::{Action, AppState, LayerId, Scene};
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
        1 => (0usize..7, 0usize..40).prop_map(|(layer, step)| json!({ "layer": layer, "step": step })),
        1 => Just(json!({ "layer": "one" })),
        1 => Just(json!([1, 2])),
    ]
}

fn scene_json() -> impl Strategy<Value = String> {
    let version = prop_oneof![18 => Just(json!(1)), 1 => Just(json!(2)), 1 => Just(json!("1"))];
    (version, grid(16), proptest::collection::vec(layer(), 0..5), view()).prop_map(|(version, input, layers, view)| {
        let mut scene = json!({ "version": version, "input": input, "layers": layers });
        if let (Some(obj), false) = (scene.as_object_mut(), view.is_null()) {
            obj.insert("view".to_owned(), view);
        }
        scene.to_string()
    })
}

/// Everything the app computes from a scene, as the UI would ask for it.
fn exercise(scene: &Scene, pick: usize) -> usize {
    let maps = forward_all(&scene.input, &scene.layers);
    let input = Hw::new(scene.input.rows(), scene.input.cols());
    let shapes: Vec<Hw> =
        std::iter::once(Ok(input)).chain(output_shapes(input, &scene.layers)).map_while(Result::ok).collect();
    let mut touched = 0;
    for (m, shape) in shapes.iter().enumerate() {
        let (r, c) = (pick % shape.h.max(1), (pick / 7) % shape.w.max(1));
        let cell = (r as isize, c as isize);
        touched += receptive_field(&scene.layers, &shapes, m, cell).iter().map(Vec::len).sum::<usize>();
        touched += projective_field(&scene.layers, &shapes, m, cell).iter().map(Vec::len).sum::<usize>();
        if m >= 1 {
            let below = if m == 1 { Some(&*scene.input) } else { maps[m - 2].as_ref().ok() };
            if let (Some(below), Some(layer)) = (below, scene.layers.get(m - 1)) {
                let trace = layer.trace(below, r, c).expect("a position inside the output has a trace");
                let value = maps[m - 1].as_ref().expect("shape exists, so the map does").get(r, c);
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
                exercise(&scene, pick);
                assert_eq!(Scene::from_json(&scene.to_json()).as_ref(), Ok(&scene), "round trip");
                // The reducer opens it and steps through it.
                let state = AppState::start(&link, None);
                // The view read back is the view written.
                if let Some(view) = state.view() {
                    let again = AppState::start("", Some(&state.scene.to_json_with(Some(view))));
                    prop_assert_eq!(again.view(), Some(view));
                }
                // Pasting arbitrary text anywhere never panics and never breaks the scene.
                let at = convscope::state::CellId {
                    grid: convscope::state::GridId::Map(0),
                    row: (pick % 5) as isize,
                    col: (pick % 3) as isize,
                };
                let _ = state
                    .apply(Action::Paste { at, text: raw.clone() })
                    .apply(Action::Paste { at, text: text.clone() });
                let state = state.apply(Action::LastStep).apply(Action::Pin {
                    layer: LayerId::FIRST,
                    row: pick % 9,
                    col: pick % 5,
                });
                prop_assert!(state.stepper.step <= state.total_steps().max(1));
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    println!("fuzz: {n} cases, {} valid scenes run through every layer, trace and field: no panic", valid.get());
    assert!(valid.get() > u64::from(n) / 20, "the generator makes enough valid scenes to mean something");
}

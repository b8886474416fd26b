#![cfg(not(target_arch = "wasm32"))]
//! Native tests of the scene format and the `#scene=` link: a public contract.

use base64::Engine as _;
use convscope::model::{forward_all, Layer, Mode, PoolKind};
use convscope::state::{Action, AppState, Scene, SceneError};
use proptest::prelude::*;

fn b64(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

const EXAMPLE: &str = r#"{"version": 1,
 "input": [[0,1,2],[3,4,5],[6,7,8]],
 "layers": [{"type": "conv", "kernel": [[0,1],[2,3]], "bias": 0, "stride": [1,1], "padding": [0,0],
             "dilation": [1,1], "mode": "cross-correlation"},
            {"type": "max-pool", "size": [2,2], "stride": [2,2], "padding": [0,0]}]}"#;

#[test]
fn the_documented_example_opens() {
    let scene = Scene::from_json(EXAMPLE).unwrap();
    assert_eq!(scene.layers.len(), 2);
    let maps = forward_all(&scene.input, &scene.layers);
    assert_eq!(maps[0].as_ref().unwrap().planes()[0].to_rows(), vec![vec![19.0, 25.0], vec![37.0, 43.0]]);
    assert_eq!(maps[1].as_ref().unwrap().planes()[0].to_rows(), vec![vec![43.0]]);
}

#[test]
fn defaults_fill_in_left_out_fields() {
    let scene = Scene::from_json(
        r#"{"version":1,"input":[[1,2,3,4]],"layers":[{"type":"conv","kernel":[[1]]},{"type":"avg-pool","size":[1,2]}]}"#,
    )
    .unwrap();
    match &scene.layers[0] {
        Layer::Conv(c) => {
            assert_eq!(c.bias(), &[0.0]);
            assert_eq!(c.mode(), Mode::CrossCorrelation);
            assert_eq!((c.geometry().stride().h, c.geometry().dilation().w), (1, 1));
            assert_eq!(c.geometry().padding().h, 0);
        }
        other => panic!("{other:?}"),
    }
    match &scene.layers[1] {
        Layer::Pool(p) => {
            assert_eq!(p.kind(), PoolKind::Avg);
            assert_eq!((p.geometry().stride().h, p.geometry().stride().w), (1, 2));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn json_and_link_round_trip() {
    let scene = Scene::from_json(EXAMPLE).unwrap();
    assert_eq!(Scene::from_json(&scene.to_json()).unwrap(), scene);
    let fragment = scene.to_fragment();
    assert!(fragment.starts_with("#scene="));
    assert!(!fragment.contains('='.to_string().repeat(2).as_str()));
    assert_eq!(Scene::from_fragment(&fragment).unwrap().unwrap(), scene);
}

#[test]
fn padded_and_unpadded_base64_both_open() {
    let json = r#"{"version":1,"input":[[1,2]]}"#;
    let unpadded = b64(json);
    let padded = base64::engine::general_purpose::URL_SAFE.encode(json);
    assert_ne!(unpadded, padded);
    assert!(Scene::from_fragment(&format!("#scene={unpadded}")).unwrap().is_ok());
    assert!(Scene::from_fragment(&format!("#scene={padded}")).unwrap().is_ok());
}

#[test]
fn a_fragment_without_a_scene_is_not_a_scene() {
    assert!(Scene::from_fragment("").is_none());
    assert!(Scene::from_fragment("#about").is_none());
}

fn error_of(json: &str) -> String {
    (convscope::i18n::EN.scene_error)(&Scene::from_json(json).unwrap_err())
}

#[test]
fn bad_scenes_say_what_and_where() {
    assert!(error_of("not json").starts_with("the scene is not valid JSON"));
    assert_eq!(
        error_of(r#"{"version":2,"input":[[1]]}"#),
        "scene version 2 is not supported: this convscope reads version 1"
    );
    assert_eq!(
        error_of(r#"{"version":1,"input":[[1],[2,3]]}"#),
        "input: row 1 has 2 values but row 0 has 1: every row must be the same length"
    );
    assert_eq!(
        error_of(r#"{"version":1,"input":[[1]],"layers":[{"type":"conv","kernel":[[1]],"stride":[0,1]}]}"#),
        "layer 1: stride (height) must be ≥ 1, got 0"
    );
    assert_eq!(
        error_of(
            r#"{"version":1,"input":[[1]],"layers":[{"type":"conv","kernel":[[1]]},{"type":"conv","kernel":[[1]],"padding":[0,-1]}]}"#
        ),
        "layer 2: padding (width) must be ≥ 0, got -1"
    );
    assert!(error_of(r#"{"version":1,"input":[[1]],"layers":[{"type":"relu"}]}"#)
        .starts_with("layer 1: unknown layer type \"relu\""));
    assert!(error_of(r#"{"version":1,"input":[]}"#).starts_with("input: a grid needs"));
    assert!(error_of(r#"{"version":1,"input":[[1e999]]}"#).starts_with("the scene is not valid JSON"));
    assert!(error_of(r#"{"version":1,"input":[["a"]]}"#).starts_with("input: must be a list of rows"));
    assert!(error_of(r#"{"version":1,"input":[[1]],"layers":[{"type":"max-pool","size":[2,2],"padding":[2,2]}]}"#)
        .starts_with("layer 1: pooling padding (height) 2 is more than half the window 2"));
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    assert!(error_of(&deep).starts_with("the scene is not valid JSON"));
    let big = format!(r#"{{"version":1,"input":[[{}]]}}"#, vec!["1"; 257].join(","));
    assert!(error_of(&big).contains("at most 256×256"));
}

#[test]
fn broken_links_are_errors_not_panics() {
    assert!(matches!(Scene::from_fragment("#scene=%%%").unwrap(), Err(SceneError::Base64(_))));
    let huge = "A".repeat(1024 * 1024);
    assert!(matches!(Scene::from_fragment(&format!("#scene={huge}")).unwrap(), Err(SceneError::TooLong { .. })));
    let not_utf8 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xff, 0xfe]);
    assert_eq!(Scene::from_fragment(&format!("#scene={not_utf8}")).unwrap(), Err(SceneError::NotUtf8));
}

#[test]
fn a_broken_link_keeps_the_last_good_scene() {
    let first = AppState::start(&format!("#scene={}", b64(EXAMPLE)), None);
    assert!(first.chrome.scene_error.is_none());
    let after = first.apply(Action::OpenFragment("#scene=!!".into()));
    assert_eq!(after.scene, first.scene);
    assert!(after.chrome.scene_error.is_some());
    let start = AppState::start("", None);
    assert_eq!(*start.scene, Scene::d2l_default());
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = Scene::from_json(&s);
        let _ = Scene::from_fragment(&format!("#scene={s}"));
        let _ = Scene::from_base64(&b64(&s));
    }
}

#[test]
fn layer_and_link_messages_are_in_words() {
    let layer = |l: &str| error_of(&format!(r#"{{"version":1,"input":[[1,2],[3,4]],"layers":[{l}]}}"#));
    assert_eq!(
        layer(r#"{"type":"conv","kernel":[[1]],"stride":[1.5,1]}"#),
        "layer 1: stride, padding, dilation and size are pairs of whole numbers, like [1, 2]"
    );
    assert_eq!(
        layer(r#"{"type":"conv","kernel":[[1]],"padding":[1,1,1]}"#),
        "layer 1: stride, padding, dilation and size are pairs of whole numbers, like [1, 2]"
    );
    assert_eq!(layer(r#"{"type":"max-pool"}"#), "layer 1: a pooling layer needs a \"size\", like [2, 2]");
    assert_eq!(layer(r#"{"type":"conv"}"#), "layer 1: a \"conv\" layer needs a \"kernel\", like [[0, 1], [2, 3]]");
    assert_eq!(layer(r#"{"type":"conv","kernel":[[1]],"bias":"1"}"#), "layer 1: \"bias\" must be a number, like 0.5");
    assert_eq!(
        layer(r#"{"type":"conv","kernel":[[1]],"mode":"flip"}"#),
        "layer 1: \"mode\" must be \"cross-correlation\" or \"convolution\""
    );
    let link = (convscope::i18n::EN.scene_error)(&Scene::from_fragment("#scene=%41").unwrap().unwrap_err());
    assert_eq!(link, "the link's scene is not valid base64url: the character '%' at position 0 is not allowed (only A–Z, a–z, 0–9, - and _)");
}

#[test]
fn every_number_reads_back_exactly() {
    // Found by the fuzz run: serde_json's default float parser returned ...915 for ...917.
    let json = r#"{"version":1,"input":[[-1626.9421969586917, 0.1, 1e-320, 123456.789012345]]}"#;
    let scene = Scene::from_json(json).unwrap();
    assert_eq!(scene.input.get(0, 0, 0), Some(-1626.9421969586917));
    assert_eq!(Scene::from_json(&scene.to_json()).unwrap(), scene);
    assert_eq!(Scene::from_fragment(&scene.to_fragment()).unwrap().unwrap(), scene);
}

//! The PyTorch code of a scene (#15): what it says natively, and — run by
//! `scripts/check-pytorch`, which installs a PyTorch — that it runs with every check passing.

use std::process::Command;

use convscope::i18n::{EN, ZH_HANS, ZH_HANT};
use convscope::state::pytorch::pytorch;
use convscope::state::Scene;

fn scene(json: &str) -> Scene {
    match Scene::open_json(json) {
        Ok(opened) => opened.scene,
        Err(e) => panic!("{json}: {e:?}"),
    }
}

/// Every kind of layer, channels, groups, both modes, stride, padding, dilation, whole and
/// fractional values, a failing layer: the scenes whose code must run under PyTorch.
fn scenes() -> Vec<(&'static str, String)> {
    let picture: Vec<Vec<f64>> =
        (0..40).map(|r| (0..40).map(|c| f64::from((r * 7 + c * 3) % 256) / 255.0).collect()).collect();
    let band: Vec<Vec<f64>> =
        (0..6).map(|_| (0..8).map(|c| if (2..6).contains(&c) { 0.0 } else { 1.0 }).collect()).collect();
    let rgb: Vec<Vec<Vec<f64>>> = (0..3)
        .map(|k| (0..9).map(|r| (0..9).map(|c| f64::from((r * 5 + c * 3 + k * 7) % 11) - 5.0).collect()).collect())
        .collect();
    let four: Vec<Vec<Vec<f64>>> =
        (0..4).map(|k| (0..6).map(|r| (0..7).map(|c| f64::from((r + 2 * c + k) % 5)).collect()).collect()).collect();
    let json = |v: &dyn erased::Json| v.json();
    vec![
        ("d2l", r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]]}]}"#.to_owned()),
        ("d2l convolution", r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]],"mode":"convolution","bias":1}]}"#.to_owned()),
        ("edge detector", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[1,-1]]}}]}}"#, json(&band))),
        ("transposed edge detector", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[1],[-1]]}}]}}"#, json(&band))),
        ("stride and padding", r#"{"version":1,"input":[[1,2,3,4,5],[6,7,8,9,10],[11,12,13,14,15],[16,17,18,19,20]],"layers":[{"type":"conv","kernel":[[1,0,-1],[2,0,-2],[1,0,-1]],"stride":[2,1],"padding":[1,2]}]}"#.to_owned()),
        ("dilation", r#"{"version":1,"input":[[1,2,3,4,5,6],[2,3,4,5,6,7],[3,4,5,6,7,8],[4,5,6,7,8,9],[5,6,7,8,9,1],[6,7,8,9,1,2]],"layers":[{"type":"conv","kernel":[[1,2],[3,4]],"dilation":[2,3]}]}"#.to_owned()),
        ("rectangular dilated kernel in convolution mode", r#"{"version":1,"input":[[1,2,3,4,5,6],[6,5,4,3,2,1],[1,3,5,2,4,6]],"layers":[{"type":"conv","kernel":[[1,-2,3]],"dilation":[1,2],"mode":"convolution","padding":[1,0]}]}"#.to_owned()),
        ("max pooling", r#"{"version":1,"input":[[1,5,2,0],[3,-4,8,1],[0,2,-1,7],[9,3,4,4]],"layers":[{"type":"max-pool","size":[2,2]}]}"#.to_owned()),
        ("max pooling with padding", r#"{"version":1,"input":[[-1,-5,-2],[-3,-4,-8],[-6,-2,-1]],"layers":[{"type":"max-pool","size":[2,2],"stride":[1,1],"padding":[1,1]}]}"#.to_owned()),
        ("average pooling with padding", r#"{"version":1,"input":[[1,5,2,0],[3,4,8,1],[0,2,1,7]],"layers":[{"type":"avg-pool","size":[3,3],"stride":[1,1],"padding":[1,1]}]}"#.to_owned()),
        ("three layers", r#"{"version":1,"input":[[1,2,3,4,5,6],[2,3,4,5,6,7],[3,4,5,6,7,8],[4,5,6,7,8,9],[5,6,7,8,9,1],[6,7,8,9,1,2]],"layers":[{"type":"conv","kernel":[[1,0],[0,-1]],"padding":[1,1]},{"type":"max-pool","size":[2,2]},{"type":"conv","kernel":[[1,1],[1,1]],"bias":-2}]}"#.to_owned()),
        ("fractions", r#"{"version":1,"input":[[0.1,0.2,0.3],[0.4,0.5,0.6],[0.7,0.8,0.9]],"layers":[{"type":"conv","kernel":[[0.25,-0.5],[1e-7,3.3]],"bias":0.1}]}"#.to_owned()),
        ("large whole numbers", r#"{"version":1,"input":[[1000000,-999999],[123456,654321]],"layers":[{"type":"conv","kernel":[[1000000,1000000],[-1000000,999999]],"bias":1000000}]}"#.to_owned()),
        ("a picture", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[-1,-1,-1],[-1,8,-1],[-1,-1,-1]],"padding":[1,1]}},{{"type":"avg-pool","size":[2,2]}}]}}"#, json(&picture))),
        ("three channels in, two out", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[[[1,0],[0,1]],[[0,1],[1,0]],[[1,1],[0,0]]],[[[-1,0],[0,0]],[[0,0],[0,2]],[[1,-1],[1,-1]]]],"bias":[1,-1],"stride":[2,2],"padding":[1,1]}}]}}"#, json(&rgb))),
        ("three channels, convolution mode and dilation", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[[[1,2],[3,4]],[[0,1],[1,0]],[[2,0],[0,-2]]]],"bias":[0],"mode":"convolution","dilation":[2,1]}}]}}"#, json(&rgb))),
        ("groups", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[[[1,0],[0,1]],[[1,1],[0,0]]],[[[0,1],[1,0]],[[2,0],[0,0]]]],"bias":[0,1],"groups":2}}]}}"#, json(&four))),
        ("depthwise", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[[[1,-1]]],[[[2,0]]],[[[0,3]]],[[[1,1]]]],"bias":[0,0,0,0],"groups":4}}]}}"#, json(&four))),
        ("1×1 convolution", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"conv","kernel":[[[[1]],[[2]],[[3]]],[[[0.5]],[[-1]],[[0]]]],"bias":[0,0.25]}},{{"type":"max-pool","size":[3,3]}}]}}"#, json(&rgb))),
        ("channels through pooling", format!(r#"{{"version":1,"input":{},"layers":[{{"type":"avg-pool","size":[2,2],"stride":[1,1]}},{{"type":"conv","kernel":[[[[1]],[[1]],[[1]],[[1]]]],"bias":[0]}}]}}"#, json(&four))),
        ("a layer without output", r#"{"version":1,"input":[[1,2],[3,4]],"layers":[{"type":"conv","kernel":[[1,1],[1,1]]},{"type":"conv","kernel":[[1,1],[1,1]]}]}"#.to_owned()),
        ("negative zero and tiny values", r#"{"version":1,"input":[[-0,1e-300],[2.5e-8,-3]],"layers":[{"type":"conv","kernel":[[1000000]],"bias":0}]}"#.to_owned()),
    ]
}

/// JSON of nested lists, without a serializer of our own.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl Json for f64 {
        fn json(&self) -> String {
            convscope::model::format_value(*self)
        }
    }
    impl<T: Json> Json for Vec<T> {
        fn json(&self) -> String {
            format!("[{}]", self.iter().map(Json::json).collect::<Vec<_>>().join(","))
        }
    }
}

#[test]
fn every_scene_opens_and_has_code() {
    let all = scenes();
    assert!(all.len() >= 20);
    for (name, json) in &all {
        let code = pytorch(&scene(json), true, &EN);
        assert!(code.contains("import torch"), "{name}");
        assert!(code.contains("X = torch.tensor("), "{name}");
    }
}

#[test]
fn d2l_example_is_conv2d_with_its_numbers_and_corr2d_beside() {
    let code = pytorch(&scene(&scenes()[0].1), true, &EN);
    assert!(code.contains("X = torch.tensor([[[[0, 1, 2],"), "{code}");
    assert!(code.contains("K1 = torch.tensor([[[[0, 1],"), "{code}");
    assert!(code.contains("b1 = torch.tensor([0], dtype=torch.float64)"), "{code}");
    assert!(
        code.contains("Y1 = F.conv2d(X, K1, b1, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1)"),
        "{code}"
    );
    assert!(code.contains("def corr2d(X, K):"), "{code}");
    // Whole numbers: the checks are exact, and the expected map is d2l's.
    assert!(code.contains("Y1_shown = torch.tensor([[[[19, 25],"), "{code}");
    assert!(code.contains("[37, 43]]]]"), "{code}");
    assert!(code.contains("assert torch.equal(Y1, Y1_shown)"), "{code}");
    assert!(code.contains("assert torch.equal(Y1_corr2d, Y1[0, 0])"), "{code}");
    assert!(!code.contains("allclose"), "{code}");
    // Without checks: no assertion and no expected map.
    let plain = pytorch(&scene(&scenes()[0].1), false, &EN);
    assert!(!plain.contains("assert") && !plain.contains("_shown"), "{plain}");
    assert!(plain.contains("print(Y1)"));
}

#[test]
fn convolution_mode_flips_the_weight_and_says_why() {
    let code = pytorch(&scene(&scenes()[1].1), true, &EN);
    assert!(code.contains("F.conv2d(X, torch.flip(K1, [2, 3]), b1,"), "{code}");
    assert!(code.contains("# Convolution mode: PyTorch's conv2d computes a cross-correlation"), "{code}");
    assert!(code.contains("corr2d(X[0, 0], torch.flip(K1[0, 0], [0, 1])) + b1[0]"), "{code}");
    // d2l's convolution-mode output of the 3×3 example: 0·3+1·2+3·1+4·0 = 5 … plus the bias 1.
    assert!(code.contains("Y1_shown = torch.tensor([[[[6, 12],"), "{code}");
}

#[test]
fn geometry_groups_and_pools_are_passed_as_pytorch_names_them() {
    let all = scenes();
    let code_of = |name: &str| pytorch(&scene(&all.iter().find(|(n, _)| *n == name).unwrap().1), true, &EN);
    assert!(code_of("stride and padding").contains("stride=(2, 1), padding=(1, 2), dilation=(1, 1), groups=1"));
    assert!(code_of("dilation").contains("dilation=(2, 3)"));
    assert!(code_of("groups").contains("groups=2)"));
    assert!(code_of("depthwise").contains("groups=4)"));
    let max = code_of("max pooling with padding");
    assert!(max.contains("Y1 = F.max_pool2d(X, kernel_size=(2, 2), stride=(1, 1), padding=(1, 1))"), "{max}");
    assert!(max.contains("assert torch.equal(Y1, Y1_shown)"), "{max}");
    let avg = code_of("average pooling with padding");
    assert!(avg.contains("F.avg_pool2d(X, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), count_include_pad=True)"));
    // A mean of nine is not exact in general: compared to a tolerance.
    assert!(
        avg.contains("assert torch.allclose(Y1, Y1_shown, rtol=1e-12, atol=1e-9 * float(Y1_shown.abs().max()))"),
        "{avg}"
    );
    // Fractions anywhere upstream: every later check has a tolerance too.
    let three = code_of("a picture");
    assert!(!three.contains("torch.equal"), "{three}");
    // No corr2d where the layer is not what corr2d computes.
    assert!(!code_of("stride and padding").contains("corr2d"));
    // Several channels: the weight is [out][in/groups][h][w].
    let rgb = code_of("three channels in, two out");
    assert!(rgb.contains("weight shape (out, in/groups, h, w) = (2, 3, 2, 2)"), "{rgb}");
    assert!(rgb.contains("b1 = torch.tensor([1, -1], dtype=torch.float64)"), "{rgb}");
}

#[test]
fn a_layer_without_output_ends_the_code_with_why() {
    let all = scenes();
    let code = pytorch(&scene(&all.iter().find(|(n, _)| *n == "a layer without output").unwrap().1), true, &EN);
    assert!(code.contains("Y1 = F.conv2d("));
    assert!(code.contains("# Layer 2 has no output: "), "{code}");
    assert!(!code.contains("print(Y2)"));
}

#[test]
fn comments_speak_the_readers_language_and_code_stays_code() {
    let d2l = scene(&scenes()[1].1);
    let en = pytorch(&d2l, true, &EN);
    for (t, word) in [(&ZH_HANT, "卷積層"), (&ZH_HANS, "卷积层")] {
        let zh = pytorch(&d2l, true, t);
        assert!(zh.contains(word), "{zh}");
        // Line for line the same program: only comments differ.
        let code = |s: &str| s.lines().filter(|l| !l.starts_with('#')).map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(code(&zh), code(&en));
    }
}

/// Runs every scene's code under a real PyTorch (`CONVSCOPE_PYTHON`, default `python3`):
/// `scripts/check-pytorch` installs one and runs this.
#[test]
#[ignore = "needs PyTorch: scripts/check-pytorch"]
fn generated_code_runs_under_pytorch() {
    let python = std::env::var("CONVSCOPE_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let version =
        Command::new(&python).args(["-c", "import torch; print(torch.__version__)"]).output().expect("python");
    assert!(version.status.success(), "no PyTorch for {python}: {}", String::from_utf8_lossy(&version.stderr));
    println!("PyTorch {}", String::from_utf8_lossy(&version.stdout).trim());
    let dir = std::env::temp_dir().join("convscope-pytorch");
    std::fs::create_dir_all(&dir).unwrap();
    let mut failed = Vec::new();
    for (i, (name, json)) in scenes().iter().enumerate() {
        for (t, lang) in [(&EN, "en"), (&ZH_HANT, "zh-Hant")] {
            let file = dir.join(format!("scene{i:02}-{lang}.py"));
            std::fs::write(&file, pytorch(&scene(json), true, t)).unwrap();
            let run = Command::new(&python).arg(&file).output().expect("python");
            if !run.status.success() {
                failed.push(format!("{name} ({lang}, {}): {}", file.display(), String::from_utf8_lossy(&run.stderr)));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    println!("{} scenes ran with every check passing", scenes().len());
}

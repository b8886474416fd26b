#![cfg(not(target_arch = "wasm32"))]
//! Native tests of pictures as maps (scaling by area averaging, v / 255, the gray formula, the
//! samples) and of large maps on canvas (colours, the cell under a point, the magnifier).

use convscope::model::picture::{downscale, fit_size, to_channels, Rgba, Sample};
use convscope::model::{Grid, Hw};
use convscope::state::canvas::{bar, cell_at, magnifier, on_canvas, pixels, ColorScale, Region, MAGNIFIER};
use convscope::state::{Action, AppState};

fn rgba(width: usize, height: usize, pixel: impl Fn(usize, usize) -> [u8; 4]) -> Vec<u8> {
    let mut out = Vec::with_capacity(width * height * 4);
    for y in 0..height {
        for x in 0..width {
            out.extend_from_slice(&pixel(x, y));
        }
    }
    out
}

#[test]
fn a_picture_fits_its_square_with_its_aspect_kept() {
    assert_eq!(fit_size(1000, 500, 256), (256, 128));
    assert_eq!(fit_size(500, 1000, 128), (64, 128));
    assert_eq!(fit_size(100, 50, 256), (100, 50), "never scaled up");
    assert_eq!(fit_size(3000, 1, 256), (256, 1), "never 0");
}

#[test]
fn area_averaging_weights_partly_covered_pixels() {
    // 4 × 4 of 2 × 2 blocks → 2 × 2: every output is its block's mean.
    let src = rgba(4, 4, |x, y| {
        let v = [[10u8, 20], [30, 40]][y / 2][x / 2] + (x % 2) as u8 * 2;
        [v, v, v, 255]
    });
    let out = downscale(Rgba { width: 4, height: 4, data: &src }, 2, 2);
    let reds: Vec<u8> = out.chunks(4).map(|p| p[0]).collect();
    assert_eq!(reds, vec![11, 21, 31, 41]);
    // 3 × 1 → 2 × 1: each output covers 1.5 pixels; the middle one is shared half and half.
    let src = rgba(3, 1, |x, _| {
        let v = [0u8, 90, 180][x];
        [v, v, v, 255]
    });
    let out = downscale(Rgba { width: 3, height: 1, data: &src }, 2, 1);
    assert_eq!((out[0], out[4]), (30, 150), "(0 + 90/2) / 1.5 and (90/2 + 180) / 1.5");
    // A uniform picture stays uniform at any size.
    let src = rgba(37, 23, |_, _| [200, 100, 50, 255]);
    let out = downscale(Rgba { width: 37, height: 23, data: &src }, 11, 7);
    assert!(out.chunks(4).all(|p| p == [200, 100, 50, 255]));
}

#[test]
fn every_sample_becomes_v_over_255_and_gray_is_the_weighted_sum() {
    let src = rgba(2, 1, |x, _| if x == 0 { [255, 128, 0, 255] } else { [10, 20, 30, 255] });
    let map = to_channels(Rgba { width: 2, height: 1, data: &src }, false).unwrap();
    assert_eq!(map.count(), 3);
    assert_eq!(map.get(0, 0, 0), Some(1.0));
    assert_eq!(map.get(1, 0, 0), Some(128.0 / 255.0));
    assert_eq!(map.get(2, 0, 1), Some(30.0 / 255.0));
    let gray = to_channels(Rgba { width: 2, height: 1, data: &src }, true).unwrap();
    assert_eq!(gray.count(), 1);
    assert_eq!(gray.get(0, 0, 1), Some((0.299 * 10.0 + 0.587 * 20.0 + 0.114 * 30.0) / 255.0));
}

#[test]
fn the_samples_are_what_they_say() {
    let band = Sample::Band.picture();
    assert_eq!((band.rows(), band.cols()), (6, 8));
    assert_eq!(band.channel(0).unwrap().to_rows()[0], vec![1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
    for s in Sample::ALL {
        let p = s.picture();
        assert_eq!(p.count(), 1, "{s:?}");
        assert!(p.values().all(|v| (0.0..=1.0).contains(&v)), "{s:?}");
    }
    let board = Sample::Checkerboard.picture();
    assert_eq!((board.get(0, 0, 0), board.get(0, 0, 8), board.get(0, 8, 8)), (Some(1.0), Some(0.0), Some(1.0)));
    let gradient = Sample::Gradient.picture();
    assert_eq!((gradient.get(0, 5, 0), gradient.get(0, 5, 63)), (Some(0.0), Some(1.0)));
    // Opening a sample keeps the layers and is one undo away.
    let s = AppState::start("", None).apply(Action::SetInput(Sample::Disc.picture()));
    assert_eq!((s.scene.input.rows(), s.scene.layers.len()), (64, 1));
    assert_eq!(s.apply(Action::Undo).scene.input.rows(), 3);
}

#[test]
fn maps_over_32_a_side_go_on_canvas() {
    assert!(!on_canvas(Hw::new(32, 32)));
    assert!(on_canvas(Hw::new(33, 1)));
    assert!(on_canvas(Hw::new(1, 64)));
}

#[test]
fn colours_are_signed_or_sequential_and_the_bar_spans_the_scale() {
    let picture = Grid::from_fn(2, 2, |r, c| (r * 2 + c) as f64 / 3.0).unwrap();
    let scale = ColorScale::of(&picture);
    assert_eq!(scale, ColorScale::Sequential { max: 1.0 });
    assert_eq!(scale.range(), (0.0, 1.0));
    let px = pixels(&picture, scale);
    assert_eq!(px.len(), 16);
    // Black at 0, white at the top of the scale; alpha opaque.
    assert!(px[0] < 10 && px[1] < 10 && px[3] == 255);
    assert!(px[12] > 245);
    let signed = Grid::from_rows(&[vec![-3.0, 0.0, 7.0]]).unwrap();
    let scale = ColorScale::of(&signed);
    assert_eq!(scale, ColorScale::Signed { max: 10.0 });
    let [r, _, b] = scale.color(7.0);
    assert!(r > b, "positive leans red");
    let [r, _, b] = scale.color(-3.0);
    assert!(b > r, "negative leans blue");
    let zero = scale.color(0.0);
    assert!(zero.iter().all(|&c| c > 230), "0 is near white: {zero:?}");
    let strip = bar(scale, 128);
    assert_eq!(strip.len(), 512);
    assert_eq!(&strip[0..3], &scale.color(-10.0));
    assert_eq!(&strip[508..511], &scale.color(10.0));
}

#[test]
fn the_cell_under_a_point_follows_the_documented_rectangles() {
    let shape = Hw::new(64, 128);
    // A 256 × 128 CSS box: cells are 2 × 2.
    assert_eq!(cell_at(0.0, 0.0, 256.0, 128.0, shape), Some((0, 0)));
    assert_eq!(cell_at(1.99, 1.99, 256.0, 128.0, shape), Some((0, 0)));
    assert_eq!(cell_at(2.0, 2.0, 256.0, 128.0, shape), Some((1, 1)));
    assert_eq!(cell_at(255.9, 127.9, 256.0, 128.0, shape), Some((63, 127)));
    assert_eq!(cell_at(256.0, 10.0, 256.0, 128.0, shape), None);
    assert_eq!(cell_at(-0.1, 10.0, 256.0, 128.0, shape), None);
}

#[test]
fn the_magnifier_shows_the_window_with_a_margin_inside_the_padded_map() {
    let shape = Hw::new(64, 64);
    let window: Vec<(isize, isize)> = (10..13).flat_map(|r| (20..23).map(move |c| (r, c))).collect();
    let region = magnifier(shape, Hw::square(0), &window);
    assert!(window.iter().all(|&c| region.contains(c)));
    assert_eq!(region.rows.1 - region.rows.0, MAGNIFIER.0 as isize);
    // At a padded corner it stays in the padded map.
    let corner = magnifier(shape, Hw::square(1), &[(-1, -1), (-1, 0), (0, -1), (0, 0)]);
    assert_eq!((corner.rows.0, corner.cols.0), (-1, -1));
    // A wide dilated window is cut to the largest magnifier, centred.
    let wide: Vec<(isize, isize)> = (0..40).map(|c| (30, c)).collect();
    let region = magnifier(shape, Hw::square(0), &wide);
    assert_eq!(region.cols.1 - region.cols.0, MAGNIFIER.1 as isize);
    // Nothing to show: the top-left corner, as large as it goes.
    assert_eq!(magnifier(shape, Hw::square(2), &[]), Region { rows: (-2, 13), cols: (-2, 13) });
}

mod packed {
    use base64::Engine as _;
    use convscope::model::{Channels, Grid};
    use convscope::state::scene::{PackProblem, Problem, Scene, SceneError, MAX_SCENE_BYTES};
    use std::rc::Rc;

    fn scene_of(input: Channels) -> Scene {
        Scene { input: Rc::new(input), layers: Vec::new() }
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn a_picture_over_32_a_side_is_written_as_bytes_and_reads_back_exactly() {
        let rgb: Vec<Grid> = (0..3)
            .map(|k| Grid::from_fn(256, 256, |r, c| ((r * 3 + c * 5 + k * 7) % 256) as f64 / 255.0).unwrap())
            .collect();
        let scene = scene_of(Channels::new(rgb).unwrap());
        let json = scene.to_json();
        assert!(
            json.contains(r#""input":{"encoding":"u8","shape":[3,256,256],"scale":255,"data":""#),
            "{}",
            &json[..80]
        );
        assert_eq!(Scene::from_json(&json).unwrap(), scene, "every value exactly");
        // A 256 × 256 colour picture's link opens (it is far under the link bound).
        let link = scene.to_fragment();
        assert!(link.len() < MAX_SCENE_BYTES, "{}", link.len());
        assert_eq!(Scene::from_fragment(&link).unwrap().unwrap(), scene);
        // Whole numbers 0–255 pack with scale 1; anything else stays a list, as do small maps.
        let whole = scene_of(Channels::from(Grid::from_fn(40, 40, |r, c| ((r + c) % 256) as f64).unwrap()));
        assert!(whole.to_json().contains(r#""scale":1,"#));
        assert_eq!(Scene::from_json(&whole.to_json()).unwrap(), whole);
        let signed = scene_of(Channels::from(Grid::from_fn(40, 40, |r, c| r as f64 - c as f64).unwrap()));
        assert!(signed.to_json().contains(r#""input":[["#));
        let small = scene_of(Channels::from(Grid::from_fn(32, 32, |r, _| r as f64 / 255.0).unwrap()));
        assert!(small.to_json().contains(r#""input":[["#));
    }

    fn problem(json: &str) -> Problem {
        match Scene::from_json(json).unwrap_err() {
            SceneError::Invalid { problem, .. } => problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_compact_map_is_refused_and_a_deflate_bomb_is_stopped_while_inflating() {
        let packed = |shape: &str, scale: u32, data: &str| {
            format!(r#"{{"version":1,"input":{{"encoding":"u8","shape":{shape},"scale":{scale},"data":"{data}"}}}}"#)
        };
        let nine = b64(&miniz_oxide::deflate::compress_to_vec(&[7u8; 9], 6));
        assert!(Scene::from_json(&packed("[1,3,3]", 1, &nine)).is_ok());
        assert_eq!(problem(&packed("[1,3,3]", 2, &nine)), Problem::BadPacked(PackProblem::Scale));
        assert_eq!(problem(&packed("[1,3]", 1, &nine)), Problem::BadPacked(PackProblem::Form));
        assert_eq!(
            problem(&packed("[1,2,3]", 1, &nine)),
            Problem::BadPacked(PackProblem::Length { wanted: 6, got: 7 })
        );
        assert_eq!(
            problem(&packed("[1,4,3]", 1, &nine)),
            Problem::BadPacked(PackProblem::Length { wanted: 12, got: 9 })
        );
        assert_eq!(problem(&packed("[1,3,3]", 1, "%%%")), Problem::BadPacked(PackProblem::Data));
        assert_eq!(problem(&packed("[1,300,3]", 1, &nine)), Problem::TooLarge { rows: 300, cols: 3, max: 256 });
        assert_eq!(problem(&packed("[17,3,3]", 1, &nine)), Problem::TooManyChannels { count: 17, max: 16 });
        // 100 MB of zeros deflate to about 100 KB; a 3 × 3 shape stops the inflating at 10 bytes.
        let bomb = b64(&miniz_oxide::deflate::compress_to_vec(&vec![0u8; 100 << 20], 9));
        assert_eq!(
            problem(&packed("[1,3,3]", 1, &bomb)),
            Problem::BadPacked(PackProblem::Length { wanted: 9, got: 10 })
        );
    }
}

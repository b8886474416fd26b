#![cfg(not(target_arch = "wasm32"))]
//! Native tests of pictures as maps (scaling by area averaging, v / 255, the gray formula, the
//! samples) and of large maps on canvas (colours, the cell under a point, the magnifier).

use convscope::model::picture::{downscale, fit_size, to_channels, Rgba, Sample};
use convscope::model::{Grid, Hw};
use convscope::state::canvas::{
    bar, cell_at, magnifier, on_canvas, pixels, tints, ColorScale, Region, MAGNIFIER, MAGNIFIER_MAX, MAGNIFIER_NARROW,
    MAX_OUTLINED,
};
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
    let region = magnifier(shape, Hw::square(0), &window, None, MAGNIFIER.1);
    assert!(window.iter().all(|&c| region.contains(c)));
    assert_eq!(region.rows.1 - region.rows.0, MAGNIFIER.0 as isize);
    assert_eq!(region.cols.1 - region.cols.0, MAGNIFIER.1 as isize);
    // At a padded corner it stays in the padded map.
    let corner = magnifier(shape, Hw::square(1), &[(-1, -1), (-1, 0), (0, -1), (0, 0)], None, MAGNIFIER.1);
    assert_eq!((corner.rows.0, corner.cols.0), (-1, -1));
    // A wide dilated window is cut to the largest magnifier.
    let wide: Vec<(isize, isize)> = (0..40).map(|c| (30, c)).collect();
    let region = magnifier(shape, Hw::square(0), &wide, None, MAGNIFIER.1);
    assert_eq!(region.cols.1 - region.cols.0, MAGNIFIER_MAX as isize);
    // Nothing to show: the top-left corner.
    assert_eq!(
        magnifier(shape, Hw::square(2), &[], None, MAGNIFIER.1),
        Region { rows: (-2, MAGNIFIER.0 as isize - 2), cols: (-2, MAGNIFIER.1 as isize - 2) }
    );
    // A map smaller than the magnifier shows all of itself.
    let small = magnifier(Hw::new(3, 40), Hw::square(0), &[(1, 5)], None, MAGNIFIER.1);
    assert_eq!(small.rows, (0, 3));
    // A phone's magnifier is narrower, and still holds the window with its margin.
    let narrow = magnifier(shape, Hw::square(0), &window, None, MAGNIFIER_NARROW);
    assert_eq!(narrow.cols.1 - narrow.cols.0, MAGNIFIER_NARROW as isize);
    assert!(narrow.cols.0 <= 19 && narrow.cols.1 >= 24);
}

/// The window of a 3 × 3 kernel at output (r, c) of a map padded by 1.
fn window_at(r: isize, c: isize) -> Vec<(isize, isize)> {
    (r - 1..r + 2).flat_map(|a| (c - 1..c + 2).map(move |b| (a, b))).collect()
}

#[test]
fn stepping_turns_the_magnifier_s_pages_rarely_and_never_loses_the_window() {
    // Step a 3 × 3 window over a 64 × 64 map padded by 1, in reading order, and count how
    // often the magnifier moves: it must always show the whole window with a margin (inside
    // the padded map), stay inside the padded map, and move at most once in 5 steps.
    let (shape, padding) = (Hw::new(64, 64), Hw::square(1));
    let mut region: Option<Region> = None;
    let (mut moves, mut steps) = (0, 0);
    for r in 0..64 {
        for c in 0..64 {
            let window = window_at(r, c);
            let next = magnifier(shape, padding, &window, region, MAGNIFIER.1);
            for &(a, b) in &window {
                assert!(next.contains((a, b)), "window cell ({a}, {b}) shown at step ({r}, {c})");
            }
            assert!(next.rows.0 >= -1 && next.cols.0 >= -1 && next.rows.1 <= 65 && next.cols.1 <= 65);
            // A margin of one cell where the padded map has it.
            assert!(next.cols.0 <= (c - 2).max(-1) && next.cols.1 >= (c + 3).min(65), "margin at ({r}, {c}): {next:?}");
            if region.is_some_and(|p| p != next) {
                moves += 1;
            }
            region = Some(next);
            steps += 1;
        }
    }
    assert!(moves * 5 <= steps, "{moves} moves in {steps} steps");
    // Walking back (keyboard to the left), it turns pages as rarely.
    let mut region = None;
    let mut moves = 0;
    for c in (0..64).rev() {
        let next = magnifier(shape, padding, &[(30, c)], region, MAGNIFIER.1);
        assert!(next.contains((30, c)));
        if region.is_some_and(|p| p != next) {
            moves += 1;
        }
        region = Some(next);
    }
    assert!(moves * 5 <= 64, "{moves} moves walking back");
}

#[test]
fn a_palette_draws_what_the_colour_map_gives_to_within_one_level() {
    let values: Vec<f64> = (0..2000).map(|i| (f64::from(i) * 0.7371).sin() * 9.0).collect();
    let grid = Grid::from_fn(40, 50, |r, c| values[r * 50 + c]).unwrap();
    // Each scale twice, interleaved: a palette kept from an earlier draw is that scale's own.
    let (a, b) = (ColorScale::of(&grid), ColorScale::Sequential { max: 10.0 });
    for scale in [a, b, a, ColorScale::Signed { max: 20.0 }, b] {
        let px = pixels(&grid, scale);
        for (i, &v) in grid.values().iter().enumerate() {
            let exact = scale.color(v);
            for k in 0..3 {
                let d = (i32::from(px[i * 4 + k]) - i32::from(exact[k])).abs();
                assert!(d <= 1, "value {v}: {:?} vs {exact:?}", &px[i * 4..i * 4 + 3]);
            }
        }
    }
    // Past the ends, values are drawn as the colour map clamps them.
    let odd = Grid::from_rows(&[vec![0.0, 1e300, -1e300]]).unwrap();
    let scale = ColorScale::Signed { max: 1.0 };
    let px = pixels(&odd, scale);
    assert_eq!(&px[4..7], &scale.color(1.0));
    assert_eq!(&px[8..11], &scale.color(-1.0));
}

#[test]
fn fields_and_many_linked_cells_are_tinted_one_pixel_a_cell() {
    use convscope::state::view::Marks;
    let shape = Hw::new(4, 5);
    assert_eq!(tints(shape, &Marks::default()), None, "nothing to tint, nothing drawn");
    let few = Marks { linked: vec![(0, 0), (1, 1)].into(), ..Marks::default() };
    assert_eq!(tints(shape, &few), None, "a few linked cells are outlined, not tinted");
    let marks = Marks { rf: vec![(0, 0), (0, 1), (-1, 0), (9, 9)].into(), pf: vec![(3, 4)].into(), ..Marks::default() };
    let px = tints(shape, &marks).unwrap();
    assert_eq!(px.len(), 4 * 5 * 4);
    let alpha = |r: usize, c: usize| px[(r * 5 + c) * 4 + 3];
    assert!(alpha(0, 0) > 0 && alpha(0, 1) > 0 && alpha(3, 4) > 0);
    assert_eq!(alpha(1, 1), 0);
    assert_ne!(px[0..3], px[(3 * 5 + 4) * 4..(3 * 5 + 4) * 4 + 3], "fields of two colours");
    let reach: Vec<(isize, isize)> = (0..30).flat_map(|r| (0..30).map(move |c| (r, c))).collect();
    let many = Marks { linked: reach.into(), ..Marks::default() };
    let px = tints(Hw::new(30, 30), &many).unwrap();
    assert!(px.chunks(4).all(|p| p[3] > 0), "every linked cell tinted");
    const { assert!(MAX_OUTLINED < 900) };
}

mod packed {
    use base64::Engine as _;
    use convscope::model::{Channels, Grid};
    use convscope::state::scene::{PackProblem, Problem, Scene, SceneError, MAX_SCENE_BYTES};
    use std::rc::Rc;

    fn scene_of(input: Channels) -> Scene {
        Scene { input: Rc::new(input), layers: Vec::new(), learn: None }
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

#[test]
fn a_magnifier_s_greys_are_the_canvas_s_colours_at_eleven_steps() {
    use convscope::state::canvas::grey_step;
    // The style sheet's g0 … g10 are the sequential colour map at 0, 0.1, … 1 of the scale.
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap();
    let scale = ColorScale::Sequential { max: 10.0 };
    for step in 0..=10 {
        let rule = format!(".cell.g{step} {{ background: #");
        let at = css.find(&rule).unwrap_or_else(|| panic!("{rule} in style.css")) + rule.len();
        let hex = &css[at..at + 6];
        let [r, g, b] = scale.color(step as f64);
        let want = if (r, g, b) == (255, 255, 255) { "ffffff".to_owned() } else { format!("{r:02x}{g:02x}{b:02x}") };
        let got = if hex.starts_with("fff;") {
            "ffffff".to_owned()
        } else if hex.starts_with("000;") {
            "000000".to_owned()
        } else {
            hex.to_owned()
        };
        assert_eq!(got, want, "g{step}");
        assert_eq!(grey_step(step as f64, 10.0), step);
    }
    assert_eq!(grey_step(0.04, 1.0), 0);
    assert_eq!(grey_step(0.96, 1.0), 10);
    assert_eq!(grey_step(-3.0, 1.0), 0);
    assert_eq!(grey_step(7.0, 1.0), 10);
}

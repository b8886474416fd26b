//! All maps on one sheet: the PNG buffer's layout and colours, and the SVG's numbers.

use convscope::model::Grid;
use convscope::state::canvas::{crisp_cell, ColorScale};
use convscope::state::sheet::{sheet_cell, sheet_png, sheet_size, sheet_svg, SvgMap, MAX_SHEET_SIDE, SHEET_GAP};

fn grid(rows: usize, cols: usize, f: impl Fn(usize, usize) -> f64) -> Grid {
    Grid::from_fn(rows, cols, f).unwrap()
}

#[test]
fn the_png_sheet_puts_every_cell_in_its_colour_where_the_layout_says() {
    let a = grid(2, 3, |r, c| (r * 3 + c) as f64);
    let b0 = grid(4, 4, |r, c| r as f64 - c as f64);
    let b1 = grid(4, 4, |r, c| (r * c) as f64 / 9.0);
    let maps = vec![vec![&a], vec![&b0, &b1]];
    let k = 5;
    let (w, h, rgba) = sheet_png(&maps, k);
    assert_eq!((w, h), sheet_size(&maps, k));
    assert_eq!(w, SHEET_GAP + 3 * k + SHEET_GAP + 4 * k + SHEET_GAP);
    assert_eq!(h, SHEET_GAP + (4 * k + SHEET_GAP) * 2);
    assert_eq!(rgba.len(), w * h * 4);
    let px = |x: usize, y: usize| &rgba[(y * w + x) * 4..(y * w + x) * 4 + 4];
    // Every cell of every channel, at both corners of its square.
    let mut x0 = SHEET_GAP;
    for map in &maps {
        let mut y0 = SHEET_GAP;
        for g in map {
            let scale = ColorScale::of(g);
            for r in 0..g.rows() {
                for c in 0..g.cols() {
                    let [red, green, blue] = scale.color(g.get(r, c).unwrap());
                    for (dx, dy) in [(0, 0), (k - 1, k - 1)] {
                        assert_eq!(px(x0 + c * k + dx, y0 + r * k + dy), &[red, green, blue, 255], "({r}, {c})");
                    }
                }
            }
            y0 += g.rows() * k + SHEET_GAP;
        }
        x0 += map.iter().map(|g| g.cols() * k).max().unwrap() + SHEET_GAP;
    }
    // The gaps are white paper.
    assert_eq!(px(0, 0), &[255, 255, 255, 255]);
    assert_eq!(px(SHEET_GAP + 3 * k + 1, SHEET_GAP), &[255, 255, 255, 255]);
}

#[test]
fn a_sheet_s_cells_shrink_with_the_maps_and_never_pass_the_browser_s_limit() {
    let small = grid(3, 3, |_, _| 1.0);
    assert_eq!(sheet_cell(&[vec![&small]]), 171, "a 3 × 3 map is 513 pixels a side");
    // A single map's Save as PNG uses the same rule: whole pixels, at least 512 a side.
    assert_eq!((crisp_cell(64), crisp_cell(100), crisp_cell(256), crisp_cell(600)), (8, 6, 2, 1));
    let picture = grid(256, 256, |_, _| 0.5);
    assert_eq!(sheet_cell(&[vec![&picture]]), 2);
    // Sixteen channels of 256 × 256 in each of nine maps: shrunk to fit, not refused.
    let stack: Vec<Vec<&Grid>> = (0..9).map(|_| vec![&picture; 16]).collect();
    let k = sheet_cell(&stack);
    let (w, h) = sheet_size(&stack, k);
    assert!(k >= 1 && w <= MAX_SHEET_SIDE && h <= MAX_SHEET_SIDE, "k {k}: {w} × {h}");
}

#[test]
fn the_svg_sheet_has_every_number_grid_with_its_values_and_leaves_out_canvas_maps() {
    let input = grid(3, 3, |r, c| (r * 3 + c) as f64);
    let output = grid(2, 2, |r, c| [19.0, 25.0, 37.0, 43.0][r * 2 + c]);
    let fraction = grid(1, 2, |_, c| if c == 0 { 1.0 / 3.0 } else { -0.5 });
    let big = grid(40, 40, |_, _| 7.0);
    let svg = sheet_svg(&[
        SvgMap { title: "Input <x> & y".into(), channels: vec![(String::new(), &input)] },
        SvgMap { title: "Layer 1 · Output".into(), channels: vec![(String::new(), &output)] },
        SvgMap { title: "Two".into(), channels: vec![("channel 0".into(), &fraction), ("channel 1".into(), &input)] },
        SvgMap { title: "Picture".into(), channels: vec![(String::new(), &big)] },
    ])
    .unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("Input &lt;x&gt; &amp; y"), "titles escaped");
    for v in ["19", "25", "37", "43", "0.333", "-0.5", "8"] {
        assert!(svg.contains(&format!(">{v}</text>")), "value {v} shown");
    }
    assert!(svg.contains(">channel 1</text>"), "channels named when there are several");
    assert!(!svg.contains("Picture"), "a map drawn on a canvas is left out");
    // One coloured square a cell: 9 + 4 + 2 + 9, and the paper.
    assert_eq!(svg.matches("<rect").count(), 9 + 4 + 2 + 9 + 1);
    assert_eq!(sheet_svg(&[SvgMap { title: "Picture".into(), channels: vec![(String::new(), &big)] }]), None);
}

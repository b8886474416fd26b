#![cfg(not(target_arch = "wasm32"))]
//! Native tests of the model: d2l's numbers, shapes, traces and errors, plus property tests.

use convscope::i18n::EN;
use convscope::model::*;
use proptest::prelude::*;

fn grid(rows: &[&[f64]]) -> Grid {
    Grid::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
}

fn arange(rows: usize, cols: usize) -> Grid {
    Grid::from_fn(rows, cols, |r, c| (r * cols + c) as f64).unwrap()
}

fn conv(kernel: Grid, stride: (usize, usize), padding: (usize, usize), dilation: (usize, usize), mode: Mode) -> Layer {
    Layer::Conv(
        Conv::new(
            kernel,
            0.0,
            Hw::new(stride.0, stride.1),
            Hw::new(padding.0, padding.1),
            Hw::new(dilation.0, dilation.1),
            mode,
        )
        .unwrap(),
    )
}

fn pool(kind: PoolKind, size: usize, stride: usize, padding: usize) -> Layer {
    Layer::Pool(Pool::new(kind, Hw::square(size), Hw::square(stride), Hw::square(padding)).unwrap())
}

/// The model's one-channel forms: a grid in, a grid (its only channel) out.
trait OneChannel {
    fn forward1(&self, x: &Grid) -> Result<Grid, ModelError>;
    fn trace1(&self, x: &Grid, row: usize, col: usize) -> Option<Trace>;
}

impl OneChannel for Layer {
    fn forward1(&self, x: &Grid) -> Result<Grid, ModelError> {
        let out = self.forward(&Channels::from(x.clone()))?;
        assert_eq!(out.count(), 1);
        Ok(out.planes()[0].clone())
    }
    fn trace1(&self, x: &Grid, row: usize, col: usize) -> Option<Trace> {
        self.trace(&Channels::from(x.clone()), 0, row, col)
    }
}

fn ch(g: Grid) -> Channels {
    Channels::from(g)
}

fn x3() -> Grid {
    arange(3, 3)
}
fn k2() -> Grid {
    grid(&[&[0.0, 1.0], &[2.0, 3.0]])
}

#[test]
fn d2l_corr2d() {
    let y = conv(k2(), (1, 1), (0, 0), (1, 1), Mode::CrossCorrelation).forward1(&x3()).unwrap();
    assert_eq!(y, grid(&[&[19.0, 25.0], &[37.0, 43.0]]));
}

#[test]
fn d2l_convolution_mode_flips_the_kernel() {
    let y = conv(k2(), (1, 1), (0, 0), (1, 1), Mode::Convolution).forward1(&x3()).unwrap();
    assert_eq!(y, grid(&[&[5.0, 11.0], &[23.0, 29.0]]));
}

#[test]
fn bias_is_added_to_every_output() {
    let layer = Layer::Conv(Conv::simple(k2(), -0.5).unwrap());
    let y = layer.forward1(&x3()).unwrap();
    assert_eq!(y, grid(&[&[18.5, 24.5], &[36.5, 42.5]]));
}

#[test]
fn d2l_edge_detector() {
    let x = Grid::from_fn(6, 8, |_, c| if (2..6).contains(&c) { 0.0 } else { 1.0 }).unwrap();
    let k = grid(&[&[1.0, -1.0]]);
    let layer = conv(k, (1, 1), (0, 0), (1, 1), Mode::CrossCorrelation);
    let y = layer.forward1(&x).unwrap();
    assert_eq!((y.rows(), y.cols()), (6, 7));
    for r in 0..6 {
        let row: Vec<f64> = (0..7).map(|c| y.get(r, c).unwrap()).collect();
        assert_eq!(row, vec![0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0]);
    }
    let yt = layer.forward1(&Grid::from_fn(8, 6, |r, c| x.get(c, r).unwrap()).unwrap()).unwrap();
    assert_eq!((yt.rows(), yt.cols()), (8, 5));
    assert!(yt.values().iter().all(|&v| v == 0.0));
}

#[test]
fn padding_one_gives_a_four_by_four_map() {
    let y = conv(k2(), (1, 1), (1, 1), (1, 1), Mode::CrossCorrelation).forward1(&x3()).unwrap();
    assert_eq!((y.rows(), y.cols()), (4, 4));
    // Top-left window sees only x[0][0] = 0 at weight 3; bottom-right sees x[2][2] = 8 at weight 0.
    assert_eq!(y.get(0, 0), Some(0.0));
    assert_eq!(y.get(0, 1), Some(0.0 * 2.0 + 1.0 * 3.0));
    assert_eq!(y.get(3, 3), Some(0.0));
}

#[test]
fn stride_three_two_with_padding_one() {
    let y = conv(k2(), (3, 2), (1, 1), (1, 1), Mode::CrossCorrelation).forward1(&x3()).unwrap();
    assert_eq!(y, grid(&[&[0.0, 8.0], &[6.0, 8.0]]));
}

#[test]
fn dilation_spreads_the_kernel() {
    // 2×2 kernel with dilation 2 spans 3×3: on a 3×3 input, one output: corners weighted.
    let y = conv(k2(), (1, 1), (0, 0), (2, 2), Mode::CrossCorrelation).forward1(&x3()).unwrap();
    assert_eq!(y, grid(&[&[0.0 * 0.0 + 1.0 * 2.0 + 2.0 * 6.0 + 3.0 * 8.0]]));
}

#[test]
fn pooling_of_zero_to_eight() {
    let max = pool(PoolKind::Max, 2, 1, 0).forward1(&x3()).unwrap();
    assert_eq!(max, grid(&[&[4.0, 5.0], &[7.0, 8.0]]));
    let avg = pool(PoolKind::Avg, 2, 1, 0).forward1(&x3()).unwrap();
    assert_eq!(avg, grid(&[&[2.0, 3.0], &[5.0, 6.0]]));
}

#[test]
fn max_pool_three_padding_one_stride_two_on_arange16() {
    let y = pool(PoolKind::Max, 3, 2, 1).forward1(&arange(4, 4)).unwrap();
    assert_eq!(y, grid(&[&[5.0, 7.0], &[13.0, 15.0]]));
}

#[test]
fn avg_pool_counts_padded_zeros() {
    // Top-left 3×3 window with padding 1 covers x[0..2][0..2] = 0+1+4+5 = 10 over 9 cells.
    let y = pool(PoolKind::Avg, 3, 2, 1).forward1(&arange(4, 4)).unwrap();
    assert_eq!(y.get(0, 0), Some(10.0 / 9.0));
}

#[test]
fn pool_padding_over_half_the_window_is_refused() {
    let err = Pool::new(PoolKind::Max, Hw::square(2), Hw::square(2), Hw::square(2)).unwrap_err();
    assert!(matches!(err, ModelError::PoolPaddingTooLarge { .. }));
    assert!((EN.model_error)(&err).contains("padding ≤ 1"), "{err:?}");
}

#[test]
fn window_that_does_not_fit_says_why_in_words() {
    let k = Grid::filled(3, 5, 1.0).unwrap();
    let err = conv(k, (1, 1), (0, 0), (1, 1), Mode::CrossCorrelation).forward1(&x3()).unwrap_err();
    assert_eq!((EN.model_error)(&err), "kernel 5 wider than padded input 3: reduce the kernel or add padding ≥ 1");
    let k = Grid::filled(3, 3, 1.0).unwrap();
    let err = conv(k, (1, 1), (0, 0), (2, 1), Mode::CrossCorrelation).forward1(&x3()).unwrap_err();
    assert_eq!(
        (EN.model_error)(&err),
        "dilated kernel 3 (dilation 2) spans 5, so it is taller than padded input 3: reduce the kernel or the dilation or add padding ≥ 1"
    );
}

#[test]
fn zero_stride_and_dilation_are_typed_errors() {
    let k = k2();
    let z = Hw::square(0);
    let one = Hw::square(1);
    assert_eq!(
        Conv::new(k.clone(), 0.0, z, z, one, Mode::CrossCorrelation).unwrap_err(),
        ModelError::ZeroStride { axis: Axis::Rows }
    );
    assert_eq!(
        Conv::new(k, 0.0, one, z, Hw::new(1, 0), Mode::CrossCorrelation).unwrap_err(),
        ModelError::ZeroDilation { axis: Axis::Cols }
    );
}

#[test]
fn grid_construction_is_checked() {
    assert_eq!(Grid::from_rows(&[]), Err(GridError::Empty));
    assert_eq!(Grid::from_rows(&[vec![]]), Err(GridError::Empty));
    assert_eq!(Grid::from_rows(&[vec![1.0, 2.0], vec![3.0]]), Err(GridError::Ragged { row: 1, expected: 2, found: 1 }));
    assert_eq!(Grid::from_rows(&[vec![f64::NAN]]), Err(GridError::NotFinite { row: 0, col: 0 }));
    assert_eq!(x3().get(3, 0), None);
    assert_eq!(x3().get_signed(-1, 0), None);
}

#[test]
fn trace_shows_the_d2l_arithmetic() {
    let layer = Layer::Conv(Conv::simple(k2(), 0.0).unwrap());
    let t = layer.trace1(&x3(), 0, 0).unwrap();
    let pairs: Vec<(f64, f64)> = t.terms.iter().map(|t| (t.value, t.weighted.unwrap().weight)).collect();
    assert_eq!(pairs, vec![(0.0, 0.0), (1.0, 1.0), (3.0, 2.0), (4.0, 3.0)]);
    assert_eq!(t.reduction, Reduction::Sum { sum: 19.0, bias: 0.0 });
    assert_eq!(t.result, 19.0);
    assert!(layer.trace1(&x3(), 2, 0).is_none());
}

#[test]
fn trace_in_convolution_mode_links_to_the_entered_kernel() {
    let layer = conv(k2(), (1, 1), (0, 0), (1, 1), Mode::Convolution);
    let t = layer.trace1(&x3(), 0, 0).unwrap();
    // The first tap meets the flipped kernel's (0,0), which is the entered kernel's (1,1) = 3.
    assert_eq!(t.terms[0].weighted.map(|w| w.weight), Some(3.0));
    assert_eq!(t.terms[0].weighted.map(|w| w.kernel_pos), Some((1, 1)));
    assert_eq!(t.result, 5.0);
}

#[test]
fn trace_marks_padding_terms() {
    let layer = conv(k2(), (1, 1), (1, 1), (1, 1), Mode::CrossCorrelation);
    let t = layer.trace1(&x3(), 0, 0).unwrap();
    let pads: Vec<bool> = t.terms.iter().map(|t| t.padding).collect();
    assert_eq!(pads, vec![true, true, true, false]);
    assert_eq!((t.terms[0].tap.input_row, t.terms[0].tap.input_col), (-1, -1));
}

#[test]
fn stack_forward_reports_upstream_failures() {
    let layers =
        vec![Layer::Conv(Conv::simple(k2(), 0.0).unwrap()), pool(PoolKind::Max, 3, 3, 0), pool(PoolKind::Max, 1, 1, 0)];
    let maps = forward_all(&ch(x3()), &layers);
    assert_eq!(maps[0].as_ref().unwrap(), &ch(grid(&[&[19.0, 25.0], &[37.0, 43.0]])));
    assert!(matches!(maps[1], Err(ModelError::WindowDoesNotFit { .. })));
    assert_eq!(maps[2], Err(ModelError::Upstream { layer: 2 }));
}

#[test]
fn d2l_two_layer_stack() {
    let layers = vec![Layer::Conv(Conv::simple(k2(), 0.0).unwrap()), Layer::Conv(Conv::simple(k2(), 0.0).unwrap())];
    let maps = forward_all(&ch(x3()), &layers);
    assert_eq!(maps[1].as_ref().unwrap(), &ch(grid(&[&[25.0 + 2.0 * 37.0 + 3.0 * 43.0]])));
}

#[test]
fn values_format_as_shortest_round_trip() {
    assert_eq!(format_value(19.0), "19");
    assert_eq!(format_value(-1.5), "-1.5");
    assert_eq!(format_value(-0.0), "0");
    assert_eq!(format_value(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(format_value(10.0 / 9.0).parse::<f64>().unwrap(), 10.0 / 9.0);
}

/// Small random grids of small integers.
fn small_grid(max: usize) -> impl Strategy<Value = Grid> {
    (1..=max, 1..=max).prop_flat_map(|(r, c)| {
        proptest::collection::vec(-9i32..=9, r * c)
            .prop_map(move |v| Grid::from_fn(r, c, |i, j| f64::from(v[i * c + j])).unwrap())
    })
}

proptest! {
    #[test]
    fn convolution_is_cross_correlation_with_the_flipped_kernel(
        x in small_grid(8), k in small_grid(4), s in (1usize..4, 1usize..4),
        p in (0usize..3, 0usize..3), d in (1usize..3, 1usize..3),
    ) {
        let a = conv(k.clone(), s, p, d, Mode::Convolution).forward1(&x);
        let b = conv(k.flipped(), s, p, d, Mode::CrossCorrelation).forward1(&x);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn output_shape_matches_the_formula(
        n in 1usize..40, k in 1usize..8, s in 1usize..6, p in 0usize..5, d in 1usize..5,
    ) {
        let layer = conv(Grid::filled(k, 1, 1.0).unwrap(), (s, 1), (p, 0), (d, 1), Mode::CrossCorrelation);
        let padded = (n + 2 * p) as i64;
        let span = (d * (k - 1) + 1) as i64;
        match layer.output_shape(Hw::new(n, 1)) {
            Ok(shape) => {
                prop_assert!(span <= padded);
                prop_assert_eq!(shape.h as i64, (padded - span) / s as i64 + 1);
                let y = layer.forward1(&Grid::filled(n, 1, 1.0).unwrap()).unwrap();
                prop_assert_eq!(y.rows(), shape.h);
            }
            Err(ModelError::WindowDoesNotFit { .. }) => prop_assert!(span > padded),
            Err(e) => prop_assert!(false, "unexpected error {:?}", e),
        }
    }

    #[test]
    fn trace_agrees_with_forward(
        x in small_grid(7), k in small_grid(3), s in (1usize..3, 1usize..3),
        p in (0usize..3, 0usize..3), d in (1usize..3, 1usize..3), bias in -5i32..5,
        convolution in any::<bool>(),
    ) {
        let mode = if convolution { Mode::Convolution } else { Mode::CrossCorrelation };
        let layer = Layer::Conv(Conv::new(k, f64::from(bias), Hw::new(s.0, s.1), Hw::new(p.0, p.1), Hw::new(d.0, d.1), mode).unwrap());
        if let Ok(y) = layer.forward1(&x) {
            for r in 0..y.rows() {
                for c in 0..y.cols() {
                    let t = layer.trace1(&x, r, c).unwrap();
                    prop_assert_eq!(Some(t.result), y.get(r, c));
                }
            }
        }
    }

    #[test]
    fn no_parameters_in_range_panic(
        x in small_grid(12), k in small_grid(6),
        s in (0usize..20, 0usize..20), p in (0usize..20, 0usize..20), d in (0usize..20, 0usize..20),
        size in (0usize..20, 0usize..20), avg in any::<bool>(), row in 0usize..30, col in 0usize..30,
    ) {
        let conv = Conv::new(k, 1.0, Hw::new(s.0, s.1), Hw::new(p.0, p.1), Hw::new(d.0, d.1), Mode::Convolution);
        let kind = if avg { PoolKind::Avg } else { PoolKind::Max };
        let pool = Pool::new(kind, Hw::new(size.0, size.1), Hw::new(s.0, s.1), Hw::new(p.0, p.1));
        let layers: Vec<Layer> = conv.map(Layer::Conv).into_iter().chain(pool.map(Layer::Pool)).collect();
        for layer in &layers {
            let _ = layer.forward1(&x);
            let _ = layer.trace1(&x, row, col);
        }
        let maps = forward_all(&ch(x.clone()), &layers);
        prop_assert_eq!(maps.len(), layers.len());
        for m in maps.iter().flatten() {
            prop_assert!(m.values().all(|v| v.is_finite()));
        }
    }
}

#[test]
fn window_cells_respect_padding_stride_and_dilation() {
    let layer = conv(Grid::filled(2, 2, 1.0).unwrap(), (2, 1), (1, 0), (2, 1), Mode::CrossCorrelation);
    let g = layer.geometry();
    assert_eq!(window_cells(g, 0, 0), vec![(-1, 0), (-1, 1), (1, 0), (1, 1)]);
    assert_eq!(window_cells(g, 1, 1), vec![(1, 1), (1, 2), (3, 1), (3, 2)]);
    let one = Dims::new(1, Hw::new(2, 3));
    assert_eq!(position_of_step(one, 4), Some(Pos::new(0, 1, 1)));
    assert_eq!(position_of_step(one, 6), None);
    assert_eq!(step_of_position(one, Pos::new(0, 1, 2)), Some(5));
    // Channels come first (PyTorch's order): step 8 of a 2 × 2 × 3 map is channel 1, row 0, col 2.
    let two = Dims::new(2, Hw::new(2, 3));
    assert_eq!(position_of_step(two, 8), Some(Pos::new(1, 0, 2)));
    assert_eq!(position_of_step(two, 12), None);
    assert_eq!(step_of_position(two, Pos::new(1, 0, 2)), Some(8));
    assert_eq!(step_of_position(two, Pos::new(2, 0, 0)), None);
}

#[test]
fn a_weight_reaches_and_an_input_feeds() {
    let layer = Layer::Conv(Conv::simple(k2(), 0.0).unwrap());
    let g = layer.geometry();
    let out = Hw::new(2, 2);
    // Weight (0,0) meets the top-left 2×2 of X; weight (1,1) the bottom-right 2×2.
    assert_eq!(tap_reach(g, out, 0, 0), vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
    assert_eq!(tap_reach(g, out, 1, 1), vec![(1, 1), (1, 2), (2, 1), (2, 2)]);
    // The centre of X feeds all four outputs; a corner feeds one.
    assert_eq!(outputs_fed_by(g, out, (1, 1)).len(), 4);
    assert_eq!(outputs_fed_by(g, out, (0, 2)), vec![(0, 1)]);
    assert!(outputs_fed_by(g, out, (5, 5)).is_empty());
}

proptest! {
    #[test]
    fn fed_outputs_and_weight_reach_match_brute_force(
        n in (1usize..12, 1usize..12), k in small_grid(4), s in (1usize..4, 1usize..4),
        p in (0usize..3, 0usize..3), d in (1usize..3, 1usize..3), cell in (-3isize..14, -3isize..14),
    ) {
        let layer = conv(k, s, p, d, Mode::CrossCorrelation);
        let g = layer.geometry();
        let Ok(out) = layer.output_shape(Hw::new(n.0, n.1)) else { return Ok(()) };
        let mut brute = Vec::new();
        for r in 0..out.h {
            for c in 0..out.w {
                if g.taps(r, c).any(|t| (t.input_row, t.input_col) == cell) {
                    brute.push((r as isize, c as isize));
                }
            }
        }
        prop_assert_eq!(outputs_fed_by(g, out, cell), brute);
        let (kh, kw) = (g.window().h, g.window().w);
        for (a, b) in [(0, 0), (kh - 1, kw - 1)] {
            let mut reach: Vec<(isize, isize)> = (0..out.h)
                .flat_map(|r| (0..out.w).map(move |c| (r, c)))
                .filter_map(|(r, c)| g.taps(r, c).find(|t| t.tap_row == a && t.tap_col == b))
                .map(|t| (t.input_row, t.input_col))
                .collect();
            reach.sort_unstable();
            reach.dedup();
            prop_assert_eq!(tap_reach(g, out, a, b), reach);
        }
    }
}

#[test]
fn a_stack_that_grows_past_the_cell_bound_says_so() {
    let grow = || conv(Grid::filled(1, 1, 1.0).unwrap(), (1, 1), (16, 16), (1, 1), Mode::CrossCorrelation);
    // 64² + 96² + … + 576² = 2,158,592 cells; a 608² output passes 2,500,000.
    let layers = vec![grow(); 18];
    let shapes = output_shapes(Dims::new(1, Hw::square(64)), &layers);
    assert_eq!(shapes[0], Ok(Dims::new(1, Hw::square(96))));
    assert_eq!(shapes[15], Ok(Dims::new(1, Hw::square(576))));
    assert!(matches!(shapes[16], Err(ModelError::TooManyCells { channels: 1, rows: 608, cols: 608, .. })));
    assert_eq!(shapes[17], Err(ModelError::Upstream { layer: 17 }));
    let maps = forward_all(&ch(Grid::filled(64, 64, 1.0).unwrap()), &layers[..17]);
    assert!(maps[15].is_ok());
    let message = (EN.model_error)(maps[16].as_ref().unwrap_err());
    assert!(message.starts_with("its 608 × 608 output would take the maps past 2500000 cells"), "{message}");
    // Channels count: 16 channels of 320 × 320 (1,638,400 cells), then 16 channels of 352².
    let x = Dims::new(16, Hw::square(320));
    let wide = Layer::Conv(
        Conv::with_channels(
            vec![vec![Grid::filled(1, 1, 1.0).unwrap(); 16]; 16],
            vec![0.0; 16],
            1,
            Hw::square(1),
            Hw::square(16),
            Hw::square(1),
            Mode::CrossCorrelation,
        )
        .unwrap(),
    );
    let shapes = output_shapes(x, &[wide]);
    assert!(matches!(shapes[0], Err(ModelError::TooManyCells { channels: 16, rows: 352, cols: 352, .. })));
}

#[test]
fn tiny_and_huge_values_are_written_with_an_exponent() {
    assert_eq!(format_value(1e-320), "1e-320");
    assert_eq!(format_value(1.5e21), "1.5e21");
    assert_eq!(format_value(1e-7), "0.0000001");
    assert_eq!(format_value(-2.5e-8), "-2.5e-8");
    for v in [1e-320, 1.5e21, -2.5e-8, 123.456] {
        assert_eq!(format_value(v).parse::<f64>().unwrap(), v);
    }
}

#[test]
fn a_grid_from_values_needs_exactly_its_cells_all_finite() {
    let g = Grid::from_values(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
    assert_eq!(g.get(1, 0), Some(4.0));
    assert_eq!(Grid::from_values(2, 3, vec![1.0; 5]), Err(GridError::TooLarge));
    assert_eq!(Grid::from_values(0, 3, vec![]), Err(GridError::Empty));
    assert_eq!(Grid::from_values(2, 2, vec![1.0, 2.0, f64::NAN, 4.0]), Err(GridError::NotFinite { row: 1, col: 0 }));
}

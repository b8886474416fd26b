//! Native tests of channels (issue #12): d2l's multi-input and multi-output examples, 1×1
//! convolution as a matrix product, groups and depthwise convolution, a brute-force reference
//! for every setting, pooling per channel, the errors, receptive and projective fields over
//! (channel, row, column), the scene format, the reducer's channel settings and the presets.
//!
//! Every expected value is either d2l's published number or computed here, by loops written in
//! the test, never by the code under test.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use convscope::i18n::EN;
use convscope::model::*;
use convscope::state::scene::{Place, Problem};
use convscope::state::{
    Action, AppState, CellId, EditError, Field, FieldState, GridId, LayerId, NoticeKind, Preset, Scene, SceneError,
    View, ViewCell, ViewPart,
};
use proptest::collection::vec;
use proptest::prelude::*;

type Plane = Vec<Vec<f64>>;

// ---------------------------------------------------------------------------------------------
// Helpers

fn grid(rows: &[Vec<f64>]) -> Grid {
    Grid::from_rows(rows).unwrap()
}

fn rows(k: &[&[f64]]) -> Grid {
    grid(&k.iter().map(|r| r.to_vec()).collect::<Vec<_>>())
}

/// A `rows × cols` grid counting up from `start` in row-major order.
fn counting(rows: usize, cols: usize, start: f64) -> Grid {
    Grid::from_fn(rows, cols, |r, c| start + (r * cols + c) as f64).unwrap()
}

fn map(planes: &[Plane]) -> Channels {
    Channels::new(planes.iter().map(|p| grid(p)).collect()).unwrap()
}

fn planes(m: &Channels) -> Vec<Plane> {
    m.planes().iter().map(Grid::to_rows).collect()
}

fn one() -> Hw {
    Hw::square(1)
}

fn zero() -> Hw {
    Hw::square(0)
}

/// A stride-1, unpadded, undilated cross-correlation with several channels.
fn xcorr(kernel: Vec<Vec<Grid>>, bias: Vec<f64>, groups: usize) -> Conv {
    Conv::with_channels(kernel, bias, groups, one(), zero(), one(), Mode::CrossCorrelation).unwrap()
}

/// d2l's two-channel input: 0…8 and 1…9.
fn d2l_x() -> Channels {
    Channels::new(vec![counting(3, 3, 0.0), counting(3, 3, 1.0)]).unwrap()
}

fn l(n: usize) -> LayerId {
    LayerId::new(n).unwrap()
}

fn cell(grid: GridId, row: isize, col: isize) -> CellId {
    CellId { grid, row, col }
}

fn run(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(state, |s, a| s.apply(a))
}

fn outputs(scene: &Scene, layer: usize) -> Vec<Plane> {
    planes(forward_all(&scene.input, &scene.layers)[layer - 1].as_ref().unwrap())
}

fn conv_of(scene: &Scene, layer: usize) -> &Conv {
    scene.conv(l(layer)).unwrap()
}

fn slice_rows(conv: &Conv, out: usize, inp: usize) -> Option<Plane> {
    conv.slice(Slice { out, inp }).map(Grid::to_rows)
}

const D2L_56: [[f64; 2]; 2] = [[56.0, 72.0], [104.0, 120.0]];
const D2L_76: [[f64; 2]; 2] = [[76.0, 100.0], [148.0, 172.0]];
const D2L_96: [[f64; 2]; 2] = [[96.0, 128.0], [192.0, 224.0]];

fn plane_of(p: [[f64; 2]; 2]) -> Plane {
    p.iter().map(|r| r.to_vec()).collect()
}

/// d2l's three-output weight: output o has the slices K + o (K = [[0,1],[2,3]] and [[1,2],[3,4]]).
fn d2l_three_outputs() -> Vec<Vec<Grid>> {
    (0..3).map(|o| vec![counting(2, 2, o as f64), counting(2, 2, o as f64 + 1.0)]).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. d2l's numbers

#[test]
fn d2l_two_input_channels_give_56() {
    let x = d2l_x();
    let conv = xcorr(vec![vec![counting(2, 2, 0.0), counting(2, 2, 1.0)]], vec![0.0], 1);
    assert_eq!((conv.in_channels(), conv.out_channels(), conv.per_group(), conv.groups()), (2, 1, 2, 1));
    assert_eq!(conv.reads(0), 0..2);
    let layer = Layer::Conv(conv);
    assert_eq!(layer.output_dims(Dims::of(&x)), Ok(Dims::new(1, Hw::square(2))));
    let y = layer.forward(&x).unwrap();
    assert_eq!(planes(&y), vec![plane_of(D2L_56)]);

    let t = layer.trace(&x, 0, 0, 0).unwrap();
    assert_eq!((t.channel, t.row, t.col), (0, 0, 0));
    // 0·0 + 1·1 + 3·2 + 4·3 = 19 and 1·1 + 2·2 + 4·3 + 5·4 = 37.
    assert_eq!(t.partials, vec![19.0, 37.0]);
    assert_eq!(t.result, 56.0);
    assert_eq!(t.reduction, Reduction::Sum { sum: 56.0, bias: 0.0 });
    let channels: Vec<usize> = t.terms.iter().map(|term| term.channel).collect();
    assert_eq!(channels, vec![0, 0, 0, 0, 1, 1, 1, 1], "terms grouped by input channel, in order");
    let slices: Vec<usize> = t.terms.iter().map(|term| term.weighted.unwrap().slice.inp).collect();
    assert_eq!(slices, channels);
    assert!(t.terms.iter().all(|term| term.weighted.unwrap().slice.out == 0));
    let values: Vec<f64> = t.terms.iter().map(|term| term.value).collect();
    assert_eq!(values, vec![0.0, 1.0, 3.0, 4.0, 1.0, 2.0, 4.0, 5.0]);
    let products: Vec<f64> = t.terms.iter().map(|term| term.weighted.unwrap().product).collect();
    assert_eq!(products, vec![0.0, 1.0, 6.0, 12.0, 1.0, 4.0, 12.0, 20.0]);
    // Positions that do not exist have no trace.
    assert!(layer.trace(&x, 1, 0, 0).is_none());
    assert!(layer.trace(&x, 0, 2, 0).is_none());
}

#[test]
fn d2l_three_output_channels() {
    let x = d2l_x();
    let conv = xcorr(d2l_three_outputs(), vec![0.0; 3], 1);
    assert_eq!((conv.in_channels(), conv.out_channels()), (2, 3));
    let layer = Layer::Conv(conv);
    let y = layer.forward(&x).unwrap();
    assert_eq!(planes(&y), vec![plane_of(D2L_56), plane_of(D2L_76), plane_of(D2L_96)]);
    // Output channel 1 at (1, 1): 4·1 + 5·2 + 7·3 + 8·4 = 67 and 5·2 + 6·3 + 8·4 + 9·5 = 105.
    let t = layer.trace(&x, 1, 1, 1).unwrap();
    assert_eq!((t.partials.clone(), t.result), (vec![67.0, 105.0], 172.0));
    assert!(t.terms.iter().all(|term| term.weighted.unwrap().slice.out == 1));

    // One bias per output channel, each added to its own channel only.
    let biased = Layer::Conv(xcorr(d2l_three_outputs(), vec![1.0, -1.0, 0.5], 1));
    let z = biased.forward(&x).unwrap();
    for (o, b) in [1.0, -1.0, 0.5].into_iter().enumerate() {
        for r in 0..2 {
            for c in 0..2 {
                assert_eq!(z.get(o, r, c), Some(y.get(o, r, c).unwrap() + b));
            }
        }
    }
    assert_eq!(biased.trace(&x, 2, 0, 0).unwrap().reduction, Reduction::Sum { sum: 96.0, bias: 0.5 });
}

#[test]
fn steps_run_channel_then_row_then_column() {
    let dims = Dims::new(3, Hw::new(2, 3));
    let mut step = 0;
    for channel in 0..3 {
        for row in 0..2 {
            for col in 0..3 {
                let pos = Pos::new(channel, row, col);
                assert_eq!(position_of_step(dims, step), Some(pos));
                assert_eq!(step_of_position(dims, pos), Some(step));
                step += 1;
            }
        }
    }
    assert_eq!(position_of_step(dims, 18), None);
    assert_eq!(step_of_position(dims, Pos::new(3, 0, 0)), None);
    assert_eq!(step_of_position(dims, Pos::new(0, 2, 0)), None);
    assert_eq!(step_of_position(dims, Pos::new(0, 0, 3)), None);
    assert_eq!(dims.cells(), 18);
}

// ---------------------------------------------------------------------------------------------
// 2. A 1×1 convolution is a matrix product at every pixel

fn float_plane(h: usize, w: usize) -> impl Strategy<Value = Plane> {
    vec(vec(-10.0f64..10.0, w), h)
}

proptest! {
    #[test]
    fn one_by_one_is_a_matrix_product_per_pixel(
        input in (1usize..=5, 1usize..=5).prop_flat_map(|(h, w)| vec(float_plane(h, w), 3)),
        weights in vec(vec(-3.0f64..3.0, 3), 2),
        bias in vec(-2.0f64..2.0, 2),
    ) {
        let x = map(&input);
        let kernel = weights.iter().map(|row| row.iter().map(|&w| rows(&[&[w]])).collect()).collect();
        let y = Layer::Conv(xcorr(kernel, bias.clone(), 1)).forward(&x).unwrap();
        prop_assert_eq!(y.count(), 2);
        prop_assert_eq!(y.shape(), x.shape());
        for r in 0..x.rows() {
            for c in 0..x.cols() {
                let pixel: Vec<f64> = input.iter().map(|plane| plane[r][c]).collect();
                for o in 0..2 {
                    // Left to right, as the fold adds: w·x summed over channels, then the bias.
                    let dot = pixel[0] * weights[o][0] + pixel[1] * weights[o][1] + pixel[2] * weights[o][2];
                    prop_assert_eq!(y.get(o, r, c), Some(dot + bias[o]));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Groups: a grouped convolution is the concatenation of its groups; depthwise is per channel

#[derive(Clone, Debug)]
struct GroupCase {
    groups: usize,
    input: Vec<Plane>,
    weight: Vec<Vec<Plane>>,
    bias: Vec<f64>,
    stride: Hw,
    padding: Hw,
    dilation: Hw,
    mode: Mode,
}

fn group_case() -> impl Strategy<Value = GroupCase> {
    (1usize..=3, 1usize..=2, 1usize..=2, 2usize..=6, 2usize..=6, 1usize..=3, 1usize..=3, 1usize..=2, 0usize..=1)
        .prop_flat_map(|(groups, pg, opg, h, w, kh, kw, s, p)| {
            let mode = prop_oneof![Just(Mode::CrossCorrelation), Just(Mode::Convolution)];
            (
                vec(float_plane(h, w), groups * pg),
                vec(vec(vec(vec(-3.0f64..3.0, kw), kh), pg), groups * opg),
                vec(-2.0f64..2.0, groups * opg),
                1usize..=2,
                mode,
            )
                .prop_map(move |(input, weight, bias, d, mode)| GroupCase {
                    groups,
                    input,
                    weight,
                    bias,
                    stride: Hw::square(s),
                    padding: Hw::square(p),
                    dilation: Hw::square(d),
                    mode,
                })
        })
}

fn weight_grids(weight: &[Vec<Plane>]) -> Vec<Vec<Grid>> {
    weight.iter().map(|o| o.iter().map(|s| grid(s)).collect()).collect()
}

proptest! {
    #[test]
    fn grouped_conv_is_the_concatenation_of_its_groups(case in group_case()) {
        let GroupCase { groups, input, weight, bias, stride, padding, dilation, mode } = case;
        let full = Conv::with_channels(weight_grids(&weight), bias.clone(), groups, stride, padding, dilation, mode)
            .unwrap();
        let (pg, opg) = (input.len() / groups, weight.len() / groups);
        prop_assert_eq!((full.in_channels(), full.per_group(), full.groups()), (input.len(), pg, groups));
        let whole = Layer::Conv(full).forward(&map(&input));
        let mut concatenated = Vec::new();
        let mut failed = None;
        for g in 0..groups {
            let part = Conv::with_channels(
                weight_grids(&weight[g * opg..(g + 1) * opg]),
                bias[g * opg..(g + 1) * opg].to_vec(),
                1,
                stride,
                padding,
                dilation,
                mode,
            )
            .unwrap();
            match Layer::Conv(part).forward(&map(&input[g * pg..(g + 1) * pg])) {
                Ok(y) => concatenated.extend(planes(&y)),
                Err(e) => failed = Some(e),
            }
        }
        match (whole, failed) {
            (Ok(y), None) => prop_assert_eq!(planes(&y), concatenated),
            (Err(a), Some(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "whole {:?}, groups {:?}", a, b),
        }
    }

    #[test]
    fn depthwise_is_a_one_channel_conv_per_channel(
        (input, kernels) in (1usize..=4, 2usize..=6, 2usize..=6, 1usize..=3)
            .prop_flat_map(|(c, h, w, k)| (vec(float_plane(h, w), c), vec(float_plane(k, k), c))),
        bias in vec(-2.0f64..2.0, 4),
        p in 0usize..=1,
        convolution in any::<bool>(),
    ) {
        let c = input.len();
        let mode = if convolution { Mode::Convolution } else { Mode::CrossCorrelation };
        let weight = kernels.iter().map(|k| vec![grid(k)]).collect();
        let depthwise =
            Conv::with_channels(weight, bias[..c].to_vec(), c, one(), Hw::square(p), one(), mode).unwrap();
        for o in 0..c {
            prop_assert_eq!(depthwise.reads(o), o..o + 1);
            prop_assert_eq!(depthwise.feeds(o), o..o + 1);
        }
        let y = Layer::Conv(depthwise).forward(&map(&input));
        for o in 0..c {
            let single = Conv::new(grid(&kernels[o]), bias[o], one(), Hw::square(p), one(), mode).unwrap();
            let alone = Layer::Conv(single).forward(&Channels::from(grid(&input[o])));
            match (&y, alone) {
                (Ok(y), Ok(a)) => prop_assert_eq!(y.channel(o), a.channel(0)),
                (Err(a), Err(b)) => prop_assert_eq!(a, &b),
                (a, b) => prop_assert!(false, "depthwise {:?}, alone {:?}", a, b),
            }
        }
    }
}

#[test]
fn group_membership_reads_and_feeds() {
    // in 4, out 6, groups 2: outputs 0–2 read inputs 0–1, outputs 3–5 read inputs 2–3.
    let k = || Grid::filled(1, 1, 1.0).unwrap();
    let conv = xcorr((0..6).map(|_| vec![k(), k()]).collect(), vec![0.0; 6], 2);
    assert_eq!((conv.in_channels(), conv.out_channels(), conv.per_group()), (4, 6, 2));
    for o in 0..6 {
        assert_eq!(conv.reads(o), if o < 3 { 0..2 } else { 2..4 });
    }
    for i in 0..4 {
        assert_eq!(conv.feeds(i), if i < 2 { 0..3 } else { 3..6 });
    }
    let slices: Vec<Slice> = conv.slices().map(|(s, _)| s).collect();
    let expected: Vec<Slice> = (0..6).flat_map(|out| (0..2).map(move |inp| Slice { out, inp })).collect();
    assert_eq!(slices, expected);
    assert!(conv.slice(Slice { out: 0, inp: 2 }).is_none());
    assert!(conv.slice(Slice { out: 6, inp: 0 }).is_none());
}

// ---------------------------------------------------------------------------------------------
// 4. Every setting against a brute-force reference

#[derive(Clone, Debug)]
struct ConvCase {
    input: Vec<Plane>,
    weight: Vec<Vec<Plane>>,
    bias: Vec<f64>,
    groups: usize,
    stride: (usize, usize),
    padding: (usize, usize),
    dilation: (usize, usize),
    convolution: bool,
}

fn int_plane(lo: i32, hi: i32, h: usize, w: usize) -> impl Strategy<Value = Plane> {
    vec(vec((lo..=hi).prop_map(f64::from), w), h)
}

fn conv_case() -> impl Strategy<Value = ConvCase> {
    (
        1usize..=4,
        1usize..=4,
        any::<prop::sample::Index>(),
        (1usize..=7, 1usize..=7),
        (1usize..=3, 1usize..=3),
        (1usize..=3, 1usize..=3),
        (0usize..=2, 0usize..=2),
        (1usize..=3, 1usize..=3),
        any::<bool>(),
    )
        .prop_flat_map(|(cin, cout, pick, (h, w), (kh, kw), stride, padding, dilation, convolution)| {
            let divisors: Vec<usize> = (1..=cin).filter(|&g| cin.is_multiple_of(g) && cout.is_multiple_of(g)).collect();
            let groups = divisors[pick.index(divisors.len())];
            let pg = cin / groups;
            (
                vec(int_plane(-4, 4, h, w), cin),
                vec(vec(int_plane(-3, 3, kh, kw), pg), cout),
                vec((-5i32..=5).prop_map(f64::from), cout),
            )
                .prop_map(move |(input, weight, bias)| ConvCase {
                    input,
                    weight,
                    bias,
                    groups,
                    stride,
                    padding,
                    dilation,
                    convolution,
                })
        })
}

/// Output length on one axis, or `None` when the dilated window spans more than the padded input.
fn out_len(n: usize, k: usize, s: usize, p: usize, d: usize) -> Option<usize> {
    let span = d * (k - 1) + 1;
    (n + 2 * p >= span).then(|| (n + 2 * p - span) / s + 1)
}

impl ConvCase {
    fn kernel(&self) -> (usize, usize) {
        (self.weight[0][0].len(), self.weight[0][0][0].len())
    }

    fn out_shape(&self) -> Option<(usize, usize)> {
        let (kh, kw) = self.kernel();
        let h = out_len(self.input[0].len(), kh, self.stride.0, self.padding.0, self.dilation.0)?;
        let w = out_len(self.input[0][0].len(), kw, self.stride.1, self.padding.1, self.dilation.1)?;
        Some((h, w))
    }

    /// The partial sum of every input channel of output `o`'s group at `(y, x)`, and the result.
    fn reference_cell(&self, o: usize, y: usize, x: usize) -> (Vec<f64>, f64) {
        let (kh, kw) = self.kernel();
        let pg = self.weight[0].len();
        let out_per_group = self.weight.len() / self.groups;
        let group = o / out_per_group;
        let (h, w) = (self.input[0].len() as isize, self.input[0][0].len() as isize);
        let mut partials = Vec::new();
        for i in 0..pg {
            let channel = &self.input[group * pg + i];
            let mut part = 0.0;
            for a in 0..kh {
                for b in 0..kw {
                    let r = (y * self.stride.0 + a * self.dilation.0) as isize - self.padding.0 as isize;
                    let c = (x * self.stride.1 + b * self.dilation.1) as isize - self.padding.1 as isize;
                    let value =
                        if (0..h).contains(&r) && (0..w).contains(&c) { channel[r as usize][c as usize] } else { 0.0 };
                    let (wa, wb) = if self.convolution { (kh - 1 - a, kw - 1 - b) } else { (a, b) };
                    part += value * self.weight[o][i][wa][wb];
                }
            }
            partials.push(part);
        }
        let sum: f64 = partials.iter().fold(0.0, |s, p| s + p);
        (partials, sum + self.bias[o])
    }

    fn layer(&self) -> Layer {
        let mode = if self.convolution { Mode::Convolution } else { Mode::CrossCorrelation };
        let hw = |(h, w): (usize, usize)| Hw::new(h, w);
        let conv = Conv::with_channels(
            weight_grids(&self.weight),
            self.bias.clone(),
            self.groups,
            hw(self.stride),
            hw(self.padding),
            hw(self.dilation),
            mode,
        )
        .unwrap();
        Layer::Conv(conv)
    }
}

impl ConvCase {
    /// The same case with every value made a fraction of its own magnitude (10⁻⁴ to 10⁴), so
    /// that a sum taken in another order comes out different in its last bits.
    fn fractional(&self) -> ConvCase {
        let mut n = 0i32;
        let mut frac = |v: &mut f64| {
            *v = (*v + std::f64::consts::FRAC_1_PI) * 10f64.powi(n % 9 - 4);
            n += 1;
        };
        let mut case = self.clone();
        case.input.iter_mut().flatten().flatten().for_each(&mut frac);
        case.weight.iter_mut().flatten().flatten().flatten().for_each(&mut frac);
        case.bias.iter_mut().for_each(&mut frac);
        case
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The forward pass folds the windows wholly inside the map side by side (for speed); each
    /// output must still take the fold's steps in the fold's order. With fractions of mixed
    /// magnitudes any other order shows in the last bits: every output equals, bit for bit,
    /// the brute-force reference (which sums in that order) and the trace.
    #[test]
    fn every_output_is_summed_in_the_folds_order(case in conv_case()) {
        let case = case.fractional();
        let layer = case.layer();
        let x = map(&case.input);
        let Some((oh, ow)) = case.out_shape() else { return Ok(()) };
        let y = layer.forward(&x).unwrap();
        for o in 0..case.weight.len() {
            for r in 0..oh {
                for c in 0..ow {
                    let (_, want) = case.reference_cell(o, r, c);
                    let got = y.get(o, r, c).unwrap();
                    prop_assert_eq!(got.to_bits(), want.to_bits(), "at ({}, {}, {}): {} ≠ {}", o, r, c, got, want);
                    prop_assert_eq!(layer.trace(&x, o, r, c).unwrap().result.to_bits(), want.to_bits());
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_setting_matches_a_brute_force_reference(case in conv_case()) {
        let layer = case.layer();
        let x = map(&case.input);
        let cout = case.weight.len();
        let Some((oh, ow)) = case.out_shape() else {
            let err = layer.forward(&x).unwrap_err();
            prop_assert!(matches!(err, ModelError::WindowDoesNotFit { .. }), "{:?}", err);
            prop_assert!(layer.trace(&x, 0, 0, 0).is_none());
            return Ok(());
        };
        prop_assert_eq!(layer.output_dims(Dims::of(&x)), Ok(Dims::new(cout, Hw::new(oh, ow))));
        let y = layer.forward(&x).unwrap();
        prop_assert_eq!((y.count(), y.rows(), y.cols()), (cout, oh, ow));
        let (kh, kw) = case.kernel();
        let pg = case.weight[0].len();
        for o in 0..cout {
            for r in 0..oh {
                for c in 0..ow {
                    let (partials, want) = case.reference_cell(o, r, c);
                    prop_assert_eq!(y.get(o, r, c), Some(want), "at ({}, {}, {})", o, r, c);
                    let t = layer.trace(&x, o, r, c).unwrap();
                    prop_assert_eq!(t.result, want);
                    prop_assert_eq!(&t.partials, &partials);
                    let sum = partials.iter().fold(0.0, |s, p| s + p);
                    prop_assert_eq!(t.reduction, Reduction::Sum { sum, bias: case.bias[o] });
                    prop_assert_eq!(t.terms.len(), pg * kh * kw);
                    let group = o / (cout / case.groups);
                    for (n, term) in t.terms.iter().enumerate() {
                        let i = n / (kh * kw);
                        prop_assert_eq!(term.channel, group * pg + i);
                        let wt = term.weighted.unwrap();
                        prop_assert_eq!(wt.slice, Slice { out: o, inp: i });
                        let (a, b) = (term.tap.tap_row, term.tap.tap_col);
                        prop_assert_eq!((a, b), ((n % (kh * kw)) / kw, n % kw));
                        let entered = if case.convolution { (kh - 1 - a, kw - 1 - b) } else { (a, b) };
                        prop_assert_eq!(wt.kernel_pos, entered);
                        prop_assert_eq!(wt.weight, case.weight[o][i][entered.0][entered.1]);
                        let inside = x.channel(term.channel).unwrap().get_signed(term.tap.input_row, term.tap.input_col);
                        prop_assert_eq!(term.padding, inside.is_none());
                        prop_assert_eq!(term.value, inside.unwrap_or(0.0));
                        prop_assert_eq!(wt.product, term.value * wt.weight);
                    }
                }
            }
        }
        prop_assert!(layer.trace(&x, cout, 0, 0).is_none());
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Pooling works channel by channel

proptest! {
    #[test]
    fn pooling_is_the_one_channel_pool_of_each_channel(
        input in (1usize..=4, 1usize..=6, 1usize..=6).prop_flat_map(|(c, h, w)| vec(float_plane(h, w), c)),
        max in any::<bool>(),
        (size, padding) in (1usize..=3, 1usize..=3).prop_flat_map(|(a, b)| (Just(Hw::new(a, b)), (0..=a / 2, 0..=b / 2))),
        stride in (1usize..=3, 1usize..=3),
    ) {
        let kind = if max { PoolKind::Max } else { PoolKind::Avg };
        let pool = Layer::Pool(Pool::new(kind, size, Hw::new(stride.0, stride.1), Hw::new(padding.0, padding.1)).unwrap());
        let x = map(&input);
        match pool.forward(&x) {
            Ok(y) => {
                prop_assert_eq!(y.count(), input.len());
                for (c, plane) in input.iter().enumerate() {
                    let alone = pool.forward(&Channels::from(grid(plane))).unwrap();
                    prop_assert_eq!(y.channel(c), alone.channel(0));
                    prop_assert_eq!(pool.reads(c), c..c + 1);
                    prop_assert_eq!(pool.feeds(c), c..c + 1);
                    let t = pool.trace(&x, c, 0, 0).unwrap();
                    prop_assert!(t.terms.iter().all(|term| term.channel == c && term.weighted.is_none()));
                    prop_assert!(t.partials.is_empty());
                    prop_assert_eq!(Some(t.result), y.get(c, 0, 0));
                }
            }
            Err(e) => {
                prop_assert!(matches!(e, ModelError::WindowDoesNotFit { .. }), "{:?}", e);
                prop_assert!(pool.forward(&Channels::from(grid(&input[0]))).is_err());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Errors

#[test]
fn a_kernel_reading_2_channels_refuses_a_3_channel_map() {
    let layer = Layer::Conv(xcorr(vec![vec![counting(2, 2, 0.0), counting(2, 2, 1.0)]], vec![0.0], 1));
    let x3 = Channels::new(vec![counting(3, 3, 0.0), counting(3, 3, 1.0), counting(3, 3, 2.0)]).unwrap();
    let mismatch = ModelError::ChannelMismatch { input: 3, expected: 2 };
    assert_eq!(layer.forward(&x3), Err(mismatch.clone()));
    assert_eq!(layer.output_dims(Dims::of(&x3)), Err(mismatch.clone()));
    assert!(layer.trace(&x3, 0, 0, 0).is_none());
    let message = (EN.model_error)(&mismatch);
    assert!(message.contains('3') && message.contains('2'), "{message}");
    // A stack: the mismatched layer says why, the next one names it.
    let pool = Layer::Pool(Pool::new(PoolKind::Max, one(), one(), zero()).unwrap());
    let shapes = output_shapes(Dims::of(&x3), &[layer.clone(), pool.clone()]);
    assert_eq!(shapes, vec![Err(mismatch.clone()), Err(ModelError::Upstream { layer: 1 })]);
    let maps = forward_all(&x3, &[layer, pool]);
    assert_eq!(maps, vec![Err(mismatch), Err(ModelError::Upstream { layer: 1 })]);
}

#[test]
fn groups_bias_and_slices_are_checked() {
    let k = || counting(2, 2, 0.0);
    let build = |kernel: Vec<Vec<Grid>>, bias: Vec<f64>, groups: usize| {
        Conv::with_channels(kernel, bias, groups, one(), zero(), one(), Mode::CrossCorrelation)
    };
    assert_eq!(
        build(vec![vec![k()]; 3], vec![0.0; 3], 2).unwrap_err(),
        ModelError::GroupsDoNotDivide { groups: 2, channels: 3, side: Side::Output }
    );
    assert!(matches!(build(vec![vec![k()]; 3], vec![0.0; 3], 0), Err(ModelError::GroupsDoNotDivide { groups: 0, .. })));
    assert_eq!(
        build(vec![vec![k()]; 3], vec![0.0; 2], 1).unwrap_err(),
        ModelError::BiasCount { expected: 3, found: 2 }
    );
    assert_eq!(build(vec![vec![k()]], vec![0.0, 1.0], 1).unwrap_err(), ModelError::BiasCount { expected: 1, found: 2 });
    assert_eq!(
        build(vec![vec![k(), k()], vec![k()]], vec![0.0; 2], 1).unwrap_err(),
        ModelError::UnequalInputs { expected: 2, found: 1 }
    );
    assert_eq!(build(vec![], vec![], 1).unwrap_err(), ModelError::NoChannels);
    assert_eq!(build(vec![vec![]], vec![0.0], 1).unwrap_err(), ModelError::NoChannels);
    assert!(matches!(
        build(vec![vec![k(), counting(3, 2, 0.0)]], vec![0.0], 1),
        Err(ModelError::UnequalChannels { found: Hw { h: 3, w: 2 }, expected: Hw { h: 2, w: 2 }, .. })
    ));
    assert!(build(vec![vec![k()]], vec![f64::NAN], 1).is_err());
    // Reshaping to input channels that the groups do not divide.
    let conv = build(vec![vec![k()]; 2], vec![0.0; 2], 2).unwrap();
    assert_eq!(conv.in_channels(), 2);
    assert_eq!(
        conv.reshaped(3, 2, 2).unwrap_err(),
        ModelError::GroupsDoNotDivide { groups: 2, channels: 3, side: Side::Input }
    );
    // Maps: no channel, or channels of different shapes.
    assert_eq!(Channels::new(vec![]).unwrap_err(), ModelError::NoChannels);
    assert_eq!(
        Channels::new(vec![counting(2, 2, 0.0), counting(2, 3, 0.0)]).unwrap_err(),
        ModelError::UnequalChannels { channel: 1, found: Hw::new(2, 3), expected: Hw::new(2, 2) }
    );
    for e in [
        ModelError::GroupsDoNotDivide { groups: 2, channels: 3, side: Side::Output },
        ModelError::GroupsDoNotDivide { groups: 2, channels: 3, side: Side::Input },
        ModelError::BiasCount { expected: 3, found: 2 },
        ModelError::UnequalInputs { expected: 2, found: 1 },
        ModelError::NoChannels,
    ] {
        assert!(!(EN.model_error)(&e).is_empty(), "{e:?}");
    }
}

#[test]
fn the_cell_bound_counts_every_channel() {
    // 16 channels of 256×256 = 1,048,576 cells a map: input and one 1×1 layer fit (2,097,152),
    // a second does not (3,145,728 > 2,500,000). One channel of the same would fit many times.
    let x = Dims::new(16, Hw::square(256));
    let mix = Layer::Conv(xcorr(vec![vec![Grid::filled(1, 1, 1.0).unwrap(); 16]; 16], vec![0.0; 16], 1));
    let shapes = output_shapes(x, &[mix.clone(), mix]);
    assert_eq!(shapes[0], Ok(Dims::new(16, Hw::square(256))));
    assert_eq!(shapes[1], Err(ModelError::TooManyCells { channels: 16, rows: 256, cols: 256, max: MAX_TOTAL_CELLS }));
    const _: () = assert!(2 * 16 * 256 * 256 <= MAX_TOTAL_CELLS && 3 * 16 * 256 * 256 > MAX_TOTAL_CELLS);
}

// ---------------------------------------------------------------------------------------------
// 7. Receptive and projective fields over (channel, row, column), against brute force

/// One layer of a generated stack, described in the test's own terms.
#[derive(Clone, Debug)]
struct Spec {
    /// reads[o]: the input channels output channel o reads (group membership worked out here).
    reads: Vec<Vec<usize>>,
    k: (usize, usize),
    s: (usize, usize),
    p: (usize, usize),
    d: (usize, usize),
}

impl Spec {
    fn taps(&self, r: usize, c: usize) -> Vec<(isize, isize)> {
        let mut taps = Vec::new();
        for a in 0..self.k.0 {
            for b in 0..self.k.1 {
                let tr = (r * self.s.0 + a * self.d.0) as isize - self.p.0 as isize;
                let tc = (c * self.s.1 + b * self.d.1) as isize - self.p.1 as isize;
                taps.push((tr, tc));
            }
        }
        taps
    }
}

struct Stack {
    layers: Vec<Layer>,
    specs: Vec<Spec>,
    /// Every map, input first.
    dims: Vec<Dims>,
}

type RawLayer = (bool, usize, usize, (usize, usize), (usize, usize), (usize, usize), (usize, usize));

fn raw_layer() -> impl Strategy<Value = RawLayer> {
    (
        prop::bool::weighted(0.3),
        1usize..=4,
        any::<usize>(),
        (1usize..=3, 1usize..=3),
        (1usize..=2, 1usize..=2),
        (0usize..=1, 0usize..=1),
        (1usize..=2, 1usize..=2),
    )
}

/// Builds the stack layer by layer, stopping at the first layer whose window does not fit.
fn build_stack(channels: usize, hw: Hw, raw: &[RawLayer]) -> Stack {
    let mut stack = Stack { layers: Vec::new(), specs: Vec::new(), dims: vec![Dims::new(channels, hw)] };
    for &(is_pool, out, pick, k, s, p, d) in raw {
        let cin = stack.dims.last().unwrap().channels;
        let (layer, spec) = if is_pool {
            let p = (p.0.min(k.0 / 2), p.1.min(k.1 / 2));
            let pool = Pool::new(PoolKind::Max, Hw::new(k.0, k.1), Hw::new(s.0, s.1), Hw::new(p.0, p.1)).unwrap();
            let reads = (0..cin).map(|o| vec![o]).collect();
            (Layer::Pool(pool), Spec { reads, k, s, p, d: (1, 1) })
        } else {
            let divisors: Vec<usize> = (1..=cin).filter(|&g| cin.is_multiple_of(g) && out.is_multiple_of(g)).collect();
            let groups = divisors[pick % divisors.len()];
            let (pg, opg) = (cin / groups, out / groups);
            let weight = vec![vec![Grid::filled(k.0, k.1, 1.0).unwrap(); pg]; out];
            let conv = Conv::with_channels(
                weight,
                vec![0.0; out],
                groups,
                Hw::new(s.0, s.1),
                Hw::new(p.0, p.1),
                Hw::new(d.0, d.1),
                Mode::CrossCorrelation,
            )
            .unwrap();
            let reads = (0..out).map(|o| ((o / opg) * pg..(o / opg + 1) * pg).collect()).collect();
            (Layer::Conv(conv), Spec { reads, k, s, p, d })
        };
        let Ok(next) = layer.output_dims(*stack.dims.last().unwrap()) else { break };
        stack.layers.push(layer);
        stack.specs.push(spec);
        stack.dims.push(next);
    }
    stack
}

type Cell3 = (usize, isize, isize);

fn inside(hw: Hw, (_, r, c): Cell3) -> bool {
    (0..hw.h as isize).contains(&r) && (0..hw.w as isize).contains(&c)
}

/// Walks the windows back from `start` (in map `m`): element i is every (channel, row, col) of
/// map i that it can reach, padding included; only cells inside a map are followed further back.
fn brute_receptive(stack: &Stack, m: usize, start: Cell3) -> Vec<BTreeSet<Cell3>> {
    let mut fields = vec![BTreeSet::new(); m];
    let mut frontier = BTreeSet::from([start]);
    for map in (1..=m).rev() {
        let spec = &stack.specs[map - 1];
        let mut reached = BTreeSet::new();
        for &(o, r, c) in &frontier {
            for &i in &spec.reads[o] {
                for (tr, tc) in spec.taps(r as usize, c as usize) {
                    reached.insert((i, tr, tc));
                }
            }
        }
        frontier = reached.iter().copied().filter(|&cell| inside(stack.dims[map - 1].hw, cell)).collect();
        fields[map - 1] = reached;
    }
    fields
}

/// Every later cell whose window (over its group's channels) covers one already reached.
fn brute_projective(stack: &Stack, m: usize, start: Cell3) -> Vec<BTreeSet<Cell3>> {
    let mut fields = Vec::new();
    let mut frontier = BTreeSet::from([start]);
    for map in m + 1..stack.dims.len() {
        let spec = &stack.specs[map - 1];
        let out = stack.dims[map];
        let mut fed = BTreeSet::new();
        for o in 0..out.channels {
            for y in 0..out.hw.h {
                for x in 0..out.hw.w {
                    let taps = spec.taps(y, x);
                    if spec.reads[o].iter().any(|&i| taps.iter().any(|&(r, c)| frontier.contains(&(i, r, c)))) {
                        fed.insert((o, y as isize, x as isize));
                    }
                }
            }
        }
        fields.push(fed.clone());
        frontier = fed;
    }
    fields
}

fn product(channels: &[usize], cells: &[Coord]) -> BTreeSet<Cell3> {
    channels.iter().flat_map(|&ch| cells.iter().map(move |&(r, c)| (ch, r, c))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn fields_are_channel_sets_times_spatial_sets(
        channels in 1usize..=4,
        (h, w) in (3usize..=10, 3usize..=10),
        raw in vec(raw_layer(), 1..=4),
        pick in any::<usize>(),
    ) {
        let stack = build_stack(channels, Hw::new(h, w), &raw);
        let shapes: Vec<Hw> = stack.dims.iter().map(|d| d.hw).collect();
        let counts: Vec<usize> = stack.dims.iter().map(|d| d.channels).collect();
        for (m, dims) in stack.dims.iter().enumerate() {
            let ch = pick % dims.channels;
            let (r, c) = ((pick / 7) % dims.hw.h, (pick / 61) % dims.hw.w);
            let start = (ch, r as isize, c as isize);

            let brute = brute_receptive(&stack, m, start);
            let chans = receptive_channels(&stack.layers, m, ch);
            let cells = receptive_field(&stack.layers, &shapes, m, (r as isize, c as isize));
            prop_assert_eq!((chans.len(), cells.len()), (m, m));
            for below in 0..m {
                prop_assert_eq!(&product(&chans[below], &cells[below]), &brute[below], "map {} from map {}", below, m);
            }

            let brute = brute_projective(&stack, m, start);
            let chans = projective_channels(&stack.layers, &counts, m, ch);
            let cells = projective_field(&stack.layers, &shapes, m, (r as isize, c as isize));
            let later = stack.dims.len() - m - 1;
            prop_assert_eq!((chans.len(), cells.len()), (later, later));
            for i in 0..later {
                prop_assert_eq!(&product(&chans[i], &cells[i]), &brute[i], "map {} from map {}", m + 1 + i, m);
            }
        }
    }
}

#[test]
fn depthwise_then_pointwise_fields() {
    let scene = Preset::DepthwisePointwise.scene();
    // A depthwise output sees its own channel only; a pointwise output sees all three.
    assert_eq!(receptive_channels(&scene.layers, 1, 1), vec![vec![1]]);
    assert_eq!(receptive_channels(&scene.layers, 2, 0), vec![vec![0, 1, 2], vec![0, 1, 2]]);
    assert_eq!(projective_channels(&scene.layers, &[3, 3, 2], 0, 2), vec![vec![2], vec![0, 1]]);
}

// ---------------------------------------------------------------------------------------------
// 8. The scene format

// Written by the build before channels (commit 30c972e): one-channel scenes must still be
// written byte for byte like this.
const OLD_D2L: &str = r#"{"version":1,"input":[[0.0,1.0,2.0],[3.0,4.0,5.0],[6.0,7.0,8.0]],"layers":[{"type":"conv","kernel":[[0.0,1.0],[2.0,3.0]],"bias":0.0,"stride":[1,1],"padding":[0,0],"dilation":[1,1],"mode":"cross-correlation"}]}"#;
const OLD_MIXED: &str = r#"{"version":1,"input":[[1.5,-2.0],[3.0,4.0],[0.1,7.0]],"layers":[{"type":"conv","kernel":[[1.0,0.0],[0.0,-1.0]],"bias":0.5,"stride":[2,1],"padding":[1,0],"dilation":[1,2],"mode":"convolution"},{"type":"avg-pool","size":[2,1],"stride":[2,1],"padding":[0,0]},{"type":"max-pool","size":[1,1],"stride":[1,1],"padding":[0,0]}]}"#;
const OLD_VIEW: &str = r#"{"version":1,"input":[[0.0,1.0,2.0],[3.0,4.0,5.0],[6.0,7.0,8.0]],"layers":[{"type":"conv","kernel":[[0.0,1.0],[2.0,3.0]],"bias":0.0,"stride":[1,1],"padding":[0,0],"dilation":[1,1],"mode":"cross-correlation"}],"view":{"layer":1,"step":2,"selected":{"map":0,"row":1,"col":-1}}}"#;
const OLD_VIEW_NO_CELL: &str = r#"{"version":1,"input":[[0.0,1.0,2.0],[3.0,4.0,5.0],[6.0,7.0,8.0]],"layers":[{"type":"conv","kernel":[[0.0,1.0],[2.0,3.0]],"bias":0.0,"stride":[1,1],"padding":[0,0],"dilation":[1,1],"mode":"cross-correlation"}],"view":{"layer":1,"step":3}}"#;

const TWO_CHANNELS: &str = r#"{"version":1,"input":[[[0,1,2],[3,4,5],[6,7,8]],[[1,2,3],[4,5,6],[7,8,9]]],
 "layers":[{"type":"conv","kernel":[[[[0,1],[2,3]],[[1,2],[3,4]]]],"bias":0}]}"#;

#[test]
fn one_channel_scenes_are_written_byte_for_byte_as_before() {
    assert_eq!(Scene::d2l_default().to_json(), OLD_D2L);
    for old in [OLD_D2L, OLD_MIXED] {
        assert_eq!(Scene::from_json(old).unwrap().to_json(), old);
    }
    for old in [OLD_VIEW, OLD_VIEW_NO_CELL] {
        let opened = Scene::open_json(old).unwrap();
        let ViewPart::Given(view) = opened.view else { panic!("{:?}", opened.view) };
        assert_eq!(opened.scene.to_json_with(Some(view)), old);
    }
    let ViewPart::Given(view) = Scene::open_json(OLD_VIEW).unwrap().view else { unreachable!() };
    assert_eq!(view.selected, Some(ViewCell { map: 0, channel: 0, row: 1, col: -1 }));
    // The mixed scene read its settings (its kernel does not fit its input: still a valid scene).
    let mixed = Scene::from_json(OLD_MIXED).unwrap();
    let conv = conv_of(&mixed, 1);
    assert_eq!((conv.bias(), conv.mode(), conv.groups(), conv.in_channels()), (&[0.5][..], Mode::Convolution, 1, 1));
    assert_eq!(mixed.layers.len(), 3);
}

#[test]
fn a_two_channel_scene_opens_computes_and_round_trips() {
    let scene = Scene::from_json(TWO_CHANNELS).unwrap();
    assert_eq!(scene.input.count(), 2);
    assert_eq!(scene.input_dims(), Dims::new(2, Hw::square(3)));
    assert_eq!(outputs(&scene, 1), vec![plane_of(D2L_56)]);
    assert_eq!(scene.map_dims(1), Some(Dims::new(1, Hw::square(2))));
    assert_eq!(scene.all_dims(), vec![Dims::new(2, Hw::square(3)), Dims::new(1, Hw::square(2))]);
    let json = scene.to_json();
    assert_eq!(
        json,
        r#"{"version":1,"input":[[[0.0,1.0,2.0],[3.0,4.0,5.0],[6.0,7.0,8.0]],[[1.0,2.0,3.0],[4.0,5.0,6.0],[7.0,8.0,9.0]]],"layers":[{"type":"conv","kernel":[[[[0.0,1.0],[2.0,3.0]],[[1.0,2.0],[3.0,4.0]]]],"bias":0.0,"stride":[1,1],"padding":[0,0],"dilation":[1,1],"mode":"cross-correlation"}]}"#
    );
    let again = Scene::from_json(&json).unwrap();
    assert_eq!(again, scene);
    assert_eq!(again.to_json(), json);
    // The same through a link.
    assert_eq!(Scene::from_fragment(&scene.to_fragment()), Some(Ok(scene)));
}

#[test]
fn groups_and_bias_lists_are_written_and_read_back() {
    let text = r#"{"version":1,"input":[[[1,2],[3,4]],[[5,6],[7,8]]],"layers":[{"type":"conv",
        "kernel":[[[[1]]],[[[2]]],[[[-1]]],[[[0.5]]]],"bias":[1,2,3,4],"groups":2,"mode":"convolution"},
        {"type":"avg-pool","size":[2,2]}]}"#;
    let scene = Scene::from_json(text).unwrap();
    let conv = conv_of(&scene, 1);
    assert_eq!((conv.in_channels(), conv.out_channels(), conv.groups(), conv.per_group()), (2, 4, 2, 1));
    assert_eq!(conv.bias(), &[1.0, 2.0, 3.0, 4.0]);
    assert_eq!(conv.mode(), Mode::Convolution);
    // Outputs 0 and 1 read channel 0, outputs 2 and 3 channel 1.
    let x0 = [[1.0, 2.0], [3.0, 4.0]];
    let x1 = [[5.0, 6.0], [7.0, 8.0]];
    let want: Vec<Plane> = [(x0, 1.0, 1.0), (x0, 2.0, 2.0), (x1, -1.0, 3.0), (x1, 0.5, 4.0)]
        .iter()
        .map(|(x, w, b)| x.iter().map(|r| r.iter().map(|v| v * w + b).collect()).collect())
        .collect();
    assert_eq!(outputs(&scene, 1), want);
    let json = scene.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let layer = &value["layers"][0];
    assert_eq!(layer["groups"], serde_json::json!(2));
    assert_eq!(layer["bias"], serde_json::json!([1.0, 2.0, 3.0, 4.0]));
    assert_eq!(layer["kernel"], serde_json::json!([[[[1.0]]], [[[2.0]]], [[[-1.0]]], [[[0.5]]]]));
    assert!(value["layers"][1].get("groups").is_none());
    assert_eq!(Scene::from_json(&json).unwrap(), scene);
    assert_eq!(Scene::from_json(&json).unwrap().to_json(), json);

    // A one-output conv reading two channels: its bias is still one number.
    let json = Scene::from_json(TWO_CHANNELS).unwrap().to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["layers"][0]["bias"], serde_json::json!(0.0));
    assert!(value["layers"][0].get("groups").is_none());
    // A bias list of one number reads as that number.
    let listed = TWO_CHANNELS.replace(r#""bias":0"#, r#""bias":[0.5]"#);
    assert_eq!(conv_of(&Scene::from_json(&listed).unwrap(), 1).bias(), &[0.5]);
    // One channel given as a list of channels is one channel.
    let nested = Scene::from_json(
        r#"{"input":[[[0,1,2],[3,4,5],[6,7,8]]],"layers":[{"type":"conv","kernel":[[[[0,1],[2,3]]]]}]}"#,
    )
    .unwrap();
    assert_eq!(nested, Scene::d2l_default());
}

#[test]
fn a_view_names_its_channel_only_when_it_is_not_0() {
    let scene = Preset::ThreeOutputs.scene();
    let view = View { layer: l(1), step: 7, selected: Some(ViewCell { map: 1, channel: 2, row: 0, col: 1 }) };
    let json = scene.to_json_with(Some(view));
    assert!(
        json.ends_with(r#""view":{"layer":1,"step":7,"selected":{"map":1,"channel":2,"row":0,"col":1}}}"#),
        "{json}"
    );
    let opened = Scene::open_json(&json).unwrap();
    assert_eq!((opened.scene, opened.view), (scene.clone(), ViewPart::Given(view)));
    let zero = View { selected: Some(ViewCell { map: 0, channel: 0, row: 2, col: 2 }), ..view };
    assert!(!scene.to_json_with(Some(zero)).contains("channel"));
}

fn problem(text: &str) -> (Place, Problem) {
    match Scene::from_json(text) {
        Err(SceneError::Invalid { at, problem }) => (at, problem),
        other => panic!("{text}: {other:?}"),
    }
}

fn conv_scene_json(input: &str, layer: &str) -> String {
    format!(r#"{{"version":1,"input":{input},"layers":[{{"type":"conv",{layer}}}]}}"#)
}

#[test]
fn malformed_channels_are_refused_with_the_reason() {
    let two = "[[[1,2],[3,4]],[[5,6],[7,8]]]";
    let three_out = r#""kernel":[[[[1]],[[1]]],[[[1]],[[1]]],[[[1]],[[1]]]]"#;
    let layer1 = Place::Layer(l(1));
    let cases: Vec<(String, (Place, Problem))> = vec![
        (conv_scene_json(two, &format!(r#"{three_out},"bias":1"#)), (layer1, Problem::BiasNeedsList { out: 3 })),
        (
            conv_scene_json(two, &format!(r#"{three_out},"bias":[1,2]"#)),
            (layer1, Problem::Model(ModelError::BiasCount { expected: 3, found: 2 })),
        ),
        (
            conv_scene_json(two, &format!(r#"{three_out},"bias":[1,2,3,4]"#)),
            (layer1, Problem::Model(ModelError::BiasCount { expected: 3, found: 4 })),
        ),
        (conv_scene_json(two, &format!(r#"{three_out},"bias":"1""#)), (layer1, Problem::BiasNotNumber)),
        (conv_scene_json(two, &format!(r#"{three_out},"bias":[1,"2",3]"#)), (layer1, Problem::BiasNotNumber)),
        (conv_scene_json(two, r#""kernel":[[[1,2],[3,4]]]"#), (Place::Kernel(l(1)), Problem::NotKernel)),
        (conv_scene_json(two, r#""kernel":[[[[[1]]]]]"#), (Place::Kernel(l(1)), Problem::NotKernel)),
        (conv_scene_json(two, &format!(r#"{three_out},"groups":0"#)), (layer1, Problem::BadGroups)),
        (conv_scene_json(two, &format!(r#"{three_out},"groups":17"#)), (layer1, Problem::BadGroups)),
        (conv_scene_json(two, &format!(r#"{three_out},"groups":"2""#)), (layer1, Problem::BadGroups)),
        (conv_scene_json(two, &format!(r#"{three_out},"groups":1.5"#)), (layer1, Problem::BadGroups)),
        (conv_scene_json(two, &format!(r#"{three_out},"groups":-1"#)), (layer1, Problem::BadGroups)),
        (
            conv_scene_json(two, &format!(r#"{three_out},"groups":2"#)),
            (layer1, Problem::Model(ModelError::GroupsDoNotDivide { groups: 2, channels: 3, side: Side::Output })),
        ),
        (
            conv_scene_json(two, r#""kernel":[[[[1]],[[1]]],[[[1]]]]"#),
            (layer1, Problem::Model(ModelError::UnequalInputs { expected: 2, found: 1 })),
        ),
        (
            conv_scene_json(two, r#""kernel":[[[[1]],[[1,2]]]]"#),
            (
                layer1,
                Problem::Model(ModelError::UnequalChannels {
                    channel: 1,
                    found: Hw::new(1, 2),
                    expected: Hw::new(1, 1),
                }),
            ),
        ),
        (
            conv_scene_json(&format!("[{}]", vec!["[[1]]"; 17].join(",")), r#""kernel":[[1]]"#),
            (Place::Input, Problem::TooManyChannels { count: 17, max: 16 }),
        ),
        (
            conv_scene_json(two, &format!(r#""kernel":[{}]"#, vec!["[[[1]],[[1]]]"; 17].join(","))),
            (Place::Kernel(l(1)), Problem::TooManyChannels { count: 17, max: 16 }),
        ),
        (
            conv_scene_json(two, &format!(r#""kernel":[[{}]]"#, vec!["[[1]]"; 17].join(","))),
            (Place::Kernel(l(1)), Problem::TooManyChannels { count: 17, max: 16 }),
        ),
        (
            conv_scene_json("[[[1,2],[3,4]],[[5,6,7],[8,9,0]]]", r#""kernel":[[1]]"#),
            (
                Place::Input,
                Problem::Model(ModelError::UnequalChannels {
                    channel: 1,
                    found: Hw::new(2, 3),
                    expected: Hw::new(2, 2),
                }),
            ),
        ),
        (
            conv_scene_json("[[[1,2],[3,4]],[[5,6],[7]]]", r#""kernel":[[1]]"#),
            (Place::Input, Problem::Grid(GridError::Ragged { row: 1, expected: 2, found: 1 })),
        ),
        (conv_scene_json("[[[1,2]],[[3,\"4\"]]]", r#""kernel":[[1]]"#), (Place::Input, Problem::NotRows)),
    ];
    for (text, expected) in cases {
        assert_eq!(problem(&text), expected, "{text}");
        let error = Scene::from_json(&text).unwrap_err();
        assert!(!(EN.scene_error)(&error).is_empty());
    }
    // Exactly 16 channels is fine.
    let sixteen = conv_scene_json(&format!("[{}]", vec!["[[1]]"; 16].join(",")), r#""kernel":[[1]]"#);
    assert_eq!(Scene::from_json(&sixteen).unwrap().input.count(), 16);
}

#[test]
fn a_kernel_reading_other_channels_than_its_input_opens_but_its_layer_says_why() {
    // Valid as a scene (the student can fix it in the app); the layer's map is the error.
    let scene = Scene::from_json(&conv_scene_json("[[1,2],[3,4]]", r#""kernel":[[[[1]],[[1]]]]"#)).unwrap();
    assert_eq!(scene.map_dims(1), None);
    assert_eq!(
        forward_all(&scene.input, &scene.layers),
        vec![Err(ModelError::ChannelMismatch { input: 1, expected: 2 })]
    );
    assert_eq!(Scene::from_json(&scene.to_json()).unwrap(), scene);
    let state = AppState::start(&scene.to_fragment(), None);
    assert_eq!((state.total_steps(), state.position()), (0, None));
}

// ---------------------------------------------------------------------------------------------
// 9. The reducer's channel settings

fn field_state(s: &AppState, field: Field) -> Option<FieldState> {
    s.editor.field(field).map(|f| f.state.clone())
}

#[test]
fn input_and_output_channels_reshape_the_layer() {
    let s = AppState::start("", None);
    let before = outputs(&s.scene, 1);
    let s = run(s, [Action::SetField { field: Field::InputChannels, text: "2".into() }]);
    assert_eq!(s.scene.input.count(), 2);
    assert_eq!(s.scene.input.channel(0), Scene::d2l_default().input.channel(0));
    assert_eq!(s.scene.input.channel(1).unwrap().to_rows(), vec![vec![0.0; 3]; 3]);
    let conv = conv_of(&s.scene, 1);
    assert_eq!((conv.in_channels(), conv.out_channels()), (2, 1));
    assert_eq!(slice_rows(conv, 0, 0), Some(vec![vec![0.0, 1.0], vec![2.0, 3.0]]));
    assert_eq!(slice_rows(conv, 0, 1), Some(vec![vec![0.0; 2]; 2]));
    assert_eq!(outputs(&s.scene, 1), before, "new channels and slices are zeros");

    let s = run(s, [Action::SetField { field: Field::OutChannels(l(1)), text: "3".into() }]);
    let conv = conv_of(&s.scene, 1);
    assert_eq!((conv.in_channels(), conv.out_channels(), conv.bias().len()), (2, 3, 3));
    assert_eq!(slice_rows(conv, 0, 0), Some(vec![vec![0.0, 1.0], vec![2.0, 3.0]]));
    for (o, i) in [(1, 0), (1, 1), (2, 0), (2, 1)] {
        assert_eq!(slice_rows(conv, o, i), Some(vec![vec![0.0; 2]; 2]));
    }
    assert_eq!(s.total_steps(), 3 * 2 * 2);
    let s = run(s, [Action::StepTo(4)]);
    assert_eq!(s.position(), Some(Pos::new(1, 0, 0)));
    let s = run(s, [Action::StepTo(11)]);
    assert_eq!(s.position(), Some(Pos::new(2, 1, 1)));
    let s = run(s, [Action::StepForward]);
    assert_eq!(s.stepper.step, 11);
    assert_eq!(run(s, [Action::Pin { layer: l(1), at: Pos::new(1, 1, 0) }]).stepper.step, 4 + 2);

    // Bounds.
    for text in ["0", "17", "two"] {
        let s = run(AppState::start("", None), [Action::SetField { field: Field::InputChannels, text: text.into() }]);
        assert_eq!(
            field_state(&s, Field::InputChannels),
            Some(FieldState::Refused(EditError::FieldRange { field: Field::InputChannels, min: 1, max: 16 }))
        );
        assert_eq!(s.scene.input.count(), 1);
    }
}

#[test]
fn groups_that_do_not_divide_are_refused_and_undo_brings_slices_back() {
    let k = vec![vec![0.0, 1.0], vec![2.0, 3.0]];
    let s = run(
        AppState::start("", None),
        [
            Action::SetField { field: Field::InputChannels, text: "2".into() },
            Action::SetField { field: Field::OutChannels(l(1)), text: "3".into() },
        ],
    );
    let scene = s.scene.clone();
    // 2 groups cannot split 3 outputs; 3 groups cannot split 2 inputs.
    let s = run(s, [Action::SetField { field: Field::Groups(l(1)), text: "2".into() }]);
    assert_eq!(
        field_state(&s, Field::Groups(l(1))),
        Some(FieldState::Refused(EditError::Model(ModelError::GroupsDoNotDivide {
            groups: 2,
            channels: 3,
            side: Side::Output
        })))
    );
    assert_eq!(s.scene, scene);
    let s = run(s, [Action::SetField { field: Field::Groups(l(1)), text: "3".into() }]);
    assert_eq!(
        field_state(&s, Field::Groups(l(1))),
        Some(FieldState::Refused(EditError::Model(ModelError::GroupsDoNotDivide {
            groups: 3,
            channels: 2,
            side: Side::Input
        })))
    );
    assert_eq!(s.scene, scene);

    // Edit slice (1, 0) at (1, 1): only that slice changes.
    let s = run(
        s,
        [
            Action::BeginEdit {
                cell: cell(GridId::Kernel(l(1), Slice { out: 1, inp: 0 }), 1, 1),
                text: Some("5".into()),
            },
            Action::CommitEdit { rows: 0, cols: 0 },
            Action::BeginEdit {
                cell: cell(GridId::Kernel(l(1), Slice { out: 0, inp: 1 }), 0, 0),
                text: Some("9".into()),
            },
            Action::CommitEdit { rows: 0, cols: 0 },
            Action::BeginEdit { cell: cell(GridId::Map(0, 1), 0, 0), text: Some("1".into()) },
            Action::CommitEdit { rows: 0, cols: 0 },
        ],
    );
    let conv = conv_of(&s.scene, 1);
    assert_eq!(slice_rows(conv, 1, 0), Some(vec![vec![0.0, 0.0], vec![0.0, 5.0]]));
    assert_eq!(slice_rows(conv, 0, 0), Some(k.clone()));
    assert_eq!(slice_rows(conv, 0, 1), Some(vec![vec![9.0, 0.0], vec![0.0, 0.0]]));
    for (o, i) in [(1, 1), (2, 0), (2, 1)] {
        assert_eq!(slice_rows(conv, o, i), Some(vec![vec![0.0; 2]; 2]));
    }
    let y = outputs(&s.scene, 1);
    assert_eq!(y[0], vec![vec![19.0 + 9.0, 25.0], vec![37.0, 43.0]]);
    assert_eq!(y[1], vec![vec![20.0, 25.0], vec![35.0, 40.0]], "5 × X0[r + 1][c + 1]");
    assert_eq!(y[2], vec![vec![0.0; 2]; 2]);

    // Paste a column of biases, at the top and lower down; too long or too wide is refused.
    let bias = GridId::Bias(l(1));
    let s = run(s, [Action::Paste { at: cell(bias, 0, 0), text: "1\n2\n3".into() }]);
    assert_eq!(conv_of(&s.scene, 1).bias(), &[1.0, 2.0, 3.0]);
    let s = run(s, [Action::Paste { at: cell(bias, 1, 0), text: "7\n8".into() }]);
    assert_eq!(conv_of(&s.scene, 1).bias(), &[1.0, 7.0, 8.0]);
    assert_eq!(outputs(&s.scene, 1)[1], vec![vec![27.0, 32.0], vec![42.0, 47.0]]);
    let refused = run(s.clone(), [Action::Paste { at: cell(bias, 0, 0), text: "1\n2\n3\n4".into() }]);
    assert_eq!(refused.editor.refused_paste, Some((bias, EditError::BiasPerChannel { out: 3 })));
    assert_eq!(refused.scene, s.scene);
    let refused = run(s.clone(), [Action::Paste { at: cell(bias, 0, 0), text: "1\t2".into() }]);
    assert_eq!(refused.editor.refused_paste, Some((bias, EditError::BiasPerChannel { out: 3 })));
    // One bias cell edits alone.
    let s = run(
        s,
        [
            Action::BeginEdit { cell: cell(bias, 2, 0), text: Some("-4".into()) },
            Action::CommitEdit { rows: 0, cols: 0 },
        ],
    );
    assert_eq!(conv_of(&s.scene, 1).bias(), &[1.0, 7.0, -4.0]);

    // Shrinking the output channels waits for Enter; Undo brings back what it dropped.
    let full = s.scene.clone();
    let s = run(s, [Action::SetField { field: Field::OutChannels(l(1)), text: "2".into() }]);
    assert_eq!(field_state(&s, Field::OutChannels(l(1))), Some(FieldState::Pending));
    assert_eq!(s.scene, full);
    let s = run(s, [Action::CommitField { field: Field::OutChannels(l(1)), text: "2".into() }]);
    let conv = conv_of(&s.scene, 1);
    assert_eq!((conv.out_channels(), conv.bias()), (2, &[1.0, 7.0][..]));
    assert!(conv.slice(Slice { out: 2, inp: 0 }).is_none());
    assert_eq!(s.total_steps(), 8);
    let undone = run(s.clone(), [Action::Undo]);
    assert_eq!(undone.scene, full);
    assert_eq!(run(undone, [Action::Redo]).scene, s.scene);

    // Now 2 groups divide 2 and 2: each output reads one channel, the slices of input 0 of the
    // group kept; the second slice of output 0 goes, and Undo brings it back.
    let two = s.scene.clone();
    let s = run(s, [Action::SetField { field: Field::Groups(l(1)), text: "2".into() }]);
    assert_eq!(field_state(&s, Field::Groups(l(1))), None);
    let conv = conv_of(&s.scene, 1);
    assert_eq!((conv.groups(), conv.per_group(), conv.in_channels(), conv.out_channels()), (2, 1, 2, 2));
    assert_eq!(slice_rows(conv, 0, 0), Some(k.clone()));
    assert_eq!(slice_rows(conv, 1, 0), Some(vec![vec![0.0, 0.0], vec![0.0, 5.0]]));
    assert!(conv.slice(Slice { out: 0, inp: 1 }).is_none());
    // Output 1 now reads input channel 1 (1 at (0, 0), else 0): 5 × 0 + 7 everywhere.
    let y = outputs(&s.scene, 1);
    assert_eq!(y[0], vec![vec![20.0, 26.0], vec![38.0, 44.0]]);
    assert_eq!(y[1], vec![vec![7.0; 2]; 2]);
    let undone = run(s, [Action::Undo]);
    assert_eq!(undone.scene, two);
    assert_eq!(slice_rows(conv_of(&undone.scene, 1), 0, 1), Some(vec![vec![9.0, 0.0], vec![0.0, 0.0]]));
}

#[test]
fn shrinking_input_channels_waits_and_undoes() {
    let s = run(
        AppState::start("", None),
        [
            Action::SetField { field: Field::InputChannels, text: "3".into() },
            Action::BeginEdit { cell: cell(GridId::Map(0, 2), 2, 2), text: Some("6".into()) },
            Action::CommitEdit { rows: 0, cols: 0 },
            Action::BeginEdit {
                cell: cell(GridId::Kernel(l(1), Slice { out: 0, inp: 2 }), 1, 1),
                text: Some("2".into()),
            },
            Action::CommitEdit { rows: 0, cols: 0 },
        ],
    );
    assert_eq!(outputs(&s.scene, 1), vec![vec![vec![19.0, 25.0], vec![37.0, 43.0 + 12.0]]]);
    let three = s.scene.clone();
    let s = run(s, [Action::SetField { field: Field::InputChannels, text: "1".into() }]);
    assert_eq!((field_state(&s, Field::InputChannels), s.scene.clone()), (Some(FieldState::Pending), three.clone()));
    let s = run(s, [Action::CommitField { field: Field::InputChannels, text: "1".into() }]);
    assert_eq!(s.scene.input.count(), 1);
    assert_eq!(conv_of(&s.scene, 1).in_channels(), 1);
    assert_eq!(outputs(&s.scene, 1), vec![vec![vec![19.0, 25.0], vec![37.0, 43.0]]]);
    let s = run(s, [Action::Undo]);
    assert_eq!(s.scene, three);
}

#[test]
fn channel_changes_follow_through_pooling_to_the_next_conv() {
    // Input → pool → conv: the conv reads the pooled map's channels.
    let text = r#"{"input":[[1,2,3,4],[5,6,7,8],[9,10,11,12],[13,14,15,16]],"layers":[
        {"type":"max-pool","size":[2,2],"stride":[1,1]},{"type":"conv","kernel":[[1,1],[1,1]]}]}"#;
    let s = AppState::start("", Some(text));
    let before = outputs(&s.scene, 2);
    let s = run(s, [Action::SetField { field: Field::InputChannels, text: "3".into() }]);
    assert_eq!(s.scene.all_dims().iter().map(|d| d.channels).collect::<Vec<_>>(), vec![3, 3, 1]);
    assert_eq!(conv_of(&s.scene, 2).in_channels(), 3);
    assert_eq!(outputs(&s.scene, 2), before);

    // Layer 1's output channels are layer 2's input channels.
    let s = run(AppState::start("", None), [Action::Preset(Preset::TwoLayers)]);
    let before = outputs(&s.scene, 2);
    let s = run(s, [Action::SetField { field: Field::OutChannels(l(1)), text: "2".into() }]);
    assert_eq!(conv_of(&s.scene, 2).in_channels(), 2);
    assert_eq!(outputs(&s.scene, 2), before);
    assert_eq!(outputs(&s.scene, 1)[1], vec![vec![0.0; 2]; 2]);

    // A depthwise layer's 3 groups cannot take 2 input channels: refused, with the reason.
    let s = run(AppState::start("", None), [Action::Preset(Preset::DepthwisePointwise)]);
    let scene = s.scene.clone();
    let s = run(s, [Action::CommitField { field: Field::InputChannels, text: "2".into() }]);
    assert_eq!(
        field_state(&s, Field::InputChannels),
        Some(FieldState::Refused(EditError::Model(ModelError::GroupsDoNotDivide {
            groups: 3,
            channels: 2,
            side: Side::Input
        })))
    );
    assert_eq!(s.scene, scene);
    // A pooling layer has no channels to set.
    let s =
        run(AppState::start("", Some(text)), [Action::SetField { field: Field::OutChannels(l(1)), text: "2".into() }]);
    assert_eq!(field_state(&s, Field::OutChannels(l(1))), Some(FieldState::Refused(EditError::NotConv(l(1)))));
}

#[test]
fn a_selected_channel_survives_a_link() {
    let s = run(AppState::start("", None), [Action::Preset(Preset::ThreeOutputs)]);
    let target = cell(GridId::Map(1, 2), 1, 0);
    let s = run(s, [Action::Select(target), Action::StepTo(9)]);
    let view = s.view().unwrap();
    assert_eq!(view.selected, Some(ViewCell { map: 1, channel: 2, row: 1, col: 0 }));
    let again = AppState::start("", Some(&s.scene.to_json_with(Some(view))));
    assert_eq!((again.editor.cursor, again.stepper.step, again.position()), (Some(target), 9, Some(Pos::new(2, 0, 1))));
    // A channel the map does not have: the view is dropped, with a notice.
    let bad = View { selected: Some(ViewCell { map: 1, channel: 3, row: 0, col: 0 }), ..view };
    let link = convscope::state::scene::fragment_of_json(&s.scene.to_json_with(Some(bad)));
    let opened = AppState::start(&link, None);
    assert_eq!(opened.scene, s.scene);
    assert_eq!(opened.editor.cursor, None);
    assert_eq!(opened.chrome.notice.map(|n| n.kind), Some(NoticeKind::ViewDropped));
}

// ---------------------------------------------------------------------------------------------
// 10. The channel presets

#[test]
fn channel_presets_compute_d2l_numbers() {
    let two = Preset::TwoChannels.scene();
    assert_eq!(two.input.count(), 2);
    assert_eq!(outputs(&two, 1), vec![plane_of(D2L_56)]);

    let three = Preset::ThreeOutputs.scene();
    assert_eq!(outputs(&three, 1), vec![plane_of(D2L_56), plane_of(D2L_76), plane_of(D2L_96)]);
    let s = run(AppState::start("", None), [Action::Preset(Preset::ThreeOutputs)]);
    assert_eq!(s.total_steps(), 12);
    assert_eq!(run(s, [Action::StepTo(4)]).position(), Some(Pos::new(1, 0, 0)));
}

#[test]
fn one_by_one_preset_is_a_matrix_product() {
    let scene = Preset::OneByOne.scene();
    let conv = conv_of(&scene, 1);
    assert_eq!((conv.in_channels(), conv.out_channels(), conv.window()), (3, 2, one()));
    let weights = [[1.0, 0.0, -1.0], [0.5, 1.0, 0.5]];
    for (o, row) in weights.iter().enumerate() {
        for (i, &w) in row.iter().enumerate() {
            assert_eq!(slice_rows(conv, o, i), Some(vec![vec![w]]));
        }
    }
    let y = forward_all(&scene.input, &scene.layers)[0].clone().unwrap();
    let x = &scene.input;
    for r in 0..x.rows() {
        for c in 0..x.cols() {
            for (o, w) in weights.iter().enumerate() {
                let dot: f64 = (0..3).map(|i| w[i] * x.get(i, r, c).unwrap()).sum();
                assert_eq!(y.get(o, r, c), Some(dot));
            }
        }
    }
}

#[test]
fn depthwise_pointwise_preset_matches_the_reference() {
    let scene = Preset::DepthwisePointwise.scene();
    let maps = forward_all(&scene.input, &scene.layers);
    let input = planes(&scene.input);
    let mut below = input.clone();
    for (i, layer) in scene.layers.iter().enumerate() {
        let Layer::Conv(conv) = layer else { panic!("{layer:?}") };
        let g = conv.geometry();
        let hw = |v: Hw| (v.h, v.w);
        let case = ConvCase {
            input: below.clone(),
            weight: conv.kernel_rows().iter().map(|r| r.iter().map(Grid::to_rows).collect()).collect(),
            bias: conv.bias().to_vec(),
            groups: conv.groups(),
            stride: hw(g.stride()),
            padding: hw(g.padding()),
            dilation: hw(g.dilation()),
            convolution: conv.mode() == Mode::Convolution,
        };
        let (oh, ow) = case.out_shape().unwrap();
        let want: Vec<Plane> = (0..conv.out_channels())
            .map(|o| (0..oh).map(|r| (0..ow).map(|c| case.reference_cell(o, r, c).1).collect()).collect())
            .collect();
        assert_eq!(planes(maps[i].as_ref().unwrap()), want, "layer {}", i + 1);
        below = want;
    }
    assert_eq!(conv_of(&scene, 1).groups(), 3);
    assert_eq!(conv_of(&scene, 1).per_group(), 1);
}

#[test]
fn randomize_and_clear_keep_channels_and_groups() {
    for preset in [Preset::TwoChannels, Preset::ThreeOutputs, Preset::OneByOne, Preset::DepthwisePointwise] {
        let s = run(AppState::start("", None), [Action::Preset(preset)]);
        let dims = s.scene.all_dims();
        let shape = |scene: &Scene| {
            scene
                .layers
                .iter()
                .map(|layer| match layer {
                    Layer::Conv(c) => (c.in_channels(), c.out_channels(), c.groups(), c.window()),
                    Layer::Pool(_) => unreachable!(),
                })
                .collect::<Vec<_>>()
        };
        let randomized = run(s.clone(), [Action::Randomize]);
        assert_eq!(randomized.scene.all_dims(), dims, "{preset:?}");
        assert_eq!(shape(&randomized.scene), shape(&s.scene));
        let cleared = run(randomized, [Action::Clear]);
        assert_eq!(shape(&cleared.scene), shape(&s.scene));
        assert!(cleared.scene.input.values().all(|v| v == 0.0));
        for layer in &cleared.scene.layers {
            let Layer::Conv(c) = layer else { unreachable!() };
            assert!(c.bias().iter().all(|&b| b == 0.0));
            assert!(c.slices().all(|(_, g)| g.values().iter().all(|&v| v == 0.0)));
        }
    }
}

//! Native tests of receptive and projective fields: the d2l example, the classic stacks, and
//! property tests holding the analytic formulas (Araujo et al.) against brute force.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use convscope::model::*;
use proptest::prelude::*;

fn conv(k: usize, s: usize, p: usize, d: usize) -> Layer {
    Layer::Conv(
        Conv::new(
            Grid::filled(k, k, 1.0).unwrap(),
            0.0,
            Hw::square(s),
            Hw::square(p),
            Hw::square(d),
            Mode::CrossCorrelation,
        )
        .unwrap(),
    )
}

fn max_pool(k: usize, s: usize) -> Layer {
    Layer::Pool(Pool::new(PoolKind::Max, Hw::square(k), Hw::square(s), Hw::square(0)).unwrap())
}

fn shapes(input: Hw, layers: &[Layer]) -> Vec<Hw> {
    let dims = output_shapes(Dims::new(1, input), layers);
    std::iter::once(input).chain(dims.into_iter().map(|d| d.unwrap().hw)).collect()
}

fn sizes(layers: &[Layer]) -> Vec<usize> {
    rf_table(layers, Axis::Rows).iter().map(|r| r.size).collect()
}

#[test]
fn d2l_two_layers_z_sees_all_of_y_and_all_of_x() {
    let layers = vec![conv(2, 1, 0, 1), conv(2, 1, 0, 1)];
    let sh = shapes(Hw::square(3), &layers);
    let field = receptive_field(&layers, &sh, 2, (0, 0));
    assert_eq!(field[1].len(), 4);
    assert_eq!(field[0].len(), 9);
    assert!(field[0].iter().all(|&(r, c)| (0..3).contains(&r) && (0..3).contains(&c)));
    assert_eq!(sizes(&layers), vec![2, 3]);
    // The reverse: the centre of X reaches all of Y and z; a corner reaches one cell of Y.
    let pf = projective_field(&layers, &sh, 0, (1, 1));
    assert_eq!((pf[0].len(), pf[1].len()), (4, 1));
    assert_eq!(projective_field(&layers, &sh, 0, (0, 0))[0], vec![(0, 0)]);
}

#[test]
fn classic_stacks_grow_as_expected() {
    assert_eq!(sizes(&[conv(3, 1, 0, 1), conv(3, 1, 0, 1), conv(3, 1, 0, 1)]), vec![3, 5, 7]);
    assert_eq!(sizes(&[conv(3, 1, 0, 1), conv(3, 1, 0, 2), conv(3, 1, 0, 4)]), vec![3, 7, 15]);
    assert_eq!(sizes(&[conv(3, 1, 0, 1), max_pool(2, 2), conv(3, 1, 0, 1)]), vec![3, 4, 8]);
    let jumps: Vec<usize> =
        rf_table(&[conv(3, 1, 0, 1), max_pool(2, 2), conv(3, 2, 0, 1)], Axis::Cols).iter().map(|r| r.jump).collect();
    assert_eq!(jumps, vec![1, 2, 4]);
}

#[test]
fn dilation_leaves_gaps_in_the_exact_field() {
    let layers = vec![conv(2, 1, 0, 3)];
    let sh = shapes(Hw::square(5), &layers);
    let field = receptive_field(&layers, &sh, 1, (0, 0));
    assert_eq!(field[0], vec![(0, 0), (0, 3), (3, 0), (3, 3)]);
    assert_eq!(rf_table(&layers, Axis::Rows)[0].size, 4);
}

#[test]
fn padding_cells_are_in_the_field_but_not_followed_back() {
    let layers = vec![conv(3, 1, 1, 1), conv(3, 1, 1, 1)];
    let sh = shapes(Hw::square(4), &layers);
    let field = receptive_field(&layers, &sh, 2, (0, 0));
    // In map 1: rows/cols −1..1 (the padding ring included) = 9 cells.
    assert_eq!(field[1].len(), 9);
    assert!(field[1].contains(&(-1, -1)));
    // In the input: only what real map-1 cells (0..1) read: −1..2, i.e. 16 cells.
    assert_eq!(field[0].len(), 16);
    assert_eq!(field[0].first(), Some(&(-1, -1)));
    assert_eq!(field[0].last(), Some(&(2, 2)));
    // The analytic extent counts past the padding: start −2, size 5.
    assert_eq!(rf_extent(&layers, Axis::Rows, 0, 2, 0), Some((-2, 5)));
}

/// A random layer small enough to keep shapes positive on small inputs.
fn layer() -> impl Strategy<Value = Layer> {
    prop_oneof![
        (1usize..4, 1usize..4, 1usize..3, 0usize..3, 1usize..3, 1usize..3).prop_map(|(kh, kw, s, p, dh, dw)| {
            Layer::Conv(
                Conv::new(
                    Grid::filled(kh, kw, 1.0).unwrap(),
                    0.0,
                    Hw::new(s, 1),
                    Hw::new(p, p),
                    Hw::new(dh, dw),
                    Mode::Convolution,
                )
                .unwrap(),
            )
        }),
        (1usize..4, 1usize..3, any::<bool>()).prop_map(|(k, s, avg)| {
            let kind = if avg { PoolKind::Avg } else { PoolKind::Max };
            Layer::Pool(Pool::new(kind, Hw::square(k), Hw::square(s), Hw::square(k / 2)).unwrap())
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn analytic_extent_matches_brute_force(layers in proptest::collection::vec(layer(), 1..5), u in 0usize..6) {
        for axis in [Axis::Rows, Axis::Cols] {
            for to in 1..=layers.len() {
                for from in 0..to {
                    let virtual_field = virtual_field_1d(&layers, axis, from, to, u as isize);
                    let (start, size) = rf_extent(&layers, axis, from, to, u).unwrap();
                    prop_assert_eq!(virtual_field.first().copied(), Some(start));
                    prop_assert_eq!(virtual_field.last().copied(), Some(start + size as isize - 1));
                    if from == 0 {
                        prop_assert_eq!(rf_table(&layers, axis)[to - 1].size, size);
                    }
                }
            }
        }
    }

    #[test]
    fn exact_field_is_the_virtual_field_where_cells_exist(
        layers in proptest::collection::vec(layer(), 1..4), h in 6usize..14, w in 6usize..14, pick in 0usize..1000,
    ) {
        let input = Hw::new(h, w);
        let shapes_or: Vec<_> = output_shapes(Dims::new(1, input), &layers);
        prop_assume!(shapes_or.iter().all(Result::is_ok));
        let sh = shapes(input, &layers);
        let last = *sh.last().unwrap();
        let (r, c) = ((pick / 7) % last.h, pick % last.w);
        let l = layers.len();
        let field = receptive_field(&layers, &sh, l, (r as isize, c as isize));
        // The map just below is exactly the window.
        let mut window = window_cells(layers[l - 1].geometry(), r, c);
        window.sort_unstable();
        window.dedup();
        prop_assert_eq!(&field[l - 1], &window);
        // Every exact cell lies inside the analytic extent, on both axes.
        for (m, cells) in field.iter().enumerate() {
            let (rs, rn) = rf_extent(&layers, Axis::Rows, m, l, r).unwrap();
            let (cs, cn) = rf_extent(&layers, Axis::Cols, m, l, c).unwrap();
            for &(y, x) in cells {
                prop_assert!(y >= rs && y < rs + rn as isize && x >= cs && x < cs + cn as isize);
            }
        }
        // Receptive and projective fields are each other's reverse.
        for (m, cells) in field.iter().enumerate() {
            for &cell in cells.iter().filter(|&&(y, x)| y >= 0 && x >= 0 && (y as usize) < sh[m].h && (x as usize) < sh[m].w) {
                let pf = projective_field(&layers, &sh, m, cell);
                prop_assert!(pf[l - m - 1].contains(&(r as isize, c as isize)));
            }
        }
    }
}

/// The virtual receptive field, to check `rf_extent` against: like `receptive_field`, but
/// following every position back, padding and beyond, on one axis. Returns, for map `from`,
/// the sorted positions.
fn virtual_field_1d(layers: &[Layer], axis: Axis, from: usize, to: usize, u: isize) -> Vec<isize> {
    let mut frontier: BTreeSet<isize> = BTreeSet::from([u]);
    for m in (from + 1..=to).rev() {
        let Some(layer) = layers.get(m - 1) else { break };
        let g = layer.geometry();
        let (s, p, d, k) =
            (sgn(g.stride().on(axis)), sgn(g.padding().on(axis)), sgn(g.dilation().on(axis)), g.window().on(axis));
        frontier = frontier
            .iter()
            .flat_map(|&i| {
                (0..k).map(move |t| i.saturating_mul(s).saturating_sub(p).saturating_add(sgn(t).saturating_mul(d)))
            })
            .collect();
    }
    frontier.into_iter().collect()
}

fn sgn(n: usize) -> isize {
    isize::try_from(n).unwrap()
}

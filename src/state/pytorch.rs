//! Any scene as Python that recomputes it with PyTorch (#15): the input as a `(N, C, H, W)`
//! tensor, every layer as `torch.nn.functional.conv2d` / `max_pool2d` / `avg_pool2d` with its
//! weight, bias, stride, padding, dilation and groups, and the printed map of every layer —
//! optionally with checks that assert each map equals what the app computed.
//!
//! Why this is exact: every number is written as the shortest decimal that reads back as the
//! same `f64` (the `data-value` text; Python's float parser rounds correctly), and every tensor
//! is float64. PyTorch sums a window in its own order, so a check is `torch.equal` only where
//! no rounding can happen anywhere upstream (whole numbers whose partial sums stay below 2⁵³,
//! max pooling picking one of them), and elsewhere `torch.allclose` with a tolerance of 1e-12
//! relative to each value plus 1e-9 of the map's largest magnitude.
//!
//! The code runs on PyTorch 1.13 (Debian's) as on current releases: it uses only
//! `torch.tensor`, `torch.flip`, `F.conv2d`, `F.max_pool2d`, `F.avg_pool2d`,
//! `torch.equal` and `torch.allclose`, with keyword arguments all of them have had since 1.0.
//! Comments are in the reader's language ([`Strings`]); code is code.

use std::fmt::Write;

use crate::i18n::Strings;
use crate::model::{format_value, forward_all, Channels, Conv, Hw, Layer, Mode, Pool, PoolKind};

use super::Scene;

/// Whole numbers are summed exactly in `f64` while every partial sum stays below this.
const EXACT_SUMS: f64 = 9_007_199_254_740_992.0; // 2^53

/// The Python that recomputes `scene`, printing every map; with `checks`, every map is also
/// compared with the app's own values (see the module doc for how exactly).
pub fn pytorch(scene: &Scene, checks: bool, t: &Strings) -> String {
    let mut out = String::new();
    let maps = forward_all(&scene.input, &scene.layers);
    comment(&mut out, t.code_header);
    out.push_str("import torch\nimport torch.nn.functional as F\n\n");
    let x = &scene.input;
    comment(&mut out, &(t.code_input)(x.count(), x.rows(), x.cols()));
    let (values, shape) = batch(x);
    let _ = writeln!(out, "{}\nprint(X)\n", tensor("X", &values, &shape));
    // Whether the map just computed is known to equal the app's bit for bit.
    let mut exact = whole(x.values());
    let mut previous = "X".to_owned();
    let mut upstream: &Channels = x;
    for (i, (layer, map)) in scene.layers.iter().zip(&maps).enumerate() {
        let n = i + 1;
        let name = format!("Y{n}");
        let map = match map {
            Ok(map) => map,
            Err(e) => {
                // PyTorch would fail here too (or compute what the app refuses): say why.
                comment(&mut out, &(t.code_no_output)(n, &(t.model_error)(e)));
                return out;
            }
        };
        match layer {
            Layer::Conv(conv) => {
                exact = exact && conv_is_exact(conv, upstream);
                conv_code(&mut out, t, n, conv, &previous);
            }
            Layer::Pool(pool) => {
                exact = exact && pool.kind() == PoolKind::Max;
                pool_code(&mut out, t, n, pool, &previous);
            }
        }
        let _ = writeln!(out, "print({name})");
        if let (1, Layer::Conv(conv)) = (n, layer) {
            corr2d_code(&mut out, t, conv, checks, exact);
        }
        if checks {
            check_code(&mut out, t, &name, map, exact);
        }
        out.push('\n');
        previous = name;
        upstream = map;
    }
    out
}

/// A comment line (or lines) of text.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

fn conv_code(out: &mut String, t: &Strings, n: usize, conv: &Conv, input: &str) {
    let k = conv.window();
    let shape = [conv.out_channels(), conv.per_group(), k.h, k.w];
    comment(out, &(t.code_conv)(n, &shape_text(&shape)));
    // PyTorch's weight is the slices in the app's own order: output channel, then input.
    let weight: Vec<f64> = conv.slices().flat_map(|(_, g)| g.values().iter().copied()).collect();
    let _ = writeln!(out, "{}", tensor(&format!("K{n}"), &weight, &shape));
    let _ = writeln!(out, "{}", tensor(&format!("b{n}"), conv.bias(), &[conv.bias().len()]));
    let applied = match conv.mode() {
        Mode::CrossCorrelation => format!("K{n}"),
        Mode::Convolution => {
            comment(out, t.code_flip);
            format!("torch.flip(K{n}, [2, 3])")
        }
    };
    let g = conv.geometry();
    let _ = writeln!(
        out,
        "Y{n} = F.conv2d({input}, {applied}, b{n}, stride={}, padding={}, dilation={}, groups={})",
        pair(g.stride()),
        pair(g.padding()),
        pair(g.dilation()),
        conv.groups()
    );
}

fn pool_code(out: &mut String, t: &Strings, n: usize, pool: &Pool, input: &str) {
    let g = pool.geometry();
    let (k, p) = (g.window(), g.padding());
    let (kind, call, extra) = match pool.kind() {
        PoolKind::Max => (t.max_pool, "max_pool2d", ""),
        PoolKind::Avg => (t.avg_pool, "avg_pool2d", ", count_include_pad=True"),
    };
    comment(out, &(t.code_pool)(n, kind));
    // The scene's pools pad at most half their window, as PyTorch allows.
    let _ = writeln!(
        out,
        "Y{n} = F.{call}({input}, kernel_size={}, stride={}, padding={}{extra})",
        pair(k),
        pair(g.stride()),
        pair(p)
    );
}

/// d2l's `corr2d` beside the first layer when it is a one-channel layer that `corr2d` computes
/// (stride 1, no padding or dilation): the loop a reader of the chapter knows.
fn corr2d_code(out: &mut String, t: &Strings, conv: &Conv, checks: bool, exact: bool) {
    let g = conv.geometry();
    let one = |hw: Hw| hw == Hw::square(1);
    if !(conv.is_single() && one(g.stride()) && one(g.dilation()) && g.padding() == Hw::square(0)) {
        return;
    }
    comment(out, t.code_corr2d);
    out.push_str(concat!(
        "def corr2d(X, K):\n",
        "    h, w = K.shape\n",
        "    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1), dtype=torch.float64)\n",
        "    for i in range(Y.shape[0]):\n",
        "        for j in range(Y.shape[1]):\n",
        "            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()\n",
        "    return Y\n",
    ));
    let kernel = match conv.mode() {
        Mode::CrossCorrelation => "K1[0, 0]",
        Mode::Convolution => "torch.flip(K1[0, 0], [0, 1])",
    };
    let _ = writeln!(out, "Y1_corr2d = corr2d(X[0, 0], {kernel}) + b1[0]\nprint(Y1_corr2d)");
    if checks {
        let _ = writeln!(out, "{}", compare("Y1_corr2d", "Y1[0, 0]", exact));
    }
}

fn check_code(out: &mut String, t: &Strings, name: &str, map: &Channels, exact: bool) {
    comment(out, t.code_check);
    let (values, shape) = batch(map);
    let _ = writeln!(out, "{}", tensor(&format!("{name}_shown"), &values, &shape));
    let _ = writeln!(out, "{}", compare(name, &format!("{name}_shown"), exact));
}

/// An assertion that `a` equals `b`: bit for bit, or to the tolerance of the module doc.
fn compare(a: &str, b: &str, exact: bool) -> String {
    if exact {
        format!("assert torch.equal({a}, {b}), \"{a}\"")
    } else {
        format!("assert torch.allclose({a}, {b}, rtol=1e-12, atol=1e-9 * float({b}.abs().max())), \"{a}\"")
    }
}

/// Whether a conv layer computes bit for bit what PyTorch does on an input known exactly: all
/// whole numbers, every partial sum below 2⁵³ (bounded by the largest input times the sum of
/// the weights' magnitudes, plus the bias).
fn conv_is_exact(conv: &Conv, input: &Channels) -> bool {
    let largest = input.values().fold(0.0f64, |m, v| m.max(v.abs()));
    let weights_whole = conv.slices().all(|(_, g)| whole(g.values().iter().copied()));
    let per_out = (0..conv.out_channels()).map(|o| {
        conv.slices().filter(|(s, _)| s.out == o).flat_map(|(_, g)| g.values().iter()).map(|w| w.abs()).sum::<f64>()
    });
    let bound = per_out.fold(0.0f64, f64::max) * largest + conv.bias().iter().fold(0.0f64, |m, b| m.max(b.abs()));
    weights_whole && whole(conv.bias().iter().copied()) && whole(input.values()) && bound < EXACT_SUMS
}

fn whole(mut values: impl Iterator<Item = f64>) -> bool {
    values.all(|v| v.fract() == 0.0 && v.abs() < EXACT_SUMS)
}

/// `name = torch.tensor(…, dtype=torch.float64)` of `values` in `shape`, nested lists laid out
/// as NumPy prints them: a row a line, each aligned under the one before.
fn tensor(name: &str, values: &[f64], shape: &[usize]) -> String {
    let prefix = format!("{name} = torch.tensor(");
    format!("{prefix}{}, dtype=torch.float64)", nested(values, shape, prefix.chars().count()))
}

/// Nested lists of `values` (row-major) in `shape`, the opening bracket at column `col`.
fn nested(values: &[f64], shape: &[usize], col: usize) -> String {
    match shape {
        [] | [_] => format!("[{}]", values.iter().map(|&v| format_value(v)).collect::<Vec<_>>().join(", ")),
        [n, inner @ ..] => {
            let size = values.len() / (*n).max(1);
            let parts: Vec<String> = values.chunks(size.max(1)).map(|part| nested(part, inner, col + 1)).collect();
            // Blank lines between planes, as NumPy does, keep channels apart.
            let gap = if inner.len() >= 2 { ",\n\n" } else { ",\n" };
            format!("[{}]", parts.join(&format!("{gap}{}", " ".repeat(col + 1))))
        }
    }
}

/// A map's values and its shape as a batch of one: `(1, C, H, W)`.
fn batch(map: &Channels) -> (Vec<f64>, [usize; 4]) {
    (map.values().collect(), [1, map.count(), map.rows(), map.cols()])
}

fn pair(hw: Hw) -> String {
    format!("({}, {})", hw.h, hw.w)
}

fn shape_text(dims: &[usize]) -> String {
    dims.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
}

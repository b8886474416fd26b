//! One-click scenes for the classroom: d2l's examples, the classic image filters, padding and
//! stride, dilation; and the seeded randomiser and the clear button's scene.

use std::rc::Rc;

use super::scene::{LayerId, Learn, Scene};
use crate::model::{Channels, Conv, Grid, Hw, Layer, Mode, Pool, PoolKind};

/// A ready-made scene.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// d2l's 3×3 input and 2×2 kernel: 19, 25, 37, 43.
    D2l,
    /// d2l's edge detector: a 6×8 image with a dark band and the kernel [1, −1].
    EdgeDetector,
    /// d2l's edge detector with a learning demo on it: the kernel [1, −1] learned from zeros
    /// at rate 0.03 (#14).
    LearnEdge,
    /// The identity kernel: the output is the input.
    Identity,
    /// The 3×3 box blur (every weight 1/9).
    BoxBlur,
    /// The sharpen kernel.
    Sharpen,
    /// Sobel x: vertical edges.
    SobelX,
    /// Sobel y: horizontal edges.
    SobelY,
    /// The Laplacian: edges in every direction.
    Laplacian,
    /// d2l's padding and stride example: padding 1, stride (3, 2).
    PaddingStride,
    /// A dilated 3×3 kernel (dilation 2) spanning 5×5.
    Dilation,
    /// d2l's two 2×2 layers: the single output z sees all four of Y and all nine of X.
    TwoLayers,
    /// Four 3×3 convolutions: receptive fields 3, 5, 7, 9.
    ConvStack,
    /// 3×3 convolutions with a 2×2 pool between: the pool doubles the growth.
    ConvPoolStack,
    /// 3×3 convolutions with dilation 1, 2, 4: receptive fields 3, 7, 15.
    DilatedStack,
    /// d2l's two input channels: [[56, 72], [104, 120]].
    TwoChannels,
    /// d2l's three output channels from kernels K, K + 1, K + 2.
    ThreeOutputs,
    /// A 1×1 convolution mixing 3 channels into 2: a matrix product at every pixel.
    OneByOne,
    /// A depthwise 3×3 convolution (groups = 3) and a pointwise 1×1 one.
    DepthwisePointwise,
}

impl Preset {
    /// Every preset, in the order the buttons show them.
    pub const ALL: [Preset; 19] = [
        Preset::D2l,
        Preset::EdgeDetector,
        Preset::LearnEdge,
        Preset::Identity,
        Preset::BoxBlur,
        Preset::Sharpen,
        Preset::SobelX,
        Preset::SobelY,
        Preset::Laplacian,
        Preset::PaddingStride,
        Preset::Dilation,
        Preset::TwoLayers,
        Preset::ConvStack,
        Preset::ConvPoolStack,
        Preset::DilatedStack,
        Preset::TwoChannels,
        Preset::ThreeOutputs,
        Preset::OneByOne,
        Preset::DepthwisePointwise,
    ];

    /// The scene this preset opens.
    pub fn scene(self) -> Scene {
        let filter = |k: &[&[f64]]| conv_scene(square_image(), rows(k), Hw::square(1), Hw::square(1), Hw::square(1));
        match self {
            Preset::D2l => Scene::d2l_default(),
            Preset::EdgeDetector => conv_scene(
                built(Grid::from_fn(6, 8, |_, c| if (2..6).contains(&c) { 0.0 } else { 1.0 })),
                rows(&[&[1.0, -1.0]]),
                Hw::square(1),
                Hw::square(0),
                Hw::square(1),
            ),
            Preset::LearnEdge => {
                let mut scene = Preset::EdgeDetector.scene();
                let learn = scene.conv(LayerId::FIRST).map(|c| Learn::from_zeros(LayerId::FIRST, c));
                scene.learn = learn;
                scene
            }
            Preset::Identity => filter(&[&[0.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]]),
            Preset::BoxBlur => {
                let ninth = 1.0 / 9.0;
                filter(&[&[ninth; 3], &[ninth; 3], &[ninth; 3]])
            }
            Preset::Sharpen => filter(&[&[0.0, -1.0, 0.0], &[-1.0, 5.0, -1.0], &[0.0, -1.0, 0.0]]),
            Preset::SobelX => filter(&[&[-1.0, 0.0, 1.0], &[-2.0, 0.0, 2.0], &[-1.0, 0.0, 1.0]]),
            Preset::SobelY => filter(&[&[-1.0, -2.0, -1.0], &[0.0, 0.0, 0.0], &[1.0, 2.0, 1.0]]),
            Preset::Laplacian => filter(&[&[0.0, 1.0, 0.0], &[1.0, -4.0, 1.0], &[0.0, 1.0, 0.0]]),
            Preset::PaddingStride => conv_scene(
                Scene::d2l_default().input.planes().first().cloned().unwrap_or_default(),
                rows(&[&[0.0, 1.0], &[2.0, 3.0]]),
                Hw::new(3, 2),
                Hw::square(1),
                Hw::square(1),
            ),
            Preset::Dilation => conv_scene(
                built(Grid::from_fn(7, 7, |r, c| ((r * 7 + c) % 10) as f64)),
                rows(&[&[1.0, 0.0, -1.0], &[2.0, 0.0, -2.0], &[1.0, 0.0, -1.0]]),
                Hw::square(1),
                Hw::square(0),
                Hw::square(2),
            ),
            Preset::TwoLayers => {
                let mut scene = Scene::d2l_default();
                scene.layers = [0, 1].iter().filter_map(|_| scene.layers.first().cloned()).collect();
                scene
            }
            Preset::ConvStack => stack(11, &[conv3(1), conv3(1), conv3(1), conv3(1)]),
            Preset::ConvPoolStack => stack(12, &[conv3(1), pool2(PoolKind::Max), conv3(1), pool2(PoolKind::Max)]),
            Preset::DilatedStack => stack(16, &[conv3(1), conv3(2), conv3(4)]),
            Preset::TwoChannels => {
                let k = [counting(2, 2, 0.0), counting(2, 2, 1.0)];
                channel_scene(d2l_two_channels(), vec![k.to_vec()], 1, Hw::square(0))
            }
            Preset::ThreeOutputs => {
                let weight = (0..3)
                    .map(|o| [counting(2, 2, f64::from(o)), counting(2, 2, f64::from(o) + 1.0)].to_vec())
                    .collect();
                channel_scene(d2l_two_channels(), weight, 1, Hw::square(0))
            }
            Preset::OneByOne => {
                let input = (0..3).map(|c| counting(3, 3, c as f64)).collect();
                let weight = [[1.0, 0.0, -1.0], [0.5, 1.0, 0.5]]
                    .iter()
                    .map(|row| row.iter().map(|&w| rows(&[&[w]])).collect())
                    .collect();
                channel_scene(input, weight, 1, Hw::square(0))
            }
            Preset::DepthwisePointwise => {
                let input = (0..3)
                    .map(|c| built(Grid::from_fn(6, 6, |r, col| ((r * 2 + col * 3 + c * 4) % 10) as f64)))
                    .collect();
                let blur = rows(&[&[0.0, 1.0, 0.0], &[1.0, 1.0, 1.0], &[0.0, 1.0, 0.0]]);
                let sobel = rows(&[&[-1.0, 0.0, 1.0], &[-2.0, 0.0, 2.0], &[-1.0, 0.0, 1.0]]);
                let identity = rows(&[&[0.0, 0.0, 0.0], &[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0]]);
                let mut scene = channel_scene(input, vec![vec![blur], vec![sobel], vec![identity]], 3, Hw::square(1));
                let pointwise = [[1.0, 1.0, 1.0], [1.0, -1.0, 0.0]]
                    .iter()
                    .map(|row| row.iter().map(|&w| rows(&[&[w]])).collect())
                    .collect();
                scene.layers.push(channel_conv(pointwise, 1, Hw::square(0)));
                scene
            }
        }
    }
}

/// The layer "Add" appends.
pub fn new_layer(kind: super::NewLayer) -> Layer {
    match kind {
        // The next layer of d2l's deeper example: its 2×2 kernel, no padding.
        super::NewLayer::Conv => conv(rows(&[&[0.0, 1.0], &[2.0, 3.0]]), Hw::square(1), Hw::square(0), Hw::square(1)),
        super::NewLayer::MaxPool => pool2(PoolKind::Max),
        super::NewLayer::AvgPool => pool2(PoolKind::Avg),
    }
}

/// A preset's part, which is valid by construction (the presets are constants of this file,
/// not user input). The test `every_preset_builds_its_layers` in tests/state.rs builds every
/// preset and checks its shapes, so a mistake here fails the tests, never a student's page.
#[allow(clippy::expect_used)]
fn built<T, E: std::fmt::Debug>(part: Result<T, E>) -> T {
    part.expect("a preset's constant parts are valid")
}

/// A 3×3 averaging-like convolution (small integer weights) with the given dilation.
fn conv3(dilation: usize) -> Layer {
    let kernel = rows(&[&[0.0, 1.0, 0.0], &[1.0, 1.0, 1.0], &[0.0, 1.0, 0.0]]);
    conv(kernel, Hw::square(1), Hw::square(0), Hw::square(dilation))
}

/// 2×2 pooling, stride 2.
fn pool2(kind: PoolKind) -> Layer {
    Layer::Pool(built(Pool::new(kind, Hw::square(2), Hw::square(2), Hw::square(0))))
}

/// An n×n input of small integers (0–9) and the given layers.
fn stack(n: usize, layers: &[Layer]) -> Scene {
    let input = built(Grid::from_fn(n, n, |r, c| ((r * 3 + c * 5) % 10) as f64));
    Scene { input: Rc::new(Channels::from(input)), layers: layers.to_vec(), learn: None }
}

/// The scene with every input value and every weight replaced by a random integer (inputs 0 to
/// 9, weights −2 to 2) drawn from `seed`; shapes and settings stay.
pub fn randomized(scene: &Scene, seed: u64) -> Scene {
    let mut rng = fastrand::Rng::with_seed(seed);
    let draw = |part: Part| match part {
        Part::Input => f64::from(rng.i32(0..=9)),
        Part::Weight => f64::from(rng.i32(-2..=2)),
    };
    refilled(scene, draw, None)
}

/// The scene with every input value, weight and bias set to 0; shapes and settings stay.
pub fn cleared(scene: &Scene) -> Scene {
    refilled(scene, |_| 0.0, Some(0.0))
}

/// Which part of a scene a new value is drawn for.
#[derive(Clone, Copy)]
enum Part {
    Input,
    Weight,
}

/// The scene with new input values and weights (drawn in row-major order, input channel after
/// channel first, then every slice of every kernel), and every bias set to `bias` if given;
/// shapes and settings stay.
fn refilled(scene: &Scene, mut draw: impl FnMut(Part) -> f64, bias: Option<f64>) -> Scene {
    let mut next = scene.clone();
    let mut fill = |g: &Grid, part: Part| Grid::from_fn(g.rows(), g.cols(), |_, _| draw(part)).unwrap_or_default();
    let planes = scene.input.planes().iter().map(|g| fill(g, Part::Input)).collect();
    if let Ok(map) = Channels::new(planes) {
        next.input = Rc::new(map);
    }
    for layer in &mut next.layers {
        if let Layer::Conv(c) = layer {
            let kernel: Vec<Vec<Grid>> =
                c.kernel_rows().iter().map(|r| r.iter().map(|g| fill(g, Part::Weight)).collect()).collect();
            let biases = match bias {
                Some(b) => vec![b; c.out_channels()],
                None => c.bias().to_vec(),
            };
            let g = c.geometry();
            let rebuilt =
                Conv::with_channels(kernel, biases, c.groups(), g.stride(), g.padding(), g.dilation(), c.mode());
            if let Ok(conv) = rebuilt {
                *c = conv;
            }
        }
    }
    next
}

/// An 8×8 image: a bright 4×4 square (9) on a dark ground (0), for the image filters.
fn square_image() -> Grid {
    built(Grid::from_fn(8, 8, |r, c| if (2..6).contains(&r) && (2..6).contains(&c) { 9.0 } else { 0.0 }))
}

/// A `rows × cols` grid counting up from `start` in row-major order (d2l's X and K, and K + 1).
fn counting(rows: usize, cols: usize, start: f64) -> Grid {
    built(Grid::from_fn(rows, cols, |r, c| start + (r * cols + c) as f64))
}

/// d2l's input of two channels: 0…8 and 1…9.
fn d2l_two_channels() -> Vec<Grid> {
    vec![counting(3, 3, 0.0), counting(3, 3, 1.0)]
}

/// A conv layer with a multi-channel weight, zero biases, stride 1 and the given padding.
fn channel_conv(weight: Vec<Vec<Grid>>, groups: usize, padding: Hw) -> Layer {
    let bias = vec![0.0; weight.len()];
    let one = Hw::square(1);
    Layer::Conv(built(Conv::with_channels(weight, bias, groups, one, padding, one, Mode::CrossCorrelation)))
}

/// A scene of an input of several channels and one conv layer.
fn channel_scene(input: Vec<Grid>, weight: Vec<Vec<Grid>>, groups: usize, padding: Hw) -> Scene {
    Scene {
        input: Rc::new(built(Channels::new(input))),
        layers: vec![channel_conv(weight, groups, padding)],
        learn: None,
    }
}

fn rows(k: &[&[f64]]) -> Grid {
    built(Grid::from_rows(&k.iter().map(|r| r.to_vec()).collect::<Vec<_>>()))
}

fn conv(kernel: Grid, stride: Hw, padding: Hw, dilation: Hw) -> Layer {
    Layer::Conv(built(Conv::new(kernel, 0.0, stride, padding, dilation, Mode::CrossCorrelation)))
}

fn conv_scene(input: Grid, kernel: Grid, stride: Hw, padding: Hw, dilation: Hw) -> Scene {
    Scene { input: Rc::new(Channels::from(input)), layers: vec![conv(kernel, stride, padding, dilation)], learn: None }
}

//! One-click scenes for the classroom: d2l's examples, the classic image filters, padding and
//! stride, dilation; and the seeded randomiser and the clear button's scene.

use super::scene::Scene;
use crate::model::{Conv, Grid, Hw, Layer, Mode, Pool, PoolKind};

/// A ready-made scene.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    /// d2l's 3×3 input and 2×2 kernel: 19, 25, 37, 43.
    D2l,
    /// d2l's edge detector: a 6×8 image with a dark band and the kernel [1, −1].
    EdgeDetector,
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
}

impl Preset {
    /// Every preset, in the order the buttons show them.
    pub const ALL: [Preset; 14] = [
        Preset::D2l,
        Preset::EdgeDetector,
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
    ];

    /// The scene this preset opens.
    pub fn scene(self) -> Scene {
        let filter = |k: &[&[f64]]| conv_scene(square_image(), rows(k), Hw::square(1), Hw::square(1), Hw::square(1));
        match self {
            Preset::D2l => Scene::d2l_default(),
            Preset::EdgeDetector => conv_scene(
                Grid::from_fn(6, 8, |_, c| if (2..6).contains(&c) { 0.0 } else { 1.0 }).unwrap_or_default(),
                rows(&[&[1.0, -1.0]]),
                Hw::square(1),
                Hw::square(0),
                Hw::square(1),
            ),
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
                Scene::d2l_default().input,
                rows(&[&[0.0, 1.0], &[2.0, 3.0]]),
                Hw::new(3, 2),
                Hw::square(1),
                Hw::square(1),
            ),
            Preset::Dilation => conv_scene(
                Grid::from_fn(7, 7, |r, c| ((r * 7 + c) % 10) as f64).unwrap_or_default(),
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
            Preset::ConvPoolStack => stack(12, &[conv3(1), pool2(), conv3(1), pool2()]),
            Preset::DilatedStack => stack(16, &[conv3(1), conv3(2), conv3(4)]),
        }
    }
}

/// The layer "Add" appends.
pub fn new_layer(kind: super::NewLayer) -> Layer {
    match kind {
        super::NewLayer::Conv => Conv::new(
            Grid::filled(3, 3, 1.0).unwrap_or_default(),
            0.0,
            Hw::square(1),
            Hw::square(1),
            Hw::square(1),
            Mode::CrossCorrelation,
        )
        .map(Layer::Conv)
        .unwrap_or_else(|_| conv3(1)),
        super::NewLayer::MaxPool => pool2(),
        super::NewLayer::AvgPool => Pool::new(PoolKind::Avg, Hw::square(2), Hw::square(2), Hw::square(0))
            .map(Layer::Pool)
            .unwrap_or_else(|_| pool2()),
    }
}

/// A 3×3 averaging-like convolution (small integer weights) with the given dilation.
fn conv3(dilation: usize) -> Layer {
    let kernel = rows(&[&[0.0, 1.0, 0.0], &[1.0, 1.0, 1.0], &[0.0, 1.0, 0.0]]);
    match Conv::new(kernel, 0.0, Hw::square(1), Hw::square(0), Hw::square(dilation), Mode::CrossCorrelation) {
        Ok(c) => Layer::Conv(c),
        Err(_) => Layer::Pool(Pool::unit(PoolKind::Max)),
    }
}

fn pool2() -> Layer {
    Layer::Pool(
        Pool::new(PoolKind::Max, Hw::square(2), Hw::square(2), Hw::square(0))
            .unwrap_or_else(|_| Pool::unit(PoolKind::Max)),
    )
}

/// An n×n input of small integers (0–9) and the given layers.
fn stack(n: usize, layers: &[Layer]) -> Scene {
    let input = Grid::from_fn(n, n, |r, c| ((r * 3 + c * 5) % 10) as f64).unwrap_or_default();
    Scene { input, layers: layers.to_vec() }
}

/// The scene with every input value and every weight replaced by a random integer (inputs 0 to
/// 9, weights −2 to 2) drawn from `seed`; shapes and settings stay.
pub fn randomized(scene: &Scene, seed: u64) -> Scene {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut next = scene.clone();
    next.input = Grid::from_fn(scene.input.rows(), scene.input.cols(), |_, _| f64::from(rng.i32(0..=9)))
        .unwrap_or_else(|_| scene.input.clone());
    for layer in &mut next.layers {
        if let Layer::Conv(c) = layer {
            let k = c.kernel();
            let kernel =
                Grid::from_fn(k.rows(), k.cols(), |_, _| f64::from(rng.i32(-2..=2))).unwrap_or_else(|_| k.clone());
            let g = c.geometry();
            if let Ok(conv) = Conv::new(kernel, c.bias(), g.stride(), g.padding(), g.dilation(), c.mode()) {
                *c = conv;
            }
        }
    }
    next
}

/// The scene with every input value, weight and bias set to 0; shapes and settings stay.
pub fn cleared(scene: &Scene) -> Scene {
    let mut next = scene.clone();
    next.input = Grid::filled(scene.input.rows(), scene.input.cols(), 0.0).unwrap_or_default();
    for layer in &mut next.layers {
        if let Layer::Conv(c) = layer {
            let k = c.kernel();
            let kernel = Grid::filled(k.rows(), k.cols(), 0.0).unwrap_or_default();
            let g = c.geometry();
            if let Ok(conv) = Conv::new(kernel, 0.0, g.stride(), g.padding(), g.dilation(), c.mode()) {
                *c = conv;
            }
        }
    }
    next
}

/// An 8×8 image: a bright 4×4 square (9) on a dark ground (0), for the image filters.
fn square_image() -> Grid {
    Grid::from_fn(8, 8, |r, c| if (2..6).contains(&r) && (2..6).contains(&c) { 9.0 } else { 0.0 }).unwrap_or_default()
}

fn rows(k: &[&[f64]]) -> Grid {
    Grid::from_rows(&k.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap_or_default()
}

fn conv_scene(input: Grid, kernel: Grid, stride: Hw, padding: Hw, dilation: Hw) -> Scene {
    let layers = Conv::new(kernel, 0.0, stride, padding, dilation, Mode::CrossCorrelation)
        .map(Layer::Conv)
        .into_iter()
        .collect();
    Scene { input, layers }
}

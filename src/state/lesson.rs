//! The lesson (#15): d2l's chapter on convolutions as a walk through live scenes, a page at a
//! time. A page is a scene with its view (what it sets up) plus words (a title, a few sentences
//! and one thing to do or notice, in `crate::i18n`, one per page in every language).
//!
//! While a lesson is open, the student's own scene, its undo history, the window and the
//! selection wait aside ([`Lesson`]) and come back untouched on leaving; a page's edits are
//! undoable on that page and are never autosaved (the address bar says `#lesson=N` instead).
//! Pages are built from the scene format or the presets, so a page is exactly what a link
//! would open.

use std::rc::Rc;

use crate::model::picture::Sample;
use crate::model::Mode;

use super::{Editor, History, Opened, Preset, Scene, Stepper, ViewPart};

/// The pages, in the chapter's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Cross-correlation on d2l's 3×3 example: 19, 25, 37, 43.
    CrossCorrelation,
    /// A layer adds a bias: 20, 26, 38, 44.
    Bias,
    /// Convolution flips the kernel: 5, 11, 23, 29.
    Convolution,
    /// Learning with the other operation finds the flipped kernel.
    EitherOperation,
    /// The edge detector on d2l's band: columns of 1 and −1.
    FeatureMap,
    /// The same kernel on a picture: the disc's left and right edges.
    PictureEdges,
    /// The transposed kernel finds nothing in the band.
    Transposed,
    /// Two 2×2 layers: z sees all nine inputs.
    ReceptiveField,
    /// Four 3×3 layers: 3, 5, 7, 9.
    DeeperSeesWider,
    /// "valid", "same" and "full": 4×4 without padding.
    BorderConventions,
    /// d2l's padding and stride example.
    Stride,
    /// A dilated kernel spans 5×5.
    Dilation,
    /// Max pooling on the 3×3 example: 4, 5, 7, 8.
    Pooling,
    /// d2l's two input channels: 56, 72, 104, 120.
    Channels,
    /// A 1×1 convolution mixes channels.
    OneByOne,
}

impl Page {
    /// Every page, in order.
    pub const ALL: [Page; 15] = [
        Page::CrossCorrelation,
        Page::Bias,
        Page::Convolution,
        Page::EitherOperation,
        Page::FeatureMap,
        Page::PictureEdges,
        Page::Transposed,
        Page::ReceptiveField,
        Page::DeeperSeesWider,
        Page::BorderConventions,
        Page::Stride,
        Page::Dilation,
        Page::Pooling,
        Page::Channels,
        Page::OneByOne,
    ];

    /// The page at index `i` (from 0), if there is one.
    pub fn at(i: usize) -> Option<Page> {
        Page::ALL.get(i).copied()
    }

    /// The scene the page sets up, with its view.
    pub fn setup(self) -> Opened {
        match self {
            Page::EitherOperation => either_operation(),
            Page::FeatureMap => preset(Preset::EdgeDetector),
            Page::PictureEdges => picture_edges(),
            Page::Stride => preset(Preset::PaddingStride),
            Page::Dilation => preset(Preset::Dilation),
            Page::Channels => preset(Preset::TwoChannels),
            Page::OneByOne => preset(Preset::OneByOne),
            // Every page's JSON opens (a native test says so); d2l's example otherwise.
            json => json.json().and_then(|j| Scene::open_json(j).ok()).unwrap_or_else(|| preset(Preset::D2l)),
        }
    }

    /// The page's scene in the scene format (with its view), where the page is written so.
    pub fn json(self) -> Option<&'static str> {
        Some(match self {
            Page::CrossCorrelation => {
                r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]]}]}"#
            }
            Page::Bias => {
                r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]],"bias":1}]}"#
            }
            Page::Convolution => {
                r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]],"mode":"convolution"}]}"#
            }
            Page::Transposed => {
                r#"{"version":1,"input":[[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1],[1,1,0,0,0,0,1,1]],"layers":[{"type":"conv","kernel":[[1],[-1]]}]}"#
            }
            Page::ReceptiveField => {
                r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"conv","kernel":[[0,1],[2,3]]},{"type":"conv","kernel":[[0,1],[2,3]]}],"view":{"layer":2,"step":0,"selected":{"map":2,"row":0,"col":0}}}"#
            }
            Page::DeeperSeesWider => {
                r#"{"version":1,"input":[[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,5,6,7,8,9,0],[2,3,4,5,6,7,8,9,0,1],[3,4,5,6,7,8,9,0,1,2],[4,5,6,7,8,9,0,1,2,3],[5,6,7,8,9,0,1,2,3,4],[6,7,8,9,0,1,2,3,4,5],[7,8,9,0,1,2,3,4,5,6],[8,9,0,1,2,3,4,5,6,7],[9,0,1,2,3,4,5,6,7,8]],"layers":[{"type":"conv","kernel":[[0,1,0],[1,1,1],[0,1,0]]},{"type":"conv","kernel":[[0,1,0],[1,1,1],[0,1,0]]},{"type":"conv","kernel":[[0,1,0],[1,1,1],[0,1,0]]},{"type":"conv","kernel":[[0,1,0],[1,1,1],[0,1,0]]}],"view":{"layer":4,"step":0,"selected":{"map":4,"row":1,"col":1}}}"#
            }
            Page::BorderConventions => {
                r#"{"version":1,"input":[[1,2,3,4,5,6],[2,3,4,5,6,7],[3,4,5,6,7,8],[4,5,6,7,8,9],[5,6,7,8,9,8],[6,7,8,9,8,7]],"layers":[{"type":"conv","kernel":[[1,1,1],[1,1,1],[1,1,1]]}]}"#
            }
            Page::Pooling => {
                r#"{"version":1,"input":[[0,1,2],[3,4,5],[6,7,8]],"layers":[{"type":"max-pool","size":[2,2],"stride":[1,1]}]}"#
            }
            _ => return None,
        })
    }
}

fn preset(p: Preset) -> Opened {
    Opened { scene: p.scene(), view: ViewPart::Absent }
}

/// The learning demo on the edge detector, the learner in convolution mode: it finds [−1, 1].
fn either_operation() -> Opened {
    let mut scene = Preset::LearnEdge.scene();
    if let Some(learn) = scene.learn.as_mut() {
        learn.mode = Some(Mode::Convolution);
    }
    Opened { scene, view: ViewPart::Absent }
}

/// The edge detector's kernel [1, −1] on the disc: its left edge lights one way, its right
/// edge the other.
fn picture_edges() -> Opened {
    let mut scene = Preset::EdgeDetector.scene();
    scene.input = Rc::new(Sample::Disc.picture());
    Opened { scene, view: ViewPart::Absent }
}

/// A lesson in progress: the page, and what the student had before opening it.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The page shown (from 0).
    pub page: usize,
    /// The student's own scene, undo history, window and selection, as they were.
    pub(super) own: Rc<Own>,
}

/// What waits aside while a lesson is open.
#[derive(Debug, PartialEq)]
pub(super) struct Own {
    pub(super) scene: Rc<Scene>,
    pub(super) history: History,
    pub(super) stepper: Stepper,
    pub(super) editor: Editor,
}

/// Reads a `#lesson=N` fragment: `Some(N)` (from 1, as written; possibly out of range), or
/// `None` when the fragment is not a lesson's.
pub fn lesson_fragment(fragment: &str) -> Option<Result<usize, String>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let number = fragment.strip_prefix("lesson=")?;
    Some(number.trim().parse::<usize>().map_err(|_| number.to_owned()))
}

/// The fragment of page `page` (from 0): `#lesson=N`, N from 1.
pub fn fragment_of_page(page: usize) -> String {
    format!("#lesson={}", page + 1)
}

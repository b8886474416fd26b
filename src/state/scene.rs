//! The scene: everything a user has set up (the input and the layers), its JSON format and the
//! `#scene=` link that carries it. Both are public contracts (teachers keep links), so the format
//! is versioned and only ever extended.
//!
//! Reading is bounded before parsing (link length), then parsed to a JSON value (serde_json
//! limits nesting and reads every number back exactly), then each part is checked against the
//! bounds below and turned into model types, so a [`Scene`] that exists is valid. Every failure
//! is a [`SceneError`] that names the place ([`Place`]) and the problem ([`Problem`]) with its
//! numbers; `crate::i18n` says it in words.

use std::num::NonZeroUsize;
use std::rc::Rc;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::{
    output_shapes, Axis, Channels, Conv, Dims, Grid, GridError, Hw, Layer, Mode, ModelError, Pool, PoolKind,
};

/// The scene format version this build writes.
pub const SCENE_VERSION: u64 = 1;
/// Largest input, per axis (a channel): a picture is scaled down to fit 256 × 256.
pub const MAX_INPUT: usize = 256;
/// Largest kernel or pooling window, per axis.
pub const MAX_WINDOW: usize = 16;
/// Largest stride and dilation, per axis.
pub const MAX_STEP: usize = 16;
/// Largest padding, per side and axis.
pub const MAX_PADDING: usize = 16;
/// Most layers in a stack.
pub const MAX_LAYERS: usize = 16;
/// Most channels of any map, and most output channels of a layer.
pub const MAX_CHANNELS: usize = 16;
/// Largest magnitude of any input value, weight or bias.
pub const MAX_ABS_VALUE: f64 = 1e6;
/// Longest `#scene=` payload (base64 characters) that is read.
pub const MAX_SCENE_BYTES: usize = 256 * 1024;
/// Largest scene file (bytes) that is read.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Maps with a side over this many cells whose values are all bytes (b / 255, or whole
/// numbers 0–255) are written compactly: `{"encoding": "u8", ...}`.
pub const PACK_OVER: usize = 32;

/// The prefix of the URL fragment that carries a scene.
pub const FRAGMENT_PREFIX: &str = "#scene=";

/// A valid scene: an input map (one or more channels) and the layers applied to it in order.
/// The input is shared, so an edit of a kernel, or two hundred undo steps, do not copy it.
#[derive(Clone, Debug)]
pub struct Scene {
    /// The input feature map.
    pub input: Rc<Channels>,
    /// The layers, first applied first.
    pub layers: Vec<Layer>,
    /// How a layer's kernel is to be learned (#14), if a learning demo is set up.
    pub learn: Option<Learn>,
}

impl PartialEq for Scene {
    /// As derived, but a scene is equal to itself without reading it: the reducer compares
    /// the state it made with the one before on every action (a step too), and a picture's
    /// input is 65,536 values (0.2 ms a step). The values are finite, so nothing is equal by
    /// address that would not be equal by value.
    fn eq(&self, other: &Scene) -> bool {
        std::ptr::eq(self, other)
            || ((Rc::ptr_eq(&self.input, &other.input) || self.input == other.input)
                && self.layers == other.layers
                && self.learn == other.learn)
    }
}

/// The learning rate a learning demo starts with: d2l's.
pub const DEFAULT_RATE: f64 = 0.03;

/// A learning demo's setup (#14), the part a teacher shares: which conv layer's kernel is to
/// be learned, from what, how fast, and with which operation. The epochs trained are not part
/// of it (a link opens at epoch 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Learn {
    /// The conv layer whose output is the target.
    pub layer: LayerId,
    /// The learning rate: positive, finite, at most [`MAX_ABS_VALUE`].
    pub lr: f64,
    /// The learner's kernel before training, one grid per slice in `Conv::slices` order, each
    /// the layer's window (kept so by [`Scene::fit_learn`]).
    pub init: Vec<Grid>,
    /// Whether the learner's bias (starting at 0) is learned too.
    pub learn_bias: bool,
    /// The learner's operation; `None` follows the layer's.
    pub mode: Option<Mode>,
}

impl Learn {
    /// Learning layer `layer` (a convolution `conv`) from zeros at d2l's rate, with the layer's
    /// operation, the bias fixed.
    pub fn from_zeros(layer: LayerId, conv: &Conv) -> Learn {
        Learn { layer, lr: DEFAULT_RATE, init: zeros_like(conv), learn_bias: false, mode: None }
    }

    /// The learner's operation on `conv` (the layer learned).
    pub fn mode_on(&self, conv: &Conv) -> Mode {
        self.mode.unwrap_or(conv.mode())
    }
}

/// A zero grid for every slice of `conv`'s kernel.
fn zeros_like(conv: &Conv) -> Vec<Grid> {
    let w = conv.window();
    conv.slices().map(|_| Grid::from_fn(w.h, w.w, |_, _| 0.0).unwrap_or_default()).collect()
}

/// A layer's place in the stack, counting from 1 as the page does (`data-kernel="1"`, "Layer 1").
/// It cannot be 0; whether the layer exists is asked of the scene, in one place:
/// [`Scene::layer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerId(NonZeroUsize);

impl LayerId {
    /// The first layer.
    pub const FIRST: LayerId = LayerId(NonZeroUsize::MIN);

    /// Layer `n` (1-based), or `None` for 0.
    pub fn new(n: usize) -> Option<LayerId> {
        NonZeroUsize::new(n).map(LayerId)
    }

    /// The layer at 0-based position `i`.
    pub fn at_index(i: usize) -> LayerId {
        LayerId(NonZeroUsize::MIN.saturating_add(i))
    }

    /// Its number, from 1: also the number of the map it outputs.
    pub fn get(self) -> usize {
        self.0.get()
    }

    /// Its 0-based position: also the number of the map it reads.
    pub fn index(self) -> usize {
        self.0.get() - 1
    }

    /// The layer before it, if any.
    pub fn previous(self) -> Option<LayerId> {
        LayerId::new(self.index())
    }

    /// The layer after it (which the scene may not have).
    pub fn next(self) -> LayerId {
        LayerId(self.0.saturating_add(1))
    }
}

/// Why a scene could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum SceneError {
    /// The link is longer than [`MAX_SCENE_BYTES`] (or the file than [`MAX_FILE_BYTES`]).
    TooLong { len: usize, max: usize },
    /// The `#scene=` payload is not base64url.
    Base64(Base64Problem),
    /// The decoded bytes are not UTF-8 text.
    NotUtf8,
    /// A file could not be read at all.
    Unreadable,
    /// The text is not JSON: serde_json's own diagnosis ("number out of range at line 1
    /// column 20"), kept as it said it.
    Json(String),
    /// A version this build does not know, as written in the scene.
    UnknownVersion(String),
    /// A part of the scene is wrong.
    Invalid { at: Place, problem: Problem },
}

/// What is wrong with a `#scene=` payload's base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Problem {
    /// A character outside the alphabet, at a 0-based position.
    InvalidByte { offset: usize, byte: char },
    /// Cut short, or extra characters at the end.
    CutShort,
    /// Wrong `=` padding.
    Padding,
}

/// Where in a scene a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The scene as a whole.
    Scene,
    /// The input.
    Input,
    /// The list of layers.
    Layers,
    /// A layer.
    Layer(LayerId),
    /// A layer's kernel.
    Kernel(LayerId),
    /// The learning setup (`learn`).
    Learn,
}

/// A setting written as a pair `[height, width]` in the scene format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairName {
    /// `stride`.
    Stride,
    /// `padding`.
    Padding,
    /// `dilation`.
    Dilation,
    /// `size` (a pooling window).
    Size,
}

/// What is wrong with a part of a scene.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// It must be a JSON object.
    NotObject,
    /// The scene has no `input`.
    MissingInput,
    /// `layers` is not a list.
    NotLayerList,
    /// More layers than allowed.
    TooManyLayers { count: usize, max: usize },
    /// A grid that is not a list of rows of numbers.
    NotRows,
    /// A grid larger than allowed.
    TooLarge { rows: usize, cols: usize, max: usize },
    /// More channels (or kernel slices along one side) than allowed.
    TooManyChannels { count: usize, max: usize },
    /// A kernel that is neither a list of rows nor a list `[out][in/groups]` of them.
    NotKernel,
    /// A single `bias` number for a layer with several output channels: it needs a list.
    BiasNeedsList { out: usize },
    /// `groups` that is not a whole number from 1 to the most channels.
    BadGroups,
    /// A compact map (`"encoding": "u8"`) that is not one: what is wrong with it.
    BadPacked(PackProblem),
    /// A value beyond ±[`MAX_ABS_VALUE`].
    ValueOutOfRange { value: f64, row: usize, col: usize },
    /// A grid that is empty or ragged.
    Grid(GridError),
    /// A layer the model refuses.
    Model(ModelError),
    /// A layer without `type`.
    MissingType,
    /// A `type` that is not a layer type: as written in the scene.
    UnknownType(String),
    /// A conv layer without `kernel`.
    MissingKernel,
    /// A pooling layer without `size`.
    MissingSize,
    /// A setting that is not a pair of whole numbers.
    NotPair,
    /// A `bias` that is not a number.
    BiasNotNumber,
    /// A `bias` beyond ±[`MAX_ABS_VALUE`].
    BiasOutOfRange(f64),
    /// A `mode` that is not a mode.
    BadMode,
    /// A pair's value below its least.
    PairTooSmall { name: PairName, axis: Axis, min: i64, got: i64 },
    /// A pair's value above its most.
    PairTooLarge { name: PairName, axis: Axis, max: usize, got: i64 },
    /// `learn.layer` that is not the number of a conv layer of the scene.
    LearnLayer,
    /// A learning rate that is not a number above 0 and at most [`MAX_ABS_VALUE`].
    BadRate,
    /// `learn.init` not shaped like the layer's kernel: `slices` grids of `rows` × `cols`.
    InitShape { slices: usize, rows: usize, cols: usize },
    /// `learn.learn_bias` that is not `true` or `false`.
    NotBool,
}

/// What is wrong with a compact map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackProblem {
    /// Not `{"encoding": "u8", "shape": [c, r, cols], "scale": s, "data": "…"}`.
    Form,
    /// A `scale` other than 1 or 255.
    Scale,
    /// `data` is not base64url of deflate-raw bytes.
    Data,
    /// The inflated bytes are not `c × r × cols` long (`got` at most one past what was wanted).
    Length { wanted: usize, got: usize },
}

/// Where a link or a file asks the window and the selection to be: the view a teacher shares
/// with a scene. Optional in the format (older links have none), never part of the scene
/// itself, so never an undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// The layer the stepper drives.
    pub layer: LayerId,
    /// The step index, 0-based, over that layer's output in (channel, row, column) order.
    pub step: usize,
    /// The selected cell of a map, if any.
    pub selected: Option<ViewCell>,
}

/// A cell of a map, in the coordinates of the `data-*` contract (negative in padding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewCell {
    /// The map: 0 is the input, L the output of layer L.
    pub map: usize,
    /// Channel (0 when the map has one).
    pub channel: usize,
    /// Row.
    pub row: isize,
    /// Column.
    pub col: isize,
}

/// What a link or file said of its view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewPart {
    /// Nothing: the scene opens at its start.
    Absent,
    /// A view to restore (whether it fits the scene is the state's to check).
    Given(View),
    /// A `view` that is not one: dropped, with a notice.
    Unreadable,
}

/// A scene read from a link or a file, with the view it carried.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The scene.
    pub scene: Scene,
    /// Its view.
    pub view: ViewPart,
}

/// The scene as JSON, field for field (written; reading walks the JSON value, see below).
#[derive(Serialize)]
struct SceneDoc<'a> {
    version: u64,
    input: Nested,
    layers: Vec<LayerDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    learn: Option<LearnDoc<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<ViewDoc>,
}

/// The learning setup as JSON.
#[derive(Serialize)]
struct LearnDoc<'a> {
    layer: usize,
    lr: f64,
    init: Nested,
    learn_bias: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<&'a str>,
}

/// The view as JSON.
#[derive(Serialize)]
struct ViewDoc {
    layer: usize,
    step: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    selected: Option<CellDoc>,
}

/// A selected cell as JSON.
#[derive(Serialize)]
struct CellDoc {
    map: usize,
    #[serde(skip_serializing_if = "is_zero")]
    channel: usize,
    row: isize,
    col: isize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// Values as the format nests them: one grid's rows, channels of rows, or a weight's
/// `[out][in/groups]` slices of rows. One channel (one slice) is written as rows, as before
/// channels existed, so an old scene is written back byte for byte.
#[derive(Serialize)]
#[serde(untagged)]
enum Nested {
    Rows(Vec<Vec<f64>>),
    Channels(Vec<Vec<Vec<f64>>>),
    Weight(Vec<Vec<Vec<Vec<f64>>>>),
    Packed(PackedDoc),
}

/// A map of bytes, compact: value = byte / scale, bytes channel after channel, each row-major,
/// deflated (raw) and base64url'd.
#[derive(Serialize)]
struct PackedDoc {
    encoding: &'static str,
    shape: [usize; 3],
    scale: u16,
    data: String,
}

/// A bias: one number for one output channel (as before channels), else a list.
#[derive(Serialize)]
#[serde(untagged)]
enum BiasDoc {
    One(f64),
    Many(Vec<f64>),
}

/// One layer as JSON.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum LayerDoc<'a> {
    Conv {
        kernel: Nested,
        bias: BiasDoc,
        stride: [usize; 2],
        padding: [usize; 2],
        dilation: [usize; 2],
        mode: &'a str,
        #[serde(skip_serializing_if = "is_one")]
        groups: usize,
    },
    MaxPool {
        size: [usize; 2],
        stride: [usize; 2],
        padding: [usize; 2],
    },
    AvgPool {
        size: [usize; 2],
        stride: [usize; 2],
        padding: [usize; 2],
    },
}

impl Scene {
    /// d2l's example: X = [[0,1,2],[3,4,5],[6,7,8]] and K = [[0,1],[2,3]], giving [[19,25],[37,43]].
    pub fn d2l_default() -> Scene {
        let input = Grid::from_fn(3, 3, |r, c| (r * 3 + c) as f64).unwrap_or_default();
        let kernel = Grid::from_fn(2, 2, |r, c| (r * 2 + c) as f64).unwrap_or_default();
        let layers = Conv::simple(kernel, 0.0).map(Layer::Conv).into_iter().collect();
        Scene { input: Rc::new(Channels::from(input)), layers, learn: None }
    }

    /// Layer `id`, if the scene has it: the one checked lookup of a layer by number.
    pub fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.get(id.index())
    }

    /// Layer `id`, if the scene has it and it is a convolution.
    pub fn conv(&self, id: LayerId) -> Option<&Conv> {
        match self.layer(id)? {
            Layer::Conv(c) => Some(c),
            Layer::Pool(_) => None,
        }
    }

    /// The last layer, if there is one.
    pub fn last_layer(&self) -> Option<LayerId> {
        LayerId::new(self.layers.len())
    }

    /// Every layer with its number.
    pub fn layer_ids(&self) -> impl Iterator<Item = (LayerId, &Layer)> {
        self.layers.iter().enumerate().map(|(i, l)| (LayerId::at_index(i), l))
    }

    /// The shape of the input (of each channel).
    pub fn input_shape(&self) -> Hw {
        self.input.shape()
    }

    /// The shape of the input with its channels.
    pub fn input_dims(&self) -> Dims {
        Dims::of(&self.input)
    }

    /// The shape (of each channel) of map `m` (0 = the input, L = the output of layer L), if it
    /// can be computed.
    pub fn map_shape(&self, m: usize) -> Option<Hw> {
        self.map_dims(m).map(|d| d.hw)
    }

    /// The shape of map `m` with its channels, if it can be computed.
    pub fn map_dims(&self, m: usize) -> Option<Dims> {
        match m.checked_sub(1) {
            None => Some(self.input_dims()),
            Some(i) => output_shapes(self.input_dims(), self.layers.get(..=i)?).pop()?.ok(),
        }
    }

    /// The shape of every map (0 = the input) up to the first that cannot be computed.
    pub fn all_dims(&self) -> Vec<Dims> {
        let input = self.input_dims();
        std::iter::once(Ok(input)).chain(output_shapes(input, &self.layers)).map_while(Result::ok).collect()
    }

    /// Reads a scene from JSON text (its view, if any, aside).
    pub fn from_json(text: &str) -> Result<Scene, SceneError> {
        Scene::open_json(text).map(|o| o.scene)
    }

    /// Reads a scene and its view from JSON text.
    pub fn open_json(text: &str) -> Result<Opened, SceneError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(SceneError::TooLong { len: text.len(), max: MAX_FILE_BYTES });
        }
        let value: Value = serde_json::from_str(text).map_err(|e| SceneError::Json(e.to_string()))?;
        let scene = Scene::from_value(&value)?;
        let view = match value.get("view") {
            None | Some(Value::Null) => ViewPart::Absent,
            Some(v) => read_view(v).map_or(ViewPart::Unreadable, ViewPart::Given),
        };
        Ok(Opened { scene, view })
    }

    /// Reads a scene from the URL fragment (with or without the leading `#`). Returns `None`
    /// when the fragment carries no scene.
    pub fn from_fragment(fragment: &str) -> Option<Result<Scene, SceneError>> {
        Some(Scene::open_fragment(fragment)?.map(|o| o.scene))
    }

    /// Reads a scene and its view from the URL fragment; `None` when it carries no scene.
    pub fn open_fragment(fragment: &str) -> Option<Result<Opened, SceneError>> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let payload = fragment.strip_prefix("scene=")?;
        Some(Scene::open_base64(payload))
    }

    /// Reads a scene from base64url (padding optional) of its UTF-8 JSON.
    pub fn from_base64(payload: &str) -> Result<Scene, SceneError> {
        Scene::open_base64(payload).map(|o| o.scene)
    }

    fn open_base64(payload: &str) -> Result<Opened, SceneError> {
        if payload.len() > MAX_SCENE_BYTES {
            return Err(SceneError::TooLong { len: payload.len(), max: MAX_SCENE_BYTES });
        }
        let bytes = LINK_ENGINE.decode(payload.trim()).map_err(|e| SceneError::Base64(base64_problem(&e)))?;
        let text = String::from_utf8(bytes).map_err(|_| SceneError::NotUtf8)?;
        Scene::open_json(&text)
    }

    /// The scene as compact JSON.
    pub fn to_json(&self) -> String {
        self.to_json_with(None)
    }

    /// The scene and a view as compact JSON.
    pub fn to_json_with(&self, view: Option<View>) -> String {
        serde_json::to_string(&self.to_doc(view)).unwrap_or_default()
    }

    /// The scene and a view as indented JSON, for files people may read and edit.
    pub fn to_json_pretty(&self, view: Option<View>) -> String {
        serde_json::to_string_pretty(&self.to_doc(view)).unwrap_or_default()
    }

    /// The URL fragment that carries this scene: `#scene=` + base64url without padding.
    pub fn to_fragment(&self) -> String {
        fragment_of_json(&self.to_json())
    }

    fn from_value(value: &Value) -> Result<Scene, SceneError> {
        let obj = value.as_object().ok_or(invalid(Place::Scene, Problem::NotObject))?;
        match obj.get("version") {
            None => {}
            Some(v) if v.as_u64() == Some(SCENE_VERSION) => {}
            Some(v) => return Err(SceneError::UnknownVersion(v.to_string())),
        }
        let input_value = obj.get("input").ok_or(invalid(Place::Scene, Problem::MissingInput))?;
        let input = read_map(input_value)?;
        let layers = match obj.get("layers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                if items.len() > MAX_LAYERS {
                    return Err(invalid(Place::Layers, Problem::TooManyLayers { count: items.len(), max: MAX_LAYERS }));
                }
                let mut layers = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    layers.push(read_layer(item, LayerId::at_index(i))?);
                }
                layers
            }
            Some(_) => return Err(invalid(Place::Layers, Problem::NotLayerList)),
        };
        let learn = match obj.get("learn") {
            None | Some(Value::Null) => None,
            Some(v) => Some(read_learn(v, &layers)?),
        };
        Ok(Scene { input: Rc::new(input), layers, learn })
    }

    /// Keeps the learning setup true to the layers after an edit: dropped when its layer is no
    /// longer a convolution; its initial kernel reshaped like the layer's (values kept where
    /// both have the cell, zeros in new cells and slices).
    pub fn fit_learn(&mut self) {
        let Some(learn) = &self.learn else { return };
        let Some(conv) = self.conv(learn.layer) else {
            self.learn = None;
            return;
        };
        let w = conv.window();
        let fits =
            learn.init.len() == conv.slices().count() && learn.init.iter().all(|g| (g.rows(), g.cols()) == (w.h, w.w));
        if fits {
            return;
        }
        let init = (0..conv.slices().count())
            .map(|i| {
                let old = learn.init.get(i);
                Grid::from_fn(w.h, w.w, |r, c| old.and_then(|g| g.get(r, c)).unwrap_or(0.0)).unwrap_or_default()
            })
            .collect();
        if let Some(learn) = &mut self.learn {
            learn.init = init;
        }
    }

    fn to_doc(&self, view: Option<View>) -> SceneDoc<'static> {
        SceneDoc {
            version: SCENE_VERSION,
            input: nested_map(&self.input),
            layers: self.layers.iter().map(layer_doc).collect(),
            learn: self.learn.as_ref().map(|l| LearnDoc {
                layer: l.layer.get(),
                lr: l.lr,
                init: nested_weight(&l.init, self.conv(l.layer).map_or(1, Conv::per_group)),
                learn_bias: l.learn_bias,
                mode: l.mode.map(mode_name),
            }),
            view: view.map(|v| ViewDoc {
                layer: v.layer.get(),
                step: v.step,
                selected: v.selected.map(|c| CellDoc { map: c.map, channel: c.channel, row: c.row, col: c.col }),
            }),
        }
    }
}

/// The URL fragment that carries a scene already written as JSON (by [`Scene::to_json`]).
pub fn fragment_of_json(json: &str) -> String {
    format!("{FRAGMENT_PREFIX}{}", LINK_ENGINE.encode(json))
}

/// base64url (RFC 4648 §5): written without padding, read with or without it.
const LINK_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_encode_padding(false).with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What a base64 decoding error means for the person who pasted the link.
fn base64_problem(e: &base64::DecodeError) -> Base64Problem {
    match e {
        base64::DecodeError::InvalidByte(offset, byte) => {
            Base64Problem::InvalidByte { offset: *offset, byte: char::from(*byte) }
        }
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => Base64Problem::CutShort,
        base64::DecodeError::InvalidPadding => Base64Problem::Padding,
    }
}

/// A `view`: `{"layer": L, "step": n, "selected": {"map": M, "row": r, "col": c}}`, `selected`
/// optional; `None` when it is not one.
fn read_view(value: &Value) -> Option<View> {
    let layer = LayerId::new(usize::try_from(value.get("layer")?.as_u64()?).ok()?)?;
    let step = usize::try_from(value.get("step")?.as_u64()?).ok()?;
    let selected = match value.get("selected") {
        None | Some(Value::Null) => None,
        Some(cell) => Some(ViewCell {
            map: usize::try_from(cell.get("map")?.as_u64()?).ok()?,
            channel: match cell.get("channel") {
                None => 0,
                Some(c) => usize::try_from(c.as_u64()?).ok()?,
            },
            row: isize::try_from(cell.get("row")?.as_i64()?).ok()?,
            col: isize::try_from(cell.get("col")?.as_i64()?).ok()?,
        }),
    };
    Some(View { layer, step, selected })
}

/// A learning setup: `{"layer": L, "lr": 0.03, "init": <kernel>, "learn_bias": false,
/// "mode": "convolution"}`, every field but `layer` optional (d2l's rate, zeros, the bias fixed,
/// the layer's operation).
fn read_learn(value: &Value, layers: &[Layer]) -> Result<Learn, SceneError> {
    let at = Place::Learn;
    let obj = value.as_object().ok_or(invalid(at, Problem::NotObject))?;
    let found =
        obj.get("layer").and_then(Value::as_u64).and_then(|n| LayerId::new(usize::try_from(n).ok()?)).and_then(|id| {
            match layers.get(id.index()) {
                Some(Layer::Conv(c)) => Some((id, c)),
                _ => None,
            }
        });
    let (layer, conv) = found.ok_or(invalid(at, Problem::LearnLayer))?;
    let lr = match obj.get("lr") {
        None => DEFAULT_RATE,
        Some(v) => v.as_f64().filter(|r| *r > 0.0 && *r <= MAX_ABS_VALUE).ok_or(invalid(at, Problem::BadRate))?,
    };
    let w = conv.window();
    let init = match obj.get("init") {
        None | Some(Value::Null) => zeros_like(conv),
        Some(v) => {
            let init: Vec<Grid> = read_weight(v, at)?.into_iter().flatten().collect();
            let slices = conv.slices().count();
            if init.len() != slices || init.iter().any(|g| (g.rows(), g.cols()) != (w.h, w.w)) {
                return Err(invalid(at, Problem::InitShape { slices, rows: w.h, cols: w.w }));
            }
            init
        }
    };
    let learn_bias = match obj.get("learn_bias") {
        None => false,
        Some(v) => v.as_bool().ok_or(invalid(at, Problem::NotBool))?,
    };
    let mode = read_mode(obj, at)?;
    Ok(Learn { layer, lr, init, learn_bias, mode })
}

fn invalid(at: Place, problem: Problem) -> SceneError {
    SceneError::Invalid { at, problem }
}

/// A grid: a list of rows of numbers, at most `max` × `max`, every value within the bounds.
fn read_grid(value: &Value, at: Place, max: usize) -> Result<Grid, SceneError> {
    let not_rows = || invalid(at, Problem::NotRows);
    let rows = value.as_array().ok_or_else(not_rows)?;
    let mut grid: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    for row in rows {
        let row = row.as_array().ok_or_else(not_rows)?;
        grid.push(row.iter().map(Value::as_f64).collect::<Option<Vec<f64>>>().ok_or_else(not_rows)?);
    }
    if grid.len() > max || grid.iter().any(|r| r.len() > max) {
        let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
        return Err(invalid(at, Problem::TooLarge { rows: grid.len(), cols, max }));
    }
    for (r, row) in grid.iter().enumerate() {
        if let Some((c, &v)) = row.iter().enumerate().find(|(_, v)| v.abs() > MAX_ABS_VALUE) {
            return Err(invalid(at, Problem::ValueOutOfRange { value: v, row: r, col: c }));
        }
    }
    Grid::from_rows(&grid).map_err(|e| invalid(at, Problem::Grid(e)))
}

/// A pair `[height, width]` of whole numbers from `min` to `max`; `default` when left out.
fn read_pair(
    obj: &Map<String, Value>,
    key: &str,
    name: PairName,
    at: Place,
    (min, max): (i64, usize),
    default: Option<Hw>,
) -> Result<Hw, SceneError> {
    let raw = match (obj.get(key), default) {
        (None, Some(d)) => return Ok(d),
        (None, None) => return Err(invalid(at, Problem::MissingSize)),
        (Some(v), _) => v,
    };
    let pair = raw.as_array().filter(|a| a.len() == 2).ok_or(invalid(at, Problem::NotPair))?;
    let mut out = [0usize; 2];
    for (slot, (v, axis)) in out.iter_mut().zip(pair.iter().zip([Axis::Rows, Axis::Cols])) {
        let v = v.as_i64().ok_or(invalid(at, Problem::NotPair))?;
        if v < min {
            return Err(invalid(at, Problem::PairTooSmall { name, axis, min, got: v }));
        }
        let n = usize::try_from(v).unwrap_or(usize::MAX);
        if n > max {
            return Err(invalid(at, Problem::PairTooLarge { name, axis, max, got: v }));
        }
        *slot = n;
    }
    Ok(Hw::new(out[0], out[1]))
}

fn read_layer(value: &Value, id: LayerId) -> Result<Layer, SceneError> {
    let at = Place::Layer(id);
    let obj = value.as_object().ok_or(invalid(at, Problem::NotObject))?;
    let kind = match obj.get("type") {
        None => return Err(invalid(at, Problem::MissingType)),
        Some(t) => match t.as_str() {
            Some("conv") => None,
            Some("max-pool") => Some(PoolKind::Max),
            Some("avg-pool") => Some(PoolKind::Avg),
            _ => return Err(invalid(at, Problem::UnknownType(t.to_string()))),
        },
    };
    let one = Some(Hw::square(1));
    let zero = Some(Hw::square(0));
    let layer = match kind {
        None => {
            let kernel = obj.get("kernel").ok_or(invalid(at, Problem::MissingKernel))?;
            let kernel = read_weight(kernel, Place::Kernel(id))?;
            let out = kernel.len();
            let number = |b: &Value| -> Result<f64, SceneError> {
                let v = b.as_f64().ok_or(invalid(at, Problem::BiasNotNumber))?;
                if v.abs() > MAX_ABS_VALUE {
                    return Err(invalid(at, Problem::BiasOutOfRange(v)));
                }
                Ok(v)
            };
            let bias = match obj.get("bias") {
                None => vec![0.0; out],
                Some(Value::Array(items)) => items.iter().map(number).collect::<Result<Vec<f64>, SceneError>>()?,
                Some(b) if out == 1 => vec![number(b)?],
                Some(b) if b.is_number() => return Err(invalid(at, Problem::BiasNeedsList { out })),
                Some(_) => return Err(invalid(at, Problem::BiasNotNumber)),
            };
            let groups = match obj.get("groups") {
                None => 1,
                Some(g) => g
                    .as_u64()
                    .and_then(|g| usize::try_from(g).ok())
                    .filter(|g| (1..=MAX_CHANNELS).contains(g))
                    .ok_or(invalid(at, Problem::BadGroups))?,
            };
            let stride = read_pair(obj, "stride", PairName::Stride, at, (1, MAX_STEP), one)?;
            let padding = read_pair(obj, "padding", PairName::Padding, at, (0, MAX_PADDING), zero)?;
            let dilation = read_pair(obj, "dilation", PairName::Dilation, at, (1, MAX_STEP), one)?;
            let mode = read_mode(obj, at)?.unwrap_or(Mode::CrossCorrelation);
            Conv::with_channels(kernel, bias, groups, stride, padding, dilation, mode).map(Layer::Conv)
        }
        Some(kind) => {
            let size = read_pair(obj, "size", PairName::Size, at, (1, MAX_WINDOW), None)?;
            let stride = read_pair(obj, "stride", PairName::Stride, at, (1, MAX_STEP), Some(size))?;
            let padding = read_pair(obj, "padding", PairName::Padding, at, (0, MAX_PADDING), zero)?;
            Pool::new(kind, size, stride, padding).map(Layer::Pool)
        }
    };
    layer.map_err(|e| invalid(at, Problem::Model(e)))
}

/// The map compact, if it is over [`PACK_OVER`] a side and every value is a byte over 255
/// (a picture) or a whole number 0–255.
fn pack(map: &Channels) -> Option<PackedDoc> {
    let shape = map.shape();
    if shape.h <= PACK_OVER && shape.w <= PACK_OVER {
        return None;
    }
    let bytes_at = |scale: f64| -> Option<Vec<u8>> {
        map.values()
            .map(|v| {
                let b = (v * scale).round();
                ((0.0..=255.0).contains(&b) && b / scale == v).then_some(b as u8)
            })
            .collect()
    };
    let (scale, bytes) = [255u16, 1].into_iter().find_map(|s| Some((s, bytes_at(f64::from(s))?)))?;
    let data = LINK_ENGINE.encode(miniz_oxide::deflate::compress_to_vec(&bytes, 9));
    Some(PackedDoc { encoding: "u8", shape: [map.count(), shape.h, shape.w], scale, data })
}

/// A compact map: its shape checked against the bounds before anything is inflated, and the
/// inflating stopped one byte past the size the shape says.
fn unpack(obj: &Map<String, Value>, at: Place) -> Result<Channels, SceneError> {
    let bad = |p: PackProblem| invalid(at, Problem::BadPacked(p));
    let shape = obj.get("shape").and_then(Value::as_array).filter(|s| s.len() == 3).ok_or(bad(PackProblem::Form))?;
    let dims: Vec<usize> = shape
        .iter()
        .map(|v| v.as_u64().and_then(|n| usize::try_from(n).ok()))
        .collect::<Option<Vec<usize>>>()
        .ok_or(bad(PackProblem::Form))?;
    let &[c, rows, cols] = dims.as_slice() else { return Err(bad(PackProblem::Form)) };
    if c > MAX_CHANNELS {
        return Err(invalid(at, Problem::TooManyChannels { count: c, max: MAX_CHANNELS }));
    }
    if rows > MAX_INPUT || cols > MAX_INPUT {
        return Err(invalid(at, Problem::TooLarge { rows, cols, max: MAX_INPUT }));
    }
    let scale = match obj.get("scale").and_then(Value::as_u64) {
        Some(255) => 255.0,
        Some(1) => 1.0,
        _ => return Err(bad(PackProblem::Scale)),
    };
    let text = obj.get("data").and_then(Value::as_str).ok_or(bad(PackProblem::Form))?;
    let deflated = LINK_ENGINE.decode(text.trim()).map_err(|_| bad(PackProblem::Data))?;
    let wanted = c * rows * cols;
    let bytes = match miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, wanted + 1) {
        Ok(b) => b,
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            return Err(bad(PackProblem::Length { wanted, got: wanted + 1 }))
        }
        Err(_) => return Err(bad(PackProblem::Data)),
    };
    if bytes.len() != wanted {
        return Err(bad(PackProblem::Length { wanted, got: bytes.len() }));
    }
    let planes = bytes
        .chunks(rows * cols)
        .map(|plane| Grid::from_fn(rows, cols, |r, k| f64::from(plane.get(r * cols + k).copied().unwrap_or(0)) / scale))
        .collect::<Result<Vec<Grid>, GridError>>()
        .map_err(|e| invalid(at, Problem::Grid(e)))?;
    Channels::new(planes).map_err(|e| invalid(at, Problem::Model(e)))
}

/// The input: a list of rows (one channel, as before channels), a list of channels, each a
/// list of rows of one shape, or a compact map of bytes.
fn read_map(value: &Value) -> Result<Channels, SceneError> {
    let at = Place::Input;
    if let Some(obj) = value.as_object() {
        return match obj.get("encoding").and_then(Value::as_str) {
            Some("u8") => unpack(obj, at),
            _ => Err(invalid(at, Problem::BadPacked(PackProblem::Form))),
        };
    }
    let planes = if depth(value) >= 3 {
        let items = value.as_array().ok_or(invalid(at, Problem::NotRows))?;
        if items.len() > MAX_CHANNELS {
            return Err(invalid(at, Problem::TooManyChannels { count: items.len(), max: MAX_CHANNELS }));
        }
        items.iter().map(|c| read_grid(c, at, MAX_INPUT)).collect::<Result<Vec<Grid>, SceneError>>()?
    } else {
        vec![read_grid(value, at, MAX_INPUT)?]
    };
    Channels::new(planes).map_err(|e| invalid(at, Problem::Model(e)))
}

/// A kernel: a list of rows (one input and one output channel, as before channels), or the
/// weight `[out][in/groups]` of slices, each a list of rows.
fn read_weight(value: &Value, at: Place) -> Result<Vec<Vec<Grid>>, SceneError> {
    match depth(value) {
        0..=2 => Ok(vec![vec![read_grid(value, at, MAX_WINDOW)?]]),
        4 => {
            let outs = value.as_array().ok_or(invalid(at, Problem::NotKernel))?;
            let too_many = |count: usize| invalid(at, Problem::TooManyChannels { count, max: MAX_CHANNELS });
            if outs.len() > MAX_CHANNELS {
                return Err(too_many(outs.len()));
            }
            outs.iter()
                .map(|o| {
                    let ins = o.as_array().ok_or(invalid(at, Problem::NotKernel))?;
                    if ins.len() > MAX_CHANNELS {
                        return Err(too_many(ins.len()));
                    }
                    ins.iter().map(|g| read_grid(g, at, MAX_WINDOW)).collect()
                })
                .collect()
        }
        _ => Err(invalid(at, Problem::NotKernel)),
    }
}

/// How deep lists nest at the start of `value`: 0 for a number, 2 for rows of numbers.
fn depth(value: &Value) -> usize {
    let mut d = 0;
    let mut v = value;
    while let Some(first) = v.as_array().and_then(|a| a.first()) {
        d += 1;
        v = first;
    }
    d + usize::from(v.as_array().is_some())
}

/// A map as the format writes it: compact bytes for a picture over 32 a side, else rows for
/// one channel, else channels of rows.
fn nested_map(map: &Channels) -> Nested {
    if let Some(packed) = pack(map) {
        return Nested::Packed(packed);
    }
    match map.planes() {
        [one] => Nested::Rows(one.to_rows()),
        planes => Nested::Channels(planes.iter().map(Grid::to_rows).collect()),
    }
}

/// Kernel slices (in `Conv::slices` order, `per_group` a row) as the format writes a kernel:
/// rows for one slice, else `[out][in/groups]`.
fn nested_weight(slices: &[Grid], per_group: usize) -> Nested {
    match slices {
        [one] => Nested::Rows(one.to_rows()),
        many => {
            Nested::Weight(many.chunks(per_group.max(1)).map(|row| row.iter().map(Grid::to_rows).collect()).collect())
        }
    }
}

/// An object's `mode`, if it has one: `"cross-correlation"` or `"convolution"` (the names
/// [`mode_name`] writes).
fn read_mode(obj: &Map<String, Value>, at: Place) -> Result<Option<Mode>, SceneError> {
    match obj.get("mode") {
        None => Ok(None),
        Some(v) => [Mode::CrossCorrelation, Mode::Convolution]
            .into_iter()
            .find(|m| v.as_str() == Some(mode_name(*m)))
            .map(Some)
            .ok_or(invalid(at, Problem::BadMode)),
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::CrossCorrelation => "cross-correlation",
        Mode::Convolution => "convolution",
    }
}

fn pair(hw: Hw) -> [usize; 2] {
    [hw.h, hw.w]
}

fn layer_doc(layer: &Layer) -> LayerDoc<'static> {
    match layer {
        Layer::Conv(c) => LayerDoc::Conv {
            kernel: if c.is_single() {
                Nested::Rows(c.slices().next().map(|(_, g)| g.to_rows()).unwrap_or_default())
            } else {
                Nested::Weight(c.kernel_rows().iter().map(|r| r.iter().map(Grid::to_rows).collect()).collect())
            },
            bias: match c.bias() {
                [one] if c.out_channels() == 1 => BiasDoc::One(*one),
                many => BiasDoc::Many(many.to_vec()),
            },
            groups: c.groups(),
            stride: pair(c.geometry().stride()),
            padding: pair(c.geometry().padding()),
            dilation: pair(c.geometry().dilation()),
            mode: mode_name(c.mode()),
        },
        Layer::Pool(p) => {
            let g = p.geometry();
            let (size, stride, padding) = (pair(g.window()), pair(g.stride()), pair(g.padding()));
            match p.kind() {
                PoolKind::Max => LayerDoc::MaxPool { size, stride, padding },
                PoolKind::Avg => LayerDoc::AvgPool { size, stride, padding },
            }
        }
    }
}

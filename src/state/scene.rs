//! The scene: everything a user has set up (the input and the layers), its JSON format and the
//! `#scene=` link that carries it. Both are public contracts (teachers keep links), so the format
//! is versioned and only ever extended.
//!
//! Reading is bounded before parsing (link length), then parsed to a JSON value (serde_json
//! limits nesting), then each part is checked against the bounds below and turned into model
//! types, so a [`Scene`] that exists is valid. Every failure says what and where in words.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Conv, Grid, Hw, Layer, Mode, Pool, PoolKind};

/// The scene format version this build writes.
pub const SCENE_VERSION: u64 = 1;
/// Largest input, per axis.
pub const MAX_INPUT: usize = 64;
/// Largest kernel or pooling window, per axis.
pub const MAX_WINDOW: usize = 16;
/// Largest stride and dilation, per axis.
pub const MAX_STEP: usize = 16;
/// Largest padding, per side and axis.
pub const MAX_PADDING: usize = 16;
/// Most layers in a stack.
pub const MAX_LAYERS: usize = 16;
/// Largest magnitude of any input value, weight or bias.
pub const MAX_ABS_VALUE: f64 = 1e6;
/// Longest `#scene=` payload (base64 characters) or scene file (bytes) that is read.
pub const MAX_SCENE_BYTES: usize = 256 * 1024;

/// The prefix of the URL fragment that carries a scene.
pub const FRAGMENT_PREFIX: &str = "#scene=";

/// A valid scene: an input grid and the layers applied to it in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The input feature map.
    pub input: Grid,
    /// The layers, first applied first.
    pub layers: Vec<Layer>,
}

/// Why a scene could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SceneError {
    /// The link or file is longer than [`MAX_SCENE_BYTES`].
    TooLong { len: usize },
    /// The `#scene=` payload is not base64url.
    Base64(String),
    /// The decoded bytes are not UTF-8 text.
    NotUtf8,
    /// A file could not be read at all.
    Unreadable,
    /// The text is not JSON.
    Json(String),
    /// A version this build does not know.
    UnknownVersion(String),
    /// A part of the scene is wrong; `at` says which ("input", "layer 2").
    Invalid { at: String, message: String },
}

impl fmt::Display for SceneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SceneError::TooLong { len } => {
                write!(f, "the scene is {len} characters long; at most {MAX_SCENE_BYTES} are read")
            }
            SceneError::Base64(e) => write!(f, "the link's scene is not valid base64url: {e}"),
            SceneError::NotUtf8 => write!(f, "the scene is not UTF-8 text"),
            SceneError::Unreadable => write!(f, "the file could not be read"),
            SceneError::Json(e) => write!(f, "the scene is not valid JSON: {e}"),
            SceneError::UnknownVersion(v) => {
                write!(f, "scene version {v} is not supported: this convscope reads version {SCENE_VERSION}")
            }
            SceneError::Invalid { at, message } => write!(f, "{at}: {message}"),
        }
    }
}

impl std::error::Error for SceneError {}

/// The scene as JSON, field for field.
#[derive(Serialize, Deserialize)]
struct SceneDoc {
    version: u64,
    input: Vec<Vec<f64>>,
    layers: Vec<LayerDoc>,
}

fn one() -> [i64; 2] {
    [1, 1]
}
fn zero() -> [i64; 2] {
    [0, 0]
}

/// One layer as JSON. Integers are read signed so that "-1" gets a message, not a parse error.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum LayerDoc {
    Conv {
        kernel: Vec<Vec<f64>>,
        #[serde(default)]
        bias: f64,
        #[serde(default = "one")]
        stride: [i64; 2],
        #[serde(default = "zero")]
        padding: [i64; 2],
        #[serde(default = "one")]
        dilation: [i64; 2],
        #[serde(default)]
        mode: ModeDoc,
    },
    MaxPool {
        size: [i64; 2],
        #[serde(default)]
        stride: Option<[i64; 2]>,
        #[serde(default = "zero")]
        padding: [i64; 2],
    },
    AvgPool {
        size: [i64; 2],
        #[serde(default)]
        stride: Option<[i64; 2]>,
        #[serde(default = "zero")]
        padding: [i64; 2],
    },
}

#[derive(Serialize, Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum ModeDoc {
    #[default]
    CrossCorrelation,
    Convolution,
}

impl Scene {
    /// d2l's example: X = [[0,1,2],[3,4,5],[6,7,8]] and K = [[0,1],[2,3]], giving [[19,25],[37,43]].
    pub fn d2l_default() -> Scene {
        let input = Grid::from_fn(3, 3, |r, c| (r * 3 + c) as f64).unwrap_or_default();
        let kernel = Grid::from_fn(2, 2, |r, c| (r * 2 + c) as f64).unwrap_or_default();
        let layers = Conv::simple(kernel, 0.0).map(Layer::Conv).into_iter().collect();
        Scene { input, layers }
    }

    /// Reads a scene from JSON text.
    pub fn from_json(text: &str) -> Result<Scene, SceneError> {
        if text.len() > MAX_SCENE_BYTES {
            return Err(SceneError::TooLong { len: text.len() });
        }
        let value: Value = serde_json::from_str(text).map_err(|e| SceneError::Json(e.to_string()))?;
        Scene::from_value(&value)
    }

    /// Reads a scene from the URL fragment (with or without the leading `#`). Returns `None`
    /// when the fragment carries no scene.
    pub fn from_fragment(fragment: &str) -> Option<Result<Scene, SceneError>> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let payload = fragment.strip_prefix("scene=")?;
        Some(Scene::from_base64(payload))
    }

    /// Reads a scene from base64url (padding optional) of its UTF-8 JSON.
    pub fn from_base64(payload: &str) -> Result<Scene, SceneError> {
        if payload.len() > MAX_SCENE_BYTES {
            return Err(SceneError::TooLong { len: payload.len() });
        }
        let bytes = LINK_ENGINE.decode(payload.trim()).map_err(|e| SceneError::Base64(base64_hint(&e)))?;
        let text = String::from_utf8(bytes).map_err(|_| SceneError::NotUtf8)?;
        Scene::from_json(&text)
    }

    /// The scene as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_doc()).unwrap_or_default()
    }

    /// The scene as indented JSON, for files people may read and edit.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_doc()).unwrap_or_default()
    }

    /// The URL fragment that carries this scene: `#scene=` + base64url without padding.
    pub fn to_fragment(&self) -> String {
        fragment_of_json(&self.to_json())
    }

    fn from_value(value: &Value) -> Result<Scene, SceneError> {
        let obj = value.as_object().ok_or_else(|| invalid("scene", "must be a JSON object"))?;
        match obj.get("version") {
            None => {}
            Some(v) if v.as_u64() == Some(SCENE_VERSION) => {}
            Some(v) => return Err(SceneError::UnknownVersion(v.to_string())),
        }
        let input_value = obj.get("input").ok_or_else(|| invalid("scene", "the field \"input\" is missing"))?;
        let input = read_grid(input_value, "input", MAX_INPUT)?;
        let layers = match obj.get("layers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                if items.len() > MAX_LAYERS {
                    return Err(invalid(
                        "layers",
                        &format!("{} layers; at most {MAX_LAYERS} are allowed", items.len()),
                    ));
                }
                let mut layers = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = format!("layer {}", i + 1);
                    layers.push(read_layer(item, &at)?);
                }
                layers
            }
            Some(_) => return Err(invalid("layers", "must be a list of layers")),
        };
        Ok(Scene { input, layers })
    }

    fn to_doc(&self) -> SceneDoc {
        SceneDoc {
            version: SCENE_VERSION,
            input: self.input.to_rows(),
            layers: self.layers.iter().map(layer_doc).collect(),
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

/// A base64 decoding error in words: which character, where, and what is allowed.
fn base64_hint(e: &base64::DecodeError) -> String {
    match e {
        base64::DecodeError::InvalidByte(offset, byte) => format!(
            "the character {:?} at position {offset} is not allowed (only A–Z, a–z, 0–9, - and _)",
            char::from(*byte)
        ),
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
            "it is cut short or has extra characters at the end: copy the whole link".to_owned()
        }
        base64::DecodeError::InvalidPadding => "its \"=\" padding is wrong".to_owned(),
    }
}

fn invalid(at: &str, message: &str) -> SceneError {
    SceneError::Invalid { at: at.to_owned(), message: message.to_owned() }
}

fn read_grid(value: &Value, at: &str, max: usize) -> Result<Grid, SceneError> {
    let rows: Vec<Vec<f64>> = serde_json::from_value(value.clone())
        .map_err(|_| invalid(at, "must be a list of rows of numbers, like [[0,1],[2,3]]"))?;
    if rows.len() > max || rows.iter().any(|r| r.len() > max) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        return Err(invalid(at, &format!("{}×{cols} is too large; at most {max}×{max} is allowed", rows.len())));
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.abs() > MAX_ABS_VALUE {
                return Err(invalid(
                    at,
                    &format!("the value {v} at row {r}, column {c} is out of range (at most ±{MAX_ABS_VALUE})"),
                ));
            }
        }
    }
    Grid::from_rows(&rows).map_err(|e| invalid(at, &e.to_string()))
}

/// A serde message about a layer, in words a teacher can act on.
fn layer_hint(serde_message: &str) -> String {
    let pairs = "stride, padding, dilation and size are pairs of whole numbers, like [1, 2]";
    if serde_message.contains("missing field `kernel`") {
        "a \"conv\" layer needs a \"kernel\", like [[0, 1], [2, 3]]".to_owned()
    } else if serde_message.contains("missing field `size`") {
        "a pooling layer needs a \"size\", like [2, 2]".to_owned()
    } else if serde_message.contains("missing field `type`") {
        "every layer needs a \"type\": \"conv\", \"max-pool\" or \"avg-pool\"".to_owned()
    } else if serde_message.contains("expected i64") || serde_message.contains("elements in sequence") {
        pairs.to_owned()
    } else if serde_message.contains("expected f64") {
        "\"bias\" must be a number, like 0.5".to_owned()
    } else if serde_message.contains("unknown variant") && serde_message.contains("cross-correlation") {
        "\"mode\" must be \"cross-correlation\" or \"convolution\"".to_owned()
    } else {
        serde_message.to_owned()
    }
}

fn read_pair(raw: [i64; 2], at: &str, name: &str, min: i64, max: usize) -> Result<Hw, SceneError> {
    let mut out = [0usize; 2];
    for (slot, (v, axis)) in out.iter_mut().zip(raw.into_iter().zip(["height", "width"])) {
        if v < min {
            return Err(invalid(at, &format!("{name} ({axis}) must be ≥ {min}, got {v}")));
        }
        let n = usize::try_from(v).unwrap_or(usize::MAX);
        if n > max {
            return Err(invalid(at, &format!("{name} ({axis}) must be ≤ {max}, got {v}")));
        }
        *slot = n;
    }
    Ok(Hw::new(out[0], out[1]))
}

fn read_layer(value: &Value, at: &str) -> Result<Layer, SceneError> {
    if let Some(t) = value.get("type") {
        let known = matches!(t.as_str(), Some("conv" | "max-pool" | "avg-pool"));
        if !known {
            return Err(invalid(at, &format!("unknown layer type {t}; use \"conv\", \"max-pool\" or \"avg-pool\"")));
        }
    }
    let kernel_at = format!("{at} kernel");
    let is_conv = value.get("type").and_then(Value::as_str) == Some("conv");
    if let (true, Some(k)) = (is_conv, value.get("kernel")) {
        // Checked first so that a bad kernel is reported as such, not as a generic type error.
        read_grid(k, &kernel_at, MAX_WINDOW)?;
    }
    let doc: LayerDoc = serde_json::from_value(value.clone()).map_err(|e| invalid(at, &layer_hint(&e.to_string())))?;
    let layer = match doc {
        LayerDoc::Conv { kernel, bias, stride, padding, dilation, mode } => {
            let kernel = read_grid(&Value::from(kernel), &kernel_at, MAX_WINDOW)?;
            if !bias.is_finite() || bias.abs() > MAX_ABS_VALUE {
                return Err(invalid(at, &format!("bias must be within ±{MAX_ABS_VALUE}, got {bias}")));
            }
            let stride = read_pair(stride, at, "stride", 1, MAX_STEP)?;
            let padding = read_pair(padding, at, "padding", 0, MAX_PADDING)?;
            let dilation = read_pair(dilation, at, "dilation", 1, MAX_STEP)?;
            let mode = match mode {
                ModeDoc::CrossCorrelation => Mode::CrossCorrelation,
                ModeDoc::Convolution => Mode::Convolution,
            };
            Conv::new(kernel, bias, stride, padding, dilation, mode).map(Layer::Conv)
        }
        LayerDoc::MaxPool { size, stride, padding } => pool(PoolKind::Max, size, stride, padding, at)?,
        LayerDoc::AvgPool { size, stride, padding } => pool(PoolKind::Avg, size, stride, padding, at)?,
    };
    layer.map_err(|e| invalid(at, &e.to_string()))
}

fn pool(
    kind: PoolKind,
    size: [i64; 2],
    stride: Option<[i64; 2]>,
    padding: [i64; 2],
    at: &str,
) -> Result<Result<Layer, crate::model::ModelError>, SceneError> {
    let size = read_pair(size, at, "size", 1, MAX_WINDOW)?;
    let stride = match stride {
        Some(s) => read_pair(s, at, "stride", 1, MAX_STEP)?,
        None => size,
    };
    let padding = read_pair(padding, at, "padding", 0, MAX_PADDING)?;
    Ok(Pool::new(kind, size, stride, padding).map(Layer::Pool))
}

fn pair(hw: Hw) -> [i64; 2] {
    [i64::try_from(hw.h).unwrap_or(i64::MAX), i64::try_from(hw.w).unwrap_or(i64::MAX)]
}

fn layer_doc(layer: &Layer) -> LayerDoc {
    match layer {
        Layer::Conv(c) => LayerDoc::Conv {
            kernel: c.kernel().to_rows(),
            bias: c.bias(),
            stride: pair(c.geometry().stride()),
            padding: pair(c.geometry().padding()),
            dilation: pair(c.geometry().dilation()),
            mode: match c.mode() {
                Mode::CrossCorrelation => ModeDoc::CrossCorrelation,
                Mode::Convolution => ModeDoc::Convolution,
            },
        },
        Layer::Pool(p) => {
            let g = p.geometry();
            let (size, stride, padding) = (pair(g.window()), Some(pair(g.stride())), pair(g.padding()));
            match p.kind() {
                PoolKind::Max => LayerDoc::MaxPool { size, stride, padding },
                PoolKind::Avg => LayerDoc::AvgPool { size, stride, padding },
            }
        }
    }
}

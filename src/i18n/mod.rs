//! Every piece of text a person reads or hears, in one table per language, so that no view
//! holds a word of its own and a translation is one more table.
//!
//! A table ([`Strings`]) holds words and short phrases as `&'static str`, and every sentence
//! that carries numbers or names as a function, so that each language orders its own words.
//! The errors of the model, the scene and the editor are data (kinds with their numbers); the
//! table's `model_error`, `scene_error` and `edit_error` say them in words. English is the only
//! table so far (`en.rs`).

mod en;

pub use en::EN;

use crate::model::ModelError;
use crate::state::{EditError, SceneError};

/// The text of one language.
pub struct Strings {
    /// The language's code, as `<html lang>` takes it.
    pub lang: &'static str,
    /// The document's title.
    pub doc_title: &'static str,
    /// The document's meta description.
    pub doc_description: &'static str,
    /// The language picker's accessible name ("Language" in every table, so that anyone can
    /// find the way back to a language they read).
    pub language_label: &'static str,
    /// A sentence in the shortcuts panel on the names of pooling.
    pub pooling_note: &'static str,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub input: &'static str,
    pub kernel: &'static str,
    pub kernel_applied: &'static str,
    pub output: &'static str,
    pub layer: &'static str,
    pub bias: &'static str,
    pub stride: &'static str,
    pub padding: &'static str,
    pub dilation: &'static str,
    pub height: &'static str,
    pub width: &'static str,
    pub rows: &'static str,
    pub cols: &'static str,
    pub mode: &'static str,
    pub mode_cross_correlation: &'static str,
    pub mode_convolution: &'static str,
    pub max_pool: &'static str,
    pub avg_pool: &'static str,
    pub window: &'static str,
    pub scene_not_opened: &'static str,
    pub padding_legend: &'static str,
    pub legend_negative: &'static str,
    pub legend_zero: &'static str,
    pub legend_positive: &'static str,
    pub legend_window: &'static str,
    pub legend_current: &'static str,
    pub legend_rf: &'static str,
    pub legend_pf: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step_forward: &'static str,
    pub step_back: &'static str,
    pub first_step: &'static str,
    pub last_step: &'static str,
    pub scrubber: &'static str,
    pub speed: &'static str,
    pub shortcuts: &'static str,
    pub show_shortcuts: &'static str,
    pub close: &'static str,
    pub presets: &'static str,
    pub randomize: &'static str,
    pub clear: &'static str,
    pub arithmetic: &'static str,
    pub output_shape: &'static str,
    pub flip_explained: &'static str,
    pub no_steps: &'static str,
    pub step_this_layer: &'static str,
    pub active_layer: &'static str,
    pub padding_ignored: &'static str,
    pub bounds_note: &'static str,
    pub add_conv: &'static str,
    pub add_max_pool: &'static str,
    pub add_avg_pool: &'static str,
    pub add_layer: &'static str,
    pub stack_full: &'static str,
    pub receptive_fields: &'static str,
    pub rf_hint: &'static str,
    pub rf_caption: &'static str,
    pub rf_columns: [(&'static str, &'static str); 9],
    pub rf_plot_caption: &'static str,
    pub apply_shrink: &'static str,
    pub no_layers: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub copy_link: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub reset: &'static str,
    pub reset_question: &'static str,
    pub reset_confirm: &'static str,
    pub cancel: &'static str,
    pub link_copied: &'static str,
    pub link_not_copied: &'static str,
    pub exported: &'static str,
    pub scene_actions: &'static str,
    pub drop_hint: &'static str,
    pub file_not_opened: &'static str,
    pub saved_not_restored: &'static str,
    pub shortcut_list: [(&'static str, &'static str); 10],
    pub preset_names: [&'static str; 14],
    /// Between the items of a short list: ", ".
    pub list_separator: &'static str,
    /// The step controls' group name.
    pub step_controls: &'static str,
    /// The accessible name of a padding cell.
    pub padding_cell: &'static str,
    /// After a max pooling's sum that met padding.
    pub padding_ignored_note: &'static str,
    /// The live announcement of a step: "Step 3 of 4: output row 1, column 0 = 37".
    pub step_status: fn(usize, usize, usize, usize, &str) -> String,
    /// "1 step per second" / "0.25 steps per second".
    pub speed_text: fn(f64) -> String,
    /// Accessible name of a layer's tools.
    pub layer_tools: fn(usize) -> String,
    /// "Move layer 2 up".
    pub move_up: fn(usize) -> String,
    /// "Move layer 2 down".
    pub move_down: fn(usize) -> String,
    /// "Duplicate layer 2".
    pub duplicate: fn(usize) -> String,
    /// "Remove layer 2".
    pub remove: fn(usize) -> String,
    /// The receptive-field plot's text alternative, from the sizes listed by depth.
    pub rf_plot_summary: fn(&str, &str) -> String,
    /// A point of the plot: "depth 2: 5".
    pub depth_point: fn(usize, usize) -> String,
    /// The heading of the arithmetic: "Layer 1, output row 0, column 1".
    pub arithmetic_heading: fn(usize, usize, usize) -> String,
    /// A conv layer's title, with its mode: "Layer 1 · Convolution (cross-correlation)".
    pub conv_title: fn(usize, &str) -> String,
    /// A pooling layer's title, with its kind: "Layer 2 · Max pooling".
    pub pool_title: fn(usize, &str) -> String,
    /// A part of a layer: "Layer 1 Kernel".
    pub layer_part: fn(usize, &str) -> String,
    /// A map's caption with its size: "Input 3 × 3".
    pub sized: fn(&str, usize, usize) -> String,
    /// A kernel's caption with its size: "Kernel 2×2".
    pub kernel_sized: fn(usize, usize) -> String,
    /// A grid's accessible name with its size: "Input, 3 × 3".
    pub grid_label: fn(&str, usize, usize) -> String,
    /// A cell's accessible name: "Input, row 1, column 2".
    pub cell_name: fn(&str, isize, isize) -> String,
    /// One axis of the shape formula: "height: ⌊…⌋ + 1 = 2".
    pub axis_formula: fn(&str, &str) -> String,
    /// Why a layer has no output: "Layer 2: needs the output of layer 1, …".
    pub layer_error: fn(usize, &ModelError) -> String,
    /// A model error in words.
    pub model_error: fn(&ModelError) -> String,
    /// Why a scene could not be read, in words.
    pub scene_error: fn(&SceneError) -> String,
    /// Why an edit was refused, in words.
    pub edit_error: fn(&EditError) -> String,
}

/// The text of the current language.
pub fn tr() -> &'static Strings {
    &EN
}

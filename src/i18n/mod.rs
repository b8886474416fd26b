//! Every piece of text a person reads or hears, in one table per language, so that no view
//! holds a word of its own and a translation is one more table.
//!
//! A table ([`Strings`]) holds words and short phrases as `&'static str`, and every sentence
//! that carries numbers or names as a function, so that each language orders its own words.
//! The errors of the model, the scene and the editor are data (kinds with their numbers); the
//! table's `model_error`, `scene_error` and `edit_error` say them in words. Three tables:
//! English (`en.rs`, the reference), Traditional Chinese (`zh_hant.rs`) and Simplified Chinese
//! (`zh_hans.rs`), whose terms follow d2l's Chinese edition (`glossary.rs`).
//!
//! Which language a page speaks ([`choose`]): the `?lang=` query parameter, else the reader's
//! saved choice, else the browser's languages in order, else English. The language is never
//! part of a scene or its link: a teacher's link opens in each student's own language.

mod en;
pub mod glossary;
mod zh_hans;
mod zh_hant;

pub use en::EN;
pub use zh_hans::ZH_HANS;
pub use zh_hant::ZH_HANT;

use crate::model::ModelError;
use crate::state::{EditError, SceneError};

/// One page of the lesson in words: a title, a few sentences, and one thing to do or notice.
pub struct LessonPage {
    pub title: &'static str,
    pub body: &'static str,
    pub task: &'static str,
}

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
    pub bounds_note: &'static str,
    pub add_conv: &'static str,
    pub add_max_pool: &'static str,
    pub add_avg_pool: &'static str,
    pub add_layer: &'static str,
    pub stack_full: &'static str,
    pub receptive_fields: &'static str,
    pub rf_hint: &'static str,
    pub rf_caption: &'static str,
    pub rf_columns: [(&'static str, &'static str); 10],
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
    pub shortcut_list: [(&'static str, &'static str); 13],
    pub preset_names: [&'static str; 19],
    /// Names of the sample pictures, in `Sample::ALL` order.
    pub sample_names: [&'static str; 5],
    /// Why a picture was refused, in words.
    pub picture_error: fn(&crate::state::PictureProblem) -> String,
    /// Between the items of a short list: ", ".
    pub list_separator: &'static str,
    /// The skip link to the maps.
    pub skip_to_maps: &'static str,
    /// The button that enters presentation mode.
    pub present: &'static str,
    /// The same button in presentation mode.
    pub leave_present: &'static str,
    /// Its tooltip.
    pub present_hint: &'static str,
    /// The zoom buttons' group name.
    pub zoom: &'static str,
    /// Larger cells.
    pub zoom_in: &'static str,
    /// Smaller cells.
    pub zoom_out: &'static str,
    /// Cells that fit the screen.
    pub zoom_fit: &'static str,
    /// The legend's name.
    pub legend: &'static str,
    /// Legend: cells linked to what the pointer is on.
    pub legend_linked: &'static str,
    /// Legend: the selected cell.
    pub legend_selected: &'static str,
    /// A conv layer's title in convolution mode says this in brackets.
    pub kernel_flipped: &'static str,
    /// The summary of a layer's (or the input's) settings, which fold away on phones.
    pub settings: &'static str,
    /// The notice when a link's view did not fit its scene.
    pub view_dropped: &'static str,
    /// The receptive-field table's first group of columns.
    pub rf_group_layer: &'static str,
    /// Its second group: measured in the input.
    pub rf_group_input: &'static str,
    /// Its third group: the selected cell's field in the map this layer reads.
    pub rf_group_selected: &'static str,
    /// The sentence under the table that explains jump, size and start.
    pub rf_explained: &'static str,
    /// The Share button and the QR panel's name.
    pub share: &'static str,
    /// Under the QR code.
    pub scan_hint: &'static str,
    /// The QR code's accessible name.
    pub qr_label: &'static str,
    /// When the link is too long for a QR code.
    pub qr_too_long: &'static str,
    /// Label of a map's channel count.
    pub channels: &'static str,
    /// Label of a conv layer's output channel count, under the legend "Channels".
    pub out_channels: &'static str,
    /// Label of a conv layer's groups.
    pub groups: &'static str,
    /// Caption of a column of biases, one per output channel.
    pub biases: &'static str,
    /// Shown under the sum while a 1×1 convolution with channels is stepped.
    pub one_by_one_note: &'static str,
    /// Accessible name of a canvas map's magnifier (a grid of the cells near the window).
    pub magnifier: &'static str,
    /// Summary of the input's picture controls.
    pub picture: &'static str,
    /// Label of the picture file chooser.
    pub picture_file: &'static str,
    /// Label of the picture's size choice.
    pub picture_size: &'static str,
    /// Label of the grayscale choice.
    pub picture_gray: &'static str,
    /// Heading of the sample pictures.
    pub picture_samples: &'static str,
    /// How a picture becomes a map.
    pub picture_hint: &'static str,
    /// Notice when a scene's link would be too long to open.
    pub link_too_long: &'static str,
    /// The button that saves a canvas map as a PNG.
    pub save_png: &'static str,
    /// The button that saves every map on screen as one PNG.
    pub save_maps_png: &'static str,
    /// What that button saves.
    pub save_maps_png_hint: &'static str,
    /// The button that saves the maps that are grids of numbers as one SVG.
    pub save_maps_svg: &'static str,
    /// What that button saves.
    pub save_maps_svg_hint: &'static str,
    /// The button on a conv layer that opens the learning demo.
    pub learn_button: &'static str,
    /// What the learning demo does, under its heading.
    pub learn_intro: &'static str,
    /// Trains one epoch.
    pub train_epoch: &'static str,
    /// Trains epoch after epoch.
    pub train_play: &'static str,
    /// Pauses training.
    pub train_pause: &'static str,
    /// Back to epoch 0.
    pub reset_learning: &'static str,
    /// Closes the learning demo.
    pub stop_learning: &'static str,
    /// The learning rate field.
    pub learning_rate: &'static str,
    /// The learner's operation select.
    pub learner_mode: &'static str,
    /// The checkbox that learns the bias too.
    pub learn_bias: &'static str,
    /// The initial kernel's caption.
    pub initial_kernel: &'static str,
    /// Fills the initial kernel with zeros.
    pub init_zeros: &'static str,
    /// The learner's kernel's caption.
    pub learned_kernel: &'static str,
    /// The learner's bias's caption.
    pub learned_bias: &'static str,
    /// The layer's kernel, once revealed.
    pub kernel_to_discover: &'static str,
    /// Shows the kernel to discover.
    pub reveal_kernel: &'static str,
    /// Hides the kernel to discover.
    pub hide_kernel: &'static str,
    /// The target map's caption.
    pub target_map: &'static str,
    /// The prediction map's caption.
    pub prediction_map: &'static str,
    /// The error map's caption.
    pub error_map: &'static str,
    /// The loss curve's caption.
    pub loss_curve: &'static str,
    /// The loss curve's scale checkbox.
    pub log_scale: &'static str,
    /// Under the result when the learner's operation is not the layer's.
    pub flipped_back_note: &'static str,
    /// The learned kernel flipped back's caption.
    pub flipped_back: &'static str,
    /// The learning controls' group name.
    pub learn_controls: &'static str,
    /// A conv layer's "Learn this kernel" button's accessible name: "Learn this kernel (layer 1)".
    pub learn_layer_label: fn(usize) -> String,
    /// The learning demo's heading: "Layer 1: learn the kernel".
    pub learn_heading: fn(usize) -> String,
    /// Fills the initial kernel with random values from a seed: "Random (seed 3)".
    pub init_random: fn(u64) -> String,
    /// The live status of learning: "epoch 10, loss 0.0043".
    pub learn_status: fn(usize, &str) -> String,
    /// Why training stopped or cannot start.
    pub learn_error: fn(&crate::model::learn::LearnError) -> String,
    /// The button that lowers the learning rate after a divergence: "Use learning rate 1".
    pub lower_rate: fn(&str) -> String,
    /// A training speed: "8 epochs per second".
    pub epochs_per_second: fn(f64) -> String,
    /// The loss curve's accessible name, with what it shows: epochs, first and last loss.
    pub loss_curve_label: fn(usize, &str, &str) -> String,
    /// The header button that shows the PyTorch code of the scene (#15).
    pub code_button: &'static str,
    /// The code panel's heading.
    pub code_heading: &'static str,
    /// What the code panel gives, in a sentence or two.
    pub code_intro: &'static str,
    /// The checkbox that appends the checks (asserts) to the code.
    pub code_checks: &'static str,
    pub copy_code: &'static str,
    pub download_code: &'static str,
    pub code_copied: &'static str,
    pub code_not_copied: &'static str,
    /// Comments of the generated Python, in the reader's language: its first line.
    pub code_header: &'static str,
    /// The input's comment: channels, rows, columns.
    pub code_input: fn(usize, usize, usize) -> String,
    /// A conv layer's comment: its number and weight shape ("1, 1, 2, 2").
    pub code_conv: fn(usize, &str) -> String,
    /// Why a convolution-mode weight is flipped before `conv2d`.
    pub code_flip: &'static str,
    /// A pooling layer's comment: its number and kind.
    pub code_pool: fn(usize, &str) -> String,
    /// A layer without output: its number and the reason.
    pub code_no_output: fn(usize, &str) -> String,
    /// d2l's `corr2d`, beside the first layer.
    pub code_corr2d: &'static str,
    /// Before each check.
    pub code_check: &'static str,
    /// The header button that opens and leaves the lesson (#15).
    pub lesson_button: &'static str,
    /// The lesson's heading: page and pages.
    pub lesson_heading: fn(usize, usize) -> String,
    pub lesson_back: &'static str,
    pub lesson_next: &'static str,
    /// The list of every page (a disclosure).
    pub lesson_page_list: &'static str,
    pub lesson_restore: &'static str,
    pub lesson_leave: &'static str,
    /// Before a page's one thing to do or notice.
    pub lesson_task: &'static str,
    /// The accessible name of the lesson's navigation.
    pub lesson_nav: &'static str,
    /// A `#lesson=` link named a page the lesson does not have: how many it has.
    pub no_such_page: fn(usize) -> String,
    /// The lesson's pages in words, in `state::lesson::Page::ALL` order (as many as it has:
    /// the array's length is checked against it natively).
    pub lesson_pages: [LessonPage; 15],
    /// The step controls' group name.
    pub step_controls: &'static str,
    /// The accessible name of a padding cell.
    pub padding_cell: &'static str,
    /// After a max pooling's sum that met padding.
    pub padding_ignored_note: &'static str,
    /// The live announcement of a step: "Step 3 of 4: output row 1, column 0 = 37".
    pub step_status: fn(usize, usize, usize, usize, &str) -> String,
    /// A map's heading with its channels: name, channels, rows, columns.
    pub sized_channels: fn(&str, usize, usize, usize) -> String,
    /// The step status of a layer with several output channels: step, total, channel, row,
    /// column, value.
    pub step_status_channel: fn(usize, usize, usize, usize, usize, &str) -> String,
    /// The arithmetic's heading for a layer with several output channels: layer, channel, row,
    /// column.
    pub arithmetic_heading_channel: fn(usize, usize, usize, usize) -> String,
    /// A channel's caption and accessible name part: "Channel 2".
    pub channel_name: fn(usize) -> String,
    /// A kernel slice's name: output channel, input channel (within its group).
    pub slice_name: fn(usize, usize) -> String,
    /// The accessible name of a map's Save-as-PNG button: the button's words, then the map.
    pub save_png_named: fn(&str) -> String,
    /// A kernel table's column label: input channel (within its group).
    pub slice_in: fn(usize) -> String,
    /// A kernel table's row label: output channel.
    pub slice_out: fn(usize) -> String,
    /// The channels line of the shape formula: input channels, output channels, groups, and
    /// whether the layer pools (each channel alone).
    pub channels_line: fn(usize, usize, usize, bool) -> String,
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

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Traditional Chinese.
    ZhHant,
    /// Simplified Chinese.
    ZhHans,
}

/// The key under which the reader's choice of language is saved in localStorage.
pub const LANG_KEY: &str = "convscope.lang";

impl Lang {
    /// Every language, in the order the picker offers them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

    /// Its code: `<html lang>`, `?lang=` and the saved choice.
    pub fn code(self) -> &'static str {
        self.strings().lang
    }

    /// Its name, written in itself (so the picker reads the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhHant => "繁體中文",
            Lang::ZhHans => "简体中文",
        }
    }

    /// Its table.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::ZhHant => &ZH_HANT,
            Lang::ZhHans => &ZH_HANS,
        }
    }

    /// The language of a code as `code()` writes it (letter case aside).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language for a browser's language tag (BCP 47, as `navigator.languages` gives it):
    /// Traditional for zh-TW, zh-HK, zh-MO and any zh-Hant; Simplified for zh-CN, zh-SG, plain
    /// zh, any zh-Hans and any other Chinese region; English for any en; else none.
    pub fn from_browser_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.first() == Some(&"hans");
                Some(if traditional && !simplified { Lang::ZhHant } else { Lang::ZhHans })
            }
            _ => None,
        }
    }
}

/// The language a page opens in: the `lang` query parameter if it names one, else the saved
/// choice if it names one, else the first of the browser's languages that maps to one, else
/// English.
pub fn choose(query: Option<&str>, saved: Option<&str>, browser: &[String]) -> Lang {
    query
        .and_then(Lang::from_code)
        .or_else(|| saved.and_then(Lang::from_code))
        .or_else(|| browser.iter().find_map(|t| Lang::from_browser_tag(t)))
        .unwrap_or_default()
}

/// The value of parameter `name` in a URL's query (`location.search`, with or without its `?`),
/// percent-decoding nothing (language codes need none).
pub fn query_param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    let query = search.strip_prefix('?').unwrap_or(search);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

//! Every piece of UI text, in one table per language, so that a translation is one new table
//! and no view holds a string of its own. English is the first and, for now, only table.
//! Sentences with numbers in them are functions of the table, so word order can differ.

/// The UI strings of one language.
pub struct Strings {
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
    pub convolution_layer: &'static str,
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
    pub steps_per_second: &'static str,
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
    pub file_too_large: &'static str,
    pub file_unreadable: &'static str,
    pub shortcut_list: [(&'static str, &'static str); 10],
    pub preset_names: [&'static str; 14],
}

/// English.
pub const EN: Strings = Strings {
    app_title: "convscope",
    tagline: "How a 2-D convolution layer computes its output, one window at a time.",
    input: "Input",
    kernel: "Kernel",
    kernel_applied: "Kernel as applied (flipped)",
    output: "Output",
    layer: "Layer",
    bias: "Bias",
    stride: "Stride",
    padding: "Padding",
    dilation: "Dilation",
    height: "height",
    width: "width",
    rows: "Rows",
    cols: "Columns",
    mode: "Mode",
    mode_cross_correlation: "cross-correlation",
    mode_convolution: "convolution (kernel flipped)",
    max_pool: "Max pooling",
    avg_pool: "Average pooling",
    window: "Window",
    convolution_layer: "Convolution",
    scene_not_opened: "The scene in the link could not be opened, so the last good scene is shown.",
    padding_legend: "padding (zeros)",
    legend_negative: "negative",
    legend_zero: "zero",
    legend_positive: "positive",
    legend_window: "window",
    legend_current: "output being computed",
    legend_rf: "receptive field",
    legend_pf: "projective field",
    play: "Play",
    pause: "Pause",
    step_forward: "Step forward",
    step_back: "Step back",
    first_step: "First step",
    last_step: "Last step",
    scrubber: "Window position",
    speed: "Speed",
    steps_per_second: "steps per second",
    shortcuts: "Keyboard shortcuts",
    show_shortcuts: "Show keyboard shortcuts",
    close: "Close",
    presets: "Presets",
    randomize: "Randomize",
    clear: "Clear",
    arithmetic: "Arithmetic",
    output_shape: "Output shape",
    flip_explained: "Convolution = cross-correlation with the kernel flipped left-right and up-down, so this flipped kernel is what slides over the input.",
    no_steps: "This layer has no output to step through.",
    step_this_layer: "Step through this layer",
    active_layer: "Stepping through this layer",
    padding_ignored: "padding ignored",
    bounds_note: "Input up to 64 × 64; kernel and window up to 16 × 16; stride and dilation 1–16; padding 0–16.",
    add_conv: "Add convolution",
    add_max_pool: "Add max pooling",
    add_avg_pool: "Add average pooling",
    add_layer: "Add a layer",
    stack_full: "A stack holds at most 16 layers: remove one to add another.",
    receptive_fields: "Receptive fields",
    rf_hint: "Click or select any cell of any map: the cells of every earlier map that can affect it (its receptive field) are marked; for a cell of the input, every later cell it can affect (its projective field). Escape clears.",
    rf_caption: "Receptive field per layer (height × width, in cells of the input)",
    rf_columns: [
        ("Layer", ""),
        ("Kernel k", ""),
        ("Stride s", ""),
        ("Dilation d", ""),
        ("Padding p", ""),
        ("Jump j", "effective stride: the product of the strides so far"),
        ("RF size r", "r = r₋₁ + (d(k − 1) + 1 − 1) · j₋₁"),
        ("Selected cell: field starts at (row, col) of the map this layer reads", ""),
        ("…and spans", ""),
    ],
    rf_plot_caption: "Receptive field size (cells of the input) by depth:",
    apply_shrink: "Press Enter to shrink (values outside are dropped).",
    no_layers: "Add a layer to step through it.",
    undo: "Undo",
    redo: "Redo",
    copy_link: "Copy link",
    export: "Export",
    import: "Import",
    reset: "Reset",
    reset_question: "Discard this scene and go back to d2l's example? (Undo brings it back.)",
    reset_confirm: "Reset the scene",
    cancel: "Cancel",
    link_copied: "Link copied to the clipboard.",
    link_not_copied: "The clipboard is not available here; copy this link:",
    exported: "Scene exported as convscope-scene.json.",
    scene_actions: "Scene",
    drop_hint: "Drop a scene file (.json) anywhere to open it.",
    file_not_opened: "The file could not be opened, so the last good scene is shown.",
    saved_not_restored: "The scene saved in this browser could not be restored, so d2l's example is shown (the saved text is kept in localStorage as convscope.scene.unreadable).",
    file_too_large: "The file is too large: a scene file is at most 262,144 bytes.",
    file_unreadable: "The file could not be read.",
    shortcut_list: [
        ("Space", "Play or pause"),
        ("→", "Step forward"),
        ("←", "Step back"),
        ("Home", "First step"),
        ("End", "Last step"),
        ("?", "Show or hide these shortcuts"),
        ("Ctrl+Z (⌘Z)", "Undo"),
        ("Ctrl+Shift+Z or Ctrl+Y (⇧⌘Z)", "Redo"),
        ("Arrows, Enter, F2, Esc", "In a grid: move, edit, cancel (typing replaces a value)"),
        ("Tab", "In a grid: commit and move right, or leave the grid"),
    ],
    preset_names: [
        "d2l 3×3",
        "Edge detector",
        "Identity",
        "Box blur",
        "Sharpen",
        "Sobel x",
        "Sobel y",
        "Laplacian",
        "Padding & stride",
        "Dilation",
        "Two layers (d2l)",
        "3×3 stack",
        "Conv + pool stack",
        "Dilated stack",
    ],
};

impl Strings {
    /// The live announcement of a step: "Step 3 of 4: output row 1, column 0 = 37".
    pub fn step_status(&self, step: usize, total: usize, row: usize, col: usize, value: &str) -> String {
        format!("Step {step} of {total}: output row {row}, column {col} = {value}")
    }

    /// "1 step per second" / "0.25 steps per second".
    pub fn speed_text(&self, speed: f64) -> String {
        if speed == 1.0 {
            "1 step per second".to_owned()
        } else {
            format!("{speed} {}", self.steps_per_second)
        }
    }

    /// Accessible names of a layer's tools.
    pub fn layer_tools(&self, l: usize) -> String {
        format!("Layer {l} tools")
    }
    /// "Move layer 2 up".
    pub fn move_up(&self, l: usize) -> String {
        format!("Move layer {l} up")
    }
    /// "Move layer 2 down".
    pub fn move_down(&self, l: usize) -> String {
        format!("Move layer {l} down")
    }
    /// "Duplicate layer 2".
    pub fn duplicate(&self, l: usize) -> String {
        format!("Duplicate layer {l}")
    }
    /// "Remove layer 2".
    pub fn remove(&self, l: usize) -> String {
        format!("Remove layer {l}")
    }
    /// The plot's text alternative.
    pub fn rf_plot_summary(&self, heights: &str, widths: &str) -> String {
        format!("Receptive field size by depth: height {heights}; width {widths}")
    }

    /// The heading of the arithmetic: "Layer 1, output row 0, column 1".
    pub fn arithmetic_heading(&self, layer: usize, row: usize, col: usize) -> String {
        format!("{} {layer}, output row {row}, column {col}", self.layer)
    }
}

/// The strings of the current language.
pub fn tr() -> &'static Strings {
    &EN
}

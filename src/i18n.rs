//! Every piece of UI text, in one table per language, so that a translation is one new table
//! and no view holds a string of its own. English is the first and, for now, only table.

/// The UI strings of one language.
pub struct Strings {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub input: &'static str,
    pub kernel: &'static str,
    pub output: &'static str,
    pub layer: &'static str,
    pub bias: &'static str,
    pub stride: &'static str,
    pub padding: &'static str,
    pub dilation: &'static str,
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
}

/// English.
pub const EN: Strings = Strings {
    app_title: "convscope",
    tagline: "How a 2-D convolution layer computes its output, one window at a time.",
    input: "Input",
    kernel: "Kernel",
    output: "Output",
    layer: "Layer",
    bias: "bias",
    stride: "stride",
    padding: "padding",
    dilation: "dilation",
    mode_cross_correlation: "cross-correlation",
    mode_convolution: "convolution (kernel flipped)",
    max_pool: "Max pooling",
    avg_pool: "Average pooling",
    window: "window",
    convolution_layer: "Convolution",
    scene_not_opened: "The scene in the link could not be opened, so the last good scene is shown.",
    padding_legend: "padding (zeros)",
    legend_negative: "negative",
    legend_zero: "zero",
    legend_positive: "positive",
};

/// The strings of the current language.
pub fn tr() -> &'static Strings {
    &EN
}

//! English: the first table, and the reference for the others.

use super::{LessonPage, Strings};
use crate::model::learn::LearnError;
use crate::model::{format_value, Axis, GridError, ModelError, Side, WindowKind};
use crate::state::edit::{EditError, Field};
use crate::state::paste::PasteError;
use crate::state::scene::{
    Base64Problem, PackProblem, PairName, Place, Problem, SceneError, MAX_ABS_VALUE, SCENE_VERSION,
};

/// English.
pub const EN: Strings = Strings {
    lang: "en",
    doc_title: "convscope — how a 2-D convolution layer works",
    doc_description: "See how a 2-D convolution layer computes its output, one window at a time.",
    language_label: "Language",
    pooling_note: "A pooling layer takes the largest value (max pooling) or the mean (average pooling) of each window; it has no weights to learn.",
    app_title: "convscope",
    tagline: "How a 2-D convolution layer computes its output, one window at a time.",
    input: "Input",
    kernel: "Kernel",
    kernel_applied: "Kernel as applied (flipped)",
    output: "Output",
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
    bounds_note: "Input up to 256 × 256 a channel and 16 channels; kernel and window up to 16 × 16; stride and dilation 1–16; padding 0–16.",
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
        ("Channels", "input channels → output channels"),
        ("Jump j", "effective stride: the product of the strides so far"),
        ("RF size r", "r = r₋₁ + (d(k − 1) + 1 − 1) · j₋₁"),
        ("starts at (row, col)", ""),
        ("spans", ""),
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
        ("P", "Presentation mode (Escape leaves)"),
        ("Page Down, Page Up, Alt+→, Alt+←", "In a lesson: the next or the previous page"),
        ("Ctrl+V, Ctrl+C, Ctrl+A (⌘)", "In a grid: paste a block of numbers (from a spreadsheet, Python or a tensor), copy the grid, select all of it (a paste then replaces it)"),
    ],
    preset_names: [
        "d2l 3×3",
        "Edge detector",
        "Learn the edge detector",
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
        "Two channels (d2l)",
        "Three outputs (d2l)",
        "1×1 convolution",
        "Depthwise + pointwise",
    ],
    sample_names: ["Band (d2l)", "Checkerboard", "Disc", "Letter L", "Gradient"],
    picture_error: |p| match *p {
        crate::state::PictureProblem::FileTooLarge { bytes, max } => {
            format!("the file is {} MB; at most {} MB is read", bytes.div_ceil(1 << 20), max >> 20)
        }
        crate::state::PictureProblem::TooLarge { width, height, max } => {
            format!("the picture is {width} × {height} pixels; at most {max} a side is read")
        }
        crate::state::PictureProblem::NotAPicture => "the file is not a picture this browser can read".to_owned(),
    },
    list_separator: ", ",
    skip_to_maps: "Skip to the maps",
    present: "Present",
    leave_present: "Leave presentation",
    present_hint: "Large type for a projector (P; Escape leaves)",
    zoom: "Zoom",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_fit: "Fit",
    legend: "Legend",
    legend_linked: "linked to what the pointer is on",
    legend_selected: "selected cell",
    kernel_flipped: "kernel flipped",
    settings: "Settings",
    view_dropped: "The link's view (layer, step, selected cell) does not fit its scene, so the scene opens at its start.",
    rf_group_layer: "This layer",
    rf_group_input: "In the input",
    rf_group_selected: "Selected cell's field, in the map this layer reads",
    rf_explained: "Jump j is how many input cells apart two neighbouring outputs of a layer look (the product of the strides so far); size r is how many input cells, per axis, one output cell can see. For a selected cell, the last two columns say where its field starts in the map each layer reads, and how many cells it spans there.",
    share: "Share",
    scan_hint: "Scan with a phone to open this scene and view",
    qr_label: "QR code of this scene's link",
    qr_too_long: "This scene's link is too long for a QR code: use Export and share the file.",
    channels: "Channels",
    out_channels: "Output",
    groups: "Groups",
    biases: "Bias per output channel",
    one_by_one_note: "A 1×1 convolution only mixes channels: at every pixel, its output channels are its weight matrix (output channels × input channels) times the pixel's input channels, plus the biases — one matrix product per pixel.",
    magnifier: "Magnifier: the cells near the window, with their numbers",
    picture: "Picture",
    picture_file: "Open a picture file",
    picture_size: "Fit to",
    picture_gray: "Grayscale (one channel)",
    picture_samples: "Sample pictures",
    picture_hint: "You can also drop or paste a picture. It is drawn on white, scaled down to fit (area averaging), and every 8-bit value v becomes v / 255: three channels R, G, B, or one gray channel.",
    link_too_long: "This scene is too large for a link (its link would not open): use Export and share the file.",
    save_png: "Save as PNG",
    save_maps_png: "All maps as PNG",
    save_maps_png_hint: "Save every map on screen, each channel in its colours, as one picture",
    save_maps_svg: "Number grids as SVG",
    save_maps_svg_hint: "Save the maps of up to 32 × 32 cells, with their numbers, as one SVG for slides and worksheets",
    learn_button: "Learn this kernel",
    learn_intro: "The learner sees only the input X and this layer's output Y. Each epoch, gradient descent moves its kernel against the gradient of the loss L = Σ (Ŷ − Y)²: K ← K − η · ∂L/∂K, where η is the learning rate.",
    train_epoch: "Train one epoch",
    train_play: "Train",
    train_pause: "Pause training",
    reset_learning: "Reset learning",
    stop_learning: "End learning",
    learning_rate: "Learning rate",
    learner_mode: "Learner's operation",
    learn_bias: "Learn the bias too",
    initial_kernel: "Initial kernel",
    init_zeros: "All zeros",
    learned_kernel: "Learned kernel",
    learned_bias: "Learned bias",
    kernel_to_discover: "Kernel to discover",
    reveal_kernel: "Show the kernel to discover",
    hide_kernel: "Hide the kernel to discover",
    target_map: "Target Y (this layer's output)",
    prediction_map: "Prediction Ŷ (the learner's output)",
    error_map: "Error Ŷ − Y",
    loss_curve: "Loss at each epoch",
    log_scale: "Logarithmic scale",
    flipped_back_note: "The learner's operation differs from this layer's, so it learns this layer's kernel flipped. Flipped back, it is the kernel to discover: a layer built on either operation learns to compute the same outputs.",
    flipped_back: "Learned kernel, flipped back",
    learn_controls: "Learning controls",
    learn_layer_label: |l| format!("Learn this kernel (layer {l})"),
    learn_heading: |l| format!("Layer {l}: learn the kernel"),
    init_random: |seed| format!("Random (seed {seed})"),
    learn_status: |epoch, loss| format!("epoch {epoch}, loss {loss}"),
    learn_error: |e| match e {
        LearnError::Diverged { lr } => format!(
            "Training stopped: at learning rate {} the loss grew without bound. The last finite kernel is kept; a smaller rate takes shorter steps.",
            format_value(*lr)
        ),
        LearnError::Model(e) => format!("Learning cannot start: {}", model_error(e)),
        LearnError::TargetShape { .. } => "Learning cannot start: the learner's output and the target differ in shape".to_owned(),
    },
    lower_rate: |lr| format!("Use learning rate {lr}"),
    epochs_per_second: |speed| {
        if speed == 1.0 {
            "1 epoch per second".to_owned()
        } else {
            format!("{speed} epochs per second")
        }
    },
    loss_curve_label: |epochs, first, last| {
        format!("Loss at each epoch: {first} at epoch 0, {last} at epoch {epochs}")
    },
    code_button: "Code",
    code_heading: "PyTorch code of this scene",
    code_intro: "Python that recomputes this scene with PyTorch in float64 and prints every map. With the checks, it also asserts that every map equals what convscope shows, so running it proves they agree.",
    code_checks: "With checks",
    copy_code: "Copy code",
    download_code: "Download Python file",
    code_copied: "Code copied.",
    code_not_copied: "The browser would not copy. Select the code and copy it by hand.",
    code_header: "convscope: this scene recomputed with PyTorch, in float64.",
    code_input: |c, h, w| format!("The input X, shape (N, C, H, W) = (1, {c}, {h}, {w})."),
    code_conv: |l, shape| format!("Layer {l}: a convolution layer, weight shape (out, in/groups, h, w) = ({shape})."),
    code_flip: "Convolution mode: PyTorch's conv2d computes a cross-correlation, so the kernel is flipped first.",
    code_pool: |l, kind| format!("Layer {l}: {kind}."),
    code_no_output: |l, why| format!("Layer {l} has no output: {why}"),
    code_corr2d: "d2l's corr2d: the same layer, one window at a time.",
    code_check: "Check: the map convscope shows.",
    lesson_button: "Lesson",
    lesson_heading: |page, pages| format!("Lesson, page {page} of {pages}"),
    lesson_back: "Back",
    lesson_next: "Next",
    lesson_page_list: "Pages",
    lesson_restore: "Restore this page",
    lesson_leave: "Leave the lesson",
    lesson_task: "Try it",
    lesson_nav: "Lesson pages",
    no_such_page: |pages| format!("This lesson has {pages} pages and the link named another one, so it opened at page 1."),
    lesson_pages: [
        LessonPage {
            title: "Cross-correlation, one window at a time",
            body: "A convolution layer slides a small window of weights, the kernel, over its input. At each position it multiplies the numbers under the window by the weights and adds the products up: the sum is one cell of the output. Step through the four positions and read the arithmetic of each.",
            task: "Step until the window reaches the bottom right: 4×0 + 5×1 + 7×2 + 8×3 = 43.",
        },
        LessonPage {
            title: "A layer is a kernel plus a bias",
            body: "Besides its kernel, a convolution layer has a bias: one number added to every output cell. Here the bias is 1, so each output is one more than on the last page: 20, 26, 38 and 44.",
            task: "Change the bias and watch all four outputs move together.",
        },
        LessonPage {
            title: "Convolution flips the kernel",
            body: "In mathematics, convolution turns the kernel half a turn, left for right and top for bottom, before sliding it. This layer is in convolution mode: the kernel applied is the flipped one, and the outputs become 5, 11, 23 and 29.",
            task: "Switch the layer's mode back to cross-correlation and compare the outputs.",
        },
        LessonPage {
            title: "Either operation learns the same layer",
            body: "In deep learning a kernel is learned from data, not chosen by hand. Here a learner in convolution mode is trained to reproduce the edge detector's output from the input alone. Since it flips whatever it learns, it ends near the kernel flipped, [−1, 1], and flipped back that is close to the true kernel: a layer built on either operation learns to compute the same outputs.",
            task: "Press \"Train one epoch\" ten times and watch the loss fall, then press \"Show the kernel to discover\".",
        },
        LessonPage {
            title: "The output is a feature map",
            body: "The input is a picture of ones with a band of zeros down the middle. The kernel [1, −1] takes each cell minus its right-hand neighbour, so the output is 0 wherever nothing changes, 1 where light turns to dark and −1 where dark turns back to light: a map of where the input has vertical edges.",
            task: "Find the column of 1 and the column of −1 in the output.",
        },
        LessonPage {
            title: "Edges of a picture",
            body: "The same kernel on a picture of a bright disc: the output lights up along the disc's left and right sides, with opposite signs, and stays 0 inside and outside it. Large maps are drawn as pictures; the magnifier beside each one keeps the numbers.",
            task: "Move the window onto an edge and read its numbers in the magnifier.",
        },
        LessonPage {
            title: "A kernel finds only its own edges",
            body: "Stand the kernel on its end, [1, −1] as a column, and it compares each cell with the one below it. The band runs from top to bottom, so nothing changes downwards and every output is 0. A kernel responds only to the features it is shaped for.",
            task: "Edit a cell of the input inside the band and see which outputs notice.",
        },
        LessonPage {
            title: "What one cell sees: receptive fields",
            body: "Two 2×2 layers are stacked. A cell of the first output, y, is computed from a 2×2 patch of the input; the single cell of the second output, z, is computed from all four cells of y, and so from all nine cells of the input. The input cells that can change a cell are its receptive field, marked in every map.",
            task: "Select a cell of the first output and compare its field with the field of z.",
        },
        LessonPage {
            title: "Deeper stacks see wider",
            body: "Each 3×3 layer widens the field by one cell on every side: after one layer a cell sees 3×3 inputs, after four layers 9×9. The table and the plot below follow that growth layer by layer.",
            task: "Select cells in different maps and watch the marked field grow with depth.",
        },
        LessonPage {
            title: "Padding and the output shape",
            body: "Without padding a 3×3 kernel fits a 6×6 input at 4×4 positions; on each axis the output has (n + 2p − k) / s + 1 cells. MATLAB and SciPy name three choices: \"valid\", no padding (4×4 here); \"same\", padding 1, so the output keeps the input's 6×6; and \"full\", padding 2, every position where the kernel touches the input (8×8). An odd kernel pads both sides equally for \"same\"; an even one would need one more cell on one side than on the other.",
            task: "Set the padding to 1 and then to 2, and watch the output grow from 4×4 to 6×6 and 8×8.",
        },
        LessonPage {
            title: "Stride skips positions",
            body: "A stride moves the window more than one cell at a time, so the output shrinks: in the shape formula the stride divides, rounding down. Here d2l's 3×3 example is padded by 1 and strided 3 down and 2 across: (3 + 2 − 2) / 3 + 1 = 2 rows and (3 + 2 − 2) / 2 + 1 = 2 columns, holding 0, 8, 6 and 8.",
            task: "Change the stride on one axis and check the output's shape against the formula.",
        },
        LessonPage {
            title: "Dilation spreads the kernel",
            body: "A dilated kernel leaves gaps between its taps: a 3×3 kernel with dilation 2 reads cells two apart and spans 5×5, seeing farther without more weights. On a 7×7 input it fits 3×3 times.",
            task: "Step the window and see which input cells it reads.",
        },
        LessonPage {
            title: "Pooling",
            body: "A pooling layer has no weights. Its window reports the largest value under it (max pooling) or their mean (average pooling). Max pooling with 2×2 windows over the 3×3 example gives 4, 5, 7 and 8.",
            task: "Step through the four windows and find each maximum.",
        },
        LessonPage {
            title: "Several input channels",
            body: "A colour picture has three channels. A kernel for several input channels has one 2-D slice per channel: each slice is cross-correlated with its own channel, and the results are added. With two channels the output here is 56, 72, 104 and 120.",
            task: "Step to the first output and read how the two channels' sums, 19 and 37, make 56.",
        },
        LessonPage {
            title: "1×1 convolutions",
            body: "A 1×1 kernel looks at one pixel at a time, but at every channel of it: each output channel is a weighted sum of the input channels at the same place. It changes the number of channels without looking at any neighbour.",
            task: "Change one weight and see that a single output channel changes, everywhere at once.",
        },
    ],
    step_controls: "Step controls",
    padding_cell: "padding 0",
    padding_ignored_note: " (padding ignored)",
    step_status,
    sized_channels: |name, c, rows, cols| format!("{name} {c} × {rows} × {cols}"),
    step_status_channel: |step, total, channel, row, col, value| {
        format!("Step {step} of {total}: output channel {channel}, row {row}, column {col} = {value}")
    },
    arithmetic_heading_channel: |layer, channel, row, col| {
        format!("Layer {layer}, output channel {channel}, row {row}, column {col}")
    },
    channel_name: |c| format!("Channel {c}"),
    slice_name: |o, i| format!("output channel {o}, input channel {i}"),
    save_png_named: |label| format!("Save as PNG: {label}"),
    slice_in: |i| format!("in {i}"),
    slice_out: |o| format!("out {o}"),
    channels_line: |inp, out, groups, pool| {
        if pool {
            format!("channels: {inp} in → {out} out (each channel pooled on its own)")
        } else if groups > 1 {
            format!("channels: {inp} in → {out} out, in {groups} groups of {} in → {} out", inp / groups.max(1), out / groups.max(1))
        } else {
            format!("channels: {inp} in → {out} out (every output channel reads every input channel)")
        }
    },
    speed_text,
    layer_tools: |l| format!("Layer {l} tools"),
    move_up: |l| format!("Move layer {l} up"),
    move_down: |l| format!("Move layer {l} down"),
    duplicate: |l| format!("Duplicate layer {l}"),
    remove: |l| format!("Remove layer {l}"),
    rf_plot_summary: |heights, widths| format!("Receptive field size by depth: height {heights}; width {widths}"),
    depth_point: |depth, size| format!("depth {depth}: {size}"),
    arithmetic_heading: |layer, row, col| format!("Layer {layer}, output row {row}, column {col}"),
    conv_title: |l, mode| format!("Layer {l} · Convolution ({mode})"),
    pool_title: |l, name| format!("Layer {l} · {name}"),
    layer_part: |l, part| format!("Layer {l} {part}"),
    sized: |name, rows, cols| format!("{name} {rows} × {cols}"),
    kernel_sized: |rows, cols| format!("Kernel {rows}×{cols}"),
    grid_label: |name, rows, cols| format!("{name}, {rows} × {cols}"),
    cell_name: |grid, row, col| format!("{grid}, row {row}, column {col}"),
    axis_formula: |axis, formula| format!("{axis}: {formula}"),
    layer_error: |l, e| format!("Layer {l}: {}", model_error(e)),
    model_error,
    scene_error,
    edit_error,
};

fn step_status(step: usize, total: usize, row: usize, col: usize, value: &str) -> String {
    format!("Step {step} of {total}: output row {row}, column {col} = {value}")
}

fn speed_text(speed: f64) -> String {
    if speed == 1.0 {
        "1 step per second".to_owned()
    } else {
        format!("{speed} steps per second")
    }
}

fn noun(axis: Axis) -> &'static str {
    match axis {
        Axis::Rows => "height",
        Axis::Cols => "width",
    }
}

fn grid_error(e: &GridError) -> String {
    match *e {
        GridError::Empty => "a grid needs at least one row and one column".to_owned(),
        GridError::Ragged { row, expected, found } => {
            format!("row {row} has {found} values but row 0 has {expected}: every row must be the same length")
        }
        GridError::NotFinite { row, col } => format!("the value at row {row}, column {col} is not a finite number"),
        GridError::OutOfRange { row, col } => format!("row {row}, column {col} is outside the grid"),
        GridError::TooLarge => "the grid is too large".to_owned(),
    }
}

fn model_error(e: &ModelError) -> String {
    match *e {
        ModelError::Grid(ref e) => grid_error(e),
        ModelError::ZeroStride { axis } => format!("stride ({}) must be ≥ 1, got 0", noun(axis)),
        ModelError::ZeroDilation { axis } => format!("dilation ({}) must be ≥ 1, got 0", noun(axis)),
        ModelError::ZeroWindow { axis } => format!("pooling window ({}) must be ≥ 1, got 0", noun(axis)),
        ModelError::PoolPaddingTooLarge { axis, padding, size } => format!(
            "pooling padding ({}) {padding} is more than half the window {size}: use padding ≤ {}",
            noun(axis),
            size / 2
        ),
        ModelError::WindowDoesNotFit { kind, axis, size, dilation, span, input, padding } => {
            let padded = input.saturating_add(padding.saturating_mul(2));
            let need = span.saturating_sub(input).div_ceil(2);
            let window = match kind {
                WindowKind::Kernel => "kernel",
                WindowKind::Pool => "pooling window",
            };
            let what = if dilation > 1 {
                format!("dilated {window} {size} (dilation {dilation}) spans {span}, so it is")
            } else {
                format!("{window} {size}")
            };
            let bigger = match axis {
                Axis::Rows => "taller",
                Axis::Cols => "wider",
            };
            let fix = match kind {
                WindowKind::Kernel if dilation > 1 => "reduce the kernel or the dilation",
                WindowKind::Kernel => "reduce the kernel",
                WindowKind::Pool => "reduce the window",
            };
            format!("{what} {bigger} than padded input {padded}: {fix} or add padding ≥ {need}")
        }
        ModelError::Overflow => "the sizes are too large to compute".to_owned(),
        ModelError::ResultOverflow => {
            "a result is too large to represent (beyond ±1.8e308): use smaller values".to_owned()
        }
        ModelError::TooManyCells { channels, rows, cols, max } => format!(
            "its {} output would take the maps past {max} cells in all: reduce the padding, the input, the channels or the number of layers",
            if channels > 1 { format!("{channels} × {rows} × {cols}") } else { format!("{rows} × {cols}") }
        ),
        ModelError::NoChannels => "a map or a kernel needs at least one channel".to_owned(),
        ModelError::UnequalChannels { channel, found, expected } => format!(
            "channel {channel} is {} × {} but channel 0 is {} × {}: every channel must have the same shape",
            found.h, found.w, expected.h, expected.w
        ),
        ModelError::NoSuchChannel { channel, count } => {
            format!("there is no channel {channel}: channels are numbered 0 to {}", count.saturating_sub(1))
        }
        ModelError::ChannelMismatch { input, expected } => format!(
            "its input has {input} channel{} but its kernel reads {expected}: give the map before it {expected} channels (the input's Channels, or the Output of the layer before), or choose groups that divide {input}",
            if input == 1 { "" } else { "s" }
        ),
        ModelError::GroupsDoNotDivide { groups, channels, side } => format!(
            "{groups} groups do not divide the {channels} {} channels: use a number of groups that divides both the input and the output channels",
            match side {
                Side::Input => "input",
                Side::Output => "output",
            }
        ),
        ModelError::UnequalInputs { expected, found } => format!(
            "one output channel of the kernel reads {found} input channels and another {expected}: every output channel needs the same number"
        ),
        ModelError::BiasCount { expected, found } => {
            format!("the layer has {expected} output channels but {found} biases: give one bias per output channel")
        }
        ModelError::Upstream { layer } => format!("needs the output of layer {layer}, which could not be computed"),
    }
}

fn scene_error(e: &SceneError) -> String {
    match e {
        SceneError::TooLong { len, max } => {
            format!("the scene is {len} characters long; at most {max} are read")
        }
        SceneError::Base64(problem) => {
            let why = match *problem {
                Base64Problem::InvalidByte { offset, byte } => {
                    format!("the character {byte:?} at position {offset} is not allowed (only A–Z, a–z, 0–9, - and _)")
                }
                Base64Problem::CutShort => {
                    "it is cut short or has extra characters at the end: copy the whole link".to_owned()
                }
                Base64Problem::Padding => "its \"=\" padding is wrong".to_owned(),
            };
            format!("the link's scene is not valid base64url: {why}")
        }
        SceneError::NotUtf8 => "the scene is not UTF-8 text".to_owned(),
        SceneError::Unreadable => "the file could not be read".to_owned(),
        SceneError::Json(detail) => format!("the scene is not valid JSON: {detail}"),
        SceneError::UnknownVersion(v) => {
            format!("scene version {v} is not supported: this convscope reads version {SCENE_VERSION}")
        }
        SceneError::Invalid { at, problem } => {
            let at = match *at {
                Place::Scene => "scene".to_owned(),
                Place::Input => "input".to_owned(),
                Place::Layers => "layers".to_owned(),
                Place::Layer(l) => format!("layer {}", l.get()),
                Place::Kernel(l) => format!("layer {} kernel", l.get()),
                Place::Learn => "learn".to_owned(),
            };
            format!("{at}: {}", problem_text(problem))
        }
    }
}

fn problem_text(problem: &Problem) -> String {
    let pair_name = |name: PairName| match name {
        PairName::Stride => "stride",
        PairName::Padding => "padding",
        PairName::Dilation => "dilation",
        PairName::Size => "size",
    };
    match problem {
        Problem::NotObject => "must be a JSON object".to_owned(),
        Problem::MissingInput => "the field \"input\" is missing".to_owned(),
        Problem::NotLayerList => "must be a list of layers".to_owned(),
        Problem::TooManyLayers { count, max } => format!("{count} layers; at most {max} are allowed"),
        Problem::NotRows => "must be a list of rows of numbers, like [[0,1],[2,3]]".to_owned(),
        Problem::TooLarge { rows, cols, max } => format!("{rows}×{cols} is too large; at most {max}×{max} is allowed"),
        Problem::ValueOutOfRange { value, row, col } => {
            format!("the value {value} at row {row}, column {col} is out of range (at most ±{MAX_ABS_VALUE})")
        }
        Problem::TooManyChannels { count, max } => format!("{count} channels; at most {max} are allowed"),
        Problem::NotKernel => "must be a list of rows, like [[0,1],[2,3]], or one such list for every output and input channel, like [[[[0,1],[2,3]]]]".to_owned(),
        Problem::BiasNeedsList { out } => {
            format!("the layer has {out} output channels: \"bias\" must be a list of {out} numbers")
        }
        Problem::BadGroups => "\"groups\" must be a whole number from 1 to 16".to_owned(),
        Problem::BadPacked(p) => match *p {
            PackProblem::Form => "a compact map must be {\"encoding\": \"u8\", \"shape\": [channels, rows, columns], \"scale\": 255, \"data\": \"…\"}".to_owned(),
            PackProblem::Scale => "a compact map's \"scale\" must be 255 or 1".to_owned(),
            PackProblem::Data => "a compact map's \"data\" is not base64url of deflate-raw bytes: copy the whole scene".to_owned(),
            PackProblem::Length { wanted, got } => {
                format!("a compact map's \"data\" holds {got} bytes where its shape needs {wanted}")
            }
        },
        Problem::Grid(e) => grid_error(e),
        Problem::Model(e) => model_error(e),
        Problem::MissingType => "every layer needs a \"type\": \"conv\", \"max-pool\" or \"avg-pool\"".to_owned(),
        Problem::UnknownType(t) => format!("unknown layer type {t}; use \"conv\", \"max-pool\" or \"avg-pool\""),
        Problem::MissingKernel => "a \"conv\" layer needs a \"kernel\", like [[0, 1], [2, 3]]".to_owned(),
        Problem::MissingSize => "a pooling layer needs a \"size\", like [2, 2]".to_owned(),
        Problem::NotPair => "stride, padding, dilation and size are pairs of whole numbers, like [1, 2]".to_owned(),
        Problem::BiasNotNumber => "\"bias\" must be a number, like 0.5".to_owned(),
        Problem::BiasOutOfRange(bias) => format!("bias must be within ±{MAX_ABS_VALUE}, got {bias}"),
        Problem::BadMode => "\"mode\" must be \"cross-correlation\" or \"convolution\"".to_owned(),
        Problem::PairTooSmall { name, axis, min, got } => {
            format!("{} ({}) must be ≥ {min}, got {got}", pair_name(*name), noun(*axis))
        }
        Problem::PairTooLarge { name, axis, max, got } => {
            format!("{} ({}) must be ≤ {max}, got {got}", pair_name(*name), noun(*axis))
        }
        Problem::LearnLayer => "\"layer\" must be the number of a conv layer of the scene, like 1".to_owned(),
        Problem::BadRate => "\"lr\" (the learning rate) must be a number above 0 and at most 1000000".to_owned(),
        Problem::InitShape { slices, rows, cols } => format!("\"init\" must be shaped like the layer's kernel: {slices} × {rows}×{cols}"),
        Problem::NotBool => "\"learn_bias\" must be true or false".to_owned(),
    }
}

fn edit_error(e: &EditError) -> String {
    match e {
        EditError::Empty => "enter a number, such as 2, -1.5 or 0.25".to_owned(),
        EditError::NotANumber { shown } => format!("“{shown}” is not a number: type one such as 2, -1.5 or 0.25"),
        EditError::OutOfRange { shown } => format!("{shown} is out of range: values must be within ±1,000,000"),
        EditError::FieldRange { field, min, max } => {
            let what = match *field {
                Field::InputRows => "input height".to_owned(),
                Field::InputCols => "input width".to_owned(),
                Field::KernelRows(_) => "kernel height".to_owned(),
                Field::KernelCols(_) => "kernel width".to_owned(),
                Field::Stride(_, a) => format!("stride ({})", noun(a)),
                Field::Padding(_, a) => format!("padding ({})", noun(a)),
                Field::Dilation(_, a) => format!("dilation ({})", noun(a)),
                Field::PoolSize(_, a) => format!("pooling window ({})", noun(a)),
                Field::InputChannels => "input channels".to_owned(),
                Field::OutChannels(_) => "output channels".to_owned(),
                Field::Groups(_) => "groups".to_owned(),
            };
            format!("{what} must be a whole number from {min} to {max}")
        }
        EditError::NoLearning => "this scene is not learning a kernel".to_owned(),
        EditError::BadRate { shown } => format!("{shown} is not a learning rate: it must be above 0, such as 0.03"),
        EditError::OutputComputed => "outputs are computed, not typed".to_owned(),
        EditError::PaddingCell => "padding cells are always 0".to_owned(),
        EditError::NoLayer(l) => format!("there is no layer {}", l.get()),
        EditError::NotConv(l) => format!("layer {} is a pooling layer: it has no kernel", l.get()),
        EditError::NoPoolWindow => "a convolution layer has no pooling window".to_owned(),
        EditError::NoDilation => "a pooling layer has no dilation".to_owned(),
        EditError::Model(e) => model_error(e),
        EditError::Paste(p) => match p {
            PasteError::Empty => "there is nothing to paste".to_owned(),
            PasteError::NotANumber { row, col, text } => {
                format!("the pasted block was not used: “{text}” at row {row}, column {col} of it is not a number")
            }
            PasteError::OutOfRange { row, col, text } => format!(
                "the pasted block was not used: {text} at row {row}, column {col} of it is out of range (values must be within ±1,000,000)"
            ),
            PasteError::Ragged { row, expected, found } => format!(
                "the pasted block was not used: its row {row} has {found} values but its row 0 has {expected}"
            ),
            PasteError::Unbalanced => "the pasted block was not used: its brackets do not match".to_owned(),
            PasteError::TooDeep => {
                "the pasted block was not used: it has more than two levels of brackets, so it is not a grid".to_owned()
            }
        },
        EditError::PasteTooLarge { rows, cols, max } => {
            format!("the pasted block would make the grid {rows} × {cols}; at most {max} × {max} is allowed, so nothing was changed")
        }
        EditError::BiasIsOneValue => "a bias is one number: paste a single value".to_owned(),
        EditError::BiasPerChannel { out } => {
            format!("the layer has {out} biases, one per output channel: paste a column of at most {out} values")
        }
    }
}

//! Simplified Chinese (简体中文), following the terms of d2l's Chinese edition (see glossary.rs).

use super::{LessonPage, Strings};
use crate::model::learn::LearnError;
use crate::model::{format_value, Axis, GridError, ModelError, Side, WindowKind};
use crate::state::edit::{EditError, Field};
use crate::state::paste::PasteError;
use crate::state::scene::{
    Base64Problem, PackProblem, PairName, Place, Problem, SceneError, MAX_ABS_VALUE, SCENE_VERSION,
};

/// Simplified Chinese.
pub const ZH_HANS: Strings = Strings {
    lang: "zh-Hans",
    doc_title: "convscope——二维卷积层是如何工作的",
    doc_description: "逐个窗口地观察二维卷积层如何计算它的输出。",
    language_label: "Language",
    pooling_note: "汇聚层（也称池化层）取每个窗口中的最大值（最大汇聚）或平均值（平均汇聚）；它没有需要学习的权重。",
    app_title: "convscope",
    tagline: "二维卷积层如何逐个窗口地计算输出。",
    input: "输入",
    kernel: "卷积核",
    kernel_applied: "实际使用的卷积核（已翻转）",
    output: "输出",
    bias: "偏置",
    stride: "步幅",
    padding: "填充",
    dilation: "膨胀",
    height: "高度",
    width: "宽度",
    rows: "行数",
    cols: "列数",
    mode: "模式",
    mode_cross_correlation: "互相关运算",
    mode_convolution: "卷积运算（翻转卷积核）",
    max_pool: "最大汇聚",
    avg_pool: "平均汇聚",
    window: "窗口",
    scene_not_opened: "无法打开链接中的场景，因此显示的是上一个有效的场景。",
    padding_legend: "填充（零）",
    legend_negative: "负值",
    legend_zero: "零",
    legend_positive: "正值",
    legend_window: "窗口",
    legend_current: "正在计算的输出",
    legend_rf: "感受野",
    legend_pf: "投影域",
    play: "播放",
    pause: "暂停",
    step_forward: "前进一步",
    step_back: "后退一步",
    first_step: "第一步",
    last_step: "最后一步",
    scrubber: "窗口位置",
    speed: "速度",
    shortcuts: "键盘快捷键",
    show_shortcuts: "显示键盘快捷键",
    close: "关闭",
    presets: "预设",
    randomize: "随机取值",
    clear: "全部清零",
    arithmetic: "计算过程",
    output_shape: "输出形状",
    flip_explained: "卷积运算就是把卷积核上下、左右翻转之后再做互相关运算，所以在输入上滑动的是这个翻转后的卷积核。",
    no_steps: "这一层没有可供逐步查看的输出。",
    step_this_layer: "逐步查看这一层",
    active_layer: "正在逐步查看这一层",
    bounds_note: "输入每个通道最大256 × 256，最多16个通道；卷积核和窗口最大16 × 16；步幅和膨胀为1–16；填充为0–16。",
    add_conv: "添加卷积层",
    add_max_pool: "添加最大汇聚层",
    add_avg_pool: "添加平均汇聚层",
    add_layer: "添加一层",
    stack_full: "最多只能堆叠16层：请先删除一层，才能再添加。",
    receptive_fields: "感受野",
    rf_hint: "点击或选中任意特征图中的任意单元格：所有更早的特征图中能影响它的单元格（即它的感受野）都会被标出；如果选中的是输入中的单元格，则标出之后所有受它影响的单元格（即它的投影域）。按Esc清除标记。",
    rf_caption: "每一层的感受野（高度 × 宽度，以输入的单元格计）",
    rf_columns: [
        ("层", ""),
        ("卷积核k", ""),
        ("步幅s", ""),
        ("膨胀d", ""),
        ("填充p", ""),
        ("通道", "输入通道数 → 输出通道数"),
        ("跳距j", "有效步幅：到这一层为止所有步幅的乘积"),
        ("感受野大小r", "r = r₋₁ + (d(k − 1) + 1 − 1) · j₋₁"),
        ("起点（行，列）", ""),
        ("跨度", ""),
    ],
    rf_plot_caption: "各深度的感受野大小（以输入的单元格计）：",
    apply_shrink: "按Enter确认缩小（超出范围的值会被丢弃）。",
    no_layers: "添加一层，即可逐步查看它的计算。",
    undo: "撤销",
    redo: "重做",
    copy_link: "复制链接",
    export: "导出",
    import: "导入",
    reset: "重置",
    reset_question: "要放弃当前场景，回到d2l的示例吗？（撤销可以找回它。）",
    reset_confirm: "重置场景",
    cancel: "取消",
    link_copied: "链接已复制到剪贴板。",
    link_not_copied: "这里无法使用剪贴板，请手动复制这个链接：",
    exported: "场景已导出为convscope-scene.json。",
    scene_actions: "场景",
    drop_hint: "把场景文件（.json）拖放到页面任意位置即可打开。",
    file_not_opened: "无法打开该文件，因此显示的是上一个有效的场景。",
    saved_not_restored: "无法恢复保存在此浏览器中的场景，因此显示d2l的示例（保存的文本仍留在localStorage的convscope.scene.unreadable中）。",
    shortcut_list: [
        ("空格键", "播放或暂停"),
        ("→", "前进一步"),
        ("←", "后退一步"),
        ("Home", "第一步"),
        ("End", "最后一步"),
        ("?", "显示或隐藏这些快捷键"),
        ("Ctrl+Z（⌘Z）", "撤销"),
        ("Ctrl+Shift+Z或Ctrl+Y（⇧⌘Z）", "重做"),
        ("方向键、Enter、F2、Esc", "在网格中：移动、编辑、取消（直接输入会替换原值）"),
        ("Tab", "在网格中：确认并向右移动，或离开网格"),
        ("P", "演示模式（按Esc退出）"),
        ("Page Down, Page Up, Alt+→, Alt+←", "课程中：下一页或上一页"),
        ("Ctrl+V、Ctrl+C、Ctrl+A（⌘）", "在网格中：粘贴一块数字（来自电子表格、Python或张量）、复制整个网格、全选网格（之后粘贴会替换它）"),
    ],
    preset_names: [
        "d2l 3×3",
        "边缘检测",
        "学习边缘检测",
        "恒等",
        "均值模糊",
        "锐化",
        "Sobel x",
        "Sobel y",
        "拉普拉斯",
        "填充与步幅",
        "空洞卷积",
        "两层（d2l）",
        "3×3卷积堆叠",
        "卷积+汇聚堆叠",
        "空洞卷积堆叠",
        "双通道（d2l）",
        "三个输出通道（d2l）",
        "1×1卷积",
        "逐通道 + 逐点卷积",
    ],
    sample_names: ["条带（d2l）", "棋盘", "圆盘", "字母L", "渐变"],
    picture_error: |p| match *p {
        crate::state::PictureProblem::FileTooLarge { bytes, max } => {
            format!("文件大小为{} MB；最多读取{} MB", bytes.div_ceil(1 << 20), max >> 20)
        }
        crate::state::PictureProblem::TooLarge { width, height, max } => {
            format!("图片为{width} × {height}像素；每边最多读取{max}像素")
        }
        crate::state::PictureProblem::NotAPicture => "这个文件不是浏览器能读取的图片".to_owned(),
    },
    list_separator: "、",
    skip_to_maps: "跳到特征图",
    present: "演示模式",
    leave_present: "退出演示模式",
    present_hint: "为投影仪放大字体（按P；按Esc退出）",
    zoom: "缩放",
    zoom_in: "放大",
    zoom_out: "缩小",
    zoom_fit: "适合屏幕",
    legend: "图例",
    legend_linked: "与指针所指之处相关",
    legend_selected: "选中的单元格",
    kernel_flipped: "卷积核已翻转",
    settings: "设置",
    view_dropped: "链接中的视图（层、步、选中的单元格）与场景不符，因此场景从头打开。",
    rf_group_layer: "本层",
    rf_group_input: "在输入中",
    rf_group_selected: "所选单元格的感受野，在本层读取的特征图中",
    rf_explained: "跳距j是某一层相邻两个输出在输入上相隔的单元格数（到这一层为止所有步幅的乘积）；大小r是一个输出单元格在每个方向上能看到的输入单元格数。选中一个单元格后，最后两列说明它的感受野在每一层所读取的特征图中从哪里开始、跨越多少单元格。",
    share: "分享",
    scan_hint: "用手机扫描，即可打开这个场景和视图",
    qr_label: "此场景链接的二维码",
    qr_too_long: "此场景的链接太长，无法生成二维码：请使用导出，分享文件。",
    channels: "通道数",
    out_channels: "输出",
    groups: "分组数",
    biases: "每个输出通道的偏置",
    one_by_one_note: "1×1卷积只混合通道：在每个像素上，输出通道等于权重矩阵（输出通道数 × 输入通道数）乘以该像素的输入通道，再加上偏置——每个像素一次矩阵乘法。",
    magnifier: "放大镜：窗口附近的单元格及其数值",
    picture: "图片",
    picture_file: "打开图片文件",
    picture_size: "缩放至",
    picture_gray: "灰度（单通道）",
    picture_samples: "示例图片",
    picture_hint: "也可以把图片拖放或粘贴到页面。图片画在白色背景上，按面积平均缩小，每个8位数值v变成v / 255：三个通道R、G、B，或一个灰度通道。",
    link_too_long: "这个场景太大，无法放进链接（链接将无法打开）：请用“导出”并分享文件。",
    save_png: "保存为PNG",
    save_maps_png: "所有特征图存为PNG",
    save_maps_png_hint: "把画面上的每个特征图（每个通道各自的颜色）存成一张图片",
    save_maps_svg: "数字网格存为SVG",
    save_maps_svg_hint: "把不超过32 × 32个单元格的特征图连同数字存成一个SVG，用于幻灯片和练习卷",
    learn_button: "学习这个卷积核",
    learn_intro: "学习者只看得到输入X和这一层的输出Y。每个迭代周期，梯度下降把它的卷积核往损失L = Σ (Ŷ − Y)²的梯度反方向移动：K ← K − η · ∂L/∂K，其中η是学习率。",
    train_epoch: "训练一个迭代周期",
    train_play: "训练",
    train_pause: "暂停训练",
    reset_learning: "重新开始学习",
    stop_learning: "结束学习",
    learning_rate: "学习率",
    learner_mode: "学习者的运算",
    learn_bias: "同时学习偏置",
    initial_kernel: "初始卷积核",
    init_zeros: "全部为0",
    learned_kernel: "学到的卷积核",
    learned_bias: "学到的偏置",
    kernel_to_discover: "要找出的卷积核",
    reveal_kernel: "显示要找出的卷积核",
    hide_kernel: "隐藏要找出的卷积核",
    target_map: "目标Y（这一层的输出）",
    prediction_map: "预测Ŷ（学习者的输出）",
    error_map: "误差Ŷ − Y",
    loss_curve: "每个迭代周期的损失",
    log_scale: "对数刻度",
    flipped_back_note: "学习者的运算和这一层的不同，所以它学到的是这一层卷积核的翻转。再翻转回来，就是要找出的卷积核：无论用哪一种运算构建的层，都能学会算出同样的输出。",
    flipped_back: "学到的卷积核，翻转回来",
    learn_controls: "学习控制",
    learn_layer_label: |l| format!("学习这个卷积核（第{l}层）"),
    learn_heading: |l| format!("第{l}层：学习卷积核"),
    init_random: |seed| format!("随机（种子{seed}）"),
    learn_status: |epoch, loss| format!("第{epoch}个迭代周期，损失{loss}"),
    learn_error: |e| match e {
        LearnError::Diverged { lr } => format!(
            "训练已停止：学习率为{}时损失无限增长。保留了最后一个有限的卷积核；较小的学习率每一步走得较短。",
            format_value(*lr)
        ),
        LearnError::Model(e) => format!("无法开始学习：{}", model_error(e)),
        LearnError::TargetShape { .. } => "无法开始学习：学习者的输出和目标的形状不同".to_owned(),
    },
    lower_rate: |lr| format!("改用学习率{lr}"),
    epochs_per_second: |speed| format!("每秒{speed}个迭代周期"),
    loss_curve_label: |epochs, first, last| format!("每个迭代周期的损失：第0个迭代周期为{first}，第{epochs}个迭代周期为{last}"),
    code_button: "代码",
    code_heading: "此场景的 PyTorch 代码",
    code_intro: "这段 Python 用 PyTorch 以 64 位浮点数重新计算此场景，并打印每张特征图。加上检查时，它还断言每张图都等于 convscope 显示的值，运行一次即可证明两者一致。",
    code_checks: "加上检查",
    copy_code: "复制代码",
    download_code: "下载 Python 文件",
    code_copied: "已复制代码。",
    code_not_copied: "浏览器无法复制。请选中代码后手动复制。",
    code_header: "convscope：用 PyTorch 在 float64 下重新计算此场景。",
    code_input: |c, h, w| format!("输入 X，形状 (N, C, H, W) = (1, {c}, {h}, {w})。"),
    code_conv: |l, shape| format!("第 {l} 层：卷积层，权重形状 (输出, 输入/组, 高, 宽) = ({shape})。"),
    code_flip: "卷积模式：PyTorch 的 conv2d 计算的是互相关运算，所以先把卷积核翻转。",
    code_pool: |l, kind| format!("第 {l} 层：{kind}。"),
    code_no_output: |l, why| format!("第 {l} 层没有输出：{why}"),
    code_corr2d: "d2l 的 corr2d：同一层，一次算一个窗口。",
    code_check: "检查：convscope 显示的特征图。",
    lesson_button: "课程",
    lesson_heading: |page, pages| format!("课程：第 {page} 页，共 {pages} 页"),
    lesson_back: "上一页",
    lesson_next: "下一页",
    lesson_page_list: "页面",
    lesson_restore: "还原此页",
    lesson_leave: "离开课程",
    lesson_task: "试一试",
    lesson_nav: "课程页面",
    no_such_page: |pages| format!("此课程共有 {pages} 页，链接指定的页面不存在，所以从第 1 页开始。"),
    lesson_pages: [
        LessonPage {
            title: "互相关运算：一次一个窗口",
            body: "卷积层把一小块权重（卷积核）在输入上滑动。每到一个位置，就把窗口下的数字乘上对应的权重，再把乘积加总：这个和就是输出的一个单元格。逐步走过四个位置，读一读每一步的计算过程。",
            task: "逐步移动，直到窗口到达右下角：4×0 + 5×1 + 7×2 + 8×3 = 43。",
        },
        LessonPage {
            title: "一层就是卷积核加上偏置",
            body: "卷积层除了卷积核，还有一个偏置：加到每个输出单元格上的同一个数。这里的偏置是 1，所以每个输出都比上一页多 1：20、26、38 和 44。",
            task: "改变偏置，看四个输出一起移动。",
        },
        LessonPage {
            title: "卷积会翻转卷积核",
            body: "在数学上，卷积先把卷积核转半圈（左右对调、上下对调），再拿去滑动。这一层是卷积模式：实际应用的是翻转后的卷积核，输出变成 5、11、23 和 29。",
            task: "把这一层的模式切回互相关运算，比较两者的输出。",
        },
        LessonPage {
            title: "两种运算学到的是同一层",
            body: "在深度学习中，卷积核是从数据学来的，而不是人工挑选的。这里有一个卷积模式的学习器，只从输入出发，训练它重现边缘检测的输出。因为它会翻转自己学到的一切，最后得到接近翻转过的卷积核 [−1, 1]，翻转回来就接近真正的卷积核：用哪一种运算构建的层，都能学会算出相同的输出。",
            task: "按十次“训练一个迭代周期”，看损失下降，再按“显示要找出的卷积核”。",
        },
        LessonPage {
            title: "输出是一张特征图",
            body: "输入是一张全是 1 的图，中间有一条由 0 组成的带。卷积核 [1, −1] 把每个单元格减去它右边的邻居，所以没有变化的地方输出 0，由亮变暗的地方是 1，由暗变回亮的地方是 −1：这就是一张标出输入中垂直边缘位置的图。",
            task: "在输出中找出全是 1 的那一列和全是 −1 的那一列。",
        },
        LessonPage {
            title: "图片的边缘",
            body: "同一个卷积核用在一张亮圆盘的图片上：输出沿着圆盘的左右两侧亮起，正负号相反，而圆盘内外都是 0。大的特征图以图片显示，旁边的放大镜保留了数字。",
            task: "把窗口移到边缘上，在放大镜中读出它的数字。",
        },
        LessonPage {
            title: "卷积核只找得到自己形状的边缘",
            body: "把卷积核立起来，让 [1, −1] 成为一列，它就会拿每个单元格和下方的单元格比较。这条带从上延伸到下，往下看没有任何变化，所以每个输出都是 0。卷积核只会对符合自己形状的特征起反应。",
            task: "编辑带内的一个输入单元格，看哪些输出有反应。",
        },
        LessonPage {
            title: "一个单元格看到什么：感受野",
            body: "这里叠了两个 2×2 的层。第一个输出 y 的每个单元格，是由输入中 2×2 的一小块算出；第二个输出 z 只有一个单元格，由 y 的全部四个单元格算出，也就是由输入的全部九个单元格算出。能改变某个单元格的所有输入单元格，就是它的感受野，在每张图上都标了出来。",
            task: "选中第一个输出中的一个单元格，把它的感受野和 z 的比较。",
        },
        LessonPage {
            title: "堆叠越深，看得越广",
            body: "每一个 3×3 的层都让感受野在每一侧多出一个单元格：经过一层，一个单元格看到 3×3 的输入；经过四层，看到 9×9。下方的表格和图表逐层追踪这样的成长。",
            task: "在不同的特征图中选中单元格，看标出的感受野如何随深度变大。",
        },
        LessonPage {
            title: "填充与输出形状",
            body: "不填充时，3×3 的卷积核在 6×6 的输入上有 4×4 个位置可放；每个方向上的输出有 (n + 2p − k) / s + 1 个单元格。MATLAB 和 SciPy 把三种做法分别叫作 \"valid\"：不填充（这里是 4×4）；\"same\"：填充 1，输出保持输入的 6×6；\"full\"：填充 2，涵盖卷积核碰得到输入的每个位置（8×8）。奇数大小的卷积核做 \"same\" 时两侧填充相同；偶数大小的则有一侧要多填一个单元格。",
            task: "把填充设为 1，再设为 2，看输出从 4×4 变成 6×6 和 8×8。",
        },
        LessonPage {
            title: "步幅会跳过位置",
            body: "步幅让窗口一次移动不只一个单元格，所以输出变小：在形状公式中要除以步幅，并且向下取整。这里把 d2l 的 3×3 例子填充 1，纵向步幅 3、横向步幅 2：得到 (3 + 2 − 2) / 3 + 1 = 2 行和 (3 + 2 − 2) / 2 + 1 = 2 列，数值是 0、8、6 和 8。",
            task: "改变一个方向的步幅，用公式核对输出的形状。",
        },
        LessonPage {
            title: "膨胀让卷积核张开",
            body: "膨胀的卷积核在各个位置之间留下间隔：膨胀为 2 的 3×3 卷积核读取相隔两格的单元格，涵盖 5×5 的范围，不必增加权重就能看得更远。在 7×7 的输入上，它有 3×3 个位置可放。",
            task: "逐步移动窗口，看它读取了哪些输入单元格。",
        },
        LessonPage {
            title: "汇聚",
            body: "汇聚层没有权重。它的窗口回报其下最大的值（最大汇聚）或平均值（平均汇聚）。在 3×3 的例子上以 2×2 的窗口做最大汇聚，得到 4、5、7 和 8。",
            task: "逐步走过四个窗口，找出每个窗口的最大值。",
        },
        LessonPage {
            title: "多个输入通道",
            body: "彩色图片有三个通道。处理多个输入通道的卷积核，每个通道各有一片二维的切片：每片只和自己的通道做互相关运算，再把结果相加。这里有两个通道，输出是 56、72、104 和 120。",
            task: "移到第一个输出，读出两个通道的和 19 与 37 如何加成 56。",
        },
        LessonPage {
            title: "1×1 卷积",
            body: "1×1 的卷积核一次只看一个像素，但看的是它的每个通道：每个输出通道都是同一位置上各输入通道的加权和。它改变通道的数目，却完全不看邻近的单元格。",
            task: "改变一个权重，看只有一个输出通道改变，而且处处同时改变。",
        },
    ],
    step_controls: "逐步控制",
    padding_cell: "填充 0",
    padding_ignored_note: "（忽略填充）",
    step_status,
    sized_channels: |name, c, rows, cols| format!("{name}{c} × {rows} × {cols}"),
    step_status_channel: |step, total, channel, row, col, value| {
        format!("第{step}步，共{total}步：输出通道{channel}，第{row}行、第{col}列 = {value}")
    },
    arithmetic_heading_channel: |layer, channel, row, col| format!("第{layer}层，输出通道{channel}，第{row}行、第{col}列"),
    channel_name: |c| format!("通道{c}"),
    slice_name: |o, i| format!("输出通道{o}，输入通道{i}"),
    save_png_named: |label| format!("保存为PNG：{label}"),
    slice_in: |i| format!("输入{i}"),
    slice_out: |o| format!("输出{o}"),
    channels_line: |inp, out, groups, pool| {
        if pool {
            format!("通道：输入{inp} → 输出{out}（每个通道各自汇聚）")
        } else if groups > 1 {
            format!("通道：输入{inp} → 输出{out}，分为{groups}组，每组输入{} → 输出{}", inp / groups.max(1), out / groups.max(1))
        } else {
            format!("通道：输入{inp} → 输出{out}（每个输出通道读取所有输入通道）")
        }
    },
    speed_text,
    layer_tools: |l| format!("第{l}层的工具"),
    move_up: |l| format!("将第{l}层上移"),
    move_down: |l| format!("将第{l}层下移"),
    duplicate: |l| format!("复制第{l}层"),
    remove: |l| format!("删除第{l}层"),
    rf_plot_summary: |heights, widths| format!("各深度的感受野大小：高度为{heights}；宽度为{widths}"),
    depth_point: |depth, size| format!("深度{depth}：{size}"),
    arithmetic_heading: |layer, row, col| format!("第{layer}层，输出第{row}行、第{col}列"),
    conv_title: |l, mode| format!("第{l}层 · 卷积（{mode}）"),
    pool_title: |l, name| format!("第{l}层 · {name}"),
    layer_part: |l, part| format!("第{l}层{part}"),
    sized: |name, rows, cols| format!("{name}{rows} × {cols}"),
    kernel_sized: |rows, cols| format!("卷积核{rows}×{cols}"),
    grid_label: |name, rows, cols| format!("{name}，{rows} × {cols}"),
    cell_name: |grid, row, col| format!("{grid}，第{row}行，第{col}列"),
    axis_formula: |axis, formula| format!("{axis}：{formula}"),
    layer_error: |l, e| format!("第{l}层：{}", model_error(e)),
    model_error,
    scene_error,
    edit_error,
};

fn step_status(step: usize, total: usize, row: usize, col: usize, value: &str) -> String {
    format!("第{step}步，共{total}步：输出第{row}行、第{col}列 = {value}")
}

fn speed_text(speed: f64) -> String {
    format!("每秒{speed}步")
}

fn noun(axis: Axis) -> &'static str {
    match axis {
        Axis::Rows => "高度",
        Axis::Cols => "宽度",
    }
}

fn grid_error(e: &GridError) -> String {
    match *e {
        GridError::Empty => "网格至少需要一行和一列".to_owned(),
        GridError::Ragged { row, expected, found } => {
            format!("第{row}行有{found}个值，而第0行有{expected}个：每一行的长度必须相同")
        }
        GridError::NotFinite { row, col } => format!("第{row}行、第{col}列的值不是有限数值"),
        GridError::OutOfRange { row, col } => format!("第{row}行、第{col}列在网格之外"),
        GridError::TooLarge => "网格太大".to_owned(),
    }
}

fn model_error(e: &ModelError) -> String {
    match *e {
        ModelError::Grid(ref e) => grid_error(e),
        ModelError::ZeroStride { axis } => format!("步幅（{}）必须至少为1，实际为0", noun(axis)),
        ModelError::ZeroDilation { axis } => format!("膨胀（{}）必须至少为1，实际为0", noun(axis)),
        ModelError::ZeroWindow { axis } => format!("汇聚窗口（{}）必须至少为1，实际为0", noun(axis)),
        ModelError::PoolPaddingTooLarge { axis, padding, size } => {
            format!("汇聚层的填充（{}）{padding}超过了窗口{size}的一半：请使用不超过{}的填充", noun(axis), size / 2)
        }
        ModelError::WindowDoesNotFit { kind, axis, size, dilation, span, input, padding } => {
            let padded = input.saturating_add(padding.saturating_mul(2));
            let need = span.saturating_sub(input).div_ceil(2);
            let window = match kind {
                WindowKind::Kernel => "卷积核",
                WindowKind::Pool => "汇聚窗口",
            };
            let axis_name = noun(axis);
            let what = if dilation > 1 {
                format!("{window}{axis_name}{size}经膨胀{dilation}后跨越{span}，")
            } else {
                format!("{window}{axis_name}{size}")
            };
            let fix = match kind {
                WindowKind::Kernel if dilation > 1 => "请缩小卷积核或膨胀",
                WindowKind::Kernel => "请缩小卷积核",
                WindowKind::Pool => "请缩小窗口",
            };
            format!("{what}大于填充后输入的{axis_name}{padded}：{fix}，或将填充增加到至少{need}")
        }
        ModelError::Overflow => "尺寸太大，无法计算".to_owned(),
        ModelError::ResultOverflow => "结果太大，无法表示（超出±1.8e308）：请使用更小的值".to_owned(),
        ModelError::TooManyCells { channels, rows, cols, max } => {
            let shape = if channels > 1 { format!("{channels} × {rows} × {cols}") } else { format!("{rows} × {cols}") };
            format!("这一层{shape}的输出会使所有特征图的单元格总数超过{max}：请减小填充、输入、通道数或层数")
        }
        ModelError::NoChannels => "特征图或卷积核至少需要一个通道".to_owned(),
        ModelError::UnequalChannels { channel, found, expected } => format!(
            "通道{channel}是{} × {}，但通道0是{} × {}：每个通道的形状必须相同",
            found.h, found.w, expected.h, expected.w
        ),
        ModelError::NoSuchChannel { channel, count } => {
            format!("没有通道{channel}：通道编号从0到{}", count.saturating_sub(1))
        }
        ModelError::ChannelMismatch { input, expected } => format!(
            "这一层的输入有{input}个通道，但卷积核读取{expected}个：请让前一个特征图有{expected}个通道（输入的通道数，或前一层的输出通道数），或选择能整除{input}的分组数"
        ),
        ModelError::GroupsDoNotDivide { groups, channels, side } => format!(
            "{groups}个分组不能整除{channels}个{}通道：分组数必须同时整除输入通道数和输出通道数",
            match side {
                Side::Input => "输入",
                Side::Output => "输出",
            }
        ),
        ModelError::UnequalInputs { expected, found } => format!(
            "卷积核的一个输出通道读取{found}个输入通道，另一个读取{expected}个：每个输出通道读取的数目必须相同"
        ),
        ModelError::BiasCount { expected, found } => {
            format!("这一层有{expected}个输出通道，却有{found}个偏置：每个输出通道需要一个偏置")
        }
        ModelError::Upstream { layer } => format!("需要第{layer}层的输出，但那一层无法计算"),
    }
}

fn scene_error(e: &SceneError) -> String {
    match e {
        SceneError::TooLong { len, max } => {
            format!("场景长{len}个字符；最多只读取{max}个")
        }
        SceneError::Base64(problem) => {
            let why = match *problem {
                Base64Problem::InvalidByte { offset, byte } => {
                    format!("位置{offset}处的字符{byte:?}不允许出现（只允许A–Z、a–z、0–9、-和_）")
                }
                Base64Problem::CutShort => "它被截断了，或者末尾有多余的字符：请复制完整的链接".to_owned(),
                Base64Problem::Padding => "它的“=”填充不正确".to_owned(),
            };
            format!("链接中的场景不是有效的base64url：{why}")
        }
        SceneError::NotUtf8 => "场景不是UTF-8文本".to_owned(),
        SceneError::Unreadable => "无法读取该文件".to_owned(),
        SceneError::Json(detail) => format!("场景不是有效的JSON（{detail}）"),
        SceneError::UnknownVersion(v) => {
            format!("不支持场景版本{v}：这个convscope读取的是版本{SCENE_VERSION}")
        }
        SceneError::Invalid { at, problem } => {
            let at = match *at {
                Place::Scene => "场景".to_owned(),
                Place::Input => "输入".to_owned(),
                Place::Layers => "层列表".to_owned(),
                Place::Layer(l) => format!("第{}层", l.get()),
                Place::Kernel(l) => format!("第{}层的卷积核", l.get()),
                Place::Learn => "学习设置".to_owned(),
            };
            format!("{at}：{}", problem_text(problem))
        }
    }
}

fn problem_text(problem: &Problem) -> String {
    let pair_name = |name: PairName| match name {
        PairName::Stride => "步幅",
        PairName::Padding => "填充",
        PairName::Dilation => "膨胀",
        PairName::Size => "窗口大小",
    };
    match problem {
        Problem::NotObject => "必须是一个JSON对象".to_owned(),
        Problem::MissingInput => "缺少字段\"input\"".to_owned(),
        Problem::NotLayerList => "必须是由层组成的列表".to_owned(),
        Problem::TooManyLayers { count, max } => format!("共{count}层；最多允许{max}层"),
        Problem::NotRows => "必须是由若干行数字组成的列表，例如[[0,1],[2,3]]".to_owned(),
        Problem::TooLarge { rows, cols, max } => format!("{rows}×{cols}太大；最多允许{max}×{max}"),
        Problem::ValueOutOfRange { value, row, col } => {
            format!("第{row}行、第{col}列的值{value}超出范围（最多±{MAX_ABS_VALUE}）")
        }
        Problem::TooManyChannels { count, max } => format!("共{count}个通道；最多允许{max}个"),
        Problem::NotKernel => "必须是由若干行组成的列表，例如[[0,1],[2,3]]，或为每个输出通道和输入通道各给一个这样的列表，例如[[[[0,1],[2,3]]]]".to_owned(),
        Problem::BiasNeedsList { out } => format!("这一层有{out}个输出通道：\"bias\"必须是含{out}个数的列表"),
        Problem::BadGroups => "\"groups\"必须是1到16之间的整数".to_owned(),
        Problem::BadPacked(p) => match *p {
            PackProblem::Form => "紧凑格式的特征图必须是{\"encoding\": \"u8\", \"shape\": [通道数, 行数, 列数], \"scale\": 255, \"data\": \"…\"}".to_owned(),
            PackProblem::Scale => "紧凑格式的\"scale\"必须是255或1".to_owned(),
            PackProblem::Data => "紧凑格式的\"data\"不是deflate-raw字节的base64url编码：请复制完整的场景".to_owned(),
            PackProblem::Length { wanted, got } => format!("紧凑格式的\"data\"有{got}个字节，而它的形状需要{wanted}个"),
        },
        Problem::Grid(e) => grid_error(e),
        Problem::Model(e) => model_error(e),
        Problem::MissingType => "每一层都需要一个\"type\"：\"conv\"、\"max-pool\"或\"avg-pool\"".to_owned(),
        Problem::UnknownType(t) => format!("未知的层类型{t}；请使用\"conv\"、\"max-pool\"或\"avg-pool\""),
        Problem::MissingKernel => "\"conv\"层需要一个\"kernel\"，例如[[0, 1], [2, 3]]".to_owned(),
        Problem::MissingSize => "汇聚层需要一个\"size\"，例如[2, 2]".to_owned(),
        Problem::NotPair => "步幅、填充、膨胀和窗口大小都是由两个整数组成的一对，例如[1, 2]".to_owned(),
        Problem::BiasNotNumber => "\"bias\"必须是一个数，例如0.5".to_owned(),
        Problem::BiasOutOfRange(bias) => format!("偏置必须在±{MAX_ABS_VALUE}之内，实际为{bias}"),
        Problem::BadMode => "\"mode\"必须是\"cross-correlation\"或\"convolution\"".to_owned(),
        Problem::PairTooSmall { name, axis, min, got } => {
            format!("{}（{}）必须至少为{min}，实际为{got}", pair_name(*name), noun(*axis))
        }
        Problem::PairTooLarge { name, axis, max, got } => {
            format!("{}（{}）必须不超过{max}，实际为{got}", pair_name(*name), noun(*axis))
        }
        Problem::LearnLayer => "\"layer\"必须是场景中某个卷积层的编号，例如1".to_owned(),
        Problem::BadRate => "\"lr\"（学习率）必须是大于0且不超过1000000的数".to_owned(),
        Problem::InitShape { slices, rows, cols } => format!("\"init\"的形状必须和该层的卷积核相同：{slices}个{rows}×{cols}的网格"),
        Problem::NotBool => "\"learn_bias\"必须是true或false".to_owned(),
    }
}

fn edit_error(e: &EditError) -> String {
    match e {
        EditError::Empty => "请输入一个数，例如2、-1.5或0.25".to_owned(),
        EditError::NotANumber { shown } => format!("“{shown}”不是数字：请输入一个数，例如2、-1.5或0.25"),
        EditError::OutOfRange { shown } => format!("{shown}超出范围：数值必须在±1,000,000之内"),
        EditError::FieldRange { field, min, max } => {
            let what = match *field {
                Field::InputRows => "输入高度".to_owned(),
                Field::InputCols => "输入宽度".to_owned(),
                Field::KernelRows(_) => "卷积核高度".to_owned(),
                Field::KernelCols(_) => "卷积核宽度".to_owned(),
                Field::Stride(_, a) => format!("步幅（{}）", noun(a)),
                Field::Padding(_, a) => format!("填充（{}）", noun(a)),
                Field::Dilation(_, a) => format!("膨胀（{}）", noun(a)),
                Field::PoolSize(_, a) => format!("汇聚窗口（{}）", noun(a)),
                Field::InputChannels => "输入通道数".to_owned(),
                Field::OutChannels(_) => "输出通道数".to_owned(),
                Field::Groups(_) => "分组数".to_owned(),
            };
            format!("{what}必须是{min}到{max}之间的整数")
        }
        EditError::NoLearning => "这个场景没有在学习卷积核".to_owned(),
        EditError::BadRate { shown } => format!("{shown}不是学习率：它必须大于0，例如0.03"),
        EditError::OutputComputed => "输出是计算出来的，不能手动输入".to_owned(),
        EditError::PaddingCell => "填充单元格的值始终为0".to_owned(),
        EditError::NoLayer(l) => format!("不存在第{}层", l.get()),
        EditError::NotConv(l) => format!("第{}层是汇聚层：它没有卷积核", l.get()),
        EditError::NoPoolWindow => "卷积层没有汇聚窗口".to_owned(),
        EditError::NoDilation => "汇聚层没有膨胀".to_owned(),
        EditError::Model(e) => model_error(e),
        EditError::Paste(p) => match p {
            PasteError::Empty => "没有可粘贴的内容".to_owned(),
            PasteError::NotANumber { row, col, text } => {
                format!("未使用粘贴的区块：其中第{row}行、第{col}列的“{text}”不是数字")
            }
            PasteError::OutOfRange { row, col, text } => {
                format!("未使用粘贴的区块：其中第{row}行、第{col}列的{text}超出范围（数值必须在±1,000,000以内）")
            }
            PasteError::Ragged { row, expected, found } => {
                format!("未使用粘贴的区块：它的第{row}行有{found}个值，而第0行有{expected}个")
            }
            PasteError::Unbalanced => "未使用粘贴的区块：括号没有成对".to_owned(),
            PasteError::TooDeep => "未使用粘贴的区块：括号超过两层，不是网格".to_owned(),
        },
        EditError::PasteTooLarge { rows, cols, max } => {
            format!("粘贴后网格会变成{rows} × {cols}；最大只能是{max} × {max}，因此没有任何改动")
        }
        EditError::BiasIsOneValue => "偏置只有一个数：请粘贴单个数值".to_owned(),
        EditError::BiasPerChannel { out } => {
            format!("这一层有{out}个偏置，每个输出通道一个：请粘贴最多{out}个数值的一列")
        }
    }
}

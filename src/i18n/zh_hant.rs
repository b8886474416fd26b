//! Traditional Chinese (繁體中文), following the terms of d2l's Chinese edition (see glossary.rs).

use super::{LessonPage, Strings};
use crate::model::learn::LearnError;
use crate::model::{format_value, Axis, GridError, ModelError, Side, WindowKind};
use crate::state::edit::{EditError, Field};
use crate::state::paste::PasteError;
use crate::state::scene::{
    Base64Problem, PackProblem, PairName, Place, Problem, SceneError, MAX_ABS_VALUE, SCENE_VERSION,
};

/// Traditional Chinese.
pub const ZH_HANT: Strings = Strings {
    lang: "zh-Hant",
    doc_title: "convscope——二維卷積層是如何工作的",
    doc_description: "逐個窗口地觀察二維卷積層如何計算它的輸出。",
    language_label: "Language",
    pooling_note: "匯聚層（也稱池化層）取每個窗口中的最大值（最大匯聚）或平均值（平均匯聚）；它沒有需要學習的權重。",
    app_title: "convscope",
    tagline: "二維卷積層如何逐個窗口地計算輸出。",
    input: "輸入",
    kernel: "卷積核",
    kernel_applied: "實際使用的卷積核（已翻轉）",
    output: "輸出",
    bias: "偏置",
    stride: "步幅",
    padding: "填充",
    dilation: "膨脹",
    height: "高度",
    width: "寬度",
    rows: "列數",
    cols: "欄數",
    mode: "模式",
    mode_cross_correlation: "互相關運算",
    mode_convolution: "卷積運算（翻轉卷積核）",
    max_pool: "最大匯聚",
    avg_pool: "平均匯聚",
    window: "窗口",
    scene_not_opened: "無法開啟連結中的場景，因此顯示的是上一個有效的場景。",
    padding_legend: "填充（零）",
    legend_negative: "負值",
    legend_zero: "零",
    legend_positive: "正值",
    legend_window: "窗口",
    legend_current: "正在計算的輸出",
    legend_rf: "感受野",
    legend_pf: "投影域",
    play: "播放",
    pause: "暫停",
    step_forward: "前進一步",
    step_back: "後退一步",
    first_step: "第一步",
    last_step: "最後一步",
    scrubber: "窗口位置",
    speed: "速度",
    shortcuts: "鍵盤快速鍵",
    show_shortcuts: "顯示鍵盤快速鍵",
    close: "關閉",
    presets: "預設集",
    randomize: "隨機取值",
    clear: "全部清零",
    arithmetic: "計算過程",
    output_shape: "輸出形狀",
    flip_explained: "卷積運算就是把卷積核上下、左右翻轉之後再做互相關運算，所以在輸入上滑動的是這個翻轉後的卷積核。",
    no_steps: "這一層沒有可供逐步檢視的輸出。",
    step_this_layer: "逐步檢視這一層",
    active_layer: "正在逐步檢視這一層",
    bounds_note: "輸入每個通道最大256 × 256，最多16個通道；卷積核和窗口最大16 × 16；步幅和膨脹為1–16；填充為0–16。",
    add_conv: "新增卷積層",
    add_max_pool: "新增最大匯聚層",
    add_avg_pool: "新增平均匯聚層",
    add_layer: "新增一層",
    stack_full: "最多只能堆疊16層：請先刪除一層，才能再新增。",
    receptive_fields: "感受野",
    rf_hint: "點選或選取任意特徵圖中的任意方格：所有更早的特徵圖中能影響它的方格（即它的感受野）都會被標示；如果選取的是輸入中的方格，則標示之後所有受它影響的方格（即它的投影域）。按Esc清除標記。",
    rf_caption: "每一層的感受野（高度 × 寬度，以輸入的方格計）",
    rf_columns: [
        ("層", ""),
        ("卷積核k", ""),
        ("步幅s", ""),
        ("膨脹d", ""),
        ("填充p", ""),
        ("通道", "輸入通道數 → 輸出通道數"),
        ("跳距j", "有效步幅：到這一層為止所有步幅的乘積"),
        ("感受野大小r", "r = r₋₁ + (d(k − 1) + 1 − 1) · j₋₁"),
        ("起點（列，欄）", ""),
        ("跨度", ""),
    ],
    rf_plot_caption: "各深度的感受野大小（以輸入的方格計）：",
    apply_shrink: "按Enter確認縮小（超出範圍的值會被捨棄）。",
    no_layers: "新增一層，即可逐步檢視它的計算。",
    undo: "復原",
    redo: "重做",
    copy_link: "複製連結",
    export: "匯出",
    import: "匯入",
    reset: "重設",
    reset_question: "要放棄目前場景，回到d2l的範例嗎？（復原可以找回它。）",
    reset_confirm: "重設場景",
    cancel: "取消",
    link_copied: "連結已複製到剪貼簿。",
    link_not_copied: "這裡無法使用剪貼簿，請手動複製這個連結：",
    exported: "場景已匯出為convscope-scene.json。",
    scene_actions: "場景",
    drop_hint: "把場景檔案（.json）拖放到頁面任意位置即可開啟。",
    file_not_opened: "無法開啟該檔案，因此顯示的是上一個有效的場景。",
    saved_not_restored: "無法還原儲存在此瀏覽器中的場景，因此顯示d2l的範例（儲存的文字仍留在localStorage的convscope.scene.unreadable中）。",
    shortcut_list: [
        ("空白鍵", "播放或暫停"),
        ("→", "前進一步"),
        ("←", "後退一步"),
        ("Home", "第一步"),
        ("End", "最後一步"),
        ("?", "顯示或隱藏這些快速鍵"),
        ("Ctrl+Z（⌘Z）", "復原"),
        ("Ctrl+Shift+Z或Ctrl+Y（⇧⌘Z）", "重做"),
        ("方向鍵、Enter、F2、Esc", "在網格中：移動、編輯、取消（直接輸入會取代原值）"),
        ("Tab", "在網格中：確認並向右移動，或離開網格"),
        ("P", "簡報模式（按Esc離開）"),
        ("Page Down, Page Up, Alt+→, Alt+←", "課程中：下一頁或上一頁"),
        ("Ctrl+V、Ctrl+C、Ctrl+A（⌘）", "在網格中：貼上一塊數字（來自試算表、Python或張量）、複製整個網格、選取整個網格（之後貼上會取代它）"),
    ],
    preset_names: [
        "d2l 3×3",
        "邊緣偵測",
        "學習邊緣偵測",
        "恆等",
        "均值模糊",
        "銳化",
        "Sobel x",
        "Sobel y",
        "拉普拉斯",
        "填充與步幅",
        "空洞卷積",
        "兩層（d2l）",
        "3×3卷積堆疊",
        "卷積+匯聚堆疊",
        "空洞卷積堆疊",
        "雙通道（d2l）",
        "三個輸出通道（d2l）",
        "1×1卷積",
        "逐通道 + 逐點卷積",
    ],
    sample_names: ["條帶（d2l）", "棋盤", "圓盤", "字母L", "漸層"],
    picture_error: |p| match *p {
        crate::state::PictureProblem::FileTooLarge { bytes, max } => {
            format!("檔案大小為{} MB；最多讀取{} MB", bytes.div_ceil(1 << 20), max >> 20)
        }
        crate::state::PictureProblem::TooLarge { width, height, max } => {
            format!("圖片為{width} × {height}像素；每邊最多讀取{max}像素")
        }
        crate::state::PictureProblem::NotAPicture => "這個檔案不是瀏覽器能讀取的圖片".to_owned(),
    },
    list_separator: "、",
    skip_to_maps: "跳到特徵圖",
    present: "簡報模式",
    leave_present: "離開簡報模式",
    present_hint: "為投影機放大字體（按P；按Esc離開）",
    zoom: "縮放",
    zoom_in: "放大",
    zoom_out: "縮小",
    zoom_fit: "適合螢幕",
    legend: "圖例",
    legend_linked: "與指標所指之處相關",
    legend_selected: "選取的方格",
    kernel_flipped: "卷積核已翻轉",
    settings: "設定",
    view_dropped: "連結中的檢視（層、步、選取的方格）與場景不符，因此場景從頭開啟。",
    rf_group_layer: "本層",
    rf_group_input: "在輸入中",
    rf_group_selected: "所選方格的感受野，在本層讀取的特徵圖中",
    rf_explained: "跳距j是某一層相鄰兩個輸出在輸入上相隔的方格數（到這一層為止所有步幅的乘積）；大小r是一個輸出方格在每個方向上能看到的輸入方格數。選取一個方格後，最後兩欄說明它的感受野在每一層所讀取的特徵圖中從哪裡開始、跨越多少方格。",
    share: "分享",
    scan_hint: "用手機掃描，即可開啟這個場景與檢視",
    qr_label: "此場景連結的QR碼",
    qr_too_long: "此場景的連結太長，無法做成QR碼：請使用匯出，分享檔案。",
    channels: "通道數",
    out_channels: "輸出",
    groups: "分組數",
    biases: "每個輸出通道的偏置",
    one_by_one_note: "1×1卷積只混合通道：在每個像素上，輸出通道等於權重矩陣（輸出通道數 × 輸入通道數）乘以該像素的輸入通道，再加上偏置——每個像素一次矩陣乘法。",
    magnifier: "放大鏡：窗口附近的方格及其數值",
    picture: "圖片",
    picture_file: "開啟圖片檔案",
    picture_size: "縮放至",
    picture_gray: "灰階（單一通道）",
    picture_samples: "範例圖片",
    picture_hint: "也可以把圖片拖放或貼上到頁面。圖片畫在白色背景上，按面積平均縮小，每個8位元數值v變成v / 255：三個通道R、G、B，或一個灰階通道。",
    link_too_long: "這個場景太大，無法放進連結（連結將無法開啟）：請用「匯出」並分享檔案。",
    save_png: "儲存為PNG",
    save_maps_png: "所有特徵圖存為PNG",
    save_maps_png_hint: "把畫面上的每個特徵圖（每個通道各自的顏色）存成一張圖片",
    save_maps_svg: "數字網格存為SVG",
    save_maps_svg_hint: "把不超過32 × 32個方格的特徵圖連同數字存成一個SVG，用於投影片和練習卷",
    learn_button: "學習這個卷積核",
    learn_intro: "學習者只看得到輸入X和這一層的輸出Y。每個迭代週期，梯度下降把它的卷積核往損失L = Σ (Ŷ − Y)²的梯度反方向移動：K ← K − η · ∂L/∂K，其中η是學習率。",
    train_epoch: "訓練一個迭代週期",
    train_play: "訓練",
    train_pause: "暫停訓練",
    reset_learning: "重新開始學習",
    stop_learning: "結束學習",
    learning_rate: "學習率",
    learner_mode: "學習者的運算",
    learn_bias: "同時學習偏置",
    initial_kernel: "初始卷積核",
    init_zeros: "全部為0",
    learned_kernel: "學到的卷積核",
    learned_bias: "學到的偏置",
    kernel_to_discover: "要找出的卷積核",
    reveal_kernel: "顯示要找出的卷積核",
    hide_kernel: "隱藏要找出的卷積核",
    target_map: "目標Y（這一層的輸出）",
    prediction_map: "預測Ŷ（學習者的輸出）",
    error_map: "誤差Ŷ − Y",
    loss_curve: "每個迭代週期的損失",
    log_scale: "對數刻度",
    flipped_back_note: "學習者的運算和這一層的不同，所以它學到的是這一層卷積核的翻轉。再翻轉回來，就是要找出的卷積核：無論用哪一種運算建構的層，都能學會算出同樣的輸出。",
    flipped_back: "學到的卷積核，翻轉回來",
    learn_controls: "學習控制",
    learn_layer_label: |l| format!("學習這個卷積核（第{l}層）"),
    learn_heading: |l| format!("第{l}層：學習卷積核"),
    init_random: |seed| format!("隨機（種子{seed}）"),
    learn_status: |epoch, loss| format!("第{epoch}個迭代週期，損失{loss}"),
    learn_error: |e| match e {
        LearnError::Diverged { lr } => format!(
            "訓練已停止：學習率為{}時損失無限增長。保留了最後一個有限的卷積核；較小的學習率每一步走得較短。",
            format_value(*lr)
        ),
        LearnError::Model(e) => format!("無法開始學習：{}", model_error(e)),
        LearnError::TargetShape { .. } => "無法開始學習：學習者的輸出和目標的形狀不同".to_owned(),
    },
    lower_rate: |lr| format!("改用學習率{lr}"),
    epochs_per_second: |speed| format!("每秒{speed}個迭代週期"),
    loss_curve_label: |epochs, first, last| format!("每個迭代週期的損失：第0個迭代週期為{first}，第{epochs}個迭代週期為{last}"),
    code_button: "程式碼",
    code_heading: "此場景的 PyTorch 程式碼",
    code_intro: "這段 Python 以 PyTorch 用 64 位元浮點數重新計算此場景，並印出每張特徵圖。加上檢查時，它也斷言每張圖都等於 convscope 顯示的值，執行一次即可證明兩者一致。",
    code_checks: "加上檢查",
    copy_code: "複製程式碼",
    download_code: "下載 Python 檔案",
    code_copied: "已複製程式碼。",
    code_not_copied: "瀏覽器無法複製。請選取程式碼後手動複製。",
    code_header: "convscope：以 PyTorch 在 float64 下重新計算此場景。",
    code_input: |c, h, w| format!("輸入 X，形狀 (N, C, H, W) = (1, {c}, {h}, {w})。"),
    code_conv: |l, shape| format!("第 {l} 層：卷積層，權重形狀 (輸出, 輸入/組, 高, 寬) = ({shape})。"),
    code_flip: "卷積模式：PyTorch 的 conv2d 計算的是互相關運算，所以先把卷積核翻轉。",
    code_pool: |l, kind| format!("第 {l} 層：{kind}。"),
    code_no_output: |l, why| format!("第 {l} 層沒有輸出：{why}"),
    code_corr2d: "d2l 的 corr2d：同一層，一次算一個窗口。",
    code_check: "檢查：convscope 顯示的特徵圖。",
    lesson_button: "課程",
    lesson_heading: |page, pages| format!("課程：第 {page} 頁，共 {pages} 頁"),
    lesson_back: "上一頁",
    lesson_next: "下一頁",
    lesson_page_list: "頁面",
    lesson_restore: "還原此頁",
    lesson_leave: "離開課程",
    lesson_task: "試試看",
    lesson_nav: "課程頁面",
    no_such_page: |pages| format!("此課程共有 {pages} 頁，連結指定的頁面不存在，所以從第 1 頁開始。"),
    lesson_pages: [
        LessonPage {
            title: "互相關運算：一次一個窗口",
            body: "卷積層把一小塊權重（卷積核）在輸入上滑動。每到一個位置，就把窗口下的數字乘上對應的權重，再把乘積加總：這個和就是輸出的一個方格。逐步走過四個位置，讀一讀每一步的計算過程。",
            task: "逐步移動，直到窗口到達右下角：4×0 + 5×1 + 7×2 + 8×3 = 43。",
        },
        LessonPage {
            title: "一層就是卷積核加上偏置",
            body: "卷積層除了卷積核，還有一個偏置：加到每個輸出方格上的同一個數。這裡的偏置是 1，所以每個輸出都比上一頁多 1：20、26、38 和 44。",
            task: "改變偏置，看四個輸出一起移動。",
        },
        LessonPage {
            title: "卷積會翻轉卷積核",
            body: "在數學上，卷積先把卷積核轉半圈（左右對調、上下對調），再拿去滑動。這一層是卷積模式：實際套用的是翻轉後的卷積核，輸出變成 5、11、23 和 29。",
            task: "把這一層的模式切回互相關運算，比較兩者的輸出。",
        },
        LessonPage {
            title: "兩種運算學到的是同一層",
            body: "在深度學習中，卷積核是從資料學來的，而不是人手挑選的。這裡有一個卷積模式的學習器，只從輸入出發，訓練它重現邊緣偵測的輸出。因為它會翻轉自己學到的一切，最後得到接近翻轉過的卷積核 [−1, 1]，翻轉回來就接近真正的卷積核：用哪一種運算建構的層，都能學會算出相同的輸出。",
            task: "按十次「訓練一個迭代週期」，看損失下降，再按「顯示要找出的卷積核」。",
        },
        LessonPage {
            title: "輸出是一張特徵圖",
            body: "輸入是一張全是 1 的圖，中間有一條由 0 組成的帶。卷積核 [1, −1] 把每個方格減去它右邊的鄰居，所以沒有變化的地方輸出 0，由亮變暗的地方是 1，由暗變回亮的地方是 −1：這就是一張標出輸入中垂直邊緣位置的圖。",
            task: "在輸出中找出全是 1 的那一欄和全是 −1 的那一欄。",
        },
        LessonPage {
            title: "圖片的邊緣",
            body: "同一個卷積核用在一張亮圓盤的圖片上：輸出沿著圓盤的左右兩側亮起，正負號相反，而圓盤內外都是 0。大的特徵圖以圖片顯示，旁邊的放大鏡保留了數字。",
            task: "把窗口移到邊緣上，在放大鏡中讀出它的數字。",
        },
        LessonPage {
            title: "卷積核只找得到自己形狀的邊緣",
            body: "把卷積核立起來，讓 [1, −1] 成為一欄，它就會拿每個方格和下方的方格比較。這條帶從上延伸到下，往下看沒有任何變化，所以每個輸出都是 0。卷積核只會對符合自己形狀的特徵起反應。",
            task: "編輯帶內的一個輸入方格，看哪些輸出有反應。",
        },
        LessonPage {
            title: "一個方格看到什麼：感受野",
            body: "這裡疊了兩個 2×2 的層。第一個輸出 y 的每個方格，是由輸入中 2×2 的一小塊算出；第二個輸出 z 只有一個方格，由 y 的全部四個方格算出，也就是由輸入的全部九個方格算出。能改變某個方格的所有輸入方格，就是它的感受野，在每張圖上都標了出來。",
            task: "選取第一個輸出中的一個方格，把它的感受野和 z 的比較。",
        },
        LessonPage {
            title: "堆疊越深，看得越廣",
            body: "每一個 3×3 的層都讓感受野在每一側多出一個方格：經過一層，一個方格看到 3×3 的輸入；經過四層，看到 9×9。下方的表格和圖表逐層追蹤這樣的成長。",
            task: "在不同的特徵圖中選取方格，看標出的感受野如何隨深度變大。",
        },
        LessonPage {
            title: "填充與輸出形狀",
            body: "不填充時，3×3 的卷積核在 6×6 的輸入上有 4×4 個位置可放；每個方向上的輸出有 (n + 2p − k) / s + 1 個方格。MATLAB 和 SciPy 把三種做法分別叫作 \"valid\"：不填充（這裡是 4×4）；\"same\"：填充 1，輸出保持輸入的 6×6；\"full\"：填充 2，涵蓋卷積核碰得到輸入的每個位置（8×8）。奇數大小的卷積核做 \"same\" 時兩側填充相同；偶數大小的則有一側要多填一個方格。",
            task: "把填充設為 1，再設為 2，看輸出從 4×4 變成 6×6 和 8×8。",
        },
        LessonPage {
            title: "步幅會跳過位置",
            body: "步幅讓窗口一次移動不只一個方格，所以輸出變小：在形狀公式中要除以步幅，並且無條件捨去。這裡把 d2l 的 3×3 例子填充 1，縱向步幅 3、橫向步幅 2：得到 (3 + 2 − 2) / 3 + 1 = 2 列和 (3 + 2 − 2) / 2 + 1 = 2 欄，數值是 0、8、6 和 8。",
            task: "改變一個方向的步幅，用公式核對輸出的形狀。",
        },
        LessonPage {
            title: "膨脹讓卷積核張開",
            body: "膨脹的卷積核在各個位置之間留下間隔：膨脹為 2 的 3×3 卷積核讀取相隔兩格的方格，涵蓋 5×5 的範圍，不必增加權重就能看得更遠。在 7×7 的輸入上，它有 3×3 個位置可放。",
            task: "逐步移動窗口，看它讀取了哪些輸入方格。",
        },
        LessonPage {
            title: "匯聚",
            body: "匯聚層沒有權重。它的窗口回報其下最大的值（最大匯聚）或平均值（平均匯聚）。在 3×3 的例子上以 2×2 的窗口做最大匯聚，得到 4、5、7 和 8。",
            task: "逐步走過四個窗口，找出每個窗口的最大值。",
        },
        LessonPage {
            title: "多個輸入通道",
            body: "彩色圖片有三個通道。處理多個輸入通道的卷積核，每個通道各有一片二維的切片：每片只和自己的通道做互相關運算，再把結果相加。這裡有兩個通道，輸出是 56、72、104 和 120。",
            task: "移到第一個輸出，讀出兩個通道的和 19 與 37 如何加成 56。",
        },
        LessonPage {
            title: "1×1 卷積",
            body: "1×1 的卷積核一次只看一個像素，但看的是它的每個通道：每個輸出通道都是同一位置上各輸入通道的加權和。它改變通道的數目，卻完全不看鄰近的方格。",
            task: "改變一個權重，看只有一個輸出通道改變，而且處處同時改變。",
        },
    ],
    step_controls: "逐步控制",
    padding_cell: "填充 0",
    padding_ignored_note: "（忽略填充）",
    step_status,
    sized_channels: |name, c, rows, cols| format!("{name}{c} × {rows} × {cols}"),
    step_status_channel: |step, total, channel, row, col, value| {
        format!("第{step}步，共{total}步：輸出通道{channel}，第{row}列、第{col}欄 = {value}")
    },
    arithmetic_heading_channel: |layer, channel, row, col| format!("第{layer}層，輸出通道{channel}，第{row}列、第{col}欄"),
    channel_name: |c| format!("通道{c}"),
    slice_name: |o, i| format!("輸出通道{o}，輸入通道{i}"),
    save_png_named: |label| format!("儲存為PNG：{label}"),
    slice_in: |i| format!("輸入{i}"),
    slice_out: |o| format!("輸出{o}"),
    channels_line: |inp, out, groups, pool| {
        if pool {
            format!("通道：輸入{inp} → 輸出{out}（每個通道各自匯聚）")
        } else if groups > 1 {
            format!("通道：輸入{inp} → 輸出{out}，分為{groups}組，每組輸入{} → 輸出{}", inp / groups.max(1), out / groups.max(1))
        } else {
            format!("通道：輸入{inp} → 輸出{out}（每個輸出通道讀取所有輸入通道）")
        }
    },
    speed_text,
    layer_tools: |l| format!("第{l}層的工具"),
    move_up: |l| format!("將第{l}層上移"),
    move_down: |l| format!("將第{l}層下移"),
    duplicate: |l| format!("複製第{l}層"),
    remove: |l| format!("刪除第{l}層"),
    rf_plot_summary: |heights, widths| format!("各深度的感受野大小：高度為{heights}；寬度為{widths}"),
    depth_point: |depth, size| format!("深度{depth}：{size}"),
    arithmetic_heading: |layer, row, col| format!("第{layer}層，輸出第{row}列、第{col}欄"),
    conv_title: |l, mode| format!("第{l}層 · 卷積（{mode}）"),
    pool_title: |l, name| format!("第{l}層 · {name}"),
    layer_part: |l, part| format!("第{l}層{part}"),
    sized: |name, rows, cols| format!("{name}{rows} × {cols}"),
    kernel_sized: |rows, cols| format!("卷積核{rows}×{cols}"),
    grid_label: |name, rows, cols| format!("{name}，{rows} × {cols}"),
    cell_name: |grid, row, col| format!("{grid}，第{row}列，第{col}欄"),
    axis_formula: |axis, formula| format!("{axis}：{formula}"),
    layer_error: |l, e| format!("第{l}層：{}", model_error(e)),
    model_error,
    scene_error,
    edit_error,
};

fn step_status(step: usize, total: usize, row: usize, col: usize, value: &str) -> String {
    format!("第{step}步，共{total}步：輸出第{row}列、第{col}欄 = {value}")
}

fn speed_text(speed: f64) -> String {
    format!("每秒{speed}步")
}

fn noun(axis: Axis) -> &'static str {
    match axis {
        Axis::Rows => "高度",
        Axis::Cols => "寬度",
    }
}

fn grid_error(e: &GridError) -> String {
    match *e {
        GridError::Empty => "網格至少需要一列和一欄".to_owned(),
        GridError::Ragged { row, expected, found } => {
            format!("第{row}列有{found}個值，而第0列有{expected}個：每一列的長度必須相同")
        }
        GridError::NotFinite { row, col } => format!("第{row}列、第{col}欄的值不是有限數值"),
        GridError::OutOfRange { row, col } => format!("第{row}列、第{col}欄在網格之外"),
        GridError::TooLarge => "網格太大".to_owned(),
    }
}

fn model_error(e: &ModelError) -> String {
    match *e {
        ModelError::Grid(ref e) => grid_error(e),
        ModelError::ZeroStride { axis } => format!("步幅（{}）必須至少為1，實際為0", noun(axis)),
        ModelError::ZeroDilation { axis } => format!("膨脹（{}）必須至少為1，實際為0", noun(axis)),
        ModelError::ZeroWindow { axis } => format!("匯聚窗口（{}）必須至少為1，實際為0", noun(axis)),
        ModelError::PoolPaddingTooLarge { axis, padding, size } => {
            format!("匯聚層的填充（{}）{padding}超過了窗口{size}的一半：請使用不超過{}的填充", noun(axis), size / 2)
        }
        ModelError::WindowDoesNotFit { kind, axis, size, dilation, span, input, padding } => {
            let padded = input.saturating_add(padding.saturating_mul(2));
            let need = span.saturating_sub(input).div_ceil(2);
            let window = match kind {
                WindowKind::Kernel => "卷積核",
                WindowKind::Pool => "匯聚窗口",
            };
            let axis_name = noun(axis);
            let what = if dilation > 1 {
                format!("{window}{axis_name}{size}經膨脹{dilation}後跨越{span}，")
            } else {
                format!("{window}{axis_name}{size}")
            };
            let fix = match kind {
                WindowKind::Kernel if dilation > 1 => "請縮小卷積核或膨脹",
                WindowKind::Kernel => "請縮小卷積核",
                WindowKind::Pool => "請縮小窗口",
            };
            format!("{what}大於填充後輸入的{axis_name}{padded}：{fix}，或將填充增加到至少{need}")
        }
        ModelError::Overflow => "尺寸太大，無法計算".to_owned(),
        ModelError::ResultOverflow => "結果太大，無法表示（超出±1.8e308）：請使用更小的值".to_owned(),
        ModelError::TooManyCells { channels, rows, cols, max } => {
            let shape = if channels > 1 { format!("{channels} × {rows} × {cols}") } else { format!("{rows} × {cols}") };
            format!("這一層{shape}的輸出會使所有特徵圖的儲存格總數超過{max}：請減小填充、輸入、通道數或層數")
        }
        ModelError::NoChannels => "特徵圖或卷積核至少需要一個通道".to_owned(),
        ModelError::UnequalChannels { channel, found, expected } => format!(
            "通道{channel}是{} × {}，但通道0是{} × {}：每個通道的形狀必須相同",
            found.h, found.w, expected.h, expected.w
        ),
        ModelError::NoSuchChannel { channel, count } => {
            format!("沒有通道{channel}：通道編號從0到{}", count.saturating_sub(1))
        }
        ModelError::ChannelMismatch { input, expected } => format!(
            "這一層的輸入有{input}個通道，但卷積核讀取{expected}個：請讓前一個特徵圖有{expected}個通道（輸入的通道數，或前一層的輸出通道數），或選擇能整除{input}的分組數"
        ),
        ModelError::GroupsDoNotDivide { groups, channels, side } => format!(
            "{groups}個分組不能整除{channels}個{}通道：分組數必須同時整除輸入通道數和輸出通道數",
            match side {
                Side::Input => "輸入",
                Side::Output => "輸出",
            }
        ),
        ModelError::UnequalInputs { expected, found } => format!(
            "卷積核的一個輸出通道讀取{found}個輸入通道，另一個讀取{expected}個：每個輸出通道讀取的數目必須相同"
        ),
        ModelError::BiasCount { expected, found } => {
            format!("這一層有{expected}個輸出通道，卻有{found}個偏置：每個輸出通道需要一個偏置")
        }
        ModelError::Upstream { layer } => format!("需要第{layer}層的輸出，但那一層無法計算"),
    }
}

fn scene_error(e: &SceneError) -> String {
    match e {
        SceneError::TooLong { len, max } => {
            format!("場景長{len}個字元；最多只讀取{max}個")
        }
        SceneError::Base64(problem) => {
            let why = match *problem {
                Base64Problem::InvalidByte { offset, byte } => {
                    format!("位置{offset}處的字元{byte:?}不允許出現（只允許A–Z、a–z、0–9、-和_）")
                }
                Base64Problem::CutShort => "它被截斷了，或者末尾有多餘的字元：請複製完整的連結".to_owned(),
                Base64Problem::Padding => "它的「=」填充不正確".to_owned(),
            };
            format!("連結中的場景不是有效的base64url：{why}")
        }
        SceneError::NotUtf8 => "場景不是UTF-8文字".to_owned(),
        SceneError::Unreadable => "無法讀取該檔案".to_owned(),
        SceneError::Json(detail) => format!("場景不是有效的JSON（{detail}）"),
        SceneError::UnknownVersion(v) => {
            format!("不支援場景版本{v}：這個convscope讀取的是版本{SCENE_VERSION}")
        }
        SceneError::Invalid { at, problem } => {
            let at = match *at {
                Place::Scene => "場景".to_owned(),
                Place::Input => "輸入".to_owned(),
                Place::Layers => "層清單".to_owned(),
                Place::Layer(l) => format!("第{}層", l.get()),
                Place::Kernel(l) => format!("第{}層的卷積核", l.get()),
                Place::Learn => "學習設定".to_owned(),
            };
            format!("{at}：{}", problem_text(problem))
        }
    }
}

fn problem_text(problem: &Problem) -> String {
    let pair_name = |name: PairName| match name {
        PairName::Stride => "步幅",
        PairName::Padding => "填充",
        PairName::Dilation => "膨脹",
        PairName::Size => "窗口大小",
    };
    match problem {
        Problem::NotObject => "必須是一個JSON物件".to_owned(),
        Problem::MissingInput => "缺少欄位\"input\"".to_owned(),
        Problem::NotLayerList => "必須是由層組成的清單".to_owned(),
        Problem::TooManyLayers { count, max } => format!("共{count}層；最多允許{max}層"),
        Problem::NotRows => "必須是由若干列數字組成的清單，例如[[0,1],[2,3]]".to_owned(),
        Problem::TooLarge { rows, cols, max } => format!("{rows}×{cols}太大；最多允許{max}×{max}"),
        Problem::ValueOutOfRange { value, row, col } => {
            format!("第{row}列、第{col}欄的值{value}超出範圍（最多±{MAX_ABS_VALUE}）")
        }
        Problem::TooManyChannels { count, max } => format!("共{count}個通道；最多允許{max}個"),
        Problem::NotKernel => "必須是由若干列組成的清單，例如[[0,1],[2,3]]，或為每個輸出通道和輸入通道各給一個這樣的清單，例如[[[[0,1],[2,3]]]]".to_owned(),
        Problem::BiasNeedsList { out } => format!("這一層有{out}個輸出通道：\"bias\"必須是含{out}個數的清單"),
        Problem::BadGroups => "\"groups\"必須是1到16之間的整數".to_owned(),
        Problem::BadPacked(p) => match *p {
            PackProblem::Form => "緊湊格式的特徵圖必須是{\"encoding\": \"u8\", \"shape\": [通道數, 列數, 欄數], \"scale\": 255, \"data\": \"…\"}".to_owned(),
            PackProblem::Scale => "緊湊格式的\"scale\"必須是255或1".to_owned(),
            PackProblem::Data => "緊湊格式的\"data\"不是deflate-raw位元組的base64url編碼：請複製完整的場景".to_owned(),
            PackProblem::Length { wanted, got } => format!("緊湊格式的\"data\"有{got}個位元組，而它的形狀需要{wanted}個"),
        },
        Problem::Grid(e) => grid_error(e),
        Problem::Model(e) => model_error(e),
        Problem::MissingType => "每一層都需要一個\"type\"：\"conv\"、\"max-pool\"或\"avg-pool\"".to_owned(),
        Problem::UnknownType(t) => format!("未知的層類型{t}；請使用\"conv\"、\"max-pool\"或\"avg-pool\""),
        Problem::MissingKernel => "\"conv\"層需要一個\"kernel\"，例如[[0, 1], [2, 3]]".to_owned(),
        Problem::MissingSize => "匯聚層需要一個\"size\"，例如[2, 2]".to_owned(),
        Problem::NotPair => "步幅、填充、膨脹和窗口大小都是由兩個整數組成的一對，例如[1, 2]".to_owned(),
        Problem::BiasNotNumber => "\"bias\"必須是一個數，例如0.5".to_owned(),
        Problem::BiasOutOfRange(bias) => format!("偏置必須在±{MAX_ABS_VALUE}之內，實際為{bias}"),
        Problem::BadMode => "\"mode\"必須是\"cross-correlation\"或\"convolution\"".to_owned(),
        Problem::PairTooSmall { name, axis, min, got } => {
            format!("{}（{}）必須至少為{min}，實際為{got}", pair_name(*name), noun(*axis))
        }
        Problem::PairTooLarge { name, axis, max, got } => {
            format!("{}（{}）必須不超過{max}，實際為{got}", pair_name(*name), noun(*axis))
        }
        Problem::LearnLayer => "\"layer\"必須是場景中某個卷積層的編號，例如1".to_owned(),
        Problem::BadRate => "\"lr\"（學習率）必須是大於0且不超過1000000的數".to_owned(),
        Problem::InitShape { slices, rows, cols } => format!("\"init\"的形狀必須和該層的卷積核相同：{slices}個{rows}×{cols}的網格"),
        Problem::NotBool => "\"learn_bias\"必須是true或false".to_owned(),
    }
}

fn edit_error(e: &EditError) -> String {
    match e {
        EditError::Empty => "請輸入一個數，例如2、-1.5或0.25".to_owned(),
        EditError::NotANumber { shown } => format!("「{shown}」不是數字：請輸入一個數，例如2、-1.5或0.25"),
        EditError::OutOfRange { shown } => format!("{shown}超出範圍：數值必須在±1,000,000之內"),
        EditError::FieldRange { field, min, max } => {
            let what = match *field {
                Field::InputRows => "輸入高度".to_owned(),
                Field::InputCols => "輸入寬度".to_owned(),
                Field::KernelRows(_) => "卷積核高度".to_owned(),
                Field::KernelCols(_) => "卷積核寬度".to_owned(),
                Field::Stride(_, a) => format!("步幅（{}）", noun(a)),
                Field::Padding(_, a) => format!("填充（{}）", noun(a)),
                Field::Dilation(_, a) => format!("膨脹（{}）", noun(a)),
                Field::PoolSize(_, a) => format!("匯聚窗口（{}）", noun(a)),
                Field::InputChannels => "輸入通道數".to_owned(),
                Field::OutChannels(_) => "輸出通道數".to_owned(),
                Field::Groups(_) => "分組數".to_owned(),
            };
            format!("{what}必須是{min}到{max}之間的整數")
        }
        EditError::NoLearning => "這個場景沒有在學習卷積核".to_owned(),
        EditError::BadRate { shown } => format!("{shown}不是學習率：它必須大於0，例如0.03"),
        EditError::OutputComputed => "輸出是計算出來的，不能手動輸入".to_owned(),
        EditError::PaddingCell => "填充方格的值始終為0".to_owned(),
        EditError::NoLayer(l) => format!("不存在第{}層", l.get()),
        EditError::NotConv(l) => format!("第{}層是匯聚層：它沒有卷積核", l.get()),
        EditError::NoPoolWindow => "卷積層沒有匯聚窗口".to_owned(),
        EditError::NoDilation => "匯聚層沒有膨脹".to_owned(),
        EditError::Model(e) => model_error(e),
        EditError::Paste(p) => match p {
            PasteError::Empty => "沒有可貼上的內容".to_owned(),
            PasteError::NotANumber { row, col, text } => {
                format!("未使用貼上的區塊：其中第{row}列、第{col}欄的「{text}」不是數字")
            }
            PasteError::OutOfRange { row, col, text } => {
                format!("未使用貼上的區塊：其中第{row}列、第{col}欄的{text}超出範圍（數值必須在±1,000,000以內）")
            }
            PasteError::Ragged { row, expected, found } => {
                format!("未使用貼上的區塊：它的第{row}列有{found}個值，而第0列有{expected}個")
            }
            PasteError::Unbalanced => "未使用貼上的區塊：括號沒有成對".to_owned(),
            PasteError::TooDeep => "未使用貼上的區塊：括號超過兩層，不是網格".to_owned(),
        },
        EditError::PasteTooLarge { rows, cols, max } => {
            format!("貼上後網格會變成{rows} × {cols}；最大只能是{max} × {max}，因此沒有任何變更")
        }
        EditError::BiasIsOneValue => "偏置只有一個數：請貼上單一數值".to_owned(),
        EditError::BiasPerChannel { out } => {
            format!("這一層有{out}個偏置，每個輸出通道一個：請貼上最多{out}個數值的一欄")
        }
    }
}

//! The words convscope's Chinese tables use, after d2l's Chinese edition: one place, which
//! tests/i18n.rs holds the tables to.
//!
//! The Traditional table follows Taiwan usage: a row is 列 and a column is 欄 (the mainland's
//! 行 and 列), a file is 檔案, a link 連結, undo 復原. Both tables use 窗口 for the window that
//! slides over a map, as d2l does.

/// A term: English, Traditional, Simplified.
pub struct Term {
    /// The English word, as the English table uses it.
    pub en: &'static str,
    /// Traditional Chinese (Taiwan usage).
    pub hant: &'static str,
    /// Simplified Chinese.
    pub hans: &'static str,
}

/// Every term the Chinese tables use.
pub const TERMS: &[Term] = &[
    Term { en: "convolution", hant: "卷積", hans: "卷积" },
    Term { en: "convolution layer", hant: "卷積層", hans: "卷积层" },
    Term { en: "cross-correlation", hant: "互相關運算", hans: "互相关运算" },
    Term { en: "kernel", hant: "卷積核", hans: "卷积核" },
    Term { en: "input", hant: "輸入", hans: "输入" },
    Term { en: "output", hant: "輸出", hans: "输出" },
    Term { en: "feature map", hant: "特徵圖", hans: "特征图" },
    Term { en: "receptive field", hant: "感受野", hans: "感受野" },
    Term { en: "projective field", hant: "投影域", hans: "投影域" },
    Term { en: "padding", hant: "填充", hans: "填充" },
    Term { en: "stride", hant: "步幅", hans: "步幅" },
    Term { en: "dilation", hant: "膨脹", hans: "膨胀" },
    Term { en: "dilated convolution", hant: "空洞卷積", hans: "空洞卷积" },
    Term { en: "pooling", hant: "匯聚", hans: "汇聚" },
    Term { en: "pooling layer", hant: "匯聚層", hans: "汇聚层" },
    Term { en: "pooling (its other name)", hant: "池化", hans: "池化" },
    Term { en: "max pooling", hant: "最大匯聚", hans: "最大汇聚" },
    Term { en: "average pooling", hant: "平均匯聚", hans: "平均汇聚" },
    Term { en: "window", hant: "窗口", hans: "窗口" },
    Term { en: "pooling window", hant: "匯聚窗口", hans: "汇聚窗口" },
    Term { en: "bias", hant: "偏置", hans: "偏置" },
    Term { en: "weight", hant: "權重", hans: "权重" },
    Term { en: "channel", hant: "通道", hans: "通道" },
    Term { en: "layer", hant: "層", hans: "层" },
    Term { en: "step", hant: "步", hans: "步" },
    Term { en: "step through", hant: "逐步檢視", hans: "逐步查看" },
    Term { en: "jump", hant: "跳距", hans: "跳距" },
    Term { en: "effective stride", hant: "有效步幅", hans: "有效步幅" },
    Term { en: "flip", hant: "翻轉", hans: "翻转" },
    Term { en: "2-D", hant: "二維", hans: "二维" },
    Term { en: "height", hant: "高度", hans: "高度" },
    Term { en: "width", hant: "寬度", hans: "宽度" },
    Term { en: "row", hant: "列", hans: "行" },
    Term { en: "column", hant: "欄", hans: "列" },
    Term { en: "depth", hant: "深度", hans: "深度" },
    Term { en: "output shape", hant: "輸出形狀", hans: "输出形状" },
    Term { en: "mode", hant: "模式", hans: "模式" },
    Term { en: "arithmetic", hant: "計算過程", hans: "计算过程" },
    Term { en: "grid", hant: "網格", hans: "网格" },
    Term { en: "cell", hant: "方格", hans: "单元格" },
    Term { en: "stack", hant: "堆疊", hans: "堆叠" },
    Term { en: "scene", hant: "場景", hans: "场景" },
    Term { en: "preset", hant: "預設集", hans: "预设" },
    Term { en: "edge detector", hant: "邊緣偵測", hans: "边缘检测" },
    Term { en: "identity", hant: "恆等", hans: "恒等" },
    Term { en: "box blur", hant: "均值模糊", hans: "均值模糊" },
    Term { en: "sharpen", hant: "銳化", hans: "锐化" },
    Term { en: "Laplacian", hant: "拉普拉斯", hans: "拉普拉斯" },
    Term { en: "undo", hant: "復原", hans: "撤销" },
    Term { en: "redo", hant: "重做", hans: "重做" },
    Term { en: "reset", hant: "重設", hans: "重置" },
    Term { en: "add", hant: "新增", hans: "添加" },
    Term { en: "select", hant: "選取", hans: "选中" },
    Term { en: "speed", hant: "速度", hans: "速度" },
    Term { en: "link", hant: "連結", hans: "链接" },
    Term { en: "clipboard", hant: "剪貼簿", hans: "剪贴板" },
    Term { en: "file", hant: "檔案", hans: "文件" },
    Term { en: "export", hant: "匯出", hans: "导出" },
    Term { en: "import", hant: "匯入", hans: "导入" },
    Term { en: "browser", hant: "瀏覽器", hans: "浏览器" },
    Term { en: "text", hant: "文字", hans: "文本" },
    Term { en: "character", hant: "字元", hans: "字符" },
    Term { en: "field (of the JSON)", hant: "欄位", hans: "字段" },
    Term { en: "object (JSON)", hant: "物件", hans: "对象" },
    Term { en: "list", hant: "清單", hans: "列表" },
    Term { en: "keyboard shortcut", hant: "鍵盤快速鍵", hans: "键盘快捷键" },
    Term { en: "arrows (keys)", hant: "方向鍵", hans: "方向键" },
    Term { en: "Space (key)", hant: "空白鍵", hans: "空格键" },
    Term { en: "learning rate", hant: "學習率", hans: "学习率" },
    Term { en: "loss", hant: "損失", hans: "损失" },
    Term { en: "epoch", hant: "迭代週期", hans: "迭代周期" },
    Term { en: "gradient descent", hant: "梯度下降", hans: "梯度下降" },
    Term { en: "train", hant: "訓練", hans: "训练" },
];

/// Characters that only Simplified script uses (never in zh-Hant text), index-aligned with
/// [`TRADITIONAL_ONLY`].
pub const SIMPLIFIED_ONLY: &[char] = &[
    '积', '层', '输', '设', '图', '征', '权', '计', '个', '这', '数', '键', '链', '复', '汇', '关', '运', '宽', '长',
    '块', '显', '为', '无', '从', '将', '应', '处', '时', '后', '与', '对', '页', '开', '击', '选', '择', '单', '标',
    '动', '态', '扩', '胀', '还', '载', '读', '错', '误', '范', '围', '缩', '减', '区', '视', '觉', '网', '络', '编',
    '辑', '导', '书', '习', '学', '于', '丢', '两', '会', '内', '则', '删', '吗', '响', '场', '实', '弃', '当', '总',
    '换', '断', '暂', '机', '来', '检', '没', '测', '浏', '点', '状', '现', '盘', '确', '离', '称', '类', '组', '终',
    '经', '结', '维', '缘', '观', '览', '认', '记', '许', '该', '请', '负', '贴', '转', '边', '过', '进', '销', '锐',
    '闭', '间', '际', '随', '隐', '须', '预', '侦', '储', '启', '档', '栏', '连', '损', '训', '练', '种', '较', '构',
];

/// Their Traditional forms (never in zh-Hans text): `TRADITIONAL_ONLY[i]` is the Traditional
/// form of `SIMPLIFIED_ONLY[i]`.
pub const TRADITIONAL_ONLY: &[char] = &[
    '積', '層', '輸', '設', '圖', '徵', '權', '計', '個', '這', '數', '鍵', '鏈', '復', '匯', '關', '運', '寬', '長',
    '塊', '顯', '為', '無', '從', '將', '應', '處', '時', '後', '與', '對', '頁', '開', '擊', '選', '擇', '單', '標',
    '動', '態', '擴', '脹', '還', '載', '讀', '錯', '誤', '範', '圍', '縮', '減', '區', '視', '覺', '網', '絡', '編',
    '輯', '導', '書', '習', '學', '於', '丟', '兩', '會', '內', '則', '刪', '嗎', '響', '場', '實', '棄', '當', '總',
    '換', '斷', '暫', '機', '來', '檢', '沒', '測', '瀏', '點', '狀', '現', '盤', '確', '離', '稱', '類', '組', '終',
    '經', '結', '維', '緣', '觀', '覽', '認', '記', '許', '該', '請', '負', '貼', '轉', '邊', '過', '進', '銷', '銳',
    '閉', '間', '際', '隨', '隱', '須', '預', '偵', '儲', '啟', '檔', '欄', '連', '損', '訓', '練', '種', '較', '構',
];

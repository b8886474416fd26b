//! Native tests of the words: no view holds a word of its own (every string a person reads
//! comes from `src/i18n`), and every message the model, the scene and the editor can produce
//! is said in full.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

/// Attributes whose value a person reads or hears.
const READ_ATTRIBUTES: [&str; 7] =
    ["aria-label", "title", "aria-valuetext", "placeholder", "alt", "label", "aria-description"];

/// Literals that look like words but are not UI text: key names shown as such, a function
/// name of the arithmetic's notation, and class names.
const ALLOWED: [&str; 4] = ["Ctrl+Z", "Ctrl+Shift+Z", "max(", "kernel flipped"];

/// A string literal of a source file, with the code just before it.
struct Literal {
    text: String,
    before: String,
    line: usize,
}

/// The string literals of Rust source, skipping comments and char literals.
fn literals(source: &str) -> Vec<Literal> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let line_at = |i: usize| chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            // A char literal ('"', '\'', 'x') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !chars[i.saturating_sub(1)].is_alphanumeric()
        {
            let start = i;
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            j += 1;
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let rest: String = chars[j..].iter().collect();
            let end = rest.find(&close).unwrap_or(rest.len());
            let text: String = rest.chars().take(end).collect();
            let before: String = chars[start.saturating_sub(40)..start].iter().collect();
            out.push(Literal { text, before, line: line_at(start) });
            i = j + end + close.chars().count();
        } else if c == '"' {
            let start = i;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    text.push(ch);
                }
                i += 1;
            }
            i += 1;
            let before: String = chars[start.saturating_sub(40)..start].iter().collect();
            out.push(Literal { text, before, line: line_at(start) });
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a string has two words of two or more Latin letters in a row, outside `{…}`
/// placeholders and `[…]` selectors: a phrase, not an id or a class.
fn has_phrase(text: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0i32;
    for ch in text.chars() {
        match ch {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ if depth == 0 => plain.push(ch),
            _ => plain.push(' '),
        }
    }
    let words: Vec<bool> = plain
        .split(|c: char| c.is_whitespace() || ",.:;!?()".contains(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars().filter(char::is_ascii_alphabetic).count() >= 2
                && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
        })
        .collect();
    words.windows(2).any(|pair| pair[0] && pair[1])
}

/// Whether a string has a word of two or more letters (Latin letters side by side, not one-letter
/// symbols such as the k, s, d of a formula).
fn has_word(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 2)
}

/// Why a literal is UI text that should be in the table, if it is.
fn problem(lit: &Literal) -> Option<&'static str> {
    let text = lit.text.as_str();
    if ALLOWED.contains(&text) || text.is_empty() {
        return None;
    }
    let before = lit.before.trim_end();
    if text.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)) {
        return Some("Chinese text in a view");
    }
    let attribute = before.strip_suffix('=').map(str::trim_end);
    if let Some(attribute) = attribute {
        let name = attribute.rsplit(|c: char| c.is_whitespace() || c == '<').next().unwrap_or("");
        if name == "class" {
            return None;
        }
        if READ_ATTRIBUTES.contains(&name) && text.chars().any(char::is_alphabetic) {
            return Some("a read attribute written in the view");
        }
    }
    // A text node of `html!`: `{ "…" }` right after a tag or another block. (A Rust block,
    // `if x { "a" }` or `match k { "Enter" => … }`, follows a word or a parenthesis.)
    let text_node = before.strip_suffix('{').map(str::trim_end).is_some_and(|b| b.ends_with('>') || b.ends_with('}'));
    if text_node && has_word(text) {
        return Some("text written in the view");
    }
    if before.ends_with("classes!(") {
        return None;
    }
    if has_phrase(text) {
        return Some("a phrase written in the view");
    }
    None
}

#[test]
fn no_view_holds_a_word_of_its_own() {
    let mut found = Vec::new();
    let mut files = 0;
    for dir in ["src/components", "src/web.rs"] {
        let paths: Vec<std::path::PathBuf> = if dir.ends_with(".rs") {
            vec![dir.into()]
        } else {
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect()
        };
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
            files += 1;
            let source = fs::read_to_string(&path).unwrap();
            for lit in literals(&source) {
                if let Some(why) = problem(&lit) {
                    found.push(format!("{}:{}: {why}: {:?}", path.display(), lit.line, lit.text));
                }
            }
        }
    }
    assert!(files >= 15, "the views were read ({files} files)");
    assert!(found.is_empty(), "UI text belongs in src/i18n:\n{}", found.join("\n"));
}

#[test]
fn the_scanner_catches_what_it_is_for() {
    let source = r##"
        html! { <div role="group" aria-label="Step controls" class="step-controls two words">{ "Play" }{ " + " }{ " (n + 2p) / s" }</div> }
        let on = if open { "true" } else { "false" }; match key { "Enter" => 1 }
        let label = format!("{}, row {r}, column {c}", props.label);
        let id = format!("layer-{l}-up");
        let selector = format!("td[data-row=\"{r}\"][data-col=\"{c}\"]");
        // a comment with "Quoted words" in it
        let c = '"'; let s = "卷积";
    "##;
    let flagged: Vec<String> =
        literals(source).iter().filter(|l| problem(l).is_some()).map(|l| l.text.clone()).collect();
    assert_eq!(flagged, vec!["Step controls", "Play", "{}, row {r}, column {c}", "卷积"]);
}

use convscope::i18n::glossary::{SIMPLIFIED_ONLY, TERMS, TRADITIONAL_ONLY};
use convscope::i18n::{choose, query_param, Lang, Strings, EN, ZH_HANS, ZH_HANT};
use convscope::model::{Axis, GridError, ModelError, WindowKind};
use convscope::state::edit::{EditError, Field};
use convscope::state::paste::PasteError;
use convscope::state::scene::{Base64Problem, PairName, Place, Problem};
use convscope::state::{LayerId, SceneError};

#[test]
fn the_language_is_chosen_by_query_then_saved_then_browser() {
    let browser = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(choose(Some("zh-Hant"), Some("zh-Hans"), &browser(&["en-US"])), Lang::ZhHant);
    assert_eq!(choose(Some("ZH-HANS"), None, &[]), Lang::ZhHans, "letter case aside");
    assert_eq!(choose(Some("fr"), Some("zh-Hant"), &[]), Lang::ZhHant, "an unknown query is passed over");
    assert_eq!(choose(None, Some("en"), &browser(&["zh-TW"])), Lang::En);
    assert_eq!(choose(None, Some("klingon"), &browser(&["fr-FR", "zh-TW", "en"])), Lang::ZhHant);
    for (tag, lang) in [
        ("zh-TW", Lang::ZhHant),
        ("zh-HK", Lang::ZhHant),
        ("zh-MO", Lang::ZhHant),
        ("zh-Hant", Lang::ZhHant),
        ("zh-Hant-TW", Lang::ZhHant),
        ("zh-CN", Lang::ZhHans),
        ("zh-SG", Lang::ZhHans),
        ("zh", Lang::ZhHans),
        ("zh-Hans", Lang::ZhHans),
        ("zh-Hans-HK", Lang::ZhHans),
        ("en", Lang::En),
        ("en-GB", Lang::En),
    ] {
        assert_eq!(choose(None, None, &browser(&["de", tag, "en"])), lang, "{tag}");
    }
    assert_eq!(choose(None, None, &browser(&["de", "fr"])), Lang::En, "else English");
    assert_eq!(query_param("?x=1&lang=zh-Hans", "lang"), Some("zh-Hans"));
    assert_eq!(query_param("lang=en", "lang"), Some("en"));
    assert_eq!(query_param("?language=en", "lang"), None);
    for l in Lang::ALL {
        assert_eq!(Lang::from_code(l.code()), Some(l));
        assert_eq!(l.strings().lang, l.code());
    }
    assert_eq!(Lang::ALL.map(Lang::code), ["en", "zh-Hant", "zh-Hans"]);
}

/// Every message a table can say, with sample numbers: the static words and the sentences.
fn everything_said(t: &Strings) -> Vec<String> {
    let l1 = LayerId::FIRST;
    let mut out: Vec<String> = [
        t.doc_title,
        t.doc_description,
        t.pooling_note,
        t.tagline,
        t.input,
        t.kernel,
        t.kernel_applied,
        t.output,
        t.bias,
        t.stride,
        t.padding,
        t.dilation,
        t.height,
        t.width,
        t.rows,
        t.cols,
        t.mode,
        t.mode_cross_correlation,
        t.mode_convolution,
        t.max_pool,
        t.avg_pool,
        t.window,
        t.scene_not_opened,
        t.padding_legend,
        t.legend_negative,
        t.legend_zero,
        t.legend_positive,
        t.legend_window,
        t.legend_current,
        t.legend_rf,
        t.legend_pf,
        t.play,
        t.pause,
        t.step_forward,
        t.step_back,
        t.first_step,
        t.last_step,
        t.scrubber,
        t.speed,
        t.shortcuts,
        t.show_shortcuts,
        t.close,
        t.presets,
        t.randomize,
        t.clear,
        t.arithmetic,
        t.output_shape,
        t.flip_explained,
        t.no_steps,
        t.step_this_layer,
        t.active_layer,
        t.bounds_note,
        t.add_conv,
        t.add_max_pool,
        t.add_avg_pool,
        t.add_layer,
        t.stack_full,
        t.receptive_fields,
        t.rf_hint,
        t.rf_caption,
        t.rf_plot_caption,
        t.apply_shrink,
        t.no_layers,
        t.undo,
        t.redo,
        t.copy_link,
        t.export,
        t.import,
        t.reset,
        t.reset_question,
        t.reset_confirm,
        t.cancel,
        t.link_copied,
        t.link_not_copied,
        t.exported,
        t.scene_actions,
        t.drop_hint,
        t.file_not_opened,
        t.saved_not_restored,
        t.step_controls,
        t.padding_cell,
        t.padding_ignored_note,
        t.skip_to_maps,
        t.present,
        t.leave_present,
        t.present_hint,
        t.zoom,
        t.zoom_in,
        t.zoom_out,
        t.zoom_fit,
        t.legend,
        t.legend_linked,
        t.legend_selected,
        t.kernel_flipped,
        t.settings,
        t.view_dropped,
        t.rf_group_layer,
        t.rf_group_input,
        t.rf_group_selected,
        t.rf_explained,
        t.share,
        t.scan_hint,
        t.qr_label,
        t.qr_too_long,
    ]
    .map(str::to_owned)
    .to_vec();
    out.extend(t.rf_columns.iter().flat_map(|(a, b)| [a.to_string(), b.to_string()]));
    out.extend(t.shortcut_list.iter().flat_map(|(a, b)| [a.to_string(), b.to_string()]));
    out.extend(t.preset_names.iter().map(|p| p.to_string()));
    out.extend([
        (t.step_status)(3, 4, 1, 0, "37"),
        (t.speed_text)(1.0),
        (t.speed_text)(0.25),
        (t.layer_tools)(2),
        (t.move_up)(2),
        (t.move_down)(2),
        (t.duplicate)(2),
        (t.remove)(2),
        (t.rf_plot_summary)("1, 2", "1, 3"),
        (t.depth_point)(2, 5),
        (t.arithmetic_heading)(1, 0, 1),
        (t.conv_title)(1, t.mode_convolution),
        (t.pool_title)(2, t.max_pool),
        (t.layer_part)(1, t.kernel),
        (t.sized)(t.input, 3, 3),
        (t.kernel_sized)(2, 2),
        (t.grid_label)(t.input, 3, 3),
        (t.cell_name)(t.input, 1, 2),
        (t.axis_formula)(t.height, "⌊(3 + 2×0 − 1×(2 − 1) − 1) / 1⌋ + 1 = 2"),
    ]);
    let model_errors = [
        ModelError::Grid(GridError::Empty),
        ModelError::Grid(GridError::Ragged { row: 1, expected: 2, found: 1 }),
        ModelError::Grid(GridError::NotFinite { row: 0, col: 1 }),
        ModelError::Grid(GridError::OutOfRange { row: 5, col: 5 }),
        ModelError::Grid(GridError::TooLarge),
        ModelError::ZeroStride { axis: Axis::Rows },
        ModelError::ZeroDilation { axis: Axis::Cols },
        ModelError::ZeroWindow { axis: Axis::Rows },
        ModelError::PoolPaddingTooLarge { axis: Axis::Cols, padding: 2, size: 2 },
        ModelError::WindowDoesNotFit {
            kind: WindowKind::Kernel,
            axis: Axis::Cols,
            size: 5,
            dilation: 1,
            span: 5,
            input: 3,
            padding: 0,
        },
        ModelError::WindowDoesNotFit {
            kind: WindowKind::Pool,
            axis: Axis::Rows,
            size: 3,
            dilation: 2,
            span: 5,
            input: 3,
            padding: 0,
        },
        ModelError::Overflow,
        ModelError::ResultOverflow,
        ModelError::Upstream { layer: 1 },
        ModelError::TooManyCells { channels: 1, rows: 160, cols: 160, max: 200000 },
    ];
    for e in &model_errors {
        out.push((t.model_error)(e));
        out.push((t.layer_error)(2, e));
    }
    let problems = [
        Problem::NotObject,
        Problem::MissingInput,
        Problem::NotLayerList,
        Problem::TooManyLayers { count: 17, max: 16 },
        Problem::NotRows,
        Problem::TooLarge { rows: 65, cols: 3, max: 64 },
        Problem::ValueOutOfRange { value: 2e6, row: 0, col: 0 },
        Problem::Grid(GridError::Empty),
        Problem::Model(ModelError::ZeroStride { axis: Axis::Rows }),
        Problem::MissingType,
        Problem::UnknownType("7".into()),
        Problem::MissingKernel,
        Problem::MissingSize,
        Problem::NotPair,
        Problem::BiasNotNumber,
        Problem::BiasOutOfRange(2e6),
        Problem::BadMode,
        Problem::PairTooSmall { name: PairName::Stride, axis: Axis::Rows, min: 1, got: 0 },
        Problem::PairTooLarge { name: PairName::Size, axis: Axis::Cols, max: 16, got: 17 },
    ];
    let places = [Place::Scene, Place::Input, Place::Layers, Place::Layer(l1), Place::Kernel(l1)];
    for (i, problem) in problems.into_iter().enumerate() {
        let at = places[i % places.len()];
        out.push((t.scene_error)(&SceneError::Invalid { at, problem }));
    }
    for e in [
        SceneError::TooLong { len: 300000, max: 262144 },
        SceneError::Base64(Base64Problem::InvalidByte { offset: 0, byte: '%' }),
        SceneError::Base64(Base64Problem::CutShort),
        SceneError::Base64(Base64Problem::Padding),
        SceneError::NotUtf8,
        SceneError::Unreadable,
        SceneError::UnknownVersion("7".into()),
    ] {
        out.push((t.scene_error)(&e));
    }
    for e in [
        EditError::Empty,
        EditError::NotANumber { shown: "--".into() },
        EditError::OutOfRange { shown: "1e999".into() },
        EditError::FieldRange { field: Field::Stride(l1, Axis::Rows), min: 1, max: 16 },
        EditError::FieldRange { field: Field::InputCols, min: 1, max: 64 },
        EditError::FieldRange { field: Field::KernelRows(l1), min: 1, max: 16 },
        EditError::FieldRange { field: Field::Padding(l1, Axis::Cols), min: 0, max: 16 },
        EditError::FieldRange { field: Field::Dilation(l1, Axis::Rows), min: 1, max: 16 },
        EditError::FieldRange { field: Field::PoolSize(l1, Axis::Cols), min: 1, max: 16 },
        EditError::OutputComputed,
        EditError::PaddingCell,
        EditError::NoLayer(l1),
        EditError::NotConv(l1),
        EditError::NoPoolWindow,
        EditError::NoDilation,
        EditError::Model(ModelError::Overflow),
        EditError::Paste(PasteError::Empty),
        EditError::Paste(PasteError::NotANumber { row: 1, col: 2, text: "--".into() }),
        EditError::Paste(PasteError::OutOfRange { row: 0, col: 3, text: "1e9".into() }),
        EditError::Paste(PasteError::Ragged { row: 1, expected: 3, found: 2 }),
        EditError::Paste(PasteError::Unbalanced),
        EditError::Paste(PasteError::TooDeep),
        EditError::PasteTooLarge { rows: 65, cols: 8, max: 64 },
        EditError::BiasIsOneValue,
    ] {
        out.push((t.edit_error)(&e));
    }
    out
}

/// Latin words a Chinese table may say: names, key names, format tokens, math.
const LATIN_ALLOWED: [&str; 40] = [
    "QR",
    "Page",
    "Up",
    "Down",
    "Alt",
    "Python",
    "convscope",
    "d2l",
    "Sobel",
    "x",
    "y",
    "Language",
    "Ctrl",
    "Shift",
    "Z",
    "Y",
    "Enter",
    "Home",
    "End",
    "F2",
    "Esc",
    "Tab",
    "json",
    "JSON",
    "UTF",
    "base64url",
    "localStorage",
    "scene",
    "unreadable",
    "input",
    "conv",
    "max",
    "pool",
    "avg",
    "kernel",
    "size",
    "type",
    "bias",
    "mode",
    "1e999",
];

#[test]
fn every_table_says_everything_in_its_own_script() {
    let en = everything_said(&EN);
    assert!(en.iter().all(|s| !s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))), "no CJK in English");
    for (name, t, foreign) in [("zh-Hant", &ZH_HANT, SIMPLIFIED_ONLY), ("zh-Hans", &ZH_HANS, TRADITIONAL_ONLY)] {
        let said = everything_said(t);
        assert_eq!(said.len(), en.len());
        for s in &said {
            if let Some(c) = s.chars().find(|c| foreign.contains(c)) {
                panic!("{name}: {c:?} is the other script's, in {s:?}");
            }
            let words = s.split(|c: char| !c.is_ascii_alphanumeric());
            for word in words.filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2) {
                let allowed = LATIN_ALLOWED.contains(&word)
                    || ["cross", "correlation", "convolution", "pool", "avg"].contains(&word) && s.contains('"');
                assert!(allowed, "{name}: the English word {word:?} in {s:?}");
            }
        }
        // Numbers survive translation: every number English says, the table says too.
        for (en_s, zh_s) in en.iter().zip(&said) {
            let numbers = |s: &str| -> Vec<String> {
                let mut v: Vec<String> =
                    s.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).map(str::to_owned).collect();
                v.sort();
                v.dedup();
                v
            };
            for n in numbers(en_s) {
                assert!(
                    numbers(zh_s).contains(&n) || en_s.contains("2-D"),
                    "{name}: {n} lost from {en_s:?} in {zh_s:?}"
                );
            }
        }
    }
}

#[test]
fn the_glossary_is_consistent_and_the_tables_use_it() {
    assert_eq!(SIMPLIFIED_ONLY.len(), TRADITIONAL_ONLY.len());
    for (s, t) in SIMPLIFIED_ONLY.iter().zip(TRADITIONAL_ONLY) {
        assert_ne!(s, t);
    }
    for term in TERMS {
        assert!(!term.hant.chars().any(|c| SIMPLIFIED_ONLY.contains(&c)), "{}", term.hant);
        assert!(!term.hans.chars().any(|c| TRADITIONAL_ONLY.contains(&c)), "{}", term.hans);
    }
    let term = |en: &str| TERMS.iter().find(|t| t.en == en).unwrap_or_else(|| panic!("no term {en:?}"));
    // The words that name the concepts of the chapter are the glossary's, in both scripts.
    for (t, pick) in [(&ZH_HANT, 0), (&ZH_HANS, 1)] {
        let word = |en: &str| if pick == 0 { term(en).hant } else { term(en).hans };
        for (field, en) in [
            (t.input, "input"),
            (t.output, "output"),
            (t.kernel, "kernel"),
            (t.bias, "bias"),
            (t.stride, "stride"),
            (t.padding, "padding"),
            (t.dilation, "dilation"),
            (t.mode_cross_correlation, "cross-correlation"),
            (t.max_pool, "max pooling"),
            (t.avg_pool, "average pooling"),
            (t.receptive_fields, "receptive field"),
            (t.legend_rf, "receptive field"),
            (t.legend_pf, "projective field"),
            (t.undo, "undo"),
            (t.redo, "redo"),
            (t.legend_window, "window"),
        ] {
            assert!(field.contains(word(en)), "{} should say {:?} for {en}: {field:?}", t.lang, word(en));
        }
        assert!(t.pooling_note.contains(word("pooling layer")) && t.pooling_note.contains("池化"));
    }
}

/// The glossary's character lists, as the end-to-end tests read them (tests/e2e/glossary.json).
fn glossary_json() -> String {
    let list = |chars: &[char]| chars.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    format!(
        "{{\n  \"simplified_only\": [{}],\n  \"traditional_only\": [{}]\n}}\n",
        list(SIMPLIFIED_ONLY),
        list(TRADITIONAL_ONLY)
    )
}

#[test]
fn the_end_to_end_tests_read_the_same_glossary() {
    let path = "tests/e2e/glossary.json";
    if std::env::var_os("CONVSCOPE_WRITE_GLOSSARY").is_some() {
        fs::write(path, glossary_json()).unwrap();
    }
    let on_disk = fs::read_to_string(path).unwrap_or_default();
    assert!(on_disk == glossary_json(), "{path} is out of date: run CONVSCOPE_WRITE_GLOSSARY=1 cargo test --test i18n");
}

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

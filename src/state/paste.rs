//! Reading a pasted block of numbers: what a spreadsheet copies (rows on lines, values between
//! tabs, commas or spaces), or a nested list as Python, JSON, NumPy or a printed PyTorch tensor
//! writes it (`[[0, 1], [2, 3]]`, `tensor([[0., 1.], [2., 3.]])`). A student rebuilding d2l's
//! examples pastes them instead of typing 48 cells. The block must be rectangular; any value
//! that is not a number in bounds refuses the whole block, saying where. One pass over the
//! text, no recursion: a megabyte of anything is read or refused at once.

/// The largest magnitude a value may have (the app's bound on every number).
const BOUND: f64 = 1_000_000.0;

/// A pasted block: rows of numbers, rectangular and non-empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The rows, each the same length (at least one row of at least one value).
    pub rows: Vec<Vec<f64>>,
}

impl Block {
    /// Number of rows.
    pub fn height(&self) -> usize {
        self.rows.len()
    }
    /// Number of columns.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }
}

/// Why pasted text is not a block of numbers. Rows and columns count from 0, as the app's
/// `data-row`/`data-col` do.
#[derive(Clone, Debug, PartialEq)]
pub enum PasteError {
    /// Nothing but white space.
    Empty,
    /// A value that is not a number: where, and the text as pasted (at most 24 characters,
    /// longer text cut to its first 20 followed by "…").
    NotANumber { row: usize, col: usize, text: String },
    /// A number beyond ±1,000,000 (or infinite).
    OutOfRange { row: usize, col: usize, text: String },
    /// A row whose length differs from the first row's.
    Ragged { row: usize, expected: usize, found: usize },
    /// Brackets that do not close, or close without opening (also: values standing beside the
    /// bracketed rows of a list, or a second list after the first).
    Unbalanced,
    /// More than two levels of brackets: not a grid.
    TooDeep,
}

/// Reads pasted text as a block of numbers.
pub fn parse_block(text: &str) -> Result<Block, PasteError> {
    if text.trim().is_empty() {
        return Err(PasteError::Empty);
    }
    let rows = if text.contains(['[', ']']) { bracketed_rows(text)? } else { delimited_rows(text) };
    let mut out: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.into_iter().enumerate() {
        let numbers = row.into_iter().enumerate().map(|(c, raw)| number(raw, r, c)).collect::<Result<Vec<f64>, _>>()?;
        if let Some(first) = out.first() {
            if numbers.len() != first.len() {
                return Err(PasteError::Ragged { row: r, expected: first.len(), found: numbers.len() });
            }
        }
        out.push(numbers);
    }
    if out.first().is_none_or(Vec::is_empty) {
        return Err(PasteError::Empty);
    }
    Ok(Block { rows: out })
}

/// Rows of a spreadsheet's text: lines (ended by `\n`, `\r\n` or `\r`), split at tabs if the
/// text has any, else at commas if it has any, else at runs of white space. Blank lines at the
/// start and the end are passed over; a blank line between rows is a row (and so refused).
fn delimited_rows(text: &str) -> Vec<Vec<&str>> {
    let mut lines: Vec<&str> = text
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .skip_while(|line| line.trim().is_empty())
        .collect();
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let separator = if text.contains('\t') {
        Some('\t')
    } else if text.contains(',') {
        Some(',')
    } else {
        None
    };
    lines.into_iter().map(|line| cells(line, separator)).collect()
}

/// The values of one line: split at `separator` and trimmed, or split at runs of white space.
fn cells(line: &str, separator: Option<char>) -> Vec<&str> {
    match separator {
        Some(sep) => line.split(sep).map(str::trim).collect(),
        None => line.split_whitespace().collect(),
    }
}

/// Rows of a nested list: each innermost bracketed group is a row (a flat list is one row);
/// values within it are separated by commas and/or white space. What stands before the first
/// `[` and after its matching `]` (`tensor(`, `array(`, `, dtype=…)`) is passed over, unless it
/// holds a bracket. Brackets three deep are refused as soon as they are seen.
fn bracketed_rows(text: &str) -> Result<Vec<Vec<&str>>, PasteError> {
    let start = text.find('[').ok_or(PasteError::Unbalanced)?;
    let before = text.get(..start).ok_or(PasteError::Unbalanced)?;
    let list = text.get(start..).ok_or(PasteError::Unbalanced)?;
    if before.contains(']') {
        return Err(PasteError::Unbalanced);
    }
    // `list` starts with `[`, so within the loop the depth is 1 or 2 until the outer `]`.
    let mut depth = 0usize;
    let mut row_start = 0usize;
    let mut rows = Vec::new();
    let mut stray = false;
    let mut end = None;
    for (i, ch) in list.char_indices() {
        match ch {
            '[' if depth >= 2 => return Err(PasteError::TooDeep),
            '[' => {
                depth += 1;
                row_start = i + 1;
            }
            ']' if depth >= 2 => {
                depth = 1;
                rows.push(values(list.get(row_start..i).ok_or(PasteError::Unbalanced)?));
            }
            ']' => {
                end = Some(i);
                break;
            }
            c if depth == 1 && c != ',' && !c.is_whitespace() => stray = true,
            _ => {}
        }
    }
    let end = end.ok_or(PasteError::Unbalanced)?;
    let after = list.get(end + 1..).ok_or(PasteError::Unbalanced)?;
    if after.contains(['[', ']']) {
        return Err(PasteError::Unbalanced);
    }
    if rows.is_empty() {
        return Ok(vec![values(list.get(1..end).ok_or(PasteError::Unbalanced)?)]);
    }
    if stray {
        return Err(PasteError::Unbalanced);
    }
    Ok(rows)
}

/// The values of one row of a list: separated by commas and/or white space.
fn values(s: &str) -> Vec<&str> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|v| !v.is_empty()).collect()
}

/// One value: a finite decimal within ±1,000,000 (a typographic minus and `0.` accepted).
fn number(raw: &str, row: usize, col: usize) -> Result<f64, PasteError> {
    let raw = raw.trim();
    let shown = || {
        if raw.chars().nth(24).is_none() {
            raw.to_owned()
        } else {
            format!("{}…", raw.chars().take(20).collect::<String>())
        }
    };
    let v: f64 =
        super::edit::ascii_number(raw).parse().map_err(|_| PasteError::NotANumber { row, col, text: shown() })?;
    if v.is_nan() {
        return Err(PasteError::NotANumber { row, col, text: shown() });
    }
    if v.abs() > BOUND {
        return Err(PasteError::OutOfRange { row, col, text: shown() });
    }
    Ok(v)
}

//! Reading a pasted block of numbers: what a spreadsheet copies (rows on lines, values between
//! tabs, commas or spaces), or a nested list as Python, JSON, NumPy or a printed PyTorch tensor
//! writes it (`[[0, 1], [2, 3]]`, `tensor([[0., 1.], [2., 3.]])`). A student rebuilding d2l's
//! examples pastes them instead of typing 48 cells. The block must be rectangular; any value
//! that is not a number in bounds refuses the whole block, saying where.

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
    /// A value that is not a number: where, and the text as pasted (shortened).
    NotANumber { row: usize, col: usize, text: String },
    /// A number beyond ±1,000,000.
    OutOfRange { row: usize, col: usize, text: String },
    /// A row whose length differs from the first row's.
    Ragged { row: usize, expected: usize, found: usize },
    /// Brackets that do not close, or close without opening.
    Unbalanced,
    /// More than two levels of brackets: not a grid.
    TooDeep,
}

/// Reads pasted text as a block of numbers.
pub fn parse_block(text: &str) -> Result<Block, PasteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PasteError::Empty);
    }
    let rows: Vec<Vec<&str>> = if text.contains('[') { bracketed_rows(text)? } else { delimited_rows(text) };
    let mut out: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut values = Vec::with_capacity(row.len());
        for (c, raw) in row.iter().enumerate() {
            values.push(number(raw, r, c)?);
        }
        if let Some(first) = out.first() {
            if values.len() != first.len() {
                return Err(PasteError::Ragged { row: r, expected: first.len(), found: values.len() });
            }
        }
        out.push(values);
    }
    if out.first().is_none_or(Vec::is_empty) {
        return Err(PasteError::Empty);
    }
    Ok(Block { rows: out })
}

/// Rows of a spreadsheet's text: lines, split at tabs if there are any, else at commas if there
/// are any, else at runs of spaces. Blank lines are passed over.
fn delimited_rows(text: &str) -> Vec<Vec<&str>> {
    let lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty());
    if text.contains('\t') {
        lines.map(|l| l.split('\t').map(str::trim).collect()).collect()
    } else if text.contains(',') {
        lines.map(|l| l.split(',').map(str::trim).collect()).collect()
    } else {
        lines.map(|l| l.split_whitespace().collect()).collect()
    }
}

/// Rows of a nested list: each innermost bracketed group is a row (a flat list is one row);
/// values within it are separated by commas and/or white space. What stands around the
/// outermost brackets (`tensor(`, `array(`, `, dtype=…)`) is passed over.
fn bracketed_rows(text: &str) -> Result<Vec<Vec<&str>>, PasteError> {
    let start = text.find('[').ok_or(PasteError::Unbalanced)?;
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut end = None;
    for (i, ch) in text.char_indices().skip_while(|&(i, _)| i < start) {
        match ch {
            '[' => {
                depth += 1;
                deepest = deepest.max(depth);
                if depth > 2 {
                    return Err(PasteError::TooDeep);
                }
            }
            ']' => {
                depth = depth.checked_sub(1).ok_or(PasteError::Unbalanced)?;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let end = end.ok_or(PasteError::Unbalanced)?;
    let inner = text.get(start + 1..end).ok_or(PasteError::Unbalanced)?;
    if deepest == 1 {
        return Ok(vec![values(inner)]);
    }
    let mut rows = Vec::new();
    let mut rest = inner;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).ok_or(PasteError::Unbalanced)?;
        let close = after.find(']').ok_or(PasteError::Unbalanced)?;
        rows.push(values(after.get(..close).ok_or(PasteError::Unbalanced)?));
        rest = after.get(close + 1..).ok_or(PasteError::Unbalanced)?;
    }
    Ok(rows)
}

/// The values of one row of a list: separated by commas and/or white space.
fn values(s: &str) -> Vec<&str> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|v| !v.is_empty()).collect()
}

/// One value: a finite decimal within ±1,000,000 (a typographic minus and `0.` accepted).
fn number(raw: &str, row: usize, col: usize) -> Result<f64, PasteError> {
    let cleaned = raw.trim().replace('\u{2212}', "-");
    let shown = || {
        let t = raw.trim();
        if t.chars().count() <= 24 {
            t.to_owned()
        } else {
            format!("{}…", t.chars().take(20).collect::<String>())
        }
    };
    let v: f64 = cleaned.parse().map_err(|_| PasteError::NotANumber { row, col, text: shown() })?;
    if v.is_nan() {
        return Err(PasteError::NotANumber { row, col, text: shown() });
    }
    if !v.is_finite() || v.abs() > 1e6 {
        return Err(PasteError::OutOfRange { row, col, text: shown() });
    }
    Ok(v)
}

//! A rectangular grid of finite numbers: the input, every kernel and every feature map.
//!
//! The invariants (at least one row and one column, every row the same length, every value
//! finite) are checked once, in the constructors, so the rest of the model can index a `Grid`
//! without re-checking. Reads go through [`Grid::get`], which returns an `Option` instead of
//! panicking, because a cell coordinate often comes from a user.

use super::error::GridError;

/// A non-empty, rectangular grid of finite `f64`, stored row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    rows: usize,
    cols: usize,
    cells: Vec<f64>,
}

impl Default for Grid {
    /// A 1×1 grid holding 0.
    fn default() -> Grid {
        Grid { rows: 1, cols: 1, cells: vec![0.0] }
    }
}

impl Grid {
    /// Builds a grid from rows of values, checking that it is non-empty, rectangular and finite.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Grid, GridError> {
        let first = rows.first().ok_or(GridError::Empty)?;
        let cols = first.len();
        if cols == 0 {
            return Err(GridError::Empty);
        }
        let mut cells = Vec::with_capacity(rows.len().saturating_mul(cols));
        for (r, row) in rows.iter().enumerate() {
            if row.len() != cols {
                return Err(GridError::Ragged { row: r, expected: cols, found: row.len() });
            }
            for (c, &v) in row.iter().enumerate() {
                if !v.is_finite() {
                    return Err(GridError::NotFinite { row: r, col: c });
                }
                cells.push(v);
            }
        }
        Ok(Grid { rows: rows.len(), cols, cells })
    }

    /// Builds a `rows × cols` grid whose cell `(r, c)` is `f(r, c)`.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> f64) -> Result<Grid, GridError> {
        if rows == 0 || cols == 0 {
            return Err(GridError::Empty);
        }
        let len = rows.checked_mul(cols).ok_or(GridError::TooLarge)?;
        let mut cells = Vec::with_capacity(len);
        for r in 0..rows {
            for c in 0..cols {
                let v = f(r, c);
                if !v.is_finite() {
                    return Err(GridError::NotFinite { row: r, col: c });
                }
                cells.push(v);
            }
        }
        Ok(Grid { rows, cols, cells })
    }

    /// A `rows × cols` grid of `cells` in row-major order; fails unless there are exactly that
    /// many, all finite.
    pub fn from_values(rows: usize, cols: usize, cells: Vec<f64>) -> Result<Grid, GridError> {
        if rows == 0 || cols == 0 {
            return Err(GridError::Empty);
        }
        if rows.checked_mul(cols) != Some(cells.len()) {
            return Err(GridError::TooLarge);
        }
        if let Some(i) = cells.iter().position(|v| !v.is_finite()) {
            return Err(GridError::NotFinite { row: i / cols, col: i % cols });
        }
        Ok(Grid { rows, cols, cells })
    }

    /// A `rows × cols` grid holding `value` everywhere.
    pub fn filled(rows: usize, cols: usize, value: f64) -> Result<Grid, GridError> {
        Grid::from_fn(rows, cols, |_, _| value)
    }

    /// Number of rows (at least 1).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (at least 1).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The value at `(row, col)`, or `None` outside the grid.
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        if row >= self.rows || col >= self.cols {
            return None;
        }
        self.cells.get(row * self.cols + col).copied()
    }

    /// The value at a signed coordinate, or `None` outside the grid (for example in padding).
    pub fn get_signed(&self, row: isize, col: isize) -> Option<f64> {
        let row = usize::try_from(row).ok()?;
        let col = usize::try_from(col).ok()?;
        self.get(row, col)
    }

    /// The cells in row-major order.
    pub fn values(&self) -> &[f64] {
        &self.cells
    }

    /// The grid as nested rows, the shape the scene format uses.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.cells.chunks(self.cols).map(<[f64]>::to_vec).collect()
    }

    /// The grid turned half a turn: flipped left-right and up-down. Convolution applies the
    /// kernel this way round.
    pub fn flipped(&self) -> Grid {
        let mut cells = self.cells.clone();
        cells.reverse();
        Grid { rows: self.rows, cols: self.cols, cells }
    }

    /// A copy with the cell at `(row, col)` set to `value`.
    pub fn with_value(&self, row: usize, col: usize, value: f64) -> Result<Grid, GridError> {
        if !value.is_finite() {
            return Err(GridError::NotFinite { row, col });
        }
        if row >= self.rows || col >= self.cols {
            return Err(GridError::OutOfRange { row, col });
        }
        let mut next = self.clone();
        if let Some(cell) = next.cells.get_mut(row * self.cols + col) {
            *cell = value;
        }
        Ok(next)
    }
}

/// Formats a value as the shortest decimal that reads back as the same `f64` ("19", "-1.5",
/// "0.1"), with negative zero written "0". This is the text of every `data-value`.
pub fn format_value(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    // Like JavaScript: positional from 1e-7 up to 1e21, exponent outside ("1e-320", "1.5e21").
    let magnitude = value.abs();
    if !(1e-7..1e21).contains(&magnitude) {
        return format!("{value:e}");
    }
    format!("{value}")
}

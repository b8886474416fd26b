//! How a value looks in a cell (its short display text and its colour on a diverging scale),
//! and the icons of the buttons.
//!
//! Zero is neutral, negatives blue, positives orange, stronger with magnitude relative to the
//! largest magnitude in the same grid. Lightness never drops below 62 %, where dark text keeps a
//! contrast ratio above 6:1 on both hues, so every number stays readable.

use yew::prelude::*;

use crate::model::Grid;

/// The value as shown in a cell: integers as they are, others rounded to at most 3 decimals.
/// The exact value is in the cell's `data-value`.
pub fn display_value(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    if v.fract() == 0.0 && v.abs() < 1e9 {
        return format!("{v}");
    }
    if v.abs() >= 1e9 || v.abs() < 1e-3 {
        return format!("{v:.2e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// The largest magnitude in a grid (at least a tiny positive number, so it can divide).
pub fn scale_of(grid: &Grid) -> f64 {
    grid.values().iter().fold(f64::MIN_POSITIVE, |m, v| m.max(v.abs()))
}

/// Inline style giving `v` its colour on a scale whose extreme is `scale`.
pub fn value_style(v: f64, scale: f64) -> String {
    let t = (v.abs() / scale).clamp(0.0, 1.0);
    if t == 0.0 {
        return "background:hsl(0,0%,97%)".to_owned();
    }
    let hue = if v < 0.0 { 212 } else { 28 };
    let lightness = 96.0 - 34.0 * t;
    format!("background:hsl({hue},85%,{lightness:.0}%)")
}

/// A 24×24 icon drawn from one SVG path, hidden from assistive technology (its button is named).
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

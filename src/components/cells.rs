//! How a value looks in a cell (its short display text and its colour on a diverging scale),
//! and the icons of the buttons.
//!
//! Zero is neutral, negatives blue, positives orange, in ten steps of strength relative to the
//! largest magnitude in the same grid (see `static/style.css`). Lightness never drops below
//! 62 %, where dark text keeps a contrast ratio above 6:1 on both hues, so every number stays
//! readable.

use yew::prelude::*;

use crate::model::Grid;

pub use crate::state::view::{display_value, widest};

/// The colour scale of a grid: its largest magnitude rounded up to 1, 2 or 5 times a power of
/// ten, so that colours stay put while values are edited (and a changed value re-colours its own
/// cell, not the whole map). At least a tiny positive number, so it can divide.
pub fn scale_of(grid: &Grid) -> f64 {
    let max = grid.values().iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if max <= 0.0 || !max.is_finite() {
        return f64::MIN_POSITIVE;
    }
    crate::state::canvas::nice(max)
}

/// How many steps the colour scale has on each side of zero.
pub const COLOR_STEPS: u32 = 10;

/// The class giving `v` its colour on a scale whose extreme is `scale`: `c0` for zero, `p1` …
/// `p10` for positives and `n1` … `n10` for negatives, stronger with magnitude. Classes, not
/// inline styles: the Content-Security-Policy needs no inline style, and cells of one colour
/// share their computed style, so recolouring cells is cheap.
pub fn value_class(v: f64, scale: f64) -> &'static str {
    const POS: [&str; 10] = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"];
    const NEG: [&str; 10] = ["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10"];
    let t = (v.abs() / scale).clamp(0.0, 1.0);
    if t == 0.0 || !t.is_finite() {
        return "c0";
    }
    let step = ((t * f64::from(COLOR_STEPS)).ceil() as usize).clamp(1, 10) - 1;
    let table = if v < 0.0 { &NEG } else { &POS };
    table.get(step).copied().unwrap_or("c0")
}

/// The class giving `v` its grey on a non-negative scale whose top is `scale` (`g0` black …
/// `g10` white, the canvas's colour map in eleven steps): a magnifier beside a picture shows
/// its cells in the picture's own colours, not inverted ones.
pub fn grey_class(v: f64, scale: f64) -> &'static str {
    const G: [&str; 11] = ["g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", "g10"];
    G.get(crate::state::canvas::grey_step(v, scale)).copied().unwrap_or("g0")
}

/// The class giving a grid's cells a width for `chars` characters (`w1` … `w12`).
pub fn width_class(chars: usize) -> &'static str {
    const W: [&str; 12] = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12"];
    W.get(chars.clamp(1, 12) - 1).copied().unwrap_or("w12")
}

/// A 24×24 icon drawn from one SVG path, hidden from assistive technology (its button is named).
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

/// Moves the keyboard focus to the element with DOM id `id` once the current render is done:
/// used when a control the focus is on is about to become disabled or disappear, so the focus
/// is not dropped to the page.
pub fn focus_after_render(id: String) {
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        if let Some(element) = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = element.focus();
        }
    });
}

/// A click handler that sends `action`.
pub fn sends(
    on_action: &yew::Callback<crate::state::Action>,
    action: crate::state::Action,
) -> yew::Callback<yew::MouseEvent> {
    emit_and_hand_on(on_action, action, None)
}

/// A click handler that sends `action`, then, when `hand_on` names a control, moves the focus
/// there after the render (for a button that the action disables).
pub fn emit_and_hand_on(
    on_action: &yew::Callback<crate::state::Action>,
    action: crate::state::Action,
    hand_on: Option<&'static str>,
) -> yew::Callback<yew::MouseEvent> {
    let on_action = on_action.clone();
    yew::Callback::from(move |_: yew::MouseEvent| {
        on_action.emit(action.clone());
        if let Some(id) = hand_on {
            focus_after_render(id.to_owned());
        }
    })
}

/// A key handler for a panel that Escape closes: it sends `action` and hands the focus back
/// to the control `hand_on` (the button that opened the panel), and the key goes no further.
pub fn close_on_escape(
    on_action: &yew::Callback<crate::state::Action>,
    action: crate::state::Action,
    hand_on: &'static str,
) -> yew::Callback<yew::KeyboardEvent> {
    let on_action = on_action.clone();
    yew::Callback::from(move |e: yew::KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            on_action.emit(action.clone());
            focus_after_render(hand_on.to_owned());
        }
    })
}

/// A change handler of a form control of type `T` (an input, a select): `action` makes the
/// action the control now asks for, if any. One place reads an event's control safely
/// (`target_dyn_into`), however many settings there are.
pub fn on_change<T: wasm_bindgen::JsCast + AsRef<web_sys::EventTarget> + 'static>(
    on_action: &Callback<crate::state::Action>,
    action: impl Fn(&T) -> Option<crate::state::Action> + 'static,
) -> Callback<Event> {
    let on_action = on_action.clone();
    Callback::from(move |e: Event| {
        if let Some(a) = e.target_dyn_into::<T>().as_ref().and_then(&action) {
            on_action.emit(a);
        }
    })
}

/// A select of the two operations, `mode` chosen, sending `pick(mode)` when another is picked:
/// a layer's mode and the learner's.
pub fn mode_select(
    t: &crate::i18n::Strings,
    id: Option<&'static str>,
    mode: crate::model::Mode,
    on_action: &Callback<crate::state::Action>,
    pick: impl Fn(crate::model::Mode) -> crate::state::Action + 'static,
) -> Html {
    use crate::model::Mode;
    let onchange = on_change(on_action, move |select: &web_sys::HtmlSelectElement| {
        Some(pick(if select.value() == "convolution" { Mode::Convolution } else { Mode::CrossCorrelation }))
    });
    html! {
        <select id={id} onchange={onchange}>
            <option value="cross-correlation" selected={mode == Mode::CrossCorrelation}>{ t.mode_cross_correlation }</option>
            <option value="convolution" selected={mode == Mode::Convolution}>{ t.mode_convolution }</option>
        </select>
    }
}

/// A kernel slice's accessible name: `base` alone for a one-slice kernel, else with the slice
/// ("Layer 1 kernel, output channel 0, input channel 1").
pub fn slice_label(t: &crate::i18n::Strings, base: &str, single: bool, s: crate::model::Slice) -> AttrValue {
    if single {
        AttrValue::from(base.to_owned())
    } else {
        format!("{base}{}{}", t.list_separator, (t.slice_name)(s.out, s.inp)).into()
    }
}

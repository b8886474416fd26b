//! The arithmetic at the window's position, written out as the seed writes it:
//! 0×0 + 1×1 + 3×2 + 4×3 + 0 = 19 (products in window order, then the bias, then the result);
//! with several input channels, each channel's products in parentheses, then the partial sums:
//! (0×0 + 1×1 + 3×2 + 4×3) + (1×1 + 2×2 + 4×3 + 5×4) + 0 = 19 + 37 + 0 = 56;
//! max(…) for max pooling and (… ) / n for average pooling. Every term can be hovered or
//! focused, which highlights its input cell and its kernel cell.

use yew::prelude::*;

use super::cells::display_value;
use super::hooks::use_strings;
use super::props::Shared;
use crate::model::{Reduction, Trace};

/// Props of [`Arithmetic`].
#[derive(Properties, PartialEq)]
pub struct ArithmeticProps {
    /// The active layer (1-based).
    pub layer: usize,
    /// Whether the layer has several output channels (the heading then names the channel).
    #[prop_or(false)]
    pub many_out: bool,
    /// What happens at the window's position, if it has one.
    pub trace: Option<Shared<Trace>>,
    /// The term under the pointer or focus.
    #[prop_or_default]
    pub highlighted: Option<usize>,
    /// Reports the term under the pointer or focus (None when it leaves).
    #[prop_or_default]
    pub on_term: Callback<Option<usize>>,
}

/// The written-out sum.
#[component]
pub fn Arithmetic(props: &ArithmeticProps) -> Html {
    let t = use_strings();
    let Some(trace) = &props.trace else {
        // Still a heading, so the headings below it keep their order.
        return html! {
            <div class="arith">
                <h2>{ t.arithmetic }</h2>
                <p class="arith-empty" translate="no">{ t.no_steps }</p>
            </div>
        };
    };
    let term_of = |target: Option<web_sys::Element>| -> Option<usize> {
        target?.closest("[data-term]").ok()??.get_attribute("data-term")?.parse().ok()
    };
    let on_over = {
        let on_term = props.on_term.clone();
        Callback::from(move |e: MouseEvent| on_term.emit(term_of(e.target_dyn_into())))
    };
    let on_focus = {
        let on_term = props.on_term.clone();
        Callback::from(move |e: FocusEvent| on_term.emit(term_of(e.target_dyn_into())))
    };
    let on_leave = {
        let on_term = props.on_term.clone();
        Callback::from(move |_: MouseEvent| on_term.emit(None))
    };
    let on_blur = {
        let on_term = props.on_term.clone();
        Callback::from(move |_: FocusEvent| on_term.emit(None))
    };

    let term = |i: usize, text: String, pad: bool| {
        let mut class = classes!("term");
        if pad {
            class.push("pad");
        }
        if props.highlighted == Some(i) {
            class.push("hl");
        }
        html! { <span class={class} tabindex="0" data-term={i.to_string()}>{ text }</span> }
    };
    let join = |parts: Vec<Html>, sep: &'static str| -> Html {
        parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    p
                } else {
                    html! { <>{ sep }{ p }</> }
                }
            })
            .collect()
    };
    let expression: Html = match trace.reduction {
        Reduction::Sum { bias, .. } => {
            let product = |i: usize, tm: &crate::model::Term| {
                let w = tm.weighted.map_or(0.0, |w| w.weight);
                term(i, format!("{}×{}", paren(tm.value), paren(w)), tm.padding)
            };
            if trace.partials.len() > 1 {
                // Several input channels: each channel's products in parentheses, then each
                // channel's partial sum, then the total, as the fold computed them.
                let per = trace.terms.len() / trace.partials.len();
                let groups: Vec<Html> = trace
                    .terms
                    .chunks(per.max(1))
                    .enumerate()
                    .map(|(g, chunk)| {
                        let parts = chunk.iter().enumerate().map(|(k, tm)| product(g * per + k, tm)).collect();
                        html! { <span class="channel-sum" data-channel={chunk.first().map(|tm| tm.channel.to_string())}>{ "(" }{ join(parts, " + ") }{ ")" }</span> }
                    })
                    .collect();
                let partials: Vec<Html> =
                    trace.partials.iter().map(|&p| html! { <span class="partial">{ paren(p) }</span> }).collect();
                html! {
                    <>
                        { join(groups, " + ") }
                        { " + " }<span class="bias-term">{ paren(bias) }</span>
                        { " = " }{ join(partials, " + ") }
                        { " + " }<span class="bias-term">{ paren(bias) }</span>
                        { " = " }<strong class="result">{ display_value(trace.result) }</strong>
                    </>
                }
            } else {
                let parts: Vec<Html> = trace.terms.iter().enumerate().map(|(i, tm)| product(i, tm)).collect();
                html! {
                    <>
                        { join(parts, " + ") }
                        { " + " }<span class="bias-term">{ paren(bias) }</span>
                        { " = " }<strong class="result">{ display_value(trace.result) }</strong>
                    </>
                }
            }
        }
        Reduction::Max => {
            let parts: Vec<Html> = trace
                .terms
                .iter()
                .enumerate()
                .filter(|(_, tm)| !tm.padding)
                .map(|(i, tm)| term(i, display_value(tm.value), false))
                .collect();
            let ignored = trace.terms.iter().any(|tm| tm.padding);
            html! {
                <>
                    { "max(" }{ join(parts, ", ") }{ ")" }
                    { " = " }<strong class="result">{ display_value(trace.result) }</strong>
                    if ignored { <span class="note">{ t.padding_ignored_note }</span> }
                </>
            }
        }
        Reduction::Avg { count, .. } => {
            let parts: Vec<Html> =
                trace.terms.iter().enumerate().map(|(i, tm)| term(i, display_value(tm.value), tm.padding)).collect();
            html! {
                <>
                    { "(" }{ join(parts, " + ") }{ format!(") / {count}") }
                    { " = " }<strong class="result">{ display_value(trace.result) }</strong>
                </>
            }
        }
    };
    html! {
        <div class="arith" id="arithmetic" translate="no">
            <h2>{
                if props.many_out {
                    (t.arithmetic_heading_channel)(props.layer, trace.channel, trace.row, trace.col)
                } else {
                    (t.arithmetic_heading)(props.layer, trace.row, trace.col)
                }
            }</h2>
            <p class="expression" data-result={crate::model::format_value(trace.result)}
                onmouseover={on_over} onmouseleave={on_leave} onfocusin={on_focus} onfocusout={on_blur}>
                { expression }
            </p>
        </div>
    }
}

/// A value as a factor: negative values in parentheses, "3×(-1)".
fn paren(v: f64) -> String {
    let s = display_value(v);
    if v < 0.0 {
        format!("({s})")
    } else {
        s
    }
}

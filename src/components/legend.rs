//! The legend beside the maps: every colour and mark the grids use, each with its swatch —
//! the value scale, padding, the window, the output being computed, linked cells, the selected
//! cell and its receptive and projective fields.

use yew::prelude::*;

use super::hooks::use_strings;

/// The legend.
#[component]
pub fn Legend() -> Html {
    let t = use_strings();
    let items = [
        ("neg", t.legend_negative),
        ("zero", t.legend_zero),
        ("pos", t.legend_positive),
        ("padsw", t.padding_legend),
        ("win", t.legend_window),
        ("cur", t.legend_current),
        ("lnk", t.legend_linked),
        ("sel", t.legend_selected),
        ("rf", t.legend_rf),
        ("pf", t.legend_pf),
    ];
    let items: Html = items
        .iter()
        .map(|&(class, word)| {
            html! {
                <li><span class={classes!("swatch", class)} aria-hidden="true"></span><span>{ word }</span></li>
            }
        })
        .collect();
    html! { <ul class="legend" aria-label={t.legend}>{ items }</ul> }
}

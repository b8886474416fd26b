//! Receptive field size against depth, as a small SVG line chart redrawn live: deeper is wider,
//! linearly for plain stacks, faster with strides, pooling and dilation.

use yew::prelude::*;

use super::hooks::use_strings;
use crate::model::{rf_table, Axis, Layer};

/// Props of [`RfPlot`].
#[derive(Properties, PartialEq)]
pub struct RfPlotProps {
    /// The stack.
    pub layers: Vec<Layer>,
}

const W: f64 = 320.0;
const H: f64 = 180.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 12.0;

/// The chart.
#[component]
pub fn RfPlot(props: &RfPlotProps) -> Html {
    let t = use_strings();
    let heights: Vec<usize> =
        std::iter::once(1).chain(rf_table(&props.layers, Axis::Rows).iter().map(|r| r.size)).collect();
    let widths: Vec<usize> =
        std::iter::once(1).chain(rf_table(&props.layers, Axis::Cols).iter().map(|r| r.size)).collect();
    let depth = heights.len().saturating_sub(1).max(1) as f64;
    let top = heights.iter().chain(widths.iter()).copied().max().unwrap_or(1).max(2) as f64;
    let x = |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / depth;
    let y = |v: usize| H - BOTTOM - (H - BOTTOM - TOP) * (v as f64 - 1.0) / (top - 1.0);
    let line = |values: &[usize]| -> String {
        values.iter().enumerate().map(|(i, &v)| format!("{:.1},{:.1}", x(i), y(v))).collect::<Vec<_>>().join(" ")
    };
    // Height as small circles on a thin line, width as larger hollow squares on a broad pale
    // line underneath: where the two are equal, both stay visible.
    let dots = |values: &[usize], class: &'static str| -> Html {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let (cx, cy) = (x(i), y(v));
                let title = html! { <title>{ (t.depth_point)(i, v) }</title> };
                if class == "rf-w" {
                    html! {
                        <rect class={class} x={format!("{:.1}", cx - 5.5)} y={format!("{:.1}", cy - 5.5)} width="11"
                            height="11" data-depth={i.to_string()} data-size={v.to_string()}>{ title }</rect>
                    }
                } else {
                    html! {
                        <circle class={class} cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="3.5"
                            data-depth={i.to_string()} data-size={v.to_string()}>{ title }</circle>
                    }
                }
            })
            .collect()
    };
    let ticks: Html = (0..heights.len())
        .map(|i| html! { <text x={format!("{:.1}", x(i))} y={format!("{}", H - 10.0)} text-anchor="middle">{ i }</text> })
        .collect();
    let list = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
    let summary = (t.rf_plot_summary)(&list(&heights), &list(&widths));
    html! {
        <figure class="rf-plot">
            <svg viewBox={format!("0 0 {W} {H}")} width={W.to_string()} height={H.to_string()} role="img"
                aria-label={summary.clone()} id="rf-plot" translate="no">
                <line class="axis" x1={LEFT.to_string()} y1={(H - BOTTOM).to_string()} x2={(W - RIGHT).to_string()}
                    y2={(H - BOTTOM).to_string()} />
                <line class="axis" x1={LEFT.to_string()} y1={TOP.to_string()} x2={LEFT.to_string()}
                    y2={(H - BOTTOM).to_string()} />
                <text x="4" y={format!("{}", TOP + 4.0)}>{ top }</text>
                <text x="4" y={format!("{}", H - BOTTOM)}>{ "1" }</text>
                { ticks }
                <polyline class="rf-w" points={line(&widths)} />
                <polyline class="rf-h" points={line(&heights)} />
                { dots(&widths, "rf-w") }
                { dots(&heights, "rf-h") }
            </svg>
            <figcaption>
                { t.rf_plot_caption }{ " " }
                <span class="key-h">{ t.height }</span>{ t.list_separator }<span class="key-w">{ t.width }</span>
            </figcaption>
        </figure>
    }
}

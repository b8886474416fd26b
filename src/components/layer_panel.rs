//! One layer of the stack: what it is (kernel and settings, or pooling window), then the map it
//! outputs, or, when it cannot compute one, why not in an alert in the map's place.

use std::rc::Rc;

use yew::prelude::*;

use super::feature_map::FeatureMap;
use super::kernel_grid::KernelGrid;
use crate::i18n::tr;
use crate::model::{format_value, Grid, Hw, Layer, Mode, ModelError, PoolKind};

/// Props of [`LayerPanel`].
#[derive(Properties, PartialEq)]
pub struct LayerPanelProps {
    /// 1-based position in the stack.
    pub index: usize,
    /// The layer.
    pub layer: Layer,
    /// Its output, or why it has none.
    pub output: Result<Rc<Grid>, ModelError>,
    /// Padding of the next layer, drawn around this layer's output.
    pub next_padding: Hw,
}

/// A layer and its output map.
#[component]
pub fn LayerPanel(props: &LayerPanelProps) -> Html {
    let t = tr();
    let index = props.index;
    let g = props.layer.geometry();
    let pair = |hw: Hw| format!("{}×{}", hw.h, hw.w);
    let title = match &props.layer {
        Layer::Conv(c) => format!(
            "{} {index} · {} ({})",
            t.layer,
            t.convolution_layer,
            match c.mode() {
                Mode::CrossCorrelation => t.mode_cross_correlation,
                Mode::Convolution => t.mode_convolution,
            }
        ),
        Layer::Pool(p) => format!(
            "{} {index} · {}",
            t.layer,
            match p.kind() {
                PoolKind::Max => t.max_pool,
                PoolKind::Avg => t.avg_pool,
            }
        ),
    };
    let mut settings = vec![
        format!("{} {}", t.stride, pair(g.stride())),
        format!("{} {}", t.padding, pair(g.padding())),
    ];
    let operator = match &props.layer {
        Layer::Conv(c) => {
            settings.insert(0, format!("{} {}", t.bias, format_value(c.bias())));
            settings.push(format!("{} {}", t.dilation, pair(g.dilation())));
            html! {
                <figure class="operand">
                    <figcaption>{ format!("{} {}", t.kernel, pair(g.window())) }</figcaption>
                    <KernelGrid layer={index} kernel={c.kernel().clone()}
                        label={format!("{} {index} {}", t.layer, t.kernel)} />
                </figure>
            }
        }
        Layer::Pool(_) => {
            settings.insert(0, format!("{} {}", t.window, pair(g.window())));
            html! {}
        }
    };
    let output = match &props.output {
        Ok(grid) => html! {
            <figure class="operand">
                <figcaption>{ format!("{} {} × {}", t.output, grid.rows(), grid.cols()) }</figcaption>
                <FeatureMap map={index} grid={Rc::clone(grid)} padding={props.next_padding}
                    label={format!("{} {index} {}", t.layer, t.output)} />
            </figure>
        },
        Err(e) => html! {
            <p class="alert" role="alert" data-layer-error={index.to_string()}>
                { format!("{} {index}: {e}", t.layer) }
            </p>
        },
    };
    html! {
        <section class="layer" aria-label={title.clone()}>
            <h2>{ title }</h2>
            <p class="settings">{ settings.join(" · ") }</p>
            <div class="flow">
                { operator }
                <span class="arrow" aria-hidden="true">{ "→" }</span>
                { output }
            </div>
        </section>
    }
}

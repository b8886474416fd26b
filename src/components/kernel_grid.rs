//! A convolution kernel as entered, drawn as a grid of weights.
//!
//! Cells carry `data-kernel` (the layer, counting from 1), `data-row`, `data-col` and
//! `data-value`: the kernel before any flip, which is what the user typed.

use yew::prelude::*;

use super::cells::{display_value, scale_of, value_style};
use crate::model::{format_value, Grid};

/// Props of [`KernelGrid`].
#[derive(Properties, PartialEq)]
pub struct KernelGridProps {
    /// The layer this kernel belongs to (1-based).
    pub layer: usize,
    /// The weights as entered.
    pub kernel: Grid,
    /// Accessible name.
    pub label: AttrValue,
}

/// A kernel as a table of weights.
#[component]
pub fn KernelGrid(props: &KernelGridProps) -> Html {
    let k = &props.kernel;
    let scale = scale_of(k);
    let layer = props.layer.to_string();
    let body: Html = (0..k.rows())
        .map(|r| {
            let cells: Html = (0..k.cols())
                .filter_map(|c| {
                    let v = k.get(r, c)?;
                    Some(html! {
                        <td role="gridcell" class="cell weight" style={value_style(v, scale)}
                            data-kernel={layer.clone()} data-row={r.to_string()} data-col={c.to_string()}
                            data-value={format_value(v)}>
                            { display_value(v) }
                        </td>
                    })
                })
                .collect();
            html! { <tr role="row">{ cells }</tr> }
        })
        .collect();
    let label = format!("{}, {} × {}", props.label, k.rows(), k.cols());
    html! {
        <table class="grid kernel" role="grid" aria-label={label}>
            <tbody>{ body }</tbody>
        </table>
    }
}

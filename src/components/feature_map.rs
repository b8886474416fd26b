//! A feature map (the input, or a layer's output) drawn as a grid of numbers, with the padding
//! ring of the layer that reads it drawn around it.
//!
//! Cells carry the public `data-*` contract: `data-map`, `data-row`, `data-col`, `data-value`,
//! and `data-pad="true"` on padding cells (whose coordinates run from −p to n + p − 1).

use std::rc::Rc;

use yew::prelude::*;

use super::cells::{display_value, scale_of, value_style};
use crate::model::{format_value, Grid, Hw};

/// Props of [`FeatureMap`].
#[derive(Properties, PartialEq)]
pub struct FeatureMapProps {
    /// 0 for the input, L for the output of layer L.
    pub map: usize,
    /// The values.
    pub grid: Rc<Grid>,
    /// Padding drawn around the map (that of the layer reading it).
    #[prop_or(Hw::square(0))]
    pub padding: Hw,
    /// Accessible name, e.g. "Input".
    pub label: AttrValue,
}

/// A feature map as a table of cells.
#[component]
pub fn FeatureMap(props: &FeatureMapProps) -> Html {
    let grid = &props.grid;
    let scale = scale_of(grid);
    let (ph, pw) = (signed(props.padding.h), signed(props.padding.w));
    let (rows, cols) = (signed(grid.rows()), signed(grid.cols()));
    let map = props.map.to_string();
    let body: Html = (-ph..rows + ph)
        .map(|r| {
            let cells: Html = (-pw..cols + pw)
                .map(|c| match grid.get_signed(r, c) {
                    Some(v) => html! {
                        <td role="gridcell" class="cell" style={value_style(v, scale)}
                            data-map={map.clone()} data-row={r.to_string()} data-col={c.to_string()}
                            data-value={format_value(v)}>
                            { display_value(v) }
                        </td>
                    },
                    None => html! {
                        <td role="gridcell" class="cell pad" aria-label="padding 0"
                            data-map={map.clone()} data-row={r.to_string()} data-col={c.to_string()}
                            data-pad="true">
                            { "0" }
                        </td>
                    },
                })
                .collect();
            html! { <tr role="row">{ cells }</tr> }
        })
        .collect();
    let label = format!("{}, {} × {}", props.label, grid.rows(), grid.cols());
    html! {
        <table class="grid map" role="grid" aria-label={label}>
            <tbody>{ body }</tbody>
        </table>
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

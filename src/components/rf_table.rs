//! The receptive-field table, one row per layer, after Araujo, Norris and Sim (Distill, 2019):
//! kernel, stride, dilation, padding, channels (in → out; sizes are spatial), jump (effective stride) and receptive field size in the
//! input, per axis; and, when a cell is selected, where its field lies in each map below it.

use yew::prelude::*;

use super::hooks::use_strings;
use crate::model::{rf_extent, rf_table, Axis, Layer};
use crate::state::view::MapCell;

/// Props of [`RfTable`].
#[derive(Properties, PartialEq)]
pub struct RfTableProps {
    /// The stack.
    pub layers: Vec<Layer>,
    /// Every layer's input and output channels, while they can be computed.
    #[prop_or_default]
    pub channels: Vec<(usize, usize)>,
    /// The selected cell of a map, if one is selected.
    #[prop_or_default]
    pub selected: Option<MapCell>,
}

/// The table.
#[component]
pub fn RfTable(props: &RfTableProps) -> Html {
    let t = use_strings();
    let rows_h = rf_table(&props.layers, Axis::Rows);
    let rows_w = rf_table(&props.layers, Axis::Cols);
    let pair = |name: &'static str, h: String, w: String| {
        html! { <td data-name={name} data-h={h.clone()} data-w={w.clone()}>{ format!("{h} × {w}") }</td> }
    };
    let body: Html = rows_h
        .iter()
        .zip(rows_w.iter())
        .enumerate()
        .map(|(i, (h, w))| {
            let l = i + 1;
            // The selected cell's field in map l − 1, if the cell is in a later map.
            let field = props.selected.filter(|s| s.map >= l).and_then(|s| {
                let (rs, rn) = rf_extent(&props.layers, Axis::Rows, l - 1, s.map, s.row)?;
                let (cs, cn) = rf_extent(&props.layers, Axis::Cols, l - 1, s.map, s.col)?;
                Some((rs, rn, cs, cn))
            });
            let field_cells = match field {
                Some((rs, rn, cs, cn)) => html! {
                    <>
                        <td data-name="start" data-h={rs.to_string()} data-w={cs.to_string()}>{ format!("({rs}, {cs})") }</td>
                        { pair("extent", rn.to_string(), cn.to_string()) }
                    </>
                },
                None => html! { <><td data-name="start">{ "—" }</td><td data-name="extent">{ "—" }</td></> },
            };
            html! {
                <tr data-layer={l.to_string()}>
                    <th scope="row">{ l }</th>
                    { pair("kernel", h.kernel.to_string(), w.kernel.to_string()) }
                    { pair("stride", h.stride.to_string(), w.stride.to_string()) }
                    { pair("dilation", h.dilation.to_string(), w.dilation.to_string()) }
                    { pair("padding", h.padding.to_string(), w.padding.to_string()) }
                    { match props.channels.get(i) {
                        Some(&(inp, out)) => html! {
                            <td data-name="channels" data-in={inp.to_string()} data-out={out.to_string()}>{ format!("{inp} → {out}") }</td>
                        },
                        None => html! { <td data-name="channels">{ "—" }</td> },
                    } }
                    { pair("jump", h.jump.to_string(), w.jump.to_string()) }
                    { pair("size", h.size.to_string(), w.size.to_string()) }
                    { field_cells }
                </tr>
            }
        })
        .collect();
    html! {
        <div class="rf-table-wrap" tabindex="0" role="region" aria-label={t.rf_caption}>
        <table class="rf-table" id="rf-table">
            <caption>{ t.rf_caption }</caption>
            <thead>
                <tr class="groups">
                    <td></td>
                    <th scope="colgroup" colspan="5">{ t.rf_group_layer }</th>
                    <th scope="colgroup" colspan="2">{ t.rf_group_input }</th>
                    <th scope="colgroup" colspan="2">{ t.rf_group_selected }</th>
                </tr>
                <tr>
                    { for t.rf_columns.iter().map(|(name, hint)| html! {
                        <th scope="col" title={(!hint.is_empty()).then_some(*hint)}>{ *name }</th>
                    }) }
                </tr>
            </thead>
            <tbody translate="no">{ body }</tbody>
        </table>
        <p class="rf-explained">{ t.rf_explained }</p>
        </div>
    }
}

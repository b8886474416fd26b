//! Saving every map on screen at once, for slides and worksheets: one PNG of all of them (each
//! cell a square of its colour) and one SVG of those small enough to be grids of numbers. The
//! sheets are laid out by `state::sheet` (natively tested); this component names the maps in
//! the reader's language and hands the result to the browser.

use yew::prelude::*;

use super::hooks::use_strings;
use super::props::Planes;
use crate::model::{Grid, Hw};
use crate::state::canvas::on_canvas;
use crate::state::sheet::{sheet_cell, sheet_png, sheet_svg, SvgMap};
use crate::web;

/// Props of [`SaveMaps`].
#[derive(Properties, PartialEq)]
pub struct SaveMapsProps {
    /// Every map that has values, in stack order, with its title.
    pub maps: Vec<(AttrValue, Planes)>,
}

/// Two buttons: all maps as PNG, the number grids as SVG.
#[component]
pub fn SaveMaps(props: &SaveMapsProps) -> Html {
    let t = use_strings();
    let on_png = {
        let maps = props.maps.clone();
        Callback::from(move |_: MouseEvent| {
            let grids: Vec<Vec<&Grid>> = maps.iter().map(|(_, planes)| planes.iter().map(|g| &**g).collect()).collect();
            let (width, height, rgba) = sheet_png(&grids, sheet_cell(&grids));
            let _ = web::save_rgba_png(width, height, &rgba, "convscope-maps.png");
        })
    };
    let on_svg = {
        let maps = props.maps.clone();
        Callback::from(move |_: MouseEvent| {
            let sheets: Vec<SvgMap<'_>> = maps
                .iter()
                .map(|(title, planes)| SvgMap {
                    title: title.to_string(),
                    channels: planes.iter().enumerate().map(|(c, g)| ((t.channel_name)(c), &**g)).collect(),
                })
                .collect();
            if let Some(svg) = sheet_svg(&sheets) {
                let _ = web::download_text(&svg, "image/svg+xml", "convscope-maps.svg");
            }
        })
    };
    let any_grid = props
        .maps
        .iter()
        .any(|(_, planes)| !planes.is_empty() && planes.iter().all(|g| !on_canvas(Hw::new(g.rows(), g.cols()))));
    html! {
        <div class="save-maps">
            <button type="button" id="save-maps-png" title={t.save_maps_png_hint} onclick={on_png}
                disabled={props.maps.is_empty()}>{ t.save_maps_png }</button>
            <button type="button" id="save-maps-svg" title={t.save_maps_svg_hint} onclick={on_svg}
                disabled={!any_grid}>{ t.save_maps_svg }</button>
        </div>
    }
}

//! A feature map with its channels: one grid for a one-channel map (exactly as before channels
//! existed), a canvas with a magnifier for a channel over 32 rows or columns, and several
//! channels side by side, each captioned "Channel c", so a student reads a
//! colour picture's R, G, B or a layer's output channels at one glance.

use yew::prelude::*;

use super::canvas_map::CanvasMap;
use super::grid_view::{EditView, GridView};
use super::hooks::use_strings;
use super::props::{GridEvent, GridKind, Marks, Planes, Shared};
use crate::model::{Coord, Grid, Hw};
use crate::state::canvas::on_canvas;

/// The selection, editor, whole-grid selection and refused paste of a map, wherever they are
/// among its channels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapEditing {
    /// The selected cell: its channel and place.
    pub cursor: Option<(usize, Coord)>,
    /// The open editor: its channel and view.
    pub edit: Option<(usize, EditView)>,
    /// The channel selected whole.
    pub whole: Option<usize>,
    /// A refused paste: its channel and why.
    pub refused: Option<(usize, AttrValue)>,
}

/// Props of [`MapView`].
#[derive(Properties, PartialEq)]
pub struct MapViewProps {
    /// The map's number: 0 is the input, L the output of layer L.
    pub map: usize,
    /// Its channels.
    pub planes: Planes,
    /// Padding drawn around every channel (that of the layer reading the map).
    #[prop_or(Hw::square(0))]
    pub padding: Hw,
    /// Accessible name of the map, e.g. "Input".
    pub label: AttrValue,
    /// Whether values can be typed.
    #[prop_or(false)]
    pub editable: bool,
    /// Marks of every channel, by channel.
    #[prop_or_default]
    pub marks: Vec<Marks>,
    /// Selection and editing in this map.
    #[prop_or_default]
    pub editing: MapEditing,
    /// Where events go.
    pub on_event: Callback<GridEvent>,
}

/// A map's channels.
#[component]
pub fn MapView(props: &MapViewProps) -> Html {
    let t = use_strings();
    let m = props.map;
    let e = &props.editing;
    let grid = |c: usize, plane: &Shared<Grid>, label: AttrValue| {
        if on_canvas(Hw::new(plane.rows(), plane.cols())) {
            return html! {
                <CanvasMap map={m} channel={c} grid={plane.clone()} padding={props.padding} label={label}
                    editable={props.editable} marks={props.marks.get(c).cloned().unwrap_or_default()}
                    cursor={e.cursor.filter(|(ch, _)| *ch == c).map(|(_, at)| at)}
                    edit={e.edit.clone().filter(|(ch, _)| *ch == c).map(|(_, v)| v)}
                    refused={e.refused.clone().filter(|(ch, _)| *ch == c).map(|(_, r)| r)}
                    on_event={props.on_event.clone()} />
            };
        }
        html! {
            <GridView kind={GridKind::Map(m, c)} grid={plane.clone()} padding={props.padding} label={label}
                editable={props.editable} marks={props.marks.get(c).cloned().unwrap_or_default()}
                cursor={e.cursor.filter(|(ch, _)| *ch == c).map(|(_, at)| at)}
                edit={e.edit.clone().filter(|(ch, _)| *ch == c).map(|(_, v)| v)}
                whole={e.whole == Some(c)}
                refused={e.refused.clone().filter(|(ch, _)| *ch == c).map(|(_, r)| r)}
                on_event={props.on_event.clone()} />
        }
    };
    match props.planes.as_slice() {
        [one] => grid(0, one, props.label.clone()),
        planes => html! {
            <div class="channels" role="group" aria-label={props.label.clone()}>
                { for planes.iter().enumerate().map(|(c, plane)| {
                    let name = (t.channel_name)(c);
                    html! {
                        <figure class="channel" data-channel-of={m.to_string()}>
                            <figcaption translate="no">{ name.clone() }</figcaption>
                            { grid(c, plane, format!("{}{}{name}", props.label, t.list_separator).into()) }
                        </figure>
                    }
                }) }
            </div>
        },
    }
}

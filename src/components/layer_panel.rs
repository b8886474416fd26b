//! One layer of the stack: its settings (editable), its kernel and bias (editable grids), the
//! flipped kernel in convolution mode, and the map it outputs — or, when it cannot compute
//! one, why not, in an alert in the map's place.

use yew::prelude::*;

use super::cells::{focus_after_render, icon, mode_select, sends, slice_label};
use super::grid_view::{EditView, GridView};
use super::hooks::use_strings;
use super::map_view::{MapEditing, MapView};
use super::number_field::NumberField;
use super::props::{GridEvent, GridKind, Marks, Planes, Shared};
use crate::model::{Axis, Coord, Grid, Hw, Layer, Mode, ModelError, PoolKind, Slice};
use crate::state::{Action, Field, FieldEdit, LayerId};

/// A conv layer's kernel slices as entered and as applied (flipped in convolution mode), in
/// (out, inp) order, and its biases as a grid of one column.
#[derive(Clone, Debug, PartialEq)]
pub struct KernelViews {
    /// The slices as entered.
    pub entered: Shared<Vec<(Slice, Shared<Grid>)>>,
    /// The slices as applied.
    pub applied: Shared<Vec<(Slice, Shared<Grid>)>>,
    /// The biases, one row per output channel.
    pub bias: Shared<Grid>,
}

/// The selection and the open editor, where they are in this layer's grids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerCursors {
    /// Selection in the output map.
    pub output: MapEditing,
    /// The selected cell of the kernel, and its slice.
    pub kernel: Option<(Slice, Coord)>,
    /// The selected cell of the bias.
    pub bias: Option<Coord>,
    /// The editor, in a kernel slice.
    pub kernel_edit: Option<(Slice, EditView)>,
    /// The editor, in the bias.
    pub bias_edit: Option<EditView>,
    /// The kernel slice selected whole (Ctrl/⌘+A).
    pub kernel_whole: Option<Slice>,
    /// Why a paste into a kernel slice was refused, and which slice.
    pub kernel_refused: Option<(Slice, AttrValue)>,
    /// Why a paste into the biases was refused.
    pub bias_refused: Option<AttrValue>,
}

/// Props of [`LayerPanel`].
#[derive(Properties, PartialEq)]
pub struct LayerPanelProps {
    /// Its place in the stack.
    pub id: LayerId,
    /// Whether its settings start unfolded (they start folded on phones).
    #[prop_or(true)]
    pub settings_open: bool,
    /// Number of layers in the stack.
    pub count: usize,
    /// The layer.
    pub layer: Layer,
    /// Its kernel and bias (convolution layers).
    #[prop_or_default]
    pub kernel: Option<KernelViews>,
    /// Its output's channels, or why it has none.
    pub output: Result<Planes, ModelError>,
    /// Padding of the next layer, drawn around this layer's output.
    pub next_padding: Hw,
    /// Whether the step controls drive this layer.
    pub active: bool,
    /// Whether the learning demo learns this layer's kernel.
    #[prop_or(false)]
    pub learning: bool,
    /// Marks on the output map, by channel.
    #[prop_or_default]
    pub out_marks: Vec<Marks>,
    /// Marks on the kernel, by slice in (out, inp) order.
    #[prop_or_default]
    pub kernel_marks: Vec<Marks>,
    /// Marks on the flipped kernel (convolution mode), by slice.
    #[prop_or_default]
    pub flipped_marks: Vec<Marks>,
    /// The selection and the editor in this layer's grids.
    #[prop_or_default]
    pub cursors: LayerCursors,
    /// Settings of this layer whose text was refused.
    #[prop_or_default]
    pub field_edits: Vec<FieldEdit>,
    /// Grid events.
    pub on_grid: Callback<GridEvent>,
    /// Actions.
    pub on_action: Callback<Action>,
}

/// A layer and its output map.
#[component]
pub fn LayerPanel(props: &LayerPanelProps) -> Html {
    let t = use_strings();
    let id = props.id;
    let l = id.get();
    let g = props.layer.geometry();
    let field = |f: Field, label: &'static str, value: usize| {
        let text = props.field_edits.iter().find(|e| e.field == f).cloned();
        let dom_id = format!("layer-{l}-{}", dom_name(f));
        html! {
            <NumberField field={f} label={label} id={dom_id} value={value} text={text}
                on_action={props.on_action.clone()} />
        }
    };
    let pair = |name: &str, make: fn(LayerId, Axis) -> Field, hw: Hw| {
        html! {
            <fieldset class="pair">
                <legend>{ name.to_owned() }</legend>
                { field(make(id, Axis::Rows), t.height, hw.h) }
                { field(make(id, Axis::Cols), t.width, hw.w) }
            </fieldset>
        }
    };
    let (title, settings, operands) = match &props.layer {
        Layer::Conv(c) => {
            // The title names the mode once: "Convolution (kernel flipped)", never
            // "Convolution (convolution (kernel flipped))".
            let mode_label = match c.mode() {
                Mode::CrossCorrelation => t.mode_cross_correlation,
                Mode::Convolution => t.kernel_flipped,
            };
            let settings = html! {
                <>
                    <fieldset class="pair">
                        <legend>{ t.kernel }</legend>
                        { field(Field::KernelRows(id), t.rows, c.window().h) }
                        { field(Field::KernelCols(id), t.cols, c.window().w) }
                    </fieldset>
                    <fieldset class="pair">
                        <legend>{ t.channels }</legend>
                        { field(Field::OutChannels(id), t.out_channels, c.out_channels()) }
                        { field(Field::Groups(id), t.groups, c.groups()) }
                    </fieldset>
                    { pair(t.stride, Field::Stride, g.stride()) }
                    { pair(t.padding, Field::Padding, g.padding()) }
                    { pair(t.dilation, Field::Dilation, g.dilation()) }
                    <label class="mode">
                        <span>{ t.mode }</span>
                        { mode_select(t, None, c.mode(), &props.on_action, move |mode| Action::SetMode { layer: id, mode }) }
                    </label>
                </>
            };
            let cursors = &props.cursors;
            let single = c.is_single();
            // One grid per slice; a multi-channel kernel is a table of them, one row per output
            // channel, each slice captioned with its channels.
            let slices = |views: &[(Slice, Shared<Grid>)], flipped: bool| -> Html {
                let grid = |i: usize, s: Slice, g: &Shared<Grid>| {
                    let part = if flipped { t.kernel_applied } else { t.kernel };
                    let base = (t.layer_part)(l, part);
                    let label = slice_label(t, &base, single, s);
                    if flipped {
                        html! {
                            <GridView kind={GridKind::Flipped(id, s)} grid={g.clone()} label={label}
                                marks={props.flipped_marks.get(i).cloned().unwrap_or_default()}
                                on_event={props.on_grid.clone()} />
                        }
                    } else {
                        html! {
                            <GridView kind={GridKind::Kernel(id, s)} grid={g.clone()} editable={true} label={label}
                                marks={props.kernel_marks.get(i).cloned().unwrap_or_default()}
                                cursor={cursors.kernel.filter(|(k, _)| *k == s).map(|(_, at)| at)}
                                edit={cursors.kernel_edit.clone().filter(|(k, _)| *k == s).map(|(_, v)| v)}
                                whole={cursors.kernel_whole == Some(s)}
                                refused={cursors.kernel_refused.clone().filter(|(k, _)| *k == s).map(|(_, r)| r)}
                                on_event={props.on_grid.clone()} />
                        }
                    }
                };
                if single {
                    return views.first().map(|(s, g)| grid(0, *s, g)).unwrap_or_default();
                }
                // A table of slices: a row per output channel, a column per input channel of its
                // group, labelled once at the top and the left (each grid is named in full).
                let per = c.per_group().max(1);
                html! {
                    <table class="slices" role="presentation" translate="no">
                        <tr class="slice-head" aria-hidden="true">
                            <td></td>
                            { for (0..per).map(|i| html! { <td class="slice-label">{ (t.slice_in)(i) }</td> }) }
                        </tr>
                        { for views.chunks(per).enumerate().map(|(o, row)| html! {
                            <tr>
                                <td class="slice-label" aria-hidden="true">{ (t.slice_out)(o) }</td>
                                { for row.iter().enumerate().map(|(k, (s, g))| html! {
                                    <td class="slice">{ grid(o * per + k, *s, g) }</td>
                                }) }
                            </tr>
                        }) }
                    </table>
                }
            };
            let operands = match &props.kernel {
                Some(k) => html! {
                    <>
                        <figure class="operand">
                            <figcaption translate="no">{ (t.kernel_sized)(c.window().h, c.window().w) }</figcaption>
                            { slices(&k.entered, false) }
                        </figure>
                        if c.mode() == Mode::Convolution {
                            <figure class="operand">
                                <figcaption>{ t.kernel_applied }</figcaption>
                                { slices(&k.applied, true) }
                            </figure>
                        }
                        <span class="op" aria-hidden="true">{ "+" }</span>
                        <figure class="operand">
                            <figcaption>{ if single { t.bias } else { t.biases } }</figcaption>
                            <GridView kind={GridKind::Bias(id)} grid={k.bias.clone()} editable={true}
                                label={(t.layer_part)(l, t.bias)}
                                cursor={cursors.bias} edit={cursors.bias_edit.clone()}
                                refused={cursors.bias_refused.clone()} on_event={props.on_grid.clone()} />
                        </figure>
                    </>
                },
                None => html! {},
            };
            ((t.conv_title)(l, mode_label), settings, operands)
        }
        Layer::Pool(p) => {
            let name = match p.kind() {
                PoolKind::Max => t.max_pool,
                PoolKind::Avg => t.avg_pool,
            };
            let settings = html! {
                <>
                    { pair(t.window, Field::PoolSize, g.window()) }
                    { pair(t.stride, Field::Stride, g.stride()) }
                    { pair(t.padding, Field::Padding, g.padding()) }
                </>
            };
            ((t.pool_title)(l, name), settings, html! {})
        }
    };
    let output = match &props.output {
        Ok(planes) => {
            let first = planes.first();
            let dims = crate::model::Dims::new(
                planes.len(),
                Hw::new(first.map_or(0, |g| g.rows()), first.map_or(0, |g| g.cols())),
            );
            html! {
                <figure class="operand">
                    <figcaption translate="no">{ super::app::sized_map(t, t.output, dims) }</figcaption>
                    <MapView map={l} planes={planes.clone()} padding={props.next_padding}
                        label={(t.layer_part)(l, t.output)} marks={props.out_marks.clone()}
                        editing={props.cursors.output.clone()} on_event={props.on_grid.clone()} />
                </figure>
            }
        }
        Err(e) => html! {
            <p class="alert" role="alert" data-layer-error={l.to_string()} translate="no">
                { (t.layer_error)(l, e) }
            </p>
        },
    };
    let send = |action: Action| sends(&props.on_action, action);
    let activate = send(Action::SetActive(id));
    // Learning this kernel sets the demo up (once) and takes the focus to it.
    let learn = {
        let (on_action, learning) = (props.on_action.clone(), props.learning);
        Callback::from(move |_: MouseEvent| {
            if !learning {
                on_action.emit(Action::Learn(id));
            }
            focus_after_render("learn-heading".to_owned());
        })
    };
    // Moving a layer takes the keyboard focus along with it: to the same button on the layer's
    // new card (or the other direction's, at an end of the stack), once that card is drawn.
    let move_to = |up: bool| {
        let on_action = props.on_action.clone();
        let count = props.count;
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::MoveLayer { layer: id, up });
            let to = if up { l.saturating_sub(1) } else { l + 1 };
            let same = if up { "up" } else { "down" };
            let other = if up { "down" } else { "up" };
            let at_end = if up { to <= 1 } else { to >= count };
            let target = format!("layer-{to}-{}", if at_end { other } else { same });
            focus_after_render(target);
        })
    };
    let tools = html! {
        <div class="layer-tools" role="group" aria-label={(t.layer_tools)(l)}>
            <button type="button" id={format!("layer-{l}-up")} aria-label={(t.move_up)(l)} title={(t.move_up)(l)}
                disabled={l <= 1} onclick={move_to(true)}>{ icon("M12 4l7 8h-5v8h-4v-8H5z") }</button>
            <button type="button" id={format!("layer-{l}-down")} aria-label={(t.move_down)(l)}
                title={(t.move_down)(l)} disabled={l >= props.count} onclick={move_to(false)}>{ icon("M12 20l-7-8h5V4h4v8h5z") }</button>
            <button type="button" aria-label={(t.duplicate)(l)} title={(t.duplicate)(l)}
                disabled={props.count >= crate::state::scene::MAX_LAYERS}
                onclick={send(Action::DuplicateLayer(id))}>{ icon("M8 3h11v13h-3v-2h1V5h-7v1H8zM4 8h11v13H4zm2 2v9h7v-9z") }</button>
            <button type="button" aria-label={(t.remove)(l)} title={(t.remove)(l)}
                onclick={send(Action::RemoveLayer(id))}>{ icon("M6 5l6 5.5L18 5l1.5 1.5L13.5 12l6 5.5L18 19l-6-5.5L6 19l-1.5-1.5 6-5.5-6-5.5z") }</button>
        </div>
    };
    html! {
        <section class={classes!("layer", props.active.then_some("active"))} aria-label={title.clone()}
            data-layer={l.to_string()} data-active={props.active.then_some("true")}>
            <div class="layer-head">
                <h2 translate="no">{ title }</h2>
                if props.active {
                    <p class="active-badge">{ t.active_layer }</p>
                } else {
                    <button type="button" class="activate" onclick={activate}>{ t.step_this_layer }</button>
                }
                if matches!(props.layer, Layer::Conv(_)) {
                    <button type="button" class="learn-button" id={format!("layer-{l}-learn")}
                        aria-label={(t.learn_layer_label)(l)} aria-pressed={if props.learning { "true" } else { "false" }}
                        onclick={learn}>{ t.learn_button }</button>
                }
                { tools }
            </div>
            <details class="settings-box" open={props.settings_open}>
                <summary>{ t.settings }</summary>
                <div class="settings">{ settings }</div>
            </details>
            <div class="flow">
                { operands }
                <span class="op" aria-hidden="true">{ "→" }</span>
                { output }
            </div>
        </section>
    }
}

fn dom_name(f: Field) -> String {
    let axis = |a: Axis| match a {
        Axis::Rows => "h",
        Axis::Cols => "w",
    };
    match f {
        Field::InputRows => "input-rows".to_owned(),
        Field::InputCols => "input-cols".to_owned(),
        Field::KernelRows(_) => "kernel-rows".to_owned(),
        Field::KernelCols(_) => "kernel-cols".to_owned(),
        Field::Stride(_, a) => format!("stride-{}", axis(a)),
        Field::Padding(_, a) => format!("padding-{}", axis(a)),
        Field::Dilation(_, a) => format!("dilation-{}", axis(a)),
        Field::PoolSize(_, a) => format!("size-{}", axis(a)),
        Field::InputChannels => "input-channels".to_owned(),
        Field::OutChannels(_) => "out-channels".to_owned(),
        Field::Groups(_) => "groups".to_owned(),
    }
}

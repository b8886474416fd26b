//! One layer of the stack: its settings (editable), its kernel and bias (editable grids), the
//! flipped kernel in convolution mode, and the map it outputs — or, when it cannot compute
//! one, why not, in an alert in the map's place.

use yew::prelude::*;

use super::cells::{focus_after_render, icon, sends};
use super::grid_view::{EditView, GridView};
use super::hooks::use_strings;
use super::number_field::NumberField;
use super::props::{GridEvent, GridKind, Marks, Shared};
use crate::model::{Axis, Coord, Grid, Hw, Layer, Mode, ModelError, PoolKind};
use crate::state::{Action, Field, FieldEdit, LayerId};

/// A conv layer's kernel as entered, as applied (flipped in convolution mode), and its bias as
/// a 1×1 grid.
#[derive(Clone, Debug, PartialEq)]
pub struct KernelViews {
    /// The kernel as entered.
    pub entered: Shared<Grid>,
    /// The kernel as applied.
    pub applied: Shared<Grid>,
    /// The bias.
    pub bias: Shared<Grid>,
}

/// The selection and the open editor, where they are in this layer's grids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerCursors {
    /// The selected cell of the output map.
    pub output: Option<Coord>,
    /// The selected cell of the kernel.
    pub kernel: Option<Coord>,
    /// The selected cell of the bias.
    pub bias: Option<Coord>,
    /// The editor, in the kernel.
    pub kernel_edit: Option<EditView>,
    /// The editor, in the bias.
    pub bias_edit: Option<EditView>,
    /// Whether the kernel is selected whole (Ctrl/⌘+A).
    pub kernel_whole: bool,
    /// Why a paste into the kernel or the bias was refused.
    pub kernel_refused: Option<AttrValue>,
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
    /// Its output, or why it has none.
    pub output: Result<Shared<Grid>, ModelError>,
    /// Padding of the next layer, drawn around this layer's output.
    pub next_padding: Hw,
    /// Whether the step controls drive this layer.
    pub active: bool,
    /// Marks on the output map.
    #[prop_or_default]
    pub out_marks: Marks,
    /// Marks on the kernel.
    #[prop_or_default]
    pub kernel_marks: Marks,
    /// Marks on the flipped kernel (convolution mode).
    #[prop_or_default]
    pub flipped_marks: Marks,
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
            let on_mode = {
                let on_action = props.on_action.clone();
                Callback::from(move |e: Event| {
                    if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        let mode =
                            if select.value() == "convolution" { Mode::Convolution } else { Mode::CrossCorrelation };
                        on_action.emit(Action::SetMode { layer: id, mode });
                    }
                })
            };
            let settings = html! {
                <>
                    <fieldset class="pair">
                        <legend>{ t.kernel }</legend>
                        { field(Field::KernelRows(id), t.rows, c.kernel().rows()) }
                        { field(Field::KernelCols(id), t.cols, c.kernel().cols()) }
                    </fieldset>
                    { pair(t.stride, Field::Stride, g.stride()) }
                    { pair(t.padding, Field::Padding, g.padding()) }
                    { pair(t.dilation, Field::Dilation, g.dilation()) }
                    <label class="mode">
                        <span>{ t.mode }</span>
                        <select onchange={on_mode}>
                            <option value="cross-correlation" selected={c.mode() == Mode::CrossCorrelation}>
                                { t.mode_cross_correlation }
                            </option>
                            <option value="convolution" selected={c.mode() == Mode::Convolution}>
                                { t.mode_convolution }
                            </option>
                        </select>
                    </label>
                </>
            };
            let cursors = &props.cursors;
            let operands = match &props.kernel {
                Some(k) => html! {
                    <>
                        <figure class="operand">
                            <figcaption translate="no">{ (t.kernel_sized)(k.entered.rows(), k.entered.cols()) }</figcaption>
                            <GridView kind={GridKind::Kernel(id)} grid={k.entered.clone()} editable={true}
                                label={(t.layer_part)(l, t.kernel)} marks={props.kernel_marks.clone()}
                                cursor={cursors.kernel} edit={cursors.kernel_edit.clone()}
                                whole={cursors.kernel_whole} refused={cursors.kernel_refused.clone()}
                                on_event={props.on_grid.clone()} />
                        </figure>
                        if c.mode() == Mode::Convolution {
                            <figure class="operand">
                                <figcaption>{ t.kernel_applied }</figcaption>
                                <GridView kind={GridKind::Flipped(id)} grid={k.applied.clone()}
                                    label={(t.layer_part)(l, t.kernel_applied)}
                                    marks={props.flipped_marks.clone()} on_event={props.on_grid.clone()} />
                            </figure>
                        }
                        <span class="op" aria-hidden="true">{ "+" }</span>
                        <figure class="operand">
                            <figcaption>{ t.bias }</figcaption>
                            <GridView kind={GridKind::Bias(id)} grid={k.bias.clone()} editable={true}
                                label={(t.layer_part)(l, t.bias)}
                                cursor={cursors.bias} edit={cursors.bias_edit.clone()}
                                on_event={props.on_grid.clone()} />
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
        Ok(grid) => html! {
            <figure class="operand">
                <figcaption translate="no">{ (t.sized)(t.output, grid.rows(), grid.cols()) }</figcaption>
                <GridView kind={GridKind::Map(l)} grid={grid.clone()} padding={props.next_padding}
                    label={(t.layer_part)(l, t.output)} marks={props.out_marks.clone()}
                    cursor={props.cursors.output} on_event={props.on_grid.clone()} />
            </figure>
        },
        Err(e) => html! {
            <p class="alert" role="alert" data-layer-error={l.to_string()} translate="no">
                { (t.layer_error)(l, e) }
            </p>
        },
    };
    let send = |action: Action| sends(&props.on_action, action);
    let activate = send(Action::SetActive(id));
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
    }
}

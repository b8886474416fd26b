//! One layer of the stack: its settings (editable), its kernel and bias (editable grids), the
//! flipped kernel in convolution mode, and the map it outputs — or, when it cannot compute
//! one, why not, in an alert in the map's place.

use yew::prelude::*;

use super::cells::{focus_after_render, icon, sends};
use super::grid_view::{EditView, GridView};
use super::number_field::NumberField;
use super::props::{GridEvent, GridKind, Marks, Shared};
use crate::i18n::tr;
use crate::model::{Axis, Coord, Grid, Hw, Layer, Mode, ModelError, PoolKind};
use crate::state::edit::field_bounds;
use crate::state::{Action, Field, FieldEdit};

/// Props of [`LayerPanel`].
#[derive(Properties, PartialEq)]
pub struct LayerPanelProps {
    /// 1-based position in the stack.
    pub index: usize,
    /// Number of layers in the stack.
    pub count: usize,
    /// The layer.
    pub layer: Layer,
    /// Kernel as entered, as applied, and the bias as a 1×1 grid (convolution layers).
    #[prop_or_default]
    pub kernel: Option<(Shared<Grid>, Shared<Grid>, Shared<Grid>)>,
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
    /// Selected cell of the output, the kernel, the bias.
    #[prop_or_default]
    pub cursors: [Option<Coord>; 3],
    /// Open editor in the kernel, the bias.
    #[prop_or_default]
    pub edits: [Option<EditView>; 2],
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
    let t = tr();
    let l = props.index;
    let g = props.layer.geometry();
    let field = |f: Field, label: String, value: usize| {
        let (min, max) = field_bounds(f);
        let refused = props
            .field_edits
            .iter()
            .find(|e| e.field == f)
            .filter(|e| !e.pending)
            .map(|e| (AttrValue::from(e.raw.clone()), AttrValue::from(e.error.clone())));
        let pending =
            props.field_edits.iter().find(|e| e.field == f && e.pending).map(|e| AttrValue::from(e.raw.clone()));
        let id = format!("layer-{l}-{}", dom_name(f));
        html! {
            <NumberField field={f} label={label} id={id} value={value} refused={refused} pending={pending}
                min={min} max={max} on_action={props.on_action.clone()} />
        }
    };
    let pair = |name: &str, make: fn(usize, Axis) -> Field, hw: Hw| {
        html! {
            <fieldset class="pair">
                <legend>{ name.to_owned() }</legend>
                { field(make(l, Axis::Rows), t.height.to_owned(), hw.h) }
                { field(make(l, Axis::Cols), t.width.to_owned(), hw.w) }
            </fieldset>
        }
    };
    let (title, settings, operands) = match &props.layer {
        Layer::Conv(c) => {
            let mode_label = match c.mode() {
                Mode::CrossCorrelation => t.mode_cross_correlation,
                Mode::Convolution => t.mode_convolution,
            };
            let on_mode = {
                let on_action = props.on_action.clone();
                Callback::from(move |e: Event| {
                    if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        let mode =
                            if select.value() == "convolution" { Mode::Convolution } else { Mode::CrossCorrelation };
                        on_action.emit(Action::SetMode { layer: l, mode });
                    }
                })
            };
            let settings = html! {
                <>
                    <fieldset class="pair">
                        <legend>{ t.kernel }</legend>
                        { field(Field::KernelRows(l), t.rows.to_owned(), c.kernel().rows()) }
                        { field(Field::KernelCols(l), t.cols.to_owned(), c.kernel().cols()) }
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
            let operands = match &props.kernel {
                Some((kernel, flipped, bias)) => html! {
                    <>
                        <figure class="operand">
                            <figcaption>{ format!("{} {}×{}", t.kernel, kernel.rows(), kernel.cols()) }</figcaption>
                            <GridView kind={GridKind::Kernel(l)} grid={kernel.clone()} editable={true}
                                label={format!("{} {l} {}", t.layer, t.kernel)} marks={props.kernel_marks.clone()}
                                cursor={props.cursors[1]} edit={props.edits[0].clone()}
                                on_event={props.on_grid.clone()} />
                        </figure>
                        if c.mode() == Mode::Convolution {
                            <figure class="operand">
                                <figcaption>{ t.kernel_applied }</figcaption>
                                <GridView kind={GridKind::Flipped(l)} grid={flipped.clone()}
                                    label={format!("{} {l} {}", t.layer, t.kernel_applied)}
                                    marks={props.flipped_marks.clone()} on_event={props.on_grid.clone()} />
                            </figure>
                        }
                        <span class="op" aria-hidden="true">{ "+" }</span>
                        <figure class="operand">
                            <figcaption>{ t.bias }</figcaption>
                            <GridView kind={GridKind::Bias(l)} grid={bias.clone()} editable={true}
                                label={format!("{} {l} {}", t.layer, t.bias)}
                                cursor={props.cursors[2]} edit={props.edits[1].clone()}
                                on_event={props.on_grid.clone()} />
                        </figure>
                    </>
                },
                None => html! {},
            };
            (format!("{} {l} · {} ({mode_label})", t.layer, t.convolution_layer), settings, operands)
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
            (format!("{} {l} · {name}", t.layer), settings, html! {})
        }
    };
    let output = match &props.output {
        Ok(grid) => html! {
            <figure class="operand">
                <figcaption>{ format!("{} {} × {}", t.output, grid.rows(), grid.cols()) }</figcaption>
                <GridView kind={GridKind::Map(l)} grid={grid.clone()} padding={props.next_padding}
                    label={format!("{} {l} {}", t.layer, t.output)} marks={props.out_marks.clone()}
                    cursor={props.cursors[0]} on_event={props.on_grid.clone()} />
            </figure>
        },
        Err(e) => html! {
            <p class="alert" role="alert" data-layer-error={l.to_string()}>
                { format!("{} {l}: {e}", t.layer) }
            </p>
        },
    };
    let send = |action: Action| sends(&props.on_action, action);
    let activate = send(Action::SetActive(l));
    // Moving a layer takes the keyboard focus along with it: to the same button on the layer's
    // new card (or the other direction's, at an end of the stack), once that card is drawn.
    let move_to = |up: bool| {
        let on_action = props.on_action.clone();
        let count = props.count;
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::MoveLayer { layer: l, up });
            let to = if up { l.saturating_sub(1) } else { l + 1 };
            let same = if up { "up" } else { "down" };
            let other = if up { "down" } else { "up" };
            let at_end = if up { to <= 1 } else { to >= count };
            let id = format!("layer-{to}-{}", if at_end { other } else { same });
            focus_after_render(id);
        })
    };
    let tools = html! {
        <div class="layer-tools" role="group" aria-label={t.layer_tools(l)}>
            <button type="button" id={format!("layer-{l}-up")} aria-label={t.move_up(l)} title={t.move_up(l)}
                disabled={l <= 1} onclick={move_to(true)}>{ icon("M12 4l7 8h-5v8h-4v-8H5z") }</button>
            <button type="button" id={format!("layer-{l}-down")} aria-label={t.move_down(l)}
                title={t.move_down(l)} disabled={l >= props.count} onclick={move_to(false)}>{ icon("M12 20l-7-8h5V4h4v8h5z") }</button>
            <button type="button" aria-label={t.duplicate(l)} title={t.duplicate(l)}
                disabled={props.count >= crate::state::scene::MAX_LAYERS}
                onclick={send(Action::DuplicateLayer(l))}>{ icon("M8 3h11v13h-3v-2h1V5h-7v1H8zM4 8h11v13H4zm2 2v9h7v-9z") }</button>
            <button type="button" aria-label={t.remove(l)} title={t.remove(l)}
                onclick={send(Action::RemoveLayer(l))}>{ icon("M6 5l6 5.5L18 5l1.5 1.5L13.5 12l6 5.5L18 19l-6-5.5L6 19l-1.5-1.5 6-5.5-6-5.5z") }</button>
        </div>
    };
    html! {
        <section class={classes!("layer", props.active.then_some("active"))} aria-label={title.clone()}
            data-layer={l.to_string()} data-active={props.active.then_some("true")}>
            <div class="layer-head">
                <h2>{ title }</h2>
                { tools }
            </div>
            if props.active {
                <p class="active-badge">{ t.active_layer }</p>
            } else {
                <button type="button" class="activate" onclick={activate}>{ t.step_this_layer }</button>
            }
            <div class="settings">{ settings }</div>
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

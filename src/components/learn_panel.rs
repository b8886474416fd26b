//! The learning demo (#14): a learner kernel trained by gradient descent to reproduce a conv
//! layer's output from its input alone. The controls (one epoch, train / pause, reset, the
//! learning rate, the learner's operation, learning the bias), the initial kernel (typed, all
//! zeros or random from a shown seed), the learner's kernel and bias as they move, the kernel to
//! discover behind a reveal button, the target Y, the prediction Ŷ and the error Ŷ − Y, the
//! epoch and loss (`#learn-status`, a polite live region) and the loss curve.
//!
//! Everything shown is computed by `state::learning` (natively tested); this component lays it
//! out and sends actions.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas_map::CanvasMap;
use super::cells::{mode_select, on_change, sends, slice_label};
use super::grid_view::{EditView, GridView};
use super::hooks::use_strings;
use super::props::{planes_of, GridEvent, GridKind, LearnMap, Shared};
use crate::model::{format_value, Conv, Coord, Grid, Hw, Slice};
use crate::state::canvas::on_canvas;
use crate::state::learning::{loss_path, loss_words, Learning};
use crate::state::{Action, LayerId, Learn, SPEEDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};

/// Size of the loss curve's box, in SVG units.
const CURVE: (f64, f64) = (320.0, 120.0);

/// Props of [`LearnPanel`].
#[derive(Properties, PartialEq)]
pub struct LearnPanelProps {
    /// The setup.
    pub setup: Learn,
    /// The layer learned.
    pub layer: Rc<Conv>,
    /// The progress.
    pub learning: Learning,
    /// The stepper's speed (index into `SPEEDS`), at which training plays.
    pub speed: usize,
    /// The seed the next "Random" uses.
    pub seed: u64,
    /// The selected cell of the initial kernel, and its slice.
    #[prop_or_default]
    pub cursor: Option<(Slice, Coord)>,
    /// The editor, in a slice of the initial kernel.
    #[prop_or_default]
    pub edit: Option<(Slice, EditView)>,
    /// Why a paste into the initial kernel was refused, and which slice.
    #[prop_or_default]
    pub refused: Option<(Slice, AttrValue)>,
    /// Grid events.
    pub on_grid: Callback<GridEvent>,
    /// Actions.
    pub on_action: Callback<Action>,
}

/// Every slice of a kernel, shared.
fn slices(conv: &Conv, f: impl Fn(&Grid) -> Grid) -> Vec<(Slice, Shared<Grid>)> {
    conv.slices().map(|(s, g)| (s, Shared::from(f(g)))).collect()
}

/// The learning demo.
#[component]
pub fn LearnPanel(props: &LearnPanelProps) -> Html {
    let t = use_strings();
    let setup = &props.setup;
    let id: LayerId = setup.layer;
    let l = id.get();
    let learning = &props.learning;
    let layer = &props.layer;
    let single = layer.is_single();
    let learner_mode = setup.mode_on(layer);

    // Grids shared across renders while what they show is the same allocation.
    let flipped_back = learner_mode != layer.mode();
    let learned = use_memo((learning.learner.clone().map(Shared), flipped_back), |(learner, flipped_back)| {
        learner
            .as_ref()
            .map(|c| (slices(c, Grid::clone), if *flipped_back { slices(c, Grid::flipped) } else { Vec::new() }))
    });
    // The bias grid only changes when the bias is learned: compared by value, not by learner.
    let bias = use_memo(learning.learner.as_ref().map(|c| c.bias().to_vec()).unwrap_or_default(), |bias| {
        Shared::from(
            Grid::from_fn(bias.len().max(1), 1, |o, _| bias.get(o).copied().unwrap_or(0.0)).unwrap_or_default(),
        )
    });
    let truth = use_memo(Shared(Rc::clone(layer)), |layer| slices(layer, Grid::clone));
    let init = use_memo(setup.init.clone(), |init| {
        layer.slices().zip(init.iter()).map(|((s, _), g)| (s, Shared::from(g.clone()))).collect::<Vec<_>>()
    });
    // Y stays the same allocation from epoch to epoch (its canvas is not redrawn); Ŷ and the
    // error are new each epoch.
    let target =
        use_memo(learning.maps.as_ref().map(|m| Shared(Rc::clone(&m.target))), |t| t.as_ref().map(|t| planes_of(t)));
    let moving = use_memo(learning.maps.as_ref().map(|m| Shared(Rc::clone(&m.prediction))), |_| {
        learning.maps.as_ref().map(|m| {
            let error = m.error().map_or_else(|| Shared::from(Vec::new()), |e| planes_of(&e));
            (planes_of(&m.prediction), error)
        })
    });
    let maps = (*moving).clone().zip((*target).clone()).map(|((prediction, error), target)| {
        [(LearnMap::Target, target), (LearnMap::Prediction, prediction), (LearnMap::Error, error)]
    });
    let label = |part: &str, s: Slice| slice_label(t, part, single, s);
    let kernel_row = |views: &[(Slice, Shared<Grid>)], kind: fn(LayerId, Slice) -> GridKind, part: &str| -> Html {
        html! {
            <div class="learn-slices">
                { for views.iter().map(|(s, g)| html! {
                    <GridView kind={kind(id, *s)} grid={g.clone()} label={label(part, *s)} on_event={props.on_grid.clone()} />
                }) }
            </div>
        }
    };
    let init_grids = html! {
        <div class="learn-slices">
            { for init.iter().map(|(s, g)| html! {
                <GridView kind={GridKind::Init(id, *s)} grid={g.clone()} editable={true} label={label(t.initial_kernel, *s)}
                    cursor={props.cursor.filter(|(k, _)| k == s).map(|(_, at)| at)}
                    edit={props.edit.clone().filter(|(k, _)| k == s).map(|(_, v)| v)}
                    refused={props.refused.clone().filter(|(k, _)| k == s).map(|(_, r)| r)}
                    on_event={props.on_grid.clone()} />
            }) }
        </div>
    };

    let send = |action: Action| sends(&props.on_action, action);
    let on_rate = on_change(&props.on_action, |input: &HtmlInputElement| Some(Action::SetRate(input.value())));
    // Training's speed is the stepper's, offered here too (a phone hides the stepper's slider).
    let on_speed =
        on_change(&props.on_action, |select: &HtmlSelectElement| select.value().parse().ok().map(Action::SetSpeed));
    let on_bias = on_change(&props.on_action, |input: &HtmlInputElement| Some(Action::SetLearnBias(input.checked())));
    let on_log = on_change(&props.on_action, |_: &HtmlInputElement| Some(Action::ToggleLogScale));

    let rate_refused = learning.rate_text.as_ref();
    let rate_value = rate_refused.map_or_else(|| format_value(setup.lr), |(text, _)| text.clone());
    let loss = learning.loss();
    let loss_text = loss.map(format_value).unwrap_or_default();
    let status = loss.map(|l| (t.learn_status)(learning.epoch, &loss_words(l))).unwrap_or_default();
    let problem = learning.problem.as_ref().map(|p| {
        let lower = match p {
            crate::model::learn::LearnError::Diverged { lr } => Some(format_value(lr / 10.0)),
            _ => None,
        };
        html! {
            <div class="alert" role="alert" id="learn-error" translate="no">
                <p>{ (t.learn_error)(p) }</p>
                if let Some(lower) = lower {
                    { button("lower-rate", (t.lower_rate)(&lower), send(Action::SetRate(lower.clone()))) }
                }
            </div>
        }
    });
    let (path, (lo, hi)) = loss_path(&learning.losses, learning.log_scale, CURVE.0, CURVE.1);
    // What the curve shows, for a screen reader: from the first loss to the last.
    let curve_label = match (learning.losses.first(), learning.losses.last()) {
        (Some(&first), Some(&last)) => (t.loss_curve_label)(learning.epoch, &loss_words(first), &loss_words(last)),
        _ => t.loss_curve.to_owned(),
    };
    let map_views = maps.as_ref().map(|maps| {
        maps.iter()
            .map(|(kind, planes)| {
                let caption = match kind {
                    LearnMap::Target => t.target_map,
                    LearnMap::Prediction => t.prediction_map,
                    LearnMap::Error => t.error_map,
                };
                let many = planes.len() > 1;
                html! {
                    <figure class="operand learn-map">
                        <figcaption translate="no">{ caption }</figcaption>
                        { for planes.iter().enumerate().map(|(c, g)| {
                            let name: AttrValue = if many {
                                format!("{caption}{}{}", t.list_separator, (t.channel_name)(c)).into()
                            } else {
                                caption.into()
                            };
                            if on_canvas(Hw::new(g.rows(), g.cols())) {
                                html! {
                                    <CanvasMap map={l} channel={c} grid={g.clone()} label={name} learn={Some(*kind)}
                                        on_event={props.on_grid.clone()} />
                                }
                            } else {
                                html! {
                                    <GridView kind={GridKind::LearnMap(*kind, c)} grid={g.clone()} label={name}
                                        on_event={props.on_grid.clone()} />
                                }
                            }
                        }) }
                    </figure>
                }
            })
            .collect::<Html>()
    });
    html! {
        <section class="learn" id="learn" aria-labelledby="learn-heading" data-learn-layer={l.to_string()}>
            <h2 id="learn-heading" tabindex="-1" translate="no">{ (t.learn_heading)(l) }</h2>
            <p class="hint">{ t.learn_intro }</p>
            <div class="learn-controls" role="group" aria-label={t.learn_controls}>
                { button("train-epoch", t.train_epoch, send(Action::TrainEpoch)) }
                <button type="button" id="train-play" aria-pressed={if learning.playing { "true" } else { "false" }}
                    disabled={learning.learner.is_none()} onclick={send(Action::ToggleTrain)}>
                    { if learning.playing { t.train_pause } else { t.train_play } }
                </button>
                <label class="learn-field">
                    <span>{ t.speed }</span>
                    <select id="learn-speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, &speed)| html! {
                            <option value={i.to_string()} selected={i == props.speed}>{ (t.epochs_per_second)(speed) }</option>
                        }) }
                    </select>
                </label>
                { button("reset-learning", t.reset_learning, send(Action::ResetLearning)) }
                <label class="learn-field">
                    <span>{ t.learning_rate }</span>
                    <input id="learn-rate" type="text" inputmode="decimal" autocomplete="off" size="8" value={rate_value}
                        onchange={on_rate} aria-invalid={rate_refused.map(|_| "true")}
                        aria-describedby={rate_refused.map(|_| "learn-rate-error")} />
                </label>
                <label class="learn-field">
                    <span>{ t.learner_mode }</span>
                    { mode_select(t, Some("learn-mode"), learner_mode, &props.on_action, Action::SetLearnMode) }
                </label>
                { check("learn-bias", t.learn_bias, setup.learn_bias, on_bias) }
                { button("stop-learning", t.stop_learning, send(Action::StopLearning)) }
            </div>
            if let Some((_, error)) = rate_refused {
                <p class="field-error" role="alert" id="learn-rate-error" translate="no">{ (t.edit_error)(error) }</p>
            }
            <p id="learn-status" class="learn-status" aria-live="polite" translate="no"
                data-epoch={learning.epoch.to_string()} data-loss={loss_text.clone()}>{ status }</p>
            { problem.unwrap_or_default() }
            <div class="flow learn-kernels">
                <figure class="operand">
                    <figcaption>{ t.initial_kernel }</figcaption>
                    { init_grids }
                    <div class="learn-init-tools">
                        { button("init-zeros", t.init_zeros, send(Action::FillInit(None))) }
                        { button("init-random", (t.init_random)(props.seed), send(Action::FillInit(Some(())))) }
                    </div>
                </figure>
                if let Some((kernel, back)) = learned.as_ref() {
                    <figure class="operand">
                        <figcaption>{ t.learned_kernel }</figcaption>
                        { kernel_row(kernel, GridKind::Learned, t.learned_kernel) }
                    </figure>
                    <figure class="operand">
                        <figcaption>{ t.learned_bias }</figcaption>
                        <GridView kind={GridKind::LearnedBias(id)} grid={(*bias).clone()} label={t.learned_bias}
                            on_event={props.on_grid.clone()} />
                    </figure>
                    if flipped_back {
                        <figure class="operand">
                            <figcaption>{ t.flipped_back }</figcaption>
                            { kernel_row(back, GridKind::LearnedFlipped, t.flipped_back) }
                        </figure>
                    }
                }
                <figure class="operand">
                    <button type="button" id="reveal-kernel" aria-expanded={if learning.revealed { "true" } else { "false" }}
                        onclick={send(Action::ToggleReveal)}>
                        { if learning.revealed { t.hide_kernel } else { t.reveal_kernel } }
                    </button>
                    if learning.revealed {
                        <figcaption>{ t.kernel_to_discover }</figcaption>
                        { kernel_row(&truth, GridKind::Discover, t.kernel_to_discover) }
                    }
                </figure>
            </div>
            if flipped_back {
                <p class="flip-note" id="flipped-back-note">{ t.flipped_back_note }</p>
            }
            <div class="flow learn-maps">{ map_views.unwrap_or_default() }</div>
            <figure class="loss-curve">
                <figcaption>{ t.loss_curve }</figcaption>
                <p class="curve-range" translate="no">{ loss_words(hi) }</p>
                <svg viewBox={format!("-4 -4 {} {}", CURVE.0 + 8.0, CURVE.1 + 8.0)} role="img" aria-label={curve_label}
                    preserveAspectRatio="none">
                    <path class="axis" d={format!("M0,0V{h}H{w}", w = CURVE.0, h = CURVE.1)} />
                    <path class="curve" d={path} vector-effect="non-scaling-stroke" />
                </svg>
                <p class="curve-range" translate="no">{ loss_words(lo) }</p>
                { check("log-scale", t.log_scale, learning.log_scale, on_log) }
            </figure>
        </section>
    }
}

/// A button: one function for all of them, so the panel's code holds one copy of its markup.
fn button(id: &'static str, label: impl Into<AttrValue>, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" id={id} onclick={onclick}>{ label.into() }</button> }
}

/// A labelled checkbox.
fn check(id: &'static str, label: &'static str, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label class="learn-check">
            <input id={id} type="checkbox" checked={checked} onchange={onchange} />
            <span>{ label }</span>
        </label>
    }
}

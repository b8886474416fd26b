//! The step controls: first / back / play-pause / forward / last, a scrubber over every window
//! position, a speed control, and a polite live region announcing each step.

use yew::prelude::*;

use super::cells::{emit_and_hand_on, icon, sends};
use super::hooks::use_strings;
use crate::state::{Action, SPEEDS};

/// Props of [`StepControls`].
#[derive(Properties, PartialEq)]
pub struct StepControlsProps {
    /// Row-major index of the window's position.
    pub step: usize,
    /// Number of positions (0 when the active layer has no output).
    pub total: usize,
    /// Whether playing.
    pub playing: bool,
    /// Index into `SPEEDS`.
    pub speed: usize,
    /// The announcement for the current step.
    pub status: AttrValue,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// Buttons, scrubber, speed and the live status.
#[component]
pub fn StepControls(props: &StepControlsProps) -> Html {
    let t = use_strings();
    let send = |a: Action| sends(&props.on_action, a);
    // A button that reaches an end disables itself; the focus goes to the way back instead of
    // falling to the page.
    let step = |a: Action, ends: bool, then: &'static str| emit_and_hand_on(&props.on_action, a, ends.then_some(then));
    let (s, total) = (props.step, props.total);
    let on_scrub = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e.target_dyn_into::<web_sys::HtmlInputElement>().and_then(|i| i.value().parse().ok()) {
                on_action.emit(Action::StepTo(v));
            }
        })
    };
    let on_speed = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e.target_dyn_into::<web_sys::HtmlInputElement>().and_then(|i| i.value().parse().ok()) {
                on_action.emit(Action::SetSpeed(v));
            }
        })
    };
    let none = props.total == 0;
    let at_start = none || props.step == 0;
    let at_end = none || props.step + 1 >= props.total;
    let speed = SPEEDS.get(props.speed).copied().unwrap_or(1.0);
    let (play_label, play_icon) =
        if props.playing { (t.pause, icon("M7 5h4v14H7zM13 5h4v14h-4z")) } else { (t.play, icon("M7 5v14l11-7z")) };
    html! {
        <div class="step-controls" role="group" aria-label={t.step_controls}>
            <div class="buttons">
                <button type="button" aria-label={t.first_step} title={t.first_step} disabled={at_start}
                    id="step-first" onclick={step(Action::FirstStep, true, "step-forward")}>{ icon("M6 5h2v14H6zM19 5v14L9 12z") }</button>
                <button type="button" aria-label={t.step_back} title={t.step_back} disabled={at_start}
                    id="step-back" onclick={step(Action::StepBack, s <= 1, "step-forward")}>{ icon("M15.5 5 17 6.5 11.5 12l5.5 5.5-1.5 1.5-7-7z") }</button>
                <button type="button" class="play" aria-label={play_label} title={play_label}
                    disabled={props.total <= 1} onclick={send(Action::TogglePlay)}>
                    { play_icon }<span class="button-text" translate="no">{ play_label }</span>
                </button>
                <button type="button" aria-label={t.step_forward} title={t.step_forward} disabled={at_end}
                    id="step-forward" onclick={step(Action::StepForward, s + 2 >= total, "step-back")}>{ icon("M8.5 5 7 6.5l5.5 5.5L7 17.5 8.5 19l7-7z") }</button>
                <button type="button" aria-label={t.last_step} title={t.last_step} disabled={at_end}
                    id="step-last" onclick={step(Action::LastStep, true, "step-back")}>{ icon("M16 5h2v14h-2zM5 5v14l10-7z") }</button>
            </div>
            <label class="scrubber">
                <span class="visually-hidden">{ t.scrubber }</span>
                <input type="range" min="0" max={props.total.saturating_sub(1).to_string()}
                    value={props.step.to_string()} disabled={none} oninput={on_scrub}
                    aria-valuetext={props.status.clone()} />
            </label>
            <label class="speed">
                <span>{ t.speed }</span>
                <input type="range" min="0" max={(SPEEDS.len() - 1).to_string()} value={props.speed.to_string()}
                    oninput={on_speed} aria-valuetext={(t.speed_text)(speed)} />
                <span class="speed-value" translate="no">{ (t.speed_text)(speed) }</span>
            </label>
            <p class="status" id="step-status" aria-live="polite" translate="no">{ props.status.clone() }</p>
        </div>
    }
}

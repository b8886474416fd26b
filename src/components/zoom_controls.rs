//! Zoom: smaller, "Fit" (cells as large as fit the screen, the default) and larger; Ctrl (⌘) +
//! wheel or a pinch over the maps does the same (`hooks::use_wheel_zoom`).

use yew::prelude::*;

use super::cells::sends;
use super::hooks::use_strings;
use crate::state::{Action, MAX_ZOOM};

/// Props of [`ZoomControls`].
#[derive(Properties, PartialEq)]
pub struct ZoomControlsProps {
    /// Zoom steps away from the fit (0 = fit).
    pub zoom: i8,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The zoom buttons.
#[component]
pub fn ZoomControls(props: &ZoomControlsProps) -> Html {
    let t = use_strings();
    let send = |a: Action| sends(&props.on_action, a);
    html! {
        <div class="zoom" role="group" aria-label={t.zoom}>
            <button type="button" id="zoom-out" aria-label={t.zoom_out} title={t.zoom_out}
                disabled={props.zoom <= -MAX_ZOOM} onclick={send(Action::ZoomOut)}>{ "−" }</button>
            <button type="button" id="zoom-fit" aria-pressed={if props.zoom == 0 { "true" } else { "false" }}
                onclick={send(Action::ZoomFit)}>{ t.zoom_fit }</button>
            <button type="button" id="zoom-in" aria-label={t.zoom_in} title={t.zoom_in}
                disabled={props.zoom >= MAX_ZOOM} onclick={send(Action::ZoomIn)}>{ "+" }</button>
        </div>
    }
}

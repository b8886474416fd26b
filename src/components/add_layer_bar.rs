//! Buttons that append a layer to the stack: d2l's 2×2 convolution (no padding), or 2×2 pooling.

use yew::prelude::*;

use super::cells::sends;
use super::hooks::use_strings;
use crate::state::{Action, NewLayer};

/// Props of [`AddLayerBar`].
#[derive(Properties, PartialEq)]
pub struct AddLayerBarProps {
    /// True when the stack is full.
    pub disabled: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The add-layer buttons.
#[component]
pub fn AddLayerBar(props: &AddLayerBarProps) -> Html {
    let t = use_strings();
    let button = |label: &'static str, kind: NewLayer| {
        html! {
            <button type="button" disabled={props.disabled} onclick={sends(&props.on_action, Action::AddLayer(kind))}>
                { label }
            </button>
        }
    };
    html! {
        <div class="add-layer" role="group" aria-label={t.add_layer}>
            { button(t.add_conv, NewLayer::Conv) }
            { button(t.add_max_pool, NewLayer::MaxPool) }
            { button(t.add_avg_pool, NewLayer::AvgPool) }
            if props.disabled {
                <span class="field-hint" role="status" translate="no">{ t.stack_full }</span>
            }
        </div>
    }
}

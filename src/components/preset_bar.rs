//! One-click presets, Randomize and Clear.

use yew::prelude::*;

use super::cells::sends;
use super::hooks::use_strings;
use crate::state::{Action, Preset};

/// Props of [`PresetBar`].
#[derive(Properties, PartialEq)]
pub struct PresetBarProps {
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The preset buttons.
#[component]
pub fn PresetBar(props: &PresetBarProps) -> Html {
    let t = use_strings();
    let button = |label: &'static str, action: Action| {
        html! {
            <button type="button" onclick={sends(&props.on_action, action)}>
                { label }
            </button>
        }
    };
    let presets: Html =
        Preset::ALL.iter().zip(t.preset_names).map(|(p, name)| button(name, Action::Preset(*p))).collect();
    html! {
        <nav class="presets" aria-label={t.presets}>
            <span class="presets-title">{ t.presets }</span>
            { presets }
            <span class="sep" aria-hidden="true"></span>
            { button(t.randomize, Action::Randomize) }
            { button(t.clear, Action::Clear) }
        </nav>
    }
}

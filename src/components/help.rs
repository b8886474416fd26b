//! The keyboard shortcuts, shown by the "?" button or the ? key.

use yew::prelude::*;

use super::cells::{close_on_escape, emit_and_hand_on};
use super::hooks::use_strings;
use crate::state::Action;

/// Props of [`Help`].
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// Whether the shortcuts are shown.
    pub open: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The shortcuts panel.
#[component]
pub fn Help(props: &HelpProps) -> Html {
    let t = use_strings();
    if !props.open {
        return html! {};
    }
    // Closing from inside hands the focus back to the "?" button that opened it.
    let close = emit_and_hand_on(&props.on_action, Action::ToggleHelp, Some("help-button"));
    let on_key = close_on_escape(&props.on_action, Action::CloseHelp, "help-button");
    let rows: Html = t
        .shortcut_list
        .iter()
        .map(|(key, what)| html! { <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr> })
        .collect();
    html! {
        <div class="help" role="dialog" aria-label={t.shortcuts} id="shortcuts" tabindex="0" onkeydown={on_key}>
            <h2>{ t.shortcuts }</h2>
            <table><tbody>{ rows }</tbody></table>
            <p class="note">{ t.pooling_note }</p>
            <button type="button" onclick={close}>{ t.close }</button>
        </div>
    }
}

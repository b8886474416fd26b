//! The keyboard shortcuts, shown by the "?" button or the ? key.

use yew::prelude::*;

use super::cells::sends;
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
    let close = sends(&props.on_action, Action::ToggleHelp);
    let rows: Html = t
        .shortcut_list
        .iter()
        .map(|(key, what)| html! { <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr> })
        .collect();
    html! {
        <div class="help" role="dialog" aria-label={t.shortcuts} id="shortcuts">
            <h2>{ t.shortcuts }</h2>
            <table><tbody>{ rows }</tbody></table>
            <p class="note">{ t.pooling_note }</p>
            <button type="button" onclick={close}>{ t.close }</button>
        </div>
    }
}

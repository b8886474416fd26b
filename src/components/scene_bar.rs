//! Keeping scenes: Undo and Redo, Copy link (the `#scene=` link on the clipboard, or shown to
//! copy by hand where there is no clipboard), Export (a `.json` download), Import (a file
//! picker; dropping a file anywhere works too, see `app`), and Reset, which asks first.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::cells::{emit_and_hand_on, sends};
use super::hooks::use_strings;
use super::props::Shared;
use crate::state::{Action, Notice, NoticeKind, Scene, View};
use crate::web::{copy_link, download, read_scene_file};

/// Props of [`SceneBar`].
#[derive(Properties, PartialEq)]
pub struct SceneBarProps {
    /// The current scene.
    pub scene: Shared<Scene>,
    /// The current view, which Copy link and Export carry with the scene.
    #[prop_or_default]
    pub view: Option<View>,
    /// Whether Undo can do something.
    pub can_undo: bool,
    /// Whether Redo can do something.
    pub can_redo: bool,
    /// How many changes Undo can still take back.
    pub undo_left: usize,
    /// How many changes Redo can still do again.
    pub redo_left: usize,
    /// Whether Reset is asking for confirmation.
    pub confirm_reset: bool,
    /// A confirmation to show.
    #[prop_or_default]
    pub notice: Option<Notice>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The scene toolbar.
#[component]
pub fn SceneBar(props: &SceneBarProps) -> Html {
    let t = use_strings();
    let file_input = use_node_ref();
    let confirm_button = use_node_ref();
    // When Reset asks, the focus goes to its answer (so a keyboard user is not left on a button
    // that just disappeared).
    {
        let confirm_button = confirm_button.clone();
        use_effect_with(props.confirm_reset, move |asking| {
            if *asking {
                if let Some(button) = confirm_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let on_confirm_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_action.emit(Action::CancelReset);
            }
        })
    };
    let send = |a: Action| sends(&props.on_action, a);
    // The last Undo (or Redo) disables its button; the focus goes to the other one.
    let history =
        |a: Action, last: bool, then: &'static str| emit_and_hand_on(&props.on_action, a, last.then_some(then));
    let copy = {
        let on_action = props.on_action.clone();
        let scene = props.scene.clone();
        let view = props.view;
        Callback::from(move |_: MouseEvent| copy_link(&scene, view, on_action.clone()))
    };
    let export = {
        let on_action = props.on_action.clone();
        let scene = props.scene.clone();
        let view = props.view;
        Callback::from(move |_: MouseEvent| {
            if download(&scene, view).is_some() {
                on_action.emit(Action::Notify(Some(Notice { kind: NoticeKind::Exported, link: None })));
            }
        })
    };
    let pick = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    read_scene_file(file, on_action.clone());
                }
                input.set_value("");
            }
        })
    };
    let notice = props.notice.as_ref().map(|n| {
        html! {
            <span class="notice">
                { match n.kind {
                    NoticeKind::LinkCopied => t.link_copied.to_owned(),
                    NoticeKind::LinkNotCopied => t.link_not_copied.to_owned(),
                    NoticeKind::Exported => t.exported.to_owned(),
                    NoticeKind::ViewDropped => t.view_dropped.to_owned(),
                    NoticeKind::LinkTooLong => t.link_too_long.to_owned(),
                    NoticeKind::NoSuchPage { pages } => (t.no_such_page)(pages),
                } }
                if let Some(link) = &n.link {
                    { " " }<input class="link-field" type="text" readonly={true} value={link.clone()}
                        aria-label={t.copy_link} />
                }
            </span>
        }
    });
    html! {
        <section class="scene-bar" aria-label={t.scene_actions}>
            <button type="button" id="undo" disabled={!props.can_undo}
                onclick={history(Action::Undo, props.undo_left <= 1, "redo")} title="Ctrl+Z">{ t.undo }</button>
            <button type="button" id="redo" disabled={!props.can_redo}
                onclick={history(Action::Redo, props.redo_left <= 1, "undo")} title="Ctrl+Shift+Z">{ t.redo }</button>
            <button type="button" onclick={copy}>{ t.copy_link }</button>
            <button type="button" onclick={export}>{ t.export }</button>
            <button type="button" onclick={pick} title={t.drop_hint}>{ t.import }</button>
            <input ref={file_input} type="file" accept=".json,application/json" hidden={true}
                onchange={picked} id="import-file" />
            if props.confirm_reset {
                <span class="confirm" role="group" aria-label={t.reset} onkeydown={on_confirm_key}>
                    <span>{ t.reset_question }</span>
                    <button ref={confirm_button} type="button" class="danger" onclick={send(Action::ConfirmReset)}>
                        { t.reset_confirm }
                    </button>
                    <button type="button" onclick={send(Action::CancelReset)}>{ t.cancel }</button>
                </span>
            } else {
                <button type="button" onclick={send(Action::AskReset)}>{ t.reset }</button>
            }
            <span class="notice-area" role="status" id="notice" translate="no">{ for notice }</span>
        </section>
    }
}

//! The PyTorch code of the scene (#15): shown by the header's Code button, written only while
//! shown (a picture's code is hundreds of kilobytes), with or without its checks, to copy or to
//! download as a `.py` file.

use yew::prelude::*;

use super::cells::{close_on_escape, emit_and_hand_on};
use super::hooks::use_strings;
use super::props::Shared;
use crate::i18n::Lang;
use crate::state::pytorch::pytorch;
use crate::state::{Action, Scene};
use crate::web::{copy_text, download_text};

/// Props of [`CodePanel`].
#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    /// The scene whose code is shown.
    pub scene: Shared<Scene>,
    /// Where actions go (closing the panel).
    pub on_action: Callback<Action>,
}

/// What became of the last Copy.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Yes,
    No,
}

/// The code, its options and its buttons.
#[component]
pub fn CodePanel(props: &CodePanelProps) -> Html {
    let t = use_strings();
    let lang = use_context::<Lang>().unwrap_or_default();
    let checks = use_state(|| true);
    let copied = use_state(|| None::<Copied>);
    let code = use_memo((props.scene.clone(), *checks, lang), |(scene, checks, lang)| {
        AttrValue::from(pytorch(&scene.0, *checks, lang.strings()))
    });
    // A new scene or option: an earlier "copied" no longer speaks of this code.
    {
        let copied = copied.clone();
        use_effect_with(code.clone(), move |_| copied.set(None));
    }
    let on_checks = {
        let checks = checks.clone();
        Callback::from(move |_: Event| checks.set(!*checks))
    };
    let on_copy = {
        let (code, copied) = (code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy_text(
                &code,
                Callback::from(move |ok: bool| copied.set(Some(if ok { Copied::Yes } else { Copied::No }))),
            );
        })
    };
    let on_download = {
        let code = code.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download_text(&code, "text/x-python", "convscope_scene.py");
        })
    };
    let close = emit_and_hand_on(&props.on_action, Action::ToggleCode, Some("code-button"));
    // Escape anywhere in the panel closes it, and the focus goes back to the Code button.
    let on_key = close_on_escape(&props.on_action, Action::ToggleCode, "code-button");
    let status = match *copied {
        Some(Copied::Yes) => t.code_copied,
        Some(Copied::No) => t.code_not_copied,
        None => "",
    };
    html! {
        <section class="code-panel" id="code" aria-labelledby="code-heading" onkeydown={on_key}>
            <h2 id="code-heading">{ t.code_heading }</h2>
            <p class="hint">{ t.code_intro }</p>
            <div class="code-tools">
                <label class="learn-check">
                    <input id="code-checks" type="checkbox" checked={*checks} onchange={on_checks} />
                    <span>{ t.code_checks }</span>
                </label>
                <button type="button" id="copy-code" onclick={on_copy}>{ t.copy_code }</button>
                <button type="button" id="download-code" onclick={on_download}>{ t.download_code }</button>
                <button type="button" id="close-code" onclick={close}>{ t.close }</button>
                <span class="code-status" id="code-status" role="status" translate="no">{ status }</span>
            </div>
            // Code, not prose: a page translator must leave it alone; its comments are already
            // in the reader's language.
            <pre class="code" id="code-text" tabindex="0" translate="no" aria-label={t.code_heading}><code>{ (*code).clone() }</code></pre>
        </section>
    }
}

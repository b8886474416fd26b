//! The language picker in the header: a native menu whose options are each written in their
//! own language, so anyone can find the one they read. Switching re-renders the page at once
//! and keeps everything else (the scene, the step, the selection, the undo history, a cell
//! being edited).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::cells::icon;
use super::hooks::use_strings;
use crate::i18n::Lang;

/// Props of [`LanguagePicker`].
#[derive(Properties, PartialEq)]
pub struct LanguagePickerProps {
    /// The page's language.
    pub lang: Lang,
    /// A language was picked.
    pub on_pick: Callback<Lang>,
}

/// The menu of languages.
#[component]
pub fn LanguagePicker(props: &LanguagePickerProps) -> Html {
    let t = use_strings();
    let on_change = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: Event| {
            if let Some(lang) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| Lang::from_code(&s.value())) {
                on_pick.emit(lang);
            }
        })
    };
    let options: Html = Lang::ALL
        .iter()
        .map(|&l| html! { <option value={l.code()} lang={l.code()} selected={l == props.lang}>{ l.name() }</option> })
        .collect();
    html! {
        <label class="language" translate="no">
            { icon("M12 2a10 10 0 100 20 10 10 0 000-20zm6.9 6h-3a15.7 15.7 0 00-1.4-3.6A8 8 0 0118.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4zM4.3 14a8.2 8.2 0 010-4h3.4a16.5 16.5 0 000 4zm.8 2h3a15.7 15.7 0 001.4 3.6A8 8 0 015.1 16zm3-8h-3a8 8 0 014.3-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 010-4h4.6a14.7 14.7 0 010 4zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 01-4.4 3.6zm1.7-5.6a16.5 16.5 0 000-4h3.4a8.2 8.2 0 010 4z") }
            <select id="language" aria-label={t.language_label} onchange={on_change}>{ options }</select>
        </label>
    }
}

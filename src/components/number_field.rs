//! A whole-number setting (a size, stride, padding or dilation) typed as text, so that refused
//! text stays visible with its message (`aria-invalid`, `role="alert"`) while the scene keeps
//! its last valid value.

use yew::prelude::*;

use super::hooks::use_strings;
use crate::state::{Action, Field, FieldEdit, FieldState};

/// Props of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The setting.
    pub field: Field,
    /// Visible label.
    pub label: AttrValue,
    /// A DOM id unique on the page.
    pub id: AttrValue,
    /// The current valid value.
    pub value: usize,
    /// Text typed but not applied (refused, or waiting for Enter), if any.
    #[prop_or_default]
    pub text: Option<FieldEdit>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// A labelled text field for a whole number.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let on_input = {
        let on_action = props.on_action.clone();
        let field = props.field;
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_action.emit(Action::SetField { field, text: input.value() });
            }
        })
    };
    let on_change = {
        let on_action = props.on_action.clone();
        let field = props.field;
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_action.emit(Action::CommitField { field, text: input.value() });
            }
        })
    };
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let t = use_strings();
    let (min, max) = props.field.bounds();
    let text = props.text.as_ref().map_or_else(|| props.value.to_string(), |e| e.raw.clone());
    let (error, pending) = match props.text.as_ref().map(|e| &e.state) {
        Some(FieldState::Refused(e)) => (Some((t.edit_error)(e)), false),
        Some(FieldState::Pending) => (None, true),
        None => (None, false),
    };
    let described = error.as_ref().map(|_| error_id.clone()).or(pending.then(|| hint_id.clone()));
    html! {
        <span class="number-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" size="3" value={text}
                title={format!("{min}–{max}")}
                aria-invalid={error.as_ref().map(|_| "true")}
                aria-describedby={described}
                oninput={on_input} onchange={on_change} />
            if let Some(message) = error {
                <span class="field-error" role="alert" id={error_id} translate="no">{ message }</span>
            } else if pending {
                <span class="field-hint" role="status" id={hint_id} translate="no">{ t.apply_shrink }</span>
            }
        </span>
    }
}

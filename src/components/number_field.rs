//! A whole-number setting (a size, stride, padding or dilation) typed as text, so that refused
//! text stays visible with its message (`aria-invalid`, `role="alert"`) while the scene keeps
//! its last valid value.

use yew::prelude::*;

use crate::i18n::tr;
use crate::state::{Action, Field};

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
    /// Refused text and why, if the last text was refused.
    #[prop_or_default]
    pub refused: Option<(AttrValue, AttrValue)>,
    /// Text that waits for Enter (a shrinking size), if any.
    #[prop_or_default]
    pub pending: Option<AttrValue>,
    /// Bounds, shown as a hint.
    pub min: usize,
    /// Bounds, shown as a hint.
    pub max: usize,
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
    let (text, error) = match (&props.refused, &props.pending) {
        (Some((raw, error)), _) => (raw.clone(), Some(error.clone())),
        (None, Some(raw)) => (raw.clone(), None),
        (None, None) => (AttrValue::from(props.value.to_string()), None),
    };
    let described = error.as_ref().map(|_| error_id.clone()).or(props.pending.as_ref().map(|_| hint_id.clone()));
    html! {
        <span class="number-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" size="3" value={text}
                title={format!("{}–{}", props.min, props.max)}
                aria-invalid={error.as_ref().map(|_| "true")}
                aria-describedby={described}
                oninput={on_input} onchange={on_change} />
            if let Some(message) = error {
                <span class="field-error" role="alert" id={error_id}>{ message }</span>
            } else if props.pending.is_some() {
                <span class="field-hint" role="status" id={hint_id}>{ tr().apply_shrink }</span>
            }
        </span>
    }
}

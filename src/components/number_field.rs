//! A whole-number setting (a size, stride, padding or dilation) typed as text, so that refused
//! text stays visible with its message (`aria-invalid`, `role="alert"`) while the scene keeps
//! its last valid value.

use yew::prelude::*;

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
    let error_id = format!("{}-error", props.id);
    let (text, error) = match &props.refused {
        Some((raw, error)) => (raw.clone(), Some(error.clone())),
        None => (AttrValue::from(props.value.to_string()), None),
    };
    html! {
        <span class="number-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" size="3" value={text}
                title={format!("{}–{}", props.min, props.max)}
                aria-invalid={error.as_ref().map(|_| "true")}
                aria-describedby={error.as_ref().map(|_| error_id.clone())}
                oninput={on_input} />
            if let Some(message) = error {
                <span class="field-error" role="alert" id={error_id}>{ message }</span>
            }
        </span>
    }
}

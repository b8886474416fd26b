//! The input's picture controls: open a picture file (also dropped on or pasted into the page),
//! the size it is scaled to fit, grayscale or colour, and the sample pictures drawn in code.
//! A refused file is said in words beside the controls, and the input stays as it was.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::hooks::use_strings;
use crate::model::picture::{Sample, PICTURE_SIDES};
use crate::state::{Action, PictureProblem};
use crate::web;

/// Props of [`PictureBox`].
#[derive(Properties, PartialEq)]
pub struct PictureBoxProps {
    /// Why the last picture was refused.
    #[prop_or_default]
    pub error: Option<PictureProblem>,
    /// Actions.
    pub on_action: Callback<Action>,
}

/// What a picture becomes: the side it fits and whether it is gray. Shared with drag-and-drop
/// and paste, which use the last choice made here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureChoice {
    /// The side of the square it is scaled to fit.
    pub side: usize,
    /// One gray channel instead of R, G, B.
    pub gray: bool,
}

impl Default for PictureChoice {
    fn default() -> Self {
        PictureChoice { side: PICTURE_SIDES[0], gray: false }
    }
}

thread_local! {
    static CHOICE: std::cell::Cell<PictureChoice> = std::cell::Cell::new(PictureChoice::default());
}

/// The last choice made in the picture controls (the default before any).
pub fn current_choice() -> PictureChoice {
    CHOICE.with(std::cell::Cell::get)
}

/// The picture controls.
#[component]
pub fn PictureBox(props: &PictureBoxProps) -> Html {
    let t = use_strings();
    let choice = use_state(current_choice);
    let remember = |c: PictureChoice| CHOICE.with(|cell| cell.set(c));
    let on_file = {
        let (on_action, choice) = (props.on_action.clone(), *choice);
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                web::read_picture(file, choice.side, choice.gray, on_action.clone());
            }
            input.set_value("");
        })
    };
    let on_side = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(side) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| s.value().parse().ok()) {
                let next = PictureChoice { side, ..*choice };
                remember(next);
                choice.set(next);
            }
        })
    };
    let on_gray = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let next = PictureChoice { gray: input.checked(), ..*choice };
                remember(next);
                choice.set(next);
            }
        })
    };
    let samples: Html = Sample::ALL
        .iter()
        .zip(t.sample_names)
        .map(|(s, name)| {
            let on_action = props.on_action.clone();
            let sample = *s;
            let onclick = Callback::from(move |_: MouseEvent| on_action.emit(Action::SetInput(sample.picture())));
            html! { <button type="button" onclick={onclick}>{ name }</button> }
        })
        .collect();
    html! {
        <details class="picture-box" id="picture-box">
            <summary>{ t.picture }</summary>
            <div class="picture-controls">
                <label class="file-button">
                    <span>{ t.picture_file }</span>
                    <input type="file" id="picture-file" accept="image/*" onchange={on_file} />
                </label>
                <label>
                    <span>{ t.picture_size }</span>
                    <select id="picture-side" onchange={on_side}>
                        { for PICTURE_SIDES.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == choice.side}>{ format!("{s} × {s}") }</option>
                        }) }
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" id="picture-gray" checked={choice.gray} onchange={on_gray} />
                    <span>{ t.picture_gray }</span>
                </label>
            </div>
            <p class="hint">{ t.picture_hint }</p>
            <div class="samples" role="group" aria-label={t.picture_samples}>
                <span class="samples-label">{ t.picture_samples }</span>
                { samples }
            </div>
            if let Some(problem) = props.error {
                <p class="field-error" role="alert" id="picture-error" translate="no">{ (t.picture_error)(&problem) }</p>
            }
        </details>
    }
}

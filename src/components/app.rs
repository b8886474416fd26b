//! The root component: owns the state (through the reducer), derives every feature map from the
//! scene, follows the URL fragment (`#scene=`) and lays out the input and the layers.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::feature_map::FeatureMap;
use super::layer_panel::LayerPanel;
use crate::i18n::tr;
use crate::model::{forward_all, Grid, Hw, Layer, ModelError};
use crate::state::{Action, AppState};

/// The URL fragment of the current page ("" when there is none).
fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let t = tr();
    let state = use_reducer(|| AppState::from_fragment(&current_fragment()));

    // Follow the link: a new `#scene=` pasted into the address bar opens without a reload.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = Closure::<dyn Fn()>::new(move || {
                dispatcher.dispatch(Action::OpenFragment(current_fragment()));
            });
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }

    let maps = use_memo(Rc::clone(&state.scene), |scene| {
        forward_all(&scene.input, &scene.layers)
            .into_iter()
            .map(|m| m.map(Rc::new))
            .collect::<Vec<Result<Rc<Grid>, ModelError>>>()
    });

    let scene = &state.scene;
    let padding_of = |i: usize| scene.layers.get(i).map_or(Hw::square(0), |l: &Layer| l.geometry().padding());
    let input = Rc::new(scene.input.clone());
    let layers: Html = scene
        .layers
        .iter()
        .zip(maps.iter())
        .enumerate()
        .map(|(i, (layer, output))| {
            html! {
                <LayerPanel key={i} index={i + 1} layer={layer.clone()} output={output.clone()}
                    next_padding={padding_of(i + 1)} />
            }
        })
        .collect();

    html! {
        <>
            <header class="top">
                <h1>{ t.app_title }</h1>
                <p class="tagline">{ t.tagline }</p>
            </header>
            <main>
                if let Some(err) = &state.scene_error {
                    <div class="alert" role="alert" id="scene-error">
                        <strong>{ t.scene_not_opened }</strong>{ " " }{ err.to_string() }
                    </div>
                }
                <section class="layer input" aria-label={t.input}>
                    <h2>{ t.input }</h2>
                    <figure class="operand">
                        <figcaption>{ format!("{} {} × {}", t.input, input.rows(), input.cols()) }</figcaption>
                        <FeatureMap map={0} grid={input} padding={padding_of(0)} label={t.input} />
                    </figure>
                </section>
                { layers }
                <p class="legend" aria-hidden="true">
                    <span class="swatch neg"></span>{ t.legend_negative }
                    <span class="swatch zero"></span>{ t.legend_zero }
                    <span class="swatch pos"></span>{ t.legend_positive }
                    <span class="swatch padsw"></span>{ t.padding_legend }
                </p>
            </main>
        </>
    }
}

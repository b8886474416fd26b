//! The app's effects on the world outside the component tree, as hooks: following the URL
//! fragment, the autosave and the address bar, the play timer, a notice that fades, and the
//! page's keyboard shortcuts. Each sets itself up in an effect and takes itself down in the
//! effect's cleanup, so nothing outlives the component. Not a component.

use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::{Lang, Strings};
use crate::state::keys::{shortcut, Focus, KeyPress};
use crate::state::scene::fragment_of_json;
use crate::state::{Action, AppState, Notice, Scene, SPEEDS};
use crate::web;

/// How long after the last change the scene's link is put in the address bar.
const MIRROR_DELAY_MS: u32 = 200;
/// How long a confirmation stays (one with a link to copy by hand stays until replaced).
const NOTICE_MS: u32 = 4000;

/// The text of the page's language (from the `Lang` context `App` provides; English where a
/// component is mounted alone, as in the component tests).
#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or_default().strings()
}

/// The document says which language it is in: `<html lang>`, its title and description.
#[hook]
pub fn use_document_language(lang: Lang) {
    use_effect_with(lang, |lang| web::show_language(*lang));
}

/// Opens a `#scene=` link pasted into the address bar without a reload.
#[hook]
pub fn use_fragment_listener(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        web::listen(web::window_target(), "hashchange", move |_: web_sys::Event| {
            dispatcher.dispatch(Action::OpenFragment(web::current_fragment()));
        })
    });
}

/// Every change of the scene is saved in this browser at once, and mirrored in the address bar
/// (replacing the entry, so the history is not flooded) a moment after it settles, so that
/// encoding a long link never delays drawing the change. Leaving the page, or the component
/// going away, writes the address bar at once. `epoch` changes when a fragment without a scene
/// was opened, so the address bar is given the scene's link again.
#[hook]
pub fn use_autosave(scene: Rc<Scene>, epoch: u64) {
    use_effect_with((scene, epoch), |(scene, _)| {
        // Written as JSON once, for both the autosave and the link.
        let json = scene.to_json();
        web::save(&json);
        let fragment: Rc<str> = fragment_of_json(&json).into();
        let timeout = {
            let fragment = Rc::clone(&fragment);
            Timeout::new(MIRROR_DELAY_MS, move || web::mirror(&fragment))
        };
        let stop_leave = web::listen(web::window_target(), "pagehide", move |_: web_sys::Event| web::mirror(&fragment));
        move || {
            // Dropping a timeout that already fired does nothing; one that did not is cancelled
            // and the next scene's effect mirrors that one instead.
            drop(timeout);
            stop_leave();
        }
    });
}

/// A confirmation fades after a few seconds, unless it holds a link to copy by hand.
#[hook]
pub fn use_notice_fade(notice: Option<Notice>, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with(notice, move |notice| {
        let timeout = notice
            .as_ref()
            .filter(|n| n.link.is_none())
            .map(|_| Timeout::new(NOTICE_MS, move || dispatcher.dispatch(Action::Notify(None))));
        move || drop(timeout)
    });
}

/// The play timer lives in this effect and is dropped on pause, speed change or unmount.
#[hook]
pub fn use_play_timer(playing: bool, speed: usize, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let per_second = SPEEDS.get(speed).copied().unwrap_or(1.0);
        let millis = (1000.0 / per_second).round() as u32;
        let interval = playing.then(|| Interval::new(millis, move || dispatcher.dispatch(Action::Tick)));
        move || drop(interval)
    });
}

/// The page's keyboard shortcuts (see `state::keys`), on the document.
#[hook]
pub fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        web::listen(web::document_target(), "keydown", move |e: KeyboardEvent| {
            if e.default_prevented() {
                return;
            }
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let key = e.key();
            let press = KeyPress {
                key: &key,
                command: e.ctrl_key() || e.meta_key(),
                shift: e.shift_key(),
                alt: e.alt_key(),
                focus: focus_of(target.as_ref()),
            };
            if let Some(action) = shortcut(press) {
                e.prevent_default();
                dispatcher.dispatch(action);
            }
        })
    });
}

/// What kind of element has the focus, as the shortcuts care.
fn focus_of(target: Option<&Element>) -> Focus {
    let Some(target) = target else { return Focus::Page };
    match target.tag_name().to_ascii_lowercase().as_str() {
        "input" | "textarea" => Focus::Text,
        "select" => Focus::Menu,
        _ if target.closest("[role=grid]").ok().flatten().is_some() => Focus::Grid,
        "button" => Focus::Button,
        _ => Focus::Page,
    }
}

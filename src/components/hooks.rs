//! The app's effects on the world outside the component tree, as hooks: following the URL
//! fragment, the autosave and the address bar, the play timer, a notice that fades, and the
//! page's keyboard shortcuts. Each sets itself up in an effect and takes itself down in the
//! effect's cleanup, so nothing outlives the component. Not a component.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::props::Shared;
use crate::i18n::{Lang, Strings};
use crate::state::keys::{lesson_turn, shortcut, Focus, KeyPress};
use crate::state::lesson::fragment_of_page;
use crate::state::scene::fragment_of_json;
use crate::state::{Action, AppState, Notice, Scene, View, SPEEDS};
use crate::web;

/// How long after the last change the scene is saved and its link put in the address bar.
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
        web::listen(web::window_target(), "hashchange", move |e: web_sys::Event| {
            dispatcher.dispatch(Action::OpenFragment(web::fragment_of(&e)));
        })
    });
}

/// Every change of the scene or of its view (a step, a selection) is saved in this browser and
/// mirrored in the address bar (replacing the entry, so the history is not flooded) a moment
/// after it settles: writing a picture's scene (deflating 65,536 bytes) then never delays
/// drawing the change, and a burst of edits or steps is written once. Leaving the page writes
/// what is still to write at once. The scene the app starts with is saved at once, and
/// nothing is saved again unless it changed — so leaving does not overwrite what another tab
/// (or a newer build) saved meanwhile. `epoch` changes when a fragment without a scene was
/// opened, so the address bar is given the scene's link again. While a lesson is open
/// (`lesson`, its page) nothing is saved and the address bar says `#lesson=N`.
#[hook]
pub fn use_autosave(scene: Rc<Scene>, view: Option<View>, epoch: u64, lesson: Option<usize>) {
    // What this page last saved.
    let saved = use_mut_ref(|| None::<(Rc<Scene>, Option<View>)>);
    // The write still to come, if any: leaving the page does it at once. One listener for the
    // page's life, not one per step (adding and removing it cost more than the step's sums).
    let pending = use_mut_ref(|| None::<Rc<dyn Fn()>>);
    // Does the pending write, if any, once.
    let write_pending = |pending: &RefCell<Option<Rc<dyn Fn()>>>| {
        let write = pending.borrow_mut().take();
        if let Some(write) = write {
            write();
        }
    };
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            web::listen(web::window_target(), "pagehide", move |_: web_sys::Event| write_pending(&pending))
        });
    }
    use_effect_with((Shared(scene), view, epoch, lesson), move |(scene, view, _, lesson)| {
        let (scene, view) = (Rc::clone(&scene.0), *view);
        // A lesson's page is never saved over the student's own scene: the address bar names
        // the page instead.
        if let Some(page) = *lesson {
            *pending.borrow_mut() = None;
            web::mirror(&fragment_of_page(page));
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        }
        let save = {
            let (scene, saved) = (Rc::clone(&scene), saved.clone());
            move |json: &str| {
                let unchanged = saved.borrow().as_ref().is_some_and(|(s, v)| Rc::ptr_eq(s, &scene) && *v == view);
                if !unchanged {
                    web::save(json);
                    *saved.borrow_mut() = Some((Rc::clone(&scene), view));
                }
            }
        };
        if saved.borrow().is_none() {
            save(&scene.to_json_with(view));
        }
        *pending.borrow_mut() = Some(Rc::new(move || {
            let json = scene.to_json_with(view);
            save(&json);
            web::mirror(&fragment_of_json(&json));
        }));
        let pending = pending.clone();
        let timeout = Timeout::new(MIRROR_DELAY_MS, move || write_pending(&pending));
        // Dropping a timeout that already fired does nothing; one that did not is cancelled
        // and the next effect writes instead.
        Box::new(move || drop(timeout))
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
pub fn use_play_timer(playing: bool, speed: usize, tick: Action, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((playing, speed), move |&(playing, speed)| {
        let per_second = SPEEDS.get(speed).copied().unwrap_or(1.0);
        let millis = (1000.0 / per_second).round() as u32;
        let interval = playing.then(|| Interval::new(millis, move || dispatcher.dispatch(tick.clone())));
        move || drop(interval)
    });
}

/// The page's keyboard shortcuts (see `state::keys`), on the document.
#[hook]
pub fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| listen_keys(shortcut, move |action| dispatcher.dispatch(action)));
}

/// The lesson's page turns with Page Up / Page Down and Alt+← / Alt+→ (see
/// `state::keys::lesson_turn`), on the document, while the lesson is open. The listener asks
/// the reducer to turn by one page, so it never acts on a page it saw before a render.
#[hook]
pub fn use_lesson_keys(on_action: Callback<Action>) {
    use_effect_with((), move |_| {
        listen_keys(|press| lesson_turn(press).map(Action::TurnPage), move |action| on_action.emit(action))
    });
}

/// Listens to the document's key presses: one that `action` maps to an action (and that no
/// other handler took first) has its default prevented and the action sent to `send`. Returns
/// what stops listening.
fn listen_keys(
    action: impl Fn(KeyPress<'_>) -> Option<Action> + 'static,
    send: impl Fn(Action) + 'static,
) -> impl FnOnce() {
    web::listen(web::document_target(), "keydown", move |e: KeyboardEvent| {
        if e.default_prevented() {
            return;
        }
        let key = e.key();
        if let Some(a) = action(press_of(&e, &key)) {
            e.prevent_default();
            send(a);
        }
    })
}

/// A key press as the shortcuts see it (`key` is the event's `key()`).
fn press_of<'a>(e: &KeyboardEvent, key: &'a str) -> KeyPress<'a> {
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    KeyPress {
        key,
        command: e.ctrl_key() || e.meta_key(),
        shift: e.shift_key(),
        alt: e.alt_key(),
        focus: focus_of(target.as_ref()),
    }
}

/// What kind of element has the focus, as the shortcuts care.
fn focus_of(target: Option<&Element>) -> Focus {
    let Some(target) = target else { return Focus::Page };
    match target.tag_name().to_ascii_lowercase().as_str() {
        // A code box scrolls with the page keys and arrows.
        "input" | "textarea" | "pre" => Focus::Text,
        "select" => Focus::Menu,
        _ if target.closest("[role=grid]").ok().flatten().is_some() => Focus::Grid,
        "button" => Focus::Button,
        _ => Focus::Page,
    }
}

/// Cells as large as they can be while every map fits the first screen (`zoom` steps of ×1.25
/// away from that). Re-fitted when `key` changes (the shapes of the grids, the mode, the
/// language) and when the window is resized; never on a change of values alone, so an edit or
/// a step costs no measuring.
#[hook]
pub fn use_fit(maps: NodeRef, key: (u64, u32), zoom: i8, presenting: bool, lesson: Option<usize>) {
    let resized = use_state_eq(|| 0u32);
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let count = std::cell::Cell::new(0u32);
            let pending: Rc<std::cell::RefCell<Option<Timeout>>> = Rc::default();
            web::listen(web::window_target(), "resize", move |_: web_sys::Event| {
                // Settle first: a resize sends many events.
                count.set(count.get().wrapping_add(1));
                let (resized, n) = (resized.clone(), count.get());
                *pending.borrow_mut() = Some(Timeout::new(120, move || resized.set(n)));
            })
        });
    }
    use_effect_with((key, zoom, presenting, *resized, lesson), move |&(_, zoom, presenting, _, lesson)| {
        if let Some(maps) = maps.cast::<HtmlElement>() {
            web::fit_cells(&maps, zoom, presenting, lesson.is_some());
        }
    });
}

/// Ctrl (⌘) + wheel, and a trackpad's pinch, over the maps zooms the cells.
#[hook]
pub fn use_wheel_zoom(maps: NodeRef, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let target = maps.cast::<web_sys::Element>().map(Into::into);
        web::listen_active(target, "wheel", move |e: web_sys::WheelEvent| {
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                dispatcher.dispatch(if e.delta_y() < 0.0 { Action::ZoomIn } else { Action::ZoomOut });
            }
        })
    });
}

/// After each step, the window and the output being computed are brought into view — only
/// when they would leave it, smoothly unless the reader asked for reduced motion. Not when a
/// lesson's page turns (`lesson`): its words, at the top, are what to read first.
#[hook]
pub fn use_follow_window(step: (Option<crate::state::LayerId>, usize), lesson: Option<usize>) {
    let first = use_mut_ref(|| true);
    let page = use_mut_ref(|| lesson);
    use_effect_with((step, lesson), move |&(_, lesson)| {
        let turned = page.replace(lesson) != lesson;
        if std::mem::take(&mut *first.borrow_mut()) || turned {
            return;
        }
        // After the grids have put their marks on (their effects run after this render).
        yew::platform::spawn_local(async {
            yew::platform::time::sleep(std::time::Duration::ZERO).await;
            web::bring_window_into_view();
        });
    });
}

//! Everything the app asks of the browser, in one place: localStorage (the autosave), the
//! address bar (`#scene=` links), the clipboard, files (export, import, drag-and-drop) and event
//! listeners on the window and the document. Compiled for the browser only; components call
//! these instead of touching web-sys themselves.
//!
//! Hand-written rather than gloo-storage and gloo-events: the autosave is one raw string
//! under one key (gloo-storage would JSON-encode it again, changing what `convscope.scene`
//! holds), and one small `listen` covers every listener with its removal.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement};
use yew::Callback;

use crate::state::scene::MAX_SCENE_BYTES;
use crate::state::{Action, Notice, NoticeKind, Scene, SceneError, STORAGE_KEY, UNREADABLE_KEY};

/// The URL fragment of the current page ("" when there is none).
pub fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The scene autosaved in this browser, if any.
pub fn load_saved() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?
}

/// Saves a scene, written as JSON, in localStorage.
pub fn save(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, json);
    }
}

/// Keeps an autosaved scene that could not be read under [`UNREADABLE_KEY`].
pub fn keep_unreadable(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(UNREADABLE_KEY, text);
    }
}

/// Puts a scene's link (`#scene=…`) in the address bar, replacing the current history entry.
pub fn mirror(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().ok().as_deref() != Some(fragment) {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
        }
    }
}

/// The window, as an event target.
pub fn window_target() -> Option<web_sys::EventTarget> {
    web_sys::window().map(Into::into)
}

/// The document, as an event target.
pub fn document_target() -> Option<web_sys::EventTarget> {
    web_sys::window().and_then(|w| w.document()).map(Into::into)
}

/// Adds `handler` for `event` on `target` and returns what removes it again, for an effect's
/// cleanup (so no listener outlives the component).
pub fn listen<E>(
    target: Option<web_sys::EventTarget>,
    event: &'static str,
    handler: impl Fn(E) + 'static,
) -> impl FnOnce()
where
    E: wasm_bindgen::convert::FromWasmAbi + 'static,
{
    let closure = Closure::<dyn Fn(E)>::new(handler);
    if let Some(t) = &target {
        let _ = t.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    move || {
        if let Some(t) = &target {
            let _ = t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        drop(closure);
    }
}

/// Reads a dropped or picked scene file (bounded in size before reading) and opens it.
pub fn read_scene_file(file: web_sys::File, on_action: Callback<Action>) {
    let size = file.size();
    if !(0.0..=MAX_SCENE_BYTES as f64).contains(&size) {
        on_action.emit(Action::ImportRejected(SceneError::TooLong { len: size as usize }));
        return;
    }
    let promise = file.text();
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(promise).await.ok().and_then(|v| v.as_string()) {
            Some(text) => on_action.emit(Action::Import(text)),
            None => on_action.emit(Action::ImportRejected(SceneError::Unreadable)),
        }
    });
}

/// Puts the scene's link on the clipboard, or shows it when there is no clipboard.
pub fn copy_link(scene: &Scene, on_action: Callback<Action>) {
    let Some(window) = web_sys::window() else { return };
    let href = window.location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    let link = format!("{base}{}", scene.to_fragment());
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .map(|_| window.navigator().clipboard());
    let manual = Notice { kind: NoticeKind::LinkNotCopied, link: Some(link.clone()) };
    let Some(clipboard) = clipboard else {
        on_action.emit(Action::Notify(Some(manual)));
        return;
    };
    let promise = clipboard.write_text(&link);
    wasm_bindgen_futures::spawn_local(async move {
        let notice = match JsFuture::from(promise).await {
            Ok(_) => Notice { kind: NoticeKind::LinkCopied, link: None },
            Err(_) => manual,
        };
        on_action.emit(Action::Notify(Some(notice)));
    });
}

/// Downloads the scene as `convscope-scene.json`; `None` if the browser would not.
pub fn download(scene: &Scene) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&scene.to_json_pretty()));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download("convscope-scene.json");
    anchor.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

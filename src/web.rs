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

use crate::i18n::{choose, query_param, Lang, LANG_KEY};
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

/// The language the page opens in (see `i18n::choose`): `?lang=`, the saved choice, the
/// browser's languages, English.
pub fn initial_lang() -> Lang {
    let Some(window) = web_sys::window() else { return Lang::default() };
    let search = window.location().search().unwrap_or_default();
    let saved = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let browser: Vec<String> = window.navigator().languages().iter().filter_map(|v| v.as_string()).collect();
    choose(query_param(&search, "lang"), saved.as_deref(), &browser)
}

/// Saves the reader's choice of language; a `?lang=` in the address bar follows it, so a reload
/// keeps the choice.
pub fn save_lang(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    if query_param(&search, "lang").is_some() {
        let query: Vec<String> =
            search
                .trim_start_matches('?')
                .split('&')
                .map(|pair| {
                    if pair.split('=').next() == Some("lang") {
                        format!("lang={}", lang.code())
                    } else {
                        pair.to_owned()
                    }
                })
                .collect();
        let url = format!(
            "{}?{}{}",
            location.pathname().unwrap_or_default(),
            query.join("&"),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// Puts the language on the document: `<html lang>`, the title and the meta description.
pub fn show_language(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let t = lang.strings();
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    document.set_title(t.doc_title);
    if let Ok(Some(meta)) = document.query_selector("meta[name=description]") {
        let _ = meta.set_attribute("content", t.doc_description);
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

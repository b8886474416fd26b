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
use crate::state::scene::{fragment_of_json, FRAGMENT_PREFIX, MAX_FILE_BYTES, MAX_SCENE_BYTES};
use crate::state::{Action, Notice, NoticeKind, Scene, SceneError, View, STORAGE_KEY, UNREADABLE_KEY};

/// The URL fragment of the current page ("" when there is none).
pub fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The fragment a `hashchange` event navigated to (its `newURL`), else the current one. Read
/// from the event, not the address bar: the autosave's mirror may have replaced the address
/// between the navigation and the event (a race the end-to-end tests caught).
pub fn fragment_of(event: &web_sys::Event) -> String {
    js_sys::Reflect::get(event, &JsValue::from_str("newURL"))
        .ok()
        .and_then(|url| url.as_string())
        .map(|url| url.find('#').map(|i| url[i..].to_owned()).unwrap_or_default())
        .unwrap_or_else(current_fragment)
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
    // A link too long to open again is not put in the address bar (a reload would refuse it):
    // the bare page reopens the autosaved scene instead.
    let fragment = if fragment.len() > MAX_SCENE_BYTES + FRAGMENT_PREFIX.len() { "#" } else { fragment };
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
    listen_with(target, event, handler, None)
}

/// Like [`listen`], but the handler may prevent the default (a wheel listener is passive
/// otherwise).
pub fn listen_active<E>(
    target: Option<web_sys::EventTarget>,
    event: &'static str,
    handler: impl Fn(E) + 'static,
) -> impl FnOnce()
where
    E: wasm_bindgen::convert::FromWasmAbi + 'static,
{
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    listen_with(target, event, handler, Some(options))
}

fn listen_with<E>(
    target: Option<web_sys::EventTarget>,
    event: &'static str,
    handler: impl Fn(E) + 'static,
    options: Option<web_sys::AddEventListenerOptions>,
) -> impl FnOnce()
where
    E: wasm_bindgen::convert::FromWasmAbi + 'static,
{
    let closure = Closure::<dyn Fn(E)>::new(handler);
    if let Some(t) = &target {
        let f = closure.as_ref().unchecked_ref();
        let _ = match &options {
            Some(o) => t.add_event_listener_with_callback_and_add_event_listener_options(event, f, o),
            None => t.add_event_listener_with_callback(event, f),
        };
    }
    move || {
        if let Some(t) = &target {
            let _ = t.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        drop(closure);
    }
}

/// Whether the window is phone-sized (the width below which the style sheet docks the control
/// strip at the bottom).
pub fn is_narrow() -> bool {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).is_some_and(|w| w <= 600.0)
}

/// The largest cell, in CSS pixels.
const MAX_CELL: f64 = 46.0;
/// The largest cell in presentation mode, for a projector.
const MAX_CELL_PRESENTING: f64 = 140.0;
/// The smallest cell the fit goes down to.
const MIN_CELL: f64 = 6.0;
/// Below this cell size the numbers are too small to read: cells show colour only (the number
/// on hover and focus, and always in the arithmetic).
const TINY_CELL: f64 = 24.0;

/// Sets the maps' cell size (`--cell`): the largest size at which every map fits the first
/// screen, found by measuring (a few layouts, on a change of shape only), then `zoom` steps of
/// ×1.25 from it. What "fits" means is measured, not modelled, so it holds for any layout the
/// style sheet gives: every panel of `main.maps` within the viewport's width, and its bottom
/// above the viewport's bottom (less a control strip docked there, as on phones). In a lesson
/// (`readable`) the cells keep their digits (never under [`TINY_CELL`]): its words ask students
/// to read them, and the page scrolls instead.
pub fn fit_cells(maps: &web_sys::HtmlElement, zoom: i8, presenting: bool, readable: bool) {
    let Some(window) = web_sys::window() else { return };
    let height = window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(800.0);
    let width = window.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(1200.0);
    let scroll_y = window.scroll_y().unwrap_or(0.0);
    let docked = strip(&window)
        .filter(|(_, position)| position == "fixed")
        .map_or(0.0, |(s, _)| s.get_bounding_client_rect().height());
    let panels = maps.query_selector_all(":scope > .layer").ok();
    // Measured with every panel laid out (an off-screen panel otherwise only has a placeholder
    // size, `content-visibility`), then handed back to the browser.
    let _ = maps.class_list().add_1("measuring");
    // How far the panels reach past the screen at a cell size (≤ 0 when they fit): one forced
    // layout each, so as few as possible are asked for (a stack of big maps is tens of
    // thousands of cells to lay out).
    let overflow = |cell: f64| -> f64 {
        set_cell(maps, cell);
        let Some(panels) = &panels else { return 0.0 };
        (0..panels.length())
            .filter_map(|i| panels.item(i)?.dyn_into::<web_sys::Element>().ok())
            .map(|p| {
                let r = p.get_bounding_client_rect();
                (r.right() - width).max(r.bottom() + scroll_y - (height - docked))
            })
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let max = if presenting { MAX_CELL_PRESENTING } else { MAX_CELL };
    let min = if readable { TINY_CELL } else { MIN_CELL };
    let at_max = overflow(max);
    let fitted = if at_max <= 0.5 {
        max
    } else {
        let at_min = overflow(min);
        if at_min > 0.5 {
            // Too much to fit at any size: readable cells and a page that scrolls, whose maps
            // out of view cost nothing to draw (`content-visibility`); zoom out for the
            // overview. (Shrinking a 36,000-cell stack onto one screen would draw all of it on
            // every edit, for colours too small to tell apart.)
            max
        } else {
            // The largest size that fits, to half a pixel (wrapping makes the overflow jump, so
            // no straight line through two measurements can aim it).
            let (mut lo, mut hi) = (min, max);
            while hi - lo > 0.5 {
                let mid = (lo + hi) / 2.0;
                if overflow(mid) <= 0.5 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        }
    };
    let _ = maps.class_list().remove_1("measuring");
    let cell = (fitted * 1.25f64.powi(i32::from(zoom))).clamp(if zoom < 0 { MIN_CELL } else { min }, max * 3.0);
    set_cell(maps, cell);
    let _ = maps.class_list().toggle_with_force("tiny", cell < TINY_CELL);
    let _ = maps.set_attribute("data-cell", &format!("{cell:.1}"));
}

fn set_cell(maps: &web_sys::HtmlElement, cell: f64) {
    // Through the CSSOM, which the Content-Security-Policy allows (a style attribute it would not).
    let _ = maps.style().set_property("--cell", &format!("{cell:.1}px"));
}

/// The control strip and how it is positioned (`sticky` at the top, `fixed` at the bottom on
/// phones).
fn strip(window: &web_sys::Window) -> Option<(web_sys::Element, String)> {
    let strip = window.document()?.query_selector(".stepper").ok()??;
    let position = window.get_computed_style(&strip).ok()??.get_property_value("position").ok()?;
    Some((strip, position))
}

/// Scrolls the page, only as far as needed and smoothly unless the reader prefers reduced
/// motion, so that the window and the output being computed are in view and not under the
/// control strip (which sticks to the top of the page, or is docked at the bottom on phones).
/// They are looked for in the two panels that hold them — the active layer's (the current
/// output) and the one before it (the window) — not in the whole page: a stack of large maps
/// is thousands of cells, and an attribute selector visits every one (2.8 ms a step at
/// 32×32 × 4).
pub fn bring_window_into_view() {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let Ok(Some(active)) = document.query_selector("[data-active=\"true\"]") else { return };
    let mut found = Vec::new();
    let mut collect = |panel: Option<web_sys::Element>, selector: &str| {
        let Some(list) = panel.and_then(|p| p.query_selector_all(selector).ok()) else { return };
        found.extend((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()));
    };
    collect(Some(active.clone()), "[data-current=\"true\"]");
    collect(active.previous_element_sibling(), "[data-window=\"true\"]");
    let rects: Vec<web_sys::DomRect> = found.iter().map(|e| e.get_bounding_client_rect()).collect();
    if rects.is_empty() {
        return;
    }
    let top = rects.iter().map(|r| r.top()).fold(f64::INFINITY, f64::min);
    let bottom = rects.iter().map(|r| r.bottom()).fold(f64::NEG_INFINITY, f64::max);
    let height = window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(800.0);
    let (mut above, mut below) = (8.0, 8.0);
    if let Some((strip, position)) = strip(&window) {
        let r = strip.get_bounding_client_rect();
        match position.as_str() {
            "fixed" => below += height - r.top(),
            "sticky" => above += r.bottom().max(0.0),
            _ => {}
        }
    }
    let dy = if top < above {
        top - above
    } else if bottom > height - below {
        (bottom - (height - below)).min(top - above)
    } else {
        return;
    };
    let reduced = window.match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|m| m.matches());
    let options = web_sys::ScrollToOptions::new();
    options.set_top(dy);
    options.set_behavior(if reduced { web_sys::ScrollBehavior::Instant } else { web_sys::ScrollBehavior::Smooth });
    window.scroll_by_with_scroll_to_options(&options);
}

/// Asks for the whole screen (presentation mode), or gives it back.
pub fn full_screen(on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if on {
        if let Some(root) = document.document_element() {
            let _ = root.request_fullscreen();
        }
    } else if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

/// Reads a dropped or picked scene file (bounded in size before reading) and opens it.
pub fn read_scene_file(file: web_sys::File, on_action: Callback<Action>) {
    let size = file.size();
    if !(0.0..=MAX_FILE_BYTES as f64).contains(&size) {
        on_action.emit(Action::ImportRejected(SceneError::TooLong { len: size as usize, max: MAX_FILE_BYTES }));
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

/// The page's own address with a scene (and its view), written as JSON, in its fragment.
pub fn link_to(json: &str) -> String {
    link_with(&fragment_of_json(json))
}

/// This page's address with `fragment` (`#…`) in place of its own.
pub fn link_with(fragment: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

/// Puts the scene's link on the clipboard, or shows it when there is no clipboard.
pub fn copy_link(scene: &Scene, view: Option<View>, on_action: Callback<Action>) {
    let link = link_to(&scene.to_json_with(view));
    // A link longer than a link may be would not open: say so, and offer Export instead.
    if link.split_once("#scene=").is_some_and(|(_, payload)| payload.len() > MAX_SCENE_BYTES) {
        on_action.emit(Action::Notify(Some(Notice { kind: NoticeKind::LinkTooLong, link: None })));
        return;
    }
    let manual = Notice { kind: NoticeKind::LinkNotCopied, link: Some(link.clone()) };
    copy_text(
        &link,
        Callback::from(move |copied: bool| {
            let notice = if copied { Notice { kind: NoticeKind::LinkCopied, link: None } } else { manual.clone() };
            on_action.emit(Action::Notify(Some(notice)));
        }),
    );
}

/// Puts `text` on the clipboard, then tells `done` whether it could (no clipboard, as on a
/// page not served securely, or a refusal, is `false`).
pub fn copy_text(text: &str, done: Callback<bool>) {
    let Some(window) = web_sys::window() else { return done.emit(false) };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .map(|_| window.navigator().clipboard());
    let Some(clipboard) = clipboard else { return done.emit(false) };
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done.emit(JsFuture::from(promise).await.is_ok());
    });
}

/// Downloads the scene as `convscope-scene.json`; `None` if the browser would not.
pub fn download(scene: &Scene, view: Option<View>) -> Option<()> {
    download_text(&scene.to_json_pretty(view), "application/json", "convscope-scene.json")
}

/// Downloads `text` as a file of type `mime` named `name`.
pub fn download_text(text: &str, mime: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    click_download(&url, name);
    web_sys::Url::revoke_object_url(&url).ok()
}

/// Saves a `width × height` RGBA buffer as a PNG named `name` (the browser encodes it).
pub fn save_rgba_png(width: usize, height: usize, rgba: &[u8], name: &str) -> Option<()> {
    let (out, ctx) = canvas_2d(width, height)?;
    put_rgba(&ctx, rgba, width, height)?;
    click_download(&out.to_data_url().ok()?, name)
}

/// A canvas of `width × height` pixels, off the page, with its 2-D context.
pub fn canvas_2d(
    width: usize,
    height: usize,
) -> Option<(web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d)> {
    let canvas: web_sys::HtmlCanvasElement =
        web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(u32::try_from(width).ok()?);
    canvas.set_height(u32::try_from(height).ok()?);
    let ctx = context_2d(&canvas)?;
    Some((canvas, ctx))
}

/// A canvas's 2-D context.
pub fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Puts a `width × height` RGBA buffer at the top-left corner of a canvas.
pub fn put_rgba(ctx: &web_sys::CanvasRenderingContext2d, rgba: &[u8], width: usize, height: usize) -> Option<()> {
    let (w, h) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(rgba), w, h).ok()?;
    ctx.put_image_data(&image, 0.0, 0.0).ok()
}

fn click_download(url: &str, name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Some(())
}

/// The largest side the browser draws a picture at before convscope averages it down: a
/// 8192-pixel photograph is not held at full size (268 MB of RGBA), the browser resamples it to
/// this first.
const DRAW_SIDE: usize = 2048;

/// Opens a picture file as the input: refused when the file is over 20 MB or the picture over
/// 8192 pixels a side; else drawn by the browser on a white canvas (alpha composited over
/// white in 8 bits), scaled down by area averaging to fit `side × side` (aspect kept), and
/// turned into channels of v / 255 (three, or one gray channel).
pub fn read_picture(file: web_sys::File, side: usize, gray: bool, on_action: Callback<Action>) {
    use crate::model::picture::{downscale, fit_size, to_channels, Rgba, MAX_DECODED_SIDE, MAX_PICTURE_BYTES};
    use crate::state::PictureProblem;
    let bytes = file.size();
    if !(0.0..=MAX_PICTURE_BYTES as f64).contains(&bytes) {
        on_action
            .emit(Action::PictureRefused(PictureProblem::FileTooLarge { bytes: bytes as u64, max: MAX_PICTURE_BYTES }));
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Ok(promise) = window.create_image_bitmap_with_blob(&file) else {
        on_action.emit(Action::PictureRefused(PictureProblem::NotAPicture));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let refuse = |p| on_action.emit(Action::PictureRefused(p));
        let Some(bitmap) = JsFuture::from(promise).await.ok().and_then(|b| b.dyn_into::<web_sys::ImageBitmap>().ok())
        else {
            refuse(PictureProblem::NotAPicture);
            return;
        };
        let (w, h) = (bitmap.width(), bitmap.height());
        if w == 0 || h == 0 {
            refuse(PictureProblem::NotAPicture);
            return;
        }
        if w > MAX_DECODED_SIDE || h > MAX_DECODED_SIDE {
            refuse(PictureProblem::TooLarge { width: w, height: h, max: MAX_DECODED_SIDE });
            return;
        }
        let (dw, dh) = fit_size(w as usize, h as usize, DRAW_SIDE);
        let Some(rgba) = draw_on_white(&bitmap, dw, dh) else {
            refuse(PictureProblem::NotAPicture);
            return;
        };
        let (tw, th) = fit_size(dw, dh, side);
        let scaled =
            if (tw, th) == (dw, dh) { rgba } else { downscale(Rgba { width: dw, height: dh, data: &rgba }, tw, th) };
        match to_channels(Rgba { width: tw, height: th, data: &scaled }, gray) {
            Ok(map) => on_action.emit(Action::SetInput(map)),
            Err(_) => refuse(PictureProblem::NotAPicture),
        }
    });
}

/// The bitmap drawn at `w × h` on a white canvas, as RGBA bytes.
fn draw_on_white(bitmap: &web_sys::ImageBitmap, w: usize, h: usize) -> Option<Vec<u8>> {
    let (_canvas, ctx) = canvas_2d(w, h)?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    ctx.set_image_smoothing_enabled(true);
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, 0.0, 0.0, w as f64, h as f64).ok()?;
    Some(ctx.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?.data().0)
}

/// Saves a map drawn on a canvas as a PNG, with its marks, at `k` pixels a cell (crisp).
pub fn save_png(
    picture: &web_sys::HtmlCanvasElement,
    marks: Option<&web_sys::HtmlCanvasElement>,
    k: u32,
    name: &str,
) -> Option<()> {
    let (w, h) = (picture.width().saturating_mul(k), picture.height().saturating_mul(k));
    let (out, ctx) = canvas_2d(usize::try_from(w).ok()?, usize::try_from(h).ok()?)?;
    ctx.set_image_smoothing_enabled(false);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(picture, 0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    if let Some(marks) = marks {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(marks, 0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    }
    click_download(&out.to_data_url().ok()?, name)
}

//! Entry point of the web app: mounts the root component into the page body.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<convscope::components::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("convscope runs in the browser: build it with `trunk build` (see README.md).");
}

//! convscope: a browser app that shows how a 2-D convolution layer works.
//!
//! `model` is the pure mathematics, `state` the scene and its reducer, `i18n` every word a
//! person reads; `components` (the Yew views) and `web` (the browser's storage, address bar,
//! clipboard and files) are compiled for the browser only. See ARCHITECTURE.md.

// A panic in wasm kills the page (Yew has no error boundary): app code may not unwrap, index
// unchecked or panic. Tests (separate crates under tests/) may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod i18n;
pub mod model;
pub mod share;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod web;

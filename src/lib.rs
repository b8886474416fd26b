//! convscope: a browser app that shows how a 2-D convolution layer works.
//!
//! `model` is the pure mathematics, `state` the scene and its reducer, `components` the Yew
//! views (compiled for the browser only). See ARCHITECTURE.md.

pub mod i18n;
pub mod model;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod components;

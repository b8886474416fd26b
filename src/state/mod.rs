//! Application state: the scene a user has set up, and the one reducer through which it changes.
//!
//! [`AppState::apply`] is a pure function (tested natively); on the web it backs Yew's
//! `Reducible`, so every change to the scene is an [`Action`] and nothing else mutates it.

pub mod scene;

use std::rc::Rc;

pub use scene::{Scene, SceneError};

/// Everything the app shows, apart from what is derived from it.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The last valid scene.
    pub scene: Rc<Scene>,
    /// Why the last scene offered (a link, say) could not be opened, if it could not.
    pub scene_error: Option<SceneError>,
}

/// Every way the state can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open the scene carried by a URL fragment. A fragment without a scene changes nothing;
    /// a broken one keeps the current scene and records why.
    OpenFragment(String),
}

impl AppState {
    /// The state for a first visit with this URL fragment: its scene, or d2l's example.
    pub fn from_fragment(fragment: &str) -> AppState {
        let start = AppState { scene: Rc::new(Scene::d2l_default()), scene_error: None };
        start.apply(Action::OpenFragment(fragment.to_owned()))
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> AppState {
        match action {
            Action::OpenFragment(fragment) => match Scene::from_fragment(&fragment) {
                None => self.clone(),
                Some(Ok(scene)) => AppState { scene: Rc::new(scene), scene_error: None },
                Some(Err(e)) => AppState { scene: Rc::clone(&self.scene), scene_error: Some(e) },
            },
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

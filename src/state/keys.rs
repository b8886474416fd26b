//! The page's keyboard shortcuts as a pure mapping from a key press to an [`Action`], so that
//! which key does what is tested natively; `components::hooks` only reads the event.
//!
//! Space plays or pauses, ← / → step, Home / End jump, ? shows the shortcuts, P enters or
//! leaves presentation mode, Escape hides the shortcuts or leaves presentation mode — unless the focus is in a text field, a menu or a grid, which use these keys
//! themselves. Ctrl+Z (⌘Z) undoes and Ctrl+Shift+Z, Ctrl+Y (⇧⌘Z) redo, except in a text field,
//! which undoes its own typing.

use super::Action;

/// Where the focus was when a key was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A text field (`input`, `textarea`).
    Text,
    /// A menu (`select`).
    Menu,
    /// A cell of a grid (which has keys of its own).
    Grid,
    /// A button (where Space presses the button).
    Button,
    /// Anything else: the page.
    Page,
}

/// A key press as the shortcuts see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Ctrl or ⌘ held.
    pub command: bool,
    /// Shift held.
    pub shift: bool,
    /// Alt (⌥) held.
    pub alt: bool,
    /// Where the focus is.
    pub focus: Focus,
}

/// The action a key press means for the whole page, if any (the caller then prevents the
/// browser's default).
pub fn shortcut(k: KeyPress<'_>) -> Option<Action> {
    if k.command && !k.alt {
        if k.focus == Focus::Text {
            return None;
        }
        return match k.key {
            "z" | "Z" if k.shift => Some(Action::Redo),
            "z" | "Z" => Some(Action::Undo),
            "y" | "Y" => Some(Action::Redo),
            _ => None,
        };
    }
    if k.alt || k.command || matches!(k.focus, Focus::Text | Focus::Menu | Focus::Grid) {
        return None;
    }
    match k.key {
        " " if k.focus != Focus::Button => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::FirstStep),
        "End" => Some(Action::LastStep),
        "?" => Some(Action::ToggleHelp),
        "p" | "P" => Some(Action::TogglePresent),
        "Escape" => Some(Action::Dismiss),
        _ => None,
    }
}

/// Which way a key turns the lesson's page, if it does (the caller then prevents the browser's
/// default): Page Down or Alt+→ forward, Page Up or Alt+← back — never from a grid or a field,
/// which have keys of their own (← and → alone keep stepping the window).
pub fn lesson_turn(k: KeyPress<'_>) -> Option<isize> {
    if k.command || k.shift || matches!(k.focus, Focus::Text | Focus::Menu | Focus::Grid) {
        return None;
    }
    match (k.key, k.alt) {
        ("PageDown", false) | ("ArrowRight", true) => Some(1),
        ("PageUp", false) | ("ArrowLeft", true) => Some(-1),
        _ => None,
    }
}

//! The lesson's page (#15): where the walk stands, the page's words and its one thing to do,
//! and the ways on — Back and Next, the list of pages, Page Up / Page Down and Alt+← / Alt+→,
//! a swipe on a touch screen — with "Restore this page" and "Leave the lesson".

use std::rc::Rc;

use yew::prelude::*;

use super::cells::{emit_and_hand_on, sends};
use super::hooks::{use_lesson_keys, use_strings};
use crate::state::{Action, Page};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The page shown (from 0).
    pub page: usize,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// How far a finger must travel sideways, in CSS pixels, for a swipe to turn the page.
const SWIPE: i32 = 60;

/// The lesson's page and its navigation.
#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let t = use_strings();
    let page = props.page;
    let pages = Page::ALL.len();
    use_lesson_keys(props.on_action.clone());
    // A turned page is announced by moving the focus to its title (not when the lesson first
    // opens, which leaves the focus where the reader put it).
    let title_ref = use_node_ref();
    {
        let (title_ref, opened) = (title_ref.clone(), use_mut_ref(|| None::<usize>));
        use_effect_with(page, move |&page| {
            let before = opened.replace(Some(page));
            if before.is_some_and(|b| b != page) {
                if let Some(title) = title_ref.cast::<web_sys::HtmlElement>() {
                    let _ = title.focus();
                }
            }
        });
    }
    // A horizontal swipe with a finger: right to left is Next, left to right Back.
    let start = use_mut_ref(|| None::<(i32, i32)>);
    let on_down = {
        let start = Rc::clone(&start);
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "touch" {
                *start.borrow_mut() = Some((e.client_x(), e.client_y()));
            }
        })
    };
    let on_up = {
        let (start, on_action) = (Rc::clone(&start), props.on_action.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x, y)) = start.borrow_mut().take() else { return };
            let (dx, dy) = (e.client_x() - x, e.client_y() - y);
            if dx.abs() >= SWIPE && dy.abs() * 2 < dx.abs() {
                on_action.emit(Action::TurnPage(if dx < 0 { 1 } else { -1 }));
            }
        })
    };
    // Choosing from the list closes it, so the scene is not pushed down under it.
    let list_ref = use_node_ref();
    let pick = |to: usize| {
        let (on_action, list_ref) = (props.on_action.clone(), list_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(details) = list_ref.cast::<web_sys::Element>() {
                let _ = details.remove_attribute("open");
            }
            on_action.emit(Action::OpenLesson(to));
        })
    };
    let words = t.lesson_pages.get(page);
    let list: Html = t
        .lesson_pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            html! {
                <li>
                    <button type="button" data-page={(i + 1).to_string()} aria-current={(i == page).then_some("page")}
                        onclick={pick(i)}>{ p.title }</button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="lesson" id="lesson" aria-labelledby="lesson-title" data-page={(page + 1).to_string()}
            onpointerdown={on_down} onpointerup={on_up}>
            <p class="lesson-where" id="lesson-where" translate="no">{ (t.lesson_heading)(page + 1, pages) }</p>
            <h2 id="lesson-title" tabindex="-1" ref={title_ref}>{ words.map(|w| w.title) }</h2>
            <p class="lesson-body">{ words.map(|w| w.body) }</p>
            <p class="lesson-task" id="lesson-task"><strong>{ t.lesson_task }</strong>{ " " }{ words.map(|w| w.task) }</p>
            <nav class="lesson-nav" aria-label={t.lesson_nav}>
                <button type="button" id="lesson-back" disabled={page == 0} onclick={sends(&props.on_action, Action::TurnPage(-1))}>
                    { t.lesson_back }
                </button>
                <button type="button" id="lesson-next" disabled={page + 1 >= pages} onclick={sends(&props.on_action, Action::TurnPage(1))}>
                    { t.lesson_next }
                </button>
                <details class="lesson-pages" ref={list_ref}>
                    <summary>{ t.lesson_page_list }</summary>
                    <ol>{ list }</ol>
                </details>
                <button type="button" id="lesson-restore" onclick={sends(&props.on_action, Action::RestorePage)}>{ t.lesson_restore }</button>
                <button type="button" id="lesson-leave" onclick={emit_and_hand_on(&props.on_action, Action::LeaveLesson, Some("lesson-button"))}>{ t.lesson_leave }</button>
            </nav>
        </section>
    }
}

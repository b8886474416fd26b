//! The lesson (#15): every page opens and shows what its words say; the reducer keeps the
//! student's own scene and history aside and gives them back untouched; `#lesson=N` links;
//! the keys that turn the page.

use convscope::i18n::{EN, ZH_HANS, ZH_HANT};
use convscope::model::{forward_all, learn, Channels, Layer};
use convscope::state::keys::{lesson_turn, Focus, KeyPress};
use convscope::state::lesson::{fragment_of_page, lesson_fragment};
use convscope::state::{Action, AppState, CellId, GridId, NoticeKind, Page, Scene};

fn values(map: &Channels) -> Vec<f64> {
    map.values().collect()
}

fn outputs(page: Page) -> Vec<Channels> {
    let scene = page.setup().scene;
    forward_all(&scene.input, &scene.layers).into_iter().map(|m| m.expect("every page's maps have values")).collect()
}

#[test]
fn every_page_has_words_in_every_language() {
    for t in [&EN, &ZH_HANT, &ZH_HANS] {
        assert_eq!(t.lesson_pages.len(), Page::ALL.len());
        for p in &t.lesson_pages {
            assert!(!p.title.is_empty() && p.body.len() > 40 && !p.task.is_empty(), "{}", p.title);
        }
    }
}

#[test]
fn every_page_written_in_the_scene_format_opens() {
    for page in Page::ALL {
        if let Some(json) = page.json() {
            assert!(Scene::open_json(json).is_ok(), "{page:?}");
        }
        let scene = page.setup().scene;
        assert!(forward_all(&scene.input, &scene.layers).iter().all(Result::is_ok), "{page:?}");
    }
}

#[test]
fn each_page_shows_what_its_words_say() {
    assert_eq!(values(&outputs(Page::CrossCorrelation)[0]), [19.0, 25.0, 37.0, 43.0]);
    assert_eq!(values(&outputs(Page::Bias)[0]), [20.0, 26.0, 38.0, 44.0]);
    assert_eq!(values(&outputs(Page::Convolution)[0]), [5.0, 11.0, 23.0, 29.0]);
    // The band: a column of 1 (column 1) and a column of −1 (column 5), zeros elsewhere.
    let edges = &outputs(Page::FeatureMap)[0];
    let plane = &edges.planes()[0];
    for r in 0..plane.rows() {
        for c in 0..plane.cols() {
            let want = match c {
                1 => 1.0,
                5 => -1.0,
                _ => 0.0,
            };
            assert_eq!(plane.get(r, c), Some(want), "({r}, {c})");
        }
    }
    assert!(values(&outputs(Page::Transposed)[0]).iter().all(|&v| v == 0.0));
    // The disc's left edge lights one way and its right edge the other.
    let disc = values(&outputs(Page::PictureEdges)[0]);
    assert!(disc.contains(&1.0) && disc.contains(&-1.0));
    assert_eq!(outputs(Page::BorderConventions)[0].shape(), convscope::model::Hw::new(4, 4));
    assert_eq!(values(&outputs(Page::Stride)[0]), [0.0, 8.0, 6.0, 8.0]);
    assert_eq!(outputs(Page::Dilation)[0].shape(), convscope::model::Hw::new(3, 3));
    assert_eq!(values(&outputs(Page::Pooling)[0]), [4.0, 5.0, 7.0, 8.0]);
    assert_eq!(values(&outputs(Page::Channels)[0]), [56.0, 72.0, 104.0, 120.0]);
    // Two 2×2 layers: z is one cell, and the page selects it.
    assert_eq!(outputs(Page::ReceptiveField)[1].shape(), convscope::model::Hw::new(1, 1));
    // Four 3×3 layers: receptive fields 3, 5, 7, 9.
    let deep = Page::DeeperSeesWider.setup().scene;
    let sizes: Vec<usize> =
        convscope::model::rf_table(&deep.layers, convscope::model::Axis::Rows).iter().map(|row| row.size).collect();
    assert_eq!(sizes, [3, 5, 7, 9]);
}

#[test]
fn a_learner_in_convolution_mode_finds_the_flipped_edge_detector() {
    let scene = Page::EitherOperation.setup().scene;
    let setup = scene.learn.clone().expect("the page sets up learning");
    let Some(Layer::Conv(layer)) = scene.layers.first() else { panic!("a conv layer") };
    let target = forward_all(&scene.input, &scene.layers).remove(0).unwrap();
    let mut learner = layer.with_mode(setup.mode_on(layer));
    assert_eq!(learner.mode(), convscope::model::Mode::Convolution);
    learner = learner.with_slice(Default::default(), setup.init[0].clone()).unwrap();
    for _ in 0..10 {
        learner = learn::epoch(&learner, &scene.input, &target, setup.lr, false).unwrap().0;
    }
    let k = learner.slices().next().unwrap().1.values().to_vec();
    assert!((k[0] + 1.0).abs() < 0.05 && (k[1] - 1.0).abs() < 0.05, "{k:?}");
}

fn start() -> AppState {
    AppState::start("", None)
}

/// The student's own scene with one edit in its history.
fn edited() -> AppState {
    let s = start();
    let cell = CellId { grid: GridId::Map(0, 0), row: 0, col: 0 };
    let s = s.apply(Action::BeginEdit { cell, text: Some("7".to_owned()) });
    s.apply(Action::CommitEdit { rows: 0, cols: 0 })
}

#[test]
fn the_lesson_keeps_the_students_scene_and_history_aside_and_gives_them_back() {
    let own = edited();
    assert!(own.history.can_undo());
    let lesson = own.apply(Action::OpenLesson(2));
    assert_eq!(lesson.lesson.as_ref().map(|l| l.page), Some(2));
    assert_eq!(*lesson.scene, Page::Convolution.setup().scene);
    // A page starts with a history of its own.
    assert!(!lesson.history.can_undo());
    // Edits on a page are undoable on the page.
    let cell = CellId { grid: GridId::Map(0, 0), row: 1, col: 1 };
    let page_edit = lesson
        .apply(Action::BeginEdit { cell, text: Some("9".to_owned()) })
        .apply(Action::CommitEdit { rows: 0, cols: 0 });
    assert_ne!(*page_edit.scene, *lesson.scene);
    assert_eq!(*page_edit.apply(Action::Undo).scene, *lesson.scene);
    // Restore this page: the page as set up, undoably.
    let restored = page_edit.apply(Action::RestorePage);
    assert_eq!(*restored.scene, *lesson.scene);
    assert_eq!(*restored.apply(Action::Undo).scene, *page_edit.scene);
    // Turning the page starts afresh, and the student's things still wait; there is no page
    // before the first or after the last.
    let turned = restored.apply(Action::TurnPage(1));
    assert_eq!(turned.lesson.as_ref().map(|l| l.page), Some(3));
    let first = turned.apply(Action::OpenLesson(0));
    assert_eq!(first.apply(Action::TurnPage(-1)), first);
    let last = turned.apply(Action::OpenLesson(Page::ALL.len() - 1));
    assert_eq!(last.apply(Action::TurnPage(1)), last);
    // Without a lesson, turning does nothing.
    assert_eq!(own.apply(Action::TurnPage(1)), own);
    assert!(!turned.history.can_undo());
    let back = turned.apply(Action::LeaveLesson);
    assert!(back.lesson.is_none());
    assert_eq!(back.scene, own.scene);
    assert_eq!(back.history.undo_len(), own.history.undo_len());
    assert_eq!(back.editor, own.editor);
    assert_eq!(*back.apply(Action::Undo).scene, *own.apply(Action::Undo).scene);
}

#[test]
fn lesson_links_open_a_page_and_a_missing_page_says_so() {
    assert_eq!(lesson_fragment("#lesson=3"), Some(Ok(3)));
    assert_eq!(lesson_fragment("#scene=abc"), None);
    assert_eq!(fragment_of_page(2), "#lesson=3");
    let s = AppState::start("#lesson=3", None);
    assert_eq!(s.lesson.as_ref().map(|l| l.page), Some(2));
    assert_eq!(*s.scene, Page::Convolution.setup().scene);
    for bad in ["#lesson=0", "#lesson=99", "#lesson=two"] {
        let s = AppState::start(bad, None);
        assert_eq!(s.lesson.as_ref().map(|l| l.page), Some(0), "{bad}");
        assert_eq!(s.chrome.notice.map(|n| n.kind), Some(NoticeKind::NoSuchPage { pages: Page::ALL.len() }), "{bad}");
    }
    // A scene's link opened during a lesson is the student's own: the lesson ends, and undo
    // goes back to the student's scene, not to the page.
    let own = edited();
    let json = Page::Pooling.setup().scene.to_json();
    let link = convscope::state::scene::fragment_of_json(&json);
    let opened = own.apply(Action::OpenLesson(0)).apply(Action::OpenFragment(link));
    assert!(opened.lesson.is_none());
    assert_eq!(*opened.scene, Page::Pooling.setup().scene);
    assert_eq!(*opened.apply(Action::Undo).scene, *own.scene);
}

#[test]
fn page_keys_turn_the_page_only_away_from_grids_and_fields() {
    let press = |key, alt, focus| KeyPress { key, command: false, shift: false, alt, focus };
    assert_eq!(lesson_turn(press("PageDown", false, Focus::Page)), Some(1));
    assert_eq!(lesson_turn(press("PageUp", false, Focus::Button)), Some(-1));
    assert_eq!(lesson_turn(press("ArrowRight", true, Focus::Page)), Some(1));
    assert_eq!(lesson_turn(press("ArrowLeft", true, Focus::Page)), Some(-1));
    // ← and → alone step the window; grids and fields keep their keys.
    assert_eq!(lesson_turn(press("ArrowRight", false, Focus::Page)), None);
    assert_eq!(lesson_turn(press("PageDown", false, Focus::Grid)), None);
    assert_eq!(lesson_turn(press("PageDown", false, Focus::Text)), None);
}

#[test]
fn each_chinese_page_is_in_its_own_script() {
    use convscope::i18n::glossary::{SIMPLIFIED_ONLY, TRADITIONAL_ONLY};
    for (t, foreign) in [(&ZH_HANT, SIMPLIFIED_ONLY), (&ZH_HANS, TRADITIONAL_ONLY)] {
        for p in &t.lesson_pages {
            for text in [p.title, p.body, p.task] {
                assert!(!text.chars().any(|c| foreign.contains(&c)), "{}: {text}", t.lang);
            }
        }
    }
}

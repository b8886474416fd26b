//! Component tests in headless Chromium (wasm-bindgen-test): each component is mounted into a
//! fresh element of a real page and its DOM is read back.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use convscope::components::feature_map::{FeatureMap, FeatureMapProps};
use convscope::components::kernel_grid::{KernelGrid, KernelGridProps};
use convscope::components::layer_panel::{LayerPanel, LayerPanelProps};
use convscope::model::{Conv, Grid, Hw, Layer, Mode, Pool, PoolKind};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn attr_list(root: &Element, selector: &str, attr: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            let el: Element = wasm_bindgen::JsCast::dyn_into(list.item(i).unwrap()).unwrap();
            el.get_attribute(attr).unwrap_or_default()
        })
        .collect()
}

fn grid(rows: &[&[f64]]) -> Grid {
    Grid::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
}

#[wasm_bindgen_test]
async fn feature_map_draws_every_cell_and_its_padding_ring() {
    let root = mount_point();
    let props = FeatureMapProps {
        map: 0,
        grid: Rc::new(grid(&[&[0.0, 1.5], &[-2.0, 1.0 / 3.0]])),
        padding: Hw::new(1, 2),
        label: "Input".into(),
    };
    yew::Renderer::<FeatureMap>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    assert_eq!(
        attr_list(&root, "[data-map='0']:not([data-pad])", "data-value"),
        vec!["0", "1.5", "-2", &format!("{}", 1.0 / 3.0)]
    );
    // (2 + 2) × (2 + 4) cells in all, 4 of them values: 20 padding cells.
    assert_eq!(root.query_selector_all("[data-pad='true']").unwrap().length(), 20);
    let first_pad = root.query_selector("[data-pad='true']").unwrap().unwrap();
    assert_eq!(first_pad.get_attribute("data-row").as_deref(), Some("-1"));
    assert_eq!(first_pad.get_attribute("data-col").as_deref(), Some("-2"));
    // The display text is rounded; data-value is not.
    let third = root.query_selector("[data-row='1'][data-col='1']").unwrap().unwrap();
    assert_eq!(third.text_content().as_deref(), Some("0.333"));
    let table = root.query_selector("table[role='grid']").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-label").as_deref(), Some("Input, 2 × 2"));
}

#[wasm_bindgen_test]
async fn kernel_grid_shows_the_kernel_as_entered() {
    let root = mount_point();
    let props = KernelGridProps { layer: 3, kernel: grid(&[&[1.0, -1.0]]), label: "Kernel".into() };
    yew::Renderer::<KernelGrid>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(attr_list(&root, "[data-kernel='3']", "data-value"), vec!["1", "-1"]);
    assert_eq!(attr_list(&root, "[data-kernel='3']", "data-col"), vec!["0", "1"]);
}

#[wasm_bindgen_test]
async fn layer_panel_shows_output_or_the_reason_it_has_none() {
    let x = grid(&[&[0.0, 1.0, 2.0], &[3.0, 4.0, 5.0], &[6.0, 7.0, 8.0]]);
    let k = grid(&[&[0.0, 1.0], &[2.0, 3.0]]);
    let conv = Layer::Conv(
        Conv::new(k, 0.0, Hw::square(1), Hw::square(0), Hw::square(1), Mode::Convolution).unwrap(),
    );
    let root = mount_point();
    let props = LayerPanelProps {
        index: 1,
        output: conv.forward(&x).map(Rc::new),
        layer: conv,
        next_padding: Hw::square(0),
    };
    yew::Renderer::<LayerPanel>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(attr_list(&root, "[data-map='1']", "data-value"), vec!["5", "11", "23", "29"]);
    // The kernel is drawn as entered, not flipped.
    assert_eq!(attr_list(&root, "[data-kernel='1']", "data-value"), vec!["0", "1", "2", "3"]);
    assert!(root.text_content().unwrap().contains("convolution (kernel flipped)"));

    let pool = Layer::Pool(Pool::new(PoolKind::Max, Hw::square(4), Hw::square(4), Hw::square(0)).unwrap());
    let root = mount_point();
    let props = LayerPanelProps {
        index: 2,
        output: pool.forward(&x).map(Rc::new),
        layer: pool,
        next_padding: Hw::square(0),
    };
    yew::Renderer::<LayerPanel>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let alert = root.query_selector("[role='alert']").unwrap().unwrap();
    assert_eq!(
        alert.text_content().unwrap(),
        "Layer 2: pooling window 4 taller than padded input 3: reduce the window or add padding ≥ 1"
    );
    assert!(root.query_selector("[data-map='2']").unwrap().is_none());
}

//! The output-shape formula with the layer's numbers put in, one line per axis:
//! height: ⌊(3 + 2×0 − 1×(2 − 1) − 1) / 1⌋ + 1 = 2.

use yew::prelude::*;

use super::hooks::use_strings;
use crate::model::{Axis, Geometry, Hw};

/// Props of [`ShapeFormula`].
#[derive(Properties, PartialEq)]
pub struct ShapeFormulaProps {
    /// The layer's window geometry.
    pub geometry: Geometry,
    /// The shape of the map it reads.
    pub input: Hw,
    /// Input channels, output channels, groups and whether it pools, when a map has several.
    #[prop_or_default]
    pub channels: Option<(usize, usize, usize, bool)>,
}

/// The formula, per axis.
#[component]
pub fn ShapeFormula(props: &ShapeFormulaProps) -> Html {
    let t = use_strings();
    let g = &props.geometry;
    let line = |axis: Axis, key: &'static str, name: &str| {
        let (n, p, d, k, s) = (
            props.input.on(axis),
            g.padding().on(axis),
            g.dilation().on(axis),
            g.window().on(axis),
            g.stride().on(axis),
        );
        let result = match g.output_len(axis, n) {
            Ok(len) => len.to_string(),
            Err(e) => format!("— {}", (t.model_error)(&e)),
        };
        let formula = format!("⌊({n} + 2×{p} − {d}×({k} − 1) − 1) / {s}⌋ + 1 = {result}");
        html! {
            <li data-axis={key}>{ (t.axis_formula)(name, &formula) }</li>
        }
    };
    html! {
        <div class="shape-formula">
            <h3>{ t.output_shape }{ " ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1" }</h3>
            <ul translate="no">
                { line(Axis::Rows, "height", t.height) }
                { line(Axis::Cols, "width", t.width) }
                if let Some((inp, out, groups, pool)) = props.channels {
                    <li data-axis="channels">{ (t.channels_line)(inp, out, groups, pool) }</li>
                }
            </ul>
        </div>
    }
}

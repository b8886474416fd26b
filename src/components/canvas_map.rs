//! One channel of a large map (over 32 rows or columns) drawn on a canvas, with its colour bar,
//! the marks drawn over it, the value under the pointer, keyboard movement, and a magnifier: a
//! real grid (`GridView`, the whole `data-*` contract) of the cells under the window or around
//! the selection. The colours, the cell under a point and the magnifier's region come from
//! `state::canvas` (natively tested); this component only hands buffers to the browser.
//!
//! The map is one `ImageData` of one pixel a cell, scaled up crisp by CSS
//! (`image-rendering: pixelated`); the marks are a second canvas over it, at a few device
//! pixels a cell, redrawn when they move (a step redraws a handful of rectangles, never the
//! map).

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::grid_view::{EditView, GridView};
use super::hooks::use_strings;
use super::props::{GridEvent, GridKind, LearnMap, Marks, Shared};
use crate::model::{format_value, Coord, Grid, Hw};
use crate::state::canvas::{
    bar, cell_at, crisp_cell, magnifier, pixels, tints, ColorScale, Region, MAGNIFIER, MAGNIFIER_NARROW, MAX_OUTLINED,
};
use crate::state::CellId;

/// Width of the colour bar's buffer, in pixels.
const BAR_WIDTH: usize = 128;

/// Props of [`CanvasMap`].
#[derive(Properties, PartialEq)]
pub struct CanvasMapProps {
    /// The map's number.
    pub map: usize,
    /// The channel drawn.
    pub channel: usize,
    /// Its values.
    pub grid: Shared<Grid>,
    /// Padding around it (that of the layer reading it), shown in the magnifier.
    #[prop_or(Hw::square(0))]
    pub padding: Hw,
    /// Accessible name.
    pub label: AttrValue,
    /// Whether values can be typed (in the magnifier).
    #[prop_or(false)]
    pub editable: bool,
    /// Marked cells.
    #[prop_or_default]
    pub marks: Marks,
    /// The selected cell, if it is in this channel.
    #[prop_or_default]
    pub cursor: Option<Coord>,
    /// The open editor, if it is in this channel.
    #[prop_or_default]
    pub edit: Option<EditView>,
    /// Why a paste here was refused.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
    /// Where events go.
    pub on_event: Callback<GridEvent>,
    /// A map of the learning demo (`data-learn-map`, never `data-map`), read-only, without a
    /// magnifier (it would follow nothing, and restyling its cells every epoch is most of an
    /// epoch's cost); the value under the pointer is shown as on any canvas map.
    #[prop_or_default]
    pub learn: Option<LearnMap>,
}

/// A channel on a canvas, with its magnifier.
#[component]
pub fn CanvasMap(props: &CanvasMapProps) -> Html {
    let t = use_strings();
    let picture = use_node_ref();
    let overlay = use_node_ref();
    let bar_ref = use_node_ref();
    let probe = use_state_eq(|| None::<(usize, usize)>);
    let grid = props.grid.clone();
    let shape = Hw::new(grid.rows(), grid.cols());
    // A scan of every cell: once a grid, not once a step.
    let scale = *use_memo(grid.clone(), |g| ColorScale::of(g));
    // Device pixels a cell on the marks' canvas: crisp outlines without measuring the page, and
    // at most about 512 × 512 of them to clear and draw on a step.
    let k = (512 / shape.h.max(shape.w)).clamp(2, 8);

    {
        let (picture, bar_ref) = (picture.clone(), bar_ref.clone());
        let contexts = use_mut_ref(<[Context; 2]>::default);
        use_effect_with(grid.clone(), move |grid| {
            let [p, b] = &mut *contexts.borrow_mut();
            draw(p.of(&picture), &pixels(grid, scale), grid.cols(), grid.rows());
            draw(b.of(&bar_ref), &bar(scale, BAR_WIDTH), BAR_WIDTH, 1);
        });
    }
    {
        let overlay = overlay.clone();
        let tinted = use_mut_ref(Tinted::default);
        let context = use_mut_ref(Context::default);
        use_effect_with((props.marks.clone(), shape), move |(marks, shape)| {
            if let Some(ctx) = context.borrow_mut().of(&overlay) {
                draw_marks(&ctx, &mut tinted.borrow_mut(), marks, *shape, k);
            }
        });
    }

    let kind = match props.learn {
        Some(m) => GridKind::LearnMap(m, props.channel),
        None => GridKind::Map(props.map, props.channel),
    };
    let id = kind.id();
    let point = {
        let picture = picture.clone();
        move |x: i32, y: i32| -> Option<(usize, usize)> {
            let canvas = picture.cast::<HtmlCanvasElement>()?;
            let rect = canvas.get_bounding_client_rect();
            cell_at(f64::from(x) - rect.left(), f64::from(y) - rect.top(), rect.width(), rect.height(), shape)
        }
    };
    let on_move = {
        let (point, probe) = (point.clone(), probe.clone());
        Callback::from(move |e: MouseEvent| probe.set(point(e.client_x(), e.client_y())))
    };
    let on_leave = {
        let probe = probe.clone();
        Callback::from(move |_: MouseEvent| probe.set(None))
    };
    let on_click = {
        let (point, probe, on_event) = (point.clone(), probe.clone(), props.on_event.clone());
        let editable = props.editable;
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = point(e.client_x(), e.client_y()) {
                probe.set(Some((r, c)));
                let Some(id) = id else { return };
                let cell = CellId { grid: id, row: r as isize, col: c as isize };
                on_event.emit(GridEvent::Select(cell));
                if !editable {
                    on_event.emit(GridEvent::Activate(cell));
                }
            }
        })
    };
    let on_key = {
        let (on_event, cursor, editable) = (props.on_event.clone(), props.cursor, props.editable);
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = id else { return };
            let key = e.key();
            // Typing a number on a selected cell of an editable map starts editing it, as in
            // a grid (the typed text replaces the value).
            let typed = key.chars().count() == 1 && key.chars().all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '.');
            if let (true, true, Some((r, c)), false) =
                (editable, typed, cursor, e.ctrl_key() || e.meta_key() || e.alt_key())
            {
                e.prevent_default();
                e.stop_propagation();
                on_event.emit(GridEvent::BeginEdit(CellId { grid: id, row: r, col: c }, Some(key)));
                return;
            }
            let step = match key.as_str() {
                "ArrowUp" => (-1, 0),
                "ArrowDown" => (1, 0),
                "ArrowLeft" => (0, -1),
                "ArrowRight" => (0, 1),
                "Enter" | " " => (0, 0),
                "Escape" => {
                    on_event.emit(GridEvent::Escape);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            let Some((r, c)) = cursor else {
                on_event.emit(GridEvent::Select(CellId { grid: id, row: 0, col: 0 }));
                return;
            };
            if step == (0, 0) {
                let cell = CellId { grid: id, row: r, col: c };
                on_event.emit(if editable { GridEvent::BeginEdit(cell, None) } else { GridEvent::Activate(cell) });
            } else {
                on_event.emit(GridEvent::Move { rows: step.0, cols: step.1 });
            }
        })
    };

    // The magnifier follows whichever moved last: the selection here (keyboard or pointer on
    // the canvas), or the window (else the output being computed) when stepping.
    let marks = &props.marks;
    let stepped: Vec<Coord> =
        if marks.window.is_empty() { marks.current.into_iter().collect() } else { marks.window.to_vec() };
    let follow = use_mut_ref(|| (None::<Coord>, Vec::<Coord>::new(), false));
    let focus: Vec<Coord> = {
        let mut f = follow.borrow_mut();
        if f.0 != props.cursor {
            f.2 = props.cursor.is_some();
        } else if f.1 != stepped {
            f.2 = false;
        }
        f.0 = props.cursor;
        f.1.clone_from(&stepped);
        match props.cursor {
            Some(c) if f.2 || stepped.is_empty() => vec![c],
            _ => stepped,
        }
    };
    // Where the magnifier was: it stays while the focus is inside (`state::canvas::magnifier`).
    let last_region = use_mut_ref(|| None::<Region>);
    let columns = *use_memo((), |_| if crate::web::is_narrow() { MAGNIFIER_NARROW } else { MAGNIFIER.1 });
    let region = magnifier(shape, props.padding, &focus, *last_region.borrow(), columns);
    *last_region.borrow_mut() = Some(region);
    let shown = probe.or(props.cursor.and_then(|(r, c)| Some((usize::try_from(r).ok()?, usize::try_from(c).ok()?))));
    let probe_text = shown.and_then(|(r, c)| {
        let v = grid.get(r, c)?;
        Some(format!("{} = {}", (t.cell_name)(&props.label, r as isize, c as isize), format_value(v)))
    });
    let (lo, hi) = scale.range();
    let on_save = {
        let (picture, overlay) = (picture.clone(), overlay.clone());
        let name = format!("convscope-map-{}-channel-{}.png", props.map, props.channel);
        let k = u32::try_from(crisp_cell(shape.h.max(shape.w))).unwrap_or(1);
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = picture.cast::<HtmlCanvasElement>() {
                let _ = crate::web::save_png(&p, overlay.cast::<HtmlCanvasElement>().as_ref(), k, &name);
            }
        })
    };
    html! {
        <div class="canvas-map" translate="no">
            <div class="canvas-side">
            <div class="canvas-box">
                <canvas ref={picture} class="picture" width={shape.w.to_string()} height={shape.h.to_string()}
                    tabindex="0" role="img" aria-label={(t.grid_label)(&props.label, shape.h, shape.w)}
                    data-map={props.learn.is_none().then(|| props.map.to_string())}
                    data-learn-map={props.learn.map(LearnMap::name)} data-channel={props.channel.to_string()}
                    data-rows={shape.h.to_string()} data-cols={shape.w.to_string()}
                    onmousemove={on_move} onmouseleave={on_leave} onclick={on_click} onkeydown={on_key} />
                <canvas ref={overlay} class="marks" aria-hidden="true" data-marks-of={format!("{}-{}", props.map, props.channel)}
                    width={(shape.w * k).to_string()} height={(shape.h * k).to_string()} />
            </div>
            <div class="color-bar">
                <span>{ format_value(lo) }</span>
                <canvas ref={bar_ref} width={BAR_WIDTH.to_string()} height="1" aria-hidden="true" />
                <span>{ format_value(hi) }</span>
                <button type="button" class="save-png" aria-label={(t.save_png_named)(&props.label)}
                    onclick={on_save}>{ t.save_png }</button>
            </div>
            <p class="probe" aria-live="off">{ probe_text.unwrap_or_default() }</p>
            </div>
            if props.learn.is_none() {
            <div class="magnifier" role="group" aria-label={t.magnifier}>
                <GridView kind={kind} grid={grid.clone()} padding={props.padding} region={Some(region)}
                    grey={matches!(scale, ColorScale::Sequential { .. })}
                    label={props.label.clone()} editable={props.editable} marks={props.marks.clone()}
                    cursor={props.cursor.filter(|c| region.contains(*c))} edit={props.edit.clone()}
                    refused={props.refused.clone()} on_event={props.on_event.clone()} />
            </div>
            }
        </div>
    }
}

/// A canvas's 2-D context, asked for once: asking again after the page changed makes the
/// browser bring its styles up to date first (a millisecond or more on a big page, for each
/// canvas on each edit).
#[derive(Default)]
struct Context(Option<(HtmlCanvasElement, CanvasRenderingContext2d)>);

impl Context {
    fn of(&mut self, node: &NodeRef) -> Option<CanvasRenderingContext2d> {
        let canvas = node.cast::<HtmlCanvasElement>()?;
        if let Some((known, ctx)) = &self.0 {
            if *known == canvas {
                return Some(ctx.clone());
            }
        }
        let ctx = crate::web::context_2d(&canvas)?;
        self.0 = Some((canvas, ctx.clone()));
        Some(ctx)
    }
}

/// Draws a buffer of one pixel a cell with a canvas's context.
fn draw(ctx: Option<CanvasRenderingContext2d>, rgba: &[u8], width: usize, height: usize) {
    if let Some(ctx) = ctx {
        let _ = crate::web::put_rgba(&ctx, rgba, width, height);
    }
}

/// The tints last drawn (receptive and projective fields, many linked cells), on a canvas of
/// one pixel a cell kept off the page, so that a step, which moves outlines only, redraws them
/// from it instead of rebuilding them.
#[derive(Default)]
struct Tinted {
    of: Option<(Marks, Hw)>,
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    shown: bool,
}

/// Draws the marks over a map of `shape` at `k` device pixels a cell: fields (and many linked
/// cells) as tints, one buffer scaled up; the window, the output being computed, the linked
/// cells and the selection as outlines.
fn draw_marks(ctx: &CanvasRenderingContext2d, tinted: &mut Tinted, marks: &Marks, shape: Hw, k: usize) {
    let k = k as f64;
    let (w, h) = (shape.w as f64 * k, shape.h as f64 * k);
    ctx.clear_rect(0.0, 0.0, w, h);
    let many = marks.linked.len() > MAX_OUTLINED;
    let linked = if many { marks.linked.clone() } else { Default::default() };
    let tint_marks = Marks { rf: marks.rf.clone(), pf: marks.pf.clone(), linked, ..Marks::default() };
    if tinted.of.as_ref() != Some(&(tint_marks.clone(), shape)) {
        let rgba = tints(shape, &tint_marks);
        tinted.shown = rgba.is_some();
        if let Some(rgba) = rgba {
            let fits = tinted
                .canvas
                .as_ref()
                .is_some_and(|(c, _)| (c.width() as usize, c.height() as usize) == (shape.w, shape.h));
            if !fits {
                tinted.canvas = crate::web::canvas_2d(shape.w, shape.h);
            }
            if let Some((_, tint_ctx)) = &tinted.canvas {
                draw(Some(tint_ctx.clone()), &rgba, shape.w, shape.h);
            }
        }
        tinted.of = Some((tint_marks, shape));
    }
    if let Some((tint, _)) = tinted.canvas.as_ref().filter(|_| tinted.shown) {
        ctx.set_image_smoothing_enabled(false);
        let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(tint, 0.0, 0.0, w, h);
    }
    let inside = |&(r, c): &Coord| r >= 0 && c >= 0 && (r as usize) < shape.h && (c as usize) < shape.w;
    // Each outline over a white halo, so that it shows on black pixels as well as on white.
    let outline = |cells: &[Coord], color: &str, width: f64| {
        for (stroke, w) in [("rgba(255, 255, 255, 0.9)", width * 2.0), (color, width)] {
            ctx.set_stroke_style_str(stroke);
            ctx.set_line_width(w);
            for &(r, c) in cells.iter().filter(|c| inside(c)) {
                ctx.stroke_rect(c as f64 * k + width / 2.0, r as f64 * k + width / 2.0, k - width, k - width);
            }
        }
    };
    outline(&marks.window, "#7c3aed", (k / 4.0).max(1.0));
    if !many {
        outline(&marks.linked, "#db2777", (k / 4.0).max(1.0));
    }
    outline(marks.current.as_slice(), "#047857", (k / 3.0).max(1.0));
    outline(marks.selected.as_slice(), "#0f172a", (k / 3.0).max(1.0));
}

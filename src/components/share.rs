//! The QR code of the current link (scene and view), for phones to join from the projector:
//! shown by the Share button, and always in presentation mode.

use yew::prelude::*;

use super::hooks::use_strings;
use crate::share::qr_svg;

/// Props of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The link to share.
    pub link: AttrValue,
}

/// The QR code and a hint, or why there is none.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let t = use_strings();
    let qr = use_memo(props.link.clone(), |link| qr_svg(link));
    let code = match &*qr {
        Some(q) => html! {
            <svg class="qr" id="qr" viewBox={format!("0 0 {0} {0}", q.side)} role="img" aria-label={t.qr_label}
                shape-rendering="crispEdges" data-link={props.link.clone()}>
                <rect width={q.side.to_string()} height={q.side.to_string()} fill="#fff" />
                <path d={q.path.clone()} fill="#000" />
            </svg>
        },
        None => html! { <p class="qr-too-long">{ t.qr_too_long }</p> },
    };
    html! {
        <aside class="share" aria-label={t.share}>
            { code }
            <p class="scan-hint">{ t.scan_hint }</p>
        </aside>
    }
}

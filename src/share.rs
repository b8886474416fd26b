//! Sharing a scene from the projector: the QR code of its link, drawn as one SVG path, so a
//! student's phone camera opens the teacher's exact scene and view. Pure Rust (nayuki's
//! `qrcodegen`), natively tested; `components::share` shows it.

use qrcodegen::{QrCode, QrCodeEcc};

/// A QR code as SVG: the side in modules (quiet zone included) and the path of its dark modules,
/// one unit square each, for a `viewBox` of `0 0 side side`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    /// The side, in modules, with a quiet zone of four on every side.
    pub side: usize,
    /// The dark modules as `M x y h1v1h-1z` squares.
    pub path: String,
}

/// The quiet zone around a QR code, in modules (the standard's minimum).
const QUIET: usize = 4;

/// The QR code of `text`, or `None` when the text is too long for any QR code (a link of a
/// very large scene: the app then offers the file instead).
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    // Low error correction keeps the code as coarse as possible for a given link: it is read
    // off a bright screen, not a crumpled sticker.
    let qr = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let n = usize::try_from(qr.size()).ok()?;
    let mut path = String::with_capacity(n * n * 4);
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                let (px, py) = (usize::try_from(x).ok()? + QUIET, usize::try_from(y).ok()? + QUIET);
                path.push_str(&format!("M{px} {py}h1v1h-1z"));
            }
        }
    }
    Some(QrSvg { side: n + 2 * QUIET, path })
}

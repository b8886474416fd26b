#![cfg(not(target_arch = "wasm32"))]
//! Native tests of the QR code of a link (the end-to-end test decodes it from the page).

use convscope::share::qr_svg;

#[test]
fn a_link_becomes_a_qr_code_with_its_quiet_zone() {
    let qr = qr_svg("http://127.0.0.1:8080/#scene=eyJ2ZXJzaW9uIjoxfQ").unwrap();
    // Version 3 (29 modules) holds 53 bytes at the lowest error correction; plus 4 on each side.
    assert_eq!(qr.side, 29 + 8);
    // The three finder patterns: the corner module of each is dark, and nothing is drawn in
    // the quiet zone.
    for (x, y) in [(4, 4), (4 + 28, 4), (4, 4 + 28)] {
        assert!(qr.path.contains(&format!("M{x} {y}h1v1h-1z")), "finder at {x},{y}");
    }
    assert!(!qr.path.contains("M3 ") && !qr.path.contains("M0 "));
    let longer = qr_svg(&format!("http://127.0.0.1:8080/#scene={}", "A".repeat(600))).unwrap();
    assert!(longer.side > qr.side);
}

#[test]
fn a_link_too_long_for_any_qr_code_is_none() {
    assert!(qr_svg(&"x".repeat(3000)).is_none());
}

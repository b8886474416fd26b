#![cfg(not(target_arch = "wasm32"))]
//! Native tests of reading a pasted block: spreadsheet text, Python/JSON lists, NumPy and
//! PyTorch printouts, and every way a block is refused.

use convscope::state::paste::{parse_block, PasteError};

fn rows(text: &str) -> Vec<Vec<f64>> {
    parse_block(text).unwrap().rows
}

#[test]
fn spreadsheet_text_in_every_separator() {
    let want = vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]];
    assert_eq!(rows("1\t2\t3\n4\t5\t6"), want);
    assert_eq!(rows("1\t2\t3\r\n4\t5\t6\r\n"), want);
    assert_eq!(rows("1,2,3\n4,5,6"), want);
    assert_eq!(rows("1 2  3\n  4   5 6 "), want);
    assert_eq!(rows("\n\n1\t2\t3\n4\t5\t6\n\n"), want);
    assert_eq!(rows("−1.5\t2"), vec![vec![-1.5, 2.0]]);
}

#[test]
fn lists_as_python_numpy_and_pytorch_print_them() {
    let want = vec![vec![0.0, 1.0], vec![2.0, 3.0]];
    assert_eq!(rows("[[0, 1], [2, 3]]"), want);
    assert_eq!(rows("[[0,1],\n [2,3]]"), want);
    assert_eq!(rows("tensor([[0., 1.], [2., 3.]])"), want);
    assert_eq!(rows("tensor([[0., 1.],\n        [2., 3.]], dtype=torch.float64)"), want);
    assert_eq!(rows("[[0. 1.]\n [2. 3.]]"), want);
    assert_eq!(rows("array([[1, -2]])"), vec![vec![1.0, -2.0]]);
    assert_eq!(rows("[1, 2, 3]"), vec![vec![1.0, 2.0, 3.0]]);
    assert_eq!(rows("[[1e3, +3, -2.5]]"), vec![vec![1000.0, 3.0, -2.5]]);
}

#[test]
fn bad_blocks_say_why_and_where() {
    assert_eq!(parse_block(""), Err(PasteError::Empty));
    assert_eq!(parse_block("  \n "), Err(PasteError::Empty));
    assert_eq!(parse_block("[[]]"), Err(PasteError::Empty));
    assert_eq!(parse_block("1\tx\n3\t4"), Err(PasteError::NotANumber { row: 0, col: 1, text: "x".into() }));
    assert_eq!(parse_block("1\t2\n3"), Err(PasteError::Ragged { row: 1, expected: 2, found: 1 }));
    assert_eq!(parse_block("[[1, 2]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("[[1, 2]]]"), Ok(convscope::state::paste::Block { rows: vec![vec![1.0, 2.0]] }));
    assert_eq!(parse_block("[[[1]]]"), Err(PasteError::TooDeep));
    assert_eq!(parse_block("1e7"), Err(PasteError::OutOfRange { row: 0, col: 0, text: "1e7".into() }));
    assert_eq!(parse_block("inf"), Err(PasteError::OutOfRange { row: 0, col: 0, text: "inf".into() }));
    assert_eq!(parse_block("nan"), Err(PasteError::NotANumber { row: 0, col: 0, text: "nan".into() }));
    let long = "y".repeat(40);
    assert_eq!(
        parse_block(&long),
        Err(PasteError::NotANumber { row: 0, col: 0, text: format!("{}…", "y".repeat(20)) })
    );
}

#[test]
fn a_large_paste_is_read() {
    let text = (0..300)
        .map(|r| (0..300).map(|c| ((r * c) % 10).to_string()).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n");
    let block = parse_block(&text).unwrap();
    assert_eq!((block.height(), block.width()), (300, 300));
    assert_eq!(block.rows[299][7], ((299 * 7) % 10) as f64);
}

//! Native tests of reading a pasted block: spreadsheet text, Python/JSON lists, NumPy and
//! PyTorch printouts, every way a block is refused, and large or pathological pastes.
#![cfg(not(target_arch = "wasm32"))]

use convscope::state::paste::{parse_block, Block, PasteError};

fn rows(text: &str) -> Vec<Vec<f64>> {
    match parse_block(text) {
        Ok(block) => block.rows,
        Err(e) => panic!("{text:?} was refused: {e:?}"),
    }
}

fn not_a_number(row: usize, col: usize, text: &str) -> Result<Block, PasteError> {
    Err(PasteError::NotANumber { row, col, text: text.into() })
}

fn out_of_range(row: usize, col: usize, text: &str) -> Result<Block, PasteError> {
    Err(PasteError::OutOfRange { row, col, text: text.into() })
}

#[test]
fn spreadsheet_text_in_every_separator() {
    let want = vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]];
    assert_eq!(rows("1\t2\t3\n4\t5\t6"), want);
    assert_eq!(rows("1\t2\t3\r\n4\t5\t6\r\n"), want);
    assert_eq!(rows("1\t2\t3\r4\t5\t6\r"), want);
    assert_eq!(rows("1, 2, 3\n4 ,5,6"), want);
    assert_eq!(rows("1 2  3\n  4   5 6 "), want);
    assert_eq!(rows("\n \n1\t2\t3\n4\t5\t6\n\n  \n"), want);
    assert_eq!(rows("1,2\n3,4"), vec![vec![1.0, 2.0], vec![3.0, 4.0]]);
    assert_eq!(rows("1 2\n  3   4 "), vec![vec![1.0, 2.0], vec![3.0, 4.0]]);
    assert_eq!(rows("−1.5\t2"), vec![vec![-1.5, 2.0]]);
    assert_eq!(rows("7"), vec![vec![7.0]]);
    assert_eq!(rows("1\n2\n3"), vec![vec![1.0], vec![2.0], vec![3.0]]);
}

#[test]
fn numbers_as_people_and_programs_write_them() {
    assert_eq!(rows("1e3\t-2.5\t+3\t0.\t.5\t1E-2"), vec![vec![1000.0, -2.5, 3.0, 0.0, 0.5, 0.01]]);
    assert_eq!(rows("1000000\t−1000000\t-0"), vec![vec![1e6, -1e6, 0.0]]);
}

#[test]
fn lists_as_python_numpy_and_pytorch_print_them() {
    let want = vec![vec![0.0, 1.0], vec![2.0, 3.0]];
    assert_eq!(rows("[[0, 1], [2, 3]]"), want);
    assert_eq!(rows("[[0,1],\n [2,3]]"), want);
    assert_eq!(rows("[[0,1],\r\n [2,3],]\r\n"), want);
    assert_eq!(rows("tensor([[0., 1.], [2., 3.]])"), want);
    assert_eq!(rows("tensor([[0., 1.],\n        [2., 3.]], dtype=torch.float64)"), want);
    assert_eq!(rows("[[0. 1.]\n [2. 3.]]"), want);
    assert_eq!(rows("np.array([[0, 1], [2, 3]])"), want);
    assert_eq!(rows("array([[1, -2]])"), vec![vec![1.0, -2.0]]);
    assert_eq!(rows("[1, 2, 3]"), vec![vec![1.0, 2.0, 3.0]]);
    assert_eq!(rows("tensor([1., 2., 3.])"), vec![vec![1.0, 2.0, 3.0]]);
    assert_eq!(rows("[[1e3, +3, -2.5, −1]]"), vec![vec![1000.0, 3.0, -2.5, -1.0]]);
}

#[test]
fn a_block_knows_its_shape() {
    let block = Block { rows: vec![vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]] };
    assert_eq!(parse_block("1\t2\t3\n4\t5\t6").as_ref(), Ok(&block));
    assert_eq!((block.height(), block.width()), (2, 3));
}

#[test]
fn nothing_is_empty() {
    assert_eq!(parse_block(""), Err(PasteError::Empty));
    assert_eq!(parse_block("  \n "), Err(PasteError::Empty));
    assert_eq!(parse_block("\r\n\t\r\n"), Err(PasteError::Empty));
    assert_eq!(parse_block("[]"), Err(PasteError::Empty));
    assert_eq!(parse_block("[[]]"), Err(PasteError::Empty));
    assert_eq!(parse_block("tensor([])"), Err(PasteError::Empty));
}

#[test]
fn a_value_that_is_not_a_number_is_shown_where_it_stands() {
    assert_eq!(parse_block("1\tx\n3\t4"), not_a_number(0, 1, "x"));
    assert_eq!(parse_block("1,2\n3, oops "), not_a_number(1, 1, "oops"));
    assert_eq!(parse_block("[[1, 2], [3, 4,5x]]"), not_a_number(1, 2, "5x"));
    assert_eq!(parse_block("1\t\t3"), not_a_number(0, 1, ""));
    assert_eq!(parse_block("1\t2\n\n3\t4"), not_a_number(1, 0, ""));
    assert_eq!(parse_block("nan"), not_a_number(0, 0, "nan"));
    assert_eq!(parse_block("1 NaN"), not_a_number(0, 1, "NaN"));
    assert_eq!(parse_block("[[0., ...]]"), not_a_number(0, 1, "..."));
}

#[test]
fn long_text_is_shortened_in_the_error() {
    let long = "y".repeat(40);
    assert_eq!(parse_block(&long), not_a_number(0, 0, &format!("{}…", "y".repeat(20))));
    let just_fits = "z".repeat(24);
    assert_eq!(parse_block(&just_fits), not_a_number(0, 0, &just_fits));
    let one_over = "é".repeat(25);
    assert_eq!(parse_block(&one_over), not_a_number(0, 0, &format!("{}…", "é".repeat(20))));
}

#[test]
fn numbers_beyond_the_bound_are_out_of_range() {
    assert_eq!(parse_block("1e7"), out_of_range(0, 0, "1e7"));
    assert_eq!(parse_block("1\t-1000000.5"), out_of_range(0, 1, "-1000000.5"));
    assert_eq!(parse_block("1\n−2e6"), out_of_range(1, 0, "−2e6"));
    assert_eq!(parse_block("inf"), out_of_range(0, 0, "inf"));
    assert_eq!(parse_block("[[1, -infinity]]"), out_of_range(0, 1, "-infinity"));
    assert_eq!(parse_block("1e400"), out_of_range(0, 0, "1e400"));
}

#[test]
fn rows_of_different_lengths_are_ragged() {
    assert_eq!(parse_block("1\t2\n3"), Err(PasteError::Ragged { row: 1, expected: 2, found: 1 }));
    assert_eq!(parse_block("1 2\n3 4\n5 6 7"), Err(PasteError::Ragged { row: 2, expected: 2, found: 3 }));
    assert_eq!(parse_block("[[1, 2], [3]]"), Err(PasteError::Ragged { row: 1, expected: 2, found: 1 }));
    assert_eq!(parse_block("[[1, 2], []]"), Err(PasteError::Ragged { row: 1, expected: 2, found: 0 }));
    assert_eq!(parse_block("1 2\n \n3 4"), Err(PasteError::Ragged { row: 1, expected: 2, found: 0 }));
}

#[test]
fn brackets_must_match() {
    assert_eq!(parse_block("[[1, 2]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("[1, 2"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("[[1, 2]]]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("1, 2]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("] [1, 2]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("[1, 2]\n[3, 4]"), Err(PasteError::Unbalanced));
    // Values beside the rows of a list: a bracket is missing somewhere.
    assert_eq!(parse_block("[[1, 2], 3, 4]"), Err(PasteError::Unbalanced));
    assert_eq!(parse_block("[0, [1, 2]]"), Err(PasteError::Unbalanced));
}

#[test]
fn three_levels_of_brackets_are_too_deep() {
    assert_eq!(parse_block("[[[1]]]"), Err(PasteError::TooDeep));
    assert_eq!(parse_block("tensor([[[1., 2.]],\n\n        [[3., 4.]]])"), Err(PasteError::TooDeep));
    assert_eq!(parse_block("[[1, 2], [[3, 4]]]"), Err(PasteError::TooDeep));
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

    let row = |r: usize| format!("[{}]", vec![r.to_string(); 300].join(", "));
    let list = format!("[{}]", (0..300).map(row).collect::<Vec<_>>().join(",\n "));
    let block = parse_block(&list).unwrap();
    assert_eq!((block.height(), block.width()), (300, 300));
    assert_eq!(block.rows[123][45], 123.0);
}

#[test]
fn pathological_pastes_end_with_an_answer() {
    let megabyte = 1 << 20;
    type Shape = Result<(usize, usize), PasteError>;
    let cases: [(String, Shape); 6] = [
        ("[".repeat(megabyte), Err(PasteError::TooDeep)),
        ("]".repeat(megabyte), Err(PasteError::Unbalanced)),
        (format!("[{}", "[1, 2], ".repeat(megabyte / 8)), Err(PasteError::Unbalanced)),
        (format!("[{}]", "[1],".repeat(megabyte / 4)), Ok((megabyte / 4, 1))),
        ("1\t".repeat(megabyte / 2), Err(PasteError::NotANumber { row: 0, col: megabyte / 2, text: String::new() })),
        ("\n".repeat(megabyte) + "x", Err(PasteError::NotANumber { row: 0, col: 0, text: "x".into() })),
    ];
    for (text, want) in cases {
        let got = parse_block(&text).map(|b| (b.height(), b.width()));
        assert_eq!(got, want);
    }
    let long = "9".repeat(megabyte);
    assert_eq!(parse_block(&long), out_of_range(0, 0, &format!("{}…", "9".repeat(20))));
}

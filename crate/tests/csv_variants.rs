//! CSV as people really have it: the files spreadsheets and pandas write every day (a byte-order
//! mark, quotes, reordered or extra columns, `;` with decimal commas, tabs, CRLF) each import the
//! same examples as the plain file, and a bad one still names its line and column.
#![cfg(not(target_family = "wasm"))]

use sw2_playground::data::Examples;
use sw2_playground::data::csv::{ParsedCsv, parse_csv};
use sw2_playground::data::{Image, Point, ValuePoint};
use sw2_playground::train::Session;

const PLAIN_POINTS: &str = "x,y,label\n0.5,-0.25,1\n-0.75,0.5,0\n0,1,2\n";

/// `(what it is, the text, the columns it should say it ignored)`.
const POINT_VARIANTS: &[(&str, &str, &[&str])] = &[
    ("plain", PLAIN_POINTS, &[]),
    ("Excel's CSV UTF-8: a BOM and CRLF", "\u{feff}x,y,label\r\n0.5,-0.25,1\r\n-0.75,0.5,0\r\n0,1,2\r\n", &[]),
    ("CRLF and trailing empty lines", "x,y,label\r\n0.5,-0.25,1\r\n-0.75,0.5,0\r\n0,1,2\r\n\r\n\r\n", &[]),
    ("every field quoted", "\"x\",\"y\",\"label\"\n\"0.5\",\"-0.25\",\"1\"\n\"-0.75\",\"0.5\",\"0\"\n\"0\",\"1\",\"2\"\n", &[]),
    (
        "a quoted text column with commas and quotes inside",
        "name,x,y,label\n\"Smith, J.\",0.5,-0.25,1\n\"a \"\"quoted\"\" note\",-0.75,0.5,0\nplain,0,1,2\n",
        &["name"],
    ),
    ("columns in another order", "label,y,x\n1,-0.25,0.5\n0,0.5,-0.75\n2,1,0\n", &[]),
    ("pandas to_csv with its index", ",x,y,label\n0,0.5,-0.25,1\n1,-0.75,0.5,0\n2,0,1,2\n", &["column 1 (no name)"]),
    ("pandas read and written again", "Unnamed: 0,x,y,label\n0,0.5,-0.25,1\n1,-0.75,0.5,0\n2,0,1,2\n", &["Unnamed: 0"]),
    ("an id column at the end", "x,y,label,id\n0.5,-0.25,1,a1\n-0.75,0.5,0,a2\n0,1,2,a3\n", &["id"]),
    ("semicolons and decimal commas", "x;y;label\n0,5;-0,25;1\n-0,75;0,5;0\n0;1;2\n", &[]),
    ("tabs", "x\ty\tlabel\n0.5\t-0.25\t1\n-0.75\t0.5\t0\n0\t1\t2\n", &[]),
    ("header in any case, spaces around cells", " X , Y ,Label\n0.5, -0.25, 1\n-0.75 ,0.5 ,0\n0 , 1 , 2\n", &[]),
    ("a trailing delimiter everywhere", "x,y,label,\n0.5,-0.25,1,\n-0.75,0.5,0,\n0,1,2,\n", &[]),
    ("a trailing delimiter on the rows only", "x,y,label\n0.5,-0.25,1,\n-0.75,0.5,0,\n0,1,2,\n", &[]),
    ("class for label", "x,y,class\n0.5,-0.25,1\n-0.75,0.5,0\n0,1,2\n", &[]),
    ("a spreadsheet's rows of empty cells at the end", "x,y,label\n0.5,-0.25,1\n-0.75,0.5,0\n0,1,2\n,,\n,,\n", &[]),
    (
        "a German Excel export: BOM, CRLF, quoted names, semicolons, decimal commas, reordered, an id",
        "\u{feff}\"id\";\"label\";\"x\";\"y\"\r\n\"a\";1;0,5;-0,25\r\n\"b\";0;-0,75;0,5\r\n\"c\";2;0;1\r\n",
        &["id"],
    ),
];

const PLAIN_VALUES: &str = "x,y,value\n0.5,-0.25,1.5\n-0.75,0.5,-3\n0,1,0\n";

const VALUE_VARIANTS: &[(&str, &str, &[&str])] = &[
    ("plain", PLAIN_VALUES, &[]),
    ("target for value, reordered", "target,x,y\n1.5,0.5,-0.25\n-3,-0.75,0.5\n0,0,1\n", &[]),
    ("semicolons and decimal commas", "x;y;value\n0,5;-0,25;1,5\n-0,75;0,5;-3\n0;1;0\n", &[]),
    ("pandas index, tabs", "\tx\ty\tvalue\n0\t0.5\t-0.25\t1.5\n1\t-0.75\t0.5\t-3\n2\t0\t1\t0\n", &["column 1 (no name)"]),
    (
        "BOM, CRLF, quoted",
        "\u{feff}\"x\",\"y\",\"value\"\r\n\"0.5\",\"-0.25\",\"1.5\"\r\n\"-0.75\",\"0.5\",\"-3\"\r\n\"0\",\"1\",\"0\"\r\n",
        &[],
    ),
];

const PLAIN_IMAGES: &str = "p0_0,p0_1,p1_0,p1_1,label\n0,0.25,0.5,1,3\n1,0.75,0.5,0,1\n";

const IMAGE_VARIANTS: &[(&str, &str, &[&str])] = &[
    ("plain", PLAIN_IMAGES, &[]),
    ("an id, the label first, pixels in any order", "id,label,p1_1,p0_0,p1_0,p0_1\nA,3,1,0,0.5,0.25\nB,1,0,1,0.5,0.75\n", &["id"]),
    ("semicolons and decimal commas", "p0_0;p0_1;p1_0;p1_1;label\n0;0,25;0,5;1;3\n1;0,75;0,5;0;1\n", &[]),
    ("pandas index, CRLF", ",p0_0,p0_1,p1_0,p1_1,label\r\n0,0,0.25,0.5,1,3\r\n1,1,0.75,0.5,0,1\r\n", &["column 1 (no name)"]),
];

fn check_variants(plain: &str, variants: &[(&str, &str, &[&str])]) {
    let expected = parse_csv(plain).unwrap().data;
    for (what, text, ignored) in variants {
        let ParsedCsv { data, ignored: got, .. } = parse_csv(text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(data, expected, "{what}");
        assert_eq!(got, *ignored, "{what}");
    }
}

#[test]
fn every_real_world_point_file_imports_the_same_points() {
    let points = vec![Point { x: 0.5, y: -0.25, label: 1 }, Point { x: -0.75, y: 0.5, label: 0 }, Point { x: 0.0, y: 1.0, label: 2 }];
    assert_eq!(parse_csv(PLAIN_POINTS).unwrap().data, Examples::Points(points));
    check_variants(PLAIN_POINTS, POINT_VARIANTS);
}

#[test]
fn every_real_world_value_file_imports_the_same_values() {
    let first = ValuePoint { x: 0.5, y: -0.25, value: 1.5 };
    assert!(matches!(parse_csv(PLAIN_VALUES).unwrap().data, Examples::Values(v) if v.len() == 3 && v[0] == first));
    check_variants(PLAIN_VALUES, VALUE_VARIANTS);
}

#[test]
fn every_real_world_image_file_imports_the_same_images() {
    let first = Image { pixels: vec![0.0, 0.25, 0.5, 1.0], width: 2, height: 2, label: 3 };
    assert!(matches!(parse_csv(PLAIN_IMAGES).unwrap().data, Examples::Images(i) if i.len() == 2 && i[0] == first));
    check_variants(PLAIN_IMAGES, IMAGE_VARIANTS);
}

#[test]
fn bad_variants_still_name_the_line_and_the_column_as_written() {
    let cases = [
        ("label,x,y\n1,0.5,abc\n", "line 2: column 3 (y): 'abc' is not a number"),
        (",x,y,label\n0,0.5,-0.25,1\n1,-0.75,oops,0\n", "line 3: column 3 (y): 'oops' is not a number"),
        ("\u{feff}x,y,label\r\n\r\n0.5,-0.25,1\r\n0.5,2,0\r\n", "line 4: y = 2 lies outside"),
        ("x,y,label\n\n\n0.5,-0.25,1\n\n0.5,2,0\n", "line 6: y = 2 lies outside"),
        ("x;y;label\n0,5;-0,25\n", "line 2: expected 3 values (x,y,label), found 2"),
        ("x;y;label\n0,5;zwei;1\n", "line 2: column 2 (y): 'zwei' is not a number"),
        ("id\tx\ty\tlabel\n7\t0.1\t0.2\t9\n", "line 2: label 9 is outside"),
        ("note,x,y,label\n\"two\nlines\",0.1,0.2,0\nok,0.3,abc,1\n", "line 4: column 3 (y): 'abc' is not a number"),
        ("id,x,y,label\n1,0.1,0.2\n", "line 2: expected 4 values (id,x,y,label), found 3"),
        ("x,y,label\n0.1,0.2,0,7\n", "line 2: expected 3 values (x,y,label), found 4"),
        ("label,p0_1,p0_0\n1,0.5,x\n", "line 2: column 3 (p0_0): 'x' is not a number"),
        ("y;x;value\n0,1;0,2;viel\n", "line 2: column 3 (value): 'viel' is not a number"),
        ("Name;Wert\n1;2\n", "line 1: the header must be"),
        ("\n\nfoo,bar\n1,2\n", "line 3: the header must be"),
    ];
    for (text, message) in cases {
        let err = parse_csv(text).unwrap_err().to_string();
        assert!(err.contains(message), "{text:?}: {err}");
    }
}

#[test]
fn the_session_says_which_columns_it_ignored_and_exports_the_plain_form() {
    let mut s = Session::new();
    assert_eq!(s.import_csv("id;label;x;y\r\na;1;0,5;-0,25\r\nb;0;-0,75;0,5\r\nc;2;0;1\r\n").unwrap(), ["id"]);
    assert_eq!(s.export_csv(), PLAIN_POINTS);
    assert!(s.import_csv(PLAIN_VALUES).unwrap().is_empty());
    assert_eq!(s.import_csv("target\tx\ty\tnote\n1.5\t0.5\t-0.25\tfirst\n-3\t-0.75\t0.5\t\n0\t0\t1\t\n").unwrap(), ["note"]);
    assert_eq!(s.export_csv(), PLAIN_VALUES);
}

//! Reading CSV as people really have it, on the `csv` crate. A UTF-8 byte-order mark (Excel's
//! "CSV UTF-8") is dropped; the delimiter is `,`, `;` or tab, whichever splits the header into the
//! most fields; quoted fields, CRLF line ends, blank lines and a trailing delimiter are fine.
//! Columns are found by header name (trimmed, in any case) in any order: `x`, `y` and `label` for
//! points (a `class` column is read as the label when there is no `label`), `x`, `y` and `value`
//! for points with values (`target` likewise stands in for `value`), and for images every
//! `p<row>_<col>` pixel of a full rectangle plus `label`. Any other column (a pandas index, an `id`,
//! notes) is skipped and named in `ParsedCsv::ignored`. In `;`- and tab-separated files a decimal
//! comma (`0,5`, as spreadsheets in many European locales write numbers) reads as a decimal point.

use ::csv::{ReaderBuilder, StringRecord};

use crate::data::Examples;
use crate::data::images::{MAX_SIDE, RawImage, validate_image};
use crate::data::points::{RawPoint, validate_point, validate_value_point};
use crate::error::{PlaygroundError, Result};

/// Checked examples and the columns that were skipped, so the page can say "ignored columns: id".
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedCsv {
    /// The checked examples.
    pub data: Examples,
    /// The skipped columns' header names as written, in file order; an unnamed one (a pandas index)
    /// as `column 1 (no name)`.
    pub ignored: Vec<String>,
    /// Each row's `source` column (who wrote the example), when the file has one.
    pub sources: Option<Vec<String>>,
}

/// The delimiters a file may use; the comma comes first because it wins ties.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The header forms, as the header error lists them.
const HEADER_FORMS: &str = "x,y,label (2D points), x,y,value (points with values) or p0_0,p0_1,…,label \
                            (image pixels row by row, then the label), columns in any order";

/// How much of a bad cell or header an error message quotes, in characters.
const SHOWN_CHARS: usize = 60;

/// Where the values a dataset needs stand in each row (field indexes from 0).
enum Layout {
    Points {
        x: usize,
        y: usize,
        label: usize,
    },
    Values {
        x: usize,
        y: usize,
        value: usize,
    },
    /// `pixels` lists the pixel columns row by row.
    Images {
        width: usize,
        height: usize,
        pixels: Vec<usize>,
        label: usize,
    },
}

impl Layout {
    /// The columns the layout reads; every other one is ignored.
    fn used(&self) -> Vec<usize> {
        match self {
            Layout::Points { x, y, label } => vec![*x, *y, *label],
            Layout::Values { x, y, value } => vec![*x, *y, *value],
            Layout::Images { pixels, label, .. } => pixels.iter().copied().chain([*label]).collect(),
        }
    }
}

/// Parses CSV text (a file or a paste) into checked examples; nothing is partially accepted.
pub fn parse_csv(text: &str) -> Result<ParsedCsv> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let records = records(text, delimiter)?;
    let Some(((header_line, header), rows)) = records.split_first() else {
        return Err(PlaygroundError::InvalidData("the CSV is empty: expected a header line x,y,label".into()));
    };
    let names = header_names(header);
    let shown = shorten(&header.iter().collect::<Vec<_>>().join(&char::from(delimiter).to_string()));
    let layout = layout(&names, &shown).map_err(|why| line_error(*header_line, why))?;
    let source = names.iter().position(|n| n == "source");
    let ignored: Vec<String> = ignored(header, &names, &layout).into_iter().filter(|n| !n.eq_ignore_ascii_case("source")).collect();
    let columns = Columns { names: &names, decimal_comma: delimiter != b',', expected: expected(&names, &layout) };
    let data = match layout {
        Layout::Points { x, y, label } => {
            let mut points = Vec::with_capacity(rows.len());
            for &(line, ref row) in rows {
                columns.check_width(line, row)?;
                let number = |i| columns.number(row, line, i);
                let raw = RawPoint { x: number(x)?, y: number(y)?, label: number(label)? };
                points.push(validate_point(points.len(), raw).map_err(|e| at_line(e, line))?);
            }
            Examples::Points(points)
        }
        Layout::Values { x, y, value } => {
            let mut points = Vec::with_capacity(rows.len());
            for &(line, ref row) in rows {
                columns.check_width(line, row)?;
                let number = |i| columns.number(row, line, i);
                let (x, y, value) = (number(x)?, number(y)?, number(value)?);
                points.push(validate_value_point(points.len(), x, y, value).map_err(|e| at_line(e, line))?);
            }
            Examples::Values(points)
        }
        Layout::Images { width, height, pixels, label } => {
            let mut images = Vec::with_capacity(rows.len());
            for &(line, ref row) in rows {
                columns.check_width(line, row)?;
                let number = |i| columns.number(row, line, i);
                let pixels = pixels.iter().map(|&i| number(i)).collect::<Result<Vec<f64>>>()?;
                let raw = RawImage { pixels, width: width as f64, height: height as f64, label: number(label)? };
                images.push(validate_image(images.len(), &raw).map_err(|e| at_line(e, line))?);
            }
            Examples::Images(images)
        }
    };
    let sources = source.map(|c| rows.iter().map(|(_, row)| row.get(c).map_or("", clean).to_string()).collect());
    Ok(ParsedCsv { data, ignored, sources })
}

/// The delimiter that splits the header into the most fields (quotes respected); the comma on a tie.
fn detect_delimiter(text: &str) -> u8 {
    let width = |delimiter| reader(text, delimiter).into_records().filter_map(|r| r.ok()).find(|r| !is_blank(r)).map_or(0, |r| r.len());
    let mut best = (DELIMITERS[0], width(DELIMITERS[0]));
    for delimiter in &DELIMITERS[1..] {
        let fields = width(*delimiter);
        if fields > best.1 {
            best = (*delimiter, fields);
        }
    }
    best.0
}

/// A reader that keeps every record as it is, headers included, whatever its field count.
fn reader(text: &str, delimiter: u8) -> ::csv::Reader<&[u8]> {
    ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes())
}

/// The records that hold anything, each with the line it starts on (the header is line 1); blank
/// lines and rows of empty cells (`,,`) are left out. The lines are counted here because the `csv`
/// crate's own count starts a record where the blank lines before it start.
fn records(text: &str, delimiter: u8) -> Result<Vec<(usize, StringRecord)>> {
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0, 1);
    let mut out = Vec::new();
    for record in reader(text, delimiter).into_records() {
        let record = record.map_err(|e| PlaygroundError::InvalidData(format!("the CSV could not be read: {e}")))?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count();
        counted_to = start;
        if !is_blank(&record) {
            out.push((line, record));
        }
    }
    Ok(out)
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

/// A cell without surrounding spaces, nor quotes the `csv` crate left (a quote after a space).
fn clean(cell: &str) -> &str {
    cell.trim().trim_matches('"').trim()
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS { text.to_string() } else { text.chars().take(SHOWN_CHARS).collect::<String>() + "…" }
}

/// Header names as rows are matched against them: trimmed, lower case, trailing empty ones (from a
/// trailing delimiter) dropped.
fn header_names(header: &StringRecord) -> Vec<String> {
    let mut names: Vec<String> = header.iter().map(|h| clean(h).to_lowercase()).collect();
    while names.len() > 1 && names.last().is_some_and(|n| n.is_empty()) {
        names.pop();
    }
    names
}

/// Which columns hold what, or why the header cannot be read (`shown` is the header as written).
fn layout(names: &[String], shown: &str) -> std::result::Result<Layout, String> {
    let find = |wanted: &str| {
        let mut at = names.iter().enumerate().filter(|(_, n)| *n == wanted).map(|(i, _)| i);
        match (at.next(), at.next()) {
            (Some(a), Some(b)) => Err(format!("columns {} and {} are both named '{wanted}'; keep one of them", a + 1, b + 1)),
            (first, _) => Ok(first),
        }
    };
    let must_be = |missing: &str| format!("the header must be {HEADER_FORMS}; found '{shown}' (missing {missing})");
    let label = match find("label")? {
        Some(i) => Some(i),
        None => find("class")?,
    };
    let pixels: Vec<(usize, usize, usize)> = names.iter().enumerate().filter_map(|(i, n)| pixel_name(n).map(|(r, c)| (r, c, i))).collect();
    if !pixels.is_empty() {
        return image_layout(pixels, label.ok_or_else(|| must_be("label"))?);
    }
    let value = match find("value")? {
        Some(i) => Some(i),
        None => find("target")?,
    };
    let (x, y) = (find("x")?, find("y")?);
    let missing: Vec<&str> = [(x.is_none(), "x"), (y.is_none(), "y"), (label.is_none() && value.is_none(), "label or value")]
        .into_iter()
        .filter_map(|(absent, name)| absent.then_some(name))
        .collect();
    match (x, y, label, value) {
        (Some(x), Some(y), Some(label), None) => Ok(Layout::Points { x, y, label }),
        (Some(x), Some(y), None, Some(value)) => Ok(Layout::Values { x, y, value }),
        (_, _, Some(l), Some(v)) => {
            Err(format!("the header has both '{}' (classes) and '{}' (values); keep one of them", names[l], names[v]))
        }
        _ => Err(must_be(&missing.join(", "))),
    }
}

/// `(row, col)` of a pixel column named `p<row>_<col>`.
fn pixel_name(name: &str) -> Option<(usize, usize)> {
    let (r, c) = name.strip_prefix('p')?.split_once('_')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(r) && digits(c)) {
        return None;
    }
    Some((r.parse().ok()?, c.parse().ok()?))
}

/// The image layout once the pixel columns (`(row, col, index)`) fill a rectangle exactly once.
fn image_layout(mut pixels: Vec<(usize, usize, usize)>, label: usize) -> std::result::Result<Layout, String> {
    if let Some(&(r, c, i)) = pixels.iter().find(|p| p.0 >= MAX_SIDE || p.1 >= MAX_SIDE) {
        return Err(format!("column {} (p{r}_{c}) is outside the largest image, {MAX_SIDE}×{MAX_SIDE} pixels", i + 1));
    }
    pixels.sort_unstable();
    if let Some(pair) = pixels.windows(2).find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)) {
        let (r, c) = (pair[0].0, pair[0].1);
        return Err(format!("columns {} and {} are both named 'p{r}_{c}'; keep one of them", pair[0].2 + 1, pair[1].2 + 1));
    }
    let height = pixels.iter().map(|p| p.0).max().unwrap_or(0) + 1;
    let width = pixels.iter().map(|p| p.1).max().unwrap_or(0) + 1;
    // Sorted and without repeats, the rectangle is complete when the k-th pixel is (k / width, k % width).
    let place = |k: usize| (k / width, k % width);
    if let Some(k) = (0..width * height).find(|&k| pixels.get(k).map(|p| (p.0, p.1)) != Some(place(k))) {
        let (r, c) = place(k);
        return Err(format!("the pixel columns must fill a {height}×{width} rectangle, but p{r}_{c} is missing"));
    }
    Ok(Layout::Images { width, height, pixels: pixels.into_iter().map(|p| p.2).collect(), label })
}

/// What a row must hold, as the field-count error says it: the names, or a count for images.
fn expected(names: &[String], layout: &Layout) -> String {
    match layout {
        Layout::Images { pixels, .. } => match names.len() - pixels.len() - 1 {
            0 => format!("{} pixels and a label", pixels.len()),
            others => format!("{} pixels, a label and {others} other columns", pixels.len()),
        },
        _ => names.join(","),
    }
}

/// The header names of the columns the layout does not read, as written.
fn ignored(header: &StringRecord, names: &[String], layout: &Layout) -> Vec<String> {
    let mut used = vec![false; names.len()];
    layout.used().into_iter().for_each(|i| used[i] = true);
    (0..names.len())
        .filter(|&i| !used[i])
        .map(|i| match clean(&header[i]) {
            "" => format!("column {} (no name)", i + 1),
            name => name.to_string(),
        })
        .collect()
}

/// What every row is checked against: the header's names and how numbers are written.
struct Columns<'a> {
    names: &'a [String],
    /// Whether `0,5` means 0.5 (files not separated by commas).
    decimal_comma: bool,
    /// The row's expected contents, for the field-count error.
    expected: String,
}

impl Columns<'_> {
    /// Checks that the row on `line` has as many fields as the header (surplus empty trailing ones dropped).
    fn check_width(&self, line: usize, row: &StringRecord) -> Result<()> {
        let mut found = row.len();
        while found > self.names.len() && row[found - 1].trim().is_empty() {
            found -= 1;
        }
        if found != self.names.len() {
            return Err(line_error(line, format!("expected {} values ({}), found {found}", self.names.len(), self.expected)));
        }
        Ok(())
    }

    /// Field `i` of a row as a number, naming line, column (from 1, as written) and header on failure.
    fn number(&self, row: &StringRecord, line: usize, i: usize) -> Result<f64> {
        let cell = clean(&row[i]);
        let parsed = if self.decimal_comma { cell.replacen(',', ".", 1).parse::<f64>() } else { cell.parse::<f64>() };
        parsed.map_err(|_| {
            let shown = if cell.is_empty() { "an empty value".to_string() } else { format!("'{}'", shorten(cell)) };
            line_error(line, format!("column {} ({}): {shown} is not a number", i + 1, self.names[i]))
        })
    }
}

fn line_error(line: usize, message: String) -> PlaygroundError {
    PlaygroundError::InvalidData(format!("line {line}: {message}"))
}

/// Rewrites a validation message about example `index` to name its line instead.
fn at_line(e: PlaygroundError, line: usize) -> PlaygroundError {
    let message = e.to_string();
    let message = message.strip_prefix("Invalid data: ").unwrap_or(&message);
    let detail = message.split_once(": ").map_or(message, |(_, rest)| rest);
    line_error(line, detail.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Point, ValuePoint};

    fn err(text: &str) -> String {
        parse_csv(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_line_and_column() {
        assert!(err("x,y,label\n0.1,0.2,0\n0.3,abc,1\n").contains("line 3: column 2 (y): 'abc' is not a number"));
        assert!(err("x,y,label\n0.1,0.2\n").contains("line 2: expected 3 values (x,y,label), found 2"));
        assert!(err("x,y,label\n0.1,1.5,0\n").contains("line 2: y = 1.5 lies outside [-1, 1]"));
        assert!(err("x,y,label\n0.1,0.5,9\n").contains("line 2: label 9 is outside"));
        assert!(err("a,b\n1,2\n").contains("line 1: the header must be"));
        assert!(err("").contains("empty"));
        assert!(err("p0_0,p0_1,label\n0.5,,1\n").contains("line 2: column 2 (p0_1): an empty value is not a number"));
        assert!(err("p0_0,p0_1,label\n0.5,2,1\n").contains("line 2:"));
    }

    #[test]
    fn value_points_name_bad_values() {
        let e = err("x,y,value\n0.1,0.2,0.5\n0.1,0.2,oops\n");
        assert!(e.contains("line 3: column 3 (value): 'oops' is not a number"), "{e}");
        let e = err("x,y,value\n0.1,0.2,inf\n");
        assert!(e.contains("line 2: value inf must be a finite number"), "{e}");
    }

    #[test]
    fn blank_lines_and_windows_line_ends_are_fine() {
        let got = parse_csv("x,y,label\r\n0.5,0.5,1\r\n\r\n-0.5,0,0\r\n").unwrap();
        assert_eq!(got.data, Examples::Points(vec![Point { x: 0.5, y: 0.5, label: 1 }, Point { x: -0.5, y: 0.0, label: 0 }]));
        assert!(got.ignored.is_empty());
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header_most() {
        assert_eq!(detect_delimiter("x,y,label\n"), b',');
        assert_eq!(detect_delimiter("\n\nx;y;label\n0,5;0,5;1\n"), b';');
        assert_eq!(detect_delimiter("x\ty\tlabel\n"), b'\t');
        assert_eq!(detect_delimiter("\"a;b\",x,y,label\n"), b',', "a quoted delimiter does not split");
        assert_eq!(detect_delimiter("label\n"), b',');
    }

    #[test]
    fn the_header_says_what_is_missing_or_ambiguous() {
        assert!(err("x,y,lable\n0,0,1\n").contains("found 'x,y,lable' (missing label or value)"));
        assert!(err("name;value\n1;2\n").contains("line 1: the header must be") && err("name;value\n1;2\n").contains("(missing x, y)"));
        assert!(err("x,y,label,value\n0,0,1,2\n").contains("line 1: the header has both 'label' (classes) and 'value' (values)"));
        assert!(err("x,y,x,label\n0,0,0,1\n").contains("line 1: columns 1 and 3 are both named 'x'"));
        assert!(
            err("p0_0,p0_1,p1_0,label\n0,0,0,1\n").contains("line 1: the pixel columns must fill a 2×2 rectangle, but p1_1 is missing")
        );
        assert!(err("p0_0,p00_0,label\n0,0,1\n").contains("columns 1 and 2 are both named 'p0_0'"));
        assert!(err("p0_0,p0_1\n0,0\n").contains("(missing label)"));
        assert!(err("p0_0,p64_0,label\n0,0,1\n").contains("column 2 (p64_0) is outside the largest image"));
    }

    #[test]
    fn value_aliases_and_decimal_commas_read_as_values() {
        let got = parse_csv("X;Y;Target\n0,5;-0,25;1,5\n").unwrap();
        assert_eq!(got.data, Examples::Values(vec![ValuePoint { x: 0.5, y: -0.25, value: 1.5 }]));
        assert!(err("x,y,value\n0,5,0,25,1\n").contains("line 2: expected 3 values"), "no decimal comma in a comma-separated file");
    }
}

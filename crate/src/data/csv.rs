//! Datasets as CSV text: `x,y,label` for 2D points, `x,y,value` for points carrying values
//! (regression), `p0_0,…,p<h-1>_<w-1>,label` for images
//! (pixels row by row, the header naming each pixel's row and column). Errors name the line
//! (the header is line 1) and the column of the bad value.

use super::images::{RawImage, validate_image};
use super::points::{RawPoint, ValuePoint, validate_point, validate_value_point};
use super::{Dataset, Examples, Image, Point};
use crate::error::{PlaygroundError, Result};

/// What a CSV holds once parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvData {
    /// 2D points.
    Points(Vec<Point>),
    /// Images of one size.
    Images(Vec<Image>),
    /// 2D points carrying values (regression).
    Values(Vec<ValuePoint>),
}

/// Writes the dataset as CSV; numbers are written so that they read back exactly.
pub fn to_csv(dataset: &Dataset) -> String {
    match dataset.examples() {
        Examples::Points(points) => {
            let mut out = String::from("x,y,label\n");
            for p in points {
                out += &format!("{},{},{}\n", p.x, p.y, p.label);
            }
            out
        }
        Examples::Values(points) => {
            let mut out = String::from("x,y,value\n");
            for p in points {
                out += &format!("{},{},{}\n", p.x, p.y, p.value);
            }
            out
        }
        Examples::Images(images) => {
            let Some(first) = images.first() else { return String::from("x,y,label\n") };
            let (w, h) = (first.width, first.height);
            let mut header: Vec<String> = (0..h).flat_map(|r| (0..w).map(move |c| format!("p{r}_{c}"))).collect();
            header.push("label".into());
            let mut out = header.join(",") + "\n";
            for img in images {
                let row: Vec<String> = img.pixels.iter().map(|p| p.to_string()).chain([img.label.to_string()]).collect();
                out += &(row.join(",") + "\n");
            }
            out
        }
    }
}

fn line_error(line: usize, message: String) -> PlaygroundError {
    PlaygroundError::InvalidData(format!("line {line}: {message}"))
}

/// Parses one cell as a number, naming line, column and header on failure.
fn number(cell: &str, line: usize, column: usize, name: &str) -> Result<f64> {
    let t = cell.trim();
    t.parse::<f64>().map_err(|_| {
        let shown = if t.is_empty() { "an empty value".to_string() } else { format!("'{t}'") };
        line_error(line, format!("column {column} ({name}): {shown} is not a number"))
    })
}

/// Rewrites a validation message about example `index` to name its line instead.
fn at_line(e: PlaygroundError, line: usize) -> PlaygroundError {
    let message = e.to_string();
    let message = message.strip_prefix("Invalid data: ").unwrap_or(&message);
    let detail = message.split_once(": ").map_or(message, |(_, rest)| rest);
    line_error(line, detail.to_string())
}

/// Parses CSV text (a file or a paste) into checked examples; nothing is partially accepted.
pub fn parse_csv(text: &str) -> Result<CsvData> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r'))).filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(PlaygroundError::InvalidData("the CSV is empty: expected a header line x,y,label".into()));
    };
    let names: Vec<String> = header.split(',').map(|h| h.trim().trim_matches('"').to_ascii_lowercase()).collect();
    if names == ["x", "y", "label"] {
        let mut points = Vec::new();
        for (line, l) in lines {
            let cells: Vec<&str> = l.split(',').collect();
            if cells.len() != 3 {
                return Err(line_error(line, format!("expected 3 values (x,y,label), found {}", cells.len())));
            }
            let raw = RawPoint {
                x: number(cells[0], line, 1, "x")?,
                y: number(cells[1], line, 2, "y")?,
                label: number(cells[2], line, 3, "label")?,
            };
            points.push(validate_point(points.len(), raw).map_err(|e| at_line(e, line))?);
        }
        return Ok(CsvData::Points(points));
    }
    if names == ["x", "y", "value"] {
        let mut points = Vec::new();
        for (line, l) in lines {
            let cells: Vec<&str> = l.split(',').collect();
            if cells.len() != 3 {
                return Err(line_error(line, format!("expected 3 values (x,y,value), found {}", cells.len())));
            }
            let (x, y) = (number(cells[0], line, 1, "x")?, number(cells[1], line, 2, "y")?);
            let value = number(cells[2], line, 3, "value")?;
            points.push(validate_value_point(points.len(), x, y, value).map_err(|e| at_line(e, line))?);
        }
        return Ok(CsvData::Values(points));
    }
    let (width, height) = image_header(&names).ok_or_else(|| {
        line_error(header_line, format!(
            "the header must be x,y,label (2D points), x,y,value (points with values) or p0_0,p0_1,…,label (image pixels row by row, then the label); found '{}'",
            header.chars().take(60).collect::<String>()
        ))
    })?;
    let mut images = Vec::new();
    for (line, l) in lines {
        let cells: Vec<&str> = l.split(',').collect();
        if cells.len() != names.len() {
            return Err(line_error(line, format!("expected {} values ({} pixels and a label), found {}", names.len(), names.len() - 1, cells.len())));
        }
        let mut pixels = Vec::with_capacity(cells.len() - 1);
        for (c, cell) in cells[..cells.len() - 1].iter().enumerate() {
            pixels.push(number(cell, line, c + 1, &names[c])?);
        }
        let label = number(cells[cells.len() - 1], line, cells.len(), "label")?;
        let raw = RawImage { pixels, width: width as f64, height: height as f64, label };
        images.push(validate_image(images.len(), &raw).map_err(|e| at_line(e, line))?);
    }
    Ok(CsvData::Images(images))
}

/// `(width, height)` if the header is `p0_0 … p<h-1>_<w-1>, label` in row order.
fn image_header(names: &[String]) -> Option<(usize, usize)> {
    let (label, pixels) = names.split_last()?;
    if label != "label" || pixels.is_empty() {
        return None;
    }
    let last = pixels.last()?.strip_prefix('p')?;
    let (r, c) = last.split_once('_')?;
    let (height, width) = (r.parse::<usize>().ok()? + 1, c.parse::<usize>().ok()? + 1);
    let expected = (0..height).flat_map(|r| (0..width).map(move |c| format!("p{r}_{c}")));
    (width * height == pixels.len() && expected.zip(pixels).all(|(e, p)| &e == p)).then_some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_trip_exactly() {
        let points = vec![Point { x: 0.1, y: -1.0 / 3.0, label: 2 }, Point { x: 1.0, y: 0.0, label: 0 }];
        let d = Dataset::new(points.clone(), 0.0, 0).unwrap();
        assert_eq!(parse_csv(&to_csv(&d)).unwrap(), CsvData::Points(points));
    }

    #[test]
    fn images_round_trip_with_their_size_in_the_header() {
        let img = |label, v: f32| Image { pixels: vec![v; 6], width: 3, height: 2, label };
        let d = Dataset::from_images(vec![img(1, 0.25), img(4, 1.0 / 3.0)], 0.0, 0).unwrap();
        let text = to_csv(&d);
        assert!(text.starts_with("p0_0,p0_1,p0_2,p1_0,p1_1,p1_2,label\n"), "{text}");
        assert_eq!(parse_csv(&text).unwrap(), CsvData::Images(d.images().to_vec()));
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = |t: &str| parse_csv(t).unwrap_err().to_string();
        assert!(err("x,y,label\n0.1,0.2,0\n0.3,abc,1\n").contains("line 3: column 2 (y): 'abc' is not a number"));
        assert!(err("x,y,label\n0.1,0.2\n").contains("line 2: expected 3 values"));
        assert!(err("x,y,label\n0.1,1.5,0\n").contains("line 2: y = 1.5 lies outside [-1, 1]"));
        assert!(err("x,y,label\n0.1,0.5,9\n").contains("line 2: label 9 is outside"));
        assert!(err("a,b\n1,2\n").contains("line 1: the header must be"));
        assert!(err("").contains("empty"));
        assert!(err("p0_0,p0_1,label\n0.5,,1\n").contains("line 2: column 2 (p0_1): an empty value is not a number"));
        assert!(err("p0_0,p0_1,label\n0.5,2,1\n").contains("line 2:"));
    }

    #[test]
    fn value_points_round_trip_and_name_bad_values() {
        let points = vec![ValuePoint { x: 0.25, y: -0.5, value: 1.0 / 3.0 }, ValuePoint { x: 0.0, y: 1.0, value: -42.5 }];
        let d = Dataset::from_values(points.clone(), 0.0, 0).unwrap();
        let text = to_csv(&d);
        assert!(text.starts_with("x,y,value\n"), "{text}");
        assert_eq!(parse_csv(&text).unwrap(), CsvData::Values(points));
        let err = parse_csv("x,y,value\n0.1,0.2,0.5\n0.1,0.2,oops\n").unwrap_err().to_string();
        assert!(err.contains("line 3: column 3 (value): 'oops' is not a number"), "{err}");
        let err = parse_csv("x,y,value\n0.1,0.2,inf\n").unwrap_err().to_string();
        assert!(err.contains("line 2: value inf must be a finite number"), "{err}");
    }

    #[test]
    fn blank_lines_and_windows_line_ends_are_fine() {
        let got = parse_csv("x,y,label\r\n0.5,0.5,1\r\n\r\n-0.5,0,0\r\n").unwrap();
        assert_eq!(got, CsvData::Points(vec![Point { x: 0.5, y: 0.5, label: 1 }, Point { x: -0.5, y: 0.0, label: 0 }]));
    }
}

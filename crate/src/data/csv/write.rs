//! Writing a dataset as plain CSV: comma-separated, the columns in their one fixed order.

use crate::data::{Dataset, Examples};

/// Writes the dataset as CSV with a last `source` column: who wrote each example.
pub fn to_csv_with_sources(dataset: &Dataset) -> String {
    let plain = to_csv(dataset);
    let mut lines = plain.lines();
    let mut out = format!("{},source\n", lines.next().unwrap_or("x,y,label"));
    for (line, origin) in lines.zip(dataset.origins()) {
        let text = origin.text();
        let quoted = if text.contains([',', '"', ';', '\t']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text };
        out += &format!("{line},{quoted}\n");
    }
    out
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
        Examples::Words(words) | Examples::Lines(words) => {
            let mut out = String::from(if dataset.is_lines() { "line\n" } else { "word\n" });
            for w in words {
                out += &format!("{w}\n");
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

#[cfg(test)]
mod tests {
    use super::super::parse_csv;
    use super::*;
    use crate::data::Examples;
    use crate::data::{Image, Point, ValuePoint};

    #[test]
    fn points_round_trip_exactly() {
        let points = vec![Point { x: 0.1, y: -1.0 / 3.0, label: 2 }, Point { x: 1.0, y: 0.0, label: 0 }];
        let d = Dataset::new(points.clone(), 0.0, 0).unwrap();
        assert_eq!(parse_csv(&to_csv(&d)).unwrap().data, Examples::Points(points));
    }

    #[test]
    fn images_round_trip_with_their_size_in_the_header() {
        let img = |label, v: f32| Image { pixels: vec![v; 6], width: 3, height: 2, label };
        let d = Dataset::from_images(vec![img(1, 0.25), img(4, 1.0 / 3.0)], 0.0, 0).unwrap();
        let text = to_csv(&d);
        assert!(text.starts_with("p0_0,p0_1,p0_2,p1_0,p1_1,p1_2,label\n"), "{text}");
        assert_eq!(parse_csv(&text).unwrap().data, Examples::Images(d.images().to_vec()));
    }

    #[test]
    fn value_points_round_trip_exactly() {
        let points = vec![ValuePoint { x: 0.25, y: -0.5, value: 1.0 / 3.0 }, ValuePoint { x: 0.0, y: 1.0, value: -42.5 }];
        let d = Dataset::from_values(points.clone(), 0.0, 0).unwrap();
        let text = to_csv(&d);
        assert!(text.starts_with("x,y,value\n"), "{text}");
        assert_eq!(parse_csv(&text).unwrap().data, Examples::Values(points));
    }
}

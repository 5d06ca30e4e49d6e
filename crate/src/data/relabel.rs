//! Correcting the source code line by line: new labels (or values) for chosen examples, as when a
//! person accepts the label-error finder's suggestions.

use super::dataset::{Dataset, Examples};
use super::images::MAX_IMAGE_CLASSES;
use super::points::{MAX_CLASSES, validate_value_point};
use crate::error::{PlaygroundError, Result};

impl Dataset {
    /// This dataset with example `index` given `label` (a value, for regression) for each change;
    /// an index out of range or a label out of range rejects the whole list, naming it.
    pub fn relabelled(&self, changes: &[(f64, f64)]) -> Result<Dataset> {
        if changes.is_empty() {
            return Err(PlaygroundError::InvalidData("relabel: no changes given".into()));
        }
        let n = self.len();
        let mut examples = self.examples().clone();
        for (k, &(index, label)) in changes.iter().enumerate() {
            let bad = |m: String| Err(PlaygroundError::InvalidData(format!("change {k}: {m}")));
            if !index.is_finite() || index.fract() != 0.0 || index < 0.0 || index >= n as f64 {
                return bad(format!("index {index} is out of range: the dataset has {n} examples (0..{})", n.saturating_sub(1)));
            }
            let i = index as usize;
            let whole = |max: usize| label.is_finite() && label.fract() == 0.0 && (0.0..max as f64).contains(&label);
            match &mut examples {
                Examples::Points(p) if whole(MAX_CLASSES) => p[i].label = label as u8,
                Examples::Images(im) if whole(MAX_IMAGE_CLASSES) => im[i].label = label as u8,
                Examples::Values(v) => v[i] = validate_value_point(i, v[i].x, v[i].y, label)?,
                Examples::Points(_) => return bad(format!("label {label} must be a whole number 0..{}", MAX_CLASSES - 1)),
                Examples::Images(_) => return bad(format!("label {label} must be a whole number 0..{}", MAX_IMAGE_CLASSES - 1)),
                Examples::Words(_) | Examples::Lines(_) => {
                    return bad("words and lines have no labels to change: edit the list instead".into());
                }
            }
        }
        Dataset::with_examples(examples, self.test_fraction(), self.split_seed())?.with_origins(self.origins().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use crate::data::{Dataset, Point};

    #[test]
    fn relabelling_changes_only_the_named_examples_and_checks_them() {
        let points = vec![Point { x: 0.1, y: 0.1, label: 0 }, Point { x: 0.2, y: 0.2, label: 1 }];
        let d = Dataset::new(points, 0.0, 1).unwrap();
        let r = d.relabelled(&[(1.0, 3.0)]).unwrap();
        assert_eq!(r.labels(), vec![0, 3]);
        assert!(d.relabelled(&[(2.0, 0.0)]).unwrap_err().to_string().contains("index 2 is out of range"));
        assert!(d.relabelled(&[(0.0, 8.0)]).unwrap_err().to_string().contains("label 8"));
        assert!(d.relabelled(&[]).is_err());
    }
}

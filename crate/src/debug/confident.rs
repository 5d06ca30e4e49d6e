//! Confident learning (Northcutt, Jiang & Chuang, JAIR 2021): from out-of-sample probabilities,
//! estimate how often each given label stands for each true one, and flag that many examples per
//! pair of labels — the likeliest bugs in the source code.

use serde::Serialize;

/// An example whose given label is probably wrong.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LabelIssue {
    /// Its index in the dataset.
    pub index: usize,
    /// The label it has.
    pub label: u8,
    /// The label it probably should have.
    pub suggested: u8,
    /// The out-of-sample probability of its given label: the lower, the likelier the label is wrong.
    pub quality: f64,
}

/// Flags label issues from `labels` and out-of-sample `probs` (`slots` per row, indexed by label),
/// worst (lowest quality) first:
///
/// 1. each class's threshold is its average self-confidence;
/// 2. the confident joint counts, per given label, the class each example confidently belongs to
///    (its most probable class among those at or above their threshold);
/// 3. its rows are calibrated to the class sizes, estimating how many examples of label `i` are
///    really `j`;
/// 4. for each pair `i ≠ j`, that many examples of label `i` with the largest margin
///    `p(j) − p(i)` are flagged, suggesting `j` (never a whole class);
/// 5. as in cleanlab, an example the model predicts as its given label is not flagged.
pub fn find_label_issues(labels: &[u8], probs: &[f64], slots: usize) -> Vec<LabelIssue> {
    let p = |x: usize, j: usize| probs[x * slots + j];
    let classes: Vec<usize> = (0..slots).filter(|&j| labels.iter().any(|&l| l as usize == j)).collect();
    let members = |i: usize| labels.iter().enumerate().filter(move |(_, l)| **l as usize == i).map(|(x, _)| x);
    let threshold: Vec<f64> = (0..slots)
        .map(|j| {
            let n = members(j).count();
            if n == 0 { f64::INFINITY } else { members(j).map(|x| p(x, j)).sum::<f64>() / n as f64 }
        })
        .collect();
    let mut joint = vec![vec![0.0f64; slots]; slots];
    for (x, &l) in labels.iter().enumerate() {
        let confident = classes.iter().copied().filter(|&j| p(x, j) >= threshold[j]).max_by(|&a, &b| p(x, a).total_cmp(&p(x, b)));
        if let Some(j) = confident {
            joint[l as usize][j] += 1.0;
        }
    }
    let mut flagged: Vec<Option<(u8, f64)>> = vec![None; labels.len()];
    for &i in &classes {
        let row: f64 = joint[i].iter().sum();
        let size = members(i).count();
        if row == 0.0 {
            continue;
        }
        let mut taken = 0;
        for &j in classes.iter().filter(|&&j| j != i) {
            let expected = (joint[i][j] / row * size as f64).round() as usize;
            let mut ranked: Vec<usize> = members(i).collect();
            ranked.sort_by(|&a, &b| (p(b, j) - p(b, i)).total_cmp(&(p(a, j) - p(a, i))));
            for &x in ranked.iter().take(expected.min(size.saturating_sub(1 + taken))) {
                let margin = p(x, j) - p(x, i);
                if flagged[x].is_none_or(|(_, m)| margin > m) {
                    taken += usize::from(flagged[x].is_none());
                    flagged[x] = Some((j as u8, margin));
                }
            }
        }
    }
    let predicted = |x: usize| classes.iter().copied().max_by(|&a, &b| p(x, a).total_cmp(&p(x, b))).unwrap_or(0);
    let mut issues: Vec<LabelIssue> = flagged
        .iter()
        .enumerate()
        .filter_map(|(x, f)| f.map(|(suggested, _)| (x, suggested)))
        .filter(|&(x, _)| predicted(x) != labels[x] as usize)
        .map(|(x, suggested)| LabelIssue { index: x, label: labels[x], suggested, quality: p(x, labels[x] as usize) })
        .collect();
    issues.sort_by(|a, b| a.quality.total_cmp(&b.quality));
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confidently_other_example_is_flagged_with_the_other_label() {
        // Ten examples of each class, predicted well, except example 3: labelled 0, looks like 1.
        let mut labels = vec![0u8; 10];
        labels.extend([1u8; 10]);
        let mut probs = Vec::new();
        for (x, &l) in labels.iter().enumerate() {
            let own = if x == 3 { 0.1 } else { 0.9 - 0.01 * (x % 5) as f64 };
            probs.extend(if l == 0 { [own, 1.0 - own] } else { [1.0 - own, own] });
        }
        let issues = find_label_issues(&labels, &probs, 2);
        assert_eq!(issues, vec![LabelIssue { index: 3, label: 0, suggested: 1, quality: 0.1 }]);
    }

    #[test]
    fn clean_confident_data_has_no_issues() {
        let labels = [0u8, 0, 1, 1, 2, 2];
        let probs: Vec<f64> = labels.iter().flat_map(|&l| (0..3).map(move |j| if j == l as usize { 0.8 } else { 0.1 })).collect();
        assert!(find_label_issues(&labels, &probs, 3).is_empty());
    }
}

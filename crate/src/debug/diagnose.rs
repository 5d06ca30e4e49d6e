//! Where the program is wrong: confusion matrices, every mistake with its confidence and loss,
//! and for regression the largest residuals.

use serde::Serialize;

use crate::data::{Dataset, Task};
use crate::error::Result;
use crate::inspect::outputs::all_outputs;
use crate::train::Program;

/// Which split an example is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SplitName {
    /// Trained on.
    Train,
    /// Held out for testing.
    Test,
}

impl SplitName {
    /// The split of example `i` of `data`.
    pub fn of(data: &Dataset, i: usize) -> Self {
        if data.is_test(i) { SplitName::Test } else { SplitName::Train }
    }
}

/// Counts of (given label, predicted label) per split: `train[label][predicted]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    /// The labels present, the rows (and columns) that can be non-zero.
    pub labels: Vec<u8>,
    /// Training examples: rows are given labels, columns predicted ones, indexed by label.
    pub train: Vec<Vec<usize>>,
    /// Test examples, laid out like `train`.
    pub test: Vec<Vec<usize>>,
    /// Which training examples each cell counts: `trainExamples[label][predicted]` lists their
    /// indices, so the page can mark a cell's examples without re-deriving predictions.
    #[serde(rename = "trainExamples")]
    pub train_examples: Vec<Vec<Vec<usize>>>,
    /// The same for the test split.
    #[serde(rename = "testExamples")]
    pub test_examples: Vec<Vec<Vec<usize>>>,
}

/// One example the network gets wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mistake {
    /// Its index in the dataset (`getData().points` / `.images`).
    pub index: usize,
    /// The split it is in.
    pub split: SplitName,
    /// Its given label.
    pub label: u8,
    /// The label the network predicts.
    pub predicted: u8,
    /// The probability the network gives its prediction.
    pub confidence: f64,
    /// Its cross-entropy loss against the given label.
    pub loss: f64,
}

/// One regression example and how far off the prediction is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Residual {
    /// Its index in the dataset.
    pub index: usize,
    /// The split it is in.
    pub split: SplitName,
    /// Its given value.
    pub value: f64,
    /// The value the network predicts.
    pub predicted: f64,
    /// `predicted − value`.
    pub residual: f64,
    /// Its squared error.
    pub loss: f64,
}

/// The diagnosis of a program's network on a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Diagnosis {
    /// Classification: where the labels go wrong, worst mistakes first.
    Classes {
        /// Per-split confusion matrices.
        confusion: Confusion,
        /// Every misclassified example, largest loss first.
        mistakes: Vec<Mistake>,
        /// Every example's loss, in dataset order.
        losses: Vec<f64>,
    },
    /// A word list: every word by its loss per character, highest first.
    Words {
        /// Every word, most surprising first.
        words: Vec<super::word_losses::WordLoss>,
    },
    /// Regression: every example by the size of its residual, largest first.
    Values {
        /// Every example, largest |residual| first.
        residuals: Vec<Residual>,
        /// Every example's squared error, in dataset order.
        losses: Vec<f64>,
    },
}

/// Runs the program's network on every example of `d` and reports where it is wrong.
pub async fn diagnose(program: &Program<'_>, d: &Dataset) -> Result<Diagnosis> {
    if d.is_words() {
        return Ok(Diagnosis::Words { words: super::word_losses::word_losses(program, d).await? });
    }
    let out = all_outputs(program, d).await?;
    if d.task() == Task::Regression {
        let points = d.value_points();
        let mut residuals: Vec<Residual> = (0..d.len())
            .map(|i| Residual {
                index: i,
                split: SplitName::of(d, i),
                value: points[i].value,
                predicted: out.values[i],
                residual: out.values[i] - points[i].value,
                loss: out.losses[i],
            })
            .collect();
        residuals.sort_by(|a, b| b.residual.abs().total_cmp(&a.residual.abs()));
        return Ok(Diagnosis::Values { residuals, losses: out.losses });
    }
    let labels = d.labels();
    let square = || vec![vec![0usize; out.slots]; out.slots];
    let (mut train, mut test) = (square(), square());
    let cells = || vec![vec![Vec::new(); out.slots]; out.slots];
    let (mut train_examples, mut test_examples) = (cells(), cells());
    let mut mistakes = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        let predicted = out.predicted(i);
        let split = SplitName::of(d, i);
        let (matrix, examples) = if split == SplitName::Test { (&mut test, &mut test_examples) } else { (&mut train, &mut train_examples) };
        matrix[label as usize][predicted as usize] += 1;
        examples[label as usize][predicted as usize].push(i);
        if predicted != label {
            let confidence = out.row(i)[predicted as usize];
            mistakes.push(Mistake { index: i, split, label, predicted, confidence, loss: out.losses[i] });
        }
    }
    mistakes.sort_by(|a, b| b.loss.total_cmp(&a.loss));
    let confusion = Confusion { labels: d.classes(), train, test, train_examples, test_examples };
    Ok(Diagnosis::Classes { confusion, mistakes, losses: out.losses })
}

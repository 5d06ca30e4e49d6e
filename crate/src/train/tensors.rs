//! The dataset as tensors on the device, built once per data or feature change.

use burn::prelude::*;

use super::config::TrainConfig;
use crate::data::words::windows;
use crate::data::{Dataset, Examples};
use crate::model::{coordinates_tensor, expand_features};

/// What each example of a split should make the network output.
#[derive(Debug, Clone)]
pub enum Targets {
    /// `[n]` output index of each example's class (classification).
    Classes(Tensor<1, Int>),
    /// `[n, 1]` value of each example (regression).
    Values(Tensor<2>),
    /// `[n, t]` the next token at every position of each word (a transformer reads whole
    /// words); [`PAD`] past a word's end, where nothing is predicted.
    Sequence(Tensor<2, Int>),
}

/// The target of a position past a word's end: left out of the loss.
pub const PAD: i32 = -1;

impl Targets {
    /// The targets of the examples at `indices` (a batch), in that order.
    pub fn select(&self, indices: Tensor<1, Int>) -> Self {
        match self {
            Targets::Classes(t) => Targets::Classes(t.clone().select(0, indices)),
            Targets::Values(t) => Targets::Values(t.clone().select(0, indices)),
            Targets::Sequence(t) => Targets::Sequence(t.clone().select(0, indices)),
        }
    }

    /// The class indices, or `None` for a regression split.
    pub fn classes(&self) -> Option<&Tensor<1, Int>> {
        match self {
            Targets::Classes(t) => Some(t),
            Targets::Values(_) | Targets::Sequence(_) => None,
        }
    }
}

/// Inputs and targets for one split.
#[derive(Debug, Clone)]
pub struct Split {
    /// `[n, inputs]`: chosen features of points, pixels of images, or for words the tokens
    /// before each character (one row per character, the end included).
    pub inputs: Tensor<2>,
    /// Class indices or values.
    pub targets: Targets,
    /// Number of rows (examples; for words, characters).
    pub len: usize,
}

impl Split {
    /// Uploads the examples at `indices`, or `None` when there are none.
    pub fn new(dataset: &Dataset, indices: &[usize], config: &TrainConfig, classes: &[u8], device: &Device) -> Option<Self> {
        if indices.is_empty() {
            return None;
        }
        let features = match dataset.examples() {
            Examples::Words(words) | Examples::Lines(words) if config.text.reads_sequences() => {
                return Some(Self::of_sequences(dataset, words, indices, config.text.reads(dataset.longest_word()), device));
            }
            Examples::Words(words) | Examples::Lines(words) => {
                return Some(Self::of_words(dataset, words, indices, config.text.reads(dataset.longest_word()), device));
            }
            _ => &config.features,
        };
        let n = indices.len();
        let targets = match dataset.examples() {
            Examples::Values(points) => {
                let values: Vec<f32> = indices.iter().map(|&i| points[i].value as f32).collect();
                Targets::Values(Tensor::from_data(TensorData::new(values, [n, 1]), device))
            }
            _ => {
                let labels = dataset.labels();
                let targets: Vec<i32> = indices.iter().map(|&i| output_index(classes, labels[i]) as i32).collect();
                Targets::Classes(Tensor::from_data(TensorData::new(targets, [n]), device))
            }
        };
        let inputs = match dataset.examples() {
            Examples::Points(_) | Examples::Values(_) | Examples::Words(_) | Examples::Lines(_) => {
                let all = dataset.coordinates();
                expand_features(coordinates_tensor(indices.iter().map(|&i| all[i]), device), features)
            }
            Examples::Images(images) => {
                let width = images[0].pixels.len();
                let flat: Vec<f32> = indices.iter().flat_map(|&i| images[i].pixels.iter().copied()).collect();
                Tensor::from_data(TensorData::new(flat, [indices.len(), width]), device)
            }
        };
        Some(Self { inputs, targets, len: n })
    }
}

impl Split {
    /// One row per character of the words at `indices` (the end of each included): the
    /// `context` tokens before it and the token itself as the class.
    fn of_words(dataset: &Dataset, words: &[String], indices: &[usize], context: usize, device: &Device) -> Self {
        let vocab = dataset.vocabulary().unwrap_or_else(|| crate::data::words::Vocabulary::of([]));
        let (contexts, targets) = windows(indices.iter().map(|&i| words[i].as_str()), &vocab, context);
        let n = targets.len();
        let contexts: Vec<f32> = contexts.into_iter().map(|t| t as f32).collect();
        let targets: Vec<i32> = targets.into_iter().map(|t| t as i32).collect();
        Self {
            inputs: Tensor::from_data(TensorData::new(contexts, [n, context]), device),
            targets: Targets::Classes(Tensor::from_data(TensorData::new(targets, [n]), device)),
            len: n,
        }
    }
}

impl Split {
    /// One row per word at `indices`, as makemore's transformer reads it: inputs are the start
    /// token then the word's characters, targets the characters then the end token, both padded
    /// to `block` positions (inputs with the end token, targets with [`PAD`]). A word longer than
    /// `block - 1` characters is cut there.
    fn of_sequences(dataset: &Dataset, words: &[String], indices: &[usize], block: usize, device: &Device) -> Self {
        let vocab = dataset.vocabulary().unwrap_or_else(|| crate::data::words::Vocabulary::of([]));
        let n = indices.len();
        let (mut inputs, mut targets) = (vec![0f32; n * block], vec![PAD; n * block]);
        for (row, &i) in indices.iter().enumerate() {
            let tokens: Vec<usize> = words[i].chars().map(|c| vocab.token(c).unwrap_or(0)).take(block.saturating_sub(1)).collect();
            for (k, &t) in tokens.iter().enumerate() {
                inputs[row * block + k + 1] = t as f32;
                targets[row * block + k] = t as i32;
            }
            targets[row * block + tokens.len()] = 0;
        }
        Self {
            inputs: Tensor::from_data(TensorData::new(inputs, [n, block]), device),
            targets: Targets::Sequence(Tensor::from_data(TensorData::new(targets, [n, block]), device)),
            len: n,
        }
    }
}

/// Rows the examples at `indices` make under `config`: one per example (and one per word for a
/// transformer), or for the window programs on words one per character and one per word's end.
pub fn rows_of(dataset: &Dataset, indices: &[usize], config: &TrainConfig) -> usize {
    match dataset.examples() {
        Examples::Words(words) | Examples::Lines(words) if !config.text.reads_sequences() => {
            indices.iter().map(|&i| words[i].chars().count() + 1).sum()
        }
        _ => indices.len(),
    }
}

/// Position of `label` among the classes present (the network's output unit for it).
pub fn output_index(classes: &[u8], label: u8) -> usize {
    classes.iter().position(|&c| c == label).unwrap_or(0)
}

/// Width of the network's input for this dataset: the chosen features, the pixel count, or the
/// characters a word program reads.
pub fn input_width(dataset: &Dataset, config: &TrainConfig) -> usize {
    match dataset.image_size() {
        Some((w, h)) => w * h,
        None if dataset.is_words() => config.text.reads(dataset.longest_word()),
        None => config.features.len(),
    }
}

/// A batch of transformer rows cut to the `width` positions its longest word uses (the start
/// token and the characters in, the characters and the end token out); other splits unchanged.
///
/// Rows are padded to the block, and a batch of names rarely holds one as long as the longest
/// of all: at 32 names, about a quarter of the positions are padding in every row. Cutting them
/// changes no number: causal attention never lets a later position reach an earlier one, and the
/// loss leaves padding out. It only drops the work.
pub fn narrow_sequences(inputs: Tensor<2>, targets: Targets, width: usize) -> (Tensor<2>, Targets) {
    match targets {
        Targets::Sequence(t) if width < t.dims()[1] => {
            let rows = t.dims()[0];
            (inputs.slice([0..rows, 0..width]), Targets::Sequence(t.slice([0..rows, 0..width])))
        }
        other => (inputs, other),
    }
}

/// Positions each row of a transformer's split uses (see [`narrow_sequences`]): its characters
/// and one more, at most `block`.
fn sequence_widths(words: &[String], indices: &[usize], block: usize) -> Vec<usize> {
    indices.iter().map(|&i| (words[i].chars().count() + 1).min(block)).collect()
}

/// Both splits: training on the autodiff device, evaluation copies on the plain device.
#[derive(Debug, Clone)]
pub struct DataTensors {
    /// Training split on the autodiff device (for steps).
    pub train_autodiff: Option<Split>,
    /// For a transformer, the positions each training row uses (see [`narrow_sequences`]);
    /// empty otherwise.
    pub train_widths: Vec<usize>,
    /// Training split on the plain device (for evaluation).
    pub train: Option<Split>,
    /// Test split on the plain device.
    pub test: Option<Split>,
}

impl DataTensors {
    /// Uploads the dataset for the given features and class order.
    pub fn new(dataset: &Dataset, config: &TrainConfig, classes: &[u8], device: &Device) -> Self {
        let train = dataset.split_indices(false);
        let test = dataset.split_indices(true);
        let train_widths = match dataset.examples() {
            Examples::Words(words) | Examples::Lines(words) if config.text.reads_sequences() => {
                sequence_widths(words, &train, config.text.reads(dataset.longest_word()))
            }
            _ => Vec::new(),
        };
        Self {
            train_autodiff: Split::new(dataset, &train, config, classes, &device.clone().autodiff()),
            train_widths,
            train: Split::new(dataset, &train, config, classes, device),
            test: Split::new(dataset, &test, config, classes, device),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::transformer::{Gpt, GptShape};
    use crate::train::loss::sequence_nll;

    #[test]
    fn a_batch_cut_to_its_longest_word_has_the_padded_batch_s_loss_and_gradients() {
        let device = Device::flex().autodiff();
        device.seed(7);
        let gpt = Gpt::new(&GptShape { vocab: 6, block: 8, width: 16, layers: 2, heads: 2, dropout: 0.0 }, &device);
        // Three words of 2, 4 and 1 characters, as of_sequences pads them to the block.
        let words: [&[i32]; 3] = [&[3, 1], &[2, 5, 4, 1], &[4]];
        let (mut inputs, mut targets) = (vec![0f32; 3 * 8], vec![PAD; 3 * 8]);
        for (row, word) in words.iter().enumerate() {
            for (k, &t) in word.iter().enumerate() {
                inputs[row * 8 + k + 1] = t as f32;
                targets[row * 8 + k] = t;
            }
            targets[row * 8 + word.len()] = 0;
        }
        let inputs = Tensor::<2>::from_data(TensorData::new(inputs, [3, 8]), &device);
        let targets = Targets::Sequence(Tensor::from_data(TensorData::new(targets, [3, 8]), &device));
        let loss_and_grads = |(inputs, targets): (Tensor<2>, Targets)| {
            let Targets::Sequence(t) = targets else { unreachable!() };
            let (sum, count) = sequence_nll(gpt.forward(inputs), &t);
            let loss = sum / count;
            let grads = loss.backward();
            let grad = |p: &Tensor<2>| p.grad(&grads).unwrap().into_data().convert::<f32>().try_to_vec::<f32>().unwrap();
            let params =
                [&gpt.wte.weight, &gpt.wpe.weight, &gpt.blocks[0].fc.weight, &gpt.blocks[1].attn.query.weight, &gpt.lm_head.weight];
            let loss: f32 = loss.into_data().convert::<f32>().try_to_vec::<f32>().unwrap()[0];
            (loss, params.map(|p| grad(&p.val())))
        };
        let (padded_loss, padded) = loss_and_grads((inputs.clone(), targets.clone()));
        let narrowed = narrow_sequences(inputs, targets, 5);
        assert_eq!(narrowed.0.dims(), [3, 5]);
        let (cut_loss, cut) = loss_and_grads(narrowed);
        assert!((padded_loss - cut_loss).abs() < 1e-6, "loss {padded_loss} vs {cut_loss}");
        for (a, b) in padded.iter().zip(&cut) {
            let worst = a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
            assert!(worst < 1e-6 && a.iter().any(|&x| x != 0.0), "gradients differ by {worst:e}");
        }
    }
}

//! What the engine tells the page and the API: flagged examples, the queue as a reloaded page
//! shows it, each round's record, where the engine stands and what each trigger fires on.

use serde::{Deserialize, Serialize};

use super::world::Target;

pub use crate::data::origin::Labeller;

/// A flagged example as the page and the API see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flagged {
    /// The world example's id (its index in the world).
    pub id: usize,
    /// Coordinates, for points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    /// Coordinates, for points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    /// Pixels row by row, for images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pixels: Option<Vec<f32>>,
    /// What the deployed program predicts: a class, or a value.
    pub predicted: Option<f64>,
    /// The trigger's score.
    pub score: f64,
    /// The trigger that flagged it.
    pub trigger: &'static str,
}

/// A queued example as a reloaded page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedView {
    /// The world example's id.
    pub id: usize,
    /// Coordinates, for points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    /// See `x`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    /// Pixels, for images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pixels: Option<Vec<f32>>,
    /// The trigger that flagged it.
    pub trigger: &'static str,
    /// Its label, once given.
    pub label: Option<Target>,
    /// Who gave it.
    pub labeller: Option<Labeller>,
}

/// One round, as the history and the `engine` event report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundRecord {
    /// 0 at deployment, then 1, 2, …
    pub round: usize,
    /// Examples folded in this round.
    pub added: usize,
    /// Of those, labelled by a person and by the world.
    pub by_person: usize,
    /// See `by_person`.
    pub by_world: usize,
    /// `[trigger, count]` of the examples folded in.
    pub triggers: Vec<(String, usize)>,
    /// Labels spent so far, all rounds together.
    pub labels_spent: usize,
    /// Examples in the dataset after the round.
    pub examples: usize,
    /// Share of the world test set the program gets right (classification).
    pub world_accuracy: Option<f64>,
    /// Mean squared error on the world test set (regression).
    pub world_mse: Option<f64>,
    /// The version the round committed (none at deployment).
    pub version: Option<String>,
    /// The training step the network reached.
    pub step: u64,
}

/// Where the engine stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineStatus {
    /// The world's name.
    pub world: String,
    /// Examples in the stream and in the held-out world test set.
    pub stream_size: usize,
    /// See `stream_size`.
    pub world_test: usize,
    /// Stream examples the fleet has met so far.
    pub stream_seen: usize,
    /// Examples in the labelling queue.
    pub flagged: usize,
    /// Of those, labelled and ready to fold in.
    pub labelled: usize,
    /// The last round (0: just deployed).
    pub round: usize,
    /// The program's accuracy on the world test set after the last round.
    pub world_accuracy: Option<f64>,
    /// Regression: the world test MSE after the last round.
    pub world_mse: Option<f64>,
    /// How many examples of the last window the trigger used fired on: `[trigger, fired, window]`.
    pub last_flag: Option<(String, usize, usize)>,
    /// How many examples of the last window each trigger fires on (`uncertainty` at its default
    /// threshold, `class` per predicted class, `random`, and `disagreement` or `blindspot` when
    /// it was used).
    pub triggers: Vec<TriggerCount>,
    /// Examples of the world's source left out because the dataset already held them.
    pub overlap_removed: usize,
}

/// One trigger's count on the last window the fleet met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerCount {
    /// The trigger's name.
    pub trigger: String,
    /// For `class`, the class.
    pub class: Option<u8>,
    /// Examples it fires on.
    pub fired: usize,
    /// Examples the fleet met.
    pub window: usize,
}

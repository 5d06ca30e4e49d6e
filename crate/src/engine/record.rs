//! The engine as it is kept in a project file (and so in the autosave): the world's examples, the
//! stream position, the queue with its labels and the rounds — so a reload finds the program still
//! deployed, with the dataset it belongs to.

use serde::{Deserialize, Serialize};

use super::reports::{Labeller, RoundRecord};
use super::rounds::Engine;
use super::world::{Target, World};
use crate::data::origin::TriggerKind;
use crate::data::record::DatasetRecord;
use crate::error::{PlaygroundError, Result};

/// One queued example as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedRecord {
    /// The world example's id.
    pub id: usize,
    /// The trigger that flagged it.
    pub trigger: String,
    /// Its label, once given.
    pub label: Option<Target>,
    /// `person` or `world`, once labelled.
    pub labeller: Option<Labeller>,
}

/// A deployed engine, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EngineRecord {
    /// The world's name.
    pub name: String,
    /// The world's examples with their true labels.
    pub world: DatasetRecord,
    /// Stream order.
    pub stream: Vec<usize>,
    /// The held-out world test set.
    pub test: Vec<usize>,
    /// The deployment's seed.
    pub seed: u64,
    /// Where the fleet is in the stream.
    pub cursor: usize,
    /// Stream examples met so far.
    pub seen: usize,
    /// Examples already sent back (queued or folded in).
    pub collected: Vec<usize>,
    /// The labelling queue.
    pub queue: Vec<QueuedRecord>,
    /// Every round, round 0 first.
    pub rounds: Vec<RoundRecord>,
    /// How many times the fleet was asked to flag.
    pub flags: u64,
    /// The last flag's `[trigger, fired, window]`.
    pub last_flag: Option<(String, usize, usize)>,
    /// Every trigger's count on the last window.
    #[serde(default)]
    pub triggers: Vec<super::reports::TriggerCount>,
    /// Examples of the world's source left out because the dataset held them.
    #[serde(default)]
    pub overlap_removed: usize,
}

impl EngineRecord {
    /// Checks every index against the world before anything is rebuilt from the record.
    pub fn check(&self) -> Result<()> {
        let n = self.world.examples.len();
        let bad = |what: &str| PlaygroundError::InvalidData(format!("the data engine's {what} points outside its world of {n} examples"));
        let ids = self.stream.iter().chain(&self.test).chain(&self.collected).chain(self.queue.iter().map(|q| &q.id));
        if ids.clone().any(|&i| i >= n) {
            return Err(bad("record"));
        }
        if self.rounds.is_empty() || self.stream.is_empty() || self.test.is_empty() {
            return Err(PlaygroundError::InvalidData("the data engine's record has no rounds, stream or world test set".into()));
        }
        Ok(())
    }

    /// The world the record describes, checked.
    pub fn world(&self) -> Result<World> {
        self.check()?;
        Ok(World {
            name: self.name.clone(),
            examples: self.world.dataset("the data engine's world")?,
            stream: self.stream.clone(),
            test: self.test.clone(),
            overlap_removed: self.overlap_removed,
        })
    }
}

/// Rebuilds an engine from its record (checked first).
pub fn engine_from(record: &EngineRecord) -> Result<Engine> {
    let world = record.world()?;
    Engine::from_parts(world, record)
}

/// Looks a trigger's name up among those the engine knows (a record from elsewhere may lie).
pub fn trigger_kind(name: &str) -> Result<TriggerKind> {
    TriggerKind::from_name(name)
        .ok_or_else(|| PlaygroundError::InvalidData(format!("the data engine's record names an unknown trigger '{name}'")))
}

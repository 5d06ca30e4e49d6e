//! The loop a person runs: the deployed program meets the stream, triggers flag examples into a
//! labelling queue, labels come from a person (as given, even when wrong) or from the world, and
//! each round folds them into the dataset as one undoable step and one committed version, then
//! retrains and measures the program on the held-out world.

use super::committee::Committee;
use super::flag_job::PendingFlag;
use super::measure::world_score;
use super::record::{EngineRecord, QueuedRecord, trigger_kind};
use super::reports::{EngineStatus, Flagged, Labeller, QueuedView, RoundRecord, TriggerCount};
use super::trigger::{Scored, Trigger, TriggerSpec, pick, score, trigger_counts};
use super::world::{MAX_WORLD_SIZE, Target, World, check_matches, extended, next_window};
use crate::data::origin::TriggerKind;
use crate::data::record::DatasetRecord;
use crate::data::{Dataset, MAX_CLASSES, MAX_IMAGE_CLASSES, Origin, Task};
use crate::error::{PlaygroundError, Result};
use crate::train::progress::Budget;
use crate::train::{Program, Session};

/// Stream examples the fleet meets per `flag` unless told otherwise.
pub const DEFAULT_WINDOW: usize = 400;
/// Training steps after a fold-in unless told otherwise.
pub const DEFAULT_FOLD_STEPS: u64 = 300;
/// Most examples one `flag` may queue.
pub const MAX_FLAG_COUNT: usize = 1000;
/// Most training steps one fold-in may ask for.
pub const MAX_FOLD_STEPS: u64 = 20_000;

/// A flagged example waiting in the queue.
#[derive(Debug, Clone, PartialEq)]
struct Queued {
    id: usize,
    trigger: TriggerKind,
    label: Option<(Target, Labeller)>,
}

/// A deployed program's engine: the world, the stream position, the queue and the rounds.
#[derive(Debug, Clone)]
pub struct Engine {
    world: World,
    seed: u64,
    cursor: usize,
    seen: usize,
    collected: Vec<bool>,
    queue: Vec<Queued>,
    rounds: Vec<RoundRecord>,
    flags: u64,
    last_flag: Option<(String, usize, usize)>,
    counts: Vec<TriggerCount>,
}

impl Engine {
    /// Deploys `program` (learnt from `data`) into `world`: round 0 measures it there before any
    /// data is collected.
    pub async fn deploy(program: &Program<'_>, data: &Dataset, world: World, seed: u64) -> Result<Self> {
        let score = world_score(program, &world).await?;
        let n = world.examples.len();
        let round0 = RoundRecord {
            round: 0,
            added: 0,
            by_person: 0,
            by_world: 0,
            triggers: Vec::new(),
            labels_spent: 0,
            examples: data.len(),
            world_accuracy: score.accuracy,
            world_mse: score.mse,
            version: None,
            step: program.step(),
        };
        Ok(Self {
            world,
            seed,
            cursor: 0,
            seen: 0,
            collected: vec![false; n],
            queue: Vec::new(),
            rounds: vec![round0],
            flags: 0,
            last_flag: None,
            counts: Vec::new(),
        })
    }

    /// The world deployed into.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Every round so far, round 0 first.
    pub fn history(&self) -> &[RoundRecord] {
        &self.rounds
    }

    /// Where the engine stands.
    pub fn status(&self) -> EngineStatus {
        let last = self.rounds.last().expect("round 0 exists");
        EngineStatus {
            world: self.world.name.clone(),
            stream_size: self.world.stream.len(),
            world_test: self.world.test.len(),
            stream_seen: self.seen,
            flagged: self.queue.len(),
            labelled: self.queue.iter().filter(|q| q.label.is_some()).count(),
            round: last.round,
            world_accuracy: last.world_accuracy,
            world_mse: last.world_mse,
            last_flag: self.last_flag.clone(),
            triggers: self.counts.clone(),
            overlap_removed: self.world.overlap_removed,
        }
    }

    /// The fleet meets the next `window` stream examples it has not sent back yet; `spec`'s
    /// trigger judges them with `program` (learnt from `data`) and up to `count` of those it fires
    /// on join the queue. Runs the whole flag at once (a committee trains to the end first); the
    /// page runs it as a [`FlagJob`].
    pub async fn flag(
        &mut self,
        program: &Program<'_>,
        data: &Dataset,
        spec: &TriggerSpec,
        count: usize,
        window: usize,
    ) -> Result<Vec<Flagged>> {
        let mut pending = self.begin_flag(program, data, spec, count, window)?;
        while !pending.train_within(&Budget::new(f64::INFINITY))? {}
        self.finish_flag(program, data, pending).await
    }

    /// Checks a flag request and takes the next window of the stream, changing nothing yet: the
    /// engine moves on only when [`Engine::finish_flag`] queues the picks (a cancelled flag
    /// leaves no trace).
    pub fn begin_flag(
        &self,
        program: &Program<'_>,
        data: &Dataset,
        spec: &TriggerSpec,
        count: usize,
        window: usize,
    ) -> Result<PendingFlag> {
        let trigger = Trigger::parse(spec, program.task())?;
        if !(1..=MAX_FLAG_COUNT).contains(&count) || !(1..=MAX_WORLD_SIZE).contains(&window) {
            return Err(PlaygroundError::InvalidConfig(format!(
                "count {count} must be between 1 and {MAX_FLAG_COUNT}, window {window} between 1 and {MAX_WORLD_SIZE}"
            )));
        }
        // The data may have changed kind since the deployment (another preset, a CSV).
        check_matches(&self.world.examples, data)?;
        let mut cursor = self.cursor;
        let ids = next_window(&self.world.stream, &self.collected, &mut cursor, window);
        if ids.is_empty() {
            return Err(PlaygroundError::MissingData("the stream is used up: every example has been sent back".into()));
        }
        let steps = program.step().clamp(50, 1000);
        let committee = match trigger.needs_committee() {
            Some(size) => Some(Committee::new(&program.blueprint(), data, size, steps)?),
            None => None,
        };
        Ok(PendingFlag { trigger, ids, cursor, count, committee })
    }

    /// Scores a begun flag's window with its trigger and queues up to its count of the examples
    /// the trigger fires on.
    pub async fn finish_flag(&mut self, program: &Program<'_>, data: &Dataset, pending: PendingFlag) -> Result<Vec<Flagged>> {
        let PendingFlag { trigger, ids, cursor, count, committee } = pending;
        let seed = self.seed ^ ((self.flags + 1) << 20);
        let scored = score(program, data, &self.world, &ids, &trigger, seed, committee.as_ref()).await?;
        let fired = scored.iter().filter(|s| s.fires).count();
        let counts = trigger_counts(program, data, &self.world, &scored, &trigger, fired).await?;
        let picked = pick(&scored, count, &self.world, trigger.spacing());
        self.flags += 1;
        self.cursor = cursor;
        self.counts = counts;
        self.seen = (self.seen + ids.len()).min(self.world.stream.len());
        self.last_flag = Some((trigger.name().to_string(), fired, ids.len()));
        for s in &picked {
            self.collected[s.id] = true;
            self.queue.push(Queued { id: s.id, trigger: trigger.kind(), label: None });
        }
        Ok(picked.iter().map(|s| self.describe(s, trigger.name())).collect())
    }

    /// The queue as the page shows it, in the order examples were flagged.
    pub fn queue(&self) -> Vec<(usize, Option<(Target, Labeller)>)> {
        self.queue.iter().map(|q| (q.id, q.label)).collect()
    }

    /// The queue with each example's place (or pixels) and label, for a page that reloads.
    pub fn queue_view(&self) -> Vec<QueuedView> {
        self.queue
            .iter()
            .map(|q| {
                let (x, y) = self.world.position(q.id).map_or((None, None), |(x, y)| (Some(x), Some(y)));
                QueuedView {
                    id: q.id,
                    x,
                    y,
                    pixels: self.world.image(q.id).map(|im| im.pixels.clone()),
                    trigger: q.trigger.name(),
                    label: q.label.map(|l| l.0),
                    labeller: q.label.map(|l| l.1),
                }
            })
            .collect()
    }

    /// Labels queued examples by hand: every id must be queued and every label valid, or nothing
    /// changes.
    pub fn label(&mut self, ids: &[usize], targets: &[Target], task: Task) -> Result<()> {
        if ids.len() != targets.len() {
            return Err(PlaygroundError::InvalidData(format!("{} ids but {} labels", ids.len(), targets.len())));
        }
        let limit = if self.world.examples.image_size().is_some() { MAX_IMAGE_CLASSES } else { MAX_CLASSES };
        for (k, t) in targets.iter().enumerate() {
            match (task, t) {
                (Task::Classification, Target::Label(l)) if (*l as usize) < limit => {}
                (Task::Classification, _) => {
                    return Err(PlaygroundError::InvalidData(format!("label {k}: {} is not a class (0 to {})", target_text(t), limit - 1)));
                }
                (Task::Regression, t) if target_value(*t).is_finite() && target_value(*t).abs() <= crate::data::MAX_ABS_VALUE => {}
                (Task::Regression, t) => {
                    return Err(PlaygroundError::InvalidData(format!("label {k}: {} is not a usable value", target_text(t))));
                }
            }
        }
        let slots = self.slots_of(ids)?;
        for (slot, t) in slots.into_iter().zip(targets) {
            let t = if task == Task::Regression { Target::Value(target_value(*t)) } else { *t };
            self.queue[slot].label = Some((t, Labeller::Person));
        }
        Ok(())
    }

    /// Labels queued examples with the world's true labels.
    pub fn label_with_world(&mut self, ids: &[usize], task: Task) -> Result<()> {
        let slots = self.slots_of(ids)?;
        for slot in slots {
            let id = self.queue[slot].id;
            let t = if task == Task::Regression { Target::Value(self.world.value(id)) } else { Target::Label(self.world.label(id)) };
            self.queue[slot].label = Some((t, Labeller::World));
        }
        Ok(())
    }

    /// Folds every labelled queued example into `session`'s dataset as one undoable step and one
    /// committed version, trains `steps` more steps and measures the program on the world.
    pub async fn fold_in(&mut self, session: &mut Session, steps: u64) -> Result<RoundRecord> {
        self.fold(session, steps).await?;
        let trained = session.train_steps(steps);
        let record = self.remeasure_last_round(&session.program()).await?;
        trained.map(|()| record)
    }

    /// The first half of [`Engine::fold_in`]: the labelled examples go into the dataset (one undo
    /// step, one version) and the round is recorded, measured before its training. `steps` is
    /// only checked here; the caller trains (as a job, in slices) and then calls
    /// [`Engine::remeasure_last_round`].
    pub async fn fold(&mut self, session: &mut Session, steps: u64) -> Result<RoundRecord> {
        if !(1..=MAX_FOLD_STEPS).contains(&steps) {
            return Err(PlaygroundError::InvalidConfig(format!("steps {steps} must be between 1 and {MAX_FOLD_STEPS}")));
        }
        check_matches(&self.world.examples, session.dataset())?;
        let ready: Vec<Queued> = self.queue.iter().filter(|q| q.label.is_some()).cloned().collect();
        if ready.is_empty() {
            return Err(PlaygroundError::MissingData("nothing to fold in: label some flagged examples first".into()));
        }
        let round = self.rounds.len();
        let added: Vec<(usize, Target, Origin)> = ready
            .iter()
            .map(|q| {
                let (target, by) = q.label.expect("filtered");
                (q.id, target, Origin::Engine { round, trigger: q.trigger, labeller: by })
            })
            .collect();
        let dataset = extended(session.dataset(), &self.world, &added)?;
        let mut triggers: Vec<(String, usize)> = Vec::new();
        for q in &ready {
            match triggers.iter_mut().find(|(t, _)| t == q.trigger.name()) {
                Some((_, n)) => *n += 1,
                None => triggers.push((q.trigger.name().to_string(), 1)),
            }
        }
        let by_person = ready.iter().filter(|q| matches!(q.label, Some((_, Labeller::Person)))).count();
        let parts: Vec<String> = triggers.iter().map(|(t, n)| format!("+{n} from {t}")).collect();
        let who = if by_person > 0 { format!(" ({by_person} labelled by hand)") } else { String::new() };
        session.set_dataset(dataset)?;
        self.queue.retain(|q| q.label.is_none());
        let version = session.commit(&format!("round {round}: {}{who}", parts.join(", ")))?;
        // The data is in and committed: the round is recorded even if training then fails.
        let score = world_score(&session.program(), &self.world).await?;
        let record = RoundRecord {
            round,
            added: ready.len(),
            by_person,
            by_world: ready.len() - by_person,
            triggers,
            labels_spent: self.rounds.last().map_or(0, |r| r.labels_spent) + ready.len(),
            examples: session.dataset().len(),
            world_accuracy: score.accuracy,
            world_mse: score.mse,
            version: Some(version),
            step: session.step(),
        };
        self.rounds.push(record.clone());
        Ok(record)
    }

    /// Measures `program` on the world again after the last round's training, and updates that
    /// round's record (its scores and step).
    pub async fn remeasure_last_round(&mut self, program: &Program<'_>) -> Result<RoundRecord> {
        let score = world_score(program, &self.world).await?;
        let last = self.rounds.last_mut().ok_or_else(|| PlaygroundError::MissingData("no round to measure".into()))?;
        last.world_accuracy = score.accuracy;
        last.world_mse = score.mse;
        last.step = program.step();
        Ok(last.clone())
    }

    /// The engine as a project file keeps it (see [`super::record`]).
    pub fn record(&self) -> EngineRecord {
        EngineRecord {
            name: self.world.name.clone(),
            world: DatasetRecord::of(&self.world.examples),
            stream: self.world.stream.clone(),
            test: self.world.test.clone(),
            seed: self.seed,
            cursor: self.cursor,
            seen: self.seen,
            collected: (0..self.collected.len()).filter(|&i| self.collected[i]).collect(),
            queue: self
                .queue
                .iter()
                .map(|q| QueuedRecord {
                    id: q.id,
                    trigger: q.trigger.name().into(),
                    label: q.label.map(|l| l.0),
                    labeller: q.label.map(|l| l.1),
                })
                .collect(),
            rounds: self.rounds.clone(),
            flags: self.flags,
            last_flag: self.last_flag.clone(),
            triggers: self.counts.clone(),
            overlap_removed: self.world.overlap_removed,
        }
    }

    /// An engine from a checked record and the world it describes.
    pub(crate) fn from_parts(world: World, r: &EngineRecord) -> Result<Self> {
        let mut collected = vec![false; world.examples.len()];
        r.collected.iter().for_each(|&i| collected[i] = true);
        let queue = r
            .queue
            .iter()
            .map(|q| Ok(Queued { id: q.id, trigger: trigger_kind(&q.trigger)?, label: q.label.zip(q.labeller) }))
            .collect::<Result<Vec<_>>>()?;
        let cursor = r.cursor % world.stream.len();
        Ok(Self {
            world,
            seed: r.seed,
            cursor,
            seen: r.seen,
            collected,
            queue,
            rounds: r.rounds.clone(),
            flags: r.flags,
            last_flag: r.last_flag.clone(),
            counts: r.triggers.clone(),
        })
    }

    /// Queue positions of `ids`; refuses ids that are not queued, or repeated.
    fn slots_of(&self, ids: &[usize]) -> Result<Vec<usize>> {
        if ids.is_empty() {
            return Err(PlaygroundError::InvalidData("no ids given".into()));
        }
        let mut slots = Vec::with_capacity(ids.len());
        for &id in ids {
            let slot = self
                .queue
                .iter()
                .position(|q| q.id == id)
                .ok_or_else(|| PlaygroundError::InvalidData(format!("example {id} is not waiting in the queue: flag it first")))?;
            if slots.contains(&slot) {
                return Err(PlaygroundError::InvalidData(format!("example {id} is given twice")));
            }
            slots.push(slot);
        }
        Ok(slots)
    }

    fn describe(&self, s: &Scored, trigger: &'static str) -> Flagged {
        let (x, y) = self.world.position(s.id).map_or((None, None), |(x, y)| (Some(x), Some(y)));
        let pixels = self.world.image(s.id).map(|im| im.pixels.clone());
        let predicted = s.predicted.map(f64::from).or(s.value);
        Flagged { id: s.id, x, y, pixels, predicted, score: s.score, trigger }
    }
}

fn target_value(t: Target) -> f64 {
    match t {
        Target::Label(l) => l as f64,
        Target::Value(v) => v,
    }
}

fn target_text(t: &Target) -> String {
    match t {
        Target::Label(l) => l.to_string(),
        Target::Value(v) => v.to_string(),
    }
}

//! Does curating beat collecting at random? The whole loop — flag, label with the world, fold in,
//! retrain — run beside the person's network from the same start, once per strategy and seed,
//! measuring world accuracy (or MSE) against labels spent. A background job: a few training steps
//! per slice, so it streams progress and can be cancelled.

use serde::{Deserialize, Serialize};

use super::committee::Committee;
use super::measure::world_score;
use super::trigger::{Trigger, TriggerSpec, pick, score};
use super::world::{MAX_WORLD_SIZE, Target, World};
use super::world::{check_matches, extended, next_window};
use crate::data::origin::Labeller;
use crate::data::{Dataset, Origin, Task};
use crate::error::{PlaygroundError, Result};
use crate::train::clock::now_ms;
use crate::train::progress::{Advance, Budget, Progress};
use crate::train::{Blueprint, Program, Session};

/// Steps trained between checks of the time budget.
const STEP_CHUNK: u64 = 10;

/// What to compare and how long: `budget` labels per round for `rounds` rounds, `steps` training
/// steps after each, averaged over `seeds` runs, looking at `window` stream examples per round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CurveOptions {
    /// Strategies: trigger names, or `{ trigger, … }` specs.
    pub strategies: Vec<StrategyArg>,
    /// Rounds per run.
    pub rounds: usize,
    /// Labels per round.
    pub budget: usize,
    /// Training steps at the start and after each round.
    pub steps: u64,
    /// Runs per strategy, each from its own seed.
    pub seeds: usize,
    /// Stream examples met per round.
    pub window: usize,
}

impl Default for CurveOptions {
    fn default() -> Self {
        Self {
            strategies: ["blindspot", "uncertainty", "random"].map(|n| StrategyArg::Name(n.into())).to_vec(),
            rounds: 8,
            budget: 10,
            steps: 200,
            seeds: 3,
            window: 400,
        }
    }
}

/// A strategy as given: a trigger name, or a full spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StrategyArg {
    /// `"uncertainty"`, `"random"`, …
    Name(String),
    /// `{ trigger, threshold, class, measure, committee }`.
    Spec(TriggerSpec),
}

/// One strategy's curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyCurve {
    /// The trigger's name.
    pub strategy: String,
    /// Mean world score per round, over the seeds.
    pub mean: Vec<f64>,
    /// Standard deviation per round, over the seeds.
    pub spread: Vec<f64>,
    /// Every run's scores, seed by seed.
    pub runs: Vec<Vec<f64>>,
}

/// What `engineCurve` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurveResult {
    /// `accuracy` (higher is better) or `mse` (lower is better).
    pub metric: &'static str,
    /// Labels spent at each point of the curves (0, budget, 2·budget, …).
    pub labels: Vec<usize>,
    /// One curve per strategy.
    pub strategies: Vec<StrategyCurve>,
    /// The comparison in one sentence.
    pub summary: String,
}

/// One run: a strategy from one seed, advancing round by round.
struct Run {
    strategy: usize,
    seed: u64,
    /// Its own session beside the person's, built from the blueprint (no undo history).
    sibling: Session,
    collected: Vec<bool>,
    cursor: usize,
    left: u64,
    scores: Vec<f64>,
    /// The committee of this round (the `disagreement` strategy), while it trains.
    committee: Option<Committee>,
}

/// The curve job.
pub struct EngineCurveJob {
    blueprint: Blueprint,
    start: Dataset,
    world: World,
    triggers: Vec<Trigger>,
    options: CurveOptions,
    runs: Vec<Vec<Vec<f64>>>,
    current: Option<Run>,
    next: usize,
}

impl EngineCurveJob {
    /// Prepares the comparison from the `start` data and `program`'s configuration in `world`;
    /// bad options reject before any work.
    pub fn new(program: &Program<'_>, start: &Dataset, world: World, options: CurveOptions) -> Result<Self> {
        let check = |ok: bool, what: String| if ok { Ok(()) } else { Err(PlaygroundError::InvalidConfig(what)) };
        check(!options.strategies.is_empty() && options.strategies.len() <= 4, "give 1 to 4 strategies".into())?;
        check((1..=50).contains(&options.rounds), format!("rounds {} must be between 1 and 50", options.rounds))?;
        check((1..=500).contains(&options.budget), format!("budget {} must be between 1 and 500", options.budget))?;
        check((1..=20_000).contains(&options.steps), format!("steps {} must be between 1 and 20000", options.steps))?;
        check((1..=10).contains(&options.seeds), format!("seeds {} must be between 1 and 10", options.seeds))?;
        check(
            options.window >= options.budget && options.window <= MAX_WORLD_SIZE,
            format!("window {} must hold at least the budget and at most {MAX_WORLD_SIZE}", options.window),
        )?;
        check_matches(&world.examples, start)?;
        if start.is_empty() {
            return Err(PlaygroundError::MissingData("the curve starts from the dataset: add a few labelled examples first".into()));
        }
        let triggers = options
            .strategies
            .iter()
            .map(|s| match s {
                StrategyArg::Name(n) => Trigger::parse(&TriggerSpec { trigger: n.clone(), ..Default::default() }, program.task()),
                StrategyArg::Spec(spec) => Trigger::parse(spec, program.task()),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            runs: vec![Vec::new(); triggers.len()],
            blueprint: program.blueprint(),
            start: start.clone(),
            world,
            triggers,
            options,
            current: None,
            next: 0,
        })
    }

    /// Works for about `budget_ms`, then reports; the last run's end returns the curves.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<CurveResult>> {
        let began = now_ms();
        let total = self.triggers.len() * self.options.seeds;
        loop {
            if self.current.is_none() {
                if self.next == total {
                    return Ok(Advance::Done(self.result()));
                }
                self.current = Some(self.start_run(self.next)?);
                self.next += 1;
            }
            let run = self.current.as_mut().expect("set above");
            if run.left > 0 {
                let chunk = run.left.min(STEP_CHUNK);
                run.sibling.train_steps(chunk)?;
                run.left -= chunk;
                if run.left == 0 {
                    let s = world_score(&run.sibling.program(), &self.world).await?;
                    run.scores.push(s.accuracy.or(s.mse).unwrap_or(f64::NAN));
                }
            } else if run.scores.len() <= self.options.rounds {
                let size = self.triggers[run.strategy].needs_committee();
                match (size, &mut run.committee) {
                    (Some(size), None) => {
                        run.committee = Some(Committee::new(&run.sibling.blueprint(), run.sibling.dataset(), size, self.options.steps)?)
                    }
                    (Some(_), Some(c)) if !c.trained() => c.train_within(&Budget::new((budget_ms - (now_ms() - began)).max(0.0)))?,
                    _ => self.collect_round().await?,
                }
            } else {
                let run = self.current.take().expect("set above");
                self.runs[run.strategy].push(run.scores);
            }
            if now_ms() - began >= budget_ms {
                let done = (self.next - 1) as f64
                    + self.current.as_ref().map_or(1.0, |r| r.scores.len() as f64 / (self.options.rounds + 1) as f64);
                let name = self.triggers[(self.next - 1) / self.options.seeds].name();
                return Ok(Advance::Working(Progress {
                    done: (done / total as f64).min(1.0),
                    message: format!("run {} of {total}: {name}", self.next),
                }));
            }
        }
    }

    fn start_run(&self, k: usize) -> Result<Run> {
        let (strategy, s) = (k / self.options.seeds, k % self.options.seeds);
        let seed = self.blueprint.config().seed + s as u64;
        let sibling = self.blueprint.with_seed(seed).fresh(self.start.clone())?;
        let offset = s * self.world.stream.len() / self.options.seeds.max(1);
        Ok(Run {
            strategy,
            seed,
            sibling,
            collected: vec![false; self.world.examples.len()],
            cursor: offset,
            left: self.options.steps,
            scores: Vec::new(),
            committee: None,
        })
    }

    /// One round of the current run: the next window of the stream, the strategy's picks labelled
    /// by the world, folded in, then `steps` more training.
    async fn collect_round(&mut self) -> Result<()> {
        let run = self.current.as_mut().expect("a run is going");
        let ids = next_window(&self.world.stream, &run.collected, &mut run.cursor, self.options.window);
        let trigger = &self.triggers[run.strategy];
        let round = run.scores.len() as u64;
        let committee = run.committee.take();
        let seed = run.seed ^ (round << 24);
        let mut scored = score(&run.sibling.program(), run.sibling.dataset(), &self.world, &ids, trigger, seed, committee.as_ref()).await?;
        if !matches!(trigger, Trigger::Class { .. }) {
            // Every strategy spends the whole budget: the most wanted, whatever the threshold.
            scored.iter_mut().for_each(|s| s.fires = true);
        }
        let picked = pick(&scored, self.options.budget, &self.world, trigger.spacing());
        let regression = run.sibling.task() == Task::Regression;
        let origin = Origin::Engine { round: round as usize, trigger: trigger.kind(), labeller: Labeller::World };
        let added: Vec<(usize, Target, Origin)> = picked
            .iter()
            .map(|s| {
                run.collected[s.id] = true;
                let target = if regression { Target::Value(self.world.value(s.id)) } else { Target::Label(self.world.label(s.id)) };
                (s.id, target, origin.clone())
            })
            .collect();
        let grown = extended(run.sibling.dataset(), &self.world, &added)?;
        run.sibling.set_dataset(grown)?;
        run.left = self.options.steps;
        Ok(())
    }

    fn result(&self) -> CurveResult {
        let rounds = self.options.rounds;
        let regression = self.start.task() == Task::Regression;
        let labels: Vec<usize> = (0..=rounds).map(|r| r * self.options.budget).collect();
        let strategies: Vec<StrategyCurve> = self
            .triggers
            .iter()
            .zip(&self.runs)
            .map(|(t, runs)| {
                let at = |r: usize| runs.iter().map(|s| s[r]).collect::<Vec<f64>>();
                let mean: Vec<f64> = (0..=rounds).map(|r| at(r).iter().sum::<f64>() / runs.len() as f64).collect();
                let spread =
                    (0..=rounds).map(|r| (at(r).iter().map(|v| (v - mean[r]).powi(2)).sum::<f64>() / runs.len() as f64).sqrt()).collect();
                StrategyCurve { strategy: t.name().to_string(), mean, spread, runs: runs.clone() }
            })
            .collect();
        let summary = summarize(&strategies, &labels, regression);
        CurveResult { metric: if regression { "mse" } else { "accuracy" }, labels, strategies, summary }
    }
}

/// "To reach 93 % world accuracy, uncertainty needed 40 labels, random 80": the target is the
/// best score every strategy reaches.
fn summarize(curves: &[StrategyCurve], labels: &[usize], regression: bool) -> String {
    let better = |a: f64, b: f64| if regression { a <= b } else { a >= b };
    let best = |c: &StrategyCurve| {
        c.mean.iter().copied().fold(if regression { f64::INFINITY } else { 0.0 }, |m, v| if better(v, m) { v } else { m })
    };
    let target = curves.iter().map(best).fold(if regression { 0.0 } else { 1.0 }, |t, b| if better(t, b) { b } else { t });
    let parts: Vec<String> = curves
        .iter()
        .map(|c| {
            let at = c.mean.iter().position(|&v| better(v, target)).map_or(labels[labels.len() - 1], |r| labels[r]);
            format!("{} needed {at} labels", c.strategy)
        })
        .collect();
    let what = if regression { format!("a world MSE of {target:.3}") } else { format!("{:.0} % world accuracy", target * 100.0) };
    format!("To reach {what}, {}.", parts.join(", "))
}

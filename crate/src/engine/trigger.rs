//! Triggers: the rules that decide which of the examples the fleet meets come back to be labelled
//! — where the model is unsure, where it is unsure or its data thin (blind spots), where a
//! committee of models disagrees, what it takes for a given class, or (the baseline every strategy
//! must beat) at random.

use burn::tensor::activation::softmax;
use serde::{Deserialize, Serialize};

use super::blindspot::{BLINDSPOT_SPREAD, EXPLORATION, thinness};
use super::committee::Committee;
use super::reports::TriggerCount;
use super::world::World;
use crate::data::origin::TriggerKind;
use crate::data::rng::SeededRng;
use crate::data::{Dataset, Task};
use crate::debug::Measure;
use crate::debug::uncertainty::uncertainty_of;
use crate::error::{PlaygroundError, Result};
use crate::inspect::outputs::inputs_of;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Every trigger's name, as the API spells it.
pub const TRIGGERS: [&str; 5] = ["blindspot", "uncertainty", "disagreement", "class", "random"];
/// Committee members `disagreement` trains unless told otherwise.
pub const DEFAULT_COMMITTEE: usize = 3;
/// Largest committee.
pub const MAX_COMMITTEE: usize = 7;
/// Closest two flagged points may sit (in the [-1, 1]² square): a batch spreads out instead of
/// asking ten times about one spot.
pub const MIN_SPREAD: f64 = 0.06;

/// A trigger, parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// The model's own uncertainty (entropy or margin, in [0, 1]) at or over `threshold`.
    Uncertainty {
        /// Entropy or margin.
        measure: Measure,
        /// Fires at or over this score.
        threshold: f64,
    },
    /// The model's uncertainty (entropy) and how thin the labelled data is around the example,
    /// by default a quarter and three quarters (values: thinness alone), at or over `threshold`: finds the regions the data never
    /// touched, where the model can be confidently wrong.
    Blindspot {
        /// Fires at or over this score.
        threshold: f64,
        /// Share of the score that rewards thin data, in [0, 1] (the rest is uncertainty).
        exploration: f64,
    },
    /// A committee of networks from other seeds disagrees (Jensen–Shannon divergence of their
    /// predictions, in [0, 1]; for values, the spread of their predictions) at or over `threshold`.
    Disagreement {
        /// Members, each trained from its own seed on the current dataset.
        committee: usize,
        /// Fires at or over this score.
        threshold: f64,
    },
    /// The model predicts `class`: "send me everything it thinks is a stop sign".
    Class {
        /// The class to collect.
        class: u8,
    },
    /// Every example, in a seeded random order: the baseline.
    Random,
}

/// A trigger as the API names it: `{ trigger, threshold, class, measure, committee }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerSpec {
    /// `blindspot`, `uncertainty`, `disagreement`, `class` or `random` (empty: the default,
    /// `blindspot`, where the caller supplies it).
    #[serde(default)]
    pub trigger: String,
    /// Score at or over which `uncertainty` and `disagreement` fire.
    pub threshold: Option<f64>,
    /// The class `class` collects.
    pub class: Option<f64>,
    /// `entropy` (default) or `margin`, for `uncertainty`.
    pub measure: Option<Measure>,
    /// Committee size for `disagreement`.
    pub committee: Option<usize>,
    /// For `blindspot`: the share of the score that rewards thin data (default 0.75).
    pub exploration: Option<f64>,
}

impl Trigger {
    /// Checks a spec against the task: unknown names, thresholds outside [0, 1], a class that is
    /// not a label, or a trigger the task cannot use are refused with the reason.
    pub fn parse(spec: &TriggerSpec, task: Task) -> Result<Self> {
        let threshold = |default: f64| match spec.threshold {
            Some(t) if !(0.0..=1.0).contains(&t) || !t.is_finite() => {
                Err(PlaygroundError::InvalidConfig(format!("threshold {t} must be between 0 and 1")))
            }
            Some(t) => Ok(t),
            None => Ok(default),
        };
        let classes_only = |name: &str| {
            if task == Task::Regression {
                Err(PlaygroundError::InvalidConfig(format!(
                    "the '{name}' trigger needs classes; a world of values can use 'disagreement' or 'random'"
                )))
            } else {
                Ok(())
            }
        };
        match spec.trigger.as_str() {
            "uncertainty" => {
                classes_only("uncertainty")?;
                Ok(Trigger::Uncertainty { measure: spec.measure.unwrap_or_default(), threshold: threshold(0.5)? })
            }
            "blindspot" => {
                let exploration = spec.exploration.unwrap_or(EXPLORATION);
                if !(0.0..=1.0).contains(&exploration) {
                    return Err(PlaygroundError::InvalidConfig(format!("exploration {exploration} must be between 0 and 1")));
                }
                Ok(Trigger::Blindspot { threshold: threshold(0.0)?, exploration })
            }
            "disagreement" => {
                let committee = spec.committee.unwrap_or(DEFAULT_COMMITTEE);
                if !(2..=MAX_COMMITTEE).contains(&committee) {
                    return Err(PlaygroundError::InvalidConfig(format!("committee {committee} must be between 2 and {MAX_COMMITTEE}")));
                }
                Ok(Trigger::Disagreement { committee, threshold: threshold(0.05)? })
            }
            "class" => {
                classes_only("class")?;
                let class = spec.class.ok_or_else(|| PlaygroundError::InvalidConfig("the 'class' trigger needs a class".into()))?;
                if !(0.0..10.0).contains(&class) || class.fract() != 0.0 {
                    return Err(PlaygroundError::InvalidConfig(format!("class {class} must be a whole number from 0 to 9")));
                }
                Ok(Trigger::Class { class: class as u8 })
            }
            "random" => Ok(Trigger::Random),
            other => Err(PlaygroundError::InvalidConfig(format!("unknown trigger '{other}'; choose {}", TRIGGERS.join(", ")))),
        }
    }

    /// The trigger's name as the API spells it.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// Which kind of trigger it is, as origins record it.
    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Uncertainty { .. } => TriggerKind::Uncertainty,
            Trigger::Blindspot { .. } => TriggerKind::Blindspot,
            Trigger::Disagreement { .. } => TriggerKind::Disagreement,
            Trigger::Class { .. } => TriggerKind::Class,
            Trigger::Random => TriggerKind::Random,
        }
    }

    /// How far apart its picks keep (points): 0 for none.
    pub fn spacing(&self) -> f64 {
        match self {
            Trigger::Random => 0.0,
            Trigger::Blindspot { .. } => BLINDSPOT_SPREAD,
            _ => MIN_SPREAD,
        }
    }

    /// Whether it needs a trained [`Committee`] to score.
    pub fn needs_committee(&self) -> Option<usize> {
        match self {
            Trigger::Disagreement { committee, .. } => Some(*committee),
            _ => None,
        }
    }
}

/// One stream example as a trigger judged it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Index in the world.
    pub id: usize,
    /// How much the trigger wants it labelled (higher first).
    pub score: f64,
    /// Whether the trigger fires on it.
    pub fires: bool,
    /// The class the model predicts (classification).
    pub predicted: Option<u8>,
    /// The value the model predicts (regression).
    pub value: Option<f64>,
}

/// Judges world examples `ids` with `trigger`, using `program`'s network and the `labelled` data
/// it learnt from (and, for `disagreement`, the `committee` trained beside it); `seed` drives
/// `random`.
pub async fn score(
    program: &Program<'_>,
    labelled: &Dataset,
    world: &World,
    ids: &[usize],
    trigger: &Trigger,
    seed: u64,
    committee: Option<&Committee>,
) -> Result<Vec<Scored>> {
    let model = program.model()?;
    let Some(inputs) = inputs_of(program, &world.examples, ids) else { return Ok(Vec::new()) };
    program.check_rows_fit(ids.len())?;
    let logits = model.forward(inputs.clone(), program.activation());
    let regression = program.task() == Task::Regression;
    let (predicted, values): (Vec<Option<u8>>, Vec<Option<f64>>) = if regression {
        let v = read_floats(logits.clone()).await?;
        (vec![None; ids.len()], v.into_iter().map(Some).collect())
    } else {
        let classes = program.classes();
        let best = read_floats(logits.clone().argmax(1).float()).await?;
        (best.into_iter().map(|k| Some(classes[k as usize])).collect(), vec![None; ids.len()])
    };
    let scores: Vec<f64> = match trigger {
        Trigger::Uncertainty { measure, .. } => read_floats(uncertainty_of(softmax(logits, 1), *measure)).await?,
        Trigger::Class { class } => {
            let probs = read_floats(softmax(logits, 1)).await?;
            let k = program.classes().len();
            match program.classes().iter().position(|c| c == class) {
                Some(col) => (0..ids.len()).map(|r| probs[r * k + col]).collect(),
                None => vec![0.0; ids.len()],
            }
        }
        Trigger::Random => {
            let mut rng = SeededRng::new(seed);
            (0..ids.len()).map(|_| rng.uniform()).collect()
        }
        Trigger::Blindspot { exploration, .. } => {
            let thin = thinness(program.device(), labelled, world, ids).await?;
            if regression {
                thin
            } else {
                let unsure = read_floats(uncertainty_of(softmax(logits, 1), crate::debug::Measure::Entropy)).await?;
                unsure.iter().zip(&thin).map(|(u, t)| (1.0 - exploration) * u + exploration * t).collect()
            }
        }
        Trigger::Disagreement { .. } => {
            let committee = committee.ok_or_else(|| PlaygroundError::MissingData("the committee has not been trained yet".into()))?;
            committee.disagreement(world, ids).await?
        }
    };
    Ok(ids
        .iter()
        .enumerate()
        .map(|(r, &id)| {
            let fires = match trigger {
                Trigger::Uncertainty { threshold, .. } | Trigger::Disagreement { threshold, .. } | Trigger::Blindspot { threshold, .. } => {
                    scores[r] >= *threshold
                }
                Trigger::Class { class } => predicted[r] == Some(*class),
                Trigger::Random => true,
            };
            Scored { id, score: scores[r], fires, predicted: predicted[r], value: values[r] }
        })
        .collect())
}

/// Picks up to `count` of the firing examples, highest score first; points keep `spacing` apart
/// while enough candidates allow (0: no spreading, as for random picks), images take each
/// predicted class in turn.
pub fn pick(scored: &[Scored], count: usize, world: &World, spacing: f64) -> Vec<Scored> {
    let spread = spacing > 0.0;
    let mut firing: Vec<&Scored> = scored.iter().filter(|s| s.fires).collect();
    firing.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    let mut picked: Vec<&Scored> = Vec::with_capacity(count.min(firing.len()));
    if spread && world.position(0).is_none() {
        // Images have no place to keep apart: take the most unsure of each predicted class in
        // turn, so one confusion does not fill the whole batch.
        let mut classes: Vec<Option<u8>> = firing.iter().map(|s| s.predicted).collect();
        classes.sort_unstable();
        classes.dedup();
        let mut taken = vec![0usize; classes.len()];
        while picked.len() < count.min(firing.len()) {
            let before = picked.len();
            for (k, c) in classes.iter().enumerate() {
                if let Some(s) = firing.iter().filter(|s| s.predicted == *c).nth(taken[k]) {
                    if picked.len() < count {
                        picked.push(s);
                        taken[k] += 1;
                    }
                }
            }
            if picked.len() == before {
                break;
            }
        }
    } else if spread {
        for s in &firing {
            if picked.len() == count {
                break;
            }
            let far = match world.position(s.id) {
                Some((x, y)) => picked.iter().all(|p| {
                    let (px, py) = world.position(p.id).expect("points have positions");
                    (px - x).hypot(py - y) >= spacing
                }),
                None => true,
            };
            if far {
                picked.push(s);
            }
        }
    }
    for s in &firing {
        if picked.len() == count {
            break;
        }
        if !picked.iter().any(|p| p.id == s.id) {
            picked.push(s);
        }
    }
    picked.into_iter().cloned().collect()
}

/// What each trigger would fire on in the window the fleet just met (`scored` by `used`, which
/// fired on `fired`): uncertainty at its default threshold (one more pass of the network when
/// another trigger was used), each predicted class, random, and disagreement when it was used.
pub async fn trigger_counts(
    program: &Program<'_>,
    labelled: &Dataset,
    world: &World,
    scored: &[Scored],
    used: &Trigger,
    fired: usize,
) -> Result<Vec<TriggerCount>> {
    let window = scored.len();
    let count = |trigger: &str, class: Option<u8>, fired: usize| TriggerCount { trigger: trigger.into(), class, fired, window };
    let mut out = Vec::new();
    if program.task() == Task::Classification {
        let uncertainty = match used {
            Trigger::Uncertainty { .. } => fired,
            _ => {
                let ids: Vec<usize> = scored.iter().map(|s| s.id).collect();
                let default = Trigger::Uncertainty { measure: crate::debug::Measure::Entropy, threshold: 0.5 };
                score(program, labelled, world, &ids, &default, 0, None).await?.iter().filter(|s| s.fires).count()
            }
        };
        out.push(count("uncertainty", None, uncertainty));
        for &c in program.classes() {
            out.push(count("class", Some(c), scored.iter().filter(|s| s.predicted == Some(c)).count()));
        }
    }
    if matches!(used, Trigger::Disagreement { .. }) {
        out.push(count("disagreement", None, fired));
    }
    if matches!(used, Trigger::Blindspot { .. }) {
        out.push(count("blindspot", None, fired));
    }
    out.push(count("random", None, window));
    Ok(out)
}

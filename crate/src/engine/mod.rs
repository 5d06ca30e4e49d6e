//! The data engine: deploy the program into a world, let triggers flag where it is weak, label,
//! fold in, retrain — and measure whether curating beats collecting at random.
//!
//! - [`world`]: the world a program meets — a stream (labels hidden) and a held-out world test set.
//! - [`trigger`]: which stream examples come back — blindspot, uncertainty, disagreement, class, random.
//! - [`blindspot`]: how thin the labelled data is around a stream example.
//! - [`committee`]: networks from other seeds whose disagreement the `disagreement` trigger reads.
//! - [`rounds`]: the labelling queue and the rounds, each one undoable step and one version.
//! - [`reports`]: what the engine tells the page — flagged examples, rounds, status, trigger counts.
//! - [`measure`]: the program's score on the world.
//! - [`record`]: the engine as a project file (and so the autosave) keeps it.
//! - [`curve`]: the whole loop per strategy and seed beside the session, as a background job.
//! - [`fold_job`]: folding a round in, its training in slices.
//! - [`flag_job`]: flagging, its committee trained in slices.

pub mod blindspot;
pub mod committee;
pub mod curve;
pub mod flag_job;
pub mod fold_job;
pub mod measure;
pub mod record;
pub mod reports;
pub mod rounds;
pub mod trigger;
pub mod world;

pub use curve::{CurveOptions, CurveResult, EngineCurveJob};
pub use flag_job::FlagJob;
pub use fold_job::FoldInJob;
pub use reports::{EngineStatus, Flagged, RoundRecord};
pub use rounds::Engine;
pub use trigger::{Trigger, TriggerSpec};
pub use world::{Target, World, WorldSource};

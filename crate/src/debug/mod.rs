//! Debugging a Software 2.0 program: there is no faulty line, only a region of input space where
//! the learned function is wrong, examples that made it so, and data to collect or correct.
//!
//! - [`diagnose`]: confusion matrices, every mistake, the largest residuals.
//! - [`slices`]: accuracy and loss on regions or classes beside the whole.
//! - [`uncertainty`]: how sure the network is, and where the data is thin, over the square.
//! - [`suggest`]: where to collect next.
//! - [`label_issues`] with [`confident`]: out-of-sample k-fold probabilities and confident
//!   learning rank the labels that are probably wrong.
//! - [`influence`]: TracIn — which training examples pushed a prediction, and which pushed back.
//! - [`word_influence`]: the same for a word program: which training words made a word likely.
//! - [`data_map`]: training dynamics — easy, ambiguous and hard-to-learn examples.
//!
//! The long ones (k-fold, influence) advance in slices (`crate::train::progress`); the workspace
//! runs them as jobs.

pub mod confident;
pub mod data_map;
pub mod diagnose;
pub mod influence;
pub mod label_issues;
pub mod slices;
pub mod snapshots;
pub mod suggest;
pub mod uncertainty;
pub mod word_influence;
pub mod word_losses;

pub use crate::train::progress::{Advance, Progress};
pub use confident::LabelIssue;
pub use data_map::{MapPoint, MapRegion, RegionCounts, data_map, region_counts};
pub use diagnose::{Diagnosis, diagnose};
pub use influence::{Influence, InfluenceJob, InfluenceOptions, influence};
pub use label_issues::{LabelIssueOptions, LabelIssuesJob, label_issues};
pub use slices::{SliceReport, SliceSpec, slice_metrics, slice_metrics_on};
pub use suggest::{Suggestion, suggest};
pub use uncertainty::{GridMap, Measure, density, uncertainty};
pub use word_influence::{WordInfluence, WordInfluenceJob, WordInfluencer, word_influence};

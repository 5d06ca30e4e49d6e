//! Writing a project file: the dataset, every committed version, the configuration, the weights
//! and the timeline's snapshots (as safetensors), and what the page keeps beside them.

use super::container;
use super::manifest::{
    BlobRecord, DatasetRecord, FORMAT, Manifest, NetworkRecord, SlotRecord, SnapshotRecord, TrainingRecord, VERSION, VersionRecord,
};
use crate::engine::record::EngineRecord;
use crate::error::Result;
use crate::export::ModelDescription;
use crate::export::model_file::safetensors_of;
use crate::train::Session;

/// What a project file includes beyond the dataset, the configuration and the current weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    /// Every committed version.
    pub versions: bool,
    /// The timeline's weight snapshots.
    pub timeline: bool,
    /// The optimizer's moments and the batch order, so training resumes exactly.
    pub training: bool,
}

impl Contents {
    /// Everything: the project file.
    pub const ALL: Contents = Contents { versions: true, timeline: true, training: true };
}

/// What a workspace keeps beside the session and saves with it.
#[derive(Debug, Clone, Default)]
pub struct Beside {
    /// The data engine's record, when the program is deployed (project files only).
    pub engine: Option<EngineRecord>,
    /// The hand-written rule's text, when one is set.
    pub rule: Option<String>,
}

/// The session as a project file; `page` is stored as given (the page's own state).
pub async fn export_project(session: &Session, page: serde_json::Value, contents: Contents) -> Result<Vec<u8>> {
    export_project_with(session, page, contents, Beside::default()).await
}

/// [`export_project`] with the data engine's record, when the program is deployed.
pub async fn export_project_with_engine(
    session: &Session,
    page: serde_json::Value,
    contents: Contents,
    engine: Option<EngineRecord>,
) -> Result<Vec<u8>> {
    export_project_with(session, page, contents, Beside { engine, rule: None }).await
}

/// [`export_project`] with what lives beside the session: the deployment and the rule.
pub async fn export_project_with(session: &Session, page: serde_json::Value, contents: Contents, beside: Beside) -> Result<Vec<u8>> {
    let mut blobs: Vec<Vec<u8>> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let network = if session.dataset().is_empty() {
        None
    } else {
        let description = ModelDescription::of(&session.program(), session.dataset())?;
        blobs.push(safetensors_of(&session.model()?, &description).await?);
        names.push(format!("weights at step {}", session.step()));
        let mut timeline = Vec::new();
        if contents.timeline {
            for step in session.timeline_steps() {
                timeline.push(SnapshotRecord { step, blob: blobs.len() });
                blobs.push(safetensors_of(&session.program().model_at(Some(step))?, &description).await?);
                names.push(format!("snapshot at step {step}"));
            }
        }
        let training = match session.training_state().await? {
            Some(state) if contents.training => {
                let moments: Vec<u8> = state
                    .optimizer
                    .iter()
                    .flatten()
                    .flat_map(|s| s.moment_1.iter().chain(&s.moment_2))
                    .flat_map(|v| v.to_le_bytes())
                    .collect();
                let slots =
                    state.optimizer.iter().map(|s| s.as_ref().map(|s| SlotRecord { time: s.time, shape: s.shape.clone() })).collect();
                let at = (!moments.is_empty()).then_some(blobs.len());
                if at.is_some() {
                    blobs.push(moments);
                    names.push(format!("optimizer moments at step {}", session.step()));
                }
                Some(TrainingRecord { slots, moments: at, order: state.order })
            }
            _ => None,
        };
        Some(NetworkRecord { description, weights: 0, timeline, training })
    };
    let versions = if contents.versions {
        session
            .committed()
            .iter()
            .map(|v| VersionRecord {
                id: v.id.clone(),
                message: v.message.clone(),
                hash: v.hash.clone(),
                dataset: DatasetRecord::of(&v.dataset),
            })
            .collect()
    } else {
        Vec::new()
    };
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        config: session.config().clone(),
        dataset: DatasetRecord::of(session.dataset()),
        versions,
        trained_on: session.trained_on().map(str::to_string),
        network,
        blobs: names.into_iter().zip(&blobs).map(|(name, b)| BlobRecord { name, length: b.len() }).collect(),
        page,
        engine: beside.engine,
        rule: beside.rule,
        metrics: session.metrics_memo(),
    };
    let json = serde_json::to_vec(&manifest).expect("a manifest always serializes");
    Ok(container::write(&json, &blobs))
}

/// The session as a share link's fragment (`#project=…`): data, configuration and weights, with
/// the committed versions when they fit and without them when only they make it too large; a
/// project too large even then is refused, saying to share the file instead. The `rule` travels
/// with it; a deployment does not (its world is too large for a link), nor does the optimizer's
/// state (its moments are twice the weights' size): training from a link starts them afresh.
pub async fn export_link(session: &Session, page: serde_json::Value, rule: Option<String>) -> Result<String> {
    let beside = Beside { engine: None, rule };
    let with_versions = Contents { versions: true, timeline: false, training: false };
    match super::to_link(&export_project_with(session, page.clone(), with_versions, beside.clone()).await?) {
        Ok(link) => Ok(link),
        Err(_) if !session.committed().is_empty() => {
            let without = Contents { versions: false, timeline: false, training: false };
            super::to_link(&export_project_with(session, page, without, beside).await?)
        }
        Err(e) => Err(e),
    }
}

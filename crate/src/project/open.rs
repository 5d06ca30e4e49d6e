//! Opening a project file: everything is read and checked — the container, the manifest, every
//! dataset, every version against its hash, the network against the configuration and the data,
//! every blob of weights — before the session changes at all. On any error nothing changes.

use super::container;
use super::manifest::{Manifest, NetworkRecord, TrainingRecord};
use crate::data::Dataset;
use crate::data::versions::{Version, content_hash};
use crate::engine::Engine;
use crate::engine::record::engine_from;
use crate::error::{PlaygroundError, Result};
use crate::export::model_file::{check_fits_dataset, params_from_safetensors};
use crate::train::Session;
use crate::train::optimizer::SlotState;
use crate::train::session::{ImportedNetwork, Params, ProjectState, TrainingState};

fn disagree(m: String) -> PlaygroundError {
    PlaygroundError::InvalidData(format!("the project's parts disagree: {m}"))
}

/// The blob at `index`, from `offsets` over `blobs`.
fn blob<'a>(blobs: &'a [u8], offsets: &[(usize, usize)], index: usize, what: &str) -> Result<&'a [u8]> {
    let &(start, end) =
        offsets.get(index).ok_or_else(|| disagree(format!("{what} names blob {index}, but there are {}", offsets.len())))?;
    Ok(&blobs[start..end])
}

/// A project file read and checked whole, its manifest parsed once: what the session becomes,
/// and what lives beside the session.
pub struct ReadProject {
    /// The data, configuration, versions and network the session installs.
    pub state: ProjectState,
    /// The page's part (class names), as stored.
    pub page: serde_json::Value,
    /// The data engine, when the program was deployed.
    pub engine: Option<Engine>,
    /// The hand-written rule's text, when one was saved.
    pub rule: Option<String>,
}

/// Reads and checks the whole file; nothing changes anywhere until the caller installs it.
pub async fn read_project(bytes: &[u8]) -> Result<ReadProject> {
    let parts = container::read(bytes)?;
    let mut m = Manifest::parse(parts.manifest)?;
    let engine = m.engine.as_ref().map(engine_from).transpose()?;
    let rule = m.rule.take();
    let total: usize = m.blobs.iter().map(|b| b.length).sum();
    if total != parts.blobs.len() {
        return Err(disagree(format!("the manifest lists {total} bytes of weights, the file holds {}", parts.blobs.len())));
    }
    let mut offsets = Vec::new();
    let mut at = 0;
    for b in &m.blobs {
        offsets.push((at, at + b.length));
        at += b.length;
    }
    m.config.validate()?;
    let dataset = m.dataset.dataset("the dataset")?;
    let mut versions: Vec<Version> = Vec::new();
    for v in &m.versions {
        let d = v.dataset.dataset(&format!("version {}", v.id))?;
        let hash = content_hash(&d);
        if hash != v.hash {
            return Err(disagree(format!("version {}'s data has hash {hash}, but the file says {}", v.id, v.hash)));
        }
        if v.id.trim().is_empty() || versions.iter().any(|w| w.id == v.id) {
            return Err(disagree(format!("version id '{}' is empty or repeated", v.id)));
        }
        versions.push(Version { id: v.id.clone(), message: v.message.clone(), hash, dataset: d });
    }
    if let Some(h) = &m.trained_on {
        if h.len() != 16 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(disagree(format!("trainedOn '{h}' is not a content hash")));
        }
    }
    let network = match &m.network {
        Some(n) => Some(read_network(n, &m, &dataset, parts.blobs, &offsets).await?),
        None => None,
    };
    if network.is_none() != dataset.is_empty() {
        return Err(disagree("a project with data has a network, and one without data has none".into()));
    }
    let state = ProjectState { dataset, config: m.config, versions, trained_on: m.trained_on, network, metrics: m.metrics };
    Ok(ReadProject { state, page: m.page, engine, rule })
}

async fn read_network(
    n: &NetworkRecord,
    m: &Manifest,
    dataset: &Dataset,
    blobs: &[u8],
    offsets: &[(usize, usize)],
) -> Result<ImportedNetwork> {
    let d = &n.description;
    d.validate()?;
    check_fits_dataset(dataset, d)?;
    let c = &m.config;
    let image = d.image_size.is_some();
    if let Some(t) = &d.text {
        let shape = c.text.shape(t.vocabulary()?.len(), dataset.longest_word());
        let theirs = (t.architecture, t.context, t.embedding, &t.hidden, t.layers, t.heads);
        if theirs != (shape.kind, shape.context, shape.embedding, &shape.hidden, shape.layers, shape.heads) {
            return Err(disagree("the word program is not the one the configuration builds".into()));
        }
    } else if d.hidden != c.hidden || d.activation != c.activation || (image && d.conv != c.conv) || (!image && d.features != c.features) {
        return Err(disagree(format!(
            "the network (hidden {:?}, {:?}) is not the one the configuration builds (hidden {:?}, {:?})",
            d.hidden, d.activation, c.hidden, c.activation
        )));
    }
    if !dataset.is_empty() && d.classes != dataset.classes() {
        return Err(disagree(format!("the network's classes {:?} are not the dataset's {:?}", d.classes, dataset.classes())));
    }
    let params: Params = params_from_safetensors(blob(blobs, offsets, n.weights, "the network")?, d).await?;
    let mut snapshots = Vec::new();
    let mut last = None;
    for s in &n.timeline {
        if last.is_some_and(|l| s.step <= l) || s.step > d.step {
            return Err(disagree(format!("snapshot steps must increase up to the network's step {}; step {} does not", d.step, s.step)));
        }
        last = Some(s.step);
        let what = format!("the snapshot at step {}", s.step);
        snapshots.push((s.step, params_from_safetensors(blob(blobs, offsets, s.blob, &what)?, d).await?));
    }
    let training = n.training.as_ref().map(|t| read_training(t, blobs, offsets)).transpose()?;
    Ok(ImportedNetwork { params, classes: d.classes.clone(), step: d.step, snapshots, training })
}

/// The optimizer's moments, split slot by slot from their blob, and the batch order.
fn read_training(t: &TrainingRecord, blobs: &[u8], offsets: &[(usize, usize)]) -> Result<TrainingState> {
    let bytes = match t.moments {
        Some(i) => blob(blobs, offsets, i, "the optimizer's state")?,
        None => &[],
    };
    let sizes: Vec<usize> = t.slots.iter().flatten().map(|s| s.shape.iter().product::<usize>()).collect();
    let wanted = sizes.iter().sum::<usize>() * 2 * 4;
    if bytes.len() != wanted {
        return Err(disagree(format!("the optimizer's state holds {} bytes, its slots need {wanted}", bytes.len())));
    }
    let mut values = bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    if values.clone().any(|v| !v.is_finite()) {
        return Err(PlaygroundError::InvalidData("the project's optimizer state holds a non-finite value".into()));
    }
    let optimizer = t
        .slots
        .iter()
        .map(|slot| {
            slot.as_ref().map(|s| {
                let n: usize = s.shape.iter().product();
                let moment_1 = values.by_ref().take(n).collect();
                let moment_2 = values.by_ref().take(n).collect();
                SlotState { time: s.time, shape: s.shape.clone(), moment_1, moment_2 }
            })
        })
        .collect();
    Ok(TrainingState { optimizer, order: t.order.clone() })
}

/// The data engine in a project file, if the program was deployed, rebuilt (and so checked) from
/// its record: it lives beside the session.
pub fn engine_in(bytes: &[u8]) -> Result<Option<Engine>> {
    let m = Manifest::parse(container::read(bytes)?.manifest)?;
    m.engine.as_ref().map(engine_from).transpose()
}

/// Replaces everything the session holds with the project in `bytes`, returning the page's part;
/// a bad file is refused with its reason and the session is left as it was.
pub async fn import_project(session: &mut Session, bytes: &[u8]) -> Result<serde_json::Value> {
    let read = read_project(bytes).await?;
    session.install_project(read.state)?;
    Ok(read.page)
}

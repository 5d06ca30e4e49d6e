//! The timeline across a stopped run. At the end of each stretch the tap's snapshots are written
//! beside burn-train's checkpoints (burnpack files, through burn's store), with the list of the
//! steps they hold; `--resume` reads back the list of the stretch it continues from, so a run
//! stopped by Ctrl-C and resumed ends with the timeline an unbroken run builds.

use std::path::{Path, PathBuf};

use burn::store::{BurnpackStore, ModuleSnapshot};
use sw2_playground::model::Network;
use sw2_playground::train::timeline::Timeline;

use crate::experiment::plain_io;

/// The folder of a run's kept snapshots.
fn folder(dir: &Path) -> PathBuf {
    dir.join("timeline")
}

fn snapshot_file(dir: &Path, step: u64) -> PathBuf {
    folder(dir).join(format!("snapshot-{step}.bpk"))
}

fn list_file(dir: &Path, at: u64) -> PathBuf {
    folder(dir).join(format!("steps-at-{at}.json"))
}

/// Forgets the snapshots of an earlier run in `dir`.
pub fn clear(dir: &Path) {
    let _ = std::fs::remove_dir_all(folder(dir));
}

/// Keeps `snapshots`, the timeline when the run is at step `at`: each snapshot is written once,
/// then the list that names them (written last, so a list never names a missing file).
pub fn keep(dir: &Path, at: u64, snapshots: &[(u64, Network)]) -> Result<(), String> {
    let cannot = |what: &Path, e: &dyn std::fmt::Display| format!("cannot keep the timeline in {}: {e}", what.display());
    std::fs::create_dir_all(folder(dir)).map_err(|e| cannot(&folder(dir), &plain_io(&e)))?;
    for (step, net) in snapshots {
        let path = snapshot_file(dir, *step);
        if !path.exists() {
            net.save_into(&mut BurnpackStore::from_file(&path).overwrite(true)).map_err(|e| cannot(&path, &e))?;
        }
    }
    let steps: Vec<u64> = snapshots.iter().map(|(s, _)| *s).collect();
    let list = list_file(dir, at);
    std::fs::write(&list, serde_json::to_string(&steps).expect("numbers serialize")).map_err(|e| cannot(&list, &plain_io(&e)))
}

/// The timeline kept when the run was at step `at`, its snapshots loaded into copies of `like`;
/// `None` when none was kept there (a run folder from before timelines were kept).
pub fn load(dir: &Path, at: u64, like: &Network) -> Result<Option<Timeline>, String> {
    let Ok(text) = std::fs::read_to_string(list_file(dir, at)) else { return Ok(None) };
    let damaged = |what: &Path| format!("{} is damaged: start the run again without --resume", what.display());
    let steps: Vec<u64> = serde_json::from_str(&text).map_err(|_| damaged(&list_file(dir, at)))?;
    let mut snapshots = Vec::with_capacity(steps.len());
    for step in steps {
        let path = snapshot_file(dir, step);
        let mut net = like.clone();
        net.load_from(&mut BurnpackStore::from_file(&path)).map_err(|_| damaged(&path))?;
        snapshots.push((step, net));
    }
    let last = snapshots.last().map_or(0, |(s, _)| *s);
    Ok(Some(Timeline::from_snapshots(snapshots, last)))
}

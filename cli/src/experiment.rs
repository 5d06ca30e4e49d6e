//! The project file on disk: read whole and checked before anything runs, written whole and only
//! at the end (to a temporary file renamed over the target), so a run that fails writes nothing.
//! A gzipped project (as the page ships its models) is read as it is; a name ending in `.gz` is
//! written gzipped.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sw2_playground::project::{Beside, Contents, export_project_with};
use sw2_playground::workspace::Workspace;

/// A project file opened into a workspace, with the page's part kept to write back unchanged.
pub struct Experiment {
    /// The whole experiment: data, versions, configuration, weights and timeline.
    pub workspace: Workspace,
    /// What the page keeps beside the core's part (names of classes, the page's rule text).
    pub page: serde_json::Value,
    /// The project's bytes (unzipped), to recognise it again on `--resume`.
    pub bytes: Vec<u8>,
}

impl Experiment {
    /// Reads and checks the project at `path`.
    pub fn open(path: &Path) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {}", path.display(), plain_io(&e)))?;
        let bytes = unzipped(path, bytes)?;
        let mut workspace = Workspace::new();
        let page = pollster::block_on(workspace.import_project(&bytes))
            .map_err(|e| format!("{} is not a project file sw2 can open: {e}", path.display()))?;
        if workspace.session().dataset().is_empty() {
            return Err(format!("{} holds no data: add examples in the page, export the project, then train it here", path.display()));
        }
        Ok(Self { workspace, page, bytes })
    }

    /// Writes the experiment as a project file at `path`, replacing it only once all is written.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let bytes =
            pollster::block_on(self.workspace.export_project(self.page.clone())).map_err(|e| format!("cannot write the project: {e}"))?;
        write_whole(path, &bytes)
    }

    /// The project as shipped with a page: data, configuration and weights, without versions,
    /// the timeline's snapshots or the optimizer's moments (training there starts them afresh).
    pub fn packed(&self) -> Result<Vec<u8>, String> {
        let contents = Contents { versions: false, timeline: false, training: false };
        let session = self.workspace.session();
        pollster::block_on(export_project_with(session, self.page.clone(), contents, Beside::default()))
            .map_err(|e| format!("cannot write the project: {e}"))
    }
}

/// The first two bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `bytes` unzipped when they are gzipped, else as they are.
fn unzipped(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(|e| format!("{} is gzipped but does not unzip: {}", path.display(), plain_io(&e)))?;
    Ok(out)
}

/// `bytes` gzipped when `path` ends in `.gz`, else as they are.
fn zipped_for(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, String> {
    if path.extension().is_none_or(|e| e != "gz") {
        return Ok(bytes.to_vec());
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).and_then(|()| gz.finish()).map_err(|e| format!("cannot gzip {}: {}", path.display(), plain_io(&e)))
}

/// Writes `bytes` at `path` (gzipped for a `.gz` name), replacing what is there only once all is
/// written.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let bytes = zipped_for(path, bytes)?;
    let partial = partial_path(path);
    std::fs::write(&partial, &bytes).map_err(|e| format!("cannot write {}: {}", partial.display(), plain_io(&e)))?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot write {}: {}", path.display(), plain_io(&e))
    })
}

/// `FILE.partial` beside `path`.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// An I/O error in words, without Rust's "(os error 2)".
pub fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().split(" (os error").next().unwrap_or_default().to_string(),
    }
}

/// A short fingerprint of a file's bytes (FNV-1a), to tell whether a run's input changed.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

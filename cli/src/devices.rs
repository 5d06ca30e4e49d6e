//! Which of burn's backends and devices a native run uses: `--backend cpu|wgpu|cuda` and
//! `--devices 0,1`. The CPU backend is always built; wgpu and CUDA are features of the build, and a
//! build without one says so instead of failing later.

use burn::prelude::*;

/// A backend `sw2` can train on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendName {
    /// burn's flex CPU backend (what the page uses without WebGPU).
    Cpu,
    /// burn's wgpu backend: Vulkan, Metal or DX12 (Mesa's lavapipe without a GPU).
    Wgpu,
    /// burn's CUDA backend.
    Cuda,
}

impl BackendName {
    /// Reads `--backend`.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "cpu" => Ok(Self::Cpu),
            "wgpu" => Ok(Self::Wgpu),
            "cuda" => Ok(Self::Cuda),
            other => Err(format!("unknown backend '{other}': choose cpu, wgpu or cuda")),
        }
    }

    /// The name as the command line and the version notes spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cpu => "cpu",
            Self::Wgpu => "wgpu",
            Self::Cuda => "cuda",
        }
    }
}

/// Reads `--devices`: device indices separated by commas (`0`, `0,1`).
pub fn parse_devices(text: &str) -> Result<Vec<usize>, String> {
    let list: Result<Vec<usize>, _> = text.split(',').map(|d| d.trim().parse::<usize>()).collect();
    match list {
        Ok(list) if !list.is_empty() => Ok(list),
        _ => Err(format!("--devices takes device numbers separated by commas, like 0 or 0,1; got '{text}'")),
    }
}

/// Opens the devices of `backend` named by `indices` (plain devices, without autodiff).
pub fn open(backend: BackendName, indices: &[usize]) -> Result<Vec<Device>, String> {
    match backend {
        BackendName::Cpu => {
            if let Some(&i) = indices.iter().find(|&&i| i != 0) {
                return Err(format!(
                    "the CPU backend has one device, 0; there is no device {i} (repeat 0, as in --devices 0,0, to run several data-parallel workers on it)"
                ));
            }
            Ok(indices.iter().map(|_| Device::flex()).collect())
        }
        BackendName::Wgpu => wgpu_devices(indices),
        BackendName::Cuda => cuda_devices(indices),
    }
}

#[cfg(feature = "wgpu")]
fn wgpu_devices(indices: &[usize]) -> Result<Vec<Device>, String> {
    use burn::tensor::DeviceType;
    let found: Vec<Device> = Device::enumerate(DeviceType::Wgpu).into_iter().collect();
    if found.is_empty() {
        return Err("wgpu found no adapter: install a GPU driver, or Mesa's software Vulkan (Debian: mesa-vulkan-drivers)".into());
    }
    indices
        .iter()
        .map(|&i| {
            found
                .get(i)
                .cloned()
                .ok_or_else(|| format!("wgpu has {} device(s) here (0 to {}); there is no device {i}", found.len(), found.len() - 1))
        })
        .collect()
}

#[cfg(not(feature = "wgpu"))]
fn wgpu_devices(_: &[usize]) -> Result<Vec<Device>, String> {
    Err("this sw2 was built without wgpu: rebuild it with `cargo build --release -p sw2-cli --features wgpu`".into())
}

#[cfg(feature = "cuda")]
fn cuda_devices(indices: &[usize]) -> Result<Vec<Device>, String> {
    use burn::tensor::DeviceType;
    let found = Device::enumerate(DeviceType::Cuda).into_iter().count();
    if let Some(&i) = indices.iter().find(|&&i| i >= found) {
        return Err(format!("CUDA has {found} device(s) here; there is no device {i}"));
    }
    Ok(indices.iter().map(|&i| Device::cuda(i)).collect())
}

#[cfg(not(feature = "cuda"))]
fn cuda_devices(_: &[usize]) -> Result<Vec<Device>, String> {
    Err("this sw2 was built without CUDA: rebuild it with `cargo build --release -p sw2-cli --features cuda`".into())
}

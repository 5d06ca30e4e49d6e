//! Choosing and opening the device the tensor math runs on.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};

/// The backend actually running, as the page reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// burn's CPU backend (compiled into the wasm itself).
    Cpu,
    /// burn's wgpu backend on the browser's WebGPU.
    Webgpu,
}

/// The CPU device: burn's flex backend, measured faster than ndarray in wasm with SIMD (see
/// README, "Speed"); the `ndarray` feature swaps ndarray in, so the two can be measured side by side.
#[cfg(not(feature = "ndarray"))]
pub fn cpu_device() -> Device {
    Device::flex()
}

/// The CPU device on burn's ndarray backend (the `ndarray` feature, for measurement).
#[cfg(feature = "ndarray")]
#[allow(deprecated)] // ndarray is deprecated upstream in favour of flex
pub fn cpu_device() -> Device {
    Device::ndarray()
}

/// Whether this build can run WebGPU at all (the CPU-only build cannot).
pub fn webgpu_compiled() -> bool {
    cfg!(all(feature = "webgpu", target_family = "wasm"))
}

/// Opens the WebGPU device once per worker and hands out clones afterwards.
///
/// burn's wgpu runtime can be initialized only once per thread, so the device is cached.
pub async fn webgpu_device() -> Result<Device> {
    #[cfg(all(feature = "webgpu", target_family = "wasm"))]
    {
        use std::cell::RefCell;
        thread_local! {
            static DEVICE: RefCell<Option<Device>> = const { RefCell::new(None) };
        }
        if let Some(device) = DEVICE.with(|d| d.borrow().clone()) {
            return Ok(device);
        }
        let device = Device::wgpu_options()
            .graphics_api(burn::tensor::wgpu::WgpuBackend::WebGpu)
            .init_async()
            .await
            .map_err(|e| PlaygroundError::Backend(format!("WebGPU could not start: {e}")))?;
        DEVICE.with(|d| *d.borrow_mut() = Some(device.clone()));
        Ok(device)
    }
    #[cfg(not(all(feature = "webgpu", target_family = "wasm")))]
    {
        Err(PlaygroundError::Backend("this build has no WebGPU support; the page loads the WebGPU build when it is asked for".into()))
    }
}

/// Opens the device for a backend.
pub async fn open(backend: Backend) -> Result<Device> {
    match backend {
        Backend::Cpu => Ok(cpu_device()),
        Backend::Webgpu => webgpu_device().await,
    }
}

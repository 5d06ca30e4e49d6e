// Which wasm build the training worker runs: the CPU build with wasm SIMD (every current browser),
// the same without SIMD where a browser cannot validate it, and the WebGPU build when WebGPU is used.

/** The shipped builds, relative to this file. */
const BUILDS = {
  cpu: '../pkg/cpu/sw2_playground.js',
  'cpu-nosimd': '../pkg/cpu-nosimd/sw2_playground.js',
  gpu: '../pkg/gpu/sw2_playground.js',
};

/**
 * The smallest module that uses a 128-bit SIMD instruction (i8x16.splat, then i8x16.popcnt), as
 * wasm-feature-detect writes it: a browser that validates it runs the SIMD build.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Whether this browser runs wasm SIMD. */
export function hasSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * The CPU build to start with: `cpu` (SIMD) where the browser validates SIMD, else `cpu-nosimd`.
 * The worker's URL may force one with `?cpu=nosimd` or `?cpu=simd` (tests and the benchmark
 * compare the two in one browser).
 */
export function cpuBuild() {
  const asked = new URL(self.location.href).searchParams.get('cpu');
  if (asked === 'nosimd') return 'cpu-nosimd';
  if (asked === 'simd') return 'cpu';
  return hasSimd() ? 'cpu' : 'cpu-nosimd';
}

/**
 * Fetches and instantiates build `build` (a key of `BUILDS`): `{ build, Playground, pg, memory }`.
 * After a crash (`restarts` > 0) the module is fetched under a fresh URL, so it starts clean.
 */
export async function loadBuild(build, restarts = 0) {
  const url = new URL(BUILDS[build], import.meta.url);
  if (restarts > 0) url.searchParams.set('restart', String(restarts));
  const mod = await import(url.href);
  const exports = await mod.default();
  return { build, Playground: mod.Playground, pg: new mod.Playground(), memory: exports.memory };
}

/** How long to wait for `requestAdapter`: it can hang instead of failing on a wedged GPU process. */
const ADAPTER_TIMEOUT_MS = 3000;
let adapterCheck = null;

/** Whether a hardware (non-software) WebGPU adapter exists; asked once per worker. */
export function hardwareAdapter() {
  if (!adapterCheck) adapterCheck = findHardwareAdapter();
  return adapterCheck;
}

async function findHardwareAdapter() {
  if (!self.navigator.gpu) return false;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), ADAPTER_TIMEOUT_MS));
  try {
    const adapter = await Promise.race([self.navigator.gpu.requestAdapter(), timeout]);
    if (!adapter) return false;
    const fallback = adapter.info ? adapter.info.isFallbackAdapter : adapter.isFallbackAdapter;
    return !fallback;
  } catch {
    return false;
  }
}

/** Whether the WebGPU build was built and is served. */
export async function gpuBuildAvailable() {
  try {
    const res = await fetch(new URL(BUILDS.gpu, import.meta.url), { method: 'HEAD' });
    return res.ok;
  } catch {
    return false;
  }
}

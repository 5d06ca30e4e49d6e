// W7's PyTorch rows: Karpathy's makemore.py, unmodified, run by bench/pytorch-makemore.py in a fresh
// process per run (the Node side of it: which Python, which makemore.py, how many threads).
//
// SW2_TORCH_PYTHON: a Python with torch and tensorboard (default `python3`);
// SW2_MAKEMORE: the path of makemore.py (karpathy/makemore; not vendored here).

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./pytorch-makemore.py', import.meta.url));

/** The PyTorch rows: torch's intra-op threads for each (the playground's worker runs 1; this machine has 2 cores). */
export const PYTORCH = { 'pytorch-1-thread': 1, 'pytorch-2-threads': 2 };

/**
 * One run of makemore.py's transformer on the CPU with `threads` threads: `warmup` untimed steps,
 * then `steps` timed ones. Resolves with the script's JSON, or `{ error }` saying what is missing.
 */
export function makemore(threads, { warmup, steps }) {
  const python = process.env.SW2_TORCH_PYTHON || 'python3';
  const path = process.env.SW2_MAKEMORE;
  if (!path) return Promise.resolve({ error: 'SW2_MAKEMORE is not set: give the path of makemore.py (see bench/NOTES.md, "W6 and W7")' });
  const args = [SCRIPT, '--makemore', path, '--threads', String(threads), '--warmup', String(warmup), '--steps', String(steps)];
  return new Promise((resolve) => {
    execFile(python, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) resolve({ error: (stderr.trim().split('\n').pop() || error.message).slice(0, 300) });
      else resolve(JSON.parse(stdout));
    });
  });
}

#!/usr/bin/env python3
"""W7's PyTorch row: Karpathy's own makemore.py, unmodified, training its transformer on names.txt on the CPU.

makemore.py prints one step's time every 10 steps ("step 60 | loss 2.51 | step time 20.83ms"); this
script runs it for `--warmup + --steps` steps in a fresh process with torch's thread count set, drops
the times printed during the first `--warmup` steps (the same untimed steps the playground gets) and
prints one JSON line: the median of the times printed after them, the mean of those printed before
them (the cold figure), the thread count torch really ran and the git blob hash of the makemore.py
run, which says it is the unmodified file (db0fe4c1… at karpathy/makemore 988aa59).

Usage (the Python needs torch, and tensorboard, which makemore.py imports):
  /tmp/torchenv/bin/python bench/pytorch-makemore.py --makemore /path/to/makemore.py --threads 1
`node bench/run.js --only W7` runs it itself: see bench/NOTES.md, "W6 and W7".
"""

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
STEP_LINE = re.compile(r"^step (\d+) \| loss ([0-9.naninf]+) \| step time ([0-9.]+)ms$")


def git_blob_sha1(path):
    """The hash git gives the file, to name the exact makemore.py that ran."""
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--makemore", default=os.environ.get("SW2_MAKEMORE"), help="path to makemore.py (or $SW2_MAKEMORE)")
    p.add_argument("--input", default=os.path.join(HERE, "..", "www", "data", "names.txt"))
    p.add_argument("--threads", type=int, required=True, help="torch's intra-op threads (OMP_NUM_THREADS)")
    p.add_argument("--warmup", type=int, default=50, help="untimed steps: their printed times are dropped")
    p.add_argument("--steps", type=int, default=100, help="timed steps after the warm-up")
    args = p.parse_args()
    if not args.makemore or not os.path.exists(args.makemore):
        sys.exit(f"makemore.py not found at {args.makemore!r}: pass --makemore or set SW2_MAKEMORE")

    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "MKL_NUM_THREADS": str(args.threads)}
    threads = subprocess.run([sys.executable, "-c", "import torch; print(torch.get_num_threads(), torch.__version__)"],
                             env=env, capture_output=True, text=True, check=True).stdout.split()
    with tempfile.TemporaryDirectory(prefix="sw2-makemore-") as work:
        # makemore's own defaults (4 layers, 4 heads, width 64, batch 32, AdamW 5e-4, seed 3407), on the CPU.
        command = [sys.executable, args.makemore, "--input-file", os.path.abspath(args.input), "--work-dir", work,
                   "--type", "transformer", "--device", "cpu", "--max-steps", str(args.warmup + args.steps)]
        run = subprocess.run(command, env=env, capture_output=True, text=True, cwd=work)
    if run.returncode != 0:
        sys.exit(f"makemore.py failed ({run.returncode}): {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''}")
    steps = [(int(m[1]), float(m[3])) for m in (STEP_LINE.match(line) for line in run.stdout.splitlines()) if m]
    cold = [ms for step, ms in steps if step < args.warmup]
    warm = [ms for step, ms in steps if step >= args.warmup]
    if not warm:
        sys.exit(f"makemore.py printed no step time after step {args.warmup}")
    print(json.dumps({
        "msPerStep": statistics.median(warm),
        "stepTimes": warm,
        "coldMsPerStep": statistics.fmean(cold) if cold else None,
        "coldStepTimes": cold,
        "untimedSteps": args.warmup,
        "timedSteps": args.steps,
        "threads": int(threads[0]),
        "torch": threads[1],
        "makemoreBlob": git_blob_sha1(args.makemore),
        "command": " ".join([f"OMP_NUM_THREADS={args.threads}", "python", "makemore.py"] + command[2:])
                      .replace(work, "<tmp>").replace(os.path.abspath(args.input), os.path.basename(args.input)),
    }))


if __name__ == "__main__":
    main()

"""Run as a script by tests/test_safety.py: one batch over RAW, then one JSON line: the batch process's own
peak RSS in MiB (its children, which parse and run the rules, are not counted: the point is what the batch's
process itself holds) and each document's status and error, so a failure explains itself.

The peak is the kernel's high-water mark of this process's memory map (`VmHWM` in /proc/self/status), not
`getrusage`'s `ru_maxrss`: Linux carries `ru_maxrss` across fork and exec, so a probe started by a pytest
process already holding 460 MiB reported 460 MiB whatever it read (the flaky figure of an earlier test)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extract.batch import run_batch
from extract.dataset.store import UnsafeWrite
from extract.settings import RunSettings

if __name__ == "__main__":
    try:
        result = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), settings=RunSettings(timeout_s=float(sys.argv[3])))
        outcome: object = {i.source_path: [i.status, i.error] for i in result.manifest.inputs}
    except UnsafeWrite as err:  # every document failed (timed out): nothing written, not what is measured here
        outcome = str(err)
    status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
    print(json.dumps({"peak_mib": peak, "documents": outcome}))

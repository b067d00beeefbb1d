"""Run as a script by tests/test_safety.py: one batch, then the batch process's own peak RSS in MiB (its
children, which parse, are not counted: the point is what the batch's process itself holds)."""

from __future__ import annotations

import contextlib
import resource
import sys
from pathlib import Path

from extract.batch import run_batch
from extract.dataset.store import UnsafeWrite
from extract.settings import RunSettings

if __name__ == "__main__":
    # every document failed (timed out): nothing to write, which is not what is measured here
    with contextlib.suppress(UnsafeWrite):
        run_batch(Path(sys.argv[1]), Path(sys.argv[2]), settings=RunSettings(timeout_s=float(sys.argv[3])))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)

"""The isolation forkserver's first import: it ignores Ctrl-C from here on.

A Ctrl-C in the terminal reaches every process of the run's process group. Python's forkserver protects
itself from it only after its preload imports, so an interrupt during those imports printed a traceback
from the forkserver and left the batch's children with no server to fork from. The children inherit the
setting: the batch itself stops them when it is interrupted (`isolate.run_limited` kills its child on the
way out, and an interrupted run stops every child through `isolate.interrupt`).
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)

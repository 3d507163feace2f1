"""How many worker processes a batch job should use: one home for the rule forms and collect share."""

from __future__ import annotations

import multiprocessing
import os
import sys


def worker_count(items: int, wanted: int | None, threshold: int, chunk: int) -> int:
    """Processes for ``items`` split in chunks of ``chunk``: 1 below ``threshold`` or without fork.

    ``wanted`` (tests, benchmarks) overrides the core count but not the platform rule: spawn would
    re-import the package and pickle the case per worker, which costs more than it saves here.
    """
    if wanted is not None:
        n = wanted
    elif items < threshold:
        return 1
    else:
        n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(n, (items + chunk - 1) // chunk))

"""``parallel.worker_count``: worker processes only where ``fork`` is, never on the clerk's Windows.

Windows (and macOS) have no safe ``fork``; ``spawn`` would re-import the package and pickle the case
per worker, and would need ``if __name__ == "__main__"`` / ``freeze_support()`` in every entry point.
The rule keeps forms and collect in the calling process there, whatever a test or bench asks for.
"""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from dispatch_gen import parallel

LINUX_METHODS = ["fork", "spawn", "forkserver"]


@pytest.mark.parametrize(("platform", "methods", "items", "wanted", "expected"), [
    ("linux", LINUX_METHODS, 10, None, 1),  # below the threshold: a pool costs more than it saves
    ("linux", LINUX_METHODS, 320, None, 2),  # two cores (pinned below)
    ("linux", LINUX_METHODS, 40, None, 2),
    ("linux", LINUX_METHODS, 20, 4, 2),  # wanted overrides the cores, never more workers than chunks
    ("linux", LINUX_METHODS, 16, 4, 1),  # one chunk: one process
    ("linux", ["spawn", "forkserver"], 320, 4, 1),  # a Linux without fork
    ("win32", ["spawn"], 320, None, 1),  # the clerk's machine: never spawn
    ("win32", ["spawn"], 320, 4, 1),  # not even when a test or bench asks for workers
    ("darwin", ["spawn", "fork", "forkserver"], 320, 4, 1),  # fork exists but is unsafe with macOS libraries
])
def test_worker_count(monkeypatch, platform, methods, items, wanted, expected):
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: methods)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert parallel.worker_count(items, wanted, threshold=32, chunk=16) == expected

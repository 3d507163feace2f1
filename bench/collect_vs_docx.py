"""Collect against a plain python-docx read of the same files, side by side in one run (issue 11).

Usage: ``.venv/bin/python bench/collect_vs_docx.py [--units 300] [--repeat 3]``

The baseline is what a script would do with python-docx alone: ``Document(path)`` and the text of
every content control (``w:sdt``) in the body — no identity, no validation, no hashing, no store,
no archive. ``collect`` does all of that (bounded read, container checks, SHA-256, recognition,
validation, archive write-once with fsync, one store transaction per batch). Both read the same
Word-filled forms of a synthetic case, alternately, median of ``repeat`` runs each, in ONE
process run, so machine load hits both alike. ``collect`` runs with its defaults (reader processes
for large inboxes) and with one process, since python-docx has no parallel mode of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def plain_python_docx(paths: list[Path]) -> int:
    """``Document(path)`` and the text of every content control; returns how many controls were read."""
    from docx import Document
    from docx.oxml.ns import qn

    sdt, t = qn("w:sdt"), qn("w:t")
    read = 0
    for path in paths:
        body = Document(str(path)).element.body
        for control in body.iter(sdt):
            "".join(node.text or "" for node in control.iter(t))
            read += 1
    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from synth import fill_forms, make_case

    from dispatch_gen.collect.stage import collect
    from dispatch_gen.forms import make_forms
    from dispatch_gen.records import STATE_DIR, load_case
    from dispatch_gen.workspace import OpenedCase

    work = Path(tempfile.mkdtemp(prefix="dg-bench-collect-"))
    try:
        case_dir = make_case(args.units, work / "case")
        case = load_case(case_dir)
        paths = fill_forms(case, make_forms(case, work / "forms"), work / "inbox")
        timings: dict[str, list[float]] = {"python-docx": [], "collect": [], "collect (1 process)": []}

        def collect_fresh(processes: int | None) -> None:
            shutil.rmtree(case_dir / STATE_DIR, ignore_errors=True)
            result = collect(OpenedCase.of(case, case_dir), [work / "inbox"], dt.date(2024, 11, 22), processes=processes)
            assert sum(f.outcome == "accepted" for f in result.files) == len(paths)

        for _ in range(args.repeat):  # alternate, so load changes hit all three alike
            for name, run in (("python-docx", lambda: plain_python_docx(paths)),
                              ("collect", lambda: collect_fresh(None)),
                              ("collect (1 process)", lambda: collect_fresh(1))):
                start = time.perf_counter()
                run()
                timings[name].append(time.perf_counter() - start)
        medians = {name: statistics.median(v) for name, v in timings.items()}
        base = len(paths) / medians["python-docx"]
        rows = {name: {"seconds": round(s, 3), "files_per_s": round(len(paths) / s, 1),
                       "vs_python_docx": round(len(paths) / s / base, 2)} for name, s in medians.items()}
        print(json.dumps({"files": len(paths), "units": args.units, "repeat": args.repeat,
                          "load_avg": os.getloadavg(), "results": rows}, ensure_ascii=False, indent=2))
        print("\n| reader | files/s | × python-docx |\n|---|---:|---:|")
        for name, r in rows.items():
            print(f"| {name} | {r['files_per_s']:.0f} | {r['vs_python_docx']:.2f}× |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

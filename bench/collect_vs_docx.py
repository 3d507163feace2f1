"""Collect against a plain python-docx read of the same files, side by side in one run (issue 11).

Usage: ``.venv/bin/python bench/collect_vs_docx.py [--units 30 300 2000] [--repeat 3]``

The baseline is what a script would do with python-docx alone: ``Document(path)`` and the text of
every content control (``w:sdt``) in the body — no identity, no validation, no hashing, no store,
no archive. ``collect`` does all of that (bounded read, container checks with every member's CRC,
SHA-256, recognition, the unit proof (MAC), validation, archive write-once with fsync, one store
transaction per batch). The case is made as ``forms`` makes it (store with the case's form key,
keyed forms); the forms are filled the way Word saves them. Before each collect the case's state
is put back as it was after ``forms`` (outside the timing), so every run is a first collection.
All readers run alternately, ``repeat`` times each, in ONE process run, so machine load hits them
alike; the median is reported. ``collect`` runs with its defaults (reader processes from 32 files)
and with one process, since python-docx has no parallel mode of its own. A fourth row is collect's
reading alone (``read_one`` on every file: container checks, identity, proof, answers, validation),
nothing archived or recorded: the difference to "collect (1 process)" is what the durable archive
and the store cost. CPU is user + system time of this process and its reader processes, per file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
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


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(units: int, repeat: int, work: Path) -> dict:
    """One case of ``units`` units: the three readers, alternately, ``repeat`` times each."""
    from synth import fill_forms, make_case

    from dispatch_gen.case.records import STATE_DIR, load_case
    from dispatch_gen.collect.stage import LazySpecs, collect, read_one
    from dispatch_gen.forms.stage import case_form_key, make_forms
    from dispatch_gen.workspace import OpenedCase

    case_dir = make_case(units, work / "case")
    case = load_case(case_dir)
    opened = OpenedCase.of(case, case_dir)
    paths = fill_forms(case, make_forms(case, work / "forms", key=case_form_key(opened)), work / "inbox")
    after_forms = work / "state-after-forms"
    shutil.copytree(case_dir / STATE_DIR, after_forms)

    def reset() -> None:
        shutil.rmtree(case_dir / STATE_DIR)
        shutil.copytree(after_forms, case_dir / STATE_DIR)

    def collect_all(processes: int | None) -> None:
        result = collect(opened, [work / "inbox"], dt.date(2024, 11, 22), processes=processes)
        assert sum(f.outcome == "accepted" for f in result.files) == len(paths), "every form must be taken"
        assert not any(f.warnings for f in result.files), "keyed forms, filled cleanly: no warning"

    def read_alone() -> None:  # collect's reading (identity, proof, answers, validation), nothing recorded
        specs = LazySpecs(case, case_form_key(opened))
        assert all(read_one(case, specs, path).accepted for path in paths)

    readers = {"python-docx": (None, lambda: plain_python_docx(paths)),
               "collect": (reset, lambda: collect_all(None)),
               "collect (1 process)": (reset, lambda: collect_all(1)),
               "collect's reading alone (1 process)": (None, read_alone)}
    wall: dict[str, list[float]] = {name: [] for name in readers}
    cpu: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(repeat):  # alternate, so load changes hit all three alike
        for name, (prepare, run) in readers.items():
            if prepare:
                prepare()
            start, used = time.perf_counter(), _cpu()
            run()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_cpu() - used)
    base = len(paths) / statistics.median(wall["python-docx"])
    rows = {}
    for name in readers:
        seconds = statistics.median(wall[name])
        rows[name] = {"seconds": round(seconds, 3), "files_per_s": round(len(paths) / seconds, 1),
                      "vs_python_docx": round(len(paths) / seconds / base, 2),
                      "cpu_ms_per_file": round(statistics.median(cpu[name]) / len(paths) * 1000, 2)}
    return {"files": len(paths), "units": units, "results": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[30, 300, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    runs = []
    load_before = os.getloadavg()
    for units in args.units:
        work = Path(tempfile.mkdtemp(prefix="dg-bench-collect-"))
        try:
            runs.append(measure(units, args.repeat, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"repeat": args.repeat, "cores": os.cpu_count(), "load_avg_before": load_before,
                      "load_avg_after": os.getloadavg(), "runs": runs}, ensure_ascii=False, indent=2))
    print("\n| files | reader | files/s | × python-docx | CPU ms/file |\n|---:|---|---:|---:|---:|")
    for run in runs:
        for name, r in run["results"].items():
            print(f"| {run['files']} | {name} | {r['files_per_s']:.0f} | {r['vs_python_docx']:.2f}× "
                  f"| {r['cpu_ms_per_file']:.2f} |")


if __name__ == "__main__":
    main()

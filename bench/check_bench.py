"""Time ``check`` on 100 documents (issue 12).

Usage: .venv/bin/python bench/check_bench.py [--count 100] [--repeat 3] [--shared ../shared]

The corpus: the real agency documents of ``shared/real-docs`` (when present) and the project's own
generated công văn, BÁO CÁO and forms, cycled to ``--count`` files. Measured, median of
``--repeat`` runs, one process:

- ``check_files`` on the corpus (read, locate, every rule): files per second;
- the naive baseline every checker pays at least: opening each file with python-docx and touching
  every paragraph's runs (``docx.Document`` + ``paragraph.runs``), no rule at all;
- ``check --fix`` (plan + apply, bytes in memory) on the real documents alone.

The ratio check / baseline says what the rules cost on top of merely reading the files.
Prints a table and writes ``bench/results/check.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
RESULTS = ROOT / "bench" / "results"


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def corpus(folder: Path, count: int, shared: Path) -> tuple[list[Path], list[Path]]:
    """(the ``count`` files to check, the real documents among the sources)."""
    from dispatch_gen.case.records import load_case
    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.render import render_dispatch

    case = load_case(ROOT / "data" / "cam-linh")
    sources = [render_dispatch(case, folder / "cv.docx"), render_dispatch(case, folder / "cv5.docx", number=5)]
    sources += list(make_forms(case, folder / "forms"))[:8]
    real = sorted((shared / "real-docs").glob("*.docx")) if (shared / "real-docs").is_dir() else []
    sources = [Path(p) for p in real + sources]
    files = []
    for i in range(count):
        src = sources[i % len(sources)]
        dst = folder / "corpus" / f"{i:03d}-{src.name}"
        dst.parent.mkdir(exist_ok=True)
        shutil.copyfile(src, dst)
        files.append(dst)
    return files, real


def baseline(files: list[Path]) -> None:
    import docx

    for f in files:
        for p in docx.Document(str(f)).paragraphs:
            _ = [r.text for r in p.runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from dispatch_gen.check.fix import plan
    from dispatch_gen.check.stage import check_files
    from dispatch_gen.word.fix import apply_fixes

    with tempfile.TemporaryDirectory() as tmp:
        files, real = corpus(Path(tmp), args.count, args.shared)
        check_files(files[:3])  # warm imports
        t_check = _median(lambda: check_files(files), args.repeat)
        t_base = _median(lambda: baseline(files), args.repeat)
        t_fix = _median(lambda: [apply_fixes(f, plan(f)) for f in real], args.repeat) if real else None
    res = {"files": len(files), "real_documents": len(real), "check_s": round(t_check, 2),
           "check_files_per_s": round(len(files) / t_check, 1), "baseline_s": round(t_base, 2),
           "ratio_check_to_baseline": round(t_check / t_base, 2),
           "fix_s_per_real_document": round(t_fix / len(real), 3) if real else None}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "check.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"check on {len(files)} files ({len(real)} real sources cycled with generated ones), "
          f"median of {args.repeat}")
    print("| measure | value |\n|---|---|")
    print(f"| check_files, {len(files)} files | {res['check_s']} s ({res['check_files_per_s']} files/s) |")
    print(f"| naive baseline: python-docx open + runs | {res['baseline_s']} s |")
    print(f"| check / baseline | {res['ratio_check_to_baseline']}× |")
    if real:
        print(f"| check --fix (plan + apply), per real document | {res['fix_s_per_real_document']} s |")


if __name__ == "__main__":
    main()

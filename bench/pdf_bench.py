"""Seconds per file for converting the sample case's forms (or N dispatches) to PDF.

Usage: .venv/bin/python bench/pdf_bench.py [--dispatches N] [--single]
  default      every form of data/cam-linh (forms.make_forms), one ``pdf.convert`` call
  --dispatches N copies of the sample dispatch instead
  --single     also time one ``soffice`` per file (the slow way, for comparison)
Target (issue 5): ≤ 0.15 s per form with LibreOffice kept running between files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_gen.case.records import load_case  # noqa: E402
from dispatch_gen.pdf import convert as pdf  # noqa: E402


def documents(work: Path, dispatches: int | None) -> list[Path]:
    case = load_case(ROOT / "data" / "cam-linh")
    if dispatches:
        from dispatch_gen.render import render_dispatch

        first = render_dispatch(case, work / "cong-van-001.docx")
        copies = [first]
        for i in range(2, dispatches + 1):
            copies.append(work / f"cong-van-{i:03d}.docx")
            shutil.copy(first, copies[-1])
        return copies
    from dispatch_gen.forms.stage import make_forms

    return make_forms(case, work / "forms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dispatches", type=int, default=None)
    parser.add_argument("--single", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = documents(work, args.dispatches)
        pdf.convert(docs[:1], work / "warm-up")  # first start of a profile is not what we measure
        started = time.perf_counter()
        pdfs = pdf.convert(docs, work / "pdf")
        batched = time.perf_counter() - started
        print(f"{len(pdfs)} files, batched ({len(pdf._plan_batches([d.resolve() for d in docs]))} processes): "
              f"{batched:.2f} s total, {batched / len(pdfs):.3f} s/file")
        if args.single:
            started = time.perf_counter()
            for d in docs[:5]:
                pdf.convert([d], work / "single")
            single = (time.perf_counter() - started) / min(5, len(docs))
            print(f"one soffice per file: {single:.3f} s/file (first {min(5, len(docs))} files)")
            print(f"batched / one soffice per file (naive): {single / (batched / len(pdfs)):.1f}× faster")


if __name__ == "__main__":
    main()

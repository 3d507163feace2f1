"""Performance at commune, province and country scale, measured in one run (issue 5).

Usage: .venv/bin/python bench/run.py [--sizes 30,300,2000] [--repeat 3] [--naive 20] [--no-pdf] [--report-max 2000]

For each size N a synthetic case of N units is built (``bench/synth.py``: villages plus the sample's
19 criterion leads and 5 group directors) and, in a fresh child process (so peak memory is per N),
the real stages are timed, median of ``--repeat`` runs:

- forms generated per second (``forms.make_forms``: spec, build, atomic synced write);
- forms collected per second (``collect.collect`` of Word-filled copies, fresh store each time);
- report build time (``report.build_report`` over the collected answers);
- end to end = forms + collect + report; peak memory (max RSS of the process and its workers).

Once per run: the naive baseline (``bench/docxtpl_baseline.py``: load the village form template
with docxtpl, render, save, one file at a time, on the same data), the fast path on the same
villages, PDF seconds per form (sample forms, one batched LibreOffice run after a warm-up) and
``dispatch-gen --help`` start-up. Prints every figure with its target and the ratio to the
baseline; writes ``bench/results/results.json`` and ``results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

RESULTS = ROOT / "bench" / "results"
AS_OF = "2024-11-30"
TARGETS = {"forms_ratio": 10.0, "collect_per_s": 500.0, "e2e_2000_s": 30.0, "pdf_s_per_form": 0.15,
           "help_s": 0.3}


def _median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


# --- one size, in a child process --------------------------------------------------------------------

def measure_size(n: int, repeat: int, report_max: int) -> dict:
    """Time forms, collection and report for a synthetic case of ``n`` units (run in a child)."""
    import datetime as dt

    from synth import fill_forms, make_case

    from dispatch_gen.case.records import STATE_DIR, load_case
    from dispatch_gen.collect.stage import collect
    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.report.stage import build_report
    from dispatch_gen.workspace import OpenedCase

    work = Path(tempfile.mkdtemp(prefix=f"dg-bench-{n}-"))
    try:
        case_dir = make_case(n, work / "case")
        load_s, case = _median_time(lambda: load_case(case_dir), 1)
        forms_dir = work / "forms"

        def forms():
            shutil.rmtree(forms_dir, ignore_errors=True)
            return make_forms(case, forms_dir)

        cold_s, _ = _median_time(forms, 1)  # first run of a fresh process: every cache empty
        forms_s, paths = _median_time(forms, repeat)
        inbox = work / "inbox"
        fill_forms(case, paths, inbox)  # the officers' part: not timed
        received = dt.date(2024, 11, 22)

        def collect_fresh():
            shutil.rmtree(case_dir / STATE_DIR, ignore_errors=True)
            return collect(OpenedCase.of(case, case_dir), [inbox], received)

        collect_s, result = _median_time(collect_fresh, repeat)
        accepted = sum(1 for f in result.files if f.outcome == "accepted")
        before_report_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # forms + collect
        report_s = None
        if n <= report_max:
            report_s, _ = _median_time(lambda: build_report(OpenedCase.of(case, case_dir), work / "report.docx",
                                                             as_of=dt.date.fromisoformat(AS_OF)), repeat)
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return {"units": n, "forms": len(paths), "load_s": load_s, "forms_s": forms_s,
                "forms_per_s": len(paths) / forms_s, "cold_forms_per_s": len(paths) / cold_s,
                "collected": accepted, "collect_s": collect_s,
                "collect_per_s": len(paths) / collect_s, "report_s": report_s,
                "e2e_s": forms_s + collect_s + (report_s or 0), "peak_rss_mb": self_rss / 1024,
                "peak_rss_mb_before_report": before_report_rss / 1024,
                "worker_peak_rss_mb": child_rss / 1024}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_size_in_child(n: int, repeat: int, report_max: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(n), "--repeat", str(repeat),
                          "--report-max", str(report_max)],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"size {n} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- once per run ------------------------------------------------------------------------------------

def measure_naive(count: int) -> dict:
    """The docxtpl loop and the fast path on the same template data (village forms of the sample)."""
    from docxtpl import DocxTemplate
    from docxtpl_baseline import build_template, context, village_units

    from dispatch_gen.case.records import load_case
    from dispatch_gen.forms.spec import form_spec
    from dispatch_gen.output import write_atomic
    from dispatch_gen.word.formdoc import build_form
    from dispatch_gen.word.jinja import environment

    case = load_case(ROOT / "data" / "cam-linh")
    units = village_units(case)
    work = Path(tempfile.mkdtemp(prefix="dg-bench-naive-"))
    try:
        template = build_template(case, work / "village-template.docx")
        load, render, save = [], [], []
        for i in range(count):
            spec = form_spec(case, units[i % len(units)])
            t0 = time.perf_counter()
            tpl = DocxTemplate(template)
            t1 = time.perf_counter()
            tpl.render(context(spec), jinja_env=environment(), autoescape=True)
            t2 = time.perf_counter()
            tpl.save(work / f"naive-{i}.docx")
            t3 = time.perf_counter()
            load.append(t1 - t0)
            render.append(t2 - t1)
            save.append(t3 - t2)
        per_form = statistics.median(a + b + c for a, b, c in zip(load, render, save, strict=True))
        fast = []
        for i in range(max(count, 200)):
            spec_started = time.perf_counter()
            data = build_form(form_spec(case, units[i % len(units)]), case.agency.name_lines)
            write_atomic(work / f"fast-{i}.docx", data)
            fast.append(time.perf_counter() - spec_started)
        fast_per_form = statistics.median(fast)
        return {"naive_forms": count, "naive_per_s": 1 / per_form, "naive_load_ms": statistics.median(load) * 1e3,
                "naive_render_ms": statistics.median(render) * 1e3, "naive_save_ms": statistics.median(save) * 1e3,
                "fast_same_data_per_s": 1 / fast_per_form}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_pdf() -> dict:
    """Seconds per form converting the sample's 32 forms in one batched LibreOffice run."""
    if shutil.which("soffice") is None:
        return {"pdf_s_per_form": None, "pdf_note": "LibreOffice (soffice) not installed: skipped"}
    from dispatch_gen.case.records import load_case
    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.pdf import convert as pdf

    work = Path(tempfile.mkdtemp(prefix="dg-bench-pdf-"))
    try:
        docs = make_forms(load_case(ROOT / "data" / "cam-linh"), work / "forms")
        pdf.convert(docs[:1], work / "warm-up")  # a profile's first start is not what is measured
        started = time.perf_counter()
        pdfs = pdf.convert(docs, work / "pdf")
        elapsed = time.perf_counter() - started
        return {"pdf_s_per_form": elapsed / len(pdfs), "pdf_forms": len(pdfs), "pdf_total_s": elapsed}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_help(repeat: int = 5) -> dict:
    exe = Path(sys.executable).parent / "dispatch-gen"
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "dispatch_gen", "--help"]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return {"help_s": statistics.median(times)}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    import lxml.etree

    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "memory": mem, "python": platform.python_version(), "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
            "os": platform.platform(), "load_before": os.getloadavg()[0]}


# --- output -----------------------------------------------------------------------------------------

def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def table(res: dict) -> list[str]:
    naive = res["naive"]
    base = naive["naive_per_s"]
    lines = [f"Machine: {res['machine']['cpu']}, {res['machine']['cores']} cores, {res['machine']['memory']} RAM, "
             f"Python {res['machine']['python']}, lxml {res['machine']['lxml']}; load average before "
             f"{res['machine']['load_before']:.2f}, after {res['machine']['load_after']:.2f}. "
             f"Median of {res['repeat']} runs.", "",
             "| units | forms/s (× naive) | first run, cold (× naive) | collected/s | report s "
             "| end to end s | peak RSS MB forms + collect (workers) | peak RSS MB with report |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in res["sizes"]:
        report = f"{s['report_s']:.2f}" if s["report_s"] is not None else "not run"
        e2e = f"{s['e2e_s']:.1f}" + ("" if s["report_s"] is not None else " (no report)")
        lines.append(f"| {s['units']} | {s['forms_per_s']:.0f} ({s['forms_per_s'] / base:.0f}×) | "
                     f"{s['cold_forms_per_s']:.0f} ({s['cold_forms_per_s'] / base:.0f}×) | "
                     f"{s['collect_per_s']:.0f} | {report} | {e2e} | "
                     f"{s.get('peak_rss_mb_before_report', s['peak_rss_mb']):.0f} ({s['worker_peak_rss_mb']:.0f}) | "
                     f"{s['peak_rss_mb']:.0f} |")
    lines += ["", f"Naive docxtpl loop, village form (80 controls), same data: {base:.1f} forms/s "
              f"(load {naive['naive_load_ms']:.1f} ms, render {naive['naive_render_ms']:.1f} ms, "
              f"save {naive['naive_save_ms']:.1f} ms); fast path on the same villages, one process, "
              f"synced write: {naive['fast_same_data_per_s']:.0f} forms/s "
              f"({naive['fast_same_data_per_s'] / base:.0f}×). docxtpl 0.20 loads lazily: the template is "
              f"read inside render()."]
    pdf = res["pdf"]
    lines.append(f"PDF: {pdf['pdf_s_per_form']:.3f} s/form ({pdf['pdf_forms']} sample forms, one batched "
                 f"LibreOffice run)" if pdf.get("pdf_s_per_form") is not None else f"PDF: {pdf['pdf_note']}")
    lines.append(f"`dispatch-gen --help`: {res['help']['help_s']:.3f} s")
    lines += ["", "| target | figure | status |", "|---|---:|---|"]
    for name, figure, ok in checks(res):
        lines.append(f"| {name} | {figure} | {_mark(ok)} |")
    return lines


def checks(res: dict) -> list[tuple[str, str, bool | None]]:
    base = res["naive"]["naive_per_s"]
    worst_forms = min(s["forms_per_s"] for s in res["sizes"])
    worst_collect = min(s["collect_per_s"] for s in res["sizes"])
    big = max(res["sizes"], key=lambda s: s["units"])
    # forms + collect only: the report holds every answer of the case (store rows), so it grows with N
    rss = [s.get("peak_rss_mb_before_report", s["peak_rss_mb"]) for s in res["sizes"]]
    pdf = res["pdf"].get("pdf_s_per_form")
    return [
        ("forms ≥ 10× naive (worst size)", f"{worst_forms / base:.0f}×", worst_forms / base >= TARGETS["forms_ratio"]),
        ("collection ≥ 500 forms/s (worst size)", f"{worst_collect:.0f}/s", worst_collect >= TARGETS["collect_per_s"]),
        (f"end to end {big['units']} units < 30 s", f"{big['e2e_s']:.1f} s"
         + ("" if big["report_s"] is not None else " without report"),
         big["e2e_s"] < TARGETS["e2e_2000_s"] if big["units"] >= 2000 and big["report_s"] is not None else None),
        ("memory flat in N (forms + collect, max/min peak RSS ≤ 1.5)", f"{max(rss):.0f}/{min(rss):.0f} MB", max(rss) <= 1.5 * min(rss)),
        ("PDF ≤ 0.15 s/form", f"{pdf:.3f} s" if pdf is not None else "skipped",
         pdf <= TARGETS["pdf_s_per_form"] if pdf is not None else None),
        ("--help < 0.3 s", f"{res['help']['help_s']:.3f} s", res["help"]["help_s"] < TARGETS["help_s"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300,2000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive", type=int, default=20, help="forms rendered by the naive docxtpl loop")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--report-max", type=int, default=2000,
                        help="build the report only up to this many units")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_size(args.child, args.repeat, args.report_max)))
        return
    res: dict = {"machine": machine(), "repeat": args.repeat}
    res["help"] = measure_help()
    res["naive"] = measure_naive(args.naive)
    res["sizes"] = []
    for n in (int(x) for x in args.sizes.split(",")):
        res["sizes"].append(run_size_in_child(n, args.repeat, args.report_max))
        print(f"… {n} units measured", file=sys.stderr)
    res["pdf"] = {"pdf_note": "skipped (--no-pdf)"} if args.no_pdf else measure_pdf()
    res["machine"]["load_after"] = os.getloadavg()[0]
    lines = table(res)
    print("\n".join(lines))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "results.json").write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    (RESULTS / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS / 'results.json'}, {RESULTS / 'results.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Load: many officers uploading their forms at once through their own links (issue 14).

Usage: .venv/bin/python bench/web_load.py [--officers 30] [--rounds 3] [--table]

A private copy of the sample case is served by the real app (``web.server.running``: uvicorn on
127.0.0.1 and a free port, in a thread of this process). Each officer is one HTTP client (its own
cookies): it opens its unit's link (the page and its CSRF token) and posts its filled form; the
officers of a round start together (a barrier) and each round sends a new version of every form
(so the store sees supersedes, not duplicates). The loop is bounded: ``rounds`` × ``officers``
uploads. Baseline: the same uploads one at a time (the naive "one officer after another").

Checked, not just timed: every response is a receipt (HTTP 200 and a receipt number), every receipt
number is the SHA-256 prefix of a row in the store, the store holds exactly one row per upload and
one current form per unit. Prints one JSON object (figures and checks), or with ``--table`` the ratio
table ``make bench`` shows; exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx2 as httpx  # noqa: E402
from fillers import answers_for, fill_like_word  # noqa: E402

from dispatch_gen import intake  # noqa: E402
from dispatch_gen.case.records import load_case  # noqa: E402
from dispatch_gen.forms.spec import form_spec  # noqa: E402
from dispatch_gen.forms.stage import form_file_name, make_forms  # noqa: E402
from dispatch_gen.store import open_store  # noqa: E402
from dispatch_gen.web.server import running  # noqa: E402
from dispatch_gen.workspace import open_case  # noqa: E402

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
RECEIPT = re.compile(r'class="receipt-id">([0-9A-F]{12})<')


def upload(client: httpx.Client, url: str, name: str, data: bytes) -> tuple[int, str | None, float, float]:
    """One officer's visit: open the link, post the form; (status, receipt number, start, end)."""
    started = time.perf_counter()
    page = client.get(url)
    token = CSRF.search(page.text).group(1)
    r = client.post(url, data={"csrf": token}, files={"file": (name, data)})
    m = RECEIPT.search(r.text)
    return r.status_code, m.group(1) if m else None, started, time.perf_counter()


def prepare(root: Path, officers: int):
    """A workspace with one case; ``officers`` units with their links and ``rounds`` worth of forms."""
    case_dir = root / "dot-1"
    shutil.copytree(ROOT / "data" / "cam-linh", case_dir, ignore=shutil.ignore_patterns(".dispatch-gen"))
    case = load_case(case_dir)
    make_forms(case, root / "forms", processes=1)
    rows = intake.send_list(case, intake.case_secret(open_case(case_dir)))[:officers]
    if len(rows) < officers:
        raise SystemExit(f"the sample case has only {len(rows)} units")
    blank = {u.code: (root / "forms" / form_file_name(case, u)).read_bytes() for u, _tok in rows}
    specs = {u.code: form_spec(case, u) for u, _tok in rows}
    return case_dir, case, rows, blank, specs


def filled(rows, blank, specs, seed: str) -> dict[str, bytes]:
    """Every officer's form of one round (filled before the clock starts)."""
    return {u.code: fill_like_word(blank[u.code], answers_for(specs[u.code], seed=seed)) for u, _t in rows}


def round_of(base: str, rows, forms: dict[str, bytes], workers: int) -> list[tuple]:
    """Every officer uploads once; ``workers`` at a time (all at once: a barrier starts them together)."""
    gate = threading.Barrier(workers, timeout=300) if workers > 1 else None  # never a hang if one fails

    def one(item):
        unit, token = item
        with httpx.Client(timeout=120) as client:
            if gate is not None:
                gate.wait()
            return (unit.code, *upload(client, f"{base}/u/dot-1/{token}", f"{unit.code}.docx", forms[unit.code]))

    if workers == 1:
        return [one(item) for item in rows]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, rows))


def span(results: list[tuple]) -> float:
    """Seconds from the first request of a round to its last response (client set-up excluded)."""
    return max(r[4] for r in results) - min(r[3] for r in results)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--officers", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--table", action="store_true", help="a ratio table (as the other benches print) instead of JSON")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-web-load-") as tmp:
        root = Path(tmp)
        case_dir, case, rows, blank, specs = prepare(root, args.officers)
        deadline = min(u.deadline for u, _t in rows if u.deadline) if any(u.deadline for u, _t in rows) else None
        today = deadline or dt.date.today()
        results: list[tuple] = []
        walls: list[float] = []
        forms = [filled(rows, blank, specs, f"lần {n} ") for n in range(args.rounds + 1)]
        with running(root, today=lambda: today) as base:
            serial = round_of(base, rows, forms[0], 1)
            serial_s = sum(r[4] - r[3] for r in serial)  # request time only, as for the rounds
            for n in range(args.rounds):
                one_round = round_of(base, rows, forms[n + 1], args.officers)
                results += one_round
                walls.append(span(one_round))
        everything = serial + results
        with open_store(case_dir) as db:
            stored = db.submissions()
        shas = {r["sha256"][:12].upper() for r in stored}
        current = [r["unit"] for r in stored if r["status"] == "accepted"]
        checks = {
            "every_response_a_receipt": all(r[1] == 200 and r[2] for r in everything),
            "every_receipt_in_store": all(r[2] in shas for r in everything),
            "one_row_per_upload": len(stored) == len(everything),
            "one_current_form_per_unit": sorted(current) == sorted(u.code for u, _t in rows),
        }
        latencies = sorted(r[4] - r[3] for r in results)
        out = {
            "officers": args.officers, "rounds": args.rounds, "uploads": len(results),
            "concurrent_uploads_per_s": round(len(results) / sum(walls), 2),
            "serial_uploads_per_s": round(len(serial) / serial_s, 2),
            "ratio_vs_serial": round((len(results) / sum(walls)) / (len(serial) / serial_s), 2),
            "round_wall_s": [round(w, 2) for w in walls],
            "latency_s": {"p50": round(statistics.median(latencies), 2),
                          "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
                          "max": round(latencies[-1], 2)},
            "checks": checks,
        }
        print("\n".join(table(out)) if args.table else json.dumps(out, ensure_ascii=False, indent=2))
        return 0 if all(checks.values()) else 1


def table(out: dict) -> list[str]:
    """The figures as the markdown ratio table ``make bench`` prints (baseline: one officer after another)."""
    lat = out["latency_s"]
    failed = [name for name, ok in out["checks"].items() if not ok]
    return [f"web: {out['officers']} officers × {out['rounds']} rounds uploading through their links",
            "| measure | value |", "|---|---:|",
            f"| uploads/s, {out['officers']} at once | {out['concurrent_uploads_per_s']} |",
            f"| naive baseline: uploads/s one after another | {out['serial_uploads_per_s']} |",
            f"| at once / one after another | {out['ratio_vs_serial']}× |",
            f"| latency p50 / p95 / max | {lat['p50']} / {lat['p95']} / {lat['max']} s |",
            f"| checks (receipts, store rows) | {'all passed' if not failed else 'FAILED: ' + ', '.join(failed)} |"]


if __name__ == "__main__":
    sys.exit(main())

"""Issue 6.5: a run killed (SIGKILL) at a random moment leaves no broken output and a sound store.

``forms``, ``collect`` and ``dispatch --issue`` run as real processes and are killed after a
seeded random delay (so kills land during start-up, rendering, archiving and committing). Then:
no file under its final name is partial (every .docx opens and passes the zip CRC check), the
store opens and ``PRAGMA integrity_check`` is ok, every submission row has its archived file with
the recorded SHA-256, and running the command again finishes the job.
"""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import signal
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from hardening import SAMPLE, filled, popen_cli, run_cli

from dispatch_gen.case.models import expected_units
from dispatch_gen.case.records import load_case
from dispatch_gen.store import open_store, store_path

SEED = 20250115
KILLS = 3  # per command; each kill is one process start (~0.5 s)


def delays(name: str) -> list[float]:
    rng = random.Random(f"{SEED}-{name}")
    return [rng.uniform(0.2, 2.0) for _ in range(KILLS)]


def kill_after(args: list, delay: float) -> None:
    proc = popen_cli(*args)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)


def assert_docx_whole(folder: Path) -> None:
    for path in folder.rglob("*.docx"):
        if path.name.startswith("."):
            continue  # a temp file of an interrupted atomic write, never the final name
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
            assert z.testzip() is None, path
            assert "word/document.xml" in z.namelist()


def assert_store_sound(case_dir: Path) -> None:
    if not store_path(case_dir).exists():
        return
    con = sqlite3.connect(store_path(case_dir))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has_submissions = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'submissions'").fetchone()
        rows = con.execute("SELECT sha256, archive_path FROM submissions").fetchall() if has_submissions else []
    finally:
        con.close()
    for sha, rel in rows:
        assert rel and hashlib.sha256((case_dir / rel).read_bytes()).hexdigest() == sha  # never a dangling row
    with open_store(case_dir):
        pass


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    return dst


def test_forms_killed_at_random_moments(case_dir, tmp_path):
    out = tmp_path / "forms"
    for delay in delays("forms"):
        kill_after(["forms", case_dir, "-o", out], delay)
        if out.exists():
            assert_docx_whole(out)
    done = run_cli("forms", case_dir, "-o", out)
    assert done.returncode == 0, done.stderr
    assert_docx_whole(out)
    expected = [u for u in expected_units(load_case(case_dir)) if u.form]
    assert len([p for p in out.glob("*.docx") if not p.name.startswith(".")]) == len(expected)


def test_collect_killed_at_random_moments(case_dir, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    units = ["thon-01", "thon-02", "thon-03", "thon-04", "thon-05", "tc-01", "tc-02", "tc-03", "tc-04", "nhom-i"]
    for unit in units:
        (inbox / f"{unit}.docx").write_bytes(filled(unit))
    for delay in delays("collect"):
        kill_after(["collect", case_dir, inbox], delay)
        assert_store_sound(case_dir)
    done = run_cli("collect", case_dir, inbox)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_store_sound(case_dir)
    with open_store(case_dir) as db:
        rows = db.submissions()
    assert sorted(r["unit"] for r in rows) == sorted(units) and {r["status"] for r in rows} == {"accepted"}


def test_dispatch_issue_killed_at_random_moments(case_dir, tmp_path):
    out = tmp_path / "out" / "cong-van.docx"
    for delay in delays("dispatch"):
        kill_after(["dispatch", case_dir, "-o", out, "--issue"], delay)
        assert_store_sound(case_dir)
        if out.parent.exists():
            assert_docx_whole(out.parent)
    final = out.with_name("cong-van-2.docx")  # issue 10: an issued file is never overwritten; again = --reissue
    done = run_cli("dispatch", case_dir, "-o", final, "--issue", "--reissue")
    assert done.returncode == 0, done.stderr
    assert_docx_whole(out.parent)
    with open_store(case_dir) as db:
        rows = db.register_rows()
    issued = [r for r in rows if r["status"] == "issued"]
    assert issued and hashlib.sha256(final.read_bytes()).hexdigest() == issued[-1]["sha256"]
    numbers = [r["number"] for r in rows]
    assert numbers == list(range(1, len(numbers) + 1))  # no gaps, no repeats after the kills

"""Batched collection (issue 5): reader processes and batch transactions change nothing but speed.

The same inbox — new forms, the same bytes twice (inside one batch and across batches), an older
and a newer version of one unit, a refused file with a known unit, a file that is not a form — is
collected with small batches in one process and in two reader processes; outcomes, store rows and
archived files must be identical to a run that records one file per batch. A run that dies after
a batch's archive and before its transaction leaves no row, and the next run reuses the files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hardening import SAMPLE, filled, sample

from dispatch_gen import store as store_mod
from dispatch_gen.collect import stage as collect_mod
from dispatch_gen.collect.stage import collect
from dispatch_gen.store import store_path
from dispatch_gen.workspace import open_case

UNITS = ["thon-01", "thon-02", "thon-03", "thon-04", "thon-05", "tc-01", "tc-02", "tc-03", "tc-04", "nhom-i"]


def make_inbox(folder: Path) -> list[str]:
    """Files with increasing modification times (collect reads oldest first); return names in order."""
    folder.mkdir()
    items = [(f"{u}.docx", filled(u)) for u in UNITS]
    items.insert(3, ("thon-01-copy.docx", items[0][1]))  # same bytes, same batch (batch size 4)
    items.append(("thon-02-again.docx", items[1][1]))  # same bytes, a later batch
    items.append(("thon-03-v2.docx", filled("thon-03", seed="v2 ")))  # newer version supersedes
    items.append(("tc-05-bad.docx", sample()[2]["tc-05"]))  # a blank form: refused, the unit known
    items.append(("notes.docx", b"not a zip"))
    for i, (name, data) in enumerate(items):
        path = folder / name
        path.write_bytes(data)
        os.utime(path, (1_700_000_000 + i, 1_700_000_000 + i))
    return [name for name, _ in items]


def snapshot(case_dir: Path, result) -> tuple:
    con = sqlite3.connect(store_path(case_dir))
    try:
        rows = con.execute("SELECT unit, form, file_name, sha256, status, reason, archive_path, warnings"
                           " FROM submissions ORDER BY id").fetchall()
        answers = con.execute("SELECT s.sha256, a.tag, a.kind, a.value FROM answers a"
                              " JOIN submissions s ON s.id = a.submission_id ORDER BY s.id, a.rowid").fetchall()
    finally:
        con.close()
    archive = case_dir / ".dispatch-gen" / "archive"
    files = sorted((p.relative_to(archive).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
                   for p in archive.rglob("*") if p.is_file())
    outcomes = [(f.path.name, f.outcome, f.unit, f.reason, f.warnings,
                 f.archive.relative_to(case_dir.resolve()).as_posix() if f.archive else None) for f in result.files]
    return outcomes, rows, answers, files


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    make_inbox(folder)
    return folder


def fresh_case(tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    return dst


def run(case_dir: Path, inbox: Path, monkeypatch, batch: int, processes: int, chunk: int = 16):
    monkeypatch.setattr(collect_mod, "BATCH", batch)
    monkeypatch.setattr(collect_mod, "READ_CHUNK", chunk)
    result = collect(open_case(case_dir), [inbox], received_at=None, processes=processes)
    return snapshot(case_dir, result)


def test_batches_and_reader_processes_give_the_same_store(tmp_path, inbox, monkeypatch):
    one_by_one = run(fresh_case(tmp_path, "a"), inbox, monkeypatch, batch=1, processes=1)
    batched = run(fresh_case(tmp_path, "b"), inbox, monkeypatch, batch=4, processes=1)
    pooled = run(fresh_case(tmp_path, "c"), inbox, monkeypatch, batch=4, processes=2)
    chunked = run(fresh_case(tmp_path, "d"), inbox, monkeypatch, batch=5, processes=2, chunk=2)  # 3 chunks a batch
    assert batched == one_by_one and pooled == one_by_one and chunked == one_by_one
    outcomes, rows, _, files = one_by_one
    by_name = {name: outcome for name, outcome, *_ in outcomes}
    assert by_name["thon-01-copy.docx"] == by_name["thon-02-again.docx"] == "duplicate"
    assert by_name["thon-03.docx"] == "accepted" and by_name["thon-03-v2.docx"] == "accepted"
    assert by_name["tc-05-bad.docx"] == by_name["notes.docx"] == "rejected"
    assert [r[4] for r in rows if r[0] == "thon-03"] == ["superseded", "accepted"]
    assert len(files) == len({sha for _, sha in files}) == 12  # 10 forms + v2 + the refused tc-05, once each


def test_rerun_of_the_same_inbox_changes_nothing(tmp_path, inbox, monkeypatch):
    case_dir = fresh_case(tmp_path, "case")
    first = run(case_dir, inbox, monkeypatch, batch=4, processes=2)
    again = run(case_dir, inbox, monkeypatch, batch=4, processes=2)
    assert again[1:] == first[1:]  # rows, answers and archive untouched
    assert {outcome for _, outcome, *_ in again[0]} == {"duplicate", "rejected"}


def test_death_between_archive_sync_and_transaction_leaves_no_row(tmp_path, inbox, monkeypatch):
    case_dir = fresh_case(tmp_path, "case")
    monkeypatch.setattr(collect_mod, "BATCH", 4)
    calls = []

    def dies_in_second_batch(self, row, answers):
        calls.append(row["sha256"])
        if len(calls) > 3:  # batch 1 = 3 forms + a copy; now batch 2 is archived and being recorded
            raise KeyboardInterrupt
        return original(self, row, answers)

    original = store_mod.Store.submission_record
    monkeypatch.setattr(store_mod.Store, "submission_record", dies_in_second_batch)
    with pytest.raises(KeyboardInterrupt):
        collect(open_case(case_dir), [inbox], processes=2)
    monkeypatch.setattr(store_mod.Store, "submission_record", original)
    con = sqlite3.connect(store_path(case_dir))
    rows = con.execute("SELECT sha256, archive_path FROM submissions").fetchall()
    con.close()
    assert len(rows) == 3  # the first batch stays; the second one rolled back as a whole
    for sha, rel in rows:
        assert hashlib.sha256((case_dir / rel).read_bytes()).hexdigest() == sha
    archive = case_dir / ".dispatch-gen" / "archive"
    before = {p: p.stat().st_mtime_ns for p in archive.rglob("*.docx")}
    assert len(before) == 3 + 4  # unreferenced archive files of the lost batch: allowed, reused below
    monkeypatch.setattr(collect_mod, "BATCH", 4)
    collect(open_case(case_dir), [inbox], processes=2)
    after = {p: p.stat().st_mtime_ns for p in archive.rglob("*.docx")}
    assert {p: after[p] for p in before} == before  # never rewritten
    assert not [p for p in archive.rglob("*") if p.name.startswith(".")]  # no temp files left
    con = sqlite3.connect(store_path(case_dir))
    units = sorted(r[0] for r in con.execute("SELECT unit FROM submissions WHERE status = 'accepted'"))
    con.close()
    assert units == sorted(UNITS)

"""Issue 6.4 (second half): two ``collect`` PROCESSES at once on overlapping inputs lose nothing.

The first half (two processes issuing 100 numbers each get distinct consecutive numbers) is
``test_register.py::test_two_processes_issuing_100_each_get_distinct_consecutive_numbers``;
threads collecting at once are in ``test_collect.py``. Here two real ``dispatch-gen collect``
processes share units and identical bytes; the store (WAL, busy timeout, immediate transactions)
and the create-only archive must end with every unit once and every file once.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

from hardening import SAMPLE, filled, popen_cli

from dispatch_gen.store import store_path


def test_two_collect_processes_on_overlapping_inputs(tmp_path):
    case_dir = tmp_path / "case"
    shutil.copytree(SAMPLE, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    units = ["thon-01", "thon-02", "thon-03", "thon-04", "tc-01", "tc-02", "tc-03", "tc-04", "nhom-i"]
    for i, unit in enumerate(units):
        data = filled(unit)
        for folder in ((a,) if i < 3 else (b,) if i > 5 else (a, b)):  # 3 units in both runs
            (folder / f"{unit}.docx").write_bytes(data)
    (b / "ban-sao-thon-01.docx").write_bytes((a / "thon-01.docx").read_bytes())  # same bytes, new name
    procs = [popen_cli("collect", case_dir, folder) for folder in (a, b)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    con = sqlite3.connect(store_path(case_dir))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute("SELECT unit, sha256, status, archive_path FROM submissions").fetchall()
        answers = con.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        con.close()
    assert sorted(r[0] for r in rows) == sorted(units)  # every unit once: nothing lost, nothing twice
    assert {r[2] for r in rows} == {"accepted"}
    assert len({r[1] for r in rows}) == len(units)
    assert answers > 0
    archived = sorted((case_dir / ".dispatch-gen" / "archive").rglob("*"))
    files = [p for p in archived if p.is_file()]
    assert len(files) == len(units) and not [p for p in files if p.name.startswith(".")]  # no temp left
    for _unit, sha, _, rel in rows:
        assert hashlib.sha256((case_dir / rel).read_bytes()).hexdigest() == sha

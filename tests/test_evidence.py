"""Issue 6.7: archived originals are evidence: no command modifies or deletes them; tampering is found.

Every CLI command runs against a case with archived submissions; the archive's files (bytes,
modification times, inode) must be exactly as before. ``collect.verify_archive`` re-hashes the
archive against the store and reports a changed or missing original.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening import filled, rewrite

from dispatch_gen.cli import cli
from dispatch_gen.collect.stage import collect, verify_archive
from dispatch_gen.errors import OutputError
from dispatch_gen.output import atomic_path, write_atomic
from dispatch_gen.workspace import open_case


def snapshot(root: Path) -> dict[str, tuple]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def collected(case_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "thon-01.docx").write_bytes(filled("thon-01"))
    (inbox / "tc-02.docx").write_bytes(filled("tc-02"))
    bad = rewrite(filled("thon-02"), lambda n, b: b.replace(b">1<", b">99<") if n == "docProps/custom.xml" else b)
    (inbox / "thon-02-rejected.docx").write_bytes(bad)  # refused, but archived as evidence too
    result = collect(open_case(case_copy), [inbox])
    assert sorted(f.outcome for f in result.files) == ["accepted", "accepted", "rejected"]
    return case_copy, inbox


def test_no_command_modifies_or_deletes_an_archived_original(collected, tmp_path, monkeypatch):
    case_dir, inbox = collected
    archive = case_dir / ".dispatch-gen" / "archive"
    before = snapshot(archive)
    assert len(before) == 3
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2025-01-15")
    out = tmp_path / "out"
    runner = CliRunner()
    must_succeed = [
        ["collect", case_dir, inbox],  # the same files again
        ["collect", case_dir, *sorted(archive.rglob("*.docx"))],  # the archived files themselves
        ["forms", case_dir, "-o", out / "forms"],
        ["dispatch", case_dir, "-o", out / "cv.docx"],
        ["dispatch", case_dir, "-o", out / "cv-so.docx", "--issue"],
        ["register", case_dir],
        ["status", case_dir],
        ["export", case_dir, "-o", out / "a.json"],
        ["export", case_dir, "-o", out / "a.xlsx"],
        ["check", out / "cv.docx"],
    ]
    best_effort = [  # stages still growing: whatever they do, they must not touch the archive
        ["report", case_dir, "-o", out / "bao-cao.docx"],
        ["remind", case_dir, "-o", out / "nhac.docx"],
    ]
    for args in must_succeed + best_effort:
        result = runner.invoke(cli, [str(a) for a in args])
        if args in must_succeed and args[0] not in ("collect", "check"):
            assert result.exit_code == 0, (args, result.output, result.exception)
        assert snapshot(archive) == before, args
    assert verify_archive(open_case(case_dir)) == []


def test_writers_refuse_to_overwrite_an_archived_original(collected):
    case_dir, _ = collected
    original = next((case_dir / ".dispatch-gen" / "archive").rglob("*.docx"))
    data = original.read_bytes()
    with pytest.raises(OutputError):
        write_atomic(original, b"changed")
    with pytest.raises(OutputError), atomic_path(original) as tmp:
        tmp.write_bytes(b"changed")
    assert original.read_bytes() == data


def test_verify_archive_reports_a_changed_and_a_missing_original(collected):
    case_dir, _ = collected
    files = sorted((case_dir / ".dispatch-gen" / "archive").rglob("*.docx"))
    changed, missing = files[0], files[1]
    os.chmod(changed, 0o644)
    changed.write_bytes(changed.read_bytes() + b"\0")
    missing.unlink()
    problems = verify_archive(open_case(case_dir))
    by_file = {p.file: p.reason for p in problems}
    rel = {f: f.relative_to(case_dir).as_posix() for f in files}
    assert set(by_file) == {rel[changed], rel[missing]}
    assert "SHA-256" in by_file[rel[changed]] and "không còn" in by_file[rel[missing]]
    assert all(p.record for p in problems)  # the unit is named


def test_report_command_reports_a_tampered_original(collected, tmp_path, capsys):
    from dispatch_gen.cli import main

    case_dir, _ = collected
    changed = sorted((case_dir / ".dispatch-gen" / "archive").rglob("*.docx"))[0]
    os.chmod(changed, 0o644)
    changed.write_bytes(changed.read_bytes() + b"\0")
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(case_dir), "-o", str(tmp_path / "bc.docx"), "--as-of", "2024-11-30"])
        raise SystemExit(0)
    err = capsys.readouterr().err
    assert exit_info.value.code == 0 and (tmp_path / "bc.docx").exists()
    assert "Cảnh báo:" in err and changed.relative_to(case_dir).as_posix() in err and "SHA-256" in err

"""Issue 16, points 8 and 9: no hang, no traceback, and nothing printed that a hostile name forged.

8. A FIFO given to ``collect`` is refused at once; a full disk during ``export`` is one line; a
   control character in a records CSV names the file, row and field; a legal 245-byte output name
   works (its temporary name is cut, not the output's).
9. A file name or claimed unit with newlines or terminal escapes prints as one escaped line; a
   1 MB claimed unit gives a short reason; a password-protected Word file says so.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from attacks import CUSTOM, new_case, run_main
from hardening import ROOT, filled, rewrite

from dispatch_gen.case.records import load_case
from dispatch_gen.collect.receive import read_one
from dispatch_gen.collect.stage import LazySpecs
from dispatch_gen.store import open_store


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_collect_given_a_fifo_does_not_hang(tmp_path):
    case_dir = new_case(tmp_path)
    os.mkfifo(tmp_path / "pipe.docx")
    (tmp_path / "good.docx").write_bytes(filled("thon-01"))
    env = {**os.environ, "DISPATCH_GEN_LANG": "vi"}
    proc = subprocess.run([sys.executable, "-m", "dispatch_gen", "collect", str(case_dir), str(tmp_path / "pipe.docx"),
                           str(tmp_path / "good.docx")], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "✗ pipe.docx: không phải tệp thường" in proc.stdout
    assert "✓ good.docx" in proc.stdout


def test_export_to_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    case_dir = new_case(tmp_path)
    (tmp_path / "good.docx").write_bytes(filled("thon-01"))
    assert run_main(capsys, "collect", case_dir, tmp_path / "good.docx")[0] == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    for name in ("answers.xlsx", "answers.json"):
        code, _, err = run_main(capsys, "export", case_dir, "-o", out_dir / name)
        assert code != 0
        assert os.strerror(errno.ENOSPC) in err and name in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []  # no temp file, no half file


def test_control_characters_in_a_records_csv_name_the_cell(tmp_path, capsys):
    case_dir = new_case(tmp_path)
    path = case_dir / "villages.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace(",", ",\x01\x1b[31m", 2)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run_main(capsys, "forms", case_dir, "-o", tmp_path / "forms")
    assert code == 2 and "Traceback" not in err
    assert "villages.csv" in err and "dòng 3" in err and "ký tự điều khiển" in err
    assert "\x1b" not in err


def test_a_legal_245_byte_output_name_is_written(tmp_path, capsys):
    case_dir = new_case(tmp_path)
    stem = "Công văn đôn đốc " * 20
    name = stem.encode()[:240].decode("utf-8", "ignore") + ".docx"
    assert len(name.encode()) <= 245
    code, _, err = run_main(capsys, "dispatch", case_dir, "-o", tmp_path / name)
    assert code == 0, err
    assert (tmp_path / name).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


FORGED = "✓ giả.docx: đã nhận phiếu của thon-08"


def test_names_with_newlines_and_escapes_print_one_escaped_line(tmp_path, capsys):
    case_dir = new_case(tmp_path)
    newline = tmp_path / f"a.docx\n{FORGED}\n.docx"
    escape = tmp_path / "\x1b[2J\x1b[31mđỏ.docx"
    newline.write_bytes(filled("thon-01"))
    escape.write_bytes(filled("thon-02"))
    code, out, err = run_main(capsys, "collect", case_dir, newline, escape)
    assert code == 0, err
    assert "\x1b" not in out + err
    assert not [line for line in out.splitlines() if line.startswith("✓ giả")]
    assert "a.docx\\n✓ giả.docx" in out
    with open_store(case_dir) as db:
        names = [r["file_name"] for r in db.submissions()]
    assert all("\n" not in n and "\x1b" not in n for n in names)


def test_a_huge_claimed_unit_gives_a_short_one_line_reason(tmp_path, capsys):
    case_dir = new_case(tmp_path)
    claimed = "X" * 1_000_000 + "\n" + FORGED
    bad = rewrite(filled("thon-03"), lambda n, b: b.replace(b">thon-03<", f">{claimed}<".encode())
                  if n == CUSTOM else b)
    (tmp_path / "huge.docx").write_bytes(bad)
    code, out, _ = run_main(capsys, "collect", case_dir, tmp_path / "huge.docx")
    assert code == 1
    assert len(out) < 1000 and not [line for line in out.splitlines() if line.startswith("✓ giả")]
    with open_store(case_dir) as db:
        (row,) = db.submissions()
    assert len(row["reason"]) <= 300 and "\n" not in row["reason"]


def test_a_password_protected_word_file_is_named_as_such(tmp_path):
    case = load_case(new_case(tmp_path))
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
                          + bytes(2048))
    result = read_one(case, LazySpecs(case), encrypted)
    assert not result.accepted
    assert "mật khẩu" in result.reason and "hỏng" not in result.reason


@pytest.mark.parametrize("attack", ["deep-yaml", "fifo-csv"])
def test_records_that_would_crash_or_hang_the_reader_are_one_line(tmp_path, capsys, attack):
    case_dir = new_case(tmp_path)
    if attack == "deep-yaml":
        dispatch = case_dir / "dispatch.yaml"
        dispatch.write_text(dispatch.read_text(encoding="utf-8") + "\ndeep: " + "[" * 50_000 + "]" * 50_000 + "\n",
                            encoding="utf-8")
        file, words = "dispatch.yaml", "quá sâu"
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this platform")
        (case_dir / "villages.csv").unlink()
        os.mkfifo(case_dir / "villages.csv")
        file, words = "villages.csv", "không phải tệp thường"
    code, _, err = run_main(capsys, "forms", case_dir, "-o", tmp_path / "forms")
    assert code == 2 and "Traceback" not in err
    assert file in err and words in err


def test_a_hostile_name_recorded_before_escaping_is_shown_escaped(tmp_path, capsys):
    """Stores written by earlier versions may hold raw names: what reads them gets one safe line."""
    case_dir = new_case(tmp_path)
    with open_store(case_dir) as db:
        db.submission_record({"unit": "thon-01", "form": None, "file_name": f"x.docx\n{FORGED}\x1b[2J",
                              "sha256": "a" * 64, "received_at": "2025-01-10T08:00:00+07:00",
                              "archive_path": None, "status": "rejected", "reason": f"hỏng\n{FORGED}",
                              "warnings": []}, [])
        (row,) = db.submissions()
    assert "\n" not in row["file_name"] + row["reason"] and "\x1b" not in row["file_name"]
    code, out, _ = run_main(capsys, "status", case_dir, "--as-of", "15/01/2025")
    assert "\x1b" not in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("✓ giả")]

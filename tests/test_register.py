"""The outgoing register: numbering per agency and year, voiding, crash safety, concurrency, CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from hardening import main_cli
from lxml import etree

from dispatch_gen import store as store_mod
from dispatch_gen.case.records import load_case
from dispatch_gen.errors import StoreError
from dispatch_gen.register import (
    RENDER_FAILED_REASON,
    agency_key,
    complete,
    format_table,
    issue_dispatch,
    list_entries,
    reserve_number,
    void,
)
from dispatch_gen.store import MIGRATIONS, open_store, store_path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DAY = dt.date(2026, 11, 27)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def case():
    return load_case(ROOT / "data" / "cam-linh")


def _fake_render(tmp: Path, calls: list | None = None):
    def render(number: int, day: dt.date) -> Path:
        out = tmp / f"cv-{number:02d}.docx"
        out.write_bytes(f"{number}|{day.isoformat()}".encode())
        if calls is not None:
            calls.append((number, day))
        return out

    return render


def _paragraphs(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


_run_cli = main_cli


# --- store ---------------------------------------------------------------------------------


def test_store_lives_in_the_case_folder_in_wal_mode_and_migrates_once(tmp_path):
    with open_store(tmp_path) as st:
        assert st.path == tmp_path / ".dispatch-gen" / "store.sqlite" == store_path(tmp_path)
        assert st.schema_version == len(MIGRATIONS)
    with open_store(tmp_path) as st:  # reopening applies nothing twice
        assert st.schema_version == len(MIGRATIONS)
    conn = sqlite3.connect(store_path(tmp_path))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()


def test_register_rows_cannot_be_deleted_or_renumbered(tmp_path, case):
    with open_store(tmp_path) as st:
        reserve_number(st, case, DAY)
    conn = sqlite3.connect(store_path(tmp_path))
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM register")
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute("UPDATE register SET number = 7")
    conn.close()


def test_corrupt_store_is_a_clear_store_error(tmp_path):
    path = store_path(tmp_path)
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 50)
    with pytest.raises(StoreError) as err:
        open_store(tmp_path)
    assert "bị hỏng hoặc không phải tệp SQLite" in str(err.value)
    assert str(path) in str(err.value)
    assert path.read_bytes().startswith(b"PK\x03\x04")  # the damaged file is left for recovery


def test_truncated_store_is_a_clear_store_error(tmp_path, case):
    with open_store(tmp_path) as st:
        for _ in range(30):
            reserve_number(st, case, DAY)
    path = store_path(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))  # header kept, pages garbage
    with pytest.raises(StoreError, match="bị hỏng"):
        with open_store(tmp_path) as st:
            list_entries(st)


def test_store_from_a_newer_version_is_refused(tmp_path):
    open_store(tmp_path).close()
    conn = sqlite3.connect(store_path(tmp_path))
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="phiên bản dispatch-gen mới hơn"):
        open_store(tmp_path)


def test_store_locked_too_long_is_a_clear_store_error(tmp_path, case, monkeypatch):
    holder = open_store(tmp_path)
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_S", 0.2)
    waiter = open_store(tmp_path)
    try:
        with holder.write():
            holder.register_reserve(agency="UBND", year=2026, symbol="UBND", issued_on=DAY,
                                    subject="s", signer="x")
            start = time.monotonic()
            with pytest.raises(StoreError, match="giữ khóa; đã chờ 0,[1-9] giây"):
                reserve_number(waiter, case, DAY)
            assert time.monotonic() - start >= 0.15  # it waited for the lock before giving up
        assert reserve_number(waiter, case, DAY) == 2  # the failed attempt took nothing
    finally:
        holder.close()
        waiter.close()


# --- numbering -----------------------------------------------------------------------------


def test_numbers_start_at_01_per_agency_and_per_year(tmp_path, case):
    assert agency_key(case) == "UBND"
    other = case.model_copy(update={"agency": case.agency.model_copy(update={"symbol": "HĐND"})})
    with open_store(tmp_path) as st:
        assert [reserve_number(st, case, DAY) for _ in range(3)] == [1, 2, 3]
        assert reserve_number(st, case, dt.date(2027, 1, 1)) == 1
        assert reserve_number(st, other, DAY) == 1
        assert reserve_number(st, case, DAY) == 4
        entries = list_entries(st, agency="UBND", year=2026)
    assert [e.number for e in entries] == [1, 2, 3, 4]
    assert entries[0].number_text == "01/UBND"
    assert entries[0].issued_on == DAY
    assert entries[0].subject == case.dispatch.subject
    assert entries[0].signer == "Nguyễn Như Hùng"
    assert {e.status for e in entries} == {"reserved"}


def test_void_keeps_the_number_used_and_needs_a_reason(tmp_path, case):
    with open_store(tmp_path) as st:
        n = reserve_number(st, case, DAY)
        with pytest.raises(StoreError, match="phải ghi lý do"):
            void(st, "UBND", 2026, n, "   ")
        e = void(st, "UBND", 2026, n, "Văn bản bị rút lại")
        assert (e.status, e.void_reason) == ("voided", "Văn bản bị rút lại")
        with pytest.raises(StoreError, match="đã bị hủy"):
            void(st, "UBND", 2026, n, "lần nữa")
        with pytest.raises(StoreError, match="số 05 năm 2026 chưa được cấp"):
            void(st, "UBND", 2026, 5, "không có")
        assert reserve_number(st, case, DAY) == 2  # 01 stays used


def test_complete_records_file_and_hash_only_for_a_reserved_number(tmp_path, case):
    with open_store(tmp_path) as st:
        n = reserve_number(st, case, DAY)
        e = complete(st, "UBND", 2026, n, "cv.docx", "a" * 64)
        assert (e.status, e.file, e.sha256) == ("issued", "cv.docx", "a" * 64)
        with pytest.raises(StoreError, match="không ở trạng thái giữ số"):
            complete(st, "UBND", 2026, n, "other.docx", "b" * 64)


def test_issue_dispatch_records_the_output_hash_relative_to_the_case(tmp_path, case):
    calls: list = []
    written, entry = issue_dispatch(case, tmp_path, _fake_render(tmp_path, calls), today=DAY)
    assert calls == [(1, DAY)]
    assert entry.status == "issued" and entry.number == 1
    assert entry.sha256 == hashlib.sha256(written.read_bytes()).hexdigest()
    assert entry.file == "cv-01.docx"  # inside the case: relative, travels with the folder
    _, second = issue_dispatch(case, tmp_path, _fake_render(tmp_path), today=DAY)
    assert second.number == 2


def test_render_failure_voids_the_number_with_the_reason(tmp_path, case):
    def broken(number: int, day: dt.date) -> Path:
        raise ValueError("mẫu hỏng")

    with pytest.raises(ValueError):
        issue_dispatch(case, tmp_path, broken, today=DAY)
    _, entry = issue_dispatch(case, tmp_path, _fake_render(tmp_path), today=DAY)
    assert entry.number == 2  # 01 is not reused
    with open_store(tmp_path) as st:
        first = list_entries(st)[0]
    assert first.status == "voided"
    assert first.void_reason == f"{RENDER_FAILED_REASON}: mẫu hỏng"


def test_copied_case_folder_keeps_its_register(tmp_path, case):
    import shutil

    src = tmp_path / "a"
    src.mkdir()
    issue_dispatch(case, src, _fake_render(src), today=DAY)
    shutil.copytree(src, tmp_path / "b")
    _, entry = issue_dispatch(case, tmp_path / "b", _fake_render(tmp_path / "b"), today=DAY)
    assert entry.number == 2


def test_format_table_shows_number_date_subject_signer_file_status(tmp_path, case):
    issue_dispatch(case, tmp_path, _fake_render(tmp_path), today=DAY)
    with open_store(tmp_path) as st:
        reserve_number(st, case, DAY)
        void(st, "UBND", 2026, 2, "Sai ký hiệu")
        lines = format_table(list_entries(st))
    assert lines[0].split()[:4] == ["Năm", "Số,", "ký", "hiệu"]
    assert "01/UBND" in lines[2] and "27/11/2026" in lines[2] and "Nguyễn Như Hùng" in lines[2]
    assert "cv-01.docx" in lines[2] and "đã cấp" in lines[2]
    assert "02/UBND" in lines[3] and "đã hủy: Sai ký hiệu" in lines[3]
    assert "Chuẩn bị các nội dung" in lines[2]


# --- processes -----------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import datetime as dt, json, os, sys, time
    from pathlib import Path
    from dispatch_gen.case.records import load_case
    from dispatch_gen.register import reserve_number
    from dispatch_gen.store import open_store
    case_dir, go, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    case = load_case(sys.argv[4])
    store = open_store(case_dir)
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    got = []
    for _ in range(count):
        got.append(reserve_number(store, case, dt.date(2026, 11, 27)))
        print(got[-1], flush=True)
    store.close()
    """
)


def _start_workers(tmp_path: Path, n: int, count: int) -> tuple[list[subprocess.Popen], Path]:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([PYTHON, "-c", _WORKER, str(tmp_path), str(go), str(count), str(ROOT / "data" / "cam-linh")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(n)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    return procs, go


def test_two_processes_issuing_100_each_get_distinct_consecutive_numbers(tmp_path):
    procs, go = _start_workers(tmp_path, 2, 100)
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append([int(x) for x in out.split()])
    assert all(len(r) == 100 for r in results)
    assert all(r == sorted(r) for r in results)  # each process sees the book grow
    assert sorted(results[0] + results[1]) == list(range(1, 201))  # distinct, no gaps
    assert set(results[0]) & set(results[1]) == set()
    with open_store(tmp_path) as st:
        assert [e.number for e in list_entries(st)] == list(range(1, 201))


def test_a_killed_issuer_leaves_a_consistent_store(tmp_path, case):
    procs, go = _start_workers(tmp_path, 1, 100000)
    go.touch()
    proc = procs[0]
    while int(proc.stdout.readline() or 0) < 50:  # well into the loop
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with open_store(tmp_path) as st:  # opens, passes quick_check
        numbers = [e.number for e in list_entries(st)]
        assert numbers == list(range(1, len(numbers) + 1))  # no gap, nothing half-written
        assert reserve_number(st, case, DAY) == len(numbers) + 1


# --- CLI -----------------------------------------------------------------------------------


def test_cli_register_lists_voids_and_refuses(case_copy, capsys):
    issue_dispatch(load_case(case_copy), case_copy, _fake_render(case_copy), today=DAY)
    code, out, _ = _run_cli(capsys, "register", str(case_copy))
    assert code == 0 and "01/UBND" in out and "27/11/2026" in out and "đã cấp" in out

    code, out, _ = _run_cli(capsys, "register", str(case_copy), "--json")
    data = json.loads(out)
    assert code == 0 and data[0]["number"] == 1 and data[0]["issued_on"] == "2026-11-27"

    code, _, err = _run_cli(capsys, "register", str(case_copy), "--void", "1", "--year", "2026")
    assert code == 1 and "Lỗi: phải ghi lý do hủy số" in err
    code, _, err = _run_cli(capsys, "register", str(case_copy), "--void", "9", "--year", "2026",
                            "--reason", "nhầm")
    assert code == 1 and "số 09 năm 2026 chưa được cấp" in err and "Traceback" not in err
    code, out, _ = _run_cli(capsys, "register", str(case_copy), "--void", "1", "--year", "2026",
                            "--reason", "Văn bản bị rút lại")
    assert code == 0 and "Đã hủy số 01/UBND năm 2026: Văn bản bị rút lại" in out
    code, out, _ = _run_cli(capsys, "register", str(case_copy), "--year", "2026")
    assert "đã hủy: Văn bản bị rút lại" in out
    code, out, _ = _run_cli(capsys, "register", str(case_copy), "--year", "2025")
    assert "chưa có số nào" in out


def test_cli_register_corrupt_store_exits_non_zero_without_traceback(case_copy, capsys):
    path = store_path(case_copy)
    path.parent.mkdir()
    path.write_text("không phải cơ sở dữ liệu" * 100, encoding="utf-8")
    code, _, err = _run_cli(capsys, "register", str(case_copy))
    assert code == 1
    assert err.startswith("Lỗi: ") and "bị hỏng hoặc không phải tệp SQLite" in err
    assert "Traceback" not in err


# --- end to end, with the real renderer -----------------------------------------------------


def test_dispatch_issue_writes_number_and_date_and_records_the_hash(case_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2026-11-27")
    draft = tmp_path / "draft.docx"
    assert _run_cli(capsys, "dispatch", str(case_copy), "-o", str(draft))[0] == 0
    assert not store_path(case_copy).exists()  # a draft takes no number
    assert not any(p.startswith("Số: 01") for p in _paragraphs(draft))

    outs = [tmp_path / "cv1.docx", tmp_path / "cv2.docx"]
    for out, again in zip(outs, ([], ["--reissue"]), strict=True):  # issue 10: a second number needs --reissue
        code, stdout, err = _run_cli(capsys, "dispatch", str(case_copy), "-o", str(out), "--issue", *again)
        assert code == 0, err
    assert "Đã cấp số 02/UBND ngày 27/11/2026." in stdout
    first, second = (_paragraphs(p) for p in outs)
    assert "Số: 01/UBND" in first and "Số: 02/UBND" in second
    assert "Cẩm Lĩnh, ngày 27 tháng 11 năm 2026" in first
    with open_store(case_copy) as st:
        entries = list_entries(st)
    assert [(e.number, e.status) for e in entries] == [(1, "voided"), (2, "issued")]
    assert entries[0].void_reason == "cấp lại, thay bằng số 02/UBND ngày 27/11/2026"
    for e, out in zip(entries, outs, strict=True):
        assert e.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
        assert e.file == str(out.resolve())


def test_two_concurrent_issues_of_one_dispatch_give_one_number_and_one_refusal(case_copy, tmp_path):
    env = {**os.environ, "DISPATCH_GEN_TODAY": "2026-11-27", "DISPATCH_GEN_LANG": "vi"}
    exe = str(Path(PYTHON).with_name("dispatch-gen"))
    outs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    procs = [subprocess.Popen([exe, "dispatch", str(case_copy), "-o", str(o), "--issue"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for o in outs]
    results = [(p.communicate(timeout=120), p.returncode) for p in procs]
    assert sorted(code for _, code in results) == [0, 1]
    refused = next(err for (_, err), code in results if code == 1)
    assert "đã được cấp số 01/UBND" in refused and "--reissue" in refused
    written = [o for o in outs if o.exists()]
    assert [next(line for line in _paragraphs(o) if line.startswith("Số: ")) for o in written] == ["Số: 01/UBND"]
    with open_store(case_copy) as st:
        entries = list_entries(st)
    assert [(e.number, e.status, e.file) for e in entries] == [(1, "issued", str(written[0].resolve()))]
    assert entries[0].sha256 == hashlib.sha256(written[0].read_bytes()).hexdigest()

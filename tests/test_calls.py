"""Issue 13: ``status`` as a call list within 100 columns, ``status --xlsx``; contacts from the records."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import openpyxl
import pytest
from hardening import SAMPLE, filled

from dispatch_gen.cli import main

AS_OF = "25/11/2024"


def _rewrite_csv(path, edit) -> None:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows = [edit(dict(r)) for r in rows]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture
def case_dir(tmp_path):
    """The sample with phones and e-mails, and a village renamed with a long name."""
    dst = tmp_path / "Hồ sơ quý I"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    _rewrite_csv(dst / "villages.csv", lambda r: {**r, "head_phone": f"0912 000 {r['code'][-2:]}0",
                                                    "name": "Thôn Đông Hà Thượng Lưu Sông Cả" if r["code"] == "thon-04"
                                                    else r["name"]})
    _rewrite_csv(dst / "officers.csv", lambda r: {**r, "phone": "0987 654 321", "email": f"{r['id']}@camlinh.vn"})
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    (inbox / "thon-01.docx").write_bytes(filled("thon-01"))
    (inbox / "tc-02.docx").write_bytes(filled("tc-02"))
    assert _run("collect", str(dst), str(inbox), "--received", "22/11/2024")[0] == 0
    return dst


def _run(*args):
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exc:
        main(list(args))
        raise SystemExit(0)
    return exc.value.code, out.getvalue(), err.getvalue()


def test_call_list_fits_100_columns_and_names_who_to_call_first(case_dir):
    code, out, err = _run("status", str(case_dir), "--as-of", AS_OF)
    assert code == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].startswith("Tình hình nộp phiếu đến hết ngày 25/11/2024") and "cần liên hệ" in lines[0]
    header = lines[1].split()
    assert header[:2] == ["TT", "Đơn"] and "Điện" in header
    body = lines[3:-1]
    thon4 = next(line for line in body if "Thôn Đông Hà Thượng" in line)  # a long name is clipped, not wrapped
    assert "Võ Văn Bốn" in thon4 and "0912 000 040" in thon4
    assert "chưa nộp" in thon4 and "quá hạn (23/11/2024)" in thon4
    reported = [i for i, line in enumerate(body) if "đã nộp 22/11/2024" in line]
    missing = [i for i, line in enumerate(body) if "chưa nộp" in line]
    assert len(reported) == 2 and max(missing) < min(reported)  # who to call comes first
    assert any("Lê Văn Ví Dụ" in line and "0987 654 321" in line for line in body)  # an officer, by assignment


def test_status_xlsx_is_the_call_list_with_real_dates(case_dir, tmp_path):
    out = tmp_path / "goi dien.xlsx"
    code, text, err = _run("status", str(case_dir), "--as-of", AS_OF, "--xlsx", str(out))
    assert code == 0, err
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value.startswith("Tình hình nộp phiếu đến hết ngày 25/11/2024")
    headers = [c.value for c in ws[2]]
    assert headers[:7] == ["TT", "Đơn vị", "Người phụ trách", "Chức vụ", "Điện thoại", "Thư điện tử", "Hạn nộp"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    thon1 = rows["Thôn 1"]
    assert thon1[2] == "Hoàng Văn Mẫu" or thon1[4]  # the village head or its officer, with a phone
    assert thon1[6] == dt.datetime(2024, 11, 23) and ws["G3"].number_format == "DD/MM/YYYY"
    assert thon1[7] == "đúng hạn" and isinstance(thon1[9], dt.datetime) and thon1[9].date() == dt.date(2024, 11, 22)
    tc2 = next(r for name, r in rows.items() if name.startswith("Tiêu chí số 2"))
    assert tc2[5] == "le_van_vi_du@camlinh.vn" or "@camlinh.vn" in (tc2[5] or "")
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape"
    assert "Đã ghi:" in text


def test_status_xlsx_refuses_another_extension_before_writing(case_dir, tmp_path):
    code, _, err = _run("status", str(case_dir), "--xlsx", str(tmp_path / "tt.csv"))
    assert code == 1 and "tên tệp phải kết thúc bằng .xlsx" in err
    assert not (tmp_path / "tt.csv").exists()

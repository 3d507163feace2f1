"""Issue 17: the month in every "Công văn số … ngày … tháng … năm …" citation follows ND30.

ND30 pads months 01 and 02 and writes 3–12 as they are ("tháng 01", "tháng 3"). Only a November
sample reached these citations before, so "tháng 3" becoming "tháng 03" went unnoticed. Each
document that cites the dispatch (forms' "Kèm theo" line, the report, the reminder) is generated
for a January and a March dispatch, from dispatch.yaml and from the register.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hardening import SAMPLE

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.register import issue_dispatch
from dispatch_gen.report import stage as report
from dispatch_gen.workspace import OpenedCase

EXPECTED = {1: "ngày 05 tháng 01 năm 2025", 3: "ngày 05 tháng 3 năm 2025"}


def _text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return " ".join(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml)).split())


def _case(tmp_path: Path, month: int, numbered: bool) -> Path:
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    path = dst / "dispatch.yaml"
    body = path.read_text(encoding="utf-8")
    date = f"2025-{month:02d}-05" if numbered else f"2025-{month:02d}"
    body = re.sub(r"(?m)^date: .*$", f"date: {date}", body)
    body = re.sub(r"(?m)^number:.*$", "number: 7" if numbered else "number:", body)
    path.write_text(body, encoding="utf-8")
    return dst


@pytest.mark.parametrize("month", [1, 3])
def test_forms_report_and_reminder_cite_the_numbered_dispatch_month_as_nd30(tmp_path, month):
    case_dir = _case(tmp_path, month, numbered=True)
    case = load_case(case_dir)
    as_of = dt.date(2025, month, 20)
    form = make_forms(case, tmp_path / "forms")[0]
    rep = report.build_report(OpenedCase.of(case, case_dir), tmp_path / "bc.docx", as_of=as_of)
    rem = report.build_reminder(OpenedCase.of(case, case_dir), tmp_path / "dd.docx", as_of=as_of)
    for path in (form, rep, rem):
        text = _text(path)
        assert "số 07/UBND" in text and EXPECTED[month] in text.replace("Ngày", "ngày"), path.name


@pytest.mark.parametrize("month", [1, 3])
def test_report_and_reminder_cite_the_issued_dispatch_month_as_nd30(tmp_path, month):
    case_dir = _case(tmp_path, month, numbered=False)
    case = load_case(case_dir)

    def render(number: int, day: dt.date) -> Path:
        out = case_dir / "cong-van.docx"
        out.write_bytes(b"issued")
        return out

    issue_dispatch(case, case_dir, render, today=dt.date(2025, month, 5))
    as_of = dt.date(2025, month, 20)
    for path in (report.build_report(OpenedCase.of(case, case_dir), tmp_path / "bc.docx", as_of=as_of),
                 report.build_reminder(OpenedCase.of(case, case_dir), tmp_path / "dd.docx", as_of=as_of)):
        text = _text(path)
        assert "Công văn số 01/UBND" in text and EXPECTED[month] in text.replace("Ngày", "ngày"), path.name

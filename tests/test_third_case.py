"""A third commune unlike both samples (tests/third_case.py) through the clerk's whole cycle.

Long merged-commune name, only ấp and khu phố (44 units), 51/2025 set with commune group 3, KT.
signer, deadlines across the new year. What broke on it is asserted on the real generated files:
the header's «<Địa danh>, ngày … năm …» line and the agency name each stay on one line (measured on
the PDF LibreOffice prints, and from the table's widths against Times New Roman metrics), every
document is schema-valid and passes ``check``, the units are called ấp/khu phố, and a form
received on 06/01/2027 against a 05/01/2027 deadline is late.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from ooxml import validate_docx
from third_case import AGENCY_LINE, ISSUED, PLACE, TODAY, write_third_case

from dispatch_gen import nd30
from dispatch_gen.case import roles
from dispatch_gen.case.records import load_case
from dispatch_gen.cli import main
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.word.fill import fill_like_word
from dispatch_gen.word.header import fit_header, header_table
from dispatch_gen.word.sdt import read_identity

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cli(*args: str, codes: tuple[int, ...] = (0,)) -> str:
    """Run the command in-process; return what it printed (stdout)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    assert (info.value.code or 0) in codes, (args, out.getvalue())
    return out.getvalue()


def _answers(spec, partial: bool = False) -> dict:
    values = {}
    for i, f in enumerate(spec.fields):
        if partial and i % 3:
            continue
        if f.kind == "dropdown":
            values[f.tag] = f.options[i % len(f.options)]
        elif f.kind == "date":
            import datetime as dt
            values[f.tag] = dt.date(2027, 3, 31)
        elif f.kind == "checkbox":
            values[f.tag] = True
        else:
            values[f.tag] = "Ban phát triển ấp, Chi hội Nông dân ấp"
    return values


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """The cycle as the README runs it, in a folder with spaces and Vietnamese letters."""
    root = tmp_path_factory.mktemp("third") / "hồ sơ" / "UBND xã Nam Đông Hòa Hiệp Thành"
    case = write_third_case(root / "ho so 2026-12")
    out = root / "văn bản"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DISPATCH_GEN_TODAY", TODAY)
        _cli("dispatch", str(case), "-o", str(out / "cong-van.docx"))
        _cli("dispatch", str(case), "-o", str(out / "cong-van-so.docx"), "--issue", "--date", ISSUED)
        _cli("forms", str(case), "-o", str(out / "phieu"))
        specs = form_specs(load_case(case))
        inbox = {"03": case / "inbox" / "Zalo 03-01", "06": case / "inbox" / "Thư 06-01"}
        for folder in inbox.values():
            folder.mkdir(parents=True)
        plan = {"ap-01": ("03", False), "ap-02": ("06", False), "ap-03": ("03", True), "ap-04": ("03", None),
                "kp-2": ("06", False), "tc-09": ("06", False), "nhom-iv": ("06", False)}
        for form in sorted((out / "phieu").glob("*.docx")):
            data = form.read_bytes()
            unit = read_identity(data)["dg.unit"]
            if unit in plan:
                day, partial = plan[unit]
                filled = data if partial is None else fill_like_word(data, _answers(specs[unit], partial))
                (inbox[day] / form.name).write_bytes(filled)
        (inbox["03"] / "ap-05-gui-lai.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        # rejected files (the PDF, the empty form) make collect exit 1; the rest is taken
        shown = _cli("collect", str(case), str(inbox["03"]), "--received", "03/01/2027", "--receipts",
                     str(out / "bien-nhan"), codes=(0, 1))
        (out / "collect-03.txt").write_text(shown, encoding="utf-8")
        _cli("collect", str(case), str(inbox["06"]), "--received", "06/01/2027", "--receipts", str(out / "bien-nhan"))
        (out / "status.json").write_text(_cli("status", str(case), "--json"), encoding="utf-8")
        _cli("status", str(case), "--xlsx", str(out / "goi dien.xlsx"))
        _cli("remind", str(case), "-o", str(out / "don-doc.docx"), "--deadline", "20/01/2027")
        _cli("report", str(case), "-o", str(out / "bao-cao.docx"))
        _cli("export", str(case), "-o", str(out / "ket-qua.xlsx"))
    forms = sorted((out / "phieu").glob("*.docx"))
    docs = {name: out / f"{name}.docx" for name in ("cong-van", "cong-van-so", "don-doc", "bao-cao")}
    docs["phieu ấp"] = forms[0]
    docs["phieu khu phố"] = next(p for p in forms if p.name.startswith("kp-"))
    docs["phieu tiêu chí"] = next(p for p in forms if p.name.startswith("tc-09"))
    docs["phieu nhóm"] = next(p for p in forms if p.name.startswith("nhom-"))
    docs["biên nhận"] = next((out / "bien-nhan").glob("*kp-2*.docx"))
    return {"case": case, "out": out, **docs}


DOCS = ("cong-van", "cong-van-so", "don-doc", "bao-cao", "phieu ấp", "phieu khu phố", "phieu tiêu chí",
        "phieu nhóm", "biên nhận")
ND30_DOCS = ("cong-van", "cong-van-so", "don-doc", "bao-cao")


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(f"{{{W}}}body")


# --- pure: the header's split ------------------------------------------------------------------

@pytest.mark.parametrize("agency, place_date, margins, changed", [
    (["ỦY BAN NHÂN DÂN", "XÃ CẨM LĨNH"], "Cẩm Lĩnh, ngày 28 tháng 12 năm 2024", 0, False),
    (["ỦY BAN NHÂN DÂN", "XÃ PHONG LẠC"], "Phong Lạc, ngày 08 tháng 01 năm 2026", 0, False),
    (["ỦY BAN NHÂN DÂN", AGENCY_LINE], f"{PLACE}, ngày 28 tháng 12 năm 2026", 0, True),
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"], "Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026", 0, True),
    (["ỦY BAN NHÂN DÂN", AGENCY_LINE], None, nd30.CELL_MARGINS, True),  # a form: no date, cell margins
    (["ỦY BAN NHÂN DÂN", "XÃ CẨM LĨNH"], None, nd30.CELL_MARGINS, False),
])
def test_header_columns_give_each_line_its_width(agency, place_date, margins, changed):
    left, right, outdent = nd30.header_columns(agency, place_date, nd30.TEXT_WIDTH, margins)
    assert left + right == nd30.TEXT_WIDTH + outdent and 0 <= outdent <= nd30.HEADER_MAX_OUTDENT
    assert ((left, right) != nd30.HEADER_COLS) is changed
    if place_date:  # the date line always fits; never on a smaller font
        assert right - margins >= nd30.line_twips(place_date, nd30.SIZE_DATE, italic=True)
    assert right - margins >= nd30.line_twips(nd30.QUOC_HIEU, nd30.SIZE_QUOC_HIEU, bold=True)
    agency_need = max(nd30.line_twips(a, nd30.SIZE_AGENCY, bold=True) for a in agency)
    assert left - margins >= agency_need or outdent == nd30.HEADER_MAX_OUTDENT


def test_a_date_line_too_long_for_any_split_wraps_rather_than_squeeze_the_agency():
    place = "Khu tái định cư Đông Nam Hòa Hiệp Thành Phước Long Thọ Đông"
    left, right, outdent = nd30.header_columns(["ỦY BAN NHÂN DÂN", AGENCY_LINE],
                                               f"{place}, ngày 28 tháng 12 năm 2026")
    assert outdent == nd30.HEADER_MAX_OUTDENT and left + right == nd30.TEXT_WIDTH + outdent
    assert left >= nd30.TEXT_WIDTH * nd30.HEADER_MIN_LEFT // 100
    assert left >= nd30.line_twips("NHÂN", nd30.SIZE_AGENCY, bold=True)  # no word of the agency is split


def _header_body(left: int, right: int) -> etree._Element:
    """A body holding a clerk's own header table (widths ``left``/``right``, no cell margins)."""
    w = f'xmlns:w="{W}"'
    cell = '<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>'
    return etree.fromstring(
        f'<w:body {w}><w:tbl><w:tblPr><w:tblW w:w="{left + right}" w:type="dxa"/><w:tblCellMar>'
        '<w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
        f'<w:tr>{cell.format(left, "XÃ")}{cell.format(right, nd30.QUOC_HIEU)}</w:tr></w:tbl></w:body>')


@pytest.mark.parametrize("place, split, changed", [
    ("Cẩm Lĩnh", (3500, 5855), False),  # a clerk's own split that holds the lines is kept
    ("Cẩm Lĩnh", nd30.HEADER_COLS, False),
    (PLACE, (3500, 5855), True),
    (PLACE, nd30.HEADER_COLS, True),
])
def test_fit_header_keeps_a_split_that_holds_and_resplits_one_that_does_not(place, split, changed):
    body = _header_body(*split)
    date = f"{place}, ngày 28 tháng 12 năm 2026"
    assert fit_header(body, ["ỦY BAN NHÂN DÂN", f"XÃ {place.upper()}"], date) is changed
    widths = [int(c.get(f"{{{W}}}w")) for c in body.iter(f"{{{W}}}gridCol")]
    cells = [int(c.get(f"{{{W}}}w")) for c in body.iter(f"{{{W}}}tcW")]
    assert cells == widths  # Word reads the cells, LibreOffice the grid
    assert (tuple(widths) != tuple(split)) is changed
    assert widths[1] >= nd30.line_twips(date, nd30.SIZE_DATE, italic=True)


def test_line_widths_follow_the_font():
    assert nd30.line_twips("Ư", 13) > nd30.line_twips("U", 13)  # the horn widens it
    assert nd30.line_twips("ệ", 13) == nd30.line_twips("e", 13)  # tone marks do not
    assert nd30.line_twips("Hòa", 13) == nd30.line_twips("Ho\u0300a", 13)  # NFC or not
    assert nd30.line_twips("ngày", 13, bold=True) > nd30.line_twips("ngày", 13)


# --- the generated files ----------------------------------------------------------------------

@pytest.mark.parametrize("name", DOCS)
def test_every_document_of_the_third_case_is_schema_valid(cycle, name):
    assert validate_docx(cycle[name]) == []


def test_nd30_documents_pass_check(cycle):
    shown = _cli("check", *(str(cycle[n]) for n in ND30_DOCS))
    assert "không có lỗi" in shown, shown


@pytest.mark.parametrize("name", ND30_DOCS)
def test_header_columns_hold_the_place_date_and_agency_lines(cycle, name):
    tbl = header_table(_body(cycle[name]))
    widths = [int(c.get(f"{{{W}}}w")) for c in tbl.iter(f"{{{W}}}gridCol")]
    cells = tbl.findall(f"{{{W}}}tr")[1].findall(f"{{{W}}}tc")
    date_line = "".join(cells[1].itertext()).strip()
    assert date_line.startswith(f"{PLACE}, ngày")
    assert widths[1] >= nd30.line_twips(date_line, nd30.SIZE_DATE, italic=True)
    outdent = -int(tbl.find(f"{{{W}}}tblPr/{{{W}}}tblInd").get(f"{{{W}}}w"))
    assert sum(widths) == nd30.TEXT_WIDTH + outdent  # the table starts in the margin, ends at the text's edge
    # the agency column has its line's width, or all the margin allows (then its slack absorbs the rest)
    assert widths[0] >= nd30.line_twips(AGENCY_LINE, nd30.SIZE_AGENCY, bold=True) or \
        outdent == nd30.HEADER_MAX_OUTDENT


@pytest.mark.parametrize("name", DOCS)
def test_documents_name_the_commune_in_upper_case_and_no_district(cycle, name):
    text = " ".join(_body(cycle[name]).itertext())
    assert AGENCY_LINE in text
    assert "huyện" not in text.lower()  # no district after 01/7/2025


@pytest.mark.parametrize("name, head", [("phieu ấp", "Trưởng ấp"), ("phieu khu phố", "Trưởng khu phố")])
def test_forms_call_the_units_by_their_own_kind(cycle, name, head):
    text = " ".join(_body(cycle[name]).itertext())
    assert head in text and "Trưởng thôn" not in text


@pytest.mark.parametrize("name, in_sentence", [  # «~»: a no-break space (the kind and its name stay together)
    ("Ấp Phước Hiệp", "ấp~Phước Hiệp"), ("Khu phố Chợ Phước Long", "khu~phố~Chợ Phước Long"),
    ("Tổ dân phố Bắc Thái", "tổ~dân~phố~Bắc Thái"), ("Bản Mòng", "bản~Mòng"),
    ("Khu phố 3", "Khu~phố~3"), ("Tổ dân phố 1", "Tổ~dân~phố~1"), ("Thôn 4", "Thôn~4"),  # like «Phường 15»
    ("Khu phố 4A", "Khu~phố~4A"),
    ("Tiêu chí số 4: Đào tạo nguồn nhân lực nông thôn", "Tiêu chí số 4: Đào tạo nguồn nhân lực nông thôn"),
    ("Nhóm II: Kinh tế và giảm nghèo", "Nhóm II: Kinh tế và giảm nghèo"),
])
def test_unit_names_inside_a_sentence_follow_nd30_capitalisation(name, in_sentence):
    assert roles.name_in_sentence(name) == in_sentence.replace("~", roles.NBSP)


def test_letters_write_unit_names_in_lower_case_mid_sentence(cycle):
    reminder = " ".join(_body(cycle["don-doc"]).itertext())
    assert "Ban điều hành khu\u00a0phố\u00a0Chợ Phước Long, Khu\u00a0phố\u00a03" in reminder  # never «khu / phố»
    assert "UVBCH Đảng bộ phụ trách ấp, khu\u00a0phố" in reminder  # Nơi nhận: the kind's words stay together
    reminder = reminder.replace(roles.NBSP, " ")
    assert "Chi ủy, Ban phát triển ấp " in reminder and "Ban phát triển Ấp" not in reminder
    assert "Chi bộ, Ban điều hành khu phố Chợ Phước Long, Khu phố 3, Khu phố 4A;" in reminder
    report = " ".join(_body(cycle["bao-cao"]).itertext()).replace(roles.NBSP, " ")
    assert "Chưa gửi báo cáo" in report and "): ấp " in report


def test_deadlines_across_the_new_year(cycle):
    states = {row["unit"]: row["state"] for row in json.loads((cycle["out"] / "status.json").read_text("utf-8"))}
    assert states["ap-01"] == "on_time"  # 03/01/2027, deadline 05/01/2027
    assert states["kp-2"] == "late"  # 06/01/2027, deadline 05/01/2027
    assert states["tc-09"] == "on_time"  # 06/01/2027, deadline 08/01/2027
    assert states["ap-06"] != "on_time" and states["ap-04"] != "on_time"  # none; an empty form


def test_a_blank_form_receipt_says_everything_is_missing(cycle):
    shown = (cycle["out"] / "collect-03.txt").read_text("utf-8")
    blank = [line for line in shown.splitlines() if "Biên nhận: Ấp Hòa Lợi" in line]  # ap-04, sent back blank
    assert blank and "còn thiếu: cả phiếu (chưa điền ô nào)" in blank[0], shown
    assert "còn thiếu: không" not in blank[0]
    asked = re.search(r"; 0/(\d+) câu trả lời;", blank[0])
    assert asked and int(asked[1]) > 0, blank[0]  # all of the form's answers are missing, not «0/0»


def test_collect_lines_name_units_by_name_not_code(cycle):
    shown = (cycle["out"] / "collect-03.txt").read_text("utf-8")
    taken = [line for line in shown.splitlines() if line.startswith("✓ ")]
    assert taken and all(": đã nhận phiếu của " in line for line in taken), shown
    assert not re.search(r"đã nhận phiếu của (ap|kp|tc)-\d", shown), shown


# --- the printed page ---------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_header_lines_stay_on_one_printed_line(cycle, tmp_path):
    names = ("cong-van-so", "bao-cao", "phieu tiêu chí", "biên nhận")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *(str(cycle[n]) for n in names)], check=True, capture_output=True,
                   timeout=300)
    for name in names:
        pdf = tmp_path / f"{cycle[name].stem}.pdf"
        lines = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout.splitlines()
        assert any(AGENCY_LINE in line for line in lines), (name, lines[:6])
        dated = [line for line in lines if "tháng" in line and "năm 20" in line]
        if name == "cong-van-so":
            assert any(f"{PLACE}, ngày 28 tháng 12 năm 2026" in line for line in dated), dated
        elif name == "bao-cao":
            assert any(f"{PLACE}, ngày" in line and "năm 2027" in line for line in dated), dated
        elif name == "biên nhận":
            assert any(f"{PLACE}, ngày 06 tháng 01 năm 2027" in line for line in dated), dated


def test_the_export_workbook_names_the_units_ap_and_khu_pho(cycle):
    import openpyxl

    names = openpyxl.load_workbook(cycle["out"] / "ket-qua.xlsx").sheetnames
    assert "Tiêu chí ấp, khu phố" in names
    assert not [n for n in names if "thôn" in n.lower()]


def _lines_needed(text: str, width: int, bold: bool = False) -> int:
    """Lines a cell of ``width`` twips (less its margins) sets ``text`` on, wrapping between words."""
    room, count, line = width - 216, 1, ""
    for word in text.split():
        wider = f"{line} {word}".strip()
        if line and nd30.line_twips(wider, nd30.SIZE_TABLE, bold=bold) > room:
            count, line = count + 1, word
        else:
            line = wider
    return count


def _table_with(path: Path, header: str) -> list[list[tuple[str, int]]]:
    """Rows of (text, width in twips) of the first table whose first row has a cell ``header``."""
    for tbl in _body(path).iter(f"{{{W}}}tbl"):
        rows = [[("".join(tc.itertext()), int(tc.find(f"{{{W}}}tcPr/{{{W}}}tcW").get(f"{{{W}}}w")))
                 for tc in tr.findall(f"{{{W}}}tc")] for tr in tbl.findall(f"{{{W}}}tr")]
        if rows and header in [text for text, _ in rows[0]]:
            return rows
    raise AssertionError(f"no table headed «{header}» in {path.name}")


@pytest.mark.parametrize("name", ["phieu nhóm"])
def test_officer_names_in_the_group_form_stay_on_one_line(cycle, name):
    rows = _table_with(cycle[name], "Người phụ trách")
    col = [text for text, _ in rows[0]].index("Người phụ trách")
    names = [(row[col][0], row[col][1]) for row in rows[1:] if len(row) > col]
    assert names and all(_lines_needed(text, width) == 1 for text, width in names), names


def test_report_appendix_one_columns_hold_their_headers_on_two_lines_at_most(cycle):
    rows = _table_with(cycle["bao-cao"], "Đơn vị phối hợp")
    assert all(_lines_needed(text, width, bold=True) <= 2 for text, width in rows[0]), rows[0]
    width = dict(rows[0])["Đơn vị phối hợp"]
    assert _lines_needed("Hội Nông dân xã, Đoàn Thanh niên xã", width) <= 3  # not one word per line


@pytest.mark.parametrize("name, header", [("phieu nhóm", "Ngày kiểm tra"), ("phieu ấp", "Thời gian hoàn thành"),
                                          ("phieu khu phố", "Thời gian hoàn thành")])
def test_a_typed_date_stays_on_one_line_in_its_column(cycle, name, header):
    width = dict(_table_with(cycle[name], header)[0])[header]
    assert _lines_needed("28/12/2026", width) == 1, width  # «25/11/202 / 4» before

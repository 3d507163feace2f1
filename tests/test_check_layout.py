"""How the checker reads a line's place on the page without rendering (check/layout.py, findings)."""

from __future__ import annotations

import pytest

from dispatch_gen.check.findings import colour_text, pt_text
from dispatch_gen.check.layout import line_count, looks, split_columns, split_lines
from dispatch_gen.word.inspect import Location, Paragraph, Run


def para(text: str, jc: str | None = None, avail: int = 4000, size: int = 26, bold: bool = False,
         runs: tuple[str, ...] | None = None) -> Paragraph:
    parts = runs or (text,)
    return Paragraph(text="".join(parts), loc=Location("body", 0, 0), style=None, jc=jc, first_line=0, left=0,
                     before=0, after=0, line=None, line_rule=None, borders=frozenset(), has_line_shape=False,
                     has_page_field=False, avail=avail,
                     runs=tuple(Run(s, ("Times New Roman",) * 3, size, bold, False, None, False, False) for s in parts))


@pytest.mark.parametrize("p, seen", [
    (para("Nơi nhận:", "both"), "left"),  # a one-line justified label prints left
    (para(" " * 18 + "Lào Cai, ngày 05 tháng 3 năm 2026", None, avail=8000), "center"),  # pushed with spaces
    (para("Lào Cai, ngày 05 tháng 3 năm 2026", None, avail=8000), "left"),
    (para("Lào Cai, ngày 05 tháng 3 năm 2026", "right", avail=6500), "right"),
    (para("Lào Cai, ngày 05 tháng 3 năm 2026", "center", avail=6500), "center"),
    (para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, avail=5700, bold=True), "any"),  # fills its cell
    (para("Số:", None, avail=9000), "left"),
    (para("Đề nghị các đơn vị " * 12, "left", avail=9000), "left"),  # several lines: the setting shows
    (para("x", avail=0), "any"),  # width unknown (a tab-laid column)
])
def test_looks(p, seen):
    assert looks(p) == seen


def test_line_count_grows_with_text():
    assert line_count(para("Đề nghị", avail=9000)) == 1
    assert line_count(para("Đề nghị các đơn vị triển khai " * 20, avail=9000)) >= 4


@pytest.mark.parametrize("text, left, right", [
    ("Nơi nhận:\t\t\tKT. CHỦ TỊCH", "Nơi nhận:", "KT. CHỦ TỊCH"),
    ("- Như trên;\t\t\tPHÓ CHỦ TỊCH", "- Như trên;", "PHÓ CHỦ TỊCH"),
    ("VĂN PHÒNG UBND TỈNH        CỘNG HÒA XÃ HỘI", "VĂN PHÒNG UBND TỈNH", "CỘNG HÒA XÃ HỘI"),
    ("Số:      /UBND-VP", "Số:      /UBND-VP", None),  # a draft's blank number is not a column
    ("Lào Cai, ngày      tháng      năm 2026", "Lào Cai, ngày      tháng      năm 2026", None),
    ("\t\t\tNguyễn Văn A", "\t\t\tNguyễn Văn A", None),  # pushed right, one column
])
def test_split_columns(text, left, right):
    a, b = split_columns(para(text, runs=tuple(text.split("\t", 1)) if "\t" in text.lstrip("\t") else None))
    assert a.text.rstrip() == left.rstrip() and (b.text.strip() if b else None) == right


def test_split_lines_keeps_each_lines_runs():
    p = para("", runs=("Nơi nhận:", "\n", "- Như trên;", "\n- Lưu: VT."))
    lines = split_lines(p)
    assert [q.text for q in lines] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert [q.start for q in lines] == [0, 10, 22]  # offsets in the source paragraph, for --fix
    assert "".join(r.text for r in lines[2].runs) == "- Lưu: VT."


@pytest.mark.parametrize("value, words", [
    ("FF0000", "đỏ (FF0000)"), ("467886", "xanh dương (467886)"), ("0D0D0D", "gần đen (0D0D0D)"),
    ("808080", "xám (808080)"), ("00B050", "xanh lá (00B050)"),
])
def test_colours_are_named(value, words):
    assert colour_text(value) == words


def test_zero_spacing_is_zero_points():
    assert pt_text(0) == "0" and pt_text(None) == "10" and pt_text(27) == "13,5"

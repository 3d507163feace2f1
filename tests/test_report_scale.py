"""The report at province scale: layout written as XML text and spliced after Jinja, the village
matrix turned when villages no longer fit as columns, and time linear in the number of rows.

The full 2,000-unit figures come from ``bench/run.py --report-max 2000``; these tests check the
properties that make them possible on small inputs, on the real package the layout writes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from dispatch_gen.errors import TemplateError
from dispatch_gen.report import data as report_data
from dispatch_gen.report import wording as report_text
from dispatch_gen.word import report_body

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
AS_OF = dt.date(2024, 11, 26)
NASTY = 'a & b < c > d "e" \'f\' {{ x }} {% y %}\r\n  hai  dấu cách\tTab\x0bX'


def _package(with_slot: bool = True) -> bytes:
    """A minimal rendered package: the body slot, then the portrait section with a header reference."""
    slot = str(report_body.BODY_SLOT) if with_slot else ""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" '
           f'xmlns:r="{R_NS}"><w:body><w:p><w:r><w:t>Đầu</w:t></w:r></w:p>{slot}<w:p><w:r><w:t>Ký</w:t></w:r></w:p>'
           '<w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" '
           'w:gutter="0"/><w:cols w:space="720"/></w:sectPr></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def _table(rows: int) -> dict:
    return {"kind": "table", "columns": [("TT", 600), ("Nội dung", 8000), ("Ghi chú", 5970)],
            "rows": [[str(i), f"Việc {i}: {NASTY}", ""] if i % 7 else {"band": f"Nhóm {i} & <b>"}
                     for i in range(1, rows + 1)]}


def _document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _text(p: etree._Element) -> str:
    return "".join((el.text or "") if el.tag == f"{W}t" else "\n" for el in p.iter(f"{W}t", f"{W}br"))


def test_body_and_appendices_are_spliced_in_order_with_landscape_sections():
    blocks = [{"kind": "heading", "text": "I. KẾT QUẢ"}, {"kind": "para", "text": "Đoạn & <một>"}, _table(20)]
    annexes = [{"label": f"Phụ lục {r}", "title": f"BIỂU {r}", "attached": "(Kèm theo …)", "blocks": [_table(5)]}
               for r in ("I", "II", "III")]
    root = _document(report_body.report_docx(_package(), blocks, annexes))
    body = root.find(f"{W}body")
    texts = [_text(p) for p in body.iter(f"{W}p")]
    assert texts[:3] == ["Đầu", "I. KẾT QUẢ", "Đoạn & <một>"] and "Ký" in texts
    assert texts.index("Ký") < texts.index("Phụ lục I") < texts.index("Phụ lục II") < texts.index("Phụ lục III")
    assert root.find(f".//{W}dgBody") is None and root.find(f".//{W}dgAppendices") is None
    sects = [p.find(f"{W}pPr/{W}sectPr") for p in body.findall(f"{W}p")]
    sects = [s for s in sects if s is not None] + [body[-1]]
    assert body[-1].tag == f"{W}sectPr" and len(sects) == 4  # main + one per appendix
    main, *annex_sects = sects
    assert main.find(f"{W}pgSz").get(f"{W}w") == "11906" and main.find(f"{W}pgNumType") is None
    for sect in annex_sects:
        assert sect.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}headerReference").get(f"{{{R_NS}}}id") == "rId9"
    # the section break sits in the paragraph right after the signature, before Phụ lục I
    labels = [p for p in body.findall(f"{W}p") if _text(p) == "Phụ lục I"]
    assert labels[0].getprevious().find(f"{W}pPr/{W}sectPr") is main


def test_text_is_literal_breaks_kept_and_non_xml_characters_dropped():
    root = _document(report_body.report_docx(_package(), [_table(8)], []))
    cells = [_text(p) for p in root.iter(f"{W}p")]
    expected = NASTY.replace("\x0b", "")  # a vertical tab cannot be XML: dropped, not a crash
    assert f"Việc 1: {expected}" in cells  # & < > " ' {{ }} \r tabs and double spaces survive as typed
    assert "Nhóm 7 & <b>" in cells
    tbl = root.find(f".//{W}tbl")
    header = tbl.find(f"{W}tr")
    assert header.find(f"{W}trPr/{W}tblHeader") is not None
    band = tbl.findall(f"{W}tr")[7]
    assert band.find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"


def test_rows_must_match_the_columns():
    bad = {"kind": "table", "columns": [("A", 100), ("B", 100)], "rows": [["1", "2", "3"]]}
    with pytest.raises(ValueError):
        report_body.report_docx(_package(), [bad], [])


def test_a_template_without_the_body_slot_is_a_clear_error():
    with pytest.raises(TemplateError, match="body_slot"):
        report_body.report_docx(_package(with_slot=False), [], [])


def _villages(n: int) -> list[report_data.VillageResult]:
    out = []
    for i in range(1, n + 1):
        reported = i % 5 != 0
        rows = tuple(report_data.VillageRow(code, name, ("Đạt" if (i + k) % 3 else "Chưa đạt") if reported else None)
                     for k, (code, name) in enumerate((("1", "Quy hoạch"), ("2", "Giao thông"), ("3", "Môi trường"))))
        out.append(report_data.VillageResult(f"t{i}", f"Thôn {i}", f"thon-{i:02d}", reported, rows))
    return out


def test_many_villages_turn_the_matrix_to_one_row_per_village():
    villages = _villages(40)
    data = report_data.ReportData(AS_OF, [], villages, [("1", "Quy hoạch"), ("2", "Giao thông"), ("3", "Môi trường")],
                             [], [])
    matrix = next(a for a in report_text.appendices(data) if a.key == "matrix")
    table, names, legend = matrix.blocks
    assert len(table["columns"]) == 6 and sum(w for _, w in table["columns"]) == 14570
    rows = table["rows"]
    assert len(rows) == 41 and [r[1] for r in rows[:-1]] == [v.name for v in villages]
    for row, v in zip(rows, villages, strict=False):
        marks = {"Đạt": "Đ", "Chưa đạt": "CĐ"}
        assert row[2:5] == ([marks[r.dat] for r in v.rows] if v.reported else ["–"] * 3)
        assert row[5] == (f"{v.met_count}/3" if v.reported else "–")
    totals = rows[-1]["cells"]
    for k, code in enumerate(("1", "2", "3")):
        met = sum(1 for v in villages for r in v.rows if r.code == code and r.dat == "Đạt")
        assert totals[2 + k] == f"{met}/40"
    assert names["text"] == "Tiêu chí: 1. Quy hoạch; 2. Giao thông; 3. Môi trường."
    full = [v.name for v in villages if v.full]
    assert f"Thôn đạt 3/3 tiêu chí: {len(full)}/40 thôn" in legend["text"]


def test_few_villages_keep_one_column_each_with_the_counts_in_the_note():
    villages = _villages(report_text.MATRIX_MAX_VILLAGES)
    data = report_data.ReportData(AS_OF, [], villages, [("1", "Quy hoạch"), ("2", "Giao thông"), ("3", "Môi trường")],
                             [], [])
    matrix = next(a for a in report_text.appendices(data) if a.key == "matrix")
    assert len(matrix.blocks[0]["columns"]) == report_text.MATRIX_MAX_VILLAGES + 3
    assert "{total}" not in matrix.blocks[1]["text"] and "Thôn đạt 3/3 tiêu chí" in matrix.blocks[1]["text"]

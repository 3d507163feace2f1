"""ND30 checker: a conforming công văn passes; each planted defect is reported under its rule.

The fixture is built here with python-docx, independent of the project's templates, so the checker
is tested against a document whose every property the test controls.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from dispatch_gen import nd30
from dispatch_gen.check.stage import check_docx, check_files
from dispatch_gen.cli import main
from dispatch_gen.word.inspect import read_docx

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _fonts(rpr_parent, name: str = nd30.FONT) -> None:
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.insert(0 if rpr_parent.tag != qn("w:style") else len(rpr_parent), rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _border(paragraph, side: str = "bottom") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    el = OxmlElement(f"w:{side}")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        el.set(qn(k), v)
    bdr.append(el)
    ppr.append(bdr)


def _para(container, text: str, size: float, bold=False, italic=False, align=CENTER, first_line=0,
          before=0, after=0):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    fmt = p.paragraph_format
    fmt.alignment, fmt.space_before, fmt.space_after = align, Twips(before), Twips(after)
    fmt.line_spacing = 1.0
    if first_line:
        fmt.first_line_indent = Twips(first_line)
    return p


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = instr
        run._r.append(el)
        if kind == "separate":
            result = OxmlElement("w:t")
            result.text = "2"
            run._r.append(result)


def build_cong_van(path: Path, mutate: Callable | None = None) -> Path:
    """A conforming commune công văn; ``mutate(doc, parts)`` plants a defect before saving."""
    doc = Document()
    normal = doc.styles["Normal"]
    _fonts(normal.element)
    normal.font.size = Pt(14)
    _fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")))
    s = doc.sections[0]
    s.page_width, s.page_height = Twips(nd30.PAGE_W), Twips(nd30.PAGE_H)
    s.top_margin, s.bottom_margin = Twips(nd30.MARGIN_TOP), Twips(nd30.MARGIN_BOTTOM)
    s.left_margin, s.right_margin = Twips(nd30.MARGIN_LEFT), Twips(nd30.MARGIN_RIGHT)
    s.different_first_page_header_footer = True
    hp = s.header.paragraphs[0]
    hp.alignment = CENTER
    _page_field(hp)
    s.first_page_header.paragraphs[0].text = ""

    parts = {}
    table = doc.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    parts["agency1"] = _para(left, "ỦY BAN NHÂN DÂN", 12, bold=True)
    parts["agency2"] = _para(left, "XÃ CẨM LĨNH", 12, bold=True)
    _border(parts["agency2"])
    parts["so"] = _para(left, "Số:      /UBND", 13, before=120)
    parts["vv"] = _para(left, "V/v chuẩn bị các nội dung họp BQL các chương trình MTQG", 12, before=120)
    parts["qh"] = _para(right, nd30.QUOC_HIEU, 12, bold=True)
    parts["tn"] = _para(right, nd30.TIEU_NGU, 13, bold=True)
    _border(parts["tn"])
    parts["date"] = _para(right, "Cẩm Lĩnh, ngày 05 tháng 11 năm 2024", 13, italic=True, before=120)

    parts["kg"] = _para(doc, "Kính gửi:", 14, before=240)
    parts["r1"] = _para(doc, "- Các đồng chí BQL các chương trình mục tiêu quốc gia;", 14)
    parts["r2"] = _para(doc, "- Các BCH chi ủy, Ban phát triển các thôn.", 14)
    body = dict(align=JUSTIFY, first_line=567, after=120)
    parts["b1"] = _para(doc, "Thực hiện chỉ đạo của Thường trực Đảng ủy về chuẩn bị các nội dung họp:", 14, **body)
    parts["b2"] = _para(doc, "1. Đối với các thôn: rà soát lại khung kế hoạch đã xây dựng.", 14, **body)
    parts["b3"] = _para(doc, "Đề nghị các đơn vị triển khai thực hiện./.", 14, **body)

    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    parts["nn"] = _para(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT)
    parts["e1"] = _para(left, "- Như trên;", 11, align=LEFT)
    parts["e2"] = _para(left, "- Lưu: VT.", 11, align=LEFT)
    parts["s1"] = _para(right, "TM. ỦY BAN NHÂN DÂN", 14, bold=True)
    parts["s2"] = _para(right, "CHỦ TỊCH", 14, bold=True)
    for _ in range(4):
        _para(right, "", 14)
    parts["name"] = _para(right, "Nguyễn Như Hùng", 14, bold=True)
    if mutate:
        mutate(doc, parts)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return build_cong_van(tmp_path_factory.mktemp("check") / "good.docx")


def test_conforming_cong_van_has_no_violation(good):
    assert check_docx(good) == []


def _set_text(p, value: str) -> None:
    p.runs[0].text = value


def _landscape(doc, parts):
    s = doc.sections[0]
    s.orientation, s.page_width, s.page_height = WD_ORIENT.LANDSCAPE, Twips(nd30.PAGE_H), Twips(nd30.PAGE_W)


def _letter(doc, parts):
    doc.sections[0].page_width, doc.sections[0].page_height = Twips(12240), Twips(15840)


def _no_page_field(doc, parts):
    hp = doc.sections[0].header.paragraphs[0]
    for r in list(hp.runs):
        r._r.getparent().remove(r._r)


def _no_title_pg(doc, parts):
    doc.sections[0].different_first_page_header_footer = False


def _hanging(doc, parts):
    parts["b2"].paragraph_format.first_line_indent = Twips(-567)


def _tight(doc, parts):
    parts["b2"].paragraph_format.space_after = Twips(40)


def _exact_line(doc, parts):
    """Exactly 15 pt under 14 pt text is tighter than single spacing (18–20 pt would be within 1.5)."""
    parts["b2"].paragraph_format.line_spacing = Pt(15)


_LONG = ("1. Đối với các thôn: rà soát lại khung kế hoạch đã xây dựng, bổ sung các nội dung còn thiếu "
         "và gửi về Ủy ban nhân dân xã trước ngày họp để tổng hợp chung.")


def _long(mutate):
    """The defect planted in a paragraph of two lines: on one line, left and justified look the same."""
    def apply(doc, parts):
        _set_text(parts["b2"], _LONG)
        mutate(doc, parts)
    return apply


def _two_pages(mutate):
    """The defect planted in a two-page letter: a one-page letter needs no page number."""
    def apply(doc, parts):
        from docx.enum.text import WD_BREAK

        parts["b2"].runs[0].add_break(WD_BREAK.PAGE)
        mutate(doc, parts)
    return apply


def _style_font(doc, parts):
    """Font set only in a style the body paragraph uses: resolution through styles must catch it."""
    style = doc.styles.add_style("Body Arial", 1)
    style.base_style = doc.styles["Normal"]
    _fonts(style.element, "Arial")
    parts["b1"].style = style


def _default_font(doc, parts):
    """Font set only in docDefaults and removed from Normal: inherited by every run."""
    normal = doc.styles["Normal"].element
    normal.rPr.remove(normal.rPr.find(qn("w:rFonts")))
    _fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")), "Arial")


def _style_size(doc, parts):
    """Body runs lose their own size and inherit 11 pt from the Normal style."""
    doc.styles["Normal"].font.size = Pt(11)
    parts["b1"].runs[0].font.size = None


def _diem_gap(doc, parts):
    """``a)`` then ``e)``: đ) is a Vietnamese letter and must not be skipped (nor b) c) d))."""
    _set_text(parts["b2"], "1. Các thôn: a) rà soát;")
    _set_text(parts["b3"], "a) Rà soát kế hoạch;")
    extra = _para(doc, "e) Báo cáo kết quả./.", 14, align=JUSTIFY, first_line=567, after=120)
    parts["b3"]._p.addnext(extra._p)


DEFECTS = {
    "page size": (_letter, "17.1"),
    "landscape": (_landscape, "17.1"),
    "margin": (lambda d, p: setattr(d.sections[0], "left_margin", Twips(1134)), "17.2"),
    "arial run": (lambda d, p: _fonts(p["b2"].runs[0]._r, "Arial"), "17.3"),
    "arial in style": (_style_font, "17.3"),
    "arial in defaults": (_default_font, "17.3"),
    "legacy font": (lambda d, p: _fonts(p["agency1"].runs[0]._r, ".VnTime"), "17.3"),
    "red": (lambda d, p: setattr(p["b2"].runs[0].font.color, "rgb", RGBColor(0xFF, 0, 0)), "17.4"),
    "decomposed": (lambda d, p: _set_text(p["b2"], unicodedata.normalize("NFD", p["b2"].text)), "17.5"),
    "HOÀ": (lambda d, p: _set_text(p["qh"], "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "17.6"),
    "quoc hieu not bold": (lambda d, p: setattr(p["qh"].runs[0], "bold", False), "17.6"),
    "en dash": (lambda d, p: _set_text(p["tn"], "Độc lập – Tự do – Hạnh phúc"), "17.7"),
    "no line under tieu ngu": (lambda d, p: p["tn"]._p.pPr.remove(p["tn"]._p.pPr.find(qn("w:pBdr"))), "17.8"),
    "underlined tieu ngu": (lambda d, p: p["tn"]._p.pPr.remove(p["tn"]._p.pPr.find(qn("w:pBdr")))
                            or setattr(p["tn"].runs[0], "underline", True), "17.8"),
    "agency not bold": (lambda d, p: [setattr(p[k].runs[0], "bold", False) for k in ("agency1", "agency2")], "17.9"),
    "agency lower case": (lambda d, p: _set_text(p["agency2"], "Xã Cẩm Lĩnh"), "17.9"),
    "no line under agency": (lambda d, p: p["agency2"]._p.pPr.remove(p["agency2"]._p.pPr.find(qn("w:pBdr"))),
                             "17.10"),
    "so no padding": (lambda d, p: _set_text(p["so"], "Số: 5/UBND"), "17.11"),
    "so spaces in symbol": (lambda d, p: _set_text(p["so"], "Số: 05/UBND - VP"), "17.11"),
    "so bold": (lambda d, p: setattr(p["so"].runs[0], "bold", True), "17.11"),
    "cong van with type abbr": (lambda d, p: _set_text(p["so"], "Số: 05/BC-UBND"), "17.12"),
    "month 03": (lambda d, p: _set_text(p["date"], "Cẩm Lĩnh, ngày 05 tháng 03 năm 2024"), "17.13"),
    "day 5": (lambda d, p: _set_text(p["date"], "Cẩm Lĩnh, ngày 5 tháng 11 năm 2024"), "17.13"),
    "impossible date": (lambda d, p: _set_text(p["date"], "Cẩm Lĩnh, ngày 31 tháng 11 năm 2024"), "17.13"),
    "date upright": (lambda d, p: setattr(p["date"].runs[0], "italic", False), "17.13"),
    "date beside nothing": (lambda d, p: d.element.body.insert(1, p["date"]._p), "17.14"),
    "V/v colon": (lambda d, p: _set_text(p["vv"], "V/v: chuẩn bị các nội dung họp"), "17.15"),
    "V/v bold": (lambda d, p: setattr(p["vv"].runs[0], "bold", True), "17.15"),
    "kinh gui bold": (lambda d, p: setattr(p["kg"].runs[0], "bold", True), "17.22"),
    "kinh gui no colon": (lambda d, p: _set_text(p["kg"], "Kính gửi"), "17.22"),
    "recipient punctuation": (lambda d, p: _set_text(p["r2"], "- Các BCH chi ủy, Ban phát triển các thôn;"), "17.22"),
    "body not justified": (_long(lambda d, p: setattr(p["b2"].paragraph_format, "alignment", LEFT)), "17.17"),
    "body no indent": (_long(lambda d, p: setattr(p["b2"].paragraph_format, "first_line_indent", Twips(0))),
                       "17.17"),
    "body hanging": (_long(_hanging), "17.17"),
    "body 12 pt": (lambda d, p: setattr(p["b2"].runs[0].font, "size", Pt(12)), "17.17"),
    "body size from style": (_style_size, "17.17"),
    "spacing < 6 pt": (_tight, "17.18"),
    "exact line spacing": (_exact_line, "17.18"),
    "khoan gap": (lambda d, p: _set_text(p["b2"], "2. Đối với các thôn: rà soát lại khung kế hoạch."), "17.20"),
    "diem skips đ": (_diem_gap, "17.20"),
    "no ./.": (lambda d, p: _set_text(p["b3"], "Đề nghị các đơn vị triển khai thực hiện."), "17.21"),
    "signature name caps": (lambda d, p: _set_text(p["name"], "NGUYỄN NHƯ HÙNG"), "17.23"),
    "signature title not bold": (lambda d, p: setattr(p["s2"].runs[0], "bold", False), "17.23"),
    "academic title": (lambda d, p: _set_text(p["name"], "TS. Nguyễn Như Hùng"), "17.24"),
    "noi nhan not bold italic": (lambda d, p: setattr(p["nn"].runs[0], "italic", False), "17.25"),
    "noi nhan no colon": (lambda d, p: _set_text(p["nn"], "Nơi nhận"), "17.25"),
    "last entry no full stop": (lambda d, p: _set_text(p["e2"], "- Lưu: VT;"), "17.26"),
    "entry 12 pt": (lambda d, p: setattr(p["e1"].runs[0].font, "size", Pt(12)), "17.26"),
    "nhu kinh gui": (lambda d, p: _set_text(p["e1"], "- Như kính gửi;"), "17.27"),
    "no PAGE field": (_two_pages(_no_page_field), "17.28"),
    "page 1 numbered": (_two_pages(_no_title_pg), "17.28"),
}


@pytest.mark.parametrize("name", list(DEFECTS))
def test_planted_defect_is_reported(tmp_path, name):
    mutate, rule = DEFECTS[name]
    path = build_cong_van(tmp_path / "bad.docx", mutate)
    violations = check_docx(path)
    assert rule in {v.rule for v in violations}, violations
    assert all(v.where and v.found and v.required for v in violations)


def test_suggestions_give_the_corrected_text(tmp_path):
    def mutate(doc, parts):
        _set_text(parts["so"], "Số: 5/UBND")
        _set_text(parts["date"], "Cẩm Lĩnh, ngày 5 tháng 03 năm 2025")

    found = {v.rule: v for v in check_docx(build_cong_van(tmp_path / "x.docx", mutate))}
    assert found["17.11"].required == "Số: 05/UBND"
    assert found["17.13"].required == "Cẩm Lĩnh, ngày 05 tháng 3 năm 2025"
    assert "bảng 1, hàng 1, cột 1" in found["17.11"].where


def test_run_level_findings_are_aggregated(tmp_path):
    violations = check_docx(build_cong_van(tmp_path / "x.docx", _default_font))
    fonts = [v for v in violations if v.rule == "17.3"]
    assert len(fonts) == 1 and "Arial" in fonts[0].found and "chỗ khác" in fonts[0].where


def test_content_control_text_is_read(tmp_path):
    """Text inside a content control counts: an Arial run there is found."""
    def mutate(doc, parts):
        p = parts["b2"]._p
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        sdt.append(OxmlElement("w:sdtPr"))
        sdt.append(content)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = " giá trị điền"
        r.append(t)
        content.append(r)
        p.append(sdt)
        _fonts(r, "Arial")

    path = build_cong_van(tmp_path / "x.docx", mutate)
    assert "giá trị điền" in next(p.text for p in read_docx(path).paragraphs if p.text.startswith("1. "))
    assert "17.3" in {v.rule for v in check_docx(path)}


def test_form_gets_only_general_rules(tmp_path):
    """An attachment without a Số line is not held to the công văn rules, but font still counts."""
    def mutate(doc, parts):
        for key in ("so", "vv", "kg", "nn", "s1", "name"):
            parts[key]._p.getparent().remove(parts[key]._p)

    path = build_cong_van(tmp_path / "form.docx", mutate)
    assert check_docx(path) == []
    path = build_cong_van(tmp_path / "form2.docx", lambda d, p: mutate(d, p) or _fonts(p["b2"].runs[0]._r, "Arial"))
    assert {v.rule for v in check_docx(path)} == {"17.3"}


def test_cli_lines_json_and_exit_codes(tmp_path, good, capsys):
    bad = build_cong_van(tmp_path / "bad.docx", lambda d, p: _set_text(p["so"], "Số: 5/UBND"))
    main(["check", str(good)])  # returns normally: exit status 0
    assert "0 lỗi" not in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["check", str(good), str(bad)])
    assert exc.value.code == 1
    out = capsys.readouterr().out
    assert f"{bad}: [17.11]" in out and "Số: 05/UBND" in out and str(good) + ": [" not in out
    assert f"{good}: nhận diện là Công văn" in out  # the kind recognised is said for every file
    with pytest.raises(SystemExit) as exc:
        main(["check", "--json", str(bad)])
    assert exc.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["file"] == str(bad) and {"rule", "where", "found", "required"} <= data[0].keys()
    assert data[0]["kind"] == "Công văn"


def test_cli_checks_a_folder_as_its_docx_files(tmp_path, good, capsys):
    """A clerk checks the whole output folder: its .docx files at any depth, not Word's lock files."""
    folder = tmp_path / "đầu ra"
    (folder / "phieu").mkdir(parents=True)
    shutil.copy(good, folder / "cong-van.docx")
    bad = build_cong_van(folder / "phieu" / "bad.docx", lambda d, p: _set_text(p["so"], "Số: 5/UBND"))
    (folder / "~$cong-van.docx").write_bytes(b"lock")  # Word's owner file while it is open
    (folder / "ghi chu.txt").write_text("không phải văn bản")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(folder)])
    assert exc.value.code == 1
    captured = capsys.readouterr()
    assert f"{bad}: [17.11]" in captured.out and f"{folder / 'cong-van.docx'}: nhận diện là" in captured.out
    assert "~$" not in captured.out + captured.err and "ghi chu" not in captured.out + captured.err
    assert "trong 1/2 tệp" in captured.err, captured.err  # two documents: the lock file is not one
    empty = tmp_path / "trống"
    empty.mkdir()
    with pytest.raises(SystemExit):
        main(["check", str(empty)])
    assert "thư mục không có tệp .docx nào" in capsys.readouterr().err


def test_cli_unreadable_file_is_one_line(tmp_path, capsys):
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(junk), str(tmp_path / "missing.docx")])
    assert exc.value.code == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "junk.docx" in captured.err and "missing.docx" in captured.err
    assert "Đạt thể thức" not in captured.out  # review: it said «Đạt thể thức: 2 tệp» before the errors
    assert captured.out == ""
    # in the clerk's words, not zipfile's «File is not a zip file» / «No such file or directory»
    assert "gói nén bị cắt cụt hoặc hỏng" in captured.err and "không tìm thấy" in captured.err
    assert "zip file" not in captured.err and "No such file" not in captured.err


def test_cli_escapes_file_names_that_would_forge_lines(tmp_path, capsys):
    """A name sent by someone else may hold a newline or an escape sequence: the text output shows it
    escaped on its own line (as collect does), so it can never print a fake «Đạt thể thức» line."""
    forged = "x\nĐạt thể thức: 1 tệp, không có lỗi.\x1b[2K\u202e.docx"
    bad = build_cong_van(tmp_path / forged, lambda d, p: _set_text(p["so"], "Số: 5/UBND"))
    with pytest.raises(SystemExit):
        main(["check", "--fix", str(bad)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert not any(line.startswith("Đạt thể thức") for line in lines), out
    assert "\x1b" not in out and "\u202e" not in out
    shown = str(tmp_path / "x\\nĐạt thể thức: 1 tệp, không có lỗi.\\x1b[2K\\u202e")
    assert any(line.startswith(f"{shown}.fixed.docx: bản đã sửa") for line in lines), out
    assert any(line.startswith(f"{shown}.fixed.docx: [17.11]") for line in lines), out  # --fix keeps wording
    with pytest.raises(SystemExit):
        main(["check", str(bad)])
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{shown}.docx: nhận diện là Công văn") for line in lines), lines
    assert any(line.startswith(f"{shown}.docx: [17.11]") for line in lines), lines
    with pytest.raises(SystemExit):
        main(["check", "--json", str(bad)])
    assert json.loads(capsys.readouterr().out)[0]["file"] == str(bad)  # JSON keeps the real name (escaped by JSON)


# What a hostile author can put into the text a finding quotes: a line break (<w:br/>) starting a forged
# verdict, the 8-bit CSI (U+009B, an escape sequence made of XML-legal characters), a bidi override.
FORGED_TAIL = "\nĐạt thể thức\u009b\u202e"


@pytest.mark.parametrize("element, text, rule", [
    ("b3", "Đề nghị các đơn vị triển khai" + FORGED_TAIL, "17.21"),  # found: the last words, line break and all
    ("nn", "Nơi nhận" + FORGED_TAIL, "17.27"),  # where and found: the recipients' line
])
def test_cli_escapes_document_text_quoted_in_findings(tmp_path, capsys, element, text, rule):
    """Issue: ``found`` and ``where`` quote the checked document; printed raw, its line break forged an
    output line and its control characters reached the terminal. Text output escapes them like file
    names; ``--json`` keeps the document's exact text (JSON escapes by itself)."""
    bad = build_cong_van(tmp_path / "bad.docx", lambda d, p: _set_text(p[element], text))
    [quoted] = [v for v in check_docx(bad) if v.rule == rule]
    assert "\u202e" in quoted.found  # the real document carries the hostile text into the finding
    with pytest.raises(SystemExit):
        main(["check", str(bad)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert not any(line.startswith("Đạt thể thức") for line in lines), out
    assert not any(c in out for c in "\u009b\u202e"), out
    [line] = [line for line in lines if line.startswith(f"{bad}: [{rule}]")]
    assert "Đạt thể thức\\x9b\\u202e»" in line, line  # shown escaped, on the finding's own line
    with pytest.raises(SystemExit):
        main(["check", "--json", str(bad)])
    [row] = [r for r in json.loads(capsys.readouterr().out) if r["rule"] == rule]
    assert (row["where"], row["found"], row["required"]) == (quoted.where, quoted.found, quoted.required)


def test_fix_refusing_to_overwrite_names_the_file_escaped(tmp_path, capsys):
    bad = build_cong_van(tmp_path / "a\x1b[31m.docx", _default_font)
    with pytest.raises(SystemExit):
        main(["check", "--fix", str(bad), "-o", str(bad)])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "a\\x1b[31m.docx: không ghi đè bản gốc" in err


def test_check_files_collects_unreadable(tmp_path, good):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 broken")
    report = check_files([good, junk])
    assert not report.ok and report.violations == [] and report.unreadable[0][0] == junk


# --- documents the project generates ------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """The sample công văn (draft and numbered), the same dispatch as a BÁO CÁO, and every form."""
    import shutil

    from dispatch_gen.case.records import load_case
    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.render import render_dispatch

    out = tmp_path_factory.mktemp("generated")
    case = load_case(SAMPLE)
    docs = {"cong-van draft": render_dispatch(case, out / "cv.docx"),
            "cong-van numbered": render_dispatch(case, out / "cv5.docx", number=5)}
    report_case = out / "case"
    shutil.copytree(SAMPLE, report_case, ignore=shutil.ignore_patterns(".dispatch-gen"))
    yaml = report_case / "dispatch.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("type: Công văn", "type: Báo cáo"), encoding="utf-8")
    docs["bao-cao"] = render_dispatch(load_case(report_case), out / "bc.docx", number=12)
    for path in make_forms(case, out / "forms"):
        docs[f"form {Path(path).stem}"] = Path(path)
    return docs


@pytest.mark.parametrize("name", ["cong-van draft", "cong-van numbered", "bao-cao"])
def test_generated_dispatch_conforms(generated, name):
    assert check_docx(generated[name]) == []


def test_generated_kinds_are_recognised(generated):
    from dispatch_gen.check.stage import locate

    kinds = {name: locate(read_docx(path)).kind for name, path in generated.items()}
    assert kinds["cong-van draft"] == "cong_van" and kinds["bao-cao"] == "named"
    assert {k for n, k in kinds.items() if n.startswith("form ")} == {"form"}


def test_generated_forms_conform(generated):
    """Forms pass every rule, margins of their landscape sections included (the portrait margins turned)."""
    forms = [p for n, p in generated.items() if n.startswith("form ")]
    assert forms
    assert [(p.name, v) for p in forms for v in check_docx(p)] == []


def _edit_paragraph(src: Path, dst: Path, starts: str, edit: Callable) -> Path:
    """Copy a generated document, applying ``edit(paragraph)`` to the paragraph starting ``starts``."""
    doc = Document(src)
    paragraphs = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    target = next(p for p in doc.paragraphs + paragraphs if p.text.strip().startswith(starts))
    edit(target)
    doc.save(dst)
    return dst


NAMED_DEFECTS = {
    "type abbreviation": ("Số:", lambda p: _set_text(p, "Số: 12/KH-UBND"), "17.12"),
    "type name not bold": ("BÁO CÁO", lambda p: [setattr(r, "bold", False) for r in p.runs], "17.16"),
    "subject all caps": ("Chuẩn bị", lambda p: [setattr(r, "text", r.text.upper()) for r in p.runs], "17.16"),
    "number without type": ("Số:", lambda p: _set_text(p, "Số: 12/UBND"), "17.11"),
}


@pytest.mark.parametrize("name", list(NAMED_DEFECTS))
def test_named_type_defects_are_reported(generated, tmp_path, name):
    starts, edit, rule = NAMED_DEFECTS[name]
    path = _edit_paragraph(generated["bao-cao"], tmp_path / "bc.docx", starts, edit)
    assert rule in {v.rule for v in check_docx(path)}


# --- layouts real agencies use: each must read as the conforming letter it is (issue 12) -----------

_LINE_SHAPE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>800000</wp:posOffset>'
    '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>-20000</wp:posOffset></wp:positionV>'
    '<wp:extent cx="2100000" cy="0"/><wp:wrapNone/><wp:docPr id="7" name="Line 7"/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2100000" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>'
    '</a:graphic></wp:anchor></w:drawing></w:r>')


def _shape_in_date(doc, parts):
    """The tiêu ngữ's line drawn as a shape anchored in the date paragraph under it."""
    from docx.oxml import parse_xml

    parts["tn"]._p.pPr.remove(parts["tn"]._p.pPr.find(qn("w:pBdr")))
    parts["date"]._p.append(parse_xml(_LINE_SHAPE))


def _framed(doc, parts):
    """The whole letter inside a 1×1 table (a frame some agencies draw around everything)."""
    body = doc.element.body
    frame = doc.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)._tc
    for el in [e for e in body if e is not frame._tbl and e.tag != qn("w:sectPr")]:
        cell.insert(len(cell) - 1, el)


def _noi_nhan_with_breaks(doc, parts):
    """``Nơi nhận:`` and its entries as one paragraph with manual line breaks."""
    from docx.enum.text import WD_BREAK

    nn = parts["nn"]
    for entry in ("- Như trên;", "- Lưu: VT."):
        nn.runs[-1].add_break(WD_BREAK.LINE)
        run = nn.add_run(entry)
        run.font.size, run.bold, run.italic = Pt(11), False, False
    for key in ("e1", "e2"):
        parts[key]._p.getparent().remove(parts[key]._p)


def _vv_next_row(doc, parts):
    """The V/v in the header table's next row instead of under the Số."""
    table = doc.tables[0]
    row = table.add_row()
    cell = row.cells[0]._tc
    cell.remove(cell.find(qn("w:p")))
    cell.append(parts["vv"]._p)


def _tab_laid_signature(doc, parts):
    """Nơi nhận and signature laid out with tabs in plain paragraphs, no table."""
    sign = doc.tables[1]._tbl
    lines = [("Nơi nhận:", 12, True, True, "TM. ỦY BAN NHÂN DÂN"), ("- Như trên;", 11, False, False, "CHỦ TỊCH"),
             ("- Lưu: VT.", 11, False, False, None), (None, 0, False, False, "Nguyễn Như Hùng")]
    for left, size, bold, italic, right in lines:
        p = doc.add_paragraph()
        p.paragraph_format.alignment = LEFT
        if left:
            run = p.add_run(left)
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
        if right:
            run = p.add_run("\t\t\t\t" + right)
            run.font.size, run.bold = Pt(14), True
        sign.addprevious(p._p)
    sign.getparent().remove(sign)


ACCEPTED = {
    "line as a shape in the next paragraph": _shape_in_date,
    "letter in a 1×1 frame": _framed,
    "Nơi nhận with line breaks": _noi_nhan_with_breaks,
    "V/v in the next header row": _vv_next_row,
    "signature laid with tabs": _tab_laid_signature,
    "blank draft day and month": lambda d, p: _set_text(p["date"], "Cẩm Lĩnh, ngày      tháng      năm 2024"),
    "one page without page number": _no_page_field,
    "25 mm stored as 1418 twips": lambda d, p: setattr(d.sections[0], "top_margin", Twips(1418)),
    "GS.TS. before the name": lambda d, p: _set_text(p["name"], "GS.TS. Nguyễn Như Hùng"),
    "Căn cứ in a letter's prose": lambda d, p: _set_text(p["b1"], "Căn cứ kết quả kiểm tra, đề nghị các thôn:"),
    "one-line justified Nơi nhận": lambda d, p: setattr(p["nn"].paragraph_format, "alignment", JUSTIFY),
    "decomposed upper-case agency": lambda d, p: _set_text(p["agency2"], unicodedata.normalize("NFD", "XÃ CẨM LĨNH"))
    and None,
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_real_layout_reads_as_conforming(tmp_path, name):
    path = build_cong_van(tmp_path / "x.docx", ACCEPTED[name])
    found = [v for v in check_docx(path) if not (name.startswith("decomposed") and v.rule == "17.5")]
    assert found == []

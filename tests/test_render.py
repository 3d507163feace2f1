"""The dispatch renderer: the sample reproduces the seed, the templates carry the ND30 formatting.

Documents are generated once per module and read back with python-docx / lxml (text incl. table
cells, effective sizes, borders, header fields); one LibreOffice conversion checks the printed page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from conftest import SAMPLE, SEED, SHARED_SEED
from docx.oxml.ns import qn

from dispatch_gen import nd30
from dispatch_gen.case.records import load_case
from dispatch_gen.errors import TemplateError
from dispatch_gen.render import render_dispatch
from dispatch_gen.word.template import TEMPLATE_DIR, render_docx

ROOT = Path(__file__).resolve().parents[1]


# --- helpers -------------------------------------------------------------------------------------

def blocks(document) -> list:
    """Body paragraphs and table-cell paragraphs in reading order (row by row, cell by cell)."""
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(docx.text.paragraph.Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                for cell in row.cells:
                    out.extend(cell.paragraphs)
    return out


def lines(document) -> list[str]:
    return [p.text for p in blocks(document) if p.text.strip()]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def find(document, pattern: str):
    """The first paragraph whose text matches ``pattern`` (regex, search)."""
    for p in blocks(document):
        if re.search(pattern, p.text):
            return p
    raise AssertionError(f"no paragraph matches {pattern!r}")


def _defaults(document):
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def size(p, document) -> int:
    """Effective w:sz (half-points) of the first text run of ``p`` (direct, else docDefaults)."""
    for r in p.runs:
        if r.text.strip():
            sz = r._r.find(qn("w:rPr") + "/" + qn("w:sz"))
            if sz is not None:
                return int(sz.get(qn("w:val")))
            break
    return int(_defaults(document).find(qn("w:sz")).get(qn("w:val")))


def bold(p) -> bool:
    return all(r.bold for r in p.runs if r.text.strip())


def italic(p) -> bool:
    return all(r.italic for r in p.runs if r.text.strip())


def jc(p) -> str | None:
    el = p._p.find(qn("w:pPr") + "/" + qn("w:jc"))
    return el.get(qn("w:val")) if el is not None else None


def twips_attr(p, path: str, attr: str) -> int:
    el = p._p.find(qn("w:pPr") + "/" + "/".join(qn(f"w:{x}") for x in path.split("/")))
    return int(el.get(qn(f"w:{attr}"))) if el is not None and el.get(qn(f"w:{attr}")) else 0


def next_par(p):
    return docx.text.paragraph.Paragraph(p._p.getnext(), p._parent)


def rule_width(p, column: int) -> int:
    """Length of the paragraph-border line drawn by ``p`` in a column ``column`` twips wide."""
    assert p._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom")) is not None, "no line"
    return column - twips_attr(p, "ind", "left") - twips_attr(p, "ind", "right")


def rule_width_box(p, column: int = nd30.HEADER_COLS[0]) -> int:
    return column - twips_attr(p, "ind", "left") - twips_attr(p, "ind", "right")


def seed_lines() -> list[str]:
    """The seed's 25 lines with only the ND30 fixes the case decided (see dispatch.yaml)."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        line = line.replace(" – ", " - ").replace("**", "")  # tiêu ngữ hyphens; emphasis markup
        line = line.replace("- Như kính gửi;", "- Như trên;")  # ND30 §11
        out.append(norm(line))
    return out


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("render")


@pytest.fixture(scope="module")
def case():
    return load_case(SAMPLE)


@pytest.fixture(scope="module")
def sample_docx(case, outdir) -> Path:
    return render_dispatch(case, outdir / "cong-van.docx")


@pytest.fixture(scope="module")
def doc(sample_docx):
    return docx.Document(sample_docx)


def _edited_case(tmp_path: Path, **changes) -> Path:
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    data = yaml.safe_load((dst / "dispatch.yaml").read_text(encoding="utf-8"))
    data["date"] = "2024-11"
    data.update(changes)
    (dst / "dispatch.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return dst


# --- the seed ------------------------------------------------------------------------------------

def test_sample_carries_every_seed_line_in_order(doc):
    expected = seed_lines()
    assert len(expected) == 25
    text = norm(" ".join(lines(doc)))
    pos = 0
    for line in expected:
        found = text.find(line, pos)
        assert found >= 0, f"seed line missing or out of order: {line!r}"
        pos = found + len(line)


def test_number_and_day_blank_as_in_the_seed(doc):
    so = find(doc, r"^Số:")
    assert re.fullmatch(r"Số: +/UBND", so.text)
    assert re.fullmatch(r"^Số: ?(0[1-9]|[1-9]\d+| +)/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ][A-Za-zĐđ]*)*$", so.text)
    date = find(doc, r"ngày")
    assert re.fullmatch(r"Cẩm Lĩnh, ngày +tháng 11 năm 2024", date.text)


def test_nd30_fixes_and_emphasis(doc):
    assert "Độc lập - Tự do - Hạnh phúc" in lines(doc)
    assert not any("–" in line or "—" in line for line in lines(doc))
    assert lines(doc)[lines(doc).index("Kính gửi:") + 1:][:2] == [
        "- Các đồng chí BQL các chương trình mục tiêu quốc gia;", "- Các BCH chi ủy, Ban phát triển các thôn."]
    para = find(doc, r"trước 23/11/2024")
    runs = {r.text: r.bold for r in para.runs if r.text}
    assert runs["trước 23/11/2024"] is True
    assert not any(b for t, b in runs.items() if t != "trước 23/11/2024")
    assert "**" not in para.text
    numbered = [p.text[:2] for p in blocks(doc) if re.match(r"^\d\. ", p.text)]
    assert numbered == ["1.", "2.", "3."]
    assert lines(doc)[-1] == "Nguyễn Như Hùng"


def test_issued_number_and_date(case, tmp_path):
    out = render_dispatch(case, tmp_path / "issued.docx", number=5, issued_on=dt.date(2024, 11, 20))
    d = docx.Document(out)
    assert find(d, r"^Số:").text == "Số: 05/UBND"
    assert find(d, r"ngày").text == "Cẩm Lĩnh, ngày 20 tháng 11 năm 2024"


def test_rendering_is_deterministic(case, sample_docx, tmp_path):
    again = render_dispatch(case, tmp_path / "again.docx")
    assert again.read_bytes() == sample_docx.read_bytes()


# --- ND30 formatting in the XML ------------------------------------------------------------------

def test_page_margins_and_fonts(doc):
    sect = doc.sections[0]._sectPr
    pg = sect.find(qn("w:pgSz"))
    assert (int(pg.get(qn("w:w"))), int(pg.get(qn("w:h")))) == (11906, 16838)
    assert pg.get(qn("w:orient")) in (None, "portrait")
    mar = sect.find(qn("w:pgMar"))
    for side, (lo, hi) in nd30.MARGIN_RANGES.items():
        assert lo <= int(mar.get(qn(f"w:{side}"))) <= hi, side
    fonts = _defaults(doc).find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == "Times New Roman"
    assert fonts.get(qn("w:asciiTheme")) is None
    xml = doc.element.xml
    assert set(re.findall(r'w:color w:val="(\w+)"', xml)) <= {"000000", "auto"}
    assert not re.search(r'w:rFonts w:ascii="(?!Times New Roman)', xml)


def test_header_table(doc):
    header = doc.tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left, right = header.rows[0].cells
    agency = [p for p in left.paragraphs if p.text.strip()]
    assert [p.text for p in agency] == ["ỦY BAN NHÂN DÂN", "XÃ CẨM LĨNH"]
    assert all(bold(p) and size(p, doc) == 24 and jc(p) == "center" for p in agency)
    agency_rule = rule_width(next_par(agency[-1]), nd30.HEADER_COLS[0])
    assert 0.30 <= agency_rule / 2258 <= 0.55  # "ỦY BAN NHÂN DÂN" at 12 pt bold ≈ 2258 twips

    qh, tn = [p for p in right.paragraphs if p.text.strip()]
    assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert bold(qh) and not italic(qh) and size(qh, doc) in (24, 26) and jc(qh) == "center"
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"
    assert bold(tn) and size(tn, doc) in (26, 28) and jc(tn) == "center"
    assert 0.85 <= rule_width(next_par(tn), nd30.HEADER_COLS[1]) / 3182 <= 1.15  # measured text width

    number_cell, date_cell = header.rows[1].cells
    so, vv = [p for p in number_cell.paragraphs if p.text.strip()][:2]
    assert so.text.startswith("Số:") and size(so, doc) == 26 and not bold(so) and jc(so) == "center"
    assert vv.text.startswith("V/v ") and not vv.text.startswith("V/v:")
    assert size(vv, doc) in (24, 26) and not bold(vv) and jc(vv) == "center"
    assert twips_attr(vv, "spacing", "before") == 120
    (date,) = [p for p in date_cell.paragraphs if p.text.strip()]
    assert italic(date) and not bold(date) and size(date, doc) in (26, 28) and jc(date) == "center"


def test_body_paragraphs(doc):
    body = [p for p in blocks(doc) if jc(p) == "both"]
    assert len(body) == 8  # the seed's 8 body paragraphs
    for p in body:
        assert twips_attr(p, "ind", "firstLine") in (567, 720)
        assert twips_attr(p, "spacing", "before") + twips_attr(p, "spacing", "after") >= 120
        line = p._p.find(qn("w:pPr") + "/" + qn("w:spacing"))
        assert line.get(qn("w:lineRule")) == "auto" and 240 <= int(line.get(qn("w:line"))) <= 360
        assert size(p, doc) == 28
    assert body[-1].text.endswith("./.")
    kinh_gui = find(doc, r"^Kính gửi:")
    assert not bold(kinh_gui) and size(kinh_gui, doc) == 28
    recipient = next_par(next_par(kinh_gui)) if not next_par(kinh_gui).text else next_par(kinh_gui)
    assert recipient.text.startswith("- ") and size(recipient, doc) == 28 and not bold(recipient)
    # dashes line up under the colon: the recipients start further right than "Kính gửi:"
    assert twips_attr(recipient, "ind", "left") > twips_attr(kinh_gui, "ind", "left")


def test_noi_nhan_beside_signature(doc):
    sign = doc.tables[-1]
    assert len(sign.rows) == 1 and len(sign.columns) == 2
    borders = sign._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left, right = sign.rows[0].cells
    label, *entries = [p for p in left.paragraphs if p.text.strip()]
    assert label.text == "Nơi nhận:" and bold(label) and italic(label) and size(label, doc) == 24
    assert jc(label) in ("left", None)
    assert [e.text for e in entries] == ["- Như trên;", "- Lưu: VT."]
    assert all(size(e, doc) == 22 and not bold(e) for e in entries)
    right_texts = [p.text for p in right.paragraphs]
    assert left.paragraphs[0].text == "Nơi nhận:" and right_texts[0] == "TM. ỦY BAN NHÂN DÂN"  # level
    signed = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in signed] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Như Hùng"]
    assert all(bold(p) and size(p, doc) == 28 and jc(p) == "center" for p in signed)
    gap = len(right_texts) - 1 - right_texts.index("CHỦ TỊCH") - 1  # blank lines for signature and seal
    assert 3 <= gap <= 5 and right_texts[-1] == "Nguyễn Như Hùng"


def test_closing_paragraph_travels_with_the_signature(doc):
    """The body's last paragraph keeps with the signature table, which follows it DIRECTLY: LibreOffice
    ignored keepNext through a spacer paragraph and left cam-linh's reminder signature alone on page 2."""
    sign = doc.tables[-1]._tbl
    before = sign.getprevious()
    assert before.tag == qn("w:p") and "".join(before.itertext()).endswith("./.")
    assert before.find(qn("w:pPr") + "/" + qn("w:keepNext")) is not None
    top = sign.tblPr.find(qn("w:tblCellMar") + "/" + qn("w:top"))
    assert top is not None and int(top.get(qn("w:w"))) >= 100  # the air the spacer gave


def test_page_number_from_page_two(doc):
    section = doc.sections[0]
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header_xml = section.header._element.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", header_xml)
    hp = section.header.paragraphs[0]
    assert jc(hp) == "center" and 'w:sz w:val="28"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_urgency_is_boxed_and_bold(tmp_path):
    out = render_dispatch(load_case(_edited_case(tmp_path, urgency="KHẨN")), tmp_path / "k.docx")
    d = docx.Document(out)
    mark = find(d, r"^KHẨN$")
    assert bold(mark) and size(mark, d) in (26, 28) and jc(mark) == "center"
    box = mark._p.find(qn("w:pPr") + "/" + qn("w:pBdr"))
    assert {qn(f"w:{e}") for e in ("top", "left", "bottom", "right")} <= {b.tag for b in box}
    assert abs(rule_width_box(mark) - nd30.twips(20)) <= 20  # KHẨN: a 20 × 8 mm box (ND30 §12)


def test_confidentiality_is_boxed_above_urgency(tmp_path):
    case = load_case(_edited_case(tmp_path, urgency="HỎA TỐC", confidentiality="MẬT"))
    d = docx.Document(render_dispatch(case, tmp_path / "m.docx"))
    secret, urgent = find(d, r"^MẬT$"), find(d, r"^HỎA TỐC$")
    cell_texts = [p.text for p in d.tables[0].rows[1].cells[0].paragraphs]
    assert cell_texts.index("MẬT") < cell_texts.index("HỎA TỐC")  # ô 10a above ô 10b
    for mark, mm in ((secret, 20), (urgent, 30)):
        assert bold(mark) and jc(mark) == "center"
        assert mark._p.find(qn("w:pPr") + "/" + qn("w:pBdr")) is not None
        assert abs(rule_width_box(mark) - nd30.twips(mm)) <= 20
    plain = docx.Document(render_dispatch(load_case(SAMPLE), tmp_path / "plain.docx"))
    assert not any(p.text in nd30.CONFIDENTIALITY_BOX_MM for p in plain.tables[0].rows[1].cells[0].paragraphs)


def test_contact_block_on_page_one_only_when_given(tmp_path):
    case_dir = _edited_case(tmp_path)
    head = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    head["agency"].update(address="Thôn 1, xã Cẩm Lĩnh & <x>", phone="0239 3800 000", email="ubnd@example.vn")
    (case_dir / "case.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    d = docx.Document(render_dispatch(load_case(case_dir), tmp_path / "c.docx"))
    section = d.sections[0]
    first = [p for p in section.first_page_footer.paragraphs if p.text]
    assert [p.text for p in first] == ["Địa chỉ: Thôn 1, xã Cẩm Lĩnh & <x>; ĐT: 0239 3800 000; E-mail: ubnd@example.vn"]
    assert size(first[0], d) == 22 and first[0]._p.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:top")) is not None
    assert not any(p.text for p in section.footer.paragraphs)  # page 2 on: no address (ND30 ô 13)
    plain = docx.Document(render_dispatch(load_case(SAMPLE), tmp_path / "plain.docx"))
    assert not any(p.text for p in plain.sections[0].first_page_footer.paragraphs)


def test_named_type_uses_van_ban(tmp_path):
    out = render_dispatch(load_case(_edited_case(tmp_path, type="Báo cáo", recipients=[])), tmp_path / "bc.docx")
    d = docx.Document(out)
    assert find(d, r"^Số:").text.endswith("/BC-UBND")
    name = find(d, r"^BÁO CÁO$")
    assert bold(name) and size(name, d) == 28 and jc(name) == "center"
    subject = next_par(name)
    assert subject.text.startswith("Chuẩn bị") and bold(subject) and jc(subject) == "center"
    assert 1000 < rule_width(next_par(subject), nd30.TEXT_WIDTH) < 0.55 * nd30.TEXT_WIDTH
    assert not any(p.text.startswith("V/v") or p.text.startswith("Kính gửi") for p in blocks(d))
    assert "Nơi nhận:" in lines(d)


# --- safety --------------------------------------------------------------------------------------

NASTY = "A & B <c> \"d\" 'e' {{ x }} {% if y %}z{% endif %}"


def test_values_come_out_literally(tmp_path):
    body = [{"paragraph": f"Nội dung {NASTY}./."}]
    case_dir = _edited_case(tmp_path, subject=f"Chủ đề {NASTY}", body=body, noi_nhan=[NASTY, "Lưu: VT"])
    out = render_dispatch(load_case(case_dir), tmp_path / "nasty.docx")
    text = lines(docx.Document(out))
    assert f"V/v Chủ đề {NASTY}" in text
    assert f"Nội dung {NASTY}./." in text
    assert f"- {NASTY};" in text


def _template_with(tmp_path: Path, body: str) -> Path:
    d = docx.Document()
    d.add_paragraph(body)
    path = tmp_path / "evil.docx"
    d.save(path)
    return path


def test_template_cannot_reach_python_internals(tmp_path):
    path = _template_with(tmp_path, "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError, match="evil.docx") as err:
        render_docx(path, {}, tmp_path / "out.docx")
    assert "không an toàn" in str(err.value)
    assert not (tmp_path / "out.docx").exists()


def test_template_errors_name_the_template(tmp_path):
    with pytest.raises(TemplateError, match="evil.docx.*chưa có giá trị"):
        render_docx(_template_with(tmp_path, "{{ missing_value }}"), {}, tmp_path / "o.docx")
    with pytest.raises(TemplateError, match="lỗi cú pháp"):
        render_docx(_template_with(tmp_path, "{% if %}"), {}, tmp_path / "o.docx")
    with pytest.raises(TemplateError, match="không tìm thấy mẫu"):
        render_docx("no-such-kind", {}, tmp_path / "o.docx")
    assert not list(tmp_path.glob("o.docx*")) and not list(tmp_path.glob(".o.docx*"))


def test_committed_templates_are_what_the_script_builds(tmp_path):
    import sys

    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_templates.py"), str(tmp_path)], check=True,
                   capture_output=True, timeout=120)
    for name in ("cong-van.docx", "van-ban.docx"):
        assert (tmp_path / name).read_bytes() == (TEMPLATE_DIR / name).read_bytes(), f"rebuild {name}"


# --- the printed page ----------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_pdf_is_one_signed_ready_page(sample_docx, tmp_path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(sample_docx)], check=True, capture_output=True,
                   timeout=180)
    pdf = tmp_path / "cong-van.pdf"
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1  # the signature stays on the page, as on the paper original
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) <= 2 and abs(float(box.height) - 842) <= 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Số: +/UBND +Cẩm Lĩnh, ngày +tháng 11 năm 2024", text)  # one row
    assert re.search(r"Nơi nhận: +TM\. ỦY BAN NHÂN DÂN", text)  # level with the authority line


def test_sample_and_named_type_pass_the_nd30_checker(sample_docx, tmp_path):
    from dispatch_gen.check import stage as check
    assert check.check_docx(sample_docx) == []
    case_dir = _edited_case(tmp_path, type="Báo cáo", urgency="THƯỢNG KHẨN", recipients=["Ủy ban nhân dân huyện"])
    named = render_dispatch(load_case(case_dir), tmp_path / "bc.docx", number=3, issued_on=dt.date(2025, 3, 5))
    assert check.check_docx(named) == []


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared/ is not beside this clone")
def test_vendored_seed_is_the_shared_seed():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_docx_core_properties_describe_the_document(case_copy, tmp_path):
    """Issue 13: Word's File › Info said Title «Văn bản», Author «dispatch-gen», created 2024-01-01."""
    import datetime as dt

    import docx

    from dispatch_gen.case.records import load_case
    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.render import render_dispatch

    case = load_case(case_copy)
    issued = render_dispatch(case, tmp_path / "cv.docx", number=7, issued_on=dt.date(2025, 3, 5))
    core = docx.Document(str(issued)).core_properties
    assert core.title == f"Công văn V/v {case.dispatch.subject}" and core.subject == case.dispatch.subject
    assert core.author == core.last_modified_by == "Ủy ban nhân dân xã Cẩm Lĩnh"
    assert core.created.date() == core.modified.date() == dt.date(2025, 3, 5)
    assert not core.comments and core.language == "vi-VN"
    draft = docx.Document(str(render_dispatch(case, tmp_path / "draft.docx"))).core_properties
    assert draft.created.date() == dt.date(case.dispatch.date.year, case.dispatch.date.month, 1)  # day still blank
    form = next(p for p in make_forms(case, tmp_path / "phieu") if p.name.startswith("tc-02"))
    core = docx.Document(str(form)).core_properties
    assert core.title == "Phiếu đánh giá tiêu chí xã nông thôn mới – Tiêu chí số 2: Giao thông"
    assert core.author == "Ủy ban nhân dân xã Cẩm Lĩnh"

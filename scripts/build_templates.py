"""Build the committed ND30 Word templates in ``templates/docx/`` (python-docx + raw OOXML).

Run ``.venv/bin/python scripts/build_templates.py [OUT_DIR]`` after changing a layout rule; commit the
result (run it as a script: docxcompose, once imported, changes how python-docx writes core properties).
The templates are ordinary .docx files a clerk may open and edit in Word: layout is plain paragraphs,
borderless tables and paragraph borders; the variable parts are docxtpl/Jinja tags (``{{ so_line }}``,
``{%p for b in blocks %}``) filled from ``dispatch_gen.context.document_context``.

Every block shared by several document types (page setup and fonts, the two-column header, the Số/date
row, Kính gửi, the body loop, Nơi nhận beside the signature, the page-number header) is one function
below, used by every template. Sizes and widths come from ``dispatch_gen.nd30``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dispatch_gen import nd30  # noqa: E402

OUT_DIR = ROOT / "templates" / "docx"
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # reproducible core properties

# Widths of fixed texts in Times New Roman (twips), measured from LibreOffice PDFs with the metric-
# compatible Liberation Serif; the drawn rules are sized from them (ND30 §2–3).
W_TIEU_NGU = 3180  # "Độc lập - Tự do - Hạnh phúc", 13 pt bold
W_AGENCY_TYPICAL = 2260  # "ỦY BAN NHÂN DÂN", 12 pt bold: the usual longest agency line of a commune
W_KINH_GUI = 1000  # "Kính gửi", 14 pt: the recipients' dashes start under its colon
KINH_GUI_INDENT = 1134  # 2 cm: the Kính gửi block sits centre-left of the page (ô 9a)
W_DASH = 165  # "- " at 14 pt: a wrapped recipient line continues under the text, not under its dash
SUBJECT_RULE = 2268  # 4 cm line under a named type's trích yếu (1/3–1/2 of a typical line)
# Single line spacing in the body (ND30 allows 1–1.5): the seed dispatch then fits one page with its
# signature, as the paper original does; nd30.LINE_SPACING (1.15) would push the signature over.
BODY_LINE = 240
RULE_WEIGHT = 6  # eighths of a point: a thin solid line (0.75 pt)

Container = DocumentObject | _Cell


# --- low-level OOXML helpers -------------------------------------------------------------------

def _el(tag: str, **attrs: str | int) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _replace(parent, child) -> None:
    """Put ``child`` into ``parent``, replacing an existing element of the same tag."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
    else:
        parent.append(child)


def para(container: Container, text: str = "", *, size: float = nd30.SIZE_BODY, bold: bool = False,
         italic: bool = False, align: str = "center", before: int = 0, after: int = 0,
         line: int = 240, indent_left: int = 0, indent_right: int = 0, first_line: int = 0,
         style: str | None = None) -> Paragraph:
    """Add one paragraph with direct ND30 formatting (size in pt, spacing and indents in twips)."""
    p = container.add_paragraph(style=style)
    pf = p.paragraph_format
    pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                    "both": WD_ALIGN_PARAGRAPH.JUSTIFY, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    pf.space_before, pf.space_after = Twips(before), Twips(after)
    spacing = p._p.get_or_add_pPr().get_or_add_spacing()
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "auto")
    if indent_left:
        pf.left_indent = Twips(indent_left)
    if indent_right:
        pf.right_indent = Twips(indent_right)
    if first_line:
        pf.first_line_indent = Twips(first_line)
    if text:
        run(p, text, size=size, bold=bold, italic=italic)
    else:  # the paragraph mark carries the size so an empty line has the right height
        rpr = p._p.get_or_add_pPr()
        mark = _el("w:rPr")
        mark.append(_el("w:sz", val=nd30.half_points(size)))
        mark.append(_el("w:szCs", val=nd30.half_points(size)))
        rpr.append(mark)
    return p


def run(p: Paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False):
    """Add a run with explicit size/bold/italic (fonts and colour come from docDefaults)."""
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    r._r.get_or_add_rPr().append(_el("w:szCs", val=nd30.half_points(size)))
    return r


def tag(container: Container, statement: str) -> Paragraph:
    """A docxtpl paragraph tag (``{%p … %}``): the whole paragraph is replaced by the statement."""
    return para(container, "{%p " + statement + " %}", size=nd30.SIZE_BODY, align="left")


def rule(container: Container, width: int, column: int, before: int = 40) -> Paragraph:
    """A centred solid line ``width`` twips long: the bottom border of a tiny empty paragraph.

    A border of an indented empty paragraph is a real drawn line (ND30 §3: not underlined
    characters) that Word and LibreOffice both print; the 1 pt paragraph sits right under the text.
    """
    side = max((column - width) // 2, 0)
    p = para(container, size=1, before=before, indent_left=side, indent_right=side)
    ppr = p._p.get_or_add_pPr()
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    borders = _el("w:pBdr")
    borders.append(_el("w:bottom", val="single", sz=RULE_WEIGHT, space=1, color="000000"))
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    return p


def _cell_width(cell: _Cell, width: int) -> None:
    cell.width = Twips(width)


def borderless_table(doc: DocumentObject, widths: tuple[int, ...], rows: int = 1, top: int = 0):
    """A fixed-layout table with no borders and no side cell margins (ND30 headers are such tables);
    ``top``: air above each cell's text (twips)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    _replace(tbl_pr, _el("w:tblW", w=sum(widths), type="dxa"))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    margins = _el("w:tblCellMar")  # schema order: top, left, bottom, right
    if top:
        margins.append(_el("w:top", w=top, type="dxa"))
    margins.append(_el("w:left", w=0, type="dxa"))
    margins.append(_el("w:right", w=0, type="dxa"))
    look = tbl_pr.find(qn("w:tblLook"))  # schema order: tblBorders, tblLayout, tblCellMar, THEN tblLook
    for el in (borders, _el("w:tblLayout", type="fixed"), margins):
        if look is not None:
            look.addprevious(el)
        else:
            tbl_pr.append(el)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Twips(width)
        for cell in col.cells:
            _cell_width(cell, width)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(_el("w:cantSplit"))
    return table


def _clear(cell: _Cell) -> _Cell:
    """Remove the empty paragraph python-docx puts in a new cell (we add our own)."""
    for p in list(cell._tc.iterchildren(qn("w:p"))):
        cell._tc.remove(p)
    return cell


# --- document setup ------------------------------------------------------------------------------

def setup(doc: DocumentObject, title: str) -> None:
    """A4 portrait, ND30 margins, Times New Roman black 14 pt by default, fixed core properties."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(nd30.PAGE_W), Twips(nd30.PAGE_H)
    section.top_margin, section.bottom_margin = Twips(nd30.MARGIN_TOP), Twips(nd30.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(nd30.MARGIN_LEFT), Twips(nd30.MARGIN_RIGHT)
    section.header_distance = Twips(nd30.HEADER_DISTANCE)
    section.footer_distance = Twips(nd30.HEADER_DISTANCE)

    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = _el("w:rFonts", ascii=nd30.FONT, hAnsi=nd30.FONT, cs=nd30.FONT, eastAsia=nd30.FONT)
    _replace(rpr_default, fonts)
    _replace(rpr_default, _el("w:color", val="000000"))
    _replace(rpr_default, _el("w:sz", val=nd30.half_points(nd30.SIZE_BODY)))
    _replace(rpr_default, _el("w:szCs", val=nd30.half_points(nd30.SIZE_BODY)))
    _replace(rpr_default, _el("w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA"))
    order = ("rFonts", "color", "sz", "szCs", "lang")
    for name in order:  # schema order inside w:rPr
        el = rpr_default.find(qn(f"w:{name}"))
        rpr_default.remove(el)
        rpr_default.append(el)
    ppr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _replace(ppr_default, _el("w:spacing", after=0, line=240, lineRule="auto"))

    _word_2013_settings(doc)

    core = doc.core_properties
    core.title, core.author, core.last_modified_by = title, "dispatch-gen", "dispatch-gen"
    core.comments = "Mẫu theo Nghị định 30/2020/NĐ-CP; tạo bởi scripts/build_templates.py"
    core.created = core.modified = FIXED_TIME
    core.revision = 1
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the default document's empty paragraph
        body.remove(p)


def _word_2013_settings(doc: DocumentObject) -> None:
    """Compatibility mode 15 (Word 2013+ layout, no "Compatibility Mode" banner) and a schema-valid zoom.

    python-docx's default document says mode 14 and ``<w:zoom w:val="bestFit"/>`` without the
    ``w:percent`` the Transitional schema requires.
    """
    settings = doc.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def contact_footer(doc: DocumentObject) -> None:
    """Ô 13, page 1 only: address, phone, e-mail (11 pt) under a full-width solid line, when given."""
    footer = doc.sections[0].first_page_footer
    footer.is_linked_to_previous = False
    for p in list(footer.paragraphs):
        p._p.getparent().remove(p._p)
    tag(footer, "if contact_line")
    p = para(footer, "{{ contact_line }}", size=nd30.SIZE_CONTACT, before=0)
    ppr = p._p.get_or_add_pPr()
    borders = _el("w:pBdr")
    borders.append(_el("w:top", val="single", sz=6, space=1, color="000000"))
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    tag(footer, "endif")


def page_number_header(doc: DocumentObject) -> None:
    """Page numbers centred in the top margin from page 2 (``w:titlePg``, empty first-page header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    size = nd30.half_points(nd30.SIZE_PAGE_NUMBER)

    def field_run(child) -> None:
        r = OxmlElement("w:r")
        rpr = _el("w:rPr")
        rpr.append(_el("w:sz", val=size))
        rpr.append(_el("w:szCs", val=size))
        r.append(rpr)
        r.append(child)
        p._p.append(r)

    field_run(_el("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    field_run(instr)
    field_run(_el("w:fldChar", fldCharType="separate"))
    number = OxmlElement("w:t")
    number.text = "2"
    field_run(number)
    field_run(_el("w:fldChar", fldCharType="end"))


# --- shared blocks -------------------------------------------------------------------------------

def header_table(doc: DocumentObject, left_row2: Callable[[_Cell], None]) -> None:
    """Ô 1–4: agency | quốc hiệu + tiêu ngữ, then Số (+ what goes under it) | place and date.

    One borderless two-column table of two rows, so Số and the date share a row (§17 rule 14).
    """
    left_w, right_w = nd30.HEADER_COLS
    table = borderless_table(doc, nd30.HEADER_COLS, rows=2)
    agency, nation = (_clear(c) for c in table.rows[0].cells)
    tag(agency, "if agency_parent")
    para(agency, "{{ agency_parent }}", size=nd30.SIZE_AGENCY)
    tag(agency, "endif")
    tag(agency, "for line in agency_lines")
    para(agency, "{{ line }}", size=nd30.SIZE_AGENCY, bold=True)
    tag(agency, "endfor")
    rule(agency, round(W_AGENCY_TYPICAL * nd30.AGENCY_RULE_RATIO), left_w)

    para(nation, nd30.QUOC_HIEU, size=nd30.SIZE_QUOC_HIEU, bold=True)
    para(nation, nd30.TIEU_NGU, size=nd30.SIZE_TIEU_NGU, bold=True)
    rule(nation, W_TIEU_NGU, right_w)

    number, date = (_clear(c) for c in table.rows[1].cells)
    para(number, "{{ so_line }}", size=nd30.SIZE_SO, before=120)
    left_row2(number)
    para(date, "{{ place_date }}", size=nd30.SIZE_DATE, italic=True, before=120)


def _boxed_mark(cell: _Cell, name: str, boxes: dict[str, int]) -> None:
    """A stamp-like mark: bold uppercase, centred in a single-line box ``boxes[mark]`` mm wide, 8 mm tall."""
    column = nd30.HEADER_COLS[0]
    for i, (mark, mm) in enumerate(boxes.items()):
        tag(cell, ("if" if i == 0 else "elif") + f' {name} == "{mark}"')
        side = (column - nd30.twips(mm)) // 2
        p = para(cell, "{{ " + name + " }}", size=nd30.SIZE_MARK, bold=True, before=160, after=40,
                 indent_left=side, indent_right=side)
        ppr = p._p.get_or_add_pPr()
        borders = _el("w:pBdr")
        for edge in ("top", "left", "bottom", "right"):
            borders.append(_el(f"w:{edge}", val="single", sz=8, space=1, color="000000"))
        ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
        spacing = ppr.find(qn("w:spacing"))
        spacing.set(qn("w:line"), str(nd30.twips(8) - 80))  # 8 mm tall with the border spacing
        spacing.set(qn("w:lineRule"), "exact")
    tag(cell, "endif")


def urgency_mark(cell: _Cell) -> None:
    """Ô 10a then 10b, left column: the confidentiality mark, then the urgency mark (20/30/40 × 8 mm)."""
    _boxed_mark(cell, "confidentiality", nd30.CONFIDENTIALITY_BOX_MM)
    _boxed_mark(cell, "urgency", nd30.URGENCY_BOX_MM)


def kinh_gui(doc: DocumentObject) -> None:
    """Ô 9a: one recipient on the ``Kính gửi:`` line (centred); several as ``- X;`` lines under the colon."""
    tag(doc, "if recipient")
    para(doc, "Kính gửi: {{ recipient }}", size=nd30.SIZE_KINH_GUI, before=240, after=240)
    tag(doc, "elif recipient_lines")
    para(doc, "Kính gửi:", size=nd30.SIZE_KINH_GUI, align="left", before=240, indent_left=KINH_GUI_INDENT)
    tag(doc, "for line in recipient_lines")
    para(doc, "{{ line }}", size=nd30.SIZE_KINH_GUI, align="left", indent_left=KINH_GUI_INDENT + W_KINH_GUI + W_DASH,
         first_line=-W_DASH)  # hanging indent
    tag(doc, "endfor")
    para(doc, size=6)  # a little air between the recipients and the body
    tag(doc, "endif")


def body_blocks(doc: DocumentObject) -> None:
    """Ô 6: one justified paragraph per block (1 cm first line, 6 pt after); ``**bold**`` kept via RichText."""
    for loop, keep in (("blocks[:-1]", False), ("blocks[-1:]", True)):
        tag(doc, f"for b in {loop}")
        p = para(doc, "{{ b.label }}{{r b.runs|rich }}", size=nd30.SIZE_BODY, align="both", before=0,
                 after=nd30.PARA_SPACING_AFTER, line=BODY_LINE, first_line=nd30.FIRST_LINE_INDENT)
        # The closing paragraph stays on the page of the signature: a page holding only the
        # signature block is not something a chairman signs.
        p.paragraph_format.keep_with_next = keep
        tag(doc, "endfor")


def signature_table(doc: DocumentObject) -> None:
    """Ô 9b beside ô 7: Nơi nhận (left, level with the authority line) | signature block (right)."""
    # The air above Nơi nhận is the table's top cell margin, not a spacer paragraph: LibreOffice keeps
    # the closing paragraph (keepNext) with a table that follows it directly, but not through a second
    # keepNext paragraph, and left the signature alone on a page (cam-linh's reminder).
    table = borderless_table(doc, nd30.SIGN_COLS, top=120)
    left, right = (_clear(c) for c in table.rows[0].cells)
    para(left, nd30.NOI_NHAN_LABEL, size=nd30.SIZE_NOI_NHAN_LABEL, bold=True, italic=True, align="left")
    tag(left, "for line in noi_nhan")
    para(left, "{{ line }}", size=nd30.SIZE_NOI_NHAN, align="left")
    tag(left, "endfor")
    tag(right, "for line in sign_lines")
    para(right, "{{ line }}", size=nd30.SIZE_SIGN, bold=True)
    tag(right, "endfor")
    for _ in range(nd30.SIGNATURE_GAP_LINES):
        para(right, size=nd30.SIZE_SIGN)
    para(right, "{{ signer_name }}", size=nd30.SIZE_SIGN, bold=True)


# --- the templates -------------------------------------------------------------------------------

def cong_van() -> DocumentObject:
    """Công văn: V/v under Số (ô 5b), urgency, Kính gửi, body, Nơi nhận/signature."""
    doc = Document()
    setup(doc, "Công văn")

    def under_so(cell: _Cell) -> None:
        para(cell, "{{ vv }}", size=nd30.SIZE_VV, before=nd30.VV_SPACE_BEFORE)
        urgency_mark(cell)

    header_table(doc, under_so)
    kinh_gui(doc)
    body_blocks(doc)
    signature_table(doc)
    page_number_header(doc)
    contact_footer(doc)
    return doc


def van_ban() -> DocumentObject:
    """Named types (BÁO CÁO, KẾ HOẠCH …): ô 5a type and trích yếu with its line, optional Kính gửi.

    The body is either the structured blocks or ``body_slot``: the paragraph a stage replaces
    with a body it lays out itself (the report's tables and appendices).
    """
    doc = Document()
    setup(doc, "Văn bản")
    header_table(doc, urgency_mark)
    para(doc, "{{ type_name }}", size=nd30.SIZE_TYPE, bold=True, before=360)
    para(doc, "{{ subject }}", size=nd30.SIZE_SUBJECT, bold=True)
    rule(doc, SUBJECT_RULE, nd30.TEXT_WIDTH)
    kinh_gui(doc)
    para(doc, size=6)
    tag(doc, "if body_slot")
    para(doc, "{{p body_slot }}", align="left")
    tag(doc, "else")
    body_blocks(doc)
    tag(doc, "endif")
    signature_table(doc)
    page_number_header(doc)
    contact_footer(doc)
    return doc


TEMPLATES: dict[str, Callable[[], DocumentObject]] = {"cong-van": cong_van, "van-ban": van_ban}


def build(out_dir: Path = OUT_DIR) -> list[Path]:
    """Build every template into ``out_dir`` and return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in TEMPLATES.items():
        path = out_dir / f"{name}.docx"
        make().save(path)
        _normalise_zip(path)
        written.append(path)
    return written


def _normalise_zip(path: Path) -> None:
    """Rewrite the .docx with fixed zip timestamps so a rebuild gives identical bytes."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        items = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            dst.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else OUT_DIR):
        print(p)

"""Lay out the report's body and appendices from plain blocks (dicts), in ND30 style.

``report.py`` decides WHAT is said (headings, paragraphs, bullets, tables of cell texts); this
module decides HOW it looks: body paragraphs justified 14 pt with a 1 cm first line, tables in
12 pt with a repeated bold header row, and each appendix in its own landscape section whose page
numbers restart at 1 (``w:pgNumType w:start="1"``), headed by ``Phụ lục I`` (14 pt bold centred),
the upper-case bold title and the italic ``(Kèm theo …)`` line with a short rule under it.

Blocks: ``{"kind": "heading"|"para"|"bullet"|"subtitle", "text": …}`` and
``{"kind": "table", "columns": [(header, width twips)], "rows": [[cell, …] | {"band": text} |
{"cells": [...], "bold": True}], "center_cols": (0,), "center_from": n}``. Cell text keeps its line
breaks (``\\n`` → ``w:br``) and spaces; all text is set literally (no markup, no template syntax).
"""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

from lxml import etree

from .. import nd30
from .sdt import W_NS, _el, w
from .template import _ZIP_TIME

SIZE_TABLE = nd30.SIZE_TABLE
BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
CELL_MARGIN = 80  # twips left/right inside table cells
LANDSCAPE_MARGINS = {"top": 1701, "bottom": 850, "left": 1134, "right": 1134}  # the portrait page turned
LANDSCAPE_WIDTH = nd30.PAGE_H - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]  # 14570
APPENDIX_RULE = 1800  # short line under the "(Kèm theo …)" line
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# --- runs and paragraphs ---------------------------------------------------------------------------

def run(p: etree._Element, value: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
    """A run with explicit size and emphasis; ``\\n`` becomes a line break, spaces are kept."""
    r = _el(p, "r")
    rpr = _el(r, "rPr")
    if bold:
        _el(rpr, "b")
        _el(rpr, "bCs")
    if italic:
        _el(rpr, "i")
        _el(rpr, "iCs")
    _el(rpr, "sz", val=str(nd30.half_points(size)))
    _el(rpr, "szCs", val=str(nd30.half_points(size)))
    for i, line in enumerate(value.split("\n")):
        if i:
            _el(r, "br")
        t = _el(r, "t")
        t.text = line
        t.set(XML_SPACE, "preserve")


def para(parent: etree._Element, value: str = "", *, size: float = nd30.SIZE_BODY, bold: bool = False,
         italic: bool = False, align: str = "both", first_line: int = 0, before: int = 0, after: int = 0,
         line: int = 240, keep_next: bool = False) -> etree._Element:
    """A paragraph with direct formatting (spacing and indents in twips)."""
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    if keep_next:
        _el(ppr, "keepNext")
    _el(ppr, "spacing", before=str(before), after=str(after), line=str(line), lineRule="auto")
    if first_line:
        _el(ppr, "ind", firstLine=str(first_line))
    _el(ppr, "jc", val=align)
    mark = _el(ppr, "rPr")
    _el(mark, "sz", val=str(nd30.half_points(size)))
    _el(mark, "szCs", val=str(nd30.half_points(size)))
    if value:
        run(p, value, size=size, bold=bold, italic=italic)
    return p


def _tiny(parent: etree._Element) -> etree._Element:
    """A 1 pt empty paragraph: carries a section break or a rule without taking a line."""
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    _el(ppr, "spacing", before="0", after="0", line="20", lineRule="exact")
    mark = _el(ppr, "rPr")
    _el(mark, "sz", val="2")
    _el(mark, "szCs", val="2")
    return p


def _rule(parent: etree._Element, width: int, column: int, before: int = 80) -> None:
    """A centred solid line ``width`` twips long (bottom border of an indented tiny paragraph)."""
    p = _tiny(parent)
    ppr = p.find(w("pPr"))
    ppr.find(w("spacing")).set(w("before"), str(before))
    side = str(max((column - width) // 2, 0))
    borders = _el(None, "pBdr")
    _el(borders, "bottom", **{**BORDER, "sz": "6", "space": "1"})
    ppr.insert(0, borders)
    ppr.find(w("spacing")).addnext(_el(None, "ind", left=side, right=side))


# --- body blocks -------------------------------------------------------------------------------

def _block(parent: etree._Element, block: dict[str, Any]) -> None:
    kind = block["kind"]
    body = {"first_line": nd30.FIRST_LINE_INDENT, "after": nd30.PARA_SPACING_AFTER, "line": nd30.LINE_SPACING}
    if kind == "heading":
        para(parent, block["text"], bold=True, before=60, keep_next=True, **body)
    elif kind == "para":
        para(parent, block["text"], size=block.get("size", nd30.SIZE_BODY), italic=block.get("italic", False),
             **body)
    elif kind == "bullet":
        para(parent, "- " + block["text"], **body)
    elif kind == "subtitle":
        para(parent, block["text"], bold=True, align="center", before=240, after=120, keep_next=True)
    elif kind == "table":
        table(parent, block)
        para(parent, size=6)  # keeps the next table or heading off this one
    else:
        raise ValueError(f"unknown block kind {kind!r}")


def _borders(parent: etree._Element, name: str, sides: tuple[str, ...]) -> None:
    borders = _el(parent, name)
    for side in sides:
        _el(borders, side, **BORDER)


def _cell(tr: etree._Element, width: int, value: str, *, bold: bool = False, align: str = "left",
          span: int = 1) -> None:
    tc = _el(tr, "tc")
    tcpr = _el(tc, "tcPr")
    _el(tcpr, "tcW", w=str(width), type="dxa")
    if span > 1:
        _el(tcpr, "gridSpan", val=str(span))
    _el(tcpr, "vAlign", val="center")
    para(tc, value, size=SIZE_TABLE, bold=bold, align=align, before=30, after=30)


def table(parent: etree._Element, block: dict[str, Any]) -> etree._Element:
    """A bordered fixed-width table: bold centred header row (repeated on each page), then rows."""
    columns = block["columns"]
    widths = [wd for _, wd in columns]
    centred = set(block.get("center_cols", (0,)))
    start = block.get("center_from")
    if start is not None:
        centred |= set(range(start, len(columns)))
    tbl = _el(parent, "tbl")
    pr = _el(tbl, "tblPr")
    _el(pr, "tblW", w=str(sum(widths)), type="dxa")
    _el(pr, "jc", val="center")
    _borders(pr, "tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"))
    _el(pr, "tblLayout", type="fixed")
    margins = _el(pr, "tblCellMar")
    _el(margins, "left", w=str(CELL_MARGIN), type="dxa")
    _el(margins, "right", w=str(CELL_MARGIN), type="dxa")
    grid = _el(tbl, "tblGrid")
    for wd in widths:
        _el(grid, "gridCol", w=str(wd))
    head = _el(tbl, "tr")
    trpr = _el(head, "trPr")
    _el(trpr, "cantSplit")
    _el(trpr, "tblHeader")
    for header, wd in columns:
        _cell(head, wd, header, bold=True, align="center")
    for row in block["rows"]:
        tr = _el(tbl, "tr")
        if isinstance(row, dict) and "band" in row:
            _el(_el(tr, "trPr"), "cantSplit")
            _cell(tr, sum(widths), row["band"], bold=True, span=len(widths))
            continue
        cells, bold = (row["cells"], row.get("bold", False)) if isinstance(row, dict) else (row, False)
        for i, (value, wd) in enumerate(zip(cells, widths, strict=True)):
            _cell(tr, wd, value, bold=bold, align="center" if i in centred else "left")
    return tbl


def body_subdoc(tpl: Any, blocks: list[dict[str, Any]]) -> Any:
    """A docxtpl Subdoc holding the report's body (placed at ``{{p body_subdoc }}``)."""
    sd = tpl.new_subdoc()
    body = sd.subdocx.element.body
    for child in list(body):
        body.remove(child)
    for block in blocks:
        _block(body, block)
    return sd


# --- appendices in landscape sections --------------------------------------------------------------

def landscape_sect(main: etree._Element) -> etree._Element:
    """The main section's properties turned landscape, page numbers restarting at 1."""
    sect = copy.deepcopy(main)
    for name in ("pgSz", "pgMar", "pgNumType"):
        old = sect.find(w(name))
        if old is not None:
            sect.remove(old)
    size = _el(None, "pgSz", w=str(nd30.PAGE_H), h=str(nd30.PAGE_W), orient="landscape")
    margins = _el(None, "pgMar", **{k: str(v) for k, v in LANDSCAPE_MARGINS.items()},
                  header=str(nd30.HEADER_DISTANCE), footer=str(nd30.HEADER_DISTANCE), gutter="0")
    number = _el(None, "pgNumType", start="1")
    # schema order: header/footer refs, …, pgSz, pgMar, …, pgNumType, cols, …, titlePg
    anchor = next((c for c in sect if etree.QName(c).localname not in ("headerReference", "footerReference",
                                                                         "footnotePr", "endnotePr", "type")), None)
    for el in (size, margins, number):
        if anchor is not None:
            anchor.addprevious(el)
        else:
            sect.append(el)
    cols = sect.find(w("cols"))
    if cols is not None:  # pgNumType goes before cols
        cols.addprevious(number)
    if sect.find(w("titlePg")) is None:
        _el(sect, "titlePg")
    return sect


def _appendix(body: etree._Element, appendix: dict[str, Any]) -> None:
    para(body, appendix["label"], size=nd30.SIZE_APPENDIX_LABEL, bold=True, align="center")
    para(body, appendix["title"], size=nd30.SIZE_BODY, bold=True, align="center")
    para(body, appendix["attached"], size=nd30.SIZE_BODY, italic=True, align="center")
    _rule(body, APPENDIX_RULE, LANDSCAPE_WIDTH)
    para(body, size=8)
    for block in appendix["blocks"]:
        _block(body, block)


def add_appendices(docx: bytes, appendices: list[dict[str, Any]]) -> bytes:
    """Append each appendix after the signature, each in its own landscape section numbered from 1.

    ``appendices``: ``{"label": "Phụ lục I", "title": …, "attached": "(Kèm theo …)", "blocks": [...]}``.
    Works on the rendered package (after docxtpl), so no appendix text ever passes through Jinja.
    """
    if not appendices:
        return docx
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        root = etree.fromstring(src.read("word/document.xml"))
        body = root.find(w("body"))
        final = body.find(w("sectPr"))
        main = copy.deepcopy(final)
        end_main = _tiny(body)
        end_main.find(w("pPr")).append(main)
        final.addprevious(end_main)
        turned = landscape_sect(main)
        for i, appendix in enumerate(appendices):
            holder = etree.Element(w("body"), nsmap={"w": W_NS})
            _appendix(holder, appendix)
            if i < len(appendices) - 1:
                _tiny(holder).find(w("pPr")).append(copy.deepcopy(turned))
            for child in list(holder):
                final.addprevious(child)
        body.replace(final, copy.deepcopy(turned))
        document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = document if info.filename == "word/document.xml" else src.read(info)
                dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()

"""Lay out the report's body and appendices from plain blocks (dicts), in ND30 style.

``report.wording`` decides WHAT is said (headings, paragraphs, bullets, tables of cell texts); this
module decides HOW it looks: body paragraphs justified 14 pt with a 1 cm first line, tables in
12 pt with a repeated bold header row, and each appendix in its own landscape section whose page
numbers restart at 1 (``w:pgNumType w:start="1"``), headed by ``Phụ lục I`` (14 pt bold centred),
the upper-case bold title and the italic ``(Kèm theo …)`` line with a short rule under it.

Blocks: ``{"kind": "heading"|"para"|"bullet"|"subtitle", "text": …}`` and
``{"kind": "table", "columns": [(header, width twips)], "rows": [[cell, …] | {"band": text} |
{"cells": [...], "bold": True}], "center_cols": (0,), "center_from": n}``. Cell text keeps its line
breaks (``\\n`` → ``w:br``) and spaces; all text is set literally (no markup, no template syntax).

Scale: a province-size case (2,000 units) has tables of tens of thousands of cells. Blocks are
therefore written as WordprocessingML text (``w:`` prefix) from per-format pieces built once, not
as lxml elements; only the template's own ``document.xml`` is parsed, and the appendices are
streamed into the package's deflate stream between its serialized head and tail, so no element is
ever moved between lxml documents (that move was quadratic) and memory holds no whole appendix.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from lxml import etree
from markupsafe import Markup

from .. import nd30
from ..errors import TemplateError
from ..messages import t
from .sdt import W_NS, _el, w
from .template import _ZIP_TIME

SIZE_TABLE = nd30.SIZE_TABLE
BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
CELL_MARGIN = 80  # twips left/right inside table cells
LANDSCAPE_MARGINS = {"top": 1701, "bottom": 850, "left": 1134, "right": 1134}  # the portrait page turned
LANDSCAPE_WIDTH = nd30.PAGE_H - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]  # 14570
APPENDIX_RULE = 1800  # short line under the "(Kèm theo …)" line
SPLICE = "dgAppendices"  # placeholder element where the appendices are streamed in
BODY_TAG = "dgBody"  # placeholder element where the body is streamed in
BODY_SLOT = Markup(f"<w:{BODY_TAG}/>")  # the value of ``body_slot`` when the template is rendered
FLUSH = 1 << 20  # characters of XML gathered before a write into the deflate stream
# characters XML 1.0 cannot carry (lxml refuses them): dropped rather than failing the whole report
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(value: str) -> str:
    """Text content as XML: ``& < >`` escaped, a carriage return kept as a reference (as lxml does)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return _NOT_XML.sub("", value)


# --- runs and paragraphs ---------------------------------------------------------------------------

@cache
def _size(size: float) -> str:
    half = nd30.half_points(size)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


@cache
def _run_open(size: float, bold: bool, italic: bool) -> str:
    return ("<w:r><w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            + _size(size) + "</w:rPr>")


_BR = '</w:t><w:br/><w:t xml:space="preserve">'


def _lines(value: str) -> str:
    """Escaped text of a ``w:t``; each ``\\n`` closes it, breaks the line and opens the next."""
    return esc(value).replace("\n", _BR)


def run(value: str, *, size: float, bold: bool = False, italic: bool = False) -> str:
    """A run with explicit size and emphasis; ``\\n`` becomes a line break, spaces are kept."""
    return f'{_run_open(size, bold, italic)}<w:t xml:space="preserve">{_lines(value)}</w:t></w:r>'


@lru_cache(maxsize=1024)
def _para_open(size: float, align: str, first_line: int, before: int, after: int, line: int,
               keep_next: bool) -> str:
    """``<w:p><w:pPr>…`` up to (not including) ``</w:pPr>``: direct formatting, twips."""
    return ("<w:p><w:pPr>" + ("<w:keepNext/>" if keep_next else "")
            + f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
            + (f'<w:ind w:firstLine="{first_line}"/>' if first_line else "")
            + f'<w:jc w:val="{align}"/><w:rPr>{_size(size)}</w:rPr>')


def para(value: str = "", *, size: float = nd30.SIZE_BODY, bold: bool = False, italic: bool = False,
         align: str = "both", first_line: int = 0, before: int = 0, after: int = 0, line: int = 240,
         keep_next: bool = False) -> str:
    """A paragraph with direct formatting (spacing and indents in twips)."""
    head = _para_open(size, align, first_line, before, after, line, keep_next) + "</w:pPr>"
    return head + (run(value, size=size, bold=bold, italic=italic) if value else "") + "</w:p>"


_TINY = ('<w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
         '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')


def tiny(sect: str = "") -> str:
    """A 1 pt empty paragraph: carries a section break (``sect``: a ``w:sectPr``) without taking a line."""
    return f"<w:p>{_TINY}{sect}</w:pPr></w:p>"


def rule(width: int, column: int, before: int = 80) -> str:
    """A centred solid line ``width`` twips long (bottom border of an indented tiny paragraph)."""
    side = max((column - width) // 2, 0)
    return ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            f'<w:spacing w:before="{before}" w:after="0" w:line="20" w:lineRule="exact"/>'
            f'<w:ind w:left="{side}" w:right="{side}"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
            "</w:pPr></w:p>")


# --- body blocks -------------------------------------------------------------------------------

_BODY = {"first_line": nd30.FIRST_LINE_INDENT, "after": nd30.PARA_SPACING_AFTER, "line": nd30.LINE_SPACING}


def blocks_xml(blocks: Iterable[dict[str, Any]], keep_last: bool = False) -> Iterator[str]:
    """The blocks as XML pieces, in order (a table yields one piece per row).

    ``keep_last``: the last paragraph stays with what follows (the body's closing paragraph with the
    signature block: a page holding only the signature is not signed).
    """
    blocks = list(blocks)
    for i, block in enumerate(blocks):
        kind = block["kind"]
        if kind == "heading":
            yield para(block["text"], bold=True, before=60, keep_next=True, **_BODY)
        elif kind == "para":
            yield para(block["text"], size=block.get("size", nd30.SIZE_BODY), italic=block.get("italic", False),
                       keep_next=keep_last and i == len(blocks) - 1, **_BODY)
        elif kind == "bullet":
            yield para("- " + block["text"], **_BODY)
        elif kind == "subtitle":
            yield para(block["text"], bold=True, align="center", before=240, after=120, keep_next=True)
        elif kind == "table":
            yield from table(block)
            yield para(size=6)  # keeps the next table or heading off this one
        else:
            raise ValueError(f"unknown block kind {kind!r}")


@lru_cache(maxsize=1024)
def _cell_open(width: int, bold: bool, align: str, span: int = 1) -> tuple[str, str]:
    """(``<w:tc>…<w:p><w:pPr>…</w:pPr>``, run opening) of a table cell: built once per format."""
    tcpr = (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + '<w:vAlign w:val="center"/></w:tcPr>')
    ppr = _para_open(SIZE_TABLE, align, 0, 30, 30, 240, False) + "</w:pPr>"
    return tcpr + ppr, _run_open(SIZE_TABLE, bold, False) + '<w:t xml:space="preserve">'


def _cell(opening: tuple[str, str], value: str) -> str:
    if not value:
        return opening[0] + "</w:p></w:tc>"
    return f"{opening[0]}{opening[1]}{_lines(value)}</w:t></w:r></w:p></w:tc>"


def table(block: dict[str, Any]) -> Iterator[str]:
    """A bordered fixed-width table: bold centred header row (repeated on each page), then rows that
    never break across a page (no orphan half-row at a page foot)."""
    columns = block["columns"]
    widths = [wd for _, wd in columns]
    centred = set(block.get("center_cols", (0,)))
    start = block.get("center_from")
    if start is not None:
        centred |= set(range(start, len(columns)))
    borders = "".join(f"<w:{side} {BORDER}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    yield (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
           "</w:tblCellMar></w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{wd}"/>' for wd in widths)
           + "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
           + "".join(_cell(_cell_open(wd, True, "center"), header) for header, wd in columns) + "</w:tr>")
    plain = [_cell_open(wd, False, "center" if i in centred else "left") for i, wd in enumerate(widths)]
    strong = [_cell_open(wd, True, "center" if i in centred else "left") for i, wd in enumerate(widths)]
    band = _cell_open(sum(widths), True, "left", len(widths))
    for row in block["rows"]:
        if isinstance(row, dict) and "band" in row:
            yield f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell(band, row['band'])}</w:tr>"
            continue
        cells, opens = (row["cells"], strong if row.get("bold") else plain) if isinstance(row, dict) else (row, plain)
        if len(cells) != len(widths):
            raise ValueError(f"row of {len(cells)} cells in a table of {len(widths)} columns")
        yield "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(map(_cell, opens, cells)) + "</w:tr>"
    yield "</w:tbl>"


# --- appendices in landscape sections --------------------------------------------------------------

EMPTY_FOOTER = "word/footerDgEmpty.xml"  # the appendices' first-page footer: ô 13 is on page 1 only
EMPTY_FOOTER_ID = "rIdDgEmptyFooter"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FOOTER_TYPE = _R_NS + "/footer"
_FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def landscape_sect(main: etree._Element) -> etree._Element:
    """The main section's properties turned landscape, page numbers restarting at 1.

    The main section's first-page footer carries ô 13 (address, phone, e-mail), which ND30 wants
    on the document's page 1 only: each appendix's first page points at an empty footer instead
    (a section without its own reference would inherit the previous one).
    """
    sect = copy.deepcopy(main)
    for ref in sect.findall(w("footerReference")):
        if ref.get(w("type")) == "first":
            ref.set(f"{{{_R_NS}}}id", EMPTY_FOOTER_ID)
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


def appendix_xml(appendix: dict[str, Any]) -> Iterator[str]:
    """One appendix's heading (label, title, ``(Kèm theo …)``, rule) and blocks, as XML pieces."""
    yield para(appendix["label"], size=nd30.SIZE_APPENDIX_LABEL, bold=True, align="center")
    yield para(appendix["title"], size=nd30.SIZE_BODY, bold=True, align="center")
    yield para(appendix["attached"], size=nd30.SIZE_BODY, italic=True, align="center")
    yield rule(APPENDIX_RULE, LANDSCAPE_WIDTH)
    yield para(size=8)
    yield from blocks_xml(appendix["blocks"])


def _fragment(el: etree._Element) -> str:
    """An element of ``document.xml`` as text (it redeclares its namespaces: harmless)."""
    return etree.tostring(el, encoding="unicode")


def _mark(name: str) -> bytes:
    return f"<w:{name}/>".encode()


def _document_pieces(xml: bytes, blocks: list[dict[str, Any]],
                     appendices: list[dict[str, Any]]) -> Iterator[bytes | str]:
    """The rendered ``document.xml`` with the body at ``BODY_SLOT`` and the appendices at the end.

    The template's XML is parsed once (it is small: the body is not in it yet), both places are
    marked, and the serialization is cut at the marks. The main section ends in a tiny paragraph
    carrying its ``w:sectPr``; each appendix but the last ends in one carrying the landscape
    ``w:sectPr``; the body's final ``w:sectPr`` (the last appendix's section) becomes landscape too.
    """
    root = etree.fromstring(xml)
    if root.nsmap.get("w") != W_NS:
        raise ValueError("document.xml does not bind the w: prefix to WordprocessingML")
    slot = next(root.iter(w(BODY_TAG)), None)
    if slot is None:
        raise TemplateError(t("report_body_slot", name="van-ban.docx"))
    body = root.find(w("body"))
    final = body.find(w("sectPr"))
    main = landscape = None
    if appendices and final is not None:
        main = copy.deepcopy(final)
        landscape = _fragment(landscape_sect(main))
        body.replace(final, _el(None, SPLICE))
    serialized = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    head, found, rest = serialized.partition(_mark(BODY_TAG))
    if not found:
        raise ValueError("body placeholder lost in serialization")
    yield head
    yield from blocks_xml(blocks, keep_last=True)
    if landscape is None:
        yield rest
        return
    middle, found, tail = rest.partition(_mark(SPLICE))
    if not found:
        raise ValueError("appendix placeholder lost in serialization")
    yield middle
    yield tiny(_fragment(main))
    for i, appendix in enumerate(appendices):
        yield from appendix_xml(appendix)
        if i < len(appendices) - 1:
            yield tiny(landscape)
    yield landscape
    yield tail


def report_docx(docx: bytes, blocks: list[dict[str, Any]], appendices: list[dict[str, Any]]) -> bytes:
    """The rendered package (``BODY_SLOT`` at the body's place) with its body and appendices.

    ``appendices``: ``{"label": "Phụ lục I", "title": …, "attached": "(Kèm theo …)", "blocks": [...]}``,
    each after the signature in its own landscape section numbered from 1. Works after docxtpl, so
    no report text ever passes through Jinja. ``document.xml`` is deflated piece by piece: memory
    holds the compressed package, never the whole XML of a province-size report.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != "word/document.xml":
                dst.writestr(entry, _with_empty_footer(info.filename, src.read(info)) if appendices
                             else src.read(info))
                continue
            with dst.open(entry, "w") as target:
                buffer: list[str] = []
                size = 0
                for piece in _document_pieces(src.read(info), blocks, appendices):
                    if isinstance(piece, bytes):
                        target.write("".join(buffer).encode())
                        target.write(piece)
                        buffer, size = [], 0
                        continue
                    buffer.append(piece)
                    size += len(piece)
                    if size >= FLUSH:
                        target.write("".join(buffer).encode())
                        buffer, size = [], 0
                target.write("".join(buffer).encode())
        if appendices:
            entry = zipfile.ZipInfo(EMPTY_FOOTER, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                f'<w:ftr xmlns:w="{W_NS}"><w:p/></w:ftr>'.encode())
    return out.getvalue()


def _with_empty_footer(name: str, data: bytes) -> bytes:
    """The package's relationships and content types, declaring ``EMPTY_FOOTER``."""
    if name == "word/_rels/document.xml.rels":
        rel = f'<Relationship Id="{EMPTY_FOOTER_ID}" Type="{_FOOTER_TYPE}" Target="{EMPTY_FOOTER[5:]}"/>'
        return data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    if name == "[Content_Types].xml":
        override = f'<Override PartName="/{EMPTY_FOOTER}" ContentType="{_FOOTER_CT}"/>'
        return data.replace(b"</Types>", override.encode() + b"</Types>")
    return data

"""Build a fillable form (.docx bytes) from its layout: ND30 header, title, tables of controls.

Built straight with lxml rather than through a docxtpl template: a form is mostly generated rows,
the static package parts are serialised once per process, and the zip has fixed timestamps and
order, so the same spec gives byte-identical output quickly (the collect stage and the performance
goal both rely on it). Document text comes from the spec (``formspec``), layout numbers from ``nd30``.
"""

from __future__ import annotations

import copy
import functools
import struct
import uuid
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from .. import nd30, text
from .sdt import (
    CUSTOM_NS,
    PLACEHOLDER_STYLE,
    VT_NS,
    W14_NS,
    W_NS,
    _el,
    content_control,
    placeholder_part,
    w,
)

if TYPE_CHECKING:
    from ..forms.spec import FieldSpec, FormSpec, Section

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HEADER_SHADE = "D9D9D9"  # column headers
FIELD_SHADE = "EAF1FB"  # cells the officer fills in
SIZE_FORM_TITLE = 14
SIZE_INFO = 13


# --- static package parts ---------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '{glossary}'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    '</Types>')

_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" '
    'Target="docProps/custom.xml"/>'
    '</Relationships>')

_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" '
    'Target="settings.xml"/>'
    '{glossary}'
    '</Relationships>')
# The glossary (placeholder entries) is there only when some control shows a placeholder: Word
# refuses an empty w:docParts.
_GLOSSARY_TYPES = (
    '<Override PartName="/word/glossary/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"/>'
    '<Override PartName="/word/glossary/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>')
_GLOSSARY_REL = (
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/glossaryDocument" '
    'Target="glossary/document.xml"/>')

_GLOSSARY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '</Relationships>')


def _styles() -> str:
    font = nd30.FONT
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'<w:sz w:val="{nd30.half_points(nd30.SIZE_TABLE)}"/><w:szCs w:val="{nd30.half_points(nd30.SIZE_TABLE)}"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:rPr><w:i/><w:color w:val="808080"/></w:rPr></w:style>'
        '</w:styles>')


def glossary(placeholders: tuple[str, ...]) -> str:
    """``word/glossary/document.xml``: one placeholder entry per distinct placeholder text.

    Each control names its entry (``sdt.placeholder_part``), so a field the officer clears shows our
    prompt again, in Placeholder style, instead of Word's English one.
    """
    parts = "".join(
        '<w:docPart><w:docPartPr>'
        f'<w:name w:val="{placeholder_part(text)}"/>'
        '<w:category><w:name w:val="General"/><w:gallery w:val="placeholder"/></w:category>'
        '<w:types><w:type w:val="bbPlcHdr"/></w:types><w:behaviors><w:behavior w:val="content"/></w:behaviors>'
        f'<w:guid w:val="{{{str(uuid.uuid5(uuid.NAMESPACE_URL, "dispatch-gen:" + text)).upper()}}}"/>'
        '</w:docPartPr><w:docPartBody><w:p><w:r><w:rPr>'
        f'<w:rStyle w:val="{PLACEHOLDER_STYLE}"/></w:rPr><w:t>{escape(text)}</w:t></w:r></w:p></w:docPartBody>'
        '</w:docPart>'
        for text in placeholders)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:glossaryDocument xmlns:w="{W_NS}"><w:docParts>{parts}</w:docParts></w:glossaryDocument>')


_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}">'
    '<w:documentProtection w:edit="forms" w:enforcement="1"/>'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat></w:settings>')

_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>dispatch-gen</Application></Properties>')


def _core(title: str, author: str = "") -> str:
    """Core properties: the form's title and unit, the issuing agency as author (issue 13)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>'
        '<dc:language>vi-VN</dc:language></cp:coreProperties>')


def custom_properties(props: dict[str, str]) -> str:
    """``docProps/custom.xml``: the form's identity, which LibreOffice 7.4 keeps through a re-save."""
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for i, (name, value) in enumerate(props.items(), start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>')


# --- the zip package --------------------------------------------------------------------------------
# A member is deflated as independent pieces, each ending on a byte boundary (sync flush) with no
# back-reference into another piece; their concatenation plus an empty final block is one valid
# deflate stream. So a piece shared by many forms (static parts, the header, a criteria table) is
# compressed once per process and copied, and only what differs per form is compressed per form.

Piece = tuple[bytes, bytes]  # (xml, its deflate piece)
_END_BLOCK = b"\x03\x00"  # an empty final fixed-Huffman block: closes the stream
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_FILE_ATTR = 0o600 << 16  # what zipfile.writestr gives a member (rw for the owner)


def piece(xml: bytes) -> Piece:
    """``xml`` with its deflate piece (level 6, like zipfile), ready to be concatenated."""
    z = zlib.compressobj(6, zlib.DEFLATED, -15)
    return xml, z.compress(xml) + z.flush(zlib.Z_SYNC_FLUSH)


def _member(name: str, pieces: list[Piece]) -> tuple[str, int, int, bytes]:
    """(name, crc, uncompressed size, deflated bytes) of a member made of ``pieces``."""
    crc, size = 0, 0
    for xml, _ in pieces:
        crc = zlib.crc32(xml, crc)
        size += len(xml)
    return name, crc, size, b"".join(d for _, d in pieces) + _END_BLOCK


def _zip(members: list[tuple[str, int, int, bytes]]) -> bytes:
    """A zip archive (deflate, fixed timestamps, fixed order): same members, same bytes."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, crc, size, data in members:
        raw = name.encode("ascii")
        fields = (20, 0, 8, _DOS_TIME, _DOS_DATE, crc, len(data), size, len(raw))
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + raw
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 3 << 8 | 20, *fields, 0, 0, 0, 0,
                                   _FILE_ATTR, offset) + raw)
        out += (local, data)
        offset += len(local) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(out) + directory + end


@functools.cache
def _static_members(glossary: bool) -> tuple[tuple[str, int, int, bytes], ...]:
    parts = [("[Content_Types].xml", _CONTENT_TYPES.replace("{glossary}", _GLOSSARY_TYPES if glossary else "")),
             ("_rels/.rels", _ROOT_RELS),
             ("word/_rels/document.xml.rels", _DOC_RELS.replace("{glossary}", _GLOSSARY_REL if glossary else "")),
             ("word/styles.xml", _styles()), ("word/settings.xml", _SETTINGS)]
    if glossary:
        parts += [("word/glossary/_rels/document.xml.rels", _GLOSSARY_RELS), ("word/glossary/styles.xml", _styles())]
    parts.append(("docProps/app.xml", _APP))
    return tuple(_member(name, [piece(xml.encode())]) for name, xml in parts)


@functools.lru_cache(maxsize=16)
def _core_member(title: str, author: str = "") -> tuple[str, int, int, bytes]:
    return _member("docProps/core.xml", [piece(_core(title, author).encode())])


@functools.lru_cache(maxsize=16)
def _glossary_member(placeholders: tuple[str, ...]) -> tuple[str, int, int, bytes]:
    return _member("word/glossary/document.xml", [piece(glossary(placeholders).encode())])


def package(document: bytes | list[Piece], title: str, props: dict[str, str],
            placeholders: tuple[str, ...] = (), author: str = "") -> bytes:
    """Zip the parts in a fixed order with fixed timestamps: same input, same bytes.

    ``document`` is ``word/document.xml``, whole or as pieces (see ``piece``); ``placeholders`` the
    distinct placeholder texts its controls show (their glossary entries).
    """
    pieces = [piece(document)] if isinstance(document, bytes) else document
    glossary = [_glossary_member(placeholders)] if placeholders else []
    return _zip([*_static_members(bool(placeholders)), _member("word/document.xml", pieces), *glossary,
                 _core_member(title, author), _member("docProps/custom.xml", [piece(custom_properties(props).encode())])])


# --- paragraphs and runs ---------------------------------------------------------------------------

def _run(parent: etree._Element, value: str, *, size: float | None = None, bold: bool = False,
         italic: bool = False) -> etree._Element:
    """A run; ``\\n`` in ``value`` becomes a line break."""
    r = _el(parent, "r")
    rpr = _el(r, "rPr")
    if bold:
        _el(rpr, "b")
    if italic:
        _el(rpr, "i")
    if size:
        _el(rpr, "sz", val=str(nd30.half_points(size)))
        _el(rpr, "szCs", val=str(nd30.half_points(size)))
    for i, line in enumerate(value.split("\n")):
        if i:
            _el(r, "br")
        node = _el(r, "t")
        node.text = line
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _para(parent: etree._Element, value: str = "", *, align: str | None = None, size: float | None = None,
          bold: bool = False, italic: bool = False, before: int = 0, after: int = 0,
          keep_next: bool = False, left: int | None = None) -> etree._Element:
    """A paragraph; ``pPr`` children in schema order (keepNext, spacing, ind, jc): Word refuses others."""
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    if keep_next:
        _el(ppr, "keepNext")
    _el(ppr, "spacing", before=str(before), after=str(after))
    if left is not None:
        _el(ppr, "ind", left=str(left))
    if align:
        _el(ppr, "jc", val=align)
    if value:
        _run(p, value, size=size, bold=bold, italic=italic)
    return p


def _rule(parent: etree._Element, width: int, cell_width: int) -> None:
    """A centred horizontal line ``width`` twips long (paragraph top border with indents)."""
    p = _el(parent, "p")
    ppr = _el(p, "pPr")
    bdr = _el(ppr, "pBdr")
    _el(bdr, "top", val="single", sz="6", space="1", color="000000")
    _el(ppr, "spacing", before="60", after="0", line="120", lineRule="exact")  # clear of dots below (Ệ, Ạ)
    side = max((cell_width - 216 - width) // 2, 0)
    _el(ppr, "ind", left=str(side), right=str(side))
    _el(ppr, "rPr")
    rpr = ppr[-1]
    _el(rpr, "sz", val="8")


# --- tables ----------------------------------------------------------------------------------------

def _table(parent: etree._Element, widths: list[int], borders: bool) -> etree._Element:
    tbl = _el(parent, "tbl")
    pr = _el(tbl, "tblPr")
    _el(pr, "tblW", w=str(sum(widths)), type="dxa")
    _el(pr, "jc", val="center")
    if borders:  # schema order: tblBorders before tblLayout
        b = _el(pr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _el(b, side, val="single", sz="4", space="0", color="000000")
    _el(pr, "tblLayout", type="fixed")
    _el(pr, "tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    grid = _el(tbl, "tblGrid")
    for width in widths:  # LibreOffice follows the grid, Word the cell widths: set both
        _el(grid, "gridCol", w=str(width))
    return tbl


def _cell(tr: etree._Element, width: int, shade: str | None = None) -> etree._Element:
    tc = _el(tr, "tc")
    pr = _el(tc, "tcPr")
    _el(pr, "tcW", w=str(width), type="dxa")
    if shade:
        _el(pr, "shd", val="clear", color="auto", fill=shade)
    _el(pr, "vAlign", val="center" if shade == HEADER_SHADE else "top")
    return tc


def _scaled(widths: list[int], total: int) -> list[int]:
    """Column widths stretched to ``total`` (the last column takes the rounding)."""
    scale = total / sum(widths)
    out = [int(x * scale) for x in widths[:-1]]
    return [*out, total - sum(out)]


def _header_block(body: etree._Element, agency_lines: list[str], total: int) -> None:
    """ND30 header: agency name (bold, short rule) left; quốc hiệu, tiêu ngữ (rule) right.

    Split so a long commune name stays on one line (``nd30.header_columns``); a wider table is
    centred, so it reaches a little into both margins."""
    name_lines = [text.upper_vi(line) for line in agency_lines]
    left_w, right_w, _ = nd30.header_columns(name_lines, None, total, nd30.CELL_MARGINS)
    widths = [left_w, right_w]
    tbl = _table(body, widths, borders=False)
    tr = _el(tbl, "tr")
    left, right = _cell(tr, widths[0]), _cell(tr, widths[1])
    for line in name_lines:
        _para(left, line, align="center", size=nd30.SIZE_AGENCY, bold=True)
    longest = max(len(line) for line in name_lines)  # ~0.55 em per bold capital
    _rule(left, int(longest * nd30.SIZE_AGENCY * 20 * 0.55 * nd30.AGENCY_RULE_RATIO), widths[0])
    _para(right, nd30.QUOC_HIEU, align="center", size=nd30.SIZE_QUOC_HIEU, bold=True)
    _para(right, nd30.TIEU_NGU, align="center", size=nd30.SIZE_TIEU_NGU, bold=True)
    _rule(right, int(len(nd30.TIEU_NGU) * nd30.SIZE_TIEU_NGU * 20 * 0.5), widths[1])


def _info_block(body: etree._Element, info: tuple[tuple[str, str], ...], total: int = 0) -> None:
    """Pre-filled identity lines (label: value), plain text: not editable under form protection."""
    for label, value in info:
        if "\n" in value:
            p = _para(body, size=SIZE_INFO, after=40)
            _run(p, f"{label}: ", size=SIZE_INFO, bold=True)
            _run(p, value, size=SIZE_INFO)
        else:  # the common case, per form: a copy of the label's line with the value set
            p = copy.deepcopy(_info_line(label))
            p[-1][-1].text = value
            body.append(p)


@functools.lru_cache(maxsize=64)
def _info_line(label: str) -> etree._Element:
    p = _para(None, size=SIZE_INFO, after=40)
    _run(p, f"{label}: ", size=SIZE_INFO, bold=True)
    _run(p, "", size=SIZE_INFO)
    return p


def _section_table(body: etree._Element, section: Section, fields: tuple[FieldSpec, ...], total: int,
                   first_id: int) -> int:
    """Heading and table of ``section``, controls numbered from ``first_id``; return the next id."""
    _para(body, section.heading, size=SIZE_INFO, bold=True, before=160, after=80, keep_next=True)
    widths = _scaled([c.width for c in section.columns], total)
    tbl = _table(body, widths, borders=True)
    head = _el(tbl, "tr")
    trpr = _el(head, "trPr")
    _el(trpr, "cantSplit")
    _el(trpr, "tblHeader")  # repeats on every page
    for col, width in zip(section.columns, widths, strict=True):
        _para(_cell(head, width, HEADER_SHADE), col.header, align="center", bold=True)
    run_props = _el(None, "rPr")
    by_cell = {(f.row, f.column): f for f in fields}
    next_id = first_id
    for row in section.rows:
        tr = _el(tbl, "tr")
        _el(_el(tr, "trPr"), "cantSplit")
        fixed = iter(row.fixed)
        for col, width in zip(section.columns, widths, strict=True):
            if col.kind is None:
                value = next(fixed)
                _para(_cell(tr, width), value, align="center" if col.key == "tt" else None)
                continue
            f = by_cell[(row.key, col.key)]
            p = _para(_cell(tr, width, FIELD_SHADE), align="center" if f.kind in ("dropdown", "date") else None)
            p.append(content_control(tag=f.tag, alias=f.label, kind=f.kind, placeholder=f.placeholder,
                                     sdt_id=next_id, options=f.options, run_props=run_props))
            next_id += 1
    return next_id


def _sect_pr(landscape: bool) -> etree._Element:
    pr = _el(None, "sectPr")
    if landscape:
        _el(pr, "pgSz", w=str(nd30.PAGE_H), h=str(nd30.PAGE_W), orient="landscape")
        m = nd30.LANDSCAPE_MARGINS
        _el(pr, "pgMar", top=str(m["top"]), right=str(m["right"]), bottom=str(m["bottom"]), left=str(m["left"]),
            header="567", footer="567", gutter="0")
    else:
        _el(pr, "pgSz", w=str(nd30.PAGE_W), h=str(nd30.PAGE_H))
        _el(pr, "pgMar", top=str(nd30.MARGIN_TOP), right=str(nd30.MARGIN_RIGHT), bottom=str(nd30.MARGIN_BOTTOM),
            left=str(nd30.MARGIN_LEFT), header=str(nd30.HEADER_DISTANCE), footer="567", gutter="0")
    return pr


def text_width(landscape: bool) -> int:
    """Usable line width in twips of a portrait (ND30 margins) or landscape page."""
    return nd30.LANDSCAPE_TEXT_WIDTH if landscape else nd30.TEXT_WIDTH


# --- document.xml as cached pieces ------------------------------------------------------------------
# Forms of one kind share most of their XML: the header (per agency), every table (per criteria set:
# all villages have the same one) and the signature block. Each block is built with lxml once per
# process, serialised exactly as it appears inside the whole document (same namespace prefixes, no
# redeclarations) and cached with its deflate piece; a form costs its few own paragraphs plus copies.
# The caches are bounded, so memory stays flat however many forms are made.

_NSMAP = {"w": W_NS, "r": R_NS, "w14": W14_NS, "mc": MC_NS}


@functools.cache
def _document_ends() -> tuple[Piece, Piece]:
    """What comes before the body's first child and after its last one."""
    root = etree.Element(w("document"), nsmap=_NSMAP)
    root.set(f"{{{MC_NS}}}Ignorable", "w14")
    _el(_el(root, "body"), "p")
    head, tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).split(b"<w:p/>")
    return piece(head), piece(tail)


def _blocks(fill: Callable[[etree._Element], object]) -> bytes:
    """The XML of what ``fill`` appends to an empty body, as it reads inside the document's body."""
    body = etree.Element(w("body"), nsmap=_NSMAP)
    fill(body)
    xml = etree.tostring(body, encoding="UTF-8")
    return b"" if xml.endswith(b"/>") else xml[xml.index(b">") + 1:-len(b"</w:body>")]


@functools.lru_cache(maxsize=64)
def _header_piece(agency_lines: tuple[str, ...], total: int) -> Piece:
    return piece(_blocks(lambda body: _header_block(body, list(agency_lines), total)))


@functools.lru_cache(maxsize=256)
def _section_piece(section: Section, fields: tuple[FieldSpec, ...], total: int, first_id: int) -> tuple[Piece, int]:
    next_id = [first_id]

    def fill(body: etree._Element) -> None:
        next_id[0] = _section_table(body, section, fields, total, first_id)

    xml = _blocks(fill)
    return piece(xml), next_id[0]


@functools.lru_cache(maxsize=64)
def _closing_piece(signer_label: str, total: int) -> Piece:
    """Signature block in the right half (paragraphs, not a table: adjacent tables would merge)."""
    def fill(body: etree._Element) -> None:
        lines = (("…, ngày … tháng … năm …", False, True, 240), (signer_label, True, False, 0),
                 ("(Ký, ghi rõ họ tên)", False, True, 0))
        for value, bold, italic, before in lines:
            _para(body, value, align="center", size=SIZE_INFO, bold=bold, italic=italic, before=before,
                  left=total // 2)

    return piece(_blocks(fill))


@functools.lru_cache(maxsize=8)
def _section_end_piece(landscape: bool, last: bool) -> Piece:
    """The sectPr closing a run of blocks: in a paragraph (a section break) or, last, in the body."""
    if last:
        return piece(_blocks(lambda body: body.append(_sect_pr(landscape))))
    return piece(_blocks(lambda body: _el(_el(body, "p"), "pPr").append(_sect_pr(landscape))))


@functools.lru_cache(maxsize=64)
def _title_xml(title: str, attachment: str) -> bytes:
    def fill(body: etree._Element) -> None:
        _para(body, title, align="center", size=SIZE_FORM_TITLE, bold=True, before=360)
        _para(body, attachment, align="center", size=SIZE_INFO, italic=True, after=200)

    return _blocks(fill)


@functools.lru_cache(maxsize=64)
def _instruction_xml(instruction: str) -> bytes:
    def fill(body: etree._Element) -> None:
        p = _para(body, align="both", before=120, after=80)
        head, _, rest = instruction.partition(": ")
        _run(p, f"{head}: ", size=nd30.SIZE_TABLE, bold=True, italic=True)
        _run(p, rest, size=nd30.SIZE_TABLE, italic=True)

    return _blocks(fill)


@functools.lru_cache(maxsize=64)
def _note_xml(note: str) -> bytes:
    """The footnote of a form showing unverified items (issue 15): small, italic, under the instruction."""
    return _blocks(lambda body: _para(body, note, align="both", size=nd30.SIZE_TABLE - 1, italic=True, after=80))


def _opening(spec: FormSpec) -> bytes:
    """Title, attachment line, identity lines, instruction and note; only the identity lines are per form."""
    return (_title_xml(spec.title, spec.attachment) + _blocks(lambda body: _info_block(body, spec.info))
            + _instruction_xml(spec.instruction) + (_note_xml(spec.note) if spec.note else b""))


def document_pieces(spec: FormSpec, agency_lines: list[str]) -> list[Piece]:
    """``word/document.xml`` of a form as pieces: header, title, instructions, tables, signature.

    Consecutive blocks on pages of the same orientation form one section; a section break (a
    paragraph carrying the ending section's sectPr) separates orientations.
    """
    landscape = spec.landscape
    groups: list[tuple[bool, list[Callable[[int], Piece]]]] = []

    def add(on_landscape: bool, make: Callable[[int], Piece]) -> None:
        if groups and groups[-1][0] == on_landscape:
            groups[-1][1].append(make)
        else:
            groups.append((on_landscape, [make]))

    def opening(total: int) -> Piece:  # not cached: the header is, the rest is this form's own
        return _header_piece(tuple(agency_lines), total)

    next_id = [1]

    def table(section: Section) -> Callable[[int], Piece]:
        fields = tuple(f for f in spec.fields if f.section == section.key)

        def make(total: int) -> Piece:
            result, next_id[0] = _section_piece(section, fields, total, next_id[0])
            return result
        return make

    add(landscape, opening)
    add(landscape, lambda total: piece(_opening(spec)))
    for section in spec.sections:
        add(landscape or section.landscape, table(section))
    add(landscape or (spec.sections[-1].landscape if spec.sections else False),
        lambda total: _closing_piece(spec.signer_label, total))
    head, tail = _document_ends()
    pieces = [head]
    for i, (on_landscape, makers) in enumerate(groups):
        total = text_width(on_landscape)
        pieces += [make(total) for make in makers]
        pieces.append(_section_end_piece(on_landscape, i == len(groups) - 1))
    pieces.append(tail)
    return pieces


def build_form(spec: FormSpec, agency_lines: list[str], proof: dict[str, str] | None = None) -> bytes:
    """The .docx bytes of one form; the same spec gives the same bytes, in any process.

    ``proof``: extra identity properties (the form's MAC, ``formkey``) written after the identity.
    """
    placeholders = tuple(sorted({f.placeholder for f in spec.fields if f.kind != "checkbox"}))
    title = f"{text.upper_vi(spec.title[:1])}{spec.title[1:].lower()} – {spec.unit_name}" if spec.unit_name \
        else spec.title
    return package(document_pieces(spec, agency_lines), title, {**spec.identity, **(proof or {})}, placeholders,
                   author=" ".join(agency_lines))

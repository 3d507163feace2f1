"""Read any .docx into a neutral model of paragraphs with EFFECTIVE formatting, and its sections.

The ND30 checker must judge what Word shows, not what one run happens to say: a font set in a
style, a size in ``docDefaults`` or a paragraph inside a content control count exactly like direct
formatting. This module is the only place of the checker that touches XML; it knows nothing of ND30.

Resolution order (ECMA-376 §17.7.2, simplified): direct run properties → character style chain →
paragraph style chain → table style chain → ``docDefaults``. A toggle property (bold, italic, caps)
takes the nearest level that sets it (the XOR of toggles across style levels is not modelled).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W = f"{{{W_NS}}}"
_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.I)
_FALSE = {"0", "false", "off", "none"}
_THEME_ATTRS = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "cs": "cstheme"}
_JC_ALIASES = {"start": "left", "end": "right"}
_LINE_SHAPES = {"line", "straightConnector1"}


class UnreadableDocx(Exception):
    """Raised when a file is not a readable .docx (not a zip, no main document part, bad XML)."""


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return _W + name


@dataclass(frozen=True)
class Run:
    """One run's visible text and its effective character formatting (size in half-points)."""

    text: str
    fonts: tuple[str | None, str | None, str | None]  # ascii, hAnsi, cs
    size: int | None
    bold: bool
    italic: bool
    color: str | None
    caps: bool
    underline: bool
    placeholder: bool = False  # prompt text of an empty content control, not document content


@dataclass(frozen=True)
class Location:
    """Where a paragraph sits: part, section, index in the part, and its top-level table cell."""

    part: str  # "body" | "header" | "footer"
    section: int  # 0-based
    index: int  # 0-based order of the paragraph within its part
    table: int | None = None  # 0-based order of the top-level table within its part
    row: int | None = None
    col: int | None = None
    kind: str | None = None  # header/footer type: default | first | even


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text, effective paragraph formatting and runs (lengths in twips)."""

    text: str
    loc: Location
    style: str | None
    jc: str | None
    first_line: int  # negative for a hanging indent
    left: int
    before: int
    after: int
    line: int | None
    line_rule: str | None
    borders: frozenset[str]
    has_line_shape: bool
    has_page_field: bool
    runs: tuple[Run, ...]
    right: int = 0
    cell_width: int | None = None  # twips of the table cell the paragraph sits in (text area)
    line_widths: tuple[int, ...] = ()  # twips of each line shape anchored here (0 when unknown)
    num_fmt: str | None = None  # format of its automatic list number (decimal, lowerLetter, …)
    avail: int = 0  # twips its lines may take (cell or text area less indents); 0 when unknown
    start: int = 0  # offset of its text in the source paragraph (a line or column cut from it)
    page: int | None = None  # estimated page of a body paragraph (1-based), for messages

    @property
    def visible_runs(self) -> tuple[Run, ...]:
        """Runs that print something (whitespace-only runs do not show bold or italic)."""
        return tuple(r for r in self.runs if r.text.strip())



@dataclass(frozen=True)
class Section:
    """Section properties (twips) and which header/footer kinds show a PAGE field."""

    index: int
    width: int | None
    height: int | None
    orient: str | None
    margins: dict[str, int]
    title_pg: bool
    page_start: int | None
    headers: dict[str, bool] = field(default_factory=dict)  # kind -> has a PAGE field
    footers: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class DocModel:
    """Every paragraph (body in order, then headers and footers) and every section."""

    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    pages: int = 1  # lower bound of the page count (saved page count, rendered breaks, text length)
    even_and_odd: bool = False  # ``w:evenAndOddHeaders``: even-page headers and footers are used

    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.loc.part == "body"]


def _on(el) -> bool | None:
    """Value of a toggle/boolean element (``<w:b/>`` is on; ``w:val="0"`` is off); None if absent."""
    if el is None:
        return None
    return el.get(w("val"), "1").lower() not in _FALSE


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


class _Styles:
    """Style lookup with based-on chains, document defaults and theme fonts."""

    def __init__(self, styles_el, theme_fonts: dict[str, str]):
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}
        self.theme_fonts = theme_fonts
        self.rpr_default = self.ppr_default = None
        if styles_el is None:
            return
        for st in styles_el.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid:
                self.by_id[sid] = st
                if _on_attr(st.get(w("default"))):
                    self.default.setdefault(st.get(w("type"), ""), sid)
        self.rpr_default = styles_el.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.ppr_default = styles_el.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")

    def chain(self, style_id: str | None, kind: str) -> list[etree._Element]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles cut)."""
        sid = style_id if style_id in self.by_id else self.default.get(kind)
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            based = st.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        return out

    def name(self, style_id: str | None) -> str | None:
        st = self.by_id.get(style_id or self.default.get("paragraph", ""))
        if st is None:
            return None
        name = st.find(w("name"))
        return name.get(w("val")) if name is not None else style_id


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE


def _first(levels: list, path: str):
    """First element found at ``path`` in the property levels, nearest first."""
    for lvl in levels:
        if lvl is None:
            continue
        el = lvl.find(path)
        if el is not None:
            return el
    return None


class _Resolver:
    """Effective paragraph and run properties for one paragraph context."""

    def __init__(self, styles: _Styles):
        self.styles = styles

    def ppr_levels(self, p, table_style: str | None) -> list:
        ppr = p.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")).get(w("val")) if ppr is not None and ppr.find(w("pStyle")) is not None else None
        levels = [ppr]
        levels += [st.find(w("pPr")) for st in self.styles.chain(pstyle, "paragraph")]
        if table_style:
            levels += [st.find(w("pPr")) for st in self.styles.chain(table_style, "table")]
        return levels + [self.styles.ppr_default]

    def rpr_levels(self, r, p, table_style: str | None) -> list:
        rpr = r.find(w("rPr")) if r is not None else None
        rstyle = rpr.find(w("rStyle")) if rpr is not None else None
        levels = [rpr]
        if rstyle is not None:
            levels += [st.find(w("rPr")) for st in self.styles.chain(rstyle.get(w("val")), "character")]
        ppr = p.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")).get(w("val")) if ppr is not None and ppr.find(w("pStyle")) is not None else None
        levels += [st.find(w("rPr")) for st in self.styles.chain(pstyle, "paragraph")]
        if table_style:
            levels += [st.find(w("rPr")) for st in self.styles.chain(table_style, "table")]
        return levels + [self.styles.rpr_default]

    def font(self, levels: list, slot: str) -> str | None:
        """Effective font of one slot; a theme attribute wins over the plain one at its level."""
        for lvl in levels:
            el = lvl.find(w("rFonts")) if lvl is not None else None
            if el is None:
                continue
            theme = el.get(w(_THEME_ATTRS[slot]))
            if theme:
                return self.styles.theme_fonts.get(theme) or f"({theme})"
            if el.get(w(slot)):
                return el.get(w(slot))
        return None

    def run(self, text: str, levels: list, placeholder: bool = False) -> Run:
        def toggle(name: str) -> bool:
            return bool(_on(_first(levels, w(name))))

        sz = _first(levels, w("sz"))
        color = _first(levels, w("color"))
        u = _first(levels, w("u"))
        return Run(
            text=text,
            fonts=(self.font(levels, "ascii"), self.font(levels, "hAnsi"), self.font(levels, "cs")),
            size=_int(sz.get(w("val"))) if sz is not None else None,
            bold=toggle("b"),
            italic=toggle("i"),
            color=color.get(w("val")) if color is not None else None,
            caps=toggle("caps"),
            underline=u is not None and u.get(w("val"), "single") not in _FALSE,
            placeholder=placeholder,
        )


def _attr(levels: list, path: str, names: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Nearest level's value of the first attribute in ``names`` set on ``path`` (and which)."""
    for lvl in levels:
        el = lvl.find(path) if lvl is not None else None
        if el is None:
            continue
        for n in names:
            if el.get(w(n)) is not None:
                return el.get(w(n)), n
    return None, None


def _borders(levels: list) -> frozenset[str]:
    sides = set()
    for side in ("top", "bottom", "left", "right", "between"):
        el = _first(levels, f"{w('pBdr')}/{w(side)}")
        if el is not None and el.get(w("val"), "nil") not in ("nil", "none"):
            sides.add(side)
    return frozenset(sides)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_EMU_PER_TWIP = 635
_VML_PT = re.compile(r"(-?[\d.]+)(pt|in|cm|mm|px)?")
_VML_UNITS = {"pt": 20, "in": 1440, "cm": 567, "mm": 56.7, "px": 15, None: 20}


def _vml_twips(value: str | None) -> float | None:
    m = _VML_PT.match((value or "").strip())
    return float(m.group(1)) * _VML_UNITS[m.group(2)] if m else None


def _shape_width(el) -> int:
    """Twips spanned by a line shape: the DrawingML extent, or the VML ``from``/``to`` or style width."""
    local = etree.QName(el.tag).localname
    if local == "prstGeom":
        node = el
        while node is not None and etree.QName(node.tag).localname not in ("anchor", "inline"):
            node = node.getparent()
        ext = node.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent") \
            if node is not None else None
        return int(_int(ext.get("cx")) or 0) // _EMU_PER_TWIP if ext is not None else 0
    start = (el.get("from") or "").split(",")[0]
    end = (el.get("to") or "").split(",")[0]
    a, b = _vml_twips(start), _vml_twips(end)
    if a is not None and b is not None:
        return int(abs(b - a))
    width = re.search(r"width:([^;]+)", el.get("style") or "")
    return int(_vml_twips(width.group(1)) or 0) if width else 0


_FLAT = 25400  # EMU (2 pt): a shape this thin prints as a line


def _flat_shape(wsp) -> int:
    """Twips of a DrawingML shape that is a horizontal line (height ≤ 2 pt), else 0."""
    ext = wsp.find(f".//{{{A_NS}}}xfrm/{{{A_NS}}}ext")
    if ext is None:
        return 0
    cx, cy = _int(ext.get("cx")) or 0, _int(ext.get("cy")) or 0
    return cx // _EMU_PER_TWIP if cx and cy <= min(_FLAT, cx // 20) else 0


def _flat_vml(el) -> int:
    """Twips of a VML shape or rectangle whose style makes it a horizontal line, else 0."""
    style = dict(kv.split(":", 1) for kv in (el.get("style") or "").split(";") if ":" in kv)
    width, height = _vml_twips(style.get("width")), _vml_twips(style.get("height"))
    if width and height is not None and height <= 40 and width > 20 * height:
        return int(width)
    return 0


def _inline_runs(p) -> tuple[list[tuple[etree._Element, str]], bool, list[int]]:
    """(run element, text) pairs in reading order, whether a PAGE field occurs, line shape widths.

    Descends into hyperlinks, inline content controls, simple fields, insertions and smart tags;
    skips deletions, field instructions and the VML fallback copies of drawings.
    """
    out: list[tuple[etree._Element, str]] = []
    page = False
    shapes: list[int] = []
    instr = ""
    for el in p.iter():
        if el.tag == _MC_FALLBACK or (el.tag == w("p") and el is not p):
            continue
        tag = el.tag
        if tag == w("fldSimple") and _PAGE_FIELD.match(el.get(w("instr"), "")):
            page = True
        elif tag == w("instrText"):
            instr += el.text or ""
            if _PAGE_FIELD.match(instr):
                page = True
        elif tag == w("fldChar") and el.get(w("fldCharType")) == "begin":
            instr = ""
        elif tag == w("r") and not _inside(el, p, (w("del"), w("moveFrom"), _MC_FALLBACK, w("txbxContent"))):
            parts = []
            for c in el:
                if c.tag == w("t"):
                    parts.append(c.text or "")
                elif c.tag == w("tab"):
                    parts.append("\t")
                elif c.tag in (w("br"), w("cr")):
                    parts.append("\n")
                elif c.tag == w("noBreakHyphen"):
                    parts.append("-")
            out.append((el, "".join(parts)))
        elif isinstance(tag, str):
            local = etree.QName(tag).localname
            if ((local == "prstGeom" and el.get("prst") in _LINE_SHAPES) or (local == "line" and "vml" in tag)) \
                    and not _inside(el, p, (_MC_FALLBACK,)):
                shapes.append(_shape_width(el))
            elif local == "wsp" and el.find(f".//{{{A_NS}}}prstGeom") is None and not _inside(el, p, (_MC_FALLBACK,)):
                flat = _flat_shape(el)  # a free-form path or thin rectangle drawn as a line
                if flat:
                    shapes.append(flat)
            elif local in ("shape", "rect") and "vml" in tag and not _inside(el, p, (_MC_FALLBACK,)):
                flat = _flat_vml(el)
                if flat:
                    shapes.append(flat)
    return out, page, shapes


def _is_placeholder(r, p) -> bool:
    """A run showing a content control's placeholder (``w:showingPlcHdr`` or the placeholder style)."""
    style = r.find(f"{w('rPr')}/{w('rStyle')}")
    if style is not None and style.get(w("val"), "").lower() == "placeholdertext":
        return True
    parent = r.getparent()
    while parent is not None:
        if parent.tag == w("sdt") and parent.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None:
            return True
        parent = parent.getparent()
    return False


def _inside(el, stop, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


class _Walker:
    """Walk a part's block content in order, building paragraphs with their locations."""

    def __init__(self, resolver: _Resolver, part: str, kind: str | None = None, section: int = 0,
                 numbering: dict[tuple[str, str], str] | None = None):
        self.res = resolver
        self.part, self.kind, self.section = part, kind, section
        self.numbering = numbering or {}
        self.paragraphs: list[Paragraph] = []
        self.elements: list[etree._Element] = []  # the w:p of each paragraph, for the fixer
        self.breaks: list[tuple[int, int]] = []  # per paragraph: (page breaks Word rendered, explicit breaks)
        self.section_breaks: list[etree._Element] = []
        self.table_count = 0

    def blocks(self, container, cell: tuple[int, int, int, int | None] | None = None,
               tstyle: str | None = None) -> None:
        for child in container:
            if child.tag == w("p"):
                self.paragraph(child, cell, tstyle)
            elif child.tag == w("tbl"):
                self.table(child, cell)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
                if content is not None:
                    self.blocks(content, cell, tstyle)

    def table(self, tbl, outer: tuple[int, int, int, int | None] | None) -> None:
        rows = list(_children(tbl, w("tr")))
        cells = [list(_children(tr, w("tc"))) for tr in rows]
        if outer is None and len(rows) == 1 and len(cells[0]) == 1:
            # A 1×1 table is a frame drawn around content (a boxed trích yếu, a whole letter in a
            # box), not a layout grid: its content is read as if it stood outside the table.
            self.blocks(cells[0][0], None, None)
            return
        if outer is None:
            index, self.table_count = self.table_count, self.table_count + 1
        style_el = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        tstyle = style_el.get(w("val")) if style_el is not None else None
        grid = [_int(g.get(w("w"))) or 0 for g in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        margins = _cell_margins(tbl)
        for r, row in enumerate(cells):
            g = 0
            for c, tc in enumerate(row):
                span_el = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                span = _int(span_el.get(w("val"))) if span_el is not None else 1
                width = sum(grid[g:g + (span or 1)]) or _tc_width(tc)
                g += span or 1
                width = width - margins if width else None
                self.blocks(tc, outer or (index, r, c, width), tstyle)

    def paragraph(self, p, cell: tuple[int, int, int, int | None] | None, tstyle: str | None) -> None:
        self.elements.append(p)
        runs, page, shapes = _inline_runs(p)
        plev = self.res.ppr_levels(p, tstyle)
        jc, _ = _attr(plev, w("jc"), ("val",))
        first, which = _attr(plev, w("ind"), ("firstLine", "hanging", "firstLineChars", "hangingChars"))
        left, _ = _attr(plev, w("ind"), ("left", "start"))
        right, _ = _attr(plev, w("ind"), ("right", "end"))
        before, _ = _attr(plev, w("spacing"), ("before",))
        after, _ = _attr(plev, w("spacing"), ("after",))
        line, _ = _attr(plev, w("spacing"), ("line",))
        rule, _ = _attr(plev, w("spacing"), ("lineRule",))
        num_id, _ = _attr(plev, w("numPr") + "/" + w("numId"), ("val",))
        ilvl, _ = _attr(plev, w("numPr") + "/" + w("ilvl"), ("val",))
        first_line = _int(first) or 0
        if which and which.startswith("hanging"):
            first_line = -first_line
        ppr = p.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        table, row, col, width = cell if cell else (None, None, None, None)
        self.paragraphs.append(Paragraph(
            text="".join(t for _, t in runs),
            loc=Location(self.part, self.section, len(self.paragraphs), table, row, col, self.kind),
            style=self.res.styles.name(pstyle.get(w("val")) if pstyle is not None else None),
            jc=_JC_ALIASES.get(jc, jc) if jc else None,
            first_line=first_line, left=_int(left) or 0,
            before=_int(before) or 0, after=_int(after) or 0,
            line=_int(line), line_rule=(rule or "auto") if line is not None else None,
            borders=_borders(plev), has_line_shape=bool(shapes), has_page_field=page,
            runs=tuple(self.res.run(t, self.res.rpr_levels(r, p, tstyle), _is_placeholder(r, p)) for r, t in runs),
            right=_int(right) or 0, cell_width=width, line_widths=tuple(shapes),
            num_fmt=self.numbering.get((num_id, ilvl or "0")) if num_id not in (None, "0") else None,
        ))
        sect = ppr.find(w("sectPr")) if ppr is not None else None
        explicit = sum(1 for br in p.iter(w("br")) if br.get(w("type")) == "page")
        explicit += bool(ppr is not None and _on(ppr.find(w("pageBreakBefore"))))
        explicit += bool(sect is not None and (sect.find(w("type")) is None
                                              or sect.find(w("type")).get(w("val")) != "continuous"))
        self.breaks.append((len(p.findall(f".//{w('lastRenderedPageBreak')}")), explicit))
        if sect is not None and self.part == "body":
            self.section_breaks.append(sect)
            self.section += 1


def _cell_margins(tbl) -> int:
    """Left + right cell margins of a table (Word's default 108 twips each side)."""
    total = 0
    for side, alt in (("left", "start"), ("right", "end")):
        el = tbl.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}")
        el = el if el is not None else tbl.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(alt)}")
        total += (_int(el.get(w("w"))) or 0) if el is not None else 108
    return total


def _tc_width(tc) -> int:
    el = tc.find(f"{w('tcPr')}/{w('tcW')}")
    return (_int(el.get(w("w"))) or 0) if el is not None and el.get(w("type"), "dxa") == "dxa" else 0


def _numbering(package) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → number format (``decimal``, ``lowerLetter`` …) from the numbering part."""
    for part in package.iter_parts():
        if not part.content_type.endswith("numbering+xml"):
            continue
        root = etree.fromstring(part.blob)
        abstract = {}
        for an in root.findall(w("abstractNum")):
            abstract[an.get(w("abstractNumId"))] = {
                lvl.get(w("ilvl")): (lvl.find(w("numFmt")).get(w("val")) if lvl.find(w("numFmt")) is not None
                                     else "decimal") for lvl in an.findall(w("lvl"))}
        out = {}
        for num in root.findall(w("num")):
            ref = num.find(w("abstractNumId"))
            levels = dict(abstract.get(ref.get(w("val")) if ref is not None else None, {}))
            for over in num.findall(w("lvlOverride")):
                fmt = over.find(f"{w('lvl')}/{w('numFmt')}")
                if fmt is not None:
                    levels[over.get(w("ilvl"))] = fmt.get(w("val"))
            for ilvl, fmt in levels.items():
                out[(num.get(w("numId")), ilvl)] = fmt
        return out
    return {}


def _children(parent, tag: str):
    """Direct children with ``tag``, looking through row/cell-level content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _children(content, tag)


def _theme_fonts(package) -> dict[str, str]:
    """Theme font slots (``minorHAnsi`` …) mapped to typefaces, from the document's theme part."""
    for part in package.iter_parts():
        if part.content_type.endswith("theme+xml"):
            root = etree.fromstring(part.blob)
            out = {}
            for kind in ("major", "minor"):
                font = root.find(f".//{{{A_NS}}}{kind}Font")
                if font is None:
                    continue
                for slot, tag in (("HAnsi", "latin"), ("Ascii", "latin"), ("EastAsia", "ea"), ("Bidi", "cs")):
                    el = font.find(f"{{{A_NS}}}{tag}")
                    if el is not None and el.get("typeface"):
                        out[f"{kind}{slot}"] = el.get("typeface")
            return out
    return {}


def _section(index: int, sect, prev: Section | None, hf_pages: dict[str, bool],
             shown: frozenset[str] | set[str] = frozenset({"default", "first", "even"})) -> tuple[Section, dict, dict]:
    pg = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))
    num = sect.find(w("pgNumType"))
    margins = {k: _int(mar.get(w(k))) or 0 for k in ("top", "bottom", "left", "right", "header", "footer")} \
        if mar is not None else {}
    refs = {"header": dict(prev.headers) if prev else {}, "footer": dict(prev.footers) if prev else {}}
    rids: dict[str, dict[str, str]] = {"header": {}, "footer": {}}
    for part in ("header", "footer"):
        for ref in sect.findall(w(f"{part}Reference")):
            kind = ref.get(w("type"), "default")
            rid = ref.get(f"{{{R_NS}}}id")
            rids[part][kind] = rid
            refs[part][kind] = hf_pages.get(rid, False)
        for kind in set(refs[part]) - set(shown):
            del refs[part][kind]
    return Section(
        index=index,
        width=_int(pg.get(w("w"))) if pg is not None else None,
        height=_int(pg.get(w("h"))) if pg is not None else None,
        orient=pg.get(w("orient")) if pg is not None else None,
        margins=margins,
        title_pg=bool(_on(sect.find(w("titlePg")))),
        page_start=_int(num.get(w("start"))) if num is not None else None,
        headers=refs["header"], footers=refs["footer"],
    ), rids["header"], rids["footer"]


def header_parts(sect_els: list, related: set[str], even_and_odd: bool):
    """(section, part, kind, rId, kinds printed) of every header and footer Word prints, each part once,
    in the order ``read_docx`` reads them; a section without such a part yields ``part=None``.
    Even-page parts without ``evenAndOddHeaders`` and first-page parts without ``titlePg`` are never
    printed, so they are not text of the document."""
    seen: set[str] = set()
    for i, sect in enumerate(sect_els):
        shown = {"default"} | ({"even"} if even_and_odd else set()) | ({"first"} if _on(sect.find(w("titlePg"))) else set())
        yield i, None, None, None, shown
        for part in ("header", "footer"):
            for ref in sect.findall(w(f"{part}Reference")):
                rid, kind = ref.get(f"{{{R_NS}}}id"), ref.get(w("type"), "default")
                if rid in seen or rid not in related or kind not in shown:
                    continue
                seen.add(rid)
                yield i, part, kind, rid, shown


def _settings_on(document, name: str) -> bool:
    """A boolean setting of ``settings.xml`` (``evenAndOddHeaders`` …)."""
    try:
        settings = document.settings.element
    except (KeyError, ValueError):
        return False
    return bool(_on(settings.find(w(name))))


_CHARS_PER_PAGE = 3000  # a full A4 page of 13–14 pt text holds ~3,300 characters; stay under it


def _page_count(document, body: list[Paragraph]) -> int:
    """A lower bound of the page count, without rendering: the count the editor saved, page breaks it
    rendered, explicit page and section breaks, or the text's length, whichever is largest."""
    root = document.element
    saved = 0
    try:
        app = next(p for p in document.part.package.iter_parts() if p.partname.endswith("/app.xml"))
        m = re.search(rb"<(?:\w+:)?Pages>(\d+)<", app.blob)
        saved = int(m.group(1)) if m else 0
    except StopIteration:
        pass
    rendered = len(root.findall(f".//{w('lastRenderedPageBreak')}"))
    explicit = sum(1 for br in root.iter(w("br")) if br.get(w("type")) == "page")
    explicit += len(root.findall(f".//{w('pageBreakBefore')}"))
    sections = len(root.findall(f".//{w('pPr')}/{w('sectPr')}"))
    by_length = sum(len(p.text) for p in body) // _CHARS_PER_PAGE + 1
    return max(saved, rendered + 1, explicit + 1, sections + 1, by_length)


def _with_pages(paragraphs: list[Paragraph], breaks: list[tuple[int, int]]) -> list[Paragraph]:
    """Body paragraphs with their estimated page: from the page breaks Word rendered when it saved the
    file, else from explicit breaks and the text's length (LibreOffice writes no rendered breaks)."""
    rendered = any(r for r, _ in breaks)
    out, page, chars = [], 1, 0
    for p, (r, e) in zip(paragraphs, breaks, strict=True):
        text_page = chars // _CHARS_PER_PAGE
        out.append(replace(p, page=page + (0 if rendered else text_page)))
        page += r if rendered else e
        chars += len(p.text)
    return out


def _with_avail(p: Paragraph, sections: list[Section]) -> Paragraph:
    """The paragraph with the width its lines may take (known only once its section is read)."""
    if p.cell_width:
        base = p.cell_width
    elif p.loc.table is not None:
        return p  # a cell of a table without a grid: width unknown
    else:
        s = sections[min(p.loc.section, len(sections) - 1)] if sections else None
        if s is None or not s.width:
            return p
        base = s.width - s.margins.get("left", 0) - s.margins.get("right", 0)
    return replace(p, avail=max(base - max(p.left, 0) - max(p.right, 0), 1))


def read_docx(path: str | Path | IO[bytes]) -> DocModel:
    """Read ``path`` into a ``DocModel``; raise ``UnreadableDocx`` when it is not a .docx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    source = path if hasattr(path, "read") else str(Path(path))  # a stream: ``container.repack`` output
    try:
        document = docx.Document(source)
        styles_el = document.styles.element
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError) as exc:
        raise UnreadableDocx(str(exc) or type(exc).__name__) from exc
    package = document.part.package
    styles = _Styles(styles_el, _theme_fonts(package))
    resolver = _Resolver(styles)
    numbering = _numbering(package)
    body_el = document.element.body
    body = _Walker(resolver, "body", numbering=numbering)
    body.blocks(body_el)
    final = body_el.find(w("sectPr"))
    sect_els = body.section_breaks + ([final] if final is not None else [])
    related = document.part.related_parts
    even_and_odd = _settings_on(document, "evenAndOddHeaders")

    hf_paragraphs: list[Paragraph] = []
    hf_pages: dict[str, bool] = {}
    sections: list[Section] = []
    printed = dict.fromkeys(range(len(sect_els)), ())
    for i, part, kind, rid, shown in header_parts(sect_els, set(related), even_and_odd):
        printed[i] = shown
        if part:
            walker = _Walker(resolver, part, kind, i, numbering)
            walker.blocks(related[rid].element)
            hf_paragraphs += walker.paragraphs
            hf_pages[rid] = any(p.has_page_field for p in walker.paragraphs)
    for i, sect in enumerate(sect_els):
        section, _, _ = _section(i, sect, sections[-1] if sections else None, hf_pages, printed[i])
        sections.append(section)
    notes: list[Paragraph] = []
    for part in related.values():
        if part.content_type.endswith(("footnotes+xml", "endnotes+xml")):
            walker = _Walker(resolver, "footnote", None, 0, numbering)
            for note in etree.fromstring(part.blob):
                if _int(note.get(w("id"))) is not None and _int(note.get(w("id"))) > 0:
                    walker.blocks(note)
            notes += walker.paragraphs
    paged = _with_pages(body.paragraphs, body.breaks)
    paragraphs = [_with_avail(p, sections) for p in paged + hf_paragraphs + notes]
    return DocModel(paragraphs=tuple(paragraphs), sections=tuple(sections),
                    pages=_page_count(document, body.paragraphs), even_and_odd=even_and_odd)

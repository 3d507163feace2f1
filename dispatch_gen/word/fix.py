"""Apply mechanical formatting fixes to a .docx and return the new file's bytes.

The checker (``check.fix``) decides WHAT to change from the ND30 rules; this module only knows how
to change WordprocessingML: set a run's size, a paragraph's spacing, a section's margins, the text
faces of every run and style, replace a few characters of one paragraph, normalise text to NFC.
Paragraphs are addressed by their order in the body as ``inspect`` walks it, and characters by
their offset in the paragraph's text (tabs and breaks count as one character, as there).
The source file is only read; the caller writes the bytes (``output.py``).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .inspect import _inline_runs, _Resolver, _settings_on, _Styles, _Walker, header_parts, w

# Child order of w:rPr and w:pPr (ECMA-376 §17.3.2.28, §17.3.1.26): new children go in their place.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_THEME = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme"}


@dataclass
class Fixes:
    """What to change. Body paragraphs by index; ``(index, start, end, value)`` spans of their text."""

    font: str | None = None  # text face of every run, style and default …
    keep_faces: tuple[str, ...] = ()  # … except these (symbol faces)
    nfc: bool = False
    margins: dict[int, dict[str, int]] = field(default_factory=dict)  # section → edge → twips
    sizes: list[tuple[int, int, int, int]] = field(default_factory=list)  # half-points
    # header/footer runs: ((section, part, kind), index, start, end, half-points), as ``inspect`` locates them
    hf_sizes: list[tuple[tuple[int, str, str], int, int, int, int]] = field(default_factory=list)
    gaps: dict[int, int] = field(default_factory=dict)  # index → space after (twips)
    lines: dict[int, int] = field(default_factory=dict)  # index → line spacing (auto, 240ths)
    texts: list[tuple[int, int, int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.font or self.nfc or self.margins or self.sizes or self.hf_sizes or self.gaps or self.lines
                    or self.texts)


def _child(parent, name: str, order: tuple[str, ...]):
    """The ``w:name`` child of ``parent``, created in its schema position when missing."""
    el = parent.find(w(name))
    if el is not None:
        return el
    el = etree.SubElement(parent, w(name))
    rank = order.index(name)
    for sibling in list(parent):
        if sibling is el:
            continue
        local = etree.QName(sibling).localname if isinstance(sibling.tag, str) else ""
        if local in order and order.index(local) > rank:
            sibling.addprevious(el)
            break
    return el


def _first_child(parent, name: str):
    """``w:rPr``/``w:pPr``: always the element's first child."""
    el = parent.find(w(name))
    if el is None:
        el = etree.Element(w(name))
        parent.insert(0, el)
    return el


def _spans(p) -> list[tuple[int, int, etree._Element]]:
    """(start, end, run) of every run of a paragraph, offsets as ``inspect`` counts them."""
    out, pos = [], 0
    for r, text in _inline_runs(p)[0]:
        out.append((pos, pos + len(text), r))
        pos += len(text)
    return out


def _set_size(p, start: int, end: int, half_points: int) -> None:
    for a, b, r in _spans(p):
        if a < end and b > start and b > a:
            rpr = _first_child(r, "rPr")
            for name in ("sz", "szCs"):
                _child(rpr, name, _RPR_ORDER).set(w("val"), str(half_points))


def _replace_text(p, start: int, end: int, new: str) -> bool:
    """Replace characters [start, end) of the paragraph's text, kept in the first run touched."""
    pieces, pos = [], 0
    for r, _text in _inline_runs(p)[0]:
        for c in r:
            if c.tag == w("t"):
                pieces.append((pos, pos + len(c.text or ""), c))
                pos += len(c.text or "")
            elif c.tag in (w("tab"), w("br"), w("cr"), w("noBreakHyphen")):
                if start <= pos < end:
                    return False  # a tab or break inside the span: leave the layout as it is
                pos += 1
    first = True
    for a, b, t in pieces:
        if b <= start or a >= end:
            continue
        s = t.text or ""
        keep_left, keep_right = s[: max(start - a, 0)], s[max(end - a, 0):] if end < b else ""
        t.text = keep_left + (new if first else "") + keep_right
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        first = False
    return not first


def _fonts(root, face: str, keep: tuple[str, ...]) -> None:
    for el in root.iter(w("rFonts")):
        for slot in ("ascii", "hAnsi"):
            current = el.get(w(slot))
            if current in keep:
                continue
            el.attrib.pop(w(_THEME[slot]), None)
            el.set(w(slot), face)


def _nfc(root) -> None:
    for t in root.iter(w("t")):
        if t.text and unicodedata.normalize("NFC", t.text) != t.text:
            t.text = unicodedata.normalize("NFC", t.text)


def apply_fixes(path: str | Path, fixes: Fixes) -> bytes:
    """The bytes of ``path`` with ``fixes`` applied (the file itself is not changed)."""
    import docx

    document = docx.Document(str(path))
    body_el = document.element.body
    walker = _Walker(_Resolver(_Styles(document.styles.element, {})), "body")
    walker.blocks(body_el)
    paragraphs = walker.elements
    for index, start, end, hp in fixes.sizes:
        _set_size(paragraphs[index], start, end, hp)
    for index, after in fixes.gaps.items():
        spacing = _child(_first_child(paragraphs[index], "pPr"), "spacing", _PPR_ORDER)
        spacing.set(w("after"), str(after))
    for index, line in fixes.lines.items():
        spacing = _child(_first_child(paragraphs[index], "pPr"), "spacing", _PPR_ORDER)
        spacing.set(w("line"), str(line))
        spacing.set(w("lineRule"), "auto")
    for index, start, end, new in fixes.texts:
        _replace_text(paragraphs[index], start, end, new)
    final = body_el.find(w("sectPr"))
    sections = walker.section_breaks + ([final] if final is not None else [])
    for i, edges in fixes.margins.items():
        mar = sections[i].find(w("pgMar"))
        for edge, value in edges.items():
            mar.set(w(edge), str(value))
    related = document.part.related_parts
    wanted = {key for key, *_ in fixes.hf_sizes}
    for i, part, kind, rid, _shown in header_parts(sections, set(related), _settings_on(document, "evenAndOddHeaders")):
        if (i, part, kind) in wanted:
            hf = _Walker(walker.res, part)
            hf.blocks(related[rid].element)
            for key, index, start, end, hp in fixes.hf_sizes:
                if key == (i, part, kind):
                    _set_size(hf.elements[index], start, end, hp)
    roots = [document.element, document.styles.element]
    xml_parts = [p for p in document.part.package.iter_parts()
                 if p.content_type.endswith(("header+xml", "footer+xml", "footnotes+xml", "endnotes+xml",
                                             "numbering+xml"))]
    for part in xml_parts:
        root = getattr(part, "element", None)
        blob_root = root if root is not None else etree.fromstring(part.blob)
        if fixes.font:
            _fonts(blob_root, fixes.font, fixes.keep_faces)
        if fixes.nfc:
            _nfc(blob_root)
        if root is None:
            part._blob = etree.tostring(blob_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for root in roots:
        if fixes.font:
            _fonts(root, fixes.font, fixes.keep_faces)
        if fixes.nfc:
            _nfc(root)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

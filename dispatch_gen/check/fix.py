"""``check --fix``: the deviations that need no judgement, corrected in a new file.

Fixed: text faces (every run and style to Times New Roman; symbol faces kept), sizes of the located
elements (each run outside its element's range set to the nearest bound), paragraph gaps and line
spacing of the body, margins (each edge into its range), the tiêu ngữ's dashes and spaces, the date's
day and month padding, decomposed text (NFC). Not fixed, because a person must decide: wording,
missing elements, alignment, bold/italic, colours (red marks a draft's variable parts), page
numbers, appendices. The original file is only read; the caller writes the returned bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import nd30, text
from ..word.fix import Fixes, apply_fixes
from ..word.inspect import Paragraph, read_docx
from .locate import Doc, locate
from .rules import _DATE, _DATE_LOOSE, _line_ok, _margins_fit, short_gaps

_TURNED = {"top": "left", "bottom": "right", "left": "bottom", "right": "top"}


def _sizes(doc: Doc) -> list[tuple[Paragraph, str]]:
    """(paragraph or line, size range key) of every located element."""
    pairs: list[tuple[Paragraph | None, str]] = [
        (doc.quoc_hieu, "quoc_hieu"), (doc.tieu_ngu, "tieu_ngu"), (doc.so, "so"), (doc.date, "date"),
        (doc.vv, "vv"), (doc.type_para, "type"), (doc.kinh_gui, "kinh_gui"), (doc.noi_nhan, "noi_nhan_label")]
    pairs += [(p, "agency") for p in doc.agency] + [(p, "subject") for p in doc.subject_lines]
    pairs += [(p, "kinh_gui") for p in doc.recipients] + [(p, "noi_nhan") for p in doc.entries]
    pairs += [(p, "sign") for p in doc.signature] + [(p, "body") for p in doc.body]
    pairs += [(p, "appendix_label") for p in doc.appendices]
    pairs += [(p, "page_number") for p in doc.model.paragraphs if p.loc.part == "header" and p.has_page_field]
    if doc.noi_nhan is not None and doc.entries and doc.entries[0].loc.index == doc.noi_nhan.loc.index \
            and doc.entries[0].start == doc.noi_nhan.start:
        pairs = [(p, k) for p, k in pairs if p is not doc.noi_nhan]  # label and entry share a line
    return [(p, k) for p, k in pairs if p is not None]


def _size_fixes(doc: Doc) -> tuple[list[tuple[int, int, int, int]], list]:
    """Runs outside their element's size range, set to the nearest bound: (body, header/footer)."""
    body, hf = [], []
    for p, key in _sizes(doc):
        lo, hi = nd30.SIZE_RANGES[key]
        pos = p.start
        for r in p.runs:
            size = r.size or 20
            if r.text.strip() and not lo * 2 <= size <= hi * 2:
                edit = (p.loc.index, pos, pos + len(r.text), min(max(size, lo * 2), hi * 2))
                if p.loc.part == "body":
                    body.append(edit)
                else:
                    hf.append(((p.loc.section, p.loc.part, p.loc.kind), *edit))
            pos += len(r.text)
    return body, hf


def _margin_fixes(doc: Doc) -> dict[int, dict[str, int]]:
    out = {}
    plain = {e: e for e in ("top", "bottom", "left", "right")}
    for s in doc.model.sections:
        landscape = s.orient == "landscape" or (s.width or 0) > (s.height or 0)
        mapping = _TURNED if landscape else plain
        if _margins_fit(s.margins, plain) or (landscape and _margins_fit(s.margins, _TURNED)):
            continue
        out[s.index] = {e: min(max(s.margins.get(e, 0), lo), hi)
                        for e in plain for lo, hi in [nd30.MARGIN_RANGES[mapping[e]]]}
    return out


def _text_fixes(doc: Doc) -> list[tuple[int, int, int, str]]:
    """The tiêu ngữ with its dashes and spaces, the date with its padding, when only those are wrong."""
    out = []
    tn = doc.tieu_ngu
    if tn is not None and " ".join(text.nfc(tn.text).split()) != nd30.TIEU_NGU:
        out.append(_span(tn, nd30.TIEU_NGU))
    d = doc.date
    if d is not None and not _DATE.match(" ".join(text.nfc(d.text).split())):
        m = _DATE_LOOSE.match(" ".join(text.nfc(d.text).split()))
        if m and m.group("place").strip():
            try:
                day = int(m.group("d")) if m.group("d") else None
                fixed = text.place_date(m.group("place").strip(), int(m.group("y")), int(m.group("m")), day)
            except ValueError:
                fixed = None
            if fixed and _DATE.match(" ".join(fixed.split())):
                out.append(_span(d, fixed))
    return out


def _span(p: Paragraph, new: str) -> tuple[int, int, int, str]:
    lead = len(p.text) - len(p.text.lstrip())
    return p.loc.index, p.start + lead, p.start + len(p.text.rstrip()), new


def _spacing_fixes(doc: Doc) -> tuple[dict[int, int], dict[int, int]]:
    gaps = {p.loc.index: nd30.MIN_PARA_GAP - p.before for p in short_gaps(doc)}
    lines = {p.loc.index: nd30.LINE_SPACING_RANGE[0] for p in doc.body if not _line_ok(p)}
    return gaps, lines


def plan(path: str | Path) -> Fixes:
    """What ``--fix`` changes in ``path``."""
    doc = locate(read_docx(path))
    gaps, lines = _spacing_fixes(doc)
    sizes, hf_sizes = _size_fixes(doc)
    return Fixes(font=nd30.FONT, keep_faces=nd30.SYMBOL_FONTS, nfc=True, margins=_margin_fixes(doc), sizes=sizes, hf_sizes=hf_sizes, gaps=gaps,
                 lines=lines, texts=_text_fixes(doc))


def fixed_bytes(path: str | Path) -> bytes:
    """The fixed document's bytes; ``path`` itself is only read."""
    return apply_fixes(path, plan(path))


def fixed_name(path: str | Path) -> Path:
    """Where ``--fix`` writes by default: beside the original, ``<name>.fixed.docx``."""
    path = Path(path)
    return path.with_name(re.sub(r"\.docx$", "", path.name, flags=re.I) + ".fixed.docx")

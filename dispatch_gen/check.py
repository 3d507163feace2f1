"""Stage ``check``: ND30 conformance of any .docx, one ``Violation`` per thing wrong.

Covers the machine-checkable rules of shared/nd30.md §17 that apply to a single .docx, judged on
EFFECTIVE formatting (``word.inspect`` resolves styles and defaults), so a document that merely
looks right in one run but inherits Arial from a style is still caught. The document kind decides
which rules apply: a công văn (``V/v`` under the Số line), a named type (``BÁO CÁO`` …), or an
attachment such as a fillable form (no Số line: only page, font, colour, text and header rules).
Rule ids are the §17 numbers (``17.11``) so a clerk or developer can look the rule up.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import nd30, text
from .errors import FormReadError
from .messages import t
from .models import AUTHORITIES, DOC_TYPES, SYMBOL_PART
from .word.inspect import DocModel, Paragraph, Section, UnreadableDocx, read_docx

log = logging.getLogger(__name__)

COMMON, CONG_VAN, NAMED, FORM = "common", "cong_van", "named", "form"
DISPATCH_KINDS = (CONG_VAN, NAMED)
_SO = re.compile(rf"^Số: ?(?P<n>0[1-9]|[1-9]\d+| +)/(?P<sym>{SYMBOL_PART}(?:-{SYMBOL_PART})*)$")
_SO_LOOSE = re.compile(r"^Số\s*[:.]?\s*(?P<n>\d*)\s*/\s*(?P<sym>\S+)")
_SO_START = re.compile(r"^\s*Số\s*(:|\d*\s*/)")
_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>0[1-9]|[12]\d|3[01]| +) tháng "
                   r"(?P<m>0[12]|[3-9]|1[0-2]) năm (?P<y>\d{4})$")
_DATE_LOOSE = re.compile(r"^(?P<place>[^,]*?),?\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})")
_VV = re.compile(r"^V\s*/\s*v\b", re.I)
_AUTHORITY = re.compile("^({}) ".format("|".join(re.escape(a) for a in AUTHORITIES)))
_ACADEMIC = re.compile(r"^(GS|PGS|TS|ThS|BS|CN|KS)\.\s*")
_LUU = re.compile(r"^- Lưu: VT(, .+)?\.$")
_APPENDIX = re.compile(r"^Phụ lục( [IVXLC]+)?$")
_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")
_TYPE_ABBRS = {a for a in DOC_TYPES.values() if a}
_NAMED_TYPES = {text.upper_vi(n): n for n, a in DOC_TYPES.items() if a}
_JC_KEYS = {"center": "check_jc_center", "both": "check_jc_both", "left": "check_jc_left",
            "right": "check_jc_right", "distribute": "check_jc_both"}
_HEADER_SCAN = 60  # paragraphs from the top where the header elements may sit


@dataclass(frozen=True)
class Violation:
    """One rule broken: which (§17 number), where, what was found, what ND30 requires."""

    rule: str
    where: str
    found: str
    required: str


@dataclass(frozen=True)
class Fmt:
    """Required formatting of an element: size range key, bold, italic, allowed alignments."""

    size: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    jc: tuple[str, ...] | None = None


@dataclass
class Doc:
    """A document's model with its ND30 elements located (None or empty when absent)."""

    model: DocModel
    kind: str = FORM
    type_name: str | None = None
    quoc_hieu: Paragraph | None = None
    tieu_ngu: Paragraph | None = None
    agency: list[Paragraph] = field(default_factory=list)
    so: Paragraph | None = None
    date: Paragraph | None = None
    vv: Paragraph | None = None
    type_para: Paragraph | None = None
    subject: Paragraph | None = None
    kinh_gui: Paragraph | None = None
    recipients: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan: Paragraph | None = None
    entries: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)

    def after(self, p: Paragraph | None, same_cell: bool = True) -> Paragraph | None:
        """The next non-empty body paragraph after ``p`` (in its table cell when it has one)."""
        if p is None:
            return None
        for q in self.model.body()[p.loc.index + 1:]:
            if same_cell and (q.loc.table, q.loc.row, q.loc.col) != (p.loc.table, p.loc.row, p.loc.col):
                return None
            if q.text.strip():
                return q
        return None


# --- small pure helpers ------------------------------------------------------------------------

def _fold(s: str) -> str:
    """Loose key to find an element whatever its defects (case, spacing, dashes, HOÀ/HÒA, NFD)."""
    s = text.nfc(s).casefold().replace("hoà", "hòa")
    return re.sub(r"\s+", " ", _DASHES.sub("-", s)).strip()


def _pt(half_points: int | None) -> str:
    return text.format_number((half_points or 20) / 2, 1).removesuffix(",0")


def _mm(twips: int) -> str:
    return text.format_number(twips / 1440 * 25.4, 1).removesuffix(",0")


def _snippet(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def where(p: Paragraph) -> str:
    """Clerk-readable place of a paragraph: part, table cell, and its first words."""
    loc = p.loc
    if loc.part in ("header", "footer"):
        place = t(f"check_where_{loc.part}", kind=t(f"check_hf_{loc.kind or 'default'}"), s=loc.section + 1)
    elif loc.table is not None:
        place = t("check_where_cell", t=loc.table + 1, r=loc.row + 1, c=loc.col + 1)
    else:
        place = t("check_where_body", n=loc.index + 1)
    return f"{place} «{_snippet(p.text)}»" if p.text.strip() else place


def _jc_name(jc: str | None) -> str:
    return t(_JC_KEYS.get(jc or "left", "check_jc_left"))


def format_problems(p: Paragraph, fmt: Fmt) -> tuple[list[str], list[str]]:
    """What is wrong with ``p`` against ``fmt``: (found parts, required parts)."""
    found, required = [], []
    runs = p.visible_runs
    if fmt.size and runs:
        lo, hi = nd30.SIZE_RANGES[fmt.size]
        bad = sorted({r.size or 20 for r in runs if not lo * 2 <= (r.size or 20) <= hi * 2})
        if bad:
            found.append(t("check_size", pt=", ".join(_pt(s) for s in bad)))
            required.append(t("check_size", pt=f"{lo}–{hi}" if lo != hi else str(lo)))
    for attr, want in (("bold", fmt.bold), ("italic", fmt.italic)):
        if want is None or not runs:
            continue
        ok = all(getattr(r, attr) for r in runs) if want else not any(getattr(r, attr) for r in runs)
        if not ok:
            found.append(t(f"check_{'' if not want else 'not_'}{attr}"))
            required.append(t(f"check_{'not_' if not want else ''}{attr}"))
    if fmt.jc and (p.jc or "left") not in fmt.jc:
        found.append(t("check_align", how=_jc_name(p.jc)))
        required.append(t("check_align", how=" / ".join(_jc_name(j) for j in fmt.jc)))
    return found, required


def _fmt_violation(rule: str, p: Paragraph | None, fmt: Fmt) -> Iterator[Violation]:
    if p is None:
        return
    found, required = format_problems(p, fmt)
    if found:
        yield Violation(rule, where(p), "; ".join(found), "; ".join(required))


def _missing(rule: str, element_key: str, required: str) -> Violation:
    return Violation(rule, t("check_where_document"), t("check_missing", el=t(element_key)), required)


def _has_rule_under(doc: Doc, p: Paragraph) -> bool:
    """A drawn line under ``p``: its bottom border, a line shape, or an empty paragraph right after it
    (same cell) that carries a border or a line shape — the usual ways to draw a short rule."""
    if "bottom" in p.borders or p.has_line_shape:
        return True
    body = doc.model.body()
    nxt = body[p.loc.index + 1] if p.loc.index + 1 < len(body) else None
    same = nxt is not None and (nxt.loc.table, nxt.loc.row, nxt.loc.col) == (p.loc.table, p.loc.row, p.loc.col)
    return same and not nxt.text.strip() and bool({"top", "bottom"} & nxt.borders or nxt.has_line_shape)


def _aggregate(rule: str, hits: Iterable[tuple[Paragraph, str]], required: str) -> Iterator[Violation]:
    """One violation per distinct finding, naming its first place and how many others."""
    groups: dict[str, list[Paragraph]] = {}
    for p, found in hits:
        groups.setdefault(found, []).append(p)
    for found, ps in groups.items():
        place = where(ps[0])
        if len(ps) > 1:
            place += " " + t("check_and_more", n=len(ps) - 1)
        yield Violation(rule, place, found, required)


# --- locating the elements ---------------------------------------------------------------------

def locate(model: DocModel) -> Doc:
    """Find the header, Số, date, V/v or type name, Kính gửi, body, Nơi nhận and signature."""
    doc = Doc(model)
    body = model.body()
    top = body[:_HEADER_SCAN]
    qh_key, tn_key = _fold(nd30.QUOC_HIEU), _fold(nd30.TIEU_NGU)
    doc.quoc_hieu = next((p for p in top if _fold(p.text) == qh_key), None)
    doc.tieu_ngu = next((p for p in top if _fold(p.text) == tn_key), None)
    qh = doc.quoc_hieu
    header = [p for p in body if qh is not None and qh.loc.table is not None and p.loc.table == qh.loc.table]
    doc.so = next((p for p in header + top if _SO_START.match(p.text)), None)
    doc.date = next((p for p in header + top if re.search(r"ngày\b.*tháng\b.*năm\b", p.text)
                     and not p.text.lstrip().startswith("(") and p is not doc.so), None)
    if qh is not None and qh.loc.table is not None:
        doc.agency = [p for p in header if p.loc.row == qh.loc.row and p.loc.col < qh.loc.col
                      and p.text.strip() and p.loc.index < (doc.so.loc.index if doc.so else 10**9)]
    nxt = doc.after(doc.so, same_cell=False)
    if nxt is not None and nxt is not doc.date and _VV.match(nxt.text.strip()):
        doc.vv = nxt
    start = doc.so.loc.index if doc.so else -1
    doc.type_para = next((p for p in top if p.loc.index > start and p.loc.table is None
                          and text.nfc(p.text.strip()) in _NAMED_TYPES), None)
    if doc.so is None:
        doc.kind = FORM
    elif doc.vv is None and doc.type_para is not None:
        doc.kind, doc.type_name = NAMED, _NAMED_TYPES[text.nfc(doc.type_para.text.strip())]
        doc.subject = doc.after(doc.type_para, same_cell=False)
    else:
        doc.kind = CONG_VAN
    if doc.kind == FORM:
        return doc
    _locate_tail(doc, body)
    return doc


def _locate_tail(doc: Doc, body: list[Paragraph]) -> None:
    """Kính gửi and recipients, Nơi nhận and signature, and the body between them."""
    main = doc.so.loc.section
    doc.kinh_gui = next((p for p in body[: _HEADER_SCAN + 20] if _fold(p.text).startswith("kính gửi")), None)
    if doc.kinh_gui is not None:
        for p in body[doc.kinh_gui.loc.index + 1:]:
            if not p.text.strip():
                continue
            if not p.text.strip().startswith(("-", "–")):
                break
            doc.recipients.append(p)
    doc.noi_nhan = next((p for p in body if p.loc.section == main and _fold(p.text).startswith("nơi nhận")), None)
    nn = doc.noi_nhan
    if nn is not None:
        cell = [p for p in body if (p.loc.table, p.loc.row, p.loc.col) == (nn.loc.table, nn.loc.row, nn.loc.col)]
        doc.entries = [p for p in cell if p.loc.index > nn.loc.index and p.text.strip().startswith(("-", "–"))]
        if nn.loc.table is not None:
            doc.signature = [p for p in body if p.loc.table == nn.loc.table and p.loc.row == nn.loc.row
                             and p.loc.col > nn.loc.col and p.text.strip()]
    if not doc.signature:
        first = next((p for p in body if p.loc.section == main and _AUTHORITY.match(p.text.strip())), None)
        if first is not None:
            doc.signature = [p for p in body if p.loc.index >= first.loc.index and p.text.strip()
                             and (p.loc.table, p.loc.col) == (first.loc.table, first.loc.col)][:6]
    doc.signature = [p for p in doc.signature if not p.text.strip().startswith("(")]
    head_end = max(p.loc.index for p in [doc.so, doc.date, doc.vv, doc.type_para, doc.subject,
                                          doc.kinh_gui, *doc.recipients] if p is not None)
    tail = [p.loc.index for p in [doc.noi_nhan, *doc.signature] if p is not None]
    end = min(tail) if tail else 10**9
    table_end = {p.loc.table for p in [doc.noi_nhan, *doc.signature] if p is not None and p.loc.table is not None}
    doc.body = [p for p in body if head_end < p.loc.index < end and p.loc.table is None
                and p.loc.section == main and p.text.strip() and p.loc.table not in table_end]


# --- rules: each a small function of the located document --------------------------------------

def rule_page(doc: Doc) -> Iterator[Violation]:
    """17.1: A4 everywhere; the main section portrait (appendix and form sections may be landscape)."""
    tol = nd30.PAGE_TOLERANCE
    for s in doc.model.sections:
        place = t("check_where_section", s=s.index + 1)
        dims = sorted((s.width or 0, s.height or 0))
        if abs(dims[0] - nd30.PAGE_W) > tol or abs(dims[1] - nd30.PAGE_H) > tol:
            yield Violation("17.1", place, t("check_page_size", w=_mm(s.width or 0), h=_mm(s.height or 0)),
                            t("check_page_a4"))
        landscape = s.orient == "landscape" or (s.width or 0) > (s.height or 0)
        if landscape and s.index == _main_section(doc) and doc.kind in DISPATCH_KINDS:
            yield Violation("17.1", place, t("check_landscape"), t("check_portrait"))


def _main_section(doc: Doc) -> int:
    return doc.so.loc.section if doc.so else 0


def _margins_fit(m: dict[str, int], mapping: dict[str, str]) -> bool:
    return all(lo <= m.get(edge, 0) <= hi for edge, (lo, hi) in
               ((e, nd30.MARGIN_RANGES[mapping[e]]) for e in ("top", "bottom", "left", "right")))


def rule_margins(doc: Doc) -> Iterator[Violation]:
    """17.2: margins in range; a landscape section may carry the portrait margins turned with the page."""
    plain = {e: e for e in ("top", "bottom", "left", "right")}
    turned = ({"top": "left", "bottom": "right", "left": "bottom", "right": "top"},
              {"top": "right", "bottom": "left", "left": "top", "right": "bottom"})
    for s in doc.model.sections:
        landscape = s.orient == "landscape" or (s.width or 0) > (s.height or 0)
        if _margins_fit(s.margins, plain) or (landscape and any(_margins_fit(s.margins, m) for m in turned)):
            continue
        for edge, (lo, hi) in nd30.MARGIN_RANGES.items():
            value = s.margins.get(edge, 0)
            if not lo <= value <= hi:
                yield Violation("17.2", t("check_where_section", s=s.index + 1),
                                t("check_margin", edge=t(f"check_edge_{edge}"), mm=_mm(value)),
                                t("check_margin", edge=t(f"check_edge_{edge}"), mm=f"{_mm(lo)}–{_mm(hi)}"))


def rule_font(doc: Doc) -> Iterator[Violation]:
    """17.3/17.5: every printed run in Times New Roman (ascii, hAnsi, cs); legacy fonts are caught here."""
    hits = [(p, t("check_font", font=f)) for p in doc.model.paragraphs for r in p.visible_runs
            for f in dict.fromkeys(r.fonts) if f is not None and f != nd30.FONT]
    yield from _aggregate("17.3", hits, nd30.FONT)


def rule_colour(doc: Doc) -> Iterator[Violation]:
    """17.4: text is black (auto or 000000); red seals and blue signatures are images, not text.

    Placeholder prompts of empty content controls are exempt: Word greys them and they vanish once
    the officer types an answer.
    """
    hits = [(p, t("check_colour", colour=r.color)) for p in doc.model.paragraphs for r in p.visible_runs
            if r.color and r.color.lower() not in nd30.BLACK_COLOURS and not r.placeholder]
    yield from _aggregate("17.4", hits, t("check_black"))


def rule_nfc(doc: Doc) -> Iterator[Violation]:
    """17.5: text stored precomposed (NFC), so search, sorting and fonts treat it as one letter."""
    hits = [(p, t("check_not_nfc")) for p in doc.model.paragraphs if text.nfc(p.text) != p.text]
    yield from _aggregate("17.5", hits, t("check_nfc"))


def rule_quoc_hieu(doc: Doc) -> Iterator[Violation]:
    """17.6: the exact quốc hiệu, 12–13 pt bold upright, centred in the right header cell."""
    p = doc.quoc_hieu
    if p is None:
        if doc.kind in DISPATCH_KINDS:
            yield _missing("17.6", "check_el_quoc_hieu", nd30.QUOC_HIEU)
        return
    if p.text.strip() != nd30.QUOC_HIEU:
        yield Violation("17.6", where(p), f"«{p.text.strip()}»", f"«{nd30.QUOC_HIEU}»")
    yield from _fmt_violation("17.6", p, Fmt("quoc_hieu", True, False, ("center",)))
    if p.loc.table is not None and p.loc.col == 0:
        yield Violation("17.6", where(p), t("check_in_left_cell"), t("check_in_right_cell"))


def rule_tieu_ngu(doc: Doc) -> Iterator[Violation]:
    """17.7/17.8: the exact tiêu ngữ (hyphen-minus with spaces), 13–14 pt bold, a drawn line under it."""
    p = doc.tieu_ngu
    if p is None:
        if doc.quoc_hieu is not None:
            yield _missing("17.7", "check_el_tieu_ngu", nd30.TIEU_NGU)
        return
    if p.text.strip() != nd30.TIEU_NGU:
        yield Violation("17.7", where(p), f"«{p.text.strip()}»", f"«{nd30.TIEU_NGU}»")
    yield from _fmt_violation("17.7", p, Fmt("tieu_ngu", True, False, ("center",)))
    if not _has_rule_under(doc, p):
        underlined = any(r.underline for r in p.visible_runs)
        yield Violation("17.8", where(p), t("check_underlined" if underlined else "check_no_rule"),
                        t("check_rule_under"))


def rule_agency(doc: Doc) -> Iterator[Violation]:
    """17.9/17.10: agency lines uppercase 12–13 pt; the issuing agency bold with a short line under it."""
    lines = doc.agency
    if not lines:
        if doc.kind in DISPATCH_KINDS:
            yield _missing("17.9", "check_el_agency", t("check_agency_required"))
        return
    bold_from = next((i for i, p in enumerate(lines) if all(r.bold for r in p.visible_runs)), len(lines) - 1)
    for i, p in enumerate(lines):
        if p.text.strip() != text.upper_vi(p.text.strip()):
            yield Violation("17.9", where(p), t("check_not_upper"), t("check_upper"))
        yield from _fmt_violation("17.9", p, Fmt("agency", i >= bold_from, False, ("center",)))
    if not _has_rule_under(doc, lines[-1]):
        yield Violation("17.10", where(lines[-1]), t("check_no_rule"), t("check_rule_under_agency"))


def rule_so(doc: Doc) -> Iterator[Violation]:
    """17.11/17.12: ``Số: 05/UBND-VP`` form, 13 pt regular, centred in the left cell; ký hiệu fits the type."""
    p = doc.so
    s = p.text.strip()
    m = _SO.match(s)
    parts = m.group("sym").split("-") if m else []
    if m is None or (doc.kind == NAMED and len(parts) < 2):
        loose = _SO_LOOSE.match(s)
        suggestion = t("check_so_form")
        if loose and loose.group("n").isdigit() and int(loose.group("n")) > 0:
            suggestion = text.so_line(int(loose.group("n")), loose.group("sym"))
        yield Violation("17.11", where(p), f"«{s}»", suggestion)
    yield from _fmt_violation("17.11", p, Fmt("so", False, False, ("center",)))
    if p.loc.table is not None and p.loc.col != 0:
        yield Violation("17.11", where(p), t("check_in_right_cell"), t("check_in_left_cell"))
    if parts and doc.kind == NAMED and parts[0] != DOC_TYPES[doc.type_name]:
        yield Violation("17.12", where(p), f"«{parts[0]}»", f"«{DOC_TYPES[doc.type_name]}» ({doc.type_name})")
    if parts and doc.kind == CONG_VAN and parts[0] in _TYPE_ABBRS:
        yield Violation("17.12", where(p), f"«{parts[0]}»", t("check_cv_no_type_abbr"))


def rule_date(doc: Doc) -> Iterator[Violation]:
    """17.13/17.14: ``Địa danh, ngày 05 tháng 3 năm 2025``, a real date, italic 13–14 pt, beside the Số."""
    p = doc.date
    if p is None:
        yield _missing("17.13", "check_el_date", t("check_date_form"))
        return
    s = p.text.strip()
    m = _DATE.match(s)
    ok = m is not None and s[0].isupper()
    if ok and m.group("d").strip():
        try:
            dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            ok = False
    if not ok:
        yield Violation("17.13", where(p), f"«{s}»", _date_suggestion(s))
    yield from _fmt_violation("17.13", p, Fmt("date", False, True, ("center",)))
    if doc.so is not None and (p.loc.table is None or (p.loc.table, p.loc.row) != (doc.so.loc.table, doc.so.loc.row)):
        yield Violation("17.14", where(p), t("check_not_same_row"), t("check_same_row"))


def _date_suggestion(s: str) -> str:
    """The corrected date line when the numbers can be read, else the general form."""
    m = _DATE_LOOSE.match(s)
    if m and m.group("place").strip():
        try:
            day = int(m.group("d")) if m.group("d") else None
            return text.place_date(m.group("place").strip(), int(m.group("y")), int(m.group("m")), day)
        except ValueError:
            pass
    return t("check_date_form")


def rule_vv(doc: Doc) -> Iterator[Violation]:
    """17.15: công văn trích yếu ``V/v …`` without colon, 12–13 pt regular, centred, 6 pt under the Số."""
    p = doc.vv
    if p is None:
        yield _missing("17.15", "check_el_vv", t("check_vv_form"))
        return
    s = p.text.strip()
    if not s.startswith("V/v ") or s[4:].lstrip().startswith(":") or s.startswith("V/v:"):
        yield Violation("17.15", where(p), f"«{_snippet(s, 20)}»", t("check_vv_form"))
    yield from _fmt_violation("17.15", p, Fmt("vv", False, False, ("center",)))
    if p.loc.table == doc.so.loc.table and abs(p.before - nd30.VV_SPACE_BEFORE) > 40:
        yield Violation("17.15", where(p), t("check_space_before", pt=_pt(p.before / 10)),
                        t("check_space_before", pt=_pt(nd30.VV_SPACE_BEFORE / 10)))


def rule_named_type(doc: Doc) -> Iterator[Violation]:
    """17.16: type name uppercase bold 13–14 pt centred; trích yếu bold, not all caps, line under it."""
    yield from _fmt_violation("17.16", doc.type_para, Fmt("type", True, False, ("center",)))
    p = doc.subject
    if p is None:
        yield _missing("17.16", "check_el_subject", t("check_subject_required"))
        return
    yield from _fmt_violation("17.16", p, Fmt("subject", True, False, ("center",)))
    if p.text.strip() == text.upper_vi(p.text.strip()):
        yield Violation("17.16", where(p), t("check_all_caps"), t("check_not_all_caps"))
    if not _has_rule_under(doc, p):
        yield Violation("17.16", where(p), t("check_no_rule"), t("check_rule_under_agency"))


def _is_heading(p: Paragraph) -> bool:
    """Bold throughout: a heading (``I. TÌNH HÌNH``, ``1. Kết quả``), exempt from indent and justify."""
    return bool(p.visible_runs) and all(r.bold for r in p.visible_runs)


def rule_body(doc: Doc) -> Iterator[Violation]:
    """17.17/17.18/17.19/17.21: body justified, 13–14 pt, first-line indent, spacing, căn cứ, ``./.``."""
    lo_line, hi_line = nd30.LINE_SPACING_RANGE
    can_cu = [p for p in doc.body if p.text.strip().startswith("Căn cứ")]
    for p in doc.body:
        heading = _is_heading(p)
        yield from _fmt_violation("17.17", p, Fmt("body", jc=None if heading else ("both",)))
        if not heading and not any(abs(p.first_line - v) <= nd30.INDENT_TOLERANCE for v in nd30.FIRST_LINE_INDENTS):
            yield Violation("17.17", where(p), t("check_indent", cm=_cm(p.first_line)), t("check_indent_required"))
        problems = []
        if p.before + p.after < nd30.MIN_PARA_GAP:
            problems.append((t("check_gap", pt=_pt((p.before + p.after) / 10)), t("check_gap_required")))
        if p.line is not None and (p.line_rule != "auto" or not lo_line <= p.line <= hi_line):
            problems.append((t("check_line", rule=p.line_rule, v=p.line), t("check_line_required")))
        for found, required in problems:
            yield Violation("17.18", where(p), found, required)
    for i, p in enumerate(can_cu):
        end = "." if i == len(can_cu) - 1 else ";"
        if not all(r.italic for r in p.visible_runs) or not p.text.rstrip().endswith(end):
            yield Violation("17.19", where(p), f"«…{p.text.rstrip()[-10:]}»", t("check_can_cu", end=end))
    if doc.body and not doc.body[-1].text.rstrip().endswith("./."):
        last = doc.body[-1]
        yield Violation("17.21", where(last), f"«…{last.text.rstrip()[-15:]}»", t("check_end_mark"))


_KHOAN = re.compile(r"^(\d+)\.\s")
_DIEM = re.compile(r"^([a-zđ])\)\s")
_MUC = re.compile(r"^([IVXLC]+)\.\s")


def rule_numbering(doc: Doc) -> Iterator[Violation]:
    """17.20: khoản ``1. 2. …`` and điểm ``a) b) … đ) e) g)`` run without gaps (reset under each heading)."""
    khoan, diem = 0, -1
    for p in doc.body:
        s = p.text.strip()
        if _MUC.match(s):
            khoan, diem = 0, -1
        elif m := _KHOAN.match(s):
            if int(m.group(1)) != khoan + 1:
                yield Violation("17.20", where(p), f"«{m.group(1)}.»", f"«{khoan + 1}.»")
            khoan, diem = int(m.group(1)), -1
        elif m := _DIEM.match(s):
            want = text.point_label(diem + 1) if diem + 1 < len(text.POINT_LETTERS) else "?"
            if f"{m.group(1)})" != want:
                yield Violation("17.20", where(p), f"«{m.group(1)})»", f"«{want}»")
            diem = text.POINT_LETTERS.find(m.group(1))


def _cm(twips: int) -> str:
    return text.format_number(twips / 567, 2).rstrip("0").rstrip(",")


def rule_kinh_gui(doc: Doc) -> Iterator[Violation]:
    """17.22: ``Kính gửi:`` then one recipient, or ``- …;`` lines ending ``- ….``; 13–14 pt, not bold."""
    p = doc.kinh_gui
    if p is None:
        if doc.kind == CONG_VAN:
            yield _missing("17.22", "check_el_kinh_gui", t("check_kinh_gui_form"))
        return
    s = p.text.strip()
    if not s.startswith("Kính gửi:"):
        yield Violation("17.22", where(p), f"«{_snippet(s, 20)}»", t("check_kinh_gui_form"))
    rest = s.split(":", 1)[1].strip() if ":" in s else ""
    holders = ([p] if rest.startswith("-") else []) + doc.recipients
    lines = ([rest] if rest.startswith("-") else []) + [q.text.strip() for q in doc.recipients]
    if lines:
        for i, (line, q) in enumerate(zip(lines, holders, strict=True)):
            end = "." if i == len(lines) - 1 else ";"
            if not (line.startswith("- ") and line.endswith(end)):
                yield Violation("17.22", where(q), f"«{_snippet(line)}»", t("check_list_line", end=end))
    elif not rest:
        yield Violation("17.22", where(p), t("check_missing", el=t("check_el_recipient")), t("check_kinh_gui_form"))
    for q in [p, *doc.recipients]:
        yield from _fmt_violation("17.22", q, Fmt("kinh_gui", False, False))


def rule_signature(doc: Doc) -> Iterator[Violation]:
    """17.23/17.24: authority and title lines uppercase bold centred; the name bold, not all caps."""
    if not doc.signature:
        yield _missing("17.23", "check_el_signature", t("check_signature_form"))
        return
    *titles, name = doc.signature
    for p in titles:
        if p.text.strip() != text.upper_vi(p.text.strip()):
            yield Violation("17.23", where(p), t("check_not_upper"), t("check_upper"))
        yield from _fmt_violation("17.23", p, Fmt("sign", True, False, ("center",)))
    s = name.text.strip()
    if s == text.upper_vi(s) or any(r.caps for r in name.visible_runs):
        yield Violation("17.23", where(name), t("check_all_caps"), t("check_name_case"))
    yield from _fmt_violation("17.23", name, Fmt("sign", True, False, ("center",)))
    if _ACADEMIC.match(s):
        yield Violation("17.24", where(name), f"«{_ACADEMIC.match(s).group(0).strip()}»", t("check_no_academic"))


def rule_noi_nhan(doc: Doc) -> Iterator[Violation]:
    """17.25/17.26/17.27: ``Nơi nhận:`` bold italic 12 pt left; entries 11 pt ``- …;``, last ``- Lưu: VT….``."""
    p = doc.noi_nhan
    if p is None:
        yield _missing("17.25", "check_el_noi_nhan", nd30.NOI_NHAN_LABEL)
        return
    if p.text.strip() != nd30.NOI_NHAN_LABEL:
        yield Violation("17.25", where(p), f"«{p.text.strip()}»", f"«{nd30.NOI_NHAN_LABEL}»")
    yield from _fmt_violation("17.25", p, Fmt("noi_nhan_label", True, True, ("left",)))
    if doc.signature and (p.loc.table is None or (p.loc.table, p.loc.row) != (doc.signature[0].loc.table,
                                                                             doc.signature[0].loc.row)):
        yield Violation("17.25", where(p), t("check_not_same_row"), t("check_same_row_sign"))
    if not doc.entries:
        yield Violation("17.26", where(p), t("check_missing", el=t("check_el_entries")), t("check_luu_form"))
        return
    for i, q in enumerate(doc.entries):
        s = q.text.strip()
        last = i == len(doc.entries) - 1
        if last and not _LUU.match(s):
            yield Violation("17.26", where(q), f"«{s}»", t("check_luu_form"))
        elif not last and not (s.startswith("- ") and s.endswith(";")):
            yield Violation("17.26", where(q), f"«{_snippet(s)}»", t("check_list_line", end=";"))
        yield from _fmt_violation("17.26", q, Fmt("noi_nhan", False, False))
    if doc.kinh_gui is not None and doc.entries[0].text.strip() != "- Như trên;":
        yield Violation("17.27", where(doc.entries[0]), f"«{doc.entries[0].text.strip()}»", "«- Như trên;»")


def rule_page_numbers(doc: Doc) -> Iterator[Violation]:
    """17.28: PAGE field centred 13–14 pt in the header; hidden on page 1 (``titlePg``, no field there)."""
    s: Section = doc.model.sections[_main_section(doc)]
    place = t("check_where_section", s=s.index + 1)
    if not s.headers.get("default"):
        yield Violation("17.28", place, t("check_no_page_field"), t("check_page_field"))
    if not s.title_pg:
        yield Violation("17.28", place, t("check_no_title_pg"), t("check_title_pg"))
    elif s.headers.get("first"):
        yield Violation("17.28", place, t("check_page1_numbered"), t("check_title_pg"))
    if any(s.footers.values()):
        yield Violation("17.28", place, t("check_page_in_footer"), t("check_page_field"))
    for p in doc.model.paragraphs:
        if p.loc.part == "header" and p.has_page_field and p.loc.section == s.index:
            yield from _fmt_violation("17.28", p, Fmt("page_number", jc=("center",)))


def rule_appendices(doc: Doc) -> Iterator[Violation]:
    """17.31: ``Phụ lục I`` 14 pt bold centred, in its own section numbered from 1."""
    main = _main_section(doc)
    for p in doc.model.body():
        if p.loc.table is None and p.loc.section != main and _APPENDIX.match(p.text.strip()):
            yield from _fmt_violation("17.31", p, Fmt("appendix_label", True, False, ("center",)))
            section = doc.model.sections[min(p.loc.section, len(doc.model.sections) - 1)]
            if section.page_start != 1:
                yield Violation("17.31", where(p), t("check_no_restart"), t("check_restart"))


Rule = Callable[[Doc], Iterator[Violation]]
# (rule, kinds it applies to): COMMON rules apply to every .docx, forms included.
RULES: tuple[tuple[Rule, tuple[str, ...]], ...] = (
    (rule_page, (COMMON,)), (rule_margins, (COMMON,)), (rule_font, (COMMON,)), (rule_colour, (COMMON,)),
    (rule_nfc, (COMMON,)), (rule_quoc_hieu, (COMMON,)), (rule_tieu_ngu, (COMMON,)), (rule_agency, (COMMON,)),
    (rule_so, DISPATCH_KINDS), (rule_date, DISPATCH_KINDS), (rule_vv, (CONG_VAN,)),
    (rule_named_type, (NAMED,)), (rule_kinh_gui, DISPATCH_KINDS), (rule_body, DISPATCH_KINDS),
    (rule_numbering, DISPATCH_KINDS), (rule_signature, DISPATCH_KINDS), (rule_noi_nhan, DISPATCH_KINDS), (rule_page_numbers, DISPATCH_KINDS),
    (rule_appendices, DISPATCH_KINDS),
)


def check_model(model: DocModel) -> list[Violation]:
    """Every violation of the rules that fit the document's kind, in rule order."""
    doc = locate(model)
    out: list[Violation] = []
    for rule, kinds in RULES:
        if COMMON in kinds or doc.kind in kinds:
            out.extend(rule(doc))
    return out


def check_docx(path: str | Path) -> list[Violation]:
    """Check one .docx; raise ``FormReadError`` when it cannot be read as a Word document."""
    try:
        model = read_docx(path)
    except UnreadableDocx as exc:
        raise FormReadError(f"{path}: " + t("check_unreadable", detail=exc)) from exc
    violations = check_model(model)
    log.info("%s: %d", path, len(violations))
    return violations


@dataclass
class CheckReport:
    """Violations per file and files that could not be read (their messages)."""

    violations: list[tuple[Path, Violation]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and not self.unreadable


def check_files(paths: Iterable[str | Path]) -> CheckReport:
    """Check every file, collecting violations and unreadable files instead of stopping at the first."""
    report = CheckReport()
    for path in map(Path, paths):
        try:
            report.violations += [(path, v) for v in check_docx(path)]
        except FormReadError as exc:
            report.unreadable.append((path, str(exc)))
    return report

"""The machine-checkable rules of shared/nd30.md §17, each a small function of a located document.

Rules judge EFFECTIVE formatting (``word.inspect`` resolves styles and defaults), so a document that
merely looks right in one run but inherits Arial from a style is still caught. Rule ids are the §17
numbers (``17.11``) so a clerk or developer can look the rule up. ``RULES`` says which document
kinds each rule applies to; ``check.check_model`` runs them in that order.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from .. import nd30, text
from ..case.models import DOC_TYPES, SYMBOL_PART
from ..messages import t
from ..word.inspect import Paragraph, Section
from .findings import (
    Fmt,
    Violation,
    aggregate,
    cm_text,
    colour_text,
    fmt_violation,
    missing,
    mm_text,
    pt_text,
    snippet,
    where,
)
from .layout import content_width, cut, line_count, looks
from .locate import (
    COMMON,
    CONG_VAN,
    DECISION_TYPES,
    DISPATCH_KINDS,
    MINUTES_TYPES,
    NAMED,
    Doc,
    is_upper,
    rule_widths,
)

_SO = re.compile(rf"^Số: ?(?P<n>0[1-9]|[1-9]\d+|[ \t]+)/(?P<sym>{SYMBOL_PART}(?:-{SYMBOL_PART})*)$")
_SO_LOOSE = re.compile(r"^Số\s*[:.]?\s*(?P<n>\d*)\s*/\s*(?P<sym>\S+)")
_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?:(?P<d>0[1-9]|[12]\d|3[01]) )?tháng "
                   r"(?:(?P<m>0[12]|[3-9]|1[0-2]) )?năm (?P<y>\d{4})$")
_DATE_LOOSE = re.compile(r"^(?P<place>[^,]*?),?\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})")
_ACADEMIC = re.compile(r"^(GS|PGS|TS|ThS|BS|CN|KS)\.\s*")
_LUU = re.compile(r"^- Lưu: VT(, .+)?\.$")
_APPENDIX = re.compile(r"^Phụ lục( [IVXLC]+)?$")
_LEGACY = re.compile(r"^(\.?Vn|VNI[- ]|VN-?)", re.I)
_GAP_SHORTFALL = 0.3  # share of body paragraphs under 6 pt apart that makes the spacing a fault
_TYPE_ABBRS = {a for a in DOC_TYPES.values() if a}

Rule = Callable[[Doc], Iterator[Violation]]
ElementRule = Callable[[Doc, Any], Iterator[Violation]]


def _element(attr: str, rule: str, element_key: str, required: str | Callable[[], str],
             needed: Callable[[Doc], bool] = lambda doc: True) -> Callable[[ElementRule], Rule]:
    """A rule about one located element (``doc.<attr>``), given the element found.

    When the element is absent the rule says only that (one ``missing`` finding on the whole
    document, if ``needed`` by this kind of document): nothing can be judged of what is not there.
    ``required`` is the form to show (a constant, or a callable so the message follows the language).
    """
    def wrap(check: ElementRule) -> Rule:
        @functools.wraps(check)
        def run(doc: Doc) -> Iterator[Violation]:
            found = getattr(doc, attr)
            if not found:
                if needed(doc):
                    yield missing(rule, element_key, required() if callable(required) else required)
                return
            yield from check(doc, found)
        return run
    return wrap


def rule_page(doc: Doc) -> Iterator[Violation]:
    """17.1: A4 everywhere; the main section portrait (appendix and form sections may be landscape)."""
    tol = nd30.PAGE_TOLERANCE
    for s in doc.model.sections:
        place = t("check_where_section", s=s.index + 1)
        dims = sorted((s.width or 0, s.height or 0))
        if abs(dims[0] - nd30.PAGE_W) > tol or abs(dims[1] - nd30.PAGE_H) > tol:
            yield Violation("17.1", place, t("check_page_size", w=mm_text(s.width or 0), h=mm_text(s.height or 0)),
                            t("check_page_a4"))
        landscape = s.orient == "landscape" or (s.width or 0) > (s.height or 0)
        if landscape and s.index == _main_section(doc) and doc.kind in DISPATCH_KINDS:
            yield Violation("17.1", place, t("check_landscape"), t("check_portrait"))


def _main_section(doc: Doc) -> int:
    anchor = doc.so or doc.type_para or doc.vv
    return anchor.loc.section if anchor else 0


_MARGIN_TOLERANCE = 20  # twips (0.35 mm): 25 mm is stored as 1417 or 1418 depending on the editor


def _margins_fit(m: dict[str, int], mapping: dict[str, str]) -> bool:
    tol = _MARGIN_TOLERANCE
    return all(lo - tol <= m.get(edge, 0) <= hi + tol for edge, (lo, hi) in
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
            if not lo - _MARGIN_TOLERANCE <= value <= hi + _MARGIN_TOLERANCE:
                yield Violation("17.2", t("check_where_section", s=s.index + 1),
                                t("check_margin", edge=t(f"check_edge_{edge}"), mm=mm_text(value)),
                                t("check_margin", edge=t(f"check_edge_{edge}"), mm=f"{mm_text(lo)}–{mm_text(hi)}"))


def _text_fonts(r) -> list[str]:
    """The faces Vietnamese text is drawn in: the ascii and hAnsi slots. The complex-script slot
    (``w:cs``, ``minorBidi``) serves Arabic or Hebrew and is never used for Vietnamese."""
    return [f for f in dict.fromkeys(r.fonts[:2]) if f is not None]


def _is_tnr(face: str) -> bool:
    """Times New Roman, also under the style-named faces Word resolves to it (``… Bold``)."""
    return face == nd30.FONT or face.startswith(nd30.FONT + " ")


def rule_font(doc: Doc) -> Iterator[Violation]:
    """17.3/17.5: printed text in Times New Roman; legacy TCVN3/VNI fonts are also a 17.5 fault."""
    hits = [(p, t("check_font", font=f)) for p in doc.model.paragraphs for r in p.visible_runs
            for f in _text_fonts(r) if not _is_tnr(f) and f not in nd30.SYMBOL_FONTS]
    yield from aggregate("17.3", hits, nd30.FONT)
    legacy = [(p, t("check_legacy_font", font=f)) for p in doc.model.paragraphs for r in p.visible_runs
              for f in _text_fonts(r) if _LEGACY.match(f) and any(c.isalpha() for c in r.text)]
    yield from aggregate("17.5", legacy, t("check_nfc"))


def rule_colour(doc: Doc) -> Iterator[Violation]:
    """17.4: text is black (auto or 000000); red seals and blue signatures are images, not text.

    Placeholder prompts of empty content controls are exempt: Word greys them and they vanish once
    the officer types an answer.
    """
    hits = [(p, t("check_colour", colour=colour_text(r.color))) for p in doc.model.paragraphs for r in p.visible_runs
            if r.color and r.color.lower() not in nd30.BLACK_COLOURS and not r.placeholder]
    yield from aggregate("17.4", hits, t("check_black"))


def rule_nfc(doc: Doc) -> Iterator[Violation]:
    """17.5: text stored precomposed (NFC), so search, sorting and fonts treat it as one letter."""
    hits = [(p, t("check_not_nfc")) for p in doc.model.paragraphs if text.nfc(p.text) != p.text]
    yield from aggregate("17.5", hits, t("check_nfc"))


@_element("quoc_hieu", "17.6", "check_el_quoc_hieu", nd30.QUOC_HIEU, lambda doc: doc.kind in DISPATCH_KINDS)
def rule_quoc_hieu(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.6: the exact quốc hiệu, 12–13 pt bold upright, centred in the right header cell."""
    if " ".join(text.nfc(p.text).split()) != nd30.QUOC_HIEU:
        yield Violation("17.6", where(p), f"«{p.text.strip()}»", f"«{nd30.QUOC_HIEU}»")
    yield from fmt_violation("17.6", p, Fmt("quoc_hieu", True, False, ("center",)))
    if p.loc.table is not None and p.loc.col == 0:
        yield Violation("17.6", where(p), t("check_in_left_cell"), t("check_in_right_cell"))


@_element("tieu_ngu", "17.7", "check_el_tieu_ngu", nd30.TIEU_NGU, lambda doc: doc.quoc_hieu is not None)
def rule_tieu_ngu(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.7/17.8: the exact tiêu ngữ (hyphen-minus with spaces), 13–14 pt bold, a drawn line under it."""
    if " ".join(text.nfc(p.text).split()) != nd30.TIEU_NGU:
        yield Violation("17.7", where(p), f"«{p.text.strip()}»", f"«{nd30.TIEU_NGU}»")
    yield from fmt_violation("17.7", p, Fmt("tieu_ngu", True, False, ("center",)))
    if not _lines_under(doc, p, also=doc.quoc_hieu):
        underlined = any(r.underline for r in p.visible_runs)
        yield Violation("17.8", where(p), t("check_underlined" if underlined else "check_no_rule"),
                        t("check_rule_under"))


def _lines_under(doc: Doc, p: Paragraph, also: Paragraph | None = None) -> list[float]:
    """Lines drawn under ``p``; a shape may also hang from the line above (``also``)."""
    out = rule_widths(doc, p)
    if also is not None and not out and also.loc.index != p.loc.index:
        out = [w for w in doc.model.body()[also.loc.index].line_widths]
    return out


@_element("agency", "17.9", "check_el_agency", partial(t, "check_agency_required"),
          lambda doc: doc.kind in DISPATCH_KINDS)
def rule_agency(doc: Doc, lines: list[Paragraph]) -> Iterator[Violation]:
    """17.9/17.10: agency lines uppercase 12–13 pt; the issuing agency bold (its parent regular) with a
    short line under it."""
    bold_from = next((i for i, p in enumerate(lines) if all(r.bold for r in p.visible_runs)), len(lines) - 1)
    for i, p in enumerate(lines):
        if not is_upper(p.text):
            yield Violation("17.9", where(p), t("check_not_upper"), t("check_upper"))
        yield from fmt_violation("17.9", p, Fmt("agency", i >= bold_from, False, ("center",)))
    if not _lines_under(doc, lines[-1]):
        yield Violation("17.10", where(lines[-1]), t("check_no_rule"), t("check_rule_under_agency"))


@_element("so", "17.11", "check_el_so", partial(t, "check_so_form"),
          lambda doc: doc.kind in DISPATCH_KINDS and doc.type_name not in MINUTES_TYPES and doc.quoc_hieu is not None)
def rule_so(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.11/17.12: ``Số: 05/UBND-VP`` form, 13 pt regular, centred in the left cell; ký hiệu fits the type.

    A draft leaves the number blank (spaces or a tab before the slash)."""
    s = text.nfc(p.text.strip())
    m = _SO.match(s)
    parts = m.group("sym").split("-") if m else []
    if m is None or (doc.kind == NAMED and len(parts) < 2):
        loose = _SO_LOOSE.match(s)
        suggestion = t("check_so_form")
        if loose and loose.group("n").isdigit() and int(loose.group("n")) > 0:
            suggestion = text.so_line(int(loose.group("n")), re.sub(r"\s+", "", s.split("/", 1)[1]))
        yield Violation("17.11", where(p), f"«{' '.join(s.split())}»", suggestion)
    yield from fmt_violation("17.11", p, Fmt("so", False, False, ("center",)))
    if p.loc.table is not None and p.loc.col != 0 and doc.quoc_hieu is not None \
            and doc.quoc_hieu.loc.table == p.loc.table and p.loc.col >= doc.quoc_hieu.loc.col:
        yield Violation("17.11", where(p), t("check_in_right_cell"), t("check_in_left_cell"))
    if parts and doc.kind == NAMED and parts[0] != DOC_TYPES[doc.type_name]:
        yield Violation("17.12", where(p), f"«{parts[0]}»", f"«{DOC_TYPES[doc.type_name]}» ({doc.type_name})")
    if parts and doc.kind == CONG_VAN and parts[0] in _TYPE_ABBRS:
        yield Violation("17.12", where(p), f"«{parts[0]}»", t("check_cv_no_type_abbr"))


@_element("date", "17.13", "check_el_date", partial(t, "check_date_form"), lambda doc: doc.so is not None)
def rule_date(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.13/17.14: ``Địa danh, ngày 05 tháng 3 năm 2025``, a real date, italic 13–14 pt, beside the Số.

    A draft may leave the day and month blank; extra spaces there are not a fault."""
    s = " ".join(text.nfc(p.text).split())
    m = _DATE.match(s)
    ok = m is not None and s[0].isupper()
    if ok and m.group("d") and m.group("m"):
        try:
            dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            ok = False
    if not ok:
        yield Violation("17.13", where(p), f"«{s}»", _date_suggestion(s))
    yield from fmt_violation("17.13", p, Fmt("date", False, True, ("center",)))
    if doc.so is not None and (p.loc.table is None or (p.loc.table, p.loc.row) != (doc.so.loc.table, doc.so.loc.row)) \
            and p.loc.index != doc.so.loc.index:
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


@_element("vv", "17.15", "check_el_vv", partial(t, "check_vv_form"))
def rule_vv(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.15: công văn trích yếu ``V/v …`` without colon, 12–13 pt regular, centred, 6 pt under the Số."""
    s = p.text.strip()
    if not s.startswith("V/v ") or s[4:].lstrip().startswith(":") or s.startswith("V/v:"):
        yield Violation("17.15", where(p), f"«{snippet(s, 20)}»", t("check_vv_form"))
    yield from fmt_violation("17.15", p, Fmt("vv", False, False, ("center",)))
    so = doc.so
    if so is not None and _cell_of(p) == _cell_of(so) and doc.after(so) is p:
        gap = so.after + p.before
        if gap < nd30.VV_SPACE_BEFORE - 20:
            yield Violation("17.15", where(p), t("check_space_before", pt=pt_text(gap / 10)),
                            t("check_space_before", pt=pt_text(nd30.VV_SPACE_BEFORE / 10)))


def _cell_of(p: Paragraph) -> tuple:
    return (p.loc.table, p.loc.row, p.loc.col)


# ND30 asks 1/3–1/2 of the text; text widths are estimated (``nd30.text_twips`` errs up to ~15 % wide),
# so only a line under ~1/5 of the printed text (a dash rather than a rule) is reported.
_SHORT_RULE = 0.18


def rule_named_type(doc: Doc) -> Iterator[Violation]:
    """17.16: type name uppercase bold 13–14 pt centred; trích yếu bold, not all caps, line under it."""
    yield from fmt_violation("17.16", doc.type_para, Fmt("type", True, False, ("center",)))
    if not doc.subject_lines:
        yield missing("17.16", "check_el_subject", t("check_subject_required"))
        return
    p = doc.subject
    for q in doc.subject_lines:
        yield from fmt_violation("17.16", q, Fmt("subject", True, False, ("center",)))
    joined = " ".join(q.text.strip() for q in doc.subject_lines)
    if is_upper(joined) and len(joined) > 25:
        yield Violation("17.16", where(p), t("check_all_caps"), t("check_not_all_caps"))
    widths: list[float] = []
    for q in [doc.type_para, *doc.subject_lines]:
        widths += rule_widths(doc, doc.model.body()[q.loc.index], window=1)
    last = doc.model.body()[doc.subject_lines[-1].loc.index]
    if not widths:
        for q in doc.model.body()[last.loc.index + 1:doc.head_end + 2]:
            widths += rule_widths(doc, q, window=1)
    if not widths:
        yield Violation("17.16", where(p), t("check_no_rule"), t("check_rule_under_agency"))
        return
    text_w = max(content_width(q) / line_count(q) for q in doc.subject_lines)  # its longest printed line
    known = [w for w in widths if w > 0]
    if known and text_w and max(known) < _SHORT_RULE * text_w:
        yield Violation("17.16", where(p), t("check_rule_share", share=text.format_number(max(known) / text_w, 2)),
                        t("check_rule_under_agency"))


def _is_heading(p: Paragraph) -> bool:
    """Bold or italic throughout: a heading (``I. TÌNH HÌNH``, ``1. Kết quả``, ``a) Tiến độ``), exempt
    from indent and justification."""
    runs = p.visible_runs
    return bool(runs) and (all(r.bold for r in runs) or all(r.italic for r in runs) and line_count(p) == 1)


def _indent_ok(p: Paragraph) -> bool:
    """First-line indent 1–1.27 cm, made with the indent, a left indent or a tab."""
    lo, hi = min(nd30.FIRST_LINE_INDENTS), max(nd30.FIRST_LINE_INDENTS)
    tol = nd30.INDENT_TOLERANCE
    start = p.first_line + max(p.left, 0)
    return lo - tol <= p.first_line <= hi + tol or lo - tol <= start <= hi + tol or p.text[:1] == "\t"


def _line_ok(p: Paragraph) -> bool:
    """Line spacing judged by what it does: single to 1.5 lines of the text's size."""
    if p.line is None:
        return True
    lo_line, hi_line = nd30.LINE_SPACING_RANGE
    if p.line_rule == "auto":
        return lo_line - 10 <= p.line <= hi_line + 10
    size = max((r.size or 20) for r in p.visible_runs) * 10 if p.visible_runs else 280  # twips per em
    single, most = size * 1.1, size * 1.15 * 1.5 + 20
    if p.line_rule == "atLeast":
        return p.line <= most
    return single <= p.line <= most


def _prose(doc: Doc) -> Iterator[Paragraph]:
    """Body paragraphs that are running text (a centred one-line title inside the text is not)."""
    return (p for p in doc.body if not (looks(p) == "center" and line_count(p) == 1))


def short_gaps(doc: Doc) -> list[Paragraph]:
    """Prose paragraphs less than 6 pt apart, when they are a real share of the text (one tight
    paragraph between headings is a layout choice; a third of the text is the document's spacing)."""
    prose = [p for p in _prose(doc) if not _is_heading(p)]
    short = [p for p in prose if p.before + p.after < nd30.MIN_PARA_GAP - 10]
    return short if short and len(short) >= _GAP_SHORTFALL * len(prose) else []


def rule_body(doc: Doc) -> Iterator[Violation]:
    """17.17/17.18/17.19/17.21: body justified, 13–14 pt, first-line indent, spacing, căn cứ, ``./.``."""
    for p in _prose(doc):
        heading = _is_heading(p)
        lines = line_count(p)
        jc = None if heading or lines == 1 else ("both",)
        yield from fmt_violation("17.17", p, Fmt("body", jc=jc))
        if not heading and lines > 1 and not _indent_ok(p) and p.num_fmt is None:  # a list sets its own indent
            yield Violation("17.17", where(p), t("check_indent", cm=cm_text(p.first_line)), t("check_indent_required"))
        if not _line_ok(p):
            yield Violation("17.18", where(p), t("check_line_" + (p.line_rule or "auto"), v=_line_text(p)),
                            t("check_line_required"))
    yield from aggregate("17.18", [(p, t("check_gap", pt=pt_text((p.before + p.after) / 10)))
                                   for p in short_gaps(doc)], t("check_gap_required"))
    if doc.type_name in DECISION_TYPES:
        yield from _can_cu(doc)
    if doc.body and not doc.body[-1].text.rstrip().endswith("./."):
        last = doc.body[-1]
        yield Violation("17.21", where(last), f"«…{last.text.rstrip()[-15:]}»", t("check_end_mark"))


def _line_text(p: Paragraph) -> str:
    if p.line_rule == "auto":
        return text.format_number(p.line / 240, 2).rstrip("0").rstrip(",")
    return pt_text(p.line / 10)


_GROUNDS_END = re.compile(r"^(Theo|Xét) đề nghị")


def _can_cu(doc: Doc) -> Iterator[Violation]:
    """17.19: the căn cứ block opening a decision: italic lines ending ``;``, the block's last line
    (a ``Căn cứ`` or the closing ``Theo đề nghị …``) ending ``.``."""
    block: list[Paragraph] = []
    for p in doc.body:
        s = p.text.strip()
        if s.startswith("Căn cứ") or (block and _GROUNDS_END.match(s)):
            block.append(p)
        elif block:
            break
    for i, p in enumerate(block):
        end = "." if i == len(block) - 1 else ";"
        if not all(r.italic for r in p.visible_runs) or not p.text.rstrip().endswith(end):
            yield Violation("17.19", where(p), f"«…{p.text.rstrip()[-10:]}»", t("check_can_cu", end=end))


_KHOAN = re.compile(r"^(\d+)\.\s")
_DIEM = re.compile(r"^([a-zđ])\)\s")
_MUC = re.compile(r"^([IVXLC]+)\.\s")
_PART = re.compile(r"^(Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều)\b")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def rule_numbering(doc: Doc) -> Iterator[Violation]:
    """17.20: mục ``I. II. …``, khoản ``1. 2. …`` and điểm ``a) b) … đ) e) g)`` run without gaps; khoản
    restart under each mục, phần, chương or điều, điểm under each khoản. Items numbered by Word's
    automatic lists count as the next item."""
    muc, khoan, diem = 0, 0, -1
    for p in doc.body:
        s = p.text.strip()
        if p.num_fmt in ("upperRoman",):
            muc, khoan, diem = muc + 1, 0, -1
        elif p.num_fmt in ("decimal",):
            khoan, diem = khoan + 1, -1
        elif p.num_fmt in ("lowerLetter",):
            diem += 1
        elif _PART.match(s):
            khoan, diem = 0, -1
        elif m := _MUC.match(s):
            if m.group(1) in _ROMAN and _ROMAN.index(m.group(1)) != muc and muc < len(_ROMAN):
                yield Violation("17.20", where(p), f"«{m.group(1)}.»", f"«{_ROMAN[muc]}.»")
            muc = _ROMAN.index(m.group(1)) + 1 if m.group(1) in _ROMAN else muc + 1
            khoan, diem = 0, -1
        elif m := _KHOAN.match(s):
            if int(m.group(1)) != khoan + 1 and int(m.group(1)) != 1:
                yield Violation("17.20", where(p), f"«{m.group(1)}.»", f"«{khoan + 1}.»")
            khoan, diem = int(m.group(1)), -1
        elif m := _DIEM.match(s):
            want = text.point_label(diem + 1) if diem + 1 < len(text.POINT_LETTERS) else "?"
            if f"{m.group(1)})" != want:
                yield Violation("17.20", where(p), f"«{m.group(1)})»", f"«{want}»")
            diem = text.POINT_LETTERS.find(m.group(1))


@_element("kinh_gui", "17.22", "check_el_kinh_gui", partial(t, "check_kinh_gui_form"),
          lambda doc: doc.kind == CONG_VAN)
def rule_kinh_gui(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.22: ``Kính gửi:`` then one recipient, or ``- …;`` lines ending ``- ….``; 13–14 pt, not bold."""
    s = " ".join(text.nfc(p.text).split())
    if not s.startswith("Kính gửi:"):
        yield Violation("17.22", where(p), f"«{snippet(s, 20)}»", t("check_kinh_gui_form"))
    rest = s.split(":", 1)[1].strip() if ":" in s else ""
    holders = ([p] if rest.startswith("-") else []) + doc.recipients
    lines = ([rest] if rest.startswith("-") else []) + [" ".join(x.split()) for x in doc.recipient_texts]
    if lines:
        for i, (line, q) in enumerate(zip(lines, holders, strict=True)):
            end = "." if i == len(lines) - 1 else ";"
            if not (line.startswith("- ") and line.endswith(end)):
                yield Violation("17.22", where(q), f"«{snippet(line)}»", t("check_list_line", end=end))
    elif not rest:
        yield Violation("17.22", where(p), t("check_missing", el=t("check_el_recipient")), t("check_kinh_gui_form"))
    for q in [p, *doc.recipients]:
        yield from fmt_violation("17.22", q, Fmt("kinh_gui", False, False))


@_element("signature", "17.23", "check_el_signature", partial(t, "check_signature_form"),
          lambda doc: doc.type_name not in MINUTES_TYPES)
def rule_signature(doc: Doc, lines: list[Paragraph]) -> Iterator[Violation]:
    """17.23/17.24: authority and title lines uppercase bold centred; the name bold, not all caps.

    Academic titles (GS.TS., PGS.TS.) are allowed before the names of education and research bodies'
    signers (Điều 8 khoản 3 ND30 names only military and police ranks and academic titles as
    additions, so 17.24 only flags a degree — TS., ThS., BS. — standing alone)."""
    *titles, name = lines
    for p in titles:
        if not is_upper(p.text):
            yield Violation("17.23", where(p), t("check_not_upper"), t("check_upper"))
        yield from fmt_violation("17.23", p, Fmt("sign", True, False, ("center",)))
    s = name.text.strip()
    if is_upper(s) or any(r.caps for r in name.visible_runs):
        yield Violation("17.23", where(name), t("check_all_caps"), t("check_name_case"))
    yield from fmt_violation("17.23", name, Fmt("sign", True, False, ("center",)))
    academic = _ACADEMIC.match(s)
    if academic and not re.match(r"^P?GS\.", s):
        yield Violation("17.24", where(name), f"«{academic.group(0).strip()}»", t("check_no_academic"))


@_element("noi_nhan", "17.25", "check_el_noi_nhan", nd30.NOI_NHAN_LABEL,
          lambda doc: doc.type_name not in MINUTES_TYPES)
def rule_noi_nhan(doc: Doc, p: Paragraph) -> Iterator[Violation]:
    """17.25/17.26/17.27: ``Nơi nhận:`` bold italic 12 pt left; entries 11 pt ``- …;``, last ``- Lưu: VT….``."""
    label = re.match(r"\s*\S+\s+\S+\s*:?", p.text)
    if label is None or text.nfc(label.group(0).strip()) != nd30.NOI_NHAN_LABEL:  # NFD is 17.5's finding
        yield Violation("17.25", where(p), f"«{snippet(p.text.strip(), 20)}»", f"«{nd30.NOI_NHAN_LABEL}»")
    head = _label_part(p, label.end() if label else len(p.text))
    yield from fmt_violation("17.25", head, Fmt("noi_nhan_label", True, True, ("left",)))
    if not doc.entries:
        yield Violation("17.26", where(p), t("check_missing", el=t("check_el_entries")), t("check_luu_form"))
        return
    for i, q in enumerate(doc.entries):
        s = " ".join(_entry_text(q).split())
        last = i == len(doc.entries) - 1
        if last and not _LUU.match(s):
            yield Violation("17.26", where(q), f"«{s}»", t("check_luu_form"))
        elif not last and not (s.startswith(("- ", "+ ")) and s.endswith((";", ":", ","))) and s.startswith("-"):
            yield Violation("17.26", where(q), f"«{snippet(s)}»", t("check_list_line", end=";"))
        yield from fmt_violation("17.26", _entry_part(q), Fmt("noi_nhan", False, False))
    first = " ".join(_entry_text(doc.entries[0]).split())
    if doc.kinh_gui is not None and first != "- Như trên;" and not first.startswith("- Như trên"):
        yield Violation("17.27", where(doc.entries[0]), f"«{first}»", "«- Như trên;»")


def _label_part(p: Paragraph, end: int) -> Paragraph:
    """The ``Nơi nhận:`` words alone when an entry follows on the same line."""
    return cut(p, 0, end) if end < len(p.text.rstrip()) else p


def _entry_text(q: Paragraph) -> str:
    s = text.nfc(q.text.strip())
    m = re.match(r"nơi nhận\s*:?\s*", s, re.I)
    return s[m.end():] if m else s


def _entry_part(q: Paragraph) -> Paragraph:
    m = re.match(r"\s*nơi nhận\s*:?\s*", q.text, re.I)
    return cut(q, m.end(), len(q.text)) if m else q


def rule_page_numbers(doc: Doc) -> Iterator[Violation]:
    """17.28: from page 2, a PAGE field centred 13–14 pt in the header; none on page 1 (``titlePg``).

    A one-page document needs no number; headers Word never prints (even pages without
    ``evenAndOddHeaders``, first page without ``titlePg``) are not read at all."""
    if doc.model.pages < 2 or not doc.model.sections:
        return
    s: Section = doc.model.sections[min(_main_section(doc), len(doc.model.sections) - 1)]
    place = t("check_where_section", s=s.index + 1)
    kinds = ["default", "even"] if doc.model.even_and_odd else ["default"]
    if not all(s.headers.get(k) for k in kinds):
        in_footer = any(s.footers.get(k) for k in kinds)
        yield Violation("17.28", place, t("check_page_in_footer" if in_footer else "check_no_page_field"),
                        t("check_page_field"))
    first = ("first",) if s.title_pg else ("default",)
    if any(s.headers.get(k) or s.footers.get(k) for k in first):
        yield Violation("17.28", place, t("check_page1_numbered"), t("check_title_pg"))
    for p in doc.model.paragraphs:
        if p.loc.part == "header" and p.has_page_field and p.loc.section == s.index:
            yield from fmt_violation("17.28", p, Fmt("page_number", jc=("center",)))


def rule_appendices(doc: Doc) -> Iterator[Violation]:
    """17.31: ``Phụ lục I`` (a lone appendix may be just ``Phụ lục``) 14 pt bold centred on its own
    line, in its own section numbered from 1."""
    heads = doc.appendices
    for i, p in enumerate(heads):
        s = " ".join(text.nfc(p.text).split())
        m = _APPENDIX.match(s)
        if m is None or (len(heads) > 1 and not m.group(1)):
            label = f"Phụ lục {_ROMAN[i]}" if len(heads) > 1 and i < len(_ROMAN) else "Phụ lục"
            yield Violation("17.31", where(p), f"«{snippet(s)}»", t("check_appendix_label", label=label))
        yield from fmt_violation("17.31", p, Fmt("appendix_label", True, False, ("center",)))
        section = doc.model.sections[min(p.loc.section, len(doc.model.sections) - 1)] if doc.model.sections else None
        if section is not None and section.page_start != 1:
            yield Violation("17.31", where(p), t("check_no_restart"), t("check_restart"))


# (rule, kinds it applies to): COMMON rules apply to every .docx, forms included.
RULES: tuple[tuple[Rule, tuple[str, ...]], ...] = (
    (rule_page, (COMMON,)), (rule_margins, (COMMON,)), (rule_font, (COMMON,)), (rule_colour, (COMMON,)),
    (rule_nfc, (COMMON,)), (rule_quoc_hieu, (COMMON,)), (rule_tieu_ngu, (COMMON,)), (rule_agency, (COMMON,)),
    (rule_so, DISPATCH_KINDS), (rule_date, DISPATCH_KINDS), (rule_vv, (CONG_VAN,)),
    (rule_named_type, (NAMED,)), (rule_kinh_gui, DISPATCH_KINDS), (rule_body, DISPATCH_KINDS),
    (rule_numbering, DISPATCH_KINDS), (rule_signature, DISPATCH_KINDS), (rule_noi_nhan, DISPATCH_KINDS),
    (rule_page_numbers, DISPATCH_KINDS), (rule_appendices, DISPATCH_KINDS),
)

"""Where the ND30 elements sit in a document model, and which kind of document it is.

The checker's rules judge elements (quốc hiệu, Số line, date, V/v, Kính gửi, body, Nơi nhận,
signature), so finding them is done once here, tolerant of the defects the rules then report (a
misspelt quốc hiệu, ``Số 5 / …``) and of the layouts real agencies use: header tables of two or
three columns with the V/v in a later row; header, Nơi nhận or signature written as one paragraph
with manual line breaks; columns laid with tabs or spaces instead of a table; a trích yếu over two
paragraphs; lines drawn as shapes anchored in a neighbouring paragraph. The kind decides which rules
apply: a công văn (``V/v``), a named type (``BÁO CÁO`` …, with or without a Số line), or an
attachment such as a fillable form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import text
from ..case.models import AUTHORITIES, DOC_TYPES
from ..word.inspect import DocModel, Paragraph
from .layout import content_width, cut, is_typed_rule, looks, split_columns, split_lines

COMMON, CONG_VAN, NAMED, FORM = "common", "cong_van", "named", "form"
DISPATCH_KINDS = (CONG_VAN, NAMED)
# Types whose content opens with a căn cứ block (Phụ lục I, Mẫu 1.x: quyết định, nghị quyết).
DECISION_TYPES = ("Quyết định", "Nghị quyết")
# Types that end with the participants' signatures, not a Nơi nhận/signature block of the agency.
MINUTES_TYPES = ("Biên bản",)
_SO_START = re.compile(r"^Số\s*[:.]?\s*[\d\s]*/")
_VV = re.compile(r"^V\s*/\s*v\b", re.I)
_AUTHORITY = re.compile("^({})\\s*\\S".format("|".join(re.escape(a) for a in AUTHORITIES)))
_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")
_TYPES_UPPER = sorted(((text.upper_vi(n), n) for n in DOC_TYPES if DOC_TYPES[n]), key=lambda x: -len(x[0]))
_APPENDIX_HEAD = re.compile(r"^phụ lục\b", re.I)
_HEADER_SCAN = 40  # paragraphs from the top where the header elements may sit
_QH_KEY = "conghoaxahoichunghiavietnam"
_TN_KEY = "doclaptudohanhphuc"


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
    subject_lines: list[Paragraph] = field(default_factory=list)
    kinh_gui: Paragraph | None = None
    recipients: list[Paragraph] = field(default_factory=list)
    recipient_texts: list[str] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan: Paragraph | None = None
    entries: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    appendices: list[Paragraph] = field(default_factory=list)
    head_end: int = -1  # index of the last paragraph of the heading block

    def after(self, p: Paragraph | None, same_cell: bool = True) -> Paragraph | None:
        """The next non-empty body paragraph after ``p`` (in its table cell when it has one)."""
        if p is None:
            return None
        for q in self.model.body()[p.loc.index + 1:]:
            if same_cell and _cell(q) != _cell(p):
                return None
            if q.text.strip():
                return q
        return None

    @property
    def kind_label(self) -> str:
        """The recognised kind in a clerk's words: the type name, or công văn / other."""
        return self.type_name or {CONG_VAN: "Công văn"}.get(self.kind, "")


def _cell(p: Paragraph) -> tuple:
    return (p.loc.table, p.loc.row, p.loc.col)


def _fold(s: str) -> str:
    """Loose key to find an element whatever its defects (case, spacing, dashes, HOÀ/HÒA, NFD)."""
    s = text.nfc(s).casefold().replace("hoà", "hòa")
    return re.sub(r"\s+", " ", _DASHES.sub("-", s)).strip()


def _letters(s: str) -> str:
    """Only the base letters, lower case: ``CỘNG HÕA`` and ``Cộng hòa`` give the same key."""
    base = "".join(c for c in unicodedata.normalize("NFD", s.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", base.replace("đ", "d"))


def is_upper(s: str) -> bool:
    s = text.nfc(s.strip())
    return bool(s) and s == text.upper_vi(s) and any(c.isalpha() for c in s)


def segments(p: Paragraph) -> list[tuple[Paragraph, str]]:
    """The visual pieces of a paragraph: its lines, each cut in a left and right column when laid
    out with tabs or spaces (side ``L``/``R``), else whole (side ``""``)."""
    out = []
    for line in split_lines(p):
        left, right = split_columns(line)
        if right is None:
            out.append((line, ""))
        else:
            out += [(left, "L"), (right, "R")]
    return out


def rule_widths(doc: Doc, p: Paragraph, window: int = 1, same_column: bool = True) -> list[float]:
    """Lengths (twips, 0 unknown) of the lines drawn under ``p``: its bottom border or shapes, or those
    of the paragraphs that follow in its column up to the ``window``-th non-empty one (a shape is
    often anchored in the Số, date or V/v paragraph, or an empty one), or typed underscores."""
    body = doc.model.body()
    out: list[float] = []
    seen = 0
    for q in body[p.loc.index:]:
        own = q.loc.index == p.loc.index
        if not own and same_column and p.loc.table is not None and (q.loc.table, q.loc.col) != (p.loc.table,
                                                                                                  p.loc.col):
            if q.loc.table != p.loc.table:
                break
            continue
        if not own and same_column and p.loc.table is None and q.loc.table is not None:
            break
        out += list(q.line_widths)
        if "bottom" in q.borders and (own or not q.text.strip()):
            out.append(q.avail)
        if not own and "top" in q.borders and not q.text.strip():
            out.append(q.avail)
        if not own and is_typed_rule(q):
            out.append(content_width(q))
            break
        if not own and q.text.strip():
            seen += 1
            if seen >= window:
                break
    return out


def _zone(body: list[Paragraph]) -> list[tuple[Paragraph, Paragraph, str]]:
    """(source paragraph, segment, side) of the top of the document."""
    return [(p, seg, side) for p in body[:_HEADER_SCAN] for seg, side in segments(p) if seg.text.strip()]


def _type_of(s: str) -> str | None:
    s = text.nfc(s.strip())
    if not is_upper(s):
        return None
    for upper, name in _TYPES_UPPER:
        if s == upper or s.startswith(upper + " ") or s.startswith(upper + ":"):
            return name
    return None


def locate(model: DocModel) -> Doc:
    """Find the header, Số, date, V/v or type name, Kính gửi, body, Nơi nhận and signature."""
    doc = Doc(model)
    body = model.body()
    zone = _zone(body)
    doc.quoc_hieu = next((s for _, s, _ in zone if _letters(s.text) == _QH_KEY), None)
    doc.tieu_ngu = next((s for _, s, _ in zone if _letters(s.text) == _TN_KEY), None)
    doc.so = next((s for _, s, _ in zone if _SO_START.match(text.nfc(s.text.strip()))), None)
    doc.date = next((s for _, s, _ in zone if re.search(r"ngày\b.*tháng\b.*năm\b", s.text) and len(s.text.strip()) < 80
                     and not s.text.lstrip().startswith("(") and s is not doc.so), None)
    doc.vv = next((s for _, s, _ in zone if _VV.match(s.text.strip())), None)
    doc.agency = _agency(doc, zone)
    top = (doc.so or doc.tieu_ngu or doc.quoc_hieu)
    start = top.loc.index if top is not None else -1
    for p in body[:_HEADER_SCAN]:
        if p.loc.index > start and (p.loc.table is None or p.loc.table != (top.loc.table if top else None)):
            name = _type_of(split_lines(p)[0].text) if p.text.strip() else None
            if name and p not in doc.agency:
                doc.type_para, doc.type_name = split_lines(p)[0], name
                break
    if doc.type_para is not None and doc.vv is not None and doc.vv.loc.index > doc.type_para.loc.index:
        doc.vv = None  # ``BÁO CÁO`` then ``V/v …``: the V/v is the report's trích yếu, not a công văn's
    if doc.type_para is not None and doc.vv is None:
        doc.kind = NAMED
        _locate_subject(doc, body)
    elif doc.so is not None or doc.vv is not None:
        doc.kind = CONG_VAN
    if doc.kind == FORM:
        return doc
    _locate_tail(doc, body)
    return doc


def _agency(doc: Doc, zone: list[tuple[Paragraph, Paragraph, str]]) -> list[Paragraph]:
    """Upper-case lines at the top of the header's left column (parent body, then the agency)."""
    qh = doc.quoc_hieu
    if qh is None:
        return []
    out: list[Paragraph] = []
    if qh.loc.table is not None:
        cands = [(p, s) for p, s, side in zone if p.loc.table == qh.loc.table and p.loc.col is not None
                 and p.loc.col < qh.loc.col and side != "R"]
    else:
        cands = [(p, s) for p, s, side in zone if side == "L" or (p.loc.index < qh.loc.index and side == "")]
    col = None
    for _p, s in cands:
        txt = s.text.strip()
        if col is not None and s.loc.col != col:
            continue
        if _SO_START.match(txt) or _VV.match(txt) or s is doc.date or _type_of(txt):
            break
        if not is_typed_rule(s) and _letters(txt) not in (_QH_KEY, _TN_KEY) and len(out) < 4:
            out.append(s)
            col = s.loc.col
    return out


def _locate_subject(doc: Doc, body: list[Paragraph]) -> None:
    """The trích yếu under the type name: one to four lines (bold, centred), then optional centred
    notes in brackets (``(Ban hành kèm theo …)``) that belong to the heading block."""
    t = doc.type_para
    lines = split_lines(next(p for p in body if p.loc.index == t.loc.index))
    rest = lines[1:]
    after = [p for p in body[t.loc.index + 1:t.loc.index + 12] if p.text.strip()]
    if rest:
        doc.subject_lines = rest
    elif after and not after[0].text.strip().startswith("(") and not _fold(after[0].text).startswith("kính gửi"):
        first = after[0]
        doc.subject_lines = [first]
        bold = all(r.bold for r in first.visible_runs)
        for q in after[1:4]:
            s = q.text.strip()
            if s.startswith("(") or all(r.bold for r in q.visible_runs) != bold or looks(q) not in ("center", "any") \
                    or q.loc.index != doc.subject_lines[-1].loc.index + 1 or is_typed_rule(q):
                break
            doc.subject_lines.append(q)
    doc.subject = doc.subject_lines[0] if doc.subject_lines else None
    end = doc.subject_lines[-1].loc.index if doc.subject_lines else t.loc.index
    for q in body[end + 1:end + 6]:
        s = q.text.strip()
        if not s or is_typed_rule(q):
            continue
        if s.startswith("(") and s.endswith(")") and looks(q) in ("center", "any"):
            end = q.loc.index
            continue
        break
    doc.head_end = end


def _recipients(doc: Doc, body: list[Paragraph]) -> None:
    """Lines after ``Kính gửi:`` (its own cell, the next cell or the next paragraphs); a line wrapped
    by hand (the next paragraph starts in lower case) joins the recipient it continues."""
    kg = doc.kinh_gui
    for p in body[kg.loc.index + 1:kg.loc.index + 30]:
        if not p.text.strip():
            continue
        for line in split_lines(p):
            s = line.text.strip()
            if s.startswith(("-", "–", "+", "•")):
                doc.recipients.append(line)
                doc.recipient_texts.append(s)
            elif doc.recipient_texts and not doc.recipient_texts[-1].endswith((";", ".")) and (
                    s[:1].islower() or (line.loc.table is not None and _cell(line) == _cell(doc.recipients[-1]))):
                doc.recipient_texts[-1] += " " + s
                doc.head_end = max(doc.head_end, line.loc.index)
            else:
                return
        doc.head_end = max(doc.head_end, p.loc.index)


def _locate_tail(doc: Doc, body: list[Paragraph]) -> None:
    """Kính gửi and recipients, Nơi nhận and signature, appendices, and the body between them."""
    main = (doc.so or doc.type_para or doc.vv).loc.section
    head = [p for p in [doc.so, doc.date, doc.vv, doc.type_para, *doc.subject_lines, *doc.agency,
                        doc.quoc_hieu, doc.tieu_ngu] if p is not None]
    doc.head_end = max([doc.head_end] + [p.loc.index for p in head])
    header_table = {p.loc.table for p in head if p.loc.table is not None}
    doc.kinh_gui = next((s for p in body[: _HEADER_SCAN + 20] for s, _ in segments(p)
                         if _fold(s.text).startswith("kính gửi")), None)
    if doc.kinh_gui is not None:
        doc.head_end = max(doc.head_end, doc.kinh_gui.loc.index)
        _recipients(doc, body)
    _locate_signature(doc, body, main)
    tail = [p.loc.index for p in [doc.noi_nhan, *doc.signature] if p is not None and p.loc.index > doc.head_end]
    doc.appendices = [p for p in body if p.loc.index > doc.head_end and p.loc.table is None
                      and _APPENDIX_HEAD.match(text.nfc(p.text.strip())) and len(p.text.strip()) <= 120
                      and not p.text.strip().endswith((".", ";", ","))]
    end = min(tail + [p.loc.index for p in doc.appendices] + [10**9])
    doc.body = [p for p in body if doc.head_end < p.loc.index < end and p.loc.table is None
                and p.loc.table not in header_table and p.text.strip() and not is_typed_rule(p)]


def _locate_signature(doc: Doc, body: list[Paragraph], main: int) -> None:
    """``Nơi nhận:`` with its entries, and the signature block beside it (a table cell to the right,
    the next rows of that column, or the right-hand column of tab-laid lines)."""
    after = [p for p in body if p.loc.index > doc.head_end and p.loc.section == main]
    right: list[Paragraph] = []
    for i, p in enumerate(after):
        segs = segments(p)
        if not any(_fold(s.text).startswith("nơi nhận") for s, side in segs if side != "R"):
            continue
        found = False
        for s, side in segs:
            if not found and _fold(s.text).startswith("nơi nhận"):
                found = True
                label_end = re.match(r"\s*nơi nhận\s*:?", _fold(s.text))
                if label_end and s.text.strip()[label_end.end():].strip().startswith("-"):
                    doc.entries.append(s)  # entry typed after the label on the same line
                doc.noi_nhan = s
            elif found and side == "R" and not s.text.strip().startswith("-"):
                right.append(s)
            elif found:
                doc.entries.append(s)
        for q in after[i + 1:]:
            if p.loc.table is not None and _cell(q) != _cell(p):
                if q.loc.table == p.loc.table:
                    continue
                break
            if not q.text.strip():
                continue
            stop = False
            for s, side in segments(q):
                st = s.text.strip()
                if side == "R" or (p.loc.table is None and side == "" and s.text[:1] in "\t " and
                                   not st.startswith(("-", "+"))):
                    right.append(cut(s, 0, len(s.text)))  # a tab-laid column: its width is unknown
                elif st.startswith(("-", "+", "–")) or (doc.entries and not doc.entries[-1].text.rstrip().endswith(
                        (";", ".")) and st[:1].islower()):
                    doc.entries.append(s)
                elif p.loc.table is None:
                    stop = True
            if stop:
                break
        break
    nn = doc.noi_nhan
    sig: list[Paragraph] = []
    if nn is not None and nn.loc.table is not None:
        sig = [s for q in body if q.loc.table == nn.loc.table and q.loc.col is not None and q.loc.col > nn.loc.col
               and nn.loc.row <= q.loc.row <= nn.loc.row + 2 for s in split_lines(q) if q.text.strip()]
    elif right:
        sig = right
    if not sig:
        first = next((p for p in after if _AUTHORITY.match(p.text.strip())), None)
        if first is not None:
            sig = [s for p in body if p.loc.index >= first.loc.index and p.text.strip()
                   and (p.loc.table, p.loc.col) == (first.loc.table, first.loc.col) for s in split_lines(p)][:6]
    doc.signature = [s for s in sig if s.text.strip() and not s.text.strip().startswith(("(", "/"))
                     and not is_typed_rule(s)]

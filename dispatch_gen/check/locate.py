"""Where the ND30 elements sit in a document model, and which kind of document it is.

The checker's rules judge elements (quốc hiệu, Số line, date, V/v, Kính gửi, body, Nơi nhận,
signature), so finding them is done once here, tolerant of the defects the rules then report: a
misspelt quốc hiệu or a ``Số 5 / …`` line is still found. The kind decides which rules apply: a
công văn (``V/v`` under the Số line), a named type (``BÁO CÁO`` …), or an attachment such as a
fillable form (no Số line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import nd30, text
from ..models import AUTHORITIES, DOC_TYPES
from ..word.inspect import DocModel, Paragraph

COMMON, CONG_VAN, NAMED, FORM = "common", "cong_van", "named", "form"
DISPATCH_KINDS = (CONG_VAN, NAMED)
_SO_START = re.compile(r"^\s*Số\s*(:|\d*\s*/)")
_VV = re.compile(r"^V\s*/\s*v\b", re.I)
_AUTHORITY = re.compile("^({}) ".format("|".join(re.escape(a) for a in AUTHORITIES)))
_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")
_NAMED_TYPES = {text.upper_vi(n): n for n, a in DOC_TYPES.items() if a}
_HEADER_SCAN = 60  # paragraphs from the top where the header elements may sit


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


def _fold(s: str) -> str:
    """Loose key to find an element whatever its defects (case, spacing, dashes, HOÀ/HÒA, NFD)."""
    s = text.nfc(s).casefold().replace("hoà", "hòa")
    return re.sub(r"\s+", " ", _DASHES.sub("-", s)).strip()


def has_rule_under(doc: Doc, p: Paragraph) -> bool:
    """A drawn line under ``p``: its bottom border, a line shape, or an empty paragraph right after it
    (same cell) that carries a border or a line shape — the usual ways to draw a short rule."""
    if "bottom" in p.borders or p.has_line_shape:
        return True
    body = doc.model.body()
    nxt = body[p.loc.index + 1] if p.loc.index + 1 < len(body) else None
    same = nxt is not None and (nxt.loc.table, nxt.loc.row, nxt.loc.col) == (p.loc.table, p.loc.row, p.loc.col)
    return same and not nxt.text.strip() and bool({"top", "bottom"} & nxt.borders or nxt.has_line_shape)


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

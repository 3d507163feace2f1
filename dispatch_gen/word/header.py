"""Fit the ND30 header table of a rendered document to its own agency name and date line.

The templates are built once with the usual column split (``nd30.HEADER_COLS``); the words that go
in are the case's. A merged commune's long name («Nam Đông Hòa Hiệp Thành, ngày 28 tháng 12 năm
2026») wraps the date line in the template's 9.7 cm column, so after rendering the header table is
re-split by ``nd30.header_columns`` (and may reach into the left margin, as agencies' headers do),
and the short rules under the agency and the tiêu ngữ stay centred in their resized columns.
"""

from __future__ import annotations

from lxml import etree

from .. import nd30

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# tblPr children that come before tblInd in the schema's sequence (CT_TblPr).
_BEFORE_IND = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing")


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def header_table(body: etree._Element) -> etree._Element | None:
    """The body's two-column header table: the first top-level table whose right cell holds the quốc hiệu."""
    for tbl in body.iterchildren(_w("tbl")):
        grid = tbl.find(_w("tblGrid"))
        row = tbl.find(_w("tr"))
        if grid is None or row is None or len(grid) != 2:
            continue
        cells = row.findall(_w("tc"))
        if len(cells) == 2 and nd30.QUOC_HIEU in _text(cells[1]):
            return tbl
    return None


def _cell_margins(tbl: etree._Element) -> int:
    """Left + right cell margins of ``tbl`` in twips (Word's 108 each when the table sets none)."""
    mar = tbl.find(f"{_w('tblPr')}/{_w('tblCellMar')}")
    total = 0
    for side in ("left", "right"):
        el = mar.find(_w(side)) if mar is not None else None
        total += int(el.get(_w("w"), "0")) if el is not None else 108
    return total


def _recentre_rules(cell: etree._Element, grown: int) -> None:
    """Keep a rule (an empty paragraph with a border and equal side indents) centred in a cell ``grown``
    twips wider (or narrower)."""
    for ppr in cell.iter(_w("pPr")):
        ind = ppr.find(_w("ind"))
        if ppr.find(_w("pBdr")) is None or ind is None or _text(ppr.getparent()).strip():
            continue
        left, right = ind.get(_w("left")), ind.get(_w("right"))
        if left is None or left != right:
            continue
        side = str(max(int(left) + grown // 2, 0))
        ind.set(_w("left"), side)
        ind.set(_w("right"), side)


def fit_header(body: etree._Element, agency_lines: list[str], place_date: str | None) -> bool:
    """Re-split the header table of ``body`` so ``place_date`` and the agency lines fit; True if changed."""
    tbl = header_table(body)
    if tbl is None:
        return False
    cols = tbl.find(_w("tblGrid")).findall(_w("gridCol"))
    old = [int(c.get(_w("w"))) for c in cols]
    pr = tbl.find(_w("tblPr"))
    ind = pr.find(_w("tblInd"))
    old_outdent = -int(ind.get(_w("w"), "0")) if ind is not None else 0
    total = sum(old) - old_outdent
    left, right, outdent = nd30.header_columns(agency_lines, place_date, total, _cell_margins(tbl))
    if [left, right] == old and outdent == old_outdent:
        return False
    for col, width in zip(cols, (left, right), strict=True):
        col.set(_w("w"), str(width))
    for tr in tbl.iterchildren(_w("tr")):
        for tc, width, was in zip(tr.findall(_w("tc")), (left, right), old, strict=False):
            tcw = tc.find(f"{_w('tcPr')}/{_w('tcW')}")
            if tcw is not None:
                tcw.set(_w("w"), str(width))
                tcw.set(_w("type"), "dxa")
            _recentre_rules(tc, width - was)
    tblw = pr.find(_w("tblW"))
    if tblw is not None:
        tblw.set(_w("w"), str(left + right))
        tblw.set(_w("type"), "dxa")
    if ind is None:
        ind = etree.Element(_w("tblInd"))
        anchor = [el for el in pr if etree.QName(el).localname in _BEFORE_IND]
        if anchor:
            anchor[-1].addnext(ind)
        else:
            pr.insert(0, ind)
    ind.set(_w("w"), str(-outdent))
    ind.set(_w("type"), "dxa")
    return True

"""The template context of any ND30 document: what goes in each ô, as plain values.

Pure (no docx): every stage that writes an ND30 document (the dispatch, the report, reminders) builds
its context here so the header, Số, date, Kính gửi, body numbering, Nơi nhận and signature follow one
set of rules. Templates only place and format these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import text
from .case.models import DOC_TYPES, Block, Case, Dispatch, symbol_for

if TYPE_CHECKING:
    from .register import Entry


@dataclass(frozen=True)
class Run:
    """A piece of body text with its emphasis (from ``**bold**`` / ``*italic*`` markup)."""

    text: str
    bold: bool = False
    italic: bool = False


def runs(markup: str) -> list[Run]:
    """Body text with inline emphasis split into runs."""
    return [Run(t, b, i) for t, b, i in text.parse_inline(markup)]


def body_blocks(blocks: list[Block]) -> list[dict]:
    """Numbered body paragraphs: items ``1.`` ``2.`` …, points ``a)`` ``b)`` (restart per item), bullets ``-``.

    Items count across the whole body (the seed's ``3.`` follows a plain paragraph); points restart
    under each item because a điểm belongs to its khoản (ND30 §8).
    """
    out: list[dict] = []
    item_no = 0
    point_no = 0
    for block in blocks:
        if block.kind == "item":
            item_no += 1
            point_no = 0
            label = f"{item_no}. "
        elif block.kind == "point":
            label = text.point_label(point_no) + " "
            point_no += 1
        elif block.kind == "bullet":
            label = "- "
        else:
            label = ""
        out.append({"kind": block.kind, "label": label, "runs": runs(block.text),
                    "text": label + text.plain_inline(block.text)})
    return out


def kinh_gui(recipients: list[str]) -> tuple[str | None, list[str]]:
    """ND30 §9: one recipient stays on the ``Kính gửi:`` line; several become ``- X;`` … ``- Y.`` lines."""
    if len(recipients) == 1:
        return text.nfc(recipients[0]).strip(), []
    return None, text.join_list_lines(recipients) if recipients else []


def document_context(case: Case, dispatch: Dispatch | None = None, number: int | None = None,
                     issued_on: dt.date | None = None) -> dict:
    """The context of an ND30 document of ``case`` (its dispatch unless another is given).

    ``number`` and ``issued_on`` override the record's (the register assigns them at issue);
    without them a draft keeps a blank number and, if the record has none, a blank day.
    """
    dispatch = dispatch or case.dispatch
    agency = case.agency
    signer = case.signers[dispatch.signer]
    number = number if number is not None else dispatch.number
    if issued_on is not None:
        year, month, day = issued_on.year, issued_on.month, issued_on.day
    else:
        year, month, day = dispatch.date.year, dispatch.date.month, dispatch.date.day
    single, recipient_lines = kinh_gui(dispatch.recipients)
    is_cong_van = DOC_TYPES[dispatch.type] is None
    return {
        "agency_parent": text.upper_vi(agency.parent) if agency.parent else None,
        "agency_lines": [text.upper_vi(line) for line in agency.name_lines],
        "agency_full_name": agency.full_name,
        "symbol": symbol_for(agency, dispatch.type, dispatch.unit),
        "so_line": text.so_line(number, symbol_for(agency, dispatch.type, dispatch.unit)),
        "place_date": text.place_date(agency.place, year, month, day),
        "is_cong_van": is_cong_van,
        "type_name": None if is_cong_van else text.upper_vi(dispatch.type),
        "subject": dispatch.subject,
        "vv": f"V/v {dispatch.subject}" if is_cong_van else None,
        "urgency": dispatch.urgency,
        "confidentiality": dispatch.confidentiality,
        "recipient": single,
        "recipient_lines": recipient_lines,
        "blocks": body_blocks(dispatch.body),
        "body_slot": None,
        "noi_nhan": text.join_list_lines(dispatch.noi_nhan),
        "sign_lines": signer.block_lines(),
        "signer_name": signer.name,
        "contact_line": contact_line(agency),
        "properties": document_properties(case, dispatch, dt.date(year, month, day or 1)),
    }


def document_properties(case: Case, dispatch: Dispatch, day: dt.date) -> dict:
    """The .docx core properties (issue 13): what Word's File › Info and Explorer show.

    Title = the type and the trích yếu (``Công văn V/v …``, ``Báo cáo …``), author = the agency,
    created/modified = the document's date (the 1st of the month while a draft's day is blank), so
    the file describes the document, not the program, and stays byte-identical across runs.
    """
    title = f"{dispatch.type} V/v {dispatch.subject}" if DOC_TYPES[dispatch.type] is None \
        else f"{dispatch.type} {dispatch.subject}"
    return {"title": text.nfc(title), "subject": dispatch.subject, "author": case.agency.full_name,
            "date": day, "language": "vi-VN"}


def contact_line(agency) -> str | None:
    """Ô 13: ``Địa chỉ: …; ĐT: …; E-mail: …`` from what the agency record gives, or None."""
    parts = [f"{label}: {value}" for label, value in
             (("Địa chỉ", agency.address), ("ĐT", agency.phone), ("E-mail", agency.email)) if value]
    return "; ".join(parts) or None


def dispatch_citation(case: Case, entry: Entry | None) -> tuple[str, str]:
    """How other documents cite the case's dispatch: (``Công văn số 01/UBND-VP``, ``ngày 08 tháng 01 năm 2026``).

    Issued: the register's number and signing date. Otherwise what dispatch.yaml states (a number
    given by hand, a full date), and ``…`` for the rest: a draft's month is a guess, and the forms,
    the report and the reminder must all show the same blanks (issue 10).
    """
    d = case.dispatch
    symbol = symbol_for(case.agency, d.type, d.unit)
    if entry is not None:
        day = entry.issued_on
        return f"{d.type} số {entry.number_text}", text.date_phrase(day.year, day.month, day.day)
    number = text.doc_number(d.number) if d.number else "…"
    when = text.date_phrase(d.date.year, d.date.month, d.date.day) if d.date.day else "ngày … tháng … năm …"
    return f"{d.type} số {number}/{symbol}", when

"""Receipts (biên nhận): what the clerk tells an officer about a form once it is collected.

Pure wording: one ``FileOutcome`` in, a one-line receipt and the lines of the printable receipt
out (``word.receipt`` lays it out, ``output`` writes it). A receipt says the unit, when the form
was received, how many answers were counted, what is missing or needs clarifying, and the SHA-256
of the file as received (the archived original, kept unchanged, is the evidence).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..case.models import Case, expected_units
from ..messages import t
from ..text import file_part, place_date, short_date
from ..word.receipt import build_receipt
from .receive import display_name

if TYPE_CHECKING:
    from .stage import FileOutcome


def _when(stamp: str) -> str:
    moment = dt.datetime.fromisoformat(stamp)
    return t("receipt_when", hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}", day=short_date(moment.date()))


def _state(f: FileOutcome) -> str:
    return t(f"receipt_state_{f.submission or 'complete'}")


def has_receipt(f: FileOutcome) -> bool:
    """Forms taken (accepted, or kept as history) and blank forms get a receipt; refusals get a reason."""
    return f.outcome in ("accepted", "superseded") or f.submission == "empty"


def receipt_line(f: FileOutcome, unit_name: str) -> str:
    """One line: unit, time received, answers counted, what is missing, SHA-256."""
    missing = "; ".join(f.missing) if f.missing else \
        t("receipt_blank_missing") if f.submission == "empty" else t("receipt_nothing_missing")
    return t("receipt_line", unit=unit_name, when=_when(f.received_at), answers=f.answers, fields=f.fields,
             state=_state(f), missing=missing, sha=f.sha256)


def receipt_lines(f: FileOutcome, unit_name: str) -> list[tuple[str, str]]:
    """``label: value`` lines of the printable receipt."""
    lines = [(t("receipt_unit"), unit_name), (t("receipt_file"), display_name(f.path)),
             (t("receipt_received"), _when(f.received_at)),
             (t("receipt_answers"), t("receipt_answers_value", answers=f.answers, fields=f.fields)),
             (t("receipt_state"), _state(f))]
    if f.missing:
        lines.append((t("receipt_missing"), "\n".join(f"- {m}" for m in f.missing)))
    elif f.submission == "empty":
        lines.append((t("receipt_missing"), t("receipt_blank_missing")))
    if f.clarify:
        lines.append((t("receipt_clarify"), "\n".join(f"- {c}" for c in f.clarify)))
    lines.append((t("receipt_sha"), f.sha256))
    return lines


def receipt_docx(case: Case, f: FileOutcome) -> bytes:
    """The printable one-page receipt of ``f`` (a .docx)."""
    name = unit_names(case).get(f.unit or "", f.unit or "")
    intro = t("receipt_intro", agency=case.agency.full_name, unit=name)
    day = dt.datetime.fromisoformat(f.received_at).date()
    return build_receipt(t("receipt_title"), intro, receipt_lines(f, name), case.agency.name_lines,
                         place_date(case.agency.place, day.year, day.month, day.day), t("receipt_signer"),
                         {"dg.case": case.id, "dg.receipt": f.sha256})


def receipt_file_name(f: FileOutcome) -> str:
    """``bien-nhan-<unit>-<first 12 hex of the SHA-256>.docx``: one receipt per received file."""
    return f"bien-nhan-{file_part(f.unit or 'khong-ro')}-{f.sha256[:12]}.docx"


def unit_names(case: Case) -> dict[str, str]:
    return {u.code: u.name for u in expected_units(case)}


def receipts(case: Case, files: list[FileOutcome], folder: Path) -> list[tuple[Path, bytes]]:
    """``(path, bytes)`` of the receipt of every file that gets one, for ``output`` to write."""
    return [(folder / receipt_file_name(f), receipt_docx(case, f)) for f in files if has_receipt(f)]

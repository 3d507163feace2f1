"""The outgoing register (sổ đăng ký văn bản đi): numbers per agency and calendar year, from 01.

Issuing is three steps, each its own short transaction in the case store:

1. ``reserve_number`` takes max + 1 for (agency, year) under the write lock and records it as
   ``reserved`` with the date, ký hiệu, trích yếu and signer (so two processes never share a
   number and the lock is not held while Word renders);
2. the caller renders the document with that number and date;
3. ``complete`` records the file and its SHA-256 and marks the number ``issued``.

A number is never reused and never disappears without a reason: rows are never deleted (the store
refuses it); if rendering fails the number is voided with the reason ``lỗi khi tạo văn bản: …``;
if the process is killed between 1 and 3 the number stays visible as ``reserved`` (the clerk can
void it with a reason). A clerk can void any number (``void``); it stays used.

Stages never import each other, so ``issue_dispatch`` receives the renderer as a callable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError
from .messages import t
from .models import Case, symbol_for
from .output import recording_writes
from .store import Store, open_store
from .text import doc_number, nfc, short_date

log = logging.getLogger(__name__)

RESERVED, ISSUED, VOIDED = "reserved", "issued", "voided"
RENDER_FAILED_REASON = "lỗi khi tạo văn bản"  # register data (Vietnamese), not a terminal message


@dataclass(frozen=True)
class Entry:
    """One line of the register."""

    agency: str
    year: int
    number: int
    symbol: str
    issued_on: dt.date
    subject: str
    signer: str
    file: str | None
    sha256: str | None
    status: str
    void_reason: str | None
    created_at: str

    @property
    def number_text(self) -> str:
        """``01/UBND``: the number as written in the document's ``Số:`` line."""
        return f"{doc_number(self.number)}/{self.symbol}"

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready dict (ISO date)."""
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat()
        data["number_text"] = self.number_text
        return data


def _entry(row: dict[str, Any]) -> Entry:
    fields = {k: row[k] for k in Entry.__dataclass_fields__}
    fields["issued_on"] = dt.date.fromisoformat(row["issued_on"])
    return Entry(**fields)


def agency_key(case: Case) -> str:
    """The register is kept per agency, keyed by the agency's symbol (``UBND``).

    The symbol is part of every ký hiệu, so even if it changed, no two documents could carry the
    same ``Số: 01/…``; the full name is not used because fixing a typo in it would restart at 01.
    """
    return case.agency.symbol


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks: proves later that a file is the one issued."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def written_digest(writes: dict[Path, str], written: Path) -> str:
    """SHA-256 of the bytes the renderer itself put at ``written`` (issue 16).

    Hashing the path after the rename would record whatever is there by then: another issue to
    the same path, or a program that replaced the file. A renderer that wrote through another
    channel (none in the package) falls back to hashing the file.
    """
    return writes.get(written.resolve()) or file_sha256(written)


def reserve_number(store: Store, case: Case, today: dt.date) -> int:
    """Take the next number of the case's agency for ``today``'s year; recorded as ``reserved``."""
    number = store.register_reserve(
        agency=agency_key(case),
        year=today.year,
        symbol=symbol_for(case.agency, case.dispatch.type, case.dispatch.unit),
        issued_on=today,
        subject=case.dispatch.subject,
        signer=case.signer.name,
    )
    log.info("reserved number %s/%s for %s", number, today.year, agency_key(case))
    return number


def complete(store: Store, agency: str, year: int, number: int, file: str, sha256: str) -> Entry:
    """Mark a reserved number ``issued`` with its output file and SHA-256."""
    before = store.register_update(agency=agency, year=year, number=number, expect=(RESERVED,),
                                   status=ISSUED, file=file, sha256=sha256)
    if before is None:
        raise StoreError(t("register_unknown_number", number=doc_number(number), year=year))
    if before != RESERVED:
        raise StoreError(t("register_not_reserved", number=doc_number(number), year=year,
                           status=status_label(before)))
    return get_entry(store, agency, year, number)


def void(store: Store, agency: str, year: int, number: int, reason: str) -> Entry:
    """Void a number with a reason; it stays in the register and is never given out again."""
    reason = nfc(reason or "").strip()
    if not reason:
        raise StoreError(t("register_void_no_reason"))
    before = store.register_update(agency=agency, year=year, number=number,
                                   expect=(RESERVED, ISSUED), status=VOIDED, void_reason=reason)
    if before is None:
        raise StoreError(t("register_unknown_number", number=doc_number(number), year=year))
    if before == VOIDED:
        raise StoreError(t("register_already_voided", number=doc_number(number), year=year))
    return get_entry(store, agency, year, number)


def get_entry(store: Store, agency: str, year: int, number: int) -> Entry:
    """One register entry; ``StoreError`` when that number was never taken."""
    row = store.register_get(agency=agency, year=year, number=number)
    if row is None:
        raise StoreError(t("register_unknown_number", number=doc_number(number), year=year))
    return _entry(row)


def list_entries(store: Store, agency: str | None = None, year: int | None = None) -> list[Entry]:
    """Register entries in book order (year, number), optionally of one agency and year."""
    return [_entry(r) for r in store.register_rows(agency=agency, year=year)]


def _recorded_path(path: Path, case_dir: Path) -> str:
    """Relative to the case folder when inside it (travels with a copied case), else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(case_dir.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def issue_dispatch(case: Case, case_dir: Path, render: Callable[[int, dt.date], Path],
                   today: dt.date | None = None) -> tuple[Path, Entry]:
    """Reserve the next number, render with it (``render(number, issued_on)``), record the file.

    If ``render`` raises, the number is voided with ``lỗi khi tạo văn bản: <cause>`` and the
    error propagates: the number is used, explained, and never handed out again.
    """
    today = today or dt.date.today()
    agency = agency_key(case)
    with open_store(case_dir) as store:
        number = reserve_number(store, case, today)
        try:
            with recording_writes() as writes:
                written = Path(render(number, today))
            digest = written_digest(writes, written)
        except BaseException as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            void(store, agency, today.year, number, f"{RENDER_FAILED_REASON}: {detail}")
            raise
        entry = complete(store, agency, today.year, number, _recorded_path(written, case_dir), digest)
    return written, entry


def register_entries(case_dir: Path, year: int | None = None) -> list[Entry]:
    """Every entry of the case's register (all agencies the store has seen), optionally one year."""
    with open_store(case_dir) as store:
        return list_entries(store, year=year)


def void_number(case: Case, case_dir: Path, year: int, number: int, reason: str) -> Entry:
    """Void ``number`` of ``year`` in the case's register (refuses unknown numbers, empty reasons)."""
    reason = nfc(reason or "").strip()
    if not reason:  # checked before opening: a refused command leaves no trace
        raise StoreError(t("register_void_no_reason"))
    with open_store(case_dir) as store:
        return void(store, agency_key(case), year, number, reason)


# --- presentation helpers (pure: the CLI prints what they return) ------------------------------


def status_label(status: str) -> str:
    """Clerk-readable status of a register line."""
    return t(f"register_status_{status}")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(entries: list[Entry], subject_width: int = 48) -> list[str]:
    """The register as aligned text lines: Năm, Số, Ngày, Trích yếu, Người ký, Tệp, Trạng thái."""
    if not entries:
        return [t("register_empty")]
    header = [t(f"register_col_{c}") for c in ("year", "number", "date", "subject", "signer", "file", "status")]
    rows = [
        [
            str(e.year),
            e.number_text,
            short_date(e.issued_on),
            _clip(e.subject, subject_width),
            e.signer,
            e.file or "",
            status_label(e.status) + (f": {e.void_reason}" if e.void_reason else ""),
        ]
        for e in entries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines

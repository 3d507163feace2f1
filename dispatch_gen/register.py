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

import dataclasses
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .case.models import Case, symbol_for
from .errors import DispatchGenError, OutputError, StoreError
from .messages import t
from .output import publish_new, recording_writes
from .store import Store, open_store
from .text import doc_number, nfc, short_date

log = logging.getLogger(__name__)

RESERVED, ISSUED, VOIDED = "reserved", "issued", "voided"
LOST = "lost"  # in the journal, not in the store: an older copy of the store was restored (workspace branch)
DISPATCH_KEY = "dispatch"  # doc_key of a case's dispatch; "report", "reminder:<as-of>" for the others
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
    case_id: str | None = None
    doc_key: str | None = None
    source: str | None = None  # the case a row was imported from (per-case register → workspace)
    duplicate: bool = False  # imported, but another case had already used the number (kept as a fact)

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


def entry_of(row: dict[str, Any]) -> Entry:
    fields = {k: row[k] for k in Entry.__dataclass_fields__ if k in row}
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
        case_id=case.id,
        doc_key=DISPATCH_KEY,
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
    if before is None and store.register_recover(agency=agency, year=year, number=number, reason=reason):
        return get_entry(store, agency, year, number)  # a number an older copy of the store had lost
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
    return entry_of(row)


def list_entries(store: Store, agency: str | None = None, year: int | None = None) -> list[Entry]:
    """Register entries in book order (year, number), optionally of one agency and year."""
    return [entry_of(r) for r in store.register_rows(agency=agency, year=year)]


def book(store: Store) -> list[Entry]:
    """The whole register: its entries, the imported numbers another case had already used
    (``duplicate=True``) and the numbers its journal holds but the store lost (status ``lost``: an
    older copy of the store was restored), in book order (agency, year, number)."""
    clashes = [dataclasses.replace(entry_of(r), duplicate=True) for r in store.register_imported_rows()]
    lost = [entry_of({**r, "file": None, "sha256": None, "status": LOST, "void_reason": None})
            for r in store.register_lost()]
    return sorted(list_entries(store) + clashes + lost, key=lambda e: (e.agency, e.year, e.number, e.duplicate))


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


@dataclass(frozen=True)
class Document:
    """A document about to be issued: who it belongs to and what the register records of it.

    ``key`` names the document within its case (``dispatch``, ``report``, ``reminder:<as-of>``):
    issuing the same key twice is a re-issue. ``texts`` are the draft's words checked for init's
    placeholders before a number is spent on them.
    """

    case_id: str
    key: str
    agency: str
    symbol: str
    subject: str
    signer: str
    texts: tuple[str, ...] = ()


@dataclass
class Issuing:
    """A request to issue (``--issue``, ``--date``, ``--reissue``, ``--reason``); ``entry`` is set once done."""

    day: dt.date
    reissue: bool = False
    reason: str | None = None
    entry: Entry | None = None


PLACEHOLDER = re.compile(r"\[[^\[\]]*cần sửa[^\[\]]*\]")  # init's "[… — cần sửa …]" placeholders


def draft_problems(doc: Document) -> list[str]:
    """Why this draft cannot be issued yet: an empty trích yếu, placeholders left from ``init``."""
    problems = [] if doc.subject.strip() else [t("issue_empty_subject")]
    left = sorted({m.group(0) for text in (doc.subject, *doc.texts) for m in PLACEHOLDER.finditer(text)})
    problems += [t("issue_placeholder", text=_clip(found, 60)) for found in left]
    return problems


def issued_for(entries: list[Entry], case_id: str, key: str) -> Entry | None:
    """The latest issued (or still reserved) number of this document of this case, or None."""
    mine = [e for e in entries if e.case_id == case_id and e.doc_key == key and e.status in (ISSUED, RESERVED)]
    return max(mine, key=lambda e: (e.year, e.number)) if mine else None


def issue(store: Store, doc: Document, out: Path, render: Callable[[int, dt.date, Path], Path],
          day: dt.date, base_dir: Path, reissue: bool = False, reason: str | None = None) -> tuple[Path, Entry]:
    """Issue ``doc``: refuse a draft, a repeat without ``reissue``, an existing ``out``; then number it.

    ``render(number, day, path)`` writes the numbered document to ``path`` (a private name beside
    ``out``), which is then published under ``out`` only if no file has that name: an issued file
    is never overwritten, even by a second process. A re-issue voids the earlier number (with
    ``reason``, or one naming the new number) only once the new one is complete.
    """
    problems = draft_problems(doc)
    if problems:
        raise DispatchGenError("\n".join([t("issue_refused_draft", subject=_clip(doc.subject, 60)), *problems]))
    if out.exists():
        raise OutputError(f"{out}: " + t("issue_file_exists"))
    with store.write():  # the check and the reservation under one lock: two runs cannot both pass it
        entries = book(store)
        earlier = issued_for(entries, doc.case_id, doc.key)
        if earlier is not None and not reissue:
            raise DispatchGenError(t("issue_already", number=earlier.number_text,
                                     date=short_date(earlier.issued_on), file=earlier.file or "…"))
        later = [e for e in entries if e.agency == doc.agency and e.year == day.year and e.status == ISSUED
                 and e.issued_on > day]
        if later:  # allowed (a paper signed earlier, entered late) but the book should read in date order
            log.warning(t("issue_date_before", date=short_date(day), number=later[-1].number_text,
                          other=short_date(later[-1].issued_on)))
        number = store.register_reserve(agency=doc.agency, year=day.year, symbol=doc.symbol, issued_on=day,
                                        subject=doc.subject, signer=doc.signer, case_id=doc.case_id,
                                        doc_key=doc.key)
    tmp = out.with_name(f".{out.stem}.{day.year}-{number}.tmp{out.suffix}")
    try:
        with recording_writes() as writes:
            written = Path(render(number, day, tmp))
        digest = written_digest(writes, written)
        if not publish_new(written, out):
            raise OutputError(f"{out}: " + t("issue_file_exists"))
    except BaseException as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        void(store, doc.agency, day.year, number, f"{RENDER_FAILED_REASON}: {detail}")
        raise
    finally:
        tmp.unlink(missing_ok=True)
    entry = complete(store, doc.agency, day.year, number, _recorded_path(out, base_dir), digest)
    if earlier is not None and not earlier.duplicate:  # an imported duplicate is history: it cannot change
        why = nfc(reason or "").strip() or t("issue_reissue_reason", number=entry.number_text,
                                              date=short_date(entry.issued_on))
        void(store, earlier.agency, earlier.year, earlier.number, why)
    return out, entry


def register_entries(case_dir: Path, year: int | None = None) -> list[Entry]:
    """Every entry of the register kept in the case's own store, optionally one year.

    A case in a workspace numbers in the workspace's register: ``workspace.OpenedCase.entries``.
    """
    with open_store(case_dir) as store:
        return list_entries(store, year=year)


# --- presentation helpers (pure: the CLI prints what they return) ------------------------------


def interrupted(entries: list[Entry], agency: str) -> Entry | None:
    """The first number of ``agency`` an interrupted run left reserved: the clerk voids it with a reason."""
    return next((e for e in entries if e.status == RESERVED and e.agency == agency), None)


def status_label(status: str) -> str:
    """Clerk-readable status of a register line."""
    return t(f"register_status_{status}")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(entries: list[Entry], subject_width: int = 48) -> list[str]:
    """The register as aligned text lines: Năm, Số, Ngày, Trích yếu, Người ký, Hồ sơ, Tệp, Trạng thái."""
    if not entries:
        return [t("register_empty")]
    header = [t(f"register_col_{c}") for c in ("year", "number", "date", "subject", "signer", "case", "file",
                                                 "status")]
    rows = [
        [
            str(e.year),
            e.number_text,
            short_date(e.issued_on),
            _clip(e.subject, subject_width),
            e.signer,
            e.case_id or e.source or "",  # a shared register holds several cases
            e.file or "",
            status_label(e.status) + (f": {e.void_reason}" if e.void_reason else "")
            + (f" — {t('register_duplicate', source=e.source)}" if e.duplicate else ""),
        ]
        for e in entries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines

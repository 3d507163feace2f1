"""Receiving uploaded forms (bytes with a name, not files on disk): the clerk's and the officers' way in.

Both faces receive through here: the web app's drop zone and each unit's own upload link. An upload
is written to a private temporary folder and handed to the same ``collect`` stage the CLI runs, so
the archive, the store and every refusal reason are the CLI's own. What this module adds:

- per-unit upload links: ``unit_token`` is an HMAC of the unit code under a link key derived from
  the case's form key (issue 16's per-case secret in the store: one secret per case, two uses kept
  apart by the derivation). The token is unguessable, stable across restarts and needs no table;
- a link accepts only its own unit's form: the file is read (purely) BEFORE anything is recorded,
  and another unit's form is refused without touching the store;
- a unit may resend until its deadline: after the deadline day, a unit that already has an accepted
  form is refused (a late FIRST form is still taken, and counted late by ``status``);
- a receipt: what was read (answered fields out of all), which required fields are empty, warnings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import tempfile
import urllib.parse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import output
from .case.models import Case, Unit, expected_units
from .collect.receive import FileRead
from .collect.stage import FileOutcome, LazySpecs, collect, read_one
from .errors import OutputError
from .messages import t
from .text import nfc

if TYPE_CHECKING:
    from .workspace import OpenedCase

TOKEN_CHARS = 32  # hex characters of the HMAC kept in a link: 128 bits
MAX_UPLOAD_FILES = 200  # files in one clerk upload
ALLOWED_SUFFIXES = (".docx",)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the browser sent (display only, never a path) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Receipt:
    """What the sender reads back about one file (``outcome`` as in ``collect``, or ``refused``)."""

    file: str
    outcome: str  # accepted | superseded | duplicate | rejected | refused
    unit: str | None = None
    unit_name: str | None = None
    reason: str | None = None
    receipt_id: str | None = None  # first 12 hex digits of the file's SHA-256 (what was archived)
    received_at: str | None = None
    answered: int = 0
    total: int = 0
    missing: tuple[str, ...] = ()  # labels of required fields left empty
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.outcome in ("accepted", "superseded", "duplicate")


# --- links


LINK_PURPOSE = b"dispatch-gen upload link"


def _link_key(form_key: bytes) -> bytes:
    """The link key: the form key's HMAC of a fixed purpose (a link token is never a form MAC)."""
    return hmac.new(form_key, LINK_PURPOSE, hashlib.sha256).digest()


def case_secret(opened: OpenedCase) -> bytes:
    """The case's link key; the form key behind it is made on first use (the clerk's requests)."""
    with opened.store() as db:
        return _link_key(db.form_key(create=True))


def existing_secret(opened: OpenedCase) -> bytes | None:
    """The link key if the case has a form key already (an officer's request never creates state)."""
    if not opened.has_store():
        return None
    with opened.store() as db:
        key = db.form_key()
    return _link_key(key) if key else None


def unit_token(secret: bytes, case: Case, unit_code: str) -> str:
    """The unguessable token of ``unit_code``'s upload link in ``case``."""
    message = f"{case.id}\x00{unit_code}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:TOKEN_CHARS]


def unit_for_token(secret: bytes, case: Case, token: str) -> Unit | None:
    """The unit whose link carries ``token`` (compared in constant time), or None."""
    if not re.fullmatch(rf"[0-9a-f]{{{TOKEN_CHARS}}}", token or ""):
        return None
    found = None
    for unit in expected_units(case):
        if unit.form and hmac.compare_digest(unit_token(secret, case, unit.code), token):
            found = unit
    return found


def send_list(case: Case, secret: bytes) -> list[tuple[Unit, str]]:
    """Every unit that returns a form with its link token, in the send list's order (``send_list.entries``)."""
    from .forms.send_list import entries

    return [(e.unit, unit_token(secret, case, e.unit.code)) for e in entries(case)]


def link_url(base: str, case_name: str, token: str) -> str:
    """The upload link as sent and printed: ``<base>/u/<case folder>/<token>``.

    The folder name is percent-encoded: a space (``Đợt 1``) would end the link where Zalo or a mail
    program finds it, and the officer would open a page that does not exist.
    """
    return f"{base.rstrip('/')}/u/{urllib.parse.quote(case_name, safe='')}/{token}"


def upload_links(opened: OpenedCase, base: str) -> dict[str, str]:
    """Unit code → its upload link under ``base`` (the address officers reach the app at)."""
    if not re.fullmatch(r"https?://[^/\s]+/?", base or ""):
        raise OutputError(t("intake_bad_base", base=base))
    return {u.code: link_url(base, opened.dir.name, tok) for u, tok in send_list(opened.case, case_secret(opened))}


def unit_status(opened: OpenedCase, unit: Unit, today: dt.date):
    """The unit's reporting state on ``today`` (what its upload page shows), or None without a store."""
    from .status import case_status

    if not opened.has_store():
        return None
    rows, _others = case_status(opened, today)
    return next((r for r in rows if r.unit == unit.code), None)


def resend_closed(unit: Unit, has_accepted: bool, today: dt.date) -> bool:
    """True when ``unit`` may no longer replace its form: its deadline day is over and one is in."""
    return has_accepted and unit.deadline is not None and today > unit.deadline


# --- receiving


def safe_name(name: str) -> str:
    """The last part of a browser-sent file name, NFC, without control or path characters."""
    base = re.split(r"[\\/]", nfc(name or ""))[-1]
    base = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "_", base).strip(" .")
    return base[:120] or "phieu.docx"


def upload_problem(upload: Upload, limit: int) -> str | None:
    """Why an upload is refused before it is read (type and size limits), or None."""
    if not safe_name(upload.name).lower().endswith(ALLOWED_SUFFIXES):
        return t("intake_not_docx")
    if len(upload.data) > limit:
        return t("collect_too_big", limit=limit // (1024 * 1024))
    if not upload.data:
        return t("file_empty")
    return None


def receive(opened: OpenedCase, uploads: list[Upload], *, unit: Unit | None = None,
            today: dt.date | None = None, limit: int | None = None) -> list[Receipt]:
    """Collect ``uploads`` into the case; with ``unit`` (an upload link), only that unit's form.

    Refusals for type, size, another unit's form or a closed resend are decided before anything
    is recorded; everything else is the ``collect`` stage's verdict, read back as a receipt. Each
    file is read once here (purely: what the receipt lists) and once more by ``collect``.
    """
    from .collect.stage import MAX_FILE_BYTES, received_stamp

    case = opened.case
    today = today or dt.date.today()
    limit = limit or MAX_FILE_BYTES
    specs = LazySpecs(case)
    receipts: dict[int, Receipt] = {}
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-upload-") as tmp:
        staged: list[tuple[int, Path, FileRead]] = []
        for i, up in enumerate(uploads):
            name = safe_name(up.name)
            problem = upload_problem(up, limit)
            if problem:
                receipts[i] = Receipt(name, "refused", reason=problem)
                continue
            folder = output.ensure_dir(output.inside(tmp, str(i)))  # one folder each: names may repeat
            path = output.write_atomic(output.inside(folder, name), up.data)
            read = read_one(case, specs, path)
            refusal = _link_refusal(opened, unit, read, today) if unit is not None else None
            if refusal:
                receipts[i] = Receipt(name, "refused", unit.code, unit.name, reason=refusal)
                continue
            staged.append((i, path, read))
        if staged:
            # received "now" on the app's today (the same instant unless a test or re-run pins the day)
            now = received_stamp(dt.datetime.combine(today, dt.datetime.now().time()))
            result = collect(opened, [p for _, p, _r in staged], dt.datetime.fromisoformat(now),
                             processes=1)
            by_path = {f.path: f for f in result.files}
            names = {u.code: u.name for u in expected_units(case)}
            for i, path, read in staged:
                outcome = by_path.get(path.resolve()) or by_path.get(path)
                if outcome is None:  # collect reports every file it was given: a gap is a bug, never silence
                    raise OutputError(t("intake_lost", file=path.name))
                receipts[i] = _receipt(opened, specs, names, read, outcome, now)
    return [receipts[i] for i in range(len(uploads))]


def _link_refusal(opened: OpenedCase, unit: Unit, read: FileRead, today: dt.date) -> str | None:
    """Why a unit's own link refuses this file (another unit's form, resend after the deadline)."""
    if read.unit and read.unit != unit.code:
        return t("intake_other_unit", unit=unit.name, other=read.unit)
    if not read.unit or unit.deadline is None or today <= unit.deadline:
        return None  # not a form (collect records why), or still open: resending is allowed
    if link_closed(opened, unit, today):
        return t("intake_closed", deadline=unit.deadline.strftime("%d/%m/%Y"))
    return None


def link_closed(opened: OpenedCase, unit: Unit, today: dt.date) -> bool:
    """Whether ``unit``'s link takes no more forms today (``resend_closed`` over the store's submissions):
    the upload page then says so instead of offering a form that would be refused."""
    if unit.deadline is None or today <= unit.deadline or not opened.has_store():
        return False
    with opened.store() as db:
        has = any(r["unit"] == unit.code and r["status"] == "accepted" for r in db.submissions())
    return resend_closed(unit, has, today)


def _receipt(opened: OpenedCase, specs, names: dict[str, str], read: FileRead, outcome: FileOutcome,
             now: str) -> Receipt:
    """What ``collect`` did with one file, with what it holds: answered fields, empty required ones."""
    received = now if outcome.outcome in ("accepted", "superseded") else None
    if outcome.outcome == "duplicate":  # received earlier: the receipt gives that time
        with opened.store() as db:
            row = db.submission_find(outcome.sha256)
        received = row["received_at"] if row else None
    base = Receipt(read.path.name, outcome.outcome, outcome.unit, names.get(outcome.unit or ""),
                   reason=outcome.reason, receipt_id=outcome.sha256[:12].upper() or None,
                   received_at=received, warnings=tuple(outcome.warnings))
    if outcome.outcome == "rejected" or not outcome.unit:
        return base
    spec = specs[outcome.unit]
    answered = sum(1 for _tag, kind, value, *_flag in read.answers  # an unticked box is no answer
                   if value not in (None, "") and not (kind == "checkbox" and value == "false"))
    listed = t("collect_partial", missing="; ".join(read.missing))
    return replace(base, answered=answered, total=len(spec.fields), missing=tuple(read.missing),
                   warnings=tuple(w for w in base.warnings if w != listed))  # shown as the list above

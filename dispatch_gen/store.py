"""The case store: one SQLite file per case, the only module that imports ``sqlite3``.

Where: ``<case>/.dispatch-gen/store.sqlite`` (``records.STATE_DIR``), so a case folder copied or
archived elsewhere keeps its register and answers with it. Why SQLite: transactions make the
outgoing register safe when two processes issue at once, and a run killed at any point leaves
either the old or the new state. Settings, and why:

- WAL journal (readers never block the writer) with ``synchronous=FULL`` (a committed number
  survives a power cut, so it is never handed out twice);
- ``busy_timeout`` of 30 s: a second process waits for the lock instead of failing;
- writers take the lock up front (``BEGIN IMMEDIATE`` in ``Store.write``) so read-then-write steps
  like "next number = max + 1" cannot interleave;
- foreign keys on; a ``schema_version`` table records which ``MIGRATIONS`` ran (append-only list).

Every ``sqlite3`` error leaves this module as ``StoreError`` with a Vietnamese message naming the
file (damaged store, store locked too long, store written by a newer version).

Sections: connection & migrations · register (số văn bản đi) · submissions/answers (collect).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .case.records import STATE_DIR
from .errors import StoreError
from .messages import t
from .output import append_line, ensure_dir, publish_new
from .text import doc_number, printable

STORE_FILE = "store.sqlite"
REGISTER_JOURNAL = "register.log"  # beside the store: every number taken (``Store.journal_path``)
REGISTER_WITNESS = "register-copy.log"  # in a case of a workspace: the numbers it took from the shared book
BUSY_TIMEOUT_S = 30.0
WAIT_STEP_S = 1.0  # a patient writer (collect) tries the lock this often and says it is waiting


# ============================================================================================
# Connection & migrations
# ============================================================================================

# Append-only: (name, statements). Never edit a step that has shipped; add a new one instead.
# Version N = MIGRATIONS[N-1]; a store records each applied version in ``schema_version``.
MIGRATIONS: list[tuple[str, tuple[str, ...]]] = [
    (
        "register: outgoing register (số văn bản đi) per agency and calendar year",
        (
            """
            CREATE TABLE register (
                id          INTEGER PRIMARY KEY,
                agency      TEXT    NOT NULL,
                year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
                number      INTEGER NOT NULL CHECK (number >= 1),
                symbol      TEXT    NOT NULL,
                issued_on   TEXT    NOT NULL,
                subject     TEXT    NOT NULL,
                signer      TEXT    NOT NULL,
                file        TEXT,
                sha256      TEXT    CHECK (sha256 IS NULL OR length(sha256) = 64),
                status      TEXT    NOT NULL CHECK (status IN ('reserved', 'issued', 'voided')),
                void_reason TEXT,
                created_at  TEXT    NOT NULL,
                updated_at  TEXT,
                UNIQUE (agency, year, number),
                CHECK (status <> 'voided' OR length(trim(coalesce(void_reason, ''))) > 0),
                CHECK (status <> 'issued' OR (file IS NOT NULL AND sha256 IS NOT NULL))
            )
            """,
            # A number, once taken, stays in the book: no deletes, no renumbering.
            """
            CREATE TRIGGER register_no_delete BEFORE DELETE ON register
            BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END
            """,
            """
            CREATE TRIGGER register_no_renumber BEFORE UPDATE OF agency, year, number ON register
            BEGIN SELECT RAISE(ABORT, 'register numbers are never changed'); END
            """,
        ),
    ),
    (
        "collect: received submissions (history kept) and their answers",
        (
            # One row per received file. status: 'accepted' = the unit's current form,
            # 'superseded' = an older accepted form kept as history, 'rejected' = refused (reason).
            """
            CREATE TABLE submissions (
                id           INTEGER PRIMARY KEY,
                unit         TEXT,
                form         TEXT,
                file_name    TEXT    NOT NULL,
                sha256       TEXT    NOT NULL CHECK (length(sha256) = 64),
                received_at  TEXT    NOT NULL,
                archive_path TEXT,
                status       TEXT    NOT NULL CHECK (status IN ('accepted', 'superseded', 'rejected')),
                reason       TEXT,
                warnings     TEXT    NOT NULL DEFAULT '[]',
                recorded_at  TEXT    NOT NULL,
                CHECK (status = 'rejected' OR (unit IS NOT NULL AND form IS NOT NULL
                                               AND archive_path IS NOT NULL)),
                CHECK (status <> 'rejected' OR reason IS NOT NULL)
            )
            """,
            # The same bytes are taken once; a unit has at most one current form.
            "CREATE UNIQUE INDEX submissions_one_copy ON submissions (sha256) WHERE status <> 'rejected'",
            "CREATE UNIQUE INDEX submissions_one_current ON submissions (unit) WHERE status = 'accepted'",
            "CREATE INDEX submissions_by_unit ON submissions (unit, received_at)",
            """
            CREATE TABLE answers (
                submission_id INTEGER NOT NULL REFERENCES submissions (id),
                tag           TEXT    NOT NULL,
                kind          TEXT    NOT NULL,
                value         TEXT,
                PRIMARY KEY (submission_id, tag)
            )
            """,
            # Received evidence is history: rows are never deleted, facts about a file never change.
            """
            CREATE TRIGGER submissions_no_delete BEFORE DELETE ON submissions
            BEGIN SELECT RAISE(ABORT, 'submissions are never deleted'); END
            """,
            """
            CREATE TRIGGER submissions_fixed BEFORE UPDATE OF unit, form, file_name, sha256, received_at,
                archive_path ON submissions
            BEGIN SELECT RAISE(ABORT, 'a received file is never rewritten'); END
            """,
            """
            CREATE TRIGGER answers_no_change BEFORE UPDATE ON answers
            BEGIN SELECT RAISE(ABORT, 'answers are never changed'); END
            """,
            """
            CREATE TRIGGER answers_no_delete BEFORE DELETE ON answers
            BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END
            """,
        ),
    ),
    (
        "collect: submission states, answers kept as typed and flagged, withdrawn receipts (issue 11)",
        (
            # submission: complete | partial (missing = what, in words, JSON list) | empty (a blank
            # form: recorded as refused, the unit stays missing). NULL for rows from before.
            "ALTER TABLE submissions ADD COLUMN submission TEXT"
            " CHECK (submission IS NULL OR submission IN ('complete', 'partial', 'empty'))",
            "ALTER TABLE submissions ADD COLUMN missing TEXT NOT NULL DEFAULT '[]'",
            # collect --undo: the row stays (history), refused with the withdrawal as its reason;
            # withdrawn_from keeps what it was. A withdrawal is final.
            "ALTER TABLE submissions ADD COLUMN withdrawn_at TEXT",
            "ALTER TABLE submissions ADD COLUMN withdrawn_from TEXT",
            """
            CREATE TRIGGER submissions_withdrawal_final BEFORE UPDATE OF withdrawn_at, withdrawn_from ON submissions
            WHEN OLD.withdrawn_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END
            """,
            # An answer that failed validation is stored as typed, with why it needs clarifying.
            "ALTER TABLE answers ADD COLUMN flag TEXT",
        ),
    ),
    (
        # issue 16: the store's own identity (matched by the marker file beside it, so a lost or
        # swapped store is noticed) and the secret that binds each form to its unit. Keys are
        # written once and never changed or deleted.
        "case state: store identity and the form key",
        (
            "CREATE TABLE case_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO case_state (key, value) VALUES ('store_id', lower(hex(randomblob(16))))",
            """
            CREATE TRIGGER case_state_fixed BEFORE UPDATE ON case_state
            BEGIN SELECT RAISE(ABORT, 'case state is never changed'); END
            """,
            """
            CREATE TRIGGER case_state_no_delete BEFORE DELETE ON case_state
            BEGIN SELECT RAISE(ABORT, 'case state is never deleted'); END
            """,
        ),
    ),
    # --- collect: next step goes here ---
    (
        # issue 10: one register per agency, shared by the cases of a workspace
        "register: which case and document each number is for; numbers imported from per-case registers",
        (
            # case_id + doc_key name the document ('dispatch', 'report', 'reminder:<as-of>') so a
            # second issue of the same document is caught; source = the case a row was imported from.
            "ALTER TABLE register ADD COLUMN case_id TEXT",
            "ALTER TABLE register ADD COLUMN doc_key TEXT",
            "ALTER TABLE register ADD COLUMN source TEXT",
            # Rows of a per-case register whose number another case had already used in the shared
            # register: the documents exist, so the duplicate is kept as a fact, never renumbered.
            """
            CREATE TABLE register_imported (
                id          INTEGER PRIMARY KEY,
                source      TEXT    NOT NULL,
                agency      TEXT    NOT NULL,
                year        INTEGER NOT NULL,
                number      INTEGER NOT NULL,
                symbol      TEXT    NOT NULL,
                issued_on   TEXT    NOT NULL,
                subject     TEXT    NOT NULL,
                signer      TEXT    NOT NULL,
                file        TEXT,
                sha256      TEXT,
                status      TEXT    NOT NULL,
                void_reason TEXT,
                created_at  TEXT    NOT NULL,
                case_id     TEXT,
                doc_key     TEXT,
                imported_at TEXT    NOT NULL,
                UNIQUE (source, agency, year, number)
            )
            """,
            """
            CREATE TRIGGER register_imported_fixed BEFORE UPDATE ON register_imported
            BEGIN SELECT RAISE(ABORT, 'imported register entries are never changed'); END
            """,
            """
            CREATE TRIGGER register_imported_no_delete BEFORE DELETE ON register_imported
            BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END
            """,
        ),
    ),
]


def store_path(case_dir: str | Path) -> Path:
    """Path of the case store: inside the case folder, so the state travels with it."""
    return Path(case_dir) / STATE_DIR / STORE_FILE


def _now() -> str:
    """Timestamp for ``created_at`` columns: local time, ISO 8601 with offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _error(path: Path, exc: BaseException, waited: float | None = None) -> StoreError:
    """Turn a ``sqlite3`` error into a clerk-readable ``StoreError`` naming the store file.

    A lock error says how long this process really waited (``waited``, seconds), not the limit:
    the old message claimed a 30-second wait after a 2 ms failure.
    """
    detail = str(exc)
    low = detail.lower()
    if "locked" in low or "busy" in low:
        key = "store_locked"
    elif "not a database" in low or "malformed" in low or "corrupt" in low:
        key = "store_corrupt"
    elif "readonly" in low or "read-only" in low or "unable to open" in low:
        key = "store_unwritable"
    else:
        key = "store_failed"
    seconds = f"{waited:.1f}".replace(".", ",") if waited is not None else "?"
    return StoreError(f"{path}: " + t(key, detail=detail, waited=seconds, limit=int(BUSY_TIMEOUT_S)))


def _locked(exc: sqlite3.Error) -> bool:
    low = str(exc).lower()
    return "locked" in low or "busy" in low


def _with_lock_retry(path: Path, action: Callable[[], Any]) -> Any:
    """Run ``action``, retrying while SQLite reports a lock, for up to ``BUSY_TIMEOUT_S``.

    SQLite's busy handler does not cover every lock (switching the journal mode, the first
    read of a store another process is creating): those fail at once with "database is locked".
    Retrying here makes them wait like any other lock, and the error says how long it waited.
    """
    start = time.monotonic()
    delay = 0.005
    while True:
        try:
            return action()
        except sqlite3.Error as exc:
            waited = time.monotonic() - start
            if not _locked(exc) or waited >= BUSY_TIMEOUT_S:
                raise _error(path, exc, waited) from exc
            time.sleep(min(delay, max(BUSY_TIMEOUT_S - waited, 0.001)))
            delay = min(delay * 2, 0.1)


class Store:
    """An open case store. Use ``write()`` for every change, ``read()`` for consistent reads."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self._conn = conn
        # a workspace register's witnesses (``workspace.OpenedCase.register``): each case keeps a copy of
        # the numbers it took (``witness``), read back with every case's (``witnesses``) before numbering
        self.witness: Path | None = None
        self.witnesses: tuple[Path, ...] = ()

    # -- transactions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self, begin: Callable[[], None] | None = None) -> Iterator[sqlite3.Connection]:
        """One writer transaction (``BEGIN IMMEDIATE``, or ``begin``): all of it commits, or none of it.

        Taking the write lock at BEGIN (not at the first write) is what makes read-then-write
        steps safe against a second process. Nested use joins the outer transaction.
        """
        if self._conn.in_transaction:
            yield self._conn
            return
        if begin is None:
            _with_lock_retry(self.path, lambda: self._conn.execute("BEGIN IMMEDIATE"))
        else:
            begin()
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _error(self.path, exc) from exc
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same snapshot."""
        if self._conn.in_transaction:
            yield self._conn
            return
        try:
            self._conn.execute("BEGIN")
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise _error(self.path, exc) from exc
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")
            raise

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; the last one to close folds the WAL back into the main file."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """Highest migration applied to this store."""
        with self.read() as conn:
            return _current_version(conn)

    # ========================================================================================
    # Register (số văn bản đi): one row per number; rows are never deleted or renumbered
    # ========================================================================================

    def register_reserve(self, *, agency: str, year: int, symbol: str, issued_on: dt.date,
                         subject: str, signer: str, case_id: str | None = None,
                         doc_key: str | None = None) -> int:
        """Take the next number of (agency, year) and record it as ``reserved``; return it.

        Max + 1 inside one immediate transaction: two processes can never get the same number,
        and since rows are never deleted a number (voided ones included) is never reused. Numbers
        imported from per-case registers count too (``register_import``).
        """
        with self.write() as conn:
            taken = _numbers_taken(conn, agency, year)
            journal = self.register_journal(agency, year)
            lost = sorted(n for n in journal if n not in taken)
            if lost:  # an older copy of the store: the next "free" number was handed out already
                raise StoreError(f"{self.path}: " + t(
                    "register_rolled_back", agency=agency, year=year, have=doc_number(max(taken, default=0)),
                    journal=", ".join(sorted({str(journal[n]["_from"]) for n in lost})), high=doc_number(lost[-1]),
                    lost=", ".join(doc_number(n) for n in lost), first=lost[0]))
            number = max(taken, default=0) + 1
            row = {"agency": agency, "year": year, "number": number, "symbol": symbol,
                   "issued_on": issued_on.isoformat(), "subject": subject, "signer": signer,
                   "created_at": _now(), "case_id": case_id, "doc_key": doc_key}
            conn.execute(
                "INSERT INTO register (agency, year, number, symbol, issued_on, subject, signer,"
                " status, created_at, case_id, doc_key) VALUES (:agency, :year, :number, :symbol, :issued_on,"
                " :subject, :signer, 'reserved', :created_at, :case_id, :doc_key)", row)
            line = json.dumps({**row, "register": self.state_value("store_id")}, ensure_ascii=False).encode("utf-8")
        # Journalled AFTER the commit: an issuer killed between the two leaves a number without its line
        # (a restore of an older copy would then miss that one number), never a line without its number,
        # which would stop all numbering as if a backup had been restored (seen: a killed issue in CI).
        for path in (self.journal_path, self.witness):
            if path is not None:
                append_line(path, line + b"\n")
        return number

    # -- the register's journal (workspace branch): every number taken, outside the SQLite file ----

    @property
    def journal_path(self) -> Path:
        """``register.log`` beside the store: one JSON line per number taken, append-only.

        Why: restoring an older copy of ``store.sqlite`` (the README's advice for a lost store) rolls
        the register back, and max + 1 would hand out numbers already on signed documents. The
        journal is a separate file the restore does not touch; a number it holds that the store
        lacks stops every new number until the newer store is restored or the number is voided.
        """
        return self.path.parent / REGISTER_JOURNAL

    def register_journal(self, agency: str | None = None, year: int | None = None) -> dict[int, dict[str, Any]]:
        """Journalled numbers (of one agency and year keyed by number, or all keyed by (agency, year,
        number)), from the journal and the witnesses; ``_from`` names the file a line came from.

        A witness line counts only when it names this register (a case moved from another workspace
        keeps that book's numbers). A line that does not parse (a torn last line) is skipped.
        """
        found: dict = {}
        me = self.state_value("store_id") if self.witnesses else None
        for path in (self.journal_path, *self.witnesses):
            for row in _journal_lines(path):
                if path != self.journal_path and row.get("register") != me:
                    continue
                key = (str(row["agency"]), int(row["year"]), int(row["number"]))
                if agency is None or (key[0] == agency and key[1] == year):
                    found.setdefault(key[2] if agency is not None else key, {**row, "_from": path})
        return found

    def register_lost(self) -> list[dict[str, Any]]:
        """Journalled numbers this store does not hold (it is an older copy), in book order."""
        journal = self.register_journal()
        if not journal:
            return []
        with self.read() as conn:
            held = {(a, y, n) for a, y, n in conn.execute(
                "SELECT agency, year, number FROM register UNION SELECT agency, year, number FROM register_imported")}
        return [journal[k] for k in sorted(journal) if k not in held]

    def register_recover(self, *, agency: str, year: int, number: int, reason: str) -> bool:
        """Record a journalled number the store lost as ``voided`` with ``reason``; False if not lost.

        The clerk's way forward when no newer copy of the store exists: the number stays used (it
        is on a signed paper, or may be), and numbering continues after it.
        """
        with self.write() as conn:
            row = self.register_journal(agency, year).get(number)
            if row is None or number in _numbers_taken(conn, agency, year):
                return False
            conn.execute(
                "INSERT INTO register (agency, year, number, symbol, issued_on, subject, signer, status,"
                " void_reason, created_at, updated_at, case_id, doc_key) VALUES (?, ?, ?, ?, ?, ?, ?, 'voided',"
                " ?, ?, ?, ?, ?)",
                (agency, year, number, row.get("symbol") or "", row.get("issued_on") or f"{year}-01-01",
                 row.get("subject") or "", row.get("signer") or "", reason, row.get("created_at") or _now(),
                 _now(), row.get("case_id"), row.get("doc_key")))
        return True

    def register_import(self, source: str, rows: list[dict[str, Any]]) -> int:
        """Copy another register's rows (a per-case store's) in, once; return how many were new.

        A row keeps its number: into ``register`` (tagged ``source``) when the number is free,
        else into ``register_imported`` (the two cases numbered independently; both documents
        exist). Re-importing the same source changes nothing. One transaction: all or nothing.
        """
        cols = ("agency", "year", "number", "symbol", "issued_on", "subject", "signer", "file", "sha256",
                "status", "void_reason", "created_at")
        added = 0
        with self.write() as conn:
            for r in rows:
                key = (r["agency"], r["year"], r["number"])
                seen = conn.execute(
                    "SELECT 1 FROM register WHERE agency = ? AND year = ? AND number = ? AND source = ?"
                    " UNION ALL SELECT 1 FROM register_imported WHERE agency = ? AND year = ? AND number = ?"
                    " AND source = ?", (*key, source, *key, source)).fetchone()
                if seen:
                    continue
                taken = conn.execute("SELECT 1 FROM register WHERE agency = ? AND year = ? AND number = ?",
                                     key).fetchone()
                values = [r[c] for c in cols]
                if taken:
                    conn.execute(f"INSERT INTO register_imported (source, {', '.join(cols)}, case_id, doc_key,"
                                 f" imported_at) VALUES ({', '.join('?' * (len(cols) + 4))})",
                                 (source, *values, r.get("case_id") or source, r.get("doc_key"), _now()))
                else:
                    conn.execute(f"INSERT INTO register ({', '.join(cols)}, case_id, doc_key, source)"
                                 f" VALUES ({', '.join('?' * (len(cols) + 3))})",
                                 (*values, r.get("case_id") or source, r.get("doc_key"), source))
                added += 1
        return added

    def register_imported_rows(self) -> list[dict[str, Any]]:
        """Imported rows whose number was already taken here (duplicates kept as history)."""
        with self.read() as conn:
            cur = conn.execute("SELECT * FROM register_imported ORDER BY agency, year, number, source")
            return [_as_dict(cur, row) for row in cur.fetchall()]

    def register_get(self, *, agency: str, year: int, number: int) -> dict[str, Any] | None:
        """One register row as a dict, or None when the number was never taken."""
        with self.read() as conn:
            cur = conn.execute(
                "SELECT * FROM register WHERE agency = ? AND year = ? AND number = ?",
                (agency, year, number),
            )
            row = cur.fetchone()
            return _as_dict(cur, row) if row else None

    def register_update(self, *, agency: str, year: int, number: int, expect: tuple[str, ...],
                        **values: Any) -> str | None:
        """Set ``values`` on one row if its status is in ``expect``; return the status it had.

        Returns None for an unknown number; the status seen (unchanged row) when not expected.
        Check and update happen in one transaction, so two voids cannot both succeed.
        """
        allowed = {"status", "file", "sha256", "void_reason"}
        if not values or set(values) - allowed:
            raise ValueError(f"register_update: columns must be among {sorted(allowed)}")
        with self.write() as conn:
            row = conn.execute(
                "SELECT status FROM register WHERE agency = ? AND year = ? AND number = ?",
                (agency, year, number),
            ).fetchone()
            if row is None:
                return None
            if row[0] in expect:
                sets = ", ".join(f"{col} = ?" for col in values)
                conn.execute(
                    f"UPDATE register SET {sets}, updated_at = ? WHERE agency = ? AND year = ? AND number = ?",
                    (*values.values(), _now(), agency, year, number),
                )
            return str(row[0])

    def register_rows(self, *, agency: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        """Register rows (optionally of one agency / year) in book order: year, then number."""
        where, args = [], []
        if agency is not None:
            where.append("agency = ?")
            args.append(agency)
        if year is not None:
            where.append("year = ?")
            args.append(year)
        sql = "SELECT * FROM register"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self.read() as conn:
            cur = conn.execute(sql + " ORDER BY agency, year, number", args)
            return [_as_dict(cur, row) for row in cur.fetchall()]

    # ========================================================================================
    # Submissions / answers (collect) — added by the collect stage below this line
    # ========================================================================================

    # -- case state (issue 16) ----------------------------------------------------------------

    def state_value(self, key: str) -> str | None:
        """One value of ``case_state`` (``store_id``, ``form_key``), or None."""
        with self.read() as conn:
            row = conn.execute("SELECT value FROM case_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def form_key(self, create: bool = False) -> bytes | None:
        """The case's secret for form MACs (``formkey``); made once when ``create``, never printed.

        None when the case never made forms with one (forms from before issue 16).
        """
        if create:
            with self.write() as conn:
                conn.execute("INSERT OR IGNORE INTO case_state (key, value)"
                             " VALUES ('form_key', lower(hex(randomblob(32))))")
        value = self.state_value("form_key")
        return bytes.fromhex(value) if value else None

    def submission_find(self, sha256: str) -> dict[str, Any] | None:
        """The accepted or superseded submission with these bytes, or None."""
        with self.read() as conn:
            cur = conn.execute("SELECT * FROM submissions WHERE sha256 = ? AND status <> 'rejected'",
                               (sha256,))
            row = cur.fetchone()
            return _as_dict(cur, row) if row else None

    def submissions_known(self, shas: list[str]) -> set[str]:
        """Which of these SHA-256 values were already taken (accepted or superseded): one query."""
        known: set[str] = set()
        with self.read() as conn:
            for start in range(0, len(shas), 500):  # SQLite's bound-parameter limit
                part = shas[start:start + 500]
                marks = ", ".join("?" * len(part))
                known.update(r[0] for r in conn.execute(
                    f"SELECT sha256 FROM submissions WHERE status <> 'rejected' AND sha256 IN ({marks})", part))
        return known

    @contextlib.contextmanager
    def batch(self, on_wait: Callable[[float], None] | None = None) -> Iterator[None]:
        """Group many ``submission_record`` calls into ONE immediate transaction (one disk sync).

        All of the batch commits, or none of it; each record inside still re-checks duplicates
        and the unit's current form under the lock, in call order. With ``on_wait`` (issue 11: no
        lock cliff between two collects) the lock is awaited for as long as the other writer keeps
        committing, ``on_wait(seconds)`` telling the caller every ``WAIT_STEP_S``; only a writer
        that commits nothing for ``BUSY_TIMEOUT_S`` (stuck) makes it fail.
        """
        with self.write(None if on_wait is None else lambda: self._begin_patiently(on_wait)):
            yield

    def _begin_patiently(self, on_wait: Callable[[float], None]) -> None:
        """``BEGIN IMMEDIATE``, waiting in short steps while another connection makes progress.

        ``PRAGMA data_version`` changes whenever another connection commits: a busy store whose
        version moves is a collect at work, worth waiting for; one that does not move is stuck.
        """
        conn = self._conn
        start = last_progress = time.monotonic()
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        conn.execute(f"PRAGMA busy_timeout = {int(WAIT_STEP_S * 1000)}")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.Error as exc:
                    now = time.monotonic()
                    if not _locked(exc):
                        raise _error(self.path, exc) from exc
                    seen = conn.execute("PRAGMA data_version").fetchone()[0]
                    if seen != version:
                        version, last_progress = seen, now
                    if now - last_progress >= BUSY_TIMEOUT_S:
                        raise _error(self.path, exc, now - start) from exc
                    on_wait(now - start)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def submission_record(self, row: dict[str, Any],
                          answers: list[tuple[str, str, str | None, str | None]]) -> str:
        """Record one received file and its answers in one immediate transaction; return the outcome.

        ``row``: unit, form, file_name, sha256, received_at (ISO with offset), archive_path, status
        ('accepted' or 'rejected'), reason, warnings (list of str), submission (complete / partial /
        empty), missing (list of str); answers are ``(tag, kind, value, flag)``. Outcomes: ``duplicate`` (the
        same bytes were already taken, or already refused for the same reason: nothing written),
        ``rejected``, ``accepted`` (now the unit's current form; the previous one becomes
        ``superseded``) or ``superseded`` (received earlier than the current form: kept as
        history). Newer means a later ``received_at``; on a tie the later recorded file wins.
        """
        status = row["status"]
        with self.write() as conn:
            if status == "rejected":
                seen = conn.execute(
                    "SELECT 1 FROM submissions WHERE sha256 = ? AND status = 'rejected' AND reason = ?",
                    (row["sha256"], row["reason"])).fetchone()
            else:
                seen = conn.execute("SELECT 1 FROM submissions WHERE sha256 = ? AND status <> 'rejected'",
                                    (row["sha256"],)).fetchone()
            if seen:
                return "duplicate"
            if status != "rejected":
                current = conn.execute("SELECT id, received_at FROM submissions"
                                       " WHERE unit = ? AND status = 'accepted'", (row["unit"],)).fetchone()
                if current and _instant(current[1]) > _instant(row["received_at"]):
                    status = "superseded"
                elif current:
                    conn.execute("UPDATE submissions SET status = 'superseded' WHERE id = ?", (current[0],))
            cur = conn.execute(
                "INSERT INTO submissions (unit, form, file_name, sha256, received_at, archive_path, status,"
                " reason, warnings, recorded_at, submission, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.get("unit"), row.get("form"), row["file_name"], row["sha256"], row["received_at"],
                 row.get("archive_path"), status, row.get("reason"),
                 json.dumps(list(row.get("warnings") or []), ensure_ascii=False), _now(),
                 row.get("submission"), json.dumps(list(row.get("missing") or []), ensure_ascii=False)))
            conn.executemany("INSERT INTO answers (submission_id, tag, kind, value, flag) VALUES (?, ?, ?, ?, ?)",
                             [(cur.lastrowid, *answer) for answer in answers])
        return status

    def submission_withdraw(self, ids: list[int], note: str) -> list[dict[str, Any]]:
        """Withdraw mistaken receipts (``collect --undo``): each row stays, refused with ``note``.

        One transaction. The archived original and the answers stay; ``withdrawn_at`` and
        ``withdrawn_from`` record the withdrawal. When a unit's current form is withdrawn, its
        newest earlier form (not withdrawn) becomes current again. Returns the rows as they were;
        rows already withdrawn or refused are left alone (not returned).
        """
        done: list[dict[str, Any]] = []
        with self.write() as conn:
            for sid in ids:
                cur = conn.execute("SELECT * FROM submissions WHERE id = ?", (sid,))
                found = cur.fetchone()
                if found is None:
                    continue
                row = _as_dict(cur, found)
                if row["withdrawn_at"] or (row["status"] == "rejected" and row["submission"] != "empty"):
                    continue
                conn.execute("UPDATE submissions SET status = 'rejected', reason = ?, withdrawn_at = ?,"
                             " withdrawn_from = ? WHERE id = ?", (note, _now(), row["status"], sid))
                if row["status"] == "accepted":
                    previous = conn.execute(
                        "SELECT id FROM submissions WHERE unit = ? AND status = 'superseded'"
                        " ORDER BY received_at DESC, id DESC LIMIT 1", (row["unit"],)).fetchone()
                    if previous:
                        conn.execute("UPDATE submissions SET status = 'accepted' WHERE id = ?", (previous[0],))
                done.append(row)
        return done

    def submissions(self) -> list[dict[str, Any]]:
        """Every submission row (warnings decoded to a list), in the order they were recorded."""
        with self.read() as conn:
            cur = conn.execute("SELECT * FROM submissions ORDER BY id")
            rows = [_as_dict(cur, r) for r in cur.fetchall()]
        for r in rows:
            r["warnings"] = json.loads(r["warnings"] or "[]")
            r["missing"] = json.loads(r.get("missing") or "[]")
            _printable_row(r)
        return rows

    def answer_flags(self) -> dict[int, list[str]]:
        """Submission id → why its flagged answers need clarifying (answers kept as typed), in form order."""
        out: dict[int, list[str]] = {}
        with self.read() as conn:
            for sid, flag in conn.execute("SELECT submission_id, flag FROM answers WHERE flag IS NOT NULL"
                                          " ORDER BY submission_id, rowid"):
                out.setdefault(sid, []).append(flag)
        return out

    def answers_current(self) -> list[dict[str, Any]]:
        """Answers of every unit's current form, with unit, form, file_name and received_at."""
        with self.read() as conn:
            cur = conn.execute(
                "SELECT s.unit, s.form, a.tag, a.kind, a.value, a.flag, s.file_name, s.received_at,"
                " s.id AS submission_id"
                " FROM answers a JOIN submissions s ON s.id = a.submission_id"
                " WHERE s.status = 'accepted' ORDER BY s.unit, a.rowid")
            return [_as_dict(cur, r) for r in cur.fetchall()]


def _journal_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The well-formed lines of a register journal (none when the file does not exist)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: " + t("store_unwritable", detail=exc.strerror or exc)) from exc
    for line in raw.splitlines():
        try:
            row = json.loads(line)
            int(row["year"]), int(row["number"]), str(row["agency"])
        except (ValueError, TypeError, KeyError):
            continue
        yield row


def _numbers_taken(conn: sqlite3.Connection, agency: str, year: int) -> set[int]:
    """Every number of (agency, year) the store holds: its own and those imported as duplicates."""
    return {int(n) for (n,) in conn.execute(
        "SELECT number FROM register WHERE agency = ?1 AND year = ?2"
        " UNION SELECT number FROM register_imported WHERE agency = ?1 AND year = ?2", (agency, year))}


def _printable_row(row: dict[str, Any]) -> None:
    """Names and reasons as one safe line (issue 16): rows recorded before names were escaped may
    still hold a newline or a terminal escape from a hostile file name; new rows are unchanged."""
    row["file_name"] = printable(row["file_name"], 200)
    if row.get("reason"):
        row["reason"] = printable(row["reason"], 400)


def _instant(stamp: str) -> dt.datetime:
    """An ISO timestamp as an aware datetime (naive ones read as local time) for ordering."""
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.astimezone()


def _as_dict(cur: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cur.description, row, strict=True)}


def _current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def _migrate(store: Store) -> None:
    """Apply the pending ``MIGRATIONS`` in one immediate transaction (idempotent, race-safe)."""
    with store.read() as conn:
        if _current_version(conn) == len(MIGRATIONS):
            return  # fast path: no write lock when the schema is current
    with store.write() as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = _current_version(conn)  # re-read under the lock: another process may have run
        if current > len(MIGRATIONS):
            raise StoreError(f"{store.path}: " + t("store_too_new", version=current, known=len(MIGRATIONS)))
        for version, (name, statements) in enumerate(MIGRATIONS[current:], start=current + 1):
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                         (version, name, _now()))


def _connect(path: Path | str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _error(path, exc) from exc
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def _set_pragmas(path: Path, conn: sqlite3.Connection) -> None:
    """WAL (persistent in the file: only a store made before it needs the switch), then per-connection settings."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        _with_lock_retry(path, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _create(path: Path) -> None:
    """Create the store once, safely when several processes open a new case at the same moment.

    The database is built complete (WAL set, every migration applied) under a private temporary
    name, then hard-linked to its real name, which fails if another process got there first: the
    loser discards its copy and opens the winner's. Nobody ever sees a half-made store, and no
    process has to switch a shared file to WAL (a lock SQLite's busy handler does not wait for).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    try:
        conn = _connect(tmp)
        store = Store(tmp, conn)
        try:
            _set_pragmas(tmp, conn)
            _migrate(store)
        finally:
            store.close()
        publish_new(tmp, path)
    except sqlite3.Error as exc:
        raise _error(path, exc) from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            leftover.unlink(missing_ok=True)


STATE_MARKER = "store.id"  # beside the store: the id of the store this case's state lives in


def _guard_state(case_dir: Path, path: Path) -> None:
    """Refuse to start a new store where the case already had one (issue 16).

    A missing or 0-byte ``store.sqlite`` would otherwise be recreated silently: numbers restart
    at 01 (duplicate official numbers) and every unit looks missing while the archive holds their
    forms. The case had state when the marker exists or the archive holds received files.
    """
    try:
        empty = path.stat().st_size == 0
    except FileNotFoundError:
        empty = True
    if not empty:
        return
    marker = path.parent / STATE_MARKER
    archive = path.parent / "archive"
    if marker.exists() or (archive.is_dir() and any(archive.iterdir())):
        raise StoreError(f"{path}: " + t("store_lost", marker=marker))


def _bind_state(store: Store) -> None:
    """Write the marker on first use; refuse a store whose id is not the one the marker names."""
    from .output import write_new

    store_id = store.state_value("store_id") or ""
    marker = store.path.parent / STATE_MARKER
    if not marker.exists():
        write_new(marker, (store_id + "\n").encode("ascii"))
    try:
        recorded = marker.read_text("ascii", "replace").strip()
    except OSError as exc:
        raise StoreError(f"{marker}: " + t("store_unwritable", detail=exc.strerror or exc)) from exc
    if recorded != store_id:
        raise StoreError(f"{store.path}: " + t("store_foreign", marker=marker))


def open_store(case_dir: str | Path) -> Store:
    """Open (creating if needed) the store of the case at ``case_dir``, migrated to the latest schema.

    Raises ``StoreError`` for a missing case folder, a file that is not a (healthy) SQLite
    database, a store from a newer dispatch-gen, or a lock held longer than the busy timeout.
    """
    case_dir = Path(case_dir)
    path = store_path(case_dir)
    if not case_dir.is_dir():
        raise StoreError(f"{case_dir}: " + t("store_no_case"))
    ensure_dir(path.parent)
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: " + t("store_not_file"))
    _guard_state(case_dir, path)
    if not path.exists():
        _create(path)
    conn = _connect(path)
    store = Store(path, conn)
    try:
        _set_pragmas(path, conn)
        check = _with_lock_retry(path, lambda: conn.execute("PRAGMA quick_check").fetchone())
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0] if check else '?'})")
        _migrate(store)
        _bind_state(store)
    except sqlite3.Error as exc:
        store.close()
        raise _error(path, exc) from exc
    except BaseException:
        store.close()
        raise
    return store


def open_for_reading(case_dir: str | Path) -> Store:
    """The case's store for a command that only reads (status, export, report, remind).

    A case with no store yet has no answers: reading it must not create ``.dispatch-gen/`` (a
    read-only folder, a copy sent for review). It gets an empty in-memory store of the same
    schema, so every unit reads as missing exactly as with an empty store. A store that was
    lost (marker or archive left) is still refused, as ``open_store`` does.
    """
    case_dir = Path(case_dir)
    path = store_path(case_dir)
    if path.exists() or not case_dir.is_dir():
        return open_store(case_dir)
    _guard_state(case_dir, path)
    store = Store(path, _connect(":memory:"))
    try:
        _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


# Alias: some stages read better with ``connect(case_dir)``.
connect = open_store

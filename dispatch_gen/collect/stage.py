"""Stage: returned forms → answers in the case store, originals archived unchanged.

Each file is read once (bounded), hashed, recognised by its identity properties (which survive a
LibreOffice re-save, tags may not), read with its unit's form spec and validated — pure work, done in
``receive`` by reader processes (chunks of ``READ_CHUNK`` files) for all but a few files. Files are then
recorded in batches of ``BATCH``, in
order, by this process alone: the batch's original bytes are archived first (write-once, under a name
derived only from the hash and a slug) and synced with ONE disk sync; then the batch's submission rows
and answers go into the store in ONE immediate transaction. A crash therefore leaves at worst
unreferenced archive files, never a row pointing at nothing, and archived originals are never
rewritten (they are evidence). One bad file never stops the others: it is recorded as rejected with a
one-line reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import itertools
import logging
import multiprocessing
import operator
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import output, store
from ..case.models import Case, expected_units
from ..case.records import STATE_DIR
from ..container import visible_files
from ..errors import Problem, RecordError
from ..forms.spec import FormSpec
from ..messages import t
from ..parallel import worker_count
from ..text import file_part, printable

if TYPE_CHECKING:
    from ..workspace import OpenedCase
from .receipt import has_receipt, receipt_line
from .receive import (
    FOREIGN_SUFFIXES,
    MAX_ANSWER_CHARS,
    MAX_FILE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_REASON_CHARS,
    MAX_TOTAL_BYTES,
    FileRead,
    LazySpecs,
    Rejected,
    answer_text,
    cap_answers,
    check_container,
    display_name,
    read_bounded,
    read_one,
    recognise,
    summarise,
    validate,
)

__all__ = [  # the stage API, plus the reading API re-exported from ``receive`` (callers import it here)
    "ARCHIVE_DIR", "BATCH", "MAX_ANSWER_CHARS", "MAX_FILE_BYTES", "MAX_MEMBERS", "MAX_MEMBER_BYTES",
    "MAX_REASON_CHARS", "MAX_TOTAL_BYTES", "POOL_THRESHOLD", "READ_CHUNK", "CollectResult", "FileOutcome", "LazySpecs",
    "Outcome", "Rejected", "answer_text", "archive_name", "cap_answers", "check_container", "collect",
    "display_name", "find_files", "outcome_lines", "read_bounded", "read_one", "received_stamp",
    "recognise", "summarise", "validate", "verify_archive",
]

log = logging.getLogger(__name__)


ARCHIVE_DIR = "archive"

Outcome = Literal["accepted", "superseded", "duplicate", "rejected"]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one received file."""

    path: Path
    outcome: Outcome
    sha256: str = ""
    unit: str | None = None
    form: str | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    archive: Path | None = None
    submission: str | None = None  # complete | partial | empty (a blank form: refused, not a submission)
    missing: tuple[str, ...] = ()  # partial: what the form lacks, in words
    answers: int = 0  # answers counted (non-empty)
    fields: int = 0  # answers the form asks for
    clarify: tuple[str, ...] = ()  # answers kept as typed, and why each needs clarifying
    received_at: str = ""


@dataclass
class CollectResult:
    """Per-file outcomes of one ``collect`` run plus notes on ignored files."""

    files: list[FileOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # unit code → name, for receipts

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == "rejected"]


# --- public verb


def collect(opened: OpenedCase, paths: Iterable[Path],
            received_at: dt.datetime | dt.date | None = None, *, processes: int | None = None,
            on_wait: Callable[[float], None] | None = None) -> CollectResult:
    """Collect every form in ``paths`` (files, or folders searched for ``*.docx``) into the store
    of the opened case (``workspace.OpenedCase``: the case and where its state lives).

    ``received_at`` is when the files arrived (a date means that day, local time); default now.
    Files are processed oldest first (modification time, then name) so that, within one run, a
    later-saved version of a unit's form supersedes an earlier one. ``processes``: how many
    processes read forms (default: one per core for many files, else 1); the store and the
    archive are written by this process alone, in batches, in that order. ``on_wait(seconds)`` is
    called while another collect holds the store: this run waits for it as long as it makes
    progress (no 30-second cliff), and the caller can say so.
    """
    case, case_dir = opened.case, opened.dir
    stamp = received_stamp(received_at)
    files, notes = find_files(paths)
    result = CollectResult(notes=notes, names={u.code: u.name for u in expected_units(case)})
    specs = LazySpecs(case)
    with opened.store() as db, contextlib.closing(_read_batches(case, specs, files, processes)) as batches, \
            output.sync_threads():  # threads start at the first write: after the readers are forked
        specs.form_key = db.form_key()  # issue 16: set before the first batch is read (readers fork then)
        for reads in batches:  # closing: an error here stops the reader processes at once
            for outcome in _store_batch(case_dir, db, reads, stamp, on_wait or _waiting_quietly):
                log.info("%s: %s %s", outcome.path, outcome.outcome, outcome.reason or "")
                result.files.append(outcome)
    return result


def received_stamp(value: dt.datetime | dt.date | None) -> str:
    """ISO timestamp with the local UTC offset; a bare date means the start of that day."""
    if value is None:
        moment = dt.datetime.now().astimezone()
    elif isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.astimezone()
    else:
        moment = dt.datetime.combine(value, dt.time()).astimezone()
    return moment.isoformat(timespec="seconds")


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders to their ``*.docx`` and files sent back in their place (``.doc``, ``.pdf``, ``.odt``,
    photos, ``.zip``: refused with advice, counted), recursively; return files and notes on what was skipped.

    A file named explicitly is always tried, whatever its suffix: its identity decides, not its name.
    Word's lock files (``~$…``) and hidden files inside folders are skipped.
    """
    found: list[Path] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in visible_files(path):
                if child.suffix.lower() == ".docx" or child.suffix.lower() in FOREIGN_SUFFIXES:
                    found.append(child)  # a .doc/.pdf/.odt/photo/.zip sent back: refused with advice, counted
                else:
                    notes.append(t("collect_ignored", path=printable(str(child))))
        else:
            found.append(path)  # missing files are rejected one by one, with a reason
    unique = list(dict.fromkeys(p.resolve() if p.exists() else p for p in found))
    return sorted(unique, key=_age_key), notes


def _age_key(path: Path) -> tuple:
    try:
        return (path.stat().st_mtime, str(path))
    except OSError:
        return (0.0, str(path))



# --- reading in batches (the work itself is ``receive.read_one``; may run in worker processes)


BATCH = 64  # files per archive sync and per store transaction
READ_CHUNK = 16  # files per task of a reader process: small tasks keep both cores busy to the end
POOL_THRESHOLD = 2 * READ_CHUNK  # files; below it one process is faster than starting readers
_JOB: tuple[Case, Mapping[str, FormSpec], list[Path]] | None = None  # inherited by forked readers


def _read_batches(case: Case, specs: Mapping[str, FormSpec], files: list[Path], processes: int | None
                  ) -> Iterator[list[FileRead]]:
    """Batches of read files, in ``files`` order; read here or in forked reader processes.

    Readers take chunks of ``READ_CHUNK`` files of a batch (issue 11: with a batch per task, 300
    files were 5 tasks on 2 readers and the last ran alone); chunks are joined back into their batch
    in order. At most a few chunks per reader are in flight: memory stays flat in the number of files.
    """
    batches = batch_ranges(files)
    workers = worker_count(len(files), processes, POOL_THRESHOLD, READ_CHUNK)
    if workers <= 1:
        for start, end in batches:
            yield [read_one(case, specs, p) for p in files[start:end]]
        return
    chunks = [(batch, span) for batch, (start, end) in enumerate(batches)
              for span in _spans(start, end, READ_CHUNK)]
    global _JOB
    _JOB = (case, specs, files)  # the readers see it in their copy of this process: nothing is pickled
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_reader_init) as pool:
            submitted = _submitted(pool, chunks, window=4 * workers)
            for _, results in itertools.groupby(submitted, key=operator.itemgetter(0)):
                yield [read for _, result in results for read in result.get()]
    finally:
        _JOB = None


def _submitted(pool, chunks: list[tuple[int, tuple[int, int]]], window: int) -> Iterator[tuple[int, Any]]:
    """``(batch, pending result)`` of each chunk, in order, keeping ``window`` chunks in the readers' hands."""
    queued: deque = deque()
    for batch, span in chunks:
        queued.append((batch, pool.apply_async(_read_chunk, (span,))))
        if len(queued) > window:
            yield queued.popleft()
    yield from queued


def _spans(start: int, end: int, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into consecutive spans of at most ``size``."""
    return [(i, min(i + size, end)) for i in range(start, end, size)]


def _reader_init() -> None:
    """A reader dies with its parent (a killed collect leaves no orphan processes behind)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    # Everything inherited from the parent is never garbage here: keep the collector off it. Full
    # collections otherwise walk (and, by touching, copy page by page) the parent's whole heap.
    gc.freeze()


def _read_chunk(span: tuple[int, int]) -> list[FileRead]:
    case, specs, files = _JOB
    return [read_one(case, specs, p) for p in files[span[0]:span[1]]]


BATCH_BYTES = 48 * 1024 * 1024  # bytes of received files held per batch (issue 16: 200 large forms took 2.5 GB)


def batch_ranges(files: list[Path], count: int | None = None, size: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each batch: at most ``count`` files and about ``size`` bytes of them.

    A batch keeps every accepted file's bytes until it is archived, so memory is bounded per
    batch by bytes, not only by count (one file alone may exceed ``size``: it is its own batch).
    """
    count, size = count or BATCH, size or BATCH_BYTES  # read at call time (tests shrink them)
    spans: list[tuple[int, int]] = []
    start, held = 0, 0
    for i, path in enumerate(files):
        try:
            length = min(path.stat().st_size, MAX_FILE_BYTES + 1)
        except OSError:
            length = 0
        if i > start and (i - start >= count or held + length > size):
            spans.append((start, i))
            start, held = i, 0
        held += length
    if start < len(files):
        spans.append((start, len(files)))
    return spans


# --- recording (this process only): archive the batch, sync once, then one transaction


def _waiting_quietly(seconds: float) -> None:
    log.info("waiting %.1f s for another collect to finish writing", seconds)


def _store_batch(case_dir: Path, db: store.Store, reads: list[FileRead], stamp: str,
                 on_wait: Callable[[float], None] = _waiting_quietly) -> list[FileOutcome]:
    """Archive a batch's originals (synced, in place), THEN record its rows in one transaction.

    The order is the safety argument: a row is only ever written after the file it points at is
    on disk under its final name, so a crash between the two leaves unreferenced archive files
    (reused, never rewritten, by the next run) and never a row pointing at nothing.
    """
    known = db.submissions_known([r.sha256 for r in reads if r.accepted])  # cheap early answer
    outcomes: dict[int, FileOutcome] = {}
    to_record: list[int] = []
    for r in reads:
        if r.problems:
            raise RecordError(list(r.problems))
    for i, r in enumerate(reads):
        if not r.sha256:
            outcomes[i] = FileOutcome(r.path, "rejected", reason=r.reason)
        elif r.accepted and r.sha256 in known:
            outcomes[i] = FileOutcome(r.path, "duplicate", r.sha256, r.unit, r.form, t("collect_duplicate"))
        else:
            to_record.append(i)
            if r.accepted:
                known.add(r.sha256)  # a second copy later in this batch: the same answer as one by one
    archived = _archive_many(case_dir, [(r.unit, r.name, r.sha256, r.data)
                                        for r in (reads[i] for i in to_record) if r.unit and r.data is not None])
    base = Path(case_dir).resolve()
    with db.batch(on_wait):  # the transaction re-checks duplicates and the unit's current form, in order
        for i in to_record:
            r = reads[i]
            archive = archived.get((r.unit, r.sha256)) if r.unit else None
            row = {"file_name": r.name, "sha256": r.sha256, "received_at": stamp,
                   "unit": r.unit, "form": r.form, "status": "accepted" if r.accepted else "rejected",
                   "reason": r.reason, "warnings": list(r.warnings), "archive_path": _rel(base, archive),
                   "submission": r.submission, "missing": list(r.missing)}
            outcome = db.submission_record(row, list(r.answers))
            facts = {"submission": r.submission, "missing": r.missing, "received_at": stamp,
                     "answers": r.answered, "fields": r.fields, "clarify": r.clarify}
            if not r.accepted:  # a refusal seen before is not recorded twice, but still a refusal
                outcomes[i] = FileOutcome(r.path, "rejected", r.sha256, r.unit, r.form, r.reason, archive=archive,
                                          **facts)
                continue
            reason = {"duplicate": t("collect_duplicate"), "superseded": t("collect_older")}.get(outcome)
            outcomes[i] = FileOutcome(r.path, outcome, r.sha256, r.unit, r.form, reason, r.warnings, archive,
                                      **facts)
    return [outcomes[i] for i in range(len(reads))]



# --- archive


def archive_name(sha256: str, suffix: str = ".docx") -> str:
    """``<sha256>.docx``: the archive is content-addressed, so the same bytes always land on one name.

    A file sent back in another format (``.pdf``, ``.doc``…) keeps its own suffix, so it opens as what it is.

    Two processes receiving identical bytes (under any file names) race to create the same path
    and the loser simply finds it there: no second copy, no clash. The received file's own name is
    kept in the store (``file_name``), never used as a path.
    """
    return f"{sha256}{suffix}"


def _archive_many(case_dir: Path, items: list[tuple[str, str, str, bytes | None]]
                  ) -> dict[tuple[str, str], Path]:
    """Store each ``(unit, original name, sha256, bytes)`` once; return ``(unit, sha) → archive path``.

    Bytes already archived for the unit are reused as they are; new ones are written together with
    ``output.write_new_many`` (create-only, all synced before this returns). A name that exists is the
    same content by construction; ``verify_archive`` re-hashes every original when a report is built.
    """
    root = output.inside(case_dir, STATE_DIR, ARCHIVE_DIR)
    folders: dict[str, Path] = {}
    found: dict[tuple[str, str], Path] = {}
    new: dict[tuple[str, str], tuple[Path, bytes]] = {}
    for unit, original, sha, data in items:
        key = (unit, sha)
        if key in found or key in new:
            continue  # the same bytes twice in one batch: archived once
        folder = folders.get(unit) or folders.setdefault(unit, output.inside_resolved(root, file_part(unit)))
        suffix = Path(original).suffix.lower()
        target = output.inside_resolved(folder, archive_name(sha, suffix if suffix in FOREIGN_SUFFIXES else ".docx"))
        if target.is_file():
            found[key] = target
        else:
            new[key] = (target, data or b"")
    output.write_new_many([(target, data) for target, data in new.values()])
    for key, (target, _data) in new.items():
        found[key] = target  # created now, or by a concurrent run with the same bytes: one file either way
    return found


def _sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rel(base: Path, path: Path | None) -> str | None:
    """``path`` relative to the (resolved) case folder, as stored in ``archive_path``."""
    return path.relative_to(base).as_posix() if path else None



def outcome_lines(result: CollectResult) -> list[str]:
    """What the clerk reads: one line per file (✓ = ✗), warnings below it, notes, a summary."""
    lines = list(result.notes)
    for f in result.files:
        name = display_name(f.path)
        unit = result.names.get(f.unit or "", f.unit)  # «Ấp Phước Hiệp», not its code «ap-01»
        if f.outcome == "accepted":
            key = "collect_line_accepted_partial" if f.submission == "partial" else "collect_line_accepted"
            lines.append(t(key, file=name, unit=unit))
        elif f.outcome == "superseded":
            lines.append(t("collect_line_superseded", file=name, unit=unit, reason=f.reason))
        elif f.outcome == "duplicate":
            lines.append(t("collect_line_duplicate", file=name, reason=f.reason))
        else:
            lines.append(t("collect_line_rejected", file=name, reason=f.reason))
        lines.extend(t("collect_line_warning", warning=w) for w in f.warnings)
        if has_receipt(f):
            lines.append(t("collect_line_receipt", receipt=receipt_line(f, unit)))
    if not result.files:
        lines.append(t("collect_no_files"))
    n = {k: sum(1 for f in result.files if f.outcome == k) for k in ("accepted", "superseded", "duplicate")}
    lines.append(t("collect_summary", accepted=n["accepted"] + n["superseded"], duplicate=n["duplicate"],
                   rejected=len(result.rejected)))
    taken = [f for f in result.files if f.outcome in ("accepted", "superseded")]
    partial = sum(1 for f in taken if f.submission == "partial")
    empty = sum(1 for f in result.rejected if f.submission == "empty")
    if partial or empty:
        lines.append(t("collect_summary_states", complete=len(taken) - partial, partial=partial, empty=empty))
    return lines



# --- evidence


def verify_archive(opened: OpenedCase) -> list[Problem]:
    """Re-hash every archived original the case's store refers to; one problem per missing or changed file.

    Received files are evidence: a report built on answers whose original was edited or removed
    afterwards must say so (``report`` and ``build`` call this before compiling).
    """
    case_dir = opened.dir
    problems: list[Problem] = []
    seen: set[str] = set()
    with opened.reading() as db:
        rows = db.submissions()
    for row in rows:
        rel = row.get("archive_path")
        if not rel or rel in seen:
            continue
        seen.add(rel)
        path = output.inside(case_dir, rel)
        if not path.is_file():
            problems.append(Problem(rel, t("collect_archive_missing", path=rel), row["unit"]))
        elif _sha_of(path) != row["sha256"]:
            problems.append(Problem(rel, t("collect_archive_changed", path=rel), row["unit"]))
    return problems

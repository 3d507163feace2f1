"""Stage: returned forms → answers in the case store, originals archived unchanged.

Each file is read once (bounded), hashed, recognised by its identity properties (which survive a
LibreOffice re-save, tags may not), read with its unit's form spec and validated — pure work, done by
reader processes for large inputs. Files are then recorded in batches of ``BATCH``, in order, by this
process alone: the batch's original bytes are archived first (write-once, under a name derived only
from the hash and a slug) and synced with ONE disk sync; then the batch's submission rows and answers
go into the store in ONE immediate transaction. A crash therefore leaves at worst unreferenced
archive files, never a row pointing at nothing, and archived originals are never rewritten (they are
evidence). One bad file never stops the others: it is recorded as rejected with a one-line reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import multiprocessing
import signal
import zipfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import output, store
from .errors import DispatchGenError, FormReadError, OutputError, Problem, RecordError
from .formspec import FORM_VERSION, FormSpec, form_spec
from .messages import t
from .models import Case, Unit, expected_units
from .parallel import worker_count
from .records import STATE_DIR
from .text import file_part, nfc, slugify
from .word.sdt import MAX_PART, answers_from_part, clip, identity_from_part, read_answers, read_identity

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a filled form is a few hundred KB; anything bigger is refused
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # declared uncompressed size of one zip member (zip bombs)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # declared uncompressed size of all members together
MAX_MEMBERS = 2000
MAX_ANSWER_CHARS = 20_000  # longer answers are stored cut, with a warning (the archive keeps them whole)
MAX_REASON_CHARS = 300  # a reason quotes file content: keep the clerk's line (and the store) short
ARCHIVE_DIR = "archive"

Outcome = Literal["accepted", "superseded", "duplicate", "rejected"]


class Rejected(Exception):
    """Internal: the file is refused for ``reason``; ``unit`` is set when the form names a known unit."""

    def __init__(self, reason: str, unit: str | None = None, form: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.unit = unit
        self.form = form


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


@dataclass
class CollectResult:
    """Per-file outcomes of one ``collect`` run plus notes on ignored files."""

    files: list[FileOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == "rejected"]


# --- public verb


def collect(case: Case, case_dir: Path, paths: Iterable[Path],
            received_at: dt.datetime | dt.date | None = None, *, processes: int | None = None) -> CollectResult:
    """Collect every form in ``paths`` (files, or folders searched for ``*.docx``) into the store.

    ``received_at`` is when the files arrived (a date means that day, local time); default now.
    Files are processed oldest first (modification time, then name) so that, within one run, a
    later-saved version of a unit's form supersedes an earlier one. ``processes``: how many
    processes read forms (default: one per core for many files, else 1); the store and the
    archive are written by this process alone, in batches, in that order.
    """
    case_dir = Path(case_dir)
    stamp = received_stamp(received_at)
    files, notes = find_files(paths)
    result = CollectResult(notes=notes)
    specs = LazySpecs(case)
    with store.open_store(case_dir) as db, contextlib.closing(_read_batches(case, specs, files, processes)) as batches:
        for reads in batches:  # closing: an error here stops the reader processes at once
            for outcome in _store_batch(case_dir, db, reads, stamp):
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
    """Expand folders to their ``*.docx`` (recursively); return files and notes on what was skipped.

    A file named explicitly is always tried, whatever its suffix: its identity decides, not its name.
    Word's lock files (``~$…``) and hidden files inside folders are skipped.
    """
    found: list[Path] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith((".", "~$")) for part in rel.parts):
                    continue
                if child.suffix.lower() == ".docx":
                    found.append(child)
                else:
                    notes.append(t("collect_ignored", path=child))
        else:
            found.append(path)  # missing files are rejected one by one, with a reason
    unique = list(dict.fromkeys(p.resolve() if p.exists() else p for p in found))
    return sorted(unique, key=_age_key), notes


def _age_key(path: Path) -> tuple:
    try:
        return (path.stat().st_mtime, str(path))
    except OSError:
        return (0.0, str(path))


# --- reading (pure: bytes → identity and answers; may run in worker processes)


@dataclass(frozen=True)
class _Read:
    """One received file, read and recognised: everything the store step needs, nothing written.

    ``data`` is kept only when the file is to be archived (a known unit); ``accepted`` is False
    for a refusal (``reason``); ``sha256`` is empty when the file could not even be read.
    """

    path: Path
    accepted: bool
    sha256: str = ""
    data: bytes | None = None
    unit: str | None = None
    form: str | None = None
    answers: tuple[tuple[str, str, str | None], ...] = ()
    warnings: tuple[str, ...] = ()
    reason: str | None = None
    problems: tuple[Problem, ...] = ()  # the case's records cannot make this unit's form


class LazySpecs(Mapping):
    """Unit code → form spec, each built on first use (and then kept).

    Collecting a few files into a large case builds a few specs, not thousands; in a large run
    each reader process builds the ones it meets, in parallel, instead of the parent building all
    of them before reading starts.
    """

    def __init__(self, case: Case):
        self._case = case
        self._units: dict[str, Unit] = {u.code: u for u in expected_units(case) if u.form}
        self._built: dict[str, FormSpec] = {}

    def __getitem__(self, code: str) -> FormSpec:
        spec = self._built.get(code)
        if spec is None:
            spec = self._built[code] = form_spec(self._case, self._units[code])
        return spec

    def __iter__(self) -> Iterator[str]:
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)


def read_one(case: Case, specs: Mapping[str, FormSpec], path: Path) -> _Read:
    """Read, hash, recognise and validate one file; a refusal is a result, never an exception."""
    try:
        data = read_bounded(path)
    except Rejected as exc:
        return _Read(path, False, reason=exc.reason)
    sha = hashlib.sha256(data).hexdigest()
    try:
        spec, answers, warnings = recognise(case, specs, data)
    except RecordError as exc:  # the case is at fault, not the file: the run stops (in the parent)
        return _Read(path, False, sha, problems=tuple(exc.problems))
    except Rejected as exc:
        return _Read(path, False, sha, data if exc.unit else None, exc.unit, exc.form, reason=exc.reason)
    return _Read(path, True, sha, data, spec.unit, spec.form, tuple(answers), tuple(warnings))


BATCH = 64  # files per archive sync and per store transaction (and per task of a reader process)
POOL_THRESHOLD = 2 * BATCH  # files; below it one process is faster than starting a pool
_JOB: tuple[Case, Mapping[str, FormSpec], list[Path]] | None = None  # inherited by forked readers


def _read_batches(case: Case, specs: Mapping[str, FormSpec], files: list[Path], processes: int | None
                  ) -> Iterator[list[_Read]]:
    """Batches of read files, in ``files`` order; read here or in forked reader processes."""
    starts = range(0, len(files), BATCH)
    workers = worker_count(len(files), processes, POOL_THRESHOLD, BATCH)
    if workers <= 1:
        for start in starts:
            yield [read_one(case, specs, p) for p in files[start:start + BATCH]]
        return
    global _JOB
    _JOB = (case, specs, files)  # the readers see it in their copy of this process: nothing is pickled
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_reader_init) as pool:
            queued: deque = deque()
            for start in starts:  # a few batches ahead, not all: memory stays flat in the number of files
                queued.append(pool.apply_async(_read_chunk, (start,)))
                if len(queued) > 2 * workers:
                    yield queued.popleft().get()
            while queued:
                yield queued.popleft().get()
    finally:
        _JOB = None


def _reader_init() -> None:
    """A reader dies with its parent (a killed collect leaves no orphan processes behind)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle


def _read_chunk(start: int) -> list[_Read]:
    case, specs, files = _JOB
    return [read_one(case, specs, p) for p in files[start:start + BATCH]]


# --- recording (this process only): archive the batch, sync once, then one transaction


def _store_batch(case_dir: Path, db: store.Store, reads: list[_Read], stamp: str) -> list[FileOutcome]:
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
    archived = _archive_many(case_dir, [(r.unit, display_name(r.path), r.sha256, r.data)
                                        for r in (reads[i] for i in to_record) if r.unit])
    base = Path(case_dir).resolve()
    with db.batch():  # the transaction re-checks duplicates and the unit's current form, in order
        for i in to_record:
            r = reads[i]
            archive = archived.get((r.unit, r.sha256)) if r.unit else None
            row = {"file_name": display_name(r.path), "sha256": r.sha256, "received_at": stamp,
                   "unit": r.unit, "form": r.form, "status": "accepted" if r.accepted else "rejected",
                   "reason": r.reason, "warnings": list(r.warnings), "archive_path": _rel(base, archive)}
            outcome = db.submission_record(row, list(r.answers))
            if not r.accepted:  # a refusal seen before is not recorded twice, but still a refusal
                outcomes[i] = FileOutcome(r.path, "rejected", r.sha256, r.unit, r.form, r.reason, archive=archive)
                continue
            reason = {"duplicate": t("collect_duplicate"), "superseded": t("collect_older")}.get(outcome)
            outcomes[i] = FileOutcome(r.path, outcome, r.sha256, r.unit, r.form, reason, r.warnings, archive)
    return [outcomes[i] for i in range(len(reads))]


def display_name(path: Path) -> str:
    """The received file's name as text (NFC; undecodable bytes from odd archives become U+FFFD)."""
    return nfc(path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def read_bounded(path: Path) -> bytes:
    """Read a file once, refusing missing, empty or oversized files before reading them whole."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise Rejected(t("file_missing")) from None
    except OSError as exc:
        raise Rejected(t("collect_unreadable", detail=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(t("collect_too_big", limit=MAX_FILE_BYTES // (1024 * 1024)))
    if not data:
        raise Rejected(t("file_empty"))
    return data


_PARTS = (IDENTITY_PART, DOCUMENT_PART) = ("docProps/custom.xml", "word/document.xml")


def check_container(data: bytes) -> dict[str, bytes]:
    """Refuse what is not a plain .docx package before any XML is parsed.

    Not a zip / truncated → corrupt; declared member sizes beyond the bounds → zip bomb (the
    zipfile reader never inflates past the declared size); a VBA project or macro-enabled content
    type → a renamed .docm. Returns the identity and body parts when the CRC check of a small
    file inflated them anyway (by exact name, within the reader's part bound), so that they are
    not inflated a second time; otherwise the reader fetches them itself.
    """
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            # Bounds from the directory FIRST: nothing is inflated before they hold.
            if len(infos) > MAX_MEMBERS:
                raise Rejected(t("collect_too_many_parts", count=len(infos), limit=MAX_MEMBERS))
            if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES or any(
                    i.file_size > MAX_MEMBER_BYTES for i in infos):
                raise Rejected(t("collect_zip_bomb"))
            bad = _test_members(zf, infos, parts) if len(data) < 2 * 1024 * 1024 else None
            types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in zf.namelist() else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError,
            NotImplementedError):
        raise Rejected(t("collect_corrupt", detail=t("collect_zip_broken"))) from None
    if bad:
        raise Rejected(t("collect_corrupt", detail=f"{t('collect_zip_broken')}: {bad}"))
    names = {i.filename.lower() for i in infos}
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroenabled" in types.lower():  # MIME types ignore case
        raise Rejected(t("collect_macro"))
    if "word/document.xml" not in names or not types:
        raise Rejected(t("collect_not_docx"))
    return parts


def _test_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], keep: dict[str, bytes]) -> str | None:
    """``ZipFile.testzip`` (every member inflated, CRC checked; the first bad name), keeping ``_PARTS``."""
    found: dict[str, bytes | None] = {}
    for info in infos:
        try:
            content = zf.read(info)
        except zipfile.BadZipFile:
            return info.filename
        if info.filename in _PARTS:  # a later entry of the same name wins, as in getinfo()
            found[info.filename] = content if info.file_size <= MAX_PART else None
    if all(v is not None for v in found.values()):  # an oversized part: the reader says so itself
        keep.update(found)
    return None


def recognise(case: Case, specs: Mapping[str, FormSpec], data: bytes
              ) -> tuple[FormSpec, list[tuple[str, str, str | None]], list[str]]:
    """Identify, read and validate a form; return its spec, answer rows and warnings, or raise Rejected."""
    parts = check_container(data)
    try:
        whole = DOCUMENT_PART in parts  # both parts in hand (an absent identity part stays absent)
        identity = identity_from_part(parts.get(IDENTITY_PART)) if whole else read_identity(data)
        if not identity.get("dg.case"):
            raise Rejected(t("collect_not_form"))
        spec = _spec_for(case, specs, identity)
        result = answers_from_part(parts[DOCUMENT_PART], spec) if whole else read_answers(data, spec)
    except FormReadError as exc:
        raise Rejected(t("collect_corrupt", detail=_one_line(str(exc)))) from None
    except (Rejected, RecordError):  # RecordError: the case's own records cannot make this form
        raise
    except DispatchGenError as exc:
        raise Rejected(_one_line(str(exc))) from None
    except Exception as exc:  # noqa: BLE001 - a hostile file must never crash the run
        log.debug("reading form failed", exc_info=True)  # debug: the clerk sees one line, no traceback
        raise Rejected(t("collect_corrupt", detail=type(exc).__name__)) from None
    warnings: list[str] = []
    version = identity.get("dg.version", "")
    if version != str(FORM_VERSION):
        # An older form read by its tags maps every answer by name: accept, but say so. Read by
        # position (tags lost) the layout of another version could shift answers: refuse.
        if result.method != "tags" or _newer(version, str(FORM_VERSION)):
            raise Rejected(t("collect_version", version=version or "?", current=FORM_VERSION),
                           spec.unit, spec.form)
        warnings.append(t("collect_version_warning", version=version or "?", current=FORM_VERSION))
    rows, problems, empty = validate(spec, result.values, list(result.problems))
    if problems:
        raise Rejected(summarise(problems), spec.unit, spec.form)
    rows, long_answers = cap_answers(spec, rows)
    warnings.extend(long_answers)
    if empty:
        warnings.append(t("collect_empty_required", fields=", ".join(empty)))
    if result.method != "tags":
        warnings.append(t("collect_by_position"))
    return spec, rows, warnings


def _spec_for(case: Case, specs: Mapping[str, FormSpec], identity: dict[str, str]) -> FormSpec:
    other = identity.get("dg.case", "")
    if other != case.id:
        raise Rejected(t("collect_other_case", other=other, case=case.id))
    unit = identity.get("dg.unit", "")
    spec = specs.get(unit)
    if spec is None:
        raise Rejected(t("collect_unknown_unit", unit=unit or "?"))
    form = identity.get("dg.form", "")
    if form != spec.form:
        raise Rejected(t("collect_wrong_form", form=form or "?", unit=unit, expected=spec.form),
                       unit, form or None)
    return spec


def _newer(version: str, current: str) -> bool:
    def key(v: str) -> tuple:
        return tuple(int(p) if p.isdigit() else -1 for p in v.split("."))
    try:
        return key(version) > key(current)
    except ValueError:
        return True


def validate(spec: FormSpec, values: dict, problems: list[str]
             ) -> tuple[list[tuple[str, str, str | None]], list[str], list[str]]:
    """Check values against the spec: every field present, enumerations valid, dates real.

    Returns answer rows ``(tag, kind, text)``, problems (reasons to reject) and the labels of empty
    required fields (a warning: a partial form is still evidence of what the unit reported).
    """
    rows: list[tuple[str, str, str | None]] = []
    empty: list[str] = []
    for f in spec.fields:
        if f.tag not in values:
            problems.append(t("collect_missing_field", label=f.label, tag=f.tag))
            continue
        value = values[f.tag]
        if value is None or value == "":
            if f.required:
                empty.append(f"{f.label} ({f.tag})")
            rows.append((f.tag, f.kind, None))
            continue
        problem = _check_value(f, value)
        if problem:
            problems.append(problem)
            continue
        rows.append((f.tag, f.kind, answer_text(f.kind, value)))
    return rows, problems, empty


def cap_answers(spec: FormSpec, rows: list[tuple[str, str, str | None]]
                ) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """Cut answers longer than ``MAX_ANSWER_CHARS`` (one warning each): accepted, not refused.

    An officer's over-long answer is still an answer; the store, exports (an Excel cell holds
    32,767 characters) and reports stay bounded, and the archived original keeps every word.
    """
    out: list[tuple[str, str, str | None]] = []
    warnings: list[str] = []
    for tag, kind, value in rows:
        if value is not None and len(value) > MAX_ANSWER_CHARS:
            warnings.append(t("collect_long_answer", label=spec.field(tag).label, tag=tag, length=len(value),
                              limit=MAX_ANSWER_CHARS))
            value = value[:MAX_ANSWER_CHARS]
        out.append((tag, kind, value))
    return out, warnings


def _check_value(f, value) -> str | None:
    if f.kind == "date" and not isinstance(value, dt.date):
        return t("collect_bad_date", label=f.label, value=clip(str(value)))
    if f.kind == "checkbox" and not isinstance(value, bool):
        return t("collect_bad_value", label=f.label, value=clip(str(value)))
    if f.kind == "dropdown" and f.options and str(value) not in _option_texts(f.options):
        return t("collect_bad_option", label=f.label, value=clip(str(value)))
    if f.kind in ("text", "multiline") and not isinstance(value, str):
        return t("collect_bad_value", label=f.label, value=clip(str(value)))
    return None


def _option_texts(options) -> set[str]:
    """Displayed texts of a drop-down's items, whether given as strings or (value, text) pairs."""
    texts: set[str] = set()
    for opt in options:
        if isinstance(opt, (tuple, list)):
            texts.update(str(o) for o in opt)
        else:
            texts.add(str(opt))
    return texts


def answer_text(kind: str, value) -> str | None:
    """The stored text of an answer: as typed, ISO date, ``true``/``false`` for checkboxes."""
    if value is None:
        return None
    if kind == "checkbox":
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- archive


def archive_name(original: str, sha256: str) -> str:
    """``<sha[:12]>-<slug>.docx``: unique per content, readable, never derived from raw names."""
    stem = Path(original).stem
    return f"{sha256[:12]}-{slugify(stem)}.docx"


def _archive_many(case_dir: Path, items: list[tuple[str, str, str, bytes | None]]
                  ) -> dict[tuple[str, str], Path]:
    """Store each ``(unit, original name, sha256, bytes)`` once; return ``(unit, sha) → archive path``.

    Bytes already archived for the unit (under the name they first came with) are reused as they
    are; new ones are written together with ``output.write_new_many`` (never replacing a file, all
    synced before this returns). A name taken by other bytes falls back to the full-hash name.
    """
    root = output.inside(case_dir, STATE_DIR, ARCHIVE_DIR)
    folders: dict[str, Path] = {}
    found: dict[tuple[str, str], Path] = {}
    new: dict[tuple[str, str], tuple[Path, str, bytes]] = {}
    for unit, original, sha, data in items:
        key = (unit, sha)
        if key in found or key in new:
            continue  # the same bytes twice in one batch: archived once
        folder = folders.get(unit) or folders.setdefault(unit, output.inside(root, file_part(unit)))
        same = _archived_copy(folder, sha)
        if same is not None:
            found[key] = same
        else:  # hex + slug: one plain name inside the checked folder
            new[key] = (folder / archive_name(original, sha), original, data or b"")
    created = output.write_new_many([(target, data) for target, _, data in new.values()])
    for (key, (target, original, data)), made in zip(new.items(), created, strict=True):
        if made:
            found[key] = target
            continue
        target = output.inside(target.parent, target.name)  # the name existed: never follow it out
        if _sha_of(target) == key[1]:
            found[key] = target  # created now, or the same content archived meanwhile: reuse
            continue
        fallback = output.inside(target.parent, f"{key[1]}-{slugify(Path(original).stem)}.docx")
        if output.write_new(fallback, data) or _sha_of(fallback) == key[1]:
            found[key] = fallback
            continue
        raise OutputError(f"{target}: " + t("collect_archive_clash"))
    return found


def _archived_copy(folder: Path, sha: str) -> Path | None:
    """An archived file of the unit holding exactly these bytes, if any."""
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.glob(f"{sha[:12]}-*.docx")) if _sha_of(p) == sha), None)


def _sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rel(base: Path, path: Path | None) -> str | None:
    """``path`` relative to the (resolved) case folder, as stored in ``archive_path``."""
    return path.relative_to(base).as_posix() if path else None


def summarise(problems: list[str], limit: int = 3) -> str:
    """One line out of many problems: the first few, then how many more."""
    head = "; ".join(_one_line(p) for p in problems[:limit])
    return head + (f"; … (+{len(problems) - limit})" if len(problems) > limit else "")


def outcome_lines(result: CollectResult) -> list[str]:
    """What the clerk reads: one line per file (✓ = ✗), warnings below it, notes, a summary."""
    lines = list(result.notes)
    for f in result.files:
        name = display_name(f.path)
        if f.outcome == "accepted":
            lines.append(t("collect_line_accepted", file=name, unit=f.unit))
        elif f.outcome == "superseded":
            lines.append(t("collect_line_superseded", file=name, unit=f.unit, reason=f.reason))
        elif f.outcome == "duplicate":
            lines.append(t("collect_line_duplicate", file=name, reason=f.reason))
        else:
            lines.append(t("collect_line_rejected", file=name, reason=f.reason))
        lines.extend(t("collect_line_warning", warning=w) for w in f.warnings)
    if not result.files:
        lines.append(t("collect_no_files"))
    n = {k: sum(1 for f in result.files if f.outcome == k) for k in ("accepted", "superseded", "duplicate")}
    lines.append(t("collect_summary", accepted=n["accepted"] + n["superseded"], duplicate=n["duplicate"],
                   rejected=len(result.rejected)))
    return lines


def _one_line(text: str) -> str:
    """Whitespace folded to single spaces, cut at ``MAX_REASON_CHARS`` (reasons quote hostile values)."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON_CHARS else line[:MAX_REASON_CHARS - 1] + "…"


# --- evidence


def verify_archive(case_dir: Path, db: store.Store) -> list[Problem]:
    """Re-hash every archived original the store refers to; one problem per missing or changed file.

    Received files are evidence: a report built on answers whose original was edited or removed
    afterwards must say so (the report stage calls this when it is built).
    """
    case_dir = Path(case_dir)
    problems: list[Problem] = []
    seen: set[str] = set()
    for row in db.submissions():
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

"""Reading one received file, purely: bytes in, a verdict out.

A file is read once within a size bound, its zip container checked before any XML is parsed (zip
bombs, too many parts, macros, not a .docx), then recognised by its identity properties (case →
unit → that unit's form spec; they survive a LibreOffice re-save, tags may not), its answers read
and validated against the spec. Every refusal is a one-line Vietnamese reason (``Rejected``), never
a traceback: files are hostile input. Nothing here writes or touches the store, so ``read_one`` can
run in reader processes; ``collect`` records the verdicts.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..case.models import Case, Unit, expected_units
from ..container import ZIP_ERRORS, ContainerError, check_directory, inflate_member, read_regular
from ..errors import DispatchGenError, FormReadError, Problem, RecordError
from ..forms.key import MAC_PROPERTY, mac_valid
from ..forms.spec import FORM_VERSION, FieldSpec, FormSpec, form_spec
from ..messages import os_reason, t
from ..periods import parse_period
from ..text import printable, slugify
from ..word.active import active_reason, scanned
from ..word.sdt import MAX_PART, answers_from_part, clip, identity_from_part, printed_heading

log = logging.getLogger(__name__)


MAX_FILE_BYTES = 20 * 1024 * 1024  # a filled form is a few hundred KB; anything bigger is refused
MAX_MEMBER_BYTES = 50 * 1024 * 1024  # declared uncompressed size of one zip member (zip bombs)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # declared uncompressed size of all members together
MAX_MEMBERS = 2000
MAX_ANSWER_CHARS = 20_000  # longer answers are stored cut, with a warning (the archive keeps them whole)
MAX_REASON_CHARS = 300  # a reason quotes file content: keep the clerk's line (and the store) short

Answer = tuple[str, str, str | None, str | None]  # (tag, kind, text as stored, flag: why it needs clarifying)


class Rejected(Exception):
    """The file is refused for ``reason``; ``unit`` is set when the form names a known unit."""

    def __init__(self, reason: str, unit: str | None = None, form: str | None = None,
                 submission: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.unit = unit
        self.form = form
        self.submission = submission  # "empty": a blank form, which is no submission



@dataclass(frozen=True)
class FileRead:
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
    answers: tuple[Answer, ...] = ()
    warnings: tuple[str, ...] = ()
    reason: str | None = None
    problems: tuple[Problem, ...] = ()  # the case's records cannot make this unit's form
    submission: str | None = None  # complete | partial | empty (None: not a readable form)
    missing: tuple[str, ...] = ()  # partial: what it lacks, in words
    name: str = ""  # ``display_name(path)``: worked out here, in the reader, not in the recording process
    answered: int = 0  # answers given (an unticked box is none)
    clarify: tuple[str, ...] = ()  # why flagged answers need clarifying, in form order
    fields: int = 0  # answers the unit's form asks for (also for a blank form, which has no answer rows)


class LazySpecs(Mapping):
    """Unit code → form spec, each built on first use (and then kept).

    Collecting a few files into a large case builds a few specs, not thousands; in a large run
    each reader process builds the ones it meets, in parallel, instead of the parent building all
    of them before reading starts.
    """

    def __init__(self, case: Case, form_key: bytes | None = None):
        self._case = case
        self.form_key = form_key  # the case's form key (``formkey``): None when it never made one
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


def read_one(case: Case, specs: Mapping[str, FormSpec], path: Path) -> FileRead:
    """Read, hash, recognise and validate one file; a refusal is a result, never an exception."""
    name = display_name(path)
    try:
        data = read_bounded(path)
    except Rejected as exc:
        return FileRead(path, False, reason=exc.reason, name=name)
    sha = hashlib.sha256(data).hexdigest()
    foreign = foreign_format(data)
    if foreign:  # not a .docx at all: say what it is and what to do; the file name may tell whose it is
        unit = unit_from_name(specs, path)  # whose it is, when the name says: kept as evidence like any refusal
        reason = t("collect_old_doc") if foreign == "doc" else t(f"collect_foreign_{foreign}")
        return FileRead(path, False, sha, data if unit else None, unit, reason=reason, name=name)
    try:
        spec, answers, warnings, state = recognise(case, specs, data)
    except RecordError as exc:  # the case is at fault, not the file: the run stops (in the parent)
        return FileRead(path, False, sha, problems=tuple(exc.problems), name=name)
    except Rejected as exc:
        return FileRead(path, False, sha, data if exc.unit else None, exc.unit, exc.form, reason=exc.reason,
                        submission=exc.submission, name=name,
                        fields=len(specs[exc.unit].fields) if exc.submission and exc.unit in specs else 0)
    except (MemoryError, RecursionError) as exc:  # issue 16: one file never stops a run, whatever it costs
        log.debug("reading %s ran out of %s", path, type(exc).__name__)
        return FileRead(path, False, sha, reason=t("collect_zip_bomb"), name=name)
    return FileRead(path, True, sha, data, spec.unit, spec.form, tuple(answers), tuple(warnings),
                    submission=state.state, missing=state.missing, name=name,
                    answered=sum(1 for a in answers if a[2] is not None and a[2] != "false"), fields=len(answers),
                    clarify=tuple(a[3] for a in answers if a[3]))


MAX_NAME_CHARS = 160  # a received file's name as printed and stored


# Files officers send back instead of the filled .docx (issue 11), recognised by their first bytes.
FOREIGN_SUFFIXES = frozenset({".doc", ".docm", ".dot", ".rtf", ".pdf", ".odt", ".ott", ".jpg", ".jpeg", ".png",
                              ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".zip", ".rar", ".7z"})


def foreign_format(data: bytes) -> str | None:
    """What a file that is not a .docx is, by its first bytes: doc, pdf, rtf, odt, image, archive; None: go on.

    A .docx is a zip holding ``[Content_Types].xml``; an OpenDocument text is a zip whose first
    member is ``mimetype``; any other zip is an archive (what a chat app makes of several files).
    """
    head = data[:64]
    if head.startswith(_CFB):  # OLE2 compound file: Word 97-2003, or an encrypted .docx (check_container says so)
        return None if "EncryptedPackage".encode("utf-16-le") in data else "doc"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if (head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*"))
            or (head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"))
            or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")):
        return "image"
    if head.startswith((b"Rar!", b"7z\xbc\xaf")):
        return "archive"
    if head.startswith(b"PK\x03\x04"):
        if head[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
            return "odt"
        # member names are plain bytes in the zip's headers: a package naming neither part is no .docx
        if b"[Content_Types].xml" not in data and b"word/document.xml" not in data and _readable_zip(data):
            return "archive"  # a damaged zip (a cut-off download) is «tệp hỏng», said by check_container
    return None


def _readable_zip(data: bytes) -> bool:
    """Whether ``data`` is a zip whose directory can be read (members are not inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return bool(zf.infolist())
    except ZIP_ERRORS:
        return False


def unit_from_name(specs: Mapping[str, FormSpec], path: Path) -> str | None:
    """The unit a file name starts with (``thon-01-thon-1.pdf`` → ``thon-01``), as forms are named; else None."""
    slug = slugify(path.stem)
    found = [code for code in specs if slug == code or slug.startswith(f"{code}-")]
    return max(found, key=len) if found else None


def display_name(path: Path) -> str:
    """The received file's name as one safe line: NFC, undecodable bytes → U+FFFD, control
    characters escaped, capped (a name with a newline must not forge an output line)."""
    return printable(path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), MAX_NAME_CHARS)


def read_bounded(path: Path) -> bytes:
    """Read a file once, refusing missing, empty, oversized or non-regular files before reading.

    A FIFO or device is refused without blocking (``container.read_regular``).
    """
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise Rejected(t("file_missing")) from None
    except ContainerError:
        raise Rejected(t("collect_not_regular")) from None
    except OSError as exc:
        raise Rejected(t("collect_unreadable", detail=os_reason(exc))) from None
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(t("collect_too_big", limit=MAX_FILE_BYTES // (1024 * 1024)))
    if not data:
        raise Rejected(t("file_empty"))
    return data


_PARTS = (IDENTITY_PART, DOCUMENT_PART) = ("docProps/custom.xml", "word/document.xml")
_TYPES = "[Content_Types].xml"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: a .doc, or an encrypted .docx


def check_container(data: bytes) -> dict[str, bytes]:
    """Refuse what is not a plain .docx package before any XML is parsed; return the parts to read.

    Not a zip / truncated → corrupt; a password-protected or old-format Word file → say so;
    declared member sizes beyond the bounds, or compressions other than stored/deflate → refused
    before inflating (``container``); duplicate part names → ambiguous; a VBA project or
    macro-enabled content type → a renamed .docm; active content (external links, OLE, DDE fields,
    linked images) → refused with the reason (``word.active``). Every member read is inflated in
    chunks with a hard limit. Returns the identity and body parts and the parts scanned.
    """
    if data.startswith(_CFB):
        raise Rejected(t("collect_password") if "EncryptedPackage".encode("utf-16-le") in data
                       else t("collect_old_doc"))
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
            check_directory(infos)
            bad = _test_members(data, infos, parts) if len(data) < 2 * 1024 * 1024 else None
            if bad:
                raise Rejected(t("collect_corrupt", detail=f"{t('collect_zip_broken')}: {printable(bad, 80)}"))
            for info in infos:
                if _wanted(info.filename) and info.filename not in parts:
                    parts[info.filename] = inflate_member(data, info, MAX_PART)
    except ContainerError as exc:
        raise Rejected(_container_reason(exc)) from None
    except ZIP_ERRORS:
        raise Rejected(t("collect_corrupt", detail=t("collect_zip_broken"))) from None
    names = [i.filename for i in infos]
    types = parts.get(_TYPES, b"")
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroenabled" in types.lower():
        raise Rejected(t("collect_macro"))  # MIME types ignore case
    if DOCUMENT_PART not in parts or not types:
        raise Rejected(t("collect_not_docx"))
    try:
        reason = active_reason(names, {n: b for n, b in parts.items() if scanned(n)})
    except FormReadError as exc:
        raise Rejected(t("collect_corrupt", detail=_one_line(str(exc)))) from None
    if reason:
        raise Rejected(_one_line(reason))
    return parts


def _wanted(name: str) -> bool:
    return name in _PARTS or name == _TYPES or scanned(name)


def _container_reason(exc: ContainerError) -> str:
    if exc.kind == "method":
        return t("collect_zip_method", part=printable(exc.detail, 80))
    if exc.kind == "duplicate":
        return t("collect_ambiguous", part=printable(exc.detail, 80))
    if exc.kind == "too_big":
        return t("collect_zip_bomb")
    return t("collect_corrupt", detail=f"{t('collect_zip_broken')}: {printable(exc.detail, 80)}")


def _test_members(data: bytes, infos: list[zipfile.ZipInfo], keep: dict[str, bytes]) -> str | None:
    """``ZipFile.testzip`` (every member inflated, CRC checked; the first bad name), keeping the parts
    ``check_container`` reads. Each member is inflated within a bound (``container.inflate_member``)."""
    for info in infos:
        try:
            content = inflate_member(data, info, MAX_MEMBER_BYTES)
        except ContainerError as exc:
            if exc.kind != "broken":
                raise
            return info.filename
        if _wanted(info.filename) and info.file_size <= MAX_PART:
            keep[info.filename] = content
    return None


def recognise(case: Case, specs: Mapping[str, FormSpec], data: bytes
              ) -> tuple[FormSpec, list[Answer], list[str], Completeness]:
    """Identify, read and validate a form; return its spec, answer rows, warnings and completeness.

    Raises Rejected for what is not a readable form of this case, and for an empty form.
    """
    parts = check_container(data)
    warnings: list[str] = []
    try:
        identity = identity_from_part(parts.get(IDENTITY_PART))
        if not identity.get("dg.case"):
            raise Rejected(t("collect_not_form"))
        spec = _spec_for(case, specs, identity, parts.get(DOCUMENT_PART))
        warnings += check_proof(getattr(specs, "form_key", None), spec, identity)
        result = answers_from_part(parts[DOCUMENT_PART], spec)
        check_printed_unit(spec, result.heading)
    except FormReadError as exc:
        raise Rejected(t("collect_corrupt", detail=_one_line(str(exc)))) from None
    except (Rejected, RecordError):  # RecordError: the case's own records cannot make this form
        raise
    except DispatchGenError as exc:
        raise Rejected(_one_line(str(exc))) from None
    except Exception as exc:  # noqa: BLE001 - a hostile file must never crash the run
        log.debug("reading form failed", exc_info=True)  # debug: the clerk sees one line, no traceback
        raise Rejected(t("collect_corrupt", detail=type(exc).__name__)) from None
    version = identity.get("dg.version", "")
    if version != str(FORM_VERSION):
        # An older form read by its tags maps every answer by name: accept, but say so. Read by
        # position (tags lost) the layout of another version could shift answers: refuse.
        if result.method != "tags" or _newer(version, str(FORM_VERSION)):
            raise Rejected(t("collect_version", version=version or "?", current=FORM_VERSION),
                           spec.unit, spec.form)
        warnings.append(t("collect_version_warning", version=version or "?", current=FORM_VERSION))
    rows, problems, state = validate(spec, result.values, list(result.problems))
    if problems:
        raise Rejected(summarise(problems), spec.unit, spec.form)
    if state.state == "empty":  # not a submission: the unit stays missing, the file is kept as evidence
        raise Rejected(t("collect_empty_form"), spec.unit, spec.form, submission="empty")
    rows, long_answers = cap_answers(spec, rows)
    warnings.extend(long_answers)
    warnings.extend(flag for *_, flag in rows if flag)
    if state.missing:
        warnings.append(t("collect_partial", missing="; ".join(state.missing)))
    if result.method != "tags":
        warnings.append(t("collect_by_position"))
    return spec, rows, warnings, state


def _spec_for(case: Case, specs: Mapping[str, FormSpec], identity: dict[str, str],
              document: bytes | None = None) -> FormSpec:
    other = identity.get("dg.case", "")
    if other != case.id:
        raise Rejected(t("collect_other_case", other=printable(other, 60), attached=_attached_line(document),
                         title=case.title, doc=case.dispatch.type.lower(), subject=case.dispatch.subject))
    unit = identity.get("dg.unit", "")
    spec = specs.get(unit)
    if spec is None:
        raise Rejected(t("collect_unknown_unit", unit=printable(unit, 60) or "?"))
    form = identity.get("dg.form", "")
    if form != spec.form:
        raise Rejected(t("collect_wrong_form", form=printable(form, 60) or "?", unit=unit, expected=spec.form),
                       unit, printable(form, 60) or None)
    return spec


def _attached_line(document: bytes | None) -> str:
    """«, ghi «Kèm theo Công văn số …»»: the citation a form of another case prints, which a clerk
    recognises (its case code alone says nothing to him); empty when the body says none or is unreadable."""
    try:
        heading = printed_heading(document) if document else ()
    except FormReadError:
        return ""
    line = next((text.strip("() ") for text in heading if text.strip().startswith("(Kèm theo ")), "")
    return t("collect_other_case_attached", line=printable(line, 160)) if line else ""


def check_proof(key: bytes | None, spec: FormSpec, identity: dict[str, str]) -> list[str]:
    """Refuse a form whose MAC does not prove its identity; warn when a keyed case gets one without.

    See ``formkey`` for the policy. A refused form is not attributed to the unit it claims (not
    archived under that unit): it proves nothing about that unit.
    """
    if key is None:
        return []
    if MAC_PROPERTY not in identity:
        return [t("collect_no_proof", unit=spec.unit_name)]
    if not mac_valid(key, identity):
        raise Rejected(t("collect_bad_proof", unit=spec.unit_name))
    return []


def check_printed_unit(spec: FormSpec, heading: tuple[str, ...]) -> None:
    """The unit line printed in the form body must name the unit the identity claims.

    The first pre-filled line (``Thôn: Thôn 4``, ``Tiêu chí: Số 17: …``) is matched as a whole line:
    Thôn 1's form relabelled as Thôn 10 (or the reverse) is caught, not just a missing name.
    """
    if not spec.info:
        return
    label, value = spec.info[0]
    expected = " ".join(f"{label}: {value}".split())
    lines = [" ".join(line.split()) for line in heading]
    if expected in lines:
        return
    printed = next((line for line in lines if line.startswith(f"{label}:")), "")
    raise Rejected(t("collect_printed_unit", printed=printable(printed, 80) or "?", unit=spec.unit_name))


def _newer(version: str, current: str) -> bool:
    def key(v: str) -> tuple:
        return tuple(int(p) if p.isdigit() else -1 for p in v.split("."))
    try:
        return key(version) > key(current)
    except ValueError:
        return True


@dataclass(frozen=True)
class Completeness:
    """What a form's answers amount to: ``complete``, ``partial`` (``missing`` in words) or ``empty``."""

    state: str
    missing: tuple[str, ...] = ()


def validate(spec: FormSpec, values: dict, problems: list[str]) -> tuple[list[Answer], list[str], Completeness]:
    """Check values against the spec; a bad answer is kept as typed and flagged, never a refusal.

    Returns answer rows, problems (the form itself is unreadable: a field or table is gone) and
    the form's completeness. A completion time typed as a month, quarter or year is an answer (the
    typed text is kept); text in a date field that names no period, or an item not in a list, is
    flagged. Required fields left empty make the form partial; no answer at all makes it empty.
    """
    rows: list[Answer] = []
    empty: list[FieldSpec] = []
    answered = 0
    for f in spec.fields:
        if f.tag not in values:
            problems.append(t("collect_missing_field", label=f.label, tag=f.tag))
            continue
        value = values[f.tag]
        if value is None or value == "":
            if f.required:
                empty.append(f)
            rows.append((f.tag, f.kind, None, None))
            continue
        if value is not False:  # an unticked box is no answer
            answered += 1
        rows.append((f.tag, f.kind, answer_text(f.kind, value), _check_value(f, value)))
    if not answered:
        state = Completeness("empty")
    else:
        state = Completeness("partial", missing_in_words(spec, empty)) if empty else Completeness("complete")
    return rows, problems, state


def missing_in_words(spec: FormSpec, fields: list[FieldSpec]) -> tuple[str, ...]:
    """Empty required fields as a clerk says them: one line per column, its rows by code.

    ``Tự đánh giá: cả 10 tiêu chí`` when a whole column is empty, else
    ``Tự đánh giá: tiêu chí 2, 5``; columns in form order.
    """
    groups: dict[tuple[str, str], list[FieldSpec]] = {}
    for f in fields:
        groups.setdefault((f.section, f.column), []).append(f)
    lines = []
    for (section_key, column), group in groups.items():
        section = spec.section(section_key) if spec.sections else None
        header = next((c.header for c in section.columns if c.key == column), column) if section else column
        rows = {r.key: r for r in section.rows} if section else {}
        noun = _row_noun(rows.get(group[0].row), group[0].row)
        if section and len(group) == len(section.rows) > 1:
            lines.append(t("collect_missing_all", column=header, count=len(group), noun=noun))
        else:
            lines.append(f"{header}: {noun} {', '.join(f.row for f in group)}".replace("  ", " "))
    return tuple(lines)


def _row_noun(row, key: str) -> str:
    """``tiêu chí`` out of a row named ``tiêu chí 3`` (the name minus its code)."""
    name = getattr(row, "name", "") or ""
    return name[: -len(key)].strip() if name.endswith(key) else name


def cap_answers(spec: FormSpec, rows: list[Answer]) -> tuple[list[Answer], list[str]]:
    """Cut answers longer than ``MAX_ANSWER_CHARS`` (one warning each): accepted, not refused.

    An officer's over-long answer is still an answer; the store, exports (an Excel cell holds
    32,767 characters) and reports stay bounded, and the archived original keeps every word.
    """
    out: list[Answer] = []
    warnings: list[str] = []
    for tag, kind, value, flag in rows:
        if value is not None and len(value) > MAX_ANSWER_CHARS:
            warnings.append(t("collect_long_answer", label=spec.field(tag).label, tag=tag, length=len(value),
                              limit=MAX_ANSWER_CHARS))
            value = value[:MAX_ANSWER_CHARS]
        out.append((tag, kind, value, flag))
    return out, warnings


def _check_value(f: FieldSpec, value) -> str | None:
    """Why an answer needs clarifying (None: it is fine)."""
    if f.kind == "date" and not isinstance(value, dt.date) and parse_period(str(value)) is None:
        return t("collect_bad_date", label=f.label, value=clip(str(value)))
    if f.kind == "checkbox" and not isinstance(value, bool):
        return t("collect_bad_value", label=f.label, value=clip(str(value)))
    if f.kind == "dropdown" and f.options and str(value) not in _option_texts(f.options):
        return t("collect_bad_option", label=f.label, value=clip(str(value)), options=" / ".join(f.options))
    if f.kind in ("text", "multiline") and not isinstance(value, str):
        return t("collect_bad_value", label=f.label, value=clip(str(value)))
    return None


def _option_texts(options) -> frozenset[str]:
    """Displayed texts of a drop-down's items, whether given as strings or (value, text) pairs."""
    try:
        return _option_texts_of(tuple(options))
    except TypeError:  # an item given as a list: not hashable, not cached
        return _option_texts_of.__wrapped__(options)


@functools.lru_cache(maxsize=256)  # one drop-down's items are checked for every row of every form
def _option_texts_of(options) -> frozenset[str]:
    texts: set[str] = set()
    for opt in options:
        if isinstance(opt, (tuple, list)):
            texts.update(str(o) for o in opt)
        else:
            texts.add(str(opt))
    return frozenset(texts)


def answer_text(kind: str, value) -> str | None:
    """The stored text of an answer: as typed, ISO date, ``true``/``false`` for checkboxes."""
    if value is None:
        return None
    if kind == "checkbox":
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def summarise(problems: list[str], limit: int = 3) -> str:
    """One line out of many problems: the first few, then how many more."""
    head = "; ".join(_one_line(p) for p in problems[:limit])
    return head + (f"; … (+{len(problems) - limit})" if len(problems) > limit else "")


def _one_line(text: str) -> str:
    """Whitespace folded to single spaces, cut at ``MAX_REASON_CHARS`` (reasons quote hostile values)."""
    return printable(" ".join(text.split()), MAX_REASON_CHARS)

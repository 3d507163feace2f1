"""PDF stage: LibreOffice headless conversion (the package's only subprocess call) and pypdf assembly.

Why it is shaped this way (measured on 2 vCPU, LibreOffice 7.4, see shared/forms.md):
- one ``soffice`` process per file costs ~0.84 s; one process given 20 files ~0.11 s each, so files are
  converted in batches, and a large set in two processes at once (~0.072 s/file);
- two processes sharing a user profile silently lose PDFs, so every process gets its own profile
  (``-env:UserInstallation``); profiles are reused between runs under a lock (a fresh one costs ~0.4 s);
- LibreOffice can hang on a bad file: each batch has a timeout proportional to its size, the whole
  process group is killed, and the files left are retried one by one to name the culprit;
- nothing is written to the destination until every PDF of the call exists and looks complete.

Assembly merges PDFs with one bookmark per part, sets the metadata and can add an empty, named
signature field over the signer's block so the signer's own tool (USB token) signs in the right place.
pypdf is imported inside functions: the CLI starts faster.
"""

from __future__ import annotations

import contextlib
import glob
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import text
from .errors import ConversionError
from .messages import t
from .output import write_atomic

log = logging.getLogger(__name__)

SOFFICE_ENV = "DISPATCH_GEN_SOFFICE"  # explicit path to soffice, checked first
PROFILE_ENV = "DISPATCH_GEN_LO_PROFILES"  # folder for reusable LibreOffice profiles ("" = always fresh)
_KNOWN_LOCATIONS: tuple[str, ...] = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)
MAX_BATCH = 40  # files per LibreOffice process before it is restarted (memory, stuck state)
PARALLEL_MIN = 8  # from this many files, split the work over two processes
MAX_WORKERS = 2  # the measured win stops at two processes on two cores
_PROFILE_SLOTS = 4
CM = 72 / 2.54
SIG_WIDTH = 7 * CM  # the rectangle the signer's tool fills: ~7 cm × 2.5 cm
SIG_HEIGHT = 2.5 * CM
MIN_SIG_HEIGHT = 1 * CM  # a tighter signature space still gets a usable field


# --------------------------------------------------------------------------- finding LibreOffice


def find_soffice() -> str:
    """Return the LibreOffice ``soffice`` executable, or raise ConversionError saying what to install."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        raise ConversionError(t("pdf_soffice_env_bad", var=SOFFICE_ENV, path=explicit))
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in _KNOWN_LOCATIONS:
        for candidate in sorted(glob.glob(pattern)):
            if os.access(candidate, os.X_OK):
                return candidate
    raise ConversionError(t("pdf_soffice_missing", var=SOFFICE_ENV))


# --------------------------------------------------------------------------- conversion


@dataclass
class _Batch:
    """One LibreOffice run: its inputs, what came out, and whether it had to be killed."""

    sources: list[Path]
    done: dict[Path, Path] = field(default_factory=dict)
    hung: bool = False
    log_tail: str = ""

    @property
    def missing(self) -> list[Path]:
        return [s for s in self.sources if s not in self.done]


def _check_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Resolve inputs; refuse missing files and .docx files that are not zip packages.

    LibreOffice happily "converts" a damaged .docx as plain text, so the check has to be ours.
    """
    sources = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise ConversionError(t("pdf_source_missing", path=path))
        if path.suffix.lower() in (".docx", ".docm", ".dotx") and not zipfile.is_zipfile(path):
            raise ConversionError(t("pdf_source_not_docx", path=path))
        sources.append(path.resolve())
    return sources


def _plan_batches(sources: Sequence[Path], max_batch: int = MAX_BATCH) -> list[list[Path]]:
    """Split ``sources`` into batches for separate processes.

    A batch never holds two files with the same stem (LibreOffice writes ``<stem>.pdf`` into one
    folder), holds at most ``max_batch`` files, and a set of ``PARALLEL_MIN`` or more files is split
    in at least two batches so both cores work.
    """
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    count = max(1, -(-len(sources) // max_batch))
    if len(sources) >= PARALLEL_MIN and workers > 1:
        count = max(count, workers)
    size = -(-len(sources) // count)
    batches: list[list[Path]] = []
    for src in sources:
        home = next((b for b in batches if len(b) < size and all(s.stem != src.stem for s in b)), None)
        if home is None:
            batches.append([src])
        else:
            home.append(src)
    return batches


def _looks_complete(pdf: Path) -> bool:
    """A PDF LibreOffice finished writing starts with ``%PDF-`` and ends with ``%%EOF``."""
    try:
        with open(pdf, "rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, pdf.stat().st_size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def _profile_root() -> Path | None:
    """Folder holding reusable profiles, or None when profiles must be fresh each time."""
    configured = os.environ.get(PROFILE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "dispatch-gen" / "libreoffice"


@contextlib.contextmanager
def _profile(scratch: Path) -> Iterator[tuple[Path, bool]]:
    """Yield a LibreOffice profile folder no other process uses, and whether it is a reused one.

    A reused profile (under an exclusive ``flock``) saves ~0.4 s of start-up; when none can be
    locked (or on systems without ``fcntl``) a fresh one is made in ``scratch``.
    """
    root = _profile_root()
    try:
        import fcntl
    except ImportError:  # Windows
        root = None
    fd, slot = None, None
    if root is not None:
        with contextlib.suppress(OSError):
            root.mkdir(parents=True, exist_ok=True)
            for n in range(_PROFILE_SLOTS):
                candidate = os.open(root / f"profile-{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(candidate, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(candidate)
                    continue
                fd, slot = candidate, n
                break
    if fd is not None:
        try:
            yield root / f"profile-{slot}", True
        finally:
            os.close(fd)  # closing releases the lock
        return
    yield Path(tempfile.mkdtemp(prefix="profile-", dir=scratch)), False


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill LibreOffice with every process it started (oosplash → soffice.bin)."""
    with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, OSError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _run_batch(soffice: str, batch: _Batch, scratch: Path, timeout_per_file: float,
               live: set[subprocess.Popen]) -> _Batch:
    """Convert one batch in one ``soffice`` process into a private folder; never raises on a hang.

    ``live`` holds the running processes so an interrupted caller can kill them all: LibreOffice
    runs in its own session, out of reach of the terminal's Ctrl-C.
    """
    outdir = Path(tempfile.mkdtemp(prefix="out-", dir=scratch))
    log_path = outdir.with_suffix(".log")
    timeout = timeout_per_file * (len(batch.sources) + 1)  # +1: start-up
    with _profile(scratch) as (profile, reused), open(log_path, "wb") as log_fh:
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
               *map(str, batch.sources)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log_fh, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        except OSError as exc:
            raise ConversionError(t("pdf_start_failed", soffice=soffice, detail=exc.strerror or exc)) from exc
        live.add(proc)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            batch.hung = True
        finally:
            _kill_group(proc)  # the hung run, or stray children of a finished one
            live.discard(proc)
        for src in batch.sources:
            pdf = outdir / f"{src.stem}.pdf"
            if _looks_complete(pdf):
                batch.done[src] = pdf
        if reused and (batch.hung or not batch.done):  # a killed or failing run may spoil its profile
            shutil.rmtree(profile, ignore_errors=True)
    batch.log_tail = log_path.read_text("utf-8", "replace")[-400:].strip()
    log.debug("soffice %d files, %d done, hung=%s", len(batch.sources), len(batch.done), batch.hung)
    return batch


def _convert_all(sources: Sequence[Path], scratch: Path, timeout_per_file: float) -> dict[Path, Path]:
    """Convert every source; batches first, then whatever is left one by one to name a bad file."""
    soffice = find_soffice()
    batches = [_Batch(b) for b in _plan_batches(sources)]
    live: set[subprocess.Popen] = set()

    def run(batch: _Batch) -> _Batch:
        return _run_batch(soffice, batch, scratch, timeout_per_file, live)

    pool = ThreadPoolExecutor(max_workers=MAX_WORKERS) if len(batches) > 1 else None
    try:
        finished = list(pool.map(run, batches)) if pool else [run(batches[0])]
        produced = {src: pdf for b in finished for src, pdf in b.done.items()}
        for src in [s for s in sources if s not in produced]:
            single = run(_Batch([src]))
            if single.hung:
                raise ConversionError(t("pdf_timeout", path=src, seconds=round(timeout_per_file * 2)))
            if src not in single.done:
                detail = f" ({single.log_tail.splitlines()[-1]})" if single.log_tail else ""
                raise ConversionError(t("pdf_failed", path=src, detail=detail))
            produced[src] = single.done[src]
    except BaseException:  # Ctrl-C or an error: no LibreOffice is left running
        for proc in list(live):
            _kill_group(proc)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return produced


def convert(docx_paths: Iterable[str | Path], out_dir: str | Path | None = None,
            timeout_per_file: float = 60, signature: SignatureSpec | None = None) -> list[Path]:
    """Convert documents to PDF (``<stem>.pdf`` in ``out_dir``, or beside each file when None).

    All files are converted before any is written, each then atomically, so a failure (LibreOffice
    missing, hung, refusing a file) leaves no new or half-written PDF. With ``signature``, each PDF
    whose text holds the signer's lines gets an empty signature field (see ``add_signature_field``).
    """
    sources = _check_sources(docx_paths)
    targets = [(Path(out_dir) if out_dir is not None else s.parent) / f"{s.stem}.pdf" for s in sources]
    seen: set[Path] = set()
    for target in targets:
        if target.resolve() in seen:
            raise ConversionError(t("pdf_same_target", path=target))
        seen.add(target.resolve())
    if not sources:
        return []
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-pdf-") as scratch:
        produced = _convert_all(sources, Path(scratch), timeout_per_file)
        contents = []
        for src in sources:
            data = produced[src].read_bytes()
            if signature is not None:
                data = _signed_bytes(data, signature, src)
            contents.append(data)
    return [write_atomic(target, data) for target, data in zip(targets, contents, strict=True)]


def convert_beside(docx_paths: Iterable[str | Path], signature: SignatureSpec | None = None,
                   timeout_per_file: float = 60) -> list[Path]:
    """Write ``<stem>.pdf`` beside each document (the ``--pdf`` option of the document commands)."""
    return convert(docx_paths, None, timeout_per_file=timeout_per_file, signature=signature)


# --------------------------------------------------------------------------- signature field


@dataclass(frozen=True)
class SignatureSpec:
    """Where the signer signs: the lines above the signature (``TM. ỦY BAN NHÂN DÂN``, ``CHỦ TỊCH``).

    ``part``: index of the assembled part holding the signer's block; None = the first part whose
    text contains the lines. ``field_name`` is the name the signer's tool shows (no dots).
    """

    anchor_lines: tuple[str, ...]
    field_name: str = "ChuKy"
    part: int | None = None


def signature_for(case, signer_key: str | None = None) -> SignatureSpec:
    """The signature spec of a case's signer (default: the dispatch's): their block lines and a
    field named after the signer key, e.g. ``ChuKy_chu_tich``."""
    key = signer_key or case.dispatch.signer
    return SignatureSpec(tuple(case.signers[key].block_lines()), f"ChuKy_{key}")


@dataclass(frozen=True)
class SignaturePlacement:
    """Where a signature field was put: page index (0-based) and rectangle in PDF points."""

    field_name: str
    page_index: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    y: float
    size: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _text_width(s: str, size: float) -> float:
    """Rough advance width in Times/Liberation Serif: capitals are wider than small letters."""
    widths = [0.25 if c.isspace() else 0.68 if c.isupper() else 0.45 for c in s]
    return sum(widths) * size


def _page_lines(page) -> list[_Line]:
    """Text lines of a page with positions, from pypdf's extraction visitor.

    Fragments on the same baseline are joined only when they touch, so the two columns of the
    ND30 signature table (``Nơi nhận`` | signer) stay separate lines.
    """
    frags: list[tuple[float, float, float, str]] = []

    def visit(s, cm, tm, _font, size):
        if not s.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        frags.append((round(y, 1), x, size * scale, s.replace("\n", " ")))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for y, x, size, s in sorted(frags, key=lambda f: (-f[0], f[1])):
        last = lines[-1] if lines else None
        if last and abs(last.y - y) < 1.0 and x - last.x1 < 2 * size:
            lines[-1] = _Line(last.text + s, last.x0, max(last.x1, x + _text_width(s, size)), last.y, last.size)
        else:
            lines.append(_Line(s, x, x + _text_width(s, size), y, size))
    return lines


def _key(s: str) -> str:
    return "".join(text.upper_vi(s).split())


def _find_anchor(lines: list[_Line], anchors: Sequence[str]) -> list[_Line] | None:
    """The last run of lines (top to bottom, same column) that spells ``anchors``; wrapping allowed."""
    target = "".join(_key(a) for a in anchors)
    found = None
    for i, first in enumerate(lines):
        if not target.startswith(_key(first.text)):
            continue
        run, spelled = [first], _key(first.text)
        for line in lines[i + 1:]:
            if spelled == target or line.y < run[-1].y - 3 * line.size:
                break
            same_column = line.x0 < run[0].x1 and line.x1 > run[0].x0
            if same_column and target.startswith(spelled + _key(line.text)):
                run.append(line)
                spelled += _key(line.text)
        if spelled == target:
            found = run
    return found


def _signature_rect(page, run: list[_Line], lines: list[_Line]) -> tuple[float, float, float, float]:
    """A 7 × 2.5 cm box centred under the signer's title, kept inside the page and above the
    signer's name (the next line below in the same column), which must stay visible."""
    box = page.mediabox
    centre = sum(line.centre for line in run) / len(run)
    left = min(max(centre - SIG_WIDTH / 2, float(box.left)), float(box.right) - SIG_WIDTH)
    last = run[-1]
    top = last.y - 0.4 * last.size
    bottom = max(top - SIG_HEIGHT, float(box.bottom))
    below = [ln for ln in lines if ln.y < last.y - 0.5 * last.size and ln.x0 < left + SIG_WIDTH and ln.x1 > left]
    if below:
        name_top = max(ln.y + 0.8 * ln.size for ln in below) + 2
        bottom = max(bottom, min(name_top, top - MIN_SIG_HEIGHT))
    return (round(left, 2), round(bottom, 2), round(left + SIG_WIDTH, 2), round(top, 2))


def _place(pages, anchors: Sequence[str], page_range: range) -> tuple[int, tuple[float, ...]] | None:
    """Search ``page_range`` from its last page backwards (signatures end documents)."""
    for index in reversed(page_range):
        lines = _page_lines(pages[index])
        run = _find_anchor(lines, anchors)
        if run:
            return index, _signature_rect(pages[index], run, lines)
    return None


def _field_name(writer, wanted: str) -> str:
    """A field name without dots (they separate name parts) and unique in the document."""
    base = "_".join(wanted.replace(".", " ").split()) or "ChuKy"
    acro = writer.root_object.get("/AcroForm")
    taken = {str(f.get_object().get("/T")) for f in (acro.get_object().get("/Fields", []) if acro else [])}
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _add_field(writer, page_index: int, rect: Sequence[float], wanted: str) -> SignaturePlacement:
    """Add an empty signature widget (/FT /Sig) to a page and to /AcroForm /Fields, /SigFlags 1."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    name = _field_name(writer, wanted)
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    appearance = StreamObject()  # empty appearance: viewers draw nothing until it is signed
    appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                       NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                         FloatObject(width), FloatObject(height)])})
    appearance.set_data(b"")
    widget = writer.add_annotation(page_index, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"),
        NameObject("/T"): TextStringObject(name),
        NameObject("/F"): NumberObject(4),  # print
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
    }))
    root = writer.root_object
    if "/AcroForm" not in root:
        root[NameObject("/AcroForm")] = writer._add_object(DictionaryObject({NameObject("/Fields"): ArrayObject()}))
    acro = root["/AcroForm"].get_object()
    if "/Fields" not in acro:
        acro[NameObject("/Fields")] = ArrayObject()
    acro["/Fields"].get_object().append(widget.indirect_reference)
    acro[NameObject("/SigFlags")] = NumberObject(int(acro.get("/SigFlags", 0)) | 1)  # SignaturesExist
    return SignaturePlacement(name, page_index, tuple(float(v) for v in rect))


def _sign_writer(writer, spec: SignatureSpec, page_range: range, where: str | Path) -> SignaturePlacement | None:
    placed = _place(writer.pages, spec.anchor_lines, page_range)
    if placed is None:
        log.warning(t("pdf_signature_anchor_missing", path=where, anchor=" / ".join(spec.anchor_lines)))
        return None
    return _add_field(writer, placed[0], placed[1], spec.field_name)


def _signed_bytes(data: bytes, spec: SignatureSpec, where: str | Path) -> bytes:
    """``data`` (a PDF) with a signature field added when the signer's lines are found."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if _sign_writer(writer, spec, range(len(writer.pages)), where) is None:
        return data
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def add_signature_field(pdf_path: str | Path, anchor_lines: Sequence[str],
                        field_name: str = "ChuKy") -> SignaturePlacement | None:
    """Add an empty signature field under the signer's lines of a single PDF, rewriting it atomically.

    Returns where it went, or None (file unchanged, warning logged) when the lines are not found.
    """
    from pypdf import PdfReader, PdfWriter

    path = Path(pdf_path)
    writer = PdfWriter(clone_from=_read_pdf(path, PdfReader))
    placed = _sign_writer(writer, SignatureSpec(tuple(anchor_lines), field_name), range(len(writer.pages)), path)
    if placed is not None:
        buf = io.BytesIO()
        writer.write(buf)
        write_atomic(path, buf.getvalue())
    return placed


# --------------------------------------------------------------------------- assembly


def _read_pdf(path: Path, reader_cls):
    """Open a PDF with pypdf, turning its errors into a ConversionError naming the file."""
    from pypdf.errors import PdfReadError

    try:
        return reader_cls(path)
    except (PdfReadError, OSError, ValueError) as exc:
        raise ConversionError(t("pdf_read_failed", path=path, detail=exc)) from exc


def _drop_empty_signature_fields(writer, pages: range) -> None:
    """Remove the parts' own unsigned signature fields: the package gets one field of its own, and
    two fields with one name would confuse the signer's tool."""
    dropped: set[int] = set()
    for index in pages:
        page = writer.pages[index]
        annots = page.get("/Annots")
        if not annots:
            continue
        annots = annots.get_object()
        for ref in list(annots):
            annot = ref.get_object()
            if annot.get("/FT") == "/Sig" and "/V" not in annot:
                annots.remove(ref)
                dropped.add(ref.idnum)
    acro = writer.root_object.get("/AcroForm")
    if dropped and acro is not None:
        fields = acro.get_object().get("/Fields")
        if fields is not None:
            fields = fields.get_object()
            for ref in [f for f in fields if f.idnum in dropped]:
                fields.remove(ref)


def assemble(parts: Sequence[tuple[str, Path]], out: str | Path, title: str, author: str, subject: str = "",
             signature: SignatureSpec | None = None) -> Path:
    """Merge PDFs into ``out``: one bookmark per part (its label), metadata, optional signature field.

    The metadata names the agency as author so archives and e-office systems file it correctly;
    the document opens with the bookmarks shown and its title (not the file name) in the title bar.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    if not parts:
        raise ConversionError(t("pdf_no_parts"))
    writer = PdfWriter()
    starts: list[int] = []
    for label, path in parts:
        reader = _read_pdf(Path(path), PdfReader)
        starts.append(len(writer.pages))
        writer.append(reader, import_outline=False)
        _drop_empty_signature_fields(writer, range(starts[-1], len(writer.pages)))
        writer.add_outline_item(title=text.nfc(label), page_number=starts[-1])
    starts.append(len(writer.pages))
    writer.add_metadata({"/Title": text.nfc(title), "/Author": text.nfc(author),
                         "/Subject": text.nfc(subject), "/Creator": "dispatch-gen"})
    writer.page_mode = "/UseOutlines"
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("vi-VN")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if signature is not None:
        order = [signature.part] if signature.part is not None else range(len(parts))
        for i in order:
            pages = range(starts[i], starts[i + 1])
            if _place(writer.pages, signature.anchor_lines, pages) is not None:
                _sign_writer(writer, signature, pages, out)
                break
        else:
            log.warning(t("pdf_signature_anchor_missing", path=out, anchor=" / ".join(signature.anchor_lines)))
    buf = io.BytesIO()
    writer.write(buf)
    return write_atomic(Path(out), buf.getvalue())


def _info(path: Path) -> tuple[str | None, str | None]:
    """The /Title and /Author a PDF carries (LibreOffice copies them from the .docx properties)."""
    from pypdf import PdfReader

    meta = _read_pdf(path, PdfReader).metadata or {}
    title, author = meta.get("/Title"), meta.get("/Author")
    return (text.nfc(str(title)).strip() or None if title else None,
            text.nfc(str(author)).strip() or None if author else None)


def _label(title: str | None, stem: str, repeated: bool) -> str:
    """A bookmark label: the document title, with the file name when several parts share it
    (every village's form has the same title), else the file name alone."""
    if not title:
        return stem
    return f"{title} ({stem})" if repeated else title


def build_pdf(files: Sequence[str | Path], out: str | Path, *, title: str | None = None,
              author: str | None = None, subject: str | None = None,
              signature: SignatureSpec | None = None, timeout_per_file: float = 60) -> Path:
    """The ``pdf`` command: convert the documents among ``files`` (PDFs are taken as they are) and
    assemble them in the given order.

    Bookmarks carry each file's document title (the .docx title property, which LibreOffice keeps;
    with the file name added when titles repeat), else its file name; title and author default to
    the first part's.
    """
    paths = [Path(f) for f in files]
    if not paths:
        raise ConversionError(t("pdf_no_parts"))
    office = [p for p in paths if p.suffix.lower() != ".pdf"]
    for p in paths:
        if not p.is_file():
            raise ConversionError(t("pdf_source_missing", path=p))
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-pdf-") as scratch:
        sources = _check_sources(office)
        produced = _convert_all(sources, Path(scratch), timeout_per_file) if sources else {}
        by_input = dict(zip(office, (produced[s] for s in sources), strict=True))
        pdfs = [by_input.get(p, p) for p in paths]
        infos = [_info(p) for p in pdfs]
        titles = [info[0] for info in infos]
        parts = [(_label(title, p.stem, titles.count(title) > 1), pdf)
                 for p, pdf, title in zip(paths, pdfs, titles, strict=True)]
        return assemble(parts, out, title=title or titles[0] or paths[0].stem, author=author or infos[0][1] or "",
                        subject=subject or "", signature=signature)

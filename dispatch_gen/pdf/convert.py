"""PDF stage: LibreOffice headless conversion (the package's only subprocess call) and the ``pdf`` command.

Why it is shaped this way (measured on 2 vCPU, LibreOffice 7.4, see shared/forms.md):
- one ``soffice`` process per file costs ~0.84 s; one process given 20 files ~0.11 s each, so files are
  converted in batches, and a large set in two processes at once (~0.072 s/file);
- two processes sharing a user profile silently lose PDFs, so every process gets its own profile
  (``-env:UserInstallation``); profiles are reused between runs under a lock (a fresh one costs ~0.4 s);
- LibreOffice can hang on a bad file: each batch has a timeout proportional to its size, the whole
  process group is killed, and the files left are retried one by one to name the culprit;
- nothing is written to the destination until every PDF of the call exists and looks complete.

Assembly (bookmarks, metadata) and the empty signature field live in ``pdf.assemble``, the pypdf
module; their public names are re-exported here so callers keep importing the stage from ``pdf``.
"""

from __future__ import annotations

import contextlib
import glob
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
from typing import TYPE_CHECKING

from ..errors import ConversionError
from ..messages import os_reason, t
from ..output import write_atomic
from ..word.heading import heading
from .assemble import (
    SignaturePlacement,
    SignatureSpec,
    add_signature_field,
    add_signer_field,
    assemble,
    assemble_documents,
    signature_for,
    signatures_for,
    signed_bytes,
)

if TYPE_CHECKING:
    from ..workspace import OpenedCase

__all__ = [
    "SignaturePlacement", "SignatureSpec", "add_signature_field", "add_signer_field", "assemble", "build_pdf", "convert",
    "convert_beside", "find_soffice", "signature_for", "signatures_for",
]

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
            raise ConversionError(t("pdf_start_failed", soffice=soffice, detail=os_reason(exc))) from exc
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
                data = signed_bytes(data, signature, src)
            contents.append(data)
    return [write_atomic(target, data) for target, data in zip(targets, contents, strict=True)]


def convert_beside(docx_paths: Iterable[str | Path], signature: SignatureSpec | None = None,
                   timeout_per_file: float = 60) -> list[Path]:
    """Write ``<stem>.pdf`` beside each document (the ``--pdf`` option of the document commands)."""
    return convert(docx_paths, None, timeout_per_file=timeout_per_file, signature=signature)


def build_pdf(files: Sequence[str | Path], out: str | Path, *, title: str | None = None,
              subject: str | None = None, opened: OpenedCase | None = None,
              signature: SignatureSpec | None = None, timeout_per_file: float = 60) -> Path:
    """The ``pdf`` command: convert the documents among ``files`` (PDFs are taken as they are) and
    assemble them in the given order. With the opened case (``--case``): its agency is the author and
    every signer's block gets a signature field.

    Bookmarks carry each file's document title (the .docx title property, which LibreOffice keeps;
    with the file name added when titles repeat), else its file name; title and author default to
    the first part's.
    """
    author = opened.case.agency.full_name if opened else None
    signers = signatures_for(opened.case) if opened else ()
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
        headings = [heading(p.read_bytes()) if p in by_input else None for p in paths]
        return assemble_documents(paths, pdfs, out, title=title, author=author, subject=subject,
                                  signature=signature, headings=headings, signers=signers)


# --- page images (issue 14: the web app's preview)


def page_images(pdf: str | Path, resolution: int = 60, max_pages: int = 12, timeout: float = 120) -> list[bytes]:
    """PNG images of the first ``max_pages`` pages of ``pdf`` (poppler's ``pdftoppm``), in page order."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ConversionError(t("preview_no_poppler"))
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-preview-") as scratch:
        cmd = [exe, "-r", str(resolution), "-png", "-l", str(max_pages), str(pdf), str(Path(scratch) / "p")]
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise ConversionError(t("preview_failed", path=pdf, detail=type(exc).__name__)) from exc
        pages = sorted(Path(scratch).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [p.read_bytes() for p in pages]


def preview(document: str | Path, max_pages: int = 12) -> list[bytes]:
    """Page images of a .docx (converted in a scratch folder: nothing is written beside it) or a PDF."""
    document = Path(document)
    if document.suffix.lower() == ".pdf":
        return page_images(document, max_pages=max_pages)
    with tempfile.TemporaryDirectory(prefix="dispatch-gen-preview-") as scratch:
        (pdf,) = convert([document], scratch)
        return page_images(pdf, max_pages=max_pages)

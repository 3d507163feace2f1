"""The one writer: atomic writes (temp file, then rename) that stay inside the chosen folder.

Nothing else in the package opens files for writing. A crash leaves either the old file or the new
one, never half of one; a path that would escape its folder or overwrite a protected file (a received
submission) is refused.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import OutputError
from .messages import os_reason, t

_PROTECTED_MARK = ".dispatch-gen"  # case state folder: received originals live below <it>/archive


SUFFIX_KINDS = {".docx": "output_kind_docx", ".pdf": "output_kind_pdf", ".json": "output_kind_json",
                ".xlsx": "output_kind_xlsx"}


def require_suffix(path: Path, allowed: tuple[str, ...]) -> Path:
    """Refuse an output name whose extension is not what the command writes (issue 13).

    ``report -o bao-cao.pdf`` once wrote a Word file named .pdf over the real PDF; the name must say
    what the file is, so Word, a PDF reader and the clerk all open it the right way.
    """
    suffix = Path(path).suffix.lower()
    if suffix in allowed:
        return Path(path)
    kinds = " / ".join(t(SUFFIX_KINDS[s]) for s in allowed)
    hint = t("output_pdf_hint") if suffix == ".pdf" and ".docx" in allowed else ""
    raise OutputError(f"{path}: " + t("output_wrong_suffix", kinds=kinds, suffixes=" / ".join(allowed),
                                      suffix=suffix or t("output_no_suffix")) + hint)


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as a folder, with a clear error when a parent is a file."""
    for parent in [path, *path.parents]:
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"{path}: " + t("output_parent_not_dir", parent=parent))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    return path


def _refuse_archive(path: Path) -> None:
    """Refuse a target inside a case's state folder, or one that is not a regular file (issue 16).

    The state folder holds the store (register, answers) and the received originals: no output
    may land there, whatever ``-o`` says. A device, FIFO, socket or folder is never replaced by a
    regular file (as root, ``-o /dev/null`` would otherwise delete the system's /dev/null).
    """
    if any(p.lower() == _PROTECTED_MARK for p in path.resolve().parts):  # Windows: names ignore case
        raise OutputError(f"{path}: " + t("output_state"))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # does not exist (yet): a new regular file
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}: " + t("output_not_regular"))


def _temp_prefix(path: Path) -> str:
    """``.<name>.`` for a temp file beside ``path``, cut so the temp name stays a legal name.

    A file name may use 255 bytes; mkstemp adds 8 random characters and the suffix, so a long
    (legal) output name must not be copied whole into its temp name.
    """
    name = path.name.encode("utf-8", "surrogateescape")[:120].decode("utf-8", "ignore")
    return f".{name}."


def _temp_suffix(path: Path, suffix: str | None = None) -> str:
    suffix = suffix or path.suffix or ".tmp"
    return suffix if len(suffix.encode("utf-8", "surrogateescape")) <= 16 else ".tmp"


# Digests of the bytes this process put at each path, for callers that must record exactly what
# they wrote (the register: hashing the path after the rename could hash another program's file).
_WRITTEN: contextvars.ContextVar[dict[Path, str] | None] = contextvars.ContextVar("written", default=None)


@contextlib.contextmanager
def recording_writes() -> Iterator[dict[Path, str]]:
    """Collect ``{resolved path: sha256 of the bytes written there}`` for writes inside the block."""
    seen: dict[Path, str] = {}
    token = _WRITTEN.set(seen)
    try:
        yield seen
    finally:
        _WRITTEN.reset(token)


def _record(path: Path, digest: str) -> None:
    seen = _WRITTEN.get()
    if seen is not None:
        seen[path.resolve()] = digest


def _file_digest(fh) -> str:
    fh.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1 << 16), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _current_umask() -> int:
    """The process umask (read once, at import: reading it means setting it for a moment)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()  # what ``open()`` would give a new file


def _mkstemp(path: Path, suffix: str) -> tuple[int, str]:
    """A temp file beside ``path`` that becomes ``path``, with the mode ``open()`` would give it.

    ``mkstemp`` makes files 0600; once renamed or linked into place they would be the only
    documents on the machine another account (a web server, a shared folder) cannot read.
    """
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=suffix, dir=path.parent)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, _FILE_MODE)
        except OSError:
            os.close(fd)
            os.unlink(tmp)
            raise
    return fd, tmp


@contextlib.contextmanager
def atomic_path(path: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temp path beside ``path``; on success it replaces ``path`` in one rename.

    For writers that need a file name (python-docx, docxtpl, LibreOffice). On error the temp file
    is removed and ``path`` is untouched.
    """
    path = Path(path)
    ensure_dir(path.parent)
    _refuse_archive(path)
    fd, tmp = _mkstemp(path, _temp_suffix(path, suffix))
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
            digest = _file_digest(fh) if _WRITTEN.get() is not None else ""
        _refuse_archive(path)  # checked again: something may have appeared there meanwhile
        os.replace(tmp_path, path)
        if digest:
            _record(path, digest)
    except OSError as exc:  # a full disk, a quota, a name the filesystem refuses: one clear line
        tmp_path.unlink(missing_ok=True)
        raise OutputError(f"{path}: " + t("output_unwritable", detail=exc.strerror or exc)) from exc
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    return path


def write_atomic_many(items: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """``write_atomic`` for a batch: every temp file is written, then all synced, then all renamed.

    Same guarantee per file (its bytes are on disk before its name points at them), but the
    filesystem commits its journal once per batch instead of once per file (ext4: ~1.5 ms → ~0.15 ms
    per file). Keep batches modest (one open file each). On error no temp file is left; files
    already renamed stay (each is complete).
    """
    pending: list[tuple[Path, Path, object]] = []
    try:
        for path, data in items:
            path = Path(path)
            ensure_dir(path.parent)
            _refuse_archive(path)
            fd, tmp = _mkstemp(path, _temp_suffix(path))
            fh = os.fdopen(fd, "wb")
            pending.append((path, Path(tmp), fh))
            fh.write(data)
        for _, _, fh in pending:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        for path, tmp, _ in pending:
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{pending[-1][0] if pending else ''}: "
                          + t("output_unwritable", detail=os_reason(exc))) from exc
    finally:
        for _, tmp, fh in pending:
            fh.close()
            tmp.unlink(missing_ok=True)
    return [path for path, _, _ in pending]


def write_new(path: str | Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` only if it does not exist yet; return False if it already did.

    For evidence (received originals): the bytes go to a synced temp file that is then hard-linked
    into place, which fails when the name exists. Two processes archiving at once never replace
    each other's file, and a crash leaves no half-written file under the final name.
    """
    path = Path(path)
    ensure_dir(path.parent)
    fd, tmp = _mkstemp(path, ".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


def publish_new(tmp: str | Path, path: str | Path) -> bool:
    """Give the complete file ``tmp`` the name ``path`` unless that name exists; return whether it did.

    For a file another library built under a private name (the SQLite store): a hard link never
    replaces anything, so when two processes publish at once exactly one wins and the other keeps
    using the winner's file. The caller removes ``tmp``.
    """
    path = Path(path)
    try:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=exc.strerror or exc)) from exc
    _sync_dir(path.parent)
    return True


def write_new_many(items: Iterable[tuple[Path, bytes]]) -> list[bool]:
    """``write_new`` for a batch; return, per item, whether it was created (False: the name existed).

    Every temp file is written, then all synced, then each hard-linked into place (never replacing
    anything), the temps removed, and finally every folder that changed is synced once — so when
    this returns, each created file's bytes AND its name are on disk. That is what lets a caller
    record rows pointing at these files afterwards: a crash before the rows leaves, at worst,
    files nothing points at. One disk sync per batch instead of one per file.
    """
    pending: list[tuple[Path, Path, int]] = []
    created: list[bool] = []
    folders: dict[Path, None] = {}
    path = Path()
    try:
        for path, data in items:
            path = Path(path)
            if path.parent not in folders:
                if _make_folder(path.parent):
                    folders[path.parent.parent] = None  # its new entry must reach the disk too
                folders[path.parent] = None
            fd, tmp = _mkstemp(path, ".tmp")
            pending.append((path, Path(tmp), fd))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        _fsync_all([fd for _, _, fd in pending])
        for path, tmp, _ in pending:
            try:
                os.link(tmp, path)
                created.append(True)
            except FileExistsError:
                created.append(False)
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    finally:
        for _, tmp, fd in pending:
            os.close(fd)
            tmp.unlink(missing_ok=True)
    _concurrently(_sync_dir, list(folders))  # the new names (and the removed temps) reach the disk
    return created


_SYNC_THREADS = 16
_SYNCERS: contextvars.ContextVar[Any] = contextvars.ContextVar("syncers", default=None)


@contextlib.contextmanager
def sync_threads() -> Iterator[None]:
    """Share one set of sync threads among every batch written inside (a collect run).

    Starting 16 threads for each of a batch's two sync rounds cost more CPU than the syncs
    themselves (issue 11, profiled). Threads start on first use and stop when the block ends, so
    none is running when a caller forks before its first write (collect's readers).
    """
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=_SYNC_THREADS, thread_name_prefix="dg-sync")
    token = _SYNCERS.set(pool)
    try:
        yield
    finally:
        _SYNCERS.reset(token)
        pool.shutdown(wait=True)


def _concurrently(action, items: list) -> None:
    """``action`` on every item from a few threads at once, re-raising the first error.

    Concurrent fsyncs on one filesystem share journal commits (ext4 groups them): 64 new archive
    files and their folders sync in ~0.3 ms each instead of ~5–9 ms one after the other (issue 11,
    measured). Each item is still synced before this returns: the guarantee is unchanged.
    """
    if len(items) <= 1:
        for item in items:
            action(item)
        return
    from concurrent.futures import ThreadPoolExecutor

    shared = _SYNCERS.get()
    with contextlib.nullcontext(shared) if shared else ThreadPoolExecutor(min(_SYNC_THREADS, len(items))) as pool:
        for future in [pool.submit(action, item) for item in items]:
            future.result()


def _fsync_all(fds: list[int]) -> None:
    _concurrently(os.fsync, fds)


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` if missing (one system call when its parent exists); True if created now."""
    try:
        os.mkdir(folder)
        return True
    except FileExistsError:
        if folder.is_dir():
            return False
    except OSError:
        pass
    existed = folder.is_dir()
    ensure_dir(folder)  # missing parents, or the clear message when something is in the way
    return not existed


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # a platform that cannot open folders (Windows): names are journalled with the data
    try:
        os.fsync(fd)
    except OSError as exc:
        raise OutputError(f"{folder}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    finally:
        os.close(fd)


def inside(base: str | Path, *parts: str) -> Path:
    """Join ``parts`` under ``base`` and refuse any result outside it (``..``, absolute paths)."""
    base_path = Path(base).resolve()
    target = base_path.joinpath(*parts).resolve()
    if target != base_path and base_path not in target.parents:
        raise OutputError(t("output_outside", path=target))
    return target


def inside_resolved(folder: Path, name: str) -> Path:
    """``inside(folder, name)`` for a ``folder`` that is already resolved and one plain name.

    Only a symlink (or a name that is not one plain component) can lead outside, so only then is
    the path resolved: one ``lstat`` instead of a walk over every component (issue 11: collect
    speed; the archive takes this path twice per received file). The result is ``inside``'s.
    """
    if not name or name in (".", "..") or any(c in name for c in "/\\\0"):
        return inside(folder, name)
    path = folder / name
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return inside(folder, name)
    except OSError:
        pass  # missing: created later, as a plain name under ``folder``
    return path


def publish_folder(staging: Path, target: Path) -> Path:
    """Move a fully written folder to its final name in one rename; refuse when the name exists."""
    if target.exists():
        raise OutputError(f"{target}: " + t("init_not_empty"))
    try:
        staging.rename(target)
    except OSError as exc:
        raise OutputError(f"{target}: " + t("output_unwritable", detail=exc.strerror or exc)) from exc
    return target


def remove_staged(folder: Path) -> None:
    """Remove a staging folder this process wrote (a refused new case): files first, then folders."""
    for p in sorted(folder.rglob("*"), reverse=True):
        p.rmdir() if p.is_dir() else p.unlink()
    folder.rmdir()


def append_line(path: str | Path, line: bytes) -> None:
    """Append one complete line to ``path`` (created if missing) and sync it to disk.

    For the register's journal beside the store (workspace branch): what earlier runs appended is
    never rewritten, so restoring an older copy of the store cannot take those lines back with it.
    A device, FIFO or folder at ``path`` is refused, never written to.
    """
    path = Path(path)
    ensure_dir(path.parent)
    if path.exists() and not path.is_file():
        raise OutputError(f"{path}: " + t("output_not_regular"))
    created = not path.exists()
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)  # the umask applies, as for every file written here
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(f"{path}: " + t("output_unwritable", detail=os_reason(exc))) from exc
    if created:
        _sync_dir(path.parent)


# --- derived caches (the web preview's page images): the one place a case's state folder takes
# files that are not evidence. An entry is a folder named by a hex key (the source's SHA-256), written
# under a private name and renamed whole, so a reader sees all of it or nothing; at most ``keep``
# entries stay (least recently used dropped), so the cache never grows without bound.

CACHE_PART = "p-{n}.bin"


def _cache_entry(folder: Path, key: str) -> Path:
    if not key or any(c not in "0123456789abcdef-" for c in key):
        raise OutputError(t("output_outside", path=key))
    return Path(folder) / key


def read_cache(folder: str | Path, key: str) -> list[bytes] | None:
    """The parts stored under ``key``, in order, or None when there is no entry (or it is unreadable).

    A hit marks the entry as recently used, so ``write_cache`` drops it last.
    """
    entry = _cache_entry(Path(folder), key)
    try:
        count = len(list(entry.iterdir()))
        parts = [(entry / CACHE_PART.format(n=n)).read_bytes() for n in range(1, count + 1)]
        os.utime(entry)
    except OSError:
        return None
    return parts


def write_cache(folder: str | Path, key: str, parts: list[bytes], keep: int) -> Path | None:
    """Store ``parts`` under ``key`` and drop the least recently used entries beyond ``keep``.

    Returns the entry, or None when the cache cannot be written (a read-only case): a cache is
    never a reason to fail. Two processes writing the same key at once both succeed (one rename wins).
    """
    folder = Path(folder)
    entry = _cache_entry(folder, key)
    try:
        ensure_dir(folder)
        staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder))
        try:
            for n, data in enumerate(parts, start=1):
                (staging / CACHE_PART.format(n=n)).write_bytes(data)
            os.rename(staging, entry)
        except OSError:
            if not entry.is_dir():
                raise
        finally:
            if staging.exists():
                remove_staged(staging)
        _prune(folder, keep)
    except (OSError, OutputError):
        return None
    return entry


def _prune(folder: Path, keep: int, stale_staging: float = 600) -> None:
    """Remove all but the ``keep`` most recently used entries, and staging folders a crash left
    (older than ``stale_staging`` seconds: a younger one may be another process's write)."""
    import time

    ages: dict[Path, float] = {}
    for p in folder.iterdir():
        with contextlib.suppress(OSError):  # another process may be pruning too
            if p.is_dir():
                ages[p] = p.stat().st_mtime
    entries = sorted((p for p in ages if not p.name.startswith(".")), key=ages.__getitem__, reverse=True)
    stale = [p for p in ages if p.name.startswith(".") and time.time() - ages[p] > stale_staging]
    for p in entries[keep:] + stale:
        with contextlib.suppress(OSError):
            remove_staged(p)


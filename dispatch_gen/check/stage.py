"""Stage ``check``: ND30 conformance of any .docx, one ``Violation`` per thing wrong.

Covers the machine-checkable rules of shared/nd30.md §17 that apply to a single .docx. The work is
split by what it does: ``word.inspect`` reads the XML into a model with effective formatting,
``locate`` finds the ND30 elements and the document's kind, ``rules`` holds one small
function per §17 rule, ``findings`` phrases what is wrong. This module is the stage API the
CLI calls: check a model, a file, or many files at once.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..container import ContainerError, read_regular, repack, visible_files
from ..errors import FormReadError, OutputError
from ..messages import os_reason, t
from ..text import printable
from ..word.inspect import DocModel, UnreadableDocx, read_docx
from .findings import Violation
from .locate import COMMON, Doc, locate
from .rules import RULES

__all__ = ["CheckReport", "Doc", "Violation", "check_docx", "check_files", "check_model", "locate", "read_docx"]

log = logging.getLogger(__name__)


def check_model(model: DocModel) -> list[Violation]:
    """Every violation of the rules that fit the document's kind, in rule order."""
    return _check(model)[1]


def _check(model: DocModel) -> tuple[str, list[Violation]]:
    doc = locate(model)
    out: list[Violation] = []
    for rule, kinds in RULES:
        if COMMON in kinds or doc.kind in kinds:
            out.extend(rule(doc))
    return doc.kind_label or t("check_kind_other"), out


def _read(path: str | Path) -> DocModel:
    """The document's model, read through ``container.repack`` first (issue 16): every part is
    inflated in chunks within the bounds, so python-docx never inflates a hostile part itself."""
    try:
        return read_docx(io.BytesIO(_bounded_package(Path(path))))
    except (UnreadableDocx, ContainerError, OSError) as exc:
        raise FormReadError(f"{printable(str(path))}: " + t("check_unreadable", detail=_reason(exc))) from exc


def _reason(exc: Exception) -> str:
    """Why a file is no .docx, in the clerk's words (zipfile's and python-docx's English stayed in)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, ContainerError):
        return t("collect_zip_bomb") if exc.kind == "too_big" else t("collect_zip_broken")
    return t("collect_not_docx")


MAX_CHECK_FILE = 100 * 1024 * 1024  # a Word file to check (documents with pictures: a few MB)
MAX_CHECK_PART = 64 * 1024 * 1024  # one part once inflated (a 1 GB theme part is refused)
MAX_CHECK_TOTAL = 256 * 1024 * 1024  # all parts once inflated


def check_docx(path: str | Path) -> list[Violation]:
    """Check one .docx; raise ``FormReadError`` when it cannot be read as a Word document."""
    violations = check_model(_read(path))
    log.info("%s: %d", path, len(violations))
    return violations


@dataclass
class CheckReport:
    """Violations per file, the kind recognised in each file, and files that could not be read."""

    violations: list[tuple[Path, Violation]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    kinds: dict[Path, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations and not self.unreadable


def documents(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: a folder stands for its ``.docx`` files (any depth, by name), without
    Word's lock files (``~$…``) and hidden files; a folder holding none stays itself (its reason is said)."""
    found: list[Path] = []
    for path in map(Path, paths):
        inside = [p for p in visible_files(path) if p.suffix.lower() == ".docx"] if path.is_dir() else []
        found.extend(inside or [path])
    return list(dict.fromkeys(found))


def check_files(paths: Iterable[str | Path]) -> CheckReport:
    """Check every file, collecting violations and unreadable files instead of stopping at the first."""
    report = CheckReport()
    for path in map(Path, paths):
        if path.is_dir():
            report.unreadable.append((path, f"{printable(str(path))}: " + t("check_no_docx_in_folder")))
            continue
        try:
            kind, violations = _check(_read(path))
        except FormReadError as exc:
            report.unreadable.append((path, str(exc)))
            continue
        except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - one bad file never stops the run
            log.debug("check failed", exc_info=True)
            report.unreadable.append((path, f"{printable(str(path))}: " + t("check_unreadable", detail=type(exc).__name__)))
            continue
        report.kinds[path] = kind
        report.violations += [(path, v) for v in violations]
    return report


def fix_files(paths: Iterable[str | Path], output: str | Path | None = None) -> list[Path]:
    """Write a fixed copy of every file (``<name>.fixed.docx`` beside it, or ``output`` for one file)
    and return their paths; an original is never written to."""
    from ..output import require_suffix, write_atomic
    from .fix import fixed_bytes, fixed_name

    paths = [Path(p) for p in paths]
    if output is not None and len(paths) != 1:
        raise OutputError(t("check_fix_one_output"))
    out = []
    for path in paths:
        target = require_suffix(Path(output), (".docx",)) if output is not None else fixed_name(path)
        if target.exists() and path.exists() and target.resolve() == path.resolve():
            raise OutputError(t("check_fix_same", file=printable(str(path))))
        _read(path)  # a readable .docx, or a FormReadError naming it
        out.append(write_atomic(target, fixed_bytes(_bounded_package(path))))
    return out


def _bounded_package(path: Path) -> bytes:
    """The file's package rebuilt from members read within the bounds (``container.repack``)."""
    data = read_regular(path, MAX_CHECK_FILE)  # OSError: said by ``_reason`` (missing file, folder…)
    if len(data) > MAX_CHECK_FILE:
        raise ContainerError("too_big", path.name)
    return repack(data, MAX_CHECK_PART, MAX_CHECK_TOTAL)

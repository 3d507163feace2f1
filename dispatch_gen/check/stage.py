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

from ..container import ContainerError, read_regular, repack
from ..errors import FormReadError
from ..messages import t
from ..text import printable
from ..word.inspect import DocModel, UnreadableDocx, read_docx
from .findings import Violation
from .locate import COMMON, Doc, locate
from .rules import RULES

__all__ = ["CheckReport", "Doc", "Violation", "check_docx", "check_files", "check_model", "locate", "read_docx"]

log = logging.getLogger(__name__)


def check_model(model: DocModel) -> list[Violation]:
    """Every violation of the rules that fit the document's kind, in rule order."""
    doc = locate(model)
    out: list[Violation] = []
    for rule, kinds in RULES:
        if COMMON in kinds or doc.kind in kinds:
            out.extend(rule(doc))
    return out


MAX_CHECK_FILE = 100 * 1024 * 1024  # a Word file to check (documents with pictures: a few MB)
MAX_CHECK_PART = 64 * 1024 * 1024  # one part once inflated (a 1 GB theme part is refused)
MAX_CHECK_TOTAL = 256 * 1024 * 1024  # all parts once inflated


def check_docx(path: str | Path) -> list[Violation]:
    """Check one .docx; raise ``FormReadError`` when it cannot be read as a Word document.

    The package is read through ``container.repack`` first (issue 16): every part inflated in
    chunks within the bounds, so python-docx never inflates a hostile part itself.
    """
    try:
        model = read_docx(io.BytesIO(_bounded_package(Path(path))))
    except (UnreadableDocx, ContainerError) as exc:
        detail = exc.detail if isinstance(exc, ContainerError) else str(exc)
        raise FormReadError(f"{printable(str(path))}: " + t("check_unreadable", detail=printable(detail, 200))) from exc
    violations = check_model(model)
    log.info("%s: %d", path, len(violations))
    return violations


@dataclass
class CheckReport:
    """Violations per file and files that could not be read (their messages)."""

    violations: list[tuple[Path, Violation]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and not self.unreadable


def check_files(paths: Iterable[str | Path]) -> CheckReport:
    """Check every file, collecting violations and unreadable files instead of stopping at the first."""
    report = CheckReport()
    for path in map(Path, paths):
        try:
            report.violations += [(path, v) for v in check_docx(path)]
        except FormReadError as exc:
            report.unreadable.append((path, str(exc)))
        except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - one bad file never stops the run
            log.debug("check failed", exc_info=True)
            report.unreadable.append((path, f"{printable(str(path))}: " + t("check_unreadable", detail=type(exc).__name__)))
    return report


def _bounded_package(path: Path) -> bytes:
    """The file's package rebuilt from members read within the bounds (``container.repack``)."""
    try:
        data = read_regular(path, MAX_CHECK_FILE)
    except OSError as exc:
        raise ContainerError("broken", exc.strerror or str(exc)) from None
    if len(data) > MAX_CHECK_FILE:
        raise ContainerError("too_big", path.name)
    return repack(data, MAX_CHECK_PART, MAX_CHECK_TOTAL)

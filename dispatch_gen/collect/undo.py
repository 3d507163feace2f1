"""``collect --undo FILE|UNIT``: withdraw mistaken receipts, keeping every trace of them.

A file (or every file of a folder) is found by its SHA-256, a unit by its code (its current form).
The store keeps the row, its answers and the archived original; the row is marked withdrawn with
when and what it was (``Store.submission_withdraw``), and the unit's previous form, if any, becomes
current again. Nothing the officer sent is deleted, and a withdrawn file can be collected again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..case.models import Case, expected_units
from ..messages import t
from .receive import MAX_FILE_BYTES

if TYPE_CHECKING:
    from ..workspace import OpenedCase

log = logging.getLogger(__name__)


@dataclass
class UndoResult:
    """What ``undo`` withdrew, and the targets that named nothing to withdraw."""

    withdrawn: list[dict] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


def _sha_of(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest() if len(data) <= MAX_FILE_BYTES else None


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _live(row: dict) -> bool:
    """A receipt that can be withdrawn: a form taken, or a blank form recorded; never twice."""
    return not row.get("withdrawn_at") and (row["status"] != "rejected" or row.get("submission") == "empty")


def find_targets(case: Case, rows: list[dict], target: str) -> list[dict] | None:
    """The rows ``target`` names (a file or folder by content, a unit by code); None: names nothing known."""
    path = Path(target)
    if path.exists():
        shas = {s for s in (_sha_of(p) for p in _files(path)) if s}
        return [r for r in rows if r["sha256"] in shas and _live(r)]
    if target in {u.code for u in expected_units(case)}:
        return [r for r in rows if r["unit"] == target and r["status"] == "accepted" and _live(r)]
    return None


def undo(opened: OpenedCase, targets: list[str]) -> UndoResult:
    """Withdraw the receipts ``targets`` name from the opened case's store, in one transaction."""
    result = UndoResult()
    with opened.store() as db:
        rows = db.submissions()
        ids: list[int] = []
        for target in targets:
            found = find_targets(opened.case, rows, target)
            if not found:
                result.not_found.append(target)
                continue
            ids += [r["id"] for r in found if r["id"] not in ids]
        if ids:
            result.withdrawn = db.submission_withdraw(ids, t("undo_reason"))
    return result


def undo_lines(case: Case, result: UndoResult) -> list[str]:
    """One line per withdrawn receipt (the archive stays), one per target that named nothing."""
    names = {u.code: u.name for u in expected_units(case)}
    lines = [t("undo_line", file=r["file_name"], unit=names.get(r["unit"], r["unit"]), archive=r["archive_path"])
             for r in result.withdrawn]
    lines += [t("undo_not_found", target=target) for target in result.not_found]
    lines.append(t("undo_summary", count=len(result.withdrawn)))
    return lines

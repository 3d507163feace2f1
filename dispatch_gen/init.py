"""Start a new case folder: from the bundled sample, or as the next round of an earlier case.

``init_case(target)`` copies the sample ``data/cam-linh`` (the files verbatim, comments kept).
``init_case(target, source=CASE)`` starts the next round of CASE: the agency, signers, people,
villages, criteria, assignments and dossier are kept; the dispatch is fresh (no number, this
month, placeholder subject and body to rewrite, recipients, Nơi nhận, signer and tasks kept but
every task deadline cleared, because an old deadline silently reused is worse than a blank one the
clerk must fill in); the case gets a new id from the folder name and a placeholder title. Per-case
state (``.dispatch-gen/``: register, answers, archive) is never copied: only known record files are,
and ``report.yaml`` (who receives and signs the report and reminder). The urgency and
confidentiality marks are decisions about one dispatch: dropped. The new round numbers in the same
register as CASE (its workspace when created inside one; else ``register:`` names CASE's book).
With ``xlsx=True`` (or when CASE already keeps its lists in ``records.xlsx``) the tabular records
are written as ``records.xlsx`` instead of CSV/YAML files, and dispatch.yaml leaves recipients and
tasks to the workbook. The source is loaded (validated) first: a broken case is never copied.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml

from .errors import OutputError
from .messages import t
from .models import Case, Dispatch
from .output import ensure_dir, inside, write_atomic
from .records import CASE_FILE, DISPATCH_FILE, load_case, tables_of
from .sources import TABLES
from .store import store_path
from .text import slugify
from .workbook import WORKBOOK, write_workbook
from .workspace import is_workspace, register_home

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "cam-linh"
RECORD_FILES = (*(f"{n}.{ext}" for n in TABLES for ext in ("csv", "yaml")), "criteria.yaml", "assignments.yaml")
# Placeholders the clerk rewrites (data, not messages: they go into the document if left).
NEW_TITLE = "[Tên đợt báo cáo — cần sửa]"
NEW_SUBJECT = "[Trích yếu nội dung công văn — cần sửa]"
NEW_BODY = "[Nội dung công văn — cần sửa. Mỗi đoạn là một mục paragraph, item, point hoặc bullet.]"
REPORT_SETTINGS = "report.yaml"  # report/stage.SETTINGS_FILE (init does not import a stage)
PER_DOCUMENT = ("urgency", "confidentiality")  # decisions about one dispatch, not about the agency's rounds
_DISPATCH_NOTE = ("# Công văn của hồ sơ. Sửa: subject (trích yếu), body (nội dung), date (YYYY-MM hoặc YYYY-MM-DD),\n"
                  "# hạn nộp (deadline) của từng nhiệm vụ. Số văn bản để trống: cấp khi ký (--issue).\n")


def init_case(target: str | Path, source: str | Path | None = None, xlsx: bool = False,
              today: dt.date | None = None) -> Path:
    """Create the case folder ``target`` (new or empty) and return it; see the module docstring."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target}: " + t("init_not_empty"))
    src = Path(source) if source is not None else SAMPLE_DIR
    case = load_case(src)
    xlsx = xlsx or (src / WORKBOOK).exists()
    files: dict[str, bytes] = {}
    if source is None:
        files[CASE_FILE] = (src / CASE_FILE).read_bytes()
        dispatch = case.dispatch
    else:
        files[CASE_FILE] = _yaml({**_fresh_head(case, target), **_register_key(src, target)})
        dispatch = fresh_dispatch(case.dispatch, today or dt.date.today())
        if (src / REPORT_SETTINGS).is_file():  # report/reminder recipients, signer, settings: kept (issue 10)
            files[REPORT_SETTINGS] = (src / REPORT_SETTINGS).read_bytes()
    if xlsx:
        files[DISPATCH_FILE] = _yaml(_dispatch_data(dispatch, drop={"recipients", "tasks"}), _DISPATCH_NOTE)
    else:
        files[DISPATCH_FILE] = (src / DISPATCH_FILE).read_bytes() if source is None else \
            _yaml(_dispatch_data(dispatch), _DISPATCH_NOTE)
        files |= {name: (src / name).read_bytes() for name in RECORD_FILES if (src / name).is_file()}
    ensure_dir(target)
    for name, data in files.items():
        write_atomic(inside(target, name), data)
    if xlsx:
        write_workbook(inside(target, WORKBOOK), tables_of(case.model_copy(update={"dispatch": dispatch})))
    return target


def fresh_dispatch(old: Dispatch, today: dt.date) -> Dispatch:
    """The next round's dispatch: same structure, no number, this month, placeholder text, no deadlines."""
    tasks = [task.model_copy(update={"deadline": None}) for task in old.tasks]
    return Dispatch.model_validate({
        **old.model_dump(exclude={"number", "date", "subject", "body", "tasks", *PER_DOCUMENT}),
        "date": {"year": today.year, "month": today.month}, "subject": NEW_SUBJECT,
        "body": [{"paragraph": NEW_BODY}], "tasks": tasks})


def _register_key(src: Path, target: Path) -> dict[str, str]:
    """``register:`` for the next round: the same book as ``src`` unless the target's folder gives it.

    ND30 numbers per agency and year: a new round must not start again at 01. Inside a workspace
    the folder says it all; elsewhere the new case names the earlier register by relative path.
    """
    home = register_home(src)
    parent = target.resolve().parent
    if is_workspace(parent) or not store_path(home).is_file():  # no book yet (e.g. the sample): nothing to continue
        return {}
    return {"register": Path(os.path.relpath(home, target.resolve())).as_posix()}


def _fresh_head(case: Case, target: Path) -> dict[str, Any]:
    return {"id": slugify(target.resolve().name), "title": NEW_TITLE,
            "agency": case.agency.model_dump(exclude_none=True),
            "signers": {k: s.model_dump(exclude_none=True) for k, s in case.signers.items()},
            **({"collector": case.collector} if case.collector else {}),
            **({"unit_kinds": {k: v.model_dump() for k, v in case.unit_kinds.items()}} if case.unit_kinds else {})}


def _dispatch_data(dispatch: Dispatch, drop: set[str] | None = None) -> dict[str, Any]:
    """dispatch.yaml content as the clerk writes it (date ``2025-03``, no empty keys)."""
    data = dispatch.model_dump(mode="json", exclude_none=True, exclude=drop or set())
    d = dispatch.date
    data["date"] = f"{d.year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")
    return data


def _yaml(data: dict[str, Any], note: str = "") -> bytes:
    return (note + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)).encode("utf-8")

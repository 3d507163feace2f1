"""Start a new case folder: from the bundled sample, or as the next round of an earlier case.

``init_case(target)`` copies the sample ``data/cam-linh`` (the files verbatim, comments kept; only
case.yaml's ``id`` becomes the folder's, so two copies never share a register key).
``init_case(target, source=CASE)`` starts the next round of CASE: the agency, signers, people,
villages, criteria, assignments and dossier are kept; the dispatch is fresh (no number, this
month, placeholder subject and body to rewrite, recipients, Nơi nhận, signer and tasks kept but
every task deadline cleared, because an old deadline silently reused is worse than a blank one the
clerk must fill in); the case gets a new id from the folder name and a placeholder title. Per-case
state (``.dispatch-gen/``: register, answers, archive) is never copied: only known record files are,
and ``report.yaml`` (who receives and signs the report and reminder). The urgency and
confidentiality marks are decisions about one dispatch: dropped. The new round numbers in the
agency's book (``_register_key``): its workspace when created inside one, else the book CASE numbers
in (written as ``register:``), never a shipped sample's.
With ``xlsx=True`` (or when CASE already keeps its lists in ``records.xlsx``) the tabular records
are written as ``records.xlsx`` instead of CSV/YAML files, and dispatch.yaml leaves recipients and
tasks to the workbook. The source is loaded (validated) first: a broken case is never copied.

Criteria sets (issue 15): the new case uses the commune set in force on its date (the sample's own
date for a copy of the sample, today for a next round), or ``criteria_set``. When that is the
source's own set it is kept; otherwise the new case names the library set (and ``commune_group``,
a commune group or region) in case.yaml, gets the set's proposed dossier checklist, keeps the
village Party members but not the criterion leads and group directors (the criteria changed), and
drops the group follow-up task when the set has no groups.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path
from typing import Any

import yaml

from . import text
from .case import criteria_library, roles
from .case.models import Case, CriteriaChoice, Dispatch
from .case.records import CASE_FILE, DISPATCH_FILE, load_case, tables_of
from .case.sources import TABLES
from .errors import OutputError, Problem, RecordError
from .messages import t
from .output import ensure_dir, inside, write_atomic
from .store import store_path
from .text import slugify
from .workbook import WORKBOOK, write_workbook
from .workspace import is_workspace, workspace_entries, workspace_of

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "cam-linh"
RECORD_FILES = (*(f"{n}.{ext}" for n in TABLES for ext in ("csv", "yaml")), "criteria.yaml", "assignments.yaml")
# Placeholders the clerk rewrites (data, not messages: they go into the document if left).
NEW_TITLE = "[Tên đợt báo cáo — cần sửa]"
NEW_SUBJECT = "[Trích yếu nội dung công văn — cần sửa]"
NEW_BODY = "[Nội dung công văn — cần sửa. Mỗi đoạn là một mục paragraph, item, point hoặc bullet.]"
REPORT_SETTINGS = "report.yaml"  # report/stage.SETTINGS_FILE (init does not import a stage)
PER_DOCUMENT = ("urgency", "confidentiality")  # decisions about one dispatch, not about the agency's rounds
_DISPATCH_NOTE = ("# Công văn của hồ sơ. Sửa: subject (trích yếu), body (nội dung), date (dd/mm/yyyy, hoặc mm/yyyy để trống ngày),\n"
                  "# hạn nộp (deadline) của từng nhiệm vụ. Số văn bản để trống: cấp khi ký (--issue).\n"
                  "# Nội dung dài: có thể bỏ mục body và viết vào tệp noi-dung.txt như một lá thư.\n")


def init_case(target: str | Path, source: str | Path | None = None, xlsx: bool = False,
              today: dt.date | None = None, criteria_set: str | None = None,
              commune_group: str | None = None) -> Path:
    """Create the case folder ``target`` (new or empty) and return it; see the module docstring."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target}: " + t("init_not_empty"))
    src = Path(source) if source is not None else SAMPLE_DIR
    case = load_case(src)
    today = today or dt.date.today()
    day = _case_day(case) if source is None else today
    switched = _switch_set(case, day, criteria_set, commune_group)
    if switched is not None:
        return _write_switched(target, src, switched, xlsx or (src / WORKBOOK).exists(), today)
    xlsx = xlsx or (src / WORKBOOK).exists()
    files: dict[str, bytes] = {}
    if source is None:
        files[CASE_FILE] = own_id((src / CASE_FILE).read_bytes(), target)
        dispatch = case.dispatch
    else:
        files[CASE_FILE] = _yaml({**_fresh_head(case, target), **_register_key(src, target)})
        dispatch = fresh_dispatch(case.dispatch, today)
        files |= _kept_settings(src)
    if xlsx:
        files[DISPATCH_FILE] = _yaml(_dispatch_data(dispatch, drop={"recipients", "tasks"}), _DISPATCH_NOTE)
    else:
        files[DISPATCH_FILE] = (src / DISPATCH_FILE).read_bytes() if source is None else \
            _yaml(_dispatch_data(dispatch), _DISPATCH_NOTE)
        files |= {name: (src / name).read_bytes() for name in RECORD_FILES if (src / name).is_file()}
    _write(target, files)
    if xlsx:
        shipped = case.commune_criteria if case.criteria and case.criteria.commune else None
        write_workbook(inside(target, WORKBOOK), tables_of(case.model_copy(update={"dispatch": dispatch})),
                       [c.code for c in shipped.criteria] if shipped else None, roles.units_word(case))
    return target


def own_id(case_yaml: bytes, target: Path) -> bytes:
    """The sample's case.yaml (comments kept) with the new folder's id: two cases copied from the sample
    shared ``cam-linh-2024-11``, so the second one's dispatch counted as already issued in the register."""
    new_id = slugify(target.resolve().name)
    if not new_id:
        return case_yaml
    return re.sub(rb"(?m)^id:[^\n]*$", b"id: " + new_id.encode(), case_yaml, count=1)


def _case_day(case: Case) -> dt.date:
    """The day a case's criteria are judged on: its dispatch date (the 1st while the day is blank)."""
    date = case.dispatch.date
    return date.as_date() or dt.date(date.year, date.month, 1)


def _write(target: Path, files: dict[str, bytes]) -> None:
    ensure_dir(target)
    for name, data in files.items():
        write_atomic(inside(target, name), data)


def _switch_set(case: Case, day: dt.date, criteria_set: str | None, group: str | None) -> Case | None:
    """The source moved to a library set, or None when its own criteria stay (same set, no option).

    An explicit ``criteria_set`` or ``group`` always links the library; without them the set in
    force on ``day`` replaces the source's set only when it is a different set.
    """
    known = criteria_library.library()
    in_force = criteria_library.in_force("commune", day)
    current = case.commune_criteria.id if case.commune_criteria else None
    chosen = criteria_set or (in_force.id if in_force else None)
    if chosen is None or (criteria_set is None and group is None and chosen == current):
        return None
    lib = known.get(chosen)
    if lib is None or lib.level != "commune":
        reason = t("criteria_set_unknown", ref=chosen, known=", ".join(k for k, v in known.items()
                                                                        if v.level == "commune"))
        raise RecordError([Problem(file="--criteria-set", reason=reason)])
    found, reason = criteria_library.find_target(lib, group) if group else (None, None)
    if reason:
        raise RecordError([Problem(file="--commune-group", reason=reason)])
    village_id = case.criteria.village if case.criteria else None
    if village_id is None and case.village_criteria:  # the case's own copy of a shipped set: link it
        names = [(c.code, c.name) for c in case.village_criteria.criteria]
        village_id = next((k for k, v in known.items() if v.level == "village"
                           and (k == case.village_criteria.id or [(c.code, c.name) for c in v.criteria] == names)),
                          None)
    choice = CriteriaChoice(commune=lib.id, village=village_id,
                            **({lib.targets_by: found.code} if found and lib.targets_by else {}))
    commune = criteria_library.resolve(lib, found)
    # the same set keeps its numbering: leads, directors, dossier (and indicators typed for a linked
    # set) carry over; another set starts from its proposed dossier with nobody assigned yet
    before = {c.code: c for c in case.commune_criteria.criteria} if current == lib.id else {}
    linked = bool(case.criteria and case.criteria.commune == lib.id)
    for mine, shipped in zip(commune.criteria, lib.criteria, strict=True):
        old = before.get(mine.code)
        mine.dossier = list(old.dossier if old else shipped.dossier)
        if old:
            mine.lead = old.lead
            typed = [i for i in old.indicators if not i.shipped] if linked else []
            mine.indicators = typed or mine.indicators
    if before and not lib.groups:  # the case's own division of the work, with its directors
        commune.groups = [g.model_copy() for g in case.commune_criteria.groups]
    directors = {g.code: g.director for g in case.commune_criteria.groups} if before else {}
    for group in commune.groups:
        group.director = directors.get(group.code)
    tasks = [task for task in case.dispatch.tasks if task.units != "group_directors" or commune.groups]
    return case.model_copy(update={
        "criteria": choice, "commune_criteria": commune,
        "village_criteria": criteria_library.resolve(known[village_id]) if village_id else case.village_criteria,
        "dispatch": case.dispatch.model_copy(update={"tasks": tasks})})


def _write_switched(target: Path, src: Path, case: Case, xlsx: bool, today: dt.date) -> Path:
    """Write a case that names a library set: its head, a fresh dispatch, the records that still apply."""
    dispatch = fresh_dispatch(case.dispatch, today)
    case = case.model_copy(update={"dispatch": dispatch})
    head = {**_fresh_head(case, target), **_register_key(src, target)}
    files = {CASE_FILE: _yaml(head), **_kept_settings(src)}
    if xlsx:
        files[DISPATCH_FILE] = _yaml(_dispatch_data(dispatch, drop={"recipients", "tasks"}), _DISPATCH_NOTE)
        _write(target, files)
        write_workbook(inside(target, WORKBOOK), tables_of(case), [c.code for c in case.commune_criteria.criteria],
                       roles.units_word(case))
        return target
    tables = tables_of(case)
    files[DISPATCH_FILE] = _yaml(_dispatch_data(dispatch), _DISPATCH_NOTE)
    files |= {name: (src / name).read_bytes() for name in RECORD_FILES
              if name.split(".")[0] in ("officers", "villages") and (src / name).is_file()}
    files["dossier.csv"] = _csv(("criterion", "item"), tables["dossier"])
    assignments: dict[str, dict[str, str]] = {}
    for row in tables["assignments"]:
        assignments.setdefault(row["kind"], {})[row["code"]] = row["officer"]
    if assignments:
        files["assignments.yaml"] = _yaml(assignments)
    own: dict[str, Any] = {}
    if not case.criteria.village and case.village_criteria:
        own["village"] = case.village_criteria.model_dump(exclude_defaults=True)
    if tables["groups"]:
        own["groups"] = tables["groups"]
    if tables["indicators"]:
        own["indicators"] = [{k: v for k, v in row.items() if k in ("criterion", "code", "text", "requirement")}
                             for row in tables["indicators"]]
    if own:
        files["criteria.yaml"] = _yaml(own)
    _write(target, files)
    return target


def _csv(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def units_word(case_dir: Path) -> str:
    """How the new case names its units (``ấp, khu phố``), for the next-steps hint."""
    return roles.units_word(load_case(case_dir))


def criteria_steps(case_dir: Path, prog: str = "dispatch-gen") -> list[str]:
    """What ``init`` tells the clerk about the new case's criteria: the set, its target, what to type.

    The unverified items are named here because this is where the clerk decides to trust the set.
    """
    case_dir = Path(case_dir)
    case = load_case(case_dir)
    known = criteria_library.library()
    lib = known.get(case.criteria.commune) if case.criteria and case.criteria.commune else None
    if lib is None:
        return []
    lines = [t("init_criteria_set", name=lib.name, basis=lib.basis, since=text.short_date(lib.valid_from))]
    day = _case_day(case)
    current = criteria_library.in_force("commune", day)
    if not lib.in_force(day):
        lines.append(t("init_criteria_not_in_force", day=text.short_date(day), current=current.id if current else "—"))
    if case.commune_criteria.target:
        lines.append(t("init_criteria_target", target=case.commune_criteria.target))
    elif lib.targets_by:
        lines.append(t("init_criteria_no_target", kind=t(f"target_kind.{lib.targets_by}"), case_file=CASE_FILE,
                       entry=lib.targets_by, known=", ".join(x.code for x in lib.targets)))
    typed = any(not i.shipped for c in case.commune_criteria.criteria for i in c.indicators)
    if lib.indicators_pending and not typed:
        where = t("init_criteria_sheet", book=case_dir / WORKBOOK) if (case_dir / WORKBOOK).exists() else \
            t("init_criteria_yaml", file=case_dir / "criteria.yaml")
        lines.append(t("init_criteria_pending", annex=lib.annex, where=where))
    unverified = sum(not i.verified for c in case.commune_criteria.criteria for i in c.indicators)
    if unverified:
        lines.append(t("init_criteria_unverified", count=unverified, annex=lib.annex))
    village = case.village_criteria
    if village and village.annex and not all(c.verified for c in village.criteria):
        lines.append(t("init_criteria_village_placeholder", name=village.name, annex=village.annex))
    if any(c.dossier for c in lib.criteria):
        lines.append(t("init_criteria_dossier"))
    others = [k for k, v in known.items() if v.level == "commune" and k != lib.id]
    if others:
        lines.append(t("init_criteria_other", known=", ".join(others), prog=prog))
    return lines


def fresh_dispatch(old: Dispatch, today: dt.date) -> Dispatch:
    """The next round's dispatch: same structure, no number, this month, placeholder text, no deadlines."""
    tasks = [task.model_copy(update={"deadline": None}) for task in old.tasks]
    return Dispatch.model_validate({
        **old.model_dump(exclude={"number", "date", "subject", "body", "tasks", *PER_DOCUMENT}),
        "date": {"year": today.year, "month": today.month}, "subject": NEW_SUBJECT,
        "body": [{"paragraph": NEW_BODY}], "tasks": tasks})


def _kept_settings(src: Path) -> dict[str, bytes]:
    """``report.yaml`` (who receives and signs the report and reminder) carries over verbatim (issue 10)."""
    return {REPORT_SETTINGS: (src / REPORT_SETTINGS).read_bytes()} if (src / REPORT_SETTINGS).is_file() else {}


def _register_key(src: Path, target: Path) -> dict[str, str]:
    """``register:`` for the next round: the agency's book, never a shipped sample's.

    ND30 numbers per agency and year, so a new round must not start again at 01 — but the book is
    the agency's (its workspace), not whichever folder the records were copied from:

    1. a target inside a workspace numbers there: the folder says it all, nothing is written;
    2. a source that numbers in a workspace (or in another case's book, via its own ``register:``)
       passes THAT book on, not itself;
    3. a lone source whose own register holds numbers is the agency's book so far: continue it;
    4. a shipped sample (``data/``), or a case that never issued a number, is only a template: the
       new case keeps its own book (``init`` then suggests a workspace).
    """
    if is_workspace(target.resolve().parent):
        return {}
    home = workspace_of(src)
    if home is None and (_shipped(src) or not store_path(src).is_file() or not workspace_entries(src)):
        return {}
    home = home or src.resolve()
    if _shipped(home):
        return {}
    try:
        path = Path(os.path.relpath(home, target.resolve())).as_posix()
    except ValueError:  # Windows: another drive has no relative path
        path = home.as_posix()
    return {"register": path}


def _shipped(folder: Path) -> bool:
    """A case shipped with the program (``data/cam-linh``, ``data/phong-lac``): a template, never a book."""
    return Path(folder).resolve().is_relative_to(SAMPLE_DIR.parent)


def _fresh_head(case: Case, target: Path) -> dict[str, Any]:
    return {"id": slugify(target.resolve().name), "title": NEW_TITLE,
            "agency": case.agency.model_dump(exclude_none=True),
            "signers": {k: s.model_dump(exclude_none=True) for k, s in case.signers.items()},
            **({"collector": case.collector} if case.collector else {}),
            **({"unit_kinds": {k: v.model_dump() for k, v in case.unit_kinds.items()}} if case.unit_kinds else {}),
            **({"criteria": case.criteria.model_dump(exclude_none=True)} if case.criteria else {})}


def _dispatch_data(dispatch: Dispatch, drop: set[str] | None = None) -> dict[str, Any]:
    """dispatch.yaml content as the clerk writes it (date ``2025-03``, no empty keys)."""
    data = dispatch.model_dump(mode="json", exclude_none=True, exclude=drop or set())
    d = dispatch.date
    data["date"] = f"{d.year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")
    return data


def _yaml(data: dict[str, Any], note: str = "") -> bytes:
    return (note + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)).encode("utf-8")

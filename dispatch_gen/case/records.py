"""Read a case folder (YAML files, tabular lists as CSV or YAML) into a validated ``Case``.

Every problem in every file is collected and raised at once as one ``RecordError``, one line per
problem naming the file, the record and the field (copier's settings loader, mkdocs' per-key log).
Downstream code trusts the ``Case`` it gets.

Tabular records (villages, officers, criteria and indicators, assignments, dossier, recipients,
tasks) may instead live in one workbook, ``records.xlsx`` (see ``workbook.py``). Each sheet present
there owns its table: a CSV/YAML file (or a ``recipients``/``tasks`` key of dispatch.yaml) holding
the same table is refused with a message, never silently shadowed. Sheets, CSV and YAML all become
the same ``Table`` of (record label, row) pairs and go through one validation path; workbook
problems point at the cell: ``records.xlsx › Thôn!B7 › Tên thôn: thiếu trường bắt buộc``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import Problem, RecordError
from ..messages import t
from ..text import nfc, parse_letter
from ..workbook import BY_TABLE, CRITERIA_TABLES, WORKBOOK
from . import roles
from .models import (
    Agency,
    Case,
    CriteriaChoice,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    Dispatch,
    Indicator,
    Officer,
    Signer,
    Task,
    Village,
    VillageKind,
)
from .sources import (
    Collector,
    Table,
    check_unique,
    read_tables,
    read_text,
    read_yaml,
    validate_rows,
)

CASE_FILE = "case.yaml"
DISPATCH_FILE = "dispatch.yaml"
STATE_DIR = ".dispatch-gen"  # register, answers store and archive live here, inside the case


def load_case(case_dir: str | Path) -> Case:
    """Load and cross-check a case folder; raise ``RecordError`` listing every problem."""
    case_dir = Path(case_dir)
    out = Collector()
    if not case_dir.exists():
        raise RecordError([Problem(file=str(case_dir), reason=t("case_missing"))])
    if not case_dir.is_dir():
        raise RecordError([Problem(file=str(case_dir), reason=t("case_not_dir"))])

    head = read_yaml(case_dir / CASE_FILE, CASE_FILE, out) or {}
    dispatch_data = read_yaml(case_dir / DISPATCH_FILE, DISPATCH_FILE, out)
    _letter_body(case_dir, dispatch_data, out)
    tables = read_tables(case_dir, out)
    if tables.get("officers") is None and not out.broken:  # every reference names an officer: say the root cause alone
        out.unreadable("officers.csv", t("officers_file_missing"))

    fields: dict[str, Any] = {}
    known_head = {"id", "title", "agency", "signers", "collector", "unit_kinds", "criteria", "register"}  # register: workspace.py
    for key in head:
        if key not in known_head:
            out.add(CASE_FILE, t("field_unknown"), field=str(key))
    for key in ("id", "title", "agency", "signers"):
        if head and key not in head:
            out.add(CASE_FILE, t("field_required"), field=key)
    if "agency" in head:
        fields["agency"] = out.validate(Agency, head["agency"], CASE_FILE, "agency")
    signers = {}
    if isinstance(head.get("signers"), dict):
        for sid, sdata in head["signers"].items():
            signer = out.validate(Signer, sdata, CASE_FILE, f"signers.{sid}")
            if signer:
                signers[str(sid)] = signer
    elif "signers" in head:
        out.add(CASE_FILE, t("field_invalid", detail=t("signers_not_mapping")), field="signers")
    unit_kinds = _unit_kinds(head.get("unit_kinds"), out)
    task_table = _dispatch_lists(dispatch_data, tables, out)
    dispatch = out.validate(Dispatch, dispatch_data, DISPATCH_FILE) if dispatch_data is not None else None

    officer_rows = validate_rows(tables.get("officers"), Officer, out)
    village_rows = validate_rows(tables.get("villages"), Village, out)
    officers, villages = [o for _, o in officer_rows], [v for _, v in village_rows]
    choice = out.validate(CriteriaChoice, head["criteria"], CASE_FILE, "criteria") if head.get("criteria") else None
    shipped = shipped_sets(choice, out)
    sets = _criteria(case_dir, tables, out, shipped,
                     needed=bool(_needs_criteria(case_dir, tables, dispatch_data) - set(shipped))
                     and not head.get("criteria"))  # a wrong library name is its own problem
    if out.broken:  # root cause first: a missing or unreadable file, not the dozens of checks it breaks
        raise RecordError(out.problems)

    # a duplicated id is a root cause: said before what it breaks in assignments and references
    check_unique(officer_rows, "id", tables.get("officers"), out)
    check_unique(village_rows, "code", tables.get("villages"), out)
    # ids of rows that exist but failed validation count as known: their own problem is reported once
    officer_ids = {o.id for o in officers} | _declared(tables.get("officers"), "id")
    declared = {"criterion_leads": _declared(tables.get("commune_criteria"), "code"),
                "group_directors": _declared(tables.get("groups"), "code"),
                "village_party_members": _declared(tables.get("villages"), "code")}
    _apply_assignments(_assignments(case_dir, tables, out), sets, villages, officer_ids, declared, out)
    _apply_dossier(tables.get("dossier"), sets.get("commune"), out)
    _check_refs(head, signers, dispatch, task_table, officer_ids, villages, sets, out)
    _check_kinds(tables.get("villages"), village_rows, unit_kinds, out)

    if out.problems:
        raise RecordError(out.problems)
    # the head's own fields (an id typed with spaces or Vietnamese letters) are named like any other
    case = out.validate(Case, {"id": head["id"], "title": head["title"], "agency": fields["agency"],
                               "signers": signers, "collector": head.get("collector"), "unit_kinds": unit_kinds,
                               "dispatch": dispatch, "officers": officers, "villages": villages,
                               "commune_criteria": sets.get("commune"), "village_criteria": sets.get("village"),
                               "criteria": choice}, CASE_FILE)
    if case is None:
        raise RecordError(out.problems)
    return case


def _unit_kinds(data: Any, out: Collector) -> dict[str, VillageKind]:
    """``unit_kinds`` of case.yaml: kind name → titles (issue 10), each validated on its own."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        out.add(CASE_FILE, t("field_invalid", detail=t("kinds_not_table")), field="unit_kinds")
        return {}
    kinds = {}
    for name, value in data.items():
        kind = out.validate(VillageKind, value, CASE_FILE, f"unit_kinds.{name}")
        if kind:
            kinds[roles.key(str(name))] = kind
    return kinds


def _check_kinds(table: Table | None, rows: list[tuple[str, Village]], own: dict[str, VillageKind],
                 out: Collector) -> None:
    """Every unit's kind must be a shipped kind or one the case defines (a typo must not pass as thôn)."""
    known = {**roles.SHIPPED, **own}
    for record, village in rows:
        if roles.key(village.kind) not in known and table is not None:
            table.add(out, t("kind_unknown", kind=village.kind, known=", ".join(known)), record, "kind")


def _dispatch_lists(dispatch_data: dict | None, tables: dict[str, Table], out: Collector) -> Table | None:
    """Put the workbook's Kính gửi and Nhiệm vụ rows into the dispatch; return the task table if used.

    Tasks are validated row by row first so a bad cell is reported at its cell, not as ``tasks[3]``.
    """
    task_table = None
    for name in ("recipients", "tasks"):
        table = tables.get(name)
        if table is None or dispatch_data is None:
            continue
        if name in dispatch_data:
            out.add(DISPATCH_FILE, t("source_conflict", sheet=BY_TABLE[name].name, book=WORKBOOK), field=name)
            continue
        if name == "recipients":
            dispatch_data[name] = [row["text"] for _, row in table.rows if "text" in row]
        else:
            pairs = validate_rows(table, Task, out)
            table.rows = [(record, row) for record, row in table.rows if record in dict(pairs)]
            dispatch_data[name] = [task for _, task in pairs]
            task_table = table
    return task_table


LETTER_FILE = "noi-dung.txt"


def _letter_body(case_dir: Path, dispatch_data: dict | None, out: Collector) -> None:
    """The dispatch body from ``noi-dung.txt`` when the case keeps it there (typed like a letter)."""
    path = case_dir / LETTER_FILE
    if dispatch_data is None or not path.exists():
        return
    if "body" in dispatch_data:  # two copies: never guess which one the clerk edited
        out.add(LETTER_FILE, t("letter_conflict", file=DISPATCH_FILE))
        return
    source = read_text(path, LETTER_FILE, out)
    if source is not None:
        dispatch_data["body"] = parse_letter(source)


def _needs_criteria(case_dir: Path, tables: dict[str, Table], dispatch_data: dict | None) -> set[str]:
    """The criteria levels the case refers to: ``commune`` (assignments, dossier, criterion leads,
    groups), ``village`` (the villages' self-assessment form)."""
    tasks = (dispatch_data or {}).get("tasks") if isinstance(dispatch_data, dict) else None
    rows = [x if isinstance(x, dict) else {"units": getattr(x, "units", None), "form": getattr(x, "form", None)}
            for x in tasks or []]
    levels = set()
    if ((case_dir / "assignments.yaml").exists() or "assignments" in tables or "dossier" in tables
            or any(r.get("units") in ("criterion_leads", "group_directors") for r in rows)):
        levels.add("commune")
    if any(r.get("form") == "village_assessment" for r in rows):
        levels.add("village")
    return levels


def shipped_sets(choice: CriteriaChoice | None, out: Collector) -> dict[str, CriteriaSet]:
    """The library sets case.yaml names (issue 15), resolved for the case's region or commune group."""
    if choice is None:
        return {}
    from .criteria_library import library, resolve

    known = library()
    sets: dict[str, CriteriaSet] = {}
    for level in ("commune", "village"):
        ref = getattr(choice, level)
        lib = known.get(ref) if ref else None
        if ref and lib is None:
            out.add(CASE_FILE, t("criteria_set_unknown", ref=ref, known=", ".join(sorted(known))), "criteria", level)
        elif lib is not None and lib.level != level:
            out.add(CASE_FILE, t("criteria_set_level", ref=ref, level=t(f"level.{lib.level}")), "criteria", level)
        elif lib is not None:
            target = _target(lib, choice, out) if level == "commune" else None
            sets[level] = resolve(lib, target)
    if choice.commune is None:
        for key in ("commune_group", "region"):
            if getattr(choice, key):
                out.add(CASE_FILE, t("criteria_target_needs_set"), "criteria", key)
    return sets


def _target(lib, choice: CriteriaChoice, out: Collector):
    """The region or commune group the case names, checked against the set's own kind of target."""
    from .criteria_library import find_target

    for key in ("commune_group", "region"):
        value = getattr(choice, key)
        if value:
            found, reason = find_target(lib, value, key)
            if reason:
                out.add(CASE_FILE, reason, "criteria", key)
            return found
    return None


def _criteria(case_dir: Path, tables: dict[str, Table], out: Collector,
              shipped: dict[str, CriteriaSet], needed: bool = False) -> dict[str, CriteriaSet | None]:
    """The criteria sets: library sets named in case.yaml, then the workbook's sheets or criteria.yaml.

    A level the case takes from the library may not also be defined by the case (refused, never
    shadowed); only indicators may be added to a shipped set (the clerk types them from the annex:
    the «Chỉ tiêu» sheet, or ``indicators`` in criteria.yaml), and groups to a shipped set that has
    none (51/2025 has no groups: how a commune divides the work among its leaders is its own).
    """
    if any(name in tables for name in CRITERIA_TABLES):
        if (case_dir / "criteria.yaml").exists():
            out.add("criteria.yaml", t("source_conflict", sheet=BY_TABLE["criteria_sets"].name, book=WORKBOOK))
        return _criteria_from_sheets(tables, out, shipped)
    if needed and not (case_dir / "criteria.yaml").exists():
        out.unreadable("criteria.yaml", t("criteria_file_missing"))
        return {}
    criteria = read_yaml(case_dir / "criteria.yaml", "criteria.yaml", out) if (case_dir / "criteria.yaml").exists() else {}
    sets: dict[str, CriteriaSet | None] = dict(shipped)
    for key in ("commune", "village"):
        if criteria and key in criteria:
            if key in shipped:
                out.add("criteria.yaml", t("criteria_shipped_conflict", ref=shipped[key].id), field=key)
                continue
            sets[key] = out.validate(CriteriaSet, criteria[key], "criteria.yaml", key)
    if criteria and "groups" in criteria and "commune" in shipped:
        groups = criteria["groups"] if isinstance(criteria["groups"], list) else [criteria["groups"]]
        own = [out.validate(CriterionGroup, g, "criteria.yaml", f"groups[{i}]") for i, g in enumerate(groups, 1)]
        _own_groups(shipped["commune"], [g for g in own if g], out, "criteria.yaml", "groups")
    if criteria and "indicators" in criteria and "commune" in shipped:
        rows = criteria["indicators"] if isinstance(criteria["indicators"], list) else [criteria["indicators"]]
        table = Table("criteria.yaml", [(f"indicators[{i}]", row if isinstance(row, dict) else {"text": row})
                                        for i, row in enumerate(rows, 1)])
        _attach_indicators(table, shipped["commune"].criteria, out)
    for key in criteria or {}:
        if key not in ("commune", "village") and not (key in ("groups", "indicators") and "commune" in shipped):
            out.add("criteria.yaml", t("field_unknown"), field=str(key))
    return sets


def _attach_indicators(indicators: Table | None, criteria: list[Criterion], out: Collector) -> None:
    """Fold indicator rows (criterion, code, text, requirement) into their criteria.

    Typed indicators of a criterion replace the ones a shipped set carries for it.
    """
    typed: set[str] = set()
    for record, row in indicators.rows if indicators else []:
        row = dict(row)
        code = row.pop("criterion", None)
        code = str(code) if isinstance(code, int) else code
        indicator = indicators.validate(out, Indicator, record, row)
        target = next((c for c in criteria if c.code == code), None)
        if code is None:
            indicators.add(out, t("field_required"), record, "criterion")
        elif target is None:
            indicators.add(out, t("ref_unknown", kind="tiêu chí", ref=code), record, "criterion")
        elif indicator is not None:
            if code not in typed:
                target.indicators = [i for i in target.indicators if not i.shipped]
                typed.add(code)
            target.indicators.append(indicator)


def _own_groups(commune: CriteriaSet, groups: list[CriterionGroup], out: Collector, file: str,
                where: str) -> None:
    """Give a shipped set without groups the case's own groups; a set with groups keeps its own."""
    if not groups:
        return
    if commune.groups:
        out.add(file, t("criteria_shipped_conflict", ref=commune.id), where)
    else:
        commune.groups = groups


def _criteria_from_sheets(tables: dict[str, Table], out: Collector,
                          shipped: dict[str, CriteriaSet]) -> dict[str, CriteriaSet | None]:
    """Assemble the sets from flat sheets: criteria, indicators (by criterion number), groups, set rows.

    Typed indicators of a criterion replace the ones a shipped set carries for it.
    """
    crit = {"commune": [c for _, c in validate_rows(tables.get("commune_criteria"), Criterion, out)],
            "village": [c for _, c in validate_rows(tables.get("village_criteria"), Criterion, out)]}
    groups = [g for _, g in validate_rows(tables.get("groups"), CriterionGroup, out)]
    for key, names in (("commune", ("commune_criteria",)), ("village", ("village_criteria",))):
        if key in shipped:
            for name in names:
                if tables.get(name) is not None and tables[name].rows:
                    out.add(WORKBOOK, t("criteria_shipped_conflict", ref=shipped[key].id), BY_TABLE[name].name)
            crit[key] = shipped[key].criteria
    if "commune" in shipped:
        _own_groups(shipped["commune"], groups, out, WORKBOOK, BY_TABLE["groups"].name)
        groups = []
    _attach_indicators(tables.get("indicators"), crit["commune"], out)
    set_table = tables.get("criteria_sets")
    set_sheet = BY_TABLE["criteria_sets"]
    labels = {value: label for label, value in set_sheet.columns[0].choices}
    sets: dict[str, CriteriaSet | None] = dict(shipped)
    for record, row in set_table.rows if set_table else []:
        row = dict(row)
        key = row.pop("set", None)
        if key is None:
            set_table.add(out, t("field_required"), record, "set")
        elif key in shipped:
            set_table.add(out, t("criteria_shipped_conflict", ref=shipped[key].id), record, "set")
        elif key in sets:
            set_table.add(out, t("duplicate_id", ref=labels.get(key, key)), record, "set")
        elif key in crit:
            data = {**row, "criteria": crit[key], **({"groups": groups} if key == "commune" else {})}
            sets[key] = set_table.validate(out, CriteriaSet, record, data)
    for key, name in (("commune", "commune_criteria"), ("commune", "groups"), ("village", "village_criteria")):
        filled = crit[key] if name != "groups" else groups
        if filled and key not in sets:
            out.add(WORKBOOK, t("criteria_set_missing", sheet=BY_TABLE[name].name, set=labels[key]), set_sheet.name)
    return sets


ASSIGNMENT_KINDS = ("criterion_leads", "group_directors", "village_party_members")


def _assignments(case_dir: Path, tables: dict[str, Table], out: Collector) -> Table | None:
    """Assignment rows (kind, code, officer): the Phân công sheet, else assignments.yaml flattened."""
    path = case_dir / "assignments.yaml"
    if "assignments" in tables:
        if path.exists():
            out.add(path.name, t("source_conflict", sheet=BY_TABLE["assignments"].name, book=WORKBOOK))
        return tables["assignments"]
    if not path.exists():
        return None
    table = Table(path.name, [])
    for key, mapping in (read_yaml(path, path.name, out) or {}).items():
        if key not in ASSIGNMENT_KINDS:
            out.add(table.file, t("field_unknown"), field=str(key))
        elif not isinstance(mapping, dict):
            out.add(table.file, t("field_invalid", detail="cần bảng mã → người"), field=key)
        else:
            table.rows += [(f"{key}.{code}", {"kind": key, "code": str(code), "officer": str(officer)})
                           for code, officer in mapping.items()]
    return table


def _declared(table: Table | None, key: str) -> set[str]:
    """Every id a table's rows declare, valid rows or not."""
    return {str(row[key]) for _, row in table.rows if key in row} if table else set()


def _apply_assignments(table: Table | None, sets: dict, villages: list[Village], officer_ids: set[str],
                       declared: dict[str, set[str]], out: Collector) -> None:
    """Fold assignment rows (who leads, directs, is in charge) into the criteria and villages."""
    if table is None:
        return
    commune = sets.get("commune")
    targets = {
        "criterion_leads": ("tiêu chí", "lead", commune.criteria if commune else []),
        "group_directors": ("nhóm tiêu chí", "director", commune.groups if commune else []),
        "village_party_members": ("thôn", "party_member", villages),
    }
    for record, row in table.rows:
        for key in set(row) - {"kind", "code", "officer"}:
            table.add(out, t("field_unknown"), record, key)
        missing = [f for f in ("kind", "code", "officer") if not row.get(f)]
        for field in missing:
            table.add(out, t("field_required"), record, field)
        if missing or row["kind"] not in targets:  # a bad kind label was reported by the reader
            continue
        kind, attr, items = targets[row["kind"]]
        code, officer = str(row["code"]), str(row["officer"])
        target = next((x for x in items if x.code == code), None)
        if target is None:
            if code not in declared.get(row["kind"], set()):
                table.add(out, t("ref_unknown", kind=kind, ref=code), record, "code")
        elif officer not in officer_ids:
            table.add(out, t("ref_unknown", kind="cán bộ", ref=officer), record, "officer")
        else:
            setattr(target, attr, officer)


def _apply_dossier(table: Table | None, commune: CriteriaSet | None, out: Collector) -> None:
    """Fold dossier rows (criterion, item) into each criterion's checklist."""
    if table is None:
        return
    for record, row in table.rows:
        for key in set(row) - {"criterion", "item"}:
            table.add(out, t("field_unknown"), record, key)
        code, item = str(row.get("criterion", "")), row.get("item")
        if not item:
            table.add(out, t("field_required"), record, "item")
            continue
        target = next((c for c in (commune.criteria if commune else []) if c.code == code), None)
        if target is None:
            table.add(out, t("ref_unknown", kind="tiêu chí", ref=code), record, "criterion")
        else:
            target.dossier.append(nfc(str(item)))


def _check_refs(head, signers, dispatch, task_table: Table | None, ids: set[str], villages, sets,
                out: Collector) -> None:
    """Cross-file references: every officer, signer, criterion and group named must exist."""

    def officer_ref(file: str, record: str | None, field: str, ref: str | None) -> None:
        if ref and ref not in ids:
            out.add(file, t("ref_unknown", kind="cán bộ", ref=ref), record, field)

    officer_ref(CASE_FILE, None, "collector", head.get("collector"))
    if dispatch is not None:
        if signers and dispatch.signer not in signers:
            out.add(DISPATCH_FILE, t("ref_unknown", kind="người ký", ref=dispatch.signer), None, "signer")
        for i, task in enumerate(dispatch.tasks):
            if task_table is not None:
                file, record = WORKBOOK, task_table.rows[i][0]
                add = functools.partial(task_table.add, out)
            else:
                file, record = DISPATCH_FILE, f"tasks[{i + 1}]"
                add = functools.partial(out.add, file)
            if task.report_to and task.report_to not in ids:
                add(t("ref_unknown", kind="cán bộ", ref=task.report_to), record, "report_to")
            if task.units in ("villages", "village_party_members") and not villages:
                add(t("field_invalid", detail="cần danh sách thôn"), record, "units")
            if task.units in ("criterion_leads", "group_directors") and not sets.get("commune"):
                add(t("field_invalid", detail="cần bộ tiêu chí xã"), record, "units")
            if task.form == "village_assessment" and not sets.get("village"):
                add(t("field_invalid", detail="cần bộ tiêu chí thôn"), record, "form")
    for v in villages:
        officer_ref("villages", v.code, "party_member", v.party_member)
    commune = sets.get("commune")
    if commune:
        codes = {c.code for c in commune.criteria}
        for c in commune.criteria:
            officer_ref("criteria.yaml", f"commune.criteria.{c.code}", "lead", c.lead)
        for g in commune.groups:
            officer_ref("criteria.yaml", f"commune.groups.{g.code}", "director", g.director)
            for code in g.criteria:
                if code not in codes:
                    out.add("criteria.yaml", t("ref_unknown", kind="tiêu chí", ref=code), f"commune.groups.{g.code}",
                            "criteria")


def _shipped_groups(case: Case) -> bool:
    """Whether the library set the case names brings its own groups (then they are not the case's)."""
    from .criteria_library import library

    lib = library().get(case.criteria.commune) if case.criteria and case.criteria.commune else None
    return bool(lib and lib.groups)


def tables_of(case: Case) -> dict[str, list[dict]]:
    """The case's record lists as rows per table (the workbook's tables): the inverse of ``load_case``.

    Leads, directors and village Party members become Phân công rows; dossier items become Hồ sơ
    rows. Indicators, leads and dossiers exist for commune criteria only (as in the YAML files).
    """
    commune, village = case.commune_criteria, case.village_criteria
    # a set named from the library (issue 15) stays there: only what the clerk typed is written
    own = {key: s for key, s in (("commune", commune), ("village", village))
           if s and not (case.criteria and getattr(case.criteria, key))}
    own_groups = commune.groups if commune and ("commune" in own or not _shipped_groups(case)) else []
    sets = [{"set": key, **s.model_dump(include={"id", "name", "basis", "note", "placeholder_names"})}
            for key, s in own.items()]
    crits = commune.criteria if commune else []
    return {
        "villages": [v.model_dump(exclude={"party_member"}) for v in case.villages],
        "officers": [o.model_dump() for o in case.officers],
        "criteria_sets": sets,
        "groups": [g.model_dump(exclude={"director"}) for g in own_groups],
        "commune_criteria": [{"code": c.code, "name": c.name} for c in crits] if "commune" in own else [],
        "indicators": [{"criterion": c.code, **i.model_dump()} for c in crits for i in c.indicators if not i.shipped],
        "village_criteria": [{"code": c.code, "name": c.name} for c in (village.criteria if "village" in own else [])],
        "assignments": [{"kind": "criterion_leads", "code": c.code, "officer": c.lead} for c in crits if c.lead]
        + [{"kind": "group_directors", "code": g.code, "officer": g.director} for g in (commune.groups if commune else []) if g.director]
        + [{"kind": "village_party_members", "code": v.code, "officer": v.party_member}
           for v in case.villages if v.party_member],
        "dossier": [{"criterion": c.code, "item": item} for c in crits for item in c.dossier],
        "recipients": [{"text": r} for r in case.dispatch.recipients],
        "tasks": [task.model_dump() for task in case.dispatch.tasks],
    }


def load_settings(case_dir: str | Path, file_name: str, model: type[BaseModel]) -> BaseModel | None:
    """An optional settings file of the case (e.g. ``report.yaml``) validated by ``model``.

    None when the file is absent (the stage then uses its defaults); ``RecordError`` naming the
    file, record and field when it is present but wrong, with the same wording as the case files.
    """
    path = Path(case_dir) / file_name
    if not path.exists():
        return None
    out = Collector()
    data = read_yaml(path, file_name, out)
    value = out.validate(model, data, file_name) if data is not None else None
    if out.problems:
        raise RecordError(out.problems)
    return value

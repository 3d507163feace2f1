"""Read a case folder (YAML files, tabular lists as CSV or YAML) into a validated ``Case``.

Every problem in every file is collected and raised at once as one ``RecordError``, one line per
problem naming the file, the record and the field (copier's settings loader, mkdocs' per-key log).
Downstream code trusts the ``Case`` it gets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import Problem, RecordError
from .messages import t
from .models import Agency, Case, CriteriaSet, Dispatch, Officer, Signer, Village
from .text import nfc

CASE_FILE = "case.yaml"
DISPATCH_FILE = "dispatch.yaml"
TABLES = ("officers", "villages", "dossier")
STATE_DIR = ".dispatch-gen"  # register, answers store and archive live here, inside the case


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates are validated by the models, with a field name."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


class _Collector:
    """Accumulates problems across files so the clerk sees all of them in one run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, reason: str, record: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file=file, reason=reason, record=record, field=field))

    def validate(self, model: type[BaseModel], data: Any, file: str, record: str | None = None):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                rec, field = _locate(err["loc"], record)
                self.add(file, _reason(err), rec, field)
            return None


def _locate(loc: tuple, record: str | None) -> tuple[str | None, str | None]:
    """Split a pydantic location into a record label (``tasks[2]``) and a field name."""
    parts: list[str] = [record] if record else []
    for p in loc[:-1]:
        if isinstance(p, int):
            if parts:
                parts[-1] = f"{parts[-1]}[{p + 1}]"
            else:
                parts.append(f"[{p + 1}]")
        else:
            parts.append(str(p))
    last = loc[-1] if loc else None
    if isinstance(last, int):
        parts.append(f"[{last + 1}]") if not parts else parts.__setitem__(-1, f"{parts[-1]}[{last + 1}]")
        last = None
    return (".".join(parts) or None), (str(last) if last is not None else None)


def _reason(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return t("field_required")
    if kind == "extra_forbidden":
        return t("field_unknown")
    if kind.startswith("date") or ("date" in err.get("msg", "") and kind == "value_error"):
        return t("date_invalid", value=err.get("input"))
    msg = err.get("msg", "")
    if kind == "value_error" and ("day is out of range" in msg or "month must be" in msg):
        return t("date_invalid", value=err.get("input"))
    return t("field_invalid", detail=msg.removeprefix("Value error, "))


def _read_text(path: Path, label: str, out: _Collector) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        out.add(label, t("file_missing"))
        return None
    except OSError as exc:
        out.add(label, t("output_unwritable", detail=exc.strerror))
        return None
    if not raw.strip():
        out.add(label, t("file_empty"))
        return None
    try:
        return nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        out.add(label, t("file_binary"))
        return None


def _read_yaml(path: Path, label: str, out: _Collector) -> Any:
    source = _read_text(path, label, out)
    if source is None:
        return None
    if "\x00" in source:
        out.add(label, t("file_binary"))
        return None
    try:
        data = yaml.load(source, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        out.add(label, t("yaml_syntax", line=mark.line + 1 if mark else "?", column=mark.column + 1 if mark else "?",
                         detail=getattr(exc, "problem", None) or str(exc)))
        return None
    if not isinstance(data, dict):
        out.add(label, t("yaml_not_mapping"))
        return None
    return data


def _read_table(case_dir: Path, name: str, out: _Collector) -> tuple[str, list[tuple[str, dict]]] | None:
    """Rows of ``name.csv`` or ``name.yaml`` as (record label, dict); None when the table is absent."""
    csv_path, yaml_path = case_dir / f"{name}.csv", case_dir / f"{name}.yaml"
    if csv_path.exists():
        label = csv_path.name
        source = _read_text(csv_path, label, out)
        if source is None:
            return label, []
        try:
            reader = csv.DictReader(io.StringIO(source))
            rows = []
            for i, row in enumerate(reader, start=2):
                if None in row:
                    out.add(label, t("csv_error", detail="thừa cột"), f"dòng {i}")
                    continue
                cleaned = {k.strip(): _bool_cell(v) for k, v in row.items() if k and v is not None and v.strip()}
                if cleaned:
                    rows.append((f"dòng {i}", cleaned))
            return label, rows
        except csv.Error as exc:
            out.add(label, t("csv_error", detail=str(exc)))
            return label, []
    if yaml_path.exists():
        label = yaml_path.name
        data = _read_yaml(yaml_path, label, out)
        if data is None:
            return label, []
        items = data.get(name)
        if not isinstance(items, list) or len(data) != 1:
            out.add(label, t("field_invalid", detail=f"cần một danh sách dưới khóa «{name}»"))
            return label, []
        return label, [(f"{name}[{i + 1}]", row) for i, row in enumerate(items)]
    return None


def _bool_cell(value: str) -> Any:
    value = value.strip()
    if value.lower() in ("x", "có", "yes", "true"):
        return True
    if value.lower() in ("không", "no", "false"):
        return False
    return value


def _rows(table, model: type[BaseModel], out: _Collector) -> list:
    if table is None:
        return []
    label, rows = table
    objs = []
    for record, row in rows:
        obj = out.validate(model, row, label, record)
        if obj is not None:
            objs.append(obj)
    return objs


def _unique(items: Iterable, key: str, file: str, out: _Collector) -> None:
    seen: set[str] = set()
    for obj in items:
        value = getattr(obj, key)
        if value in seen:
            out.add(file, t("duplicate_id", ref=value), field=key)
        seen.add(value)


def load_case(case_dir: str | Path) -> Case:
    """Load and cross-check a case folder; raise ``RecordError`` listing every problem."""
    case_dir = Path(case_dir)
    out = _Collector()
    if not case_dir.exists():
        raise RecordError([Problem(file=str(case_dir), reason=t("case_missing"))])
    if not case_dir.is_dir():
        raise RecordError([Problem(file=str(case_dir), reason=t("case_not_dir"))])

    head = _read_yaml(case_dir / CASE_FILE, CASE_FILE, out) or {}
    dispatch_data = _read_yaml(case_dir / DISPATCH_FILE, DISPATCH_FILE, out)
    criteria = _read_yaml(case_dir / "criteria.yaml", "criteria.yaml", out) if (case_dir / "criteria.yaml").exists() else {}
    assignments = _read_yaml(case_dir / "assignments.yaml", "assignments.yaml", out) if (case_dir / "assignments.yaml").exists() else {}
    tables = {name: _read_table(case_dir, name, out) for name in TABLES}

    fields: dict[str, Any] = {}
    known_head = {"id", "title", "agency", "signers", "collector"}
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
        out.add(CASE_FILE, t("field_invalid", detail="signers phải là bảng mã → người ký"), field="signers")
    dispatch = out.validate(Dispatch, dispatch_data, DISPATCH_FILE) if dispatch_data is not None else None

    officers = _rows(tables["officers"], Officer, out)
    villages = _rows(tables["villages"], Village, out)
    sets: dict[str, CriteriaSet | None] = {}
    for key in ("commune", "village"):
        if criteria and key in criteria:
            sets[key] = out.validate(CriteriaSet, criteria[key], "criteria.yaml", key)
    for key in criteria or {}:
        if key not in ("commune", "village"):
            out.add("criteria.yaml", t("field_unknown"), field=str(key))

    _apply_assignments(assignments or {}, sets, villages, out)
    _apply_dossier(tables["dossier"], sets.get("commune"), out)
    _check_refs(head, signers, dispatch, officers, villages, sets, out)
    if tables["officers"]:
        _unique(officers, "id", tables["officers"][0], out)
    if tables["villages"]:
        _unique(villages, "code", tables["villages"][0], out)

    if out.problems:
        raise RecordError(out.problems)
    return Case(id=head["id"], title=head["title"], agency=fields["agency"], signers=signers,
                collector=head.get("collector"), dispatch=dispatch, officers=officers, villages=villages,
                commune_criteria=sets.get("commune"), village_criteria=sets.get("village"))


def _apply_assignments(data: dict, sets: dict, villages: list[Village], out: _Collector) -> None:
    """Fold assignments.yaml (who leads, directs, is in charge) into the criteria and villages."""
    label = "assignments.yaml"
    commune = sets.get("commune")
    for key, mapping in data.items():
        if key not in ("criterion_leads", "group_directors", "village_party_members"):
            out.add(label, t("field_unknown"), field=str(key))
            continue
        if not isinstance(mapping, dict):
            out.add(label, t("field_invalid", detail="cần bảng mã → người"), field=key)
            continue
        for code, officer in mapping.items():
            code, officer = str(code), str(officer)
            if key == "criterion_leads":
                target = next((c for c in (commune.criteria if commune else []) if c.code == code), None)
                if target is None:
                    out.add(label, t("ref_unknown", kind="tiêu chí", ref=code), key, code)
                else:
                    target.lead = officer
            elif key == "group_directors":
                target = next((g for g in (commune.groups if commune else []) if g.code == code), None)
                if target is None:
                    out.add(label, t("ref_unknown", kind="nhóm tiêu chí", ref=code), key, code)
                else:
                    target.director = officer
            else:
                target = next((v for v in villages if v.code == code), None)
                if target is None:
                    out.add(label, t("ref_unknown", kind="thôn", ref=code), key, code)
                else:
                    target.party_member = officer


def _apply_dossier(table, commune: CriteriaSet | None, out: _Collector) -> None:
    """Fold dossier rows (criterion, item) into each criterion's checklist."""
    if table is None:
        return
    label, rows = table
    for record, row in rows:
        unknown = set(row) - {"criterion", "item"}
        for key in unknown:
            out.add(label, t("field_unknown"), record, key)
        code, item = str(row.get("criterion", "")), row.get("item")
        if not item:
            out.add(label, t("field_required"), record, "item")
            continue
        target = next((c for c in (commune.criteria if commune else []) if c.code == code), None)
        if target is None:
            out.add(label, t("ref_unknown", kind="tiêu chí", ref=code), record, "criterion")
        else:
            target.dossier.append(nfc(str(item)))


def _check_refs(head, signers, dispatch, officers, villages, sets, out: _Collector) -> None:
    """Cross-file references: every officer, signer, criterion and group named must exist."""
    ids = {o.id for o in officers}

    def officer_ref(file: str, record: str | None, field: str, ref: str | None) -> None:
        if ref and ref not in ids:
            out.add(file, t("ref_unknown", kind="cán bộ (officers)", ref=ref), record, field)

    officer_ref(CASE_FILE, None, "collector", head.get("collector"))
    if dispatch is not None:
        if signers and dispatch.signer not in signers:
            out.add(DISPATCH_FILE, t("ref_unknown", kind="người ký (signers)", ref=dispatch.signer), None, "signer")
        for i, task in enumerate(dispatch.tasks):
            record = f"tasks[{i + 1}]"
            officer_ref(DISPATCH_FILE, record, "report_to", task.report_to)
            if task.units in ("villages", "village_party_members") and not villages:
                out.add(DISPATCH_FILE, t("field_invalid", detail="cần danh sách thôn (villages.csv)"), record, "units")
            if task.units in ("criterion_leads", "group_directors") and not sets.get("commune"):
                out.add(DISPATCH_FILE, t("field_invalid", detail="cần bộ tiêu chí xã (criteria.yaml › commune)"),
                        record, "units")
            if task.form == "village_assessment" and not sets.get("village"):
                out.add(DISPATCH_FILE, t("field_invalid", detail="cần bộ tiêu chí thôn (criteria.yaml › village)"),
                        record, "form")
    for v in villages:
        officer_ref("villages", v.code, "party_member", v.party_member)
    commune = sets.get("commune")
    if commune:
        codes = {c.code for c in commune.criteria}
        for c in commune.criteria:
            officer_ref("assignments.yaml", "criterion_leads", c.code, c.lead)
        for g in commune.groups:
            officer_ref("assignments.yaml", "group_directors", g.code, g.director)
            for code in g.criteria:
                if code not in codes:
                    out.add("criteria.yaml", t("ref_unknown", kind="tiêu chí", ref=code), f"commune.groups.{g.code}",
                            "criteria")

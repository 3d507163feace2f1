"""Stage: every current answer out of the store — field by field as JSON, for people as Excel.

JSON record fields are a CONTRACT (other tools read them): ``unit``, ``form``, ``field`` (the tag),
``value``, ``file`` (name of the received file), ``received_at``. ``value`` is the text as typed
(line breaks kept), a date as ``YYYY-MM-DD``, a drop-down as its displayed item, a checkbox as
true/false, and null/empty when the field was left blank. Only current forms are exported
(superseded versions stay in the store as history). Order: units as ``expected_units``, fields as
the form asks them.

Excel (issue 13) is for the clerk: one sheet per kind of table (village criteria, indicators, work,
dossier, group follow-up), one row per unit and criterion (or indicator, item), the form's own
Vietnamese column headers, unit and criterion names instead of tags, dates as real dates, the time
received in the local time it was recorded. Text cells are never formulas.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import output
from .case import roles
from .case.models import Case, tag_for
from .forms.spec import form_specs
from .messages import t
from .store import Store

if TYPE_CHECKING:
    from .workspace import OpenedCase

FIELDS = ("unit", "form", "field", "value", "file", "received_at")


def export(opened: OpenedCase, out: Path) -> Path:
    """Write every current answer of the opened case to ``out`` (``.json`` or ``.xlsx``, by suffix); return it."""
    out = output.require_suffix(Path(out), (".json", ".xlsx"))
    case = opened.case
    with opened.reading() as db:
        if out.suffix.lower() == ".json":
            records = answer_records(case, db)
            text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
            return output.write_atomic(out, text.encode("utf-8"))
        return _write_xlsx(out, case, db)


def answer_records(case: Case, db: Store) -> list[dict[str, Any]]:
    """The export records, in form order; units or tags the case no longer knows come last."""
    unit_order = {code: i for i, code in enumerate(form_specs(case))}
    field_order = {(code, f.tag): i for code, spec in form_specs(case).items() for i, f in enumerate(spec.fields)}
    rows = db.answers_current()
    rows.sort(key=lambda r: (unit_order.get(r["unit"], len(unit_order)), r["unit"],
                             field_order.get((r["unit"], r["tag"]), len(field_order))))
    return [{"unit": r["unit"], "form": r["form"], "field": r["tag"], "value": value_of(r["kind"], r["value"]),
             "file": r["file_name"], "received_at": r["received_at"]} for r in rows]


def value_of(kind: str, stored: str | None) -> str | bool | None:
    """A stored answer as exported: checkboxes become booleans, the rest stay text."""
    if stored is None:
        return None
    if kind == "checkbox":
        return stored == "true"
    return stored


SHEETS = {"kdc": "export_sheet_kdc", "ct": "export_sheet_ct", "cv": "export_sheet_cv", "hs": "export_sheet_hs",
          "td": "export_sheet_td"}


def _write_xlsx(out: Path, case: Case, db: Store) -> Path:
    from .workbook import write_tables

    return write_tables(out, human_sheets(case, db))


def human_sheets(case: Case, db: Store) -> list[tuple[str, tuple[str, ...], tuple[int, ...], list[list[Any]], None]]:
    """The answers as the clerk reads them: per table kind, one row per unit and table row."""
    import datetime as dt

    from .status import form_units

    specs, units = form_specs(case), form_units(case)
    by_unit: dict[str, dict[str, dict[str, Any]]] = {}
    for r in db.answers_current():
        by_unit.setdefault(r["unit"], {})[r["tag"]] = r
    tables: dict[str, tuple[tuple[str, ...], tuple[int, ...], list[list[Any]]]] = {}
    for code, spec in specs.items():
        answers = by_unit.get(code)
        if not answers:
            continue
        first = next(iter(answers.values()))
        received = dt.datetime.fromisoformat(first["received_at"]).replace(tzinfo=None, microsecond=0)
        for section in spec.sections:
            fixed_cols = [c for c in section.columns if c.kind is None][1:]  # after the code column
            answer_cols = [c for c in section.columns if c.kind is not None]
            headers = (t("export_col_unit"), t("export_col_code"), *(c.header for c in fixed_cols),
                       *(c.header for c in answer_cols), t("export_col_file"), t("export_col_received"))
            widths = (28, 8, *(40 for _ in fixed_cols), *(_width(c.kind) for c in answer_cols), 30, 17)
            rows = tables.setdefault(section.key, (headers, widths, []))[2]
            for row in section.rows:
                values = [_cell(answers.get(tag_for(section.key, row.key, c.key)), c.kind) for c in answer_cols]
                rows.append([units[code].name if code in units else code, row.key, *row.fixed[1:len(fixed_cols) + 1],
                             *values, first["file_name"], received])
    units_word = roles.units_word(case)  # «Tiêu chí ấp, khu phố»: a commune with no thôn never reads «thôn»
    return [(t(SHEETS.get(key, "export_sheet_other"), units=units_word), headers, widths, rows, None)
            for key, (headers, widths, rows) in tables.items()] or \
        [(t("export_sheet_empty"), (t("export_col_unit"),), (40,), [], None)]


def _width(kind: str | None) -> int:
    return {"multiline": 40, "text": 24, "date": 12, "dropdown": 14, "checkbox": 8}.get(kind or "", 20)


def _cell(answer: dict[str, Any] | None, kind: str | None) -> Any:
    """A stored answer as a spreadsheet value: a real date, Có for a ticked box, text as typed."""
    import datetime as dt

    if answer is None or answer["value"] in (None, ""):
        return None
    value = answer["value"]
    if kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # kept as typed and flagged by collect: the clerk sees what was written
    if kind == "checkbox":
        return t("export_yes") if value == "true" else None
    return value

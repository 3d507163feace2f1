"""Stage: every current answer out of the store, one record per field, as JSON or Excel.

Record fields are a CONTRACT (other tools read them): ``unit``, ``form``, ``field`` (the tag),
``value``, ``file`` (name of the received file), ``received_at``. ``value`` is the text as typed
(line breaks kept), a date as ``YYYY-MM-DD``, a drop-down as its displayed item, a checkbox as
true/false, and null/empty when the field was left blank. Only current forms are exported
(superseded versions stay in the store as history). Order: units as ``expected_units``, fields as
the form asks them. Excel cells are always written as text, so an answer starting with ``=`` is
never turned into a formula.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import output
from .formspec import form_specs
from .models import Case
from .store import Store

FIELDS = ("unit", "form", "field", "value", "file", "received_at")
HEADERS = ("Đơn vị (unit)", "Mẫu phiếu (form)", "Ô trả lời (field)", "Nội dung (value)",
           "Tệp đã nhận (file)", "Thời điểm nhận (received_at)")
_WIDTHS = (12, 20, 24, 60, 36, 26)


def export(case: Case, db: Store, out: Path) -> Path:
    """Write every current answer to ``out`` (``.json`` or ``.xlsx``, by suffix) and return it."""
    out = output.require_suffix(Path(out), (".json", ".xlsx"))
    suffix = out.suffix.lower()
    records = answer_records(case, db)
    if suffix == ".json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        return output.write_atomic(out, text.encode("utf-8"))
    return _write_xlsx(out, records)


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


def _write_xlsx(out: Path, records: list[dict[str, Any]]) -> Path:
    from .workbook import write_table

    rows = [[rec[key] for key in FIELDS] for rec in records]
    return write_table(out, "Kết quả", HEADERS, _WIDTHS, rows)

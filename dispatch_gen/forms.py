"""Stage: one fillable Word form per unit a task of the dispatch names (villages, leads, directors).

What each form asks comes from ``formspec`` (shared with ``collect``); the .docx is built by
``word.formdoc`` and written through ``output``. File names carry the unit code and a readable slug
(``thon-01-thon-1.docx``, ``tc-02-giao-thong.docx``); the form's identity travels inside the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import text
from .errors import Problem, RecordError
from .formspec import form_spec
from .messages import t
from .models import Case, Unit, expected_units
from .output import ensure_dir, inside, write_atomic
from .word.formdoc import build_form

log = logging.getLogger(__name__)


def form_file_name(case: Case, unit: Unit) -> str:
    """``<unit-code>-<slug>.docx``: the slug names the village, criterion or group in ASCII."""
    crit = case.commune_criteria
    name = unit.name
    if unit.form == "criterion" and crit:
        name = next((c.name for c in crit.criteria if c.code == unit.subject), name)
    elif unit.form == "group_followup" and crit:
        name = next((g.name for g in crit.groups if g.code == unit.subject), name)
    return f"{unit.code}-{text.slugify(name)}.docx"


def make_forms(case: Case, out_dir: str | Path) -> list[Path]:
    """Write every unit's form into ``out_dir``; return the paths in unit order."""
    units = [u for u in expected_units(case) if u.form]
    if not units:
        raise RecordError([Problem("dispatch.yaml", t("forms_none"), "tasks", "form")])
    ensure_dir(Path(out_dir))
    written = []
    for unit in units:
        path = inside(out_dir, form_file_name(case, unit))
        written.append(write_atomic(path, build_form(form_spec(case, unit), case.agency.name_lines)))
        log.debug("form %s → %s", unit.code, path)
    return written

"""Stage: one fillable Word form per unit a task of the dispatch names (villages, leads, directors).

What each form asks comes from ``formspec`` (shared with ``collect``); the .docx is built by
``word.formdoc`` and written through ``output``. File names carry the unit code and a readable slug
(``thon-01-thon-1.docx``, ``tc-02-giao-thong.docx``); the form's identity travels inside the file.

A province makes thousands of forms at once: above ``POOL_THRESHOLD`` forms the work is split over
the machine's cores (forked workers, each writing its own files). Small runs stay in one process,
where a pool's start-up would cost more than it saves. The bytes do not depend on which process made
a form (``formdoc`` output is a function of the spec alone).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
from pathlib import Path
from typing import TYPE_CHECKING

from .. import text
from ..case.models import Case, Unit, expected_units
from ..errors import Problem, RecordError
from ..messages import t
from ..output import ensure_dir, inside, write_atomic_many
from ..parallel import worker_count
from ..word.formdoc import build_form
from .key import MAC_PROPERTY, identity_mac
from .spec import FormSpec, form_spec

if TYPE_CHECKING:
    from ..workspace import OpenedCase

log = logging.getLogger(__name__)

POOL_THRESHOLD = 200  # forms; below it one process is faster (pool start-up ≈ 20–50 ms)
CHUNK = 64  # forms per batch (one disk sync) and per task handed to a worker

_JOB: tuple[Case, list[tuple[Unit, Path, str | None]], bytes | None, tuple[str, str] | None] | None = None  # forked workers
UPLOAD_LABEL = "Nộp phiếu qua mạng"  # the identity line carrying the unit's own upload link (issue 14)


def form_file_name(case: Case, unit: Unit) -> str:
    """``<unit-code>-<slug>.docx``: the slug names the village, criterion or group in ASCII."""
    crit = case.commune_criteria
    name = unit.name
    if unit.form == "criterion" and crit:
        name = next((c.name for c in crit.criteria if c.code == unit.subject), name)
    elif unit.form == "group_followup" and crit:
        name = next((g.name for g in crit.groups if g.code == unit.subject), name)
    return f"{text.file_part(unit.code, 40)}-{text.slugify(name)}.docx"  # codes come from records: never raw


def make_forms(case: Case, out_dir: str | Path, *, processes: int | None = None,
               key: bytes | None = None, links: dict[str, str] | None = None,
               citation: tuple[str, str] | None = None) -> list[Path]:
    """Write every unit's form into ``out_dir``; return the paths in unit order.

    ``processes``: worker processes (default: one per core when there are many forms, else 1).
    ``key``: the case's form key (``case_form_key``); each form then carries its MAC (``formkey``).
    ``links``: unit code → its upload link (the web app's), printed on the form under its identity.
    ``citation``: the issued dispatch as the forms cite it (``OpenedCase.citation``); default: the draft's.
    """
    units = [u for u in expected_units(case) if u.form]
    if not units:
        raise RecordError([Problem("dispatch.yaml", t("forms_none"), "tasks", "form")])
    out = ensure_dir(Path(out_dir))
    jobs = [(unit, inside(out, form_file_name(case, unit)), (links or {}).get(unit.code)) for unit in units]
    workers = worker_count(len(jobs), processes, POOL_THRESHOLD, CHUNK)
    if workers <= 1:
        return [path for start in range(0, len(jobs), CHUNK)
                for path in _write_batch(case, jobs[start:start + CHUNK], key, citation)]
    return _pooled(case, jobs, workers, key, citation)


def case_form_key(opened: OpenedCase) -> bytes:
    """The case's form key, made on first use and kept in the case store (never printed)."""
    with opened.store() as db:
        key = db.form_key(create=True)
    assert key is not None  # created above
    return key


def _proof(spec: FormSpec, key: bytes | None) -> dict[str, str]:
    return {MAC_PROPERTY: identity_mac(key, spec.identity)} if key else {}


def _with_link(spec: FormSpec, link: str | None) -> FormSpec:
    """The spec with one more identity line, the upload link (printed only: collect never reads it)."""
    return dataclasses.replace(spec, info=(*spec.info, (UPLOAD_LABEL, link))) if link else spec


def _write_batch(case: Case, jobs: list[tuple[Unit, Path, str | None]], key: bytes | None,
                 citation: tuple[str, str] | None) -> list[Path]:
    """Build a batch of forms and write them together (one disk sync per batch, not per form)."""
    specs = [(path, _with_link(form_spec(case, unit, citation), link)) for unit, path, link in jobs]
    built = [(path, build_form(spec, case.agency.name_lines, _proof(spec, key))) for path, spec in specs]
    written = write_atomic_many(built)
    log.debug("forms %s … %s written", jobs[0][0].code, jobs[-1][0].code)
    return written


def _pooled(case: Case, jobs: list[tuple[Unit, Path, str | None]], workers: int, key: bytes | None,
            citation: tuple[str, str] | None) -> list[Path]:
    """Write the forms in forked workers, chunk by chunk, results in unit order."""
    global _JOB
    _JOB = (case, jobs, key, citation)  # the workers read it from their copy of this process: nothing is pickled
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written: list[Path] = []
            for result in pool.imap(_write_chunk, range(0, len(jobs), CHUNK)):
                if isinstance(result, RecordProblems):
                    raise RecordError(result.problems)
                written += result
            return written
    finally:
        _JOB = None


class RecordProblems:
    """A RecordError crossing the process boundary (the exception itself does not unpickle)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _write_chunk(start: int) -> list[Path] | RecordProblems:
    case, jobs, key, citation = _JOB
    try:
        return _write_batch(case, jobs[start:start + CHUNK], key, citation)
    except RecordError as exc:
        return RecordProblems(exc.problems)

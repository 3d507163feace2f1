"""Issue 17: the daily flow (collect today, status today) and the deadline day, table-driven.

Probes found that ``<= as_of`` could become ``< as_of`` (a form received today counted as not
received, and its unit named in the reminder) and that "not due" vs "overdue" on the deadline day
was untested. Each row below is one (receipt day, as-of day) against the sample's 23/11/2024 deadline.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hardening import SAMPLE, filled

from dispatch_gen.case.records import load_case
from dispatch_gen.collect.stage import collect
from dispatch_gen.report.reminder_wording import units_to_remind
from dispatch_gen.status import status
from dispatch_gen.store import open_store
from dispatch_gen.workspace import OpenedCase

DEADLINE = dt.date(2024, 11, 23)
DAY = dt.timedelta(days=1)
UNIT = "thon-01"


@pytest.fixture
def case_dir(tmp_path):
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    return dst


def _state_of(case_dir, as_of: dt.date, received: dt.date | None):
    case = load_case(case_dir)
    if received is not None:
        form = case_dir.parent / f"{UNIT}.docx"
        form.write_bytes(filled(UNIT))
        collect(OpenedCase.of(case, case_dir), [form], received)
    with open_store(case_dir) as db:
        rows = status(case, db, as_of)
    row = next(r for r in rows if r.unit == UNIT)
    return row, {r.unit for r in units_to_remind(rows)}


@pytest.mark.parametrize(("received", "as_of", "state", "detail"), [
    (None, DEADLINE - DAY, "missing", "not_due"),
    (None, DEADLINE, "missing", "not_due"),          # the deadline day itself is not yet overdue
    (None, DEADLINE + DAY, "missing", "overdue"),
    (DEADLINE - DAY, DEADLINE - DAY, "on_time", None),  # collected today, status today
    (DEADLINE, DEADLINE, "on_time", None),           # received on the deadline day: on time
    (DEADLINE + DAY, DEADLINE + DAY, "late", None),  # received today, after the deadline
    (DEADLINE + DAY, DEADLINE, "missing", "not_due"),  # replaying an earlier day ignores later receipts
])
def test_state_on_the_as_of_day(case_dir, received, as_of, state, detail):
    row, remind = _state_of(case_dir, as_of, received)
    assert (row.state, row.detail) == (state, detail)
    assert row.deadline == DEADLINE.isoformat()
    assert (UNIT in remind) == (state == "missing")


def test_a_form_collected_today_is_not_named_in_todays_reminder(case_dir):
    today = dt.date.today()
    row, remind = _state_of(case_dir, today, today)
    assert row.state in ("on_time", "late") and UNIT not in remind

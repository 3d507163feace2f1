"""Stage: who has reported — every expected unit with its state on a given day.

States (a CONTRACT, JSON field ``state``): ``on_time``, ``late``, ``missing``, ``rejected``.

- A unit's obligation is met by its FIRST accepted form: ``on_time`` when that form was received on
  or before the deadline day (end of day, local time of receipt), ``late`` after it. A later
  correction (a newer version superseding it) does not make a punctual unit late; the current
  form's file and time are reported beside it (``file``, ``updated_at``).
- ``rejected``: nothing accepted, but at least one file from the unit was refused (``reason``).
- ``missing``: nothing received. ``detail`` says ``not_due`` (as-of day on or before the deadline)
  or ``overdue``; the state itself stays ``missing`` either way.
- Units whose task has no deadline (e.g. group follow-up sheets) are judged by receipt only:
  ``on_time`` once accepted, never ``late``; ``detail`` is None while missing.
``as_of`` replays the store as it stood at the end of that day: later receipts are ignored.

What the unit sent (issue 11, JSON ``submission``, ``missing``, ``clarify``): ``complete``, ``partial``
(``missing``: the required answers it lacks, in words) or ``empty`` (a blank form: no submission, so
the unit stays ``missing``); ``clarify`` lists answers kept as typed that need clarifying. Withdrawn
receipts (``collect --undo``) count for nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .case.models import Case, Unit, expected_units
from .messages import t
from .store import Store

if TYPE_CHECKING:
    from .workspace import OpenedCase

State = Literal["on_time", "late", "missing", "rejected"]
STATES: tuple[State, ...] = ("on_time", "late", "missing", "rejected")


@dataclass(frozen=True)
class UnitStatus:
    """One expected unit's state; ``as_json()`` is the ``status --json`` record."""

    unit: str
    name: str
    form: str
    task: str
    deadline: str | None
    state: State
    received_at: str | None  # when the obligation was met (first accepted) / last refusal
    file: str | None  # current form's received file name (or the refused file's)
    updated_at: str | None = None  # current form's received_at when a newer version replaced the first
    detail: str | None = None  # missing: "not_due" | "overdue"
    reason: str | None = None  # rejected: why the last file was refused
    submission: str | None = None  # complete | partial | empty; None: nothing (or a refusal) received
    missing: tuple[str, ...] = ()  # partial: required answers the current form lacks, in words
    clarify: tuple[str, ...] = ()  # answers of the current form kept as typed, flagged

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


AS_OF_AHEAD = dt.timedelta(days=31)
"""How far past the case's own dates ``--as-of`` may look: one month, the rhythm of the steering
committee's meetings. Preparing tomorrow's (or next week's) meeting is legitimate; 2062 for 2026, or
a day and month swapped, is a typo that would count every unit late and date the report years ahead."""


@dataclass(frozen=True)
class AsOfHorizon:
    """The latest day a case may be judged on, and the case date it follows (``basis``: ``today``,
    ``deadline``, ``dispatch``)."""

    limit: dt.date
    basis: str
    day: dt.date


def as_of_horizon(case: Case, today: dt.date) -> AsOfHorizon:
    """``AS_OF_AHEAD`` after the latest of today, the tasks' deadlines and the dispatch's date."""
    d = case.dispatch.date
    dates = [(today, "today"), *((task.deadline, "deadline") for task in case.dispatch.tasks if task.deadline),
             (dt.date(d.year, d.month, d.day or 1), "dispatch")]
    day, basis = max(dates, key=lambda pair: pair[0])  # ties: the first listed (today) names the basis
    return AsOfHorizon(day + AS_OF_AHEAD, basis, day)


def judge_as_of(case: Case, as_of: dt.date, today: dt.date) -> tuple[Literal["past", "ahead", "far"], AsOfHorizon]:
    """``past`` (today or before: the store replayed), ``ahead`` (after today, within the horizon:
    accepted with a warning), ``far`` (past the horizon: refused)."""
    horizon = as_of_horizon(case, today)
    verdict = "past" if as_of <= today else "ahead" if as_of <= horizon.limit else "far"
    return verdict, horizon


def received_day(stamp: str) -> dt.date:
    """The calendar day of a receipt, in the local time it was recorded with."""
    return dt.datetime.fromisoformat(stamp).date()


def _instant(stamp: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.astimezone()


def status(case: Case, db: Store, as_of: dt.date | None = None) -> list[UnitStatus]:
    """Every unit that returns a form, in ``expected_units`` order, with its state on ``as_of``."""
    as_of = as_of or dt.date.today()
    rows = [r for r in db.submissions() if r["unit"] and not r.get("withdrawn_at")
            and received_day(r["received_at"]) <= as_of]
    flags = db.answer_flags()
    out: list[UnitStatus] = []
    seen: set[str] = set()
    for unit in expected_units(case):
        if not unit.form or unit.code in seen:
            continue
        seen.add(unit.code)
        mine = sorted((r for r in rows if r["unit"] == unit.code),
                      key=lambda r: (_instant(r["received_at"]), r["id"]))
        out.append(_unit_status(unit, mine, as_of, flags))
    return out


def case_status(opened: OpenedCase, as_of: dt.date) -> tuple[list[UnitStatus], list[str]]:
    """The ``status`` stage on the opened case: every unit's state on ``as_of`` (``status``) and the
    lines for refused files of no known unit (``unattributed_lines``), read in one store session."""
    with opened.reading() as db:
        return status(opened.case, db, as_of), unattributed_lines(db, as_of)


def unattributed_lines(db: Store, as_of: dt.date) -> list[str]:
    """Refused files whose unit nobody could tell (a photo named «zalo.png»…): counted, named, with why.

    They belong to no row of the call list, yet the clerk must see them (issue 11): one line each.
    """
    rows = [r for r in db.submissions() if not r["unit"] and r["status"] == "rejected"
            and received_day(r["received_at"]) <= as_of]
    if not rows:
        return []
    return [t("status_unattributed", count=len(rows))] + [
        t("status_unattributed_line", file=r["file_name"], reason=r["reason"] or "") for r in rows]


def _unit_status(unit, rows: list[dict[str, Any]], as_of: dt.date, flags: dict[int, list[str]]) -> UnitStatus:
    base = {"unit": unit.code, "name": unit.name, "form": unit.form, "task": unit.task,
            "deadline": unit.deadline.isoformat() if unit.deadline else None}
    accepted = [r for r in rows if r["status"] in ("accepted", "superseded")]
    if accepted:
        first, current = accepted[0], accepted[-1]
        late = unit.deadline is not None and received_day(first["received_at"]) > unit.deadline
        return UnitStatus(**base, state="late" if late else "on_time", received_at=first["received_at"],
                          file=current["file_name"],
                          updated_at=current["received_at"] if current is not first else None,
                          submission=current.get("submission"), missing=tuple(current.get("missing") or ()),
                          clarify=tuple(flags.get(current["id"], ())))
    blank = [r for r in rows if r.get("submission") == "empty"]
    refused = [r for r in rows if r["status"] == "rejected" and r.get("submission") != "empty"]
    if refused:
        last = refused[-1]
        return UnitStatus(**base, state="rejected", received_at=last["received_at"],
                          file=last["file_name"], reason=last["reason"])
    detail = None
    if unit.deadline is not None:
        detail = "not_due" if as_of <= unit.deadline else "overdue"
    if blank:  # a blank form is no submission: still missing, but the clerk sees what came in
        return UnitStatus(**base, state="missing", received_at=None, file=blank[-1]["file_name"], detail=detail,
                          submission="empty")
    return UnitStatus(**base, state="missing", received_at=None, file=None, detail=detail)


def counts(rows: list[UnitStatus]) -> dict[str, int]:
    """How many units are in each state (all four keys present)."""
    return {s: sum(1 for r in rows if r.state == s) for s in STATES}


# The call list (issue 13): who to phone, fitting a 100-column console. Caps sum to 88 + 5 gaps of 2.
CALL_COLUMNS = (("call_col_n", 3), ("call_col_unit", 24), ("call_col_person", 20), ("call_col_phone", 12),
                ("call_col_state", 11), ("call_col_todo", 18))
WIDTH = 100


def form_units(case: Case) -> dict[str, Unit]:
    """Each unit code's form-returning unit (the first task naming it, as ``status`` counts it)."""
    units: dict[str, Unit] = {}
    for u in expected_units(case):
        if u.form:
            units.setdefault(u.code, u)
    return units


def needs_contact(r: UnitStatus) -> bool:
    """Whether the clerk should call the unit: nothing valid yet, or a form to complete or clarify."""
    return r.state in ("missing", "rejected") or r.submission == "partial" or bool(r.clarify)


def todo(r: UnitStatus) -> str:
    """What the unit still has to do, in a few words (the spreadsheet carries the detail)."""
    if r.state == "rejected":
        return t("call_todo_resend", reason=r.reason or "")
    if r.submission == "empty":
        return t("call_todo_blank")
    if r.state == "missing":
        due = _day(r.deadline)
        return t(f"call_todo_{r.detail}", deadline=due) if r.detail else t("call_todo_send")
    if r.submission == "partial":
        return t("call_todo_partial", missing="; ".join(r.missing))  # lines per column, not a field count
    if r.clarify:
        return t("call_todo_clarify", count=len(r.clarify))
    return t("call_todo_done", day=_day(r.received_at))


def call_order(rows: list[UnitStatus]) -> list[UnitStatus]:
    """Units to contact first (in their usual order), then those that have reported."""
    return [r for r in rows if needs_contact(r)] + [r for r in rows if not needs_contact(r)]


def table_lines(case: Case, rows: list[UnitStatus], as_of: dt.date) -> list[str]:
    """The call list for the terminal: unit, person, phone, state, what is missing; ≤ 100 columns."""
    from .case.contacts import unit_contact

    units = form_units(case)
    body = []
    for n, r in enumerate(call_order(rows), start=1):
        person = unit_contact(case, units[r.unit]) if r.unit in units else None
        body.append([str(n), r.name, person.person if person else "", person.phone if person else "",
                     t(f"state_{r.state}"), todo(r)])
    header = [t(key) for key, _ in CALL_COLUMNS]
    widths = [min(cap, max(len(row[i]) for row in [header, *body])) for i, (_, cap) in enumerate(CALL_COLUMNS)]
    widths[-1] = WIDTH - sum(widths[:-1]) - 2 * (len(widths) - 1)
    lines = [t("call_head", day=as_of.strftime("%d/%m/%Y"), total=len(rows),
               calls=sum(1 for r in rows if needs_contact(r)))]
    lines += ["  ".join(_clip(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in [header, [("-" * w) for w in widths], *body]]
    lines.append(t("status_summary", total=len(rows), **counts(rows)))
    return lines


def sheet_rows(case: Case, rows: list[UnitStatus]) -> list[list[Any]]:
    """The call list as spreadsheet rows (``status --xlsx``): real dates, contacts, the detail in full."""
    from .case.contacts import unit_contact

    units = form_units(case)
    out = []
    for n, r in enumerate(call_order(rows), start=1):
        c = unit_contact(case, units[r.unit]) if r.unit in units else None
        detail = r.reason or "; ".join(r.missing) or ""
        out.append([n, r.name, c.person if c else "", c.title if c else "", c.phone if c else "",
                    c.email if c else "", _date_value(r.deadline), t(f"state_{r.state}"), todo(r),
                    _date_value(r.received_at), r.file or "", detail,
                    "; ".join(r.clarify)])
    return out


SHEET_HEADERS = ("sheet_col_n", "sheet_col_unit", "sheet_col_person", "sheet_col_title", "sheet_col_phone",
                 "sheet_col_email", "sheet_col_deadline", "sheet_col_state", "sheet_col_todo",
                 "sheet_col_received", "sheet_col_file", "sheet_col_detail", "sheet_col_clarify")
SHEET_WIDTHS = (5, 30, 22, 30, 14, 26, 12, 12, 30, 17, 32, 50, 40)


def write_sheet(case: Case, rows: list[UnitStatus], as_of: dt.date, out) -> Path:
    """``status --xlsx``: the call list as a spreadsheet the clerk filters, prints and ticks."""
    from .workbook import write_table

    return write_table(out, t("sheet_title"), tuple(t(k) for k in SHEET_HEADERS), SHEET_WIDTHS,
                       sheet_rows(case, rows), heading=t("call_head", day=as_of.strftime("%d/%m/%Y"),
                                                        total=len(rows),
                                                        calls=sum(1 for r in rows if needs_contact(r))))


def _date_value(stamp: str | None) -> dt.date | dt.datetime | None:
    """An ISO date or timestamp as a spreadsheet date (local time as recorded, no time zone)."""
    if not stamp:
        return None
    if "T" not in stamp:
        return dt.date.fromisoformat(stamp)
    return dt.datetime.fromisoformat(stamp).replace(tzinfo=None, microsecond=0)


def _day(stamp: str | None) -> str:
    """``dd/mm/yyyy`` of an ISO date or timestamp; empty for None."""
    if not stamp:
        return ""
    return received_day(stamp).strftime("%d/%m/%Y") if "T" in stamp else \
        dt.date.fromisoformat(stamp).strftime("%d/%m/%Y")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

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
from typing import Any, Literal

from .messages import t
from .models import Case, expected_units
from .store import Store

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


def table_lines(rows: list[UnitStatus]) -> list[str]:
    """A readable Vietnamese table (fixed-width columns) and a summary line, for the terminal."""
    header = [t("status_col_unit"), t("status_col_name"), t("status_col_deadline"), t("status_col_state"),
              t("status_col_received"), t("status_col_note")]
    body = []
    for r in rows:
        note = r.reason or _submission_note(r) or (t(f"status_{r.detail}") if r.detail else "") or (r.file or "")
        body.append([r.unit, _clip(r.name, 40), _day(r.deadline), t(f"state_{r.state}"),
                     _day(r.received_at), _clip(note, 60)])
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, [("-" * w) for w in widths], *body]]
    c = counts(rows)
    lines.append(t("status_summary", total=len(rows), **c))
    return lines


def _submission_note(r: UnitStatus) -> str:
    """What the table says about what came in: blank, incomplete (what lacks), answers to clarify."""
    parts = []
    if r.submission == "empty":
        parts.append(t("status_empty_form", file=r.file or ""))
    elif r.submission == "partial":
        parts.append(t("status_partial", missing="; ".join(r.missing)))
    if r.clarify:
        parts.append(t("status_clarify", count=len(r.clarify)))
    return "; ".join(parts)


def _day(stamp: str | None) -> str:
    """``dd/mm/yyyy`` of an ISO date or timestamp; empty for None."""
    if not stamp:
        return ""
    return received_day(stamp).strftime("%d/%m/%Y") if "T" in stamp else \
        dt.date.fromisoformat(stamp).strftime("%d/%m/%Y")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

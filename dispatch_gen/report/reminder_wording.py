"""What the reminder (công văn đôn đốc) says: who must still send, and the dispatch that urges them.

Pure: statuses in, a ``Dispatch`` record out (rendered by the công văn template like any dispatch).
``ReminderSettings`` holds the wording and the deadline a clerk may change in ``report.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import Field

from .. import text
from ..case import roles
from ..case.contacts import collector_of
from ..case.models import (
    SYMBOL_PATTERN,
    Block,
    Case,
    Dispatch,
    Model,
    PartialDate,
    Signer,
    Unit,
    expected_units,
)
from ..forms.spec import clerk_words
from ..status import UnitStatus, received_day
from .data import officer_name
from .wording import date_cell, has_group_directors, join_names, luu_line


class ReminderSettings(Model):
    """The reminder's trích yếu, Nơi nhận, signer and how many days the new deadline gives."""

    subject: str = "Đôn đốc gửi báo cáo phục vụ họp Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia"
    noi_nhan: list[str] | None = None  # default: default_noi_nhan(case)
    signer: str | None = None
    unit: str | None = Field(default=None, pattern=SYMBOL_PATTERN)  # ký hiệu unit part; default: the dispatch's
    days: int = Field(default=3, ge=1, le=60)


def default_noi_nhan(case: Case, unit: str | None = None) -> list[str]:
    """Nơi nhận: those urged (Như trên), the group directors and Party members who follow them up."""
    directors = ["Các đồng chí chỉ đạo nhóm tiêu chí (để chỉ đạo)"] if has_group_directors(case) else []
    return ["Như trên", *directors, f"Các đồng chí UVBCH Đảng bộ phụ trách {roles.units_in_letter(case)}", luu_line(unit)]


def units_to_remind(statuses: list[UnitStatus]) -> list[UnitStatus]:
    """The units that must (re)send: nothing received (or a blank form), only refused files, or a partial form.

    Only units whose task has a deadline: a follow-up sheet without one is a working tool.
    """
    return [s for s in statuses if (s.state in ("missing", "rejected") or s.submission == "partial") and s.deadline]


def _units(case: Case) -> dict[tuple[str, str], Unit]:
    """Expected units by (code, task): a village is a unit of two tasks (its form, its Party member)."""
    return {(u.code, u.task): u for u in expected_units(case)}


def addressees(case: Case, signer: Signer, targets: list[UnitStatus]) -> tuple[list[UnitStatus], list[UnitStatus]]:
    """(units the letter urges, units it must not address) — issue 10, point 2.

    A letter is never addressed to its signer or the body he signs for (``roles.signer_officers``),
    nor to a leader directing a criteria group: directors follow others up, so the reminder copies
    them in Nơi nhận and their own overdue sheets stay in ``status`` and the report for the meeting.
    """
    withheld = roles.signer_officers(case, signer)
    units = _units(case)
    keep, drop = [], []
    for s in targets:
        unit = units.get((s.unit, s.task))
        leader = s.form == "group_followup" or (unit is not None and withheld & set(unit.officers))
        (drop if leader else keep).append(s)
    return keep, drop


def reminder_recipients(case: Case, targets: list[UnitStatus]) -> list[str]:
    """Kính gửi lines: each unit's bodies by its kind, each lead and director by name."""
    units = _units(case)
    by_code = {v.code: v for v in case.villages}
    villages = [by_code[units[(s.unit, s.task)].subject] for s in targets if s.form == "village_assessment"
                and (s.unit, s.task) in units and units[(s.unit, s.task)].subject in by_code]
    people: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = roles.leaders_line(case, villages)
    for s in targets:
        unit = units.get((s.unit, s.task))
        if s.form == "village_assessment" or unit is None:
            continue
        who = officer_name(case, unit.officers[0]) if unit.officers else ""
        role = "phụ trách tiêu chí số" if s.form == "criterion" else "chỉ đạo nhóm tiêu chí"
        people[(who, role)].append(unit.subject)
    for (who, role), subjects in people.items():
        lines.append(f"Đồng chí {who}, {role} {join_names(subjects)}" if who else f"Người {role} {join_names(subjects)}")
    return lines


def _escape(value: str) -> str:
    """Literal text inside body markup: ``*`` is not emphasis."""
    return value.replace("*", "\\*")


def _person(officer) -> str:
    return f"đồng chí {officer.name} - {officer.title}" if officer else "Ủy ban nhân dân xã"


def _asked(case: Case, targets: list[UnitStatus]) -> list[tuple[str, str, str]]:
    """(who, collector, old deadline) per task of ``targets``, in the dispatch's task order."""
    tasks = {s.task for s in targets}
    out = []
    for task in case.dispatch.tasks:
        if task.id in tasks:
            deadlines = sorted({s.deadline for s in targets if s.task == task.id and s.deadline})
            old = f" trước ngày {join_names([date_cell(x) for x in deadlines])}" if deadlines else ""
            out.append((task.who, _person(collector_of(case, task.id)), old))
    return out


def _sentence_case(phrase: str) -> str:
    """``Các đồng chí …`` → ``các đồng chí …`` inside a sentence; an acronym (``UBND …``) stays."""
    return phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() else phrase


def _rejected_line(s: UnitStatus) -> str:
    """A refused unit in the clerk's words: when it sent, why it was refused; never a file name or tag."""
    when = f" ngày {text.short_date(received_day(s.received_at))}" if s.received_at else ""
    return f"{s.name} (báo cáo gửi{when} chưa hợp lệ: {clerk_words(s.reason or '')})"


def reminder_dispatch(case: Case, targets: list[UnitStatus], citation: tuple[str, str], as_of: dt.date, deadline: dt.date,
                      settings: ReminderSettings) -> Dispatch:
    """The công văn đôn đốc as a Dispatch record (rendered by the công văn template)."""
    asked = _asked(case, targets)
    missing = [s for s in targets if s.state == "missing"]
    rejected = [s for s in targets if s.state == "rejected"]
    partial = [s for s in targets if s.state not in ("missing", "rejected")]  # issue 11: sent, but not all
    number, day = citation
    lead = (f"{day[:1].upper()}{day[1:]}, Ủy ban nhân dân xã ban hành {number} về việc "
            f"{case.dispatch.subject[:1].lower()}{case.dispatch.subject[1:]}, trong đó đề nghị")
    if len(asked) == 1:
        who, to, old = asked[0]
        body = [Block(paragraph=_escape(f"{lead} {_sentence_case(who)} gửi báo cáo về {to}{old}."))]
    else:
        body = [Block(paragraph=_escape(f"{lead}:"))]
        body += [Block(bullet=_escape(f"{who} gửi báo cáo về {to}{old}" + ("." if i == len(asked) - 1 else ";")))
                 for i, (who, to, old) in enumerate(asked)]
    if missing:
        body.append(Block(paragraph=f"Đến hết ngày {text.short_date(as_of)}, các đơn vị, cá nhân sau chưa gửi báo cáo:"))
        body += [Block(bullet=_escape(s.name + (" (đã gửi phiếu trống)" if s.submission == "empty" else "")
                                      + ("." if i == len(missing) - 1 else ";")))
                 for i, s in enumerate(missing)]
    if rejected:
        body.append(Block(paragraph="Các đơn vị, cá nhân sau đã gửi nhưng báo cáo chưa hợp lệ, phải gửi lại:"))
        body += [Block(bullet=_escape(_rejected_line(s) + ("." if i == len(rejected) - 1 else ";")))
                 for i, s in enumerate(rejected)]
    if partial:
        body.append(Block(paragraph="Các đơn vị, cá nhân sau đã gửi nhưng báo cáo chưa đủ, đề nghị bổ sung:"))
        body += [Block(bullet=_escape(clerk_words(f"{s.name}: còn thiếu {'; '.join(s.missing)}")
                                      + ("." if i == len(partial) - 1 else ";")))
                 for i, s in enumerate(partial)]
    collectors = {to for _, to, _ in asked}
    to = next(iter(collectors)) if len(collectors) == 1 else "các đồng chí nhận báo cáo nêu trên"
    body.append(Block(paragraph=_escape(
        f"Để kịp tổng hợp phục vụ cuộc họp Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia xã, Ủy ban "
        f"nhân dân xã đề nghị các đơn vị, cá nhân nêu trên khẩn trương hoàn thành, gửi báo cáo về {to} ")
        + f"**trước ngày {text.short_date(deadline)}**./."))
    unit = settings.unit or case.dispatch.unit
    return Dispatch(type="Công văn", date=PartialDate(year=as_of.year, month=as_of.month),
                    unit=unit, subject=settings.subject,
                    recipients=reminder_recipients(case, targets), body=body,
                    noi_nhan=settings.noi_nhan or default_noi_nhan(case, unit),
                    signer=settings.signer or case.dispatch.signer)

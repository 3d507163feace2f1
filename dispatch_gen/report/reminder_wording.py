"""What the reminder (công văn đôn đốc) says: who must still send, and the dispatch that urges them.

Pure: statuses in, a ``Dispatch`` record out (rendered by the công văn template like any dispatch).
``ReminderSettings`` holds the wording and the deadline a clerk may change in ``report.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import Field

from .. import text
from ..models import SYMBOL_PATTERN, Block, Case, Dispatch, Model, PartialDate, expected_units
from ..status import UnitStatus
from .data import officer_name
from .wording import date_cell, join_names


class ReminderSettings(Model):
    """The reminder's trích yếu, Nơi nhận, signer and how many days the new deadline gives."""

    subject: str = "Đôn đốc gửi báo cáo phục vụ họp Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia"
    noi_nhan: list[str] = Field(default_factory=lambda: [
        "Như trên", "Các đồng chí chỉ đạo nhóm tiêu chí", "Các đồng chí UVBCH Đảng bộ phụ trách thôn",
        "Lưu: VT"])
    signer: str | None = None
    unit: str | None = Field(default=None, pattern=SYMBOL_PATTERN)  # ký hiệu unit part; default: the dispatch's
    days: int = Field(default=3, ge=1, le=60)


def units_to_remind(statuses: list[UnitStatus]) -> list[UnitStatus]:
    """The units that must (re)send: nothing received, or only refused files.

    Only units whose task has a deadline: a group director's follow-up sheet is a working tool with no
    deadline, so nobody is reminded of it (and the chairman is never asked to remind himself).
    """
    return [s for s in statuses if s.state in ("missing", "rejected") and s.deadline]


def reminder_recipients(case: Case, targets: list[UnitStatus]) -> list[str]:
    """Kính gửi lines: the villages' chi ủy and Ban phát triển, each lead and director by name."""
    units = {u.code: u for u in expected_units(case)}
    villages = [s.name for s in targets if s.form == "village_assessment"]
    people: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = [f"Chi ủy, Ban phát triển {join_names(villages)}"] if villages else []
    for s in targets:
        unit = units.get(s.unit)
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


def reminder_dispatch(case: Case, targets: list[UnitStatus], citation: tuple[str, str], as_of: dt.date, deadline: dt.date,
                      settings: ReminderSettings) -> Dispatch:
    """The công văn đôn đốc as a Dispatch record (rendered by the công văn template)."""
    collector = case.officer(case.collector)
    to = f"đồng chí {collector.name} - {collector.title}" if collector else "Ủy ban nhân dân xã"
    deadlines = sorted({s.deadline for s in targets if s.deadline})
    old = f" trước ngày {join_names([date_cell(x) for x in deadlines])}" if deadlines else ""
    missing = [s for s in targets if s.state == "missing"]
    rejected = [s for s in targets if s.state == "rejected"]
    number, day = citation
    body = [Block(paragraph=_escape(f"{day[:1].upper()}{day[1:]}, Ủy ban nhân dân xã ban hành {number} về việc "
                                    f"{case.dispatch.subject[:1].lower()}{case.dispatch.subject[1:]}, trong đó đề nghị "
                                    f"các thôn, các đồng chí phụ trách tiêu chí gửi báo cáo về {to}{old}."))]
    if missing:
        body.append(Block(paragraph=f"Đến hết ngày {text.short_date(as_of)}, các đơn vị, cá nhân sau chưa gửi báo cáo:"))
        body += [Block(bullet=_escape(s.name + ("." if i == len(missing) - 1 else ";")))
                 for i, s in enumerate(missing)]
    if rejected:
        body.append(Block(paragraph="Các đơn vị, cá nhân sau đã gửi nhưng báo cáo chưa hợp lệ, phải gửi lại:"))
        body += [Block(bullet=_escape(f"{s.name} (tệp {s.file}: {s.reason})"
                                      + ("." if i == len(rejected) - 1 else ";")))
                 for i, s in enumerate(rejected)]
    body.append(Block(paragraph=_escape(
        f"Để kịp tổng hợp phục vụ cuộc họp Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia xã, Ủy ban "
        f"nhân dân xã đề nghị các đơn vị, cá nhân nêu trên khẩn trương hoàn thành, gửi báo cáo về {to} ")
        + f"**trước ngày {text.short_date(deadline)}**./."))
    return Dispatch(type="Công văn", date=PartialDate(year=as_of.year, month=as_of.month), subject=settings.subject,
                    recipients=reminder_recipients(case, targets), body=body, noi_nhan=settings.noi_nhan,
                    signer=settings.signer or case.dispatch.signer, unit=settings.unit or case.dispatch.unit)

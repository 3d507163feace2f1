"""Stage: the compiled meeting report (BÁO CÁO) and the reminder (công văn đôn đốc), from the store.

This module is the I/O edge: it reads ``report.yaml`` and the store (current answers, statuses,
the register), hands plain data to the pure modules and writes the .docx through
``context.document_context`` and ``word.template`` (the same header, Số line, Kính gửi, Nơi nhận
and signature as the dispatch):

- ``data``: answers + specs + statuses → ``ReportData`` (every number printed);
- ``wording``: ``ReportData`` → body and appendix blocks (laid out by ``word.report_body``);
- ``reminder_wording``: statuses → the units to urge and the công văn đôn đốc as a ``Dispatch``.

Wording that a clerk may want to change (trích yếu, Kính gửi, Nơi nhận, signer, proposals, the
reminder's deadline) is data: ``report.yaml`` in the case folder overrides ``ReportFile``'s defaults:

    report:
      subject: Kết quả rà soát, đánh giá …
      recipients: [Ban Chỉ đạo các chương trình mục tiêu quốc gia xã Cẩm Lĩnh]
      noi_nhan: [Như trên, Thường trực Đảng ủy xã, "Lưu: VT"]
      signer: chu_tich            # default: the dispatch's signer
      proposals: [Đề nghị …]
    reminder:
      subject: Đôn đốc gửi báo cáo …
      noi_nhan: [Như trên, …, "Lưu: VT"]
      days: 3                     # default new deadline: as-of day + 3 days

Answers are the units' CURRENT forms; ``as_of`` dates the report and replays the reporting status
(who had reported by the end of that day).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pydantic import Field

from .. import text
from ..case.models import Block, Case, Dispatch, Model, PartialDate
from ..case.records import load_settings
from ..context import dispatch_citation, document_context
from ..errors import DispatchGenError, Problem, RecordError
from ..forms.spec import form_specs
from ..messages import t
from ..register import Entry, Issuing
from ..status import UnitStatus, status
from ..workspace import OpenedCase
from .data import ReportData, compute
from .reminder_wording import ReminderSettings, addressees, reminder_dispatch, units_to_remind
from .wording import ReportSettings, appendices, recipients_for, report_blocks, report_noi_nhan

log = logging.getLogger(__name__)

SETTINGS_FILE = "report.yaml"
REPORT_KEY, REMINDER_KEY = "report", "reminder"  # register doc_key: one report per case, one reminder per day


class ReportFile(Model):
    """``report.yaml``: both sections optional."""

    report: ReportSettings = Field(default_factory=ReportSettings)
    reminder: ReminderSettings = Field(default_factory=ReminderSettings)


def load_report_settings(opened: OpenedCase) -> ReportFile:
    """The case's ``report.yaml`` (defaults when absent); a signer must be one of the case's."""
    case = opened.case
    settings = load_settings(opened.dir, SETTINGS_FILE, ReportFile) or ReportFile()
    problems = [Problem(SETTINGS_FILE, t("report_unknown_signer", signer=s.signer, known=", ".join(case.signers)),
                        key, "signer")
                for key, s in (("report", settings.report), ("reminder", settings.reminder))
                if s.signer and s.signer not in case.signers]
    if problems:
        raise RecordError(problems)
    return settings


def _read_store(opened: OpenedCase, as_of: dt.date) -> tuple[list[dict], list[UnitStatus], Entry | None]:
    with opened.reading() as db:
        rows = db.answers_current()
        statuses = status(opened.case, db, as_of)
    return rows, statuses, opened.dispatch_entry()


def signer_key(opened: OpenedCase, document: str = "report") -> str:
    """Who signs the report or the reminder (``report.yaml``, else the dispatch's signer): for ``--pdf``."""
    settings = getattr(load_report_settings(opened), document)
    return settings.signer or opened.case.dispatch.signer


def report_data(opened: OpenedCase, as_of: dt.date) -> ReportData:
    """The report's numbers on ``as_of`` (what the web dashboard shows), without writing anything."""
    rows, statuses, _entry = _read_store(opened, as_of)
    return compute(opened.case, form_specs(opened.case), rows, statuses, as_of)


def build_report(opened: OpenedCase, out: str | Path, as_of: dt.date | None = None,
                 issuing: Issuing | None = None) -> Path:
    """Write the compiled BÁO CÁO of ``case`` (body + landscape appendices) to ``out``; return it.

    With ``issuing`` the report is numbered and dated through the agency register (``--issue``).
    """
    from ..output import write_atomic
    from ..word.report_body import BODY_SLOT, report_docx
    from ..word.template import render_bytes

    case = opened.case
    as_of = as_of or dt.date.today()
    settings = load_report_settings(opened).report
    rows, statuses, entry = _read_store(opened, as_of)
    data = compute(case, form_specs(case), rows, statuses, as_of)
    unit = settings.unit or case.dispatch.unit
    record = Dispatch(type="Báo cáo", date=PartialDate(year=as_of.year, month=as_of.month),
                      subject=settings.subject, recipients=recipients_for(case, settings),
                      body=[Block(paragraph="(báo cáo)")], noi_nhan=settings.noi_nhan or report_noi_nhan(case, unit),
                      signer=settings.signer or case.dispatch.signer, unit=unit)
    annexes = appendices(data)
    refs = {a.key: text.roman(n) for n, a in enumerate(annexes, start=1)}
    blocks = report_blocks(case, data, settings, dispatch_citation(case, entry), refs)

    def render(number: int | None, day: dt.date | None, path: Path) -> Path:
        context = document_context(case, record, number=number, issued_on=day)
        when = text.date_phrase(day.year, day.month, day.day) if day else "ngày … tháng … năm …"
        attached = (f"(Kèm theo Báo cáo số {text.doc_number(number) if number else '…'}/{context['symbol']} "
                    f"{when} của {case.agency.full_name})")
        docx = render_bytes("van-ban", {**context, "body_slot": BODY_SLOT})  # body and appendices: after Jinja
        docx = report_docx(docx, blocks, [{"label": f"Phụ lục {refs[a.key]}", "title": text.upper_vi(a.title),
                                           "attached": attached, "blocks": a.blocks} for a in annexes])
        return write_atomic(path, docx)

    texts = [*record.recipients, *(settings.proposals or []), case.dispatch.subject]
    written = opened.write(opened.document(REPORT_KEY, record, texts), out, render, issuing)
    log.info("report %s", written)
    return written


def _reminded(case: Case, settings: ReminderSettings, statuses: list[UnitStatus]):
    """(units the reminder addresses, units withheld: its signer's committee and group directors)."""
    signer = case.signers[settings.signer or case.dispatch.signer]
    return addressees(case, signer, units_to_remind(statuses))  # withheld: in status and the report


def has_reminder(opened: OpenedCase, as_of: dt.date) -> bool:
    """Whether a reminder would address anyone on ``as_of`` (``build`` writes one only then)."""
    _, statuses, _ = _read_store(opened, as_of)
    return bool(_reminded(opened.case, load_report_settings(opened).reminder, statuses)[0])


def build_reminder(opened: OpenedCase, out: str | Path, as_of: dt.date | None = None,
                   deadline: dt.date | None = None, issuing: Issuing | None = None) -> Path:
    """Write the công văn đôn đốc to the units still missing or rejected on ``as_of``; return the path.

    With ``issuing`` it is numbered through the agency register; one reminder per ``as_of`` day.
    """
    from ..word.template import render_docx

    case = opened.case
    as_of = as_of or dt.date.today()
    settings = load_report_settings(opened).reminder
    deadline = deadline or as_of + dt.timedelta(days=settings.days)
    if deadline <= as_of:
        raise DispatchGenError(t("remind_deadline_past", deadline=text.short_date(deadline),
                                 as_of=text.short_date(as_of)))
    _, statuses, entry = _read_store(opened, as_of)
    targets, leaders = _reminded(case, settings, statuses)
    if not targets and leaders:  # only the committee's leaders and group directors: no letter to them
        raise DispatchGenError(t("remind_only_leaders", as_of=text.short_date(as_of),
                                 names=", ".join(s.name for s in leaders)))
    if not targets:
        raise DispatchGenError(t("remind_nobody", as_of=text.short_date(as_of)))
    record = reminder_dispatch(case, targets, dispatch_citation(case, entry), as_of, deadline, settings)

    def render(number: int | None, day: dt.date | None, path: Path) -> Path:
        return render_docx("cong-van", document_context(case, record, number=number, issued_on=day), path)

    doc = opened.document(f"{REMINDER_KEY}:{as_of.isoformat()}", record, [case.dispatch.subject])
    written = opened.write(doc, out, render, issuing)
    log.info("reminder %s (%d units)", written, len(targets))
    return written

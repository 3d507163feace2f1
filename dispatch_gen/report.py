"""Stage: the compiled meeting report (BÁO CÁO) and the reminder (công văn đôn đốc), from the store.

Two halves, kept apart so tests can check the numbers without Word:

- pure computations over plain data: the current answers (``Store.answers_current`` rows), the form
  specs, the case and the units' statuses become a ``ReportData`` (criteria met of N, indicators not
  met, village matrix, roadmap, reporting status …). Every number printed is read from it, never
  typed. ``report_blocks``/``appendix_blocks`` turn it into plain dicts (headings, paragraphs,
  bullets, tables) that ``word.report_body`` lays out; every free-text answer lands in some table
  cell, and answers the current forms no longer ask for go to a "Nội dung khác" table: nothing is
  dropped.
- the stage functions ``build_report`` and ``build_reminder`` read the store and write the .docx
  through ``context.document_context`` and ``word.template`` (the same header, Số line, Kính gửi,
  Nơi nhận and signature as the dispatch).

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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from . import text
from .context import document_context
from .errors import DispatchGenError, Problem, RecordError
from .formspec import FormSpec, form_specs
from .messages import t
from .models import Block, Case, Dispatch, Model, PartialDate, Unit, expected_units, symbol_for, tag_for
from .records import load_settings
from .register import Entry, list_entries
from .status import STATES, UnitStatus, received_day, status
from .store import open_store

log = logging.getLogger(__name__)

SETTINGS_FILE = "report.yaml"
MET = "Đạt"
NOT_MET = "Chưa đạt"
DOSSIER_OK = "Đã có"
FREE_TEXT = ("text", "multiline")
STATE_LABELS = {"on_time": "Đúng hạn", "late": "Chậm", "missing": "Chưa báo cáo", "rejected": "Phải gửi lại"}


# ================================================================================================
# Settings (report.yaml): data, not code
# ================================================================================================

class ReportSettings(Model):
    """The report's own record: trích yếu, Kính gửi (a higher body), Nơi nhận, signer, proposals."""

    subject: str = ("Kết quả rà soát, đánh giá mức độ đạt chuẩn các tiêu chí nông thôn mới và khu dân cư "
                    "nông thôn mới kiểu mẫu")
    recipients: list[str] | None = None  # default: the commune's Ban Chỉ đạo (see recipients_for)
    noi_nhan: list[str] = Field(default_factory=lambda: [
        "Như trên", "Thường trực Đảng ủy xã", "Ban Quản lý các chương trình mục tiêu quốc gia xã",
        "Các thôn", "Lưu: VT"])
    signer: str | None = None
    proposals: list[str] = Field(default_factory=lambda: [
        "Đề nghị Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia xã cho ý kiến về khối lượng "
        "còn lại, lộ trình và phân công thực hiện nêu tại báo cáo này.",
        "Đề nghị các đồng chí được phân công chỉ đạo nhóm tiêu chí, phụ trách tiêu chí và phụ trách thôn "
        "tiếp tục kiểm tra, đôn đốc, hoàn thiện hồ sơ tiêu chí theo đúng thời hạn đã đăng ký."])


class ReminderSettings(Model):
    """The reminder's trích yếu, Nơi nhận, signer and how many days the new deadline gives."""

    subject: str = "Đôn đốc gửi báo cáo phục vụ họp Ban Chỉ đạo, Ban Quản lý các chương trình mục tiêu quốc gia"
    noi_nhan: list[str] = Field(default_factory=lambda: [
        "Như trên", "Các đồng chí chỉ đạo nhóm tiêu chí", "Các đồng chí UVBCH Đảng bộ phụ trách thôn",
        "Lưu: VT"])
    signer: str | None = None
    days: int = Field(default=3, ge=1, le=60)


class ReportFile(Model):
    """``report.yaml``: both sections optional."""

    report: ReportSettings = Field(default_factory=ReportSettings)
    reminder: ReminderSettings = Field(default_factory=ReminderSettings)


def load_report_settings(case: Case, case_dir: str | Path) -> ReportFile:
    """The case's ``report.yaml`` (defaults when absent); a signer must be one of the case's."""
    settings = load_settings(case_dir, SETTINGS_FILE, ReportFile) or ReportFile()
    problems = [Problem(SETTINGS_FILE, t("report_unknown_signer", signer=s.signer, known=", ".join(case.signers)),
                        key, "signer")
                for key, s in (("report", settings.report), ("reminder", settings.reminder))
                if s.signer and s.signer not in case.signers]
    if problems:
        raise RecordError(problems)
    return settings


def recipients_for(case: Case, settings: ReportSettings) -> list[str]:
    """Kính gửi of the report: the commune's Ban Chỉ đạo (a higher body) unless report.yaml says otherwise."""
    return settings.recipients or [f"Ban Chỉ đạo các chương trình mục tiêu quốc gia xã {case.agency.place}"]


# ================================================================================================
# Pure computations: answers + specs + statuses → ReportData
# ================================================================================================

@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a commune criterion as its lead reported it (ct + cv sections)."""

    code: str
    text: str
    requirement: str
    hien_trang: str | None = None
    dat: str | None = None
    noi_dung: str | None = None
    thuc_hien: str | None = None
    phoi_hop: str | None = None
    han: str | None = None  # ISO date


@dataclass(frozen=True)
class DossierRow:
    """One dossier item: its state (Đã có / Chưa có / Cần bổ sung) and the plan to complete it."""

    no: str
    item: str
    state: str | None = None
    plan: str | None = None


@dataclass(frozen=True)
class CriterionResult:
    """A commune criterion: reported or not, met or not, the indicators not met, work and dossier."""

    code: str
    name: str
    unit: str
    lead: str  # the lead's name (or "")
    reported: bool
    indicators: tuple[IndicatorRow, ...]
    dossier: tuple[DossierRow, ...]

    @property
    def unmet(self) -> list[IndicatorRow]:
        """Indicators self-assessed Chưa đạt."""
        return [i for i in self.indicators if i.dat == NOT_MET]

    @property
    def met(self) -> bool | None:
        """True when every indicator is Đạt; None while not reported."""
        if not self.reported:
            return None
        return all(i.dat == MET for i in self.indicators)

    @property
    def work(self) -> list[IndicatorRow]:
        """Indicators with remaining work, someone to carry it out or a deadline."""
        return [i for i in self.indicators if i.noi_dung or i.thuc_hien or i.phoi_hop or i.han]

    @property
    def dossier_missing(self) -> list[DossierRow]:
        """Dossier items reported as not yet complete (Chưa có / Cần bổ sung)."""
        return [d for d in self.dossier if d.state and d.state != DOSSIER_OK]

    @property
    def dossier_complete(self) -> bool | None:
        """True when every item is Đã có; None when not reported or the criterion has no checklist."""
        if not self.reported or not self.dossier:
            return None
        return all(d.state == DOSSIER_OK for d in self.dossier)


@dataclass(frozen=True)
class VillageRow:
    """One village criterion as the village assessed it (kdc section)."""

    code: str
    name: str
    dat: str | None = None
    khoi_luong: str | None = None
    thuc_hien: str | None = None
    chi_dao: str | None = None
    nguon_luc: str | None = None
    kho_khan: str | None = None
    giai_phap: str | None = None
    han: str | None = None


@dataclass(frozen=True)
class VillageResult:
    """A village: reported or not, its row per criterion, how many met."""

    code: str
    name: str
    unit: str
    reported: bool
    rows: tuple[VillageRow, ...]

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.rows if r.dat == MET)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def unmet(self) -> list[VillageRow]:
        return [r for r in self.rows if r.dat == NOT_MET]

    @property
    def full(self) -> bool:
        """Reported and every criterion Đạt (N/N)."""
        return self.reported and self.total > 0 and self.met_count == self.total


@dataclass(frozen=True)
class RoadmapItem:
    """A dated task: when, what, for which criterion/village, who carries it out, who directs."""

    date: dt.date
    what: str
    where: str
    who: str
    director: str = ""


@dataclass(frozen=True)
class FollowupRow:
    """A group director's check of one criterion's report (td section)."""

    group: str
    code: str
    name: str
    lead: str
    state: str | None = None
    day: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ExtraAnswer:
    """A free-text answer the current form layout has no table for (kept, never dropped)."""

    unit: str
    tag: str
    value: str


@dataclass
class ReportData:
    """Everything the report prints, computed from the store (counts are properties, never stored)."""

    as_of: dt.date
    criteria: list[CriterionResult]
    villages: list[VillageResult]
    village_criteria: list[tuple[str, str]]
    roadmap: list[RoadmapItem]
    statuses: list[UnitStatus]
    followups: list[FollowupRow] = field(default_factory=list)
    extra: list[ExtraAnswer] = field(default_factory=list)

    @property
    def criteria_met(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is True]

    @property
    def criteria_unmet(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is False]

    @property
    def criteria_unreported(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.reported]

    @property
    def villages_full(self) -> list[VillageResult]:
        return [v for v in self.villages if v.full]

    @property
    def villages_reported(self) -> list[VillageResult]:
        return [v for v in self.villages if v.reported]

    def state_units(self, state: str) -> list[UnitStatus]:
        return [s for s in self.statuses if s.state == state]

    @property
    def state_counts(self) -> dict[str, int]:
        return {s: len(self.state_units(s)) for s in STATES}


def answers_by_unit(rows: list[dict[str, Any]]) -> dict[str, dict[str, str | None]]:
    """``answers_current`` rows → unit → tag → stored value."""
    out: dict[str, dict[str, str | None]] = defaultdict(dict)
    for r in rows:
        out[r["unit"]][r["tag"]] = r["value"]
    return dict(out)


def _get(values: dict[str, str | None], *parts: str) -> str | None:
    value = values.get(tag_for(*parts))
    return value if value not in (None, "") else None


def _officer_name(case: Case, officer_id: str | None) -> str:
    officer = case.officer(officer_id)
    return officer.name if officer else ""


def criterion_results(case: Case, units: list[Unit], answers: dict[str, dict]) -> list[CriterionResult]:
    """One result per commune criterion that has a lead's form, in criteria order."""
    by_code = {u.subject: u for u in units if u.form == "criterion"}
    out = []
    for c in case.commune_criteria.criteria if case.commune_criteria else []:
        unit = by_code.get(c.code)
        if unit is None:
            continue
        values = answers.get(unit.code, {})
        rows = [(i.code, i.text, i.requirement) for i in c.indicators] or [(c.code, c.name, "")]
        indicators = tuple(IndicatorRow(code, txt, req, *(_get(values, s, code, col) for s, col in (
            ("ct", "hien_trang"), ("ct", "dat"), ("cv", "noi_dung"), ("cv", "thuc_hien"), ("cv", "phoi_hop"),
            ("cv", "han")))) for code, txt, req in rows)
        dossier = tuple(DossierRow(str(n), item, _get(values, "hs", str(n), "tinh_trang"),
                                   _get(values, "hs", str(n), "ke_hoach"))
                        for n, item in enumerate(c.dossier, start=1))
        out.append(CriterionResult(c.code, c.name, unit.code, _officer_name(case, c.lead), unit.code in answers,
                                   indicators, dossier))
    return out


_VILLAGE_COLS = ("dat", "khoi_luong", "thuc_hien", "chi_dao", "nguon_luc", "kho_khan", "giai_phap", "han")


def village_results(case: Case, units: list[Unit], answers: dict[str, dict]) -> list[VillageResult]:
    """One result per village that has an assessment form, in village order."""
    crit = case.village_criteria.criteria if case.village_criteria else []
    tags = [(c, [tag_for("kdc", c.code, col) for col in _VILLAGE_COLS]) for c in crit]  # once, not per village
    out = []
    for unit in units:
        if unit.form != "village_assessment":
            continue
        values = answers.get(unit.code, {})
        rows = tuple(VillageRow(c.code, c.name, *(values.get(tag) or None for tag in row)) for c, row in tags)
        out.append(VillageResult(unit.subject, unit.name, unit.code, unit.code in answers, rows))
    return out


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def roadmap(criteria: list[CriterionResult], villages: list[VillageResult]) -> list[RoadmapItem]:
    """Every task with a date (criterion work, village work), sorted by date then place."""
    items = []
    for c in criteria:
        for i in c.indicators:
            day = _iso(i.han)
            if day:
                what = i.noi_dung or f"Hoàn thành chỉ tiêu {i.code}: {i.text}"
                who = "; ".join(x for x in (i.thuc_hien, i.phoi_hop and f"phối hợp: {i.phoi_hop}") if x)
                items.append(RoadmapItem(day, what, f"Tiêu chí số {c.code} ({c.name}), chỉ tiêu {i.code}",
                                         who, c.lead))
    for v in villages:
        for r in v.rows:
            day = _iso(r.han)
            if day:
                items.append(RoadmapItem(day, r.khoi_luong or f"Hoàn thành tiêu chí {r.code}: {r.name}",
                                         f"{v.name}, tiêu chí {r.code}", r.thuc_hien or "", r.chi_dao or ""))
    return sorted(items, key=lambda x: (x.date, text.natural_key_vi(x.where)))


def followups(case: Case, units: list[Unit], answers: dict[str, dict]) -> list[FollowupRow]:
    """The group directors' follow-up rows of the groups that reported."""
    by_code = {c.code: c for c in (case.commune_criteria.criteria if case.commune_criteria else [])}
    out = []
    for unit in units:
        if unit.form != "group_followup" or unit.code not in answers:
            continue
        group = next(g for g in case.commune_criteria.groups if g.code == unit.subject)
        values = answers[unit.code]
        for code in group.criteria:
            c = by_code.get(code)
            out.append(FollowupRow(group.code, code, c.name if c else code, _officer_name(case, c.lead if c else None),
                                   _get(values, "td", code, "tinh_trang"), _get(values, "td", code, "ngay"),
                                   _get(values, "td", code, "y_kien")))
    return out


def extra_answers(specs: dict[str, FormSpec], rows: list[dict[str, Any]]) -> list[ExtraAnswer]:
    """Free-text answers whose tag the unit's current spec does not know (an older layout)."""
    out = []
    for r in rows:
        spec = specs.get(r["unit"])
        known = spec is not None and r["tag"] in spec._by_tag
        if not known and r["kind"] in FREE_TEXT and r["value"]:
            out.append(ExtraAnswer(r["unit"], r["tag"], r["value"]))
    return out


def compute(case: Case, specs: dict[str, FormSpec], rows: list[dict[str, Any]], statuses: list[UnitStatus],
            as_of: dt.date) -> ReportData:
    """The report's data from plain inputs (no store, no Word): what tests compare with SQL."""
    units = [u for u in expected_units(case) if u.form]
    answers = answers_by_unit(rows)
    crit = criterion_results(case, units, answers)
    vill = village_results(case, units, answers)
    vcrit = [(c.code, c.name) for c in (case.village_criteria.criteria if case.village_criteria else [])]
    return ReportData(as_of, crit, vill, vcrit, roadmap(crit, vill), statuses,
                      followups(case, units, answers), extra_answers(specs, rows))


# ================================================================================================
# Plain document blocks (laid out by word.report_body)
# ================================================================================================

def _d(value: str | None) -> str:
    """A stored ISO date as ``dd/mm/yyyy`` (other text unchanged, None → empty)."""
    day = _iso(value)
    return text.short_date(day) if day else (value or "")


def _s(value: str | None) -> str:
    return value or ""


def _names(items: list[str]) -> str:
    return ", ".join(items)


def _h(s: str) -> dict:
    return {"kind": "heading", "text": s}


def _flat(s: str) -> str:
    """Body text on one line: a typed line break inside a justified paragraph stretches the line."""
    return " ".join(s.split())


def _p(s: str) -> dict:
    return {"kind": "para", "text": _flat(s)}


def _b(s: str) -> dict:
    return {"kind": "bullet", "text": _flat(s)}


def _table(columns: list[tuple[str, int]], rows: list[list[str] | dict], **kw: Any) -> dict:
    """A table block: header texts with widths (twips), rows of cell texts; a dict row is a band
    ``{"band": text}`` spanning the whole width (a criterion or village heading)."""
    return {"kind": "table", "columns": columns, "rows": rows, **kw}


@dataclass(frozen=True)
class Appendix:
    """One Phụ lục: key (to cite it), title, blocks; its number is its position (I, II, …)."""

    key: str
    title: str
    blocks: list[dict]


def dispatch_citation(case: Case, entry: Entry | None) -> tuple[str, str]:
    """(``Công văn số 05/UBND``, ``ngày 18 tháng 11 năm 2024``) when issued; blanks as in the draft."""
    d = case.dispatch
    if entry is not None:
        day = entry.issued_on
        return f"{d.type} số {entry.number_text}", text.date_phrase(day.year, day.month, day.day)
    number = text.doc_number(d.number) if d.number else "…"
    day = text.day_text(d.date.day) if d.date.day else "…"
    return (f"{d.type} số {number}/{symbol_for(case.agency, d.type, d.unit)}",
            f"ngày {day} tháng {text.month_text(d.date.month)} năm {d.date.year}")


def issued_entry(case: Case, entries: list[Entry]) -> Entry | None:
    """The register entry of the case's dispatch (same ký hiệu and trích yếu, issued; the latest)."""
    d = case.dispatch
    symbol = symbol_for(case.agency, d.type, d.unit)
    mine = [e for e in entries if e.status == "issued" and e.symbol == symbol and e.subject == d.subject]
    return mine[-1] if mine else None


def appendices(data: ReportData) -> list[Appendix]:
    """The full tables, one Phụ lục each (landscape pages); order fixes their numbers I, II, …"""
    out = [_appendix_criteria(data), _appendix_dossier(data), _appendix_matrix(data),
           _appendix_villages(data), _appendix_roadmap(data), _appendix_status(data)]
    return [a for a in out if a is not None]


def _appendix_criteria(data: ReportData) -> Appendix:
    cols = [("TT", 600), ("Tiêu chí, chỉ tiêu", 2700), ("Yêu cầu", 1000), ("Hiện trạng", 2400),
            ("Tự đánh giá", 1100), ("Nội dung, khối lượng cần thực hiện", 2600),
            ("Tổ chức, cá nhân thực hiện", 1700), ("Đơn vị phối hợp", 1070), ("Thời hạn", 1400)]
    rows: list = []
    for c in data.criteria:
        state = {True: MET, False: NOT_MET, None: "chưa có báo cáo"}[c.met]
        rows.append({"band": f"Tiêu chí số {c.code}: {c.name} – {state}"
                             + (f" (phụ trách: {c.lead})" if c.lead else "")})
        for i in c.indicators:
            rows.append([i.code, i.text, i.requirement, _s(i.hien_trang), _s(i.dat), _s(i.noi_dung),
                         _s(i.thuc_hien), _s(i.phoi_hop), _d(i.han)])
    return Appendix("criteria", "Biểu tổng hợp đánh giá các tiêu chí xã nông thôn mới",
                    [_table(cols, rows)])


def _appendix_dossier(data: ReportData) -> Appendix | None:
    cols = [("TT", 700), ("Hồ sơ, tài liệu theo danh mục hướng dẫn", 6200), ("Tình trạng", 1700),
            ("Kế hoạch củng cố, hoàn thiện", 5970)]
    rows: list = []
    for c in data.criteria:
        if not c.dossier:
            continue
        state = {True: "đủ hồ sơ", False: f"còn thiếu {len(c.dossier_missing)}/{len(c.dossier)} hồ sơ",
                 None: "chưa có báo cáo"}[c.dossier_complete]
        rows.append({"band": f"Tiêu chí số {c.code}: {c.name} – {state}"})
        rows += [[d.no, d.item, _s(d.state), _s(d.plan)] for d in c.dossier]
    if not rows:
        return None
    return Appendix("dossier", "Tình hình hồ sơ các tiêu chí xã nông thôn mới", [_table(cols, rows)])


MATRIX_MAX_VILLAGES = 16  # village columns a landscape page holds (Đ/CĐ readable); Word allows 63 at most


def _appendix_matrix(data: ReportData) -> Appendix | None:
    """Villages × criteria marks; one column per village while they fit, else one row per village."""
    if not data.villages or not data.village_criteria:
        return None
    total = len(data.village_criteria)
    title = f"Kết quả đánh giá {total} tiêu chí khu dân cư nông thôn mới kiểu mẫu của các thôn"
    if len(data.villages) > MATRIX_MAX_VILLAGES:
        return Appendix("matrix", title, _matrix_by_village(data))
    n = len(data.villages)
    name_w, tt_w, sum_w = 3800, 600, 1400
    each = (14570 - name_w - tt_w - sum_w) // n
    cols = [("TT", tt_w), ("Tiêu chí", name_w)] + [(v.name, each) for v in data.villages]
    cols.append(("Số thôn đạt", 14570 - name_w - tt_w - each * n))
    short = each < 1000  # many villages: Đ / CĐ so a column stays one line wide
    label = {MET: "Đ", NOT_MET: "CĐ"} if short else {}
    rows: list = []
    for code, name in data.village_criteria:
        marks = [next((r.dat for r in v.rows if r.code == code), None) for v in data.villages]
        rows.append([code, name] + [label.get(m, m) if m else ("–" if not v.reported else "")
                                    for m, v in zip(marks, data.villages, strict=True)]
                    + [f"{sum(1 for m in marks if m == MET)}/{n}"])
    rows.append({"cells": ["", "Số tiêu chí đạt"] + [f"{v.met_count}/{total}" if v.reported else "–"
                                                       for v in data.villages] + [""], "bold": True})
    return Appendix("matrix", title, [_table(cols, rows, center_from=2), _matrix_legend(data, short)])


def _matrix_by_village(data: ReportData) -> list[dict]:
    """The matrix turned for many villages: a row per village, a column per criterion (names in the
    note), so the table grows in pages, not in columns."""
    total, n = len(data.village_criteria), len(data.villages)
    tt_w, name_w, sum_w = 800, 2600, 1400
    each = (14570 - tt_w - name_w - sum_w) // total
    cols = [("TT", tt_w), ("Thôn", name_w)] + [(f"Tiêu chí {code}", each) for code, _ in data.village_criteria]
    cols.append(("Số tiêu chí đạt", 14570 - tt_w - name_w - each * total))
    label = {MET: "Đ", NOT_MET: "CĐ"}
    met = dict.fromkeys((code for code, _ in data.village_criteria), 0)
    rows: list = []
    for i, v in enumerate(data.villages, start=1):
        marks = {r.code: r.dat for r in v.rows}
        cells = []
        for code, _ in data.village_criteria:
            m = marks.get(code)
            met[code] += m == MET
            cells.append(label.get(m, m) if m else ("–" if not v.reported else ""))
        rows.append([str(i), v.name, *cells, f"{v.met_count}/{total}" if v.reported else "–"])
    rows.append({"cells": ["", "Số thôn đạt", *(f"{met[code]}/{n}" for code, _ in data.village_criteria), ""],
                 "bold": True})
    names = _p("Tiêu chí: " + "; ".join(f"{code}. {name}" for code, name in data.village_criteria) + ".")
    return [_table(cols, rows, center_cols=(0,), center_from=2), {**names, "size": 12, "italic": True},
            _matrix_legend(data, True)]


def _matrix_legend(data: ReportData, short: bool) -> dict:
    total, n = len(data.village_criteria), len(data.villages)
    legend = _p("Ghi chú: " + ("«Đ»: đạt; «CĐ»: chưa đạt; " if short else "")
                + f"«–»: thôn chưa gửi báo cáo. Thôn đạt {total}/{total} tiêu chí: {len(data.villages_full)}/{n} thôn"
                + (f" ({_names([v.name for v in data.villages_full])})." if data.villages_full else "."))
    return {**legend, "size": 12, "italic": True}


def _appendix_villages(data: ReportData) -> Appendix | None:
    if not data.villages:
        return None
    cols = [("TT", 500), ("Tiêu chí", 2300), ("Tự đánh giá", 1100), ("Khối lượng còn lại phải thực hiện", 1900),
            ("Tổ chức, cá nhân thực hiện", 1500), ("Cá nhân chỉ đạo", 1300), ("Nguồn lực thực hiện", 1500),
            ("Khó khăn, vướng mắc", 1500), ("Giải pháp cần tập trung", 1570), ("Thời gian hoàn thành", 1400)]
    rows: list = []
    for v in data.villages:
        if not v.reported:
            rows.append({"band": f"{v.name} – chưa gửi báo cáo"})
            continue
        # rows Đạt with nothing else said add nothing to the matrix (Phụ lục III): only the rest
        said = [r for r in v.rows if r.dat != MET or any(getattr(r, c) for c in _VILLAGE_COLS[1:])]
        rows.append({"band": f"{v.name} – đạt {v.met_count}/{v.total} tiêu chí"
                             + ("" if said else "; không còn khối lượng phải thực hiện")})
        rows += [[r.code, r.name, _s(r.dat), _s(r.khoi_luong), _s(r.thuc_hien), _s(r.chi_dao), _s(r.nguon_luc),
                  _s(r.kho_khan), _s(r.giai_phap), _d(r.han)] for r in said]
    return Appendix("villages", "Khối lượng còn lại, nguồn lực, khó khăn và giải pháp của các thôn",
                    [_table(cols, rows)])


def _appendix_roadmap(data: ReportData) -> Appendix:
    cols = [("TT", 600), ("Thời hạn", 1400), ("Nội dung công việc", 5470), ("Tiêu chí, thôn", 2700),
            ("Tổ chức, cá nhân thực hiện", 2500), ("Cá nhân chỉ đạo, phụ trách", 1900)]
    rows = [[str(n), text.short_date(i.date), i.what, i.where, i.who, i.director]
            for n, i in enumerate(data.roadmap, start=1)]
    if not rows:
        rows = [{"band": "Chưa có công việc nào được báo cáo kèm thời hạn."}]
    return Appendix("roadmap", "Lộ trình thực hiện", [_table(cols, rows)])


def _appendix_status(data: ReportData) -> Appendix:
    cols = [("TT", 600), ("Đơn vị, cá nhân báo cáo", 5400), ("Hạn báo cáo", 1400), ("Tình trạng", 1700),
            ("Ngày nhận", 1400), ("Ghi chú", 4070)]  # 14570: a landscape text width
    rows = []
    for n, s in enumerate(data.statuses, start=1):
        note = s.reason or ""
        if s.updated_at:
            note = f"Bản cập nhật ngày {text.short_date(received_day(s.updated_at))}"
        rows.append([str(n), s.name, _d(s.deadline), STATE_LABELS[s.state],
                     text.short_date(received_day(s.received_at)) if s.received_at and s.state != "rejected"
                     else "", note])
    blocks = [_table(cols, rows)]
    if data.followups:
        cols2 = [("Nhóm", 800), ("Tiêu chí", 3300), ("Người phụ trách", 2300), ("Tình hình báo cáo", 1800),
                 ("Ngày kiểm tra", 1400), ("Ý kiến kiểm tra, đôn đốc", 4970)]
        blocks += [{"kind": "subtitle", "text": "Kết quả kiểm tra, đôn đốc của các đồng chí chỉ đạo nhóm tiêu chí"},
                   _table(cols2, [[f.group, f"{f.code}. {f.name}", f.lead, _s(f.state), _d(f.day), _s(f.note)]
                                  for f in data.followups])]
    if data.extra:
        blocks += [{"kind": "subtitle", "text": "Nội dung khác đã báo cáo"},
                   _table([("Đơn vị", 2500), ("Ô trả lời", 3000), ("Nội dung", 9070)],
                          [[e.unit, e.tag, e.value] for e in data.extra])]
    return Appendix("status", "Tình hình gửi báo cáo của các đơn vị, cá nhân", blocks)


def report_blocks(case: Case, data: ReportData, settings: ReportSettings, citation: tuple[str, str],
                  refs: dict[str, str]) -> list[dict]:
    """The report's body: I. results, II. remaining work and solutions, III. proposals (ends ./.)."""
    c = data.state_counts
    total_units = len(data.statuses)
    n = len(data.criteria)
    as_of = text.short_date(data.as_of)
    see = lambda key: f" (chi tiết tại Phụ lục {refs[key]})" if key in refs else ""  # noqa: E731
    out = [_p(f"Thực hiện {citation[0]} {citation[1]} của Ủy ban nhân dân xã về việc {case.dispatch.subject[:1].lower()}"
              f"{case.dispatch.subject[1:]}, trên cơ sở báo cáo của các thôn, các đồng chí phụ trách tiêu chí "
              f"và chỉ đạo nhóm tiêu chí, Ủy ban nhân dân xã báo cáo kết quả như sau:"),
           _h("I. KẾT QUẢ RÀ SOÁT, ĐÁNH GIÁ"),
           _h("1. Tình hình gửi báo cáo"),
           _p(f"Tổng số {total_units} đơn vị, cá nhân phải gửi báo cáo; tính đến ngày {as_of}: {c['on_time']} "
              f"đúng hạn, {c['late']} chậm hạn, {c['missing']} chưa gửi, {c['rejected']} phải gửi lại"
              f"{see('status')}.")]
    for state, label in (("missing", "Chưa gửi báo cáo"), ("rejected", "Báo cáo chưa hợp lệ, phải gửi lại"),
                         ("late", "Gửi chậm hạn")):
        units = data.state_units(state)
        if units:
            out.append(_b(f"{label} ({len(units)}): {_names([u.name for u in units])}."))
    # 2. commune criteria
    out += [_h("2. Mức độ đạt chuẩn các tiêu chí xã nông thôn mới"),
            _p(f"Tổng số {n} tiêu chí: {len(data.criteria_met)}/{n} tiêu chí đạt chuẩn, "
               f"{len(data.criteria_unmet)} tiêu chí chưa đạt, {len(data.criteria_unreported)} tiêu chí chưa có "
               f"báo cáo đánh giá{see('criteria')}.")]
    if data.criteria_met:
        out.append(_b(f"Các tiêu chí đạt chuẩn: {_names([x.code for x in data.criteria_met])}."))
    for x in data.criteria_unmet:
        unmet = x.unmet
        detail = (f"chỉ tiêu chưa đạt: {_names([f'{i.code} ({i.text})' for i in unmet])}" if unmet
                  else "chưa đánh giá đủ các chỉ tiêu")
        out.append(_b(f"Tiêu chí số {x.code} ({x.name}): chưa đạt; {detail}."))
    if data.criteria_unreported:
        out.append(_b("Chưa có báo cáo đánh giá: tiêu chí số "
                      f"{_names([x.code for x in data.criteria_unreported])}."))
    # 3. villages
    nv = len(data.villages)
    nk = len(data.village_criteria)
    full = data.villages_full
    out += [_h("3. Khu dân cư nông thôn mới kiểu mẫu"),
            _p(f"Có {len(data.villages_reported)}/{nv} thôn đã gửi báo cáo tự đánh giá; {len(full)}/{nv} thôn "
               f"đạt {nk}/{nk} tiêu chí khu dân cư nông thôn mới kiểu mẫu"
               + (f" ({_names([v.name for v in full])})" if full else "") + f"{see('matrix')}.")]
    rows = []
    for i, v in enumerate(data.villages, start=1):
        rows.append([str(i), v.name, f"{v.met_count}/{v.total}" if v.reported else "Chưa báo cáo",
                     _names([f"{r.code}. {r.name}" for r in v.unmet]) if v.reported else ""])
    if rows:
        out.append(_table([("TT", 600), ("Thôn", 1700), ("Số tiêu chí đạt", 1500), ("Các tiêu chí chưa đạt", 5555)],
                          rows, center_cols=(0, 2)))
    # 4. dossier
    with_dossier = [x for x in data.criteria if x.dossier and x.reported]
    complete = [x for x in with_dossier if x.dossier_complete]
    out += [_h("4. Tình hình hồ sơ tiêu chí"),
            _p(f"Trong {len(with_dossier)} tiêu chí đã báo cáo có danh mục hồ sơ, {len(complete)} tiêu chí đủ hồ sơ, "
               f"{len(with_dossier) - len(complete)} tiêu chí còn thiếu hoặc cần bổ sung hồ sơ{see('dossier')}.")]
    for x in with_dossier:
        if x.dossier_missing:
            items = "; ".join(f"{d.item} ({d.state.lower()}" + (f", kế hoạch: {d.plan}" if d.plan else "") + ")"
                              for d in x.dossier_missing)
            out.append(_b(f"Tiêu chí số {x.code} ({x.name}): {items}."))
    # II. work
    out += [_h("II. KHỐI LƯỢNG CÒN LẠI, NHIỆM VỤ VÀ GIẢI PHÁP"), _h("1. Đối với các tiêu chí xã")]
    worked = [x for x in data.criteria if x.work]
    if not worked:
        out.append(_p(f"Chưa có báo cáo khối lượng công việc còn lại của các tiêu chí{see('criteria')}."))
    else:
        out.append(_p(f"Nội dung, khối lượng công việc cần thực hiện để đạt chuẩn, tổ chức, cá nhân thực hiện và "
                      f"thời hạn hoàn thành{see('criteria')}:"))
    for x in worked:
        out.append(_p(f"Tiêu chí số {x.code} ({x.name})" + (f", phụ trách: đồng chí {x.lead}" if x.lead else "") + ":"))
        for i in x.work:
            parts = [f"Chỉ tiêu {i.code}: {i.noi_dung or 'chưa nêu nội dung'}"]
            if i.thuc_hien:
                parts.append(f"thực hiện: {i.thuc_hien}")
            if i.phoi_hop:
                parts.append(f"phối hợp: {i.phoi_hop}")
            if i.han:
                parts.append(f"hoàn thành trước ngày {_d(i.han)}")
            out.append(_b("; ".join(parts) + ";"))
    out.append(_h("2. Đối với các thôn"))
    pending = [v for v in data.villages if v.reported and v.unmet]
    if not pending:
        out.append(_p(f"Không có thôn nào báo cáo tiêu chí chưa đạt{see('villages')}."))
    else:
        out.append(_p(f"Khối lượng còn lại, người thực hiện, người chỉ đạo, nguồn lực, khó khăn và giải pháp đối "
                      f"với các tiêu chí chưa đạt của từng thôn{see('villages')}:"))
    for v in pending:
        out.append(_p(f"{v.name} (đạt {v.met_count}/{v.total} tiêu chí):"))
        for r in v.unmet:
            parts = [f"Tiêu chí {r.code} ({r.name}): {r.khoi_luong or 'chưa nêu khối lượng'}"]
            for label, value in (("thực hiện", r.thuc_hien), ("chỉ đạo", r.chi_dao), ("nguồn lực", r.nguon_luc),
                                 ("khó khăn", r.kho_khan), ("giải pháp", r.giai_phap)):
                if value:
                    parts.append(f"{label}: {value}")
            if r.han:
                parts.append(f"hoàn thành trước ngày {_d(r.han)}")
            out.append(_b("; ".join(parts) + ";"))
    out.append(_h("3. Lộ trình thực hiện"))
    if data.roadmap:
        months: dict[tuple[int, int], int] = defaultdict(int)
        for item in data.roadmap:
            months[(item.date.year, item.date.month)] += 1
        out.append(_p(f"Có {len(data.roadmap)} công việc có thời hạn, từ ngày {text.short_date(data.roadmap[0].date)} "
                      f"đến ngày {text.short_date(data.roadmap[-1].date)}{see('roadmap')}:"))
        out += [_b(f"Tháng {m:02d}/{y}: {k} công việc;") for (y, m), k in sorted(months.items())]
    else:
        out.append(_p("Chưa có công việc nào được báo cáo kèm thời hạn."))
    out.append(_h("III. ĐỀ XUẤT, KIẾN NGHỊ"))
    out += [_p(s) for s in settings.proposals]
    out.append(_p(f"Trên đây là báo cáo {settings.subject[:1].lower()}{settings.subject[1:]} của Ủy ban nhân dân "
                  f"xã {case.agency.place}./."))
    return out


# ================================================================================================
# Reminder: the units to urge and the công văn đôn đốc
# ================================================================================================

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
    lines = [f"Chi ủy, Ban phát triển {_names(villages)}"] if villages else []
    for s in targets:
        unit = units.get(s.unit)
        if s.form == "village_assessment" or unit is None:
            continue
        who = _officer_name(case, unit.officers[0]) if unit.officers else ""
        role = "phụ trách tiêu chí số" if s.form == "criterion" else "chỉ đạo nhóm tiêu chí"
        people[(who, role)].append(unit.subject)
    for (who, role), subjects in people.items():
        lines.append(f"Đồng chí {who}, {role} {_names(subjects)}" if who else f"Người {role} {_names(subjects)}")
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
    old = f" trước ngày {_names([_d(x) for x in deadlines])}" if deadlines else ""
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
                    signer=settings.signer or case.dispatch.signer)


# ================================================================================================
# Stage functions
# ================================================================================================

def _read_store(case: Case, case_dir: Path, as_of: dt.date) -> tuple[list[dict], list[UnitStatus], Entry | None]:
    with open_store(case_dir) as db:
        rows = db.answers_current()
        statuses = status(case, db, as_of)
        entry = issued_entry(case, list_entries(db))
    return rows, statuses, entry


def signer_key(case: Case, case_dir: str | Path, document: str = "report") -> str:
    """Who signs the report or the reminder (``report.yaml``, else the dispatch's signer): for ``--pdf``."""
    settings = getattr(load_report_settings(case, case_dir), document)
    return settings.signer or case.dispatch.signer


def build_report(case: Case, case_dir: str | Path, out: str | Path, as_of: dt.date | None = None) -> Path:
    """Write the compiled BÁO CÁO of ``case`` (body + landscape appendices) to ``out``; return it."""
    from .output import write_atomic
    from .word.report_body import BODY_SLOT, report_docx
    from .word.template import render_bytes

    case_dir = Path(case_dir)
    as_of = as_of or dt.date.today()
    settings = load_report_settings(case, case_dir).report
    rows, statuses, entry = _read_store(case, case_dir, as_of)
    data = compute(case, form_specs(case), rows, statuses, as_of)
    record = Dispatch(type="Báo cáo", date=PartialDate(year=as_of.year, month=as_of.month),
                      subject=settings.subject, recipients=recipients_for(case, settings),
                      body=[Block(paragraph="(báo cáo)")], noi_nhan=settings.noi_nhan,
                      signer=settings.signer or case.dispatch.signer)
    context = document_context(case, record)
    annexes = appendices(data)
    refs = {a.key: text.roman(n) for n, a in enumerate(annexes, start=1)}
    blocks = report_blocks(case, data, settings, dispatch_citation(case, entry), refs)
    attached = (f"(Kèm theo Báo cáo số {text.doc_number(None).strip() or '…'}/{context['symbol']} "
                f"{text.date_phrase(as_of.year, as_of.month, None)} của {case.agency.full_name})")
    docx = render_bytes("van-ban", {**context, "body_subdoc": BODY_SLOT})  # body and appendices: after Jinja
    docx = report_docx(docx, blocks, [{"label": f"Phụ lục {refs[a.key]}", "title": text.upper_vi(a.title),
                                       "attached": attached, "blocks": a.blocks} for a in annexes])
    written = write_atomic(Path(out), docx)
    log.info("report %s", written)
    return written


def build_reminder(case: Case, case_dir: str | Path, out: str | Path, as_of: dt.date | None = None,
                   deadline: dt.date | None = None) -> Path:
    """Write the công văn đôn đốc to the units still missing or rejected on ``as_of``; return the path."""
    from .word.template import render_docx

    case_dir = Path(case_dir)
    as_of = as_of or dt.date.today()
    settings = load_report_settings(case, case_dir).reminder
    deadline = deadline or as_of + dt.timedelta(days=settings.days)
    if deadline <= as_of:
        raise DispatchGenError(t("remind_deadline_past", deadline=text.short_date(deadline),
                                 as_of=text.short_date(as_of)))
    _, statuses, entry = _read_store(case, case_dir, as_of)
    targets = units_to_remind(statuses)
    if not targets:
        raise DispatchGenError(t("remind_nobody", as_of=text.short_date(as_of)))
    record = reminder_dispatch(case, targets, dispatch_citation(case, entry), as_of, deadline, settings)
    written = render_docx("cong-van", document_context(case, record), out)
    log.info("reminder %s (%d units)", written, len(targets))
    return written

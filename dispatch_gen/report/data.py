"""What the report counts: the current answers, form specs and statuses as plain ``ReportData``.

Pure: no store, no files, no Word. ``compute`` turns the ``Store.answers_current`` rows, the form
specs, the case and the units' statuses into criteria met of N, indicators not met, the village
matrix, the roadmap, follow-ups and the answers no current form asks for; every number the report
prints is read from here, never typed, so tests compare it with SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import text
from ..case import roles
from ..case.models import Case, Unit, expected_units, tag_for
from ..forms.spec import indicator_rows
from ..status import STATES, UnitStatus

if TYPE_CHECKING:
    from ..forms.spec import FormSpec

MET = "Đạt"
NOT_MET = "Chưa đạt"
DOSSIER_OK = "Đã có"
FREE_TEXT = ("text", "multiline")

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
class _Judged:
    """A unit's self-assessment of its items (a criterion's indicators, a village's criteria), each
    Đạt / Chưa đạt / left blank: the one place that tells "chưa đạt" from "chưa tự đánh giá"."""

    code: str
    name: str
    unit: str
    reported: bool

    @property
    def items(self) -> tuple[IndicatorRow, ...] | tuple[VillageRow, ...]:
        raise NotImplementedError

    @property
    def unmet(self) -> list:
        """Items self-assessed Chưa đạt."""
        return [i for i in self.items if i.dat == NOT_MET]

    @property
    def unassessed(self) -> list:
        """Items of a reported form without Đạt / Chưa đạt: "chưa tự đánh giá", which is not "chưa đạt"."""
        return [i for i in self.items if i.dat not in (MET, NOT_MET)] if self.reported else []


@dataclass(frozen=True)
class CriterionResult(_Judged):
    """A commune criterion: reported or not, met or not, the indicators not met, work and dossier."""

    lead: str = ""  # the lead's name (or "")
    indicators: tuple[IndicatorRow, ...] = ()
    dossier: tuple[DossierRow, ...] = ()

    @property
    def items(self) -> tuple[IndicatorRow, ...]:
        return self.indicators

    @property
    def whole(self) -> bool:
        """Assessed as a whole: no indicators yet (a 2026 set before the clerk types them), one row."""
        return [i.code for i in self.indicators] == [self.code]

    @property
    def met(self) -> bool | None:
        """True when every indicator is Đạt, False when one is Chưa đạt; None while not reported or not
        fully self-assessed (an indicator left blank is not an indicator failed)."""
        if not self.reported:
            return None
        if self.unmet:
            return False
        return None if self.unassessed else True

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
class VillageResult(_Judged):
    """A village: reported or not, its row per criterion, how many met."""

    rows: tuple[VillageRow, ...] = ()

    @property
    def items(self) -> tuple[VillageRow, ...]:
        return self.rows

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.rows if r.dat == MET)

    @property
    def total(self) -> int:
        return len(self.rows)

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
    units_word: str = "thôn"  # how sentences name the residential units: "thôn, tổ dân phố" (roles)

    @property
    def criteria_met(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is True]

    @property
    def criteria_unmet(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is False]

    @property
    def criteria_unassessed(self) -> list[CriterionResult]:
        """Reported, none Chưa đạt, but some indicators left without a self-assessment."""
        return [c for c in self.criteria if c.reported and c.met is None]

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


def officer_name(case: Case, officer_id: str | None) -> str:
    """The officer's name, or "" when none is assigned (a sentence then names the role only)."""
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
        rows = indicator_rows(c, marked=bool(case.commune_criteria.annex))  # issue 15: (*) as on the forms
        indicators = tuple(IndicatorRow(code, txt, req, *(_get(values, s, code, col) for s, col in (
            ("ct", "hien_trang"), ("ct", "dat"), ("cv", "noi_dung"), ("cv", "thuc_hien"), ("cv", "phoi_hop"),
            ("cv", "han")))) for code, txt, req in rows)
        dossier = tuple(DossierRow(str(n), item, _get(values, "hs", str(n), "tinh_trang"),
                                   _get(values, "hs", str(n), "ke_hoach"))
                        for n, item in enumerate(c.dossier, start=1))
        out.append(CriterionResult(c.code, c.name, unit.code, unit.code in answers, lead=officer_name(case, c.lead),
                                   indicators=indicators, dossier=dossier))
    return out


VILLAGE_COLS = ("dat", "khoi_luong", "thuc_hien", "chi_dao", "nguon_luc", "kho_khan", "giai_phap", "han")


def village_results(case: Case, units: list[Unit], answers: dict[str, dict]) -> list[VillageResult]:
    """One result per village that has an assessment form, in village order."""
    crit = case.village_criteria.criteria if case.village_criteria else []
    tags = [(c, [tag_for("kdc", c.code, col) for col in VILLAGE_COLS]) for c in crit]  # once, not per village
    out = []
    for unit in units:
        if unit.form != "village_assessment":
            continue
        values = answers.get(unit.code, {})
        rows = tuple(VillageRow(c.code, c.name, *(values.get(tag) or None for tag in row)) for c, row in tags)
        out.append(VillageResult(unit.subject, unit.name, unit.code, unit.code in answers, rows))
    return out


def iso_day(value: str | None) -> dt.date | None:
    """A stored ISO date, or None when blank or not a date (a clerk may type free text)."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def roadmap(criteria: list[CriterionResult], villages: list[VillageResult]) -> list[RoadmapItem]:
    """Every task with a date (criterion work, village work), sorted by date then place."""
    items = []
    for c in criteria:
        for i in c.indicators:
            day = iso_day(i.han)
            if day:
                # a criterion assessed as a whole has one row, coded as the criterion: no «chỉ tiêu 1»
                what = i.noi_dung or (f"Hoàn thành tiêu chí {c.code}: {c.name}" if c.whole
                                      else f"Hoàn thành chỉ tiêu {i.code}: {i.text}")
                who = "; ".join(x for x in (i.thuc_hien, i.phoi_hop and f"phối hợp: {i.phoi_hop}") if x)
                where = f"Tiêu chí số {c.code} ({c.name})" + ("" if c.whole else f", chỉ tiêu {i.code}")
                items.append(RoadmapItem(day, what, where, who, c.lead))
    for v in villages:
        for r in v.rows:
            day = iso_day(r.han)
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
            out.append(FollowupRow(group.code, code, c.name if c else code, officer_name(case, c.lead if c else None),
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
                      followups(case, units, answers), extra_answers(specs, rows), roles.units_word(case))

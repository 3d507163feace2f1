"""Pydantic models of a case: agency, signers, people, villages, criteria, the dispatch and its tasks.

Models are validated once at the edge (``records.load_case``) and trusted downstream. Unknown keys
are errors (``extra="forbid"``): a typo must never be silently ignored. Every string is stored NFC.
Derived facts every stage needs (the expected units, their codes, the field tag scheme) live here,
as pure functions, so that forms, collection, status and the report agree by construction.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import text
from ..messages import t

# ND30 Phụ lục III: named document types and their abbreviations (công văn and thư công have none).
DOC_TYPES: dict[str, str | None] = {
    "Công văn": None, "Thư công": None,
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC", "Quy định": "QyĐ",
    "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD", "Chương trình": "CTr", "Kế hoạch": "KH",
    "Phương án": "PA", "Đề án": "ĐA", "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ", "Giấy mời": "GM", "Giấy giới thiệu": "GGT", "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG", "Phiếu chuyển": "PC", "Phiếu báo": "PB",
}
URGENCY = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN")
CONFIDENTIALITY = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
SYMBOL_PART = r"[A-ZĐ][A-Za-zĐđ]*"
SYMBOL_PATTERN = rf"^{SYMBOL_PART}(-{SYMBOL_PART})*$"  # a ký hiệu's agency or unit part (UBND, VP, UBND-VP)
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def _nfc_deep(value: Any) -> Any:
    if isinstance(value, str):
        return text.nfc(value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_deep(v) for k, v in value.items()}
    return value


class Model(BaseModel):
    """Base: unknown keys forbidden, strings NFC and stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _nfc(cls, data: Any) -> Any:
        return _nfc_deep(data)


class Agency(Model):
    """The issuing agency (ô 2) and where it sits (ô 4)."""

    parent: str | None = None
    name_lines: list[str] = Field(min_length=1)
    full_name: str
    symbol: str = Field(pattern=rf"^{SYMBOL_PART}(-{SYMBOL_PART})*$")
    place: str
    address: str | None = None
    phone: str | None = None
    email: str | None = None


class Signer(Model):
    """A signer: authority mark (TM., KT., …) with the body it acts for, title lines, name."""

    authority: Literal["TM.", "KT.", "TL.", "TUQ.", "Q."] | None = None
    body: str | None = None
    title_lines: list[str] = Field(min_length=1)
    name: str

    @model_validator(mode="after")
    def _authority_needs_body(self) -> Signer:
        if self.authority and not self.body:
            raise ValueError(t("model_authority_body", authority=self.authority))
        return self

    def block_lines(self) -> list[str]:
        """Upper-case lines above the signature: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``."""
        lines = [f"{self.authority} {text.upper_vi(self.body)}"] if self.authority and self.body else []
        return lines + [text.upper_vi(t) for t in self.title_lines]


class Officer(Model):
    """A person who receives forms or signs: commune officials, village leaders."""

    id: str = Field(pattern=_ID)
    name: str
    title: str
    phone: str | None = None
    email: str | None = None  # issue 13: the send list says where each form goes
    sample: bool = False


class VillageKind(Model):
    """A kind of residential unit (thôn, tổ dân phố, bản, …): who leads it, as the documents name them.

    ``board`` and ``name`` make the body's full name (``Ban phát triển`` + ``thôn``); ``head`` is the
    leader's full title. Shipped kinds are in ``roles.SHIPPED``; a case may add or override kinds.
    """

    name: str  # lower case, as in a sentence: "thôn", "tổ dân phố"
    head: str  # "Trưởng thôn", "Tổ trưởng tổ dân phố"
    board: str  # "Ban phát triển", "Ban điều hành"
    party: str = "Chi ủy"  # the Party body named beside the board: "Chi ủy", "Chi bộ"


class Village(Model):
    """A residential unit of the commune (thôn, tổ dân phố, … by ``kind``); ``sample`` marks sample data."""

    code: str = Field(pattern=_ID)
    name: str
    kind: str = "thôn"  # a key of roles.kinds(case): shipped kinds or the case's unit_kinds
    head: str | None = None
    head_phone: str | None = None  # issue 13: the call list and the send list reach the village head
    head_email: str | None = None
    party_secretary: str | None = None
    party_member: str | None = None  # officer id: UVBCH Đảng bộ phụ trách thôn
    sample: bool = False


class Indicator(Model):
    """One chỉ tiêu of a criterion, with its requirement (target) text."""

    code: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.]*$")
    text: str
    requirement: str = ""
    verified: bool = True  # issue 15: False for shipped wording not checked against the official text
    shipped: bool = False  # issue 15: comes from the criteria library, not typed by the clerk


class Criterion(Model):
    """One tiêu chí: code, name, indicators, its lead (officer id) and dossier checklist."""

    code: str = Field(pattern=r"^[0-9A-Za-z]+$")
    name: str
    indicators: list[Indicator] = []
    lead: str | None = None
    dossier: list[str] = []
    verified: bool = True  # issue 15: False for a placeholder name from the library


class CriterionGroup(Model):
    """A group of criteria (I–V) and the leader directing it."""

    code: str
    name: str
    criteria: list[str] = Field(min_length=1)
    director: str | None = None


class CriteriaSet(Model):
    """A set of criteria (e.g. 318/QĐ-TTg, 19 criteria); sets are data, never code."""

    id: str = Field(pattern=_ID)
    name: str
    basis: str = ""
    placeholder_names: bool = False
    note: str = ""
    groups: list[CriterionGroup] = []
    criteria: list[Criterion] = Field(min_length=1)
    # issue 15: for a set from the library (criteria_library.py): the official text to check its
    # unverified items against, and the commune group or region whose requirements it carries
    annex: str = ""
    target: str = ""


class CriteriaChoice(Model):
    """case.yaml ``criteria``: the library sets a case uses and its commune group or region (issue 15)."""

    commune: str | None = None
    village: str | None = None
    commune_group: str | None = None  # 2026–2030 sets: "1", "2" or "3"
    region: str | None = None  # 2021–2025 sets: e.g. "Bắc Trung Bộ"

    @field_validator("commune_group", "region", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


def _typed_date(value: Any) -> Any:
    """A typed date string as a ``date`` when it reads as one; anything else unchanged."""
    if isinstance(value, str):
        try:
            return text.parse_date(value)
        except ValueError:
            return value
    return value


class PartialDate(Model):
    """A date whose day may be blank (drafts leave it for the clerk): ``2024-11`` or ``2024-11-20``."""

    year: int = Field(ge=1945, le=2200)
    month: int = Field(ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, dt.date):
            return {"year": data.year, "month": data.month, "day": data.day}
        if isinstance(data, str):  # 20/11/2024, 11/2024 (day left blank), ISO too
            try:
                year, month, day = text.parse_partial_date(data)
            except ValueError:
                raise ValueError(f"date '{data}': expected dd/mm/yyyy or mm/yyyy") from None
            return {"year": year, "month": month, "day": day}
        return data

    @model_validator(mode="after")
    def _real(self) -> PartialDate:
        if self.day is not None:
            dt.date(self.year, self.month, self.day)  # ValueError: not a real date
        return self

    def as_date(self) -> dt.date | None:
        """The full date, or None while the day is blank."""
        return dt.date(self.year, self.month, self.day) if self.day else None


class Block(Model):
    """One body paragraph: exactly one of paragraph, item (numbered 1. 2.), point (a) b)), bullet (-)."""

    paragraph: str | None = None
    item: str | None = None
    point: str | None = None
    bullet: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        kinds = [k for k in ("paragraph", "item", "point", "bullet") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(t("model_body_block", found=", ".join(kinds) or "—"))
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("paragraph", "item", "point", "bullet") if getattr(self, k) is not None)

    @property
    def text(self) -> str:
        return getattr(self, self.kind)


UnitKind = Literal["villages", "criterion_leads", "group_directors", "village_party_members"]
FormKind = Literal["village_assessment", "criterion", "group_followup"]


class Task(Model):
    """What a group must deliver, by when, to whom; the link to forms and deadlines."""

    id: str = Field(pattern=_ID)
    who: str
    units: UnitKind
    form: FormKind | None = None
    deliver: str
    deadline: dt.date | None = None
    report_to: str | None = None  # officer id

    @field_validator("deadline", mode="before")
    @classmethod
    def _clerk_date(cls, value: Any) -> Any:
        """``05/04/2025`` as the clerk types it (issue 13); a non-date is left for pydantic to refuse."""
        return _typed_date(value)


class Dispatch(Model):
    """The outgoing document: type, number, date, trích yếu, recipients, body, Nơi nhận, signer."""

    type: str = "Công văn"
    number: int | None = Field(default=None, ge=1)
    date: PartialDate
    unit: str | None = Field(default=None, pattern=rf"^{SYMBOL_PART}(-{SYMBOL_PART})*$")
    subject: str = Field(min_length=1)  # the trích yếu: a draft with «V/v » and nothing after it is no draft
    urgency: Literal["HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"] | None = None
    confidentiality: Literal["TUYỆT MẬT", "TỐI MẬT", "MẬT"] | None = None
    recipients: list[str] = []
    body: list[Block] = Field(min_length=1)
    noi_nhan: list[str] = Field(min_length=1)
    signer: str
    tasks: list[Task] = []

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        for name in DOC_TYPES:
            if name.lower() == value.lower():
                return name
        raise ValueError(t("model_doc_type", value=value, known=", ".join(DOC_TYPES)))

    @property
    def is_cong_van(self) -> bool:
        return DOC_TYPES[self.type] is None


class Case(Model):
    """A whole case folder, loaded and cross-checked."""

    id: str = Field(pattern=_ID)
    title: str
    agency: Agency
    signers: dict[str, Signer]
    collector: str | None = None  # officer id who receives the reports
    unit_kinds: dict[str, VillageKind] = {}  # issue 10: the case's own kinds, over roles.SHIPPED
    dispatch: Dispatch
    officers: list[Officer] = []
    villages: list[Village] = []
    commune_criteria: CriteriaSet | None = None
    village_criteria: CriteriaSet | None = None
    criteria: CriteriaChoice | None = None  # issue 15: sets named from the library

    def officer(self, officer_id: str | None) -> Officer | None:
        """The officer with that id, or None."""
        return next((o for o in self.officers if o.id == officer_id), None)

    @property
    def signer(self) -> Signer:
        return self.signers[self.dispatch.signer]


def symbol_for(agency: Agency, doc_type: str, unit: str | None) -> str:
    """Ký hiệu: ``BC-UBND`` for named types, ``UBND-VP`` (or ``UBND``) for công văn (ND30 §5)."""
    abbr = DOC_TYPES[doc_type]
    parts = [abbr] if abbr else []
    parts.append(agency.symbol)
    if unit:
        parts.append(unit)
    return "-".join(parts)


def tag_for(*parts: str) -> str:
    """The stable content-control tag of an answer field: parts joined by ``.``.

    Scheme: ``<section>.<row>.<field>``, e.g. ``kdc.3.dat`` (village criterion 3, self-assessment)
    or ``ct.2-1.hien_trang`` (indicator 2.1, current state). Dots inside a part become ``-`` so the
    tag splits back unambiguously; only ``[A-Za-z0-9._-]`` appear.
    """
    clean = [re.sub(r"[^A-Za-z0-9_-]", "-", p.replace(".", "-")) for p in parts]
    return ".".join(clean)


class Unit(Model):
    """One addressee of a task who returns one form: a village, a criterion lead, a group director."""

    code: str
    name: str
    form: FormKind | None
    task: str
    deadline: dt.date | None = None
    officers: list[str] = []  # officer ids responsible for the form
    subject: str = ""  # the criterion code or group code the form is about, or the village code


def unit_code(kind: str, key: str) -> str:
    """Unit code scheme: ``thon-01`` (villages keep their own code), ``tc-02``, ``nhom-ii``."""
    if kind == "criterion_leads":
        return f"tc-{int(key):02d}" if key.isdigit() else f"tc-{text.slugify(key)}"
    if kind == "group_directors":
        return f"nhom-{text.slugify(key)}"
    return key


def expected_units(case: Case) -> list[Unit]:
    """Every unit a task of the dispatch names, in a stable order (one form each)."""
    units: list[Unit] = []
    for task in case.dispatch.tasks:
        if task.units in ("villages", "village_party_members"):
            for v in case.villages:
                officers = [v.party_member] if task.units == "village_party_members" and v.party_member else []
                units.append(Unit(code=unit_code(task.units, v.code), name=v.name, form=task.form,
                                  task=task.id, deadline=task.deadline, officers=officers, subject=v.code))
        elif task.units == "criterion_leads" and case.commune_criteria:
            for c in case.commune_criteria.criteria:
                units.append(Unit(code=unit_code(task.units, c.code), name=f"Tiêu chí số {c.code}: {c.name}",
                                  form=task.form, task=task.id, deadline=task.deadline,
                                  officers=[c.lead] if c.lead else [], subject=c.code))
        elif task.units == "group_directors" and case.commune_criteria:
            for g in case.commune_criteria.groups:
                units.append(Unit(code=unit_code(task.units, g.code), name=f"Nhóm {g.code}: {g.name}",
                                  form=task.form, task=task.id, deadline=task.deadline,
                                  officers=[g.director] if g.director else [], subject=g.code))
    return units

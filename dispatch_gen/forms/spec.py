"""What each fillable form asks, field by field: the contract between ``forms`` and ``collect``.

A ``FormSpec`` is built from the case data alone (pure; models and text only), so the generated
.docx, the reader and the collector agree by construction. Criteria sets are data: the rows of every
table come from ``criteria.yaml``/``dossier.csv``, never from code (12 village criteria just work).

Tag scheme (``models.tag_for``): ``<section>.<row>.<column>``, each part restricted to
``[A-Za-z0-9_-]`` (a ``.`` inside a part becomes ``-``), unique in a form:

- ``section`` – the table: ``kdc`` village criteria, ``ct`` commune-criterion indicators,
  ``cv`` work still needed per indicator, ``hs`` dossier checklist, ``td`` group follow-up;
- ``row`` – the code printed in the first cell of the table row: criterion code (``3``), indicator
  code (``2.1`` → ``2-1``), dossier item number (``4``);
- ``column`` – the answer column: ``dat`` self-assessment, ``khoi_luong``, ``thuc_hien``, ``chi_dao``,
  ``nguon_luc``, ``kho_khan``, ``giai_phap``, ``han`` (date), ``hien_trang``, ``noi_dung``,
  ``phoi_hop``, ``tinh_trang``, ``ke_hoach``, ``ngay``, ``y_kien``.

Examples: ``kdc.3.dat`` (village criterion 3, Đạt/Chưa đạt), ``ct.2-1.hien_trang`` (indicator 2.1,
current state), ``hs.2.tinh_trang`` (dossier item 2, Đã có/Chưa có/Cần bổ sung).

The same (row, column) pair is the fallback key when an office suite drops the tags: a row is found
by the text of its first cell, a column by its fixed position in ``Section.columns``.
Identity travels in custom document properties ``IDENTITY_KEYS`` (case, form kind, unit, version).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import nd30, text
from ..case import roles
from ..case.contacts import collector_of
from ..case.models import Case, Criterion, CriterionGroup, Unit, Village, expected_units, tag_for
from ..context import dispatch_citation
from ..errors import Problem, RecordError
from ..messages import t

FORM_VERSION = "1"
IDENTITY_KEYS = ("dg.case", "dg.form", "dg.unit", "dg.version")

ASSESSMENT = ("Đạt", "Chưa đạt")
DOSSIER_STATES = ("Đã có", "Chưa có", "Cần bổ sung")
REPORT_STATES = ("Đã báo cáo", "Chưa báo cáo", "Cần bổ sung")
KINDS = ("text", "multiline", "dropdown", "date", "checkbox")  # multiline: a rich-text control
PLACEHOLDERS = {"text": "Nhập nội dung", "multiline": "Nhập nội dung", "dropdown": "Chọn",
                "date": "Chọn ngày", "checkbox": ""}
DATE_FORMAT = "dd/MM/yyyy"  # Word's picture string; the reader parses the same shape


@dataclass(frozen=True)
class FieldSpec:
    """One answer field: a content control in a table cell."""

    tag: str  # models.tag_for(section, row, column)
    label: str  # Vietnamese alias shown by Word
    kind: str  # "text" | "multiline" | "dropdown" | "date" | "checkbox"
    section: str  # table key: "kdc", "ct", "cv", "hs", "td"
    row: str  # code in the first cell of the row
    column: str  # column key
    options: tuple[str, ...] = ()  # displayed items of a drop-down
    required: bool = True

    @property
    def placeholder(self) -> str:
        """The text an empty control shows (read back as empty, even when its flag was lost)."""
        return PLACEHOLDERS[self.kind]


@dataclass(frozen=True)
class Column:
    """A table column: fixed text (``kind`` None) or an answer field of ``kind``."""

    key: str
    header: str
    width: int  # twips
    kind: str | None = None
    options: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: its key (= first-cell text) and the fixed texts of the non-answer columns."""

    key: str
    fixed: tuple[str, ...]  # one text per column whose kind is None, in column order
    name: str = ""  # how the alias names the row: "tiêu chí 3", "chỉ tiêu 2.1", "hồ sơ 4"


@dataclass(frozen=True)
class Section:
    """One table of a form, in document order; ``landscape`` puts it on a landscape page."""

    key: str
    heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    landscape: bool = False

    def column_index(self, key: str) -> int:
        """Position of column ``key`` in every row (the fallback when tags are gone)."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)


@dataclass(frozen=True)
class FormSpec:
    """A unit's form: identity, fields (the contract) and the layout the .docx is built from."""

    case_id: str
    form: str
    unit: str
    version: str
    title: str
    fields: tuple[FieldSpec, ...]
    unit_name: str = ""
    attachment: str = ""  # "(Kèm theo Công văn số …)"
    instruction: str = ""
    info: tuple[tuple[str, str], ...] = ()  # pre-filled, not editable: (label, value)
    sections: tuple[Section, ...] = ()
    landscape: bool = False  # whole form on landscape pages
    signer_label: str = "NGƯỜI BÁO CÁO"
    note: str = ""  # issue 15: "(*) …" under the instruction when the form shows unverified items
    _by_tag: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_tag", {f.tag: f for f in self.fields})

    def field(self, tag: str) -> FieldSpec:
        """The field with ``tag``; KeyError when the form has no such field."""
        return self._by_tag[tag]

    @property
    def tags(self) -> Mapping[str, FieldSpec]:
        """Tag → field: ``tag in spec.tags`` is the membership test readers use."""
        return self._by_tag

    def section(self, key: str) -> Section:
        """The table ``key`` of the layout."""
        return next(s for s in self.sections if s.key == key)

    @property
    def identity(self) -> dict[str, str]:
        """Custom document properties carried by the .docx (survive a LibreOffice re-save)."""
        return dict(zip(IDENTITY_KEYS, (self.case_id, self.form, self.unit, self.version), strict=True))


TITLES = {
    "village_assessment": "PHIẾU ĐÁNH GIÁ MỨC ĐỘ ĐẠT CHUẨN KHU DÂN CƯ NÔNG THÔN MỚI KIỂU MẪU",
    "criterion": "PHIẾU ĐÁNH GIÁ TIÊU CHÍ XÃ NÔNG THÔN MỚI",
    "group_followup": "PHIẾU THEO DÕI, ĐÔN ĐỐC BÁO CÁO NHÓM TIÊU CHÍ",
}

_VILLAGE_COLUMNS = (
    Column("tt", "TT", 600),
    Column("ten", "Tiêu chí", 2000),
    Column("dat", "Tự đánh giá", 1250, "dropdown", ASSESSMENT, required=True),
    Column("khoi_luong", "Khối lượng còn lại phải thực hiện", 1900, "multiline"),
    Column("thuc_hien", "Tổ chức, cá nhân thực hiện", 1500, "text"),
    Column("chi_dao", "Cá nhân chỉ đạo", 1300, "text"),
    Column("nguon_luc", "Nguồn lực thực hiện", 1500, "multiline"),
    Column("kho_khan", "Khó khăn, vướng mắc", 1500, "multiline"),
    Column("giai_phap", "Giải pháp cần tập trung", 1500, "multiline"),
    Column("han", "Thời gian hoàn thành", 1320, "date"),
)  # 14370 twips: a landscape A4 text width

_INDICATOR_COLUMNS = (
    Column("tt", "TT", 650),
    Column("chi_tieu", "Chỉ tiêu", 3400),
    Column("yeu_cau", "Yêu cầu", 1200),
    Column("hien_trang", "Hiện trạng (kết quả đến thời điểm báo cáo)", 2655, "multiline", required=True),
    Column("dat", "Tự đánh giá", 1450, "dropdown", ASSESSMENT, required=True),
)  # 9355: portrait text width

_WORK_COLUMNS = (
    Column("tt", "TT", 650),
    Column("chi_tieu", "Chỉ tiêu", 3300),
    Column("noi_dung", "Nội dung, khối lượng công việc cần thực hiện để đạt chuẩn", 3800, "multiline"),
    Column("thuc_hien", "Tổ chức, ban ngành, đơn vị, cá nhân thực hiện", 2700, "multiline"),
    Column("phoi_hop", "Đơn vị phối hợp", 2200, "text"),
    Column("han", "Thời hạn hoàn thành", 1720, "date"),
)  # 14370

_DOSSIER_COLUMNS = (
    Column("tt", "TT", 550),
    Column("ho_so", "Hồ sơ, tài liệu theo danh mục hướng dẫn", 3700),
    Column("tinh_trang", "Tình trạng", 1550, "dropdown", DOSSIER_STATES, required=True),
    Column("ke_hoach", "Kế hoạch củng cố, hoàn thiện (việc cần làm, thời hạn)", 3555, "multiline"),
)  # 9355

_GROUP_COLUMNS = (
    Column("tt", "TT", 550),
    Column("ten", "Tiêu chí", 2300),
    Column("phu_trach", "Người phụ trách", 2000),
    Column("tinh_trang", "Tình hình báo cáo", 1500, "dropdown", REPORT_STATES, required=True),
    Column("ngay", "Ngày kiểm tra", 1300, "date"),
    Column("y_kien", "Ý kiến kiểm tra, đôn đốc", 1705, "multiline"),
)  # 9355


CELL_PADDING = 2 * 108 + 40  # the forms' cell margins (left + right) and a little air


def fit_first_column(columns: tuple[Column, ...], rows: tuple[Row, ...]) -> tuple[Column, ...]:
    """The TT column widened to its longest code (``14.10`` must not wrap as ``14.1 / 0``), the width
    taken from the widest fixed-text column so the table keeps its total width."""
    need = max((nd30.text_twips(r.key, nd30.SIZE_TABLE) for r in rows), default=0) + CELL_PADDING
    return widen(columns, columns[0].key, need, floor=0)


KEEP_ON_ONE_LINE = ("phu_trach",)  # a person's name: «Lý Hoàng Khương / Duy» reads as two people
DONOR_FLOOR = 1300  # no column given away below this (a date, a short answer still fit)


def widen(columns: tuple[Column, ...], key: str, need: int, floor: int = DONOR_FLOOR) -> tuple[Column, ...]:
    """Column ``key`` widened toward ``need`` twips, taken from the widest columns that wrap anyway
    (fixed text, then multi-line answers), none left below ``floor``: the table keeps its total width.

    Gives what it can: a name longer than the page allows still wraps, but no longer needlessly."""
    target = next(c for c in columns if c.key == key)
    grow = need - target.width
    if grow <= 0:
        return columns
    widths = {c.key: c.width for c in columns}
    donors = sorted((c for c in columns if c.key != key and c.kind in (None, "multiline")),
                    key=lambda c: (c.kind is not None, -c.width))
    for donor in donors:
        give = min(grow, max(widths[donor.key] - floor, 0)) if floor else grow
        widths[donor.key] -= give
        widths[key] += give
        grow -= give
        if not grow:
            break
    return tuple(Column(c.key, c.header, widths[c.key], c.kind, c.options, c.required) for c in columns)


DATE_SAMPLE = "28/12/2026"  # the widest dd/mm/yyyy an officer types: «25/11/202 / 4» split before


def fit_names(columns: tuple[Column, ...], rows: tuple[Row, ...]) -> tuple[Column, ...]:
    """Columns of people's names (``KEEP_ON_ONE_LINE``) widened to the longest name they hold, and
    date columns to a whole dd/mm/yyyy date."""
    for col in [c for c in columns if c.kind == "date"]:
        columns = widen(columns, col.key, nd30.line_twips(DATE_SAMPLE, nd30.SIZE_TABLE) + CELL_PADDING)
    fixed = [c.key for c in columns if c.kind is None]
    for key in KEEP_ON_ONE_LINE:
        if key in fixed:
            i = fixed.index(key)
            need = max((nd30.line_twips(r.fixed[i], nd30.SIZE_TABLE) for r in rows if i < len(r.fixed)),
                       default=0) + CELL_PADDING
            columns = widen(columns, key, need)
    return columns


def _section(key: str, heading: str, columns: tuple[Column, ...], rows: tuple[Row, ...],
             landscape: bool = False) -> Section:
    return Section(key, heading, fit_names(fit_first_column(columns, rows), rows), rows, landscape)


@functools.lru_cache(maxsize=256)
def _fields(section: Section) -> tuple[FieldSpec, ...]:
    """One field per answer cell; the alias names it as a clerk would (``tiêu chí 3, cột Tự đánh giá``),
    so Word's hover label and every message quoting it are unambiguous without the tag.

    Cached: every village's form has the same table, so thousands of specs share one field tuple.
    """
    out = []
    for row in section.rows:
        for col in section.columns:
            if col.kind is None:
                continue
            out.append(FieldSpec(tag=tag_for(section.key, row.key, col.key),
                                 label=f"{row.name}, cột {col.header}", kind=col.kind,
                                 section=section.key, row=row.key, column=col.key,
                                 options=col.options, required=col.required))
    return tuple(out)


_SECTION_COLUMNS = {"kdc": _VILLAGE_COLUMNS, "ct": _INDICATOR_COLUMNS, "cv": _WORK_COLUMNS,
                    "hs": _DOSSIER_COLUMNS, "td": _GROUP_COLUMNS}
_ROW_NOUN = {"kdc": "tiêu chí", "ct": "chỉ tiêu", "cv": "chỉ tiêu", "hs": "hồ sơ", "td": "tiêu chí"}
_TAG = r"(?:kdc|ct|cv|hs|td)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"


def field_words(tag: str) -> str | None:
    """A field as a clerk names it: ``kdc.1.han`` → ``tiêu chí 1, cột Thời gian hoàn thành`` (None: not a
    field tag; a column an older form had is named as such)."""
    parts = tag.split(".")
    if len(parts) != 3 or parts[0] not in _SECTION_COLUMNS:
        return None
    section, row, column = parts
    header = next((c.header for c in _SECTION_COLUMNS[section] if c.key == column), None)
    where = f"{_ROW_NOUN[section]} {row.replace('-', '.')}"
    return f"{where}, cột {header}" if header else f"{where}, ô không còn trong mẫu phiếu"


def clerk_words(reason: str) -> str:
    """A stored reason fit for an official letter or report: no field tags (issue 10, point 7).

    ``ô «tiêu chí 1, cột Thời gian hoàn thành» (kdc.1.han)`` loses the ``(kdc.1.han)``; a bare
    ``«kdc.1.han»`` becomes the words of ``field_words``; a listed ``tiêu chí 1, cột Tự đánh giá (kdc.1.dat)``
    becomes ``«tiêu chí 1, cột Tự đánh giá»`` so a list of them stays readable.
    """
    def quoted(m: re.Match) -> str:
        words = field_words(m[2])
        return f"«{words}»" if words == m[1] else m[0]

    reason = re.sub(rf"(?<![«\w])((?:tiêu chí|chỉ tiêu|hồ sơ) [^,;()«»]+, cột [^,;()«»]+) \(({_TAG})\)", quoted, reason)
    reason = re.sub(rf" \({_TAG}\)", "", reason)
    return re.sub(rf"«({_TAG})»", lambda m: f"«{field_words(m[1]) or m[1]}»", reason)


def _person(case: Case, officer_id: str | None) -> str:
    officer = case.officer(officer_id)
    return f"{officer.name} – {officer.title}" if officer else "…"


def _attachment(case: Case, citation: tuple[str, str] | None) -> str:
    """``(Kèm theo Công văn số 01/UBND-VP ngày 08 tháng 01 năm 2026 của …)``; ``…`` while a draft."""
    number, day = citation or dispatch_citation(case, None)
    return f"(Kèm theo {number} {day} của {case.agency.full_name})"


def _instruction(case: Case, unit: Unit, what: str) -> str:
    collector = collector_of(case, unit.task)
    deadline = f" trước ngày {text.short_date(unit.deadline)}" if unit.deadline else ""
    to = f" về đồng chí {collector.name} – {collector.title}" if collector else ""
    return (f"Hướng dẫn: {what} Chỉ điền vào các ô có chữ «Nhập nội dung», «Chọn», «Chọn ngày» "
            f"(bấm vào ô để nhập hoặc chọn); các nội dung khác đã điền sẵn và không sửa được. "
            f"Lưu tệp và gửi{to}{deadline}.")


def _village_spec(case: Case, unit: Unit, village: Village) -> tuple:
    crit = case.village_criteria.criteria if case.village_criteria else []
    annex = case.village_criteria.annex if case.village_criteria else ""
    marked = {c.code for c in crit if annex and not c.verified}
    rows = tuple(Row(c.code, (c.code, c.name + (MARK if c.code in marked else "")), f"tiêu chí {c.code}")
                 for c in crit)
    section = _section("kdc", f"ĐÁNH GIÁ {len(rows)}/{len(rows)} TIÊU CHÍ KHU DÂN CƯ NÔNG THÔN MỚI KIỂU MẪU",
                      _VILLAGE_COLUMNS, rows, landscape=True)
    kind = roles.kind_of(case, village)
    info = ((roles.capital(kind.name), village.name), (kind.head, village.head or "…"),
            ("Bí thư chi bộ", village.party_secretary or "…"),
            (f"Ủy viên BCH Đảng bộ phụ trách {kind.name}", case.officer(village.party_member).name
             if case.officer(village.party_member) else "…"))
    what = (f"{kind.party}, {roles.board_of(kind)} tự đánh giá từng tiêu chí (Đạt/Chưa đạt); với tiêu chí "
            "chưa đạt ghi rõ khối lượng còn lại, người thực hiện, người chỉ đạo, nguồn lực, khó khăn, giải pháp "
            "và thời gian hoàn thành.")
    note = f"(*) Tên tiêu chí tạm, chưa được đối chiếu với {annex}." if marked else ""
    return (section,), info, what, note


# issue 15: marks for items of a library set that were not checked against the official text
MARK = " (*)"
NOT_ENTERED = "Chưa nhập"


def indicator_rows(c: Criterion, marked: bool = False) -> list[tuple[str, str, str]]:
    """(code, text, requirement) per indicator; a criterion without indicators is its own row.

    ``marked`` (a set from the library): unverified wording ends with `` (*)`` and a requirement
    nobody entered says so, so a form never passes a guess off as the official text.
    """
    if not marked:
        return [(i.code, i.text, i.requirement) for i in c.indicators] or [(c.code, c.name, "")]
    rows = [(i.code, i.text + ("" if i.verified else MARK), i.requirement or NOT_ENTERED + MARK)
            for i in c.indicators]
    return rows or [(c.code, c.name + MARK, NOT_ENTERED + MARK)]


def _criterion_note(c: Criterion, rows: list[tuple[str, str, str]], annex: str) -> str:
    """The form's footnote for the ``(*)`` marks of a library set, naming the text to check."""
    if not c.indicators:
        return (f"(*) Chưa nhập chỉ tiêu của tiêu chí này: đánh giá chung cả tiêu chí. Chỉ tiêu và mức đạt "
                f"chuẩn theo {annex}.")
    if any(MARK in txt or MARK in req for _, txt, req in rows):
        return (f"(*) Nội dung hoặc mức đạt chuẩn chưa được đối chiếu với văn bản gốc: kiểm tra theo {annex} "
                f"trước khi đánh giá.")
    return ""


def _criterion_spec(case: Case, unit: Unit, c: Criterion) -> tuple:
    annex = case.commune_criteria.annex
    ind = indicator_rows(c, marked=bool(annex))
    sections = [
        _section("ct", "I. ĐÁNH GIÁ MỨC ĐỘ ĐẠT CHUẨN CÁC CHỈ TIÊU", _INDICATOR_COLUMNS,
                 tuple(Row(code, (code, txt, req), f"chỉ tiêu {code}") for code, txt, req in ind)),
        _section("cv", "II. KHỐI LƯỢNG CÔNG VIỆC CẦN THỰC HIỆN ĐỂ ĐẠT CHUẨN", _WORK_COLUMNS,
                 tuple(Row(code, (code, txt), f"chỉ tiêu {code}") for code, txt, _ in ind), landscape=True),
    ]
    if c.dossier:
        rows = tuple(Row(str(n), (str(n), item), f"hồ sơ {n}") for n, item in enumerate(c.dossier, start=1))
        sections.append(_section("hs", "III. ĐÁNH GIÁ HỒ SƠ TIÊU CHÍ", _DOSSIER_COLUMNS, rows))
    group = next((g for g in (case.commune_criteria.groups if case.commune_criteria else [])
                  if c.code in g.criteria), None)
    info = [("Tiêu chí", f"Số {c.code}: {c.name}")]
    if group:
        info.append(("Nhóm tiêu chí", f"{group.code}. {group.name}"))
    info.append(("Người phụ trách", _person(case, c.lead)))
    if group:
        info.append(("Người chỉ đạo nhóm", _person(case, group.director)))
    if case.commune_criteria.target:
        info.append(("Mức đạt chuẩn áp dụng", case.commune_criteria.target))
    what = ("Người phụ trách tiêu chí đánh giá từng chỉ tiêu, xác định khối lượng công việc còn phải làm "
            "(tổ chức, đơn vị, cá nhân thực hiện, thời hạn) và tình trạng từng hồ sơ theo danh mục.")
    return tuple(sections), tuple(info), what, _criterion_note(c, ind, annex) if annex else ""


def _group_spec(case: Case, unit: Unit, g: CriterionGroup) -> tuple:
    by_code = {c.code: c for c in case.commune_criteria.criteria}
    rows = []
    for code in g.criteria:
        c = by_code.get(code)
        lead = case.officer(c.lead) if c else None
        rows.append(Row(code, (code, c.name if c else code, lead.name if lead else "…"), f"tiêu chí {code}"))
    section = _section("td", "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐỒNG CHÍ PHỤ TRÁCH TIÊU CHÍ", _GROUP_COLUMNS, tuple(rows))
    info = (("Nhóm tiêu chí", f"{g.code}. {g.name}"), ("Người chỉ đạo nhóm", _person(case, g.director)))
    what = ("Người chỉ đạo nhóm kiểm tra, đôn đốc báo cáo của từng người phụ trách tiêu chí trong nhóm và "
            "ghi ý kiến.")
    return (section,), info, what, ""


def form_spec(case: Case, unit: Unit, citation: tuple[str, str] | None = None) -> FormSpec:
    """The form of ``unit`` (from ``models.expected_units``); ValueError when the unit has none.

    ``citation``: how the forms cite the dispatch once it is issued (``context.dispatch_citation``).
    """
    subject = unit.subject
    if unit.form == "village_assessment":
        village = next(v for v in case.villages if v.code == subject)
        parts = _village_spec(case, unit, village)
    elif unit.form == "criterion":
        parts = _criterion_spec(case, unit, next(c for c in case.commune_criteria.criteria if c.code == subject))
    elif unit.form == "group_followup":
        parts = _group_spec(case, unit, next(g for g in case.commune_criteria.groups if g.code == subject))
    else:
        raise ValueError(f"unit {unit.code} has no form")
    sections, info, what, note = parts
    fields = tuple(f for s in sections for f in _fields(s))
    seen: set[str] = set()
    for f in fields:
        if f.tag in seen:  # two rows with the same code: the form could not be read back
            raise RecordError([Problem("criteria.yaml", t("form_duplicate_row", row=f.row), unit.code, f.section)])
        seen.add(f.tag)
    return FormSpec(case_id=case.id, form=unit.form, unit=unit.code, version=FORM_VERSION,
                    title=TITLES[unit.form], fields=fields, unit_name=unit.name,
                    attachment=_attachment(case, citation), instruction=_instruction(case, unit, what),
                    info=tuple(info), sections=tuple(sections),
                    landscape=unit.form == "village_assessment", note=note)


def form_specs(case: Case) -> dict[str, FormSpec]:
    """Unit code → spec, for every unit a task gives a form (in ``expected_units`` order)."""
    return {u.code: form_spec(case, u) for u in expected_units(case) if u.form}

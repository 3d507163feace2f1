"""The records workbook ``records.xlsx``: one table of sheets and columns, read and written here.

A clerk keeps her lists in Excel. ``SHEETS`` is the ONE mapping between the workbook (Vietnamese
sheet names and headers, drop-downs) and the record tables ``records.py`` validates: the writer
(``init --xlsx``) and the reader use it, so a header can never be written one way and read another.
The reader only turns cells into the same ``(row, {field: text})`` rows the CSV reader yields, plus
cell-located problems (``Thôn!C7``); validation and cross-checks stay in ``records.py``.
Only this module imports openpyxl (lazily, so importing the mapping is cheap).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .messages import os_reason, t
from .text import nfc, parse_date

WORKBOOK = "records.xlsx"
MAX_ROWS = 1000  # drop-downs and text formats cover this many data rows
YES = "x"  # the one "yes" mark of flag columns (blank = no)


@dataclass(frozen=True)
class Column:
    """One column: model field, Vietnamese header, width, and how cells are typed and validated.

    ``kind``: ``text`` (stored as text so ``17.10`` stays ``17.10``), ``flag`` (``x``/blank),
    ``choice`` (label shown ↔ value stored), ``list`` (comma-separated), ``date``,
    ``officer`` / ``criterion`` (drop-down of the ids in the Cán bộ / Tiêu chí xã sheets).
    """

    field: str
    header: str
    width: int = 14
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (label shown, value stored)


@dataclass(frozen=True)
class Sheet:
    """One sheet and the record table it holds."""

    name: str
    table: str
    columns: tuple[Column, ...]

    def letter(self, field: str) -> str | None:
        """The column letter of ``field`` as written (A, B, …), or None."""
        for i, col in enumerate(self.columns):
            if col.field == field:
                return _letter(i)
        return None


_UNITS = (("Các {u}", "villages"), ("Phụ trách tiêu chí", "criterion_leads"),
          ("Chỉ đạo nhóm tiêu chí", "group_directors"), ("UVBCH phụ trách {u}", "village_party_members"))
_FORMS = (("Phiếu đánh giá {u}", "village_assessment"), ("Phiếu tiêu chí", "criterion"),
          ("Phiếu đôn đốc nhóm", "group_followup"))
_ASSIGN = (("Phụ trách tiêu chí", "criterion_leads"), ("Chỉ đạo nhóm tiêu chí", "group_directors"),
           ("Phụ trách {u}", "village_party_members"))
_SETS = (("xã", "commune"), ("{u}", "village"))

_TEMPLATE: tuple[Sheet, ...] = (
    Sheet("{U}", "villages", (
        Column("code", "Mã {u}", 12), Column("name", "Tên {u}", 20), Column("head", "Trưởng {u}", 24),
        Column("party_secretary", "Bí thư chi bộ", 24), Column("sample", "Dữ liệu mẫu (x)", 14, "flag"),
        Column("kind", "Loại ({k}…)", 18),
        Column("head_phone", "Điện thoại trưởng {u}", 16), Column("head_email", "Thư điện tử trưởng {u}", 24))),
    Sheet("Cán bộ", "officers", (
        Column("id", "Mã cán bộ", 22), Column("name", "Họ và tên", 24), Column("title", "Chức vụ", 48),
        Column("phone", "Điện thoại", 14), Column("sample", "Dữ liệu mẫu (x)", 14, "flag"),
        Column("email", "Thư điện tử", 24))),
    Sheet("Bộ tiêu chí", "criteria_sets", (
        Column("set", "Bộ", 8, "choice", _SETS), Column("id", "Mã bộ", 20), Column("name", "Tên bộ tiêu chí", 48),
        Column("basis", "Căn cứ", 48), Column("note", "Ghi chú", 48),
        Column("placeholder_names", "Tên tạm (x)", 12, "flag"))),
    Sheet("Nhóm tiêu chí", "groups", (
        Column("code", "Nhóm", 8), Column("name", "Tên nhóm", 36),
        Column("criteria", "Các tiêu chí (cách nhau dấu phẩy)", 36, "list"))),
    Sheet("Tiêu chí xã", "commune_criteria", (Column("code", "Số tiêu chí", 10), Column("name", "Tên tiêu chí", 48))),
    Sheet("Chỉ tiêu", "indicators", (
        Column("criterion", "Số tiêu chí", 10, "criterion"), Column("code", "Mã chỉ tiêu", 11),
        Column("text", "Nội dung chỉ tiêu", 70), Column("requirement", "Yêu cầu đạt chuẩn", 18))),
    Sheet("Tiêu chí {u}", "village_criteria", (Column("code", "Số tiêu chí", 10), Column("name", "Tên tiêu chí", 60))),
    Sheet("Phân công", "assignments", (
        Column("kind", "Loại phân công", 22, "choice", _ASSIGN),
        Column("code", "Mã tiêu chí / nhóm / {u}", 22), Column("officer", "Mã cán bộ", 22, "officer"))),
    Sheet("Hồ sơ tiêu chí", "dossier", (
        Column("criterion", "Số tiêu chí", 10, "criterion"), Column("item", "Hồ sơ cần có", 80))),
    Sheet("Kính gửi", "recipients", (Column("text", "Kính gửi", 70),)),
    Sheet("Nhiệm vụ", "tasks", (
        Column("id", "Mã nhiệm vụ", 18), Column("who", "Đơn vị, cá nhân thực hiện", 36),
        Column("units", "Ai nộp phiếu", 22, "choice", _UNITS), Column("form", "Mẫu phiếu", 20, "choice", _FORMS),
        Column("deliver", "Nội dung phải nộp", 60), Column("deadline", "Hạn nộp", 12, "date"),
        Column("report_to", "Gửi về (mã cán bộ)", 22, "officer"))),
)
LEGACY_WORD = "thôn"  # what every sheet said before the case's own unit words (issue: southern communes)
GENERIC_WORD = "khu dân cư"
SHEET_NAME_MAX = 31  # Excel refuses a workbook with a longer sheet name


def _word_in(label: str, word: str) -> str:
    kinds = "thôn, tổ dân phố" if word == LEGACY_WORD else word  # the old header's examples, kept as written
    return label.replace("{U}", word[:1].upper() + word[1:]).replace("{u}", word).replace("{k}", kinds)


@functools.lru_cache(maxsize=16)
def sheets_for(word: str = LEGACY_WORD) -> tuple[Sheet, ...]:
    """``SHEETS`` in the words of a case's units (``ấp, khu phố``): a commune with no thôn never reads «thôn».

    A choice column keeps the old «thôn» labels after its own (only the first label per value is
    shown or written), so a workbook filled in before keeps loading. Words too long for Excel's
    31-character sheet names (a commune of five kinds) become «khu dân cư», the programme's own term.
    """
    if len(_word_in("Tiêu chí {u}", word)) > SHEET_NAME_MAX:
        word = GENERIC_WORD
    def column(c: Column) -> Column:
        choices = tuple((_word_in(label, word), v) for label, v in c.choices)
        legacy = tuple((_word_in(label, LEGACY_WORD), v) for label, v in c.choices)
        return replace(c, header=_word_in(c.header, word),
                       choices=choices + tuple(x for x in legacy if x not in choices))
    return tuple(Sheet(_word_in(s.name, word), s.table, tuple(column(c) for c in s.columns)) for s in _TEMPLATE)


SHEETS = sheets_for()
BY_TABLE = {s.table: s for s in SHEETS}
BY_NAME = {s.name: s for s in SHEETS}
CRITERIA_TABLES = ("criteria_sets", "groups", "commune_criteria", "indicators", "village_criteria")


@dataclass
class SheetRows:
    """What one sheet holds: its mapping and data rows ``(row number, {field: value})``."""

    sheet: Sheet
    rows: list[tuple[int, dict[str, Any]]]
    letters: dict[str, str]  # field -> column letter as found in the file (the clerk may move columns)


@dataclass(frozen=True)
class CellProblem:
    """A problem at a cell (``Thôn!C7``) or a sheet (``Thôn``) before any model sees the row."""

    where: str
    reason: str
    header: str | None = None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _norm(header: Any) -> str:
    return re.sub(r"\s+", " ", nfc(str(header))).strip().lower() if header is not None else ""


def _text(value: Any) -> str | None:
    """A cell as text: numbers without ``.0``, dates ISO, blanks None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = nfc(str(value)).strip()
    return text or None


def _typed(text: str, col: Column) -> tuple[Any, str | None]:
    """Convert a cell's text for its column kind; (value, problem reason or None)."""
    if col.kind == "choice":
        for label, value in col.choices:
            if text.lower() in (label.lower(), value):
                return value, None
        return text, t("choice_invalid", value=text, choices=", ".join(_shown(col)))
    if col.kind == "list":
        return [p.strip() for p in re.split(r"[,;]", text) if p.strip()], None
    if col.kind == "date":
        try:  # typed as text in a d/m/y locale; a non-date (31/11) stays text for the model to refuse
            return parse_date(text).isoformat(), None
        except ValueError:
            return text, None
    return text, None


def _shown(col: Column) -> list[str]:
    """The label written for each value of a choice column (its first; later ones are only read)."""
    seen: dict[str, str] = {}
    for label, value in col.choices:
        seen.setdefault(value, label)
    return list(seen.values())


def _units_word(ws) -> str | None:
    """The unit word of a units sheet written in a case's own words (``Ấp, khu phố``), or None.

    The sheet names itself: its title, in lower case, is the word its first header («Mã ấp, khu
    phố») was written with, so a case's own kinds (``unit_kinds``) read back without a list of them.
    """
    word = nfc(str(ws.title)).strip()
    word = word[:1].lower() + word[1:]
    first = next(ws.iter_rows(max_row=1, values_only=True), ()) or ()
    wanted = _norm(sheets_for(word)[0].columns[0].header)
    return word if any(_norm(c) == wanted for c in first if c is not None) else None


def read_workbook(path: Path) -> tuple[dict[str, SheetRows], list[CellProblem]]:
    """Read every known sheet of ``path`` into rows keyed by table; unknown sheets/headers are problems.

    Sheets are named in the case's unit words (``sheets_for``) or in the old «thôn» wording.
    """
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # in the clerk's words (openpyxl's and zipfile's English, «File is not a zip file», reached her)
        detail = os_reason(exc) if isinstance(exc, OSError) else t("workbook_not_xlsx")
        return {}, [CellProblem("", t("workbook_unreadable", detail=detail))]
    tables: dict[str, SheetRows] = {}
    problems: list[CellProblem] = []
    try:
        names = dict(BY_NAME)
        for ws in book.worksheets:
            word = None if nfc(ws.title).strip() in BY_NAME else _units_word(ws)
            if word:
                names |= {s.name: s for s in sheets_for(word)}
                break
        for ws in book.worksheets:
            sheet = names.get(nfc(ws.title).strip())
            if sheet is None:
                problems.append(CellProblem(ws.title, t("sheet_unknown", names=", ".join(BY_NAME))))
                continue
            tables[sheet.table] = _read_sheet(ws, sheet, problems)
    finally:
        book.close()
    return tables, problems


def _read_sheet(ws, sheet: Sheet, problems: list[CellProblem]) -> SheetRows:
    by_header = {_norm(c.header): c for c in sheet.columns} | {_norm(c.field): c for c in sheet.columns}
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, ()) or ()
    columns: dict[int, Column] = {}
    for i, cell in enumerate(header):
        if _text(cell) is None:
            continue
        col = by_header.get(_norm(cell))
        if col is None or col in columns.values():
            names = ", ".join(c.header for c in sheet.columns)
            problems.append(CellProblem(f"{sheet.name}!{_letter(i)}1", t("column_unknown", header=cell, names=names)))
        else:
            columns[i] = col
    letters = {col.field: _letter(i) for i, col in columns.items()}
    rows: list[tuple[int, dict[str, Any]]] = []
    for r, values in enumerate(rows_iter, start=2):
        data: dict[str, Any] = {}
        for i, col in columns.items():
            text = _text(values[i]) if i < len(values) else None
            if text is None:
                continue
            value, reason = _typed(text, col)
            if reason:
                problems.append(CellProblem(f"{sheet.name}!{_letter(i)}{r}", reason, col.header))
            data[col.field] = value
        if data:
            rows.append((r, data))
    return SheetRows(sheet, rows, letters)


def _cell(value: Any, col: Column) -> Any:
    """A model value as the clerk should see it in the cell."""
    if value is None or value == "" or value is False or value == []:
        return None
    if value is True:
        return YES
    if col.kind == "choice":
        return next((label for label, v in col.choices if v == value), value)
    if col.kind == "list":
        return ", ".join(str(v) for v in value)
    return value


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0: openpyxl would raise


def put_value(cell: Any, value: Any) -> None:
    """Set a cell from data: text is always a text cell, never a formula (issue 16).

    openpyxl turns any string starting with ``=`` into a live formula (``=HYPERLINK(…)``,
    ``=cmd|' /C calc'!A0``), which Excel runs and which reads back empty. Control characters XML
    cannot hold become U+FFFD instead of an exception halfway through the file.
    """
    if isinstance(value, str):
        cell.value = _ILLEGAL.sub("\ufffd", value)
        cell.data_type = "s"
    else:
        cell.value = value


def write_workbook(path: Path, tables: dict[str, list[dict]], criterion_codes: list[str] | None = None,
                   word: str = LEGACY_WORD) -> Path:
    """Write every sheet of ``SHEETS`` (empty when absent from ``tables``) atomically to ``path``.

    Headers bold on a grey band, header row frozen, widths set, text columns formatted as text,
    drop-downs for flags, choices, officer ids and commune criterion numbers. ``criterion_codes``
    lists the numbers when the criteria are not in the workbook (a library set, issue 15): the
    drop-down may not point at the empty «Tiêu chí xã» sheet, or Excel would refuse every number.
    ``word`` names the units as the case does (``roles.units_word``: ``ấp, khu phố``).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .output import atomic_path

    book = Workbook()
    book.remove(book.active)
    lists = {"officer": _range("Cán bộ", "officers", "id"),
             "criterion": '"{}"'.format(",".join(criterion_codes)) if criterion_codes
             else _range("Tiêu chí xã", "commune_criteria", "code")}
    for sheet in sheets_for(word):
        ws = book.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="D9E1F2")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.freeze_panes = "A2"
        for r, row in enumerate(tables.get(sheet.table, []), start=2):
            for j, c in enumerate(sheet.columns, start=1):
                put_value(ws.cell(row=r, column=j), _cell(row.get(c.field), c))
        for i, col in enumerate(sheet.columns):
            letter = _letter(i)
            ws.column_dimensions[letter].width = col.width
            cells = f"{letter}2:{letter}{MAX_ROWS + 1}"
            if col.kind == "date":
                for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                    cell.number_format = "DD/MM/YYYY"
                dv = DataValidation(type="date", operator="greaterThan", formula1="1")
                dv.error = "Hạn nộp phải là một ngày có thật (ngày/tháng/năm)."
            elif col.kind in lists or col.kind in ("flag", "choice"):
                formula = lists.get(col.kind) or '"{}"'.format(
                    YES if col.kind == "flag" else ",".join(_shown(col)))
                dv = DataValidation(type="list", formula1=formula)
                dv.error = "Chọn một giá trị trong danh sách." if col.kind != "flag" else "Ghi x hoặc để trống."
            else:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                    cell.number_format = "@"
                ws.column_dimensions[letter].number_format = "@"
                continue
            dv.allow_blank = True
            dv.showErrorMessage = True
            dv.errorTitle = sheet.name
            dv.add(cells)
            ws.add_data_validation(dv)
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


def _range(sheet_name: str, table: str, field: str) -> str:
    letter = BY_TABLE[table].letter(field)
    return f"'{sheet_name}'!${letter}$2:${letter}${MAX_ROWS + 1}"


def write_table(path: Path, title: str, headers: tuple[str, ...], widths: tuple[int, ...],
                rows: list[list[Any]], heading: str | None = None) -> Path:
    """Write one plain sheet atomically: see ``write_tables``."""
    return write_tables(path, [(title, headers, widths, rows, heading)])


def write_tables(path: Path, sheets: list[tuple[str, tuple[str, ...], tuple[int, ...], list[list[Any]], str | None]]
                 ) -> Path:
    """Write plain sheets (title, headers, widths, rows, optional bold heading line) atomically.

    Used by ``export``, ``status --xlsx`` and the send list: text cells never become formulas (an
    answer starting with ``=`` stays the text the officer typed); dates are real dates shown
    dd/mm/yyyy; each sheet prints landscape on A4, one page wide, the header row on every page.
    """
    from openpyxl import Workbook

    from .output import atomic_path

    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, widths, rows, heading in sheets:
        _fill_sheet(wb.create_sheet(title[:31]), headers, widths, rows, heading)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _fill_sheet(ws, headers: tuple[str, ...], widths: tuple[int, ...], rows: list[list[Any]],
                heading: str | None) -> None:
    from openpyxl.styles import Alignment, Font

    if heading:  # headings and headers carry case data (titles, criteria labels): text cells too
        put_value(ws.cell(row=1, column=1), heading)
        ws["A1"].font = Font(bold=True, size=13)
    top = 2 if heading else 1
    for j, header in enumerate(headers, start=1):
        put_value(ws.cell(row=top, column=j), header)
    for cell in ws[top]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, values in enumerate(rows, start=top + 1):
        for j, value in enumerate(values, start=1):
            cell = ws.cell(row=i, column=j)
            put_value(cell, value)
            if isinstance(value, str):
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(j - 1)].width = width
    ws.freeze_panes = f"A{top + 1}"
    if rows:
        ws.auto_filter.ref = f"A{top}:{_letter(len(headers) - 1)}{top + len(rows)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top}"

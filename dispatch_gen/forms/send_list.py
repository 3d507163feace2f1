"""Stage: the send list written beside the forms — which file goes to whom, by when, back to whom.

Officers' phones and e-mails are in the records; the clerk still had to work out which form goes to
which person (issue 13). ``danh-sach-gui.xlsx`` is the list to filter and tick; ``danh-sach-gui.html``
is the same list as a page any browser prints on one A4 landscape sheet (no LibreOffice needed).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .. import output
from ..case.contacts import Contact, return_contact, unit_contact
from ..case.models import Case, Unit, expected_units
from ..messages import t
from ..text import short_date
from .stage import form_file_name

XLSX_NAME = "danh-sach-gui.xlsx"
HTML_NAME = "danh-sach-gui.html"
HEADERS = ("send_col_n", "send_col_unit", "send_col_person", "send_col_phone", "send_col_email",
           "send_col_file", "send_col_deadline", "send_col_back")
WIDTHS = (5, 30, 30, 14, 26, 36, 12, 36)
PAGE_WIDTHS = (4, 17, 21, 10, 14, 16, 8, 10)  # percent of the printed line


@dataclass(frozen=True)
class Entry:
    """One line of the send list."""

    unit: Unit
    to: Contact
    file: str
    back: Contact


def entries(case: Case) -> list[Entry]:
    """Every form to send, in the forms' order."""
    seen: set[str] = set()
    out = []
    for unit in expected_units(case):
        if unit.form and unit.code not in seen:
            seen.add(unit.code)
            out.append(Entry(unit, unit_contact(case, unit), form_file_name(case, unit), return_contact(case, unit)))
    return out


def _person(c: Contact) -> str:
    return f"{c.person} – {c.title}" if c.person and c.title else c.person


def _back(c: Contact) -> str:
    reach = ", ".join(x for x in (c.phone, c.email) if x)
    return f"{c.person} ({reach})" if reach else c.person


def write_send_list(case: Case, out_dir: str | Path) -> list[Path]:
    """Write ``danh-sach-gui.xlsx`` and ``danh-sach-gui.html`` into ``out_dir``; return both paths."""
    from ..workbook import write_table

    out_dir = Path(out_dir)
    rows = [[n, e.unit.name, _person(e.to), e.to.phone, e.to.email, e.file, e.unit.deadline, _back(e.back)]
            for n, e in enumerate(entries(case), start=1)]
    heading = t("send_heading", title=case.title)
    xlsx = write_table(output.inside(out_dir, XLSX_NAME), t("send_sheet"), tuple(t(h) for h in HEADERS), WIDTHS,
                       rows, heading=heading)
    page = output.write_atomic(output.inside(out_dir, HTML_NAME), html_page(heading, rows).encode("utf-8"))
    return [xlsx, page]


def html_page(heading: str, rows: list[list]) -> str:
    """The send list as a printable page (A4 landscape, Times New Roman, the header row repeated)."""
    def cell(value) -> str:
        shown = short_date(value) if hasattr(value, "year") else ("" if value is None else str(value))
        return f"<td>{html.escape(shown)}</td>"

    head = "".join(f"<th>{html.escape(t(h))}</th>" for h in HEADERS)
    cols = "".join(f'<col style="width:{w}%">' for w in PAGE_WIDTHS)
    body = "\n".join(f"<tr>{''.join(cell(v) for v in row)}</tr>" for row in rows)
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(heading)}</title>\n<style>\n"
        "@page { size: A4 landscape; margin: 15mm; }\n"
        "body { font-family: 'Times New Roman', serif; font-size: 12pt; }\n"
        "h1 { font-size: 14pt; text-align: center; }\n"
        "table { border-collapse: collapse; width: 100%; }\n"
        "thead { display: table-header-group; }\n"
        "th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }\n"
        "th { background: #eee; }\n</style></head>\n<body>\n"
        f"<h1>{html.escape(heading)}</h1>\n<table>\n<colgroup>{cols}</colgroup>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n"
        "</tbody>\n</table>\n</body></html>\n")

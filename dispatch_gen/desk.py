"""The clerk's actions on a workspace of cases, as calls: what the web app's handlers run.

Each action is one of the CLI's stages (``init_case``, ``render_dispatch``, ``issue_dispatch``,
``make_forms``, ``build_report``, ``build_reminder``, ``status``, ``convert_beside``) with the file
names ``build`` uses, so a case built by ``dispatch-gen build`` and one driven from the browser
look the same. A workspace is a folder of case folders, or one case folder itself. Case names and
file names coming from a request are looked up in what exists (``find_case``, ``find_document``),
never joined onto a path as given.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import output
from .build import DISPATCH_FILE, FORMS_DIR, REMINDER_FILE, REPORT_FILE
from .case import roles
from .case.models import Case
from .case.records import CASE_FILE, STATE_DIR, load_case
from .errors import OutputError
from .messages import t
from .status import UnitStatus
from .text import file_part

if TYPE_CHECKING:
    from .workspace import OpenedCase

ISSUED_DISPATCH_FILE = "cong-van-da-cap-so.docx"  # beside the draft cong-van.docx (issue 10)
DOCUMENTS_DIR = "van-ban"  # inside each case: what the web app generates (the CLI's -o is the clerk's)
DOCUMENT_KINDS = ("dispatch", "forms", "report", "reminder")
DOWNLOAD_SUFFIXES = (".docx", ".pdf", ".json")


def load(case_dir: Path) -> Case:
    """``load_case``, reused while the case's record files are unchanged (the web app loads on every
    request; a case takes ~0.1 s to load and validate). Any edit of a file in the folder reloads it."""
    return _load(str(Path(case_dir).resolve()), _signature(Path(case_dir)))


def open_case(case_dir: Path) -> OpenedCase:
    """The case opened once for a request (``load``'s cached records, its store and register)."""
    from .workspace import OpenedCase

    return OpenedCase.of(load(case_dir), case_dir)


def _signature(case_dir: Path) -> tuple:
    try:
        return tuple(sorted((p.name, st.st_mtime_ns, st.st_size) for p in case_dir.iterdir()
                            if p.is_file() and (st := p.stat())))
    except OSError:
        return ()


@functools.lru_cache(maxsize=16)
def _load(path: str, signature: tuple) -> Case:
    del signature  # part of the cache key only
    return load_case(Path(path))


def is_case(folder: Path) -> bool:
    return (folder / CASE_FILE).is_file()


def list_cases(root: Path) -> list[Path]:
    """The case folders of a workspace (its sub-folders holding case.yaml), or the case ``root`` is."""
    if is_case(root):
        return [root]
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and is_case(p)),
                  key=lambda p: p.name)


def find_case(root: Path, name: str) -> Path | None:
    """The case folder called ``name`` in the workspace, or None (the name is matched, not joined)."""
    return next((p for p in list_cases(root) if p.name == name), None)


def new_case(root: Path, name: str, source: Path | None = None, records_xlsx: bytes | None = None,
             today: dt.date | None = None) -> Path:
    """Create case ``name`` in the workspace: from the sample, from an earlier case, or from a workbook.

    With ``records_xlsx`` the new case starts from the sample (or ``source``) as a workbook case and
    its ``records.xlsx`` is then replaced by the uploaded one, which must load: a workbook that does
    not make a valid case is refused with the loader's message and the new folder is not left behind.
    """
    from .init import init_case
    from .workbook import WORKBOOK

    if is_case(root):
        raise OutputError(f"{root}: " + t("desk_single_case"))
    folder_name = file_part(name, 60)
    target = output.inside(root, folder_name)
    if target.exists():
        raise OutputError(f"{target}: " + t("init_not_empty"))
    if records_xlsx is None:
        return init_case(target, source, today=today)
    staging = output.inside(root, f".{folder_name}.new")
    if staging.exists():
        raise OutputError(f"{staging}: " + t("init_not_empty"))
    init_case(staging, source, xlsx=True, today=today)
    output.write_atomic(output.inside(staging, WORKBOOK), records_xlsx)
    try:
        load_case(staging)
    except Exception:
        output.remove_staged(staging)
        raise
    output.publish_folder(staging, target)
    return target


def new_case_note(case_dir: Path) -> str:
    """What to do before the first document: the lists and the dispatch are the source's until edited
    (a case from the sample is about Cẩm Lĩnh). Short: it travels in the session cookie as a flash."""
    from .workbook import WORKBOOK

    records = WORKBOOK if (case_dir / WORKBOOK).exists() else "*.yaml, *.csv"
    return t("desk_case_edit", folder=case_dir, records=records, units=roles.units_word(load_case(case_dir)))


# --- documents


def parse_day(text: str) -> dt.date | None:
    """A day typed as ``dd/mm/yyyy`` (or ``yyyy-mm-dd``); None when empty; ``OutputError`` when invalid.

    ``05.01.2026`` and ``05-01-2026`` are read as ``05/01/2026``: clerks type all three.
    """
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise OutputError(t("web_bad_day", value=text))


def documents_dir(case_dir: Path) -> Path:
    return output.inside(case_dir, DOCUMENTS_DIR)


def generate(case_dir: Path, kind: str, today: dt.date, *, pdf: bool = False,
             deadline: dt.date | None = None, link_base: str | None = None) -> list[Path]:
    """Write one kind of document of the case into its documents folder; return the files written.

    ``link_base``: the address officers reach the app at; each form then carries its upload link.
    """
    from .forms.stage import case_form_key, make_forms
    from .render import render_dispatch
    from .report.stage import build_reminder, build_report, signer_key

    opened = open_case(case_dir)
    case = opened.case
    out = documents_dir(case_dir)
    signer = None
    if kind == "dispatch":
        written = [render_dispatch(case, output.inside(out, DISPATCH_FILE))]
    elif kind == "forms":
        from .intake import upload_links

        links = upload_links(opened, link_base) if link_base else None
        written = make_forms(case, output.inside(out, FORMS_DIR), processes=1, links=links,
                             key=case_form_key(opened))
    elif kind == "report":
        written = [build_report(opened, output.inside(out, REPORT_FILE), as_of=today)]
        signer = signer_key(opened)
    elif kind == "reminder":
        written = [build_reminder(opened, output.inside(out, REMINDER_FILE), as_of=today, deadline=deadline)]
        signer = signer_key(opened, "reminder")
    else:
        raise OutputError(t("desk_unknown_kind", kind=kind))
    if pdf:
        from .pdf.convert import convert_beside, signature_for

        written += convert_beside(written, signature=signature_for(case, signer))
    return written


def issue(case_dir: Path, today: dt.date, *, pdf: bool = False):
    """Number and date the dispatch (the agency register's next number), as ``dispatch --issue`` does.

    The issued file has its own name beside the draft: an issued file is never written over, and
    the draft is not one (issue 10).
    """
    from .register import Issuing
    from .render import write_dispatch

    opened = open_case(case_dir)
    earlier = opened.dispatch_entry()
    if earlier is not None:  # the register's own refusal names the CLI's options; the clerk reads this
        raise OutputError(t("desk_issued_already", number=earlier.number_text,
                            date=earlier.issued_on.strftime("%d/%m/%Y"), file=earlier.file or ISSUED_DISPATCH_FILE))
    target = output.inside(documents_dir(case_dir), ISSUED_DISPATCH_FILE)
    issuing = Issuing(today)
    files = [write_dispatch(opened, target, issuing)]
    if pdf:
        from .pdf.convert import convert_beside, signature_for

        files += convert_beside(files, signature=signature_for(opened.case))
    return files, issuing.entry


def documents(case_dir: Path) -> list[Path]:
    """Every downloadable file in the case's documents folder, relative paths sorted."""
    out = documents_dir(case_dir)
    if not out.is_dir():
        return []
    return sorted(p.relative_to(out) for p in out.rglob("*")
                  if p.is_file() and p.suffix.lower() in DOWNLOAD_SUFFIXES and not p.name.startswith("."))


def find_document(case_dir: Path, name: str) -> Path | None:
    """The generated file whose relative path is ``name``, or None (looked up among ``documents``)."""
    match = next((p for p in documents(case_dir) if p.as_posix() == name), None)
    return documents_dir(case_dir) / match if match else None


PREVIEW_PAGES = 12
PREVIEW_CACHE = 24  # documents whose page images are kept (~12 pages × ~40 KB each); older ones dropped
PREVIEW_CACHE_DIR = ("cache", "preview")  # inside the case's state folder


def preview(case_dir: Path, name: str) -> list[bytes] | None:
    """PNG images of a generated document's first pages; None when there is no such document.

    LibreOffice takes seconds per document, so the images are kept by the file's SHA-256: a second
    view of the same bytes is read back, a changed file (another draft, the issued copy) is rendered
    anew. A file changed during the rendering is shown but not cached under the older digest.
    """
    import hashlib

    from .pdf.convert import preview as page_images

    found = find_document(case_dir, name)
    if found is None or found.suffix.lower() not in (".docx", ".pdf"):
        return None
    digest = hashlib.sha256(found.read_bytes()).hexdigest()
    key = f"{digest}-{PREVIEW_PAGES}"
    folder = Path(case_dir, STATE_DIR, *PREVIEW_CACHE_DIR)
    pages = output.read_cache(folder, key)
    if pages is None:
        pages = page_images(found, PREVIEW_PAGES)
        if hashlib.sha256(found.read_bytes()).hexdigest() == digest:
            output.write_cache(folder, key, pages, PREVIEW_CACHE)
    return pages


def forms_zip(case_dir: Path) -> bytes | None:
    """All generated forms (.docx) in one zip, in memory; None when no form was generated yet."""
    folder = output.inside(documents_dir(case_dir), FORMS_DIR)
    files = sorted(folder.glob("*.docx")) if folder.is_dir() else []
    if not files:
        return None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(f, f.name)
    return buf.getvalue()


# --- dashboard


CHART_STATES = ("on_time", "late", "partial", "empty", "missing", "rejected")


def chart_state(r: UnitStatus) -> str:
    """The dashboard's one bucket per unit: an incomplete form and a blank one apart from the rest."""
    if r.state in ("on_time", "late") and r.submission == "partial":
        return "partial"
    if r.state == "missing" and r.submission == "empty":
        return "empty"
    return r.state


def chart_counts(rows: list[UnitStatus]) -> dict[str, int]:
    """How many units fall in each ``CHART_STATES`` bucket (every key present, disjoint buckets)."""
    found = [chart_state(r) for r in rows]
    return {s: found.count(s) for s in CHART_STATES}


@dataclass(frozen=True)
class Dashboard:
    """Who has reported and what they reported: the status rows, counts and the village matrix."""

    rows: list[UnitStatus]
    counts: dict[str, int]
    criteria: list[tuple[str, str]]  # village criteria (code, name): the matrix columns
    matrix: list[tuple[str, list[str | None]]]  # (village name, one answer per criterion: Đạt/Chưa đạt/None)
    commune: list[tuple[str, bool, list[tuple[str, str | None]]]] = ()  # (criterion, reported, (indicator, Đạt…))
    units: str = "thôn"  # what the case's residential units are called: «ấp, khu phố» in the South


def dashboard(case_dir: Path, today: dt.date) -> Dashboard:
    """The case's state on ``today``: ``status`` rows and the village × criterion matrix of answers."""
    from .report.stage import report_data
    from .status import case_status

    opened = open_case(case_dir)
    rows, _others = case_status(opened, today)
    data = report_data(opened, today)
    codes = [code for code, _name in data.village_criteria]
    matrix = []
    for v in data.villages:
        by_code = {r.code: r.dat for r in v.rows}
        matrix.append((v.name, [by_code.get(c) if v.reported else None for c in codes]))
    commune = [(f"{c.code}. {c.name}", c.reported, [(i.code, i.dat) for i in c.indicators]) for c in data.criteria]
    return Dashboard(rows, chart_counts(rows), list(data.village_criteria), matrix, commune,
                     roles.units_word(opened.case))

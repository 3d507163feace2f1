"""The main job: every document of a case, from the dispatch to the reminder, in one output folder.

``build()`` reads as the pipeline's table of contents (mkdocs' ``build``): records → dispatch → forms
→ (when filled forms wait in ``<case>/inbox/``) collection → status → report → reminder → PDF →
summary. It is an orchestrator like ``cli``: it calls the stages, the stages never call each other.

Output layout (``out_dir``), names a clerk can read:

- ``cong-van.docx``              the dispatch (draft: number and day left blank until issued)
- ``phieu/<unit>-<slug>.docx``   one fillable form per unit (``phieu/thon-01-thon-1.docx`` …)
- ``trang-thai.json``            who has reported, unit by unit (the ``status --json`` records)
- ``bao-cao.docx``               the summary report of what the units returned
- ``cong-van-don-doc.docx``      the reminder to units still missing or refused (only when any)
- ``<same name>.pdf``            a PDF beside every .docx when LibreOffice is installed; the signed
                                 documents (dispatch, report, reminder) carry an empty signature field
- ``ho-so-day-du.pdf``           everything in one PDF, a bookmark per part, the signature field on
                                 the dispatch

Received dates: ``<case>/inbox/received.csv`` (``file,received``, ISO date or date-time) says when
each inbox file arrived; files not listed are taken as received now. Collection is idempotent (a file
already collected is a duplicate, nothing changes), so building twice records nothing twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import render as render_stage
from . import status as status_stage
from .case.models import Case, expected_units
from .collect import stage as collect_stage
from .collect.receive import FOREIGN_SUFFIXES
from .container import visible_files
from .context import dispatch_citation
from .errors import ConversionError, Problem, RecordError
from .forms import stage as forms_stage
from .forms.send_list import write_send_list
from .messages import os_reason, t
from .output import ensure_dir, inside, write_atomic
from .pdf import convert as pdf_stage
from .register import Entry, file_sha256
from .text import nfc, parse_date
from .word.heading import heading
from .workspace import OpenedCase

log = logging.getLogger(__name__)

DISPATCH_FILE = "cong-van.docx"
FORMS_DIR = "phieu"
STATUS_FILE = "trang-thai.json"
REPORT_FILE = "bao-cao.docx"
REMINDER_FILE = "cong-van-don-doc.docx"
PACKAGE_FILE = "ho-so-day-du.pdf"
INBOX_DIR = "inbox"
RECEIVED_FILE = "received.csv"

# Bookmark labels of the assembled PDF: document text (Vietnamese whatever the terminal language).
PART_LABELS = {"form": "Phiếu: {name}", "report": "Báo cáo tổng hợp", "reminder": "Công văn đôn đốc"}

Progress = Callable[[int, int, str], None]
"""``progress(step, total, label)``: called as each step starts (1-based), once more at the end."""


@dataclass
class BuildSummary:
    """What a build wrote and found; ``summary_lines()`` turns it into what the clerk reads."""

    out_dir: Path
    as_of: dt.date
    dispatch: Path | None = None
    forms: list[Path] = field(default_factory=list)
    send_list: list[Path] = field(default_factory=list)  # danh-sach-gui.xlsx, .html beside the forms
    inbox_files: int = 0
    collected: dict[str, int] = field(default_factory=dict)  # outcome → count
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    status_counts: dict[str, int] = field(default_factory=dict)
    status_file: Path | None = None
    report: Path | None = None
    reminder: Path | None = None
    pdfs: list[Path] = field(default_factory=list)
    package: Path | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def documents(self) -> list[Path]:
        """Every .docx written, in reading order (dispatch, forms, report, reminder)."""
        return [p for p in (self.dispatch, *self.forms, self.report, self.reminder) if p is not None]


# --------------------------------------------------------------------------- the pipeline


def build(opened: OpenedCase, out_dir: str | Path, progress: Progress | None = None,
          as_of: dt.date | None = None) -> BuildSummary:
    """Build every document of the opened case into ``out_dir``; return what was written.

    The case arrives opened, as in every other stage: the face (CLI, web) opens it once and its
    record errors stop the command before anything is written. ``as_of`` is the day status, report
    and reminder are judged on (default today). Missing LibreOffice is a warning in the summary, not
    a failure: the .docx files are the product.
    """
    case, case_dir, out_dir = opened.case, opened.dir, Path(out_dir)
    inbox = inbox_files(case_dir)
    received = read_received(case_dir) if inbox else {}  # bad dates stop the build before any write
    soffice = _soffice()
    steps = _Steps(progress, 2 + (4 if inbox else 0) + (2 if soffice else 0))
    summary = BuildSummary(out_dir=out_dir, as_of=as_of or dt.date.today())

    steps(t("build_step_dispatch"))
    ensure_dir(out_dir)
    entry = opened.dispatch_entry()
    summary.dispatch = _dispatch(opened, entry, inside(out_dir, DISPATCH_FILE), summary)
    steps(t("build_step_forms"))
    summary.forms = forms_stage.make_forms(case, inside(out_dir, FORMS_DIR), key=forms_stage.case_form_key(opened),
                                           citation=dispatch_citation(case, entry))
    summary.send_list = write_send_list(case, inside(out_dir, FORMS_DIR))
    if inbox:
        from .report import stage as report_stage

        steps(t("build_step_collect", count=len(inbox)))
        _collect_inbox(opened, inbox, received, summary)
        steps(t("build_step_status"))
        behind = _write_status(opened, out_dir, summary)
        steps(t("build_step_report"))
        summary.warnings.extend(str(p) for p in collect_stage.verify_archive(opened))
        summary.report = report_stage.build_report(opened, inside(out_dir, REPORT_FILE), as_of=summary.as_of)
        steps(t("build_step_reminder"))
        if behind and report_stage.has_reminder(opened, summary.as_of):  # leaders alone get no letter
            summary.reminder = report_stage.build_reminder(opened, inside(out_dir, REMINDER_FILE),
                                                           as_of=summary.as_of)
    else:
        summary.warnings.append(t("build_inbox_empty", path=case_dir / INBOX_DIR))
    if soffice:
        steps(t("build_step_pdf", count=len(summary.documents)))
        summary.pdfs = _convert(case, summary)
        steps(t("build_step_package"))
        summary.package = _assemble(case, out_dir, summary)
    else:
        summary.warnings.append(t("build_no_libreoffice"))
    steps.finish()
    return summary


def _dispatch(opened: OpenedCase, entry: Entry | None, out: Path, summary: BuildSummary) -> Path:
    """The dispatch of the package: a copy of the issued file when there is one, else the draft.

    The issued file is the one that was signed: it is copied byte for byte once its SHA-256 still
    matches the register; a missing or changed file is a warning and the draft takes its place.
    """
    if entry is not None and entry.file:
        issued = opened.register_base / entry.file
        if issued.is_file() and file_sha256(issued) == entry.sha256:
            return write_atomic(out, issued.read_bytes())
        summary.warnings.append(t("build_issued_changed", number=entry.number_text, path=issued))
    opened.refuse_overwriting_issued(out)
    return render_stage.render_dispatch(opened.case, out)


# --------------------------------------------------------------------------- inbox and collection


def inbox_files(case_dir: Path) -> list[Path]:
    """The files waiting in ``<case>/inbox/`` and its subfolders (``inbox/Zalo 28-3/``), as ``collect``
    reads a folder: the .docx AND what officers send back instead (.doc, .pdf, photos, .zip), which
    are refused with advice and counted (build skipped them silently); hidden files and folders and
    Word lock files (``~$…``) skipped."""
    inbox = Path(case_dir) / INBOX_DIR
    if not inbox.is_dir():
        return []
    return [p for p in visible_files(inbox) if p.suffix.lower() == ".docx" or p.suffix.lower() in FOREIGN_SUFFIXES]


def _inbox_key(path: Path, case_dir: Path, received: dict) -> str:
    """How ``received.csv`` names an inbox file: its path under inbox/ (``Zalo 28-3/x.docx``) or its name."""
    relative = nfc(path.relative_to(Path(case_dir) / INBOX_DIR).as_posix())
    return relative if relative in received else nfc(path.name)


def read_received(case_dir: Path) -> dict[str, dt.datetime | dt.date]:
    """``inbox/received.csv``: file name → when it arrived; every bad row named in one RecordError.

    File modification times do not survive git or e-mail, so the clerk (or the sample script)
    writes the dates down; a bare date means that day.
    """
    path = Path(case_dir) / INBOX_DIR / RECEIVED_FILE
    if not path.is_file():
        return {}
    where = str(path)
    try:
        rows = list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:  # said in Vietnamese, not the codec's English
        detail = os_reason(exc) if isinstance(exc, OSError) else t("file_binary") \
            if isinstance(exc, UnicodeDecodeError) else exc
        raise RecordError([Problem(where, t("build_received_unreadable", detail=detail))]) from exc
    found: dict[str, dt.datetime | dt.date] = {}
    problems: list[Problem] = []
    for n, row in enumerate(rows, start=2):
        name, value = nfc((row.get("file") or "").strip()), (row.get("received") or "").strip()
        if not name:
            problems.append(Problem(where, t("build_received_no_file"), t("build_row", n=n), "file"))
            continue
        try:
            found[name] = dt.datetime.fromisoformat(value) if "T" in value else parse_date(value)
        except ValueError:
            problems.append(Problem(where, t("build_received_bad", value=value), name, "received"))
    if problems:
        raise RecordError(problems)
    return found


def _collect_inbox(opened: OpenedCase, files: list[Path], received: dict[str, dt.datetime | dt.date],
                   summary: BuildSummary) -> None:
    """Collect each inbox file with its received date, earliest first (a later file supersedes)."""
    case_dir = opened.dir
    known = {_inbox_key(p, case_dir, received) for p in files}
    for name in sorted(set(received) - known):
        summary.warnings.append(t("build_received_unknown", file=name))

    def order(p: Path) -> tuple:  # dated files by time, then undated ones (received now)
        when = received.get(_inbox_key(p, case_dir, received))
        return (when is None, _instant(when) if when else None, p.name)

    summary.inbox_files = len(files)
    unproven: list[str] = []  # forms without the unit proof: one line for all, not one per form
    no_proof = t("collect_no_proof", unit="\0").split("\0")[0]
    for path in sorted(files, key=order):
        result = collect_stage.collect(opened, [path], received.get(_inbox_key(path, case_dir, received)))
        for outcome in result.files:
            summary.collected[outcome.outcome] = summary.collected.get(outcome.outcome, 0) + 1
            if outcome.outcome == "rejected":
                summary.rejected.append((path.name, outcome.reason or ""))
            unproven += [path.name for w in outcome.warnings if w.startswith(no_proof)]
            summary.warnings.extend(t("build_file_warning", file=path.name, warning=w)
                                    for w in outcome.warnings if not w.startswith(no_proof))
    if unproven:
        summary.warnings.append(t("build_unproven", count=len(unproven), files=", ".join(unproven)))


def _instant(value: dt.datetime | dt.date) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    return moment if moment.tzinfo else moment.astimezone()


def _write_status(opened: OpenedCase, out_dir: Path, summary: BuildSummary) -> bool:
    """Write ``trang-thai.json``; return whether any unit is still missing or refused."""
    case = opened.case
    rows, _others = status_stage.case_status(opened, summary.as_of)
    summary.status_counts = status_stage.counts(rows)
    payload = {"case": case.id, "as_of": summary.as_of.isoformat(), "counts": summary.status_counts,
               "units": [r.as_json() for r in rows]}
    data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    summary.status_file = write_atomic(inside(out_dir, STATUS_FILE), data)
    return summary.status_counts["missing"] + summary.status_counts["rejected"] > 0


# --------------------------------------------------------------------------- PDF


def _soffice() -> str | None:
    """LibreOffice's executable, or None (the build then writes .docx only, and says so)."""
    try:
        return pdf_stage.find_soffice()
    except ConversionError:
        return None


def _signed(case: Case, summary: BuildSummary) -> list[Path]:
    """The documents a person of the agency signs: dispatch, report, reminder (forms are not)."""
    return [p for p in (summary.dispatch, summary.report, summary.reminder) if p is not None]


def _convert(case: Case, summary: BuildSummary) -> list[Path]:
    """ONE batched conversion of every .docx (PDF beside it), then signature fields where signed."""
    pdfs = pdf_stage.convert_beside(summary.documents)
    by_docx = dict(zip(summary.documents, pdfs, strict=True))
    specs = pdf_stage.signatures_for(case)
    for docx in _signed(case, summary):  # one search over every signer: no warning for a signer not tried
        if pdf_stage.add_signer_field(by_docx[docx], specs) is None:
            summary.warnings.append(t("build_no_signature_anchor", path=by_docx[docx]))
    return pdfs


def _labels(case: Case, summary: BuildSummary) -> list[str]:
    """Bookmark label per document, in ``summary.documents`` order."""
    units = {forms_stage.form_file_name(case, u): u for u in expected_units(case) if u.form}
    d = case.dispatch
    labels = [f"{d.type}: {d.subject}"]
    labels += [PART_LABELS["form"].format(name=units[p.name].name if p.name in units else p.stem)
               for p in summary.forms]
    labels += [heading(p.read_bytes()) or PART_LABELS[k]  # "Báo cáo: <trích yếu>", "Công văn: Đôn đốc …"
               for k, p in (("report", summary.report), ("reminder", summary.reminder)) if p]
    return labels


def _assemble(case: Case, out_dir: Path, summary: BuildSummary) -> Path:
    """One PDF of the whole case, a bookmark per document, a signature field on each signer's block."""
    parts = list(zip(_labels(case, summary), summary.pdfs, strict=True))
    return pdf_stage.assemble(parts, inside(out_dir, PACKAGE_FILE), title=case.title,
                              author=case.agency.full_name, subject=case.dispatch.subject,
                              signers=pdf_stage.signatures_for(case))


# --------------------------------------------------------------------------- progress and summary


class _Steps:
    """Counts steps for the progress callback (no callback: nothing happens)."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, label: str) -> None:
        self.done += 1
        log.info("[%d/%d] %s", self.done, self.total, label)
        if self.progress:
            self.progress(self.done, self.total, label)

    def finish(self) -> None:
        if self.progress:
            self.progress(self.total + 1, self.total, t("build_step_done"))


def summary_lines(summary: BuildSummary) -> list[str]:
    """The closing summary: what was written where, counts, then warnings."""
    out = summary.out_dir
    lines = [t("build_summary_head", path=_shown(out))]
    if summary.dispatch:
        lines.append(t("build_summary_dispatch", path=_shown(summary.dispatch)))
    lines.append(t("build_summary_forms", count=len(summary.forms), path=_shown(out / FORMS_DIR)))
    if summary.send_list:
        lines.append(t("build_summary_send_list", path=_shown(summary.send_list[0])))
    if summary.inbox_files:
        c = summary.collected
        lines.append(t("build_summary_collected", files=summary.inbox_files,
                       accepted=c.get("accepted", 0) + c.get("superseded", 0),
                       duplicate=c.get("duplicate", 0), rejected=c.get("rejected", 0)))
        lines.extend(t("build_summary_rejected", file=f, reason=r) for f, r in summary.rejected)
    if summary.status_file:
        total = sum(summary.status_counts.values())
        lines.append(t("build_summary_status", path=_shown(summary.status_file), total=total,
                       day=summary.as_of.strftime("%d/%m/%Y"), **summary.status_counts))
    if summary.report:
        lines.append(t("build_summary_report", path=_shown(summary.report)))
    if summary.reminder:
        lines.append(t("build_summary_reminder", path=_shown(summary.reminder)))
    elif summary.status_file:
        lines.append(t("build_summary_no_reminder"))
    if summary.pdfs:
        lines.append(t("build_summary_pdfs", count=len(summary.pdfs)))
    if summary.package:
        lines.append(t("build_summary_package", path=_shown(summary.package)))
    lines.extend(f"{t('warning_prefix')}: {w}" for w in summary.warnings)
    return lines


def _shown(path: Path) -> Path:
    """A path as the clerk typed it: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return Path(path)

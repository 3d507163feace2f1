"""Command-line interface: the only module that prints or exits; each command calls one stage.

Heavy modules (docx, lxml, pydantic models) are imported inside the commands so ``--help`` is fast.
Errors of the ``DispatchGenError`` tree are caught once, in ``main``, and printed as
``Lỗi: <file> › <record> › <field>: <reason>`` with the error's exit code and no traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .messages import CATALOGUE, click_plural, click_text, language, metavar, set_language, t
from .output import require_suffix

if TYPE_CHECKING:  # the stages are imported inside each command: --help stays fast
    from .workspace import OpenedCase


def _route_click_texts() -> None:
    """click's own messages (usage errors, help headings, ``[required]``) go through the catalogue.

    click writes them with gettext; binding its modules' ``_``/``ngettext`` to ours makes every one
    Vietnamese by default — including "Did you mean …?" and path checks — with no pattern matching.
    """
    import importlib

    for name in ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = click_text
        if hasattr(module, "ngettext"):
            module.ngettext = click_plural


_route_click_texts()


class _DateType(click.ParamType):
    """A date option as the clerk types it (``27/03/2025``, ``29/3/2025``; ISO too)."""

    name = "date"

    def convert(self, value, param, ctx) -> dt.date:
        from .text import parse_date

        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value)
        except ValueError:
            self.fail(t("date_invalid", value=value), param, ctx)


DATE = _DateType()


def _today() -> dt.date:
    """Today, or ``DISPATCH_GEN_TODAY`` (a date) so tests and re-runs can pin the date."""
    from .text import parse_date

    value = os.environ.get("DISPATCH_GEN_TODAY")
    if not value:
        return dt.date.today()
    try:
        return parse_date(value)
    except ValueError:
        raise click.UsageError(t("today_invalid", value=value)) from None


def _as_of(opened: OpenedCase, as_of: dt.date | None) -> dt.date:
    """The day ``--as-of`` judges the case on (default today): a later day within the case's horizon
    is counted ahead with a one-line warning, a day past it is refused (``status.judge_as_of``)."""
    from .status import AS_OF_AHEAD, judge_as_of
    from .text import short_date

    today = _today()
    if as_of is None:
        return today
    verdict, horizon = judge_as_of(opened.case, as_of, today)
    if verdict == "far":
        basis = t(f"as_of_basis_{horizon.basis}", day=short_date(horizon.day))
        raise click.BadParameter(t("as_of_far", value=short_date(as_of), limit=short_date(horizon.limit),
                                   basis=basis, days=AS_OF_AHEAD.days), param_hint="--as-of")
    if verdict == "ahead":
        click.echo(f"{t('warning_prefix')}: " + t("as_of_ahead", value=short_date(as_of), today=short_date(today)),
                   err=True)
    return as_of


def _issue_options(command):
    """``--issue``, ``--date`` (signing date), ``--reissue``, ``--reason``: shared by every ND30 document."""
    for option in reversed((click.option("--issue", is_flag=True), click.option("--date", "sign_date", type=DATE),
                            click.option("--reissue", is_flag=True), click.option("--reason"))):
        command = option(command)
    return command


def _issuing(issue: bool, sign_date: dt.date | None, reissue: bool, reason: str | None):
    """The issue request of a command, or None for a draft (the options need ``--issue``)."""
    from .register import Issuing

    if not issue:
        if sign_date is not None or reissue or reason is not None:
            raise click.UsageError(t("issue_reissue_needs_issue"))
        return None
    if reason is not None and not reissue:
        raise click.UsageError(t("issue_reason_needs_reissue"))
    return Issuing(sign_date or _today(), reissue, reason)


def _echo_issued(issuing) -> None:
    if issuing is not None and issuing.entry is not None:
        from .text import short_date

        click.echo(t("register_issued", number=issuing.entry.number_text, date=short_date(issuing.entry.issued_on)))


def _echo_written(paths) -> None:
    for p in paths:
        click.echo(t("wrote", path=p))


def _arg(value: object) -> str:
    """A path or value as it must be typed in a shell or Command Prompt (quoted when it has spaces)."""
    text = str(value)
    return f'"{text}"' if not text or any(c in text for c in " \t&()'") else text


def invoked_as(argv0: str | None = None) -> str:
    """How the clerk reached the program, so every hint is a command that works as typed.

    ``dispatch-gen`` when that name on the PATH is this program; else the path she typed
    (``.venv/bin/dispatch-gen``, ``.venv\\Scripts\\dispatch-gen``) or ``python -m dispatch_gen``.
    """
    import shutil

    argv0 = sys.argv[0] if argv0 is None else argv0
    path = Path(argv0)
    if path.name == "__main__.py" and path.parent.name == "dispatch_gen":
        python = shutil.which("python")
        same = python is not None and Path(python).resolve() == Path(sys.executable).resolve()
        return f"{'python' if same else _arg(sys.executable)} -m dispatch_gen"
    if not path.name.lower().startswith("dispatch-gen"):  # embedded (tests, another program): the name
        return "dispatch-gen"
    found = shutil.which("dispatch-gen")
    try:
        if found and Path(found).resolve() == path.resolve():
            return "dispatch-gen"
    except OSError:
        pass
    return _arg(argv0)


def _shown(path: object) -> str:
    """A file name as one safe line (issue 16): a newline or escape sequence in a name the clerk was
    sent must not forge an output line or drive the terminal (``text.printable``, as collect does)."""
    from .text import printable

    return printable(str(path), 400)


def _next(key: str, **fields: object) -> None:
    """One line saying what to do next, with a command that works as typed."""
    shown = {k: _arg(v) if isinstance(v, Path) else v for k, v in fields.items()}
    click.echo(t("next_prefix") + " " + t(key, prog=invoked_as(), **shown))


_HEADINGS = {"vi": {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Đối số"}}


class _Formatter(click.HelpFormatter):
    """Click's help layout with Vietnamese headings when the language is Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=t("help.usage") + " ")

    def section(self, name: str):
        return super().section(_HEADINGS.get(language(), {}).get(name, name))


class _Context(click.Context):
    formatter_class = _Formatter


def _pick_language(args: list[str]) -> None:
    """Apply ``--lang`` before any help text is built (click parses it too late for ``--help``)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            set_language(args[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])


def _localise(group: click.Group) -> None:
    """Fill every command's and option's help from the catalogue (keys ``help.<command>[.<param>]``)."""
    commands = [("cli", group), *group.commands.items()]
    for name, cmd in commands:
        cmd.help = t(f"help.{name}")
        cmd.short_help = None
        cmd.context_class = _Context
        cmd.options_metavar = metavar("options")
        if isinstance(cmd, click.Group):
            cmd.subcommand_metavar = metavar("command")
        for param in cmd.params:
            key = f"help.{name}.{param.name}"
            if key in CATALOGUE:
                param.help = t(key)
            shown = metavar(param.name or "")
            if shown and not getattr(param, "is_flag", False):
                param.metavar = shown
        ctx = _Context(cmd, info_name=name, help_option_names=["-h", "--help"])
        option = cmd.get_help_option(ctx)
        if option is not None:
            option.help = t("help.option.help")


class _LocalisedGroup(click.Group):
    """The command group; help texts come from the message catalogue in the active language."""

    context_class = _Context

    def main(self, args=None, *rest, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        _pick_language(args)
        _localise(self)
        return super().main(args, *rest, **kwargs)


@click.group(cls=_LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="dispatch-gen")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None)
def cli(lang: str | None) -> None:
    """dispatch-gen command group."""
    if lang:
        set_language(lang)


@cli.command("dispatch")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
@_issue_options
@click.option("--pdf", "pdf", is_flag=True)
def dispatch_command(case: Path, output: Path, issue: bool, sign_date: dt.date | None, reissue: bool,
                     reason: str | None, pdf: bool) -> None:
    """Render the case's dispatch (draft, or numbered with --issue)."""
    from .render import write_dispatch
    from .workspace import open_case

    require_suffix(output, (".docx",))
    opened, issuing = open_case(case), _issuing(issue, sign_date, reissue, reason)
    written = write_dispatch(opened, output, issuing)
    _echo_issued(issuing)
    _echo_written([written])
    if pdf:
        from .pdf.convert import convert_beside, signature_for

        _echo_written(convert_beside([written], signature=signature_for(opened.case)))
    if issue:
        _next("next_after_issue", case=case, forms=Path("phieu"))
    else:
        _next("next_after_draft", case=case, output=output.with_name(f"{output.stem}-so{output.suffix}"))


# --- commands added by later stages go below (keep each ≤ 15 lines: parse, load, call one stage) ---


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--fix", "fix", is_flag=True)  # issue 12: fixable deviations corrected in a new file
@click.option("-o", "--output", "output", type=click.Path(path_type=Path))
def check_command(files: tuple[Path, ...], as_json: bool, fix: bool, output: Path | None) -> None:
    """Check .docx files against ND30; exit 1 on any violation."""
    import json

    from .check.stage import check_files, documents, fix_files
    from .errors import CheckFailed

    files = tuple(documents(files))  # a folder: its .docx files (the clerk checks a whole output folder)
    if fix:
        files = tuple(fix_files(files, output))
        if not as_json:
            click.echo("\n".join(t("check_fixed", file=_shown(f)) for f in files))
    report = check_files(files)
    rows = [{"file": str(f), **vars(v), "kind": report.kinds[f]} for f, v in report.violations]
    for _file, message in report.unreadable:
        click.echo(f"{t('error_prefix')}: {message}", err=True)
    kinds = [t("check_kind", file=_shown(f), kind=_shown(k)) for f, k in report.kinds.items()]  # issue 12
    shown = (json.dumps(rows, ensure_ascii=False, indent=2) if as_json else  # JSON escapes by itself
             "\n".join(kinds + [_finding_line(r) for r in rows]) if rows else
             "\n".join(kinds + ([t("check_summary_ok", files=len(files))] if report.ok else [])))
    if shown:  # review's fix kept: an unreadable file alone is not «Đạt thể thức»
        click.echo(shown)
    if not report.ok:  # the verdict, then the next step last (the exit status stays CheckFailed's)
        click.echo(f"{t('error_prefix')}: " + t("check_summary_bad", count=len(rows), bad=len({r["file"] for r in rows}),
                                                 files=len(files), unreadable=len(report.unreadable)), err=True)
    if not as_json:
        _check_next(report, fix)
    if not report.ok:
        sys.exit(CheckFailed.exit_code)


def _finding_line(row: dict) -> str:
    """One finding as one safe line, the only place findings become text: ``where`` and ``found``
    quote the checked document, whose author may have put a line break, an escape sequence or a bidi
    override there to forge a «Đạt thể thức» line or drive the clerk's terminal; every part is
    escaped like a file name (``text.printable``)."""
    return t("check_line_out", **{k: _shown(v) for k, v in row.items()})


PDF_HINT_FILES = 3  # more conforming files than this: a folder was checked, not a draft to sign


def _check_next(report, fixed: bool) -> None:
    """``check``'s next step: --fix what it can, re-check the fixed copies, or make the PDF to sign.

    Only the files it could read are named (``--fix`` stops at an unreadable one); none when no file
    could be read (the errors say why)."""
    read = list(report.kinds)
    if not read or report.unreadable and not report.violations:
        return
    if report.ok and len(read) > PDF_HINT_FILES:  # a whole folder checked (forms and all): no one file to sign
        return
    key = "next_after_check_ok" if report.ok else "next_after_check_fixed" if fixed else "next_after_check_bad"
    _next(key, files=" ".join(_arg(_shown(f)) for f in read), output=_arg(_shown(read[0].with_name("trinh-ky.pdf"))))


@cli.command("forms")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
@click.option("--pdf", "pdf", is_flag=True)
@click.option("--link-base", "link_base")
def forms_command(case: Path, output: Path, pdf: bool, link_base: str | None) -> None:
    """Write one fillable form per unit."""
    from .forms.send_list import write_send_list
    from .forms.stage import case_form_key, make_forms
    from .intake import upload_links
    from .workspace import open_case

    opened = open_case(case)
    loaded = opened.case
    links = upload_links(opened, link_base) if link_base else None  # issue 14: the unit's own link
    written = make_forms(loaded, output, key=case_form_key(opened), links=links, citation=opened.citation())
    _echo_written(written)
    send_list = write_send_list(loaded, output)
    _echo_written(send_list)
    if pdf:
        from .pdf.convert import convert_beside

        _echo_written(convert_beside(written))
    _next("next_after_forms", send_list=send_list[0], case=case, inbox=case / "inbox")


@cli.command("register")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--year", type=click.IntRange(1900, 9999))
@click.option("--json", "as_json", is_flag=True)
@click.option("--void", "void_n", type=click.IntRange(min=1))
@click.option("--reason")
def register_command(case: Path, year: int | None, as_json: bool, void_n: int | None, reason: str | None) -> None:
    """List the outgoing register, or void a number."""
    import json

    from .case.records import CASE_FILE
    from .desk import list_cases
    from .register import agency_key, format_table, interrupted
    from .workspace import is_workspace, open_case, workspace_entries

    opened = None
    if is_workspace(case) and not (case / CASE_FILE).is_file() and void_n is None and reason is None:
        entries = workspace_entries(case)  # the whole agency book; voiding goes through a case
    else:
        opened = open_case(case)  # a readable case first: its errors name the files, not the store
        if void_n is not None:
            e = opened.void(year or _today().year, void_n, reason or "")
            click.echo(t("register_voided", number=e.number_text, year=e.year, reason=e.void_reason))
            return _next("next_after_void", case=case)
        if reason is not None:
            raise click.UsageError(t("register_void_needs_reason"))
        entries = opened.entries()
    entries = [e for e in entries if year is None or e.year == year]
    click.echo(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2) if as_json
               else "\n".join(format_table(entries)))
    stuck = interrupted(entries, agency_key(opened.case)) if opened is not None else None
    cases = list_cases(case) if opened is None else []
    if as_json:
        return
    if stuck is not None:  # an interrupted run's number: README says to void it with a reason
        _next("next_after_register_reserved", case=case, number=stuck.number, year=stuck.year)
    elif opened is not None:
        _next("next_after_register", case=case)
    elif cases:  # the agency's whole book: each case's own next step starts from its folder
        _next("next_after_register_workspace", case=cases[0])


@cli.command("collect")
@click.argument("case", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--received", type=DATE)
@click.option("--undo", "undo", multiple=True)
@click.option("--receipts", "receipts", type=click.Path(path_type=Path))
def collect_command(case: Path, paths: tuple[Path, ...], received: dt.date | None, undo: tuple[str, ...],
                    receipts: Path | None) -> None:
    """Collect filled forms into the case store (or withdraw mistaken receipts)."""
    from .collect.stage import collect, outcome_lines
    from .text import short_date
    from .workspace import open_case

    if not paths and not undo:
        raise click.UsageError(t("collect_nothing_to_do"))
    opened = open_case(case)
    loaded = opened.case
    failed = False
    if undo:  # issue 11: withdraw first, so "--undo X Y" then collecting Y again is one command
        from .collect.undo import undo as withdraw
        from .collect.undo import undo_lines

        done = withdraw(opened, list(undo))
        click.echo("\n".join(undo_lines(loaded, done)))
        failed = bool(done.not_found)
    if paths:
        if received and received > _today():
            raise click.BadParameter(t("collect_future", value=short_date(received)), param_hint="--received")
        told: list[float] = []

        def waiting(seconds: float) -> None:  # issue 11: another collect holds the store; say so, once
            if not told:
                click.echo(t("collect_waiting"), err=True)
            told.append(seconds)

        result = collect(opened, list(paths), received, on_wait=waiting)
        click.echo("\n".join(outcome_lines(result)))
        if receipts is not None:
            from .collect.receipt import receipts as receipt_files
            from .output import ensure_dir, write_atomic_many

            written = write_atomic_many(receipt_files(loaded, result.files, ensure_dir(receipts)))
            click.echo(t("collect_receipts_written", count=len(written), folder=receipts) if written else
                       t("collect_receipts_none"))  # review: «Đã ghi 0 giấy biên nhận» on a re-run
        failed = failed or bool(result.rejected)
        _next("next_after_collect", case=case)
    if failed:
        sys.exit(1)


@cli.command("status")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=DATE)
@click.option("--json", "as_json", is_flag=True)
@click.option("--xlsx", "xlsx", type=click.Path(path_type=Path))
def status_command(case: Path, as_of: dt.date | None, as_json: bool, xlsx: Path | None) -> None:
    """Show every expected unit's reporting state as a call list (or JSON, or a spreadsheet)."""
    import json

    from .status import case_status, needs_contact, table_lines, write_sheet
    from .workspace import open_case

    if xlsx is not None:
        require_suffix(xlsx, (".xlsx",))
    opened = open_case(case)
    day = _as_of(opened, as_of)
    loaded = opened.case
    rows, others = case_status(opened, day)  # others, issue 11: refused files of no known unit
    if as_json:
        return click.echo(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
    if xlsx is not None:
        _echo_written([write_sheet(loaded, rows, day, xlsx)])
    else:
        click.echo("\n".join(table_lines(loaded, rows, day) + others))
    if any(needs_contact(r) for r in rows):
        _next("next_after_status_missing", case=case)
    else:
        _next("next_after_status_done", case=case)


@cli.command("export")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
def export_command(case: Path, output: Path) -> None:
    """Export every current answer as JSON or XLSX."""
    from .export import export
    from .workspace import open_case

    _echo_written([export(open_case(case), output)])
    _next("next_after_export", case=case)


@cli.command("pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
@click.option("--title")
@click.option("--subject")
@click.option("--case", "case", type=click.Path(path_type=Path))
def pdf_command(files: tuple[Path, ...], output: Path, title: str | None, subject: str | None,
                case: Path | None) -> None:
    """Convert and merge documents into one bookmarked, signed-ready PDF."""
    from .pdf.convert import build_pdf
    from .workspace import open_case

    require_suffix(output, (".pdf",))
    opened = open_case(case) if case else None
    _echo_written([build_pdf(files, output, title=title, subject=subject, opened=opened)])
    _next("next_after_pdf", output=output)


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--from", "source", type=click.Path(path_type=Path))
@click.option("--xlsx", is_flag=True)
@click.option("--criteria-set", "criteria_set")
@click.option("--commune-group", "commune_group")
def init_command(directory: Path, source: Path | None, xlsx: bool, criteria_set: str | None,
                 commune_group: str | None) -> None:
    """Create a new case folder."""
    from .init import criteria_steps, init_case, units_word
    from .workbook import WORKBOOK

    case = init_case(directory, source, xlsx=xlsx, today=_today(), criteria_set=criteria_set,
                     commune_group=commune_group)
    records = case / WORKBOOK if (case / WORKBOOK).exists() else f"{case}/*.csv, *.yaml"
    click.echo(t("init_created", path=case))
    from .workspace import workspace_of

    home = workspace_of(case)
    if home is not None:  # issue 10: say which book the new case numbers in
        click.echo(t("init_register", path=home))
    else:  # its own book: say so, and how an agency shares one (workspace branch)
        click.echo(t("init_own_register", prog=invoked_as(), folder=_arg(case.resolve().parent)))
    for line in criteria_steps(case, invoked_as()):
        click.echo(line)
    click.echo(t("init_next_steps", units=units_word(case), records=_arg(records) if isinstance(records, Path) else records,
                 dispatch=_arg(case / "dispatch.yaml"), case=_arg(case), prog=invoked_as()))


@cli.command("build")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=DATE)
def build_command(case: Path, output: Path | None, as_of: dt.date | None) -> None:
    """Run the main job on a case."""
    from .build import build, summary_lines
    from .workspace import open_case

    opened = open_case(case)  # record errors stop here, before the progress bar is drawn
    as_of = _as_of(opened, as_of)
    with click.progressbar(length=1, label=t("build_step_dispatch"), show_eta=False, width=30,
                           file=sys.stderr) as bar:
        def progress(step: int, total: int, label: str) -> None:
            bar.length, bar.label = total, label
            bar.update(step - 1 - bar.pos)
        summary = build(opened, output or Path("output") / case.resolve().name, progress, as_of=as_of)
    click.echo("\n".join(summary_lines(summary)))
    if summary.send_list:  # run again into the same folder (review: the hint dropped -o)
        again = _arg(case) + (f" -o {_arg(output)}" if output else "")
        _next("next_after_build", send_list=summary.send_list[0], case=again, inbox=case / "inbox")


@cli.command("report")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
@click.option("--as-of", "as_of", type=DATE)
@_issue_options
@click.option("--pdf", "pdf", is_flag=True)
def report_command(case: Path, output: Path, as_of: dt.date | None, issue: bool, sign_date: dt.date | None,
                   reissue: bool, reason: str | None, pdf: bool) -> None:
    """Compile the meeting report from the store."""
    from .collect.stage import verify_archive
    from .report.stage import build_report
    from .workspace import open_case

    require_suffix(output, (".docx",))
    opened, issuing = open_case(case), _issuing(issue, sign_date, reissue, reason)
    day = _as_of(opened, as_of)
    for problem in verify_archive(opened):  # received files are evidence: re-hash them before compiling
        click.echo(f"{t('warning_prefix')}: {problem}", err=True)
    written = build_report(opened, output, as_of=day, issuing=issuing)
    _echo_issued(issuing)
    _echo_written([written])
    if pdf:
        from .pdf.convert import convert_beside, signature_for
        from .report.stage import signer_key

        _echo_written(convert_beside([written], signature=signature_for(opened.case, signer_key(opened))))
    _next("next_after_report", case=case, output=output, package=output.with_name("trinh-ky.pdf"))


@cli.command("remind")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True)
@click.option("--as-of", "as_of", type=DATE)
@click.option("--deadline", type=DATE)
@_issue_options
@click.option("--pdf", "pdf", is_flag=True)
def remind_command(case: Path, output: Path, as_of: dt.date | None, deadline: dt.date | None, issue: bool,
                   sign_date: dt.date | None, reissue: bool, reason: str | None, pdf: bool) -> None:
    """Write the reminder to units that are missing or rejected."""
    from .report.stage import build_reminder
    from .workspace import open_case

    require_suffix(output, (".docx",))
    opened, issuing = open_case(case), _issuing(issue, sign_date, reissue, reason)
    written = build_reminder(opened, output, as_of=_as_of(opened, as_of), deadline=deadline, issuing=issuing)
    _echo_issued(issuing)
    _echo_written([written])
    _next("next_after_remind", case=case, inbox=case / "inbox")
    if pdf:
        from .pdf.convert import convert_beside, signature_for
        from .report.stage import signer_key

        _echo_written(convert_beside([written], signature=signature_for(
            opened.case, signer_key(opened, "reminder"))))


@cli.command("workspace")
@click.argument("directory", type=click.Path(path_type=Path))
def workspace_command(directory: Path) -> None:
    """Create a workspace folder: one outgoing register shared by the cases inside it."""
    from .workspace import create_workspace

    folder, imported = create_workspace(directory)
    click.echo(t("workspace_created", path=folder, register=folder / ".dispatch-gen" / "store.sqlite"))
    for name, count in imported.items():
        if count:
            click.echo(t("workspace_imported", count=count, case=name))


@cli.command("serve")
@click.argument("workspace", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=8000, type=click.IntRange(1, 65535))
@click.option("--no-browser", "no_browser", is_flag=True)
def serve_command(workspace: Path, host: str, port: int, no_browser: bool) -> None:
    """Start the web app (issue 14) over a case or a folder of cases."""
    from .web.server import serve

    serve(workspace, host, port, open_browser=not no_browser, today=_today, announce=click.echo,
          warn=lambda text: click.echo(f"{t('warning_prefix')}: {text}", err=True))


class _LogHandler(logging.Handler):
    """Warnings from the stages reach the clerk as ``Cảnh báo: …`` lines on stderr; info stays quiet."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{t('warning_prefix')}: {record.getMessage()}", err=True)


def _install_logging() -> None:
    logger = logging.getLogger("dispatch_gen")
    if not any(isinstance(h, _LogHandler) for h in logger.handlers):
        logger.addHandler(_LogHandler(logging.WARNING))
    # pypdf logs its repairs in English («EOF marker not found») through logging's last resort: the
    # clerk gets our one Vietnamese line about the file instead (review)
    pypdf = logging.getLogger("pypdf")
    if not pypdf.handlers:
        pypdf.addHandler(logging.NullHandler())


def _fold_unencodable(encoding: str):
    """Codec error handler for ``encoding``: what a console cannot show is decomposed (cp1258 has the
    tone marks), else written without diacritics (``Lỗi`` → ``Loi``), else ``?`` — never a traceback."""
    from .text import split_tones, strip_diacritics

    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        return "".join(map(fold, exc.object[exc.start:exc.end])), exc.end

    def fold(ch: str) -> str:
        for candidate in (split_tones(ch), strip_diacritics(ch)):
            try:
                candidate.encode(encoding)
                return candidate
            except (UnicodeEncodeError, LookupError):
                continue
        return "?"

    return handler


def _safe_console() -> None:
    """Make stdout/stderr survive any console encoding (cp1258, cp1252, ascii, redirected output)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        reconfigure, encoding = getattr(stream, "reconfigure", None), getattr(stream, "encoding", None)
        if reconfigure is None or not encoding:
            continue
        name = f"dispatch_gen_fold_{encoding}"
        codecs.register_error(name, _fold_unencodable(encoding))
        try:
            reconfigure(errors=name)
        except (ValueError, OSError):  # a closed or exotic stream: leave it as it is
            pass


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning project errors into one message and an exit code."""
    from .errors import DispatchGenError

    _safe_console()
    args = list(sys.argv[1:] if argv is None else argv)
    _pick_language(args)
    _install_logging()
    try:
        cli.main(args=args, prog_name="dispatch-gen", standalone_mode=False)
    except DispatchGenError as exc:
        prefix = t("error_prefix")
        for line in str(exc).splitlines() or [type(exc).__name__]:
            click.echo(f"{prefix}: {line}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo(t("interrupted"), err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo(t("interrupted"), err=True)
        sys.exit(130)
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"{t('error_prefix')}: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"{t('error_prefix')}: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)

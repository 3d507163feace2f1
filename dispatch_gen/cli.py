"""Command-line interface: the only module that prints or exits; each command calls one stage.

Heavy modules (docx, lxml, pydantic models) are imported inside the commands so ``--help`` is fast.
Errors of the ``DispatchGenError`` tree are caught once, in ``main``, and printed as
``Lỗi: <file> › <record> › <field>: <reason>`` with the error's exit code and no traceback.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import __version__
from .messages import set_language, t


def _date(value: str | None) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` option value, or raise a usage error naming it."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(t("date_invalid", value=value)) from None


def _today() -> dt.date:
    """Today, or ``DISPATCH_GEN_TODAY`` (YYYY-MM-DD) so tests and re-runs can pin the date."""
    import os

    value = os.environ.get("DISPATCH_GEN_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.UsageError(t("today_invalid", value=value)) from None


def _echo_written(paths) -> None:
    for p in paths:
        click.echo(t("wrote", path=p))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="dispatch-gen")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Ngôn ngữ thông báo (mặc định: tiếng Việt).")
def cli(lang: str | None) -> None:
    """dispatch-gen: soạn công văn theo Nghị định 30/2020/NĐ-CP, phiếu báo cáo, tổng hợp và báo cáo."""
    if lang:
        set_language(lang)


@cli.command("dispatch")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="Tệp .docx sẽ ghi.")
@click.option("--issue", is_flag=True, help="Cấp số văn bản đi tiếp theo và ghi ngày hôm nay vào văn bản.")
@click.option("--pdf", "pdf", is_flag=True, help="Ghi thêm bản PDF cạnh tệp .docx.")
def dispatch_command(case: Path, output: Path, issue: bool, pdf: bool) -> None:
    """Soạn công văn của hồ sơ CASE thành tệp Word (dự thảo, hoặc cấp số với --issue)."""
    from .records import load_case
    from .render import render_dispatch

    loaded = load_case(case)
    if issue:
        from .register import issue_dispatch
        from .text import short_date

        def render(number: int, day: dt.date) -> Path:
            return render_dispatch(loaded, output, number=number, issued_on=day)

        written, entry = issue_dispatch(loaded, case, render, today=_today())
        click.echo(t("register_issued", number=entry.number_text, date=short_date(entry.issued_on)))
    else:
        written = render_dispatch(loaded, output)
    _echo_written([written])
    if pdf:
        from .pdf import convert_beside, signature_for

        _echo_written(convert_beside([written], signature=signature_for(loaded)))


# --- commands added by later stages go below (keep each ≤ 15 lines: parse, load, call one stage) ---


@cli.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In danh sách lỗi dưới dạng JSON.")
def check_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Kiểm tra thể thức Nghị định 30 của các tệp .docx: mỗi lỗi một dòng; mã thoát 1 nếu có lỗi."""
    import json

    from .check import check_files
    from .errors import CheckFailed

    report = check_files(files)
    rows = [{"file": str(f), **vars(v)} for f, v in report.violations]
    for f, message in report.unreadable:
        click.echo(f"{t('error_prefix')}: {message}", err=True)
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2) if as_json else
               "\n".join(t("check_line_out", **r) for r in rows) or t("check_summary_ok", files=len(files)))
    if not report.ok:
        raise CheckFailed(t("check_summary_bad", count=len(rows), bad=len({r["file"] for r in rows}),
                            files=len(files), unreadable=len(report.unreadable)))


@cli.command("forms")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="Thư mục sẽ ghi các phiếu .docx (mỗi thôn, tiêu chí, nhóm một tệp).")
@click.option("--pdf", "pdf", is_flag=True, help="Ghi thêm bản PDF cạnh mỗi phiếu (để in).")
def forms_command(case: Path, output: Path, pdf: bool) -> None:
    """Tạo phiếu Word điền được cho từng đơn vị mà công văn của hồ sơ CASE giao nhiệm vụ."""
    from .forms import make_forms
    from .records import load_case

    written = make_forms(load_case(case), output)
    _echo_written(written)
    if pdf:
        from .pdf import convert_beside

        _echo_written(convert_beside(written))


@cli.command("register")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--year", type=click.IntRange(1900, 9999), help="Chỉ năm này (mặc định: mọi năm; với --void: năm nay).")
@click.option("--json", "as_json", is_flag=True, help="In sổ dưới dạng JSON.")
@click.option("--void", "void_n", type=click.IntRange(min=1), help="Hủy số N (số vẫn nằm trong sổ, không cấp lại).")
@click.option("--reason", help="Lý do hủy số (bắt buộc khi dùng --void).")
def register_command(case: Path, year: int | None, as_json: bool, void_n: int | None, reason: str | None) -> None:
    """Xem sổ văn bản đi của hồ sơ CASE, hoặc hủy một số: --void N --reason "…"."""
    import json

    from .records import load_case
    from .register import format_table, register_entries, void_number

    if void_n is not None:
        e = void_number(load_case(case), case, year or _today().year, void_n, reason or "")
        return click.echo(t("register_voided", number=e.number_text, year=e.year, reason=e.void_reason))
    if reason is not None:
        raise click.UsageError(t("register_void_needs_reason"))
    load_case(case)  # a readable case first: its errors name the files, not the store
    entries = register_entries(case, year)
    click.echo(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2) if as_json
               else "\n".join(format_table(entries)))


@cli.command("collect")
@click.argument("case", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--received", help="Ngày đã nhận các tệp (YYYY-MM-DD), khi nhận từ trước; mặc định: bây giờ.")
def collect_command(case: Path, paths: tuple[Path, ...], received: str | None) -> None:
    """Thu nhận phiếu đã điền (tệp hoặc thư mục) vào hồ sơ CASE; lưu nguyên bản gốc và câu trả lời."""
    from .collect import collect, outcome_lines
    from .records import load_case

    when = _date(received)
    if when and when > _today():
        raise click.BadParameter(t("collect_future", value=received), param_hint="--received")
    result = collect(load_case(case), case, list(paths), when)
    click.echo("\n".join(outcome_lines(result)))
    if result.rejected:
        sys.exit(1)


@cli.command("status")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", help="Xem tình hình tính đến hết ngày này (YYYY-MM-DD); mặc định: hôm nay.")
@click.option("--json", "as_json", is_flag=True, help="In dưới dạng JSON.")
def status_command(case: Path, as_of: str | None, as_json: bool) -> None:
    """Tình hình nộp phiếu của từng đơn vị: đúng hạn, trễ hạn, chưa nộp, bị từ chối."""
    import json

    from .records import load_case
    from .status import status, table_lines
    from .store import open_store

    loaded = load_case(case)
    with open_store(case) as db:
        rows = status(loaded, db, _date(as_of) or _today())
    click.echo(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2) if as_json
               else "\n".join(table_lines(rows)))


@cli.command("export")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="Tệp .json hoặc .xlsx sẽ ghi.")
def export_command(case: Path, output: Path) -> None:
    """Xuất mọi câu trả lời hiện hành của hồ sơ CASE, mỗi ô một dòng (JSON hoặc Excel)."""
    from .export import export
    from .records import load_case
    from .store import open_store

    loaded = load_case(case)
    with open_store(case) as db:
        _echo_written([export(loaded, db, output)])


@cli.command("pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True,
              help="Tệp PDF ghép sẽ ghi.")
@click.option("--title", help="Tiêu đề của tệp PDF (mặc định: tiêu đề văn bản đầu tiên).")
@click.option("--subject", help="Chủ đề (trích yếu) ghi vào thông tin tệp PDF.")
@click.option("--case", "case", type=click.Path(path_type=Path),
              help="Hồ sơ: lấy tên cơ quan làm tác giả và đặt ô ký số ở khối chữ ký của người ký.")
def pdf_command(files: tuple[Path, ...], output: Path, title: str | None, subject: str | None,
                case: Path | None) -> None:
    """Chuyển các tệp Word sang PDF (tệp PDF giữ nguyên) và ghép thành một tệp, mỗi phần một dấu trang."""
    from .pdf import build_pdf, signature_for
    from .records import load_case

    loaded = load_case(case) if case else None
    _echo_written([build_pdf(files, output, title=title, subject=subject,
                             author=loaded.agency.full_name if loaded else None,
                             signature=signature_for(loaded) if loaded else None)])


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--from", "source", type=click.Path(path_type=Path),
              help="Hồ sơ đợt trước: giữ cơ quan, người ký, cán bộ, thôn, tiêu chí, phân công; công văn mới.")
@click.option("--xlsx", is_flag=True, help="Ghi các danh sách vào một tệp Excel records.xlsx thay cho CSV/YAML.")
def init_command(directory: Path, source: Path | None, xlsx: bool) -> None:
    """Tạo thư mục hồ sơ mới DIRECTORY: từ hồ sơ mẫu, hoặc từ hồ sơ đợt trước (--from)."""
    from .init import init_case
    from .workbook import WORKBOOK

    case = init_case(directory, source, xlsx=xlsx)
    records = case / WORKBOOK if (case / WORKBOOK).exists() else f"{case}/*.csv, *.yaml"
    click.echo(t("init_created", path=case))
    click.echo(t("init_next_steps", records=records, dispatch=case / "dispatch.yaml", case=case))


@cli.command("build")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="Thư mục sẽ ghi (mặc định: output/<tên thư mục hồ sơ>).")
@click.option("--as-of", "as_of", help="Tổng hợp, báo cáo, đôn đốc tính đến hết ngày này (YYYY-MM-DD); mặc định: hôm nay.")
def build_command(case: Path, output: Path | None, as_of: str | None) -> None:
    """Làm trọn hồ sơ CASE: công văn, phiếu; khi có phiếu đã điền trong CASE/inbox/ thì tổng hợp, báo cáo,
    công văn đôn đốc; bản PDF (khi có LibreOffice) và một tệp PDF đầy đủ."""
    from .build import build, summary_lines

    with click.progressbar(length=1, label=t("build_step_dispatch"), show_eta=False, width=30,
                           file=sys.stderr) as bar:
        def progress(step: int, total: int, label: str) -> None:
            bar.length, bar.label = total, label
            bar.update(step - 1 - bar.pos)
        summary = build(case, output or Path("output") / case.resolve().name, progress,
                        as_of=_date(as_of) or _today())
    click.echo("\n".join(summary_lines(summary)))


@cli.command("report")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="Tệp .docx sẽ ghi.")
@click.option("--as-of", "as_of", help="Tính tình hình báo cáo đến hết ngày này (YYYY-MM-DD); mặc định: hôm nay.")
@click.option("--pdf", "pdf", is_flag=True, help="Ghi thêm bản PDF cạnh tệp .docx.")
def report_command(case: Path, output: Path, as_of: str | None, pdf: bool) -> None:
    """Lập báo cáo tổng hợp (BÁO CÁO, kèm các phụ lục) từ mọi phiếu đã thu của hồ sơ CASE."""
    from .records import load_case
    from .report import build_report

    loaded = load_case(case)
    written = build_report(loaded, case, output, as_of=_date(as_of) or _today())
    _echo_written([written])
    if pdf:
        from .pdf import convert_beside, signature_for
        from .report import signer_key

        _echo_written(convert_beside([written], signature=signature_for(loaded, signer_key(loaded, case))))


@cli.command("remind")
@click.argument("case", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), required=True, help="Tệp .docx sẽ ghi.")
@click.option("--as-of", "as_of", help="Xét các đơn vị chưa báo cáo đến hết ngày này (YYYY-MM-DD); mặc định: hôm nay.")
@click.option("--deadline", help="Hạn gửi báo cáo mới (YYYY-MM-DD); mặc định: sau ngày xét 3 ngày (report.yaml).")
@click.option("--pdf", "pdf", is_flag=True, help="Ghi thêm bản PDF cạnh tệp .docx.")
def remind_command(case: Path, output: Path, as_of: str | None, deadline: str | None, pdf: bool) -> None:
    """Soạn công văn đôn đốc gửi đúng các đơn vị chưa gửi báo cáo hoặc phải gửi lại."""
    from .records import load_case
    from .report import build_reminder

    loaded = load_case(case)
    written = build_reminder(loaded, case, output, as_of=_date(as_of) or _today(), deadline=_date(deadline))
    _echo_written([written])
    if pdf:
        from .pdf import convert_beside, signature_for
        from .report import signer_key

        _echo_written(convert_beside([written], signature=signature_for(loaded, signer_key(loaded, case, "reminder"))))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning project errors into one message and an exit code."""
    from .errors import DispatchGenError

    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):  # pick the language before click builds any help text
        if arg == "--lang" and i + 1 < len(args):
            set_language(args[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])
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
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)

"""The CLI speaks Vietnamese by default, English on request, from one catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from dispatch_gen.cli import cli, main
from dispatch_gen.messages import CATALOGUE

COMMANDS = sorted(cli.commands)


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([*args])
        raise SystemExit(0)
    out = capsys.readouterr()
    return exit_info.value.code or 0, out.out, out.err


def test_every_command_and_option_has_help_in_both_languages():
    for name, cmd in [("cli", cli), *cli.commands.items()]:
        vi, en = CATALOGUE[f"help.{name}"]
        assert vi and en and vi != en, name
        for param in cmd.params:
            if param.param_type_name == "option":
                assert f"help.{name}.{param.name}" in CATALOGUE, f"{name} --{param.name} has no help"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_vietnamese_by_default_and_english_with_lang(capsys, command):
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0
    assert out.startswith("Cách dùng:") and "Tùy chọn:" in out
    assert " ".join(CATALOGUE[f"help.{command}"][0].split()[:4]) in " ".join(out.split())
    code, out, _ = _run(capsys, "--lang", "en", command, "-h")
    assert code == 0 and out.startswith("Usage:") and "Options:" in out
    assert " ".join(CATALOGUE[f"help.{command}"][1].split()[:4]) in " ".join(out.split())


@pytest.mark.parametrize("command", COMMANDS)
def test_vietnamese_help_shows_no_english_placeholder(capsys, command):
    """click's own placeholders (DATE, TEXT, PATH, INTEGER RANGE) and English argument names were shown
    to the clerk in `init`, `collect`, `serve`, `workspace`, `dispatch`… --help."""
    code, out, _ = _run(capsys, command, "--help")
    english = re.findall(r"\b(?:TEXT|PATH|INTEGER|DATE|DIRECTORY|WORKSPACE|FILE|FILENAME|RANGE)\b|ĐƯỜNG DẪN", out)
    assert code == 0 and not english, (command, english)


def test_lang_from_environment(capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_LANG", "en")
    code, out, _ = _run(capsys, "--help")
    assert code == 0 and "Commands:" in out


@pytest.mark.parametrize("args, expected", [
    (["dispatch", "data/cam-linh"], "thiếu tùy chọn bắt buộc '-o' / '--output'"),
    (["remind"], "thiếu đối số 'HỒ_SƠ'"),
    (["nosuchcommand"], "không có lệnh 'nosuchcommand'"),
    (["colect", "data/cam-linh", "x"], "không có lệnh 'colect'. Có phải ý bạn là 'collect'?"),
    (["status", "data/cam-linh", "--as-of", "2024-13-01"], "giá trị không hợp lệ cho '--as-of': ngày không có thật"),
    (["collect", "data/cam-linh", "x.docx", "--bogus"], "không có tùy chọn '--bogus'"),
    (["register", "data/cam-linh", "--void", "abc"], "giá trị không hợp lệ cho '--void': 'abc' không phải là một số"),
    (["status", "data/cam-linh", "--as-of"], "tùy chọn '--as-of' cần một giá trị"),
])
def test_usage_errors_are_vietnamese_one_line_exit_2(capsys, args, expected):
    code, _, err = _run(capsys, *args)
    assert code == 2
    assert f"Lỗi: {expected}" in err
    assert "Traceback" not in err and "Error:" not in err


@pytest.mark.libreoffice
def test_stage_warnings_reach_the_clerk_in_vietnamese(capsys, tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Một văn bản không có khối chữ ký")
    doc.save(tmp_path / "a.docx")
    code, _, err = _run(capsys, "pdf", str(tmp_path / "a.docx"), "-o", str(tmp_path / "out.pdf"),
                        "--case", "data/cam-linh")
    assert code == 0
    assert "Cảnh báo: " in err and "không tìm thấy khối chữ ký" in err


@pytest.mark.parametrize("args, expected", [
    (["report", "data/cam-linh", "-o", "bao-cao.pdf"], "bao-cao.pdf: lệnh này ghi tệp Word: tên tệp phải kết thúc bằng .docx"),
    (["dispatch", "data/cam-linh", "-o", "cong-van.PDF"], "muốn có bản PDF thì thêm --pdf"),
    (["remind", "data/cam-linh", "-o", "don-doc"], "không phải «(không có đuôi)»"),
    (["export", "data/cam-linh", "-o", "ket-qua.csv"], "tên tệp phải kết thúc bằng .json / .xlsx"),
    (["pdf", "a.docx", "-o", "trinh-ky.docx"], "lệnh này ghi tệp PDF"),
])
def test_output_name_must_say_what_is_written(capsys, tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    args = [str(Path(__file__).resolve().parent.parent / a) if a == "data/cam-linh" else a for a in args]
    code, _, err = _run(capsys, *args)
    assert code != 0 and "Lỗi: " in err and expected in err
    assert list(tmp_path.iterdir()) == []  # nothing written


# --- issue 13: hints that work as typed; consoles that cannot show Vietnamese ---------------------

@pytest.mark.parametrize("argv0, on_path, expected", [
    ("/opt/app/.venv/bin/dispatch-gen", "/opt/app/.venv/bin/dispatch-gen", "dispatch-gen"),  # activated
    (".venv/bin/dispatch-gen", None, ".venv/bin/dispatch-gen"),  # typed with its path
    ("C:/Văn thư/.venv/Scripts/dispatch-gen.exe", None, '"C:/Văn thư/.venv/Scripts/dispatch-gen.exe"'),
    ("/usr/lib/python3/site-packages/pytest/__main__.py", None, "dispatch-gen"),  # embedded: the name
])
def test_hints_name_the_program_the_way_it_was_reached(monkeypatch, tmp_path, argv0, on_path, expected):
    import shutil as sh

    from dispatch_gen import cli as cli_mod

    monkeypatch.setattr(sh, "which", lambda name, *a, **k: on_path)
    assert cli_mod.invoked_as(argv0) == expected


@pytest.mark.parametrize("encoding, text, shown", [
    ("cp1258", "Lỗi: không tìm thấy", "Lỗi: không tìm thấy"),  # cp1258 spells it with combining tones
    ("cp1252", "Lỗi: Đơn vị", "Loi: Don vi"),  # no Vietnamese letters: folded, still readable
    ("ascii", "Tình trạng «đúng hạn»", "Tinh trang ?dung han?"),
])
def test_a_console_that_cannot_encode_vietnamese_gets_readable_text(encoding, text, shown):
    import codecs
    import unicodedata

    from dispatch_gen import cli as cli_mod

    codecs.register_error(f"test_fold_{encoding}", cli_mod._fold_unencodable(encoding))
    raw = text.encode(encoding, errors=f"test_fold_{encoding}")
    assert unicodedata.normalize("NFC", raw.decode(encoding)) == shown

"""Issue 13: the README's cycle as a clerk types it, with each of her mistakes, through the real command.

Every step runs the installed console script by its bare name ``dispatch-gen`` (the README's set-up puts
the virtual environment's ``bin``/``Scripts`` folder on the PATH), in a working folder whose name has a
space and Vietnamese letters, with the dates she types (27/03/2026, 29/3/2026). Each mistake listed
in the issue must give a Vietnamese message naming its cause — no English, no traceback — and leave
nothing half-written; each success ends with one «Tiếp theo:» line whose command is then run as
printed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from fillers import answers_for

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.word.fill import fill_like_word

BIN = Path(sys.executable).parent
CASE = "ho-so-2025-03"  # the README's name
# What must never reach the clerk: click's, Python's, PyYAML's and the OS's English.
ENGLISH = re.compile(r"Traceback|Error:|Usage:|Missing |No such|Did you mean|Invalid value|\[OPTIONS\]|"
                     r"\[required\]|Is a directory|mapping values|expected <|found character|"
                     r"cannot start any token|\(officers\)|\bCASE\b|\bPATHS\b|YYYY-MM-DD")

pytestmark = pytest.mark.skipif(not (BIN / "dispatch-gen").exists() and not (BIN / "dispatch-gen.exe").exists(),
                                reason="the console script is installed by `pip install -e .`")


class Clerk:
    """A console in the working folder, the command on the PATH, a pinned today."""

    def __init__(self, folder: Path, encoding: str = "utf-8"):
        self.folder = folder
        self.env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                    "DISPATCH_GEN_TODAY": "29/03/2026", "PYTHONIOENCODING": encoding}
        self.env.pop("DISPATCH_GEN_LANG", None)  # Vietnamese by default, whatever the machine says
        self.env["LANG"] = "en_US.UTF-8"

    def type(self, line: str, *, ok: bool = True, encoding: str | None = None) -> str:
        """Run ``line`` as typed; return what the console shows (stdout + stderr), checked clean."""
        args = shlex.split(line)
        assert args[0] == "dispatch-gen"
        env = self.env if encoding is None else {**self.env, "PYTHONIOENCODING": encoding}
        done = subprocess.run([shutil.which("dispatch-gen", path=env["PATH"]), *args[1:]], cwd=self.folder,
                              env=env, capture_output=True, timeout=300)
        enc = env["PYTHONIOENCODING"]
        shown = (done.stdout + done.stderr).decode(enc if enc != "ascii" else "utf-8", errors="strict")
        assert (done.returncode == 0) == ok, f"{line}\n{shown}"
        assert not ENGLISH.search(shown), f"English or a traceback after «{line}»:\n{shown}"
        return shown

    def next_step(self, shown: str) -> str:
        """The command of the «Tiếp theo:» line (the last line), exactly as printed."""
        last = shown.strip().splitlines()[-1]
        assert last.startswith("Tiếp theo:"), shown
        found = re.search(r"(dispatch-gen .+?)(?:$| \(|;)", last)
        assert found, last
        return found.group(1)


@pytest.fixture
def clerk(tmp_path):
    folder = tmp_path / "Văn thư xã"
    (folder / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "cam-linh", folder / "data" / "cam-linh",
                    ignore=shutil.ignore_patterns(".dispatch-gen"))
    return Clerk(folder)


def _edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _fill_some(clerk: Clerk, case: Path, forms: Path, units: tuple[str, ...]) -> Path:
    """Officers fill their forms in Word and send them back over Zalo: the clerk saves them in a subfolder."""
    specs = form_specs(load_case(case))
    zalo = case / "inbox" / "Zalo 28-3"
    zalo.mkdir(parents=True)
    for unit in units:
        blank = next(forms.glob(f"{unit}-*.docx"))
        (zalo / blank.name).write_bytes(fill_like_word(blank.read_bytes(), answers_for(specs[unit])))
    return zalo


def test_the_readme_cycle_as_typed_with_every_mistake(clerk):
    folder = clerk.folder
    case = folder / CASE

    # 1. dispatch-gen: command not found — the README's set-up puts it on the PATH; hints use it as typed
    shown = clerk.type(f"dispatch-gen init {CASE} --from data/cam-linh --xlsx")
    assert f"dispatch-gen dispatch {CASE} -o cong-van.docx" in shown

    # 5. click's own messages, in Vietnamese
    shown = clerk.type(f"dispatch-gen colect {CASE} x", ok=False)
    assert "Lỗi: không có lệnh 'colect'. Có phải ý bạn là 'collect'?" in shown
    shown = clerk.type(f"dispatch-gen collect {CASE}", ok=False)
    assert "Cách dùng: dispatch-gen collect [TÙY_CHỌN] HỒ_SƠ TỆP_HOẶC_THƯ_MỤC..." in shown
    assert "Lỗi: cần ít nhất một tệp/thư mục phiếu, hoặc --undo" in shown
    shown = clerk.type("dispatch-gen collect --help")
    assert "Tùy chọn:" in shown and "--received NGÀY" in shown

    # 2. YAML mistakes in dispatch.yaml: in her words, with the line, the column and the fix
    dispatch = case / "dispatch.yaml"
    _edit(dispatch, "subject: '[Trích yếu nội dung công văn — cần sửa]'",
          "subject: Chuẩn bị họp BQL các chương trình MTQG quý I/2026")
    _edit(dispatch, "- paragraph: '[Nội dung công văn — cần sửa. Mỗi đoạn là một mục paragraph, item, point hoặc "
                    "bullet.]'", "- paragraph: Đề nghị các thôn và các đồng chí phụ trách tiêu chí chuẩn bị như sau:")
    shown = clerk.type(f"dispatch-gen dispatch {CASE} -o cong-van.docx", ok=False)
    assert re.search(r"Lỗi: dispatch\.yaml: lỗi cú pháp ở dòng \d+, cột \d+ «?", shown)
    assert "dấu hai chấm «:»" in shown and "dấu nháy kép" in shown and len(shown.strip().splitlines()) == 1
    _edit(dispatch, "- paragraph: Đề nghị các thôn và các đồng chí phụ trách tiêu chí chuẩn bị như sau:",
          '- paragraph: "Đề nghị các thôn và các đồng chí phụ trách tiêu chí chuẩn bị như sau:"')
    _edit(dispatch, "signer: chu_tich", "\tsigner: chu_tich")
    shown = clerk.type(f"dispatch-gen dispatch {CASE} -o cong-van.docx", ok=False)
    assert "ký tự Tab" in shown and "dấu cách" in shown
    _edit(dispatch, "\tsigner: chu_tich", "signer: chu_tich")
    _edit(dispatch, "- 'Lưu: VT'", " - 'Lưu: VT'")
    shown = clerk.type(f"dispatch-gen dispatch {CASE} -o cong-van.docx", ok=False)
    assert "thụt đầu dòng không thẳng hàng" in shown
    _edit(dispatch, " - 'Lưu: VT'", "- 'Lưu: VT'")
    assert not (folder / "cong-van.docx").exists()  # nothing half-written

    # 3. dd/mm/yyyy in dispatch.yaml and typed as text in records.xlsx (a vi-VN Excel)
    _edit(dispatch, "date: 2026-03", "date: 20/3/2026")
    book = openpyxl.load_workbook(case / "records.xlsx")
    tasks = book["Nhiệm vụ"]
    for row in range(2, tasks.max_row + 1):
        if tasks.cell(row, 4).value:  # tasks with a form get a deadline
            tasks.cell(row, 6).value = "05/04/2026"
            tasks.cell(row, 6).number_format = "@"
    book.save(case / "records.xlsx")

    # steps 3–4: the draft, then the number after signing
    shown = clerk.type(f"dispatch-gen dispatch {CASE} -o cong-van.docx")
    issue = clerk.next_step(shown)
    assert issue == f"dispatch-gen dispatch {CASE} -o cong-van-so.docx --issue"
    shown = clerk.type(issue)
    assert "Đã cấp số 01/UBND ngày 29/03/2026." in shown

    # step 5: the forms and the send list (8)
    shown = clerk.type(clerk.next_step(shown))  # dispatch-gen forms ho-so-2025-03 -o phieu
    forms = folder / "phieu"
    sent = openpyxl.load_workbook(forms / "danh-sach-gui.xlsx").active
    rows = list(sent.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(list(forms.glob("*.docx"))) and all(r[6].day == 5 and r[6].month == 4 for r in rows)
    collect_hint = clerk.next_step(shown)
    assert collect_hint == f"dispatch-gen collect {CASE} {CASE}/inbox"

    # 9. forms saved into a subfolder of inbox/; 3. the received date as she types it
    _fill_some(clerk, case, forms, ("thon-01", "thon-02", "tc-02"))
    shown = clerk.type(f"{collect_hint} --received 27/03/2026")
    assert shown.count("đã nhận phiếu của") == 3

    # 6. a console that is not UTF-8 (Windows, output redirected): no traceback, Vietnamese kept or folded
    for encoding in ("cp1258", "cp1252", "ascii"):
        clerk.type(f"dispatch-gen status {CASE} --as-of 29/3/2026", encoding=encoding)
        clerk.type(f"dispatch-gen collect {CASE} {CASE}/inbox", encoding=encoding)

    # 7. status as a call list within 100 columns, and as a spreadsheet
    shown = clerk.type(f"dispatch-gen status {CASE} --as-of 29/3/2026")
    *table, hint = shown.strip().splitlines()
    assert max(map(len, table)) <= 100 and "Người phụ trách" in table[1] and "Điện thoại" in table[1]
    assert "hạn 05/04/2026" in shown and "đã nộp 27/03/2026" in shown
    shown = clerk.type(f"dispatch-gen status {CASE} --as-of 29/3/2026 --xlsx goi-dien.xlsx")
    assert openpyxl.load_workbook(folder / "goi-dien.xlsx").active["A2"].value == "TT"

    # step 8: the reminder with the deadline she types; its hint works as printed
    remind = clerk.next_step(shown)
    assert remind == f"dispatch-gen remind {CASE} -o don-doc.docx"
    shown = clerk.type(f"{remind} --deadline 05/04/2026 --as-of 29/3/2026")
    assert (folder / "don-doc.docx").is_file()

    # 4. -o checked against what is written; a folder named like a file
    shown = clerk.type(f"dispatch-gen report {CASE} -o bao-cao.pdf --as-of 29/3/2026", ok=False)
    assert "bao-cao.pdf: lệnh này ghi tệp Word" in shown and "thêm --pdf" in shown
    assert not (folder / "bao-cao.pdf").exists()
    (folder / "cu.docx").mkdir()
    shown = clerk.type(f"dispatch-gen report {CASE} -o cu.docx --as-of 29/3/2026", ok=False)
    assert "cu.docx:" in shown and "thư mục" in shown
    shown = clerk.type(f"dispatch-gen report {CASE} -o bao-cao.docx --as-of 29/3/2026")
    assert clerk.next_step(shown).startswith(f"dispatch-gen pdf bao-cao.docx -o trinh-ky.pdf --case {CASE}")

    # 7. a human export: names, Vietnamese headers, real dates
    clerk.type(f"dispatch-gen export {CASE} -o ket-qua.xlsx")
    sheet = openpyxl.load_workbook(folder / "ket-qua.xlsx")["Tiêu chí thôn"]
    assert [c.value for c in sheet[1]][:3] == ["Đơn vị", "Mã", "Tiêu chí"]
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == {"Thôn 1", "Thôn 2"}


def test_a_missing_file_is_one_line_and_an_unknown_officer_says_so_in_vietnamese(clerk):
    case = clerk.folder / "ho so cu"
    clerk.type('dispatch-gen init "ho so cu" --from data/cam-linh')
    # a case keeping its own criteria file (not the shipped library), which then goes missing
    shutil.copy(clerk.folder / "data" / "cam-linh" / "criteria.yaml", case / "criteria.yaml")
    head = (case / "case.yaml").read_text(encoding="utf-8")
    (case / "case.yaml").write_text(re.sub(r"(?m)^criteria:\n(?:  .*\n)*", "", head), encoding="utf-8")
    (case / "criteria.yaml").unlink()
    shown = clerk.type('dispatch-gen dispatch "ho so cu" -o cv.docx', ok=False)
    assert shown.strip().splitlines() == [shown.strip().splitlines()[0]]  # one line, the root cause
    assert "criteria.yaml: không tìm thấy tệp" in shown
    shutil.copy(clerk.folder / "data" / "cam-linh" / "criteria.yaml", case / "criteria.yaml")
    _edit(case / "dispatch.yaml", "report_to: thai_thi_lam", "report_to: thai_thi_lan")
    shown = clerk.type('dispatch-gen dispatch "ho so cu" -o cv.docx', ok=False)
    assert "không có cán bộ với mã «thai_thi_lan»" in shown

"""Bad input through the real CLI: one clear Vietnamese line per problem, exit code, nothing written.

Every case runs ``dispatch-gen dispatch <case> -o <out>`` on an edited copy of the sample case and
checks the message names the file, the record and the field, that no traceback is printed, and that
no output (or temp file) is left behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE

from dispatch_gen.case.records import load_case
from dispatch_gen.cli import main
from dispatch_gen.errors import RecordError


def run_cli(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    captured = capsys.readouterr()
    return exc.value.code, captured.err + captured.out


@pytest.fixture
def case(tmp_path: Path) -> Path:
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return dst


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


def edit(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source, f"{old!r} not in {path.name}"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def assert_refused(capsys, case: Path, out_dir: Path, *expected: str) -> list[str]:
    """Run the dispatch command; exit 2, each expected fragment on some ``Lỗi:`` line, nothing written."""
    code, output = run_cli(capsys, "dispatch", str(case), "-o", str(out_dir / "cv.docx"))
    assert code == 2, output
    assert "Traceback" not in output
    lines = output.strip().splitlines()
    assert lines and all(line.startswith("Lỗi: ") for line in lines), output
    for fragment in expected:
        assert any(fragment in line for line in lines), f"{fragment!r} not in:\n{output}"
    assert list(out_dir.iterdir()) == []  # no output, no temp file
    return lines


BAD_INPUTS = {
    # name: (file, old text, new text, fragments the message must carry)
    "yaml_syntax": ("dispatch.yaml", "subject: Chuẩn bị", "subject: [Chuẩn bị",
                    ["dispatch.yaml: lỗi cú pháp ở dòng 8, cột 10 («subject: [Chuẩn bị", "thiếu dấu «]»"]),
    "missing_field": ("dispatch.yaml", "subject: Chuẩn bị các nội dung đề họp BQL các chương trình mục tiêu quốc gia\n",
                      "", ["dispatch.yaml › subject: thiếu trường bắt buộc"]),
    # review: a key left with nothing after it said «cần một đoạn chữ, không phải «None»»
    "empty_field": ("dispatch.yaml", "subject: Chuẩn bị các nội dung đề họp BQL các chương trình mục tiêu quốc gia\n",
                    "subject:\n", ["dispatch.yaml › subject: trường bắt buộc đang để trống"]),
    "empty_string": ("dispatch.yaml", "subject: Chuẩn bị các nội dung đề họp BQL các chương trình mục tiêu quốc gia\n",
                     'subject: "  "\n', ["dispatch.yaml › subject: trường bắt buộc đang để trống"]),  # wrote «V/v »
    "empty_list": ("case.yaml", "title_lines: [Chủ tịch]", "title_lines:",
                   ["case.yaml › signers.chu_tich › title_lines: trường bắt buộc đang để trống"]),
    "authority_without_body": ("case.yaml", "    body: Ủy ban nhân dân\n    title_lines: [Chủ tịch]",
                               "    title_lines: [Chủ tịch]",
                               ["case.yaml › signers.chu_tich: giá trị không hợp lệ: có «authority: TM.» thì phải có «body»"]),
    "two_kinds_in_a_block": ("dispatch.yaml", "  - item: >-", "  - item: x\n    bullet: >-",
                             ["dispatch.yaml › body[2]: giá trị không hợp lệ: mỗi mục của nội dung phải có đúng một"]),
    "unknown_type": ("dispatch.yaml", "type: Công văn", "type: Công vănn",
                     ["dispatch.yaml › type: giá trị không hợp lệ: «Công vănn» không phải tên loại văn bản"]),
    "signers_as_a_list": ("case.yaml", "signers:\n", "signers:\n  - x\nold_signers:\n",
                          ["case.yaml › signers: giá trị không hợp lệ: signers phải là bảng mã → người ký"]),
    "wrong_type": ("dispatch.yaml", "number:\n", "number: mười\n", ["dispatch.yaml › number: giá trị không hợp lệ: cần một số nguyên, không phải «mười»"]),
    "wrong_type_in_record": ("case.yaml", "title_lines: [Chủ tịch]", "title_lines: Chủ tịch",
                             ["case.yaml › signers.chu_tich › title_lines: giá trị không hợp lệ: cần một danh sách"]),
    "impossible_date": ("dispatch.yaml", "date: 2024-11\n", "date: 2024-02-30\n",
                        ["dispatch.yaml › date: ngày không có thật", "2024-02-30"]),
    "impossible_deadline": ("dispatch.yaml", "deadline: 2024-11-23", "deadline: 2024-11-31",
                            ["dispatch.yaml › tasks[1] › deadline: ngày không có thật"]),
    "unknown_key": ("dispatch.yaml", "subject:", "subjet: x\nsubject:", ["dispatch.yaml › subjet: trường không được phép"]),
    "unknown_key_in_record": ("case.yaml", "name: Nguyễn Như Hùng", "name: Nguyễn Như Hùng\n    nmae: x",
                              ["case.yaml › signers.chu_tich › nmae: trường không được phép"]),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_record(name, case, out_dir, capsys):
    file, old, new, fragments = BAD_INPUTS[name]
    edit(case / file, old, new)
    assert_refused(capsys, case, out_dir, *fragments)


def test_bad_csv_row_names_the_row(case, out_dir, capsys):
    path = case / "villages.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[1].split(",")
    cells[header.index("name")] = ""
    rows[1] = ",".join(cells)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert_refused(capsys, case, out_dir, "villages.csv › dòng 2 › name: thiếu trường bắt buộc")


def test_a_csv_row_with_an_unquoted_comma_says_how_to_fix_it(case, out_dir, capsys):
    """Review: «thừa cột» alone did not say why; a name typed with a comma splits into two cells."""
    edit(case / "villages.csv", "thon-02,Thôn 2,", "thon-02,Thôn 2, xóm Đông,")
    assert_refused(capsys, case, out_dir, "villages.csv › dòng 3: lỗi đọc CSV: thừa cột", "dấu nháy kép")


def test_empty_file(case, out_dir, capsys):
    (case / "dispatch.yaml").write_text("  \n", encoding="utf-8")
    assert_refused(capsys, case, out_dir, "dispatch.yaml: tệp rỗng")


def test_binary_file(case, out_dir, capsys):
    (case / "case.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    assert_refused(capsys, case, out_dir, "case.yaml: tệp không phải văn bản UTF-8")


def test_missing_file(case, out_dir, capsys):
    (case / "dispatch.yaml").unlink()
    assert_refused(capsys, case, out_dir, "dispatch.yaml: không tìm thấy tệp")


def test_all_problems_at_once(case, out_dir, capsys):
    edit(case / "dispatch.yaml", "date: 2024-11\n", "date: 2024-13\n")
    edit(case / "dispatch.yaml", "subject:", "subjet: x\nsubject:")
    edit(case / "case.yaml", "symbol: UBND", "symbol: ubnd xã")
    lines = assert_refused(capsys, case, out_dir, "dispatch.yaml › date", "dispatch.yaml › subjet",
                           "case.yaml › agency › symbol")
    assert len(lines) >= 3


def test_nonexistent_case_folder(tmp_path, out_dir, capsys):
    missing = tmp_path / "khong-co"
    assert_refused(capsys, missing, out_dir, f"{missing}: không tìm thấy thư mục hồ sơ")


def test_case_folder_is_a_file(tmp_path, out_dir, capsys):
    path = tmp_path / "case.txt"
    path.write_text("x", encoding="utf-8")
    assert_refused(capsys, path, out_dir, f"{path}: không phải là thư mục")


def test_output_parent_is_a_file(tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    code, output = run_cli(capsys, "dispatch", str(SAMPLE), "-o", str(blocker / "sub" / "cv.docx"))
    assert code != 0 and "Traceback" not in output
    assert output.startswith("Lỗi: ") and f"«{blocker}» là một tệp" in output
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_failed_render_leaves_previous_output_untouched(case, out_dir, capsys):
    out = out_dir / "cv.docx"
    out.write_bytes(b"previous")
    edit(case / "dispatch.yaml", "subject:", "subjet: x\nsubject:")
    code, _ = run_cli(capsys, "dispatch", str(case), "-o", str(out))
    assert code == 2
    assert out.read_bytes() == b"previous" and [p.name for p in out_dir.iterdir()] == ["cv.docx"]


def test_good_case_writes_the_dispatch(case, out_dir, capsys):
    main(["dispatch", str(case), "-o", str(out_dir / "cv.docx")])
    assert "Đã ghi:" in capsys.readouterr().out
    assert [p.name for p in out_dir.iterdir()] == ["cv.docx"]


# --- issue 13: YAML mistakes a clerk makes, in her words; a missing file is one line
@pytest.mark.parametrize("old, new, expected", [
    ("subject: Chuẩn bị các nội dung", "subject: V/v: Chuẩn bị các nội dung",
     ["dispatch.yaml: lỗi cú pháp ở dòng 8", "dấu hai chấm «:»", "dấu nháy kép"]),
    ("  - Như trên\n", "  - Như trên\n - Lưu VT\n", ["thụt đầu dòng không thẳng hàng", "« - Lưu VT»"]),
    ("signer: chu_tich", "\tsigner: chu_tich", ["ký tự Tab", "2 dấu cách"]),
    ("signer: chu_tich", "signer chu_tich", ["thiếu dấu hai chấm sau tên mục"]),
    ("signer: chu_tich", 'signer: "chu_tich', ["«signer: \"chu_tich»", "thiếu dấu nháy đóng"]),
    ("subject: Chuẩn bị", "subject: **Khẩn** Chuẩn bị", ["«*» hoặc «&»", "dấu nháy kép"]),
])
def test_yaml_mistakes_are_explained_in_vietnamese(capsys, case, out_dir, old, new, expected):
    edit(case / "dispatch.yaml", old, new)
    lines = assert_refused(capsys, case, out_dir, *expected)
    assert len(lines) == 1
    assert not any(word in lines[0] for word in ("mapping", "expected", "found", "token", "block"))


def test_missing_criteria_file_is_one_line_not_its_consequences(capsys, case, out_dir):
    (case / "criteria.yaml").unlink()
    lines = assert_refused(capsys, case, out_dir, "criteria.yaml: không tìm thấy tệp")
    assert len(lines) == 1, lines


def test_unreadable_file_hides_its_consequences_but_not_other_files(capsys, case, out_dir):
    (case / "officers.csv").write_bytes(b"")  # every assignment now names an unknown officer
    edit(case / "dispatch.yaml", "signer: chu_tich", "signer:\tchu_tich\n\tx")
    lines = assert_refused(capsys, case, out_dir, "officers.csv: tệp rỗng", "dispatch.yaml: lỗi cú pháp")
    assert len(lines) == 2, lines


def test_dispatch_body_may_live_in_a_plain_text_letter(capsys, case, out_dir):
    """Issue 13: the body typed like a letter in noi-dung.txt — colons and Tabs are just text there."""
    import re as _re

    from dispatch_gen.case.records import load_case

    source = (case / "dispatch.yaml").read_text(encoding="utf-8")
    body = _re.search(r"^body:\n(?:(?:  .*)?\n)+", source, _re.M)
    (case / "dispatch.yaml").write_text(source.replace(body.group(0), ""), encoding="utf-8")
    (case / "noi-dung.txt").write_text("Đề nghị các thôn chuẩn bị như sau:\n\n1. Đối với các thôn:\trà soát.\n\n"
                                       "- Hạn: **trước 23/11/2024**./.\n", encoding="utf-8")
    blocks = load_case(case).dispatch.body
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "Đề nghị các thôn chuẩn bị như sau:"),
                                                  ("item", "Đối với các thôn: rà soát."),
                                                  ("bullet", "Hạn: **trước 23/11/2024**./.")]
    (case / "dispatch.yaml").write_text(source, encoding="utf-8")  # both: refused, never guessed
    assert_refused(capsys, case, out_dir, "noi-dung.txt: nội dung công văn có cả ở đây và ở mục body của dispatch.yaml")


def test_an_unreadable_workbook_is_one_line_not_its_consequences(capsys, tmp_path, out_dir):
    from dispatch_gen.cli import main as cli_main

    case = tmp_path / "xlsx-case"
    cli_main(["init", str(case), "--from", str(SAMPLE), "--xlsx"])
    capsys.readouterr()
    (case / "records.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    lines = assert_refused(capsys, case, out_dir, "records.xlsx: không đọc được tệp Excel")
    assert len(lines) == 1, lines


def test_a_missing_officers_file_is_the_one_root_cause(case_copy):
    """Issue 13: a missing file is one line, not the dozens of references it breaks."""
    (case_copy / "officers.csv").unlink()
    with pytest.raises(RecordError) as err:
        load_case(case_copy)
    assert [p.file for p in err.value.problems] == ["officers.csv"]
    assert "không tìm thấy tệp" in str(err.value)

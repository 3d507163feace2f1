"""The agency's register stays one unbroken series (workspace branch).

Restoring an older copy of a store must never hand out a number twice: the register's journal
(``.dispatch-gen/register.log``, one line per number taken) lives beside ``store.sqlite`` and is not
part of what a clerk copies back from a backup. These tests issue real documents through the CLI,
copy ``store.sqlite`` away, issue more, copy the old file back and check that issuing is refused
with a message naming the file and the way out, that the listing shows the lost numbers, and that
both ways out (the newest copy restored, or the lost numbers voided) continue after every number
already on paper.

``init --from`` points a new round at the agency's book (its workspace, or the book the source
numbers in), never at a template's: a shipped sample or a case that never issued a number.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hardening import main_cli as run
from test_workspace import SIGNED, make_case, text_of

from dispatch_gen.store import REGISTER_JOURNAL, REGISTER_WITNESS, open_store, store_path
from dispatch_gen.workspace import open_case


def _lone(tmp_path: Path, capsys) -> tuple[Path, Path]:
    case = make_case(tmp_path / "hồ sơ lẻ", case_id="ho-so-le")  # its own register, in its own store
    return case, case


def _in_workspace(tmp_path: Path, capsys) -> tuple[Path, Path]:
    folder = tmp_path / "UBND xã Hòa Bình"
    assert run(capsys, "workspace", str(folder))[0] == 0
    return make_case(folder / "ho-so-2026-01"), folder  # the register is the workspace's


WHERE = [pytest.param(_lone, id="lone-case"), pytest.param(_in_workspace, id="workspace")]


def _issue(capsys, case: Path, out: Path, command: str = "dispatch") -> tuple[int, str, str]:
    extra = ["--as-of", "2026-01-22"] if command in ("report", "remind") else []
    return run(capsys, command, str(case), "-o", str(out), *extra, "--issue", "--date", SIGNED)


def _rolled_back(tmp_path: Path, capsys, where) -> tuple[Path, Path, Path]:
    """Issue 01, back the store up, issue 02 and 03, put the backup back; return (case, home, newest copy)."""
    case, home = where(tmp_path, capsys)
    assert _issue(capsys, case, tmp_path / "cv.docx")[0] == 0
    store = store_path(home)
    backup = tmp_path / "sao-luu-1.sqlite"
    shutil.copy2(store, backup)
    assert _issue(capsys, case, tmp_path / "bc.docx", "report")[0] == 0
    assert _issue(capsys, case, tmp_path / "dd.docx", "remind")[0] == 0
    newest = tmp_path / "sao-luu-2.sqlite"
    shutil.copy2(store, newest)
    shutil.copy2(backup, store)  # what the README told the clerk to do after losing the store
    return case, home, newest


@pytest.mark.parametrize("where", WHERE)
def test_an_older_store_copy_refuses_to_issue_naming_the_file_and_the_lost_numbers(tmp_path, capsys, where):
    case, home, _ = _rolled_back(tmp_path, capsys, where)
    out = tmp_path / "cv-2.docx"
    code, _, err = _issue(capsys, case, out, "remind")
    assert code != 0 and not out.exists()
    assert str(store_path(home)) in err and REGISTER_JOURNAL in err
    assert "bản sao lưu cũ" in err and "02, 03" in err and "--void 2 --year 2026" in err
    assert "Traceback" not in err
    with open_store(home) as db:  # nothing was taken: the refusal left the store as it was
        assert [r["number"] for r in db.register_rows()] == [1]
    listing = run(capsys, "register", str(case))[1]
    lost = [line for line in listing.splitlines() if "không có trong store.sqlite" in line]
    assert [line.split()[1] for line in lost] == ["02/BC-UBND-VP", "03/UBND-VP"]
    code, stdout, _ = run(capsys, "register", str(case), "--json")
    assert code == 0 and [(e["number"], e["status"]) for e in json.loads(stdout)] == [(1, "issued"), (2, "lost"),
                                                                                    (3, "lost")]


@pytest.mark.parametrize("where", WHERE)
def test_restoring_the_newest_copy_lets_numbering_continue(tmp_path, capsys, where):
    case, home, newest = _rolled_back(tmp_path, capsys, where)
    shutil.copy2(newest, store_path(home))
    assert _issue(capsys, case, tmp_path / "cv-2.docx", "remind")[0] == 1  # same day's reminder: --reissue rule
    code, _, err = run(capsys, "dispatch", str(case), "-o", str(tmp_path / "cv-2.docx"), "--issue", "--reissue",
                       "--date", SIGNED)
    assert code == 0, err
    assert "Số: 04/UBND-VP" in text_of(tmp_path / "cv-2.docx")


@pytest.mark.parametrize("where", WHERE)
def test_voiding_the_lost_numbers_is_the_way_out_without_a_newer_copy(tmp_path, capsys, where):
    case, home, _ = _rolled_back(tmp_path, capsys, where)
    code, stdout, err = run(capsys, "register", str(case), "--void", "2", "--year", "2026",
                            "--reason", "mất khi khôi phục bản sao lưu")
    assert code == 0, err
    assert "02/BC-UBND-VP" in stdout
    assert _issue(capsys, case, tmp_path / "x.docx", "remind")[0] != 0  # 03 is still lost
    assert run(capsys, "register", str(case), "--void", "3", "--year", "2026", "--reason", "mất")[0] == 0
    assert run(capsys, "register", str(case), "--void", "9", "--year", "2026", "--reason", "x")[0] != 0  # never taken
    out = tmp_path / "dd-2.docx"
    code, _, err = _issue(capsys, case, out, "remind")
    assert code == 0, err
    assert "Số: 04/UBND-VP" in text_of(out)  # after every number on paper, none given twice
    with open_store(home) as db:
        rows = {r["number"]: (r["status"], r["void_reason"]) for r in db.register_rows()}
    assert rows == {1: ("issued", None), 2: ("voided", "mất khi khôi phục bản sao lưu"), 3: ("voided", "mất"),
                    4: ("issued", None)}


@pytest.mark.parametrize("tail", [b'{"agency": "UBND", "year": 2026, "numb', b"\x00\x00\x00", b"[]\n"])
def test_a_torn_journal_line_is_skipped_not_a_lost_number(tmp_path, capsys, tail):
    case = make_case(tmp_path / "ho-so")
    assert _issue(capsys, case, tmp_path / "a.docx")[0] == 0
    with open(store_path(case).parent / REGISTER_JOURNAL, "ab") as fh:  # a power cut in the middle of a line
        fh.write(tail)
    code, _, err = _issue(capsys, case, tmp_path / "b.docx", "report")
    assert code == 0, err
    assert "Số: 02/BC-UBND-VP" in text_of(tmp_path / "b.docx")


# --- init --from: the new round numbers in the agency's book, never in a template's ------------------------


def _source_in_workspace(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str | None]:
    folder = tmp_path / "UBND xã Hòa Bình"
    assert run(capsys, "workspace", str(folder))[0] == 0
    source = make_case(folder / "dot-1")
    assert _issue(capsys, source, tmp_path / "cv.docx")[0] == 0
    return source, "../UBND xã Hòa Bình"  # the workspace, not the earlier case


def _source_declaring_a_workspace(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str | None]:
    folder = tmp_path / "UBND xã Hòa Bình"
    assert run(capsys, "workspace", str(folder))[0] == 0
    source = make_case(tmp_path / "o-noi-khac" / "dot-1")
    with open(source / "case.yaml", "a", encoding="utf-8") as fh:
        fh.write("register: ../../UBND xã Hòa Bình\n")
    assert _issue(capsys, source, tmp_path / "cv.docx")[0] == 0
    return source, "../UBND xã Hòa Bình"  # the book the source numbers in, passed on


def _lone_source_that_issued(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str | None]:
    source = make_case(tmp_path / "dot-1")
    assert _issue(capsys, source, tmp_path / "cv.docx")[0] == 0
    return source, "../dot-1"  # the agency's book so far: continued, not restarted at 01


def _lone_source_that_never_issued(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str | None]:
    source = make_case(tmp_path / "dot-1")
    assert run(capsys, "forms", str(source), "-o", str(tmp_path / "phieu"))[0] == 0
    assert store_path(source).is_file()  # it has a store (the form key), but no number in it
    return source, None  # a template: the new case keeps its own book


def _shipped_sample_that_issued(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, str | None]:
    from dispatch_gen import init

    shipped = tmp_path / "chuong-trinh" / "data"
    source = make_case(shipped / "mau")
    assert _issue(capsys, source, tmp_path / "cv.docx")[0] == 0  # someone tried --issue on the sample
    monkeypatch.setattr(init, "SAMPLE_DIR", shipped / "cam-linh")  # as installed: samples in the program's data/
    return source, None


@pytest.mark.parametrize("source_of", [_source_in_workspace, _source_declaring_a_workspace, _lone_source_that_issued,
                                       _lone_source_that_never_issued, _shipped_sample_that_issued])
def test_init_from_points_the_new_round_at_the_agency_book_only(tmp_path, capsys, monkeypatch, source_of):
    import yaml

    source, expected = source_of(tmp_path, capsys, monkeypatch)
    target = tmp_path / "dot-2"
    code, stdout, err = run(capsys, "init", str(target), "--from", str(source))
    assert code == 0, err
    head = yaml.safe_load((target / "case.yaml").read_text(encoding="utf-8"))
    assert head.get("register") == expected
    book = open_case(target).entries()
    if expected is None:  # its own book, said so with the way to share one
        assert book == [] and "sổ văn bản đi riêng" in stdout and "workspace" in stdout
        assert not store_path(target).exists()
    else:
        assert [e.number_text for e in book] == ["01/UBND-VP"] and "sổ chung" in stdout


def test_init_inside_a_workspace_writes_no_register_line_whatever_the_source(tmp_path, capsys):
    import yaml

    source, _ = _lone_source_that_issued(tmp_path, capsys, None)
    folder = tmp_path / "UBND"
    assert run(capsys, "workspace", str(folder))[0] == 0
    assert run(capsys, "init", str(folder / "dot-2"), "--from", str(source))[0] == 0
    assert "register" not in yaml.safe_load((folder / "dot-2" / "case.yaml").read_text(encoding="utf-8"))


def test_restoring_the_workspace_state_folder_whole_is_caught_by_the_cases_copies(tmp_path, capsys):
    folder = tmp_path / "UBND xã Hòa Bình"
    assert run(capsys, "workspace", str(folder))[0] == 0
    first, second = make_case(folder / "dot-1"), make_case(folder / "dot-2")
    assert _issue(capsys, first, tmp_path / "cv.docx")[0] == 0
    state = store_path(folder).parent
    shutil.copytree(state, tmp_path / "sao-luu")  # the whole .dispatch-gen/, journal included
    assert _issue(capsys, first, tmp_path / "bc.docx", "report")[0] == 0
    assert _issue(capsys, second, tmp_path / "cv-2.docx")[0] == 0
    shutil.rmtree(state)
    shutil.copytree(tmp_path / "sao-luu", state)
    out = tmp_path / "dd.docx"
    code, _, err = _issue(capsys, second, out, "remind")
    assert code != 0 and not out.exists() and "02, 03" in err
    assert REGISTER_WITNESS in err and "dot-1" in err and "dot-2" in err  # the case copies that remember them
    for n in (2, 3):
        assert run(capsys, "register", str(second), "--void", str(n), "--year", "2026", "--reason", "mất")[0] == 0
    code, _, err = _issue(capsys, second, out, "remind")
    assert code == 0, err
    assert "Số: 04/UBND-VP" in text_of(out)


def test_a_case_brought_from_another_workspace_does_not_block_its_new_book(tmp_path, capsys):
    old, new = tmp_path / "UBND cũ", tmp_path / "UBND mới"
    for folder in (old, new):
        assert run(capsys, "workspace", str(folder))[0] == 0
    case = make_case(old / "dot-1")
    for n, command in enumerate(("dispatch", "report")):
        assert _issue(capsys, case, tmp_path / f"{n}.docx", command)[0] == 0
    moved = new / "dot-1"
    shutil.move(str(case), str(moved))  # its copy lists numbers 01, 02 of the OLD book
    assert (store_path(moved).parent / REGISTER_WITNESS).is_file()
    other = make_case(new / "dot-2")
    code, _, err = _issue(capsys, other, tmp_path / "x.docx")
    assert code == 0, err
    assert "Số: 01/UBND-VP" in text_of(tmp_path / "x.docx")

"""Issue 10 part A: one register per agency in a workspace, issuing every ND30 document, citations.

The case used here is built in the test and differs from the sample where the sample is convenient:
another commune, a ký hiệu with a unit part (UBND-VP), an urgency mark, 2026 dates.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from hardening import main_cli

from dispatch_gen.errors import DispatchGenError
from dispatch_gen.register import Document, draft_problems, issue, list_entries
from dispatch_gen.store import open_store, store_path
from dispatch_gen.workspace import open_case, workspace_of

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
SIGNED = "08/01/2026"


def make_case(folder: Path, place: str = "Hòa Bình", case_id: str | None = None, symbol: str = "UBND") -> Path:
    """A case of UBND xã <place>: ký hiệu UBND-VP, urgency KHẨN, January 2026, deadlines 20/01/2026."""
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    head = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    head["id"] = case_id or folder.name
    head["title"] = f"Rà soát tiêu chí nông thôn mới xã {place}, tháng 01/2026"
    head["agency"] = {"name_lines": ["Ủy ban nhân dân", f"xã {place}"], "full_name": f"Ủy ban nhân dân xã {place}",
                      "symbol": symbol, "place": place}
    (folder / "case.yaml").write_text(yaml.safe_dump(head, allow_unicode=True, sort_keys=False), encoding="utf-8")
    disp = yaml.safe_load((folder / "dispatch.yaml").read_text(encoding="utf-8"))
    disp.update(unit="VP", date="2026-01", urgency="KHẨN",
                subject="Rà soát, đánh giá mức độ đạt chuẩn các tiêu chí nông thôn mới năm 2026")
    for task in disp.get("tasks", []):
        if task.get("deadline"):
            task["deadline"] = "2026-01-20"
    (folder / "dispatch.yaml").write_text(yaml.safe_dump(disp, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


run = main_cli


def text_of(docx: Path) -> str:
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return " ".join(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml)).split())


def numbers(folder: Path) -> list[tuple[int, str, str]]:
    with open_store(folder) as st:
        return [(e.number, e.symbol, e.status) for e in list_entries(st)]


@pytest.fixture
def ws(tmp_path, capsys) -> Path:
    folder = tmp_path / "UBND xã Hòa Bình"  # spaces and Vietnamese letters, as on the clerk's machine
    assert run(capsys, "workspace", str(folder))[0] == 0
    return folder


# --- point 9: the signing date -----------------------------------------------------------------


def test_dispatch_issue_stamps_the_given_signing_date_not_the_clock(ws, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2026-03-15")
    case = make_case(ws / "ho-so-2026-01")
    out = tmp_path / "cv.docx"
    code, stdout, err = run(capsys, "dispatch", str(case), "-o", str(out), "--issue", "--date", SIGNED)
    assert code == 0, err
    assert "Đã cấp số 01/UBND-VP ngày 08/01/2026." in stdout
    body = text_of(out)
    assert "Số: 01/UBND-VP" in body and "Hòa Bình, ngày 08 tháng 01 năm 2026" in body
    assert "tháng 3" not in body
    [entry] = open_case(case).entries()
    assert (entry.issued_on, entry.case_id, entry.doc_key) == (dt.date(2026, 1, 8), "ho-so-2026-01", "dispatch")


def test_bad_signing_date_or_date_without_issue_is_refused_before_anything_is_written(ws, tmp_path, capsys):
    case = make_case(ws / "ho-so")
    out = tmp_path / "cv.docx"
    code, _, err = run(capsys, "dispatch", str(case), "-o", str(out), "--issue", "--date", "31/02/2026")
    assert code == 2 and "31/02/2026" in err and "dd/mm/yyyy" in err
    code, _, err = run(capsys, "dispatch", str(case), "-o", str(out), "--date", SIGNED)
    assert code == 2 and "--issue" in err
    code, _, err = run(capsys, "dispatch", str(case), "-o", str(out), "--issue", "--reason", "sai")
    assert code == 2 and "--reissue" in err
    assert not out.exists() and numbers(ws) == []


# --- point 11: drafts, repeats, overwrites -----------------------------------------------------


def _doc(subject: str, *texts: str) -> Document:
    return Document(case_id="c", key="dispatch", agency="UBND", symbol="UBND-VP", subject=subject, signer="X",
                    texts=texts)


@pytest.mark.parametrize("doc, found", [
    (_doc("Rà soát tiêu chí"), []),
    (_doc("   "), ["trích yếu đang để trống"]),
    (_doc("[Trích yếu nội dung công văn — cần sửa]"), ["«[Trích yếu nội dung công văn — cần sửa]»"]),
    (_doc("Rà soát", "Đoạn một.", "[Nội dung công văn — cần sửa. Mỗi đoạn]"), ["«[Nội dung công văn — cần sửa."]),
])
def test_draft_problems_name_the_empty_subject_and_each_placeholder(doc, found):
    problems = draft_problems(doc)
    assert len(problems) == len(found)
    for problem, expected in zip(problems, found, strict=True):
        assert expected in problem


def test_issue_refuses_a_fresh_round_with_placeholders_and_spends_no_number(ws, tmp_path, capsys):
    first = make_case(ws / "dot-1")
    code, _, err = run(capsys, "init", str(ws / "dot-2"), "--from", str(first))
    assert code == 0, err
    out = tmp_path / "cv.docx"
    code, _, err = run(capsys, "dispatch", str(ws / "dot-2"), "-o", str(out), "--issue", "--date", SIGNED)
    assert code == 1
    assert "chưa cấp số" in err and "cần sửa]" in err
    assert not out.exists() and numbers(ws) == []


def test_issuing_twice_needs_reissue_which_voids_the_first_number_and_never_overwrites(ws, tmp_path, capsys):
    case = make_case(ws / "ho-so")
    first, second = tmp_path / "cv-1.docx", tmp_path / "cv-2.docx"
    assert run(capsys, "dispatch", str(case), "-o", str(first), "--issue", "--date", SIGNED)[0] == 0
    issued = first.read_bytes()

    code, _, err = run(capsys, "dispatch", str(case), "-o", str(second), "--issue", "--date", "09/01/2026")
    assert code == 1 and "đã được cấp số 01/UBND-VP ngày 08/01/2026" in err and "--reissue" in err
    assert not second.exists()
    for args in (["--issue", "--reissue"], []):  # issued again or as a draft: the issued file is never written over
        code, _, err = run(capsys, "dispatch", str(case), "-o", str(first), *args)
        assert code == 1 and str(first) in err, args
        assert first.read_bytes() == issued
    assert numbers(ws) == [(1, "UBND-VP", "issued")]

    code, stdout, err = run(capsys, "dispatch", str(case), "-o", str(second), "--issue", "--date", "09/01/2026",
                            "--reissue", "--reason", "sai Kính gửi")
    assert code == 0, err
    assert "Số: 02/UBND-VP" in text_of(second) and first.read_bytes() == issued
    entries = open_case(case).entries()
    assert [(e.number, e.status, e.void_reason) for e in entries] == [(1, "voided", "sai Kính gửi"), (2, "issued", None)]


# --- point 4: report and reminder are issued through the one register --------------------------


def test_report_and_reminder_are_numbered_in_the_agency_register_with_their_unit_part(ws, tmp_path, capsys):
    case = make_case(ws / "ho-so")
    out = {k: tmp_path / f"{k}.docx" for k in ("cv", "bc", "dd")}
    assert run(capsys, "dispatch", str(case), "-o", str(out["cv"]), "--issue", "--date", SIGNED)[0] == 0
    code, stdout, err = run(capsys, "report", str(case), "-o", str(out["bc"]), "--as-of", "2026-01-22",
                            "--issue", "--date", "23/01/2026")
    assert code == 0, err
    assert "Đã cấp số 02/BC-UBND-VP ngày 23/01/2026." in stdout
    code, stdout, err = run(capsys, "remind", str(case), "-o", str(out["dd"]), "--as-of", "2026-01-21",
                            "--issue", "--date", "21/01/2026")
    assert code == 0, err
    assert "Cảnh báo: ngày ký 21/01/2026 sớm hơn ngày của số 02/BC-UBND-VP đã cấp (23/01/2026)" in err
    report, reminder = text_of(out["bc"]), text_of(out["dd"])
    assert "Số: 02/BC-UBND-VP" in report and "Hòa Bình, ngày 23 tháng 01 năm 2026" in report
    assert "(Kèm theo Báo cáo số 02/BC-UBND-VP ngày 23 tháng 01 năm 2026 của Ủy ban nhân dân xã Hòa Bình)" in report
    assert "Số: 03/UBND-VP" in reminder and "Hòa Bình, ngày 21 tháng 01 năm 2026" in reminder
    assert numbers(ws) == [(1, "UBND-VP", "issued"), (2, "BC-UBND-VP", "issued"), (3, "UBND-VP", "issued")]
    assert not store_path(case).exists() or open_store(case).register_rows() == []  # nothing in the case's own book

    again = tmp_path / "dd-2.docx"  # the same day's reminder again: a re-issue; another day's: a new letter
    code, _, err = run(capsys, "remind", str(case), "-o", str(again), "--as-of", "2026-01-21", "--issue")
    assert code == 1 and "03/UBND-VP" in err
    assert run(capsys, "remind", str(case), "-o", str(again), "--as-of", "2026-01-25", "--issue",
               "--date", "25/01/2026")[0] == 0
    assert "Số: 04/UBND-VP" in text_of(again)


def test_a_new_round_in_the_workspace_continues_the_numbering(ws, tmp_path, capsys):
    first = make_case(ws / "dot-1")
    assert run(capsys, "dispatch", str(first), "-o", str(tmp_path / "a.docx"), "--issue", "--date", SIGNED)[0] == 0
    second = make_case(ws / "dot-2")  # another case of the same agency in the same workspace
    assert run(capsys, "dispatch", str(second), "-o", str(tmp_path / "b.docx"), "--issue", "--date", "20/01/2026")[0] == 0
    assert "Số: 02/UBND-VP" in text_of(tmp_path / "b.docx")
    assert run(capsys, "dispatch", str(first), "-o", str(tmp_path / "c.docx"), "--issue", "--date", "20/01/2027")[0] == 1
    other_year = make_case(ws / "dot-3")
    assert run(capsys, "dispatch", str(other_year), "-o", str(tmp_path / "c.docx"), "--issue",
               "--date", "05/01/2027")[0] == 0
    assert "Số: 01/UBND-VP" in text_of(tmp_path / "c.docx")  # a new year starts at 01


def test_one_workspace_keeps_one_series_per_agency_symbol(ws, tmp_path, capsys):
    ubnd, party = make_case(ws / "ubnd"), make_case(ws / "dang-uy", symbol="ĐU")
    for case, out in ((ubnd, "a"), (party, "b")):
        assert run(capsys, "dispatch", str(case), "-o", str(tmp_path / f"{out}.docx"), "--issue", "--date", SIGNED)[0] == 0
    assert "Số: 01/UBND-VP" in text_of(tmp_path / "a.docx") and "Số: 01/ĐU-VP" in text_of(tmp_path / "b.docx")
    assert [(e.agency, e.number) for e in open_case(ubnd).entries()] == [("UBND", 1), ("ĐU", 1)]


def test_init_from_a_lone_case_names_its_register_so_the_next_round_does_not_restart_at_01(tmp_path, capsys):
    first = make_case(tmp_path / "rounds" / "dot-1")
    assert workspace_of(first) is None
    assert run(capsys, "dispatch", str(first), "-o", str(tmp_path / "a.docx"), "--issue", "--date", SIGNED)[0] == 0
    target = tmp_path / "elsewhere" / "dot 2"
    code, stdout, _ = run(capsys, "init", str(target), "--from", str(first))
    assert code == 0 and f"lấy số văn bản đi từ sổ chung của {first.resolve()}" in stdout
    head = yaml.safe_load((target / "case.yaml").read_text(encoding="utf-8"))
    assert head["register"] == "../../rounds/dot-1"
    assert workspace_of(target) == first.resolve()
    opened = open_case(target)
    assert [e.number_text for e in opened.entries()] == ["01/UBND-VP"]


# --- migration: per-case registers into the workspace ------------------------------------------


def test_existing_per_case_registers_move_into_a_new_workspace_without_losing_a_number(tmp_path, capsys):
    folder = tmp_path / "ubnd"
    a, b = make_case(folder / "dot-a"), make_case(folder / "dot-b")
    for case, days in ((a, ["05/01/2026", "06/01/2026", "07/01/2026"]), (b, ["10/01/2026", "11/01/2026"])):
        for n, day in enumerate(days):  # both lone cases number 01, 02…: the duplicates issue 10 describes
            out = tmp_path / f"{case.name}-{n}.docx"
            args = ["--reissue"] if n else []
            assert run(capsys, "dispatch", str(case), "-o", str(out), "--issue", "--date", day, *args)[0] == 0
    assert numbers(a) == [(1, "UBND-VP", "voided"), (2, "UBND-VP", "voided"), (3, "UBND-VP", "issued")]

    code, stdout, err = run(capsys, "workspace", str(folder))
    assert code == 0, err
    assert "3 số" in stdout and "2 số" in stdout
    with open_store(folder) as shared:
        kept = {(r["number"], r["source"]) for r in shared.register_rows()}
        duplicates = {(r["number"], r["source"]) for r in shared.register_imported_rows()}
    assert kept | duplicates == {(1, "dot-a"), (2, "dot-a"), (3, "dot-a"), (1, "dot-b"), (2, "dot-b")}
    assert len(kept) == 3 and len(duplicates) == 2  # every number kept; the clash recorded, not renumbered
    assert run(capsys, "workspace", str(folder))[0] == 0  # again: nothing imported twice
    with open_store(folder) as shared:
        assert len(shared.register_rows()) + len(shared.register_imported_rows()) == 5

    # b's dispatch is still known as issued (its citation and re-issue rule carry over), and the
    # next number of the agency-year follows every number either case used
    assert open_case(b).dispatch_entry().number_text == "02/UBND-VP"
    out = tmp_path / "report.docx"
    code, stdout, err = run(capsys, "report", str(b), "-o", str(out), "--as-of", "2026-01-22", "--issue",
                            "--date", "22/01/2026")
    assert code == 0, err
    assert "Số: 04/BC-UBND-VP" in text_of(out)
    listing = run(capsys, "register", str(a))[1].splitlines()
    assert re.search(r"Người ký +Hồ sơ +Tệp", listing[0])
    clash = [line for line in listing if "trùng số (sổ riêng của hồ sơ dot-b)" in line]
    assert len(clash) == 2 and all(line.split()[1] in ("01/UBND-VP", "02/UBND-VP") for line in clash)
    assert any("04/BC-UBND-VP" in line and "dot-b" in line for line in listing)
    book = run(capsys, "register", str(folder))[1].splitlines()
    assert book[:-1] == listing[:-1]  # the workspace's book itself; each ends with its own next step
    code, stdout, _ = run(capsys, "register", str(folder), "--json", "--year", "2026")
    assert code == 0 and len(json.loads(stdout)) == 6


def test_a_case_that_joins_a_workspace_later_brings_its_numbers_in(ws, tmp_path, capsys):
    lone = make_case(tmp_path / "lone")
    assert run(capsys, "dispatch", str(lone), "-o", str(tmp_path / "a.docx"), "--issue", "--date", SIGNED)[0] == 0
    moved = ws / "lone"
    shutil.move(str(lone), str(moved))
    other = make_case(ws / "other")
    assert run(capsys, "dispatch", str(other), "-o", str(tmp_path / "b.docx"), "--issue", "--date", SIGNED)[0] == 0
    # the moved case has not been opened yet: its number is not in the shared book, so 01 is taken twice;
    # opening it records that clash instead of hiding it, and numbering continues after both
    assert run(capsys, "register", str(moved))[0] == 0
    with open_store(ws) as shared:
        assert [(r["number"], r["source"]) for r in shared.register_imported_rows()] == [(1, "lone")]
    assert run(capsys, "dispatch", str(other), "-o", str(tmp_path / "c.docx"), "--issue", "--reissue")[0] == 0
    assert "Số: 02/UBND-VP" in text_of(tmp_path / "c.docx")


def test_a_register_path_that_is_not_a_workspace_names_the_field(tmp_path, capsys):
    case = make_case(tmp_path / "ho-so")
    with open(case / "case.yaml", "a", encoding="utf-8") as fh:
        fh.write("register: ../khong-co\n")
    code, _, err = run(capsys, "register", str(case))
    assert code != 0 and "case.yaml" in err and "register" in err and "khong-co" in err


# --- concurrency: two processes × 50 issues across two cases of one workspace -------------------


def _issue_many(case_dir: str, other_dir: str, tag: str, count: int) -> None:
    """Issue ``count`` documents alternating between two cases; every 7th render fails (voided)."""
    cases = [open_case(case_dir), open_case(other_dir)]
    for n in range(count):
        opened = cases[n % 2]
        doc = Document(case_id=opened.case.id, key=f"reminder:{tag}-{n}", agency="UBND", symbol="UBND-VP",
                       subject=f"Đôn đốc {tag} {n}", signer="Nguyễn Văn A")

        def render(number: int, day: dt.date, path: Path, n=n) -> Path:
            if n % 7 == 3:
                raise OSError("đĩa đầy")
            path.write_bytes(f"{number}".encode())
            return path

        out = Path(case_dir).parent / "out" / f"{tag}-{n}.docx"
        try:
            with opened.register() as reg:
                issue(reg, doc, out, render, dt.date(2026, 2, 1), opened.register_base)
        except OSError:
            pass


def test_two_processes_issuing_fifty_each_across_two_cases_leave_no_duplicate_and_no_gap(ws):
    a, b = make_case(ws / "dot-a"), make_case(ws / "dot-b")
    (ws / "out").mkdir()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_issue_many, args=(str(a), str(b), "p1", 50)),
             ctx.Process(target=_issue_many, args=(str(b), str(a), "p2", 50))]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0
    with open_store(ws) as shared:
        entries = list_entries(shared, agency="UBND", year=2026)
    assert [e.number for e in entries] == list(range(1, 101))  # 100 numbers, none twice, no gap
    voided = [e for e in entries if e.status == "voided"]
    assert len(voided) == 2 * len([n for n in range(50) if n % 7 == 3])
    assert all(e.void_reason.startswith("lỗi khi tạo văn bản: đĩa đầy") for e in voided)
    issued = [e for e in entries if e.status == "issued"]
    assert len(issued) == 100 - len(voided)
    for e in issued:  # each issued file holds its own number and is where the register says
        assert (ws / e.file).read_bytes() == str(e.number).encode()
    assert {e.case_id for e in entries} == {"dot-a", "dot-b"}
    assert not any(p.name.endswith(".tmp.docx") for p in (ws / "out").iterdir())


def test_issue_never_replaces_a_file_published_meanwhile(ws, tmp_path):
    case = make_case(ws / "ho-so")
    opened = open_case(case)
    out = tmp_path / "cv.docx"

    def render(number: int, day: dt.date, path: Path) -> Path:
        out.write_bytes(b"someone else's file")  # appears while the document renders
        path.write_bytes(b"issued")
        return path

    with opened.register() as reg, pytest.raises(DispatchGenError):
        issue(reg, opened.document("dispatch", opened.case.dispatch, []), out, render, dt.date(2026, 1, 8),
              opened.register_base)
    assert out.read_bytes() == b"someone else's file"
    [entry] = opened.entries()
    assert entry.status == "voided" and entry.void_reason.startswith("lỗi khi tạo văn bản")


# --- point 3: documents cite the issued dispatch; drafts show … everywhere ----------------------


def test_drafts_of_a_case_that_never_issued_create_no_store(tmp_path, capsys):
    case = make_case(tmp_path / "ho-so")  # a lone case, as the bundled sample is
    assert run(capsys, "dispatch", str(case), "-o", str(tmp_path / "cv.docx"))[0] == 0
    assert run(capsys, "dispatch", str(case), "-o", str(tmp_path / "cv.docx"))[0] == 0  # over its own draft
    assert not (case / ".dispatch-gen").exists()
    assert run(capsys, "forms", str(case), "-o", str(tmp_path / "phieu"))[0] == 0  # forms keep their key there
    assert open_case(case).entries() == []

ISSUED_CITE = "Công văn số 01/UBND-VP ngày 08 tháng 01 năm 2026"
DRAFT_CITE = "Công văn số …/UBND-VP ngày … tháng … năm …"


def _cited(case: Path, tmp_path: Path, capsys, tag: str) -> dict[str, str]:
    out = tmp_path / tag
    assert run(capsys, "forms", str(case), "-o", str(out / "phieu"))[0] == 0
    assert run(capsys, "report", str(case), "-o", str(out / "bc.docx"), "--as-of", "2026-01-22")[0] == 0
    assert run(capsys, "remind", str(case), "-o", str(out / "dd.docx"), "--as-of", "2026-01-21")[0] == 0
    texts = {p.name: text_of(p) for p in sorted((out / "phieu").glob("*.docx"))}
    return {**texts, "bc.docx": text_of(out / "bc.docx"), "dd.docx": text_of(out / "dd.docx")}


def test_forms_report_and_reminder_cite_the_issued_dispatch_and_a_draft_shows_blanks(ws, tmp_path, capsys):
    case = make_case(ws / "ho-so")
    reminder_draft = "Ngày … tháng … năm …, Ủy ban nhân dân xã ban hành Công văn số …/UBND-VP về việc"
    for name, body in _cited(case, tmp_path, capsys, "draft").items():
        assert (reminder_draft if name == "dd.docx" else DRAFT_CITE) in body, name
        assert "tháng 01 năm 2026 của Ủy ban" not in body, name
    assert run(capsys, "dispatch", str(case), "-o", str(tmp_path / "cv.docx"), "--issue", "--date", SIGNED)[0] == 0
    cited = _cited(case, tmp_path, capsys, "issued")
    for name, body in cited.items():
        assert "…/UBND" not in body, name
    forms = [b for n, b in cited.items() if n.endswith(".docx") and n not in ("bc.docx", "dd.docx")]
    assert forms and all(f"(Kèm theo {ISSUED_CITE} của Ủy ban nhân dân xã Hòa Bình)" in b for b in forms)
    assert f"Thực hiện {ISSUED_CITE} của" in cited["bc.docx"]
    assert "Ngày 08 tháng 01 năm 2026, Ủy ban nhân dân xã ban hành Công văn số 01/UBND-VP" in cited["dd.docx"]


def test_build_packages_the_issued_dispatch_byte_for_byte(ws, tmp_path, capsys, monkeypatch):
    from dispatch_gen import build as build_mod

    monkeypatch.setattr(build_mod, "_soffice", lambda: None)  # the .docx side; PDFs are converted from these
    case = make_case(ws / "ho-so")
    issued = tmp_path / "cv.docx"
    assert run(capsys, "dispatch", str(case), "-o", str(issued), "--issue", "--date", SIGNED)[0] == 0
    summary = build_mod.build(open_case(case), tmp_path / "out", as_of=dt.date(2026, 1, 21))
    assert summary.dispatch.read_bytes() == issued.read_bytes()
    assert all(f"(Kèm theo {ISSUED_CITE} của" in text_of(p) for p in summary.forms)

    issued.write_bytes(issued.read_bytes() + b"changed")  # the signed file was altered: warn, never package it
    summary = build_mod.build(open_case(case), tmp_path / "out2", as_of=dt.date(2026, 1, 21))
    assert any("01/UBND-VP" in w and "bị sửa" in w for w in summary.warnings)
    assert "Số: 01/UBND-VP" not in text_of(summary.dispatch)

    inside_out = tmp_path / "out3" / "cong-van.docx"  # issued straight into build's folder, then altered:
    inside_out.parent.mkdir()                           # the build warns and refuses to write over it
    code, _, err = run(capsys, "dispatch", str(case), "-o", str(inside_out), "--issue", "--reissue")
    assert code == 0, err
    inside_out.write_bytes(inside_out.read_bytes() + b"x")
    altered = inside_out.read_bytes()
    with pytest.raises(DispatchGenError, match="02/UBND-VP"):
        build_mod.build(open_case(case), inside_out.parent, as_of=dt.date(2026, 1, 21))
    assert inside_out.read_bytes() == altered


# --- point 10: init --from keeps report.yaml, drops per-document decisions -----------------------


def test_init_from_keeps_report_settings_and_drops_the_urgency_mark(ws, capsys):
    first = make_case(ws / "dot-1")
    settings = ("# người nhận, người ký của báo cáo\nreport:\n  signer: pho_chu_tich\n  unit: VP\n"
                "reminder:\n  days: 5\n").encode()
    (first / "report.yaml").write_bytes(settings)
    disp = yaml.safe_load((first / "dispatch.yaml").read_text(encoding="utf-8"))
    disp["confidentiality"] = "MẬT"
    (first / "dispatch.yaml").write_text(yaml.safe_dump(disp, allow_unicode=True), encoding="utf-8")
    assert run(capsys, "init", str(ws / "dot-2"), "--from", str(first))[0] == 0
    assert (ws / "dot-2" / "report.yaml").read_bytes() == settings
    fresh = yaml.safe_load((ws / "dot-2" / "dispatch.yaml").read_text(encoding="utf-8"))
    assert "urgency" not in fresh and "confidentiality" not in fresh
    assert fresh["unit"] == "VP"  # the ký hiệu's unit part is the agency's, not one letter's: kept
    assert "register" not in yaml.safe_load((ws / "dot-2" / "case.yaml").read_text(encoding="utf-8"))


# --- the second sample case (data/phong-lac) in a workspace: the whole numbered cycle --------------

PHONG_LAC = ROOT / "data" / "phong-lac"


@pytest.mark.skipif(not PHONG_LAC.is_dir(), reason="the second sample case is not in this checkout")
def test_phong_lac_cycle_numbers_every_document_in_one_book_and_cites_the_issued_dispatch(ws, tmp_path, capsys,
                                                                                            monkeypatch):
    from dispatch_gen import build as build_mod

    monkeypatch.setattr(build_mod, "_soffice", lambda: None)
    case = ws / "phong-lac-2026-01"
    shutil.copytree(PHONG_LAC, case, ignore=shutil.ignore_patterns(".dispatch-gen"))
    out = tmp_path / "out"
    out.mkdir()
    issued = out / "cong-van-01.docx"
    assert run(capsys, "dispatch", str(case), "-o", str(issued), "--issue", "--date", "09/01/2026")[0] == 0
    cite = "Công văn số 01/UBND-VP ngày 09 tháng 01 năm 2026"
    summary = build_mod.build(open_case(case), out / "build", as_of=dt.date(2026, 1, 23))
    assert summary.dispatch.read_bytes() == issued.read_bytes()
    assert summary.forms and all(f"(Kèm theo {cite} của" in text_of(p) for p in summary.forms)
    assert f"Thực hiện {cite} của" in text_of(summary.report)
    assert "Ngày 09 tháng 01 năm 2026, Ủy ban nhân dân xã ban hành Công văn số 01/UBND-VP" in text_of(summary.reminder)

    reminder, report = out / "don-doc.docx", out / "bao-cao.docx"
    code, stdout, err = run(capsys, "remind", str(case), "-o", str(reminder), "--as-of", "2026-01-23", "--issue",
                            "--date", "23/01/2026")
    assert code == 0, err
    code, stdout, err = run(capsys, "report", str(case), "-o", str(report), "--as-of", "2026-01-23", "--issue",
                            "--date", "26/01/2026")
    assert code == 0, err
    assert "Số: 02/UBND-VP" in text_of(reminder) and "Số: 03/BC-UBND-VP" in text_of(report)
    assert "(Kèm theo Báo cáo số 03/BC-UBND-VP ngày 26 tháng 01 năm 2026" in text_of(report)
    code, stdout, err = run(capsys, "check", str(issued), str(reminder), str(report))
    assert code == 0, stdout + err  # the numbered documents keep the ND30 layout

    nxt = ws / "phong-lac-2026-04"  # the next round: same book, report settings kept, urgency dropped
    assert run(capsys, "init", str(nxt), "--from", str(case))[0] == 0
    assert "urgency" not in yaml.safe_load((nxt / "dispatch.yaml").read_text(encoding="utf-8"))
    assert run(capsys, "dispatch", str(nxt), "-o", str(out / "cv-q2.docx"), "--issue")[0] == 1  # placeholders
    disp = yaml.safe_load((nxt / "dispatch.yaml").read_text(encoding="utf-8"))
    disp.update(subject="Rà soát tiêu chí nông thôn mới quý II năm 2026", body=[{"paragraph": "Đề nghị các đơn vị báo cáo."}])
    (nxt / "dispatch.yaml").write_text(yaml.safe_dump(disp, allow_unicode=True), encoding="utf-8")
    code, stdout, err = run(capsys, "dispatch", str(nxt), "-o", str(out / "cv-q2.docx"), "--issue", "--date", "06/04/2026")
    assert code == 0, err
    assert "Số: 04/UBND-VP" in text_of(out / "cv-q2.docx")  # not 01 again in the same agency-year
    with open_store(ws) as shared:
        assert [(e.number, e.case_id, e.doc_key) for e in list_entries(shared)] == [
            (1, "phong-lac-2026-01", "dispatch"), (2, "phong-lac-2026-01", "reminder:2026-01-23"),
            (3, "phong-lac-2026-01", "report"), (4, "phong-lac-2026-04", "dispatch")]


@pytest.mark.libreoffice
def test_the_pdf_package_opens_with_the_issued_dispatch(ws, tmp_path, capsys):
    from pypdf import PdfReader

    from dispatch_gen.build import build

    case = make_case(ws / "ho-so")
    issued = tmp_path / "cv.docx"
    assert run(capsys, "dispatch", str(case), "-o", str(issued), "--issue", "--date", SIGNED)[0] == 0
    summary = build(open_case(case), tmp_path / "out", as_of=dt.date(2026, 1, 21))
    first = " ".join(PdfReader(summary.package).pages[0].extract_text().split())
    assert "Số: 01/UBND-VP" in first and "ngày 08 tháng 01 năm 2026" in first

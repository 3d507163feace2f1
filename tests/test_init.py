"""init: a new case from the sample or from an earlier round; state never copied; fresh dispatch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from dispatch_gen.case.records import STATE_DIR, load_case
from dispatch_gen.cli import main
from dispatch_gen.errors import OutputError, RecordError
from dispatch_gen.init import NEW_BODY, NEW_SUBJECT, NEW_TITLE, init_case
from dispatch_gen.workbook import WORKBOOK

TODAY = dt.date(2025, 3, 4)


def _names(folder: Path) -> list[str]:
    """Record files of a case: not its state, nor the sample's inbox of filled forms (not records)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (STATE_DIR, "inbox"))


def test_default_copies_the_sample_verbatim_under_its_own_id(sample_case, tmp_path):
    case = init_case(tmp_path / "Hồ sơ mới")
    assert _names(case) == _names(sample_case)
    assert not (case / STATE_DIR).exists()
    assert not (case / "inbox").exists()  # a new case starts with no received forms
    for path in sample_case.iterdir():
        if path.is_file() and path.name != "case.yaml":
            assert (case / path.name).read_bytes() == path.read_bytes()
    # case.yaml: the sample's text and comments, only the id is the folder's (review: two copies of the
    # sample shared the sample's id, so the register took the second's dispatch for the first's)
    old, new = ((p / "case.yaml").read_text(encoding="utf-8").splitlines() for p in (sample_case, case))
    assert [a for a, b in zip(old, new, strict=True) if a != b] == ["id: cam-linh-2024-11"]
    assert "id: ho-so-moi" in new
    assert load_case(case).model_dump() == {**load_case(sample_case).model_dump(), "id": "ho-so-moi"}


def test_two_cases_from_the_sample_in_one_workspace_get_their_own_numbers(tmp_path, capsys):
    folder = tmp_path / "UBND xã Đắk Rơ Wa"
    main(["workspace", str(folder)])
    numbers = []
    for n, name in enumerate(("đợt 1", "đợt 2"), start=1):
        main(["init", str(folder / name)])
        capsys.readouterr()
        main(["dispatch", str(folder / name), "-o", str(tmp_path / f"{n}.docx"), "--issue", "--date", f"0{n}/11/2024"])
        numbers.append(capsys.readouterr().out)
    assert "Đã cấp số 01/UBND" in numbers[0] and "Đã cấp số 02/UBND" in numbers[1]


def test_from_an_earlier_case_keeps_records_and_starts_a_fresh_dispatch(case_copy, tmp_path):
    state = case_copy / STATE_DIR
    (state / "archive").mkdir(parents=True)
    (state / "case.sqlite").write_bytes(b"register")
    (case_copy / "cong-van.docx").write_bytes(b"old output")
    old = load_case(case_copy)

    case_dir = init_case(tmp_path / "dot-2-2025", source=case_copy, today=TODAY)
    assert not (case_dir / STATE_DIR).exists() and not (case_dir / "cong-van.docx").exists()
    assert _names(case_dir) == ["assignments.yaml", "case.yaml", "criteria.yaml", "dispatch.yaml",
                                "dossier.csv", "officers.csv", "villages.csv"]
    new = load_case(case_dir)
    assert new.id == "dot-2-2025" and new.title == NEW_TITLE
    for field in ("agency", "signers", "collector", "officers", "villages", "commune_criteria", "village_criteria"):
        assert getattr(new, field) == getattr(old, field), field
    d = new.dispatch
    assert (d.number, d.date.year, d.date.month, d.date.day) == (None, 2025, 3, None)
    assert d.subject == NEW_SUBJECT and [b.text for b in d.body] == [NEW_BODY]
    assert d.recipients == old.dispatch.recipients and d.noi_nhan == old.dispatch.noi_nhan
    assert d.signer == old.dispatch.signer
    assert [t.id for t in d.tasks] == [t.id for t in old.dispatch.tasks]
    assert all(t.deadline is None for t in d.tasks)
    assert [t.model_dump(exclude={"deadline"}) for t in d.tasks] == \
        [t.model_dump(exclude={"deadline"}) for t in old.dispatch.tasks]
    text = (case_dir / "dispatch.yaml").read_text(encoding="utf-8")
    assert "date: 2025-03\n" in text and "deadline:" not in text and "number" not in text


def test_from_a_workbook_case_regenerates_the_workbook_without_old_deadlines(tmp_path):
    first = init_case(tmp_path / "first", xlsx=True)
    book = openpyxl.load_workbook(first / WORKBOOK)
    assert book["Nhiệm vụ"]["F2"].value is not None
    second = init_case(tmp_path / "second", source=first, today=TODAY)
    assert _names(second) == ["case.yaml", "dispatch.yaml", WORKBOOK]
    book = openpyxl.load_workbook(second / WORKBOOK)
    assert book["Nhiệm vụ"]["F2"].value is None and book["Nhiệm vụ"]["A2"].value == "bao-cao-thon"
    case = load_case(second)
    assert case.villages == load_case(first).villages and case.dispatch.subject == NEW_SUBJECT
    assert "recipients" not in (second / "dispatch.yaml").read_text(encoding="utf-8")


def test_refuses_a_non_empty_target_and_writes_nothing(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="thư mục đích đã có nội dung"):
        init_case(target)
    assert _names(target) == ["notes.txt"]
    init_case(tmp_path / "empty-but-existing")  # an existing empty folder is fine
    (tmp_path / "empty").mkdir()
    assert (init_case(tmp_path / "empty") / "case.yaml").exists()


def test_refuses_a_broken_source_before_writing(case_copy, tmp_path):
    (case_copy / "villages.csv").write_text("code,name\nthon-01,\n", encoding="utf-8")
    with pytest.raises(RecordError, match="villages.csv › dòng 2 › name"):
        init_case(tmp_path / "new", source=case_copy)
    assert not (tmp_path / "new").exists()


def test_cli_init_xlsx_prints_next_steps_in_vietnamese(tmp_path, capsys):
    target = tmp_path / "moi"
    main(["init", str(target), "--xlsx"])
    out = capsys.readouterr().out
    assert f"Đã tạo hồ sơ mới: {target}" in out
    assert f"Sửa danh sách (thôn, cán bộ, tiêu chí, phân công, hồ sơ, kính gửi, nhiệm vụ) trong {target / WORKBOOK}" in out
    assert f"dispatch-gen dispatch {target} -o" in out
    assert _names(target) == ["case.yaml", "dispatch.yaml", WORKBOOK]

    with pytest.raises(SystemExit) as info:
        main(["init", str(target)])
    assert info.value.code == 1
    assert capsys.readouterr().err.strip() == f"Lỗi: {target}: thư mục đích đã có nội dung; hãy chọn một thư mục mới hoặc rỗng"

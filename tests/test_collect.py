"""Collect, status and export on real generated forms filled the way Word saves them.

Forms are generated once per module; every test works on its own copy of the case. Values carry
``& < > "`` and line breaks; what comes out of ``export`` must be exactly what was filled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
import threading
import zipfile
from pathlib import Path

import docx
import fillers
import openpyxl
import pytest
from click.testing import CliRunner
from fillers import fill_like_word

from dispatch_gen.case.records import load_case
from dispatch_gen.cli import cli
from dispatch_gen.collect.stage import collect, find_files
from dispatch_gen.export import FIELDS, export
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.status import status
from dispatch_gen.store import open_store, store_path
from dispatch_gen.workspace import OpenedCase, open_case

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"
TRICKY = 'Đường & cống <km 2> "đạt" 100%\nDòng hai: {{ x }} {% y %}\n  thụt lề'


def answers_for(spec, seed: str = "", skip: tuple[str, ...] = ()) -> dict[str, object]:
    """Answers for every field, with the tricky text (``& < > "``, ``{{ }}``, line breaks)."""
    return fillers.answers_for(spec, seed, skip, text=TRICKY.splitlines()[0], multiline=TRICKY)


def expected_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture
def work(tmp_path, case_copy):
    """A case copy and an inbox folder for received files."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return case_copy, inbox


def put(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def submissions(case_dir: Path) -> list[tuple]:
    con = sqlite3.connect(store_path(case_dir))
    try:
        return con.execute("SELECT unit, file_name, sha256, status, received_at, archive_path, reason"
                           " FROM submissions ORDER BY id").fetchall()
    finally:
        con.close()


def run_collect(case, case_dir, paths, received=None):
    return collect(OpenedCase.of(case, case_dir), paths, received)


def export_json(case, case_dir, tmp_path) -> list[dict]:
    out = export(OpenedCase.of(case, case_dir), tmp_path / "answers.json")
    return json.loads(out.read_text(encoding="utf-8"))


# --- round trip


def test_filled_values_come_back_exactly_json_and_xlsx(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    filled = {}
    for unit in ("thon-01", "tc-02", "nhom-ii"):
        filled[unit] = answers_for(specs[unit], seed=f"{unit}: ")
        put(inbox, f"{unit}.docx", fill_like_word(blank_forms[unit], filled[unit]))
    result = run_collect(case, case_dir, [inbox], dt.date(2024, 11, 20))
    assert [f.outcome for f in result.files] == ["accepted"] * 3, [f.reason for f in result.files]
    assert all(not f.warnings for f in result.files)

    records = export_json(case, case_dir, tmp_path)
    assert all(list(r) == list(FIELDS) for r in records)
    got = {(r["unit"], r["field"]): r["value"] for r in records}
    want = {(u, tag): expected_value(v) for u, vals in filled.items() for tag, v in vals.items()}
    assert got == want
    assert {r["file"] for r in records} == {"thon-01.docx", "tc-02.docx", "nhom-ii.docx"}
    assert all(r["received_at"].startswith("2024-11-20T") for r in records)
    assert any("\n" in v and "&" in v and "<" in v and '"' in v for v in got.values() if isinstance(v, str))
    # form order: units as expected_units, fields as the spec asks them
    assert [r["field"] for r in records if r["unit"] == "tc-02"] == [f.tag for f in specs["tc-02"].fields]

    # issue 13: Excel is for people, one row per unit and table row
    xlsx = export(OpenedCase.of(case, case_dir), tmp_path / "answers.xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[:2] == ["Tiêu chí thôn", "Chỉ tiêu xã"] and "Theo dõi nhóm" in book.sheetnames
    kdc = list(book["Tiêu chí thôn"].iter_rows(values_only=True))
    assert kdc[0][:4] == ("Đơn vị", "Mã", "Tiêu chí", "Tự đánh giá")
    assert len(kdc) - 1 == len(specs["thon-01"].section("kdc").rows) and {r[0] for r in kdc[1:]} == {"Thôn 1"}
    for row in kdc[1:]:  # the answer typed for that criterion, under its own header, not a tag
        assert row[3] == got[("thon-01", f"kdc.{row[1]}.dat")]
    dates = [c for r in book["Tiêu chí thôn"].iter_rows(min_row=2) for c in r if isinstance(c.value, dt.datetime)]
    assert dates and all(c.number_format.startswith("DD/MM/YYYY") for c in dates)
    assert not any("kdc." in str(c) for r in kdc for c in r)


def test_xlsx_never_writes_a_formula(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    spec = specs["thon-02"]
    text_tag = next(f.tag for f in spec.fields if f.kind == "text")
    values = answers_for(spec) | {text_tag: '=HYPERLINK("http://x","y")'}
    run_collect(case, case_dir, [put(inbox, "t2.docx", fill_like_word(blank_forms["thon-02"], values))])
    xlsx = export(OpenedCase.of(case, case_dir), tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == '=HYPERLINK("http://x","y")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_export_refuses_other_suffix(case, work, tmp_path):
    case_dir, _ = work
    result = CliRunner().invoke(cli, ["export", str(case_dir), "-o", str(tmp_path / "a.csv")])
    assert result.exit_code == 1
    assert not (tmp_path / "a.csv").exists()


# --- archive and duplicates


def test_archive_keeps_original_bytes(case, specs, blank_forms, work):
    case_dir, inbox = work
    data = fill_like_word(blank_forms["thon-03"], answers_for(specs["thon-03"]))
    src = put(inbox, "Báo cáo thôn 3 (bản cuối)!.docx", data)
    (outcome,) = run_collect(case, case_dir, [src]).files
    sha = hashlib.sha256(data).hexdigest()
    assert outcome.outcome == "accepted" and outcome.sha256 == sha
    assert outcome.archive.read_bytes() == data
    assert outcome.archive.parent == (case_dir / ".dispatch-gen" / "archive" / "thon-03").resolve()
    assert outcome.archive.name == f"{sha}.docx"  # content-addressed: the received name is only in the store
    (row,) = submissions(case_dir)
    assert row[1] == "Báo cáo thôn 3 (bản cuối)!.docx" and row[2] == sha
    assert row[5] == outcome.archive.relative_to(case_dir.resolve()).as_posix()


def test_same_file_twice_changes_nothing(case, specs, blank_forms, work):
    case_dir, inbox = work
    src = put(inbox, "t4.docx", fill_like_word(blank_forms["thon-04"], answers_for(specs["thon-04"])))
    first = run_collect(case, case_dir, [src])
    before = submissions(case_dir)
    archive = sorted((case_dir / ".dispatch-gen" / "archive").rglob("*"))
    second = run_collect(case, case_dir, [src, inbox])  # named twice: as a file and via its folder
    assert first.files[0].outcome == "accepted"
    assert [f.outcome for f in second.files] == ["duplicate"]
    assert second.files[0].reason == "đã nhận trước đó, không thay đổi"
    assert submissions(case_dir) == before
    assert sorted((case_dir / ".dispatch-gen" / "archive").rglob("*")) == archive


def test_renamed_file_is_recognised_by_its_identity(case, specs, blank_forms, work):
    case_dir, inbox = work
    data = fill_like_word(blank_forms["tc-05"], answers_for(specs["tc-05"]))
    src = put(inbox, "scan_0001 - Copy.DOCX", data)
    (outcome,) = run_collect(case, case_dir, [src]).files
    assert (outcome.outcome, outcome.unit) == ("accepted", "tc-05")
    renamed = put(inbox, "gui-lai.docx", data)
    assert run_collect(case, case_dir, [renamed]).files[0].outcome == "duplicate"


def test_newer_version_supersedes_older_kept_as_history(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    spec = specs["thon-05"]
    v1 = put(inbox, "v1.docx", fill_like_word(blank_forms["thon-05"], answers_for(spec, "v1 ")))
    v2 = put(inbox, "v2.docx", fill_like_word(blank_forms["thon-05"], answers_for(spec, "v2 ")))
    v0 = put(inbox, "v0.docx", fill_like_word(blank_forms["thon-05"], answers_for(spec, "v0 ")))
    assert run_collect(case, case_dir, [v1], dt.date(2024, 11, 20)).files[0].outcome == "accepted"
    assert run_collect(case, case_dir, [v2], dt.date(2024, 11, 22)).files[0].outcome == "accepted"
    late_old = run_collect(case, case_dir, [v0], dt.date(2024, 11, 19)).files[0]  # arrived earlier
    assert late_old.outcome == "superseded" and "lịch sử" in late_old.reason
    rows = submissions(case_dir)
    assert [(r[1], r[3]) for r in rows] == [("v1.docx", "superseded"), ("v2.docx", "accepted"),
                                            ("v0.docx", "superseded")]
    assert all((case_dir / r[5]).is_file() for r in rows)  # every version archived
    records = export_json(case, case_dir, tmp_path)
    assert {r["file"] for r in records} == {"v2.docx"}
    texts = [r["value"] for r in records if isinstance(r["value"], str) and r["value"].startswith("v")]
    assert texts and all(v.startswith("v2 ") for v in texts)


# --- rejections


def _other_case_form(tmp_path) -> bytes:
    other = tmp_path / "other-case"
    shutil.copytree(SAMPLE, other, ignore=shutil.ignore_patterns(".dispatch-gen"))
    yaml_path = other / "case.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace("id: cam-linh-2024-11",
                                                                       "id: cam-my-2024-11"), encoding="utf-8")
    other_case = load_case(other)
    paths = make_forms(other_case, tmp_path / "other-forms")
    data = next(p.read_bytes() for p in paths if p.name.startswith("thon-01"))
    return fill_like_word(data, answers_for(form_specs(other_case)["thon-01"]))


def _non_form() -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Biên bản họp thôn")
    d.save(buf)
    return buf.getvalue()


def test_bad_files_are_rejected_one_line_each_and_the_rest_collected(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    good = fill_like_word(blank_forms["thon-06"], answers_for(specs["thon-06"]))
    put(inbox, "a-good.docx", good)
    put(inbox, "b-random.docx", _non_form())
    put(inbox, "c-truncated.docx", good[: len(good) // 2])
    put(inbox, "d-other-case.docx", _other_case_form(tmp_path))
    put(inbox, "e-notes.txt", b"ghi chu")
    put(inbox, "f-empty.docx", b"")
    result = run_collect(case, case_dir, [inbox])
    by_name = {f.path.name: f for f in result.files}
    assert by_name["a-good.docx"].outcome == "accepted"
    reasons = {n: f.reason for n, f in by_name.items() if f.outcome == "rejected"}
    assert set(reasons) == {"b-random.docx", "c-truncated.docx", "d-other-case.docx", "f-empty.docx"}
    assert reasons["b-random.docx"] == "không phải phiếu của dispatch-gen"
    assert "hỏng" in reasons["c-truncated.docx"]
    assert "cam-my-2024-11" in reasons["d-other-case.docx"]
    assert all("\n" not in r for r in reasons.values())
    assert any("e-notes.txt" in n for n in result.notes)
    statuses = [r[3] for r in submissions(case_dir)]
    assert statuses.count("accepted") == 1 and statuses.count("rejected") >= 3


SECOND = SAMPLE.parent / "phong-lac"


@pytest.mark.parametrize("this, other", [(SAMPLE, SECOND), (SECOND, SAMPLE)], ids=["cam-linh", "phong-lac"])
def test_a_form_of_another_case_is_refused_in_words_the_clerk_recognises(tmp_path, this, other):
    """The reason named two internal codes («phong-lac-2026-01», «cam-linh-2024-11»): it now names this
    case by its title and trích yếu, and the form's own case by the code it carries."""
    case_dir = tmp_path / "this case"
    shutil.copytree(this, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    theirs = load_case(other)
    specs = form_specs(theirs)
    unit = next(iter(specs))  # their first unit's form, filled as Word saves it
    form = next(p for p in make_forms(theirs, tmp_path / "their forms") if p.stem.startswith(unit + "-"))
    sent = put(tmp_path, "phiếu thôn 1.docx", fill_like_word(form.read_bytes(), answers_for(specs[unit])))
    result = CliRunner().invoke(cli, ["collect", str(case_dir), str(sent)])
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("✗ phiếu thôn 1.docx: ")]
    ours = load_case(case_dir)
    assert f"«{ours.title}»" in line and f"«{ours.dispatch.subject}»" in line, line
    assert f"«{theirs.id}»" in line and f"«{ours.id}»" not in line, line  # its code only: all the form carries
    assert "phiếu phát kèm công văn này" in line, line
    printed = form_specs(theirs)[unit].attachment.strip("()")  # what the form prints: the clerk knows that letter
    assert printed.startswith("Kèm theo ") and f"ghi «{printed}»" in line, line
    assert submissions(case_dir)[0][3] == "rejected"


def _rewrite(data: bytes, edit) -> bytes:
    """Copy a .docx zip, letting ``edit(name, bytes)`` change parts (None drops one); extra parts via edit(None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = edit(info.filename, src.read(info))
            if new is not None:
                z.writestr(info.filename, new)
        for name, extra in (edit(None, b"") or {}).items():
            z.writestr(name, extra)
    return out.getvalue()


def test_version_mismatch_is_rejected_and_a_bad_option_kept_and_flagged(case, specs, blank_forms, work):
    case_dir, inbox = work
    spec = specs["thon-07"]
    good = fill_like_word(blank_forms["thon-07"], answers_for(spec))
    newer = _rewrite(good, lambda n, b: b.replace(b">1<", b">99<") if n == "docProps/custom.xml" else
                     (None if n is None else b))
    first = spec.fields[0]
    assert first.kind == "dropdown"
    bad_option = _rewrite(good, lambda n, b: None if n is None else (
        b.replace(first.options[0].encode(), "Gần đạt".encode()) if n == "word/document.xml" else b))
    paths = [put(inbox, "newer.docx", newer), put(inbox, "option.docx", bad_option)]
    result = run_collect(case, case_dir, paths)
    assert [f.outcome for f in result.files] == ["rejected", "accepted"]
    assert "phiên bản 99" in result.files[0].reason and result.files[0].unit == "thon-07"
    # issue 11: a bad answer doesn't sink the form; it is kept as typed and flagged
    assert result.files[1].unit == "thon-07"
    assert any("cần làm rõ" in w and "Gần đạt" in w for w in result.files[1].warnings)
    # a refused file from a known unit is archived as evidence too
    assert all(f.archive and f.archive.read_bytes() == p.read_bytes() for f, p in zip(result.files, paths, strict=True))
    before = submissions(case_dir)
    again = run_collect(case, case_dir, paths)  # still refused, but not recorded twice
    assert [f.outcome for f in again.files] == ["rejected", "duplicate"] and submissions(case_dir) == before


def test_older_form_version_read_by_tags_is_accepted_with_warning(case, specs, blank_forms, work):
    case_dir, inbox = work
    good = fill_like_word(blank_forms["tc-06"], answers_for(specs["tc-06"]))
    older = _rewrite(good, lambda n, b: b.replace(b">1<", b">0<") if n == "docProps/custom.xml" else
                     (None if n is None else b))
    (outcome,) = run_collect(case, case_dir, [put(inbox, "old.docx", older)]).files
    assert outcome.outcome == "accepted"
    assert any("phiên bản 0" in w for w in outcome.warnings)


def test_partial_form_is_accepted_with_warning(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    spec = specs["tc-03"]
    required = [f for f in spec.fields if f.required]
    left_empty = required[:2]
    optional_empty = tuple(f.tag for f in spec.fields if not f.required and f.kind == "multiline")
    values = answers_for(spec, skip=tuple(f.tag for f in left_empty) + optional_empty)
    (outcome,) = run_collect(case, case_dir, [put(inbox, "p.docx", fill_like_word(blank_forms["tc-03"], values))]).files
    assert outcome.outcome == "accepted"
    (warning,) = outcome.warnings
    # issue 11: a partial form, what it lacks said in words (column: rows), not as tags
    assert outcome.submission == "partial" and warning.startswith("phiếu chưa đủ, còn thiếu:")
    assert outcome.missing == ("Hiện trạng (kết quả đến thời điểm báo cáo): chỉ tiêu 3.1", "Tự đánh giá: chỉ tiêu 3.1")
    assert [(f.column, f.row) for f in left_empty] == [("hien_trang", "3.1"), ("dat", "3.1")]
    records = {r["field"]: r["value"] for r in export_json(case, case_dir, tmp_path)}
    assert len(records) == len(spec.fields)  # one record per field, empty ones as null
    assert all(records[f.tag] is None for f in left_empty)


@pytest.mark.parametrize("kind", ["zip_bomb", "docm", "xxe"])
def test_hostile_files_are_rejected(case, specs, blank_forms, work, kind):
    case_dir, inbox = work
    good = fill_like_word(blank_forms["thon-08"], answers_for(specs["thon-08"]))
    if kind == "zip_bomb":
        data = _rewrite(good, lambda n, b: {"word/media/big.bin": b"\0" * (60 * 1024 * 1024)} if n is None else b)
    elif kind == "docm":
        data = _rewrite(good, lambda n, b: {"word/vbaProject.bin": b"VBA"} if n is None else b)
    else:
        xxe = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
               b"&x;</Properties>")
        data = _rewrite(good, lambda n, b: None if n is None else (xxe if n == "docProps/custom.xml" else b))
    assert len(data) < 1024 * 1024
    (outcome,) = run_collect(case, case_dir, [put(inbox, f"{kind}.docx", data)]).files
    assert outcome.outcome == "rejected" and "\n" not in outcome.reason
    assert "root:" not in outcome.reason


# --- status


def test_status_states(case, specs, blank_forms, work):
    case_dir, inbox = work
    fill = lambda u: fill_like_word(blank_forms[u], answers_for(specs[u]))  # noqa: E731
    run_collect(case, case_dir, [put(inbox, "1.docx", fill("thon-01"))], dt.date(2024, 11, 23))
    run_collect(case, case_dir, [put(inbox, "2.docx", fill("thon-02"))], dt.date(2024, 11, 25))
    newer = _rewrite(fill("thon-03"), lambda n, b: b.replace(b">1<", b">99<")
                     if n == "docProps/custom.xml" else (None if n is None else b))
    run_collect(case, case_dir, [put(inbox, "3.docx", newer)], dt.date(2024, 11, 21))
    run_collect(case, case_dir, [put(inbox, "g.docx", fill("nhom-i"))], dt.date(2024, 12, 30))
    with open_store(case_dir) as db:
        rows = {r.unit: r for r in status(case, db, dt.date(2024, 12, 31))}
        early = {r.unit: r for r in status(case, db, dt.date(2024, 11, 22))}
    assert list(rows) == list(specs)  # every expected unit with a form, in order
    assert rows["thon-01"].state == "on_time" and rows["thon-01"].received_at.startswith("2024-11-23")
    assert rows["thon-02"].state == "late"
    assert rows["thon-03"].state == "rejected" and "99" in rows["thon-03"].reason
    assert rows["thon-04"].state == "missing" and rows["thon-04"].detail == "overdue"
    assert rows["nhom-i"].state == "on_time"  # no deadline: judged by receipt only
    assert rows["nhom-ii"].state == "missing" and rows["nhom-ii"].detail is None
    # as of 22/11: thon-01 and thon-02 had not arrived yet, and the deadline had not passed
    assert early["thon-01"].state == "missing" and early["thon-01"].detail == "not_due"
    assert early["thon-03"].state == "rejected"


def test_correction_after_deadline_keeps_unit_on_time(case, specs, blank_forms, work):
    case_dir, inbox = work
    spec = specs["tc-01"]
    run_collect(case, case_dir, [put(inbox, "a.docx", fill_like_word(blank_forms["tc-01"], answers_for(spec, "a")))],
                dt.date(2024, 11, 22))
    run_collect(case, case_dir, [put(inbox, "b.docx", fill_like_word(blank_forms["tc-01"], answers_for(spec, "b")))],
                dt.date(2024, 11, 28))
    with open_store(case_dir) as db:
        (row,) = [r for r in status(case, db, dt.date(2024, 12, 1)) if r.unit == "tc-01"]
    assert row.state == "on_time" and row.file == "b.docx" and row.updated_at.startswith("2024-11-28")


# --- CLI


def test_cli_collect_status_export(case, specs, blank_forms, work, tmp_path):
    case_dir, inbox = work
    runner = CliRunner()
    put(inbox, "tc-04.docx", fill_like_word(blank_forms["tc-04"], answers_for(specs["tc-04"])))
    ok = runner.invoke(cli, ["collect", str(case_dir), str(inbox), "--received", "2024-11-21"])
    assert ok.exit_code == 0, ok.output
    assert "✓ tc-04.docx" in ok.output
    again = runner.invoke(cli, ["collect", str(case_dir), str(inbox / "tc-04.docx")])
    assert again.exit_code == 0 and "= tc-04.docx: đã nhận trước đó" in again.output
    put(inbox, "junk.docx", _non_form())
    bad = runner.invoke(cli, ["collect", str(case_dir), str(inbox), "--received", "2024-11-21"])
    assert bad.exit_code == 1 and "✗ junk.docx: không phải phiếu của dispatch-gen" in bad.output
    invalid = runner.invoke(cli, ["collect", str(case_dir), str(inbox), "--received", "2024-02-30"])
    assert invalid.exit_code == 2
    future = runner.invoke(cli, ["collect", str(case_dir), str(inbox), "--received", "2999-01-01"])
    assert future.exit_code == 2 and "01/01/2999" in future.output

    js = runner.invoke(cli, ["status", str(case_dir), "--as-of", "2024-11-30", "--json"])
    assert js.exit_code == 0, js.output
    data = json.loads(js.output)
    assert len(data) == len(specs)
    assert all({"unit", "name", "form", "state", "received_at"} <= set(r) for r in data)
    assert {r["state"] for r in data} <= {"on_time", "late", "missing", "rejected"}
    assert next(r for r in data if r["unit"] == "tc-04")["state"] == "on_time"
    table = runner.invoke(cli, ["status", str(case_dir), "--as-of", "2024-11-30"])
    assert table.exit_code == 0 and "đúng hạn" in table.output and "chưa nộp" in table.output

    out = tmp_path / "ket-qua.json"
    ex = runner.invoke(cli, ["export", str(case_dir), "-o", str(out)])
    assert ex.exit_code == 0, ex.output
    assert {r["unit"] for r in json.loads(out.read_text(encoding="utf-8"))} == {"tc-04"}


# --- robustness


def test_two_collect_runs_at_once_lose_nothing(case, specs, blank_forms, work):
    case_dir, inbox = work
    a, b = inbox / "a", inbox / "b"
    a.mkdir()
    b.mkdir()
    units = ["thon-01", "thon-02", "tc-01", "tc-02", "tc-03", "tc-04"]
    for i, u in enumerate(units):
        put(a if i % 2 else b, f"{u}.docx", fill_like_word(blank_forms[u], answers_for(specs[u])))
    put(a, "shared.docx", (b / "thon-01.docx").read_bytes())  # same bytes in both runs
    errors = []

    def run(folder):
        try:
            collect(open_case(case_dir), [folder])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in (a, b)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    rows = submissions(case_dir)
    assert sorted(r[0] for r in rows if r[3] == "accepted") == sorted(units)
    assert len(rows) == len(units)  # the shared copy was taken once


def test_store_refuses_deleting_history(case, specs, blank_forms, work):
    case_dir, inbox = work
    run_collect(case, case_dir, [put(inbox, "x.docx", fill_like_word(blank_forms["thon-01"],
                                                                     answers_for(specs["thon-01"])))])
    con = sqlite3.connect(store_path(case_dir))
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM submissions")
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE submissions SET sha256 = ?", ("0" * 64,))
    con.close()


def test_find_files_skips_lock_files_and_notes_others(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.docx", "sub/b.DOCX", "~$a.docx", ".hidden.docx", "c.pdf", "received.csv"):
        (tmp_path / name).write_bytes(b"x")
    files, notes = find_files([tmp_path])
    # issue 11: a .pdf sent back instead of the form is taken in (to be refused with advice, and counted)
    assert sorted(p.name for p in files) == ["a.docx", "b.DOCX", "c.pdf"]
    assert len(notes) == 1 and "received.csv" in notes[0]


def test_crash_between_archive_and_store_leaves_no_row_and_recovers(case, specs, blank_forms, work, monkeypatch):
    case_dir, inbox = work
    data = fill_like_word(blank_forms["tc-07"], answers_for(specs["tc-07"]))
    src = put(inbox, "tc7.docx", data)
    from dispatch_gen import store as store_module

    def killed(self, row, answers):
        raise KeyboardInterrupt  # the run dies after the archive file is in place

    monkeypatch.setattr(store_module.Store, "submission_record", killed)
    with pytest.raises(KeyboardInterrupt):
        run_collect(case, case_dir, [src])
    monkeypatch.undo()
    assert submissions(case_dir) == []  # no row pointing at anything
    (archived,) = (case_dir / ".dispatch-gen" / "archive" / "tc-07").iterdir()
    assert archived.read_bytes() == data
    mtime = archived.stat().st_mtime_ns
    (outcome,) = run_collect(case, case_dir, [src]).files
    assert outcome.outcome == "accepted" and outcome.archive == archived
    assert archived.stat().st_mtime_ns == mtime  # reused, never rewritten
    assert not [p for p in archived.parent.iterdir() if p != archived]  # no temp files left


def test_odd_file_name_bytes_do_not_break_collect(case, specs, blank_forms, work):
    case_dir, inbox = work
    name = b"b\xe1o-c\xe1o.docx".decode("utf-8", "surrogateescape")  # Latin-1 bytes from an old zip
    src = inbox / name
    src.write_bytes(fill_like_word(blank_forms["tc-08"], answers_for(specs["tc-08"])))
    result = run_collect(case, case_dir, [inbox])
    assert [f.outcome for f in result.files] == ["accepted"]
    assert submissions(case_dir)[0][1] == "b\ufffdo-c\ufffdo.docx"

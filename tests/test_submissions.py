"""Honest collection (issue 11): blank, partial and messy forms, as officers really return them.

Forms are generated once per module from the sample case's records and filled by hand here the
way Word and LibreOffice save them: cleared fields showing Word's own prompt, placeholder text kept
after a re-save, dates typed as text, required answers left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from fillers import answers_for, fill_like_word
from lxml import etree
from ooxml import validate_docx
from pypdf import PdfReader

from dispatch_gen.cli import main
from dispatch_gen.collect.receipt import receipts
from dispatch_gen.collect.receive import foreign_format
from dispatch_gen.collect.stage import collect, outcome_lines
from dispatch_gen.report import stage as report_stage
from dispatch_gen.store import open_store
from dispatch_gen.word.sdt import read_answers
from dispatch_gen.workspace import OpenedCase

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _rewrite(data: bytes, edit) -> bytes:
    """The package with ``word/document.xml`` passed through ``edit(root)``."""
    parts = _parts(data)
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in parts.items():
            zf.writestr(name, raw)
    return buf.getvalue()


def _control(root, tag: str):
    return next(s for s in root.iter(_w("sdt")) if s.find(f"{_w('sdtPr')}/{_w('tag')}").get(_w("val")) == tag)


def _show(tag: str, text: str, *, style: str | None, flag: bool):
    """Edit: control ``tag`` shows ``text`` (in ``style``), with or without ``w:showingPlcHdr``."""
    def edit(root):
        sdt = _control(root, tag)
        pr = sdt.find(_w("sdtPr"))
        for old in pr.findall(_w("showingPlcHdr")):
            pr.remove(old)
        if flag:
            pr.find(_w("lock")).addnext(etree.Element(_w("showingPlcHdr")))
        content = sdt.find(_w("sdtContent"))
        for child in list(content):
            content.remove(child)
        run = etree.SubElement(content, _w("r"))
        if style:
            etree.SubElement(etree.SubElement(run, _w("rPr")), _w("rStyle"), {_w("val"): style})
        etree.SubElement(run, _w("t")).text = text
    return edit


# --- placeholders: defined for Word, never read as answers

def test_every_control_names_a_placeholder_entry_holding_its_prompt(specs, blank_forms):
    for unit in ("thon-01", "tc-02", "nhom-ii"):
        parts = _parts(blank_forms[unit])
        glossary = etree.fromstring(parts["word/glossary/document.xml"])
        entries = {dp.find(f"{_w('docPartPr')}/{_w('name')}").get(_w("val")): "".join(dp.itertext())
                   for dp in glossary.iter(_w("docPart"))}
        root = etree.fromstring(parts["word/document.xml"])
        for f in specs[unit].fields:
            pr = _control(root, f.tag).find(_w("sdtPr"))
            part = pr.find(f"{_w('placeholder')}/{_w('docPart')}")
            if f.kind == "checkbox":
                assert part is None
                continue
            assert entries[part.get(_w("val"))] == f.placeholder, f.tag
        rels = parts["word/_rels/document.xml.rels"].decode()
        assert "glossaryDocument" in rels and 'Target="glossary/document.xml"' in rels


@pytest.mark.parametrize("text, style, flag", [
    ("Click or tap here to enter text.", "PlaceholderText", True),  # cleared in Word (old form)
    ("Click or tap here to enter text.", "PlaceholderText", False),  # ... then re-saved by LibreOffice
    ("Click or tap here to enter text.", None, False),  # ... and the style lost too
    ("Bấm hoặc gõ nhẹ vào đây để nhập văn bản.", None, False),  # Vietnamese Word
    ("Một câu bất kỳ còn kiểu chữ gợi ý", "PlaceholderText", False),  # any text in Placeholder style
    ("Nhập nội dung", None, False),  # our own prompt, style and flag lost
])
def test_a_prompt_is_never_read_as_an_answer(specs, blank_forms, text, style, flag):
    spec = specs["tc-02"]
    field = next(f for f in spec.fields if f.kind == "text")
    data = fill_like_word(blank_forms["tc-02"], {field.tag: "trả lời thật"})
    data = _rewrite(data, _show(field.tag, text, style=style, flag=flag))
    assert read_answers(data, spec).values[field.tag] is None


def test_a_real_answer_in_an_ordinary_run_is_read(specs, blank_forms):
    spec = specs["tc-02"]
    field = next(f for f in spec.fields if f.kind == "text")
    data = _rewrite(blank_forms["tc-02"], _show(field.tag, "Đã làm xong 2 km", style=None, flag=False))
    assert read_answers(data, spec).values[field.tag] == "Đã làm xong 2 km"


# --- submission states: complete, partial (what lacks, in words), empty (no submission)

def _collect_cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    out = capsys.readouterr()
    return info.value.code or 0, out.out, out.err


def _status_json(capsys, case_dir: Path, as_of: str = "2024-11-20") -> dict[str, dict]:
    code, out, _ = _collect_cli(capsys, "status", str(case_dir), "--json", "--as-of", as_of)
    assert code == 0
    return {r["unit"]: r for r in json.loads(out)}


@pytest.fixture
def case_dir(case_copy) -> Path:
    shutil.rmtree(case_copy / "inbox", ignore_errors=True)  # the sample inbox is not part of these tests
    return case_copy


def test_collecting_the_blank_forms_folder_by_mistake_marks_no_unit(case, blank_forms, case_dir, tmp_path, capsys):
    folder = tmp_path / "phieu"
    folder.mkdir()
    for unit, data in blank_forms.items():
        (folder / f"{unit}.docx").write_bytes(data)
    result = collect(OpenedCase.of(case, case_dir), [folder], dt.date(2024, 11, 20))
    assert {f.outcome for f in result.files} == {"rejected"}
    assert {f.submission for f in result.files} == {"empty"}
    assert all(f.archive and f.archive.is_file() for f in result.files)  # kept as evidence all the same
    lines = outcome_lines(result)
    assert sum(line.startswith("✗") and "phiếu trống" in line for line in lines) == len(blank_forms)
    assert sum(line.strip().startswith("Biên nhận:") for line in lines) == len(blank_forms)  # told back too
    states = _status_json(capsys, case_dir)
    assert {r["state"] for r in states.values()} == {"missing"}
    assert {r["submission"] for r in states.values()} == {"empty"}
    code, out, _ = _collect_cli(capsys, "status", str(case_dir), "--as-of", "2024-11-20")
    assert "phiếu trống" in out and "đúng hạn 0" in out


def test_a_form_without_any_self_assessment_is_partial_and_says_what_is_missing(case, specs, blank_forms, case_dir,
                                                                                 tmp_path, capsys):
    spec = specs["thon-02"]
    answers = {f.tag: "Còn 200 m rãnh" for f in spec.fields if f.kind in ("text", "multiline")}
    path = tmp_path / "thon-02.docx"
    path.write_bytes(fill_like_word(blank_forms["thon-02"], answers))
    result = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20))
    (outcome,) = result.files
    n = len(spec.section("kdc").rows)
    assert outcome.outcome == "accepted" and outcome.submission == "partial"
    assert outcome.missing == (f"Tự đánh giá: cả {n} tiêu chí",)
    assert any(line.startswith("◐ thon-02.docx") for line in outcome_lines(result))
    row = _status_json(capsys, case_dir)["thon-02"]
    assert row["state"] == "on_time" and row["submission"] == "partial"
    assert row["missing"] == [f"Tự đánh giá: cả {n} tiêu chí"]


def test_some_rows_missing_are_named_by_code(case, specs, blank_forms, case_dir, tmp_path, capsys):
    spec = specs["thon-03"]
    answers = answers_for(spec)
    for code in ("2", "5"):
        answers[f"kdc.{code}.dat"] = None
    path = tmp_path / "t3.docx"
    path.write_bytes(fill_like_word(blank_forms["thon-03"], answers))
    (outcome,) = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20)).files
    assert outcome.missing == ("Tự đánh giá: tiêu chí 2, 5",)
    complete = tmp_path / "t4.docx"
    complete.write_bytes(fill_like_word(blank_forms["thon-04"], answers_for(specs["thon-04"])))
    (outcome,) = collect(OpenedCase.of(case, case_dir), [complete], dt.date(2024, 11, 20)).files
    assert outcome.submission == "complete" and outcome.missing == ()
    states = _status_json(capsys, case_dir)
    assert states["thon-04"]["submission"] == "complete" and states["thon-04"]["missing"] == []
    assert states["thon-01"]["submission"] is None and states["thon-01"]["state"] == "missing"


# --- a bad answer doesn't sink the form; completion periods

@pytest.mark.parametrize("typed, stored, flagged", [
    ("Quý I/2026", "Quý I/2026", False),
    ("Năm 2026", "Năm 2026", False),
    ("Tháng 6/2026", "Tháng 6/2026", False),
    ("15/08/2026", "2026-08-15", False),
    ("sớm nhất có thể", "sớm nhất có thể", True),
    ("31/02/2026", "31/02/2026", True),
])
def test_a_completion_time_typed_as_text_is_kept_and_the_form_counts(case, specs, blank_forms, case_dir, tmp_path,
                                                                      capsys, typed, stored, flagged):
    spec = specs["thon-06"]
    answers = answers_for(spec)
    answers["kdc.3.han"] = None
    data = fill_like_word(blank_forms["thon-06"], answers)
    data = _rewrite(data, _show("kdc.3.han", typed, style=None, flag=False))  # typed over the date picker
    path = tmp_path / "thon-06.docx"
    path.write_bytes(data)
    (outcome,) = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20)).files
    assert outcome.outcome == "accepted" and outcome.submission == "complete"
    with open_store(case_dir) as db:
        rows = {r["tag"]: r for r in db.answers_current() if r["unit"] == "thon-06"}
    assert rows["kdc.3.han"]["value"] == stored
    assert (rows["kdc.3.han"]["flag"] is not None) is flagged
    assert len([r for r in rows.values() if r["value"] is not None]) == outcome.answers  # the others count
    row = _status_json(capsys, case_dir)["thon-06"]
    assert row["state"] == "on_time"
    assert bool(row["clarify"]) is flagged
    if flagged:
        assert typed in row["clarify"][0] and "cần làm rõ" in row["clarify"][0]


def test_a_choice_typed_over_the_list_is_kept_and_flagged(case, specs, blank_forms, case_dir, tmp_path):
    spec = specs["tc-04"]
    answers = answers_for(spec)
    field = next(f for f in spec.fields if f.kind == "dropdown" and f.column == "dat")
    data = _rewrite(fill_like_word(blank_forms["tc-04"], answers), _show(field.tag, "Cơ bản đạt", style=None,
                                                                         flag=False))
    path = tmp_path / "tc-04.docx"
    path.write_bytes(data)
    (outcome,) = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20)).files
    assert outcome.outcome == "accepted"
    (flag,) = [w for w in outcome.warnings if "cần làm rõ" in w]
    assert "Cơ bản đạt" in flag and "Đạt / Chưa đạt" in flag
    with open_store(case_dir) as db:
        (row,) = [r for r in db.answers_current() if r["tag"] == field.tag]
    assert row["value"] == "Cơ bản đạt"


# --- the report and the reminder: "chưa tự đánh giá" is not "chưa đạt"

def _doc_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return " ".join(" ".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in root.iter(_w("p"))).split())


@pytest.fixture
def messy(case, specs, blank_forms, case_dir, tmp_path):
    """Thôn 2 sent work but no self-assessment, Thôn 3 a blank form, Thôn 6 one unclear date,
    criterion 4's lead no Đạt/Chưa đạt; report and reminder built as of 26/11/2024."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    no_dat = {f.tag: "Còn 200 m rãnh" for f in specs["thon-02"].fields if f.kind in ("text", "multiline")}
    (inbox / "thon-02.docx").write_bytes(fill_like_word(blank_forms["thon-02"], no_dat))
    (inbox / "thon-03.docx").write_bytes(blank_forms["thon-03"])
    answers = answers_for(specs["thon-06"])
    answers["kdc.3.han"] = None
    (inbox / "thon-06.docx").write_bytes(_rewrite(fill_like_word(blank_forms["thon-06"], answers),
                                                  _show("kdc.3.han", "sớm nhất có thể", style=None, flag=False)))
    crit = {f.tag: v for f, v in ((f, answers_for(specs["tc-04"])[f.tag]) for f in specs["tc-04"].fields)
            if f.column != "dat"}
    (inbox / "tc-04.docx").write_bytes(fill_like_word(blank_forms["tc-04"], crit))
    collect(OpenedCase.of(case, case_dir), [inbox], dt.date(2024, 11, 20))
    out = tmp_path / "out"
    as_of = dt.date(2024, 11, 26)
    rep = report_stage.build_report(OpenedCase.of(case, case_dir), out / "bao-cao.docx", as_of=as_of)
    rem = report_stage.build_reminder(OpenedCase.of(case, case_dir), out / "don-doc.docx", as_of=as_of,
                                      deadline=dt.date(2024, 11, 29))
    return _doc_text(rep), _doc_text(rem), specs


def test_the_report_tells_blank_partial_and_unclear_apart_from_not_met(messy):
    report, _, specs = messy
    n = len(specs["thon-02"].section("kdc").rows)
    assert "Gửi phiếu trống, chưa tính là đã gửi (1): Thôn 3." in report
    assert f"Báo cáo chưa đủ, phải bổ sung (2): Thôn 2 (còn thiếu Tự đánh giá: cả {n} tiêu chí)" in report
    assert "Có nội dung cần làm rõ (1): Thôn 6 (1 ô)." in report
    # (the village table became a chart, issue 13: its "chưa tự đánh giá" bar is checked in test_report)
    assert "chưa tự đánh giá (Đạt/Chưa đạt) một số tiêu chí: Thôn 2: tiêu chí 1, 2" in report
    assert "Thôn 2 (đạt 0" not in report  # not listed among villages with criteria not met
    first = next(f.row for f in specs["tc-04"].fields if f.column == "dat")
    assert f"Tiêu chí số 4 (Điện): chưa tự đánh giá chỉ tiêu {first}" in report
    assert "Tiêu chí số 4 (Điện): chưa đạt" not in report
    assert "1 tiêu chí chưa tự đánh giá đủ các chỉ tiêu" in report


def test_the_reminder_names_blank_and_partial_units_and_what_they_lack(messy):
    _, reminder, specs = messy
    n = len(specs["thon-02"].section("kdc").rows)
    assert "Thôn 3 (đã gửi phiếu trống)" in reminder
    assert "đã gửi nhưng báo cáo chưa đủ, đề nghị bổ sung:" in reminder
    assert f"Thôn 2: còn thiếu Tự đánh giá: cả {n} tiêu chí" in reminder
    assert "Thôn 6" not in reminder  # complete, one answer to clarify: not a unit to remind


# --- receipts and collect --undo

def test_every_collected_form_gets_a_receipt_line_and_a_printable_one(case, specs, blank_forms, case_dir, tmp_path,
                                                                      capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    partial = answers_for(specs["thon-02"])
    partial["kdc.4.dat"] = None
    (inbox / "thon-02.docx").write_bytes(fill_like_word(blank_forms["thon-02"], partial))
    (inbox / "thon-03.docx").write_bytes(blank_forms["thon-03"])  # blank: told back too
    (inbox / "notes.docx").write_bytes(b"not a form")  # refused: a reason, no receipt
    folder = tmp_path / "bien nhận"
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), str(inbox), "--receipts", str(folder))
    assert code == 1  # a file was refused
    sha = hashlib.sha256((inbox / "thon-02.docx").read_bytes()).hexdigest()
    n = len(specs["thon-02"].fields)
    (line,) = [x for x in out.splitlines() if "Biên nhận: Thôn 2" in x]
    assert f"{n - 1}/{n} câu trả lời" in line and "phiếu chưa đủ" in line and "Tự đánh giá: tiêu chí 4" in line
    assert sha in line and "nhận lúc" in line
    receipts = sorted(folder.glob("*.docx"))
    assert [p.name for p in receipts] == sorted([f"bien-nhan-thon-02-{sha[:12]}.docx",
                                                 f"bien-nhan-thon-03-{hashlib.sha256(blank_forms['thon-03']).hexdigest()[:12]}.docx"])
    assert "Đã ghi 2 giấy biên nhận" in out
    text = _doc_text(folder / f"bien-nhan-thon-02-{sha[:12]}.docx")
    for expected in ("GIẤY BIÊN NHẬN PHIẾU BÁO CÁO", "Thôn 2", "thon-02.docx", f"{n - 1}/{n}", sha,
                     "Tự đánh giá: tiêu chí 4", "NGƯỜI NHẬN", "Cẩm Lĩnh, ngày "):
        assert expected in text, expected
    assert all(validate_docx(p) == [] for p in receipts)
    # the same files again: nothing new taken, so no receipt, said in words (not «Đã ghi 0 giấy biên nhận»)
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), str(inbox / "thon-02.docx"), "--receipts", str(folder))
    assert "Không có giấy biên nhận mới" in out and "Đã ghi 0" not in out
    assert sorted(folder.glob("*.docx")) == receipts


@pytest.mark.libreoffice
def test_a_receipt_prints_on_one_page(case, specs, blank_forms, case_dir, tmp_path):
    from dispatch_gen.pdf.convert import convert

    answers = answers_for(specs["tc-02"])
    for f in specs["tc-02"].fields:
        if f.column == "dat":
            answers[f.tag] = None
    path = tmp_path / "tc-02.docx"
    path.write_bytes(_rewrite(fill_like_word(blank_forms["tc-02"], answers),
                              _show(next(f.tag for f in specs["tc-02"].fields if f.kind == "date"), "chưa rõ",
                                    style=None, flag=False)))
    result = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20))
    (item,) = receipts(case, result.files, tmp_path / "r")
    item[0].parent.mkdir()
    item[0].write_bytes(item[1])
    (pdf,) = convert([item[0]], tmp_path / "pdf")
    assert len(PdfReader(str(pdf)).pages) == 1


def test_undo_a_file_withdraws_it_and_keeps_the_original_and_the_history(case, specs, blank_forms, case_dir,
                                                                         tmp_path, capsys):
    path = tmp_path / "thon-02.docx"
    path.write_bytes(fill_like_word(blank_forms["thon-02"], answers_for(specs["thon-02"])))
    (outcome,) = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20)).files
    assert _status_json(capsys, case_dir)["thon-02"]["state"] == "on_time"
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), "--undo", str(path))
    assert code == 0 and "↶ thon-02.docx: đã rút lại biên nhận phiếu của Thôn 2" in out
    assert _status_json(capsys, case_dir)["thon-02"]["state"] == "missing"
    assert outcome.archive.read_bytes() == path.read_bytes()  # the original stays
    with open_store(case_dir) as db:
        (row,) = db.submissions()
        assert row["withdrawn_at"] and row["withdrawn_from"] == "accepted" and row["status"] == "rejected"
        assert "rút lại" in row["reason"]
        assert db.answers_current() == []
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), "--undo", str(path))  # nothing left to undo
    assert code == 1 and "không có biên nhận nào để rút lại" in out
    (again,) = collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 25)).files  # may be sent again (after 23/11)
    assert again.outcome == "accepted"
    assert _status_json(capsys, case_dir, "2024-11-25")["thon-02"]["state"] == "late"


def test_undo_a_unit_brings_back_its_previous_form(case, specs, blank_forms, case_dir, tmp_path, capsys):
    first, second = tmp_path / "v1.docx", tmp_path / "v2.docx"
    first.write_bytes(fill_like_word(blank_forms["thon-04"], answers_for(specs["thon-04"], seed="v1 ")))
    second.write_bytes(fill_like_word(blank_forms["thon-04"], answers_for(specs["thon-04"], seed="v2 ")))
    collect(OpenedCase.of(case, case_dir), [first], dt.date(2024, 11, 20))
    collect(OpenedCase.of(case, case_dir), [second], dt.date(2024, 11, 21))
    assert _status_json(capsys, case_dir, "2024-11-22")["thon-04"]["file"] == "v2.docx"
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), "--undo", "thon-04")
    assert code == 0 and "v2.docx" in out
    row = _status_json(capsys, case_dir, "2024-11-22")["thon-04"]
    assert row["state"] == "on_time" and row["file"] == "v1.docx"
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), "--undo", "khong-co")
    assert code == 1 and "«khong-co»" in out


def test_collecting_nothing_is_a_usage_error(case_dir, capsys):
    code, _, err = _collect_cli(capsys, "collect", str(case_dir))
    assert code == 2 and "--undo" in err


# --- files that are not a .docx: a reason and advice, counted, shown in status

def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    return buf.getvalue()


FOREIGN = {  # name → (bytes, what the reason must say)
    "thon-01-thon-1.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "lưu lại dạng .docx"),
    "thon-02.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "tệp PDF"),
    "tc-03-thuy-loi.odt": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
                           "OpenDocument (.odt)"),
    "anh phieu thon 4.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), "ảnh"),
    "zalo.png": (b"\x89PNG\r\n\x1a\n" + bytes(100), "ảnh"),
    "tc-05-truong-hoc.zip": (_zip({"tc-05-truong-hoc.docx": b"PK..."}), "giải nén"),
}


def test_files_that_are_not_docx_are_refused_with_advice_counted_and_shown_in_status(case, case_dir, tmp_path,
                                                                                       capsys):
    inbox = tmp_path / "tu zalo"
    inbox.mkdir()
    for name, (raw, _) in FOREIGN.items():
        (inbox / name).write_bytes(raw)
    (inbox / "ghi chu.txt").write_text("không phải phiếu", encoding="utf-8")
    code, out, _ = _collect_cli(capsys, "collect", str(case_dir), str(inbox), "--received", "2024-11-20")
    assert code == 1
    for name, (_, advice) in FOREIGN.items():
        (line,) = [x for x in out.splitlines() if x.startswith(f"✗ {name}:")]
        assert advice in line, line
    assert f"bị từ chối {len(FOREIGN)}." in out  # counted in the totals
    assert "ghi chu.txt" in out  # anything else is still named as skipped
    states = _status_json(capsys, case_dir)
    for unit, advice in (("thon-01", "lưu lại dạng .docx"), ("thon-02", "tệp PDF"), ("tc-03", "OpenDocument"),
                         ("tc-05", "giải nén")):
        assert states[unit]["state"] == "rejected" and advice in states[unit]["reason"], unit
    assert states["thon-04"]["state"] == "missing"  # a photo named in words: no unit guessed
    code, out, _ = _collect_cli(capsys, "status", str(case_dir), "--as-of", "2024-11-20")
    assert "Tệp bị từ chối không rõ của đơn vị nào (2):" in out  # ... but still shown, with why
    assert "✗ anh phieu thon 4.jpg: ảnh" in out and "✗ zalo.png: ảnh" in out
    archived = {p.name: p.read_bytes() for p in (case_dir / ".dispatch-gen" / "archive").rglob("*") if p.is_file()}
    pdf = FOREIGN["thon-02.pdf"][0]
    assert archived[f"{hashlib.sha256(pdf).hexdigest()}.pdf"] == pdf  # kept unchanged, as what it is
    assert len(archived) == 4  # the four whose unit the name tells


@pytest.mark.libreoffice
def test_real_doc_odt_and_pdf_saved_from_a_filled_form(case, specs, blank_forms, case_dir, tmp_path):
    """Measured on real files: a form saved by LibreOffice as .doc, .odt and .pdf is refused with advice.

    The .odt keeps the answers (LibreOffice writes ``loext:content-control`` in the same table cells)
    and the identity (``meta:user-defined``), so reading it back is possible; the clerk is asked for a
    .docx instead (one reader, one set of tests).
    """
    import subprocess

    src = tmp_path / "thon-07-thon-7.docx"
    src.write_bytes(fill_like_word(blank_forms["thon-07"], answers_for(specs["thon-07"], seed="TRẢ LỜI ")))
    made = tmp_path / "made"
    for fmt in ("doc", "odt", "pdf"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", fmt,
                        "--outdir", str(made), str(src)], check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(made / "thon-07-thon-7.odt") as zf:
        content = zf.read("content.xml").decode()
        meta = zf.read("meta.xml").decode()
    assert "loext:content-control" in content and "TRẢ LỜI " in content and "thon-07" in meta
    result = collect(OpenedCase.of(case, case_dir), [made], dt.date(2024, 11, 20))
    reasons = {f.path.suffix: f.reason for f in result.files}
    assert {f.outcome for f in result.files} == {"rejected"} and {f.unit for f in result.files} == {"thon-07"}
    assert "lưu lại dạng .docx" in reasons[".doc"] and "OpenDocument" in reasons[".odt"] and "PDF" in reasons[".pdf"]


def test_the_call_list_says_what_a_partial_form_lacks_in_words(case, specs, blank_forms, case_dir, tmp_path, capsys):
    answers = answers_for(specs["thon-05"])
    answers["kdc.7.dat"] = None
    path = tmp_path / "t5.docx"
    path.write_bytes(fill_like_word(blank_forms["thon-05"], answers))
    collect(OpenedCase.of(case, case_dir), [path], dt.date(2024, 11, 20))
    code, out, _ = _collect_cli(capsys, "status", str(case_dir), "--as-of", "2024-11-20")
    (line,) = [x for x in out.splitlines() if "Thôn 5" in x]
    assert "bổ sung Tự đánh giá" in " ".join(line.split())  # in words (the 100-column line may be cut)
    assert _status_json(capsys, case_dir)["thon-05"]["missing"] == ["Tự đánh giá: tiêu chí 7"]


@pytest.mark.parametrize("raw, what", [
    (_zip({"a.docx": b"x", "b.jpg": b"y"}), "archive"),  # what a chat app makes of several files
    (b"PK\x03\x04" + bytes(40), None),  # a zip signature and nothing readable: a damaged file, not an archive
    (_zip({"a.docx": b"x"})[:30], None),  # a cut-off download of a zip
], ids=["chat-zip", "signature-only", "cut-off"])
def test_only_a_readable_zip_is_called_an_archive(raw, what):
    assert foreign_format(raw) == what

"""A 2026 round on the 2026–2030 set (issue 15): init, the whole cycle, no district, no old basis.

Three cases: the sample moved to 2026 by ``init --from`` (CSV files, criterion-level assessment),
the same in records.xlsx with indicators typed by the clerk, and a hand-made commune that shares
nothing with the sample (tổ dân phố and thôn, group 1, the library's village set).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
import yaml

from dispatch_gen import build as build_mod
from dispatch_gen.case.records import load_case
from dispatch_gen.check.stage import check_docx
from dispatch_gen.cli import main
from dispatch_gen.errors import ConversionError, RecordError
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.init import init_case
from dispatch_gen.workbook import WORKBOOK
from dispatch_gen.workspace import open_case
from tests.conftest import SAMPLE
from tests.fillers import answers_for, fill_like_word

DAY = dt.date(2026, 3, 2)
AS_OF = dt.date(2026, 3, 25)
DEADLINE = "2026-03-20"
# what a 2026 document must not say: a district, or the 2021–2025 set's basis or period
FORBIDDEN = re.compile(r"huyện|318/QĐ-TTg|2021\s*[-–]\s*2025", re.IGNORECASE)
TYPED = [("1", "1.1", "Chỉ tiêu do xã nhập thử thứ nhất", "Đạt"),
         ("1", "1.2", "Chỉ tiêu do xã nhập thử thứ hai", "Có"),
         ("8", "8.1", "Chỉ tiêu do xã nhập thử về môi trường", "≥ 1 mô hình")]

HANDMADE = {
    "case.yaml": {
        "id": "tan-hoa-2026-04", "title": "Rà soát tiêu chí nông thôn mới xã Tân Hòa, tháng 4/2026",
        "agency": {"name_lines": ["Ủy ban nhân dân", "xã Tân Hòa"], "full_name": "Ủy ban nhân dân xã Tân Hòa",
                   "symbol": "UBND", "place": "Tân Hòa"},
        "signers": {"ct": {"authority": "TM.", "body": "Ủy ban nhân dân", "title_lines": ["Chủ tịch"],
                           "name": "Lê Thị Mai"}},
        "collector": "vp", "criteria": {"commune": "xa-ntm-2026-2030", "commune_group": 1,
                                        "village": "kdc-kieu-mau-ha-tinh"}},
    "dispatch.yaml": {
        "date": "2026-04-06", "subject": "Rà soát mức độ đạt chuẩn các tiêu chí nông thôn mới năm 2026",
        "recipients": ["Các công chức phụ trách tiêu chí", "Tổ trưởng các tổ dân phố, Trưởng các thôn"],
        "body": [{"paragraph": "Ủy ban nhân dân xã đề nghị các đơn vị tự đánh giá theo phiếu gửi kèm./."}],
        "noi_nhan": ["Như trên", "Lưu: VT"], "signer": "ct",
        "tasks": [
            {"id": "tieu-chi", "who": "Công chức phụ trách tiêu chí", "units": "criterion_leads",
             "form": "criterion", "deliver": "Phiếu đánh giá tiêu chí", "deadline": "2026-04-20", "report_to": "vp"},
            {"id": "khu-dan-cu", "who": "Các thôn, tổ dân phố", "units": "villages", "form": "village_assessment",
             "deliver": "Phiếu đánh giá khu dân cư", "deadline": "2026-04-20", "report_to": "vp"}]},
    "officers.csv": "id,name,title\nvp,Phan Văn Bình,Công chức Văn phòng - Thống kê\n"
                    "dc,Võ Thị Hạnh,Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường\n",
    "villages.csv": "code,name,head\ntdp-1,Tổ dân phố 1,Nguyễn Văn An\nthon-dong,Thôn Đông,Trần Thị Bé\n",
    "dossier.csv": "criterion,item\n10,Xác nhận của Công an xã\n",
    "assignments.yaml": {"criterion_leads": {"1": "dc", "8": "dc", "10": "vp"}},
}


def _handmade(folder: Path) -> Path:
    folder.mkdir()
    for name, data in HANDMADE.items():
        body = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def _with_deadlines(case: Path) -> None:
    """The clerk's edit after init: subject and body rewritten, every task gets its deadline."""
    data = yaml.safe_load((case / "dispatch.yaml").read_text(encoding="utf-8"))
    data.update(subject=HANDMADE["dispatch.yaml"]["subject"], body=HANDMADE["dispatch.yaml"]["body"])
    (case / "dispatch.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if (case / WORKBOOK).exists():
        book = openpyxl.load_workbook(case / WORKBOOK)
        ws = book["Nhiệm vụ"]
        col = next(c.column for c in ws[1] if c.value == "Hạn nộp")
        for row in range(2, ws.max_row + 1):
            ws.cell(row, col).value = DEADLINE
        book.save(case / WORKBOOK)
        return
    data = yaml.safe_load((case / "dispatch.yaml").read_text(encoding="utf-8"))
    for task in data["tasks"]:
        task["deadline"] = DEADLINE
    (case / "dispatch.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _type_indicators(case: Path) -> None:
    """The clerk types some indicators from the annex into the «Chỉ tiêu» sheet."""
    book = openpyxl.load_workbook(case / WORKBOOK)
    for row in TYPED:
        book["Chỉ tiêu"].append(list(row))
    book.save(case / WORKBOOK)


@pytest.fixture(params=["csv", "xlsx-typed", "handmade", "phong-lac"])
def case_2026(request, tmp_path) -> Path:
    if request.param == "handmade":
        return _handmade(tmp_path / "tan-hoa")
    if request.param == "phong-lac":  # the 2026 sample (issue 10), with its own copy of the set
        shutil.copytree(SAMPLE.parent / "phong-lac", tmp_path / "phong-lac", ignore=shutil.ignore_patterns("inbox"))
        return tmp_path / "phong-lac"
    case = init_case(tmp_path / "dot-2026", source=SAMPLE, today=DAY, commune_group="2",
                     xlsx=request.param != "csv")
    _with_deadlines(case)
    if request.param == "xlsx-typed":
        _type_indicators(case)
    return case


def _texts(out: Path) -> dict[str, str]:
    """The text of every file written: every XML part of .docx/.xlsx (body, headers, properties)."""
    texts = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as z:
                raw = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels")))
            texts[str(path.relative_to(out))] = re.sub(r"<[^>]+>", " ", raw)
        elif path.suffix in (".json", ".csv", ".txt", ".yaml"):
            texts[str(path.relative_to(out))] = path.read_text(encoding="utf-8")
    return {k: unicodedata.normalize("NFC", v) for k, v in texts.items()}


def _cycle(case: Path, out: Path):
    """Build (forms), fill every form into the inbox, build again (collect, status, report, reminder)."""
    no_soffice = mock.patch.object(build_mod.pdf_stage, "find_soffice", side_effect=ConversionError("none"))
    with no_soffice:
        first = build_mod.build(open_case(case), out, as_of=AS_OF)
        (case / "inbox").mkdir(exist_ok=True)
        specs = form_specs(load_case(case))
        for i, form in enumerate(sorted(first.forms)):
            if i % 3 == 2:
                continue  # some units have not answered yet: the reminder has someone to remind
            unit = next(code for code in specs if form.stem == code or form.stem.startswith(code + "-"))
            (case / "inbox" / form.name).write_bytes(fill_like_word(form.read_bytes(), answers_for(specs[unit])))
        second = build_mod.build(open_case(case), out, as_of=AS_OF)
    return first, second


def test_a_2026_round_runs_end_to_end_without_district_or_old_basis(case_2026, tmp_path):
    out = tmp_path / "out"
    first, second = _cycle(case_2026, out)
    case = load_case(case_2026)
    assert case.commune_criteria.id == "xa-ntm-2026-2030" and len(case.commune_criteria.criteria) == 10
    assert first.forms and second.report and second.reminder and second.status_file
    assert second.collected and not second.rejected
    texts = _texts(out)
    assert any("phieu" in name for name in texts) and "bao-cao.docx" in texts
    offending = {name: FORBIDDEN.findall(text) for name, text in texts.items() if FORBIDDEN.search(text)}
    assert offending == {}
    # a criterion assessed as a whole is not listed as its own unmet indicator
    whole = [c for c in case.commune_criteria.criteria if not c.indicators]
    assert whole and "Tiêu chí số " in texts["bao-cao.docx"]
    assert not [c.code for c in whole if f"chỉ tiêu chưa đạt: {c.code} (" in texts["bao-cao.docx"]]
    records = {name: text for name, text in _texts(case_2026).items() if not name.startswith(".dispatch-gen")}
    assert {"case.yaml", "dispatch.yaml"} <= set(records)
    assert {name: FORBIDDEN.findall(text) for name, text in records.items() if FORBIDDEN.search(text)} == {}
    documents = [second.dispatch, second.report, second.reminder, *first.forms[:3]]
    violations = {p.name: [f"{v.rule}: {v.found}" for v in check_docx(p)] for p in documents}
    assert {k: v for k, v in violations.items() if v} == {}  # notes and marks keep the ND30 format
    if case.commune_criteria.annex:  # a library set: the unverified mark reaches the printed form
        assert "(*) Chưa nhập chỉ tiêu của tiêu chí này" in texts[next(n for n in texts if "tc-02" in n)]
    # review: with nobody directing a group, nobody is reported on or copied as «chỉ đạo nhóm tiêu chí»
    directors = any(g.director for g in case.commune_criteria.groups)
    for name in ("bao-cao.docx", "cong-van-don-doc.docx"):
        assert ("chỉ đạo nhóm" in " ".join(texts[name].split())) == directors, name


def test_criterion_level_forms_until_indicators_are_typed(tmp_path):
    case_dir = init_case(tmp_path / "c", source=SAMPLE, today=DAY, commune_group="2", xlsx=True)
    before = form_specs(load_case(case_dir))
    ct = before["tc-08"].section("ct")
    assert [r.fixed for r in ct.rows] == [("8", "Môi trường và cảnh quan nông thôn (*)", "Chưa nhập (*)")]
    assert "Phụ lục I của Quyết định 51/2025/QĐ-TTg" in before["tc-08"].note
    assert ("Mức đạt chuẩn áp dụng", "Nhóm 2 (các xã không thuộc nhóm 1 và nhóm 3)") in before["tc-08"].info

    _type_indicators(case_dir)
    after = form_specs(load_case(case_dir))
    assert [r.fixed for r in after["tc-01"].section("ct").rows] == [t[1:] for t in TYPED if t[0] == "1"]
    assert [r.fixed for r in after["tc-08"].section("ct").rows] == [t[1:] for t in TYPED if t[0] == "8"]
    assert after["tc-01"].note == "" and "Chưa nhập" in after["tc-02"].section("ct").rows[0].fixed[2]


def test_the_sample_s_village_set_becomes_the_shipped_placeholder_with_marks(tmp_path):
    case = load_case(init_case(tmp_path / "c", source=SAMPLE, today=DAY))
    assert case.criteria.village == "kdc-kieu-mau-ha-tinh" and case.village_criteria.placeholder_names
    spec = form_specs(case)["thon-01"]
    assert all(r.fixed[1].endswith("(*)") for r in spec.section("kdc").rows)
    assert "Quyết định 39/2022/QĐ-UBND" in spec.note
    assert not (tmp_path / "c" / "criteria.yaml").exists()


def test_the_2026_dossier_checklist_names_post_reform_bodies(tmp_path):
    case = load_case(init_case(tmp_path / "c", source=SAMPLE, today=DAY))
    items = [item for c in case.commune_criteria.criteria for item in c.dossier]
    assert "Xác nhận của Ban Chỉ huy phòng thủ khu vực" in items and "Xác nhận của Công an xã" in items
    assert not any(FORBIDDEN.search(item) for item in items)
    assert all(c.lead is None for c in case.commune_criteria.criteria)  # old leads were for other criteria
    assert [v.party_member for v in case.villages] == [v.party_member for v in load_case(SAMPLE).villages]


def test_the_2024_sample_is_unchanged(tmp_path):
    """The sample keeps its own 2021–2025 set: no library link, no marks, its own wording and checklist."""
    sample = load_case(SAMPLE)
    own = yaml.safe_load((SAMPLE / "criteria.yaml").read_text(encoding="utf-8"))["commune"]
    assert sample.criteria is None and sample.commune_criteria.annex == ""
    assert [(i.code, i.text, i.requirement) for c in sample.commune_criteria.criteria for i in c.indicators] == \
        [(i["code"], i["text"], i["requirement"]) for c in own["criteria"] for i in c["indicators"]]
    specs = form_specs(sample)
    assert all(spec.note == "" for spec in specs.values())
    assert ("2.2", "Đường thôn, liên thôn được cứng hóa, đảm bảo ô tô đi lại thuận tiện quanh năm", "Theo vùng") in \
        [r.fixed for r in specs["tc-02"].section("ct").rows]
    assert not any("(*)" in "".join(r.fixed) for s in specs.values() for sec in s.sections for r in sec.rows)
    # a copy made today is still the 2024 case, byte for byte but for its own id (the folder's)
    copy = init_case(tmp_path / "copy", today=dt.date(2026, 11, 30))
    for path in SAMPLE.iterdir():
        if path.is_file():
            theirs = path.read_bytes().replace(b"id: cam-linh-2024-11", b"id: copy")
            assert (copy / path.name).read_bytes() == theirs, path.name


def test_cli_init_2026_names_the_set_and_what_to_type(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2026-03-02")
    main(["init", str(tmp_path / "moi"), "--from", str(SAMPLE), "--xlsx"])
    printed = capsys.readouterr().out
    assert "Quyết định số 51/2025/QĐ-TTg" in printed
    assert "nhập chỉ tiêu từ Phụ lục I của Quyết định 51/2025/QĐ-TTg" in printed
    assert "criteria › commune_group" in printed  # no group chosen yet: the clerk is told where
    assert "dùng tên tạm (đánh dấu (*) trên phiếu): thay bằng tên trong Quyết định 39/2022/QĐ-UBND" in printed
    # review: every hint names the program as typed (init's own «Bộ tiêu chí khác» line said «dispatch-gen»)
    monkeypatch.setattr(sys, "argv", [".venv/bin/dispatch-gen"])
    main(["init", str(tmp_path / "moi-2"), "--from", str(SAMPLE)])
    other = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Bộ tiêu chí khác:"))
    assert other.startswith("Bộ tiêu chí khác: .venv/bin/dispatch-gen init "), other
    head = yaml.safe_load((tmp_path / "moi" / "case.yaml").read_text(encoding="utf-8"))
    assert head["criteria"] == {"commune": "xa-ntm-2026-2030", "village": "kdc-kieu-mau-ha-tinh"}


@pytest.mark.parametrize("args, where", [
    (["--criteria-set", "khong-co"], "--criteria-set"),
    (["--criteria-set", "kdc-kieu-mau-ha-tinh"], "--criteria-set"),
    (["--criteria-set", "xa-ntm-2026-2030", "--commune-group", "Bắc Trung Bộ"], "--commune-group"),
])
def test_cli_init_refuses_an_unknown_set_or_group_and_writes_nothing(tmp_path, capsys, args, where):
    with pytest.raises(SystemExit) as done:
        main(["init", str(tmp_path / "moi"), *args])
    assert done.value.code == 2 and not (tmp_path / "moi").exists()
    assert f"Lỗi: {where}" in capsys.readouterr().err


def test_cli_init_with_the_2021_2025_set_marks_its_unverified_items(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2026-03-02")
    main(["init", str(tmp_path / "c"), "--criteria-set", "xa-ntm-2021-2025", "--commune-group", "Bắc Trung Bộ"])
    printed = capsys.readouterr().out
    assert "Chưa xác minh: 56 mục" in printed
    assert "không có hiệu lực vào ngày của hồ sơ (01/03/2026); bộ có hiệu lực: xa-ntm-2026-2030" in printed
    spec = form_specs(load_case(tmp_path / "c"))["tc-12"]
    rows = [r.fixed for r in spec.section("ct").rows]
    assert rows[0] == ("12.1", "Tỷ lệ lao động qua đào tạo (áp dụng đạt cho cả nam và nữ)", "Chưa nhập (*)")
    assert rows[1][1].endswith("(*)") and "Quyết định 318/QĐ-TTg" in spec.note
    assert ("Mức đạt chuẩn áp dụng", "Vùng Bắc Trung Bộ") in spec.info


@pytest.mark.parametrize("criteria, extra, reason", [
    ({"commune": "khong-co"}, {}, "không có bộ tiêu chí «khong-co»"),
    ({"commune": "kdc-kieu-mau-ha-tinh"}, {}, "bộ tiêu chí cấp thôn"),
    ({"commune": "xa-ntm-2026-2030", "region": "Bắc Trung Bộ"}, {}, "dùng mục commune_group"),
    ({"commune": "xa-ntm-2026-2030", "commune_group": 4}, {}, "không có nhóm xã «4»"),
    ({"commune_group": 2}, {}, "chưa chọn bộ tiêu chí xã"),
    ("xa-ntm-2026-2030", {}, "case.yaml › criteria: giá trị không hợp lệ: cần một bảng"),
    ({"commune": "xa-ntm-2026-2030"}, {"criteria.yaml": "commune:\n  id: x\n  name: y\n  criteria: [{code: '1', name: z}]\n"},
     "criteria.yaml › commune: hồ sơ đã chọn bộ tiêu chí «xa-ntm-2026-2030»"),
])
def test_a_bad_criteria_reference_is_named(tmp_path, criteria, extra, reason):
    case = _handmade(tmp_path / "c")
    head = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    head["criteria"] = criteria
    (case / "case.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    for name, body in extra.items():
        (case / name).write_text(body, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load_case(case)
    assert reason in str(err.value)
    assert "criteria.yaml: không tìm thấy tệp" not in str(err.value)  # the reference is the root cause


def test_linking_the_same_set_keeps_leads_directors_and_dossier(tmp_path):
    sample = load_case(SAMPLE)
    case = load_case(init_case(tmp_path / "c", criteria_set="xa-ntm-2021-2025", commune_group="bac-trung-bo",
                               today=DAY))
    assert case.criteria.commune == "xa-ntm-2021-2025" and case.criteria.region == "bac-trung-bo"
    assert [(c.code, c.lead, c.dossier) for c in case.commune_criteria.criteria] == \
        [(c.code, c.lead, c.dossier) for c in sample.commune_criteria.criteria]
    assert [g.director for g in case.commune_criteria.groups] == [g.director for g in sample.commune_criteria.groups]
    assert len([i for c in case.commune_criteria.criteria for i in c.indicators]) == 57  # the library's, not the sample's


def test_a_next_round_of_a_2026_case_keeps_the_typed_indicators(tmp_path):
    first = init_case(tmp_path / "a", source=SAMPLE, today=DAY, commune_group="2", xlsx=True)
    _type_indicators(first)
    for group in (None, "3"):
        nxt = load_case(init_case(tmp_path / f"b{group}", source=first, today=dt.date(2027, 3, 1), commune_group=group))
        assert nxt.criteria.commune == "xa-ntm-2026-2030"
        assert [(c.code, i.code, i.text, i.requirement) for c in nxt.commune_criteria.criteria for i in c.indicators] \
            == TYPED
        assert nxt.commune_criteria.target.startswith(f"Nhóm {group or 2}")


def test_the_workbook_of_a_library_case_offers_the_set_s_criterion_numbers(tmp_path):
    """The «Số tiêu chí» drop-downs list the library's numbers: «Tiêu chí xã» is empty in such a case."""
    case = init_case(tmp_path / "c", source=SAMPLE, today=DAY, xlsx=True)
    nxt = init_case(tmp_path / "d", source=case, today=dt.date(2027, 3, 1))
    for folder in (case, nxt):
        book = openpyxl.load_workbook(folder / WORKBOOK)
        assert book["Tiêu chí xã"].max_row == 1
        for sheet in ("Chỉ tiêu", "Hồ sơ tiêu chí"):
            (dv,) = [d for d in book[sheet].data_validations.dataValidation if "A2" in str(d.sqref)]
            assert dv.formula1 == '"1,2,3,4,5,6,7,8,9,10"'


def _own_groups_case(tmp_path: Path, xlsx: bool) -> Path:
    """A 2026 library case whose commune divides the ten criteria among two group directors."""
    case = init_case(tmp_path / ("x" if xlsx else "y"), source=SAMPLE, today=DAY, commune_group="2", xlsx=xlsx)
    groups = [{"code": "A", "name": "Hạ tầng và kinh tế", "criteria": ["1", "2", "3", "4"]},
              {"code": "B", "name": "Xã hội và hệ thống chính trị", "criteria": ["5", "6", "7", "8", "9", "10"]}]
    if xlsx:
        book = openpyxl.load_workbook(case / WORKBOOK)
        for g in groups:
            book["Nhóm tiêu chí"].append([g["code"], g["name"], ", ".join(g["criteria"])])
        book["Phân công"].append(["Chỉ đạo nhóm tiêu chí", "A", "tran_van_mau"])
        book.save(case / WORKBOOK)
    else:
        assert not (case / "criteria.yaml").exists()  # both sets come from the library
        (case / "criteria.yaml").write_text(yaml.safe_dump({"groups": groups}, allow_unicode=True), encoding="utf-8")
        assign = yaml.safe_load((case / "assignments.yaml").read_text(encoding="utf-8"))
        assign["group_directors"] = {"A": "tran_van_mau"}
        (case / "assignments.yaml").write_text(yaml.safe_dump(assign, allow_unicode=True), encoding="utf-8")
    return case


@pytest.mark.parametrize("xlsx", [False, True])
def test_a_commune_may_group_the_criteria_of_a_set_without_groups(tmp_path, xlsx):
    case_dir = _own_groups_case(tmp_path, xlsx)
    case = load_case(case_dir)
    assert [(g.code, g.director) for g in case.commune_criteria.groups] == [("A", "tran_van_mau"), ("B", None)]
    assert ("Nhóm tiêu chí", "A. Hạ tầng và kinh tế") in form_specs(case)["tc-02"].info
    nxt = load_case(init_case(tmp_path / "next", source=case_dir, today=dt.date(2027, 3, 1), commune_group="3"))
    assert [(g.code, g.director, g.criteria) for g in nxt.commune_criteria.groups] == \
        [(g.code, g.director, g.criteria) for g in case.commune_criteria.groups]


def test_a_set_with_its_own_groups_refuses_the_case_s_groups(tmp_path):
    case = init_case(tmp_path / "c", criteria_set="xa-ntm-2021-2025", today=DAY)
    (case / "criteria.yaml").write_text("groups:\n  - {code: A, name: Tất cả, criteria: ['1']}\n", encoding="utf-8")
    with pytest.raises(RecordError, match="criteria.yaml › groups: hồ sơ đã chọn bộ tiêu chí «xa-ntm-2021-2025»"):
        load_case(case)


def test_a_csv_case_types_indicators_in_criteria_yaml(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2026-03-02")
    main(["init", str(tmp_path / "c"), "--from", str(SAMPLE), "--commune-group", "2"])
    assert "mục indicators của" in capsys.readouterr().out
    case_dir = tmp_path / "c"
    rows = [dict(zip(("criterion", "code", "text", "requirement"), row, strict=True)) for row in TYPED]
    (case_dir / "criteria.yaml").write_text(yaml.safe_dump({"indicators": rows}, allow_unicode=True), encoding="utf-8")
    specs = form_specs(load_case(case_dir))
    assert [r.fixed for r in specs["tc-08"].section("ct").rows] == [t[1:] for t in TYPED if t[0] == "8"]
    nxt = load_case(init_case(tmp_path / "n", source=case_dir, today=dt.date(2027, 3, 1), commune_group="1"))
    assert [(c.code, i.code, i.text, i.requirement) for c in nxt.commune_criteria.criteria for i in c.indicators] \
        == TYPED

    rows.append({"criterion": 11, "code": "11.1", "text": "x"})
    (case_dir / "criteria.yaml").write_text(yaml.safe_dump({"indicators": rows}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RecordError, match=r"criteria.yaml › indicators\[4\] › criterion: không có tiêu chí với mã «11»"):
        load_case(case_dir)


@pytest.mark.libreoffice
def test_the_unverified_marks_are_printed(tmp_path):
    """The (*) marks and their note survive LibreOffice: what the officer sees on paper says it."""
    from pypdf import PdfReader

    from dispatch_gen.forms.stage import make_forms
    from dispatch_gen.pdf.convert import convert

    case = load_case(init_case(tmp_path / "c", source=SAMPLE, today=DAY, commune_group="2"))
    forms = make_forms(case, tmp_path / "phieu", processes=1)
    picked = [p for p in forms if p.name.startswith(("tc-08", "thon-01"))]
    pages = {p.stem: " ".join(page.extract_text() for page in PdfReader(p).pages)
             for p in convert(picked, tmp_path / "pdf")}
    criterion = re.sub(r"\s+", " ", next(v for k, v in pages.items() if k.startswith("tc-08")))
    village = re.sub(r"\s+", " ", next(v for k, v in pages.items() if k.startswith("thon-01")))
    assert "Mức đạt chuẩn áp dụng: Nhóm 2" in criterion and "Chưa nhập (*)" in criterion
    assert "(*) Chưa nhập chỉ tiêu của tiêu chí này" in criterion and "51/2025/QĐ-TTg" in criterion
    assert "Hàng rào (*)" in village and "(*) Tên tiêu chí tạm" in village


def test_the_report_appendix_keeps_the_marks_and_explains_them(tmp_path):
    case = init_case(tmp_path / "c", source=SAMPLE, today=DAY, commune_group="2")
    _with_deadlines(case)
    _, second = _cycle(case, tmp_path / "out")
    text = _texts(tmp_path / "out")["bao-cao.docx"]
    assert "Chưa nhập (*)" in text and "(*) Nội dung hoặc mức đạt chuẩn chưa được đối chiếu" in text

"""The compiled report and the reminder, built from a store filled with real collected forms.

One case copy per module: forms are generated, a subset is filled the way Word saves them (some
criteria Chưa đạt, free text with ``& < > "``, line breaks and template syntax), one village reports
late, one sends an invalid form, the rest never report. The report's numbers are checked against a
direct SQL reading of the store, every free-text answer must be found in the .docx, appendices
must sit in landscape sections numbered from 1, and the reminder must name exactly the units still
missing or refused.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from fillers import fill_like_word
from hardening import rewrite
from lxml import etree

from dispatch_gen.case.records import load_case
from dispatch_gen.check.stage import check_docx
from dispatch_gen.cli import cli
from dispatch_gen.collect.stage import collect
from dispatch_gen.errors import DispatchGenError, RecordError
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.register import issue_dispatch
from dispatch_gen.report import data as report_data
from dispatch_gen.report import stage as report
from dispatch_gen.report import wording as report_text
from dispatch_gen.status import status
from dispatch_gen.store import open_store, store_path
from dispatch_gen.word.sdt import read_identity
from dispatch_gen.workspace import OpenedCase

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AS_OF = dt.date(2024, 11, 26)
ON_TIME = dt.date(2024, 11, 22)
LATE = dt.date(2024, 11, 25)
TRICKY = 'Cống & rãnh <km 2> "đạt" {{ x }} {% y %}\n  dòng hai *sao*'
MISSING = ("thon-03", "thon-06", "tc-05", "tc-06", "tc-07", "tc-08", "tc-09", "tc-10", "tc-11", "tc-12",
           "tc-13", "tc-14", "tc-15", "tc-16", "tc-17", "tc-18", "tc-19", "nhom-ii", "nhom-iii", "nhom-iv",
           "nhom-v")


def _answers(spec, unit: str, not_met: set[str], dossier_missing: set[str] = frozenset()) -> dict:
    """Plausible answers: Đạt except rows in ``not_met``; free text and dates on the rows not met."""
    values: dict[str, object] = {}
    for n, f in enumerate(spec.fields):
        bad = f.row in not_met
        if f.kind == "dropdown":
            if f.section == "hs":
                values[f.tag] = "Chưa có" if f.row in dossier_missing else "Đã có"
            elif f.section == "td":
                values[f.tag] = "Đã báo cáo" if n % 2 else "Chưa báo cáo"
            else:
                values[f.tag] = "Chưa đạt" if bad else "Đạt"
        elif f.kind == "date" and (bad or f.section == "td"):
            values[f.tag] = dt.date(2025, 3, 1) - dt.timedelta(days=3 * n)
        elif f.kind in ("text", "multiline") and (bad or f.section in ("ct", "td")
                                                  or (f.section == "hs" and f.row in dossier_missing)):
            values[f.tag] = f"{unit} {f.column} {f.row}: {TRICKY}" if f.kind == "multiline" else \
                f"{unit} {f.column} {f.row} & <b>"
    return values


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A case with collected answers, and its report and reminder (as of AS_OF)."""
    root = tmp_path_factory.mktemp("report")
    case_dir = root / "case"
    shutil.copytree(SAMPLE, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen"))
    case = load_case(case_dir)
    specs = form_specs(case)
    forms = {read_identity(p.read_bytes())["dg.unit"]: p.read_bytes() for p in make_forms(case, root / "forms")}
    plan = {  # unit → (rows not met, dossier items missing)
        "thon-01": (set(), set()), "thon-02": ({"3", "7"}, set()), "thon-07": ({"1"}, set()),
        "thon-08": (set(), set()), "tc-01": (set(), set()), "tc-02": ({"2.2", "2.3"}, {"3"}),
        "tc-03": ({"3.1"}, {"1", "2"}), "tc-04": (set(), {"1"}), "nhom-i": (set(), set()),
    }
    on_time, late = root / "on_time", root / "late"
    for folder in (on_time, late):
        folder.mkdir()
    for unit, (not_met, missing) in plan.items():
        data = fill_like_word(forms[unit], _answers(specs[unit], unit, not_met, missing))
        (on_time / f"{unit}.docx").write_bytes(data)
    late_data = fill_like_word(forms["thon-04"], _answers(specs["thon-04"], "thon-04", {"2", "4", "9"}))
    (late / "thon-04.docx").write_bytes(late_data)
    bad = fill_like_word(forms["thon-05"], _answers(specs["thon-05"], "thon-05", set()))
    # a form of a newer layout version cannot be read reliably: the file is refused
    (late / "thon-05.docx").write_bytes(rewrite(bad, lambda n, b: b.replace(b">1<", b">99<")
                                                if n == "docProps/custom.xml" else b))
    collect(OpenedCase.of(case, case_dir), [on_time], ON_TIME)
    collect(OpenedCase.of(case, case_dir), [late], LATE)
    out = root / "out"
    rep = report.build_report(OpenedCase.of(case, case_dir), out / "bao-cao.docx", as_of=AS_OF)
    rem = report.build_reminder(OpenedCase.of(case, case_dir), out / "don-doc.docx", as_of=AS_OF,
                                deadline=dt.date(2024, 11, 29))
    return {"case": case, "dir": case_dir, "report": rep, "reminder": rem, "specs": specs}


def _paragraphs(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.iter(f"{W}p"))


def _text(p: etree._Element) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
        out.append(el.text or "" if el.tag == f"{W}t" else "\n" if el.tag == f"{W}br" else "\t")
    return "".join(out)


def doc_text(path: Path) -> str:
    """Every paragraph's text (tables included), line breaks kept, one paragraph per line."""
    return "\n".join(_text(p) for p in _paragraphs(path))


def _sql(case_dir: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(store_path(case_dir))
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def _current(case_dir: Path) -> dict[str, dict[str, str | None]]:
    out: dict[str, dict[str, str | None]] = {}
    for unit, tag, value in _sql(case_dir, "SELECT s.unit, a.tag, a.value FROM answers a JOIN submissions s "
                                           "ON s.id = a.submission_id WHERE s.status = 'accepted'"):
        out.setdefault(unit, {})[tag] = value
    return out


# --- numbers --------------------------------------------------------------------------------------

def test_counts_equal_a_direct_computation_from_the_store(built):
    case, case_dir = built["case"], built["dir"]
    answers = _current(case_dir)
    n = len(case.commune_criteria.criteria)
    met = unmet = 0
    for c in case.commune_criteria.criteria:
        values = answers.get(f"tc-{int(c.code):02d}")
        if values is None:
            continue
        dats = [v for k, v in values.items() if k.startswith("ct.") and k.endswith(".dat")]
        met += all(v == "Đạt" for v in dats)
        unmet += not all(v == "Đạt" for v in dats)
    k = len(case.village_criteria.criteria)
    per_village = {v.code: sum(1 for tag, val in answers.get(v.code, {}).items()
                               if tag.startswith("kdc.") and tag.endswith(".dat") and val == "Đạt")
                   for v in case.villages if v.code in answers}
    full = [code for code, count in per_village.items() if count == k]
    assert (met, unmet) == (2, 2) and sorted(full) == ["thon-01", "thon-08"]  # the plan above, seen in SQL

    with open_store(case_dir) as db:
        data = report_data.compute(case, built["specs"], db.answers_current(), status(case, db, AS_OF), AS_OF)
    assert len(data.criteria_met) == met and len(data.criteria_unmet) == unmet
    assert len(data.criteria_unreported) == n - met - unmet
    assert {v.code: v.met_count for v in data.villages if v.reported} == per_village
    assert sorted(v.code for v in data.villages_full) == full

    body = " ".join(doc_text(built["report"]).split())
    assert f"Tổng số {n} tiêu chí: {met}/{n} tiêu chí đạt chuẩn, {unmet} tiêu chí chưa đạt, " \
           f"{n - met - unmet} tiêu chí chưa có báo cáo" in body
    nv = len(case.villages)
    assert f"Có {len(per_village)}/{nv} thôn đã gửi báo cáo tự đánh giá; {len(full)}/{nv} thôn đạt {k}/{k}" in body
    assert "Thôn 2 (đạt 8/10)" in body
    assert "tiêu chí số 2 (Giao thông, chỉ tiêu 2.2" in body
    # issue 13: the per-village counts are drawn, not tabled: the chart's own data equals the store's
    chart = _chart_series(built["report"], "Biểu đồ 2")
    names = {v.code: v.name for v in case.villages}
    assert {code: chart["Đạt"][chart["categories"].index(names[code])] for code in per_village} == per_village
    assert all(chart["Chưa báo cáo"][chart["categories"].index(v.name)] == k
               for v in case.villages if v.code not in per_village)


def _chart_series(docx_path, title: str) -> dict[str, list]:
    """Categories and series values of the report's chart titled ``title…`` (from its own caches)."""
    import zipfile

    from lxml import etree

    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    with zipfile.ZipFile(docx_path) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("word/charts/")):
            root = etree.fromstring(z.read(name))
            if not "".join(root.xpath("//c:title//a:t/text()", namespaces=ns)).startswith(title):
                continue
            sers = root.xpath("//c:ser", namespaces=ns)
            # labels are kept on one line with no-break spaces (word/chart.py); read them as a person does
            out = {"categories": [c.replace("\u00a0", " ") for c in sers[0].xpath("c:cat//c:v/text()", namespaces=ns)]}
            for ser in sers:
                out[ser.xpath("c:tx//c:v/text()", namespaces=ns)[0]] = [
                    float(v) for v in ser.xpath("c:val//c:v/text()", namespaces=ns)]
            return out
    raise AssertionError(f"no chart titled {title!r}")


def test_reporting_status_counts_match_the_store(built):
    case_dir = built["dir"]
    rows = _sql(case_dir, "SELECT unit, status, received_at FROM submissions")
    accepted = {u for u, s, _ in rows if s == "accepted"}
    late = {u for u, s, r in rows if s == "accepted" and r[:10] > "2024-11-23"}
    refused = {u for u, s, _ in rows if s == "rejected"} - accepted
    total = len(form_specs(built["case"]))
    missing = total - len(accepted) - len(refused)
    body = " ".join(doc_text(built["report"]).split())
    assert (f"Tổng số {total} đơn vị, cá nhân phải gửi báo cáo; tính đến ngày 26/11/2024: "
            f"{len(accepted) - len(late)} đúng hạn, {len(late)} chậm hạn, {missing} chưa gửi, "
            f"{len(refused)} phải gửi lại") in body
    assert late == {"thon-04"} and refused == {"thon-05"}


# --- nothing dropped ------------------------------------------------------------------------------

def test_every_collected_free_text_answer_is_in_the_report(built):
    values = [v for (v,) in _sql(built["dir"], "SELECT a.value FROM answers a JOIN submissions s ON s.id = "
                                               "a.submission_id WHERE s.status = 'accepted' AND a.kind IN "
                                               "('text', 'multiline') AND a.value IS NOT NULL")]
    assert len(values) > 50 and any("\n" in v and "{{ x }}" in v for v in values)
    cells = {_text(p) for p in _paragraphs(built["report"])}
    missing = [v for v in values if v not in cells]
    assert not missing, missing[:3]


def test_answers_of_an_older_layout_are_kept_in_the_report():
    case = load_case(SAMPLE)
    rows = [{"unit": "thon-01", "form": "village_assessment", "tag": "kdc.99.ghi_chu", "kind": "multiline",
             "value": "Ý kiến cũ & <giữ>", "file_name": "x.docx", "received_at": "2024-11-20T08:00:00+07:00"}]
    data = report_data.compute(case, form_specs(case), rows, [], AS_OF)
    assert [(e.unit, e.value) for e in data.extra] == [("thon-01", "Ý kiến cũ & <giữ>")]
    status_appendix = next(a for a in report_text.appendices(data) if a.key == "status")
    assert any(r == ["thon-01", "tiêu chí 99, ô không còn trong mẫu phiếu", "Ý kiến cũ & <giữ>"]
               for b in status_appendix.blocks if b["kind"] == "table" for r in b["rows"])


# --- layout -------------------------------------------------------------------------------------

def _sections(path: Path) -> list[tuple[etree._Element, list[str]]]:
    """(sectPr, texts of the paragraphs in that section) in document order."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out, texts = [], []
    for el in body:
        if el.tag == f"{W}sectPr":
            out.append((el, texts))
            continue
        for p in el.iter(f"{W}p"):
            texts.append(_text(p))
        sect = el.find(f"{W}pPr/{W}sectPr") if el.tag == f"{W}p" else None
        if sect is not None:
            out.append((sect, texts))
            texts = []
    return out


def test_appendices_are_landscape_sections_numbered_from_one(built):
    sections = _sections(built["report"])
    main, *annexes = sections
    size = main[0].find(f"{W}pgSz")
    assert int(size.get(f"{W}w")) < int(size.get(f"{W}h")) and main[0].find(f"{W}pgNumType") is None
    labels = []
    for sect, texts in annexes:
        size = sect.find(f"{W}pgSz")
        assert size.get(f"{W}orient") == "landscape" and int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}titlePg") is not None
        non_empty = [s for s in texts if s.strip()]
        labels.append(non_empty[0])
        assert non_empty[1] == non_empty[1].upper()  # the title, upper case
        assert non_empty[2].startswith("(Kèm theo Báo cáo số ") and non_empty[2].endswith("xã Cẩm Lĩnh)")
    assert labels == [f"Phụ lục {r}" for r in ("I", "II", "III", "IV", "V", "VI")]
    body = " ".join(main[1])
    for label in labels:  # every appendix is cited in the body
        assert re.search(rf"{label}\b", body)


def test_header_type_subject_kinh_gui_and_signature(built):
    texts = [s.strip() for s in doc_text(built["report"]).splitlines() if s.strip()]
    assert "Số: …/BC-UBND" not in texts and any(re.fullmatch(r"Số: +/BC-UBND", s) for s in texts)
    i = texts.index("BÁO CÁO")
    assert texts[i + 1].startswith("Kết quả rà soát, đánh giá mức độ đạt chuẩn")
    assert "Kính gửi: Ban Chỉ đạo các chương trình mục tiêu quốc gia xã Cẩm Lĩnh" in texts
    assert texts[texts.index("Nơi nhận:") + 1] == "- Như trên;"
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "Nguyễn Như Hùng" in texts
    assert texts.index("Nguyễn Như Hùng") < texts.index("Phụ lục I")  # appendices after the signature


def test_report_and_reminder_pass_the_nd30_check(built):
    assert check_docx(built["report"]) == []
    assert check_docx(built["reminder"]) == []


# --- reminder ------------------------------------------------------------------------------------

def test_reminder_names_exactly_the_missing_and_refused_units(built):
    case = built["case"]
    with open_store(built["dir"]) as db:
        rows = status(case, db, AS_OF)
    due = {r.unit for r in rows if r.state in ("missing", "rejected") and r.deadline}
    assert due == {u for u in MISSING if not u.startswith("nhom-")} | {"thon-05"}
    assert any(r.state == "missing" and not r.deadline for r in rows)  # group sheets: no deadline, no reminder
    text = doc_text(built["reminder"])
    for r in rows:
        assert (r.name in text) == (r.unit in due), r.name
    flat = " ".join(text.split())
    assert "Công văn số …/UBND" in flat and "tháng 11 năm 2024" in flat  # the original, not yet issued
    assert "trước ngày 28/11/2024" not in flat and "trước ngày 29/11/2024" in flat
    assert "Đến hết ngày 26/11/2024" in flat
    assert "Chi ủy, Ban phát triển Thôn 3, Thôn 5, Thôn 6;" in flat
    assert "Đồng chí Phạm Thị Thử, phụ trách tiêu chí số 5, 6, 8, 11, 12, 14, 15, 16;" in flat
    assert "phiên bản 99" in flat  # the reason the file was refused


def test_reminder_cites_the_issued_dispatch_and_default_deadline(case_copy, tmp_path):
    case = load_case(case_copy)

    def render(number: int, day: dt.date) -> Path:
        path = case_copy / "cong-van.docx"
        path.write_bytes(b"issued")
        return path

    issue_dispatch(case, case_copy, render, today=dt.date(2024, 11, 18))
    out = report.build_reminder(OpenedCase.of(case, case_copy), tmp_path / "dd.docx", as_of=dt.date(2024, 11, 24))
    flat = " ".join(doc_text(out).split())
    assert "Ngày 18 tháng 11 năm 2024, Ủy ban nhân dân xã ban hành Công văn số 01/UBND về việc" in flat
    assert "trước ngày 27/11/2024" in flat  # default: 3 days after the as-of day
    assert check_docx(out) == []


def test_reminder_refuses_a_deadline_not_after_the_as_of_day(case_copy, tmp_path):
    runner = CliRunner()
    out = tmp_path / "dd.docx"
    result = runner.invoke(cli, ["remind", str(case_copy), "-o", str(out), "--as-of", "2024-11-26",
                                 "--deadline", "2024-11-26"])
    assert isinstance(result.exception, DispatchGenError) and "phải sau ngày" in str(result.exception)
    assert not out.exists()


def test_report_yaml_overrides_and_errors(case_copy, tmp_path):
    (case_copy / "report.yaml").write_text(
        "report:\n  subject: Tiến độ xây dựng nông thôn mới & <khu dân cư>\n"
        "  recipients: [Ban Thường vụ Đảng ủy xã]\n  signer: pho_chu_tich\n", encoding="utf-8")
    case = load_case(case_copy)
    out = report.build_report(OpenedCase.of(case, case_copy), tmp_path / "bc.docx", as_of=AS_OF)
    texts = [s.strip() for s in doc_text(out).splitlines()]
    assert "Tiến độ xây dựng nông thôn mới & <khu dân cư>" in texts
    assert "Kính gửi: Ban Thường vụ Đảng ủy xã" in texts and "Trần Văn Mẫu" in texts
    (case_copy / "report.yaml").write_text("report:\n  signer: khong_co\n  colour: red\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        report.build_report(OpenedCase.of(case, case_copy), tmp_path / "bc2.docx", as_of=AS_OF)
    assert "report.yaml" in str(err.value) and "colour" in str(err.value)
    assert not (tmp_path / "bc2.docx").exists()


def test_cli_report_writes_the_file(built, tmp_path):
    out = tmp_path / "bc.docx"
    result = CliRunner().invoke(cli, ["report", str(built["dir"]), "-o", str(out), "--as-of", "2024-11-26"])
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out) in result.output
    assert out.read_bytes() == built["report"].read_bytes()  # deterministic


# --- rendered ---------------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_rendered_pdf_pages(built, tmp_path):
    from pypdf import PdfReader

    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(built["report"]), str(built["reminder"])],
                   check=True, capture_output=True, timeout=240)
    pages = PdfReader(tmp_path / "bao-cao.pdf").pages
    orient = ["L" if p.mediabox.width > p.mediabox.height else "P" for p in pages]
    first_annex = orient.index("L")
    assert first_annex > 0 and set(orient[first_annex:]) == {"L"}
    starts = [i for i, p in enumerate(pages) if re.match(r"\s*Phụ lục [IVX]+\s*\n", p.extract_text() or "")]
    assert len(starts) == 6 and starts[0] == first_annex
    for i in starts:  # each appendix restarts: its second page (if any) is numbered 2
        nxt = pages[i + 1].extract_text() if i + 1 < len(pages) and i + 1 not in starts else None
        if nxt is not None:
            assert nxt.lstrip().startswith("2")
    reminder = PdfReader(tmp_path / "don-doc.pdf").pages
    assert all(p.mediabox.width < p.mediabox.height for p in reminder)
    assert all(p.extract_text().lstrip().startswith(str(n)) for n, p in enumerate(reminder[1:], start=2))


def test_report_of_an_empty_store_says_nobody_reported(case_copy, tmp_path):
    case = load_case(case_copy)
    out = report.build_report(OpenedCase.of(case, case_copy), tmp_path / "bc.docx", as_of=AS_OF)
    flat = " ".join(doc_text(out).split())
    n = len(case.commune_criteria.criteria)
    assert f"Tổng số {n} tiêu chí: 0/{n} tiêu chí đạt chuẩn, 0 tiêu chí chưa đạt, {n} tiêu chí chưa có" in flat
    assert "Chưa có công việc nào được báo cáo kèm thời hạn." in flat
    assert check_docx(out) == []


def test_many_villages_use_short_marks_in_the_matrix():
    # 10 columns still hold the word "Thôn" whole (14 do not: see test_roles, names never split)
    villages = [report_data.VillageResult(f"t{i}", f"Thôn {i}", f"t{i}", True,
                                     (report_data.VillageRow("1", "A", "Đạt"), report_data.VillageRow("2", "B", "Chưa đạt")))
                for i in range(10)]
    data = report_data.ReportData(AS_OF, [], villages, [("1", "A"), ("2", "B")], [], [])
    matrix = next(a for a in report_text.appendices(data) if a.key == "matrix")
    rows = matrix.blocks[0]["rows"]
    assert rows[0][2:] == ["Đ"] * 10 + ["10/10"] and rows[1][2:] == ["CĐ"] * 10 + ["0/10"]
    assert sum(w for _, w in matrix.blocks[0]["columns"]) == 14570


def _before_signature(path: Path) -> list[etree._Element]:
    """The body paragraphs right above the Nơi nhận/signature table, nearest first, up to one with text."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    table = next(t for t in body.iter(W + "tbl") if "Nơi nhận:" in "".join(t.itertext()))
    out = []
    for node in table.itersiblings(preceding=True):
        out.append(node)
        if node.tag == W + "p" and "".join(node.itertext()).strip():
            return out
    raise AssertionError("no paragraph above the signature")


@pytest.mark.parametrize("doc", ["report", "reminder"])
def test_closing_paragraph_keeps_with_the_signature(built, doc):
    """A page holding only the signature block is not signed: the closing paragraph goes with it."""
    above = _before_signature(built[doc])
    assert above[-1].find(f"{W}pPr/{W}keepNext") is not None, doc
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in above), doc


# --- issue 17: columns a mutation probe could blank without any test noticing -----------------------

def _tables_with_header(path: Path, first_cells: tuple[str, ...]) -> list[list[list[str]]]:
    """Tables (rows of cell texts) whose header row starts with ``first_cells``."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for tbl in root.iter(f"{W}tbl"):
        rows = [[" ".join(_text(p) for p in tc.iter(f"{W}p")).strip() for tc in tr.iter(f"{W}tc")]
                for tr in tbl.iter(f"{W}tr")]
        if rows and tuple(rows[0][:len(first_cells)]) == first_cells:
            out.append(rows)
    return out


def test_status_appendix_prints_each_units_deadline(built):
    """The 'Hạn báo cáo' column carries every unit's own deadline (dd/mm/yyyy), blank only without one."""
    with open_store(built["dir"]) as db:
        expected = {s.name: s.deadline for s in status(built["case"], db, AS_OF)}
    (table,) = _tables_with_header(built["report"], ("TT", "Đơn vị, cá nhân báo cáo", "Hạn báo cáo"))
    seen = {row[1]: row[2] for row in table[1:] if len(row) > 2}
    assert seen.keys() == expected.keys()
    for name, deadline in expected.items():
        assert seen[name] == (dt.date.fromisoformat(deadline).strftime("%d/%m/%Y") if deadline else ""), name
    assert sum(1 for v in seen.values() if v) >= 10


def test_dossier_appendix_prints_each_items_state(built):
    """The 'Tình trạng' column of the dossier appendix shows what each criterion lead answered."""
    current = _current(built["dir"])
    (table,) = _tables_with_header(built["report"], ("TT", "Hồ sơ, tài liệu theo danh mục hướng dẫn", "Tình trạng"))
    states = [row[2] for row in table[1:] if len(row) == 4]
    answered = [v for unit, tags in current.items() if unit.startswith("tc-")
                for tag, v in tags.items() if tag.startswith("hs.") and tag.endswith(".tinh_trang") and v]
    assert answered and "Chưa có" in answered and "Đã có" in answered
    assert states.count("Chưa có") == answered.count("Chưa có")
    assert states.count("Đã có") == answered.count("Đã có")


def test_a_province_gets_a_distribution_chart_not_a_bar_per_village():
    """Issue 13: one bar per village fits a commune; 2,000 would make a chart taller than the report."""
    villages = [report_data.VillageResult(f"t{i}", f"Thôn {i}", f"t{i}", i % 3 != 0,
                                          (report_data.VillageRow("1", "A", "Đạt"),
                                           report_data.VillageRow("2", "B", "Đạt" if i % 2 else "Chưa đạt")))
                for i in range(300)]
    data = report_data.ReportData(AS_OF, [], villages, [("1", "A"), ("2", "B")], [], [])
    small = report_text.chart_villages(report_data.ReportData(AS_OF, [], villages[:8], [("1", "A"), ("2", "B")], [], []))
    assert small["categories"] == [f"Thôn {i}" for i in range(8)]
    chart = report_text.chart_villages(data)
    assert chart["categories"] == ["Đạt 2/2", "Đạt 1/2", "Đạt 0/2"] and chart["height_cm"] < 10
    reported = [v for v in villages if v.reported]
    assert chart["series"][0][2] == [sum(1 for v in reported if v.met_count == k) for k in (2, 1, 0)]


def test_chart_labels_cannot_wrap_so_none_is_dropped():
    """14 units (data/phong-lac): LibreOffice wrapped «Tổ dân phố Nam Thái» and then hid every other label."""
    from dispatch_gen.word import chart as word_chart

    names = [f"Tổ dân phố Số {i}" for i in range(14)] + ["Thôn " + "Rất Dài Tên " * 5]
    villages = [report_data.VillageResult(f"t{i}", name, f"t{i}", True, (report_data.VillageRow("1", "A", "Đạt"),))
                for i, name in enumerate(names)]
    block = report_text.chart_villages(report_data.ReportData(AS_OF, [], villages, [("1", "A")], [], []))
    assert all(len(c) <= 30 for c in block["categories"]) and block["categories"][-1].endswith("…")
    xml = word_chart.chart_xml(block)
    assert "<c:v>Tổ\u00a0dân\u00a0phố\u00a0Số\u00a013</c:v>" in xml and "<c:v>Tổ dân" not in xml


def test_the_work_lists_end_with_a_full_stop(built):
    """Section II's dash lists: each item ends with ";" and the last with "." (an open ";" ended them)."""
    texts = [_text(p) for p in _paragraphs(built["report"])]
    for start, end in (("1. Đối với các tiêu chí xã", "2. Đối với các thôn"), ("2. Đối với các thôn", "3. Lộ trình")):
        i = texts.index(start)
        j = next(k for k in range(i, len(texts)) if texts[k].startswith(end))
        items = [t for t in texts[i:j] if t.startswith("- ")]
        assert len(items) >= 2, (start, items)
        assert all(t.endswith(";") for t in items[:-1]) and items[-1].endswith("."), items


def test_chart_legends_name_only_what_is_drawn():
    """Every reporting unit met every criterion: chart 3 had a «Chưa đạt» key and no red bar."""
    villages = [report_data.VillageResult(f"t{i}", f"Tổ dân phố {i}", f"t{i}", True,
                                          (report_data.VillageRow("1", "A", "Đạt"), report_data.VillageRow("2", "B", "Đạt")))
                for i in range(3)]
    data = report_data.ReportData(AS_OF, [], villages, [("1", "A"), ("2", "B")], [], [])
    for block in (report_text.chart_criteria(data), report_text.chart_villages(data)):
        assert [name for name, _, _ in block["series"]] == ["Đạt"], block["title"]

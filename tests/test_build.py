"""The main job end to end on a copy of the sample case, whose inbox holds 19 filled forms.

One build (with PDFs when LibreOffice is installed) is shared by the module; the other tests are cheap.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
from pathlib import Path
from unittest import mock

import pytest

from dispatch_gen import build as build_mod
from dispatch_gen.case.records import load_case
from dispatch_gen.check.stage import check_docx
from dispatch_gen.errors import ConversionError, RecordError
from dispatch_gen.store import open_store
from dispatch_gen.workspace import OpenedCase, open_case

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
AS_OF = dt.date(2024, 11, 30)
HAS_SOFFICE = shutil.which("soffice") is not None


def _copy(dst: Path) -> Path:
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return dst


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(case dir, out dir, summary, progress calls) of one full build of the sample case."""
    base = tmp_path_factory.mktemp("build")
    case = _copy(base / "cam-linh")
    calls: list[tuple[int, int, str]] = []
    summary = build_mod.build(open_case(case), base / "out", lambda *a: calls.append(a), as_of=AS_OF)
    return case, base / "out", summary, calls


def test_every_document_is_written(built):
    case, out, summary, _ = built
    assert summary.dispatch == out / "cong-van.docx"
    assert len(summary.forms) == 32 and all(p.parent == out / "phieu" for p in summary.forms)
    assert (out / "phieu" / "thon-01-thon-1.docx") in summary.forms
    assert summary.report == out / "bao-cao.docx"
    assert summary.reminder == out / "cong-van-don-doc.docx"  # Thôn 4, 7, 8 and 7 criteria are missing
    for p in summary.documents:
        assert p.is_file() and p.stat().st_size > 5000


def test_inbox_collected_with_the_listed_received_dates(built):
    case, out, summary, _ = built
    assert summary.inbox_files == 19 and summary.collected == {"accepted": 19} and not summary.rejected
    state = json.loads((out / "trang-thai.json").read_text("utf-8"))
    assert state["as_of"] == "2024-11-30"
    assert state["counts"] == {"on_time": 16, "late": 3, "missing": 13, "rejected": 0}
    units = {u["unit"]: u for u in state["units"]}
    assert units["thon-05"]["state"] == "late" and units["thon-05"]["received_at"].startswith("2024-11-25T08:30")
    assert units["thon-04"]["state"] == "missing" and units["thon-04"]["detail"] == "overdue"
    # the LibreOffice-saved file lost its tags: read by position, and said so
    assert any("thon-02-thon-2.docx" in w and "vị trí" in w for w in summary.warnings)


def _violations(paths: list[Path]) -> dict[str, list[str]]:
    found = {p.name: [f"{v.rule} {v.where}: {v.found}" for v in check_docx(p)] for p in paths}
    return {k: v for k, v in found.items() if v}


def test_signed_documents_pass_the_nd30_check(built):
    _, _, summary, _ = built
    assert _violations([summary.dispatch, summary.report, summary.reminder]) == {}


def test_forms_pass_the_nd30_check(built):
    _, _, summary, _ = built
    assert _violations(summary.forms) == {}


def test_rebuild_records_nothing_twice(built, tmp_path):
    case, out, first, _ = built
    with open_store(case) as db:
        before = db.submissions()
    with mock.patch.object(build_mod, "_soffice", return_value=None):  # PDFs are not the point here
        again = build_mod.build(open_case(case), tmp_path / "out", as_of=AS_OF)
    with open_store(case) as db:
        after = db.submissions()
    assert len(before) == 19 and after == before
    assert again.collected == {"duplicate": 19}
    assert again.status_counts == first.status_counts


def test_progress_reaches_the_end(built):
    *_, calls = built
    total = calls[0][1]
    assert [c[0] for c in calls] == list(range(1, total + 2)) and {c[1] for c in calls} == {total}
    assert calls[-1][2] == "Xong"


def test_summary_says_what_was_written_where(built):
    _, out, summary, _ = built
    text = "\n".join(build_mod.summary_lines(summary))
    assert str(out / "cong-van.docx") in text and str(out / "bao-cao.docx") in text
    assert "32 tệp" in text and "đúng hạn 16, trễ hạn 3, chưa nộp 13" in text


@pytest.mark.libreoffice
def test_pdfs_bookmarks_and_signature_fields(built):
    from pypdf import PdfReader

    _, out, summary, _ = built
    assert summary.pdfs == [p.with_suffix(".pdf") for p in summary.documents]
    for pdf in summary.pdfs:
        assert pdf.read_bytes().startswith(b"%PDF-")
    for signed in ("cong-van.pdf", "bao-cao.pdf", "cong-van-don-doc.pdf"):
        assert list(PdfReader(out / signed).get_fields() or {}) == ["ChuKy_chu_tich"], signed
    package = PdfReader(summary.package)
    labels = [o.title for o in package.outline]
    assert labels[0].startswith("Công văn: Chuẩn bị") and labels[1] == "Phiếu: Thôn 1"
    assert "Phiếu: Tiêu chí số 2: Giao thông" in labels and "Phiếu: Nhóm V: Hệ thống chính trị" in labels
    # bookmarks named by document type and trích yếu (issue 10, point 13)
    assert labels[-2:] == ["Báo cáo: Kết quả rà soát, đánh giá mức độ đạt chuẩn các tiêu chí nông thôn mới và "
                           "khu dân cư nông thôn mới kiểu mẫu",
                           "Công văn: Đôn đốc gửi báo cáo phục vụ họp Ban Chỉ đạo, Ban Quản lý các chương trình "
                           "mục tiêu quốc gia"] and len(labels) == 35
    fields = package.get_fields()
    # a field on every signer's block: dispatch, report, reminder (the parts' own were dropped)
    assert list(fields) == ["ChuKy_chu_tich", "ChuKy_chu_tich_2", "ChuKy_chu_tich_3"]
    starts = [package.get_destination_page_number(o) for o in package.outline]
    sig_pages = [i for i, page in enumerate(package.pages)
                 for a in (page.get("/Annots") or []) if a.get_object().get("/FT") == "/Sig"]
    assert len(sig_pages) == 3 and sig_pages[0] < starts[1]
    assert starts[-2] <= sig_pages[1] < starts[-1] <= sig_pages[2]
    assert package.metadata.title.startswith("Chuẩn bị nội dung họp") and package.metadata.author == \
        "Ủy ban nhân dân xã Cẩm Lĩnh"


def test_without_libreoffice_docx_only_and_a_clear_note(case_copy, tmp_path, monkeypatch):
    shutil.rmtree(case_copy / "inbox")
    monkeypatch.setattr(build_mod.pdf_stage, "find_soffice",
                        mock.Mock(side_effect=ConversionError("soffice missing")))
    summary = build_mod.build(open_case(case_copy), tmp_path / "out", as_of=AS_OF)
    assert summary.dispatch.is_file() and len(summary.forms) == 32
    assert summary.pdfs == [] and summary.package is None and summary.report is None
    assert not list((tmp_path / "out").rglob("*.pdf"))
    assert any("LibreOffice" in w and "PDF" in w for w in summary.warnings)
    assert any("inbox" in w for w in summary.warnings)


def test_bad_received_csv_is_named_and_nothing_collected(case_copy, tmp_path):
    (case_copy / "inbox" / "received.csv").write_text(
        "file,received\nthon-01-thon-1.docx,31/11/2024\n,2024-11-20\n", "utf-8")
    with pytest.raises(RecordError) as err:
        build_mod.build(open_case(case_copy), tmp_path / "out", as_of=AS_OF)
    msg = str(err.value)
    assert "received.csv › thon-01-thon-1.docx › received" in msg and "31/11/2024" in msg
    assert "dòng 3 › file" in msg
    assert not (case_copy / ".dispatch-gen" / "archive").exists()
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_a_received_csv_saved_in_another_encoding_is_said_in_vietnamese(case_copy):
    """Excel on Windows saves CSV as cp1258/cp1252: the codec's English («can't decode byte») reached the clerk."""
    (case_copy / "inbox" / "received.csv").write_bytes("file,received\nthôn.docx,2024-11-20\n".encode("cp1258"))
    with pytest.raises(RecordError) as err:
        build_mod.read_received(case_copy)
    msg = str(err.value)
    assert "received.csv" in msg and "không phải văn bản UTF-8" in msg and "decode" not in msg, msg


def test_unlisted_inbox_file_is_received_now_and_stray_rows_warned(case_copy):
    (case_copy / "inbox" / "received.csv").write_text(
        "file,received\nthon-01-thon-1.docx,2024-11-20\ngone.docx,2024-11-20\n", "utf-8")
    received = build_mod.read_received(case_copy)
    assert received == {"thon-01-thon-1.docx": dt.date(2024, 11, 20), "gone.docx": dt.date(2024, 11, 20)}
    assert [p.name for p in build_mod.inbox_files(case_copy)][:2] == ["nhom-i-quy-hoach.docx",
                                                                     "nhom-ii-ha-tang-kinh-te-xa-hoi.docx"]


def test_cli_forwards_case_default_output_and_today(sample_case, monkeypatch):
    from dispatch_gen import cli

    monkeypatch.setenv("DISPATCH_GEN_TODAY", "2024-11-30")
    summary = build_mod.BuildSummary(out_dir=Path("output/cam-linh"), as_of=AS_OF)
    with mock.patch.object(build_mod, "build", autospec=True, return_value=summary) as fake:
        cli.main(["build", str(sample_case)])
    args, kwargs = fake.call_args
    assert isinstance(args[0], OpenedCase) and args[0].dir == sample_case  # opened once, by the face
    assert args[0].case.id == load_case(sample_case).id
    assert args[1] == Path("output") / "cam-linh" and callable(args[2])
    assert kwargs == {"as_of": AS_OF}
    with mock.patch.object(build_mod, "build", autospec=True, return_value=summary) as fake:
        cli.main(["build", str(sample_case), "-o", "elsewhere", "--as-of", "2024-11-25"])
    assert fake.call_args.args[1] == Path("elsewhere") and fake.call_args.kwargs == {"as_of": dt.date(2024, 11, 25)}


def test_cli_build_says_to_run_again_into_the_same_folder(sample_case, tmp_path, capsys):
    """Review: «chạy lại: dispatch-gen build CASE» without -o wrote the next round to output/<case>."""
    from dispatch_gen import cli

    out = tmp_path / "Kết quả đợt 1"
    summary = build_mod.BuildSummary(out_dir=out, as_of=AS_OF, send_list=[out / "phieu" / "danh-sach-gui.xlsx"])
    with mock.patch.object(build_mod, "build", autospec=True, return_value=summary):
        cli.main(["build", str(sample_case), "-o", str(out)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Tiếp theo:") and last.endswith(f'build {sample_case} -o "{out}"'), last


def test_committed_sample_inbox_matches_the_current_forms(tmp_path):
    """Re-running the script gives the committed bytes: the inbox is not stale after a form change."""
    spec = importlib.util.spec_from_file_location("make_sample_inbox", ROOT / "scripts" / "make_sample_inbox.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    case = _copy(tmp_path / "cam-linh")
    shutil.rmtree(case / "inbox")
    written = script.make_inbox(case)
    assert len(written) == 20
    for path in written:
        assert path.read_bytes() == (SAMPLE / "inbox" / path.name).read_bytes(), \
            f"{path.name} is stale: run .venv/bin/python scripts/make_sample_inbox.py and commit data/cam-linh/inbox"


def test_inbox_subfolders_are_read_like_collect_reads_them(case_copy, tmp_path):
    """Issue 13: forms saved from Zalo into ``inbox/Zalo 28-3/`` were ignored by build."""
    inbox = case_copy / "inbox"
    sub = inbox / "Zalo 28-3"
    sub.mkdir()
    (inbox / "thon-01-thon-1.docx").rename(sub / "thon-01-thon-1.docx")
    (inbox / ".an").mkdir()
    (inbox / ".an" / "thon-02-thon-2.docx").write_bytes((inbox / "thon-02-thon-2.docx").read_bytes())
    (sub / "~$on-01-thon-1.docx").write_bytes(b"lock")
    received = (inbox / "received.csv").read_text("utf-8")
    (inbox / "received.csv").write_text(received.replace("thon-01-thon-1.docx", "Zalo 28-3/thon-01-thon-1.docx"),
                                        "utf-8")
    found = [p.relative_to(inbox).as_posix() for p in build_mod.inbox_files(case_copy)]
    assert "Zalo 28-3/thon-01-thon-1.docx" in found and not any(".an" in f or "~$" in f for f in found)
    with mock.patch.object(build_mod, "_soffice", return_value=None):
        summary = build_mod.build(open_case(case_copy), tmp_path / "out", as_of=AS_OF)
    assert summary.inbox_files == 19 and summary.collected == {"accepted": 19}  # hidden copy and lock file skipped
    assert not any("received.csv" in w for w in summary.warnings)
    state = json.loads((tmp_path / "out" / "trang-thai.json").read_text("utf-8"))
    first = next(u for u in state["units"] if u["unit"] == "thon-01")
    assert first["state"] != "missing" and first["received_at"].startswith(
        next(line.split(",")[1] for line in received.splitlines() if line.startswith("thon-01-thon-1.docx")))
    assert (tmp_path / "out" / "phieu" / "danh-sach-gui.xlsx").is_file()


@pytest.mark.libreoffice
def test_sample_report_body_fits_six_pages_with_its_charts_and_every_appendix(built):
    """Issue 13: the sample report's body was 17 pages repeating the appendices cell by cell."""
    import re

    from pypdf import PdfReader

    _, out, _, _ = built
    pages = PdfReader(out / "bao-cao.pdf").pages
    texts = [p.extract_text() or "" for p in pages]
    starts = [i for i, t in enumerate(texts) if re.match(r"\s*Phụ lục [IVX]+\s*\n", t)]
    assert [re.match(r"\s*Phụ lục ([IVX]+)", texts[i])[1] for i in starts] == ["I", "II", "III", "IV", "V", "VI"]
    assert 0 < starts[0] <= 6, f"the body takes {starts[0]} pages"
    body = " ".join(" ".join(texts[:starts[0]]).split())
    for title in ("Biểu đồ 1. Tình hình gửi báo cáo", "Biểu đồ 2. Số tiêu chí khu dân cư kiểu mẫu đạt",
                  "Biểu đồ 3. Số thôn đạt từng tiêu chí"):
        assert title in body  # drawn by LibreOffice, not only stored
    assert "Cứng hóa 350 m đường ngõ xóm" not in body  # a village's work is printed once: in Phụ lục IV
    assert "Cứng hóa 350 m đường ngõ xóm" in " ".join(" ".join(texts[starts[0]:]).split())


def test_files_sent_back_instead_of_a_form_are_refused_with_advice_not_skipped(case_copy, tmp_path):
    """README: a .pdf/.doc/photo/.zip in the inbox is refused with advice and counted; build skipped it."""
    inbox = case_copy / "inbox"
    (inbox / "Zalo 28-3").mkdir()
    (inbox / "Zalo 28-3" / "thon-04-thon-4.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    (inbox / "ghi chú.txt").write_text("not a form", "utf-8")
    with mock.patch.object(build_mod, "_soffice", return_value=None):
        summary = build_mod.build(open_case(case_copy), tmp_path / "out", as_of=AS_OF)
    assert summary.inbox_files == 20 and summary.collected.get("accepted") == 19
    assert [name for name, _ in summary.rejected] == ["thon-04-thon-4.pdf"]
    assert "PDF" in summary.rejected[0][1] and ".docx" in summary.rejected[0][1], summary.rejected

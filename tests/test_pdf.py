"""PDF stage: real LibreOffice conversions (batched), assembly, metadata and the signature field.

Conversions are done once per module and shared; the hang and missing-LibreOffice cases use a fake
``soffice`` and PATH manipulation, so they run everywhere.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from dispatch_gen.errors import ConversionError
from dispatch_gen.pdf import convert as pdf

HAS_SOFFICE = shutil.which("soffice") is not None
needs_lo = [pytest.mark.libreoffice]
ANCHORS = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
AGENCY = "Ủy ban nhân dân xã Cẩm Lĩnh"
A4 = (595.3, 841.9)


def make_docx(path: Path, title: str, paragraphs: int = 3) -> Path:
    """A small ND30-like document: header table, title, body, Nơi nhận | signer table."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    doc.core_properties.title = title
    doc.core_properties.author = AGENCY
    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    left.text, right.text = "ỦY BAN NHÂN DÂN\nXÃ CẨM LĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    doc.add_paragraph(title)
    for i in range(paragraphs):
        doc.add_paragraph(f"Đoạn {i + 1}: Ủy ban nhân dân xã Cẩm Lĩnh đề nghị các thôn rà soát, đánh giá "
                          "mức độ đạt chuẩn các tiêu chí nông thôn mới & báo cáo <đúng hạn>.")
    noi_nhan, signer = doc.add_table(rows=1, cols=2).rows[0].cells
    noi_nhan.text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    signer.paragraphs[0].text = ANCHORS[0]
    for line in [ANCHORS[1], "", "", "", "Nguyễn Như Hùng"]:
        signer.add_paragraph(line)
    for p in signer.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.save(path)
    return path


def text_positions(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of each text fragment, independent of the module's own line building."""
    found = []

    def visit(s, cm, tm, _font, _size):
        if s.strip():
            found.append((s.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def signature_fields(path: Path) -> list[tuple[int, dict]]:
    """(page index, widget) of every /FT /Sig widget in the PDF."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return [(i, ref.get_object()) for i, page in enumerate(reader.pages)
            for ref in (page.get("/Annots") or []) if ref.get_object().get("/FT") == "/Sig"]


def alive(pid: int) -> bool:
    """Whether a process still runs (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (FileNotFoundError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


# --------------------------------------------------------------------------- shared real conversion


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Three small documents (one two pages long) and the sample dispatch, converted in one call."""
    src = tmp_path_factory.mktemp("docx")
    docs = [make_docx(src / "bao-cao-thon.docx", "Báo cáo của thôn Hà Thanh"),
            make_docx(src / "phieu-dai.docx", "Phiếu dài hai trang", paragraphs=22),
            make_docx(src / "ke-hoach.docx", "Kế hoạch kiểm tra")]
    try:
        from dispatch_gen.case.records import load_case
        from dispatch_gen.render import render_dispatch

        root = Path(__file__).resolve().parents[1]
        docs.append(render_dispatch(load_case(root / "data" / "cam-linh"), src / "cong-van.docx"))
    except ImportError:  # render stage not there yet: the small documents still cover conversion
        pass
    out = tmp_path_factory.mktemp("pdf")
    calls = []
    real_popen = subprocess.Popen

    def counting_popen(cmd, *args, **kwargs):
        calls.append(cmd)
        return real_popen(cmd, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf.subprocess, "Popen", counting_popen)
        started = time.perf_counter()
        pdfs = pdf.convert(docs, out)
        seconds = time.perf_counter() - started
    return {"docs": docs, "pdfs": pdfs, "calls": calls, "seconds": seconds, "out": out}


@pytest.mark.libreoffice
def test_batch_converts_every_file_in_one_process(converted):
    pdfs = converted["pdfs"]
    assert [p.name for p in pdfs] == [d.with_suffix(".pdf").name for d in converted["docs"]]
    assert all(p.parent == converted["out"] and p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    assert len(converted["calls"]) == 1  # one soffice for the whole set
    assert len([a for a in converted["calls"][0] if a.endswith(".docx")]) == len(pdfs)
    assert any(a.startswith("-env:UserInstallation=file://") for a in converted["calls"][0])
    assert sorted(p.name for p in converted["out"].iterdir()) == sorted(p.name for p in pdfs)  # no temp left


@pytest.mark.libreoffice
def test_output_is_a4_with_vietnamese_text_in_liberation_serif(converted):
    from pypdf import PdfReader

    for path in converted["pdfs"]:
        reader = PdfReader(path)
        for page in reader.pages:
            assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A4
            fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
            assert fonts and all("LiberationSerif" in f or "Times" in f for f in fonts), fonts
            assert not any("DejaVu" in f for f in fonts)
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "ỦY BAN NHÂN DÂN" in text
        assert "Cẩm Lĩnh" in text or "CẨM LĨNH" in text
    long_text = PdfReader(converted["pdfs"][0]).pages[0].extract_text()
    assert "nông thôn mới & báo cáo <đúng hạn>" in long_text  # split words would mean glyph fallback
    assert len(PdfReader(converted["pdfs"][1]).pages) == 2


@pytest.mark.libreoffice
def test_assemble_bookmarks_metadata_and_signature_field(converted, tmp_path):
    from pypdf import PdfReader

    pdfs = converted["pdfs"][:3]
    labels = ["Báo cáo thôn", "Phiếu dài", "Kế hoạch"]
    out = pdf.assemble(list(zip(labels, pdfs, strict=True)), tmp_path / "ho-so.pdf", title="Hồ sơ họp BCĐ",
                       author=AGENCY, subject="Báo cáo tháng 11/2024",
                       signature=pdf.SignatureSpec(ANCHORS, "ChuKy_chu_tich", part=1))
    reader = PdfReader(out)
    assert len(reader.pages) == 4
    assert [(o.title, reader.get_destination_page_number(o)) for o in reader.outline] == [
        ("Báo cáo thôn", 0), ("Phiếu dài", 1), ("Kế hoạch", 3)]
    meta = reader.metadata
    assert (meta.title, meta.author, meta.subject) == ("Hồ sơ họp BCĐ", AGENCY, "Báo cáo tháng 11/2024")
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"

    fields = signature_fields(out)
    assert len(fields) == 1
    page_index, widget = fields[0]
    assert page_index == 2  # the signer's block of part 1 is on its second page
    assert widget["/T"] == "ChuKy_chu_tich" and "/V" not in widget and widget["/F"] == 4
    acro = reader.trailer["/Root"]["/AcroForm"]
    assert acro["/SigFlags"] == 1 and [f.get_object()["/T"] for f in acro["/Fields"]] == ["ChuKy_chu_tich"]
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    positions = text_positions(reader.pages[page_index])
    _, tx, ty = next(p for p in positions if p[0] == "CHỦ TỊCH")
    _, nx, ny = next(p for p in positions if p[0] == "Nguyễn Như Hùng")
    assert ty - 20 < y1 < ty  # just below the title line …
    assert y0 > ny  # … and above the signer's name, which stays visible
    assert x0 < tx < x1 and x0 < nx < x1 and 150 < x1 - x0 < 220
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        assert "ChuKy_chu_tich" in report and "not signed" in report


@pytest.mark.libreoffice
def test_add_signature_field_on_single_pdf_and_missing_anchor(converted, tmp_path):
    single = tmp_path / "mot.pdf"
    shutil.copy(converted["pdfs"][0], single)
    placed = pdf.add_signature_field(single, ANCHORS, "Chu.Ky")
    assert placed is not None and placed.page_index == 0 and placed.field_name == "Chu_Ky"  # no dots
    assert [w["/T"] for _, w in signature_fields(single)] == ["Chu_Ky"]
    before = single.read_bytes()
    assert pdf.add_signature_field(single, ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]) is None
    assert single.read_bytes() == before  # left untouched


@pytest.mark.libreoffice
def test_sample_dispatch_gets_field_under_the_chairman(converted):
    dispatch = [p for p in converted["pdfs"] if p.stem == "cong-van"]
    assert dispatch
    from dispatch_gen.case.records import load_case

    case = load_case(Path(__file__).resolve().parents[1] / "data" / "cam-linh")
    spec = pdf.signature_for(case)
    assert spec.anchor_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    placed = pdf.add_signature_field(dispatch[0], spec.anchor_lines, spec.field_name)
    assert placed is not None and placed.field_name == "ChuKy_chu_tich"


@pytest.mark.libreoffice
def test_assembled_parts_drop_their_own_empty_fields(converted, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    shutil.copy(converted["pdfs"][0], a)
    shutil.copy(converted["pdfs"][2], b)
    pdf.add_signature_field(a, ANCHORS)
    pdf.add_signature_field(b, ANCHORS)
    out = pdf.assemble([("A", a), ("B", b)], tmp_path / "ab.pdf", "AB", AGENCY, "",
                       pdf.SignatureSpec(ANCHORS, "ChuKy"))
    assert [(i, w["/T"]) for i, w in signature_fields(out)] == [(0, "ChuKy")]


# --------------------------------------------------------------------------- CLI, real LibreOffice


@pytest.mark.libreoffice
def test_cli_pdf_converts_docx_takes_pdf_and_signs(converted, tmp_path, monkeypatch, sample_case):
    from pypdf import PdfReader

    from dispatch_gen.cli import cli

    monkeypatch.setenv(pdf.PROFILE_ENV, "")  # the fresh-profile path
    docx = make_docx(tmp_path / "bao-cao.docx", "Báo cáo kết quả")
    same_title = make_docx(tmp_path / "thon-2.docx", "Báo cáo kết quả")
    out = tmp_path / "goi" / "ho-so.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(docx), str(converted["pdfs"][2]), str(same_title),
                                      "-o", str(out), "--case", str(sample_case), "--subject", "Họp BCĐ"])
    assert result.exit_code == 0, result.output
    assert f"Đã ghi: {out}" in result.output
    reader = PdfReader(out)
    assert [(o.title, reader.get_destination_page_number(o)) for o in reader.outline] == [
        ("Báo cáo kết quả (bao-cao)", 0), ("Kế hoạch kiểm tra", 1), ("Báo cáo kết quả (thon-2)", 2)]
    assert (reader.metadata.title, reader.metadata.author, reader.metadata.subject) == (
        "Báo cáo kết quả", AGENCY, "Họp BCĐ")
    # every part carrying a signer's block gets its own field (issue 10): names stay unique
    assert [(i, w["/T"]) for i, w in signature_fields(out)] == [
        (0, "ChuKy_chu_tich"), (1, "ChuKy_chu_tich_2"), (2, "ChuKy_chu_tich_3")]
    assert not list(tmp_path.glob("*.pdf"))  # intermediate PDFs are not left beside the inputs


@pytest.mark.libreoffice
def test_cli_dispatch_pdf_beside_docx_with_field(tmp_path, sample_case):
    from dispatch_gen.cli import cli

    out = tmp_path / "cong-van.docx"
    result = CliRunner().invoke(cli, ["dispatch", str(sample_case), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    beside = out.with_suffix(".pdf")
    assert f"Đã ghi: {beside}" in result.output
    assert [w["/T"] for _, w in signature_fields(beside)] == ["ChuKy_chu_tich"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cong-van.docx", "cong-van.pdf"]


# --------------------------------------------------------------------------- without LibreOffice


def zip_docx(path: Path) -> Path:
    """A file that passes the zip check (enough for the fake soffice)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_missing_soffice_gives_vietnamese_install_hint(tmp_path, monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pdf, "_KNOWN_LOCATIONS", ())
    with pytest.raises(ConversionError) as err:
        pdf.find_soffice()
    message = str(err.value)
    assert "không tìm thấy LibreOffice" in message and "fonts-liberation2" in message
    assert "libreoffice-writer" in message and pdf.SOFFICE_ENV in message
    docx = zip_docx(tmp_path / "cv.docx")
    with pytest.raises(ConversionError):
        pdf.convert_beside([docx])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.docx"]


def test_cli_missing_soffice_exit_code_and_message(tmp_path, monkeypatch, capsys):
    from dispatch_gen.cli import main

    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pdf, "_KNOWN_LOCATIONS", ())
    docx = zip_docx(tmp_path / "cv.docx")
    with pytest.raises(SystemExit) as exit_info:
        main(["pdf", str(docx), "-o", str(tmp_path / "out.pdf")])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: không tìm thấy LibreOffice") and "Traceback" not in err
    assert not (tmp_path / "out.pdf").exists()


def test_soffice_env_pointing_nowhere_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(tmp_path / "khong-co"))
    with pytest.raises(ConversionError, match="khong-co"):
        pdf.find_soffice()


def test_damaged_docx_and_missing_file_are_named(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_text("không phải zip")
    with pytest.raises(ConversionError, match="hong.docx: không phải tệp Word"):
        pdf.convert_beside([bad])
    with pytest.raises(ConversionError, match="khong-co.docx: không tìm thấy"):
        pdf.convert_beside([tmp_path / "khong-co.docx"])


def test_a_damaged_pdf_is_one_vietnamese_line(tmp_path, capsys):
    """Review: pypdf's «EOF marker not found» and «Stream has ended unexpectedly» reached the clerk."""
    from dispatch_gen.cli import main

    broken = tmp_path / "hỏng.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(SystemExit) as exit_info:
        main(["pdf", str(broken), "-o", str(tmp_path / "out.pdf")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 1 and not (tmp_path / "out.pdf").exists()
    assert err.strip().splitlines() == [f"Lỗi: {broken}: không đọc được tệp PDF: tệp hỏng hoặc không phải tệp PDF"], err


def test_same_stem_into_one_folder_is_refused(tmp_path):
    a = zip_docx((tmp_path / "a").mkdir() or tmp_path / "a" / "cv.docx")
    b = zip_docx((tmp_path / "b").mkdir() or tmp_path / "b" / "cv.docx")
    with pytest.raises(ConversionError, match="cùng tên"):
        pdf.convert([a, b], tmp_path / "out")


def test_batches_split_for_two_processes_with_unique_stems():
    paths = [Path(f"/x/{i % 3}/f{i // 3}.docx") for i in range(30)]
    batches = pdf._plan_batches(paths)
    assert sorted(p for b in batches for p in b) == sorted(paths)
    assert all(len({p.stem for p in b}) == len(b) for b in batches)
    assert len(batches) >= min(2, os.cpu_count() or 1) and all(len(b) <= pdf.MAX_BATCH for b in batches)
    assert len(pdf._plan_batches(paths[0:9:3])) == 1  # three stems: one process
    assert len(pdf._plan_batches(paths[:3])) == 3  # one stem three times: never in one output folder
    assert all(len(b) <= 5 for b in pdf._plan_batches(paths, max_batch=5))


FAKE_HANGING_SOFFICE = """#!/bin/sh
# Fake soffice: starts a child like oosplash does, writes half a PDF, then hangs.
mkdir -p "${1#-env:UserInstallation=file://}"
while [ "$1" != "--outdir" ]; do shift; done
outdir="$2"; shift 2
sleep 300 &
echo "$$ $!" >> "{pids}"
for f in "$@"; do n=$(basename "$f" .docx); printf '%%PDF-1.6 half' > "$outdir/$n.pdf"; done
sleep 300
"""


def test_hang_is_killed_named_and_leaves_nothing(tmp_path, monkeypatch):
    pids = tmp_path / "pids.txt"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_HANGING_SOFFICE.replace("{pids}", str(pids)))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake))
    monkeypatch.setenv(pdf.PROFILE_ENV, str(tmp_path / "profiles"))
    docs = tmp_path / "docs"
    docs.mkdir()
    first, second = zip_docx(docs / "cv-1.docx"), zip_docx(docs / "cv-2.docx")
    started = time.perf_counter()
    with pytest.raises(ConversionError) as err:
        pdf.convert_beside([first, second], timeout_per_file=0.5)
    assert time.perf_counter() - started < 10
    assert "cv-1.docx" in str(err.value) and "treo" in str(err.value)
    assert sorted(p.name for p in docs.iterdir()) == ["cv-1.docx", "cv-2.docx"]  # no PDF, no temp file
    started_pids = [int(p) for line in pids.read_text().split("\n") if line for p in line.split()]
    assert len(started_pids) == 4  # the batch, then the retry of the first file alone
    time.sleep(0.2)
    assert not [p for p in started_pids if alive(p)]
    assert (tmp_path / "profiles").is_dir()  # the reusable profile was used …
    assert not (tmp_path / "profiles" / "profile-0").exists()  # … and discarded after the kill

"""``check --fix``: the mechanical deviations corrected in a NEW file, the original never touched,
the text unchanged except the tiêu ngữ's dashes and the date's padding it exists to fix."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
from docx.shared import Pt, Twips
from test_check import _fonts, _set_text, build_cong_van
from test_check_real import REAL

from dispatch_gen.check.fix import fixed_bytes
from dispatch_gen.check.stage import check_docx, locate
from dispatch_gen.cli import main
from dispatch_gen.word.inspect import read_docx

# What a fixable finding says (sizes, faces, margins, spacing, NFC): none may be left after --fix.
FIXABLE_FOUND = ("cỡ chữ", "phông chữ", "lề ", "khoảng cách giữa các đoạn", "giãn dòng", "chữ Việt tổ hợp")


def _fixable(v) -> bool:
    return any(k in v.found for k in FIXABLE_FOUND) or (v.rule == "17.7" and v.found.startswith("«Độc"))


def _texts(path: Path) -> list[str]:
    return [unicodedata.normalize("NFC", p.text) for p in read_docx(path).paragraphs]


def _fix(src: Path, dst: Path) -> Path:
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    dst.write_bytes(fixed_bytes(src))
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before  # the original is only read
    return dst


def _assert_same_text(src: Path, dst: Path) -> None:
    """Every paragraph keeps its text, but for the two lines --fix rewrites (tiêu ngữ, date)."""
    doc = locate(read_docx(src))
    rewritten = {p.loc.index for p in (doc.tieu_ngu, doc.date) if p is not None}
    a, b = _texts(src), _texts(dst)
    assert len(a) == len(b)
    body = len(read_docx(src).body())
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            assert i < body and i in rewritten, (i, x, y)


def _defects(doc, parts):
    """One of each fixable defect: margins, a style-wide face, sizes, dashes, padding, NFD, spacing."""
    doc.sections[0].left_margin = Twips(1134)
    doc.sections[0].bottom_margin = Twips(1020)
    _fonts(doc.styles["Normal"].element, "Arial")
    parts["qh"].runs[0].font.size = Pt(14)
    parts["so"].runs[0].font.size = Pt(14)
    parts["e1"].runs[0].font.size = Pt(12)
    _set_text(parts["tn"], "Độc lập – Tự do – Hạnh phúc")
    _set_text(parts["date"], "Cẩm Lĩnh, ngày 5 tháng 03 năm 2024")
    _set_text(parts["b3"], unicodedata.normalize("NFD", parts["b3"].text))
    for key in ("b1", "b2", "b3"):
        parts[key].paragraph_format.space_after = Twips(0)
        parts[key].paragraph_format.line_spacing = Pt(15)


def test_fix_corrects_every_fixable_defect(tmp_path):
    src = build_cong_van(tmp_path / "x.docx", _defects)
    rules = {v.rule for v in check_docx(src)}
    assert {"17.2", "17.3", "17.5", "17.6", "17.7", "17.11", "17.13", "17.18", "17.26"} <= rules
    dst = _fix(src, tmp_path / "x.fixed.docx")
    assert check_docx(dst) == []
    _assert_same_text(src, dst)
    fixed = locate(read_docx(dst))
    assert fixed.tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc"
    assert fixed.date.text == "Cẩm Lĩnh, ngày 05 tháng 3 năm 2024"


def test_fix_leaves_a_conforming_document_conforming(tmp_path):
    src = build_cong_van(tmp_path / "good.docx")
    dst = _fix(src, tmp_path / "good.fixed.docx")
    assert check_docx(dst) == [] and _texts(src) == _texts(dst)


def test_cli_fix_writes_a_new_file_and_reports_what_is_left(tmp_path, capsys):
    src = build_cong_van(tmp_path / "Công văn số 1.docx", lambda d, p: (_defects(d, p), _set_text(p["kg"], "Kính gửi")))
    before = src.read_bytes()
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fix", "--json", str(src)])
    assert exc.value.code == 1  # «Kính gửi» without its colon needs the drafter
    left = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in left} == {"17.22"} and left[0]["file"].endswith("Công văn số 1.fixed.docx")
    assert src.read_bytes() == before
    for args in (["-o", str(src)], ["-o", str(tmp_path / "a.pdf")], ["-o", str(tmp_path / "a.docx"), str(src)]):
        with pytest.raises(SystemExit) as exc:
            main(["check", "--fix", str(src), *args])
        assert exc.value.code != 0
        assert "Traceback" not in capsys.readouterr().err
    assert src.read_bytes() == before and not (tmp_path / "a.pdf").exists()


@pytest.mark.skipif(not (REAL / "labels.json").exists(), reason="shared/real-docs is not beside this clone")
def test_fix_on_real_documents(tmp_path):
    """Every real document: the fixed copy has no fixable finding left and keeps its text."""
    for src in sorted(REAL.glob("*.docx")):
        dst = _fix(src, tmp_path / src.name)
        left = [v for v in check_docx(dst) if _fixable(v)]
        assert left == [], (src.name, left)
        _assert_same_text(src, dst)

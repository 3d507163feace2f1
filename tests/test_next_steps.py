"""Issue 13's «Tiếp theo:» line after ``check`` and ``register``, each hint then run exactly as printed.

The commands run through the installed console script in a folder whose name has a space and
Vietnamese letters (``test_walkthrough.Clerk``), so quoting and the program name are what she types.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import ROOT
from test_check import _default_font, build_cong_van
from test_walkthrough import Clerk

from dispatch_gen.register import agency_key
from dispatch_gen.workspace import open_case


@pytest.fixture
def clerk(tmp_path):
    folder = tmp_path / "Văn thư xã"
    folder.mkdir()
    shutil.copytree(ROOT / "data" / "cam-linh", folder / "ho so", ignore=shutil.ignore_patterns(".dispatch-gen"))
    return Clerk(folder)


def _hint(clerk: Clerk, shown: str) -> str:
    """The «Tiếp theo:» command of a run that failed: the console shows stdout, then the «Lỗi:» verdict
    (stderr, which a terminal shows just before the hint)."""
    return clerk.next_step("\n".join(line for line in shown.splitlines() if not line.startswith("Lỗi:")))


def test_check_hints_fix_then_recheck(clerk):
    build_cong_van(clerk.folder / "cong van.docx", _default_font)  # Arial: a deviation --fix corrects
    shown = clerk.type('dispatch-gen check "cong van.docx"', ok=False)
    fix = _hint(clerk, shown)
    assert fix == 'dispatch-gen check "cong van.docx" --fix'
    shown = clerk.type(fix)  # fixed: every rule passes now
    assert (clerk.folder / "cong van.fixed.docx").is_file()
    assert clerk.next_step(shown) == 'dispatch-gen pdf "cong van.fixed.docx" -o trinh-ky.pdf'


def test_check_hint_leaves_out_a_file_that_could_not_be_read(clerk):
    build_cong_van(clerk.folder / "cv.docx", _default_font)
    (clerk.folder / "hong.docx").write_bytes(b"not a zip")
    shown = clerk.type("dispatch-gen check hong.docx cv.docx", ok=False)
    fix = _hint(clerk, shown)
    assert fix == "dispatch-gen check cv.docx --fix"  # with hong.docx, --fix would stop at it
    clerk.type(fix)


def test_check_hint_after_a_partial_fix_rechecks_the_fixed_file(clerk):
    build_cong_van(clerk.folder / "cv.docx", lambda doc, parts: parts["so"].runs[0].__setattr__("text", "Số: 5/UBND"))
    shown = clerk.type("dispatch-gen check cv.docx --fix", ok=False)  # the number's form needs a person
    again = _hint(clerk, shown)
    assert again == "dispatch-gen check cv.fixed.docx"
    assert "[17.11]" in clerk.type(again, ok=False)


@pytest.mark.libreoffice
def test_check_hint_on_a_conforming_draft_makes_the_pdf(clerk):
    clerk.type('dispatch-gen dispatch "ho so" -o "cong van.docx"')
    shown = clerk.type('dispatch-gen check "cong van.docx"')
    pdf = clerk.next_step(shown)
    assert pdf == 'dispatch-gen pdf "cong van.docx" -o trinh-ky.pdf'
    clerk.type(pdf)
    assert (clerk.folder / "trinh-ky.pdf").read_bytes().startswith(b"%PDF-")


def test_check_of_a_whole_folder_does_not_offer_to_bundle_it_for_signing(clerk):
    clerk.type('dispatch-gen dispatch "ho so" -o "cong van.docx"')
    for n in range(4):
        shutil.copy(clerk.folder / "cong van.docx", clerk.folder / f"cv{n}.docx")
    shown = clerk.type("dispatch-gen check cv0.docx cv1.docx cv2.docx cv3.docx")
    assert "Đạt thể thức: 4 tệp" in shown and "Tiếp theo" not in shown


def test_register_hints_status_and_voiding_an_interrupted_number(clerk):
    shown = clerk.type('dispatch-gen register "ho so"')
    status = clerk.next_step(shown)
    assert status == 'dispatch-gen status "ho so"'
    clerk.type(status)
    opened = open_case(clerk.folder / "ho so")
    with opened.register() as reg:  # a run killed between reserving and completing leaves this
        number = reg.register_reserve(agency=agency_key(opened.case), year=2026, symbol="UBND",
                                      issued_on=dt.date(2026, 3, 29), subject="Công văn", signer="A")
    shown = clerk.type('dispatch-gen register "ho so"')
    void = clerk.next_step(shown)
    assert void == f'dispatch-gen register "ho so" --void {number} --year 2026 --reason "lần chạy bị ngắt"'
    shown = clerk.type(void)
    assert f"Đã hủy số 0{number}/UBND năm 2026: lần chạy bị ngắt" in shown
    again = clerk.next_step(shown)
    assert again == 'dispatch-gen register "ho so"'
    assert clerk.next_step(clerk.type(again)) == status  # nothing left reserved


def test_register_of_a_workspace_hints_a_case(clerk):
    clerk.type("dispatch-gen workspace so-chung")
    clerk.type('dispatch-gen init so-chung/dot-1 --from "ho so"')
    shown = clerk.type("dispatch-gen register so-chung")
    one = clerk.next_step(shown)
    assert one == "dispatch-gen register so-chung/dot-1"
    assert clerk.next_step(clerk.type(one)) == "dispatch-gen status so-chung/dot-1"

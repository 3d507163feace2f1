"""A commune with no thôn (ấp and khu phố, tests/third_case.py) never reads «thôn» in what it is given.

The workbook ``init --xlsx`` writes, the export workbook and init's next-steps hint name the units in
the case's own words; a workbook written in the old «thôn» wording still loads (a clerk's records).
"""

from __future__ import annotations

import contextlib
import io

import openpyxl
import pytest
from third_case import write_third_case

from dispatch_gen.case.records import load_case, tables_of
from dispatch_gen.cli import main
from dispatch_gen.init import init_case
from dispatch_gen.workbook import SHEETS, WORKBOOK, sheets_for, write_workbook


def _cli(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    assert not info.value.code, out.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def third(tmp_path_factory):
    return write_third_case(tmp_path_factory.mktemp("third") / "Xã Nam Đông")


@pytest.fixture(scope="module")
def third_book(third, tmp_path_factory):
    return init_case(tmp_path_factory.mktemp("book") / "moi", source=third, xlsx=True)


def _all_text(path):
    """Sheet names, header rows and drop-down lists of a workbook: what the clerk reads in it."""
    book = openpyxl.load_workbook(path)
    texts = list(book.sheetnames)
    for ws in book.worksheets:
        texts += [str(c.value) for c in ws[1] if c.value is not None]
        texts += [str(dv.formula1) for dv in ws.data_validations.dataValidation]
    return texts


def test_the_workbook_of_an_ap_commune_names_ap_and_khu_pho(third_book):
    texts = _all_text(third_book / WORKBOOK)
    assert not [x for x in texts if "thôn" in x.lower()]
    assert "Ấp, khu phố" in texts and "Tiêu chí ấp, khu phố" in texts
    assert "Mã ấp, khu phố" in texts
    assert any("Các ấp, khu phố" in x for x in texts)


def test_the_workbook_in_the_case_words_reads_back_to_the_same_case(third, third_book):
    mine, again = load_case(third), load_case(third_book)
    assert [v.model_dump() for v in again.villages] == [v.model_dump() for v in mine.villages]
    assert [(k.id, k.units, k.form) for k in again.dispatch.tasks] == \
        [(k.id, k.units, k.form) for k in mine.dispatch.tasks]  # init clears deadlines: a fresh dispatch


def test_a_workbook_in_the_old_thon_wording_still_loads(third, third_book, tmp_path):
    old = tmp_path / "cu"
    old.mkdir()
    for name in ("case.yaml", "dispatch.yaml"):
        (old / name).write_bytes((third_book / name).read_bytes())
    for word, sheet in ((None, "Thôn"), ("thôn, tổ dân phố, khu phố, ấp, bản", "Khu dân cư")):
        args = (word,) if word else ()  # None: the old wording, as every workbook was written before
        write_workbook(old / WORKBOOK, tables_of(load_case(third_book)), None, *args)
        assert sheet in openpyxl.load_workbook(old / WORKBOOK).sheetnames
        assert load_case(old).villages == load_case(third_book).villages


@pytest.mark.parametrize("word, sheet, choice", [
    ("thôn", "Thôn", "Các thôn"),
    ("ấp, khu phố", "Ấp, khu phố", "Các ấp, khu phố"),
    ("tổ dân phố", "Tổ dân phố", "Các tổ dân phố"),
    ("thôn, tổ dân phố, khu phố, ấp, bản", "Khu dân cư", "Các khu dân cư"),  # too long for a sheet name
])
def test_sheets_take_the_word_and_keep_the_old_labels_readable(word, sheet, choice):
    sheets = sheets_for(word)
    assert sheets[0].name == sheet
    units = next(c for s in sheets if s.table == "tasks" for c in s.columns if c.field == "units")
    assert units.choices[0] == (choice, "villages")
    assert ("Các thôn", "villages") in units.choices  # an old workbook's choice still reads
    assert [s.table for s in sheets] == [s.table for s in SHEETS]
    assert all(len(s.name) <= 31 for s in sheets)


def test_init_hint_and_export_sheet_use_the_case_words(third, tmp_path):
    printed = _cli("init", str(tmp_path / "moi"), "--from", str(third))
    hint = next(line for line in printed.splitlines() if "Sửa danh sách" in line)
    assert "ấp, khu phố" in hint and "thôn" not in hint


def test_the_desk_note_for_a_new_case_names_its_units(third_book):
    from dispatch_gen.desk import new_case_note

    note = new_case_note(third_book)
    assert "sửa danh sách (ấp, khu phố," in note and "thôn" not in note.replace("nông thôn", "")

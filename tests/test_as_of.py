"""``--as-of`` after today: preparing tomorrow's meeting is accepted with a warning; a typo (2062 for
2026, a day and month swapped) is refused before anything is read or written.

The rule (``status.judge_as_of``) is table-driven on data/phong-lac (deadlines 16, 20 and 22/01/2026,
dispatch 01/2026), a case unlike the sample; the four commands taking ``--as-of`` are run for real.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dispatch_gen.case.records import load_case
from dispatch_gen.cli import cli
from dispatch_gen.status import AS_OF_AHEAD, judge_as_of

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "data" / "phong-lac"
LAST_DEADLINE = dt.date(2026, 1, 22)
D = dt.date


@pytest.fixture(scope="module")
def phong_lac():
    return load_case(SECOND)


@pytest.mark.parametrize(("today", "as_of", "verdict", "limit", "basis"), [
    (D(2026, 1, 10), D(2026, 1, 9), "past", None, None),  # replaying an earlier day: nothing to say
    (D(2026, 1, 10), D(2026, 1, 10), "past", None, None),  # today itself
    (D(2026, 1, 10), D(2026, 1, 11), "ahead", LAST_DEADLINE + AS_OF_AHEAD, "deadline"),  # tomorrow's meeting
    (D(2026, 1, 10), LAST_DEADLINE + AS_OF_AHEAD, "ahead", LAST_DEADLINE + AS_OF_AHEAD, "deadline"),  # the last day
    (D(2026, 1, 10), LAST_DEADLINE + AS_OF_AHEAD + dt.timedelta(days=1), "far", LAST_DEADLINE + AS_OF_AHEAD,
     "deadline"),
    (D(2026, 1, 10), D(2062, 1, 23), "far", LAST_DEADLINE + AS_OF_AHEAD, "deadline"),  # 2062 typed for 2026
    (D(2026, 1, 5), D(2026, 12, 1), "far", LAST_DEADLINE + AS_OF_AHEAD, "deadline"),  # 01/12 typed for 12/01
    (D(2026, 12, 1), D(2026, 12, 24), "ahead", D(2027, 1, 1), "today"),  # deadlines long past: a month from today
    (D(2026, 12, 1), D(2027, 1, 2), "far", D(2027, 1, 1), "today"),
    (D(2026, 12, 1), D(2026, 1, 23), "past", None, None),
])
def test_as_of_verdicts(phong_lac, today, as_of, verdict, limit, basis):
    found, horizon = judge_as_of(phong_lac, as_of, today)
    assert found == verdict
    if limit is not None:
        assert (horizon.limit, horizon.basis) == (limit, basis)


def test_a_case_without_deadlines_looks_ahead_from_its_dispatch_date(phong_lac):
    """Group follow-up sheets have no deadline; a dispatch prepared for a later month carries the horizon."""
    d = phong_lac.dispatch
    later = d.model_copy(update={"tasks": [], "date": d.date.model_copy(update={"year": 2027, "month": 3,
                                                                                   "day": None})})
    case = phong_lac.model_copy(update={"dispatch": later})
    verdict, horizon = judge_as_of(case, D(2027, 3, 20), D(2026, 12, 1))
    assert (verdict, horizon.limit, horizon.basis) == ("ahead", D(2027, 3, 1) + AS_OF_AHEAD, "dispatch")
    assert judge_as_of(case, D(2027, 4, 2), D(2026, 12, 1))[0] == "far"


@pytest.fixture
def case_dir(tmp_path):
    dst = tmp_path / "Hồ sơ Phong Lạc"
    shutil.copytree(SECOND, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return dst


@pytest.fixture
def no_office(monkeypatch):
    """``build`` writes the .docx only: the PDFs are not the point here."""
    from dispatch_gen.errors import ConversionError
    from dispatch_gen.pdf import convert

    monkeypatch.setattr(convert, "find_soffice", lambda *a, **k: (_ for _ in ()).throw(ConversionError("none")))


def _run(case_dir: Path, tmp_path: Path, command: str, as_of: str):
    out = {"status": [], "report": ["-o", str(tmp_path / "bao-cao.docx")],
           "remind": ["-o", str(tmp_path / "don-doc.docx")], "build": ["-o", str(tmp_path / "build")]}[command]
    return CliRunner().invoke(cli, [command, str(case_dir), *out, "--as-of", as_of],
                              env={"DISPATCH_GEN_TODAY": "2026-01-23"})


COMMANDS = ["status", "report", "remind", "build"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_far_future_as_of_is_refused_naming_the_option_and_the_date(case_dir, tmp_path, command):
    result = _run(case_dir, tmp_path, command, "23/01/2062")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == ("Lỗi: giá trị không hợp lệ cho --as-of: ngày 23/01/2062 quá xa: chỉ tính trước được đến "
                         "ngày 23/02/2026 (31 ngày sau hôm nay, 23/01/2026); kiểm tra lại ngày, tháng, năm đã gõ")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [case_dir.name]  # nothing written
    assert not (case_dir / ".dispatch-gen").exists()  # refused before the case's store was opened


@pytest.mark.parametrize("command", COMMANDS)
def test_tomorrows_meeting_is_prepared_with_a_one_line_warning(case_dir, tmp_path, command, no_office):
    result = _run(case_dir, tmp_path, command, "24/01/2026")
    assert result.exit_code == 0, result.output
    warning = ("Cảnh báo: --as-of 24/01/2026 là ngày sau hôm nay (23/01/2026): tình hình được tính trước, như thể "
               "từ nay đến hết ngày đó không nhận thêm phiếu nào")
    assert result.output.count(warning) == 1, result.output
    assert result.output.startswith(warning) or command == "build", result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_today_and_earlier_days_say_nothing(case_dir, tmp_path, command, no_office):
    result = _run(case_dir, tmp_path, command, "23/01/2026")
    assert result.exit_code == 0, result.output
    assert "--as-of" not in result.output

"""Issue 10 part B on the second sample case (data/phong-lac): unit kinds, collectors, who a letter
is addressed to, letters in a clerk's words. The case differs from cam-linh on purpose: 14 units
mixing thôn and tổ dân phố, 12 village criteria, a deputy signing with KT., UBND-VP, KHẨN, several
collectors and deadlines, an address line, 2026 dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dispatch_gen import roles
from dispatch_gen.errors import RecordError
from dispatch_gen.records import load_case

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "data" / "phong-lac"


@pytest.fixture
def second_copy(tmp_path: Path) -> Path:
    """A private copy of the second sample case (no state)."""
    dst = tmp_path / "phong lạc"  # a space and a Vietnamese letter, as on a clerk's machine
    shutil.copytree(SECOND, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return dst


def test_second_case_is_what_the_issue_asks_for():
    case = load_case(SECOND)
    kinds = [roles.kind_of(case, v).name for v in case.villages]
    assert len(case.villages) == 14 and set(kinds) == {"thôn", "tổ dân phố"}
    assert len(case.village_criteria.criteria) == 12
    assert case.signer.title_lines[0].startswith("KT.")
    assert case.dispatch.unit == "VP" and case.dispatch.urgency == "KHẨN"
    assert case.agency.address and case.dispatch.date.year == 2026
    assert len({t.report_to for t in case.dispatch.tasks if t.report_to}) >= 2
    assert len({t.deadline for t in case.dispatch.tasks if t.deadline}) >= 3
    assert all(o.sample for o in case.officers) and all(v.sample for v in case.villages)


@pytest.mark.parametrize(("kind", "head", "board", "party"), [
    ("thôn", "Trưởng thôn", "Ban phát triển thôn", "Chi ủy"),
    ("tổ dân phố", "Tổ trưởng tổ dân phố", "Ban điều hành tổ dân phố", "Chi bộ"),
    ("Tổ  dân phố", "Tổ trưởng tổ dân phố", "Ban điều hành tổ dân phố", "Chi bộ"),
    ("bản", "Trưởng bản", "Ban phát triển bản", "Chi ủy"),
    ("khu phố", "Trưởng khu phố", "Ban điều hành khu phố", "Chi bộ"),
])
def test_shipped_kinds_name_the_leaders(kind, head, board, party):
    k = roles.SHIPPED[roles.key(kind)]
    assert (k.head, roles.board_of(k), k.party) == (head, board, party)


def test_unknown_kind_is_refused_at_its_record(second_copy):
    path = second_copy / "villages.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",tổ dân phố,Tô Văn Bắc", ",tổ dân phô,Tô Văn Bắc"),
                    encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load_case(second_copy)
    line = str(err.value)
    assert "villages.csv › dòng 11 › kind: loại đơn vị «tổ dân phô» chưa có" in line
    assert "«tổ dân phô»" in line and "unit_kinds" in line


def test_a_case_defines_its_own_kind(second_copy):
    case_yaml = second_copy / "case.yaml"
    case_yaml.write_text(case_yaml.read_text(encoding="utf-8") + (
        "unit_kinds:\n  tổ dân phố:\n    name: tổ dân phố\n    head: Tổ trưởng\n"
        "    board: Ban điều hành\n    party: Chi bộ\n"), encoding="utf-8")
    case = load_case(second_copy)
    tdp = next(v for v in case.villages if v.kind == "tổ dân phố")
    assert roles.kind_of(case, tdp).head == "Tổ trưởng"
    assert roles.units_word(case) == "thôn, tổ dân phố"

"""The shipped criteria sets (issue 15): every file passes the schema, counts and marks are honest."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from dispatch_gen.case import criteria_library as lib
from dispatch_gen.errors import RecordError

FILES = sorted(lib.LIBRARY_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_set_passes_the_schema(path, tmp_path):
    shutil.copy(path, tmp_path / path.name)
    (found,) = lib.load_library(tmp_path).values()
    assert found.id == path.stem
    assert found.basis and found.annex and found.valid_from >= found.signed
    if found.status == "placeholder":
        assert not any(c.verified for c in found.criteria)


def test_the_library_holds_the_three_kinds_of_set():
    sets = lib.library()
    old, new = sets["xa-ntm-2021-2025"], sets["xa-ntm-2026-2030"]
    assert (len(old.criteria), len(old.groups), old.targets_by) == (19, 5, "region")
    assert sum(len(c.indicators) for c in old.criteria) == old.indicator_count == 57
    assert (len(new.criteria), new.targets_by, [t.code for t in new.targets]) == (10, "commune_group", ["1", "2", "3"])
    assert new.indicator_count == 47 and new.indicators_pending
    assert any(s.level == "village" and s.status == "placeholder" for s in sets.values())


def test_unverified_wording_is_marked_and_12_1_carries_the_verified_text():
    old = lib.library()["xa-ntm-2021-2025"]
    by_code = {i.code: i for c in old.criteria for i in c.indicators}
    assert by_code["12.1"].verified and by_code["12.1"].text == \
        "Tỷ lệ lao động qua đào tạo (áp dụng đạt cho cả nam và nữ)"
    assert sum(not i.verified for i in by_code.values()) == 56
    assert all(c.verified for c in old.criteria)  # numbers and names are verified, their wording not
    # no numeric threshold is shipped: none was verified
    assert not any("%" in (i.requirement or "") or i.targets for i in by_code.values())


@pytest.mark.parametrize("day, expected", [
    (dt.date(2024, 11, 20), "xa-ntm-2021-2025"), (dt.date(2026, 2, 14), "xa-ntm-2021-2025"),
    (dt.date(2026, 2, 15), "xa-ntm-2026-2030"), (dt.date(2030, 12, 31), "xa-ntm-2026-2030")])
def test_the_set_in_force_follows_the_validity_periods(day, expected):
    assert lib.in_force("commune", day).id == expected


def test_resolve_picks_the_commune_group_and_keeps_marks():
    new = lib.library()["xa-ntm-2026-2030"]
    resolved = lib.resolve(new, new.target("2"))
    assert resolved.target.startswith("Nhóm 2") and resolved.annex == new.annex
    assert [c.indicators for c in resolved.criteria] == [[]] * 10
    old = lib.library()["xa-ntm-2021-2025"]
    region = lib.resolve(old, old.target("Bắc Trung Bộ"))
    assert region.target == "Vùng Bắc Trung Bộ"
    assert {i.requirement for c in region.criteria for i in c.indicators} == {"", "Đạt", "Không"}


@pytest.mark.parametrize("edit, reason", [
    (lambda d: d["criteria"].append(dict(d["criteria"][0])), "criterion 1 twice"),
    (lambda d: d["criteria"][0]["indicators"].pop(), "56 indicators, the official count is 57"),
    (lambda d: d["groups"][0]["criteria"].append("99"), "unknown criterion 99"),
    (lambda d: d["criteria"][0]["indicators"][0].update(targets={"mars": "1"}), "unknown target mars"),
    (lambda d: d.update(valid_to="2020-01-01"), "valid_to before valid_from"),
    (lambda d: d.update(status="placeholder"), "placeholder set cannot have verified"),
    (lambda d: d.update(wording="x"), "wording"),
])
def test_a_malformed_set_is_refused_naming_the_file(tmp_path, edit, reason):
    data = yaml.safe_load((lib.LIBRARY_DIR / "xa-ntm-2021-2025.yaml").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "xa-ntm-2021-2025.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RecordError) as err:
        lib.load_library(tmp_path)
    assert "criteria_sets/xa-ntm-2021-2025.yaml" in str(err.value) and reason in str(err.value)


def test_a_set_whose_id_differs_from_its_file_name_is_refused(tmp_path):
    shutil.copy(lib.LIBRARY_DIR / "xa-ntm-2026-2030.yaml", tmp_path / "other.yaml")
    with pytest.raises(RecordError, match="other.yaml"):
        lib.load_library(tmp_path)


@pytest.mark.parametrize("target, expected", [("1", ["≥ 95%", "Đạt"]), ("Nhóm 3", ["≥ 70%", "Đạt"]), (None, ["", "Đạt"])])
def test_a_form_shows_the_requirement_of_the_commune_s_group(tmp_path, target, expected):
    """Per-group targets, as a commune or a later release types them, resolve to this commune's."""
    data = yaml.safe_load((lib.LIBRARY_DIR / "xa-ntm-2026-2030.yaml").read_text(encoding="utf-8"))
    data["indicator_count"] = 2
    data["criteria"][0]["indicators"] = [
        {"code": "1.1", "text": "Chỉ tiêu thử có mức theo nhóm", "targets": {"1": "≥ 95%", "2": "≥ 90%", "3": "≥ 70%"}},
        {"code": "1.2", "text": "Chỉ tiêu thử có mức chung", "requirement": "Đạt"}]
    (tmp_path / "xa-ntm-2026-2030.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (found,) = lib.load_library(tmp_path).values()
    resolved = lib.resolve(found, found.target(target))
    assert [i.requirement for i in resolved.criteria[0].indicators] == expected

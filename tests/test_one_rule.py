"""Rules that used to be written twice, now one shared helper each: the helper's table, both users.

(``duplicates`` found them: villages vs criteria in ``report.data``, the two work sections of
``report.wording``, the "element missing" preamble of the ND30 rules.)
"""

from __future__ import annotations

import pytest

from dispatch_gen.report import data as report_data
from dispatch_gen.report import wording
from dispatch_gen.report.data import CriterionResult, IndicatorRow, VillageResult, VillageRow


def _criterion(reported: bool, *verdicts: str | None) -> CriterionResult:
    rows = tuple(IndicatorRow(f"1.{i}", "chỉ tiêu", "yêu cầu", dat=v) for i, v in enumerate(verdicts, 1))
    return CriterionResult("1", "Quy hoạch", "tc-01", reported, lead="", indicators=rows)


def _village(reported: bool, *verdicts: str | None) -> VillageResult:
    rows = tuple(VillageRow(str(i), "tiêu chí", dat=v) for i, v in enumerate(verdicts, 1))
    return VillageResult("t1", "Thôn 1", "thon-01", reported, rows)


# verdicts, reported -> (codes not met, codes not self-assessed): the same for both kinds
JUDGED = [
    (("Đạt", "Chưa đạt", None), True, ([2], [3])),
    (("Đạt", "Đạt"), True, ([], [])),
    (("", "Không rõ", "Chưa đạt"), True, ([3], [1, 2])),  # free text is not a verdict
    ((None, None), False, ([], [])),  # nothing sent: not "chưa tự đánh giá" either
]


@pytest.mark.parametrize("make", [_criterion, _village], ids=["criterion", "village"])
@pytest.mark.parametrize("verdicts, reported, expected", JUDGED)
def test_not_met_and_not_assessed_are_one_rule_for_criteria_and_villages(make, verdicts, reported, expected):
    result = make(reported, *verdicts)
    items = list(result.items)
    assert ([items.index(i) + 1 for i in result.unmet], [items.index(i) + 1 for i in result.unassessed]) == expected


def test_a_criterion_is_met_only_when_every_indicator_is():
    assert _criterion(True, "Đạt", "Đạt").met is True
    assert _criterion(True, "Đạt", "Chưa đạt").met is False
    assert _criterion(True, "Đạt", None).met is None
    assert _criterion(False, None).met is None
    assert _village(True, "Đạt", "Đạt").full and not _village(True, "Đạt", None).full


@pytest.mark.parametrize("items, expected", [
    ([], [("para", "Không có gì.")]),
    (["a"], [("para", "Có 1:"), ("bullet", "mục a.")]),
    (["a", "b", "c"], [("para", "Có 3:"), ("bullet", "mục a;"), ("bullet", "mục b;"), ("bullet", "mục c.")]),
])
def test_a_work_section_is_nothing_or_an_intro_and_a_bullet_each(items, expected):
    """Items end with ";" and the last with "." (ND30 §9's rule for lists)."""
    blocks = wording._listing(items, "Không có gì.", f"Có {len(items)}:", lambda x: f"mục {x}")
    assert [(b["kind"], b["text"]) for b in blocks] == expected


def test_both_work_sections_of_the_report_use_it():
    villages = [_village(True, "Đạt", "Chưa đạt"), _village(True, "Đạt", "Đạt")]
    data = report_data.ReportData(report_data.dt.date(2026, 3, 29), [_criterion(True, "Đạt")], villages,
                                  [("1", "A"), ("2", "B")], [], [])
    texts = [b.get("text") for b in wording.report_blocks(_case(), data, wording.ReportSettings(), ("Công văn số", "ngày"),
                                                       {})]
    assert "Chưa có báo cáo khối lượng công việc còn lại của các tiêu chí." in texts
    start = texts.index("Các tiêu chí chưa đạt, với khối lượng còn lại, người thực hiện, người chỉ đạo, nguồn lực, "
                        "khó khăn và giải pháp của từng thôn:")
    assert texts[start + 1] == "Thôn 1 (đạt 1/2): tiêu chí 2 (tiêu chí)."  # the only item: the last


def _case():
    from conftest import SAMPLE

    from dispatch_gen.case.records import load_case

    return load_case(SAMPLE)


# --- check: a rule about one element says only "missing" when it is absent, and only if needed
def _doc(**elements):
    from types import SimpleNamespace

    return SimpleNamespace(**{"so": None, **elements})


@pytest.mark.parametrize("doc, needed, expected", [
    (_doc(), True, [("17.11", "toàn văn bản", "không có số, ký hiệu văn bản «Số: …»", "Số: 05/UBND-VP")]),
    (_doc(), False, []),  # this kind of document need not have it
    (_doc(so=[]), True, [("17.11", "toàn văn bản", "không có số, ký hiệu văn bản «Số: …»", "Số: 05/UBND-VP")]),
    (_doc(so="Số: 01/UBND"), True, [("17.11", "x", "Số: 01/UBND", "y")]),  # found: the check judges it
])
def test_an_element_rule_reports_a_missing_element_once(doc, needed, expected):
    from dispatch_gen.check.findings import Violation
    from dispatch_gen.check.rules import _element

    @_element("so", "17.11", "check_el_so", lambda: "Số: 05/UBND-VP", lambda d: needed)
    def judged(d, found):
        yield Violation("17.11", "x", found, "y")

    assert [(v.rule, v.where, v.found, v.required) for v in judged(doc)] == expected
    assert judged.__name__ == "judged"  # the rule keeps its name (RULES and logs name it)


# --- web: the login and first-start pages are one macro
def test_the_password_pages_share_one_form_macro():
    import re

    from jinja2 import Environment, FileSystemLoader

    from dispatch_gen.web.app import HERE

    folder = HERE / "templates"
    macro = Environment(loader=FileSystemLoader(folder), autoescape=True).get_template("_password_form.html")
    html = str(macro.module.password_page("Đặt mật khẩu", "/setup", [("password", "Mật khẩu <mới>", "new-password"),
                                                                      ("repeat", "Nhập lại", "new-password")],
                                          "Lưu", error="Hai lần nhập khác nhau", csrf="tok\"en", intro="Lần đầu"))
    assert '<form method="post" action="/setup"' in html and 'value="tok&#34;en"' in html
    assert re.findall(r'<label for="(\w+)">', html) == re.findall(r'<input id="(\w+)"', html) == ["password", "repeat"]
    assert html.count("autofocus") == 1 and "Mật khẩu &lt;mới&gt;" in html
    assert 'role="alert">Hai lần nhập khác nhau<' in html and "<p>Lần đầu</p>" in html
    for page in ("login.html", "setup.html"):
        assert 'import password_page' in (folder / page).read_text(encoding="utf-8")

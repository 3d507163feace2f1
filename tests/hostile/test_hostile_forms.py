"""Issue 16, point 3: a form can't answer for another unit, and ambiguous packages are refused.

Forms are made the way the ``forms`` command makes them (``keyed_forms``: the case's key signs each
form's identity). The attacks edit only what the issue says was enough: ``dg.unit``.
"""

from __future__ import annotations

import pytest
from attacks import CUSTOM, DOC, claim, drop_mac, fill, keyed_forms, new_case, part, with_duplicate
from hardening import filled

from dispatch_gen.collect.stage import collect
from dispatch_gen.store import open_store
from dispatch_gen.workspace import open_case


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    base = tmp_path_factory.mktemp("keyed")
    case_dir = new_case(base)
    return case_dir, keyed_forms(case_dir, base / "forms")


def _collect(case_dir, tmp_path, files: dict[str, bytes]):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    result = collect(open_case(case_dir), [inbox / n for n in files])
    return {f.path.name: f for f in result.files}


def _current(case_dir) -> dict[str, str]:
    with open_store(case_dir) as db:
        return {r["unit"]: r["file_name"] for r in db.submissions() if r["status"] == "accepted"}


def test_forms_carry_a_mac_that_verifies(keyed):
    _, forms = keyed
    assert b'name="dg.mac"' in part(forms["thon-01"], CUSTOM)
    assert part(forms["thon-01"], CUSTOM) != part(forms["thon-02"], CUSTOM)


def test_a_form_relabelled_for_another_unit_is_refused(keyed, tmp_path):
    case_dir, forms = keyed
    genuine5 = fill(forms["thon-05"], "thon-05", "a")
    forged4 = claim(fill(forms["thon-01"], "thon-01", "b"), "thon-01", "thon-04")
    forged5 = claim(fill(forms["thon-01"], "thon-01", "c"), "thon-01", "thon-05")
    out = _collect(case_dir, tmp_path, {"1-genuine5.docx": genuine5, "2-forged4.docx": forged4,
                                        "3-forged5.docx": forged5})
    assert out["1-genuine5.docx"].outcome == "accepted"
    for name in ("2-forged4.docx", "3-forged5.docx"):
        assert out[name].outcome == "rejected"
        assert "mã xác thực" in out[name].reason
        assert out[name].unit is None  # not attributed (nor archived) under the unit it claims
    current = _current(case_dir)
    assert "thon-04" not in current
    assert current["thon-05"] == "1-genuine5.docx"  # the genuine form is not superseded


def test_a_form_without_mac_in_a_keyed_case_is_accepted_with_a_warning(keyed, tmp_path):
    case_dir, forms = keyed
    out = _collect(case_dir, tmp_path, {"old.docx": drop_mac(fill(forms["thon-06"], "thon-06"))})
    assert out["old.docx"].outcome == "accepted"
    assert any("mã xác thực" in w for w in out["old.docx"].warnings)


def test_without_mac_the_printed_unit_still_gives_the_lie_away(keyed, tmp_path):
    case_dir, forms = keyed
    forged = claim(drop_mac(fill(forms["thon-01"], "thon-01")), "thon-01", "thon-07")
    out = _collect(case_dir, tmp_path, {"forged.docx": forged})
    assert out["forged.docx"].outcome == "rejected"
    assert "Thôn 1" in out["forged.docx"].reason and "Thôn 7" in out["forged.docx"].reason


def test_a_case_that_never_signed_forms_checks_the_printed_unit(tmp_path):
    """Forms from before issue 16 (no key anywhere): the body's unit line is the check."""
    case_dir = new_case(tmp_path)
    good = filled("thon-02")
    out = _collect(case_dir, tmp_path, {"good.docx": good, "forged.docx": claim(filled("thon-03"), "thon-03",
                                                                                    "thon-08")})
    assert out["good.docx"].outcome == "accepted" and not out["good.docx"].warnings
    assert out["forged.docx"].outcome == "rejected"
    assert "thon-08" not in _current(case_dir)


def _identity_twice(data: bytes) -> bytes:
    from hardening import rewrite

    def edit(name, body):
        if name != CUSTOM:
            return body
        extra = (b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="99" name="dg.unit">'
                 b"<vt:lpwstr>thon-04</vt:lpwstr></property>")
        return body.replace(b"</Properties>", extra + b"</Properties>")
    return rewrite(data, edit)


AMBIGUOUS = {
    "two-custom.docx": (lambda g: with_duplicate(g, CUSTOM, part(claim(g, "thon-03", "thon-04"), CUSTOM)),
                        "hai phần cùng tên"),
    "two-documents.docx": (lambda g: with_duplicate(g, DOC, part(g, DOC)), "hai phần cùng tên"),
    "two-documents-case.docx": (lambda g: with_duplicate(g, DOC.upper(), part(g, DOC)), "hai phần cùng tên"),
    "unit-twice.docx": (_identity_twice, "hai lần"),
}


@pytest.mark.parametrize("name", sorted(AMBIGUOUS))
def test_ambiguous_packages_are_refused(tmp_path, name):
    case_dir = new_case(tmp_path)
    build, words = AMBIGUOUS[name]
    out = _collect(case_dir, tmp_path, {name: build(filled("thon-03")), "good.docx": filled("thon-05")})
    assert out[name].outcome == "rejected" and words in out[name].reason, out[name].reason
    assert out["good.docx"].outcome == "accepted"
    assert set(_current(case_dir)) == {"thon-05"}


def test_reader_processes_check_the_mac_too(keyed, tmp_path, monkeypatch):
    """Large runs read in forked processes: they must see the case's key (set before they fork)."""
    from dispatch_gen.collect import stage

    case_dir, forms = keyed
    monkeypatch.setattr(stage, "BATCH", 2)
    files = {"g1.docx": fill(forms["thon-02"], "thon-02", "p"), "g2.docx": fill(forms["thon-03"], "thon-03", "p"),
             "f1.docx": claim(fill(forms["thon-01"], "thon-01", "p"), "thon-01", "thon-08"),
             "f2.docx": claim(fill(forms["thon-02"], "thon-02", "q"), "thon-02", "thon-07")}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    result = collect(open_case(case_dir), [inbox / n for n in files], processes=2)
    outcomes = {f.path.name: f.outcome for f in result.files}
    assert outcomes == {"g1.docx": "accepted", "g2.docx": "accepted", "f1.docx": "rejected", "f2.docx": "rejected"}

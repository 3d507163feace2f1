"""Fillable forms: generated for the sample case, checked in their XML, filled like Word, read back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from fillers import fill_like_word, strip_tags
from lxml import etree

from dispatch_gen.case.models import expected_units
from dispatch_gen.case.records import load_case
from dispatch_gen.errors import FormReadError
from dispatch_gen.forms.spec import FORM_VERSION, IDENTITY_KEYS, form_specs
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.word.formdoc import build_form
from dispatch_gen.word.sdt import read_answers, read_identity

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"
NASTY = 'A & B < C > D "E" \'F\' {{ x }} {% y %}'


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _doc(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _sdts(root) -> dict[str, etree._Element]:
    return {s.find("w:sdtPr/w:tag", NS).get(_w("val")): s for s in root.iter(_w("sdt"))}


@pytest.fixture(scope="module")
def forms(case, tmp_path_factory) -> list[Path]:
    """Every generated form of the sample case (``case``, ``specs``: tests/sample_forms.py), made once."""
    return make_forms(case, tmp_path_factory.mktemp("forms"))


def _form(forms: list[Path], unit: str) -> bytes:
    return next(p.read_bytes() for p in forms if p.name.startswith(unit + "-"))


def answers_for(spec, salt: int = 0) -> dict[str, object]:
    """A value for every field, with XML-special characters, line breaks and tabs."""
    out: dict[str, object] = {}
    for i, f in enumerate(spec.fields):
        n = i + salt
        if f.kind == "dropdown":
            out[f.tag] = f.options[n % len(f.options)]
        elif f.kind == "date":
            out[f.tag] = dt.date(2025, 1 + n % 12, 1 + n % 28)
        elif f.kind == "multiline":
            out[f.tag] = f"Dòng 1 {NASTY} {f.row}\nDòng 2: Đường liên thôn 350 m\nDòng 3\tcột"
        elif f.kind == "checkbox":
            out[f.tag] = n % 2 == 0
        else:
            out[f.tag] = f"{NASTY} – {f.tag}"
    return out


# --- generation ---------------------------------------------------------------------------------

def test_one_form_per_unit_named_by_code_and_slug(case, forms):
    names = [p.name for p in forms]
    units = [u for u in expected_units(case) if u.form]
    assert len(names) == len(units) == 8 + 19 + 5
    assert "thon-01-thon-1.docx" in names
    assert "tc-02-giao-thong.docx" in names
    assert "nhom-ii-ha-tang-kinh-te-xa-hoi.docx" in names


def test_output_is_deterministic(case, specs, forms):
    spec = specs["tc-17"]
    first = build_form(spec, case.agency.name_lines)
    assert first == build_form(spec, case.agency.name_lines) == _form(forms, "tc-17")
    for info in zipfile.ZipFile(io.BytesIO(first)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize("unit", ["thon-01", "tc-02", "tc-17", "nhom-ii"])
def test_controls_match_the_spec(specs, forms, unit):
    spec = specs[unit]
    root = _doc(_form(forms, unit))
    sdts = list(root.iter(_w("sdt")))
    tags = [s.find("w:sdtPr/w:tag", NS).get(_w("val")) for s in sdts]
    assert tags == [f.tag for f in spec.fields]  # unique, in the spec's order
    ids = [s.find("w:sdtPr/w:id", NS).get(_w("val")) for s in sdts]
    assert len(set(ids)) == len(ids)
    for f, sdt in zip(spec.fields, sdts, strict=True):
        pr = sdt.find("w:sdtPr", NS)
        assert pr.find("w:alias", NS).get(_w("val")) == f.label
        assert pr.find("w:showingPlcHdr", NS) is not None
        run = sdt.find("w:sdtContent/w:r", NS)
        assert run.find("w:rPr/w:rStyle", NS).get(_w("val")) == "PlaceholderText"
        assert run.findtext("w:t", namespaces=NS) == f.placeholder
        if f.kind == "dropdown":
            items = pr.findall("w:dropDownList/w:listItem", NS)
            assert tuple(i.get(_w("displayText")) for i in items) == f.options
            assert all(i.get(_w("value")).isascii() for i in items)
        elif f.kind == "date":
            assert pr.find("w:date/w:dateFormat", NS).get(_w("val")) == "dd/MM/yyyy"
            assert pr.find("w:date/w:lid", NS).get(_w("val")) == "vi-VN"
        elif f.kind in ("text", "multiline"):  # rich text: LibreOffice keeps its line breaks and prints
            # its placeholder grey (a plain-text control's came out black, as if typed in)
            assert pr.find("w:text", NS) is None and pr.find("w:dropDownList", NS) is None


def test_tags_follow_the_documented_scheme(specs):
    spec = specs["tc-02"]
    assert spec.field("ct.2-1.hien_trang").row == "2.1"
    assert spec.field("ct.2-1.dat").options == ("Đạt", "Chưa đạt")
    assert spec.field("hs.1.tinh_trang").options == ("Đã có", "Chưa có", "Cần bổ sung")
    assert specs["thon-03"].field("kdc.3.dat").kind == "dropdown"
    assert specs["thon-03"].field("kdc.3.han").kind == "date"
    for s in specs.values():
        assert all(set(f.tag) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
                   for f in s.fields)


def test_village_form_has_every_village_criterion_and_prefilled_officers(specs, forms):
    spec = specs["thon-01"]
    assert [r.key for r in spec.section("kdc").rows] == [str(n) for n in range(1, 11)]
    columns = {f.column for f in spec.fields}
    assert columns == {"dat", "khoi_luong", "thuc_hien", "chi_dao", "nguon_luc", "kho_khan", "giai_phap", "han"}
    text = "".join(_doc(_form(forms, "thon-01")).itertext())
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ CẨM LĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "PHIẾU ĐÁNH GIÁ MỨC ĐỘ ĐẠT CHUẨN KHU DÂN CƯ",
                     "(Kèm theo Công văn số …/UBND ngày … tháng … năm … của Ủy ban nhân dân xã Cẩm Lĩnh)",
                     "Hướng dẫn:", "Thôn 1", "Nguyễn Văn Một", "Trần Thị Một", "Hoàng Văn Mẫu", "Hàng rào"):
        assert expected in text


def test_criterion_form_has_indicators_work_and_dossier(specs, forms):
    spec = specs["tc-02"]
    assert [s.key for s in spec.sections] == ["ct", "cv", "hs"]
    assert [r.key for r in spec.section("ct").rows] == ["2.1", "2.2", "2.3", "2.4"]
    assert len(spec.section("hs").rows) == 4
    text = "".join(_doc(_form(forms, "tc-02")).itertext())
    assert "Biên bản nghiệm thu công trình" in text and "Lê Văn Ví Dụ" in text


def test_group_sheet_lists_criteria_and_leads(specs, forms):
    spec = specs["nhom-ii"]
    assert [r.key for r in spec.section("td").rows] == ["2", "3", "4", "5", "6", "7", "8", "9"]
    text = "".join(_doc(_form(forms, "nhom-ii")).itertext())
    assert "Đỗ Văn Minh Họa" in text and "Trần Văn Mẫu" in text


def test_landscape_sections_and_page_setup(forms):
    def orients(unit):
        root = _doc(_form(forms, unit))
        return [s.find("w:pgSz", NS).get(_w("orient")) for s in root.iter(_w("sectPr"))]

    assert orients("thon-01") == ["landscape"]
    assert orients("tc-02") == [None, "landscape", None]  # indicators | wide work table | dossier
    assert orients("nhom-ii") == [None]


def test_protection_fonts_and_identity(specs, forms):
    data = _form(forms, "tc-05")
    z = zipfile.ZipFile(io.BytesIO(data))
    settings = etree.fromstring(z.read("word/settings.xml"))
    prot = settings.find("w:documentProtection", NS)
    assert prot.get(_w("edit")) == "forms" and prot.get(_w("enforcement")) == "1"
    assert settings[0] is prot  # schema order: before defaultTabStop
    assert b'w:ascii="Times New Roman"' in z.read("word/styles.xml")
    assert read_identity(data) == dict(zip(IDENTITY_KEYS, ("cam-linh-2024-11", "criterion", "tc-05", FORM_VERSION),
                                           strict=True))
    assert "docProps/custom.xml" in z.read("[Content_Types].xml").decode()
    assert "custom-properties" in z.read("_rels/.rels").decode()


# --- reading back ---------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["thon-02", "tc-02", "tc-17", "nhom-iv"])
def test_round_trip_by_tags_and_by_positions(specs, forms, unit):
    spec = specs[unit]
    answers = answers_for(spec)
    filled = fill_like_word(_form(forms, unit), answers)
    by_tags = read_answers(filled, spec)
    assert by_tags.method == "tags" and by_tags.problems == []
    assert by_tags.values == answers
    by_pos = read_answers(strip_tags(filled), spec)
    assert by_pos.method == "positions" and by_pos.problems == []
    assert by_pos.values == answers


def test_unfilled_form_reads_empty(specs, forms):
    spec = specs["thon-01"]
    for data in (_form(forms, "thon-01"), strip_tags(_form(forms, "thon-01"))):  # flag lost: text still known
        result = read_answers(data, spec)
        assert result.problems == []
        assert set(result.values) == {f.tag for f in spec.fields}
        assert all(v is None for v in result.values.values())


def test_partially_filled_keeps_the_rest_empty(specs, forms):
    spec = specs["thon-01"]
    filled = fill_like_word(_form(forms, "thon-01"), {"kdc.4.dat": "Chưa đạt", "kdc.4.han": dt.date(2025, 3, 5)})
    for data in (filled, strip_tags(filled)):
        values = read_answers(data, spec).values
        assert values["kdc.4.dat"] == "Chưa đạt" and values["kdc.4.han"] == dt.date(2025, 3, 5)
        assert values["kdc.5.dat"] is None and values["kdc.4.kho_khan"] is None


def _edit(data: bytes, change) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(z.read("word/document.xml"))
    change(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in z.infolist():
            dst.writestr(info, etree.tostring(root) if info.filename == "word/document.xml" else z.read(info))
    return out.getvalue()


def test_dates_without_full_date_are_parsed_or_kept_as_typed(specs, forms):
    spec = specs["thon-01"]
    filled = fill_like_word(_form(forms, "thon-01"), {"kdc.1.han": dt.date(2025, 6, 30), "kdc.2.han": "31/02/2025",
                                                      "kdc.3.dat": "chua-dat"})

    def drop_full_date(root):
        for node in root.iter(_w("date")):
            node.attrib.pop(_w("fullDate"), None)

    result = read_answers(_edit(filled, drop_full_date), spec)
    assert result.values["kdc.1.han"] == dt.date(2025, 6, 30)  # from the text dd/MM/yyyy
    # not a date: kept as typed for the collector to judge (a period, or flagged), never a form-level problem
    assert result.values["kdc.2.han"] == "31/02/2025" == result.raw["kdc.2.han"]
    assert not result.problems
    assert result.values["kdc.3.dat"] == "Chưa đạt"  # an item's value maps back to its item


def test_duplicate_and_unknown_tags_are_reported(specs, forms):
    spec = specs["thon-01"]

    def tamper(root):
        tags = {s.find("w:sdtPr/w:tag", NS).get(_w("val")): s for s in root.iter(_w("sdt"))}
        tags["kdc.2.dat"].find("w:sdtPr/w:tag", NS).set(_w("val"), "kdc.1.dat")
        tags["kdc.3.dat"].find("w:sdtPr/w:tag", NS).set(_w("val"), "xyz.9.bad")

    result = read_answers(_edit(_form(forms, "thon-01"), tamper), spec)
    text = "\n".join(result.problems)
    assert "kdc.1.dat" in text and "2 lần" in text
    assert "xyz.9.bad" in text and "kdc.2.dat" in text and "kdc.3.dat" in text  # missing ones named


def test_hostile_or_broken_files_are_refused(forms, specs):
    with pytest.raises(FormReadError):
        read_identity(b"not a zip at all")
    data = _form(forms, "thon-01")
    z = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in z.infolist():
            body = z.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(info, body)
    with pytest.raises(FormReadError):
        read_answers(out.getvalue(), specs["thon-01"])


def test_twelve_village_criteria_work_unchanged(case_copy, tmp_path):
    path = case_copy / "criteria.yaml"
    source = path.read_text(encoding="utf-8")
    extra = ('    - {code: "11", name: "Vườn mẫu & cảnh quan <xanh>"}\n'
             '    - {code: "12", name: "Thôn thông minh"}\n')
    path.write_text(source.rstrip("\n") + "\n" + extra, encoding="utf-8")
    case = load_case(case_copy)
    spec = form_specs(case)["thon-05"]
    assert [r.key for r in spec.section("kdc").rows][-2:] == ["11", "12"]
    assert "12/12" in spec.section("kdc").heading
    data = next(p for p in make_forms(case, tmp_path / "out") if p.name.startswith("thon-05-")).read_bytes()
    answers = answers_for(spec, salt=3)
    filled = fill_like_word(data, answers)
    assert read_answers(filled, spec).values == answers
    assert read_answers(strip_tags(filled), spec).values == answers
    assert "Vườn mẫu & cảnh quan <xanh>" in "".join(_doc(data).itertext())


def test_cli_forms_writes_every_form(case_copy, tmp_path, capsys):
    from dispatch_gen.cli import main

    main(["forms", str(case_copy), "-o", str(tmp_path / "phieu")])
    written = sorted(p.name for p in (tmp_path / "phieu").glob("*.docx"))
    assert len(written) == 32 and "tc-19-quoc-phong-va-an-ninh.docx" in written
    assert sorted(p.name for p in (tmp_path / "phieu").iterdir() if p.suffix != ".docx") == [
        "danh-sach-gui.html", "danh-sach-gui.xlsx"]  # the send list beside the forms (issue 13)
    assert "Đã ghi:" in capsys.readouterr().out


# --- LibreOffice ----------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_resave_still_reads_every_answer(specs, forms, tmp_path):
    units = ["thon-03", "tc-02", "tc-13", "nhom-i"]
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    expected = {}
    for n, unit in enumerate(units):
        expected[unit] = answers_for(specs[unit], salt=n)
        (src / f"{unit}.docx").write_bytes(fill_like_word(_form(forms, unit), expected[unit]))
    expected["thon-04"] = {}  # an unfilled form: LibreOffice drops the placeholder flag
    (src / "thon-04.docx").write_bytes(_form(forms, "thon-04"))
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
                    "--outdir", str(dst), *sorted(str(p) for p in src.iterdir())],
                   check=True, capture_output=True, timeout=240)
    for unit, answers in expected.items():
        data = (dst / f"{unit}.docx").read_bytes()
        assert read_identity(data)["dg.unit"] == unit
        result = read_answers(data, specs[unit])
        assert result.problems == [], (unit, result.problems[:3])
        assert result.values == {f.tag: answers.get(f.tag) for f in specs[unit].fields}, unit

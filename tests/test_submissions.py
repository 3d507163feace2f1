"""Honest collection (issue 11): blank, partial and messy forms, as officers really return them.

Forms are generated once per module from the sample case's records and filled by hand here the
way Word and LibreOffice save them: cleared fields showing Word's own prompt, placeholder text kept
after a re-save, dates typed as text, required answers left out.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import SAMPLE
from fillers import fill_like_word
from lxml import etree

from dispatch_gen.forms import make_forms
from dispatch_gen.formspec import form_specs
from dispatch_gen.records import load_case
from dispatch_gen.word.sdt import read_answers, read_identity

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def case():
    return load_case(SAMPLE)


@pytest.fixture(scope="module")
def specs(case):
    return form_specs(case)


@pytest.fixture(scope="module")
def blank_forms(case, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("forms")
    return {read_identity(p.read_bytes())["dg.unit"]: p.read_bytes() for p in make_forms(case, out)}


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _rewrite(data: bytes, edit) -> bytes:
    """The package with ``word/document.xml`` passed through ``edit(root)``."""
    parts = _parts(data)
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, raw in parts.items():
            zf.writestr(name, raw)
    return buf.getvalue()


def _control(root, tag: str):
    return next(s for s in root.iter(_w("sdt")) if s.find(f"{_w('sdtPr')}/{_w('tag')}").get(_w("val")) == tag)


def _show(tag: str, text: str, *, style: str | None, flag: bool):
    """Edit: control ``tag`` shows ``text`` (in ``style``), with or without ``w:showingPlcHdr``."""
    def edit(root):
        sdt = _control(root, tag)
        pr = sdt.find(_w("sdtPr"))
        for old in pr.findall(_w("showingPlcHdr")):
            pr.remove(old)
        if flag:
            pr.find(_w("lock")).addnext(etree.Element(_w("showingPlcHdr")))
        content = sdt.find(_w("sdtContent"))
        for child in list(content):
            content.remove(child)
        run = etree.SubElement(content, _w("r"))
        if style:
            etree.SubElement(etree.SubElement(run, _w("rPr")), _w("rStyle"), {_w("val"): style})
        etree.SubElement(run, _w("t")).text = text
    return edit


# --- placeholders: defined for Word, never read as answers

def test_every_control_names_a_placeholder_entry_holding_its_prompt(specs, blank_forms):
    for unit in ("thon-01", "tc-02", "nhom-ii"):
        parts = _parts(blank_forms[unit])
        glossary = etree.fromstring(parts["word/glossary/document.xml"])
        entries = {dp.find(f"{_w('docPartPr')}/{_w('name')}").get(_w("val")): "".join(dp.itertext())
                   for dp in glossary.iter(_w("docPart"))}
        root = etree.fromstring(parts["word/document.xml"])
        for f in specs[unit].fields:
            pr = _control(root, f.tag).find(_w("sdtPr"))
            part = pr.find(f"{_w('placeholder')}/{_w('docPart')}")
            if f.kind == "checkbox":
                assert part is None
                continue
            assert entries[part.get(_w("val"))] == f.placeholder, f.tag
        rels = parts["word/_rels/document.xml.rels"].decode()
        assert "glossaryDocument" in rels and 'Target="glossary/document.xml"' in rels


@pytest.mark.parametrize("text, style, flag", [
    ("Click or tap here to enter text.", "PlaceholderText", True),  # cleared in Word (old form)
    ("Click or tap here to enter text.", "PlaceholderText", False),  # ... then re-saved by LibreOffice
    ("Click or tap here to enter text.", None, False),  # ... and the style lost too
    ("Bấm hoặc gõ nhẹ vào đây để nhập văn bản.", None, False),  # Vietnamese Word
    ("Một câu bất kỳ còn kiểu chữ gợi ý", "PlaceholderText", False),  # any text in Placeholder style
    ("Nhập nội dung", None, False),  # our own prompt, style and flag lost
])
def test_a_prompt_is_never_read_as_an_answer(specs, blank_forms, text, style, flag):
    spec = specs["tc-02"]
    field = next(f for f in spec.fields if f.kind == "text")
    data = fill_like_word(blank_forms["tc-02"], {field.tag: "trả lời thật"})
    data = _rewrite(data, _show(field.tag, text, style=style, flag=flag))
    assert read_answers(data, spec).values[field.tag] is None


def test_a_real_answer_in_an_ordinary_run_is_read(specs, blank_forms):
    spec = specs["tc-02"]
    field = next(f for f in spec.fields if f.kind == "text")
    data = _rewrite(blank_forms["tc-02"], _show(field.tag, "Đã làm xong 2 km", style=None, flag=False))
    assert read_answers(data, spec).values[field.tag] == "Đã làm xong 2 km"

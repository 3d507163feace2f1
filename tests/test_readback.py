"""Issue 17: answers are read back exactly as typed; tracked deletions are not answers.

Mutation probes showed two readers nobody tested: a ``.strip()`` on every answer (an officer's
indentation and trailing spaces lost) and deleted or moved-away text (``w:del``/``w:moveFrom``) read
as part of an answer. Real forms filled like Word, then edited the way Word records tracked changes.
"""

from __future__ import annotations

import pytest
from hardening import filled, rewrite, sample
from lxml import etree

from dispatch_gen.word.sdt import read_answers

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
UNIT = "thon-01"


def _multiline_tag() -> str:
    _, specs, _ = sample()
    return next(f.tag for f in specs[UNIT].fields if f.kind == "multiline")


@pytest.mark.parametrize("typed", [
    "  thụt đầu dòng",
    "dấu cách cuối  ",
    "\tmở đầu bằng tab",
    "Dòng một\n  dòng hai thụt vào\n",
])
def test_free_text_is_read_back_exactly(typed):
    _, specs, _ = sample()
    tag = _multiline_tag()
    result = read_answers(filled(UNIT, **{tag: typed}), specs[UNIT])
    assert result.values[tag] == typed


def _with_tracked_changes(data: bytes, tag: str) -> bytes:
    """Replace the answer of ``tag`` by: kept text, an insertion, a deletion and a move-away."""
    def edit(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        root = etree.fromstring(body)
        sdt = next(s for s in root.iter(f"{{{W}}}sdt")
                   if s.find(f"{{{W}}}sdtPr/{{{W}}}tag") is not None
                   and s.find(f"{{{W}}}sdtPr/{{{W}}}tag").get(f"{{{W}}}val") == tag)
        content = sdt.find(f"{{{W}}}sdtContent")
        para = content.find(f".//{{{W}}}p")
        if para is None:  # a run-level control: its content holds runs directly
            para = content
        for child in list(para):
            if child.tag != f"{{{W}}}pPr":
                para.remove(child)
        for extra in list(content.iter(f"{{{W}}}p"))[1:]:
            extra.getparent().remove(extra)
        ns = f'xmlns:w="{W}"'
        for xml in (f'<w:r {ns}><w:t xml:space="preserve">Giữ lại </w:t></w:r>',
                    f'<w:ins {ns} w:id="901" w:author="A"><w:r><w:t>thêm vào</w:t></w:r></w:ins>',
                    f'<w:del {ns} w:id="902" w:author="A"><w:r><w:delText> đã xóa</w:delText></w:r></w:del>',
                    f'<w:moveFrom {ns} w:id="903" w:author="A"><w:r><w:t> đã chuyển đi</w:t></w:r></w:moveFrom>'):
            para.append(etree.fromstring(xml))
        showing = sdt.find(f"{{{W}}}sdtPr/{{{W}}}showingPlcHdr")
        if showing is not None:
            showing.getparent().remove(showing)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rewrite(data, edit)


def test_tracked_deletions_and_moves_are_not_read_as_answers():
    _, specs, _ = sample()
    tag = _multiline_tag()
    data = _with_tracked_changes(filled(UNIT), tag)
    assert read_answers(data, specs[UNIT]).values[tag] == "Giữ lại thêm vào"


def test_a_file_that_is_no_zip_is_refused_in_the_clerks_words():
    """zipfile's own English («File is not a zip file») never reaches the clerk."""
    from dispatch_gen.errors import FormReadError
    from dispatch_gen.word.sdt import read_identity

    with pytest.raises(FormReadError) as caught:
        read_identity(b"not a zip at all")
    assert "gói nén bị cắt cụt hoặc hỏng" in str(caught.value) and "zip file" not in str(caught.value)

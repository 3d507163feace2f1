"""The reader's text walk: the plain fast path and the general one give the same, expected text.

``word.sdt._text_of`` skips its hidden-run and tracked-change checks when ``_marks`` saw
none in the whole document (issue 11: collect speed). Each case below states the visible text of
a control's content; cases without those elements are read both ways and must agree.
"""

from __future__ import annotations

import pytest
from lxml import etree

from dispatch_gen.word import sdt

NS = f'xmlns:w="{sdt.W_NS}"'

CASES = [  # (content XML inside w:sdtContent, visible text)
    ("<w:r><w:t>Đạt</w:t></w:r>", "Đạt"),
    ("<w:r><w:t xml:space='preserve'>  hai  khoảng  </w:t></w:r>", "  hai  khoảng  "),
    ("<w:p><w:r><w:t>dòng 1</w:t></w:r></w:p><w:p><w:r><w:t>dòng 2</w:t></w:r></w:p>", "dòng 1\ndòng 2"),
    ("<w:p/><w:p><w:r><w:t>sau dòng trống</w:t></w:r></w:p>", "\nsau dòng trống"),
    ("<w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:cr/><w:t>c</w:t></w:r>", "a\nb\nc"),
    ("<w:r><w:t>a</w:t><w:br w:type='page'/><w:t>b</w:t></w:r>", "ab"),
    ("<w:r><w:t>a</w:t><w:br w:type='textWrapping'/><w:t>b</w:t></w:r>", "a\nb"),
    ("<w:r><w:tab/><w:t>thụt</w:t></w:r>", "\tthụt"),
    ("<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>", "x"),
    ("<w:r><w:instrText> DATE </w:instrText></w:r><w:r><w:t>05/01/2025</w:t></w:r>", "05/01/2025"),
    ("<w:r><w:t>Hoa\u0300</w:t></w:r>", "Hoà"),  # NFD typed → NFC read
    ("<w:r><w:t/></w:r>", ""),
    ("<!-- a comment --><w:r><w:t>x</w:t></w:r>", "x"),
    # Not plain: tracked deletions, moves and hidden runs are never part of the answer.
    ("<w:r><w:t>giữ</w:t></w:r><w:del w:id='1' w:author='A'><w:r><w:delText>xóa</w:delText></w:r></w:del>", "giữ"),
    ("<w:moveFrom w:id='2' w:author='A'><w:r><w:t>đi</w:t><w:br/></w:r></w:moveFrom><w:r><w:t>ở</w:t></w:r>", "ở"),
    ("<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t><w:tab/></w:r><w:r><w:t>hiện</w:t></w:r>", "hiện"),
    ("<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>không ẩn</w:t></w:r>", "không ẩn"),
]


def _content(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:sdtContent {NS}>{xml}</w:sdtContent>")


@pytest.mark.parametrize(("xml", "expected"), CASES)
def test_text_walk(xml, expected):
    node = _content(xml)
    assert sdt._text_of(node) == expected
    if sdt._marks(node)[0]:
        assert sdt._text_of(node, plain=True) == expected
    else:
        assert any(tag in xml for tag in ("w:del ", "w:moveFrom", "w:vanish"))


def test_plain_document_sees_every_kind_of_change():
    for xml, _ in CASES:
        has_change = any(tag in xml for tag in ("<w:del ", "<w:moveFrom", "<w:vanish"))
        assert sdt._marks(_content(xml))[0] is not has_change, xml

"""A printable one-page receipt (giấy biên nhận) for a received form, built like the forms.

The clerk prints it or sends it back to the officer: who sent what, when it arrived, how many
answers were counted, what is missing or needs clarifying, and the file's SHA-256 (the archived
original is the evidence). Same header, fonts and package as the forms, so one look, one code path.
"""

from __future__ import annotations

from .. import nd30
from .formdoc import (
    SIZE_FORM_TITLE,
    SIZE_INFO,
    _blocks,
    _document_ends,
    _header_piece,
    _info_block,
    _para,
    _section_end_piece,
    package,
    piece,
    text_width,
)


def build_receipt(title: str, intro: str, lines: list[tuple[str, str]], agency_lines: list[str],
                  place_date: str, signer_label: str, props: dict[str, str]) -> bytes:
    """The .docx bytes of a receipt: ND30 header, ``title``, ``intro``, ``label: value`` lines, and the
    signature block in the right half under ``place_date`` (the day it was issued, not blanks)."""
    total = text_width(False)
    # the signature block takes the right half, or more when the place and date need it on one line
    indent = min(total // 2, total - nd30.line_twips(place_date, SIZE_INFO, italic=True))

    def content(body) -> None:
        _para(body, title, align="center", size=SIZE_FORM_TITLE, bold=True, before=360, after=200)
        _para(body, intro, align="both", size=SIZE_INFO, after=120)
        _info_block(body, tuple(lines))
        for value, bold, italic, before in ((place_date, False, True, 240), (signer_label, True, False, 0),
                                            ("(Ký, ghi rõ họ tên)", False, True, 0)):
            _para(body, value, align="center", size=SIZE_INFO, bold=bold, italic=italic, before=before,
                  left=indent)

    head, tail = _document_ends()
    pieces = [head, _header_piece(tuple(agency_lines), total), piece(_blocks(content)),
              _section_end_piece(False, True), tail]
    return package(pieces, title, props)

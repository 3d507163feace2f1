"""What an ND30 document is, read from its text: its type and trích yếu, for a PDF bookmark.

``Công văn: Rà soát, đánh giá …`` (the ``V/v`` line) or ``Báo cáo: Kết quả …`` (the type line and
the trích yếu under it). Read from the .docx itself, so any ND30 document the program made, issued
or not, is named the same way in a PDF package (issue 10, point 13: never "Văn bản").
"""

from __future__ import annotations

import re

from .. import text
from ..case.models import DOC_TYPES
from ..errors import FormReadError
from .sdt import W_NS, _open, _read_part, parse_part

_NAMED = {text.upper_vi(name): name for name, abbr in DOC_TYPES.items() if abbr}
_VV = re.compile(r"^V\s*/\s*v\s+(.+)$", re.S)
_SCAN = 60  # the heading sits near the top


def _texts(data: bytes) -> list[str]:
    with _open(data) as z:
        raw = _read_part(z, "word/document.xml")
    if raw is None:
        return []
    root = parse_part(raw, "word/document.xml")
    out = []
    for p in root.iter(f"{{{W_NS}}}p"):
        value = " ".join("".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t")).split())
        if value:
            out.append(text.nfc(value))
        if len(out) >= _SCAN:
            break
    return out


def heading(data: bytes) -> str | None:
    """``<type>: <trích yếu>`` of an ND30 document, or None (not one, or unreadable)."""
    try:
        texts = _texts(data)
    except FormReadError:
        return None
    for i, value in enumerate(texts):
        vv = _VV.match(value)
        if vv:
            return f"Công văn: {vv[1]}"
        named = _NAMED.get(text.upper_vi(value))
        if named and i + 1 < len(texts):
            return f"{named}: {texts[i + 1]}"
    return None

"""Active content in a received package: what attacks whoever opens the archived original later.

A filled form is evidence: it is archived unchanged and opened again by officers. Word acts on some
parts without asking: a remote template (``attachedTemplate`` with an external target), an external
or embedded OLE object (Follina-style), ActiveX controls, ``DDE``/``DDEAUTO`` and include fields, and
images linked by path (a UNC path leaks the opener's credentials). Such files are refused with the
reason (issue 16): nothing a village officer fills in needs them, and stripping them would archive
something other than what was received. External hyperlinks (Word makes one of every typed address)
act only when clicked and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..messages import t
from .sdt import parse_part

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml",
                    re.I)
_OBJECT_TYPES = ("/oleobject", "/activexcontrol", "/activexcontrolbinary", "/control")
_OBJECT_PARTS = re.compile(r"(^|/)(activex/|embeddings/oleobject)", re.I)
_ACTIVE_FIELDS = {"DDE", "DDEAUTO", "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "IMPORT"}


def scanned(name: str) -> bool:
    """Parts ``active_reason`` needs: every relationship part and every story of the document."""
    return name.lower().endswith(".rels") or bool(_STORY.fullmatch(name))


def active_reason(names: list[str], parts: Mapping[str, bytes]) -> str | None:
    """Why the package is refused (one Vietnamese line), or None when it holds no active content.

    ``names``: every member; ``parts``: the bytes of the members ``scanned`` selects.
    """
    for name in names:
        if _OBJECT_PARTS.search(name):
            return t("active_object", part=name)
    for name, raw in parts.items():
        if name.lower().endswith(".rels"):
            reason = _relationships(name, raw)
        elif _STORY.fullmatch(name):
            reason = _fields(raw)
        else:
            continue
        if reason:
            return reason
    return None


def _relationships(name: str, raw: bytes) -> str | None:
    root = parse_part(raw, name)
    for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
        short = (rel.get("Type") or "").rsplit("/", 1)[-1]
        kind = (rel.get("Type") or "").lower()
        if kind.endswith(_OBJECT_TYPES):
            return t("active_object", part=_short(short))
        if (rel.get("TargetMode") or "").lower() == "external" and not kind.endswith("/hyperlink"):
            return t("active_external", kind=_short(short), target=_short(rel.get("Target") or ""))
    return None


def _fields(raw: bytes) -> str | None:
    """The first field whose code names an active field type (codes may be split over runs)."""
    if b"instr" not in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # no field at all (the common case): no parse
    root = parse_part(raw, "word/document.xml")
    codes: list[list[str]] = []
    found: list[str] = []
    for el in root.iter(f"{{{_W_NS}}}fldChar", f"{{{_W_NS}}}instrText", f"{{{_W_NS}}}fldSimple"):
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "fldSimple":
            found.append(el.get(f"{{{_W_NS}}}instr") or "")
        elif tag == "instrText" and codes:
            codes[-1].append(el.text or "")
        elif tag == "fldChar":
            kind = el.get(f"{{{_W_NS}}}fldCharType")
            if kind == "begin":
                codes.append([])
            elif kind == "end" and codes:
                found.append("".join(codes.pop()))
    found += ["".join(c) for c in codes]  # a field never closed still counts
    for code in found:
        word = code.split(None, 1)[0].upper() if code.split() else ""
        if word in _ACTIVE_FIELDS:
            return t("active_field", field=word)
    return None


def _short(text: str) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 80 else text[:79] + "…"

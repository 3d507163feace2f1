"""Fill a generated form the way Microsoft Word saves a filled content control.

Word, when an officer types into or picks a value in a control, saves: the control's content
replaced by the new runs (placeholder style dropped), ``w:showingPlcHdr`` removed, a line break
typed in a multi-line plain-text control as ``w:br``, a tab as ``w:tab``, and for a date picker
``w:fullDate="YYYY-MM-DDT00:00:00Z"`` plus the date shown as ``dd/MM/yyyy``; a ticked checkbox gets
``w14:checked w14:val="1"`` and the ☒ glyph. ``fill_like_word`` reproduces exactly that, written
independently of ``dispatch_gen.word.sdt`` so that round-trip tests check the reader against Word's
format rather than against itself. Used by the tests (``tests/fillers.py``) and at run time by
``scripts/make_sample_inbox.py``, which fills the sample case's inbox.

    filled = fill_like_word(form_bytes, {"kdc.3.dat": "Chưa đạt", "kdc.3.han": date(2025, 6, 30),
                                         "kdc.3.kho_khan": "Thiếu vốn\\nĐất chưa giải phóng"})
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _runs_for(text: str, rpr: etree._Element | None) -> list[etree._Element]:
    """One run holding ``text``: ``\\n`` → ``w:br``, ``\\t`` → ``w:tab`` (Word's plain-text control)."""
    run = etree.Element(_w("r"))
    if rpr is not None and len(rpr):
        run.append(rpr)
    buf = ""

    def flush() -> None:
        nonlocal buf
        if buf:
            node = etree.SubElement(run, _w("t"))
            node.text = buf
            if buf != buf.strip():
                node.set(XML_SPACE, "preserve")
            buf = ""

    for ch in text:
        if ch == "\n":
            flush()
            etree.SubElement(run, _w("br"))
        elif ch == "\t":
            flush()
            etree.SubElement(run, _w("tab"))
        else:
            buf += ch
    flush()
    return [run]


def _fill(sdt: etree._Element, value: object) -> None:
    pr = sdt.find(_w("sdtPr"))
    content = sdt.find(_w("sdtContent"))
    for flag in pr.findall(_w("showingPlcHdr")):
        pr.remove(flag)
    first = content.find(f".//{_w('r')}")
    rpr = first.find(_w("rPr")) if first is not None else None
    if rpr is not None:
        for style in rpr.findall(_w("rStyle")):
            rpr.remove(style)
    box = pr.find(f"{{{W14}}}checkbox")
    if box is not None:
        box.find(f"{{{W14}}}checked").set(f"{{{W14}}}val", "1" if value else "0")
        shown = "☒" if value else "☐"
    elif isinstance(value, dt.date):
        pr.find(_w("date")).set(_w("fullDate"), f"{value.isoformat()}T00:00:00Z")
        shown = value.strftime("%d/%m/%Y")
    else:
        shown = str(value)
    for child in list(content):
        content.remove(child)
    for run in _runs_for(shown, rpr):
        content.append(run)


def fill_like_word(docx_bytes: bytes, answers: dict[str, object]) -> bytes:
    """Return a copy of the form with ``answers`` (tag → str | date | bool) filled in as Word would.

    A value of None leaves the control empty (placeholder shown). Raises KeyError naming any tag
    that is not in the form, so a typo in a test cannot pass silently.
    """
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    root = etree.fromstring(src.read("word/document.xml"))
    by_tag = {}
    for sdt in root.iter(_w("sdt")):
        tag = sdt.find(f"{_w('sdtPr')}/{_w('tag')}")
        if tag is not None:
            by_tag[tag.get(_w("val"))] = sdt
    missing = sorted(set(answers) - set(by_tag))
    if missing:
        raise KeyError(f"tags not in the form: {missing}")
    for tag, value in answers.items():
        if value is not None:
            _fill(by_tag[tag], value)
    return _with_document(src, root)


def strip_tags(docx_bytes: bytes) -> bytes:
    """Drop every ``w:tag`` and ``w:alias`` (what LibreOffice 7.4 does on save) to test the position path."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    root = etree.fromstring(src.read("word/document.xml"))
    for name in ("tag", "alias", "showingPlcHdr"):
        for node in list(root.iter(_w(name))):
            node.getparent().remove(node)
    return _with_document(src, root)


def _with_document(src: zipfile.ZipFile, root: etree._Element) -> bytes:
    """The package ``src`` with ``word/document.xml`` replaced by ``root``; every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    return out.getvalue()

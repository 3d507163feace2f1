"""Content controls (``w:sdt``): the one home for making answer fields and reading them back.

Fields are keyed by ``w:tag`` (never ``w:id``: office suites renumber ids). LibreOffice 7.4 drops
every tag, some aliases and ``w:showingPlcHdr`` when it re-saves a form, and moves a multi-line
value's ``w:br`` outside a plain-text control (so multi-line answers are rich-text controls, whose
breaks it keeps); rows and columns survive. So the reader has two paths that
give the same values: by tag, and by position (the row's first-cell code, the column's index in the
layout ``FormSpec.sections``). Files come from outside: XML is parsed without entities, network or
DTDs, and any DOCTYPE is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from ..container import ContainerError, read_member
from ..errors import FormReadError
from ..messages import t

if TYPE_CHECKING:  # word/ takes plain specs; the type is only for readers of this file
    from ..forms.spec import FieldSpec, FormSpec, Section

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
NS = {"w": W_NS, "w14": W14_NS}
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PLACEHOLDER_STYLE = "PlaceholderText"
DATE_FORMAT = "dd/MM/yyyy"
# Word's own prompts for a control without a placeholder entry (English and Vietnamese Word): text an
# office suite may keep as plain text after a re-save; never an answer.
WORD_PROMPTS = frozenset({
    "Click or tap here to enter text.", "Click here to enter text.", "Click or tap to enter a date.",
    "Click here to enter a date.", "Choose an item.", "Bấm hoặc gõ nhẹ vào đây để nhập văn bản.",
    "Bấm vào đây để nhập văn bản.", "Bấm hoặc gõ nhẹ để nhập ngày.", "Chọn một mục.",
})
MAX_PART = 20 * 1024 * 1024  # a form's document.xml is ~100 kB; refuse absurd parts


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute: ``w('tag')``."""
    return f"{{{W_NS}}}{name}"


def _el(parent: etree._Element | None, name: str, **attrs: str) -> etree._Element:
    """A ``w:`` element (appended to ``parent`` when given) with ``w:`` attributes."""
    attrib = {w(k): v for k, v in attrs.items()}
    return etree.Element(w(name), attrib) if parent is None else etree.SubElement(parent, w(name), attrib)


# --- creation -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)  # pure; the reader compares every drop-down answer with every item
def option_value(display: str) -> str:
    """Stable ASCII ``w:value`` of a drop-down item (``Chưa đạt`` → ``chua-dat``)."""
    ascii_text = unicodedata.normalize("NFD", display.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in ascii_text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def content_control(*, tag: str, alias: str, kind: str, placeholder: str, sdt_id: int,
                    options: tuple[str, ...] = (), run_props: etree._Element | None = None) -> etree._Element:
    """An inline (run-level) content control showing ``placeholder`` until filled.

    Inline controls are the kind LibreOffice 7.4 round-trips; ``sdtLocked`` keeps the officer from
    deleting the control itself while its content stays editable.
    """
    sdt = _el(None, "sdt")
    pr = _el(sdt, "sdtPr")
    if run_props is not None:
        pr.append(_copy(run_props))
    _el(pr, "alias", val=alias)
    _el(pr, "tag", val=tag)
    _el(pr, "id", val=str(sdt_id))
    _el(pr, "lock", val="sdtLocked")
    if kind != "checkbox":
        _el(_el(pr, "placeholder"), "docPart", val=placeholder_part(placeholder))
        _el(pr, "showingPlcHdr")
    if kind in ("text", "multiline"):
        pass  # rich-text controls (no type element): LibreOffice 7.4 keeps a w:br in place and prints it,
        # where it moves a plain-text control's breaks out and joins the lines, and it prints a
        # plain-text control's placeholder black and upright, as if typed in (the form on paper) [measured]
    elif kind == "dropdown":
        lst = _el(pr, "dropDownList")
        for item in options:
            _el(lst, "listItem", displayText=item, value=option_value(item))
    elif kind == "date":
        date = _el(pr, "date")
        _el(date, "dateFormat", val=DATE_FORMAT)
        _el(date, "lid", val="vi-VN")
        _el(date, "storeMappedDataAs", val="dateTime")
        _el(date, "calendar", val="gregorian")
    elif kind == "checkbox":
        box = etree.SubElement(pr, f"{{{W14_NS}}}checkbox")
        etree.SubElement(box, f"{{{W14_NS}}}checked", {f"{{{W14_NS}}}val": "0"})
        etree.SubElement(box, f"{{{W14_NS}}}checkedState", {f"{{{W14_NS}}}val": "2612"})
        etree.SubElement(box, f"{{{W14_NS}}}uncheckedState", {f"{{{W14_NS}}}val": "2610"})
    else:
        raise ValueError(f"unknown field kind {kind!r}")
    content = _el(sdt, "sdtContent")
    run = _el(content, "r")
    rpr = _copy(run_props) if run_props is not None else _el(None, "rPr")
    if kind != "checkbox":
        rpr.insert(0, _el(None, "rStyle", val=PLACEHOLDER_STYLE))
    run.append(rpr)
    _el(run, "t").text = "☐" if kind == "checkbox" else placeholder
    return sdt


def placeholder_part(placeholder: str) -> str:
    """Name of the glossary entry holding ``placeholder``: what Word shows again when a field is cleared.

    Without it Word falls back to its own prompt ("Click or tap here to enter text."), which a
    LibreOffice re-save can turn into plain text that would read as an answer.
    """
    return f"dg-{option_value(placeholder)}"


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def renumber_ids(root: etree._Element, start: int = 1) -> int:
    """Give every ``w:sdt`` a unique ``w:id`` in document order; return the next free id."""
    n = start
    for node in root.iter(w("id")):
        if node.getparent() is not None and node.getparent().tag == w("sdtPr"):
            node.set(w("val"), str(n))
            n += 1
    return n


# --- safe parsing ---------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_blank_text=False)


def parse_part(raw: bytes, name: str) -> etree._Element:
    """Parse one package part; refuse a DOCTYPE (entity tricks) and malformed XML."""
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", raw, re.I):
        raise FormReadError(t("form_unsafe_xml"))
    try:
        root = etree.fromstring(raw, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FormReadError(t("form_not_docx", detail=f"{name}: {exc}")) from exc
    if root.getroottree().docinfo.doctype:  # a DOCTYPE in another encoding (UTF-16) slips past the regex
        raise FormReadError(t("form_unsafe_xml"))
    return root


# What zipfile raises on a damaged package (found by fuzzing: zlib errors, "zip file version 6.4"
# NotImplementedError, struct errors on short headers).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError,
               RuntimeError, ValueError)


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise FormReadError(t("form_not_docx", detail=t("collect_zip_broken"))) from exc  # zipfile's words are English


def _read_part(z: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    try:
        return read_member(z, info, MAX_PART)  # chunked: a lying or exotic member cannot balloon
    except ContainerError as exc:
        detail = "quá lớn" if exc.kind == "too_big" else exc.detail
        raise FormReadError(t("form_not_docx", detail=f"{name}: {detail}")) from exc


def _has_part(z: zipfile.ZipFile, name: str) -> bool:
    try:
        z.getinfo(name)
    except KeyError:
        return False
    return True


def read_identity(data: bytes) -> dict[str, str]:
    """Custom document properties (name → text); FormReadError if not a readable .docx."""
    with _open(data) as z:
        if not _has_part(z, "word/document.xml"):  # presence only: read_answers inflates it, once
            raise FormReadError(t("form_not_docx", detail="thiếu word/document.xml"))
        raw = _read_part(z, "docProps/custom.xml")
    return identity_from_part(raw)


def identity_from_part(raw: bytes | None) -> dict[str, str]:
    """``read_identity`` on the bytes of ``docProps/custom.xml`` (None: the part is absent)."""
    if raw is None:
        return {}
    root = parse_part(raw, "docProps/custom.xml")
    out = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name and name in out and name.startswith("dg."):  # two identities: which one is true?
            raise FormReadError(t("form_identity_twice", name=clip(name)))
        if name and len(prop):
            out[name] = unicodedata.normalize("NFC", prop[0].text or "")
    return out


# --- reading --------------------------------------------------------------------------------------

@dataclass
class ReadResult:
    """Answers of one returned form."""

    values: dict[str, object]  # tag -> str | datetime.date | bool | None (empty); text not a date/item: as typed
    method: str  # "tags" or "positions"
    problems: list[str] = field(default_factory=list)  # Vietnamese, one line each
    raw: dict[str, str] = field(default_factory=dict)  # tag -> text as found
    heading: tuple[str, ...] = ()  # visible text of the body's own paragraphs (the printed identity lines)


def _text_of(node: etree._Element, plain: bool = False) -> str:
    """Visible text of an element: ``w:t`` joined, ``w:br``/``w:cr`` → newline, ``w:tab`` → tab.

    Deleted text (``w:delText``, tracked deletions, moved-from text), hidden runs and field codes
    are not part of the value; separate paragraphs are separate lines. ``plain``: the caller has
    seen that the document holds no tracked change and no hidden run (``_marks``), so the
    walk skips those checks (issue 11: the reader's hot loop); the result is the same.
    """
    parts: list[str] = []
    first_p = True
    hidden = None if plain else _hidden_runs(node)
    deletions = False  # set at the first w:del/w:moveFrom: nothing before it can lie inside one
    for el in node.iter():  # one unfiltered C walk: cheaper than a tag matcher built per call
        tag = el.tag
        if tag == _W_T:  # the common case first
            if hidden and el.getparent() in hidden or deletions and _inside_deletion(el, node):
                continue
            parts.append(el.text or "")
        elif tag == _W_P:
            if not first_p:
                parts.append("\n")
            first_p = False
        elif tag == _W_DEL or tag == _W_MOVE_FROM:
            deletions = not plain
        elif tag == _W_TAB or tag == _W_BR or tag == _W_CR:
            parent = el.getparent()
            if hidden and parent in hidden or deletions and _inside_deletion(el, node):
                continue
            if tag == _W_TAB:
                if parent is not None and parent.tag == _W_R:
                    parts.append("\t")
            elif tag == _W_CR or el.get(_W_TYPE) in (None, "textWrapping"):
                parts.append("\n")
    return unicodedata.normalize("NFC", "".join(parts))


# Clark names of the elements the reader walks (a plain-name find is several times faster than a path)
_W_T, _W_BR, _W_CR, _W_TAB, _W_P, _W_R = (w(n) for n in ("t", "br", "cr", "tab", "p", "r"))
_W_DEL, _W_MOVE_FROM, _W_TYPE, _W_VAL = w("del"), w("moveFrom"), w("type"), w("val")
_W_SDT, _W_SDT_PR, _W_SDT_CONTENT, _W_TAG = w("sdt"), w("sdtPr"), w("sdtContent"), w("tag")
_W_SHOWING, _W_DATE, _W_FULL_DATE = w("showingPlcHdr"), w("date"), w("fullDate")
_W_RSTYLE = w("rStyle")
_W14_CHECKBOX, _W14_CHECKED, _W14_VAL = (f"{{{W14_NS}}}{n}" for n in ("checkbox", "checked", "val"))


_W_VANISH, _W_RPR = w("vanish"), w("rPr")
_OFF = {"0", "false", "off"}


def _hidden_runs(node: etree._Element) -> set[etree._Element]:
    """Runs formatted as hidden (``w:rPr/w:vanish``) under ``node``; empty in the common case."""
    hidden: set[etree._Element] = set()
    for vanish in node.iter(_W_VANISH):
        rpr = vanish.getparent()
        run = rpr.getparent() if rpr is not None and rpr.tag == _W_RPR else None
        if run is not None and run.tag == _W_R and vanish.get(_W_VAL, "true").lower() not in _OFF:
            hidden.add(run)
    return hidden


def _inside_deletion(el: etree._Element, stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (_W_DEL, _W_MOVE_FROM):
            return True
        parent = parent.getparent()
    return False


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """First child named ``tag``: ``find`` without its path machinery (twice as fast; the reader's hot spot)."""
    return next(el.iterchildren(tag), None)


class _Reader:
    """Turns found cells/controls into typed values, noting problems in Vietnamese."""

    def __init__(self, showing: set[etree._Element] | None = None) -> None:
        self.values: dict[str, object] = {}
        self.raw: dict[str, str] = {}
        self.problems: list[str] = []
        self.showing = showing  # every w:sdtPr holding w:showingPlcHdr (``_marks``); None: look per control

    def put(self, spec: FieldSpec, text: str, pr: etree._Element | None) -> None:
        """Record the answer ``text`` of field ``spec``; ``pr``: its control's ``w:sdtPr`` (None: no control)."""
        self.raw[spec.tag] = text
        if spec.kind == "checkbox":
            box = _child(pr, _W14_CHECKBOX) if pr is not None else None
            checked = _child(box, _W14_CHECKED) if box is not None else None
            value = checked is not None and checked.get(_W14_VAL) in ("1", "true")
            self.values[spec.tag] = value if checked is not None else (text.strip() in ("☒", "☑", "x", "X"))
            return
        stripped = text.strip()
        if not stripped or stripped == spec.placeholder or stripped in WORD_PROMPTS or pr is not None and (
                pr in self.showing if self.showing is not None else _child(pr, _W_SHOWING) is not None):
            self.values[spec.tag] = None
            return
        if spec.kind == "date":
            self.values[spec.tag] = self._date(spec, stripped, pr)
        elif spec.kind == "dropdown":
            self.values[spec.tag] = self._option(spec, stripped, pr)
        else:
            self.values[spec.tag] = text

    def _date(self, spec: FieldSpec, text: str, pr: etree._Element | None) -> dt.date | str:
        """The picked or typed date; any other text comes back as typed (the collector judges it)."""
        date = _child(pr, _W_DATE) if pr is not None else None
        full = date.get(_W_FULL_DATE) if date is not None else None
        if full:
            try:
                return dt.date.fromisoformat(full[:10])
            except ValueError:
                pass
        parsed = parse_date_text(text)
        return text if parsed is None else parsed

    def _option(self, spec: FieldSpec, text: str, pr: etree._Element | None) -> str:
        """The list item chosen (matched by text or by value); other text comes back as typed."""
        norm = unicodedata.normalize("NFC", text).casefold()
        for item in spec.options:
            if norm in (item.casefold(), option_value(item)):
                return item
        if pr is not None:  # the file's own list (display ↔ value) maps a value shown as text
            for li in pr.iterfind("w:dropDownList/w:listItem", NS):
                if norm == (li.get(w("value")) or "").casefold():
                    shown = li.get(w("displayText")) or ""
                    if shown in spec.options:
                        return shown
        return unicodedata.normalize("NFC", text)


def clip(text: str, limit: int = 80) -> str:
    """A value quoted in a problem, cut short: a hostile 1 MB answer must not become a 1 MB message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def parse_date_text(text: str) -> dt.date | None:
    """A date typed as ``dd/MM/yyyy`` (also ``d/M/yyyy``, ``-`` or ``.``, ISO ``yyyy-mm-dd``)."""
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def _document_part(data: bytes) -> bytes:
    with _open(data) as z:
        raw = _read_part(z, "word/document.xml")
    if raw is None:
        raise FormReadError(t("form_not_docx", detail="thiếu word/document.xml"))
    return raw



def read_answers(data: bytes, spec: FormSpec) -> ReadResult:
    """Read every field of ``spec`` from a returned .docx: by tag, else by table position."""
    return answers_from_part(_document_part(data), spec)


def answers_from_part(raw: bytes, spec: FormSpec) -> ReadResult:
    """``read_answers`` on the bytes of ``word/document.xml`` (for a caller that already has them)."""
    root = parse_part(raw, "word/document.xml")
    plain, showing = _marks(root)
    tags = spec.tags
    tagged = _tagged_controls(root)
    if any(tag in tags for tag, _, _ in tagged):
        result = _by_tags(tagged, spec, plain, showing)
    else:
        result = _by_positions(root, spec, plain, showing)
    result.heading = _heading(root, plain)
    return result


def printed_heading(raw: bytes) -> tuple[str, ...]:
    """The visible lines of a body's own paragraphs (``_heading``) from the bytes of ``word/document.xml``."""
    root = parse_part(raw, "word/document.xml")
    return _heading(root, _marks(root)[0])


def _heading(root: etree._Element, plain: bool = False) -> tuple[str, ...]:
    """Visible text of each paragraph directly in the body: where a form prints whose it is."""
    body = _child(root, w("body"))
    if body is None:
        return ()
    return tuple(_text_of(p, plain) for p in body.iterchildren(_W_P))


def _marks(root: etree._Element) -> tuple[bool, set[etree._Element]]:
    """One C-level scan for what changes how controls read; returns ``(plain, showing)``.

    - Every run in Placeholder style is blanked: a prompt is never an answer, whoever wrote it
      (Word keeps a cleared field's prompt in that style, ours from the glossary or its own; a
      re-save that loses ``w:showingPlcHdr`` keeps the style). The tree is the reader's own copy.
    - ``plain``: no tracked deletion, moved-from text or hidden run anywhere (``_text_of`` can skip
      its checks).
    - ``showing``: every control's properties that say it shows its prompt (``w:showingPlcHdr``),
      looked up per control in a set; the proxies stay alive in it.
    """
    plain = True
    showing: set[etree._Element] = set()
    for el in root.iter(_W_SHOWING, _W_RSTYLE, _W_DEL, _W_MOVE_FROM, _W_VANISH):
        tag = el.tag
        if tag == _W_SHOWING:
            showing.add(el.getparent())
        elif tag == _W_RSTYLE:
            if el.get(_W_VAL) == PLACEHOLDER_STYLE:
                _blank_run(el.getparent())
        else:
            plain = False
    return plain, showing


def _blank_run(rpr: etree._Element | None) -> None:
    run = rpr.getparent() if rpr is not None else None
    if run is not None and run.tag == _W_R:
        for text in run.iter(_W_T):
            text.text = ""


Control = tuple  # (tag, w:sdtPr, w:sdtContent or None) of one tagged control


def _tagged_controls(root: etree._Element) -> list[Control]:
    """``(tag, properties, content)`` of every control that has a ``w:tag``, in document order.

    Each control's tag is the first ``w:tag`` of its properties, found by one C-level walk over the
    few ``w:tag`` elements instead of a lookup per control. Controls without a tag are left out:
    both readers skip them.
    """
    out: list[Control] = []
    seen: set[etree._Element] = set()  # a control's second w:tag is ignored (the proxies stay alive in ``seen``)
    for node in root.iter(_W_TAG):
        pr = node.getparent()
        if pr is None or pr.tag != _W_SDT_PR:
            continue
        sdt = pr.getparent()
        if sdt is None or sdt.tag != _W_SDT or sdt in seen:
            continue
        seen.add(sdt)
        after = pr.getnext()  # the content follows the properties (unless w:sdtEndPr sits between)
        if after is None or after.tag != _W_SDT_CONTENT or pr.getprevious() is not None:
            after = _child(sdt, _W_SDT_CONTENT)
        out.append((node.get(_W_VAL), pr, after))
    return out


def _by_tags(tagged: list[Control], spec: FormSpec, plain: bool = False,
             showing: set[etree._Element] | None = None) -> ReadResult:
    reader = _Reader(showing)
    counts = Counter(tag for tag, _, _ in tagged if tag)
    for tag, n in counts.items():
        if n > 1:
            reader.problems.append(t("form_duplicate_tag", tag=tag, count=n))
    seen: set[str] = set()
    tags = spec.tags
    for tag, pr, content in tagged:
        if not tag or tag in seen:
            continue
        seen.add(tag)
        if tag not in tags:
            reader.problems.append(t("form_unknown_tag", tag=tag))
            continue
        reader.put(spec.field(tag), _text_of(content, plain) if content is not None else "", pr)
    _missing(spec, reader)
    return ReadResult(reader.values, "tags", reader.problems, reader.raw)


def _missing(spec: FormSpec, reader: _Reader) -> None:
    for f in spec.fields:
        if f.tag not in reader.values:
            reader.values[f.tag] = None
            reader.problems.append(t("form_field_missing", label=f.label, tag=f.tag))


def _cells(tr: etree._Element) -> list[etree._Element]:
    """Cells of a row, including cells wrapped in a cell-level ``w:sdt``."""
    return [tc for tc in tr.iter(w("tc")) if _owner(tc, w("tr")) is tr]


def _owner(el: etree._Element, tag: str) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _rows_by_key(tbl: etree._Element, plain: bool = False) -> dict[str, list[etree._Element]]:
    out: dict[str, list[etree._Element]] = {}
    for tr in tbl.iter(w("tr")):
        if _owner(tr, w("tbl")) is not tbl:
            continue
        cells = _cells(tr)
        if cells:
            out.setdefault(_text_of(cells[0], plain).strip(), cells)
    return out


def _match_tables(root: etree._Element, sections: tuple[Section, ...], plain: bool = False) -> dict[str, dict]:
    """Assign top-level tables to sections in document order by their first-cell codes."""
    body = root.find("w:body", NS)
    if body is None:  # not a Word body at all: every section's table is missing
        return {}
    tables = [tbl for tbl in body.iter(w("tbl")) if _owner(tbl, w("tbl")) is None]
    found: dict[str, dict] = {}
    i = 0
    for section in sections:
        keys = {r.key for r in section.rows}
        for j in range(i, len(tables)):
            rows = _rows_by_key(tables[j], plain)
            hits = keys & set(rows)
            if hits and len(hits) * 2 >= len(keys):
                found[section.key] = rows
                i = j + 1
                break
    return found


def _by_positions(root: etree._Element, spec: FormSpec, plain: bool = False,
                  showing: set[etree._Element] | None = None) -> ReadResult:
    reader = _Reader(showing)
    tables = _match_tables(root, spec.sections, plain)
    for section in spec.sections:
        rows = tables.get(section.key)
        if rows is None:
            reader.problems.append(t("form_table_missing", section=section.heading))
            continue
        for f in (f for f in spec.fields if f.section == section.key):
            cells = rows.get(f.row)
            index = section.column_index(f.column)
            if cells is None or index >= len(cells):
                continue
            cell = cells[index]
            sdts = list(cell.iter(w("sdt")))
            pr = _child(sdts[0], _W_SDT_PR) if len(sdts) == 1 else None
            reader.put(f, _cell_value_text(cell, plain), pr)
    _missing(spec, reader)
    return ReadResult(reader.values, "positions", reader.problems, reader.raw)


def _cell_value_text(cell: etree._Element, plain: bool = False) -> str:
    """The answer in a cell whose control lost its tag.

    The whole cell is the answer (it holds nothing else), which also catches the line breaks
    LibreOffice moves out of the control. When it leaves the control's text in one piece and the
    breaks after it, the breaks carry no position and the lines come back joined (see forms.md).
    """
    return _text_of(cell, plain)

"""The naive baseline: the village form as a docxtpl template, rendered one file at a time.

``build_template`` turns the fast path's own village form into a docxtpl template: the same XML,
with the village's identity values replaced by ``{{ info[i] }}`` and the criteria rows by one row
inside ``{%tr for r in rows %}`` (tags, aliases and control ids become expressions). So both paths
produce the same document from the same data, and ``render_naive`` is the loop the issue measures:
``DocxTemplate(path)``, ``render(ctx, jinja_env=environment(), autoescape=True)``, ``save()``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate
from lxml import etree

from dispatch_gen.case.models import Case, Unit, expected_units
from dispatch_gen.forms.spec import FormSpec, form_spec
from dispatch_gen.word.formdoc import build_form
from dispatch_gen.word.jinja import environment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def village_units(case: Case) -> list[Unit]:
    return [u for u in expected_units(case) if u.form == "village_assessment"]


def _texts(el: etree._Element) -> list[etree._Element]:
    return list(el.iter(_w("t")))


def _set_text(cell: etree._Element, value: str) -> None:
    (node,) = _texts(cell)
    node.text = value


def _marker_row(row: etree._Element, tag: str) -> etree._Element:
    """A row whose only text is a docxtpl ``{%tr … %}`` tag (docxtpl replaces the whole row)."""
    marker = etree.Element(_w("tr"))
    tc = etree.SubElement(marker, _w("tc"))
    r = etree.SubElement(etree.SubElement(tc, _w("p")), _w("r"))
    etree.SubElement(r, _w("t")).text = tag
    return marker


def template_xml(spec: FormSpec, agency_lines: list[str]) -> bytes:
    """The village form's document.xml turned into a docxtpl template (see module docstring)."""
    data = build_form(spec, agency_lines)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(_w("body"))
    labels = [f"{label}: " for label, _ in spec.info]
    for p in body.iterchildren(_w("p")):
        runs = p.findall(_w("r"))
        label = "".join(t.text or "" for t in _texts(runs[0])) if len(runs) == 2 else None
        if label in labels:
            _set_text(runs[1], "{{ info[" + str(labels.index(label)) + "] }}")
    section = spec.section("kdc")
    table = next(t for t in body.iter(_w("tbl")) if any(
        (tag.get(_w("val")) or "").startswith("kdc.") for tag in t.iter(_w("tag"))))
    rows = table.findall(_w("tr"))[1:]  # after the header row
    first = rows[0]
    for extra in rows[1:]:
        table.remove(extra)
    row0 = section.rows[0]
    cells = first.findall(_w("tc"))
    _set_text(cells[0], "{{ r.code }}")
    _set_text(cells[1], "{{ r.name }}")
    for k, sdt in enumerate(first.iter(_w("sdt"))):
        pr = sdt.find(_w("sdtPr"))
        tag = pr.find(_w("tag"))
        column = tag.get(_w("val")).rsplit(".", 1)[1]
        tag.set(_w("val"), "kdc.{{ r.tag }}." + column)
        alias = pr.find(_w("alias"))
        alias.set(_w("val"), alias.get(_w("val")).replace(row0.name, "{{ r.label }}"))
        pr.find(_w("id")).set(_w("val"), "{{ r.ids[" + str(k) + "] }}")
    first.addprevious(_marker_row(first, "{%tr for r in rows %}"))
    first.addnext(_marker_row(first, "{%tr endfor %}"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_template(case: Case, path: Path) -> Path:
    """Write the village form template (a .docx whose document.xml is ``template_xml``)."""
    unit = village_units(case)[0]
    spec = form_spec(case, unit)
    data = build_form(spec, case.agency.name_lines)
    xml = template_xml(spec, case.agency.name_lines)
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, xml if info.filename == "word/document.xml" else src.read(info))
    return path


def context(spec: FormSpec) -> dict:
    """The template's data for one village: identity values and the criteria rows."""
    section = spec.section("kdc")
    per_row = sum(1 for c in section.columns if c.kind)
    rows = []
    for i, row in enumerate(section.rows):
        tag = spec.fields[i * per_row].tag.split(".")[1]
        rows.append({"code": row.fixed[0], "name": row.fixed[1], "tag": tag, "label": row.name,
                     "ids": [1 + i * per_row + k for k in range(per_row)]})
    return {"info": [value for _, value in spec.info], "rows": rows}


def render_naive(template: Path, spec: FormSpec, out: Path) -> Path:
    """One form the naive way: load the template, render, save."""
    tpl = DocxTemplate(template)
    tpl.render(context(spec), jinja_env=environment(), autoescape=True)
    tpl.save(out)
    return out


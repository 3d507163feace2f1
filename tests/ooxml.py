"""ECMA-376 schema validation of generated .docx packages (a test helper others can reuse).

``validate_docx(data)`` returns one line per schema error, ``part:line: message``; an empty list
means every XML part of the package validates against the ISO/IEC 29500 Transitional schemas
vendored in ``tests/data/ooxml-xsd`` (copied unchanged from ``shared/ooxml-xsd``, see its README).
Three adjustments, each one the README asks for:

- ``w:rPr`` children are validated in Word's canonical order: the Transitional schema relaxed
  ``EG_RPrBase`` to an unbounded choice, which accepts orders Word and the Open XML SDK reject.
- Dublin Core imports (by ``http://dublincore.org`` URL) resolve to the local copies: no network.
- Markup compatibility (ECMA-376 Part 3): content in a namespace the part declares
  ``mc:Ignorable`` is removed before validation, as a consumer that does not know it would; w14
  elements are first validated on their own against the hand-written ``ms/w14-subset.xsd``.
  An unknown namespace that is NOT declared ignorable stays, and fails, as it fails in Word.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "ooxml-xsd"
XSD = "http://www.w3.org/2001/XMLSchema"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Namespaces the combined schema covers, with the file declaring each (all other imports follow).
_ROOTS = {
    W: "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "dml-picture.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "shared-math.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
    "urn:schemas-microsoft-com:vml": "vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": "vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": "vml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
}
_RENAMED = {"xml.xsd": "xml_namespace.xsd"}


def _files() -> dict[str, Path]:
    """Schema file name → path: imports are resolved by file name, wherever they point."""
    return {p.name: p for p in SCHEMAS.rglob("*.xsd")}


def _sequence_run_properties(wml: bytes) -> bytes:
    """``wml.xsd`` with ``EG_RPrBase`` as a sequence of optional elements, referenced once."""
    root = etree.fromstring(wml)
    q = f"{{{XSD}}}"
    group = root.find(f"{q}group[@name='EG_RPrBase']")
    choice = group.find(f"{q}choice")
    choice.tag = f"{q}sequence"
    for el in choice:
        el.set("minOccurs", "0")
    for ref in root.iter(f"{q}group"):
        if ref.get("ref") == "EG_RPrBase":
            ref.attrib.pop("maxOccurs", None)
    return etree.tostring(root)


class _Local(etree.Resolver):
    def __init__(self) -> None:
        super().__init__()
        self.files = _files()

    def resolve(self, url, _id, context):
        name = _RENAMED.get(url.rsplit("/", 1)[-1], url.rsplit("/", 1)[-1])
        path = self.files.get(name)
        if path is None:
            return None
        if name == "wml.xsd":
            return self.resolve_string(_sequence_run_properties(path.read_bytes()), context,
                                       base_url=str(path))
        return self.resolve_filename(str(path), context)


def _load(imports: dict[str, str]) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local())
    imports = {"http://www.w3.org/XML/1998/namespace": "xml_namespace.xsd", **imports}  # wml uses xml:space
    lines = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in imports.items())
    driver = f'<xsd:schema xmlns:xsd="{XSD}" targetNamespace="urn:dispatch-gen:ooxml">{lines}</xsd:schema>'
    doc = etree.fromstring(driver.encode(), parser, base_url=str(SCHEMAS / "ecma" / "driver.xsd"))
    return etree.XMLSchema(doc)


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The combined Transitional schema (loaded once per test process: about a second)."""
    return _load(_ROOTS)


@functools.lru_cache(maxsize=1)
def w14_schema() -> etree.XMLSchema:
    return _load({W14: "w14-subset.xsd"})


def _ignorable(el: etree._Element, inherited: frozenset[str]) -> frozenset[str]:
    value = el.get(f"{{{MC}}}Ignorable")
    if not value:
        return inherited
    return inherited | {el.nsmap.get(prefix) for prefix in value.split() if el.nsmap.get(prefix)}


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def preprocess(root: etree._Element) -> list[str]:
    """Apply markup compatibility in place; return errors of w14 content validated on its own."""
    errors: list[str] = []

    def walk(el: etree._Element, ignorable: frozenset[str]) -> None:
        ignorable = _ignorable(el, ignorable)
        for name in list(el.attrib):
            ns = _namespace(name)
            if ns == MC or ns in ignorable:
                del el.attrib[name]
        for child in list(el):
            if not isinstance(child.tag, str):
                continue
            ns = _namespace(child.tag)
            if child.tag == f"{{{MC}}}AlternateContent":  # take the fallback: what a plain consumer reads
                fallback = child.find(f"{{{MC}}}Fallback")
                index = el.index(child)
                el.remove(child)
                for j, grand in enumerate(list(fallback) if fallback is not None else []):
                    el.insert(index + j, grand)
                    walk(grand, ignorable)
                continue
            if ns in ignorable:
                if ns == W14 and not w14_schema().validate(child):
                    errors.extend(f"{e.line}: {e.message}" for e in w14_schema().error_log)
                el.remove(child)
                continue
            walk(child, ignorable)

    walk(root, _ignorable(root, frozenset()))
    return errors


def validate_part(name: str, raw: bytes) -> list[str]:
    """Schema errors of one XML part, ``name:line: message`` each."""
    root = etree.fromstring(raw)
    if _namespace(root.tag) not in _ROOTS:
        return [f"{name}: no schema for root element {root.tag}"]
    errors = preprocess(root)
    if not schema().validate(root):
        errors.extend(f"{e.line}: {e.message}" for e in schema().error_log)
    return [f"{name}:{e}" for e in errors]


def validate_docx(data: bytes | Path) -> list[str]:
    """Schema errors of every XML part (``*.xml``, ``*.rels``) of a .docx package."""
    raw = data.read_bytes() if isinstance(data, Path) else data
    errors: list[str] = []
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")):
                errors.extend(validate_part(info.filename, zf.read(info)))
    return errors

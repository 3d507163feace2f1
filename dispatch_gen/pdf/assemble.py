"""PDF assembly and the empty signature field, with pypdf (the package's only pypdf user).

Assembly merges PDFs with one bookmark per part, sets the metadata (the agency as author, so archives
and e-office systems file it correctly) and can add an empty, named signature field over the signer's
block, so the signer's own tool (USB token) signs in the right place. The field is placed from the
text positions pypdf extracts: the signer's lines (``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``) are found
and a 7 × 2.5 cm box goes under them, above the signer's name.
Conversion from Word lives in ``pdf.convert``; nothing here runs a process.
pypdf is imported inside functions: the CLI starts faster.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import text
from ..errors import ConversionError
from ..messages import os_reason, t
from ..output import write_atomic

log = logging.getLogger(__name__)

CM = 72 / 2.54
SIG_WIDTH = 7 * CM  # the rectangle the signer's tool fills: ~7 cm × 2.5 cm
SIG_HEIGHT = 2.5 * CM
MIN_SIG_HEIGHT = 1 * CM  # a tighter signature space still gets a usable field


# --------------------------------------------------------------------------- signature field


@dataclass(frozen=True)
class SignatureSpec:
    """Where the signer signs: the lines above the signature (``TM. ỦY BAN NHÂN DÂN``, ``CHỦ TỊCH``).

    ``part``: index of the assembled part holding the signer's block; None = the first part whose
    text contains the lines. ``field_name`` is the name the signer's tool shows (no dots).
    """

    anchor_lines: tuple[str, ...]
    field_name: str = "ChuKy"
    part: int | None = None


def signature_for(case, signer_key: str | None = None) -> SignatureSpec:
    """The signature spec of a case's signer (default: the dispatch's): their block lines and a
    field named after the signer key, e.g. ``ChuKy_chu_tich``."""
    key = signer_key or case.dispatch.signer
    return SignatureSpec(tuple(case.signers[key].block_lines()), f"ChuKy_{key}")


def signatures_for(case) -> list[SignatureSpec]:
    """Every signer of a case, the dispatch's first: a report or a reminder may be signed by another
    (``report.yaml``), and each document gets the field of whoever's block it carries (issue 10)."""
    keys = [case.dispatch.signer, *(k for k in case.signers if k != case.dispatch.signer)]
    return [signature_for(case, k) for k in keys]


def _find_signer(pages, specs: Sequence[SignatureSpec], page_range: range):
    """(spec, page index, rect) of the signer whose block lies in ``page_range`` (last page first,
    each page's text read once), or None."""
    for index in reversed(page_range):
        lines = _page_lines(pages[index])
        for spec in specs:
            run = _find_anchor(lines, spec.anchor_lines)
            if run:
                return spec, index, _signature_rect(pages[index], run, lines)
    return None


@dataclass(frozen=True)
class SignaturePlacement:
    """Where a signature field was put: page index (0-based) and rectangle in PDF points."""

    field_name: str
    page_index: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    y: float
    size: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _text_width(s: str, size: float) -> float:
    """Rough advance width in Times/Liberation Serif: capitals are wider than small letters."""
    widths = [0.25 if c.isspace() else 0.68 if c.isupper() else 0.45 for c in s]
    return sum(widths) * size


def _page_lines(page) -> list[_Line]:
    """Text lines of a page with positions, from pypdf's extraction visitor.

    Fragments on the same baseline are joined only when they touch, so the two columns of the
    ND30 signature table (``Nơi nhận`` | signer) stay separate lines.
    """
    frags: list[tuple[float, float, float, str]] = []

    def visit(s, cm, tm, _font, size):
        if not s.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        frags.append((round(y, 1), x, size * scale, s.replace("\n", " ")))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for y, x, size, s in sorted(frags, key=lambda f: (-f[0], f[1])):
        last = lines[-1] if lines else None
        if last and abs(last.y - y) < 1.0 and x - last.x1 < 2 * size:
            lines[-1] = _Line(last.text + s, last.x0, max(last.x1, x + _text_width(s, size)), last.y, last.size)
        else:
            lines.append(_Line(s, x, x + _text_width(s, size), y, size))
    return lines


def _key(s: str) -> str:
    return "".join(text.upper_vi(s).split())


def _find_anchor(lines: list[_Line], anchors: Sequence[str]) -> list[_Line] | None:
    """The last run of lines (top to bottom, same column) that spells ``anchors``; wrapping allowed."""
    target = "".join(_key(a) for a in anchors)
    found = None
    for i, first in enumerate(lines):
        if not target.startswith(_key(first.text)):
            continue
        run, spelled = [first], _key(first.text)
        for line in lines[i + 1:]:
            if spelled == target or line.y < run[-1].y - 3 * line.size:
                break
            same_column = line.x0 < run[0].x1 and line.x1 > run[0].x0
            if same_column and target.startswith(spelled + _key(line.text)):
                run.append(line)
                spelled += _key(line.text)
        if spelled == target:
            found = run
    return found


def _signature_rect(page, run: list[_Line], lines: list[_Line]) -> tuple[float, float, float, float]:
    """A 7 × 2.5 cm box centred under the signer's title, kept inside the page and above the
    signer's name (the next line below in the same column), which must stay visible."""
    box = page.mediabox
    centre = sum(line.centre for line in run) / len(run)
    left = min(max(centre - SIG_WIDTH / 2, float(box.left)), float(box.right) - SIG_WIDTH)
    last = run[-1]
    top = last.y - 0.4 * last.size
    bottom = max(top - SIG_HEIGHT, float(box.bottom))
    below = [ln for ln in lines if ln.y < last.y - 0.5 * last.size and ln.x0 < left + SIG_WIDTH and ln.x1 > left]
    if below:
        name_top = max(ln.y + 0.8 * ln.size for ln in below) + 2
        bottom = max(bottom, min(name_top, top - MIN_SIG_HEIGHT))
    return (round(left, 2), round(bottom, 2), round(left + SIG_WIDTH, 2), round(top, 2))


def _place(pages, anchors: Sequence[str], page_range: range) -> tuple[int, tuple[float, ...]] | None:
    """Search ``page_range`` from its last page backwards (signatures end documents)."""
    for index in reversed(page_range):
        lines = _page_lines(pages[index])
        run = _find_anchor(lines, anchors)
        if run:
            return index, _signature_rect(pages[index], run, lines)
    return None


def _field_name(writer, wanted: str) -> str:
    """A field name without dots (they separate name parts) and unique in the document."""
    base = "_".join(wanted.replace(".", " ").split()) or "ChuKy"
    acro = writer.root_object.get("/AcroForm")
    taken = {str(f.get_object().get("/T")) for f in (acro.get_object().get("/Fields", []) if acro else [])}
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _add_field(writer, page_index: int, rect: Sequence[float], wanted: str) -> SignaturePlacement:
    """Add an empty signature widget (/FT /Sig) to a page and to /AcroForm /Fields, /SigFlags 1."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    name = _field_name(writer, wanted)
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    appearance = StreamObject()  # empty appearance: viewers draw nothing until it is signed
    appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                       NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                         FloatObject(width), FloatObject(height)])})
    appearance.set_data(b"")
    widget = writer.add_annotation(page_index, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Sig"),
        NameObject("/T"): TextStringObject(name),
        NameObject("/F"): NumberObject(4),  # print
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
    }))
    root = writer.root_object
    if "/AcroForm" not in root:
        root[NameObject("/AcroForm")] = writer._add_object(DictionaryObject({NameObject("/Fields"): ArrayObject()}))
    acro = root["/AcroForm"].get_object()
    if "/Fields" not in acro:
        acro[NameObject("/Fields")] = ArrayObject()
    acro["/Fields"].get_object().append(widget.indirect_reference)
    acro[NameObject("/SigFlags")] = NumberObject(int(acro.get("/SigFlags", 0)) | 1)  # SignaturesExist
    return SignaturePlacement(name, page_index, tuple(float(v) for v in rect))


def _sign_writer(writer, spec: SignatureSpec, page_range: range, where: str | Path) -> SignaturePlacement | None:
    placed = _place(writer.pages, spec.anchor_lines, page_range)
    if placed is None:
        log.warning(t("pdf_signature_anchor_missing", path=where, anchor=" / ".join(spec.anchor_lines)))
        return None
    return _add_field(writer, placed[0], placed[1], spec.field_name)


def signed_bytes(data: bytes, spec: SignatureSpec, where: str | Path) -> bytes:
    """``data`` (a PDF) with a signature field added when the signer's lines are found."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if _sign_writer(writer, spec, range(len(writer.pages)), where) is None:
        return data
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def add_signer_field(pdf_path: str | Path, specs: Sequence[SignatureSpec]) -> SignaturePlacement | None:
    """Add the field of whichever of ``specs`` signs this PDF, rewriting it atomically; None (file
    unchanged, nothing logged: the caller says what it expected) when no signer's block is there."""
    from pypdf import PdfReader, PdfWriter

    path = Path(pdf_path)
    writer = PdfWriter(clone_from=_read_pdf(path, PdfReader))
    found = _find_signer(writer.pages, specs, range(len(writer.pages)))
    if found is None:
        return None
    spec, page_index, rect = found
    placed = _add_field(writer, page_index, rect, spec.field_name)
    buf = io.BytesIO()
    writer.write(buf)
    write_atomic(path, buf.getvalue())
    return placed


def add_signature_field(pdf_path: str | Path, anchor_lines: Sequence[str],
                        field_name: str = "ChuKy") -> SignaturePlacement | None:
    """Add an empty signature field under the signer's lines of a single PDF, rewriting it atomically.

    Returns where it went, or None (file unchanged, warning logged) when the lines are not found.
    """
    from pypdf import PdfReader, PdfWriter

    path = Path(pdf_path)
    writer = PdfWriter(clone_from=_read_pdf(path, PdfReader))
    placed = _sign_writer(writer, SignatureSpec(tuple(anchor_lines), field_name), range(len(writer.pages)), path)
    if placed is not None:
        buf = io.BytesIO()
        writer.write(buf)
        write_atomic(path, buf.getvalue())
    return placed


# --------------------------------------------------------------------------- assembly


def _read_pdf(path: Path, reader_cls):
    """Open a PDF with pypdf, turning its errors into a ConversionError naming the file."""
    from pypdf.errors import PdfReadError

    try:
        return reader_cls(path)
    except (PdfReadError, OSError, ValueError) as exc:  # pypdf's English («Stream has ended…») is not for her
        detail = os_reason(exc) if isinstance(exc, OSError) else t("pdf_not_pdf")
        raise ConversionError(t("pdf_read_failed", path=path, detail=detail)) from exc


def _drop_empty_signature_fields(writer, pages: range) -> None:
    """Remove the parts' own unsigned signature fields: the package gets one field of its own, and
    two fields with one name would confuse the signer's tool."""
    dropped: set[int] = set()
    for index in pages:
        page = writer.pages[index]
        annots = page.get("/Annots")
        if not annots:
            continue
        annots = annots.get_object()
        for ref in list(annots):
            annot = ref.get_object()
            if annot.get("/FT") == "/Sig" and "/V" not in annot:
                annots.remove(ref)
                dropped.add(ref.idnum)
    acro = writer.root_object.get("/AcroForm")
    if dropped and acro is not None:
        fields = acro.get_object().get("/Fields")
        if fields is not None:
            fields = fields.get_object()
            for ref in [f for f in fields if f.idnum in dropped]:
                fields.remove(ref)


def assemble(parts: Sequence[tuple[str, Path]], out: str | Path, title: str, author: str, subject: str = "",
             signature: SignatureSpec | None = None, signers: Sequence[SignatureSpec] = ()) -> Path:
    """Merge PDFs into ``out``: one bookmark per part (its label), metadata, signature fields.

    ``signature``: one field, on its ``part`` (or the first part holding its block). ``signers``:
    a field on EVERY part that carries one of their blocks (dispatch, report, reminder, each with
    its own signer); a warning only when no part carries any.

    The metadata names the agency as author so archives and e-office systems file it correctly;
    the document opens with the bookmarks shown and its title (not the file name) in the title bar.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    if not parts:
        raise ConversionError(t("pdf_no_parts"))
    writer = PdfWriter()
    starts: list[int] = []
    for label, path in parts:
        reader = _read_pdf(Path(path), PdfReader)
        starts.append(len(writer.pages))
        writer.append(reader, import_outline=False)
        _drop_empty_signature_fields(writer, range(starts[-1], len(writer.pages)))
        writer.add_outline_item(title=text.nfc(label), page_number=starts[-1])
    starts.append(len(writer.pages))
    writer.add_metadata({"/Title": text.nfc(title), "/Author": text.nfc(author),
                         "/Subject": text.nfc(subject), "/Creator": "dispatch-gen"})
    writer.page_mode = "/UseOutlines"
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject("vi-VN")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if signature is not None:
        order = [signature.part] if signature.part is not None else range(len(parts))
        for i in order:
            pages = range(starts[i], starts[i + 1])
            if _place(writer.pages, signature.anchor_lines, pages) is not None:
                _sign_writer(writer, signature, pages, out)
                break
        else:
            log.warning(t("pdf_signature_anchor_missing", path=out, anchor=" / ".join(signature.anchor_lines)))
    if signers:
        found = [_find_signer(writer.pages, signers, range(starts[i], starts[i + 1])) for i in range(len(parts))]
        for hit in found:
            if hit is not None:
                _add_field(writer, hit[1], hit[2], hit[0].field_name)
        if not any(found):
            log.warning(t("pdf_signature_anchor_missing", path=out,
                          anchor="; ".join(" / ".join(s.anchor_lines) for s in signers)))
    buf = io.BytesIO()
    writer.write(buf)
    return write_atomic(Path(out), buf.getvalue())


def _info(path: Path) -> tuple[str | None, str | None]:
    """The /Title and /Author a PDF carries (LibreOffice copies them from the .docx properties)."""
    from pypdf import PdfReader

    meta = _read_pdf(path, PdfReader).metadata or {}
    title, author = meta.get("/Title"), meta.get("/Author")
    return (text.nfc(str(title)).strip() or None if title else None,
            text.nfc(str(author)).strip() or None if author else None)


def _label(title: str | None, stem: str, repeated: bool) -> str:
    """A bookmark label: the document title, with the file name when several parts share it
    (every village's form has the same title), else the file name alone."""
    if not title:
        return stem
    return f"{title} ({stem})" if repeated else title


def assemble_documents(names: Sequence[Path], pdfs: Sequence[Path], out: str | Path, *, title: str | None,
                       author: str | None, subject: str | None, signature: SignatureSpec | None,
                       headings: Sequence[str | None] = (), signers: Sequence[SignatureSpec] = ()) -> Path:
    """Assemble ``pdfs`` (made from the user's files ``names``, same order) as the ``pdf`` command does.

    Bookmarks carry each part's heading (document type and trích yếu, read from the .docx), else its
    PDF title (with the file name added when titles repeat), else the file name; title and author
    default to the first part's.
    """
    infos = [_info(p) for p in pdfs]
    headings = list(headings) or [None] * len(pdfs)
    titles = [heading or info[0] for heading, info in zip(headings, infos, strict=True)]
    parts = [(_label(doc_title, name.stem, titles.count(doc_title) > 1), pdf)
             for name, pdf, doc_title in zip(names, pdfs, titles, strict=True)]
    return assemble(parts, out, title=title or titles[0] or names[0].stem, author=author or infos[0][1] or "",
                    subject=subject or "", signature=signature, signers=signers)

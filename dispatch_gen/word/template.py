"""Render a Word template (docxtpl) by document kind, safely, into an atomically written .docx.

Templates live in ``templates/docx/<kind>.docx`` (built by ``scripts/build_templates.py``, editable in
Word). Rendering always goes through the one sandboxed, autoescaping, StrictUndefined environment, so
a value's ``& < > " '`` or ``{{ }}`` comes out literally and a template cannot reach Python internals;
Jinja errors become ``TemplateError`` messages that name the template.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from ..errors import TemplateError
from ..messages import t
from ..output import write_atomic
from .header import fit_header
from .jinja import environment

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "docx"
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def template_path(kind: str | Path) -> Path:
    """The template file of a document kind (``cong-van``, ``van-ban``), or an explicit .docx path."""
    path = Path(kind) if isinstance(kind, Path) or str(kind).endswith(".docx") else TEMPLATE_DIR / f"{kind}.docx"
    if not path.is_file():
        raise TemplateError(t("template_missing", name=path))
    return path


def rich(runs: Iterable[Any]):
    """Jinja filter: body runs (``.text``/``.bold``/``.italic``) → a docxtpl RichText for ``{{r … }}``.

    Runs carry only emphasis; size and font come from the paragraph, so a clerk's formatting of the
    template paragraph still applies.
    """
    from docxtpl import RichText

    rt = RichText()
    for r in runs:
        rt.add(r.text, bold=bool(r.bold) or None, italic=bool(r.italic) or None)
    return rt


def _jinja_env() -> jinja2.Environment:
    env = environment().overlay()
    env.filters["rich"] = rich
    return env


def render_bytes(kind: str | Path, context: dict) -> bytes:
    """Render template ``kind`` with ``context`` and return the .docx bytes (deterministic zip).

    ``body_slot`` in the context replaces the structured body of ``van-ban.docx``: the report puts
    a placeholder there and splices its own body in after rendering (``word.report_body``).
    """
    from docxtpl import DocxTemplate

    path = template_path(kind)
    name = path.name
    try:
        tpl = DocxTemplate(path)
        tpl.init_docx()
    except Exception as exc:  # not a zip / not a Word file
        raise TemplateError(t("template_syntax", name=name, detail=exc)) from exc
    try:
        tpl.render(context, jinja_env=_jinja_env(), autoescape=True)
    except SecurityError as exc:
        raise TemplateError(t("template_unsafe", name=name, detail=exc)) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(t("template_undefined", name=name, detail=exc.message)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(t("template_syntax", name=name, detail=f"{exc.message} (dòng {exc.lineno})")) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(t("template_syntax", name=name, detail=exc)) from exc
    if context.get("place_date"):  # the case's own names, not the template's sample widths
        agency = [line for line in (context.get("agency_parent"), *context.get("agency_lines", ())) if line]
        fit_header(tpl.docx.element.body, agency, context["place_date"])
    core = tpl.docx.core_properties
    props = context.get("properties") or {}
    day = props.get("date")
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else dt.datetime(*_ZIP_TIME, tzinfo=dt.UTC)
    core.created = core.modified = moment
    if props:  # the document's own description, not the program's
        core.title, core.subject = props["title"], props["subject"]
        core.author = core.last_modified_by = props["author"]
        core.language = props.get("language", "vi-VN")
        core.comments, core.keywords, core.category, core.identifier = "", "", "", ""
        core.revision = 1
    buffer = io.BytesIO()
    tpl.save(buffer)
    return _fixed_zip(buffer.getvalue())


def render_docx(kind: str | Path, context: dict, out: str | Path) -> Path:
    """Render template ``kind`` with ``context`` into ``out`` (atomically) and return ``out``."""
    return write_atomic(Path(out), render_bytes(kind, context))


def _fixed_zip(data: bytes) -> bytes:
    """Same parts, fixed timestamps: the same input gives byte-identical documents."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()

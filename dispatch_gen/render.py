"""Stage: render the case's dispatch into a Word file in the ND30 layout.

The context comes from ``context.document_context`` (shared with the report and reminders); the
template is chosen by document type: ``cong-van`` for a công văn, ``van-ban`` for named types.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .case.models import Case
from .context import document_context
from .register import DISPATCH_KEY, Issuing
from .word.template import render_docx

if TYPE_CHECKING:
    from .workspace import OpenedCase

log = logging.getLogger(__name__)


def template_kind(case: Case) -> str:
    """``cong-van`` for a công văn (no type name, V/v under Số), ``van-ban`` for named types."""
    return "cong-van" if case.dispatch.is_cong_van else "van-ban"


def render_dispatch(case: Case, out: str | Path, number: int | None = None,
                    issued_on: dt.date | None = None) -> Path:
    """Write the dispatch of ``case`` to ``out`` (.docx) and return the path.

    A draft (no ``number``/``issued_on``) leaves the number and, if the record has none, the day
    blank: ND30 numbers are assigned after signing (the register passes both at issue).
    """
    context = document_context(case, number=number, issued_on=issued_on)
    written = render_docx(template_kind(case), context, out)
    log.info("rendered %s", written)
    return written


def write_dispatch(opened: OpenedCase, out: str | Path, issuing: Issuing | None = None) -> Path:
    """The case's dispatch as a draft, or issued through the agency register (``--issue``)."""
    case = opened.case
    texts = [*case.dispatch.recipients, *(b.text for b in case.dispatch.body)]

    def render(number: int | None, day: dt.date | None, path: Path) -> Path:
        return render_dispatch(case, path, number=number, issued_on=day)

    return opened.write(opened.document(DISPATCH_KEY, case.dispatch, texts), out, render, issuing)

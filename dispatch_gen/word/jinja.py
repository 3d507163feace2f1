"""The one Jinja environment: sandboxed, autoescaping, StrictUndefined, with Vietnamese filters.

Templates are data a clerk may edit in Word, so rendering must never reach Python internals, never
let a value's ``&``, ``<`` or ``{{`` become markup, and never silently print an undefined name.
"""

from __future__ import annotations

import datetime as dt
import functools

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import text


def _date_vi(value: dt.date | None) -> str:
    return text.date_phrase(value.year, value.month, value.day) if value else ""


def _short_date(value: dt.date | None) -> str:
    return text.short_date(value) if value else ""


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """Return the shared environment (built once; compiled templates are cached by Jinja)."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(
        upper_vi=text.upper_vi,
        date_vi=_date_vi,
        short_date=_short_date,
        number_vi=text.format_number,
        roman=text.roman,
    )
    # cycler/joiner/namespace give templates objects to walk; a clerk's template never needs them.
    for name in ("cycler", "joiner", "namespace", "range", "lipsum", "dict"):
        env.globals.pop(name, None)
    return env

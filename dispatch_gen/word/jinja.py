"""The one Jinja environment: sandboxed, autoescaping, StrictUndefined, with Vietnamese filters.

Templates are data a clerk may edit in Word, so rendering must never reach Python internals, never
let a value's ``&``, ``<`` or ``{{`` become markup, and never silently print an undefined name.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
from decimal import Decimal

from jinja2 import StrictUndefined, Undefined
from jinja2.runtime import Context, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .. import text


def _date_vi(value: dt.date | None) -> str:
    return text.date_phrase(value.year, value.month, value.day) if value else ""


def _short_date(value: dt.date | None) -> str:
    return text.short_date(value) if value else ""


MAX_POWER = 64  # ``9 ** 9 ** 9`` would freeze the renderer; a document never needs more
MAX_REPEAT = 100_000  # ``'x' * 10 ** 9`` would exhaust memory


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, plus bounded ``*`` and ``**`` (intercepted ones are never constant-folded)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(f"exponent {right} is too large")
        if operator == "*" and any(isinstance(a, (str, list, tuple)) for a in (left, right)):
            count = right if isinstance(left, (str, list, tuple)) else left
            size = len(left if isinstance(left, (str, list, tuple)) else right)
            if isinstance(count, int) and count * max(size, 1) > MAX_REPEAT:
                raise SecurityError(f"repetition ×{count} is too large")
        return super().call_binop(context, operator, left, right)


def _printable(value):
    """Only data reaches a document: a function, class, module or template object is refused.

    ``{{ self }}`` or ``{{ ''.upper }}`` would otherwise print a Python repr (with a memory address);
    it is always a template mistake or a probe.
    """
    if isinstance(value, (str, int, float, Decimal, dt.date, Undefined)) or value is None or hasattr(value, "__html__"):
        return value
    if callable(value) or isinstance(value, (type, types.ModuleType, TemplateReference, Context)):
        raise SecurityError(f"{type(value).__name__} object cannot be printed in a document")
    return value


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """Return the shared environment (built once; compiled templates are cached by Jinja)."""
    env = _Sandbox(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=_printable)
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

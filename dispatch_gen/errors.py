"""The one exception tree of dispatch_gen; caught once, in the CLI.

Every error composes its own clerk-readable message (Vietnamese by default, via ``messages``)
so the CLI only prints ``str(error)`` and exits with ``error.exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass


class DispatchGenError(Exception):
    """Root of every error the CLI turns into a message and an exit code."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (file › record › field) and why."""

    file: str
    reason: str
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = " › ".join(p for p in (self.file, self.record, self.field) if p)
        return f"{where}: {self.reason}"


class RecordError(DispatchGenError):
    """Raised when case records are missing, malformed or invalid; lists every problem."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(DispatchGenError):
    """Raised when a template cannot be found, parsed or rendered (unsafe access included)."""


class FormReadError(DispatchGenError):
    """Raised when a returned file is not a readable form of this case."""


class StoreError(DispatchGenError):
    """Raised when the case store (SQLite) cannot be opened or is inconsistent."""


class ConversionError(DispatchGenError):
    """Raised when LibreOffice is missing, fails or hangs during PDF conversion."""


class OutputError(DispatchGenError):
    """Raised when an output cannot be written, or would overwrite a submission."""


class CheckFailed(DispatchGenError):
    """Raised by ``check`` when a document violates ND30 rules (the report is already printed)."""

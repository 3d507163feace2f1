"""Completion times as villages really write them: a day, a month, a quarter, a half or a year.

Pure rules. Officers type "Quý I/2026", "Tháng 6/2026", "Năm 2026" into a date picker (Word
allows it); each is a ``Period`` (first and last day) while the typed text stays the answer. A
roadmap sorts and compares periods by their last day: "Quý I/2026" is due by 31/03/2026.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included."""

    start: dt.date
    end: dt.date

    @property
    def iso(self) -> str:
        """ISO 8601 interval (``2026-01-01/2026-03-31``); a single day is just that day."""
        return self.start.isoformat() if self.start == self.end else f"{self.start}/{self.end}"


def _month(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _months(year: int, first: int, last: int) -> Period:
    return Period(_month(year, first).start, _month(year, last).end)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().strip().rstrip(".;,")
    return re.sub(r"\s+", " ", text.replace(" / ", "/").replace("/ ", "/").replace(" /", "/"))


_YEAR = r"(\d{4})"
_SEP = r"(?:/|-|\.| năm | )"
_PATTERNS: tuple[tuple[str, object], ...] = (
    (rf"(\d{{1,2}})[/.-](\d{{1,2}})[/.-]{_YEAR}", lambda m: _day(int(m[3]), int(m[2]), int(m[1]))),
    (rf"{_YEAR}-(\d{{1,2}})-(\d{{1,2}})", lambda m: _day(int(m[1]), int(m[2]), int(m[3]))),
    (rf"(?:quý|q) ?(i{{1,3}}|iv|[1-4]){_SEP}{_YEAR}",
     lambda m: _months(int(m[2]), 3 * _quarter(m[1]) - 2, 3 * _quarter(m[1]))),
    (rf"6 tháng (đầu|cuối) năm {_YEAR}",
     lambda m: _months(int(m[2]), 1, 6) if m[1] == "đầu" else _months(int(m[2]), 7, 12)),
    (rf"(?:tháng|th|t) ?(\d{{1,2}}){_SEP}{_YEAR}", lambda m: _month_or_none(int(m[2]), int(m[1]))),
    (rf"(\d{{1,2}})/{_YEAR}", lambda m: _month_or_none(int(m[2]), int(m[1]))),
    (rf"(?:(?:cuối|trong) )?năm {_YEAR}", lambda m: _months(int(m[1]), 1, 12)),
    (_YEAR, lambda m: _months(int(m[1]), 1, 12)),
)


def _quarter(token: str) -> int:
    return int(token) if token.isdigit() else _ROMAN[token]


def _day(year: int, month: int, day: int) -> Period | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return Period(d, d)


def _month_or_none(year: int, month: int) -> Period | None:
    return _month(year, month) if 1 <= month <= 12 else None


def parse_period(text: str) -> Period | None:
    """The period a typed completion time names, or None when it names none (kept and flagged)."""
    value = _norm(text)
    for pattern, make in _PATTERNS:
        m = re.fullmatch(pattern, value)
        if m:
            period = make(m)
            if period is not None and 1900 <= period.start.year <= 9999:
                return period
            return None
    return None


def period_end(value: str | None) -> dt.date | None:
    """Last day of a stored completion time (ISO date or typed period); None when it names none."""
    if not value:
        return None
    period = parse_period(value)
    return period.end if period else None

"""How a paragraph sits on the page, judged from the model without rendering.

Real documents reach the ND30 layout in many ways: a header pushed into place with spaces, a
signature centred with tabs, a one-line label set "justified" (which prints left), a header or a
Nơi nhận block written as one paragraph with manual line breaks, columns laid with tabs instead of
a table. The rules must judge what the page shows, so this module estimates text widths (Times New
Roman metrics, good to ~10 %), where a line's centre falls in its cell, and splits a paragraph into
the visual pieces a reader sees (lines, tab-separated columns).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..word.inspect import Paragraph, Run

_DEFAULT_TAB = 720  # Word's default tab stop, twips
_CENTRE_TOLERANCE = 0.12  # share of the cell width a "centred" line's centre may be off
_FILLS = 0.85
_MOSTLY = 0.6
_PUSHED = 0.08  # a left-set line starting this far in was pushed into place (spaces, tabs, indent)  # a line this close to the full width looks the same whatever its alignment
# A gap of tabs or 4+ spaces before a capital or a dash: a second column (``Nơi nhận:\t\tKT. CHỦ TỊCH``);
# not the blanks of a draft's number or date (``Số:    /UBND``, ``ngày    tháng``).
_COLUMN_GAP = re.compile(r"\S(\t[\t ]*|[ \u00a0]{4,})(?=\S)")
_RULE_CHARS = re.compile(r"^[_\-‐-―.…]{5,}$")


def _base(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0] if c else c


def char_em(c: str, bold: bool = False) -> float:
    """Advance width of one character in em (Times New Roman, rounded)."""
    b = _base(c)
    if b in " \u00a0":
        return 0.25
    if b.isdigit():
        return 0.5
    if b.isupper():
        w = 0.56 if b in "IJ" else 0.72 if b not in "MW" else 0.9
        return w * (1.04 if bold else 1.0)
    if b.islower():
        w = 0.28 if b in "ijlft" else 0.78 if b in "mw" else 0.48
        return w * (1.04 if bold else 1.0)
    return 0.33


def run_width(r: Run, s: str | None = None) -> float:
    """Twips taken by ``s`` (default: the run's text) at the run's size."""
    size = (r.size or 20) * 10  # half-points → twips per em
    return sum(char_em(c, r.bold) for c in (r.text if s is None else s)) * size


def content_width(p: Paragraph) -> float:
    """Twips of the visible text, leading and trailing white space excluded."""
    return sum(run_width(r) for r in p.runs) - _lead_width(p) - _trail_width(p)


def _lead_width(p: Paragraph) -> float:
    out = 0.0
    for r in p.runs:
        lead = len(r.text) - len(r.text.lstrip())
        out += run_width(r, r.text[:lead].replace("\t", ""))
        out += r.text[:lead].count("\t") * _DEFAULT_TAB
        if lead < len(r.text):
            break
    return out


def _trail_width(p: Paragraph) -> float:
    out = 0.0
    for r in reversed(p.runs):
        trail = len(r.text) - len(r.text.rstrip())
        out += run_width(r, r.text[len(r.text) - trail:].replace("\t", ""))
        if trail < len(r.text):
            break
    return out


def line_count(p: Paragraph) -> int:
    """Estimated printed lines (1 when the width is unknown)."""
    if not p.avail:
        return 1
    return max(1, -int(-(content_width(p) + max(p.first_line, 0) + _lead_width(p)) // p.avail))


def looks(p: Paragraph) -> str:
    """How the paragraph looks on the page: ``left``, ``center``, ``right``, ``both`` (justified over
    several lines) or ``any`` (it fills its line, or its width is unknown: alignment is invisible)."""
    jc = p.jc or "left"
    if not p.avail or not p.text.strip():
        return "any"
    width = content_width(p)
    offset = _lead_width(p) + max(p.first_line, 0)
    if width > p.avail * 1.05:  # several lines: the setting decides
        return jc
    if width + offset > p.avail:
        return "any"
    if width >= _FILLS * p.avail:
        return "any"
    if jc == "right":
        return "right"
    if width >= _MOSTLY * p.avail and jc != "center":
        return "any"  # a left-set line taking most of a narrow cell: its offset is within the estimate's error
    pushed = jc not in ("left", "both", "distribute") or offset >= _PUSHED * p.avail
    centre = offset + width / 2 if jc in ("left", "both", "distribute") else (p.avail + offset) / 2
    if pushed and abs(centre - p.avail / 2) <= _CENTRE_TOLERANCE * p.avail:
        return "center"
    if jc == "center":
        return "center" if centre < p.avail / 2 else "right"
    return "left" if centre < p.avail / 2 else "right"


def _slice(p: Paragraph, start: int, end: int) -> Paragraph:
    """The part of ``p`` between two text offsets, with the runs cut to it (width unknown)."""
    runs, pos = [], 0
    for r in p.runs:
        a, b = max(start, pos), min(end, pos + len(r.text))
        if a < b:
            runs.append(replace(r, text=r.text[a - pos:b - pos]))
        pos += len(r.text)
    return replace(p, text=p.text[start:end], runs=tuple(runs), avail=0, first_line=0, start=p.start + start,
                   has_line_shape=False, line_widths=(), borders=frozenset())


def split_lines(p: Paragraph) -> list[Paragraph]:
    """The printed lines of a paragraph broken with manual line breaks (itself when it has none)."""
    if "\n" not in p.text:
        return [p]
    out, start = [], 0
    for i, c in enumerate(p.text + "\n"):
        if c == "\n":
            if p.text[start:i].strip():
                out.append(_slice(p, start, i))
            start = i + 1
    return out or [p]


def split_columns(p: Paragraph) -> tuple[Paragraph, Paragraph | None]:
    """A line laid out in two columns with tabs or a run of spaces: (left part, right part or None)."""
    s = p.text.rstrip()
    m = next((m for m in _COLUMN_GAP.finditer(s, len(s) - len(s.lstrip()))
              if s[m.end(1)].isupper() or s[m.end(1)] in "-–"), None)
    if m is None:
        return p, None
    return _slice(p, 0, m.start(1)), _slice(p, m.end(1), len(p.text))


def is_typed_rule(p: Paragraph) -> bool:
    """A line typed as underscores or dashes (``________``)."""
    return bool(_RULE_CHARS.match(p.text.strip()))

"""What a broken rule looks like to the clerk: ``Violation``, its place and its wording.

Shared by every rule of ``check.rules`` so all violations name places the same way (part, table
cell, first words), state sizes in Vietnamese numbers (``13,5``) and aggregate repeated findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import nd30, text
from ..messages import t
from ..word.inspect import Paragraph
from .layout import looks

_JC_KEYS = {"center": "check_jc_center", "both": "check_jc_both", "left": "check_jc_left",
            "right": "check_jc_right", "distribute": "check_jc_both"}


@dataclass(frozen=True)
class Violation:
    """One rule broken: which (§17 number), where, what was found, what ND30 requires."""

    rule: str
    where: str
    found: str
    required: str


@dataclass(frozen=True)
class Fmt:
    """Required formatting of an element: size range key, bold, italic, allowed alignments."""

    size: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    jc: tuple[str, ...] | None = None


def pt_text(half_points: int | None) -> str:
    """Half-points as a clerk writes points: ``13``, ``13,5`` (Word's default 10 pt when unset)."""
    return text.format_number((20 if half_points is None else half_points) / 2, 1).removesuffix(",0")


def mm_text(twips: int) -> str:
    """Twips in millimetres, the unit ND30 states page size and margins in."""
    return text.format_number(twips / 1440 * 25.4, 1).removesuffix(",0")


def snippet(s: str, n: int = 40) -> str:
    """The first words of a text, on one line, so a place or finding stays short."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def cm_text(twips: int) -> str:
    """Twips in centimetres, the unit ND30 states indents in."""
    return text.format_number(twips / 567, 2).rstrip("0").rstrip(",")


def where(p: Paragraph) -> str:
    """Clerk-readable place of a paragraph: its page (estimated), table cell or header, and its first
    words: a clerk finds a place by page and words, not by counting paragraphs."""
    loc = p.loc
    if loc.part in ("header", "footer"):
        place = t(f"check_where_{loc.part}", kind=t(f"check_hf_{loc.kind or 'default'}"), s=loc.section + 1)
    elif loc.part == "footnote":
        place = t("check_where_footnote")
    elif loc.table is not None:
        place = t("check_where_cell", t=loc.table + 1, r=loc.row + 1, c=loc.col + 1)
        if p.page:
            place = t("check_where_page", page=p.page) + ", " + place
    else:
        place = t("check_where_page", page=p.page or 1)
    return f"{place} «{snippet(p.text)}»" if p.text.strip() else place


def _jc_name(jc: str | None) -> str:
    return t(_JC_KEYS.get(jc or "left", "check_jc_left"))


def format_problems(p: Paragraph, fmt: Fmt) -> tuple[list[str], list[str]]:
    """What is wrong with ``p`` against ``fmt``: (found parts, required parts)."""
    found, required = [], []
    runs = p.visible_runs
    if fmt.size and runs:
        lo, hi = nd30.SIZE_RANGES[fmt.size]
        bad = sorted({r.size or 20 for r in runs if not lo * 2 <= (r.size or 20) <= hi * 2})
        if bad:
            found.append(t("check_size", pt=", ".join(pt_text(s) for s in bad)))
            required.append(t("check_size", pt=f"{lo}–{hi}" if lo != hi else str(lo)))
    for attr, want in (("bold", fmt.bold), ("italic", fmt.italic)):
        if want is None or not runs:
            continue
        ok = all(getattr(r, attr) for r in runs) if want else not any(getattr(r, attr) for r in runs)
        if not ok:
            found.append(t(f"check_{'' if not want else 'not_'}{attr}"))
            required.append(t(f"check_{'not_' if not want else ''}{attr}"))
    seen = looks(p) if fmt.jc else "any"
    if fmt.jc and seen != "any" and seen not in fmt.jc:
        found.append(t("check_align", how=_jc_name(seen)))
        required.append(t("check_align", how=" / ".join(_jc_name(j) for j in fmt.jc)))
    return found, required


def fmt_violation(rule: str, p: Paragraph | None, fmt: Fmt) -> Iterator[Violation]:
    """At most one violation for ``p``'s formatting, all its problems joined (nothing when absent)."""
    if p is None:
        return
    found, required = format_problems(p, fmt)
    if found:
        yield Violation(rule, where(p), "; ".join(found), "; ".join(required))


def missing(rule: str, element_key: str, required: str) -> Violation:
    """An element that could not be found: placed on the whole document."""
    return Violation(rule, t("check_where_document"), t("check_missing", el=t(element_key)), required)


def aggregate(rule: str, hits: Iterable[tuple[Paragraph, str]], required: str) -> Iterator[Violation]:
    """One violation per distinct finding, naming its first place and how many others."""
    groups: dict[str, list[Paragraph]] = {}
    for p, found in hits:
        groups.setdefault(found, []).append(p)
    for found, ps in groups.items():
        place = where(ps[0])
        if len(ps) > 1:
            place += " " + t("check_and_more", n=len(ps) - 1)
        yield Violation(rule, place, found, required)

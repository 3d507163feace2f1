"""Server-rendered charts: numbers in, SVG geometry out (no JavaScript, nothing fetched)."""

from __future__ import annotations

from ..messages import t

COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "missing": "#9e9e9e", "rejected": "#c62828",
           "partial": "#ef6c00", "empty": "#6d4c41"}
BAR_WIDTH = 300  # px of the longest bar


def status_bars(counts: dict[str, int]) -> list[dict]:
    """One horizontal bar per reporting state: label, count, colour, width scaled to the largest."""
    top = max(counts.values(), default=0) or 1
    return [{"state": state, "label": t(f"state_{state}"), "count": n, "colour": COLOURS.get(state, "#607d8b"),
             "width": round(BAR_WIDTH * n / top), "y": 28 * i} for i, (state, n) in enumerate(counts.items())]

"""Test helpers that fill forms the way Word (and LibreOffice) save them, and make up answers.

The fillers live in ``dispatch_gen.word.fill`` so the sample-inbox script can use them at run time;
this module keeps the tests' import path.
"""

from __future__ import annotations

import datetime as dt

from dispatch_gen.word.fill import fill_like_word, strip_tags

__all__ = ["answers_for", "fill_like_word", "strip_tags"]


def answers_for(spec, seed: str = "", skip: tuple[str, ...] = (), text: str | None = None,
                multiline: str | None = None) -> dict[str, object]:
    """A valid value for every field of ``spec`` (skipping ``skip`` kinds or tags), varied by row.

    ``text``/``multiline`` replace the default wording (which already holds ``&`` and ``<``).
    """
    values: dict[str, object] = {}
    for i, f in enumerate(spec.fields):
        if f.tag in skip or f.kind in skip:
            continue
        if f.kind == "text":
            values[f.tag] = f"{seed}{text} #{i}" if text is not None else f"{seed}giá trị & <{i}>"
        elif f.kind == "multiline":
            values[f.tag] = f"{seed}{multiline} #{i}" if multiline is not None else f"{seed}dòng một\ndòng hai {i}"
        elif f.kind == "dropdown":
            values[f.tag] = f.options[i % len(f.options)]
        elif f.kind == "date":
            values[f.tag] = dt.date(2024, 12, 1) + dt.timedelta(days=i)
        elif f.kind == "checkbox":
            values[f.tag] = i % 2 == 0
    return values

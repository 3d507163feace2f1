"""Test helpers that fill forms the way Word (and LibreOffice) save them.

They live in ``dispatch_gen.word.fill`` so the sample-inbox script can use them at run time; this
module keeps the tests' import path.
"""

from dispatch_gen.word.fill import fill_like_word, strip_tags

__all__ = ["fill_like_word", "strip_tags"]

"""Pure Vietnamese text rules: NFC, upper case, dates, sorting, numbers, slugs, numbering.

No I/O and no project imports: every rule here is a small function with a table-driven test.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

# Vietnamese letters in dictionary order; f j w z only occur in foreign words and sort as in Latin.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
# Combining marks that make a new letter (ă â ê ô ơ ư) versus the five tone marks.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Dictionary tone order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_ORDER = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Điểm labels a) b) … follow the Vietnamese alphabet without the modified vowels (ND30 §8).
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
BLANK_NUMBER = "      "  # what a draft shows where the number goes after signing
BLANK_DAY = "    "

MONTHS_PADDED = {1, 2}


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the only form stored or written by the project."""
    return unicodedata.normalize("NFC", text)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, limit: int = 200) -> str:
    """One safe line of a name or claimed value: NFC, escaped, capped (issue 16).

    File names and claimed units are hostile: a newline could forge a "✓ … đã nhận" line, an
    escape sequence would drive the terminal, a bidi override would reorder what the clerk reads,
    and a 1 MB value would become a 1 MB message. Control and format characters are shown as
    ``\\n`` / ``\\x1b`` / ``\\u202e``; the result is cut at ``limit`` characters with ``…``.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            code = ord(ch)
            out.append(_ESCAPES.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
        if len(out) > limit:
            break
    line = "".join(out)
    return line if len(line) <= limit else line[:limit - 1] + "…"


def upper_vi(text: str) -> str:
    """Upper-case Vietnamese text, keeping precomposed letters (``ủy`` → ``ỦY``)."""
    return nfc(nfc(text).upper())


def day_text(day: int | None) -> str:
    """Day of month as ND30 writes it: two digits (``05``), or blank space when not yet known."""
    return BLANK_DAY if day is None else f"{day:02d}"


def month_text(month: int) -> str:
    """Month as ND30 writes it: ``01`` and ``02`` padded, 3–12 as they are."""
    return f"{month:02d}" if month in MONTHS_PADDED else str(month)


def date_phrase(year: int, month: int, day: int | None) -> str:
    """``ngày 05 tháng 3 năm 2025``; a missing day leaves blank space for the clerk (drafts)."""
    if day is not None:
        _dt.date(year, month, day)  # raises ValueError for an impossible date
    return f"ngày {day_text(day)} tháng {month_text(month)} năm {year}"


def place_date(place: str, year: int, month: int, day: int | None) -> str:
    """``Cẩm Lĩnh, ngày 05 tháng 3 năm 2025``: the place name, a comma, the date phrase."""
    return f"{nfc(place)}, {date_phrase(year, month, day)}"


def short_date(value: _dt.date) -> str:
    """``23/11/2024``: the compact form used in running text and tables."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_FIRST_YEAR = re.compile(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def parse_date(value: str) -> _dt.date:
    """A date as a Vietnamese clerk types it: ``27/03/2025``, ``5/4/2025``, ``05-04-2025``; ISO too.

    Day first whenever the year is last (the clerk's habit, and Excel's in a vi-VN locale); an ISO
    ``2025-03-27`` keeps working for scripts. ValueError for anything else or an impossible date.
    """
    text = nfc(str(value)).strip()
    m = _DAY_FIRST.fullmatch(text)
    if m:
        return _dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = _ISO.fullmatch(text)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(f"not a date: {value!r}")


def parse_partial_date(value: str) -> tuple[int, int, int | None]:
    """(year, month, day or None) of ``20/11/2024``, ``11/2024``, ``2024-11-20`` or ``2024-11``.

    A draft's date may leave the day blank for the clerk to write after signing. ValueError for
    anything else or an impossible date.
    """
    text = nfc(str(value)).strip()
    m = _MONTH_FIRST_YEAR.fullmatch(text)
    if not m:
        raise ValueError(f"not a date: {value!r}")
    if m[3]:
        year, month, day = int(m[3]), int(m[2]), int(m[1]) if m[1] else None
    else:
        year, month, day = int(m[4]), int(m[5]), int(m[6]) if m[6] else None
    _dt.date(year, month, day or 1)
    return year, month, day


def doc_number(number: int | None) -> str:
    """Document number: ``01``–``09`` padded, ``10`` on as is; blank space before signing."""
    if number is None:
        return BLANK_NUMBER
    if number < 1:
        raise ValueError(f"document numbers start at 1, got {number}")
    return f"{number:02d}"


def so_line(number: int | None, symbol: str) -> str:
    """The ô 3 line: ``Số: 05/UBND-VP`` or, for a draft, ``Số:      /UBND``."""
    return f"Số: {doc_number(number)}/{symbol}"


def format_number(value: int | float, decimals: int = 0) -> str:
    """Vietnamese number format: ``.`` groups thousands, ``,`` is the decimal mark (1.500.000,5)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def roman(n: int) -> str:
    """Roman numeral for appendix and part numbers (Phụ lục I, II, …)."""
    if not 0 < n < 4000:
        raise ValueError(f"no Roman numeral for {n}")
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def point_label(index: int) -> str:
    """Label of the ``index``-th điểm (0-based): ``a)``, ``b)``, … ``đ)`` … per ND30 §8."""
    return f"{POINT_LETTERS[index]})"


@functools.lru_cache(maxsize=4096)
def _char_key(ch: str) -> tuple[int, int]:
    """(letter rank, tone rank) of one lower-case character (cached: sorting thousands of names)."""
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    letter_marks = ""
    for m in marks:
        if m in _TONE_ORDER:
            tone = _TONE_ORDER[m]
        else:
            letter_marks += m
    letter = unicodedata.normalize("NFC", base + letter_marks)
    if letter in _LETTER_INDEX:
        return _LETTER_INDEX[letter], tone
    if letter.isdigit():
        return -100 + int(letter), tone  # digits before letters
    if letter.isspace():
        return -200, tone  # "an b" before "anb"
    return (-150 + (ord(letter) % 50) if not letter.isalpha() else 100 + ord(letter)), tone


def _letters_and_tones(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    keys = [_char_key(ch) for ch in nfc(text).lower()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def sort_key_vi(text: str) -> tuple:
    """Key for Vietnamese alphabetical order: a ă â b c d đ e ê …; tones only break ties.

    Tones are compared after the letters of the whole word (``ma`` < ``mà`` < ``mả`` < ``mã``
    < ``má`` < ``mạ`` < ``mai``), then case (lower first).
    """
    letters, tones = _letters_and_tones(text)
    return (letters, tones, nfc(text).swapcase())


def natural_key_vi(text: str) -> tuple:
    """Like ``sort_key_vi`` but numbers compare by value: ``Thôn 2`` before ``Thôn 10``."""
    parts = re.split(r"(\d+)", nfc(text))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, sort_key_vi(p)) for p in parts if p)


def sorted_vi(items, key=lambda x: x):
    """Return ``items`` sorted in Vietnamese alphabetical order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key_vi(key(item)))


def strip_diacritics(text: str) -> str:
    """ASCII-fold Vietnamese text (``Cẩm Lĩnh`` → ``Cam Linh``; ``đ`` → ``d``)."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def split_tones(text: str) -> str:
    """Letters precomposed, tone marks as combining characters (``ậ`` → ``â`` + U+0323).

    The shape Windows' Vietnamese code page (cp1258) can encode: it has ``â ê ô ơ ư ă đ`` and the five
    tone marks, but few precomposed toned letters.
    """
    out = []
    for ch in nfc(text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed[1:] if m in _TONE_ORDER)
        rest = decomposed[0] + "".join(m for m in decomposed[1:] if m not in _TONE_ORDER)
        out.append(unicodedata.normalize("NFC", rest) + tones)
    return "".join(out)


def slugify(text: str, max_length: int = 60) -> str:
    """A safe, readable file-name part: ASCII letters, digits and single hyphens."""
    ascii_text = strip_diacritics(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or "x"


_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def file_part(text: str, max_length: int = 60) -> str:
    """``slugify`` that is also never a Windows device name (``nul``, ``com1``…): safe as a folder name.

    Case folders are copied to Windows machines; a folder named ``con`` cannot be created there.
    """
    slug = slugify(text, max_length)
    return f"_{slug}" if slug in _WINDOWS_DEVICES else slug


_INLINE = re.compile(r"(\*\*(?P<b>.+?)\*\*|\*(?P<i>[^*]+?)\*)", re.S)


def parse_inline(text: str) -> list[tuple[str, bool, bool]]:
    """Split body text with ``**bold**`` and ``*italic*`` spans into (text, bold, italic) runs.

    ``\\*`` writes a literal asterisk. Nothing else is markup: ``{{``, ``<`` and ``&`` are text.
    """
    placeholder = "\x00"
    source = nfc(text).replace("\\*", placeholder)
    runs: list[tuple[str, bool, bool]] = []
    pos = 0
    for m in _INLINE.finditer(source):
        if m.start() > pos:
            runs.append((source[pos:m.start()], False, False))
        if m.group("b") is not None:
            runs.append((m.group("b"), True, False))
        else:
            runs.append((m.group("i"), False, True))
        pos = m.end()
    if pos < len(source):
        runs.append((source[pos:], False, False))
    return [(r.replace(placeholder, "*"), b, i) for r, b, i in runs if r]


def plain_inline(text: str) -> str:
    """Body text with the emphasis markers removed (what a reader sees)."""
    return "".join(run for run, _, _ in parse_inline(text))


def join_list_lines(entries: list[str]) -> list[str]:
    """ND30 list punctuation: ``- entry;`` for each line and ``- last.`` for the last one."""
    out = []
    for i, entry in enumerate(entries):
        body = nfc(entry).strip().rstrip(";.").strip()
        end = "." if i == len(entries) - 1 else ";"
        out.append(f"- {body}{end}")
    return out

"""Pure ND30 layout facts (Nghị định 30/2020/NĐ-CP, Phụ lục I): page, margins, fonts, sizes.

One home for every number the templates are built with and the checker verifies against
(shared/nd30.md §1–§13, §17). Sizes are in points; OOXML units are derived here.
"""

from __future__ import annotations

import math
import unicodedata

FONT = "Times New Roman"

# Page: A4 portrait, in twips (1/1440 inch); margins within the decree's ranges.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP = 1134  # 20 mm (20–25 mm)
MARGIN_BOTTOM = 1134  # 20 mm (20–25 mm)
MARGIN_LEFT = 1701  # 30 mm (30–35 mm)
MARGIN_RIGHT = 850  # 15 mm (15–20 mm)
HEADER_DISTANCE = 567  # 10 mm: page number sits in the top margin
MARGIN_RANGES = {"top": (1134, 1417), "bottom": (1134, 1417), "left": (1701, 1984), "right": (850, 1134)}
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9355 twips ≈ 16.5 cm
# Landscape pages (wide tables, appendices): the portrait margins turned with the page, so the
# binding edge (left, 30 mm) becomes the top; the checker accepts exactly this turn.
LANDSCAPE_MARGINS = {"top": MARGIN_LEFT, "bottom": MARGIN_RIGHT, "left": MARGIN_TOP, "right": MARGIN_BOTTOM}
LANDSCAPE_TEXT_WIDTH = PAGE_H - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]  # 14570 twips

# Two-column header and Nơi nhận/signature tables (indicative widths from the Phụ lục III template).
HEADER_COLS = (3855, 5500)  # ≈ 6.8 cm | 9.7 cm
SIGN_COLS = (4355, 5000)  # ≈ 7.7 cm | 8.8 cm

# Font sizes in points per element (ô numbers of Phụ lục I).
SIZE_QUOC_HIEU = 12  # ô 1, 12–13, bold uppercase
SIZE_TIEU_NGU = 13  # ô 1, 13–14, bold
SIZE_AGENCY = 12  # ô 2, 12–13
SIZE_SO = 13  # ô 3
SIZE_DATE = 13  # ô 4, 13–14 italic
SIZE_TYPE = 14  # ô 5a type name, 13–14 bold uppercase
SIZE_SUBJECT = 14  # ô 5a trích yếu, 13–14 bold
SIZE_VV = 12  # ô 5b, 12–13
SIZE_BODY = 14  # ô 6, 13–14
SIZE_KINH_GUI = 14  # ô 9a, 13–14
SIZE_SIGN = 14  # ô 7a/7b, 13–14 bold
SIZE_NOI_NHAN_LABEL = 12  # ô 9b label, bold italic
SIZE_NOI_NHAN = 11  # ô 9b entries
SIZE_PAGE_NUMBER = 14
SIZE_MARK = 13  # ô 10b/11: urgency, circulation, bold in a box
SIZE_APPENDIX_LABEL = 14  # "Phụ lục I"
SIZE_CONTACT = 11  # ô 13: address, phone, e-mail, page 1 only, 11–12
SIZE_TABLE = 12  # table text inside appendices and forms (not regulated; readable)

FIRST_LINE_INDENT = 567  # 1 cm (567 or 720 twips)
PARA_SPACING_AFTER = 120  # 6 pt between body paragraphs (≥ 6 pt)
LINE_SPACING = 276  # 1.15 lines (240–360 with lineRule auto)
VV_SPACE_BEFORE = 120  # 6 pt between the Số line and V/v
SIGNATURE_GAP_LINES = 4  # blank lines left for the signature and seal (3–5 usual)

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NOI_NHAN_LABEL = "Nơi nhận:"
KINH_GUI = "Kính gửi"

# Short rule under the agency name: 1/3–1/2 of the name line; under the tiêu ngữ: as long as it.
AGENCY_RULE_RATIO = 0.4
URGENCY_BOX_MM = {"HỎA TỐC": 30, "THƯỢNG KHẨN": 40, "KHẨN": 20}
# Confidentiality (ô 10a): ND30 leaves the stamp to the state-secrets rules; boxes sized to the text.
CONFIDENTIALITY_BOX_MM = {"TUYỆT MẬT": 35, "TỐI MẬT": 30, "MẬT": 20}

# What the checker accepts (§2, §17): size ranges in points per element; the SIZE_* above are the
# values the templates write, always inside these ranges.
SIZE_RANGES = {
    "quoc_hieu": (12, 13), "tieu_ngu": (13, 14), "agency": (12, 13), "so": (13, 13), "date": (13, 14),
    "type": (13, 14), "subject": (13, 14), "vv": (12, 13), "body": (13, 14), "kinh_gui": (13, 14),
    "sign": (13, 14), "noi_nhan_label": (12, 12), "noi_nhan": (11, 11), "page_number": (13, 14),
    "appendix_label": (14, 14),
}
FIRST_LINE_INDENTS = (567, 720)  # 1 cm or 1.27 cm
INDENT_TOLERANCE = 15
LINE_SPACING_RANGE = (240, 360)  # single to 1.5 lines, lineRule auto
MIN_PARA_GAP = 120  # before + after ≥ 6 pt
PAGE_TOLERANCE = 20  # twips, on the A4 size
BLACK_COLOURS = ("auto", "000000")
# Symbol faces draw check boxes and bullets, not text: neither a 17.3 fault nor a face to replace.
SYMBOL_FONTS = ("Symbol", "Wingdings", "Wingdings 2", "Wingdings 3", "Webdings", "Marlett", "MT Extra")


def half_points(pt: float) -> int:
    """OOXML ``w:sz`` value (half-points) of a size in points."""
    return round(pt * 2)


def twips(mm: float) -> int:
    """Twips of a length in millimetres."""
    return round(mm / 25.4 * 1440)


# Times New Roman advance widths in em, rounded up by class (issue 10, point 12): enough to tell
# whether a code like 14.10 or a syllable like "Thôn" fits a table column without wrapping inside it.
_NARROW = set(".,;:!|'()ilfjtrI-")
_WIDE = set("mwMWQOGDHNUVÆŒĐ")


def text_twips(value: str, size: float, bold: bool = False) -> int:
    """An upper estimate of the width of ``value`` set in Times New Roman at ``size`` pt, in twips."""
    em = sum(0.5 if ch.isdigit() else 0.33 if ch in _NARROW else 0.25 if ch == " " else
             0.8 if ch in _WIDE else 0.72 if ch.isupper() else 0.5 for ch in value)
    return int(em * size * 20 * (1.08 if bold else 1.0)) + 1


def longest_word_twips(values: list[str], size: float, bold: bool = False) -> int:
    """The width of the widest single word in ``values``: a column narrower than it splits a word."""
    return max((text_twips(word, size, bold) for v in values for word in v.split()), default=0)


# Advance widths of Times New Roman in 1/1000 em (from Liberation Serif 2, its metric-compatible twin,
# which LibreOffice substitutes), by (bold, italic), for the characters of header and date lines. A
# letter with Vietnamese tone marks has its base letter's width; the horn widens Ơ ơ Ư ư.
_TNR_CHARS = " ,.-:;/()0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđƠơƯư"
_TNR_WIDTHS = {
    (False, False): (
        250, 250, 250, 333, 277, 277, 277, 333, 333, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 722,
        666, 666, 722, 610, 556, 722, 722, 333, 389, 722, 610, 889, 722, 722, 556, 722, 666, 556, 610, 722,
        722, 943, 722, 722, 610, 443, 500, 443, 500, 443, 333, 500, 500, 277, 277, 500, 277, 777, 500, 500,
        500, 500, 333, 389, 277, 500, 500, 722, 500, 500, 443, 722, 500, 722, 528, 775, 541,
    ),
    (True, False): (
        250, 250, 250, 333, 333, 333, 277, 333, 333, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 722,
        666, 722, 722, 666, 610, 777, 777, 389, 500, 777, 666, 943, 722, 777, 610, 777, 722, 556, 666, 722,
        722, 1000, 722, 722, 666, 500, 556, 443, 556, 443, 333, 500, 556, 277, 333, 556, 277, 833, 556, 500,
        556, 556, 443, 389, 333, 556, 500, 722, 500, 500, 443, 722, 556, 777, 553, 795, 600,
    ),
    (False, True): (
        250, 250, 250, 333, 333, 333, 277, 333, 333, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 610,
        610, 666, 722, 610, 610, 722, 722, 333, 443, 666, 556, 833, 666, 722, 610, 722, 610, 500, 556, 722,
        610, 833, 610, 556, 556, 500, 500, 443, 500, 443, 277, 500, 500, 277, 277, 443, 277, 722, 500, 500,
        500, 500, 389, 389, 277, 500, 443, 666, 443, 443, 389, 722, 500, 722, 533, 753, 545,
    ),
    (True, True): (
        250, 250, 250, 333, 333, 333, 277, 333, 333, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 666,
        666, 666, 722, 666, 666, 722, 777, 389, 500, 666, 610, 889, 722, 722, 610, 722, 666, 556, 610, 722,
        666, 889, 666, 610, 610, 500, 500, 443, 500, 443, 333, 500, 556, 277, 277, 500, 277, 777, 556, 500,
        500, 500, 389, 389, 277, 556, 443, 666, 500, 443, 389, 722, 500, 722, 536, 774, 599,
    ),
}
_TNR = {style: dict(zip(_TNR_CHARS, widths, strict=True)) for style, widths in _TNR_WIDTHS.items()}
_TNR_UNKNOWN = 1000  # a character not in the table counts as a full em: a line never looks shorter than it is
CELL_MARGINS = 2 * 108  # Word's default left + right cell margins in a table (tblCellMar), in twips
LINE_SLACK = 1.03  # rounding and kerning between Word, LibreOffice and these metrics
# The two-column header may reach this far into the 30 mm left margin, as agencies' own headers do
# (shared/real-docs: tables set 1–25 mm left of the text), so a long place name keeps its date on one line.
HEADER_MAX_OUTDENT = 850  # 15 mm, leaving 15 mm of margin
HEADER_MIN_LEFT = 30  # per cent of the text width the agency column always keeps


def line_twips(value: str, size: float, bold: bool = False, italic: bool = False) -> int:
    """The width of ``value`` set on one line in Times New Roman at ``size`` pt, in twips (Word and
    LibreOffice both use these metrics, so a column this wide holds the line without wrapping)."""
    widths = _TNR[(bold, italic)]
    total = 0
    for ch in unicodedata.normalize("NFC", value):
        width = widths.get(ch)
        if width is None:
            base = unicodedata.normalize("NFD", ch)[0]
            width = widths.get(base, _TNR_UNKNOWN)
        total += width
    return math.ceil(total * size * 20 / 1000 * LINE_SLACK)


def header_columns(agency_lines: list[str], place_date: str | None = None, total: int = TEXT_WIDTH,
                   margins: int = 0) -> tuple[int, int, int]:
    """``(left, right, outdent)`` of the two-column header (ô 2 | ô 1 and ô 4) in twips.

    ND30 sets no column widths; the template's split (``HEADER_COLS``) holds the usual names. The right
    column must hold the quốc hiệu and the ``<Địa danh>, ngày … năm …`` line on one line each (a long
    merged commune's name wraps the date otherwise); the agency column keeps what its widest line
    needs when it can. When both do not fit in ``total``, the table reaches ``outdent`` twips into the
    left margin (at most ``HEADER_MAX_OUTDENT``), and past that the agency name wraps, which ND30
    allows, down to ``HEADER_MIN_LEFT`` % of the width (only a date line longer than all the rest
    wraps); the font is never shrunk below ND30's range.
    ``margins``: the cells' left + right margins (0 in the templates' header, ``CELL_MARGINS`` in forms).
    """
    left0 = round(total * HEADER_COLS[0] / sum(HEADER_COLS))
    right0 = total - left0
    need_right = max([line_twips(QUOC_HIEU, SIZE_QUOC_HIEU, bold=True), line_twips(TIEU_NGU, SIZE_TIEU_NGU, bold=True),
                      *([line_twips(place_date, SIZE_DATE, italic=True)] if place_date else [])]) + margins
    need_left = max((line_twips(line, SIZE_AGENCY, bold=True) for line in agency_lines), default=0) + margins
    if need_left <= left0 and need_right <= right0:
        return left0, right0, 0
    if need_left + need_right <= total:  # a new split is enough: each column gets at least its need
        left = total - need_right if need_right > right0 else need_left
        return left, total - left, 0
    outdent = min(need_left + need_right - total, HEADER_MAX_OUTDENT)
    # a date too long even for that wraps rather than squeeze the agency column below its longest word
    floor = max(max((line_twips(word, SIZE_AGENCY, bold=True) for line in agency_lines for word in line.split()),
                    default=0) + margins, total * HEADER_MIN_LEFT // 100)
    left = max(total + outdent - need_right, floor)
    return left, total + outdent - left, outdent

"""Table-driven tests of the pure Vietnamese text rules."""

import pytest

from dispatch_gen import text


@pytest.mark.parametrize("src, expected", [
    ("Ủy ban nhân dân xã Cẩm Lĩnh", "ỦY BAN NHÂN DÂN XÃ CẨM LĨNH"),
    ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("đường ngõ, xóm", "ĐƯỜNG NGÕ, XÓM"),
    ("U\u0309y ban", "ỦY BAN"),  # decomposed input comes out precomposed
])
def test_upper_vi(src, expected):
    assert text.upper_vi(src) == expected
    assert text.upper_vi(src) == text.nfc(text.upper_vi(src))


@pytest.mark.parametrize("y, m, d, expected", [
    (2025, 3, 5, "ngày 05 tháng 3 năm 2025"),
    (2025, 1, 5, "ngày 05 tháng 01 năm 2025"),
    (2025, 2, 28, "ngày 28 tháng 02 năm 2025"),
    (2025, 3, 15, "ngày 15 tháng 3 năm 2025"),
    (2024, 12, 31, "ngày 31 tháng 12 năm 2024"),
    (2024, 11, None, "ngày      tháng 11 năm 2024"),
])
def test_date_phrase(y, m, d, expected):
    assert text.date_phrase(y, m, d) == expected


def test_impossible_date_is_refused():
    with pytest.raises(ValueError):
        text.date_phrase(2025, 2, 30)


@pytest.mark.parametrize("n, expected", [(None, "      "), (1, "01"), (9, "09"), (10, "10"), (123, "123")])
def test_doc_number(n, expected):
    assert text.doc_number(n) == expected


@pytest.mark.parametrize("value, decimals, expected", [
    (1500000, 0, "1.500.000"), (999, 0, "999"), (1000, 0, "1.000"), (1234.5, 1, "1.234,5"), (0, 0, "0"),
    (-2500, 0, "-2.500"),
])
def test_format_number(value, decimals, expected):
    assert text.format_number(value, decimals) == expected


@pytest.mark.parametrize("words, expected", [
    (["b", "a", "ă", "â"], ["a", "ă", "â", "b"]),
    (["đa", "da", "ea"], ["da", "đa", "ea"]),
    (["e", "ê", "d"], ["d", "e", "ê"]),
    (["ơ", "o", "ô", "p"], ["o", "ô", "ơ", "p"]),
    (["ư", "u", "v"], ["u", "ư", "v"]),
    (["mạ", "má", "mã", "mả", "mà", "ma"], ["ma", "mà", "mả", "mã", "má", "mạ"]),  # tones after letters
    (["mai", "mạ"], ["mạ", "mai"]),
    (["Lê", "Đặng", "Bùi", "Ánh", "An"], ["An", "Ánh", "Bùi", "Đặng", "Lê"]),
])
def test_sort_vi(words, expected):
    assert text.sorted_vi(words) == expected


def test_natural_order_for_numbered_villages():
    assert sorted(["Thôn 10", "Thôn 2", "Thôn 1"], key=text.natural_key_vi) == ["Thôn 1", "Thôn 2", "Thôn 10"]


@pytest.mark.parametrize("n, expected", [(1, "I"), (2, "II"), (4, "IV"), (9, "IX"), (14, "XIV"), (2024, "MMXXIV")])
def test_roman(n, expected):
    assert text.roman(n) == expected


@pytest.mark.parametrize("i, expected", [(0, "a)"), (4, "đ)"), (5, "e)"), (6, "g)")])
def test_point_label(i, expected):
    assert text.point_label(i) == expected


@pytest.mark.parametrize("src, expected", [
    ("Thôn 1", "thon-1"), ("Giao thông & Thủy lợi", "giao-thong-thuy-loi"), ("Đường ../../etc", "duong-etc"),
    ("", "x"), ("CON", "con"),
])
def test_slugify(src, expected):
    assert text.slugify(src) == expected


@pytest.mark.parametrize("src, runs", [
    ("gửi **trước 23/11/2024**.", [("gửi ", False, False), ("trước 23/11/2024", True, False), (".", False, False)]),
    ("a *b* c", [("a ", False, False), ("b", False, True), (" c", False, False)]),
    ("{{ x }} & <y> \\*", [("{{ x }} & <y> *", False, False)]),
])
def test_parse_inline(src, runs):
    assert text.parse_inline(src) == runs


def test_list_punctuation():
    assert text.join_list_lines(["Như trên", "Lưu: VT."]) == ["- Như trên;", "- Lưu: VT."]


@pytest.mark.parametrize("typed, expected", [
    ("27/03/2025", (2025, 3, 27)),
    ("5/4/2025", (2025, 4, 5)),
    ("29/3/2025", (2025, 3, 29)),
    ("05-04-2025", (2025, 4, 5)),
    ("05.04.2025", (2025, 4, 5)),
    (" 2025-03-27 ", (2025, 3, 27)),
])
def test_parse_date_reads_the_clerks_habits(typed, expected):
    import datetime as dt

    assert text.parse_date(typed) == dt.date(*expected)


@pytest.mark.parametrize("typed", ["31/11/2025", "2025/03/27", "27/03/25", "03/27/2025", "hôm qua", "", "2025-13-01"])
def test_parse_date_refuses_what_is_not_a_date(typed):
    with pytest.raises(ValueError):
        text.parse_date(typed)


@pytest.mark.parametrize("typed, expected", [
    ("20/11/2024", (2024, 11, 20)), ("11/2024", (2024, 11, None)), ("3/2025", (2025, 3, None)),
    ("2024-11", (2024, 11, None)), ("2024-11-20", (2024, 11, 20)),
])
def test_parse_partial_date(typed, expected):
    assert text.parse_partial_date(typed) == expected


@pytest.mark.parametrize("typed", ["30/02/2025", "13/2025", "2025", "20-11"])
def test_parse_partial_date_refuses(typed):
    with pytest.raises(ValueError):
        text.parse_partial_date(typed)


@pytest.mark.parametrize("src, expected", [
    ("nhận", "nha\u0302\u0323n".replace("a\u0302", "â")),
    ("Lỗi", "Lô\u0303i"),
    ("Đơn vị", "Đơn vi\u0323"),
    ("abc", "abc"),
])
def test_split_tones_is_what_cp1258_encodes(src, expected):
    assert text.split_tones(src) == expected
    assert text.nfc(text.split_tones(src)) == text.nfc(src)
    text.split_tones(src).encode("cp1258")  # no UnicodeEncodeError

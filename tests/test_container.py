"""``container.inflate_member`` (the collect path) refuses and accepts exactly what ``read_member`` does.

``read_member`` reads through ``zipfile``'s own member reader; ``inflate_member`` parses the local
header itself for speed (issue 11). Each crafted package below is read both ways, member by member:
the same bytes, or the same kind of refusal.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from dispatch_gen.container import ContainerError, inflate_member, read_member

BODY = ("<w:document>" + "Tiêu chí số 17: Môi trường và an toàn thực phẩm. " * 200 + "</w:document>").encode()


def _package(method: int = zipfile.ZIP_DEFLATED, body: bytes = BODY) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED)
        z.writestr("word/document.xml", body, method)
        z.writestr("docProps/custom.xml", "<Properties>Thôn Đông</Properties>".encode(), zipfile.ZIP_STORED)
    return buf.getvalue()


def _find_local(data: bytes, name: str) -> int:
    """Offset of ``name``'s local header."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.getinfo(name).header_offset


def _central(data: bytes, name: str) -> int:
    """Offset of ``name``'s central directory entry."""
    return data.index(b"PK\x01\x02", data.rindex(name.encode(), 0, len(data)) - 46 - 10)


def _patch(data: bytes, offset: int, fmt: str, value) -> bytes:
    buf = bytearray(data)
    struct.pack_into(fmt, buf, offset, value)
    return bytes(buf)


def _doc(data: bytes) -> int:
    return _find_local(data, "word/document.xml")


def _bad_crc(data):  # CRC in the local header and the central directory both wrong
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        crc = z.getinfo("word/document.xml").CRC ^ 1
    data = _patch(data, _doc(data) + 14, "<L", crc)
    return _patch(data, _central(data, "word/document.xml") + 16, "<L", crc)


def _flip_stream(data):  # a byte in the middle of the deflate stream
    at = _doc(data) + 30 + len("word/document.xml") + 40
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def _declared_size(size):
    def edit(data):
        return _patch(data, _central(data, "word/document.xml") + 24, "<L", size)
    return edit


def _local_name(data):  # the local header names another part than the central directory
    at = _doc(data) + 30
    return data[:at] + b"word/documenX.xml" + data[at + len("word/document.xml"):]


def _encrypted(data):
    data = _patch(data, _doc(data) + 6, "<H", 0x1)
    return _patch(data, _central(data, "word/document.xml") + 8, "<H", 0x1)


def _method(data):  # bzip2 declared
    data = _patch(data, _doc(data) + 8, "<H", zipfile.ZIP_BZIP2)
    return _patch(data, _central(data, "word/document.xml") + 10, "<H", zipfile.ZIP_BZIP2)


def _past_the_end(data):  # the directory says the member's data runs past the end of the file
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        size = z.getinfo("word/document.xml").compress_size
    return _patch(data, _central(data, "word/document.xml") + 20, "<L", size + 10 ** 6)


CASES = {
    "plain deflate": (_package(), lambda d: d),
    "stored": (_package(zipfile.ZIP_STORED), lambda d: d),
    "empty member": (_package(body=b""), lambda d: d),
    "bad CRC": (_package(), _bad_crc),
    "damaged stream": (_package(), _flip_stream),
    "declares less than it holds": (_package(), _declared_size(len(BODY) - 7)),
    "declares more than it holds": (_package(), _declared_size(len(BODY) + 7)),
    "declares more than the limit": (_package(), _declared_size(10 ** 9)),
    "stored, declares less": (_package(zipfile.ZIP_STORED), _declared_size(len(BODY) - 7)),
    "local name differs": (_package(), _local_name),
    "encrypted flag": (_package(), _encrypted),
    "bzip2": (_package(), _method),
    "compressed size past the end": (_package(), _past_the_end),
}
# zipfile hands these back as they are (its reader stops where the deflate stream ends); a package
# Word or LibreOffice wrote never has them, so the collect path refuses them as broken.
STRICTER = {"declares more than it holds", "compressed size past the end"}


def _outcome(read, *args):
    try:
        return ("ok", read(*args))
    except ContainerError as exc:
        return (exc.kind, None)


@pytest.mark.parametrize("case", sorted(CASES))
def test_inflate_member_agrees_with_zipfile_reading(case):
    original, edit = CASES[case]
    data = edit(original)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        pytest.fail("the crafted package must still open: the member is what is damaged")
    limit = 10 * len(BODY)
    with zf:
        for info in zf.infolist():
            fast = _outcome(inflate_member, data, info, limit)
            slow = _outcome(read_member, zf, info, limit)
            if case in STRICTER and info.filename == "word/document.xml":
                assert (fast[0], slow[0]) == ("broken", "ok")
            else:
                assert fast == slow, (case, info.filename, fast[0], slow[0])


def test_the_cases_cover_acceptance_and_every_refusal():
    kinds = set()
    for original, edit in CASES.values():
        data = edit(original)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            kinds.add(_outcome(inflate_member, data, zf.getinfo("word/document.xml"), 10 * len(BODY))[0])
    assert kinds == {"ok", "broken", "too_big", "method"}


def test_a_member_inflating_past_its_declared_size_stops_at_the_limit():
    """50 MB of zeros declared as 1,000 bytes: refused as broken, never inflated beyond the limit."""
    data = _package(body=b"\0" * (50 * 1024 * 1024))
    for fix in (lambda d: _patch(d, _doc(d) + 22, "<L", 1000), _declared_size(1000)):
        data = fix(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("word/document.xml")
    tracemalloc.start()
    try:
        with pytest.raises(ContainerError) as caught:
            inflate_member(data, info, 4096)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.kind == "broken"
    assert peak < 1024 * 1024

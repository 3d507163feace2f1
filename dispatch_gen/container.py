"""Zip containers read with bounded memory: the one place hostile packages are inflated (issue 16).

``zipfile.ZipFile.read`` is not safe on hostile input: a deflate member is inflated in ONE call
whose output bound is 2 GB (a member lying about its size costs gigabytes before the size check),
and bzip2/LZMA members are inflated without any bound (an 8 KB file took 4 GB). Here members are
read in small chunks with a hard limit, and only the two methods Word writes (stored, deflate)
are accepted. Duplicate member names are refused: which copy "wins" differs between readers, so
a package with two ``word/document.xml`` could show one thing to Word and another to us.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

CHUNK = 64 * 1024
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word and LibreOffice write
# What zipfile raises on a damaged package (zlib errors, "zip file version 6.4" NotImplementedError,
# struct errors on short headers).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError,
              RuntimeError, ValueError, NotImplementedError)


class ContainerError(Exception):
    """The package is refused: ``kind`` says why (``method``, ``duplicate``, ``too_big``, ``broken``)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def visible_files(folder: str | os.PathLike) -> list[Path]:
    """The files a person put in ``folder``, at any depth, sorted: hidden files and folders (``.…``) and
    Word's lock files (``~$…``, present while a document is open) left out. One rule for collect,
    build's inbox and check, which all take a folder for its files."""
    root = Path(folder)
    return sorted(p for p in root.rglob("*") if p.is_file()
                  and not any(part.startswith((".", "~$")) for part in p.relative_to(root).parts))


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (more than ``limit``: the caller refuses it).

    Opened without blocking and checked on the open descriptor: a FIFO would otherwise hang the
    run forever and a device (``/dev/zero``) never ends. Raises ``ContainerError("not_regular")``
    and ``OSError`` (``FileNotFoundError`` for a missing file).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ContainerError("not_regular", os.fspath(path))
        return fh.read(limit + 1)


def check_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse compression methods other than stored/deflate and duplicate part names.

    Part names compare without case (OPC part names are case-insensitive).
    """
    seen: set[str] = set()
    for info in infos:
        if info.compress_type not in METHODS:
            raise ContainerError("method", f"{info.filename} ({info.compress_type})")
        key = info.filename.lower()
        if key in seen:
            raise ContainerError("duplicate", info.filename)
        seen.add(key)


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Inflate one member in chunks, never holding more than ``limit`` bytes of it.

    Raises ``ContainerError("too_big")`` past the limit, ``("method")`` for other compressions,
    ``("broken")`` for damaged data (CRC, truncated stream).
    """
    if info.compress_type not in METHODS:
        raise ContainerError("method", f"{info.filename} ({info.compress_type})")
    if info.file_size > limit:
        raise ContainerError("too_big", info.filename)
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                out += chunk
                if len(out) > limit:
                    raise ContainerError("too_big", info.filename)
    except ZIP_ERRORS as exc:
        raise ContainerError("broken", f"{info.filename}: {exc}") from None
    return bytes(out)


_LOCAL = struct.Struct("<4s2B4HL2L2H")  # a zip local file header (zipfile's own layout, 30 bytes)
_ENCRYPTED, _PATCHED, _STRONG = 0x1, 0x20, 0x40


def inflate_member(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes:
    """``read_member`` for a package held in memory: the same checks, without a file object per member.

    ``info`` comes from ``zipfile``'s parse of the central directory. The local header must carry
    the same name (zipfile's rule: two names for one member mean two readings), the member must be
    unencrypted and stored or deflated; its stream is inflated in ONE bounded call (never more than
    ``limit + 1`` bytes out; the declared size is within ``limit``), and must end exactly at the
    declared size with the declared CRC: a stream that inflates to more than it declares is broken.
    Raises ``ContainerError`` like ``read_member``. Several times faster per member, which is most
    of a small form's container check (issue 11: collect speed).
    """
    if info.compress_type not in METHODS:
        raise ContainerError("method", f"{info.filename} ({info.compress_type})")
    if info.file_size > limit:
        raise ContainerError("too_big", info.filename)
    start = info.header_offset
    try:
        header = _LOCAL.unpack_from(data, start)
    except struct.error:
        raise ContainerError("broken", f"{info.filename}: header") from None
    flags, name_len, extra_len = header[3], header[10], header[11]
    begin = start + _LOCAL.size
    if header[0] != b"PK\x03\x04" or _local_name(data[begin:begin + name_len], flags) != info.orig_filename:
        raise ContainerError("broken", f"{info.filename}: header")
    if (flags | info.flag_bits) & (_ENCRYPTED | _PATCHED | _STRONG):
        raise ContainerError("broken", f"{info.filename}: encrypted")
    begin += name_len + extra_len
    raw = data[begin:begin + info.compress_size]
    if len(raw) != info.compress_size:
        raise ContainerError("broken", f"{info.filename}: truncated")
    if info.compress_type == zipfile.ZIP_STORED:
        out = bytes(raw)
    else:
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise ContainerError("broken", f"{info.filename}: {exc}") from None
        if not inflater.eof:  # cut short, or more than ``limit`` bytes: either way not what it declares
            raise ContainerError("broken", f"{info.filename}: truncated")
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:  # more than declared: a lie, not a bomb
        raise ContainerError("broken", f"{info.filename}: CRC")
    return out


def _local_name(raw: bytes, flags: int) -> str | None:
    """The local header's member name, decoded as zipfile does (UTF-8 flag, else cp437); None if undecodable."""
    try:
        return bytes(raw).decode("utf-8" if flags & 0x800 else "cp437")
    except UnicodeDecodeError:
        return None


def repack(data: bytes, member_limit: int, total_limit: int, max_members: int = 5000) -> bytes:
    """A clean copy of a package whose members were each read within the bounds (for ``check``).

    Readers that call ``ZipFile.read`` themselves (python-docx) then only ever see members this
    module inflated, so their memory is bounded by ``total_limit`` whatever the original claims.
    """
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise ContainerError("broken", str(exc) or "zip") from None
    with src:
        infos = src.infolist()
        if len(infos) > max_members:
            raise ContainerError("too_big", f"{len(infos)} parts")
        check_directory(infos)
        if sum(i.file_size for i in infos) > total_limit:
            raise ContainerError("too_big", "total")
        out = io.BytesIO()
        total = 0
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                body = read_member(src, info, member_limit)
                total += len(body)
                if total > total_limit:
                    raise ContainerError("too_big", "total")
                dst.writestr(info.filename, body)
    return out.getvalue()

"""Issue 16 attack builders, shared by the per-point tests and the bounded-memory run.

Every hostile file is a mutation of a genuine filled form (hardening.filled) or of a form the
case itself issued with its key (keyed_forms), so what is refused differs from a valid form
only by the attack. Builders are cheap: bombs are made from repeated compressed blocks or a
precomputed stream, never by compressing gigabytes in the test.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from fillers import answers_for, fill_like_word
from hardening import SAMPLE, filled, lie_size, part, rewrite, sample

from dispatch_gen.case.records import load_case
from dispatch_gen.cli import main
from dispatch_gen.forms.stage import case_form_key, make_forms
from dispatch_gen.word.sdt import read_identity
from dispatch_gen.workspace import open_case

CUSTOM = "docProps/custom.xml"
DOC = "word/document.xml"
DOC_RELS = "word/_rels/document.xml.rels"
MB = 1024 * 1024
# 768 MB of spaces as ONE bzip2 stream (592 bytes): bz2.BZ2Compressor(9) fed 96 chunks of 8 MB.
BZ2_768MB = base64.b64decode(
    "QlpoOTFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1m1ImW/AV+OEADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1m1ImW/AV+OEADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1m1ImW/AV+OEADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1m1ImW/AV+OEADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1m1ImW/AV+OEADAAAAIIAAwgE1GQqAlqQqAlzFBWSZTWbUiZb8BX44QAMAAAAggADCATUZCoCWpCoCXMUFZJlNZtSJlvwFfjhAAwAAACCAAMIBNRkKgJakKgJcxQVkmU1mlqQYbAL+hkADABAAIIAAwzAmqaYqkAtqpUgF4u5IpwoSAcfhlsA==")


def new_case(base: Path, name: str = "case") -> Path:
    """A private copy of the sample case, without state and inbox."""
    dst = base / name
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    return dst


def case_and_inbox(base: Path, *tables: dict) -> tuple[Path, Path, dict[str, str]]:
    """A fresh case, and an inbox with every ``name: (build, expected words)`` of ``tables`` built;
    returns them and ``name → expected words``."""
    case_dir = new_case(base)
    inbox = base / "inbox"
    inbox.mkdir(exist_ok=True)
    expected: dict[str, str] = {}
    for table in tables:
        for name, (build, words) in table.items():
            (inbox / name).write_bytes(build())
            expected[name] = words
    return case_dir, inbox, expected


def keyed_forms(case_dir: Path, out: Path) -> dict[str, bytes]:
    """Unit → blank form bytes as the forms command makes them for case_dir (with the MAC)."""
    case = load_case(case_dir)
    paths = make_forms(case, out, key=case_form_key(open_case(case_dir)))
    return {read_identity(p.read_bytes())["dg.unit"]: p.read_bytes() for p in paths}


def fill(form: bytes, unit: str, seed: str = "", **overrides: object) -> bytes:
    values = answers_for(sample()[1][unit], seed)
    values.update(overrides)
    return fill_like_word(form, values)


def claim(data: bytes, unit: str, new_unit: str) -> bytes:
    """The same form with only dg.unit edited (the attack of issue 16 point 3)."""
    return rewrite(data, lambda n, b: b.replace(f">{unit}<".encode(), f">{new_unit}<".encode())
                   if n == CUSTOM else b)


def drop_mac(data: bytes) -> bytes:
    return rewrite(data, lambda n, b: re.sub(rb'<property [^>]*name="dg\.mac"[^>]*>.*?</property>', b"", b)
                   if n == CUSTOM else b)


def with_duplicate(data: bytes, name: str, body: bytes) -> bytes:
    """data plus a second member named name (readers disagree on which copy wins)."""
    out = io.BytesIO(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the attack
        with zipfile.ZipFile(out, "a") as z:
            z.writestr(name, body)
    return out.getvalue()


def with_member(data: bytes, name: str, body: bytes, method: int, declared: int | None = None) -> bytes:
    """Replace member name by body compressed with method; declared fakes its size."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info.filename, src.read(info))
        z.writestr(name, body, compress_type=method)
    return out.getvalue() if declared is None else lie_size(out.getvalue(), name, declared)


def raw_member(data: bytes, name: str, compressed: bytes, method: int, size: int, crc: int = 0) -> bytes:
    """Add member name whose compressed bytes are given as they are (bombs built by hand)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info.filename, src.read(info))
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, b"")  # placeholder, rewritten below
    buf = out.getvalue()
    return _splice(buf, name, compressed, method, size, crc)


def _splice(buf: bytes, name: str, compressed: bytes, method: int, size: int, crc: int) -> bytes:
    """Rebuild the zip with name's data, method, sizes and CRC set by hand (local + central)."""
    import struct

    with zipfile.ZipFile(io.BytesIO(buf)) as z:
        infos = z.infolist()
    out = io.BytesIO()
    central = []
    for info in infos:
        with zipfile.ZipFile(io.BytesIO(buf)) as z:
            body = z.read(info) if info.filename != name else b""
        fname = info.filename.encode()
        if info.filename == name:
            data, meth, csize, usize, ccrc = compressed, method, len(compressed), size, crc
        else:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = co.compress(body) + co.flush()
            meth, csize, usize, ccrc = zipfile.ZIP_DEFLATED, len(data), len(body), zlib.crc32(body)
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, meth, 0, 0x21, ccrc, csize, usize,
                              len(fname), 0) + fname + data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, meth, 0, 0x21, ccrc, csize,
                                   usize, len(fname), 0, 0, 0, 0, 0, offset) + fname)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start,
                          start, 0))
    return out.getvalue()


def deflate_bomb(size_mb: int) -> bytes:
    """Raw deflate data of size_mb MB of spaces, made in a blink: after a full flush the
    compressor starts afresh, so one 8 MB chunk's output is simply repeated."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(b" " * (8 * MB)) + co.flush(zlib.Z_FULL_FLUSH)
    return block * (size_mb // 8) + co.flush()


def add_relationship(data: bytes, rels: str, xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """Add a <Relationship> to part rels (created when absent)."""
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"

    def edit(name: str, body: bytes) -> bytes:
        return body.replace(b"</Relationships>", xml.encode() + b"</Relationships>") if name == rels else body
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        present = rels in z.namelist()
    if present:
        return rewrite(data, edit, extra=extra)
    made = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}">{xml}</Relationships>'
    return rewrite(data, extra={rels: made.encode(), **(extra or {})})


def text_field(unit: str) -> str:
    spec = sample()[1][unit]
    return next(f.tag for f in spec.fields if f.kind == "text")


def in_answer(unit: str, xml_after_marker: str, marker: str = "ĐÁNH DẤU") -> bytes:
    """A filled form whose first text answer gets xml_after_marker inserted after its run."""
    good = filled(unit, **{text_field(unit): marker})
    run_end = "</w:t></w:r>"

    def edit(name: str, body: bytes) -> bytes:
        if name != DOC:
            return body
        at = body.index(marker.encode())
        end = body.index(run_end.encode(), at) + len(run_end)
        return body[:end] + xml_after_marker.encode() + body[end:]
    return rewrite(good, edit)


def run_main(capsys, *args: object) -> tuple[int, str, str]:
    """The CLI in-process (Vietnamese): exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
        raise SystemExit(0)
    out = capsys.readouterr()
    return exit_info.value.code or 0, out.out, out.err


__all__ = ["CUSTOM", "DOC", "DOC_RELS", "MB", "SAMPLE", "filled", "os", "part", "rewrite", "sample"]

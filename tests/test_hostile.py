"""Issue 6.1: hostile .docx files given to ``collect`` are refused one line each; the rest is collected.

Every hostile file is built here from a genuine filled form. They are all collected in ONE run
together with one valid form. Time and memory are bounded by the protections themselves (sizes
are checked from the zip directory before anything is inflated, XML with a DOCTYPE is never
parsed), which the tests check directly instead of timing anything.
"""

from __future__ import annotations

import functools
import io
import shutil
import struct
import zipfile

import pytest
from hardening import SAMPLE, filled, lie_size, part, rewrite, sample

from dispatch_gen.collect import receive
from dispatch_gen.collect.receive import MAX_MEMBER_BYTES, MAX_MEMBERS
from dispatch_gen.collect.stage import collect
from dispatch_gen.store import open_store
from dispatch_gen.workspace import OpenedCase

UNIT = "thon-03"
CUSTOM = "docProps/custom.xml"
DOC = "word/document.xml"
BOMB_BYTES = 200 * 1024 * 1024  # 200 MB of XML that deflates to ~200 kB


@functools.cache
def _bomb() -> bytes:
    """A form whose document.xml inflates to 200 MB (a highly compressible run of spaces)."""
    good = filled(UNIT)
    doc = part(good, DOC)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != DOC:
                z.writestr(info.filename, src.read(info))
        with z.open(DOC, "w", force_zip64=True) as fh:
            fh.write(doc[:-len(b"</w:document>")])
            chunk = b" " * (4 * 1024 * 1024)
            for _ in range(BOMB_BYTES // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:document>")
    return out.getvalue()


def _xxe(target: str) -> bytes:
    return rewrite(filled(UNIT), lambda n, b: (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
        b"&x;</Properties>" if n == target else b))


def _xxe_utf16() -> bytes:
    """The same attack in UTF-16: a byte-level search for ``<!DOCTYPE`` does not see it."""
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">'
           '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="dg.case">'
           '<vt:lpwstr xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">&x;</vt:lpwstr>'
           '</property></Properties>').encode("utf-16")
    return rewrite(filled(UNIT), lambda n, b: xml if n == CUSTOM else b)


def _laughs() -> bytes:
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{ents}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>").encode()
    return rewrite(filled(UNIT), lambda n, b: doc if n == DOC else b)


def _docm_type(lower: bool = False) -> bytes:
    kind = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    if lower:
        kind = kind.lower()
    return rewrite(filled(UNIT), lambda n, b: b.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", kind)
        if n == "[Content_Types].xml" else b)


def _many_parts() -> bytes:
    return rewrite(filled(UNIT), extra={f"customXml/item{i}.xml": b"<a/>" for i in range(5000)})


def _duplicated_control() -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if name != DOC:
            return body
        start = body.index(b"<w:sdt>")
        end = body.index(b"</w:sdt>", start) + len(b"</w:sdt>")
        return body[:end] + body[start:end] + body[end:]
    return rewrite(filled(UNIT), edit)


def _deleted_control() -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if name != DOC:
            return body
        start = body.index(b"<w:sdt>")
        end = body.index(b"</w:sdt>", start) + len(b"</w:sdt>")
        return body[:start] + body[end:]
    return rewrite(filled(UNIT), edit)


def _control_chars() -> bytes:
    spec = sample()[1][UNIT]
    tag = next(f.tag for f in spec.fields if f.kind == "text")
    marker = "ĐÁNH DẤU"
    good = filled(UNIT, **{tag: marker})
    bad = "".join(chr(c) for c in range(1, 9))
    return rewrite(good, lambda n, b: b.replace(marker.encode(), f"a{bad}b".encode()) if n == DOC else b)


def _long_option() -> bytes:
    """A drop-down answer replaced by 1 MB of text: kept (capped) and flagged; the warning stays short."""
    spec = sample()[1][UNIT]
    first = next(f for f in spec.fields if f.kind == "dropdown")
    good = filled(UNIT, **{first.tag: first.options[0]})
    return rewrite(good, lambda n, b: b.replace(f">{first.options[0]}<".encode(),
                                                b">" + b"Q" * 1_000_000 + b"<", 1) if n == DOC else b)


def _truncated() -> bytes:
    good = filled(UNIT)
    return good[: len(good) * 2 // 3]


HOSTILE = {
    "bomb.docx": (_bomb, "giải nén quá lớn"),
    "lying-size.docx": (lambda: lie_size(filled(UNIT), DOC, 1000), "hỏng"),
    "xxe-custom.docx": (lambda: _xxe(CUSTOM), "DOCTYPE"),
    "xxe-document.docx": (lambda: _xxe(DOC), "DOCTYPE"),
    "xxe-utf16.docx": (_xxe_utf16, "DOCTYPE"),
    "laughs.docx": (_laughs, "DOCTYPE"),
    "docm-type.docx": (_docm_type, "macro"),
    "docm-type-lower.docx": (lambda: _docm_type(lower=True), "macro"),
    "vba.docx": (lambda: rewrite(filled(UNIT), extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0VBA"}), "macro"),
    "not-a-zip.docx": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "tệp PDF"),  # issue 11: says what it is and what to do
    "truncated.docx": (_truncated, "hỏng"),
    "parts.docx": (_many_parts, "quá nhiều phần"),
    "duplicated.docx": (_duplicated_control, "xuất hiện 2 lần"),
    "deleted.docx": (_deleted_control, "không tìm thấy"),
    "control-chars.docx": (_control_chars, "hỏng"),
    "bad-deflate.docx": (lambda: _corrupt_deflate(filled(UNIT)), "hỏng"),
}


def _corrupt_deflate(data: bytes) -> bytes:
    """Garble the compressed bytes of document.xml (zlib raises its own error type, not BadZipFile)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(DOC)
    buf = bytearray(data)
    n_len, x_len = struct.unpack_from("<HH", buf, info.header_offset + 26)
    body = info.header_offset + 30 + n_len + x_len
    buf[body:body + 64] = b"\xff" * 64
    return bytes(buf)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """All hostile files plus one valid form and one with a 1 MB answer, collected in one run."""
    base = tmp_path_factory.mktemp("hostile")
    case_dir = base / "case"
    shutil.copytree(SAMPLE, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    inbox = base / "inbox"
    inbox.mkdir()
    for name, (build, _) in HOSTILE.items():
        (inbox / name).write_bytes(build())
    (inbox / "good.docx").write_bytes(filled("thon-05"))
    spec = sample()[1]["thon-06"]
    long_tag = next(f.tag for f in spec.fields if f.kind == "multiline")
    marker = "ĐÁNH DẤU DÀI"
    long = rewrite(filled("thon-06", **{long_tag: marker}), lambda n, b: b.replace(
        marker.encode(), ("Dài quá. " * 120_000).encode()) if n == DOC else b)
    (inbox / "long-answer.docx").write_bytes(long)
    (inbox / "long-option.docx").write_bytes(_long_option())
    result = collect(OpenedCase.of(sample()[0], case_dir), [inbox])
    return case_dir, {f.path.name: f for f in result.files}, long_tag


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_rejected_with_a_one_line_reason(run, name):
    _, outcomes, _ = run
    outcome = outcomes[name]
    assert outcome.outcome == "rejected", outcome
    assert "\n" not in outcome.reason and len(outcome.reason) < 1000, outcome.reason
    assert HOSTILE[name][1] in outcome.reason, outcome.reason
    assert "root:" not in outcome.reason  # /etc/passwd never read into anything


def test_hostile_files_are_small_on_disk():
    """The attacks work by amplification: each file is far below the 20 MB size limit."""
    assert len(_bomb()) < 2 * 1024 * 1024
    assert len(_many_parts()) < 2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(_bomb())) as z:
        assert z.getinfo(DOC).file_size > MAX_MEMBER_BYTES
    assert 5000 > MAX_MEMBERS


def test_the_valid_form_is_collected_in_the_same_run(run):
    case_dir, outcomes, _ = run
    assert outcomes["good.docx"].outcome == "accepted"
    with open_store(case_dir) as db:
        accepted = {r["unit"] for r in db.submissions() if r["status"] == "accepted"}
    assert accepted == {"thon-05", "thon-06", UNIT}


def test_a_huge_bad_option_is_kept_capped_and_flagged_in_one_short_line(run):
    """Issue 11: a bad answer never sinks the form; the flag quoting it stays one short line."""
    _, outcomes, _ = run
    outcome = outcomes["long-option.docx"]
    assert outcome.outcome == "accepted" and outcome.unit == UNIT
    flags = [w for w in outcome.warnings if "danh sách" in w]
    assert len(flags) == 1 and "\n" not in flags[0] and len(flags[0]) < 400


def test_an_oversized_answer_is_accepted_with_a_warning_and_capped(run):
    case_dir, outcomes, long_tag = run
    outcome = outcomes["long-answer.docx"]
    assert outcome.outcome == "accepted"
    (warning,) = [w for w in outcome.warnings if long_tag in w]
    assert "\n" not in warning and "ký tự" in warning
    with open_store(case_dir) as db:
        (value,) = [a["value"] for a in db.answers_current() if a["tag"] == long_tag and a["unit"] == "thon-06"]
    assert len(value) == receive.MAX_ANSWER_CHARS
    assert outcome.archive.read_bytes() == (case_dir.parent / "inbox" / "long-answer.docx").read_bytes()


def test_the_bomb_is_refused_without_opening_a_member(monkeypatch):
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real_open(self, name, *args, **kwargs)

    files = [_bomb(), _many_parts()]
    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    for data in files:
        with pytest.raises(receive.Rejected):
            receive.check_container(data)
    assert opened == []


def test_a_lying_size_never_yields_more_than_declared():
    """zipfile stops inflating at the declared size and the CRC check then fails: memory is bounded."""
    data = lie_size(filled(UNIT), DOC, 1000)
    with pytest.raises(receive.Rejected, match="hỏng"):
        receive.recognise(sample()[0], sample()[1], data)

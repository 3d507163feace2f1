"""Issue 6.6: the form reader, fed mutated real filled forms, only ever raises the project's errors.

Hypothesis mutates a genuine filled form at three levels: raw bytes of the .docx (flips, cuts,
splices), bytes of document.xml / custom.xml inside an intact zip, and the XML tree (elements
dropped, duplicated, moved, attributes and text changed). The reader (``read_identity``,
``read_answers``) may raise only ``DispatchGenError`` subclasses; ``receive.recognise`` only its
one-line ``Rejected``. A per-example alarm turns a hang into a failure.

Short by default (CI); ``DISPATCH_GEN_FUZZ=1`` runs thousands of examples (or set the count).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import zipfile

import pytest
from hardening import filled, part, rewrite, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from dispatch_gen.collect.receive import Rejected, recognise
from dispatch_gen.errors import DispatchGenError
from dispatch_gen.word.sdt import read_answers, read_identity

UNIT = "tc-04"
_FUZZ = os.environ.get("DISPATCH_GEN_FUZZ", "")
EXAMPLES = (int(_FUZZ) if _FUZZ.isdigit() and int(_FUZZ) > 1 else 3000) if _FUZZ else 60
HANG_SECONDS = 10  # one example reads a ~100 kB form in milliseconds; 10 s means a hang

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not _FUZZ, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(Exception):
    pass


@contextlib.contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    def alarm(signum, frame):
        raise Hang(f"reader still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _good() -> bytes:
    return filled(UNIT)


def read_everything(data: bytes) -> None:
    """Run every reader on ``data``; anything but the project's errors fails the test."""
    case, specs, _ = sample()
    with no_hang():
        for step in (lambda: read_identity(data), lambda: read_answers(data, specs[UNIT])):
            try:
                step()
            except DispatchGenError:
                pass
        try:
            recognise(case, specs, data)
        except Rejected as exc:
            assert "\n" not in exc.reason and exc.reason


def test_the_unmutated_form_reads_cleanly():
    case, specs, _ = sample()
    spec, rows, warnings, state = recognise(case, specs, _good())
    assert spec.unit == UNIT and rows and warnings == [] and state.state == "complete"


# --- raw bytes of the .docx

edits = st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=0, max_size=8),
                           st.integers(min_value=0, max_value=8)), min_size=1, max_size=6)


def splice(data: bytes, changes) -> bytes:
    buf = bytearray(data)
    for pos, new, cut in changes:
        pos %= max(len(buf), 1)
        buf[pos:pos + cut] = new
    return bytes(buf)


@FUZZ
@given(changes=edits, keep=st.one_of(st.none(), st.integers(min_value=0)))
def test_mutated_docx_bytes(changes, keep):
    data = splice(_good(), changes)
    if keep is not None:
        data = data[: keep % (len(data) + 1)]
    read_everything(data)


# --- bytes of one XML part inside a valid zip

@FUZZ
@given(name=st.sampled_from(["word/document.xml", "docProps/custom.xml", "[Content_Types].xml"]),
       changes=edits)
def test_mutated_xml_bytes(name, changes):
    data = rewrite(_good(), lambda n, b: splice(b, changes) if n == name else b)
    read_everything(data)


# --- the XML tree


def _mutate_tree(xml: bytes, ops) -> bytes:
    root = etree.fromstring(xml)
    for op, i, j, text in ops:
        nodes = list(root.iter())
        if len(nodes) < 2:
            break
        node = nodes[1 + i % (len(nodes) - 1)]
        other = nodes[j % len(nodes)]
        parent = node.getparent()
        if op == "drop":
            parent.remove(node)
        elif op == "dup":
            parent.insert(parent.index(node), etree.fromstring(etree.tostring(node)))
        elif op == "move" and node not in other.iterancestors() and node is not other:
            parent.remove(node)
            other.append(node)
        elif op == "text":
            node.text = text
        elif op == "attr":
            for key in list(node.attrib)[:1]:
                node.set(key, text)
        elif op == "strip":
            node.attrib.clear()
    return etree.tostring(root)


xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40).filter(
    lambda s: all(c in "\t\n\r" or ord(c) >= 0x20 for c in s) and "\ufffe" not in s and "\uffff" not in s)
tree_ops = st.lists(st.tuples(st.sampled_from(["drop", "dup", "move", "text", "attr", "strip"]),
                              st.integers(min_value=0), st.integers(min_value=0), xml_text),
                    min_size=1, max_size=10)


@FUZZ
@given(name=st.sampled_from(["word/document.xml", "docProps/custom.xml"]), ops=tree_ops)
def test_mutated_xml_tree(name, ops):
    data = rewrite(_good(), lambda n, b: _mutate_tree(b, ops) if n == name else b)
    read_everything(data)


# --- zip structure


@FUZZ
@given(drop=st.sets(st.sampled_from(["word/document.xml", "docProps/custom.xml", "[Content_Types].xml",
                                     "word/styles.xml", "_rels/.rels"]), max_size=3),
       method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
def test_mutated_zip_structure(drop, method):
    good = _good()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", method) as z:
        for info in src.infolist():
            if info.filename not in drop:
                z.writestr(info.filename, src.read(info))
    read_everything(out.getvalue())


def test_alarm_catches_a_hang():
    """The hang guard itself works (otherwise a hanging reader would just stall the suite)."""
    import time

    with pytest.raises(Hang), no_hang(1):
        time.sleep(5)


def test_known_failures_stay_fixed():
    """Inputs the fuzzer found once: a document without a body, a zip needing a newer version."""
    good = _good()
    body_less = rewrite(good, lambda n, b: b"<w:document xmlns:w='http://schemas.openxmlformats.org/"
                        b"wordprocessingml/2006/main'/>" if n == "word/document.xml" else b)
    central = good.find(b"PK\x01\x02")
    new_version = good[:central + 6] + b"\x40\x00" + good[central + 8:]  # "zip file version 6.4"
    for data in (body_less, new_version, part(good, "word/document.xml")):
        read_everything(data)

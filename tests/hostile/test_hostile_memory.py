"""Issue 16, point 7 (and the "done when"): memory and time are bounded per file, whatever the file.

Every hostile file of the suite (``tests/test_hostile.py``, the ambiguous and active ones of this
family, and the bombs below) goes through ONE ``collect`` run in a child process whose address space
is capped at 600 MB (``RLIMIT_AS``): a bomb that inflated would die with MemoryError. The valid forms
beside them must be collected, and nothing may print a traceback. ``check`` and YAML loading get the
same treatment with their own bombs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
import zlib

import pytest
from attacks import BZ2_768MB, DOC, MB, case_and_inbox, deflate_bomb, new_case, raw_member, with_member
from hardening import ROOT, filled
from test_hostile import HOSTILE
from test_hostile_active import ACTIVE
from test_hostile_forms import AMBIGUOUS

from dispatch_gen.store import open_store
from dispatch_gen.workspace import OpenedCase

LIMIT = 600 * MB
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS (the resource module) is POSIX only")
_CHILD = r"""
import atexit, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
def _own_peak_kb():
    # VmHWM belongs to this process image; ru_maxrss of SELF would carry over the peak of the process
    # that forked it before exec (a big pytest made this test fail depending on the tests before it).
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
atexit.register(lambda: print("PEAK_KB=%d" % max(_own_peak_kb(),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
                              file=sys.stderr))
from dispatch_gen.cli import main
main(sys.argv[1:])
"""


def limited(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the CLI in a child process that cannot use more than 600 MB of address space."""
    env = {**os.environ, "DISPATCH_GEN_LANG": "vi", "DISPATCH_GEN_TODAY": "2025-01-15"}
    return subprocess.run([sys.executable, "-c", _CHILD.format(limit=LIMIT), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def _bz2_bomb() -> bytes:
    """document.xml as ONE bzip2 member that inflates to 768 MB while declaring 100 kB."""
    return raw_member(filled("thon-03"), DOC, BZ2_768MB, zipfile.ZIP_BZIP2, 100_000)


def _lying_deflate() -> bytes:
    """document.xml deflated from 768 MB while the directory says 1000 bytes."""
    return raw_member(filled("thon-03"), DOC, deflate_bomb(768), zipfile.ZIP_DEFLATED, 1000,
                      zlib.crc32(b" " * 1000))


def _lzma_member() -> bytes:
    good = filled("thon-03")
    with zipfile.ZipFile(__import__("io").BytesIO(good)) as z:
        doc = z.read(DOC)
    return with_member(good, DOC, doc, zipfile.ZIP_LZMA)


def _cfb(encrypted: bool) -> bytes:
    stream = "EncryptedPackage".encode("utf-16-le") if encrypted else "WordDocument".encode("utf-16-le")
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream + bytes(4096)


BOMBS = {
    "bzip2-bomb.docx": (_bz2_bomb, "kiểu nén lạ"),
    "lzma.docx": (_lzma_member, "kiểu nén lạ"),
    "lying-deflate-bomb.docx": (_lying_deflate, "hỏng"),
    "password.docx": (lambda: _cfb(True), "mật khẩu"),
    "old-word.docx": (lambda: _cfb(False), ".doc"),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("memory")
    ambiguous = {name: (lambda build=build: build(filled("thon-03")), words)
                 for name, (build, words) in AMBIGUOUS.items()}
    case_dir, inbox, expected = case_and_inbox(base, HOSTILE, BOMBS, ACTIVE, ambiguous)
    for unit in ("thon-01", "thon-02", "thon-07"):
        (inbox / f"valid-{unit}.docx").write_bytes(filled(unit))
    paths = [inbox]
    if hasattr(os, "mkfifo"):
        os.mkfifo(base / "pipe.docx")  # named explicitly: a folder search skips it anyway
        paths.append(base / "pipe.docx")
    proc = limited("collect", case_dir, *paths)
    return case_dir, proc, expected, _peak_kb(proc)


def test_the_run_finishes_without_traceback_and_says_why_each_file_was_refused(run):
    _, proc, expected, _ = run
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 1, proc.stderr[-2000:]  # some files refused: exit 1, not a crash
    lines = proc.stdout.splitlines()
    for name, words in expected.items():
        line = next((x for x in lines if x.startswith(f"✗ {name}:")), None)
        assert line is not None, name
        assert words in line, (name, line)
    if hasattr(os, "mkfifo"):
        assert any(x.startswith("✗ pipe.docx:") and "FIFO" in x for x in lines)


def test_the_valid_forms_beside_them_are_collected(run):
    case_dir, proc, _, _ = run
    assert all(f"✓ valid-{u}.docx" in proc.stdout for u in ("thon-01", "thon-02", "thon-07"))
    with open_store(case_dir) as db:
        current = {r["unit"] for r in db.submissions() if r["status"] == "accepted"}
    assert current == {"thon-01", "thon-02", "thon-07"}


def _peak_kb(proc: subprocess.CompletedProcess) -> int:
    """The child's own resident peak (it reports it at exit; this process's other children don't count)."""
    found = [int(line.split("=", 1)[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK_KB=")]
    assert found, proc.stderr[-2000:]
    return found[-1]


def test_peak_memory_stays_under_600_mb(run):
    _, _, _, peak_kb = run
    assert 0 < peak_kb * 1024 < LIMIT  # RLIMIT_AS enforces it; the resident peak says by how much


def _document_with_theme(tmp_path, theme: bytes, honest: bool = True):
    from dispatch_gen.case.records import load_case
    from dispatch_gen.render import render_dispatch

    path = render_dispatch(load_case(new_case(tmp_path)), tmp_path / "cv.docx")
    name = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/theme/"))
    if honest:
        data = with_member(path.read_bytes(), name, theme, zipfile.ZIP_DEFLATED)
    else:
        data = raw_member(path.read_bytes(), name, theme, zipfile.ZIP_DEFLATED, 5000)
    out = tmp_path / "themed.docx"
    out.write_bytes(data)
    return out


def test_check_on_a_huge_or_broken_theme_part_is_one_line(tmp_path):
    huge = _document_with_theme(tmp_path / "a", b"")  # placeholder, replaced by a 1 GB part below
    body = deflate_bomb(1024)
    huge.write_bytes(raw_member(huge.read_bytes(), next(
        n for n in zipfile.ZipFile(huge).namelist() if n.startswith("word/theme/")),
        body, zipfile.ZIP_DEFLATED, 1024 * MB))
    lying = _document_with_theme(tmp_path / "b", deflate_bomb(768), honest=False)
    broken = _document_with_theme(tmp_path / "c", b"<a:theme xmlns:a='x'><unclosed")
    proc = limited("check", huge, lying, broken)
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode != 0
    for path in (huge, lying, broken):
        assert str(path) in proc.stdout + proc.stderr


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path):
    case_dir = new_case(tmp_path)
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    dispatch = case_dir / "dispatch.yaml"
    dispatch.write_text(dispatch.read_text(encoding="utf-8") + "\nbomb:\n  " + "\n  ".join(lines) + "\n",
                        encoding="utf-8")
    proc = limited("forms", case_dir, "-o", tmp_path / "forms", timeout=60)
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode != 0
    assert "dispatch.yaml" in proc.stderr and "bí danh" in proc.stderr


@pytest.mark.parametrize("sizes, count, size, spans", [
    ([10, 10, 10], 64, 100, [(0, 3)]),
    ([10, 10, 10], 2, 100, [(0, 2), (2, 3)]),
    ([60, 60, 10, 10], 64, 100, [(0, 1), (1, 4)]),
    ([500, 10], 64, 100, [(0, 1), (1, 2)]),  # one file over the bound is a batch of its own
    ([], 64, 100, []),
])
def test_collect_batches_are_bounded_by_bytes_not_only_by_count(tmp_path, sizes, count, size, spans):
    """200 large forms took 2.5 GB when a batch was 64 files whatever their size."""
    from dispatch_gen.collect.stage import batch_ranges

    files = []
    for i, n in enumerate(sizes):
        path = tmp_path / f"{i}.docx"
        path.write_bytes(b"x" * n)
        files.append(path)
    assert batch_ranges(files, count, size) == spans


def test_running_out_of_memory_on_one_file_is_a_refusal(tmp_path, monkeypatch):
    from dispatch_gen.case.records import load_case
    from dispatch_gen.collect import receive
    from dispatch_gen.collect.stage import LazySpecs, collect

    case_dir = new_case(tmp_path)
    (tmp_path / "a-heavy.docx").write_bytes(filled("thon-01"))
    (tmp_path / "b-good.docx").write_bytes(filled("thon-02"))
    real = receive.check_container
    monkeypatch.setattr(receive, "check_container",
                        lambda data: (_ for _ in ()).throw(MemoryError()) if data == filled("thon-01") else real(data))
    case = load_case(case_dir)
    assert not receive.read_one(case, LazySpecs(case), tmp_path / "a-heavy.docx").accepted
    result = collect(OpenedCase.of(case, case_dir), [tmp_path / "a-heavy.docx", tmp_path / "b-good.docx"], processes=1)
    assert {f.path.name: f.outcome for f in result.files} == {"a-heavy.docx": "rejected", "b-good.docx": "accepted"}

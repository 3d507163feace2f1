"""Helpers for the hardening tests (hostile files, paths, crashes, fuzzing): real forms, zip surgery.

Forms are generated from the sample case and filled the way Word saves them (``fill_like_word``),
so every hostile file in these tests is a mutation of a genuine returned form.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from fillers import answers_for, fill_like_word

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.word.sdt import read_identity

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
CLI = [sys.executable, "-m", "dispatch_gen"]


@functools.cache
def sample():
    """(case, specs, unit → blank form bytes), built once per test process."""
    case = load_case(SAMPLE)
    out = Path(tempfile.mkdtemp(prefix="dg-hardening-"))
    forms = {read_identity(p.read_bytes())["dg.unit"]: p.read_bytes() for p in make_forms(case, out)}
    return case, form_specs(case), forms


def filled(unit: str, seed: str = "", **overrides: object) -> bytes:
    """A correctly filled form of ``unit`` (``overrides`` by tag replace single answers)."""
    _, specs, forms = sample()
    values = answers_for(specs[unit], seed)
    values.update(overrides)
    return fill_like_word(forms[unit], values)


def rewrite(data: bytes, edit=None, extra: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """Copy a .docx zip; ``edit(name, bytes) -> bytes`` changes parts, ``extra`` adds, ``drop`` removes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = src.read(info)
            z.writestr(info.filename, edit(info.filename, body) if edit else body)
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def lie_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the declared uncompressed size of name in the central directory."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    buf = bytearray(data)
    pos = 0
    while True:
        pos = buf.find(b"PK\x01\x02", pos)
        n_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if buf[pos + 46:pos + 46 + n_len] == info.filename.encode():
            struct.pack_into("<I", buf, pos + 24, size)
            return bytes(buf)
        pos += 46 + n_len


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process (``capsys`` captures it): exit code, stdout, stderr."""
    from dispatch_gen.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``dispatch-gen`` in a fresh interpreter (Vietnamese messages, pinned date)."""
    full_env = {**os.environ, "DISPATCH_GEN_LANG": "vi", "DISPATCH_GEN_TODAY": "2025-01-15", **(env or {})}
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=full_env, cwd=ROOT)


def popen_cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "DISPATCH_GEN_LANG": "vi", "DISPATCH_GEN_TODAY": "2025-01-15"}
    return subprocess.Popen([*CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)

"""Same records, same bytes: forms are byte-identical across runs, processes and worker pools.

Reruns and caches rely on it (a form's hash identifies it; an unchanged form is not "new"). Fixed
zip timestamps and member order, control ids numbered in document order, no clock or random input,
and caches that only ever hold what the spec alone determines.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.stage import case_form_key, make_forms
from dispatch_gen.word.formdoc import ZIP_TIME
from dispatch_gen.workspace import open_case

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.docx"))}


def _cli_forms(case: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    subprocess.run([sys.executable, "-m", "dispatch_gen", "forms", str(case), "-o", str(out)],
                   check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory) -> Path:
    """The sample case copied: ``forms`` keeps the case's form key in its store, never in data/."""
    copy = tmp_path_factory.mktemp("det-case") / "cam-linh"
    shutil.copytree(SAMPLE, copy, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return copy


@pytest.fixture(scope="module")
def two_cli_runs(tmp_path_factory, sample_copy) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("det")
    _cli_forms(sample_copy, base / "a")
    _cli_forms(sample_copy, base / "b")
    return base / "a", base / "b"


def test_two_processes_write_identical_files(two_cli_runs):
    a, b = two_cli_runs
    first, second = _digests(a), _digests(b)
    assert len(first) == 32
    assert first == second


def test_warm_caches_in_another_order_give_the_same_bytes(two_cli_runs, sample_copy, tmp_path):
    """In-process, after building a differently ordered case first: caches never leak between forms."""
    a, _ = two_cli_runs
    case = load_case(sample_copy)
    reordered = case.model_copy(update={"villages": list(reversed(case.villages))})
    key = case_form_key(open_case(sample_copy))  # the CLI signs each form with the case's key (issue 16)
    make_forms(reordered, tmp_path / "warm", key=key)
    assert _digests(tmp_path / "warm") == _digests(a)  # same files whatever order they were made in
    make_forms(case, tmp_path / "again", key=key)
    assert _digests(tmp_path / "again") == _digests(a)


def test_package_facts(two_cli_runs):
    a, _ = two_cli_runs
    for path in sorted(a.glob("*.docx")):
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            assert {i.date_time for i in z.infolist()} == {ZIP_TIME}
            assert z.namelist()[0] == "[Content_Types].xml"
            root = etree.fromstring(z.read("word/document.xml"))
        ids = [int(node.get(f"{{{W}}}val")) for node in root.iter(f"{{{W}}}id")
               if node.getparent().tag == f"{{{W}}}sdtPr"]
        assert ids == list(range(1, len(ids) + 1)), path.name  # stable ids: document order from 1
        assert docx.Document(io.BytesIO(path.read_bytes())).paragraphs  # python-docx opens it


def _synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_worker_pool_writes_the_same_files_as_one_process(tmp_path):
    case = load_case(_synth().make_case(150, tmp_path / "case"))
    serial = make_forms(case, tmp_path / "serial", processes=1)
    pooled = make_forms(case, tmp_path / "pooled", processes=2)
    assert [p.name for p in serial] == [p.name for p in pooled]
    assert len(serial) == 150
    assert _digests(tmp_path / "serial") == _digests(tmp_path / "pooled")
    assert not list((tmp_path / "pooled").glob(".*"))  # no temp file left behind

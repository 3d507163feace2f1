"""``make bench`` runs every bench, each printing its ratio table against its naive baseline.

A bench is a ``bench/*.py`` script with a ``__main__`` block; helpers (the synthetic case, the docxtpl
baseline) are imported by benches, not run. The make recipe is read with ``make -n`` (nothing runs).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess

import pytest
from conftest import ROOT

BENCH = ROOT / "bench"


def _benches() -> set[str]:
    return {p.name for p in BENCH.glob("*.py") if 'if __name__ == "__main__"' in p.read_text(encoding="utf-8")}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_bench_runs_every_bench():
    recipe = subprocess.run(["make", "-n", "-W", "pyproject.toml", "bench"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    run = {word.strip('"') for word in recipe.split() if word.strip('"').startswith("bench/")}
    assert {"run.py", "check_bench.py", "web_load.py"} <= _benches()
    assert {f"bench/{name}" for name in _benches()} <= run, recipe
    assert "docxtpl_baseline.py" not in recipe and "synth.py" not in recipe  # helpers, not benches


def test_the_web_bench_prints_its_ratio_table(capsys):
    spec = importlib.util.spec_from_file_location("web_load", BENCH / "web_load.py")
    web_load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(web_load)
    assert web_load.main(["--officers", "3", "--rounds", "1", "--table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == ["| measure | value |", "|---|---:|"]
    ratio = next(line for line in lines if line.startswith("| at once / one after another |"))
    assert float(ratio.split("|")[2].strip().rstrip("×")) > 0
    assert lines[-1] == "| checks (receipts, store rows) | all passed |"
    assert web_load.main(["--officers", "2", "--rounds", "1"]) == 0  # JSON stays the default
    assert json.loads(capsys.readouterr().out)["checks"]

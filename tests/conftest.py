"""Shared fixtures: the sample case, a writable copy of it, and Vietnamese messages pinned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
# The real dispatch the project starts from (shared/seed/), kept in the repo so a clone tests alone.
SEED = ROOT / "tests" / "data" / "cong-van-cam-linh-2024-11.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED.name


@pytest.fixture(autouse=True)
def _vietnamese(monkeypatch):
    """Messages in Vietnamese whatever the machine's LANG."""
    from dispatch_gen import messages

    monkeypatch.setenv("DISPATCH_GEN_LANG", "vi")
    messages.set_language(None)
    yield
    messages.set_language(None)


@pytest.fixture
def sample_case() -> Path:
    """The bundled sample case folder (read-only use)."""
    return SAMPLE


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A private copy of the sample case a test may edit or write state into."""
    dst = tmp_path / "case"
    shutil.copytree(SAMPLE, dst, ignore=shutil.ignore_patterns(".dispatch-gen"))
    return dst

"""Shared fixtures: the sample case, a writable copy of it, and every test isolated from the machine.

Isolation (issue 17): each test starts with none of the project's environment variables
(``DISPATCH_GEN_TODAY`` leaked into tests before), no locale or console-encoding overrides, Vietnamese
messages, and a HOME of its own session (LibreOffice profiles no longer land in the real ~/.cache).
Tests that need an outside program carry a marker (``libreoffice``, ``browser``); when the program
is missing they are skipped on a developer's machine but FAIL under ``make test`` and in CI
(``DISPATCH_GEN_REQUIRE_TOOLS=1`` or ``CI`` set), so a broken install can never pass as green.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The sample case's generated forms (``case``, ``specs``, ``blank_forms``, module scope) for the
# collection tests; a module defining fixtures of these names keeps its own.
pytest_plugins = ("sample_forms",)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
# The real dispatch the project starts from (shared/seed/), kept in the repo so a clone tests alone.
SEED = ROOT / "tests" / "data" / "cong-van-cam-linh-2024-11.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / SEED.name


# Read once, before any fixture clears the environment.
STRICT_TOOLS = bool(os.environ.get("CI") or os.environ.get("DISPATCH_GEN_REQUIRE_TOOLS"))
TOOLS = {  # marker -> programs its tests run
    "libreoffice": ("soffice", "pdftoppm", "pdftotext"),
    "browser": ("chromium", "chromedriver"),
}
# Variables a developer's shell may set that change what the program does.
LEAKY_VARS = ("PYTHONIOENCODING", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip (locally) or fail (make test, CI) a test whose outside program is missing."""
    for marker, programs in TOOLS.items():
        if item.get_closest_marker(marker) is None:
            continue
        missing = [p for p in programs if shutil.which(p) is None]
        if missing:
            message = f"{marker} test needs {', '.join(missing)} (install: make sysdeps)"
            if STRICT_TOOLS:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)


@pytest.fixture(scope="session")
def _session_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, _session_home):
    """No project variables, no locale overrides, a private HOME, Vietnamese messages."""
    from dispatch_gen import messages

    for name in list(os.environ):
        if name.startswith("DISPATCH_GEN_") or name in LEAKY_VARS:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(_session_home))
    monkeypatch.setenv("LANG", "C.UTF-8")
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

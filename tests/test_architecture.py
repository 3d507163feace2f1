"""Each outside library has one home in the package: an ``ast`` scan keeps it that way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dispatch_gen"

# library -> the only modules (paths relative to the package) allowed to import it
HOMES = {
    "docx": ("word/",),
    "docxtpl": ("word/",),
    "lxml": ("word/",),
    "sqlite3": ("store.py",),
    "subprocess": ("pdf/convert.py",),
    "click": ("cli.py",),
    "openpyxl": ("workbook.py",),
    "pypdf": ("pdf/assemble.py",),
    "starlette": ("web/",),  # issue 14: the web app is one face; the stages never know about HTTP
    "uvicorn": ("web/server.py",),
    "multipart": ("web/",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_libraries_are_imported_only_in_their_home(path):
    rel = path.relative_to(PACKAGE).as_posix()
    for library in _imports(path) & set(HOMES):
        assert rel.startswith(HOMES[library]), f"{rel} imports {library}; only {HOMES[library]} may"


def test_the_rule_scans_real_imports():
    assert "sqlite3" in _imports(PACKAGE / "store.py")
    assert "click" in _imports(PACKAGE / "cli.py")


# Faces open a case (folder → OpenedCase) once per command or request; stages receive it opened.
OPENERS = ("cli.py", "desk.py", "web/", "workspace.py")


def _calls(path: Path, name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Call) and (getattr(node.func, "id", None) == name
                                               or getattr(node.func, "attr", None) == name)
               for node in ast.walk(tree))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_faces_open_a_case(path):
    rel = path.relative_to(PACKAGE).as_posix()
    if not rel.startswith(OPENERS):
        assert not _calls(path, "open_case"), f"{rel} opens a case itself; take the OpenedCase instead"
        assert not _calls(path, "load_case") or rel in ("records.py", "init.py"), \
            f"{rel} loads a case itself; take the OpenedCase instead"


def test_the_opener_rule_scans_real_calls():
    assert _calls(PACKAGE / "cli.py", "open_case") and _calls(PACKAGE / "desk.py", "open_case")

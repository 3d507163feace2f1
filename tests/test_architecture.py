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
        assert not _calls(path, "load_case") or rel in ("case/records.py", "init.py"), \
            f"{rel} loads a case itself; take the OpenedCase instead"


def test_the_opener_rule_scans_real_calls():
    assert _calls(PACKAGE / "cli.py", "open_case") and _calls(PACKAGE / "desk.py", "open_case")


# --- no import cycles among the package's modules (imports made when a module loads)


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _load_time_imports(path: Path) -> set[str]:
    """Package modules ``path`` imports while it loads: top level only (not inside a function, not under
    ``if TYPE_CHECKING``), relative imports resolved, ``from . import x`` naming module ``x``."""
    me = _module(path)
    base = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dispatch_gen"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[:len(base) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("dispatch_gen"):
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in MODULES}
    return {name: {m for m in _load_time_imports(path) if m in modules and m != name}
            for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in ``graph`` (as a path that returns to its start), or ``[]``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_package_has_no_import_cycle():
    cycle = _cycle(_graph())
    assert not cycle, " → ".join(cycle)


@pytest.mark.parametrize("graph, has_cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, False),
    ({"a": {"b"}, "b": {"a"}}, True),
    ({"a": {"b", "c"}, "b": {"c"}, "c": {"d"}, "d": {"b"}}, True),
    ({"a": set()}, False),
])
def test_the_cycle_finder_finds_cycles(graph, has_cycle):
    assert bool(_cycle(graph)) is has_cycle


def test_the_import_graph_sees_real_imports():
    graph = _graph()
    assert {"dispatch_gen.case.models", "dispatch_gen.word.formdoc"} <= graph["dispatch_gen.forms.stage"]
    assert "dispatch_gen.case.roles" in graph["dispatch_gen.case.records"]  # «from . import roles»

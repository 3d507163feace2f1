"""Read the sources of a case into plain rows, collecting every problem with its place.

YAML (safe, no implicit timestamps), CSV and the ``records.xlsx`` workbook all become the same
``Table`` of (record label, row) pairs; pydantic errors become ``Problem`` lines naming the file, the
record and the field (a cell such as ``Thôn!B7`` for the workbook). ``records.load_case`` validates
and cross-checks what is read here; nothing here knows what a case means.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..container import ContainerError, read_regular
from ..errors import Problem
from ..messages import CATALOGUE, os_reason, t
from ..text import nfc
from ..workbook import BY_TABLE, WORKBOOK, read_workbook

TABLES = ("officers", "villages", "dossier")


class SafeLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates are validated by the models, with a field name."""


SafeLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


class Collector:
    """Accumulates problems across files so the clerk sees all of them in one run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.broken: set[str] = set()  # files that could not be read at all: the root cause to show alone

    def unreadable(self, file: str, reason: str) -> None:
        """A file that could not be read: its consequences elsewhere are not worth listing."""
        self.broken.add(file)
        self.add(file, reason)

    def add(self, file: str, reason: str, record: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file=file, reason=reason, record=record, field=field))

    def validate(self, model: type[BaseModel], data: Any, file: str, record: str | None = None,
                 where: Callable[[str | None, str | None], tuple[str | None, str | None]] | None = None):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                rec, field = locate_error(err["loc"], record)
                if where is not None and rec == record:
                    rec, field = where(rec, field)
                self.add(file, error_reason(err), rec, field)
            return None


def locate_error(loc: tuple, record: str | None) -> tuple[str | None, str | None]:
    """Split a pydantic location into a record label (``tasks[2]``) and a field name."""
    parts: list[str] = [record] if record else []
    for p in loc[:-1]:
        if isinstance(p, int):
            if parts:
                parts[-1] = f"{parts[-1]}[{p + 1}]"
            else:
                parts.append(f"[{p + 1}]")
        else:
            parts.append(str(p))
    last = loc[-1] if loc else None
    if isinstance(last, int):
        parts.append(f"[{last + 1}]") if not parts else parts.__setitem__(-1, f"{parts[-1]}[{last + 1}]")
        last = None
    return (".".join(parts) or None), (str(last) if last is not None else None)


def error_reason(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return t("field_required")
    if kind == "extra_forbidden":
        return t("field_unknown")
    if err.get("input") is None and kind.endswith("_type") or kind == "string_too_short" and not str(err["input"]).strip():
        # ``subject:`` with nothing after it (not «None»), or ``subject: ""``
        return t("field_empty")
    if kind.startswith("date") or ("date" in err.get("msg", "") and kind == "value_error"):
        return t("date_invalid", value=err.get("input"))
    msg = err.get("msg", "")
    if kind == "value_error" and ("day is out of range" in msg or "month must be" in msg):
        return t("date_invalid", value=err.get("input"))
    if f"pyd_{kind}" in CATALOGUE:  # say it in the clerk's words, not pydantic's
        try:
            return t("field_invalid", detail=t(f"pyd_{kind}", input=err.get("input"), **err.get("ctx", {})))
        except KeyError:  # a context field the message does not expect: fall back to pydantic's text
            pass
    return t("field_invalid", detail=msg.removeprefix("Value error, "))


MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a case's CSV/YAML file (a province: a few MB)


def read_text(path: Path, label: str, out: Collector) -> str | None:
    try:
        raw = read_regular(path, MAX_SOURCE_BYTES)  # a FIFO or device is refused, never waited on
        if len(raw) > MAX_SOURCE_BYTES:
            out.unreadable(label, t("source_too_big", limit=MAX_SOURCE_BYTES // (1024 * 1024)))
            return None
    except ContainerError:
        out.unreadable(label, t("collect_not_regular"))
        return None
    except FileNotFoundError:
        out.unreadable(label, t("file_missing"))
        return None
    except OSError as exc:
        out.unreadable(label, t("file_unreadable", detail=os_reason(exc)))
        return None
    if not raw.strip():
        out.unreadable(label, t("file_empty"))
        return None
    try:
        return nfc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        out.unreadable(label, t("file_binary"))
        return None


MAX_YAML_NODES = 1_000_000  # values a YAML document may expand to (a province's table: ~100 000)


class YamlTooBig(Exception):
    """The document expands (through aliases) to more than ``MAX_YAML_NODES`` values."""


def load_bounded(source: str) -> Any:
    """``yaml.load`` with SafeLoader, refusing alias bombs before anything is built (issue 16).

    Aliases share one node, so a 1 KB "billion laughs" composes cheaply but expands to 10^9 values
    in whatever walks it (validation, NFC, dumps): minutes and gigabytes. The composed graph's
    expanded size is counted first (each shared node once, with memo); cycles count as too big.
    """
    loader = SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set())
        return loader.construct_document(node)
    except RecursionError:  # nesting thousands deep: no record needs it, and it would crash the reader
        raise YamlTooBig from None
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, memo: dict[int, int], active: set[int]) -> int:
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:
        raise YamlTooBig  # a node containing itself expands forever
    active.add(key)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            size += _expanded_size(child, memo, active)
            if size > MAX_YAML_NODES:
                raise YamlTooBig
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo, active) + _expanded_size(v, memo, active)
            if size > MAX_YAML_NODES:
                raise YamlTooBig
    active.discard(key)
    memo[key] = size
    return size


def read_yaml(path: Path, label: str, out: Collector) -> Any:
    source = read_text(path, label, out)
    if source is None:
        return None
    if "\x00" in source:
        out.unreadable(label, t("file_binary"))
        return None
    try:
        data = load_bounded(source)
    except YamlTooBig:
        out.add(label, t("yaml_too_big", limit=MAX_YAML_NODES))
        return None
    except yaml.YAMLError as exc:
        out.unreadable(label, yaml_error_text(exc, source))
        return None
    if not isinstance(data, dict):
        out.unreadable(label, t("yaml_not_mapping"))
        return None
    bad = _control_path(data, "")
    if bad is not None:
        out.add(label, t("text_control_chars"), field=bad or None)
        return None
    return data


# Characters XML 1.0 cannot hold (documents, forms and workbooks are XML): refused where read.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _control_path(data: Any, path: str) -> str | None:
    """Dotted path of the first string holding a control character, else None (``""``: the root)."""
    if isinstance(data, str):
        return path if _CONTROL.search(data) else None
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((f"[{i + 1}]", v) for i, v in enumerate(data))
    else:
        return None
    for key, value in items:
        key_text = str(key)
        child = f"{path}{key_text}" if key_text.startswith("[") else (f"{path}.{key_text}" if path else key_text)
        if isinstance(key, str) and _CONTROL.search(key):
            return child
        found = _control_path(value, child)
        if found is not None:
            return found
    return None


# PyYAML's problem texts -> what the clerk looks at and the usual fix (first match wins)
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml_colon"),
    ("found character '\\t'", "yaml_tab"),
    ("found character '\t'", "yaml_tab"),
    ("undefined alias", "yaml_star"),
    ("expected alphabetic or numeric character", "yaml_star"),
    ("cannot start any token", "yaml_special_start"),
    ("expected <block end>", "yaml_indent"),
    ("could not find expected ':'", "yaml_no_colon"),
    ("expected <block mapping start>", "yaml_indent"),
    ("end of stream", "yaml_quote"),
    ("expected ',' or", "yaml_bracket"),
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _misindented(lines: list[str], n: int, column: int) -> bool:
    """Whether line ``n`` is a key or a ``- `` item shifted against the line above it (the usual cause
    of "mapping values" errors that are not about a colon in prose)."""
    line = lines[n] if 0 <= n < len(lines) else ""
    if re.match(r"\s*[A-Za-z_][A-Za-z0-9_]*:(\s|$)", line) and line.find(":") == column:
        return True
    above = next((x for x in reversed(lines[:n]) if x.strip()), "")
    return line.lstrip().startswith("- ") and above.lstrip().startswith("- ") and _indent(line) != _indent(above)


def yaml_error_text(exc: Exception, source: str) -> str:
    """A YAML syntax error in the clerk's words: line, column, the line itself, what to look at, the fix."""
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    key = next((k for needle, k in _YAML_PROBLEMS if needle in problem), "yaml_unknown")
    if key == "yaml_quote" and "quoted" not in problem:
        key = "yaml_unknown"
    lines = source.splitlines()

    def line_at(mark) -> str:
        return lines[mark.line].rstrip() if mark is not None and 0 <= mark.line < len(lines) else ""

    mark = getattr(exc, "problem_mark", None)
    if key in ("yaml_bracket", "yaml_quote") or not line_at(mark).strip():  # point where the item began
        mark = getattr(exc, "context_mark", None) or mark
    if mark is None:
        return t("yaml_syntax_nowhere", explain=t(key))
    shown = line_at(mark)
    if key == "yaml_colon" and _misindented(lines, mark.line, mark.column):
        key = "yaml_indent"  # a key or list item out of line with its siblings, not prose with a colon
    shown = shown if len(shown) <= 90 else shown[:89] + "…"
    return t("yaml_syntax", line=mark.line + 1, column=mark.column + 1, text=shown.replace("\t", "→"),
             explain=t(key))


@dataclass
class Table:
    """One record list as (record label, row) pairs, and where its problems point.

    CSV, YAML and workbook sheets all become a ``Table``; validation and cross-checks then run on it
    alone, so the three sources cannot drift. Workbook rows are labelled ``Sheet!7`` and ``where``
    turns (row, field) into the cell the clerk opens: ``Thôn!C7`` and the column's header.
    """

    file: str
    rows: list[tuple[str, dict]]
    letters: dict[str, str] | None = None  # workbook: field -> column letter
    headers: dict[str, str] | None = None  # workbook: field -> header shown to the clerk

    def where(self, record: str | None, field: str | None) -> tuple[str | None, str | None]:
        if self.letters is None or record is None or "!" not in record:
            return record, field
        sheet, row = record.rsplit("!", 1)
        letter = self.letters.get(field or "")
        return (f"{sheet}!{letter}{row}" if letter else record), ((self.headers or {}).get(field, field) if field else None)

    def add(self, out: Collector, reason: str, record: str | None = None, field: str | None = None) -> None:
        out.add(self.file, reason, *self.where(record, field))

    def validate(self, out: Collector, model: type[BaseModel], record: str, row: dict):
        return out.validate(model, row, self.file, record, self.where)


def clean_row(table: str, row: dict) -> dict:
    """Drop blank cells; read flag columns (``x``/có/yes/không/no) as booleans. Shared by CSV and XLSX."""
    flags = {c.field for c in BY_TABLE[table].columns if c.kind == "flag"} if table in BY_TABLE else set()
    cleaned = {}
    for key, value in row.items():
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
            if key in flags:
                value = bool_cell(value)
        cleaned[key] = value
    return cleaned


def bool_cell(value: str) -> Any:
    if value.lower() in ("x", "có", "yes", "true"):
        return True
    if value.lower() in ("không", "no", "false"):
        return False
    return value


def read_table(case_dir: Path, name: str, out: Collector) -> Table | None:
    """Rows of ``name.csv`` or ``name.yaml`` as (record label, dict); None when the table is absent."""
    csv_path, yaml_path = case_dir / f"{name}.csv", case_dir / f"{name}.yaml"
    if csv_path.exists():
        table = Table(csv_path.name, [])
        source = read_text(csv_path, table.file, out)
        if source is None:
            return table
        try:
            reader = csv.DictReader(io.StringIO(source))
            for i, row in enumerate(reader, start=2):
                if None in row:
                    out.add(table.file, t("csv_error", detail=t("csv_extra_cells")), t("csv_row", n=i))
                    continue
                cleaned = clean_row(name, {k.strip(): v for k, v in row.items() if k and v is not None})
                if cleaned:
                    table.rows.append((t("csv_row", n=i), cleaned))
        except csv.Error as exc:
            out.add(table.file, t("csv_error", detail=str(exc)))
        table.rows = _without_control_chars(table, out)  # issue 16: XML cannot hold them; say where
        return table
    if yaml_path.exists():
        table = Table(yaml_path.name, [])
        data = read_yaml(yaml_path, table.file, out)
        if data is None:
            return table
        items = data.get(name)
        if not isinstance(items, list) or len(data) != 1:
            out.add(table.file, t("field_invalid", detail=f"cần một danh sách dưới khóa «{name}»"))
            return table
        table.rows = [(f"{name}[{i + 1}]", row) for i, row in enumerate(items)]
        return table
    return None


def read_tables(case_dir: Path, out: Collector) -> dict[str, Table]:
    """Every record list of the case: sheets of ``records.xlsx``, else CSV/YAML files.

    Precedence: a sheet present in the workbook owns its table; a CSV/YAML file for the same table
    is refused (never silently ignored), so the clerk always knows which copy is read.
    """
    tables: dict[str, Table] = {}
    if (case_dir / WORKBOOK).exists():
        sheets, problems = read_workbook(case_dir / WORKBOOK)
        for p in problems:
            if not sheets and not p.where:  # the book itself cannot be read: say that alone (issue 13)
                out.unreadable(WORKBOOK, p.reason)
            else:
                out.add(WORKBOOK, p.reason, p.where or None, p.header)
        for name, found in sheets.items():
            rows = [(f"{found.sheet.name}!{r}", clean_row(name, data)) for r, data in found.rows]
            tables[name] = Table(WORKBOOK, rows, found.letters, {c.field: c.header for c in found.sheet.columns})
            tables[name].rows = _without_control_chars(tables[name], out)
    for name in TABLES:
        if name in tables:
            for path in (case_dir / f"{name}.csv", case_dir / f"{name}.yaml"):
                if path.exists():
                    out.add(path.name, t("source_conflict", sheet=BY_TABLE[name].name, book=WORKBOOK))
        else:
            found_file = read_table(case_dir, name, out)
            if found_file is not None:
                tables[name] = found_file
    return tables


def _without_control_chars(table: Table, out: Collector) -> list[tuple[str, dict]]:
    """The rows with no control character; each one found is a problem naming its cell (issue 16)."""
    kept = []
    for record, row in table.rows:
        bad = [k for k, v in row.items() if isinstance(v, str) and _CONTROL.search(v)]
        for key in bad:
            table.add(out, t("text_control_chars"), record, key)
        if not bad:
            kept.append((record, row))
    return kept


def validate_rows(table: Table | None, model: type[BaseModel], out: Collector) -> list[tuple[str, Any]]:
    """Validate each row of ``table`` with ``model``: (record label, object) for the valid ones."""
    if table is None:
        return []
    pairs = []
    for record, row in table.rows:
        obj = table.validate(out, model, record, row)
        if obj is not None:
            pairs.append((record, obj))
    return pairs


def check_unique(pairs: list[tuple[str, Any]], key: str, table: Table | None, out: Collector) -> None:
    seen: set[str] = set()
    for record, obj in pairs:
        value = getattr(obj, key)
        if value in seen and table is not None:
            table.add(out, t("duplicate_id", ref=value), record, key)
        seen.add(value)

"""A bad value in case.yaml's own fields is named like any other record problem, never a traceback.

Found while testing workspaces: a clerk naming her case ``id: hồ sơ lẻ`` (the folder's name, with
spaces and Vietnamese letters) got a pydantic traceback from every command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hardening import main_cli as run

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "cam-linh"


@pytest.mark.parametrize("field, value, shown", [
    ("id", "hồ sơ lẻ", "«hồ sơ lẻ»"),
    ("id", "-dot-1", "«-dot-1»"),
    ("id", "dot 1/2026", "«dot 1/2026»"),
    ("title", 2026, "«2026»"),
])
def test_a_bad_head_field_names_case_yaml_and_the_field(tmp_path, capsys, field, value, shown):
    case = tmp_path / "ho so"
    shutil.copytree(SAMPLE, case, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    head = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    head[field] = value
    (case / "case.yaml").write_text(yaml.safe_dump(head, allow_unicode=True), encoding="utf-8")
    for command in (["status", str(case)], ["dispatch", str(case), "-o", str(tmp_path / "cv.docx")]):
        code, _, err = run(capsys, *command)
        assert code != 0 and f"case.yaml › {field}:" in err and shown in err, err
        assert not (tmp_path / "cv.docx").exists() and not (case / ".dispatch-gen").exists()

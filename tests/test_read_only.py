"""Commands that only read (status, export, report, remind) never create case state.

A case folder copied for review, or read before anything was collected, has no ``.dispatch-gen/``:
these commands must read it as an empty store (every unit missing) and leave the folder as it was.
Run on the third case (ấp/khu phố), not the samples.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from third_case import TODAY, write_third_case

from dispatch_gen.cli import main
from dispatch_gen.store import open_store


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as info:
        main([*args])
        raise SystemExit(0)
    return info.value.code or 0, out.getvalue()


@pytest.fixture
def case(tmp_path):
    return write_third_case(tmp_path / "Xã Nam Đông")


@pytest.mark.parametrize("command", [
    ("status", "{case}", "--as-of", TODAY, "--json"),
    ("export", "{case}", "-o", "{out}/answers.json"),
    ("export", "{case}", "-o", "{out}/answers.xlsx"),
    ("report", "{case}", "-o", "{out}/report.docx", "--as-of", TODAY),
    ("remind", "{case}", "-o", "{out}/remind.docx", "--as-of", TODAY),
])
def test_a_reading_command_creates_no_state(case, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    code, printed = _cli(*(a.format(case=case, out=out) for a in command))
    assert code == 0
    assert not (case / ".dispatch-gen").exists()
    assert list(out.iterdir()) if "-o" in command else printed  # it did its own work


def test_status_without_a_store_equals_status_with_an_empty_one(case):
    _, before = _cli("status", str(case), "--as-of", TODAY, "--json")
    assert not (case / ".dispatch-gen").exists()
    open_store(case).close()
    _, after = _cli("status", str(case), "--as-of", TODAY, "--json")
    assert json.loads(before) == json.loads(after)
    assert {(u["state"], u["detail"]) for u in json.loads(before)} == {("missing", "overdue")}


def test_a_lost_store_is_still_refused_when_reading(case):
    open_store(case).close()
    (case / ".dispatch-gen" / "store.sqlite").unlink()
    code, _ = _cli("status", str(case), "--as-of", TODAY)
    assert code != 0
    assert not (case / ".dispatch-gen" / "store.sqlite").exists()

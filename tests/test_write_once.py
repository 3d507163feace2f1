"""Issue 17: received originals are write-once; only a race used to show an overwrite.

``write_new``/``write_new_many`` must never replace an existing name, whatever bytes are offered;
collect relies on them for the archive. These tests plant a file first and demand it survives.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hardening import SAMPLE, filled

from dispatch_gen.case.records import STATE_DIR, load_case
from dispatch_gen.collect.stage import ARCHIVE_DIR, archive_name, collect
from dispatch_gen.output import write_new, write_new_many
from dispatch_gen.store import open_store
from dispatch_gen.workspace import OpenedCase


@pytest.mark.parametrize("many", [False, True])
def test_an_existing_name_is_never_replaced(tmp_path, many):
    target = tmp_path / "a" / "x.docx"
    target.parent.mkdir()
    target.write_bytes(b"original")
    created = write_new_many([(target, b"other")])[0] if many else write_new(target, b"other")
    assert created is False and target.read_bytes() == b"original"
    assert [p.name for p in target.parent.iterdir()] == ["x.docx"]  # no temp left behind


def test_collect_never_replaces_an_archived_original(tmp_path, monkeypatch):
    """A second run that archives the same name in the race window keeps the first file's bytes."""
    case_dir = tmp_path / "case"
    shutil.copytree(SAMPLE, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    case = load_case(case_dir)
    data = filled("thon-02")
    sha = hashlib.sha256(data).hexdigest()
    open_store(case_dir).close()  # the other run made the store first (an archive without a store is refused)
    planted = case_dir / STATE_DIR / ARCHIVE_DIR / "thon-02" / archive_name(sha)
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"written by the other run")
    real_is_file = Path.is_file
    # as if the other run created it just after this run looked
    monkeypatch.setattr(Path, "is_file", lambda self: False if self.name == planted.name else real_is_file(self))
    form = tmp_path / "thon-02.docx"
    form.write_bytes(data)
    collect(OpenedCase.of(case, case_dir), [form], processes=1)
    assert planted.read_bytes() == b"written by the other run"


def test_shared_sync_threads_start_at_the_first_write_and_stop_with_the_block(tmp_path):
    """collect forks its readers inside the block, before any write: no sync thread may exist then."""
    import threading

    from dispatch_gen import output

    before = threading.active_count()
    with output.sync_threads():
        assert threading.active_count() == before  # a fork here copies no thread
        created = output.write_new_many([(tmp_path / f"u{i}" / "a.docx", b"x") for i in range(8)])
        assert created == [True] * 8
        assert threading.active_count() > before
    assert threading.active_count() == before
    assert all((tmp_path / f"u{i}" / "a.docx").read_bytes() == b"x" for i in range(8))


def test_written_files_get_the_mode_open_would_give_them(tmp_path):
    """Temp files are 0600; the documents they become get what ``open()`` gives a new file."""
    from dispatch_gen import output

    output.write_atomic(tmp_path / "cong-van.docx", b"x")
    output.write_new(tmp_path / "goc.docx", b"y")
    output.write_new_many([(tmp_path / "u" / "a.docx", b"z")])
    with output.atomic_path(tmp_path / "bao-cao.pdf") as tmp:
        tmp.write_bytes(b"%PDF")
    with open(tmp_path / "plain.txt", "wb"):
        pass
    expected = (tmp_path / "plain.txt").stat().st_mode & 0o777
    for name in ("cong-van.docx", "goc.docx", "u/a.docx", "bao-cao.pdf"):
        assert (tmp_path / name).stat().st_mode & 0o777 == expected, name

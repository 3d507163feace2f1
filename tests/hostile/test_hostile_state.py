"""Issue 16, points 1 and 2: the case state can't be lost silently and ``-o`` can't destroy it.

1. A deleted, 0-byte or swapped ``store.sqlite`` is refused by every command that opens the store
   (no duplicate official number, no "every unit missing") until the clerk restores it.
2. ``-o`` never writes into ``.dispatch-gen`` and never replaces a FIFO or a folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat

import pytest
from attacks import new_case, run_main

from dispatch_gen.errors import StoreError
from dispatch_gen.store import open_store, store_path


@pytest.fixture
def issued(tmp_path, capsys):
    """A case whose dispatch was issued once (01) and whose store therefore holds state."""
    case = new_case(tmp_path)
    code, out, err = run_main(capsys, "dispatch", case, "-o", tmp_path / "cv.docx", "--issue")
    assert code == 0, err
    assert "01/" in out
    return case


def _damage(store, how: str, other_case) -> None:
    if how == "deleted":
        store.unlink()
        for extra in ("-wal", "-shm"):
            store.with_name(store.name + extra).unlink(missing_ok=True)
    elif how == "empty":
        store.write_bytes(b"")
    else:  # another case's store copied over this one
        shutil.copyfile(store_path(other_case), store)


@pytest.mark.parametrize("how", ["deleted", "empty", "swapped"])
@pytest.mark.parametrize("command", [
    ("dispatch", "{case}", "-o", "{tmp}/again.docx", "--issue"),
    ("status", "{case}"),
    ("register", "{case}"),
    ("collect", "{case}", "{tmp}/inbox"),
    ("export", "{case}", "-o", "{tmp}/out.json"),
])
def test_a_lost_store_is_refused_not_recreated(issued, tmp_path, capsys, how, command):
    other = new_case(tmp_path, "other")
    with open_store(other):
        pass
    (tmp_path / "inbox").mkdir()
    store = store_path(issued)
    _damage(store, how, other)
    before = store.read_bytes() if store.exists() else None
    args = [a.format(case=issued, tmp=tmp_path) for a in command]
    code, out, err = run_main(capsys, *args)
    assert code != 0, out
    assert "store.sqlite" in err and "Traceback" not in err
    assert "01/" not in out  # no number handed out again
    after = store.read_bytes() if store.exists() else None
    assert after == before  # nothing recreated in its place


def test_restoring_the_store_brings_the_case_back(issued, tmp_path, capsys):
    store = store_path(issued)
    backup = tmp_path / "backup.sqlite"
    with open_store(issued) as db:  # a consistent copy, as a backup tool would take
        db._conn.execute(f"VACUUM INTO '{backup}'")
    store.unlink()
    with pytest.raises(StoreError):
        open_store(issued)
    shutil.copyfile(backup, store)
    code, out, err = run_main(capsys, "dispatch", issued, "-o", tmp_path / "next.docx", "--issue", "--reissue")
    assert code == 0, err  # issue 10: the same dispatch again is a re-issue
    assert "02/" in out  # the register continues: 01 is never given twice


def test_a_case_without_state_still_starts_fresh(tmp_path):
    case = new_case(tmp_path)
    with open_store(case) as db:
        assert db.state_value("store_id")
    assert (store_path(case).parent / "store.id").read_text().strip() == open_store(case).state_value("store_id")


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("target", [".dispatch-gen/store.sqlite", ".dispatch-gen/new.docx",
                                    ".dispatch-gen/archive/x.docx", ".dispatch-gen/../.dispatch-gen/store.id"])
def test_output_never_lands_in_the_case_state(issued, tmp_path, capsys, target):
    store = store_path(issued)
    before = _digest(store)
    code, _, err = run_main(capsys, "dispatch", issued, "-o", issued / target)
    assert code != 0
    assert ".dispatch-gen" in err and "Traceback" not in err
    assert _digest(store) == before
    assert not (issued / ".dispatch-gen" / "new.docx").exists()


def test_a_symlink_into_the_state_is_followed_and_refused(issued, tmp_path, capsys):
    link = tmp_path / "looks-harmless.docx"
    link.symlink_to(store_path(issued))
    before = _digest(store_path(issued))
    code, _, err = run_main(capsys, "dispatch", issued, "-o", link)
    assert code != 0 and ".dispatch-gen" in err
    assert _digest(store_path(issued)) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_or_folder_named_by_o_is_never_replaced(tmp_path, capsys):
    case = new_case(tmp_path)
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    for target in (fifo, folder):
        code, _, err = run_main(capsys, "dispatch", case, "-o", target)
        assert code != 0 and "Traceback" not in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert folder.is_dir()

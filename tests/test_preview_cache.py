"""The preview cache (``output.read_cache`` / ``write_cache``): whole entries or none, bounded, never fatal."""

from __future__ import annotations

import os

import pytest

from dispatch_gen import output
from dispatch_gen.errors import OutputError


def _entries(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_an_entry_reads_back_its_parts_in_order(tmp_path):
    parts = [b"\\x89PNG page %d" % n for n in range(1, 12)]  # 11: p-10 must not sort before p-2
    assert output.write_cache(tmp_path / "c", "ab12", parts, keep=4) == tmp_path / "c" / "ab12"
    assert output.read_cache(tmp_path / "c", "ab12") == parts
    assert output.read_cache(tmp_path / "c", "cd34") is None
    assert output.read_cache(tmp_path / "missing", "ab12") is None


def test_the_least_recently_used_entries_are_dropped(tmp_path):
    folder = tmp_path / "c"
    for n, key in enumerate(("aa", "bb", "cc")):
        output.write_cache(folder, key, [key.encode()], keep=3)
        os.utime(folder / key, (1_000_000 + n, 1_000_000 + n))  # written in this order
    assert output.read_cache(folder, "aa") == [b"aa"]  # a view makes "aa" the most recent
    output.write_cache(folder, "dd", [b"dd"], keep=3)
    assert _entries(folder) == ["aa", "cc", "dd"]
    output.write_cache(folder, "ee", [b"ee"], keep=1)
    assert _entries(folder) == ["ee"]


def test_a_crash_leftover_is_cleaned_and_a_running_write_is_not(tmp_path):
    folder = tmp_path / "c"
    (folder / ".new-old").mkdir(parents=True)
    (folder / ".new-old" / "p-1.bin").write_bytes(b"half")
    os.utime(folder / ".new-old", (1_000_000, 1_000_000))
    (folder / ".new-now").mkdir()
    output.write_cache(folder, "aa", [b"x"], keep=2)
    assert sorted(p.name for p in folder.iterdir()) == [".new-now", "aa"]


def test_writing_the_same_key_twice_keeps_one_entry(tmp_path):
    output.write_cache(tmp_path, "aa", [b"1", b"2"], keep=2)
    assert output.write_cache(tmp_path, "aa", [b"1", b"2"], keep=2) == tmp_path / "aa"
    assert os.listdir(tmp_path) == ["aa"] and output.read_cache(tmp_path, "aa") == [b"1", b"2"]


def test_a_cache_that_cannot_be_written_is_not_an_error(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder would go")
    assert output.write_cache(blocker / "cache", "aa", [b"x"], keep=2) is None


@pytest.mark.parametrize("key", ["../x", "", "AB", "a/b", "..", "a b"])
def test_a_key_is_a_hex_digest_never_a_path(tmp_path, key):
    with pytest.raises(OutputError):
        output.write_cache(tmp_path, key, [b"x"], keep=2)
    with pytest.raises(OutputError):
        output.read_cache(tmp_path, key)

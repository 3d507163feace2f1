"""Issue 6.2: unit codes, names, received file names and field values never become raw paths.

Villages with hostile codes and names (``..``, slashes, Windows device names, very long names) get
forms whose names are short, portable and inside the output folder; received files with hostile
names are archived under hash-and-slug names inside the case's archive; a form claiming a unit
such as ``../../evil`` creates nothing; a symlink planted in the output folder is not followed.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hardening import SAMPLE, filled, rewrite

from dispatch_gen import text
from dispatch_gen.case.records import load_case
from dispatch_gen.collect.stage import archive_name, collect
from dispatch_gen.errors import OutputError
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.output import inside, inside_resolved, write_atomic
from dispatch_gen.word.sdt import read_identity
from dispatch_gen.workspace import OpenedCase, open_case

WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
LONG = "Thôn Bản Làng Xóm Ấp Nậm Pồ Đồng Văn " * 12  # ~450 characters
# The longest Vietnamese file name a common file system takes (255 bytes with ".docx"): a name
# of over 255 bytes could never be created, so that case never ran.
LONGEST_NAME = LONG.encode()[:250].decode("utf-8", "ignore").rstrip() + ".docx"


def portable(name: str) -> bool:
    """A file or folder name every common file system accepts."""
    stem = name.split(".")[0].lower()
    return (len(name.encode()) <= 255 and stem not in WINDOWS_DEVICES and name.strip(" .") == name
            and not set(name) & set('<>:"/\\|?*') and all(ord(c) >= 32 for c in name) and name not in (".", ".."))


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.fixture
def hostile_case(case_copy: Path) -> Path:
    rows = (case_copy / "villages.csv").read_text(encoding="utf-8").splitlines()
    rows += [
        "CON,../../etc/passwd,A,B,x",
        "nul,/tmp/tuyet-doi,A,B,x",
        f"{'a' * 300},{LONG},A,B,x",
        "com1.x,C:\\Windows\\System32,A,B,x",
        "a..b,..,A,B,x",
    ]
    (case_copy / "villages.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return case_copy


def test_forms_of_hostile_units_stay_inside_and_are_portable(hostile_case, tmp_path):
    case = load_case(hostile_case)
    out = tmp_path / "out" / "phieu"
    before = all_files(tmp_path)
    written = make_forms(case, out)
    assert len({p.name.lower() for p in written}) == len(written)  # no two forms share a name
    assert all(p.parent == out.resolve() for p in written)
    assert all(portable(p.name) for p in written), [p.name for p in written if not portable(p.name)]
    created = all_files(tmp_path) - before
    assert created == {out.parent, out, *written}
    units = {read_identity(p.read_bytes())["dg.unit"] for p in written}
    assert {"CON", "nul", "a" * 300, "com1.x", "a..b"} <= units  # the identity inside keeps the real code


@pytest.mark.parametrize("name", [
    "../../etc/passwd.docx", "..\\..\\Windows\\CON.docx", "CON.docx", "nul", "  .docx", "lpt1.docx",
    LONGEST_NAME, "phiếu\x07báo\x1bcáo.docx", "a/b/../../../c.docx",
])
def test_archive_names_of_hostile_file_names_are_safe(name, tmp_path):
    """The received name never becomes a path: the archive is named by content (SHA-256)."""
    data = filled("thon-01")
    src = tmp_path / "in"
    src.mkdir()
    try:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
        path = src / name
    except OSError:  # a name this file system refuses is not a received file
        pytest.skip(f"file system refuses {name!r}")
    case_dir = tmp_path / "case"
    shutil.copytree(SAMPLE, case_dir, ignore=shutil.ignore_patterns(".dispatch-gen", "inbox"))
    result = collect(open_case(case_dir), [path])
    archived = result.files[0].archive
    assert archived is not None and archived.name == archive_name(hashlib.sha256(data).hexdigest())
    assert portable(archived.name) and case_dir.resolve() in archived.resolve().parents


def test_file_part_never_gives_a_device_name_and_is_short():
    for raw in ("CON", "nul", "Com1", "LPT9", "aux", "x" * 500, "../..", ""):
        part = text.file_part(raw)
        assert portable(part) and len(part) <= 60, (raw, part)
    assert text.file_part("thon-01") == "thon-01"


def test_collect_archives_hostile_names_inside_the_case(hostile_case, tmp_path):
    case = load_case(hostile_case)
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    names = ["CON.docx", f"{LONG[:80]}.docx", "a..b .docx", "sub/nul.docx"]
    for i, name in enumerate(names):
        (inbox / name).write_bytes(filled("thon-01", seed=f"{i} ../../x "))
    outside = all_files(tmp_path) - all_files(hostile_case)
    result = collect(OpenedCase.of(case, hostile_case), [inbox])
    assert [f.outcome for f in result.files] == ["accepted"] * len(names)
    archive_root = (hostile_case / ".dispatch-gen" / "archive").resolve()
    for f in result.files:
        assert f.archive is not None and archive_root in f.archive.parents
        assert portable(f.archive.name)
    assert all_files(tmp_path) - all_files(hostile_case) == outside  # nothing written outside the case


def test_a_form_naming_a_path_as_its_unit_creates_nothing(case_copy, tmp_path):
    evil = rewrite(filled("thon-01"), lambda n, b: b.replace(b">thon-01<", b">../../../evil<")
                   if n == "docProps/custom.xml" else b)
    assert read_identity(evil)["dg.unit"] == "../../../evil"
    src = tmp_path / "evil.docx"
    src.write_bytes(evil)
    before = all_files(tmp_path)
    (outcome,) = collect(open_case(case_copy), [src]).files
    assert outcome.outcome == "rejected" and outcome.archive is None
    created = all_files(tmp_path) - before
    assert all(case_copy / ".dispatch-gen" in p.parents or p == case_copy / ".dispatch-gen" for p in created)
    assert not any("evil" in p.name for p in created)


@pytest.mark.parametrize("parts", [("..", "x.docx"), ("/etc", "x.docx"), ("a", "..", "..", "x"), ("/tmp/x",)])
def test_inside_refuses_escaping_parts(tmp_path, parts):
    with pytest.raises(OutputError, match="ra ngoài"):
        inside(tmp_path, *parts)


@pytest.mark.parametrize("name", ["thon-01", "a.docx", "..", ".", "", "a/../../x", "/etc", "a\\b", "away", "near"])
def test_inside_resolved_is_inside(tmp_path, name):
    """The archive's fast join gives ``inside``'s answer: the same path, or the same refusal."""
    base = (tmp_path / "kho").resolve()
    (base / "thon-02").mkdir(parents=True)
    (base / "away").symlink_to(tmp_path)  # leads outside: must be refused
    (base / "near").symlink_to(base / "thon-02")  # stays inside: resolved like inside() does
    try:
        expected = inside(base, name)
    except OutputError:
        with pytest.raises(OutputError):
            inside_resolved(base, name)
        return
    assert inside_resolved(base, name) == expected


def test_a_symlink_planted_in_the_output_folder_is_not_followed(case_copy, tmp_path):
    out = tmp_path / "phieu"
    first = make_forms(load_case(case_copy), out)[0]
    target = tmp_path / "secret.txt"
    target.write_text("bí mật", encoding="utf-8")
    first.unlink()
    os.symlink(target, first)
    with pytest.raises(OutputError):
        make_forms(load_case(case_copy), out)
    assert target.read_text(encoding="utf-8") == "bí mật"


def test_write_atomic_replaces_a_link_not_its_target(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_text("giữ nguyên", encoding="utf-8")
    link = tmp_path / "out.docx"
    os.symlink(target, link)
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    write_atomic(link, buf.getvalue())
    assert target.read_text(encoding="utf-8") == "giữ nguyên" and not link.is_symlink()

"""A case opened once: its folder, its loaded records, its store and the register it numbers in.

Stages receive an ``OpenedCase`` instead of each re-reading a folder. Where the register lives:

1. ``register:`` in ``case.yaml`` — the path (relative to the case folder) of a workspace, or of an
   earlier case that kept its own register: a case kept elsewhere still numbers in its agency's book;
2. else the case folder's parent, when it holds ``workspace.yaml`` (``init`` inside a workspace);
3. else the case's own store (a lone case folder, as before issue 10).

A workspace is a folder holding ``workspace.yaml`` and the agency register
(``<workspace>/.dispatch-gen/store.sqlite``, through ``store.py``): ND30 numbers documents per
agency and year, so every case of the agency must draw from one book. When a case joins a
workspace, the numbers of its own earlier register are copied in (``Store.register_import``:
idempotent, every number kept; a number another case already used is kept as a recorded
duplicate, never renumbered), and later numbers continue after all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .case.models import Case, Dispatch, symbol_for
from .case.records import CASE_FILE, load_case
from .context import dispatch_citation
from .errors import OutputError, Problem, RecordError, StoreError
from .messages import t
from .output import ensure_dir, inside, write_new
from .register import DISPATCH_KEY, Document, Entry, Issuing, agency_key, book, issue, void
from .store import REGISTER_WITNESS, Store, open_for_reading, open_store, store_path
from .text import nfc

WORKSPACE_FILE = "workspace.yaml"
_WORKSPACE_NOTE = ("# Thư mục làm việc của một cơ quan: các hồ sơ (thư mục con) dùng chung một sổ văn bản đi\n"
                   "# (.dispatch-gen/store.sqlite), đánh số theo ký hiệu và năm. Không xóa thư mục .dispatch-gen.\n")


def is_workspace(folder: Path) -> bool:
    """A folder holding ``workspace.yaml``."""
    return (Path(folder) / WORKSPACE_FILE).is_file()


def declared_register(case_dir: Path) -> str | None:
    """The ``register:`` value of ``case.yaml`` (a workspace path as written), or None."""
    try:
        head = yaml.safe_load((case_dir / CASE_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None  # load_case reports an unreadable case.yaml with its own message
    value = head.get("register") if isinstance(head, dict) else None
    if value is not None and not isinstance(value, str):
        raise RecordError([Problem(CASE_FILE, t("workspace_register_bad"), None, "register")])
    return value


def workspace_of(case_dir: str | Path) -> Path | None:
    """The folder whose store holds the register the case numbers in, when not the case itself.

    ``register:`` in case.yaml names a workspace or another case folder (an earlier round that kept
    its own register); otherwise a workspace parent; otherwise None (the case's own register).
    """
    case_dir = Path(case_dir)
    declared = declared_register(case_dir)
    if declared:
        folder = (case_dir / declared).resolve()
        if folder == case_dir.resolve():
            return None
        if not (is_workspace(folder) or (folder / CASE_FILE).is_file()):
            raise RecordError([Problem(CASE_FILE, t("workspace_not_found", path=folder), None, "register")])
        return folder
    parent = case_dir.resolve().parent
    return parent if is_workspace(parent) else None


def register_home(case_dir: str | Path) -> Path:
    """The folder whose store holds the case's register: its workspace, or the case folder itself."""
    return workspace_of(case_dir) or Path(case_dir).resolve()


@dataclass
class OpenedCase:
    """A case folder opened once: ``dir``, the loaded ``case``, and its register's ``workspace``."""

    dir: Path
    case: Case
    workspace: Path | None = None

    @classmethod
    def of(cls, case: Case, case_dir: str | Path) -> OpenedCase:
        """Wrap an already loaded case (finds its workspace)."""
        return cls(Path(case_dir), case, workspace_of(case_dir))

    def store(self) -> Store:
        """The case's own store (answers, archive records); the caller closes it."""
        return open_store(self.dir)

    def reading(self) -> Store:
        """The case's store for a command that only reads: never creates state (empty when none yet)."""
        return open_for_reading(self.dir)

    def has_store(self) -> bool:
        """Whether the case has a store yet (reading pages, officers' requests: never create state)."""
        return store_path(self.dir).is_file()

    def register(self) -> Store:
        """The store holding the register the case numbers in; the caller closes it.

        In a workspace, numbers left in the case's own store are copied in first (once).
        """
        if self.workspace is None:
            return open_store(self.dir)
        shared = open_store(self.workspace)
        shared.witness = store_path(self.dir).parent / REGISTER_WITNESS  # survives the workspace's own restore
        shared.witnesses = witnesses(self.workspace, self.dir)
        try:
            if store_path(self.dir).is_file():
                with open_store(self.dir) as own:
                    rows = own.register_rows()
                if rows:
                    shared.register_import(self.case.id, rows)
        except BaseException:
            shared.close()
            raise
        return shared

    @property
    def register_base(self) -> Path:
        """Issued files are recorded relative to this folder when inside it."""
        return self.workspace or self.dir

    def entries(self) -> list[Entry]:
        """The register the case numbers in (``register.book``: imported duplicates included).

        Reading never creates a store: a case that never issued anything (the bundled sample, a
        read-only folder) has an empty register, not a new file.
        """
        home = self.workspace or self.dir
        if not store_path(home).parent.exists() and not store_path(self.dir).parent.exists():
            return []  # never any state here; a lost store (state folder left) is refused by open_store
        with self.register() as reg:
            return book(reg)

    def dispatch_entry(self, entries: list[Entry] | None = None) -> Entry | None:
        """The register entry of this case's issued dispatch, or None while it is a draft."""
        return dispatch_entry(self.case, self.entries() if entries is None else entries)

    def citation(self) -> tuple[str, str]:
        """(``Công văn số 01/UBND-VP``, ``ngày 08 tháng 01 năm 2026``); ``…`` where a draft has none."""
        return dispatch_citation(self.case, self.dispatch_entry())

    def issue(self, doc: Document, out: Path, render: Callable[[int, dt.date, Path], Path], day: dt.date,
              reissue: bool = False, reason: str | None = None) -> tuple[Path, Entry]:
        """Issue ``doc`` through the register (``register.issue``)."""
        with self.register() as reg:
            return issue(reg, doc, Path(out), render, day, self.register_base, reissue, reason)

    def void(self, year: int, number: int, reason: str) -> Entry:
        """Void ``number`` of ``year`` in the register (refuses unknown numbers, empty reasons)."""
        reason = nfc(reason or "").strip()
        if not reason:  # checked before opening: a refused command leaves no trace
            raise StoreError(t("register_void_no_reason"))
        with self.register() as reg:
            return void(reg, agency_key(self.case), year, number, reason)

    def document(self, key: str, record: Dispatch, texts: list[str]) -> Document:
        """What the register records of ``record`` (an ND30 document of this case) when issued."""
        case = self.case
        return Document(case_id=case.id, key=key, agency=agency_key(case),
                        symbol=symbol_for(case.agency, record.type, record.unit), subject=record.subject,
                        signer=case.signers[record.signer].name, texts=tuple(texts))

    def write(self, doc: Document, out: str | Path, render: Callable[[int | None, dt.date | None, Path], Path],
              issuing: Issuing | None) -> Path:
        """Write a draft (``render(None, None, out)``, never over an issued file), or issue ``doc``.

        Issued: ``issuing.entry`` is set to the register entry.
        """
        if issuing is None:
            self.refuse_overwriting_issued(out)
            return render(None, None, Path(out))
        written, issuing.entry = self.issue(doc, Path(out), render, issuing.day, issuing.reissue, issuing.reason)
        return written

    def refuse_overwriting_issued(self, out: str | Path) -> None:
        """A draft is never written over a file the register records as issued."""
        out = Path(out)
        if not out.exists():
            return
        target = out.resolve()
        for e in self.entries():
            if e.status == "issued" and e.file and (self.register_base / e.file).resolve() == target:
                raise OutputError(f"{out}: " + t("issue_overwrite_issued", number=e.number_text))


def dispatch_entry(case: Case, entries: list[Entry]) -> Entry | None:
    """The latest issued entry of ``case``'s dispatch.

    Matched by case id and document key; entries written before issue 10 (no key) are matched as
    before, by ký hiệu and trích yếu.
    """
    d = case.dispatch
    symbol = symbol_for(case.agency, d.type, d.unit)
    mine = [e for e in entries if e.status == "issued" and (
        (e.case_id == case.id and e.doc_key == DISPATCH_KEY)
        or (e.doc_key is None and e.case_id in (None, case.id) and e.symbol == symbol and e.subject == d.subject))]
    return mine[-1] if mine else None


def open_case(case_dir: str | Path) -> OpenedCase:
    """Load the case at ``case_dir`` and find its register."""
    return OpenedCase.of(load_case(case_dir), case_dir)


def workspace_entries(folder: str | Path) -> list[Entry]:
    """The agency register of a workspace folder (``register WORKSPACE``), every case's numbers."""
    folder = Path(folder)
    if not store_path(folder).parent.exists():
        return []
    with open_store(folder) as reg:
        if is_workspace(folder):
            reg.witnesses = witnesses(folder)
        return book(reg)


def witnesses(workspace: Path, *cases: Path) -> tuple[Path, ...]:
    """Each case's copy of the numbers it took from the workspace's book (``REGISTER_WITNESS``).

    Why: restoring the workspace's whole ``.dispatch-gen/`` folder takes its journal back with the
    store; the copies kept in the case folders (the cases inside it, and ``cases`` kept elsewhere)
    still list every number handed out.
    """
    try:
        subs = [p for p in Path(workspace).iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        subs = []
    found = [store_path(p).parent / REGISTER_WITNESS for p in (*subs, *cases)]
    return tuple(dict.fromkeys(p for p in found if p.is_file()))


def create_workspace(folder: str | Path) -> tuple[Path, dict[str, int]]:
    """Make ``folder`` a workspace (idempotent) and bring in the registers of the cases inside it.

    Returns the folder and, per case folder found, how many numbers were copied in. A sub-folder
    that is not a loadable case is skipped (it may be anything the clerk keeps there).
    """
    folder = ensure_dir(Path(folder))
    write_new(inside(folder, WORKSPACE_FILE), (_WORKSPACE_NOTE + "{}\n").encode("utf-8"))
    with open_store(folder):
        pass  # the register exists from now on, even before the first number
    imported: dict[str, int] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and (p / CASE_FILE).is_file()):
        if not store_path(sub).is_file():
            continue
        try:
            opened = open_case(sub)
        except RecordError:
            continue
        if opened.workspace is None or opened.workspace.resolve() != folder.resolve():
            continue
        with open_store(sub) as own:
            rows = own.register_rows()
        with open_store(folder) as shared:
            imported[sub.name] = shared.register_import(opened.case.id, rows)
    return folder, imported

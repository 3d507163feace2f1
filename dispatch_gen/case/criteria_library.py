"""The criteria sets shipped with the program (``criteria_sets/*.yaml``): schema, loading, choice.

Why a library: national sets change by decision (318/QĐ-TTg for 2021–2025, 51/2025/QĐ-TTg from
15/02/2026), not by commune, so a case names the set it uses instead of copying it. Each file carries
its legal basis, validity period, structure and the verification status of every item, because much
of the official wording and most thresholds could not be checked: an item is unverified unless its
file says ``verified: true``, and nothing unverified reaches a form without a mark. Requirements may
differ by region (2021–2025) or by commune group (2026–2030): ``resolve`` picks the ones of the case.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ..errors import RecordError
from ..messages import t
from ..text import slugify
from .models import CriteriaSet, Criterion, CriterionGroup, Indicator, Model
from .sources import Collector, read_yaml

LIBRARY_DIR = Path(__file__).resolve().parent.parent / "criteria_sets"  # package data, beside the sub-packages


class Target(Model):
    """A region (2021–2025) or commune group (2026–2030) with its own requirements."""

    code: str
    name: str
    description: str = ""
    verified: bool = False


class LibraryIndicator(Model):
    """A shipped chỉ tiêu: ``requirement`` for every commune, or ``targets`` per region/group."""

    code: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.]*$")
    text: str
    requirement: str | None = None
    targets: dict[str, str] = {}
    verified: bool = False


class LibraryCriterion(Model):
    """A shipped tiêu chí; ``dossier`` is the proposed checklist ``init`` copies into a new case."""

    code: str = Field(pattern=r"^[0-9A-Za-z]+$")
    name: str
    verified: bool = False
    indicators: list[LibraryIndicator] = []
    dossier: list[str] = []


class LibraryGroup(Model):
    """A group of criteria (I–V of 318), led by one director in the sample's organisation."""

    code: str
    name: str
    criteria: list[str] = Field(min_length=1)
    verified: bool = False


class LibrarySet(Model):
    """One shipped set: what it is, when it applies, what it holds, and how sure we are of it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    level: Literal["commune", "village"]
    status: Literal["official", "placeholder"]
    name: str
    basis: str
    annex: str  # where the clerk finds the official wording: "Phụ lục I của Quyết định 51/2025/QĐ-TTg"
    signed: dt.date
    valid_from: dt.date
    valid_to: dt.date | None = None
    indicator_count: int | None = Field(default=None, ge=0)  # the official count
    targets_by: Literal["region", "commune_group"] | None = None
    targets: list[Target] = []
    groups: list[LibraryGroup] = []
    criteria: list[LibraryCriterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> LibrarySet:
        codes = [c.code for c in self.criteria]
        indicators = [i for c in self.criteria for i in c.indicators]
        target_codes = [t.code for t in self.targets]
        problems = []
        problems += [f"criterion {c} twice" for c in sorted({c for c in codes if codes.count(c) > 1})]
        ind_codes = [i.code for i in indicators]
        problems += [f"indicator {c} twice" for c in sorted({c for c in ind_codes if ind_codes.count(c) > 1})]
        if self.valid_to and self.valid_to < self.valid_from:
            problems.append("valid_to before valid_from")
        if bool(self.targets_by) != bool(self.targets):
            problems.append("targets_by and targets go together")
        if len(set(target_codes)) != len(target_codes):
            problems.append("a target code twice")
        grouped = [code for g in self.groups for code in g.criteria]
        problems += [f"group names unknown criterion {c}" for c in grouped if c not in codes]
        problems += [f"criterion {c} in two groups" for c in sorted({c for c in grouped if grouped.count(c) > 1})]
        problems += [f"indicator {i.code}: unknown target {k}" for i in indicators for k in i.targets
                     if k not in target_codes]
        if indicators and self.indicator_count is not None and len(indicators) != self.indicator_count:
            problems.append(f"{len(indicators)} indicators, the official count is {self.indicator_count}")
        if self.status == "placeholder" and any(c.verified for c in self.criteria):
            problems.append("a placeholder set cannot have verified criteria")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def target(self, ref: str | None) -> Target | None:
        """The region or group named ``ref`` by code or by name (``Bắc Trung Bộ`` = ``bac-trung-bo``)."""
        if not ref:
            return None
        key = slugify(ref)
        return next((t for t in self.targets if key in (t.code, slugify(t.name), slugify(t.code))), None)

    @property
    def indicators_pending(self) -> bool:
        """True while the official indicators are not shipped: the commune types them."""
        return bool(self.indicator_count) and not any(c.indicators for c in self.criteria)

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def load_library(directory: Path = LIBRARY_DIR) -> dict[str, LibrarySet]:
    """Every set of ``directory`` by id; ``RecordError`` naming the file when one is malformed.

    The id must equal the file name, so a case's reference finds its file by eye as well.
    """
    out = Collector()
    sets: dict[str, LibrarySet] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = read_yaml(path, f"criteria_sets/{path.name}", out)
        found = out.validate(LibrarySet, data, f"criteria_sets/{path.name}") if data is not None else None
        if found is not None and found.id != path.stem:
            out.add(f"criteria_sets/{path.name}", t("library_id_mismatch", ref=found.id), field="id")
        elif found is not None:
            sets[found.id] = found
    if out.problems:
        raise RecordError(out.problems)
    return sets


@functools.lru_cache(maxsize=1)
def library() -> dict[str, LibrarySet]:
    """The shipped sets (read once per process)."""
    return load_library()


def in_force(level: str, day: dt.date) -> LibrarySet | None:
    """The set of ``level`` in force on ``day``: the latest one whose validity covers it."""
    found = [s for s in library().values() if s.level == level and s.in_force(day)]
    return max(found, key=lambda s: s.valid_from, default=None)


def find_target(lib: LibrarySet, value: str, key: str | None = None) -> tuple[Target | None, str | None]:
    """(target, None), or (None, the clerk's reason) when ``value`` names none of the set's targets.

    ``key`` is the case.yaml entry used (``region`` or ``commune_group``): it must be the set's kind.
    """
    kind = t(f"target_kind.{lib.targets_by}") if lib.targets_by else "—"
    if key is not None and lib.targets_by != key:
        return None, t("criteria_target_kind", ref=lib.id, kind=kind, entry=lib.targets_by or "—")
    found = lib.target(value)
    if found is None:
        return None, t("criteria_target_unknown", ref=lib.id, kind=kind, value=value,
                       known=", ".join(x.name for x in lib.targets))
    return found, None


def target_label(lib: LibrarySet, target: Target) -> str:
    """How a form names the requirements it shows: ``Nhóm 2 (…)`` or ``Vùng Bắc Trung Bộ``."""
    if lib.targets_by == "region":
        return f"Vùng {target.name}"
    return f"{target.name} ({target.description})" if target.description else target.name


def resolve(lib: LibrarySet, target: Target | None = None) -> CriteriaSet:
    """The set as a case uses it: requirements of ``target`` (blank where unknown), marks kept.

    Fresh objects on every call: loading folds leads and dossiers into them.
    """
    def requirement(i: LibraryIndicator) -> str:
        found = i.targets.get(target.code) if target else None
        return found or i.requirement or ""

    criteria = [Criterion(code=c.code, name=c.name, verified=c.verified,
                          indicators=[Indicator(code=i.code, text=i.text, requirement=requirement(i),
                                                verified=i.verified, shipped=True) for i in c.indicators])
                for c in lib.criteria]
    groups = [CriterionGroup(code=g.code, name=g.name, criteria=g.criteria) for g in lib.groups]
    return CriteriaSet(id=lib.id, name=lib.name, basis=lib.basis, placeholder_names=lib.status == "placeholder",
                       groups=groups, criteria=criteria, annex=lib.annex,
                       target=target_label(lib, target) if target else "")

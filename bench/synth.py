"""A synthetic case of N units (villages + the sample's criterion leads and group directors).

The sample case ``data/cam-linh`` has 19 criterion leads and 5 group directors; the rest of the N
units are villages with generated names, each with a party member assigned in turn. Everything else
(dispatch, criteria, dossier, officers) is the sample's, so every form kind is exercised.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cam-linh"
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
_GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quỳnh")


def non_village_units() -> int:
    """Units of the sample other than villages (criterion leads + group directors)."""
    crit = yaml.safe_load((SAMPLE / "criteria.yaml").read_text(encoding="utf-8"))["commune"]
    return len(crit["criteria"]) + len(crit["groups"])


def make_case(units: int, target: Path) -> Path:
    """Copy the sample to ``target`` with villages so the case has ``units`` forms in all."""
    villages = max(1, units - non_village_units())
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".dispatch-gen"))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["code", "name", "head", "party_secretary", "sample"])
    width = max(2, len(str(villages)))
    codes = []
    for i in range(1, villages + 1):
        code = f"thon-{i:0{width}d}"
        codes.append(code)
        head = f"{_SURNAMES[i % 10]} Văn {_GIVEN[i % 12]}"
        secretary = f"{_SURNAMES[(i + 3) % 10]} Thị {_GIVEN[(i + 5) % 12]}"
        out.writerow([code, f"Thôn {i}", head, secretary, "x"])
    (target / "villages.csv").write_text(buf.getvalue(), encoding="utf-8")
    assignments_path = target / "assignments.yaml"
    assignments = yaml.safe_load(assignments_path.read_text(encoding="utf-8"))
    members = sorted(set(assignments["village_party_members"].values()))
    assignments["village_party_members"] = {code: members[i % len(members)] for i, code in enumerate(codes)}
    assignments_path.write_text(yaml.safe_dump(assignments, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def answers_for(spec, seed: int = 0) -> dict:
    """Plausible answers for every field of a form spec (deterministic): what an officer types."""
    import datetime as dt

    out: dict = {}
    for i, f in enumerate(spec.fields):
        k = seed + i
        if f.kind == "dropdown":
            out[f.tag] = f.options[k % len(f.options)]
        elif f.kind == "date":
            out[f.tag] = dt.date(2025, 1 + k % 12, 1 + k % 28)
        elif f.kind == "checkbox":
            out[f.tag] = bool(k % 2)
        elif f.kind == "multiline":
            out[f.tag] = f"Nội dung {k}: hoàn thiện hồ sơ & kiểm tra <đợt {k % 3}>\nDòng thứ hai"
        else:
            out[f.tag] = f"Ban phát triển thôn {k}"
    return out


def fill_forms(case, paths: list[Path], target: Path) -> list[Path]:
    """Copies of ``paths`` filled the way Word saves them (``dispatch_gen.word.fill``), in ``target``."""
    from dispatch_gen.forms.spec import form_specs
    from dispatch_gen.word.fill import fill_like_word
    from dispatch_gen.word.sdt import read_identity

    specs = form_specs(case)
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for i, path in enumerate(paths):
        data = path.read_bytes()
        spec = specs[read_identity(data)["dg.unit"]]
        filled = target / path.name
        filled.write_bytes(fill_like_word(data, answers_for(spec, i)))
        out.append(filled)
    return out

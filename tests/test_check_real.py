"""`check --json` measured on real agency documents against hand labels (shared/real-docs).

Scored per (document, rule) pair exactly as shared/real-docs/README.md says: a rule reported on a
document that really breaks it, through at least one finding that is not a known false finding, is
a true positive; a rule reported on a document that does not break it (and is not marked uncertain),
or any known false finding, is a false positive; a broken rule not reported is a false negative.
The labels are a measurement, not a spec: rules are written from the decree, never per file.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from dispatch_gen.cli import main

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(os.environ.get("DISPATCH_GEN_SHARED", ROOT.parent / "shared")) / "real-docs"
PRECISION_TARGET, RECALL_TARGET = 0.95, 0.90  # issue 12

pytestmark = pytest.mark.skipif(not (REAL / "labels.json").exists(), reason="shared/real-docs is not beside this clone")


def _is_false(finding: dict, patterns: list[dict]) -> bool:
    return any(pat["rule"] == finding["rule"]
               and ("where" not in pat or pat["where"] in finding["where"])
               and ("found" not in pat or pat["found"] in finding["found"]) for pat in patterns)


def score(findings: list[dict], label: dict) -> tuple[set, set, set]:
    """(true positive, false positive, false negative) rule ids of one document."""
    violated, uncertain = set(label["violated"]), set(label.get("uncertain", {}))
    true_rules, false_rules = set(), set()
    for f in findings:
        (false_rules if _is_false(f, label.get("false_findings", [])) else true_rules).add(f["rule"])
    tp = true_rules & violated
    return tp, (true_rules - violated - uncertain) | (false_rules - tp), violated - tp


def _check_json(path: Path, capsys) -> list[dict]:
    try:
        main(["check", "--json", str(path)])
    except SystemExit as exc:
        assert exc.code in (0, 1), f"{path.name}: exit {exc.code}"
    out = capsys.readouterr()
    assert "Traceback" not in out.err, out.err
    data = json.loads(out.out)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads((REAL / "labels.json").read_text(encoding="utf-8"))


def test_precision_and_recall_on_real_documents(labels, capsys):
    rules = set(labels["rules"])
    tp = fp = fn = 0
    lines = []
    for name, label in sorted(labels["files"].items()):
        findings = _check_json(REAL / name, capsys)
        assert {f["rule"] for f in findings} <= rules | {"17.29", "17.30"}, name  # rule ids stay §17 numbers
        assert all(f["where"] and f["found"] and f["required"] for f in findings), name
        t, p, n = score(findings, label)
        tp, fp, fn = tp + len(t), fp + len(p), fn + len(n)
        lines.append(f"{name}: TP {len(t)} FP {sorted(p)} FN {sorted(n)}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
        print(f"real documents: TP {tp} FP {fp} FN {fn}; precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= PRECISION_TARGET and recall >= RECALL_TARGET, (precision, recall)


def test_findings_never_contradict_themselves(labels, capsys):
    """A finding whose found value equals the required one (or differs only in spaces) helps no one."""
    for name in sorted(labels["files"]):
        for f in _check_json(REAL / name, capsys):
            same = [unicodedata.normalize("NFC", " ".join(f[k].split())).strip("«»") for k in ("found", "required")]
            assert same[0] != same[1], (name, f)


def test_kind_recognised_on_real_documents(labels, capsys):
    """Every real document of an ND30 type is recognised as that type (it decides the rules applied)."""
    from dispatch_gen.case.models import DOC_TYPES

    for name, label in sorted(labels["files"].items()):
        want = next((t for t in sorted(DOC_TYPES, key=len, reverse=True) if label["kind"].lower().startswith(t.lower())),
                    None)
        if want is None:
            continue  # a company's request, an internal routing form: not an ND30 type
        try:
            main(["check", str(REAL / name)])
        except SystemExit:
            pass
        out = capsys.readouterr().out
        assert f"{name}: nhận diện là {want}\n" in out, (name, out.splitlines()[:1])

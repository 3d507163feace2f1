"""Fixtures of the sample case and its generated (empty) forms, shared by the collection tests.

Loaded by ``conftest.py`` as a plugin (importing fixtures into a test module would shadow its
parameters); each module generates its own forms once (module scope), so no module sees another's
state, and a module defining a fixture of the same name keeps its own.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from dispatch_gen.case.records import load_case
from dispatch_gen.forms.spec import form_specs
from dispatch_gen.forms.stage import make_forms
from dispatch_gen.word.sdt import read_identity

__all__ = ["blank_forms", "case", "specs"]


@pytest.fixture(scope="module")
def case():
    return load_case(SAMPLE)


@pytest.fixture(scope="module")
def specs(case):
    return form_specs(case)


@pytest.fixture(scope="module")
def blank_forms(case, tmp_path_factory) -> dict[str, bytes]:
    """Unit code → bytes of its generated (empty) form."""
    out = tmp_path_factory.mktemp("forms")
    return {read_identity(data)["dg.unit"]: data for data in (p.read_bytes() for p in make_forms(case, out))}

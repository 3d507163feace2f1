"""Issue 6.3: a Word template that probes Python internals fails with a clear TemplateError.

Each attack is typed into a real .docx template, rendered through ``word.template.render_docx``
(the docxtpl path every document takes) and must raise ``TemplateError`` naming the template,
with nothing written. A clean template next to it renders, so the refusals are the sandbox's.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from dispatch_gen.errors import TemplateError
from dispatch_gen.word import jinja as jinja_module
from dispatch_gen.word.template import render_docx

UNSAFE = "không an toàn"
UNDEFINED = "chưa có giá trị"

ATTACKS = {
    "mro": ("{{ ''.__class__.__mro__ }}", UNSAFE),
    "subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", UNSAFE),
    "attr-filter": ("{{ ''|attr('__class__') }}", UNSAFE),
    "format-walk": ("{{ '{0.__class__.__init__.__globals__}'.format(name) }}", UNSAFE),
    "globals-of-filter": ("{{ name.upper.__self__ }}", UNSAFE),
    "init-globals": ("{{ name.__init__.__globals__ }}", UNSAFE),
    "self-context": ("{{ self._TemplateReference__context }}", UNSAFE),
    "self": ("{{ self }}", UNSAFE),
    "method-repr": ("{{ name.upper }}", UNSAFE),
    "list-mutation": ("{{ items.append(1) }}", UNSAFE),
    "dict-mutation": ("{% set _ = data.update({'a': 1}) %}x", UNSAFE),
    "huge-power": ("{{ 9 ** big }}", UNSAFE),
    "huge-repeat": ("{{ 'x' * big }}", UNSAFE),
    "cycler": ("{{ cycler.__init__.__globals__.os }}", UNSAFE),
    "cycler-call": ("{{ cycler('a', 'b').next() }}", UNDEFINED),
    "joiner": ("{{ joiner.__init__.__globals__ }}", UNSAFE),
    "namespace": ("{% set ns = namespace() %}{{ ns }}", UNDEFINED),
    "lipsum": ("{{ lipsum.__globals__ }}", UNDEFINED),
    "range": ("{{ range(10 ** 9) | list }}", UNDEFINED),
    "config": ("{{ config }}", UNDEFINED),
    "request": ("{{ request.application.__globals__ }}", UNDEFINED),
}
CONTEXT = {"name": "Thôn 1", "items": [1, 2], "data": {"k": "v"}, "big": 10**6}


def _template(folder: Path, name: str, body: str) -> Path:
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN")
    d.add_paragraph(body)
    path = folder / f"{name}.docx"
    d.save(path)
    return path


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_fails_with_a_clear_template_error(tmp_path, name):
    body, expected = ATTACKS[name]
    path = _template(tmp_path, f"tan-cong-{name}", body)
    out = tmp_path / "out" / "ket-qua.docx"
    with pytest.raises(TemplateError) as err:
        render_docx(path, CONTEXT, out)
    message = str(err.value)
    assert f"tan-cong-{name}.docx" in message and expected in message, message
    assert "\n" not in message and "Traceback" not in message
    assert not out.exists() and not list(out.parent.glob(".ket-qua*"))


def test_clean_template_renders_data(tmp_path):
    """The same path renders plain data: the refusals above come from the sandbox, not a broken setup."""
    path = _template(tmp_path, "sach", "{{ name|upper_vi }} – {{ items|length }} – {{ 'ab' * 2 }} – {{ 2 ** 10 }}")
    out = render_docx(path, CONTEXT, tmp_path / "ok.docx")
    assert "THÔN 1 – 2 – abab – 1024" in [p.text for p in docx.Document(out).paragraphs]


def test_environment_is_the_immutable_sandbox():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = jinja_module.environment()
    assert isinstance(env, ImmutableSandboxedEnvironment) and env.autoescape
    assert not {"cycler", "joiner", "namespace", "lipsum", "range"} & set(env.globals)

"""The documentation covers the public API and the command line."""

from __future__ import annotations

import re
from pathlib import Path

import ctocmodel
from ctocmodel.cli import build_parser

DOCS = Path(__file__).parents[1] / "docs"


def test_every_public_name_is_in_the_api_reference() -> None:
    """Each name of ctocmodel.__all__ is documented in docs/reference/api.md."""
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"ctocmodel\.([A-Za-z_][A-Za-z0-9_]*)", page))
    assert sorted(set(ctocmodel.__all__) - documented) == []


def test_every_command_is_in_the_generated_cli_reference() -> None:
    """The generated CLI reference has a section for each command, with exit codes."""
    import sys

    sys.path.insert(0, str(DOCS))
    try:
        import _generate
    finally:
        sys.path.remove(str(DOCS))
    page = _generate.cli_reference()
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"## ctocmodel {command}" in page
    assert "## Exit codes" in page


def test_every_record_is_in_the_generated_format_reference() -> None:
    """The generated format reference has a section per record of the JSON Schema."""
    import sys

    sys.path.insert(0, str(DOCS))
    try:
        import _generate
    finally:
        sys.path.remove(str(DOCS))
    page = _generate.format_reference()
    records = [n for n in ctocmodel.json_schema()["$defs"] if n[0].isupper()]
    for record in records:
        assert f"## {record}" in page


def test_every_python_example_is_a_doctest() -> None:
    """Every Python example of the docs is written with >>> prompts, so the suite runs it."""
    pages = [DOCS.parent / "README.md", *sorted(DOCS.rglob("*.md"))]
    unrun = [
        page.name
        for page in pages
        for block in re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
        if ">>>" not in block
    ]
    assert unrun == []

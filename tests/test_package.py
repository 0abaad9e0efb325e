"""The package surface: lazy exports, version, shipped data files and a light CLI start."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import ctocmodel


def _export_order(name: str) -> tuple[int, str]:
    """The isort-style order of ruff's RUF022: CONSTANTS, then Classes, then the rest."""
    if name.isupper():
        return 0, name
    if name[0].isupper():
        return 1, name
    return 2, name


def test_all_is_sorted() -> None:
    """__all__ lists constants, then classes, then functions and modules, each alphabetically."""
    assert ctocmodel.__all__ == sorted(ctocmodel.__all__, key=_export_order)
    assert len(set(ctocmodel.__all__)) == len(ctocmodel.__all__)
    assert ctocmodel.__all__[0] == "BUILTIN_ROUTES"


@pytest.mark.parametrize("name", ctocmodel.__all__)
def test_every_exported_name_is_importable(name: str) -> None:
    """Each name of __all__ resolves through getattr, and `from ctocmodel import name` agrees."""
    value = getattr(ctocmodel, name)
    assert value is not None
    namespace: dict[str, object] = {}
    exec(f"from ctocmodel import {name}", namespace)
    assert namespace[name] is value


def test_exported_modules_are_the_submodules() -> None:
    """examples and testing are the subpackages, not other objects of the same name."""
    assert isinstance(ctocmodel.examples, types.ModuleType)
    assert ctocmodel.examples.__name__ == "ctocmodel.examples"
    assert isinstance(ctocmodel.testing, types.ModuleType)
    assert ctocmodel.testing.__name__ == "ctocmodel.testing"


def test_exported_objects_come_from_their_homes() -> None:
    """Lazy exports are the very objects of the modules that define them."""
    from ctocmodel import _io, _model, _summary, converters, errors

    assert ctocmodel.loads is _io.loads
    assert ctocmodel.Dataset is _model.Dataset
    assert ctocmodel.summarize is _summary.summarize
    assert ctocmodel.make_converter is converters.make_converter
    assert ctocmodel.ValidationError is errors.ValidationError


def test_dir_lists_every_export_and_version() -> None:
    """dir(ctocmodel) lists every name of __all__ and __version__."""
    listed = dir(ctocmodel)
    assert [name for name in ctocmodel.__all__ if name not in listed] == []
    assert "__version__" in listed


def test_star_import_gives_exactly_all() -> None:
    """`from ctocmodel import *` binds exactly the names of __all__."""
    namespace: dict[str, object] = {}
    exec("from ctocmodel import *", namespace)
    namespace.pop("__builtins__")
    assert sorted(namespace) == sorted(ctocmodel.__all__)


def test_unknown_attribute_raises_attribute_error() -> None:
    """An unknown name raises AttributeError naming the module and the attribute."""
    with pytest.raises(AttributeError, match="module 'ctocmodel' has no attribute 'no_such_name'"):
        ctocmodel.no_such_name  # noqa: B018


def test_private_helper_is_not_exported() -> None:
    """A name that exists in a submodule but is not in __all__ is not reachable lazily."""
    with pytest.raises(AttributeError):
        ctocmodel.parse_json  # noqa: B018
    assert not hasattr(ctocmodel, "write_atomically")


def test_version_is_package_metadata() -> None:
    """ctocmodel.__version__ is the installed distribution's version."""
    assert ctocmodel.__version__ == importlib.metadata.version("ctocmodel")


def test_ships_py_typed_marker() -> None:
    """The package ships the PEP 561 py.typed marker (an empty file)."""
    marker = importlib.resources.files("ctocmodel") / "py.typed"
    assert marker.is_file()
    assert marker.read_bytes().strip() == b""


def test_ships_cop7_json() -> None:
    """The package ships examples/cop7.json, a JSON object of the current schema version."""
    data = importlib.resources.files("ctocmodel.examples") / "cop7.json"
    assert data.is_file()
    document = json.loads(data.read_text(encoding="utf-8"))
    assert document["schema_version"] == ctocmodel.SCHEMA_VERSION == "1.1"
    assert document["conferences"][0]["sessions"][0]["number"] == 7


_PROBE = """
import sys
import ctocmodel.cli
try:
    ctocmodel.cli.main(["--version"])
except SystemExit as exit:
    code = exit.code
print(code, "cattrs" in sys.modules, "attrs" in sys.modules, "ctocmodel._model" in sys.modules)
"""


def test_cli_version_does_not_import_cattrs() -> None:
    """In a fresh process, ctocmodel --version runs without importing cattrs, attrs or the model."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    version = importlib.metadata.version("ctocmodel")
    assert result.stdout == f"ctocmodel {version}\n0 False False False\n"


def test_type_checkers_see_exactly_all() -> None:
    """The imports type checkers read in ctocmodel/__init__.py name exactly __all__."""
    import ast

    source = importlib.resources.files("ctocmodel").joinpath("__init__.py").read_text()
    block = next(
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    imported = {
        alias.asname or alias.name
        for node in ast.walk(block)
        if isinstance(node, ast.ImportFrom) and node.module not in ("typing",)
        for alias in node.names
    }
    assert imported == set(ctocmodel.__all__)


def test_modules_reach_no_private_name_of_another() -> None:
    """No module of the package imports another module's underscored names."""
    import ast

    root = importlib.resources.files("ctocmodel")
    offenders = []
    for path in sorted(Path(str(root)).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level > 0 and node.module:
                offenders += [
                    f"{path.name}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert offenders == []


def test_exported_tables_are_read_only() -> None:
    """The tables the package exports cannot be changed by the programs that import it."""
    with pytest.raises(TypeError):
        ctocmodel.MEETING_TYPES["workshop"] = ctocmodel.SideEvent  # type: ignore[index]
    with pytest.raises(TypeError):
        ctocmodel.BUILTIN_TOPICS["x"] = None  # type: ignore[index]
    assert isinstance(ctocmodel.UN_LANGUAGES, tuple)

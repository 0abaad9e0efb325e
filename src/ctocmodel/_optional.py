"""Optional dependencies: imported when a feature needs them, with a clear message if missing."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .errors import MissingDependencyError


def require(module: str, *, package: str, extra: str, feature: str) -> ModuleType:
    """Import *module*, or raise `MissingDependencyError` naming the extra that provides it."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingDependencyError(feature, package, extra) from None

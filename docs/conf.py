"""Sphinx configuration: MyST Markdown pages, autodoc for the API, the furo theme.

The format and command-line references are generated from the model, the JSON Schema
and the argument parser on every build (`_generate.py`), so they cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import _generate

import ctocmodel

_generate.write_all(Path(__file__).parent / "reference" / "generated")

project = "ctocmodel"
author = "The ctocmodel developers"
copyright = "2026, the ctocmodel developers"
release = ctocmodel.__version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "README.md"]
default_role = "py:obj"

# The meeting classes have an attribute named `type`: Sphinx then finds several targets
# for the builtin `type` of a signature (`records(cls: type[T])`) and warns, which -W
# makes an error; the builtin is meant, and nothing links there anyway.
suppress_warnings = ["ref.python"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}


html_theme = "furo"
html_title = f"ctocmodel {release}"

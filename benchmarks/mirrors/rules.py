"""What both mirrors share: their fields, types and rules, read from ctocmodel's declarations.

A mirror is another library's classes for the same JSON format, generated from
`ctocmodel._model.specs`: each class has the fields of the ctocmodel class of the same
name. The mirror's own type system checks what it can express (`NATIVE_KINDS`: types,
required and unknown keys, id and language-tag patterns, choices, bounds); `checker`
makes the function that applies the rest, ctocmodel's own checks of each kind of value
and its own rules (`rules_of`), and, for the dataset, its checks of the whole document
(through `declare_like`). So every contender runs literally the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

import ctocmodel
from ctocmodel._model import Dataset, specs
from ctocmodel._model._checks import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    IDENTIFIER_SCHEME_PATTERN,
)
from ctocmodel._model._countries import COUNTRY_CODES
from ctocmodel._model._record import FieldSpec, declare_like, rules_of
from ctocmodel.schema import CANONICAL_LANGUAGE_TAG_PATTERN as LANGUAGE_TAG_PATTERN

__all__ = [
    "IDENTIFIER_SCHEME_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "LANGUAGE_TAG_PATTERN",
    "NATIVE_KINDS",
    "CountryCode",
    "checker",
    "python_re",
    "record_classes",
    "sorted_specs",
]

# The kinds of value both mirrors check natively; ctocmodel checks the others.
NATIVE_KINDS = frozenset(
    {"id", "languageTag", "scheme", "country", "choice", "tag", "integer", "date"}
)

# ISO 3166-1 alpha-2, as a list of choices both libraries check natively.
CountryCode = Literal[tuple(sorted(COUNTRY_CODES))]  # type: ignore[valid-type]


def python_re(pattern: str) -> str:
    r"""Adapt an anchored pattern to Python's re.search: ``$`` also matches before a final newline.

    >>> python_re("^a$")
    '^a\\Z'
    """
    return pattern.removesuffix("$") + r"\Z"


def record_classes() -> Iterator[type]:
    """The ctocmodel record classes a document holds, each after the records it holds."""
    done: list[type] = []

    def visit(cls: type) -> Iterator[type]:
        for spec in specs(cls):
            for inner in spec.records:
                if inner not in done:
                    yield from visit(inner)
        if cls not in done:
            done.append(cls)
            yield cls

    yield from visit(Dataset)


def required(spec: FieldSpec) -> bool:
    """Whether a document must give the field (some have defaults in Python only)."""
    return spec.required or spec.required_in_json


def sorted_specs(cls: type) -> list[FieldSpec]:
    """The fields of *cls* in alphabetical order: the canonical form's order of keys."""
    return sorted(specs(cls), key=lambda spec: spec.name)


def _by_kind(spec: FieldSpec) -> bool:
    # Nested records are the mirror's own classes, checked when they are built.
    return not spec.records and spec.kind.name not in NATIVE_KINDS


def checker(model: type, mirror: type) -> Callable[[Any], None]:
    """The function that applies to a *mirror* record what its type system cannot express.

    It raises `ValueError` with ctocmodel's messages; msgspec and pydantic turn that
    into their own validation errors.
    """
    declare_like(mirror, model)
    fields = [
        spec
        for spec in specs(model)
        if _by_kind(spec) or (spec.many and (spec.unique or spec.target is not None))
    ]
    rules = rules_of(model)

    def check(record: Any) -> None:
        found: list[tuple[str, str]] = []
        for spec in fields:
            value = getattr(record, spec.name)
            if value is None:
                continue
            if not spec.many:
                found += [(f"/{spec.name}{p}", m) for p, m in spec.kind.check(value) or ()]
                continue
            seen: set[object] = set()
            for index, item in enumerate(value):
                if _by_kind(spec):
                    problems = spec.kind.check(item) or ()
                    found += [(f"/{spec.name}/{index}{p}", m) for p, m in problems]
                if spec.unique or spec.target is not None:
                    if item in seen:
                        found.append((f"/{spec.name}/{index}", f"{item!r} is listed twice"))
                    seen.add(item)
        if not found:
            for rule in rules:
                if rule.verdict is not None and rule.verdict(record):
                    continue
                found += rule.problems(record)
        if found:
            raise ValueError("; ".join(f"{path}: {message}" for path, message in found))

    return check


def text_tags_sorted(text: dict[str, str]) -> dict[str, str]:
    """Multilingual text with its tags in order, so that a mirror writes it canonically."""
    tags = list(text)
    return text if tags == sorted(tags) else {tag: text[tag] for tag in sorted(tags)}


def tag_of(cls: type) -> str | None:
    """The ``type`` of a meeting class, or None for other records."""
    return getattr(cls, "TAG", None) if cls in ctocmodel.MEETING_TYPES.values() else None

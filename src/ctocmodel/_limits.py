"""Limits on the size and nesting of the documents ctocmodel reads.

Hostile or broken input must cost bounded time and memory and end in a
`ValidationError`. `Limits` bounds a document's size in bytes, which bounds
everything else (no string or array can be longer than the document), the nesting
of its arrays and objects, and the number of problems collected before reading
stops. The defaults never refuse a real dataset; `Limits.none()` lifts every limit.

>>> Limits().max_depth
64
>>> Limits(max_bytes=10_000_000).max_bytes
10000000
>>> Limits.none().max_problems is None
True
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from .errors import Problem, ValidationError, pointer

__all__ = ["DEFAULT_LIMITS", "Limits"]


def _limit(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be an integer or None, got {value!r}")
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1 (or None for no limit), got {value}")


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds on what `ctocmodel.loads` and the other readers accept; None lifts one.

    - *max_bytes*: the size of the document in bytes (UTF-8); for JSON Lines, of each line.
    - *max_depth*: how deeply arrays and objects nest; the document itself is level 1.
      Valid documents of schema 1.0 nest 10 levels at most.
    - *max_problems*: the problems collected before checking stops; the report then
      says so. It bounds the memory an invalid document can make ctocmodel use.

    A document over a limit is refused with a `ValidationError` that names the limit.
    The defaults are far above any real dataset.

    >>> Limits(max_bytes=0)
    Traceback (most recent call last):
    ...
    ValueError: max_bytes must be at least 1 (or None for no limit), got 0
    """

    max_bytes: int | None = attrs.field(default=512_000_000, validator=_limit)
    max_depth: int | None = attrs.field(default=64, validator=_limit)
    max_problems: int | None = attrs.field(default=1_000, validator=_limit)

    @classmethod
    def none(cls) -> Limits:
        """No limit at all: for trusted input only.

        Nesting deeper than Python's parser can follow (about a thousand levels) is
        still refused, with a `ValidationError`.
        """
        return cls(max_bytes=None, max_depth=None, max_problems=None)


DEFAULT_LIMITS = Limits()
"""The limits used when none are given."""


def resolve(limits: Limits | None) -> Limits:
    """*limits*, or the defaults for None; a TypeError for anything else."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise TypeError(f"expected limits=Limits(...) or None, got {type(limits).__name__}")
    return limits


def _megabytes(size: int) -> str:
    if size >= 10_000_000:
        return f"{size / 1e6:,.0f} MB"
    return f"{size / 1e6:,.1f} MB" if size >= 1_000_000 else f"{size / 1e3:,.1f} kB"


def size_problem(
    size: int, limit: int, *, what: str = "the document", at_least: bool = False
) -> str:
    """The message for a document over *limit* bytes.

    >>> first, hint = size_problem(612_431_002, 512_000_000).split("; ")
    >>> first
    'the document is 612,431,002 bytes (612 MB), over the limit of 512,000,000 bytes (512 MB)'
    >>> hint
    'pass limits=Limits(max_bytes=...) to read it'
    """
    more = "at least " if at_least else ""
    return (
        f"{what} is {more}{size:,} bytes ({more}{_megabytes(size)}), over the limit of "
        f"{limit:,} bytes ({_megabytes(limit)}); pass limits=Limits(max_bytes=...) to read it"
    )


# No dataset holds more than one array or object per 10 bytes or so (the densest,
# texts such as {"en":"x"} in a list, take 11). Reading builds a Python object of 56
# to 90 bytes for each, so a document made of little else, such as arrays nested in
# arrays, would take 45 times its size in memory. Refusing documents with more than
# one per BYTES_PER_CONTAINER bytes keeps memory within about 27 times the size
# (measured by benchmarks/hostile.py), so that max_bytes bounds memory too. Below
# DENSE_FROM_BYTES a document costs little whatever its shape, and other limits (depth)
# say better what is wrong with it.
BYTES_PER_CONTAINER = 4
DENSE_FROM_BYTES = 1_000_000


def check_size(data: bytes | bytearray, limits: Limits) -> None:
    """Refuse *data* over the size limit, or denser in arrays and objects than a dataset."""
    size = len(data)
    if limits.max_bytes is None:
        return
    if size > limits.max_bytes:
        raise ValidationError([Problem(path="", message=size_problem(size, limits.max_bytes))])
    if size < DENSE_FROM_BYTES:
        return
    brackets = data.count(b"[") + data.count(b"{")  # those in strings too: an upper bound
    if brackets * BYTES_PER_CONTAINER > size:
        containers = _brackets(bytes(data)).count(b"[")
        if containers * BYTES_PER_CONTAINER > size:
            raise ValidationError(
                [
                    Problem(
                        path="",
                        message=f"the document holds {containers:,} arrays and objects in "
                        f"{size:,} bytes, more than one per {BYTES_PER_CONTAINER} bytes, which "
                        "no dataset has (reading it would take far more memory than its size); "
                        "pass limits=Limits(max_bytes=None) to read it anyway",
                    )
                ]
            )


# Nesting is found from the brackets outside strings, by scans that run in C. Hiding
# escaped backslashes, then escaped quotes, left to right, is exact for valid JSON:
# what remains of `"` are the quotes that open and close strings.
_NOT_STRUCTURE = bytes(range(256)).translate(None, b'"[]{}')
_ONE_KIND_OF_BRACKET = bytes.maketrans(b"{}", b"[]")


def _brackets(data: bytes) -> bytes:
    """The brackets of *data* outside strings, in order, all written ``[`` and ``]``."""
    if b"\\" in data:
        data = data.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    marks = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in marks:  # strings holding brackets (few): drop what is between quotes
        marks = b"".join(marks.split(b'"')[::2])
    return marks.translate(_ONE_KIND_OF_BRACKET)


def too_deep(data: bytes, limits: Limits) -> bool:
    """Whether the arrays and objects of *data* may nest deeper than ``limits.max_depth``.

    Each pass removes every innermost pair of brackets, one level. Brackets that
    cannot be removed (in a document that is not well formed) count as nesting.
    """
    limit = limits.max_depth
    if limit is None or data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = _brackets(data)
    for passes in range(limit + 1):
        if not brackets:
            return False
        reduced = brackets.replace(b"[]", b"")
        if len(reduced) == len(brackets):  # only unmatched brackets are left: ]]]...[[[
            return passes + reduced.count(b"[") > limit
        brackets = reduced
    return True


def depth_problem(parsed: object, limit: int) -> Problem:
    """The problem of a document nested deeper than *limit*, saying where (when parsed)."""
    where = ""
    stack: list[tuple[object, int, tuple[str | int, ...]]] = [(parsed, 1, ())]
    while stack:
        node, depth, path = stack.pop()
        if depth > limit and isinstance(node, dict | list):
            where = f" at {pointer(*path)}"
            break
        if isinstance(node, dict):
            stack += [(value, depth + 1, (*path, key)) for key, value in node.items()]
        elif isinstance(node, list):
            stack += [(value, depth + 1, (*path, index)) for index, value in enumerate(node)]
    return Problem(
        path="",
        message="the document is nested too deeply: arrays and objects nest more than the "
        f"limit of {limit} levels{where}; pass limits=Limits(max_depth=...) to read it",
    )


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


@cache
def model_depth() -> int:
    """How deeply arrays and objects nest in a valid document, the dataset being level 1.

    >>> model_depth()
    10
    """
    from ._model import MEETING_TYPES, Dataset, Meeting

    def depth(tp: Any, seen: frozenset[type]) -> int:
        if tp is Meeting:
            return max(depth(cls, seen) for cls in MEETING_TYPES.values())
        if isinstance(tp, type) and attrs.has(tp):
            if tp in seen:
                raise RecursionError(f"{tp.__name__} contains itself: its depth has no bound")
            hints = get_type_hints(tp)
            inner = [depth(hints[field.name], seen | {tp}) for field in attrs.fields(tp)]
            return 1 + max(inner, default=0)
        origin, args = get_origin(tp), get_args(tp)
        if _is_union(tp):
            return max(depth(arg, seen) for arg in args)
        if origin is tuple:
            return 1 + max(depth(arg, seen) for arg in args if arg is not Ellipsis)
        if origin in (dict, Mapping) or (isinstance(origin, type) and issubclass(origin, Mapping)):
            return 1 + depth(args[1], seen)
        return 0

    return depth(Dataset, frozenset())

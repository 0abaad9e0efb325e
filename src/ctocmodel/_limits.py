"""Limits on the size and shape of the documents ctocmodel reads.

Hostile or broken input must cost bounded time and memory and end in a
`ValidationError`. `Limits` bounds a document's size in bytes, the nesting of its
arrays and objects, the length of one string and of one array or object, and the
number of problems collected before reading stops. The defaults never refuse a real
dataset; `Limits.none()` lifts every limit.

>>> Limits().max_depth
64
>>> Limits(max_bytes=10_000_000).max_bytes
10000000
>>> Limits.none().max_string is None
True

The checks are arranged so that the fast path (a canonical document read by msgspec)
pays for none of them at ordinary sizes: each starts with a comparison of the
document's length with the limit, and at larger sizes uses scans that run in C.
Only when those scans cannot rule a limit out does `locate` walk the document's
tokens in Python, to find where the limit is passed and report it there.
"""

from __future__ import annotations

import json
import re
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
    - *max_string*: the characters of one string, object keys included.
    - *max_items*: the elements of one array, or the members of one object.
    - *max_problems*: the problems collected before checking stops; the report then
      says so. It bounds the memory an invalid document can make ctocmodel use.

    A document over a limit is refused with a `ValidationError` that names the limit,
    located where the limit is passed (nesting at the root, its message giving the
    path). The defaults are far above any real dataset.

    >>> Limits(max_bytes=0)
    Traceback (most recent call last):
    ...
    ValueError: max_bytes must be at least 1 (or None for no limit), got 0
    """

    max_bytes: int | None = attrs.field(default=512_000_000, validator=_limit)
    max_depth: int | None = attrs.field(default=64, validator=_limit)
    max_string: int | None = attrs.field(default=1_000_000, validator=_limit)
    max_items: int | None = attrs.field(default=100_000_000, validator=_limit)
    max_problems: int | None = attrs.field(default=1_000, validator=_limit)

    @classmethod
    def none(cls) -> Limits:
        """No limit at all: for trusted input only.

        Nesting deeper than Python's parser can follow (about a thousand levels) is
        still refused, with a `ValidationError`.
        """
        return cls(
            max_bytes=None, max_depth=None, max_string=None, max_items=None, max_problems=None
        )


DEFAULT_LIMITS = Limits()
"""The limits used when none are given."""


def resolve(limits: Limits | None) -> Limits:
    """*limits*, or the defaults for None; a TypeError for anything else."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise TypeError(f"expected limits=Limits(...) or None, got {type(limits).__name__}")
    return limits


def _refusal(path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path=path, message=message)])


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


def check_size(size: int, limits: Limits) -> None:
    """Refuse a document of *size* bytes over the size limit."""
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise _refusal("", size_problem(size, limits.max_bytes))


# ---------------------------------------------------------------------------------------
# Cheap scans. Each answers "can this limit be passed?", never wrongly "no"; a "yes"
# sends the document to `locate`, which is exact.

# Two-byte sequences that hide a quote or backslash from a search for string
# boundaries. Replacing them left to right, escaped backslashes first, is exact for
# valid JSON: what remains of `"` are the quotes that open and close strings.
_ESCAPED_BACKSLASH = b"\\\\"
_ESCAPED_QUOTE = b'\\"'
_NOT_STRUCTURE = bytes(range(256)).translate(None, b'"[]{},')
_ONE_KIND_OF_BRACKET = bytes.maketrans(b"{}", b"[]")
_LONGEST_ESCAPE_RUN = 64
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def _unescaped(data: bytes) -> bytes:
    """*data* with escaped quotes and backslashes hidden: its quotes open and close strings."""
    if b"\\" not in data:
        return data
    return data.replace(_ESCAPED_BACKSLASH, b"__").replace(_ESCAPED_QUOTE, b"__")


def _skeleton(data: bytes) -> bytes:
    """The brackets and commas of *data* that are outside strings, in order."""
    # Quotes, brackets and commas only; then drop adjacent quotes, which leaves quoted
    # only the strings that hold brackets or commas (few), and drop those.
    marks = _unescaped(data).translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in marks:
        marks = b"".join(marks.split(b'"')[::2])
    return marks


def _too_deep(skeleton: bytes, limit: int) -> bool:
    """Whether the brackets of *skeleton* may nest more than *limit* levels.

    Each pass removes every innermost pair of brackets, one level, in C. Whatever
    cannot be removed (in a document that is not well formed) counts as nesting.
    """
    brackets = skeleton.translate(_ONE_KIND_OF_BRACKET, b",")
    for passes in range(limit + 1):
        if not brackets:
            return False
        reduced = brackets.replace(b"[]", b"")
        if len(reduced) == len(brackets):  # only unmatched brackets are left: ]]]...[[[
            return passes + reduced.count(b"[") > limit
        brackets = reduced
    return True


def _unescaped_quote(data: bytes, position: int, forward: bool) -> int:
    """The nearest quote to *position* that is not escaped, -2 if undecidable cheaply."""
    for _ in range(_LONGEST_ESCAPE_RUN):
        found = data.find(b'"', position) if forward else data.rfind(b'"', 0, position)
        if found < 0:
            return len(data) if forward else -1
        run = 0
        while run <= _LONGEST_ESCAPE_RUN and data[found - run - 1 : found - run] == b"\\":
            run += 1
        if run > _LONGEST_ESCAPE_RUN:
            return -2
        if run % 2 == 0:
            return found
        position = found + 1 if forward else found
    return -2


def _long_string_possible(data: bytes, limit: int) -> bool:
    """Whether a string of *data* may have more than *limit* characters.

    A string of more than *limit* characters has more than *limit* bytes, so it holds
    a multiple of *limit*; the quotes nearest each such position say how long the
    string, or the stretch between two strings, around it is. Cost: two searches per
    *limit* bytes. Only for a stretch that long, the quotes before it are counted, to
    tell which it is, and the characters of a string (at most one per byte that does
    not continue a UTF-8 sequence), to tell whether it is too long.
    """
    plain: bytes | None = None
    counted, quotes, seen = 0, 0, 0
    for probe in range(limit, len(data), limit):
        if probe < seen:  # in the stretch measured at the last probe
            continue
        start = _unescaped_quote(data, probe, forward=False)
        end = _unescaped_quote(data, probe, forward=True)
        if start != -2 and end != -2 and end - start - 1 <= limit:
            continue
        if plain is None:
            plain = _unescaped(data)
        start = plain.rfind(b'"', 0, probe)
        end = plain.find(b'"', probe)
        if start < 0 or (end >= 0 and end - start - 1 <= limit):
            continue
        quotes += plain.count(b'"', counted, start + 1)
        counted = start + 1
        if quotes % 2 == 0:  # the quote before the stretch closes a string
            continue
        if end < 0:  # a string that does not end: the parser will say so
            return True
        stretch = plain[start + 1 : end]
        if len(stretch.translate(None, _CONTINUATION_BYTES)) > limit:
            return True
        seen = end
    return False


def _many_items_possible(data: bytes, limit: int) -> bool:
    """Whether an array or object of *data* may have more than *limit* items.

    Every item after the first follows a comma, so fewer commas than *limit* in all
    rule it out. (Canonical documents have a comma every 24 bytes or so.)
    """
    return data.count(b",") >= limit


def fast_path_allowed(data: bytes | bytearray, limits: Limits) -> bool:
    """Whether a canonical document the fast path accepts is sure to be within *limits*.

    The fast path reads only valid documents, which nest `model_depth()` levels at
    most. For the rest this is a comparison of lengths until a document is larger
    than a limit, then scans in C; when they are not conclusive the document goes the
    detailed way, where the same limits are checked exactly.
    """
    if limits.max_depth is not None and limits.max_depth < model_depth():
        return False
    size = len(data)
    return not (
        limits.max_string is not None
        and size > limits.max_string + 2
        and _long_string_possible(bytes(data), limits.max_string)
    ) and not (
        limits.max_items is not None
        and (size + 1) // 2 > limits.max_items
        and _many_items_possible(bytes(data), limits.max_items)
    )


def check_shape(data: bytes, limits: Limits) -> None:
    """Refuse *data* when it passes the depth, string or item limit, saying where.

    Cheap scans first; `locate` only when they cannot rule a limit out.
    """
    size = len(data)
    suspect = (
        limits.max_string is not None
        and size > limits.max_string + 2
        and _long_string_possible(data, limits.max_string)
    )
    depth_possible = limits.max_depth is not None and size > 2 * limits.max_depth
    items_possible = limits.max_items is not None and (size + 1) // 2 > limits.max_items
    if not suspect and (depth_possible or items_possible):
        skeleton = _skeleton(data)
        suspect = (
            items_possible
            and limits.max_items is not None
            and _many_items_possible(skeleton, limits.max_items)
        ) or (
            depth_possible
            and limits.max_depth is not None
            and _too_deep(skeleton, limits.max_depth)
        )
    if suspect:
        problem = locate(data, limits)
        if problem is not None:
            raise ValidationError([problem])


# ---------------------------------------------------------------------------------------
# The exact walk: token by token, in Python, only when a scan above says a limit may
# be passed. It stops at the first place a limit is passed.

_TOKEN = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"?|[\[\]{},:]', re.DOTALL)
_OPENERS = frozenset(b"[{")
_CLOSERS = frozenset(b"]}")
_QUOTE, _COMMA, _COLON, _OPEN_OBJECT = ord('"'), ord(","), ord(":"), ord("{")


class _Frame:
    """An array or object being read: how many commas so far, and the last key."""

    __slots__ = ("commas", "is_object", "key")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.commas = 0
        self.key: tuple[int, int] | None = None


def _characters(data: bytes, start: int, end: int) -> int:
    """The number of characters of the JSON string token ``data[start:end]``."""
    try:
        text: str = json.loads(data[start:end].decode("utf-8", "surrogatepass"))
    except ValueError:  # not a well-formed string: the parser will say so
        return end - start - 2
    return len(text)


def _path(data: bytes, frames: list[_Frame], upto: int) -> str:
    """The JSON Pointer of the value being read in ``frames[upto - 1]``."""
    tokens: list[str | int] = []
    for frame in frames[:upto]:
        if not frame.is_object:
            tokens.append(frame.commas)
        elif frame.key is not None:
            start, end = frame.key
            try:
                tokens.append(json.loads(data[start:end].decode("utf-8", "surrogatepass")))
            except ValueError:
                tokens.append(data[start + 1 : end - 1].decode("utf-8", "replace"))
    return pointer(*tokens)


def locate(data: bytes, limits: Limits) -> Problem | None:
    """The first place where *data* passes the depth, string or item limit, if any."""
    max_depth, max_string, max_items = limits.max_depth, limits.max_string, limits.max_items
    frames: list[_Frame] = []
    expect_key = False
    for match in _TOKEN.finditer(data):
        start = match.start()
        byte = data[start]
        if byte == _QUOTE:
            end = match.end()
            if (
                max_string is not None
                and end - start - 2 > max_string
                and (length := _characters(data, start, end)) > max_string
            ):
                what = "a key of this object" if expect_key else "the string"
                return Problem(
                    path=_path(data, frames, len(frames)),
                    message=f"{what} has {length:,} characters, over the limit of "
                    f"{max_string:,}; pass limits=Limits(max_string=...) to read it",
                )
            if expect_key and frames:
                frames[-1].key = (start, end)
        elif byte in _OPENERS:
            if max_depth is not None and len(frames) >= max_depth:
                # At the root, where a document too deep to read has always been reported;
                # the message says where.
                where = _path(data, frames, len(frames))
                return Problem(
                    path="",
                    message="the document is nested too deeply: arrays and objects nest more "
                    f"than the limit of {max_depth} levels at {where}; "
                    "pass limits=Limits(max_depth=...) to read it",
                )
            frames.append(_Frame(byte == _OPEN_OBJECT))
            expect_key = byte == _OPEN_OBJECT
        elif byte in _CLOSERS:
            if frames:
                frames.pop()
            expect_key = False
        elif byte == _COMMA:
            if frames:
                frame = frames[-1]
                frame.commas += 1
                if max_items is not None and frame.commas >= max_items:
                    what = (
                        "object has more members" if frame.is_object else "array has more elements"
                    )
                    return Problem(
                        path=_path(data, frames, len(frames) - 1),
                        message=f"the {what} than the limit of {max_items:,}; "
                        "pass limits=Limits(max_items=...) to read it",
                    )
                frame.key = None
                expect_key = frame.is_object
        elif byte == _COLON:
            expect_key = False
    return None


# ---------------------------------------------------------------------------------------
# What the model allows, found from its classes: how deeply a valid document nests;
# the limits of the fast path follow from it. (The model itself refuses integers over
# 64 bits, in `Count` and `Session`.)


def _resolve_hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


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
            hints = _resolve_hints(tp)
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

"""JSON Lines: collections of datasets too big for one document, one dataset per line.

Reading is lazy: one line is held in memory at a time, so a file of any size is
validated in memory that does not depend on its size. Each line is a complete
document, written in canonical form by `dump_jsonl`; problems carry the number of
their line. The limits of `ctocmodel.Limits` apply to each line, but for
*max_problems*, which `check_jsonl` applies to the whole file. A line over the size
limit is skipped without being held whole, and reported; one that has not ended
after `SKIP_FACTOR` times the limit (``/dev/zero``, say) ends the reading there.

>>> import io
>>> from ctocmodel import examples
>>> buffer = io.BytesIO()
>>> dump_jsonl([examples.cop7(), examples.cop7()], buffer)
2
>>> datasets = load_jsonl(io.BytesIO(buffer.getvalue()))
>>> [dataset.conferences[0].sessions[0].number for dataset in datasets]
[7, 7]
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, AnyStr, cast

import attrs

from ._files import atomic_writer
from ._io import dumps, loads
from ._limits import Limits, resolve, size_problem
from ._model import Dataset
from .errors import Problem, ValidationError

__all__ = [
    "JsonlLine",
    "check_jsonl",
    "datasets_by_line",
    "dump_jsonl",
    "jsonl_lines",
    "load_jsonl",
]

Source = str | os.PathLike[str] | IO[bytes] | Iterable[bytes]


class _LongLine:
    """A line over the size limit, skipped: only its length is kept, and whether it ended."""

    __slots__ = ("ended", "size", "text")

    def __init__(self, size: int, text: bool, ended: bool = True) -> None:
        self.size, self.text, self.ended = size, text, ended


Line = bytes | str | _LongLine

_SKIPPED_AT_ONCE = 1 << 20

SKIP_FACTOR = 16
"""How far an over-long line is skipped, in multiples of the size limit, before reading stops.

A line a little over the limit is skipped so that the lines after it are still
checked; one that has not ended after this many times the limit is not a line of a
JSON Lines file gone wrong but an endless or binary input, and reading stops there.
"""


@contextmanager
def _lines(source: Source, limit: int | None) -> Iterator[Iterable[Line]]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            yield _bounded(handle, limit)
    elif limit is not None and isinstance(source, io.IOBase):
        yield _bounded(cast("IO[bytes]", source), limit)
    else:  # lines already in memory, or without a size limit
        yield source


def _bounded(handle: IO[AnyStr], limit: int | None) -> Iterator[AnyStr | _LongLine]:
    """The lines of *handle*, none read whole when longer than *limit* bytes (or characters)."""
    if limit is None:
        yield from handle
        return
    while line := handle.readline(limit + 2):  # room for the line's own "\r\n"
        if len(line) < limit + 2 or _ending(line):
            yield line
            continue
        size, ended = _skip(handle, line, limit * SKIP_FACTOR)
        yield _LongLine(size, text=isinstance(line, str), ended=ended)
        if not ended:
            return


def _skip(handle: IO[AnyStr], start: AnyStr, most: int) -> tuple[int, bool]:
    """Read past the rest of the line that begins with *start*, holding none of it.

    Returns the line's length without its ending, and whether it ended (at a line
    feed or at the end of the input) within *most* bytes (or characters).
    """
    size, tail = len(start), start[-2:]
    # A buffered binary file shows what it holds without a copy: the line feed is then
    # found at the speed of memchr, not of readline.
    peek = getattr(handle, "peek", None) if isinstance(start, bytes) else None
    while size <= most:
        if peek is not None:
            ahead = peek(_SKIPPED_AT_ONCE)
            end = ahead.find(b"\n")
            part = handle.read(len(ahead) if end < 0 else end + 1)
        else:
            part = handle.readline(_SKIPPED_AT_ONCE)
        if not part:  # the input ends the line
            return size - _ending(tail), True
        size += len(part)
        tail = (tail + part[-2:])[-2:]
        if _ending(tail):
            return size - _ending(tail), True
    return size, False


def _ending(line: bytes | str) -> int:
    """The length of the line ending of *line*: 0, 1, or 2 for a carriage return and line feed."""
    if isinstance(line, bytes):
        return 2 if line.endswith(b"\r\n") else int(line.endswith(b"\n"))
    return 2 if line.endswith("\r\n") else int(line.endswith("\n"))


def _numbered(lines: Iterable[Line], first: int = 1) -> Iterator[tuple[int, Line]]:
    for number, line in enumerate(lines, start=first):
        if isinstance(line, bytes):
            yield number, line.rstrip(b"\r\n")
        elif isinstance(line, str):
            yield number, line.rstrip("\r\n")
        else:
            yield number, line


def _read(line: Line, limits: Limits) -> Dataset:
    if isinstance(line, _LongLine):
        size, at_least = line.size, line.text or not line.ended
    elif limits.max_bytes is not None and len(line) > limits.max_bytes:
        size, at_least = len(line), isinstance(line, str)  # a character is a byte or more
    else:
        return loads(line, limits=limits) if line else _empty()
    assert limits.max_bytes is not None
    message = size_problem(size, limits.max_bytes, what="the line", at_least=at_least)
    raise ValidationError([Problem(path="", message=message)])


def load_jsonl(source: Source, *, limits: Limits | None = None) -> Iterator[Dataset]:
    """Yield the dataset of each line of *source* (a path, a binary file, or lines).

    Raises `ValidationError` at the first line that is not a valid dataset, its
    problems located on that line; use `check_jsonl` to see every bad line.
    *limits* (see `ctocmodel.Limits`) apply to each line. An empty file holds no
    dataset, and yields none.
    """
    limits = resolve(limits)
    with _lines(source, limits.max_bytes) as lines:
        for number, line in _numbered(lines):
            try:
                yield _read(line, limits)
            except ValidationError as error:
                raise error.on_line(number) from None


@attrs.frozen(kw_only=True)
class JsonlLine:
    """One line of a JSON Lines file: its dataset, or the problems that kept it from being one.

    *file* is the file's path as it was given, *number* the line's number (from 1);
    *dataset* is None exactly when *problems* lists what is wrong, each problem
    located on the line.

    >>> line = JsonlLine(file="archive.jsonl", number=3, dataset=None, problems=())
    >>> line.id
    'archive.jsonl:3'
    """

    file: str
    number: int
    dataset: Dataset | None
    problems: tuple[Problem, ...] = ()

    @property
    def id(self) -> str:
        """The dataset's id in an archive: the file as given and the line, ``FILE:LINE``."""
        return f"{self.file}:{self.number}"


def datasets_by_line(
    source: Source, *, limits: Limits | None = None, first_line: int = 1
) -> Iterator[tuple[int, Dataset | ValidationError]]:
    r"""Yield each line's number with its dataset, or with the `ValidationError` of its problems.

    Lines are numbered from *first_line* (for a part of a file read on its own); the
    problems are located on their line. As in `check_jsonl`, a line that has not
    ended within `SKIP_FACTOR` times the size limit ends the reading, after its error.

    >>> import io
    >>> [type(item).__name__ for _, item in datasets_by_line(io.BytesIO(b"{}\n[]\n"))]
    ['ValidationError', 'ValidationError']
    """
    limits = resolve(limits)
    with _lines(source, limits.max_bytes) as lines:
        for number, line in _numbered(lines, first_line):
            try:
                yield number, _read(line, limits)
            except ValidationError as error:
                yield number, error.on_line(number)
            if isinstance(line, _LongLine) and not line.ended:
                return


def jsonl_lines(
    source: Source, *, file: str, limits: Limits | None = None, first_line: int = 1
) -> Iterator[JsonlLine]:
    """Yield a `JsonlLine` for each line of *source*, which is (part of) the file *file*."""
    for number, found in datasets_by_line(source, limits=limits, first_line=first_line):
        if isinstance(found, ValidationError):
            yield JsonlLine(file=file, number=number, dataset=None, problems=tuple(found.errors))
        else:
            yield JsonlLine(file=file, number=number, dataset=found)


def check_jsonl(source: Source, *, limits: Limits | None = None) -> Iterator[ValidationError]:
    """Yield a `ValidationError` for each line of *source* that is not a valid dataset.

    *limits* (see `ctocmodel.Limits`) apply to each line, but for *max_problems*,
    which bounds the problems of the whole file: past it, the problems that fit are
    yielded, then one last error with one problem, on no line, saying that checking
    stopped there. Reading also stops, saying so the same way, at a line that has not
    ended after `SKIP_FACTOR` times *max_bytes*. A source with no line at all (an
    empty file) yields one problem on no line: it holds no dataset, which is far more
    often a failed export than an empty collection.

    >>> import io
    >>> [str(error.errors[0]) for error in check_jsonl(io.BytesIO(b""))]
    ['the input is empty: a JSON Lines file holds one dataset per line, and this one holds none']
    """
    limits = resolve(limits)
    budget, found, number = limits.max_problems, 0, 0
    with _lines(source, limits.max_bytes) as lines:
        for number, line in _numbered(lines):
            try:
                _read(line, limits)
            except ValidationError as error:
                problems = error.on_line(number).errors
                if budget is not None and found + len(problems) > budget:
                    if found < budget:
                        yield ValidationError(problems[: budget - found])
                    yield _of_the_input(
                        f"the limit of {budget:,} problems was reached at line {number:,}: "
                        "checking stopped there and the rest of the input is not checked; "
                        "fix these, or pass limits=Limits(max_problems=...) to see more"
                    )
                    return
                found += len(problems)
                yield ValidationError(problems)
            if isinstance(line, _LongLine) and not line.ended:
                assert limits.max_bytes is not None
                yield _of_the_input(
                    f"line {number:,} does not end within {SKIP_FACTOR} times the size limit "
                    f"({limits.max_bytes * SKIP_FACTOR:,} bytes): reading stopped there and "
                    "the rest of the input is not checked"
                )
                return
    if number == 0:
        yield _of_the_input(
            "the input is empty: a JSON Lines file holds one dataset per line, "
            "and this one holds none"
        )


def _of_the_input(message: str) -> ValidationError:
    """A problem of the whole input, on no line."""
    return ValidationError([Problem(path="", message=message)])


def _empty() -> Dataset:
    raise ValidationError.from_pairs([("", "the line is empty; each line holds one document")])


def dump_jsonl(datasets: Iterable[Dataset], target: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write each dataset on a line of its own, in canonical form; return how many.

    Writing to a path goes through a temporary file renamed at the end, so a failure
    leaves any previous file as it was.
    """
    if not isinstance(target, str | os.PathLike):
        return _write(datasets, target)
    with atomic_writer(Path(target)) as handle:
        return _write(datasets, handle)


def _write(datasets: Iterable[Dataset], handle: IO[bytes]) -> int:
    count = 0
    for dataset in datasets:
        handle.write(dumps(dataset).encode("utf-8") + b"\n")
        count += 1
    return count

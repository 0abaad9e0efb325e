"""JSON Lines: collections of datasets too big for one document, one dataset per line.

Reading is lazy: one line is held in memory at a time, so a file of any size is
validated in constant memory. Each line is a complete document, written in canonical
form by `dump_jsonl`; problems carry the number of their line. The limits of
`ctocmodel.Limits` apply to each line: a line over the size limit is skipped
without being held whole, and reported.

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

from ._io import atomic_writer, dumps, loads
from ._limits import Limits, resolve, size_problem
from ._model import Dataset
from .errors import Problem, ValidationError

__all__ = ["check_jsonl", "dump_jsonl", "load_jsonl"]

Source = str | os.PathLike[str] | IO[bytes] | Iterable[bytes]


class _LongLine:
    """A line over the size limit, skipped: only its length is kept."""

    __slots__ = ("size", "text")

    def __init__(self, size: int, text: bool) -> None:
        self.size, self.text = size, text


Line = bytes | str | _LongLine

_SKIPPED_AT_ONCE = 1 << 20


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
        size, tail = len(line), line[-2:]
        while not _ending(tail) and (line := handle.readline(_SKIPPED_AT_ONCE)):
            size += len(line)
            tail = (tail + line)[-2:]
        yield _LongLine(size - _ending(tail), text=isinstance(line, str))


def _ending(line: bytes | str) -> int:
    """The length of the line ending of *line*: 0, 1, or 2 for a carriage return and line feed."""
    if isinstance(line, bytes):
        return 2 if line.endswith(b"\r\n") else int(line.endswith(b"\n"))
    return 2 if line.endswith("\r\n") else int(line.endswith("\n"))


def _numbered(lines: Iterable[Line]) -> Iterator[tuple[int, Line]]:
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            yield number, line.rstrip(b"\r\n")
        elif isinstance(line, str):
            yield number, line.rstrip("\r\n")
        else:
            yield number, line


def _read(line: Line, limits: Limits) -> Dataset:
    if isinstance(line, _LongLine):
        size, at_least = line.size, line.text
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
    *limits* (see `ctocmodel.Limits`) apply to each line.
    """
    limits = resolve(limits)
    with _lines(source, limits.max_bytes) as lines:
        for number, line in _numbered(lines):
            try:
                yield _read(line, limits)
            except ValidationError as error:
                raise error.on_line(number) from None


def check_jsonl(source: Source, *, limits: Limits | None = None) -> Iterator[ValidationError]:
    """Yield a `ValidationError` for each line of *source* that is not a valid dataset.

    *limits* (see `ctocmodel.Limits`) apply to each line.
    """
    limits = resolve(limits)
    with _lines(source, limits.max_bytes) as lines:
        for number, line in _numbered(lines):
            try:
                _read(line, limits)
            except ValidationError as error:
                yield error.on_line(number)


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

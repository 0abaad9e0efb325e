"""JSON Lines: collections of datasets too big for one document, one dataset per line.

Reading is lazy: one line is held in memory at a time, so a file of any size is
validated in constant memory. Each line is a complete document, written in canonical
form by `dump_jsonl`; problems carry the number of their line.

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

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ._io import dumps, loads
from ._model import Dataset
from .errors import ValidationError

__all__ = ["check_jsonl", "dump_jsonl", "load_jsonl"]

Source = str | os.PathLike[str] | IO[bytes] | Iterable[bytes]


@contextmanager
def _lines(source: Source) -> Iterator[Iterable[bytes]]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            yield handle
    else:
        yield source


def _numbered(lines: Iterable[bytes | str]) -> Iterator[tuple[int, bytes | str]]:
    for number, line in enumerate(lines, start=1):
        text = line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n")
        yield number, text


def load_jsonl(source: Source) -> Iterator[Dataset]:
    """Yield the dataset of each line of *source* (a path, a binary file, or lines).

    Raises `ValidationError` at the first line that is not a valid dataset, its
    problems located on that line; use `check_jsonl` to see every bad line.
    """
    with _lines(source) as lines:
        for number, text in _numbered(lines):
            try:
                yield loads(text) if text else _empty()
            except ValidationError as error:
                raise error.on_line(number) from None


def check_jsonl(source: Source) -> Iterator[ValidationError]:
    """Yield a `ValidationError` for each line of *source* that is not a valid dataset."""
    with _lines(source) as lines:
        for number, text in _numbered(lines):
            try:
                loads(text) if text else _empty()
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
    path = Path(target)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            count = _write(datasets, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _write(datasets: Iterable[Dataset], handle: IO[bytes]) -> int:
    count = 0
    for dataset in datasets:
        handle.write(dumps(dataset).encode("utf-8") + b"\n")
        count += 1
    return count

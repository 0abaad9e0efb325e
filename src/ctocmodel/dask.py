r"""JSON Lines archives on Dask: validate and convert many files, or one large file, in parallel.

Needs the optional ``dask`` package (``pip install dask``, or the extra ``dask``).
`read_jsonl` gives a Dask bag with one `JsonlLine` per line: its dataset, or the
problems that kept it from being one, so that a bad line is reported, not fatal.
``ctocmodel.to_parquet(bag, folder)`` writes the bag's tables, each partition its own
Parquet files, in parallel.

Files are cut into blocks of about *blocksize* bytes at line ends, and each block is
one partition: a large file is read by every worker at once, each line numbered as
in the file. To cut them, `read_jsonl` reads each file once, quickly (it only looks
for line ends), when it is called.

>>> import io, tempfile
>>> from pathlib import Path
>>> import ctocmodel
>>> folder = Path(tempfile.mkdtemp())
>>> _ = ctocmodel.dump_jsonl([ctocmodel.examples.cop7()] * 3, folder / "archive.jsonl")
>>> with open(folder / "archive.jsonl", "ab") as archive:
...     _ = archive.write(b'{"schema_version": "1.0", "sources": 7}\n')
>>> lines = read_jsonl(folder / "archive.jsonl", blocksize=1)  # a line a block, for the show
>>> lines.npartitions
4
>>> [(line.number, line.dataset is not None) for line in lines.compute(scheduler="sync")]
[(1, True), (2, True), (3, True), (4, False)]
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ._jsonl import JsonlLine, jsonl_lines
from ._limits import Limits
from ._optional import require
from ._privacy import Privacy
from .exports._arrow import write_parquet_part

__all__ = ["BLOCK_SIZE", "JsonlLine", "read_jsonl", "write_parquet"]

BLOCK_SIZE = 64 * 2**20
"""The size of a partition of `read_jsonl`, in bytes, by default: 64 MiB."""

_CHUNK = 2**20  # how much the cutting reads at a time

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def _dask_bag() -> Any:
    return require("dask.bag", package="dask", extra="dask", feature="Dask bags")


def _expanded(paths: Paths) -> list[str]:
    """The files *paths* names: each path as given, or the files a glob pattern matches."""
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    found: list[str] = []
    for path in given:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(f"expected paths of JSON Lines files, got {type(path).__qualname__}")
        name = os.fspath(path)
        if not os.path.exists(name) and glob.has_magic(name):
            matched = sorted(glob.glob(name))
            if not matched:
                raise FileNotFoundError(f"no file matches {name!r}")
            found += matched
        else:
            found.append(name)
    return found


def blocks(path: str, blocksize: int) -> list[tuple[int, int, int]]:
    """Cut the file *path* at line ends into blocks of about *blocksize* bytes.

    Returns ``(start, end, number of the first line)`` for each block: every block
    starts where a line starts, so the lines of the file are those of its blocks.
    """
    size = os.path.getsize(path)
    found: list[tuple[int, int, int]] = []
    start, first, newlines, position = 0, 1, 0, 0
    target = blocksize  # the next block starts at the first line start from here
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            offset = 0
            while target < size and target - 1 < position + len(chunk):
                at = chunk.find(b"\n", max(target - 1 - position, offset))
                if at < 0:
                    break  # the line goes on in the next chunk
                end = position + at + 1
                found.append((start, end, first))
                first = newlines + chunk.count(b"\n", 0, at + 1) + 1
                start, offset, target = end, at + 1, end + blocksize
            newlines += chunk.count(b"\n")
            position += len(chunk)
    if start < size or not found:
        found.append((start, size, first))
    return found


class _Window(io.RawIOBase):
    """Bytes *start* to *end* of a file, read as a file of their own."""

    def __init__(self, path: str, start: int, end: int) -> None:
        self.file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed with the window
        self.file.seek(start)
        self.left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self.left)
        if wanted <= 0:
            return 0
        read = self.file.readinto(memoryview(buffer)[:wanted]) or 0
        self.left -= read
        return read

    def close(self) -> None:
        self.file.close()
        super().close()


def read_block(
    path: str, start: int, end: int, first: int, limits: Limits | None = None
) -> Iterator[JsonlLine]:
    """Yield the lines of bytes *start* to *end* of the file *path*, the first numbered *first*.

    Lazily: a worker holds one line's dataset at a time, unless what it computes
    keeps them.
    """
    with io.BufferedReader(_Window(path, start, end), buffer_size=_CHUNK) as handle:
        yield from jsonl_lines(handle, file=path, limits=limits, first_line=first)


def read_jsonl(paths: Paths, *, blocksize: int = BLOCK_SIZE, limits: Limits | None = None) -> Any:
    """Return a Dask bag of the lines of the JSON Lines files *paths*, one `JsonlLine` each.

    *paths* is a path, a glob pattern (``"archive/*.jsonl"``) or several; each line
    keeps the file's path as given and its number, and holds its dataset or its
    problems. Each partition is a block of about *blocksize* bytes of one file, cut
    at a line end. *limits* (see `ctocmodel.Limits`) apply to each line.
    """
    bag = _dask_bag()
    if type(blocksize) is not int or blocksize < 1:
        raise ValueError(f"blocksize is a positive number of bytes, got {blocksize!r}")
    parts = [
        (path, start, end, first, limits)
        for path in _expanded(paths)
        for start, end, first in blocks(path, blocksize)
    ]
    # One block a partition, read by a generator: Dask fuses what follows into the same
    # task, so that a worker streams its block instead of holding (or sending) its datasets.
    return bag.from_sequence(parts, partition_size=1).map_partitions(_read_blocks)


def _read_blocks(parts: Iterable[tuple[str, int, int, int, Limits | None]]) -> Iterator[JsonlLine]:
    for part in parts:
        yield from read_block(*part)


def write_parquet(
    lines: Any, folder: str | os.PathLike[str], privacy: Privacy | None = None
) -> int:
    """Write the Dask bag *lines* of `read_jsonl` as Parquet tables into *folder*, in parallel.

    Each partition writes its own files (see `ctocmodel.to_parquet`, which calls this
    for a bag and makes sure every table has a file); returns the datasets written.
    *privacy* says which people the tables show (see `ctocmodel.to_arrow`).
    """
    target = os.fspath(Path(folder))
    written = lines.map_partitions(_write_partition, target, privacy).sum()
    return int(written.compute())


def _write_partition(lines: Iterable[JsonlLine], folder: str, privacy: Privacy | None) -> list[int]:
    return [write_parquet_part(lines, folder, privacy)]

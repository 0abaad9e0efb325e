"""JSON Lines on Dask: files cut at line ends, each line its dataset or its problems."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ctocmodel
from ctocmodel import Limits, examples
from ctocmodel.dask import JsonlLine, blocks, read_jsonl
from ctocmodel.errors import MissingDependencyError
from ctocmodel.testing import synthetic_archive


@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"x")), max_size=12),
    st.booleans(),
    st.integers(1, 40),
)
def test_blocks_cover_the_file_at_line_starts(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], final: bool, size: int
) -> None:
    """Blocks follow each other from 0 to the end, each starting a line, numbered as in the file."""
    path = tmp_path_factory.mktemp("blocks") / "f.jsonl"
    data = b"\n".join(lines) + (b"\n" if final and lines else b"")
    path.write_bytes(data)
    found = blocks(str(path), size)
    assert found[0][0] == 0
    assert found[-1][1] == len(data)
    for (_, end, _), (start, _, _) in itertools.pairwise(found):
        assert end == start
    starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == ord("\n") and i + 1 < len(data)]
    for start, end, first in found:
        assert start in starts or start == len(data) == 0
        assert first == data[:start].count(b"\n") + 1
        assert end > start or len(data) == 0


def write_archive(path: Path, bad: bytes | None = None) -> list[ctocmodel.Dataset]:
    archive = synthetic_archive(seed=3, sessions=4)
    ctocmodel.dump_jsonl(archive, path)
    if bad is not None:
        with open(path, "ab") as handle:
            handle.write(bad + b"\n")
    return archive


def test_lines_keep_their_file_number_and_dataset(tmp_path: Path) -> None:
    """Every line of every block comes back once, numbered as in the file, with its dataset."""
    archive = write_archive(tmp_path / "a.jsonl", b'{"schema_version": "1.0", "people": 7}')
    bag = read_jsonl(tmp_path / "a.jsonl", blocksize=1)
    assert bag.npartitions == 5
    lines = bag.compute(scheduler="sync")
    assert [line.number for line in lines] == [1, 2, 3, 4, 5]
    assert [line.dataset for line in lines[:4]] == archive
    assert all(line.file == str(tmp_path / "a.jsonl") for line in lines)
    bad = lines[4]
    assert bad.dataset is None
    assert [(p.path, p.line) for p in bad.problems] == [("/people", 5)]
    assert bad.id == f"{tmp_path / 'a.jsonl'}:5"


def test_many_files_by_pattern(tmp_path: Path) -> None:
    """A glob pattern reads every file it matches, in the order of their names."""
    for name in ("b.jsonl", "a.jsonl"):
        write_archive(tmp_path / name)
    lines = read_jsonl(str(tmp_path / "*.jsonl")).compute(scheduler="sync")
    assert [(Path(line.file).name, line.number) for line in lines] == [
        *(("a.jsonl", n) for n in range(1, 5)),
        *(("b.jsonl", n) for n in range(1, 5)),
    ]
    with pytest.raises(FileNotFoundError, match="no file matches"):
        read_jsonl(str(tmp_path / "*.json"))


def test_limits_apply_to_each_line(tmp_path: Path) -> None:
    """A line over the size limit is a problem of that line; the others are read."""
    write_archive(tmp_path / "a.jsonl")
    biggest = max(len(line) for line in (tmp_path / "a.jsonl").read_bytes().splitlines())
    lines = read_jsonl(tmp_path / "a.jsonl", limits=Limits(max_bytes=biggest - 1)).compute(
        scheduler="sync"
    )
    refused = [line for line in lines if line.dataset is None]
    assert len(refused) == 1
    (problem,) = refused[0].problems
    assert "over the limit" in problem.message
    assert problem.line == refused[0].number


def test_bag_runs_in_worker_processes(tmp_path: Path) -> None:
    """Lines, datasets and problems travel between processes: counting in two processes works."""
    write_archive(tmp_path / "a.jsonl", b"[]")
    bag = read_jsonl(tmp_path / "a.jsonl", blocksize=1)
    valid = bag.map(lambda line: line.dataset is not None).sum()
    assert valid.compute(scheduler="processes", num_workers=2) == 4


def table(folder: Path, name: str) -> list[dict[str, object]]:
    rows = pads.dataset(folder / name, format="parquet").to_table().to_pylist()
    return sorted(rows, key=repr)


def test_parquet_from_a_bag_is_parquet_from_the_files(tmp_path: Path) -> None:
    """to_parquet of a bag writes, partition by partition, the rows it writes from the file."""
    write_archive(tmp_path / "a.jsonl", b"[]")
    assert ctocmodel.to_parquet(tmp_path / "a.jsonl", tmp_path / "serial") == 4
    bag = read_jsonl(tmp_path / "a.jsonl", blocksize=1)
    assert ctocmodel.to_parquet(bag, tmp_path / "parallel") == 4
    for name in ("sessions", "meetings", "organizations", "figures", "problems"):
        assert table(tmp_path / "parallel", name) == table(tmp_path / "serial", name), name
    parts = sorted((tmp_path / "parallel" / "sessions").glob("*.parquet"))
    assert len(parts) == 5
    schemas = [pq.read_schema(part) for part in parts]
    assert all(schema.equals(schemas[0]) for schema in schemas)  # one table, one set of columns
    assert {"venue_city_en", "venue_city_fr"} <= set(schemas[0].names)


def test_empty_file_has_no_lines(tmp_path: Path) -> None:
    """An empty file gives no line (check_jsonl, which checks one file, calls it invalid)."""
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert read_jsonl(tmp_path / "empty.jsonl").compute(scheduler="sync") == []


def test_line_is_immutable_and_pickles() -> None:
    """A JsonlLine is a frozen record; equal lines compare equal."""
    line = JsonlLine(file="a.jsonl", number=1, dataset=examples.cop7())
    assert line == JsonlLine(file="a.jsonl", number=1, dataset=examples.cop7())
    with pytest.raises(AttributeError):
        line.number = 2  # type: ignore[misc]


def test_missing_dask(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without dask, read_jsonl raises MissingDependencyError naming the extra dask."""
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(
        MissingDependencyError, match=r"pip install dask \(ctocmodel.s extra .dask.\)"
    ):
        read_jsonl(tmp_path / "a.jsonl")

"""JSON Lines collections, and spreading work over processes (pickling)."""

from __future__ import annotations

import io
import json
import pickle
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from ctocmodel import (
    Dataset,
    ValidationError,
    check_jsonl,
    dump_jsonl,
    dumps,
    examples,
    load_jsonl,
    loads,
)
from ctocmodel.converters import make_converter
from ctocmodel.testing import synthetic_dataset


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    """What dump_jsonl writes, load_jsonl reads back in the same order."""
    datasets = [examples.cop7(), synthetic_dataset(seed=1), examples.cop7()]
    target = tmp_path / "archive.jsonl"
    assert dump_jsonl(datasets, target) == 3
    assert list(load_jsonl(target)) == datasets
    lines = target.read_bytes().splitlines()
    assert lines == [dumps(dataset).encode() for dataset in datasets]


def test_reading_is_lazy() -> None:
    """Datasets come one at a time: a bad later line does not stop the first ones."""
    stream = io.BytesIO(dumps(examples.cop7()).encode() + b"\n{not json}\n")
    reader = load_jsonl(stream)
    assert next(reader) == examples.cop7()
    with pytest.raises(ValidationError) as caught:
        next(reader)
    [problem] = caught.value.errors
    assert problem.line == 2
    assert "not valid JSON" in problem.message


def test_check_reports_every_bad_line_with_its_number() -> None:
    """check_jsonl yields one error per bad line, each problem carrying its line number."""
    good = dumps(examples.cop7())
    broken = json.loads(good)
    broken["people"][0]["name"] = 5
    lines = [good, json.dumps(broken), "", good, "[]"]
    errors = list(check_jsonl(io.BytesIO("\n".join(lines).encode())))
    assert [[(p.line, p.path) for p in error.errors] for error in errors] == [
        [(2, "/people/0/name")],
        [(3, "")],
        [(5, "")],
    ]
    assert str(errors[0].errors[0]).startswith("line 2: /people/0/name: expected a string")


def test_lines_may_be_any_iterable_of_bytes_or_text() -> None:
    """load_jsonl accepts any iterable of lines, such as a list or a text file."""
    line = dumps(examples.cop7())
    assert list(load_jsonl([line.encode(), line.encode() + b"\r\n"])) == [examples.cop7()] * 2
    assert list(load_jsonl(io.StringIO(line + "\n"))) == [examples.cop7()]


def test_memory_stays_constant_while_checking(tmp_path: Path) -> None:
    """Checking a long file holds one line at a time, not the whole collection."""
    target = tmp_path / "big.jsonl"
    line = dumps(synthetic_dataset(seed=2)).encode() + b"\n"
    target.write_bytes(line * 40)
    tracemalloc.start()
    assert list(check_jsonl(target)) == []
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * len(line)  # a few datasets' worth, far below 40 lines of them


def test_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    """A failure while writing a collection leaves the file that was there."""
    target = tmp_path / "archive.jsonl"
    target.write_text("previous\n", encoding="utf-8")

    def datasets():  # type: ignore[no-untyped-def]
        yield examples.cop7()
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        dump_jsonl(datasets(), target)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["archive.jsonl"]


def test_models_errors_and_converters_pickle() -> None:
    """Datasets, errors and converters survive pickling, so they cross process boundaries."""
    dataset = synthetic_dataset(seed=4)
    assert pickle.loads(pickle.dumps(dataset)) == dataset
    with pytest.raises(ValidationError) as caught:
        loads('{"schema_version": "1.0", "people": [{"id": "p"}]}')
    error = pickle.loads(pickle.dumps(caught.value))
    assert error.errors == caught.value.errors
    converter = pickle.loads(pickle.dumps(make_converter()))
    assert converter.structure(json.loads(dumps(dataset)), Dataset) == dataset


def _session_count(line: bytes) -> int:
    return len(loads(line).conferences[0].sessions)


def test_work_spreads_over_processes() -> None:
    """Lines validated in a process pool give the same results as in this process."""
    lines = [dumps(synthetic_dataset(seed=seed)).encode() for seed in range(4)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(_session_count, lines))
        datasets = list(pool.map(loads, lines))
    assert counts == [1, 1, 1, 1]
    assert datasets == [loads(line) for line in lines]

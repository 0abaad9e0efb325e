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
    Limits,
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


def test_the_problem_limit_applies_to_the_whole_file() -> None:
    """max_problems bounds the problems of the file, then one last problem says it stopped."""
    lines = io.BytesIO(b"[]\n" * 50)  # one problem a line
    errors = list(check_jsonl(lines, limits=Limits(max_problems=10)))
    problems = [problem for error in errors for problem in error.errors]
    assert [problem.line for problem in problems] == [*range(1, 11), None]
    assert problems[-1].message.startswith(
        "the limit of 10 problems was reached at line 11: checking stopped there"
    )
    assert lines.tell() < 50 * 3  # the rest of the file is not read


def test_the_problem_limit_cuts_a_line_with_many_problems() -> None:
    """A line whose problems pass the file's budget is cut to what is left of it."""
    people = ",".join(f'{{"id": "p{number}", "name": 5}}' for number in range(8))
    line = f'{{"schema_version": "1.0", "people": [{people}]}}'.encode()
    errors = list(check_jsonl([b"[]", line, line], limits=Limits(max_problems=5)))
    assert [[problem.line for problem in error.errors] for error in errors] == [
        [1],
        [2, 2, 2, 2],
        [None],
    ]


def test_an_empty_file_is_reported() -> None:
    """A source with no line holds no dataset: check_jsonl says so, on no line."""
    [error] = check_jsonl(io.BytesIO(b""))
    [problem] = error.errors
    assert (problem.line, problem.path) == (None, "")
    assert problem.message.startswith("the input is empty: a JSON Lines file holds one dataset")
    assert list(load_jsonl(io.BytesIO(b""))) == []  # reading it gives no dataset, no error


class _Endless(io.RawIOBase):
    """A stream of zero bytes that never ends (/dev/zero): one line without an end."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.given > 50_000_000:
            raise AssertionError("read far past any limit")
        buffer[:] = bytes(len(buffer))
        self.given += len(buffer)
        return len(buffer)


def test_a_line_that_never_ends_stops_the_reading() -> None:
    """A line still going after SKIP_FACTOR times max_bytes ends the check, saying so."""
    source = _Endless()
    errors = list(check_jsonl(io.BufferedReader(source), limits=Limits(max_bytes=1000)))
    assert [str(error.errors[0]).split(" (")[0] for error in errors] == [
        "line 1: the line is at least 16,384 bytes",
        "line 1 does not end within 16 times the size limit",
    ]
    assert source.given < 100_000

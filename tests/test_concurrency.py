"""Reading and writing from many threads at once gives exactly what one thread gives."""

from __future__ import annotations

import gc
import json
import random
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ctocmodel import Dataset, Problem, ValidationError, dumps, examples, loads
from ctocmodel._io import fast_codec
from ctocmodel.testing import synthetic_dataset

THREADS = 8
REPEATS = 8

Outcome = tuple[str, Any, Any]


def _mutant(dataset: Dataset, change: str) -> str:
    """The JSON of *dataset* with one deliberate problem (or layout change) in it."""
    document = json.loads(dumps(dataset))
    session = document["conferences"][0]["sessions"][0]
    if change == "number as text":
        session["number"] = str(session["number"])
    elif change == "swapped dates":
        session["start"], session["end"] = "2099-01-02", "2099-01-01"
    elif change == "broken reference":
        document["organizations"][0]["id"] = "renamed-organization"
    elif change == "unknown key":
        session["venu"] = None
    elif change == "odd text":
        document["organizations"][0]["name"] = {"en": "\u202eNUL\x00 e\u0301 \U0001f600"}
    return json.dumps(document, ensure_ascii=False)


def _reversed_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed_keys(node[key]) for key in reversed(node)}
    if isinstance(node, list):
        return [_reversed_keys(item) for item in node]
    return node


def _documents() -> list[str | bytes]:
    """About 50 documents: canonical, indented, reordered and invalid, COP7 and synthetic."""
    cop7 = examples.cop7()
    found: list[str | bytes] = [
        dumps(cop7),
        dumps(cop7).encode(),
        examples.cop7_json(),  # indented: the detailed path
        json.dumps(_reversed_keys(json.loads(dumps(cop7)))),  # keys in another order
    ]
    changes = ("number as text", "swapped dates", "broken reference", "unknown key", "odd text")
    for seed in range(32):
        dataset = synthetic_dataset(seed=seed, size=1)
        if seed < 12:
            found.append(dumps(dataset).encode())  # canonical: the fast path
        elif seed < 18:
            found.append(dumps(dataset, indent=2))  # indented: the detailed path
        else:
            found.append(_mutant(dataset, changes[seed % len(changes)]))
    found += [_mutant(cop7, change) for change in changes]
    found += [
        b"",
        b"\xef\xbb\xbf" + dumps(cop7).encode(),  # a byte-order mark
        dumps(cop7).encode()[:-7],  # cut short
        b'{"schema_version": "1.0", "topics": [{"id": "x", "label": {"en": "\\ud800"}}]}',
        b'{"schema_version": "2.0"}',
        b"\xff" + dumps(cop7).encode(),
        '{"schema_version": "1.0", "sources": [], "sources": []}',
        "[]",
        '{"schema_version": "1.0"}',
    ]
    return found


DOCUMENTS = _documents()


def outcome(data: str | bytes) -> Outcome:
    """What reading *data* gives: the dataset and its canonical and indented texts, or problems."""
    try:
        dataset = loads(data)
    except ValidationError as error:
        problems: list[Problem] = error.errors
        return ("refused", problems, str(error))
    return ("read", dataset, (dumps(dataset), dumps(dataset, indent=2)))


@pytest.fixture
def frequent_switches() -> Iterator[None]:
    """Make threads switch as often as possible, so that reads interleave."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


@pytest.fixture
def expected() -> list[Outcome]:
    """The outcome of each document, read by one thread."""
    return [outcome(data) for data in DOCUMENTS]


def concurrent_outcomes(repeats: int = REPEATS) -> list[tuple[int, Outcome]]:
    """Read each document *repeats* times, in a shuffled order, from THREADS threads."""
    tasks = [index for index in range(len(DOCUMENTS)) for _ in range(repeats)]
    random.Random(7).shuffle(tasks)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda index: outcome(DOCUMENTS[index]), tasks))
    return list(zip(tasks, results, strict=True))


def test_the_documents_mix_both_paths_and_invalid_ones(expected: list[Outcome]) -> None:
    """The documents take the fast path, the detailed path, or are refused: all three."""
    codec = fast_codec()
    fast = [data for data in DOCUMENTS if codec is not None and codec.loads(_bytes(data))]
    read = [result for result in expected if result[0] == "read"]
    refused = [result for result in expected if result[0] == "refused"]
    assert len(DOCUMENTS) >= 50
    assert len(read) > len(fast) >= (10 if codec is not None else 0)
    assert len(refused) >= 15


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


@pytest.mark.usefixtures("frequent_switches")
def test_threads_read_and_write_exactly_as_one_thread(expected: list[Outcome]) -> None:
    """Datasets, canonical texts and problem lists are the same from 8 threads as from one."""
    for index, result in concurrent_outcomes():
        assert result == expected[index], f"document {index} read otherwise by a thread"


@pytest.mark.usefixtures("frequent_switches")
def test_threads_dump_the_same_datasets_alike() -> None:
    """Writing the same few datasets from many threads at once gives identical texts."""
    datasets = [examples.cop7(), *(synthetic_dataset(seed=seed) for seed in range(6))]
    texts = [dumps(dataset) for dataset in datasets]
    tasks = [index for index in range(len(datasets)) for _ in range(24)]
    random.Random(3).shuffle(tasks)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        written = list(pool.map(lambda index: dumps(datasets[index]), tasks))
    assert [texts[index] for index in tasks] == written


@pytest.mark.usefixtures("frequent_switches")
def test_collector_is_running_after_concurrent_reads() -> None:
    """After many threads read at once, the garbage collector runs again and none pauses it."""
    assert gc.isenabled()
    try:
        concurrent_outcomes(repeats=2)
        assert gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.usefixtures("frequent_switches")
def test_collector_stays_off_when_it_was_off() -> None:
    """Concurrent reads do not turn on a collector that the program had turned off."""
    gc.disable()
    try:
        concurrent_outcomes(repeats=2)
        assert not gc.isenabled()
    finally:
        gc.enable()

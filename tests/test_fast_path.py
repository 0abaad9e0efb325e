"""The fast path (msgspec) and the detailed path (cattrs) accept exactly the same documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import Dataset, ValidationError, dumps, examples
from ctocmodel._io import fast_codec, parse_json
from ctocmodel.converters import make_converter, structure
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, mutated_documents

pytestmark = pytest.mark.skipif(fast_codec() is None, reason="msgspec is not installed")

CONVERTER = make_converter()


def canonical(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def detailed(data: bytes) -> Dataset | None:
    try:
        return structure(CONVERTER, parse_json(data))
    except ValidationError:
        return None


def fast(data: bytes) -> Dataset | None:
    codec = fast_codec()
    assert codec is not None
    return codec.loads(data)


def agree(data: bytes) -> None:
    """Assert the two paths agree on *data*; canonical documents must take the fast path."""
    slow_result, fast_result = detailed(data), fast(data)
    if fast_result is not None:
        assert slow_result == fast_result
    if slow_result is not None and dumps(slow_result).encode() == data:
        assert fast_result == slow_result


@given(datasets())
def test_paths_agree_on_valid_datasets(dataset: Dataset) -> None:
    """A valid dataset in canonical form is read the same, and fast, by both paths."""
    data = dumps(dataset).encode()
    assert fast(data) == dataset
    assert detailed(data) == dataset


@given(datasets())
def test_both_writers_write_the_same_bytes(dataset: Dataset) -> None:
    """msgspec's encoding is exactly the canonical form cattrs and the json module write."""
    expected = canonical(CONVERTER.unstructure(dataset))
    assert dumps(dataset).encode() == expected


SAMPLES = st.sampled_from([examples.cop7(), synthetic_dataset(seed=7, size=1)])


@settings(max_examples=300)
@given(mutated_documents(SAMPLES))
def test_paths_agree_on_mutated_documents(document: Any) -> None:
    """After any small change, both paths accept or refuse alike, and read the same dataset."""
    agree(canonical(document))


def test_repeated_keys_never_take_the_fast_path() -> None:
    """A key repeated in an object sends the document to the detailed path, which refuses it."""
    data = dumps(examples.cop7()).replace('"kind":"un_entity"', '"kind":"ngo","kind":"un_entity"')
    assert fast(data.encode()) is None
    assert detailed(data.encode()) is None


def test_unknown_keys_never_take_the_fast_path() -> None:
    """msgspec ignores unknown keys; the canonical comparison catches them."""
    data = dumps(examples.cop7()).replace('"kind":"un_entity"', '"kind":"un_entity","kinds":1', 1)
    assert fast(data.encode()) is None
    assert detailed(data.encode()) is None


def test_final_newline_is_accepted_by_the_fast_path() -> None:
    """The file that dump writes, with its final newline, takes the fast path."""
    data = (dumps(examples.cop7()) + "\n").encode()
    assert fast(data) == examples.cop7()

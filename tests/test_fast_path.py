"""The fast path (msgspec) and the detailed path (cattrs) accept exactly the same documents."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import Dataset, ValidationError, dumps, examples, loads
from ctocmodel._io import fast_codec, parse_json
from ctocmodel._limits import Limits, fast_path_allowed, model_depth
from ctocmodel._model._checks import url_ok
from ctocmodel.converters import make_converter, structure
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, mutated_documents

pytestmark = pytest.mark.skipif(fast_codec() is None, reason="msgspec is not installed")

CONVERTER = make_converter()


def canonical(document: Any) -> bytes:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate gives bytes both refuse


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


def test_a_stricter_fast_verdict_still_takes_the_fast_path() -> None:
    """A record only the fast verdict doubts (a URL with a non-ASCII path) is read fast."""
    cop7 = examples.cop7()
    organization = attrs.evolve(cop7.organizations[0], website="https://example.org/é")
    dataset = attrs.evolve(cop7, organizations=(organization, *cop7.organizations[1:]))
    data = dumps(dataset).encode()
    assert url_ok(organization.website) is False  # the fast verdict is stricter here
    assert fast(data) == dataset


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


# Limits: the fast path checks only what is cheap, so it must never accept a document
# that the detailed path, which checks every limit exactly, refuses.

SHAPE_LIMITS = st.builds(
    Limits,
    max_depth=st.none() | st.integers(1, 12),
    max_string=st.none() | st.integers(1, 120),
    max_items=st.none() | st.integers(1, 12),
    max_problems=st.none() | st.integers(1, 5),
)


def detailed_under(data: bytes, limits: Limits) -> Dataset | None:
    try:
        return structure(
            CONVERTER, parse_json(data, limits=limits), max_problems=limits.max_problems
        )
    except ValidationError:
        return None


def fast_under(data: bytes, limits: Limits) -> Dataset | None:
    return fast(data) if fast_path_allowed(data, limits) else None


def loaded_under(data: bytes, limits: Limits) -> Dataset | None:
    try:
        return loads(data, limits=limits)
    except ValidationError:
        return None


@settings(max_examples=200)
@given(datasets(), SHAPE_LIMITS)
def test_paths_agree_under_any_limits(dataset: Dataset, limits: Limits) -> None:
    """Under any limits, the fast path reads a valid document only if the detailed path does."""
    data = dumps(dataset).encode()
    slow = detailed_under(data, limits)
    quick = fast_under(data, limits)
    if quick is not None:
        assert slow == quick
    assert loaded_under(data, limits) == slow


@settings(max_examples=200)
@given(mutated_documents(SAMPLES), SHAPE_LIMITS)
def test_paths_agree_on_mutated_documents_under_any_limits(document: Any, limits: Limits) -> None:
    """After any small change and under any limits, both paths accept or refuse alike."""
    data = canonical(document)
    slow = detailed_under(data, limits)
    quick = fast_under(data, limits)
    if quick is not None:
        assert slow == quick
    assert loaded_under(data, limits) == slow


def test_the_model_depth_is_what_documents_reach() -> None:
    """A synthetic document nests as deeply as the model allows; one level less is refused."""
    data = dumps(synthetic_dataset(seed=7, size=1)).encode()
    depth = model_depth()
    assert fast_path_allowed(data, Limits(max_depth=depth))
    assert not fast_path_allowed(data, Limits(max_depth=depth - 1))
    assert loads(data, limits=Limits(max_depth=depth)) == synthetic_dataset(seed=7, size=1)
    with pytest.raises(ValidationError, match=f"more than the limit of {depth - 1} levels"):
        loads(data, limits=Limits(max_depth=depth - 1))


def test_a_long_string_never_takes_the_fast_path() -> None:
    """A canonical document with a string over max_string goes the detailed way, refused there."""
    data = dumps(examples.cop7()).replace(
        '"summary":null', '"summary":{"en":"' + "x" * 200 + '"}', 1
    )
    limits = Limits(max_string=150)
    assert fast(data.encode()) is not None
    assert not fast_path_allowed(data.encode(), limits)
    with pytest.raises(ValidationError) as caught:
        loads(data, limits=limits)
    [problem] = caught.value.errors
    assert problem.path.endswith("/summary/en")
    assert problem.message.startswith("the string has 200 characters, over the limit of 150")


def test_integers_beyond_64_bits_never_take_the_fast_path() -> None:
    """msgspec reads integers of any size; the fast path refuses those the detailed path does."""
    for value in (2**63, 2**64, 10**30):
        data = dumps(examples.cop7()).replace('"value":90', f'"value":{value}', 1).encode()
        assert fast(data) is None
        assert detailed(data) is None
    data = dumps(examples.cop7()).replace('"value":90', f'"value":{2**63 - 1}', 1).encode()
    assert fast(data) is not None
    assert detailed(data) == fast(data)


def test_a_long_text_in_another_script_keeps_the_fast_path() -> None:
    """Characters are counted, not bytes: 400,000 Chinese characters (1.2 MB) are within limits."""
    text = "\u4e2d" * 400_000
    data = dumps(examples.cop7()).replace('"summary":null', '"summary":{"zh":"' + text + '"}', 1)
    assert fast_path_allowed(data.encode(), Limits())
    assert not fast_path_allowed(data.encode(), Limits(max_string=399_999))
    assert loads(data).conferences[0].sessions[0].meetings[0].summary == {"zh": text}

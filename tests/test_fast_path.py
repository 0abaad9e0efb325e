"""The fast path (msgspec) and the detailed path (cattrs) accept exactly the same documents."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import Dataset, Limits, ValidationError, dumps, examples, loads
from ctocmodel._io import _escapes_canonical, fast_codec, parse_json
from ctocmodel._limits import model_depth
from ctocmodel.converters import make_converter, structure
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, mutated_documents

pytestmark = pytest.mark.skipif(fast_codec() is None, reason="msgspec is not installed")

CONVERTER = make_converter()


def canonical(document: Any) -> bytes:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate gives bytes both refuse


def reversed_keys(document: Any) -> Any:
    if isinstance(document, dict):
        return {key: reversed_keys(document[key]) for key in reversed(list(document))}
    if isinstance(document, list):
        return [reversed_keys(item) for item in document]
    return document


# The same document as people and tools write it: each must take the fast path.
WRITINGS = {
    "canonical": lambda doc: canonical(doc),
    "indented, sorted": lambda doc: json.dumps(doc, indent=2, sort_keys=True).encode(),
    "json.dumps defaults": lambda doc: json.dumps(doc).encode(),
    "keys reversed, UTF-8": lambda doc: json.dumps(
        reversed_keys(doc), indent=1, ensure_ascii=False
    ).encode(),
    "tabs and CRLF": lambda doc: json.dumps(doc, indent="\t").replace("\n", "\r\n").encode(),
}


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
    """Assert the two paths agree on *data*: the fast path accepts only what cattrs accepts."""
    slow_result, fast_result = detailed(data), fast(data)
    if fast_result is not None:
        assert slow_result == fast_result
        assert dumps(fast_result) == dumps(slow_result)


@given(datasets(), st.sampled_from(sorted(WRITINGS)))
def test_valid_datasets_take_the_fast_path_however_written(dataset: Dataset, writing: str) -> None:
    """A valid dataset written compact, indented, in any key order or escaped is read fast."""
    data = WRITINGS[writing](json.loads(dumps(dataset)))
    assert fast(data) == dataset
    assert detailed(data) == dataset


@given(datasets())
def test_both_writers_write_the_same_bytes(dataset: Dataset) -> None:
    """msgspec's encoding is exactly the canonical form cattrs and the json module write."""
    expected = canonical(CONVERTER.unstructure(dataset))
    assert dumps(dataset).encode() == expected


SAMPLES = st.sampled_from([examples.cop7(), synthetic_dataset(seed=7, size=1)])


@settings(max_examples=300)
@given(mutated_documents(SAMPLES), st.sampled_from(sorted(WRITINGS)))
def test_paths_agree_on_mutated_documents(document: Any, writing: str) -> None:
    """After any small change, however written, the fast path accepts only what cattrs accepts."""
    try:
        data = WRITINGS[writing](document)
    except UnicodeEncodeError:  # a lone surrogate: written as canonical bytes instead
        data = canonical(document)
    agree(data)


def test_bundled_record_takes_the_fast_path() -> None:
    """The bundled file, indented with a final newline, is read on the fast path."""
    assert fast(examples.cop7_json().encode()) == examples.cop7()


def test_a_url_with_a_non_ascii_path_takes_the_fast_path() -> None:
    """A record whose value needs the full check (a URL with a non-ASCII path) is read fast."""
    cop7 = examples.cop7()
    organization = attrs.evolve(cop7.organizations[0], website="https://example.org/é")
    dataset = attrs.evolve(cop7, organizations=(organization, *cop7.organizations[1:]))
    assert fast(dumps(dataset).encode()) == dataset


CANONICAL = dumps(examples.cop7())


@pytest.mark.parametrize(
    "text",
    [
        CANONICAL.replace('"kind":"un_entity"', '"kind":"ngo","kind":"un_entity"', 1),
        CANONICAL.replace('"kind":"un_entity"', '"kind":"un_entity","kind":"un_entity"', 1),
        json.dumps(json.loads(CANONICAL), indent=2).replace(
            '"kind": "un_entity"', '"kind": "un_entity",\n"kind": "un_entity"', 1
        ),
        CANONICAL.replace('{"en":', '{"en":"x","en":', 1),
        # A key repeated, and colons escaped where the canonical text has them plain:
        # counting '":' in the text would find as many keys as the canonical form has.
        CANONICAL.replace('"title":{"en":"', '"title":{"en":"\\u003a","en":"\\u003a', 1),
    ],
    ids=["different values", "same value", "indented", "in a text", "escaped colon"],
)
def test_repeated_keys_never_take_the_fast_path(text: str) -> None:
    """A key repeated in an object, however written, goes to the detailed path, which refuses it."""
    assert fast(text.encode()) is None
    assert detailed(text.encode()) is None


@pytest.mark.parametrize(
    "text",
    [
        CANONICAL.replace('"kind":"un_entity"', '"kind":"un_entity","kinds":1', 1),
        json.dumps(json.loads(CANONICAL), indent=2).replace(
            '"kind": "un_entity"', '"kind": "un_entity", "kinds": 1', 1
        ),
    ],
    ids=["canonical", "indented"],
)
def test_unknown_keys_never_take_the_fast_path(text: str) -> None:
    """msgspec ignores unknown keys; the proof catches them, compact or indented."""
    assert fast(text.encode()) is None
    assert detailed(text.encode()) is None


def test_values_written_otherwise_never_take_the_fast_path() -> None:
    """A date-time msgspec reads but the format refuses goes to the detailed path."""
    document = json.loads(dumps(synthetic_dataset(seed=1, size=1)))
    meetings = document["conferences"][0]["sessions"][0]["meetings"]
    start = next(meeting for meeting in meetings if meeting["start"])["start"]
    text = json.dumps(document, indent=2).replace(start, start.replace("T", "t"), 1)
    assert fast(text.encode()) is None
    assert detailed(text.encode()) is None


def test_absent_fields_are_read_by_the_detailed_path() -> None:
    """A document that leaves out fields with defaults is valid, read by the detailed path."""
    text = '{"schema_version": "1.0", "topics": [{"id": "a", "label": {"en": "A"}}]}'
    assert fast(text.encode()) is None
    assert loads(text).topics[0].broader is None


def test_the_model_depth_is_what_documents_reach() -> None:
    """A synthetic document nests as deeply as the model allows; one level less is refused."""
    data = dumps(synthetic_dataset(seed=7, size=1)).encode()
    depth = model_depth()
    assert loads(data, limits=Limits(max_depth=depth)) == synthetic_dataset(seed=7, size=1)
    with pytest.raises(ValidationError, match=f"more than the limit of {depth - 1} levels"):
        loads(data, limits=Limits(max_depth=depth - 1))


def test_integers_beyond_64_bits_never_take_the_fast_path() -> None:
    """msgspec reads integers of any size; the fast path refuses those the detailed path does."""
    for value in (2**63, 2**64, 10**30):
        data = CANONICAL.replace('"value":90', f'"value":{value}', 1).encode()
        assert fast(data) is None
        assert detailed(data) is None
    data = CANONICAL.replace('"value":90', f'"value":{2**63 - 1}', 1).encode()
    assert fast(data) is not None
    assert detailed(data) == fast(data)


def compact_ascii(dataset: Dataset) -> bytes:
    """The dataset as ``json.dumps`` writes it by default, without whitespace."""
    return json.dumps(json.loads(dumps(dataset)), separators=(",", ":"), sort_keys=True).encode()


@given(datasets())
def test_json_dumps_escapes_are_proved_without_a_second_parse(dataset: Dataset) -> None:
    """Text escaped as json.dumps escapes it is recognised exactly when it can be.

    The canonical text must escape nothing itself, and a character beyond the Basic
    Multilingual Plane is escaped as a surrogate pair, which the codec does not join:
    those documents are proved by the general proof instead.
    """
    canonical_text = dumps(dataset).encode()
    provable = b"\\" not in canonical_text and all(
        ord(character) <= 0xFFFF for character in canonical_text.decode()
    )
    escaped = compact_ascii(dataset)
    assert _escapes_canonical(escaped, canonical_text) == (provable and escaped != canonical_text)


@pytest.mark.parametrize(
    ("compact", "canonical_text"),
    [
        # Each pair is read alike by the unicode_escape codec; one condition tells them apart.
        ('["\\u00e9","\u00e9"]'.encode(), '["\u00e9","\u00c3\u00a9"]'.encode()),
        (b'["\\u00e9\\x41"]', '["\u00e9A"]'.encode()),
        (b'{"a":"\\u00e9\\u0022,\\u0022b\\u0022:\\u0022"}', '{"a":"\u00e9","b":""}'.encode()),
        (b'["\\u00e9\\u005c","b"]', '["\u00e9\\","b"]'.encode()),
    ],
    ids=["not ASCII", "another escape", "escaped quotation mark", "canonical escapes"],
)
def test_escapes_that_could_change_the_values_are_not_proved(
    compact: bytes, canonical_text: bytes
) -> None:
    """Only plain \\u escapes of characters other than the quotation mark are undone."""
    assert compact.decode("unicode_escape") == canonical_text.decode("utf-8")
    assert not _escapes_canonical(compact, canonical_text)

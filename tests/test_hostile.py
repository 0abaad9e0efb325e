"""Hostile input: every case is a ValidationError, in bounded time and memory.

Each case of `CASES` is read by `ctocmodel.loads`; the test asserts the refusal and
its message, prints the time and peak memory it took (run with ``-s`` to see them;
``python benchmarks/hostile.py`` prints the same table at full size), and asserts only
a generous bound on memory, never on time. The properties below check that the
scans behind `ctocmodel.Limits` never miss what they look for.
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import ValidationError, check_jsonl, dumps, examples, load, load_jsonl, loads
from ctocmodel._limits import DEFAULT_LIMITS, Limits, too_deep

MB = 1_000_000
HEAD = b'{"schema_version":"1.0",'

# Reading builds Python objects: an empty object or array is 56 to 90 bytes for the two
# or three bytes it takes in JSON. A document with more than one per 4 bytes is refused
# (no dataset is that dense), which keeps the worst shapes within 27 times their size
# (SECURITY.md); ordinary documents take about 5 times. Memory is bounded by that and
# `Limits.max_bytes`. The constant covers what the first reads cache.
MEMORY_FACTOR = 27
MEMORY_CONSTANT = 32 * MB


@attrs.frozen
class Case:
    """One hostile input, the fragment its refusal must contain, and where."""

    name: str
    data: Callable[[], bytes | str]
    fragment: str
    path: str | None = None
    limits: Limits | None = None


def session(number: str) -> bytes:
    """A document whose one session has *number* (JSON text) as its number."""
    return (
        b'{"schema_version":"1.0","conferences":[{"id":"c","name":{"en":"C"},"sessions":'
        b'[{"id":"s","number":' + number.encode() + b',"start":"2014-10-06",'
        b'"end":"2014-10-10"}]}]}'
    )


def person(name: bytes) -> bytes:
    """A document with one person whose name is *name* (raw bytes between the quotes)."""
    return HEAD + b'"people":[{"id":"p","name":"' + name + b'"}]}'


def canonical_with(old: str, new: str) -> bytes:
    """The canonical bundled record with *old* replaced by *new* (which the fast path reads)."""
    text = dumps(examples.cop7())
    assert old in text
    return text.replace(old, new, 1).encode()


def array_of(item: bytes, count: int) -> bytes:
    """A document whose people are *count* times *item*."""
    return HEAD + b'"people":[' + b",".join([item] * count) + b"]}"


DEEP = 100_000
CHAIN = b"[" * 62 + b"]" * 62  # arrays nested 62 deep: 124 bytes, 62 lists


def unknown(items: bytes, count: int) -> bytes:
    """A document whose unknown key "x" holds an array of *count* times *items*."""
    return HEAD + b'"x":[' + b",".join([items] * count) + b"]}"


CASES = [
    Case(
        "arrays nested 62 deep, 2 MB of them",
        lambda: unknown(CHAIN, 2 * MB // 125),
        "more than one per 4 bytes, which no dataset has",
        path="",
    ),
    Case(
        "arrays nested 62 deep, one per 4 bytes",
        lambda: unknown(CHAIN + b" " * 124, 2 * MB // 249),
        "unknown field 'x'",
        path="/x",
    ),
    Case(
        "empty objects, one per 4 bytes",
        lambda: unknown(b"{} ", 2 * MB // 4),
        "unknown field 'x'",
        path="/x",
    ),
    Case(
        "objects of one key, as dense as allowed",
        lambda: unknown(b'{"a":7}', 2 * MB // 8),
        "unknown field 'x'",
        path="/x",
    ),
    Case(
        "200,000 keys in one object",
        lambda: HEAD + b'"x":{' + b",".join(b'"k%d":0' % i for i in range(200_000)) + b"}}",
        "unknown field 'x'",
        path="/x",
    ),
    Case("deep nesting: 100,000 arrays", lambda: b"[" * DEEP, "nested too deeply"),
    Case("deep nesting: 100,000 objects", lambda: b'{"a":' * DEEP, "nested too deeply"),
    Case("deep nesting: arrays in objects", lambda: b'{"a":[' * (DEEP // 2), "nested too deeply"),
    Case(
        "deep nesting: closed, 100,000 levels",
        lambda: b"[" * DEEP + b"]" * DEEP,
        "nested too deeply",
    ),
    Case(
        "deep nesting: in a document's people",
        lambda: HEAD + b'"people":' + b"[" * 100 + b"]" * 100 + b"}",
        "levels at /people/0/0/0",
    ),
    Case(
        "deep nesting: brackets in strings do not count",
        lambda: b'{"a":"' + b"[" * DEEP + b'","b":' + b'{"b":' * 100 + b"1" + b"}" * 101,
        "levels at /b/b/b",
    ),
    Case(
        "a 50 MB string as an unknown key",
        lambda: HEAD + b'"' + b"k" * (50 * MB) + b'":1}',
        "unknown field 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk'... (50,000,000 characters)",
        path="/" + "k" * (50 * MB),
    ),
    Case(
        "a million numbers where people belong",
        lambda: array_of(b"1", MB),
        "the limit of 1,000 problems was reached",
        path="",
    ),
    Case(
        "a million people without a name",
        lambda: array_of(b'{"id":"p"}', MB),
        "the limit of 1,000 problems was reached",
        path="",
    ),
    Case(
        "a million empty arrays where people belong",
        lambda: array_of(b"[]", MB),
        "more than one per 4 bytes, which no dataset has",
        path="",
    ),
    Case(
        "a thousand empty arrays where people belong",
        lambda: array_of(b"[]", 1000),
        "expected an object (Person), got an array",
        path="/people/999",
    ),
    Case(
        "20,000 copies of one person",
        lambda: canonical_with(
            '"people":[',
            '"people":[' + '{"id":"x","name":"X","positions":[],"sources":[]},' * 20_000,
        ),
        "the person id 'x' is already used by /people/0",
        path="/people/1/id",
    ),
    Case(
        "a document over max_bytes",
        lambda: dumps(examples.cop7()).encode(),
        "over the limit of 1,000 bytes (1.0 kB); pass limits=Limits(max_bytes=...)",
        path="",
        limits=Limits(max_bytes=1000),
    ),
    Case(
        "a text over max_bytes",
        lambda: dumps(examples.cop7()),
        "the document is at least",
        path="",
        limits=Limits(max_bytes=1000),
    ),
    Case(
        "a key repeated in one object",
        lambda: b'{"schema_version":"1.0","schema_version":"1.0"}',
        "the key 'schema_version' appears more than once",
        path="/schema_version",
    ),
    Case(
        "a key repeated in a person",
        lambda: HEAD + b'"people":[{"id":"p","name":"A","name":"B"}]}',
        "the key 'name' appears more than once in this object; keep one",
        path="/people/0/name",
    ),
    Case(
        "a UTF-8 byte-order mark",
        lambda: b"\xef\xbb\xbf" + dumps(examples.cop7()).encode(),
        "starts with a byte-order mark",
        path="",
    ),
    Case(
        "a byte-order mark in text",
        lambda: "\ufeff" + dumps(examples.cop7()),
        "starts with a byte-order mark",
        path="",
    ),
    Case("invalid UTF-8: an overlong '/'", lambda: person(b"\xc0\xaf"), "not valid UTF-8 (byte"),
    Case("invalid UTF-8: a lone continuation byte", lambda: person(b"\x80"), "not valid UTF-8"),
    Case("invalid UTF-8: a truncated sequence", lambda: person(b"\xe2\x82"), "not valid UTF-8"),
    Case("invalid UTF-8: an encoded surrogate", lambda: person(b"\xed\xa0\x80"), "not valid UTF-8"),
    Case(
        "a lone surrogate as an escape",
        lambda: person(b"\\ud800"),
        "text contains a lone surrogate U+D800",
        path="/people/0/name",
    ),
    Case(
        "a lone surrogate in text",
        lambda: person(b"SURROGATE").decode().replace("SURROGATE", "\ud800"),
        "text contains a lone surrogate U+D800",
        path="/people/0/name",
    ),
    Case(
        "an integer of 2**64",
        lambda: session(str(2**64)),
        "expected an integer of 64 bits",
        path="/conferences/0/sessions/0/number",
    ),
    Case(
        "an integer of 2**63 in canonical form",
        lambda: canonical_with('"value":90', f'"value":{2**63}'),
        "expected an integer of 64 bits",
        path="/conferences/0/sessions/0/figures/0/count/value",
    ),
    Case("an integer of 10**5000", lambda: session("1" + "0" * 5000), "4300 digits", path=""),
    Case(
        "a float for an integer: 7.0",
        lambda: session("7.0"),
        "expected an integer, got a number (7.0)",
        path="/conferences/0/sessions/0/number",
    ),
    Case(
        "a float for an integer: 1e2",
        lambda: session("1e2"),
        "expected an integer, got a number (100.0)",
        path="/conferences/0/sessions/0/number",
    ),
    Case("empty input", lambda: b"", "the input is empty", path=""),
    Case("empty text", lambda: "", "the input is empty", path=""),
    Case("whitespace only", lambda: b" \t\r\n ", "the input is empty", path=""),
    Case("10 MB of whitespace", lambda: b" " * (10 * MB), "the input is empty", path=""),
    Case("a number at the top", lambda: b"7", "expected a dataset, got an integer (7)", path=""),
    Case("a string at the top", lambda: b'"x"', "expected a dataset, got a string", path=""),
    Case("null at the top", lambda: b"null", "expected a dataset, got null", path=""),
    Case("an array at the top", lambda: b"[]", "expected a dataset, got an array", path=""),
    Case(
        "NaN for an integer",
        lambda: session("NaN"),
        "NaN, which JSON does not allow",
        path="/conferences/0/sessions/0/number",
    ),
    Case(
        "Infinity for an integer",
        lambda: session("Infinity"),
        "Infinity, which JSON does not allow",
        path="/conferences/0/sessions/0/number",
    ),
    Case(
        "-Infinity for an integer",
        lambda: session("-Infinity"),
        "-Infinity, which JSON does not allow",
        path="/conferences/0/sessions/0/number",
    ),
    Case("a NUL byte after the document", lambda: HEAD[:-1] + b"}\x00", "Extra data", path=""),
    Case("a NUL byte alone", lambda: b"\x00", "not valid JSON: Expecting value", path=""),
    Case("a raw NUL byte in a name", lambda: person(b"a\x00b"), "Invalid control character"),
    Case(
        "an escaped NUL in a name",
        lambda: person(b"a\\u0000b"),
        "text contains the control character U+0000",
        path="/people/0/name",
    ),
]

# Documents that only look hostile: the defaults must read them.
ACCEPTED = [
    Case(
        "a 995,000-character summary",
        lambda: canonical_with('"summary":null', '"summary":{"en":"' + "x" * 995_000 + '"}'),
        "",
    ),
    Case("a document nested as deeply as the model allows", lambda: dumps(examples.cop7()), ""),
    Case("a 50 MB name", lambda: person(b"x" * (50 * MB)), ""),
    Case("a 2 MB name of escapes", lambda: person(b'\\"' * MB), ""),
]


def measure(case: Case) -> tuple[BaseException | None, float, int, int]:
    """Read *case*; return the exception, the seconds and the peak bytes it took, and its size."""
    data = case.data()
    size = len(data)
    caught: BaseException | None = None
    tracemalloc.start()
    start = time.perf_counter()
    try:
        loads(data, limits=case.limits)
    except BaseException as error:  # anything but a ValidationError fails the test
        caught = error
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return caught, seconds, peak, size


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Build the converter and the caches before anything is measured."""
    with pytest.raises(ValidationError):
        loads(person(b"\\u0000") + b" ")
    loads(dumps(examples.cop7()))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_is_a_validation_error(case: Case) -> None:
    """The input is refused with a ValidationError that says why and where, in bounded memory."""
    caught, seconds, peak, size = measure(case)
    print(
        f"{case.name}: {seconds * 1000:,.1f} ms, peak {peak / MB:,.1f} MB for {size / MB:,.2f} MB"
    )
    assert isinstance(caught, ValidationError), repr(caught)
    matching = [p for p in caught.errors if case.fragment in p.message]
    assert matching, str(caught)
    if case.path is not None:
        assert case.path in [p.path for p in matching], str(caught)
    assert peak < MEMORY_FACTOR * size + MEMORY_CONSTANT


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda case: case.name)
def test_what_only_looks_hostile_is_read(case: Case) -> None:
    """Documents near the shapes refused above, but valid, are read under the default limits."""
    caught, seconds, peak, size = measure(case)
    print(
        f"{case.name}: {seconds * 1000:,.1f} ms, peak {peak / MB:,.1f} MB for {size / MB:,.2f} MB"
    )
    assert caught is None, repr(caught)
    assert peak < MEMORY_FACTOR * size + MEMORY_CONSTANT


def test_the_problem_limit_keeps_the_first_problems_in_order() -> None:
    """Past max_problems the report keeps the first problems found, sorted, and says so."""
    with pytest.raises(ValidationError) as caught:
        loads(array_of(b"1", 50), limits=Limits(max_problems=10))
    paths = [problem.path for problem in caught.value.errors]
    assert paths == ["", *[f"/people/{i}" for i in range(10)]]
    assert "the limit of 10 problems was reached" in caught.value.errors[0].message


def test_without_a_problem_limit_every_problem_is_reported() -> None:
    """max_problems=None reports every problem, as before limits existed."""
    with pytest.raises(ValidationError) as caught:
        loads(array_of(b"1", 1500), limits=Limits(max_problems=None))
    assert len(caught.value.errors) == 1500


def test_unknown_keys_are_listed_up_to_the_problem_limit() -> None:
    """An object with more unknown keys than max_problems lists that many, and says so."""
    data = HEAD + b",".join(b'"k%d":1' % i for i in range(30)) + b"}"
    with pytest.raises(ValidationError) as caught:
        loads(data, limits=Limits(max_problems=5))
    assert len(caught.value.errors) == 6
    assert "the limit of 5 problems" in caught.value.errors[0].message


def test_a_text_with_many_bad_languages_is_cut_at_the_problem_limit() -> None:
    """A multilingual text with thousands of bad tags reports at most max_problems of them."""
    tags = b",".join(b'"x%d":"t"' % i for i in range(5000))
    data = canonical_with('"name":{"en":"United Nations', '"name":{' + tags.decode() + ',"en":"U')
    with pytest.raises(ValidationError) as caught:
        loads(data, limits=Limits(max_problems=100))
    assert 100 <= len(caught.value.errors) <= 102
    assert "the limit of 100 problems" in caught.value.errors[0].message


def test_no_limit_at_all_still_refuses_deep_nesting() -> None:
    """Limits.none() lifts every limit, but a depth Python cannot parse is still refused."""
    with pytest.raises(ValidationError, match="nested too deeply"):
        loads(b"[" * DEEP, limits=Limits.none())
    with pytest.raises(ValidationError, match="unknown field"):
        loads(HEAD + b'"x":"' + b"y" * 2_000_000 + b'"}', limits=Limits.none())


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"max_bytes": 0}, ValueError, "max_bytes must be at least 1"),
        ({"max_depth": -1}, ValueError, "max_depth must be at least 1"),
        ({"max_depth": True}, TypeError, "max_depth must be an integer or None"),
        ({"max_bytes": 1.5}, TypeError, "max_bytes must be an integer or None"),
        ({"max_problems": "10"}, TypeError, "max_problems must be an integer or None"),
    ],
)
def test_limits_are_checked(
    arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A limit is a positive integer or None; anything else is a programming error."""
    with pytest.raises(error, match=message):
        Limits(**arguments)


def test_limits_must_be_limits() -> None:
    """Passing something else than Limits or None as limits is a TypeError."""
    with pytest.raises(TypeError, match="expected limits=Limits"):
        loads(b"{}", limits={"max_bytes": 10})  # type: ignore[arg-type]


def test_defaults_and_none() -> None:
    """The defaults are the documented ones, and Limits.none() has no limit at all."""
    assert attrs.asdict(DEFAULT_LIMITS) == {
        "max_bytes": 512_000_000,
        "max_depth": 64,
        "max_problems": 1_000,
    }
    assert set(attrs.asdict(Limits.none()).values()) == {None}


def test_a_file_over_the_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load refuses a file over max_bytes from its size, without reading it."""
    target = tmp_path / "big.json"
    target.write_bytes(b" " * 5000)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(ValidationError, match="the file is 5,000 bytes"):
        load(target, limits=Limits(max_bytes=4000))


def test_a_stream_over_the_limit_is_read_only_up_to_it() -> None:
    """load reads at most one byte past max_bytes from an open file."""
    stream = io.BytesIO(b" " * 10_000)
    with pytest.raises(ValidationError, match="the document is at least 4,001 bytes"):
        load(stream, limits=Limits(max_bytes=4000))
    assert stream.tell() == 4001


def test_a_long_line_is_skipped_and_the_next_ones_read(tmp_path: Path) -> None:
    """In JSON Lines, a line over max_bytes is reported with its size, and reading goes on."""
    good = dumps(examples.cop7()).encode()
    target = tmp_path / "archive.jsonl"
    target.write_bytes(good + b"\n" + b"x" * (3 * len(good)) + b"\r\n" + good + b"\n")
    errors = list(check_jsonl(target, limits=Limits(max_bytes=len(good))))
    assert [str(error.errors[0]).split(" (")[0] for error in errors] == [
        f"line 2: the line is {3 * len(good):,} bytes"
    ]
    assert (
        len(list(load_jsonl(io.BytesIO(good + b"\n" + good), limits=Limits(max_bytes=len(good)))))
        == 2
    )


def test_limits_apply_to_each_line() -> None:
    """A line that passes the depth limit is refused on that line, saying where."""
    lines = [b'{"schema_version":"1.0"}', HEAD + b'"people":' + b"[" * 20 + b"]" * 20 + b"}"]
    [error] = check_jsonl(lines, limits=Limits(max_depth=10))
    [problem] = error.errors
    assert (problem.line, problem.path) == (2, "")
    assert "levels at /people/0/0/0/0/0/0/0/0/0" in problem.message


# ---------------------------------------------------------------------------------------
# The scans never miss: checked against a direct computation on the parsed value.

NASTY = st.text(alphabet=st.sampled_from('ab"\\[]{},:\n\u00e9\u4e2d\U0001f600'), max_size=12)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | NASTY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NASTY, inner, max_size=4),
    max_leaves=30,
)


def shape(value: Any) -> tuple[int, int, int]:
    """Depth, longest string (keys included) and largest array or object of *value*."""
    if isinstance(value, str):
        return 0, len(value), 0
    if isinstance(value, list | dict):
        parts = [shape(item) for item in (value.values() if isinstance(value, dict) else value)]
        keys = [len(key) for key in value] if isinstance(value, dict) else []
        return (
            1 + max((part[0] for part in parts), default=0),
            max([*keys, *(part[1] for part in parts)], default=0),
            max([len(value), *(part[2] for part in parts)]),
        )
    return 0, 0, 0


def encodings(value: Any) -> list[bytes]:
    """*value* as compact, indented and ASCII-only JSON."""
    return [
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(),
        json.dumps(value, ensure_ascii=False, indent=1).encode(),
        json.dumps(value).encode(),
    ]


LIMIT = st.integers(1, 8)


@settings(max_examples=300)
@given(JSON_VALUES, LIMIT)
def test_the_bracket_scan_measures_depth_exactly(value: Any, limit: int) -> None:
    """Brackets inside strings never count, escaped quotes never end a string."""
    for data in encodings(value):
        assert too_deep(data, Limits(max_depth=limit)) == (shape(value)[0] > limit)


@settings(max_examples=300)
@given(JSON_VALUES, LIMIT)
def test_a_document_too_deep_is_refused_saying_where(value: Any, limit: int) -> None:
    """Past max_depth, loads names the limit and a container that passes it."""
    if shape(value)[0] <= limit:
        return
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps({"x": value}), limits=Limits(max_depth=limit + 1))
    [problem] = caught.value.errors
    assert f"more than the limit of {limit + 1} levels at /x" in problem.message


def test_the_security_table_lists_every_case() -> None:
    """SECURITY.md's table of hostile inputs, written by benchmarks/hostile.py, is current."""
    text = (Path(__file__).parents[1] / "SECURITY.md").read_text(encoding="utf-8")
    table = text.split("<!-- hostile table: begin -->", 1)[1].split("<!-- hostile table: end -->")[
        0
    ]
    missing = [case.name for case in [*CASES, *ACCEPTED] if f"| {case.name} |" not in table]
    assert missing == [], "run python benchmarks/hostile.py --write SECURITY.md"

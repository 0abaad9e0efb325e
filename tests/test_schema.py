"""The JSON Schema: generated from the model, shipped up to date, and in agreement with loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import ValidationError, dumps, examples, loads
from ctocmodel import schema as schema_module
from ctocmodel.schema import UNEXPRESSED_RULES, json_schema, schema_text, shipped_json_schema
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, mutated_documents

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def schema_accepts(document: Any) -> bool:
    return VALIDATOR.is_valid(document)


def library_problems(document: Any) -> list[str] | None:
    try:
        loads(json.dumps(document, ensure_ascii=False))
    except ValidationError as error:
        return [problem.message for problem in error.errors]
    return None


def test_schema_is_valid_draft_2020_12() -> None:
    """The generated schema is itself a valid JSON Schema of draft 2020-12."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_shipped_copy_is_up_to_date() -> None:
    """The schema shipped in the package is exactly what the model generates today."""
    shipped = Path(__file__).parents[1] / "src" / "ctocmodel" / "dataset.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(), (
        "dataset.schema.json is stale: run ctocmodel schema -o src/ctocmodel/dataset.schema.json"
    )
    assert shipped_json_schema() == SCHEMA


def test_every_record_is_closed_and_described() -> None:
    """Each record definition refuses unknown keys and carries a description."""
    records = {name: d for name, d in SCHEMA["$defs"].items() if d.get("type") == "object"}
    assert {"Organization", "Session", "SideEvent", "Dialogue", "Count"} <= set(records)
    for name, definition in records.items():
        if "properties" in definition:
            assert definition["additionalProperties"] is False, name
            assert definition["description"], name
    assert SCHEMA["additionalProperties"] is False


def test_unexpressed_rules_are_listed_in_the_description() -> None:
    """The rules JSON Schema cannot express are named in the schema's own description."""
    for rule in UNEXPRESSED_RULES:
        assert rule in SCHEMA["description"]


def test_bundled_and_synthetic_records_validate() -> None:
    """The bundled COP7 record and synthetic datasets validate, formats checked."""
    assert schema_accepts(json.loads(examples.cop7_json()))
    assert schema_accepts(json.loads(dumps(synthetic_dataset(seed=3, size=1))))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("schema_version",), "2.0"),
        (("organizations", 0, "kind"), "club"),
        (("organizations", 0, "name"), {}),
        (("organizations", 0, "name"), {"EN": "x"}),
        (("organizations", 0, "name"), {"en": "   "}),
        (("organizations", 0, "name"), {"en": "a\u0000b"}),
        (("organizations", 0, "country"), "XK"),
        (("organizations", 0, "id"), "UNODC"),
        (("people", 0, "name"), 7),
        (("conferences", 0, "sessions", 0, "number"), 0),
        (("conferences", 0, "sessions", 0, "number"), 7.5),
        (("conferences", 0, "sessions", 0, "start"), "20141006"),
        (("conferences", 0, "sessions", 0, "start"), "2014-02-30"),
        (("conferences", 0, "sessions", 0, "meetings", 0, "start"), "2014-10-07T13:00:00"),
        (("conferences", 0, "sessions", 0, "meetings", 0, "start"), "2014-10-07T13:00:00-00:00"),
        (("conferences", 0, "sessions", 0, "meetings", 0, "type"), "workshop"),
        (("conferences", 0, "sessions", 0, "meetings", 0, "organizers"), ["a", "a"]),
        (
            ("conferences", 0, "sessions", 0, "figures", 0, "count"),
            {"qualifier": "fewer_than", "value": 0},
        ),
        (("conferences", 0, "sessions", 0, "unknown"), 1),
    ],
)
def test_schema_refuses_documents_the_library_refuses(
    path: tuple[Any, ...], value: Any, ajv: Ajv | None
) -> None:
    """Type, required, enum, pattern, bound, format and unknown-key errors are refused by all."""
    document = json.loads(examples.cop7_json())
    node = document
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value
    assert library_problems(document) is not None
    assert not schema_accepts(document)
    assert_one_verdict(document, ajv)


def test_missing_required_key_is_refused_by_both() -> None:
    """A document without a required key is refused by the schema and by the library."""
    document = json.loads(examples.cop7_json())
    del document["conferences"][0]["sessions"][0]["meetings"][1]["type"]
    assert library_problems(document) is not None
    assert not schema_accepts(document)


# One verdict everywhere: the library, Python's jsonschema, jsonschema-rs and ajv (under
# Node.js, in strict mode, when it is installed: .ci/run installs it) on the same documents.


@cache
def rs_validator() -> Any:
    """jsonschema-rs's validator of the schema, compiled once (on first use)."""
    return jsonschema_rs.validator_for(SCHEMA, validate_formats=True)


# The rules the schema cannot express, by name (`UNEXPRESSED_BY_NAME`), and what the
# library says when one of them refuses a document: the only refusals the schema may miss.
UNEXPRESSED_MESSAGES: dict[str, tuple[str, ...]] = {
    "consistent": ("in this dataset", "is already used by"),
    "no_loops": ("form a loop",),
    "not_own_parent": ("its own parent",),
    "not_own_broader": ("broader than itself",),
    "numbered_once": ("is already used by",),
    "position_in_order": ("before it starts",),
    "session_in_order": ("before it starts",),
    "participates_once": ("is already listed at",),
    "one_figure_per_source": ("already reports",),
    "meetings_in_session": ("outside the session", "offset of the venue's time zone"),
    "ends_after_start": ("before or when it starts",),
    "co_organizers_apart": ("is already an organizer",),
    "not_built_in": ("use its id without declaring it",),
    "admitted_once": ("already has an admission at",),
    "cites_own_fields": ("is not a field this record cites",),
    "each_right_once": ("is already given at",),
    "error_or_warning": ("is already an error",),
    "figures_in_session": ("is outside the session", "is not a meeting of this session"),
    "quotation_one_sentence": ("a quotation is at most one sentence",),
    "unit_of_un_entity": ("belongs to a UN entity",),
    "basis_fits_kind": ("does not apply to",),
    "figures_agree": ("more than this figure allows",),
    "time_zone_exists": ("is not an IANA time zone name",),
    "document_symbol": ("UN document symbol", "write the document symbol"),
    "keys_once": ("appears more than once",),
    "integers_whole": ("expected an integer, got a number",),
}

# Where a JSON parser, not the schema, decides: a validator's verdict is not asked then.
# Rust strings cannot hold a lone surrogate (JSON can write one as an escape), so
# jsonschema-rs never sees such a document; JavaScript reads every number as a double,
# so ajv sees an integer beyond 2^53 rounded (2^63 reads as 2^63 - 1, the maximum).
PARSER_LIMITS = ("rust_strings_hold_no_lone_surrogate", "javascript_numbers_are_doubles")


def has_lone_surrogate(node: Any) -> bool:
    if isinstance(node, str):
        return any(0xD800 <= ord(character) <= 0xDFFF for character in node)
    if isinstance(node, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in node.items())
    return isinstance(node, list) and any(has_lone_surrogate(item) for item in node)


def has_unsafe_integer(node: Any) -> bool:
    if isinstance(node, int | float) and not isinstance(node, bool):
        return abs(node) > 2**53 and float(node).is_integer()
    if isinstance(node, dict):
        return any(has_unsafe_integer(value) for value in node.values())
    return isinstance(node, list) and any(has_unsafe_integer(item) for item in node)


class Ajv:
    """ajv in strict mode under Node.js (tests/js/ajv_serve.js), one document per line."""

    SCRIPT = Path(__file__).parent / "js" / "ajv_serve.js"

    def __init__(self, schema: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(self.SCRIPT), str(schema)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self.process.stdout is not None
        self.first_line = self.process.stdout.readline().strip()

    def is_valid(self, document: Any) -> bool:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(document, ensure_ascii=True) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer.startswith(("valid", "invalid")), answer
        return answer.startswith("valid")

    def close(self) -> None:
        self.process.communicate(timeout=30)  # closes its input, reads to the end, waits


def ajv_available() -> bool:
    node = shutil.which("node")
    if node is None:
        return False
    probe = subprocess.run(
        [node, "-e", "require('ajv/dist/2020'); require('ajv-formats')"],
        capture_output=True,
        env=os.environ,
    )
    return probe.returncode == 0


AJV_AVAILABLE = ajv_available()


@pytest.fixture(scope="module")
def ajv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ajv | None]:
    """ajv serving the generated schema, or None where Node.js or ajv is missing."""
    if not AJV_AVAILABLE:
        yield None
        return
    path = tmp_path_factory.mktemp("schema") / "dataset.schema.json"
    path.write_text(schema_text(), encoding="utf-8")
    server = Ajv(path)
    yield server
    server.close()


def verdicts(document: Any, ajv: Ajv | None) -> dict[str, bool]:
    """Each schema validator's verdict, but where a parser limit (`PARSER_LIMITS`) decides."""
    found = {"jsonschema": schema_accepts(document)}
    if not has_lone_surrogate(document):
        found["jsonschema-rs"] = rs_validator().is_valid(document)
    if ajv is not None and not has_unsafe_integer(document):
        found["ajv"] = ajv.is_valid(document)
    return found


def assert_one_verdict(document: Any, ajv: Ajv | None) -> None:
    """The validators agree, and with the library but for the rules the schema cannot state."""
    problems = library_problems(document)
    given = verdicts(document, ajv)
    assert len(set(given.values())) == 1, (given, problems)
    if problems is None:
        assert given["jsonschema"], "the library accepts what the schema refuses"
    elif given["jsonschema"]:
        fragments = [fragment for words in UNEXPRESSED_MESSAGES.values() for fragment in words]
        unexplained = [m for m in problems if not any(f in m for f in fragments)]
        assert unexplained == [], "the schema accepts what the library refuses"


def test_disagreements_allowed_are_the_unexpressed_rules() -> None:
    """The refusals the schema may miss are exactly the rules it cannot express, by name."""
    assert set(UNEXPRESSED_MESSAGES) == set(schema_module.UNEXPRESSED_BY_NAME)


def test_rules_with_a_schema_are_no_longer_listed() -> None:
    """The rules issue 16 gave an if/then are not among those the schema cannot express."""
    expressed = {
        "date_or_start",
        "end_needs_start",
        "venue_says_something",
        "named_or_described",
        "person_counts_as_one",
        "counterparts",
        "co_organizers_need_organizer",
        "unit_has_parent",
        "status_of_ngos",
    }
    assert expressed.isdisjoint(schema_module.UNEXPRESSED_BY_NAME)


def test_jsonschema_rs_compiles_the_schema() -> None:
    """jsonschema-rs (Rust's regex engine) reads every pattern of the schema."""
    assert rs_validator().is_valid(json.loads(examples.cop7_json()))


@pytest.mark.skipif(not AJV_AVAILABLE, reason="Node.js with ajv and ajv-formats not found")
def test_ajv_compiles_the_schema_in_strict_mode(ajv: Ajv | None) -> None:
    """ajv in strict mode finds no unknown keyword, untyped bound or odd pattern."""
    assert ajv is not None
    assert ajv.first_line == "ready"
    assert ajv.is_valid(json.loads(examples.cop7_json()))


def test_no_keyword_outside_draft_2020_12() -> None:
    """The schema uses only keywords of JSON Schema draft 2020-12 (no OpenAPI discriminator)."""
    standard = set(jsonschema.Draft202012Validator.VALIDATORS) | {
        "$schema", "$id", "$defs", "$comment", "title", "description", "default", "format",
        "then", "else",
    }  # fmt: skip
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                found.add(key)
                if key in ("properties", "$defs"):
                    for child in value.values():
                        visit(child)
                elif key not in ("enum", "const", "default", "required"):
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(SCHEMA)
    assert found - standard == set()


def test_every_bound_is_typed() -> None:
    """Each minimum and maximum sits beside "type": "integer" (ajv's strictTypes asks it)."""

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "minimum" in node or "maximum" in node:
                assert node.get("type") == "integer", node
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(SCHEMA)


def patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for key, value in node.items():
            if key != "properties" or not isinstance(value, dict):
                yield from patterns(value)
            else:
                for child in value.values():
                    yield from patterns(child)
    elif isinstance(node, list):
        for item in node:
            yield from patterns(item)


def test_patterns_are_anchored_i_regexps() -> None:
    """Every pattern is ^, an RFC 9485 I-Regexp without top-level |, then $ (or a lone \\n$)."""
    found = set(patterns(SCHEMA))
    assert "\\n$" in found
    for pattern in found - {"\\n$"}:
        assert pattern.startswith("^"), pattern
        assert pattern.endswith("$"), pattern
        assert is_i_regexp(pattern[1:-1], top=True), pattern


# RFC 9485 I-Regexp, the ABNF of section 3 as a recursive descent (without \p escapes,
# which the schema does not use).
_SINGLE_ESCAPES = "()*+-.?[\\]^{|}nrt"


def is_i_regexp(text: str, *, top: bool = False) -> bool:
    """Tell whether *text* is an I-Regexp; *top*: without an alternation at its top level."""
    position = 0

    def peek() -> str:
        return text[position] if position < len(text) else ""

    def take(expected: str | None = None) -> str:
        nonlocal position
        character = peek()
        if character == "" or (expected is not None and character != expected):
            raise ValueError(f"expected {expected!r} at {position}")
        position += 1
        return character

    def surrogate(character: str) -> bool:
        return 0xD800 <= ord(character) <= 0xDFFF

    def escape() -> None:
        take("\\")
        if take() not in _SINGLE_ESCAPES:
            raise ValueError(f"escape not in I-Regexp at {position}")

    def class_character() -> None:
        if peek() == "\\":
            escape()
        elif peek() in ("-", "[", "]", "") or surrogate(peek()):
            raise ValueError(f"not a class character at {position}")
        else:
            take()

    def character_class() -> None:
        take("[")
        if peek() == "^":
            take()
        if peek() == "-":
            take()
        while peek() not in ("]", ""):
            if peek() == "-" and position + 1 < len(text) and text[position + 1] == "]":
                take()
                break
            class_character()
            if peek() == "-" and position + 1 < len(text) and text[position + 1] != "]":
                take()
                class_character()
        take("]")

    def quantifier() -> None:
        if peek() in ("*", "+", "?"):
            take()
        elif peek() == "{":
            take()
            digits = 0
            while peek().isdigit():
                take()
                digits += 1
            if digits == 0:
                raise ValueError(f"a range quantifier needs a number at {position}")
            if peek() == ",":
                take()
                while peek().isdigit():
                    take()
            take("}")

    def branch() -> None:
        while peek() not in ("|", ")", ""):
            character = peek()
            if character == "(":
                take()
                if peek() == "?":
                    raise ValueError(f"only plain groups in I-Regexp, at {position}")
                alternatives()
                take(")")
            elif character == "[":
                character_class()
            elif character == "\\":
                escape()
            elif character in "*+?{}]" or surrogate(character):
                raise ValueError(f"{character!r} cannot stand at {position}")
            else:
                take()  # a normal character, or "." (any but a line end)
            quantifier()

    def alternatives() -> int:
        branch()
        count = 1
        while peek() == "|":
            take()
            branch()
            count += 1
        return count

    try:
        count = alternatives()
    except ValueError:
        return False
    return position == len(text) and not (top and count > 1)


def test_the_i_regexp_check_can_fail() -> None:
    """The recognizer refuses what I-Regexp lacks: (?:, \\d, \\x escapes, lone surrogates."""
    assert is_i_regexp("[a-z0-9]+([-_.][a-z0-9]+)*")
    assert is_i_regexp("[\\t\\n -~\U00010000-\U0010ffff]")
    for text in ("(?:a)", "\\d", "\\x41", "[\ud800-\udfff]", "a{,2}", "a|b"):
        assert not is_i_regexp(text, top=True), text


def base_document() -> Any:
    """The bundled record, with a value of every kind the format has, valid."""
    document = json.loads(examples.cop7_json())
    document["sources"][0].update(url="https://www.unodc.org/", date="2014-10-20")
    document["organizations"][0].update(
        website="https://www.unodc.org/",
        country="AT",
        identifiers=[{"scheme": "XI-WIKIDATA", "id": "Q899106"}],
    )
    document["people"][0]["positions"][0]["start"] = "2010-01-01"
    session = document["conferences"][0]["sessions"][0]
    session["venue"] = {"name": None, "city": {"en": "Vienna"}, "country": "AT",
                        "time_zone": "Europe/Vienna"}  # fmt: skip
    session["documents"] = [{"symbol": "CTOC/COP/2014/1", "title": None, "url": None}]
    session["meetings"][0].update(
        start="2014-10-07T13:00:00+02:00", end="2014-10-07T15:00:00.5+02:00"
    )
    return document


MEETING = ("conferences", 0, "sessions", 0, "meetings", 0)
SITES: dict[str, tuple[Any, ...]] = {
    "url": ("sources", 0, "url"),
    "website": ("organizations", 0, "website"),
    "id": ("conferences", 0, "id"),
    "reference": (*MEETING, "organizers", 0),
    "time zone": ("conferences", 0, "sessions", 0, "venue", "time_zone"),
    "schema version": ("schema_version",),
    "date": ("sources", 0, "date"),
    "date-time": (*MEETING, "end"),
    "text": ("people", 0, "name"),
    "register id": ("organizations", 0, "identifiers", 0, "id"),
    "scheme": ("organizations", 0, "identifiers", 0, "scheme"),
    "country": ("organizations", 0, "country"),
    "symbol": ("conferences", 0, "sessions", 0, "documents", 0, "symbol"),
    "language tag": ("sources", 0, "language"),
    "number": ("conferences", 0, "sessions", 0, "number"),
}
EDGES: dict[str, tuple[Any, ...]] = {
    "url": (
        "HTTP://www.unodc.org/", "Https://www.unodc.org/a?b#c", "http://a:65535/", "http://a:65536/",
        "http://a:00080/", "http://a:/", "http://a:8a/", "http://[::1]:8080/x", "http://[::1/",
        "http://@/", "http://:80/", "http://a@b@c/", "http://user:pw@host/", "http://é.example/",
        "http://a/\n", "http://a\n", "http://a/\u3000", "http://a/\x85", "http:///a", "http://a b/",
        "ftp://a/", "http:a", "http://a/\ud800", "https://a/" + "b" * 5000,
    ),
    "website": ("HTTP://WWW.UNODC.ORG", "https://a]b/", "https://a[b/"),
    "id": ("ctoc-cop\n", "ctoc-cop\r\n", "\nctoc-cop", "a" * 100, "a" * 101, "a--b", "a-"),
    "reference": ("unodc\n", "UNODC"),
    "time zone": (
        "Europe/Vienna\n", "Europe/Nowhere", "europe/vienna", "UTC", "Etc/GMT+5", "../etc/passwd",
        "Europe//Vienna",
    ),
    "schema version": ("1.0\n", "1.1", "1.01", "2.0", " 1.0", "1.1234567"),
    "date": (
        "0000-01-01", "0001-01-01", "9999-12-31", "2014-10-06\n", "2015-02-29", "2016-02-29",
        "+2014-10-06", "2014-1-6", "2014-10-06T00:00:00Z", "10000-01-01",
    ),
    "date-time": (
        "2014-10-07T15:00:00+02:00\n", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00",
        "2014-10-07t15:00:00+02:00", "2014-10-07T15:00:00z", "2014-10-07 15:00:00+02:00",
        "2014-10-07T24:00:00+02:00", "2014-10-07T15:00:60+02:00", "2014-10-07T15:00:00.1234567Z",
        "2014-10-07T15:00:00+24:00", "2014-10-07T15:00:00-00:00", "2014-10-07T15:00+02:00",
        "2014-10-07T15:00:00.+02:00", "2014-10-07T15:00:00+0200", "2014-10-07T15:00:00.000001Z",
    ),
    "text": (
        "a\n", "\n", "\u3000", "a\u2028", "x\ud800", "\x85", "a\x85", "\ufeff", "\U0010ffff", " a ",
        "\x7f", "a\x00",
    ),
    "register id": ("Q1\n", " Q1", "Q 1", "Q1\u3000", "\u00a0"),
    "scheme": ("XI-WIKIDATA\n", "xi-wikidata", "XI-"),
    "country": ("AT\n", "at", "XK"),
    "symbol": ("CTOC/COP/2014/1\n", "ctoc/cop/2014/1", "CTOC/COP/2014/01", ""),
    "language tag": ("fr\n", "FR", "fr-ca", "i-klingon", "x-private", "zh-Hans"),
    "number": (2**53, 2**53 + 1, 2**63 - 1, 2**63, -0.0, 7.0, 1e308),
}  # fmt: skip


def test_the_base_document_is_valid() -> None:
    """The document the edge values are put in is valid, so that each case changes one thing."""
    assert library_problems(base_document()) is None


@pytest.mark.parametrize(
    ("site", "value"), [(site, value) for site, values in EDGES.items() for value in values]
)
def test_one_verdict_at_the_edges(site: str, value: Any, ajv: Ajv | None) -> None:
    """Values at the edge of each kind (newlines, case, year 0000, ports) get one verdict."""
    document = base_document()
    *parents, last = SITES[site]
    node = document
    for token in parents:
        node = node[token]
    node[last] = value
    assert_one_verdict(document, ajv)


@pytest.mark.parametrize("text", ["en\n", "en\r", "EN", "zh-hant", "x\ud800", "en-\u0131"])
def test_one_verdict_on_language_tags_of_text(text: str, ajv: Ajv | None) -> None:
    """A language tag of multilingual text, at its edges, gets one verdict."""
    document = base_document()
    document["organizations"][0]["name"] = {text: "x"}
    assert_one_verdict(document, ajv)


def test_issue_16_faults_are_gone(ajv: Ajv | None) -> None:
    """An upper-case scheme is valid everywhere; a final line feed and year 0000 nowhere."""
    upper = base_document()
    upper["sources"][0]["url"] = "HTTP://www.unodc.org/"
    assert library_problems(upper) is None
    assert set(verdicts(upper, ajv).values()) == {True}
    for site, value in (("id", "ctoc-cop\n"), ("date", "0000-01-01"), ("url", "http://a/\n")):
        document = base_document()
        *parents, last = SITES[site]
        node = document
        for token in parents:
            node = node[token]
        node[last] = value
        assert library_problems(document) is not None
        assert set(verdicts(document, ajv).values()) == {False}, (site, value)


CORPUS_SAMPLES = st.sampled_from([examples.cop7()]) | datasets()


@settings(max_examples=300)
@given(mutated_documents(CORPUS_SAMPLES))
def test_one_verdict_on_mutants(ajv: Ajv | None, document: Any) -> None:
    """Mutants of valid datasets get one verdict from the library and every validator."""
    assert_one_verdict(document, ajv)


@given(datasets())
def test_every_validator_accepts_every_valid_dataset(ajv: Ajv | None, dataset: Any) -> None:
    """Whatever the library accepts, every validator accepts."""
    document = json.loads(dumps(dataset))
    assert set(verdicts(document, ajv).values()) == {True}

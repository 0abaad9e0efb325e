"""Honesty check of the benchmark mirrors: they accept, refuse and write what ctocmodel does.

Run with ``.venv/bin/python -m pytest benchmarks/test_mirrors.py -q -p no:cacheprovider``.

Every mirror must accept ctocmodel's canonical documents and write them back byte for
byte, and accept a mutated document exactly when `ctocmodel.loads` does, writing the
same canonical form when it does. Where a mirror cannot agree, the mutation is listed
in `KNOWN_DISAGREEMENTS` and marked as a strict xfail, so the difference stays visible
and the test fails once it is gone.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import msgspec
import pydantic
import pytest
from benchmarks.mirrors import msgspec_mirror, pydantic_mirror, rules
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ctocmodel
from ctocmodel._model._checks import canonical_language_tag
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets

MIRRORS: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], bytes]]] = {
    "msgspec": (msgspec_mirror.decode, msgspec_mirror.encode),
    "pydantic-model": (pydantic_mirror.model_decode, pydantic_mirror.model_encode),
    "pydantic-dataclass": (pydantic_mirror.dataclass_decode, pydantic_mirror.dataclass_encode),
}
# msgspec.ValidationError is a msgspec.DecodeError; pydantic.ValidationError a ValueError.
REFUSALS = (msgspec.DecodeError, pydantic.ValidationError)
SLOW_OK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ctocmodel_verdict(data: bytes) -> bytes | None:
    """ctocmodel's canonical form of *data*, or None if it refuses it."""
    try:
        return ctocmodel.dumps(ctocmodel.loads(data)).encode("utf-8")
    except ctocmodel.ValidationError:
        return None


def mirror_verdict(mirror: str, data: bytes) -> bytes | None:
    """The mirror's canonical form of *data*, or None if it refuses it."""
    decode, encode = MIRRORS[mirror]
    try:
        obj = decode(data)
    except REFUSALS:
        return None
    return encode(obj)


def canonical(dataset: ctocmodel.Dataset) -> bytes:
    """ctocmodel's canonical JSON of *dataset*."""
    return ctocmodel.dumps(dataset).encode("utf-8")


# ---------------------------------------------------------------------------------------
# Canonical documents round-trip.


@pytest.mark.parametrize("mirror", MIRRORS)
def test_cop7_round_trip(mirror: str) -> None:
    """Each mirror reads the bundled COP7 record and writes it back byte for byte."""
    data = canonical(ctocmodel.examples.cop7())
    decode, encode = MIRRORS[mirror]
    assert encode(decode(data)) == data


@pytest.mark.parametrize("seed", [0, 1, 2, 7])
@pytest.mark.parametrize("mirror", MIRRORS)
def test_synthetic_round_trip(mirror: str, seed: int) -> None:
    """Each mirror reads a synthetic dataset and writes it back byte for byte."""
    data = canonical(synthetic_dataset(seed, size=1))
    decode, encode = MIRRORS[mirror]
    assert encode(decode(data)) == data


@SLOW_OK
@given(datasets())
def test_hypothesis_round_trip(dataset: ctocmodel.Dataset) -> None:
    """Each mirror reads any valid dataset Hypothesis builds and writes it back byte for byte."""
    data = canonical(dataset)
    for mirror, (decode, encode) in MIRRORS.items():
        assert encode(decode(data)) == data, mirror


# ---------------------------------------------------------------------------------------
# A small document that uses every record and rule, to mutate one thing at a time.

S = "/conferences/0/sessions/0"  # in Vienna, with a time zone
S2 = "/conferences/0/sessions/1"  # no venue
M = f"{S}/meetings"


def count(qualifier: str, value: int) -> dict[str, Any]:
    """A Count as JSON."""
    return {"qualifier": qualifier, "value": value}


def briefing(meeting_id: str, **fields: Any) -> dict[str, Any]:
    """A briefing as JSON."""
    return {"type": "briefing", "id": meeting_id, "title": {"en": "Briefing"}, **fields}


BASE_DOCUMENT: dict[str, Any] = {
    "schema_version": "1.0",
    "sources": [
        {
            "id": "src-a",
            "title": {"en": "NGO participation", "fr": "Participation des ONG"},
            "language": "fr",
            "publisher": "unodc",
            "url": "https://www.unodc.org/news",
            "date": "2014-10-20",
        },
        {"id": "src-b", "title": {"en": "List of participants"}, "language": "en"},
    ],
    "organizations": [
        {
            "id": "unodc",
            "name": {"en": "United Nations Office on Drugs and Crime"},
            "kind": "un_entity",
            "acronym": {"en": "UNODC", "fr": "ONUDC"},
            "country": "AT",
            "identifiers": [{"scheme": "XI-WIKIDATA", "id": "Q1234"}],
            "website": "https://www.unodc.org/",
        },
        {"id": "unodc-cst", "name": {"en": "Civil Society Team"}, "kind": "un_entity_unit"},
        {
            "id": "ngo-a",
            "name": {"en": "NGO A"},
            "kind": "ngo",
            "ecosoc_status": "special",
            "sources": ["src-a"],
        },
        {"id": "ngo-b", "name": {"en": "Federation B"}, "kind": "ngo_federation"},
        {"id": "state-x", "name": {"en": "State X"}, "kind": "member_state"},
    ],
    "people": [
        {
            "id": "person-a",
            "name": "Ana Example",
            "positions": [
                {
                    "title": {"en": "Director"},
                    "organization": "unodc",
                    "start": "2010-01-01",
                    "end": "2015-12-31",
                }
            ],
            "sources": ["src-a"],
        }
    ],
    "topics": [{"id": "sextortion", "label": {"en": "Sextortion"}, "broader": "organized-crime"}],
    "conferences": [
        {
            "id": "ctoc-cop",
            "name": {"en": "Conference of the Parties"},
            "acronym": {"en": "CTOC/COP"},
            "secretariat": "unodc",
            "sources": ["src-a"],
            "sessions": [
                {
                    "id": "cop-7",
                    "number": 7,
                    "start": "2014-10-06",
                    "end": "2014-10-10",
                    "venue": {
                        "name": {"en": "Vienna International Centre"},
                        "city": {"en": "Vienna", "fr": "Vienne"},
                        "country": "AT",
                        "time_zone": "Europe/Vienna",
                    },
                    "participation": [
                        {"organization": "ngo-a", "basis": "ecosoc_special", "sources": ["src-a"]},
                        {"organization": "ngo-b", "basis": "observer_under_rules_of_procedure"},
                        {"organization": "unodc", "basis": "un_entity"},
                    ],
                    "figures": [
                        {
                            "measure": "participating_ngos",
                            "count": count("more_than", 1),
                            "source": "src-a",
                            "quote": "Plus d'une ONG",
                            "topics": ["organized-crime"],
                        },
                        {
                            "measure": "side_events",
                            "count": count("exact", 1),
                            "source": "src-a",
                        },
                        {
                            "measure": "side_event_organizers",
                            "count": count("at_most", 2),
                            "source": "src-b",
                        },
                    ],
                    "meetings": [
                        {
                            "type": "side_event",
                            "id": "se-1",
                            "title": {"en": "Sextortion", "fr": "Sextorsion"},
                            "start": "2014-10-07T13:00:00+02:00",
                            "end": "2014-10-07T15:00:00+02:00",
                            "organizers": ["ngo-a"],
                            "co_organizers": ["ngo-b"],
                            "participants": [
                                {"role": "speaker", "person": "person-a", "organization": "unodc"}
                            ],
                            "topics": ["sextortion"],
                            "summary": {"en": "A panel."},
                            "outcome": {"en": "A network."},
                            "sources": ["src-a"],
                        },
                        {
                            "type": "briefing",
                            "id": "b-1",
                            "title": {"en": "Briefing"},
                            "date": "2014-10-06",
                            "organizers": ["unodc-cst"],
                            "participants": [
                                {
                                    "role": "attendee",
                                    "description": {"en": "NGO representatives"},
                                    "count": count("exact", 4),
                                }
                            ],
                        },
                        {
                            "type": "dialogue",
                            "id": "d-1",
                            "title": {"en": "Dialogue"},
                            "start": "2014-10-08T10:00:00+02:00",
                            "participants": [{"role": "counterpart", "person": "person-a"}],
                            "questions": [{"fr": "le trafic de migrants"}],
                        },
                        {"type": "special_event", "id": "k-1", "title": {"en": "Key event"}},
                    ],
                    "sources": ["src-a"],
                },
                {"id": "cop-8", "number": 8, "start": "2016-10-17", "end": "2016-10-21"},
            ],
        }
    ],
}
BASE_DOCUMENT["organizations"][1]["parent"] = "unodc"


@cache
def base_text() -> str:
    """The base document in canonical form."""
    return ctocmodel.dumps(ctocmodel.loads(json.dumps(BASE_DOCUMENT)))


def test_base_document_is_valid_and_canonical() -> None:
    """The base document is valid, and every mirror writes it back byte for byte."""
    data = base_text().encode("utf-8")
    assert ctocmodel_verdict(data) == data
    for mirror in MIRRORS:
        assert mirror_verdict(mirror, data) == data, mirror


# Mutations: called with a copy of the base document (a dict), they change it in place
# and return None, or return the document's new text (str or bytes).
Mutation = Callable[[Any], Any]


def _locate(doc: Any, path: str) -> tuple[Any, Any]:
    """The container of the JSON Pointer *path* in *doc*, and the key or index in it."""
    *parents, last = path.split("/")[1:]
    node = doc
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, int(last) if isinstance(node, list) else last


def put(path: str, value: Any) -> Mutation:
    """Set the value at *path* (adding the key if absent)."""

    def mutate(doc: Any) -> None:
        node, key = _locate(doc, path)
        node[key] = copy.deepcopy(value)

    return mutate


def drop(path: str) -> Mutation:
    """Remove the key or item at *path*."""

    def mutate(doc: Any) -> None:
        node, key = _locate(doc, path)
        del node[key]

    return mutate


def append(path: str, value: Any) -> Mutation:
    """Append *value* to the list at *path*."""

    def mutate(doc: Any) -> None:
        node, key = _locate(doc, path)
        node[key].append(copy.deepcopy(value))

    return mutate


def copy_item(source: str, path: str) -> Mutation:
    """Append a copy of the item at *source* to the list at *path*."""

    def mutate(doc: Any) -> None:
        node, key = _locate(doc, source)
        item = copy.deepcopy(node[key])
        target, name = _locate(doc, path)
        target[name].append(item)

    return mutate


def text(replace: Callable[[str], str | bytes]) -> Mutation:
    """Change the canonical text of the base document itself."""
    return lambda doc: replace(base_text())


def sub(old: str, new: str) -> Mutation:
    """Replace the first *old* in the canonical text by *new*."""

    def replace(value: str) -> str:
        assert old in value, old
        return value.replace(old, new, 1)

    return text(replace)


def all_of(*mutations: Mutation) -> Mutation:
    """Apply several mutations in turn."""

    def mutate(doc: Any) -> None:
        for mutation in mutations:
            assert mutation(doc) is None

    return mutate


def _strip_defaults(node: Any) -> Any:
    """Remove every null and empty list, as a writer that omits defaults would."""
    if isinstance(node, dict):
        return {k: _strip_defaults(v) for k, v in node.items() if v is not None and v != []}
    if isinstance(node, list):
        return [_strip_defaults(item) for item in node]
    return node


def _reverse_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _reverse_keys(node[k]) for k in reversed(node)}
    if isinstance(node, list):
        return [_reverse_keys(item) for item in node]
    return node


VIENNA_START = f"{M}/0/start"
SE = f"{M}/0"
LONG_ID = "a" * 100
ACCEPT, REFUSE = True, False

# (name, whether ctocmodel accepts, mutation)
MUTATIONS: list[tuple[str, bool, Mutation]] = [
    # Values of another type: no coercion.
    ("number 7.9", REFUSE, put(f"{S}/number", 7.9)),
    ("number '7'", REFUSE, put(f"{S}/number", "7")),
    ("number true", REFUSE, put(f"{S}/number", True)),
    ("number 7.0", REFUSE, put(f"{S}/number", 7.0)),
    ("number 0", REFUSE, put(f"{S}/number", 0)),
    ("number 2**63 - 1", ACCEPT, put(f"{S}/number", 2**63 - 1)),
    ("number 2**63", REFUSE, put(f"{S}/number", 2**63)),
    ("number 10**30", REFUSE, put(f"{S}/number", 10**30)),
    ("number of 4300 digits", REFUSE, sub('"number":7', '"number":' + "1" * 4300)),
    ("number of 4301 digits", REFUSE, sub('"number":7', '"number":' + "1" * 4301)),
    ("count value 4.5", REFUSE, put(f"{M}/1/participants/0/count/value", 4.5)),
    ("count value '4'", REFUSE, put(f"{M}/1/participants/0/count/value", "4")),
    ("count value true", REFUSE, put(f"{M}/1/participants/0/count/value", True)),
    ("count value -1", REFUSE, put(f"{M}/1/participants/0/count/value", -1)),
    ("count value NaN", REFUSE, sub('"value":4', '"value":NaN')),
    ("sources 'abc'", REFUSE, put("/conferences/0/sources", "abc")),
    ("organizers a string", REFUSE, put(f"{SE}/organizers", "ngo-a")),
    ("organizers null", REFUSE, put(f"{SE}/organizers", None)),
    ("title null", REFUSE, put(f"{SE}/title", None)),
    ("title a string", REFUSE, put(f"{SE}/title", "Sextortion")),
    ("title a list", REFUSE, put(f"{SE}/title", [{"en": "Sextortion"}])),
    ("text value 7", REFUSE, put(f"{SE}/title/en", 7)),
    ("person name null", REFUSE, put("/people/0/name", None)),
    ("schema version an integer", REFUSE, put("/schema_version", 1)),
    ("organizations an object", REFUSE, put("/organizations", {})),
    ("reference an integer", REFUSE, put("/topics/0/broader", 7)),
    ("document an array", REFUSE, text(lambda _: "[]")),
    ("document empty", REFUSE, text(lambda _: "")),
    # Unknown and missing keys.
    ("unknown key at the top", REFUSE, put("/extra", 1)),
    ("unknown key in a meeting", REFUSE, put(f"{SE}/lable", {"en": "x"})),
    ("unknown key in a count", REFUSE, put(f"{M}/1/participants/0/count/unit", "people")),
    ("questions in a side event", REFUSE, put(f"{SE}/questions", [])),
    ("missing schema version", REFUSE, drop("/schema_version")),
    ("missing session number", REFUSE, drop(f"{S}/number")),
    ("missing organization kind", REFUSE, drop("/organizations/0/kind")),
    ("missing meeting type", REFUSE, drop(f"{SE}/type")),
    ("missing participant role", REFUSE, drop(f"{SE}/participants/0/role")),
    ("missing figure source", REFUSE, drop(f"{S}/figures/0/source")),
    # Ids.
    ("id in capitals", REFUSE, put("/topics/0/id", "Sextortion")),
    ("id with a space", REFUSE, put(f"{M}/3/id", "key event")),
    ("id with two separators", REFUSE, put(f"{M}/3/id", "key--event")),
    ("id ending with a separator", REFUSE, put(f"{M}/3/id", "key-")),
    ("id with a final newline", REFUSE, put(f"{M}/3/id", "key\n")),
    ("id of 100 characters", ACCEPT, put(f"{M}/3/id", LONG_ID)),
    ("id of 101 characters", REFUSE, put(f"{M}/3/id", LONG_ID + "a")),
    ("id empty", REFUSE, put(f"{M}/3/id", "")),
    # Language tags and multilingual text.
    ("tag EN", REFUSE, put(f"{M}/3/title", {"EN": "Key event"})),
    ("tag en-us", REFUSE, put(f"{M}/3/title", {"en-us": "Key event"})),
    ("tag zh-hans", REFUSE, put(f"{M}/3/title", {"zh-hans": "关键活动"})),
    ("tag en_GB", REFUSE, put(f"{M}/3/title", {"en_GB": "Key event"})),
    ("tag with a final newline", REFUSE, put(f"{M}/3/title", {"en\n": "Key event"})),
    ("tags zh-Hant-TW, es-419", ACCEPT, put(f"{M}/3/title", {"zh-Hant-TW": "a", "es-419": "b"})),
    ("tag with extension", ACCEPT, put(f"{M}/3/title", {"de-DE-u-co-phonebk": "Schlüssel"})),
    ("tags out of order", ACCEPT, put(f"{M}/3/title", {"fr": "Clé", "en": "Key"})),
    ("source language FR", REFUSE, put("/sources/0/language", "FR")),
    ("text without languages", REFUSE, put(f"{M}/3/title", {})),
    ("text empty", REFUSE, put(f"{M}/3/title/en", "")),
    ("text of spaces", REFUSE, put(f"{M}/3/title/en", " \u3000 ")),
    ("text with U+0001", REFUSE, put(f"{M}/3/title/en", "Key\u0001event")),
    ("text with DEL", REFUSE, put(f"{M}/3/title/en", "Key\u007fevent")),
    ("text with tab and newline", ACCEPT, put(f"{M}/3/title/en", "Key\tevent\r\n2")),
    ("text with a lone surrogate", REFUSE, sub('"Key event"', '"Key \\ud800event"')),
    ("raw control character", REFUSE, sub('"Key event"', '"Key\tevent"')),
    ("source title blank", REFUSE, put("/sources/1/title/en", "\n")),
    ("topic label blank", REFUSE, put("/topics/0/label/en", "\t")),
    ("acronym blank", REFUSE, put("/organizations/0/acronym/fr", " ")),
    ("conference name blank", REFUSE, put("/conferences/0/name/en", " ")),
    ("venue city blank", REFUSE, put(f"{S}/venue/city/fr", " ")),
    ("summary blank", REFUSE, put(f"{SE}/summary/en", " ")),
    ("outcome blank", REFUSE, put(f"{SE}/outcome/en", " ")),
    ("description blank", REFUSE, put(f"{M}/1/participants/0/description/en", " ")),
    ("person name NUL", REFUSE, put("/people/0/name", "\u0000Ana")),
    ("person name blank", REFUSE, put("/people/0/name", "  ")),
    ("quote empty", REFUSE, put(f"{S}/figures/0/quote", "")),
    ("identifier id with spaces", REFUSE, put("/organizations/0/identifiers/0/id", " Q1 ")),
    ("identifier scheme lowercase", REFUSE, put("/organizations/0/identifiers/0/scheme", "xi-w")),
    (
        "identifiers twice",
        REFUSE,
        copy_item("/organizations/0/identifiers/0", "/organizations/0/identifiers"),
    ),
    # Dates.
    ("date 20141006", REFUSE, put(f"{S}/start", "20141006")),
    ("date 2014-10-6", REFUSE, put(f"{S}/start", "2014-10-6")),
    ("date 2014-02-30", REFUSE, put(f"{S}/start", "2014-02-30")),
    ("date as Unix time text", REFUSE, put(f"{S}/start", "1412553600")),
    ("date as an integer", REFUSE, put(f"{S}/start", 20141006)),
    ("date with a time", REFUSE, put(f"{M}/1/date", "2014-10-06T00:00:00")),
    ("date with a time and offset", REFUSE, put("/sources/0/date", "2014-10-20T00:00:00Z")),
    ("session ends before it starts", REFUSE, put(f"{S}/end", "2014-10-05")),
    ("position ends before it starts", REFUSE, put("/people/0/positions/0/end", "2009-12-31")),
    # Date-times.
    ("naive start", REFUSE, put(VIENNA_START, "2014-10-07T13:00:00")),
    ("start without seconds", REFUSE, put(VIENNA_START, "2014-10-07T13:00+02:00")),
    ("start as Unix time text", REFUSE, put(VIENNA_START, "1412679600")),
    ("start a date", REFUSE, put(VIENNA_START, "2014-10-07")),
    ("start with fractions", ACCEPT, put(VIENNA_START, "2014-10-07T13:00:00.5+02:00")),
    ("start with zero fractions", ACCEPT, put(VIENNA_START, "2014-10-07T13:00:00.000+02:00")),
    ("start with seven digits", REFUSE, put(VIENNA_START, "2014-10-07T13:00:00.1234567+02:00")),
    ("start with lowercase t", REFUSE, put(VIENNA_START, "2014-10-07t13:00:00+02:00")),
    ("start with a space", REFUSE, put(VIENNA_START, "2014-10-07 13:00:00+02:00")),
    ("start with offset +0200", REFUSE, put(VIENNA_START, "2014-10-07T13:00:00+0200")),
    ("start with offset +02", REFUSE, put(VIENNA_START, "2014-10-07T13:00:00+02")),
    ("start at 24:00", REFUSE, put(VIENNA_START, "2014-10-07T24:00:00+02:00")),
    ("start at a leap second", REFUSE, put(VIENNA_START, "2014-10-07T23:59:60+02:00")),
    ("end before start", REFUSE, put(f"{SE}/end", "2014-10-07T12:00:00+02:00")),
    ("end at start", REFUSE, put(f"{SE}/end", "2014-10-07T13:00:00+02:00")),
    ("end without start", REFUSE, drop(VIENNA_START)),
    ("date and start", REFUSE, put(f"{SE}/date", "2014-10-07")),
    ("meeting date outside the session", REFUSE, put(f"{M}/1/date", "2014-10-11")),
    ("meeting start outside", REFUSE, put(f"{M}/2/start", "2014-10-05T10:00:00+02:00")),
    ("meeting ends after the session", REFUSE, put(f"{SE}/end", "2014-10-11T15:00:00+02:00")),
    ("start in UTC in Vienna", REFUSE, put(VIENNA_START, "2014-10-07T11:00:00Z")),
    ("wrong offset for Vienna", REFUSE, put(VIENNA_START, "2014-10-07T13:00:00+01:00")),
    (
        "start in UTC, no venue",
        ACCEPT,
        all_of(drop(f"{S}/venue/time_zone"), put(VIENNA_START, "2014-10-07T11:00:00+00:00")),
    ),
    (
        "start -00:00, no venue",
        REFUSE,
        all_of(drop(f"{S}/venue/time_zone"), put(VIENNA_START, "2014-10-07T11:00:00-00:00")),
    ),
    (
        "offset +00:60, no venue",
        REFUSE,
        append(f"{S2}/meetings", briefing("b-9", start="2016-10-18T10:00:00+00:60")),
    ),
    (
        "offset +24:00, no venue",
        REFUSE,
        append(f"{S2}/meetings", briefing("b-9", start="2016-10-18T10:00:00+24:00")),
    ),
    (
        "year 1 start in Vienna",
        REFUSE,
        all_of(put(f"{S}/start", "0001-01-01"), put(VIENNA_START, "0001-01-01T00:10:00+02:00")),
    ),
    # Venues.
    ("unknown time zone", REFUSE, put(f"{S}/venue/time_zone", "Europe/Atlantis")),
    ("time zone in lowercase", REFUSE, put(f"{S}/venue/time_zone", "europe/vienna")),
    ("time zone localtime", REFUSE, put(f"{S}/venue/time_zone", "localtime")),
    ("empty venue", REFUSE, put(f"{S}/venue", {})),
    ("venue of nulls", REFUSE, put(f"{S}/venue", {"name": None, "city": None})),
    ("venue with only a time zone", ACCEPT, put(f"{S}/venue", {"time_zone": "Europe/Vienna"})),
    ("country XK", REFUSE, put(f"{S}/venue/country", "XK")),
    ("country at", REFUSE, put("/organizations/0/country", "at")),
    # References.
    ("unknown organizer", REFUSE, put(f"{SE}/organizers/0", "ngo-z")),
    ("unknown source", REFUSE, put("/organizations/2/sources/0", "src-z")),
    ("unknown publisher", REFUSE, put("/sources/0/publisher", "unodc-z")),
    ("unknown person", REFUSE, put(f"{SE}/participants/0/person", "person-z")),
    ("unknown topic", REFUSE, put(f"{SE}/topics/0", "sextortion-z")),
    ("unknown figure source", REFUSE, put(f"{S}/figures/2/source", "src-z")),
    ("unknown secretariat", REFUSE, put("/conferences/0/secretariat", "unodc-z")),
    ("unknown position organization", REFUSE, put("/people/0/positions/0/organization", "x")),
    ("unknown broader topic", REFUSE, put("/topics/0/broader", "crime")),
    ("built-in topic declared", REFUSE, put("/topics/0/id", "corruption")),
    ("own parent", REFUSE, put("/organizations/0/parent", "unodc")),
    ("parent loop", REFUSE, put("/organizations/0/parent", "unodc-cst")),
    (
        "topic loop",
        REFUSE,
        all_of(
            append("/topics", {"id": "t2", "label": {"en": "T2"}, "broader": "sextortion"}),
            put("/topics/0/broader", "t2"),
        ),
    ),
    ("broader than itself", REFUSE, put("/topics/0/broader", "sextortion")),
    ("UN unit without parent", REFUSE, drop("/organizations/1/parent")),
    ("UN unit of an NGO", REFUSE, put("/organizations/1/parent", "ngo-a")),
    ("ECOSOC status of a State", REFUSE, put("/organizations/4/ecosoc_status", "general")),
    ("ECOSOC status of a federation", ACCEPT, put("/organizations/3/ecosoc_status", "roster")),
    ("basis un_entity for an NGO", REFUSE, put(f"{S}/participation/0/basis", "un_entity")),
    (
        "basis state_party for a State",
        ACCEPT,
        append(f"{S}/participation", {"organization": "state-x", "basis": "state_party"}),
    ),
    ("basis unknown", REFUSE, put(f"{S}/participation/0/basis", "ecosoc")),
    # Duplicates.
    ("organization id twice", REFUSE, put("/organizations/4/id", "ngo-b")),
    ("source id twice", REFUSE, put("/sources/1/id", "src-a")),
    ("person id twice", REFUSE, copy_item("/people/0", "/people")),
    ("conference id twice", REFUSE, copy_item("/conferences/0", "/conferences")),
    ("session id twice", REFUSE, put(f"{S2}/id", "cop-7")),
    ("session number twice", REFUSE, put(f"{S2}/number", 7)),
    ("meeting id in two sessions", REFUSE, append(f"{S2}/meetings", briefing("b-1"))),
    ("organizer twice", REFUSE, append(f"{SE}/organizers", "ngo-a")),
    ("co-organizer also organizer", REFUSE, put(f"{SE}/co_organizers/0", "ngo-a")),
    ("co-organizers without organizer", REFUSE, put(f"{SE}/organizers", [])),
    (
        "organization participates twice",
        REFUSE,
        copy_item(f"{S}/participation/1", f"{S}/participation"),
    ),
    ("figure twice", REFUSE, copy_item(f"{S}/figures/1", f"{S}/figures")),
    ("source listed twice", REFUSE, append("/conferences/0/sources", "src-a")),
    ("participation source twice", REFUSE, append(f"{S}/participation/0/sources", "src-a")),
    ("figure topic twice", REFUSE, append(f"{S}/figures/0/topics", "organized-crime")),
    # Meetings.
    ("unknown meeting type", REFUSE, put(f"{M}/3/type", "workshop")),
    ("meeting type null", REFUSE, put(f"{M}/3/type", None)),
    ("counterpart outside a dialogue", REFUSE, put(f"{SE}/participants/0/role", "counterpart")),
    ("dialogue without counterpart", REFUSE, put(f"{M}/2/participants/0/role", "speaker")),
    ("dialogue without participants", REFUSE, drop(f"{M}/2/participants")),
    ("side event becomes a briefing", ACCEPT, put(f"{SE}/type", "briefing")),
    ("dialogue becomes a briefing", REFUSE, put(f"{M}/2/type", "briefing")),
    ("blank question", REFUSE, put(f"{M}/2/questions/0/fr", " ")),
    ("unknown role", REFUSE, put(f"{SE}/participants/0/role", "chair")),
    ("named person with a count", REFUSE, put(f"{SE}/participants/0/count", count("exact", 1))),
    (
        "participant without person or description",
        REFUSE,
        drop(f"{M}/1/participants/0/description"),
    ),
    (
        "named person with a description",
        ACCEPT,
        put(f"{SE}/participants/0/description", {"en": "Director"}),
    ),
    # Counts and figures.
    ("fewer than 0", REFUSE, put(f"{M}/1/participants/0/count", count("fewer_than", 0))),
    ("fewer than 1", ACCEPT, put(f"{M}/1/participants/0/count", count("fewer_than", 1))),
    ("unknown qualifier", REFUSE, put(f"{M}/1/participants/0/count/qualifier", "around")),
    ("side events exact 0", REFUSE, put(f"{S}/figures/1/count/value", 0)),
    ("organizers at most 1", REFUSE, put(f"{S}/figures/2/count/value", 1)),
    ("NGOs exact 1", REFUSE, put(f"{S}/figures/0/count", count("exact", 1))),
    ("NGOs fewer than 3", ACCEPT, put(f"{S}/figures/0/count", count("fewer_than", 3))),
    ("NGOs about 0", ACCEPT, put(f"{S}/figures/0/count", count("about", 0))),
    (
        "briefings at most 0",
        REFUSE,
        append(
            f"{S}/figures",
            {"measure": "briefings", "count": count("at_most", 0), "source": "src-b"},
        ),
    ),
    ("unknown measure", REFUSE, put(f"{S}/figures/0/measure", "ngos")),
    # Schema versions.
    ("schema version 2.0", REFUSE, put("/schema_version", "2.0")),
    ("schema version 0.9", REFUSE, put("/schema_version", "0.9")),
    ("schema version 1.5", ACCEPT, put("/schema_version", "1.5")),
    ("schema version 1.05", REFUSE, put("/schema_version", "1.05")),
    ("schema version 1", REFUSE, put("/schema_version", "1")),
    ("schema version 1.0 newline", REFUSE, put("/schema_version", "1.0\n")),
    # URLs.
    ("source url ftp", REFUSE, put("/sources/0/url", "ftp://unodc.org/")),
    ("website ftp", REFUSE, put("/organizations/0/website", "ftp://unodc.org/")),
    ("website without host", REFUSE, put("/organizations/0/website", "https://")),
    ("website with a space", REFUSE, put("/organizations/0/website", "https://un.org/a b")),
    ("website port too large", REFUSE, put("/organizations/0/website", "https://un.org:99999/")),
    ("website IPv6", ACCEPT, put("/organizations/0/website", "http://[::1]:8080/")),
    ("website not ASCII", ACCEPT, put("/sources/0/url", "https://exemple.fr/café")),
    # JSON itself.
    ("byte-order mark", REFUSE, text(lambda value: "\ufeff" + value)),
    (
        "invalid UTF-8",
        REFUSE,
        text(lambda value: value.encode("utf-8").replace(b"Vienne", b"Vi\xe9nne")),
    ),
    ("trailing garbage", REFUSE, text(lambda value: value + "x")),
    ("repeated key", REFUSE, sub('"id":"k-1"', '"id":"k-1","id":"k-1"')),
    ("repeated language tag", REFUSE, sub('{"en":"Key event"}', '{"en":"Key event","en":"Key"}')),
    (
        "indented",
        ACCEPT,
        text(lambda value: json.dumps(json.loads(value), indent=2, ensure_ascii=False)),
    ),
    ("keys in reverse order", ACCEPT, lambda doc: json.dumps(_reverse_keys(doc))),
    ("defaults omitted", ACCEPT, lambda doc: json.dumps(_strip_defaults(doc))),
    ("ASCII escapes", ACCEPT, lambda doc: json.dumps(doc, ensure_ascii=True)),
]

# Mutations a mirror cannot agree on: (mutation, mirror) -> why.
_ALL = tuple(MIRRORS)
_REPEATED = "the parser keeps the last of repeated keys; ctocmodel refuses them"
_RFC3339 = "msgspec's RFC 3339 parser also reads this form, and no hook sees the text"
KNOWN_DISAGREEMENTS: dict[tuple[str, str], str] = {
    **{("repeated key", mirror): _REPEATED for mirror in _ALL},
    **{("repeated language tag", mirror): _REPEATED for mirror in _ALL},
    ("start with seven digits", "msgspec"): _RFC3339 + " (rounded to microseconds)",
    ("start with lowercase t", "msgspec"): _RFC3339,
    ("start with a space", "msgspec"): _RFC3339,
    ("start with offset +0200", "msgspec"): _RFC3339,
    ("start -00:00, no venue", "msgspec"): _RFC3339 + " (as UTC; ctocmodel refuses it)",
}


def mutated(mutation: Mutation) -> bytes:
    """The base document with *mutation* applied, as UTF-8 JSON."""
    doc = json.loads(base_text())
    result = mutation(doc)
    if result is None:
        result = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return result.encode("utf-8", "surrogatepass") if isinstance(result, str) else result


def _cases() -> list[Any]:
    cases = []
    for name, accepted, mutation in MUTATIONS:
        for mirror in MIRRORS:
            reason = KNOWN_DISAGREEMENTS.get((name, mirror))
            marks = [pytest.mark.xfail(reason=reason, raises=AssertionError, strict=True)]
            if not reason:
                marks = []
            cases.append(
                pytest.param(mirror, name, accepted, mutation, id=f"{mirror}: {name}", marks=marks)
            )
    return cases


def test_mutations_are_many_distinct_and_change_the_document() -> None:
    """The mutation list is long, its names are unique, and each mutation changes the text."""
    names = [name for name, _, _ in MUTATIONS]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    base = base_text().encode("utf-8")
    assert all(mutated(mutation) != base for _, _, mutation in MUTATIONS)
    assert {key for key, _ in KNOWN_DISAGREEMENTS} <= set(names)


@pytest.mark.parametrize(("mirror", "name", "accepted", "mutation"), _cases())
def test_mutation_verdict(mirror: str, name: str, accepted: bool, mutation: Mutation) -> None:
    """The mirror accepts a mutated document exactly when ctocmodel does, with the same output."""
    data = mutated(mutation)
    expected = ctocmodel_verdict(data)
    assert (expected is not None) is accepted, f"ctocmodel {'refuses' if accepted else 'accepts'}"
    assert mirror_verdict(mirror, data) == expected


# ---------------------------------------------------------------------------------------
# Random mutations of random valid documents.

_ODD_VALUES = (
    None, True, False, 0, -1, 7, 7.9, 10**20, "", " ", "7", "abc", "ABC", "a--b", "\u0001",
    "en", "EN", "1.0", "2.0", "ngo", "side_event", "dialogue", "counterpart", "exact",
    "fewer_than", "Europe/Vienna", "AT", "2014-10-06", "2014-10-07T13:00:00Z",
    "2014-10-07T13:00:00", "https://example.org/", [], ["a"], ["a", "a"], {}, {"en": "x"},
    {"en": ""}, count("exact", 0),
)  # fmt: skip
_ODD_KEYS = ("extra", "EN", "en-us", "id", "type", "questions", "count", "zh-Hant")


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside *node* (the document itself excluded)."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        found.append((*path, key))
        if isinstance(value, dict | list):
            found.extend(_places(value, (*path, key)))
    return found


@st.composite
def random_mutations(draw: st.DrawFn) -> bytes:
    """A valid document with one value replaced, one key removed, added or renamed."""
    doc = json.loads(canonical(draw(datasets())))
    place = draw(st.sampled_from(_places(doc)))
    parent = doc
    for key in place[:-1]:
        parent = parent[key]
    last = place[-1]
    action = draw(st.sampled_from(("replace", "remove", "add", "rename")))
    if action == "replace" or isinstance(parent, list):
        parent[last] = draw(st.sampled_from(_ODD_VALUES))
    elif action == "remove":
        del parent[last]
    elif action == "add":
        parent[draw(st.sampled_from(_ODD_KEYS))] = draw(st.sampled_from(_ODD_VALUES))
    else:
        parent[draw(st.sampled_from(_ODD_KEYS))] = parent.pop(last)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@SLOW_OK
@given(random_mutations())
def test_random_mutation_verdicts(data: bytes) -> None:
    """On randomly broken documents, each mirror agrees with ctocmodel (verdict and output)."""
    expected = ctocmodel_verdict(data)
    for mirror in MIRRORS:
        assert mirror_verdict(mirror, data) == expected, mirror


# ---------------------------------------------------------------------------------------
# The native language-tag pattern is ctocmodel's rule.

_SUBTAGS = (
    "en", "EN", "fr", "zh", "Hans", "hans", "HANS", "TW", "tw", "419", "x", "X", "a", "u",
    "1996", "1abc", "valencia", "VALENCIA", "abc", "ABC", "co", "phonebk", "ab", "Ab", "q",
    "", "-", "en_GB",
)  # fmt: skip
_LANGUAGE_TAG = re.compile(rules.python_re(rules.LANGUAGE_TAG_PATTERN))
_PYDANTIC_TAG = pydantic.TypeAdapter(pydantic_mirror.LanguageTag)


def _msgspec_takes(tag: str) -> bool:
    try:
        msgspec.convert(tag, msgspec_mirror.LanguageTag)
    except msgspec.ValidationError:
        return False
    return True


def _pydantic_takes(tag: str) -> bool:
    try:
        _PYDANTIC_TAG.validate_python(tag)
    except pydantic.ValidationError:
        return False
    return True


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(_SUBTAGS) | st.text("aAzZxX09-\n", max_size=9), min_size=1, max_size=6
    ).map("-".join)
)
def test_language_tag_pattern_is_canonical_case(tag: str) -> None:
    """A tag matches the mirrors' native pattern exactly when ctocmodel finds it canonical."""
    expected = canonical_language_tag(tag) == tag
    assert (_LANGUAGE_TAG.search(tag) is not None) is expected
    assert _msgspec_takes(tag) is expected
    assert _pydantic_takes(tag) is expected

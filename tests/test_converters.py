"""The strict converter: no coercion, every problem at once, each at its JSON Pointer."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import cattrs
import pytest

import ctocmodel
from ctocmodel import Dataset, ValidationError, examples, loads
from ctocmodel.converters import configure_converter, make_converter

SESSION = "/conferences/0/sessions/0"


def cop7_document() -> dict[str, Any]:
    return json.loads(examples.cop7_json())


def resolve(document: Any, path: str) -> tuple[Any, str | int]:
    """Return the container and key that *path* designates."""
    *parents, last = path.split("/")[1:]
    node = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, int(last) if isinstance(node, list) else last


def mutate(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(document: dict[str, Any]) -> None:
        node, key = resolve(document, path)
        node[key] = value

    return apply


def delete(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(document: dict[str, Any]) -> None:
        node, key = resolve(document, path)
        del node[key]

    return apply


def problems(text: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        loads(text)
    return {problem.path: problem.message for problem in caught.value.errors}


def problems_after(*changes: Callable[[dict[str, Any]], None]) -> dict[str, str]:
    document = cop7_document()
    for change in changes:
        change(document)
    return problems(json.dumps(document, ensure_ascii=False))


STRICTNESS = [
    (f"{SESSION}/number", 7.9, "expected an integer, got a number (7.9)"),
    (f"{SESSION}/number", "7", "expected an integer, got a string ('7')"),
    (f"{SESSION}/number", True, "expected an integer, got true"),
    (f"{SESSION}/number", 0, "must be at least 1, got 0"),
    (f"{SESSION}/figures/0/count/value", float("nan"), "NaN, which JSON does not allow"),
    (f"{SESSION}/figures/0/count/value", float("inf"), "Infinity, which JSON does not allow"),
    (f"{SESSION}/meetings/0/organizers", "abc", "expected an array, got a string ('abc')"),
    (f"{SESSION}/meetings/0/organizers", {"a": 1}, "expected an array, got an object"),
    ("/people/0/name", None, "expected a string, got null"),
    ("/people/0/name", 42, "expected a string, got an integer (42)"),
    (f"{SESSION}/start", "20141006", "not a date in the form YYYY-MM-DD"),
    (f"{SESSION}/start", "2014-02-30", "is not a date of the calendar"),
    (f"{SESSION}/start", 20141006, "expected a date"),
    (f"{SESSION}/meetings/0/start", "2014-10-07T13:00:00", "has no UTC offset"),
    (f"{SESSION}/meetings/0/start", "2014-10-07 13:00:00Z", "not a date-time in the form"),
    (f"{SESSION}/meetings/0/start", "2014-10-07T25:00:00Z", "not a date-time of the calendar"),
    (f"{SESSION}/meetings/0/start", "2014-10-07T13:00:00+00:60", "not a valid offset"),
    (f"{SESSION}/meetings/0/start", "2014-10-07T13:00:00+24:00", "not a valid offset"),
    (f"{SESSION}/meetings/0/start", "2014-10-07T13:00:00-00:00", "unknown offset"),
    ("/organizations/0/kind", "ngoo", "did you mean 'ngo'?"),
    ("/organizations/0/kind", None, "expected one of 'ngo', 'ngo_federation'"),
    ("/organizations/0/name", {}, "needs at least one language"),
    ("/organizations/0/name", "UNODC", "expected multilingual text"),
    ("/organizations/0/name", ["UNODC"], "expected multilingual text"),
    ("/organizations/0", [], "expected an object (Organization), got an array"),
    (f"{SESSION}/meetings/0", "briefing", "expected a meeting (an object), got a string"),
    (f"{SESSION}/meetings/0/type", "briefng", "did you mean 'briefing'?"),
    (f"{SESSION}/meetings/0/type", 3, "expected one of 'side_event', 'briefing'"),
    (f"{SESSION}/figures/0/count/qualifier", "over", "expected one of 'exact', 'at_least'"),
]


@pytest.mark.parametrize(("path", "value", "message"), STRICTNESS)
def test_strict_values(path: str, value: Any, message: str) -> None:
    """A value of the wrong type or form is refused at its path with an explanation."""
    found = problems_after(mutate(path, value))
    assert list(found) == [path]
    assert message in found[path]


def test_text_values_are_checked_per_language() -> None:
    """A problem inside multilingual text points at the language concerned."""
    found = problems_after(mutate("/organizations/0/name", {"EN": "x", "fr": 5, "es": " "}))
    assert found == {
        "/organizations/0/name/EN": "write the language tag 'EN' as 'en'",
        "/organizations/0/name/es": "text must not be empty or only spaces",
        "/organizations/0/name/fr": "expected text (a string), got an integer (5)",
    }


def test_unknown_key_is_named_with_a_suggestion() -> None:
    """An unknown key is refused at its own path, naming the key and the likely intended one."""
    found = problems_after(mutate(f"{SESSION}/strat", "2014-10-06"))
    assert found == {f"{SESSION}/strat": "unknown field 'strat' (did you mean 'start'?)"}


def test_missing_required_key() -> None:
    """A missing required key is reported at the path where it should be."""
    found = problems_after(delete(f"{SESSION}/start"))
    assert found == {f"{SESSION}/start": "required field is missing"}


def test_missing_meeting_type() -> None:
    """A meeting without a type key says which types exist."""
    found = problems_after(delete(f"{SESSION}/meetings/2/type"))
    assert list(found) == [f"{SESSION}/meetings/2/type"]
    assert "'special_event'" in found[f"{SESSION}/meetings/2/type"]


def test_every_problem_is_reported_at_once_in_path_order() -> None:
    """Problems in different places of the document are all reported, sorted by path."""
    document = cop7_document()
    for change in (
        mutate("/people/1/name", None),
        mutate(f"{SESSION}/number", "7"),
        mutate("/organizations/4/kind", "club"),
        mutate("/sources/0/language", 5),
        mutate(f"{SESSION}/meetings/3/bogus", 1),
    ):
        change(document)
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    paths = [problem.path for problem in caught.value.errors]
    assert paths == [
        f"{SESSION}/meetings/3/bogus",
        f"{SESSION}/number",
        "/organizations/4/kind",
        "/people/1/name",
        "/sources/0/language",
    ]


def test_rule_messages_are_kept() -> None:
    """A rule of the model keeps its own message and points at the field it concerns."""
    found = problems_after(mutate(f"{SESSION}/end", "2014-10-01"))
    assert found == {
        f"{SESSION}/end": "the session ends (2014-10-01) before it starts (2014-10-06)"
    }


def test_all_broken_references_at_once() -> None:
    """Every reference that does not resolve is reported, each at its own path."""
    found = problems_after(
        mutate(f"{SESSION}/meetings/0/organizers/0", "alliance"),
        mutate(f"{SESSION}/meetings/4/participants/1/person", "jean-luc-lemahieux"),
        mutate(f"{SESSION}/figures/2/topics/0", "organised-crime"),
    )
    assert set(found) == {
        f"{SESSION}/meetings/0/organizers/0",
        f"{SESSION}/meetings/4/participants/1/person",
        f"{SESSION}/figures/2/topics/0",
    }
    assert (
        "did you mean 'jean-luc-lemahieu'?" in found[f"{SESSION}/meetings/4/participants/1/person"]
    )
    assert "did you mean 'organized-crime'?" in found[f"{SESSION}/figures/2/topics/0"]


def test_figures_must_agree_with_listed_records() -> None:
    """Listing more NGO side-event organizers than an exact figure allows is an error."""
    document = cop7_document()
    session = document["conferences"][0]["sessions"][0]
    ngos = [
        {"id": f"ngo-{index}", "kind": "ngo", "name": {"en": f"NGO {index}"}} for index in range(17)
    ]
    document["organizations"].extend(ngos)
    session["meetings"].append(
        {
            "type": "side_event",
            "id": "side-event",
            "title": {"en": "Side event"},
            "organizers": [ngo["id"] for ngo in ngos],
        }
    )
    found = problems(json.dumps(document))
    assert list(found) == [f"{SESSION}/figures/2/count"]
    assert "lists 17 records" in found[f"{SESSION}/figures/2/count"]
    session["meetings"][-1]["organizers"].pop()
    sixteen = loads(json.dumps(document)).conferences[0].sessions[0].meetings[-1]
    assert len(sixteen.organizers) == 16


def test_unknown_major_schema_version_is_reported_alone() -> None:
    """A document of another major version gets one clear message, not a flood."""
    found = problems_after(mutate("/schema_version", "2.0"), mutate("/people/0/name", None))
    assert list(found) == ["/schema_version"]
    assert "upgrade ctocmodel" in found["/schema_version"]


def test_minor_versions_are_read() -> None:
    """A later minor version of the same major version is read."""
    document = cop7_document()
    document["schema_version"] = "1.9"
    assert loads(json.dumps(document)).schema_version == "1.9"


def test_problems_in_a_newer_minor_version_suggest_upgrading() -> None:
    """Unknown fields in a document of a later minor version come with advice to upgrade."""
    found = problems_after(mutate("/schema_version", "1.4"), mutate("/people/0/pronouns", "he"))
    assert found["/people/0/pronouns"] == "unknown field 'pronouns'"
    assert "newer than the 1.1 this ctocmodel reads" in found["/schema_version"]
    assert "upgrade ctocmodel" in found["/schema_version"]


def test_schema_version_is_required_in_json() -> None:
    """A document must state its schema version."""
    found = problems_after(delete("/schema_version"))
    assert list(found) == ["/schema_version"]
    assert "required field is missing" in found["/schema_version"]


def test_duplicate_keys_are_refused() -> None:
    """A key repeated in one object is refused where it occurs, since a parser keeps only one."""
    text = examples.cop7_json().replace(
        '"kind": "un_entity",', '"kind": "un_entity", "kind": "ngo",', 1
    )
    text = text.replace('"en": "UNODC"', '"en": "UNODC", "en": "ONUDC"', 1)
    repeated = "the key {!r} appears more than once in this object; keep one"
    assert problems(text) == {
        "/organizations/0/acronym/en": repeated.format("en"),
        "/organizations/0/kind": repeated.format("kind"),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "expected a dataset, got an array"),
        ("5", "expected a dataset, got an integer (5)"),
        ("null", "expected a dataset, got null"),
        ('"text"', "expected a dataset, got a string ('text')"),
    ],
)
def test_top_level_must_be_an_object(text: str, message: str) -> None:
    """A JSON value other than an object at the top is refused at the root."""
    assert problems(text) == {"": message}


def test_converter_structures_python_data_strictly() -> None:
    """The converter itself raises ValidationError, for data that did not come from JSON too."""
    converter = make_converter()
    with pytest.raises(ValidationError) as caught:
        converter.structure({"schema_version": "1.0", "sources": [{"id": "s"}]}, Dataset)
    assert [problem.path for problem in caught.value.errors] == [
        "/sources/0/language",
        "/sources/0/title",
    ]


def test_tuples_are_accepted_as_arrays_from_python() -> None:
    """Python data may use tuples where JSON has arrays."""
    converter = make_converter()
    dataset = converter.structure(
        {"schema_version": "1.0", "people": ({"id": "p", "name": "P"},)}, Dataset
    )
    assert dataset.people[0].name == "P"


def test_unstructure_matches_the_json_form() -> None:
    """Unstructuring gives the same plain data as the JSON text."""
    dataset = examples.cop7()
    assert make_converter().unstructure(dataset) == json.loads(ctocmodel.dumps(dataset))


def test_configure_converter_makes_any_converter_strict() -> None:
    """configure_converter turns a plain cattrs converter into a strict ctocmodel one."""
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    configure_converter(converter)
    document = cop7_document()
    assert converter.structure(document, Dataset) == examples.cop7()
    document["people"][0]["name"] = 5
    with pytest.raises(ValidationError) as caught:
        converter.structure(document, Dataset)
    assert [problem.path for problem in caught.value.errors] == ["/people/0/name"]


def test_converters_are_independent() -> None:
    """make_converter returns a new converter each time; configuring one leaves others alone."""
    first, second = make_converter(), make_converter()
    assert first is not second
    first.register_unstructure_hook(str, str.upper)
    assert second.unstructure(examples.cop7())["people"][0]["name"] == "Aldo Lale-Demoz"


def test_validation_does_not_change_the_input() -> None:
    """Structuring reads its input without modifying it."""
    document = cop7_document()
    before = copy.deepcopy(document)
    make_converter().structure(document, Dataset)
    assert document == before

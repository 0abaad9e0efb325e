"""The JSON Schema: generated from the model, shipped up to date, and in agreement with loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import ValidationError, dumps, examples, loads
from ctocmodel.schema import UNEXPRESSED_RULES, json_schema, schema_text, shipped_json_schema
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, mutated_documents

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

# Library messages for rules the schema cannot express (see UNEXPRESSED_RULES).
UNEXPRESSED_MESSAGES = (
    "in this dataset",  # references that do not resolve
    "is already used by",
    "is a built-in",  # topic, measure, rule set, route
    "is not a meeting of this session",
    "is not a day of the session",
    "form a loop",
    "belongs to a UN entity",
    "names its parent organization",
    "only NGOs and NGO federations",
    "does not apply to",
    "is already listed at",
    "already reports",
    "more than this figure allows",
    "before it starts",
    "before or when it starts",
    "give either a date or a start",
    "an end time needs a start",
    "outside the session",
    "time zone",
    "URL",
    "is already an organizer",
    "co-organizers need an organizer",
    "counterpart",
    "name the participant",
    "counts as one",
    "a venue needs",
    "its own parent",
    "broader than itself",
    "appears more than once",
    "document symbol",  # a UN document symbol in its normalised form
    "UN document symbol",
    "expected an integer, got a number",  # 7.0, which JSON Schema counts as an integer
    "is already given at",
    "already has an admission at",
    "is a built-in rule set",
    "is a built-in route",
    "is already an error",
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


@given(datasets())
def test_every_valid_dataset_validates(dataset: Any) -> None:
    """Whatever the library accepts, the schema accepts."""
    document = json.loads(dumps(dataset))
    assert list(VALIDATOR.iter_errors(document)) == []


SAMPLES = st.sampled_from([examples.cop7()]) | datasets()


@settings(max_examples=300)
@given(mutated_documents(SAMPLES))
def test_schema_refuses_what_it_can_express(document: Any) -> None:
    """A document the schema accepts is refused by the library only for unexpressed rules."""
    problems = library_problems(document)
    if problems is None:
        assert schema_accepts(document)
    elif schema_accepts(document):
        unexplained = [m for m in problems if not any(k in m for k in UNEXPRESSED_MESSAGES)]
        assert unexplained == []


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
def test_schema_refuses_documents_the_library_refuses(path: tuple[Any, ...], value: Any) -> None:
    """Type, required, enum, pattern, bound, format and unknown-key errors are refused by both."""
    document = json.loads(examples.cop7_json())
    node = document
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value
    assert library_problems(document) is not None
    assert not schema_accepts(document)


def test_missing_required_key_is_refused_by_both() -> None:
    """A document without a required key is refused by the schema and by the library."""
    document = json.loads(examples.cop7_json())
    del document["conferences"][0]["sessions"][0]["meetings"][1]["type"]
    assert library_problems(document) is not None
    assert not schema_accepts(document)


AJV = Path(__file__).parent / "js" / "ajv_check.js"


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


@pytest.mark.skipif(not ajv_available(), reason="Node.js with ajv and ajv-formats not found")
def test_ajv_agrees_outside_python(tmp_path: Path) -> None:
    """ajv, under Node.js, validates the bundled record and refuses broken ones."""
    schema = tmp_path / "schema.json"
    schema.write_text(schema_text(), encoding="utf-8")
    documents = [json.loads(examples.cop7_json()) for _ in range(4)]
    documents[1]["organizations"][0]["kind"] = "club"
    documents[2]["conferences"][0]["sessions"][0]["start"] = "2014-02-30"
    documents[3]["people"][0]["name"] = "   "
    files = []
    for index, document in enumerate(documents):
        path = tmp_path / f"doc{index}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["node", str(AJV), str(schema), *files], capture_output=True, text=True, check=True
    )
    verdicts = [line.split()[0] for line in result.stdout.splitlines()]
    assert verdicts == ["valid", "invalid", "invalid", "invalid"]

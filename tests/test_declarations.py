"""The declarations: every field's facts and rules, read by every path, and nothing but them.

A record class states each field's kind once (`ctocmodel._model.specs`) and each rule
once (`rules_of`); these tests build records from any value at all, and check that
what the declarations say is what the dataset checks, the schema and the strategies do.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ctocmodel
from ctocmodel import ValidationError, dumps, examples, loads
from ctocmodel._model import MEETING_TYPES, Dataset, Record, noun_of, specs
from ctocmodel.errors import pointer
from ctocmodel.schema import json_schema
from ctocmodel.testing import synthetic_dataset, synthetic_sources
from ctocmodel.testing.strategies import ANYTHING, records, values

PUBLIC_RECORDS = sorted(
    (
        value
        for name in ctocmodel.__all__
        if isinstance(value := getattr(ctocmodel, name), type)
        and issubclass(value, Record)
        and attrs.has(value)
    ),
    key=lambda cls: cls.__name__,
)


def test_every_public_record_class_is_declared() -> None:
    """Each public model class is made by `record`: its fields have declarations."""
    assert len(PUBLIC_RECORDS) >= 19
    for cls in PUBLIC_RECORDS:
        assert [spec.name for spec in specs(cls)] == [field.name for field in attrs.fields(cls)]


@st.composite
def built(draw: st.DrawFn, cls: type) -> tuple[dict[str, Any], object]:
    """Keyword arguments for *cls*, each valid alone or anything at all, and what they build."""
    arguments = {
        spec.name: draw(st.one_of(ANYTHING, values(spec)))
        for spec in specs(cls)
        if draw(st.booleans()) or spec.required
    }
    try:
        return arguments, cls(**arguments)
    except ValidationError as error:
        return arguments, error


# Drawn datasets nest records with citations several levels deep: Hypothesis warns
# that their repr, kept to report a failure, is large; that says nothing of the model.
@pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
@pytest.mark.parametrize("cls", PUBLIC_RECORDS, ids=lambda cls: cls.__name__)
@settings(max_examples=150)
@given(data=st.data())
def test_any_value_builds_a_record_or_raises_validation_error(cls: type, data: Any) -> None:
    """Whatever is passed to a model class, the result is a record or a ValidationError."""
    _, result = data.draw(built(cls))
    if isinstance(result, ValidationError):
        assert result.errors
        for problem in result.errors:
            assert problem.path == "" or problem.path.startswith("/")
        return
    assert type(result) is cls
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(pickle.loads(pickle.dumps(result))) == hash(result)


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: ctocmodel.Organization(id="x", kind={"a": 1}, name={"en": "X"}), "/kind"),
        (lambda: ctocmodel.Count(qualifier=["x"], value=1), "/qualifier"),
        (lambda: ctocmodel.Source(id="s", title={"en": "S"}, language=["fr"]), "/language"),
        (lambda: ctocmodel.Venue(country=["AT"]), "/country"),
        (lambda: ctocmodel.Participation(organization="o", basis={"x"}), "/basis"),
        (lambda: ctocmodel.Participant(role=["speaker"], person="p"), "/role"),
        (lambda: ctocmodel.ReportedFigure(measure=[], count=None, source="s"), "/measure"),
    ],
)
def test_unhashable_choices_are_validation_errors(build: Any, path: str) -> None:
    """A list, dict or set where a choice belongs is a located problem, never a TypeError."""
    with pytest.raises(ValidationError) as caught:
        build()
    assert path in [problem.path for problem in caught.value.errors]


# References: each one the declarations name is resolved by the dataset.


def _occurrences(node: Any, here: str = "") -> Iterator[tuple[type, str, str]]:
    """(class, field, pointer) of every reference in the records under *node*."""
    if isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from _occurrences(item, f"{here}/{index}")
        return
    if not isinstance(node, Record):
        return
    for spec in specs(type(node)):
        value = getattr(node, spec.name)
        where = here + pointer(spec.name)
        if spec.target is not None and value:
            yield type(node), spec.name, f"{where}/0" if spec.many else where
        yield from _occurrences(value, where)


SAMPLES = [
    examples.cop7(),
    *(synthetic_dataset(seed, size=1) for seed in range(3)),
    *synthetic_sources(seed=0, count=2, size=1),
]
DECLARED_REFERENCES = {
    (cls, spec.name)
    for cls in {*PUBLIC_RECORDS, *MEETING_TYPES.values()}
    for spec in specs(cls)
    if spec.target is not None
}


def test_the_samples_hold_every_declared_reference() -> None:
    """Every reference field of the model appears in the sample datasets below."""
    found = {(cls, name) for sample in SAMPLES for cls, name, _ in _occurrences(sample)}
    assert found >= DECLARED_REFERENCES, DECLARED_REFERENCES - found


@pytest.mark.parametrize(
    "field", sorted(DECLARED_REFERENCES, key=lambda key: (key[0].__name__, key[1])), ids=str
)
def test_every_reference_is_resolved_by_the_dataset(field: tuple[type, str]) -> None:
    """Breaking one reference of each declared kind makes the dataset name it, at its pointer."""
    cls, name = field
    sample, path = next(
        (sample, path)
        for sample in SAMPLES
        for found_cls, found_name, path in _occurrences(sample)
        if (found_cls, found_name) == field
    )
    target = next(spec.target for spec in specs(cls) if spec.name == name)
    document = json.loads(dumps(sample))
    *parents, last = [int(t) if t.isdigit() else t for t in path.split("/")[1:]]
    node = document
    for token in parents:
        node = node[token]
    node[last] = "no-such-record"
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    assert {(problem.path, problem.message) for problem in caught.value.errors} >= {
        (path, f"no {target} has the id 'no-such-record' in this dataset")
    }


def test_every_reference_is_an_id_in_the_schema() -> None:
    """In the JSON Schema, every reference field is an id with a description naming its target."""
    definitions = json_schema()["$defs"]
    for cls, name in DECLARED_REFERENCES:
        schema = definitions[cls.__name__]["properties"][name]
        target = next(spec.target for spec in specs(cls) if spec.name == name)
        assert target is not None
        assert target.title() in schema["description"]
        text = json.dumps(schema)
        assert '"$ref": "#/$defs/id"' in text, (cls.__name__, name)


def test_every_noun_is_unique_in_a_dataset() -> None:
    """Records with a noun have ids unique across the document: a copy is refused."""
    nouns = {noun_of(cls) for cls in {*PUBLIC_RECORDS, *MEETING_TYPES.values()}} - {None}
    assert nouns == {
        "admission",
        "conference",
        "measure",
        "meeting",
        "organization",
        "person",
        "route",
        "rule set",
        "session",
        "source",
        "topic",
    }
    sample = synthetic_dataset(seed=1, size=1)
    session = sample.conferences[0].sessions[0]
    copy = attrs.evolve(sample.conferences[0], id="another", sessions=(session,))
    with pytest.raises(ValidationError, match=r"the session id .* is already used by"):
        Dataset(conferences=(*sample.conferences, copy), **_without(sample, "conferences"))


def _without(dataset: Dataset, name: str) -> dict[str, Any]:
    return {spec.name: getattr(dataset, spec.name) for spec in specs(Dataset) if spec.name != name}


# A dataset's references must resolve, which values drawn field by field never do.
@pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
@pytest.mark.parametrize(
    "cls", [cls for cls in PUBLIC_RECORDS if cls is not Dataset], ids=lambda cls: cls.__name__
)
@settings(
    max_examples=20, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
@given(data=st.data())
def test_records_drawn_from_the_declarations_are_valid(cls: type, data: Any) -> None:
    """The strategies read the declarations: what they build passes every rule of its class."""
    record = data.draw(records(cls))
    assert type(record) is cls
    assert attrs.evolve(record) == record  # type: ignore[misc]

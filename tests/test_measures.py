"""Measures as a vocabulary, the scope of figures, and the schema version 1.1 that adds them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ctocmodel import (
    BUILTIN_MEASURES,
    SCHEMA_VERSION,
    Count,
    Measure,
    ReportedFigure,
    SideEvent,
    ValidationError,
    dumps,
    examples,
    loads,
)
from ctocmodel.testing import problems_of

from .conftest import SESSION_END, SESSION_START, build_dataset

OLD_DOCUMENT = Path(__file__).parent / "data" / "cop7-schema-1.0.json"


def _figure(measure: str = "participants", **fields: object) -> ReportedFigure:
    count = fields.pop("count", Count(qualifier="more_than", value=90))
    return ReportedFigure(measure=measure, count=count, source="news", **fields)  # type: ignore[arg-type]


def test_the_seven_former_measures_and_ngo_participants_are_built_in() -> None:
    """Every measure of schema 1.0 is built in, with labels in English, French and Spanish."""
    assert list(BUILTIN_MEASURES) == [
        "participants",
        "participating_organizations",
        "participating_ngos",
        "side_events",
        "side_event_organizers",
        "side_event_organizing_ngos",
        "briefings",
        "ngo_participants",
    ]
    for measure in BUILTIN_MEASURES.values():
        assert set(measure.label) == {"en", "fr", "es"}
    with pytest.raises(TypeError):
        BUILTIN_MEASURES["x"] = Measure(id="x", label={"en": "x"})  # type: ignore[index]


def test_a_dataset_declares_its_own_measure() -> None:
    """A figure may count a measure the dataset declares, with its labels."""
    journalists = Measure(id="journalists", label={"en": "journalists", "fr": "journalistes"})
    dataset = build_dataset(measures=(journalists,), session={"figures": (_figure("journalists"),)})
    assert loads(dumps(dataset)) == dataset


def test_an_unknown_measure_is_refused_with_a_suggestion() -> None:
    """A figure of a measure neither built in nor declared names the nearest one."""
    with pytest.raises(ValidationError) as caught:
        build_dataset(session={"figures": (_figure("participant"),)})
    assert [(p.path, p.message) for p in caught.value.errors] == [
        (
            "/conferences/0/sessions/0/figures/0/measure",
            "no measure has the id 'participant' in this dataset (did you mean 'participants'?)",
        )
    ]


def test_a_built_in_measure_is_not_declared_again() -> None:
    """Declaring a built-in id is refused: its meaning is fixed."""
    with pytest.raises(ValidationError) as caught:
        build_dataset(measures=(Measure(id="briefings", label={"en": "talks"}),))
    assert [(p.path, p.message) for p in caught.value.errors] == [
        ("/measures/0/id", "'briefings' is a built-in measure; use its id without declaring it")
    ]


def test_a_source_may_report_one_measure_for_several_scopes() -> None:
    """Expected and actual, the session and one day: several figures of one source."""
    figures = (
        _figure(),
        _figure(status="expected"),
        _figure(day=SESSION_START),
        _figure(day=SESSION_START, status="expected"),
    )
    assert len(build_dataset(session={"figures": figures}).conferences[0].sessions[0].figures) == 4


def test_a_source_reports_one_figure_per_measure_and_scope() -> None:
    """Two figures of one source, measure and scope: the second is refused, naming the first."""
    figures = (
        _figure(day=SESSION_START),
        _figure(day=SESSION_START, count=Count(qualifier="exact", value=1)),
    )
    with pytest.raises(ValidationError) as caught:
        build_dataset(session={"figures": figures})
    assert [(p.path, p.message) for p in caught.value.errors] == [
        (
            "/figures/1",
            "source 'news' already reports a 'participants' figure of this scope at /figures/0",
        )
    ]


def test_a_figure_of_one_day_falls_within_the_session() -> None:
    """A day outside the session is refused at the figure's day."""
    late = SESSION_END + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        build_dataset(session={"figures": (_figure(day=late),)})
    assert [p.path for p in caught.value.errors] == ["/figures/0/day"]


def test_session_dates_out_of_order_are_one_fault_not_one_per_figure() -> None:
    """With the session's start and end swapped, only the end is reported, not the figures."""
    with pytest.raises(ValidationError) as caught:
        build_dataset(
            session={
                "start": SESSION_END,
                "end": SESSION_START,
                "figures": (_figure(day=SESSION_START),),
            }
        )
    assert [p.path for p in caught.value.errors] == ["/end"]


def test_a_figure_of_one_meeting_names_a_meeting_of_the_session() -> None:
    """A meeting the session does not hold is refused; one it holds is accepted."""
    meeting = SideEvent(id="se-1", title={"en": "Side event"})
    found = build_dataset(session={"figures": (_figure(meeting="se-1"),), "meetings": (meeting,)})
    assert found.conferences[0].sessions[0].figures[0].meeting == "se-1"
    with pytest.raises(ValidationError) as caught:
        build_dataset(session={"figures": (_figure(meeting="se-2"),), "meetings": (meeting,)})
    assert [p.path for p in caught.value.errors] == ["/figures/0/meeting"]


def test_only_figures_of_the_whole_session_are_checked_against_the_listed_records() -> None:
    """Two listed side events contradict "exactly 1 side event", not 1 expected or 1 that day."""
    meetings = (SideEvent(id="a", title={"en": "A"}), SideEvent(id="b", title={"en": "B"}))
    one = Count(qualifier="exact", value=1)
    for scoped in ({"status": "expected"}, {"day": SESSION_START}):
        build_dataset(
            session={
                "meetings": meetings,
                "figures": (_figure("side_events", count=one, **scoped),),
            }
        )
    with pytest.raises(ValidationError, match="the session lists 2 records for 'side_events'"):
        build_dataset(
            session={"meetings": meetings, "figures": (_figure("side_events", count=one),)}
        )


def test_status_is_actual_or_expected() -> None:
    """Any other status is refused with the two choices."""
    found = problems_of(lambda: _figure(status="planned"))
    assert found == {"/status": "expected one of 'actual', 'expected'; got a string ('planned')"}


def test_the_schema_version_is_1_1() -> None:
    """This library writes schema version 1.1; the bundled record says so."""
    assert SCHEMA_VERSION == "1.1"
    assert examples.cop7().schema_version == "1.1"


def test_a_document_of_schema_1_0_still_loads() -> None:
    """The bundled record as schema 1.0 wrote it reads into the same records."""
    old = loads(OLD_DOCUMENT.read_text(encoding="utf-8"))
    assert old.schema_version == "1.0"
    assert attrs.evolve(old, schema_version="1.1") == examples.cop7()  # type: ignore[misc]


def test_a_document_of_schema_1_0_is_written_back_with_the_fields_of_1_1() -> None:
    """Written back, a 1.0 document keeps its version and gains the new empty fields."""
    document = json.loads(dumps(loads(OLD_DOCUMENT.read_text(encoding="utf-8"))))
    assert document["schema_version"] == "1.0"
    assert document["measures"] == []
    assert document["conferences"][0]["sessions"][0]["figures"][0]["status"] == "actual"

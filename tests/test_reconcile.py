"""Counts as intervals, figures of several sources reconciled, series and histories."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctocmodel import (
    ABOUT_WIDTH,
    Conference,
    Count,
    Dataset,
    Interval,
    Organization,
    Participation,
    ReportedFigure,
    Session,
    SideEvent,
    Source,
    examples,
    history,
    interval_of,
    merge,
    reconcile,
    series,
    summarize,
    summarize_series,
)
from ctocmodel.testing import synthetic_sources
from ctocmodel.testing.strategies import counts


def _figure(source: str, qualifier: str, value: int, **fields: object) -> ReportedFigure:
    return ReportedFigure(
        measure=fields.pop("measure", "participants"),  # type: ignore[arg-type]
        count=Count(qualifier=qualifier, value=value),  # type: ignore[arg-type]
        source=source,
        **fields,  # type: ignore[arg-type]
    )


def _dataset(*sessions: Session, organizations: tuple[Organization, ...] = ()) -> Dataset:
    sources = tuple(
        Source(id=i, title={"en": f"Synthetic source {i}"}, language="en") for i in ("a", "b", "c")
    )
    conference = Conference(
        id="cop", name={"en": "Synthetic conference"}, acronym={"en": "COP"}, sessions=sessions
    )
    return Dataset(sources=sources, organizations=organizations, conferences=(conference,))


def _session(number: int, *figures: ReportedFigure, **fields: object) -> Session:
    start = dt.date(2000 + number, 10, 6)
    return Session(
        id=f"s{number}",
        number=number,
        start=start,
        end=start + dt.timedelta(days=4),
        figures=figures,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("qualifier", "value", "interval"),
    [
        ("exact", 16, Interval(16, 16)),
        ("more_than", 90, Interval(91, None)),
        ("at_least", 50, Interval(50, None)),
        ("at_most", 120, Interval(0, 120)),
        ("fewer_than", 10, Interval(0, 9)),
        ("about", 100, Interval(90, 110)),
        ("about", 5, Interval(4, 6)),
        ("about", 0, Interval(0, 0)),
    ],
)
def test_each_qualifier_is_an_interval(qualifier: str, value: int, interval: Interval) -> None:
    """ "more than 90" is 91 or more; "about 100" is 90 to 110 (10 %, rounded outwards)."""
    assert interval_of(Count(qualifier=qualifier, value=value)) == interval  # type: ignore[arg-type]


def test_the_reach_of_about_is_configurable() -> None:
    """about= sets how far "about" reaches; a share outside [0, 1) is refused."""
    assert ABOUT_WIDTH == 0.1
    about = Count(qualifier="about", value=100)
    assert interval_of(about, 0.25) == Interval(75, 125)
    assert interval_of(about, 0) == Interval(100, 100)
    with pytest.raises(ValueError, match="about is a share"):
        interval_of(about, 1.5)


@given(counts(), st.integers(0, 20_000))
def test_an_interval_admits_what_the_count_admits(count: Count, n: int) -> None:
    """Except for "about", the interval holds exactly the counts Count.admits."""
    if count.qualifier != "about":
        assert (n in interval_of(count)) == count.admits(n)


def test_two_sources_reconcile_to_their_intersection() -> None:
    """ "More than 90" and "at most 120": between 91 and 120, per the two sources."""
    dataset = _dataset(_session(1, _figure("a", "more_than", 90), _figure("b", "at_most", 120)))
    (item,) = reconcile(dataset)
    assert item.interval == Interval(91, 120)
    assert item.sources == ("a", "b")
    assert [e.at for e in item.evidence] == [
        "/conferences/0/sessions/0/figures/0",
        "/conferences/0/sessions/0/figures/1",
    ]
    assert not item.contradicted


def test_a_contradiction_names_the_sources_on_each_side() -> None:
    """ "More than 150" against "exactly 120" and "at most 130": no count; the sides named."""
    dataset = _dataset(
        _session(
            1,
            _figure("a", "more_than", 150),
            _figure("b", "exact", 120),
            _figure("c", "at_most", 130),
        )
    )
    (item,) = reconcile(dataset)
    assert item.interval is None
    assert item.contradicted
    assert [e.source for e in item.above] == ["a"]
    assert [e.source for e in item.below] == ["b", "c"]


def test_about_is_reconciled_with_its_configured_reach() -> None:
    """ "About 100" and "more than 105": 106 to 110 at 10 %, a contradiction at 2 %."""
    dataset = _dataset(_session(1, _figure("a", "about", 100), _figure("b", "more_than", 105)))
    assert reconcile(dataset)[0].interval == Interval(106, 110)
    assert reconcile(dataset, about=0.02)[0].contradicted


def test_listed_records_are_a_lower_bound() -> None:
    """Two listed side events and "at most 5": 2 to 5, the listed records among the evidence."""
    meetings = (SideEvent(id="x", title={"en": "X"}), SideEvent(id="y", title={"en": "Y"}))
    dataset = _dataset(
        _session(1, _figure("a", "at_most", 5, measure="side_events"), meetings=meetings)
    )
    (item,) = reconcile(dataset)
    assert item.interval == Interval(2, 5)
    assert [(e.source, e.interval) for e in item.evidence][-1] == (None, Interval(2, None))


def test_scopes_are_reconciled_apart() -> None:
    """An expected figure and an actual one of the same measure are not intersected."""
    dataset = _dataset(
        _session(1, _figure("a", "exact", 300, status="expected"), _figure("a", "exact", 250))
    )
    assert sorted(str(r.scope) for r in reconcile(dataset)) == ["expected", "whole session"]
    assert all(not r.contradicted for r in reconcile(dataset))


def test_the_bundled_record_reconciles_to_its_own_figures() -> None:
    """COP7: one source, three figures, the listed records say nothing more."""
    assert [(r.measure, str(r.interval)) for r in reconcile(examples.cop7())] == [
        ("participants", "91 or more"),
        ("participating_ngos", "51 or more"),
        ("side_event_organizing_ngos", "16"),
    ]


def test_a_series_gives_each_session_in_order() -> None:
    """Sessions by number, whatever their order; None where nothing is reported."""
    dataset = _dataset(
        _session(3, _figure("a", "about", 800)),
        _session(1, _figure("a", "more_than", 90), _figure("b", "at_most", 120)),
        _session(2),
    )
    points = series(dataset, "participants")
    assert [p.number for p in points] == [1, 2, 3]
    assert [p.reconciled.interval if p.reconciled else None for p in points] == [
        Interval(91, 120),
        None,
        Interval(720, 880),
    ]
    assert points[2].reconciled is not None
    assert points[2].reconciled.evidence[0].at == "/conferences/0/sessions/0/figures/0"


def test_a_series_of_expected_figures() -> None:
    """status="expected" lines up the figures given beforehand."""
    dataset = _dataset(_session(1, _figure("a", "more_than", 300, status="expected")))
    assert series(dataset, "participants")[0].reconciled is None
    expected = series(dataset, "participants", status="expected")[0].reconciled
    assert expected is not None
    assert expected.interval == Interval(301, None)


def test_a_series_of_an_unknown_conference_is_refused() -> None:
    """conference= names a conference of the dataset, else ValueError."""
    with pytest.raises(ValueError, match="no conference has the id 'x'"):
        series(_dataset(), "participants", conference="x")


def test_history_tells_sessions_bases_and_meetings() -> None:
    """An NGO's sessions in order, with the basis, and the meetings it organized."""
    ngo = Organization(id="ngo", name={"en": "NGO"}, kind="ngo")
    event = SideEvent(id="e", title={"en": "E"}, organizers=("ngo",))
    dataset = _dataset(
        _session(2, participation=(Participation(organization="ngo", basis="ecosoc_special"),)),
        _session(1, participation=(Participation(organization="ngo"),), meetings=(event,)),
        organizations=(ngo,),
    )
    (story,) = history(dataset)
    assert [(a.number, a.basis) for a in story.attended] == [(1, None), (2, "ecosoc_special")]
    assert [(o.number, o.meeting, o.role) for o in story.organized] == [(1, "e", "organizer")]
    with pytest.raises(ValueError, match="no organization has the id 'x'"):
        history(dataset, ["x"])


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Reconciled: between 91 and 120 participants, per two sources."),
        ("fr", "Rapprochement\u00a0: entre 91 et 120 participants, selon deux sources."),
        ("es", "Conciliación: entre 91 y 120 participantes, según dos fuentes."),
    ],
)
def test_the_summary_states_reconciled_figures_in_words(language: str, sentence: str) -> None:
    """A figure reported by two sources is stated once, reconciled, in the summary's language."""
    dataset = _dataset(_session(1, _figure("a", "more_than", 90), _figure("b", "at_most", 120)))
    lines = [line.strip() for line in summarize(dataset, language=language).splitlines()]
    assert sentence in lines
    assert not any("90" in line and "91" not in line for line in lines)


def test_the_summary_states_a_contradiction_with_its_sources() -> None:
    """Contradictory figures: the sources on each side and the bounds they give."""
    dataset = _dataset(_session(1, _figure("a", "more_than", 150), _figure("b", "exact", 120)))
    assert (
        "  Reconciled: contradictory figures of participants: a at least 151, b at most 120."
        in summarize(dataset).splitlines()
    )


def test_the_summary_words_scoped_and_declared_figures() -> None:
    """An expected figure of NGO participants says so, with the measure's label."""
    dataset = _dataset(
        _session(1, _figure("a", "more_than", 300, measure="ngo_participants", status="expected"))
    )
    assert "  More than 300 participants from NGOs (expected)." in summarize(dataset).splitlines()


def test_summarize_series_over_synthetic_sources() -> None:
    """The series of participants over three synthetic sessions, then the organizations."""
    merged, _ = merge(*synthetic_sources(seed=1, count=3, size=3))
    lines = summarize_series(merged, ["participants"]).splitlines()
    assert lines[0] == "Series of participants (SYN/COP):"
    assert lines[1] == "  Session 1 (2000): between 514 and 609 participants, per three sources."
    assert lines[3].startswith("  Session 3 (2001): contradictory figures of participants:")
    assert "Organizations across sessions:" in lines


def test_reconcile_and_series_put_no_figure_aside() -> None:
    """Every figure of every session is in exactly one reconciled group."""
    merged, _ = merge(*synthetic_sources(seed=2, count=3, size=2))
    groups = reconcile(merged)
    cited = [e.at for r in groups for e in r.evidence if e.source is not None]
    figures = [
        f"/conferences/0/sessions/{s}/figures/{f}"
        for s, session in enumerate(merged.conferences[0].sessions)
        for f in range(len(session.figures))
    ]
    assert sorted(cited) == sorted(figures)

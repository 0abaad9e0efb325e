"""merge: records joined by id, conflicts named with both values, inputs, pointers, sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import (
    Citation,
    Conference,
    Count,
    Dataset,
    KeepBoth,
    Organization,
    Participation,
    PreferLaterRetrieval,
    PreferSource,
    ReportedFigure,
    Session,
    SideEvent,
    Source,
    ValidationError,
    examples,
    merge,
)
from ctocmodel.testing import synthetic_sources
from ctocmodel.testing.strategies import datasets, multilingual_texts, plain_texts


def _source(source_id: str, retrieved: dt.date | None = None) -> Source:
    return Source(id=source_id, title={"en": f"Synthetic {source_id}"}, language="en")


def _org(name: str = "X", **fields: Any) -> Organization:
    return Organization(id="x", name={"en": name}, kind="ngo", **fields)


def _with_org(source_id: str, organization: Organization) -> Dataset:
    return Dataset(sources=(_source(source_id),), organizations=(organization,))


def test_merge_of_one_dataset_is_that_dataset() -> None:
    """merge(d) is d itself, with no conflict."""
    cop7 = examples.cop7()
    assert merge(cop7) == (cop7, [])


@settings(max_examples=40)
@given(datasets())
def test_merge_of_one_generated_dataset_is_itself_and_merging_is_idempotent(
    dataset: Dataset,
) -> None:
    """For any valid dataset d: merge(d) == d and merge(d, d) == d, without conflicts."""
    assert merge(dataset) == (dataset, [])
    assert merge(dataset, dataset) == (dataset, [])


def test_equal_records_with_one_id_become_one() -> None:
    """The same organization in two datasets is listed once, its sources joined."""
    a = _with_org("a", _org(sources=("a",)))
    b = _with_org("b", _org(sources=("b",)))
    merged, conflicts = merge(a, b)
    assert conflicts == []
    assert [o.id for o in merged.organizations] == ["x"]
    assert merged.organizations[0].sources == ("a", "b")
    assert [s.id for s in merged.sources] == ["a", "b"]


def test_a_value_one_side_leaves_out_is_kept_without_conflict() -> None:
    """An acronym given by one dataset and absent from the other is kept: nothing conflicts."""
    merged, conflicts = merge(_with_org("a", _org()), _with_org("b", _org(acronym={"en": "X!"})))
    assert conflicts == []
    assert merged.organizations[0].acronym == {"en": "X!"}


def test_different_values_are_a_conflict_naming_both_sides() -> None:
    """Two names for one organization: a conflict with both values, inputs, pointers, sources."""
    a = _with_org("a", _org("Ex", sources=("a",)))
    b = _with_org("b", _org("Why", sources=("b",)))
    merged, conflicts = merge(a, b, names=["A.json", "B.json"])
    (conflict,) = conflicts
    assert conflict.at == "/organizations/0/name"
    assert (conflict.kept.dataset, conflict.kept.at, conflict.kept.value) == (
        "A.json",
        "/organizations/0/name",
        {"en": "Ex"},
    )
    assert (conflict.other.dataset, conflict.other.value) == ("B.json", {"en": "Why"})
    assert (conflict.kept.sources, conflict.other.sources) == (("a",), ("b",))
    assert not conflict.resolved
    assert merged.organizations[0].name == {"en": "Ex"}  # the first, and the conflict says so
    message = str(conflict)
    assert message.startswith("B.json:/organizations/0/name: ")
    assert 'A.json:/organizations/0/name {"en":"Ex"} (cited: a)' in message
    assert "unresolved" in message


def test_the_pointer_of_each_side_is_its_place_in_its_own_input() -> None:
    """When the record sits elsewhere in each input, each side's pointer is its own."""
    y = Organization(id="y", name={"en": "Y"}, kind="ngo")
    a = Dataset(organizations=(y, _org("Ex")))
    b = Dataset(organizations=(_org("Why"),))
    (conflict,) = merge(a, b)[1]
    assert (conflict.at, conflict.kept.at, conflict.other.at) == (
        "/organizations/1/name",
        "/organizations/1/name",
        "/organizations/0/name",
    )


@pytest.mark.parametrize("preferred", ["b", "#2"])
def test_prefer_source_settles_by_cited_source_or_input_name(preferred: str) -> None:
    """PreferSource keeps the side citing that source (or that input), and says so."""
    a = _with_org("a", _org("Ex", sources=("a",)))
    b = _with_org("b", _org("Why", sources=("b",)))
    merged, (conflict,) = merge(a, b, rules=[PreferSource(preferred)])
    assert merged.organizations[0].name == {"en": "Why"}
    assert conflict.resolved_by == f"preferring {preferred}"


def test_prefer_source_does_not_choose_when_both_or_neither_cite_it() -> None:
    """A source cited by both sides, or by neither, settles nothing."""
    a = _with_org("a", _org("Ex", sources=("a",)))
    b = _with_org("b", _org("Why", sources=("b",)))
    assert not merge(a, b, rules=[PreferSource("c")])[1][0].resolved


def _cited(source_id: str, name: str, day: dt.date | None) -> Dataset:
    return _with_org(source_id, _org(name, citations=(Citation(source=source_id, retrieved=day),)))


def test_prefer_later_retrieval_keeps_the_later_side() -> None:
    """The side whose citations were retrieved later wins; its date is in the conflict."""
    a = _cited("a", "Ex", dt.date(2026, 1, 9))
    b = _cited("b", "Why", dt.date(2026, 1, 5))
    merged, (conflict,) = merge(b, a, rules=[PreferLaterRetrieval()])
    assert merged.organizations[0].name == {"en": "Ex"}
    assert (conflict.kept.retrieved, conflict.other.retrieved) == (
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 9),
    )


def test_prefer_later_retrieval_needs_both_dates() -> None:
    """Without a retrieval date on one side, the rule leaves the conflict to the next one."""
    _merged, (conflict,) = merge(
        _cited("a", "Ex", None),
        _cited("b", "Why", dt.date(2026, 1, 5)),
        rules=[PreferLaterRetrieval()],
    )
    assert not conflict.resolved


def _meeting(**fields: Any) -> SideEvent:
    return SideEvent(id="m", title={"en": "Side event"}, **fields)


def _with_meeting(meeting: SideEvent) -> Dataset:
    session = Session(
        id="s", number=1, start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10), meetings=(meeting,)
    )
    organizations = tuple(Organization(id=i, name={"en": i}, kind="ngo") for i in ("p", "q"))
    return Dataset(
        organizations=organizations,
        conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
    )


def test_two_lists_conflict_unless_keep_both() -> None:
    """Two lists of organizers conflict; KeepBoth keeps the items of both, each once."""
    a = _with_meeting(_meeting(organizers=("p",)))
    b = _with_meeting(_meeting(organizers=("q", "p")))
    _, (conflict,) = merge(a, b)
    assert conflict.at == "/conferences/0/sessions/0/meetings/0/organizers"
    merged, (settled,) = merge(a, b, rules=[KeepBoth()])
    assert merged.conferences[0].sessions[0].meetings[0].organizers == ("p", "q")
    assert settled.resolved_by == "keeping both"


def test_a_rule_may_be_any_function_of_a_conflict() -> None:
    """A function returning the value to keep settles the conflict, named by str()."""

    class Longest:
        def __call__(self, conflict: Any) -> Any:
            return max(conflict.kept.value["en"], conflict.other.value["en"], key=len) and {
                "en": max(conflict.kept.value["en"], conflict.other.value["en"], key=len)
            }

        def __str__(self) -> str:
            return "the longest name"

    merged, (conflict,) = merge(
        _with_org("a", _org("Ex")), _with_org("b", _org("Whyy")), rules=[Longest()]
    )
    assert merged.organizations[0].name == {"en": "Whyy"}
    assert conflict.resolved_by == "the longest name"


def test_records_that_break_a_rule_together_conflict_as_wholes() -> None:
    """A date from one side and a start time from the other: the meetings conflict whole."""
    a = _with_meeting(_meeting(date=dt.date(2014, 10, 7)))
    start = dt.datetime(2014, 10, 7, 13, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    b = _with_meeting(_meeting(start=start))
    merged, (conflict,) = merge(a, b)
    assert conflict.at == "/conferences/0/sessions/0/meetings/0"
    assert "together they break a rule" in (conflict.reason or "")
    assert merged.conferences[0].sessions[0].meetings[0].date == dt.date(2014, 10, 7)


def test_a_merged_dataset_that_breaks_a_rule_across_records_is_refused() -> None:
    """Listed side events of both sides exceed an exact figure of one: ValidationError."""
    figure = ReportedFigure(
        measure="side_events", count=Count(qualifier="exact", value=1), source="a"
    )

    def dataset(meeting_id: str, figures: tuple[ReportedFigure, ...]) -> Dataset:
        session = Session(
            id="s",
            number=1,
            start=dt.date(2014, 10, 6),
            end=dt.date(2014, 10, 10),
            meetings=(SideEvent(id=meeting_id, title={"en": "E"}),),
            figures=figures,
        )
        return Dataset(
            sources=(_source("a"),),
            conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
        )

    with pytest.raises(ValidationError, match="in the merged dataset: the session lists 2"):
        merge(dataset("m1", (figure,)), dataset("m2", ()))


def test_figures_of_several_sources_and_participation_are_joined_by_key() -> None:
    """Each source's figure is kept; participation entries are joined by organization."""

    def dataset(source_id: str, value: int, basis: str | None) -> Dataset:
        session = Session(
            id="s",
            number=1,
            start=dt.date(2014, 10, 6),
            end=dt.date(2014, 10, 10),
            participation=(Participation(organization="x", basis=basis, sources=(source_id,)),),
            figures=(
                ReportedFigure(
                    measure="participants",
                    count=Count(qualifier="more_than", value=value),
                    source=source_id,
                ),
            ),
        )
        return Dataset(
            sources=(_source(source_id),),
            organizations=(_org(),),
            conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
        )

    merged, conflicts = merge(dataset("a", 90, None), dataset("b", 100, "ecosoc_special"))
    session = merged.conferences[0].sessions[0]
    assert conflicts == []
    assert [(f.source, f.count.value) for f in session.figures] == [("a", 90), ("b", 100)]
    assert session.participation == (
        Participation(organization="x", basis="ecosoc_special", sources=("a", "b")),
    )


def test_a_cop7_and_a_cop8_dataset_merge_into_one_conference() -> None:
    """The issue's case: two sessions' datasets sharing unodc and the conference merge cleanly."""
    cop7 = examples.cop7()
    session = cop7.conferences[0].sessions[0]
    source = Source(
        id="synthetic-cop8", title={"en": "Synthetic record of a later session"}, language="en"
    )
    cop8_session = attrs.evolve(  # type: ignore[misc]
        session,
        id="ctoc-cop-8",
        number=8,
        start=dt.date(2016, 10, 17),
        end=dt.date(2016, 10, 21),
        figures=(),
        meetings=(),
        sources=("synthetic-cop8",),
    )
    conference = attrs.evolve(cop7.conferences[0], sessions=(cop8_session,))  # type: ignore[misc]
    cop8 = attrs.evolve(  # type: ignore[misc]
        cop7, sources=(*cop7.sources, source), people=(), conferences=(conference,)
    )
    merged, conflicts = merge(cop7, cop8)
    assert conflicts == []
    assert [s.number for s in merged.conferences[0].sessions] == [7, 8]
    assert len(merged.organizations) == len(cop7.organizations)


def test_merge_needs_datasets_and_as_many_names() -> None:
    """No dataset, something else than a dataset, or names that do not match: refused."""
    with pytest.raises(TypeError, match="at least one dataset"):
        merge()
    with pytest.raises(TypeError, match="expected datasets"):
        merge(examples.cop7(), {})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1 names for 2 datasets"):
        merge(Dataset(), Dataset(), names=["a"])


def test_synthetic_sources_merge_with_the_conflicts_they_announce() -> None:
    """Three synthetic sources: the venue and name conflicts, the venue settled by retrieval."""
    views = synthetic_sources(seed=3, count=3, size=2)
    merged, conflicts = merge(*views, rules=[PreferLaterRetrieval()])
    places = sorted((c.at.split("/")[1], c.at.rsplit("/", 1)[1], c.resolved) for c in conflicts)
    # B renames the venue (retrieved on the 6th), then C, retrieved last, names it as A did.
    assert places == [
        ("conferences", "name", True),
        ("conferences", "name", True),
        ("organizations", "name", False),
        ("organizations", "name", False),
    ]
    venue = merged.conferences[0].sessions[0].venue
    assert venue is not None
    assert venue.name == {"en": "Vienna International Centre"}
    merged_ab, _ = merge(*views[:2], rules=[PreferLaterRetrieval()])
    venue = merged_ab.conferences[0].sessions[0].venue
    assert venue is not None
    assert venue.name == {"en": "Vienna International Centre, Conference Building"}


# Properties: associative, idempotent, no conflict lost.


@st.composite
def _variants(draw: st.DrawFn) -> tuple[Dataset, ...]:
    """Three versions of one dataset whose names and labels may differ (texts in no rule)."""
    base = draw(datasets())
    result = []
    for _ in range(3):
        organizations = tuple(
            attrs.evolve(o, name=draw(multilingual_texts())) if draw(st.booleans()) else o  # type: ignore[misc]
            for o in base.organizations
        )
        people = tuple(
            attrs.evolve(p, name=draw(plain_texts())) if draw(st.booleans()) else p  # type: ignore[misc]
            for p in base.people
        )
        keep = draw(st.lists(st.booleans(), min_size=len(base.topics), max_size=len(base.topics)))
        used = {t.broader for t in base.topics} | {
            topic
            for c in base.conferences
            for s in c.sessions
            for topic in (
                *(t for f in s.figures for t in f.topics),
                *(t for m in s.meetings for t in m.topics),
            )
        }
        topics = tuple(t for t, kept in zip(base.topics, keep, strict=True) if kept or t.id in used)
        result.append(
            attrs.evolve(base, organizations=organizations, people=people, topics=topics)  # type: ignore[misc]
        )
    return tuple(result)


def _lost(inputs: tuple[Dataset, ...], merged: Dataset, conflicts: list[Any]) -> set[Any]:
    """Names in the inputs that the merged dataset does not hold and no conflict names."""
    named = {(c.at, repr(side.value)) for c in conflicts for side in (c.kept, c.other)}
    lost = set()
    for dataset in inputs:
        for organization in dataset.organizations:
            position = [o.id for o in merged.organizations].index(organization.id)
            at = f"/organizations/{position}/name"
            kept = merged.organizations[position].name == organization.name
            if not kept and (at, repr(organization.name)) not in named:
                lost.add((at, repr(organization.name)))
    return lost


@settings(max_examples=40)
@given(_variants())
def test_merging_is_associative_and_loses_no_conflict(variants: tuple[Dataset, ...]) -> None:
    """(a+b)+c == a+(b+c) == merge(a, b, c); every value left out is named by a conflict."""
    a, b, c = variants
    ab, first = merge(a, b)
    left, second = merge(ab, c)
    bc, third = merge(b, c)
    right, fourth = merge(a, bc)
    together, conflicts = merge(a, b, c)
    assert left == right == together
    assert _lost(variants, together, conflicts) == set()
    assert _lost(variants, left, first + second) == set()
    assert _lost(variants, right, third + fourth) == set()


@settings(max_examples=25)
@given(_variants())
def test_merging_twice_changes_nothing(variants: tuple[Dataset, ...]) -> None:
    """Merging a merged dataset with its inputs again gives it back (idempotence)."""
    merged, _ = merge(*variants)
    assert merge(merged, *variants)[0] == merged
    assert merge(merged, merged) == (merged, [])


@pytest.mark.parametrize("seed", range(3))
def test_synthetic_sources_merge_associatively(seed: int) -> None:
    """On synthetic sources with conflicts, the grouping of merges does not matter."""
    a, b, c = synthetic_sources(seed=seed, count=3, size=1)
    assert merge(merge(a, b)[0], c)[0] == merge(a, merge(b, c)[0])[0] == merge(a, b, c)[0]

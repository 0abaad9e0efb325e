"""Hypothesis strategies that build valid ctocmodel objects, for property-based tests.

Needs the optional dependency Hypothesis (``pip install 'ctocmodel[hypothesis]'``).

>>> from hypothesis import given, settings
>>> from ctocmodel import dumps, loads
>>> @settings(max_examples=10)
... @given(datasets())
... def test_round_trip(dataset):
...     assert loads(dumps(dataset)) == dataset
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, TypeVar, cast

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without the extra installed
    raise ImportError(
        "ctocmodel.testing.strategies needs Hypothesis; install it with "
        "pip install 'ctocmodel[hypothesis]'"
    ) from error

from .._model import (
    BUILTIN_TOPICS,
    Briefing,
    Conference,
    Count,
    Dataset,
    Dialogue,
    Identifier,
    Meeting,
    MultilingualText,
    Organization,
    Participant,
    Participation,
    ParticipationBasis,
    Person,
    Position,
    ReportedFigure,
    Role,
    Session,
    SideEvent,
    Source,
    SpecialEvent,
    Topic,
    Venue,
)
from .._model._checks import find_time_zone
from .._model._countries import COUNTRY_CODES
from .._model._integrity import listed_count
from .._model.figures import MEASURES, QUALIFIERS
from .._model.organizations import NGO_KINDS, ORGANIZATION_KINDS, UN_KINDS
from .._model.sessions import PARTICIPATION_BASES

__all__ = [
    "REPLACEMENTS",
    "counts",
    "datasets",
    "ids",
    "language_tags",
    "multilingual_texts",
    "mutated_documents",
    "plain_texts",
]

T = TypeVar("T")

LANGUAGE_TAGS = ("ar", "zh", "en", "fr", "ru", "es", "zh-Hans", "zh-Hant-TW", "es-419", "fr-CA")
TIME_ZONES = ("Europe/Vienna", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC")


@cache
def language_tags() -> st.SearchStrategy[str]:
    """Canonical BCP 47 tags: the six UN languages and a few regional or script variants."""
    return st.sampled_from(LANGUAGE_TAGS)


@cache
def plain_texts(max_size: int = 8) -> st.SearchStrategy[str]:
    """Non-blank text in any script, with tabs and newlines but no other control characters."""
    alphabet = st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"
    )
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda text: text.strip() != "")


@cache
def multilingual_texts() -> st.SearchStrategy[MultilingualText]:
    """Multilingual texts with one or two languages."""
    return st.dictionaries(language_tags(), plain_texts(), min_size=1, max_size=2)


_ID_STEMS = ("a", "ngo-", "unodc.", "org_", "x-1-", "session-", "s.", "b9-z.")


@cache
def ids() -> st.SearchStrategy[str]:
    """Valid ids of varied shapes: lowercase letters and digits joined by single separators."""
    return st.builds(lambda stem, n: f"{stem}{n}", st.sampled_from(_ID_STEMS), st.integers(0, 999))


@cache
def counts(qualifiers: tuple[str, ...] = QUALIFIERS) -> st.SearchStrategy[Count]:
    """Counts with any of *qualifiers*."""
    return st.builds(
        lambda qualifier, value: Count(
            qualifier=qualifier, value=value + (qualifier == "fewer_than")
        ),
        st.sampled_from(qualifiers),
        st.integers(0, 10_000),
    )


def _unique_ids(draw: st.DrawFn, taken: set[str], n: int) -> list[str]:
    result: list[str] = []
    while len(result) < n:
        candidate = draw(ids())
        if candidate not in taken:
            taken.add(candidate)
            result.append(candidate)
    return result


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    return draw(st.one_of(st.none(), strategy))


def _subset(draw: st.DrawFn, items: list[str], max_size: int = 3) -> tuple[str, ...]:
    if not items:
        return ()
    return tuple(draw(st.lists(st.sampled_from(items), max_size=max_size, unique=True)))


@st.composite
def _organizations(draw: st.DrawFn, source_ids: list[str]) -> list[Organization]:
    count = draw(st.integers(0, 5))
    result: list[Organization] = []
    for organization_id in _unique_ids(draw, set(), count):
        kind = draw(st.sampled_from(ORGANIZATION_KINDS))
        un_parents = [o.id for o in result if o.kind in UN_KINDS]
        if kind == "un_entity_unit" and not un_parents:
            kind = "un_entity"
        if kind == "un_entity_unit":
            parent: str | None = draw(st.sampled_from(un_parents))
        else:
            parent = _maybe(draw, st.sampled_from([o.id for o in result])) if result else None
        result.append(
            Organization(
                id=organization_id,
                name=draw(multilingual_texts()),
                kind=kind,  # type: ignore[arg-type]
                acronym=_maybe(draw, multilingual_texts()),
                parent=parent,
                country=_maybe(draw, st.sampled_from(sorted(COUNTRY_CODES))),
                ecosoc_status=(
                    _maybe(draw, st.sampled_from(("general", "special", "roster")))
                    if kind in NGO_KINDS
                    else None
                ),
                identifiers=tuple(
                    Identifier(scheme=scheme, id=value)
                    for scheme, value in draw(
                        st.lists(
                            st.tuples(
                                st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,8}", fullmatch=True),
                                st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True),
                            ),
                            max_size=2,
                            unique=True,
                        )
                    )
                ),
                website=_maybe(
                    draw, st.sampled_from(("https://example.org/", "http://ngo.example/a?b=c"))
                ),
                sources=_subset(draw, source_ids),
            )
        )
    return result


def _dates(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    start = draw(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
    return start, start + dt.timedelta(days=draw(st.integers(0, 6)))


def _timing(
    draw: st.DrawFn, first: dt.date, last: dt.date, zone_name: str | None
) -> dict[str, Any]:
    day = first + dt.timedelta(days=draw(st.integers(0, (last - first).days)))
    choice = draw(st.sampled_from(("none", "date", "start", "range")))
    if choice == "none":
        return {}
    if choice == "date":
        return {"date": day}
    local = dt.datetime.combine(day, dt.time(draw(st.integers(6, 20)), draw(st.integers(0, 59))))
    zone = find_time_zone(zone_name) if zone_name else None
    if zone is not None:
        offset = local.replace(tzinfo=zone).utcoffset()
    else:
        offset = dt.timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60)))
    assert offset is not None
    start = local.replace(tzinfo=dt.timezone(offset))
    if zone is not None and start.astimezone(zone).utcoffset() != offset:
        return {"date": day}  # a local time that does not exist there (a DST gap)
    if choice == "start":
        return {"start": start}
    end = start + dt.timedelta(minutes=draw(st.integers(1, 180)))
    if end.date() > last or (zone is not None and end.astimezone(zone).utcoffset() != offset):
        return {"start": start}
    return {"start": start, "end": end}


def _participants(
    draw: st.DrawFn, people: list[str], organizations: list[str], dialogue: bool
) -> tuple[Participant, ...]:
    roles: tuple[Role, ...] = ("speaker", "moderator", "attendee")
    if dialogue:
        roles += ("counterpart",)
    result = []
    for _ in range(draw(st.integers(0, 3))):
        role = draw(st.sampled_from(roles))
        organization = _maybe(draw, st.sampled_from(organizations)) if organizations else None
        if bool(people) and draw(st.booleans()):
            result.append(
                Participant(
                    role=role, person=draw(st.sampled_from(people)), organization=organization
                )
            )
        else:
            result.append(
                Participant(
                    role=role,
                    organization=organization,
                    description=draw(multilingual_texts()),
                    count=_maybe(draw, counts()),
                )
            )
    if dialogue and not any(p.role == "counterpart" for p in result):
        result.append(Participant(role="counterpart", description={"en": "Officials"}))
    return tuple(result)


def _meeting(
    draw: st.DrawFn,
    meeting_id: str,
    session: tuple[dt.date, dt.date, str | None],
    refs: dict[str, list[str]],
) -> Meeting:
    kind = draw(st.sampled_from((SideEvent, Briefing, Dialogue, SpecialEvent)))
    organizers = _subset(draw, refs["organizations"])
    others = [o for o in refs["organizations"] if o not in organizers]
    co_organizers = _subset(draw, others) if organizers else ()
    extra: dict[str, Any] = {}
    if kind is Dialogue:
        extra["questions"] = tuple(draw(st.lists(multilingual_texts(), max_size=2)))
    meeting: Meeting = kind(
        id=meeting_id,
        title=draw(multilingual_texts()),
        organizers=organizers,
        co_organizers=co_organizers,
        participants=_participants(draw, refs["people"], refs["organizations"], kind is Dialogue),
        topics=_subset(draw, refs["topics"]),
        summary=_maybe(draw, multilingual_texts()),
        outcome=_maybe(draw, multilingual_texts()),
        sources=_subset(draw, refs["sources"]),
        **_timing(draw, *session),
        **extra,
    )
    return meeting


def _figures(
    draw: st.DrawFn, session: Session, organizations: list[Organization], refs: dict[str, list[str]]
) -> tuple[ReportedFigure, ...]:
    if not refs["sources"]:
        return ()
    by_id = {organization.id: organization for organization in organizations}
    result = []
    for measure in draw(st.lists(st.sampled_from(MEASURES), max_size=3, unique=True)):
        probe = ReportedFigure(
            measure=measure,  # type: ignore[arg-type]
            count=Count(qualifier="about", value=0),
            source=refs["sources"][0],
        )
        listed = listed_count(session, probe, by_id) or 0
        # Choose a figure that the listed records (a lower bound of the truth) agree with.
        qualifier = draw(st.sampled_from(QUALIFIERS))
        value = listed + draw(st.integers(0, 50))
        if qualifier == "fewer_than":
            value += 1
        result.append(
            ReportedFigure(
                measure=measure,  # type: ignore[arg-type]
                count=Count(qualifier=qualifier, value=value),  # type: ignore[arg-type]
                source=draw(st.sampled_from(refs["sources"])),
                quote=_maybe(draw, plain_texts()),
                topics=_subset(draw, refs["topics"]),
            )
        )
    return tuple({(f.measure, f.source): f for f in result}.values())


def _participation(
    draw: st.DrawFn, organizations: list[Organization], refs: dict[str, list[str]]
) -> tuple[Participation, ...]:
    chosen = (
        draw(st.lists(st.sampled_from(organizations), max_size=4, unique_by=lambda o: o.id))
        if organizations
        else []
    )
    result = []
    for organization in chosen:
        bases: list[ParticipationBasis | None] = [None]
        if organization.kind in NGO_KINDS:
            bases.append("observer_under_rules_of_procedure")
            bases.append(
                cast(ParticipationBasis, f"ecosoc_{organization.ecosoc_status}")
                if organization.ecosoc_status
                else "ecosoc_special"
            )
        elif organization.kind in UN_KINDS:
            bases.append("un_entity")
        elif organization.kind == "member_state":
            bases += ["state_party", "signatory_state"]
        elif organization.kind == "intergovernmental_organization":
            bases.append("intergovernmental_organization")
        bases.append("other")
        basis = draw(st.sampled_from(bases))
        assert basis is None or basis in PARTICIPATION_BASES
        result.append(
            Participation(
                organization=organization.id,
                basis=basis,
                sources=_subset(draw, refs["sources"]),
            )
        )
    return tuple(result)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """Valid datasets of every shape: all record kinds, meeting types, optional fields."""
    source_ids = _unique_ids(draw, set(), draw(st.integers(0, 2)))
    organizations = draw(_organizations(source_ids))
    org_ids = [o.id for o in organizations]
    sources = [
        Source(
            id=source_id,
            title=draw(multilingual_texts()),
            language=draw(language_tags()),
            publisher=_maybe(draw, st.sampled_from(org_ids)) if org_ids else None,
            url=_maybe(draw, st.sampled_from(("https://www.unodc.org/", "https://example.org/x"))),
            date=_maybe(draw, st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1))),
        )
        for source_id in source_ids
    ]
    people = []
    for person_id in _unique_ids(draw, set(), draw(st.integers(0, 3))):
        positions = []
        for _ in range(draw(st.integers(0, 2)) if org_ids else 0):
            start, end = _dates(draw)
            positions.append(
                Position(
                    title=draw(multilingual_texts()),
                    organization=draw(st.sampled_from(org_ids)),
                    start=_maybe(draw, st.just(start)),
                    end=_maybe(draw, st.just(end)),
                )
            )
        people.append(
            Person(
                id=person_id,
                name=draw(plain_texts()),
                positions=tuple(positions),
                sources=_subset(draw, source_ids),
            )
        )
    topics: list[Topic] = []
    for topic_id in _unique_ids(draw, set(BUILTIN_TOPICS), draw(st.integers(0, 2))):
        broader_choices = [*sorted(BUILTIN_TOPICS)[:3], *(t.id for t in topics)]
        topics.append(
            Topic(
                id=topic_id,
                label=draw(multilingual_texts()),
                broader=_maybe(draw, st.sampled_from(broader_choices)),
            )
        )
    refs = {
        "sources": source_ids,
        "organizations": org_ids,
        "people": [p.id for p in people],
        "topics": [*sorted(BUILTIN_TOPICS)[:4], *(t.id for t in topics)],
    }
    conferences = []
    session_ids: set[str] = set()
    meeting_ids: set[str] = set()
    for conference_id in _unique_ids(draw, set(), draw(st.integers(0, 1))):
        sessions = []
        numbers = draw(st.lists(st.integers(1, 30), max_size=2, unique=True))
        for number, session_id in zip(
            numbers, _unique_ids(draw, session_ids, len(numbers)), strict=True
        ):
            first, last = _dates(draw)
            venue = _maybe(
                draw,
                st.builds(
                    Venue,
                    name=st.none() | multilingual_texts(),
                    city=multilingual_texts(),
                    country=st.none() | st.sampled_from(("AT", "US", "IN", "NZ")),
                    time_zone=st.none() | st.sampled_from(TIME_ZONES),
                ),
            )
            zone_name = venue.time_zone if venue is not None else None
            meetings = tuple(
                _meeting(draw, meeting_id, (first, last, zone_name), refs)
                for meeting_id in _unique_ids(draw, meeting_ids, draw(st.integers(0, 3)))
            )
            session = Session(
                id=session_id,
                number=number,
                start=first,
                end=last,
                venue=venue,
                participation=_participation(draw, organizations, refs),
                meetings=meetings,
                sources=_subset(draw, source_ids),
            )
            figures = _figures(draw, session, organizations, refs)
            sessions.append(
                Session(
                    id=session.id,
                    number=session.number,
                    start=session.start,
                    end=session.end,
                    venue=session.venue,
                    participation=session.participation,
                    figures=figures,
                    meetings=session.meetings,
                    sources=session.sources,
                )
            )
        conferences.append(
            Conference(
                id=conference_id,
                name=draw(multilingual_texts()),
                acronym=_maybe(draw, multilingual_texts()),
                secretariat=_maybe(draw, st.sampled_from(org_ids)) if org_ids else None,
                sessions=tuple(sessions),
                sources=_subset(draw, source_ids),
            )
        )
    return Dataset(
        sources=tuple(sources),
        organizations=tuple(organizations),
        people=tuple(people),
        topics=tuple(topics),
        conferences=tuple(conferences),
    )


REPLACEMENTS: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 7.9, 2**70, "", " ", "x", "X", "ngo", "7", "2014-10-06",
    "20141006", "2014-10-07T13:00:00", "2014-10-07T13:00:00Z", "2014-10-07T13:00:00+03:00",
    "2014-10-12", "side_event", "dialogue", "counterpart", "unodc", "corruption", "a\x00b",
    "\u202eRTL", "😀", "\u0301", [], ["x"], ["x", "x"], {}, {"en": "x"}, {"EN": "x"}, {"fr": " "},
)  # fmt: skip
"""Values that `mutated_documents` puts in place of others: every type, edge and script."""


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn, samples: st.SearchStrategy[Dataset] | None = None) -> Any:
    """JSON documents (as Python data) made from valid datasets by one small change.

    One value is replaced (by one of `REPLACEMENTS`), removed, duplicated in its list, or
    given an unknown sibling key. Some mutants are still valid, most are not: use them
    to check that a reader accepts or refuses as the rules say.
    """
    import json

    from .._io import dumps

    dataset = draw(samples if samples is not None else datasets())
    document = json.loads(dumps(dataset))
    paths = _paths(document)[1:]
    if not paths:
        return document
    path = draw(st.sampled_from(paths))
    *parents, last = path
    node = document
    for token in parents:
        node = node[token]
    action = draw(st.sampled_from(("replace", "remove", "add key", "duplicate")))
    if action == "replace":
        node[last] = draw(st.sampled_from(REPLACEMENTS))
    elif action == "remove":
        del node[last]
    elif action == "add key" and isinstance(node, dict):
        node[draw(st.sampled_from(("extra", "typ", "note", "ID")))] = node[last]
    elif isinstance(node, list):
        node.insert(last, node[last])
    return document

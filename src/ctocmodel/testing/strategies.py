"""Hypothesis strategies that build valid ctocmodel objects, for property-based tests.

Needs the optional dependency Hypothesis (``pip install hypothesis``, or the extra
``hypothesis``).

>>> from hypothesis import given, settings
>>> from ctocmodel import dumps, loads
>>> @settings(max_examples=10)
... @given(datasets())
... def test_round_trip(dataset):
...     assert loads(dumps(dataset)) == dataset
>>> test_round_trip()
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from typing import Any, Type, TypeVar, cast  # noqa: UP035 (see records)

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without the extra installed
    raise ImportError(
        "ctocmodel.testing.strategies needs Hypothesis; install it with "
        "pip install hypothesis (ctocmodel's extra 'hypothesis')"
    ) from error

import attrs

from .._model import (
    BUILTIN_MEASURES,
    BUILTIN_ROUTES,
    BUILTIN_RULE_SETS,
    BUILTIN_TOPICS,
    SCHEMA_VERSION,
    Admission,
    Application,
    Briefing,
    Citation,
    Conference,
    Count,
    Dataset,
    Decision,
    Dialogue,
    Document,
    FieldSpec,
    Identifier,
    Invitation,
    Listing,
    Measure,
    Meeting,
    MultilingualText,
    Objection,
    Organization,
    Participant,
    Participation,
    ParticipationBasis,
    ParticipationRules,
    Person,
    Position,
    Provision,
    ReportedFigure,
    Right,
    Role,
    Route,
    Session,
    SideEvent,
    Source,
    SpecialEvent,
    Statement,
    Topic,
    Venue,
    specs,
)
from .._model._checks import Kind, find_time_zone, visible
from .._model._countries import COUNTRY_CODES
from .._model._integrity import listed_count, ngo_ids
from .._model.admissions import OUTCOMES
from .._model.figures import QUALIFIERS, STATUSES
from .._model.organizations import NGO_KINDS, ORGANIZATION_KINDS, UN_KINDS
from .._model.participation import CONFERENCE_BODIES, PARTICIPATION_CHECKS, RIGHT_ACTIONS
from .._model.people import VISIBILITIES
from .._model.sessions import PARTICIPATION_BASES
from .._model.statements import STATEMENT_KINDS
from ..errors import ValidationError, pointer

__all__ = [
    "ANYTHING",
    "MUTATION_ACTIONS",
    "ODD_TEXTS",
    "OUT_OF_RANGE",
    "REPLACEMENTS",
    "UNKNOWN_KEYS",
    "Mutation",
    "counts",
    "datasets",
    "ids",
    "language_tags",
    "multilingual_texts",
    "mutated_documents",
    "mutations",
    "plain_texts",
    "provisions",
    "records",
    "values",
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
    return st.text(alphabet, min_size=1, max_size=max_size).filter(visible)


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


# Symbols as DocumentSymbol writes them, of several shapes.
_SYMBOLS = (
    "CTOC/COP/2014/1",
    "CTOC/COP/2014/INF/1/Rev.1",
    "CTOC/COP/2014/CRP.2",
    "A/RES/69/193",
    "E/2014/30/Add.1",
    "E/CN.15/2014/20",
)
_DOCUMENTS = st.lists(
    st.builds(
        Document,
        symbol=st.sampled_from(_SYMBOLS),
        title=st.none()
        | st.dictionaries(st.sampled_from(("en", "fr")), st.just("Report"), min_size=1),
        url=st.none() | st.just("https://www.unodc.org/documents/treaties/"),
    ),
    max_size=2,
).map(tuple)


_QUOTATIONS = st.sampled_from(
    ("Plus de 90 participants", "Au total, 16 ONG ont organisé des manifestations parallèles.")
)
_FRAGMENTS = st.sampled_from(("section-2", "p3", ":~:text=Plus%20de%2090"))
_PROVISION_NUMBERS = ("16", "17", "2", "3", "b", "9/1", "53", "iv", "1.2", "A-3")

# Valid values of each kind of field, by the name of its `Kind`: a kind added to the
# model without one here fails the tests that build records from the declarations.
_KIND_VALUES: dict[str, Callable[[Kind], st.SearchStrategy[Any]]] = {
    "id": lambda _: ids(),
    "multilingualText": lambda _: multilingual_texts(),
    "text": lambda _: plain_texts(),
    "trimmedText": lambda _: plain_texts().map(str.strip).filter(bool),
    "languageTag": lambda _: language_tags(),
    "timeZone": lambda _: st.sampled_from(TIME_ZONES),
    "country": lambda _: st.sampled_from(sorted(COUNTRY_CODES)),
    "url": lambda _: st.sampled_from(("https://example.org/", "http://ngo.example/a?b=c")),
    "scheme": lambda _: st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,8}", fullmatch=True),
    "date": lambda _: st.dates(),
    "dateTime": lambda _: st.builds(
        lambda moment, minutes: moment.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))),
        st.datetimes(),
        st.integers(-23 * 60 - 59, 23 * 60 + 59),
    ),
    "choice": lambda kind: st.sampled_from(kind.values),
    "tag": lambda kind: st.sampled_from(kind.values),
    "integer": lambda kind: st.integers(kind.minimum, kind.maximum),
    "symbol": lambda _: st.sampled_from(_SYMBOLS),
    "provisionNumber": lambda _: st.sampled_from(_PROVISION_NUMBERS),
    "schemaVersion": lambda _: st.just(SCHEMA_VERSION),
    "series": lambda _: st.sampled_from(("A", "E/CN.15", "CTOC/COP")),
    "documentKind": lambda _: st.sampled_from(("INF", "CRP", "L")),
    "modifier": lambda _: st.tuples(st.sampled_from(("Rev", "Add", "Corr")), st.integers(1, 9)),
    "quotation": lambda _: _QUOTATIONS,
    "fragment": lambda _: _FRAGMENTS,
    "fieldName": lambda _: st.sampled_from(("name", "title", "figures", "venue")),
}


def _citations(
    draw: st.DrawFn, cls: type, source_ids: list[str], max_size: int = 1
) -> tuple[Citation, ...]:
    """Citations of a record of *cls*, whole or of one of its fields."""
    if not source_ids:
        return ()
    fields = [
        spec.name for spec in specs(cls) if spec.name not in ("id", "sources", "citations", "type")
    ]
    result = []
    for _ in range(draw(st.integers(0, max_size))):
        result.append(
            Citation(
                source=draw(st.sampled_from(source_ids)),
                field=_maybe(draw, st.sampled_from(fields)),
                paragraph=_maybe(draw, st.integers(1, 40)),
                page=_maybe(draw, st.sampled_from(("4", "iv", "12-13"))),
                section=_maybe(draw, st.sampled_from(("A", "Annex I"))),
                fragment=_maybe(draw, _FRAGMENTS),
                quote=_maybe(draw, _QUOTATIONS),
                retrieved=_maybe(draw, st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1))),
            )
        )
    return tuple(dict.fromkeys(result))


def values(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Values that the field *spec* takes alone (rules across fields may still refuse them).

    >>> from ctocmodel import Session
    >>> from ctocmodel._model import specs
    >>> number = next(spec for spec in specs(Session) if spec.name == "number")
    >>> values(number)
    integers(min_value=1, max_value=9_223_372_036_854_775_807)
    """
    if spec.records:
        one: st.SearchStrategy[Any] = st.one_of([records(cls) for cls in spec.records])
    elif spec.target is not None:
        one = ids()
    else:
        one = _KIND_VALUES[spec.kind.name](spec.kind)
    if spec.many:
        unique = spec.unique or spec.target is not None
        one = st.lists(one, max_size=2, unique=unique).map(tuple)
    return st.none() | one if spec.optional else one


# typing.Type: the API reference would take a bare "type" for any meeting's field of that name.
@cache
def records(cls: Type[T]) -> st.SearchStrategy[T]:  # noqa: UP006
    """Records of *cls* built from valid values of each field, where its rules accept them.

    Only the declarations guide it, so records whose fields must agree (a dialogue and
    its counterparts) come seldom; `datasets` builds whole, consistent documents.
    """
    fields = st.fixed_dictionaries({spec.name: _deferred(spec) for spec in specs(cls)})
    built = fields.map(lambda given: _built(cls, given))
    return cast("st.SearchStrategy[T]", built.filter(lambda made: made is not None))


def _deferred(spec: FieldSpec) -> st.SearchStrategy[Any]:
    # Records may hold records: their strategies are made when first drawn.
    return st.deferred(lambda: values(spec))


def _built(cls: type[T], given: dict[str, Any]) -> T | None:
    try:
        return cls(**given)
    except ValidationError:
        return None


ANYTHING: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.binary(max_size=3)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.timezones())
    | st.builds(object),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3)
        | st.frozensets(st.integers(), max_size=2)
        | st.sets(st.integers(), max_size=2)
    ),
    max_leaves=6,
)
"""Any Python value at all, of the types people pass by mistake."""


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
                citations=_citations(draw, Organization, source_ids),
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
        documents=draw(_DOCUMENTS),
        citations=_citations(draw, kind, refs["sources"]),
        **_timing(draw, *session),
        **extra,
    )
    return meeting


def _figures(
    draw: st.DrawFn, session: Session, organizations: list[Organization], refs: dict[str, list[str]]
) -> tuple[ReportedFigure, ...]:
    if not refs["sources"]:
        return ()
    ngos = ngo_ids(organizations)
    meetings = [meeting.id for meeting in session.meetings]
    result = []
    for measure in draw(st.lists(st.sampled_from(refs["measures"]), max_size=3, unique=True)):
        scope: dict[str, Any] = {}
        if draw(st.integers(0, 3)) == 0:
            scope = {
                "day": _maybe(
                    draw,
                    st.dates(session.start, session.end),
                ),
                "meeting": _maybe(draw, st.sampled_from(meetings)) if meetings else None,
                "status": draw(st.sampled_from(STATUSES)),
            }
        probe = ReportedFigure(
            measure=measure,
            count=Count(qualifier="about", value=0),
            source=refs["sources"][0],
        )
        listed = listed_count(session, probe, ngos) or 0
        # Choose a figure that the listed records (a lower bound of the truth) agree with.
        qualifier = draw(st.sampled_from(QUALIFIERS))
        value = listed + draw(st.integers(0, 50))
        if qualifier == "fewer_than":
            value += 1
        result.append(
            ReportedFigure(
                measure=measure,
                count=Count(qualifier=qualifier, value=value),  # type: ignore[arg-type]
                source=draw(st.sampled_from(refs["sources"])),
                quote=_maybe(draw, plain_texts()),
                topics=_subset(draw, refs["topics"]),
                **scope,
            )
        )
    key = ReportedFigure.KEY
    return tuple({tuple(getattr(f, name) for name in key): f for f in result}.values())


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
                citations=_citations(draw, Person, source_ids),
                visibility=draw(st.sampled_from(VISIBILITIES)),
                consent=_maybe(draw, plain_texts()),
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
    measures: list[Measure] = [
        Measure(
            id=measure_id,
            label=draw(multilingual_texts()),
            definition=_maybe(draw, multilingual_texts()),
        )
        for measure_id in _unique_ids(draw, set(BUILTIN_MEASURES), draw(st.integers(0, 2)))
    ]
    rule_sets = draw(_rule_sets())
    refs = {
        "measures": [*BUILTIN_MEASURES, *(m.id for m in measures)],
        "sources": source_ids,
        "organizations": org_ids,
        "people": [p.id for p in people],
        "topics": [*sorted(BUILTIN_TOPICS)[:4], *(t.id for t in topics)],
        "routes": [*sorted(BUILTIN_ROUTES), *(r.id for rs in rule_sets for r in rs.routes)],
        "rule sets": [*sorted(BUILTIN_RULE_SETS), *(rs.id for rs in rule_sets)],
    }
    admission_ids: set[str] = set()
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
                citations=_citations(draw, Session, source_ids),
                id=session_id,
                number=number,
                start=first,
                end=last,
                venue=venue,
                participation=_participation(draw, organizations, refs),
                meetings=meetings,
                sources=_subset(draw, source_ids),
                documents=draw(_DOCUMENTS),
                admissions=_admissions(draw, first, refs, admission_ids),
                statements=_statements(draw, first, last, refs),
            )
            figures = _figures(draw, session, organizations, refs)
            # mypy's attrs plugin knows only attrs' own decorators; `record` is one too.
            sessions.append(attrs.evolve(cast(Any, session), figures=figures))
        conferences.append(
            Conference(
                id=conference_id,
                name=draw(multilingual_texts()),
                acronym=_maybe(draw, multilingual_texts()),
                secretariat=_maybe(draw, st.sampled_from(org_ids)) if org_ids else None,
                sessions=tuple(sessions),
                sources=_subset(draw, source_ids),
                citations=_citations(draw, Conference, source_ids),
                participation_rules=_maybe(draw, st.sampled_from(refs["rule sets"])),
            )
        )
    return Dataset(
        sources=tuple(sources),
        organizations=tuple(organizations),
        people=tuple(people),
        topics=tuple(topics),
        measures=tuple(measures),
        participation_rules=tuple(rule_sets),
        conferences=tuple(conferences),
    )


_URLS = ("https://www.unodc.org/", "https://example.org/x")


@cache
def provisions() -> st.SearchStrategy[Provision]:
    """Provisions of every shape: a rule and its paragraphs, a resolution, a document, a page."""
    numbers = st.sampled_from(_PROVISION_NUMBERS)
    return st.one_of(
        st.builds(
            Provision,
            rule=numbers,
            paragraph=st.none() | numbers,
            url=st.none() | st.sampled_from(_URLS),
        ),
        st.builds(
            Provision,
            rule=numbers,
            paragraph=numbers,
            subparagraph=numbers,
            document=st.none() | st.sampled_from(_SYMBOLS),
        ),
        st.builds(Provision, resolution=numbers, paragraph=st.none() | numbers),
        st.builds(Provision, document=st.sampled_from(_SYMBOLS)),
        st.builds(Provision, url=st.sampled_from(_URLS)),
    )


@st.composite
def _rule_sets(draw: st.DrawFn) -> list[ParticipationRules]:
    """Rule sets a dataset declares, with routes whose ids are not built in."""
    taken = {*BUILTIN_RULE_SETS, *BUILTIN_ROUTES}
    result = []
    for rules_id in _unique_ids(draw, taken, draw(st.integers(0, 1))):
        routes = []
        for route_id in _unique_ids(draw, taken, draw(st.integers(0, 2))):
            actions = draw(st.lists(st.sampled_from(RIGHT_ACTIONS), max_size=3, unique=True))
            decided_by = _maybe(draw, st.sampled_from(CONFERENCE_BODIES))
            routes.append(
                Route(
                    id=route_id,
                    label=draw(multilingual_texts()),
                    provision=draw(provisions()),
                    kinds=tuple(
                        draw(st.lists(st.sampled_from(ORGANIZATION_KINDS), max_size=3, unique=True))
                    ),
                    decided_by=decided_by,
                    list_days_before=_maybe(draw, st.integers(0, 60)),
                    objections_decided_by=(
                        _maybe(draw, st.sampled_from(CONFERENCE_BODIES)) if decided_by else None
                    ),
                    rights=tuple(
                        Right(
                            action=action,
                            invited_by=_maybe(draw, st.sampled_from(CONFERENCE_BODIES)),
                            provision=_maybe(draw, provisions()),
                        )
                        for action in actions
                    ),
                )
            )
        checks = draw(st.permutations(PARTICIPATION_CHECKS))
        split = draw(st.integers(0, len(checks)))
        stop = draw(st.integers(split, len(checks)))
        result.append(
            ParticipationRules(
                id=rules_id,
                title=draw(multilingual_texts()),
                url=_maybe(draw, st.sampled_from(_URLS)),
                routes=tuple(routes),
                errors=tuple(checks[:split]),
                warnings=tuple(checks[split:stop]),
            )
        )
    return result


def _day_near(draw: st.DrawFn, day: dt.date) -> dt.date:
    return day + dt.timedelta(days=draw(st.integers(-90, 10)))


def _admissions(
    draw: st.DrawFn, start: dt.date, refs: dict[str, list[str]], taken: set[str]
) -> tuple[Admission, ...]:
    organizations = refs["organizations"]
    chosen = _subset(draw, organizations, max_size=3)
    result = []
    for organization, admission_id in zip(
        chosen, _unique_ids(draw, taken, len(chosen)), strict=True
    ):
        objections = [
            Objection(
                by=_maybe(draw, st.sampled_from(organizations)),
                date=_maybe(draw, st.just(_day_near(draw, start))),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        listing = None
        if draw(st.booleans()):
            document = _maybe(draw, st.sampled_from(_SYMBOLS))
            day = _day_near(draw, start)
            listing = Listing(
                document=document, date=day if document is None else _maybe(draw, st.just(day))
            )
        result.append(
            Admission(
                id=admission_id,
                organization=organization,
                route=_maybe(draw, st.sampled_from(refs["routes"])),
                application=_maybe(
                    draw,
                    st.builds(
                        Application,
                        to=st.sampled_from(CONFERENCE_BODIES),
                        date=st.none() | st.just(_day_near(draw, start)),
                    ),
                ),
                listing=listing,
                objections=tuple(objections),
                decision=_maybe(
                    draw,
                    st.builds(
                        Decision,
                        by=st.sampled_from(CONFERENCE_BODIES),
                        date=st.none() | st.just(_day_near(draw, start)),
                        document=st.none() | st.sampled_from(_SYMBOLS),
                    ),
                ),
                outcome=_maybe(draw, st.sampled_from(OUTCOMES)),
                sources=_subset(draw, refs["sources"]),
            )
        )
    return tuple(result)


def _statements(
    draw: st.DrawFn, first: dt.date, last: dt.date, refs: dict[str, list[str]]
) -> tuple[Statement, ...]:
    if not refs["organizations"]:
        return ()
    result = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(STATEMENT_KINDS))
        result.append(
            Statement(
                kind=kind,
                organization=draw(st.sampled_from(refs["organizations"])),
                person=(_maybe(draw, st.sampled_from(refs["people"])) if refs["people"] else None),
                agenda_item=_maybe(draw, st.sampled_from(("2", "3", "4 (b)"))),
                date=_maybe(draw, st.just(_day_near(draw, first))),
                title=_maybe(draw, multilingual_texts()),
                document=_maybe(draw, st.sampled_from(_SYMBOLS)),
                invitation=(
                    _maybe(
                        draw,
                        st.builds(
                            Invitation,
                            by=st.sampled_from(CONFERENCE_BODIES),
                            date=st.none() | st.just(first),
                        ),
                    )
                    if kind == "oral"
                    else None
                ),
                sources=_subset(draw, refs["sources"]),
            )
        )
    return tuple(result)


REPLACEMENTS: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 7.9, 2**70, "", " ", "x", "X", "ngo", "7", "2014-10-06",
    "20141006", "2014-10-07T13:00:00", "2014-10-07T13:00:00Z", "2014-10-07T13:00:00+03:00",
    "2014-10-12", "side_event", "dialogue", "counterpart", "unodc", "corruption", "a\x00b",
    "\u202eRTL", "😀", "\u0301", [], ["x"], ["x", "x"], {}, {"en": "x"}, {"EN": "x"}, {"fr": " "},
)  # fmt: skip
"""Values that `mutated_documents` puts in place of others: every type, edge and script."""

ODD_TEXTS: tuple[str, ...] = (
    "e\u0301",  # e and a combining acute accent
    "\u0301",  # a combining mark with nothing to combine with
    "\u200f\u05e9\u05dc\u05d5\u05dd",  # a right-to-left mark, then Hebrew
    "\u202eevil\u202c",  # right-to-left override ... pop directional formatting
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",  # Arabic
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # an emoji family joined by zero-width joiners
    "\U0001f1e6\U0001f1f9",  # a flag: two regional indicator symbols
    "\u200d",  # a zero-width joiner alone
    "a\u200bb",  # a zero-width space
    "a\u2028b",  # a line separator, which JavaScript once refused in strings
    "\u2028",
    "\u2029",
    "\x00",  # NUL
    "a\x00b",
    "\x07",
    "\x1b[31mred",  # a terminal escape sequence
    "\x7f",  # DEL
    "\x85",  # NEL, a C1 control
    "\ufeffa",  # a byte-order mark inside text
    "\uffff",  # a noncharacter
    "\ue000",  # private use
    "\U0010ffff",  # the last code point
    "\ud800",  # a lone surrogate (JSON can write one as an escape)
    "a\udfffb",
    "\U0001d518\U0001d52b\U0001d526",  # mathematical fraktur letters
    "\uff26\uff35\uff2c\uff2c",  # full-width letters
    "\u01c5\u0130\u00df",  # title-case digraph, dotted capital I, sharp s
    "中文 Ελληνικά हिन्दी ქართული ไทย",  # scripts
    "\u3000",  # an ideographic space: blank
    "\u00a0x",  # a no-break space
    " \t\r\n",  # blank
    "\t",
    '=HYPERLINK("http://example.org")',  # a spreadsheet formula
    "@context",  # a JSON-LD keyword
    "BEGIN:VEVENT\r\nEND:VEVENT",  # iCalendar lines
    "\\",
    "/",
    "~1",
    "x" * 5000,
)
"""Texts that `mutations` puts in strings and keys: any script, marks, controls, joiners."""

UNKNOWN_KEYS: tuple[str, ...] = (
    "extra", "typ", "note", "ID", "Id", "ids", "a/b", "~0", "", " id", "na\u00efve",
    "\u202eid", "id\x00", "\U0001f600", "__proto__", "@context", "$ref",
)  # fmt: skip
"""Keys that `mutations` adds to objects; a few are language tags, valid in text."""

OUT_OF_RANGE: tuple[int | float, ...] = (
    -1, 0, -(2**63), 2**63 - 1, 2**63, 2**64, 10**30, 7.0, 0.5, -0.0, 1e308,
)  # fmt: skip
"""Numbers that `mutations` puts in place of integers: negative, zero, huge, not integers."""

MUTATION_ACTIONS: tuple[str, ...] = (
    "replace",
    "remove",
    "add key",
    "duplicate",
    "drop required key",
    "retype",
    "out of range",
    "swap dates",
    "break reference",
    "duplicate id",
    "odd text",
)
"""The changes `mutations` makes, one per document.

``replace``: a value becomes one of `REPLACEMENTS`; ``remove``: a key or list item is
removed; ``add key``: an object gets one of `UNKNOWN_KEYS`; ``duplicate``: a list item
is repeated; ``drop required key``: a record loses a field the model requires;
``retype``: a value becomes one of another JSON type; ``out of range``: an integer
becomes one of `OUT_OF_RANGE` (or one less); ``swap dates``: a record's start and end
are swapped; ``break reference``: a reference names a record that does not exist;
``duplicate id``: a record gets the id of another record of its kind; ``odd text``: a
string or a language tag gets one of `ODD_TEXTS` or any characters at all.
"""


@attrs.frozen(kw_only=True)
class Mutation:
    """A document made from a valid one by one small change, and where the change is.

    *action* is one of `MUTATION_ACTIONS`; *paths* are the RFC 6901 JSON Pointers of
    the places changed (both dates for a swap; the repeated item and the original,
    now one further, for a duplicate; the key given for a removed one); *detail*
    says what changed in a few words; *original* is the valid document and *document*
    the changed one, both JSON-ready Python data.
    """

    action: str
    paths: tuple[str, ...]
    detail: str
    original: Any = attrs.field(repr=False, eq=False)
    document: Any = attrs.field(repr=False, eq=False)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


# The records of a document: which keys of each record hold records, and of what kind.
_CHILD_RECORDS: dict[str, dict[str, str]] = {
    "Dataset": {
        "sources": "Source",
        "organizations": "Organization",
        "people": "Person",
        "topics": "Topic",
        "measures": "Measure",
        "participation_rules": "ParticipationRules",
        "conferences": "Conference",
    },
    "ParticipationRules": {"routes": "Route"},
    "Route": {"provision": "Provision", "rights": "Right"},
    "Right": {"provision": "Provision"},
    "Organization": {"identifiers": "Identifier", "citations": "Citation"},
    "Person": {"positions": "Position", "citations": "Citation"},
    "Conference": {"sessions": "Session", "citations": "Citation"},
    "Session": {
        "venue": "Venue",
        "participation": "Participation",
        "figures": "ReportedFigure",
        "meetings": "Meeting",
        "citations": "Citation",
        "admissions": "Admission",
        "statements": "Statement",
    },
    "Admission": {
        "application": "Application",
        "listing": "Listing",
        "objections": "Objection",
        "decision": "Decision",
    },
    "Statement": {"invitation": "Invitation"},
    "ReportedFigure": {"count": "Count"},
    "Meeting": {"participants": "Participant", "citations": "Citation"},
    "Participant": {"count": "Count"},
}
_SINGLE_RECORDS = frozenset(
    {"venue", "count", "provision", "application", "listing", "decision", "invitation"}
)
_RECORD_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Source, Organization, Identifier, Person, Position, Topic, Conference, Session, Venue,
        Participation, ReportedFigure, Count, Participant, Measure, Citation,
        ParticipationRules, Route, Right,
        Provision, Admission, Application, Listing, Objection, Decision, Statement, Invitation,
    )
}  # fmt: skip
# Fields the model requires, and those the JSON requires besides (the defaults of the
# classes let Python code omit them).
_REQUIRED: dict[str, tuple[str, ...]] = {
    **{
        name: tuple(field.name for field in attrs.fields(cls) if field.default is attrs.NOTHING)
        for name, cls in _RECORD_CLASSES.items()
    },
    "Dataset": ("schema_version",),
    "Meeting": ("type", "id", "title"),
}
_ID_KINDS = (
    "Source", "Organization", "Person", "Topic", "Measure", "Conference", "Session", "Meeting",
    "ParticipationRules", "Route", "Admission",
)  # fmt: skip
_REFERENCE_KEYS = frozenset(
    {
        "publisher", "parent", "secretariat", "organization", "person", "broader", "source",
        "measure",
        "route", "participation_rules",
    }
)  # fmt: skip
_REFERENCE_LISTS = frozenset({"sources", "organizers", "co_organizers", "topics"})


def _records(document: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Each object of *document* that the model reads as a record: (its path, its kind)."""
    found: list[tuple[tuple[Any, ...], str]] = []

    def visit(node: Any, path: tuple[Any, ...], kind: str) -> None:
        if not isinstance(node, dict):
            return
        found.append((path, kind))
        for key, child_kind in _CHILD_RECORDS.get(kind, {}).items():
            child = node.get(key)
            if key in _SINGLE_RECORDS:
                visit(child, (*path, key), child_kind)
            elif isinstance(child, list):
                for index, item in enumerate(child):
                    visit(item, (*path, key, index), child_kind)

    visit(document, (), "Dataset")
    return found


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for token in path:
        node = node[token]
    return node


def _short(value: Any) -> str:
    import reprlib

    shown = reprlib.Repr()
    shown.maxstring, shown.maxother, shown.maxlist, shown.maxdict, shown.maxlevel = 40, 40, 3, 3, 2
    return shown.repr(value)


def _json_type(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


_Changed = tuple[list[tuple[Any, ...]], str] | None


def _put(document: Any, path: tuple[Any, ...], value: Any) -> _Changed:
    *parents, last = path
    node = _get(document, tuple(parents))
    before = node[last]
    node[last] = copy.deepcopy(value)
    return [path], f"{_short(before)} became {_short(value)}"


def _replace(draw: st.DrawFn, document: Any) -> _Changed:
    path = draw(st.sampled_from(_paths(document)[1:]))
    return _put(document, path, draw(st.sampled_from(REPLACEMENTS)))


def _remove(draw: st.DrawFn, document: Any) -> _Changed:
    path = draw(st.sampled_from(_paths(document)[1:]))
    *parents, last = path
    node = _get(document, tuple(parents))
    before = node[last]
    del node[last]
    return [path], f"removed {_short(before)}"


def _add_key(draw: st.DrawFn, document: Any) -> _Changed:
    objects = [path for path in _paths(document) if isinstance(_get(document, path), dict)]
    path = draw(st.sampled_from(objects))
    node = _get(document, path)
    key = draw(st.sampled_from([key for key in UNKNOWN_KEYS if key not in node]))
    sibling = draw(st.sampled_from(sorted(node))) if node else None
    node[key] = copy.deepcopy(node[sibling]) if sibling is not None else "x"
    return [(*path, key)], f"added {key!r}: {_short(node[key])}"


def _duplicate(draw: st.DrawFn, document: Any) -> _Changed:
    items = [
        path
        for path in _paths(document)[1:]
        if isinstance(_get(document, path[:-1]), list)  # a list item
    ]
    if not items:
        return None
    path = draw(st.sampled_from(items))
    *parents, last = path
    node = _get(document, tuple(parents))
    node.insert(last, copy.deepcopy(node[last]))
    return [path, (*parents, last + 1)], f"repeated {_short(node[last])}"


def _drop_required(draw: st.DrawFn, document: Any) -> _Changed:
    sites = [
        (*path, key)
        for path, kind in _records(document)
        for key in _REQUIRED[kind]
        if key in _get(document, path)
    ]
    if not sites:
        return None
    path = draw(st.sampled_from(sites))
    node = _get(document, path[:-1])
    before = node.pop(path[-1])
    return [path], f"dropped {path[-1]!r} ({_short(before)})"


def _retype(draw: st.DrawFn, document: Any) -> _Changed:
    path = draw(st.sampled_from(_paths(document)[1:]))
    kind = _json_type(_get(document, path))
    choices = [value for value in REPLACEMENTS if _json_type(value) != kind]
    return _put(document, path, draw(st.sampled_from(choices)))


def _out_of_range(draw: st.DrawFn, document: Any) -> _Changed:
    numbers = [path for path in _paths(document)[1:] if type(_get(document, path)) is int]
    if not numbers:
        return None
    path = draw(st.sampled_from(numbers))
    value = _get(document, path)
    return _put(document, path, draw(st.sampled_from((*OUT_OF_RANGE, value - 1, -value))))


def _swap_dates(draw: st.DrawFn, document: Any) -> _Changed:
    sites = [
        path
        for path, kind in _records(document)
        if kind in ("Session", "Position", "Meeting")
        and _get(document, path).get("start") is not None
        and _get(document, path).get("end") is not None
    ]
    if not sites:
        return None
    path = draw(st.sampled_from(sites))
    node = _get(document, path)
    node["start"], node["end"] = node["end"], node["start"]
    return [(*path, "start"), (*path, "end")], f"swapped {node['end']!r} and {node['start']!r}"


def _reference_sites(document: Any) -> list[tuple[Any, ...]]:
    sites: list[tuple[Any, ...]] = []
    for path, kind in _records(document):
        if kind == "Dataset":
            continue
        for key, value in _get(document, path).items():
            if key in _REFERENCE_KEYS and isinstance(value, str):
                sites.append((*path, key))
            elif key in _REFERENCE_LISTS and isinstance(value, list):
                sites += [(*path, key, i) for i, item in enumerate(value) if isinstance(item, str)]
    return sites


def _all_ids(document: Any) -> set[str]:
    return {
        record["id"]
        for path, _ in _records(document)
        if isinstance(record := _get(document, path), dict) and isinstance(record.get("id"), str)
    }.union(BUILTIN_TOPICS, BUILTIN_ROUTES, BUILTIN_RULE_SETS)


def _break_reference(draw: st.DrawFn, document: Any) -> _Changed:
    sites = _reference_sites(document)
    if not sites:
        return None
    path = draw(st.sampled_from(sites))
    old = _get(document, path)
    new = draw(st.sampled_from((f"{old}x", old.upper(), "no-such-record", "missing.0")))
    taken = _all_ids(document)
    while new in taken or new == old:
        new += "-x"
    return _put(document, path, new)


def _duplicate_id(draw: st.DrawFn, document: Any) -> _Changed:
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for path, kind in _records(document):
        if kind in _ID_KINDS and isinstance(_get(document, path).get("id"), str):
            groups.setdefault(kind, []).append(path)
    kinds = sorted(kind for kind, paths in groups.items() if len(paths) >= 2)
    if not kinds:
        return None
    paths = groups[draw(st.sampled_from(kinds))]
    source, target = draw(st.lists(st.sampled_from(paths), min_size=2, max_size=2, unique=True))
    return _put(document, (*target, "id"), _get(document, (*source, "id")))


def _text_objects(document: Any) -> list[tuple[Any, ...]]:
    """The multilingual texts of *document*: objects of records that are not records."""
    found: list[tuple[Any, ...]] = []
    for path, kind in _records(document):
        if kind == "Dataset":
            continue
        for key, value in _get(document, path).items():
            if isinstance(value, dict) and key not in _SINGLE_RECORDS:
                found.append((*path, key))
            elif key == "questions" and isinstance(value, list):
                found += [(*path, key, i) for i, item in enumerate(value) if isinstance(item, dict)]
    return found


def _odd_text(draw: st.DrawFn, document: Any) -> _Changed:
    odd = draw(st.sampled_from(ODD_TEXTS) | st.text(st.characters(), min_size=1, max_size=8))
    texts = [path for path in _text_objects(document) if _get(document, path)]
    in_tag = draw(st.booleans())
    if texts and in_tag:  # a language tag
        path = draw(st.sampled_from(texts))
        node = _get(document, path)
        key = draw(st.sampled_from(sorted(node)))
        new_key = draw(st.sampled_from((odd, key + odd, odd + key)))
        if new_key in node:
            return None
        renamed = {new_key if k == key else k: v for k, v in node.items()}
        node.clear()
        node.update(renamed)
        return [(*path, key), (*path, new_key)], f"language tag {key!r} became {new_key!r}"
    strings = [path for path in _paths(document)[1:] if isinstance(_get(document, path), str)]
    if not strings:
        return None
    path = draw(st.sampled_from(strings))
    old = _get(document, path)
    middle = draw(st.integers(0, len(old)))
    new = draw(st.sampled_from((odd, old + odd, odd + old, old[:middle] + odd + old[middle:])))
    return _put(document, path, new)


_MUTATORS = {
    "replace": _replace,
    "remove": _remove,
    "add key": _add_key,
    "duplicate": _duplicate,
    "drop required key": _drop_required,
    "retype": _retype,
    "out of range": _out_of_range,
    "swap dates": _swap_dates,
    "break reference": _break_reference,
    "duplicate id": _duplicate_id,
    "odd text": _odd_text,
}


@st.composite
def mutations(draw: st.DrawFn, samples: st.SearchStrategy[Dataset] | None = None) -> Mutation:
    """One small change (one of `MUTATION_ACTIONS`) to the JSON of a valid dataset.

    *samples* gives the datasets to change (default: `datasets`). An action that has
    nothing to change in a document (no two records of a kind, say) is replaced by
    ``replace``. Some mutants are still valid, most are not.

    >>> from hypothesis import given, settings
    >>> from ctocmodel import ValidationError, examples, loads
    >>> @settings(max_examples=20)
    ... @given(mutations(st.just(examples.cop7())))
    ... def test_refused_or_read(mutation):
    ...     try:
    ...         loads(json.dumps(mutation.document))
    ...     except ValidationError:
    ...         pass
    >>> test_refused_or_read()
    """
    from .._io import dumps

    text = dumps(draw(samples if samples is not None else datasets()))
    original, document = json.loads(text), json.loads(text)
    action = draw(st.sampled_from(MUTATION_ACTIONS))
    changed = _MUTATORS[action](draw, document)
    if changed is None:
        action, changed = "replace", _replace(draw, document)
    assert changed is not None
    paths, detail = changed
    return Mutation(
        action=action,
        paths=tuple(pointer(*path) for path in paths),
        detail=detail,
        original=original,
        document=document,
    )


@st.composite
def mutated_documents(draw: st.DrawFn, samples: st.SearchStrategy[Dataset] | None = None) -> Any:
    """JSON documents (as Python data) made from valid datasets by one small change.

    The documents of `mutations`: one value replaced (by one of `REPLACEMENTS`, by a
    value of another type, by a number out of range, by odd text), removed,
    duplicated in its list, or given an unknown sibling key; a required key dropped;
    two dates swapped; a reference broken; an id given to two records. Some mutants
    are still valid, most are not: use them to check that a reader accepts or refuses
    as the rules say.
    """
    return draw(mutations(samples)).document

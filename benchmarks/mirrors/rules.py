"""The rules of the ctocmodel format that a schema cannot express, shared by both mirrors.

Each ``check_*`` function takes one record of either mirror, any object with the
attributes of the ctocmodel class of the same name, once the mirror has checked what
its schema can express (types, required keys, patterns, lengths, choices). It raises
`ValueError` naming the first rule the record breaks; msgspec and pydantic turn that
into their own validation errors.

The checks are ctocmodel's own, imported rather than rewritten: its fast verdicts
(`text_ok`, `refs_ok`, `url_ok`, `dataset_ok`, ...) first and, only when one says no,
its explaining helpers (`check_text`, `check_dataset`, ...), which are the authority
(a fast verdict may be stricter than the explanation, never more lenient).
Cross-field rules that ctocmodel writes inside its classes (``_explain`` methods,
`sessions._check_meeting_days`) are restated here over attributes, with its messages.

The module also holds the patterns and choices that both mirrors express natively.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal, NoReturn

from ctocmodel._model._checks import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    Found,
    check_datetime,
    check_plain_text,
    check_refs,
    check_text,
    check_time_zone,
    check_url,
    find_time_zone,
    plain_text_ok,
    refs_ok,
    text_ok,
    url_ok,
    whole_minutes_offset,
)
from ctocmodel._model._countries import COUNTRY_CODES
from ctocmodel._model._integrity import check_dataset as check_dataset_references
from ctocmodel._model._integrity import dataset_ok
from ctocmodel._model.dataset import _SCHEMA_VERSION, schema_version_problem
from ctocmodel._model.documents import check_symbol, symbol_ok
from ctocmodel._model.figures import Count
from ctocmodel._model.organizations import IDENTIFIER_SCHEME_PATTERN, NGO_KINDS

__all__ = [
    "COUNTRY_CODES",
    "IDENTIFIER_SCHEME_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "LANGUAGE_TAG_PATTERN",
    "SCHEMA_VERSION_PATTERN",
    "CountryCode",
    "check_conference",
    "check_count",
    "check_dataset",
    "check_figure",
    "check_identifier",
    "check_meeting",
    "check_organization",
    "check_participant",
    "check_participation",
    "check_person",
    "check_position",
    "check_session",
    "check_source",
    "check_topic",
    "check_venue",
    "count_allows_at_least",
    "count_bounds",
    "python_re",
]

# ---------------------------------------------------------------------------------------
# Native constraints, written once for both mirrors. The patterns are anchored with
# ^ and $ for pydantic's Rust regex engine, where $ only matches at the end of the
# text; `python_re` adapts them for msgspec, which uses Python's re.search.

# A well-formed BCP 47 tag (ctocmodel's LANGUAGE_TAG_PATTERN) in canonical case
# (`canonical_language_tag(tag) == tag`): language and extlang lowercase, script in
# title case, region uppercase or three digits, variants, extensions and private use
# lowercase. benchmarks/test_mirrors.py checks that both tests agree.
LANGUAGE_TAG_PATTERN = (
    r"^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$"
)

# MAJOR.MINOR; the major version is a rule (`check_dataset`), so that the message is
# ctocmodel's.
SCHEMA_VERSION_PATTERN: str = _SCHEMA_VERSION.pattern

# ISO 3166-1 alpha-2, as a list of choices both libraries check natively.
CountryCode = Literal[tuple(sorted(COUNTRY_CODES))]  # type: ignore[valid-type]


def python_re(pattern: str) -> str:
    r"""Adapt an anchored pattern to Python's re.search: ``$`` also matches before a final newline.

    >>> python_re("^a$")
    '^a\\Z'
    """
    return pattern.removesuffix("$") + r"\Z"


# ---------------------------------------------------------------------------------------
# Failing. Callers ask a fast verdict first and `_explain` only when it says no.


def _fail(path: str, message: str) -> NoReturn:
    raise ValueError(f"{path}: {message}")


def _explain(explain: Callable[..., None], path: str, value: object) -> None:
    found: Found = []
    explain(found, path, value)
    if found:
        raise ValueError("; ".join(f"{where}: {message}" for where, message in found))


# ---------------------------------------------------------------------------------------
# Records, in the order of docs/format.md.


def check_source(source: Any) -> None:
    """Source: a title in multilingual text, an absolute http(s) URL."""
    if not text_ok(source.title):
        _explain(check_text, "/title", source.title)
    if source.url is not None and not url_ok(source.url):
        _explain(check_url, "/url", source.url)


def check_document(document: Any) -> None:
    """Document: a normalised UN document symbol, a title, an absolute http(s) URL."""
    if not symbol_ok(document.symbol):
        _explain(check_symbol, "/symbol", document.symbol)
    if document.title is not None and not text_ok(document.title):
        _explain(check_text, "/title", document.title)
    if document.url is not None and not url_ok(document.url):
        _explain(check_url, "/url", document.url)


def check_identifier(identifier: Any) -> None:
    """Identifier: its id is text without surrounding spaces."""
    if not plain_text_ok(identifier.id):
        _explain(check_plain_text, "/id", identifier.id)
    if identifier.id != identifier.id.strip():
        _fail("/id", "an identifier must not start or end with spaces")


def check_organization(organization: Any) -> None:
    """Organization: parent, ECOSOC status and identifiers that fit, texts, URL, sources."""
    if not text_ok(organization.name):
        _explain(check_text, "/name", organization.name)
    if organization.acronym is not None and not text_ok(organization.acronym):
        _explain(check_text, "/acronym", organization.acronym)
    if organization.parent is not None:
        if organization.parent == organization.id:
            _fail("/parent", "an organization cannot be its own parent")
    elif organization.kind == "un_entity_unit":
        _fail("/parent", "a unit of a UN entity names its parent organization (such as 'unodc')")
    if organization.ecosoc_status is not None and organization.kind not in NGO_KINDS:
        _fail(
            "/ecosoc_status",
            "only NGOs and NGO federations hold ECOSOC consultative status; "
            f"this organization is of kind {organization.kind!r}",
        )
    identifiers = organization.identifiers
    if identifiers and len({(i.scheme, i.id) for i in identifiers}) != len(identifiers):
        _fail("/identifiers", "an identifier is listed twice")
    if organization.website is not None and not url_ok(organization.website):
        _explain(check_url, "/website", organization.website)
    if not refs_ok(organization.sources):
        _explain(check_refs, "/sources", organization.sources)


def check_position(position: Any) -> None:
    """Position: a title; the end not before the start."""
    if not text_ok(position.title):
        _explain(check_text, "/title", position.title)
    if position.start is not None and position.end is not None and position.end < position.start:
        _fail("/end", f"the position ends ({position.end}) before it starts ({position.start})")


def check_person(person: Any) -> None:
    """Person: a name as plain text, distinct sources."""
    if not plain_text_ok(person.name):
        _explain(check_plain_text, "/name", person.name)
    if not refs_ok(person.sources):
        _explain(check_refs, "/sources", person.sources)


def check_topic(topic: Any) -> None:
    """Topic: a label; not broader than itself."""
    if not text_ok(topic.label):
        _explain(check_text, "/label", topic.label)
    if topic.broader is not None and topic.broader == topic.id:
        _fail("/broader", "a topic cannot be broader than itself")


def check_count(count: Any) -> None:
    """Count: "fewer than 0" is not a count."""
    if count.qualifier == "fewer_than" and count.value == 0:
        _fail("/value", "fewer than 0 is not a possible count; use at_most 0")


def count_bounds(count: Any) -> tuple[int, int | None]:
    """ctocmodel's `Count.bounds` (the same function), for a mirror's Count."""
    return Count.bounds(count)


def count_allows_at_least(count: Any, listed: int) -> bool:
    """ctocmodel's `Count.allows_at_least` (the same function); *count* needs a `bounds` method."""
    return Count.allows_at_least(count, listed)


def check_participant(participant: Any) -> None:
    """Participant: a named person (without a count), or a description of people."""
    if participant.person is not None:
        if participant.count is not None:
            _fail("/count", "a named person counts as one; remove count or describe a group")
    elif participant.description is None:
        _fail(
            "/person",
            "name the participant: give a person id, or a description such as "
            '{"en": "NGO representatives"} for participants the source does not name',
        )
    if participant.description is not None and not text_ok(participant.description):
        _explain(check_text, "/description", participant.description)


def check_meeting(meeting: Any) -> None:
    """Meeting: time, organizers, counterparts (dialogues only, and always), texts, lists."""
    if not text_ok(meeting.title):
        _explain(check_text, "/title", meeting.title)
    start, end = meeting.start, meeting.end
    for path, value in (("/start", start), ("/end", end)):
        if value is not None and not whole_minutes_offset(value):
            _explain(check_datetime, path, value)
    if meeting.date is not None and start is not None:
        _fail("/date", "give either a date or a start time, not both (the start says the day)")
    if end is not None:
        if start is None:
            _fail("/end", "an end time needs a start time")
        elif end <= start:
            _fail(
                "/end",
                f"the meeting ends ({end.isoformat()}) before or when it starts "
                f"({start.isoformat()})",
            )
    organizers, co_organizers = meeting.organizers, meeting.co_organizers
    if not refs_ok(organizers):
        _explain(check_refs, "/organizers", organizers)
    if not refs_ok(co_organizers):
        _explain(check_refs, "/co_organizers", co_organizers)
    if co_organizers:
        if not organizers:
            _fail(
                "/co_organizers",
                "co-organizers need an organizer; list the lead organizer(s) in organizers",
            )
        for index, organization in enumerate(co_organizers):
            if organization in organizers:
                _fail(f"/co_organizers/{index}", f"{organization!r} is already an organizer")
    dialogue = meeting.type == "dialogue"
    for index, participant in enumerate(meeting.participants):
        if participant.role == "counterpart" and not dialogue:
            _fail(
                f"/participants/{index}/role",
                "only a Dialogue has counterparts; use 'speaker' or 'attendee'",
            )
    if not refs_ok(meeting.topics):
        _explain(check_refs, "/topics", meeting.topics)
    if meeting.summary is not None and not text_ok(meeting.summary):
        _explain(check_text, "/summary", meeting.summary)
    if meeting.outcome is not None and not text_ok(meeting.outcome):
        _explain(check_text, "/outcome", meeting.outcome)
    if not refs_ok(meeting.sources):
        _explain(check_refs, "/sources", meeting.sources)
    if dialogue:
        for index, question in enumerate(meeting.questions):
            if not text_ok(question):
                _explain(check_text, f"/questions/{index}", question)
        if not any(participant.role == "counterpart" for participant in meeting.participants):
            _fail(
                "/participants",
                "a Dialogue names at least one counterpart: a participant with role "
                "'counterpart', such as the officials the NGOs met",
            )


def check_venue(venue: Any) -> None:
    """Venue: not empty; texts; a time zone that exists."""
    if (venue.name, venue.city, venue.country, venue.time_zone) == (None, None, None, None):
        _fail("", "a venue needs at least one of name, city, country, time_zone")
    if venue.name is not None and not text_ok(venue.name):
        _explain(check_text, "/name", venue.name)
    if venue.city is not None and not text_ok(venue.city):
        _explain(check_text, "/city", venue.city)
    if venue.time_zone is not None and find_time_zone(venue.time_zone) is None:
        _explain(check_time_zone, "/time_zone", venue.time_zone)


def check_participation(participation: Any) -> None:
    """Participation: distinct sources (the basis is checked against the kind by the dataset)."""
    if not refs_ok(participation.sources):
        _explain(check_refs, "/sources", participation.sources)


def check_figure(figure: Any) -> None:
    """ReportedFigure: a quote as plain text, distinct topics."""
    if figure.quote is not None and not plain_text_ok(figure.quote):
        _explain(check_plain_text, "/quote", figure.quote)
    if not refs_ok(figure.topics):
        _explain(check_refs, "/topics", figure.topics)


def check_session(session: Any) -> None:
    """Session: dates in order, each organization and figure once, meetings in its days and zone."""
    first, last = session.start, session.end
    if last < first:
        _fail("/end", f"the session ends ({last}) before it starts ({first})")
    seen: set[str] = set()
    for index, entry in enumerate(session.participation):
        if entry.organization in seen:
            _fail(f"/participation/{index}/organization", f"{entry.organization!r} is listed twice")
        seen.add(entry.organization)
    reported: set[tuple[str, str]] = set()
    for index, figure in enumerate(session.figures):
        key = (figure.measure, figure.source)
        if key in reported:
            _fail(
                f"/figures/{index}",
                f"source {figure.source!r} already reports a {figure.measure!r} figure",
            )
        reported.add(key)
    _check_meeting_times(session, first, last)
    if not refs_ok(session.sources):
        _explain(check_refs, "/sources", session.sources)


def _check_meeting_times(session: Any, first: dt.date, last: dt.date) -> None:
    """The meetings fall within the session's days and use its venue's UTC offsets.

    ctocmodel's `sessions._check_meeting_days`, over attributes.
    """
    venue = session.venue
    zone = find_time_zone(venue.time_zone) if venue is not None and venue.time_zone else None
    for index, meeting in enumerate(session.meetings):
        for key, value in (("date", meeting.date), ("start", meeting.start), ("end", meeting.end)):
            if value is None:
                continue
            is_datetime = isinstance(value, dt.datetime)
            day = value.date() if is_datetime else value
            if not first <= day <= last:
                _fail(
                    f"/meetings/{index}/{key}",
                    f"{value.isoformat()} is outside the session ({first} to {last})",
                )
            if zone is None or not is_datetime:
                continue
            try:
                local = value.astimezone(zone)
            except (OverflowError, ValueError):
                _fail(
                    f"/meetings/{index}/{key}",
                    f"{value.isoformat()} cannot be placed in the time zone {zone.key}",
                )
            if value.utcoffset() != local.utcoffset():
                _fail(
                    f"/meetings/{index}/{key}",
                    f"{value.isoformat()} does not use the offset of the venue's time zone "
                    f"{zone.key}; the same instant there is {local.isoformat()}",
                )


def check_conference(conference: Any) -> None:
    """Conference: texts, distinct session numbers, distinct sources."""
    if not text_ok(conference.name):
        _explain(check_text, "/name", conference.name)
    if conference.acronym is not None and not text_ok(conference.acronym):
        _explain(check_text, "/acronym", conference.acronym)
    numbers: set[int] = set()
    for index, session in enumerate(conference.sessions):
        if session.number in numbers:
            _fail(f"/sessions/{index}/number", f"session number {session.number} is already used")
        numbers.add(session.number)
    if not refs_ok(conference.sources):
        _explain(check_refs, "/sources", conference.sources)


def check_dataset(dataset: Any) -> None:
    """Dataset: a 1.x schema version; unique ids, references that resolve, figures that agree."""
    problem = schema_version_problem(dataset.schema_version)
    if problem is not None:
        _fail("/schema_version", problem)
    if not dataset_ok(dataset):
        found = check_dataset_references(dataset)
        if found:
            raise ValueError("; ".join(f"{path}: {message}" for path, message in found))

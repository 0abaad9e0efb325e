"""Meetings held during a session: side events, briefings, dialogues, special events.

In JSON a meeting is an object whose ``type`` key says which kind it is.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Literal, TypeAlias, get_args

from ._checks import ID, Kind, at
from ._record import Record, field, record, rule, stated
from .citations import Citation, cites_own_fields
from .documents import Document
from .figures import Count
from .text import MultilingualText

Role: TypeAlias = Literal["speaker", "moderator", "counterpart", "attendee"]
"""What a participant did at a meeting. ``counterpart``: the officials NGOs met in a `Dialogue`."""

ROLES: tuple[str, ...] = get_args(Role)


@rule(
    "A named person counts as one: a participant with a person has no count.",
    path="/count",
    needs=("person", "count"),
    schema={"not": stated("person", "count")},
)
def _person_counts_as_one(participant: Participant) -> str | None:
    if participant.person is not None and participant.count is not None:
        return "a named person counts as one; remove count or describe a group"
    return None


@rule(
    "A participant names a person or has a description.",
    path="/person",
    needs=("person", "description"),
    schema={"anyOf": [stated("person"), stated("description")]},
)
def _named_or_described(participant: Participant) -> str | None:
    if participant.person is None and participant.description is None:
        return (
            "name the participant: give a person id, or a description such as "
            '{"en": "NGO representatives"} for participants the source does not name'
        )
    return None


@record
class Participant(Record):
    """Someone taking part in a meeting: a named person, or people a source only describes.

    Give *person* (a `Person` id) for a named participant; otherwise a *description*
    and, when the source counts them, a *count*, as for "four NGO representatives".
    *organization* is the id of the organization the participant represents.

    >>> four = Participant(role="speaker", description={"en": "NGO representatives"},
    ...                    count=Count(qualifier="exact", value=4))
    >>> four.count.value
    4
    """

    role: Role = field()
    person: str | None = field(ref="person", default=None)
    organization: str | None = field(ref="organization", default=None)
    description: MultilingualText | None = field(default=None)
    count: Count | None = field(default=None)
    RULES = (_person_counts_as_one, _named_or_described)


class Meeting(Record, abc.ABC):
    """A meeting of a session; one of `SideEvent`, `Briefing`, `Dialogue`, `SpecialEvent`.

    Each has an *id*, a multilingual *title*, and optionally either a *date* or an
    aware *start* (and *end*) date-time, which must fall within the session;
    *organizers* and *co_organizers* are `Organization` ids; *participants* say who
    took part and in what role; *topics* are topic ids; *summary* and *outcome* are
    multilingual statements; *sources* are `Source` ids; *documents* are the UN
    documents the meeting cites, by symbol; *citations* say where the meeting or one
    of its fields comes from.
    """

    __slots__ = ()

    VARIANTS: ClassVar[Mapping[str, type[Meeting]]]
    TAG: ClassVar[str]
    type: str
    id: str
    title: MultilingualText
    date: dt.date | None
    start: dt.datetime | None
    end: dt.datetime | None
    organizers: tuple[str, ...]
    co_organizers: tuple[str, ...]
    participants: tuple[Participant, ...]
    topics: tuple[str, ...]
    summary: MultilingualText | None
    outcome: MultilingualText | None
    sources: tuple[str, ...]
    documents: tuple[Document, ...]
    citations: tuple[Citation, ...]

    @property
    def day(self) -> dt.date | None:
        """The day the meeting took place (local to its start time), when known."""
        return self.start.date() if self.start is not None else self.date


@rule(
    "A meeting has a date or a start, not both (the start says the day).",
    path="/date",
    needs=("date", "start"),
    schema={"not": stated("date", "start")},
)
def _date_or_start(meeting: Meeting) -> str | None:
    if meeting.date is not None and meeting.start is not None:
        return "give either a date or a start time, not both (the start says the day)"
    return None


@rule(
    "An end time needs a start time.",
    path="/end",
    needs=("start", "end"),
    schema={"if": stated("end"), "then": stated("start")},
)
def _end_needs_start(meeting: Meeting) -> str | None:
    if meeting.end is not None and meeting.start is None:
        return "an end time needs a start time"
    return None


@rule("A meeting ends after it starts.", path="/end", needs=("start", "end"))
def _ends_after_start(meeting: Meeting) -> str | None:
    if meeting.end is None or meeting.start is None or meeting.end > meeting.start:
        return None
    return (
        f"the meeting ends ({meeting.end.isoformat()}) before or when it starts "
        f"({meeting.start.isoformat()})"
    )


def _listed(name: str) -> dict[str, Any]:
    """The JSON Schema of an object whose list *name* has an item."""
    return {"required": [name], "properties": {name: {"type": "array", "minItems": 1}}}


@rule(
    "Co-organizers need at least one organizer.",
    path="/co_organizers",
    needs=("organizers", "co_organizers"),
    schema={"if": _listed("co_organizers"), "then": _listed("organizers")},
)
def _co_organizers_need_organizer(meeting: Meeting) -> str | None:
    if meeting.co_organizers and not meeting.organizers:
        return "co-organizers need an organizer; list the lead organizer(s) in organizers"
    return None


@rule("Co-organizers are not also organizers.", needs=("organizers", "co_organizers"))
def _co_organizers_apart(meeting: Meeting) -> list[tuple[str, str]] | None:
    found = [
        (f"/co_organizers/{index}", f"{organization!r} is already an organizer")
        for index, organization in enumerate(meeting.co_organizers)
        if organization in meeting.organizers
    ]
    return found or None


_COUNTERPART = {
    "type": "object",
    "required": ["role"],
    "properties": {"role": {"const": "counterpart"}},
}


@rule(
    "Only dialogues have counterparts, and a dialogue has at least one.",
    needs=("participants", "type"),
    schema={
        "if": {"required": ["type"], "properties": {"type": {"const": "dialogue"}}},
        "then": {
            "required": ["participants"],
            "properties": {"participants": {"type": "array", "contains": _COUNTERPART}},
        },
        "else": {"properties": {"participants": {"type": "array", "items": {"not": _COUNTERPART}}}},
    },
)
def _counterparts(meeting: Meeting) -> list[tuple[str, str]] | None:
    roles = [participant.role for participant in meeting.participants]
    if meeting.type == "dialogue":
        if "counterpart" in roles:
            return None
        return [
            (
                "/participants",
                "a Dialogue names at least one counterpart: a participant with role "
                "'counterpart', such as the officials the NGOs met",
            )
        ]
    found = [
        (
            f"/participants/{index}/role",
            "only a Dialogue has counterparts; use 'speaker' or 'attendee'",
        )
        for index, role in enumerate(roles)
        if role == "counterpart"
    ]
    return found or None


def type_field(name: str, value: str) -> Any:
    """The ``type`` of the meeting class *name*: always *value*, and always written."""
    message = f"a {name} has type {value!r}"
    tag = Kind("tag", lambda given: None if given == value else at(message), values=(value,))
    return field(tag, default=value, doc="What kind of meeting this is.", required_in_json=True)


@record
class _MeetingFields(Meeting):
    id: str = field(ID)
    title: MultilingualText = field()
    date: dt.date | None = field(default=None)
    start: dt.datetime | None = field(default=None)
    end: dt.datetime | None = field(default=None)
    organizers: tuple[str, ...] = field(ref="organization", default=())
    co_organizers: tuple[str, ...] = field(ref="organization", default=())
    participants: tuple[Participant, ...] = field(default=())
    topics: tuple[str, ...] = field(ref="topic", default=())
    summary: MultilingualText | None = field(default=None)
    outcome: MultilingualText | None = field(default=None)
    sources: tuple[str, ...] = field(ref="source", default=())
    documents: tuple[Document, ...] = field(default=())
    citations: tuple[Citation, ...] = field(default=())
    RULES = (
        _date_or_start,
        _end_needs_start,
        _ends_after_start,
        _co_organizers_need_organizer,
        _co_organizers_apart,
        _counterparts,
        cites_own_fields,
    )


@record(noun="meeting")
class SideEvent(_MeetingFields):
    """A side event organized by NGOs, States or others alongside the session.

    >>> SideEvent(id="se-1", title={"en": "Small arms and organized crime"}).type
    'side_event'
    """

    TAG: ClassVar[str] = "side_event"
    type: Literal["side_event"] = type_field("SideEvent", "side_event")


@record(noun="meeting")
class Briefing(_MeetingFields):
    """A briefing, such as those held for NGOs on the work of the conference.

    >>> Briefing(id="b-1", title={"fr": "Séance d'information"}).type
    'briefing'
    """

    TAG: ClassVar[str] = "briefing"
    type: Literal["briefing"] = type_field("Briefing", "briefing")


@record(noun="meeting")
class Dialogue(_MeetingFields):
    """A dialogue between civil society and officials: it names its counterparts.

    At least one participant has the role ``counterpart``; *questions* lists the
    questions discussed, as multilingual texts.

    >>> Dialogue(id="d-1", title={"en": "Informal dialogue"},
    ...          participants=(Participant(role="counterpart", person="aldo-lale-demoz"),),
    ...          questions=({"fr": "le trafic de migrants"},)).type
    'dialogue'
    """

    TAG: ClassVar[str] = "dialogue"
    type: Literal["dialogue"] = type_field("Dialogue", "dialogue")
    questions: tuple[MultilingualText, ...] = field(default=())

    @property
    def counterparts(self) -> tuple[Participant, ...]:
        """The participants NGOs were in dialogue with."""
        return tuple(p for p in self.participants if p.role == "counterpart")


@record(noun="meeting")
class SpecialEvent(_MeetingFields):
    """An event the secretariat organizes for the session, such as COP7's "key event".

    >>> SpecialEvent(id="k-1", title={"en": "Corruption and organized crime"}).type
    'special_event'
    """

    TAG: ClassVar[str] = "special_event"
    type: Literal["special_event"] = type_field("SpecialEvent", "special_event")


MEETING_TYPES: Mapping[str, type[Meeting]] = MappingProxyType(
    {cls.TAG: cls for cls in (SideEvent, Briefing, Dialogue, SpecialEvent)}
)
"""The meeting classes by the ``type`` tag that names them in JSON."""
Meeting.VARIANTS = MEETING_TYPES

MeetingType: TypeAlias = Literal["side_event", "briefing", "dialogue", "special_event"]
"""The values of a meeting's ``type`` key."""

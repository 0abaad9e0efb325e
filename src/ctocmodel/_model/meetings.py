"""Meetings held during a session: side events, briefings, dialogues, special events.

In JSON a meeting is an object whose ``type`` key says which kind it is.
"""

from __future__ import annotations

import abc
import datetime as dt
from typing import ClassVar, Literal, TypeAlias, get_args

import attrs

from ._checks import (
    Found,
    check_choice,
    check_date,
    check_datetime,
    check_id,
    check_items,
    check_object,
    check_ref,
    check_refs,
    check_text,
    check_texts,
    explain,
    fail,
    id_ok,
    items_ok,
    refs_ok,
    text_ok,
    whole_minutes_offset,
)
from .documents import Document
from .figures import Count
from .text import MultilingualText, copy_optional_text, copy_text, copy_texts

Role: TypeAlias = Literal["speaker", "moderator", "counterpart", "attendee"]
"""What a participant did at a meeting. ``counterpart``: the officials NGOs met in a `Dialogue`."""

ROLES: tuple[str, ...] = get_args(Role)
_ROLE_SET = frozenset(ROLES)


@attrs.frozen(kw_only=True)
class Participant:
    """Someone taking part in a meeting: a named person, or people a source only describes.

    Give *person* (a `Person` id) for a named participant; otherwise a *description*
    and, when the source counts them, a *count*, as for "four NGO representatives".
    *organization* is the id of the organization the participant represents.

    >>> four = Participant(role="speaker", description={"en": "NGO representatives"},
    ...                    count=Count(qualifier="exact", value=4))
    >>> four.count.value
    4
    """

    role: Role
    person: str | None = None
    organization: str | None = None
    description: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    count: Count | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            self.role in _ROLE_SET
            and (
                type(self.person) is str and self.count is None
                if self.person is not None
                else self.description is not None
            )
            and (self.organization is None or type(self.organization) is str)
            and (self.description is None or text_ok(self.description))
            and (self.count is None or type(self.count) is Count)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_choice(found, "/role", self.role, ROLES)
        if self.person is not None:
            check_ref(found, "/person", self.person)
            if self.count is not None:
                found.append(
                    ("/count", "a named person counts as one; remove count or describe a group")
                )
        elif self.description is None:
            found.append(
                (
                    "/person",
                    "name the participant: give a person id, or a description such as "
                    '{"en": "NGO representatives"} for participants the source does not name',
                )
            )
        if self.organization is not None:
            check_ref(found, "/organization", self.organization)
        check_text(found, "/description", self.description, optional=True)
        check_object(found, "/count", self.count, Count, optional=True)
        if found:
            fail(found)


class Meeting(abc.ABC):
    """A meeting of a session; one of `SideEvent`, `Briefing`, `Dialogue`, `SpecialEvent`.

    Each has an *id*, a multilingual *title*, and optionally either a *date* or an
    aware *start* (and *end*) date-time, which must fall within the session;
    *organizers* and *co_organizers* are `Organization` ids; *participants* say who
    took part and in what role; *topics* are topic ids; *summary* and *outcome* are
    multilingual statements; *sources* are `Source` ids; *documents* are the UN
    documents the meeting cites, by symbol.
    """

    __slots__ = ()

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


@attrs.frozen(kw_only=True)
class _MeetingFields(Meeting):
    id: str
    title: MultilingualText = attrs.field(converter=copy_text, hash=False)
    date: dt.date | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    organizers: tuple[str, ...] = ()
    co_organizers: tuple[str, ...] = ()
    participants: tuple[Participant, ...] = ()
    topics: tuple[str, ...] = ()
    summary: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    outcome: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    sources: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            self.type == self.TAG
            and id_ok(self.id)
            and text_ok(self.title)
            and self._time_ok()
            and refs_ok(self.organizers)
            and refs_ok(self.co_organizers)
            and (
                self.co_organizers == ()
                or (self.organizers != () and set(self.organizers).isdisjoint(self.co_organizers))
            )
            and self._participants_ok()
            and refs_ok(self.topics)
            and (self.summary is None or text_ok(self.summary))
            and (self.outcome is None or text_ok(self.outcome))
            and refs_ok(self.sources)
            and (self.documents == () or items_ok(self.documents, Document))
            and self._more_ok()
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        if self.type != self.TAG:
            found.append(("/type", f"a {type(self).__name__} has type {self.TAG!r}"))
        check_id(found, "/id", self.id)
        check_text(found, "/title", self.title)
        self._check_time(found)
        check_refs(found, "/organizers", self.organizers)
        check_refs(found, "/co_organizers", self.co_organizers)
        if type(self.organizers) is tuple and type(self.co_organizers) is tuple:
            for index, organization in enumerate(self.co_organizers):
                if organization in self.organizers:
                    found.append(
                        (f"/co_organizers/{index}", f"{organization!r} is already an organizer")
                    )
            if self.co_organizers and not self.organizers:
                found.append(
                    (
                        "/co_organizers",
                        "co-organizers need an organizer; list the lead organizer(s) in organizers",
                    )
                )
        check_items(found, "/participants", self.participants, Participant)
        if type(self.participants) is tuple and not isinstance(self, Dialogue):
            for index, participant in enumerate(self.participants):
                if isinstance(participant, Participant) and participant.role == "counterpart":
                    found.append(
                        (
                            f"/participants/{index}/role",
                            "only a Dialogue has counterparts; use 'speaker' or 'attendee'",
                        )
                    )
        check_refs(found, "/topics", self.topics)
        check_text(found, "/summary", self.summary, optional=True)
        check_text(found, "/outcome", self.outcome, optional=True)
        check_refs(found, "/sources", self.sources)
        check_items(found, "/documents", self.documents, Document)
        self._check_more(found)
        if found:
            fail(found)

    def _time_ok(self) -> bool:
        start, end = self.start, self.end
        if start is None:
            return end is None and (self.date is None or type(self.date) is dt.date)
        return (
            self.date is None
            and type(start) is dt.datetime
            and whole_minutes_offset(start)
            and (
                end is None
                or (type(end) is dt.datetime and whole_minutes_offset(end) and end > start)
            )
        )

    def _participants_ok(self) -> bool:
        participants = self.participants
        if participants == ():
            return not isinstance(self, Dialogue)
        if not items_ok(participants, Participant):
            return False
        counterparts = any(participant.role == "counterpart" for participant in participants)
        return counterparts if isinstance(self, Dialogue) else not counterparts

    def _more_ok(self) -> bool:
        """Fast verdict on the rules of one kind of meeting."""
        return True

    def _check_time(self, found: Found) -> None:
        before = len(found)
        check_date(found, "/date", self.date, optional=True)
        check_datetime(found, "/start", self.start, optional=True)
        check_datetime(found, "/end", self.end, optional=True)
        if len(found) > before:
            return
        if self.date is not None and self.start is not None:
            found.append(
                ("/date", "give either a date or a start time, not both (the start says the day)")
            )
        if self.end is not None:
            if self.start is None:
                found.append(("/end", "an end time needs a start time"))
            elif self.end <= self.start:
                found.append(
                    (
                        "/end",
                        f"the meeting ends ({self.end.isoformat()}) before or when it starts "
                        f"({self.start.isoformat()})",
                    )
                )

    def _check_more(self, found: Found) -> None:
        """Rules of one kind of meeting."""

    @property
    def day(self) -> dt.date | None:
        """The day the meeting took place (local to its start time), when known."""
        return self.start.date() if self.start is not None else self.date


@attrs.frozen(kw_only=True)
class SideEvent(_MeetingFields):
    """A side event organized by NGOs, States or others alongside the session.

    >>> SideEvent(id="se-1", title={"en": "Small arms and organized crime"}).type
    'side_event'
    """

    TAG: ClassVar[str] = "side_event"
    type: Literal["side_event"] = attrs.field(default="side_event", repr=False)


@attrs.frozen(kw_only=True)
class Briefing(_MeetingFields):
    """A briefing, such as those held for NGOs on the work of the conference.

    >>> Briefing(id="b-1", title={"fr": "Séance d'information"}).type
    'briefing'
    """

    TAG: ClassVar[str] = "briefing"
    type: Literal["briefing"] = attrs.field(default="briefing", repr=False)


@attrs.frozen(kw_only=True)
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
    type: Literal["dialogue"] = attrs.field(default="dialogue", repr=False)
    questions: tuple[MultilingualText, ...] = attrs.field(
        default=(), converter=copy_texts, hash=False
    )

    def _more_ok(self) -> bool:
        questions = self.questions
        return questions == () or (
            type(questions) is tuple and all(text_ok(question) for question in questions)
        )

    def _check_more(self, found: Found) -> None:
        check_texts(found, "/questions", self.questions)
        if type(self.participants) is tuple and not any(
            isinstance(participant, Participant) and participant.role == "counterpart"
            for participant in self.participants
        ):
            found.append(
                (
                    "/participants",
                    "a Dialogue names at least one counterpart: a participant with role "
                    "'counterpart', such as the officials the NGOs met",
                )
            )

    @property
    def counterparts(self) -> tuple[Participant, ...]:
        """The participants NGOs were in dialogue with."""
        return tuple(p for p in self.participants if p.role == "counterpart")


@attrs.frozen(kw_only=True)
class SpecialEvent(_MeetingFields):
    """An event the secretariat organizes for the session, such as COP7's "key event".

    >>> SpecialEvent(id="k-1", title={"en": "Corruption and organized crime"}).type
    'special_event'
    """

    TAG: ClassVar[str] = "special_event"
    type: Literal["special_event"] = attrs.field(default="special_event", repr=False)


MEETING_TYPES: dict[str, type[_MeetingFields]] = {
    cls.TAG: cls for cls in (SideEvent, Briefing, Dialogue, SpecialEvent)
}
MEETING_CLASSES: frozenset[type[_MeetingFields]] = frozenset(MEETING_TYPES.values())
"""The meeting classes by the ``type`` tag that names them in JSON."""

MeetingType: TypeAlias = Literal["side_event", "briefing", "dialogue", "special_event"]
"""The values of a meeting's ``type`` key."""

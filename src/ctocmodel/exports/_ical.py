"""iCalendar (RFC 5545) export: sessions and dated meetings as calendar events.

How the model maps to iCalendar:

- The calendar is named (``NAME`` of RFC 7986 and the common ``X-WR-CALNAME``) after
  the session when the dataset has only one, such as "CTOC/COP 7", else after its
  conferences.
- Each session is an all-day ``VEVENT`` from its first day to the day after its last
  (``DTEND`` is exclusive), named by its conference's acronym (or name) and number,
  such as "CTOC/COP 7".
- Each meeting with a ``start`` is a timed ``VEVENT`` in the venue's time zone (a
  ``TZID`` parameter and a ``VTIMEZONE`` that icalendar builds from zoneinfo, covering
  the whole years in which the zone is used; the zones come first, sorted by name), or
  in UTC when the venue has no time zone. A start or end whose local time the zone
  repeats (01:30 on the night clocks go back comes twice) puts the meeting in UTC:
  RFC 5545 reads such a time as the first of the two, as icalendar, vobject and ics.py
  do, while ical.js and node-ical read the second, so no local time can say which
  instant it is. A local time the zone skips is never written either (the export
  converts instants, and every instant has a real local time). Without an ``end`` it
  has no ``DTEND``: RFC 5545 allows that, and no duration is made up. Seconds are
  kept, fractions dropped (the end rounded up, so the event never shrinks). A meeting
  with only a ``date`` is an all-day event; one with neither is left out, and one
  `ExportWarning` per call says how many were left out.
- ``SUMMARY`` is the title in the best of *languages* (with a ``LANGUAGE``
  parameter); ``CATEGORIES`` the topic labels; ``LOCATION`` the venue's name and city;
  ``CLASS`` is ``PUBLIC``.
- ``DESCRIPTION`` holds what RFC 5545 has no property for: the summary, the outcome,
  the organizers and co-organizers ("Organized by ..."), the participants by role and
  a dialogue's questions, worded as in `ctocmodel.summarize`. ``ORGANIZER`` is not
  used: its value is a calendar address (an e-mail ``mailto:`` URI), which the model
  does not have; ``CONTACT`` is for contact details, not for names.
- ``UID`` comes from ids, which are unique per dataset: ``<session id>@ctocmodel`` for
  a session, ``<meeting id>@<session id>.ctocmodel`` for a meeting (session ids and
  meeting ids may coincide, so the part after ``@`` tells them apart).
- ``DTSTAMP`` comes from the data, not the clock, so that the same dataset always
  exports to the same bytes (with the same library and time zone data versions):
  midnight UTC of the latest publication date among the sources the event cites (a
  meeting's own sources, else its session's; a session's own, else its conference's),
  or of the session's first day when none is dated.
- Events follow the order of the dataset: each session, then its meetings as listed.
  A dataset without sessions gives a calendar without events, which readers accept
  although RFC 5545's grammar asks for at least one component.

Fixed words ("Organized by", "Speakers") are English, as in the default English summary.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from .._model import (
    Conference,
    Dataset,
    Dialogue,
    Meeting,
    MultilingualText,
    Session,
    pick_language,
    pick_text,
)
from .._model._checks import find_time_zone
from .._optional import require
from .._privacy import Privacy, redact
from .._summary import ROLE_WORDS, Writer, join_words
from .._version import VERSION
from ..errors import ExportWarning

__all__ = ["to_ical"]

PRODID = f"-//ctocmodel//ctocmodel {VERSION}//EN"
_UTC = dt.UTC
_DAY = dt.timedelta(days=1)
_LISTED = 5  # ids of left-out meetings named in the warning; past this, "..."


def to_ical(
    dataset: Dataset, *, languages: Sequence[str] = ("en",), privacy: Privacy | None = None
) -> bytes:
    """Return *dataset* as an iCalendar (RFC 5545) file, texts in the best of *languages*.

    *privacy* says what the export shows of the people the dataset names (default:
    what each person's visibility allows; see `Privacy`).

    Needs the optional ``icalendar`` package (``pip install icalendar``, or the extra ``ical``).
    Meetings with neither a date nor a start time are left out, with an `ExportWarning`.

    >>> import datetime as dt
    >>> from ctocmodel import Conference, Dataset, Session
    >>> session = Session(id="ctoc-cop-7", number=7,
    ...                   start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10))
    >>> dataset = Dataset(conferences=(Conference(
    ...     id="ctoc-cop", name={"en": "Conference of the Parties"},
    ...     acronym={"en": "CTOC/COP"}, sessions=(session,)),))
    >>> for line in to_ical(dataset).decode().splitlines():
    ...     if line.startswith(("SUMMARY", "DTSTART", "DTEND", "UID")):
    ...         print(line)
    SUMMARY:CTOC/COP 7
    DTSTART;VALUE=DATE:20141006
    DTEND;VALUE=DATE:20141011
    UID:ctoc-cop-7@ctocmodel
    """
    if isinstance(languages, str):
        raise TypeError(f"languages is a sequence of tags such as ({languages!r},), not a string")
    icalendar: Any = require(
        "icalendar", package="icalendar", extra="ical", feature="iCalendar export"
    )
    return _Export(icalendar, redact(dataset, privacy), tuple(languages)).calendar()


class _Export:
    def __init__(self, icalendar: Any, dataset: Dataset, languages: tuple[str, ...]) -> None:
        self.ical = icalendar
        self.dataset = dataset
        self.languages = languages
        self.words = Writer(dataset, languages)  # names people and groups as summarize does
        self.source_dates = {s.id: s.date for s in dataset.sources if s.date is not None}

    def text(self, value: MultilingualText) -> str:
        return pick_text(value, self.languages)

    def calendar(self) -> bytes:
        calendar = self.ical.Calendar()
        calendar.add("PRODID", PRODID)
        calendar.add("VERSION", "2.0")
        calendar.add("CALSCALE", "GREGORIAN")
        # icalendar does not know NAME (RFC 7986) and X-WR-CALNAME as text: escape explicitly.
        name = self.ical.vText(self.calendar_name())
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
        events: list[Any] = []
        zones: dict[str, list[dt.date]] = {}  # TZID -> local days of the events using it
        undated: list[str] = []
        for conference in self.dataset.conferences:
            for session in conference.sessions:
                events.append(self.session_event(conference, session))
                for meeting in session.meetings:
                    if meeting.start is None and meeting.date is None:
                        undated.append(meeting.id)
                        continue
                    events.append(self.meeting_event(session, meeting, zones))
        # VTIMEZONEs first, in a fixed order, each covering the whole years it is used in.
        for tzid in sorted(zones):
            days = zones[tzid]
            calendar.add_component(
                self.ical.Timezone.from_tzinfo(
                    find_time_zone(tzid),
                    tzid,
                    first_date=dt.date(min(days).year, 1, 1),
                    last_date=dt.date(max(days).year + 1, 1, 1),
                )
            )
        for event in events:
            calendar.add_component(event)
        if undated:
            listed = ", ".join(undated[:_LISTED]) + (", ..." if len(undated) > _LISTED else "")
            warnings.warn(
                f"{len(undated)} meeting{'s' if len(undated) != 1 else ''} left out of the "
                f"iCalendar export: no date or start time is known ({listed})",
                ExportWarning,
                stacklevel=3,
            )
        return refold(bytes(calendar.to_ical()))

    def calendar_name(self) -> str:
        conferences = self.dataset.conferences
        sessions = [(c, s) for c in conferences for s in c.sessions]
        if len(sessions) == 1:
            return self.session_name(*sessions[0])
        if conferences:
            return " · ".join(self.conference_name(c) for c in conferences)
        return "ctocmodel"

    def conference_name(self, conference: Conference) -> str:
        return self.text(conference.acronym or conference.name)

    def session_name(self, conference: Conference, session: Session) -> str:
        return f"{self.conference_name(conference)} {session.number}"

    def stamp(self, cited: Iterable[tuple[str, ...]], fallback: dt.date) -> dt.datetime:
        """DTSTAMP: the latest date of the first dated group of sources in *cited*."""
        for source_ids in cited:
            dates = [self.source_dates[s] for s in source_ids if s in self.source_dates]
            if dates:
                return _midnight_utc(max(dates))
        return _midnight_utc(fallback)

    def event(self, uid: str, summary: str, stamp: dt.datetime, session: Session) -> Any:
        event = self.ical.Event()
        event.add("UID", uid)
        event.add("DTSTAMP", stamp)
        event.add("SUMMARY", summary)
        event.add("CLASS", "PUBLIC")
        venue = session.venue
        if venue is not None:
            place = [self.text(part) for part in (venue.name, venue.city) if part is not None]
            if place:
                event.add("LOCATION", ", ".join(place))
        return event

    def session_event(self, conference: Conference, session: Session) -> Any:
        event = self.event(
            f"{session.id}@ctocmodel",
            self.session_name(conference, session),
            self.stamp((session.sources, conference.sources), session.start),
            session,
        )
        event.add("DTSTART", session.start)
        event.add("DTEND", session.end + _DAY)
        event.add("DESCRIPTION", f"{self.text(conference.name)}, session {session.number}")
        return event

    def meeting_event(
        self, session: Session, meeting: Meeting, zones: dict[str, list[dt.date]]
    ) -> Any:
        event = self.event(
            f"{meeting.id}@{session.id}.ctocmodel",
            self.text(meeting.title),
            self.stamp((meeting.sources, session.sources), session.start),
            session,
        )
        event["SUMMARY"].params["LANGUAGE"] = pick_language(meeting.title, self.languages)
        if meeting.start is not None:
            tzid = session.venue.time_zone if session.venue is not None else None
            zone = find_time_zone(tzid) if tzid is not None and tzid != "UTC" else None
            start = meeting.start.astimezone(zone or _UTC).replace(microsecond=0)
            end = meeting.end.astimezone(zone or _UTC) if meeting.end is not None else None
            if end is not None and end.microsecond:  # round up: the event keeps all its time
                end = end.replace(microsecond=0) + dt.timedelta(seconds=1)
            if zone is not None and not all(names_one_instant(t) for t in (start, end) if t):
                # A wall time the zone repeats: parsers disagree on which one it is.
                start = start.astimezone(_UTC)
                end = end.astimezone(_UTC) if end is not None else None
                zone = None
            event.add("DTSTART", start)
            if end is not None:
                event.add("DTEND", end)
            if tzid is not None and zone is not None:
                zones.setdefault(tzid, []).append(start.date())
        else:
            assert meeting.date is not None
            event.add("DTSTART", meeting.date)
            event.add("DTEND", meeting.date + _DAY)
        if meeting.topics:
            labels = [self.text(self.words.topics[topic].label) for topic in meeting.topics]
            event.add("CATEGORIES", labels)
        description = self.description(meeting)
        if description:
            event.add("DESCRIPTION", description)
        return event

    def description(self, meeting: Meeting) -> str:
        words = self.words
        lines = []
        if meeting.summary:
            lines.append(self.text(meeting.summary))
        if meeting.outcome:
            lines.append(f"Outcome: {self.text(meeting.outcome)}")
        if meeting.organizers:
            lines.append(
                f"Organized by {join_words(words.organization(o) for o in meeting.organizers)}"
            )
        if meeting.co_organizers:
            names = join_words(words.organization(o) for o in meeting.co_organizers)
            lines.append(f"Co-organized by {names}")
        for role, plural in ROLE_WORDS.items():
            people = [words.participant(p) for p in meeting.participants if p.role == role]
            if people:
                lines.append(f"{plural.capitalize()}: {join_words(people)}")
        if isinstance(meeting, Dialogue) and meeting.questions:
            lines.append("Questions discussed:")
            lines.extend(f"- {self.text(question)}" for question in meeting.questions)
        return "\n".join(lines)


def names_one_instant(local: dt.datetime) -> bool:
    """Tell whether the wall time of *local* names this one instant in its time zone.

    Not when the zone repeats it (clocks going back: 01:30 comes twice) nor when it
    skips it (clocks going forward), whatever offset *local* has.

    >>> from zoneinfo import ZoneInfo
    >>> new_york = ZoneInfo("America/New_York")
    >>> names_one_instant(dt.datetime(2014, 11, 2, 1, 30, fold=1, tzinfo=new_york))
    False
    >>> names_one_instant(dt.datetime(2014, 11, 2, 2, 30, tzinfo=new_york))
    True
    """
    wall = local.replace(tzinfo=None)
    meant = local.astimezone(_UTC)
    return all(
        wall.replace(tzinfo=local.tzinfo, fold=fold).astimezone(_UTC) == meant for fold in (0, 1)
    )


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=_UTC)


def refold(data: bytes) -> bytes:
    r"""Fold content lines at 75 octets without splitting a UTF-8 character or an escape.

    icalendar may fold between the backslash and the letter of an escape such as
    ``\,`` or ``\n``, which some readers (Google Calendar among them) then misread;
    this unfolds its output and folds it again, safely.

    >>> refold(b"DESCRIPTION:" + b"a" * 62 + b"\\, b\r\n").split(b"\r\n")[:2]
    [b'DESCRIPTION:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', b' \\, b']
    """
    lines = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").split(b"\r\n")
    folded: list[bytes] = []
    for line in lines:
        limit = 75
        while len(line) > limit:
            cut = limit
            while cut > 0 and line[cut] & 0xC0 == 0x80:  # inside a UTF-8 character
                cut -= 1
            backslashes = len(line[:cut]) - len(line[:cut].rstrip(b"\\"))
            if backslashes % 2:  # the cut would leave "\" here and its letter there
                cut -= 1
            folded.append(line[:cut])
            line = b" " + line[cut:]
            limit = 75
        folded.append(line)
    return b"\r\n".join(folded)

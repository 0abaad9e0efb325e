"""Sessions of a conference: dates, venue, who took part, figures and meetings."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias, get_args

import attrs

from ._checks import (
    INT64_MAX,
    Found,
    check_choice,
    check_country,
    check_date,
    check_id,
    check_int,
    check_items,
    check_object,
    check_ref,
    check_refs,
    check_text,
    check_time_zone,
    explain,
    fail,
    find_time_zone,
    id_ok,
    items_ok,
    refs_ok,
    text_ok,
)
from ._countries import COUNTRY_CODES
from .documents import Document
from .figures import ReportedFigure
from .meetings import MEETING_CLASSES, Meeting, _MeetingFields
from .text import MultilingualText, copy_optional_text

ParticipationBasis: TypeAlias = Literal[
    "ecosoc_general",
    "ecosoc_special",
    "ecosoc_roster",
    "observer_under_rules_of_procedure",
    "un_entity",
    "intergovernmental_organization",
    "state_party",
    "signatory_state",
    "other",
]
"""On what basis an organization took part in a session.

``ecosoc_*``: NGOs in general, special or roster consultative status with ECOSOC;
``observer_under_rules_of_procedure``: admitted as an observer under the conference's
rules of procedure (for NGOs without ECOSOC status); the others name what the
organization is.
"""

PARTICIPATION_BASES: tuple[str, ...] = get_args(ParticipationBasis)
_BASIS_SET = frozenset(PARTICIPATION_BASES)


@attrs.frozen(kw_only=True)
class Venue:
    """Where a session took place; *time_zone* is an IANA name such as ``Europe/Vienna``.

    >>> Venue(city={"en": "Vienna"}, country="AT", time_zone="Europe/Vienna").country
    'AT'
    """

    name: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    city: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    country: str | None = None
    time_zone: str | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            (self.name is None or text_ok(self.name))
            and (self.city is None or text_ok(self.city))
            and (self.country is None or self.country in COUNTRY_CODES)
            and (
                self.time_zone is None
                or (type(self.time_zone) is str and find_time_zone(self.time_zone) is not None)
            )
            and (
                self.name is not None
                or self.city is not None
                or self.country is not None
                or self.time_zone is not None
            )
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_text(found, "/name", self.name, optional=True)
        check_text(found, "/city", self.city, optional=True)
        check_country(found, "/country", self.country)
        check_time_zone(found, "/time_zone", self.time_zone)
        if (self.name, self.city, self.country, self.time_zone) == (None, None, None, None):
            found.append(("", "a venue needs at least one of name, city, country, time_zone"))
        if found:
            fail(found)


@attrs.frozen(kw_only=True)
class Participation:
    """An organization that took part in a session, and on what basis (when known).

    >>> Participation(organization="ngo-alliance", basis="ecosoc_special").basis
    'ecosoc_special'
    """

    organization: str
    basis: ParticipationBasis | None = None
    sources: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.organization) is str
            and (self.basis is None or self.basis in _BASIS_SET)
            and refs_ok(self.sources)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_ref(found, "/organization", self.organization)
        if self.basis is not None:
            check_choice(found, "/basis", self.basis, PARTICIPATION_BASES)
        check_refs(found, "/sources", self.sources)
        if found:
            fail(found)


def _meetings_ok(session: Session) -> bool:
    """Fast verdict: meetings of the known kinds, on the session's days, in its time zone."""
    meetings = session.meetings
    if meetings == ():
        return True
    if type(meetings) is not tuple:
        return False
    first, last = session.start, session.end
    venue = session.venue
    zone = find_time_zone(venue.time_zone) if venue is not None and venue.time_zone else None
    for meeting in meetings:
        if type(meeting) not in MEETING_CLASSES:
            return False
        start = meeting.start
        if start is None:
            if meeting.date is not None and not first <= meeting.date <= last:
                return False
            continue
        for value in (start, meeting.end):
            if value is None:
                continue
            if not first <= value.date() <= last:
                return False
            if zone is not None:
                try:
                    if value.astimezone(zone).utcoffset() != value.utcoffset():
                        return False
                except (OverflowError, ValueError):
                    return False
    return True


def _check_meeting_days(found: Found, session: Session) -> None:
    first, last = session.start, session.end
    zone = (
        find_time_zone(session.venue.time_zone)
        if session.venue and session.venue.time_zone
        else None
    )
    for index, meeting in enumerate(session.meetings):
        for key in ("date", "start", "end"):
            value = getattr(meeting, key)
            if value is None:
                continue
            day = value.date() if isinstance(value, dt.datetime) else value
            if not first <= day <= last:
                found.append(
                    (
                        f"/meetings/{index}/{key}",
                        f"{value.isoformat()} is outside the session ({first} to {last})",
                    )
                )
            if zone is not None and isinstance(value, dt.datetime):
                try:
                    local = value.astimezone(zone)
                except (OverflowError, ValueError):
                    found.append(
                        (
                            f"/meetings/{index}/{key}",
                            f"{value.isoformat()} cannot be placed in the time zone {zone.key}",
                        )
                    )
                    continue
                expected = local.utcoffset()
                if value.utcoffset() != expected:
                    found.append(
                        (
                            f"/meetings/{index}/{key}",
                            f"{value.isoformat()} does not use the offset of the venue's time "
                            f"zone {zone.key} ({_offset(expected)} then); the same instant there "
                            f"is {local.isoformat()}",
                        )
                    )


def _offset(delta: dt.timedelta | None) -> str:
    if delta is None:
        return "unknown"
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@attrs.frozen(kw_only=True)
class Session:
    """A session of a conference, such as the seventh session of the CTOC/COP.

    *start* and *end* are the first and last days; *participation* lists the
    organizations that took part; *figures* the counts sources report; *meetings*
    the side events, briefings, dialogues and special events held during it;
    *documents* the UN documents of the session, by symbol.

    >>> cop7 = Session(id="ctoc-cop-7", number=7,
    ...                start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10))
    >>> (cop7.end - cop7.start).days + 1
    5
    """

    id: str
    number: int
    start: dt.date
    end: dt.date
    venue: Venue | None = None
    participation: tuple[Participation, ...] = ()
    figures: tuple[ReportedFigure, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    sources: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and type(self.number) is int
            and 1 <= self.number <= INT64_MAX
            and type(self.start) is dt.date
            and type(self.end) is dt.date
            and self.start <= self.end
            and (self.venue is None or type(self.venue) is Venue)
            and items_ok(self.participation, Participation)
            and len({entry.organization for entry in self.participation}) == len(self.participation)
            and items_ok(self.figures, ReportedFigure)
            and len({(figure.measure, figure.source) for figure in self.figures})
            == len(self.figures)
            and _meetings_ok(self)
            and refs_ok(self.sources)
            and (self.documents == () or items_ok(self.documents, Document))
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_int(found, "/number", self.number, minimum=1)
        check_date(found, "/start", self.start)
        check_date(found, "/end", self.end)
        dates_valid = not found or not any(path in ("/start", "/end") for path, _ in found)
        if dates_valid and self.end < self.start:
            found.append(("/end", f"the session ends ({self.end}) before it starts ({self.start})"))
            dates_valid = False
        check_object(found, "/venue", self.venue, Venue, optional=True)
        check_items(found, "/participation", self.participation, Participation)
        if type(self.participation) is tuple:
            first_seen: dict[str, int] = {}
            for index, entry in enumerate(self.participation):
                if not isinstance(entry, Participation):
                    continue
                if entry.organization in first_seen:
                    found.append(
                        (
                            f"/participation/{index}/organization",
                            f"{entry.organization!r} is already listed at "
                            f"/participation/{first_seen[entry.organization]}",
                        )
                    )
                first_seen.setdefault(entry.organization, index)
        check_items(found, "/figures", self.figures, ReportedFigure)
        if type(self.figures) is tuple:
            reported: set[tuple[str, str]] = set()
            for index, figure in enumerate(self.figures):
                if not isinstance(figure, ReportedFigure):
                    continue
                key = (figure.measure, figure.source)
                if key in reported:
                    found.append(
                        (
                            f"/figures/{index}",
                            f"source {figure.source!r} already reports a {figure.measure!r} figure",
                        )
                    )
                reported.add(key)
        before = len(found)
        check_items(found, "/meetings", self.meetings, _MeetingFields, name="Meeting")
        venue_valid = self.venue is None or isinstance(self.venue, Venue)
        if dates_valid and venue_valid and len(found) == before:
            _check_meeting_days(found, self)
        check_refs(found, "/sources", self.sources)
        check_items(found, "/documents", self.documents, Document)
        if found:
            fail(found)

    @property
    def days(self) -> int:
        """How many days the session lasted, first and last included."""
        return (self.end - self.start).days + 1

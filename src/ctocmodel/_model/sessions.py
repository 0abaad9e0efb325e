"""Sessions of a conference: dates, venue, who took part, figures and meetings."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal, TypeAlias, get_args

from ._checks import COUNTRY, ID, TIME_ZONE, find_time_zone, integer, repeats
from ._record import Record, field, record, rule, stated
from .admissions import Admission, admitted_once
from .citations import Citation, cites_own_fields
from .documents import Document
from .figures import ReportedFigure
from .meetings import Meeting
from .statements import Statement
from .text import MultilingualText

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


@rule(
    "A venue states at least one of name, city, country, time zone.",
    schema={"anyOf": [stated(name) for name in ("name", "city", "country", "time_zone")]},
)
def _venue_says_something(venue: Venue) -> str | None:
    if (venue.name, venue.city, venue.country, venue.time_zone) == (None, None, None, None):
        return "a venue needs at least one of name, city, country, time_zone"
    return None


@record
class Venue(Record):
    """Where a session took place; *time_zone* is an IANA name such as ``Europe/Vienna``.

    >>> Venue(city={"en": "Vienna"}, country="AT", time_zone="Europe/Vienna").country
    'AT'
    """

    name: MultilingualText | None = field(default=None)
    city: MultilingualText | None = field(default=None)
    country: str | None = field(COUNTRY, default=None)
    time_zone: str | None = field(TIME_ZONE, default=None)
    RULES = (_venue_says_something,)


@record
class Participation(Record):
    """An organization that took part in a session, and on what basis (when known).

    >>> Participation(organization="ngo-alliance", basis="ecosoc_special").basis
    'ecosoc_special'
    """

    organization: str = field(ref="organization")
    basis: ParticipationBasis | None = field(default=None)
    sources: tuple[str, ...] = field(ref="source", default=())
    RULES = ()
    KEY: ClassVar[tuple[str, ...]] = ("organization",)


@rule("A session does not end before it starts.", path="/end", needs=("start", "end"))
def _session_in_order(session: Session) -> str | None:
    if session.end < session.start:
        return f"the session ends ({session.end}) before it starts ({session.start})"
    return None


@rule("Each organization takes part in a session at most once.", needs=("participation",))
def _participates_once(session: Session) -> list[tuple[str, str]] | None:
    return [
        (
            f"/participation/{index}/organization",
            f"{entry.organization!r} is already listed at /participation/{earlier}",
        )
        for index, entry, earlier in repeats(
            session.participation, lambda entry: entry.organization
        )
    ] or None


@rule(
    "A source reports at most one figure per measure and scope (day, meeting, status) "
    "for a session.",
    needs=("figures",),
)
def _one_figure_per_source(session: Session) -> list[tuple[str, str]] | None:
    key = ReportedFigure.KEY
    return [
        (
            f"/figures/{index}",
            f"source {figure.source!r} already reports a {figure.measure!r} figure of this "
            f"scope at /figures/{earlier}",
        )
        for index, figure, earlier in repeats(
            session.figures, lambda figure: tuple(getattr(figure, name) for name in key)
        )
    ] or None


@rule(
    "A figure's day is a day of the session, and its meeting a meeting of the session.",
    needs=("start", "end", "figures", "meetings"),
)
def _figures_in_session(session: Session) -> list[tuple[str, str]] | None:
    found: list[tuple[str, str]] = []
    meetings: set[str] | None = None
    for index, figure in enumerate(session.figures):
        # Dates out of order are one fault, which session_in_order reports.
        in_order = session.start <= session.end
        if in_order and figure.day is not None and not session.start <= figure.day <= session.end:
            found.append(
                (
                    f"/figures/{index}/day",
                    f"{figure.day.isoformat()} is outside the session "
                    f"({session.start} to {session.end})",
                )
            )
        if figure.meeting is not None:
            if meetings is None:
                meetings = {meeting.id for meeting in session.meetings}
            if figure.meeting not in meetings:
                found.append(
                    (
                        f"/figures/{index}/meeting",
                        f"{figure.meeting!r} is not a meeting of this session; list it in "
                        "its meetings, or count it in the session it belongs to",
                    )
                )
    return found or None


@rule(
    "A meeting's days fall within the session's; when the venue has a time zone, "
    "its UTC offsets are that zone's at that instant.",
    needs=("start", "end", "venue", "meetings"),
)
def _meetings_in_session(session: Session) -> list[tuple[str, str]] | None:
    first, last = session.start, session.end
    venue = session.venue
    zone = find_time_zone(venue.time_zone) if venue is not None and venue.time_zone else None
    found: list[tuple[str, str]] = []
    for index, meeting in enumerate(session.meetings):
        if meeting.start is None:
            if meeting.date is not None and not first <= meeting.date <= last:
                found.append(_outside(index, "date", meeting.date, session))
            continue
        for key, value in (("start", meeting.start), ("end", meeting.end)):
            if value is None:
                continue
            if not first <= value.date() <= last:
                found.append(_outside(index, key, value, session))
            if zone is None:
                continue
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
    return found or None


def _outside(index: int, key: str, value: dt.date, session: Session) -> tuple[str, str]:
    return (
        f"/meetings/{index}/{key}",
        f"{value.isoformat()} is outside the session ({session.start} to {session.end})",
    )


def _offset(delta: dt.timedelta | None) -> str:
    if delta is None:
        return "unknown"
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@record(noun="session")
class Session(Record):
    """A session of a conference, such as the seventh session of the CTOC/COP.

    *start* and *end* are the first and last days; *participation* lists the
    organizations that took part; *figures* the counts sources report; *meetings*
    the side events, briefings, dialogues and special events held during it;
    *documents* the UN documents of the session, by symbol; *admissions* how
    organizations were admitted to it; *statements* the statements made to it.

    >>> cop7 = Session(id="ctoc-cop-7", number=7,
    ...                start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10))
    >>> (cop7.end - cop7.start).days + 1
    5
    """

    id: str = field(ID)
    number: int = field(integer(1))
    start: dt.date = field()
    end: dt.date = field()
    venue: Venue | None = field(default=None)
    participation: tuple[Participation, ...] = field(default=())
    figures: tuple[ReportedFigure, ...] = field(default=())
    meetings: tuple[Meeting, ...] = field(default=())
    sources: tuple[str, ...] = field(ref="source", default=())
    documents: tuple[Document, ...] = field(default=())
    citations: tuple[Citation, ...] = field(default=())
    admissions: tuple[Admission, ...] = field(default=())
    statements: tuple[Statement, ...] = field(default=())
    RULES = (
        _session_in_order,
        _participates_once,
        _one_figure_per_source,
        _meetings_in_session,
        _figures_in_session,
        cites_own_fields,
        admitted_once,
    )

    @property
    def days(self) -> int:
        """How many days the session lasted, first and last included."""
        return (self.end - self.start).days + 1

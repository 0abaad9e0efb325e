"""What several sources say of one figure, put together: intervals, reconciliation, series.

A qualified count is an interval of possible true counts: "more than 90" is 91 or
more, "fewer than 10" is 0 to 9, "exact 16" is 16, and "about 100" is 90 to 110 when
"about" reaches `ABOUT_WIDTH` (10 %) either side, which the caller may change. The
records a session lists are a lower bound (data is partial). `reconcile` intersects
all of these for each session, measure and scope; `series` lines a measure up over a
conference's sessions; `history` tells what each organization attended and organized.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import attrs

from ._model import Count, Dataset, ReportedFigure, Session
from ._model._integrity import LISTED_MEASURES, listed_count, ngo_ids

__all__ = [
    "ABOUT_WIDTH",
    "Attendance",
    "Evidence",
    "Interval",
    "OrganizationHistory",
    "Organized",
    "Reconciled",
    "Scope",
    "SeriesPoint",
    "history",
    "interval_of",
    "reconcile",
    "series",
]

ABOUT_WIDTH = 0.1
"""How far "about N" reaches on either side of N, as a share of N: about 100 is 90 to 110.

The bounds are rounded outwards (about 5 is 4 to 6); pass ``about=`` to `reconcile`,
`series` or `interval_of` to choose another width.
"""


@attrs.frozen
class Interval:
    """The true counts a figure allows: *low* to *high*, both included (*high* None: no limit).

    >>> Interval(91, 120) & Interval(0, 150)
    Interval(low=91, high=120)
    >>> Interval(91, None) & Interval(0, 80) is None
    True
    """

    low: int
    high: int | None

    def __and__(self, other: Interval) -> Interval | None:
        low = max(self.low, other.low)
        highs = [high for high in (self.high, other.high) if high is not None]
        high = min(highs) if highs else None
        return None if high is not None and low > high else Interval(low, high)

    def __contains__(self, count: object) -> bool:
        return (
            isinstance(count, int)
            and self.low <= count
            and (self.high is None or count <= self.high)
        )

    def __str__(self) -> str:
        if self.high is None:
            return f"{self.low} or more"
        return str(self.low) if self.low == self.high else f"{self.low} to {self.high}"


def interval_of(count: Count, about: float = ABOUT_WIDTH) -> Interval:
    """The interval of true counts *count* allows, "about" reaching *about* of its value.

    >>> from ctocmodel import Count
    >>> interval_of(Count(qualifier="more_than", value=90))
    Interval(low=91, high=None)
    >>> about_100 = Count(qualifier="about", value=100)
    >>> interval_of(about_100), interval_of(about_100, 0.2)
    (Interval(low=90, high=110), Interval(low=80, high=120))
    """
    if not 0 <= about < 1:
        raise ValueError(f"about is a share of the value from 0 to less than 1, got {about!r}")
    if count.qualifier == "about":
        reach = count.value * about
        return Interval(max(0, math.floor(count.value - reach)), math.ceil(count.value + reach))
    low, high = count.bounds()
    return Interval(low, high)


@attrs.frozen
class Scope:
    """What part of a session a figure counts: a *day*, a *meeting*, or all of it; *status*."""

    day: dt.date | None = None
    meeting: str | None = None
    status: str = "actual"

    @classmethod
    def of(cls, figure: ReportedFigure) -> Scope:
        """The scope of *figure*."""
        return cls(figure.day, figure.meeting, figure.status)

    def __str__(self) -> str:
        parts = [f"on {self.day.isoformat()}"] if self.day else []
        parts += [f"at {self.meeting}"] if self.meeting else []
        parts += ["expected"] if self.status == "expected" else []
        return ", ".join(parts) or "whole session"


WHOLE_SESSION = Scope()


@attrs.frozen(kw_only=True)
class Evidence:
    """What one source, or the records a session lists, says of a count.

    *source* is the source's id, None for the listed records; *at* the JSON Pointer
    of the figure (or of the session); *count* the figure as the source gives it.
    """

    source: str | None
    interval: Interval
    at: str
    count: Count | None = None

    def __str__(self) -> str:
        who = self.source if self.source is not None else "the records listed"
        return f"{who}: {self.interval}"


@attrs.frozen(kw_only=True)
class Reconciled:
    """The figures of one measure and scope for one session, put together.

    *interval* is what every piece of *evidence* allows (None when they contradict
    each other); then *above* are those that need more than *below* allow.

    >>> import ctocmodel
    >>> [str(r.interval) for r in reconcile(ctocmodel.examples.cop7())]
    ['91 or more', '51 or more', '16']
    """

    conference: str
    session: str
    number: int
    measure: str
    scope: Scope
    evidence: tuple[Evidence, ...]
    interval: Interval | None
    above: tuple[Evidence, ...] = ()
    below: tuple[Evidence, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources whose figures were put together, each once."""
        return tuple(dict.fromkeys(e.source for e in self.evidence if e.source is not None))

    @property
    def contradicted(self) -> bool:
        """Whether the evidence admits no count at all."""
        return self.interval is None


def _listed(
    session: Session, figure: ReportedFigure, ngos: frozenset[str], at: str
) -> Evidence | None:
    if figure.measure not in LISTED_MEASURES:
        return None
    count = listed_count(session, figure, ngos)
    if not count:
        return None
    return Evidence(source=None, interval=Interval(count, None), at=at)


def _put_together(
    conference: str,
    session: Session,
    measure: str,
    scope: Scope,
    evidence: list[Evidence],
) -> Reconciled:
    interval: Interval | None = Interval(0, None)
    for item in evidence:
        interval = interval & item.interval if interval is not None else None
    above: tuple[Evidence, ...] = ()
    below: tuple[Evidence, ...] = ()
    if interval is None:
        low = max(item.interval.low for item in evidence)
        high = min(item.interval.high for item in evidence if item.interval.high is not None)
        above = tuple(item for item in evidence if item.interval.low > high)
        below = tuple(e for e in evidence if e.interval.high is not None and e.interval.high < low)
    return Reconciled(
        conference=conference,
        session=session.id,
        number=session.number,
        measure=measure,
        scope=scope,
        evidence=tuple(evidence),
        interval=interval,
        above=above,
        below=below,
    )


def _session_groups(
    conference: str,
    session: Session,
    at: str,
    ngos: frozenset[str],
    about: float,
    figures: Iterable[tuple[int, ReportedFigure]] | None = None,
) -> list[Reconciled]:
    """The reconciled figures of *session* (at *at*), of *figures* (index, figure) or all."""
    groups: dict[tuple[str, Scope], list[tuple[int, ReportedFigure]]] = {}
    for index, figure in enumerate(session.figures) if figures is None else figures:
        groups.setdefault((figure.measure, Scope.of(figure)), []).append((index, figure))
    result = []
    for (measure, scope), group in groups.items():
        evidence = [
            Evidence(
                source=figure.source,
                interval=interval_of(figure.count, about),
                at=f"{at}/figures/{index}",
                count=figure.count,
            )
            for index, figure in group
        ]
        if scope == WHOLE_SESSION:
            listed = _listed(session, group[0][1], ngos, at)
            if listed is not None:
                evidence.append(listed)
        result.append(_put_together(conference, session, measure, scope, evidence))
    return result


def reconcile(dataset: Dataset, *, about: float = ABOUT_WIDTH) -> list[Reconciled]:
    """Put together what every source and the listed records say, per session, measure, scope.

    For each measure and scope a session has figures of, the result holds the
    interval all of them allow, or the contradiction with the evidence on each side.
    *about* is how far "about N" reaches (see `ABOUT_WIDTH`). The cost is linear in
    the size of the dataset.
    """
    interval_of(Count(qualifier="about", value=0), about)  # checks *about*
    ngos = ngo_ids(dataset.organizations)
    result: list[Reconciled] = []
    for c, conference in enumerate(dataset.conferences):
        for s, session in enumerate(conference.sessions):
            at = f"/conferences/{c}/sessions/{s}"
            result += _session_groups(conference.id, session, at, ngos, about)
    return result


@attrs.frozen(kw_only=True)
class SeriesPoint:
    """One session of a series: its number and dates, and the reconciled figure (None: none)."""

    conference: str
    session: str
    number: int
    start: dt.date
    reconciled: Reconciled | None


def series(
    dataset: Dataset,
    measure: str,
    *,
    conference: str | None = None,
    status: str = "actual",
    about: float = ABOUT_WIDTH,
) -> list[SeriesPoint]:
    """The reconciled figure of *measure* for each session, conference by conference, in order.

    Only figures of whole sessions count, those of *status* (``actual`` by default,
    or ``expected``); a session without any has a point whose ``reconciled`` is None.
    *conference* keeps one conference's sessions.

    >>> import ctocmodel
    >>> points = series(ctocmodel.examples.cop7(), "participants")
    >>> [(point.number, str(point.reconciled.interval)) for point in points]
    [(7, '91 or more')]
    """
    interval_of(Count(qualifier="about", value=0), about)
    ngos = ngo_ids(dataset.organizations)
    wanted = Scope(status=status)
    found = False
    points: list[SeriesPoint] = []
    for c, conference_record in enumerate(dataset.conferences):
        if conference is not None and conference_record.id != conference:
            continue
        found = True
        ordered = sorted(enumerate(conference_record.sessions), key=lambda pair: pair[1].number)
        for s, session in ordered:
            at = f"/conferences/{c}/sessions/{s}"
            figures = [
                (index, figure)
                for index, figure in enumerate(session.figures)
                if figure.measure == measure and Scope.of(figure) == wanted
            ]
            reconciled = None
            if figures:
                groups = _session_groups(conference_record.id, session, at, ngos, about, figures)
                reconciled = groups[0]
            points.append(
                SeriesPoint(
                    conference=conference_record.id,
                    session=session.id,
                    number=session.number,
                    start=session.start,
                    reconciled=reconciled,
                )
            )
    if conference is not None and not found:
        raise ValueError(f"no conference has the id {conference!r} in this dataset")
    return points


@attrs.frozen(kw_only=True)
class Attendance:
    """A session an organization took part in, on what basis (None: not said), per which sources."""

    conference: str
    session: str
    number: int
    start: dt.date
    basis: str | None
    sources: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Organized:
    """A meeting an organization organized (*role* ``organizer``) or co-organized."""

    conference: str
    session: str
    number: int
    meeting: str
    meeting_type: str
    role: str


@attrs.frozen(kw_only=True)
class OrganizationHistory:
    """What one organization did across sessions: where it took part, what it organized."""

    organization: str
    attended: tuple[Attendance, ...]
    organized: tuple[Organized, ...]


def history(
    dataset: Dataset, organizations: Iterable[str] | None = None
) -> list[OrganizationHistory]:
    """Each organization's sessions (and on what basis) and the meetings it organized.

    Sessions come in order of conference and number. Without *organizations*, every
    organization that took part in or organized something, in the dataset's order.

    >>> import ctocmodel
    >>> [len(h.organized) for h in history(ctocmodel.examples.cop7(), ["unodc-civil-society-team"])]
    [3]
    """
    attended: dict[str, list[Attendance]] = {}
    organized: dict[str, list[Organized]] = {}
    for conference in dataset.conferences:
        for session in sorted(conference.sessions, key=lambda s: s.number):
            for entry in session.participation:
                attended.setdefault(entry.organization, []).append(
                    Attendance(
                        conference=conference.id,
                        session=session.id,
                        number=session.number,
                        start=session.start,
                        basis=entry.basis,
                        sources=entry.sources,
                    )
                )
            for meeting in session.meetings:
                for role, ids in (
                    ("organizer", meeting.organizers),
                    ("co_organizer", meeting.co_organizers),
                ):
                    for organization in ids:
                        organized.setdefault(organization, []).append(
                            Organized(
                                conference=conference.id,
                                session=session.id,
                                number=session.number,
                                meeting=meeting.id,
                                meeting_type=meeting.type,
                                role=role,
                            )
                        )
    if organizations is None:
        wanted = [o.id for o in dataset.organizations if o.id in attended or o.id in organized]
    else:
        wanted = list(organizations)
        known = {o.id for o in dataset.organizations}
        for organization in wanted:
            if organization not in known:
                raise ValueError(f"no organization has the id {organization!r} in this dataset")
    return [
        OrganizationHistory(
            organization=organization,
            attended=tuple(attended.get(organization, ())),
            organized=tuple(organized.get(organization, ())),
        )
        for organization in wanted
    ]

"""Sessions: numbers, dates, venues, participation, figures, and meetings within the session."""

from __future__ import annotations

import datetime as dt

import pytest

from ctocmodel import (
    Briefing,
    Count,
    Participation,
    ReportedFigure,
    Session,
    SideEvent,
    Venue,
)
from ctocmodel.testing import problems_of as problems

FIRST_DAY = dt.date(2014, 10, 6)
LAST_DAY = dt.date(2014, 10, 10)
VIENNA = Venue(
    name={"en": "Vienna International Centre"},
    city={"en": "Vienna", "fr": "Vienne"},
    country="AT",
    time_zone="Europe/Vienna",
)


def offset(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def session(**fields) -> Session:
    return Session(
        **{"id": "ctoc-cop-7", "number": 7, "start": FIRST_DAY, "end": LAST_DAY, **fields}
    )


def event(index: int = 0, **fields) -> SideEvent:
    return SideEvent(**{"id": f"se-{index}", "title": {"en": "Side event"}, **fields})


def figure(measure: str = "participants", source: str = "news", value: int = 90) -> ReportedFigure:
    return ReportedFigure(
        measure=measure, count=Count(qualifier="more_than", value=value), source=source
    )


# Number and dates


def test_session_keeps_its_number_and_dates():
    """A session of five days, first and last included."""
    cop7 = session()
    assert (cop7.number, cop7.start, cop7.end, cop7.days) == (7, FIRST_DAY, LAST_DAY, 5)


@pytest.mark.parametrize(
    ("number", "message"), [(0, "must be at least 1, got 0"), (-7, "must be at least 1, got -7")]
)
def test_session_number_is_at_least_one(number, message):
    """Sessions are numbered from 1."""
    assert problems(lambda: session(number=number)) == {"/number": message}


@pytest.mark.parametrize(
    ("number", "shown"), [(True, "true"), (7.0, "a number (7.0)"), ("7", "a string ('7')")]
)
def test_session_number_is_an_integer(number, shown):
    """The number is an int, not a bool, float or string."""
    assert problems(lambda: session(number=number)) == {
        "/number": f"expected an integer, got {shown}"
    }


def test_one_day_session_is_accepted():
    """A session may end on the day it starts."""
    assert session(start=FIRST_DAY, end=FIRST_DAY).days == 1


def test_session_ending_before_it_starts_is_refused():
    """The last day may not come before the first."""
    assert problems(lambda: session(start=LAST_DAY, end=FIRST_DAY)) == {
        "/end": "the session ends (2014-10-06) before it starts (2014-10-10)"
    }


def test_session_dates_must_be_dates():
    """Session start and end are dates, not datetimes or strings."""
    found = problems(
        lambda: session(start=dt.datetime(2014, 10, 6, tzinfo=dt.UTC), end="2014-10-10")
    )
    assert found["/start"].startswith("expected a date, got a datetime")
    assert found["/end"] == "expected a date, got a string ('2014-10-10')"


# Venue


@pytest.mark.parametrize(
    "fields",
    [
        {"name": {"en": "Vienna International Centre"}},
        {"city": {"en": "Vienna"}},
        {"country": "AT"},
        {"time_zone": "Europe/Vienna"},
    ],
)
def test_venue_with_any_one_field_is_accepted(fields):
    """One of name, city, country or time zone is enough for a venue."""
    venue = Venue(**fields)
    assert {key: getattr(venue, key) for key in fields} == fields


def test_empty_venue_is_refused():
    """A venue with nothing in it is refused, at the venue itself."""
    assert problems(Venue) == {"": "a venue needs at least one of name, city, country, time_zone"}


def test_venue_time_zone_europe_vienna_is_accepted():
    """'Europe/Vienna' is an IANA time zone."""
    assert VIENNA.time_zone == "Europe/Vienna"


@pytest.mark.parametrize(
    "zone", ["Vienna", "Europe/Vienne", "europe/vienna", "CEST", "../etc/passwd", "Europe/Vienna "]
)
def test_unknown_time_zone_is_refused(zone):
    """A name that is not an IANA time zone is refused, with an example."""
    assert problems(lambda: Venue(time_zone=zone)) == {
        "/time_zone": f"{zone!r} is not an IANA time zone name such as 'Europe/Vienna'"
    }


def test_venue_problems_are_reported_together():
    """Bad country, empty city and bad zone are all reported."""
    found = problems(lambda: Venue(city={}, country="at", time_zone="Mars/Olympus_Mons"))
    assert set(found) == {"/city", "/country", "/time_zone"}


def test_venue_must_be_a_venue_object():
    """A session's venue is a Venue, not a plain string."""
    assert problems(lambda: session(venue="Vienna")) == {
        "/venue": "expected a Venue, got a string ('Vienna')"
    }


# Meetings within the session


def test_meetings_on_the_first_and_last_days_are_accepted():
    """Meetings on the session's first and last days are within it."""
    held = session(
        venue=VIENNA,
        meetings=(
            event(0, date=FIRST_DAY),
            event(1, start=dt.datetime(2014, 10, 10, 18, 0, tzinfo=offset(2))),
        ),
    )
    assert [meeting.day for meeting in held.meetings] == [FIRST_DAY, LAST_DAY]


@pytest.mark.parametrize(
    ("fields", "path", "shown"),
    [
        ({"date": dt.date(2014, 10, 11)}, "/meetings/1/date", "2014-10-11"),
        ({"date": dt.date(2014, 10, 5)}, "/meetings/1/date", "2014-10-05"),
        (
            {"start": dt.datetime(2014, 10, 5, 13, 0, tzinfo=offset(2))},
            "/meetings/1/start",
            "2014-10-05T13:00:00+02:00",
        ),
        (
            {
                "start": dt.datetime(2014, 10, 10, 13, 0, tzinfo=offset(2)),
                "end": dt.datetime(2014, 10, 11, 1, 0, tzinfo=offset(2)),
            },
            "/meetings/1/end",
            "2014-10-11T01:00:00+02:00",
        ),
    ],
)
def test_meeting_outside_the_session_is_refused(fields, path, shown):
    """A meeting date, start or end outside the session is refused at that meeting field."""
    found = problems(lambda: session(meetings=(event(0, date=FIRST_DAY), event(1, **fields))))
    assert found == {path: f"{shown} is outside the session (2014-10-06 to 2014-10-10)"}


def test_every_meeting_field_outside_the_session_is_reported():
    """A meeting starting and ending outside the session gets a problem at start and at end."""
    found = problems(
        lambda: session(
            meetings=(
                event(
                    0,
                    start=dt.datetime(2014, 10, 1, 9, 0, tzinfo=offset(2)),
                    end=dt.datetime(2014, 10, 12, 9, 0, tzinfo=offset(2)),
                ),
            )
        )
    )
    assert set(found) == {"/meetings/0/start", "/meetings/0/end"}


def test_offset_not_matching_the_venue_time_zone_is_refused():
    """+03:00 in Vienna on 7 October 2014 (then UTC+02:00) is refused, giving the local time."""
    start = dt.datetime(2014, 10, 7, 13, 0, tzinfo=offset(3))
    found = problems(lambda: session(venue=VIENNA, meetings=(event(start=start),)))
    assert found == {
        "/meetings/0/start": "2014-10-07T13:00:00+03:00 does not use the offset of the venue's "
        "time zone Europe/Vienna (UTC+02:00 then); the same instant there is "
        "2014-10-07T12:00:00+02:00"
    }


def test_offset_matching_the_venue_time_zone_is_accepted():
    """+02:00 in Vienna on 7 October 2014 (summer time) is accepted."""
    start = dt.datetime(2014, 10, 7, 13, 0, tzinfo=offset(2))
    held = session(venue=VIENNA, meetings=(event(start=start, end=start + dt.timedelta(hours=2)),))
    assert held.meetings[0].start.utcoffset() == dt.timedelta(hours=2)


def test_venue_offset_follows_daylight_saving_changes():
    """Vienna left summer time on 26 October 2014: +01:00 is right on the 27th, +02:00 is not."""
    late_session = {"start": dt.date(2014, 10, 20), "end": dt.date(2014, 10, 31), "venue": VIENNA}
    winter = dt.datetime(2014, 10, 27, 10, 0, tzinfo=offset(1))
    assert session(**late_session, meetings=(event(start=winter),)).meetings[0].start == winter
    summer = dt.datetime(2014, 10, 27, 10, 0, tzinfo=offset(2))
    found = problems(lambda: session(**late_session, meetings=(event(start=summer),)))
    assert list(found) == ["/meetings/0/start"]
    assert "(UTC+01:00 then)" in found["/meetings/0/start"]


def test_any_offset_is_accepted_without_a_venue_time_zone():
    """Without a venue time zone the offset of a meeting is not checked."""
    start = dt.datetime(2014, 10, 7, 13, 0, tzinfo=offset(-5))
    held = session(venue=Venue(city={"en": "Vienna"}), meetings=(event(start=start),))
    assert held.meetings[0].start == start


def test_meeting_at_the_end_of_time_is_a_validation_error_not_an_overflow():
    """A start whose UTC instant is past year 9999 is a reported problem, not an OverflowError."""
    start = dt.datetime(9999, 12, 31, 23, 0, tzinfo=offset(-5))
    found = problems(
        lambda: session(
            start=dt.date(9999, 12, 30),
            end=dt.date(9999, 12, 31),
            venue=Venue(time_zone="UTC"),
            meetings=(event(start=start),),
        )
    )
    assert list(found) == ["/meetings/0/start"]
    assert "UTC" in found["/meetings/0/start"]


def test_meetings_must_be_meeting_objects():
    """A meeting given as a dict is refused at its index."""
    found = problems(lambda: session(meetings=(event(0), {"type": "side_event"})))
    assert found == {"/meetings/1": "expected a Meeting, got an object"}


# Participation


def test_participation_with_and_without_basis():
    """Participation names an organization and, when known, its basis."""
    entries = (
        Participation(organization="ngo-a", basis="ecosoc_special", sources=("news",)),
        Participation(organization="ngo-b"),
    )
    held = session(participation=entries)
    assert [(p.organization, p.basis) for p in held.participation] == [
        ("ngo-a", "ecosoc_special"),
        ("ngo-b", None),
    ]


def test_unknown_basis_is_refused_with_a_suggestion():
    """A misspelt basis is refused and the near basis suggested."""
    found = problems(lambda: Participation(organization="ngo-a", basis="ecosoc-special"))
    assert list(found) == ["/basis"]
    assert found["/basis"].endswith("(did you mean 'ecosoc_special'?)")


def test_participation_organization_must_be_a_string():
    """The organization of a participation is a reference, a string."""
    found = problems(lambda: Participation(organization=1))
    assert found == {"/organization": "expected an id (a string), got an integer (1)"}


def test_duplicate_participation_is_refused():
    """An organization takes part once per session: the repetition points to the first entry."""
    entries = (
        Participation(organization="ngo-a"),
        Participation(organization="ngo-b"),
        Participation(organization="ngo-a", basis="ecosoc_roster"),
    )
    assert problems(lambda: session(participation=entries)) == {
        "/participation/2/organization": "'ngo-a' is already listed at /participation/0"
    }


# Figures


def test_two_figures_of_one_measure_from_one_source_are_refused():
    """A source reports one figure per measure; the second is refused."""
    found = problems(
        lambda: session(
            figures=(
                figure("participants"),
                figure("side_events"),
                figure("participants", value=95),
            )
        )
    )
    assert found == {
        "/figures/2": "source 'news' already reports a 'participants' figure of this scope "
        "at /figures/0"
    }


def test_same_measure_from_two_sources_is_accepted():
    """Two sources may each report the same measure."""
    held = session(figures=(figure(source="news"), figure(source="report", value=85)))
    assert [f.source for f in held.figures] == ["news", "report"]


def test_figures_must_be_reported_figures():
    """A Count alone is not a figure."""
    found = problems(lambda: session(figures=(Count(qualifier="exact", value=1),)))
    assert list(found) == ["/figures/0"]
    assert found["/figures/0"].endswith("ReportedFigure, got a Count object")


def test_every_problem_of_a_session_is_reported_at_once():
    """Number, date order, participation and figures problems come together."""
    found = problems(
        lambda: session(
            number=0,
            start=LAST_DAY,
            end=FIRST_DAY,
            participation=(Participation(organization="a"), Participation(organization="a")),
            figures=(figure(), figure()),
            meetings=(Briefing(id="b", title={"en": "Briefing"}),),
            sources=("news", "news"),
        )
    )
    assert set(found) == {
        "/number",
        "/end",
        "/participation/1/organization",
        "/figures/1",
        "/sources/1",
    }

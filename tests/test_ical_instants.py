"""iCalendar instants no parser misreads: a local time with TZID only where it names one instant."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
import pytest

from ctocmodel import Conference, Dataset, Session, SideEvent, Venue
from ctocmodel.exports import to_ical

UTC = dt.UTC
PARSERS = ("icalendar", "vobject", "ics.py", "ical.js", "node-ical")


@dataclass(frozen=True)
class Case:
    """A wall time in a zone, and the instant each parser reads from ``DTSTART;TZID=...``.

    Read from a calendar whose VTIMEZONEs icalendar built from zoneinfo, as `to_ical`
    writes them, with icalendar 7.3, vobject 0.9.9, ics.py 0.7.3, ical.js 2.2.1 and
    node-ical 0.26.1 (the readings of *readings*, one per parser of `PARSERS`, in UTC).
    """

    name: str
    zone: str
    wall: dt.datetime
    readings: tuple[str, ...]

    def read(self) -> dict[str, dt.datetime]:
        return {
            parser: dt.datetime.fromisoformat(reading).replace(tzinfo=UTC)
            for parser, reading in zip(PARSERS, self.readings, strict=True)
        }

    def instants(self) -> list[dt.datetime]:
        """The instants the wall time may mean: two in a repeated hour, two around a gap."""
        zone = ZoneInfo(self.zone)
        found = {self.wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)}
        return sorted(found)


def same(reading: str) -> tuple[str, ...]:
    return (reading,) * len(PARSERS)


CASES = (
    # Clocks go back: the wall time comes twice. RFC 5545 means the first; icalendar,
    # vobject and ics.py read the first, ical.js and node-ical the second.
    Case(
        "New York, 01:30 when clocks go back",
        "America/New_York",
        dt.datetime(2014, 11, 2, 1, 30),
        ("2014-11-02T05:30",) * 3 + ("2014-11-02T06:30",) * 2,
    ),
    Case(
        "Vienna, 02:30 when clocks go back",
        "Europe/Vienna",
        dt.datetime(2014, 10, 26, 2, 30),
        ("2014-10-26T00:30",) * 3 + ("2014-10-26T01:30",) * 2,
    ),
    Case(
        "Chatham (+13:45/+12:45), 03:00 when clocks go back",
        "Pacific/Chatham",
        dt.datetime(2014, 4, 6, 3, 0),
        ("2014-04-05T13:15",) * 3 + ("2014-04-05T14:15",) * 2,
    ),
    Case(
        "Lord Howe (a half-hour shift), 01:45 when clocks go back",
        "Australia/Lord_Howe",
        dt.datetime(2014, 4, 6, 1, 45),
        ("2014-04-05T14:45",) * 3 + ("2014-04-05T15:15",) * 2,
    ),
    # Clocks go forward: the wall time does not exist. All five read it with the offset
    # before the gap, as RFC 5545 says; the export never writes one.
    Case(
        "New York, 02:30 when clocks go forward",
        "America/New_York",
        dt.datetime(2014, 3, 9, 2, 30),
        same("2014-03-09T07:30"),
    ),
    Case(
        "Apia, the day Samoa skipped",
        "Pacific/Apia",
        dt.datetime(2011, 12, 30, 12, 0),
        same("2011-12-30T22:00"),
    ),
    # One instant: all five agree.
    Case(
        "Vienna, summer", "Europe/Vienna", dt.datetime(2014, 10, 7, 13, 0),
        same("2014-10-07T11:00"),
    ),
    Case(
        "Kolkata (+05:30)", "Asia/Kolkata", dt.datetime(2014, 10, 7, 13, 0),
        same("2014-10-07T07:30"),
    ),
    Case(
        "Chatham (+13:45)", "Pacific/Chatham", dt.datetime(2014, 10, 7, 13, 0),
        same("2014-10-06T23:15"),
    ),
    Case(
        "Kiritimati (+14:00)", "Pacific/Kiritimati", dt.datetime(2014, 10, 7, 13, 0),
        same("2014-10-06T23:00"),
    ),
    Case(
        "Honolulu (-10:00)", "Pacific/Honolulu", dt.datetime(2014, 10, 7, 13, 0),
        same("2014-10-07T23:00"),
    ),
)  # fmt: skip


def readable_as_local(case: Case) -> bool:
    """Whether every parser reads the wall time as the one instant it names."""
    instants = case.instants()
    return len(instants) == 1 and set(case.read().values()) == set(instants)


def calendar_at(zone: str, instant: dt.datetime, end: dt.datetime | None = None) -> bytes:
    """The iCalendar export of one meeting at *instant* in a venue of *zone*."""
    local = instant.astimezone(ZoneInfo(zone))
    offset = dt.timezone(local.utcoffset() or dt.timedelta(0))
    fixed_end = end.astimezone(ZoneInfo(zone)) if end is not None else None
    meeting = SideEvent(
        id="m",
        title={"en": "Meeting"},
        start=instant.astimezone(offset),
        end=(
            fixed_end.astimezone(dt.timezone(fixed_end.utcoffset() or dt.timedelta(0)))
            if fixed_end is not None
            else None
        ),
    )
    session = Session(
        id="s",
        number=1,
        start=local.date() - dt.timedelta(days=1),
        end=local.date() + dt.timedelta(days=1),
        venue=Venue(time_zone=zone),
        meetings=(meeting,),
    )
    return to_ical(
        Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),))
    )


def dtstart_line(ics: bytes) -> str:
    lines = ics.decode().split("\r\n")
    events = lines.index("BEGIN:VEVENT", lines.index("BEGIN:VEVENT") + 1)  # the meeting's
    return next(line for line in lines[events:] if line.startswith("DTSTART"))


def read_icalendar(ics: bytes) -> dt.datetime:
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[1]
    start: dt.datetime = event.decoded("DTSTART")
    return start


def read_vobject(ics: bytes) -> dt.datetime:
    vobject = pytest.importorskip("vobject")
    start: dt.datetime = vobject.readOne(ics.decode()).vevent_list[1].dtstart.value
    return start


def read_ics(ics: bytes) -> dt.datetime:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ics.py 0.7 warns about its own use of arrow
        ics_py = pytest.importorskip("ics")
        events = {event.uid: event for event in ics_py.Calendar(ics.decode()).events}
    start: dt.datetime = events["m@s.ctocmodel"].begin.datetime
    return start


PYTHON_READERS: dict[str, Callable[[bytes], dt.datetime]] = {
    "icalendar": read_icalendar,
    "vobject": read_vobject,
    "ics.py": read_ics,
}


def test_the_cases_show_the_disagreement() -> None:
    """The encoded readings disagree exactly on the repeated hours, so the test can fail."""
    disagreeing = {case.name for case in CASES if len(set(case.readings)) > 1}
    repeated = {case.name for case in CASES if "go back" in case.name}
    assert disagreeing == repeated
    assert all(not readable_as_local(case) for case in CASES if case.name in repeated)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_local_time_only_where_every_parser_reads_it_right(case: Case) -> None:
    """Each instant is written as a local time with TZID only if all five read it back right."""
    for instant in case.instants():
        line = dtstart_line(calendar_at(case.zone, instant))
        local = instant.astimezone(ZoneInfo(case.zone))
        if local.replace(tzinfo=None) == case.wall and not readable_as_local(case):
            assert line == f"DTSTART:{instant:%Y%m%dT%H%M%S}Z", case.name
        elif line.startswith("DTSTART;TZID="):
            # a wall time that names one instant: every parser agrees on it
            assert line == f"DTSTART;TZID={case.zone}:{local:%Y%m%dT%H%M%S}"
            wall = local.replace(tzinfo=None)
            assert {wall.replace(tzinfo=local.tzinfo, fold=f).astimezone(UTC) for f in (0, 1)} == {
                instant
            }
        else:
            assert line == f"DTSTART:{instant:%Y%m%dT%H%M%S}Z"


@pytest.mark.parametrize("reader", PYTHON_READERS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_python_parsers_read_every_instant_back(case: Case, reader: str) -> None:
    """icalendar, vobject and ics.py read each exported instant back as that instant."""
    for instant in case.instants():
        assert PYTHON_READERS[reader](calendar_at(case.zone, instant)) == instant


def test_repeated_hour_in_new_york_is_written_in_utc() -> None:
    """2014-11-02T01:30:00-05:00 in New York (the second 01:30) is 06:30Z, not 01:30 with TZID."""
    instant = dt.datetime(2014, 11, 2, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    ics = calendar_at("America/New_York", instant)
    assert dtstart_line(ics) == "DTSTART:20141102T063000Z"
    assert read_icalendar(ics) == instant
    assert b"BEGIN:VTIMEZONE" not in ics  # no event uses the zone


def test_one_repeated_end_puts_the_whole_meeting_in_utc() -> None:
    """A start that names one instant and an end in the repeated hour: both in UTC."""
    start = dt.datetime(2014, 11, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    end = dt.datetime(2014, 11, 2, 1, 15, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    ics = calendar_at("America/New_York", start, end)
    assert dtstart_line(ics) == "DTSTART:20141102T043000Z"
    assert "\r\nDTEND:20141102T051500Z\r\n" in ics.decode()
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[1]
    assert event.decoded("DTEND") == end


def test_names_one_instant_around_a_gap() -> None:
    """A real local time next to a gap names one instant; the missing one names none."""
    from ctocmodel.exports._ical import names_one_instant

    new_york = ZoneInfo("America/New_York")
    assert names_one_instant(dt.datetime(2014, 3, 9, 1, 59, tzinfo=new_york))
    assert names_one_instant(dt.datetime(2014, 3, 9, 3, 0, tzinfo=new_york))
    assert not names_one_instant(dt.datetime(2014, 3, 9, 2, 30, tzinfo=new_york))

"""iCalendar export: the output, read back by icalendar's own parser, states the model's facts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings

import ctocmodel
from ctocmodel import (
    Briefing,
    Conference,
    Count,
    Dataset,
    Dialogue,
    Organization,
    Participant,
    Person,
    Position,
    Session,
    SideEvent,
    Source,
    SpecialEvent,
    Topic,
    Venue,
    examples,
)
from ctocmodel.errors import ExportWarning, MissingDependencyError
from ctocmodel.exports import to_ical
from ctocmodel.testing.strategies import datasets

CEST = dt.timezone(dt.timedelta(hours=2))
LONG_TITLE = ("Line one\nline two, with a comma; and a semicolon " + "x" * 200)[:200]
ARMS = {"en": "Arms, ammunition; explosives", "fr": "Armes, munitions; explosifs"}


def sample() -> Dataset:
    """Two sessions: Vienna with its time zone (7 meetings, 2 undated), then one without."""
    vienna = Session(
        id="ctoc-cop-7",
        number=7,
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 10),
        venue=Venue(
            name={"en": "Vienna International Centre"},
            city={"en": "Vienna", "fr": "Vienne"},
            country="AT",
            time_zone="Europe/Vienna",
        ),
        sources=("news",),
        meetings=(
            SideEvent(
                id="se-timed",
                title={"en": "Small arms", "fr": "Armes légères"},
                start=dt.datetime(2014, 10, 7, 13, 0, tzinfo=CEST),
                end=dt.datetime(2014, 10, 7, 15, 0, tzinfo=CEST),
                organizers=("ngo-a",),
                co_organizers=("ngo-b",),
                participants=(
                    Participant(role="speaker", person="jane-doe", organization="unodc"),
                    Participant(
                        role="attendee",
                        description={"en": "NGO representatives", "fr": "représentants d'ONG"},
                        count=Count(qualifier="exact", value=4),
                    ),
                ),
                topics=("small-arms", "arms"),
                summary={"en": "Talks on small arms.", "fr": "Débat sur les armes légères."},
                outcome={"en": "A joint statement."},
                sources=("news",),
            ),
            Briefing(
                id="b-open",
                title={"fr": "Séance d'information"},
                start=dt.datetime(2014, 10, 6, 10, 0, tzinfo=CEST),
            ),
            Briefing(id="b-day", title={"en": "Briefing for NGOs"}, date=dt.date(2014, 10, 8)),
            SpecialEvent(id="k-undated", title={"en": "Key event"}),
            Dialogue(
                id="d-undated",
                title={"en": "Informal dialogue"},
                participants=(Participant(role="counterpart", person="jane-doe"),),
            ),
            SideEvent(id="se-long", title={"en": LONG_TITLE}, date=dt.date(2014, 10, 9)),
            SideEvent(
                id="se-late",
                title={"en": "Evening reception"},
                start=dt.datetime(2014, 10, 10, 18, 30, tzinfo=CEST),
            ),
        ),
    )
    elsewhere = Session(
        id="ctoc-cop-8",
        number=8,
        start=dt.date(2016, 10, 17),
        end=dt.date(2016, 10, 21),
        venue=Venue(city={"en": "Vienna"}),
        meetings=(
            SideEvent(
                id="se-utc",
                title={"en": "Cybercrime"},
                start=dt.datetime(2016, 10, 18, 9, 30, tzinfo=CEST),
                end=dt.datetime(2016, 10, 18, 11, 0, tzinfo=CEST),
                topics=("cybercrime",),
            ),
        ),
    )
    return Dataset(
        sources=(
            Source(
                id="news",
                title={"fr": "Participation des ONG"},
                language="fr",
                date=dt.date(2014, 10, 20),
            ),
        ),
        organizations=(
            Organization(id="unodc", name={"en": "UNODC"}, kind="un_entity"),
            Organization(id="ngo-a", name={"en": "NGO A", "fr": "ONG A"}, kind="ngo"),
            Organization(id="ngo-b", name={"en": "NGO B"}, kind="ngo"),
        ),
        people=(
            Person(
                id="jane-doe",
                name="Jane Doe",
                positions=(Position(title={"en": "Director"}, organization="unodc"),),
            ),
        ),
        topics=(Topic(id="arms", label=ARMS),),
        conferences=(
            Conference(
                id="ctoc-cop",
                name={"en": "Conference of the Parties"},
                acronym={"en": "CTOC/COP"},
                sessions=(vienna, elsewhere),
            ),
        ),
    )


def export(dataset: Dataset, languages: Sequence[str] = ("en",)) -> bytes:
    """Export *dataset*, expecting exactly the warning about its undated meetings, if any."""
    undated = sum(
        1
        for conference in dataset.conferences
        for session in conference.sessions
        for meeting in session.meetings
        if meeting.start is None and meeting.date is None
    )
    if not undated:
        return to_ical(dataset, languages=languages)
    with pytest.warns(ExportWarning, match=rf"^{undated} meetings? left out") as caught:
        ics = to_ical(dataset, languages=languages)
    assert len(caught) == 1
    return ics


def parse(ics: bytes) -> icalendar.Calendar:
    """Read the export back with icalendar's parser."""
    return icalendar.Calendar.from_ical(ics)


def events(ics: bytes) -> dict[str, icalendar.Event]:
    """The VEVENTs of an export by UID, in the order they come."""
    return {str(event["UID"]): event for event in parse(ics).walk("VEVENT")}


def meeting_event(ics: bytes, meeting_id: str, session_id: str = "ctoc-cop-7") -> icalendar.Event:
    """The VEVENT of one meeting."""
    return events(ics)[f"{meeting_id}@{session_id}.ctocmodel"]


@pytest.fixture(scope="module")
def ics() -> bytes:
    """The sample exported in English."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        return to_ical(sample())


def test_one_event_per_session_and_dated_meeting() -> None:
    """Two sessions and six dated meetings give eight VEVENTs; the two undated ones warn."""
    with pytest.warns(ExportWarning) as caught:
        ics = to_ical(sample())
    assert len(parse(ics).walk("VEVENT")) == 8
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("2 meetings left out of the iCalendar export")
    assert "no date or start time" in message
    assert "k-undated" in message
    assert "d-undated" in message


def test_warning_points_at_the_caller() -> None:
    """The ExportWarning is attributed to the code that called to_ical."""
    with pytest.warns(ExportWarning) as caught:
        to_ical(sample())
    assert caught[0].filename == __file__


def test_no_warning_when_every_meeting_is_dated() -> None:
    """Without undated meetings nothing is warned (warnings are errors in this suite)."""
    dataset = sample()
    conference = dataset.conferences[0]
    session = conference.sessions[0]
    dated = tuple(m for m in session.meetings if m.id not in ("k-undated", "d-undated"))
    trimmed = Dataset(
        sources=dataset.sources,
        organizations=dataset.organizations,
        people=dataset.people,
        topics=dataset.topics,
        conferences=(
            Conference(
                id=conference.id,
                name=conference.name,
                acronym=conference.acronym,
                sessions=(
                    Session(
                        id=session.id,
                        number=session.number,
                        start=session.start,
                        end=session.end,
                        venue=session.venue,
                        sources=session.sources,
                        meetings=dated,
                    ),
                ),
            ),
        ),
    )
    assert len(parse(to_ical(trimmed)).walk("VEVENT")) == 1 + len(dated)


def test_calendar_properties(ics: bytes) -> None:
    """PRODID names ctocmodel and its version; VERSION, CALSCALE and the calendar name are set."""
    calendar = parse(ics)
    assert str(calendar["PRODID"]) == f"-//ctocmodel//ctocmodel {ctocmodel.__version__}//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-CALNAME"]) == "CTOC/COP"
    assert str(calendar["NAME"]) == "CTOC/COP"


def assert_well_folded(ics: bytes) -> None:
    """CRLF line ends; physical lines of at most 75 octets, each whole UTF-8, no split escape."""
    assert ics.endswith(b"\r\n")
    lines = ics.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\r" not in line
        assert b"\n" not in line
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never cuts a character in two
        assert (len(line) - len(line.rstrip(b"\\"))) % 2 == 0  # nor an escape such as \\n


def test_lines_are_crlf_and_folded(ics: bytes) -> None:
    """Every content line ends in CRLF, long ones are folded at 75 octets."""
    assert_well_folded(ics)
    assert any(line.startswith(b" ") for line in ics.split(b"\r\n"))  # the long title


def test_folding_keeps_characters_and_escapes_whole() -> None:
    """Non-ASCII text and escapes are folded between characters, never inside one."""
    for width in range(60, 80):
        title = "x" * width + "\nnouvelle ligne, é; " + "é" * 60
        session = Session(
            id="s",
            number=1,
            start=dt.date(2020, 1, 6),
            end=dt.date(2020, 1, 6),
            meetings=(SideEvent(id="m", title={"fr": title}, date=dt.date(2020, 1, 6)),),
        )
        dataset = Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),))
        ics = to_ical(dataset)
        assert_well_folded(ics)
        assert str(meeting_event(ics, "m", "s")["SUMMARY"]) == title


def test_session_is_an_all_day_event(ics: bytes) -> None:
    """A session spans its days: DTSTART its first day, DTEND the day after its last."""
    event = events(ics)["ctoc-cop-7@ctocmodel"]
    assert str(event["SUMMARY"]) == "CTOC/COP 7"
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == dt.date(2014, 10, 6)
    assert event.decoded("DTEND") == dt.date(2014, 10, 11)
    assert str(event["DESCRIPTION"]) == "Conference of the Parties, session 7"
    assert b"DTSTART;VALUE=DATE:20141006\r\n" in ics


def test_timed_meeting_in_the_venue_time_zone(ics: bytes) -> None:
    """A timed meeting is written in Europe/Vienna local time, at the model's instant."""
    event = meeting_event(ics, "se-timed")
    assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2014, 10, 7, 13, 0, tzinfo=CEST)
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert event.decoded("DTEND") == dt.datetime(2014, 10, 7, 15, 0, tzinfo=CEST)
    assert b"DTSTART;TZID=Europe/Vienna:20141007T130000\r\n" in ics


def test_vtimezone_for_the_venue(ics: bytes) -> None:
    """One VTIMEZONE Europe/Vienna precedes the events; it gives +0200 in October 2014."""
    calendar = parse(ics)
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Vienna"]
    assert ics.index(b"BEGIN:VTIMEZONE") < ics.index(b"BEGIN:VEVENT")
    zone = zones[0]
    before = [
        sub
        for sub in zone.subcomponents
        if sub.decoded("DTSTART") <= dt.datetime(2014, 10, 7, 13, 0)
    ]
    in_effect = max(before, key=lambda sub: sub.decoded("DTSTART"))
    assert in_effect.name == "DAYLIGHT"
    assert in_effect.decoded("TZOFFSETTO") == dt.timedelta(hours=2)
    assert {sub.decoded("TZOFFSETTO") for sub in zone.subcomponents} == {
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
    }
    assert calendar.get_missing_tzids() == set()


def test_timed_meeting_without_end_has_no_dtend(ics: bytes) -> None:
    """A start without an end gives no DTEND and no DURATION: nothing is invented."""
    event = meeting_event(ics, "b-open")
    assert event.decoded("DTSTART") == dt.datetime(2014, 10, 6, 10, 0, tzinfo=CEST)
    assert "DTEND" not in event
    assert "DURATION" not in event


def test_date_only_meeting_is_all_day(ics: bytes) -> None:
    """A meeting with only a date is an all-day event on that day (VALUE=DATE)."""
    event = meeting_event(ics, "b-day")
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == dt.date(2014, 10, 8)
    assert event.decoded("DTEND") == dt.date(2014, 10, 9)
    assert b"DTSTART;VALUE=DATE:20141008\r\n" in ics


def test_meeting_without_venue_time_zone_is_in_utc(ics: bytes) -> None:
    """With no time zone at the venue a timed meeting is written in UTC, at the same instant."""
    event = meeting_event(ics, "se-utc", "ctoc-cop-8")
    assert "TZID" not in event["DTSTART"].params
    start = event.decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(0)
    assert start == dt.datetime(2016, 10, 18, 9, 30, tzinfo=CEST)
    assert event.decoded("DTEND") == dt.datetime(2016, 10, 18, 9, 0, tzinfo=dt.UTC)
    assert b"DTSTART:20161018T073000Z\r\n" in ics


def test_uids_are_stable_and_unique() -> None:
    """Two exports are byte for byte identical; UIDs are unique and come from the ids."""
    first, second = export(sample()), export(sample())
    assert first == second
    uids = [str(event["UID"]) for event in parse(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [
        "ctoc-cop-7@ctocmodel",
        "se-timed@ctoc-cop-7.ctocmodel",
        "b-open@ctoc-cop-7.ctocmodel",
        "b-day@ctoc-cop-7.ctocmodel",
        "se-long@ctoc-cop-7.ctocmodel",
        "se-late@ctoc-cop-7.ctocmodel",
        "ctoc-cop-8@ctocmodel",
        "se-utc@ctoc-cop-8.ctocmodel",
    ]


def test_session_and_meeting_with_the_same_id_get_different_uids() -> None:
    """Session ids and meeting ids are separate namespaces; their UIDs never collide."""
    session = Session(
        id="same",
        number=1,
        start=dt.date(2020, 1, 6),
        end=dt.date(2020, 1, 6),
        meetings=(SideEvent(id="same", title={"en": "Same"}, date=dt.date(2020, 1, 6)),),
    )
    dataset = Dataset(conferences=(Conference(id="same", name={"en": "C"}, sessions=(session,)),))
    uids = [str(event["UID"]) for event in parse(to_ical(dataset)).walk("VEVENT")]
    assert uids == ["same@ctocmodel", "same@same.ctocmodel"]


def test_dtstamp_comes_from_the_data(ics: bytes) -> None:
    """DTSTAMP is the latest cited source's date, else the session's first day, in UTC."""
    by_uid = events(ics)
    assert by_uid["se-timed@ctoc-cop-7.ctocmodel"].decoded("DTSTAMP") == dt.datetime(
        2014, 10, 20, tzinfo=dt.UTC
    )
    # b-open cites no source: its session's source is used.
    assert by_uid["b-open@ctoc-cop-7.ctocmodel"].decoded("DTSTAMP") == dt.datetime(
        2014, 10, 20, tzinfo=dt.UTC
    )
    # Session 8 and its meeting cite nothing: the session's first day.
    for uid in ("ctoc-cop-8@ctocmodel", "se-utc@ctoc-cop-8.ctocmodel"):
        assert by_uid[uid].decoded("DTSTAMP") == dt.datetime(2016, 10, 17, tzinfo=dt.UTC)
    assert b"DTSTAMP:20141020T000000Z\r\n" in ics


def test_summary_in_the_chosen_language_with_fallback() -> None:
    """languages=("es", "fr") picks French where there is no Spanish, English where only that."""
    ics = export(sample(), languages=("es", "fr"))
    timed = meeting_event(ics, "se-timed")
    assert str(timed["SUMMARY"]) == "Armes légères"
    assert timed["SUMMARY"].params["LANGUAGE"] == "fr"
    only_english = meeting_event(ics, "b-day")
    assert str(only_english["SUMMARY"]) == "Briefing for NGOs"
    assert only_english["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(timed["LOCATION"]) == "Vienna International Centre, Vienne"


def test_summary_in_english_by_default(ics: bytes) -> None:
    """By default the English title is used; a French-only title stays French."""
    assert str(meeting_event(ics, "se-timed")["SUMMARY"]) == "Small arms"
    assert str(meeting_event(ics, "b-open")["SUMMARY"]) == "Séance d'information"


def test_categories_are_the_topic_labels() -> None:
    """CATEGORIES lists the meeting's topic labels, built-in and own, in the chosen language."""
    english = meeting_event(export(sample()), "se-timed")
    assert [str(c) for c in english["CATEGORIES"].cats] == ["Small arms", ARMS["en"]]
    french = meeting_event(export(sample(), languages=("fr",)), "se-timed")
    assert [str(c) for c in french["CATEGORIES"].cats] == ["Armes légères", ARMS["fr"]]
    assert "CATEGORIES" not in meeting_event(export(sample()), "b-day")


def test_text_with_special_characters_round_trips(ics: bytes) -> None:
    """A 200-character title with a newline, a comma and a semicolon comes back exactly."""
    assert len(LONG_TITLE) == 200
    assert "\n" in LONG_TITLE
    assert "," in LONG_TITLE
    assert ";" in LONG_TITLE
    assert str(meeting_event(ics, "se-long")["SUMMARY"]) == LONG_TITLE
    assert b"Line one\\nline two\\, with a comma\\; and" in ics


def test_description_names_organizers_and_participants(ics: bytes) -> None:
    """DESCRIPTION gives the summary, outcome, organizers and participants as summarize does."""
    description = str(meeting_event(ics, "se-timed")["DESCRIPTION"])
    assert description.split("\n") == [
        "Talks on small arms.",
        "Outcome: A joint statement.",
        "Organized by NGO A",
        "Co-organized by NGO B",
        "Speakers: Jane Doe (Director)",
        "Attendees: 4 NGO representatives",
    ]
    assert "ORGANIZER" not in meeting_event(ics, "se-timed")
    assert "DESCRIPTION" not in meeting_event(ics, "b-day")


def test_description_in_the_chosen_language() -> None:
    """The summary, organizations and described participants follow *languages*."""
    description = str(meeting_event(export(sample(), languages=("fr",)), "se-timed")["DESCRIPTION"])
    assert description.split("\n")[0] == "Débat sur les armes légères."
    assert "Organized by ONG A" in description
    assert "Attendees: 4 représentants d'ONG" in description


def test_dialogue_questions_in_description() -> None:
    """A dated dialogue lists its counterparts and its questions in DESCRIPTION."""
    session = Session(
        id="s",
        number=1,
        start=dt.date(2020, 1, 6),
        end=dt.date(2020, 1, 6),
        meetings=(
            Dialogue(
                id="d",
                title={"en": "Dialogue"},
                date=dt.date(2020, 1, 6),
                participants=(Participant(role="counterpart", description={"en": "Officials"}),),
                questions=({"en": "Smuggling of migrants"},),
            ),
        ),
    )
    dataset = Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),))
    description = str(meeting_event(to_ical(dataset), "d", "s")["DESCRIPTION"])
    assert description.split("\n") == [
        "Counterparts: Officials",
        "Questions discussed:",
        "- Smuggling of migrants",
    ]


def test_location_and_class(ics: bytes) -> None:
    """LOCATION is the venue's name and city; every event is CLASS:PUBLIC."""
    by_uid = events(ics)
    assert str(by_uid["ctoc-cop-7@ctocmodel"]["LOCATION"]) == "Vienna International Centre, Vienna"
    assert str(by_uid["se-utc@ctoc-cop-8.ctocmodel"]["LOCATION"]) == "Vienna"
    assert all(str(event["CLASS"]) == "PUBLIC" for event in by_uid.values())


def test_no_location_without_venue() -> None:
    """A session without a venue has no LOCATION."""
    session = Session(id="s", number=1, start=dt.date(2020, 1, 6), end=dt.date(2020, 1, 6))
    dataset = Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),))
    event = events(to_ical(dataset))["s@ctocmodel"]
    assert "LOCATION" not in event
    assert str(event["SUMMARY"]) == "C 1"


def test_fractions_of_a_second() -> None:
    """Fractions of a second are dropped from the start and round the end up."""
    start = dt.datetime(2020, 1, 6, 10, 0, 0, 500_000, tzinfo=dt.UTC)
    session = Session(
        id="s",
        number=1,
        start=dt.date(2020, 1, 6),
        end=dt.date(2020, 1, 6),
        meetings=(
            SideEvent(
                id="m",
                title={"en": "M"},
                start=start,
                end=start + dt.timedelta(microseconds=200_000),
            ),
        ),
    )
    dataset = Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),))
    event = meeting_event(to_ical(dataset), "m", "s")
    assert event.decoded("DTSTART") == dt.datetime(2020, 1, 6, 10, 0, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2020, 1, 6, 10, 0, 1, tzinfo=dt.UTC)


def test_calendar_name_of_one_session_and_of_none() -> None:
    """One session names the calendar "CTOC/COP 7"; an empty dataset still exports."""
    with pytest.warns(ExportWarning):
        cop7 = parse(to_ical(examples.cop7()))
    assert str(cop7["X-WR-CALNAME"]) == "CTOC/COP 7"
    empty = parse(to_ical(Dataset()))
    assert str(empty["X-WR-CALNAME"]) == "ctocmodel"
    assert empty.walk("VEVENT") == []


def test_calendar_name_is_escaped() -> None:
    """The calendar name escapes newlines and commas; several conferences are all named."""
    sessions = (Session(id="s", number=1, start=dt.date(2020, 1, 6), end=dt.date(2020, 1, 6)),)
    odd = Conference(id="c", name={"en": "C"}, acronym={"en": "A\nB, C"}, sessions=sessions)
    ics = to_ical(Dataset(conferences=(odd,)))
    assert b"\r\nX-WR-CALNAME:A\\nB\\, C 1\r\n" in ics
    assert b"\r\nNAME:A\\nB\\, C 1\r\n" in ics
    assert str(events(ics)["s@ctocmodel"]["SUMMARY"]) == "A\nB, C 1"
    other = Session(id="t", number=2, start=dt.date(2021, 1, 6), end=dt.date(2021, 1, 6))
    two = Dataset(conferences=(odd, Conference(id="d", name={"en": "D"}, sessions=(other,))))
    assert "\r\nX-WR-CALNAME:A\\nB\\, C · D\r\n" in to_ical(two).decode()


def test_cop7_exports_the_session_and_warns_about_its_meetings() -> None:
    """COP7: one all-day event 6 to 10 October 2014 (DTEND the 11th); 5 meetings left out."""
    with pytest.warns(ExportWarning, match=r"^5 meetings left out") as caught:
        ics = to_ical(examples.cop7())
    assert len(caught) == 1
    (event,) = parse(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "CTOC/COP 7"
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == dt.date(2014, 10, 6)
    assert event.decoded("DTEND") == dt.date(2014, 10, 11)
    assert str(event["UID"]) == "ctoc-cop-7@ctocmodel"


def test_languages_must_not_be_a_string() -> None:
    """languages="fr" is refused: it would read as the tags "f" and "r"."""
    with pytest.raises(TypeError, match="sequence of tags"):
        to_ical(Dataset(), languages="fr")


def test_missing_icalendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without icalendar, to_ical raises MissingDependencyError naming the icalendar package."""
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(
        MissingDependencyError, match=r"pip install icalendar \(ctocmodel.s extra .ical.\)"
    ):
        to_ical(Dataset())


def test_module_imports_without_icalendar() -> None:
    """Importing ctocmodel.exports does not import icalendar (a fresh interpreter checks)."""
    script = textwrap.dedent(
        """
        import sys
        sys.modules["icalendar"] = None
        from ctocmodel.exports import to_ical
        from ctocmodel import Dataset
        from ctocmodel.errors import MissingDependencyError
        try:
            to_ical(Dataset())
        except MissingDependencyError as error:
            print(error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "pip install icalendar (ctocmodel's extra 'ical')" in result.stdout


def test_output_does_not_depend_on_hash_seed() -> None:
    """Two interpreters with different hash seeds write the same bytes (two time zones)."""
    script = textwrap.dedent(
        """
        import datetime as dt, sys
        from ctocmodel import Conference, Dataset, Session, SideEvent, Venue
        from ctocmodel.exports import to_ical

        def session(number, zone, start):
            day = start.date()
            return Session(
                id=f"s{number}", number=number, start=day, end=day,
                venue=Venue(time_zone=zone),
                meetings=(SideEvent(id=f"m{number}", title={"en": "M"}, start=start),),
            )

        sessions = (
            session(1, "Europe/Vienna", dt.datetime(2020, 1, 6, 10, tzinfo=dt.timezone(
                dt.timedelta(hours=1)))),
            session(2, "America/New_York", dt.datetime(2020, 1, 7, 10, tzinfo=dt.timezone(
                dt.timedelta(hours=-5)))),
            session(3, "Asia/Kolkata", dt.datetime(2020, 1, 8, 10, tzinfo=dt.timezone(
                dt.timedelta(hours=5, minutes=30)))),
        )
        dataset = Dataset(conferences=(Conference(id="c", name={"en": "C"}, sessions=sessions),))
        sys.stdout.buffer.write(to_ical(dataset))
        """
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    zones = [str(zone["TZID"]) for zone in parse(outputs[0]).walk("VTIMEZONE")]
    assert zones == ["America/New_York", "Asia/Kolkata", "Europe/Vienna"]


@settings(max_examples=40)
@given(datasets())
def test_any_dataset_exports_to_a_valid_calendar(dataset: Dataset) -> None:
    """Any dataset parses back with one VEVENT per session and per dated meeting, at its time."""
    sessions = [s for c in dataset.conferences for s in c.sessions]
    dated = [(s, m) for s in sessions for m in s.meetings if m.start or m.date]
    undated = sum(len(s.meetings) for s in sessions) - len(dated)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ics = to_ical(dataset, languages=("fr", "en"))
        again = to_ical(dataset, languages=("fr", "en"))
    assert [w.category for w in caught] == ([ExportWarning] * 2 if undated else [])
    assert ics == again
    calendar = parse(ics)
    by_uid = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert len(calendar.walk("VEVENT")) == len(by_uid) == len(sessions) + len(dated)
    assert calendar.get_missing_tzids() == set()
    assert_well_folded(ics)
    for session, meeting in dated:
        event = by_uid[f"{meeting.id}@{session.id}.ctocmodel"]
        if meeting.start is not None:
            start = event.decoded("DTSTART")
            assert start == meeting.start
            zone = session.venue.time_zone if session.venue else None
            if zone not in (None, "UTC"):
                assert start.tzinfo == ZoneInfo(zone)
                assert event["DTSTART"].params["TZID"] == zone
            if meeting.end is not None:
                assert event.decoded("DTEND") == meeting.end
            else:
                assert "DTEND" not in event
        else:
            assert event.decoded("DTSTART") == meeting.date

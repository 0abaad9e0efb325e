"""Meetings (side events, briefings, dialogues, special events) and their participants."""

from __future__ import annotations

import datetime as dt

import pytest

from ctocmodel import (
    MEETING_TYPES,
    Briefing,
    Count,
    Dialogue,
    Meeting,
    Participant,
    SideEvent,
    SpecialEvent,
)
from ctocmodel.testing import problems_of as problems

VIENNA_SUMMER = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2014, 10, 7, 13, 0, tzinfo=VIENNA_SUMMER)
COUNTERPART = Participant(role="counterpart", person="aldo-lale-demoz", organization="unodc")


def side_event(**fields) -> SideEvent:
    return SideEvent(**{"id": "se-1", "title": {"en": "Small arms"}, **fields})


def dialogue(**fields) -> Dialogue:
    return Dialogue(
        **{
            "id": "d-1",
            "title": {"en": "Informal dialogue"},
            "participants": (COUNTERPART,),
            **fields,
        }
    )


# Type tags


@pytest.mark.parametrize(
    ("cls", "tag"),
    [
        (SideEvent, "side_event"),
        (Briefing, "briefing"),
        (Dialogue, "dialogue"),
        (SpecialEvent, "special_event"),
    ],
)
def test_each_meeting_class_has_its_type_tag(cls, tag):
    """Each class carries its own type tag, is a Meeting, and is registered under that tag."""
    fields = {"participants": (COUNTERPART,)} if cls is Dialogue else {}
    meeting = cls(id="m-1", title={"en": "A meeting"}, **fields)
    assert meeting.type == tag
    assert isinstance(meeting, Meeting)
    assert MEETING_TYPES[tag] is cls


def test_meeting_types_lists_exactly_the_four_kinds():
    """MEETING_TYPES has one entry per kind of meeting."""
    assert set(MEETING_TYPES) == {"side_event", "briefing", "dialogue", "special_event"}


@pytest.mark.parametrize(
    ("cls", "wrong", "message"),
    [
        (SideEvent, "briefing", "a SideEvent has type 'side_event'"),
        (Briefing, "side_event", "a Briefing has type 'briefing'"),
        (SpecialEvent, "special", "a SpecialEvent has type 'special_event'"),
    ],
)
def test_type_tag_of_another_class_is_refused(cls, wrong, message):
    """A type that is not the class's own tag is refused at /type."""
    assert problems(lambda: cls(id="m-1", title={"en": "A meeting"}, type=wrong)) == {
        "/type": message
    }


# Time


def test_meeting_may_have_only_a_date():
    """A meeting known by its day only has a date and no times; day is that date."""
    meeting = side_event(date=dt.date(2014, 10, 7))
    assert (meeting.start, meeting.end, meeting.day) == (None, None, dt.date(2014, 10, 7))


def test_meeting_with_start_and_end():
    """A meeting with an aware start and a later end is accepted; its day is the start's day."""
    end = START + dt.timedelta(hours=1, minutes=30)
    meeting = side_event(start=START, end=end)
    assert meeting.end - meeting.start == dt.timedelta(minutes=90)
    assert meeting.day == dt.date(2014, 10, 7)


def test_meeting_without_any_time_has_no_day():
    """Date and times are optional; day is then unknown."""
    assert side_event().day is None


def test_date_and_start_together_are_refused():
    """A meeting gives a date or a start, not both."""
    assert problems(lambda: side_event(date=dt.date(2014, 10, 7), start=START)) == {
        "/date": "give either a date or a start time, not both (the start says the day)"
    }


@pytest.mark.parametrize("date", [None, dt.date(2014, 10, 7)])
def test_end_without_start_is_refused(date):
    """An end time needs a start time, even when a date is given."""
    assert problems(lambda: side_event(date=date, end=START)) == {
        "/end": "an end time needs a start time"
    }


@pytest.mark.parametrize("delta", [dt.timedelta(0), dt.timedelta(minutes=-30)])
def test_end_not_after_start_is_refused(delta):
    """The end must be strictly after the start."""
    end = START + delta
    assert problems(lambda: side_event(start=START, end=end)) == {
        "/end": f"the meeting ends ({end.isoformat()}) before or when it starts "
        "(2014-10-07T13:00:00+02:00)"
    }


def test_end_is_compared_as_an_instant_across_offsets():
    """An end in another offset is compared by instant: 11:30 UTC is after 13:00 +02:00."""
    end = dt.datetime(2014, 10, 7, 11, 30, tzinfo=dt.UTC)
    assert side_event(start=START, end=end).end == end


@pytest.mark.parametrize("key", ["start", "end"])
def test_naive_datetime_is_refused(key):
    """A datetime without UTC offset is refused, with an example giving one."""
    naive = dt.datetime(2014, 10, 7, 15, 0)
    fields = {"start": START, key: naive}
    assert problems(lambda: side_event(**fields)) == {
        f"/{key}": "2014-10-07T15:00:00 has no UTC offset; give one, such as "
        "2014-10-07T15:00:00+00:00"
    }


def test_offset_with_seconds_is_refused():
    """A UTC offset must be a whole number of minutes."""
    odd = dt.timezone(dt.timedelta(hours=1, seconds=30))
    assert problems(lambda: side_event(start=START.replace(tzinfo=odd))) == {
        "/start": "the UTC offset of +3630 seconds is not a whole number of minutes"
    }


def test_offset_in_minutes_is_accepted():
    """Offsets such as +05:45 (Kathmandu) are whole minutes and accepted."""
    kathmandu = dt.timezone(dt.timedelta(hours=5, minutes=45))
    assert side_event(start=START.replace(tzinfo=kathmandu)).start.utcoffset() == dt.timedelta(
        hours=5, minutes=45
    )


def test_date_must_not_be_a_datetime():
    """A datetime given as the date is refused: the date is a calendar day."""
    found = problems(lambda: side_event(date=START))
    assert list(found) == ["/date"]
    assert found["/date"].startswith("expected a date, got a datetime")


def test_time_rules_are_reported_with_the_other_problems():
    """A date given with a start is reported even when the id is also wrong."""
    found = problems(lambda: side_event(id="Bad Id", date=dt.date(2014, 10, 7), start=START))
    assert set(found) == {"/id", "/date"}


# Organizers


def test_organizers_and_co_organizers_are_kept():
    """Lead organizers and co-organizers are kept in order."""
    meeting = side_event(organizers=("ngo-a", "ngo-b"), co_organizers=("unodc",))
    assert (meeting.organizers, meeting.co_organizers) == (("ngo-a", "ngo-b"), ("unodc",))


def test_duplicate_organizer_is_refused():
    """The same organizer twice is refused at the repetition."""
    assert problems(lambda: side_event(organizers=("ngo-a", "ngo-b", "ngo-a"))) == {
        "/organizers/2": "'ngo-a' is listed twice"
    }


def test_co_organizer_already_an_organizer_is_refused():
    """An organization is an organizer or a co-organizer, not both."""
    found = problems(lambda: side_event(organizers=("ngo-a",), co_organizers=("ngo-b", "ngo-a")))
    assert found == {"/co_organizers/1": "'ngo-a' is already an organizer"}


def test_co_organizers_need_an_organizer():
    """Co-organizers without any organizer are refused."""
    assert problems(lambda: side_event(co_organizers=("ngo-b",))) == {
        "/co_organizers": "co-organizers need an organizer; "
        "list the lead organizer(s) in organizers"
    }


def test_organizers_given_as_a_list_are_kept_as_a_tuple():
    """Organizers are a tuple: a Python list becomes one, which keeps the record hashable."""
    event = side_event(organizers=["ngo-a"])
    assert event.organizers == ("ngo-a",)
    assert hash(event) == hash(side_event(organizers=("ngo-a",)))


def test_unhashable_organizer_is_a_validation_error():
    """A list given as an organizer id is reported as a problem, not a raw TypeError."""
    found = problems(lambda: side_event(organizers=(["ngo-a"],)))
    assert found == {"/organizers/0": "expected an id (a string), got an array"}


# Participants


def test_participant_may_be_a_named_person():
    """A named participant gives a person id and, optionally, the organization represented."""
    speaker = Participant(role="speaker", person="jane-doe", organization="ngo-a")
    assert (speaker.person, speaker.organization, speaker.count) == ("jane-doe", "ngo-a", None)


def test_participant_may_be_described_and_counted():
    """Unnamed participants are described, and counted when the source counts them."""
    four = Participant(
        role="speaker",
        description={"en": "NGO representatives", "fr": "représentants des ONG"},
        count=Count(qualifier="exact", value=4),
    )
    assert (four.person, four.count.value) == (None, 4)


def test_participant_needs_a_person_or_a_description():
    """A participant with neither person nor description is refused at /person."""
    found = problems(lambda: Participant(role="attendee", organization="ngo-a"))
    assert list(found) == ["/person"]
    assert found["/person"].startswith("name the participant: give a person id, or a description")


def test_named_person_with_a_count_is_refused():
    """A named person counts as one: a count beside a person is refused."""
    found = problems(
        lambda: Participant(
            role="speaker", person="jane-doe", count=Count(qualifier="exact", value=2)
        )
    )
    assert found == {"/count": "a named person counts as one; remove count or describe a group"}


def test_unknown_role_is_refused_with_a_suggestion():
    """The role is speaker, moderator, counterpart or attendee."""
    found = problems(lambda: Participant(role="speakers", person="jane-doe"))
    assert list(found) == ["/role"]
    assert found["/role"].endswith("(did you mean 'speaker'?)")


def test_count_of_a_participant_must_be_a_count():
    """A participant's count is a Count, not a bare number."""
    found = problems(lambda: Participant(role="attendee", description={"en": "NGOs"}, count=4))
    assert found == {"/count": "expected a Count, got an integer (4)"}


@pytest.mark.parametrize("cls", [SideEvent, Briefing, SpecialEvent])
def test_counterpart_role_only_in_a_dialogue(cls):
    """Outside a Dialogue a counterpart is refused at the participant's role."""
    participants = (Participant(role="speaker", person="jane-doe"), COUNTERPART)
    found = problems(lambda: cls(id="m-1", title={"en": "A meeting"}, participants=participants))
    assert found == {
        "/participants/1/role": "only a Dialogue has counterparts; use 'speaker' or 'attendee'"
    }


def test_participants_must_be_participant_objects():
    """A bare person id is not a Participant."""
    found = problems(lambda: side_event(participants=("jane-doe",)))
    assert list(found) == ["/participants/0"]
    assert found["/participants/0"].endswith("Participant, got a string ('jane-doe')")


# Dialogue


def test_dialogue_with_counterparts():
    """A Dialogue lists its counterparts among its participants."""
    attendees = Participant(role="attendee", description={"en": "NGO representatives"})
    meeting = dialogue(participants=(attendees, COUNTERPART))
    assert meeting.counterparts == (COUNTERPART,)


@pytest.mark.parametrize(
    "participants", [(), (Participant(role="attendee", description={"en": "NGOs"}),)]
)
def test_dialogue_needs_a_counterpart(participants):
    """A Dialogue without any participant in the counterpart role is refused at /participants."""
    found = problems(lambda: dialogue(participants=participants))
    assert list(found) == ["/participants"]
    assert found["/participants"].startswith("a Dialogue names at least one counterpart")


def test_dialogue_questions_are_multilingual_texts():
    """Questions are kept as multilingual texts in any language."""
    questions = (
        {"en": "the smuggling of migrants", "fr": "le trafic de migrants"},
        {"fr": "l'abolition de la peine de mort"},
    )
    assert dialogue(questions=questions).questions == questions


def test_bad_questions_are_reported_at_their_index_and_language():
    """An empty question, a plain string and a badly cased tag are each located."""
    found = problems(
        lambda: dialogue(questions=({}, "the death penalty", {"EN": "the death penalty"}))
    )
    assert found["/questions/0"] == "multilingual text needs at least one language"
    assert found["/questions/1"].startswith("expected multilingual text")
    assert found["/questions/2/EN"] == "write the language tag 'EN' as 'en'"


def test_questions_as_a_list_become_a_tuple_of_read_only_texts():
    """Questions are a tuple of read-only texts, whatever sequence of mappings was given."""
    meeting = dialogue(questions=[{"en": "corruption"}])
    assert meeting.questions == ({"en": "corruption"},)
    assert type(meeting.questions) is tuple
    with pytest.raises(TypeError, match="read-only"):
        meeting.questions[0]["en"] = "changed"  # type: ignore[index]


def test_questions_are_copied_so_later_changes_do_not_leak_in():
    """Changing a question dict after construction does not change the Dialogue."""
    question = {"en": "corruption"}
    meeting = dialogue(questions=(question,))
    question["en"] = ""
    assert meeting.questions == ({"en": "corruption"},)


# Other fields


def test_topics_summary_outcome_and_sources_are_kept():
    """Topics, summary, outcome and sources of a meeting are kept as given."""
    meeting = SpecialEvent(
        id="cop7-key-event",
        title={"en": "Key event"},
        topics=("corruption", "organized-crime"),
        summary={"en": "Links between corruption and organized crime"},
        outcome={"fr": "Des recommandations"},
        sources=("news",),
    )
    assert meeting.topics == ("corruption", "organized-crime")
    assert meeting.outcome == {"fr": "Des recommandations"}


def test_every_problem_of_a_meeting_is_reported_at_once():
    """Problems in several fields of a meeting are all reported."""
    found = problems(
        lambda: Briefing(
            id="b-1",
            title={"en": ""},
            topics=("corruption", "corruption"),
            summary={},
            sources=(None,),
            co_organizers=("unodc",),
        )
    )
    assert set(found) == {"/title/en", "/topics/1", "/summary", "/sources/0", "/co_organizers"}

"""People and the positions they hold."""

from __future__ import annotations

import datetime as dt

import pytest

from ctocmodel import Person, Position
from ctocmodel.testing import problems_of as problems


def position(**fields) -> Position:
    return Position(**{"title": {"en": "Director"}, "organization": "unodc", **fields})


# Position


def test_position_dates_are_optional():
    """A position needs only a title and an organization."""
    held = position()
    assert (held.start, held.end) == (None, None)


def test_position_with_start_before_end_is_accepted():
    """A position may start and end on known dates."""
    held = position(start=dt.date(2010, 1, 1), end=dt.date(2015, 6, 30))
    assert held.end - held.start == dt.timedelta(days=2006)


def test_position_may_start_and_end_on_the_same_day():
    """A one-day position (end equal to start) is accepted."""
    day = dt.date(2014, 10, 7)
    assert position(start=day, end=day).end == day


@pytest.mark.parametrize("dates", [{"start": dt.date(2010, 1, 1)}, {"end": dt.date(2015, 6, 30)}])
def test_position_with_only_one_date_is_accepted(dates):
    """Only a start, or only an end, may be known."""
    held = position(**dates)
    assert (held.start, held.end) == (dates.get("start"), dates.get("end"))


def test_position_ending_before_it_starts_is_refused():
    """An end date before the start date is refused at /end."""
    found = problems(lambda: position(start=dt.date(2015, 1, 2), end=dt.date(2015, 1, 1)))
    assert found == {"/end": "the position ends (2015-01-01) before it starts (2015-01-02)"}


def test_position_dates_must_be_dates_not_datetimes():
    """A datetime is not a date for a position."""
    found = problems(lambda: position(start=dt.datetime(2015, 1, 1, tzinfo=dt.UTC)))
    assert list(found) == ["/start"]
    assert found["/start"].startswith("expected a date, got a datetime")


def test_position_date_as_string_is_refused():
    """An ISO string is not a date; the Python API takes datetime.date."""
    assert problems(lambda: position(end="2015-01-01")) == {
        "/end": "expected a date, got a string ('2015-01-01')"
    }


def test_position_needs_a_title_and_an_organization_reference():
    """An empty title and an organization that is not a string are both refused."""
    found = problems(lambda: Position(title={}, organization=None))
    assert found["/title"] == "multilingual text needs at least one language"
    assert found["/organization"] == "expected an id (a string), got null"


def test_position_date_order_is_reported_with_the_other_problems():
    """An end before the start is reported even when the title is also wrong."""
    found = problems(
        lambda: Position(
            title={}, organization="unodc", start=dt.date(2015, 1, 2), end=dt.date(2015, 1, 1)
        )
    )
    assert set(found) == {"/title", "/end"}


# Person


def test_person_with_positions_and_sources():
    """A person keeps their positions and sources in order."""
    deputy = position(title={"en": "Deputy Director of UNODC"})
    director = position(organization="unodc-division-for-operations")
    person = Person(
        id="aldo-lale-demoz",
        name="Aldo Lale-Demoz",
        positions=(deputy, director),
        sources=("news",),
    )
    assert person.positions == (deputy, director)
    assert person.sources == ("news",)


@pytest.mark.parametrize(
    "name", ["Jean-Luc Lemahieu", "Юрий Федотов", "غادة والي", "李 小龙", "N'Golo O'Brien-Ñúñez"]
)
def test_person_name_may_be_in_any_script(name):
    """A person's name is free text in any script."""
    assert Person(id="someone", name=name).name == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "text must not be empty or only spaces"),
        ("   ", "text must not be empty or only spaces"),
        ({"en": "Jane Doe"}, "expected text (a string), got an object"),
        (None, "expected text (a string), got null"),
    ],
)
def test_person_name_must_be_non_blank_plain_text(name, message):
    """A name is one non-blank string, not multilingual text."""
    assert problems(lambda: Person(id="someone", name=name)) == {"/name": message}


def test_person_name_with_a_control_character_is_refused():
    """A control character in a name is refused and located."""
    found = problems(lambda: Person(id="someone", name="Jane\x08Doe"))
    assert list(found) == ["/name"]
    assert "U+0008 at position 4" in found["/name"]


def test_person_id_follows_the_id_rules():
    """A person id is lowercase with single separators; a case slip gets a hint."""
    found = problems(lambda: Person(id="Jane-Doe", name="Jane Doe"))
    assert list(found) == ["/id"]
    assert found["/id"].endswith("; perhaps 'jane-doe'")


def test_positions_must_be_a_tuple_of_positions():
    """Positions are a tuple of Position objects: a list becomes one, a dict is located."""
    listed = Person(id="someone", name="Someone", positions=[position()])
    assert listed.positions == (position(),)
    as_dict = problems(
        lambda: Person(id="someone", name="Someone", positions=(position(), {"title": "x"}))
    )
    assert as_dict == {"/positions/1": "expected a Position, got an object"}


def test_repeated_source_of_a_person_is_refused():
    """The same source id listed twice is refused at the repetition."""
    found = problems(lambda: Person(id="someone", name="Someone", sources=("a", "b", "a")))
    assert found == {"/sources/2": "'a' is listed twice"}

"""Conferences: treaty bodies meeting in numbered sessions."""

from __future__ import annotations

import datetime as dt

from ctocmodel import Conference, Session
from ctocmodel.testing import problems_of as problems


def session(number: int, year: int) -> Session:
    return Session(
        id=f"ctoc-cop-{number}-{year}",
        number=number,
        start=dt.date(year, 10, 6),
        end=dt.date(year, 10, 10),
    )


def conference(**fields) -> Conference:
    return Conference(**{"id": "ctoc-cop", "name": {"en": "Conference of the Parties"}, **fields})


def test_conference_with_sessions_in_any_order():
    """Sessions with distinct numbers are kept in the order given."""
    held = conference(
        acronym={"en": "CTOC/COP", "fr": "CTOC/COP"},
        secretariat="unodc",
        sessions=(session(7, 2014), session(6, 2012), session(8, 2016)),
        sources=("news",),
    )
    assert [s.number for s in held.sessions] == [7, 6, 8]
    assert (held.secretariat, held.acronym["fr"]) == ("unodc", "CTOC/COP")


def test_conference_needs_only_an_id_and_a_name():
    """Secretariat, acronym, sessions and sources are optional."""
    held = conference()
    assert (held.secretariat, held.acronym, held.sessions, held.sources) == (None, None, (), ())


def test_duplicate_session_number_is_refused():
    """Two sessions with the same number are refused; the message points to the first one."""
    found = problems(
        lambda: conference(sessions=(session(7, 2014), session(6, 2012), session(7, 2015)))
    )
    assert found == {"/sessions/2/number": "session number 7 is already used by /sessions/0"}


def test_each_repeated_session_number_points_to_its_first_use():
    """A number used three times is reported twice, each time pointing to its first use."""
    found = problems(
        lambda: conference(sessions=(session(7, 2014), session(7, 2015), session(7, 2016)))
    )
    assert found == {
        "/sessions/1/number": "session number 7 is already used by /sessions/0",
        "/sessions/2/number": "session number 7 is already used by /sessions/0",
    }


def test_sessions_must_be_session_objects_in_a_tuple():
    """Sessions are a tuple of Session objects: a list becomes one, a dict is located."""
    assert conference(sessions=[session(7, 2014)]).sessions == (session(7, 2014),)
    as_string = problems(lambda: conference(sessions="ctoc-cop-7"))
    assert as_string == {
        "/sessions": "expected a tuple (an array in JSON), got a string ('ctoc-cop-7')"
    }
    as_dict = problems(lambda: conference(sessions=(session(7, 2014), {"number": 8})))
    assert as_dict == {"/sessions/1": "expected a Session, got an object"}


def test_conference_fields_are_checked_together():
    """A bad id, an empty name, a non-string secretariat and a repeated source are all reported."""
    found = problems(lambda: Conference(id="CTOC COP", name={}, secretariat=7, sources=("a", "a")))
    assert set(found) == {"/id", "/name", "/secretariat", "/sources/1"}
    assert found["/name"] == "multilingual text needs at least one language"

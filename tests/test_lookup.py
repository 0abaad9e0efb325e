"""Finding records in a dataset: by id for every kind, by place, and through references."""

from __future__ import annotations

import pickle

import pytest

from ctocmodel import Dataset, RecordNotFoundError, examples
from ctocmodel._model import noun_of
from ctocmodel.testing import synthetic_dataset

COP7 = examples.cop7()


@pytest.mark.parametrize(
    ("method", "record_id"),
    [
        ("source", "unodc-news-cop7-ngo-participation"),
        ("organization", "alliance-of-ngos-on-crime-prevention-and-criminal-justice"),
        ("person", "aldo-lale-demoz"),
        ("conference", "ctoc-cop"),
        ("session", "ctoc-cop-7"),
        ("meeting", "cop7-informal-dialogue-executive-director"),
        ("topic", "corruption"),
        ("measure", "participants"),
    ],
)
def test_every_kind_of_record_is_found_by_id(method: str, record_id: str) -> None:
    """Each look-up returns the record with that id, built-in topics and measures included."""
    found = getattr(COP7, method)(record_id)
    assert found.id == record_id
    assert COP7.find(method, record_id) is found


def test_every_kind_of_record_with_an_id_can_be_looked_up(record_classes: frozenset[type]) -> None:
    """Every kind the model declares ids for has a look-up, even with no record of that kind."""
    nouns = {noun for cls in record_classes if (noun := noun_of(cls)) is not None}
    assert {"organization", "session", "meeting", "topic", "measure"} <= nouns
    for noun in nouns:
        with pytest.raises(RecordNotFoundError):
            Dataset().find(noun, "no-such-id")


def test_an_unknown_id_is_a_key_error_with_a_suggestion() -> None:
    """A missing id raises RecordNotFoundError, a KeyError, saying what is close."""
    with pytest.raises(KeyError) as caught:
        COP7.organization("UNODC")
    assert isinstance(caught.value, RecordNotFoundError)
    assert str(caught.value) == (
        "no organization has the id 'UNODC' in this dataset (did you mean 'unodc'?)"
    )
    assert (caught.value.noun, caught.value.record_id) == ("organization", "UNODC")
    again = pickle.loads(pickle.dumps(caught.value))
    assert (str(again), again.noun) == (str(caught.value), "organization")


def test_a_kind_of_record_that_does_not_exist_is_named() -> None:
    """Asking for a kind the model does not have is a ValueError listing the kinds."""
    with pytest.raises(ValueError, match="no kind of record is called 'organisation'"):
        COP7.find("organisation", "unodc")


def test_sessions_and_meetings_come_with_where_they_are() -> None:
    """Iteration gives every session with its conference, every meeting with both."""
    dataset = synthetic_dataset(seed=1, size=2)
    places = list(dataset.meetings())
    assert len(places) == sum(len(s.meetings) for c in dataset.conferences for s in c.sessions)
    for conference, session, meeting in places:
        assert meeting in session.meetings
        assert session in conference.sessions
    assert [place.session for place in dataset.sessions()] == [
        session for conference in dataset.conferences for session in conference.sessions
    ]


def test_references_resolve_to_their_records() -> None:
    """resolve follows a reference field: one record, a tuple of them, or None."""
    key_event = COP7.meeting("cop7-key-event")
    assert COP7.resolve(key_event, "organizers") == (COP7.organization("unodc-civil-society-team"),)
    unit = COP7.organization("unodc-civil-society-team")
    assert COP7.resolve(unit, "parent") is COP7.organization("unodc")
    assert COP7.resolve(COP7.organization("unodc"), "parent") is None
    with pytest.raises(ValueError, match=r"Organization.name is not a reference"):
        COP7.resolve(unit, "name")


def test_each_dataset_has_its_own_index() -> None:
    """Two datasets in turn are each looked up in their own records, even after one is gone."""
    first = synthetic_dataset(seed=1, size=1)
    assert first.organization("org-000001").id == "org-000001"
    del first
    second = Dataset()
    with pytest.raises(RecordNotFoundError):
        second.organization("org-000001")

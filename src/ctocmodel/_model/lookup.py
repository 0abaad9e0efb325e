"""Finding records in a dataset: by id, by place, and through references.

Which records have ids and what a reference names come from the declarations
(`noun_of`, `FieldSpec.target`), so a record kind added to the model can be looked up
without a line here. The index of a dataset is built on first use and kept while the
dataset lives.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CtocmodelError
from ._checks import suggest
from ._integrity import BUILTINS
from ._record import noun_of, specs

if TYPE_CHECKING:
    from .conferences import Conference
    from .dataset import Dataset
    from .meetings import Meeting
    from .sessions import Session

__all__ = ["MeetingPlace", "RecordNotFoundError", "SessionPlace", "find", "resolve"]


class RecordNotFoundError(CtocmodelError, KeyError):
    """No record of that kind has that id in the dataset; the message suggests a close one.

    A `KeyError`, so that code written for mappings keeps working.

    >>> from ctocmodel import examples
    >>> try:
    ...     examples.cop7().organization("UNODC")
    ... except KeyError as error:
    ...     print(error)
    no organization has the id 'UNODC' in this dataset (did you mean 'unodc'?)
    """

    def __init__(self, noun: str, record_id: object, known: Mapping[str, Any]) -> None:
        self.noun, self.record_id = noun, record_id
        hint = suggest(record_id, known) if len(known) <= 2_000 else ""
        super().__init__(f"no {noun} has the id {record_id!r} in this dataset{hint}")

    def __str__(self) -> str:  # KeyError would show the message quoted
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_not_found, (self.noun, self.record_id, str(self)))


def _not_found(noun: str, record_id: object, message: str) -> RecordNotFoundError:
    error = RecordNotFoundError.__new__(RecordNotFoundError)
    error.noun, error.record_id = noun, record_id
    KeyError.__init__(error, message)
    return error


class SessionPlace(NamedTuple):
    """A session and the conference it belongs to."""

    conference: Conference
    session: Session


class MeetingPlace(NamedTuple):
    """A meeting, its session and the session's conference."""

    conference: Conference
    session: Session
    meeting: Meeting


# The index of each dataset alive, by id(): a dataset is immutable, so its index stays
# right; the weak reference tells a dataset from a later one that reuses its id.
_INDEXES: dict[int, tuple[weakref.ref[Any], dict[str, dict[str, Any]]]] = {}


def _nouns(cls: type) -> set[str]:
    """The kinds of record with ids that a record of *cls* may hold, itself included."""
    classes, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current not in classes:
            classes.add(current)
            todo += [inner for spec in specs(current) for inner in spec.records]
    return {noun for current in classes if (noun := noun_of(current)) is not None}


def _index(dataset: Dataset) -> dict[str, dict[str, Any]]:
    entry = _INDEXES.get(id(dataset))
    if entry is not None and entry[0]() is dataset:
        return entry[1]
    index: dict[str, dict[str, Any]] = {noun: {} for noun in _nouns(type(dataset))}
    for noun, found in BUILTINS.items():
        index[noun] = dict(found)

    def visit(record: Any) -> None:
        noun = noun_of(type(record))
        if noun is not None:
            index.setdefault(noun, {}).setdefault(record.id, record)
        for spec in specs(type(record)):
            if spec.records:
                value = getattr(record, spec.name)
                for child in value if spec.many else (() if value is None else (value,)):
                    visit(child)

    visit(dataset)
    key = id(dataset)
    _INDEXES[key] = (weakref.ref(dataset, lambda _: _INDEXES.pop(key, None)), index)
    return index


def find(dataset: Dataset, noun: str, record_id: str) -> Any:
    """The record of kind *noun* (``"organization"``) with *record_id*; built-ins included."""
    records = _index(dataset).get(noun)
    if records is None:
        nouns = sorted({*_index(dataset), *BUILTINS})
        raise ValueError(f"no kind of record is called {noun!r}; one of {', '.join(nouns)}")
    try:
        return records[record_id]
    except (KeyError, TypeError):
        raise RecordNotFoundError(noun, record_id, records) from None


def resolve(dataset: Dataset, record: Any, name: str) -> Any:
    """What the reference field *name* of *record* names: a record, None, or a tuple of them.

    >>> from ctocmodel import examples
    >>> cop7 = examples.cop7()
    >>> [o.id for o in cop7.resolve(cop7.meeting("cop7-key-event"), "organizers")]
    ['unodc-civil-society-team']
    """
    spec = next((spec for spec in specs(type(record)) if spec.name == name), None)
    if spec is None or spec.target is None:
        raise ValueError(f"{type(record).__name__}.{name} is not a reference to another record")
    value = getattr(record, name)
    if spec.many:
        return tuple(find(dataset, spec.target, item) for item in value)
    return None if value is None else find(dataset, spec.target, value)


def sessions(dataset: Dataset) -> Iterator[SessionPlace]:
    """Every session, with its conference, in the order of the document."""
    for conference in dataset.conferences:
        for session in conference.sessions:
            yield SessionPlace(conference, session)


def meetings(dataset: Dataset) -> Iterator[MeetingPlace]:
    """Every meeting, with its session and conference, in the order of the document."""
    for conference, session in sessions(dataset):
        for meeting in session.meetings:
            yield MeetingPlace(conference, session, meeting)

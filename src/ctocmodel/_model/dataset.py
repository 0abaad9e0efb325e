"""The dataset: the top-level document that holds everything else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from . import lookup
from ._checks import Kind, Problems, at, describe
from ._integrity import consistent, no_loops
from ._record import Record, field, record
from .conferences import Conference
from .measures import Measure
from .organizations import Organization
from .participation import ParticipationRules
from .people import Person
from .sources import Source
from .topics import Topic

if TYPE_CHECKING:
    from .meetings import Meeting
    from .sessions import Session

SCHEMA_VERSION = "1.1"
"""The version of the JSON format this library writes: ``MAJOR.MINOR``.

A reader accepts every minor version of its major version; a new major version
means an incompatible change and is refused with a message saying so. 1.1 added
measures, the scope of figures and citations (see the format reference).
"""

SCHEMA_MAJOR = 1
SCHEMA_VERSION_PATTERN = r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$"
_schema_version_match = re.compile(SCHEMA_VERSION_PATTERN[1:-1] + r"\Z").match


def schema_version_problem(value: object) -> str | None:
    """Explain why *value* is not a schema version this library reads (None if it is).

    >>> schema_version_problem("1.3") is None
    True
    >>> print(schema_version_problem("2.0"))
    this document uses schema version '2.0', which this ctocmodel does not read (it reads 1.x);
    upgrade ctocmodel to read it
    """
    if value == SCHEMA_VERSION:
        return None
    if type(value) is not str:
        return f"expected a schema version such as {SCHEMA_VERSION!r}, got {describe(value)}"
    match = _schema_version_match(value)
    if match is None:
        return (
            f"{value!r} is not a schema version of the form MAJOR.MINOR, such as {SCHEMA_VERSION!r}"
        )
    if int(match.group(1)) != SCHEMA_MAJOR:
        return (
            f"this document uses schema version {value!r}, which this ctocmodel does not read "
            f"(it reads {SCHEMA_MAJOR}.x); upgrade ctocmodel to read it"
        )
    return None


def _check_schema_version(value: object) -> Problems:
    problem = schema_version_problem(value)
    return None if problem is None else at(problem)


SCHEMA_VERSION_KIND = Kind("schemaVersion", _check_schema_version)


@record
class Dataset(Record):
    """A ctocmodel document: its sources, organizations, people, topics, measures and rules.

    Its conferences hold their sessions, and the sessions their meetings.

    A Dataset is always whole and consistent: ids are unique per kind, every
    reference resolves, and reported figures agree with the records listed.

    >>> Dataset().schema_version
    '1.1'
    """

    schema_version: str = field(SCHEMA_VERSION_KIND, default=SCHEMA_VERSION, required_in_json=True)
    sources: tuple[Source, ...] = field(default=())
    organizations: tuple[Organization, ...] = field(default=())
    people: tuple[Person, ...] = field(default=())
    topics: tuple[Topic, ...] = field(default=())
    measures: tuple[Measure, ...] = field(default=())
    participation_rules: tuple[ParticipationRules, ...] = field(default=())
    conferences: tuple[Conference, ...] = field(default=())
    RULES = (consistent, no_loops)

    def find(self, noun: str, record_id: str) -> Any:
        """The record of kind *noun* with *record_id*; `RecordNotFoundError` (a KeyError) if none.

        Kinds are those whose ids are unique in a dataset: ``"organization"``,
        ``"session"``, ``"topic"`` (built-in topics included), ...
        """
        return lookup.find(self, noun, record_id)

    def source(self, record_id: str) -> Source:
        """The source with *record_id*."""
        return cast(Source, lookup.find(self, "source", record_id))

    def organization(self, record_id: str) -> Organization:
        """The organization with *record_id*.

        >>> from ctocmodel import examples
        >>> examples.cop7().organization("unodc").acronym["fr"]
        'ONUDC'
        """
        return cast(Organization, lookup.find(self, "organization", record_id))

    def person(self, record_id: str) -> Person:
        """The person with *record_id*."""
        return cast(Person, lookup.find(self, "person", record_id))

    def topic(self, record_id: str) -> Topic:
        """The topic with *record_id*, declared by the dataset or built in."""
        return cast(Topic, lookup.find(self, "topic", record_id))

    def measure(self, record_id: str) -> Measure:
        """The measure with *record_id*, declared by the dataset or built in."""
        return cast(Measure, lookup.find(self, "measure", record_id))

    def conference(self, record_id: str) -> Conference:
        """The conference with *record_id*."""
        return cast(Conference, lookup.find(self, "conference", record_id))

    def session(self, record_id: str) -> Session:
        """The session with *record_id*, whichever conference holds it."""
        return cast("Session", lookup.find(self, "session", record_id))

    def meeting(self, record_id: str) -> Meeting:
        """The meeting with *record_id*, whichever session holds it."""
        return cast("Meeting", lookup.find(self, "meeting", record_id))

    def sessions(self) -> Iterator[lookup.SessionPlace]:
        """Every session with its conference, in the order of the document.

        >>> from ctocmodel import examples
        >>> [(c.id, s.number) for c, s in examples.cop7().sessions()]
        [('ctoc-cop', 7)]
        """
        return lookup.sessions(self)

    def meetings(self) -> Iterator[lookup.MeetingPlace]:
        """Every meeting with its session and conference, in the order of the document."""
        return lookup.meetings(self)

    def resolve(self, record: Any, name: str) -> Any:
        """What the reference field *name* of *record* names (see `lookup.resolve`)."""
        return lookup.resolve(self, record, name)

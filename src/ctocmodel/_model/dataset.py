"""The dataset: the top-level document that holds everything else."""

from __future__ import annotations

import re

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

"""The dataset: the top-level document that holds everything else."""

from __future__ import annotations

import re

import attrs

from ._checks import Found, check_items, describe, explain, fail, items_ok
from ._integrity import check_dataset, dataset_ok
from .conferences import Conference
from .organizations import Organization
from .people import Person
from .sources import Source
from .topics import Topic

SCHEMA_VERSION = "1.0"
"""The version of the JSON format this library writes: ``MAJOR.MINOR``.

A reader accepts every minor version of its major version; a new major version
means an incompatible change and is refused with a message saying so.
"""

SCHEMA_MAJOR = 1
_SCHEMA_VERSION = re.compile(r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$")


def schema_version_problem(value: object) -> str | None:
    """Explain why *value* is not a schema version this library reads (None if it is).

    >>> schema_version_problem("1.3") is None
    True
    >>> print(schema_version_problem("2.0"))
    this document uses schema version '2.0', which this ctocmodel does not read (it reads 1.x);
    upgrade ctocmodel to read it
    """
    if type(value) is not str:
        return f"expected a schema version such as {SCHEMA_VERSION!r}, got {describe(value)}"
    match = _SCHEMA_VERSION.fullmatch(value)
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


@attrs.frozen(kw_only=True)
class Dataset:
    """A ctocmodel document: sources, organizations, people, topics and conferences.

    A Dataset is always whole and consistent: ids are unique per kind, every
    reference resolves, and reported figures agree with the records listed.

    >>> Dataset().schema_version
    '1.0'
    """

    schema_version: str = SCHEMA_VERSION
    sources: tuple[Source, ...] = ()
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    topics: tuple[Topic, ...] = ()
    conferences: tuple[Conference, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            (
                self.schema_version == SCHEMA_VERSION
                or schema_version_problem(self.schema_version) is None
            )
            and items_ok(self.sources, Source)
            and items_ok(self.organizations, Organization)
            and items_ok(self.people, Person)
            and items_ok(self.topics, Topic)
            and items_ok(self.conferences, Conference)
            and dataset_ok(self)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        problem = schema_version_problem(self.schema_version)
        if problem is not None:
            found.append(("/schema_version", problem))
        check_items(found, "/sources", self.sources, Source)
        check_items(found, "/organizations", self.organizations, Organization)
        check_items(found, "/people", self.people, Person)
        check_items(found, "/topics", self.topics, Topic)
        check_items(found, "/conferences", self.conferences, Conference)
        if not found:
            found = check_dataset(self)
        if found:
            fail(found)

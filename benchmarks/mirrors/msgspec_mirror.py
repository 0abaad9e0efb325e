"""A msgspec mirror of the ctocmodel JSON format: frozen Structs, native constraints, shared rules.

msgspec checks what its types express (JSON types without coercion, required and
unknown keys, id and language-tag patterns, lengths, choices, aware date-times, the
meeting tag); each Struct's ``__post_init__`` applies the rest from `rules`.
`encode(decode(canonical)) == canonical` for ctocmodel's canonical documents.

Known differences from ctocmodel (``KNOWN_DISAGREEMENTS`` in benchmarks/test_mirrors.py):
msgspec keeps the last of repeated keys; its RFC 3339 parser also reads date-times that
ctocmodel refuses (``t``/``z`` in lowercase, a space for ``T``, more than six digits of
a second, offsets written ``+0200``), and no hook sees the text of a value msgspec
parses natively; it refuses offsets with 60 minutes or more (``+00:60``), which
ctocmodel reads (`datetime.fromisoformat` turns ``+00:60`` into ``+01:00``).
"""

import datetime as dt
from typing import Annotated, Any, ClassVar

import msgspec
from msgspec import Meta, Struct

from ctocmodel._model.figures import Measure, Qualifier
from ctocmodel._model.meetings import Role
from ctocmodel._model.organizations import EcosocStatus, OrganizationKind
from ctocmodel._model.sessions import ParticipationBasis

from . import rules

__all__ = [
    "Briefing",
    "Conference",
    "Count",
    "Dataset",
    "Dialogue",
    "Identifier",
    "Organization",
    "Participant",
    "Participation",
    "Person",
    "Position",
    "ReportedFigure",
    "Session",
    "SideEvent",
    "Source",
    "SpecialEvent",
    "Topic",
    "Venue",
    "decode",
    "encode",
]

Id = Annotated[str, Meta(pattern=rules.python_re(rules.ID_PATTERN), max_length=rules.ID_MAX_LENGTH)]
LanguageTag = Annotated[str, Meta(pattern=rules.python_re(rules.LANGUAGE_TAG_PATTERN))]
NonEmpty = Annotated[str, Meta(min_length=1)]
Text = Annotated[dict[LanguageTag, NonEmpty], Meta(min_length=1)]
DateTime = Annotated[dt.datetime, Meta(tz=True)]
Scheme = Annotated[str, Meta(pattern=rules.python_re(rules.IDENTIFIER_SCHEME_PATTERN))]
SchemaVersion = Annotated[str, Meta(pattern=rules.python_re(rules.SCHEMA_VERSION_PATTERN))]
Country = rules.CountryCode

# Every record: immutable, unknown keys refused, fields given by name.
_RECORD: dict[str, Any] = {"frozen": True, "forbid_unknown_fields": True, "kw_only": True}


class Source(Struct, **_RECORD):
    """Where facts come from."""

    id: Id
    title: Text
    language: LanguageTag
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None

    def __post_init__(self) -> None:
        rules.check_source(self)


class Document(Struct, **_RECORD):
    """A UN document cited by symbol."""

    symbol: str
    title: Text | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        rules.check_document(self)


class Identifier(Struct, **_RECORD):
    """An id of an organization in an external register."""

    scheme: Scheme
    id: NonEmpty

    def __post_init__(self) -> None:
        rules.check_identifier(self)


class Organization(Struct, **_RECORD):
    """An NGO, a federation, a UN entity or unit, a State, another organization."""

    id: Id
    name: Text
    kind: OrganizationKind
    acronym: Text | None = None
    parent: str | None = None
    country: Country | None = None
    ecosoc_status: EcosocStatus | None = None
    identifiers: tuple[Identifier, ...] = ()
    website: str | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_organization(self)


class Position(Struct, **_RECORD):
    """A position a person holds in an organization."""

    title: Text
    organization: str
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        rules.check_position(self)


class Person(Struct, **_RECORD):
    """A person named by a source."""

    id: Id
    name: NonEmpty
    positions: tuple[Position, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_person(self)


class Topic(Struct, **_RECORD):
    """A topic beyond the built-in vocabulary."""

    id: Id
    label: Text
    broader: str | None = None

    def __post_init__(self) -> None:
        rules.check_topic(self)


class Count(Struct, **_RECORD):
    """A number as a source gives it."""

    qualifier: Qualifier
    value: Annotated[int, Meta(ge=0, le=2**63 - 1)]

    def __post_init__(self) -> None:
        rules.check_count(self)

    def bounds(self) -> tuple[int, int | None]:
        """The smallest and largest true count this admits (ctocmodel's logic)."""
        return rules.count_bounds(self)

    def allows_at_least(self, listed: int) -> bool:
        """Whether *listed* records agree with this figure (ctocmodel's logic)."""
        return rules.count_allows_at_least(self, listed)


class Participant(Struct, **_RECORD):
    """Someone taking part in a meeting."""

    role: Role
    person: str | None = None
    organization: str | None = None
    description: Text | None = None
    count: Count | None = None

    def __post_init__(self) -> None:
        rules.check_participant(self)


class _Meeting(Struct, tag_field="type", **_RECORD):
    """The fields of every meeting; the ``type`` key is msgspec's tag."""

    type: ClassVar[str]
    id: Id
    title: Text
    date: dt.date | None = None
    start: DateTime | None = None
    end: DateTime | None = None
    organizers: tuple[str, ...] = ()
    co_organizers: tuple[str, ...] = ()
    participants: tuple[Participant, ...] = ()
    topics: tuple[str, ...] = ()
    summary: Text | None = None
    outcome: Text | None = None
    sources: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    def __post_init__(self) -> None:
        rules.check_meeting(self)


class SideEvent(_Meeting, tag="side_event", kw_only=True):
    """A side event."""

    type: ClassVar[str] = "side_event"


class Briefing(_Meeting, tag="briefing", kw_only=True):
    """A briefing."""

    type: ClassVar[str] = "briefing"


class Dialogue(_Meeting, tag="dialogue", kw_only=True):
    """A dialogue between civil society and officials, with its questions."""

    type: ClassVar[str] = "dialogue"
    questions: tuple[Text, ...] = ()


class SpecialEvent(_Meeting, tag="special_event", kw_only=True):
    """An event the secretariat organizes."""

    type: ClassVar[str] = "special_event"


Meeting = SideEvent | Briefing | Dialogue | SpecialEvent


class Venue(Struct, **_RECORD):
    """Where a session took place."""

    name: Text | None = None
    city: Text | None = None
    country: Country | None = None
    time_zone: str | None = None

    def __post_init__(self) -> None:
        rules.check_venue(self)


class Participation(Struct, **_RECORD):
    """An organization that took part in a session."""

    organization: str
    basis: ParticipationBasis | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_participation(self)


class ReportedFigure(Struct, **_RECORD):
    """A count that a source reports about a session."""

    measure: Measure
    count: Count
    source: str
    quote: str | None = None
    topics: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_figure(self)


class Session(Struct, **_RECORD):
    """A session of a conference."""

    id: Id
    number: Annotated[int, Meta(ge=1, le=2**63 - 1)]
    start: dt.date
    end: dt.date
    venue: Venue | None = None
    participation: tuple[Participation, ...] = ()
    figures: tuple[ReportedFigure, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    sources: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    def __post_init__(self) -> None:
        rules.check_session(self)


class Conference(Struct, **_RECORD):
    """A treaty body and its sessions."""

    id: Id
    name: Text
    acronym: Text | None = None
    secretariat: str | None = None
    sessions: tuple[Session, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_conference(self)


class Dataset(Struct, **_RECORD):
    """The document."""

    schema_version: SchemaVersion
    sources: tuple[Source, ...] = ()
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    topics: tuple[Topic, ...] = ()
    conferences: tuple[Conference, ...] = ()

    def __post_init__(self) -> None:
        rules.check_dataset(self)


_DECODER = msgspec.json.Decoder(Dataset)
_ENCODER = msgspec.json.Encoder(order="sorted")


def decode(data: bytes) -> Dataset:
    """Read a document; raise `msgspec.ValidationError` (or `msgspec.DecodeError`) if invalid."""
    return _DECODER.decode(data)


def encode(obj: Dataset) -> bytes:
    """Write the canonical form: sorted keys, every field, compact."""
    return _ENCODER.encode(obj)

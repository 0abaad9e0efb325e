"""Two pydantic v2 mirrors of the ctocmodel JSON format: BaseModel classes and pydantic dataclasses.

Both use strict mode (no coercion), refuse unknown keys, are frozen, and check
natively what pydantic can express: JSON types, required keys, id and language-tag
patterns, lengths, choices, aware date-times, the meeting tag (a discriminated union
on ``type``). A ``model_validator(mode="after")`` (BaseModel) or ``__post_init__``
(dataclasses) applies the rest from `rules`.

Where pydantic differs from the format:

- Its date and date-time parser reads more than the format allows, even in strict
  mode: ``"1412553600"`` as a date or a date-time (a Unix time in a string),
  ``t``/``z`` in lowercase, a space for ``T``, no seconds, more than six digits of a
  second, ``+0200``. So dates and date-times are read by ctocmodel's own functions
  (`_structure_date`, `_structure_datetime`) in a before-validator; after a
  before-validator pydantic validates a Python value, and strict mode takes no string
  for a date there, so the validator returns the parsed value.
- It cannot sort keys when writing JSON: fields are written in declaration order, so
  every class declares its fields in alphabetical order, and the language tags of
  multilingual text are put in order when read. The output is then canonical.
- It keeps the last of repeated keys (ctocmodel refuses them).
"""

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)
from pydantic.dataclasses import dataclass

from ctocmodel._model.figures import Measure, Qualifier
from ctocmodel._model.meetings import Role
from ctocmodel._model.organizations import EcosocStatus, OrganizationKind
from ctocmodel._model.sessions import ParticipationBasis
from ctocmodel.converters import _structure_date, _structure_datetime

from . import rules

# ---------------------------------------------------------------------------------------
# Value types shared by both mirrors.


def _read_date(value: object) -> object:
    """Read a JSON string as a date exactly as ctocmodel does (``YYYY-MM-DD``)."""
    return _structure_date(value, dt.date) if type(value) is str else value


def _read_datetime(value: object) -> object:
    """Read a JSON string as a date-time exactly as ctocmodel does (with seconds and offset)."""
    return _structure_datetime(value, dt.datetime) if type(value) is str else value


def _sorted_tags(text: dict[str, str]) -> dict[str, str]:
    """Put the language tags in order, so that the JSON written is canonical."""
    tags = list(text)
    return text if tags == sorted(tags) else {tag: text[tag] for tag in sorted(tags)}


Id = Annotated[str, StringConstraints(pattern=rules.ID_PATTERN, max_length=rules.ID_MAX_LENGTH)]
LanguageTag = Annotated[str, StringConstraints(pattern=rules.LANGUAGE_TAG_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Text = Annotated[dict[LanguageTag, NonEmpty], Field(min_length=1), AfterValidator(_sorted_tags)]
Date = Annotated[dt.date, BeforeValidator(_read_date)]
DateTime = Annotated[AwareDatetime, BeforeValidator(_read_datetime)]
Scheme = Annotated[str, StringConstraints(pattern=rules.IDENTIFIER_SCHEME_PATTERN)]
SchemaVersion = Annotated[str, StringConstraints(pattern=rules.SCHEMA_VERSION_PATTERN)]
Country = rules.CountryCode
NonNegative = Annotated[int, Field(ge=0, le=2**63 - 1)]
Positive = Annotated[int, Field(ge=1, le=2**63 - 1)]

# ---------------------------------------------------------------------------------------
# BaseModel mirror. Fields are declared in alphabetical order (see the module docstring).


class _Model(BaseModel):
    """Strict, closed, frozen."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(_Model):
    """Where facts come from."""

    date: Date | None = None
    id: Id
    language: LanguageTag
    publisher: str | None = None
    title: Text
    url: str | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_source(self)
        return self


class Document(_Model):
    """A UN document cited by symbol."""

    symbol: str
    title: Text | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_document(self)
        return self


class Identifier(_Model):
    """An id of an organization in an external register."""

    id: NonEmpty
    scheme: Scheme

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_identifier(self)
        return self


class Organization(_Model):
    """An NGO, a federation, a UN entity or unit, a State, another organization."""

    acronym: Text | None = None
    country: Country | None = None
    ecosoc_status: EcosocStatus | None = None
    id: Id
    identifiers: tuple[Identifier, ...] = ()
    kind: OrganizationKind
    name: Text
    parent: str | None = None
    sources: tuple[str, ...] = ()
    website: str | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_organization(self)
        return self


class Position(_Model):
    """A position a person holds in an organization."""

    end: Date | None = None
    organization: str
    start: Date | None = None
    title: Text

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_position(self)
        return self


class Person(_Model):
    """A person named by a source."""

    id: Id
    name: NonEmpty
    positions: tuple[Position, ...] = ()
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_person(self)
        return self


class Topic(_Model):
    """A topic beyond the built-in vocabulary."""

    broader: str | None = None
    id: Id
    label: Text

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_topic(self)
        return self


class Count(_Model):
    """A number as a source gives it."""

    qualifier: Qualifier
    value: NonNegative

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_count(self)
        return self

    def bounds(self) -> tuple[int, int | None]:
        """The smallest and largest true count this admits (ctocmodel's logic)."""
        return rules.count_bounds(self)

    def allows_at_least(self, listed: int) -> bool:
        """Whether *listed* records agree with this figure (ctocmodel's logic)."""
        return rules.count_allows_at_least(self, listed)


class Participant(_Model):
    """Someone taking part in a meeting."""

    count: Count | None = None
    description: Text | None = None
    organization: str | None = None
    person: str | None = None
    role: Role

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_participant(self)
        return self


# Meetings. Pydantic collects fields base by base, from the last base in the method
# resolution order to the class itself. Splitting the common fields around
# "questions" (head: co_organizers to participants; tail: sources to topics) lets the
# dialogue's questions and every meeting's type fall in alphabetical order.


class _MeetingHead(_Model):
    """The fields of every meeting, from co_organizers to participants; the meeting rules."""

    co_organizers: tuple[str, ...] = ()
    date: Date | None = None
    documents: tuple[Document, ...] = ()
    end: DateTime | None = None
    id: Id
    organizers: tuple[str, ...] = ()
    outcome: Text | None = None
    participants: tuple[Participant, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_meeting(self)
        return self


class _MeetingTail(_Model):
    """The fields of every meeting, from sources to topics."""

    sources: tuple[str, ...] = ()
    start: DateTime | None = None
    summary: Text | None = None
    title: Text
    topics: tuple[str, ...] = ()


class _DialogueHead(_MeetingHead):
    """The head fields of a dialogue, with its questions."""

    questions: tuple[Text, ...] = ()


class SideEvent(_MeetingTail, _MeetingHead):
    """A side event."""

    type: Literal["side_event"]


class Briefing(_MeetingTail, _MeetingHead):
    """A briefing."""

    type: Literal["briefing"]


class Dialogue(_MeetingTail, _DialogueHead):
    """A dialogue between civil society and officials, with its questions."""

    type: Literal["dialogue"]


class SpecialEvent(_MeetingTail, _MeetingHead):
    """An event the secretariat organizes."""

    type: Literal["special_event"]


Meeting = Annotated[SideEvent | Briefing | Dialogue | SpecialEvent, Field(discriminator="type")]


class Venue(_Model):
    """Where a session took place."""

    city: Text | None = None
    country: Country | None = None
    name: Text | None = None
    time_zone: str | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_venue(self)
        return self


class Participation(_Model):
    """An organization that took part in a session."""

    basis: ParticipationBasis | None = None
    organization: str
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_participation(self)
        return self


class ReportedFigure(_Model):
    """A count that a source reports about a session."""

    count: Count
    measure: Measure
    quote: str | None = None
    source: str
    topics: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_figure(self)
        return self


class Session(_Model):
    """A session of a conference."""

    documents: tuple[Document, ...] = ()
    end: Date
    figures: tuple[ReportedFigure, ...] = ()
    id: Id
    meetings: tuple[Meeting, ...] = ()
    number: Positive
    participation: tuple[Participation, ...] = ()
    sources: tuple[str, ...] = ()
    start: Date
    venue: Venue | None = None

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_session(self)
        return self


class Conference(_Model):
    """A treaty body and its sessions."""

    acronym: Text | None = None
    id: Id
    name: Text
    secretariat: str | None = None
    sessions: tuple[Session, ...] = ()
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_conference(self)
        return self


class Dataset(_Model):
    """The document."""

    conferences: tuple[Conference, ...] = ()
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    schema_version: SchemaVersion
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        rules.check_dataset(self)
        return self


def model_decode(data: bytes) -> Dataset:
    """Read a document into the BaseModel mirror; raise `pydantic.ValidationError` if invalid."""
    return Dataset.model_validate_json(data)


def model_encode(obj: Dataset) -> bytes:
    """Write the canonical form of a BaseModel mirror dataset."""
    return obj.model_dump_json().encode("utf-8")


# ---------------------------------------------------------------------------------------
# Dataclass mirror: the same records as pydantic dataclasses, read and written through
# a TypeAdapter. Fields in alphabetical order, as above.

_CONFIG = ConfigDict(strict=True, extra="forbid")
_record = dataclass(frozen=True, kw_only=True, config=_CONFIG)


@_record
class SourceDataclass:
    """Where facts come from."""

    date: Date | None = None
    id: Id
    language: LanguageTag
    publisher: str | None = None
    title: Text
    url: str | None = None

    def __post_init__(self) -> None:
        rules.check_source(self)


@_record
class DocumentDataclass:
    """A UN document cited by symbol."""

    symbol: str
    title: Text | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        rules.check_document(self)


@_record
class IdentifierDataclass:
    """An id of an organization in an external register."""

    id: NonEmpty
    scheme: Scheme

    def __post_init__(self) -> None:
        rules.check_identifier(self)


@_record
class OrganizationDataclass:
    """An NGO, a federation, a UN entity or unit, a State, another organization."""

    acronym: Text | None = None
    country: Country | None = None
    ecosoc_status: EcosocStatus | None = None
    id: Id
    identifiers: tuple[IdentifierDataclass, ...] = ()
    kind: OrganizationKind
    name: Text
    parent: str | None = None
    sources: tuple[str, ...] = ()
    website: str | None = None

    def __post_init__(self) -> None:
        rules.check_organization(self)


@_record
class PositionDataclass:
    """A position a person holds in an organization."""

    end: Date | None = None
    organization: str
    start: Date | None = None
    title: Text

    def __post_init__(self) -> None:
        rules.check_position(self)


@_record
class PersonDataclass:
    """A person named by a source."""

    id: Id
    name: NonEmpty
    positions: tuple[PositionDataclass, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_person(self)


@_record
class TopicDataclass:
    """A topic beyond the built-in vocabulary."""

    broader: str | None = None
    id: Id
    label: Text

    def __post_init__(self) -> None:
        rules.check_topic(self)


@_record
class CountDataclass:
    """A number as a source gives it."""

    qualifier: Qualifier
    value: NonNegative

    def __post_init__(self) -> None:
        rules.check_count(self)

    def bounds(self) -> tuple[int, int | None]:
        """The smallest and largest true count this admits (ctocmodel's logic)."""
        return rules.count_bounds(self)

    def allows_at_least(self, listed: int) -> bool:
        """Whether *listed* records agree with this figure (ctocmodel's logic)."""
        return rules.count_allows_at_least(self, listed)


@_record
class ParticipantDataclass:
    """Someone taking part in a meeting."""

    count: CountDataclass | None = None
    description: Text | None = None
    organization: str | None = None
    person: str | None = None
    role: Role

    def __post_init__(self) -> None:
        rules.check_participant(self)


@_record
class _MeetingHeadDataclass:
    """The fields of every meeting, from co_organizers to participants; the meeting rules."""

    co_organizers: tuple[str, ...] = ()
    date: Date | None = None
    documents: tuple[DocumentDataclass, ...] = ()
    end: DateTime | None = None
    id: Id
    organizers: tuple[str, ...] = ()
    outcome: Text | None = None
    participants: tuple[ParticipantDataclass, ...] = ()

    def __post_init__(self) -> None:
        rules.check_meeting(self)


@_record
class _MeetingTailDataclass:
    """The fields of every meeting, from sources to topics."""

    sources: tuple[str, ...] = ()
    start: DateTime | None = None
    summary: Text | None = None
    title: Text
    topics: tuple[str, ...] = ()


@_record
class _DialogueHeadDataclass(_MeetingHeadDataclass):
    """The head fields of a dialogue, with its questions."""

    questions: tuple[Text, ...] = ()


@_record
class SideEventDataclass(_MeetingTailDataclass, _MeetingHeadDataclass):
    """A side event."""

    type: Literal["side_event"]


@_record
class BriefingDataclass(_MeetingTailDataclass, _MeetingHeadDataclass):
    """A briefing."""

    type: Literal["briefing"]


@_record
class DialogueDataclass(_MeetingTailDataclass, _DialogueHeadDataclass):
    """A dialogue between civil society and officials, with its questions."""

    type: Literal["dialogue"]


@_record
class SpecialEventDataclass(_MeetingTailDataclass, _MeetingHeadDataclass):
    """An event the secretariat organizes."""

    type: Literal["special_event"]


MeetingDataclass = Annotated[
    SideEventDataclass | BriefingDataclass | DialogueDataclass | SpecialEventDataclass,
    Field(discriminator="type"),
]


@_record
class VenueDataclass:
    """Where a session took place."""

    city: Text | None = None
    country: Country | None = None
    name: Text | None = None
    time_zone: str | None = None

    def __post_init__(self) -> None:
        rules.check_venue(self)


@_record
class ParticipationDataclass:
    """An organization that took part in a session."""

    basis: ParticipationBasis | None = None
    organization: str
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_participation(self)


@_record
class ReportedFigureDataclass:
    """A count that a source reports about a session."""

    count: CountDataclass
    measure: Measure
    quote: str | None = None
    source: str
    topics: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_figure(self)


@_record
class SessionDataclass:
    """A session of a conference."""

    documents: tuple[DocumentDataclass, ...] = ()
    end: Date
    figures: tuple[ReportedFigureDataclass, ...] = ()
    id: Id
    meetings: tuple[MeetingDataclass, ...] = ()
    number: Positive
    participation: tuple[ParticipationDataclass, ...] = ()
    sources: tuple[str, ...] = ()
    start: Date
    venue: VenueDataclass | None = None

    def __post_init__(self) -> None:
        rules.check_session(self)


@_record
class ConferenceDataclass:
    """A treaty body and its sessions."""

    acronym: Text | None = None
    id: Id
    name: Text
    secretariat: str | None = None
    sessions: tuple[SessionDataclass, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        rules.check_conference(self)


@_record
class DatasetDataclass:
    """The document."""

    conferences: tuple[ConferenceDataclass, ...] = ()
    organizations: tuple[OrganizationDataclass, ...] = ()
    people: tuple[PersonDataclass, ...] = ()
    schema_version: SchemaVersion
    sources: tuple[SourceDataclass, ...] = ()
    topics: tuple[TopicDataclass, ...] = ()

    def __post_init__(self) -> None:
        rules.check_dataset(self)


DATASET_ADAPTER: TypeAdapter[DatasetDataclass] = TypeAdapter(DatasetDataclass)


def dataclass_decode(data: bytes) -> DatasetDataclass:
    """Read a document into the dataclass mirror; raise `pydantic.ValidationError` if invalid."""
    return DATASET_ADAPTER.validate_json(data)


def dataclass_encode(obj: DatasetDataclass) -> bytes:
    """Write the canonical form of a dataclass mirror dataset."""
    return DATASET_ADAPTER.dump_json(obj)

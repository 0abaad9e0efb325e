"""The model classes; import them from `ctocmodel`."""

from ._record import FieldSpec, Record, Rule, noun_of, rules_of, specs
from .conferences import Conference
from .dataset import SCHEMA_VERSION, Dataset
from .documents import Document, DocumentSymbol
from .figures import Count, Measure, Qualifier, ReportedFigure
from .meetings import (
    MEETING_TYPES,
    Briefing,
    Dialogue,
    Meeting,
    MeetingType,
    Participant,
    Role,
    SideEvent,
    SpecialEvent,
)
from .organizations import EcosocStatus, Identifier, Organization, OrganizationKind
from .people import Person, Position
from .sessions import Participation, ParticipationBasis, Session, Venue
from .sources import Source
from .text import UN_LANGUAGES, MultilingualText, Text, pick_language, pick_text
from .topics import BUILTIN_TOPICS, Topic

__all__ = [
    "BUILTIN_TOPICS",
    "MEETING_TYPES",
    "SCHEMA_VERSION",
    "UN_LANGUAGES",
    "Briefing",
    "Conference",
    "Count",
    "Dataset",
    "Dialogue",
    "Document",
    "DocumentSymbol",
    "EcosocStatus",
    "FieldSpec",
    "Identifier",
    "Measure",
    "Meeting",
    "MeetingType",
    "MultilingualText",
    "Organization",
    "OrganizationKind",
    "Participant",
    "Participation",
    "ParticipationBasis",
    "Person",
    "Position",
    "Qualifier",
    "Record",
    "ReportedFigure",
    "Role",
    "Rule",
    "Session",
    "SideEvent",
    "Source",
    "SpecialEvent",
    "Text",
    "Topic",
    "Venue",
    "noun_of",
    "pick_language",
    "pick_text",
    "rules_of",
    "specs",
]

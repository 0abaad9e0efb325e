"""The model classes; import them from `ctocmodel`."""

from ._record import FieldSpec, Record, Rule, key_of, noun_of, rules_of, specs
from .citations import Citation
from .conferences import Conference
from .dataset import SCHEMA_VERSION, Dataset
from .documents import Document, DocumentSymbol
from .figures import Count, Qualifier, ReportedFigure, Status
from .measures import BUILTIN_MEASURES, Measure
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
    "BUILTIN_MEASURES",
    "BUILTIN_TOPICS",
    "MEETING_TYPES",
    "SCHEMA_VERSION",
    "UN_LANGUAGES",
    "Briefing",
    "Citation",
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
    "Status",
    "Text",
    "Topic",
    "Venue",
    "key_of",
    "noun_of",
    "pick_language",
    "pick_text",
    "rules_of",
    "specs",
]

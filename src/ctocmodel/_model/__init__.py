"""The model classes; import them from `ctocmodel`."""

from ._record import FieldSpec, Record, Rule, key_of, noun_of, rules_of, specs
from .admissions import Admission, Application, Decision, Listing, Objection, Outcome
from .citations import Citation
from .conferences import Conference
from .dataset import SCHEMA_VERSION, Dataset
from .documents import Document, DocumentSymbol
from .figures import Count, Qualifier, ReportedFigure, Status
from .lookup import MeetingPlace, RecordNotFoundError, SessionPlace
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
from .participation import (
    BUILTIN_ROUTES,
    BUILTIN_RULE_SETS,
    ConferenceBody,
    ParticipationCheck,
    ParticipationRules,
    Provision,
    Right,
    RightAction,
    Route,
    Severity,
)
from .people import Person, Position, Visibility
from .sessions import Participation, ParticipationBasis, Session, Venue
from .sources import Source
from .statements import Invitation, Statement, StatementKind
from .text import UN_LANGUAGES, MultilingualText, Text, pick_language, pick_text
from .topics import BUILTIN_TOPICS, Topic

__all__ = [
    "BUILTIN_MEASURES",
    "BUILTIN_ROUTES",
    "BUILTIN_RULE_SETS",
    "BUILTIN_TOPICS",
    "MEETING_TYPES",
    "SCHEMA_VERSION",
    "UN_LANGUAGES",
    "Admission",
    "Application",
    "Briefing",
    "Citation",
    "Conference",
    "ConferenceBody",
    "Count",
    "Dataset",
    "Decision",
    "Dialogue",
    "Document",
    "DocumentSymbol",
    "EcosocStatus",
    "FieldSpec",
    "Identifier",
    "Invitation",
    "Listing",
    "Measure",
    "Meeting",
    "MeetingPlace",
    "MeetingType",
    "MultilingualText",
    "Objection",
    "Organization",
    "OrganizationKind",
    "Outcome",
    "Participant",
    "Participation",
    "ParticipationBasis",
    "ParticipationCheck",
    "ParticipationRules",
    "Person",
    "Position",
    "Provision",
    "Qualifier",
    "Record",
    "RecordNotFoundError",
    "ReportedFigure",
    "Right",
    "RightAction",
    "Role",
    "Route",
    "Rule",
    "Session",
    "SessionPlace",
    "Severity",
    "SideEvent",
    "Source",
    "SpecialEvent",
    "Statement",
    "StatementKind",
    "Status",
    "Text",
    "Topic",
    "Venue",
    "Visibility",
    "key_of",
    "noun_of",
    "pick_language",
    "pick_text",
    "rules_of",
    "specs",
]

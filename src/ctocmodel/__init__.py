"""ctocmodel: typed, strictly validated records of civil-society participation at UN conferences.

>>> import ctocmodel
>>> cop7 = ctocmodel.examples.cop7()
>>> cop7.conferences[0].sessions[0].number
7
"""

from __future__ import annotations

from importlib import import_module

# Not typing.TYPE_CHECKING, whose import would slow down every start of the command line.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from . import examples, exports, testing
    from ._coverage import MissingTranslation, language_coverage, missing_counts
    from ._io import collection_paused, dump, dumps, load, loads
    from ._jsonl import check_jsonl, dump_jsonl, load_jsonl
    from ._limits import DEFAULT_LIMITS, Limits
    from ._merge import Conflict, KeepBoth, PreferLaterRetrieval, PreferSource, Side, merge
    from ._model import (
        BUILTIN_MEASURES,
        BUILTIN_ROUTES,
        BUILTIN_RULE_SETS,
        BUILTIN_TOPICS,
        MEETING_TYPES,
        SCHEMA_VERSION,
        UN_LANGUAGES,
        Admission,
        Application,
        Briefing,
        Citation,
        Conference,
        ConferenceBody,
        Count,
        Dataset,
        Decision,
        Dialogue,
        Document,
        DocumentSymbol,
        EcosocStatus,
        Identifier,
        Invitation,
        Listing,
        Measure,
        Meeting,
        MeetingPlace,
        MeetingType,
        MultilingualText,
        Objection,
        Organization,
        OrganizationKind,
        Outcome,
        Participant,
        Participation,
        ParticipationBasis,
        ParticipationCheck,
        ParticipationRules,
        Person,
        Position,
        Provision,
        Qualifier,
        RecordNotFoundError,
        ReportedFigure,
        Right,
        RightAction,
        Role,
        Route,
        Session,
        SessionPlace,
        Severity,
        SideEvent,
        Source,
        SpecialEvent,
        Statement,
        StatementKind,
        Status,
        Topic,
        Venue,
        Visibility,
        pick_language,
        pick_text,
    )
    from ._participation import Finding, check_participation
    from ._plot import plot_series
    from ._privacy import MIN_KEY_BYTES, Privacy, pseudonym, redact
    from ._provenance import Cited, why
    from ._reconcile import (
        ABOUT_WIDTH,
        Attendance,
        Evidence,
        Interval,
        OrganizationHistory,
        Organized,
        Reconciled,
        Scope,
        SeriesPoint,
        history,
        interval_of,
        reconcile,
        series,
    )
    from ._summary import summarize, summarize_series
    from .converters import configure_converter, make_converter
    from .dates import DateRange, parse_date, parse_date_range
    from .errors import (
        CtocmodelError,
        ExportWarning,
        MissingDependencyError,
        Problem,
        UnwritableTargetError,
        ValidationError,
    )
    from .exports import (
        JSONLD_CONTEXT,
        from_csv,
        from_xlsx,
        to_arrow,
        to_csv,
        to_ical,
        to_jsonld,
        to_parquet,
        to_xlsx,
    )
    from .schema import json_schema

__all__ = [
    "ABOUT_WIDTH",
    "BUILTIN_MEASURES",
    "BUILTIN_ROUTES",
    "BUILTIN_RULE_SETS",
    "BUILTIN_TOPICS",
    "DEFAULT_LIMITS",
    "JSONLD_CONTEXT",
    "MEETING_TYPES",
    "MIN_KEY_BYTES",
    "SCHEMA_VERSION",
    "UN_LANGUAGES",
    "Admission",
    "Application",
    "Attendance",
    "Briefing",
    "Citation",
    "Cited",
    "Conference",
    "ConferenceBody",
    "Conflict",
    "Count",
    "CtocmodelError",
    "Dataset",
    "DateRange",
    "Decision",
    "Dialogue",
    "Document",
    "DocumentSymbol",
    "EcosocStatus",
    "Evidence",
    "ExportWarning",
    "Finding",
    "Identifier",
    "Interval",
    "Invitation",
    "KeepBoth",
    "Limits",
    "Listing",
    "Measure",
    "Meeting",
    "MeetingPlace",
    "MeetingType",
    "MissingDependencyError",
    "MissingTranslation",
    "MultilingualText",
    "Objection",
    "Organization",
    "OrganizationHistory",
    "OrganizationKind",
    "Organized",
    "Outcome",
    "Participant",
    "Participation",
    "ParticipationBasis",
    "ParticipationCheck",
    "ParticipationRules",
    "Person",
    "Position",
    "PreferLaterRetrieval",
    "PreferSource",
    "Privacy",
    "Problem",
    "Provision",
    "Qualifier",
    "Reconciled",
    "RecordNotFoundError",
    "ReportedFigure",
    "Right",
    "RightAction",
    "Role",
    "Route",
    "Scope",
    "SeriesPoint",
    "Session",
    "SessionPlace",
    "Severity",
    "Side",
    "SideEvent",
    "Source",
    "SpecialEvent",
    "Statement",
    "StatementKind",
    "Status",
    "Topic",
    "UnwritableTargetError",
    "ValidationError",
    "Venue",
    "Visibility",
    "check_jsonl",
    "check_participation",
    "collection_paused",
    "configure_converter",
    "dump",
    "dump_jsonl",
    "dumps",
    "examples",
    "exports",
    "from_csv",
    "from_xlsx",
    "history",
    "interval_of",
    "json_schema",
    "language_coverage",
    "load",
    "load_jsonl",
    "loads",
    "make_converter",
    "merge",
    "missing_counts",
    "parse_date",
    "parse_date_range",
    "pick_language",
    "pick_text",
    "plot_series",
    "pseudonym",
    "reconcile",
    "redact",
    "series",
    "summarize",
    "summarize_series",
    "testing",
    "to_arrow",
    "to_csv",
    "to_ical",
    "to_jsonld",
    "to_parquet",
    "to_xlsx",
    "why",
]

# Where the names of __all__ are found at run time, lightest module first: a name is
# imported on first use, so that `ctocmodel --version` and the other light commands
# start without loading attrs, cattrs and the model. (Type checkers read the imports
# above; tests/test_package.py checks that they name exactly __all__.)
_SUBPACKAGES = ("examples", "exports", "testing")
_MODULES = (
    ".errors",
    "._limits",
    ".dates",
    "._model",
    "._io",
    "._jsonl",
    ".converters",
    "._coverage",
    "._provenance",
    "._merge",
    "._reconcile",
    "._summary",
    "._plot",
    "._participation",
    "._privacy",
    ".schema",
    ".exports",
)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("ctocmodel")
    if name not in __all__:
        raise AttributeError(f"module 'ctocmodel' has no attribute {name!r}")
    if name in _SUBPACKAGES:
        value = import_module(f".{name}", __name__)
    else:
        modules = (import_module(home, __name__) for home in _MODULES)
        value = next(getattr(module, name) for module in modules if name in module.__all__)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*__all__, "__version__"]

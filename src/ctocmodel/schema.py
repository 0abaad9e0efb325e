"""The JSON Schema (draft 2020-12) of the ctocmodel format, generated from the model classes.

The schema states every rule that JSON Schema can express: types, required and
unknown keys, choices, patterns, bounds, date and date-time formats, the meetings
tagged by ``type``. The rules it cannot express are listed in its description
(`UNEXPRESSED_RULES`); `ctocmodel.loads` checks them all.

>>> schema = json_schema()
>>> schema["$defs"]["Session"]["properties"]["number"]
{'type': 'integer', 'minimum': 1, 'maximum': 9223372036854775807}
>>> sorted(schema["$defs"]["Meeting"]["discriminator"]["mapping"])
['briefing', 'dialogue', 'side_event', 'special_event']
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import types
import typing
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal, get_args, get_origin

import attrs

from ._model import MEETING_TYPES, Dataset, Meeting
from ._model._checks import ID_MAX_LENGTH
from ._model._countries import COUNTRY_CODES
from ._model.dataset import SCHEMA_MAJOR, SCHEMA_VERSION
from ._model.organizations import IDENTIFIER_SCHEME_PATTERN

__all__ = ["SCHEMA_ID", "UNEXPRESSED_RULES", "json_schema", "shipped_json_schema"]

SCHEMA_ID = f"urn:ctocmodel:schema:{SCHEMA_VERSION.split('.')[0]}:dataset"

UNEXPRESSED_RULES: tuple[str, ...] = (
    "Ids are unique per kind of record; sessions and meetings across the whole document.",
    "Every reference (organizer, parent, publisher, person, topic, source, ...) is the id "
    "of a record of the right kind in the same document; topics may also be built in.",
    "A topic declared by the document is not one of the built-in topics.",
    "No loop of parent organizations or of broader topics.",
    "A unit of a UN entity names a parent, and the parent is a UN entity or unit.",
    "ECOSOC status is given for NGOs and NGO federations only.",
    "A participation basis suits the kind of its organization.",
    "Each organization takes part in a session at most once; at most one figure per "
    "measure and source; session numbers are unique within a conference.",
    "A reported figure is not contradicted by the records the session lists.",
    "Dates and times are in order: a session or position does not end before it starts, "
    "a meeting ends after it starts.",
    "A meeting has a date or a start, not both; an end needs a start; its days fall "
    "within the session's; when the venue has a time zone, its UTC offsets are that "
    "zone's at that instant.",
    "Time zone names exist in the IANA database; URLs have a host and a valid port.",
    "Co-organizers are not also organizers, and need at least one organizer.",
    "Only dialogues have counterparts, and a dialogue has at least one.",
    "A participant names a person or has a description; a named person has no count.",
    "A venue states at least one of name, city, country, time zone.",
    "A document symbol is a UN document symbol written in its normalised form.",
    "An organization is not its own parent; a topic is not broader than itself.",
    "No key appears twice in one object (JSON parsers keep only one of the values).",
    "Integers are written without a fraction or an exponent: 7, not 7.0 or 7e0 (which "
    "JSON Schema counts as integers).",
)

# Characters no text may hold: C0 controls but tab, line feed and carriage return; DEL;
# lone surrogates. Then the whitespace of Python's str.isspace(), which the rule for
# non-blank text uses, written out so that every regex engine agrees.
_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff"
_SPACE = r"\x09-\x0d\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ANY = f"[^{_FORBIDDEN}]"
_VISIBLE = f"[^{_FORBIDDEN}{_SPACE}]"

CANONICAL_LANGUAGE_TAG_PATTERN = (
    r"^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$"
)
_OFFSET = (
    r"(?:Z|\+(?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r"|-(?:(?:0[1-9]|1[0-9]|2[0-3]):[0-5][0-9]|00:(?:0[1-9]|[1-5][0-9])))"
)

_COMMON: dict[str, Any] = {
    "id": {
        "description": "An id: lowercase letters and digits joined by single '-', '_' or '.'.",
        "type": "string",
        "pattern": r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$",
        "maxLength": ID_MAX_LENGTH,
    },
    "text": {
        "description": "Text in any script, not blank, without control characters other "
        "than tab, line feed and carriage return.",
        "type": "string",
        "pattern": f"^{_ANY}*{_VISIBLE}{_ANY}*$",
    },
    "languageTag": {
        "description": "A BCP 47 language tag in canonical case, such as 'fr' or 'zh-Hans'.",
        "type": "string",
        "pattern": CANONICAL_LANGUAGE_TAG_PATTERN,
    },
    "multilingualText": {
        "description": "Text by BCP 47 language tag, at least one language.",
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"$ref": "#/$defs/languageTag"},
        "additionalProperties": {"$ref": "#/$defs/text"},
    },
    "date": {
        "description": "A calendar date, YYYY-MM-DD.",
        "type": "string",
        "format": "date",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    },
    "dateTime": {
        "description": "A date and time with its UTC offset (or Z), to the second.",
        "type": "string",
        "format": "date-time",
        "pattern": (
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
            rf"(?:\.[0-9]{{1,6}})?{_OFFSET}$"
        ),
    },
    "country": {
        "description": "An ISO 3166-1 alpha-2 country code.",
        "type": "string",
        "enum": sorted(COUNTRY_CODES),
    },
    "url": {
        "description": "An absolute http or https URL.",
        "type": "string",
        "pattern": f"^https?://[^{_FORBIDDEN}{_SPACE}/?#]+(?:[/?#][^{_FORBIDDEN}{_SPACE}]*)?$",
    },
    "timeZone": {
        "description": "The name of an IANA time zone, such as 'Europe/Vienna'.",
        "type": "string",
        "pattern": r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$",
    },
}

# Integers are read as 64-bit values (as msgspec does); larger ones are refused.
_INT64 = 2**63 - 1

# Fields whose JSON form is more precise than their Python type says.
_FIELD_FORMS: dict[tuple[str, str], dict[str, Any]] = {
    ("Dataset", "schema_version"): {
        "type": "string",
        "pattern": rf"^{SCHEMA_MAJOR}\.(?:0|[1-9][0-9]{{0,5}})$",
        "description": f"The version of this format, {SCHEMA_MAJOR}.x; this is {SCHEMA_VERSION}.",
    },
    ("Source", "language"): {"$ref": "#/$defs/languageTag"},
    ("Source", "url"): {"$ref": "#/$defs/url"},
    ("Organization", "website"): {"$ref": "#/$defs/url"},
    ("Organization", "country"): {"$ref": "#/$defs/country"},
    ("Venue", "country"): {"$ref": "#/$defs/country"},
    ("Venue", "time_zone"): {"$ref": "#/$defs/timeZone"},
    ("Identifier", "scheme"): {"type": "string", "pattern": IDENTIFIER_SCHEME_PATTERN},
    ("Identifier", "id"): {
        "type": "string",
        "pattern": f"^{_VISIBLE}(?:{_ANY}*{_VISIBLE})?$",
        "description": "The id in that register, without spaces around it.",
    },
    ("Person", "name"): {"$ref": "#/$defs/text"},
    ("Document", "symbol"): {
        "$ref": "#/$defs/text",
        "description": "A UN document symbol in normalised form, such as 'CTOC/COP/2014/1'.",
    },
    ("Document", "url"): {"$ref": "#/$defs/url"},
    ("ReportedFigure", "quote"): {"$ref": "#/$defs/text"},
    ("Session", "number"): {"type": "integer", "minimum": 1, "maximum": _INT64},
    ("Count", "value"): {"type": "integer", "minimum": 0, "maximum": _INT64},
}

# References: string fields (or lists of them) holding the id of another record.
_REFERENCES: dict[str, str] = {
    "publisher": "Organization",
    "parent": "Organization",
    "organization": "Organization",
    "secretariat": "Organization",
    "organizers": "Organization",
    "co_organizers": "Organization",
    "person": "Person",
    "source": "Source",
    "sources": "Source",
    "topics": "Topic",
    "broader": "Topic",
}


def _is_reference(owner: str, name: str) -> bool:
    # The dataset's own lists hold the records themselves, not references to them.
    return name in _REFERENCES and owner != "Dataset"


def _description(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    paragraph = doc.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = dict(_COMMON)

    def type_schema(self, owner: str, name: str, type_: Any) -> dict[str, Any]:
        origin, args = get_origin(type_), get_args(type_)
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in args if arg is not type(None)]
            assert len(inner) == 1, type_
            return {"anyOf": [self.type_schema(owner, name, inner[0]), {"type": "null"}]}
        form = _FIELD_FORMS.get((owner, name))
        if form is not None:
            return dict(form)
        if origin is tuple:
            items = self.type_schema(owner, name, args[0])
            schema: dict[str, Any] = {"type": "array", "items": items}
            if _is_reference(owner, name) or (owner, name) == ("Organization", "identifiers"):
                schema["uniqueItems"] = True
            return schema
        if origin is Literal:
            return {"type": "string", "enum": list(args)}
        if type_ == Mapping[str, str]:
            return {"$ref": "#/$defs/multilingualText"}
        if type_ is str:
            if _is_reference(owner, name) or name == "id":
                return {"$ref": "#/$defs/id"}
            return {"$ref": "#/$defs/text"}
        if type_ is int:
            return {"type": "integer", "maximum": _INT64}
        if type_ is dt.datetime:
            return {"$ref": "#/$defs/dateTime"}
        if type_ is dt.date:
            return {"$ref": "#/$defs/date"}
        if type_ is Meeting:
            self.meetings()
            return {"$ref": "#/$defs/Meeting"}
        if attrs.has(type_):
            self.record(type_)
            return {"$ref": f"#/$defs/{type_.__name__}"}
        raise TypeError(f"no JSON Schema for {type_!r} ({owner}.{name})")

    def record(self, cls: type) -> None:
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder: records may refer to each other
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            schema = self.type_schema(name, field.name, hints[field.name])
            if _is_reference(name, field.name):
                target = _REFERENCES[field.name]
                article = "an" if target[0] in "AEIOU" else "a"
                schema.setdefault("description", f"The id of {article} {target} of this document.")
            if field.default is not attrs.NOTHING and not callable(field.default):
                default = field.default
                schema["default"] = list(default) if isinstance(default, tuple) else default
            properties[field.name] = schema
            if field.default is attrs.NOTHING or (name, field.name) in _REQUIRED_WITH_DEFAULT:
                required.append(field.name)
        if cls in MEETING_TYPES.values():
            tag = cls.TAG  # type: ignore[attr-defined]
            properties["type"] = {"const": tag, "description": "What kind of meeting this is."}
        definition: dict[str, Any] = {
            "title": name,
            "description": _description(cls),
            "type": "object",
            "properties": dict(sorted(properties.items())),
            "required": sorted(required),
            "additionalProperties": False,
        }
        if name == "Count":
            definition["if"] = {"properties": {"qualifier": {"const": "fewer_than"}}}
            definition["then"] = {"properties": {"value": {"minimum": 1}}}
        self.defs[name] = definition

    def meetings(self) -> None:
        if "Meeting" in self.defs:
            return
        self.defs["Meeting"] = {}
        for cls in MEETING_TYPES.values():
            self.record(cls)
        self.defs["Meeting"] = {
            "title": "Meeting",
            "description": _description(Meeting),
            "oneOf": [{"$ref": f"#/$defs/{cls.__name__}"} for cls in MEETING_TYPES.values()],
            # OpenAPI's discriminator: ignored by JSON Schema validators, used by generators.
            "discriminator": {
                "propertyName": "type",
                "mapping": {tag: f"#/$defs/{cls.__name__}" for tag, cls in MEETING_TYPES.items()},
            },
        }


# Optional in Python (they have defaults) but always written, and required in JSON.
_REQUIRED_WITH_DEFAULT = {("Dataset", "schema_version")} | {
    (cls.__name__, "type") for cls in MEETING_TYPES.values()
}


@cache
def _generated() -> str:
    builder = _Builder()
    builder.record(Dataset)
    dataset = builder.defs.pop("Dataset")
    rules = "\n".join(f"- {rule}" for rule in UNEXPRESSED_RULES)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"ctocmodel dataset, schema version {SCHEMA_VERSION}",
        "description": (
            "A ctocmodel document: civil-society participation at sessions of UN "
            "conferences. This schema states the rules JSON Schema can express; "
            "ctocmodel also checks these:\n" + rules
        ),
        **{key: value for key, value in dataset.items() if key not in ("title", "description")},
        "$defs": dict(sorted(builder.defs.items())),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a ctocmodel document, generated from the model classes."""
    schema: dict[str, Any] = json.loads(_generated())
    return schema


def schema_text() -> str:
    """The schema as it is written to a file: indented JSON and a final newline."""
    return _generated()


def shipped_json_schema() -> dict[str, Any]:
    """Return the copy of the schema shipped with the package (``dataset.schema.json``)."""
    text = files("ctocmodel").joinpath("dataset.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema

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

import inspect
import json
from functools import cache
from importlib.resources import files
from typing import Any

from ._model import MEETING_TYPES, Dataset, Meeting
from ._model._checks import (
    DEFAULT_IGNORABLE,
    FORBIDDEN,
    ID_MAX_LENGTH,
    ID_PATTERN,
    IDENTIFIER_SCHEME_PATTERN,
    TIME_ZONE_PATTERN,
    WHITE_SPACE,
    character_class,
)
from ._model._countries import COUNTRY_CODES
from ._model._integrity import DATASET_RULES
from ._model._record import FieldSpec, rules_of, specs
from ._model.citations import FRAGMENT_PATTERN, QUOTATION_MAX_LENGTH
from ._model.dataset import SCHEMA_MAJOR, SCHEMA_VERSION
from ._model.participation import PROVISION_NUMBER_PATTERN

__all__ = ["SCHEMA_ID", "UNEXPRESSED_RULES", "json_schema", "shipped_json_schema"]

SCHEMA_ID = f"urn:ctocmodel:schema:{SCHEMA_VERSION.split('.')[0]}:dataset"

# What the schema of a kind of value cannot say; the rules of records (`rules_of`) and
# of the whole dataset (`DATASET_RULES`) are read from their declarations.
_KIND_RULES: tuple[str, ...] = (
    "Time zone names exist in the IANA database; URLs have a host and a valid port.",
    "A document symbol is a UN document symbol written in its normalised form.",
    "A quotation is one sentence: no sentence ends inside it.",
    "No key appears twice in one object (JSON parsers keep only one of the values).",
    "Integers are written without a fraction or an exponent: 7, not 7.0 or 7e0 (which "
    "JSON Schema counts as integers).",
)


def _in_documents() -> list[type]:
    """The record classes a document holds, from the dataset down."""
    found: list[type] = [Dataset]
    for cls in found:
        found += [c for spec in specs(cls) for c in spec.records if c not in found]
    return found


def _unexpressed() -> tuple[str, ...]:
    declared = [
        rule.doc for cls in _in_documents() for rule in rules_of(cls) if rule.schema is None
    ]
    declared += [rule.doc for rules in DATASET_RULES.values() for rule in rules]
    return tuple(dict.fromkeys([*declared, *_KIND_RULES]))


UNEXPRESSED_RULES: tuple[str, ...] = _unexpressed()
"""The rules the schema cannot express, in words; `ctocmodel.loads` checks them all."""

# Characters no text may hold, and those no reader sees (text needs one other), from
# the text rules of the model. Default-ignorable characters beyond U+FFFF are left out:
# regular expression engines do not read them in a class alike.
_FORBIDDEN = character_class(FORBIDDEN)
_SPACE = character_class(
    WHITE_SPACE, tuple(pair for pair in DEFAULT_IGNORABLE if pair[1] <= 0xFFFF)
)
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
        "pattern": ID_PATTERN,
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
        "pattern": TIME_ZONE_PATTERN,
    },
}

# How each kind of value is written, beyond the definitions above.
_KIND_FORMS: dict[str, dict[str, Any]] = {
    "schemaVersion": {
        "type": "string",
        "pattern": rf"^{SCHEMA_MAJOR}\.(?:0|[1-9][0-9]{{0,5}})$",
        "description": f"The version of this format, {SCHEMA_MAJOR}.x; this is {SCHEMA_VERSION}.",
    },
    "scheme": {"type": "string", "pattern": IDENTIFIER_SCHEME_PATTERN},
    "trimmedText": {"type": "string", "pattern": f"^{_VISIBLE}(?:{_ANY}*{_VISIBLE})?$"},
    "quotation": {
        "$ref": "#/$defs/text",
        "maxLength": QUOTATION_MAX_LENGTH,
        "description": "The source's words: at most one sentence.",
    },
    "fragment": {
        "type": "string",
        "pattern": FRAGMENT_PATTERN,
        "description": "A fragment of the source's URL, without '#'.",
    },
    "fieldName": {
        "type": "string",
        "description": "The name of a field of the record holding the citation (null: all).",
    },
    "provisionNumber": {
        "type": "string",
        "pattern": PROVISION_NUMBER_PATTERN,
        "description": "The number of a rule, paragraph, subparagraph or resolution: "
        "'17', '3', 'b', '9/1'.",
    },
    "symbol": {
        "$ref": "#/$defs/text",
        "description": "A UN document symbol in normalised form, such as 'CTOC/COP/2014/1'.",
    },
}


def _description(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    paragraph = doc.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = dict(_COMMON)

    def value_schema(self, spec: FieldSpec) -> dict[str, Any]:
        """The schema of one value of *spec* (an item, for a tuple)."""
        kind = spec.kind
        if spec.records:
            if len(spec.records) > 1:
                self.meetings()
                return {"$ref": "#/$defs/Meeting"}
            self.record(spec.records[0])
            return {"$ref": f"#/$defs/{spec.records[0].__name__}"}
        if kind.name == "tag":
            return {"const": kind.values[0]}
        if kind.values:
            return {"type": "string", "enum": list(kind.values)}
        if kind.name == "integer":
            return {"type": "integer", "minimum": kind.minimum, "maximum": kind.maximum}
        if kind.name in _KIND_FORMS:
            return dict(_KIND_FORMS[kind.name])
        if kind.name in self.defs:
            return {"$ref": f"#/$defs/{kind.name}"}
        raise TypeError(f"no JSON Schema for the kind {kind.name!r} ({spec.name})")

    def field_schema(self, spec: FieldSpec) -> dict[str, Any]:
        schema = self.value_schema(spec)
        if spec.many:
            schema = {"type": "array", "items": schema}
            if spec.unique or spec.target is not None:
                schema["uniqueItems"] = True
        if spec.optional:
            schema = {"anyOf": [schema, {"type": "null"}]}
        if spec.target is not None:
            noun = spec.target.title()
            article = "an" if noun[0] in "AEIOU" else "a"
            schema.setdefault("description", f"The id of {article} {noun} of this document.")
        if spec.doc:
            schema.setdefault("description", spec.doc)
        if not spec.required:
            default = spec.default
            schema["default"] = list(default) if isinstance(default, tuple) else default
        return schema

    def record(self, cls: type) -> None:
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder: records may refer to each other
        properties = {spec.name: self.field_schema(spec) for spec in specs(cls)}
        required = [spec.name for spec in specs(cls) if spec.required or spec.required_in_json]
        definition: dict[str, Any] = {
            "title": name,
            "description": _description(cls),
            "type": "object",
            "properties": dict(sorted(properties.items())),
            "required": sorted(required),
            "additionalProperties": False,
        }
        expressed = [dict(rule.schema) for rule in rules_of(cls) if rule.schema is not None]
        if len(expressed) == 1:
            definition.update(expressed[0])
        elif expressed:
            definition["allOf"] = expressed
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

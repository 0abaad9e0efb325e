"""The JSON Schema (draft 2020-12) of the ctocmodel format, generated from the model classes.

The schema states every rule that JSON Schema can express: types, required and
unknown keys, choices, patterns, bounds, date and date-time formats, the meetings
tagged by ``type``, and the rules of records that JSON Schema can state (``if`` and
``then``, read from each rule's declaration). It uses only standard keywords of draft
2020-12, and patterns that ECMA-262, Python's re and Rust's regex read alike (see
`ctocmodel._model._checks`), so that every validator gives the verdict this library
gives, with format assertion on. The rules it cannot express are listed in its description
(`UNEXPRESSED_RULES`); `ctocmodel.loads` checks them all.

>>> schema = json_schema()
>>> schema["$defs"]["Session"]["properties"]["number"]
{'type': 'integer', 'minimum': 1, 'maximum': 9223372036854775807}
>>> [choice["$ref"] for choice in schema["$defs"]["Meeting"]["oneOf"]]
['#/$defs/SideEvent', '#/$defs/Briefing', '#/$defs/Dialogue', '#/$defs/SpecialEvent']
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from ._model import MEETING_TYPES, Dataset, Meeting
from ._model._checks import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    IDENTIFIER_SCHEME_PATTERN,
    TIME_ZONE_PATTERN,
    character_class,
    text_characters,
    url_pattern,
    visible_characters,
)
from ._model._countries import COUNTRY_CODES
from ._model._integrity import DATASET_RULES
from ._model._record import FieldSpec, rules_of, specs
from ._model.citations import FRAGMENT_PATTERN, QUOTATION_MAX_LENGTH
from ._model.dataset import SCHEMA_MAJOR, SCHEMA_VERSION
from ._model.participation import PROVISION_NUMBER_PATTERN

__all__ = [
    "SCHEMA_ID",
    "UNEXPRESSED_BY_NAME",
    "UNEXPRESSED_RULES",
    "json_schema",
    "shipped_json_schema",
]

SCHEMA_ID = f"urn:ctocmodel:schema:{SCHEMA_VERSION.split('.')[0]}:dataset"

# What the schema of a kind of value cannot say, by name; the rules of records
# (`rules_of`) and of the whole dataset (`DATASET_RULES`) are read from their declarations.
_KIND_RULES: dict[str, str] = {
    "time_zone_exists": "Time zone names exist in the IANA database.",
    "document_symbol": "A document symbol is a UN document symbol written in its normalised form.",
    "quotation_one_sentence": "A quotation is one sentence: no sentence ends inside it.",
    "keys_once": "No key appears twice in one object (JSON parsers keep only one of the values).",
    "integers_whole": "Integers are written without a fraction or an exponent: 7, not 7.0 "
    "or 7e0 (which JSON Schema counts as integers).",
}


def _in_documents() -> list[type]:
    """The record classes a document holds, from the dataset down."""
    found: list[type] = [Dataset]
    for cls in found:
        found += [c for spec in specs(cls) for c in spec.records if c not in found]
    return found


def _unexpressed() -> dict[str, str]:
    declared = [
        (rule.name, rule.doc)
        for cls in _in_documents()
        for rule in rules_of(cls)
        if rule.schema is None
    ]
    declared += [(rule.name, rule.doc) for rules in DATASET_RULES.values() for rule in rules]
    return {**dict(declared), **_KIND_RULES}


UNEXPRESSED_BY_NAME: Mapping[str, str] = MappingProxyType(_unexpressed())
"""The rules the schema cannot express, by name (a rule's function name without its
underscores, or the name of a rule of a kind of value, such as ``time_zone_exists``)."""

UNEXPRESSED_RULES: tuple[str, ...] = tuple(dict.fromkeys(UNEXPRESSED_BY_NAME.values()))
"""The rules the schema cannot express, in words; `ctocmodel.loads` checks them all."""

CANONICAL_LANGUAGE_TAG_PATTERN = (
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$"
)
# Years 0001 to 9999, as Python's dates (JSON Schema's "date" format also allows 0000).
_YEAR = r"([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
_OFFSET = (
    r"(Z|\+([01][0-9]|2[0-3]):[0-5][0-9]"
    r"|-((0[1-9]|1[0-9]|2[0-3]):[0-5][0-9]|00:(0[1-9]|[1-5][0-9])))"
)
# Python's re, which Python's jsonschema uses, reads $ as "at the end, or before a line
# feed that ends the text": refusing that line feed apart makes every engine agree.
_NO_FINAL_LINE_FEED: dict[str, Any] = {"not": {"type": "string", "pattern": "\\n$"}}


def _line(pattern: str, **more: Any) -> dict[str, Any]:
    """The schema of a string matching *pattern*, which holds no final line feed."""
    return {"type": "string", "pattern": pattern, **more, **_NO_FINAL_LINE_FEED}


@cache
def _forms() -> tuple[dict[str, Any], dict[str, Any]]:
    """The definitions every schema has, and how each other kind of value is written.

    Built on first use: the classes of text characters take a scan of Unicode.
    """
    any_character = character_class(text_characters())
    visible = character_class(visible_characters())
    common: dict[str, Any] = {
        "id": _line(
            ID_PATTERN,
            description="An id: lowercase letters and digits joined by single '-', '_' or '.'.",
            maxLength=ID_MAX_LENGTH,
        ),
        "text": {
            "description": "Text in any script, not blank, without control characters other "
            "than tab, line feed and carriage return.",
            "type": "string",
            "pattern": f"^{any_character}*{visible}{any_character}*$",
        },
        "languageTag": _line(
            CANONICAL_LANGUAGE_TAG_PATTERN,
            description="A BCP 47 language tag in canonical case, such as 'fr' or 'zh-Hans'.",
        ),
        "multilingualText": {
            "description": "Text by BCP 47 language tag, at least one language.",
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"$ref": "#/$defs/languageTag"},
            "additionalProperties": {"$ref": "#/$defs/text"},
        },
        "date": _line(
            rf"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}$",
            description="A calendar date, YYYY-MM-DD, from year 0001.",
            format="date",
        ),
        "dateTime": _line(
            rf"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
            rf"(\.[0-9]{{1,6}})?{_OFFSET}$",
            description="A date and time with its UTC offset (or Z), to the second.",
            format="date-time",
        ),
        "country": {
            "description": "An ISO 3166-1 alpha-2 country code.",
            "type": "string",
            "enum": sorted(COUNTRY_CODES),
        },
        "url": _line(
            url_pattern(),
            description="An absolute http or https URL (the scheme in any case), with a host "
            "and a port from 0 to 65535 if any.",
        ),
        "timeZone": _line(
            TIME_ZONE_PATTERN,
            description="The name of an IANA time zone, such as 'Europe/Vienna'.",
        ),
    }

    kind_forms: dict[str, dict[str, Any]] = {
        "schemaVersion": _line(
            rf"^{SCHEMA_MAJOR}\.(0|[1-9][0-9]{{0,5}})$",
            description=f"The version of this format, {SCHEMA_MAJOR}.x; this is {SCHEMA_VERSION}.",
        ),
        "scheme": _line(IDENTIFIER_SCHEME_PATTERN),
        "trimmedText": _line(f"^{visible}({any_character}*{visible})?$"),
        "symbol": {
            "$ref": "#/$defs/text",
            "description": "A UN document symbol in normalised form, such as 'CTOC/COP/2014/1'.",
        },
        "quotation": {
            "$ref": "#/$defs/text",
            "type": "string",  # ajv's strict mode wants the type beside maxLength
            "maxLength": QUOTATION_MAX_LENGTH,
            "description": "The source's words: at most one sentence.",
        },
        "fragment": _line(
            FRAGMENT_PATTERN, description="A fragment of the source's URL, without '#'."
        ),
        "fieldName": {
            "type": "string",
            "description": "The name of a field of the record holding the citation (null: all).",
        },
        "provisionNumber": _line(
            PROVISION_NUMBER_PATTERN,
            description="The number of a rule, paragraph, subparagraph or resolution: "
            "'17', '3', 'b', '9/1'.",
        ),
    }
    return common, kind_forms


def _description(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.getdoc(cls) or ""
    paragraph = doc.split("\n\n", 1)[0]
    return " ".join(paragraph.split())


class _Builder:
    def __init__(self) -> None:
        common, self.kind_forms = _forms()
        self.defs: dict[str, Any] = dict(common)

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
        if kind.name in self.kind_forms:
            return dict(self.kind_forms[kind.name])
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
        # Defaults in Python, but always written, and required in JSON.
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
    # ASCII: the patterns' characters are written as JSON escapes, readable in any editor.
    return json.dumps(schema, ensure_ascii=True, indent=2) + "\n"


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

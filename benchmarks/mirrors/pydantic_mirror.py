"""Two pydantic v2 mirrors of the ctocmodel JSON format, generated from the declarations.

For each ctocmodel record class, a BaseModel (`pydantic.create_model`) and a pydantic
dataclass with the same fields, in strict mode (no coercion), refusing unknown keys,
frozen. pydantic checks what it can express (JSON types, required keys, the id,
language-tag and scheme patterns, choices, bounds, aware date-times, the meeting tag
as a discriminated union on ``type``); a ``model_validator(mode="after")`` or
``__post_init__`` applies the rest with ctocmodel's own checks (`rules.checker`).

Where pydantic differs from the format:

- Its date and date-time parser reads more than the format allows, even in strict
  mode (``"1412553600"``, ``t``/``z`` in lowercase, no seconds, ``+0200``...), so dates
  and date-times are read by ctocmodel's own readers (`structure_date`,
  `structure_datetime`) in a before-validator.
- It cannot sort keys when writing JSON: fields are declared in alphabetical order and
  the language tags of multilingual text are put in order when read.
- It keeps the last of repeated keys (ctocmodel refuses them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    create_model,
    model_validator,
)
from pydantic.dataclasses import dataclass

from ctocmodel._model import Count, FieldSpec
from ctocmodel._model import Dataset as DatasetRecord
from ctocmodel.converters import structure_date, structure_datetime

from . import rules

__all__ = [
    "LanguageTag",
    "dataclass_decode",
    "dataclass_encode",
    "model_decode",
    "model_encode",
]


def _read(reader: Any) -> Any:
    """A before-validator reading a JSON string with ctocmodel's own reader."""
    return BeforeValidator(lambda value: reader(value) if type(value) is str else value)


LanguageTag = Annotated[str, StringConstraints(pattern=rules.LANGUAGE_TAG_PATTERN)]
_NATIVE: dict[str, Any] = {
    "id": Annotated[
        str, StringConstraints(pattern=rules.ID_PATTERN, max_length=rules.ID_MAX_LENGTH)
    ],
    "languageTag": LanguageTag,
    "scheme": Annotated[str, StringConstraints(pattern=rules.IDENTIFIER_SCHEME_PATTERN)],
    "country": rules.CountryCode,
    "date": Annotated[dt.date, _read(structure_date)],
    "dateTime": Annotated[AwareDatetime, _read(structure_datetime)],
    "multilingualText": Annotated[dict[str, str], AfterValidator(rules.text_tags_sorted)],
}


def _type(spec: FieldSpec, mirrors: dict[type, Any]) -> Any:
    kind = spec.kind
    if spec.records:
        variants = tuple(mirrors[cls] for cls in spec.records)
        one: Any = (
            variants[0]
            if len(variants) == 1
            else Annotated[Union[variants], Field(discriminator="type")]  # noqa: UP007
        )
    elif spec.target is not None:
        one = str
    elif kind.values:
        one = Literal[kind.values]  # type: ignore[valid-type]
    elif kind.name == "integer":
        one = Annotated[int, Field(ge=kind.minimum, le=kind.maximum)]
    else:
        one = _NATIVE.get(kind.name, str)
    if spec.many:
        one = tuple[one, ...]
    return one | None if spec.optional else one


def _default(spec: FieldSpec) -> Any:
    return ... if rules.required(spec) else spec.default


# ---------------------------------------------------------------------------------------
# BaseModel mirror.


class _Model(BaseModel):
    """Strict, closed, frozen; `_check` is the record's ctocmodel rules."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _rules(self) -> Any:
        type(self)._check(self)  # type: ignore[attr-defined]
        return self


_MODELS: dict[type, Any] = {}
for _model in rules.record_classes():
    _fields = {
        spec.name: (_type(spec, _MODELS), _default(spec)) for spec in rules.sorted_specs(_model)
    }
    _mirror: Any = create_model(_model.__name__, __base__=_Model, **_fields)
    _mirror._check = staticmethod(rules.checker(_model, _mirror))
    if _model is Count:
        _mirror.bounds, _mirror.allows_at_least = Count.bounds, Count.allows_at_least
    _MODELS[_model] = _mirror

_DATASET_MODEL = _MODELS[DatasetRecord]


def model_decode(data: bytes) -> Any:
    """Read a document into the BaseModel mirror; raise `pydantic.ValidationError` if invalid."""
    return _DATASET_MODEL.model_validate_json(data)


def model_encode(obj: Any) -> bytes:
    """Write the canonical form of a BaseModel mirror dataset."""
    return obj.model_dump_json().encode("utf-8")  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------
# Dataclass mirror: the same records as pydantic dataclasses, through a TypeAdapter.

_CONFIG = ConfigDict(strict=True, extra="forbid")
_DATACLASSES: dict[type, Any] = {}
for _model in rules.record_classes():
    _checks: dict[str, Any] = {}  # the check needs the class, made below
    _namespace: dict[str, Any] = {"__post_init__": lambda self, c=_checks: c["check"](self)}
    if _model is Count:
        _namespace |= {"bounds": Count.bounds, "allows_at_least": Count.allows_at_least}
    _plain = dataclasses.make_dataclass(
        f"{_model.__name__}Dataclass",
        [
            (spec.name, _type(spec, _DATACLASSES))
            if _default(spec) is ...
            else (spec.name, _type(spec, _DATACLASSES), dataclasses.field(default=spec.default))
            for spec in rules.sorted_specs(_model)
        ],
        namespace=_namespace,
        kw_only=True,
        frozen=True,
    )
    _mirror = dataclass(_plain, frozen=True, kw_only=True, config=_CONFIG)
    _checks["check"] = rules.checker(_model, _mirror)
    _DATACLASSES[_model] = _mirror

_DATASET_ADAPTER: TypeAdapter[Any] = TypeAdapter(_DATACLASSES[DatasetRecord])


def dataclass_decode(data: bytes) -> Any:
    """Read a document into the dataclass mirror; raise `pydantic.ValidationError` if invalid."""
    return _DATASET_ADAPTER.validate_json(data)


def dataclass_encode(obj: Any) -> bytes:
    """Write the canonical form of a dataclass mirror dataset."""
    return _DATASET_ADAPTER.dump_json(obj)

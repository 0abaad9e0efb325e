"""A msgspec mirror of the ctocmodel JSON format: frozen Structs generated from the declarations.

For each ctocmodel record class, a Struct with the same fields (`msgspec.defstruct`):
msgspec checks what its types express (JSON types without coercion, required and
unknown keys, the id, language-tag and scheme patterns, choices, bounds, the meeting
tag); each Struct's ``__post_init__`` applies the rest with ctocmodel's own checks
(`rules.checker`). `encode(decode(canonical)) == canonical` for ctocmodel's canonical
documents.

Known differences from ctocmodel (``KNOWN_DISAGREEMENTS`` in benchmarks/test_mirrors.py):
msgspec keeps the last of repeated keys; its RFC 3339 parser also reads date-times that
ctocmodel refuses (``t``/``z`` in lowercase, a space for ``T``, more than six digits of
a second, offsets written ``+0200``), and no hook sees the text of a value msgspec
parses natively.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import Meta

from ctocmodel._model import Count, FieldSpec
from ctocmodel._model import Dataset as DatasetRecord

from . import rules

__all__ = ["Dataset", "LanguageTag", "decode", "encode"]

LanguageTag = Annotated[str, Meta(pattern=rules.python_re(rules.LANGUAGE_TAG_PATTERN))]
_NATIVE: dict[str, Any] = {
    "id": Annotated[
        str, Meta(pattern=rules.python_re(rules.ID_PATTERN), max_length=rules.ID_MAX_LENGTH)
    ],
    "languageTag": LanguageTag,
    "scheme": Annotated[str, Meta(pattern=rules.python_re(rules.IDENTIFIER_SCHEME_PATTERN))],
    "country": rules.CountryCode,
    "date": dt.date,
    "dateTime": Annotated[dt.datetime, Meta(tz=True)],
    "multilingualText": dict[str, str],
}
_MIRRORS: dict[type, Any] = {}


def _type(spec: FieldSpec) -> Any:
    kind = spec.kind
    if spec.records:
        variants = tuple(_MIRRORS[cls] for cls in spec.records)
        one: Any = variants[0] if len(variants) == 1 else Union[variants]  # noqa: UP007
    elif spec.target is not None:
        one = str
    elif kind.values:
        one = Literal[kind.values]  # type: ignore[valid-type]
    elif kind.name == "integer":
        one = Annotated[int, Meta(ge=kind.minimum, le=kind.maximum)]
    else:
        one = _NATIVE.get(kind.name, str)
    if spec.many:
        one = tuple[one, ...]
    return one | None if spec.optional else one


def _struct(model: type) -> Any:
    tag = rules.tag_of(model)
    fields = [
        (spec.name, _type(spec)) if rules.required(spec) else (spec.name, _type(spec), spec.default)
        for spec in rules.sorted_specs(model)
        if not (tag and spec.name == "type")  # msgspec writes the tag itself
    ]
    namespace: dict[str, Any] = {"__post_init__": lambda self: check(self)}
    if model is Count:  # the dataset's rules ask a count for its bounds, as ctocmodel's
        namespace |= {"bounds": Count.bounds, "allows_at_least": Count.allows_at_least}
    if tag:
        namespace["type"] = tag
    mirror = msgspec.defstruct(
        model.__name__,
        fields,
        namespace=namespace,
        kw_only=True,
        frozen=True,
        forbid_unknown_fields=True,
        **({"tag_field": "type", "tag": tag} if tag else {}),
    )
    check = rules.checker(model, mirror)
    return mirror


for _model in rules.record_classes():
    _MIRRORS[_model] = _struct(_model)

Dataset = _MIRRORS[DatasetRecord]
_DECODER = msgspec.json.Decoder(Dataset)
_ENCODER = msgspec.json.Encoder(order="sorted")


def decode(data: bytes) -> Any:
    """Read a document; raise `msgspec.ValidationError` (or `msgspec.DecodeError`) if invalid."""
    return _DECODER.decode(data)


def encode(obj: Any) -> bytes:
    """Write the canonical form: sorted keys, every field, compact."""
    return _ENCODER.encode(obj)

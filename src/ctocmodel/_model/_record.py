"""Declaring records: each field's facts and each rule stated once, every check derived.

A model class is an attrs class made by `record`. Its fields say what they hold with
`field` (the kind of value, the kind of record a reference names, whether items are
unique); the annotation says the rest (optional, a tuple, a nested record, a choice).
Rules that relate several fields are named functions made by `rule`. From these
declarations `record` generates the class's ``__attrs_post_init__``, as attrs
generates ``__init__``: it normalizes containers (a list becomes a tuple, a mapping
read-only `Text`), then asks every field's check and every rule, inline, and only
when one says no, `explain` lists every problem with its JSON Pointer. The fast
verdict and the explanation call the same functions, so they cannot disagree.

The JSON Schema, the dataset-wide checks, the Hypothesis strategies, the exports and
the benchmark mirrors read the same declarations through `specs`, `rules_of` and
`noun_of`.

>>> from ._checks import integer
>>> @record
... class Pair(Record):
...     low: int = field(integer(0))
...     high: int = field(integer(0))
...     RULES = ()
>>> Pair(low=1, high="2")
Traceback (most recent call last):
...
ctocmodel.errors.ValidationError: 1 problem found:
  /high: expected an integer, got a string ('2')
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Iterable, Mapping
from types import UnionType
from typing import (
    Any,
    ClassVar,
    Literal,
    NoReturn,
    TypeVar,
    dataclass_transform,
    get_args,
    get_origin,
    overload,
)

import attrs

from ..errors import ValidationError
from ._checks import DATE, DATETIME, TEXT, Found, Kind, Problems, a, at, choice, describe
from .text import Text

__all__ = [
    "FieldSpec",
    "Record",
    "Rule",
    "declare_like",
    "explain",
    "field",
    "key_of",
    "model_class",
    "noun_of",
    "record",
    "rule",
    "rules_of",
    "specs",
    "stated",
]

_KEY = "ctocmodel"
C = TypeVar("C", bound=type)


class Record:
    """The base of every model class: a frozen attrs class made by `record`."""

    __slots__ = ()
    __attrs_attrs__: ClassVar[Any]  # what attrs' functions look for, to type checkers


@attrs.frozen
class FieldSpec:
    """Everything the model states about one field.

    *kind* checks one value (each item, for a tuple); *many*: a tuple of values;
    *optional*: None allowed; *unique*: no item twice; *target*: the noun of the
    records a reference names (``"organization"``); *records*: the record classes
    a value may be, for a field that holds records; *required*: no default (then
    *default* is None); *required_in_json*: a document states it even though Python
    gives it a default (the schema version, the type of a meeting).
    """

    name: str
    kind: Kind
    many: bool = False
    optional: bool = False
    unique: bool = False
    target: str | None = None
    records: tuple[type, ...] = ()
    required: bool = True
    default: Any = None
    doc: str = ""
    required_in_json: bool = False


@attrs.frozen
class Rule:
    """A rule relating several fields of one record: its check, where it reports, what it needs.

    *check* returns None when the record keeps the rule, else a message (reported at
    *path*) or ``(path, message)`` pairs. It runs once the fields in *needs* are
    well formed (all fields, when *needs* is None; always, when it is empty). *doc*
    states the rule in words, for the JSON Schema's list of rules and the format
    reference; *schema* is the rule in JSON Schema, where JSON Schema can state it.
    *verdict*, when given, tells the same as ``check(record) is None`` without
    building the problems.
    """

    check: Callable[[Any], str | Found | None]
    doc: str
    path: str = ""
    needs: tuple[str, ...] | None = None
    schema: Mapping[str, Any] | None = None
    verdict: Callable[[Any], bool] | None = None

    @property
    def name(self) -> str:
        return self.check.__name__.strip("_")

    def problems(self, instance: object) -> Found:
        result = self.check(instance)
        if result is None:
            return []
        return [(self.path, result)] if isinstance(result, str) else result


def rule(
    doc: str,
    *,
    path: str = "",
    needs: Iterable[str] | None = None,
    schema: Mapping[str, Any] | None = None,
    verdict: Callable[[Any], bool] | None = None,
) -> Callable[[Any], Rule]:
    """Declare a rule (see `Rule`); a decorator of its check function."""
    needed = None if needs is None else tuple(needs)
    return lambda check: Rule(check, doc, path, needed, schema, verdict)


def stated(*names: str) -> dict[str, Any]:
    """The JSON Schema of an object in which each of *names* is present and not null.

    For the *schema* of a rule: ``{"not": stated("date", "start")}`` says "not both".

    >>> stated("person")
    {'required': ['person'], 'properties': {'person': {'not': {'type': 'null'}}}}
    """
    return {
        "required": list(names),
        "properties": {name: {"not": {"type": "null"}} for name in names},
    }


def field(
    kind: Kind | None = None,
    *,
    ref: str | None = None,
    unique: bool = False,
    default: Any = attrs.NOTHING,
    doc: str = "",
    required_in_json: bool = False,
) -> Any:
    """Declare a field: the *kind* of value it holds, or the noun of the records it refers to.

    Without *kind* the annotation decides: a `Literal` is a choice, `datetime.date` a
    date, `Mapping[str, str]` multilingual text, a record class a nested record.
    """
    facts = {
        "kind": kind,
        "ref": ref,
        "unique": unique,
        "doc": doc,
        "required_in_json": required_in_json,
    }
    return attrs.field(default=default, metadata={_KEY: facts}, hash=None)


_SPECS: dict[type, tuple[FieldSpec, ...]] = {}
_RULES: dict[type, tuple[Rule, ...]] = {}
_NOUNS: dict[type, str] = {}


def specs(cls: type) -> tuple[FieldSpec, ...]:
    """The declared fields of the record class *cls*, in order."""
    return _SPECS[cls]


def rules_of(cls: type) -> tuple[Rule, ...]:
    """The rules of the record class *cls*."""
    return _RULES[cls]


def noun_of(cls: type) -> str | None:
    """What a record of *cls* is called when ids of that kind must be unique ("organization")."""
    return _NOUNS.get(cls)


_LIKE: dict[type, type] = {}


def declare_like(cls: type, model: type) -> None:
    """Give *cls*, a class that mirrors the record class *model*, the declarations of *model*.

    Its objects then go through the checks of the whole dataset as *model*'s do: for
    the benchmark's mirrors, other libraries' classes with the same fields.
    """
    _SPECS[cls], _RULES[cls], _LIKE[cls] = _SPECS[model], _RULES[model], model
    if model in _NOUNS:
        _NOUNS[cls] = _NOUNS[model]


def model_class(cls: type) -> type:
    """The record class *cls* is, or mirrors (see `declare_like`)."""
    return _LIKE.get(cls, cls)


def key_of(cls: type) -> tuple[str, ...] | None:
    """The fields that tell apart records of *cls* in one list, for a class without a noun.

    A class states them as ``KEY``: two participation entries of a session are for
    different organizations. None when the class states none.
    """
    key: tuple[str, ...] | None = getattr(cls, "KEY", None)
    return key


def _record_kind(classes: tuple[type, ...], name: str) -> Kind:
    allowed = frozenset(classes)

    def check_record(value: object) -> Problems:
        return None if type(value) in allowed else at(f"expected {a(name)}, got {describe(value)}")

    return Kind("record", check_record)


def _spec(field: attrs.Attribute[Any], hint: Any) -> FieldSpec:
    facts = field.metadata.get(_KEY, {})
    optional = False
    if get_origin(hint) in (typing.Union, UnionType):
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        optional, hint = True, inner[0]
    many = get_origin(hint) is tuple
    if many:
        hint = get_args(hint)[0]
    records: tuple[type, ...] = ()
    kind = facts.get("kind")
    if kind is None:
        if facts.get("ref"):
            from ._checks import REF

            kind = REF
        elif get_origin(hint) is Literal:
            kind = choice(get_args(hint))
        elif hint is dt.date:
            kind = DATE
        elif hint is dt.datetime:
            kind = DATETIME
        elif hint == Mapping[str, str]:
            kind = TEXT
        elif isinstance(hint, type) and (attrs.has(hint) or hasattr(hint, "VARIANTS")):
            variants = getattr(hint, "VARIANTS", None)
            records = tuple(variants.values()) if variants is not None else (hint,)
            kind = _record_kind(records, hint.__name__)
        else:
            raise TypeError(f"{field.name}: declare what a {hint!r} holds with field(kind)")
    required = field.default is attrs.NOTHING
    return FieldSpec(
        name=field.name,
        kind=kind,
        many=many,
        optional=optional,
        unique=facts.get("unique", False),
        target=facts.get("ref"),
        records=records,
        required=required,
        default=None if required else field.default,
        doc=facts.get("doc", ""),
        required_in_json=facts.get("required_in_json", False),
    )


def _verdict(spec: FieldSpec, index: int, names: dict[str, Any]) -> str:
    """A Python expression, true when field *spec* of ``self`` is good."""
    value = f"self.{spec.name}"
    kind = f"_k{index}"
    names[kind] = spec.kind.check
    if spec.many:
        if spec.records:
            names[f"_c{index}"] = frozenset(spec.records)
            test = f"_records_ok({value}, _c{index}, {spec.unique})"
        elif spec.target is not None:
            test = f"_refs_ok({value})"
        else:
            test = f"_each_ok({value}, {kind}, {spec.unique})"
        # Most lists are empty: no call for them (and no == with a stranger's object).
        test = f"((type({value}) is tuple and not {value}) or {test})"
    elif len(spec.records) == 1:
        names[f"_c{index}"] = spec.records[0]
        test = f"type({value}) is _c{index}"
    elif spec.target is not None:
        test = f"type({value}) is str"
    elif spec.kind.values:
        names[f"_c{index}"] = frozenset(spec.kind.values)
        test = f"(type({value}) is str and {value} in _c{index})"
    else:
        test = f"{kind}({value}) is None"
    return f"({value} is None or {test})" if spec.optional else test


def _normalizing(spec: FieldSpec) -> list[str]:
    """Statements that store a Python list as a tuple, and any mapping as `Text`."""
    value = f"self.{spec.name}"
    if spec.many:
        convert = "_texts" if spec.kind is TEXT else "tuple"
        if spec.kind is TEXT:
            return [
                f"if type({value}) in (tuple, list): _set(self, {spec.name!r}, _texts({value}))"
            ]
        return [f"if type({value}) is list: _set(self, {spec.name!r}, {convert}({value}))"]
    if spec.kind is TEXT:
        # A dict (what JSON gives) first; the isinstance test only for rarer values.
        return [
            f"if type({value}) is dict: _set(self, {spec.name!r}, _Text({value}))",
            f"elif {value} is not None and type({value}) is not _Text"
            f" and isinstance({value}, _Mapping):",
            f"    _set(self, {spec.name!r}, _Text({value}))",
        ]
    return []


def _records_ok(value: object, classes: frozenset[type], unique: bool) -> bool:
    if type(value) is not tuple:
        return False
    for item in value:
        if type(item) not in classes:
            return False
    return not unique or len(set(value)) == len(value)


def _refs_ok(value: object) -> bool:
    """A tuple of distinct strings (whether they resolve is the dataset's concern)."""
    if type(value) is not tuple:
        return False
    count = len(value)
    if count <= 1:
        return count == 0 or type(value[0]) is str
    for item in value:
        if type(item) is not str:
            return False
    return len(set(value)) == count


def _each_ok(value: object, check: Callable[[object], Problems], unique: bool) -> bool:
    if type(value) is not tuple:
        return False
    for item in value:
        if check(item) is not None:
            return False
    return not unique or len(set(value)) == len(value)


def _texts(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(Text(item) if isinstance(item, Mapping) else item for item in value)


def _generate(
    cls: type, fields: tuple[FieldSpec, ...], rules: tuple[Rule, ...]
) -> Callable[..., None]:
    names: dict[str, Any] = {
        "_set": object.__setattr__,
        "_Text": Text,
        "_Mapping": Mapping,
        "_texts": _texts,
        "_records_ok": _records_ok,
        "_refs_ok": _refs_ok,
        "_each_ok": _each_ok,
        "_explain": explain,
    }
    lines = [line for spec in fields for line in _normalizing(spec)]
    tests = [_verdict(spec, index, names) for index, spec in enumerate(fields)]
    for index, declared in enumerate(rules):
        if declared.verdict is not None:
            names[f"_r{index}"] = declared.verdict
            tests.append(f"_r{index}(self)")
        else:
            names[f"_r{index}"] = declared.check
            tests.append(f"_r{index}(self) is None")
    body = [*lines, f"if {' and '.join(tests) or 'True'}:", "    return", "_explain(self)"]
    source = "def __attrs_post_init__(self):\n" + "".join(f"    {line}\n" for line in body)
    filename = f"<ctocmodel generated checks of {cls.__qualname__}>"
    exec(compile(source, filename, "exec"), names)
    function: Callable[..., None] = names["__attrs_post_init__"]
    function.__qualname__ = f"{cls.__qualname__}.__attrs_post_init__"
    function.__doc__ = "Check every declared rule; see `ctocmodel._model._record`."
    return function


def explain(instance: object) -> None:
    """Raise `ValidationError` with every problem of *instance*, if it has any.

    Each field is asked first; a rule runs once the fields it needs are well formed.
    """
    cls = type(instance)
    found: Found = []
    failed: set[str] = set()
    for spec in _SPECS[cls]:
        problems = field_problems(spec, getattr(instance, spec.name))
        if problems:
            failed.add(spec.name)
            found += [(f"/{spec.name}{path}", message) for path, message in problems]
    for declared in _RULES[cls]:
        if failed and (declared.needs is None or not failed.isdisjoint(declared.needs)):
            continue
        found += declared.problems(instance)
    if found:
        fail(found)


def fail(found: Found) -> NoReturn:
    """Raise the problems found as one `ValidationError`."""
    raise ValidationError.from_pairs(found)


def expected_tuple(value: object) -> str:
    """Explain that a tuple was expected."""
    return f"expected a tuple (an array in JSON), got {describe(value)}"


def field_problems(spec: FieldSpec, value: object) -> Found:
    """The problems of *value* in the field *spec*, with paths relative to the field."""
    if value is None and spec.optional:
        return []
    if not spec.many:
        return spec.kind.check(value) or []
    if type(value) is not tuple:
        return at(expected_tuple(value))
    found: Found = []
    seen: set[object] = set()
    for index, item in enumerate(value):
        problems = spec.kind.check(item)
        if problems:
            found += [(f"/{index}{path}", message) for path, message in problems]
        elif spec.unique or spec.target is not None:
            if item in seen:
                what = (
                    repr(item) if isinstance(item, str) else f"this {type(item).__name__.lower()}"
                )
                found.append((f"/{index}", f"{what} is listed twice"))
            seen.add(item)
    return found


@overload
def record(cls: C, /) -> C: ...


@overload
def record(*, noun: str | None = None) -> Callable[[C], C]: ...


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: C | None = None, *, noun: str | None = None) -> Any:
    """Make *cls* a frozen, keyword-only attrs class that checks its declarations.

    *noun* names its records where their ids must be unique across a dataset.
    """

    def make(cls: C) -> C:
        cls.__attrs_post_init__ = lambda self: None  # type: ignore[attr-defined] # so attrs calls it
        made = attrs.frozen(kw_only=True)(cls)
        hints = typing.get_type_hints(made)
        fields = tuple(_spec(f, hints[f.name]) for f in attrs.fields(made))
        rules = tuple(getattr(made, "RULES", ()))
        _SPECS[made], _RULES[made] = fields, rules
        if noun is not None:
            _NOUNS[made] = noun
        made.__attrs_post_init__ = _generate(made, fields, rules)  # type: ignore[attr-defined]
        return made

    return make if cls is None else make(cls)

"""cattrs converters between ctocmodel objects and JSON-ready Python data.

`make_converter` builds a strict converter on top of cattrs' preconfigured ``json``
converter; `configure_converter` makes an existing converter strict. Structuring
never coerces: a string is not a number, ``7.9`` is not an integer, ``true`` is not
``1``, ``"abc"`` is not a list, ``null`` is not a string, ``"20141006"`` is not a
date and a date-time without a UTC offset is refused. Unknown keys are refused by
name. Every problem is reported at once as a `ctocmodel.ValidationError`:

>>> converter = make_converter()
>>> try:
...     converter.structure({"schema_version": "1.0", "topics": [{"id": 7, "lable": {}}]}, Dataset)
... except ValidationError as error:
...     for problem in error.errors:
...         print(problem)
/topics/0/id: expected a string, got an integer (7)
/topics/0/label: required field is missing
/topics/0/lable: unknown field 'lable' (did you mean 'label'?)
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable, Mapping
from contextvars import ContextVar, copy_context
from itertools import islice
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import configure_converter as configure_json_converter

from ._model import MEETING_TYPES, SCHEMA_VERSION, Dataset, Meeting
from ._model._checks import Found, check_text, choice_message, describe, suggest
from ._model.dataset import schema_version_problem
from ._model.text import MultilingualText
from .errors import Problem, ValidationError, pointer

__all__ = [
    "Converter",
    "configure_converter",
    "format_datetime",
    "make_converter",
    "structure",
    "structure_date",
    "structure_datetime",
]

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,6})?"
    r"(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]|[+-][0-9]{2}:[0-9]{2})?$"
)


def _problem(message: str, path: str = "") -> ValidationError:
    return ValidationError([Problem(path=path, message=message)])


class _Budget:
    """How many problems one document may yield before checking stops (`Limits.max_problems`).

    *count* is the number of problems found so far in arrays, where a document can
    hold millions of them; each loop over an array keeps it exact.
    """

    __slots__ = ("count", "limit", "stopped")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.stopped = False


_T = TypeVar("_T")

_BUDGET: ContextVar[_Budget | None] = ContextVar("ctocmodel_problem_budget", default=None)

# The problem every array reports once checking has stopped; removed at the end.
_NOT_CHECKED = "not checked: too many problems were found before"


def _stopped_message(budget: _Budget) -> str:
    return (
        f"the limit of {budget.limit:,} problems was reached: checking stopped there and "
        "any further problems are not listed; fix these, or pass "
        "limits=Limits(max_problems=...) to see more"
    )


def _capped(items: list[_T]) -> list[_T]:
    """*items* (problems, or what they will be about), cut to the budget's limit.

    Cutting them stops the checking, which the report then says.
    """
    budget = _BUDGET.get()
    if budget is None or len(items) <= budget.limit:
        return items
    budget.stopped = True
    budget.count = max(budget.count, budget.limit)
    return items[: budget.limit]


# Longer words are never close to a field name or choice (difflib's ratio could not
# reach its cutoff), and comparing them would cost time and memory for nothing.
_LONGEST_SUGGESTED = 100


def _shown(value: str) -> str:
    """*value* quoted, shortened when long, for a message."""
    if len(value) <= _LONGEST_SUGGESTED:
        return repr(value)
    return f"{value[:37]!r}... ({len(value):,} characters)"


def _choice_message(value: object, choices: tuple[str, ...]) -> str:
    if isinstance(value, str) and len(value) > _LONGEST_SUGGESTED:
        listed = ", ".join(repr(choice) for choice in choices)
        return f"expected one of {listed}; got {describe(value)}"
    return choice_message(value, choices)


def _structure_str(value: object, _: type) -> str:
    if type(value) is str:
        return value
    raise _problem(f"expected a string, got {describe(value)}")


def _structure_int(value: object, _: type) -> int:
    # Its range is the model's concern: each integer field declares its bounds.
    if type(value) is int:
        return value
    raise _problem(f"expected an integer, got {describe(value)}")


def structure_date(value: object, _: type = dt.date) -> dt.date:
    """Read a date as the format writes it, ``YYYY-MM-DD``, and nothing else.

    >>> structure_date("2014-10-06")
    datetime.date(2014, 10, 6)
    """
    if type(value) is not str:
        raise _problem(f"expected a date (a string such as '2014-10-06'), got {describe(value)}")
    if not _DATE.fullmatch(value):
        raise _problem(
            f"{_shown(value)} is not a date in the form YYYY-MM-DD, such as '2014-10-06'"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _problem(f"{value!r} is not a date of the calendar") from None


def structure_datetime(value: object, _: type = dt.datetime) -> dt.datetime:
    """Read a date-time as the format allows: seconds, and ``Z`` or a UTC offset.

    >>> structure_datetime("2014-10-07T13:00:00Z").isoformat()
    '2014-10-07T13:00:00+00:00'
    """
    if type(value) is not str:
        raise _problem(
            "expected a date-time (a string such as '2014-10-07T13:00:00+02:00'), "
            f"got {describe(value)}"
        )
    match = _DATETIME.fullmatch(value)
    if match is None:
        raise _problem(
            f"{_shown(value)} is not a date-time in the form YYYY-MM-DDTHH:MM:SS followed by "
            "'Z' or a UTC offset, such as '2014-10-07T13:00:00+02:00'"
        )
    offset = match.group(6)
    if offset == "-00:00":
        raise _problem(
            f"{value!r} ends with -00:00, which RFC 3339 uses for an unknown offset; "
            "give the offset in force where it took place, or 'Z' for UTC"
        )
    if offset is not None and offset != "Z" and (offset[1:3] > "23" or offset[4:] > "59"):
        raise _problem(f"{value!r} has the UTC offset {offset}, which is not a valid offset")
    if offset is None:
        raise _problem(
            f"{value!r} has no UTC offset; add the offset in force where it took place, "
            f"such as '{value}+02:00', or 'Z' for UTC"
        )
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise _problem(f"{value!r} is not a date-time of the calendar") from None


def format_datetime(value: dt.datetime) -> str:
    """Write an aware date-time in the canonical form: seconds always, ``Z`` for UTC.

    >>> format_datetime(dt.datetime(2014, 10, 7, 13, tzinfo=dt.UTC))
    '2014-10-07T13:00:00Z'
    >>> format_datetime(dt.datetime(2014, 10, 7, 13, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    '2014-10-07T13:00:00+02:00'
    """
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _structure_text(value: object, _: type) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _problem(
            "expected multilingual text (an object from language tag to text, such as "
            f'{{"fr": "...", "en": "..."}}), got {describe(value)}'
        )
    found = _text_problems(value)
    problems = _duplicate_problems(value) + [Problem(path=p, message=m) for p, m in found]
    if problems:
        raise ValidationError(_sorted(_capped(problems)))
    return dict(value)


def _text_problems(value: MultilingualText) -> Found:
    """The problems of multilingual text; of a huge one, as many as the budget allows."""
    budget = _BUDGET.get()
    if budget is None or len(value) <= budget.limit:
        return check_text(value) or []
    found: Found = []
    members = iter(value.items())
    while len(found) <= budget.limit and (chunk := dict(islice(members, budget.limit))):
        found += check_text(chunk) or []
    return found


def _duplicate_problems(value: dict[str, Any]) -> list[Problem]:
    return [
        Problem(
            path=pointer(key),
            message=f"the key {_shown(key)} appears more than once in this object; keep one",
        )
        for key in _capped(getattr(value, "duplicates", []))
    ]


def _is_text(type_: Any) -> bool:
    return bool(type_ == Mapping[str, str])


def _is_str_literal(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is Literal and all(type(arg) is str for arg in args)


def _literal_factory(type_: Any) -> Callable[[object, type], str]:
    choices: tuple[str, ...] = get_args(type_)

    def structure_literal(value: object, _: type) -> str:
        if type(value) is str and value in choices:
            return value
        raise _problem(_choice_message(value, choices))

    return structure_literal


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    union: bool = get_origin(type_) in (Union, types.UnionType)
    return union and len(args) == 2 and type(None) in args


def _optional_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner = next(arg for arg in get_args(type_) if arg is not type(None))
    handler = converter.get_structure_hook(inner)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else handler(value, inner)

    return structure_optional


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_factory(type_: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    item_type = get_args(type_)[0]
    handler = converter.get_structure_hook(item_type)

    def structure_tuple(value: object, _: type) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise _problem(f"expected an array, got {describe(value)}")
        if not value:  # most arrays are empty
            return ()
        budget = _BUDGET.get()
        if budget is not None and budget.stopped:
            raise _problem(_NOT_CHECKED)
        mark = 0 if budget is None else budget.count
        items: list[Any] = []
        append = items.append
        for item in value:
            try:
                append(handler(item, item_type))
            except Exception as error:  # every failure becomes a located problem
                _explain_items(value, len(items), error, handler, item_type, budget, mark)
        return tuple(items)

    return structure_tuple


def _explain_items(
    value: list[Any] | tuple[Any, ...],
    index: int,
    error: Exception,
    handler: Callable[[Any, Any], Any],
    item_type: Any,
    budget: _Budget | None,
    mark: int,
) -> None:
    """Raise the problems of the items of *value* from *index*, whose item failed with *error*.

    Each item's exception becomes located problems at once (an exception holds its
    traceback, and so its frames, alive). With a budget, the count of problems found
    in arrays stays exact: an item's problems replace those the arrays inside it
    counted. Checking stops once the budget is spent.
    """
    problems: list[Problem] = []
    failure: Exception | None = error
    while failure is not None:
        problems += problems_from(failure, pointer(index))
        if budget is not None:
            budget.count = mark + len(problems)
            if budget.count >= budget.limit or budget.stopped:
                budget.stopped = True
                break
        failure = None
        for index in range(index + 1, len(value)):  # noqa: B020 - on to the next failure
            try:
                handler(value[index], item_type)
            except Exception as next_failure:
                failure = next_failure
                break
    raise ValidationError(problems)


def _attrs_factory(cls: type, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = "a dataset" if cls is Dataset else f"an object ({cls.__name__})"

    def structure_attrs(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            raise _problem(f"expected {name}, got {describe(value)}")
        if cls is Dataset:
            _check_schema_version(value)
        problems = _duplicate_problems(value)
        try:
            result = inner(value, cls)
        except Exception as error:  # every failure becomes a located problem
            problems += problems_from(error)
        if problems:
            if cls is Dataset:
                problems += _newer_version_hint(value["schema_version"])
            raise ValidationError(_sorted(problems))
        return result

    return structure_attrs


def _check_schema_version(value: dict[str, Any]) -> None:
    if "schema_version" not in value:
        raise _problem(
            "required field is missing: every document states its schema version, "
            f"such as {SCHEMA_VERSION!r}",
            "/schema_version",
        )
    problem = schema_version_problem(value["schema_version"])
    if problem is not None:
        # Alone: a document of another version fails every other rule for that reason.
        raise _problem(problem, "/schema_version")


def _is_meeting(type_: Any) -> bool:
    # Only the abstract class: its subclasses are attrs classes with hooks of their own.
    return type_ is Meeting


def _newer_version_hint(version: str) -> list[Problem]:
    """Explain problems in a document of a later minor version than this library's."""
    minor = int(version.split(".")[1])
    if minor <= int(SCHEMA_VERSION.split(".")[1]):
        return []
    return [
        Problem(
            path="/schema_version",
            message=f"this document uses schema version {version}, newer than the "
            f"{SCHEMA_VERSION} this ctocmodel reads: unknown fields may have been added since; "
            "upgrade ctocmodel to read them",
        )
    ]


def _meeting_factory(_: Any, converter: cattrs.Converter) -> Callable[[object, type], Meeting]:
    hooks = {tag: converter.get_structure_hook(cls) for tag, cls in MEETING_TYPES.items()}
    tags = tuple(MEETING_TYPES)

    def structure_meeting(value: object, _: type) -> Meeting:
        if not isinstance(value, dict):
            raise _problem(f"expected a meeting (an object), got {describe(value)}")
        if "type" not in value:
            raise _problem(
                "required field is missing: a meeting says what it is, one of "
                + ", ".join(repr(tag) for tag in tags),
                "/type",
            )
        tag = value["type"]
        if type(tag) is not str or tag not in hooks:
            raise _problem(_choice_message(tag, tags), "/type")
        meeting: Meeting = hooks[tag](value, MEETING_TYPES[tag])
        return meeting

    return structure_meeting


def _unstructure_tuple_factory(
    type_: Any, converter: cattrs.Converter
) -> Callable[[tuple[Any, ...]], list[Any]]:
    item_type = get_args(type_)[0]
    handler = converter.get_unstructure_hook(item_type)
    return lambda value: [handler(item) for item in value]


def configure_converter(converter: cattrs.Converter) -> None:
    """Make *converter* strict and teach it the ctocmodel classes and canonical forms.

    Use it on a converter of your own; `make_converter` calls it on a new one.
    """
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(dt.date, structure_date)
    converter.register_structure_hook(dt.datetime, structure_datetime)
    converter.register_structure_hook_func(_is_text, _structure_text)
    converter.register_structure_hook_factory(_is_str_literal, _literal_factory)
    converter.register_structure_hook_factory(_is_optional, _optional_factory)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_factory)
    converter.register_structure_hook_factory(attrs.has, _attrs_factory)
    converter.register_structure_hook_factory(_is_meeting, _meeting_factory)

    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, format_datetime)
    converter.register_unstructure_hook_func(_is_text, dict)
    converter.register_unstructure_hook_func(
        _is_meeting, lambda meeting: converter.unstructure(meeting, type(meeting))
    )
    converter.register_unstructure_hook_factory(_is_homogeneous_tuple, _unstructure_tuple_factory)


class Converter(JsonConverter):
    """The converter `make_converter` returns: cattrs' JSON converter, made strict.

    It pickles, for use across processes, as a new converter from `make_converter`:
    hooks registered on it afterwards are not carried over.
    """

    def __reduce__(self) -> tuple[Callable[[], Converter], tuple[()]]:
        return (make_converter, ())


def make_converter() -> Converter:
    """Return a new strict converter for ctocmodel classes (see the module documentation).

    >>> converter = make_converter()
    >>> converter.unstructure(Dataset())["schema_version"]
    '1.1'
    """
    converter = Converter(detailed_validation=True, forbid_extra_keys=True)
    configure_json_converter(converter)
    configure_converter(converter)
    return converter


def structure(
    converter: cattrs.Converter, data: object, *, max_problems: int | None = None
) -> Dataset:
    """Structure JSON-ready *data* into a `Dataset`; raise `ValidationError` with every problem.

    The same as ``converter.structure(data, Dataset)``: the hooks of `configure_converter`
    raise `ValidationError` for every class, never cattrs' exception groups. With
    *max_problems*, checking stops after about that many problems, and the first
    problem reported (at the root) says so.
    """
    # In a context of its own, which ends with the call: however the call ends (an
    # exception, an interrupt between any two instructions), the caller's context never
    # holds the budget.
    return copy_context().run(_structure, converter, data, max_problems)


def _structure(converter: cattrs.Converter, data: object, max_problems: int | None) -> Dataset:
    budget = None if max_problems is None else _Budget(max_problems)
    _BUDGET.set(budget)
    try:
        dataset: Dataset = converter.structure(data, Dataset)
    except ValidationError as error:
        if budget is None or not budget.stopped:
            raise
        kept = [problem for problem in error.errors if problem.message != _NOT_CHECKED]
        stopped = Problem(path="", message=_stopped_message(budget))
        raise ValidationError([stopped, *kept]) from None
    return dataset


def problems_from(error: BaseException, path: str = "") -> list[Problem]:
    """Turn an exception raised while structuring into located problems.

    This walks cattrs' exception groups as `cattrs.transform_error` does, but yields
    JSON Pointers and keeps the messages of ctocmodel's own rules.
    """
    if isinstance(error, ValidationError):
        return [Problem(path=path + p.path, message=p.message) for p in _capped(error.errors)]
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        found = [
            p for sub, note in with_notes for p in problems_from(sub, path + pointer(note.name))
        ]
        return found + [p for sub in without for p in problems_from(sub, path)]
    if isinstance(error, IterableValidationError):
        with_index, without = error.group_exceptions()
        found = [
            p for sub, note in with_index for p in problems_from(sub, path + pointer(note.index))
        ]
        return found + [p for sub in without for p in problems_from(sub, path)]
    if isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)]
        return [
            Problem(
                path=path + pointer(key),
                message=f"unknown field {_shown(key)}"
                + (suggest(key, known) if len(key) <= _LONGEST_SUGGESTED else ""),
            )
            for key in _capped(sorted(error.extra_fields))
        ]
    if isinstance(error, KeyError):
        return [Problem(path=path, message="required field is missing")]
    if isinstance(error, RecursionError):
        return [Problem(path=path, message="the document is nested too deeply to read")]
    return [
        Problem(path=path, message=f"could not read this value ({type(error).__name__}: {error})")
    ]


def _path_key(problem: Problem) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(token)) if token.isdigit() else (1, token) for token in problem.path.split("/")[1:]
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=_path_key)

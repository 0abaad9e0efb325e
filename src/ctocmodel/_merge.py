"""Combining datasets: `merge` joins records by id and reports every conflict.

Records are walked through their declarations: records with a noun (organizations,
sessions, meetings...) are joined by id, records with a ``KEY`` (a session's
participation entries, reported figures) by that key, and the sources and citations
of a record are joined into one list. Any other difference is a `Conflict`: the two
values, the inputs and JSON Pointers they come from, and the sources that cite them.
A conflict is resolved by a rule the caller passes (`PreferSource`,
`PreferLaterRetrieval`, `KeepBoth`, or any function of a `Conflict`), or by editing
one of the inputs; an unresolved conflict keeps the value of the first input that
gives one, and says so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from ._model import SCHEMA_VERSION, Citation, Dataset, FieldSpec, key_of, noun_of, specs
from ._model.dataset import SCHEMA_VERSION_KIND
from ._provenance import why
from .errors import Problem, ValidationError

__all__ = [
    "Conflict",
    "KeepBoth",
    "PreferLaterRetrieval",
    "PreferSource",
    "Side",
    "merge",
    "shown_value",
]


@attrs.frozen(kw_only=True)
class Side:
    """One side of a conflict: a value, the input and JSON Pointer it comes from, its sources.

    *dataset* names the input (a file name, or ``#1`` for the first dataset given);
    *sources* are the ids of the sources that cite the value (see `why`);
    *retrieved* the latest day one of its citations was retrieved, when known.
    """

    dataset: str
    at: str
    value: Any
    sources: tuple[str, ...] = ()
    retrieved: dt.date | None = None


@attrs.frozen(kw_only=True)
class Conflict:
    """Two inputs that say different things of one record: never settled silently.

    *at* is the JSON Pointer of the value in the merged dataset; *kept* the side it
    held when *other* came (the first input that said something); *value* what the
    merged dataset holds; *resolved_by* names the rule that chose it, None while the
    conflict is unresolved (the merged dataset then holds *kept*'s value);
    *reason* says why two records could not be combined field by field.
    """

    at: str
    kept: Side
    other: Side
    value: Any
    resolved_by: str | None = None
    reason: str | None = None

    def __str__(self) -> str:
        return f"{self.other.dataset}:{self.other.at}: {self.message(located=False)}"

    @property
    def resolved(self) -> bool:
        """Whether a rule settled the conflict."""
        return self.resolved_by is not None

    def message(self, located: bool = True) -> str:
        """The conflict in words, naming both values, inputs, pointers and sources.

        Without *located*, the message leaves out the input and pointer of *other*, for
        a report that gives them first (``FILE:LINE:COLUMN:/pointer: message``).
        """
        text = f"{_side_words(self.other, located)} conflicts with {_side_words(self.kept)}"
        if self.reason:
            text += f" ({self.reason})"
        if self.resolved_by is None:
            return (
                f"{text}; unresolved: the merged dataset keeps {self.kept.dataset}'s value "
                "until a rule (prefer a source, the later retrieval, keep both) or an edit "
                "settles it"
            )
        return f"{text}; resolved by {self.resolved_by}: {shown_value(self.value)}"


def _side_words(side: Side, located: bool = True) -> str:
    cited = ", ".join(side.sources) if side.sources else "no source"
    when = f", retrieved {side.retrieved.isoformat()}" if side.retrieved else ""
    place = f"{side.dataset}:{side.at} " if located else ""
    return f"{place}{shown_value(side.value)} (cited: {cited}{when})"


def shown_value(value: Any, width: int = 80) -> str:
    """*value* as JSON, shortened to about *width* characters."""
    from ._io import default_converter

    data = default_converter().unstructure(value)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text if len(text) <= width else text[: width - 3] + "..."


Rule = Callable[[Conflict], Any]
"""A resolution rule: given a conflict, the value to keep, or None to leave it to the next."""


@attrs.frozen
class PreferSource:
    """Keep the side that *source* states: a source id it cites, or the name of its input.

    >>> PreferSource("unodc-news")
    PreferSource(source='unodc-news')
    """

    source: str

    def __call__(self, conflict: Conflict) -> Any:
        def says(side: Side) -> bool:
            return self.source == side.dataset or self.source in side.sources

        kept, other = says(conflict.kept), says(conflict.other)
        if kept == other:
            return None
        return conflict.kept.value if kept else conflict.other.value

    def __str__(self) -> str:
        return f"preferring {self.source}"


@attrs.frozen
class PreferLaterRetrieval:
    """Keep the side whose citations were retrieved later (both must say when)."""

    def __call__(self, conflict: Conflict) -> Any:
        kept, other = conflict.kept.retrieved, conflict.other.retrieved
        if kept is None or other is None or kept == other:
            return None
        return conflict.kept.value if kept > other else conflict.other.value

    def __str__(self) -> str:
        return "preferring the later retrieval"


@attrs.frozen
class KeepBoth:
    """Where the field is a list, keep the items of both sides (in order, each once)."""

    def __call__(self, conflict: Conflict) -> Any:
        kept, other = conflict.value, conflict.other.value
        if type(kept) is not tuple or type(other) is not tuple:
            return None
        return tuple(dict.fromkeys((*kept, *other)))

    def __str__(self) -> str:
        return "keeping both"


@attrs.frozen
class _Item:
    origin: int
    at: str
    value: Any


def _said(value: Any) -> bool:
    return value is not None and value != ()


def _provenance(spec: FieldSpec) -> bool:
    """A list of where facts come from: sources and citations are joined, never in conflict."""
    return spec.many and (spec.target == "source" or spec.records == (Citation,))


class _Merger:
    def __init__(self, datasets: Sequence[Dataset], names: Sequence[str], rules: Sequence[Rule]):
        self.datasets, self.names, self.rules = datasets, names, rules
        self.conflicts: list[Conflict] = []

    def record(self, items: list[_Item], out: str) -> Any:
        first = items[0].value
        if all(item.value == first for item in items[1:]):
            return first
        cls = type(first)
        noun = noun_of(cls)
        if any(type(item.value) is not cls for item in items) or (
            noun is not None and any(item.value.id != first.id for item in items)
        ):
            return self.scalar(items, out)
        mark = len(self.conflicts)
        values = {
            spec.name: self.field(
                spec,
                [
                    _Item(item.origin, f"{item.at}/{spec.name}", getattr(item.value, spec.name))
                    for item in items
                ],
                f"{out}/{spec.name}",
            )
            for spec in specs(cls)
        }
        try:
            return cls(**values)
        except ValidationError as error:
            if cls is Dataset:
                raise ValidationError(
                    [
                        Problem(
                            path=problem.path,
                            message=f"in the merged dataset: {problem.message}",
                        )
                        for problem in error.errors
                    ]
                ) from None
            # Combined field by field, the records break one of their rules (a date from
            # one, a start time from the other): they conflict as wholes.
            del self.conflicts[mark:]
            reason = "; ".join(f"{p.path}: {p.message}" for p in error.errors[:3])
            return self.scalar(items, out, f"together they break a rule: {reason}")

    def field(self, spec: FieldSpec, items: list[_Item], out: str) -> Any:
        said = [item for item in items if _said(item.value)]
        if not said:
            return items[0].value
        if spec.kind is SCHEMA_VERSION_KIND:
            return SCHEMA_VERSION if len({item.value for item in said}) > 1 else said[0].value
        if len(said) == 1:
            return said[0].value
        if _provenance(spec):
            return tuple(dict.fromkeys(value for item in said for value in item.value))
        if spec.records:
            cls = spec.records[0]
            if not spec.many:
                return self.record(said, out)
            if noun_of(cls) is not None:
                return self.keyed(said, out, lambda record: record.id)
            key = key_of(cls)
            if key is not None:
                return self.keyed(said, out, lambda record: tuple(getattr(record, k) for k in key))
        return self.scalar(said, out)

    def keyed(self, items: list[_Item], out: str, key: Callable[[Any], Any]) -> tuple[Any, ...]:
        groups: dict[Any, list[_Item]] = {}
        for item in items:
            for index, element in enumerate(item.value):
                groups.setdefault(key(element), []).append(
                    _Item(item.origin, f"{item.at}/{index}", element)
                )
        return tuple(
            group[0].value if len(group) == 1 else self.record(group, f"{out}/{position}")
            for position, group in enumerate(groups.values())
        )

    def scalar(self, items: list[_Item], out: str, reason: str | None = None) -> Any:
        kept = self.side(items[0])
        current = kept.value
        for item in items[1:]:
            if item.value == current:
                continue
            conflict = Conflict(
                at=out, kept=kept, other=self.side(item), value=current, reason=reason
            )
            for rule in self.rules:
                choice = rule(conflict)
                if choice is not None:
                    conflict = attrs.evolve(conflict, value=choice, resolved_by=str(rule))
                    current = choice
                    break
            self.conflicts.append(conflict)
        return current

    def side(self, item: _Item) -> Side:
        cited = why(self.datasets[item.origin], item.at)
        days = [c.citation.retrieved for c in cited if c.citation.retrieved is not None]
        return Side(
            dataset=self.names[item.origin],
            at=item.at,
            value=item.value,
            sources=tuple(dict.fromkeys(c.source.id for c in cited)),
            retrieved=max(days, default=None),
        )


def merge(
    *datasets: Dataset, rules: Iterable[Rule] = (), names: Sequence[str] | None = None
) -> tuple[Dataset, list[Conflict]]:
    """Combine *datasets* into one; return it with every conflict found.

    Records with the same id and the same content become one; a value one dataset
    gives and another leaves out is kept; different values are a `Conflict`, which
    the first of *rules* that can settles (`PreferSource`, `PreferLaterRetrieval`,
    `KeepBoth`, or any function of a conflict returning the value to keep, or None).
    Unresolved conflicts keep the first dataset's value and stay in the list with
    ``resolved_by`` None. *names* name the datasets in conflicts (default ``#1``,
    ``#2``...). ``merge(d)`` is ``(d, [])``; merging is associative and idempotent.
    A merged dataset that breaks a rule across records raises `ValidationError`.

    >>> from ctocmodel import Dataset, Organization
    >>> a = Dataset(organizations=(Organization(id="x", name={"en": "X"}, kind="ngo"),))
    >>> b = Dataset(organizations=(Organization(id="x", name={"en": "Ex"}, kind="ngo"),))
    >>> merged, conflicts = merge(a, b)
    >>> merged.organizations[0].name["en"], conflicts[0].at, conflicts[0].resolved
    ('X', '/organizations/0/name', False)
    >>> merge(a, b, rules=[PreferSource("#2")])[0].organizations[0].name["en"]
    'Ex'
    """
    if not datasets:
        raise TypeError("merge needs at least one dataset")
    for dataset in datasets:
        if not isinstance(dataset, Dataset):
            raise TypeError(f"expected datasets, got {type(dataset).__name__}")
    labels = [f"#{n}" for n in range(1, len(datasets) + 1)] if names is None else list(names)
    if len(labels) != len(datasets):
        raise ValueError(f"{len(labels)} names for {len(datasets)} datasets")
    merger = _Merger(datasets, labels, list(rules))
    merged = merger.record([_Item(n, "", d) for n, d in enumerate(datasets)], "")
    assert isinstance(merged, Dataset)
    return merged, merger.conflicts

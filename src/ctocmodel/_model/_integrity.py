"""Rules that span a whole dataset: unique ids, references that resolve, records that agree.

Which ids must be unique and what each reference names come from the declarations
(`noun_of`, `FieldSpec.target`); the rules that relate records of different kinds
are declared here with `dataset_rule`. One walk serves both verdicts: without paths
it stops at the first problem (the usual valid document pays for nothing more); with
paths it lists every problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import Found, suggest
from ._record import FieldSpec, noun_of, rule, specs
from .figures import ReportedFigure
from .organizations import NGO_KINDS, UN_KINDS, Organization
from .sessions import Participation, Session
from .topics import BUILTIN_TOPICS, Topic

if TYPE_CHECKING:
    from .dataset import Dataset

# Each "did you mean" compares the reference with every id of its kind (up to a
# millisecond each for long, similar ids): only the first references that do not
# resolve get one, within a total number of comparisons, so that a document full of
# them is refused in linear time.
_SUGGESTIONS = 20
_COMPARISONS = 2_000
# The ids a message shows of a loop; a longer loop is shortened, its length given.
_SHOWN_IN_LOOP = 10


class _Stop(Exception):
    """The first problem, when only the verdict is wanted."""


@attrs.frozen
class DatasetRule:
    """A rule relating records across the dataset, checked on each record of a class.

    *check* gets the record and the `Index` and returns None, a message (reported at
    *path* under the record) or ``(path, message)`` pairs.
    """

    check: Callable[[Any, Index], str | Found | None]
    doc: str
    path: str = ""

    @property
    def name(self) -> str:
        return self.check.__name__.strip("_")


DATASET_RULES: dict[type, list[DatasetRule]] = {}


def dataset_rule(
    cls: type, doc: str, *, path: str = ""
) -> Callable[[Callable[[Any, Index], str | Found | None]], DatasetRule]:
    """Declare a rule of the whole dataset, checked on every record of *cls*."""

    def declare(check: Callable[[Any, Index], str | Found | None]) -> DatasetRule:
        declared = DatasetRule(check, doc, path)
        DATASET_RULES.setdefault(cls, []).append(declared)
        return declared

    return declare


class Index:
    """The records of a dataset by noun and id, and the problems found so far."""

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.found: Found = []
        self.records: dict[str, dict[str, Any]] = {}
        self.where: dict[str, dict[str, str]] = {}
        self.deferred: list[tuple[str, str, str]] = []
        self.suggestions, self.comparisons = _SUGGESTIONS, _COMPARISONS

    def problem(self, path: str | None, message: Callable[[], str]) -> None:
        if not self.explain:
            raise _Stop
        self.found.append((path or "", message()))

    def add(self, noun: str, record: Any, path: str | None) -> None:
        table = self.records.setdefault(noun, {})
        record_id = record.id
        if record_id not in table:
            table[record_id] = record
            if self.explain:
                self.where.setdefault(noun, {})[record_id] = path or ""
            return
        where = self.where[noun][record_id] if self.explain else ""
        self.problem(
            f"{path}/id", lambda: f"the {noun} id {record_id!r} is already used by {where}"
        )

    def get(self, noun: str, record_id: str) -> Any:
        """The record of kind *noun* with the id *record_id*, or None."""
        return self.records.get(noun, {}).get(record_id)

    def resolve(self, noun: str, value: str, path: str | None) -> None:
        table = self.records.get(noun, {})
        if value in table or (noun == "topic" and value in BUILTIN_TOPICS):
            return
        self.problem(path, lambda: self._missing(noun, value, table))

    def _missing(self, noun: str, value: str, table: Mapping[str, Any]) -> str:
        hint = ""
        choices = [*table, *BUILTIN_TOPICS] if noun == "topic" else table
        if self.suggestions > 0 and len(choices) <= self.comparisons:
            self.suggestions -= 1
            self.comparisons -= len(choices)
            hint = suggest(value, choices)
        return f"no {noun} has the id {value!r} in this dataset{hint}"


@attrs.frozen
class _Plan:
    noun: str | None
    references: tuple[FieldSpec, ...]
    children: tuple[FieldSpec, ...]
    rules: tuple[DatasetRule, ...]


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> _Plan:
    fields = specs(cls)
    return _Plan(
        noun=noun_of(cls),
        references=tuple(spec for spec in fields if spec.target is not None),
        children=tuple(spec for spec in fields if spec.records),
        rules=tuple(DATASET_RULES.get(cls, ())),
    )


def _walk(record: Any, path: str | None, index: Index, indexed: bool) -> None:
    """Check the references and rules of *record* and of every record in it.

    The ids of records not *indexed* yet are added to the index as they come.
    """
    plan = _plan(type(record))
    if plan.noun is not None and not indexed:
        index.add(plan.noun, record, path)
    for spec in plan.references:
        value = getattr(record, spec.name)
        target = spec.target
        assert target is not None
        if spec.many:
            for position, item in enumerate(value):
                index.resolve(
                    target, item, None if path is None else f"{path}/{spec.name}/{position}"
                )
        elif value is not None:
            index.resolve(target, value, None if path is None else f"{path}/{spec.name}")
    for declared in plan.rules:
        _apply(declared, record, path, index)
    for spec in plan.children:
        value = getattr(record, spec.name)
        if spec.many:
            for position, child in enumerate(value):
                where = None if path is None else f"{path}/{spec.name}/{position}"
                _walk(child, where, index, False)
        elif value is not None:
            _walk(value, None if path is None else f"{path}/{spec.name}", index, False)


def _apply(declared: DatasetRule, record: Any, path: str | None, index: Index) -> None:
    result = declared.check(record, index)
    if result is not None:
        found = [(declared.path, result)] if isinstance(result, str) else result
        for where, message in found:
            index.problem(None if path is None else path + where, _constant(message))


def _constant(message: str) -> Callable[[], str]:
    return lambda: message


def _check(dataset: Dataset, explain: bool) -> Found:
    index = Index(explain)
    # The records the dataset lists at its top are indexed first, as references to
    # them may come before them; the others as the walk meets them.
    top = [spec for spec in specs(type(dataset)) if spec.records]
    for spec in top:
        for position, item in enumerate(getattr(dataset, spec.name)):
            noun = noun_of(type(item))
            if noun is not None:
                index.add(noun, item, f"/{spec.name}/{position}" if explain else None)
    for declared in _plan(type(dataset)).rules:
        _apply(declared, dataset, "" if explain else None, index)
    for spec in top:
        for position, item in enumerate(getattr(dataset, spec.name)):
            _walk(item, f"/{spec.name}/{position}" if explain else None, index, True)
    return index.found


def dataset_ok(dataset: Dataset) -> bool:
    """Whether *dataset* keeps every rule of the whole document (stops at the first problem)."""
    try:
        _check(dataset, explain=False)
    except _Stop:
        return False
    return True


def dataset_problems(dataset: Dataset) -> Found | None:
    """Every problem of *dataset* that only the whole document reveals, or None."""
    return _check(dataset, explain=True) or None


@dataset_rule(
    Topic, "A topic declared by the document is not one of the built-in topics.", path="/id"
)
def _not_builtin(topic: Topic, index: Index) -> str | None:
    if topic.id in BUILTIN_TOPICS:
        return f"{topic.id!r} is a built-in topic; use its id without declaring it"
    return None


@dataset_rule(Organization, "A unit of a UN entity belongs to a UN entity or unit.", path="/parent")
def _unit_of_un_entity(organization: Organization, index: Index) -> str | None:
    if organization.kind != "un_entity_unit" or organization.parent is None:
        return None
    parent = index.get("organization", organization.parent)
    if parent is None or parent.kind in UN_KINDS:
        return None
    return (
        f"a unit of a UN entity belongs to a UN entity, but {parent.id!r} is of "
        f"kind {parent.kind!r}"
    )


_BASIS_KINDS: Mapping[str, frozenset[str]] = {
    "ecosoc_general": NGO_KINDS,
    "ecosoc_special": NGO_KINDS,
    "ecosoc_roster": NGO_KINDS,
    "observer_under_rules_of_procedure": NGO_KINDS,
    "un_entity": UN_KINDS,
    "intergovernmental_organization": frozenset({"intergovernmental_organization"}),
    "state_party": frozenset({"member_state"}),
    "signatory_state": frozenset({"member_state"}),
}


@dataset_rule(
    Participation, "A participation basis suits the kind of its organization.", path="/basis"
)
def _basis_fits_kind(entry: Participation, index: Index) -> str | None:
    # The basis is not compared with the organization's ECOSOC status: a status
    # carries no date and changes over time, so a past session may rightly differ.
    if entry.basis is None:
        return None
    organization = index.get("organization", entry.organization)
    allowed = _BASIS_KINDS.get(entry.basis)
    if organization is None or allowed is None or organization.kind in allowed:
        return None
    return (
        f"{entry.basis!r} does not apply to {organization.id!r}, an organization of "
        f"kind {organization.kind!r}"
    )


@dataset_rule(Session, "A reported figure is not contradicted by the records the session lists.")
def _figures_agree(session: Session, index: Index) -> Found | None:
    organizations = index.records.get("organization", {})
    found: Found = []
    listed_by_measure: dict[str, int | None] = {}  # counted once per measure, not per figure
    for position, figure in enumerate(session.figures):
        if figure.count.bounds()[1] is None:
            continue  # no upper bound: listed records cannot contradict it
        if figure.measure not in listed_by_measure:
            listed_by_measure[figure.measure] = listed_count(session, figure, organizations)
        listed = listed_by_measure[figure.measure]
        if listed is not None and not figure.count.allows_at_least(listed):
            found.append(
                (
                    f"/figures/{position}/count",
                    f"the session lists {listed} records for {figure.measure!r}, more than "
                    f"this figure allows ({figure.count.qualifier.replace('_', ' ')} "
                    f"{figure.count.value}, reported by {figure.source!r}); correct the figure "
                    "or the list",
                )
            )
    return found or None


def listed_count(
    session: Session, figure: ReportedFigure, organizations: Mapping[str, Organization]
) -> int | None:
    """Count the records *session* lists for what *figure* measures (None: nothing to count)."""
    measure = figure.measure
    if measure == "participating_organizations":
        return len(session.participation)
    if measure == "participating_ngos":
        return sum(
            1
            for entry in session.participation
            if (organization := organizations.get(entry.organization)) is not None
            and organization.kind in NGO_KINDS
        )
    side_events = [meeting for meeting in session.meetings if meeting.type == "side_event"]
    if measure == "side_events":
        return len(side_events)
    if measure == "briefings":
        return sum(1 for meeting in session.meetings if meeting.type == "briefing")
    organizers = {o for event in side_events for o in (*event.organizers, *event.co_organizers)}
    if measure == "side_event_organizers":
        return len(organizers)
    if measure == "side_event_organizing_ngos":
        return sum(
            1
            for o in organizers
            if (organization := organizations.get(o)) is not None and organization.kind in NGO_KINDS
        )
    return None


def _loop_members(parents: Mapping[str, str | None]) -> dict[str, tuple[list[str], int]]:
    """Find the ids from which *parents* (id to parent id) leads back to themselves.

    Each maps to its loop, in the order of the parents, and its place in it. Every id
    is visited once, so that long chains of parents take linear time.

    >>> _loop_members({"a": "b", "b": "c", "c": "b", "d": None})
    {'b': (['b', 'c'], 0), 'c': (['b', 'c'], 1)}
    """
    done: set[str] = set()
    found: dict[str, tuple[list[str], int]] = {}
    for start in parents:
        path: list[str] = []
        places: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in parents and current not in done:
            if current in places:
                loop = path[places[current] :]
                found.update((member, (loop, place)) for place, member in enumerate(loop))
                break
            places[current] = len(path)
            path.append(current)
            current = parents[current]
        done.update(path)
    return found


def _loop_message(what: str, loop: list[str], place: int) -> str:
    """Spell out *loop* from its member at *place* back to it, shortened when long.

    >>> _loop_message("broader topics", ["a", "b"], 1)
    'the broader topics form a loop: b → a → b'
    """
    size = len(loop)
    shown = [loop[(place + step) % size] for step in range(min(size, _SHOWN_IN_LOOP))]
    if size > _SHOWN_IN_LOOP:
        shown.append(f"… ({size - _SHOWN_IN_LOOP} more)")
    return f"the {what} form a loop: " + " → ".join([*shown, loop[place]])


def _loops(records: tuple[Any, ...], link: str, field: str, what: str) -> Found | None:
    parents: dict[str, str | None] = {}
    for record in records:
        parents.setdefault(record.id, getattr(record, link))
    if not any(parents.values()):
        return None
    loops = _loop_members(parents)
    if not loops:
        return None
    first: dict[str, int] = {}
    for position, record in enumerate(records):
        first.setdefault(record.id, position)
    return [
        (f"/{field}/{position}/{link}", _loop_message(what, *loops[record.id]))
        for position, record in enumerate(records)
        if record.id in loops and first[record.id] == position
    ]


@rule("No loop of parent organizations or of broader topics.", needs=("organizations", "topics"))
def no_loops(dataset: Dataset) -> Found | None:
    """Loops of parent organizations and of broader topics."""
    found = _loops(dataset.organizations, "parent", "organizations", "parent organizations")
    more = _loops(dataset.topics, "broader", "topics", "broader topics")
    return (found or []) + (more or []) or None


@rule(
    "Ids are unique per kind of record (sessions and meetings across the whole document); "
    "every reference names a record of the right kind in the same document (topics may "
    "also be built in).",
    verdict=dataset_ok,
)
def consistent(dataset: Dataset) -> Found | None:
    """The rules of the whole dataset: unique ids, resolved references, `DATASET_RULES`."""
    return dataset_problems(dataset)

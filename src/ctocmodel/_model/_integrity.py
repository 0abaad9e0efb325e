"""Rules that span a whole dataset: unique ids, references that resolve, records that agree.

Which ids must be unique and what each reference names come from the declarations
(`noun_of`, `FieldSpec.target`); the rules that relate records of different kinds
are declared here with `dataset_rule`. One walk serves both verdicts: without paths
it stops at the first problem (the usual valid document pays for nothing more); with
paths it lists every problem.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._checks import Found, suggest
from ._record import model_class, noun_of, rule, specs
from .figures import ReportedFigure
from .measures import BUILTIN_MEASURES, Measure
from .organizations import NGO_KINDS, UN_KINDS, Organization
from .participation import BUILTIN_ROUTES, BUILTIN_RULE_SETS, ParticipationRules, Route
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


# Records built into the package, which references may name without the dataset
# declaring them, by noun.
BUILTINS: Mapping[str, Mapping[str, Any]] = {
    "topic": BUILTIN_TOPICS,
    "measure": BUILTIN_MEASURES,
    "route": BUILTIN_ROUTES,
    "rule set": BUILTIN_RULE_SETS,
}


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
    """The records of a dataset by noun and id, and the problems found so far.

    *known* holds, by noun, the ids a reference may name: the built-in records
    (`BUILTINS`) with the declared ones. References to records that the walk meets as
    it goes (sessions, meetings, routes) are resolved once it is over.
    """

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.found: Found = []
        self.records: dict[str, dict[str, Any]] = {}
        self.known: dict[str, Mapping[str, Any]] = {}
        self.where: dict[str, dict[str, str]] = {}
        self.deferred: list[tuple[str, str, str | None]] = []
        self.suggestions, self.comparisons = _SUGGESTIONS, _COMPARISONS
        self._ngos: frozenset[str] | None = None

    def ngos(self) -> frozenset[str]:
        """The ids of the dataset's NGOs (its organizations are indexed before any rule runs)."""
        if self._ngos is None:
            self._ngos = ngo_ids(self.records.get("organization", {}).values())
        return self._ngos

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

    def missing(self, noun: str, value: str, path: str | None) -> None:
        """Report that no record of kind *noun* has the id *value*."""
        self.problem(path, lambda: self._missing(noun, value, self.known.get(noun, {})))

    def missing_among(self, noun: str, values: tuple[str, ...], path: str | None) -> None:
        """Report each of *values* (a list at *path*) that names no record of kind *noun*."""
        table = self.known.get(noun, {})
        for position, value in enumerate(values):
            if value not in table:
                self.missing(noun, value, None if path is None else f"{path}/{position}")

    def _missing(self, noun: str, value: str, table: Mapping[str, Any]) -> str:
        hint = ""
        if self.suggestions > 0 and len(table) <= self.comparisons:
            self.suggestions -= 1
            self.comparisons -= len(table)
            hint = suggest(value, table)
        return f"no {noun} has the id {value!r} in this dataset{hint}"


def _at(path: str | None, suffix: str) -> str | None:
    return None if path is None else path + suffix


_WALKERS: dict[type, Callable[..., None]] = {}
_BUSY: dict[type, bool] = {}


def _busy(cls: type) -> bool:
    """Whether a record of *cls*, or one it holds, has a reference, an id or a rule to check."""
    busy = _BUSY.get(cls)
    if busy is None:
        _BUSY[cls] = False  # the model has no cycles; this only ends a recursion
        busy = _BUSY[cls] = (
            noun_of(cls) is not None
            or bool(DATASET_RULES.get(model_class(cls)))
            or any(spec.target is not None for spec in specs(cls))
            or any(_busy(inner) for spec in specs(cls) for inner in spec.records)
        )
    return busy


def _walker(cls: type) -> Callable[..., None]:
    """The walk of a record of *cls*: its references, ids and rules, then its records.

    Generated from the declarations, as attrs generates ``__init__``: a reference is
    a membership test inline, and the path of a record is built only when problems are
    listed (``path`` is None while only the verdict is wanted).
    """
    walker = _WALKERS.get(cls)
    if walker is not None:
        return walker
    names: dict[str, Any] = {"_at": _at, "_apply": _apply, "_walker": _walker}
    lines: list[str] = []
    for spec in (spec for spec in specs(cls) if spec.target is not None):
        value, noun, where = f"record.{spec.name}", repr(spec.target), repr(f"/{spec.name}")
        lines.append(f"known = index.known.get({noun})")
        lines.append("if known is None:")  # records met by the walk: resolved at its end
        if spec.many:
            lines.append(f"    for i, v in enumerate({value}):")
            lines.append(
                f"        index.deferred.append(({noun}, v, _at(path, f'/{spec.name}/{{i}}')))"
            )
            lines.append("else:")
            lines.append(f"    for v in {value}:")
            lines.append("        if v not in known:")
            lines.append(f"            index.missing_among({noun}, {value}, _at(path, {where}))")
            lines.append("            break")
        else:
            lines.append(f"    if {value} is not None:")
            lines.append(f"        index.deferred.append(({noun}, {value}, _at(path, {where})))")
            lines.append(f"elif {value} is not None and {value} not in known:")
            lines.append(f"    index.missing({noun}, {value}, _at(path, {where}))")
    if (own := noun_of(cls)) is not None:
        lines.append(f"if not indexed: index.add({own!r}, record, path)")
    for number, declared in enumerate(DATASET_RULES.get(model_class(cls), ())):
        names[f"_rule{number}"] = declared
        lines.append(f"_apply(_rule{number}, record, path, index)")
    for number, spec in enumerate(spec for spec in specs(cls) if spec.records):
        busy = [child for child in spec.records if _busy(child)]
        if not busy:
            continue  # nothing in those records to check: not even walked
        value = f"record.{spec.name}"
        if len(busy) == 1 and len(spec.records) == 1:
            names[f"_w{number}"] = _walker(busy[0])
            call = f"_w{number}"
        else:
            call = "_walker(type(child))"
        if spec.many:
            lines.append(f"for i, child in enumerate({value}):")
            lines.append(
                f"    {call}(child, None if path is None else "
                f"f'{{path}}/{spec.name}/{{i}}', index, False)"
            )
        else:
            lines.append(f"child = {value}")
            lines.append("if child is not None:")
            lines.append(f"    {call}(child, _at(path, '/{spec.name}'), index, False)")
    body = "".join(f"    {line}\n" for line in lines or ["pass"])
    source = f"def walk(record, path, index, indexed):\n{body}"
    exec(compile(source, f"<ctocmodel generated walk of {cls.__qualname__}>", "exec"), names)
    made: Callable[..., None] = names["walk"]
    _WALKERS[cls] = made
    return made


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
    index.known = dict(index.records)
    for spec in top:
        for record in spec.records:
            if (noun := noun_of(record)) is not None:
                index.known.setdefault(noun, {})
    for noun, builtin in BUILTINS.items():
        if noun in index.known:  # listed at the top: references are tested as they come
            index.known[noun] = {**dict.fromkeys(builtin), **index.known[noun]}
    for declared in DATASET_RULES.get(model_class(type(dataset)), ()):
        _apply(declared, dataset, "" if explain else None, index)
    for spec in top:
        for position, item in enumerate(getattr(dataset, spec.name)):
            where = f"/{spec.name}/{position}" if explain else None
            _walker(type(item))(item, where, index, True)
    for noun, value, path in index.deferred:
        met, builtin = index.records.get(noun, {}), BUILTINS.get(noun, {})
        if value not in met and value not in builtin:
            index.known[noun] = {**dict.fromkeys(builtin), **met}
            index.missing(noun, value, path)
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


def _not_built_in(record: Any, index: Index) -> str | None:
    noun = noun_of(type(record))
    if noun is not None and record.id in BUILTINS.get(noun, {}):
        return f"{record.id!r} is a built-in {noun}; use its id without declaring it"
    return None


for _cls, _noun in ((Topic, "topic"), (Measure, "measure"), (ParticipationRules, "rule set"),
                    (Route, "route")):  # fmt: skip
    dataset_rule(
        _cls, f"A {_noun} declared by the document is not one of the built-in {_noun}s.", path="/id"
    )(_not_built_in)


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


@dataset_rule(
    Session,
    "A reported figure of the whole session is not contradicted by the records the session lists.",
)
def _figures_agree(session: Session, index: Index) -> Found | None:
    found: Found = []
    listed_by_measure: dict[str, int | None] = {}  # counted once per measure, not per figure
    for position, figure in enumerate(session.figures):
        if figure.count.bounds()[1] is None or not figure.whole_session:
            continue  # no upper bound, or a part of the session: nothing listed to compare
        if figure.measure not in listed_by_measure:
            listed_by_measure[figure.measure] = listed_count(session, figure, index.ngos())
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


LISTED_MEASURES: frozenset[str] = frozenset(
    {
        "participating_organizations",
        "participating_ngos",
        "side_events",
        "side_event_organizers",
        "side_event_organizing_ngos",
        "briefings",
    }
)
"""The built-in measures that a session's listed records count (see `listed_count`)."""


def ngo_ids(organizations: Iterable[Organization]) -> frozenset[str]:
    """The ids of the NGOs among *organizations*, which `listed_count` counts."""
    return frozenset([each.id for each in organizations if each.kind in NGO_KINDS])


def listed_count(session: Session, figure: ReportedFigure, ngos: Container[str]) -> int | None:
    """Count the records *session* lists for what *figure* measures (None: nothing to count).

    *ngos* holds the ids of the dataset's NGOs (`ngo_ids`): a set of strings, not the
    records, so that counting reads no organization and stays fast in large datasets.
    """
    measure = figure.measure
    if measure not in LISTED_MEASURES:
        return None
    if measure == "participating_organizations":
        return len(session.participation)
    if measure == "participating_ngos":
        return sum(1 for entry in session.participation if entry.organization in ngos)
    side_events = [meeting for meeting in session.meetings if meeting.type == "side_event"]
    if measure == "side_events":
        return len(side_events)
    if measure == "briefings":
        return sum(1 for meeting in session.meetings if meeting.type == "briefing")
    organizers = {o for event in side_events for o in (*event.organizers, *event.co_organizers)}
    if measure == "side_event_organizers":
        return len(organizers)
    if measure == "side_event_organizing_ngos":
        return sum(1 for organizer in organizers if organizer in ngos)
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
        if getattr(record, link) is not None:  # only these can be in a loop
            parents.setdefault(record.id, getattr(record, link))
    if not parents:
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
    "every reference names a record of the right kind in the same document (topics and "
    "measures may also be built in).",
    verdict=dataset_ok,
)
def consistent(dataset: Dataset) -> Found | None:
    """The rules of the whole dataset: unique ids, resolved references, `DATASET_RULES`."""
    return dataset_problems(dataset)

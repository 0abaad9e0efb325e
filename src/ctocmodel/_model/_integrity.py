"""Rules that span a whole dataset: unique ids, references that resolve, figures that agree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ._checks import Found, suggest
from .figures import ReportedFigure
from .organizations import NGO_KINDS, UN_KINDS, Organization
from .sessions import Session
from .topics import BUILTIN_TOPICS

if TYPE_CHECKING:
    from .dataset import Dataset

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

# Each "did you mean" compares the reference with every id of its kind (up to a
# millisecond each for long, similar ids): only the first references that do not
# resolve get one, within a total number of comparisons, so that a document full of
# them is refused in linear time.
_SUGGESTIONS = 20
_COMPARISONS = 2_000
# The ids a message shows of a loop; a longer loop is shortened, its length given.
_SHOWN_IN_LOOP = 10


class _Checker:
    """Indexes a dataset's ids and checks every reference against them."""

    def __init__(self, dataset: Dataset) -> None:
        self.found: Found = []
        self.suggestions, self.comparisons = _SUGGESTIONS, _COMPARISONS
        self.sources = self._index("source", "/sources", dataset.sources)
        self.organizations = self._index("organization", "/organizations", dataset.organizations)
        self.people = self._index("person", "/people", dataset.people)
        declared = self._index("topic", "/topics", dataset.topics)
        for topic_id, index in declared.items():
            if topic_id in BUILTIN_TOPICS:
                self.found.append(
                    (
                        f"/topics/{index}/id",
                        f"{topic_id!r} is a built-in topic; use its id without declaring it",
                    )
                )
        self.topics = {**dict.fromkeys(BUILTIN_TOPICS, -1), **declared}
        self.conferences = self._index("conference", "/conferences", dataset.conferences)
        sessions = [
            (f"/conferences/{c}/sessions/{s}", session)
            for c, conference in enumerate(dataset.conferences)
            for s, session in enumerate(conference.sessions)
        ]
        self._unique("session", ((path, session.id) for path, session in sessions))
        self._unique(
            "meeting",
            (
                (f"{path}/meetings/{m}", meeting.id)
                for path, session in sessions
                for m, meeting in enumerate(session.meetings)
            ),
        )

    def _index(self, kind: str, path: str, records: Iterable[object]) -> dict[str, int]:
        return self._unique(
            kind,
            ((f"{path}/{i}", record.id) for i, record in enumerate(records)),  # type: ignore[attr-defined]
        )

    def _unique(self, kind: str, entries: Iterable[tuple[str, str]]) -> dict[str, int]:
        index: dict[str, int] = {}
        where: dict[str, str] = {}
        for position, (path, record_id) in enumerate(entries):
            if record_id in where:
                self.found.append(
                    (
                        f"{path}/id",
                        f"the {kind} id {record_id!r} is already used by {where[record_id]}",
                    )
                )
                continue
            where[record_id] = path
            index[record_id] = position
        return index

    def ref(self, path: str, value: str | None, table: Mapping[str, int], kind: str) -> None:
        if value is not None and value not in table:
            hint = ""
            if self.suggestions > 0 and len(table) <= self.comparisons:
                self.suggestions -= 1
                self.comparisons -= len(table)
                hint = suggest(value, table)
            self.found.append((path, f"no {kind} has the id {value!r} in this dataset{hint}"))

    def refs(self, path: str, values: Iterable[str], table: Mapping[str, int], kind: str) -> None:
        for index, value in enumerate(values):
            self.ref(f"{path}/{index}", value, table, kind)


def check_dataset(dataset: Dataset) -> Found:
    """Return the problems of *dataset* that only the whole document can reveal."""
    checker = _Checker(dataset)
    orgs = checker.organizations
    organizations = {organization.id: organization for organization in dataset.organizations}
    for i, source in enumerate(dataset.sources):
        checker.ref(f"/sources/{i}/publisher", source.publisher, orgs, "organization")
    for i, organization in enumerate(dataset.organizations):
        path = f"/organizations/{i}"
        checker.ref(f"{path}/parent", organization.parent, orgs, "organization")
        checker.refs(f"{path}/sources", organization.sources, checker.sources, "source")
    _check_parents(checker, dataset.organizations)
    for i, person in enumerate(dataset.people):
        for j, position in enumerate(person.positions):
            checker.ref(
                f"/people/{i}/positions/{j}/organization",
                position.organization,
                orgs,
                "organization",
            )
        checker.refs(f"/people/{i}/sources", person.sources, checker.sources, "source")
    for i, topic in enumerate(dataset.topics):
        checker.ref(f"/topics/{i}/broader", topic.broader, checker.topics, "topic")
    _check_topic_loops(checker, dataset)
    for c, conference in enumerate(dataset.conferences):
        path = f"/conferences/{c}"
        checker.ref(f"{path}/secretariat", conference.secretariat, orgs, "organization")
        checker.refs(f"{path}/sources", conference.sources, checker.sources, "source")
        for s, session in enumerate(conference.sessions):
            _check_session(checker, organizations, f"{path}/sessions/{s}", session)
    return checker.found


def _check_parents(checker: _Checker, organizations: tuple[Organization, ...]) -> None:
    by_id = {organization.id: organization for organization in organizations}
    loops = _loop_members({o.id: o.parent for o in by_id.values()})
    for i, organization in enumerate(organizations):
        parent = by_id.get(organization.parent) if organization.parent else None
        if parent is None:
            continue
        if organization.kind == "un_entity_unit" and parent.kind not in UN_KINDS:
            checker.found.append(
                (
                    f"/organizations/{i}/parent",
                    f"a unit of a UN entity belongs to a UN entity, but {parent.id!r} is of "
                    f"kind {parent.kind!r}",
                )
            )
        if by_id[organization.id] is organization and organization.id in loops:
            checker.found.append(
                (
                    f"/organizations/{i}/parent",
                    _loop_message("parent organizations", *loops[organization.id]),
                )
            )


def _check_topic_loops(checker: _Checker, dataset: Dataset) -> None:
    by_id = {topic.id: topic for topic in dataset.topics}
    loops = _loop_members({topic.id: topic.broader for topic in by_id.values()})
    for i, topic in enumerate(dataset.topics):
        if by_id[topic.id] is topic and topic.id in loops:
            checker.found.append(
                (f"/topics/{i}/broader", _loop_message("broader topics", *loops[topic.id]))
            )


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


def _check_session(
    checker: _Checker, kinds: Mapping[str, Organization], path: str, session: Session
) -> None:
    orgs = checker.organizations
    checker.refs(f"{path}/sources", session.sources, checker.sources, "source")
    for i, entry in enumerate(session.participation):
        here = f"{path}/participation/{i}"
        checker.ref(f"{here}/organization", entry.organization, orgs, "organization")
        checker.refs(f"{here}/sources", entry.sources, checker.sources, "source")
        organization = kinds.get(entry.organization)
        if organization is None or entry.basis is None:
            continue
        # The basis is not compared with the organization's ECOSOC status: a status
        # carries no date and changes over time, so a past session may rightly differ.
        allowed = _BASIS_KINDS.get(entry.basis)
        if allowed is not None and organization.kind not in allowed:
            checker.found.append(
                (
                    f"{here}/basis",
                    f"{entry.basis!r} does not apply to {organization.id!r}, an organization of "
                    f"kind {organization.kind!r}",
                )
            )
    listed_by_measure: dict[str, int | None] = {}  # counted once per measure, not per figure
    for i, figure in enumerate(session.figures):
        here = f"{path}/figures/{i}"
        checker.ref(f"{here}/source", figure.source, checker.sources, "source")
        checker.refs(f"{here}/topics", figure.topics, checker.topics, "topic")
        if figure.measure not in listed_by_measure:
            listed_by_measure[figure.measure] = listed_count(session, figure, kinds)
        listed = listed_by_measure[figure.measure]
        if listed is not None and not figure.count.allows_at_least(listed):
            checker.found.append(
                (
                    f"{here}/count",
                    f"the session lists {listed} records for {figure.measure!r}, more than "
                    f"this figure allows ({figure.count.qualifier.replace('_', ' ')} "
                    f"{figure.count.value}, reported by {figure.source!r}); correct the figure "
                    "or the list",
                )
            )
    for m, meeting in enumerate(session.meetings):
        here = f"{path}/meetings/{m}"
        checker.refs(f"{here}/organizers", meeting.organizers, orgs, "organization")
        checker.refs(f"{here}/co_organizers", meeting.co_organizers, orgs, "organization")
        for p, participant in enumerate(meeting.participants):
            where = f"{here}/participants/{p}"
            checker.ref(f"{where}/person", participant.person, checker.people, "person")
            checker.ref(f"{where}/organization", participant.organization, orgs, "organization")
        checker.refs(f"{here}/topics", meeting.topics, checker.topics, "topic")
        checker.refs(f"{here}/sources", meeting.sources, checker.sources, "source")


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


def dataset_ok(dataset: Dataset) -> bool:
    """Fast verdict on the rules of `check_dataset`: True only if it would find nothing."""
    organizations = {organization.id: organization for organization in dataset.organizations}
    sources = {source.id for source in dataset.sources}
    people = {person.id for person in dataset.people}
    declared = {topic.id for topic in dataset.topics}
    if (
        len(organizations) != len(dataset.organizations)
        or len(sources) != len(dataset.sources)
        or len(people) != len(dataset.people)
        or len(declared) != len(dataset.topics)
        or not declared.isdisjoint(BUILTIN_TOPICS)
        or len({conference.id for conference in dataset.conferences}) != len(dataset.conferences)
    ):
        return False
    topics = declared.union(BUILTIN_TOPICS)
    for source in dataset.sources:
        if source.publisher is not None and source.publisher not in organizations:
            return False
    parents: dict[str, str | None] = {}
    for organization in dataset.organizations:
        parent = organization.parent
        if parent is not None:
            if parent not in organizations:
                return False
            if organization.kind == "un_entity_unit" and organizations[parent].kind not in UN_KINDS:
                return False
            parents[organization.id] = parent
        if not sources.issuperset(organization.sources):
            return False
    if _has_loop(parents):
        return False
    for person in dataset.people:
        if not sources.issuperset(person.sources):
            return False
        for position in person.positions:
            if position.organization not in organizations:
                return False
    for topic in dataset.topics:
        if topic.broader is not None and topic.broader not in topics:
            return False
    if _has_loop({topic.id: topic.broader for topic in dataset.topics}):
        return False
    session_ids: set[str] = set()
    meeting_ids: set[str] = set()
    for conference in dataset.conferences:
        if conference.secretariat is not None and conference.secretariat not in organizations:
            return False
        if not sources.issuperset(conference.sources):
            return False
        for session in conference.sessions:
            if session.id in session_ids or not sources.issuperset(session.sources):
                return False
            session_ids.add(session.id)
            if not _session_ok(session, organizations, sources, people, topics, meeting_ids):
                return False
    return True


def _has_loop(parents: Mapping[str, str | None]) -> bool:
    """Tell whether following parents from some id comes back to it (ids in *parents* only)."""
    done: set[str] = set()
    for start in parents:
        path: set[str] = set()
        current: str | None = start
        while current is not None and current in parents and current not in done:
            if current in path:
                return True
            path.add(current)
            current = parents[current]
        done.update(path)
    return False


def _session_ok(
    session: Session,
    organizations: Mapping[str, Organization],
    sources: set[str],
    people: set[str],
    topics: set[str],
    meeting_ids: set[str],
) -> bool:
    has_organization = organizations.__contains__
    for entry in session.participation:
        organization = organizations.get(entry.organization)
        if organization is None or not sources.issuperset(entry.sources):
            return False
        if entry.basis is not None:
            allowed = _BASIS_KINDS.get(entry.basis)
            if allowed is not None and organization.kind not in allowed:
                return False
    listed_by_measure: dict[str, int | None] = {}  # counted once per measure, not per figure
    for figure in session.figures:
        if figure.source not in sources or not topics.issuperset(figure.topics):
            return False
        if figure.count.bounds()[1] is None:
            continue  # no upper bound: listed records cannot contradict it
        if figure.measure not in listed_by_measure:
            listed_by_measure[figure.measure] = listed_count(session, figure, organizations)
        listed = listed_by_measure[figure.measure]
        if listed is not None and not figure.count.allows_at_least(listed):
            return False
    for meeting in session.meetings:
        if meeting.id in meeting_ids:
            return False
        meeting_ids.add(meeting.id)
        if not (
            all(map(has_organization, meeting.organizers))
            and all(map(has_organization, meeting.co_organizers))
            and topics.issuperset(meeting.topics)
            and sources.issuperset(meeting.sources)
        ):
            return False
        for participant in meeting.participants:
            if participant.person is not None and participant.person not in people:
                return False
            if (
                participant.organization is not None
                and participant.organization not in organizations
            ):
                return False
    return True

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


class _Checker:
    """Indexes a dataset's ids and checks every reference against them."""

    def __init__(self, dataset: Dataset) -> None:
        self.found: Found = []
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
            self.found.append(
                (path, f"no {kind} has the id {value!r} in this dataset{suggest(value, table)}")
            )

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
        chain = [organization.id]
        while parent is not None and parent.id not in chain:
            chain.append(parent.id)
            parent = by_id.get(parent.parent) if parent.parent else None
        if parent is not None and parent.id == organization.id:
            checker.found.append(
                (
                    f"/organizations/{i}/parent",
                    "the parent organizations form a loop: " + " → ".join([*chain, parent.id]),
                )
            )


def _check_topic_loops(checker: _Checker, dataset: Dataset) -> None:
    broader = {topic.id: topic.broader for topic in dataset.topics}
    for i, topic in enumerate(dataset.topics):
        chain = [topic.id]
        current = topic.broader
        while current is not None and current not in chain and current in broader:
            chain.append(current)
            current = broader[current]
        if current == topic.id:
            checker.found.append(
                (
                    f"/topics/{i}/broader",
                    "the broader topics form a loop: " + " → ".join([*chain, current]),
                )
            )


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
    for i, figure in enumerate(session.figures):
        here = f"{path}/figures/{i}"
        checker.ref(f"{here}/source", figure.source, checker.sources, "source")
        checker.refs(f"{here}/topics", figure.topics, checker.topics, "topic")
        listed = listed_count(session, figure, kinds)
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
    for figure in session.figures:
        if figure.source not in sources or not topics.issuperset(figure.topics):
            return False
        if figure.count.bounds()[1] is None:
            continue  # no upper bound: listed records cannot contradict it
        listed = listed_count(session, figure, organizations)
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

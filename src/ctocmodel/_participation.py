"""Whether a session's participation kept its conference's rules: `check_participation`.

A dataset that breaks these rules is still a valid dataset (it loads, and says what
happened); these are findings about compliance, each located by a JSON Pointer and
citing the provision it rests on. Which checks are made, and whether a finding is an
error or a warning, the conference's `ParticipationRules` say.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from ._model import (
    BUILTIN_RULE_SETS,
    Admission,
    Conference,
    Dataset,
    Organization,
    ParticipationCheck,
    ParticipationRules,
    Provision,
    Route,
    Session,
    Severity,
)

__all__ = ["Finding", "check_participation"]


@attrs.frozen(kw_only=True)
class Finding:
    """Something `check_participation` found: where, what, how much it weighs, under which rule.

    *path* is the JSON Pointer of the value concerned; *check* the check that found it
    (see `ParticipationCheck`); *severity* ``error`` or ``warning``, as the rules say;
    *provisions* the provisions it rests on; *rules* the id of the rule set.

    >>> print(Finding(path="/conferences/0/sessions/0/admissions/0/listing/date",
    ...               message="circulated 20 days before the session; at least 30 are asked for",
    ...               severity="error", check="list_notice", rules="ctoc-cop",
    ...               provisions=(BUILTIN_RULE_SETS["ctoc-cop"].routes[3].provision,)))
    /conferences/0/sessions/0/admissions/0/listing/date: error: circulated 20 days
    before the session; at least 30 are asked for [rule 17(2)]
    """

    path: str
    message: str
    severity: Severity
    check: ParticipationCheck
    rules: str
    provisions: tuple[Provision, ...] = ()

    @property
    def cited(self) -> str:
        """The provisions in words: "rule 17(2)", "rule 17(1); rule 17(2)"."""
        return "; ".join(dict.fromkeys(str(provision) for provision in self.provisions))

    def __str__(self) -> str:
        cited = f" [{self.cited}]" if self.provisions else ""
        return f"{self.path}: {self.severity}: {self.message}{cited}"


_WRITTEN_AS = {"oral": "oral_statement", "written": "written_statement"}
_ACTION_WORDS = {
    "attend_plenary": "attend plenary meetings",
    "oral_statement": "make oral statements",
    "written_statement": "submit statements in writing",
    "receive_documents": "receive the documents",
}
_BODY_WORDS = {
    "conference": "the Conference",
    "bureau": "the bureau",
    "extended_bureau": "the extended bureau",
    "president": "the President",
    "secretariat": "the secretariat",
    "secretary_general": "the Secretary-General",
}
# Outcomes that leave an organization admitted: accorded, or not stated by the source.
_ADMITTED = frozenset({"accorded", None})


def check_participation(dataset: Dataset, *, rules: str | None = None) -> list[Finding]:
    """Check each session's admissions, statements and meetings against its conference's rules.

    A conference's rules are those its ``participation_rules`` names (built in, such
    as ``ctoc-cop``, or declared by the dataset); *rules* names the rule set for the
    conferences that name none. An admission is also checked against the rules of its
    own route. Returns the findings, in document order; a dataset that keeps every
    rule gives none.

    >>> import datetime as dt
    >>> from ctocmodel import (Admission, Conference, Dataset, Listing, Organization,
    ...                        Session)
    >>> late = Admission(id="a", organization="ngo", route="ctoc-cop-rule-17-2",
    ...                  listing=Listing(date=dt.date(2014, 9, 16)), outcome="accorded")
    >>> session = Session(id="cop-7", number=7, start=dt.date(2014, 10, 6),
    ...                   end=dt.date(2014, 10, 10), admissions=(late,))
    >>> dataset = Dataset(
    ...     organizations=(Organization(id="ngo", name={"en": "An NGO"}, kind="ngo"),),
    ...     conferences=(Conference(id="cop", name={"en": "COP"}, sessions=(session,),
    ...                             participation_rules="ctoc-cop"),))
    >>> for finding in check_participation(dataset):
    ...     print(finding)
    /conferences/0/sessions/0/admissions/0/listing/date: error: the list of applicants
    was circulated on 2014-09-16, 20 days before the session opened on 2014-10-06; the
    route asks for at least 30 days [rule 17(2)]
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    rule_sets: dict[str, ParticipationRules] = {
        **BUILTIN_RULE_SETS,
        **{declared.id: declared for declared in dataset.participation_rules},
    }
    if rules is not None and rules not in rule_sets:
        known = ", ".join(repr(name) for name in sorted(rule_sets))
        raise ValueError(f"no rule set has the id {rules!r}; known: {known}")
    homes = {route.id: (route, home) for home in rule_sets.values() for route in home.routes}
    checker = _Checker(dataset, homes)
    findings: list[Finding] = []
    for position, conference in enumerate(dataset.conferences):
        name = conference.participation_rules or rules
        governing = rule_sets[name] if name is not None else None
        for number, session in enumerate(conference.sessions):
            where = f"/conferences/{position}/sessions/{number}"
            findings += checker.session(conference, governing, session, where)
    return findings


class _Checker:
    def __init__(
        self, dataset: Dataset, homes: Mapping[str, tuple[Route, ParticipationRules]]
    ) -> None:
        self.organizations: Mapping[str, Organization] = {o.id: o for o in dataset.organizations}
        self.homes = homes

    def finding(
        self,
        rules: ParticipationRules,
        check: ParticipationCheck,
        path: str,
        message: str,
        provisions: Iterable[Provision],
    ) -> Iterator[Finding]:
        """The finding, if *rules* make *check* (none otherwise)."""
        severity = rules.severity(check)
        if severity is not None:
            yield Finding(
                path=path,
                message=message,
                severity=severity,
                check=check,
                rules=rules.id,
                provisions=tuple(provisions),
            )

    def session(
        self,
        conference: Conference,
        governing: ParticipationRules | None,
        session: Session,
        where: str,
    ) -> Iterator[Finding]:
        admissions = {entry.organization: entry for entry in session.admissions}
        for index, entry in enumerate(session.admissions):
            yield from self.admission(governing, session, entry, f"{where}/admissions/{index}")
        for index, statement in enumerate(session.statements):
            path = f"{where}/statements/{index}"
            admitted = admissions.get(statement.organization)
            candidates = self.routes_for(governing, admitted, statement.organization)
            action = _WRITTEN_AS[statement.kind]
            rights = [(route, home, route.right(action)) for route, home in candidates]
            if rights and all(right is None for _, _, right in rights):
                route, home, _ = rights[0]
                yield from self.finding(
                    home,
                    "statement_right",
                    f"{path}/kind",
                    f"{statement.organization!r} made a {statement.kind} statement, "
                    f"which {_routes_words(r for r, _, _ in rights)} gives no right to: "
                    f"{_rights_words(route)}",
                    (r.provision for r, _, _ in rights),
                )
            needing = [(home, right) for _, home, right in rights if right is not None]
            # Only an oral statement is made on an invitation (a written one has none).
            if (
                statement.kind == "oral"
                and statement.invitation is None
                and needing
                and all(right.invited_by is not None for _, right in needing)
            ):
                home, right = needing[0]
                assert right.invited_by is not None
                yield from self.finding(
                    home,
                    "statement_invitation",
                    f"{path}/invitation",
                    f"no invitation is recorded for this oral statement by "
                    f"{statement.organization!r}; its route gives that right on the "
                    f"invitation of {_BODY_WORDS[right.invited_by]}",
                    (r.provision for _, r in needing if r.provision is not None),
                )
        if governing is not None:
            yield from self.unadmitted(conference, governing, session, where)

    def admission(
        self,
        governing: ParticipationRules | None,
        session: Session,
        admission: Admission,
        where: str,
    ) -> Iterator[Finding]:
        if admission.route is None:
            return
        route, home = self.homes[admission.route]
        organization = self.organizations.get(admission.organization)
        if organization is not None and route.kinds and organization.kind not in route.kinds:
            yield from self.finding(
                home,
                "route_kind",
                f"{where}/route",
                f"{organization.id!r} is of kind {organization.kind!r}, which "
                f"{route.provision} does not admit (it admits {_kinds_words(route.kinds)})",
                (route.provision,),
            )
        if governing is not None and route.id not in {r.id for r in governing.routes}:
            yield from self.finding(
                governing,
                "route_rules",
                f"{where}/route",
                f"the route {route.id!r} is not one of the conference's rules "
                f"({governing.id!r}), whose routes are "
                f"{', '.join(repr(r.id) for r in governing.routes)}",
                (route.provision,),
            )
        listing = admission.listing
        days = route.list_days_before
        if days is not None and listing is not None and listing.date is not None:
            before = (session.start - listing.date).days
            if before < days:
                document = f" ({listing.document})" if listing.document else ""
                yield from self.finding(
                    home,
                    "list_notice",
                    f"{where}/listing/date",
                    f"the list of applicants{document} was circulated on {listing.date}, "
                    f"{_days_words(before)} the session opened on {session.start}; the route "
                    f"asks for at least {days} days",
                    (route.provision,),
                )
        deciding = route.objections_decided_by
        if deciding is not None and admission.objections and admission.outcome == "accorded":
            decision = admission.decision
            if decision is None or decision.by != deciding:
                count = len(admission.objections)
                objected = f"{count} objection{'s' if count != 1 else ''}"
                recorded = (
                    "no decision is recorded"
                    if decision is None
                    else f"the decision recorded is {_BODY_WORDS[decision.by]}'s"
                )
                yield from self.finding(
                    home,
                    "objection_decision",
                    f"{where}/outcome",
                    f"observer status was accorded despite {objected}, and {recorded}; with "
                    f"an objection, {_BODY_WORDS[deciding]} decides",
                    (route.provision,),
                )

    def unadmitted(
        self,
        conference: Conference,
        governing: ParticipationRules,
        session: Session,
        where: str,
    ) -> Iterator[Finding]:
        """Organizations taking part in meetings or statements with no admission at the session."""
        kinds = _admitted_kinds(governing)
        # The secretariat serves the conference rather than being admitted to it.
        exempt = {conference.secretariat} if conference.secretariat else set()
        admissions = {a.organization: a for a in session.admissions}
        listed = {entry.organization for entry in session.participation if entry.basis}
        # Where an organization takes part: (pointer, organization, what it does there).
        places: list[tuple[str, str, str]] = []
        for index, meeting in enumerate(session.meetings):
            here = f"{where}/meetings/{index}"
            places += [
                (f"{here}/organizers/{k}", o, "organizes this meeting")
                for k, o in enumerate(meeting.organizers)
            ]
            places += [
                (f"{here}/co_organizers/{k}", o, "co-organizes this meeting")
                for k, o in enumerate(meeting.co_organizers)
            ]
            places += [
                (f"{here}/participants/{k}/organization", p.organization, "takes part in it")
                for k, p in enumerate(meeting.participants)
                if p.organization is not None
            ]
        places += [
            (f"{where}/statements/{k}/organization", s.organization, "made this statement")
            for k, s in enumerate(session.statements)
        ]
        for path, organization_id, does in places:
            chain = self.chain(organization_id)
            top = self.organizations.get(chain[-1])
            if top is None or exempt.intersection(chain):
                continue
            if kinds is not None and top.kind not in kinds:
                continue
            if listed.intersection(chain):
                continue
            found = [admissions[o] for o in chain if o in admissions]
            if any(admission.outcome in _ADMITTED for admission in found):
                continue
            if found:
                what = f"its admission to the session was {found[0].outcome}"
            else:
                what = "no admission to the session is recorded, nor a participation basis"
            routes = [r for r in governing.routes if not r.kinds or top.kind in r.kinds]
            yield from self.finding(
                governing,
                "admission_recorded",
                path,
                f"{organization_id!r} {does}, but {what}",
                (route.provision for route in routes),
            )

    def routes_for(
        self,
        governing: ParticipationRules | None,
        admission: Admission | None,
        organization_id: str,
    ) -> list[tuple[Route, ParticipationRules]]:
        """The routes an organization took part by: its admission's, else those open to its kind."""
        if admission is not None and admission.route is not None:
            return [self.homes[admission.route]]
        if governing is None:
            return []
        top = self.organizations.get(self.chain(organization_id)[-1])
        if top is None:
            return []
        return [
            (route, governing)
            for route in governing.routes
            if not route.kinds or top.kind in route.kinds
        ]

    def chain(self, organization_id: str) -> list[str]:
        """The organization, then the entities a unit of a UN entity belongs to, up to the top."""
        chain = [organization_id]
        organization = self.organizations.get(organization_id)
        while (
            organization is not None
            and organization.kind == "un_entity_unit"
            and organization.parent is not None
            and organization.parent not in chain
        ):
            chain.append(organization.parent)
            organization = self.organizations.get(organization.parent)
        return chain


def _admitted_kinds(rules: ParticipationRules) -> frozenset[str] | None:
    """The kinds of organization the rules admit by some route (None: every kind)."""
    kinds: set[str] = set()
    for route in rules.routes:
        if not route.kinds:
            return None
        kinds.update(route.kinds)
    return frozenset(kinds)


def _days_words(days: int) -> str:
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} after"
    return f"{days} day{'s' if days != 1 else ''} before"


def _kinds_words(kinds: Iterable[str]) -> str:
    return ", ".join(repr(kind) for kind in kinds)


def _routes_words(routes: Iterable[Route]) -> str:
    cited = list(dict.fromkeys(str(route.provision) for route in routes))
    return "observer status under " + " or ".join(cited)


def _rights_words(route: Route) -> str:
    words = [_ACTION_WORDS[right.action] for right in route.rights]
    if not words:
        return "it gives none"
    return "it gives the right to " + ", ".join(words)

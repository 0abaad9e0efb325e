"""Who may take part in a conference's sessions, and how: participation rules as data.

A conference's rules of procedure say which organizations may be admitted as observers,
by which route (a rule and paragraph, or a resolution), who decides, what must happen
first, and what an admitted organization may then do. `ParticipationRules` states that
once, as data, with each `Route` and `Right` citing the `Provision` it comes from;
`ctocmodel.check_participation` reads it. The rules of the CTOC/COP (rules 16 and 17 of
its rules of procedure) are built in (`BUILTIN_RULE_SETS`); a dataset declares the rules
of another conference in its ``participation_rules``, without code.

>>> rule_17_2 = BUILTIN_ROUTES["ctoc-cop-rule-17-2"]
>>> str(rule_17_2.provision), rule_17_2.list_days_before, rule_17_2.kinds
('rule 17(2)', 30, ('ngo', 'ngo_federation'))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, TypeAlias, get_args

from ._checks import ID, URL, Found, Kind, Problems, at, describe, integer, repeats
from ._record import Record, field, record, rule, stated
from .documents import SYMBOL
from .organizations import OrganizationKind
from .text import MultilingualText

ConferenceBody: TypeAlias = Literal[
    "conference",
    "bureau",
    "extended_bureau",
    "president",
    "secretariat",
    "secretary_general",
]
"""Who receives an application, decides on it or invites a statement.

``extended_bureau``: the bureau with the regional groups' representatives, which
approves participation in the constructive dialogues of the UNTOC review mechanism.
"""

CONFERENCE_BODIES: tuple[ConferenceBody, ...] = get_args(ConferenceBody)

RightAction: TypeAlias = Literal[
    "attend_plenary",
    "oral_statement",
    "written_statement",
    "receive_documents",
]
"""What an admitted organization may do: attend plenary meetings, make oral statements,
submit its views in writing, receive the conference's documents."""

RIGHT_ACTIONS: tuple[RightAction, ...] = get_args(RightAction)

ParticipationCheck: TypeAlias = Literal[
    "route_kind",
    "route_rules",
    "list_notice",
    "objection_decision",
    "statement_invitation",
    "statement_right",
    "admission_recorded",
]
"""The checks of `ctocmodel.check_participation`, which a rule set makes errors or warnings.

=======================  ==================================================================
check                    finds
=======================  ==================================================================
``route_kind``           an admission under a route that does not admit organizations of
                         that kind (an NGO under rule 16)
``route_rules``          an admission under a route of other rules than the conference's
``list_notice``          a list of applicants circulated fewer days before the session
                         than the route requires (thirty under rule 17(2))
``objection_decision``   status accorded despite an objection, without a decision of the
                         body the route names (the Conference, under rule 17(2))
``statement_invitation`` an oral statement with no recorded invitation, where the route
                         gives that right on invitation only (rule 17(3)(b))
``statement_right``      a statement of a kind the route gives no right to make
``admission_recorded``   an organization that organizes a meeting, takes part in one or
                         makes a statement, with no admission recorded at the session
=======================  ==================================================================
"""

PARTICIPATION_CHECKS: tuple[ParticipationCheck, ...] = get_args(ParticipationCheck)

Severity: TypeAlias = Literal["error", "warning"]
"""How much a finding of `ctocmodel.check_participation` weighs."""

_NUMBER_PATTERN = r"^[0-9A-Za-z]{1,12}([./-][0-9A-Za-z]{1,12}){0,3}$"
_number_match = re.compile(_NUMBER_PATTERN[1:-1] + r"\Z").match


def _check_number(value: object) -> Problems:
    if type(value) is not str:
        return at(f"expected a number such as '17', '3' or 'b' (a string), got {describe(value)}")
    if _number_match(value):
        return None
    return at(
        f"{value!r} is not the number of one rule, paragraph or resolution: write '17' in "
        "rule and '2' in paragraph for rule 17(2), or '9/1' for resolution 9/1"
    )


PROVISION_NUMBER_PATTERN = _NUMBER_PATTERN
"""How a rule, paragraph, subparagraph or resolution is numbered: ``17``, ``b``, ``9/1``."""
PROVISION_NUMBER = Kind("provisionNumber", _check_number)


@rule(
    "A provision names a rule, a resolution, a document or a page.",
    needs=("rule", "resolution", "document", "url"),
    schema={"anyOf": [stated(name) for name in ("rule", "resolution", "document", "url")]},
)
def _provision_says_where(provision: Provision) -> str | None:
    if (provision.rule, provision.resolution, provision.document, provision.url) == (None,) * 4:
        return "a provision names at least one of rule, resolution, document, url"
    return None


@rule(
    "A subparagraph belongs to a paragraph.",
    path="/subparagraph",
    needs=("paragraph", "subparagraph"),
    schema={"if": stated("subparagraph"), "then": stated("paragraph")},
)
def _subparagraph_of_paragraph(provision: Provision) -> str | None:
    if provision.subparagraph is not None and provision.paragraph is None:
        return "a subparagraph belongs to a paragraph: give the paragraph too"
    return None


@record
class Provision(Record):
    """Where a rule is written: a rule and its paragraph, or a resolution, and where to read it.

    *rule*, *paragraph* and *subparagraph* number a rule of procedure ("17", "3",
    "b" for rule 17(3)(b)); *resolution* numbers a resolution ("9/1"), whose
    paragraph goes in *paragraph*; *document* is the symbol of the document that
    states it, where it has one; *url* a page that quotes it.

    >>> str(Provision(rule="17", paragraph="3", subparagraph="b"))
    'rule 17(3)(b)'
    >>> str(Provision(resolution="9/1", paragraph="53"))
    'resolution 9/1, paragraph 53'
    """

    rule: str | None = field(PROVISION_NUMBER, default=None)
    paragraph: str | None = field(PROVISION_NUMBER, default=None)
    subparagraph: str | None = field(PROVISION_NUMBER, default=None)
    resolution: str | None = field(PROVISION_NUMBER, default=None)
    document: str | None = field(SYMBOL, default=None)
    url: str | None = field(URL, default=None)
    RULES = (_provision_says_where, _subparagraph_of_paragraph)

    def __str__(self) -> str:
        parts = [f"({part})" for part in (self.paragraph, self.subparagraph) if part]
        if self.rule is not None:
            return f"rule {self.rule}{''.join(parts)}"
        if self.resolution is not None:
            where = f", paragraph {self.paragraph}" if self.paragraph else ""
            return f"resolution {self.resolution}{where}"
        return self.document or self.url or ""


@record
class Right(Record):
    """Something an organization admitted by a route may do, and whose invitation it needs first.

    >>> Right(action="oral_statement", invited_by="president").invited_by
    'president'
    """

    action: RightAction = field()
    invited_by: ConferenceBody | None = field(
        default=None, doc="Who must invite the organization first, when someone must."
    )
    provision: Provision | None = field(default=None)
    RULES = ()


@rule("A route gives each right once.", needs=("rights",))
def _each_right_once(route: Route) -> Found | None:
    return [
        (f"/rights/{index}/action", f"{right.action!r} is already given at /rights/{earlier}")
        for index, right, earlier in repeats(route.rights, lambda right: right.action)
    ] or None


@rule(
    "Objections need a route decided by someone, whom they are referred to otherwise.",
    path="/objections_decided_by",
    needs=("decided_by", "objections_decided_by"),
    schema={"if": stated("objections_decided_by"), "then": stated("decided_by")},
)
def _objections_of_a_decision(route: Route) -> str | None:
    if route.objections_decided_by is not None and route.decided_by is None:
        return (
            "objections are for routes on which someone decides: give decided_by (such as "
            "'bureau') too"
        )
    return None


_DAYS = integer(0, 3650)


@record(noun="route")
class Route(Record):
    """A way for an organization to take part in sessions, such as observer status under rule 17(2).

    *kinds* are the kinds of organization it admits (all, when empty); *decided_by*
    the body that accords status (None: by right, as under rule 16(1));
    *list_days_before* how many days before a session the list of applicants must be
    circulated, when one must; *objections_decided_by* the body that decides when an
    applicant meets an objection; *rights* what admitted organizations may do.

    >>> BUILTIN_ROUTES["ctoc-cop-rule-17-1"].decided_by
    'bureau'
    """

    id: str = field(ID)
    label: MultilingualText = field()
    provision: Provision = field()
    kinds: tuple[OrganizationKind, ...] = field(unique=True, default=())
    decided_by: ConferenceBody | None = field(default=None)
    list_days_before: int | None = field(_DAYS, default=None)
    objections_decided_by: ConferenceBody | None = field(default=None)
    rights: tuple[Right, ...] = field(default=())
    RULES = (_each_right_once, _objections_of_a_decision)

    def right(self, action: str) -> Right | None:
        """The right of this route to do *action*, or None."""
        return next((right for right in self.rights if right.action == action), None)


@rule("A check is an error or a warning, not both.", needs=("errors", "warnings"))
def _error_or_warning(rules: ParticipationRules) -> Found | None:
    found = [
        (f"/warnings/{index}", f"{check!r} is already an error")
        for index, check in enumerate(rules.warnings)
        if check in rules.errors
    ]
    return found or None


@record(noun="rule set")
class ParticipationRules(Record):
    """The rules on who may take part in a conference's sessions: routes, rights, checks.

    *routes* are the ways to take part, each citing its provision; *errors* and
    *warnings* name the checks of `ctocmodel.check_participation` that these rules call
    for, by how much a finding weighs (a check in neither is not made); *url* a page
    that states the rules.

    >>> BUILTIN_RULE_SETS["ctoc-cop"].errors
    ('route_kind', 'route_rules', 'list_notice', 'objection_decision')
    """

    id: str = field(ID)
    title: MultilingualText = field()
    url: str | None = field(URL, default=None)
    routes: tuple[Route, ...] = field(default=())
    errors: tuple[ParticipationCheck, ...] = field(unique=True, default=())
    warnings: tuple[ParticipationCheck, ...] = field(unique=True, default=())
    RULES = (_error_or_warning,)

    def severity(self, check: str) -> Severity | None:
        """Whether a finding of *check* is an error or a warning here (None: it is not made)."""
        if check in self.errors:
            return "error"
        if check in self.warnings:
            return "warning"
        return None


_NGO_PAGE = "https://www.unodc.org/unodc/en/treaties/CTOC/participation-ngos.html"
_IGO_PAGE = "https://www.unodc.org/unodc/en/treaties/CTOC/participation-igos.html"
_DIALOGUES_PAGE = "https://www.unodc.org/unodc/en/ngos/constructive-dialogues.html"


def _rule(number: str, paragraph: str, subparagraph: str | None = None) -> Provision:
    url = _NGO_PAGE if number == "17" else _IGO_PAGE
    return Provision(rule=number, paragraph=paragraph, subparagraph=subparagraph, url=url)


def _rights(number: str, statement: ConferenceBody, written: bool) -> tuple[Right, ...]:
    """The rights of paragraph 3 of rules 16 and 17; only rule 16 has views in writing (d)."""
    rights = [
        Right(action="attend_plenary", provision=_rule(number, "3", "a")),
        Right(action="oral_statement", invited_by=statement, provision=_rule(number, "3", "b")),
        Right(action="receive_documents", provision=_rule(number, "3", "c")),
    ]
    if written:
        rights.append(Right(action="written_statement", provision=_rule(number, "3", "d")))
    return tuple(rights)


_NGO_RIGHTS = _rights("17", "president", written=False)
_IGO_RIGHTS = _rights("16", "president", written=True)

# The text of each route is the rule's, in a few words; the rules are quoted on the
# UNODC pages in _NGO_PAGE and _IGO_PAGE, and docs/participation.md restates them.
_CTOC_COP = ParticipationRules(
    id="ctoc-cop",
    title={
        "en": "Rules of procedure for the Conference of the Parties to the United Nations "
        "Convention against Transnational Organized Crime, rules 16 and 17",
        "fr": "Règlement intérieur de la Conférence des Parties à la Convention des Nations "
        "Unies contre la criminalité transnationale organisée, articles 16 et 17",
    },
    url=_NGO_PAGE,
    routes=(
        Route(
            id="ctoc-cop-rule-16-1",
            label={
                "en": "Observer by right, after written notification to the Secretary-General: "
                "entities and organizations with a standing invitation from the General "
                "Assembly, United Nations bodies, specialized agencies and funds, functional "
                "commissions of ECOSOC",
            },
            provision=_rule("16", "1"),
            kinds=("un_entity", "intergovernmental_organization", "other"),
            rights=_IGO_RIGHTS,
        ),
        Route(
            id="ctoc-cop-rule-16-2",
            label={
                "en": "Observer status accorded by the bureau to another relevant "
                "intergovernmental organization, unless the Conference decides otherwise",
            },
            provision=_rule("16", "2"),
            kinds=("intergovernmental_organization",),
            decided_by="bureau",
            rights=_IGO_RIGHTS,
        ),
        Route(
            id="ctoc-cop-rule-17-1",
            label={
                "en": "Observer status accorded by the bureau to a relevant NGO in consultative "
                "status with ECOSOC, unless the Conference decides otherwise",
            },
            provision=_rule("17", "1"),
            kinds=("ngo", "ngo_federation"),
            decided_by="bureau",
            rights=_NGO_RIGHTS,
        ),
        Route(
            id="ctoc-cop-rule-17-2",
            label={
                "en": "Observer status for another relevant NGO, listed by the secretariat at "
                "least thirty days before the Conference; the Conference decides on objections",
            },
            provision=_rule("17", "2"),
            kinds=("ngo", "ngo_federation"),
            decided_by="bureau",
            list_days_before=30,
            objections_decided_by="conference",
            rights=_NGO_RIGHTS,
        ),
    ),
    errors=("route_kind", "route_rules", "list_notice", "objection_decision"),
    warnings=("statement_invitation", "statement_right", "admission_recorded"),
)

_DIALOGUES = ParticipationRules(
    id="untoc-review-constructive-dialogues",
    title={
        "en": "Procedures and rules for the functioning of the Mechanism for the Review of "
        "the Implementation of the UNTOC and the Protocols thereto (resolution 9/1 of the "
        "Conference of the Parties), paragraph 53: constructive dialogues",
    },
    url=_DIALOGUES_PAGE,
    routes=(
        Route(
            id="untoc-review-constructive-dialogue",
            label={
                "en": "Participation in a constructive dialogue with relevant stakeholders, "
                "irrespective of ECOSOC status, subject to approval by the extended bureau",
            },
            provision=Provision(resolution="9/1", paragraph="53", url=_DIALOGUES_PAGE),
            kinds=("ngo", "ngo_federation", "other"),
            decided_by="extended_bureau",
        ),
    ),
    errors=("route_kind", "route_rules"),
    warnings=("admission_recorded",),
)

BUILTIN_RULE_SETS: Mapping[str, ParticipationRules] = MappingProxyType(
    {rules.id: rules for rules in (_CTOC_COP, _DIALOGUES)}
)
"""The built-in participation rules, by id: ``ctoc-cop`` (rules 16 and 17 of the CTOC/COP's
rules of procedure) and ``untoc-review-constructive-dialogues`` (resolution 9/1).

A conference names them by id; a dataset declares others in ``participation_rules``.
"""

BUILTIN_ROUTES: Mapping[str, Route] = MappingProxyType(
    {route.id: route for rules in BUILTIN_RULE_SETS.values() for route in rules.routes}
)
"""The routes of the built-in rule sets, by id (``ctoc-cop-rule-17-2``...)."""

BUILTIN_RULES_OF_ROUTES: Mapping[str, str] = MappingProxyType(
    {route.id: rules.id for rules in BUILTIN_RULE_SETS.values() for route in rules.routes}
)
"""The id of the built-in rule set of each built-in route."""

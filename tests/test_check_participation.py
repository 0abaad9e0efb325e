"""check_participation: each finding pinned by a dataset that breaks exactly that rule.

`compliant` builds a dataset that keeps every participation rule of the CTOC/COP; each
test changes one thing and expects exactly one finding, of the check, severity, place
and cited provision the rules declare. Every such dataset still loads: these are
findings about compliance, not validity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from ctocmodel import (
    BUILTIN_RULE_SETS,
    Admission,
    Application,
    Conference,
    Dataset,
    Decision,
    Finding,
    Invitation,
    Listing,
    Objection,
    Organization,
    Participant,
    Participation,
    ParticipationRules,
    Provision,
    Right,
    Route,
    Session,
    SideEvent,
    Statement,
    check_participation,
    dumps,
    examples,
    loads,
)

START = dt.date(2014, 10, 6)
SESSION = "/conferences/0/sessions/0"
NGO_PAGE = "https://www.unodc.org/unodc/en/treaties/CTOC/participation-ngos.html"

ORGANIZATIONS = (
    Organization(id="unodc", name={"en": "UNODC"}, kind="un_entity"),
    Organization(id="unodc-team", name={"en": "Team"}, kind="un_entity_unit", parent="unodc"),
    Organization(id="ngo-a", name={"en": "NGO A"}, kind="ngo", ecosoc_status="special"),
    Organization(id="ngo-b", name={"en": "NGO B"}, kind="ngo"),
    Organization(id="ngo-c", name={"en": "NGO C"}, kind="ngo"),
    Organization(id="igo", name={"en": "An IGO"}, kind="intergovernmental_organization"),
    Organization(id="state-x", name={"en": "State X"}, kind="member_state"),
)

# The admissions of the compliant session, by organization.
ADMISSIONS = {
    "ngo-a": Admission(
        id="ngo-a-7",
        organization="ngo-a",
        route="ctoc-cop-rule-17-1",
        application=Application(to="bureau", date=dt.date(2014, 7, 1)),
        decision=Decision(by="bureau", date=dt.date(2014, 8, 1)),
        outcome="accorded",
    ),
    "ngo-b": Admission(
        id="ngo-b-7",
        organization="ngo-b",
        route="ctoc-cop-rule-17-2",
        application=Application(to="bureau", date=dt.date(2014, 7, 1)),
        listing=Listing(document="CTOC/COP/2014/INF/2", date=dt.date(2014, 9, 1)),
        objections=(Objection(by="state-x"),),
        decision=Decision(by="conference", date=START),
        outcome="accorded",
    ),
    "igo": Admission(id="igo-7", organization="igo", route="ctoc-cop-rule-16-2"),
}
STATEMENTS = (
    Statement(
        kind="oral", organization="ngo-a", agenda_item="2", invitation=Invitation(by="president")
    ),
    Statement(kind="written", organization="igo", document="CTOC/COP/2014/NGO/1"),
)
MEETINGS = (
    SideEvent(
        id="side-event",
        title={"en": "A side event"},
        organizers=("ngo-a",),
        co_organizers=("ngo-b",),
        participants=(
            Participant(role="speaker", organization="igo", description={"en": "Delegate"}),
            Participant(role="attendee", organization="state-x", description={"en": "Delegates"}),
        ),
    ),
    SideEvent(id="briefing", title={"en": "A briefing"}, organizers=("unodc-team",)),
)


def compliant(
    *,
    admissions: dict[str, Admission | None] | None = None,
    conference: dict[str, Any] | None = None,
    rule_sets: tuple[ParticipationRules, ...] = (),
    **session: Any,
) -> Dataset:
    """The compliant dataset; *admissions* replace (or, given None, drop) some of them.

    *conference* and *session* change fields of the conference and the session;
    *rule_sets* are rules the dataset declares.
    """
    chosen = {**ADMISSIONS, **(admissions or {})}
    the_session = Session(
        **{
            "id": "cop-7",
            "number": 7,
            "start": START,
            "end": START + dt.timedelta(days=4),
            "admissions": tuple(a for a in chosen.values() if a is not None),
            "statements": STATEMENTS,
            "meetings": MEETINGS,
            **session,
        }
    )
    return Dataset(
        organizations=ORGANIZATIONS,
        participation_rules=rule_sets,
        conferences=(
            Conference(
                **{
                    "id": "ctoc-cop",
                    "name": {"en": "CTOC/COP"},
                    "secretariat": "unodc",
                    "participation_rules": "ctoc-cop",
                    "sessions": (the_session,),
                    **(conference or {}),
                }
            ),
        ),
    )


def only(findings: list[Finding]) -> Finding:
    """The one finding, after checking that the dataset still loads."""
    assert len(findings) == 1, [str(finding) for finding in findings]
    return findings[0]


def finding_of(dataset: Dataset) -> Finding:
    assert loads(dumps(dataset)) == dataset  # a finding is no problem of validity
    return only(check_participation(dataset))


def evolve(record: Any, **changes: Any) -> Any:
    return attrs.evolve(record, **changes)


def test_the_compliant_dataset_has_no_findings() -> None:
    """The dataset every test varies keeps every rule: none of the findings below is a given."""
    assert check_participation(compliant()) == []


# Rule 17(2): the list of applicants


def test_a_list_circulated_29_days_before_is_an_error() -> None:
    """A list of applicants circulated 29 days before the session breaks rule 17(2)."""
    late = evolve(ADMISSIONS["ngo-b"], listing=Listing(date=START - dt.timedelta(days=29)))
    finding = finding_of(compliant(admissions={"ngo-b": late}))
    assert (finding.check, finding.severity) == ("list_notice", "error")
    assert finding.path == f"{SESSION}/admissions/1/listing/date"
    assert finding.cited == "rule 17(2)"
    assert finding.provisions[0].url == NGO_PAGE
    assert "29 days before" in finding.message
    assert "at least 30 days" in finding.message


def test_a_list_circulated_30_days_before_keeps_the_rule() -> None:
    """Thirty days is enough: the rule says at least thirty."""
    listing = Listing(date=START - dt.timedelta(days=30))
    on_time = evolve(ADMISSIONS["ngo-b"], listing=listing)
    assert check_participation(compliant(admissions={"ngo-b": on_time})) == []


def test_no_notice_is_asked_under_rule_17_1() -> None:
    """A late list does not matter for an NGO in consultative status (rule 17(1))."""
    listed = evolve(ADMISSIONS["ngo-a"], listing=Listing(date=START))
    assert check_participation(compliant(admissions={"ngo-a": listed})) == []


# Rule 17(2): objections


def test_status_accorded_despite_an_objection_without_a_decision_is_an_error() -> None:
    """Accorded over an objection, with no decision recorded: the Conference decides (17(2))."""
    undecided = evolve(ADMISSIONS["ngo-b"], decision=None)
    finding = finding_of(compliant(admissions={"ngo-b": undecided}))
    assert (finding.check, finding.severity) == ("objection_decision", "error")
    assert finding.path == f"{SESSION}/admissions/1/outcome"
    assert finding.cited == "rule 17(2)"
    assert "no decision is recorded" in finding.message


def test_a_bureau_decision_over_an_objection_is_an_error() -> None:
    """With an objection, the bureau's decision is not the Conference's."""
    by_bureau = evolve(ADMISSIONS["ngo-b"], decision=Decision(by="bureau"))
    finding = finding_of(compliant(admissions={"ngo-b": by_bureau}))
    assert finding.check == "objection_decision"
    assert "the bureau's" in finding.message


def test_status_refused_after_an_objection_needs_no_check() -> None:
    """Only status accorded despite an objection is a finding."""
    refused = evolve(ADMISSIONS["ngo-b"], decision=None, outcome="refused")
    dataset = compliant(admissions={"ngo-b": refused})
    # Refused, ngo-b still co-organizes the side event: that is the finding.
    assert only(check_participation(dataset)).check == "admission_recorded"


# Rule 17(3)(b): oral statements


def test_an_oral_statement_without_an_invitation_is_a_warning() -> None:
    """An NGO's oral statement with no recorded invitation of the President: rule 17(3)(b)."""
    uninvited = evolve(STATEMENTS[0], invitation=None)
    finding = finding_of(compliant(statements=(uninvited, STATEMENTS[1])))
    assert (finding.check, finding.severity) == ("statement_invitation", "warning")
    assert finding.path == f"{SESSION}/statements/0/invitation"
    assert finding.cited == "rule 17(3)(b)"
    assert "the President" in finding.message


def test_without_an_admission_the_routes_open_to_the_kind_say() -> None:
    """An NGO with no admission: rules 17(1) and 17(2) both ask for an invitation."""
    uninvited = Statement(kind="oral", organization="ngo-c")
    findings = check_participation(compliant(statements=(uninvited,)))
    assert {(f.check, f.path) for f in findings} == {
        ("statement_invitation", f"{SESSION}/statements/0/invitation"),
        ("admission_recorded", f"{SESSION}/statements/0/organization"),
    }


def test_a_written_statement_under_rule_17_is_a_warning() -> None:
    """Rule 17(3) gives NGOs no right to submit written statements; rule 16(3)(d) gives IGOs one."""
    written = Statement(kind="written", organization="ngo-a")
    finding = finding_of(compliant(statements=(written, STATEMENTS[1])))
    assert (finding.check, finding.severity) == ("statement_right", "warning")
    assert finding.path == f"{SESSION}/statements/0/kind"
    assert finding.cited == "rule 17(1)"


# Admission at the session


def test_an_organizer_without_an_admission_is_a_warning() -> None:
    """An NGO organizing a meeting with no admission recorded at the session."""
    meeting = evolve(MEETINGS[0], organizers=("ngo-c",), co_organizers=())
    finding = finding_of(compliant(meetings=(meeting, MEETINGS[1])))
    assert (finding.check, finding.severity) == ("admission_recorded", "warning")
    assert finding.path == f"{SESSION}/meetings/0/organizers/0"
    assert finding.cited == "rule 17(1); rule 17(2)"


def test_a_participant_s_organization_without_an_admission_is_found() -> None:
    """The organization a participant represents needs an admission too."""
    dataset = compliant(admissions={"igo": None}, statements=STATEMENTS[:1])
    finding = finding_of(dataset)
    assert finding.path == f"{SESSION}/meetings/0/participants/0/organization"
    assert finding.cited == "rule 16(1); rule 16(2)"


def test_a_participation_basis_counts_as_an_admission() -> None:
    """A participation entry with a basis records an admission whose steps are unknown."""
    basis = Participation(organization="igo", basis="intergovernmental_organization")
    without = compliant(admissions={"igo": None}, participation=(basis,))
    assert check_participation(without) == []


def test_the_secretariat_and_its_units_need_no_admission() -> None:
    """The conference's secretariat serves it; without it named, its unit needs an admission."""
    assert check_participation(compliant()) == []
    finding = finding_of(compliant(conference={"secretariat": None}))
    assert finding.path == f"{SESSION}/meetings/1/organizers/0"
    assert "'unodc-team'" in finding.message


def test_states_need_no_admission_under_these_rules() -> None:
    """No route of rules 16 and 17 admits States: they take part as parties, unchecked."""
    assert any(p.organization == "state-x" for p in MEETINGS[0].participants)
    assert check_participation(compliant()) == []


# The route


def test_an_ngo_under_rule_16_is_an_error() -> None:
    """Rule 16(2) admits intergovernmental organizations, not NGOs."""
    wrong = evolve(ADMISSIONS["ngo-a"], route="ctoc-cop-rule-16-2")
    finding = finding_of(compliant(admissions={"ngo-a": wrong}))
    assert (finding.check, finding.severity) == ("route_kind", "error")
    assert finding.path == f"{SESSION}/admissions/0/route"
    assert finding.cited == "rule 16(2)"
    assert "'ngo'" in finding.message


def test_a_route_of_other_rules_is_an_error() -> None:
    """An admission at a CTOC/COP session under the route of the constructive dialogues."""
    other = evolve(ADMISSIONS["ngo-a"], route="untoc-review-constructive-dialogue")
    finding = finding_of(compliant(admissions={"ngo-a": other}))
    assert (finding.check, finding.severity) == ("route_rules", "error")
    assert finding.cited == "resolution 9/1, paragraph 53"


# The rules declare the checks and their weight


COMMISSION_RULES = ParticipationRules(
    id="commission-rules",
    title={"en": "Accreditation of NGOs to the Commissions"},
    url="https://www.unodc.org/unodc/en/commissions/NGO.html",
    routes=(
        Route(
            id="commission-ecosoc-ngo",
            label={"en": "NGO in consultative status with ECOSOC, on a signed letter"},
            provision=Provision(url="https://www.unodc.org/unodc/en/commissions/NGO.html"),
            kinds=("ngo", "ngo_federation"),
            decided_by="secretariat",
            list_days_before=7,
            rights=(Right(action="oral_statement"), Right(action="written_statement")),
        ),
    ),
    errors=("route_kind",),
    warnings=("list_notice",),
)


def commission(admission: Admission | None = None) -> Dataset:
    """The compliant session, at a commission: NGO A admitted under its rules."""
    admission = admission or Admission(
        id="ngo-a-at-the-commission", organization="ngo-a", route="commission-ecosoc-ngo"
    )
    return compliant(
        conference={"participation_rules": "commission-rules"},
        admissions={"ngo-a": admission, "ngo-b": None, "igo": None},
        rule_sets=(COMMISSION_RULES,),
    )


def test_other_rules_are_declared_as_data() -> None:
    """A dataset declares a commission's rules; its checks are those rules' own."""
    dataset = commission()
    assert loads(dumps(dataset)) == dataset
    # Its routes give NGOs written statements, and ask no invitation; admission is not checked.
    assert check_participation(dataset) == []


def test_the_rules_say_whether_a_finding_is_an_error_or_a_warning() -> None:
    """The same late list is a warning under rules that declare list_notice a warning."""
    late = Admission(
        id="late",
        organization="ngo-a",
        route="commission-ecosoc-ngo",
        listing=Listing(date=START - dt.timedelta(days=3)),
    )
    finding = finding_of(commission(late))
    assert (finding.check, finding.severity) == ("list_notice", "warning")
    assert finding.rules == "commission-rules"


def quiet_rules(warnings: tuple[str, ...]) -> Dataset:
    """The compliant dataset under a copy of the CTOC/COP rules with only *warnings*."""
    ctoc_cop = BUILTIN_RULE_SETS["ctoc-cop"]
    routes = tuple(evolve(route, id=f"quiet-{route.id}") for route in ctoc_cop.routes)
    quiet = evolve(ctoc_cop, id="quiet", routes=routes, warnings=warnings)
    admissions: dict[str, Admission | None] = {
        key: evolve(admission, route=f"quiet-{admission.route}")
        for key, admission in ADMISSIONS.items()
    }
    uninvited = evolve(STATEMENTS[0], invitation=None)
    return compliant(
        conference={"participation_rules": "quiet"},
        admissions=admissions,
        statements=(uninvited, STATEMENTS[1]),
        rule_sets=(quiet,),
    )


def test_a_check_the_rules_do_not_name_is_not_made() -> None:
    """Rules without statement_invitation find nothing in an uninvited oral statement."""
    assert check_participation(quiet_rules(("admission_recorded",))) == []
    found = check_participation(quiet_rules(("admission_recorded", "statement_invitation")))
    assert only(found).check == "statement_invitation"


def test_a_conference_without_rules_is_checked_by_its_admissions_routes() -> None:
    """With no rule set named, admission is not checked; routes still are."""
    dataset = compliant(conference={"participation_rules": None}, admissions={"igo": None})
    assert check_participation(dataset) == []
    wrong = evolve(ADMISSIONS["ngo-a"], route="ctoc-cop-rule-16-1")
    assert (
        only(
            check_participation(
                compliant(conference={"participation_rules": None}, admissions={"ngo-a": wrong})
            )
        ).check
        == "route_kind"
    )


def test_rules_given_for_conferences_that_name_none() -> None:
    """check_participation(rules=...) applies a rule set where the data names none."""
    dataset = compliant(
        conference={"participation_rules": None},
        admissions={"igo": None},
        statements=STATEMENTS[:1],
    )
    finding = only(check_participation(dataset, rules="ctoc-cop"))
    assert finding.check == "admission_recorded"


def test_unknown_rules_are_refused_by_name() -> None:
    """A rule set that is neither built in nor declared is a ValueError listing the known ones."""
    with pytest.raises(ValueError, match=r"no rule set has the id 'ctoc'; known: 'ctoc-cop'"):
        check_participation(compliant(), rules="ctoc")


def test_the_bundled_record_names_no_rules_and_no_admission() -> None:
    """COP7's source names no basis: nothing is found, or checked, unless rules are given."""
    cop7 = examples.cop7()
    assert cop7.conferences[0].participation_rules is None
    assert check_participation(cop7) == []
    findings = check_participation(cop7, rules="ctoc-cop")
    assert {f.check for f in findings} == {"admission_recorded"}
    assert {f.severity for f in findings} == {"warning"}


def test_not_a_dataset_is_a_type_error() -> None:
    """check_participation takes a Dataset, not its JSON."""
    with pytest.raises(TypeError, match="expected a Dataset"):
        check_participation(dumps(compliant()))  # type: ignore[arg-type]


def test_a_written_statement_needs_no_invitation() -> None:
    """A right to write on invitation finds nothing in a written statement, which has none."""
    ctoc_cop = BUILTIN_RULE_SETS["ctoc-cop"]
    invited = tuple(
        evolve(
            route,
            id=f"strict-{route.id}",
            rights=tuple(evolve(right, invited_by="president") for right in route.rights),
        )
        for route in ctoc_cop.routes
    )
    strict = evolve(ctoc_cop, id="strict", routes=invited)
    admissions: dict[str, Admission | None] = {
        key: evolve(admission, route=f"strict-{admission.route}")
        for key, admission in ADMISSIONS.items()
    }
    dataset = compliant(
        conference={"participation_rules": "strict"}, admissions=admissions, rule_sets=(strict,)
    )
    assert STATEMENTS[1].kind == "written"
    assert check_participation(dataset) == []

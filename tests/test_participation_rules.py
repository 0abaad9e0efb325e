"""Participation rules as data: provisions, rights, routes, rule sets, and the built-in ones."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from ctocmodel import (
    BUILTIN_ROUTES,
    BUILTIN_RULE_SETS,
    Admission,
    Conference,
    Dataset,
    Organization,
    ParticipationRules,
    Provision,
    Right,
    Route,
    Session,
    ValidationError,
    dumps,
    loads,
)
from ctocmodel.testing import problems_of

NGO_PAGE = "https://www.unodc.org/unodc/en/treaties/CTOC/participation-ngos.html"
IGO_PAGE = "https://www.unodc.org/unodc/en/treaties/CTOC/participation-igos.html"
CTOC_COP = BUILTIN_RULE_SETS["ctoc-cop"]


def route(**fields: object) -> Route:
    return Route(
        **{
            "id": "a-route",
            "label": {"en": "A route"},
            "provision": Provision(rule="5", paragraph="1"),
            **fields,
        }
    )


# The CTOC/COP's rules, built in with their citations


def test_ctoc_cop_routes_are_rules_16_and_17_paragraphs_1_and_2() -> None:
    """Four routes, each citing its rule and paragraph and the UNODC page that quotes it."""
    cited = {(str(r.provision), r.provision.url) for r in CTOC_COP.routes}
    assert cited == {
        ("rule 16(1)", IGO_PAGE),
        ("rule 16(2)", IGO_PAGE),
        ("rule 17(1)", NGO_PAGE),
        ("rule 17(2)", NGO_PAGE),
    }


def test_rule_17_2_lists_applicants_thirty_days_before_and_the_conference_decides() -> None:
    """Rule 17(2): the bureau decides, the list goes out 30 days before, objections go up."""
    rule = BUILTIN_ROUTES["ctoc-cop-rule-17-2"]
    assert (rule.decided_by, rule.list_days_before, rule.objections_decided_by) == (
        "bureau",
        30,
        "conference",
    )
    assert rule.kinds == ("ngo", "ngo_federation")


def test_rule_16_1_is_by_right_after_notification() -> None:
    """Rule 16(1): entitled after written notification, no one decides, no list."""
    rule = BUILTIN_ROUTES["ctoc-cop-rule-16-1"]
    assert (rule.decided_by, rule.list_days_before, rule.objections_decided_by) == (None,) * 3


def test_rights_of_ngos_are_rule_17_3() -> None:
    """NGOs attend, speak on the President's invitation (17(3)(b)), receive documents."""
    rights = BUILTIN_ROUTES["ctoc-cop-rule-17-1"].rights
    assert [(r.action, r.invited_by, str(r.provision)) for r in rights] == [
        ("attend_plenary", None, "rule 17(3)(a)"),
        ("oral_statement", "president", "rule 17(3)(b)"),
        ("receive_documents", None, "rule 17(3)(c)"),
    ]


def test_rights_of_igos_add_views_in_writing_16_3_d() -> None:
    """Rule 16(3) adds the right to submit views in writing (d)."""
    rights = BUILTIN_ROUTES["ctoc-cop-rule-16-2"].rights
    assert ("written_statement", "rule 16(3)(d)") in [(r.action, str(r.provision)) for r in rights]
    assert BUILTIN_ROUTES["ctoc-cop-rule-17-2"].right("written_statement") is None


def test_constructive_dialogues_are_resolution_9_1_paragraph_53() -> None:
    """Constructive dialogues: any NGO, approved by the extended bureau, under resolution 9/1."""
    rule = BUILTIN_ROUTES["untoc-review-constructive-dialogue"]
    assert str(rule.provision) == "resolution 9/1, paragraph 53"
    assert rule.decided_by == "extended_bureau"
    assert "ngo" in rule.kinds


def test_built_in_tables_are_read_only() -> None:
    """Programs that import ctocmodel cannot change the built-in rules."""
    with pytest.raises(TypeError):
        BUILTIN_RULE_SETS["mine"] = CTOC_COP  # type: ignore[index]
    with pytest.raises(TypeError):
        BUILTIN_ROUTES["mine"] = CTOC_COP.routes[0]  # type: ignore[index]


# Provisions


@pytest.mark.parametrize("written", ["17(2)", "rule 17", "17 ", ""])
def test_a_rule_number_is_one_number(written: str) -> None:
    """'17(2)' in the rule field is refused with how to write it."""
    assert problems_of(lambda: Provision(rule=written))["/rule"].startswith(
        f"{written!r} is not the number of one rule"
    )


def test_a_provision_says_where() -> None:
    """A provision with no rule, resolution, document or page says nothing."""
    assert problems_of(Provision) == {
        "": "a provision names at least one of rule, resolution, document, url"
    }


def test_a_subparagraph_needs_its_paragraph() -> None:
    """(b) of no paragraph is refused at the subparagraph."""
    assert list(problems_of(lambda: Provision(rule="17", subparagraph="b"))) == ["/subparagraph"]


def test_a_provision_in_a_document_is_cited_by_its_symbol() -> None:
    """A resolution may be cited by the symbol of the document that states it."""
    provision = Provision(resolution="9/1", document="CTOC/COP/2018/13")
    assert (str(provision), provision.document) == ("resolution 9/1", "CTOC/COP/2018/13")


# Routes and rule sets


def test_a_route_gives_each_right_once() -> None:
    """The second right to speak is reported at its action."""
    twice = (Right(action="oral_statement"), Right(action="oral_statement"))
    assert problems_of(lambda: route(rights=twice)) == {
        "/rights/1/action": "'oral_statement' is already given at /rights/0"
    }


def test_objections_go_to_someone_on_a_route_on_which_someone_decides() -> None:
    """A route by right has no one to refer objections from."""
    assert list(problems_of(lambda: route(objections_decided_by="conference"))) == [
        "/objections_decided_by"
    ]


def test_a_check_is_an_error_or_a_warning() -> None:
    """A check named in both lists is refused at the warning."""
    assert problems_of(
        lambda: ParticipationRules(
            id="r", title={"en": "R"}, errors=("list_notice",), warnings=("list_notice",)
        )
    ) == {"/warnings/0": "'list_notice' is already an error"}


def declaring(*rule_sets: ParticipationRules, rules: str | None = None) -> Dataset:
    return Dataset(
        participation_rules=rule_sets,
        conferences=(Conference(id="c", name={"en": "C"}, participation_rules=rules),),
    )


def test_a_dataset_declares_its_own_rules_which_its_conferences_name() -> None:
    """A rule set declared by the dataset is named by id, and round-trips."""
    mine = ParticipationRules(id="mine", title={"en": "Mine"}, routes=(route(),))
    dataset = declaring(mine, rules="mine")
    assert loads(dumps(dataset)) == dataset


def test_a_conference_names_rules_that_exist() -> None:
    """An unknown rule set is a broken reference."""
    with pytest.raises(ValidationError, match="no rule set has the id 'ctoc'"):
        declaring(rules="ctoc")


def test_a_built_in_rule_set_is_not_declared_again() -> None:
    """Declaring 'ctoc-cop' is refused: use its id."""
    with pytest.raises(ValidationError, match="'ctoc-cop' is a built-in rule set"):
        declaring(attrs.evolve(CTOC_COP, routes=()))


def test_a_built_in_route_is_not_declared_again() -> None:
    """A declared route may not take the id of a built-in one."""
    copy = ParticipationRules(id="mine", title={"en": "Mine"}, routes=(CTOC_COP.routes[0],))
    with pytest.raises(ValidationError, match="'ctoc-cop-rule-16-1' is a built-in route"):
        declaring(copy)


def test_route_ids_are_unique_across_rule_sets() -> None:
    """Two rule sets cannot both declare a route 'a-route'."""
    first = ParticipationRules(id="first", title={"en": "1"}, routes=(route(),))
    second = ParticipationRules(id="second", title={"en": "2"}, routes=(route(),))
    with pytest.raises(ValidationError, match=r"the route id 'a-route' is already used by"):
        declaring(first, second)


def test_admissions_name_declared_routes_declared_before_the_conferences() -> None:
    """A dataset's checks meet its routes before the admissions that name them."""
    mine = ParticipationRules(id="mine", title={"en": "Mine"}, routes=(route(),))
    session = Session(
        id="s",
        number=1,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 1, 2),
        admissions=(Admission(id="a", organization="ngo", route="a-route"),),
    )
    dataset = Dataset(
        organizations=(Organization(id="ngo", name={"en": "NGO"}, kind="ngo"),),
        participation_rules=(mine,),
        conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
    )
    assert (
        json.loads(dumps(dataset))["conferences"][0]["sessions"][0]["admissions"][0]["route"]
        == "a-route"
    )

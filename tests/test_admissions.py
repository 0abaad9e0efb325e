"""Admissions and statements: the steps by which an organization came to a session, what it said."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ctocmodel import (
    Admission,
    Application,
    Conference,
    Dataset,
    Decision,
    Invitation,
    Listing,
    Objection,
    Organization,
    Participation,
    Session,
    Statement,
    ValidationError,
    dumps,
    examples,
    loads,
)
from ctocmodel.testing import problems_of

START = dt.date(2014, 10, 6)


def session_dataset(**session: object) -> Dataset:
    return Dataset(
        organizations=(
            Organization(id="ngo", name={"en": "NGO"}, kind="ngo"),
            Organization(id="state", name={"en": "State"}, kind="member_state"),
        ),
        conferences=(
            Conference(
                id="cop",
                name={"en": "COP"},
                sessions=(
                    Session(
                        **{"id": "cop-7", "number": 7, "start": START, "end": START, **session}
                    ),
                ),
            ),
        ),
    )


def test_every_step_of_an_admission_is_optional() -> None:
    """An admission names an organization; the source may state nothing else."""
    admission = Admission(id="a", organization="ngo")
    assert (admission.route, admission.application, admission.listing) == (None, None, None)
    assert (admission.objections, admission.decision, admission.outcome) == ((), None, None)


def test_every_step_round_trips() -> None:
    """An admission with every step reads back as written."""
    admission = Admission(
        id="ngo-at-7",
        organization="ngo",
        route="ctoc-cop-rule-17-2",
        application=Application(to="bureau", date=dt.date(2014, 7, 1)),
        listing=Listing(document="CTOC/COP/2014/INF/2", date=dt.date(2014, 9, 1)),
        objections=(Objection(by="state", date=dt.date(2014, 9, 20)), Objection()),
        decision=Decision(by="conference", date=START, document="CTOC/COP/2014/L.1"),
        outcome="accorded",
    )
    dataset = session_dataset(admissions=(admission,))
    assert loads(dumps(dataset)) == dataset


def test_a_circulated_list_gives_its_symbol_or_its_date() -> None:
    """A list known by neither symbol nor date says nothing: refused."""
    assert problems_of(Listing) == {
        "": "a circulated list gives its document symbol, its date, or both"
    }


def test_a_list_symbol_is_a_un_document_symbol() -> None:
    """The symbol of the list is written as DocumentSymbol normalises it."""
    assert problems_of(lambda: Listing(document="ctoc/cop/2014/inf/2")) == {
        "/document": "write the document symbol 'ctoc/cop/2014/inf/2' as 'CTOC/COP/2014/INF/2'"
    }


def test_an_outcome_is_one_of_four() -> None:
    """Accorded, refused, withdrawn or pending."""
    assert "/outcome" in problems_of(
        lambda: Admission(id="a", organization="ngo", outcome="granted")  # type: ignore[arg-type]
    )


def test_an_organization_is_admitted_once_per_session() -> None:
    """A second admission of the same organization is reported at it."""
    twice = (Admission(id="a", organization="ngo"), Admission(id="b", organization="ngo"))
    assert problems_of(
        lambda: Session(id="s", number=1, start=START, end=START, admissions=twice)
    ) == {"/admissions/1/organization": "'ngo' already has an admission at /admissions/0"}


def test_an_objection_names_an_organization_of_the_dataset() -> None:
    """Who objected is a reference that must resolve."""
    admission = Admission(id="a", organization="ngo", objections=(Objection(by="nobody"),))
    with pytest.raises(ValidationError, match="no organization has the id 'nobody'"):
        session_dataset(admissions=(admission,))


def test_admission_ids_are_unique_across_the_dataset() -> None:
    """Admissions are named by id, like meetings: two with one id are refused."""
    admissions = (Admission(id="a", organization="ngo"), Admission(id="a", organization="state"))
    with pytest.raises(ValidationError, match="the admission id 'a' is already used by"):
        session_dataset(admissions=admissions)


def test_participation_basis_still_loads_beside_admissions() -> None:
    """The one-word basis of 1.0 documents stays, and may stand beside an admission."""
    dataset = session_dataset(
        participation=(Participation(organization="ngo", basis="ecosoc_special"),),
        admissions=(Admission(id="a", organization="ngo", route="ctoc-cop-rule-17-1"),),
    )
    assert loads(dumps(dataset)).conferences[0].sessions[0].participation[0].basis == (
        "ecosoc_special"
    )


def test_a_1_0_document_still_loads() -> None:
    """A document of schema 1.0, without any key added in 1.1, loads with their defaults."""
    document = json.loads(examples.cop7_json())
    document["schema_version"] = "1.0"
    del document["participation_rules"]
    conference = document["conferences"][0]
    del conference["participation_rules"]
    for session in conference["sessions"]:
        del session["admissions"], session["statements"]
    for person in document["people"]:
        del person["visibility"], person["consent"]
    dataset = loads(json.dumps(document))
    assert dataset.schema_version == "1.0"
    assert dataset.conferences[0].sessions[0].admissions == ()
    assert (
        dataset.conferences[0].sessions[0].figures
        == examples.cop7().conferences[0].sessions[0].figures
    )


# Statements


def test_an_oral_statement_records_its_invitation() -> None:
    """Who spoke, on which item, on whose invitation."""
    statement = Statement(
        kind="oral",
        organization="ngo",
        agenda_item="4 (b)",
        date=START,
        invitation=Invitation(by="president", date=START),
    )
    dataset = session_dataset(statements=(statement,))
    assert loads(dumps(dataset)).conferences[0].sessions[0].statements == (statement,)


def test_a_written_statement_is_on_no_invitation() -> None:
    """An invitation belongs to oral statements: refused on a written one, at /invitation."""
    assert problems_of(
        lambda: Statement(kind="written", organization="ngo", invitation=Invitation(by="president"))
    ) == {
        "/invitation": (
            "a written statement is submitted, not made on an invitation; remove invitation"
        )
    }


def test_a_written_statement_carries_its_document_symbol() -> None:
    """A written statement's document is a UN document symbol."""
    statement = Statement(kind="written", organization="ngo", document="CTOC/COP/2014/NGO/1")
    assert statement.document == "CTOC/COP/2014/NGO/1"
    assert "/document" in problems_of(
        lambda: Statement(kind="written", organization="ngo", document="NGO statement 1")
    )


def test_a_statement_is_made_by_an_organization_of_the_dataset() -> None:
    """Its organization and person are references that must resolve."""
    with pytest.raises(ValidationError, match="no person has the id 'jane'"):
        session_dataset(statements=(Statement(kind="oral", organization="ngo", person="jane"),))

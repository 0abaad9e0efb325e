"""Citations: a record or one of its fields cites a source and a place in it; `why` finds them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ctocmodel import (
    Citation,
    Organization,
    ValidationError,
    examples,
    from_csv,
    from_xlsx,
    loads,
    to_csv,
    to_jsonld,
    to_xlsx,
    why,
)
from ctocmodel.testing import problems_of

from .conftest import build_dataset

NEWS = "news"


def _cited_dataset():
    organization = Organization(
        id="ngo-a",
        name={"en": "NGO A"},
        kind="ngo",
        sources=(NEWS,),
        citations=(
            Citation(source=NEWS, field="name", paragraph=2, quote="NGO A took part."),
            Citation(source=NEWS, page="iv", retrieved=dt.date(2026, 1, 5)),
        ),
    )
    return build_dataset(extra_organizations=(organization,))


def test_a_citation_locates_the_statement_in_words() -> None:
    """paragraph, page, section and fragment make the locator, in that order."""
    citation = Citation(source="s", paragraph=3, page="12-13", section="B", fragment="p3")
    assert citation.locator() == "paragraph 3, page 12-13, section B, #p3"
    assert Citation(source="s").locator() == ""


def test_a_quotation_is_one_sentence() -> None:
    """A quotation of two sentences is refused with advice; one sentence is kept."""
    assert Citation(source="s", quote="Plus de 90 participants ont participé.").quote
    found = problems_of(
        lambda: Citation(source="s", quote="Plus de 90 participants. Ces réunions ont eu lieu.")
    )
    assert list(found) == ["/quote"]
    assert found["/quote"].startswith("a quotation is at most one sentence")


def test_a_quotation_is_short() -> None:
    """A quotation longer than 300 characters is refused, even without a full stop."""
    found = problems_of(lambda: Citation(source="s", quote="x" * 301))
    assert found == {
        "/quote": "a quotation has at most 300 characters, this one has 301: "
        "quote the one sentence that states the fact"
    }


def test_a_fragment_is_written_without_its_hash() -> None:
    """A fragment starting with '#' is refused with a hint to leave it out."""
    found = problems_of(lambda: Citation(source="s", fragment="#section-2"))
    assert found["/fragment"].endswith("leave out the '#'")
    assert Citation(source="s", fragment=":~:text=Plus%20de%2090").fragment


def test_a_paragraph_counts_from_one() -> None:
    """Paragraph 0 is refused."""
    assert problems_of(lambda: Citation(source="s", paragraph=0)) == {
        "/paragraph": "must be at least 1, got 0"
    }


@pytest.mark.parametrize("field", ["nickname", "id", "citations"])
def test_a_citation_names_a_field_of_its_record(field: str) -> None:
    """A field the record does not have, or its id or citations, is refused where it is named."""
    found = problems_of(
        lambda: Organization(
            id="x", name={"en": "X"}, kind="ngo", citations=(Citation(source="s", field=field),)
        )
    )
    assert list(found) == ["/citations/0/field"]
    assert found["/citations/0/field"].startswith(f"{field!r} is not a field this record cites")


def test_a_citation_names_an_existing_source() -> None:
    """The source of a citation is a reference the dataset resolves."""
    organization = Organization(
        id="x", name={"en": "X"}, kind="ngo", citations=(Citation(source="nwes"),)
    )
    with pytest.raises(ValidationError) as caught:
        build_dataset(extra_organizations=(organization,))
    assert [(p.path, p.message) for p in caught.value.errors] == [
        (
            "/organizations/1/citations/0/source",
            "no source has the id 'nwes' in this dataset (did you mean 'news'?)",
        )
    ]


def test_why_gives_the_field_citation_first_then_the_whole_record() -> None:
    """The citations covering a field: its own, those of the whole record, the record's sources."""
    dataset = _cited_dataset()
    found = why(dataset, "/organizations/1/name/en")
    assert [(c.at, c.citation.field) for c in found] == [
        ("/organizations/1/citations/0", "name"),
        ("/organizations/1/citations/1", None),
        ("/organizations/1/sources/0", None),
    ]
    assert found[0].quote == "NGO A took part."
    assert found[0].source.id == NEWS
    assert found[1].citation.retrieved == dt.date(2026, 1, 5)


def test_why_leaves_out_citations_of_other_fields() -> None:
    """A citation of the name does not cover the kind."""
    assert [c.at for c in why(_cited_dataset(), "/organizations/1/kind")] == [
        "/organizations/1/citations/1",
        "/organizations/1/sources/0",
    ]


def test_why_climbs_to_the_records_around_the_value() -> None:
    """A figure is covered by its source (with its quote), its session's, its conference's."""
    found = why(examples.cop7(), "/conferences/0/sessions/0/figures/2/count/value")
    assert [c.at for c in found] == [
        "/conferences/0/sessions/0/figures/2/source",
        "/conferences/0/sessions/0/sources/0",
        "/conferences/0/sources/0",
    ]
    assert found[0].quote == "Au total, 16 ONG ont organisé des manifestations parallèles."
    assert "Au total, 16 ONG" in found[0].describe()


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("/organizations/9", "/organizations/9"),
        ("/organizations/01", "/organizations/01"),
        ("/organizations/0/nickname", "/organizations/0/nickname"),
        ("/people/0/name/x", "/people/0/name/x"),
    ],
)
def test_why_refuses_a_pointer_to_nothing(path: str, where: str) -> None:
    """A pointer that leads nowhere is a ValidationError at the first token that fails."""
    with pytest.raises(ValidationError) as caught:
        why(_cited_dataset(), path)
    assert [(p.path, p.message) for p in caught.value.errors] == [
        (where, "nothing in this dataset is at this pointer")
    ]


def test_why_refuses_what_is_not_a_pointer() -> None:
    """A pointer starts with '/': anything else is a ValidationError, never a KeyError."""
    with pytest.raises(ValidationError, match="is not a JSON Pointer"):
        why(_cited_dataset(), "organizations/0")


def test_citations_round_trip_through_json() -> None:
    """A dataset with citations reads back equal from its canonical JSON."""
    from ctocmodel import dumps

    dataset = _cited_dataset()
    assert loads(dumps(dataset)) == dataset


def test_json_ld_carries_citations_as_prov_derivations() -> None:
    """Each citation is a prov:Derivation of its source, with its place, quote and date."""
    nodes = {node["@id"]: node for node in to_jsonld(_cited_dataset())["@graph"]}
    node = nodes["urn:ctocmodel:organization:ngo-a"]
    derivations = node["prov:qualifiedDerivation"]
    by_field = {d.get("ctoc:field"): d for d in derivations}
    assert by_field["name"] == {
        "@type": "prov:Derivation",
        "prov:entity": {"@id": "urn:ctocmodel:source:news"},
        "dcterms:bibliographicCitation": "paragraph 2",
        "ctoc:field": "name",
        "ctoc:paragraph": 2,
        "ctoc:quote": {"fr": "NGO A took part."},
    }
    assert by_field[None]["dcterms:date"] == "2026-01-05"
    assert node["dcterms:source"] == [{"@id": "urn:ctocmodel:source:news"}]


def test_json_ld_citations_expand_to_prov_terms() -> None:
    """Expanded with the context, the derivation uses PROV-O and DCMI terms."""
    pyld = pytest.importorskip("pyld")
    expanded = pyld.jsonld.expand(to_jsonld(_cited_dataset()))
    text = json.dumps(expanded)
    assert "http://www.w3.org/ns/prov#qualifiedDerivation" in text
    assert "http://www.w3.org/ns/prov#entity" in text
    assert "http://purl.org/dc/terms/date" in text


def test_the_citations_table_round_trips_through_csv(tmp_path: Path) -> None:
    """to_csv writes citations.csv, keyed by the citing record, and from_csv reads it back."""
    dataset = _cited_dataset()
    session = dataset.conferences[0].sessions[0]
    session = attrs.evolve(session, citations=(Citation(source=NEWS, field="start", section="1"),))  # type: ignore[misc]
    conference = attrs.evolve(dataset.conferences[0], sessions=(session,))  # type: ignore[misc]
    dataset = attrs.evolve(dataset, conferences=(conference,))  # type: ignore[misc]
    written = to_csv(dataset, tmp_path / "tables")
    assert "citations.csv" in written
    header = (tmp_path / "tables" / "citations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(
        "organization,person,conference,session,meeting,source,field,paragraph"
    )
    assert from_csv(tmp_path / "tables") == dataset


def test_the_citations_sheet_round_trips_through_xlsx(tmp_path: Path) -> None:
    """The workbook has a citations sheet that reads back into the same dataset."""
    pytest.importorskip("openpyxl")
    dataset = _cited_dataset()
    sheets = to_xlsx(dataset, tmp_path / "book.xlsx")
    assert "citations" in sheets
    assert from_xlsx(tmp_path / "book.xlsx") == dataset

"""Organizations and their identifiers in external registers."""

from __future__ import annotations

import pytest

from ctocmodel import Identifier, Organization
from ctocmodel.testing import problems_of as problems


def ngo(**fields) -> Organization:
    return Organization(**{"id": "some-ngo", "name": {"en": "Some NGO"}, "kind": "ngo", **fields})


WIKIDATA = Identifier(scheme="XI-WIKIDATA", id="Q1234")


# Identifier


@pytest.mark.parametrize("scheme", ["XI-WIKIDATA", "GB-CHC", "US-EIN", "XM-DAC", "FR-RNA2"])
def test_org_id_guide_scheme_is_accepted(scheme):
    """A scheme of two capitals, '-', then capitals and digits is accepted."""
    assert Identifier(scheme=scheme, id="12345").scheme == scheme


@pytest.mark.parametrize(
    "scheme", ["xi-wikidata", "XIWIKIDATA", "X-WIKIDATA", "XI-", "XI-WIKI DATA"]
)
def test_malformed_scheme_is_refused(scheme):
    """A scheme not shaped like an org-id.guide list code is refused, with an example."""
    found = problems(lambda: Identifier(scheme=scheme, id="Q1"))
    assert list(found) == ["/scheme"]
    assert found["/scheme"].startswith(f"{scheme!r} is not an org-id.guide list code")


def test_scheme_must_be_a_string():
    """A non-string scheme is refused, naming what was given."""
    assert problems(lambda: Identifier(scheme=None, id="Q1")) == {
        "/scheme": "expected a scheme (a string), got null"
    }


def test_scheme_with_a_trailing_newline_is_refused():
    """'XI-WIKIDATA\\n' is not a list code: the whole scheme must match."""
    found = problems(lambda: Identifier(scheme="XI-WIKIDATA\n", id="Q1"))
    assert "is not an org-id.guide list code" in found["/scheme"]


def test_identifier_id_must_not_be_blank():
    """The id within the register is non-blank text."""
    assert problems(lambda: Identifier(scheme="GB-CHC", id="  ")) == {
        "/id": "text must not be empty or only spaces"
    }


def test_identifier_id_must_not_have_surrounding_spaces():
    """Leading or trailing spaces in a register id are refused."""
    assert problems(lambda: Identifier(scheme="GB-CHC", id=" 1234 ")) == {
        "/id": "an identifier must not start or end with spaces"
    }


def test_scheme_and_id_problems_are_reported_together():
    """A bad scheme and a blank id are both reported."""
    assert set(problems(lambda: Identifier(scheme="wikidata", id=""))) == {"/scheme", "/id"}


# Organization: id, kind and ECOSOC status


@pytest.mark.parametrize(
    "kind",
    [
        "ngo",
        "ngo_federation",
        "un_entity",
        "intergovernmental_organization",
        "member_state",
        "other",
    ],
)
def test_organization_kinds_are_accepted(kind):
    """Every kind but un_entity_unit needs nothing more than an id and a name."""
    assert ngo(kind=kind).kind == kind


def test_unknown_kind_is_refused_with_a_suggestion():
    """A misspelt kind is refused and the near kind is suggested."""
    found = problems(lambda: ngo(kind="ngo-federation"))
    assert list(found) == ["/kind"]
    assert found["/kind"].endswith("(did you mean 'ngo_federation'?)")


@pytest.mark.parametrize(
    ("value", "hint"),
    [("Some-NGO", "; perhaps 'some-ngo'"), ("some ngo", ""), ("some--ngo", ""), ("-ngo", "")],
)
def test_malformed_organization_id_is_refused(value, hint):
    """An id is lowercase letters and digits joined by single separators; case slips get a hint."""
    found = problems(lambda: ngo(id=value))
    assert list(found) == ["/id"]
    assert found["/id"].startswith(f"{value!r} is not a valid id")
    assert found["/id"].endswith(f"(such as 'unodc-civil-society-team'){hint}")


def test_overlong_id_is_refused():
    """An id has at most 100 characters."""
    assert problems(lambda: ngo(id="a" * 101)) == {
        "/id": "an id has at most 100 characters, this one has 101"
    }
    assert ngo(id="a" * 100).id == "a" * 100


def test_id_with_a_trailing_newline_is_refused():
    """'some-ngo\\n' is not an id: the whole string must match the id pattern."""
    found = problems(lambda: ngo(id="some-ngo\n"))
    assert found["/id"].startswith("'some-ngo\\n' is not a valid id")


@pytest.mark.parametrize(
    ("kind", "status"), [("ngo", "general"), ("ngo_federation", "special"), ("ngo", "roster")]
)
def test_ngos_may_hold_ecosoc_status(kind, status):
    """NGOs and NGO federations may hold general, special or roster status."""
    assert ngo(kind=kind, ecosoc_status=status).ecosoc_status == status


@pytest.mark.parametrize(
    "kind", ["un_entity", "member_state", "intergovernmental_organization", "other"]
)
def test_ecosoc_status_is_refused_for_organizations_that_are_not_ngos(kind):
    """Only NGOs and NGO federations hold ECOSOC consultative status."""
    found = problems(lambda: ngo(kind=kind, ecosoc_status="special"))
    assert found == {
        "/ecosoc_status": "only NGOs and NGO federations hold ECOSOC consultative status; "
        f"this organization is of kind {kind!r}"
    }


def test_unknown_ecosoc_status_is_refused():
    """The status is one of general, special, roster."""
    found = problems(lambda: ngo(ecosoc_status="consultative"))
    assert list(found) == ["/ecosoc_status"]
    assert found["/ecosoc_status"].startswith("expected one of 'general', 'special', 'roster'")


# Organization: parent


def test_un_entity_unit_names_its_parent():
    """A unit of a UN entity with a parent is accepted."""
    unit = ngo(id="unodc-civil-society-team", kind="un_entity_unit", parent="unodc")
    assert unit.parent == "unodc"


def test_un_entity_unit_without_parent_is_refused():
    """A un_entity_unit must name its parent organization."""
    assert problems(lambda: ngo(kind="un_entity_unit")) == {
        "/parent": "a unit of a UN entity names its parent organization (such as 'unodc')"
    }


def test_an_organization_cannot_be_its_own_parent():
    """parent equal to id is refused."""
    assert problems(lambda: ngo(parent="some-ngo")) == {
        "/parent": "an organization cannot be its own parent"
    }


def test_parent_must_be_a_string():
    """The parent is a reference, a string; the dataset checks that it resolves."""
    found = problems(lambda: ngo(parent=("unodc",)))
    assert found == {"/parent": "expected an id (a string), got a tuple"}


# Organization: country


@pytest.mark.parametrize("code", ["AT", "FR", "US", "CN", "PS", "TW"])
def test_iso_country_codes_are_accepted(code):
    """Officially assigned ISO 3166-1 alpha-2 codes are accepted."""
    assert ngo(country=code).country == code


def test_lowercase_country_code_gets_a_hint():
    """'at' is refused with a hint to write 'AT'."""
    assert problems(lambda: ngo(country="at")) == {
        "/country": "'at' is not an ISO 3166-1 alpha-2 country code such as 'AT'; write 'AT'"
    }


@pytest.mark.parametrize("code", ["XK", "UK", "AUT", "ZZ", ""])
def test_codes_outside_the_iso_list_are_refused_without_hint(code):
    """User-assigned (XK), reserved (UK), alpha-3 and unknown codes are refused."""
    assert problems(lambda: ngo(country=code)) == {
        "/country": f"{code!r} is not an ISO 3166-1 alpha-2 country code such as 'AT'"
    }


def test_country_must_be_a_string():
    """A non-string country is refused."""
    assert problems(lambda: ngo(country=40)) == {
        "/country": "expected a country code (a string), got an integer (40)"
    }


# Organization: website


@pytest.mark.parametrize(
    "url", ["https://www.unodc.org/", "http://example.org", "https://example.org/a?b=c#d"]
)
def test_absolute_http_urls_are_accepted(url):
    """An absolute http or https URL is accepted as a website."""
    assert ngo(website=url).website == url


@pytest.mark.parametrize(
    "url",
    [
        "www.unodc.org",
        "ftp://example.org/",
        "https://",
        "https://exa mple.org/",
        "https://example.org/\n",
        "https://example.org/\x00",
        "javascript:alert(1)",
        "mailto:info@example.org",
    ],
)
def test_other_websites_are_refused(url):
    """Relative URLs, other schemes, missing hosts, spaces and control characters are refused."""
    assert problems(lambda: ngo(website=url)) == {
        "/website": f"{url!r} is not an absolute http(s) URL such as 'https://example.org/'"
    }


# Organization: identifiers and sources


def test_identifiers_are_kept():
    """Identifiers in several registers are kept in order."""
    charity = Identifier(scheme="GB-CHC", id="1234567")
    assert ngo(identifiers=(WIKIDATA, charity)).identifiers == (WIKIDATA, charity)


def test_duplicate_identifier_is_refused():
    """The same scheme and id twice is refused at the second occurrence."""
    found = problems(
        lambda: ngo(identifiers=(WIKIDATA, Identifier(scheme="GB-CHC", id="1"), WIKIDATA))
    )
    assert found == {"/identifiers/2": "this identifier is listed twice"}


def test_same_id_in_two_schemes_is_not_a_duplicate():
    """Identifiers differing only by scheme are distinct."""
    pair = (Identifier(scheme="GB-CHC", id="1"), Identifier(scheme="GB-COH", id="1"))
    assert len(ngo(identifiers=pair).identifiers) == 2


def test_identifiers_must_be_identifier_objects():
    """Each identifier is an Identifier, not a bare string."""
    found = problems(lambda: ngo(identifiers=("Q1234",)))
    assert list(found) == ["/identifiers/0"]
    assert found["/identifiers/0"].endswith("Identifier, got a string ('Q1234')")


def test_duplicate_identifier_is_reported_with_the_other_problems():
    """A duplicate identifier is reported even when another field is also wrong."""
    found = problems(lambda: ngo(country="at", identifiers=(WIKIDATA, WIKIDATA)))
    assert found == {
        "/country": "'at' is not an ISO 3166-1 alpha-2 country code such as 'AT'; write 'AT'",
        "/identifiers/1": "this identifier is listed twice",
    }


def test_repeated_source_is_refused():
    """A source id listed twice is refused at the repetition."""
    assert problems(lambda: ngo(sources=("news", "news"))) == {
        "/sources/1": "'news' is listed twice"
    }


def test_every_problem_of_an_organization_is_reported_at_once():
    """Problems in several fields are all reported in one ValidationError."""
    found = problems(
        lambda: Organization(
            id="Bad Id",
            name={},
            kind="club",
            country="xk",
            website="example.org",
            acronym={"en": ""},
        )
    )
    assert set(found) == {"/id", "/name", "/kind", "/country", "/website", "/acronym/en"}

"""JSON-LD export, read back by independent processors: pyld and rdflib, without network."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings
from pyld import jsonld
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from ctocmodel import (
    Briefing,
    Count,
    Dataset,
    Dialogue,
    Identifier,
    Organization,
    Participant,
    Participation,
    Person,
    Position,
    Privacy,
    ReportedFigure,
    SideEvent,
    Source,
    Statement,
    Topic,
    ValidationError,
    Venue,
    examples,
    redact,
)
from ctocmodel._model import specs
from ctocmodel.exports._jsonld import CTOC_VOCABULARY, JSONLD_CONTEXT, to_jsonld
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
CTOC = Namespace(CTOC_VOCABULARY)
BASE = "urn:ctocmodel:"
EVIL = "http://evil.example/"


def node(kind: str, id: str) -> URIRef:
    return URIRef(f"{BASE}{kind}:{id}")


def no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"the JSON-LD processor tried to load {url}")


PYLD = {"documentLoader": no_network}


def pyld_graph(document: dict[str, Any]) -> Graph:
    """RDF by pyld (JSON-LD to N-Quads); rdflib only reads the N-Quads lines."""
    nquads = jsonld.to_rdf(document, {**PYLD, "format": "application/n-quads"})
    return Graph().parse(data=nquads, format="nt")


def rdflib_graph(document: dict[str, Any]) -> Graph:
    """RDF by rdflib's own JSON-LD parser."""
    with warnings.catch_warnings():
        # rdflib's parser builds a ConjunctiveGraph internally, which rdflib 7.x deprecates.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=json.dumps(document), format="json-ld")


PROCESSORS: dict[str, Callable[[dict[str, Any]], Graph]] = {
    "pyld": pyld_graph,
    "rdflib": rdflib_graph,
}


@pytest.fixture(scope="module", params=sorted(PROCESSORS))
def cop7(request: pytest.FixtureRequest) -> Graph:
    return PROCESSORS[request.param](to_jsonld(examples.cop7()))


def literals(graph: Graph, subject: Any, predicate: URIRef) -> set[Literal]:
    return {o for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def meetings_of_type(graph: Graph, cls: URIRef) -> set[Any]:
    return {s for s in graph.subjects(RDF.type, cls) if (s, RDF.type, SCHEMA.Event) in graph}


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in *value*, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


# COP7, as both processors read it.


def test_session_is_event_with_dates(cop7: Graph) -> None:
    """The COP7 session is a schema:Event from 2014-10-06 to 2014-10-10 (xsd:date) in its series."""
    session = node("session", "ctoc-cop-7")
    assert (session, RDF.type, SCHEMA.Event) in cop7
    assert set(cop7.objects(session, SCHEMA.startDate)) == {
        Literal("2014-10-06", datatype=XSD.date)
    }
    assert set(cop7.objects(session, SCHEMA.endDate)) == {Literal("2014-10-10", datatype=XSD.date)}
    assert literals(cop7, session, SCHEMA.name) == {
        Literal("CTOC/COP 7", lang="en"),
        Literal("CTOC/COP 7", lang="fr"),
    }
    conference = node("conference", "ctoc-cop")
    assert set(cop7.objects(session, SCHEMA.superEvent)) == {conference}
    assert (conference, RDF.type, SCHEMA.EventSeries) in cop7
    assert len(set(cop7.objects(session, SCHEMA.subEvent))) == 5


def test_briefings_have_both_organizers(cop7: Graph) -> None:
    """Each of the two briefings is organized by the Alliance of NGOs and the Civil Society Team."""
    briefings = meetings_of_type(cop7, CTOC.Briefing)
    assert briefings == {
        node("meeting", "cop7-ngo-briefing-1"),
        node("meeting", "cop7-ngo-briefing-2"),
    }
    for briefing in briefings:
        assert set(cop7.objects(briefing, SCHEMA.organizer)) == {
            node("organization", "alliance-of-ngos-on-crime-prevention-and-criminal-justice"),
            node("organization", "unodc-civil-society-team"),
        }
        assert set(cop7.objects(briefing, CTOC.coOrganizer)) == set()


def test_civil_society_team_is_part_of_unodc(cop7: Graph) -> None:
    """The UNODC Civil Society Team has UNODC as its schema:parentOrganization."""
    team = node("organization", "unodc-civil-society-team")
    assert (team, RDF.type, SCHEMA.Organization) in cop7
    assert set(cop7.objects(team, SCHEMA.parentOrganization)) == {node("organization", "unodc")}
    assert set(cop7.objects(team, CTOC.kind)) == {Literal("un_entity_unit")}


def test_aldo_lale_demoz_holds_two_memberships(cop7: Graph) -> None:
    """Aldo Lale-Demoz has two org:Membership, with their organizations and French role labels."""
    aldo = node("person", "aldo-lale-demoz")
    assert (aldo, RDF.type, SCHEMA.Person) in cop7
    assert set(cop7.objects(aldo, SCHEMA.name)) == {Literal("Aldo Lale-Demoz")}
    found = {}
    for membership in cop7.objects(aldo, ORG.hasMembership):
        assert (membership, RDF.type, ORG.Membership) in cop7
        assert set(cop7.objects(membership, ORG.member)) == {aldo}
        assert set(cop7.objects(membership, ORG.memberDuring)) == set()  # no dates in the source
        (role,) = cop7.objects(membership, ORG.role)
        assert (role, RDF.type, ORG.Role) in cop7
        (organization,) = cop7.objects(membership, ORG.organization)
        found[organization] = literals(cop7, role, SKOS.prefLabel)
    assert found == {
        node("organization", "unodc"): {
            Literal("Directeur adjoint de l'ONUDC", lang="fr"),
            Literal("Deputy Director of UNODC", lang="en"),
        },
        node("organization", "unodc-division-for-operations"): {
            Literal("Directeur de la Division des opérations", lang="fr"),
            Literal("Director of the Division for Operations", lang="en"),
        },
    }
    assert len(set(cop7.subjects(ORG.member, aldo))) == 2


def test_directors_meeting_has_three_questions(cop7: Graph) -> None:
    """The meeting with the directors has its three questions, each with its fr and en texts."""
    meeting = node("meeting", "cop7-meeting-unodc-directors")
    assert (meeting, RDF.type, CTOC.Dialogue) in cop7
    questions = set()
    for question in cop7.objects(meeting, CTOC.question):
        assert (question, RDF.type, CTOC.Question) in cop7
        questions.add(frozenset(literals(cop7, question, SCHEMA.name)))
    assert questions == {
        frozenset(
            {
                Literal(
                    "les mandats de l'ONUDC et les indicateurs de développement pour le "
                    "programme post-2015",
                    lang="fr",
                ),
                Literal(
                    "UNODC mandates and development indicators for the post-2015 agenda", lang="en"
                ),
            }
        ),
        frozenset(
            {
                Literal("le trafic de migrants", lang="fr"),
                Literal("the smuggling of migrants", lang="en"),
            }
        ),
        frozenset(
            {
                Literal("l'abolition de la peine de mort", lang="fr"),
                Literal("the abolition of the death penalty", lang="en"),
            }
        ),
    }


def test_directors_are_counterparts(cop7: Graph) -> None:
    """The two directors attend the meeting as schema:Role with roleName counterpart."""
    meeting = node("meeting", "cop7-meeting-unodc-directors")
    counterparts = {}
    for role in cop7.objects(meeting, SCHEMA.attendee):
        assert (role, RDF.type, SCHEMA.Role) in cop7
        if (role, SCHEMA.roleName, Literal("counterpart")) in cop7:
            (person,) = cop7.objects(role, SCHEMA.attendee)
            (organization,) = cop7.objects(role, CTOC.represents)
            counterparts[person] = organization
    assert counterparts == {
        node("person", "aldo-lale-demoz"): node("organization", "unodc"),
        node("person", "jean-luc-lemahieu"): node(
            "organization", "unodc-division-for-policy-analysis-and-public-affairs"
        ),
    }
    assert set(cop7.objects(meeting, SCHEMA.performer)) == set()


def test_key_event_has_four_ngo_speakers(cop7: Graph) -> None:
    """The key event is a ctoc:SpecialEvent; its speakers are a performer Role counting 4."""
    event = node("meeting", "cop7-key-event")
    assert meetings_of_type(cop7, CTOC.SpecialEvent) == {event}
    (role,) = cop7.objects(event, SCHEMA.performer)
    assert (role, SCHEMA.roleName, Literal("speaker")) in cop7
    assert Literal("représentants d'ONG", lang="fr") in literals(cop7, role, SCHEMA.description)
    (count,) = cop7.objects(role, CTOC["count"])
    assert set(cop7.objects(count, SCHEMA.value)) == {Literal(4)}
    assert set(cop7.objects(count, CTOC.qualifier)) == {Literal("exact")}
    assert set(cop7.objects(count, SCHEMA.minValue)) == {Literal(4)}
    assert set(cop7.objects(count, SCHEMA.maxValue)) == {Literal(4)}


def test_more_than_90_participants(cop7: Graph) -> None:
    """The "plus de 90 participants" figure: qualifier more_than, minValue 91, no value, quote."""
    session = node("session", "ctoc-cop-7")
    figures = {
        str(cop7.value(figure, CTOC.measure)): figure
        for figure in cop7.objects(session, CTOC.reportedFigure)
    }
    assert set(figures) == {
        f"{BASE}measure:{id}"
        for id in ("participants", "participating_ngos", "side_event_organizing_ngos")
    }
    figure = figures[f"{BASE}measure:participants"]
    measure = node("measure", "participants")
    assert (measure, RDF.type, SCHEMA.DefinedTerm) in cop7
    assert Literal("participants", lang="fr") in literals(cop7, measure, SCHEMA.name)
    assert (figure, RDF.type, SCHEMA.QuantitativeValue) in cop7
    assert (figure, RDF.type, CTOC.ReportedFigure) in cop7
    assert set(cop7.objects(figure, SCHEMA.value)) == set()
    assert set(cop7.objects(figure, CTOC.qualifier)) == {Literal("more_than")}
    assert set(cop7.objects(figure, SCHEMA.minValue)) == {Literal(91)}
    assert set(cop7.objects(figure, SCHEMA.maxValue)) == set()
    assert set(cop7.objects(figure, DCTERMS.source)) == {
        node("source", "unodc-news-cop7-ngo-participation")
    }
    assert set(cop7.objects(figure, CTOC.quote)) == {Literal("Plus de 90 participants", lang="fr")}
    organizing = figures[f"{BASE}measure:side_event_organizing_ngos"]
    assert len(set(cop7.objects(organizing, DCTERMS.subject))) == 9


# Properties whose schema.org domain the export uses them in: a QuantitativeValue is
# neither a CreativeWork nor an Event, so it has no schema:about.
def test_no_quantity_has_schema_about(cop7: Graph) -> None:
    """Figures and counts name their topics with dcterms:subject, not schema:about."""
    quantities = set(cop7.subjects(RDF.type, SCHEMA.QuantitativeValue))
    assert quantities
    assert [q for q in quantities if (q, SCHEMA.about, None) in cop7] == []


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 16, {"value": 16, "minValue": 16, "maxValue": 16}),
        ("about", 90, {"value": 90}),
        ("at_least", 50, {"minValue": 50}),
        ("more_than", 39, {"minValue": 40}),
        ("at_most", 30, {"maxValue": 30}),
        ("fewer_than", 30, {"maxValue": 29}),
    ],
)
def test_a_count_states_a_value_only_when_it_is_one(
    qualifier: str, value: int, expected: dict[str, int], minimal_dataset: Callable[..., Dataset]
) -> None:
    """schema:value only for exact and about counts; a bound is minValue or maxValue alone."""
    count = Count(qualifier=qualifier, value=value)  # type: ignore[arg-type]
    meeting = SideEvent(
        id="se",
        title={"en": "S"},
        participants=(Participant(role="attendee", description={"en": "NGOs"}, count=count),),
    )
    document = to_jsonld(minimal_dataset(session={"meetings": (meeting,)}))
    (quantity,) = [n for n in walk(document) if n.get("@type") == "QuantitativeValue"]
    stated = {key: quantity[key] for key in ("value", "minValue", "maxValue") if key in quantity}
    assert stated == expected
    assert quantity["ctoc:qualifier"] == qualifier
    if "value" in stated:  # never outside the bounds stated beside it
        assert stated.get("minValue", value) <= value <= stated.get("maxValue", value)


def test_names_keep_language_tags(cop7: Graph) -> None:
    """Names and acronyms are literals tagged @fr and @en, as in the record."""
    unodc = node("organization", "unodc")
    assert literals(cop7, unodc, SCHEMA.name) == {
        Literal("Office des Nations Unies contre la drogue et le crime", lang="fr"),
        Literal("United Nations Office on Drugs and Crime", lang="en"),
    }
    assert literals(cop7, unodc, SCHEMA.alternateName) == {
        Literal("ONUDC", lang="fr"),
        Literal("UNODC", lang="en"),
    }
    briefing = node("meeting", "cop7-ngo-briefing-1")
    assert Literal("Séance d'information sur la CTOC/COP7 pour les ONG", lang="fr") in literals(
        cop7, briefing, SCHEMA.name
    )


def test_source_is_cited_creative_work(cop7: Graph) -> None:
    """The news item is a French schema:CreativeWork by UNODC, cited with dcterms:source."""
    source = node("source", "unodc-news-cop7-ngo-participation")
    assert (source, RDF.type, SCHEMA.CreativeWork) in cop7
    assert set(cop7.objects(source, SCHEMA.inLanguage)) == {Literal("fr")}
    assert set(cop7.objects(source, SCHEMA.publisher)) == {node("organization", "unodc")}
    citing = set(cop7.subjects(DCTERMS.source, source))
    assert node("session", "ctoc-cop-7") in citing
    assert node("person", "jean-luc-lemahieu") in citing
    assert node("meeting", "cop7-key-event") in citing


def test_topics_are_defined_terms(cop7: Graph) -> None:
    """Used built-in topics are schema:DefinedTerm in the ctocmodel topic set, with skos:broader."""
    mafia = node("topic", "mafia-type-crime")
    topic_set = URIRef(f"{BASE}topics")
    assert (mafia, RDF.type, SCHEMA.DefinedTerm) in cop7
    assert (mafia, SCHEMA.inDefinedTermSet, topic_set) in cop7
    assert (mafia, SKOS.broader, node("topic", "organized-crime")) in cop7
    assert Literal("Crimes de type mafieux", lang="fr") in literals(cop7, mafia, SCHEMA.name)
    assert (topic_set, RDF.type, SCHEMA.DefinedTermSet) in cop7
    assert (node("meeting", "cop7-key-event"), SCHEMA.about, mafia) in cop7
    terms = set(cop7.subjects(SCHEMA.inDefinedTermSet, topic_set))
    assert node("topic", "cybercrime") not in terms  # used nowhere in the record
    assert len(terms) == 14


def test_processors_agree_on_cop7() -> None:
    """pyld and rdflib turn the COP7 document into the same RDF graph."""
    document = to_jsonld(examples.cop7())
    assert isomorphic(pyld_graph(document), rdflib_graph(document))


# Other datasets.


@pytest.fixture
def rich(minimal_dataset: Callable[..., Dataset]) -> Dataset:
    """A dataset with a venue, timed and dated meetings, co-organizers and detailed records."""
    ngo = Organization(
        id="ngo",
        name={"en": "Some NGO"},
        kind="ngo",
        acronym={"en": "SN", "fr": "UNO"},
        country="KE",
        ecosoc_status="special",
        identifiers=(
            Identifier(scheme="XI-WIKIDATA", id="Q1"),
            Identifier(scheme="GB-CHC", id="123"),
        ),
        website="https://ngo.example/a<b>?q=1",
    )
    speaker = Person(
        id="ann",
        name="Ann",
        positions=(
            Position(
                title={"en": "Chair"},
                organization="ngo",
                start=dt.date(2010, 1, 1),
                end=dt.date(2015, 6, 30),
            ),
        ),
    )
    plus_two = dt.timezone(dt.timedelta(hours=2))
    meetings = (
        SideEvent(
            id="se-1",
            title={"en": "Side event"},
            start=dt.datetime(2014, 10, 7, 13, 0, tzinfo=plus_two),
            end=dt.datetime(2014, 10, 7, 14, 30, tzinfo=plus_two),
            organizers=("unodc",),
            co_organizers=("ngo",),
            participants=(
                Participant(role="moderator", person="ann", organization="ngo"),
                Participant(
                    role="attendee",
                    description={"en": "Delegates"},
                    count=Count(qualifier="fewer_than", value=30),
                ),
            ),
        ),
        Briefing(id="b-1", title={"en": "Briefing"}, date=dt.date(2014, 10, 8)),
    )
    return minimal_dataset(
        session={
            "venue": Venue(
                name={"en": "Vienna International Centre"},
                city={"de": "Wien", "en": "Vienna"},
                country="AT",
                time_zone="Europe/Vienna",
            ),
            "participation": (Participation(organization="ngo", basis="ecosoc_special"),),
            "meetings": meetings,
        },
        extra_organizations=(ngo,),
        extra_people=(speaker,),
    )


@pytest.fixture(params=sorted(PROCESSORS))
def rich_graph(request: pytest.FixtureRequest, rich: Dataset) -> Graph:
    return PROCESSORS[request.param](to_jsonld(rich))


def test_meeting_kinds_and_times(rich_graph: Graph) -> None:
    """Times are xsd:dateTime with their offset; a day alone is the start and end xsd:date."""
    side_event, briefing = node("meeting", "se-1"), node("meeting", "b-1")
    assert (side_event, RDF.type, SCHEMA.Event) in rich_graph
    assert (side_event, RDF.type, CTOC.SideEvent) in rich_graph
    assert set(rich_graph.objects(side_event, SCHEMA.startDate)) == {
        Literal("2014-10-07T13:00:00+02:00", datatype=XSD.dateTime)
    }
    assert set(rich_graph.objects(side_event, SCHEMA.endDate)) == {
        Literal("2014-10-07T14:30:00+02:00", datatype=XSD.dateTime)
    }
    day = Literal("2014-10-08", datatype=XSD.date)
    assert set(rich_graph.objects(briefing, SCHEMA.startDate)) == {day}
    assert set(rich_graph.objects(briefing, SCHEMA.endDate)) == {day}
    assert set(rich_graph.objects(node("session", "ctoc-cop-7"), SCHEMA.subEvent)) == {
        side_event,
        briefing,
    }


def test_co_organizers_are_organizers_too(rich_graph: Graph) -> None:
    """Co-organizers are schema:organizer and ctoc:coOrganizer; lead organizers only the first."""
    side_event = node("meeting", "se-1")
    assert set(rich_graph.objects(side_event, SCHEMA.organizer)) == {
        node("organization", "unodc"),
        node("organization", "ngo"),
    }
    assert set(rich_graph.objects(side_event, CTOC.coOrganizer)) == {node("organization", "ngo")}


def test_participants_are_roles(rich_graph: Graph) -> None:
    """A moderator is a performer Role naming the person; an unnamed group keeps its count."""
    side_event = node("meeting", "se-1")
    (moderator,) = rich_graph.objects(side_event, SCHEMA.performer)
    assert (moderator, SCHEMA.roleName, Literal("moderator")) in rich_graph
    assert (moderator, SCHEMA.performer, node("person", "ann")) in rich_graph
    assert (moderator, CTOC.represents, node("organization", "ngo")) in rich_graph
    (attendees,) = rich_graph.objects(side_event, SCHEMA.attendee)
    assert set(rich_graph.objects(attendees, SCHEMA.attendee)) == set()
    (count,) = rich_graph.objects(attendees, CTOC["count"])
    assert set(rich_graph.objects(count, CTOC.qualifier)) == {Literal("fewer_than")}
    assert set(rich_graph.objects(count, SCHEMA.maxValue)) == {Literal(29)}
    assert set(rich_graph.objects(count, SCHEMA.minValue)) == set()


def test_venue_is_place(rich_graph: Graph) -> None:
    """The venue is a schema:Place with a PostalAddress (locality in each language, country)."""
    (place,) = rich_graph.objects(node("session", "ctoc-cop-7"), SCHEMA.location)
    assert (place, RDF.type, SCHEMA.Place) in rich_graph
    assert (place, SCHEMA.name, Literal("Vienna International Centre", lang="en")) in rich_graph
    assert (place, CTOC.timeZone, Literal("Europe/Vienna")) in rich_graph
    (address,) = rich_graph.objects(place, SCHEMA.address)
    assert (address, RDF.type, SCHEMA.PostalAddress) in rich_graph
    assert literals(rich_graph, address, SCHEMA.addressLocality) == {
        Literal("Wien", lang="de"),
        Literal("Vienna", lang="en"),
    }
    assert set(rich_graph.objects(address, SCHEMA.addressCountry)) == {Literal("AT")}


def test_participation_is_attendee_role(rich_graph: Graph) -> None:
    """An organization taking part in the session is an attendee Role with its basis."""
    (role,) = rich_graph.objects(node("session", "ctoc-cop-7"), SCHEMA.attendee)
    assert set(rich_graph.objects(role, SCHEMA.attendee)) == {node("organization", "ngo")}
    assert set(rich_graph.objects(role, CTOC.participationBasis)) == {Literal("ecosoc_special")}


def test_organization_details(rich_graph: Graph) -> None:
    """Identifiers are PropertyValue (scheme, id); website, country, kind and status are kept."""
    ngo = node("organization", "ngo")
    identifiers = {
        (str(rich_graph.value(pv, SCHEMA.propertyID)), str(rich_graph.value(pv, SCHEMA.value)))
        for pv in rich_graph.objects(ngo, SCHEMA.identifier)
        if (pv, RDF.type, SCHEMA.PropertyValue) in rich_graph
    }
    assert identifiers == {("XI-WIKIDATA", "Q1"), ("GB-CHC", "123")}
    # "<" and ">" are not allowed in IRIs: they are percent-encoded.
    assert set(rich_graph.objects(ngo, SCHEMA.url)) == {URIRef("https://ngo.example/a%3Cb%3E?q=1")}
    (address,) = rich_graph.objects(ngo, SCHEMA.address)
    assert set(rich_graph.objects(address, SCHEMA.addressCountry)) == {Literal("KE")}
    assert set(rich_graph.objects(ngo, CTOC.kind)) == {Literal("ngo")}
    assert set(rich_graph.objects(ngo, CTOC.ecosocStatus)) == {Literal("special")}
    assert literals(rich_graph, ngo, SCHEMA.alternateName) == {
        Literal("SN", lang="en"),
        Literal("UNO", lang="fr"),
    }


def test_position_dates_are_interval(rich_graph: Graph) -> None:
    """A position with dates has org:memberDuring, a time:Interval of two time:Instant."""
    (membership,) = rich_graph.objects(node("person", "ann"), ORG.hasMembership)
    (interval,) = rich_graph.objects(membership, ORG.memberDuring)
    assert (interval, RDF.type, TIME.Interval) in rich_graph
    (beginning,) = rich_graph.objects(interval, TIME.hasBeginning)
    (end,) = rich_graph.objects(interval, TIME.hasEnd)
    assert (beginning, RDF.type, TIME.Instant) in rich_graph
    assert set(rich_graph.objects(beginning, TIME.inXSDDate)) == {
        Literal("2010-01-01", datatype=XSD.date)
    }
    assert set(rich_graph.objects(end, TIME.inXSDDate)) == {
        Literal("2015-06-30", datatype=XSD.date)
    }


def test_processors_agree_on_rich_dataset(rich: Dataset) -> None:
    """pyld and rdflib turn a dataset using every kind of value into the same RDF graph."""
    document = to_jsonld(rich)
    assert isomorphic(pyld_graph(document), rdflib_graph(document))


def test_synthetic_dataset_converts() -> None:
    """synthetic_dataset(size=1) becomes RDF, with one schema:Organization per organization."""
    dataset = synthetic_dataset(size=1)
    graph = pyld_graph(to_jsonld(dataset))
    organizations = set(graph.subjects(RDF.type, SCHEMA.Organization))
    assert organizations == {node("organization", o.id) for o in dataset.organizations}
    assert len(organizations) == len(dataset.organizations) > 200
    meetings = set(graph.subjects(SCHEMA.superEvent, node("session", "synthetic-session-1")))
    assert len(meetings) == len(dataset.conferences[0].sessions[0].meetings)


def expected_nodes(dataset: Dataset) -> dict[str, str]:
    """The IRI and expanded type of every record with an id."""
    result = {}
    for kind, records, cls in (
        ("source", dataset.sources, "CreativeWork"),
        ("organization", dataset.organizations, "Organization"),
        ("person", dataset.people, "Person"),
        ("topic", dataset.topics, "DefinedTerm"),
        ("measure", dataset.measures, "DefinedTerm"),
        ("conference", dataset.conferences, "EventSeries"),
    ):
        for record in records:
            result[f"{BASE}{kind}:{record.id}"] = f"{SCHEMA}{cls}"
    for rules in dataset.participation_rules:
        result[f"{BASE}rule-set:{rules.id}"] = f"{CTOC}ParticipationRules"
        for route in rules.routes:
            result[f"{BASE}route:{route.id}"] = f"{CTOC}Route"
    for conference in dataset.conferences:
        for session in conference.sessions:
            result[f"{BASE}session:{session.id}"] = f"{SCHEMA}Event"
            for meeting in session.meetings:
                result[f"{BASE}meeting:{meeting.id}"] = f"{SCHEMA}Event"
    return result


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_any_dataset_expands(dataset: Dataset) -> None:
    """pyld expands the export of any valid dataset, and every record is a node of its type."""
    expanded = jsonld.expand(to_jsonld(dataset), PYLD)
    types: dict[str, set[str]] = {}
    for item in walk(expanded):
        if "@id" in item and "@type" in item:
            types.setdefault(item["@id"], set()).update(item["@type"])
    for organization in dataset.organizations:
        assert f"{SCHEMA}Organization" in types[f"{BASE}organization:{organization.id}"]
    # People the export may not name are no nodes of it: test_privacy.py tests that.
    for iri, cls in expected_nodes(redact(dataset)).items():
        assert cls in types[iri], iri


def hostile(minimal_dataset: Callable[..., Dataset]) -> Dataset:
    """A dataset whose texts look like JSON-LD keywords, IRIs and JSON."""
    return minimal_dataset(
        extra_sources=(
            Source(id="evil-source", title={"en": "@graph", "fr": EVIL}, language="en"),
        ),
        extra_organizations=(
            Organization(
                id="evil",
                name={"en": "@context", "fr": "@id"},
                kind="ngo",
                acronym={"en": EVIL},
                identifiers=(Identifier(scheme="XI-EVIL", id="@type"),),
            ),
        ),
        extra_people=(
            Person(
                id="mallory",
                name=EVIL,
                positions=(Position(title={"en": "@reverse"}, organization="evil"),),
            ),
        ),
        topics=(Topic(id="evil-topic", label={"en": "@vocab"}),),
        session={
            "figures": (
                ReportedFigure(
                    measure="participants",
                    count=Count(qualifier="about", value=1),
                    source="evil-source",
                    quote="@list",
                    topics=("evil-topic",),
                ),
            ),
            "meetings": (
                Dialogue(
                    id="evil-dialogue",
                    title={"en": '{"@id": "http://evil.example/"}'},
                    participants=(
                        Participant(
                            role="counterpart", person="mallory", description={"en": "@value"}
                        ),
                    ),
                    questions=({"en": "@context"},),
                    summary={"en": "@none"},
                ),
            ),
            "statements": (
                Statement(
                    kind="written",
                    organization="evil",
                    agenda_item=EVIL,
                    title={"en": "@id", "fr": '{"@value": "x"}'},
                ),
            ),
        },
    )


@pytest.mark.parametrize("processor", sorted(PROCESSORS))
def test_keyword_like_text_stays_literal(
    processor: str, minimal_dataset: Callable[..., Dataset]
) -> None:
    """Texts such as "@context", "@id" or "http://evil.example/" stay literals after expansion."""
    dataset = hostile(minimal_dataset)
    document = to_jsonld(dataset)
    assert document["@context"] == JSONLD_CONTEXT
    graph = PROCESSORS[processor](document)
    evil, mallory = node("organization", "evil"), node("person", "mallory")
    assert literals(graph, evil, SCHEMA.name) == {
        Literal("@context", lang="en"),
        Literal("@id", lang="fr"),
    }
    assert literals(graph, evil, SCHEMA.alternateName) == {Literal(EVIL, lang="en")}
    (identifier,) = graph.objects(evil, SCHEMA.identifier)
    assert set(graph.objects(identifier, SCHEMA.value)) == {Literal("@type")}
    assert set(graph.objects(mallory, SCHEMA.name)) == {Literal(EVIL)}
    (membership,) = graph.objects(mallory, ORG.hasMembership)
    (role,) = graph.objects(membership, ORG.role)
    assert literals(graph, role, SKOS.prefLabel) == {Literal("@reverse", lang="en")}
    assert literals(graph, node("source", "evil-source"), SCHEMA.name) == {
        Literal("@graph", lang="en"),
        Literal(EVIL, lang="fr"),
    }
    assert literals(graph, node("topic", "evil-topic"), SCHEMA.name) == {
        Literal("@vocab", lang="en")
    }
    (figure,) = graph.objects(node("session", "ctoc-cop-7"), CTOC.reportedFigure)
    assert set(graph.objects(figure, CTOC.quote)) == {Literal("@list", lang="en")}
    dialogue = node("meeting", "evil-dialogue")
    assert literals(graph, dialogue, SCHEMA.name) == {
        Literal('{"@id": "http://evil.example/"}', lang="en")
    }
    assert literals(graph, dialogue, SCHEMA.description) == {Literal("@none", lang="en")}
    (question,) = graph.objects(dialogue, CTOC.question)
    assert literals(graph, question, SCHEMA.name) == {Literal("@context", lang="en")}
    (counterpart,) = graph.objects(dialogue, SCHEMA.attendee)
    assert literals(graph, counterpart, SCHEMA.description) == {Literal("@value", lang="en")}
    (statement,) = graph.objects(node("session", "ctoc-cop-7"), CTOC.statement)
    assert set(graph.objects(statement, CTOC.agendaItem)) == {Literal(EVIL)}
    assert literals(graph, statement, CTOC.title) == {
        Literal("@id", lang="en"),
        Literal('{"@value": "x"}', lang="fr"),
    }
    # No text became an IRI, a type or a blank node; every subject is a record or a value of one.
    terms = {term for triple in graph for term in triple}
    assert URIRef(EVIL) not in terms
    iris = {term for term in terms if isinstance(term, URIRef)}
    known = ("urn:ctocmodel:", str(SCHEMA), str(CTOC), "http://www.w3.org/", str(DCTERMS))
    assert all(str(term).startswith(known) for term in iris)
    records = {URIRef(iri) for iri in expected_nodes(dataset)} | {
        URIRef(f"{BASE}{name}") for name in ("topics", "measures", "measure:participants")
    }
    assert {s for s in graph.subjects() if not isinstance(s, BNode)} == records


def test_keys_are_keywords_terms_or_language_tags(minimal_dataset: Callable[..., Dataset]) -> None:
    """Every key of the document is a keyword, a term of the context or (in language maps) a tag."""
    document = to_jsonld(hostile(minimal_dataset))
    keywords = {"@context", "@graph", "@id", "@type", "@value", "@language"}
    prefixes = {key for key, value in JSONLD_CONTEXT.items() if isinstance(value, str)}
    allowed = set(JSONLD_CONTEXT) | keywords
    language_maps = {
        key
        for key, value in JSONLD_CONTEXT.items()
        if isinstance(value, dict) and value.get("@container") == "@language"
    }
    pending: list[Any] = [document["@graph"]]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending += value
        elif isinstance(value, dict):
            for key, item in value.items():
                prefix = key.split(":", 1)[0]
                assert key in allowed or (":" in key and prefix in prefixes), key
                if key == "@language":
                    assert re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", item), item
                elif key in language_maps and isinstance(item, dict):
                    assert all(re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", tag) for tag in item)
                    assert all(isinstance(text, str) for text in item.values())
                else:
                    pending.append(item)


def test_context_coerces_nothing_to_iris() -> None:
    """No term turns a string into an IRI (@id or @vocab), so text from the data stays text."""
    for term, definition in JSONLD_CONTEXT.items():
        assert not term.startswith("@"), term
        if isinstance(definition, dict):
            assert definition.get("@type") not in ("@id", "@vocab"), term
            assert set(definition) <= {"@id", "@type", "@container"}, term


def test_shipped_context_file_is_current() -> None:
    """exports/context.jsonld holds exactly JSONLD_CONTEXT under "@context"."""
    text = files("ctocmodel.exports").joinpath("context.jsonld").read_text(encoding="utf-8")
    assert json.loads(text) == {"@context": JSONLD_CONTEXT}, (
        "regenerate context.jsonld from ctocmodel.exports._jsonld.JSONLD_CONTEXT"
    )


def test_shipped_context_is_usable_alone() -> None:
    """Expanding with the shipped context instead of the embedded one gives the same result."""
    text = files("ctocmodel.exports").joinpath("context.jsonld").read_text(encoding="utf-8")
    document = to_jsonld(examples.cop7())
    separate = {"@context": json.loads(text)["@context"], "@graph": document["@graph"]}
    assert jsonld.expand(separate, PYLD) == jsonld.expand(document, PYLD)


def test_ids_never_collide_across_kinds(minimal_dataset: Callable[..., Dataset]) -> None:
    """Records of different kinds with the same id are different nodes."""
    dataset = minimal_dataset(
        extra_sources=(Source(id="same", title={"en": "S"}, language="en"),),
        extra_organizations=(Organization(id="same", name={"en": "O"}, kind="ngo"),),
        extra_people=(Person(id="same", name="P"),),
        topics=(Topic(id="same", label={"en": "T"}),),
    )
    graph = pyld_graph(to_jsonld(dataset))
    for kind, cls in (
        ("source", SCHEMA.CreativeWork),
        ("organization", SCHEMA.Organization),
        ("person", SCHEMA.Person),
        ("topic", SCHEMA.DefinedTerm),
    ):
        assert set(graph.objects(node(kind, "same"), RDF.type)) == {cls}, kind


def test_base_is_used_for_every_record() -> None:
    """Another base puts every record IRI under it, and nothing stays under the default."""
    document = to_jsonld(examples.cop7(), base="https://example.org/ctoc/")
    ids = [item["@id"] for item in document["@graph"]]
    assert "https://example.org/ctoc/organization:unodc" in ids
    assert all(iri.startswith("https://example.org/ctoc/") for iri in ids)
    assert "urn:ctocmodel:" not in json.dumps(document)


@pytest.mark.parametrize(
    "base", ["", "ctocmodel", "urn:ctocmodel", "urn:ctoc model:", "_:b/", "@id:", "x:<y>/", 7]
)
def test_bad_base_is_refused(base: Any) -> None:
    """A base that is not an absolute IRI ending with ':', '/' or '#' is refused."""
    with pytest.raises(ValueError, match="base must be an absolute IRI"):
        to_jsonld(Dataset(), base=base)


def test_not_a_dataset_is_refused() -> None:
    """Anything but a Dataset is refused with a TypeError."""
    with pytest.raises(TypeError, match="expected a Dataset"):
        to_jsonld(json.loads(examples.cop7_json()))


def reordered(dataset: Dataset) -> Dataset:
    """The same dataset with every list and every language map in reverse order."""

    def flip(text: Any) -> Any:
        return dict(reversed(list(text.items()))) if isinstance(text, dict) else text

    def rev(items: Any) -> tuple[Any, ...]:
        return tuple(reversed(items))

    conferences = []
    for conference in dataset.conferences:
        sessions = []
        for session in conference.sessions:
            meetings = []
            for meeting in session.meetings:
                extra = (
                    {"questions": rev(meeting.questions)} if isinstance(meeting, Dialogue) else {}
                )
                meetings.append(
                    attrs.evolve(
                        cast(Any, meeting),
                        title=flip(meeting.title),
                        organizers=rev(meeting.organizers),
                        participants=rev(meeting.participants),
                        topics=rev(meeting.topics),
                        **extra,
                    )
                )
            figures = [attrs.evolve(f, topics=rev(f.topics)) for f in session.figures]
            sessions.append(attrs.evolve(session, meetings=rev(meetings), figures=rev(figures)))
        conferences.append(
            attrs.evolve(conference, name=flip(conference.name), sessions=rev(sessions))
        )
    people = [
        attrs.evolve(p, positions=rev([attrs.evolve(x, title=flip(x.title)) for x in p.positions]))
        for p in dataset.people
    ]
    organizations = [attrs.evolve(o, name=flip(o.name)) for o in dataset.organizations]
    return attrs.evolve(
        dataset,
        organizations=rev(organizations),
        people=rev(people),
        sources=rev(dataset.sources),
        conferences=rev(conferences),
    )


def test_output_is_deterministic() -> None:
    """The same content in another order gives the very same JSON text."""
    dataset = examples.cop7()
    changed = reordered(dataset)
    assert changed != dataset
    assert json.dumps(to_jsonld(changed)) == json.dumps(to_jsonld(dataset))


def test_documents_are_independent() -> None:
    """Changing a returned document changes neither JSONLD_CONTEXT nor later documents."""
    first = to_jsonld(examples.cop7())
    first["@context"]["name"] = "http://evil.example/name"
    first["@graph"].clear()
    second = to_jsonld(examples.cop7())
    assert JSONLD_CONTEXT["name"] == {"@id": "schema:name", "@container": "@language"}
    assert second["@context"] == JSONLD_CONTEXT
    assert len(second["@graph"]) > 20


def test_empty_dataset_is_empty_graph() -> None:
    """An empty dataset gives an empty @graph that processors read as no triples."""
    document = to_jsonld(Dataset())
    assert document["@graph"] == []
    assert len(pyld_graph(document)) == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", {"@context": "x"}, "is not a language tag"),
        ("name", {"en": ["x"]}, "expected text in language 'en'"),
        ("id", "a b", "is not a valid id"),
        ("id", "x:y", "is not a valid id"),
        ("website", "javascript:alert(1)", "is not an http"),
    ],
)
def test_corrupted_records_are_refused(field: str, value: Any, message: str) -> None:
    """Values that bypassed the model's checks never reach the document: export refuses them."""
    organization = Organization(id="ngo", name={"en": "NGO"}, kind="ngo")
    dataset = Dataset(organizations=(organization,))
    object.__setattr__(organization, field, value)  # what only a bug or a hack could do
    with pytest.raises(ValueError, match=message):
        to_jsonld(dataset)


# Every declared field reaches the graph: found from the model's declarations, so that a
# field added to a record and forgotten here fails. Each entry says why a field is left out.
NOT_IN_JSONLD: dict[tuple[str, str], str] = {
    ("Person", "consent"): "a note for the dataset's keepers, never published",
    ("Person", "visibility"): "decides what the export shows (redact), it is not shown",
}


def _records_in(value: Any, path: tuple[tuple[str, int | None], ...] = ()) -> Iterator[Any]:
    """Each record under *value* with its path of (field, index) steps."""
    yield path, value
    for spec in specs(type(value)):
        held = getattr(value, spec.name)
        if not spec.records or held is None:
            continue
        items = enumerate(held) if spec.many else [(None, held)]
        for index, item in items:
            yield from _records_in(item, (*path, (spec.name, index)))


def _replaced(value: Any, path: tuple[tuple[str, int | None], ...], new: Any) -> Any:
    if not path:
        return new
    (name, index), rest = path[0], path[1:]
    held = getattr(value, name)
    if index is None:
        return attrs.evolve(value, **{name: _replaced(held, rest, new)})
    items = list(held)
    items[index] = _replaced(items[index], rest, new)
    return attrs.evolve(value, **{name: tuple(items)})


@settings(max_examples=25, deadline=None)
@given(datasets())
def test_every_declared_field_reaches_the_graph(dataset: Dataset) -> None:
    """Clearing any optional field that holds a value changes the JSON-LD, unless listed above."""
    everyone = Privacy(everyone=True)
    whole = to_jsonld(dataset, privacy=everyone)
    for path, record in _records_in(dataset):
        for spec in specs(type(record)):
            name = (type(record).__name__, spec.name)
            value = getattr(record, spec.name)
            if spec.required or value == spec.default or name in NOT_IN_JSONLD:
                continue
            try:
                cleared = _replaced(
                    dataset, path, attrs.evolve(record, **{spec.name: spec.default})
                )
            except ValidationError:
                continue  # another field needs this one: the two go together
            assert to_jsonld(cleared, privacy=everyone) != whole, name

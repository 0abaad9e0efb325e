"""JSON-LD export: a dataset as linked data in schema.org, W3C ORG and a small ``ctoc:`` vocabulary.

`to_jsonld` returns one JSON-LD document (a ``dict`` ready for `json.dumps`) whose
``@context`` is `JSONLD_CONTEXT`, embedded, so that no processor needs the network.
The same context ships as ``ctocmodel/exports/context.jsonld``. Prefixes: ``schema:``
https://schema.org/, ``org:`` W3C Organization Ontology, ``time:`` OWL-Time,
``skos:``, ``dcterms:`` DCMI terms, ``prov:`` PROV-O, ``xsd:`` and ``ctoc:`` (`CTOC_VOCABULARY`) for
what those vocabularies have no term for. schema.org terms are written without prefix.

==================  ==============================================================
record              JSON-LD
==================  ==============================================================
Conference          ``EventSeries``: ``name``, ``alternateName`` (acronym),
                    ``ctoc:secretariat``, ``subEvent`` (its sessions)
Session             ``Event``: ``name`` (acronym or name and number, "CTOC/COP 7"),
                    ``ctoc:sessionNumber``, ``startDate``/``endDate`` (``xsd:date``),
                    ``superEvent`` (the conference), ``subEvent`` (its meetings),
                    ``location``, ``attendee`` (participation), ``ctoc:reportedFigure``,
                    ``ctoc:admission``, ``ctoc:statement``, ``ctoc:document``
Venue               ``location``: a ``Place`` with ``name``, ``address`` (a
                    ``PostalAddress``: ``addressLocality``, ``addressCountry``) and
                    ``ctoc:timeZone``
Participation       ``attendee``: a ``Role`` (schema.org's role pattern) whose
                    ``attendee`` is the organization, with ``ctoc:participationBasis``
Meeting             ``Event`` plus ``ctoc:SideEvent``, ``ctoc:Briefing``,
                    ``ctoc:Dialogue`` or ``ctoc:SpecialEvent``: ``name`` (title),
                    ``startDate``/``endDate`` (``xsd:dateTime`` with its offset, or
                    the ``date`` as both, ``xsd:date``), ``superEvent``,
                    ``organizer`` (organizers and co-organizers), ``ctoc:coOrganizer``
                    (co-organizers only), ``about`` (topics), ``description``
                    (summary), ``ctoc:outcome``, ``ctoc:question``
Participant         a ``Role`` with ``roleName`` (the role); speakers and moderators
                    under ``performer``, counterparts and attendees under
                    ``attendee``, the named person in the same property inside the
                    ``Role``; ``ctoc:represents`` (organization), ``description``,
                    ``ctoc:count``
Question            ``ctoc:question``: a ``ctoc:Question`` node whose ``name`` holds
                    the question in each of its languages (one node per question,
                    so translations stay together)
ReportedFigure      ``ctoc:reportedFigure``: ``QuantitativeValue`` and
                    ``ctoc:ReportedFigure``: ``ctoc:measure`` (the measure's node),
                    ``ctoc:qualifier``,
                    ``value`` and ``minValue``/``maxValue`` as for a count,
                    ``dcterms:source``, ``ctoc:quote`` (in the source's language),
                    ``dcterms:subject`` (the topics counted things were about:
                    ``schema:about`` is for creative works and events, not values)
Count               ``ctoc:count``: a ``QuantitativeValue`` with ``ctoc:qualifier``;
                    ``value`` only when the count is that number (``exact``) or
                    about it (``about``), and ``minValue``/``maxValue`` the bounds
                    the qualifier states: "exact 16" is ``value``, ``minValue`` and
                    ``maxValue`` 16, "more than 90" only ``minValue`` 91, "fewer
                    than 30" only ``maxValue`` 29, so that ``value`` never lies
                    outside the bounds (the source's number is the qualifier's
                    bound: 90 is ``minValue`` - 1 for ``more_than``)
Organization        ``Organization``: ``name``, ``alternateName`` (acronym),
                    ``ctoc:kind``, ``parentOrganization``, ``address`` (a
                    ``PostalAddress`` with ``addressCountry``), ``ctoc:ecosocStatus``,
                    ``identifier`` (a ``PropertyValue``: ``propertyID`` the scheme,
                    ``value`` the id), ``url`` (website)
Person, Position    ``Person``: ``name`` (a plain string, as the source writes it),
                    ``org:hasMembership``: an ``org:Membership`` with
                    ``org:member``, ``org:organization``, ``org:role`` (an
                    ``org:Role`` with ``skos:prefLabel`` the title) and
                    ``org:memberDuring`` (a ``time:Interval`` whose
                    ``time:hasBeginning``/``time:hasEnd`` are ``time:Instant`` with
                    ``time:inXSDDate``) when a date is known
Topic               ``DefinedTerm``: ``name``, ``termCode`` (the id),
                    ``inDefinedTermSet`` ("ctocmodel topics", a ``DefinedTermSet``),
                    ``skos:broader``
Measure             ``DefinedTerm``: ``name`` (label), ``description`` (definition),
                    ``termCode`` (the id), ``inDefinedTermSet`` ("ctocmodel
                    measures"); the dataset's own and the built-in ones figures use
Document            ``ctoc:document``: a ``CreativeWork`` with ``identifier`` (a
                    ``PropertyValue``, ``propertyID`` "UN document symbol"),
                    ``name`` (title), ``url``
Admission,          ``ctoc:Admission``, ``ctoc:Statement``, ``ctoc:ParticipationRules``
Statement,          (a node of the graph, for the dataset's own rule sets and the
ParticipationRules  built-in ones its conferences follow): read from the model's
                    declarations, each field the ``ctoc:`` property of its name in
                    camel case (``list_days_before`` is ``ctoc:listDaysBefore``), a
                    reference the node it names, a record within (``Route``,
                    ``Right``, ``Provision``, ``Application``...) a node of the same
                    form, text tagged with its language; a conference names its rules
                    with ``ctoc:participationRules``
Source              ``CreativeWork``: ``name``, ``inLanguage``, ``publisher``,
                    ``url``, ``datePublished``
record sources      ``dcterms:source`` on the record (and on figures and
                    participation entries); ``citation`` is for creative works only
Citation            ``prov:qualifiedDerivation``: a ``prov:Derivation`` whose
                    ``prov:entity`` is the source, with ``dcterms:bibliographicCitation``
                    (the place in words: "paragraph 2, page 4"), ``ctoc:field`` (the
                    field cited), ``ctoc:paragraph``, ``ctoc:page``, ``ctoc:section``,
                    ``ctoc:fragment``, ``ctoc:quote`` (in the source's language) and
                    ``dcterms:date`` (the day it was retrieved, ``xsd:date``)
figure scope        ``ctoc:day`` (``xsd:date``), ``ctoc:meeting`` (the meeting),
                    ``ctoc:status`` (``actual`` or ``expected``)
==================  ==============================================================

- Every record with an id is a node of ``@graph`` with the ``@id``
  ``<base><kind>:<id>``, *kind* being ``conference``, ``session``, ``meeting``,
  ``organization``, ``person``, ``topic``, ``measure``, ``rule-set``, ``route``,
  ``admission`` or ``source``, so that ids never collide
  across kinds. The topic set is ``<base>topics``. Values without an id of their own
  (venues, roles, memberships, figures, identifiers) are blank nodes inside their
  record. Topics: the dataset's own, and the built-in ones that a meeting or figure
  uses or that another listed topic names as ``broader``.
- Multilingual text is a language map (``"@container": "@language"``), so the
  document keeps ``{"en": ..., "fr": ...}`` and each text becomes a literal tagged
  with its language.
- Safety: no term of the context is coerced to ``@id`` or ``@vocab``, so every string
  from the data is a literal, whatever it says (``"@context"``,
  ``"http://evil.example/"``). The only IRIs are made here, from ids (checked again
  and percent-encoded) and from http(s) URLs (percent-encoded where IRIs do not allow
  a character); the only keys from the data are language tags, checked again.
- Output is deterministic: nodes sorted by ``@id``, language maps by tag, and every
  list in which order carries no meaning sorted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

from .._model import (
    BUILTIN_MEASURES,
    BUILTIN_RULE_SETS,
    BUILTIN_TOPICS,
    Citation,
    Conference,
    Count,
    Dataset,
    Dialogue,
    Document,
    FieldSpec,
    Measure,
    Meeting,
    Organization,
    Participant,
    Person,
    Record,
    ReportedFigure,
    Session,
    Source,
    Topic,
    Venue,
    noun_of,
    specs,
)
from .._model._checks import id_ok
from .._privacy import Privacy, redact
from ..converters import format_datetime

__all__ = ["CTOC_VOCABULARY", "JSONLD_CONTEXT", "to_jsonld"]

T = TypeVar("T")

CTOC_VOCABULARY = "https://w3id.org/ctocmodel/vocab#"
"""The namespace of the ``ctoc:`` terms: what schema.org and W3C ORG do not cover."""

_MEETING_CLASSES = {
    "side_event": "ctoc:SideEvent",
    "briefing": "ctoc:Briefing",
    "dialogue": "ctoc:Dialogue",
    "special_event": "ctoc:SpecialEvent",
}
# Speakers and moderators perform at a meeting; counterparts and attendees attend it.
_ROLE_PROPERTIES = {
    "speaker": "performer",
    "moderator": "performer",
    "counterpart": "attendee",
    "attendee": "attendee",
}
# Which bounds of `Count.bounds` a qualifier states ("about" states none), and which
# qualifiers say what the count is (schema:value), not only how far it goes.
_STATES_MINIMUM = frozenset({"exact", "at_least", "more_than"})
_STATES_MAXIMUM = frozenset({"exact", "at_most", "fewer_than"})
_STATES_VALUE = frozenset({"exact", "about"})

# A language tag as JSON-LD accepts it (BCP 47 tags are a subset): never a keyword.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
# An absolute IRI to put ids under: a scheme, no character that IRIs forbid, and an
# ending that separates it from what follows.
_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]*[:/#]\Z")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"  # reserved and "%"; letters, digits and "-._" always are


def _context() -> dict[str, Any]:
    """Build a fresh copy of the context (callers may change what they are given)."""
    language_map = {"@container": "@language"}
    date = {"@type": "xsd:date"}
    return {
        "schema": "https://schema.org/",
        "ctoc": CTOC_VOCABULARY,
        "dcterms": "http://purl.org/dc/terms/",
        "org": "http://www.w3.org/ns/org#",
        "prov": "http://www.w3.org/ns/prov#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "time": "http://www.w3.org/2006/time#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "CreativeWork": "schema:CreativeWork",
        "DefinedTerm": "schema:DefinedTerm",
        "DefinedTermSet": "schema:DefinedTermSet",
        "Event": "schema:Event",
        "EventSeries": "schema:EventSeries",
        "Organization": "schema:Organization",
        "Person": "schema:Person",
        "Place": "schema:Place",
        "PostalAddress": "schema:PostalAddress",
        "PropertyValue": "schema:PropertyValue",
        "QuantitativeValue": "schema:QuantitativeValue",
        "Role": "schema:Role",
        "about": "schema:about",
        "address": "schema:address",
        "addressCountry": "schema:addressCountry",
        "addressLocality": {"@id": "schema:addressLocality", **language_map},
        "alternateName": {"@id": "schema:alternateName", **language_map},
        "attendee": "schema:attendee",
        "datePublished": {"@id": "schema:datePublished", **date},
        "description": {"@id": "schema:description", **language_map},
        "endDate": {"@id": "schema:endDate", **date},
        "identifier": "schema:identifier",
        "inDefinedTermSet": "schema:inDefinedTermSet",
        "inLanguage": "schema:inLanguage",
        "location": "schema:location",
        "maxValue": "schema:maxValue",
        "minValue": "schema:minValue",
        "name": {"@id": "schema:name", **language_map},
        "organizer": "schema:organizer",
        "parentOrganization": "schema:parentOrganization",
        "performer": "schema:performer",
        "propertyID": "schema:propertyID",
        "publisher": "schema:publisher",
        "roleName": "schema:roleName",
        "startDate": {"@id": "schema:startDate", **date},
        "subEvent": "schema:subEvent",
        "superEvent": "schema:superEvent",
        "termCode": "schema:termCode",
        "url": "schema:url",
        "value": "schema:value",
        "ctoc:outcome": {"@id": "ctoc:outcome", **language_map},
        "ctoc:quote": {"@id": "ctoc:quote", **language_map},
        "ctoc:day": {"@id": "ctoc:day", **date},
        "dcterms:date": {"@id": "dcterms:date", **date},
        "skos:prefLabel": {"@id": "skos:prefLabel", **language_map},
        "time:inXSDDate": {"@id": "time:inXSDDate", **date},
    }


JSONLD_CONTEXT: dict[str, Any] = _context()
"""The ``@context`` of every document `to_jsonld` writes (also ``exports/context.jsonld``)."""


def to_jsonld(
    dataset: Dataset, *, base: str = "urn:ctocmodel:", privacy: Privacy | None = None
) -> dict[str, Any]:
    """Return *dataset* as a JSON-LD document with its context embedded.

    *base* is the absolute IRI that record ids go under; it ends with ``:``, ``/``
    or ``#``. The document is a new ``dict`` on every call. *privacy* says what the
    export shows of the people the dataset names (default: what each person's
    visibility allows; see `Privacy`).

    >>> from ctocmodel import Dataset, Organization
    >>> unodc = Organization(id="unodc", name={"fr": "ONUDC", "en": "UNODC"}, kind="un_entity")
    >>> node = to_jsonld(Dataset(organizations=(unodc,)))["@graph"][0]
    >>> node["@id"], node["@type"], node["name"]
    ('urn:ctocmodel:organization:unodc', 'Organization', {'en': 'UNODC', 'fr': 'ONUDC'})
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__qualname__}")
    if type(base) is not str or _BASE.match(base) is None:
        raise ValueError(
            f"base must be an absolute IRI ending with ':', '/' or '#', such as "
            f"'urn:ctocmodel:' or 'https://example.org/ctoc/'; got {base!r}"
        )
    return _Writer(redact(dataset, privacy), base).document()


class _Writer:
    """Turns one dataset into JSON-LD nodes."""

    def __init__(self, dataset: Dataset, base: str) -> None:
        self.dataset = dataset
        self.base = base
        self.languages = {source.id: source.language for source in dataset.sources}

    def iri(self, kind: str, id: str) -> dict[str, str]:
        """Return the node reference of the record *id* of *kind*."""
        if not id_ok(id):  # the model guarantees it; an IRI is never made from anything else
            raise ValueError(f"{id!r} is not a valid id")
        return {"@id": f"{self.base}{kind}:{quote(id, safe='')}"}

    def iris(self, kind: str, ids: Iterable[str]) -> list[dict[str, str]]:
        """Return references to several records, sorted."""
        return sorted((self.iri(kind, id) for id in set(ids)), key=lambda ref: ref["@id"])

    def document(self) -> dict[str, Any]:
        dataset = self.dataset
        nodes: list[dict[str, Any]] = []
        nodes += (self.source(source) for source in dataset.sources)
        nodes += (self.organization(organization) for organization in dataset.organizations)
        nodes += (self.person(person) for person in dataset.people)
        topics = _topics(dataset)
        nodes += (self.topic(topic) for topic in topics)
        if topics:
            nodes.append(
                {
                    "@id": f"{self.base}topics",
                    "@type": "DefinedTermSet",
                    "name": {"en": "ctocmodel topics"},
                }
            )
        measures = _used(dataset.measures, BUILTIN_MEASURES, _measures_used(dataset))
        nodes += (self.measure(measure) for measure in measures)
        if measures:
            nodes.append(
                {
                    "@id": f"{self.base}measures",
                    "@type": "DefinedTermSet",
                    "name": {"en": "ctocmodel measures"},
                }
            )
        rule_sets = _used(
            dataset.participation_rules,
            BUILTIN_RULE_SETS,
            {c.participation_rules for c in dataset.conferences if c.participation_rules},
        )
        nodes += (self.declared(rules, "ctoc:ParticipationRules") for rules in rule_sets)
        for conference in dataset.conferences:
            nodes.append(self.conference(conference))
            for session in conference.sessions:
                nodes.append(self.session(conference, session))
                nodes += (self.meeting(session, meeting) for meeting in session.meetings)
        nodes.sort(key=lambda node: node["@id"])
        return {"@context": _context(), "@graph": nodes}

    def cited(
        self, node: dict[str, Any], sources: Iterable[str], citations: Iterable[Citation] = ()
    ) -> None:
        """Add the sources a record cites, and its citations as PROV derivations."""
        refs = self.iris("source", sources)
        if refs:
            node["dcterms:source"] = refs
        derivations = [self.derivation(citation) for citation in citations]
        if derivations:
            node["prov:qualifiedDerivation"] = _sorted(derivations)

    def derivation(self, citation: Citation) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@type": "prov:Derivation",
            "prov:entity": self.iri("source", citation.source),
        }
        locator = citation.locator()
        if locator:
            node["dcterms:bibliographicCitation"] = locator
        for name in ("field", "paragraph", "page", "section", "fragment"):
            value = getattr(citation, name)
            if value is not None:
                node[f"ctoc:{name}"] = value
        if citation.quote is not None:
            node["ctoc:quote"] = {_language(self.languages[citation.source]): citation.quote}
        if citation.retrieved is not None:
            node["dcterms:date"] = citation.retrieved.isoformat()
        return node

    def source(self, source: Source) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("source", source.id),
            "@type": "CreativeWork",
            "name": _text(source.title),
            "inLanguage": _language(source.language),
        }
        if source.publisher is not None:
            node["publisher"] = self.iri("organization", source.publisher)
        if source.url is not None:
            node["url"] = {"@id": _url(source.url)}
        if source.date is not None:
            node["datePublished"] = source.date.isoformat()
        return node

    def organization(self, organization: Organization) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("organization", organization.id),
            "@type": "Organization",
            "name": _text(organization.name),
            "ctoc:kind": organization.kind,
        }
        if organization.acronym is not None:
            node["alternateName"] = _text(organization.acronym)
        if organization.parent is not None:
            node["parentOrganization"] = self.iri("organization", organization.parent)
        if organization.country is not None:
            node["address"] = {"@type": "PostalAddress", "addressCountry": organization.country}
        if organization.ecosoc_status is not None:
            node["ctoc:ecosocStatus"] = organization.ecosoc_status
        if organization.identifiers:
            node["identifier"] = [
                {"@type": "PropertyValue", "propertyID": identifier.scheme, "value": identifier.id}
                for identifier in sorted(
                    organization.identifiers, key=lambda item: (item.scheme, item.id)
                )
            ]
        if organization.website is not None:
            node["url"] = {"@id": _url(organization.website)}
        self.cited(node, organization.sources, organization.citations)
        return node

    def person(self, person: Person) -> dict[str, Any]:
        me = self.iri("person", person.id)
        node: dict[str, Any] = {**me, "@type": "Person", "name": person.name}
        memberships = []
        for position in person.positions:
            membership: dict[str, Any] = {
                "@type": "org:Membership",
                "org:member": me,
                "org:organization": self.iri("organization", position.organization),
                "org:role": {"@type": "org:Role", "skos:prefLabel": _text(position.title)},
            }
            if position.start is not None or position.end is not None:
                interval: dict[str, Any] = {"@type": "time:Interval"}
                if position.start is not None:
                    interval["time:hasBeginning"] = _instant(position.start.isoformat())
                if position.end is not None:
                    interval["time:hasEnd"] = _instant(position.end.isoformat())
                membership["org:memberDuring"] = interval
            memberships.append(membership)
        if memberships:
            node["org:hasMembership"] = _sorted(memberships)
        self.cited(node, person.sources, person.citations)
        return node

    def topic(self, topic: Topic) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("topic", topic.id),
            "@type": "DefinedTerm",
            "name": _text(topic.label),
            "termCode": topic.id,
            "inDefinedTermSet": {"@id": f"{self.base}topics"},
        }
        if topic.broader is not None:
            node["skos:broader"] = self.iri("topic", topic.broader)
        return node

    def measure(self, measure: Measure) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("measure", measure.id),
            "@type": "DefinedTerm",
            "name": _text(measure.label),
            "termCode": measure.id,
            "inDefinedTermSet": {"@id": f"{self.base}measures"},
        }
        if measure.definition is not None:
            node["description"] = _text(measure.definition)
        return node

    def documents(self, node: dict[str, Any], documents: Iterable[Document]) -> None:
        """Add the UN documents a session or meeting cites, as creative works."""
        written = []
        for document in documents:
            work: dict[str, Any] = {
                "@type": "CreativeWork",
                "identifier": {
                    "@type": "PropertyValue",
                    "propertyID": "UN document symbol",
                    "value": document.symbol,
                },
            }
            if document.title is not None:
                work["name"] = _text(document.title)
            if document.url is not None:
                work["url"] = {"@id": _url(document.url)}
            written.append(work)
        if written:
            node["ctoc:document"] = _sorted(written)

    def declared(self, record: Any, node_type: str) -> dict[str, Any]:
        """A record no vocabulary has a class for, read from its declarations.

        Each field is the ``ctoc:`` property of its name in camel case (``list_days_before``
        is ``ctoc:listDaysBefore``); a reference is the IRI of the record it names, a
        record within is a node of the same form, text is language-tagged, dates and URLs
        are typed; ``sources`` and ``citations`` are cited as on every record.
        """
        node: dict[str, Any] = {"@type": node_type}
        for spec in specs(type(record)):
            value = getattr(record, spec.name)
            if value is None or value == () or spec.name in ("sources", "citations"):
                continue
            if spec.name == "id":
                node.update(self.iri(_iri_kind(noun_of(type(record)) or "record"), value))
                continue
            items = [self.field_value(spec, item) for item in (value if spec.many else (value,))]
            node[_property(spec.name)] = _sorted(items) if spec.many else items[0]
        self.cited(node, getattr(record, "sources", ()), getattr(record, "citations", ()))
        return node

    def field_value(self, spec: FieldSpec, value: Any) -> Any:
        if spec.target is not None:
            return self.iri(_iri_kind(spec.target), value)
        if spec.kind.name == "url":
            return {"@id": _url(value)}
        if isinstance(value, Mapping):
            return [{"@value": text, "@language": tag} for tag, text in _text(value).items()]
        if isinstance(value, Record):
            return self.declared(value, f"ctoc:{type(value).__name__}")
        if isinstance(value, dt.datetime):
            return _datetime(value)
        if isinstance(value, dt.date):
            return {"@value": value.isoformat(), "@type": "xsd:date"}
        return value

    def conference(self, conference: Conference) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("conference", conference.id),
            "@type": "EventSeries",
            "name": _text(conference.name),
        }
        if conference.acronym is not None:
            node["alternateName"] = _text(conference.acronym)
        if conference.secretariat is not None:
            node["ctoc:secretariat"] = self.iri("organization", conference.secretariat)
        if conference.participation_rules is not None:
            node["ctoc:participationRules"] = self.iri(
                _iri_kind("rule set"), conference.participation_rules
            )
        sessions = self.iris("session", (session.id for session in conference.sessions))
        if sessions:
            node["subEvent"] = sessions
        self.cited(node, conference.sources, conference.citations)
        return node

    def session(self, conference: Conference, session: Session) -> dict[str, Any]:
        label = conference.acronym if conference.acronym is not None else conference.name
        node: dict[str, Any] = {
            **self.iri("session", session.id),
            "@type": "Event",
            "name": _text({tag: f"{text} {session.number}" for tag, text in label.items()}),
            "ctoc:sessionNumber": session.number,
            "startDate": session.start.isoformat(),
            "endDate": session.end.isoformat(),
            "superEvent": self.iri("conference", conference.id),
        }
        if session.venue is not None:
            node["location"] = _place(session.venue)
        meetings = self.iris("meeting", (meeting.id for meeting in session.meetings))
        if meetings:
            node["subEvent"] = meetings
        if session.participation:
            attendees = []
            for entry in session.participation:
                role: dict[str, Any] = {
                    "@type": "Role",
                    "attendee": self.iri("organization", entry.organization),
                }
                if entry.basis is not None:
                    role["ctoc:participationBasis"] = entry.basis
                self.cited(role, entry.sources)
                attendees.append(role)
            node["attendee"] = _sorted(attendees)
        if session.figures:
            node["ctoc:reportedFigure"] = _sorted(self.figure(figure) for figure in session.figures)
        if session.admissions:
            node["ctoc:admission"] = _sorted(
                self.declared(admission, "ctoc:Admission") for admission in session.admissions
            )
        if session.statements:
            node["ctoc:statement"] = _sorted(
                self.declared(statement, "ctoc:Statement") for statement in session.statements
            )
        self.documents(node, session.documents)
        self.cited(node, session.sources, session.citations)
        return node

    def figure(self, figure: ReportedFigure) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@type": ["QuantitativeValue", "ctoc:ReportedFigure"],
            "ctoc:measure": self.iri("measure", figure.measure),
            **_quantity(figure.count),
            "dcterms:source": [self.iri("source", figure.source)],
        }
        if figure.quote is not None:
            node["ctoc:quote"] = {_language(self.languages[figure.source]): figure.quote}
        topics = self.iris("topic", figure.topics)
        if topics:
            node["dcterms:subject"] = topics
        if figure.day is not None:
            node["ctoc:day"] = figure.day.isoformat()
        if figure.meeting is not None:
            node["ctoc:meeting"] = self.iri("meeting", figure.meeting)
        if figure.status != "actual":
            node["ctoc:status"] = figure.status
        return node

    def meeting(self, session: Session, meeting: Meeting) -> dict[str, Any]:
        node: dict[str, Any] = {
            **self.iri("meeting", meeting.id),
            "@type": ["Event", _MEETING_CLASSES[meeting.type]],
            "name": _text(meeting.title),
            "superEvent": self.iri("session", session.id),
        }
        if meeting.start is not None:
            node["startDate"] = _datetime(meeting.start)
            if meeting.end is not None:
                node["endDate"] = _datetime(meeting.end)
        elif meeting.date is not None:
            node["startDate"] = node["endDate"] = meeting.date.isoformat()
        organizers = self.iris("organization", (*meeting.organizers, *meeting.co_organizers))
        if organizers:
            node["organizer"] = organizers
        co_organizers = self.iris("organization", meeting.co_organizers)
        if co_organizers:
            node["ctoc:coOrganizer"] = co_organizers
        roles: dict[str, list[dict[str, Any]]] = {}
        for participant in meeting.participants:
            prop = _ROLE_PROPERTIES[participant.role]
            roles.setdefault(prop, []).append(self.participant(prop, participant))
        for prop in sorted(roles):
            node[prop] = _sorted(roles[prop])
        topics = self.iris("topic", meeting.topics)
        if topics:
            node["about"] = topics
        if meeting.summary is not None:
            node["description"] = _text(meeting.summary)
        if meeting.outcome is not None:
            node["ctoc:outcome"] = _text(meeting.outcome)
        if isinstance(meeting, Dialogue) and meeting.questions:
            node["ctoc:question"] = _sorted(
                {"@type": "ctoc:Question", "name": _text(question)}
                for question in meeting.questions
            )
        self.documents(node, meeting.documents)
        self.cited(node, meeting.sources, meeting.citations)
        return node

    def participant(self, prop: str, participant: Participant) -> dict[str, Any]:
        role: dict[str, Any] = {"@type": "Role", "roleName": participant.role}
        if participant.person is not None:
            role[prop] = self.iri("person", participant.person)
        if participant.organization is not None:
            role["ctoc:represents"] = self.iri("organization", participant.organization)
        if participant.description is not None:
            role["description"] = _text(participant.description)
        if participant.count is not None:
            role["ctoc:count"] = {"@type": "QuantitativeValue", **_quantity(participant.count)}
        return role


def _topics(dataset: Dataset) -> list[Topic]:
    """Return the dataset's topics and the built-in topics it uses, directly or as broader."""
    own = {topic.id for topic in dataset.topics}
    used: set[str] = {topic.broader for topic in dataset.topics if topic.broader is not None}
    for conference in dataset.conferences:
        for session in conference.sessions:
            for figure in session.figures:
                used.update(figure.topics)
            for meeting in session.meetings:
                used.update(meeting.topics)
    builtin: dict[str, Topic] = {}
    pending = sorted(used - own)
    while pending:
        topic = BUILTIN_TOPICS.get(pending.pop())
        if topic is None or topic.id in builtin:
            continue
        builtin[topic.id] = topic
        if topic.broader is not None:
            pending.append(topic.broader)
    return [*dataset.topics, *builtin.values()]


def _measures_used(dataset: Dataset) -> set[str]:
    return {
        figure.measure
        for conference in dataset.conferences
        for session in conference.sessions
        for figure in session.figures
    }


def _used(own: Iterable[Any], builtin: Mapping[str, Any], used: set[str]) -> list[Any]:
    """The dataset's own records of a kind, then the built-in ones it names."""
    own = list(own)
    declared = {record.id for record in own}
    return [*own, *(builtin[id] for id in sorted(used - declared) if id in builtin)]


def _iri_kind(noun: str) -> str:
    """The kind of record in an IRI: its noun, hyphenated ("rule set" is ``rule-set``)."""
    return noun.replace(" ", "-")


def _property(name: str) -> str:
    """The ``ctoc:`` property of a field: ``list_days_before`` is ``ctoc:listDaysBefore``."""
    first, *rest = name.split("_")
    return "ctoc:" + first + "".join(word.title() for word in rest)


def _language(tag: str) -> str:
    """Return *tag*, checked to be a language tag, so that it never becomes a keyword."""
    if type(tag) is not str or _LANGUAGE_TAG.match(tag) is None:
        raise ValueError(f"{tag!r} is not a language tag")
    return tag


def _text(text: Mapping[str, str]) -> dict[str, str]:
    """Return multilingual text as a language map, sorted by tag.

    >>> _text({"fr": "Vienne", "en": "Vienna"})
    {'en': 'Vienna', 'fr': 'Vienne'}
    """
    result = {}
    for tag in sorted(text):
        value = text[tag]
        if type(value) is not str:
            raise ValueError(f"expected text in language {tag!r}, got {type(value).__qualname__}")
        result[_language(tag)] = value
    return result


def _url(url: str) -> str:
    """Return an http(s) URL as an IRI: characters that IRIs forbid are percent-encoded.

    >>> _url("http://ngo.example/a b?q=<x>&r=100%")
    'http://ngo.example/a%20b?q=%3Cx%3E&r=100%25'
    """
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"{url!r} is not an http(s) URL")
    return quote(_BAD_PERCENT.sub("%25", url), safe=_URL_SAFE)


def _datetime(value: dt.datetime) -> dict[str, str]:
    return {"@value": format_datetime(value), "@type": "xsd:dateTime"}


def _instant(day: str) -> dict[str, Any]:
    return {"@type": "time:Instant", "time:inXSDDate": day}


def _quantity(count: Count) -> dict[str, Any]:
    """Return the fields of a ``QuantitativeValue`` for *count*, with the bounds it states.

    ``value`` only when the count is that number or about it: a bound is no value.

    >>> _quantity(Count(qualifier="more_than", value=90))
    {'ctoc:qualifier': 'more_than', 'minValue': 91}
    >>> _quantity(Count(qualifier="exact", value=16))
    {'ctoc:qualifier': 'exact', 'value': 16, 'minValue': 16, 'maxValue': 16}
    """
    node: dict[str, Any] = {"ctoc:qualifier": count.qualifier}
    if count.qualifier in _STATES_VALUE:
        node["value"] = count.value
    low, high = count.bounds()
    if count.qualifier in _STATES_MINIMUM:
        node["minValue"] = low
    if count.qualifier in _STATES_MAXIMUM and high is not None:
        node["maxValue"] = high
    return node


def _place(venue: Venue) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Place"}
    if venue.name is not None:
        node["name"] = _text(venue.name)
    if venue.city is not None or venue.country is not None:
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if venue.city is not None:
            address["addressLocality"] = _text(venue.city)
        if venue.country is not None:
            address["addressCountry"] = venue.country
        node["address"] = address
    if venue.time_zone is not None:
        node["ctoc:timeZone"] = venue.time_zone
    return node


def _sorted(nodes: Iterable[T]) -> list[T]:
    """Sort nodes (or values) whose order carries no meaning by their JSON text."""
    return sorted(nodes, key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))

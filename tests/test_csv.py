"""CSV export: tables read back with the stdlib csv reader agree with the model."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings

from ctocmodel import (
    BUILTIN_TOPICS,
    SCHEMA_VERSION,
    Conference,
    Count,
    Dataset,
    Dialogue,
    MultilingualText,
    Organization,
    Participant,
    Person,
    Position,
    Privacy,
    Provision,
    ReportedFigure,
    Session,
    Source,
    Topic,
    Venue,
)
from ctocmodel.converters import format_datetime
from ctocmodel.examples import cop7
from ctocmodel.exports._csv import to_csv
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets

TABLES = [
    "dataset.csv",
    "sources.csv",
    "organizations.csv",
    "identifiers.csv",
    "people.csv",
    "positions.csv",
    "topics.csv",
    "measures.csv",
    "participation_rules.csv",
    "routes.csv",
    "rights.csv",
    "conferences.csv",
    "sessions.csv",
    "participation.csv",
    "figures.csv",
    "meetings.csv",
    "participants.csv",
    "documents.csv",
    "questions.csv",
    "admissions.csv",
    "objections.csv",
    "statements.csv",
    "citations.csv",
]
UN = ("ar", "zh", "en", "fr", "ru", "es")
TRIGGERS = ["=SUM(A1)", "+SUM(A1)", "-SUM(A1)", "@SUM(A1)", "\t=SUM(A1)", "\r=SUM(A1)"]
Table = list[dict[str, str]]

# Reading back, independently of the exporter


def parse(payload: bytes, encoding: str = "utf-8") -> tuple[list[str], Table]:
    """Parse one table with the stdlib reader: its header and its rows as dicts."""
    text = payload.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert len(set(header)) == len(header), header
    assert all(len(row) == len(header) for row in body)
    return header, [dict(zip(header, row, strict=True)) for row in body]


def read_folder(folder: Path, encoding: str = "utf-8") -> dict[str, Table]:
    return {name: parse((folder / name).read_bytes(), encoding)[1] for name in TABLES}


def headers_of(folder: Path) -> dict[str, list[str]]:
    return {name: parse((folder / name).read_bytes())[0] for name in TABLES}


def export(dataset: Dataset, folder: Path, **options: object) -> dict[str, Table]:
    # Every name, so that the tables say all the model says; test_privacy tests the rest.
    options.setdefault("privacy", Privacy(everyone=True))
    assert to_csv(dataset, folder, **options) == TABLES  # type: ignore[arg-type]
    return read_folder(folder, "utf-8-sig" if options.get("excel") else "utf-8")


def restore(cell: str) -> str:
    """The documented reader rule: drop one apostrophe before apostrophes and a trigger."""
    return cell[1:] if re.match(r"'+[=+\-@\t\r]", cell) else cell


def text_of(row: Mapping[str, str], field: str) -> dict[str, str]:
    """Rebuild the multilingual text *field* from its ``<field>_<tag>`` columns."""
    prefix = field + "_"
    return {
        column[len(prefix) :]: restore(cell)
        for column, cell in row.items()
        if column.startswith(prefix) and cell != ""
    }


def refs(cell: str) -> tuple[str, ...]:
    return tuple(cell.split("|")) if cell else ()


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def texts(value: MultilingualText | None) -> dict[str, str]:
    return dict(value or {})


def used_topics(dataset: Dataset) -> set[str]:
    """Declared topics, topics of meetings and figures, and their broader topics."""
    declared = {topic.id: topic for topic in dataset.topics}
    found = set(declared)
    for conference in dataset.conferences:
        for session in conference.sessions:
            found.update(t for figure in session.figures for t in figure.topics)
            found.update(t for meeting in session.meetings for t in meeting.topics)
    while True:
        topics = [declared.get(t) or BUILTIN_TOPICS[t] for t in found]
        more = {t.broader for t in topics if t.broader is not None} - found
        if not more:
            return found
        found |= more


def assert_matches(tables: dict[str, Table], dataset: Dataset) -> None:
    """Every row of every table says what the model says, field by field."""
    sources = tables["sources.csv"]
    assert len(sources) == len(dataset.sources)
    for row, source in zip(sources, dataset.sources, strict=True):
        assert row["id"] == source.id
        assert text_of(row, "title") == texts(source.title)
        assert row["language"] == source.language
        assert row["publisher"] == cell(source.publisher)
        assert row["url"] == cell(source.url)
        assert row["date"] == cell(source.date)

    organizations = tables["organizations.csv"]
    assert len(organizations) == len(dataset.organizations)
    for row, org in zip(organizations, dataset.organizations, strict=True):
        assert row["id"] == org.id
        assert row["kind"] == org.kind
        assert text_of(row, "name") == texts(org.name)
        assert text_of(row, "acronym") == texts(org.acronym)
        assert row["parent"] == cell(org.parent)
        assert row["country"] == cell(org.country)
        assert row["ecosoc_status"] == cell(org.ecosoc_status)
        assert row["website"] == cell(org.website)
        assert refs(row["sources"]) == org.sources
    assert [(r["organization"], r["scheme"], r["id"]) for r in tables["identifiers.csv"]] == [
        (org.id, identifier.scheme, identifier.id)
        for org in dataset.organizations
        for identifier in org.identifiers
    ]

    people = tables["people.csv"]
    assert [
        (r["id"], restore(r["name"]), refs(r["sources"]), r["visibility"], restore(r["consent"]))
        for r in people
    ] == [
        (person.id, person.name, person.sources, person.visibility, cell(person.consent))
        for person in dataset.people
    ]
    positions = [(p, q) for p in dataset.people for q in p.positions]
    assert len(tables["positions.csv"]) == len(positions)
    for row, (person, position) in zip(tables["positions.csv"], positions, strict=True):
        assert row["person"] == person.id
        assert row["organization"] == position.organization
        assert text_of(row, "title") == texts(position.title)
        assert (row["start"], row["end"]) == (cell(position.start), cell(position.end))

    topics = {row["id"]: row for row in tables["topics.csv"]}
    assert len(topics) == len(tables["topics.csv"])
    assert set(topics) == used_topics(dataset)
    declared = {topic.id: topic for topic in dataset.topics}
    for topic_id, row in topics.items():
        topic = declared.get(topic_id) or BUILTIN_TOPICS[topic_id]
        assert row["origin"] == ("dataset" if topic_id in declared else "builtin")
        assert text_of(row, "label") == texts(topic.label)
        assert row["broader"] == cell(topic.broader)
        assert row["broader"] == "" or row["broader"] in topics

    rule_sets = tables["participation_rules.csv"]
    assert [
        (r["id"], text_of(r, "title"), r["url"], refs(r["errors"]), refs(r["warnings"]))
        for r in rule_sets
    ] == [
        (rules.id, texts(rules.title), cell(rules.url), rules.errors, rules.warnings)
        for rules in dataset.participation_rules
    ]
    routes = [(rules, route) for rules in dataset.participation_rules for route in rules.routes]
    assert [
        (
            r["participation_rules"],
            r["id"],
            text_of(r, "label"),
            provision_of(r),
            refs(r["kinds"]),
            r["decided_by"],
            r["list_days_before"],
            r["objections_decided_by"],
        )
        for r in tables["routes.csv"]
    ] == [
        (
            rules.id,
            route.id,
            texts(route.label),
            provision_cells(route.provision),
            route.kinds,
            cell(route.decided_by),
            cell(route.list_days_before),
            cell(route.objections_decided_by),
        )
        for rules, route in routes
    ]
    assert [
        (r["route"], r["action"], r["invited_by"], provision_of(r)) for r in tables["rights.csv"]
    ] == [
        (route.id, right.action, cell(right.invited_by), provision_cells(right.provision))
        for _, route in routes
        for right in route.rights
    ]

    conferences = tables["conferences.csv"]
    assert len(conferences) == len(dataset.conferences)
    for row, conference in zip(conferences, dataset.conferences, strict=True):
        assert row["participation_rules"] == cell(conference.participation_rules)
        assert row["id"] == conference.id
        assert text_of(row, "name") == texts(conference.name)
        assert text_of(row, "acronym") == texts(conference.acronym)
        assert row["secretariat"] == cell(conference.secretariat)
        assert refs(row["sources"]) == conference.sources

    sessions = [(c, s) for c in dataset.conferences for s in c.sessions]
    assert len(tables["sessions.csv"]) == len(sessions)
    for row, (conference, session) in zip(tables["sessions.csv"], sessions, strict=True):
        assert (row["id"], row["conference"]) == (session.id, conference.id)
        assert row["number"] == str(session.number)
        assert (row["start"], row["end"]) == (cell(session.start), cell(session.end))
        venue = session.venue
        assert text_of(row, "venue_name") == texts(venue.name if venue else None)
        assert text_of(row, "venue_city") == texts(venue.city if venue else None)
        assert row["venue_country"] == cell(venue.country if venue else None)
        assert row["venue_time_zone"] == cell(venue.time_zone if venue else None)
        assert refs(row["sources"]) == session.sources

    participation = [(c, s, p) for c, s in sessions for p in s.participation]
    assert [
        (r["session"], r["organization"], r["basis"], refs(r["sources"]))
        for r in tables["participation.csv"]
    ] == [(s.id, p.organization, cell(p.basis), p.sources) for _, s, p in participation]

    figures = [(c, s, f) for c, s in sessions for f in s.figures]
    assert [
        (
            r["session"],
            r["measure"],
            r["count_qualifier"],
            r["count_value"],
            r["source"],
            restore(r["quote"]),
            refs(r["topics"]),
        )
        for r in tables["figures.csv"]
    ] == [
        (
            s.id,
            f.measure,
            f.count.qualifier,
            str(f.count.value),
            f.source,
            cell(f.quote),
            f.topics,
        )
        for _, s, f in figures
    ]

    meetings = [(c, s, m) for c, s in sessions for m in s.meetings]
    assert len(tables["meetings.csv"]) == len(meetings)
    for row, (_, session, meeting) in zip(tables["meetings.csv"], meetings, strict=True):
        assert (row["id"], row["session"]) == (meeting.id, session.id)
        assert row["type"] == meeting.type
        assert text_of(row, "title") == texts(meeting.title)
        assert row["date"] == cell(meeting.date)
        assert (row["start"], row["end"]) == (cell(meeting.start), cell(meeting.end))
        assert refs(row["organizers"]) == meeting.organizers
        assert refs(row["co_organizers"]) == meeting.co_organizers
        assert refs(row["topics"]) == meeting.topics
        assert text_of(row, "summary") == texts(meeting.summary)
        assert text_of(row, "outcome") == texts(meeting.outcome)
        assert refs(row["sources"]) == meeting.sources

    participants = [(m, p) for _, _, m in meetings for p in m.participants]
    assert len(tables["participants.csv"]) == len(participants)
    for row, (meeting, participant) in zip(tables["participants.csv"], participants, strict=True):
        assert row["meeting"] == meeting.id
        assert row["role"] == participant.role
        assert row["person"] == cell(participant.person)
        assert row["organization"] == cell(participant.organization)
        assert text_of(row, "description") == texts(participant.description)
        count = participant.count
        assert row["count_qualifier"] == (count.qualifier if count else "")
        assert row["count_value"] == (str(count.value) if count else "")

    questions = [(m, q) for _, _, m in meetings if isinstance(m, Dialogue) for q in m.questions]
    assert [(r["meeting"], text_of(r, "text")) for r in tables["questions.csv"]] == [
        (m.id, dict(q)) for m, q in questions
    ]

    admissions = [(s, a) for _, s in sessions for a in s.admissions]
    assert [
        (
            r["session"],
            r["id"],
            r["organization"],
            r["route"],
            (r["application_to"], r["application_date"]),
            (r["listing_document"], r["listing_date"]),
            (r["decision_by"], r["decision_date"], r["decision_document"]),
            r["outcome"],
            refs(r["sources"]),
        )
        for r in tables["admissions.csv"]
    ] == [
        (
            s.id,
            a.id,
            a.organization,
            cell(a.route),
            (cell(a.application and a.application.to), cell(a.application and a.application.date)),
            (cell(a.listing and a.listing.document), cell(a.listing and a.listing.date)),
            (
                cell(a.decision and a.decision.by),
                cell(a.decision and a.decision.date),
                cell(a.decision and a.decision.document),
            ),
            cell(a.outcome),
            a.sources,
        )
        for s, a in admissions
    ]
    assert [(r["admission"], r["by"], r["date"]) for r in tables["objections.csv"]] == [
        (a.id, cell(o.by), cell(o.date)) for _, a in admissions for o in a.objections
    ]
    statements = [(s, st) for _, s in sessions for st in s.statements]
    assert [
        (
            r["session"],
            r["kind"],
            r["organization"],
            r["person"],
            restore(r["agenda_item"]),
            r["date"],
            text_of(r, "title"),
            r["document"],
            (r["invitation_by"], r["invitation_date"]),
            refs(r["sources"]),
        )
        for r in tables["statements.csv"]
    ] == [
        (
            s.id,
            st.kind,
            st.organization,
            cell(st.person),
            cell(st.agenda_item),
            cell(st.date),
            texts(st.title),
            cell(st.document),
            (
                cell(st.invitation and st.invitation.by),
                cell(st.invitation and st.invitation.date),
            ),
            st.sources,
        )
        for s, st in statements
    ]


PROVISION_FIELDS = ("rule", "paragraph", "subparagraph", "resolution", "document", "url")


def provision_of(row: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(row[f"provision_{name}"] for name in PROVISION_FIELDS)


def provision_cells(provision: Provision | None) -> tuple[str, ...]:
    return tuple(cell(getattr(provision, name, None)) for name in PROVISION_FIELDS)


def record_counts(dataset: Dataset) -> dict[str, int]:
    """How many rows each table should have, counted on the model."""
    sessions = [s for c in dataset.conferences for s in c.sessions]
    meetings = [m for s in sessions for m in s.meetings]
    return {
        "dataset.csv": 1,
        "sources.csv": len(dataset.sources),
        "organizations.csv": len(dataset.organizations),
        "identifiers.csv": sum(len(o.identifiers) for o in dataset.organizations),
        "people.csv": len(dataset.people),
        "positions.csv": sum(len(p.positions) for p in dataset.people),
        "topics.csv": len(used_topics(dataset)),
        "conferences.csv": len(dataset.conferences),
        "sessions.csv": len(sessions),
        "participation.csv": sum(len(s.participation) for s in sessions),
        "figures.csv": sum(len(s.figures) for s in sessions),
        "meetings.csv": len(meetings),
        "participants.csv": sum(len(m.participants) for m in meetings),
        "questions.csv": sum(len(m.questions) for m in meetings if isinstance(m, Dialogue)),
        "documents.csv": sum(len(s.documents) for s in sessions)
        + sum(len(m.documents) for m in meetings),
        "measures.csv": len(dataset.measures),
        "citations.csv": sum(
            len(record.citations)
            for record in (
                *dataset.organizations,
                *dataset.people,
                *dataset.conferences,
                *sessions,
                *meetings,
            )
        ),
        "participation_rules.csv": len(dataset.participation_rules),
        "routes.csv": sum(len(rules.routes) for rules in dataset.participation_rules),
        "rights.csv": sum(
            len(route.rights) for rules in dataset.participation_rules for route in rules.routes
        ),
        "admissions.csv": sum(len(s.admissions) for s in sessions),
        "objections.csv": sum(len(a.objections) for s in sessions for a in s.admissions),
        "statements.csv": sum(len(s.statements) for s in sessions),
    }


def dataset_with_text(text: str) -> Dataset:
    """A small valid dataset with *text* in every kind of text cell."""
    dialogue = Dialogue(
        id="dialogue",
        title={"en": text, "fr": text},
        organizers=("ngo",),
        participants=(
            Participant(role="counterpart", person="jane"),
            Participant(role="attendee", description={"fr": text}),
        ),
        topics=("own-topic",),
        summary={"en": text},
        outcome={"fr": text},
        questions=({"en": text},),
    )
    session = Session(
        id="session",
        number=1,
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 10),
        venue=Venue(name={"en": text}, city={"fr": text}),
        figures=(
            ReportedFigure(
                measure="participants",
                count=Count(qualifier="more_than", value=90),
                source="news",
                quote=text,
            ),
        ),
        meetings=(dialogue,),
    )
    return Dataset(
        sources=(Source(id="news", title={"fr": text}, language="fr"),),
        organizations=(
            Organization(id="ngo", name={"en": text, "fr": text}, kind="ngo", acronym={"en": text}),
        ),
        people=(
            Person(
                id="jane", name=text, positions=(Position(title={"en": text}, organization="ngo"),)
            ),
        ),
        topics=(Topic(id="own-topic", label={"en": text}),),
        conferences=(Conference(id="conference", name={"en": text}, sessions=(session,)),),
    )


# The cells of dataset_with_text that hold the text.
TEXT_CELLS = [
    ("sources.csv", "title_fr"),
    ("organizations.csv", "name_en"),
    ("organizations.csv", "name_fr"),
    ("organizations.csv", "acronym_en"),
    ("people.csv", "name"),
    ("positions.csv", "title_en"),
    ("topics.csv", "label_en"),
    ("conferences.csv", "name_en"),
    ("sessions.csv", "venue_name_en"),
    ("sessions.csv", "venue_city_fr"),
    ("figures.csv", "quote"),
    ("meetings.csv", "title_en"),
    ("meetings.csv", "title_fr"),
    ("meetings.csv", "summary_en"),
    ("meetings.csv", "outcome_fr"),
    ("questions.csv", "text_en"),
]


def cells_of(tables: dict[str, Table], spots: list[tuple[str, str]]) -> list[str]:
    return [row[column] for name, column in spots for row in tables[name] if row[column]]


# Tables and their names


def test_returns_the_table_names_and_writes_only_them(tmp_path: Path) -> None:
    """to_csv returns the names of the tables; the folder holds those and datapackage.json."""
    assert to_csv(cop7(), tmp_path / "out") == TABLES
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [*TABLES, "datapackage.json"]
    )


def test_headers_of_an_empty_dataset(tmp_path: Path) -> None:
    """The columns of every table, as documented in docs/howto/spreadsheets.md."""
    to_csv(Dataset(), tmp_path, languages=("en",))
    assert {name: ",".join(header) for name, header in headers_of(tmp_path).items()} == {
        "dataset.csv": "schema_version",
        "sources.csv": "id,title_en,language,publisher,url,date",
        "organizations.csv": (
            "id,name_en,kind,acronym_en,parent,country,ecosoc_status,website,sources"
        ),
        "identifiers.csv": "organization,scheme,id",
        "people.csv": "id,name,sources,visibility,consent",
        "positions.csv": "person,title_en,organization,start,end",
        "topics.csv": "id,origin,label_en,broader",
        "measures.csv": "id,label_en,definition_en",
        "participation_rules.csv": "id,title_en,url,errors,warnings",
        "routes.csv": (
            "participation_rules,id,label_en,provision_rule,provision_paragraph,"
            "provision_subparagraph,provision_resolution,provision_document,provision_url,"
            "kinds,decided_by,list_days_before,objections_decided_by"
        ),
        "rights.csv": (
            "route,action,invited_by,provision_rule,provision_paragraph,provision_subparagraph,"
            "provision_resolution,provision_document,provision_url"
        ),
        "conferences.csv": "id,name_en,acronym_en,secretariat,sources,participation_rules",
        "sessions.csv": (
            "conference,id,number,start,end,venue_name_en,venue_city_en,venue_country,"
            "venue_time_zone,sources"
        ),
        "participation.csv": "session,organization,basis,sources",
        "figures.csv": (
            "session,measure,count_qualifier,count_value,source,quote,topics,day,meeting,status"
        ),
        "meetings.csv": (
            "session,type,id,title_en,date,start,end,organizers,co_organizers,topics,"
            "summary_en,outcome_en,sources"
        ),
        "participants.csv": (
            "meeting,role,person,organization,description_en,count_qualifier,count_value"
        ),
        "documents.csv": "session,meeting,symbol,title_en,url",
        "questions.csv": "meeting,text_en",
        "citations.csv": (
            "organization,person,conference,session,meeting,source,field,paragraph,page,"
            "section,fragment,quote,retrieved"
        ),
        "admissions.csv": (
            "session,id,organization,route,application_to,application_date,listing_document,"
            "listing_date,decision_by,decision_date,decision_document,outcome,sources"
        ),
        "objections.csv": "admission,by,date",
        "statements.csv": (
            "session,kind,organization,person,agenda_item,date,title_en,document,"
            "invitation_by,invitation_date,sources"
        ),
    }


def test_empty_dataset_gives_headers_only(tmp_path: Path) -> None:
    """An empty dataset still writes every table, each with its header row and no rows."""
    tables = export(Dataset(), tmp_path)
    assert tables.pop("dataset.csv") == [{"schema_version": SCHEMA_VERSION}]
    assert all(rows == [] for rows in tables.values())
    assert headers_of(tmp_path)["meetings.csv"][:3] == ["session", "type", "id"]


# COP7


def test_cop7_row_counts_equal_record_counts(tmp_path: Path) -> None:
    """Each COP7 table has one row per record of its kind."""
    tables = export(cop7(), tmp_path)
    assert {name: len(rows) for name, rows in tables.items()} == record_counts(cop7())
    assert len(tables["meetings.csv"]) == 5
    assert len(tables["participants.csv"]) == 8


def test_cop7_agrees_with_the_model(tmp_path: Path) -> None:
    """Every COP7 cell read back agrees with the model."""
    assert_matches(export(cop7(), tmp_path), cop7())


def test_cop7_figures_keep_their_qualifiers(tmp_path: Path) -> None:
    """COP7's figures read back as measure, qualifier, value, source and quote."""
    figures = export(cop7(), tmp_path)["figures.csv"]
    rows = [(r["measure"], r["count_qualifier"], r["count_value"], r["quote"]) for r in figures]
    assert rows == [
        ("participants", "more_than", "90", "Plus de 90 participants"),
        (
            "participating_ngos",
            "more_than",
            "50",
            "représentant plus de 50 ONG et fédérations d'ONG du monde entier",
        ),
        (
            "side_event_organizing_ngos",
            "exact",
            "16",
            "Au total, 16 ONG ont organisé des manifestations parallèles.",
        ),
    ]
    assert {r["source"] for r in figures} == {"unodc-news-cop7-ngo-participation"}
    assert {r["session"] for r in figures} == {"ctoc-cop-7"}
    assert "corruption" in figures[2]["topics"].split("|")


def test_cop7_french_and_english_columns(tmp_path: Path) -> None:
    """Names and titles are in their name_fr / name_en and title_fr / title_en columns."""
    tables = export(cop7(), tmp_path)
    unodc = next(r for r in tables["organizations.csv"] if r["id"] == "unodc")
    assert unodc["name_en"] == "United Nations Office on Drugs and Crime"
    assert unodc["name_fr"] == "Office des Nations Unies contre la drogue et le crime"
    assert (unodc["acronym_en"], unodc["acronym_fr"], unodc["name_ar"]) == ("UNODC", "ONUDC", "")
    key_event = next(r for r in tables["meetings.csv"] if r["id"] == "cop7-key-event")
    assert key_event["title_fr"] == "Aborder les liens entre la corruption et le crime organisé"
    assert key_event["title_en"] == "Addressing the links between corruption and organized crime"
    assert tables["sources.csv"][0]["title_en"] == ""
    assert tables["sources.csv"][0]["title_fr"].startswith("Participation des ONG")


def test_cop7_every_organizer_is_listed(tmp_path: Path) -> None:
    """Every organizer and co-organizer of every meeting is an id of organizations.csv."""
    tables = export(cop7(), tmp_path)
    organization_ids = {r["id"] for r in tables["organizations.csv"]}
    by_id = {r["id"]: r for r in tables["meetings.csv"]}
    for meeting in cop7().conferences[0].sessions[0].meetings:
        listed = by_id[meeting.id]["organizers"].split("|") if meeting.organizers else []
        assert listed == list(meeting.organizers)
        assert set(listed) <= organization_ids
    assert by_id["cop7-ngo-briefing-1"]["organizers"] == (
        "alliance-of-ngos-on-crime-prevention-and-criminal-justice|unodc-civil-society-team"
    )
    assert by_id["cop7-ngo-briefing-1"]["type"] == "briefing"
    assert by_id["cop7-ngo-briefing-1"]["session"] == "ctoc-cop-7"


def test_cop7_participants_people_and_questions(tmp_path: Path) -> None:
    """Participants are people by id, or described and counted; questions keep both languages."""
    tables = export(cop7(), tmp_path)
    speakers = [r for r in tables["participants.csv"] if r["meeting"] == "cop7-key-event"]
    assert [
        (r["role"], r["description_fr"], r["count_qualifier"], r["count_value"]) for r in speakers
    ] == [("speaker", "représentants d'ONG", "exact", "4")]
    directors = [r for r in tables["participants.csv"] if r["person"]]
    assert [(r["person"], r["role"]) for r in directors] == [
        ("aldo-lale-demoz", "counterpart"),
        ("jean-luc-lemahieu", "counterpart"),
    ]
    assert {r["person"] for r in directors} <= {r["id"] for r in tables["people.csv"]}
    assert [r["person"] for r in tables["positions.csv"]] == [
        "aldo-lale-demoz",
        "aldo-lale-demoz",
        "jean-luc-lemahieu",
    ]
    assert [r["text_fr"] for r in tables["questions.csv"]][1] == "le trafic de migrants"
    assert {r["meeting"] for r in tables["questions.csv"]} == {"cop7-meeting-unodc-directors"}


def test_cop7_session_and_topics(tmp_path: Path) -> None:
    """The session has its number and ISO dates; used built-in topics come with broader ones."""
    tables = export(cop7(), tmp_path)
    [session] = tables["sessions.csv"]
    assert (session["id"], session["conference"], session["number"]) == (
        "ctoc-cop-7",
        "ctoc-cop",
        "7",
    )
    assert (session["start"], session["end"]) == ("2014-10-06", "2014-10-10")
    assert session["venue_city_en"] == session["venue_country"] == ""
    topics = {r["id"]: r for r in tables["topics.csv"]}
    assert topics["mafia-type-crime"]["broader"] == "organized-crime"
    assert topics["death-penalty"]["label_fr"] == "Peine de mort"
    assert {r["origin"] for r in topics.values()} == {"builtin"}
    assert "cybercrime" not in topics


# Synthetic data


def test_synthetic_dataset_agrees_with_the_model(tmp_path: Path) -> None:
    """synthetic_dataset(size=1): counts, ids, references and every cell agree with the model."""
    dataset = synthetic_dataset(size=1)
    tables = export(dataset, tmp_path)
    assert {name: len(rows) for name, rows in tables.items()} == record_counts(dataset)
    assert_matches(tables, dataset)
    organization_ids = {r["id"] for r in tables["organizations.csv"]}
    person_ids = {r["id"] for r in tables["people.csv"]}
    for row in tables["meetings.csv"]:
        assert refs(row["organizers"]), row["id"]
        assert set(refs(row["organizers"]) + refs(row["co_organizers"])) <= organization_ids
    assert {r["person"] for r in tables["participants.csv"]} - {""} <= person_ids
    assert {r["organization"] for r in tables["participation.csv"]} <= organization_ids
    timed = [r for r in tables["meetings.csv"] if r["start"]]
    assert timed
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00[+-]\d\d:\d\d", r["start"]) for r in timed
    )
    assert any(r["name_zh"] for r in tables["organizations.csv"])
    assert any(r["name_fr"] for r in tables["organizations.csv"])


# Languages


def test_other_languages_get_sorted_columns_after_the_asked_ones(tmp_path: Path) -> None:
    """Tags beyond *languages* get columns too, sorted, per field; nothing is lost."""
    dataset = Dataset(
        organizations=(
            Organization(
                id="ngo",
                name={"en": "Voices", "zh-Hant-TW": "聲音", "de": "Stimmen"},
                acronym={"es-419": "V"},
                kind="ngo",
            ),
        )
    )
    to_csv(dataset, tmp_path / "un")
    header = headers_of(tmp_path / "un")["organizations.csv"]
    assert header[:12] == [
        "id",
        *(f"name_{tag}" for tag in UN),
        "name_de",
        "name_zh-Hant-TW",
        "kind",
        "acronym_ar",
        "acronym_zh",
    ]
    assert header[15:18] == ["acronym_es", "acronym_es-419", "parent"]
    to_csv(dataset, tmp_path / "fr", languages=("fr", "en"))
    [row] = read_folder(tmp_path / "fr")["organizations.csv"]
    assert list(row)[:7] == [
        "id",
        "name_fr",
        "name_en",
        "name_de",
        "name_zh-Hant-TW",
        "kind",
        "acronym_fr",
    ]
    assert (row["name_fr"], row["name_en"], row["name_zh-Hant-TW"]) == ("", "Voices", "聲音")
    assert text_of(row, "name") == {"en": "Voices", "zh-Hant-TW": "聲音", "de": "Stimmen"}


def test_no_languages_asked_gives_only_those_present(tmp_path: Path) -> None:
    """With languages=(), a field has exactly the columns of the tags in the data."""
    to_csv(cop7(), tmp_path, languages=())
    header = headers_of(tmp_path)["organizations.csv"]
    assert header == [
        "id",
        "name_en",
        "name_fr",
        "kind",
        "acronym_en",
        "acronym_fr",
        "parent",
        "country",
        "ecosoc_status",
        "website",
        "sources",
    ]


@pytest.mark.parametrize(
    ("languages", "error"),
    [
        ("en", TypeError),
        (["EN"], ValueError),
        (["english"], ValueError),
        (["en", "en"], ValueError),
    ],
)
def test_bad_languages_are_refused(tmp_path: Path, languages: object, error: type) -> None:
    """A string, a tag in the wrong case, a non-tag or a repeated tag is refused."""
    with pytest.raises(error):
        to_csv(cop7(), tmp_path, languages=languages)  # type: ignore[arg-type]
    assert not any(tmp_path.iterdir())


def test_not_a_dataset_is_refused(tmp_path: Path) -> None:
    """to_csv takes a Dataset, not its JSON text."""
    with pytest.raises(TypeError, match="expected a Dataset"):
        to_csv(ctocmodel_json(), tmp_path)  # type: ignore[arg-type]


def ctocmodel_json() -> str:
    from ctocmodel.examples import cop7_json

    return cop7_json()


# Formula injection


@pytest.mark.parametrize("text", TRIGGERS)
def test_formula_triggers_get_an_apostrophe(tmp_path: Path, text: str) -> None:
    """Text starting with =, +, -, @, tab or CR is written with a leading apostrophe, everywhere."""
    tables = export(dataset_with_text(text), tmp_path)
    written = cells_of(tables, TEXT_CELLS)
    assert len(written) == len(TEXT_CELLS)
    assert set(written) == {"'" + text}
    [description] = [r["description_fr"] for r in tables["participants.csv"] if r["description_fr"]]
    assert description == "'" + text
    assert_matches(tables, dataset_with_text(text))


def test_numbers_and_ids_are_not_touched(tmp_path: Path) -> None:
    """Counts, session numbers, ids and dates are written as they are, with no apostrophe."""
    tables = export(dataset_with_text("=1+1"), tmp_path)
    assert tables["figures.csv"][0]["count_value"] == "90"
    assert tables["sessions.csv"][0]["number"] == "1"
    assert tables["sessions.csv"][0]["start"] == "2014-10-06"
    assert tables["meetings.csv"][0]["id"] == "dialogue"
    assert tables["figures.csv"][0]["quote"] == "'=1+1"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("'=SUM(A1)", "''=SUM(A1)"),
        ("''-1", "'''-1"),
        ("'Ndrangheta", "'Ndrangheta"),
        ("Plus de 90 participants", "Plus de 90 participants"),
        ("a=b", "a=b"),
        ("Jean-Luc", "Jean-Luc"),
    ],
)
def test_apostrophes_before_a_trigger_stay_reversible(
    tmp_path: Path, text: str, written: str
) -> None:
    """Apostrophes then a trigger get one more apostrophe; other text is left alone."""
    tables = export(dataset_with_text(text), tmp_path)
    assert set(cells_of(tables, TEXT_CELLS)) == {written}
    assert restore(written) == text


def test_newlines_quotes_and_commas_round_trip(tmp_path: Path) -> None:
    """Text with commas, double quotes and every kind of line break reads back exactly."""
    text = 'Line one, "quoted", end\nline two\r\nline three\rlast; \ttab'
    dataset = dataset_with_text(text)
    for options in ({}, {"excel": True}):
        folder = tmp_path / str(len(options))
        tables = export(dataset, folder, **options)
        assert set(cells_of(tables, TEXT_CELLS)) == {text}
        assert_matches(tables, dataset)


# Files: zip, Excel, replacement


def test_zip_holds_the_same_tables_as_the_folder(tmp_path: Path) -> None:
    """The archive's members are the tables, byte for byte the same as in a folder."""
    dataset = synthetic_dataset(size=1)
    assert to_csv(dataset, tmp_path / "tables.zip") == TABLES
    to_csv(dataset, tmp_path / "folder")
    with zipfile.ZipFile(tmp_path / "tables.zip") as archive:
        assert archive.namelist() == [*TABLES, "datapackage.json"]
        for name in [*TABLES, "datapackage.json"]:
            assert archive.read(name) == (tmp_path / "folder" / name).read_bytes(), name
        assert archive.testzip() is None


def test_zip_is_byte_identical_across_exports(tmp_path: Path) -> None:
    """Two exports of the same dataset give the same archive bytes, with fixed timestamps."""
    first, second = tmp_path / "a.zip", tmp_path / "b.ZIP"
    to_csv(cop7(), first)
    to_csv(cop7(), second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    to_csv(synthetic_dataset(size=1), second)
    assert first.read_bytes() != second.read_bytes()
    assert zipfile.is_zipfile(second)


def test_excel_adds_a_byte_order_mark_and_reads_back_the_same(tmp_path: Path) -> None:
    """excel=True starts each table with the UTF-8 BOM; decoded, the content is the same."""
    to_csv(cop7(), tmp_path / "plain")
    to_csv(cop7(), tmp_path / "excel", excel=True)
    for name in TABLES:
        plain = (tmp_path / "plain" / name).read_bytes()
        excel = (tmp_path / "excel" / name).read_bytes()
        assert not plain.startswith(codecs.BOM_UTF8)
        assert excel.startswith(codecs.BOM_UTF8)
        assert excel.decode("utf-8-sig") == plain.decode("utf-8")
        assert excel.split(b"\r\n")[0] == codecs.BOM_UTF8 + plain.split(b"\r\n")[0]
        assert plain.endswith(b"\r\n")
        assert b"\n" not in plain.replace(b"\r\n", b"")  # COP7 texts hold no line breaks
    assert "Séance d'information" in (tmp_path / "excel" / "meetings.csv").read_text("utf-8-sig")


def test_writing_into_an_existing_folder_replaces_the_tables(tmp_path: Path) -> None:
    """A second export replaces every table, leaves other files alone and no temporary files."""
    (tmp_path / "notes.txt").write_text("mine")
    export(synthetic_dataset(size=1), tmp_path)
    tables = export(cop7(), tmp_path)
    assert {name: len(rows) for name, rows in tables.items()} == record_counts(cop7())
    assert_matches(tables, cop7())
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*TABLES, "datapackage.json", "notes.txt"]
    )


def test_missing_folders_are_created(tmp_path: Path) -> None:
    """A target folder that does not exist is created, with its parents."""
    target = tmp_path / "a" / "b"
    export(cop7(), target)
    assert (target / "sessions.csv").is_file()


# Any valid dataset


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_every_dataset_exports_tables_that_agree_with_it(dataset: Dataset) -> None:
    """Any valid dataset: every table parses, row counts match, cells read back as the model."""
    with tempfile.TemporaryDirectory() as folder:
        tables = export(dataset, Path(folder))
    assert {name: len(rows) for name, rows in tables.items()} == record_counts(dataset)
    assert_matches(tables, dataset)

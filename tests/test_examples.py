"""The bundled CTOC/COP7 record states every fact of its seed text, and nothing beyond it.

The seed is a UNODC news item in French. Its sentences that the record quotes or
translates are embedded below, so that the checks run on a clean clone too; when the
seed file itself is present (in ../shared/seed), they are also checked against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

import ctocmodel
from ctocmodel import (
    Briefing,
    Count,
    Dataset,
    Dialogue,
    Meeting,
    Participant,
    ReportedFigure,
    Session,
    SideEvent,
    SpecialEvent,
)
from ctocmodel.examples import cop7, cop7_json

SEED_FILE = Path(__file__).resolve().parents[2] / "shared/seed/cop7-ngo-participation.fr.txt"
SOURCE_ID = "unodc-news-cop7-ngo-participation"

SEED_TITLE = (
    "Participation des ONG à la 7 ème session de la Conférence des Parties à la Convention des "
    "Nations Unies contre la criminalité transnationale organisée"
)
# The three sentences of the seed that the reported figures quote ("\xa0": a no-break space).
SENTENCE_PARTICIPANTS = (
    "Plus de 90 participants, représentant plus de 50 ONG et fédérations d'ONG du monde entier "
    "ont participé à la septième session de la Conférence des Parties à la Convention des "
    "Nations Unies contre la criminalité transnationale organisée (CTOC/ COP7), qui s'est "
    "déroulée du\xa0 6 au 10 octobre 2014."
)
SENTENCE_SIDE_EVENT_THEMES = (
    "En outre, la session a été l'occasion pour la société civile d'organiser des événements "
    "parallèles et de partager leurs expertises ainsi que leurs meilleures pratiques sur les "
    "questions liées à la criminalité organisée, les armes légères, le trafic illicite de "
    "migrants, la traite des personnes - services pour les victimes et la traite des hommes à "
    "des fins sexuelles inclus -, les mutilations génitales féminines, la coopération "
    "internationale en matière d'aide juridique et la corruption."
)
SENTENCE_SIDE_EVENTS = "Au total, 16 ONG ont organisé des manifestations parallèles."
FIGURE_SENTENCES = {
    "participants": SENTENCE_PARTICIPANTS,
    "participating_ngos": SENTENCE_PARTICIPANTS,
    "side_event_organizing_ngos": SENTENCE_SIDE_EVENTS,
}
# The other sentences of the seed whose words the record keeps.
SENTENCE_BRIEFINGS = (
    "L'Alliance des ONG pour la prévention du crime et la justice pénale et l'équipe de la "
    "société civile de l'ONUDC ont co-organisé deux séances d'information sur la CTOC/ COP7 "
    "pour les ONG."
)
SENTENCE_BRIEFINGS_OUTCOME = (
    "Ces réunions ont permis aux représentants des ONG de mieux comprendre le travail de CTOC/ "
    "COP et d'étendre leurs réseaux."
)
CAPTION_DIALOGUE = "NGOs attending the informal dialogue with the UNODC Executive Director"
SENTENCE_KEY_EVENT = (
    "L'équipe de la société civile de l'ONUDC a également organisé un événement clef:\xa0 \" "
    'Aborder les liens entre la corruption et le crime organisé", avec quatre orateurs, '
    "représentants d'ONG, qui ont présenté leurs travaux de recherche sur le lien entre la "
    'corruption et les crimes de type "mafieux", les armes légères, la traite des personnes et '
    "la criminalité environnementale."
)
SENTENCE_DIRECTORS = (
    "Enfin, les ONG se sont réunis avec Aldo Lale-Demoz, Directeur adjoint de l'ONUDC et "
    "Directeur de la Division des opérations et Jean-Luc Lemahieu, Directeur de la Division de "
    "l'analyse des politiques et des affaires publiques."
)
SENTENCE_QUESTIONS = (
    "La discussion a porté sur un certain nombre de questions de fond, dont: les mandats de "
    "l'ONUDC et les indicateurs de développement pour le programme post-2015, le trafic de "
    "migrants, et l'abolition de la peine de mort."
)
SENTENCE_DIRECTORS_OUTCOME = (
    "Les Directeurs ont enfin souligné le rôle important joué par les ONG sur le terrain dans la "
    "mise en œuvre des mandats de l'UNODC."
)
SEED_SENTENCES = (
    SEED_TITLE,
    SENTENCE_PARTICIPANTS,
    SENTENCE_SIDE_EVENT_THEMES,
    SENTENCE_SIDE_EVENTS,
    SENTENCE_BRIEFINGS,
    SENTENCE_BRIEFINGS_OUTCOME,
    CAPTION_DIALOGUE,
    SENTENCE_KEY_EVENT,
    SENTENCE_DIRECTORS,
    SENTENCE_QUESTIONS,
    SENTENCE_DIRECTORS_OUTCOME,
)

ALLIANCE = "alliance-of-ngos-on-crime-prevention-and-criminal-justice"
CIVIL_SOCIETY_TEAM = "unodc-civil-society-team"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The bundled COP7 record."""
    return cop7()


@pytest.fixture(scope="module")
def session(dataset: Dataset) -> Session:
    """The only session of the record: the seventh of the CTOC/COP."""
    [conference] = dataset.conferences
    [only] = conference.sessions
    return only


def meetings_of(session: Session, kind: type[Meeting]) -> list[Any]:
    """The session's meetings of one class, in record order."""
    return [meeting for meeting in session.meetings if isinstance(meeting, kind)]


def records(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every attrs instance inside *value* (itself included), with its JSON Pointer."""
    if attrs.has(type(value)):
        yield path, value
        for field in attrs.fields(type(value)):
            yield from records(getattr(value, field.name), f"{path}/{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from records(item, f"{path}/{index}")


def texts(value: object, path: str = "") -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every multilingual text inside *value*, with its JSON Pointer."""
    if isinstance(value, Mapping):
        yield path, value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from texts(getattr(value, field.name), f"{path}/{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}/{index}")


def squeeze(text: str) -> str:
    """Collapse runs of spaces (no-break ones included) into one space."""
    return " ".join(text.split())


# The record as a document


def test_record_loads_as_a_dataset(dataset: Dataset) -> None:
    """cop7() returns a Dataset, the same object each call (it is cached)."""
    assert isinstance(dataset, Dataset)
    assert cop7() is dataset


def test_record_file_is_canonical_indented_json(dataset: Dataset) -> None:
    """The shipped file is byte for byte dumps(record, indent=2) plus a final newline."""
    assert ctocmodel.dumps(dataset, indent=2) + "\n" == cop7_json()


def test_record_round_trips(dataset: Dataset) -> None:
    """loads(dumps(record)) gives back an equal record."""
    assert ctocmodel.loads(ctocmodel.dumps(dataset)) == dataset


# The facts of the seed


def test_only_source_is_the_french_seed(dataset: Dataset) -> None:
    """There is exactly one source: the French news item, titled as the seed, by UNODC."""
    [source] = dataset.sources
    assert source.id == SOURCE_ID
    assert source.language == "fr"
    assert dict(source.title) == {"fr": SEED_TITLE}
    assert source.publisher == "unodc"


def test_conference_is_the_ctoc_cop(dataset: Dataset) -> None:
    """The only conference is the CTOC/COP, named in French after the seed."""
    [conference] = dataset.conferences
    assert conference.id == "ctoc-cop"
    assert conference.acronym is not None
    assert conference.acronym["fr"] == "CTOC/COP"
    assert conference.name["fr"] == (
        "Conférence des Parties à la Convention des Nations Unies contre la criminalité "
        "transnationale organisée"
    )
    assert conference.name["fr"] in SENTENCE_PARTICIPANTS


def test_session_is_the_seventh_from_6_to_10_october_2014(session: Session) -> None:
    """The session is number 7 and runs from 6 to 10 October 2014."""
    assert session.number == 7
    assert (session.start, session.end) == (dt.date(2014, 10, 6), dt.date(2014, 10, 10))
    assert "du\xa0 6 au 10 octobre 2014" in SENTENCE_PARTICIPANTS


def test_figures_with_their_qualifiers(session: Session) -> None:
    """Three figures: more than 90 participants, more than 50 NGOs, exactly 16 NGOs' events."""
    assert [(figure.measure, figure.count) for figure in session.figures] == [
        ("participants", Count(qualifier="more_than", value=90)),
        ("participating_ngos", Count(qualifier="more_than", value=50)),
        ("side_event_organizing_ngos", Count(qualifier="exact", value=16)),
    ]
    assert {figure.source for figure in session.figures} == {SOURCE_ID}


def test_side_event_figure_covers_every_theme(session: Session) -> None:
    """The 16 NGOs' side events are on exactly the themes the seed lists, in its order."""
    [figure] = [f for f in session.figures if f.measure == "side_event_organizing_ngos"]
    assert figure.topics == (
        "organized-crime",
        "small-arms",
        "migrant-smuggling",
        "trafficking-in-persons",
        "services-for-victims",
        "trafficking-in-men-for-sexual-purposes",
        "female-genital-mutilation",
        "international-cooperation-in-legal-assistance",
        "corruption",
    )
    theme_labels = [ctocmodel.BUILTIN_TOPICS[topic].label["fr"].lower() for topic in figure.topics]
    for label in theme_labels:
        assert label in SENTENCE_SIDE_EVENT_THEMES.lower(), label


def test_figures_have_no_other_topics(session: Session) -> None:
    """Only the side-event figure has topics; the participant counts have none."""
    assert [figure.topics for figure in session.figures[:2]] == [(), ()]


def test_figure_quotes_come_from_embedded_seed_sentences(session: Session) -> None:
    """Each figure's French quote occurs verbatim in the seed sentence it reports."""
    quotes = {figure.measure: figure.quote for figure in session.figures}
    assert quotes == {
        "participants": "Plus de 90 participants",
        "participating_ngos": "représentant plus de 50 ONG et fédérations d'ONG du monde entier",
        "side_event_organizing_ngos": SENTENCE_SIDE_EVENTS,
    }
    for measure, quote in quotes.items():
        assert quote is not None
        assert quote in FIGURE_SENTENCES[measure], measure


def test_figure_quotes_occur_in_seed_file(session: Session) -> None:
    """Each figure's French quote occurs verbatim in the seed file itself."""
    if not SEED_FILE.is_file():
        pytest.skip(f"the seed file {SEED_FILE} is not available (clean clone)")
    seed = SEED_FILE.read_text(encoding="utf-8")
    for figure in session.figures:
        assert figure.quote is not None
        assert figure.quote in seed, figure.measure


def test_embedded_sentences_are_the_seed_file_sentences() -> None:
    """The sentences embedded in this module occur verbatim in the seed file, title included."""
    if not SEED_FILE.is_file():
        pytest.skip(f"the seed file {SEED_FILE} is not available (clean clone)")
    seed = SEED_FILE.read_text(encoding="utf-8")
    assert seed.splitlines()[0] == SEED_TITLE + "."
    for sentence in SEED_SENTENCES:
        assert sentence in seed, sentence


def test_five_meetings_of_three_kinds(session: Session) -> None:
    """The session has two briefings, one special event and two dialogues, and no side event."""
    assert [meeting.type for meeting in session.meetings] == [
        "briefing",
        "briefing",
        "special_event",
        "dialogue",
        "dialogue",
    ]
    assert meetings_of(session, SideEvent) == []


def test_two_briefings_organized_by_alliance_and_civil_society_team(session: Session) -> None:
    """Each of the two briefings is organized jointly by the NGO Alliance and the Team."""
    briefings: list[Briefing] = meetings_of(session, Briefing)
    assert len(briefings) == 2
    assert len({briefing.id for briefing in briefings}) == 2
    for briefing in briefings:
        assert set(briefing.organizers) == {ALLIANCE, CIVIL_SOCIETY_TEAM}
        assert briefing.co_organizers == ()
        assert briefing.title["fr"] == "Séance d'information sur la CTOC/COP7 pour les ONG"
        assert briefing.outcome is not None
        assert squeeze(briefing.outcome["fr"]) == squeeze(SENTENCE_BRIEFINGS_OUTCOME)
        assert [p.role for p in briefing.participants] == ["attendee"]


def test_briefing_organizers_are_the_alliance_and_the_unodc_team(dataset: Dataset) -> None:
    """The Alliance is an NGO federation; the Civil Society Team a unit of UNODC."""
    organizations = {o.id: o for o in dataset.organizations}
    alliance = organizations[ALLIANCE]
    team = organizations[CIVIL_SOCIETY_TEAM]
    assert (alliance.kind, alliance.parent) == ("ngo_federation", None)
    assert (team.kind, team.parent) == ("un_entity_unit", "unodc")
    assert (
        alliance.name["fr"] == "Alliance des ONG pour la prévention du crime et la justice pénale"
    )
    assert alliance.name["fr"] in SENTENCE_BRIEFINGS
    assert team.name["fr"].lower() == "équipe de la société civile de l'onudc"
    assert "équipe de la société civile de l'ONUDC" in SENTENCE_BRIEFINGS


def test_organizations_are_exactly_those_the_seed_names(dataset: Dataset) -> None:
    """Five organizations: UNODC, three of its units and the NGO Alliance; nothing more."""
    assert {(o.id, o.kind, o.parent) for o in dataset.organizations} == {
        ("unodc", "un_entity", None),
        (CIVIL_SOCIETY_TEAM, "un_entity_unit", "unodc"),
        ("unodc-division-for-operations", "un_entity_unit", "unodc"),
        ("unodc-division-for-policy-analysis-and-public-affairs", "un_entity_unit", "unodc"),
        (ALLIANCE, "ngo_federation", None),
    }


def test_key_event_on_corruption_and_organized_crime(session: Session) -> None:
    """The key event, by the Civil Society Team, is titled as in the seed, with 4 NGO speakers."""
    [event] = meetings_of(session, SpecialEvent)
    assert event.organizers == (CIVIL_SOCIETY_TEAM,)
    assert event.co_organizers == ()
    assert event.title["fr"] == "Aborder les liens entre la corruption et le crime organisé"
    assert event.title["fr"] in SENTENCE_KEY_EVENT
    [speakers] = event.participants
    assert speakers.role == "speaker"
    assert speakers.person is None
    assert speakers.count == Count(qualifier="exact", value=4)
    assert speakers.description is not None
    assert speakers.description["fr"] == "représentants d'ONG"
    assert "quatre orateurs, représentants d'ONG" in SENTENCE_KEY_EVENT


def test_key_event_topics(session: Session) -> None:
    """The key event is about corruption, organized crime and the four themes the seed lists."""
    [event] = meetings_of(session, SpecialEvent)
    assert set(event.topics) == {
        "corruption",
        "organized-crime",
        "mafia-type-crime",
        "small-arms",
        "trafficking-in-persons",
        "environmental-crime",
    }
    assert len(event.topics) == 6
    assert event.summary is not None
    assert "criminalité environnementale" in event.summary["fr"]


def test_informal_dialogue_with_unnamed_executive_director(session: Session) -> None:
    """One dialogue has the UNODC Executive Director as its only, unnamed, counterpart."""
    [dialogue] = [d for d in meetings_of(session, Dialogue) if d.counterparts[0].person is None]
    [counterpart] = dialogue.counterparts
    assert counterpart == Participant(
        role="counterpart",
        organization="unodc",
        description={"en": "UNODC Executive Director", "fr": "Directeur exécutif de l'ONUDC"},
    )
    assert dialogue.questions == ()
    assert dialogue.outcome is None
    assert dialogue.title["en"] == "Informal dialogue with the UNODC Executive Director"
    assert "the UNODC Executive Director" in CAPTION_DIALOGUE


def test_dialogue_with_the_two_directors(session: Session) -> None:
    """The other dialogue's counterparts are Aldo Lale-Demoz and Jean-Luc Lemahieu, by id."""
    [dialogue] = [d for d in meetings_of(session, Dialogue) if d.counterparts[0].person is not None]
    assert [(p.person, p.organization) for p in dialogue.counterparts] == [
        ("aldo-lale-demoz", "unodc"),
        ("jean-luc-lemahieu", "unodc-division-for-policy-analysis-and-public-affairs"),
    ]
    assert all(p.count is None and p.description is None for p in dialogue.counterparts)


def test_the_two_directors_and_their_positions(dataset: Dataset) -> None:
    """The only people are the two directors, with their French titles as in the seed."""
    people = {person.id: person for person in dataset.people}
    assert set(people) == {"aldo-lale-demoz", "jean-luc-lemahieu"}
    aldo, jean_luc = people["aldo-lale-demoz"], people["jean-luc-lemahieu"]
    assert (aldo.name, jean_luc.name) == ("Aldo Lale-Demoz", "Jean-Luc Lemahieu")
    assert [(p.organization, p.title["fr"]) for p in aldo.positions] == [
        ("unodc", "Directeur adjoint de l'ONUDC"),
        ("unodc-division-for-operations", "Directeur de la Division des opérations"),
    ]
    assert [(p.organization, p.title["fr"]) for p in jean_luc.positions] == [
        (
            "unodc-division-for-policy-analysis-and-public-affairs",
            "Directeur de la Division de l'analyse des politiques et des affaires publiques",
        )
    ]
    for person in (aldo, jean_luc):
        assert person.name in SENTENCE_DIRECTORS
        for position in person.positions:
            assert position.title["fr"] in SENTENCE_DIRECTORS


def test_directors_dialogue_questions(session: Session) -> None:
    """Exactly three questions: mandates and post-2015 indicators, migrants, death penalty."""
    [dialogue] = [d for d in meetings_of(session, Dialogue) if d.counterparts[0].person is not None]
    assert [question["fr"] for question in dialogue.questions] == [
        "les mandats de l'ONUDC et les indicateurs de développement pour le programme post-2015",
        "le trafic de migrants",
        "l'abolition de la peine de mort",
    ]
    for question in dialogue.questions:
        assert question["fr"] in SENTENCE_QUESTIONS
    assert set(dialogue.topics) == {
        "unodc-mandates",
        "post-2015-development-indicators",
        "migrant-smuggling",
        "death-penalty",
    }


def test_directors_dialogue_outcome(session: Session) -> None:
    """The outcome states that the directors underlined the role of NGOs, as the seed says."""
    [dialogue] = [d for d in meetings_of(session, Dialogue) if d.counterparts[0].person is not None]
    assert dialogue.outcome is not None
    assert dialogue.outcome["fr"] == SENTENCE_DIRECTORS_OUTCOME
    assert "Directors underlined the important role played by NGOs" in dialogue.outcome["en"]


# Nothing beyond the seed


def test_no_venue_secretariat_or_participation_list(dataset: Dataset, session: Session) -> None:
    """The seed names no venue, no secretariat and no list of participating organizations."""
    assert session.venue is None
    assert dataset.conferences[0].secretariat is None
    assert session.participation == ()


def test_no_meeting_dates_or_times(session: Session) -> None:
    """No meeting has a date, a start or an end: the seed gives none."""
    assert [(m.date, m.start, m.end) for m in session.meetings] == [(None, None, None)] * 5


def test_no_position_dates(dataset: Dataset) -> None:
    """No position has a start or end date."""
    positions = [position for person in dataset.people for position in person.positions]
    assert len(positions) == 3
    assert {(position.start, position.end) for position in positions} == {(None, None)}


def test_no_urls_websites_identifiers_statuses_or_countries(dataset: Dataset) -> None:
    """No URL, website, external identifier, ECOSOC status, country or source date."""
    [source] = dataset.sources
    assert (source.url, source.date) == (None, None)
    assert [
        (o.website, o.identifiers, o.ecosoc_status, o.country) for o in dataset.organizations
    ] == [(None, (), None, None)] * 5
    assert "http" not in cop7_json()


def test_no_dataset_specific_topics(dataset: Dataset) -> None:
    """Every topic used is built in; the record declares none of its own."""
    assert dataset.topics == ()


def test_every_text_has_french(dataset: Dataset) -> None:
    """Every multilingual text has a French version, and only French and English are used."""
    found = list(texts(dataset))
    # 1 source title, 2 conference, 22 in the meetings, 6 organization names and acronyms,
    # 3 position titles: the walk must see them all for the check below to mean anything.
    assert len(found) == 31
    assert [path for path, text in found if "fr" not in text] == []
    assert {tag for _, text in found for tag in text} == {"en", "fr"}


def test_every_record_cites_the_seed(dataset: Dataset) -> None:
    """Every record with sources cites exactly the seed; every figure reports from it."""
    cited = [
        (path, record)
        for path, record in records(dataset)
        if hasattr(record, "sources") and not isinstance(record, Dataset)
    ]
    kinds = {type(record).__name__ for _, record in cited}
    assert {"Conference", "Session", "Organization", "Person", "Briefing", "Dialogue"} <= kinds
    assert [path for path, record in cited if record.sources != (SOURCE_ID,)] == []  # type: ignore[attr-defined]
    assert len(cited) == 1 + 1 + 5 + 5 + 2  # conference, session, meetings, orgs, people
    figures = [record for _, record in records(dataset) if isinstance(record, ReportedFigure)]
    assert [figure.source for figure in figures] == [SOURCE_ID] * 3


def test_participants_are_only_attendees_speakers_and_counterparts(session: Session) -> None:
    """No moderator is recorded, and only dialogues have counterparts."""
    for meeting in session.meetings:
        roles = {participant.role for participant in meeting.participants}
        assert "moderator" not in roles
        assert ("counterpart" in roles) is isinstance(meeting, Dialogue)


def test_organizations_cited_are_all_recorded(dataset: Dataset, session: Session) -> None:
    """Every organization a meeting or person mentions is one of the five recorded."""
    known = {organization.id for organization in dataset.organizations}
    mentioned = {o for m in session.meetings for o in (*m.organizers, *m.co_organizers)}
    mentioned |= {p.organization for m in session.meetings for p in m.participants}
    mentioned |= {pos.organization for person in dataset.people for pos in person.positions}
    mentioned.discard(None)
    assert mentioned <= known
    assert len(mentioned) == 5

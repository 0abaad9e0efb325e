"""The readable summary: counts with qualifiers, date ranges, whole datasets, in en, fr, es."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from typing import Any

import attrs
import pytest

from ctocmodel import (
    Briefing,
    Conference,
    Count,
    Dataset,
    Organization,
    Participant,
    Participation,
    ReportedFigure,
    Session,
    SideEvent,
    Source,
    Venue,
    summarize,
)
from ctocmodel._summary import (
    _MONTHS,
    PHRASEBOOKS,
    SUMMARY_LANGUAGES,
    word_count,
    word_dates,
)
from ctocmodel.errors import MissingDependencyError
from ctocmodel.examples import cop7
from ctocmodel.testing import synthetic_dataset

# word_count


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 16, "16 NGOs"),
        ("exact", 1, "1 NGO"),
        ("exact", 0, "0 NGOs"),
        ("at_least", 3, "at least 3 NGOs"),
        ("at_least", 1, "at least 1 NGO"),
        ("more_than", 50, "more than 50 NGOs"),
        ("more_than", 1, "more than 1 NGO"),
        ("about", 20, "about 20 NGOs"),
        ("about", 1, "about 1 NGO"),
        ("at_most", 5, "at most 5 NGOs"),
        ("at_most", 1, "at most 1 NGO"),
        ("fewer_than", 10, "fewer than 10 NGOs"),
        ("fewer_than", 1, "fewer than 1 NGO"),
    ],
)
def test_word_count_words_each_qualifier(qualifier: str, value: int, expected: str) -> None:
    """word_count puts the qualifier's words before the number and agrees the noun with it."""
    assert word_count(Count(qualifier=qualifier, value=value), "NGO", "NGOs") == expected  # type: ignore[arg-type]


def test_word_count_uses_given_plural_form() -> None:
    """word_count uses the plural it is given, not an added "s"."""
    count = Count(qualifier="more_than", value=2)
    assert word_count(count, "person", "people") == "more than 2 people"


# word_dates


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2014, 10, 6), dt.date(2014, 10, 10), "6 to 10 October 2014"),
        (dt.date(2014, 9, 30), dt.date(2014, 10, 2), "30 September to 2 October 2014"),
        (dt.date(2014, 12, 30), dt.date(2015, 1, 2), "30 December 2014 to 2 January 2015"),
        (dt.date(2014, 10, 7), dt.date(2014, 10, 7), "7 October 2014"),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 31), "1 to 31 January 2020"),
        (dt.date(2020, 1, 31), dt.date(2020, 2, 1), "31 January to 1 February 2020"),
    ],
    ids=["same-month", "across-months", "across-years", "one-day", "january", "february"],
)
def test_word_dates(start: dt.date, end: dt.date, expected: str) -> None:
    """word_dates names the month and year once when they are shared, never repeats a day."""
    assert word_dates(start, end) == expected


# summarize: small datasets


def test_summarize_empty_dataset() -> None:
    """A dataset without conferences says so and counts its (zero) records."""
    assert summarize(Dataset()) == (
        "No conference is recorded in this dataset.\n"
        "\n"
        "Records: 0 organizations, 0 people, 0 sources.\n"
    )


def test_summarize_dataset_without_conferences_lists_sources() -> None:
    """Without conferences the summary still counts records and lists each source."""
    dataset = Dataset(
        sources=(Source(id="news", title={"fr": "Nouvelles", "en": "News"}, language="fr"),),
        organizations=(
            Organization(id="unodc", name={"en": "UNODC"}, kind="un_entity", sources=("news",)),
        ),
    )
    assert summarize(dataset) == (
        "No conference is recorded in this dataset.\n"
        "\n"
        "Records: 1 organization, 0 people, 1 source.\n"
        "Source news: News (fr)\n"
    )
    assert summarize(dataset, languages=("fr",)).endswith("Source news: Nouvelles (fr)\n")


def _small_dataset(*figures: ReportedFigure) -> Dataset:
    """A valid one-session dataset with a venue, a secretariat, a side event and a briefing."""
    source = Source(id="news", title={"en": "News"}, language="en")
    unodc = Organization(
        id="unodc", name={"en": "UNODC", "fr": "ONUDC"}, kind="un_entity", sources=("news",)
    )
    ngo = Organization(id="ngo-a", name={"en": "NGO A"}, kind="ngo", sources=("news",))
    plus_two = dt.timezone(dt.timedelta(hours=2))
    session = Session(
        id="s-1",
        number=1,
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 10),
        venue=Venue(
            name={"en": "Vienna International Centre"},
            city={"en": "Vienna", "fr": "Vienne"},
            country="AT",
            time_zone="Europe/Vienna",
        ),
        participation=(Participation(organization="ngo-a"),),
        figures=figures,
        meetings=(
            SideEvent(
                id="se-1",
                title={"en": "Cybercrime and NGOs"},
                start=dt.datetime(2014, 10, 7, 13, 15, tzinfo=plus_two),
                end=dt.datetime(2014, 10, 7, 14, 45, tzinfo=plus_two),
                organizers=("ngo-a",),
                co_organizers=("unodc",),
                topics=("cybercrime",),
                participants=(
                    Participant(role="moderator", description={"en": "a journalist"}),
                    Participant(
                        role="speaker", description={"en": "an official"}, organization="unodc"
                    ),
                ),
            ),
            Briefing(id="b-1", title={"en": "Briefing"}, date=dt.date(2014, 10, 8)),
        ),
        sources=("news",),
    )
    conference = Conference(
        id="conf", name={"en": "Conference"}, secretariat="unodc", sessions=(session,)
    )
    return Dataset(sources=(source,), organizations=(unodc, ngo), conferences=(conference,))


def test_summarize_small_dataset_exactly() -> None:
    """Venue, figures, participation, meetings with their times and topics are all described."""
    figures = (
        ReportedFigure(
            measure="side_events", count=Count(qualifier="about", value=3), source="news"
        ),
        ReportedFigure(
            measure="participating_ngos", count=Count(qualifier="at_least", value=1), source="news"
        ),
    )
    assert summarize(_small_dataset(*figures)) == (
        "Conference\n"
        "Secretariat: UNODC\n"
        "\n"
        "Session 1: 6 to 10 October 2014\n"
        "  Venue: Vienna International Centre, Vienna, Austria\n"
        "  About 3 side events were held.\n"
        "  At least 1 NGO took part.\n"
        "  Organizations listed as taking part: 1\n"
        "  Meetings (2):\n"
        "    Briefings (1):\n"
        "      - Briefing (8 October 2014)\n"
        "    Side events (1):\n"
        "      - Cybercrime and NGOs (7 October 2014, 13:15\u201314:45, Vienna time)\n"
        "        Organized by NGO A\n"
        "        Co-organized by UNODC\n"
        "        Speakers: an official (UNODC)\n"
        "        Moderators: a journalist\n"
        "  Topics: Cybercrime\n"
        "\n"
        "Records: 2 organizations, 0 people, 1 source.\n"
        "Source news: News (en)\n"
    )


def test_summarize_small_dataset_in_french() -> None:
    """languages=("fr",) takes French names, places and topic labels where they exist."""
    text = summarize(_small_dataset(), languages=("fr",))
    assert "Secretariat: ONUDC\n" in text
    assert "  Venue: Vienna International Centre, Vienne, Austria\n" in text
    assert "        Co-organized by ONUDC\n" in text
    assert "  Topics: Cybercriminalité\n" in text


def test_meeting_times_in_words_in_french_and_spanish() -> None:
    """The time of a meeting is worded in the summary's language, with the venue's city."""
    french = summarize(_small_dataset(), language="fr")
    assert (
        "NGOs (7 octobre 2014, 13\u00a0h\u00a015\u201314\u00a0h\u00a045, heure de Vienne)" in french
    )
    assert "  Lieu\u00a0: Vienna International Centre, Vienne, Autriche\n" in french
    assert "      - Briefing (8 octobre 2014)\n" in french
    spanish = summarize(_small_dataset(), language="es")
    assert "(7 de octubre de 2014, 13:15\u201314:45, hora de Viena)\n" in spanish


def test_meeting_times_without_a_time_zone_give_the_offset() -> None:
    """Without the venue's time zone the time keeps its UTC offset; no end, no dash."""
    dataset = _small_dataset()
    session = dataset.conferences[0].sessions[0]
    side_event = attrs.evolve(session.meetings[0], end=None)
    venue = attrs.evolve(session.venue, time_zone=None)
    session = attrs.evolve(session, venue=venue, meetings=(side_event, *session.meetings[1:]))
    conference = attrs.evolve(dataset.conferences[0], sessions=(session,))
    text = summarize(attrs.evolve(dataset, conferences=(conference,)))
    assert "      - Cybercrime and NGOs (7 October 2014, 13:15, UTC+02:00)\n" in text


def test_a_meeting_over_two_days_says_both() -> None:
    """A meeting ending the next day gives both dates."""
    dataset = _small_dataset()
    session = dataset.conferences[0].sessions[0]
    late = dt.datetime(2014, 10, 8, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    side_event = attrs.evolve(session.meetings[0], end=late)
    session = attrs.evolve(session, meetings=(side_event, *session.meetings[1:]))
    conference = attrs.evolve(dataset.conferences[0], sessions=(session,))
    text = summarize(attrs.evolve(dataset, conferences=(conference,)))
    assert "(7 October 2014, 13:15 \u2013 8 October 2014, 1:00, Vienna time)\n" in text


def test_english_without_babel_keeps_codes_and_zone_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Babel an English summary gives the country code and the city of the zone name."""
    monkeypatch.setitem(sys.modules, "babel", None)
    text = summarize(_small_dataset())
    assert "  Venue: Vienna International Centre, Vienna, AT\n" in text
    assert "(7 October 2014, 13:15\u201314:45, Vienna time)\n" in text


def test_summarize_singular_figure_agrees_verb() -> None:
    """A figure of exactly one briefing reads "1 briefing was held."."""
    figure = ReportedFigure(
        measure="briefings", count=Count(qualifier="exact", value=1), source="news"
    )
    assert "  1 briefing was held.\n" in summarize(_small_dataset(figure))


# summarize: the COP7 record

COP7_BRIEFING = (
    "      - Briefing on CTOC/COP7 for NGOs\n"
    "        Organized by Alliance of NGOs on Crime Prevention and Criminal Justice "
    "and UNODC Civil Society Team\n"
    "        Attendees: NGO representatives\n"
    "        Outcome: These meetings enabled NGO representatives to better understand the work "
    "of CTOC/COP and to extend their networks.\n"
)
COP7_KEY_EVENT = (
    "    Special events (1):\n"
    "      - Addressing the links between corruption and organized crime\n"
    "        Organized by UNODC Civil Society Team\n"
    "        Speakers: 4 NGO representatives\n"
)
COP7_DIRECTORS = (
    "      - Meeting of NGOs with Aldo Lale-Demoz and Jean-Luc Lemahieu\n"
    "        Counterparts: Aldo Lale-Demoz (Deputy Director of UNODC; Director of the Division "
    "for Operations) and Jean-Luc Lemahieu (Director of the Division for Policy Analysis and "
    "Public Affairs)\n"
    "        Attendees: NGOs\n"
    "        Questions discussed:\n"
    "          * UNODC mandates and development indicators for the post-2015 agenda\n"
    "          * the smuggling of migrants\n"
    "          * the abolition of the death penalty\n"
    "        Summary: The discussion covered a number of substantive issues.\n"
    "        Outcome: Finally, the Directors underlined the important role played by NGOs on "
    "the ground in implementing the mandates of UNODC.\n"
)


@pytest.fixture(scope="module")
def cop7_summary() -> str:
    """The English summary of the bundled COP7 record."""
    return summarize(cop7())


def test_cop7_summary_heading_and_figures(cop7_summary: str) -> None:
    """The COP7 summary opens with the conference, the session dates and the qualified figures."""
    assert cop7_summary.splitlines()[:5] == [
        "CTOC/COP: Conference of the Parties to the United Nations Convention against "
        "Transnational Organized Crime",
        "",
        "Session 7: 6 to 10 October 2014",
        "  More than 90 participants from more than 50 NGOs.",
        "  16 NGOs organized side events, on: Organized crime, Small arms, Smuggling of migrants, "
        "Trafficking in persons, Services for victims, Trafficking in men for sexual purposes, "
        "Female genital mutilation, International cooperation in legal assistance, Corruption.",
    ]


def test_cop7_summary_groups_meetings_by_type(cop7_summary: str) -> None:
    """Meetings are grouped under Briefings, Special events and Dialogues, in that order."""
    headings = [
        line[4:]
        for line in cop7_summary.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert headings == ["Briefings (2):", "Special events (1):", "Dialogues (2):"]
    assert "  Meetings (5):\n" in cop7_summary
    assert "Side events (" not in cop7_summary


def test_cop7_summary_briefings_name_both_organizers(cop7_summary: str) -> None:
    """Both briefings are listed with the NGO Alliance and the Civil Society Team as organizers."""
    assert "    Briefings (2):\n" + COP7_BRIEFING + COP7_BRIEFING in cop7_summary


def test_cop7_summary_key_event_has_four_ngo_speakers(cop7_summary: str) -> None:
    """The key event is organized by the Civil Society Team with 4 NGO representatives speaking."""
    assert COP7_KEY_EVENT in cop7_summary


def test_cop7_summary_dialogue_with_executive_director(cop7_summary: str) -> None:
    """The informal dialogue names the UNODC Executive Director as counterpart, NGOs attending."""
    assert (
        "      - Informal dialogue with the UNODC Executive Director\n"
        "        Counterparts: UNODC Executive Director\n"
        "        Attendees: NGOs\n"
    ) in cop7_summary


def test_cop7_summary_directors_questions_and_closing_statement(cop7_summary: str) -> None:
    """The directors' meeting lists both directors, the three questions and their statement."""
    assert COP7_DIRECTORS in cop7_summary


def test_cop7_summary_topics_and_records(cop7_summary: str) -> None:
    """The summary ends with the sorted topics, the record counts and the French source."""
    assert cop7_summary.endswith(
        "  Topics: Corruption, Death penalty, Development indicators for the post-2015 agenda, "
        "Environmental crime, Female genital mutilation, International cooperation in legal "
        "assistance, Mafia-type crime, Organized crime, Services for victims, Small arms, "
        "Smuggling of migrants, Trafficking in men for sexual purposes, Trafficking in persons, "
        "UNODC mandates\n"
        "\n"
        "Records: 5 organizations, 2 people, 1 source.\n"
        "Source unodc-news-cop7-ngo-participation: Participation des ONG à la 7 ème session de "
        "la Conférence des Parties à la Convention des Nations Unies contre la criminalité "
        "transnationale organisée (fr)\n"
    )


def test_cop7_summary_in_french_picks_french_texts() -> None:
    """languages=("fr",) gives the French titles, names, questions and statements."""
    text = summarize(cop7(), languages=("fr",))
    assert text.startswith(
        "CTOC/COP: Conférence des Parties à la Convention des Nations Unies contre la "
        "criminalité transnationale organisée\n"
    )
    assert "      - Séance d'information sur la CTOC/COP7 pour les ONG\n" in text
    assert "      - Aborder les liens entre la corruption et le crime organisé\n" in text
    assert "        Speakers: 4 représentants d'ONG\n" in text
    assert "      - Dialogue informel avec le Directeur exécutif de l'ONUDC\n" in text
    assert (
        "        Counterparts: Aldo Lale-Demoz (Directeur adjoint de l'ONUDC; Directeur de la "
        "Division des opérations) and Jean-Luc Lemahieu (Directeur de la Division de l'analyse "
        "des politiques et des affaires publiques)\n"
    ) in text
    assert "          * l'abolition de la peine de mort\n" in text
    assert (
        "        Outcome: Les Directeurs ont enfin souligné le rôle important joué par les ONG "
        "sur le terrain dans la mise en œuvre des mandats de l'UNODC.\n"
    ) in text
    assert "Briefing on CTOC/COP7" not in text


def test_preferred_language_is_used_where_texts_exist() -> None:
    """Spanish texts are picked where they exist (built-in topics), else English ones."""
    spanish_texts = summarize(cop7(), languages=("es",))
    assert "Delincuencia organizada" in spanish_texts
    assert "Corruption" in summarize(cop7())
    assert "Briefing on CTOC/COP7 for NGOs" in spanish_texts


def test_cop7_summary_is_deterministic(cop7_summary: str) -> None:
    """Summarizing the same record twice gives the same text, ending with one newline."""
    assert summarize(cop7()) == cop7_summary
    assert cop7_summary.endswith(")\n")
    assert not cop7_summary.endswith("\n\n")


# Summaries in French and Spanish (phrasebooks, CLDR month names and plurals via Babel)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2014, 10, 6), dt.date(2014, 10, 10), "du 6 au 10 octobre 2014"),
        (dt.date(2014, 9, 30), dt.date(2014, 10, 2), "du 30 septembre au 2 octobre 2014"),
        (dt.date(2014, 12, 30), dt.date(2015, 1, 2), "du 30 décembre 2014 au 2 janvier 2015"),
        (dt.date(2014, 10, 7), dt.date(2014, 10, 7), "7 octobre 2014"),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 31), "du 1er au 31 janvier 2020"),
        (dt.date(2020, 1, 31), dt.date(2020, 2, 1), "du 31 janvier au 1er février 2020"),
    ],
    ids=["same-month", "across-months", "across-years", "one-day", "first-day", "first-of-next"],
)
def test_word_dates_in_french(start: dt.date, end: dt.date, expected: str) -> None:
    """French dates read "du 6 au 10 octobre 2014", with "1er" for the first of a month."""
    assert word_dates(start, end, language="fr") == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2014, 10, 6), dt.date(2014, 10, 10), "del 6 al 10 de octubre de 2014"),
        (
            dt.date(2014, 9, 30),
            dt.date(2014, 10, 2),
            "del 30 de septiembre al 2 de octubre de 2014",
        ),
        (
            dt.date(2014, 12, 30),
            dt.date(2015, 1, 2),
            "del 30 de diciembre de 2014 al 2 de enero de 2015",
        ),
        (dt.date(2014, 10, 7), dt.date(2014, 10, 7), "7 de octubre de 2014"),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 31), "del 1 al 31 de enero de 2020"),
    ],
    ids=["same-month", "across-months", "across-years", "one-day", "first-day"],
)
def test_word_dates_in_spanish(start: dt.date, end: dt.date, expected: str) -> None:
    """Spanish dates read "del 6 al 10 de octubre de 2014"."""
    assert word_dates(start, end, language="es") == expected


@pytest.mark.parametrize(
    ("language", "qualifier", "value", "singular", "plural", "expected"),
    [
        ("fr", "more_than", 90, "participant", "participants", "plus de 90 participants"),
        ("fr", "at_least", 3, "ONG", "ONG", "au moins 3 ONG"),
        ("fr", "about", 20, "personne", "personnes", "environ 20 personnes"),
        ("fr", "at_most", 5, "source", "sources", "au plus 5 sources"),
        ("fr", "fewer_than", 10, "source", "sources", "moins de 10 sources"),
        ("fr", "exact", 0, "participant", "participants", "0 participant"),
        ("fr", "exact", 1, "participant", "participants", "1 participant"),
        ("es", "more_than", 90, "participante", "participantes", "más de 90 participantes"),
        ("es", "at_least", 3, "fuente", "fuentes", "al menos 3 fuentes"),
        ("es", "about", 20, "persona", "personas", "alrededor de 20 personas"),
        ("es", "at_most", 5, "fuente", "fuentes", "un máximo de 5 fuentes"),
        ("es", "fewer_than", 10, "fuente", "fuentes", "menos de 10 fuentes"),
        ("es", "exact", 0, "participante", "participantes", "0 participantes"),
        ("es", "exact", 1, "participante", "participantes", "1 participante"),
    ],
)
def test_word_count_in_french_and_spanish(
    language: str, qualifier: str, value: int, singular: str, plural: str, expected: str
) -> None:
    """Qualifiers are worded in the language; the noun follows its plural rule (fr: 0 is one)."""
    count = Count(qualifier=qualifier, value=value)  # type: ignore[arg-type]
    assert word_count(count, singular, plural, language=language) == expected


@pytest.fixture(scope="module")
def cop7_in_french() -> str:
    """The French summary of the bundled COP7 record."""
    return summarize(cop7(), language="fr")


@pytest.fixture(scope="module")
def cop7_in_spanish() -> str:
    """The Spanish summary of the bundled COP7 record."""
    return summarize(cop7(), language="es")


def test_cop7_in_french_heading_dates_and_figures(cop7_in_french: str) -> None:
    """The French summary opens with the French name, dates in words and the qualified figures."""
    assert cop7_in_french.splitlines()[:5] == [
        f"CTOC/COP{NBSP}: Conférence des Parties à la Convention des Nations Unies contre la "
        "criminalité transnationale organisée",
        "",
        f"Session 7{NBSP}: du 6 au 10 octobre 2014",
        "  Plus de 90 participants issus de plus de 50 ONG.",
        "  16 ONG ont organisé des manifestations parallèles sur les thèmes suivants"
        f"{NBSP}: Criminalité organisée, Armes légères, Trafic illicite de migrants, Traite des "
        "personnes, Services pour les victimes, Traite des hommes à des fins sexuelles, "
        "Mutilations génitales féminines, Coopération internationale en matière d'aide "
        "juridique, Corruption.",
    ]


def test_cop7_in_french_meetings(cop7_in_french: str) -> None:
    """Meeting headings, organizers, roles, questions and statements are all in French."""
    assert (
        f"  Réunions (5){NBSP}:\n"
        f"    Séances d'information (2){NBSP}:\n"
        "      - Séance d'information sur la CTOC/COP7 pour les ONG\n"
        f"        Organisateurs{NBSP}: Alliance des ONG pour la prévention du crime et la justice "
        "pénale et Équipe de la société civile de l'ONUDC\n"
        f"        Participants{NBSP}: représentants des ONG\n"
    ) in cop7_in_french
    assert (
        f"    Manifestations spéciales (1){NBSP}:\n"
        "      - Aborder les liens entre la corruption et le crime organisé\n"
        f"        Organisateur{NBSP}: Équipe de la société civile de l'ONUDC\n"
        f"        Intervenants{NBSP}: 4 représentants d'ONG\n"
    ) in cop7_in_french
    assert (
        f"        Interlocuteurs{NBSP}: Aldo Lale-Demoz (Directeur adjoint de l'ONUDC{NBSP}; "
        "Directeur de la Division des opérations) et Jean-Luc Lemahieu (Directeur de la "
        "Division de l'analyse des politiques et des affaires publiques)\n"
        f"        Participants{NBSP}: ONG\n"
        f"        Questions abordées{NBSP}:\n"
        "          * les mandats de l'ONUDC et les indicateurs de développement pour le "
        "programme post-2015\n"
        "          * le trafic de migrants\n"
        "          * l'abolition de la peine de mort\n"
        f"        Résumé{NBSP}: La discussion a porté sur un certain nombre de questions de fond.\n"
    ) in cop7_in_french


def test_cop7_in_french_topics_and_records(cop7_in_french: str) -> None:
    """French topics are sorted without regard to accents; records and source end the summary."""
    assert cop7_in_french.endswith(
        f"  Thèmes{NBSP}: Armes légères, Coopération internationale en matière d'aide juridique, "
        "Corruption, Crimes de type mafieux, Criminalité environnementale, Criminalité "
        "organisée, Indicateurs de développement pour le programme post-2015, Mandats de "
        "l'ONUDC, Mutilations génitales féminines, Peine de mort, Services pour les victimes, "
        "Trafic illicite de migrants, Traite des hommes à des fins sexuelles, Traite des "
        "personnes\n"
        "\n"
        f"Fiches{NBSP}: 5 organisations, 2 personnes, 1 source.\n"
        f"Source unodc-news-cop7-ngo-participation{NBSP}: Participation des ONG à la 7 ème "
        "session de la Conférence des Parties à la Convention des Nations Unies contre la "
        "criminalité transnationale organisée (fr)\n"
    )


def test_cop7_in_spanish_heading_dates_and_figures(cop7_in_spanish: str) -> None:
    """Dates, figures and topics come in Spanish; other texts fall back to English."""
    assert cop7_in_spanish.splitlines()[:5] == [
        "CTOC/COP: Conference of the Parties to the United Nations Convention against "
        "Transnational Organized Crime",
        "",
        "7.º período de sesiones: del 6 al 10 de octubre de 2014",
        "  Más de 90 participantes de más de 50 ONG.",
        "  16 ONG organizaron actos paralelos sobre los temas siguientes: Delincuencia "
        "organizada, Armas pequeñas, Tráfico ilícito de migrantes, Trata de personas, "
        "Servicios para las víctimas, Trata de hombres con fines sexuales, Mutilación genital "
        "femenina, Cooperación internacional en materia de asistencia jurídica, Corrupción.",
    ]


def test_cop7_in_spanish_meetings_and_records(cop7_in_spanish: str) -> None:
    """Spanish headings, roles and record counts; "y" joins the names."""
    assert (
        "  Reuniones (5):\n"
        "    Sesiones informativas (2):\n"
        "      - Briefing on CTOC/COP7 for NGOs\n"
        "        Organizadores: Alliance of NGOs on Crime Prevention and Criminal Justice y "
        "UNODC Civil Society Team\n"
        "        Asistentes: NGO representatives\n"
    ) in cop7_in_spanish
    assert "    Actos especiales (1):\n" in cop7_in_spanish
    assert "        Oradores: 4 NGO representatives\n" in cop7_in_spanish
    assert "    Diálogos (2):\n" in cop7_in_spanish
    assert "        Cuestiones tratadas:\n" in cop7_in_spanish
    assert cop7_in_spanish.endswith(
        "Registros: 5 organizaciones, 2 personas, 1 fuente.\n"
        "Fuente unodc-news-cop7-ngo-participation: Participation des ONG à la 7 ème session "
        "de la Conférence des Parties à la Convention des Nations Unies contre la criminalité "
        "transnationale organisée (fr)\n"
    )


def test_cop7_in_english_is_the_default(cop7_summary: str) -> None:
    """language="en" gives exactly the default summary."""
    assert summarize(cop7(), language="en") == cop7_summary
    assert summarize(cop7(), ["en"], language="en") == cop7_summary


def test_words_and_texts_languages_are_independent() -> None:
    """languages chooses the texts and language the words: French words over English texts."""
    text = summarize(cop7(), ["en"], language="fr")
    assert f"Session 7{NBSP}: du 6 au 10 octobre 2014\n" in text
    assert "      - Briefing on CTOC/COP7 for NGOs\n" in text
    assert f"        Intervenants{NBSP}: 4 NGO representatives\n" in text


def test_regional_tag_uses_the_language_phrasebook() -> None:
    """language="fr-CA" words the summary in French and prefers fr-CA texts."""
    dataset = Dataset(
        sources=(
            Source(id="news", title={"fr": "Nouvelles", "fr-CA": "Nouvelles (CA)"}, language="fr"),
        )
    )
    assert summarize(dataset, language="fr-CA").endswith(
        f"Source news{NBSP}: Nouvelles (CA) (fr)\n"
    )


def test_small_dataset_in_french_exactly() -> None:
    """Every line of a small dataset is French: venue, elided figures, times, co-organizers."""
    figures = (
        ReportedFigure(
            measure="participants", count=Count(qualifier="about", value=1200), source="news"
        ),
        ReportedFigure(
            measure="participating_ngos", count=Count(qualifier="about", value=80), source="news"
        ),
        ReportedFigure(
            measure="side_events", count=Count(qualifier="at_least", value=1), source="news"
        ),
    )
    assert summarize(_small_dataset(*figures), language="fr") == (
        "Conference\n"
        f"Secrétariat{NBSP}: ONUDC\n"
        "\n"
        f"Session 1{NBSP}: du 6 au 10 octobre 2014\n"
        f"  Lieu{NBSP}: Vienna International Centre, Vienne, Autriche\n"
        "  Environ 1\u202f200 participants issus d'environ 80 ONG.\n"
        "  Au moins 1 manifestation parallèle a eu lieu.\n"
        f"  Organisations recensées comme participantes{NBSP}: 1\n"
        f"  Réunions (2){NBSP}:\n"
        f"    Séances d'information (1){NBSP}:\n"
        "      - Briefing (8 octobre 2014)\n"
        f"    Manifestations parallèles (1){NBSP}:\n"
        f"      - Cybercrime and NGOs (7 octobre 2014, 13{NBSP}h{NBSP}15\u201314{NBSP}h{NBSP}45, "
        "heure de Vienne)\n"
        f"        Organisateur{NBSP}: NGO A\n"
        f"        Coorganisateur{NBSP}: ONUDC\n"
        f"        Intervenants{NBSP}: an official (ONUDC)\n"
        f"        Modérateurs{NBSP}: a journalist\n"
        f"  Thèmes{NBSP}: Cybercriminalité\n"
        "\n"
        f"Fiches{NBSP}: 2 organisations, 0 personne, 1 source.\n"
        f"Source news{NBSP}: News (en)\n"
    )


def test_small_dataset_in_spanish_exactly() -> None:
    """Every line of a small dataset is Spanish, with "Se celebró" agreeing with one event."""
    figures = (
        ReportedFigure(
            measure="participants", count=Count(qualifier="more_than", value=1200), source="news"
        ),
        ReportedFigure(
            measure="side_events", count=Count(qualifier="exact", value=1), source="news"
        ),
        ReportedFigure(
            measure="participating_organizations",
            count=Count(qualifier="fewer_than", value=30),
            source="news",
        ),
    )
    assert summarize(_small_dataset(*figures), language="es") == (
        "Conference\n"
        "Secretaría: UNODC\n"
        "\n"
        "1.º período de sesiones: del 6 al 10 de octubre de 2014\n"
        "  Lugar: Vienna International Centre, Vienna, Austria\n"
        "  Más de 1.200 participantes.\n"
        "  Se celebró 1 acto paralelo.\n"
        "  Menos de 30 organizaciones participaron.\n"
        "  Organizaciones registradas como participantes: 1\n"
        "  Reuniones (2):\n"
        "    Sesiones informativas (1):\n"
        "      - Briefing (8 de octubre de 2014)\n"
        "    Actos paralelos (1):\n"
        "      - Cybercrime and NGOs (7 de octubre de 2014, 13:15\u201314:45, hora de Viena)\n"
        "        Organizador: NGO A\n"
        "        Coorganizador: UNODC\n"
        "        Oradores: an official (UNODC)\n"
        "        Moderadores: a journalist\n"
        "  Temas: Ciberdelincuencia\n"
        "\n"
        "Registros: 2 organizaciones, 0 personas, 1 fuente.\n"
        "Fuente news: News (en)\n"
    )


def test_english_numbers_are_grouped() -> None:
    """English counts of a thousand or more are grouped with commas."""
    figure = ReportedFigure(
        measure="participants", count=Count(qualifier="more_than", value=1200), source="news"
    )
    assert "  More than 1,200 participants.\n" in summarize(_small_dataset(figure))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "A, B and Italia"), ("fr", "A, B et Italia"), ("es", "A, B e Italia")],
)
def test_lists_join_in_the_language(language: str, expected: str) -> None:
    """Names are joined with the language's "and"; Spanish writes "e" before an /i/ sound."""
    from ctocmodel._summary import join_words

    assert join_words(["A", "B", "Italia"], language) == expected
    assert join_words(["Hielo", "Hierro"], language).split()[1] in {"and", "et", "y"}


def test_french_topics_sort_without_regard_to_accents() -> None:
    """A French label starting with "É" sorts among the E, not after the Z."""
    from ctocmodel import Topic

    base = _small_dataset()
    session = base.conferences[0].sessions[0]
    meeting = session.meetings[0]
    assert isinstance(meeting, SideEvent)
    meeting = attrs.evolve(meeting, topics=("economy", "death-penalty", "small-arms"))
    session = attrs.evolve(session, meetings=(meeting, session.meetings[1]))
    dataset = attrs.evolve(
        base,
        topics=(Topic(id="economy", label={"en": "Economy", "fr": "Économie"}),),
        conferences=(attrs.evolve(base.conferences[0], sessions=(session,)),),
    )
    text = summarize(dataset, language="fr")
    assert f"  Thèmes{NBSP}: Armes légères, Économie, Peine de mort\n" in text


def test_empty_dataset_in_french_and_spanish() -> None:
    """A dataset without conferences says so in the summary's language."""
    assert summarize(Dataset(), language="fr") == (
        "Aucune conférence n'est enregistrée dans ce jeu de données.\n"
        "\n"
        f"Fiches{NBSP}: 0 organisation, 0 personne, 0 source.\n"
    )
    assert summarize(Dataset(), language="es") == (
        "Este conjunto de datos no registra ninguna conferencia.\n"
        "\n"
        "Registros: 0 organizaciones, 0 personas, 0 fuentes.\n"
    )


def test_unknown_summary_language_is_refused() -> None:
    """A language without a phrasebook raises ValueError naming the available ones."""
    with pytest.raises(
        ValueError, match="no summary phrasebook for 'de'; choose one of en, fr, es"
    ):
        summarize(cop7(), language="de")


def test_languages_must_not_be_a_string() -> None:
    """languages="fr" is refused with a hint to use language="fr"."""
    with pytest.raises(TypeError, match="language='fr'"):
        summarize(cop7(), "fr")


def test_english_summary_needs_no_babel(monkeypatch: pytest.MonkeyPatch, cop7_summary: str) -> None:
    """Without Babel the English summary is unchanged, and French raises naming the package."""
    monkeypatch.setitem(sys.modules, "babel", None)
    monkeypatch.setitem(sys.modules, "babel.numbers", None)
    assert summarize(cop7()) == cop7_summary
    assert word_dates(dt.date(2014, 10, 6), dt.date(2014, 10, 10)) == "6 to 10 October 2014"
    with pytest.raises(MissingDependencyError, match=r"pip install babel"):
        summarize(cop7(), language="fr")


# The phrasebooks

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_phrasebooks_have_the_same_keys() -> None:
    """Every phrasebook has exactly the keys of the English one, and no empty phrase."""
    english = set(PHRASEBOOKS["en"])
    assert set(SUMMARY_LANGUAGES) == {"en", "fr", "es"}
    for language in SUMMARY_LANGUAGES:
        assert set(PHRASEBOOKS[language]) == english, language
        assert all(PHRASEBOOKS[language].values()), language


def test_phrasebooks_use_the_same_placeholders() -> None:
    """Each phrase has the same placeholders in every language."""
    for key, english in PHRASEBOOKS["en"].items():
        wanted = set(_PLACEHOLDER.findall(english))
        for language in SUMMARY_LANGUAGES:
            assert set(_PLACEHOLDER.findall(PHRASEBOOKS[language][key])) == wanted, (language, key)


def test_french_colons_and_semicolons_follow_a_no_break_space() -> None:
    """French puts a no-break space before every ':' and ';'; English and Spanish never do."""
    for key, phrase in PHRASEBOOKS["fr"].items():
        for index, char in enumerate(phrase):
            if char in ":;":
                assert phrase[index - 1] == NBSP, key
    for language in ("en", "es"):
        assert not any(NBSP in phrase for phrase in PHRASEBOOKS[language].values())
        assert not any(" :" in phrase for phrase in PHRASEBOOKS[language].values())


def _with_texts_in(value: Any, language: str) -> Any:
    """*value* with a neutral text in *language* added to every multilingual text.

    Topic references are pointed at the dataset's own topic, whose label gets the
    same text, so that no text of the data is in English.
    """
    if isinstance(value, Mapping):
        return {**value, language: "¤"}
    if isinstance(value, tuple):
        return tuple(_with_texts_in(item, language) for item in value)
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if field.name == "topics" and item and isinstance(item[0], str):
                changes[field.name] = ("synthetic-topic-a",)
            else:
                changes[field.name] = _with_texts_in(item, language)
        return attrs.evolve(value, **changes)
    return value


def _english_leftovers(text: str, language: str) -> list[str]:
    """English phrase fragments (and month names) of the phrasebook found in *text*.

    A fragment is the literal text between placeholders of an English phrase that
    differs from its translation, when the translation does not contain it too.
    """
    found = []
    translated = PHRASEBOOKS[language]
    fragments = set(_MONTHS)
    for key, english in PHRASEBOOKS["en"].items():
        if english == translated[key]:
            continue
        for fragment in _PLACEHOLDER.split(english)[::2]:
            fragment = fragment.strip(" .,():;")
            if re.search(r"[A-Za-z]", fragment) and fragment not in translated[key]:
                fragments.add(fragment)
    for fragment in sorted(fragments):
        if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text):
            found.append(fragment)
    return found


@pytest.mark.parametrize("language", ["fr", "es"])
def test_synthetic_summary_has_no_english_phrase_left(language: str) -> None:
    """A synthetic dataset summarized in French or Spanish contains no English fixed phrase."""
    dataset = _with_texts_in(synthetic_dataset(seed=3, size=2), language)
    text = summarize(dataset, language=language)
    assert "¤" in text
    assert _english_leftovers(text, language) == []
    assert _english_leftovers(summarize(dataset), language) != []  # the check can fail


def test_synthetic_summary_in_english_lists_every_session() -> None:
    """The English summary of a two-session synthetic dataset has both sessions' headings."""
    text = summarize(synthetic_dataset(seed=3, size=2))
    assert "\nSession 1: 6 to 10 April 2000\n" in text
    assert "\nSession 2: 6 to 10 October 2000\n" in text

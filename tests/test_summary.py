"""The readable summary: counts with qualifiers, date ranges, and whole datasets."""

from __future__ import annotations

import datetime as dt

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
from ctocmodel._summary import word_count, word_dates
from ctocmodel.examples import cop7

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
                start=dt.datetime(2014, 10, 7, 13, 0, tzinfo=plus_two),
                organizers=("ngo-a",),
                co_organizers=("unodc",),
                topics=("cybercrime",),
                participants=(Participant(role="moderator", description={"en": "a journalist"}),),
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
        "  Venue: Vienna International Centre, Vienna, AT\n"
        "  About 3 side events were held.\n"
        "  At least 1 NGO took part.\n"
        "  Organizations listed as taking part: 1\n"
        "  Meetings (2):\n"
        "    Briefings (1):\n"
        "      - Briefing (2014-10-08)\n"
        "    Side events (1):\n"
        "      - Cybercrime and NGOs (2014-10-07T13:00+02:00)\n"
        "        Organized by NGO A\n"
        "        Co-organized by UNODC\n"
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
    assert "  Venue: Vienna International Centre, Vienne, AT\n" in text
    assert "        Co-organized by ONUDC\n" in text
    assert "  Topics: Cybercriminalité\n" in text


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


def test_cop7_summary_unknown_language_falls_back_to_english() -> None:
    """A language no text has (Spanish) falls back to English, the first UN fallback."""
    assert summarize(cop7(), languages=("es",)) == summarize(cop7())


def test_cop7_summary_is_deterministic(cop7_summary: str) -> None:
    """Summarizing the same record twice gives the same text, ending with one newline."""
    assert summarize(cop7()) == cop7_summary
    assert cop7_summary.endswith(")\n")
    assert not cop7_summary.endswith("\n\n")

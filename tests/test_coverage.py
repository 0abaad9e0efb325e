"""Language coverage: the multilingual texts of a dataset that lack a language, by JSON Pointer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

import ctocmodel
from ctocmodel import (
    UN_LANGUAGES,
    Conference,
    Dataset,
    Dialogue,
    Organization,
    Participant,
    Session,
    Source,
    Topic,
    Venue,
)
from ctocmodel._coverage import MissingTranslation, language_coverage, missing_counts
from ctocmodel.examples import cop7
from ctocmodel.testing import synthetic_dataset

COP7_TEXTS = 31
COP7_PATHS = [
    "/sources/0/title",
    "/organizations/0/name",
    "/organizations/0/acronym",
    "/organizations/1/name",
    "/organizations/2/name",
    "/organizations/3/name",
    "/organizations/4/name",
    "/people/0/positions/0/title",
    "/people/0/positions/1/title",
    "/people/1/positions/0/title",
    "/conferences/0/name",
    "/conferences/0/acronym",
    "/conferences/0/sessions/0/meetings/0/title",
    "/conferences/0/sessions/0/meetings/0/participants/0/description",
    "/conferences/0/sessions/0/meetings/0/outcome",
    "/conferences/0/sessions/0/meetings/1/title",
    "/conferences/0/sessions/0/meetings/1/participants/0/description",
    "/conferences/0/sessions/0/meetings/1/outcome",
    "/conferences/0/sessions/0/meetings/2/title",
    "/conferences/0/sessions/0/meetings/2/participants/0/description",
    "/conferences/0/sessions/0/meetings/2/summary",
    "/conferences/0/sessions/0/meetings/3/title",
    "/conferences/0/sessions/0/meetings/3/participants/0/description",
    "/conferences/0/sessions/0/meetings/3/participants/1/description",
    "/conferences/0/sessions/0/meetings/4/title",
    "/conferences/0/sessions/0/meetings/4/participants/2/description",
    "/conferences/0/sessions/0/meetings/4/summary",
    "/conferences/0/sessions/0/meetings/4/outcome",
    "/conferences/0/sessions/0/meetings/4/questions/0",
    "/conferences/0/sessions/0/meetings/4/questions/1",
    "/conferences/0/sessions/0/meetings/4/questions/2",
]


def resolve(document: Any, pointer: str) -> Any:
    """The value at RFC 6901 *pointer* in a JSON *document* (no escapes needed here)."""
    for token in pointer.split("/")[1:]:
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def test_cop7_counts_per_un_language() -> None:
    """COP7: every text has French; all but the source title have English; none has ar/zh/ru/es."""
    gaps = language_coverage(cop7())
    assert len(gaps) == COP7_TEXTS
    assert missing_counts(gaps) == {"ar": 31, "zh": 31, "en": 1, "fr": 0, "ru": 31, "es": 31}
    assert list(missing_counts(gaps)) == list(UN_LANGUAGES)


def test_cop7_paths_in_document_order() -> None:
    """The COP7 texts are listed in the order of the model's fields, lists in their order."""
    assert [gap.path for gap in language_coverage(cop7())] == COP7_PATHS


def test_cop7_source_title_lacks_english_too() -> None:
    """The French-only source title lacks five UN languages, listed in the UN order."""
    first = language_coverage(cop7())[0]
    assert first == MissingTranslation(
        path="/sources/0/title", present=("fr",), missing=("ar", "zh", "en", "ru", "es")
    )


def test_cop7_translated_texts_lack_four_languages() -> None:
    """Every COP7 text but the source title has en and fr, and lacks ar, zh, ru and es."""
    for gap in language_coverage(cop7())[1:]:
        assert (gap.present, gap.missing) == (("en", "fr"), ("ar", "zh", "ru", "es")), gap.path


def test_cop7_in_french_and_english() -> None:
    """Asked for French only, nothing is missing; for English and French, only the source title."""
    assert language_coverage(cop7(), ["fr"]) == []
    assert language_coverage(cop7(), ("en", "fr")) == [
        MissingTranslation(path="/sources/0/title", present=("fr",), missing=("en",))
    ]


@pytest.mark.parametrize(
    "dataset", [cop7(), synthetic_dataset(seed=5, size=1)], ids=["cop7", "synthetic"]
)
def test_pointers_resolve_to_the_texts(dataset: Dataset) -> None:
    """Each path resolves, in the dataset's JSON, to an object whose keys are exactly `present`."""
    document = json.loads(ctocmodel.dumps(dataset))
    gaps = language_coverage(dataset)
    assert gaps
    for gap in gaps:
        text = resolve(document, gap.path)
        assert tuple(sorted(text)) == gap.present, gap.path
        assert not set(gap.missing) & set(text), gap.path


def test_missing_follows_the_requested_order() -> None:
    """missing lists the languages in the order asked, each once; counts follow that order."""
    gaps = language_coverage(cop7(), ["es", "ru", "en"])
    assert gaps[0].missing == ("es", "ru", "en")
    assert gaps[1].missing == ("es", "ru")
    assert language_coverage(cop7(), ["en", "en"])[0].missing == ("en",)
    assert list(missing_counts(gaps, ["es", "ru", "en"]).items()) == [
        ("es", 31),
        ("ru", 31),
        ("en", 1),
    ]


def test_missing_counts_ignores_languages_not_asked() -> None:
    """missing_counts counts only the languages it is given, with zeros for full coverage."""
    gaps = language_coverage(cop7())
    assert missing_counts(gaps, ["fr", "en", "de"]) == {"fr": 0, "en": 1, "de": 0}
    assert missing_counts([], ["ar"]) == {"ar": 0}


def _venue_topic_dataset(**texts: dict[str, str]) -> Dataset:
    """A dataset with a topic, a venue and a dialogue question, texts given by field."""
    session = Session(
        id="s-1",
        number=1,
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 10),
        venue=Venue(name=texts["venue"], city={"en": "Vienna", "fr": "Vienne"}),
        meetings=(
            Dialogue(
                id="d-1",
                title={"en": "Dialogue"},
                participants=(Participant(role="counterpart", description=texts["counterpart"]),),
                questions=(texts["question"],),
            ),
        ),
    )
    return Dataset(
        topics=(Topic(id="sextortion", label=texts["topic"]),),
        conferences=(Conference(id="c", name={"en": "Conference"}, sessions=(session,)),),
    )


def test_every_kind_of_text_is_reached() -> None:
    """Topic labels, venue names and cities, descriptions and questions are all checked."""
    dataset = _venue_topic_dataset(
        topic={"en": "Sextortion"},
        venue={"en": "Vienna International Centre"},
        counterpart={"fr": "Directeur"},
        question={"en": "Question", "fr": "Question"},
    )
    gaps = language_coverage(dataset, ["en", "fr"])
    assert [(gap.path, gap.missing) for gap in gaps] == [
        ("/topics/0/label", ("fr",)),
        ("/conferences/0/name", ("fr",)),
        ("/conferences/0/sessions/0/venue/name", ("fr",)),
        ("/conferences/0/sessions/0/meetings/0/title", ("fr",)),
        ("/conferences/0/sessions/0/meetings/0/participants/0/description", ("en",)),
    ]


def test_specific_tags_serve_their_language() -> None:
    """zh-Hans serves zh and es-419 serves es; fr does not serve fr-CA; case does not matter."""
    dataset = Dataset(
        sources=(
            Source(
                id="news",
                title={"zh-Hans": "新闻", "es-419": "Noticias", "fr": "Nouvelles"},
                language="fr",
            ),
        )
    )
    assert language_coverage(dataset, ["zh", "ES", "fr"]) == []
    [gap] = language_coverage(dataset, ["fr-CA", "zh-Hant", "zh-hans"])
    assert gap == MissingTranslation(
        path="/sources/0/title", present=("es-419", "fr", "zh-Hans"), missing=("fr-CA", "zh-Hant")
    )


def test_fully_translated_and_empty_datasets_have_no_gaps() -> None:
    """A dataset whose texts have all six UN languages, and an empty one, report nothing."""
    every = {language: f"text {language}" for language in UN_LANGUAGES}
    dataset = Dataset(
        organizations=(Organization(id="unodc", name=every, acronym=every, kind="un_entity"),)
    )
    assert language_coverage(dataset) == []
    assert language_coverage(Dataset()) == []


def test_languages_must_not_be_a_string() -> None:
    """languages="fr" is refused: it would read as the tags "f" and "r"."""
    with pytest.raises(TypeError, match="sequence of tags"):
        language_coverage(cop7(), "fr")


def test_missing_translation_is_a_frozen_value() -> None:
    """MissingTranslation compares by value, hashes, and cannot be changed."""
    gap = MissingTranslation(path="/a", present=("fr",), missing=("en",))
    assert gap == MissingTranslation(path="/a", present=("fr",), missing=("en",))
    assert len({gap, MissingTranslation(path="/a", present=("fr",), missing=("en",))}) == 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        gap.path = "/b"  # type: ignore[misc]


def test_synthetic_counts_agree_with_the_list() -> None:
    """On a synthetic dataset the counts per language equal the gaps that name each language."""
    dataset = synthetic_dataset(seed=2, size=1)
    gaps = language_coverage(dataset)
    counts = missing_counts(gaps)
    for language in UN_LANGUAGES:
        assert counts[language] == sum(language in gap.missing for gap in gaps)
    assert counts["en"] == 0
    assert 0 < counts["zh"] < len(gaps)

"""Topics: the built-in vocabulary and the rules of a topic."""

from __future__ import annotations

import pytest

from ctocmodel import BUILTIN_TOPICS, Topic
from ctocmodel.testing import problems_of as problems

SEED_THEMES = {
    "organized-crime": "Organized crime",
    "small-arms": "Small arms",
    "migrant-smuggling": "Smuggling of migrants",
    "trafficking-in-persons": "Trafficking in persons",
    "services-for-victims": "Services for victims",
    "female-genital-mutilation": "Female genital mutilation",
    "international-cooperation-in-legal-assistance": (
        "International cooperation in legal assistance"
    ),
    "corruption": "Corruption",
    "environmental-crime": "Environmental crime",
    "death-penalty": "Death penalty",
    "post-2015-development-indicators": "Development indicators for the post-2015 agenda",
    "unodc-mandates": "UNODC mandates",
}


@pytest.mark.parametrize(("topic_id", "english"), SEED_THEMES.items())
def test_builtin_vocabulary_covers_every_seed_theme(topic_id, english):
    """Each theme of the seed sources has a built-in topic with the expected English label."""
    assert BUILTIN_TOPICS[topic_id].label["en"] == english


def test_builtin_topics_are_keyed_by_their_own_id():
    """BUILTIN_TOPICS maps each topic's id to that topic."""
    assert all(key == topic.id for key, topic in BUILTIN_TOPICS.items())
    assert len(BUILTIN_TOPICS) >= len(SEED_THEMES)


@pytest.mark.parametrize("topic", BUILTIN_TOPICS.values(), ids=lambda topic: topic.id)
def test_every_builtin_topic_has_english_and_french_labels(topic):
    """Every built-in topic is labelled in English and French, neither left blank."""
    assert {"en", "fr"} <= set(topic.label)
    assert topic.label["en"].strip()
    assert topic.label["fr"].strip()


def test_builtin_french_labels_are_french():
    """The French labels are translations, not copies of the English ones (spot check)."""
    assert BUILTIN_TOPICS["trafficking-in-persons"].label["fr"] == "Traite des personnes"
    assert BUILTIN_TOPICS["death-penalty"].label["fr"] == "Peine de mort"
    assert BUILTIN_TOPICS["migrant-smuggling"].label["fr"] == "Trafic illicite de migrants"


def test_builtin_broader_ids_resolve_within_the_vocabulary():
    """Every broader id of a built-in topic names another built-in topic."""
    broader = {t.id: t.broader for t in BUILTIN_TOPICS.values() if t.broader is not None}
    assert broader["mafia-type-crime"] == "organized-crime"
    assert broader["trafficking-in-men-for-sexual-purposes"] == "trafficking-in-persons"
    assert {b for b in broader.values() if b not in BUILTIN_TOPICS} == set()


def test_builtin_broader_chains_end():
    """Following broader from any built-in topic ends at a topic without one, never looping."""
    for topic in BUILTIN_TOPICS.values():
        seen = [topic.id]
        while (topic := BUILTIN_TOPICS.get(topic.broader or "")) is not None:
            assert topic.id not in seen, f"broader loop: {seen}"
            seen.append(topic.id)


def test_builtin_vocabulary_cannot_be_changed():
    """BUILTIN_TOPICS is read-only."""
    with pytest.raises(TypeError):
        BUILTIN_TOPICS["new-topic"] = Topic(id="new-topic", label={"en": "New"})  # type: ignore[index]
    assert "new-topic" not in BUILTIN_TOPICS


def test_topic_with_broader_is_accepted():
    """A declared topic may name a broader topic."""
    topic = Topic(
        id="wildlife-crime", label={"en": "Wildlife crime"}, broader="environmental-crime"
    )
    assert topic.broader == "environmental-crime"


def test_a_topic_cannot_be_broader_than_itself():
    """broader equal to the topic's own id is refused."""
    assert problems(
        lambda: Topic(id="wildlife-crime", label={"en": "Wildlife crime"}, broader="wildlife-crime")
    ) == {"/broader": "a topic cannot be broader than itself"}


def test_topic_needs_a_label_a_valid_id_and_a_string_broader():
    """A topic with an empty label, a bad id and a non-string broader reports all three."""
    found = problems(lambda: Topic(id="Wildlife Crime", label={}, broader=3))
    assert set(found) == {"/id", "/label", "/broader"}
    assert found["/label"] == "multilingual text needs at least one language"
    assert found["/broader"] == "expected an id (a string), got an integer (3)"

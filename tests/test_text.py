"""Multilingual text: language tags, text content rules, and picking a language to show."""

from __future__ import annotations

import itertools
import pickle

import pytest

from ctocmodel import UN_LANGUAGES, Source, Topic, pick_language, pick_text
from ctocmodel.testing import problems_of as problems


def topic(label) -> Topic:
    return Topic(id="some-topic", label=label)


# Language tags


@pytest.mark.parametrize(
    "tag",
    ["en", "fr", "zh-Hans", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-CH-1901", "en-US-x-twain"],
)
def test_well_formed_canonical_language_tags_are_accepted(tag):
    """A BCP 47 tag in canonical case is accepted, as a text key and as a source language."""
    assert Source(id="s", title={tag: "Titre"}, language=tag).language == tag
    assert tuple(topic({tag: "Label"}).label) == (tag,)


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [("EN", "en"), ("zh-hans", "zh-Hans"), ("en-gb", "en-GB"), ("ZH-HANT-tw", "zh-Hant-TW")],
)
def test_language_tag_in_the_wrong_case_is_refused_with_its_canonical_form(tag, canonical):
    """A tag in non-canonical case is refused and the message gives the canonical spelling."""
    assert problems(lambda: Source(id="s", title={"en": "T"}, language=tag)) == {
        "/language": f"write the language tag {tag!r} as {canonical!r}"
    }


@pytest.mark.parametrize("tag", ["en_GB", "english", "e", "en-", "123", "", "fr CA"])
def test_malformed_language_tag_is_refused(tag):
    """A string that is not a BCP 47 tag is refused, with examples of valid tags."""
    found = problems(lambda: Source(id="s", title={"en": "T"}, language=tag))
    assert list(found) == ["/language"]
    assert found["/language"].startswith(f"{tag!r} is not a BCP 47 language tag")
    assert "'zh-Hans'" in found["/language"]


def test_language_tag_that_is_not_a_string_is_refused():
    """A non-string language is refused, naming what was given."""
    assert problems(lambda: Source(id="s", title={"en": "T"}, language=None)) == {
        "/language": "expected a language tag (a string), got null"
    }


def test_bad_key_of_multilingual_text_is_reported_at_the_key():
    """A malformed tag used as a key is reported at /field/<tag>, the other keys being fine."""
    found = problems(lambda: topic({"en": "Corruption", "FR": "Corruption"}))
    assert found == {"/label/FR": "write the language tag 'FR' as 'fr'"}


def test_key_containing_a_slash_is_escaped_in_the_path():
    """A key holding '/' is escaped as '~1' in the JSON Pointer of the problem."""
    found = problems(lambda: topic({"en/fr": "Corruption"}))
    assert list(found) == ["/label/en~1fr"]
    assert "is not a BCP 47 language tag" in found["/label/en~1fr"]


def test_non_string_key_of_multilingual_text_is_reported_at_the_field():
    """A key that is not a string is reported at the field itself, naming the key."""
    assert problems(lambda: topic({1: "Corruption"})) == {
        "/label": "expected a language tag (a string), got an integer (1)"
    }


def test_language_tag_with_a_trailing_newline_is_refused():
    """'en\\n' is not a language tag: the whole string must be a tag."""
    found = problems(lambda: Source(id="s", title={"en": "T"}, language="en\n"))
    assert "is not a BCP 47 language tag" in found["/language"]


# Multilingual text values


def test_multilingual_text_needs_at_least_one_language():
    """An empty mapping is refused: there must be at least one language."""
    assert problems(lambda: topic({})) == {
        "/label": "multilingual text needs at least one language"
    }


@pytest.mark.parametrize("value", ["Corruption", ["en", "Corruption"], None])
def test_multilingual_text_must_be_a_mapping(value):
    """A plain string, a list or None is refused with an example of multilingual text."""
    found = problems(lambda: topic(value))
    assert list(found) == ["/label"]
    assert found["/label"].startswith("expected multilingual text (an object from language tag")


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\u3000"])
def test_empty_or_blank_text_is_refused(text):
    """Text that is empty or only whitespace (any Unicode space) is refused at its language."""
    assert problems(lambda: topic({"en": "Corruption", "fr": text})) == {
        "/label/fr": "text must not be empty or only spaces"
    }


def test_text_that_is_not_a_string_is_refused():
    """A text value must be a string."""
    assert problems(lambda: topic({"en": 42})) == {
        "/label/en": "expected text (a string), got an integer (42)"
    }


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("Corruption\x00", "0000", 10),
        ("\x07bell", "0007", 0),
        ("esc\x1b[31m", "001B", 3),
        ("del\x7f", "007F", 3),
        ("lone \ud800 surrogate", "D800", 5),
        ("low \udfff", "DFFF", 4),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused(text, code, position):
    """Control characters (other than tab, LF, CR), DEL and lone surrogates are refused, located."""
    found = problems(lambda: topic({"en": text}))
    assert list(found) == ["/label/en"]
    assert f"U+{code} at position {position}" in found["/label/en"]


@pytest.mark.parametrize("text", ["Line one\nline two", "Name\tValue", "Windows\r\nline"])
def test_tab_line_feed_and_carriage_return_are_allowed(text):
    """Tab, line feed and carriage return are allowed inside text."""
    assert topic({"en": text}).label["en"] == text


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("ar", "الجريمة المنظمة"),
        ("zh-Hans", "有组织犯罪"),
        ("ru", "Организованная преступность"),
        ("en", "Side event 🌍🤝"),
        ("hi", "संगठित अपराध"),
        ("fr", "Criminalité organisée « transnationale »"),
    ],
)
def test_text_in_any_script_is_allowed(tag, text):
    """Text may be written in any script, emoji included."""
    assert topic({tag: text}).label == {tag: text}


def test_every_problem_of_a_multilingual_text_is_reported():
    """Each bad language of a text is reported, not only the first."""
    found = problems(lambda: topic({"EN": "x", "fr": " ", "es": "a\x00"}))
    assert set(found) == {"/label/EN", "/label/fr", "/label/es"}


def test_multilingual_text_is_copied_so_later_changes_do_not_leak_in():
    """Changing the caller's dict after construction does not change the object."""
    label = {"en": "Corruption"}
    built = topic(label)
    label["en"] = ""
    assert built.label == {"en": "Corruption"}


# Picking a language


def test_un_languages_are_the_six_official_languages_in_un_order():
    """UN_LANGUAGES lists Arabic, Chinese, English, French, Russian, Spanish, in that order."""
    assert UN_LANGUAGES == ("ar", "zh", "en", "fr", "ru", "es")


def test_pick_language_follows_the_order_of_preference():
    """The first preferred language the text has wins, not the first key of the text."""
    text = {"en": "Vienna", "fr": "Vienne", "de": "Wien"}
    assert pick_language(text, ["it", "de", "fr"]) == "de"
    assert pick_language(text, ["fr", "de"]) == "fr"


def test_pick_language_accepts_any_iterable_of_preferences():
    """Preferences may be any iterable, such as a generator."""
    assert pick_language({"en": "Vienna", "fr": "Vienne"}, (tag for tag in ["fr"])) == "fr"


def test_pick_language_prefers_an_exact_match_to_a_regional_one():
    """An exact tag is taken over another region of the same language."""
    assert pick_language({"fr-FR": "a", "fr-CA": "b", "fr": "c"}, ["fr-CA"]) == "fr-CA"
    assert pick_language({"fr-FR": "a", "fr-CA": "b", "fr": "c"}, ["fr"]) == "fr"


def test_a_general_preference_is_served_by_a_regional_text():
    """A reader of 'fr' is served by 'fr-CA' text."""
    assert pick_language({"fr-CA": "Vienne", "en": "Vienna"}, ["fr"]) == "fr-CA"


def test_a_regional_preference_is_served_by_a_general_text():
    """A reader of 'fr-CA' is served by 'fr' text, before falling back to English."""
    assert pick_language({"fr": "Vienne", "en": "Vienna"}, ["fr-CA"]) == "fr"


def test_a_regional_preference_is_served_by_another_region():
    """A reader of 'es-MX' is served by 'es-419', the same primary language."""
    assert pick_language({"es-419": "Viena", "en": "Vienna"}, ["es-MX"]) == "es-419"


def test_primary_language_matching_ignores_case():
    """A preference written 'FR' still matches 'fr' text."""
    assert pick_language({"fr": "Vienne", "en": "Vienna"}, ["FR"]) == "fr"


def test_several_regional_matches_resolve_alphabetically():
    """Among several regions of the wanted language, the alphabetically first tag is taken."""
    assert pick_language({"fr-CH": "a", "fr-BE": "b", "fr-CA": "c"}, ["fr"]) == "fr-BE"


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (("zh", "ar", "ru", "es", "fr", "en"), "en"),
        (("zh", "ar", "ru", "es", "fr"), "fr"),
        (("zh", "ar", "ru", "es"), "es"),
        (("zh", "ar", "ru"), "ru"),
        (("zh", "ar"), "ar"),
        (("zh", "de"), "zh"),
        (("it", "de", "pt"), "de"),
    ],
)
def test_without_a_usable_preference_un_languages_then_alphabetical_order_are_used(
    available, expected
):
    """Fallback order: English, French, Spanish, Russian, Arabic, Chinese, then alphabetical."""
    text = {tag: f"text in {tag}" for tag in available}
    assert pick_language(text, ["sw"]) == expected
    assert pick_language(text) == expected


def test_fallback_to_un_languages_also_matches_regions():
    """The UN fallback matches by primary language too: 'en-GB' is taken before 'fr'."""
    assert pick_language({"fr": "Vienne", "en-GB": "Vienna"}) == "en-GB"


@pytest.mark.parametrize(
    ("tags", "languages", "expected"),
    [
        (("fr-CH", "fr-BE", "fr-CA"), ["fr"], "fr-BE"),
        (("it", "de", "pt"), [], "de"),
        (("ru", "zh-Hant", "zh-Hans"), ["zh"], "zh-Hans"),
    ],
)
def test_pick_language_does_not_depend_on_dict_order(tags, languages, expected):
    """Every insertion order of the same text gives the same choice."""
    choices = {
        pick_language({tag: tag for tag in order}, languages)
        for order in itertools.permutations(tags)
    }
    assert choices == {expected}


def test_pick_language_of_empty_text_is_a_value_error():
    """Picking from text with no language raises ValueError saying so."""
    with pytest.raises(ValueError, match="no language to pick from"):
        pick_language({}, ["en"])


def test_pick_text_returns_the_text_of_the_picked_language():
    """pick_text returns the text itself, chosen as pick_language chooses."""
    text = {"fr": "Séance d'information", "en": "Briefing", "ar": "إحاطة"}
    assert pick_text(text, ["es", "ar"]) == "إحاطة"
    assert pick_text(text, ["fr-CA"]) == "Séance d'information"
    assert pick_text(text) == "Briefing"


# Records keep multilingual text read-only


def test_text_of_a_record_cannot_be_changed():
    """The text a record holds refuses every change, so the record stays valid."""
    label = topic({"en": "Corruption"}).label
    with pytest.raises(TypeError, match="read-only"):
        label["zz-invalid TAG"] = "   "  # type: ignore[index]
    for change in (
        lambda: label.update(fr="x"),  # type: ignore[attr-defined]
        lambda: label.pop("en"),  # type: ignore[attr-defined]
        lambda: label.clear(),  # type: ignore[attr-defined]
        lambda: label.setdefault("fr", "x"),  # type: ignore[attr-defined]
        lambda: label.popitem(),  # type: ignore[attr-defined]
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    with pytest.raises(TypeError, match="read-only"):
        del label["en"]  # type: ignore[attr-defined]
    assert label == {"en": "Corruption"}


def test_text_is_part_of_equality_and_hash():
    """Two records that differ only in a text are unequal and hash apart."""
    first, second = topic({"en": "Corruption"}), topic({"en": "Bribery"})
    assert first != second
    assert hash(first) != hash(second)
    assert hash(first) == hash(topic({"en": "Corruption"}))
    assert {first, topic({"en": "Corruption"})} == {first}


def test_text_equals_a_dict_and_pickles():
    """Text equals the mapping it was built from, and survives pickling as Text."""
    label = topic({"en": "Corruption", "fr": "Corruption"}).label
    assert label == {"fr": "Corruption", "en": "Corruption"}
    copy = pickle.loads(pickle.dumps(label))
    assert copy == label
    assert type(copy) is type(label)
    assert hash(copy) == hash(label)


def test_a_record_keeps_its_own_copy_of_a_mapping():
    """Changing the dict given to a record afterwards changes nothing in the record."""
    given = {"en": "Corruption"}
    made = topic(given)
    given["en"] = ""
    assert made.label == {"en": "Corruption"}


# Text rules for what corrupts terminals or cannot be seen (issue 12, findings 2 and 8)


@pytest.mark.parametrize("character", ["\x85", "\x9b", "\x80", "\x9f"])
def test_c1_controls_are_refused(character):
    """A C1 control (NEL, the 8-bit CSI...) is refused like the C0 controls."""
    found = problems(lambda: topic({"en": f"a{character}b"}))
    assert found == {
        "/label/en": f"text contains the control character U+{ord(character):04X} at position 1; "
        "remove it (tab, line feed and carriage return are allowed)"
    }


@pytest.mark.parametrize(
    "text", ["\u200b", "\u3164", " \u200b\u3164 ", "\u2060\ufe0f", "\U000e0001"]
)
def test_text_of_only_invisible_characters_is_blank(text):
    """Text made only of spaces and default-ignorable characters has nothing to read."""
    found = problems(lambda: topic({"en": text}))
    assert list(found) == ["/label/en"]
    assert found["/label/en"].startswith("text must hold a visible character")


@pytest.mark.parametrize("text", ["\u202eevil\u202c", "\u200f\u05e9\u05dc\u05d5\u05dd", "a\u200db"])
def test_bidi_controls_and_joiners_beside_visible_text_are_kept(text):
    """Bidi controls and joiners are allowed in text: scripts need them (terminals escape them)."""
    assert topic({"en": text}).label["en"] == text

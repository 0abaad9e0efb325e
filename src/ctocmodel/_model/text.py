"""Multilingual text: one text per BCP 47 language tag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeAlias

MultilingualText: TypeAlias = Mapping[str, str]
"""A mapping from BCP 47 language tag (``"fr"``, ``"zh-Hans"``) to non-blank text.

In JSON it is an object such as ``{"en": "Briefing", "fr": "Séance d'information"}``.
It holds at least one language; tags are written in their canonical case.
"""

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages of the United Nations, in the UN's own order."""

_FALLBACK = ("en", "fr", "es", "ru", "ar", "zh")


def copy_text(value: MultilingualText) -> MultilingualText:
    """Keep a private copy of a mapping so that later changes by the caller do not leak in."""
    return dict(value) if isinstance(value, Mapping) else value


def copy_optional_text(value: MultilingualText | None) -> MultilingualText | None:
    """`copy_text` for optional fields."""
    return dict(value) if isinstance(value, Mapping) else value


def copy_texts(value: tuple[MultilingualText, ...]) -> tuple[MultilingualText, ...]:
    """`copy_text` for each text of a tuple."""
    if type(value) is not tuple:
        return value
    return tuple(dict(text) if isinstance(text, Mapping) else text for text in value)


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def pick_language(text: MultilingualText, languages: Iterable[str] = ()) -> str:
    """Return the tag of *text* that best serves a reader of *languages*, in order of preference.

    A preferred tag matches exactly first, then by its primary language (``fr`` serves
    ``fr-CA`` and the other way round). When no preference is available the UN
    languages are tried (English, French, Spanish, Russian, Arabic, Chinese), then the
    first tag in alphabetical order, so the choice never depends on key order.

    >>> pick_language({"fr": "Vienne", "en": "Vienna"}, ["de", "fr"])
    'fr'
    >>> pick_language({"fr-CA": "Vienne"}, ["fr"])
    'fr-CA'
    >>> pick_language({"ru": "Вена", "zh": "维也纳"}, ["de"])
    'ru'
    """
    if not text:
        raise ValueError("multilingual text has no language to pick from")
    for wanted in (*languages, *_FALLBACK):
        if wanted in text:
            return wanted
        primary = _primary(wanted)
        matches = sorted(tag for tag in text if _primary(tag) == primary)
        if matches:
            return matches[0]
    return min(text)


def pick_text(text: MultilingualText, languages: Iterable[str] = ()) -> str:
    """Return the text in the best language for a reader of *languages* (see `pick_language`).

    >>> pick_text({"fr": "Séance d'information", "en": "Briefing"}, ["es", "en"])
    'Briefing'
    """
    return text[pick_language(text, languages)]

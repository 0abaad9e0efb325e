"""Multilingual text: one text per BCP 47 language tag, in a read-only mapping."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, TypeAlias

MultilingualText: TypeAlias = Mapping[str, str]
"""A mapping from BCP 47 language tag (``"fr"``, ``"zh-Hans"``) to non-blank text.

In JSON it is an object such as ``{"en": "Briefing", "fr": "Séance d'information"}``.
It holds at least one language; tags are written in their canonical case. Records
keep it as a `Text`, whatever mapping they were given.
"""

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official languages of the United Nations, in the UN's own order."""

_FALLBACK = ("en", "fr", "es", "ru", "ar", "zh")


class Text(dict[str, str]):
    """Multilingual text as records hold it: a read-only, hashable mapping.

    It equals any mapping with the same items, pickles, and is part of a record's
    equality and hash. A dict subclass, so that JSON encoders write it as they
    write a dict; its methods that would change it raise `TypeError`.

    >>> title = Text({"en": "Briefing"})
    >>> title == {"en": "Briefing"}, hash(title) == hash(Text({"en": "Briefing"}))
    (True, True)
    >>> title["fr"] = "Séance d'information"
    Traceback (most recent call last):
    ...
    TypeError: multilingual text is read-only; build a new mapping, such as {**text, 'fr': '...'}
    """

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[Text], tuple[dict[str, str]]]:
        return (Text, (dict(self),))

    def __copy__(self) -> Text:
        return self

    def __deepcopy__(self, memo: Any) -> Text:
        return self

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(
            "multilingual text is read-only; build a new mapping, such as {**text, 'fr': '...'}"
        )

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


def primary_language(tag: str) -> str:
    """The primary language subtag of *tag*, in lower case: ``fr`` for ``fr-CA``."""
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
        primary = primary_language(wanted)
        matches = sorted(tag for tag in text if primary_language(tag) == primary)
        if matches:
            return matches[0]
    return min(text)


def pick_text(text: MultilingualText, languages: Iterable[str] = ()) -> str:
    """Return the text in the best language for a reader of *languages* (see `pick_language`).

    >>> pick_text({"fr": "Séance d'information", "en": "Briefing"}, ["es", "en"])
    'Briefing'
    """
    return text[pick_language(text, languages)]

"""Language coverage: which multilingual texts of a dataset lack which languages.

A text *has* a language when it holds that tag or a more specific one: ``zh-Hans``
serves ``zh`` and ``es-419`` serves ``es``, but ``fr`` does not serve ``fr-CA``. Tags
are compared without regard to case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from ._model import UN_LANGUAGES, Dataset, MultilingualText

__all__ = ["MissingTranslation", "language_coverage", "missing_counts"]


@attrs.frozen
class MissingTranslation:
    """A multilingual text of a dataset that lacks some of the languages asked for.

    *path* is the RFC 6901 JSON Pointer of the text in the document (such as
    ``/organizations/0/name``); *present* the tags the text has, in alphabetical order;
    *missing* the languages asked for that it lacks, in the order they were asked for.
    """

    path: str
    present: tuple[str, ...]
    missing: tuple[str, ...]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls))
    return names


def _texts(value: object, path: str) -> Iterator[tuple[str, MultilingualText]]:
    if isinstance(value, Mapping):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}/{index}")
    elif attrs.has(type(value)):
        # The JSON keys are the attribute names, and no name holds "~" or "/" to escape.
        for name in _field_names(type(value)):
            yield from _texts(getattr(value, name), f"{path}/{name}")


def _multilingual_texts(dataset: Dataset) -> Iterator[tuple[str, MultilingualText]]:
    """Every multilingual text of *dataset* with its JSON Pointer, in the model's field order."""
    return _texts(dataset, "")


def _has(text: MultilingualText, language: str) -> bool:
    wanted = language.lower()
    return any(tag.lower() == wanted or tag.lower().startswith(wanted + "-") for tag in text)


def language_coverage(
    dataset: Dataset, languages: Iterable[str] = UN_LANGUAGES
) -> list[MissingTranslation]:
    """Every multilingual text of *dataset* that lacks one of *languages*, in document order.

    Document order is the order of the model's fields (that of docs/format.md), lists in
    their order. Built-in topics are not part of the document and are not reported.

    >>> from ctocmodel import examples
    >>> language_coverage(examples.cop7(), ["en", "fr"])
    [MissingTranslation(path='/sources/0/title', present=('fr',), missing=('en',))]
    """
    if isinstance(languages, str):
        raise TypeError(f"languages is a sequence of tags such as ({languages!r},), not a string")
    wanted = tuple(dict.fromkeys(languages))  # each language once, in the order given
    result = []
    for path, text in _multilingual_texts(dataset):
        missing = tuple(language for language in wanted if not _has(text, language))
        if missing:
            result.append(
                MissingTranslation(path=path, present=tuple(sorted(text)), missing=missing)
            )
    return result


def missing_counts(
    gaps: Iterable[MissingTranslation], languages: Iterable[str] = UN_LANGUAGES
) -> dict[str, int]:
    """How many of *gaps* lack each of *languages*, in the order of *languages* (zeros included).

    >>> from ctocmodel import examples
    >>> missing_counts(language_coverage(examples.cop7()), ["en", "fr"])
    {'en': 1, 'fr': 0}
    """
    counts = dict.fromkeys(languages, 0)
    for gap in gaps:
        for language in gap.missing:
            if language in counts:
                counts[language] += 1
    return counts


_UN_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}


def report(dataset: Dataset, languages: tuple[str, ...] = UN_LANGUAGES) -> str:
    """The text of ``ctocmodel summary --languages``: counts per language, then each text."""
    total = sum(1 for _ in _multilingual_texts(dataset))
    gaps = language_coverage(dataset, languages)
    lines = [f"Multilingual texts: {total}", "Texts lacking each language:"]
    for language, count in missing_counts(gaps, languages).items():
        name = _UN_LANGUAGE_NAMES.get(language)
        label = f"{language} ({name})" if name else language
        lines.append(f"  {label}: {count}")
    lines.append("")
    if not gaps:
        lines.append("No text lacks a language.")
    else:
        lines.append(f"Texts lacking a language: {len(gaps)}")
        for gap in gaps:
            lines.append(
                f"  {gap.path}: has {', '.join(gap.present)}; lacks {', '.join(gap.missing)}"
            )
    return "\n".join(lines) + "\n"

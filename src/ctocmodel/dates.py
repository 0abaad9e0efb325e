"""Dates written in words, in the UN's languages, read into typed values.

People write the dates of a session as "du 6 au 10 octobre 2014", "October 6-10, 2014"
or "2014年10月6日至10日". `parse_date` reads one date into a `datetime.date`;
`parse_date_range` reads one date or a range into a `DateRange`:

>>> parse_date_range("du 6 au 10 octobre 2014", "fr")
DateRange(start=datetime.date(2014, 10, 6), end=datetime.date(2014, 10, 10))
>>> parse_date("6 octobre", "fr", year=2014)
datetime.date(2014, 10, 6)

Nothing is taken from today's date. A text that lacks its year, month or day, that
could be read two ways ("06/10/2014"), whose weekday contradicts its date, or that
holds words that are not part of a date is refused with a `ValidationError` holding one
`Problem` (path ``""``) that says what is wrong and how to write it instead:

>>> parse_date("6 octobre", "fr")
Traceback (most recent call last):
...
ctocmodel.errors.ValidationError: 1 problem found:
  '6 octobre' has no year; write the year, such as '6 octobre 2014', or pass year=2014

How: python-dateutil's parser reads each date, driven per language by a
`dateutil.parser.parserinfo` whose month and weekday names (every width, in the format
and the stand-alone contexts, lowercased, with and without accents, and their
unambiguous shortenings such as "sept" or "tues" in English, French, Spanish and
Russian) and whose filler words (the "de" of "6 de octubre de 2014", the "г." of
"6 октября 2014 г.") come from CLDR through Babel, the ``i18n`` extra. The few words that
CLDR does not have are this module's own, in ``_GRAMMAR``: the words that open and join a
range ("du ... au", "from ... to", "del ... al", "с ... по", "من ... إلى", "从 ... 到"),
articles ("le", "el", "the"), and day-number endings ("1st", "1er", "1.º", "6-го").
Chinese dates (年, 月, 日) have a small dedicated reader. Digits of any script (Arabic-Indic
٦, full-width ６) are read as digits.

`SUPPORTED_LANGUAGES` says what works in each language. Refused, never misread, in
every language: dates with numbers in words ("the sixth of October", "二〇一四年"),
relative dates ("next Monday"), other calendars (Hijri, Chinese lunar), times of day,
two-digit years ("6 Oct. 14"), numeric dates whose day and month could be swapped
("06/10/2014"; "2014-10-06" and "25/12/2014" are read), lists of days ("6 and 8
October") and ranges of more than two dates.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from functools import cache
from types import MappingProxyType
from typing import Any, Final, Literal, NoReturn, cast

import attrs
from dateutil.parser import parser, parserinfo

from ._optional import require
from .errors import Problem, ValidationError

__all__ = ["SUPPORTED_LANGUAGES", "DateRange", "parse_date", "parse_date_range"]

SUPPORTED_LANGUAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "en": (
            "'6 October 2014', 'October 6, 2014', 'Monday 6 October 2014', '1st October 2014', "
            "'6-10 Oct. 2014', 'October 6-10, 2014', '6 to 10 October 2014', "
            "'from 6 to 10 October 2014', 'between 6 and 10 October 2014', "
            "'30 September - 2 October 2014', ISO 2014-10-06"
        ),
        "fr": (
            "'6 octobre 2014', '1er octobre 2014', 'lundi 6 octobre 2014', "
            "'du 6 au 10 octobre 2014', '6–10 octobre 2014', '6 au 10 octobre 2014', "
            "'30 septembre - 2 octobre 2014', 'entre le 6 et le 10 octobre 2014', "
            "accents optional ('fevrier'), ISO 2014-10-06"
        ),
        "es": (
            "'6 de octubre de 2014', '1.º de octubre de 2014', 'lunes 6 de octubre de 2014', "
            "'del 6 al 10 de octubre de 2014', '6 al 10 de octubre de 2014', "
            "'30 de septiembre al 2 de octubre de 2014', 'entre el 6 y el 10 de octubre de 2014', "
            "'6-10 oct. 2014', accents optional ('sabado'); 'mar' is martes before a day "
            "number ('mar 7 de octubre'), marzo elsewhere ('7 mar 2014')"
        ),
        "ru": (
            "'6 октября 2014 г.', '6–10 октября 2014 г.', 'с 6 по 10 октября 2014 года', "
            "'с 30 сентября по 2 октября 2014 года', 'понедельник, 6 октября 2014 г.', "
            "'6-го октября 2014 года', 'между 6 и 10 октября 2014 года', '6 окт. 2014'; "
            "not: months in grammatical cases other than CLDR's nominative and genitive "
            "(the prepositional 'в октябре')"
        ),
        "ar": (
            "'6 أكتوبر 2014', '6-10 أكتوبر 2014' (also in Arabic-Indic digits, ٦–١٠), "
            "'من 6 إلى 10 أكتوبر 2014', 'الاثنين 6 أكتوبر 2014', the Levantine and Maghreb "
            "month names of CLDR ('تشرين الأول', 'أوت') and the UN's 'تشرين الأول/أكتوبر', "
            "hamza optional ('اكتوبر'); not: Hijri dates"
        ),
        "zh": (
            "'2014年10月6日', '2014年10月6日至10日', '2014年10月6日-10日', "
            "'2014年10月6日至11月2日', '2014年10月6-10日', '2014年10月6日（星期一）', "
            "month names such as 十月; not: days or years in Chinese numerals "
            "('二〇一四年十月六日')"
        ),
    }
)
"""What each language reads, from language tag (``"fr"``; ``"fr-CA"`` reads as ``"fr"``)."""

# The example year of messages, as in "such as '6 octobre 2014', or pass year=2014".
_EXAMPLE_YEAR: Final = 2014
_EXAMPLE: Final = dt.date(_EXAMPLE_YEAR, 10, 6)
_EXAMPLE_END: Final = dt.date(_EXAMPLE_YEAR, 10, 10)

# dateutil fills every part the text lacks from its `default`; reading a date with two
# defaults that differ in every part tells which parts the text gave (both leap years,
# so that 29 February reads with either).
_DEFAULT_A: Final = dt.datetime(2000, 1, 1)
_DEFAULT_B: Final = dt.datetime(1996, 12, 28, 23, 59, 59, 999999)

_MONTH_WIDTHS: Final[tuple[Literal["abbreviated", "wide", "narrow"], ...]] = (
    "abbreviated",
    "wide",
    "narrow",
)
_DAY_WIDTHS: Final[tuple[Literal["abbreviated", "wide", "narrow", "short"], ...]] = (
    "abbreviated",
    "wide",
    "narrow",
    "short",
)
_CONTEXTS: Final[tuple[Literal["format", "stand-alone"], ...]] = ("format", "stand-alone")
# CLDR date patterns and skeletons made of these fields only hold date words.
_DATE_FIELDS: Final = frozenset("yMLdEc")
# Punctuation that dateutil skips by default (its other default words are English).
_PUNCTUATION: Final = (" ", ".", ",", ";", "-", "/", "'")

_TOKEN: Final = re.compile(r"(?P<number>\d+)|(?P<word>[^\W\d_]+)|(?P<mark>\S)")
# Compact numeric forms (2014-10-06, 06/10/2014, 6.10.2014, 6-oct-2014): their
# separators are not range dashes.
_COMPACT: Final = re.compile(r"(?<![^\W_])[^\W_]+([-/.])[^\W_]+\1[^\W_]+(?![^\W_])")
_CHINESE_DATE: Final = re.compile(r"(?:(\d+)年)?(?:(\d+)月)?(?:(\d+)([日号])?)?")
_CHINESE_MARKS: Final = frozenset("年月日号")


@attrs.frozen(kw_only=True)
class DateRange:
    """The first and the last day of something that lasts days; one day has start == end.

    >>> DateRange(start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10)).days
    5
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        found = [
            Problem(path=f"/{name}", message=f"expected a date, got {type(value).__name__}")
            for name, value in (("start", self.start), ("end", self.end))
            if type(value) is not dt.date
        ]
        if not found and self.end < self.start:
            found.append(
                Problem(path="/end", message=f"ends ({self.end}) before it starts ({self.start})")
            )
        if found:
            raise ValidationError(found)

    @property
    def days(self) -> int:
        """The number of days, counting the first and the last."""
        return (self.end - self.start).days + 1


def parse_date(text: str, language: str, *, year: int | None = None) -> dt.date:
    """Read one date written in words in *language* (a BCP 47 tag such as ``"fr"``).

    *year* is used only when *text* has none. Raises `ValidationError` when the text is
    not exactly one date (a range is refused: use `parse_date_range`), and
    `MissingDependencyError` without Babel (``pip install babel``, or the extra ``i18n``).

    >>> parse_date("October 1st, 2014", "en")
    datetime.date(2014, 10, 1)
    >>> parse_date("1.º de octubre de 2014", "es")
    datetime.date(2014, 10, 1)
    """
    start, _, is_range = _read(text, language, year)
    if is_range:
        _refuse(
            f"{_quote(text)} is a range of dates, not one date; "
            "read it with parse_date_range, or write one date"
        )
    return start


def parse_date_range(text: str, language: str, *, year: int | None = None) -> DateRange:
    """Read a range of dates, or one date (start == end), written in words in *language*.

    A part missing on one side is taken from the other ("6–10 octobre 2014",
    "October 6-10, 2014"); *year* is used only when the text has none. Raises
    `ValidationError` and `MissingDependencyError` as `parse_date` does.

    >>> parse_date_range("с 6 по 10 октября 2014 года", "ru")
    DateRange(start=datetime.date(2014, 10, 6), end=datetime.date(2014, 10, 10))
    >>> parse_date_range("2014年10月6日至10日", "zh").days
    5
    """
    start, end, _ = _read(text, language, year)
    return DateRange(start=start, end=end)


# The words of each language that CLDR does not have. Words are lowercase and without
# accents; the ordinal is a regular expression of what follows a day number.


@attrs.frozen
class _Grammar:
    separators: frozenset[str]  # join the two ends of a range: "au", "to", "по"
    prefixes: Mapping[str, frozenset[str] | None]  # open a range, with their own separators
    fillers: frozenset[str] = frozenset()  # skipped anywhere: articles
    ordinal: str = ""  # the ending of a day number: "st" of "1st"
    shortenings: bool = True  # read unambiguous shortenings of names ("sept", "tues")


def _words(*words: str) -> frozenset[str]:
    return frozenset(words)


_GRAMMAR: Final[Mapping[str, _Grammar]] = MappingProxyType(
    {
        "en": _Grammar(
            separators=_words("to", "till", "until", "through", "thru"),
            prefixes={"from": None, "between": _words("and")},
            fillers=_words("the"),
            ordinal="st|nd|rd|th",
        ),
        "fr": _Grammar(
            separators=_words("au", "a"),
            prefixes={"du": None, "entre": _words("et")},
            fillers=_words("le"),
            ordinal="ère|ere|ème|eme|er|re|e",
        ),
        "es": _Grammar(
            separators=_words("al", "a", "hasta"),
            prefixes={"del": None, "de": None, "desde": None, "entre": _words("y")},
            fillers=_words("el", "del"),
            ordinal=r"\.?[oa°]",
        ),
        "ru": _Grammar(
            separators=_words("по", "до"),
            prefixes={"с": None, "со": None, "между": _words("и")},
            fillers=_words("года", "год", "году"),
            ordinal="-(?:ого|го|ое|е)",
        ),
        "ar": _Grammar(
            separators=_words("الى", "حتى", "لغاية"),
            prefixes={"من": None, "بين": _words("و")},
            fillers=_words("في", "الفترة", "يوم", "م"),
            shortenings=False,
        ),
        "zh": _Grammar(
            separators=_words("到"),
            prefixes={"从": None, "自": None},
            shortenings=False,
        ),
    }
)


class _CLDRParserInfo(parserinfo):
    """A dateutil `parserinfo` whose month, weekday and filler words come from CLDR."""

    def __init__(
        self,
        *,
        months: list[tuple[str, ...]],
        weekdays: list[tuple[str, ...]],
        jump: list[str],
        pertain: list[str],
    ) -> None:
        # dateutil reads these lists in __init__ (the stubs type them as 2- or 3-tuples).
        self.MONTHS = cast(Any, months)
        self.WEEKDAYS = cast(Any, weekdays)
        self.JUMP = jump
        self.PERTAIN = pertain
        # A date, never a time: no hour or minute words, no a.m./p.m., no time zones.
        self.HMS = []
        self.AMPM = []
        self.UTCZONE = []
        super().__init__(dayfirst=True, yearfirst=False)

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        """Keep the year as written: dateutil would guess a century from today's date."""
        return year


@attrs.frozen
class _Language:
    tag: str
    name: str  # in English, for messages: "French"
    info: _CLDRParserInfo
    parser: parser
    grammar: _Grammar
    separators: frozenset[str]  # the dash, CLDR's range separators and the grammar's
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # names of two words, made one
    ordinal: re.Pattern[str] | None
    months: tuple[tuple[str, int], ...]  # every month word, longest first
    both: Mapping[str, int]  # month words that are also weekdays, and which weekday
    ambiguous: Mapping[str, tuple[int, ...]]  # CLDR names not read, and the months they name
    weekdays: tuple[tuple[str, int], ...]  # every weekday word, longest first
    month_names: tuple[str, ...]  # 1 to 12, for messages
    weekday_names: tuple[str, ...]  # 0 (Monday) to 6, for messages
    long_date: Callable[[dt.date], str]
    long_range: Callable[[dt.date, dt.date], str]


@attrs.frozen
class _Token:
    kind: str  # "number", "word" or "mark"
    text: str
    compact: tuple[int, int] | None  # the span of the compact form it belongs to


@attrs.frozen
class _Part:
    """One end of a range as written: the parts it gives, and the weekday it names."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    weekday_text: str = ""


def _refuse(message: str) -> NoReturn:
    raise ValidationError([Problem(path="", message=message)])


def _quote(text: str) -> str:
    return f"'{' '.join(text.split())}'"


def _strip_marks(text: str) -> str:
    """Remove accents and other combining marks: 'février' -> 'fevrier', 'أكتوبر' -> 'اكتوبر'."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _normalize(text: str) -> str:
    """Lowercase, compatibility forms, ASCII digits, one kind of dash and of space."""
    out = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        elif category == "Pd" or char in "~\u2212":
            out.append("-")
        elif char.isspace():
            out.append(" ")
        # Bidirectional marks, vowel signs written or not, the Arabic kashida.
        elif category not in ("Cf", "Cc", "Mn") and char != "\u0640":
            out.append(char)
    return " ".join("".join(out).lower().split())


def _plain_spaces(text: str) -> str:
    return " ".join(text.split())


def _parse_language(language: str) -> str:
    if not isinstance(language, str):
        raise TypeError(f"language must be a BCP 47 tag such as 'fr', got {language!r}")
    tag = language.replace("_", "-").split("-")[0].lower()
    if tag not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"dates in words are read in {', '.join(SUPPORTED_LANGUAGES)}, not {language!r}"
        )
    return tag


def _collect(table: dict[str, set[int]], phrases: dict[str, str], name: str, value: int) -> None:
    word = _normalize(name).rstrip(".")
    for variant in {word, _strip_marks(word)}:
        joined = variant.replace(" ", "")
        # One letter ("J", "M") names several months; digits ("10月") are not words.
        if len(joined) < 2 or not joined.isalpha():
            continue
        if joined != variant:
            phrases[variant] = joined
        table.setdefault(joined, set()).add(value)


def _shortenings(words: Mapping[str, int], others: Iterable[str]) -> dict[str, int]:
    """Prefixes of three letters or more that name one month (or weekday) and nothing else."""
    meaning: dict[str, set[int]] = {}
    for word, value in words.items():
        for end in range(3, len(word)):
            meaning.setdefault(word[:end], set()).add(value)
    taken = set(words)
    for other in others:
        taken.update(other[:end] for end in range(3, len(other) + 1))
    return {
        prefix: next(iter(values))
        for prefix, values in meaning.items()
        if len(values) == 1 and prefix not in taken
    }


def _literals(pattern: str) -> list[str]:
    """The text of a CLDR date pattern that is not a field: "de" in "d 'de' MMMM 'de' y"."""
    from babel.dates import tokenize_pattern

    return [value for _, value in tokenize_pattern(pattern) if isinstance(value, str)]


def _trailing_literal(pattern: str) -> str:
    """The text after the last field of a pattern: " – " in "MMM d – "."""
    from babel.dates import tokenize_pattern

    trailing: list[str] = []
    for _, value in tokenize_pattern(pattern):
        trailing = [*trailing, value] if isinstance(value, str) else []
    return "".join(trailing)


@cache
def _language(tag: str) -> _Language:
    """Build a language's words from CLDR, once."""
    require("babel", package="babel", extra="i18n", feature="Reading dates in words")
    from babel import Locale, localedata
    from babel.dates import format_date, format_interval, get_day_names, get_month_names

    grammar = _GRAMMAR[tag]
    base = Locale.parse(tag)
    # Every regional variant of the language (es_MX, ar_SY, zh_Hant...), in its usual script.
    locales = [base]
    for identifier in sorted(localedata.locale_identifiers()):
        if identifier.startswith(f"{tag}_"):
            locale = Locale.parse(identifier)
            if locale.script in (None, "Hans", "Hant"):
                locales.append(locale)

    month_forms: dict[str, set[int]] = {}
    weekday_forms: dict[str, set[int]] = {}
    phrases: dict[str, str] = {}
    jump: set[str] = set(parserinfo.JUMP if tag == "en" else _PUNCTUATION)
    range_literals: list[str] = []
    date_literals: set[str] = set()
    for locale in locales:
        for context in _CONTEXTS:
            for month_width in _MONTH_WIDTHS:
                for number, name in get_month_names(month_width, context, locale).items():
                    _collect(month_forms, phrases, name, int(number))
            for day_width in _DAY_WIDTHS:
                for index, name in get_day_names(day_width, context, locale).items():
                    _collect(weekday_forms, phrases, name, int(index))
        patterns = [pattern.pattern for pattern in locale.date_formats.values()]
        patterns += [
            str(pattern)
            for skeleton, pattern in locale.datetime_skeletons.items()
            if set(skeleton) <= _DATE_FIELDS
        ]
        for pattern in patterns:
            for literal in _literals(pattern):
                date_literals.update(_normalize(literal))
        for skeleton, by_difference in locale.interval_formats.items():
            if skeleton is None or not set(skeleton) <= _DATE_FIELDS:
                continue
            for first, second in by_difference.values():
                patterns += [first, second]
                range_literals.append(_normalize(_trailing_literal(first)))
        for pattern in patterns:
            for literal in _literals(pattern):
                jump.update(match.group() for match in _TOKEN.finditer(_normalize(literal)))
    # What is left of the text between the two dates of a CLDR range once the date's own
    # words are gone: "–", "—", "至".
    separators = {"-", *grammar.separators}
    for literal in range_literals:
        rest = "".join(char for char in literal if char not in date_literals or char == "-")
        separators.update(rest.split())

    reserved = (
        set(grammar.separators)
        | set(grammar.prefixes)
        | set(grammar.fillers)
        | {word for words in grammar.prefixes.values() if words for word in words}
        | {word for word in jump if word.isalpha()}
    )
    # A name that could be cut from another month's name is not read: fr_MA's "jui" (juin)
    # is also the start of "juillet".
    months = {
        word: next(iter(values))
        for word, values in month_forms.items()
        if len(values) == 1
        and word not in reserved
        and not any(
            other.startswith(word) and values != others for other, others in month_forms.items()
        )
    }
    ambiguous = {
        word: tuple(
            sorted({n for other, ns in month_forms.items() if other.startswith(word) for n in ns})
        )
        for word in month_forms
        if word not in months and word not in reserved
    }
    weekdays = {
        word: next(iter(values))
        for word, values in weekday_forms.items()
        if len(values) == 1 and word not in reserved
    }
    # A word that is both, as "mar" in Spanish (marzo, martes) and French (mars in
    # fr_MA, mardi), is read by its place: a weekday before a day number, else a month.
    both = {word: weekdays.pop(word) for word in set(months) & set(weekdays)}
    for word in set(weekdays) & set(month_forms):
        del weekdays[word]
    if grammar.shortenings:
        extra_months = _shortenings(months, [*weekday_forms, *reserved])
        extra_weekdays = _shortenings(weekdays, [*month_forms, *reserved])
        months.update(extra_months)
        weekdays.update(extra_weekdays)

    info = _CLDRParserInfo(
        months=[tuple(sorted(w for w, n in months.items() if n == k)) for k in range(1, 13)],
        weekdays=[tuple(sorted(w for w, n in weekdays.items() if n == k)) for k in range(7)],
        jump=sorted(jump),
        pertain=["of"] if tag == "en" else [],
    )
    ordered_phrases = sorted(phrases.items(), key=lambda item: -len(item[0]))
    month_names = get_month_names("wide", "stand-alone", base)
    weekday_names = get_day_names("wide", "stand-alone", base)
    return _Language(
        tag=tag,
        name=base.english_name or tag,
        info=info,
        parser=parser(info),
        grammar=grammar,
        separators=frozenset(separators),
        phrases=tuple(
            (re.compile(rf"(?<![^\W\d_]){re.escape(phrase)}(?![^\W\d_])"), joined)
            for phrase, joined in ordered_phrases
        ),
        ordinal=(
            re.compile(rf"(?<=\d)(?:{grammar.ordinal})(?![^\W\d_])") if grammar.ordinal else None
        ),
        months=tuple(sorted(months.items(), key=lambda item: -len(item[0]))),
        both=MappingProxyType(both),
        ambiguous=MappingProxyType(ambiguous),
        weekdays=tuple(sorted(weekdays.items(), key=lambda item: -len(item[0]))),
        month_names=("", *(str(month_names[number]) for number in range(1, 13))),
        weekday_names=tuple(str(weekday_names[index]) for index in range(7)),
        long_date=lambda day: _plain_spaces(format_date(day, "long", locale=base)),
        long_range=lambda start, end: _plain_spaces(
            format_interval(start, end, "yMMMMd", locale=base)
        ),
    )


# Reading.


def _read(text: str, language: str, year: int | None) -> tuple[dt.date, dt.date, bool]:
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    tag = _parse_language(language)
    if year is not None and type(year) is not int:
        raise TypeError(f"year must be an integer, got {type(year).__name__}")
    if year is not None and not 1 <= year <= 9999:
        raise ValueError(f"year must be from 1 to 9999, got {year}")
    lang = _language(tag)
    normalized = _normalize(text)
    if not normalized:
        _refuse(f"{_quote(text)} is empty; write a date, such as '{lang.long_date(_EXAMPLE)}'")
    for pattern, joined in lang.phrases:
        normalized = pattern.sub(joined, normalized)
    if lang.ordinal is not None:
        normalized = lang.ordinal.sub("", normalized)
    if tag == "zh" and _CHINESE_MARKS.intersection(normalized):
        start, end = _split_chinese(normalized, lang, text)
    else:
        start, end = _split(normalized, lang, text)
    return _complete(start, end, year, lang, text)


def _split(normalized: str, lang: _Language, text: str) -> tuple[_Part, _Part | None]:
    """Find the range separator, if any, and read each side."""
    grammar = lang.grammar
    spans = [match.span() for match in _COMPACT.finditer(normalized)]
    prefix = None
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(normalized):
        word = _strip_marks(match.group())
        # A range opens with its first word that is not a filler ("في الفترة من").
        if not tokens and prefix is None and word in grammar.prefixes:
            prefix = match.group()
        elif word not in grammar.fillers:
            compact = next((span for span in spans if span[0] <= match.start() < span[1]), None)
            tokens.append(
                _Token(kind=match.lastgroup or "mark", text=match.group(), compact=compact)
            )
    allowed = grammar.prefixes.get(_strip_marks(prefix or "")) or lang.separators
    cuts = [
        index
        for index, token in enumerate(tokens)
        if token.compact is None and token.kind != "number" and _strip_marks(token.text) in allowed
    ]
    if len(cuts) > 1:
        found = ", ".join(f"'{tokens[index].text}'" for index in cuts)
        _refuse(
            f"{_quote(text)} has more than one range separator ({found}); write one range "
            f"of two dates, such as '{lang.long_range(_EXAMPLE, _EXAMPLE_END)}'"
        )
    if not cuts:
        if prefix is not None:
            _refuse(
                f"{_quote(text)} opens a range with '{prefix}' but has no end; write both "
                f"dates, such as '{lang.long_range(_EXAMPLE, _EXAMPLE_END)}', or one date"
            )
        return _read_side(tokens, lang, text, normalized), None
    cut = cuts[0]
    left, right = tokens[:cut], tokens[cut + 1 :]
    if not left or not right:
        _refuse(
            f"{_quote(text)} has nothing {'before' if not left else 'after'} "
            f"'{tokens[cut].text}'; write both dates of the range, such as "
            f"'{lang.long_range(_EXAMPLE, _EXAMPLE_END)}'"
        )
    return _read_side(left, lang, text, normalized), _read_side(right, lang, text, normalized)


def _read_side(tokens: list[_Token], lang: _Language, text: str, normalized: str) -> _Part:
    """Read one date (or one end of a range) that may lack parts."""
    info = lang.info
    weekday: tuple[int, str] | None = None
    months: list[int] = []
    numbers: list[str] = []
    kept: list[str] = []
    unknown: list[str] = []
    for index, token in enumerate(tokens):
        if token.kind == "number":
            numbers.append(token.text)
            kept.append(token.text)
            continue
        if token.kind == "word":
            month = info.month(token.text)
            following = next(
                (later for later in tokens[index + 1 :] if later.text not in (".", ",")), None
            )
            if (
                token.text in lang.both
                and following is not None
                and following.kind == "number"
                and len(following.text) <= 2
            ):
                month = None
            if month is not None:
                if month not in months:
                    kept.append(token.text)
                months.append(month)
                continue
            day = lang.both.get(token.text) if month is None else None
            day = info.weekday(token.text) if day is None else day
            if day is not None:
                if weekday is not None and weekday[0] != day:
                    _refuse(
                        f"{_quote(text)} names two weekdays ('{weekday[1]}', '{token.text}') "
                        "for one date; keep the right one"
                    )
                weekday = (day, token.text)
                continue
        if info.jump(token.text) or token.compact is not None:
            kept.append(token.text)
        else:
            unknown.append(token.text)
    for word in unknown:
        if word in lang.ambiguous:
            named = _listed([lang.month_names[month] for month in lang.ambiguous[word]])
            _refuse(f"{_quote(text)} has '{word}', which could be {named}; write the month in full")
    if unknown:
        distinct = list(dict.fromkeys(unknown))
        listed = _listed([f"'{word}'" for word in distinct], "and")
        many = len(distinct) > 1
        _refuse(
            f"{_quote(text)} has {listed}, which {'are' if many else 'is'} not part of a "
            f"date in {lang.name}; remove {'them' if many else 'it'} or correct the spelling"
        )
    if len(set(months)) > 1:
        named = ", ".join(lang.month_names[month] for month in dict.fromkeys(months))
        _refuse(f"{_quote(text)} names more than one month ({named}) for one date")
    days = weekday or (None, "")
    compacts = {token.compact for token in tokens if token.compact is not None}
    if compacts and not months:
        start, end = next(iter(compacts))
        if len(compacts) > 1 or len(numbers) != 3:
            _refuse(f"{_quote(text)} has too many numbers for one date")
        return _read_numeric(normalized[start:end], lang, text, days)
    if not months:
        return _read_day_and_year(numbers, kept, lang, text, days)
    return _read_words(months[0], numbers, kept, lang, text, days)


def _classify(numbers: list[str], lang: _Language, text: str) -> tuple[str | None, str | None]:
    """Tell the day (one or two digits) from the year (four digits) among the numbers."""
    for number in numbers:
        if len(number) not in (1, 2, 4):
            _refuse(
                f"{_quote(text)} has '{number}', which is neither a day of the month "
                "nor a year of four digits"
            )
    short = [number for number in numbers if len(number) <= 2]
    long = [number for number in numbers if len(number) == 4]
    if len(short) > 1 and not long and len(short) == len(numbers) == 2:
        _refuse(
            f"{_quote(text)} has two numbers that could each be the day or the year "
            f"('{short[0]}', '{short[1]}'); write the year with its four digits, such as "
            f"'{lang.long_date(_EXAMPLE)}'"
        )
    if len(short) > 1 or len(long) > 1:
        _refuse(
            f"{_quote(text)} has too many numbers for one date ({', '.join(numbers)}); "
            f"for a range, join its two dates with a dash, such as "
            f"'{lang.long_range(_EXAMPLE, _EXAMPLE_END)}'"
        )
    return (short[0] if short else None), (long[0] if long else None)


def _read_day_and_year(
    numbers: list[str], kept: list[str], lang: _Language, text: str, days: tuple[int | None, str]
) -> _Part:
    """One end of a range without a month ("6" in "6–10 octobre", "10, 2014" in English)."""
    if len(numbers) >= 2 and ("/" in kept or "." in kept or len(numbers) > 2):
        _refuse(
            f"{_quote(text)} is ambiguous: its month is in figures, and the numbers could "
            f"be read in more than one order; write the month in words, such as "
            f"'{lang.long_date(_EXAMPLE)}', or use the form YYYY-MM-DD"
        )
    day, year = _classify(numbers, lang, text)
    return _Part(
        year=None if year is None else int(year),
        day=None if day is None else int(day),
        weekday=days[0],
        weekday_text=days[1],
    )


def _read_numeric(compact: str, lang: _Language, text: str, days: tuple[int | None, str]) -> _Part:
    """A date in figures: read only when its order cannot be mistaken."""
    first, second, third = re.split(r"[-/.]", compact)
    if len(first) == 4:
        yearfirst, dayfirst = True, False
    elif len(third) == 4 and len(first) <= 2 and len(second) <= 2:
        a, b = int(first), int(second)
        if a <= 12 and b <= 12 and a != b:
            _refuse(
                f"{_quote(text)} is ambiguous: the day and the month could be either way "
                f"round; write the month in words or use {third}-{b:02}-{a:02} "
                f"(or {third}-{a:02}-{b:02})"
            )
        yearfirst, dayfirst = False, b <= 12
    else:
        reading = "the form YYYY-MM-DD"
        if all(len(part) <= 2 for part in (first, second, third)):
            with suppress(ValueError):
                reading = dt.date(2000 + int(third), int(second), int(first)).isoformat()
        _refuse(
            f"{_quote(text)} is ambiguous: day, month and year could be in any order; "
            f"write the month in words or use {reading}"
        )
    try:
        value = lang.parser.parse(
            compact, default=_DEFAULT_A, dayfirst=dayfirst, yearfirst=yearfirst, ignoretz=True
        )
    except (ValueError, OverflowError):
        _refuse(f"{_quote(text)} is not a date: no such day, month or year in {compact}")
    year = int(first) if yearfirst else int(third)
    if value.year != year:  # pragma: no cover - the checks above leave one reading
        _refuse(f"{_quote(text)} could not be read unambiguously; use the form YYYY-MM-DD")
    return _Part(
        year=value.year,
        month=value.month,
        day=value.day,
        weekday=days[0],
        weekday_text=days[1],
    )


def _read_words(
    month: int,
    numbers: list[str],
    kept: list[str],
    lang: _Language,
    text: str,
    days: tuple[int | None, str],
) -> _Part:
    """A date with its month in words, read by dateutil; the parts it lacks are None."""
    day_text, year_text = _classify(numbers, lang, text)
    if day_text is not None:
        _check_day(int(day_text), month, None if year_text is None else int(year_text), lang, text)
    written = " ".join(kept)
    try:
        a = lang.parser.parse(written, default=_DEFAULT_A, fuzzy=False, ignoretz=True)
        b = lang.parser.parse(written, default=_DEFAULT_B, fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError):
        _refuse(
            f"{_quote(text)} could not be read as a date in {lang.name}; write the day, "
            f"the month in words and the year, such as '{lang.long_date(_EXAMPLE)}'"
        )
    part = _Part(
        year=a.year if a.year == b.year else None,
        month=a.month if a.month == b.month else None,
        day=a.day if a.day == b.day else None,
        weekday=days[0],
        weekday_text=days[1],
    )
    # Checked against what the text was seen to hold: dateutil fills silently.
    if (
        a.time() != _DEFAULT_A.time()
        or b.time() != _DEFAULT_B.time()
        or part.month != month
        or part.day != (None if day_text is None else int(day_text))
        or part.year != (None if year_text is None else int(year_text))
    ):
        _refuse(
            f"{_quote(text)} could not be read unambiguously; write the day, the month in "
            f"words and the year, such as '{lang.long_date(_EXAMPLE)}'"
        )
    return part


def _check_day(day: int, month: int, year: int | None, lang: _Language, text: str) -> None:
    if not 1 <= month <= 12:
        _refuse(f"{_quote(text)} is not a date: there is no month {month}")
    last = monthrange(2000 if year is None else year, month)[1]
    if day < 1:
        _refuse(f"{_quote(text)} is not a date: there is no day {day}")
    if day > last:
        where = lang.month_names[month] + ("" if year is None else f" {year}")
        _refuse(f"{_quote(text)} is not a date: {where} has {last} days, not {day}")


def _split_chinese(normalized: str, lang: _Language, text: str) -> tuple[_Part, _Part | None]:
    """The dedicated reader of 年, 月, 日: "2014年10月6日至10日", "2014年10月6-10日"."""
    written = normalized.replace(" ", "")
    prefix = next((p for p in lang.grammar.prefixes if written.startswith(p)), None)
    if prefix is not None:
        written = written[len(prefix) :]
    separators = "|".join(re.escape(s) for s in sorted(lang.separators, key=len, reverse=True))
    pieces = re.split(separators, written)
    if len(pieces) > 2:
        _refuse(
            f"{_quote(text)} has more than one range separator; write one range of two "
            f"dates, such as '{lang.long_range(_EXAMPLE, _EXAMPLE_END)}'"
        )
    if len(pieces) == 1:
        if prefix is not None:
            _refuse(
                f"{_quote(text)} opens a range with '{prefix}' but has no end; write both "
                f"dates, such as '{lang.long_range(_EXAMPLE, _EXAMPLE_END)}', or one date"
            )
        return _chinese_side(pieces[0], lang, text, start_of_range=False), None
    left, right = pieces
    return (
        _chinese_side(left, lang, text, start_of_range=True),
        _chinese_side(right, lang, text, start_of_range=False),
    )


def _chinese_side(written: str, lang: _Language, text: str, *, start_of_range: bool) -> _Part:
    weekday: tuple[int, str] | None = None
    for word, index in lang.weekdays:
        if word in written:
            if weekday is not None and weekday[0] != index:
                _refuse(
                    f"{_quote(text)} names two weekdays ('{weekday[1]}', '{word}') for one "
                    "date; keep the right one"
                )
            weekday = (index, word)
            written = written.replace(word, "")
    written = written.replace("(", "").replace(")", "").replace(",", "")
    for word, number in lang.months:
        written = written.replace(word, f"{number}月")
    match = _CHINESE_DATE.fullmatch(written)
    if not written or match is None:
        _refuse(
            f"{_quote(text)} could not be read as a date in Chinese; write it with figures, "
            f"such as '{lang.long_date(_EXAMPLE)}'"
        )
    year, month, day, mark = match.groups()
    if day is not None and mark is None and month is None and not start_of_range:
        _refuse(
            f"{_quote(text)} has '{day}' without 年, 月 or 日; write it as "
            f"'{lang.long_date(_EXAMPLE)}'"
        )
    if year is not None and len(year) != 4:
        _refuse(
            f"{_quote(text)} has a year of {len(year)} digits ({year}年); write the year "
            f"with its four digits, such as '{lang.long_date(_EXAMPLE)}'"
        )
    if (month is not None and len(month) > 2) or (day is not None and len(day) > 2):
        _refuse(f"{_quote(text)} is not a date: a month or day has more than two digits")
    if day is not None and month is not None:
        _check_day(int(day), int(month), None if year is None else int(year), lang, text)
    elif month is not None and not 1 <= int(month) <= 12:
        _refuse(f"{_quote(text)} is not a date: there is no month {int(month)}")
    return _Part(
        year=None if year is None else int(year),
        month=None if month is None else int(month),
        day=None if day is None else int(day),
        weekday=None if weekday is None else weekday[0],
        weekday_text="" if weekday is None else weekday[1],
    )


# Putting the parts together.


def _with_year(text: str, lang: _Language) -> str:
    written = " ".join(text.split())
    if lang.tag == "zh":
        return f"{_EXAMPLE_YEAR}年{written}"
    if lang.tag == "en" and written[-1:].isdigit():
        return f"{written}, {_EXAMPLE_YEAR}"
    if lang.tag == "es":
        return f"{written} de {_EXAMPLE_YEAR}"
    if lang.tag == "ru":
        return f"{written} {_EXAMPLE_YEAR} г."
    return f"{written} {_EXAMPLE_YEAR}"


def _listed(names: list[str], conjunction: str = "or") -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _refuse_missing(part: _Part, missing: list[str], lang: _Language, text: str) -> NoReturn:
    if missing == ["year"]:
        _refuse(
            f"{_quote(text)} has no year; write the year, such as "
            f"'{_with_year(text, lang)}', or pass year={_EXAMPLE_YEAR}"
        )
    try:
        example = dt.date(part.year or _EXAMPLE_YEAR, part.month or 10, part.day or 6)
    except ValueError:
        example = _EXAMPLE
    what = {"day": "the day of the month", "month": "the month in words"}
    advice = f"write {what[missing[0]]}" if len(missing) == 1 else "write a full date"
    _refuse(
        f"{_quote(text)} has no {_listed(missing)}; {advice}, such as '{lang.long_date(example)}'"
    )


def _date(year: int, month: int, day: int, part: _Part, lang: _Language, text: str) -> dt.date:
    _check_day(day, month, year, lang, text)
    value = dt.date(year, month, day)
    if part.weekday is not None and part.weekday != value.weekday():
        actual = lang.weekday_names[value.weekday()]
        _refuse(
            f"{_quote(text)} says '{part.weekday_text}', but {lang.long_date(value)} falls on "
            f"a {actual}; correct the day or the weekday"
        )
    return value


def _complete(
    left: _Part, right: _Part | None, year: int | None, lang: _Language, text: str
) -> tuple[dt.date, dt.date, bool]:
    """Give each end the parts it lacks from the other end, then from *year*; check."""
    if right is None:
        part = left if left.year is not None or year is None else attrs.evolve(left, year=year)
        if part.day is None or part.month is None or part.year is None:
            given = (("day", part.day), ("month", part.month), ("year", part.year))
            _refuse_missing(part, [name for name, value in given if value is None], lang, text)
        value = _date(part.year, part.month, part.day, part, lang, text)
        return value, value, False

    example = lang.long_range(_EXAMPLE, _EXAMPLE_END)
    if left.day is None or right.day is None:
        _refuse(
            f"{_quote(text)} has no day at its {'start' if left.day is None else 'end'}; "
            f"write the day of the month at both ends, such as '{example}'"
        )
    start_month = left.month or right.month
    end_month = right.month or left.month
    if start_month is None or end_month is None:
        _refuse(f"{_quote(text)} has no month; write the month in words, such as '{example}'")
    start_year = left.year if left.year is not None else right.year
    end_year = right.year if right.year is not None else left.year
    if start_year is None or end_year is None:
        if year is None:
            _refuse(
                f"{_quote(text)} has no year; write the year, such as "
                f"'{_with_year(text, lang)}', or pass year={_EXAMPLE_YEAR}"
            )
        start_year = end_year = year
    start = _date(start_year, start_month, left.day, left, lang, text)
    end = _date(end_year, end_month, right.day, right, lang, text)
    if end < start:
        advice = "write the first date first"
        if (left.year is None or right.year is None) and start.month > end.month:
            # The year written once was given to both ends; it may belong to one only.
            try:
                if right.year is None:
                    example = lang.long_range(start, end.replace(year=end.year + 1))
                else:
                    example = lang.long_range(start.replace(year=start.year - 1), end)
            except ValueError:  # 29 February
                example = lang.long_range(dt.date(2014, 12, 30), dt.date(2015, 1, 2))
            advice = (
                f"if it runs into the next year, write the year of both dates, such as '{example}'"
            )
        _refuse(
            f"{_quote(text)} ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            f"{advice}"
        )
    return start, end, True

"""Dates in words: parse_date and parse_date_range, what each language reads and refuses."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from babel.dates import format_date, format_interval, get_day_names, get_month_names
from hypothesis import given
from hypothesis import strategies as st

from ctocmodel import dates
from ctocmodel.dates import SUPPORTED_LANGUAGES, DateRange, parse_date, parse_date_range
from ctocmodel.errors import ValidationError

# The words of a language, built from CLDR: reached by the tests that pin where they come from.
_language = dates._language


def day(month: int, number: int, year: int = 2014) -> DateRange:
    """One day, as parse_date_range returns it."""
    date = dt.date(year, month, number)
    return DateRange(start=date, end=date)


def days(start: dt.date, end: dt.date) -> DateRange:
    """A range of days."""
    return DateRange(start=start, end=end)


COP7 = days(dt.date(2014, 10, 6), dt.date(2014, 10, 10))
SEP30_OCT2 = days(dt.date(2014, 9, 30), dt.date(2014, 10, 2))
NEW_YEAR = days(dt.date(2014, 12, 30), dt.date(2015, 1, 2))

Expected = DateRange | str  # a refusal is a fragment of its message


def check(text: str, language: str, expected: Expected) -> None:
    """Read *text*; a string *expected* is a fragment of the one problem's message."""
    if isinstance(expected, DateRange):
        assert parse_date_range(text, language) == expected
        return
    with pytest.raises(ValidationError) as caught:
        parse_date_range(text, language)
    (problem,) = caught.value.errors
    assert problem.path == ""
    assert expected in problem.message


ENGLISH: list[tuple[str, Expected]] = [
    ("6 October 2014", day(10, 6)),
    ("October 6, 2014", day(10, 6)),
    ("Monday 6 October 2014", day(10, 6)),
    ("Monday, October 6, 2014", day(10, 6)),
    ("1st October 2014", day(10, 1)),
    ("October 1st, 2014", day(10, 1)),
    ("the 2nd of October 2014", day(10, 2)),
    ("23rd October 2014", day(10, 23)),
    ("6 Oct. 2014", day(10, 6)),
    ("Sept 30, 2014", day(9, 30)),
    ("Tues 7 Oct 2014", day(10, 7)),
    ("6 OCTOBER 2014", day(10, 6)),
    ("  6   October \t 2014 ", day(10, 6)),
    ("2014-10-06", day(10, 6)),
    ("25/12/2014", day(12, 25)),
    ("12/25/2014", day(12, 25)),
    ("October 6-10, 2014", COP7),
    ("October 6th–10th, 2014", COP7),
    ("6-10 Oct. 2014", COP7),
    ("6–10 October 2014", COP7),
    ("6 to 10 October 2014", COP7),
    ("from 6 to 10 October 2014", COP7),
    ("6 October to 10 October 2014", COP7),
    ("between 6 and 10 October 2014", COP7),
    ("Monday 6 - Friday 10 October 2014", COP7),
    ("2014-10-06 – 2014-10-10", COP7),
    ("30 September - 2 October 2014", SEP30_OCT2),
    ("Sep 30 – Oct 2, 2014", SEP30_OCT2),
    ("30 December 2014 - 2 January 2015", NEW_YEAR),
    ("6 October", "'6 October' has no year; write the year, such as '6 October 2014'"),
    ("October 6-10", "such as 'October 6-10, 2014', or pass year=2014"),
    ("October 2014", "'October 2014' has no day; write the day of the month"),
    ("6 2014", "'6 2014' has no month; write the month in words"),
    ("10/11/12", "is ambiguous: day, month and year could be in any order"),
    ("06/10/2014", "the day and the month could be either way round"),
    ("Tuesday 6 October 2014", "says 'tuesday', but October 6, 2014 falls on a Monday"),
    ("6 October 2014 at noon", "has 'noon', which is not part of a date in English"),
    ("6 October 2014 10:00", "has ':', which is not part of a date in English"),
    ("6 Octobre 2014", "has 'octobre', which is not part of a date in English"),
    ("10 to 6 October 2014", "before it starts (2014-10-10); write the first date first"),
    ("30 December 2014 - 2 January", "such as 'Dec 30, 2014 – Jan 2, 2015'"),
    ("30 December - 2 January 2015", "if it runs into the next year, write the year of both"),
    ("6 Oct 14", "write the year with its four digits"),
    ("31 September 2014", "is not a date: September 2014 has 30 days, not 31"),
    ("6 and 10 October 2014", "has too many numbers for one date"),
    ("between 6-10 October 2014", "opens a range with 'between' but has no end"),
    ("6 - 8 - 10 October 2014", "has more than one range separator"),
    ("", "'' is empty; write a date, such as 'October 6, 2014'"),
]

FRENCH: list[tuple[str, Expected]] = [
    ("6 octobre 2014", day(10, 6)),
    ("lundi 6 octobre 2014", day(10, 6)),
    ("1er octobre 2014", day(10, 1)),
    ("le 1er octobre 2014", day(10, 1)),
    ("2e octobre 2014", day(10, 2)),
    ("6 oct. 2014", day(10, 6)),
    ("6 févr. 2014", day(2, 6)),
    ("6 fevrier 2014", day(2, 6)),
    ("6 FÉVRIER 2014", day(2, 6)),
    ("6 aout 2014", day(8, 6)),
    ("6 juil. 2014", day(7, 6)),
    ("mar. 7 octobre 2014", day(10, 7)),
    ("13/10/2014", day(10, 13)),
    ("2014-10-06", day(10, 6)),
    ("du 6 au 10 octobre 2014", COP7),
    ("6–10 octobre 2014", COP7),
    ("6-10 octobre 2014", COP7),
    ("6 au 10 octobre 2014", COP7),
    ("6 - 10 octobre 2014", COP7),
    ("entre le 6 et le 10 octobre 2014", COP7),
    ("du lundi 6 au vendredi 10 octobre 2014", COP7),
    ("DU 6 AU 10 OCTOBRE 2014", COP7),
    ("  du 6   au 10 octobre  2014 ", COP7),
    ("6 octobre 2014 au 10 octobre 2014", COP7),
    ("30 septembre - 2 octobre 2014", SEP30_OCT2),
    ("du 30 septembre au 2 octobre 2014", SEP30_OCT2),
    ("30 sept.–2 oct. 2014", SEP30_OCT2),
    ("du 30 décembre 2014 au 2 janvier 2015", NEW_YEAR),
    (
        "6 octobre",
        "'6 octobre' has no year; write the year, such as '6 octobre 2014', or pass year=2014",
    ),
    ("octobre 2014", "'octobre 2014' has no day; write the day of the month"),
    ("lundi 7 octobre 2014", "says 'lundi', but 7 octobre 2014 falls on a mardi"),
    ("06/10/2014", "'06/10/2014' is ambiguous: the day and the month could be either way"),
    (
        "10/11/12",
        "'10/11/12' is ambiguous: day, month and year could be in any order; "
        "write the month in words or use 2012-11-10",
    ),
    (
        "du 10 au 6 octobre 2014",
        "ends (2014-10-06) before it starts (2014-10-10); write the first date first",
    ),
    ("30 décembre au 2 janvier 2015", "write the year of both dates"),
    ("6 octobre 2014 matin", "has 'matin', which is not part of a date in French"),
    ("31 septembre 2014", "septembre 2014 has 30 days, not 31"),
    ("29 février 2015", "février 2015 has 28 days, not 29"),
    ("du 6 octobre 2014", "opens a range with 'du' but has no end"),
    ("6 et 10 octobre 2014", "has 'et', which is not part of a date in French"),
    ("6 jui. 2014", "has 'jui', which could be juin or juillet; write the month in full"),
]

SPANISH: list[tuple[str, Expected]] = [
    ("6 de octubre de 2014", day(10, 6)),
    ("lunes 6 de octubre de 2014", day(10, 6)),
    ("lunes, 6 de octubre de 2014", day(10, 6)),
    ("el 6 de octubre de 2014", day(10, 6)),
    ("6 de octubre del 2014", day(10, 6)),
    ("1.º de octubre de 2014", day(10, 1)),
    ("1º de octubre de 2014", day(10, 1)),
    ("6 oct. 2014", day(10, 6)),
    ("6 sept. 2014", day(9, 6)),
    ("6 sep 2014", day(9, 6)),
    ("6 mar 2014", day(3, 6)),
    ("mar 7 de octubre de 2014", day(10, 7)),
    ("sábado 11 de octubre de 2014", day(10, 11)),
    ("sabado 11 de octubre de 2014", day(10, 11)),
    ("miércoles 8 de octubre de 2014", day(10, 8)),
    ("2014-10-06", day(10, 6)),
    ("del 6 al 10 de octubre de 2014", COP7),
    ("6 al 10 de octubre de 2014", COP7),
    ("6–10 de octubre de 2014", COP7),
    ("6-10 oct. 2014", COP7),
    ("desde el 6 hasta el 10 de octubre de 2014", COP7),
    ("entre el 6 y el 10 de octubre de 2014", COP7),
    ("lunes 6 al viernes 10 de octubre de 2014", COP7),
    ("DEL 6 AL 10 DE OCTUBRE DE 2014", COP7),
    ("30 de septiembre al 2 de octubre de 2014", SEP30_OCT2),
    ("del 30 de diciembre de 2014 al 2 de enero de 2015", NEW_YEAR),
    (
        "6 de octubre",
        "'6 de octubre' has no year; write the year, such as '6 de octubre de 2014'",
    ),
    ("octubre de 2014", "has no day; write the day of the month"),
    ("martes 6 de octubre de 2014", "says 'martes', but 6 de octubre de 2014 falls on a lunes"),
    ("6 de octubre de 14", "write the year with its four digits"),
    ("10/11/12", "is ambiguous: day, month and year could be in any order"),
    ("del 10 al 6 de octubre de 2014", "ends (2014-10-06) before it starts (2014-10-10)"),
    ("6 de octubre de 2014 por la mañana", "has 'por', 'la' and 'mañana', which are not"),
    ("31 de septiembre de 2014", "septiembre 2014 has 30 days, not 31"),
    ("del 6 de octubre de 2014", "opens a range with 'del' but has no end"),
    ("6 y 10 de octubre de 2014", "has 'y', which is not part of a date in Spanish"),
]

RUSSIAN: list[tuple[str, Expected]] = [
    ("6 октября 2014 г.", day(10, 6)),
    ("6 октября 2014 года", day(10, 6)),
    ("6 октябрь 2014", day(10, 6)),
    ("6-го октября 2014 года", day(10, 6)),
    ("6 окт. 2014", day(10, 6)),
    ("6 ОКТЯБРЯ 2014 Г.", day(10, 6)),
    ("понедельник, 6 октября 2014 г.", day(10, 6)),
    ("6–10 октября 2014 г.", COP7),
    ("с 6 по 10 октября 2014 года", COP7),
    ("с 6 до 10 октября 2014 года", COP7),
    ("с 6-го по 10-е октября 2014 года", COP7),
    ("между 6 и 10 октября 2014 года", COP7),
    ("6 октября 2014 г. — 10 октября 2014 г.", COP7),
    ("с 30 сентября по 2 октября 2014 года", SEP30_OCT2),
    ("6 октября", "'6 октября' has no year; write the year, such as '6 октября 2014 г.'"),
    ("вторник, 6 октября 2014 года", "falls on a понедельник"),
    ("6 октябре 2014", "has 'октябре', which is not part of a date in Russian"),
    ("6.10.2014", "is ambiguous: the day and the month could be either way round"),
]

ARABIC: list[tuple[str, Expected]] = [
    ("6 أكتوبر 2014", day(10, 6)),
    ("6 اكتوبر 2014", day(10, 6)),
    ("٦ أكتوبر ٢٠١٤", day(10, 6)),
    ("الاثنين، 6 أكتوبر 2014", day(10, 6)),
    ("يوم الاثنين 6 أكتوبر 2014", day(10, 6)),
    ("6 تشرين الأول/أكتوبر 2014", day(10, 6)),
    ("6 أوت 2014", day(8, 6)),
    ("6 أكتوبر 2014م", day(10, 6)),
    ("6-10 أكتوبر 2014", COP7),
    ("٦–١٠ أكتوبر ٢٠١٤", COP7),
    ("\u200f6\u200f-10 أكتوبر 2014", COP7),
    ("من 6 إلى 10 أكتوبر 2014", COP7),
    ("في الفترة من 6 إلى 10 أكتوبر 2014", COP7),
    ("بين 6 و10 أكتوبر 2014", COP7),
    ("6-10 تشرين الأول/أكتوبر 2014", COP7),
    ("30 أيلول/سبتمبر - 2 تشرين الأول/أكتوبر 2014", SEP30_OCT2),
    ("من 30 ديسمبر 2014 إلى 2 يناير 2015", NEW_YEAR),
    ("6 أكتوبر", "has no year; write the year, such as '6 أكتوبر 2014'"),
    ("الثلاثاء 6 أكتوبر 2014", "falls on a الاثنين"),
    ("6 أكتوبر/نوفمبر 2014", "names more than one month"),
    ("٦/١٠/٢٠١٤", "is ambiguous: the day and the month could be either way round"),
]

CHINESE: list[tuple[str, Expected]] = [
    ("2014年10月6日", day(10, 6)),
    ("2014年10月6号", day(10, 6)),
    ("2014 年 10 月 6 日", day(10, 6)),
    ("２０１４年１０月６日", day(10, 6)),
    ("2014年十月6日", day(10, 6)),
    ("2014年10月6日（星期一）", day(10, 6)),
    ("2014年10月6日周一", day(10, 6)),
    ("2014-10-06", day(10, 6)),
    ("2014年10月6日至10日", COP7),
    ("2014年10月6日-10日", COP7),
    ("2014年10月6-10日", COP7),
    ("2014年10月6日到10日", COP7),
    ("从2014年10月6日到10日", COP7),
    ("2014年9月30日至10月2日", SEP30_OCT2),
    ("2014年12月30日至2015年1月2日", NEW_YEAR),
    (
        "10月6日至10日",
        "'10月6日至10日' has no year; write the year, such as '2014年10月6日至10日', "
        "or pass year=2014",
    ),
    ("14年10月6日", "write the year with its four digits"),
    ("2014年10月", "has no day"),
    ("2014年10月7日（星期一）", "says '星期一', but 2014年10月7日 falls on a 星期二"),
    ("2014年10月32日", "is not a date: 十月 2014 has 31 days, not 32"),
    ("二〇一四年十月六日", "could not be read as a date in Chinese; write it with figures"),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: Expected) -> None:
    """English: both day orders, ordinals, 'to', 'from', 'between', dashes; refusals."""
    check(text, "en", expected)


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text: str, expected: Expected) -> None:
    """French: 'du ... au', '1er', accents optional, dashes; refusals."""
    check(text, "fr", expected)


@pytest.mark.parametrize(("text", "expected"), SPANISH)
def test_spanish(text: str, expected: Expected) -> None:
    """Spanish: 'del ... al', '1.º', 'de' fillers, 'mar' by its place; refusals."""
    check(text, "es", expected)


@pytest.mark.parametrize(("text", "expected"), RUSSIAN)
def test_russian(text: str, expected: Expected) -> None:
    """Russian: genitive months, 'г.' and 'года', 'с ... по'; refusals."""
    check(text, "ru", expected)


@pytest.mark.parametrize(("text", "expected"), ARABIC)
def test_arabic(text: str, expected: Expected) -> None:
    """Arabic: Arabic-Indic digits, 'من ... إلى', Levantine and Maghreb names; refusals."""
    check(text, "ar", expected)


@pytest.mark.parametrize(("text", "expected"), CHINESE)
def test_chinese(text: str, expected: Expected) -> None:
    """Chinese: 年月日 with figures, 至 and 到, weekdays in brackets; refusals."""
    check(text, "zh", expected)


def test_tables_have_at_least_thirty_expressions_per_language() -> None:
    """The issue asks for thirty expressions at least in English, French and Spanish."""
    assert min(len(ENGLISH), len(FRENCH), len(SPANISH)) >= 30


def test_parse_date_returns_a_date() -> None:
    """parse_date gives a datetime.date, never a datetime.datetime."""
    value = parse_date("lundi 6 octobre 2014", "fr")
    assert type(value) is dt.date
    assert value == dt.date(2014, 10, 6)


def test_parse_date_refuses_a_range() -> None:
    """One date is asked for: a range is refused, and the message names parse_date_range."""
    with pytest.raises(ValidationError, match="is a range of dates, not one date"):
        parse_date("du 6 au 10 octobre 2014", "fr")


def test_one_date_read_as_a_range_has_equal_ends() -> None:
    """parse_date_range of a single date gives start == end."""
    assert parse_date_range("6 octobre 2014", "fr") == DateRange(
        start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 6)
    )


def test_year_argument_gives_the_missing_year() -> None:
    """year= completes a date or a range written without its year."""
    assert parse_date("6 octobre", "fr", year=2014) == dt.date(2014, 10, 6)
    assert parse_date_range("6–10 octobre", "fr", year=2014) == COP7
    assert parse_date_range("October 6-10", "en", year=2014) == COP7


def test_year_argument_does_not_override_a_written_year() -> None:
    """The year written in the text wins over year=."""
    assert parse_date("6 octobre 2015", "fr", year=2014) == dt.date(2015, 10, 6)


def test_year_argument_does_not_stretch_a_range_across_years() -> None:
    """year= goes to both ends: a range across the new year still needs both years."""
    with pytest.raises(ValidationError, match="write the year of both dates"):
        parse_date_range("30 décembre – 2 janvier", "fr", year=2014)


def test_year_argument_must_be_a_year() -> None:
    """year= is an integer (not a bool or a string) from 1 to 9999."""
    for year in (0, 10_000):
        with pytest.raises(ValueError, match=f"year must be from 1 to 9999, got {year}"):
            parse_date("6 octobre", "fr", year=year)
    for wrong in (True, "2014"):
        with pytest.raises(TypeError, match="year must be an integer"):
            parse_date("6 octobre", "fr", year=wrong)  # type: ignore[arg-type]


def test_language_tags_with_region_or_script_read_as_the_language() -> None:
    """'fr-CA', 'es-419', 'zh-Hans' and 'en_GB' read as fr, es, zh and en."""
    assert parse_date("6 octobre 2014", "fr-CA") == dt.date(2014, 10, 6)
    assert parse_date("6 de octubre de 2014", "es-419") == dt.date(2014, 10, 6)
    assert parse_date("2014年10月6日", "zh-Hans") == dt.date(2014, 10, 6)
    assert parse_date("6 October 2014", "en_GB") == dt.date(2014, 10, 6)


def test_unsupported_language_is_a_value_error() -> None:
    """A language without rules is refused by name, listing the supported ones."""
    with pytest.raises(ValueError, match="read in en, fr, es, ru, ar, zh, not 'de'"):
        parse_date("6. Oktober 2014", "de")


def test_text_must_be_a_string() -> None:
    """Bytes or numbers are a programming error, not a date to refuse."""
    with pytest.raises(TypeError, match="text must be a string"):
        parse_date(b"6 octobre 2014", "fr")  # type: ignore[arg-type]


def test_digits_of_other_scripts_are_digits() -> None:
    """Persian and Devanagari digits read like ASCII ones."""
    assert parse_date_range("۶–۱۰ أكتوبر ۲۰۱۴", "ar") == COP7
    assert parse_date("६ October २०१४", "en") == dt.date(2014, 10, 6)


def test_date_range_refuses_an_end_before_its_start() -> None:
    """DateRange checks its own rule, with the pointer of the end."""
    with pytest.raises(ValidationError) as caught:
        DateRange(start=dt.date(2014, 10, 10), end=dt.date(2014, 10, 6))
    (problem,) = caught.value.errors
    assert (problem.path, problem.message) == (
        "/end",
        "ends (2014-10-06) before it starts (2014-10-10)",
    )


def test_date_range_refuses_date_times() -> None:
    """A datetime is not a date: DateRange holds days only."""
    with pytest.raises(ValidationError) as caught:
        DateRange(start=dt.datetime(2014, 10, 6, 9), end=dt.date(2014, 10, 10))
    assert [str(problem) for problem in caught.value.errors] == [
        "/start: expected a date, got datetime"
    ]


def test_date_range_counts_its_days() -> None:
    """A range counts its first and its last day."""
    assert COP7.days == 5
    assert day(10, 6).days == 1


def test_supported_languages_are_the_un_languages() -> None:
    """Each of the six UN languages has a note of what it reads."""
    assert set(SUPPORTED_LANGUAGES) == {"ar", "en", "es", "fr", "ru", "zh"}
    assert all(note.strip() for note in SUPPORTED_LANGUAGES.values())


@pytest.mark.parametrize("language", sorted(SUPPORTED_LANGUAGES))
def test_month_and_weekday_words_come_from_cldr(language: str) -> None:
    """Every CLDR month and weekday name is read as itself, but fillers ('Th' of '6th')."""
    lang = _language(language)
    for context in ("format", "stand-alone"):
        for width in ("abbreviated", "wide"):
            for number, name in get_month_names(width, context, language).items():
                word = name.lower().rstrip(".")
                if word.isalpha():
                    assert lang.info.month(word) == number, (context, width, name)
        for width in ("abbreviated", "wide", "short"):
            for index, name in get_day_names(width, context, language).items():
                word = name.lower().rstrip(".")
                if len(word) >= 2 and word.isalpha() and not lang.info.jump(word):
                    read = lang.both.get(word, lang.info.weekday(word))
                    assert read == index, (context, width, name)


def test_accentless_spellings_are_read() -> None:
    """Accent-stripped variants of CLDR names are in the parserinfo lists."""
    assert _language("fr").info.month("decembre") == 12
    assert _language("es").info.weekday("miercoles") == 2
    assert _language("ar").info.month("اكتوبر") == 10


def test_language_words_are_built_once() -> None:
    """Each language's parserinfo is built from CLDR once, then reused."""
    assert _language("fr") is _language("fr")
    assert _language("fr").parser.info is _language("fr").info


def test_no_century_is_guessed_from_today() -> None:
    """dateutil's two-digit-year guess from the clock is switched off."""
    assert _language("en").info.convertyear(14) == 14


@given(
    date=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 1, 1)),
    length=st.integers(min_value=0, max_value=400),
    language=st.sampled_from(sorted(SUPPORTED_LANGUAGES)),
    skeleton=st.sampled_from(["yMMMd", "yMMMMd", "yMMMEd"]),
)
def test_cldr_formats_read_back(date: dt.date, length: int, language: str, skeleton: str) -> None:
    """What Babel writes in words (long and full dates, ranges) reads back to the same days."""
    end = date + dt.timedelta(days=length)
    assert parse_date(format_date(date, "long", locale=language), language) == date
    assert parse_date(format_date(date, "full", locale=language), language) == date
    written = format_interval(date, end, skeleton, locale=language)
    assert parse_date_range(written, language) == DateRange(start=date, end=end)


def test_without_babel_reading_names_the_extra() -> None:
    """Without Babel the module imports, and reading says: pip install babel."""
    script = textwrap.dedent(
        """
        import datetime as dt, sys
        sys.modules["babel"] = None
        from ctocmodel import MissingDependencyError
        from ctocmodel.dates import DateRange, parse_date, parse_date_range
        DateRange(start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10))
        for read in (parse_date, parse_date_range):
            try:
                read("6 octobre 2014", "fr")
            except MissingDependencyError as error:
                print(error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()
        == [
            "Reading dates in words needs the babel package: pip install babel "
            "(ctocmodel's extra 'i18n')"
        ]
        * 2
    )

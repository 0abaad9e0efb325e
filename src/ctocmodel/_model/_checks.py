"""What a field may hold: one `Kind` per kind of value, each with the one function that checks it.

A check returns None for a good value and otherwise the problems as ``(relative JSON
Pointer, message)`` pairs, so that the common case allocates nothing and the same
function serves the fast verdict and the explanation. Messages say what was expected
and what was found, in words a person editing the JSON can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from difflib import get_close_matches
from functools import cache, lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from ..errors import pointer
from ._countries import COUNTRY_CODES

T = TypeVar("T")

Found = list[tuple[str, str]]
Problems = Found | None
"""What a check returns: None, or the problems found."""

# Patterns are written once, for this library and for the JSON Schema: an RFC 9485
# I-Regexp (the subset that ECMA-262, Python's re and Rust's regex read alike, with plain
# groups and literal characters, no escapes but \n, \r, \t and those of punctuation)
# between ^ and $. JSON Schema validators search with them; the library matches them
# with \Z in place of $, which in Python also matches before a final line feed.
ID_PATTERN = r"^[a-z0-9]+([-_.][a-z0-9]+)*$"
ID_MAX_LENGTH = 100
INT64_MAX = 2**63 - 1
"""The largest integer of the format: JSON readers in other languages keep 64 bits."""

# RFC 5646 "langtag" (no grandfathered irregular tags), matched case-insensitively.
LANGUAGE_TAG_PATTERN = (
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
    r"(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$"
)
IDENTIFIER_SCHEME_PATTERN = r"^[A-Z]{2}-[A-Z0-9]+$"
# Zone names as the IANA database writes them; also keeps paths out of ZoneInfo.
TIME_ZONE_PATTERN = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"


def python_pattern(pattern: str) -> str:
    r"""Adapt a pattern written between ``^`` and ``$`` to Python's `re.match`.

    >>> python_pattern("^[a-z]+$")
    '[a-z]+\\Z'
    """
    return pattern.removeprefix("^").removesuffix("$") + r"\Z"


_id_match = re.compile(python_pattern(ID_PATTERN)).match
_language_tag_match = re.compile(python_pattern(LANGUAGE_TAG_PATTERN)).match
_scheme_match = re.compile(python_pattern(IDENTIFIER_SCHEME_PATTERN)).match
_time_zone_match = re.compile(python_pattern(TIME_ZONE_PATTERN)).match

# The classes of characters of the text rules, as (first, last) code points: the
# library's regular expressions and the JSON Schema's patterns are made from them.
FORBIDDEN_CHARACTERS: tuple[tuple[int, int], ...] = (
    # C0 controls but tab, line feed and carriage return; DEL and the C1 controls (U+009B
    # is the 8-bit CSI of terminals); lone surrogates.
    (0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF),
)  # fmt: skip
"""The code points no text may hold, as ranges (both ends included)."""

DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    # Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): zero-width
    # spaces and joiners, fillers such as U+3164, variation selectors, bidi controls.
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
"""The code points a reader does not see; text made only of them and spaces is blank."""

_forbidden_search = re.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in FORBIDDEN_CHARACTERS) + "]"
).search

Ranges = list[tuple[int, int]]


def _merged(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """*ranges* sorted, those that touch or overlap joined."""
    merged: Ranges = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _but(ranges: Ranges, removed: Iterable[tuple[int, int]]) -> Ranges:
    """The code points of *ranges* outside *removed*."""
    outside = _merged(removed)
    found: Ranges = []
    for low, high in _merged(ranges):
        for gap_low, gap_high in outside:
            if gap_high < low or gap_low > high:
                continue
            if gap_low > low:
                found.append((low, gap_low - 1))
            low = gap_high + 1
        if low <= high:
            found.append((low, high))
    return found


def _codes(characters: str) -> list[tuple[int, int]]:
    return [(ord(character), ord(character)) for character in characters]


def character_class(ranges: Ranges) -> str:
    r"""An I-Regexp character class of the code points *ranges*, written as literal characters.

    >>> character_class([(0x09, 0x0A), (0x41, 0x5A), (0x2D, 0x2D)])
    '[\\t-\\nA-Z\\-]'
    """
    escapes = {0x09: r"\t", 0x0A: r"\n", 0x0D: r"\r"}

    def one(code: int) -> str:
        character = chr(code)
        return escapes.get(code) or ("\\" + character if character in "\\[]^-" else character)

    parts = [one(low) if low == high else f"{one(low)}-{one(high)}" for low, high in ranges]
    return "[" + "".join(parts) + "]"


_EVERY_CHARACTER: Ranges = [(0, 0x10FFFF)]


def text_characters() -> Ranges:
    """The code points text may hold: all but `FORBIDDEN_CHARACTERS`."""
    return _but(_EVERY_CHARACTER, FORBIDDEN_CHARACTERS)


@cache
def visible_characters() -> Ranges:
    """The code points text may hold that a reader sees: not space, not default-ignorable."""
    spaces = [(code, code) for code in range(0x110000) if chr(code).isspace()]
    return _but(text_characters(), [*spaces, *DEFAULT_IGNORABLE])


@cache
def _visible_search() -> Callable[[str], object]:
    return re.compile(character_class(visible_characters())).search


# Most texts start with one of these: then they are visible without a search.
_VISIBLE_START = frozenset(chr(code) for code in range(0x21, 0x7F))


# Ports 0 to 65535, with any leading zeros (as urllib reads them); an empty port is
# allowed by RFC 3986 and means the scheme's default.
_PORT = r"(0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
# An IP literal (an IPv6 address or an IPvFuture), in brackets: RFC 3986's characters.
_IP_LITERAL = r"\[[0-9A-Za-z:._~%!$&'()*+,;=\-]+\]"


@cache
def url_pattern() -> str:
    """The pattern of an absolute http or https URL, its scheme in any case (RFC 3986 3.1).

    After ``//``, an optional user part ending with ``@``, a host (a name, or an
    address in brackets), an optional port from 0 to 65535, then anything after ``/``,
    ``?`` or ``#``; no space or control character anywhere.
    """
    visible = visible_characters()
    user = character_class(_but(visible, _codes("/?#")))
    host = character_class(_but(visible, _codes("/?#@:[]")))
    rest = character_class(visible)
    return (
        rf"^[Hh][Tt][Tt][Pp][Ss]?://({user}*@)?({host}+|{_IP_LITERAL})(:{_PORT})?"
        rf"([/?#]{rest}*)?$"
    )


@cache
def _url_match() -> Callable[[str], object]:
    return re.compile(python_pattern(url_pattern())).match


@attrs.frozen
class Kind:
    """A kind of value a field holds (an id, multilingual text, a URL...) and its check.

    *check* returns None for a good value, else ``(relative path, message)`` pairs.
    *name* names the kind in the JSON Schema's definitions; a choice lists its
    *values*, an integer its *minimum* and *maximum*.
    """

    name: str
    check: Callable[[object], Problems]
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def __call__(self, value: object) -> Problems:
        return self.check(value)


def describe(value: object) -> str:
    """Name a value the way a person reading the JSON would.

    >>> describe(None), describe(True), describe(7.9), describe("abc"), describe([1])
    ('null', 'true', 'a number (7.9)', "a string ('abc')", 'an array')
    """
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return f"an integer ({value})" if -(10**30) < value < 10**30 else "a very large integer"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            written = "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
            return f"{written}, which JSON does not allow"
        return f"a number ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, tuple):
        return "a tuple"
    return f"a {type(value).__qualname__} object"


def suggest(word: object, choices: Any) -> str:
    """Return ``" (did you mean 'x'?)"`` when *word* is close to one of *choices*.

    >>> suggest("UNODC", ["unodc", "undp"]), suggest("ngoo", ["ngo"]), suggest("x", ["ngo"])
    (" (did you mean 'unodc'?)", " (did you mean 'ngo'?)", '')
    """
    if not isinstance(word, str) or len(word) > 100:  # a longer word is never close
        return ""
    if word.lower() != word and word.lower() in choices:
        return f" (did you mean {word.lower()!r}?)"
    close = get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def repeats(items: Sequence[T], key: Callable[[T], Hashable]) -> list[tuple[int, T, int]]:
    """Each item whose *key* an earlier item has: its index, it, and the earlier one's index.

    >>> repeats(["a", "b", "a", "a"], str)
    [(2, 'a', 0), (3, 'a', 0)]
    """
    first: dict[Hashable, int] = {}
    found = []
    for index, item in enumerate(items):
        earlier = first.setdefault(key(item), index)
        if earlier != index:
            found.append((index, item, earlier))
    return found


def a(noun: str) -> str:
    """Put the indefinite article before *noun*: "an Identifier", "a Person"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def at(message: str, path: str = "") -> Found:
    """One problem at *path*."""
    return [(path, message)]


def id_problem(value: str) -> str:
    """Explain why *value* is not a valid id."""
    if len(value) > ID_MAX_LENGTH:
        return f"an id has at most {ID_MAX_LENGTH} characters, this one has {len(value)}"
    hint = f"; perhaps {value.lower()!r}" if _id_match(value.lower()) else ""
    return (
        f"{value!r} is not a valid id: use lowercase letters a-z and digits, joined by single "
        f"'-', '_' or '.' (such as 'unodc-civil-society-team'){hint}"
    )


def id_ok(value: object) -> bool:
    """A valid id."""
    return type(value) is str and len(value) <= ID_MAX_LENGTH and _id_match(value) is not None


def check_id(value: object) -> Problems:
    """An identifier: lowercase letters and digits, joined by single ``-``, ``_`` or ``.``."""
    if type(value) is str:
        return None if len(value) <= ID_MAX_LENGTH and _id_match(value) else at(id_problem(value))
    return at(f"expected an id (a string), got {describe(value)}")


def check_ref(value: object) -> Problems:
    """A reference: the id of another record (the dataset checks that it resolves)."""
    return None if type(value) is str else at(f"expected an id (a string), got {describe(value)}")


def visible(text: str) -> bool:
    """Whether *text* holds a character a reader can see.

    >>> visible("Vienna"), visible(" \u200b\u3164 "), visible("")
    (True, False, False)
    """
    return text[:1] in _VISIBLE_START or _visible_search()(text) is not None


def check_plain_text(value: object) -> Problems:
    """A string with a visible character, and no control character but tab and line breaks."""
    if type(value) is not str:
        return at(f"expected text (a string), got {describe(value)}")
    # isprintable() is true of most text and implies no forbidden character.
    if value.isprintable() and visible(value):
        return None
    bad = _forbidden_search(value)
    if bad is not None:
        code = ord(bad.group())
        what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
        return at(
            f"text contains {what} U+{code:04X} at position {bad.start()}; remove it "
            "(tab, line feed and carriage return are allowed)"
        )
    if not value.strip():
        return at("text must not be empty or only spaces")
    if not visible(value):
        return at(
            "text must hold a visible character; this one has only spaces and invisible "
            "characters (such as U+200B, a zero-width space)"
        )
    return None


def check_trimmed_text(value: object) -> Problems:
    """Non-blank text that neither starts nor ends with spaces (an identifier in a register)."""
    problems = check_plain_text(value)
    if problems is None and isinstance(value, str) and value != value.strip():
        return at("an identifier must not start or end with spaces")
    return problems


@lru_cache(maxsize=512)
def canonical_language_tag(tag: str) -> str | None:
    """Return the canonical case of a well-formed BCP 47 tag, or None if malformed.

    >>> canonical_language_tag("ZH-hant-tw"), canonical_language_tag("en_GB")
    ('zh-Hant-TW', None)
    """
    if not _language_tag_match(tag):
        return None
    parts = tag.split("-")
    result = [parts[0].lower()]
    singleton = False
    for part in parts[1:]:
        if singleton or len(part) == 1:
            singleton = True
            result.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            result.append(part.title())
        elif len(part) == 2 and part.isalpha():
            result.append(part.upper())
        else:
            result.append(part.lower())
    return "-".join(result)


# Tags seen to be canonical: most texts use a handful of them.
_good_tags: set[str] = set()


def check_language_tag(tag: object) -> Problems:
    """A BCP 47 language tag in canonical case, such as ``fr``, ``zh-Hans`` or ``es-419``."""
    if type(tag) is not str:
        return at(f"expected a language tag (a string), got {describe(tag)}")
    if tag in _good_tags:
        return None
    canonical = canonical_language_tag(tag)
    if canonical == tag:
        if len(_good_tags) < 4096:
            _good_tags.add(tag)
        return None
    if canonical is None:
        return at(
            f"{tag!r} is not a BCP 47 language tag; use one such as 'en', 'fr', 'zh-Hans' "
            "or 'es-419' (subtags joined by '-')"
        )
    return at(f"write the language tag {tag!r} as {canonical!r}")


def check_text(value: object) -> Problems:
    """Multilingual text: a mapping from BCP 47 language tag to non-blank text."""
    if not isinstance(value, dict) and not isinstance(value, Mapping):
        return at(
            "expected multilingual text (an object from language tag to text, "
            f'such as {{"fr": "...", "en": "..."}}), got {describe(value)}'
        )
    if not value:
        return at("multilingual text needs at least one language")
    found: Found = []
    for tag, text in value.items():
        if (
            tag in _good_tags
            and type(text) is str
            and text.isprintable()
            and (text[:1] in _VISIBLE_START or _visible_search()(text) is not None)
        ):
            continue  # the usual case, decided without a call
        here = pointer(tag) if isinstance(tag, str) else ""
        found += [(here, message) for _, message in check_language_tag(tag) or ()]
        found += [(here, message) for _, message in check_plain_text(text) or ()]
    return found or None


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # Files of the zone database that name no zone, or this host's own setting.
    return frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


@lru_cache(maxsize=64)
def find_time_zone(name: str) -> ZoneInfo | None:
    """Return the IANA time zone called *name*, or None if there is none."""
    if not _time_zone_match(name) or name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_time_zone(value: object) -> Problems:
    """The name of an existing IANA time zone such as ``Europe/Vienna``."""
    if type(value) is not str:
        return at(f"expected a time zone name (a string), got {describe(value)}")
    if find_time_zone(value) is None:
        return at(f"{value!r} is not an IANA time zone name such as 'Europe/Vienna'")
    return None


def check_country(value: object) -> Problems:
    """An ISO 3166-1 alpha-2 country code such as ``AT``."""
    if type(value) is not str:
        return at(f"expected a country code (a string), got {describe(value)}")
    if value in COUNTRY_CODES:
        return None
    hint = f"; write {value.upper()!r}" if value.upper() in COUNTRY_CODES else ""
    return at(f"{value!r} is not an ISO 3166-1 alpha-2 country code such as 'AT'{hint}")


def check_url(value: object) -> Problems:
    """An absolute http or https URL with a host, without spaces (see `url_pattern`)."""
    if type(value) is not str:
        return at(f"expected a URL (a string), got {describe(value)}")
    if _url_match()(value):
        return None
    return at(f"{value!r} is not an absolute http(s) URL such as 'https://example.org/'")


def check_scheme(value: object) -> Problems:
    """An org-id.guide list code such as ``XI-WIKIDATA``."""
    if type(value) is not str:
        return at(f"expected a scheme (a string), got {describe(value)}")
    if _scheme_match(value):
        return None
    return at(
        f"{value!r} is not an org-id.guide list code such as 'XI-WIKIDATA' "
        "(two capital letters, '-', then capitals and digits)"
    )


def check_date(value: object) -> Problems:
    """A calendar date (a `datetime.date`, never a `datetime.datetime`)."""
    return None if type(value) is dt.date else at(f"expected a date, got {describe(value)}")


def check_datetime(value: object) -> Problems:
    """A date-time with a UTC offset of whole minutes."""
    if type(value) is not dt.datetime:
        return at(f"expected a date-time, got {describe(value)}")
    offset = value.utcoffset()
    if offset is None:
        return at(
            f"{value.isoformat()} has no UTC offset; give one, such as "
            f"{value.replace(tzinfo=dt.UTC).isoformat()}"
        )
    if offset.seconds % 60 or offset.microseconds:
        seconds = offset.total_seconds()
        return at(f"the UTC offset of {seconds:+g} seconds is not a whole number of minutes")
    return None


def choice_message(value: object, choices: tuple[str, ...]) -> str:
    """Explain that *value* is not one of *choices*."""
    listed = ", ".join(repr(choice) for choice in choices)
    return f"expected one of {listed}; got {describe(value)}{suggest(value, choices)}"


def choice(choices: tuple[str, ...]) -> Kind:
    """One of a fixed set of strings (a `Literal` type)."""
    allowed = frozenset(choices)

    def check_choice(value: object) -> Problems:
        if type(value) is str and value in allowed:
            return None
        return at(choice_message(value, choices))

    return Kind("choice", check_choice, values=choices)


def integer(minimum: int, maximum: int = INT64_MAX) -> Kind:
    """An integer (not a bool) from *minimum* to *maximum*."""

    def check_integer(value: object) -> Problems:
        if type(value) is not int:
            return at(f"expected an integer, got {describe(value)}")
        if value < minimum:
            return at(f"must be at least {minimum}, got {value}")
        if value > maximum:
            if maximum == INT64_MAX:
                return at(
                    f"expected an integer of 64 bits (at most {INT64_MAX:,}), got {describe(value)}"
                )
            return at(f"must have at most {len(str(maximum))} digits, got {describe(value)}")
        return None

    return Kind("integer", check_integer, minimum=minimum, maximum=maximum)


ID = Kind("id", check_id)
REF = Kind("id", check_ref)
TEXT = Kind("multilingualText", check_text)
PLAIN_TEXT = Kind("text", check_plain_text)
TRIMMED_TEXT = Kind("trimmedText", check_trimmed_text)
LANGUAGE_TAG = Kind("languageTag", check_language_tag)
TIME_ZONE = Kind("timeZone", check_time_zone)
COUNTRY = Kind("country", check_country)
URL = Kind("url", check_url)
SCHEME = Kind("scheme", check_scheme)
DATE = Kind("date", check_date)
DATETIME = Kind("dateTime", check_datetime)

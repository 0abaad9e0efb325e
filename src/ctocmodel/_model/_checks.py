"""Rule helpers shared by the model classes.

Each helper appends ``(relative JSON Pointer, message)`` pairs to a list instead of
raising, so that one object reports all of its problems at once. Messages say what
was expected and what was found, in words a person editing the JSON can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from contextvars import ContextVar
from difflib import get_close_matches
from functools import lru_cache
from typing import Any, NoReturn
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..errors import ValidationError, pointer
from ._countries import COUNTRY_CODES

Found = list[tuple[str, str]]

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
ID_MAX_LENGTH = 100
_ID = re.compile(ID_PATTERN)

# RFC 5646 "langtag" (no grandfathered irregular tags), matched case-insensitively.
LANGUAGE_TAG_PATTERN = (
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG_PATTERN)

# Zone names as the IANA database writes them; also keeps paths out of ZoneInfo.
_TIME_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$")

# Text may hold any script, but not characters that corrupt files or terminals:
# C0 controls other than tab, line feed and carriage return, DEL, and lone surrogates.
_FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class Refused(Exception):
    """The fast path gives up on a document: the detailed path will say why, once."""


DECODING: ContextVar[bool] = ContextVar("ctocmodel_decoding", default=False)


def explain(record: Any) -> None:
    """Run *record*'s `_explain` after its fast verdict said no: it has the last word.

    A fast verdict may be stricter than the rules (a URL with a non-ASCII path, say):
    then `_explain` finds nothing and the record stands, on either path. While msgspec
    builds a document, a record the rules refuse raises `Refused` instead, which sends
    the document to the detailed path: that path reports every problem, so the
    problems found here are not kept.
    """
    try:
        record._explain()
    except ValidationError:
        if DECODING.get():
            raise Refused from None
        raise


def fail(found: Found) -> NoReturn:
    """Raise the problems collected by the helpers as one `ValidationError`."""
    raise ValidationError.from_pairs(found)


# Fast verdicts. Each class first asks these cheap questions; only when one says no
# do the explaining helpers below run, and they are the authority on what is wrong.
# A fast verdict may be stricter than the explanation, never more lenient.

# The same as ID_PATTERN; `match` with `\Z` is the quickest form for Python's re.
_id_match = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*\Z").match
_forbidden_search = _FORBIDDEN_CHARACTER.search
_good_tags: set[str] = set()


def id_ok(value: object) -> bool:
    """A valid id."""
    return type(value) is str and len(value) <= ID_MAX_LENGTH and _id_match(value) is not None


def refs_ok(value: object) -> bool:
    """A tuple of distinct strings (whether they resolve is the dataset's concern)."""
    if type(value) is not tuple:
        return False
    count = len(value)
    if count <= 1:
        return count == 0 or type(value[0]) is str
    for item in value:
        if type(item) is not str:
            return False
    return len(set(value)) == count


def items_ok(value: object, cls: type) -> bool:
    """A tuple of objects of exactly class *cls*."""
    if type(value) is not tuple:
        return False
    for item in value:  # noqa: SIM110 - a plain loop is faster than all() here
        if type(item) is not cls:
            return False
    return True


def plain_text_ok(value: object) -> bool:
    """Non-blank text without forbidden characters."""
    # isprintable() is true of most text and implies no forbidden character.
    return (
        type(value) is str
        and value != ""
        and not value.isspace()
        and (value.isprintable() or _forbidden_search(value) is None)
    )


_simple_url_match = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,4})?(?:[/?#][!-~]*)?"
).fullmatch


def url_ok(value: object) -> bool:
    """A plain http(s) URL; others (ports over 9999, IPv6, non-ASCII) get the full check."""
    return type(value) is str and _simple_url_match(value) is not None


def whole_minutes_offset(value: dt.datetime) -> bool:
    """An aware date-time whose UTC offset is a whole number of minutes."""
    offset = value.utcoffset()
    return offset is not None and offset.seconds % 60 == 0 and offset.microseconds == 0


def text_ok(value: object) -> bool:
    """Multilingual text with canonical tags and non-blank texts."""
    if type(value) is not dict or not value:
        return False
    for tag, text in value.items():
        if tag not in _good_tags:
            if type(tag) is not str or canonical_language_tag(tag) != tag:
                return False
            if len(_good_tags) < 4096:
                _good_tags.add(tag)
        if (
            type(text) is not str
            or text == ""
            or text.isspace()
            or (not text.isprintable() and _forbidden_search(text) is not None)
        ):
            return False
    return True


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


def suggest(word: str, choices: Any) -> str:
    """Return ``" (did you mean 'x'?)"`` when *word* is close to one of *choices*.

    >>> suggest("UNODC", ["unodc", "undp"]), suggest("ngoo", ["ngo"]), suggest("x", ["ngo"])
    (" (did you mean 'unodc'?)", " (did you mean 'ngo'?)", '')
    """
    if not isinstance(word, str):
        return ""
    if word.lower() != word and word.lower() in choices:
        return f" (did you mean {word.lower()!r}?)"
    close = get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_id(found: Found, path: str, value: object) -> None:
    """An identifier: lowercase letters and digits, joined by single ``-``, ``_`` or ``.``."""
    if type(value) is not str:
        found.append((path, f"expected an id (a string), got {describe(value)}"))
    elif len(value) > ID_MAX_LENGTH or not _ID.fullmatch(value):
        found.append((path, id_message(value)))


def id_message(value: str) -> str:
    """Explain why *value* is not a valid id."""
    if len(value) > ID_MAX_LENGTH:
        return f"an id has at most {ID_MAX_LENGTH} characters, this one has {len(value)}"
    hint = f"; perhaps {value.lower()!r}" if _ID.fullmatch(value.lower()) else ""
    return (
        f"{value!r} is not a valid id: use lowercase letters a-z and digits, joined by single "
        f"'-', '_' or '.' (such as 'unodc-civil-society-team'){hint}"
    )


def check_ref(found: Found, path: str, value: object, *, optional: bool = False) -> None:
    """A reference: the id of another record (the dataset checks that it resolves)."""
    if value is None and optional:
        return
    if type(value) is not str:
        found.append((path, f"expected an id (a string), got {describe(value)}"))


def check_refs(found: Found, path: str, value: object) -> None:
    """A tuple of distinct references."""
    if type(value) is not tuple:
        found.append((path, expected_tuple(value)))
        return
    seen: set[str] = set()
    for index, item in enumerate(value):
        if type(item) is str and item in seen:
            found.append((f"{path}/{index}", f"{item!r} is listed twice"))
            continue
        check_ref(found, f"{path}/{index}", item)
        if type(item) is str:
            seen.add(item)


def a(noun: str) -> str:
    """Put the indefinite article before *noun*: "an Identifier", "a Person"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def expected_tuple(value: object) -> str:
    """Explain that a tuple was expected."""
    hint = "; pass a tuple, such as tuple(items)" if isinstance(value, list) else ""
    return f"expected a tuple (an array in JSON), got {describe(value)}{hint}"


def check_items(
    found: Found, path: str, value: object, cls: type, *, name: str | None = None
) -> None:
    """A tuple of model objects of class *cls* (called *name* in messages)."""
    if type(value) is not tuple:
        found.append((path, expected_tuple(value)))
        return
    for index, item in enumerate(value):
        if not isinstance(item, cls):
            found.append(
                (f"{path}/{index}", f"expected {a(name or cls.__name__)}, got {describe(item)}")
            )


def check_object(found: Found, path: str, value: object, cls: type, *, optional: bool) -> None:
    """A single model object, or None when *optional*."""
    if value is None and optional:
        return
    if not isinstance(value, cls):
        found.append((path, f"expected {a(cls.__name__)}, got {describe(value)}"))


def check_plain_text(found: Found, path: str, value: object, *, optional: bool = False) -> None:
    """A non-blank string without control characters."""
    if value is None and optional:
        return
    if type(value) is not str:
        found.append((path, f"expected text (a string), got {describe(value)}"))
    elif not value.strip():
        found.append((path, "text must not be empty or only spaces"))
    elif bad := _FORBIDDEN_CHARACTER.search(value):
        code = ord(bad.group())
        what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
        found.append(
            (
                path,
                f"text contains {what} U+{code:04X} at position {bad.start()}; remove it "
                "(tab, line feed and carriage return are allowed)",
            )
        )


def check_text(found: Found, path: str, value: object, *, optional: bool = False) -> None:
    """Multilingual text: a mapping from BCP 47 language tag to non-blank text."""
    if value is None and optional:
        return
    if not isinstance(value, Mapping):
        found.append(
            (
                path,
                "expected multilingual text (an object from language tag to text, "
                f'such as {{"fr": "...", "en": "..."}}), got {describe(value)}',
            )
        )
        return
    if not value:
        found.append((path, "multilingual text needs at least one language"))
        return
    for tag, text in value.items():
        here = path + pointer(tag) if isinstance(tag, str) else path
        check_language_tag(found, here, tag)
        check_plain_text(found, here, text)


def check_texts(found: Found, path: str, value: object) -> None:
    """A tuple of multilingual texts."""
    if type(value) is not tuple:
        found.append((path, expected_tuple(value)))
        return
    for index, item in enumerate(value):
        check_text(found, f"{path}/{index}", item)


@lru_cache(maxsize=512)
def canonical_language_tag(tag: str) -> str | None:
    """Return the canonical case of a well-formed BCP 47 tag, or None if malformed.

    >>> canonical_language_tag("ZH-hant-tw"), canonical_language_tag("en_GB")
    ('zh-Hant-TW', None)
    """
    if not _LANGUAGE_TAG.fullmatch(tag):
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


def check_language_tag(found: Found, path: str, tag: object) -> None:
    """A BCP 47 language tag in canonical case, such as ``fr``, ``zh-Hans`` or ``es-419``."""
    if type(tag) is not str:
        found.append((path, f"expected a language tag (a string), got {describe(tag)}"))
        return
    canonical = canonical_language_tag(tag)
    if canonical is None:
        found.append(
            (
                path,
                f"{tag!r} is not a BCP 47 language tag; use one such as 'en', 'fr', 'zh-Hans' "
                "or 'es-419' (subtags joined by '-')",
            )
        )
    elif canonical != tag:
        found.append((path, f"write the language tag {tag!r} as {canonical!r}"))


def check_choice(found: Found, path: str, value: object, choices: tuple[str, ...]) -> None:
    """One of a fixed set of strings."""
    if type(value) is not str or value not in choices:
        found.append((path, choice_message(value, choices)))


def choice_message(value: object, choices: tuple[str, ...]) -> str:
    """Explain that *value* is not one of *choices*."""
    hint = suggest(value, choices) if isinstance(value, str) else ""
    listed = ", ".join(repr(choice) for choice in choices)
    return f"expected one of {listed}; got {describe(value)}{hint}"


INT64_MAX = 2**63 - 1
"""The largest integer of the format: JSON readers in other languages keep 64 bits."""


def check_int(found: Found, path: str, value: object, *, minimum: int) -> None:
    """An integer (not a bool) from *minimum* up to `INT64_MAX`."""
    if type(value) is not int:
        found.append((path, f"expected an integer, got {describe(value)}"))
    elif value < minimum:
        found.append((path, f"must be at least {minimum}, got {value}"))
    elif value > INT64_MAX:
        found.append(
            (path, f"expected an integer of 64 bits (at most {INT64_MAX:,}), got {describe(value)}")
        )


def check_date(found: Found, path: str, value: object, *, optional: bool = False) -> None:
    """A calendar date (a `datetime.date`, never a `datetime.datetime`)."""
    if value is None and optional:
        return
    if type(value) is not dt.date:
        found.append((path, f"expected a date, got {describe(value)}"))


def check_datetime(found: Found, path: str, value: object, *, optional: bool = False) -> None:
    """A date-time with a UTC offset of whole minutes."""
    if value is None and optional:
        return
    if type(value) is not dt.datetime:
        found.append((path, f"expected a date-time, got {describe(value)}"))
        return
    offset = value.utcoffset()
    if offset is None:
        found.append(
            (
                path,
                f"{value.isoformat()} has no UTC offset; give one, such as "
                f"{value.replace(tzinfo=dt.UTC).isoformat()}",
            )
        )
    elif offset.seconds % 60 or offset.microseconds:
        seconds = offset.total_seconds()
        found.append(
            (path, f"the UTC offset of {seconds:+g} seconds is not a whole number of minutes")
        )


def check_url(found: Found, path: str, value: object) -> None:
    """An absolute http or https URL without spaces."""
    if value is None:
        return
    if type(value) is not str:
        found.append((path, f"expected a URL (a string), got {describe(value)}"))
        return
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        valid = False
    if not valid or any(c.isspace() for c in value) or _FORBIDDEN_CHARACTER.search(value):
        found.append(
            (path, f"{value!r} is not an absolute http(s) URL such as 'https://example.org/'")
        )


def check_country(found: Found, path: str, value: object) -> None:
    """An ISO 3166-1 alpha-2 country code such as ``AT``."""
    if value is None:
        return
    if type(value) is not str:
        found.append((path, f"expected a country code (a string), got {describe(value)}"))
    elif value not in COUNTRY_CODES:
        hint = f"; write {value.upper()!r}" if value.upper() in COUNTRY_CODES else ""
        found.append(
            (path, f"{value!r} is not an ISO 3166-1 alpha-2 country code such as 'AT'{hint}")
        )


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    # Files of the zone database that name no zone, or this host's own setting.
    return frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


@lru_cache(maxsize=64)
def find_time_zone(name: str) -> ZoneInfo | None:
    """Return the IANA time zone called *name*, or None if there is none."""
    if not _TIME_ZONE_NAME.fullmatch(name) or name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_time_zone(found: Found, path: str, value: object) -> None:
    """The name of an existing IANA time zone such as ``Europe/Vienna``."""
    if value is None:
        return
    if type(value) is not str:
        found.append((path, f"expected a time zone name (a string), got {describe(value)}"))
    elif find_time_zone(value) is None:
        found.append((path, f"{value!r} is not an IANA time zone name such as 'Europe/Vienna'"))

"""United Nations documents: their symbols, such as ``CTOC/COP/2014/INF/1/Rev.1``, and citations.

A symbol is parts joined by ``/``, in this order (the Dag Hammarskjöld Library's guide
"UN Documentation: Document symbols" describes the conventions):

- the **series**, the body that issues the document: ``A``, ``E/CN.15``, ``CTOC/COP``,
  ``CTOC/COP/WG.2``; letters, or letters and a number (``CN.15``, ``WG.2``, ``C.I``);
- an optional **session or year**: ``69`` in ``A/69/150``, ``2014`` in ``E/2014/30``;
- an optional **kind** of document: joined to its number by a dot (``CRP.2``, ``L.3``,
  ``PV.12``, ``R.``, ``SR.``, ``WP.``, ``MISC.``), or a part of its own (``INF/1``,
  ``NGO/1``); ``RES``, ``DEC`` and ``PRST`` come before the session (``A/RES/69/193``),
  and Security Council resolutions put the year in parentheses (``S/RES/2195 (2014)``);
- the document **number**;
- **modifiers**, in the order written: ``Rev.1``, ``Add.1``, ``Corr.1``, ``Amend.1``.

>>> str(DocumentSymbol.parse("e / cn.15 / 2014 / l.3 / rev 1"))
'E/CN.15/2014/L.3/Rev.1'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, NamedTuple

from ..errors import ValidationError
from ._checks import URL, Found, Kind, Problems, at, describe, integer
from ._record import Record, fail, field, record, rule
from .text import MultilingualText

DOTTED_KINDS: Final = frozenset({"CRP", "L", "MISC", "PV", "R", "SR", "WP"})
"""Kinds joined to their number by a dot: conference room papers (``CRP.2``), limited
(``L.3``) and restricted (``R.1``) distribution, verbatim (``PV.12``) and summary
(``SR.40``) records, working papers (``WP.1``), miscellaneous (``MISC.1``)."""

KINDS_BEFORE_SESSION: Final = frozenset({"DEC", "PRST", "RES"})
"""Kinds written before the session or year: ``A/RES/69/193``, ``S/PRST/2014/5``."""

KNOWN_KINDS: Final = DOTTED_KINDS | KINDS_BEFORE_SESSION | {"INF", "NGO", "PET"}
"""Kinds recognised even without a session or year (``A/CONF.213/INF/1``); after a
session or year any word is a kind (``A/HRC/27/NGO/12``, ``A/HRC/WG.6/20/AFG/1``)."""

MODIFIERS: Final = ("Rev", "Add", "Corr", "Amend")
"""Modifiers a symbol may end with: revision, addendum, corrigendum, amendment."""

_MODIFIER_NOUNS: Final = {
    "Rev": "revision",
    "Add": "addendum",
    "Corr": "corrigendum",
    "Amend": "amendment",
}
_CANONICAL_WORDS: Final = {name.upper(): name for name in MODIFIERS} | {"SUB": "Sub"}
_YEARS: Final = range(1946, 2100)
_MAX_LENGTH: Final = 200
_MAX_NUMBER: Final = 999_999_999
_EXAMPLE: Final = "'CTOC/COP/2014/1'"
_EXPECTED: Final = f"expected a UN document symbol (a string such as {_EXAMPLE})"

# One part between slashes: a number with an optional year in parentheses ("2195 (2014)"),
# or letters with an optional number ("CN.15", "Rev 1") or letters after a dot ("C.I").
_PIECE = re.compile(
    r"(?P<int>[0-9]+)(?:\s*\(\s*(?P<year>[0-9]+)\s*\))?"
    r"|(?P<word>[A-Za-z]+)(?:\s*\.?\s*(?P<num>[0-9]+)|\s*\.\s*(?P<sub>[A-Za-z][A-Za-z0-9]*))?"
)
_KIND = re.compile(r"[A-Z]+")


class _Piece(NamedTuple):
    word: str | None  # letters in canonical case; None for a bare number
    number: int | None  # the bare number, or the number after the letters
    sub: str | None  # letters after the dot, as in "C.I"
    year: int | None  # the year in parentheses after a bare number
    text: str  # as written

    def canonical(self) -> str:
        if self.word is None:
            return str(self.number)
        if self.number is not None:
            return f"{self.word}.{self.number}"
        return self.word if self.sub is None else f"{self.word}.{self.sub}"


class _Parts(NamedTuple):
    series: str
    session_or_year: int | None
    kind: str | None
    number: int
    modifiers: tuple[tuple[str, int], ...]


def _pieces(text: str, shown: str) -> list[_Piece] | str:
    """Split *text* at '/' into pieces, or return what is wrong with it."""
    pieces: list[_Piece] = []
    for written in text.split("/"):
        written = written.strip()
        if not written:
            return f"{shown!r} has an empty part: two '/' in a row, or a '/' at an end"
        match = _PIECE.fullmatch(written)
        if match is None:
            return (
                f"{written!r} in {shown!r} is not a part of a UN document symbol: parts are "
                "letters ('COP', 'RES'), letters and a number ('CN.15', 'CRP.2', 'Rev.1') "
                "or numbers ('2014')"
            )
        word, number, sub, year = match.group("word", "num", "sub", "year")
        if word is None:
            number = match.group("int")
        else:
            word = _CANONICAL_WORDS.get(word.upper(), word.upper())
        numbers = [int(digits) for digits in (number, year) if digits is not None]
        if 0 in numbers:
            return f"{shown!r} has the number 0: numbers in a UN document symbol start at 1"
        if any(count > _MAX_NUMBER for count in numbers):
            return f"{shown!r} has a number of more than 9 digits"
        pieces.append(
            _Piece(
                word=word,
                number=int(number) if number is not None else None,
                sub=sub.upper() if sub is not None else None,
                year=int(year) if year is not None else None,
                text=written,
            )
        )
    return pieces


def _is_word(piece: _Piece) -> bool:
    return piece.word is not None and piece.number is None and piece.sub is None


def _no_number(shown: str, modifiers: list[tuple[str, int]], last: _Piece) -> str:
    if modifiers:
        return f"{shown!r} has a {_MODIFIER_NOUNS[modifiers[0][0]]} but no document number"
    if last.word in DOTTED_KINDS and _is_word(last):
        return f"{last.text!r} in {shown!r} needs a number, such as '{last.word}.1'"
    if last.word is None and last.number in _YEARS:
        return (
            f"{shown!r} has no document number: {last.number} is read as a year, "
            f"which the number follows, as in {_EXAMPLE}"
        )
    if last.word is not None and last.number is not None:
        return (
            f"{shown!r} has no document number: {last.text!r} is not a kind of document "
            "such as 'CRP.2', 'L.3' or 'PV.12'"
        )
    return f"{shown!r} has no document number: it ends with one, as in {_EXAMPLE}"


@lru_cache(maxsize=4096)
def _read(text: str) -> _Parts | str:
    """Return the parts of the symbol *text*, or a message saying what is wrong."""
    shown = text.strip()
    if not shown:
        return f"a UN document symbol cannot be empty; write one such as {_EXAMPLE}"
    if len(shown) > _MAX_LENGTH:
        return (
            f"a UN document symbol has at most {_MAX_LENGTH} characters, this one has {len(shown)}"
        )
    if "/" not in shown:
        return (
            f"{shown!r} is not a UN document symbol: a symbol is parts joined by '/', "
            f"such as {_EXAMPLE}"
        )
    pieces = _pieces(shown, shown)
    if isinstance(pieces, str):
        return pieces

    # Modifiers end the symbol; each at most once, in the order written.
    modifiers: list[tuple[str, int]] = []
    while pieces and pieces[-1].word in _MODIFIER_NOUNS and pieces[-1].number is not None:
        last = pieces.pop()
        assert last.word is not None
        assert last.number is not None
        modifiers.insert(0, (last.word, last.number))
    for piece in pieces:
        if piece.word in _MODIFIER_NOUNS:
            if piece.number is None:
                return f"{piece.text!r} in {shown!r} needs a number, such as '{piece.word}.1'"
            return f"{piece.text!r} in {shown!r} must come at the end, after the document number"
    names = [name for name, _ in modifiers]
    for name in MODIFIERS:
        if names.count(name) > 1:
            listed = ", ".join(f"{n}.{number}" for n, number in modifiers if n == name)
            return f"{shown!r} names {name!r} twice ({listed}); a symbol names one document"
    if not pieces:
        return f"{shown!r} has a {_MODIFIER_NOUNS[names[0]]} but no document number"

    # The number: last, bare or after a kind ("CRP.2"); a kind may stand before it.
    last, rest = pieces[-1], pieces[:-1]
    kind: str | None = None
    if last.word is None:
        assert last.number is not None
        number, paren = last.number, last.year
        if rest and _is_word(rest[-1]):
            word = rest[-1].word
            assert word is not None
            after_session = len(rest) >= 2 and rest[-2].word is None
            if word in KNOWN_KINDS or (after_session and _KIND.fullmatch(word)):
                kind, rest = word, rest[:-1]
    elif last.word in KNOWN_KINDS and last.number is not None:
        kind, number, paren = last.word, last.number, None
    else:
        return _no_number(shown, modifiers, last)

    # The session or year, before which RES, DEC and PRST stand.
    session: int | None = None
    if rest and rest[-1].word is None:
        if rest[-1].year is not None:
            return _misplaced_year(shown)
        session, rest = rest[-1].number, rest[:-1]
        if kind is None and rest and _is_word(rest[-1]) and rest[-1].word in KINDS_BEFORE_SESSION:
            kind, rest = rest[-1].word, rest[:-1]
    if kind is None and session is None and paren is None and number in _YEARS:
        return _no_number(shown, modifiers, last)

    if not rest:
        return (
            f"{shown!r} has no series: a symbol starts with the letters of the body that "
            "issues it, such as 'A', 'E/CN.15' or 'CTOC/COP'"
        )
    for piece in rest:
        if piece.word is None:
            return (
                f"{shown!r} has a number out of place ({piece.text!r}): after the series "
                "come at most a session or year and the document number"
            )
    series = "/".join(piece.canonical() for piece in rest)
    if paren is not None:
        if session is not None:
            return (
                f"{shown!r} gives both a session or year ({session}) and a year in "
                f"parentheses ({paren})"
            )
        if series != "S" or kind != "RES":
            return _misplaced_year(shown)
        session = paren
    return _Parts(series, session, kind, number, tuple(modifiers))


def _misplaced_year(shown: str) -> str:
    return (
        f"{shown!r} has a year in parentheses where there can be none: only Security "
        "Council resolutions write one, after the number, as in 'S/RES/2195 (2014)'"
    )


def _write(parts: _Parts) -> str:
    """The text of a symbol from its parts."""
    series, session, kind, number, modifiers = parts
    if kind in KINDS_BEFORE_SESSION:
        if series == "S" and kind == "RES" and session is not None:
            text = f"S/RES/{number} ({session})"
        elif session is None:
            text = f"{series}/{kind}/{number}"
        else:
            text = f"{series}/{kind}/{session}/{number}"
    else:
        head = series if session is None else f"{series}/{session}"
        if kind is None:
            text = f"{head}/{number}"
        else:
            text = f"{head}/{kind}{'.' if kind in DOTTED_KINDS else '/'}{number}"
    return text + "".join(f"/{name}.{count}" for name, count in modifiers)


def _canonical_series(series: str) -> str | None:
    """*series* in canonical case, or None if it is not a series (such as 'E/CN.15')."""
    pieces = _pieces(series, series)
    if isinstance(pieces, str):
        return None
    for piece in pieces:
        if piece.word is None or piece.word in _MODIFIER_NOUNS:
            return None
    return "/".join(piece.canonical() for piece in pieces)


def _check_series(series: object) -> Problems:
    if type(series) is not str:
        return at(f"expected a series (a string such as 'E/CN.15'), got {describe(series)}")
    canonical = _canonical_series(series)
    if canonical is None:
        return at(
            f"{series!r} is not a series: write letters ('A', 'CTOC') or letters and "
            "a number ('CN.15', 'WG.2'), joined by '/'"
        )
    return None if canonical == series else at(f"write the series {series!r} as {canonical!r}")


def _check_kind(kind: object) -> Problems:
    if type(kind) is str and _KIND.fullmatch(kind) and kind.title() not in _MODIFIER_NOUNS:
        return None
    return at(
        "expected a kind of document in capital letters, such as 'INF', 'CRP' "
        f"or 'RES', got {describe(kind)}"
    )


_NUMBER = integer(1, _MAX_NUMBER)


def _check_modifier(item: object) -> Problems:
    if type(item) is not tuple or len(item) != 2:
        return at(f"expected a pair such as ('Rev', 1), got {describe(item)}")
    name, count = item
    found = []
    if type(name) is not str or name not in _MODIFIER_NOUNS:  # a list is no key of a dict
        listed = ", ".join(repr(n) for n in MODIFIERS)
        found.append(("/0", f"expected one of {listed}; got {describe(name)}"))
    found += [("/1" + path, message) for path, message in _NUMBER.check(count) or ()]
    return found or None


@rule("Each modifier is used at most once.", needs=())
def _modifiers_once(symbol: DocumentSymbol) -> Found | None:
    # Reported beside the other problems of the modifiers: only pairs are compared.
    if type(symbol.modifiers) is not tuple:
        return None
    names = [
        item[0] if type(item) is tuple and len(item) == 2 and type(item[0]) is str else None
        for item in symbol.modifiers
    ]
    found = [
        (f"/modifiers/{index}/0", f"{name!r} is already used: each modifier at most once")
        for index, name in enumerate(names)
        if name in _MODIFIER_NOUNS and name in names[:index]
    ]
    return found or None


@rule("The parts make a symbol that reads back as the same parts.")
def _reads_back(symbol: DocumentSymbol) -> str | None:
    parts = symbol._parts()
    text = _write(parts)
    read = _read(text)
    if read == parts:
        return None
    if isinstance(read, str):
        return f"these parts make {text!r}, which is refused: {read}"
    differ = ", ".join(
        f"{name}={value!r}"
        for name, value, mine in zip(_Parts._fields, read, parts, strict=True)
        if value != mine
    )
    return f"these parts make {text!r}, which reads back as {differ}"


@record
class DocumentSymbol(Record):
    """The parts of a UN document symbol; `parse` reads one and ``str()`` writes it.

    *modifiers* are ``(name, number)`` pairs in the order written, names from
    ``Rev``, ``Add``, ``Corr`` and ``Amend``; `revision` and the like read them.

    >>> symbol = DocumentSymbol.parse("ctoc/cop/2014/inf/1/rev 1")
    >>> str(symbol), symbol.series, symbol.session_or_year, symbol.kind, symbol.revision
    ('CTOC/COP/2014/INF/1/Rev.1', 'CTOC/COP', 2014, 'INF', 1)
    """

    series: str = field(Kind("series", _check_series))
    session_or_year: int | None = field(_NUMBER, default=None)
    kind: str | None = field(Kind("documentKind", _check_kind), default=None)
    number: int = field(_NUMBER)
    modifiers: tuple[tuple[str, int], ...] = field(Kind("modifier", _check_modifier), default=())
    RULES = (_modifiers_once, _reads_back)

    def _parts(self) -> _Parts:
        return _Parts(self.series, self.session_or_year, self.kind, self.number, self.modifiers)

    @classmethod
    def parse(cls, text: str) -> DocumentSymbol:
        """Read a symbol as people type it: any case, spaces around '/' and '.', "Rev 1".

        Raises `ValidationError` with one problem saying what is wrong.

        >>> DocumentSymbol.parse("S/RES/2195(2014)").session_or_year
        2014
        """
        if not isinstance(text, str):
            fail([("", f"{_EXPECTED}, got {describe(text)}")])
        parts = _read(text)
        if isinstance(parts, str):
            fail([("", parts)])
        return cls(
            series=parts.series,
            session_or_year=parts.session_or_year,
            kind=parts.kind,
            number=parts.number,
            modifiers=parts.modifiers,
        )

    def __str__(self) -> str:
        return _write(self._parts())

    def _modifier(self, name: str) -> int | None:
        for modifier, count in self.modifiers:
            if modifier == name:
                return count
        return None

    @property
    def revision(self) -> int | None:
        """The number of the ``Rev.`` modifier, if any."""
        return self._modifier("Rev")

    @property
    def addendum(self) -> int | None:
        """The number of the ``Add.`` modifier, if any."""
        return self._modifier("Add")

    @property
    def corrigendum(self) -> int | None:
        """The number of the ``Corr.`` modifier, if any."""
        return self._modifier("Corr")

    @property
    def amendment(self) -> int | None:
        """The number of the ``Amend.`` modifier, if any."""
        return self._modifier("Amend")


@lru_cache(maxsize=4096)
def _canonical(text: str) -> str | None:
    try:
        return str(DocumentSymbol.parse(text))
    except ValidationError:
        return None


def check_symbol(value: object) -> Problems:
    """A UN document symbol, written as `DocumentSymbol` normalises it."""
    if type(value) is str and _canonical(value) == value:
        return None
    if type(value) is not str:
        return at(f"{_EXPECTED}, got {describe(value)}")
    try:
        canonical = str(DocumentSymbol.parse(value))
    except ValidationError as error:
        return [("", problem.message) for problem in error.errors]
    return at(f"write the document symbol {value!r} as {canonical!r}")


SYMBOL = Kind("symbol", check_symbol)


@record
class Document(Record):
    """A UN document that a session or meeting cites, by its symbol.

    *symbol* is written as `DocumentSymbol` normalises it; *title* is multilingual;
    *url* an absolute http(s) URL.

    >>> Document(symbol="CTOC/COP/2014/1", title={"en": "Provisional agenda"}).parsed.number
    1
    """

    symbol: str = field(SYMBOL)
    title: MultilingualText | None = field(default=None)
    url: str | None = field(URL, default=None)
    RULES = ()

    @property
    def parsed(self) -> DocumentSymbol:
        """The parts of `symbol`."""
        return DocumentSymbol.parse(self.symbol)

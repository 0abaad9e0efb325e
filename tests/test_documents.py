"""UN document symbols: parsing, normalising and writing them; documents that cite them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ctocmodel import ValidationError
from ctocmodel._model.documents import (
    DOTTED_KINDS,
    KINDS_BEFORE_SESSION,
    KNOWN_KINDS,
    MODIFIERS,
    Document,
    DocumentSymbol,
)
from ctocmodel.testing import problems_of as problems


def parse_problems(text) -> dict[str, str]:
    return problems(lambda: DocumentSymbol.parse(text))


# Valid symbols: text, then series, session or year, kind, number, modifiers.

VALID = [
    ("CTOC/COP/2014/1", "CTOC/COP", 2014, None, 1, ()),
    ("CTOC/COP/2014/INF/1/Rev.1", "CTOC/COP", 2014, "INF", 1, (("Rev", 1),)),
    ("CTOC/COP/2014/CRP.2", "CTOC/COP", 2014, "CRP", 2, ()),
    ("CTOC/COP/2014/L.3", "CTOC/COP", 2014, "L", 3, ()),
    ("A/RES/69/193", "A", 69, "RES", 193, ()),
    ("A/69/PV.12", "A", 69, "PV", 12, ()),
    ("E/2014/30/Add.1", "E", 2014, None, 30, (("Add", 1),)),
    ("E/CN.15/2014/20", "E/CN.15", 2014, None, 20, ()),
    ("S/RES/2195 (2014)", "S", 2014, "RES", 2195, ()),
    ("A/C.3/69/L.5/Rev.1", "A/C.3", 69, "L", 5, (("Rev", 1),)),
    ("CTOC/COP/WG.2/2014/2", "CTOC/COP/WG.2", 2014, None, 2, ()),
    ("A/69/150/Corr.1", "A", 69, None, 150, (("Corr", 1),)),
    ("E/2014/30/Add.1/Corr.2", "E", 2014, None, 30, (("Add", 1), ("Corr", 2))),
    ("S/PRST/2014/5", "S", 2014, "PRST", 5, ()),
    ("E/RES/2014/23", "E", 2014, "RES", 23, ()),
    ("A/HRC/RES/27/1", "A/HRC", 27, "RES", 1, ()),
    ("A/HRC/DEC/27/101", "A/HRC", 27, "DEC", 101, ()),
    ("A/HRC/27/NGO/12", "A/HRC", 27, "NGO", 12, ()),
    ("E/CN.15/2014/NGO/1", "E/CN.15", 2014, "NGO", 1, ()),
    ("S/PV.7300", "S", None, "PV", 7300, ()),
    ("S/RES/2195", "S", None, "RES", 2195, ()),
    ("S/2014/123", "S", 2014, None, 123, ()),
    ("A/CONF.213/18", "A/CONF.213", None, None, 18, ()),
    ("A/CONF.213/L.1", "A/CONF.213", None, "L", 1, ()),
    ("A/CONF.213/INF/1", "A/CONF.213", None, "INF", 1, ()),
    ("E/2014/SR.40", "E", 2014, "SR", 40, ()),
    ("ST/SGB/2014/1", "ST/SGB", 2014, None, 1, ()),
    ("CAC/COSP/2013/18", "CAC/COSP", 2013, None, 18, ()),
    ("A/AC.105/C.1/2014/CRP.1", "A/AC.105/C.1", 2014, "CRP", 1, ()),
    ("E/CN.4/Sub.2/1998/13", "E/CN.4/Sub.2", 1998, None, 13, ()),
    ("TD/B/C.I/35", "TD/B/C.I", None, None, 35, ()),
    ("A/HRC/WG.6/20/AFG/1", "A/HRC/WG.6", 20, "AFG", 1, ()),
    ("E/CN.15/2014/L.1/Rev.1", "E/CN.15", 2014, "L", 1, (("Rev", 1),)),
    ("A/69/150/Rev.1/Add.1", "A", 69, None, 150, (("Rev", 1), ("Add", 1))),
    ("A/69/150/Add.1/Rev.1", "A", 69, None, 150, (("Add", 1), ("Rev", 1))),
    ("A/C.3/69/L.5/Amend.1", "A/C.3", 69, "L", 5, (("Amend", 1),)),
    ("CTOC/COP/2012/CRP.4/Add.1", "CTOC/COP", 2012, "CRP", 4, (("Add", 1),)),
    ("UNODC/CCPCJ/EG.4/2013/2", "UNODC/CCPCJ/EG.4", 2013, None, 2, ()),
    ("ECE/TRANS/WP.29/1110", "ECE/TRANS/WP.29", None, None, 1110, ()),
    ("A/INF/69/4", "A/INF", 69, None, 4, ()),
    ("CCPR/C/GC/34", "CCPR/C/GC", None, None, 34, ()),
    ("A/69", "A", None, None, 69, ()),
]


@pytest.mark.parametrize(("text", "series", "session", "kind", "number", "modifiers"), VALID)
def test_valid_symbol_is_read_into_its_parts(text, series, session, kind, number, modifiers):
    """Each part of a well-written symbol lands in its field."""
    symbol = DocumentSymbol.parse(text)
    assert (symbol.series, symbol.session_or_year, symbol.kind, symbol.number) == (
        series,
        session,
        kind,
        number,
    )
    assert symbol.modifiers == modifiers


@pytest.mark.parametrize("text", [row[0] for row in VALID])
def test_normalised_symbol_is_written_back_unchanged(text):
    """A symbol already in normalised form is written back exactly as it was read."""
    assert str(DocumentSymbol.parse(text)) == text


@pytest.mark.parametrize(("text", "series", "session", "kind", "number", "modifiers"), VALID)
def test_parts_build_the_same_symbol_as_parsing(text, series, session, kind, number, modifiers):
    """Building a symbol from its parts equals parsing its text, and writes that text."""
    built = DocumentSymbol(
        series=series, session_or_year=session, kind=kind, number=number, modifiers=modifiers
    )
    assert built == DocumentSymbol.parse(text)
    assert str(built) == text


def test_modifier_properties_read_the_modifiers():
    """revision, addendum, corrigendum and amendment give a modifier's number, or None."""
    symbol = DocumentSymbol.parse("E/2014/30/Add.1/Corr.2")
    assert (symbol.revision, symbol.addendum, symbol.corrigendum, symbol.amendment) == (
        None,
        1,
        2,
        None,
    )
    assert DocumentSymbol.parse("A/C.3/69/L.5/Amend.3/Rev.2").amendment == 3


def test_symbol_is_a_hashable_value():
    """Two parses of one symbol are equal, hash alike and cannot be changed."""
    first, second = DocumentSymbol.parse("A/69/150"), DocumentSymbol.parse("a/69/150")
    assert first == second
    assert len({first, second}) == 1
    with pytest.raises(AttributeError):
        first.number = 151  # type: ignore[misc]


# Normalisation of what people type


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ctoc/cop/2014/inf/1/rev.1", "CTOC/COP/2014/INF/1/Rev.1"),
        ("CTOC / COP / 2014 / 1", "CTOC/COP/2014/1"),
        ("CTOC/COP/2014/INF/1/Rev 1", "CTOC/COP/2014/INF/1/Rev.1"),
        ("CTOC/COP/2014/INF/1/Rev1", "CTOC/COP/2014/INF/1/Rev.1"),
        ("CTOC/COP/2014/INF/1/REV. 1", "CTOC/COP/2014/INF/1/Rev.1"),
        ("  A/RES/69/193\n", "A/RES/69/193"),
        ("e/cn. 15/2014/l 3/add 2/corr.1", "E/CN.15/2014/L.3/Add.2/Corr.1"),
        ("S/RES/2195(2014)", "S/RES/2195 (2014)"),
        ("s/res/2195 ( 2014 )", "S/RES/2195 (2014)"),
        ("S/RES/2014/2195", "S/RES/2195 (2014)"),
        ("CTOC/COP/2014/CRP/2", "CTOC/COP/2014/CRP.2"),
        ("CTOC/COP/2014/INF.1", "CTOC/COP/2014/INF/1"),
        ("e/cn.4/sub.2/1998/13", "E/CN.4/Sub.2/1998/13"),
        ("A/069/0150", "A/69/150"),
        ("A/69/RES/193", "A/RES/69/193"),
        ("A/69/150/amend.1", "A/69/150/Amend.1"),
        ("td/b/c.i/35", "TD/B/C.I/35"),
        ("A\u00a0/\u00a069/150", "A/69/150"),
    ],
)
def test_variants_people_type_are_normalised(typed, normalised):
    """Case, spaces, a missing dot and leading zeros are normalised to the UN's spelling."""
    symbol = DocumentSymbol.parse(typed)
    assert str(symbol) == normalised
    assert symbol == DocumentSymbol.parse(normalised)


# Refused symbols: the message says what is wrong

REFUSED = [
    ("XYZ", "'XYZ' is not a UN document symbol: a symbol is parts joined by '/', such as "),
    ("CTOC/COP/2014/Rev.1", "'CTOC/COP/2014/Rev.1' has a revision but no document number"),
    ("CTOC/COP/2014/Corr.2", "'CTOC/COP/2014/Corr.2' has a corrigendum but no document number"),
    ("CTOC/COP/2014", "'CTOC/COP/2014' has no document number: 2014 is read as a year"),
    ("CTOC/COP", "'CTOC/COP' has no document number"),
    ("A/C.3", "'C.3' is not a kind of document"),
    ("CTOC/COP/2014/WG.2", "'WG.2' is not a kind of document such as 'CRP.2'"),
    ("CTOC/COP/2014/CRP", "'CRP' in 'CTOC/COP/2014/CRP' needs a number, such as 'CRP.1'"),
    ("", "a UN document symbol cannot be empty"),
    ("   ", "a UN document symbol cannot be empty"),
    ("A//69/1", "'A//69/1' has an empty part"),
    ("A/69/1/", "'A/69/1/' has an empty part"),
    ("/A/69/1", "has an empty part"),
    ("A/69/150/Add.1-3", "'Add.1-3' in 'A/69/150/Add.1-3' is not a part of a UN document symbol"),
    ("A/ES-10/273", "'ES-10' in 'A/ES-10/273' is not a part of a UN document symbol"),
    ("CTOC/COP/2014/1#", "'1#' in 'CTOC/COP/2014/1#' is not a part"),
    ("A/Rev.1/69/1", "'Rev.1' in 'A/Rev.1/69/1' must come at the end, after the document number"),
    ("A/69/150/Add.1/L.5", "'Add.1' in 'A/69/150/Add.1/L.5' must come at the end"),
    ("A/69/150/Rev", "'Rev' in 'A/69/150/Rev' needs a number, such as 'Rev.1'"),
    ("A/69/150/Add.1/Add.2", "names 'Add' twice (Add.1, Add.2)"),
    ("A/69/150/1", "has a number out of place ('69')"),
    ("2014/1", "'2014/1' has no series"),
    ("RES/69/1", "'RES/69/1' has no series"),
    ("A/RES/69/193 (2014)", "gives both a session or year (69) and a year in parentheses (2014)"),
    ("E/RES/23 (2014)", "only Security Council resolutions write one"),
    ("A/69 (2014)/150", "has a year in parentheses where there can be none"),
    ("A/69/0", "'A/69/0' has the number 0: numbers in a UN document symbol start at 1"),
    ("A/69/150/Rev.0", "has the number 0"),
    ("A/69/1234567890", "has a number of more than 9 digits"),
    ("A/" + "B/" * 100 + "1", "a UN document symbol has at most 200 characters, this one has 203"),
    ("A/69/\u0661\u0665\u0660", "is not a part of a UN document symbol"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_invalid_symbol_is_refused_with_one_problem_saying_why(text, fragment):
    """Parsing a malformed symbol raises one problem, at the empty path, saying what is wrong."""
    found = parse_problems(text)
    assert list(found) == [""]
    assert fragment in found[""]


def test_symbol_with_an_addendum_is_valid_where_the_number_is_there():
    """Add.1 after a document number is fine, unlike after a year alone."""
    assert DocumentSymbol.parse("A/69/150/Add.1").addendum == 1


@pytest.mark.parametrize("value", [None, 12, b"A/69/150", ["A", "69"]])
def test_parse_refuses_what_is_not_a_string(value):
    """Only text is parsed; anything else is named in the message."""
    found = parse_problems(value)
    assert list(found) == [""]
    assert found[""].startswith("expected a UN document symbol (a string such as ")


def test_validation_error_is_a_value_error():
    """A refused symbol can be caught as ValueError, like every ValidationError."""
    with pytest.raises(ValueError, match="has no document number"):
        DocumentSymbol.parse("E/CN.15")
    with pytest.raises(ValidationError):
        DocumentSymbol.parse("E/CN.15")


# Building a symbol from its parts


def test_parts_in_the_wrong_form_are_each_reported():
    """Every wrong field of a hand-built symbol is reported, at its own path."""
    found = problems(
        lambda: DocumentSymbol(
            series="ctoc/cop",
            session_or_year=True,
            kind="inf",
            number=0,
            modifiers="Rev.1",
        )
    )
    assert found == {
        "/series": "write the series 'ctoc/cop' as 'CTOC/COP'",
        "/session_or_year": "expected an integer, got true",
        "/kind": "expected a kind of document in capital letters, such as 'INF', 'CRP' or "
        "'RES', got a string ('inf')",
        "/number": "must be at least 1, got 0",
        "/modifiers": "expected a tuple (an array in JSON), got a string ('Rev.1')",
    }


def test_malformed_series_and_modifiers_are_reported():
    """A series that is no series, oversized numbers and bad modifiers are all explained."""
    found = problems(
        lambda: DocumentSymbol(
            series="A B",
            number=10**12,
            modifiers=(("Rev", 1), ("Rev", 2), ("Sub", 0), (1,)),
        )
    )
    assert found == {
        "/series": "'A B' is not a series: write letters ('A', 'CTOC') or letters and a "
        "number ('CN.15', 'WG.2'), joined by '/'",
        "/number": "must have at most 9 digits, got an integer (1000000000000)",
        "/modifiers/1/0": "'Rev' is already used: each modifier at most once",
        "/modifiers/2/0": "expected one of 'Rev', 'Add', 'Corr', 'Amend'; got a string ('Sub')",
        "/modifiers/2/1": "must be at least 1, got 0",
        "/modifiers/3": "expected a pair such as ('Rev', 1), got a tuple",
    }


@pytest.mark.parametrize("kind", ["Rev", "REV", "AMEND", "L.3", "Sub", ""])
def test_kind_must_be_capital_letters_and_no_modifier(kind):
    """A kind is capital letters, and never the name of a modifier."""
    found = problems(lambda: DocumentSymbol(series="A", session_or_year=69, kind=kind, number=1))
    assert list(found) == ["/kind"]


def test_parts_that_read_back_differently_are_refused():
    """Parts whose text would be read as other parts are refused, showing the difference."""
    assert problems(lambda: DocumentSymbol(series="CCPR/C", kind="GC", number=34)) == {
        "": "these parts make 'CCPR/C/GC/34', which reads back as series='CCPR/C/GC', kind=None"
    }
    assert problems(lambda: DocumentSymbol(series="A/RES", session_or_year=69, number=5)) == {
        "": "these parts make 'A/RES/69/5', which reads back as series='A', kind='RES'"
    }


def test_parts_whose_text_is_refused_are_refused():
    """A number that reads as a year, with no session before it, is refused when built."""
    found = problems(lambda: DocumentSymbol(series="CTOC/COP", number=2014))
    assert found[""].startswith(
        "these parts make 'CTOC/COP/2014', which is refused: 'CTOC/COP/2014' has no document number"
    )


# Properties

SERIES_FIRST = ["A", "E", "S", "ST", "CTOC", "CAC", "UNODC", "FCCC", "TD", "CCPR"]
SERIES_MORE = [
    "COP",
    "COSP",
    "HRC",
    "SGB",
    "CCPCJ",
    "B",
    "C",
    "CN.15",
    "C.3",
    "WG.2",
    "AC.105",
    "CONF.213",
    "Sub.2",
    "C.I",
    "EG.4",
    "WP.29",
    "SER.B",
]
OPEN_KINDS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4).filter(
    lambda word: word.title() not in MODIFIERS
)


@st.composite
def symbols(draw) -> DocumentSymbol:
    """Parts of a valid symbol, from a sample of series and any kind, number and modifiers."""
    series = "/".join(
        [
            draw(st.sampled_from(SERIES_FIRST)),
            *draw(st.lists(st.sampled_from(SERIES_MORE), max_size=3)),
        ]
    )
    session = draw(st.none() | st.integers(1, 3000))
    known = st.sampled_from(sorted(KNOWN_KINDS))
    kind = draw(st.none() | known | (OPEN_KINDS if session is not None else st.nothing()))
    number = draw(st.integers(1, 999_999_999))
    assume(not (kind is None and session is None and 1946 <= number <= 2099))
    names = draw(st.permutations(MODIFIERS))[: draw(st.integers(0, len(MODIFIERS)))]
    modifiers = tuple((name, draw(st.integers(1, 99))) for name in names)
    return DocumentSymbol(
        series=series, session_or_year=session, kind=kind, number=number, modifiers=modifiers
    )


@given(symbols())
def test_a_symbol_reads_back_from_its_text(symbol):
    """parse(str(s)) == s for any symbol built from valid parts."""
    assert DocumentSymbol.parse(str(symbol)) == symbol


@given(symbols())
def test_a_symbol_reads_back_from_its_text_typed_carelessly(symbol):
    """The lower-case, spaced-out text of a symbol still reads as that symbol."""
    careless = str(symbol).lower().replace("/", " / ").replace(".", ". ")
    assert DocumentSymbol.parse(careless) == symbol


PIECES = [
    *SERIES_FIRST,
    *SERIES_MORE,
    *sorted(KNOWN_KINDS),
    "inf",
    "crp.2",
    "L 3",
    "pv12",
    "G",
    "2014",
    "69",
    "1",
    "193",
    "2195 (2014)",
    "Rev.1",
    "add 2",
    "Corr1",
    "amend. 3",
    "REV",
    "0",
    "ES-10",
    "",
    " ",
]
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=7).map("/".join) | st.text(
    alphabet="ACEILNOPRSTVWdv.()/ 0123456789", max_size=30
)


@given(TEXTS)
def test_any_text_is_refused_or_reads_back(text):
    """Any text either raises one problem or gives a symbol whose text reads back the same."""
    try:
        symbol = DocumentSymbol.parse(text)
    except ValidationError as error:
        paths = [problem.path for problem in error.errors]
    else:
        paths = None
    if paths is not None:
        assert paths == [""]
        return
    written = str(symbol)
    assert DocumentSymbol.parse(written) == symbol
    assert str(DocumentSymbol.parse(written)) == written


def test_kind_tables_agree():
    """Kinds before the session and dotted kinds are all known, and never overlap."""
    assert KINDS_BEFORE_SESSION <= KNOWN_KINDS
    assert DOTTED_KINDS <= KNOWN_KINDS
    assert not KINDS_BEFORE_SESSION & DOTTED_KINDS


# Documents


def test_document_keeps_its_fields():
    """A document has a normalised symbol, a multilingual title and a URL."""
    document = Document(
        symbol="CTOC/COP/2014/INF/1/Rev.1",
        title={"en": "List of participants", "fr": "Liste des participants"},
        url="https://undocs.org/CTOC/COP/2014/INF/1/Rev.1",
    )
    assert document.title == {"en": "List of participants", "fr": "Liste des participants"}
    assert document.parsed == DocumentSymbol.parse("CTOC/COP/2014/INF/1/Rev.1")
    assert document.parsed.revision == 1


def test_document_needs_only_a_symbol():
    """Title and URL are optional."""
    document = Document(symbol="A/RES/69/193")
    assert (document.title, document.url) == (None, None)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("ctoc/cop/2014/1", "CTOC/COP/2014/1"),
        ("CTOC/COP/2014/INF/1/Rev 1", "CTOC/COP/2014/INF/1/Rev.1"),
        ("S/RES/2195(2014)", "S/RES/2195 (2014)"),
        (" A/69/150", "A/69/150"),
    ],
)
def test_document_refuses_a_symbol_not_normalised_and_gives_its_normalised_form(typed, normalised):
    """A symbol not in normalised form is refused, the message giving the normalised form."""
    assert problems(lambda: Document(symbol=typed)) == {
        "/symbol": f"write the document symbol {typed!r} as {normalised!r}"
    }
    assert Document(symbol=normalised).symbol == normalised


def test_document_refuses_an_invalid_symbol_with_the_reason():
    """A symbol that cannot be parsed is refused with the parser's message."""
    assert problems(lambda: Document(symbol="CTOC/COP/2014/Rev.1")) == {
        "/symbol": "'CTOC/COP/2014/Rev.1' has a revision but no document number"
    }


def test_document_symbol_must_be_a_string():
    """A DocumentSymbol object is not accepted in place of its text."""
    symbol = DocumentSymbol.parse("A/69/150")
    assert problems(lambda: Document(symbol=symbol)) == {
        "/symbol": "expected a UN document symbol (a string such as 'CTOC/COP/2014/1'), got "
        "a DocumentSymbol object"
    }


def test_document_title_is_multilingual_text():
    """The title follows the rules of multilingual text."""
    assert problems(lambda: Document(symbol="A/69/150", title={"EN": "Report"})) == {
        "/title/EN": "write the language tag 'EN' as 'en'"
    }
    assert problems(lambda: Document(symbol="A/69/150", title="Report")) == {
        "/title": "expected multilingual text (an object from language tag to text, such as "
        '{"fr": "...", "en": "..."}), got a string (\'Report\')'
    }
    assert problems(lambda: Document(symbol="A/69/150", title={})) == {
        "/title": "multilingual text needs at least one language"
    }


def test_document_title_is_copied():
    """Changing the mapping given as title afterwards does not change the document."""
    title = {"en": "Report"}
    document = Document(symbol="A/69/150", title=title)
    title["fr"] = "Rapport"
    assert document.title == {"en": "Report"}


@pytest.mark.parametrize("url", ["undocs.org/A/69/150", "ftp://undocs.org/A/69/150", ""])
def test_document_url_must_be_absolute_http(url):
    """The URL is an absolute http(s) URL."""
    assert problems(lambda: Document(symbol="A/69/150", url=url)) == {
        "/url": f"{url!r} is not an absolute http(s) URL such as 'https://example.org/'"
    }


def test_document_reports_every_problem_at_once():
    """Symbol, title and URL problems are reported together."""
    found = problems(lambda: Document(symbol="a/69/150", title={"en": " "}, url="ftp://x.org/"))
    assert set(found) == {"/symbol", "/title/en", "/url"}


def test_documents_are_equal_by_symbol_and_url_and_hashable():
    """Two documents with the same fields are equal and can go in a set."""
    first = Document(symbol="A/69/150", title={"en": "Report"})
    second = Document(symbol="A/69/150", title={"en": "Report"})
    assert first == second
    assert len({first, second}) == 1


@given(symbols())
def test_any_symbol_text_makes_a_document(symbol):
    """The text of any valid symbol is accepted as a document's symbol."""
    assert Document(symbol=str(symbol)).parsed == symbol


def test_a_list_as_a_modifier_name_is_a_problem_not_a_type_error() -> None:
    """A modifier whose name is a list (unhashable) is reported, never a TypeError."""
    with pytest.raises(ValidationError) as caught:
        DocumentSymbol(series="A", number=1, modifiers=((["Rev"], 1),))  # type: ignore[arg-type]
    assert [problem.path for problem in caught.value.errors] == ["/modifiers/0/0"]

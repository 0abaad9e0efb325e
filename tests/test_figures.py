"""Counts and reported figures: qualifiers, the bounds they set, and what a listing may show."""

from __future__ import annotations

import pytest

from ctocmodel import Count, ReportedFigure
from ctocmodel.testing import problems_of as problems

# Count: construction


@pytest.mark.parametrize(
    "qualifier", ["exact", "at_least", "more_than", "about", "at_most", "fewer_than"]
)
def test_every_qualifier_is_accepted(qualifier):
    """Each of the six qualifiers makes a Count."""
    count = Count(qualifier=qualifier, value=5)
    assert (count.qualifier, count.value) == (qualifier, 5)


def test_unknown_qualifier_is_refused_with_a_suggestion():
    """A misspelt qualifier is refused, listing the choices and suggesting the near one."""
    found = problems(lambda: Count(qualifier="more-than", value=5))
    assert list(found) == ["/qualifier"]
    assert found["/qualifier"].startswith("expected one of 'exact', 'at_least'")
    assert found["/qualifier"].endswith("(did you mean 'more_than'?)")


def test_negative_value_is_refused():
    """A count is never negative."""
    assert problems(lambda: Count(qualifier="at_least", value=-1)) == {
        "/value": "must be at least 0, got -1"
    }


def test_zero_is_a_possible_exact_count():
    """Zero is a valid count."""
    assert Count(qualifier="exact", value=0).bounds() == (0, 0)


def test_fewer_than_zero_is_refused():
    """'fewer than 0' admits no count at all, so it is refused with a hint to use at_most 0."""
    assert problems(lambda: Count(qualifier="fewer_than", value=0)) == {
        "/value": "fewer than 0 is not a possible count; use at_most 0"
    }


@pytest.mark.parametrize(("value", "shown"), [(True, "true"), (False, "false")])
def test_bool_is_not_an_integer(value, shown):
    """True and False are refused although Python treats them as integers."""
    assert problems(lambda: Count(qualifier="exact", value=value)) == {
        "/value": f"expected an integer, got {shown}"
    }


@pytest.mark.parametrize(("value", "shown"), [(16.0, "a number (16.0)"), ("16", "a string ('16')")])
def test_value_must_be_an_integer(value, shown):
    """A float or a string is refused, even when it looks like a whole number."""
    assert problems(lambda: Count(qualifier="exact", value=value)) == {
        "/value": f"expected an integer, got {shown}"
    }


def test_all_problems_of_a_count_are_reported_together():
    """A bad qualifier and a bad value are both reported."""
    assert set(problems(lambda: Count(qualifier="roughly", value=-3))) == {"/qualifier", "/value"}


# Count: bounds, admits, allows_at_least


@pytest.mark.parametrize(
    ("qualifier", "bounds"),
    [
        ("exact", (16, 16)),
        ("at_least", (16, None)),
        ("more_than", (17, None)),
        ("at_most", (0, 16)),
        ("fewer_than", (0, 15)),
        ("about", (0, None)),
    ],
)
def test_bounds_of_each_qualifier(qualifier, bounds):
    """bounds() is the least and greatest true count (None: no limit); 'about' bounds nothing."""
    assert Count(qualifier=qualifier, value=16).bounds() == bounds


@pytest.mark.parametrize(
    ("qualifier", "admitted", "refused"),
    [
        ("exact", [16], [15, 17]),
        ("at_least", [16, 17, 10_000], [15]),
        ("more_than", [17, 10_000], [16, 0]),
        ("at_most", [0, 16], [17]),
        ("fewer_than", [0, 15], [16, 17]),
        ("about", [0, 1, 15, 16, 17, 10_000], []),
    ],
)
def test_admits_each_qualifier(qualifier, admitted, refused):
    """admits(n) tells whether a true count of n agrees with the figure."""
    count = Count(qualifier=qualifier, value=16)
    assert [count.admits(n) for n in admitted] == [True] * len(admitted)
    assert [count.admits(n) for n in refused] == [False] * len(refused)


@pytest.mark.parametrize(
    ("qualifier", "allowed", "contradicting"),
    [
        ("exact", [0, 10, 16], [17]),
        ("at_least", [0, 16, 17, 10_000], []),
        ("more_than", [0, 16, 17, 60], []),
        ("at_most", [0, 16], [17, 100]),
        ("fewer_than", [0, 15], [16, 17]),
        ("about", [0, 16, 17, 10_000], []),
    ],
)
def test_allows_at_least_each_qualifier(qualifier, allowed, contradicting):
    """allows_at_least(n): fewer listed records than reported is fine, more than the maximum not."""
    count = Count(qualifier=qualifier, value=16)
    assert [count.allows_at_least(n) for n in allowed] == [True] * len(allowed)
    assert [count.allows_at_least(n) for n in contradicting] == [False] * len(contradicting)


def test_about_is_never_contradicted_by_a_listing():
    """'about 5' allows any number of listed records, however far from 5."""
    about = Count(qualifier="about", value=5)
    assert about.allows_at_least(0)
    assert about.allows_at_least(500)


def test_count_is_a_hashable_value():
    """Counts with the same qualifier and value are equal and hash alike."""
    assert Count(qualifier="exact", value=3) == Count(qualifier="exact", value=3)
    assert len({Count(qualifier="exact", value=3), Count(qualifier="exact", value=3)}) == 1


# ReportedFigure


def test_reported_figure_keeps_its_fields_and_defaults():
    """A figure holds measure, count, source; quote defaults to None and topics to ()."""
    figure = ReportedFigure(
        measure="participants", count=Count(qualifier="more_than", value=90), source="news"
    )
    assert (figure.measure, figure.count.value, figure.source) == ("participants", 90, "news")
    assert figure.quote is None
    assert figure.topics == ()


def test_reported_figure_with_quote_and_topics():
    """A quote in any language and built-in topic ids are kept as given."""
    figure = ReportedFigure(
        measure="side_event_organizing_ngos",
        count=Count(qualifier="exact", value=16),
        source="unodc-news-cop7-ngo-participation",
        quote="Au total, 16 ONG ont organisé des manifestations parallèles.",
        topics=("organized-crime", "small-arms"),
    )
    assert figure.quote.startswith("Au total, 16 ONG")
    assert figure.topics == ("organized-crime", "small-arms")


def test_a_measure_is_an_id():
    """A measure is the id of a measure; whether it exists is the dataset's concern."""
    found = problems(
        lambda: ReportedFigure(measure=7, count=Count(qualifier="exact", value=1), source="news")
    )
    assert found == {"/measure": "expected an id (a string), got an integer (7)"}


def test_count_must_be_a_count_object():
    """A bare number is not a Count."""
    assert problems(lambda: ReportedFigure(measure="participants", count=90, source="news")) == {
        "/count": "expected a Count, got an integer (90)"
    }


def test_source_must_be_a_string():
    """The source is a reference, a string; whether it resolves is the dataset's rule."""
    found = problems(
        lambda: ReportedFigure(
            measure="participants", count=Count(qualifier="exact", value=1), source=["news"]
        )
    )
    assert found == {"/source": "expected an id (a string), got an array"}


def test_blank_quote_is_refused():
    """A quote, when given, is non-blank text."""
    found = problems(
        lambda: ReportedFigure(
            measure="participants",
            count=Count(qualifier="exact", value=1),
            source="news",
            quote=" ",
        )
    )
    assert found == {"/quote": "text must not be empty or only spaces"}


def test_topics_must_be_a_tuple_of_distinct_ids():
    """Topics are a tuple (a list becomes one); a repeated id is refused at its index."""
    count = Count(qualifier="exact", value=1)
    listed = ReportedFigure(
        measure="participants", count=count, source="news", topics=["corruption"]
    )
    assert listed.topics == ("corruption",)
    repeated = problems(
        lambda: ReportedFigure(
            measure="participants",
            count=count,
            source="news",
            topics=("corruption", "small-arms", "corruption"),
        )
    )
    assert repeated == {"/topics/2": "'corruption' is listed twice"}

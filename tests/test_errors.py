"""Problem and ValidationError: how problems are located, listed and carried."""

from __future__ import annotations

import pickle

import pytest

from ctocmodel import CtocmodelError, Organization, Problem, ValidationError
from ctocmodel.errors import pointer


def test_problem_str_puts_the_path_before_the_message():
    """A Problem reads 'path: message'."""
    problem = Problem(path="/sessions/0/number", message="must be at least 1, got 0")
    assert str(problem) == "/sessions/0/number: must be at least 1, got 0"


def test_problem_at_the_document_root_shows_only_its_message():
    """A Problem whose path is '' (the whole document) reads as its message alone."""
    assert str(Problem(path="", message="a venue needs a name")) == "a venue needs a name"


def test_problem_is_frozen_and_compares_by_value():
    """Problems are immutable values: equal when path and message are equal."""
    problem = Problem(path="/id", message="is empty")
    assert problem == Problem(path="/id", message="is empty")
    assert problem != Problem(path="/id", message="is blank")
    with pytest.raises(AttributeError):
        problem.path = "/name"  # type: ignore[misc]


def test_validation_error_keeps_every_problem_in_order():
    """ValidationError.errors is the list of the problems given, in the order given."""
    problems = [Problem(path="/b", message="second"), Problem(path="/a", message="first")]
    error = ValidationError(iter(problems))
    assert error.errors == problems
    assert isinstance(error.errors, list)


def test_validation_error_str_lists_one_problem_per_line():
    """str(ValidationError) is a count header then each problem, indented, one per line."""
    error = ValidationError.from_pairs([("/id", "is empty"), ("/name", "is blank")])
    assert str(error) == "2 problems found:\n  /id: is empty\n  /name: is blank"


def test_validation_error_str_uses_the_singular_for_one_problem():
    """One problem is announced as '1 problem found:'."""
    error = ValidationError([Problem(path="", message="nothing to read")])
    assert str(error) == "1 problem found:\n  nothing to read"


def test_from_pairs_builds_problems_from_path_message_pairs():
    """from_pairs turns (path, message) pairs into Problems."""
    error = ValidationError.from_pairs([("/id", "is empty"), ("", "whole document")])
    assert error.errors == [
        Problem(path="/id", message="is empty"),
        Problem(path="", message="whole document"),
    ]


def test_validation_error_is_a_value_error_and_a_ctocmodel_error():
    """ValidationError can be caught as ValueError or as CtocmodelError."""
    error = ValidationError.from_pairs([("/id", "is empty")])
    assert isinstance(error, ValueError)
    assert isinstance(error, CtocmodelError)
    assert issubclass(CtocmodelError, Exception)


def test_model_errors_are_raised_as_validation_error_caught_as_value_error():
    """A model rule violation can be caught with `except ValueError`."""
    with pytest.raises(ValueError, match="not a valid id") as caught:
        Organization(id="Not An Id", name={"en": "X"}, kind="ngo")
    assert type(caught.value) is ValidationError
    assert [problem.path for problem in caught.value.errors] == ["/id"]


def test_under_prefixes_every_path():
    """under(prefix) puts the pointer prefix before each problem's path, messages unchanged."""
    error = ValidationError.from_pairs([("/end", "before start"), ("", "no venue")])
    moved = error.under("/conferences/0/sessions/1")
    assert moved.errors == [
        Problem(path="/conferences/0/sessions/1/end", message="before start"),
        Problem(path="/conferences/0/sessions/1", message="no venue"),
    ]


def test_under_returns_a_new_error_and_leaves_the_original_alone():
    """under() does not change the error it is called on."""
    error = ValidationError.from_pairs([("/end", "before start")])
    moved = error.under("/sessions/0")
    assert moved is not error
    assert isinstance(moved, ValidationError)
    assert error.errors == [Problem(path="/end", message="before start")]


def test_validation_error_survives_pickling():
    """A pickled ValidationError comes back with the same problems and the same text."""
    error = ValidationError.from_pairs([("/id", "is empty"), ("/title/fr", "is blank")])
    restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is ValidationError
    assert restored.errors == error.errors
    assert str(restored) == str(error)


def test_pointer_joins_keys_and_indices():
    """pointer() builds an RFC 6901 pointer from keys and integer indices."""
    assert pointer("conferences", 0, "sessions", 12, "end") == "/conferences/0/sessions/12/end"


def test_pointer_of_nothing_is_the_whole_document():
    """pointer() with no tokens is '', the pointer to the whole document."""
    assert pointer() == ""


@pytest.mark.parametrize(
    ("token", "escaped"),
    [
        ("a/b", "/a~1b"),
        ("a~b", "/a~0b"),
        ("~1", "/~01"),
        ("/~", "/~1~0"),
        ("", "/"),
    ],
)
def test_pointer_escapes_tilde_and_slash(token, escaped):
    """'~' becomes '~0' and '/' becomes '~1', tilde first so '~1' stays distinguishable."""
    assert pointer(token) == escaped


def test_long_messages_show_fifty_problems_and_count_the_rest():
    """str() of an error with many problems lists fifty and says how many more are in .errors."""
    error = ValidationError(Problem(path=f"/people/{i}/name", message="empty") for i in range(120))
    lines = str(error).splitlines()
    assert lines[0] == "120 problems found:"
    assert len(lines) == 52
    assert lines[-1] == "  ... and 70 more (all are in the errors attribute)"
    assert len(error.errors) == 120

"""The rules over a whole dataset take linear time: hostile documents are refused quickly.

Found while writing the mutation fuzzer: long chains of parents or broader topics made
the loop check cubic (a 260 KB document took about 50 s to refuse), each reference that
does not resolve compared itself with every id for a "did you mean" (4000 of them in a
575 KB document took about 150 s), and each figure counted the session's records
again. These tests count work, never time it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from ctocmodel import ValidationError, loads
from ctocmodel._model import _integrity


def problems(document: dict[str, Any]) -> dict[str, str]:
    """The problems of *document*, by path."""
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    return {problem.path: problem.message for problem in caught.value.errors}


def organizations(count: int, **extra: Any) -> list[dict[str, Any]]:
    return [
        {"id": f"org-{i}", "name": {"en": f"NGO {i}"}, "kind": "ngo", **extra} for i in range(count)
    ]


def chain(length: int, *, loop: bool = False) -> dict[str, Any]:
    """Organizations and topics each the parent of the next, with one reference broken."""
    orgs = organizations(length)
    topics = [{"id": f"topic-{i}", "label": {"en": "x"}} for i in range(length)]
    for i in range(1, length):
        orgs[i]["parent"], topics[i]["broader"] = f"org-{i - 1}", f"topic-{i - 1}"
    if loop:
        orgs[0]["parent"], topics[0]["broader"] = f"org-{length - 1}", f"topic-{length - 1}"
    source = {"id": "news", "title": {"en": "t"}, "language": "en", "publisher": "nobody"}
    return {"schema_version": "1.0", "organizations": orgs, "topics": topics, "sources": [source]}


def lines_run(function: Callable[[], object]) -> int:
    """How many lines of the integrity module *function* executes (a measure of work)."""
    count = 0
    filename = _integrity.__file__

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename == filename else None

    sys.settrace(calls)
    try:
        function()
    except ValidationError:
        pass
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("loop", [False, True])
def test_chains_of_parents_are_checked_in_linear_time(loop: bool) -> None:
    """Doubling a chain of parents and broader topics at most doubles the work, loop or not."""
    short = lines_run(lambda: loads(json.dumps(chain(200, loop=loop))))
    long = lines_run(lambda: loads(json.dumps(chain(400, loop=loop))))
    assert long <= 2.2 * short


def test_a_long_loop_is_reported_at_each_member_in_a_short_message() -> None:
    """Every organization of a loop of 300 is reported, each message naming a few of them."""
    found = problems(chain(300, loop=True))
    loops = {path: message for path, message in found.items() if "form a loop" in message}
    assert len(loops) == 600  # 300 organizations and 300 topics
    assert loops["/organizations/3/parent"] == (
        "the parent organizations form a loop: org-3 → org-2 → org-1 → org-0 → org-299 → "
        "org-298 → org-297 → org-296 → org-295 → org-294 → … (290 more) → org-3"
    )
    assert max(len(message) for message in loops.values()) < 300


def test_only_the_first_unresolved_references_get_a_suggestion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "Did you mean" is looked for 20 times at most, however many references are broken."""
    calls: list[str] = []
    real = _integrity.suggest

    def counting(word: str, choices: Any) -> str:
        calls.append(word)
        return real(word, choices)

    monkeypatch.setattr(_integrity, "suggest", counting)
    sources = [
        {"id": f"source-{i}", "title": {"en": "t"}, "language": "en", "publisher": f"org-{i}x"}
        for i in range(300)
    ]
    found = problems(
        {"schema_version": "1.0", "organizations": organizations(300), "sources": sources}
    )
    assert len(found) == 300
    first = [f"org-{i}x" for i in range(6)]  # 300 comparisons each, within 2000
    assert calls in (first, first * 2)  # once per path that explains: fast, then detailed
    assert found["/sources/0/publisher"].endswith("(did you mean 'org-0'?)")
    assert found["/sources/299/publisher"] == (
        "no organization has the id 'org-299x' in this dataset"
    )


def test_suggestions_stop_after_so_many_comparisons(monkeypatch: pytest.MonkeyPatch) -> None:
    """With 1500 organizations, one reference gets a suggestion: each compares with all."""
    calls: list[str] = []
    real = _integrity.suggest
    monkeypatch.setattr(
        _integrity, "suggest", lambda word, choices: calls.append(word) or real(word, choices)
    )
    sources = [
        {"id": f"source-{i}", "title": {"en": "t"}, "language": "en", "publisher": f"org-{i}x"}
        for i in range(5)
    ]
    found = problems(
        {"schema_version": "1.0", "organizations": organizations(1500), "sources": sources}
    )
    assert len(found) == 5
    assert calls in (["org-0x"], ["org-0x"] * 2)  # once per path that explains
    assert found["/sources/0/publisher"].endswith("(did you mean 'org-0'?)")


@pytest.fixture
def counted_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time the records of a session are counted for a figure."""
    measures: list[str] = []
    real = _integrity.listed_count

    def counting(session: Any, figure: Any, organizations: Any) -> int | None:
        measures.append(figure.measure)
        return real(session, figure, organizations)

    monkeypatch.setattr(_integrity, "listed_count", counting)
    return measures


@pytest.mark.parametrize("broken", [False, True])
def test_records_are_counted_once_per_measure(counted_listings: list[str], broken: bool) -> None:
    """300 figures of one measure count the session's 300 side events once, not 300 times."""
    sources = [{"id": f"s{i}", "title": {"en": "t"}, "language": "en"} for i in range(300)]
    if broken:
        sources[0]["publisher"] = "nobody"
    figures = [
        {
            "measure": "side_events",
            "count": {"qualifier": "at_most", "value": 999},
            "source": f"s{i}",
        }
        for i in range(300)
    ]
    meetings = [{"type": "side_event", "id": f"m{i}", "title": {"en": "x"}} for i in range(300)]
    session = {
        "id": "s",
        "number": 1,
        "start": "2014-10-06",
        "end": "2014-10-10",
        "figures": figures,
        "meetings": meetings,
    }
    document = {
        "schema_version": "1.0",
        "sources": sources,
        "conferences": [{"id": "c", "name": {"en": "c"}, "sessions": [session]}],
    }
    if broken:
        assert list(problems(document)) == ["/sources/0/publisher"]
    else:
        loads(json.dumps(document))
    assert counted_listings in (["side_events"], ["side_events"] * 2)  # per path: fast, detailed

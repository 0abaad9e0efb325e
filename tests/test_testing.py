"""ctocmodel.testing: synthetic datasets and Hypothesis strategies for other test suites."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import Phase, given, settings

from ctocmodel import Dataset, Dialogue, Session, dumps, loads
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets, multilingual_texts


def test_synthetic_dataset_is_deterministic() -> None:
    """The same seed and size give the same dataset, byte for byte."""
    assert dumps(synthetic_dataset(seed=3, size=2)) == dumps(synthetic_dataset(seed=3, size=2))


def test_seeds_give_different_datasets() -> None:
    """Different seeds give different data."""
    assert dumps(synthetic_dataset(seed=1)) != dumps(synthetic_dataset(seed=2))


def test_synthetic_dataset_is_valid_and_round_trips() -> None:
    """A synthetic dataset passes every rule when read back from its JSON."""
    dataset = synthetic_dataset(seed=5, size=2)
    assert loads(dumps(dataset)) == dataset


def test_synthetic_dataset_says_it_is_synthetic() -> None:
    """Its only source, and the names in it, say the data is synthetic."""
    dataset = synthetic_dataset()
    [source] = dataset.sources
    assert "Synthetic data" in source.title["en"]
    assert "not a record of real events" in source.title["en"]
    assert all("Synthetic" in org.name["en"] for org in dataset.organizations)
    assert all("synthetic" in person.name for person in dataset.people)


@pytest.mark.parametrize("size", [1, 4])
def test_size_is_about_100_kb_per_unit(size: int) -> None:
    """Each unit of size adds about 100 KB of canonical JSON (more since schema 1.1's fields)."""
    length = len(dumps(synthetic_dataset(size=size)).encode())
    assert 85_000 * size <= length <= 125_000 * size


def test_density_looks_like_real_records() -> None:
    """The JSON holds about 50 to 70 values per KB, like real records."""
    text = dumps(synthetic_dataset())

    def count(value: object) -> int:
        if isinstance(value, dict):
            return 1 + sum(count(item) for item in value.values())
        if isinstance(value, list):
            return 1 + sum(count(item) for item in value)
        return 1

    per_kb = count(json.loads(text)) / (len(text.encode()) / 1024)
    assert 45 <= per_kb <= 75


def test_every_meeting_type_appears() -> None:
    """Synthetic sessions hold side events, briefings, dialogues and special events."""
    session = synthetic_dataset().conferences[0].sessions[0]
    assert {meeting.type for meeting in session.meetings} == {
        "side_event",
        "briefing",
        "dialogue",
        "special_event",
    }


@pytest.mark.parametrize("size", [0, -1, 1.5, "2"])
def test_size_must_be_a_positive_integer(size: object) -> None:
    """A size that is not a positive integer is refused."""
    with pytest.raises(ValueError, match="size must be a positive integer"):
        synthetic_dataset(size=size)  # type: ignore[arg-type]


def sessions(dataset: Dataset) -> list[Session]:
    return [session for conference in dataset.conferences for session in conference.sessions]


REACHABLE = {
    "a dialogue with questions": lambda d: any(
        isinstance(m, Dialogue) and m.questions for s in sessions(d) for m in s.meetings
    ),
    "a timed meeting at a venue with a time zone": lambda d: any(
        s.venue is not None and s.venue.time_zone and any(m.end for m in s.meetings)
        for s in sessions(d)
    ),
    "a declared topic with a broader topic": lambda d: any(t.broader for t in d.topics),
    "a unit of a UN entity": lambda d: any(o.kind == "un_entity_unit" for o in d.organizations),
    "a reported figure": lambda d: any(s.figures for s in sessions(d)),
    "a participation basis": lambda d: any(p.basis for s in sessions(d) for p in s.participation),
    "a cited document": lambda d: any(
        s.documents or any(m.documents for m in s.meetings) for s in sessions(d)
    ),
    "a counted group": lambda d: any(
        p.count for s in sessions(d) for m in s.meetings for p in m.participants
    ),
    "a declared measure reported": lambda d: any(
        f.measure in {m.id for m in d.measures} for s in sessions(d) for f in s.figures
    ),
    "a figure of one day": lambda d: any(f.day for s in sessions(d) for f in s.figures),
    "a figure of one meeting": lambda d: any(f.meeting for s in sessions(d) for f in s.figures),
    "an expected figure": lambda d: any(
        f.status == "expected" for s in sessions(d) for f in s.figures
    ),
    "a citation of one field, located": lambda d: any(
        c.field is not None and c.locator() and c.retrieved
        for record in (*d.organizations, *d.people, *sessions(d))
        for c in record.citations
    ),
    "a cited meeting": lambda d: any(m.citations for s in sessions(d) for m in s.meetings),
}


class _EveryFeatureSeen(Exception):
    """Raised to stop generating once every feature has appeared."""


def test_strategy_reaches_every_feature() -> None:
    """The datasets strategy uses every feature of the model within a bounded number of tries."""
    seen: set[str] = set()

    @settings(max_examples=3000, phases=[Phase.generate], database=None)
    @given(datasets())
    def collect(dataset: Dataset) -> None:
        seen.update(name for name, uses in REACHABLE.items() if uses(dataset))
        if seen == set(REACHABLE):
            raise _EveryFeatureSeen

    with pytest.raises(_EveryFeatureSeen):
        collect()
    assert seen == set(REACHABLE)


@given(multilingual_texts())
def test_multilingual_text_strategy(text: dict[str, str]) -> None:
    """Multilingual texts have at least one language and no blank text."""
    assert text
    assert all(value.strip() for value in text.values())


def test_strategies_explain_a_missing_hypothesis() -> None:
    """Without Hypothesis installed, importing the strategies says what to install."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import ctocmodel.testing.strategies\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install hypothesis (ctocmodel's extra 'hypothesis')" in result.stdout

"""The DuckDB how-to: its queries, run on the Parquet tables, answer as the model does."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pytest

import ctocmodel
from ctocmodel import Dataset, SideEvent
from ctocmodel.testing import synthetic_archive

PAGE = Path(__file__).parents[1] / "docs" / "howto" / "analysis.md"
SEED, SESSIONS = 0, 8  # as on the page


def page_blocks() -> list[tuple[str, list[list[str]]]]:
    """Each SQL block of the page with the Markdown table that follows it (header first)."""
    text = PAGE.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"```sql\n(.*?)```\n(.*?)(?=\n## |\Z)", text, re.DOTALL):
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in match.group(2).splitlines()
            if line.startswith("|") and not line.startswith("|---")
        ]
        found.append((match.group(1), rows))
    return found


BLOCKS = page_blocks()


@pytest.fixture(scope="module")
def archive() -> list[Dataset]:
    return synthetic_archive(seed=SEED, sessions=SESSIONS)


@pytest.fixture(scope="module")
def con(archive: list[Dataset], tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("analysis")
    ctocmodel.dump_jsonl(archive, work / "sessions.jsonl")
    assert ctocmodel.to_parquet(work / "sessions.jsonl", work / "archive") == SESSIONS
    connection = duckdb.connect()
    connection.execute(f"SET file_search_path = '{work}'")
    yield connection
    connection.close()


def run(con: Any, index: int) -> tuple[list[str], list[tuple[Any, ...]]]:
    result = con.sql(BLOCKS[index][0])
    return list(result.columns), result.fetchall()


def test_the_page_has_three_queries_with_their_answers() -> None:
    """Three SQL blocks, each followed by the table of its answer."""
    assert len(BLOCKS) == 3
    assert all(len(rows) >= 2 for _, rows in BLOCKS)


@pytest.mark.parametrize("index", range(3))
def test_the_page_shows_what_the_query_answers(con: Any, index: int) -> None:
    """The answer printed under each query is the one DuckDB gives today."""
    columns, rows = run(con, index)
    shown = BLOCKS[index][1]
    assert shown[0] == columns
    assert shown[1:] == [[str(value) for value in row] for row in rows]


def test_ngos_in_several_sessions(con: Any, archive: list[Dataset]) -> None:
    """The NGOs that organized or co-organized side events in most sessions, from the model."""
    sessions: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for dataset in archive:
        ngos = {o.id for o in dataset.organizations if o.kind in ("ngo", "ngo_federation")}
        names.update({o.id: o.name["en"] for o in dataset.organizations})
        for session in dataset.conferences[0].sessions:
            for meeting in session.meetings:
                if isinstance(meeting, SideEvent):
                    for ngo in {*meeting.organizers, *meeting.co_organizers} & ngos:
                        sessions[ngo].add(session.id)
    ranked = sorted(
        ((ngo, names[ngo], len(found)) for ngo, found in sessions.items() if len(found) > 1),
        key=lambda row: (-row[2], row[0]),
    )
    assert run(con, 0)[1] == ranked[:5]


def test_meetings_per_topic_per_session(con: Any, archive: list[Dataset]) -> None:
    """Meetings per topic label and session number, zeros included, from the model."""
    counts: Counter[tuple[str, int]] = Counter()
    for dataset in archive:
        labels = {topic.id: topic.label["en"] for topic in dataset.topics}
        labels.update({k: t.label["en"] for k, t in ctocmodel.BUILTIN_TOPICS.items()})
        for session in dataset.conferences[0].sessions:
            for meeting in session.meetings:
                counts.update((labels[topic], session.number) for topic in meeting.topics)
    columns, rows = run(con, 1)
    numbers = [int(column) for column in columns[1:]]
    assert numbers == list(range(1, SESSIONS + 1))
    expected = [
        (topic, *(counts[topic, number] for number in numbers))
        for topic in sorted({topic for topic, _ in counts})
    ]
    assert rows == expected


def test_figures_per_session(con: Any, archive: list[Dataset]) -> None:
    """The lower bounds of each session's figures, and its exact count of side events."""
    expected = []
    for dataset in archive:
        session = dataset.conferences[0].sessions[0]
        figures = {figure.measure: figure.count for figure in session.figures}
        expected.append(
            (
                session.number,
                figures["participants"].bounds()[0],
                figures["participating_ngos"].bounds()[0],
                figures["side_events"].value,
            )
        )
        assert figures["side_events"].qualifier == "exact"
    assert run(con, 2)[1] == sorted(expected)

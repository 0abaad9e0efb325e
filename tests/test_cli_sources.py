"""Issue 14's commands: merge (conflicts printed as validate prints problems), plot, --series."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ctocmodel
from ctocmodel.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from ctocmodel.testing import synthetic_sources

LOCATED = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+):(?P<path>/[^:]*): (?P<message>.+)$"
)


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[str, str]:
    """Two synthetic sources about two sessions, that conflict on one venue's name only."""
    names = []
    # Of three sources, the third renames organizations: the first two differ on the venue.
    for letter, dataset in zip("ab", synthetic_sources(seed=2, count=3, size=2)[:2], strict=True):
        path = tmp_path / f"{letter}.json"
        ctocmodel.dump(dataset, path, indent=2)
        names.append(str(path))
    return names[0], names[1]


def test_merge_prints_each_conflict_located_and_writes_nothing(
    two_files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unresolved conflict: FILE:LINE:COLUMN:/pointer: message, exit 1, no output file."""
    out = tmp_path / "merged.json"
    assert main(["merge", *two_files, "-o", str(out)]) == EXIT_INVALID
    captured = capsys.readouterr()
    (line,) = captured.out.splitlines()
    match = LOCATED.match(line)
    assert match is not None, line
    assert match["file"] == two_files[1]
    assert match["path"] == "/conferences/0/sessions/0/venue/name"
    text = Path(two_files[1]).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]
    assert text.strip().startswith('"name"')
    assert f"conflicts with {two_files[0]}:/conferences/0/sessions/0/venue/name" in match["message"]
    assert "(cited: synthetic-source-b, retrieved 2026-01-06)" in match["message"]
    assert "unresolved" in match["message"]
    assert "1 conflict unresolved; nothing written to" in captured.err
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "venue"),
    [
        (["--later"], "Vienna International Centre, Conference Building"),
        (["--prefer", "synthetic-source-a"], "Vienna International Centre"),
    ],
)
def test_merge_with_a_rule_writes_the_merged_dataset(
    two_files: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: list[str],
    venue: str,
) -> None:
    """A rule settles the conflict: it is still printed, resolved; the file is written; exit 0."""
    out = tmp_path / "merged.json"
    assert main(["merge", *two_files, "-o", str(out), *option]) == EXIT_OK
    assert "resolved by" in capsys.readouterr().out
    merged = ctocmodel.load(out)
    assert merged.conferences[0].sessions[0].venue.name == {"en": venue}  # type: ignore[union-attr]
    assert len(merged.conferences[0].sessions) == 2


def test_merge_to_standard_output_reports_conflicts_on_standard_error(
    two_files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o the JSON goes to standard output, so the conflicts go to standard error."""
    assert main(["merge", *two_files, "--later"]) == EXIT_OK
    captured = capsys.readouterr()
    assert ctocmodel.loads(captured.out).conferences[0].id == "synthetic-conference"
    assert "resolved by preferring the later retrieval" in captured.err


def test_merge_of_an_invalid_file_reports_its_problems(
    two_files: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An input that is not a valid dataset: its problems, exit 1."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.1", "people": 3}', encoding="utf-8")
    assert main(["merge", two_files[0], str(broken)]) == EXIT_INVALID
    assert "/people: expected an array" in capsys.readouterr().err


def test_merge_of_a_missing_file_is_a_usage_error(
    two_files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be read: exit 2, saying so."""
    assert main(["merge", two_files[0], "no-such-file.json"]) == EXIT_USAGE
    assert "cannot read no-such-file.json" in capsys.readouterr().err


def test_plot_writes_the_chart(two_files: tuple[str, str], tmp_path: Path) -> None:
    """plot --series MEASURE FILE -o CHART.svg writes an SVG."""
    pytest.importorskip("matplotlib")
    merged = tmp_path / "merged.json"
    assert main(["merge", *two_files, "--later", "-o", str(merged)]) == EXIT_OK
    chart = tmp_path / "chart.svg"
    assert main(["plot", "--series", "participants", str(merged), "-o", str(chart)]) == EXIT_OK
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_plot_needs_a_file_to_write(output: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o CHART, plot says what to give; exit 2."""
    assert main(["plot", "--series", "participants", *output]) == EXIT_USAGE
    assert "give -o CHART.svg or -o CHART.png" in capsys.readouterr().err


def test_plot_refuses_another_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A chart named .jpg: exit 2 with the formats it writes."""
    pytest.importorskip("matplotlib")
    assert main(["plot", "--series", "participants", "-o", str(tmp_path / "c.jpg")]) == EXIT_USAGE
    assert "name it .svg or .png" in capsys.readouterr().err


def test_summary_series_prints_the_series_and_histories(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """summary --series on the bundled record: each measure, session by session, in words."""
    assert main(["summary", "--series"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "Series of participants (CTOC/COP):",
        "  Session 7 (2014): 91 or more participants, per one source.",
    ]
    assert "Organizations across sessions:" in lines


def test_summary_series_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """--series --lang fr words the series in French."""
    pytest.importorskip("babel")
    assert main(["summary", "--series", "--lang", "fr"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Série des participants (CTOC/COP)\u00a0:" in out
    assert "91 participants ou plus, selon une source" in out

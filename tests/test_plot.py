"""Charts of a series: the picture is produced, its data agree, nothing global changes."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ctocmodel import MissingDependencyError, merge, plot_series, series
from ctocmodel.testing import synthetic_sources

pytest.importorskip("matplotlib")

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def merged():
    return merge(*synthetic_sources(seed=1, count=3, size=4))[0]


def _bars(figure):
    """(gid, x, low, high) of each error bar drawn, read back from the figure's artists."""
    from matplotlib.container import ErrorbarContainer

    found = []
    for container in figure.axes[0].containers:
        assert isinstance(container, ErrorbarContainer)
        (segments,) = container.lines[2]
        for (x, low), (_, high) in segments.get_segments():
            found.append((segments.get_gid(), round(float(x)), int(low), int(high)))
    return found


def test_the_bars_are_the_reconciled_intervals(merged) -> None:
    """Each session's bar spans its reconciled interval; a contradicted one shows every source."""
    bars = _bars(plot_series(merged, "participants"))
    expected = []
    for x, point in enumerate(series(merged, "participants")):
        reconciled = point.reconciled
        assert reconciled is not None
        if reconciled.interval is not None:
            low, high = reconciled.interval.low, reconciled.interval.high
            expected.append((f"session-{point.session}", x, low, high))
        else:
            expected += [
                (f"session-{point.session}-contradiction", x, e.interval.low, e.interval.high)
                for e in reconciled.evidence
            ]
    assert len(bars) == len(expected)
    for bar, wanted in zip(bars, expected, strict=True):
        assert bar[:3] == wanted[:3]
        # An interval without upper bound is drawn up to an arrow above its low end.
        assert bar[3] == wanted[3] if wanted[3] is not None else bar[3] > bar[2]
    assert [gid for gid, *_ in bars].count("session-synthetic-session-4-contradiction") == 3


def test_labels_ticks_and_caption_are_readable(merged) -> None:
    """Ticks name the sessions and years, bars their intervals, the caption the sources."""
    figure = plot_series(merged, "participants")
    axes = figure.axes[0]
    ticks = [label.get_text() for label in axes.get_xticklabels()]
    assert ticks == ["SYN/COP 1\n2000", "SYN/COP 2\n2000", "SYN/COP 3\n2001", "SYN/COP 4\n2001"]
    texts = [text.get_text() for text in axes.texts]
    interval = series(merged, "participants")[0].reconciled.interval  # type: ignore[union-attr]
    assert f"{interval.low:,}–{interval.high:,}" in texts
    assert "contradiction" in texts
    caption = " ".join(text.get_text() for text in figure.texts)
    for source in ("synthetic-source-a", "synthetic-source-b", "synthetic-source-c"):
        assert source in caption
    assert axes.get_ylabel() == "participants"


def test_an_svg_is_written_with_one_group_per_session(merged, tmp_path: Path) -> None:
    """The SVG parses, and holds the bars of each session under an id naming it."""
    target = tmp_path / "chart.svg"
    plot_series(merged, "participants", target)
    root = ElementTree.parse(target).getroot()
    ids = {element.get("id") for element in root.iter(f"{SVG}g")}
    for point in series(merged, "participants"):
        assert point.reconciled is not None
        if point.reconciled.contradicted:
            assert f"session-{point.session}-contradiction" in ids
        else:
            assert {f"session-{point.session}", f"session-{point.session}-label"} <= ids


def test_a_png_is_written(merged, tmp_path: Path) -> None:
    """With a .png target, the file is a PNG image."""
    target = tmp_path / "chart.png"
    plot_series(merged, "participants", target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_image_format_is_refused(merged, tmp_path: Path) -> None:
    """Only .svg and .png: another suffix is a ValueError before anything is drawn."""
    with pytest.raises(ValueError, match=r"name it \.svg or \.png"):
        plot_series(merged, "participants", tmp_path / "chart.pdf")
    assert not (tmp_path / "chart.pdf").exists()


def test_drawing_changes_no_global_state_of_matplotlib() -> None:
    """A fresh process: rcParams and backend unchanged, pyplot never imported."""
    probe = (
        "import sys, matplotlib\n"
        # Not dict(rcParams): reading its 'backend' would import pyplot to resolve it.
        "rc = matplotlib.rcParams\n"
        "def snapshot(): return {k: dict.__getitem__(rc, k) for k in rc}\n"
        "before = snapshot()\n"
        "from ctocmodel import examples, plot_series\n"
        "plot_series(examples.cop7(), 'participants')\n"
        "print(snapshot() == before, 'matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True False\n"


def test_without_matplotlib_the_error_says_what_to_install(monkeypatch, merged) -> None:
    """MissingDependencyError names matplotlib and the extra plot."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match="matplotlib"):
        plot_series(merged, "participants")

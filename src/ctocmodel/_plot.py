"""Charts of a series: the reconciled interval of a measure per session, as error bars.

Needs matplotlib (``pip install matplotlib``, or the extra ``plot``). Charts are drawn
with matplotlib's object interface on a figure of their own: no pyplot, no change to
``rcParams`` or to the backend of the program that calls them.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from ._model import BUILTIN_MEASURES, Dataset, pick_text
from ._optional import require
from ._reconcile import ABOUT_WIDTH, SeriesPoint, series

__all__ = ["CHART_FORMATS", "plot_series"]

CHART_FORMATS = ("svg", "png")
"""The image formats `plot_series` writes, chosen by the file's suffix."""

_BAR = "#1f5fa8"
_CONTRADICTION = "#c0392b"


def _label(dataset: Dataset, measure: str, languages: tuple[str, ...]) -> str:
    declared = {m.id: m for m in dataset.measures}
    found = declared.get(measure) or BUILTIN_MEASURES.get(measure)
    return measure if found is None else pick_text(found.label, languages)


def _interval_words(low: int, high: int | None) -> str:
    if high is None:
        return f"{low:,}+"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def plot_series(
    dataset: Dataset,
    measure: str,
    target: str | os.PathLike[str] | None = None,
    *,
    conference: str | None = None,
    status: str = "actual",
    about: float = ABOUT_WIDTH,
    language: str = "en",
) -> Any:
    """Draw the `series` of *measure*: per session, its reconciled interval as an error bar.

    A bounded interval is a bar from its low to its high end, an exact count a dot,
    an interval without upper bound a bar ending in an arrow; a session whose sources
    contradict each other shows their intervals in red, marked "contradiction". Each
    bar is labelled with its interval, the caption names the sources. Returns the
    matplotlib `~matplotlib.figure.Figure`; with *target*, also writes it there as SVG
    or PNG (by its suffix). Needs matplotlib (extra ``plot``).
    """
    require("matplotlib", package="matplotlib", extra="plot", feature="Charts")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    image_format = None
    if target is not None:
        image_format = Path(target).suffix.lower().lstrip(".")
        if image_format not in CHART_FORMATS:
            raise ValueError(
                f"cannot tell the image format of {os.fspath(target)!r}: name it .svg or .png"
            )
    points = series(dataset, measure, conference=conference, status=status, about=about)
    languages = (language,)
    label = _label(dataset, measure, languages)
    acronyms = {c.id: pick_text(c.acronym or c.name, languages) for c in dataset.conferences}
    figure = Figure(figsize=(max(6.0, 1.1 * len(points) + 2.5), 4.8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    top = _top(points)
    arrow = top * 0.12
    for x, point in enumerate(points):
        _draw_point(axes, x, point, arrow)
    axes.set_xticks(
        range(len(points)),
        [f"{acronyms[p.conference]} {p.number}\n{p.start.year}" for p in points],
    )
    axes.set_xlim(-0.6, len(points) - 0.4)
    axes.set_ylim(0, top * 1.25 if top else 1)
    axes.set_ylabel(label)
    scope = "expected" if status == "expected" else "reconciled"
    axes.set_title(f"{label[:1].upper()}{label[1:]} per session ({scope} interval)")
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    sources = {s.id: s for s in dataset.sources}
    cited = dict.fromkeys(
        source
        for point in points
        if point.reconciled is not None
        for source in point.reconciled.sources
    )
    caption = (
        "Sources: "
        + "; ".join(
            f"{source_id} ({pick_text(sources[source_id].title, languages)})" for source_id in cited
        )
        if cited
        else "No source reports this measure."
    )
    caption += f' "About N" is read as N ± {about:.0%}. In red: the intervals of sources'
    caption += " that contradict each other."
    wrapped = textwrap.fill(caption, width=int(figure.get_figwidth() * 16))
    lines = wrapped.count("\n") + 1
    figure.subplots_adjust(bottom=0.13 + 0.032 * lines, top=0.9, left=0.11, right=0.97)
    figure.text(0.01, 0.01, wrapped, fontsize=7.5, va="bottom", ha="left", color="#333333")
    if target is not None:
        metadata: dict[str, Any] = {"Date": None} if image_format == "svg" else {"Software": None}
        figure.savefig(os.fspath(target), format=image_format, metadata=metadata)
    return figure


def _top(points: list[SeriesPoint]) -> float:
    ends = []
    for point in points:
        reconciled = point.reconciled
        if reconciled is None:
            continue
        for item in reconciled.evidence:
            ends.append(item.interval.high if item.interval.high is not None else item.interval.low)
    return float(max(ends, default=0))


def _draw_point(axes: Any, x: int, point: SeriesPoint, arrow: float) -> None:
    reconciled = point.reconciled
    gid = f"session-{point.session}"
    if reconciled is None:
        axes.annotate(
            "no figure",
            (x, 0),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            color="#777777",
            gid=gid,
        )
        return
    interval = reconciled.interval
    if interval is None:
        count = len(reconciled.evidence)
        for index, item in enumerate(reconciled.evidence):
            offset = (index - (count - 1) / 2) * min(0.27, 0.8 / count)
            low, high = item.interval.low, item.interval.high
            _bar(axes, x + offset, low, high, arrow, _CONTRADICTION, f"{gid}-contradiction", "_")
            axes.annotate(
                _interval_words(low, high),
                (x + offset, low + arrow if high is None else high),
                xytext=(0, 6 + 9 * (index % 2)),  # staggered, so that neighbours do not overlap
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=_CONTRADICTION,
                gid=f"{gid}-label",
            )
        axes.annotate(
            "contradiction",
            (x, 0),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            color=_CONTRADICTION,
            gid=gid,
        )
        return
    low, high = interval.low, interval.high
    _bar(axes, x, low, high, arrow, _BAR, gid, "o")
    label_at = low + arrow if high is None else high
    axes.annotate(
        _interval_words(low, high),
        (x, label_at),
        xytext=(0, 8),
        textcoords="offset points",
        ha="center",
        fontsize=8,
        gid=f"{gid}-label",
    )


def _bar(
    axes: Any, x: float, low: int, high: int | None, arrow: float, color: str, gid: str, marker: str
) -> None:
    """An error bar from *low* to *high*; without *high*, from *low* up to an arrow."""
    if high is None:
        axes.errorbar(
            [x],
            [low],
            yerr=[[0], [arrow]],
            fmt=marker,
            color=color,
            capsize=5,
            lolims=True,
            gid=gid,
        )
        return
    middle = (low + high) / 2
    axes.errorbar(
        [x],
        [middle],
        yerr=[[middle - low], [high - middle]],
        fmt=marker,
        color=color,
        capsize=6,
        gid=gid,
    )

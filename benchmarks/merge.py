"""Combining sources: merge against loading, and reconcile and series against size.

Run from the repository root:

    python -m pip install -e . && python benchmarks/merge.py

- ``merge`` of ten synthetic datasets of about 1 MB each, from ten sources about the
  same ten sessions, sharing half their organizations (`synthetic_sources`), timed
  against ``ctocmodel.loads`` of the same ten documents. Target (issue 14): 1.5x.
- ``reconcile`` and ``series`` (of ``participants``) on merged datasets of about
  1 MB and one of about 10 MB of the same structure: their cost per KB at 10 MB
  against at 1 MB. Target: 1.25 (linear in the size). The 1 MB figure is taken over
  ten different datasets of 1 MB in a row, so that, as at 10 MB, ten megabytes of
  objects go through the processor's caches: one small dataset timed again and again
  would stay in them, and seem cheaper per KB for that alone.

Each round times every measure in a random order; figures are medians of per-round
ratios, so that the noise of a shared machine between rounds cancels out.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import ctocmodel
from ctocmodel.testing import synthetic_sources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _rounds import in_rounds, median_ratio


def merged(size: int, seed: int = 7) -> ctocmodel.Dataset:
    """Three synthetic sources about *size* sessions, merged (their conflicts left)."""
    return ctocmodel.merge(*synthetic_sources(seed=seed, count=3, size=size))[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    views = synthetic_sources(seed=1, count=10, size=10)
    texts = [ctocmodel.dumps(view) for view in views]
    sizes = [len(text.encode("utf-8")) for text in texts]
    shared = set.intersection(*({o.id for o in view.organizations} for view in views))
    merged_views, conflicts = ctocmodel.merge(*views)
    print(
        f"ten datasets of {min(sizes) / 1e6:.2f} to {max(sizes) / 1e6:.2f} MB, "
        f"{len(shared)} organizations in all ten of about {len(views[0].organizations)} each; "
        f"merged: {len(ctocmodel.dumps(merged_views)) / 1e6:.1f} MB, "
        f"{len(merged_views.organizations)} organizations, {len(conflicts)} conflicts"
    )
    smalls, large = [merged(4, seed) for seed in range(10)], merged(37)
    small_kb = sum(len(ctocmodel.dumps(small).encode("utf-8")) for small in smalls) / 1000
    large_kb = len(ctocmodel.dumps(large).encode("utf-8")) / 1000
    print(
        f"reconcile and series on ten datasets of {small_kb / 10_000:.1f} MB "
        f"and one of {large_kb / 1000:.1f} MB"
    )

    measures: dict[str, Callable[[], object]] = {
        "load ten": lambda: [ctocmodel.loads(text) for text in texts],
        "merge ten": lambda: ctocmodel.merge(*views),
        "reconcile 1 MB": lambda: [ctocmodel.reconcile(small) for small in smalls],
        "reconcile 10 MB": lambda: ctocmodel.reconcile(large),
        "series 1 MB": lambda: [ctocmodel.series(small, "participants") for small in smalls],
        "series 10 MB": lambda: ctocmodel.series(large, "participants"),
    }
    # reconcile and series take milliseconds: repeated, so that noise does not decide.
    seconds = in_rounds(
        measures, args.rounds, args.seed, lambda name: 1 if name.endswith("ten") else 20
    )
    ratios = {
        "merge/load": median_ratio(seconds, "merge ten", "load ten"),
        **{
            what: median_ratio(seconds, f"{what} 10 MB", f"{what} 1 MB") * small_kb / large_kb
            for what in ("reconcile", "series")
        },
    }

    print()
    print("| measure | median seconds |")
    print("|---|---|")
    for name, values in seconds.items():
        print(f"| {name} | {statistics.median(values):.4f} |")
    print("(the 1 MB lines are ten datasets of 1 MB, one after the other)")
    print()
    print("| ratio | median | target |")
    print("|---|---|---|")
    print(f"| merge of ten 1 MB datasets / loading them | {ratios['merge/load']:.2f} | 1.5 |")
    for what in ("reconcile", "series"):
        print(f"| {what}: cost per KB at 10 MB / at 1 MB | {ratios[what]:.2f} | 1.25 |")


if __name__ == "__main__":
    main()

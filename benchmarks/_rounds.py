"""What the small benchmarks share: tasks timed in rounds, and medians of per-round ratios.

Shared machines are noisy: each round times every task once, in a new random order,
and a figure is the median over rounds of the ratio of two tasks' times in the same
round, which stays comparable when the machine's speed changes between rounds.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable, Mapping


def timed(function: Callable[[], object], number: int = 1) -> float:
    """Seconds per call of *function*, called *number* times in a row."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(number):
        function()
    return (time.perf_counter() - start) / number


def in_rounds(
    tasks: Mapping[str, Callable[[], object]],
    rounds: int,
    seed: int,
    number: Callable[[str], int] = lambda name: 1,
) -> dict[str, list[float]]:
    """The seconds of each task in each round (calls per timing: ``number(name)``)."""
    rng = random.Random(seed)
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(rounds):
        order = list(tasks)
        rng.shuffle(order)
        for name in order:
            times[name].append(timed(tasks[name], number(name)))
    return times


def median_ratio(times: Mapping[str, list[float]], top: str, bottom: str) -> float:
    """The median over rounds of the time of *top* divided by that of *bottom*."""
    return statistics.median(a / b for a, b in zip(times[top], times[bottom], strict=True))


def options(description: str) -> argparse.Namespace:
    """The options the dataset benchmarks share: --size, --rounds, --seed and --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size", type=int, default=10, help="synthetic size (10: about 1 MB)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also write the figures there")
    return parser.parse_args()

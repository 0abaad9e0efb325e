"""A/B of the round trip with and without moving a large read's objects to the oldest GC generation.

Run from the repository root (CPython 3.11 to 3.13):

    python -m pip install -e ".[bench]" && python benchmarks/gc_promotion.py

For each size, the two variants run interleaved in a random order each round, in one
process; the figure is the ratio of their medians (below 1: promotion is faster).
The variants differ only in ``ctocmodel._io.PROMOTE_FROM_BYTES`` (0: every read
promotes; never: none does). Synthetic data (``ctocmodel.testing.synthetic_dataset``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys

from bench import time_once  # the same timing as the main benchmark

import ctocmodel
from ctocmodel import _io
from ctocmodel.testing import synthetic_dataset

NEVER = sys.maxsize


def round_trip(data: bytes) -> object:
    return ctocmodel.dumps(ctocmodel.loads(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 20, 40, 100])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not _io._PROMOTE:
        print("this Python does not promote (CPython 3.11 to 3.13 with the GIL only)")
        return 1
    default = _io.PROMOTE_FROM_BYTES
    shuffle = random.Random(args.seed)
    try:
        for size in args.sizes:
            data = ctocmodel.dumps(synthetic_dataset(seed=args.seed, size=size)).encode()
            times: dict[int, list[float]] = {0: [], NEVER: []}
            for _ in range(max(7, 200 // size)):
                order = list(times)
                shuffle.shuffle(order)
                for threshold in order:
                    _io.PROMOTE_FROM_BYTES = threshold
                    times[threshold].append(time_once(round_trip, data))
            promoted, paused = (statistics.median(times[t]) for t in (0, NEVER))
            print(
                f"size {size:3d} ({len(data) / 1e6:5.2f} MB): pause only {paused * 1e3:7.1f} ms, "
                f"with promotion {promoted * 1e3:7.1f} ms, ratio {promoted / paused:.3f}"
            )
    finally:
        _io.PROMOTE_FROM_BYTES = default
    return 0


if __name__ == "__main__":
    sys.exit(main())

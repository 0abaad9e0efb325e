"""Validating a JSON Lines archive on Dask with two workers, against one process.

Run from the repository root:

    python -m pip install -e ".[dask]" && python benchmarks/dask_jsonl.py

It writes about 1 GB (``--megabytes``) of synthetic JSON Lines to a temporary folder:
distinct synthetic datasets of about 100 KB each (``ctocmodel.testing.synthetic_dataset``,
every one labelled synthetic), repeated until the size is reached. Each round then
times, in a random order:

- **one process**: this process reads the file line by line and validates each line
  with ``ctocmodel.loads``, holding one dataset at a time, counting the valid lines
  (the code each Dask task runs on its block);
- **Dask, N workers**: ``ctocmodel.dask.read_jsonl`` (which first cuts the file at
  line ends into blocks of ``--blocksize`` bytes, reading it once) and the count of
  valid lines, on Dask's multiprocessing scheduler with 1 and with 2 worker
  processes.

The figures are medians of per-round ratios to the one-process time (the speed-up:
higher is better), so that the machine's noise between rounds cancels out. On a
machine that other jobs share, two workers may not get two cores: the CPU seconds each
way took (the driver's and its workers') are given too, and the load average after
each round, so that the work the parallel path adds can be told from the cores it
did not get. The
target of issue 16 is a speed-up of 1.7 or more with two workers on two cores.
Results go to ``benchmarks/dask_jsonl.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import dask

import ctocmodel
from ctocmodel._jsonl import jsonl_lines
from ctocmodel.dask import JsonlLine, read_jsonl
from ctocmodel.testing import synthetic_dataset

DISTINCT = 40  # distinct synthetic datasets, repeated to reach the size


def write_archive(path: Path, megabytes: int) -> tuple[int, int]:
    """Write about *megabytes* of JSON Lines; return (lines, bytes)."""
    lines = [
        (ctocmodel.dumps(synthetic_dataset(seed=seed, size=1)) + "\n").encode()
        for seed in range(DISTINCT)
    ]
    target, written, count = megabytes * 2**20, 0, 0
    with open(path, "wb") as handle:
        while written < target:
            line = lines[count % DISTINCT]
            handle.write(line)
            written += len(line)
            count += 1
    return count, written


def valid(lines: Iterable[JsonlLine]) -> list[int]:
    return [sum(line.dataset is not None for line in lines)]


def one_process(path: Path) -> int:
    return sum(valid(jsonl_lines(path, file=str(path))))


def on_dask(path: Path, workers: int, blocksize: int) -> int:
    bag = read_jsonl(path, blocksize=blocksize)
    total = bag.map_partitions(valid).sum()
    with dask.config.set(scheduler="processes", num_workers=workers):
        return int(total.compute())


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (Dask's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(function: Callable[[], int], expected: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds of *function*, which must return *expected*."""
    gc.collect()
    start, cpu = time.perf_counter(), cpu_seconds()
    result = function()
    elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
    assert result == expected, (result, expected)
    return elapsed, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--blocksize", type=int, default=32 * 2**20)
    parser.add_argument("--output", default=str(Path(__file__).with_name("dask_jsonl.json")))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        lines, size = write_archive(path, options.megabytes)
        print(f"{lines:,} lines, {size / 2**20:,.0f} MiB of synthetic JSON Lines", flush=True)
        cases = {
            "one process": lambda: one_process(path),
            "dask, 1 worker": lambda: on_dask(path, 1, options.blocksize),
            "dask, 2 workers": lambda: on_dask(path, 2, options.blocksize),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        loads = []
        for round_number in range(options.rounds):
            order = list(cases)
            random.shuffle(order)
            for name in order:
                elapsed, used = timed(cases[name], lines)
                times[name].append(elapsed)
                cpu[name].append(used)
            loads.append(os.getloadavg()[0])
            shown = ", ".join(
                f"{name} {times[name][-1]:.1f} s ({cpu[name][-1]:.1f} s of CPU)" for name in cases
            )
            print(f"round {round_number + 1}: {shown}; load {loads[-1]:.2f}", flush=True)
    base = times["one process"]
    speedups = {
        name: statistics.median(b / t for b, t in zip(base, found, strict=True))
        for name, found in times.items()
    }
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.system()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "load_average_after_each_round": loads,
        "megabytes": round(size / 2**20),
        "lines": lines,
        "blocksize": options.blocksize,
        "rounds": options.rounds,
        "seconds": times,
        "throughput_mb_per_s": {
            name: round(size / 2**20 / statistics.median(found), 1) for name, found in times.items()
        },
        "speedup_over_one_process": {name: round(value, 2) for name, value in speedups.items()},
        # The work each way takes, whatever else runs on the machine: CPU seconds against
        # one process. Two workers can at best be 2 / this faster, on two free cores.
        "cpu_over_one_process": {
            name: round(
                statistics.median(c / b for b, c in zip(cpu["one process"], found, strict=True)),
                2,
            )
            for name, found in cpu.items()
        },
        "cpu_seconds": cpu,
    }
    print(json.dumps(results, indent=2))
    Path(options.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

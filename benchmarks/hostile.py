"""The hostile-input table: each case, how ctocmodel.loads answers it, its time and peak memory.

Run from the repository root:

    python benchmarks/hostile.py            # every case of tests/test_hostile.py, and two more
    python benchmarks/hostile.py --quick    # without the two slow ones

The cases are those of ``tests/test_hostile.py``, plus two at full size that the tests
keep smaller: a million valid people (read on the fast path), and a million copies of
one person (refused by the dataset's own rules, which is the slowest case there is).
Each case is read twice: once for the time, once under tracemalloc for the peak
memory (tracemalloc slows reading down several times). Times are of one run on this
machine and vary from run to run; they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import ctocmodel

HERE = Path(__file__).resolve().parent


def load_cases() -> Any:
    """tests/test_hostile.py, imported by path (the tests are not a package)."""
    path = HERE.parent / "tests" / "test_hostile.py"
    spec = importlib.util.spec_from_file_location("hostile_cases", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def million_people(copies: bool) -> bytes:
    person = b'{"id":"p%d","name":"Person %d","positions":[],"sources":[]}'
    people = (
        [person % (0, 0)] * 1_000_000 if copies else [person % (i, i) for i in range(1_000_000)]
    )
    return (
        b'{"conferences":[],"organizations":[],"people":['
        + b",".join(people)
        + b'],"schema_version":"1.0","sources":[],"topics":[]}'
    )


def outcome(data: bytes | str, limits: Any) -> str:
    try:
        ctocmodel.loads(data, limits=limits)
    except ctocmodel.ValidationError as error:
        first = error.errors[0]
        more = f" (+{len(error.errors) - 1} more)" if len(error.errors) > 1 else ""
        text = str(first)
        return (text if len(text) <= 90 else text[:87] + "...") + more
    except BaseException as error:  # the table shows whatever happens
        return f"!! {type(error).__name__}: {error}"[:100]
    return "accepted"


def measure(data: bytes | str, limits: Any) -> tuple[str, float, int]:
    gc.collect()
    start = time.perf_counter()
    result = outcome(data, limits)
    seconds = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    outcome(data, limits)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak


BEGIN, END = "<!-- hostile table: begin -->", "<!-- hostile table: end -->"


def write_table(path: Path, rows: list[tuple[str, int, float, int, str]]) -> None:
    """Replace the table between the markers of *path* (SECURITY.md) with *rows*."""
    lines = [
        BEGIN,
        f"Measured by `python benchmarks/hostile.py --write SECURITY.md` on "
        f"{time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]} (one run; times vary):",
        "",
        "| input | size | time | peak memory | × size | answer |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, size, seconds, peak, result in rows:
        ratio = f"{peak / size:.1f}" if size >= 100_000 else "–"
        answer = result.replace("|", "\\|")
        lines.append(
            f"| {name} | {size / 1e6:,.2f} MB | {seconds * 1000:,.1f} ms | {peak / 1e6:,.1f} MB "
            f"| {ratio} | {answer} |"
        )
    lines.append(END)
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(head + "\n".join(lines) + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the two slow full-size cases")
    parser.add_argument("--write", type=Path, help="rewrite the table in this file (SECURITY.md)")
    args = parser.parse_args(argv)
    cases = load_cases()
    rows: list[tuple[str, Any, Any]] = [(c.name, c.data, c.limits) for c in cases.CASES]
    rows += [(c.name, c.data, c.limits) for c in cases.ACCEPTED]
    if not args.quick:
        rows.append(("a million valid people (canonical)", lambda: million_people(False), None))
        rows.append(("a million copies of one person", lambda: million_people(True), None))
    ctocmodel.loads(ctocmodel.dumps(ctocmodel.examples.cop7()))  # build the converter first
    print(f"{'case':48s} {'input':>9s} {'time':>10s} {'peak':>10s} {'x':>5s}  result")
    table: list[tuple[str, int, float, int, str]] = []
    for name, build, limits in rows:
        data = build()
        result, seconds, peak = measure(data, limits)
        size = len(data)
        table.append((name, size, seconds, peak, result))
        ratio = f"{peak / size:5.1f}" if size >= 100_000 else "    -"  # else mostly constant
        print(
            f"{name:48s} {size / 1e6:7.2f}MB {seconds * 1000:8.1f}ms {peak / 1e6:8.1f}MB {ratio}  {result}",
            flush=True,
        )
    if args.write is not None:
        write_table(args.write, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Side-by-side benchmark of ctocmodel against JSON floors, pydantic and msgspec mirrors.

Run from the repository root:

    python -m pip install -e ".[bench]" && python benchmarks/bench.py

Every figure is a ratio to a reference measured in the same run, contenders
interleaved round by round, reporting the median of per-round ratios: shared
machines are noisy, and a ratio in one run is what stays comparable. The table is
printed and the same figures are written as JSON (``--json``, default
``benchmarks/results.json``). All data is synthetic
(``ctocmodel.testing.synthetic_dataset``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import ctocmodel
from ctocmodel.testing import synthetic_dataset

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

RoundTrip = Callable[[bytes], object]


def contenders() -> dict[str, RoundTrip]:
    """Every round trip measured: decode + validate + encode of the same document."""
    found: dict[str, RoundTrip] = {
        "orjson (floor)": lambda data: orjson.dumps(orjson.loads(data)),
        "json (stdlib floor)": lambda data: json.dumps(json.loads(data)),
        "ctocmodel": lambda data: ctocmodel.dumps(ctocmodel.loads(data)),
    }
    try:
        from mirrors import msgspec_mirror

        found["msgspec Struct mirror"] = lambda data: msgspec_mirror.encode(
            msgspec_mirror.decode(data)
        )
    except ImportError as error:  # the mirrors are optional while they are written
        print(f"(msgspec mirror unavailable: {error})", file=sys.stderr)
    try:
        from mirrors import pydantic_mirror

        found["pydantic BaseModel mirror"] = lambda data: pydantic_mirror.model_encode(
            pydantic_mirror.model_decode(data)
        )
        found["pydantic dataclasses mirror"] = lambda data: pydantic_mirror.dataclass_encode(
            pydantic_mirror.dataclass_decode(data)
        )
    except ImportError as error:
        print(f"(pydantic mirror unavailable: {error})", file=sys.stderr)
    return found


def time_once(function: RoundTrip, data: bytes) -> float:
    gc.collect()
    start = time.perf_counter()
    function(data)
    return time.perf_counter() - start


def round_trips(
    data: bytes, rounds: int, seed: int, functions: dict[str, RoundTrip] | None = None
) -> dict[str, dict[str, float]]:
    """Interleave the contenders, in a new order each round; median of ratios to orjson."""
    functions = functions or contenders()
    for function in functions.values():  # warm up, and check they all succeed
        function(data)
    times: dict[str, list[float]] = {name: [] for name in functions}
    ratios: dict[str, list[float]] = {name: [] for name in functions}
    order = list(functions)
    shuffle = random.Random(seed)
    for _ in range(rounds):
        shuffle.shuffle(order)
        this_round = {name: time_once(functions[name], data) for name in order}
        for name, seconds in this_round.items():
            times[name].append(seconds)
            ratios[name].append(seconds / this_round["orjson (floor)"])
    return {
        name: {
            "median_ms": statistics.median(times[name]) * 1000,
            "ratio_to_orjson": statistics.median(ratios[name]),
        }
        for name in functions
    }


def _reversed_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed_keys(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [_reversed_keys(item) for item in node]
    return node


def writings(dataset: ctocmodel.Dataset) -> dict[str, bytes]:
    """The same document as people and tools write it."""
    canonical = ctocmodel.dumps(dataset)
    document = json.loads(canonical)
    return {
        "canonical": canonical.encode(),
        "dump(indent=2)": ctocmodel.dumps(dataset, indent=2).encode(),
        "json.dumps(indent=2)": json.dumps(document, indent=2).encode(),
        "json.dumps() separators": json.dumps(document).encode(),
        "keys reversed, indent=1": json.dumps(
            _reversed_keys(document), indent=1, ensure_ascii=False
        ).encode(),
    }


def writing_trips(dataset: ctocmodel.Dataset, rounds: int, seed: int) -> dict[str, Any]:
    """Round trips of the same document written each way, with the mirrors on each text."""
    wanted = ("orjson (floor)", "ctocmodel", "msgspec Struct mirror", "pydantic BaseModel mirror")
    functions = {name: f for name, f in contenders().items() if name in wanted}
    found = {}
    for name, data in writings(dataset).items():
        figures = round_trips(data, rounds, seed, functions)
        found[name] = {"bytes": len(data), **figures}
    return found


def collection_pause(data: bytes, rounds: int, seed: int) -> dict[str, float]:
    """What the opt-in `ctocmodel.collection_paused` saves on a round trip."""

    def paused(text: bytes) -> object:
        with ctocmodel.collection_paused():
            return ctocmodel.dumps(ctocmodel.loads(text))

    functions = {
        "orjson (floor)": lambda text: orjson.dumps(orjson.loads(text)),
        "ctocmodel": lambda text: ctocmodel.dumps(ctocmodel.loads(text)),
        "ctocmodel, collector paused": paused,
    }
    figures = round_trips(data, rounds, seed, functions)
    return {
        "ratio": figures["ctocmodel"]["ratio_to_orjson"],
        "paused_ratio": figures["ctocmodel, collector paused"]["ratio_to_orjson"],
    }


def linear_growth(seed: int, rounds: int) -> dict[str, float]:
    """Per-byte cost of the ctocmodel round trip at size 100 against size 1, same rounds."""
    small = ctocmodel.dumps(synthetic_dataset(seed=seed, size=1)).encode()
    large = ctocmodel.dumps(synthetic_dataset(seed=seed, size=100)).encode()

    def trip(data: bytes) -> object:
        return ctocmodel.dumps(ctocmodel.loads(data))

    trip(small)
    trip(large)
    ratios, small_costs, large_costs = [], [], []
    for _ in range(rounds):
        small_cost = statistics.median(time_once(trip, small) for _ in range(20)) / len(small)
        large_cost = time_once(trip, large) / len(large)
        ratios.append(large_cost / small_cost)
        small_costs.append(small_cost)
        large_costs.append(large_cost)
    return {
        "size_1_ns_per_byte": statistics.median(small_costs) * 1e9,
        "size_100_ns_per_byte": statistics.median(large_costs) * 1e9,
        "ratio": statistics.median(ratios),
    }


def held_memory(load: Callable[[], object]) -> int:
    """Bytes still allocated once *load* returned, its result alive."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = load()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return after - before


def memory(data: bytes) -> dict[str, float]:
    dataset = held_memory(lambda: ctocmodel.loads(data))
    dicts = held_memory(lambda: json.loads(data))
    return {"dataset_mb": dataset / 1e6, "dicts_mb": dicts / 1e6, "ratio": dataset / dicts}


def broken_document(size: int, errors: int, seed: int) -> tuple[bytes, int]:
    """A canonical document with *errors* scattered problems, each in a different record."""
    document = json.loads(ctocmodel.dumps(synthetic_dataset(seed=seed, size=size)))
    rng = random.Random(seed)
    organizations = document["organizations"]
    meetings = [m for s in document["conferences"][0]["sessions"] for m in s["meetings"]]
    people = document["people"]
    breakers: list[Callable[[], None]] = []
    for organization in rng.sample(organizations[1:], errors // 4):
        breakers.append(lambda o=organization: o.update(kind="club"))
    for meeting in rng.sample(meetings, errors // 4):
        breakers.append(lambda m=meeting: m.update(title={"en": ""}))
    for person in rng.sample(people, errors // 4):
        breakers.append(lambda p=person: p.update(name=7))
    for organization in rng.sample(organizations[1:], errors - 3 * (errors // 4)):
        breakers.append(lambda o=organization: o.update(country="Austria"))
    for breaker in breakers:
        breaker()
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS), len(breakers)


def error_report(size: int, errors: int, rounds: int, seed: int) -> dict[str, float]:
    """Time to report every problem of a broken document, against a valid round trip."""
    valid = ctocmodel.dumps(synthetic_dataset(seed=seed, size=size)).encode()
    broken, expected = broken_document(size, errors, seed)

    def report() -> int:
        try:
            ctocmodel.loads(broken)
        except ctocmodel.ValidationError as error:
            return len(error.errors)
        raise AssertionError("the broken document was accepted")

    found = report()
    assert found >= expected, f"reported {found} problems, expected at least {expected}"
    ratios, report_times = [], []
    for _ in range(rounds):
        valid_time = time_once(lambda data: ctocmodel.dumps(ctocmodel.loads(data)), valid)
        report_time = time_once(lambda _: report(), broken)
        ratios.append(report_time / valid_time)
        report_times.append(report_time)
    return {
        "problems_reported": found,
        "report_ms": statistics.median(report_times) * 1000,
        "ratio_to_valid_round_trip": statistics.median(ratios),
    }


def start_up(rounds: int) -> dict[str, float]:
    """`ctocmodel --version` against a bare interpreter start, as processes.

    The package is compiled to bytecode first, as ``pip install`` does and as the
    standard library already is: otherwise an editable install run with
    PYTHONDONTWRITEBYTECODE would compile the CLI's modules at every start.
    """
    package = Path(ctocmodel.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    script = Path(sys.executable).with_name("ctocmodel")
    command = (
        [str(script), "--version"]
        if script.exists()
        else [sys.executable, "-m", "ctocmodel", "--version"]
    )
    bare = [sys.executable, "-c", "pass"]
    ratios, cli_times, bare_times = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(bare, check=True)
        bare_time = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        cli_time = time.perf_counter() - start
        ratios.append(cli_time / bare_time)
        cli_times.append(cli_time)
        bare_times.append(bare_time)
    return {
        "cli_ms": statistics.median(cli_times) * 1000,
        "bare_python_ms": statistics.median(bare_times) * 1000,
        "ratio": statistics.median(ratios),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    return {
        "cpu": cpu_model(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "ctocmodel": ctocmodel.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--rounds", type=int, default=0, help="rounds per size (default: by size)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--quick", action="store_true", help="round trips at size 10 only")
    args = parser.parse_args(argv)
    sizes = [10] if args.quick else args.sizes
    results: dict[str, Any] = {"machine": machine(), "round_trip": {}}
    for size in sizes:
        data = ctocmodel.dumps(synthetic_dataset(seed=args.seed, size=size)).encode()
        rounds = args.rounds or max(5, 400 // size)
        figures = round_trips(data, rounds, args.seed)
        results["round_trip"][str(size)] = {"bytes": len(data), "rounds": rounds, **figures}
        print(f"\nround trip, size {size} ({len(data) / 1e6:.2f} MB, {rounds} rounds)")
        for name, figure in sorted(figures.items(), key=lambda item: item[1]["ratio_to_orjson"]):
            print(f"  {name:30s} {figure['median_ms']:9.2f} ms  {figure['ratio_to_orjson']:5.2f}x")
    dataset = synthetic_dataset(seed=args.seed, size=10)
    results["writings"] = writing_trips(dataset, 20 if args.quick else 40, args.seed)
    print("\nround trip of the same 1 MB document written five ways, x orjson of that text")
    for name, figures in results["writings"].items():
        shown = ", ".join(
            f"{c} {f['ratio_to_orjson']:.2f}" for c, f in figures.items() if c != "bytes"
        )
        print(f"  {name:26s} {shown}")
    if not args.quick:
        pause = {
            str(size): collection_pause(
                ctocmodel.dumps(synthetic_dataset(seed=args.seed, size=size)).encode(),
                rounds,
                args.seed,
            )
            for size, rounds in ((10, 40), (100, 8))
        }
        results["collection_paused"] = pause
        for size, figures in pause.items():
            print(
                f"collection_paused (opt-in), size {size}: {figures['ratio']:.2f} -> "
                f"{figures['paused_ratio']:.2f} x orjson"
            )
        growth = linear_growth(args.seed, rounds=11)
        results["linear_growth"] = growth
        print(
            f"\nper-KB cost of the ctocmodel round trip, size 100 against size 1: "
            f"{growth['ratio']:.2f}"
        )
        mem = memory(ctocmodel.dumps(synthetic_dataset(seed=args.seed, size=10)).encode())
        results["memory"] = mem
        print(
            f"memory of a loaded dataset (size 10): {mem['dataset_mb']:.2f} MB against "
            f"{mem['dicts_mb']:.2f} MB as dicts: {mem['ratio']:.2f}x"
        )
        errors = error_report(100, 100, 5, args.seed)
        results["errors"] = errors
        print(
            f"reporting all {errors['problems_reported']} problems of a broken 10 MB document: "
            f"{errors['report_ms']:.0f} ms, {errors['ratio_to_valid_round_trip']:.2f}x the valid "
            "round trip"
        )
        startup = start_up(15)
        results["start_up"] = startup
        print(
            f"ctocmodel --version: {startup['cli_ms']:.0f} ms against python -c pass "
            f"{startup['bare_python_ms']:.0f} ms: {startup['ratio']:.2f}x"
        )
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

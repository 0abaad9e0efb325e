"""Checking participation and redacting people, against reading the same dataset.

Run from the repository root:

    python -m pip install -e . && python benchmarks/participation.py

For a synthetic dataset of about 1 MB of JSON (its people 70 % public, 20 % listed by
organization, 10 % private), each round times, in a random order:

- ``ctocmodel.loads`` of its JSON, the reference: reading and checking every record;
- ``check_participation`` of the dataset;
- ``redact`` of the dataset (as each visibility allows), which every export and the
  summary do first; and ``redact`` with a pseudonym key;
- ``to_csv`` with the default privacy, and with ``Privacy(everyone=True)`` (which
  redacts nothing), so that their ratio is what redaction adds to an export.

The figures are medians of per-round ratios, so that the machine's noise between
rounds cancels out.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import ctocmodel
from ctocmodel.testing import synthetic_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _rounds import in_rounds, median_ratio, options


def main() -> None:
    args = options(__doc__.splitlines()[0])

    dataset = synthetic_dataset(args.seed, size=args.size)
    text = ctocmodel.dumps(dataset).encode("utf-8")
    key = ctocmodel.Privacy(pseudonym_key=bytes(range(32)))
    everyone = ctocmodel.Privacy(everyone=True)
    work = Path(tempfile.mkdtemp())
    tasks: dict[str, Callable[[], object]] = {
        "loads": lambda: ctocmodel.loads(text),
        "check_participation": lambda: ctocmodel.check_participation(dataset),
        "redact": lambda: ctocmodel.redact(dataset),
        "redact (key)": lambda: ctocmodel.redact(dataset, key),
        "to_csv": lambda: ctocmodel.to_csv(dataset, work / "shown"),
        "to_csv (everyone)": lambda: ctocmodel.to_csv(dataset, work / "all", privacy=everyone),
    }
    times = in_rounds(tasks, args.rounds, args.seed)

    def ratio(top: str, bottom: str) -> float:
        return median_ratio(times, top, bottom)

    ratios = {
        "check_participation / loads": ratio("check_participation", "loads"),
        "redact / loads": ratio("redact", "loads"),
        "redact (key) / loads": ratio("redact (key)", "loads"),
        "to_csv / to_csv (everyone)": ratio("to_csv", "to_csv (everyone)"),
    }
    figures = {
        "dataset_json_bytes": len(text),
        "findings": len(ctocmodel.check_participation(dataset)),
        "median_seconds": {name: statistics.median(values) for name, values in times.items()},
        **ratios,
    }
    print(f"synthetic dataset: {len(text):,} bytes of JSON, {figures['findings']} findings")
    print(f"{args.rounds} rounds; medians of per-round ratios")
    for name, values in times.items():
        print(f"  {name:<20} {statistics.median(values) * 1000:8.1f} ms")
    for name, value in ratios.items():
        print(f"  {name:<28} {value:5.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Reading spreadsheets back: from_csv and from_xlsx against writing, and against the floor.

Run from the repository root:

    python -m pip install -e ".[xlsx]" && python benchmarks/sheets.py

For a synthetic dataset of about 1 MB of JSON, each round times, in a random order:

- ``to_csv`` and ``from_csv`` of its tables (a folder), and the floor: reading the
  same files with ``csv.DictReader`` alone (decoding and parsing every row, building
  nothing);
- ``to_xlsx`` and ``from_xlsx`` of its workbook, and the floor: openpyxl alone
  reading every cell of the same sheets (``read_only``, ``values_only``);
- for reference, ``ctocmodel.loads`` of the same dataset's JSON, which builds and
  checks the same objects (on its fast path, in C through msgspec).

The figures are medians of per-round ratios, so that the machine's noise between
rounds cancels out. The target of issue 13 is a read within 2x of its floor.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

import ctocmodel
from ctocmodel.testing import synthetic_dataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _rounds import in_rounds, median_ratio, options


def csv_floor(folder: Path) -> int:
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        text = path.read_bytes().decode("utf-8-sig")
        rows += sum(1 for _ in csv.DictReader(io.StringIO(text, newline="")))
    return rows


def xlsx_floor(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for name in book.sheetnames[1:-1]:  # the tables: not the read-me and lists sheets
        for row in book[name].iter_rows(values_only=True):
            cells += len(row)
    book.close()
    return cells


def main() -> None:
    args = options(__doc__.splitlines()[0])

    dataset = synthetic_dataset(args.seed, size=args.size)
    size = len(ctocmodel.dumps(dataset).encode("utf-8"))
    work = Path(tempfile.mkdtemp())
    folder, workbook = work / "tables", work / "d.xlsx"
    # A working copy, which reads back whole: the synthetic people are not all public.
    whole = ctocmodel.Privacy(everyone=True)
    ctocmodel.to_csv(dataset, folder, privacy=whole)
    ctocmodel.to_xlsx(dataset, workbook, privacy=whole)
    assert ctocmodel.from_csv(folder) == dataset
    assert ctocmodel.from_xlsx(workbook) == dataset
    csv_bytes = sum(p.stat().st_size for p in folder.glob("*.csv"))
    text = ctocmodel.dumps(dataset).encode("utf-8")

    tasks: dict[str, Callable[[], object]] = {
        "to_csv": lambda: ctocmodel.to_csv(dataset, work / "out", privacy=whole),
        "from_csv": lambda: ctocmodel.from_csv(folder),
        "csv floor": lambda: csv_floor(folder),
        "to_xlsx": lambda: ctocmodel.to_xlsx(dataset, work / "out.xlsx", privacy=whole),
        "from_xlsx": lambda: ctocmodel.from_xlsx(workbook),
        "xlsx floor": lambda: xlsx_floor(workbook),
        "loads (JSON)": lambda: ctocmodel.loads(text),
    }
    times = in_rounds(tasks, args.rounds, args.seed)

    def ratio(top: str, bottom: str) -> float:
        return median_ratio(times, top, bottom)

    figures = {
        "dataset_json_bytes": size,
        "csv_bytes": csv_bytes,
        "median_seconds": {name: statistics.median(values) for name, values in times.items()},
        "from_csv / csv floor": ratio("from_csv", "csv floor"),
        "from_csv / to_csv": ratio("from_csv", "to_csv"),
        "from_csv / loads (JSON)": ratio("from_csv", "loads (JSON)"),
        "from_xlsx / xlsx floor": ratio("from_xlsx", "xlsx floor"),
        "from_xlsx / to_xlsx": ratio("from_xlsx", "to_xlsx"),
    }
    print(f"synthetic dataset: {size:,} bytes of JSON, {csv_bytes:,} bytes of CSV")
    print(f"{args.rounds} rounds; medians of per-round ratios")
    for name, seconds in figures["median_seconds"].items():  # type: ignore[union-attr]
        print(f"  {name:<12} {seconds * 1000:8.1f} ms")
    for name in (
        "from_csv / csv floor",
        "from_csv / to_csv",
        "from_csv / loads (JSON)",
        "from_xlsx / xlsx floor",
        "from_xlsx / to_xlsx",
    ):
        print(f"  {name:<24} {figures[name]:5.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

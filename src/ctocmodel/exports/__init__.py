"""Exports of a dataset to the formats other tools read, and back from spreadsheets.

Each export reads the model, never the JSON. iCalendar needs the optional
``icalendar`` package (the extra ``ical``), Excel workbooks the ``openpyxl`` package
(the extra ``xlsx``), Arrow tables and Parquet files the ``pyarrow`` package (the
extra ``arrow``); CSV and JSON-LD need nothing beyond ctocmodel. CSV tables and
workbooks read back with `from_csv` and `from_xlsx`.
"""

from __future__ import annotations

from ._arrow import to_arrow, to_parquet
from ._csv import from_csv, to_csv
from ._ical import to_ical
from ._jsonld import JSONLD_CONTEXT, to_jsonld
from ._xlsx import from_xlsx, to_xlsx

__all__ = [
    "JSONLD_CONTEXT",
    "from_csv",
    "from_xlsx",
    "to_arrow",
    "to_csv",
    "to_ical",
    "to_jsonld",
    "to_parquet",
    "to_xlsx",
]

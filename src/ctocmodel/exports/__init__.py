"""Exports of a dataset to the formats other tools read: iCalendar, CSV, JSON-LD.

Each export reads the model, never the JSON. iCalendar needs the optional
``icalendar`` package (``pip install 'ctocmodel[ical]'``); CSV and JSON-LD need
nothing beyond ctocmodel.
"""

from __future__ import annotations

from ._csv import to_csv
from ._ical import to_ical
from ._jsonld import JSONLD_CONTEXT, to_jsonld

__all__ = ["JSONLD_CONTEXT", "to_csv", "to_ical", "to_jsonld"]

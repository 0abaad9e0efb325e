"""Datasets shipped with ctocmodel, each stating only what its recorded source states.

>>> from ctocmodel import examples
>>> session = examples.cop7().conferences[0].sessions[0]
>>> session.start.isoformat(), session.end.isoformat()
('2014-10-06', '2014-10-10')
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from .._io import loads
from .._model import Dataset

__all__ = ["cop7", "cop7_json"]


def cop7_json() -> str:
    """Return the JSON text of the CTOC/COP7 record, as shipped (indented canonical form)."""
    return files(__name__).joinpath("cop7.json").read_text(encoding="utf-8")


@cache
def cop7() -> Dataset:
    """Return NGO participation at the seventh session of the CTOC/COP, 6 to 10 October 2014.

    The record states the facts of a UNODC news item in French (its only source): the
    figures with their qualifiers, the two briefings and the two organizations that
    co-organized them (both listed as organizers), the key event, the informal dialogue
    with the Executive Director and the meeting with two named directors. It names no
    venue, no times and no secretariat, since the source does not. French sentences
    quoted from the source keep its spelling ("CTOC/ COP", "l'UNODC"); English texts
    are translations of the French.
    """
    return loads(cop7_json())

"""People and the positions they hold."""

from __future__ import annotations

import datetime as dt

from ._checks import ID, PLAIN_TEXT
from ._record import Record, field, record, rule
from .citations import Citation, cites_own_fields
from .text import MultilingualText


@rule("A position does not end before it starts.", path="/end", needs=("start", "end"))
def _position_in_order(position: Position) -> str | None:
    if position.start is not None and position.end is not None and position.end < position.start:
        return f"the position ends ({position.end}) before it starts ({position.start})"
    return None


@record
class Position(Record):
    """A position a person holds in an organization, such as a director of a division.

    *start* and *end* are optional dates; a person may hold several positions at once.

    >>> Position(title={"en": "Director, Division for Operations"},
    ...          organization="unodc-division-for-operations").start is None
    True
    """

    title: MultilingualText = field()
    organization: str = field(ref="organization")
    start: dt.date | None = field(default=None)
    end: dt.date | None = field(default=None)
    RULES = (_position_in_order,)


@record(noun="person")
class Person(Record):
    """A person named by a source, with the positions they held.

    >>> Person(id="aldo-lale-demoz", name="Aldo Lale-Demoz").positions
    ()
    """

    id: str = field(ID)
    name: str = field(PLAIN_TEXT)
    positions: tuple[Position, ...] = field(default=())
    sources: tuple[str, ...] = field(ref="source", default=())
    citations: tuple[Citation, ...] = field(default=())
    RULES = (cites_own_fields,)

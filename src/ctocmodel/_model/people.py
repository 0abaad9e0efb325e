"""People and the positions they hold."""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias, get_args

from ._checks import ID, PLAIN_TEXT
from ._record import Record, field, record, rule
from .citations import Citation, cites_own_fields
from .text import MultilingualText

Visibility: TypeAlias = Literal["public", "organization", "private"]
"""What exports and summaries may show of a person.

``public``: their name; ``organization``: that a representative of their organization
took part, never their name (a pseudonymised export gives them a stable pseudonym);
``private``: only that their organization had that many participants.
"""

VISIBILITIES: tuple[Visibility, ...] = get_args(Visibility)


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

    *visibility* says what exports and summaries may show of them (see `Visibility`);
    *consent* notes how and when they agreed to it, for the dataset's keepers only:
    no export shows it.

    >>> Person(id="aldo-lale-demoz", name="Aldo Lale-Demoz").visibility
    'public'
    """

    id: str = field(ID)
    name: str = field(PLAIN_TEXT)
    positions: tuple[Position, ...] = field(default=())
    sources: tuple[str, ...] = field(ref="source", default=())
    citations: tuple[Citation, ...] = field(default=())
    visibility: Visibility = field(
        default="public", doc="What exports may show: the name, the organization, or a count."
    )
    consent: str | None = field(
        PLAIN_TEXT, default=None, doc="How and when the person agreed; never exported."
    )
    RULES = (cites_own_fields,)

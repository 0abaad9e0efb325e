"""Statements: what organizations said to a session, orally or in writing.

A `Statement` records who made it (an organization, and the person who spoke when the
source names them), on which agenda item, when, and, for a written statement, the
symbol of the document that carries it; an oral statement records the invitation it
was made on, which rule 17(3)(b) of the CTOC/COP's rules of procedure requires of NGOs.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias, get_args

from ._checks import PLAIN_TEXT
from ._record import Record, field, record, rule
from .documents import SYMBOL
from .participation import ConferenceBody
from .text import MultilingualText

StatementKind: TypeAlias = Literal["oral", "written"]
"""How a statement was made: spoken at a meeting, or submitted in writing."""

STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)


@record
class Invitation(Record):
    """The invitation an oral statement was made on: who invited, and when.

    >>> Invitation(by="president").date is None
    True
    """

    by: ConferenceBody = field()
    date: dt.date | None = field(default=None)
    RULES = ()


@rule(
    "Only an oral statement is made on an invitation.",
    path="/invitation",
    needs=("kind", "invitation"),
    schema={
        "if": {"properties": {"kind": {"const": "written"}}},
        "then": {"properties": {"invitation": {"type": "null"}}},
    },
)
def _invited_to_speak(statement: Statement) -> str | None:
    if statement.kind == "written" and statement.invitation is not None:
        return "a written statement is submitted, not made on an invitation; remove invitation"
    return None


@record
class Statement(Record):
    """A statement an organization made to a session: oral or written.

    *organization* made it; *person* is who spoke or signed, when the source names
    them; *agenda_item* the item as the agenda numbers it ("3", "4 (b)"); *date* the
    day it was made or circulated; *document* the symbol of a written statement (or
    of the document an oral one was circulated in); *invitation* what an oral
    statement was made on.

    >>> Statement(kind="oral", organization="ngo-a", agenda_item="2",
    ...           invitation=Invitation(by="president")).invitation.by
    'president'
    """

    kind: StatementKind = field()
    organization: str = field(ref="organization")
    person: str | None = field(ref="person", default=None)
    agenda_item: str | None = field(PLAIN_TEXT, default=None)
    date: dt.date | None = field(default=None)
    title: MultilingualText | None = field(default=None)
    document: str | None = field(SYMBOL, default=None)
    invitation: Invitation | None = field(default=None)
    sources: tuple[str, ...] = field(ref="source", default=())
    RULES = (_invited_to_speak,)

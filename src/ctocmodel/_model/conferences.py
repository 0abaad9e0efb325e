"""Conferences: treaty bodies that meet in numbered sessions."""

from __future__ import annotations

from ._checks import ID, repeats
from ._record import Record, field, record, rule
from .citations import Citation, cites_own_fields
from .sessions import Session
from .text import MultilingualText


@rule("Session numbers are unique within a conference.", needs=("sessions",))
def _numbered_once(conference: Conference) -> list[tuple[str, str]] | None:
    return [
        (
            f"/sessions/{index}/number",
            f"session number {session.number} is already used by /sessions/{earlier}",
        )
        for index, session, earlier in repeats(conference.sessions, lambda session: session.number)
    ] or None


@record(noun="conference")
class Conference(Record):
    """A treaty body, such as the CTOC/COP, with its secretariat and its sessions.

    The CTOC/COP is the Conference of the Parties to the United Nations Convention
    against Transnational Organized Crime. *secretariat* is the id of the
    `Organization` serving it, when the data says so; *participation_rules* the id
    of the rules on who may take part (`ParticipationRules`: built in, such as
    ``ctoc-cop``, or declared by the dataset).

    >>> Conference(id="ctoc-cop", name={"en": "Conference of the Parties"}).sessions
    ()
    """

    id: str = field(ID)
    name: MultilingualText = field()
    acronym: MultilingualText | None = field(default=None)
    secretariat: str | None = field(ref="organization", default=None)
    sessions: tuple[Session, ...] = field(default=())
    sources: tuple[str, ...] = field(ref="source", default=())
    citations: tuple[Citation, ...] = field(default=())
    participation_rules: str | None = field(ref="rule set", default=None)
    RULES = (_numbered_once, cites_own_fields)

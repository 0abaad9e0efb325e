"""Admissions: how an organization came to take part in a session, step by step.

An `Admission` records, for one organization and one session, the route it took (a
`Route` of the conference's rules), its application, the list the secretariat
circulated, any objections, the decision and the outcome. Sources rarely state every
step, so every step is optional: record what the source says, and nothing more.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

from ._checks import ID, Found, repeats
from ._record import Record, field, record, rule, stated
from .documents import SYMBOL
from .participation import ConferenceBody

if TYPE_CHECKING:
    from .sessions import Session

Outcome: TypeAlias = Literal["accorded", "refused", "withdrawn", "pending"]
"""How an application ended: status ``accorded`` or ``refused``, the application
``withdrawn``, or still ``pending`` when the source was written."""

OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)


@record
class Application(Record):
    """An organization's application (or notification) to take part, and when it was made.

    *to* is the body applied to (``bureau``; ``secretary_general`` for a notification
    under rule 16(1)).

    >>> Application(to="bureau", date=dt.date(2014, 7, 1)).to
    'bureau'
    """

    to: ConferenceBody = field()
    date: dt.date | None = field(default=None)
    RULES = ()


@rule(
    "A circulated list gives its document symbol or its date.",
    needs=("document", "date"),
    schema={"anyOf": [stated("document"), stated("date")]},
)
def _list_says_something(listing: Listing) -> str | None:
    if listing.document is None and listing.date is None:
        return "a circulated list gives its document symbol, its date, or both"
    return None


@record
class Listing(Record):
    """The list of applicants the secretariat circulated as a document, with its date.

    >>> Listing(document="CTOC/COP/2014/INF/2", date=dt.date(2014, 9, 1)).document
    'CTOC/COP/2014/INF/2'
    """

    document: str | None = field(SYMBOL, default=None)
    date: dt.date | None = field(default=None)
    RULES = (_list_says_something,)


@record
class Objection(Record):
    """An objection to an applicant; *by* is the objecting organization (a State), when known.

    >>> Objection().by is None
    True
    """

    by: str | None = field(ref="organization", default=None)
    date: dt.date | None = field(default=None)
    RULES = ()


@record
class Decision(Record):
    """A decision on an application: who took it, when, and the document that records it.

    >>> Decision(by="conference", date=dt.date(2014, 10, 6)).by
    'conference'
    """

    by: ConferenceBody = field()
    date: dt.date | None = field(default=None)
    document: str | None = field(SYMBOL, default=None)
    RULES = ()


@record(noun="admission")
class Admission(Record):
    """How one organization came to take part in one session: route, steps, decision, outcome.

    *route* is the id of a `Route` (built in, such as ``ctoc-cop-rule-17-2``, or
    declared by the dataset's participation rules); *application*, *listing*,
    *objections* and *decision* are the steps a source records; *outcome* how it ended.
    Every step is optional.

    >>> admission = Admission(id="ngo-a-at-cop7", organization="ngo-a",
    ...                       route="ctoc-cop-rule-17-2", outcome="accorded")
    >>> admission.listing is None
    True
    """

    id: str = field(ID)
    organization: str = field(ref="organization")
    route: str | None = field(ref="route", default=None)
    application: Application | None = field(default=None)
    listing: Listing | None = field(default=None)
    objections: tuple[Objection, ...] = field(default=())
    decision: Decision | None = field(default=None)
    outcome: Outcome | None = field(default=None)
    sources: tuple[str, ...] = field(ref="source", default=())
    RULES = ()


@rule("Each organization is admitted at most once per session.", needs=("admissions",))
def admitted_once(session: Session) -> Found | None:
    """At most one admission per organization in a session's ``admissions``."""
    return [
        (
            f"/admissions/{index}/organization",
            f"{admission.organization!r} already has an admission at /admissions/{earlier}",
        )
        for index, admission, earlier in repeats(
            session.admissions, lambda admission: admission.organization
        )
    ] or None

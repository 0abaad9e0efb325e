"""Reported figures: counts as a source states them, with their qualifier."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal, TypeAlias, get_args

from ._checks import ID, PLAIN_TEXT, integer
from ._record import Record, field, record, rule

Qualifier: TypeAlias = Literal["exact", "at_least", "more_than", "about", "at_most", "fewer_than"]
"""How a reported number relates to the true count: "plus de 90" is ``more_than`` 90."""

QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

Status: TypeAlias = Literal["actual", "expected"]
"""Whether a figure counts what happened or what was expected beforehand."""

STATUSES: tuple[str, ...] = get_args(Status)


@rule(
    "A count is not fewer than 0.",
    path="/value",
    needs=("qualifier", "value"),
    schema={
        "if": {"properties": {"qualifier": {"const": "fewer_than"}}},
        "then": {"properties": {"value": {"type": "integer", "minimum": 1}}},
    },
)
def _possible(count: Count) -> str | None:
    if count.qualifier == "fewer_than" and count.value == 0:
        return "fewer than 0 is not a possible count; use at_most 0"
    return None


@record
class Count(Record):
    """A number as a source gives it: a value and how it bounds the true count.

    >>> more_than_90 = Count(qualifier="more_than", value=90)
    >>> more_than_90.admits(91), more_than_90.admits(90)
    (True, False)
    >>> more_than_90.bounds()
    (91, None)
    """

    qualifier: Qualifier = field()
    value: int = field(integer(0))
    RULES = (_possible,)

    def bounds(self) -> tuple[int, int | None]:
        """Return the smallest and largest true count this admits (None: no upper bound).

        ``about`` is not a bound: it admits any count.
        """
        value = self.value
        match self.qualifier:
            case "exact":
                return value, value
            case "at_least":
                return value, None
            case "more_than":
                return value + 1, None
            case "at_most":
                return 0, value
            case "fewer_than":
                return 0, value - 1
            case _:
                return 0, None

    def admits(self, count: int) -> bool:
        """Tell whether a true count of *count* agrees with this figure."""
        low, high = self.bounds()
        return low <= count and (high is None or count <= high)

    def allows_at_least(self, listed: int) -> bool:
        """Tell whether *listed* records (a lower bound of the truth) agree with this figure.

        Listing fewer records than reported is normal, data is partial; listing more
        than the figure allows is a contradiction.

        >>> Count(qualifier="exact", value=16).allows_at_least(17)
        False
        >>> Count(qualifier="more_than", value=50).allows_at_least(60)
        True
        """
        high = self.bounds()[1]
        return high is None or listed <= high


@record
class ReportedFigure(Record):
    """A count that a source reports about a session, such as "more than 90 participants".

    *measure* is the id of a `Measure` (built in, see `BUILTIN_MEASURES`, or declared
    by the dataset); *source* is the id of the `Source` reporting it; *quote*
    optionally keeps the source's own words; *topics* lists topic ids the counted
    things were about. The scope says what the figure covers: the whole session
    unless *day* names one of its days or *meeting* one of its meetings; *status*
    ``expected`` for a figure given beforehand ("300 participants expected").

    The built-in measures but ``participants`` and ``ngo_participants`` are checked
    against the records the session lists, for figures of the whole session:

    =============================== ==========================================================
    measure                         listed records it is checked against
    =============================== ==========================================================
    ``participating_organizations`` organizations in the session's ``participation``
    ``participating_ngos``          those of kind ``ngo`` or ``ngo_federation``
    ``side_events``                 the session's `SideEvent` meetings
    ``side_event_organizers``       distinct organizers and co-organizers of those side events
    ``side_event_organizing_ngos``  those of kind ``ngo`` or ``ngo_federation``
    ``briefings``                   the session's `Briefing` meetings
    =============================== ==========================================================
    """

    measure: str = field(ref="measure")
    count: Count = field()
    source: str = field(ref="source")
    quote: str | None = field(PLAIN_TEXT, default=None)
    topics: tuple[str, ...] = field(ref="topic", default=())
    day: dt.date | None = field(default=None, doc="The one day counted (null: the session).")
    # Not a reference resolved across the dataset: the session's rule checks that it
    # names one of the session's own meetings, which come after the figures.
    meeting: str | None = field(
        ID, default=None, doc="The id of the session's meeting counted (null: the whole session)."
    )
    status: Status = field(default="actual")
    RULES = ()
    KEY: ClassVar[tuple[str, ...]] = ("measure", "day", "meeting", "status", "source")

    @property
    def whole_session(self) -> bool:
        """Whether the figure counts what happened over the whole session."""
        return self.day is None and self.meeting is None and self.status == "actual"

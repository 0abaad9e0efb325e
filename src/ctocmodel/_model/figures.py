"""Reported figures: counts as a source states them, with their qualifier."""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

from ._checks import PLAIN_TEXT, integer
from ._record import Record, field, record, rule

Qualifier: TypeAlias = Literal["exact", "at_least", "more_than", "about", "at_most", "fewer_than"]
"""How a reported number relates to the true count: "plus de 90" is ``more_than`` 90."""

QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

Measure: TypeAlias = Literal[
    "participants",
    "participating_organizations",
    "participating_ngos",
    "side_events",
    "side_event_organizers",
    "side_event_organizing_ngos",
    "briefings",
]
"""What a session-level figure counts.

=============================== ==============================================================
measure                         listed records it is checked against
=============================== ==============================================================
``participants``                none (the model lists organizations, not each delegate)
``participating_organizations`` organizations in the session's ``participation``
``participating_ngos``          those of kind ``ngo`` or ``ngo_federation``
``side_events``                 the session's `SideEvent` meetings
``side_event_organizers``       distinct organizers and co-organizers of those side events
``side_event_organizing_ngos``  those of kind ``ngo`` or ``ngo_federation``
``briefings``                   the session's `Briefing` meetings
=============================== ==============================================================
"""

MEASURES: tuple[str, ...] = get_args(Measure)


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

    *source* is the id of the `Source` reporting it; *quote* optionally keeps the
    source's own words; *topics* lists topic ids the counted things were about.
    """

    measure: Measure = field()
    count: Count = field()
    source: str = field(ref="source")
    quote: str | None = field(PLAIN_TEXT, default=None)
    topics: tuple[str, ...] = field(ref="topic", default=())
    RULES = ()

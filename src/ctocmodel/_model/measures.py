"""Measures: what a reported figure counts, a built-in vocabulary that datasets may extend."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._checks import ID
from ._record import Record, field, record
from .text import MultilingualText


@record(noun="measure")
class Measure(Record):
    """What a figure counts, such as participants or side events; figures name it by id.

    *label* is a plural noun phrase that reads after a number ("participants",
    "side events"), in each language the dataset has; *definition* says what is
    counted and what is not, when the label leaves a doubt.

    >>> BUILTIN_MEASURES["participants"].label["fr"]
    'participants'
    >>> Measure(id="journalists", label={"en": "journalists"}).definition is None
    True
    """

    id: str = field(ID)
    label: MultilingualText = field()
    definition: MultilingualText | None = field(default=None)
    RULES = ()


def _measure(id: str, en: str, fr: str, es: str, definition: str | None = None) -> Measure:
    return Measure(
        id=id,
        label={"en": en, "fr": fr, "es": es},
        definition=None if definition is None else {"en": definition},
    )


# Ids are stable: once published, an id keeps its meaning and is never reused.
BUILTIN_MEASURES: Mapping[str, Measure] = MappingProxyType(
    {
        measure.id: measure
        for measure in (
            _measure(
                "participants",
                "participants",
                "participants",
                "participantes",
                "People taking part in the session, whoever they represent.",
            ),
            _measure(
                "participating_organizations",
                "participating organizations",
                "organisations participantes",
                "organizaciones participantes",
                "Organizations taking part; listed in a session's participation.",
            ),
            _measure(
                "participating_ngos",
                "participating NGOs",
                "ONG participantes",
                "ONG participantes",
                "NGOs and NGO federations taking part.",
            ),
            _measure(
                "side_events",
                "side events",
                "manifestations parallèles",
                "actos paralelos",
                "Side events held alongside the session.",
            ),
            _measure(
                "side_event_organizers",
                "side event organizers",
                "organisateurs de manifestations parallèles",
                "organizadores de actos paralelos",
                "Distinct organizers and co-organizers of side events.",
            ),
            _measure(
                "side_event_organizing_ngos",
                "NGOs organizing side events",
                "ONG organisatrices de manifestations parallèles",
                "ONG organizadoras de actos paralelos",
                "Those organizers of side events that are NGOs or NGO federations.",
            ),
            _measure(
                "briefings",
                "briefings",
                "séances d'information",
                "sesiones informativas",
                "Briefings held during the session.",
            ),
            _measure(
                "ngo_participants",
                "participants from NGOs",
                "participants issus d'ONG",
                "participantes de ONG",
                "People taking part on behalf of NGOs and NGO federations.",
            ),
        )
    }
)
"""The built-in measures, by id, with English, French and Spanish labels.

Every dataset may use these ids without declaring them; the first seven are checked
against the records a session lists (see `ReportedFigure`).
"""

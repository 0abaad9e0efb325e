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

__all__ = ["cop7", "cop7_json", "starter"]


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


def starter() -> Dataset:
    """Return a small valid dataset to start from, whose texts say what to put in their place.

    It has one source, one organization, one conference with one session, the
    organization's participation in it and a side event it organized: the smallest
    set of records that shows how they refer to each other by id. Every text says
    what it stands for; the dates are placeholders. ``ctocmodel init`` writes it.

    >>> starter().conferences[0].sessions[0].meetings[0].organizers
    ('my-ngo',)
    """
    import datetime as dt

    from .._model import Conference, Organization, Participation, Session, SideEvent, Source

    replace = " (replace this text; add other languages beside 'en', such as 'fr')"
    return Dataset(
        sources=(
            Source(
                id="my-source",
                title={"en": "Title of the report or news item your facts come from" + replace},
                language="en",
                url="https://example.org/replace-with-the-address-of-the-source",
            ),
        ),
        organizations=(
            Organization(
                id="my-ngo",
                name={"en": "Name of an organization that took part" + replace},
                kind="ngo",
                sources=("my-source",),
            ),
        ),
        conferences=(
            Conference(
                id="my-conference",
                name={"en": "Name of the conference, such as the CTOC/COP" + replace},
                sessions=(
                    Session(
                        id="my-conference-1",
                        number=1,
                        start=dt.date(2026, 10, 12),
                        end=dt.date(2026, 10, 16),
                        participation=(
                            Participation(
                                organization="my-ngo",
                                basis="ecosoc_special",
                                sources=("my-source",),
                            ),
                        ),
                        meetings=(
                            SideEvent(
                                id="my-side-event",
                                title={"en": "Title of a side event" + replace},
                                date=dt.date(2026, 10, 13),
                                organizers=("my-ngo",),
                                summary={
                                    "en": "What the side event was about; the dates of the "
                                    "session and of this event are placeholders to replace"
                                },
                                sources=("my-source",),
                            ),
                        ),
                        sources=("my-source",),
                    ),
                ),
                sources=("my-source",),
            ),
        ),
    )

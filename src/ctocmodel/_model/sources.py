"""Sources: where the facts of a dataset come from."""

from __future__ import annotations

import datetime as dt

from ._checks import ID, LANGUAGE_TAG, URL
from ._record import Record, field, record
from .text import MultilingualText


@record(noun="source")
class Source(Record):
    """A document that facts cite by id: a news item, a report, a list of participants.

    *publisher* is the id of an `Organization`; *language* the BCP 47 tag of the
    document's language; *url* and *date* (of publication) are optional.

    >>> Source(id="unodc-news", title={"fr": "Participation des ONG"}, language="fr").url is None
    True
    """

    id: str = field(ID)
    title: MultilingualText = field()
    language: str = field(LANGUAGE_TAG)
    publisher: str | None = field(ref="organization", default=None)
    url: str | None = field(URL, default=None)
    date: dt.date | None = field(default=None)
    RULES = ()

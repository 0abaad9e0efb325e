"""Sources: where the facts of a dataset come from."""

from __future__ import annotations

import datetime as dt

import attrs

from ._checks import (
    Found,
    _good_tags,
    check_date,
    check_id,
    check_language_tag,
    check_ref,
    check_text,
    check_url,
    explain,
    fail,
    id_ok,
    text_ok,
    url_ok,
)
from .text import MultilingualText, copy_text


@attrs.frozen(kw_only=True)
class Source:
    """A document that facts cite by id: a news item, a report, a list of participants.

    *publisher* is the id of an `Organization`; *language* the BCP 47 tag of the
    document's language; *url* and *date* (of publication) are optional.

    >>> Source(id="unodc-news", title={"fr": "Participation des ONG"}, language="fr").url is None
    True
    """

    id: str
    title: MultilingualText = attrs.field(converter=copy_text, hash=False)
    language: str
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and text_ok(self.title)
            and self.language in _good_tags
            and (self.publisher is None or type(self.publisher) is str)
            and (self.url is None or url_ok(self.url))
            and (self.date is None or type(self.date) is dt.date)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_text(found, "/title", self.title)
        check_language_tag(found, "/language", self.language)
        if self.publisher is not None:
            check_ref(found, "/publisher", self.publisher)
        check_url(found, "/url", self.url)
        check_date(found, "/date", self.date, optional=True)
        if found:
            fail(found)

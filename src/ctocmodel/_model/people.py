"""People and the positions they hold."""

from __future__ import annotations

import datetime as dt

import attrs

from ._checks import (
    Found,
    check_date,
    check_id,
    check_items,
    check_plain_text,
    check_ref,
    check_refs,
    check_text,
    explain,
    fail,
    id_ok,
    items_ok,
    plain_text_ok,
    refs_ok,
    text_ok,
)
from .text import MultilingualText, copy_text


@attrs.frozen(kw_only=True)
class Position:
    """A position a person holds in an organization, such as a director of a division.

    *start* and *end* are optional dates; a person may hold several positions at once.

    >>> Position(title={"en": "Director, Division for Operations"},
    ...          organization="unodc-division-for-operations").start is None
    True
    """

    title: MultilingualText = attrs.field(converter=copy_text, hash=False)
    organization: str
    start: dt.date | None = None
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            text_ok(self.title)
            and type(self.organization) is str
            and (self.start is None or type(self.start) is dt.date)
            and (self.end is None or type(self.end) is dt.date)
            and (self.start is None or self.end is None or self.start <= self.end)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_text(found, "/title", self.title)
        check_ref(found, "/organization", self.organization)
        check_date(found, "/start", self.start, optional=True)
        check_date(found, "/end", self.end, optional=True)
        if type(self.start) is dt.date and type(self.end) is dt.date and self.end < self.start:
            found.append(
                ("/end", f"the position ends ({self.end}) before it starts ({self.start})")
            )
        if found:
            fail(found)


@attrs.frozen(kw_only=True)
class Person:
    """A person named by a source, with the positions they held.

    >>> Person(id="aldo-lale-demoz", name="Aldo Lale-Demoz").positions
    ()
    """

    id: str
    name: str
    positions: tuple[Position, ...] = ()
    sources: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and plain_text_ok(self.name)
            and (self.positions == () or items_ok(self.positions, Position))
            and refs_ok(self.sources)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_plain_text(found, "/name", self.name)
        check_items(found, "/positions", self.positions, Position)
        check_refs(found, "/sources", self.sources)
        if found:
            fail(found)

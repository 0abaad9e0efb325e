"""Conferences: treaty bodies that meet in numbered sessions."""

from __future__ import annotations

import attrs

from ._checks import (
    Found,
    check_id,
    check_items,
    check_ref,
    check_refs,
    check_text,
    explain,
    fail,
    id_ok,
    items_ok,
    refs_ok,
    text_ok,
)
from .sessions import Session
from .text import MultilingualText, copy_optional_text, copy_text


@attrs.frozen(kw_only=True)
class Conference:
    """A treaty body, such as the CTOC/COP, with its secretariat and its sessions.

    The CTOC/COP is the Conference of the Parties to the United Nations Convention
    against Transnational Organized Crime. *secretariat* is the id of the
    `Organization` serving it, when the data says so.

    >>> Conference(id="ctoc-cop", name={"en": "Conference of the Parties"}).sessions
    ()
    """

    id: str
    name: MultilingualText = attrs.field(converter=copy_text, hash=False)
    acronym: MultilingualText | None = attrs.field(
        default=None, converter=copy_optional_text, hash=False
    )
    secretariat: str | None = None
    sessions: tuple[Session, ...] = ()
    sources: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (
            id_ok(self.id)
            and text_ok(self.name)
            and (self.acronym is None or text_ok(self.acronym))
            and (self.secretariat is None or type(self.secretariat) is str)
            and items_ok(self.sessions, Session)
            and len({session.number for session in self.sessions}) == len(self.sessions)
            and refs_ok(self.sources)
        ):
            explain(self)

    def _explain(self) -> None:
        found: Found = []
        check_id(found, "/id", self.id)
        check_text(found, "/name", self.name)
        check_text(found, "/acronym", self.acronym, optional=True)
        if self.secretariat is not None:
            check_ref(found, "/secretariat", self.secretariat)
        check_items(found, "/sessions", self.sessions, Session)
        if type(self.sessions) is tuple:
            numbers: dict[int, int] = {}
            for index, session in enumerate(self.sessions):
                if not isinstance(session, Session):
                    continue
                if session.number in numbers:
                    found.append(
                        (
                            f"/sessions/{index}/number",
                            f"session number {session.number} is already used by "
                            f"/sessions/{numbers[session.number]}",
                        )
                    )
                numbers.setdefault(session.number, index)
        check_refs(found, "/sources", self.sources)
        if found:
            fail(found)

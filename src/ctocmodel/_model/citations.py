"""Citations: where a record, or one field of it, comes from, to the paragraph.

A record's ``sources`` lists the documents it comes from as a whole; its
``citations`` say more: which field a source states, where in the source (a
paragraph, page, section, URL fragment, the sentence itself) and when the source
was retrieved.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ._checks import PLAIN_TEXT, Found, Kind, Problems, at, check_plain_text, describe, integer
from ._record import Record, record, rule, specs
from ._record import field as declare  # a Citation has a field called field

QUOTATION_MAX_LENGTH = 300
"""The longest quotation a citation keeps, in characters: one sentence, not a passage."""

FRAGMENT_PATTERN = r"^[A-Za-z0-9._~!$&'()*+,;=:@/?%-]+$"
_fragment_match = re.compile(FRAGMENT_PATTERN[1:-1] + r"\Z").match
# A sentence ends at . ! ? or … (or their CJK forms) followed by space and a capital
# letter or a digit: "Au total, 16 ONG. Ces réunions" is two sentences. Abbreviations
# followed by a name ("M. Lale-Demoz") are taken for an end too: quote less.
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)]*\s+[\"'«“(]*[A-Z0-9À-ÖØ-Þ]|[。！？]\s*\S")


def check_quotation(value: object) -> Problems:
    """Text of at most one sentence and `QUOTATION_MAX_LENGTH` characters."""
    problems = check_plain_text(value)
    if problems is not None or not isinstance(value, str):
        return problems
    if len(value) > QUOTATION_MAX_LENGTH:
        return at(
            f"a quotation has at most {QUOTATION_MAX_LENGTH} characters, this one has "
            f"{len(value)}: quote the one sentence that states the fact"
        )
    if _SENTENCE_END.search(value.strip()):
        return at(
            "a quotation is at most one sentence: quote the sentence that states the fact, "
            "and give its paragraph, page or section for the rest"
        )
    return None


def check_fragment(value: object) -> Problems:
    """A URL fragment without its ``#``: ``section-2``, ``:~:text=Plus%20de%2090``."""
    if type(value) is not str:
        return at(f"expected a URL fragment (a string), got {describe(value)}")
    if _fragment_match(value):
        return None
    hint = "; leave out the '#'" if value.startswith("#") else ""
    return at(
        f"{value!r} is not a URL fragment: letters, digits and - . _ ~ ! $ & ' ( ) * + , "
        f"; = : @ / ? %, percent-encoding anything else{hint}"
    )


QUOTATION = Kind("quotation", check_quotation)
FRAGMENT = Kind("fragment", check_fragment)


def check_field_name(value: object) -> Problems:
    """The name of a field (whether the record has it is the record's rule)."""
    if type(value) is str:
        return None
    return at(f"expected the name of a field (a string), got {describe(value)}")


FIELD_NAME = Kind("fieldName", check_field_name)


@record
class Citation(Record):
    """Where a record, or its field *field*, comes from: a source and a place in it.

    *source* is a `Source` id; *field* the name of the one field the citation
    covers (None: the whole record); *paragraph* (from 1), *page*, *section* and
    *fragment* (of the source's URL, without ``#``) locate the statement; *quote*
    is the sentence itself, at most one; *retrieved* is the day the source was read.

    >>> cite = Citation(source="unodc-news", field="name", paragraph=3,
    ...                 quote="Au total, 16 ONG ont organisé des manifestations parallèles.")
    >>> cite.locator()
    'paragraph 3'
    """

    source: str = declare(ref="source")
    field: str | None = declare(FIELD_NAME, default=None)
    paragraph: int | None = declare(integer(1), default=None)
    page: str | None = declare(PLAIN_TEXT, default=None)
    section: str | None = declare(PLAIN_TEXT, default=None)
    fragment: str | None = declare(FRAGMENT, default=None)
    quote: str | None = declare(QUOTATION, default=None)
    retrieved: dt.date | None = declare(default=None)
    RULES = ()

    def locator(self) -> str:
        """The place in the source in words: "paragraph 3, page 2, section B, #frag"."""
        parts = []
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.section is not None:
            parts.append(f"section {self.section}")
        if self.fragment is not None:
            parts.append(f"#{self.fragment}")
        return ", ".join(parts)


# Fields a citation cannot cover: the id names the record, and citations cite.
_UNCITED = frozenset({"id", "citations", "sources", "type"})


@rule(
    "A citation names a field of the record that holds it (not its id, sources or "
    "citations), or none for the whole record.",
    needs=("citations",),
)
def cites_own_fields(record: Any) -> Found | None:
    """Citations whose *field* is not a field of the citing record."""
    citations = record.citations
    if not citations or all(citation.field is None for citation in citations):
        return None
    names = [spec.name for spec in specs(type(record)) if spec.name not in _UNCITED]
    found: Found = []
    for index, citation in enumerate(citations):
        if citation.field is not None and citation.field not in names:
            found.append(
                (
                    f"/citations/{index}/field",
                    f"{citation.field!r} is not a field this record cites; choose one of "
                    + ", ".join(repr(name) for name in names)
                    + ", or null for the whole record",
                )
            )
    return found or None

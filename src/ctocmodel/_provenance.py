"""Where a value comes from: `why` lists the citations and sources that cover it."""

from __future__ import annotations

from typing import Any

import attrs

from ._model import Citation, Dataset, Record, Source, specs
from ._model.text import Text
from .errors import Problem, ValidationError, pointer

__all__ = ["Cited", "covering", "pointer_tokens", "why"]


@attrs.frozen(kw_only=True)
class Cited:
    """A citation that covers a value: what it says, where it is, and the source it names.

    *citation* is the `Citation` (for a record that only lists a source in
    ``sources``, or a figure's ``source``, a citation of that source alone); *at* is
    the JSON Pointer of the citation or source reference in the dataset; *record*
    that of the record holding it; *quote* the source's words, from the citation or
    the figure's ``quote``.
    """

    citation: Citation
    source: Source
    at: str
    record: str
    quote: str | None = None

    def describe(self, languages: tuple[str, ...] = ("en",)) -> str:
        """The citation in words: "unodc-news, paragraph 2 (retrieved 2026-01-05)"."""
        from ._model import pick_text

        words = [f"{self.source.id} ({pick_text(self.source.title, languages)})"]
        locator = self.citation.locator()
        if locator:
            words.append(locator)
        if self.citation.field is not None:
            words.append(f"for {self.citation.field}")
        text = ", ".join(words)
        if self.quote is not None:
            text += f': "{self.quote}"'
        if self.citation.retrieved is not None:
            text += f" (retrieved {self.citation.retrieved.isoformat()})"
        return text


def pointer_tokens(path: str) -> list[str]:
    """The reference tokens of the RFC 6901 JSON Pointer *path*, unescaped."""
    if path == "":
        return []
    if not path.startswith("/"):
        raise ValidationError(
            [Problem(path="", message=f"{path!r} is not a JSON Pointer: it starts with '/'")]
        )
    return [token.replace("~1", "/").replace("~0", "~") for token in path[1:].split("/")]


def _step(node: Any, token: str, here: str) -> Any:
    if isinstance(node, Record):
        if token in {spec.name for spec in specs(type(node))}:
            return getattr(node, token)
    elif isinstance(node, tuple):
        if token.isdigit() and (token == "0" or not token.startswith("0")):
            position = int(token)
            if position < len(node):
                return node[position]
    elif isinstance(node, Text) and token in node:
        return node[token]
    raise ValidationError(
        [Problem(path=here + pointer(token), message="nothing in this dataset is at this pointer")]
    )


def covering(record: Any, at: str, first: str | None, sources: dict[str, Source]) -> list[Cited]:
    """The citations of *record* (at pointer *at*) covering its field *first* (None: all of it)."""
    found: list[Cited] = []
    whole: list[Cited] = []
    listed: list[Cited] = []
    for spec in specs(type(record)):
        value = getattr(record, spec.name)
        if spec.records == (Citation,):
            for index, citation in enumerate(value):
                if citation.field is not None and citation.field != first:
                    continue
                cited = Cited(
                    citation=citation,
                    source=sources[citation.source],
                    at=f"{at}/{spec.name}/{index}",
                    record=at,
                    quote=citation.quote,
                )
                (whole if citation.field is None else found).append(cited)
        elif spec.target == "source" and value:
            ids = value if spec.many else (value,)
            quote = getattr(record, "quote", None) if not spec.many else None
            for index, source_id in enumerate(ids):
                where = f"{at}/{spec.name}/{index}" if spec.many else f"{at}/{spec.name}"
                listed.append(
                    Cited(
                        citation=Citation(source=source_id),
                        source=sources[source_id],
                        at=where,
                        record=at,
                        quote=quote,
                    )
                )
    return found + whole + listed


def why(dataset: Dataset, path: str) -> tuple[Cited, ...]:
    """Answer "where does the value at *path* come from?": every citation that covers it.

    *path* is a JSON Pointer into *dataset*. A citation covers a value when it is
    held by a record on the way to it and cites that record as a whole or the field
    the value is in; a record's ``sources`` and a figure's ``source`` cover the
    whole record. The innermost record's citations come first, those of one field
    before those of the whole record.

    >>> import ctocmodel
    >>> cop7 = ctocmodel.examples.cop7()
    >>> [c.describe() for c in why(cop7, "/conferences/0/sessions/0/figures/0/count")][0]
    '...: "Plus de 90 participants"'
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    sources = {source.id: source for source in dataset.sources}
    tokens = pointer_tokens(path)
    chain: list[tuple[Any, str, str | None]] = []
    node: Any = dataset
    here = ""
    for token in tokens:
        if isinstance(node, Record) and node is not dataset:
            chain.append((node, here, token))
        node = _step(node, token, here)
        here += pointer(token)
    if isinstance(node, Record) and node is not dataset:
        chain.append((node, here, None))
    found: list[Cited] = []
    for record, at, first in reversed(chain):
        found += covering(record, at, first, sources)
    return tuple(found)

"""Where a JSON Pointer is in JSON text: its line and column, for people editing by hand.

A problem's pointer names a value of the document; an editor jumps to a line and a
column. `locate` finds, for each pointer, the place of the member's key (or of the
array item) it names; for a pointer to something absent, such as a required key that
is missing, the place of the nearest enclosing value that is there. Only the parts of
the document that lead to a pointer are walked; the rest is skipped by the C JSON
parser, so that finding a few places in a large document stays fast.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Iterable

__all__ = ["locate"]

_SPACE = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


def _tokens(path: str) -> tuple[str, ...]:
    if not path:
        return ()
    return tuple(token.replace("~1", "/").replace("~0", "~") for token in path[1:].split("/"))


class _Walker:
    def __init__(self, text: str, wanted: set[tuple[str, ...]]) -> None:
        self.text = text
        self.prefixes = {path[:depth] for path in wanted for depth in range(len(path) + 1)}
        self.found: dict[tuple[str, ...], int] = {}

    def space(self, index: int) -> int:
        match = _SPACE.match(self.text, index)
        return match.end() if match else index

    def value(self, index: int, path: tuple[str, ...]) -> int:
        """Walk the value at *index*; return the index after it."""
        index = self.space(index)
        self.found.setdefault(path, index)
        opening = self.text[index : index + 1]
        if path not in self.prefixes or opening not in ("{", "["):
            return _decoder.raw_decode(self.text, index)[1]
        if opening == "[":
            return self.array(index + 1, path)
        return self.object(index + 1, path)

    def array(self, index: int, path: tuple[str, ...]) -> int:
        index = self.space(index)
        if self.text.startswith("]", index):
            return index + 1
        position = 0
        while True:
            item = (*path, str(position))
            start = self.space(index)
            self.found[item] = start
            index = self.space(self.value(start, item))
            if self.text.startswith(",", index):
                index += 1
                position += 1
                continue
            if self.text.startswith("]", index):
                return index + 1
            raise ValueError("not JSON")

    def object(self, index: int, path: tuple[str, ...]) -> int:
        index = self.space(index)
        if self.text.startswith("}", index):
            return index + 1
        while True:
            if not self.text.startswith('"', index):
                raise ValueError("not JSON")
            key, after = _scanstring(self.text, index + 1)
            member = (*path, key)
            self.found[member] = index  # the key: where a person reads the member's name
            colon = self.space(after)
            if not self.text.startswith(":", colon):
                raise ValueError("not JSON")
            if member in self.prefixes:
                end = self.value(colon + 1, member)
                self.found[member] = index
            else:
                end = _decoder.raw_decode(self.text, self.space(colon + 1))[1]
            index = self.space(end)
            if self.text.startswith(",", index):
                index = self.space(index + 1)
                continue
            if self.text.startswith("}", index):
                return index + 1
            raise ValueError("not JSON")


def locate(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    r"""The line and column (both from 1, columns in characters) of each pointer in *text*.

    A pointer that names nothing in *text* gets the place of the nearest value
    enclosing it (the document's start at worst); the empty pointer, the whole
    document, gets none. In text that is not JSON, places are found up to the error.

    >>> text = '{\n  "sessions": [\n    {"number": "7"}\n  ]\n}'
    >>> locate(text, ["/sessions/0/number", "/sessions/0/end", ""])
    {'/sessions/0/number': (3, 6), '/sessions/0/end': (3, 5)}
    """
    wanted = {pointer: _tokens(pointer) for pointer in pointers if pointer}
    if not wanted:
        return {}
    walker = _Walker(text, set(wanted.values()))
    with contextlib.suppress(ValueError, IndexError, RecursionError):  # not JSON: keep places found
        walker.value(0, ())
    newlines = [match.start() for match in re.finditer("\n", text)]
    result: dict[str, tuple[int, int]] = {}
    for pointer, tokens in wanted.items():
        for depth in range(len(tokens), -1, -1):
            offset = walker.found.get(tokens[:depth])
            if offset is not None:
                break
        else:
            continue
        line = bisect.bisect_left(newlines, offset)
        start = newlines[line - 1] + 1 if line else 0
        result[pointer] = (line + 1, offset - start + 1)
    return result

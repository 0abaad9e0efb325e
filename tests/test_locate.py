"""The line and column of a JSON Pointer in JSON text."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ctocmodel import dumps
from ctocmodel._locate import locate
from ctocmodel.errors import pointer
from ctocmodel.testing.strategies import datasets


def members(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, key or None) of a JSON value: None for array items."""
    found: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append(((*path, key), key))
            found += members(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append(((*path, index), None))
            found += members(value, (*path, index))
    return found


def offset(text: str, line: int, column: int) -> int:
    return sum(len(part) + 1 for part in text.split("\n")[: line - 1]) + column - 1


@settings(max_examples=40, deadline=None)
@given(datasets(), st.sampled_from([None, 1, 2]))
def test_every_pointer_is_at_its_key_or_item(dataset: Any, indent: int | None) -> None:
    """Each member's pointer is at its key (quoted), each array item's at the item."""
    text = dumps(dataset, indent=indent)
    document = json.loads(text)
    paths = members(document)
    places = locate(text, [pointer(*path) for path, _ in paths])
    for path, key in paths:
        line, column = places[pointer(*path)]
        at = offset(text, line, column)
        if key is not None:
            assert text.startswith(json.dumps(key, ensure_ascii=False), at), path
        else:
            value, _ = json.JSONDecoder().raw_decode(text, at)
            node = document
            for token in path:
                node = node[token]
            assert value == node, path


def test_a_missing_member_is_placed_at_its_object() -> None:
    """A pointer to an absent key gets the place of the object that lacks it."""
    text = '{\n  "topics": [\n    {"id": "x"}\n  ]\n}\n'
    assert locate(text, ["/topics/0/label"]) == {"/topics/0/label": (3, 5)}


def test_escaped_keys_and_repeated_keys() -> None:
    """Keys with escapes and pointer escapes are found; a repeated key is at its last place."""
    text = '{"a/b": 1, "t\\u00e9": {"x": 1}, "k": 1,\n "k": 2}'
    places = locate(text, ["/a~1b", "/t\u00e9/x", "/k"])
    assert places == {"/a~1b": (1, 2), "/t\u00e9/x": (1, 24), "/k": (2, 2)}


def test_columns_count_characters_not_bytes() -> None:
    """A column counts characters, as editors do, not UTF-8 bytes."""
    text = '{"name": "\u00e9\u00e9", "id": 1}'
    assert locate(text, ["/id"]) == {"/id": (1, 16)}  # 18 in bytes


def test_not_json_gives_what_was_found() -> None:
    """Text that is not JSON gives places up to the error, and no exception."""
    assert locate('{"a": [1, 2,, 3]}', ["/a/2", "/b"]) == {"/a/2": (1, 13), "/b": (1, 1)}
    assert locate("not json", ["/a"]) == {"/a": (1, 1)}
    assert locate("{}", [""]) == {}

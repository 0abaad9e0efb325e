"""Write the seed corpora of the fuzz targets: the COP7 record, as written and changed.

    python fuzz/make_corpus.py

Each seed is a file named after what it holds; the fuzzers read them as a start and
add what they find to the first corpus folder they are given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ctocmodel

HERE = Path(__file__).parent


def _session(document: Any) -> Any:
    return document["conferences"][0]["sessions"][0]


def _swap_dates(document: Any) -> None:
    session = _session(document)
    session["start"], session["end"] = session["end"], session["start"]


def _broken_reference(document: Any) -> None:
    _session(document)["meetings"][0]["organizers"][0] = "no-such-organization"


def _duplicate_id(document: Any) -> None:
    document["organizations"][1]["id"] = document["organizations"][0]["id"]


def _unknown_key(document: Any) -> None:
    _session(document)["venu"] = {"city": {"en": "Vienna"}}


def _missing_key(document: Any) -> None:
    del _session(document)["number"]


def _out_of_range(document: Any) -> None:
    _session(document)["figures"][0]["count"]["value"] = -1


def _wrong_type(document: Any) -> None:
    _session(document)["number"] = "7"


def _odd_text(document: Any) -> None:
    meeting = _session(document)["meetings"][0]
    meeting["title"]["ar"] = (
        "\u200f\u0645\u0631\u062d\u0628\u0627 e\u0301 \U0001f469\u200d\U0001f467 a\u2028b"
    )
    meeting["summary"] = {"en": "NUL \u0000 inside"}


MUTANTS: dict[str, Callable[[Any], None]] = {
    "swapped-dates": _swap_dates,
    "broken-reference": _broken_reference,
    "duplicate-id": _duplicate_id,
    "unknown-key": _unknown_key,
    "missing-key": _missing_key,
    "out-of-range": _out_of_range,
    "wrong-type": _wrong_type,
    "odd-text": _odd_text,
}


SMALL = {
    "schema_version": "1.0",
    "sources": [{"id": "news", "title": {"en": "News"}, "language": "en", "publisher": "unodc"}],
    "organizations": [
        {"id": "unodc", "name": {"en": "UNODC"}, "kind": "un_entity"},
        {"id": "ngo-1", "name": {"fr": "ONG"}, "kind": "ngo", "ecosoc_status": "special"},
    ],
    "people": [
        {
            "id": "jane",
            "name": "Jane",
            "positions": [{"title": {"en": "Director"}, "organization": "unodc"}],
        }
    ],
    "topics": [{"id": "sextortion", "label": {"en": "Sextortion"}, "broader": "corruption"}],
    "conferences": [
        {
            "id": "cop",
            "name": {"en": "COP"},
            "sessions": [
                {
                    "id": "cop-7",
                    "number": 7,
                    "start": "2014-10-06",
                    "end": "2014-10-10",
                    "venue": {"time_zone": "Europe/Vienna"},
                    "participation": [{"organization": "ngo-1", "basis": "ecosoc_special"}],
                    "figures": [
                        {
                            "measure": "side_events",
                            "count": {"qualifier": "exact", "value": 1},
                            "source": "news",
                        }
                    ],
                    "meetings": [
                        {
                            "type": "side_event",
                            "id": "se-1",
                            "title": {"en": "Side event"},
                            "start": "2014-10-07T13:00:00+02:00",
                            "end": "2014-10-07T14:00:00+02:00",
                            "organizers": ["ngo-1"],
                            "participants": [{"role": "speaker", "person": "jane"}],
                            "topics": ["sextortion"],
                        },
                        {
                            "type": "dialogue",
                            "id": "d-1",
                            "title": {"en": "Dialogue"},
                            "date": "2014-10-08",
                            "participants": [
                                {
                                    "role": "counterpart",
                                    "description": {"en": "Officials"},
                                    "count": {"qualifier": "about", "value": 3},
                                }
                            ],
                            "questions": [{"en": "Why?"}],
                        },
                    ],
                }
            ],
        }
    ],
}
"""A small valid dataset with one record of each kind, quicker to mutate than COP7."""


def seeds() -> dict[str, bytes]:
    """The seed inputs by file name."""
    canonical = ctocmodel.dumps(ctocmodel.examples.cop7())
    found = {
        "cop7-canonical.json": canonical.encode(),
        "cop7-indented.json": ctocmodel.examples.cop7_json().encode(),
        "minimal.json": b'{"schema_version": "1.0"}',
        "small.json": json.dumps(SMALL).encode(),
        "small-canonical.json": ctocmodel.dumps(ctocmodel.loads(json.dumps(SMALL))).encode(),
        "escapes.json": canonical.replace(
            '"schema_version":"1.0"',
            '"schema_version":"1.0","\\u001b[2J\\ud800":["\\udfff","\\u0000","\\u2028"]',
            1,
        ).encode(),
        "repeated-key.json": canonical.replace(
            '"kind":"un_entity"', '"kind":"ngo","kind":"un_entity"', 1
        ).encode(),
    }
    for name, change in MUTANTS.items():
        document = json.loads(canonical)
        change(document)
        found[f"cop7-{name}.json"] = json.dumps(document, ensure_ascii=False).encode()
    return found


def main() -> None:
    """Write the seeds of both targets; the CLI's also gets a JSON Lines file."""
    found = seeds()
    lines = found["cop7-canonical.json"] + b"\n" + found["cop7-wrong-type.json"] + b"\n\n"
    for folder, extra in (("loads", {}), ("cli_validate", {"cop7-lines.jsonl": lines})):
        target = HERE / "corpus" / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, data in {**found, **extra}.items():
            (target / name).write_bytes(data)


if __name__ == "__main__":
    main()

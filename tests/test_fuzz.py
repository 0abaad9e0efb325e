"""Mutation fuzzing: any small change to a valid document is read or refused where it is.

Each mutant of `ctocmodel.testing.strategies.mutations` (over the bundled COP7 record,
synthetic datasets and the `datasets` strategy) either loads to a valid dataset that
round-trips, or raises `ctocmodel.ValidationError` and nothing else, each of whose
problems points at a place the change explains:

1. at, above or inside a changed place (its JSON Pointer is a prefix of the changed
   place's, or the other way round: a value replaced by a bad object is reported
   inside that object);
2. at a field (or an item of a list field) of the innermost record that holds the
   changed place. Rules that relate the fields of one record report at one of them,
   whichever changed: a session, position
   or meeting that ends before it starts at ``/end`` (so two swapped dates are
   reported at ``/end``); a meeting with a date and a start at ``/date``; a
   co-organizer who is also an organizer at ``/co_organizers/N``; a counterpart outside a
   dialogue at ``/participants/N/role``; a named participant with a count at ``/count``;
   an ECOSOC status of a non-NGO at ``/ecosoc_status``; a unit without a parent at
   ``/parent``; a reference listed twice at the later item;
3. at a later item of the list that holds that record, for rules of uniqueness within
   a list, which report the second item: an organization taking part twice
   (``/participation/N/organization``), two figures of one measure and source
   (``/figures/N``), a repeated identifier (``/identifiers/N``), a session number used
   twice in a conference (``/sessions/N/number``), an organization admitted twice
   (``/admissions/N/organization``), a right given twice (``/rights/N/action``);
4. inside the session that holds the changed place, for its rules over its records:
   a figure the listed records contradict (``/figures/N/count``) and a meeting
   outside the session's days or its venue's time zone (``/meetings/N/date``,
   ``/start``, ``/end``);
5. for the rules over the whole dataset, which run once every record is well formed:
   at a reference to the id of a changed or removed record (it no longer resolves),
   at the ``/id`` of the other record holding a repeated id (the later of the two is
   reported), at the basis of a participation of a changed organization, at a
   ``/parent`` or ``/broader`` whose chain passes through a changed record (a loop is
   reported at each of its members), and at any figure's ``/count`` when an
   organization changed (figures count NGOs by kind).

Run it longer locally with ``CTOCMODEL_FUZZ_EXAMPLES=5000 python -m pytest
tests/test_fuzz.py --hypothesis-show-statistics``. The inputs that the atheris targets
in ``fuzz/`` found crashing are kept in ``fuzz/regressions/`` and replayed here.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from ctocmodel import Dataset, Problem, ValidationError, dumps, examples, loads
from ctocmodel.cli import main
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import (
    MUTATION_ACTIONS,
    Mutation,
    _records,
    datasets,
    mutations,
)

EXAMPLES = int(os.environ.get("CTOCMODEL_FUZZ_EXAMPLES", "200"))
SYNTHETIC = [synthetic_dataset(seed=seed, size=1) for seed in (0, 1, 7, 42)]
SAMPLES = st.sampled_from([examples.cop7(), *SYNTHETIC]) | datasets()
REGRESSIONS = Path(__file__).parents[1] / "fuzz" / "regressions"

Tokens = tuple[str, ...]


def tokens(pointer: str) -> Tokens:
    """Split an RFC 6901 JSON Pointer into its unescaped reference tokens."""
    if pointer == "":
        return ()
    assert pointer.startswith("/"), pointer
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def resolve(document: Any, path: Tokens) -> tuple[bool, Any]:
    """Follow *path* into *document*: (found, value)."""
    node = document
    for token in path:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def starts(path: Tokens, prefix: Tokens) -> bool:
    return path[: len(prefix)] == prefix


class Places:
    """What one mutation concerns: its changed places, records and ids."""

    def __init__(self, mutation: Mutation) -> None:
        self.document = mutation.document
        self.changed = [tokens(path) for path in mutation.paths]
        self.records: dict[Tokens, str] = {}
        for document in (mutation.original, mutation.document):
            for path, kind in _records(document):
                self.records.setdefault(tuple(str(t) for t in path), kind)
        # The ids of the changed records and of every record in a changed place, before
        # and after the change: references to them may break, or point to a twin.
        self.ids: set[str] = set()
        for changed in self.changed:
            for document in (mutation.original, mutation.document):
                for size in range(len(changed) + 1):
                    found, node = resolve(document, changed[:size])
                    if (
                        found
                        and size > 0
                        and changed[:size] in self.records
                        and isinstance(node, dict)
                        and isinstance(node.get("id"), str)
                    ):
                        self.ids.add(node["id"])
                found, node = resolve(document, changed)
                if found:
                    self.ids.update(self._ids_in(node, changed))

    def _ids_in(self, node: Any, here: Tokens) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            if here in self.records and isinstance(node.get("id"), str):
                found.add(node["id"])
            for key, value in node.items():
                found |= self._ids_in(value, (*here, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found |= self._ids_in(value, (*here, str(index)))
        return found

    def _record_above(self, changed: Tokens) -> Tokens | None:
        for size in range(len(changed) - 1, 0, -1):
            if changed[:size] in self.records:
                return changed[:size]
        return None

    def explain(self, problem: str) -> str | None:
        """Name the rule (1 to 5 of the module docstring) that places *problem* here."""
        path = tokens(problem)
        for changed in self.changed:
            if starts(path, changed) or starts(changed, path):
                return "1: at, above or inside the change"
            record = self._record_above(changed)
            if record is not None and starts(path, record):
                field = path[len(record) :]
                if len(field) == 1 or (len(field) == 2 and field[1].isdigit()):
                    return "2: a field of the changed record"
                if len(field) == 3 and field[0] == "participants" and field[2] == "role":
                    return "2: a field of the changed record"
            if record is not None and len(record) > 2 and record[-1].isdigit():
                items = record[:-1]
                if (
                    len(path) in (len(items) + 1, len(items) + 2)
                    and starts(path, items)
                    and path[len(items)].isdigit()
                    and path[len(items) + 1 :] in ((), ("organization",), ("number",), ("action",))
                ):
                    return "3: a later item of the same list"
            for size in range(4, len(changed) + 1):
                session = changed[:size]
                if self.records.get(session) != "Session" or not starts(path, session):
                    continue
                rest = path[len(session) :]
                if len(rest) == 3 and rest[0] == "figures" and rest[2] == "count":
                    return "4: a figure of the changed session"
                if len(rest) == 3 and rest[0] == "meetings" and rest[2] in ("date", "start", "end"):
                    return "4: a meeting of the changed session"
        return self._dataset_rule(path)

    def _dataset_rule(self, path: Tokens) -> str | None:
        found, value = resolve(self.document, path)
        if found and isinstance(value, str) and value in self.ids:
            return "5: a reference to, or a twin of, a changed record's id"
        if path and path[-1] == "basis":
            _, holder = resolve(self.document, path[:-1])
            if isinstance(holder, dict) and holder.get("organization") in self.ids:
                return "5: the basis of a changed organization's participation"
        if (
            len(path) == 3
            and (path[0], path[2])
            in (
                ("organizations", "parent"),
                ("topics", "broader"),
            )
            and self._chain_touches(path[0], path[2], value)
        ):
            return "5: a chain of parents through a changed record"
        if (
            len(path) == 7
            and (path[0], path[2], path[4], path[6])
            == ("conferences", "sessions", "figures", "count")
            and any(changed[:1] == ("organizations",) for changed in self.changed)
        ):
            return "5: a figure counting organizations, one of which changed"
        return None

    def _chain_touches(self, table: str, key: str, start: Any) -> bool:
        links: dict[str, set[str]] = {}
        for record in self.document.get(table, []) if isinstance(self.document, dict) else []:
            if (
                isinstance(record, dict)
                and isinstance(record.get("id"), str)
                and isinstance(record.get(key), str)
            ):
                links.setdefault(record["id"], set()).add(record[key])
        seen: set[str] = set()
        todo = [start] if isinstance(start, str) else []
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            if current in self.ids:
                return True
            seen.add(current)
            todo += links.get(current, ())
        return False


def serialized(document: Any, style: str) -> str | bytes:
    """The mutant as JSON text: compact or indented, str or bytes, escaped or not."""
    if style == "canonical str":
        return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if style == "indented str":
        return json.dumps(document, ensure_ascii=False, indent=2)
    if style == "ASCII bytes":  # non-ASCII and lone surrogates written as escapes
        return json.dumps(document).encode("ascii")
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate gives bytes not UTF-8


STYLES = ("canonical str", "indented str", "ASCII bytes", "UTF-8 bytes")


def check_round_trip(dataset: Dataset) -> None:
    """A valid dataset reads back equal from its canonical form, which is a fixed point."""
    text = dumps(dataset)
    again = loads(text)
    assert again == dataset
    assert dumps(again) == text
    assert loads(text.encode("utf-8")) == dataset


def check_mutant(mutation: Mutation, style: str) -> str:
    """Load one mutant; assert it is read and round-trips, or refused at explained places."""
    data = serialized(mutation.document, style)
    try:
        dataset: Dataset | None = loads(data)
        problems: list[Problem] = []
    except ValidationError as error:
        dataset, problems = None, error.errors
    if dataset is not None:
        check_round_trip(dataset)
        return "read"
    assert problems, "a ValidationError lists at least one problem"
    places = Places(mutation)
    misplaced = [str(p) for p in problems if places.explain(p.path) is None]
    assert misplaced == [], f"{mutation}: problems away from the change: {misplaced}"
    for problem in problems:  # each pointer leads into the document, or to a missing key
        parent = tokens(problem.path)[:-1]
        assert resolve(mutation.document, parent)[0], f"{problem.path} is not in the input"
    return "refused"


@settings(max_examples=EXAMPLES)
@given(mutations(SAMPLES), st.sampled_from(STYLES))
def test_every_mutant_is_read_or_refused_where_it_changed(mutation: Mutation, style: str) -> None:
    """A mutant round-trips, or only ValidationError escapes, its problems at the change."""
    outcome = check_mutant(mutation, style)
    event(f"{mutation.action}: {outcome}")


def mutant(document: Any, action: str, *paths: str) -> Mutation:
    return Mutation(action=action, paths=paths, detail="", original=document, document=document)


def cop7_document() -> Any:
    return json.loads(dumps(examples.cop7()))


def test_swapped_session_dates_are_reported_at_end() -> None:
    """Swapping a session's start and end is reported at its /end, a place of the change."""
    document = cop7_document()
    session = document["conferences"][0]["sessions"][0]
    session["start"], session["end"] = session["end"], session["start"]
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    assert [p.path for p in caught.value.errors] == ["/conferences/0/sessions/0/end"]
    places = Places(mutant(document, "swap dates", "/conferences/0/sessions/0/start"))
    assert places.explain("/conferences/0/sessions/0/end") == "2: a field of the changed record"


def test_a_repeated_id_is_reported_at_the_later_record() -> None:
    """An organization given the id of a later one is reported at that later one's /id."""
    document = cop7_document()
    first, second = document["organizations"][0]["id"], document["organizations"][1]["id"]
    document["organizations"][0]["id"] = second
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    paths = {p.path for p in caught.value.errors}
    assert "/organizations/1/id" in paths
    places = Places(
        Mutation(
            action="duplicate id",
            paths=("/organizations/0/id",),
            detail="",
            original=cop7_document(),
            document=document,
        )
    )
    assert places.ids >= {first, second}
    assert all(places.explain(path) is not None for path in paths)


def test_misplaced_problems_are_caught() -> None:
    """The checker refuses a problem reported away from the change: the property can fail."""
    document = cop7_document()
    places = Places(mutant(document, "replace", "/conferences/0/sessions/0/number"))
    assert places.explain("/conferences/0/sessions/0/number") is not None
    assert places.explain("") is not None
    assert places.explain("/organizations/0/name") is None
    assert places.explain("/conferences/0/sessions/0/meetings/0/title") is None
    document["conferences"][0]["sessions"][0]["number"] = 0
    document["organizations"][0]["kind"] = "club"  # a second change, not declared
    declared = mutant(document, "replace", "/conferences/0/sessions/0/number")
    with pytest.raises(AssertionError, match="away from the change"):
        check_mutant(declared, "canonical str")


def test_every_action_is_drawn() -> None:
    """Each mutation action appears within a bounded number of draws on the COP7 record."""
    seen: set[str] = set()

    @settings(max_examples=500, database=None)
    @given(mutations(st.just(examples.cop7())))
    def collect(mutation: Mutation) -> None:
        seen.add(mutation.action)

    collect()
    assert seen == set(MUTATION_ACTIONS)


def regression_inputs() -> list[Path]:
    return sorted(path for path in REGRESSIONS.glob("*") if path.name != "README.md")


def test_regressions_are_kept() -> None:
    """The inputs of fixed crashes are there to replay (fuzz/regressions/README.md)."""
    assert {path.name for path in regression_inputs()} >= {
        "crash-cli-lone-surrogate-in-key.json",
        "lone-surrogate-key.json",
        "parents-loop.json",
        "broken-references.json",
    }


@pytest.mark.parametrize("path", regression_inputs(), ids=lambda path: path.name)
def test_fuzz_regressions_are_read_or_refused(path: Path) -> None:
    """An input the fuzzers once found is read and round-trips, or is refused as invalid."""
    try:
        dataset: Dataset | None = loads(path.read_bytes())
        problems: list[Problem] = []
    except ValidationError as error:
        dataset, problems = None, error.errors
    if dataset is not None:
        check_round_trip(dataset)
    else:
        assert problems


OPTIONS = [[], ["--format", "json"], ["--jsonl"]]


@pytest.mark.parametrize("path", regression_inputs(), ids=lambda path: path.name)
@pytest.mark.parametrize("options", OPTIONS)
def test_fuzz_regressions_through_validate(path: Path, options: list[str]) -> None:
    """validate says valid or invalid (exit 0 or 1), writing to strict UTF-8 like a pipe."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace")
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", *options, str(path)])
        out.flush()
        err.flush()
    assert code in (0, 1)
    assert b"Traceback" not in err_bytes.getvalue()
    if options[:1] == ["--format"]:
        assert json.loads(out_bytes.getvalue())[0]["status"] in ("valid", "invalid")


@pytest.mark.parametrize("options", OPTIONS)
def test_fuzz_regressions_through_the_real_command(options: list[str]) -> None:
    """The installed command, writing to a pipe, reports every regression without a traceback."""
    files = [str(path) for path in regression_inputs()]
    result = subprocess.run(
        [sys.executable, "-m", "ctocmodel", "validate", *options, *files],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    if options[:1] == ["--format"]:
        reports = json.loads(result.stdout)
        assert [report["file"] for report in reports] == files
        assert {report["status"] for report in reports} == {"invalid"}
    else:
        assert result.stdout.decode("utf-8").count("\n") >= len(files)

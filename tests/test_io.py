"""Reading and writing documents: loads, dumps, load, dump; canonical form; losslessness."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import stat
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given

import ctocmodel
import ctocmodel._io as io_module
from ctocmodel import Dataset, ValidationError, dump, dumps, examples, load, loads
from ctocmodel._io import collection_paused
from ctocmodel.testing.strategies import datasets


def only_problem(data: str | bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        loads(data)
    [problem] = caught.value.errors
    assert problem.path == ""
    return problem.message


@given(datasets())
def test_round_trip_is_lossless(dataset: Dataset) -> None:
    """What dumps writes, loads reads back equal, and writes again byte for byte."""
    text = dumps(dataset)
    again = loads(text)
    assert again == dataset
    assert dumps(again) == text


@given(datasets())
def test_indented_form_has_the_same_content(dataset: Dataset) -> None:
    """The indented form reads back to the same dataset as the compact one."""
    assert loads(dumps(dataset, indent=2)) == dataset
    assert json.loads(dumps(dataset, indent=2)) == json.loads(dumps(dataset))


@given(datasets())
def test_canonical_form_is_a_fixed_point(dataset: Dataset) -> None:
    """Reading any layout of a document and writing it gives its canonical form."""
    canonical = dumps(dataset)
    shuffled = json.dumps(json.loads(canonical), indent=3, ensure_ascii=True)
    assert dumps(loads(shuffled)) == canonical


def test_canonical_form() -> None:
    """Keys are sorted, every field present, no spaces, non-ASCII kept as itself."""
    text = dumps(examples.cop7())
    assert text == json.dumps(
        json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert ' "' not in text.replace('\\"', "")
    assert "Équipe de la société civile de l'ONUDC" in text
    assert '"venue":null' in text
    assert '"co_organizers":[]' in text


def test_text_in_any_script_survives() -> None:
    """Arabic, Chinese, Cyrillic, emoji and right-to-left text round-trip unchanged."""
    names = {"ar": "مكتب الأمم المتحدة", "zh": "联合国毒品和犯罪问题办公室", "ru": "УНП ООН 🌍"}
    document = json.loads(examples.cop7_json())
    document["organizations"][0]["name"] = names
    dataset = loads(json.dumps(document, ensure_ascii=True))
    assert dataset.organizations[0].name == names
    assert all(name in dumps(dataset) for name in names.values())


def test_bytes_str_and_bytearray_are_read() -> None:
    """loads accepts text and UTF-8 bytes in any buffer."""
    text = examples.cop7_json()
    expected = examples.cop7()
    assert loads(text) == expected
    assert loads(text.encode()) == expected
    assert loads(bytearray(text.encode())) == expected
    assert loads(memoryview(text.encode())) == expected


def test_other_input_types_are_a_type_error() -> None:
    """Passing something that is not JSON text is a programming error, a TypeError."""
    with pytest.raises(TypeError, match="str or bytes"):
        loads(json.loads(examples.cop7_json()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "the input is empty"),
        ("  \n", "the input is empty"),
        ('{"schema_version": "1.0",}', "not valid JSON: Expecting property name"),
        ('{"schema_version": "1.0"\n "sources": []}', "at line 2, column 2"),
        (b"\xef\xbb\xbf{}", "byte-order mark"),
        ("\ufeff{}", "byte-order mark"),
        (b'{"a": "\xff"}', "not valid UTF-8 (byte 7"),
        ('{"schema_version": "1.0"} {}', "Extra data"),
        ("[" * 100_000, "nested too deeply"),
        ('{"schema_version": ' + "9" * 5000 + "}", "cannot be read"),
    ],
)
def test_unreadable_input_is_a_validation_error(data: str | bytes, message: str) -> None:
    """Input that is not JSON gets a ValidationError at the root, saying where it breaks."""
    assert message in only_problem(data)


def test_dumps_refuses_other_objects() -> None:
    """dumps takes a Dataset; anything else is a TypeError naming what it got."""
    with pytest.raises(TypeError, match="expected a Dataset, got dict"):
        dumps({})  # type: ignore[arg-type]


def test_dump_and_load_a_path(tmp_path: Path) -> None:
    """dump writes UTF-8 JSON with a final newline; load reads it back."""
    target = tmp_path / "cop7.json"
    dump(examples.cop7(), target, indent=2)
    assert target.read_text(encoding="utf-8") == examples.cop7_json()
    assert load(target) == examples.cop7()
    assert load(str(target)) == examples.cop7()


def test_dump_and_load_open_files() -> None:
    """dump and load work with binary and text files too."""
    binary = io.BytesIO()
    dump(examples.cop7(), binary)
    assert binary.getvalue() == (dumps(examples.cop7()) + "\n").encode()
    binary.seek(0)
    assert load(binary) == examples.cop7()
    text = io.StringIO()
    dump(examples.cop7(), text)
    text.seek(0)
    assert load(text) == examples.cop7()


def test_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails half way, the file keeps its old content and no temporary file stays."""
    target = tmp_path / "data.json"
    target.write_text("previous content", encoding="utf-8")

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        dump(examples.cop7(), target)
    assert target.read_text(encoding="utf-8") == "previous content"
    assert [path.name for path in tmp_path.iterdir()] == ["data.json"]


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    """Rewriting a file keeps the permissions it had."""
    target = tmp_path / "data.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    dump(examples.cop7(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert load(target) == examples.cop7()


def test_load_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    """A missing file is reported as the operating system reports it."""
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.json")


def test_problems_carry_pointers_into_the_input() -> None:
    """Each problem's path designates the offending value in the input document."""
    document = json.loads(examples.cop7_json())
    document["conferences"][0]["sessions"][0]["meetings"][4]["questions"][1] = {"fr": ""}
    with pytest.raises(ValidationError) as caught:
        loads(json.dumps(document))
    [problem] = caught.value.errors
    node = document
    for token in problem.path.split("/")[1:]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    assert node == ""
    assert problem.message == "text must not be empty or only spaces"
    assert str(caught.value) == f"1 problem found:\n  {problem.path}: {problem.message}"


def test_module_functions_are_the_package_functions() -> None:
    """The package exports the same reading and writing functions."""
    assert ctocmodel.loads is loads
    assert ctocmodel.dump is dump


def test_reading_leaves_the_garbage_collector_as_it_was() -> None:
    """loads pauses the cyclic collector while building objects and restores its state after."""
    assert gc.isenabled()
    loads(examples.cop7_json())
    assert gc.isenabled()
    gc.disable()
    try:
        loads(examples.cop7_json())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collection_pause_is_shared_by_threads() -> None:
    """Overlapping pauses resume the collector only when the last one ends."""
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


class _Node:
    """An object that can take part in a reference cycle and be watched by a weak reference."""

    partner: object


def _in_oldest_generation(target: object) -> bool:
    return any(candidate is target for candidate in gc.get_objects(generation=2))


promotes = pytest.mark.skipif(
    not io_module._PROMOTE, reason="this Python's collector keeps no generations to move objects to"
)


@pytest.fixture
def promoting(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every read counts as large; yields a canonical document (its caches warmed up)."""
    if not io_module._PROMOTE:
        pytest.skip("this Python's collector keeps no generations to move objects to")
    monkeypatch.setattr(io_module, "PROMOTE_FROM_BYTES", 0)
    monkeypatch.setattr(io_module, "_program_freezes", False)
    text = dumps(examples.cop7())
    loads(text)
    gc.collect()
    return text


def test_read_objects_go_to_the_oldest_generation(promoting: str) -> None:
    """A successful large read leaves its objects where young collections do not scan them."""
    assert _in_oldest_generation(loads(promoting))
    assert _in_oldest_generation(loads(examples.cop7_json()))  # the detailed path too


def test_a_successful_read_makes_no_garbage_cycles(promoting: str) -> None:
    """What moving a read's objects relies on: a successful read leaves no cyclic garbage."""
    loads(promoting)
    loads(examples.cop7_json())  # the detailed path
    assert gc.collect() == 0


def test_small_reads_leave_the_generations_alone() -> None:
    """A read under PROMOTE_FROM_BYTES moves nothing and runs no collection."""
    text = dumps(examples.cop7())
    assert len(text) < io_module.PROMOTE_FROM_BYTES
    gc.collect()
    young_collections = gc.get_stats()[1]["collections"]
    dataset = loads(text)
    assert not _in_oldest_generation(dataset)
    assert gc.get_stats()[1]["collections"] == young_collections


def test_garbage_made_before_a_read_stays_young(promoting: str) -> None:
    """Cyclic garbage made before a large read is freed by young collections, not moved."""
    node = _Node()
    node.partner = node
    watched = weakref.ref(node)
    del node
    loads(promoting)
    gc.collect(1)
    assert watched() is None


def test_a_failed_read_leaves_its_garbage_young(promoting: str) -> None:
    """A failed read's reference cycles (error, frames, parsed data) stay for young collections."""
    with pytest.raises(ValidationError):
        loads('{"schema_version": "1.0", "people": [{"id": 1}], "topics": [{"id": "X"}]}')
    assert gc.collect(1) > 0  # the cycles, found by a young collection
    assert gc.collect() == 0  # none moved where only a full collection finds them


def test_overlapping_pauses_move_nothing(promoting: str) -> None:
    """A read that overlaps another (threads sharing the pause) moves nothing when both end."""
    with collection_paused(document_bytes=1):
        with collection_paused(document_bytes=1):
            inner = _Node()
        outer = _Node()
    assert not _in_oldest_generation(inner)
    assert not _in_oldest_generation(outer)


def test_nothing_moves_while_another_thread_runs(promoting: str) -> None:
    """With a second thread running, whose garbage would move too, a large read moves nothing."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        dataset = loads(promoting)
    finally:
        release.set()
        other.join()
    assert not _in_oldest_generation(dataset)


def test_a_disabled_collector_is_left_alone(promoting: str) -> None:
    """With the collector disabled by the program, a large read neither collects nor moves."""
    young_collections = gc.get_stats()[1]["collections"]
    gc.disable()
    try:
        dataset = loads(promoting)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert not _in_oldest_generation(dataset)
    assert gc.get_stats()[1]["collections"] == young_collections


_FINALIZER_READS = """
import gc
import ctocmodel
import ctocmodel._io as io_module
from ctocmodel import examples

class ReadsWhenCollected:
    def __init__(self, text, into):
        self.text, self.into, self.partner = text, into, self

    def __del__(self):
        self.into.append(ctocmodel.loads(self.text))

io_module.PROMOTE_FROM_BYTES = 0
text = ctocmodel.dumps(examples.cop7())
gc.collect()
read = []
ReadsWhenCollected(text, read)
dataset = ctocmodel.loads(text)
assert read == [dataset], read
print("read twice")
"""


@promotes
def test_a_finalizer_run_before_a_large_read_may_read_too() -> None:
    """The collection a large read starts with runs outside its lock: a finalizer may read."""
    # In a child process, so that a deadlock fails the test instead of hanging the run.
    done = subprocess.run(
        [sys.executable, "-c", _FINALIZER_READS],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "read twice"), done.stderr


def test_objects_frozen_by_the_program_stay_frozen(promoting: str) -> None:
    """Once the program has frozen objects itself (gc.freeze before a fork), nothing moves."""
    sentinel = _Node()
    gc.freeze()
    try:
        loads(promoting)
        assert not any(tracked is sentinel for tracked in gc.get_objects())  # still frozen
    finally:
        gc.unfreeze()
    gc.collect()
    later = loads(promoting)  # the program may freeze again: no more promotion
    assert not _in_oldest_generation(later)


def test_failed_reading_restores_the_collector() -> None:
    """A document that fails to read still leaves the collector running."""
    with pytest.raises(ValidationError):
        loads("{")
    with pytest.raises(ValidationError):
        loads('{"schema_version": "1.0", "people": [{"id": 1}]}')
    assert gc.isenabled()


def test_both_paths_pause_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path and the detailed path both build their objects with the collector paused."""
    entered: list[bool] = []
    original = io_module.collection_paused

    @contextlib.contextmanager
    def counting(*, document_bytes: int = 0) -> Iterator[None]:
        with original(document_bytes=document_bytes):
            entered.append(not gc.isenabled())
            yield

    canonical, indented = dumps(examples.cop7()), examples.cop7_json()
    monkeypatch.setattr(io_module, "collection_paused", counting)
    loads(canonical)  # the fast path
    assert entered == [True]
    loads(indented)  # tried on the fast path, then read on the detailed path
    assert entered == [True, True, True]

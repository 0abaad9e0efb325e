"""Reading and writing documents: loads, dumps, load, dump; canonical form; losslessness."""

from __future__ import annotations

import gc
import io
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given

import ctocmodel
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


def test_reading_and_writing_leave_the_collector_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """loads, dumps, load and dump, valid or not, never pause, collect, freeze or thaw."""
    calls: list[str] = []
    for name in ("disable", "enable", "collect", "freeze", "unfreeze"):
        monkeypatch.setattr(gc, name, lambda *args, name=name: calls.append(name))
    canonical = dumps(examples.cop7())
    loads(canonical)  # the fast path
    loads(examples.cop7_json())  # indented
    with pytest.raises(ValidationError):
        loads(canonical.replace('"number":7', '"number":"7"'))  # the detailed path
    dump(loads(canonical), tmp_path / "cop7.json")
    load(tmp_path / "cop7.json")
    assert calls == []


def test_collection_paused_restores_the_collector_as_it_was() -> None:
    """The opt-in pause disables the collector in its block and restores it, even on failure."""
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValidationError), collection_paused():
        loads("{")
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_successful_read_makes_no_garbage_cycles() -> None:
    """What makes the opt-in pause safe: a successful read leaves no cyclic garbage."""
    text = dumps(examples.cop7())
    loads(text)
    gc.collect()
    loads(text)
    loads(examples.cop7_json())  # indented
    assert gc.collect() == 0

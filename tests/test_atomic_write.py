"""Nothing lost: a writer killed half way through leaves the previous file whole and readable.

Each test starts a child process that replaces an existing file (or folder of CSV
tables) with a large dataset, and stops that child inside the write: the child opens
the writer's temporary file through a wrapper that writes the first 64 KiB (or half
of a smaller text), tells the parent through a pipe, and waits. The parent then kills
it with SIGKILL, which no clean-up can follow, and checks what is on disk.

A SIGKILL may leave one temporary file, ``.<name>.<12 hex digits>.ctocmodel-tmp``,
next to the target: ctocmodel never reads it (it reads only the path it is given), and
the next write to the same target removes it once it is a few seconds old.
"""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from ctocmodel import dump, dump_jsonl, dumps, examples, load, load_jsonl, to_csv
from ctocmodel._files import STALE_AFTER_SECONDS
from ctocmodel.cli import main
from ctocmodel.testing import synthetic_dataset

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and inherited pipes are POSIX features"
)

# The child: wraps the files that the atomic writers open as temporary files; in the
# COUNT-th of them it writes the first 64 KiB (or half) of what it is asked to write,
# signals through the pipe and sleeps.
CHILD = r"""
import builtins, os, re, sys, time

mode, target, signal_fd, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
TEMPORARY = re.compile(r"\A\..+\.[0-9a-f]{12}\.ctocmodel-tmp\Z")
LIMIT = 64 * 1024
opened = []


class Stalling:
    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        self.handle.write(data[: min(LIMIT, len(data) // 2)])
        self.handle.flush()
        os.write(signal_fd, b"w")
        time.sleep(600)
        raise SystemExit("not killed")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self.handle, name)


def temporary(path):
    return not isinstance(path, int) and TEMPORARY.match(os.path.basename(os.fsdecode(path)))


def wrap(handle):
    opened.append(handle)
    return Stalling(handle) if len(opened) == count else handle


real_open, real_os_open, real_fdopen = builtins.open, os.open, os.fdopen
descriptors = set()


def open_(file, *args, **kwargs):
    handle = real_open(file, *args, **kwargs)
    return wrap(handle) if temporary(file) else handle


def os_open(path, *args, **kwargs):
    descriptor = real_os_open(path, *args, **kwargs)
    if temporary(path):
        descriptors.add(descriptor)
    return descriptor


def fdopen(descriptor, *args, **kwargs):
    handle = real_fdopen(descriptor, *args, **kwargs)
    return wrap(handle) if descriptor in descriptors else handle


builtins.open, os.open, os.fdopen = open_, os_open, fdopen

import ctocmodel
from ctocmodel.cli import main
from ctocmodel.testing import synthetic_dataset

dataset = synthetic_dataset(seed=1, size=20)
if mode == "dump":
    ctocmodel.dump(dataset, target)
elif mode == "dump_jsonl":
    ctocmodel.dump_jsonl([dataset] * 4, target)
elif mode == "csv":
    ctocmodel.to_csv(dataset, target)
else:  # the command line: export the dataset of a file given after the mode's name
    main(["export", "--to", mode.split()[-1], sys.argv[5], "-o", target])
"""


def kill_inside_write(mode: str, target: Path, *, nth: int = 1, source: Path | None = None) -> None:
    """Run the child in *mode* on *target*, stop it in its nth temporary file, kill it."""
    read_end, write_end = os.pipe()
    arguments = [mode, str(target), str(write_end), str(nth)]
    if source is not None:
        arguments.append(str(source))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *arguments],
        pass_fds=(write_end,),
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        # A guard against a child that hangs, not a measure of speed.
        ready, _, _ = select.select([read_end], [], [], 300)
        assert ready, "the child did not reach its write"
        said = os.read(read_end, 1)
        if said != b"w":
            _, errors = child.communicate()
            raise AssertionError(
                "the child ended without writing through a temporary file: "
                + errors.decode(errors="replace")
            )
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
    finally:
        os.close(read_end)
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()


def leftovers(folder: Path, names: set[str]) -> list[str]:
    """The files of *folder* other than *names*; each must be a writer's temporary file."""
    others = sorted(path.name for path in folder.iterdir() if path.name not in names)
    for name in others:
        assert re.fullmatch(r"\..+\.[0-9a-f]{12}\.ctocmodel-tmp", name), f"unexpected {name}"
    return others


def check_file_survives(target: Path, previous: bytes, read: Callable[[Path], object]) -> None:
    """*target* still holds *previous*, reads as before, and at most one leftover is there."""
    assert target.read_bytes() == previous
    read(target)
    found = leftovers(target.parent, {target.name})
    assert len(found) <= 1
    assert all(name.startswith(f".{target.name}.") for name in found)


def test_dump_killed_half_way_keeps_the_previous_file(tmp_path: Path) -> None:
    """dump to a path, killed with SIGKILL inside its write, leaves the old file intact."""
    target = tmp_path / "dataset.json"
    dump(examples.cop7(), target)
    previous = target.read_bytes()
    kill_inside_write("dump", target)
    check_file_survives(target, previous, load)
    assert load(target) == examples.cop7()


def test_dump_jsonl_killed_half_way_keeps_the_previous_file(tmp_path: Path) -> None:
    """dump_jsonl to a path, killed with SIGKILL inside its write, leaves the old file intact."""
    target = tmp_path / "archive.jsonl"
    dump_jsonl([examples.cop7()] * 3, target)
    previous = target.read_bytes()
    kill_inside_write("dump_jsonl", target)
    check_file_survives(target, previous, lambda path: list(load_jsonl(path)))
    assert list(load_jsonl(target)) == [examples.cop7()] * 3


def test_the_leftover_is_a_partial_copy_that_nothing_reads(tmp_path: Path) -> None:
    """After a SIGKILL, the leftover holds part of the new text; the target is the old one."""
    target = tmp_path / "dataset.json"
    dump(examples.cop7(), target)
    kill_inside_write("dump", target)
    [leftover] = leftovers(tmp_path, {target.name})
    partial = (tmp_path / leftover).read_bytes()
    assert len(partial) == 64 * 1024
    assert dumps(synthetic_dataset(seed=1, size=20)).encode().startswith(partial)
    dump(examples.cop7(), target)  # a later write succeeds, leftover or not
    assert load(target) == examples.cop7()


def test_the_next_write_removes_a_killed_writers_leftover(tmp_path: Path) -> None:
    """Once a few seconds old, the temporary file of a killed writer goes at the next write."""
    target = tmp_path / "dataset.json"
    dump(examples.cop7(), target)
    kill_inside_write("dump", target)
    [leftover] = leftovers(tmp_path, {target.name})
    then = time.time() - STALE_AFTER_SECONDS - 1
    os.utime(tmp_path / leftover, (then, then))
    dump(examples.cop7(), target)
    assert leftovers(tmp_path, {target.name}) == []
    assert load(target) == examples.cop7()


@pytest.mark.parametrize("nth", [1, 3])
def test_csv_folder_killed_half_way_has_only_whole_tables(tmp_path: Path, nth: int) -> None:
    """A CSV export killed in its nth table leaves every table whole: old, or new if done."""
    folder = tmp_path / "tables"
    to_csv(examples.cop7(), folder)
    old = {path.name: path.read_bytes() for path in folder.iterdir()}
    new_folder = tmp_path / "new"
    to_csv(synthetic_dataset(seed=1, size=20), new_folder)
    new = {path.name: path.read_bytes() for path in new_folder.iterdir()}
    kill_inside_write("csv", folder, nth=nth)
    assert len(leftovers(folder, set(old))) <= 1
    changed = 0
    for name, previous in old.items():
        now = (folder / name).read_bytes()
        assert now in (previous, new[name]), f"{name} is neither the old nor the new table"
        changed += now != previous
    assert changed <= nth - 1


@pytest.mark.parametrize(("format_", "name"), [("jsonld", "out.jsonld"), ("ics", "out.ics")])
def test_cli_export_killed_half_way_keeps_the_previous_output(
    tmp_path: Path, format_: str, name: str
) -> None:
    """ctocmodel export -o, killed inside its write, leaves the previous output intact."""
    source = tmp_path / "input" / "synthetic.json"
    source.parent.mkdir()
    dump(synthetic_dataset(seed=1, size=20), source)
    folder = tmp_path / "output"
    folder.mkdir()
    target = folder / name
    with redirect_stderr(io.StringIO()):
        assert main(["export", "--to", format_, "-o", str(target)]) == 0
    previous = target.read_bytes()
    kill_inside_write(f"cli {format_}", target, source=source)
    check_file_survives(target, previous, lambda path: path.read_text(encoding="utf-8"))

"""Files, distrusted: bounded reading, writing only regular files, clean-up of temporaries."""

from __future__ import annotations

import fcntl
import io
import os
import pickle
import socket
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from ctocmodel import (
    CtocmodelError,
    Limits,
    UnwritableTargetError,
    ValidationError,
    dump,
    dump_jsonl,
    examples,
    load,
)
from ctocmodel._files import STALE_AFTER_SECONDS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and flock")

# A child that reads /dev/zero with load(); its address space is capped, so that a
# reader that trusts st_size (0 for a device) fails with MemoryError instead of
# taking the machine's memory.
_LOAD_DEVICE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))
import ctocmodel
try:
    ctocmodel.load("/dev/zero", limits=ctocmodel.Limits(max_bytes=1000))
except ctocmodel.ValidationError as error:
    print(error.errors[0].message)
"""


def old(path: Path) -> None:
    """Make *path* look last written well before the clean-up's threshold."""
    then = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(path, (then, then), follow_symlinks=False)


# Reading


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_load_of_a_device_reads_at_most_max_bytes() -> None:
    """load() of /dev/zero, which reports a size of 0, stops after max_bytes + 1 bytes."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_DEVICE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(
        "the file is at least 1,001 bytes (at least 1.0 kB), over the limit of 1,000 bytes"
    )


def test_a_regular_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    """A regular file reporting more than max_bytes is refused with its exact size."""
    target = tmp_path / "big.json"
    target.write_bytes(b" " * 5000)
    with pytest.raises(ValidationError, match="the file is 5,000 bytes"):
        load(target, limits=Limits(max_bytes=4000))


class _Pipe(io.RawIOBase):
    """A pipe holding *data*: it gives at most 64 KiB a read, and has no size."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), len(self.data), 65536)
        buffer[:size], self.data = self.data[:size], self.data[size:]
        return size


def test_a_short_stream_costs_its_size_not_the_limit() -> None:
    """load() of an open pipe takes memory for what it holds, not for max_bytes up front."""
    text = examples.cop7_json().encode()
    load(io.BufferedReader(_Pipe(text)))  # what the first read imports and caches
    tracemalloc.start()
    try:
        assert load(io.BufferedReader(_Pipe(text))) == examples.cop7()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Measured: 1.1 MB (the first read asks for 1 MB); a read of max_bytes + 1 at once
    # reserved the default limit, 512 MB, for this 15 kB document.
    assert peak < 8_000_000


# Writing: only a regular file is replaced, or a new one created


def test_dump_to_a_named_pipe_is_refused_and_leaves_it(tmp_path: Path) -> None:
    """dump() to a FIFO raises UnwritableTargetError; the FIFO is still a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnwritableTargetError, match="it is a named pipe"):
        dump(examples.cop7(), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe"]


def test_dump_to_a_socket_is_refused(tmp_path: Path) -> None:
    """dump() to a Unix socket raises UnwritableTargetError and leaves the socket."""
    path = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(UnwritableTargetError, match="it is a socket"):
            dump(examples.cop7(), path)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_link_to_a_named_pipe_is_refused(tmp_path: Path) -> None:
    """A symbolic link is judged by what it points to: a link to a FIFO is refused."""
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "pipe")
    with pytest.raises(UnwritableTargetError, match="it is a named pipe"):
        dump(examples.cop7(), tmp_path / "link")
    assert (tmp_path / "link").is_symlink()


def test_dump_to_a_folder_is_refused(tmp_path: Path) -> None:
    """dump() to a folder raises UnwritableTargetError, a CtocmodelError and an OSError."""
    with pytest.raises(UnwritableTargetError, match="it is a folder") as caught:
        dump(examples.cop7(), tmp_path)
    assert isinstance(caught.value, CtocmodelError)
    assert isinstance(caught.value, OSError)
    assert list(tmp_path.iterdir()) == []


def test_dump_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    """dump() into a folder that does not exist says which folder is missing."""
    target = tmp_path / "missing" / "data.json"
    with pytest.raises(UnwritableTargetError, match=r"the folder .*missing does not exist"):
        dump(examples.cop7(), target)


def test_dump_jsonl_refuses_special_files_too(tmp_path: Path) -> None:
    """dump_jsonl() to a path goes through the same check as dump()."""
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnwritableTargetError):
        dump_jsonl([examples.cop7()], tmp_path / "pipe")


def test_the_refusal_pickles() -> None:
    """UnwritableTargetError crosses process boundaries with its path and reason."""
    error = UnwritableTargetError("/dev/full", "it is a character device", 22)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.filename, copy.strerror, copy.errno, str(copy)) == (
        "/dev/full",
        "it is a character device",
        22,
        "cannot write to '/dev/full': it is a character device",
    )


# Temporary files left by killed writers


def test_a_stale_temporary_of_the_same_target_is_removed(tmp_path: Path) -> None:
    """The next write to a target removes the old, unlocked temporary file left for it."""
    target = tmp_path / "data.json"
    leftover = tmp_path / ".data.json.0123456789ab.ctocmodel-tmp"
    leftover.write_bytes(b"partial")
    old(leftover)
    dump(examples.cop7(), target)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data.json"]


def test_the_clean_up_removes_nothing_else(tmp_path: Path) -> None:
    """Other targets' temporaries, other names, links and recent files are all left alone."""
    target = tmp_path / "data.json"
    kept = [
        ".other.json.0123456789ab.ctocmodel-tmp",  # another target's
        ".data.json.0123456789ab.tmp",  # the name of ctocmodel 0.1, or of another program
        ".data.json.0123456789a.ctocmodel-tmp",  # 11 digits
        ".data.json.0123456789AB.ctocmodel-tmp",  # not our lowercase hex
        "data.json.0123456789ab.ctocmodel-tmp",  # no leading dot
        ".data.json.0123456789ab.ctocmodel-tmp~",
    ]
    for name in kept:
        (tmp_path / name).write_bytes(b"x")
        old(tmp_path / name)
    (tmp_path / "precious").write_bytes(b"keep me")
    link = tmp_path / ".data.json.00000000000a.ctocmodel-tmp"
    link.symlink_to(tmp_path / "precious")
    old(link)
    recent = tmp_path / ".data.json.00000000000b.ctocmodel-tmp"
    recent.write_bytes(b"a writer may have just made it")
    dump(examples.cop7(), target)
    names = {path.name for path in tmp_path.iterdir()}
    assert names == {*kept, "data.json", "precious", link.name, recent.name}
    assert (tmp_path / "precious").read_bytes() == b"keep me"


def test_a_temporary_locked_by_a_live_writer_is_kept(tmp_path: Path) -> None:
    """A temporary file whose writer still holds its lock stays, however old it looks."""
    target = tmp_path / "data.json"
    busy = tmp_path / ".data.json.0123456789ab.ctocmodel-tmp"
    busy.write_bytes(b"being written")
    old(busy)
    with open(busy, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        dump(examples.cop7(), target)
        assert busy.exists()
    dump(examples.cop7(), target)  # its writer gone, the next write removes it
    assert not busy.exists()

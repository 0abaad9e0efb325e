"""Files, distrusted: reading at most so many bytes, and replacing only regular files.

Reading never trusts what a path claims to be. A device or a pipe reports a size of 0
(``/dev/zero`` never ends), a file may grow while it is read, and standard input has
no size at all; so every read stops after ``max_bytes + 1`` bytes, whatever the
source, and then refuses the input with the size limit's message.

Writing replaces a file atomically (`atomic_writer`): the data goes to a new
temporary file next to the target, named ``.<name>.<12 hex digits>.ctocmodel-tmp``,
which is flushed to disk and renamed over the target. It only ever replaces a regular
file or creates one (`UnwritableTargetError` otherwise), and it removes the temporary
files that killed writers left for the same target.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from ._limits import size_problem
from .errors import Problem, UnwritableTargetError, ValidationError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, and open files cannot be deleted
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "STALE_AFTER_SECONDS",
    "TEMPORARY_SUFFIX",
    "atomic_writer",
    "read_at_most",
    "read_file",
    "write_atomically",
]

# What a source of unknown size is read by: large enough for few calls, small enough
# that a short input does not reserve much (a read of n bytes reserves n at once).
_CHUNK = 1 << 20


def _too_large(size: int, limit: int, *, what: str, at_least: bool) -> ValidationError:
    message = size_problem(size, limit, what=what, at_least=at_least)
    return ValidationError([Problem(path="", message=message)])


def read_at_most(
    handle: IO[bytes] | IO[str],
    max_bytes: int | None,
    *,
    what: str = "the document",
    expected: int = 0,
) -> bytes | str:
    """Everything *handle* holds, or a `ValidationError` as soon as it gives more than *max_bytes*.

    At most ``max_bytes + 1`` bytes (characters, for a text file) are ever read, in
    chunks, so that memory follows what the source really holds and never what it
    claims; *expected*, the size a regular file reports, only sizes the first read.
    None reads everything (for trusted input only).
    """
    wanted = None if max_bytes is None else max_bytes + 1
    chunks: list[Any] = []
    total = 0
    ask = max(expected + 1, _CHUNK)
    while True:
        chunk = handle.read(ask if wanted is None else min(ask, wanted - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if max_bytes is not None and total > max_bytes:
            raise _too_large(total, max_bytes, what=what, at_least=True)
        ask = _CHUNK
    if len(chunks) == 1:
        return chunks[0]  # type: ignore[no-any-return]
    return chunk[:0].join(chunks)  # chunk: the empty read at the end, of the right type


def read_file(path: str | os.PathLike[str], max_bytes: int | None) -> bytes:
    """The bytes of the file at *path*, reading at most ``max_bytes + 1`` of them.

    A regular file that reports more than *max_bytes* is refused before it is read, its
    size in the message; anything else (a device, a named pipe, a file of ``/proc``,
    which report 0) is read up to the limit and refused there. Raises `OSError` when
    the path cannot be opened.
    """
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        expected = 0
        if stat.S_ISREG(info.st_mode):
            if max_bytes is not None and info.st_size > max_bytes:
                raise _too_large(info.st_size, max_bytes, what="the file", at_least=False)
            expected = info.st_size
        data = read_at_most(handle, max_bytes, what="the file", expected=expected)
    assert isinstance(data, bytes)
    return data


# ---------------------------------------------------------------------------------------
# Writing

TEMPORARY_SUFFIX = ".ctocmodel-tmp"
"""The end of the name of every temporary file a writer makes next to its target."""

STALE_AFTER_SECONDS = 10
"""How old a temporary file must be, at least, before another write may remove it."""

# The temporary files this process is writing now: another thread's clean-up leaves
# them alone even where a lock cannot tell (no flock, or flock emulated per process).
_writing: set[str] = set()
_writing_lock = threading.Lock()

_KINDS = (
    (stat.S_ISDIR, errno.EISDIR, "it is a folder"),
    (stat.S_ISCHR, errno.EINVAL, "it is a character device"),
    (stat.S_ISBLK, errno.EINVAL, "it is a block device"),
    (stat.S_ISFIFO, errno.EINVAL, "it is a named pipe (FIFO)"),
    (stat.S_ISSOCK, errno.EINVAL, "it is a socket"),
)
_ONLY = "ctocmodel only replaces a regular file or creates one"


def _refusal(path: Path) -> UnwritableTargetError | None:
    """Why *path* must not be written, or None when it is a regular file or can be created.

    The path is followed through symbolic links: a link to a device is refused like the
    device. (A link to a regular file is replaced by the new file, never written
    through: a link planted in a shared folder cannot send the data elsewhere.)
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return _missing_folder(path)
    except NotADirectoryError:
        return UnwritableTargetError(
            str(path), f"{path.parent} is not a folder; {_ONLY}", errno.ENOTDIR
        )
    except OSError:  # no permission to look, say: the write itself will say why
        return None
    if stat.S_ISREG(info.st_mode):
        return None
    for test, code, kind in _KINDS:
        if test(info.st_mode):
            return UnwritableTargetError(str(path), f"{kind}; {_ONLY}", code)
    return UnwritableTargetError(str(path), f"it is not a regular file; {_ONLY}", errno.EINVAL)


def _missing_folder(path: Path) -> UnwritableTargetError | None:
    folder = path.parent
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return UnwritableTargetError(str(path), f"the folder {folder} does not exist", errno.ENOENT)
    except NotADirectoryError:
        return UnwritableTargetError(str(path), f"{folder} is not a folder", errno.ENOTDIR)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return UnwritableTargetError(str(path), f"{folder} is not a folder", errno.ENOTDIR)
    return None  # a dangling link, or a new file: created


def _check_target(path: Path) -> None:
    problem = _refusal(path)
    if problem is not None:
        raise problem


def _temporary_pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{name}.") + "[0-9a-f]{12}" + re.escape(TEMPORARY_SUFFIX))


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files that killed writers left for *path*, and nothing else.

    A file is removed only when all of these hold: its name is exactly that of a
    temporary file for this target (``.<name>.<12 hex digits>.ctocmodel-tmp``); it is
    a regular file (not a link) owned by this user; it was last written at least
    `STALE_AFTER_SECONDS` ago; no writer of this process is using it; and no process
    holds its lock (every writer keeps an exclusive ``flock`` on its temporary file
    until it is renamed, released by the system when the writer dies, even by
    SIGKILL). Without ``flock`` (Windows), a writer's open file cannot be deleted,
    which protects it instead. Any failure leaves the file where it is.
    """
    pattern = _temporary_pattern(path.name)
    folder = path.parent
    now = time.time()
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        candidates = [entry.name for entry in entries if pattern.fullmatch(entry.name)]
    for name in candidates:
        candidate = folder / name
        with _writing_lock:
            if str(candidate) in _writing:
                continue
        try:
            _remove_if_abandoned(candidate, now)
        except OSError:
            continue


def _remove_if_abandoned(candidate: Path, now: float) -> None:
    info = os.lstat(candidate)
    if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER_SECONDS:
        return
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return
    if fcntl is None:  # pragma: no cover - Windows: deleting a file open elsewhere fails
        os.unlink(candidate)
        return
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(candidate, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return  # replaced since it was looked at
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # its writer is alive
        os.unlink(candidate)
    finally:
        os.close(descriptor)


def _lock(descriptor: int) -> None:
    if fcntl is None:  # pragma: no cover - Windows
        return
    # On a file system without locks, the age of the file protects it instead.
    with suppress(OSError):
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace *path* with *payload* so that readers see the old file or the new, never a part."""
    with atomic_writer(path) as handle:
        handle.write(payload)


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces *path* only when the ``with`` block succeeds.

    The data goes to a temporary file in the same folder, flushed to disk, then renamed
    over *path* (keeping the permissions of the file it replaces); on any failure the
    temporary file is removed and *path* is untouched. *path* must be a regular file or
    not exist, in an existing folder: anything else raises `UnwritableTargetError`
    before anything is written (and is checked again just before the rename).
    Temporary files that killed writers left for *path* are removed first.
    """
    _check_target(path)
    _remove_stale_temporaries(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}")
    # O_EXCL: never write through a file or link someone else put there; mode 0o666
    # lets the umask decide permissions, as for any new file.
    try:
        descriptor = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666
        )
    except (FileNotFoundError, NotADirectoryError):  # the folder went away since the check
        _check_target(path)
        raise
    with _writing_lock:
        _writing.add(str(temporary))
    try:
        handle = os.fdopen(descriptor, "wb")
        try:
            _lock(descriptor)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            _check_target(path)
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o7777)
            if fcntl is None:  # pragma: no cover - Windows renames only closed files
                handle.close()
            # Renamed while still open and locked: clean-up never sees it unlocked.
            os.replace(temporary, path)
        finally:
            handle.close()
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        with _writing_lock:
            _writing.discard(str(temporary))
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows), and not needed there
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

"""Reading and writing documents: `loads`, `dumps`, `load`, `dump`."""

from __future__ import annotations

import codecs
import gc
import io
import json
import os
import sys
import sysconfig
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

import cattrs

from ._files import atomic_writer as atomic_writer
from ._files import read_at_most, read_file
from ._files import write_atomically as write_atomically
from ._limits import (
    Limits,
    check_shape,
    check_size,
    fast_path_allowed,
    resolve,
    size_problem,
)
from ._model import MEETING_TYPES, Dataset, Meeting
from ._model._checks import DECODING
from .converters import make_converter, structure
from .errors import Problem, ValidationError

try:  # msgspec builds the objects in C; without it (PyPy, say) everything still works, slower.
    import msgspec
except ImportError:  # pragma: no cover - msgspec is a dependency on CPython
    msgspec = None  # type: ignore[assignment]

__all__ = ["dump", "dumps", "load", "loads"]


@cache
def default_converter() -> cattrs.Converter:
    """The converter `loads` and `dumps` use, made on first use."""
    return make_converter()


_pause_lock = threading.Lock()
_pausing = 0
_resume = False
_promoting = False

# Where the collector keeps its generations as lists (CPython 3.11 to 3.13 with the
# GIL), moving every tracked object to the oldest one costs two list splices. Not on
# PyPy, free-threaded builds or 3.14's incremental collector, where gc.freeze visits
# objects: not measured there, so not done.
_PROMOTE = (
    sys.implementation.name == "cpython"
    and sys.version_info < (3, 14)
    and not sysconfig.get_config_var("Py_GIL_DISABLED")
    and hasattr(gc, "freeze")
)
# The size from which a read promotes what it built: the young collection it avoids
# then costs a few milliseconds or more (measured: 3 to 6 % of the round trip at
# 1 MB, 5 to 13 % at 2 MB, 13 % at 10 MB). Smaller reads, which may come many to the
# second, leave the collector's generations alone.
PROMOTE_FROM_BYTES = 1_000_000
# Set once the program is seen to have frozen objects itself (gc.freeze before
# forking workers, say): from then on nothing is promoted, and the frozen objects
# are not counted again (gc.get_freeze_count walks them all).
_program_freezes = False


@contextmanager
def collection_paused(*, document_bytes: int = 0) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document's objects are built.

    Reading creates many objects and no reference cycles, so the collections that the
    allocations trigger find nothing, yet scan more the larger the document.

    For a document of *document_bytes* at least `PROMOTE_FROM_BYTES`, pausing is not
    enough: the first young collection after the pause would scan every new object
    at once. So, on CPython 3.11 to 3.13, when
    the program runs a single thread and has frozen nothing itself, the young
    generations are collected when the pause begins (``gc.collect(1)``), and when the
    read succeeds everything young, which is then what the read built, is moved to
    the oldest generation without being scanned (``gc.freeze()`` then
    ``gc.unfreeze()``). Objects moved this way do not count towards the next full
    collection, and only full collections look at them: this is safe because a
    successful read makes no reference cycles. A read that fails moves nothing: its
    error holds reference cycles (frames, the parsed document) that a young
    collection frees.

    Threads reading at the same time share the pause; the collector is resumed when
    the last one is done, and only if it was running before the first one started.
    With more than one thread, or overlapping pauses, nothing moves: another thread's
    garbage would move with the read's objects. Once the program is seen to have
    frozen objects itself, nothing moves any more in this process. Known gap: a
    signal handler that calls ``gc.freeze()`` or ``os.fork()`` between this
    function's own two calls would see its frozen objects thawed, or a child process
    start with its heap frozen.
    """
    global _pausing, _resume, _promoting, _program_freezes
    promote = (
        document_bytes >= PROMOTE_FROM_BYTES
        and _PROMOTE
        and not _program_freezes
        and gc.isenabled()
        and threading.active_count() == 1
    )
    if promote:
        gc.collect(1)  # before taking the lock: finalizers may run here, even read documents
    with _pause_lock:
        if _pausing == 0:
            _resume, _promoting = gc.isenabled(), promote
            gc.disable()
        else:
            _promoting = False  # overlapping reads: another thread is building objects too
        _pausing += 1
    succeeded = False
    try:
        yield
        succeeded = True
    finally:
        with _pause_lock:
            _pausing -= 1
            if _pausing == 0 and _resume:
                if _promoting and succeeded and threading.active_count() == 1:
                    _program_freezes = gc.get_freeze_count() > 0
                    if not _program_freezes:
                        gc.freeze()
                        gc.unfreeze()
                gc.enable()


class _FastCodec:
    """Reads canonical documents straight into the model classes, and writes them.

    msgspec decodes JSON into the attrs classes (running their rules) and encodes
    them back in canonical form. A document is accepted this way only when its
    canonical encoding is exactly the input: then no key was unknown, repeated or
    written otherwise than in canonical form, and nothing was lost. msgspec reads
    integers of any size, so those beyond 64 bits are looked for too. Every other
    document goes through the cattrs converter, which reports each problem.
    """

    def __init__(self) -> None:
        assert msgspec is not None
        self.decoder = msgspec.json.Decoder(Dataset, dec_hook=self._decode_meeting)
        self.encoder = msgspec.json.Encoder(order="sorted")

    def _decode_meeting(self, type_: type, value: Any) -> Any:
        if type_ is not Meeting:
            raise NotImplementedError(type_)
        cls = MEETING_TYPES[value["type"]]  # any failure sends the document to cattrs
        return msgspec.convert(value, cls, dec_hook=self._decode_meeting)

    def loads(self, data: bytes | bytearray | memoryview) -> Dataset | None:
        """Return the dataset if *data* is a valid document in canonical form, else None."""
        decoding = DECODING.set(True)
        try:
            with collection_paused(document_bytes=len(data)):
                dataset: Dataset = self.decoder.decode(data)
        except Exception:
            return None
        finally:
            DECODING.reset(decoding)
        canonical = self.encoder.encode(dataset)
        same = (
            canonical == data
            or (  # or the same with the final newline that `dump` adds
                len(data) == len(canonical) + 1 and data[-1:] == b"\n" and data[:-1] == canonical
            )
        )
        return dataset if same else None

    def dumps(self, dataset: Dataset) -> bytes:
        """The canonical form of *dataset*, as UTF-8 bytes."""
        encoded: bytes = self.encoder.encode(dataset)
        return encoded


@cache
def fast_codec() -> _FastCodec | None:
    """The msgspec codec, made on first use, or None without msgspec."""
    return None if msgspec is None else _FastCodec()


class _DuplicateKeys(dict[str, Any]):
    """A JSON object in which some keys appeared more than once; the converter refuses it."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
    marked = _DuplicateKeys(result)
    marked.duplicates = sorted(set(repeated))
    return marked


def _invalid(message: str) -> ValidationError:
    return ValidationError([Problem(path="", message=message)])


def _text_of(data: str | bytes | bytearray | memoryview) -> str:
    if isinstance(data, str):
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.startswith(codecs.BOM_UTF8):
            raise _invalid(
                "the input starts with a byte-order mark; save it as UTF-8 without a BOM"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _invalid(
                f"the input is not valid UTF-8 (byte {error.start} cannot start or continue a "
                "character); save it as UTF-8"
            ) from None
    else:
        raise TypeError(f"expected the JSON document as str or bytes, got {type(data).__name__}")
    if text.startswith("\ufeff"):
        raise _invalid("the input starts with a byte-order mark; save it as UTF-8 without a BOM")
    return text


def _raw_bytes(data: str | bytes | bytearray | memoryview, limits: Limits) -> bytes | bytearray:
    """*data* as UTF-8 bytes (lone surrogates kept, for the rules to find), within max_bytes."""
    raw: bytes | bytearray
    if isinstance(data, str):
        # A character takes at least one byte: a longer string is over the limit.
        if limits.max_bytes is not None and len(data) > limits.max_bytes:
            raise _invalid(size_problem(len(data), limits.max_bytes, at_least=True))
        raw = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, bytes | bytearray):
        raw = data
    elif isinstance(data, memoryview):
        raw = data.tobytes()
    else:
        raise TypeError(f"expected the JSON document as str or bytes, got {type(data).__name__}")
    check_size(len(raw), limits)
    return raw


def _parse(
    data: str | bytes | bytearray | memoryview, raw: bytes | bytearray, limits: Limits
) -> Any:
    text = _text_of(data)
    if not text.strip():
        raise _invalid("the input is empty; a document is a JSON object")
    check_shape(bytes(raw), limits)
    try:
        return json.loads(text, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as error:
        raise _invalid(
            f"not valid JSON: {error.msg.removesuffix(' at')} at line {error.lineno}, "
            f"column {error.colno} "
            f"(character {error.pos})"
        ) from None
    except RecursionError:  # only without a depth limit: Limits(max_depth=None)
        raise _invalid(
            "the document is nested too deeply to read (deeper than Python's parser can go)"
        ) from None
    except ValueError as error:
        if "integer string conversion" in str(error):  # Python reads at most 4300 digits
            raise _invalid(
                "the document cannot be read: it holds an integer of more than 4300 digits; "
                "integers in a document have at most 64 bits"
            ) from None
        raise _invalid(f"the document cannot be read: {error}") from None


def parse_json(data: str | bytes | bytearray | memoryview, *, limits: Limits | None = None) -> Any:
    """Parse JSON text into Python data, refusing what would lose or invent information.

    Repeated keys are kept for the converter to report with their path; syntax
    errors become a `ValidationError` that gives the line and column. A document
    over one of the *limits* (default: `DEFAULT_LIMITS`) is refused before it is
    parsed, at the path where the limit is passed.
    """
    limits = resolve(limits)
    return _parse(data, _raw_bytes(data, limits), limits)


def loads(data: str | bytes | bytearray | memoryview, *, limits: Limits | None = None) -> Dataset:
    """Read a dataset from JSON text, checking every rule; see `ctocmodel.ValidationError`.

    *limits* bounds the size and shape of the document and the problems reported
    (default: `DEFAULT_LIMITS`, far above any real dataset); see `Limits`.

    >>> dataset = loads('{"schema_version": "1.0", "topics": '
    ...                 '[{"id": "sextortion", "label": {"en": "Sextortion"}}]}')
    >>> dataset.topics[0].label["en"]
    'Sextortion'
    """
    limits = resolve(limits)
    raw = _raw_bytes(data, limits)
    fast = fast_codec()
    if fast is not None and fast_path_allowed(raw, limits):
        dataset = fast.loads(raw)
        if dataset is not None:
            return dataset
    with collection_paused(document_bytes=len(raw)):
        parsed = _parse(data, raw, limits)
        return structure(default_converter(), parsed, max_problems=limits.max_problems)


def dumps(dataset: Dataset, *, indent: int | None = None) -> str:
    """Write *dataset* as JSON text in canonical form.

    The canonical form has object keys in alphabetical order, every field present
    (``null`` for an absent value, ``[]`` for an empty list), no insignificant
    whitespace, and characters outside ASCII written as themselves. With *indent*,
    the same content is laid out on several lines for people to read.

    >>> dumps(Dataset())
    '{"conferences":[],"organizations":[],"people":[],"schema_version":"1.0","sources":[],"topics":[]}'
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    fast = fast_codec()
    if fast is not None:
        canonical = fast.dumps(dataset)
        if indent is not None:
            canonical = msgspec.json.format(canonical, indent=indent)
        return canonical.decode("utf-8")
    data = default_converter().unstructure(dataset)
    if indent is None:
        return json.dumps(
            data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        )
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent, allow_nan=False)


def load(
    source: str | os.PathLike[str] | IO[bytes] | IO[str], *, limits: Limits | None = None
) -> Dataset:
    """Read a dataset from a file, given by path or as an open (binary or text) file.

    *limits* as for `loads`. At most ``max_bytes + 1`` bytes are read from any file,
    device or pipe: a regular file over the size limit is refused without being read,
    anything else (``/dev/zero``, a pipe) once it has given more.
    """
    limits = resolve(limits)
    if isinstance(source, str | os.PathLike):
        return loads(read_file(source, limits.max_bytes), limits=limits)
    return loads(read_at_most(source, limits.max_bytes), limits=limits)


def dump(
    dataset: Dataset,
    target: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    indent: int | None = None,
) -> None:
    """Write *dataset* as UTF-8 JSON, with a final newline, to a path or an open file.

    Writing to a path is atomic: the text goes to a temporary file in the same
    folder, which is flushed to disk and then renamed over the target, so a failure
    half way leaves any previous file as it was. The path must be a regular file or
    new, in an existing folder: a folder, a device, a named pipe or a socket is
    refused with `UnwritableTargetError` (an `OSError`), never replaced.
    """
    text = dumps(dataset, indent=indent) + "\n"
    if isinstance(target, str | os.PathLike):
        write_atomically(Path(target), text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase):
        target.write(text)
    else:
        target.write(text.encode("utf-8"))  # type: ignore[arg-type]

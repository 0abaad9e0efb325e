"""Reading and writing documents: `loads`, `dumps`, `load`, `dump`."""

from __future__ import annotations

import codecs
import gc
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

import cattrs

from ._files import read_at_most, read_file, write_atomically
from ._limits import Limits, check_size, depth_problem, model_depth, resolve, size_problem, too_deep
from ._model import MEETING_TYPES, Dataset, Meeting
from .converters import make_converter, structure
from .errors import Problem, ValidationError

try:  # msgspec builds the objects in C; without it (PyPy, say) everything still works, slower.
    import msgspec
except ImportError:  # pragma: no cover - msgspec is a dependency on CPython
    msgspec = None  # type: ignore[assignment]

__all__ = ["collection_paused", "dump", "dumps", "load", "loads"]


@cache
def default_converter() -> cattrs.Converter:
    """The converter `loads` and `dumps` use, made on first use."""
    return make_converter()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector in the block, then restore it as it was.

    Reading a large document builds many objects and no reference cycles, yet the
    collections the allocations trigger scan them all. A program that reads large
    documents may pause the collector around its reads: ``benchmarks/bench.py``
    measures what that saves. ctocmodel never does it by itself, since the collector
    belongs to the whole program: its other threads allocate during the pause too.

    >>> import gc
    >>> with collection_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_NOT_QUOTE_OR_COLON = bytes(range(256)).translate(None, b'":')


def _keys(text: bytes) -> int:
    r"""The number of object keys in JSON text: its colons outside strings.

    Escaped backslashes, then escaped quotes, are hidden (left to right, exact for
    valid JSON), so that the quotes left open and close strings; quotes and colons
    are kept; strings without a colon (adjacent quotes) are dropped, then what is
    between the quotes left. All in C.

    >>> _keys(b'{"a": "x:y", "b:c": ["\":"], "d": {}}')
    3
    """
    if b"\\" in text:
        text = text.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    marks = text.translate(None, _NOT_QUOTE_OR_COLON).replace(b'""', b"")
    if b'"' in marks:
        marks = b"".join(marks.split(b'"')[::2])
    return len(marks)


def _escapes_canonical(compact: bytes, canonical: bytes) -> bool:
    r"""Whether *compact* is proved to be *canonical* with characters written ``\uXXXX``.

    That is how ``json.dumps`` writes by default (``ensure_ascii``). The escapes are
    undone in C by Python's ``unicode_escape`` codec, which reads one ``\uXXXX`` as
    JSON does, but leaves a surrogate pair as two code units: a character beyond
    U+FFFF fails this proof and is left to the next one. *compact* is valid JSON
    (msgspec read it, and ``format`` copies strings as written), so its escapes are
    inside strings; they stand for the characters the canonical text has in their
    place only if nothing else is escaped: the text is ASCII, each backslash begins a
    ``\u`` escape, none is a quotation mark (which would move where strings end), and
    the canonical text escapes nothing itself (so an escaped backslash, decoded, can
    match nothing in it).

    >>> _escapes_canonical(rb'{"fr":"\u00e9t\u00e9"}', '{"fr":"été"}'.encode())
    True
    >>> _escapes_canonical(rb'{"a":"\u0022,\u0022b\u0022:\u0022"}', b'{"a":"","b":""}')
    False
    """
    backslashes = compact.count(b"\\")
    if (
        not backslashes
        or not compact.isascii()
        or compact.count(b"\\u") != backslashes
        or b"\\u0022" in compact
        or b"\\" in canonical
    ):
        return False
    try:
        return compact.decode("unicode_escape") == canonical.decode("utf-8")
    except UnicodeDecodeError:  # a \u not followed by four hexadecimal digits
        return False


class _FastCodec:
    """Reads valid documents straight into the model classes, and writes them.

    msgspec decodes JSON into the attrs classes, which check their rules as they are
    built, and encodes them back in canonical form. msgspec ignores unknown keys, keeps
    the last of repeated ones, fills in absent fields and reads some values written
    otherwise than the format allows (``2014-10-07t13:00:00z``), so the result stands
    only with a proof that the input said exactly what the objects say:

    - the input is the canonical text itself (with or without a final newline); or
    - without its whitespace (msgspec's ``format``, in C), it is the canonical text,
      or that text with characters escaped as ``json.dumps`` escapes them; or
    - decoded as plain JSON and encoded with keys sorted, it is the canonical text
      (no unknown or absent key, every value written as the format writes it), and
      it has as many keys as that text (no key repeated).

    Every other document goes through the cattrs converter, which reports each problem.
    """

    def __init__(self) -> None:
        assert msgspec is not None
        self.decoder = msgspec.json.Decoder(Dataset, dec_hook=self._decode_meeting)
        self.plain = msgspec.json.Decoder()
        self.encoder = msgspec.json.Encoder(order="sorted")

    def _decode_meeting(self, type_: type, value: Any) -> Any:
        if type_ is not Meeting:
            raise NotImplementedError(type_)
        cls = MEETING_TYPES[value["type"]]  # any failure sends the document to cattrs
        return msgspec.convert(value, cls, dec_hook=self._decode_meeting)

    def loads(self, data: bytes | bytearray) -> Dataset | None:
        """Return the dataset if *data* is a valid document this proof covers, else None."""
        try:
            dataset: Dataset = self.decoder.decode(data)
        except Exception:
            return None
        canonical = self.encoder.encode(dataset)
        if canonical == data or (data[-1:] == b"\n" and data[:-1] == canonical):
            return dataset
        try:
            compact = msgspec.json.format(data, indent=-1)
            if compact == canonical or _escapes_canonical(compact, canonical):
                return dataset
            normal = self.encoder.encode(self.plain.decode(compact))
        except (msgspec.MsgspecError, UnicodeDecodeError):  # msgspec 0.18 raises the latter
            return None
        if normal == canonical and _keys(compact) == _keys(canonical):
            return dataset
        return None

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
    else:
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
    check_size(raw, limits)
    return raw


def _parse(
    data: str | bytes | bytearray | memoryview, raw: bytes | bytearray, limits: Limits
) -> Any:
    text = _text_of(data)
    if not text.strip():
        raise _invalid("the input is empty; a document is a JSON object")
    deep = too_deep(bytes(raw), limits)
    try:
        parsed = json.loads(text, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as error:
        if deep:
            raise ValidationError([depth_problem(None, limits.max_depth or 0)]) from None
        raise _invalid(
            f"not valid JSON: {error.msg.removesuffix(' at')} at line {error.lineno}, "
            f"column {error.colno} "
            f"(character {error.pos})"
        ) from None
    except RecursionError:
        if deep:
            raise ValidationError([depth_problem(None, limits.max_depth or 0)]) from None
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
    if deep:
        raise ValidationError([depth_problem(parsed, limits.max_depth or 0)])
    return parsed


def parse_json(data: str | bytes | bytearray | memoryview, *, limits: Limits | None = None) -> Any:
    """Parse JSON text into Python data, refusing what would lose or invent information.

    Repeated keys are kept for the converter to report with their path; syntax
    errors become a `ValidationError` that gives the line and column. A document
    over one of the *limits* (default: `DEFAULT_LIMITS`) is refused, saying where.
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
    # The proof of the fast path rules out any document deeper than the model allows.
    if fast is not None and (limits.max_depth is None or limits.max_depth >= model_depth()):
        dataset = fast.loads(raw)
        if dataset is not None:
            return dataset
    parsed = _parse(data, raw, limits)
    return structure(default_converter(), parsed, max_problems=limits.max_problems)


def dumps(dataset: Dataset, *, indent: int | None = None) -> str:
    """Write *dataset* as JSON text in canonical form.

    The canonical form has object keys in alphabetical order, every field present
    (``null`` for an absent value, ``[]`` for an empty list), no insignificant
    whitespace, and characters outside ASCII written as themselves. With *indent*,
    the same content is laid out on several lines for people to read.

    >>> dumps(Dataset())
    '{"conferences":[],"measures":[],"organizations":[],"participation_rules":[],...,"topics":[]}'
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

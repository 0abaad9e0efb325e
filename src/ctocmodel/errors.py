"""The errors ctocmodel raises on purpose, all rooted in `CtocmodelError`.

Every problem with input data is reported as a `ValidationError` listing all the
problems found, each located by an RFC 6901 JSON Pointer into the input:

>>> from ctocmodel import loads
>>> try:
...     loads('{"schema_version": "1.0", "sources": "none"}')
... except ValidationError as error:
...     print(error)
1 problem found:
  /sources: expected an array, got a string ('none')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "CtocmodelError",
    "ExportWarning",
    "MissingDependencyError",
    "Problem",
    "UnwritableTargetError",
    "ValidationError",
    "pointer",
]


# A message, unlike .errors, is read by people: past this many lines it says how many more.
_SHOWN = 50


class CtocmodelError(Exception):
    """Base class of every exception that ctocmodel raises deliberately."""


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build an RFC 6901 JSON Pointer from object keys and array indices.

    >>> pointer("conferences", 0, "sessions", 1, "end")
    '/conferences/0/sessions/1/end'
    >>> pointer("title", "a/b")
    '/title/a~1b'
    >>> pointer()
    ''
    """
    return "".join("/" + _escape(token) for token in tokens)


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in the input: where it is and what to do about it.

    *path* is an RFC 6901 JSON Pointer into the input document; the empty string
    designates the whole document. *line* is the line of a JSON Lines input that
    holds the document, when there is one.

    >>> str(Problem(path="/sessions/0/number", message="must be at least 1, got 0"))
    '/sessions/0/number: must be at least 1, got 0'
    >>> str(Problem(path="/id", message="is empty", line=12))
    'line 12: /id: is empty'
    """

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}: {self.message}" if self.path else self.message
        return where if self.line is None else f"line {self.line}: {where}"


class ValidationError(CtocmodelError, ValueError):
    """Input that is not a valid ctocmodel record: *every* problem found, at once.

    ``errors`` lists the `Problem` items in document order; ``str(error)`` lists
    them one per line.
    """

    errors: list[Problem]

    def __init__(self, errors: Iterable[Problem]) -> None:
        self.errors = list(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        shown = [f"  {problem}" for problem in self.errors[:_SHOWN]]
        if count > _SHOWN:
            shown.append(f"  ... and {count - _SHOWN} more (all are in the errors attribute)")
        return "\n".join([head, *shown])

    def __reduce__(self) -> tuple[type[ValidationError], tuple[list[Problem]]]:
        return (type(self), (self.errors,))

    def under(self, prefix: str) -> ValidationError:
        """Return the same problems with *prefix* (a JSON Pointer) put before each path.

        >>> error = ValidationError([Problem(path="/end", message="before start")])
        >>> error.under("/sessions/0").errors[0].path
        '/sessions/0/end'
        """
        return ValidationError(
            attrs.evolve(problem, path=prefix + problem.path) for problem in self.errors
        )

    def on_line(self, line: int) -> ValidationError:
        """Return the same problems, located on *line* of a JSON Lines input."""
        return ValidationError(attrs.evolve(problem, line=line) for problem in self.errors)

    @classmethod
    def from_pairs(cls, pairs: Sequence[tuple[str, str]]) -> ValidationError:
        """Build from ``(path, message)`` pairs.

        >>> ValidationError.from_pairs([("/id", "is empty")]).errors
        [Problem(path='/id', message='is empty', line=None)]
        """
        return cls(Problem(path=path, message=message) for path, message in pairs)


class MissingDependencyError(CtocmodelError, ImportError):
    """A feature needs an optional dependency that is not installed; the message says which.

    >>> print(MissingDependencyError("iCalendar export", "icalendar", "ical"))
    iCalendar export needs the icalendar package: pip install 'ctocmodel[ical]'
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature, self.package, self.extra = feature, package, extra
        super().__init__(f"{feature} needs the {package} package: pip install 'ctocmodel[{extra}]'")

    def __reduce__(self) -> tuple[type[MissingDependencyError], tuple[str, str, str]]:
        return (type(self), (self.feature, self.package, self.extra))


class UnwritableTargetError(CtocmodelError, OSError):
    """A path that writing refuses: a folder, a device, a pipe or socket, or a missing folder.

    Writing to a path only ever replaces a regular file or creates one: renaming a
    new file over a device or a named pipe would replace it with a regular file
    (as root, ``/dev/full``, say). An `OSError`, with ``filename`` the path and
    ``strerror`` the reason.

    >>> print(UnwritableTargetError("/dev/null", "it is a character device", 22))
    cannot write to '/dev/null': it is a character device
    """

    def __init__(self, path: str, reason: str, code: int) -> None:
        super().__init__(code, reason, path)

    def __str__(self) -> str:
        return f"cannot write to {self.filename!r}: {self.strerror}"

    def __reduce__(self) -> tuple[type[UnwritableTargetError], tuple[str, str, int]]:
        return (type(self), (str(self.filename), str(self.strerror), int(self.errno or 0)))


class ExportWarning(UserWarning):
    """An export left something out that the format cannot hold, such as undated meetings."""

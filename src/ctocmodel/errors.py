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
    designates the whole document (or, for tables, a problem with the tables
    themselves rather than with a record). *line* is the line of a JSON Lines input
    that holds the document, when there is one.

    A problem found in spreadsheet tables (`ctocmodel.from_csv`,
    `ctocmodel.from_xlsx`) also says where it is there: *table* is the file or sheet,
    *row* the row as a spreadsheet numbers it (the header is row 1), *column* the
    column's name, and *cell* a workbook's reference to the cell (``C12``) or to the
    row (``12:12``).

    >>> str(Problem(path="/sessions/0/number", message="must be at least 1, got 0"))
    '/sessions/0/number: must be at least 1, got 0'
    >>> str(Problem(path="/id", message="is empty", line=12))
    'line 12: /id: is empty'
    >>> print(Problem(path="/organizations/10/kind", message="expected one of ...",
    ...               table="organizations.csv", row=12, column="kind"))
    organizations.csv:12:kind: expected one of ... (/organizations/10/kind)
    >>> print(Problem(path="/organizations/10/kind", message="expected one of ...",
    ...               table="organizations", row=12, column="kind", cell="D12"))
    organizations!D12: expected one of ... (/organizations/10/kind)
    """

    path: str
    message: str
    line: int | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None

    @property
    def location(self) -> str:
        """Where the problem is in tables: ``organizations.csv:12:kind``, ``organizations!D12``.

        Empty when the problem is not in tables.
        """
        if self.table is None:
            return ""
        if self.cell is not None:
            return f"{self.table}!{self.cell}"
        parts = [self.table]
        if self.row is not None:
            parts.append(str(self.row))
            if self.column is not None:
                parts.append(self.column)
        return ":".join(parts)

    def __str__(self) -> str:
        if self.table is not None:
            text = f"{self.location}: {self.message}"
            return f"{text} ({self.path})" if self.path else text
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

        >>> ValidationError.from_pairs([("/id", "is empty")]).errors[0]  # doctest: +ELLIPSIS
        Problem(path='/id', message='is empty', line=None, ...)
        """
        return cls(Problem(path=path, message=message) for path, message in pairs)


class MissingDependencyError(CtocmodelError, ImportError):
    """A feature needs an optional dependency that is not installed; the message says which.

    >>> print(MissingDependencyError("iCalendar export", "icalendar", "ical"))
    iCalendar export needs the icalendar package: pip install icalendar (ctocmodel's extra 'ical')
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature, self.package, self.extra = feature, package, extra
        # Names the package itself: ctocmodel is installed from a clone, not from an index.
        super().__init__(
            f"{feature} needs the {package} package: pip install {package} "
            f"(ctocmodel's extra {extra!r})"
        )

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

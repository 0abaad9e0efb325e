"""The tables of a dataset, derived from the model, written and read back.

One table per kind of record, with one column per field, is worked out from the
model's declarations (`ctocmodel._model.specs`: what each field holds, optional or a
list, a record or a reference), so that a field added to the model gets its column in
CSV, in workbooks and in the Data Package without anyone listing it:

- a list of records (``tuple[Identifier, ...]``) is a table of its own, named after
  the field (``identifiers``), whose rows name their parent record by id in a *key*
  column named after the parent's kind (``organization``); records of a dataset's
  top-level lists have no key column, and the dataset's own fields are the one row
  of the table ``dataset``;
- a record held in one field (a session's ``venue``, a figure's ``count``) is
  flattened into columns named ``<field>_<its field>`` (``venue_city_fr``,
  ``count_value``);
- multilingual text is one column per language, ``<field>_<tag>``; a list of texts
  (a dialogue's ``questions``) is a table whose rows hold one text each, in columns
  ``text_<tag>``;
- a list of references, or of words from a closed list (the kinds of organization a
  route admits), is one cell of them joined by ``|``; any other value is one cell.

Two things are not fields of the model: meetings, of several classes, say which in
their ``type`` column, and ``topics`` also lists the built-in topics the dataset uses
(column ``origin``: ``builtin`` or ``dataset``), so that every topic id resolves
within the tables.

Reading works the other way, through the same layout, and reports every problem at
once with its table, row and column as well as the JSON Pointer of the value in the
dataset: the model's classes check every value as they are built.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache
from typing import Any, Literal

from .._model import BUILTIN_TOPICS, MEETING_TYPES, Dataset, FieldSpec, Topic, specs
from .._model._checks import COUNTRY, TEXT, canonical_language_tag
from .._model._countries import COUNTRY_CODES
from ..converters import format_datetime
from ..errors import Problem, ValidationError, pointer

__all__ = [
    "ROOT",
    "Cell",
    "Column",
    "Table",
    "TableData",
    "layout",
    "read_tables",
    "table_rows",
]

SEPARATOR = "|"
"""Joins the ids of a list of references in one cell (ids never hold it)."""

TEXT_ITEM = "text"
"""The column stem of a table whose rows are texts (``questions``: ``text_en``, ...)."""

ORIGIN = "origin"
"""The column of ``topics`` saying whether a row is a built-in topic or the dataset's own."""
ORIGINS = ("builtin", "dataset")

ROOT = "dataset"
"""The table holding the one row of the dataset's own fields (``schema_version``)."""

# Fields that name another record by id, and the table that record is in. Only the
# Data Package's foreign keys and the workbook's read-me use this: the tables
# themselves are derived from the model.
REFERENCES: Mapping[str, str] = {
    "organization": "organizations",
    "parent": "organizations",
    "publisher": "organizations",
    "secretariat": "organizations",
    "organizers": "organizations",
    "co_organizers": "organizations",
    "person": "people",
    "source": "sources",
    "sources": "sources",
    "broader": "topics",
    "topics": "topics",
}

Kind = Literal["text", "int", "date", "datetime", "choice", "texts", "refs", "key"]


@dataclass(frozen=True)
class Column:
    """One column, or for multilingual text (*kind* ``texts``) the stem of a column per language.

    *path* is where the value sits in a record (``("count", "value")``); *optional*
    tells whether an empty cell is allowed; *choices* lists the values a closed list
    allows; *classes* names the meeting classes that have the field, when not all do.
    """

    name: str
    path: tuple[str, ...]
    kind: Kind
    optional: bool
    choices: tuple[str, ...] = ()
    classes: frozenset[type] | None = None

    def header(self, tag: str) -> str:
        """The column of language *tag* of a multilingual field."""
        return f"{self.name}_{tag}"


@dataclass
class Table:
    """A table: its records' classes, where they sit in the dataset, and its columns.

    *field* is the field of the parent records holding them (``identifiers``) and
    *parents* the tables of those records (two for ``documents``, cited by sessions
    and by meetings); *keys* are the columns naming the parent by id, one per parent.
    """

    name: str
    field: str
    classes: tuple[type, ...]
    parents: tuple[Table, ...]
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    texts_only: bool = False
    children: list[Table] = dataclasses.field(default_factory=list)

    @property
    def polymorphic(self) -> bool:
        """Whether the rows are of several classes, told apart by their ``type`` column."""
        return len(self.classes) > 1

    def plain_headers(self) -> list[str]:
        """The columns that every copy of this table has: every column but the languages."""
        return [
            *self.keys,
            *(column.name for column in self.columns if column.kind != "texts"),
        ]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# The column kind of each kind of value the model declares (`FieldSpec.kind.name`);
# any other kind of value is text.
_COLUMN_KINDS: dict[str, Kind] = {
    "choice": "choice",
    "tag": "choice",
    "integer": "int",
    "date": "date",
    "dateTime": "datetime",
    "multilingualText": "texts",
}


def _scalar(spec: FieldSpec, path: tuple[str, ...], optional: bool) -> Column:
    name = "_".join(path)
    if spec.many:  # ids, or words of a closed list (the kinds a route admits), joined by |
        if spec.target is None and not spec.kind.values:
            raise TypeError(f"{name}: no spreadsheet column for a list of {spec.kind.name}")
        return Column(name, path, "refs", True)
    kind = _COLUMN_KINDS.get(spec.kind.name, "text")
    choices = spec.kind.values
    if spec.kind is COUNTRY:  # checked against ISO 3166-1: a closed list in a workbook too
        choices = tuple(sorted(COUNTRY_CODES))
    return Column(name, path, kind, optional, choices)


@dataclass
class _Builder:
    tables: dict[str, Table] = dataclasses.field(default_factory=dict)

    def fields(self, classes: tuple[type, ...]) -> list[tuple[FieldSpec, frozenset[type] | None]]:
        """The fields of *classes* in declaration order, with the classes having each."""
        seen: dict[str, tuple[FieldSpec, set[type]]] = {}
        for cls in classes:
            for spec in specs(cls):
                if spec.name in seen:
                    seen[spec.name][1].add(cls)
                else:
                    seen[spec.name] = (spec, {cls})
        every = set(classes)
        return [
            (spec, None if owners == every else frozenset(owners)) for spec, owners in seen.values()
        ]

    def columns(
        self,
        table: Table,
        classes: tuple[type, ...],
        prefix: tuple[str, ...] = (),
        parent_optional: bool = False,
    ) -> list[Column]:
        found: list[Column] = []
        owner = "/".join(cls.__name__ for cls in classes)
        discriminator: list[Column] = []
        for spec, owners in self.fields(classes):
            name = spec.name
            optional = spec.optional or parent_optional
            path = (*prefix, name)
            if len(classes) > 1 and spec.kind.name == "tag" and not prefix:
                discriminator.append(Column("type", path, "choice", False, tuple(MEETING_TYPES)))
                continue
            if spec.many and (spec.records or spec.kind is TEXT):
                if prefix:
                    raise TypeError(f"{owner}.{name}: a list of records inside {prefix[0]!r}")
                self.child(table, name, spec.records)
                continue
            if len(spec.records) == 1:
                found += self.columns(table, spec.records, path, optional)
                continue
            column = _scalar(spec, path, optional)
            if owners is not None:
                column = Column(column.name, column.path, column.kind, True, column.choices, owners)
            found.append(column)
        return discriminator + found

    def child(self, parent: Table, name: str, classes: tuple[type, ...]) -> None:
        """The table of the list *name* of *parent*: of records, or of texts (no classes)."""
        key = "meeting" if set(parent.classes) <= set(MEETING_TYPES.values()) else None
        key = key or _snake(parent.classes[0].__name__)
        keys: tuple[str, ...] = () if parent.name == ROOT else (key,)
        existing = self.tables.get(name)
        if existing is not None:
            if existing.classes != classes:
                raise TypeError(f"two tables named {name!r} hold different records")
            existing.parents += (parent,)
            existing.keys += keys
            parent.children.append(existing)
            return
        table = Table(name, name, classes, (parent,), keys, (), texts_only=not classes)
        self.tables[name] = table
        parent.children.append(table)
        if classes:
            table.columns = tuple(self.columns(table, classes))
        else:
            table.columns = (Column(TEXT_ITEM, (), "texts", False),)
        if name == "topics":
            table.columns = (
                *table.columns[:1],
                Column(ORIGIN, (ORIGIN,), "choice", False, ORIGINS),
                *table.columns[1:],
            )
        clash = set(table.keys) & {column.name for column in table.columns}
        if clash:
            raise TypeError(f"{name}: the key column {clash.pop()!r} is also a field")


@cache
def layout() -> tuple[Table, ...]:
    """Every table, in the order of a walk through the model from `Dataset`.

    >>> [table.name for table in layout()][:4]
    ['dataset', 'sources', 'organizations', 'identifiers']
    """
    builder = _Builder()
    root = Table(ROOT, "", (Dataset,), (), (), ())
    builder.tables[ROOT] = root
    root.columns = tuple(builder.columns(root, (Dataset,)))
    ordered: list[Table] = []

    def visit(table: Table) -> None:
        if table in ordered:
            return
        ordered.append(table)
        for child in table.children:
            visit(child)

    visit(root)
    # A table of several kinds of records comes after all of them, for reading to find
    # its rows' parents (citations of organizations and of meetings).
    late = [
        table
        for table in ordered
        if any(ordered.index(parent) > ordered.index(table) for parent in table.parents)
    ]
    ordered = [table for table in ordered if table not in late] + late
    for table in ordered:
        if len(table.parents) > 1:  # in the order of the tables: sessions before meetings
            pairs = sorted(
                zip(table.parents, table.keys, strict=True), key=lambda p: ordered.index(p[0])
            )
            table.parents = tuple(parent for parent, _ in pairs)
            table.keys = tuple(key for _, key in pairs)
    for table in ordered[1:]:
        for parent in table.parents:
            if parent is not root and "id" not in {c.name for c in parent.columns}:
                raise TypeError(f"{table.name}: its parent {parent.name} has no id to name it by")
    return tuple(ordered)


def table_named(name: str) -> Table:
    """The table called *name*."""
    for table in layout():
        if table.name == name:
            return table
    raise KeyError(name)


# Writing


@dataclass(frozen=True)
class Row:
    """A row to write: its parent's id per key column, and its record (or text)."""

    keys: tuple[str | None, ...]
    record: Any
    origin: str | None = None


def _children(record: Any, name: str) -> tuple[Any, ...]:
    return tuple(getattr(record, name, ()))


def table_rows(dataset: Dataset) -> dict[str, list[Row]]:
    """The rows of every table, in the order of the dataset."""
    rows: dict[str, list[Row]] = {table.name: [] for table in layout()}
    rows[ROOT].append(Row((), dataset))

    def walk(table: Table, record: Any) -> None:
        for child in table.children:
            slot = child.parents.index(table)
            keys = tuple(record.id if i == slot else None for i in range(len(child.keys)))
            if table.name == ROOT:
                keys = ()
            for item in _children(record, child.field):
                rows[child.name].append(Row(keys, item))
                if child.children:
                    walk(child, item)

    walk(layout()[0], dataset)
    if "topics" in rows:
        builtin = [Row((), topic, "builtin") for topic in used_builtin_topics(dataset)]
        own = [Row((), row.record, "dataset") for row in rows["topics"]]
        rows["topics"] = builtin + own
    return rows


def used_builtin_topics(dataset: Dataset) -> list[Topic]:
    """Built-in topics that the dataset's records name, with the broader topics they name."""
    declared = {topic.id: topic for topic in dataset.topics}
    wanted = set(declared)
    for conference in dataset.conferences:
        for session in conference.sessions:
            for figure in session.figures:
                wanted.update(figure.topics)
            for meeting in session.meetings:
                wanted.update(meeting.topics)
    pending = list(wanted)
    while pending:
        topic_id = pending.pop()
        topic = declared.get(topic_id) or BUILTIN_TOPICS.get(topic_id)
        if topic is not None and topic.broader is not None and topic.broader not in wanted:
            wanted.add(topic.broader)
            pending.append(topic.broader)
    return [topic for key, topic in BUILTIN_TOPICS.items() if key in wanted and key not in declared]


def value_at(record: Any, path: tuple[str, ...]) -> Any:
    """The value at *path* in *record*, None where a record on the way is absent."""
    for name in path:
        if record is None:
            return None
        record = getattr(record, name, None)
    return record


def language_tags(column: Column, records: Iterable[Any], languages: Sequence[str]) -> list[str]:
    """The language columns of a multilingual field: *languages*, then the others present."""
    present: set[str] = set()
    for record in records:
        text = record if column.path == () else value_at(record, column.path)
        if text:
            present.update(text)
    return [*languages, *sorted(present.difference(languages))]


@dataclass(frozen=True)
class Header:
    """A table's columns as written: the name of each, with its column (None for a key)."""

    names: tuple[str, ...]
    columns: tuple[tuple[Column | None, str | None], ...]  # (column, language tag)


def header(table: Table, rows: Sequence[Row], languages: Sequence[str]) -> Header:
    """The columns of *table* for *rows*, multilingual fields spread over their languages."""
    names: list[str] = list(table.keys)
    columns: list[tuple[Column | None, str | None]] = [(None, None)] * len(table.keys)
    for column in table.columns:
        if column.kind != "texts":
            names.append(column.name)
            columns.append((column, None))
            continue
        for tag in language_tags(column, (row.record for row in rows), languages):
            names.append(column.header(tag))
            columns.append((column, tag))
    return Header(tuple(names), tuple(columns))


Cell = str | int | dt.date | dt.datetime | tuple[str, ...] | None
"""A value as the model holds it, before a format writes it."""


def row_values(header: Header, row: Row) -> list[Cell]:
    """The values of one row, in the order of *header*."""
    values: list[Cell] = []
    keys = iter(row.keys)
    for column, tag in header.columns:
        if column is None:
            values.append(next(keys))
        elif column.name == ORIGIN and column.path == (ORIGIN,):
            values.append(row.origin)
        elif column.kind == "texts":
            text = row.record if column.path == () else value_at(row.record, column.path)
            values.append(None if not text or tag not in text else text[tag])
        else:
            values.append(value_at(row.record, column.path))
    return values


# Cells as text (CSV; text cells of a workbook)

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    """Put an apostrophe before text that a spreadsheet would run as a formula.

    >>> guard("=SUM(A1)"), guard("'=x"), guard("'Ndrangheta")
    ("'=SUM(A1)", "''=x", "'Ndrangheta")
    """
    if text.lstrip("'").startswith(TRIGGERS):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """Undo `guard`: remove one apostrophe before apostrophes and a formula trigger.

    >>> unguard("'=SUM(A1)"), unguard("''=x"), unguard("'Ndrangheta")
    ('=SUM(A1)', "'=x", "'Ndrangheta")
    """
    if text.startswith("'") and text.lstrip("'").startswith(TRIGGERS):
        return text[1:]
    return text


def cell_text(value: Cell) -> str:
    """Write a value as the text of a cell (no formula guard)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return SEPARATOR.join(value)


# Reading

_INT = re.compile(r"-?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)


class BadCell(Exception):
    """A cell that cannot hold a value of its column; the message says why."""


def _parse_int(text: str) -> int:
    if not _INT.fullmatch(text):
        raise BadCell(f"expected a whole number such as 7, got {text!r}")
    return int(text)


def _parse_date(text: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise BadCell(f"expected a date written YYYY-MM-DD, such as 2014-10-06, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadCell(f"{text!r} is not a day of the calendar") from None


def _parse_datetime(text: str) -> dt.datetime:
    example = "2014-10-07T13:00:00+02:00"
    if not _DATETIME.fullmatch(text):
        raise BadCell(
            f"expected a date and time with its UTC offset, written like {example}, got {text!r}"
        )
    if not (text.endswith("Z") or text[-6] in "+-"):
        raise BadCell(
            f"{text!r} has no UTC offset: add the offset in force where the meeting took "
            f"place, as in {example} (Z for UTC)"
        )
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadCell(f"{text!r} is not a date and time of the calendar") from None


def parse_text(column: Column, text: str) -> Any:
    """The value of a non-empty cell of *column* written as text."""
    kind = column.kind
    if kind == "int":
        return _parse_int(text)
    if kind == "date":
        return _parse_date(text)
    if kind == "datetime":
        return _parse_datetime(text)
    if kind == "refs":
        return tuple(text.split(SEPARATOR))
    return text


def parse_typed(column: Column, value: object) -> Any:
    """The value of a non-empty workbook cell of *column*: text, a number or a date."""
    if isinstance(value, str):
        return parse_text(column, value)
    kind = column.kind
    if isinstance(value, bool):
        raise BadCell(f"expected {_expected(column)}, got the truth value {value}")
    if isinstance(value, int | float):
        if kind == "int":
            if isinstance(value, float) and not value.is_integer():
                raise BadCell(f"expected a whole number such as 7, got {value}")
            return int(value)
        if kind in ("text", "texts", "choice", "refs"):
            # A number typed where text belongs ("2030" as a name) is that text.
            text = str(int(value)) if isinstance(value, int) or value.is_integer() else str(value)
            return parse_text(column, text)
        raise BadCell(f"expected {_expected(column)}, got the number {value}")
    if isinstance(value, dt.datetime):
        if kind == "date":
            if value.time() != dt.time(0):
                raise BadCell(f"expected a day without a time, got {value.isoformat()}")
            return value.date()
        if kind == "datetime":
            raise BadCell(
                f"got {value.isoformat()} without its UTC offset: write it as text with the "
                "offset, such as 2014-10-07T13:00:00+02:00"
            )
        raise BadCell(f"expected {_expected(column)}, got the date {value.isoformat()}")
    if isinstance(value, dt.date):
        if kind == "date":
            return value
        raise BadCell(f"expected {_expected(column)}, got the date {value.isoformat()}")
    if isinstance(value, dt.time):
        raise BadCell(f"expected {_expected(column)}, got the time {value.isoformat()}")
    raise BadCell(f"expected {_expected(column)}, got {value!r}")


def _expected(column: Column) -> str:
    return {
        "int": "a whole number",
        "date": "a date (YYYY-MM-DD)",
        "datetime": "a date and time with its UTC offset, written as text",
    }.get(column.kind, "text")


@dataclass
class TableData:
    """One table as a format read it: its header and rows, and how to name a place in it.

    *rows* are ``(row number, cells)``; cells are text, or for a workbook also numbers
    and dates; None or ``""`` is an empty cell. *guarded*: text cells carry the CSV
    formula guard. *where(row, index)* names a cell for a `Problem`, as
    ``(row, column name, cell reference)``; *cell_reference(row, index)* gives a
    workbook's reference to a cell (``C12``), or to the row with *index* None.
    """

    name: str
    header: list[object]
    rows: Iterable[tuple[int, Sequence[object]]]
    guarded: bool
    cell_reference: Callable[[int, int | None], str | None] = lambda row, index: None


@dataclass
class _Found:
    """Problems as they are found, with where they are."""

    problems: list[Problem] = dataclasses.field(default_factory=list)

    def add(
        self,
        message: str,
        *,
        table: str | None = None,
        row: int | None = None,
        column: str | None = None,
        cell: str | None = None,
        path: str = "",
    ) -> None:
        self.problems.append(
            Problem(path=path, message=message, table=table, row=row, column=column, cell=cell)
        )


class _Draft:
    """A record read from a row, not yet built: values by field, and where each came from.

    *where* maps a column's name to its index in the row (shared by a table's rows);
    *bad* holds the fields already reported; *pending* the problems of cells, which
    get the record's JSON Pointer once rows are attached to their parents.
    """

    __slots__ = (
        "bad",
        "children",
        "cls",
        "data",
        "origin",
        "path",
        "pending",
        "row",
        "table",
        "values",
        "where",
    )

    def __init__(self, table: Table, data: TableData, row: int, cls: type | None) -> None:
        self.table, self.data, self.row, self.cls = table, data, row, cls
        self.values: dict[str, Any] = {}
        self.where: dict[str, int] = {}
        self.bad: set[str] = set()
        self.children: dict[str, list[_Draft]] = {}
        self.path = ""
        self.origin: str | None = None
        self.pending: list[tuple[str, tuple[str, ...], int | None]] = []


@dataclass
class _Layout:
    """How the columns of one table as read map to the table's columns."""

    keys: dict[str, int]
    columns: list[tuple[Column, str | None, int]]  # column, language tag, index
    width: int


def _close(word: str, choices: Iterable[str]) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read_header(table: Table, data: TableData, found: _Found) -> _Layout | None:
    by_name: dict[str, Column] = {column.name: column for column in table.columns}
    stems = sorted(
        (column for column in table.columns if column.kind == "texts"),
        key=lambda column: -len(column.name),
    )
    keys: dict[str, int] = {}
    columns: list[tuple[Column, str | None, int]] = []
    seen: dict[str, int] = {}
    renamed: set[str] = set()
    failed = False
    plain = table.plain_headers()
    for index, raw in enumerate(data.header):
        name = "" if raw is None else str(raw)
        cell = data.cell_reference(1, index)

        def report(message: str, name: str = name, cell: str | None = cell) -> None:
            found.add(message, table=data.name, row=1, column=name or None, cell=cell)

        if name in seen:
            report(f"the column {name!r} appears twice (columns {seen[name] + 1} and {index + 1})")
            failed = True
            continue
        seen[name] = index
        if name == "":
            report("a column without a name in the header row: name it or delete the column")
            failed = True
            continue
        if name in table.keys:
            keys[name] = index
            continue
        column = by_name.get(name)
        if column is not None and column.kind != "texts":
            columns.append((column, None, index))
            continue
        stem = next((c for c in stems if name.startswith(c.name + "_")), None)
        if stem is not None:
            tag = name[len(stem.name) + 1 :]
            canonical = canonical_language_tag(tag)
            if canonical is None:
                report(
                    f"{tag!r} in the column {name!r} is not a language tag such as 'en', "
                    f"'fr' or 'zh-Hans': the columns of {stem.name} are named "
                    f"{stem.name}_<language>"
                )
                failed = True
            elif canonical != tag:
                report(f"write the column {name!r} as {stem.header(canonical)!r}")
                failed = True
            else:
                columns.append((stem, tag, index))
            continue
        known = plain + [f"{column.name}_en" for column in stems]
        close = get_close_matches(name, known, n=1, cutoff=0.6)
        if close and close[0] in plain and close[0] not in seen:
            renamed.add(close[0])
            report(f"unknown column {name!r}: is it {close[0]!r} renamed? That column is missing")
        else:
            report(f"unknown column {name!r}{_close(name, known)}")
        failed = True
    missing = [name for name in plain if name not in seen]
    for name in missing:
        if name in renamed:
            continue
        found.add(
            f"the column {name!r} is missing: every copy of this table has it (leave its "
            "cells empty when there is nothing to say)",
            table=data.name,
            row=1,
            cell=data.cell_reference(1, None),
        )
    if failed or missing:
        return None
    return _Layout(keys, columns, len(data.header))


def _empty(value: object) -> bool:
    return value is None or value == ""


_TEXT_KINDS = frozenset({"text", "choice", "texts"})


def _read_rows(table: Table, data: TableData, layout_: _Layout, found: _Found) -> list[_Draft]:
    drafts: list[_Draft] = []
    type_index = next(
        (index for column, _, index in layout_.columns if column.name == "type"), None
    )
    # Worked out once per table: where each cell's value goes in a record's values.
    where = {str(data.header[index]): index for index in range(layout_.width)}
    plan = [
        (
            index,
            column,
            tag,
            column.kind,
            (*(column.path or (TEXT_ITEM,)), tag or "") if column.kind == "texts" else column.path,
        )
        for column, tag, index in layout_.columns
    ]
    guarded = data.guarded
    for number, cells in data.rows:
        if not any(cells) and all(_empty(value) for value in cells):
            continue  # a row left empty, or emptied by hand: no record

        def report(message: str, index: int | None, number: int = number) -> None:
            name = None if index is None else str(data.header[index])
            cell = data.cell_reference(number, index)
            found.add(message, table=data.name, row=number, column=name, cell=cell)

        extra = [index for index in range(layout_.width, len(cells)) if not _empty(cells[index])]
        cls: type | None = table.classes[0] if table.classes else None
        unknown_type = False
        if table.polymorphic and type_index is not None:
            raw = cells[type_index] if type_index < len(cells) else None
            tag = raw if isinstance(raw, str) else None
            cls = MEETING_TYPES.get(tag) if tag is not None else None
            if cls is None:
                unknown_type = True
                choices = ", ".join(repr(t) for t in MEETING_TYPES)
                if _empty(raw):
                    report(f"a meeting needs its type: one of {choices}", type_index)
                else:
                    report(
                        f"expected one of {choices}; got {raw!r}{_close(str(raw), MEETING_TYPES)}",
                        type_index,
                    )
        draft = _Draft(table, data, number, cls)
        if extra:
            draft.pending.append(
                (
                    f"this row has a value beyond the last column (column {extra[0] + 1}): "
                    "give the column a name in the header row, or move the value",
                    (),
                    None,
                )
            )
        draft.where = where
        values = draft.values
        width = len(cells)
        for name, index in layout_.keys.items():
            value = cells[index] if index < width else None
            values[name] = None if value is None or value == "" else str(value)
        if unknown_type:
            drafts.append(draft)
            continue
        for index, column, tag, kind, slot in plan:
            if index >= width:
                continue
            value = cells[index]
            if value is None or value == "":
                continue
            if value.__class__ is str:
                if guarded and value[0] == "'":
                    value = unguard(value)
                if kind in _TEXT_KINDS and column.classes is None:
                    if len(slot) == 1:
                        values[slot[0]] = value  # text as it is: nothing to parse
                    else:
                        _put(values, slot, value)
                    continue
            if column.classes is not None and cls not in column.classes:
                kind_name = MEETING_TYPES_BY_CLASS.get(cls, "record") if cls else "record"
                draft.pending.append(
                    (
                        f"a {kind_name} has no {column.name}: leave this cell empty",
                        column.path,
                        index,
                    )
                )
                draft.bad.add(column.path[0])
                continue
            try:
                parsed = parse_typed(column, value)
            except BadCell as error:
                where_ = column.path + ((tag,) if tag else ())
                draft.pending.append((str(error), where_, index))
                draft.bad.add(column.path[0] if column.path else TEXT_ITEM)
                continue
            _put(values, slot, parsed)
        if table.name == "topics":
            draft.origin = draft.values.pop(ORIGIN, None)
        drafts.append(draft)
    return drafts


MEETING_TYPES_BY_CLASS: Mapping[type, str] = {cls: tag for tag, cls in MEETING_TYPES.items()}


def _put(values: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        values = values.setdefault(name, {})
    values[path[-1]] = value


@cache
def _required_columns(name: str) -> dict[str, list[Column]]:
    """The columns a row of the table *name* must fill, by the field they belong to."""
    groups: dict[str, list[Column]] = {}
    for column in table_named(name).columns:
        if column.kind == "refs" or column.name == ORIGIN:
            continue
        if column.optional or column.classes is not None:
            continue
        groups.setdefault(column.path[0] if column.path else TEXT_ITEM, []).append(column)
    return groups


def _required_problems(draft: _Draft, found: _Found) -> None:
    """Report the required values that a row leaves empty."""
    groups = _required_columns(draft.table.name)
    values = draft.values
    if all(
        (values.get(column.path[0]) if len(column.path) == 1 else None) is not None
        for group in groups.values()
        for column in group
    ):
        return  # every required value is there (the common case)
    for name, group in groups.items():
        if name in draft.bad:
            continue
        for column in group:
            if column.optional or column.classes is not None:
                continue
            present = (
                _get(draft.values, column.path) if column.path else draft.values.get(TEXT_ITEM)
            )
            if present is not None:
                continue
            nested = len(column.path) > 1
            if (
                nested
                and _get(draft.values, column.path[:1]) is None
                and _nested_optional(draft, column)
            ):
                continue
            headers = [h for h, i in draft.where.items() if _belongs(h, column)]
            where = draft.where.get(headers[0]) if headers else None
            if column.kind == "texts":
                message = (
                    f"{column.name} is required: give it in at least one language column "
                    f"({column.name}_en, {column.name}_fr, ...)"
                )
            else:
                message = f"{column.name} is required: this cell cannot be empty"
            found.add(
                message,
                table=draft.data.name,
                row=draft.row,
                column=headers[0] if headers else None,
                cell=draft.data.cell_reference(draft.row, where),
                path=draft.path + pointer(*column.path),
            )
            draft.bad.add(column.path[0] if column.path else TEXT_ITEM)
            break


def _nested_optional(draft: _Draft, column: Column) -> bool:
    """Whether the record that *column* belongs to may be absent as a whole."""
    if draft.cls is None:
        return False
    return next(spec.optional for spec in specs(draft.cls) if spec.name == column.path[0])


def _belongs(header: str, column: Column) -> bool:
    if column.kind == "texts":
        return header.startswith(column.name + "_")
    return header == column.name


def _get(values: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(values, Mapping):
            return None
        values = values.get(name)  # type: ignore[assignment]
    return values


def read_tables(sources: Iterator[TableData | Problem]) -> Dataset:
    """Build a dataset from its tables, or raise `ValidationError` listing every problem.

    *sources* yields each table of `layout` in order, or a `Problem` when one cannot
    be read.
    """
    found = _Found()
    drafts: dict[str, list[_Draft]] = {}
    tables = {table.name: table for table in layout()}
    complete = True
    for item in sources:
        if isinstance(item, Problem):
            found.problems.append(item)
            complete = False
            continue
        table = tables[item.name.removesuffix(".csv")]
        header = _read_header(table, item, found)
        if header is None:
            complete = False
            continue
        drafts[table.name] = _read_rows(table, item, header, found)
    if not complete:
        # Without a table, its rows' children would seem to belong nowhere.
        for rows in drafts.values():
            for draft in rows:
                _report_pending(draft, found)
        raise ValidationError(sorted(found.problems, key=_order))
    return _assemble(drafts, found)


def _assemble(drafts: dict[str, list[_Draft]], found: _Found) -> Dataset:
    """Attach rows to their parents, then build the records, children first."""
    root_rows = drafts[ROOT]
    ordered = layout()
    if len(root_rows) != 1:
        data_name = ordered[0].name
        where = root_rows[1].data.name if len(root_rows) > 1 else data_name
        extra = root_rows[1] if len(root_rows) > 1 else None
        found.add(
            "this table holds the dataset's own fields in exactly one row; "
            f"it has {len(root_rows)}",
            table=where,
            row=extra.row if extra else None,
            cell=extra.data.cell_reference(extra.row, None) if extra else None,
        )
        raise ValidationError(found.problems)
    root = root_rows[0]
    by_id: dict[str, dict[str, _Draft]] = {}
    for table in ordered[1:]:
        rows = drafts[table.name]
        if table.name == "topics":
            rows = _own_topics(rows, found)
        for draft in rows:
            parent = _parent_of(table, draft, root, by_id, found)
            if parent is not None:
                parent.children.setdefault(table.field, []).append(draft)
            else:
                _report_pending(draft, found)  # a row that belongs nowhere has no path
            if table.children:
                # Even a row that belongs nowhere: its children are not orphans of their own.
                record_id = draft.values.get("id")
                if isinstance(record_id, str):
                    by_id.setdefault(table.name, {}).setdefault(record_id, draft)
    _set_paths(root, "", found)
    built = _build(root, found)
    if found.problems or built is None:
        raise ValidationError(sorted(found.problems, key=_order))
    assert isinstance(built, Dataset)
    return built


_TABLE_ORDER: dict[str, int] = {}


def _order(problem: Problem) -> tuple[int, int]:
    """Problems by table and row; in a row, as found (cells left to right, then rules)."""
    if not _TABLE_ORDER:
        for index, table in enumerate(layout()):
            _TABLE_ORDER[table.name] = index
    name = (problem.table or "").removesuffix(".csv")
    return (_TABLE_ORDER.get(name, -1), problem.row or 0)


def _own_topics(rows: list[_Draft], found: _Found) -> list[_Draft]:
    """The dataset's own topics; built-in rows must say what the built-in topics say."""
    own = []
    for draft in rows:
        if draft.origin == "dataset":
            own.append(draft)
            continue
        where = draft.where.get(ORIGIN)
        cell = draft.data.cell_reference(draft.row, where)
        if draft.origin != "builtin":
            shown = "empty" if draft.origin is None else repr(draft.origin)
            found.add(
                f"origin is {shown}: write 'dataset' for a topic of this dataset, 'builtin' "
                "for one of ctocmodel's built-in topics",
                table=draft.data.name,
                row=draft.row,
                column=ORIGIN,
                cell=cell,
            )
            continue
        topic_id = draft.values.get("id")
        builtin = BUILTIN_TOPICS.get(topic_id) if isinstance(topic_id, str) else None
        if builtin is None:
            found.add(
                f"{topic_id!r} is not a built-in topic{_close(str(topic_id), BUILTIN_TOPICS)}; "
                "write 'dataset' in origin to declare a topic of your own",
                table=draft.data.name,
                row=draft.row,
                column=ORIGIN,
                cell=cell,
            )
            continue
        if (draft.values.get("label"), draft.values.get("broader")) != (
            dict(builtin.label),
            builtin.broader,
        ):
            found.add(
                f"this row differs from the built-in topic {topic_id!r}, which cannot be "
                "changed here: restore it, or declare a topic of your own with another id "
                "and origin 'dataset'",
                table=draft.data.name,
                row=draft.row,
                cell=draft.data.cell_reference(draft.row, None),
            )
    return own


def _parent_of(
    table: Table,
    draft: _Draft,
    root: _Draft,
    by_id: Mapping[str, Mapping[str, _Draft]],
    found: _Found,
) -> _Draft | None:
    if table.parents == (root.table,):
        return root
    given = [
        (key, parent)
        for key, parent in zip(table.keys, table.parents, strict=True)
        if draft.values.get(key) is not None
    ]
    if len(given) != 1:
        keys = " or ".join(table.keys)
        message = (
            f"name the record this row belongs to in {keys}"
            if not given
            else f"give {keys}, not both: a row belongs to one record"
        )
        index = draft.where.get(table.keys[0])
        found.add(
            message,
            table=draft.data.name,
            row=draft.row,
            column=table.keys[0],
            cell=draft.data.cell_reference(draft.row, index),
        )
        return None
    key, parent_table = given[0]
    parent_id = draft.values.pop(key)
    for other in table.keys:
        draft.values.pop(other, None)
    ids = by_id.get(parent_table.name, {})
    parent = ids.get(parent_id)
    if parent is None:
        index = draft.where.get(key)
        found.add(
            f"no {key} has the id {parent_id!r}{_close(parent_id, ids)}",
            table=draft.data.name,
            row=draft.row,
            column=key,
            cell=draft.data.cell_reference(draft.row, index),
        )
    return parent


def _report_pending(draft: _Draft, found: _Found) -> None:
    for message, _, index in draft.pending:
        found.add(
            message,
            table=draft.data.name,
            row=draft.row,
            column=None if index is None else str(draft.data.header[index]),
            cell=draft.data.cell_reference(draft.row, index),
        )


def _set_paths(draft: _Draft, path: str, found: _Found) -> None:
    draft.path = path
    for message, where, index in draft.pending:
        found.add(
            message,
            table=draft.data.name,
            row=draft.row,
            column=None if index is None else str(draft.data.header[index]),
            cell=draft.data.cell_reference(draft.row, index),
            path=path + pointer(*where) if where else "",
        )
    for name, children in draft.children.items():
        for index, child in enumerate(children):
            _set_paths(child, f"{path}/{name}/{index}", found)


@dataclass(frozen=True)
class _Plan:
    """What building a record of a class from a row needs, worked out once per class."""

    fields: frozenset[str]
    nested: Mapping[str, type]  # fields holding one record, spread over columns
    required: tuple[str, ...]  # fields the constructor needs


@cache
def _plan(cls: type) -> _Plan:
    fields = specs(cls)
    return _Plan(
        fields=frozenset(spec.name for spec in fields),
        nested={
            spec.name: spec.records[0]
            for spec in fields
            if not spec.many and len(spec.records) == 1
        },
        required=tuple(spec.name for spec in fields if spec.required),
    )


def _build(draft: _Draft, found: _Found) -> Any:
    """Build the record of *draft* and its children's; None (problems reported) if refused."""
    _required_problems(draft, found)
    kwargs: dict[str, Any] = {}
    failed_children: set[str] = set()
    plan = _plan(draft.cls) if draft.cls is not None else None
    for child_table in draft.table.children:
        name = child_table.field
        if plan is not None and draft.cls is not None and name not in plan.fields:
            if draft.children.get(name):
                first = draft.children[name][0]
                found.add(
                    f"this row belongs to {draft.values.get('id')!r}, a "
                    f"{MEETING_TYPES_BY_CLASS.get(draft.cls, draft.cls.__name__)}, which has "
                    f"no {name}",
                    table=first.data.name,
                    row=first.row,
                    cell=first.data.cell_reference(first.row, None),
                )
            continue
        built = [_build(child, found) for child in draft.children.get(name, [])]
        if any(item is None for item in built):
            failed_children.add(name)
        kwargs[name] = tuple(item for item in built if item is not None)
    if draft.table.texts_only:
        if TEXT_ITEM in draft.bad:
            return None
        return draft.values.get(TEXT_ITEM)
    if draft.cls is None:
        return None  # a meeting of no known type: reported
    if draft.cls is Dataset and failed_children:
        return None  # rules across records apply once every record is well formed
    assert plan is not None
    keys = draft.table.keys
    for name, value in draft.values.items():
        if name in keys:
            continue
        nested = plan.nested.get(name)
        if nested is not None and isinstance(value, dict):
            try:
                kwargs[name] = nested(**value)
            except ValidationError as error:
                _report_model(draft, error, prefix=pointer(name), found=found)
                draft.bad.add(name)
                kwargs[name] = None
        else:
            kwargs[name] = value
    if draft.table.polymorphic:
        kwargs.pop("type", None)  # the class says it
    for name in plan.required:
        if name not in kwargs:
            kwargs[name] = None  # empty or unreadable: reported, or the model says so
    try:
        record = draft.cls(**kwargs)
    except ValidationError as error:
        _report_model(draft, error, prefix="", found=found, skip=failed_children)
        return None
    if draft.bad or failed_children:
        return None
    return record


def _report_model(
    draft: _Draft,
    error: ValidationError,
    *,
    prefix: str,
    found: _Found,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Report the model's problems with a record, located in the tables."""
    for problem in error.errors:
        path = prefix + problem.path
        tokens = _tokens(path)
        first = tokens[0] if tokens else ""
        if first in draft.bad or first in skip:
            continue  # already reported, or about children that were refused
        _locate(draft, tokens, problem.message, draft.path + path, found)


def _tokens(path: str) -> list[str]:
    if not path:
        return []
    return [token.replace("~1", "/").replace("~0", "~") for token in path[1:].split("/")]


def _locate(draft: _Draft, tokens: list[str], message: str, path: str, found: _Found) -> None:
    """Report *message* at the cell of *draft* (or of a child row) that *tokens* point to."""
    while tokens and tokens[0] in draft.children and len(tokens) >= 2 and tokens[1].isdigit():
        children = draft.children[tokens[0]]
        index = int(tokens[1])
        if index >= len(children):
            break
        draft, tokens = children[index], tokens[2:]
    header: str | None = None
    if draft.table.texts_only:
        if tokens:
            header = f"{TEXT_ITEM}_{tokens[0]}"
        tokens = []
    for column in draft.table.columns:
        width = len(column.path)
        if tuple(tokens[:width]) != column.path or not column.path:
            continue
        if column.kind == "texts":
            rest = tokens[width:]
            if rest and column.header(rest[0]) in draft.where:
                header = column.header(rest[0])
            else:
                header = next((h for h in draft.where if _belongs(h, column)), None)
        else:
            header = column.name
        break
    else:
        if tokens and tokens[0] in draft.table.keys:
            header = tokens[0]
        elif len(tokens) >= 1 and header is None:
            # A nested record as a whole (a venue): its first column.
            header = next(
                (
                    c.name
                    if c.kind != "texts"
                    else next((h for h in draft.where if _belongs(h, c)), None)
                    for c in draft.table.columns
                    if c.path[:1] == tuple(tokens[:1])
                ),
                None,
            )
    position = draft.where.get(header) if header is not None else None
    found.add(
        message,
        table=draft.data.name,
        row=draft.row,
        column=header if position is not None else None,
        cell=draft.data.cell_reference(draft.row, position),
        path=path,
    )


def ids_suggestion(word: str, choices: Iterable[str]) -> str:
    """A did-you-mean for *word* among *choices*, or ``""``."""
    return _close(word, choices)


def checked_languages(languages: Sequence[str]) -> tuple[str, ...]:
    """Check that *languages* are distinct language tags in canonical case."""
    if isinstance(languages, str):
        raise TypeError(
            f"languages is a sequence of language tags, such as ('en', 'fr'), "
            f"not the string {languages!r}"
        )
    result = tuple(languages)
    for tag in result:
        if not isinstance(tag, str):
            raise TypeError(f"expected a language tag (a string), got {tag!r}")
        canonical = canonical_language_tag(tag)
        if canonical is None:
            raise ValueError(f"{tag!r} is not a BCP 47 language tag, such as 'en' or 'zh-Hans'")
        if canonical != tag:
            raise ValueError(f"write the language tag {tag!r} as {canonical!r}")
    if len(set(result)) != len(result):
        raise ValueError(f"languages lists a language twice: {result!r}")
    return result

"""Arrow tables and Parquet files for analysts: one table per kind of record, typed columns.

The tables are those of the spreadsheet export (`ctocmodel.to_csv`), worked out from
the model's declarations, so that a field added to the model gets its column here
too; their columns are typed instead of text:

==================  ==============================================================
field               Arrow columns
==================  ==============================================================
text, id, choice    ``string`` (a reference to one record: the record's id)
integer             ``int64``
date                ``date32``
date-time           ``<field>``: ``timestamp[us, tz=UTC]``, the instant; and
                    ``<field>_offset_minutes``: ``int16``, the UTC offset the
                    document gives (``+02:00`` is 120), to recover the local time
multilingual text   one ``string`` column per language, ``<field>_<tag>``
                    (``title_en``, ``title_fr``): the languages present
references          ``list<string>`` of ids (``organizers``, ``topics``)
count               ``<field>_qualifier`` and ``<field>_value`` as written, and the
                    interval they state, ``<field>_low`` and ``<field>_high``
                    (``int64``; ``high`` null when unbounded): "more than 90" is
                    low 91, high null
==================  ==============================================================

Each table of records kept in a list names its parent by id (``meetings.session``,
``participants.meeting``); ``topics`` also holds the built-in topics the dataset
uses (``origin``), as in the spreadsheet tables.

Many datasets (a JSON Lines archive) go into one set of tables, with a first column
``dataset`` naming each row's dataset: ``FILE:LINE``, the file's path as given and the
line's number from 1, as ``ctocmodel validate --jsonl`` names lines. Ids are unique
within a dataset, not across an archive: join tables on ``dataset`` and the id.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from .._jsonl import JsonlLine, jsonl_lines
from .._limits import Limits
from .._model import Count, Dataset, specs
from .._optional import require
from .._privacy import Privacy, redact
from ._tables import ORIGIN, Column, Row, Table, language_tags, layout, table_rows, value_at

__all__ = ["PROBLEMS", "to_arrow", "to_parquet", "write_parquet_part"]

PROBLEMS = "problems"
"""The table of the lines of a JSON Lines archive that are not datasets, one row per problem."""

DATASET_COLUMN = "dataset"
_BATCH = 256  # datasets per Parquet file when reading JSON Lines in this process


def _pyarrow() -> Any:
    return require("pyarrow", package="pyarrow", extra="arrow", feature="Arrow tables")


@dataclass(frozen=True)
class _Out:
    """One Arrow column: its name, type, whether it may be null, and how a row gives its value."""

    name: str
    type: Any
    nullable: bool
    value: Callable[[Row], object]


def _held(classes: tuple[type, ...], path: tuple[str, ...]) -> type | None:
    """The record class a nested record field at *path* holds (``("count",)``: `Count`)."""
    found: type | None = None
    for name in path:
        found = next(
            (
                spec.records[0]
                for cls in classes
                for spec in specs(cls)
                if spec.name == name and len(spec.records) == 1 and not spec.many
            ),
            None,
        )
        if found is None:
            return None
        classes = (found,)
    return found


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _microseconds(value: object) -> int | None:
    """The instant *value* as microseconds since 1970 UTC.

    Computed here, not by pyarrow, which fails on instants whose UTC date is outside
    years 1 to 9999 (0001-01-01T00:00+05:00), valid in the model.
    """
    if not isinstance(value, dt.datetime):
        return None
    return (value - _EPOCH) // dt.timedelta(microseconds=1)


def _offset_minutes(value: object) -> int | None:
    if not isinstance(value, dt.datetime):
        return None
    offset = value.utcoffset()
    return None if offset is None else int(offset.total_seconds()) // 60


def _bound(prefix: tuple[str, ...], which: int) -> Callable[[Row], object]:
    def value(row: Row) -> object:
        count = value_at(row.record, prefix)
        return count.bounds()[which] if isinstance(count, Count) else None

    return value


def _key(index: int) -> Callable[[Row], object]:
    return lambda row: row.keys[index] if row.keys else None


def _text(path: tuple[str, ...], tag: str) -> Callable[[Row], object]:
    def text(row: Row) -> object:
        found = row.record if path == () else value_at(row.record, path)
        return None if not found else found.get(tag)

    return text


def _column_names(pa: Any, table: Table, names: set[str]) -> list[str]:
    """The columns of *table* in order, with the language columns among *names*."""
    plain = {out.name for out in _columns(pa, table, [])}

    def tags(column: Column) -> list[str]:
        stem = column.header("")
        return sorted(n[len(stem) :] for n in names - plain if n.startswith(stem))

    return [out.name for out in _columns(pa, table, [], tags)]


def _columns(
    pa: Any, table: Table, rows: list[Row], tags: Callable[[Column], list[str]] | None = None
) -> list[_Out]:
    """The Arrow columns of *table*, multilingual fields spread over the languages of *rows*.

    *tags*, when given, says instead which languages each multilingual field has.
    """
    out = [_Out(key, pa.string(), len(table.keys) > 1, _key(i)) for i, key in enumerate(table.keys)]
    for column in table.columns:
        out += _typed(pa, table, column, rows, tags)
    return out


def _typed(
    pa: Any,
    table: Table,
    column: Column,
    rows: list[Row],
    tags: Callable[[Column], list[str]] | None,
) -> list[_Out]:
    path, name, optional = column.path, column.name, column.optional

    def plain(row: Row, path: tuple[str, ...] = path) -> object:
        return value_at(row.record, path)

    if column.name == ORIGIN and path == (ORIGIN,):
        return [_Out(name, pa.string(), False, lambda row: row.origin)]
    if column.kind == "texts":
        present = (
            tags(column)
            if tags is not None
            else language_tags(column, (r.record for r in rows), ())
        )
        return [_Out(column.header(tag), pa.string(), True, _text(path, tag)) for tag in present]
    if column.kind == "int":
        found = [_Out(name, pa.int64(), optional, plain)]
        if len(path) > 1 and _held(table.classes, path[:-1]) is Count and path[-1] == "value":
            stem = "_".join(path[:-1])
            found += [
                _Out(f"{stem}_low", pa.int64(), optional, _bound(path[:-1], 0)),
                _Out(f"{stem}_high", pa.int64(), True, _bound(path[:-1], 1)),
            ]
        return found
    if column.kind == "date":
        return [_Out(name, pa.date32(), optional, plain)]
    if column.kind == "datetime":
        return [
            _Out(
                name, pa.timestamp("us", tz="UTC"), optional, lambda row: _microseconds(plain(row))
            ),
            _Out(
                f"{name}_offset_minutes", pa.int16(), optional, lambda r: _offset_minutes(plain(r))
            ),
        ]
    if column.kind == "refs":
        return [
            _Out(name, pa.list_(pa.string()), False, lambda row: list(value_at(row.record, path)))
        ]
    return [_Out(name, pa.string(), optional, plain)]  # text, choice


def _build(pa: Any, table: Table, rows: list[tuple[str | None, Row]], with_id: bool) -> Any:
    columns = _columns(pa, table, [row for _, row in rows])
    fields, arrays = [], []
    if with_id:
        fields.append(pa.field(DATASET_COLUMN, pa.string(), nullable=False))
        arrays.append(pa.array([dataset_id for dataset_id, _ in rows], pa.string()))
    for column in columns:
        fields.append(pa.field(column.name, column.type, nullable=column.nullable))
        values = [column.value(row) for _, row in rows]
        if pa.types.is_timestamp(column.type):  # microseconds, typed as instants
            arrays.append(pa.array(values, pa.int64()).cast(column.type))
        else:
            arrays.append(pa.array(values, column.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _tables(
    pa: Any,
    datasets: Iterable[tuple[str | None, Dataset]],
    with_id: bool,
    privacy: Privacy | None,
) -> dict[str, Any]:
    collected: dict[str, list[tuple[str | None, Row]]] = {table.name: [] for table in layout()}
    for dataset_id, dataset in datasets:
        for name, rows in table_rows(redact(dataset, privacy)).items():
            collected[name] += [(dataset_id, row) for row in rows]
    return {table.name: _build(pa, table, collected[table.name], with_id) for table in layout()}


def to_arrow(
    dataset: Dataset, *, dataset_id: str | None = None, privacy: Privacy | None = None
) -> dict[str, Any]:
    """Return *dataset* as Arrow tables by name, one per kind of record, with typed columns.

    Needs the optional ``pyarrow`` package (``pip install pyarrow``, or the extra
    ``arrow``). With *dataset_id*, every table starts with a column ``dataset``
    holding it, as in the tables of an archive (`to_parquet`). *privacy* says which
    people the tables show, as for every export (default: as each one's visibility
    allows; see `Privacy`).

    >>> from ctocmodel import examples
    >>> tables = to_arrow(examples.cop7())
    >>> figures = tables["figures"]
    >>> figures.column("count_low").to_pylist(), figures.column("count_high").to_pylist()
    ([91, 51, 16], [None, None, 16])
    >>> str(tables["sessions"].schema.field("start").type)
    'date32[day]'
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__qualname__}")
    return _tables(_pyarrow(), [(dataset_id, dataset)], dataset_id is not None, privacy)


def _problem_table(pa: Any, lines: list[JsonlLine]) -> Any:
    rows = [(line, problem) for line in lines for problem in line.problems]
    return pa.table(
        {
            DATASET_COLUMN: pa.array([line.id for line, _ in rows], pa.string()),
            "file": pa.array([line.file for line, _ in rows], pa.string()),
            "line": pa.array([line.number for line, _ in rows], pa.int64()),
            "pointer": pa.array([problem.path for _, problem in rows], pa.string()),
            "message": pa.array([problem.message for _, problem in rows], pa.string()),
        }
    )


def write_parquet_part(
    lines: Iterable[JsonlLine], folder: str | os.PathLike[str], privacy: Privacy | None = None
) -> int:
    """Write the tables of *lines* as one Parquet file in each table's folder of *folder*.

    The datasets of the lines go into the tables, with their ids in the column
    ``dataset``; the problems of the other lines into the table `PROBLEMS`. The file
    is named after the first line, so that parts written in parallel never collide.
    Returns how many datasets were written; writes nothing for no lines. *privacy* is
    that of `to_arrow`.
    """
    pa = _pyarrow()
    parquet = require("pyarrow.parquet", package="pyarrow", extra="arrow", feature="Parquet")
    lines = list(lines)
    if not lines:
        return 0
    datasets = [(line.id, line.dataset) for line in lines if line.dataset is not None]
    tables = _tables(pa, datasets, with_id=True, privacy=privacy)
    tables[PROBLEMS] = _problem_table(pa, lines)
    part = sha256(lines[0].id.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    for name, table in tables.items():
        directory = Path(folder) / name
        directory.mkdir(parents=True, exist_ok=True)
        parquet.write_table(table, directory / f"part-{part}.parquet")
    return len(datasets)


def _lines_of(
    paths: Iterable[str | os.PathLike[str]], limits: Limits | None
) -> Iterator[JsonlLine]:
    for path in paths:
        yield from jsonl_lines(path, file=os.fspath(path), limits=limits)


def _batches(lines: Iterator[JsonlLine], size: int) -> Iterator[list[JsonlLine]]:
    batch: list[JsonlLine] = []
    for line in lines:
        batch.append(line)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _empty_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(
            f"{folder} exists and is not an empty folder: to_parquet writes into a new or "
            "empty folder, so that no file of an earlier run mixes with the new tables"
        )
    folder.mkdir(parents=True, exist_ok=True)


def _finish(folder: Path) -> None:
    """Give every table a file, and every file of a table the same columns, in one order.

    Parts written apart differ in their language columns (the languages of their own
    rows): each part lacking a column gets it, empty, so that readers that take a
    table's columns from one file (pyarrow's datasets, pandas, Polars) see them all.
    """
    pa = _pyarrow()
    parquet = require("pyarrow.parquet", package="pyarrow", extra="arrow", feature="Parquet")
    empty = _tables(pa, [], with_id=True, privacy=None)
    empty[PROBLEMS] = _problem_table(pa, [])
    tables = {table.name: table for table in layout()}
    for name, table in empty.items():
        directory = folder / name
        if not directory.is_dir() or not any(directory.glob("*.parquet")):
            directory.mkdir(parents=True, exist_ok=True)
            parquet.write_table(table, directory / "part-empty.parquet")
        parts = sorted(directory.glob("*.parquet"))
        schemas = [parquet.read_schema(part) for part in parts]
        fields = {field.name: field for schema in schemas for field in schema}
        if name in tables:
            order = [DATASET_COLUMN, *_column_names(pa, tables[name], set(fields))]
        else:
            order = list(empty[name].column_names)
        unified = pa.schema([fields[column] for column in order if column in fields])
        for part, schema in zip(parts, schemas, strict=True):
            if schema.equals(unified):
                continue
            found = parquet.read_table(part)
            columns = [
                found.column(field.name)
                if field.name in schema.names
                else pa.nulls(found.num_rows, field.type)
                for field in unified
            ]
            parquet.write_table(pa.Table.from_arrays(columns, schema=unified), part)


def to_parquet(
    source: Dataset | str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Any,
    folder: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    privacy: Privacy | None = None,
) -> int:
    """Write the tables of `to_arrow` as Parquet files, a folder per table; return the datasets.

    *source* is a `Dataset`; or JSON Lines files, one path or several, whose datasets
    all go into the same tables, with a first column ``dataset`` (``FILE:LINE``) and
    the problems of lines that are not datasets in the table ``problems``; or a Dask
    bag of `ctocmodel.dask.read_jsonl`, whose partitions are written in parallel.
    *folder* must be new or empty; each table is the folder ``<folder>/<table>/``
    of one or more ``part-*.parquet`` files with the same columns, which DuckDB reads
    as ``'<folder>/<table>/*.parquet'`` and pyarrow as
    ``pyarrow.dataset.dataset('<folder>/<table>')``. *limits* apply to each line of
    JSON Lines; *privacy* says which people the tables show (see `to_arrow`).

    >>> import tempfile
    >>> from ctocmodel import examples
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = to_parquet(examples.cop7(), folder)
    ...     tables = sorted(p.name for p in Path(folder).iterdir())
    >>> written, tables[:4]
    (1, ['admissions', 'citations', 'conferences', 'dataset'])
    """
    target = Path(folder)
    if isinstance(source, Dataset):
        parquet = require("pyarrow.parquet", package="pyarrow", extra="arrow", feature="Parquet")
        tables = to_arrow(source, privacy=privacy)
        _empty_folder(target)
        for name, table in tables.items():
            (target / name).mkdir()
            parquet.write_table(table, target / name / "part-0.parquet")
        return 1
    if _is_dask_bag(source):
        from ..dask import write_parquet

        _empty_folder(target)
        written = write_parquet(source, target, privacy)
        _finish(target)
        return written
    paths = [source] if isinstance(source, str | os.PathLike) else list(source)
    if not all(isinstance(path, str | os.PathLike) for path in paths):
        raise TypeError(
            "to_parquet reads a Dataset, JSON Lines files (paths) or a Dask bag of "
            f"ctocmodel.dask.read_jsonl; got {type(source).__qualname__}"
        )
    _pyarrow()
    _empty_folder(target)
    written = sum(
        write_parquet_part(batch, target, privacy)
        for batch in _batches(_lines_of(paths, limits), _BATCH)
    )
    _finish(target)
    return written


def _is_dask_bag(value: object) -> bool:
    return type(value).__module__.startswith("dask.bag")

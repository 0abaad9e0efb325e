r"""CSV tables both ways: one table per kind of record, for spreadsheets and data tools.

`to_csv` writes the tables into a folder, or into a zip archive when the target ends
with ``.zip`` (in any case), with a ``datapackage.json`` that describes them as a
Frictionless Data Package; `from_csv` reads them back into a `Dataset`. Every table
is written, with its header row, even when it has no rows.

The tables and their columns follow the model (see `ctocmodel.exports.table_columns`
and the format reference): ``dataset.csv`` holds the dataset's own fields in one row;
``sources.csv``, ``organizations.csv``, ``people.csv``, ``topics.csv`` and
``conferences.csv`` its lists of records; and each list inside a record is a table
named after its field (``identifiers.csv``, ``positions.csv``, ``sessions.csv``,
``participation.csv``, ``figures.csv``, ``meetings.csv``, ``participants.csv``,
``documents.csv``, ``questions.csv``), whose first column names the record each row
belongs to (``organization``, ``person``, ``conference``, ``session``, ``meeting``;
``documents.csv`` has ``session`` and ``meeting``, one of them filled).

Cells:

- A column is named after its field; a field of a record held in one field is
  ``<field>_<its field>`` (``venue_time_zone``, ``count_value``); meetings say their
  kind in ``type``; ``topics.csv`` also lists the built-in topics that the dataset
  uses (``origin`` ``builtin``; its own are ``dataset``), so that every topic id
  resolves; they are read back only to check that they were left as they are.
- Multilingual text is one column per language, ``<field>_<tag>``, such as
  ``name_en`` or ``title_zh-Hans``: first the *languages* asked for (by default the
  six UN languages: ar, zh, en, fr, ru, es), then every other language tag that the
  table holds for that field, sorted, so that no text is left out. A reader may add
  columns for other languages.
- A reference is the id of the record it points to; a list of references is one
  cell of ids joined by ``|``, in the order of the dataset (ids never contain ``|``).
- Dates are ``YYYY-MM-DD``; date-times have the canonical form of the JSON format
  (``2014-10-07T13:00:00+02:00``, ``Z`` for UTC); numbers are decimal digits; an
  absent value or an empty list is an empty cell, and a row whose cells are all
  empty is no record.
- Text from the data (names, titles, quotes, descriptions...; ids, codes and dates
  never start so) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return, or with apostrophes followed by one of these, gets one more apostrophe in
  front (``=SUM(A1)`` is written ``'=SUM(A1)``), so that spreadsheets do not run it as a
  formula (OWASP's advice on CSV injection). A program reading the tables removes one
  leading apostrophe from every cell that starts with apostrophes followed by one of
  these characters, and gets the text back exactly; `from_csv` does.

The files are UTF-8 without a byte-order mark, with the ``csv`` module's defaults:
commas, ``"`` around cells that need them, and CRLF (``\r\n``) at the end of each
row. ``excel=True`` adds a byte-order mark, which Excel needs to read non-ASCII text
as UTF-8. Cells may hold line breaks: read the files with ``newline=""``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .._files import write_atomically
from .._model import UN_LANGUAGES, Dataset
from .._privacy import Privacy, redact
from ..errors import Problem, ValidationError
from . import _tables
from ._datapackage import DESCRIPTOR, descriptor

__all__ = ["from_csv", "to_csv"]

# Fixed, so that the same dataset always gives the same archive: the earliest zip date.
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def _encode(rows: Sequence[Sequence[str]], *, excel: bool) -> bytes:
    """Write *rows* with the csv module's defaults, as UTF-8 (with a BOM for Excel)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    payload = buffer.getvalue().encode("utf-8")
    return codecs.BOM_UTF8 + payload if excel else payload


def _csv_cell(value: _tables.Cell) -> str:
    if isinstance(value, str):
        return _tables.guard(value)
    return _tables.cell_text(value)


def csv_tables(dataset: Dataset, languages: Sequence[str]) -> list[tuple[str, list[list[str]]]]:
    """Every table, in the layout's order, as its file name and its header and rows."""
    rows = _tables.table_rows(dataset)
    result = []
    for table in _tables.layout():
        header = _tables.header(table, rows[table.name], languages)
        body = [
            [_csv_cell(value) for value in _tables.row_values(header, row)]
            for row in rows[table.name]
        ]
        result.append((f"{table.name}.csv", [list(header.names), *body]))
    return result


def to_csv(
    dataset: Dataset,
    target: str | os.PathLike[str],
    *,
    excel: bool = False,
    languages: Sequence[str] = UN_LANGUAGES,
    privacy: Privacy | None = None,
) -> list[str]:
    """Write *dataset* as CSV tables into the folder or ``.zip`` archive *target*.

    A folder is created when missing, and each table in it is replaced atomically
    (other files are left alone); an archive is written whole, with fixed timestamps,
    so that the same dataset gives the same bytes. Returns the names of the tables
    written; the module documentation describes them. ``datapackage.json`` is
    written beside them. *excel* adds the byte-order mark that Excel needs;
    *languages* are the languages that get a column for each multilingual field,
    before any other language the data holds. *privacy* says what the export shows
    of the people the dataset names (default: what each person's visibility allows;
    see `Privacy`).
    A working copy that reads back whole needs ``Privacy(everyone=True)``.

    >>> import tempfile, ctocmodel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     names = to_csv(ctocmodel.examples.cop7(), folder)
    >>> names[:3]
    ['dataset.csv', 'sources.csv', 'organizations.csv']
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    tables = csv_tables(redact(dataset, privacy), _tables.checked_languages(languages))
    files = [(name, _encode(rows, excel=excel)) for name, rows in tables]
    package = json.dumps(
        descriptor([(name, rows[0]) for name, rows in tables]),
        ensure_ascii=False,
        indent=2,
    )
    files.append((DESCRIPTOR, (package + "\n").encode("utf-8")))
    path = Path(target)
    if os.fspath(target).lower().endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, payload in files:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever the system writing it
                info.external_attr = 0o644 << 16  # rw-r--r--
                archive.writestr(info, payload)
        write_atomically(path, buffer.getvalue())
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, payload in files:
            write_atomically(path / name, payload)
    return [name for name, _ in tables]


# Reading


def _decode(name: str, payload: bytes) -> str | Problem:
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Problem(
            path="",
            message=(
                f"not UTF-8 text (byte {payload[error.start]:#04x} at offset {error.start}): "
                "save the table as CSV in UTF-8 (Excel: 'CSV UTF-8'; LibreOffice: character "
                "set 'Unicode (UTF-8)')"
            ),
            table=name,
        )


def _parse(name: str, text: str) -> _tables.TableData | Problem:
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to a language that writes decimal commas save CSV with ';'.
    delimiter = ";" if "," not in first_line and ";" in first_line else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        return Problem(path="", message=f"not a CSV table: {error}", table=name)
    if not records:
        return Problem(
            path="",
            message="the file is empty: a table has at least its header row",
            table=name,
        )
    return _tables.TableData(
        name=name,
        header=list(records[0]),
        rows=list(enumerate(records[1:], start=2)),
        guarded=True,
    )


class _Source:
    """The files of a folder or a zip archive, by name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.archive: zipfile.ZipFile | None = None
        if path.is_dir():
            self.names = {p.name for p in path.iterdir() if p.is_file()}
        else:
            try:
                self.archive = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise ValidationError(
                    [
                        Problem(
                            path="",
                            message="not a folder of CSV tables nor a zip archive of them",
                            table=path.name,
                        )
                    ]
                ) from None
            self.names = {info.filename for info in self.archive.infolist() if not info.is_dir()}

    def read(self, name: str) -> bytes:
        if self.archive is not None:
            return self.archive.read(name)
        return (self.path / name).read_bytes()

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()


def _tables_of(source: _Source) -> Iterator[_tables.TableData | Problem]:
    expected = [f"{table.name}.csv" for table in _tables.layout()]
    others = sorted(
        name for name in source.names if name.lower().endswith(".csv") and name not in expected
    )
    for name in expected:
        if name not in source.names:
            hint = _tables.ids_suggestion(name, others)
            yield Problem(
                path="",
                message=f"this table is missing{hint}: to_csv writes every table, even "
                "empty ones (a header row), and from_csv reads them all",
                table=name,
            )
            continue
        text = _decode(name, source.read(name))
        yield text if isinstance(text, Problem) else _parse(name, text)


def from_csv(source: str | os.PathLike[str]) -> Dataset:
    """Read the CSV tables that `to_csv` writes (a folder or a ``.zip``) into a `Dataset`.

    Rows added, deleted or reordered by hand are read as such; the formula guard is
    undone as the module documentation says. Every problem is reported at once in a
    `ValidationError`, each with its table, row and column (``organizations.csv:12:
    name_fr``) and the JSON Pointer of the value in the dataset.

    >>> import tempfile, ctocmodel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = ctocmodel.to_csv(ctocmodel.examples.cop7(), folder)
    ...     from_csv(folder) == ctocmodel.examples.cop7()
    True
    """
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"no such folder or file: {os.fspath(source)!r}")
    files = _Source(path)
    try:
        return _tables.read_tables(_tables_of(files))
    finally:
        files.close()

"""Excel workbooks both ways: the CSV tables as sheets, with types, filters and pick lists.

`to_xlsx` writes one sheet per table of `ctocmodel.to_csv`, named like the table
without ``.csv`` and with the same columns, after a ``read me`` sheet that says what
each column holds; a ``lists`` sheet at the end holds the values of the closed lists
(kinds, roles, qualifiers, country codes...), which the columns offer as pick lists
(Excel data validation). Each sheet's header row is frozen and filtered, its columns
as wide as their content (up to a limit). Cells are typed: dates are dates, whole
numbers are numbers (those beyond 2^53, which a spreadsheet would round, are text),
and text is text, exactly: a workbook needs no formula guard, since a text cell is
never run as a formula. Date-times keep their UTC offset as text
(``2014-10-07T13:00:00+02:00``), which no spreadsheet type holds.

`from_xlsx` reads such a workbook back, also after Excel or LibreOffice saved it:
numbers typed in text columns are that text, dates typed as text are read as in CSV,
and formulas give the values the spreadsheet computed. Every problem is reported at
once as ``sheet!C12: ...`` with the JSON Pointer of the value in the dataset.

Needs the optional dependency openpyxl (the extra ``xlsx``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .._files import write_atomically
from .._model import UN_LANGUAGES, Dataset
from .._optional import require
from .._privacy import Privacy, redact
from ..errors import Problem, ValidationError
from . import _tables

__all__ = ["LISTS_SHEET", "README_SHEET", "from_xlsx", "to_xlsx"]

README_SHEET = "read me"
"""The first sheet: what each column holds."""
LISTS_SHEET = "lists"
"""The last sheet: the values that the pick lists offer."""

EXACT_INTEGERS = 2**53
"""Whole numbers up to this are numbers in a workbook; beyond, text (a spreadsheet rounds them)."""

MAX_CELL_TEXT = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit; LibreOffice's too)."""

_WIDEST, _NARROWEST = 60, 8
_FEATURE = "Excel workbooks"


def _openpyxl() -> Any:
    return require("openpyxl", package="openpyxl", extra="xlsx", feature=_FEATURE)


def _letter(index: int) -> str:
    """The column letters of the 0-based column *index*: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _width(value: _tables.Cell) -> int:
    text = _tables.cell_text(value)
    return max((len(line) for line in text.splitlines()), default=0)


def describe(table: _tables.Table, column: _tables.Column | None, key: str | None) -> str:
    """What a column holds, in a few words, for the read-me sheet."""
    if column is None:
        assert key is not None
        parent = table.parents[table.keys.index(key)].name
        alone = len(table.keys) == 1
        return f"the id of the {key} (sheet {parent}) this row belongs to" + (
            "" if alone else f"; fill either {' or '.join(table.keys)}"
        )
    words = {
        "text": "text",
        "int": "a whole number",
        "date": "a date",
        "datetime": "a date and time with its UTC offset, as text: 2014-10-07T13:00:00+02:00",
        "choice": "one of the values of the list",
        "texts": "the text in the language of the column's suffix (name_fr: French)",
        "refs": "ids joined by |",
    }[column.kind]
    target = _tables.REFERENCES.get(column.path[-1] if column.path else "")
    if target is not None and column.kind == "text":
        words = f"the id of a record of the sheet {target}"
    elif target is not None and column.kind == "refs":
        words = f"ids of records of the sheet {target}, joined by |"
    if column.name == "id":
        words = "the id of this record: lowercase letters and digits, joined by - _ or ."
    if column.name == _tables.ORIGIN:
        words = "builtin for ctocmodel's own topics (listed for reference), dataset for yours"
    if column.kind != "choice" and column.choices:
        words += " (a code of the list)"
    need = "optional" if column.optional or column.kind == "refs" else "required"
    if column.kind == "texts":
        need = "optional" if column.optional else "required in at least one language"
    return f"{words}; {need}"


def _readme(openpyxl: Any, workbook: Any, sheets: Sequence[tuple[_tables.Table, Any]]) -> None:
    sheet = workbook.create_sheet(README_SHEET)
    bold = openpyxl.styles.Font(bold=True)
    cell = openpyxl.cell.WriteOnlyCell
    lines = [
        "A ctocmodel dataset: one sheet per kind of record, one row per record.",
        "Edit, add, delete or reorder rows; a row whose cells are all empty is no record.",
        "A row of a sheet such as participants names the record it belongs to in its first "
        "column (meeting), by id.",
        "Multilingual text has a column per language (name_en, name_fr...); add a column "
        "such as name_de for another language.",
        "Empty cell: no value. Several ids in one cell are joined by |.",
        "Read it back with: ctocmodel import --from xlsx THIS-FILE -o dataset.json",
        "",
    ]
    for line in lines:
        sheet.append([line])
    header = [cell(sheet, value=name) for name in ("sheet", "column", "what it holds", "values")]
    for item in header:
        item.font = bold
    sheet.append(header)
    for table, header_of in sheets:
        for name, (column, _) in zip(header_of.names, header_of.columns, strict=True):
            key = name if column is None else None
            values = ", ".join(column.choices) if column is not None and column.choices else ""
            if column is not None and column.choices and len(column.choices) > 20:
                values = f"see the sheet {LISTS_SHEET}"
            sheet.append([table.name, name, describe(table, column, key), values])
    for letter, width in zip("ABCD", (16, 24, 70, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def to_xlsx(
    dataset: Dataset,
    target: str | os.PathLike[str],
    *,
    languages: Sequence[str] = UN_LANGUAGES,
    privacy: Privacy | None = None,
) -> list[str]:
    """Write *dataset* as an Excel workbook (``.xlsx``) at *target*, atomically.

    Returns the names of the sheets of tables; the module documentation describes
    the workbook. *languages* get a column for each multilingual field, before any
    other language the data holds. *privacy* says what the export shows of the
    people the dataset names (default: what each person's visibility allows; see
    `Privacy`).
    A working copy that reads back whole needs ``Privacy(everyone=True)``. Needs
    openpyxl (the extra ``xlsx``).

    >>> import tempfile, ctocmodel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sheets = to_xlsx(ctocmodel.examples.cop7(), f"{folder}/cop7.xlsx")
    >>> sheets[:3]
    ['dataset', 'sources', 'organizations']
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected a Dataset, got {type(dataset).__name__}")
    languages = _tables.checked_languages(languages)
    openpyxl = _openpyxl()
    WriteOnlyCell = openpyxl.cell.WriteOnlyCell
    DataValidation = require(
        "openpyxl.worksheet.datavalidation", package="openpyxl", extra="xlsx", feature=_FEATURE
    ).DataValidation

    rows = _tables.table_rows(redact(dataset, privacy))
    headers = [
        (table, _tables.header(table, rows[table.name], languages)) for table in _tables.layout()
    ]
    bodies = [
        [_tables.row_values(header, row) for row in rows[table.name]] for table, header in headers
    ]
    # Checked before writing: a write-only workbook left half written cannot be closed cleanly.
    for (table, _), body in zip(headers, bodies, strict=True):
        for number, values in enumerate(body, start=2):
            for index, value in enumerate(values):
                if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
                    raise ValueError(
                        f"{table.name}!{_letter(index)}{number}: a text of {len(value):,} "
                        f"characters, more than the {MAX_CELL_TEXT:,} a spreadsheet cell "
                        "holds; export as CSV instead"
                    )
    workbook = openpyxl.Workbook(write_only=True)
    _readme(openpyxl, workbook, headers)
    lists: dict[tuple[str, ...], str] = {}  # values -> the range that lists them
    list_columns: list[tuple[str, tuple[str, ...]]] = []
    bold = openpyxl.styles.Font(bold=True)
    for (table, header), body in zip(headers, bodies, strict=True):
        sheet = workbook.create_sheet(table.name)
        for index, name in enumerate(header.names):
            widest = max((_width(values[index]) for values in body), default=0)
            width = min(max(len(name), widest, _NARROWEST - 2) + 2, _WIDEST)
            sheet.column_dimensions[_letter(index)].width = width
        sheet.freeze_panes = "A2"
        last = _letter(len(header.names) - 1)
        sheet.auto_filter.ref = f"A1:{last}{len(body) + 1}"
        for index, (column, _) in enumerate(header.columns):
            if column is None or not column.choices:
                continue
            if column.choices not in lists:
                at = _letter(len(list_columns))
                lists[column.choices] = f"'{LISTS_SHEET}'!${at}$2:${at}${len(column.choices) + 1}"
                list_columns.append((column.name, column.choices))
            validation = DataValidation(
                type="list",
                formula1=lists[column.choices],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.name,
                error=f"Choose a value of the list in the sheet {LISTS_SHEET}.",
            )
            validation.add(f"{_letter(index)}2:{_letter(index)}1048576")
            sheet.data_validations.append(validation)
        titles = []
        for name in header.names:
            title = WriteOnlyCell(sheet, value=name)
            title.font = bold
            titles.append(title)
        sheet.append(titles)
        for values in body:
            sheet.append([_typed(WriteOnlyCell, sheet, value) for value in values])
    sheet = workbook.create_sheet(LISTS_SHEET)
    longest = max((len(values) for _, values in list_columns), default=0)
    sheet.append([name for name, _ in list_columns])
    for index in range(longest):
        sheet.append([values[index] if index < len(values) else None for _, values in list_columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(Path(target), buffer.getvalue())
    return [table.name for table, _ in headers]


def _typed(cell: Any, sheet: Any, value: _tables.Cell) -> Any:
    """A workbook cell holding *value* with its type."""
    if value is None:
        return None
    if isinstance(value, bool):  # pragma: no cover - the model holds no truth values
        raise TypeError(value)
    if isinstance(value, int):
        if -EXACT_INTEGERS <= value <= EXACT_INTEGERS:
            return value
        value = str(value)
    if isinstance(value, dt.datetime | tuple):
        value = _tables.cell_text(value)
    if isinstance(value, dt.date):
        result = cell(sheet, value=value)
        result.number_format = "yyyy-mm-dd"
        return result
    result = cell(sheet, value=value)
    result.data_type = "s"  # text, even when it starts with "=": never a formula
    return result


class _Sheets:
    """The sheets of a workbook as tables, for reading."""

    def __init__(self, path: Path) -> None:
        openpyxl = _openpyxl()
        try:
            self.workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            if isinstance(error, FileNotFoundError | IsADirectoryError | PermissionError):
                raise
            raise ValidationError(
                [
                    Problem(
                        path="",
                        message="not an Excel workbook (.xlsx): save it in the format "
                        "'Excel 2007-365 (.xlsx)'",
                        table=path.name,
                    )
                ]
            ) from None

    def tables(self) -> Iterator[_tables.TableData | Problem]:
        names = list(self.workbook.sheetnames)
        expected = [table.name for table in _tables.layout()]
        others = [name for name in names if name not in expected]
        for name in expected:
            if name not in names:
                yield Problem(
                    path="",
                    message=f"this sheet is missing{_tables.ids_suggestion(name, others)}: "
                    "a workbook of a dataset has a sheet per table, even an empty one",
                    table=name,
                )
                continue
            sheet = self.workbook[name]
            sheet.reset_dimensions()  # some programs write wrong ones
            rows = sheet.iter_rows(values_only=True)
            header = list(next(rows, ()))
            while header and (header[-1] is None or header[-1] == ""):
                header.pop()
            yield _tables.TableData(
                name=name,
                header=header,
                rows=((number, cells) for number, cells in enumerate(rows, start=2)),
                guarded=False,
                cell_reference=_reference,
            )

    def close(self) -> None:
        self.workbook.close()


def _reference(row: int, index: int | None) -> str:
    return f"{row}:{row}" if index is None else f"{_letter(index)}{row}"


def from_xlsx(source: str | os.PathLike[str]) -> Dataset:
    """Read a workbook that `to_xlsx` wrote (and people edited) into a `Dataset`.

    Every problem is reported at once in a `ValidationError`, each as
    ``sheet!C12: message`` with the JSON Pointer of the value. Needs openpyxl (the
    extra ``xlsx``).

    >>> import tempfile, ctocmodel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = to_xlsx(ctocmodel.examples.cop7(), f"{folder}/cop7.xlsx")
    ...     from_xlsx(f"{folder}/cop7.xlsx") == ctocmodel.examples.cop7()
    True
    """
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {os.fspath(source)!r}")
    sheets = _Sheets(path)
    try:
        return _tables.read_tables(sheets.tables())
    finally:
        sheets.close()

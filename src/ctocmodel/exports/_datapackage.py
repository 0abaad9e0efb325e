"""The Frictionless Data Package that describes the CSV tables (``datapackage.json``).

Each table gets a Table Schema derived from the same layout as the tables: types
(``string``, ``integer``, ``date``, ``datetime``), required fields, the values of
closed lists (``enum``), ``id`` as primary key of the records that others name, and
foreign keys for every single reference and for the column naming a row's parent.
Lists of references (ids joined by ``|``) are strings: Table Schema cannot say that
each id of a list resolves, which `ctocmodel.from_csv` checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._model._checks import ID_PATTERN
from . import _tables

__all__ = ["DESCRIPTOR", "descriptor"]

DESCRIPTOR = "datapackage.json"

_TYPES = {
    "int": "integer",
    "date": "date",
    "datetime": "datetime",
}


def _referenced() -> set[str]:
    """Tables whose records other records name by id: their ``id`` is a primary key."""
    names = set(_tables.REFERENCES.values())
    for table in _tables.layout():
        names.update(parent.name for parent in table.parents)
    return names


def _field(
    name: str, column: _tables.Column | None, required: bool, *, an_id: bool = False
) -> dict[str, Any]:
    kind = column.kind if column is not None else "key"
    spec: dict[str, Any] = {"name": name, "type": _TYPES.get(kind, "string")}
    if kind == "datetime":
        spec["format"] = "any"  # with the UTC offset the format writes
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if column is not None and column.choices:
        constraints["enum"] = list(column.choices)
    if kind == "key" or an_id:
        constraints["pattern"] = ID_PATTERN.removeprefix("^").removesuffix("$")
    if kind == "int":
        constraints["minimum"] = 0
    if constraints:
        spec["constraints"] = constraints
    return spec


def descriptor(headers: Sequence[tuple[str, Sequence[str]]]) -> dict[str, Any]:
    """The Data Package of tables with *headers*: ``(file name, column names)`` each."""
    referenced = _referenced()
    resources = []
    tables = {table.name: table for table in _tables.layout()}
    for file_name, names in headers:
        table = tables[file_name.removesuffix(".csv")]
        columns: dict[str, _tables.Column] = {}
        for column in table.columns:
            if column.kind == "texts":
                for name in names:
                    if name.startswith(column.name + "_"):
                        columns.setdefault(name, column)
            else:
                columns[column.name] = column
        fields = []
        for name in names:
            found = columns.get(name)
            if found is None:  # a key column
                fields.append(_field(name, None, required=len(table.keys) == 1))
            else:
                required = not found.optional and found.kind not in ("texts", "refs")
                an_id = name == "id" and table.name in referenced
                fields.append(_field(name, found, required, an_id=an_id))
        schema: dict[str, Any] = {"fields": fields}
        if table.name in referenced and "id" in names:
            schema["primaryKey"] = ["id"]
        foreign = []
        for key, parent in zip(table.keys, table.parents if table.keys else (), strict=True):
            foreign.append(
                {"fields": [key], "reference": {"resource": parent.name, "fields": ["id"]}}
            )
        for column in table.columns:
            target = _tables.REFERENCES.get(column.name)
            if target is None or column.kind != "text":
                continue
            resource = "" if target == table.name else target
            foreign.append(
                {"fields": [column.name], "reference": {"resource": resource, "fields": ["id"]}}
            )
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": table.name,
                "path": file_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "ctocmodel-dataset",
        "title": "A ctocmodel dataset as CSV tables",
        "resources": resources,
    }

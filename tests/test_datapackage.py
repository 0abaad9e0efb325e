"""The CSV export is a Frictionless Data Package that the frictionless tool validates."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import frictionless
import pytest
from hypothesis import given, settings

from ctocmodel import Dataset, to_csv
from ctocmodel.examples import cop7
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets


def errors(folder: Path) -> list[tuple[str, str]]:
    """The frictionless errors of the package in *folder*, as (type, field name) pairs."""
    report = frictionless.validate(str(folder / "datapackage.json"))
    return [
        (error.type, getattr(error, "field_name", ""))
        for task in report.tasks
        for error in task.errors
    ]


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def test_the_bundled_record_is_valid_with_the_frictionless_command(tmp_path: Path) -> None:
    """`frictionless validate` (the command) accepts the COP7 export, folder and zip."""
    to_csv(cop7(), tmp_path / "folder")
    to_csv(cop7(), tmp_path / "tables.zip")
    for target in (tmp_path / "folder" / "datapackage.json", tmp_path / "tables.zip"):
        result = subprocess.run(
            [sys.executable, "-m", "frictionless", "validate", "--json", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-2000:]
        assert json.loads(result.stdout)["valid"] is True


def test_synthetic_data_is_valid(tmp_path: Path) -> None:
    """A synthetic dataset of about 200 KB exports as a valid package."""
    to_csv(synthetic_dataset(0, size=2), tmp_path)
    assert errors(tmp_path) == []


@settings(max_examples=15, deadline=None)
@given(datasets())
def test_every_dataset_exports_a_valid_package(dataset: Dataset) -> None:
    """Any valid dataset gives tables that frictionless finds valid."""
    with tempfile.TemporaryDirectory() as folder:
        to_csv(dataset, folder, languages=("en", "fr"))
        assert errors(Path(folder)) == []


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "error"),
    [
        ("organizations.csv", 2, "kind", "ngoo", ("constraint-error", "kind")),
        ("organizations.csv", 3, "id", "unodc", ("primary-key", "")),
        ("organizations.csv", 3, "country", "XX", ("constraint-error", "country")),
        ("participation.csv", 2, "organization", "nobody", ("foreign-key", "")),
        ("meetings.csv", 2, "session", "ctoc-cop-8", ("foreign-key", "")),
        ("sessions.csv", 2, "number", "seven", ("type-error", "number")),
        ("sessions.csv", 2, "start", "06/10/2014", ("type-error", "start")),
        ("meetings.csv", 2, "type", "", ("constraint-error", "type")),
    ],
)
def test_the_schemas_catch_broken_tables(
    tmp_path: Path, table: str, row: int, column: str, value: str, error: tuple[str, str]
) -> None:
    """Enums, primary and foreign keys, types and required fields are in the schemas."""
    to_csv(cop7(), tmp_path)
    (tmp_path / "participation.csv").write_text(
        "session,organization,basis,sources\r\nctoc-cop-7,unodc,un_entity,\r\n", "utf-8"
    )
    assert errors(tmp_path) == []
    set_cell(tmp_path / table, row, column, value)
    assert error in errors(tmp_path)


def test_every_table_and_column_is_described(tmp_path: Path) -> None:
    """The descriptor lists each table written, with its columns in order."""
    names = to_csv(cop7(), tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [resource["path"] for resource in descriptor["resources"]] == names
    for resource in descriptor["resources"]:
        with (tmp_path / resource["path"]).open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [field["name"] for field in resource["schema"]["fields"]] == header

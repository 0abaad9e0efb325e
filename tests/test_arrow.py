"""Arrow tables and Parquet files: typed columns derived from the model, each value in place."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from hypothesis import given, settings

import ctocmodel
from ctocmodel import Count, Dataset, Privacy, examples
from ctocmodel._model import specs
from ctocmodel.errors import MissingDependencyError
from ctocmodel.exports import to_arrow, to_parquet
from ctocmodel.exports._tables import ORIGIN, layout, table_rows, value_at
from ctocmodel.testing import synthetic_archive
from ctocmodel.testing.strategies import datasets

UTC = dt.UTC


@pytest.fixture(scope="module")
def cop7() -> dict[str, Any]:
    return to_arrow(examples.cop7())


def test_one_table_per_kind_of_record(cop7: dict[str, Any]) -> None:
    """The tables are the spreadsheet layout's, in its order, with the rows of the record."""
    assert list(cop7) == [table.name for table in layout()]
    assert cop7["meetings"].num_rows == 5
    assert cop7["figures"].num_rows == 3
    assert cop7["questions"].num_rows == 3


def test_columns_are_typed(cop7: dict[str, Any]) -> None:
    """Dates are date32, instants UTC timestamps, integers int64, lists of ids lists."""
    sessions, meetings = cop7["sessions"].schema, cop7["meetings"].schema
    assert sessions.field("start").type == pa.date32()
    assert sessions.field("number").type == pa.int64()
    assert meetings.field("start").type == pa.timestamp("us", tz="UTC")
    assert meetings.field("start_offset_minutes").type == pa.int16()
    assert meetings.field("organizers").type == pa.list_(pa.string())
    assert meetings.field("date").type == pa.date32()
    assert cop7["figures"].schema.field("count_high").type == pa.int64()


def test_multilingual_text_is_a_column_per_language(cop7: dict[str, Any]) -> None:
    """A title in French and English is two columns, title_en and title_fr."""
    meetings = cop7["meetings"]
    assert {"title_en", "title_fr"} <= set(meetings.column_names)
    first = examples.cop7().conferences[0].sessions[0].meetings[0]
    assert meetings.column("title_fr")[0].as_py() == first.title["fr"]


def test_counts_are_intervals(cop7: dict[str, Any]) -> None:
    """ "More than 90" is qualifier more_than, value 90, low 91, high null; exact 16 is 16 to 16."""
    figures = cop7["figures"].to_pylist()
    by_measure = {row["measure"]: row for row in figures}
    participants = by_measure["participants"]
    assert (participants["count_qualifier"], participants["count_value"]) == ("more_than", 90)
    assert (participants["count_low"], participants["count_high"]) == (91, None)
    exact = by_measure["side_event_organizing_ngos"]
    assert (exact["count_low"], exact["count_high"]) == (16, 16)


def test_an_instant_keeps_its_offset() -> None:
    """A start of 13:00+02:00 is 11:00 UTC, with an offset of 120 minutes beside it."""
    plus_two = dt.timezone(dt.timedelta(hours=2))
    meeting = ctocmodel.SideEvent(
        id="m", title={"en": "M"}, start=dt.datetime(2014, 10, 7, 13, 0, tzinfo=plus_two)
    )
    session = ctocmodel.Session(
        id="s", number=1, start=dt.date(2014, 10, 6), end=dt.date(2014, 10, 10), meetings=(meeting,)
    )
    dataset = Dataset(
        conferences=(ctocmodel.Conference(id="c", name={"en": "C"}, sessions=(session,)),)
    )
    (row,) = to_arrow(dataset)["meetings"].to_pylist()
    assert row["start"] == dt.datetime(2014, 10, 7, 11, 0, tzinfo=UTC)
    assert row["start"].utcoffset() == dt.timedelta(0)
    assert row["start_offset_minutes"] == 120
    local = row["start"] + dt.timedelta(minutes=row["start_offset_minutes"])
    assert local.replace(tzinfo=None) == dt.datetime(2014, 10, 7, 13, 0)


def test_every_field_of_the_model_has_a_column(record_classes: frozenset[type]) -> None:
    """Each field of each record class reaches the tables: a field added gets its column."""
    names = {name for table in layout() for column in table.columns for name in column.path}
    names |= {table.field for table in layout()}
    for cls in record_classes:
        if cls.__name__ in ("DocumentSymbol",):
            continue  # held as its symbol, one text
        missing = {spec.name for spec in specs(cls)} - names
        assert missing == set(), cls.__name__


def expected_cells(dataset: Dataset, name: str) -> list[dict[str, Any]]:
    """The model's values of one table, as its typed columns should hold them."""
    table = next(table for table in layout() if table.name == name)
    rows = table_rows(dataset)[name]
    found = []
    for row in rows:
        cells: dict[str, Any] = dict(
            zip(table.keys, row.keys or (None,) * len(table.keys), strict=True)
        )
        for column in table.columns:
            value = row.record if column.path == () else value_at(row.record, column.path)
            if column.name == ORIGIN and column.path == (ORIGIN,):
                cells[column.name] = row.origin
            elif column.kind == "texts":
                for tag, text in (value or {}).items():
                    cells[column.header(tag)] = text
            elif column.kind == "datetime":
                cells[column.name] = value
                offset = value.utcoffset() if value is not None else None
                minutes = None if offset is None else int(offset.total_seconds()) // 60
                cells[f"{column.name}_offset_minutes"] = minutes
            elif column.kind == "refs":
                cells[column.name] = list(value)
            else:
                cells[column.name] = value
                counted = value_at(row.record, column.path[:-1]) if len(column.path) > 1 else None
                if isinstance(counted, Count) and column.path[-1] == "value":
                    stem = "_".join(column.path[:-1])
                    cells[f"{stem}_low"], cells[f"{stem}_high"] = counted.bounds()
        found.append(cells)
    return found


@settings(max_examples=60)
@given(datasets())
def test_every_value_is_in_its_typed_column(dataset: Dataset) -> None:
    """Each value of the model is in its column, typed, and no column holds anything else."""
    tables = to_arrow(dataset, privacy=Privacy(everyone=True))  # every person, to compare
    for name, table in tables.items():
        rows = table.to_pylist()
        expected = expected_cells(dataset, name)
        assert len(rows) == len(expected), name
        for got, want in zip(rows, expected, strict=True):
            assert {k: v for k, v in got.items() if v is not None} == {
                k: v for k, v in want.items() if v is not None
            }, name


def test_dataset_id_column_comes_first() -> None:
    """With a dataset id, every table starts with a non-null column dataset holding it."""
    tables = to_arrow(examples.cop7(), dataset_id="archive.jsonl:7")
    for table in tables.values():
        assert table.schema.field(0).name == "dataset"
        assert not table.schema.field(0).nullable
        assert set(table.column("dataset").to_pylist()) <= {"archive.jsonl:7"}


def test_to_arrow_refuses_what_is_not_a_dataset() -> None:
    """A document's JSON is not a Dataset: TypeError, saying what was given."""
    with pytest.raises(TypeError, match="expected a Dataset, got dict"):
        to_arrow(json.loads(examples.cop7_json()))  # type: ignore[arg-type]


def test_missing_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow, to_arrow raises MissingDependencyError naming the extra arrow."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(
        MissingDependencyError, match=r"pip install pyarrow \(ctocmodel.s extra .arrow.\)"
    ):
        to_arrow(examples.cop7())


def read(folder: Path, name: str) -> pa.Table:
    return pads.dataset(folder / name, format="parquet").to_table()


def test_parquet_of_a_dataset_reads_back_as_its_tables(tmp_path: Path) -> None:
    """to_parquet of a dataset: a folder per table, each reading back as to_arrow's table."""
    assert to_parquet(examples.cop7(), tmp_path / "out") == 1
    for name, table in to_arrow(examples.cop7()).items():
        assert read(tmp_path / "out", name).equals(table), name


def archive_file(folder: Path, bad_line: bytes | None = None) -> Path:
    path = folder / "archive.jsonl"
    ctocmodel.dump_jsonl(synthetic_archive(seed=2, sessions=3), path)
    if bad_line is not None:
        with open(path, "ab") as handle:
            handle.write(bad_line + b"\n")
    return path


def test_archive_rows_name_their_line(tmp_path: Path) -> None:
    """Rows of an archive name their dataset FILE:LINE (the path as given); ids repeat across it."""
    path = archive_file(tmp_path)
    assert to_parquet(str(path), tmp_path / "out") == 3
    sessions = read(tmp_path / "out", "sessions").sort_by("number")
    assert sessions.column("dataset").to_pylist() == [f"{path}:{n}" for n in (1, 2, 3)]
    organizations = read(tmp_path / "out", "organizations")
    ids = organizations.column("id").to_pylist()
    assert ids.count("synthetic-secretariat") == 3  # one per dataset: join on dataset too
    assert read(tmp_path / "out", "problems").num_rows == 0


def test_lines_that_are_not_datasets_go_to_problems(tmp_path: Path) -> None:
    """A bad line is left out of the tables; each of its problems is a row of problems."""
    path = archive_file(tmp_path, b'{"schema_version": "1.0", "sources": 7, "people": {}}')
    assert to_parquet([path], tmp_path / "out") == 3
    problems = read(tmp_path / "out", "problems").to_pylist()
    assert {(p["dataset"], p["file"], p["line"]) for p in problems} == {(f"{path}:4", str(path), 4)}
    assert sorted(p["pointer"] for p in problems) == ["/people", "/sources"]
    assert all(p["message"].startswith("expected an array") for p in problems)
    assert set(read(tmp_path / "out", "dataset").column("dataset").to_pylist()) == {
        f"{path}:{n}" for n in (1, 2, 3)
    }


def test_every_table_has_a_file_even_when_empty(tmp_path: Path) -> None:
    """An archive with no valid line still has every table, empty, so that queries run."""
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"[]\n")
    assert to_parquet(path, tmp_path / "out") == 0
    for table in [*layout(), "problems"]:
        name = table if isinstance(table, str) else table.name
        assert list((tmp_path / "out" / name).glob("*.parquet")), name
    assert read(tmp_path / "out", "problems").num_rows == 1


def test_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    """to_parquet writes into a new or empty folder, never among earlier files."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not an empty folder"):
        to_parquet(examples.cop7(), tmp_path / "out")
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    """Numbers are not paths: a TypeError naming what to_parquet reads."""
    with pytest.raises(TypeError, match="reads a Dataset, JSON Lines files"):
        to_parquet([1, 2], tmp_path / "out")  # type: ignore[list-item]


def test_instants_at_the_ends_of_the_calendar() -> None:
    """0001-01-01T00:00+05:00 is in year 0 in UTC: written, as microseconds, without overflow."""
    first = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    last = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    meetings = (
        ctocmodel.SideEvent(id="first", title={"en": "F"}, start=first),
        ctocmodel.SideEvent(id="last", title={"en": "L"}, start=last),
    )
    session = ctocmodel.Session(
        id="s", number=1, start=dt.date(1, 1, 1), end=dt.date(9999, 12, 31), meetings=meetings
    )
    dataset = Dataset(
        conferences=(ctocmodel.Conference(id="c", name={"en": "C"}, sessions=(session,)),)
    )
    start = to_arrow(dataset)["meetings"].column("start").cast(pa.int64()).to_pylist()
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    assert start == [(moment - epoch) // dt.timedelta(microseconds=1) for moment in (first, last)]

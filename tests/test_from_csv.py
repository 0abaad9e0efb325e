"""Reading CSV tables back: lossless round trips, hand edits, and every problem located."""

from __future__ import annotations

import codecs
import csv
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from ctocmodel import (
    Dataset,
    Organization,
    Privacy,
    ValidationError,
    dumps,
    from_csv,
    to_csv,
)
from ctocmodel.examples import cop7
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets

Rows = list[list[str]]
# A working copy keeps every person's name, and reads back whole.
WHOLE = Privacy(everyone=True)


def read(path: Path) -> Rows:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: Rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def edit(folder: Path, table: str, change: Callable[[Rows], object]) -> None:
    rows = read(folder / table)
    change(rows)
    write(folder / table, rows)


def set_cell(rows: Rows, row: int, column: str, value: str) -> None:
    """Set the cell of *column* on spreadsheet row *row* (the header is row 1)."""
    rows[row - 1][rows[0].index(column)] = value


def problems(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        from_csv(folder)
    return [str(problem) for problem in caught.value.errors]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    to_csv(cop7(), tmp_path)
    return tmp_path


# Round trips


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_every_dataset_reads_back_exactly(dataset: Dataset) -> None:
    """from_csv(to_csv(d)) == d, down to the canonical JSON (offsets, order, languages)."""
    with tempfile.TemporaryDirectory() as target:
        to_csv(dataset, target, privacy=WHOLE)
        read_back = from_csv(target)
    assert read_back == dataset
    assert dumps(read_back) == dumps(dataset)


@settings(max_examples=20, deadline=None)
@given(datasets())
def test_every_dataset_reads_back_from_a_zip_for_excel(dataset: Dataset) -> None:
    """The same through a .zip archive with byte-order marks (excel=True)."""
    with tempfile.TemporaryDirectory() as target:
        archive = Path(target) / "tables.ZIP"
        to_csv(dataset, archive, excel=True, languages=("fr",), privacy=WHOLE)
        assert dumps(from_csv(archive)) == dumps(dataset)


def test_the_synthetic_dataset_keeps_every_field(tmp_path: Path) -> None:
    """Countries, ECOSOC statuses, websites and identifiers of synthetic data read back."""
    dataset = synthetic_dataset(0)
    to_csv(dataset, tmp_path, privacy=WHOLE)
    read_back = from_csv(tmp_path)
    assert [o.country for o in read_back.organizations] == [
        o.country for o in dataset.organizations
    ]
    assert sum(o.identifiers != () for o in read_back.organizations) > 0
    assert dumps(read_back) == dumps(dataset)


def test_schema_version_reads_back(tmp_path: Path) -> None:
    """A dataset of a later minor version keeps its schema_version (dataset.csv)."""
    dataset = Dataset(schema_version="1.3")
    to_csv(dataset, tmp_path)
    assert from_csv(tmp_path).schema_version == "1.3"


def test_formula_guard_is_undone(tmp_path: Path) -> None:
    """Text written with a guarding apostrophe reads back without it; other apostrophes stay."""
    organization = Organization(
        id="ngo", name={"en": "=SUM(A1)", "fr": "'=x", "es": "'Ndrangheta"}, kind="ngo"
    )
    dataset = Dataset(organizations=(organization,))
    to_csv(dataset, tmp_path)
    row = read(tmp_path / "organizations.csv")[1]
    assert {"'=SUM(A1)", "''=x", "'Ndrangheta"} <= set(row)
    assert from_csv(tmp_path).organizations[0].name == organization.name


# Edits by hand


def test_a_corrected_cell_is_read(folder: Path) -> None:
    """A French name corrected in organizations.csv is the new name."""
    edit(folder, "organizations.csv", lambda rows: set_cell(rows, 2, "name_fr", "ONUDC"))
    assert from_csv(folder).organizations[0].name["fr"] == "ONUDC"


def test_an_added_row_is_a_new_record(folder: Path) -> None:
    """A row added at the end of people.csv is a new person, in that place."""
    edit(
        folder,
        "people.csv",
        lambda rows: rows.append(["ghada-waly", "Ghada Waly", "", "public", ""]),
    )
    people = from_csv(folder).people
    assert [p.id for p in people][-1] == "ghada-waly"
    assert len(people) == len(cop7().people) + 1


def test_a_deleted_row_is_a_deleted_record(folder: Path) -> None:
    """Deleting a participant's row deletes that participant."""
    edit(folder, "participants.csv", lambda rows: rows.pop())
    meetings = from_csv(folder).conferences[0].sessions[0].meetings
    before = cop7().conferences[0].sessions[0].meetings
    assert (
        sum(len(m.participants) for m in meetings) == sum(len(m.participants) for m in before) - 1
    )


def test_reordered_rows_reorder_records(folder: Path) -> None:
    """Rows reordered by hand give the records in the new order; other rows keep theirs."""
    edit(
        folder,
        "meetings.csv",
        lambda rows: rows[1:].reverse() or rows.__setitem__(slice(1, None), rows[1:][::-1]),
    )
    meetings = from_csv(folder).conferences[0].sessions[0].meetings
    expected = cop7().conferences[0].sessions[0].meetings[::-1]
    assert [m.id for m in meetings] == [m.id for m in expected]
    assert meetings[0].participants == expected[0].participants


def test_an_emptied_row_is_no_record(folder: Path) -> None:
    """A row whose cells were all cleared is not a record (nor an error)."""
    meeting_id = read(folder / "questions.csv")[1][0]
    edit(folder, "questions.csv", lambda rows: rows.__setitem__(1, [""] * len(rows[1])))
    [dialogue] = [
        m for m in from_csv(folder).conferences[0].sessions[0].meetings if m.id == meeting_id
    ]
    [before] = [m for m in cop7().conferences[0].sessions[0].meetings if m.id == meeting_id]
    assert dialogue.questions == before.questions[1:]  # type: ignore[attr-defined]


def test_a_language_column_may_be_added(folder: Path) -> None:
    """A column name_de added by hand gives the organizations a German name."""

    def add(rows: Rows) -> None:
        rows[0].append("name_de")
        for row in rows[1:]:
            row.append("")
        rows[1][-1] = "Büro der Vereinten Nationen für Drogen- und Verbrechensbekämpfung"

    edit(folder, "organizations.csv", add)
    assert from_csv(folder).organizations[0].name["de"].startswith("Büro")


def test_semicolons_saved_by_a_spreadsheet_are_read(folder: Path) -> None:
    """A table saved with ';' between cells (decimal-comma locales) reads the same."""
    rows = read(folder / "figures.csv")
    with (folder / "figures.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    assert from_csv(folder) == cop7()


# Problems, located


def test_a_renamed_column_is_named_with_a_did_you_mean(folder: Path) -> None:
    """A column renamed by hand is refused by its name, and the original suggested."""
    edit(
        folder,
        "organizations.csv",
        lambda rows: rows[0].__setitem__(rows[0].index("website"), "web site"),
    )
    assert problems(folder) == [
        "organizations.csv:1:web site: unknown column 'web site': is it 'website' renamed? "
        "That column is missing"
    ]


def test_an_unknown_column_is_refused(folder: Path) -> None:
    """A column the format does not have is named, with no record read from that table."""

    def add(rows: Rows) -> None:
        rows[0].append("notes")
        for row in rows[1:]:
            row.append("")

    edit(folder, "people.csv", add)
    assert problems(folder) == ["people.csv:1:notes: unknown column 'notes'"]


def test_a_bad_language_column_is_refused(folder: Path) -> None:
    """name_FR is written name_fr; name_french is not a language."""
    edit(
        folder,
        "organizations.csv",
        lambda rows: rows[0].__setitem__(rows[0].index("name_fr"), "name_FR"),
    )
    assert problems(folder) == [
        "organizations.csv:1:name_FR: write the column 'name_FR' as 'name_fr'"
    ]


def test_a_missing_table_is_named(folder: Path) -> None:
    """A table that is not there is named, with the file it was perhaps renamed to."""
    (folder / "people.csv").rename(folder / "persons.csv")
    [problem] = problems(folder)
    assert problem.startswith("people.csv: this table is missing (did you mean 'persons.csv'?)")


def test_cells_that_cannot_be_read_are_all_located(folder: Path) -> None:
    """A number, a date and a date-time that cannot be read: each with its cell and pointer."""

    def change(rows: Rows) -> None:
        set_cell(rows, 2, "number", "seven")
        set_cell(rows, 2, "end", "10/10/2014")

    edit(folder, "sessions.csv", change)
    edit(folder, "meetings.csv", lambda rows: set_cell(rows, 3, "start", "2014-10-07T13:00"))
    assert problems(folder) == [
        "sessions.csv:2:number: expected a whole number such as 7, got 'seven' "
        "(/conferences/0/sessions/0/number)",
        "sessions.csv:2:end: expected a date written YYYY-MM-DD, such as 2014-10-06, got "
        "'10/10/2014' (/conferences/0/sessions/0/end)",
        "meetings.csv:3:start: '2014-10-07T13:00' has no UTC offset: add the offset in force "
        "where the meeting took place, as in 2014-10-07T13:00:00+02:00 (Z for UTC) "
        "(/conferences/0/sessions/0/meetings/1/start)",
    ]


def test_rules_of_the_model_are_located(folder: Path) -> None:
    """A value the model refuses gives the model's message at its cell, as for JSON."""
    edit(folder, "organizations.csv", lambda rows: set_cell(rows, 3, "kind", "ngoo"))
    [problem] = problems(folder)
    assert problem.startswith("organizations.csv:3:kind: expected one of 'ngo', ")
    assert problem.endswith("got a string ('ngoo') (did you mean 'ngo'?) (/organizations/1/kind)")


def test_an_empty_required_text_names_its_columns(folder: Path) -> None:
    """A title left empty in every language is required, at the first title column."""

    def change(rows: Rows) -> None:
        for column in rows[0]:
            if column.startswith("title_"):
                set_cell(rows, 2, column, "")

    edit(folder, "meetings.csv", change)
    assert problems(folder) == [
        "meetings.csv:2:title_ar: title is required: give it in at least one language column "
        "(title_en, title_fr, ...) (/conferences/0/sessions/0/meetings/0/title)"
    ]


def test_references_are_located_in_lists(folder: Path) -> None:
    """A mistyped id in a list of organizers: the cell, the pointer and a did-you-mean."""
    edit(
        folder,
        "meetings.csv",
        lambda rows: set_cell(rows, 3, "organizers", "unodc-civil-society-tem"),
    )
    [problem] = problems(folder)
    assert problem == (
        "meetings.csv:3:organizers: no organization has the id 'unodc-civil-society-tem' in "
        "this dataset (did you mean 'unodc-civil-society-team'?) "
        "(/conferences/0/sessions/0/meetings/1/organizers/0)"
    )


def test_a_row_of_no_record_is_located_and_its_children_are_not_blamed(folder: Path) -> None:
    """A meeting whose session is mistyped is reported once; its participants are not orphans."""
    edit(folder, "meetings.csv", lambda rows: set_cell(rows, 6, "session", "ctoc-cop-8"))
    assert problems(folder) == [
        "meetings.csv:6:session: no session has the id 'ctoc-cop-8' (did you mean 'ctoc-cop-7'?)"
    ]


def test_every_problem_at_once(folder: Path) -> None:
    """Problems of several tables and kinds come together, in table and row order."""
    edit(folder, "organizations.csv", lambda rows: set_cell(rows, 3, "kind", "ngoo"))
    edit(folder, "sessions.csv", lambda rows: set_cell(rows, 2, "number", "0"))
    edit(folder, "people.csv", lambda rows: set_cell(rows, 2, "name", " "))
    locations = [problem.split(": ")[0] for problem in problems(folder)]
    assert locations == ["organizations.csv:3:kind", "people.csv:2:name", "sessions.csv:2:number"]


def test_a_built_in_topic_cannot_be_changed_here(folder: Path) -> None:
    """Editing the label of a built-in topic's row is refused, not silently ignored."""
    edit(folder, "topics.csv", lambda rows: set_cell(rows, 2, "label_en", "Organised crime"))
    [problem] = problems(folder)
    assert problem.startswith("topics.csv:2: this row differs from the built-in topic")


def test_questions_belong_to_dialogues_only(folder: Path) -> None:
    """A question given to a briefing is refused at its row."""
    edit(folder, "questions.csv", lambda rows: set_cell(rows, 2, "meeting", "cop7-ngo-briefing-1"))
    [problem] = problems(folder)
    assert problem.startswith(
        "questions.csv:2: this row belongs to 'cop7-ngo-briefing-1', a briefing, which has no "
        "questions"
    )


def test_a_value_beyond_the_header_is_refused(folder: Path) -> None:
    """A cell to the right of the last named column is an error, not ignored."""
    edit(folder, "people.csv", lambda rows: rows[1].append("extra"))
    [problem] = problems(folder)
    assert problem.startswith("people.csv:2: this row has a value beyond the last column")


def test_a_table_not_in_utf8_is_refused_with_what_to_do(folder: Path) -> None:
    """A table saved in Windows-1252 says how to save it as UTF-8."""
    text = (folder / "organizations.csv").read_text("utf-8")
    (folder / "organizations.csv").write_bytes(text.encode("cp1252", errors="replace"))
    [problem] = problems(folder)
    assert problem.startswith("organizations.csv: not UTF-8 text")
    assert "CSV UTF-8" in problem


def test_problems_carry_their_place_as_fields(folder: Path) -> None:
    """Programs get table, row and column as fields of each Problem."""
    edit(folder, "sessions.csv", lambda rows: set_cell(rows, 2, "number", "x"))
    with pytest.raises(ValidationError) as caught:
        from_csv(folder)
    [problem] = caught.value.errors
    assert attrs.asdict(problem) == {
        "path": "/conferences/0/sessions/0/number",
        "message": "expected a whole number such as 7, got 'x'",
        "line": None,
        "table": "sessions.csv",
        "row": 2,
        "column": "number",
        "cell": None,
    }


def test_not_tables_at_all(tmp_path: Path) -> None:
    """A file that is neither a folder nor a zip is refused; a missing path is not found."""
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ValidationError, match="not a folder of CSV tables nor a zip"):
        from_csv(tmp_path / "notes.txt")
    with pytest.raises(FileNotFoundError):
        from_csv(tmp_path / "nothing")


def test_a_zip_with_a_table_missing(tmp_path: Path) -> None:
    """A zip archive without one of the tables names it."""
    to_csv(cop7(), tmp_path / "t.zip")
    with (
        zipfile.ZipFile(tmp_path / "t.zip") as source,
        zipfile.ZipFile(tmp_path / "u.zip", "w") as target,
    ):
        for name in source.namelist():
            if name != "figures.csv":
                target.writestr(name, source.read(name))
    with pytest.raises(ValidationError, match=r"figures\.csv: this table is missing"):
        from_csv(tmp_path / "u.zip")


def test_a_byte_order_mark_is_read(folder: Path) -> None:
    """A table saved by Excel with a byte-order mark reads the same."""
    path = folder / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert from_csv(folder) == cop7()

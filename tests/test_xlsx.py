"""Excel workbooks both ways: typed sheets with pick lists, lossless, problems as sheet!C12."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings

from ctocmodel import (
    Conference,
    Count,
    Dataset,
    MissingDependencyError,
    Organization,
    Privacy,
    ReportedFigure,
    Session,
    SideEvent,
    Source,
    ValidationError,
    Venue,
    dumps,
    from_xlsx,
    to_csv,
    to_xlsx,
)
from ctocmodel.examples import cop7
from ctocmodel.exports._xlsx import LISTS_SHEET, README_SHEET
from ctocmodel.testing import synthetic_dataset
from ctocmodel.testing.strategies import datasets

# A working copy keeps every person's name, and reads back whole.
WHOLE = Privacy(everyone=True)

VIENNA = dt.timezone(dt.timedelta(hours=2))


def tricky() -> Dataset:
    """Text a spreadsheet might take for something else, a huge count, dates and times."""
    texts = ["=SUM(A1)", " lead ", "x\ty", "'quoted", "0012", "1.50", "TRUE", "2014-10-06", "中文"]
    session = Session(
        id="s",
        number=3,
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 10),
        venue=Venue(city={"en": "Vienna"}, time_zone="Europe/Vienna"),
        figures=(
            ReportedFigure(
                measure="participants", count=Count(qualifier="about", value=2**60), source="src"
            ),
        ),
        meetings=(
            SideEvent(
                id="m",
                title={"en": "Side event"},
                start=dt.datetime(2014, 10, 7, 13, 15, tzinfo=VIENNA),
                end=dt.datetime(2014, 10, 7, 14, 45, tzinfo=VIENNA),
            ),
        ),
    )
    return Dataset(
        sources=(Source(id="src", title={"en": "x"}, language="en", date=dt.date(2014, 1, 2)),),
        organizations=tuple(
            Organization(id=f"o{i}", name={"en": text}, kind="ngo", country="AT")
            for i, text in enumerate(texts)
        ),
        conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
    )


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "cop7.xlsx"
    to_xlsx(cop7(), path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        from_xlsx(path)
    return [str(problem) for problem in caught.value.errors]


def set_cell(path: Path, sheet: str, column: str, row: int, value: object) -> None:
    """Change one cell as a person would, naming the column by its header."""
    book = openpyxl.load_workbook(path)
    page = book[sheet]
    header = [cell.value for cell in page[1]]
    page.cell(row=row, column=header.index(column) + 1, value=value)
    book.save(path)


# Round trips


@settings(max_examples=40, deadline=None)
@given(datasets())
def test_every_dataset_reads_back_exactly(dataset: Dataset) -> None:
    """from_xlsx(to_xlsx(d)) == d, down to the canonical JSON."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.xlsx"
        to_xlsx(dataset, path, privacy=WHOLE)
        assert dumps(from_xlsx(path)) == dumps(dataset)


@pytest.mark.parametrize(
    "dataset", [cop7(), synthetic_dataset(0), tricky()], ids=["cop7", "synthetic", "tricky"]
)
def test_known_datasets_read_back(tmp_path: Path, dataset: Dataset) -> None:
    """COP7, synthetic data and tricky text read back the same."""
    to_xlsx(dataset, tmp_path / "d.xlsx", privacy=WHOLE)
    assert dumps(from_xlsx(tmp_path / "d.xlsx")) == dumps(dataset)


# The workbook


def test_sheets_are_the_tables_between_read_me_and_lists(tmp_path: Path) -> None:
    """The sheets are the CSV tables, same names and columns, after a read-me sheet."""
    names = to_xlsx(cop7(), tmp_path / "d.xlsx")
    tables = to_csv(cop7(), tmp_path / "csv")
    assert [f"{name}.csv" for name in names] == tables
    book = openpyxl.load_workbook(tmp_path / "d.xlsx")
    assert book.sheetnames == [README_SHEET, *names, LISTS_SHEET]
    for name in names:
        header = [cell.value for cell in book[name][1]]
        csv_header = (tmp_path / "csv" / f"{name}.csv").read_bytes().decode().split("\r\n")[0]
        assert ",".join(header) == csv_header, name


def test_header_is_frozen_filtered_and_bold(workbook: Path) -> None:
    """Every table sheet freezes and filters its header row."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["organizations"]
    assert sheet.freeze_panes == "A2"
    last = sheet.cell(1, sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{len(cop7().organizations) + 1}"
    assert sheet["A1"].font.b


def test_columns_fit_their_content(workbook: Path) -> None:
    """A column is as wide as its longest cell, within bounds."""
    sheet = openpyxl.load_workbook(workbook)["organizations"]
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["id"] == len("alliance-of-ngos-on-crime-prevention-and-criminal-justice") + 2
    assert widths["name_en"] == max(len(o.name["en"]) for o in cop7().organizations) + 2
    assert widths["country"] == len("country") + 2
    assert widths["name_ar"] == len("name_ar") + 2


def test_columns_have_a_widest(tmp_path: Path) -> None:
    """A very long text does not make its column wider than 60 characters."""
    dataset = Dataset(organizations=(Organization(id="o", name={"en": "x" * 500}, kind="ngo"),))
    to_xlsx(dataset, tmp_path / "d.xlsx", languages=("en",))
    sheet = openpyxl.load_workbook(tmp_path / "d.xlsx")["organizations"]
    assert sheet.column_dimensions["B"].width == 60


def test_cells_are_typed(tmp_path: Path) -> None:
    """Dates are dates, counts numbers, huge counts text, date-times text with their offset."""
    to_xlsx(tricky(), tmp_path / "d.xlsx")
    book = openpyxl.load_workbook(tmp_path / "d.xlsx")

    def cell(sheet: str, column: str) -> openpyxl.cell.Cell:
        header = [c.value for c in book[sheet][1]]
        return book[sheet].cell(2, header.index(column) + 1)

    assert cell("sources", "date").value == dt.datetime(2014, 1, 2)
    assert cell("sources", "date").number_format == "yyyy-mm-dd"
    assert cell("sessions", "number").value == 3
    assert cell("sessions", "start").is_date
    assert cell("figures", "count_value").value == str(2**60)
    assert cell("meetings", "start").value == "2014-10-07T13:15:00+02:00"
    assert cell("organizations", "name_en").value == "=SUM(A1)"
    assert cell("organizations", "name_en").data_type == "s"  # text, not a formula


def test_closed_lists_offer_their_values(workbook: Path) -> None:
    """Columns of closed lists have a pick list from the lists sheet, countries included."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["organizations"]
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    kind = next(c.column_letter for c in sheet[1] if c.value == "kind")
    formula = validations[f"{kind}2:{kind}1048576"]
    column, first, last = formula.split("$")[1], formula.split("$")[2], formula.split("$")[4]
    lists = book[LISTS_SHEET]
    values = [lists[f"{column}{row}"].value for row in range(int(first.rstrip(":")), int(last) + 1)]
    assert values == [
        "ngo",
        "ngo_federation",
        "un_entity",
        "un_entity_unit",
        "intergovernmental_organization",
        "member_state",
        "other",
    ]
    country = next(c.column_letter for c in sheet[1] if c.value == "country")
    assert f"{country}2:{country}1048576" in validations


def test_read_me_describes_every_column(workbook: Path) -> None:
    """The read-me sheet has a line per column of every table, with the allowed values."""
    book = openpyxl.load_workbook(workbook)
    rows = [row for row in book[README_SHEET].iter_rows(values_only=True) if row[0]]
    described = {(row[0], row[1]): (row[2], row[3]) for row in rows if row[1]}
    for name in book.sheetnames[1:-1]:
        for cell in book[name][1]:
            assert (name, cell.value) in described, (name, cell.value)
    assert described[("participants", "role")][1] == "speaker, moderator, counterpart, attendee"
    assert described[("participants", "meeting")][0].startswith("the id of the meeting")
    assert described[("organizations", "country")][1] == f"see the sheet {LISTS_SHEET}"


def test_the_same_dataset_gives_the_same_sheets(tmp_path: Path) -> None:
    """Two exports hold the same cells (the archive's timestamps aside)."""
    to_xlsx(cop7(), tmp_path / "a.xlsx")
    to_xlsx(cop7(), tmp_path / "b.xlsx")
    first, second = (openpyxl.load_workbook(tmp_path / n) for n in ("a.xlsx", "b.xlsx"))
    for name in first.sheetnames:
        assert list(first[name].values) == list(second[name].values)


# Edits and problems


def test_a_number_typed_in_a_text_column_is_that_text(workbook: Path) -> None:
    """Typing 2030 as a name gives the name '2030' (spreadsheets store it as a number)."""
    set_cell(workbook, "people", "name", 2, 2030)
    assert from_xlsx(workbook).people[0].name == "2030"


def test_a_date_typed_as_text_is_read(workbook: Path) -> None:
    """A date typed as text in a date column reads as in CSV."""
    set_cell(workbook, "sessions", "end", 2, "2014-10-09")
    assert from_xlsx(workbook).conferences[0].sessions[0].end == dt.date(2014, 10, 9)


def test_problems_are_located_as_sheet_and_cell(workbook: Path) -> None:
    """A wrong kind and a date with a time: each as sheet!C12, with the pointer."""
    set_cell(workbook, "organizations", "kind", 3, "ngoo")
    set_cell(workbook, "sessions", "start", 2, dt.datetime(2014, 10, 6, 9, 30))
    [kind, start] = problems(workbook)
    assert kind.startswith("organizations!H3: expected one of 'ngo'")
    assert kind.endswith("(did you mean 'ngo'?) (/organizations/1/kind)")
    assert start == (
        "sessions!D2: expected a day without a time, got 2014-10-06T09:30:00 "
        "(/conferences/0/sessions/0/start)"
    )


def test_a_row_problem_names_the_row(workbook: Path) -> None:
    """A question given to a briefing names the row as sheet!N:N."""
    set_cell(workbook, "questions", "meeting", 2, "cop7-ngo-briefing-1")
    [problem] = problems(workbook)
    assert problem.startswith("questions!2:2: this row belongs to 'cop7-ngo-briefing-1'")


def test_a_missing_sheet_is_named(workbook: Path) -> None:
    """A sheet renamed by hand is missing, with a did-you-mean."""
    book = openpyxl.load_workbook(workbook)
    book["people"].title = "peoples"
    book.save(workbook)
    [problem] = problems(workbook)
    assert problem.startswith("people: this sheet is missing (did you mean 'peoples'?)")


def test_not_a_workbook(tmp_path: Path) -> None:
    """A file that is not a workbook is refused with what to do."""
    (tmp_path / "x.xlsx").write_text("name,kind\n")
    with pytest.raises(ValidationError, match=r"not an Excel workbook \(\.xlsx\)"):
        from_xlsx(tmp_path / "x.xlsx")


def test_a_text_too_long_for_a_cell_is_refused(tmp_path: Path) -> None:
    """Text beyond a cell's 32,767 characters is refused with its cell, nothing written."""
    dataset = Dataset(organizations=(Organization(id="o", name={"en": "x" * 40_000}, kind="ngo"),))
    with pytest.raises(ValueError, match=r"organizations!D2: a text of 40,000 characters"):
        to_xlsx(dataset, tmp_path / "d.xlsx")
    assert not (tmp_path / "d.xlsx").exists()


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without openpyxl, both directions raise MissingDependencyError naming the extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match="xlsx"):
        to_xlsx(cop7(), tmp_path / "d.xlsx")
    (tmp_path / "d.xlsx").write_bytes(b"")
    with pytest.raises(MissingDependencyError, match="xlsx"):
        from_xlsx(tmp_path / "d.xlsx")


# LibreOffice


SOFFICE = shutil.which("soffice")


def libreoffice_resave(source: Path, folder: Path) -> Path:
    """Open *source* in LibreOffice (headless) and save it again as .xlsx."""
    subprocess.run(
        [
            SOFFICE or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder / "saved"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    return folder / "saved" / source.name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    """COP7, synthetic data and tricky text, saved again by LibreOffice, read back the same.

    (LibreOffice changes two things we leave out here: a CR LF line break inside a
    cell becomes LF, and the text ``_x000D_`` becomes a carriage return.)
    """
    for index, dataset in enumerate((cop7(), synthetic_dataset(0), tricky())):
        source = tmp_path / f"d{index}.xlsx"
        to_xlsx(dataset, source, privacy=WHOLE)
        saved = libreoffice_resave(source, tmp_path)
        assert saved.read_bytes() != source.read_bytes()
        assert dumps(from_xlsx(saved)) == dumps(dataset), index

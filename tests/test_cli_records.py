"""The commands for people who keep records: import, export --to xlsx, init, fmt, --lang."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

from ctocmodel import dumps, loads, to_csv, to_xlsx
from ctocmodel.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_parser, main
from ctocmodel.examples import cop7, cop7_json, starter


def test_import_csv_gives_the_canonical_json(tmp_path: Path) -> None:
    """import --from csv -o OUT.json writes the dataset the tables hold, in canonical form."""
    to_csv(cop7(), tmp_path / "tables.zip")
    assert (
        main(
            [
                "import",
                "--from",
                "csv",
                str(tmp_path / "tables.zip"),
                "-o",
                str(tmp_path / "d.json"),
            ]
        )
        == 0
    )
    assert (tmp_path / "d.json").read_text("utf-8") == dumps(cop7()) + "\n"


def test_import_xlsx_to_stdout_indented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import --from xlsx writes to stdout; --indent lays it out on lines."""
    to_xlsx(cop7(), tmp_path / "d.xlsx")
    assert main(["import", "--from", "xlsx", str(tmp_path / "d.xlsx"), "--indent", "2"]) == 0
    assert capsys.readouterr().out == dumps(cop7(), indent=2) + "\n"


def test_import_reports_problems_located_in_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tables with a problem: exit 1, each problem on stderr with table, row and column."""
    to_csv(cop7(), tmp_path)
    path = tmp_path / "sessions.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("number")] = "seven"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    assert main(["import", "--from", "csv", str(tmp_path)]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[1:] == [
        "sessions.csv:2:number: expected a whole number such as 7, got 'seven' "
        "(/conferences/0/sessions/0/number)"
    ]


def test_import_of_nothing_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist exits 2 with a message."""
    assert main(["import", "--from", "xlsx", str(tmp_path / "none.xlsx")]) == EXIT_USAGE
    assert "cannot read" in capsys.readouterr().err


def test_export_xlsx_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    """export --to xlsx without -o is a usage error, not a workbook on the terminal."""
    assert main(["export", "--to", "xlsx"]) == EXIT_USAGE
    assert "give -o FILE.xlsx" in capsys.readouterr().err


def test_export_xlsx_then_import_gives_the_dataset(tmp_path: Path) -> None:
    """export --to xlsx and import --from xlsx make a round trip of the bundled record."""
    workbook = str(tmp_path / "cop7.xlsx")
    assert main(["export", "--to", "xlsx", "-o", workbook]) == EXIT_OK
    assert main(["import", "--from", "xlsx", workbook, "-o", str(tmp_path / "d.json")]) == 0
    assert loads((tmp_path / "d.json").read_bytes()) == cop7()


def test_export_lang_orders_the_language_columns(tmp_path: Path) -> None:
    """--lang fr --lang en gives French columns first in the tables."""
    assert main(["export", "--to", "csv", "--lang", "fr", "--lang", "en", "-o", str(tmp_path)]) == 0
    header = (tmp_path / "organizations.csv").read_text("utf-8").splitlines()[0]
    assert header.startswith("id,name_fr,name_en,kind,")


@pytest.mark.parametrize(
    ("tag", "says"), [("english", "not a language tag"), ("EN", "write it 'en'")]
)
def test_export_refuses_an_unknown_lang(
    tag: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --lang that is not a language tag is an error, before anything is written."""
    assert main(["export", "--to", "ics", "--lang", tag]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert says in captured.err
    assert captured.out == ""


def test_summary_refuses_an_unknown_lang(capsys: pytest.CaptureFixture[str]) -> None:
    """summary --lang de is refused (no phrasebook), naming the choices."""
    with pytest.raises(SystemExit) as exit_:
        main(["summary", "--lang", "de"])
    assert exit_.value.code == EXIT_USAGE
    assert "invalid choice: 'de'" in capsys.readouterr().err


# init


def test_init_writes_a_valid_starting_document(capsys: pytest.CaptureFixture[str]) -> None:
    """init prints the starter dataset, indented for editing, and it is valid."""
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert loads(out) == starter()
    assert out == dumps(starter(), indent=2) + "\n"
    assert "replace this text" in out


def test_init_example_writes_the_bundled_record(tmp_path: Path) -> None:
    """init --example -o FILE writes the COP7 record."""
    target = tmp_path / "cop7.json"
    assert main(["init", "--example", "-o", str(target)]) == 0
    assert target.read_text("utf-8") == cop7_json()


def test_init_does_not_replace_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing FILE is kept (exit 2) unless --force."""
    target = tmp_path / "mine.json"
    target.write_text("my work")
    assert main(["init", "-o", str(target)]) == EXIT_USAGE
    assert target.read_text() == "my work"
    assert "--force" in capsys.readouterr().err
    assert main(["init", "-o", str(target), "--force"]) == 0
    assert loads(target.read_bytes()) == starter()


# fmt


def test_fmt_rewrites_in_canonical_form(tmp_path: Path) -> None:
    """fmt replaces an indented file by the canonical one, same dataset."""
    target = tmp_path / "cop7.json"
    target.write_text(cop7_json(), "utf-8")
    assert main(["fmt", str(target)]) == 0
    assert target.read_text("utf-8") == dumps(cop7()) + "\n"
    assert main(["fmt", "--indent", "2", str(target)]) == 0
    assert target.read_text("utf-8") == cop7_json()


def test_fmt_check_lists_what_would_change_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt --check exits 1 listing the files not in canonical form, and leaves them alone."""
    canonical = tmp_path / "a.json"
    canonical.write_text(dumps(cop7()) + "\n", "utf-8")
    indented = tmp_path / "b.json"
    indented.write_text(cop7_json(), "utf-8")
    assert main(["fmt", "--check", str(canonical), str(indented)]) == EXIT_INVALID
    assert capsys.readouterr().out == f"{indented}: would be rewritten in canonical form\n"
    assert indented.read_text("utf-8") == cop7_json()
    assert main(["fmt", "--check", str(canonical)]) == EXIT_OK


def test_fmt_leaves_an_invalid_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid file is reported with line and column and not rewritten."""
    target = tmp_path / "bad.json"
    text = cop7_json().replace('"number": 7', '"number": "7"')
    target.write_text(text, "utf-8")
    assert main(["fmt", str(target)]) == EXIT_INVALID
    [line] = capsys.readouterr().err.splitlines()
    row = next(i for i, part in enumerate(text.splitlines(), 1) if '"number": "7"' in part)
    assert line.startswith(f"{target}:{row}:")
    assert line.endswith(
        ":/conferences/0/sessions/0/number: expected an integer, got a string ('7')"
    )
    assert target.read_text("utf-8") == text


# Help


def actions(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [(f"{name} {n}", a) for n, a in actions(sub)]
        else:
            found.append((action.dest, action))
    return found


def test_every_option_has_help_text() -> None:
    """Each argument and option of every command says what it is for."""
    missing = [
        name
        for name, action in actions(build_parser())
        if not action.help and not isinstance(action, argparse._HelpAction)
    ]
    assert missing == []


def test_the_json_format_of_validate_keeps_its_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json keeps path and message, and adds line and column, for JSON files."""
    target = tmp_path / "bad.json"
    target.write_text(cop7_json().replace('"number": 7', '"number": "7"'), "utf-8")
    assert main(["validate", "--format", "json", str(target)]) == 1
    [entry] = json.loads(capsys.readouterr().out)
    [problem] = entry["problems"]
    assert set(problem) == {"path", "message", "line", "column"}

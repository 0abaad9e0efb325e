"""The ``ctocmodel`` command line: validate, summary, --version, exit codes and output forms."""

from __future__ import annotations

import errno
import importlib.metadata
import importlib.resources
import io
import json
import os
import re
import select
import stat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import ctocmodel
from ctocmodel.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from ctocmodel.examples import cop7_json

# Three structural problems in one document: an unknown key, a wrong type, a missing field.
STRUCTURAL_PROBLEMS = """{
  "schema_version": "1.0",
  "sources": [{"id": "news", "title": {"fr": "Nouvelles"}, "language": "fr"}],
  "organizations": [
    {"id": "unodc", "name": {"en": "UNODC"}, "kind": "un_entity", "colour": "blue"}
  ],
  "people": [{"id": "jane-doe", "name": 5}],
  "topics": [{"id": "sextortion"}]
}
"""
# FILE:LINE:COLUMN:/pointer: the key of a member, the object lacking a required one.
STRUCTURAL_LINES = [
    ":5:67:/organizations/0/colour: unknown field 'colour'",
    ":7:33:/people/0/name: expected a string, got an integer (5)",
    ":8:14:/topics/0/label: required field is missing",
]

# Three problems between records: two broken references and a repeated id.
REFERENCE_PROBLEMS = """{
  "schema_version": "1.0",
  "sources": [{"id": "news", "title": {"fr": "Nouvelles"}, "language": "fr", "publisher": "unhcr"}],
  "organizations": [
    {"id": "unodc", "name": {"en": "UNODC"}, "kind": "un_entity", "sources": ["nope"]},
    {"id": "unodc", "name": {"en": "UNODC again"}, "kind": "un_entity"}
  ]
}
"""
REFERENCE_LINES = [
    ":5:79:/organizations/0/sources/0: no source has the id 'nope' in this dataset",
    ":6:6:/organizations/1/id: the organization id 'unodc' is already used by /organizations/0",
    ":3:78:/sources/0/publisher: no organization has the id 'unhcr' in this dataset",
]

# A JSON syntax error on the third line, at the stray comma.
MALFORMED = '{\n  "schema_version": "1.0",\n  "sources": [,]\n}\n'
MALFORMED_MESSAGE = "not valid JSON: Expecting value at line 3, column 15 (character 43)"

SUMMARY_FIGURES = "  More than 90 participants from more than 50 NGOs.\n"
SUMMARY_SIDE_EVENTS = (
    "  16 NGOs organized side events, on: Organized crime, Small arms, Smuggling of migrants, "
    "Trafficking in persons, Services for victims, Trafficking in men for sexual purposes, "
    "Female genital mutilation, International cooperation in legal assistance, Corruption.\n"
)
SUMMARY_DIRECTORS = (
    "        Counterparts: Aldo Lale-Demoz (Deputy Director of UNODC; Director of the Division "
    "for Operations) and Jean-Luc Lemahieu (Director of the Division for Policy Analysis and "
    "Public Affairs)\n"
)


def write(tmp_path: Path, name: str, text: str) -> str:
    """Write *text* as UTF-8 to *name* in *tmp_path* and return the path as a string."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make ``sys.stdin`` a text stream whose ``.buffer`` yields *data*."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def cop7_file(tmp_path: Path) -> str:
    """The bundled COP7 record written to a temporary file."""
    return write(tmp_path, "cop7.json", cop7_json())


@pytest.fixture
def console_script() -> Path:
    """The ``ctocmodel`` console script installed next to the running interpreter."""
    for name in ("ctocmodel", "ctocmodel.exe"):
        script = Path(sys.executable).parent / name
        if script.is_file():
            return script
    pytest.skip("the ctocmodel console script is not installed next to sys.executable")


# validate


def test_validate_bundled_resource_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled examples/cop7.json validates: exit 0 and "FILE: valid" on stdout."""
    resource = importlib.resources.files("ctocmodel.examples") / "cop7.json"
    with importlib.resources.as_file(resource) as path:
        code = main(["validate", str(path)])
        assert capsys.readouterr().out == f"{path}: valid\n"
    assert code == EXIT_OK == 0


def test_validate_valid_file_prints_nothing_on_stderr(
    cop7_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A valid file gives exit 0, one "FILE: valid" line and an empty stderr."""
    assert main(["validate", cop7_file]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (f"{cop7_file}: valid\n", "")


def test_validate_reports_every_structural_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown key, a wrong type and a missing field are all reported, one line each."""
    bad = write(tmp_path, "bad.json", STRUCTURAL_PROBLEMS)
    assert main(["validate", bad]) == EXIT_INVALID == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [bad + line for line in STRUCTURAL_LINES]
    assert captured.err == ""


def test_validate_reports_every_broken_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken references and repeated ids are all reported as FILE:/json/pointer: message."""
    bad = write(tmp_path, "refs.json", REFERENCE_PROBLEMS)
    assert main(["validate", bad]) == 1
    assert capsys.readouterr().out.splitlines() == [bad + line for line in REFERENCE_LINES]


def test_validate_malformed_json_gives_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Malformed JSON exits 1 with a single "FILE: message" line giving line and column."""
    broken = write(tmp_path, "broken.json", MALFORMED)
    assert main(["validate", broken]) == 1
    assert capsys.readouterr().out == f"{broken}: {MALFORMED_MESSAGE}\n"


def test_validate_empty_file_is_invalid_not_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty file can be read but is no dataset: exit 1 and a message about emptiness."""
    empty = write(tmp_path, "empty.json", "")
    assert main(["validate", empty]) == 1
    assert capsys.readouterr().out == (
        f"{empty}: the input is empty; a document is a JSON object\n"
    )


def test_validate_several_files_mixing_valid_and_invalid(
    cop7_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file is checked in order; one invalid file among valid ones makes the exit 1."""
    broken = write(tmp_path, "broken.json", MALFORMED)
    assert main(["validate", cop7_file, broken, cop7_file]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{cop7_file}: valid",
        f"{broken}: {MALFORMED_MESSAGE}",
        f"{cop7_file}: valid",
    ]


def test_validate_missing_file_exits_2_with_message_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file exits 2 and says on stderr that it cannot be read, and why."""
    missing = str(tmp_path / "missing.json")
    assert main(["validate", missing]) == EXIT_USAGE == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ctocmodel: cannot read {missing}: No such file or directory\n"


def test_validate_folder_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder given as FILE is unreadable: exit 2 and a message on stderr."""
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"ctocmodel: cannot read {tmp_path}: ")


def test_validate_unreadable_wins_over_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With an invalid and a missing file the exit is 2, and the invalid file is still reported."""
    bad = write(tmp_path, "bad.json", STRUCTURAL_PROBLEMS)
    missing = str(tmp_path / "missing.json")
    assert main(["validate", missing, bad]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [bad + line for line in STRUCTURAL_LINES]
    assert captured.err == f"ctocmodel: cannot read {missing}: No such file or directory\n"


def test_validate_dash_reads_valid_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """FILE "-" reads the document from standard input, shown as <stdin>."""
    feed_stdin(monkeypatch, cop7_json().encode("utf-8"))
    assert main(["validate", "-"]) == 0
    assert capsys.readouterr().out == "<stdin>: valid\n"


def test_validate_dash_reports_problems_of_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Problems of a document read from standard input are located under <stdin>."""
    feed_stdin(monkeypatch, STRUCTURAL_PROBLEMS.encode("utf-8"))
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().out.splitlines() == ["<stdin>" + line for line in STRUCTURAL_LINES]


def test_validate_unreadable_stdin_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard input that fails with an OSError is unreadable: exit 2, named <stdin>."""
    monkeypatch.setattr(sys, "stdin", _FailingStdin())
    assert main(["validate", "-"]) == 2
    assert capsys.readouterr().err == "ctocmodel: cannot read <stdin>: Input/output error\n"


def test_validate_json_format_lists_every_file(
    cop7_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json prints a JSON list of {file, status, problems} in argument order."""
    bad = write(tmp_path, "bad.json", STRUCTURAL_PROBLEMS)
    assert main(["validate", "--format", "json", cop7_file, bad]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    report = json.loads(captured.out)
    assert report == [
        {"file": cop7_file, "status": "valid", "problems": []},
        {
            "file": bad,
            "status": "invalid",
            "problems": [
                {
                    "path": "/organizations/0/colour",
                    "message": "unknown field 'colour'",
                    "line": 5,
                    "column": 67,
                },
                {
                    "path": "/people/0/name",
                    "message": "expected a string, got an integer (5)",
                    "line": 7,
                    "column": 33,
                },
                {
                    "path": "/topics/0/label",
                    "message": "required field is missing",
                    "line": 8,
                    "column": 14,
                },
            ],
        },
    ]


def test_validate_json_format_whole_document_problem_has_empty_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In JSON output a malformed document's problem has the empty pointer as path."""
    broken = write(tmp_path, "broken.json", MALFORMED)
    assert main(["validate", broken, "--format", "json"]) == 1
    [entry] = json.loads(capsys.readouterr().out)
    assert entry == {
        "file": broken,
        "status": "invalid",
        "problems": [{"path": "", "message": MALFORMED_MESSAGE, "line": None, "column": None}],
    }


def test_validate_json_format_unreadable_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In JSON output an unreadable file is an entry with status "unreadable" and exit is 2."""
    missing = str(tmp_path / "missing.json")
    assert main(["validate", "--format=json", missing]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [
        {"file": missing, "status": "unreadable", "message": "No such file or directory"}
    ]
    assert captured.err == ""


def test_validate_json_format_keeps_non_ascii(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON output writes non-ASCII characters as themselves, not as \\u escapes."""
    bad = write(tmp_path, "bad.json", '{"schema_version": "1.0", "sources": "données"}')
    assert main(["validate", "--format", "json", bad]) == 1
    out = capsys.readouterr().out
    assert "'données'" in out
    assert "\\u00e9" not in out


def test_validate_without_file_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """validate needs at least one FILE: argparse exits 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_validate_unknown_format_is_usage_error(
    cop7_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format accepts only text and json: anything else exits 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml", cop7_file])
    assert exit_info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# summary


def test_summary_without_file_describes_cop7(capsys: pytest.CaptureFixture[str]) -> None:
    """summary without FILE describes the bundled COP7 record with its qualified figures."""
    assert main(["summary"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert captured.err == ""
    assert out.startswith(
        "CTOC/COP: Conference of the Parties to the United Nations Convention against "
        "Transnational Organized Crime\n\nSession 7: 6 to 10 October 2014\n"
    )
    assert SUMMARY_FIGURES in out
    assert "16 NGOs organized side events" in out
    assert SUMMARY_SIDE_EVENTS in out
    assert SUMMARY_DIRECTORS in out
    assert "Aldo Lale-Demoz" in out
    assert "Jean-Luc Lemahieu" in out


def test_summary_of_file_equals_summary_of_bundled_record(
    cop7_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary FILE on a copy of the COP7 record prints exactly the default summary."""
    assert main(["summary"]) == 0
    default = capsys.readouterr().out
    assert main(["summary", cop7_file]) == 0
    assert capsys.readouterr().out == default


def test_summary_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary - reads the dataset from standard input."""
    feed_stdin(monkeypatch, cop7_json().encode("utf-8"))
    assert main(["summary", "-"]) == 0
    assert SUMMARY_FIGURES in capsys.readouterr().out


def test_summary_of_invalid_file_exits_1_with_problems_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary of an invalid file prints nothing on stdout and every problem on stderr."""
    bad = write(tmp_path, "bad.json", STRUCTURAL_PROBLEMS)
    assert main(["summary", bad]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"ctocmodel: {bad} is not a valid dataset:",
        *(bad + re.sub(r"^:[0-9]+:[0-9]+:", ":", line) for line in STRUCTURAL_LINES),
    ]


def test_summary_of_malformed_stdin_names_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary - of malformed JSON exits 1 and names the input <stdin> on stderr."""
    feed_stdin(monkeypatch, MALFORMED.encode("utf-8"))
    assert main(["summary", "-"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "ctocmodel: <stdin> is not a valid dataset:",
        f"<stdin>: {MALFORMED_MESSAGE}",
    ]


def test_summary_of_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary of a missing file exits 2 with a message on stderr and nothing on stdout."""
    missing = str(tmp_path / "missing.json")
    assert main(["summary", missing]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ctocmodel: cannot read {missing}: No such file or directory\n"


def test_summary_unreadable_stdin_is_named_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary - with unreadable stdin exits 2 and names it <stdin>, as validate does."""
    monkeypatch.setattr(sys, "stdin", _FailingStdin())
    assert main(["summary", "-"]) == 2
    assert capsys.readouterr().err == "ctocmodel: cannot read <stdin>: Input/output error\n"


def test_summary_takes_at_most_one_file(cop7_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    """summary accepts a single FILE: a second one is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", cop7_file, cop7_file])
    assert exit_info.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


NBSP = "\u00a0"


def test_summary_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """summary --lang fr words the COP7 summary in French, dates and figures included."""
    assert main(["summary", "--lang", "fr"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines()[2:4] == [
        f"Session 7{NBSP}: du 6 au 10 octobre 2014",
        "  Plus de 90 participants issus de plus de 50 ONG.",
    ]
    assert "  16 ONG ont organisé des manifestations parallèles sur les thèmes suivants" in (
        captured.out
    )
    assert f"\nFiches{NBSP}: 5 organisations, 2 personnes, 1 source.\n" in captured.out


def test_summary_in_spanish(cop7_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    """summary --lang es FILE words the summary in Spanish."""
    assert main(["summary", "--lang", "es", cop7_file]) == 0
    assert capsys.readouterr().out.splitlines()[2:4] == [
        "7.º período de sesiones: del 6 al 10 de octubre de 2014",
        "  Más de 90 participantes de más de 50 ONG.",
    ]


def test_summary_lang_en_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    """summary --lang en prints exactly what summary prints."""
    assert main(["summary"]) == 0
    default = capsys.readouterr().out
    assert main(["summary", "--lang", "en"]) == 0
    assert capsys.readouterr().out == default


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_summary_accepts_every_phrasebook_language(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every language with a phrasebook is a choice of --lang."""
    from ctocmodel._summary import SUMMARY_LANGUAGES, summarize

    assert language in SUMMARY_LANGUAGES
    assert main(["summary", "--lang", language]) == 0
    assert capsys.readouterr().out == summarize(ctocmodel.examples.cop7(), language=language)


@pytest.mark.parametrize("language", ["de", "ar", "fr-CA"])
def test_summary_refuses_other_languages(language: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--lang accepts only en, fr and es: anything else is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", "--lang", language])
    assert exit_info.value.code == 2
    assert f"invalid choice: '{language}'" in capsys.readouterr().err


SUMMARY_LANGUAGES_HEAD = [
    "Multilingual texts: 31",
    "Texts lacking each language:",
    "  ar (Arabic): 31",
    "  zh (Chinese): 31",
    "  en (English): 1",
    "  fr (French): 0",
    "  ru (Russian): 31",
    "  es (Spanish): 31",
    "",
    "Texts lacking a language: 31",
    "  /sources/0/title: has fr; lacks ar, zh, en, ru, es",
    "  /organizations/0/name: has en, fr; lacks ar, zh, ru, es",
    "  /organizations/0/acronym: has en, fr; lacks ar, zh, ru, es",
]


def test_summary_languages_reports_cop7_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    """summary --languages counts the texts lacking each UN language, then lists each text."""
    assert main(["summary", "--languages"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    lines = captured.out.splitlines()
    assert lines[:13] == SUMMARY_LANGUAGES_HEAD
    assert len(lines) == 10 + 31
    assert lines[-1] == (
        "  /conferences/0/sessions/0/meetings/4/questions/2: has en, fr; lacks ar, zh, ru, es"
    )


def test_summary_languages_of_a_fully_translated_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A dataset whose texts have all six UN languages reports zeros and no text."""
    every = {tag: f"UNODC ({tag})" for tag in ("ar", "en", "es", "fr", "ru", "zh")}
    dataset = ctocmodel.Dataset(
        organizations=(ctocmodel.Organization(id="unodc", name=every, kind="un_entity"),)
    )
    target = write(tmp_path, "full.json", ctocmodel.dumps(dataset))
    assert main(["summary", "--languages", target]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Multilingual texts: 1"
    assert lines[2:8] == [
        f"  {tag}: 0"
        for tag in (
            "ar (Arabic)",
            "zh (Chinese)",
            "en (English)",
            "fr (French)",
            "ru (Russian)",
            "es (Spanish)",
        )
    ]
    assert lines[8:] == ["", "No text lacks a language."]


def test_summary_languages_of_invalid_file_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary --languages of an invalid file exits 1 like summary, nothing on stdout."""
    bad = write(tmp_path, "bad.json", STRUCTURAL_PROBLEMS)
    assert main(["summary", "--languages", bad]) == 1
    assert capsys.readouterr().out == ""


def test_summary_languages_and_lang_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    """--languages replaces the summary, so giving --lang with it is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", "--languages", "--lang", "fr"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_summary_in_french_without_babel_exits_2() -> None:
    """Without Babel, summary --lang fr prints one line naming pip install babel and exits 2."""
    script = (
        "import sys\n"
        "sys.modules['babel'] = None\n"
        "from ctocmodel.cli import main\n"
        "sys.exit(main(['summary', '--lang', 'fr']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "ctocmodel: A summary in French or Spanish needs the babel package: "
        "pip install babel (ctocmodel's extra 'i18n')\n"
    )


# --version and usage


def test_version_prints_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints "ctocmodel <installed version>" on stdout and exits 0."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    expected = f"ctocmodel {importlib.metadata.version('ctocmodel')}\n"
    assert capsys.readouterr().out == expected


def test_no_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command argparse prints the usage and exits 2."""
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ctocmodel")
    assert "the following arguments are required: COMMAND" in err


def test_unknown_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command exits 2 and names the valid commands."""
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'check'" in err
    assert "'validate'" in err
    assert "'summary'" in err


# End to end, through a new process (slow: keep these few).


def test_module_entry_point_validates_and_exits_0(cop7_file: str) -> None:
    """python -m ctocmodel.cli validate FILE exits 0 and prints "FILE: valid"."""
    result = subprocess.run(
        [sys.executable, "-m", "ctocmodel.cli", "validate", cop7_file],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{cop7_file}: valid\n", "")


def test_module_entry_point_reads_invalid_stdin_and_exits_1() -> None:
    """python -m ctocmodel.cli validate - with an invalid document on stdin exits 1."""
    result = subprocess.run(
        [sys.executable, "-m", "ctocmodel.cli", "validate", "-"],
        input=STRUCTURAL_PROBLEMS.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines == ["<stdin>" + line for line in STRUCTURAL_LINES]


def test_console_script_summary_of_missing_file_exits_2(
    console_script: Path, tmp_path: Path
) -> None:
    """The installed ctocmodel script exits 2 with a stderr message for a missing file."""
    missing = str(tmp_path / "missing.json")
    result = subprocess.run(
        [str(console_script), "summary", missing],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"ctocmodel: cannot read {missing}: No such file or directory\n"


class _FailingBuffer:
    def read(self, size: int = -1) -> bytes:
        raise OSError(errno.EIO, "Input/output error")


class _FailingStdin:
    """A standard input whose binary buffer fails on read, like a broken terminal."""

    buffer = _FailingBuffer()


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """schema prints the same JSON Schema the library generates."""
    from ctocmodel.schema import schema_text

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == schema_text()


def test_schema_writes_to_a_file(tmp_path: Path) -> None:
    """schema -o writes the schema to a file."""
    from ctocmodel.schema import json_schema

    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()


def test_validate_jsonl_reports_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate --jsonl names the line of each problem as FILE:LINE:/pointer: message."""
    good = ctocmodel.dumps(ctocmodel.examples.cop7())
    bad = json.loads(good)
    bad["people"][0]["name"] = None
    target = tmp_path / "archive.jsonl"
    target.write_text("\n".join([good, json.dumps(bad), good]) + "\n", encoding="utf-8")
    assert main(["validate", "--jsonl", str(target)]) == 1
    out = capsys.readouterr().out
    assert out == f"{target}:2:/people/0/name: expected a string, got null\n"


def test_validate_jsonl_of_valid_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON Lines file whose lines are all valid datasets is valid (exit 0)."""
    target = tmp_path / "archive.jsonl"
    ctocmodel.dump_jsonl([ctocmodel.examples.cop7()] * 3, target)
    assert main(["validate", "--jsonl", str(target), "--format", "json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result == {"file": str(target), "status": "valid", "problems": []}


def test_validate_jsonl_of_valid_lines_in_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In text, a JSON Lines file whose lines are all valid gets its "FILE: valid" line."""
    target = tmp_path / "archive.jsonl"
    ctocmodel.dump_jsonl([ctocmodel.examples.cop7()] * 2, target)
    assert main(["validate", "--jsonl", str(target)]) == EXIT_OK
    assert capsys.readouterr().out == f"{target}: valid\n"


def test_terminal_controls_in_paths_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key holding a terminal escape is shown escaped, never sent raw to the terminal."""
    target = tmp_path / "escape.json"
    target.write_text('{"schema_version": "1.0", "\\u001b[2J": 1}', encoding="utf-8")
    assert main(["validate", str(target)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert out == f"{target}:1:27:/\\x1b[2J: unknown field '\\x1b[2J'\n"


# Every reader is bounded (issue 12, finding 3)

# A child running `ctocmodel validate /dev/zero` with the default limits, its address
# space capped: a reader that reads until the end (which /dev/zero never reaches) fails
# with a MemoryError instead of taking the machine's memory.
_VALIDATE_DEVICE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))
from ctocmodel.cli import main
sys.exit(main(["validate", "/dev/zero"]))
"""

posix_devices = pytest.mark.skipif(
    not Path("/dev/zero").exists() or sys.platform == "win32", reason="no /dev/zero"
)


@posix_devices
def test_validate_of_an_endless_device_stops_at_the_size_limit() -> None:
    """validate /dev/zero reads max_bytes + 1 bytes, then says the file is over the limit."""
    result = subprocess.run(
        [sys.executable, "-c", _VALIDATE_DEVICE],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (EXIT_INVALID, "")
    assert result.stdout == (
        "/dev/zero: the file is at least 512,000,001 bytes (at least 512 MB), over the limit "
        "of 512,000,000 bytes (512 MB); pass limits=Limits(max_bytes=...) to read it\n"
    )


class _EndlessBuffer:
    """Standard input that never ends (a pipe from /dev/zero); it counts what it gave."""

    def __init__(self) -> None:
        self.given = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            raise AssertionError("standard input read without a bound")
        self.given += size
        return bytes(size)


class _EndlessStdin:
    def __init__(self) -> None:
        self.buffer = _EndlessBuffer()


def test_validate_reads_standard_input_up_to_max_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate --max-bytes N - reads N + 1 bytes of an endless standard input, then stops."""
    stdin = _EndlessStdin()
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["validate", "--max-bytes", "1000", "-"]) == EXIT_INVALID
    assert capsys.readouterr().out == (
        "<stdin>: the document is at least 1,001 bytes (at least 1.0 kB), over the limit of "
        "1,000 bytes (1.0 kB); pass limits=Limits(max_bytes=...) to read it\n"
    )
    assert stdin.buffer.given == 1001


def test_summary_reads_standard_input_up_to_max_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary - is bounded too: an endless standard input is refused at --max-bytes."""
    stdin = _EndlessStdin()
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["summary", "--max-bytes", "1000", "-"]) == EXIT_INVALID
    assert capsys.readouterr().err.splitlines() == [
        "ctocmodel: <stdin> is not a valid dataset:",
        "<stdin>: the document is at least 1,001 bytes (at least 1.0 kB), over the limit of "
        "1,000 bytes (1.0 kB); pass limits=Limits(max_bytes=...) to read it",
    ]
    assert stdin.buffer.given == 1001


@posix_devices
def test_validate_jsonl_of_an_endless_device_ends(capsys: pytest.CaptureFixture[str]) -> None:
    """validate --jsonl /dev/zero (one line that never ends) stops and says why."""
    assert main(["validate", "--jsonl", "--max-bytes", "1000", "/dev/zero"]) == EXIT_INVALID
    assert capsys.readouterr().out.splitlines() == [
        "/dev/zero:1: the line is at least 16,384 bytes (at least 16.4 kB), over the limit of "
        "1,000 bytes (1.0 kB); pass limits=Limits(max_bytes=...) to read it",
        "/dev/zero: line 1 does not end within 16 times the size limit (16,000 bytes): "
        "reading stopped there and the rest of the input is not checked",
    ]


def test_max_bytes_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    """--max-bytes takes a number of bytes of at least 1 (commas allowed); else exit 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--max-bytes", "0", "x.json"])
    assert exit_info.value.code == EXIT_USAGE
    assert "must be at least 1, got 0" in capsys.readouterr().err


# JSON Lines streamed, with a budget of problems for the whole file (finding 4)


def test_validate_jsonl_reports_a_line_before_the_input_ends() -> None:
    """validate --jsonl - prints a bad line's problem at once, not after reading everything."""
    child = subprocess.Popen(
        [sys.executable, "-m", "ctocmodel.cli", "validate", "--jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None
    assert child.stdout is not None
    try:
        child.stdin.write(b"[]\n")
        child.stdin.flush()
        # A guard against a report that waits for the end of the input, not a measure.
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready, "nothing was reported while the input stayed open"
        assert child.stdout.readline() == b"<stdin>:1: expected a dataset, got an array\n"
    finally:
        child.stdin.close()
        child.wait(timeout=120)
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == EXIT_INVALID


def test_validate_jsonl_memory_stays_small_however_many_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A few MB of bad lines: the report stops at the problem limit, memory stays small."""
    target = tmp_path / "bad.jsonl"
    target.write_bytes((b"[" + b" " * 100 + b"]\n") * 30_000)  # 3 MB, a problem a line
    warm = tmp_path / "warm.jsonl"
    warm.write_bytes(b"[]\n")
    main(["validate", "--jsonl", str(warm)])  # what the first run imports and caches
    capsys.readouterr()
    tracemalloc.start()
    try:
        assert main(["validate", "--jsonl", str(target)]) == EXIT_INVALID
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1_001
    assert lines[-1].startswith(
        f"{target}: the limit of 1,000 problems was reached at line 1,001: checking stopped"
    )
    # Measured: 0.2 MB. Keeping every problem of the file took 23 MB for 20,000 lines.
    assert peak < 4_000_000


# Names reach the terminal escaped (finding 6)


def test_a_newline_in_a_name_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named "a.json: valid\\nfake.json" is reported on one line, the newline escaped."""
    forged = write(tmp_path, "a.json: valid\nfake.json", STRUCTURAL_PROBLEMS)
    assert main(["validate", forged]) == EXIT_INVALID
    lines = capsys.readouterr().out.splitlines()
    shown = f"{tmp_path}/a.json: valid\\nfake.json"
    assert lines == [shown + line for line in STRUCTURAL_LINES]


@pytest.mark.parametrize(
    ("character", "escape"),
    [
        ("\x1b", "\\x1b"),  # ESC: starts the sequences that move, colour or clear
        ("\r", "\\r"),  # back to the start of the line, to write over it
        ("\x9b", "\\x9b"),  # C1 CSI: ESC [ in one character
        ("\x7f", "\\x7f"),  # DEL
        ("\u202e", "\\u202e"),  # right-to-left override: txt.exe shown as exe.txt
        ("\u2066", "\\u2066"),  # left-to-right isolate
    ],
)
def test_controls_in_names_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], character: str, escape: str
) -> None:
    """validate shows a control or bidi character of a file name escaped, never raw."""
    name = write(tmp_path, f"x{character}[2J.json", cop7_json())
    assert main(["validate", name]) == EXIT_OK
    assert capsys.readouterr().out == f"{tmp_path}/x{escape}[2J.json: valid\n"


def test_cannot_read_messages_escape_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The "cannot read" message of a missing file escapes the ESC of its name."""
    missing = str(tmp_path / "\x1b]0;owned\x07.json")
    assert main(["validate", missing]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot read {tmp_path}/\\x1b]0;owned\\x07.json: No such file or directory\n"
    )


def test_summary_cannot_read_message_escapes_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary's "cannot read" message goes through the same escaping as validate's."""
    missing = str(tmp_path / "x\nctocmodel: fake.json")
    assert main(["summary", missing]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot read {tmp_path}/x\\nctocmodel: fake.json: No such file or directory\n"
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names of arbitrary bytes")
def test_json_format_writes_undecodable_names_as_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json writes a name's non-UTF-8 byte as the text \\xNN, never a lone surrogate."""
    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(cop7_json())
    assert main(["validate", "--format", "json", os.fsdecode(raw)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\\ud" not in out  # no \udce9 escape: a lone surrogate once parsed
    [entry] = json.loads(out)
    assert entry["file"] == f"{tmp_path}/caf\\xe9.json"


# Writing only replaces a regular file or creates one (finding 7)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
def test_output_to_a_named_pipe_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """schema -o FIFO exits 2 with one line on stderr, and the FIFO stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["schema", "-o", str(fifo)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot write {fifo}: it is a named pipe (FIFO); ctocmodel only replaces "
        "a regular file or creates one; leave out -o (or give -o -) to write to standard "
        "output\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_to_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """export -o FOLDER exits 2 with a message, no traceback."""
    assert main(["export", "--to", "jsonld", "-o", str(tmp_path)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot write {tmp_path}: it is a folder; ctocmodel only replaces a "
        "regular file or creates one\n"
    )


def test_output_into_a_missing_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """schema -o into a folder that does not exist exits 2 and names the folder."""
    target = tmp_path / "missing" / "schema.json"
    assert main(["schema", "-o", str(target)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot write {target}: the folder {tmp_path}/missing does not exist\n"
    )


def test_csv_output_onto_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export --to csv -o FILE (not a folder, not .zip) exits 2 with a message."""
    target = write(tmp_path, "tables", "not a folder")
    assert main(["export", "--to", "csv", "-o", target]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        f"ctocmodel: cannot write {target}: it is not a folder; give -o FOLDER or -o FILE.zip\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE")
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """validate ... | head -1: the writer ends quietly, with 141 as if killed by SIGPIPE."""
    document = {
        "schema_version": "1.0",
        "people": [{"id": f"p{number}", "name": 5} for number in range(900)],
    }
    bad = write(tmp_path, "bad.json", json.dumps(document))
    child = subprocess.Popen(
        [sys.executable, "-m", "ctocmodel.cli", "validate", *[bad] * 8],  # about 500 kB
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # as head -1 does once it has its line
    errors = child.stderr.read()
    child.stderr.close()
    child.wait(timeout=120)
    assert first.startswith(bad.encode() + b":1:51:/people/0/name: ")
    assert (child.returncode, errors) == (141, b"")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE")
def test_a_closed_output_is_not_taken_for_an_unreadable_jsonl_file(tmp_path: Path) -> None:
    """validate --jsonl ... | head -1 ends quietly too: the closed pipe is not the input's fault."""
    bad = write(tmp_path, "bad.jsonl", "[]\n" * 1_000)
    child = subprocess.Popen(
        [sys.executable, "-m", "ctocmodel.cli", "validate", "--jsonl", *[bad] * 12],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()
    errors = child.stderr.read()
    child.stderr.close()
    child.wait(timeout=120)
    assert first == bad.encode() + b":1: expected a dataset, got an array\n"
    assert (child.returncode, errors) == (141, b"")


# An empty JSON Lines file (finding 8, first half)


def test_validate_jsonl_of_an_empty_file_is_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty JSON Lines file holds no dataset: exit 1 and a message, not "valid"."""
    empty = write(tmp_path, "empty.jsonl", "")
    assert main(["validate", "--jsonl", empty]) == EXIT_INVALID
    assert capsys.readouterr().out == (
        f"{empty}: the input is empty: a JSON Lines file holds one dataset per line, "
        "and this one holds none\n"
    )


def test_summary_escapes_what_a_terminal_would_obey(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text of the data (valid: CR and bidi overrides are allowed) reaches a terminal escaped."""
    document = json.loads(cop7_json())
    document["conferences"][0]["name"]["en"] = "Conference\r\u202eevil"
    target = write(tmp_path, "spoofed.json", json.dumps(document, ensure_ascii=False))
    assert main(["summary", target]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\r" not in out
    assert "\u202e" not in out
    assert "Conference\\r\\u202eevil" in out

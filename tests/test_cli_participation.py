"""The command line for participation and privacy: check-participation, export's people options."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from ctocmodel import (
    Admission,
    Conference,
    Dataset,
    Listing,
    Organization,
    Participant,
    Person,
    Session,
    SideEvent,
    dumps,
    examples,
    loads,
    pseudonym,
)
from ctocmodel.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

START = dt.date(2014, 10, 6)
KEY = b"0123456789abcdef0123456789abcdef"


def dataset(listed: dt.date = dt.date(2014, 9, 1), organizer: str = "ngo") -> Dataset:
    """An NGO admitted under rule 17(2), with its list circulated on *listed*."""
    session = Session(
        id="cop-7",
        number=7,
        start=START,
        end=START,
        admissions=(
            Admission(
                id="a",
                organization="ngo",
                route="ctoc-cop-rule-17-2",
                listing=Listing(date=listed),
                outcome="accorded",
            ),
        ),
        meetings=(SideEvent(id="m", title={"en": "M"}, organizers=(organizer,)),),
    )
    return Dataset(
        organizations=(
            Organization(id="ngo", name={"en": "NGO"}, kind="ngo"),
            Organization(id="other-ngo", name={"en": "Other"}, kind="ngo"),
        ),
        conferences=(
            Conference(
                id="cop", name={"en": "COP"}, participation_rules="ctoc-cop", sessions=(session,)
            ),
        ),
    )


def saved(tmp_path: Path, data: Dataset, name: str = "d.json") -> str:
    path = tmp_path / name
    path.write_text(dumps(data, indent=2) + "\n", encoding="utf-8")
    return str(path)


# check-participation


def test_no_findings_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dataset that keeps the rules: "FILE: no findings", exit 0."""
    file = saved(tmp_path, dataset())
    assert main(["check-participation", file]) == EXIT_OK
    assert capsys.readouterr().out == f"{file}: no findings\n"


def test_an_error_exits_1_with_its_place_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A late list: FILE:LINE:COLUMN:/pointer: error: message [rule 17(2)], exit 1."""
    file = saved(tmp_path, dataset(listed=dt.date(2014, 9, 20)))
    assert main(["check-participation", file]) == EXIT_INVALID
    first, last = capsys.readouterr().out.splitlines()
    place, _, rest = first.partition(":/")
    assert place.startswith(f"{file}:")
    assert place.count(":") == 2
    text = Path(file).read_text(encoding="utf-8").splitlines()
    line, column = (int(n) for n in place.rsplit(":", 2)[1:])
    assert text[line - 1][column - 1 :].startswith('"date"')
    assert rest.startswith("conferences/0/sessions/0/admissions/0/listing/date: error: ")
    assert rest.endswith("[rule 17(2)]")
    assert last == f"{file}: 1 error, 0 warnings"


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An organizer with no admission is a warning: reported, exit 0."""
    file = saved(tmp_path, dataset(organizer="other-ngo"))
    assert main(["check-participation", file]) == EXIT_OK
    out = capsys.readouterr().out
    assert ": warning: 'other-ngo' organizes this meeting" in out
    assert out.endswith(f"{file}: 0 errors, 1 warning\n")


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json: per file, its status and findings with place, check and rule."""
    file = saved(tmp_path, dataset(listed=dt.date(2014, 9, 20)))
    assert main(["check-participation", "--format", "json", file]) == EXIT_INVALID
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["status"] == "errors"
    [finding] = entry["findings"]
    assert (finding["check"], finding["severity"], finding["cited"], finding["rules"]) == (
        "list_notice",
        "error",
        "rule 17(2)",
        "ctoc-cop",
    )
    assert isinstance(finding["line"], int)


def test_an_invalid_dataset_exits_1_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not a valid dataset is reported as validate reports it."""
    file = tmp_path / "bad.json"
    file.write_text('{"schema_version": "1.1", "people": [{"id": "p"}]}', encoding="utf-8")
    assert main(["check-participation", str(file)]) == EXIT_INVALID
    assert "/people/0/name: required field is missing" in capsys.readouterr().out


def test_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file: exit 2, the reason on stderr."""
    assert main(["check-participation", str(tmp_path / "none.json")]) == EXIT_USAGE
    assert "cannot read" in capsys.readouterr().err


def test_rules_for_a_file_that_names_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rules ctoc-cop checks the bundled record, which names no rules: warnings only."""
    file = tmp_path / "cop7.json"
    file.write_text(examples.cop7_json(), encoding="utf-8")
    assert main(["check-participation", str(file)]) == EXIT_OK
    assert capsys.readouterr().out == f"{file}: no findings\n"
    assert main(["check-participation", "--rules", "ctoc-cop", str(file)]) == EXIT_OK
    assert "0 errors, 8 warnings" in capsys.readouterr().out


def test_unknown_rules_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rules naming no rule set is a usage error that lists the known ones."""
    file = saved(tmp_path, dataset())
    assert main(["check-participation", "--rules", "ctoc", file]) == EXIT_USAGE
    assert "known: 'ctoc-cop'" in capsys.readouterr().err


# export: people


def with_hidden_people() -> Dataset:
    base = dataset()
    people = (
        Person(id="ann-hidden", name="Ann Hidden", visibility="private"),
        Person(id="bob-listed", name="Bob Listed", visibility="organization"),
        Person(id="eve-public", name="Eve Public", consent="by email on 1 May"),
    )
    meeting = attrs.evolve(
        base.conferences[0].sessions[0].meetings[0],
        participants=tuple(
            Participant(role="speaker", person=person.id, organization="ngo") for person in people
        ),
    )
    session = attrs.evolve(base.conferences[0].sessions[0], meetings=(meeting,))
    conference = attrs.evolve(base.conferences[0], sessions=(session,))
    return attrs.evolve(base, people=people, conferences=(conference,))


def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    file = saved(tmp_path, with_hidden_people())
    assert main(["export", "--to", "json", file, *options]) == EXIT_OK
    return capsys.readouterr().out


def test_export_shows_each_person_as_their_visibility_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default: the public person by name, the others unnamed, no consent note."""
    out = exported(tmp_path, capsys)
    assert "Eve Public" in out
    for hidden in ("Ann Hidden", "ann-hidden", "Bob Listed", "bob-listed", "by email"):
        assert hidden not in out
    assert [p.id for p in loads(out).people] == ["eve-public"]


def test_export_public_counts_everyone_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--public: the person listed by organization is counted too, not represented one by one."""
    shown = loads(exported(tmp_path, capsys, "--public"))
    participants = shown.conferences[0].sessions[0].meetings[0].participants
    assert [(p.person, p.count.value if p.count else None) for p in participants] == [
        (None, 2),
        ("eve-public", None),
    ]


def test_export_with_a_key_gives_pseudonyms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--pseudonym-key: the person listed by organization is HMAC-SHA256 of their id."""
    key = tmp_path / "key"
    key.write_bytes(KEY + b"\n")  # as an editor saves it: the line break is no part of it
    out = exported(tmp_path, capsys, "--pseudonym-key", str(key))
    assert pseudonym("bob-listed", KEY) in out
    assert "Bob Listed" not in out
    assert "ann-hidden" not in out


def test_a_short_key_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key of fewer than 16 bytes is refused before anything is written."""
    key = tmp_path / "key"
    key.write_bytes(b"secret\n")
    file = saved(tmp_path, with_hidden_people())
    assert main(["export", "--to", "json", file, "--pseudonym-key", str(key)]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert (captured.out, "at least 16 bytes" in captured.err) == ("", True)


def test_a_missing_key_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """There is no default key: a key file that cannot be read stops the export."""
    file = saved(tmp_path, with_hidden_people())
    missing = str(tmp_path / "no-key")
    assert main(["export", "--to", "json", file, "--pseudonym-key", missing]) == EXIT_USAGE
    assert "cannot read" in capsys.readouterr().err


def test_export_unredacted_is_the_working_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--unredacted names everyone, consent notes included: the dataset itself."""
    out = exported(tmp_path, capsys, "--unredacted")
    assert loads(out) == with_hidden_people()


def test_people_options_go_one_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--public and --unredacted contradict each other: a usage error."""
    file = saved(tmp_path, with_hidden_people())
    with pytest.raises(SystemExit) as exited:
        main(["export", "--to", "json", file, "--public", "--unredacted"])
    assert exited.value.code == EXIT_USAGE
    assert "not allowed with" in capsys.readouterr().err


def test_summary_names_no_hidden_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ctocmodel summary shows hidden people as a count of their organization's participants."""
    file = saved(tmp_path, with_hidden_people())
    assert main(["summary", file]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Eve Public" in out
    assert "Ann Hidden" not in out
    assert "Bob Listed" not in out
    assert "participant whose name is not published (NGO)" in out

"""People's privacy: no export and no summary names a person their visibility hides.

The property tests add people with names and ids found nowhere else (``Zqxhidden...``)
to any valid dataset, place them in meetings and statements, and search every output
of every export and of the summary for them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ctocmodel
from ctocmodel import (
    Conference,
    Count,
    Dataset,
    Dialogue,
    ExportWarning,
    Invitation,
    Organization,
    Participant,
    Person,
    Position,
    Privacy,
    Session,
    SideEvent,
    Statement,
    dumps,
    exports,
    loads,
    pseudonym,
    redact,
    summarize,
)
from ctocmodel.testing.strategies import datasets

KEY = bytes(range(32))
VISIBILITIES = ("public", "organization", "private")
LETTERS = "abcdefghij"


def marker(visibility: str, index: int) -> tuple[str, str]:
    """A person id and name that no other text of a dataset can hold."""
    word = "".join(LETTERS[int(digit)] for digit in str(index))
    return f"zqx{visibility}-{index}", f"Zqx{visibility.capitalize()} Person{word.capitalize()}"


@st.composite
def with_marked_people(draw: st.DrawFn) -> Dataset:
    """A valid dataset to which marked people of each visibility are added, and placed."""
    dataset = draw(datasets())
    organizations = [o.id for o in dataset.organizations]
    marked: list[Person] = []
    for index in range(draw(st.integers(3, 6))):
        # One person of each visibility at least, then any.
        visibility = VISIBILITIES[index] if index < 3 else draw(st.sampled_from(VISIBILITIES))
        person_id, name = marker(visibility, index)
        positions = ()
        if organizations and draw(st.booleans()):
            title = {"en": f"Zqxtitle of {name}"}
            positions = (Position(title=title, organization=draw(st.sampled_from(organizations))),)
        marked.append(
            Person(
                id=person_id,
                name=name,
                positions=positions,
                visibility=visibility,
                consent=f"Zqxconsent of {name}",
            )
        )
    ids = [person.id for person in marked]
    conferences = []
    for conference in dataset.conferences:
        sessions = []
        for session in conference.sessions:
            meetings = []
            for meeting in session.meetings:
                added = tuple(
                    Participant(
                        role=draw(
                            st.sampled_from(
                                ("speaker", "counterpart")
                                if isinstance(meeting, Dialogue)
                                else ("speaker", "moderator", "attendee")
                            )
                        ),
                        person=person_id,
                        organization=(
                            draw(st.none() | st.sampled_from(organizations))
                            if organizations
                            else None
                        ),
                    )
                    for person_id in draw(st.lists(st.sampled_from(ids), max_size=3))
                )
                meetings.append(attrs.evolve(meeting, participants=meeting.participants + added))
            statements = session.statements
            if organizations:
                statements += tuple(
                    Statement(
                        kind="oral",
                        organization=draw(st.sampled_from(organizations)),
                        person=person_id,
                        invitation=Invitation(by="president"),
                    )
                    for person_id in draw(st.lists(st.sampled_from(ids), max_size=2))
                )
            sessions.append(attrs.evolve(session, meetings=tuple(meetings), statements=statements))
        conferences.append(attrs.evolve(conference, sessions=tuple(sessions)))
    return attrs.evolve(
        dataset, people=dataset.people + tuple(marked), conferences=tuple(conferences)
    )


def _folder_text(folder: Path) -> str:
    return "\n".join(path.read_text("utf-8-sig") for path in sorted(folder.iterdir()))


def _workbook_text(path: Path) -> str:
    with zipfile.ZipFile(path) as workbook:
        return "\n".join(workbook.read(name).decode("utf-8") for name in workbook.namelist())


def _unfolded(calendar: bytes) -> str:
    return calendar.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def csv_text(dataset: Dataset, privacy: Privacy | None) -> str:
    with tempfile.TemporaryDirectory() as folder:
        exports.to_csv(dataset, folder, privacy=privacy)
        return _folder_text(Path(folder))


def xlsx_text(dataset: Dataset, privacy: Privacy | None) -> str:
    with tempfile.TemporaryDirectory() as folder:
        exports.to_xlsx(dataset, Path(folder) / "d.xlsx", privacy=privacy)
        return _workbook_text(Path(folder) / "d.xlsx")


def _tables_text(tables: Any) -> str:
    return json.dumps([table.to_pylist() for table in tables], ensure_ascii=False, default=str)


def arrow_text(dataset: Dataset, privacy: Privacy | None) -> str:
    return _tables_text(exports.to_arrow(dataset, privacy=privacy).values())


def parquet_text(dataset: Dataset, privacy: Privacy | None) -> str:
    parquet = pytest.importorskip("pyarrow.parquet")
    with tempfile.TemporaryDirectory() as folder:
        exports.to_parquet(dataset, folder, privacy=privacy)
        return _tables_text(parquet.read_table(p) for p in sorted(Path(folder).rglob("*.parquet")))


# Every export, as text to search. A new export (Arrow, say) fails test_every_export_is_searched
# until it is added here.
EXPORTS: dict[str, Callable[[Dataset, Privacy | None], str]] = {
    "to_csv": csv_text,
    "to_xlsx": xlsx_text,
    "to_ical": lambda d, p: _unfolded(exports.to_ical(d, privacy=p)),
    "to_jsonld": lambda d, p: json.dumps(exports.to_jsonld(d, privacy=p), ensure_ascii=False),
    "to_arrow": arrow_text,
    "to_parquet": parquet_text,
}
SUMMARIES: dict[str, Callable[[Dataset, Privacy | None], str]] = {
    f"summarize({language})": lambda d, p, language=language: summarize(  # type: ignore[misc]
        d, language=language, privacy=p
    )
    for language in ("en", "fr", "es")
}
OUTPUTS = {**EXPORTS, **SUMMARIES, "json": lambda d, p: dumps(redact(d, p))}


def outputs(dataset: Dataset, privacy: Privacy | None) -> dict[str, str]:
    with warnings.catch_warnings():
        # The iCalendar export warns of the meetings it leaves out, which have no date.
        warnings.simplefilter("ignore", ExportWarning)
        return {name: write(dataset, privacy) for name, write in OUTPUTS.items()}


def marked(dataset: Dataset, *visibilities: str) -> list[str]:
    """The ids and names (and consent notes) of the marked people of *visibilities*."""
    found = []
    for person in dataset.people:
        if person.id.startswith("zqx") and person.visibility in visibilities:
            found += [person.id, person.name]
    return found


def leaks(texts: dict[str, str], words: list[str]) -> list[tuple[str, str]]:
    return [(output, word) for output, text in texts.items() for word in words if word in text]


def test_every_export_is_searched() -> None:
    """The property tests below search the output of every export ctocmodel has."""
    assert set(EXPORTS) == {name for name in exports.__all__ if name.startswith("to_")}


@settings(max_examples=25, deadline=None)
@given(with_marked_people())
def test_no_hidden_name_reaches_any_export_or_the_summary(dataset: Dataset) -> None:
    """By default, no output holds the name or id of a person listed by organization or private."""
    texts = outputs(dataset, None)
    assert leaks(texts, marked(dataset, "organization", "private")) == []
    assert leaks(texts, ["Zqxconsent"]) == []


@settings(max_examples=15, deadline=None)
@given(with_marked_people())
def test_public_exports_name_only_public_people(dataset: Dataset) -> None:
    """With public_only, no output holds a person who is not public, nor a pseudonym."""
    texts = outputs(dataset, Privacy(public_only=True))
    assert leaks(texts, marked(dataset, "organization", "private")) == []
    assert leaks(texts, ["pseudonym-", "Zqxconsent"]) == []


@settings(max_examples=15, deadline=None)
@given(with_marked_people())
def test_pseudonymised_exports_hold_pseudonyms_never_names(dataset: Dataset) -> None:
    """With a key, people listed by organization are pseudonyms; private people stay counts."""
    texts = outputs(dataset, Privacy(pseudonym_key=KEY))
    assert leaks(texts, marked(dataset, "organization", "private")) == []
    private = [p.id for p in dataset.people if p.visibility == "private"]
    assert leaks(texts, [pseudonym(person_id, KEY) for person_id in private]) == []
    shown = redact(dataset, Privacy(pseudonym_key=KEY))
    listed = [p.id for p in dataset.people if p.visibility == "organization"]
    assert {p.id for p in shown.people} >= {pseudonym(person_id, KEY) for person_id in listed}
    assert all(pseudonym(person_id, KEY) in texts["to_jsonld"] for person_id in listed)


@settings(max_examples=10, deadline=None)
@given(with_marked_people())
def test_the_search_finds_names_that_are_shown(dataset: Dataset) -> None:
    """The search can fail: public names are in the JSON-LD, and everyone's in a working copy."""
    assert leaks(outputs(dataset, None), marked(dataset, "public"))
    everyone = outputs(dataset, Privacy(everyone=True))
    hidden = marked(dataset, "organization", "private")
    assert {word for _, word in leaks({"jsonld": everyone["to_jsonld"]}, hidden)} == set(hidden)


@pytest.mark.parametrize("reader", ["paths", "dask"])
def test_archive_tables_hide_people_as_a_dataset_s_do(reader: str, tmp_path: Path) -> None:
    """to_parquet of JSON Lines, read here or on Dask, redacts each line's dataset by default."""
    dataset = meeting_dataset(
        person("zqxhidden", "private"),
        person("zqxshown", "public"),
        participants=(Participant(role="speaker", person="zqxhidden", organization="ngo"),),
    )
    ctocmodel.dump_jsonl([dataset, dataset], tmp_path / "archive.jsonl")
    source: Any = tmp_path / "archive.jsonl"
    if reader == "dask":
        source = pytest.importorskip("ctocmodel.dask").read_jsonl(str(source), blocksize=1)
    parquet = pytest.importorskip("pyarrow.parquet")
    assert exports.to_parquet(source, tmp_path / "tables") == 2
    text = _tables_text(parquet.read_table(p) for p in (tmp_path / "tables").rglob("*.parquet"))
    assert "zqxshown" in text
    assert "zqxhidden" not in text.lower()


# Redaction, record by record


def meeting_dataset(*people: Person, participants: tuple[Participant, ...]) -> Dataset:
    meeting = SideEvent(
        id="m", title={"en": "Meeting"}, organizers=("ngo",), participants=participants
    )
    session = Session(
        id="s", number=1, start=dt.date(2020, 1, 6), end=dt.date(2020, 1, 10), meetings=(meeting,)
    )
    return Dataset(
        organizations=(Organization(id="ngo", name={"en": "NGO"}, kind="ngo"),),
        people=people,
        conferences=(Conference(id="c", name={"en": "C"}, sessions=(session,)),),
    )


def person(person_id: str, visibility: str, **fields: Any) -> Person:
    return Person(id=person_id, name=person_id.title(), visibility=visibility, **fields)


def participants_of(dataset: Dataset) -> tuple[Participant, ...]:
    return dataset.conferences[0].sessions[0].meetings[0].participants


def test_private_people_become_a_count_of_their_organization_s_participants() -> None:
    """Two private speakers of one organization are one group of 2, where the first one was."""
    dataset = meeting_dataset(
        person("ann", "private"),
        person("bob", "private"),
        person("eve", "public"),
        participants=(
            Participant(role="speaker", person="ann", organization="ngo"),
            Participant(role="speaker", person="eve"),
            Participant(role="speaker", person="bob", organization="ngo"),
        ),
    )
    shown = redact(dataset)
    group, eve = participants_of(shown)
    assert (group.role, group.organization, group.person) == ("speaker", "ngo", None)
    assert group.count == Count(qualifier="exact", value=2)
    assert group.description is not None
    assert group.description["en"] == "participants whose names are not published"
    assert eve.person == "eve"
    assert [p.id for p in shown.people] == ["eve"]


def test_a_person_listed_by_organization_is_a_representative_of_it() -> None:
    """Without a key, each appearance is an unnamed representative of the person's organization."""
    dataset = meeting_dataset(
        person(
            "ann", "organization", positions=(Position(title={"en": "Chair"}, organization="ngo"),)
        ),
        participants=(Participant(role="moderator", person="ann"),),
    )
    [shown] = participants_of(redact(dataset))
    assert (shown.role, shown.organization, shown.person, shown.count) == (
        "moderator",
        "ngo",
        None,
        None,
    )
    assert redact(dataset).people == ()


def test_public_only_counts_people_listed_by_organization() -> None:
    """public_only shows no one but public people: the others are counted."""
    dataset = meeting_dataset(
        person("ann", "organization"),
        participants=(Participant(role="speaker", person="ann", organization="ngo"),),
    )
    [shown] = participants_of(redact(dataset, Privacy(public_only=True)))
    assert shown.count == Count(qualifier="exact", value=1)


def test_a_pseudonym_stands_for_a_person_listed_by_organization() -> None:
    """With a key, the person keeps one stable pseudonym, with no name, title or consent."""
    dataset = meeting_dataset(
        person(
            "ann",
            "organization",
            positions=(Position(title={"en": "Chair"}, organization="ngo"),),
            consent="agreed by email",
        ),
        participants=(Participant(role="speaker", person="ann"),),
    )
    shown = redact(dataset, Privacy(pseudonym_key=KEY))
    [stand_in] = shown.people
    assert stand_in.id == stand_in.name == pseudonym("ann", KEY)
    assert (stand_in.positions, stand_in.consent, stand_in.visibility) == ((), None, "organization")
    [participant] = participants_of(shown)
    assert (participant.person, participant.organization) == (stand_in.id, "ngo")
    assert redact(dataset, Privacy(pseudonym_key=KEY)) == shown


def test_pseudonyms_are_keyed() -> None:
    """The same id gives the same pseudonym under a key, another under another key."""
    other = bytes(range(1, 33))
    assert pseudonym("ann", KEY) == pseudonym("ann", KEY)
    assert pseudonym("ann", KEY) != pseudonym("ann", other)
    assert pseudonym("ann", KEY) != pseudonym("bob", KEY)
    assert "ann" not in pseudonym("ann", KEY)


@pytest.mark.parametrize("key", [b"", b"short key", bytes(15)])
def test_a_short_key_is_refused(key: bytes) -> None:
    """A pseudonym key has at least 16 bytes: there is no default, and no weak key."""
    with pytest.raises(ValueError, match="at least 16 bytes"):
        Privacy(pseudonym_key=key)
    with pytest.raises(ValueError, match="at least 16 bytes"):
        pseudonym("ann", key)


def test_a_key_is_bytes() -> None:
    """A text key is refused: keys are bytes, read from a file or secrets.token_bytes."""
    with pytest.raises(TypeError, match="a pseudonym key is bytes"):
        Privacy(pseudonym_key="0123456789abcdef0123")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "options",
    [
        {"everyone": True, "public_only": True},
        {"everyone": True, "pseudonym_key": KEY},
        {"public_only": True, "pseudonym_key": KEY},
    ],
)
def test_contradictory_options_are_refused(options: dict[str, Any]) -> None:
    """Everyone, public only and a pseudonym key say different things: one at a time."""
    with pytest.raises(ValueError, match=r"goes with|nothing to do"):
        Privacy(**options)


def test_the_key_is_not_shown() -> None:
    """The key is no part of the repr, which logs and tracebacks show."""
    assert KEY.hex() not in repr(Privacy(pseudonym_key=KEY))
    assert str(KEY) not in repr(Privacy(pseudonym_key=KEY))


def test_consent_notes_are_kept_only_in_a_working_copy() -> None:
    """A consent note is for the dataset's keepers: dropped from exports, kept with everyone."""
    dataset = meeting_dataset(person("eve", "public", consent="Zqx consent"), participants=())
    assert redact(dataset).people[0].consent is None
    assert "Zqx consent" not in csv_text(dataset, None)
    assert "Zqx consent" in csv_text(dataset, Privacy(everyone=True))


def test_a_statement_stays_its_organization_s() -> None:
    """A hidden person's statement is their organization's, with no one named."""
    dataset = meeting_dataset(person("ann", "private"), participants=())
    statement = Statement(kind="written", organization="ngo", person="ann")
    session = attrs.evolve(dataset.conferences[0].sessions[0], statements=(statement,))
    dataset = attrs.evolve(
        dataset, conferences=(attrs.evolve(dataset.conferences[0], sessions=(session,)),)
    )
    [shown] = redact(dataset).conferences[0].sessions[0].statements
    assert (shown.organization, shown.person) == ("ngo", None)


def test_a_dataset_of_public_people_is_shown_as_it_is() -> None:
    """Redacting the bundled record, whose people are public, gives the same object."""
    cop7 = ctocmodel.examples.cop7()
    assert redact(cop7) is cop7
    assert summarize(cop7) == summarize(cop7, privacy=Privacy(everyone=True))


@settings(max_examples=40, deadline=None)
@given(datasets(), st.sampled_from([None, Privacy(public_only=True), Privacy(pseudonym_key=KEY)]))
def test_what_is_shown_is_a_valid_dataset(dataset: Dataset, privacy: Privacy | None) -> None:
    """A redacted dataset keeps every rule (dialogues keep counterparts) and round-trips."""
    shown = redact(dataset, privacy)
    assert loads(dumps(shown)) == shown
    assert all(person.consent is None for person in shown.people)
    if privacy is None or privacy.pseudonym_key is None:
        assert {person.visibility for person in shown.people} <= {"public"}


def test_old_documents_name_their_people_as_before() -> None:
    """A 1.0 document has no visibility: its people are public, and shown as before."""
    document = json.loads(ctocmodel.examples.cop7_json())
    document["schema_version"] = "1.0"
    for record in document["people"]:
        del record["visibility"], record["consent"]
    dataset = loads(json.dumps(document))
    assert {person.visibility for person in dataset.people} == {"public"}
    assert "Aldo Lale-Demoz" in summarize(dataset)


def test_not_a_dataset_is_a_type_error() -> None:
    """redact takes a Dataset."""
    with pytest.raises(TypeError, match="expected a Dataset"):
        redact(io.StringIO())  # type: ignore[arg-type]
